//! Stage 4, the compact adjacency every metric runs on: compressed sparse rows in both directions
//! (`u32` offsets and neighbours), built once from the citation graph or from an edge list.

use rayon::prelude::*;

use crate::graph::CitationGraph;

/// A directed graph in compressed-sparse-row form, out-edges and in-edges both, with no
/// duplicate edges and no self-loops. Node `v`'s out-neighbours are
/// `out_targets[out_offsets[v]..out_offsets[v + 1]]`, in ascending order; likewise in-neighbours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Csr {
    out_offsets: Vec<u32>,
    out_targets: Vec<u32>,
    in_offsets: Vec<u32>,
    in_sources: Vec<u32>,
}

/// What [`Csr::from_edges`] dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsrReport {
    /// Edges given more than once (kept once).
    pub duplicates: usize,
    /// Edges from a node to itself (dropped).
    pub self_loops: usize,
}

impl Csr {
    /// Builds the adjacency of `node_count` nodes from `(citing, cited)` pairs. Duplicates are one
    /// edge and self-loops are dropped (both counted in the report).
    ///
    /// # Panics
    /// When an endpoint is not below `node_count`, or there are `u32::MAX` edges or more (edge-list
    /// readers check both and report them as input errors first).
    pub fn from_edges(node_count: usize, edges: impl IntoIterator<Item = (u32, u32)>) -> (Csr, CsrReport) {
        let keys: Vec<u64> = edges
            .into_iter()
            .map(|(s, t)| {
                assert!((s as usize) < node_count && (t as usize) < node_count, "edge {s} -> {t} out of range");
                (u64::from(s) << 32) | u64::from(t)
            })
            .collect();
        Csr::from_keys(node_count, keys)
    }

    /// [`Csr::from_edges`] of edges packed as `citing << 32 | cited`, every endpoint below
    /// `node_count`.
    pub(crate) fn from_keys(node_count: usize, mut keys: Vec<u64>) -> (Csr, CsrReport) {
        assert!(u32::try_from(node_count).is_ok(), "too many nodes for a u32 adjacency: {node_count}");
        let source = |key: u64| (key >> 32) as usize;
        let target = |key: u64| (key & 0xFFFF_FFFF) as usize;
        keys.par_sort_unstable();
        let before = keys.len();
        let mut self_loops = 0;
        let mut previous = None;
        keys.retain(|&key| {
            let is_loop = source(key) == target(key);
            self_loops += usize::from(is_loop);
            let keep = !is_loop && previous != Some(key);
            previous = Some(key);
            keep
        });
        let report = CsrReport { duplicates: before - self_loops - keys.len(), self_loops };
        assert!(u32::try_from(keys.len()).is_ok(), "too many edges for a u32 adjacency: {}", keys.len());

        let mut out_offsets = vec![0u32; node_count + 1];
        let mut in_offsets = vec![0u32; node_count + 1];
        for &key in &keys {
            out_offsets[source(key) + 1] += 1;
            in_offsets[target(key) + 1] += 1;
        }
        for v in 0..node_count {
            out_offsets[v + 1] += out_offsets[v];
            in_offsets[v + 1] += in_offsets[v];
        }
        // Keys are sorted by (source, target): the targets in key order are the out-rows.
        let out_targets: Vec<u32> = keys.par_iter().map(|&key| target(key) as u32).collect();
        // A counting sort by target, stable in source order, gives sorted in-rows.
        let mut in_sources = vec![0u32; keys.len()];
        let mut cursor: Vec<u32> = in_offsets[..node_count].to_vec();
        for &key in &keys {
            let slot = &mut cursor[target(key)];
            in_sources[*slot as usize] = source(key) as u32;
            *slot += 1;
        }
        (Csr { out_offsets, out_targets, in_offsets, in_sources }, report)
    }

    /// The adjacency of a citation graph: node `i` is `NodeIndex::new(i)`, edge `u -> v` when
    /// `u` cites `v`.
    pub fn from_graph(graph: &CitationGraph) -> Csr {
        let g = graph.graph();
        let edges = g.raw_edges().iter().map(|e| (e.source().index() as u32, e.target().index() as u32));
        Csr::from_edges(g.node_count(), edges).0
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.out_offsets.len().saturating_sub(1)
    }

    /// Number of (distinct) edges.
    pub fn edge_count(&self) -> usize {
        self.out_targets.len()
    }

    /// The nodes `v` cites, ascending.
    pub fn out_neighbours(&self, v: usize) -> &[u32] {
        &self.out_targets[self.out_offsets[v] as usize..self.out_offsets[v + 1] as usize]
    }

    /// The nodes citing `v`, ascending.
    pub fn in_neighbours(&self, v: usize) -> &[u32] {
        &self.in_sources[self.in_offsets[v] as usize..self.in_offsets[v + 1] as usize]
    }

    /// How many nodes `v` cites.
    pub fn out_degree(&self, v: usize) -> usize {
        (self.out_offsets[v + 1] - self.out_offsets[v]) as usize
    }

    /// How many nodes cite `v`.
    pub fn in_degree(&self, v: usize) -> usize {
        (self.in_offsets[v + 1] - self.in_offsets[v]) as usize
    }

    /// Every edge `(citing, cited)`, sorted by citing then cited.
    pub fn edges(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        (0..self.node_count()).flat_map(move |v| self.out_neighbours(v).iter().map(move |&t| (v as u32, t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_directions_are_sorted_and_duplicates_and_loops_go() {
        let (csr, report) = Csr::from_edges(4, [(2, 0), (0, 1), (0, 2), (2, 0), (3, 3), (1, 2), (3, 0)]);
        assert_eq!(report, CsrReport { duplicates: 1, self_loops: 1 });
        assert_eq!(csr.node_count(), 4);
        assert_eq!(csr.edge_count(), 5);
        assert_eq!(csr.out_neighbours(0), [1, 2]);
        assert_eq!(csr.out_neighbours(3), [0]);
        assert_eq!(csr.in_neighbours(0), [2, 3]);
        assert_eq!(csr.in_neighbours(2), [0, 1]);
        assert_eq!(csr.in_neighbours(3), [] as [u32; 0]);
        assert_eq!((csr.in_degree(0), csr.out_degree(0)), (2, 2));
        assert_eq!(csr.edges().collect::<Vec<_>>(), [(0, 1), (0, 2), (1, 2), (2, 0), (3, 0)]);
    }

    #[test]
    fn an_empty_graph_has_no_rows() {
        let (csr, _) = Csr::from_edges(0, []);
        assert_eq!((csr.node_count(), csr.edge_count()), (0, 0));
        let (csr, _) = Csr::from_edges(3, []);
        assert_eq!(csr.node_count(), 3);
        assert!(csr.out_neighbours(2).is_empty());
    }
}
