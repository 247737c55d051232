//! Stage 3: [`Corpus`](crate::model::Corpus) -> [`CitationGraph`], one node per paper (merged by
//! Semantic Scholar id, then DOI, then arXiv id), one edge per citation (A -> B when A cites B).

mod build;
pub mod discovery;
mod node;
pub mod twins;

use std::collections::HashMap;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

pub use build::BuildReport;
pub use discovery::NodeDiscovery;
pub use node::{CitationEdge, ListedInfo, PaperNode};

/// The citation graph of the literature around a list.
#[derive(Debug, Clone, Default)]
pub struct CitationGraph {
    graph: DiGraph<PaperNode, CitationEdge>,
    /// Every Semantic Scholar id merged into a node (canonical and aliases).
    by_paper_id: HashMap<String, NodeIndex>,
    by_doi: HashMap<String, NodeIndex>,
    by_arxiv: HashMap<String, NodeIndex>,
    by_pair: HashMap<(NodeIndex, NodeIndex), EdgeIndex>,
    discovery: NodeDiscovery,
}

impl CitationGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// The petgraph graph (read-only: add through [`CitationGraph::add_paper`] and
    /// [`CitationGraph::add_citation`] so the merge rules hold).
    pub fn graph(&self) -> &DiGraph<PaperNode, CitationEdge> {
        &self.graph
    }

    /// Number of papers.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of distinct citations.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The paper at `node`.
    pub fn node(&self, node: NodeIndex) -> &PaperNode {
        &self.graph[node]
    }

    /// The node of a Semantic Scholar id (canonical or merged alias).
    pub fn find(&self, paper_id: &str) -> Option<NodeIndex> {
        self.by_paper_id.get(paper_id).copied()
    }

    /// Listed papers, in node order.
    pub fn listed(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.node_indices().filter(|&n| self.graph[n].listed.is_some())
    }

    /// Adds a paper, or merges it into the node that already has its S2 id, DOI or arXiv id.
    /// Returns the node either way.
    pub fn add_paper(&mut self, paper: PaperNode) -> NodeIndex {
        let existing = self
            .by_paper_id
            .get(&paper.paper_id)
            .or_else(|| paper.external_ids.doi_key().and_then(|doi| self.by_doi.get(&doi)))
            .or_else(|| paper.external_ids.arxiv_key().and_then(|id| self.by_arxiv.get(&id)))
            .copied();
        let node = match existing {
            Some(node) => {
                let aliases: Vec<String> =
                    std::iter::once(paper.paper_id.clone()).chain(paper.merged_ids.iter().cloned()).collect();
                self.graph[node].merge(paper);
                for alias in aliases {
                    self.by_paper_id.insert(alias, node);
                }
                node
            }
            None => {
                let ids: Vec<String> =
                    std::iter::once(paper.paper_id.clone()).chain(paper.merged_ids.iter().cloned()).collect();
                let node = self.graph.add_node(paper);
                for id in ids {
                    self.by_paper_id.insert(id, node);
                }
                node
            }
        };
        let ids = &self.graph[node].external_ids;
        if let Some(doi) = ids.doi_key() {
            self.by_doi.entry(doi).or_insert(node);
        }
        if let Some(arxiv) = ids.arxiv_key() {
            self.by_arxiv.entry(arxiv).or_insert(node);
        }
        node
    }

    /// What the deeper discovery fetched, by node (empty with `--depth 1`).
    pub fn discovery(&self) -> &NodeDiscovery {
        &self.discovery
    }

    /// Sets the discovery data (built for this graph's nodes).
    pub fn set_discovery(&mut self, discovery: NodeDiscovery) {
        self.discovery = discovery;
    }

    /// Merges `paper` into `node` (a twin record of it): its ids become aliases of `node`.
    pub fn add_twin(&mut self, node: NodeIndex, paper: PaperNode) {
        let aliases: Vec<String> =
            std::iter::once(paper.paper_id.clone()).chain(paper.merged_ids.iter().cloned()).collect();
        self.graph[node].merge(paper);
        for alias in aliases {
            self.by_paper_id.insert(alias, node);
        }
        let ids = &self.graph[node].external_ids;
        if let Some(doi) = ids.doi_key() {
            self.by_doi.entry(doi).or_insert(node);
        }
        if let Some(arxiv) = ids.arxiv_key() {
            self.by_arxiv.entry(arxiv).or_insert(node);
        }
    }

    /// Marks a node as a listed paper.
    pub fn mark_listed(&mut self, node: NodeIndex, info: ListedInfo) {
        let slot = &mut self.graph[node].listed;
        // Two list entries resolving to one paper: the first one wins.
        if slot.is_none() {
            *slot = Some(info);
        }
    }

    /// Adds `citing -> cited`. A citation seen twice is one edge (its flags merged); a paper
    /// citing itself (two records merged into one node) adds nothing. Returns whether an edge
    /// was added.
    pub fn add_citation(&mut self, citing: NodeIndex, cited: NodeIndex, edge: CitationEdge) -> bool {
        if citing == cited {
            return false;
        }
        match self.by_pair.get(&(citing, cited)) {
            Some(&existing) => {
                self.graph[existing].merge(edge);
                false
            }
            None => {
                let index = self.graph.add_edge(citing, cited, edge);
                self.by_pair.insert((citing, cited), index);
                true
            }
        }
    }
}
