//! Stage 3, what the deeper discovery fetched, by node: each paper's known nested references (as
//! nodes), the papers whose nested references name it, its SPECTER2 embedding (unit length) and
//! its place among Semantic Scholar's recommendations. Empty with `--depth 1`.

use std::collections::HashSet;

use super::CitationGraph;
use crate::model::{Corpus, NestedReferences};

/// A paper's nested reference list, when Semantic Scholar sent a usable one.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownReferences {
    /// The references that are papers of the graph (node indices, sorted, distinct).
    pub nodes: Vec<u32>,
    /// How many references it has: Semantic Scholar's count, at least the ids sent.
    pub total: u32,
}

/// The discovery data of every node, by node index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeDiscovery {
    /// Whether the discovery phase ran.
    pub ran: bool,
    /// Known nested references by node (`None`: not asked, or unknown).
    pub references: Vec<Option<KnownReferences>>,
    /// By node: the nodes whose known nested references name it (sorted).
    pub cited_in: Vec<Vec<u32>>,
    /// Unit-length embeddings by node.
    pub embeddings: Vec<Option<Vec<f32>>>,
    /// Place among the recommendations (0 = first) by node.
    pub recommended: Vec<Option<u32>>,
    /// Papers whose nested list came back empty although S2 counts references.
    pub unknown_references: usize,
    /// How many papers were recommended in all.
    pub recommendations: usize,
}

impl NodeDiscovery {
    /// The discovery data of `corpus` on the nodes of `graph` (aliases map to their node).
    pub fn of(graph: &CitationGraph, corpus: &Corpus) -> NodeDiscovery {
        let n = graph.node_count();
        let d = &corpus.discovery;
        let mut out = NodeDiscovery {
            ran: d.ran,
            references: vec![None; n],
            cited_in: vec![Vec::new(); n],
            embeddings: vec![None; n],
            recommended: vec![None; n],
            unknown_references: 0,
            recommendations: d.recommended.len(),
        };
        if !d.ran {
            return out;
        }
        for (id, nested) in &d.references {
            let Some(node) = graph.find(id) else { continue };
            match nested {
                NestedReferences::Unknown { .. } => out.unknown_references += 1,
                NestedReferences::Known { ids, reference_count } => {
                    let mut nodes: Vec<u32> = ids
                        .iter()
                        .filter_map(|r| graph.find(r))
                        .filter(|&r| r != node)
                        .map(|r| r.index() as u32)
                        .collect();
                    nodes.sort_unstable();
                    nodes.dedup();
                    let total = reference_count.unwrap_or(0).max(ids.len() as u64) as u32;
                    let slot = &mut out.references[node.index()];
                    // Twins merged into one node: the union of their lists.
                    match slot {
                        Some(known) => {
                            let set: HashSet<u32> = known.nodes.iter().chain(&nodes).copied().collect();
                            known.nodes = set.into_iter().collect();
                            known.nodes.sort_unstable();
                            known.total = known.total.max(total);
                        }
                        None => *slot = Some(KnownReferences { nodes, total }),
                    }
                }
            }
        }
        for (v, known) in out.references.iter().enumerate() {
            for &r in known.iter().flat_map(|k| &k.nodes) {
                out.cited_in[r as usize].push(v as u32);
            }
        }
        for (id, vector) in &d.embeddings {
            let Some(node) = graph.find(id) else { continue };
            let norm = vector.iter().map(|x| f64::from(*x) * f64::from(*x)).sum::<f64>().sqrt();
            if norm > 0.0 && out.embeddings[node.index()].is_none() {
                out.embeddings[node.index()] = Some(vector.iter().map(|x| (f64::from(*x) / norm) as f32).collect());
            }
        }
        for (rank, id) in d.recommended.iter().enumerate() {
            if let Some(node) = graph.find(id) {
                let slot = &mut out.recommended[node.index()];
                *slot = Some(slot.map_or(rank as u32, |r| r.min(rank as u32)));
            }
        }
        out
    }

    /// The known nested references of node `v`.
    pub fn references_of(&self, v: usize) -> Option<&KnownReferences> {
        self.references.get(v).and_then(Option::as_ref)
    }

    /// The nodes whose nested references name `v`.
    pub fn cited_in(&self, v: usize) -> &[u32] {
        self.cited_in.get(v).map_or(&[], Vec::as_slice)
    }

    /// The unit embedding of `v`.
    pub fn embedding(&self, v: usize) -> Option<&[f32]> {
        self.embeddings.get(v).and_then(Option::as_deref)
    }

    /// The place of `v` among the recommendations.
    pub fn recommended(&self, v: usize) -> Option<u32> {
        self.recommended.get(v).copied().flatten()
    }
}

/// The cosine of two unit vectors (0 when their lengths differ).
pub fn cosine(a: &[f32], b: &[f32]) -> f64 {
    if a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).map(|(x, y)| f64::from(*x) * f64::from(*y)).sum()
}
