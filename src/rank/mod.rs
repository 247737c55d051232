//! Stage 4: [`CitationGraph`](crate::graph::CitationGraph) -> [`Rankings`]: centralities for every
//! node and the papers missing from the list, each with its reasons.

use petgraph::graph::NodeIndex;
use serde::Serialize;

/// Metrics of one node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeMetrics {
    /// Papers of the graph citing it.
    pub in_degree: usize,
    /// Papers of the graph it cites.
    pub out_degree: usize,
    /// Listed papers citing it.
    pub cited_by_listed: usize,
    /// Listed papers it cites.
    pub cites_listed: usize,
    /// PageRank (damping 0.85, dangling rank spread uniformly; sums to 1).
    pub pagerank: f64,
    /// Brandes betweenness (directed, unweighted, endpoints excluded, not normalised).
    pub betweenness: f64,
    /// HITS authority (sums to 1).
    pub authority: f64,
    /// HITS hub (sums to 1).
    pub hub: f64,
}

/// How betweenness was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum BetweennessMode {
    /// From every source.
    Exact,
    /// From `sources` sources drawn with `seed`, scaled as networkx does.
    Sampled {
        /// Sources drawn.
        sources: usize,
        /// Seed of the draw.
        seed: u64,
    },
}

/// A paper not on the list that belongs with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    /// The paper.
    #[serde(skip)]
    pub node: NodeIndex,
    /// How strongly it belongs (higher is better; see the README for the formula).
    pub score: f64,
    /// Listed papers citing it.
    #[serde(skip)]
    pub cited_by_listed: Vec<NodeIndex>,
    /// Listed papers it cites.
    #[serde(skip)]
    pub cites_listed: Vec<NodeIndex>,
    /// The list section its listed neighbours mostly belong to.
    pub suggested_section: Option<String>,
    /// Why, in words a curator can check.
    pub reasons: Vec<String>,
}

/// What the ranking stage hands to the renderers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rankings {
    /// Metrics by node index (`metrics[node.index()]`).
    pub metrics: Vec<NodeMetrics>,
    /// How betweenness was computed.
    pub betweenness: BetweennessMode,
    /// Candidates in rank order, best first.
    pub candidates: Vec<Candidate>,
}

impl Rankings {
    /// The metrics of `node`.
    pub fn metrics(&self, node: NodeIndex) -> &NodeMetrics {
        &self.metrics[node.index()]
    }

    /// Every node, highest PageRank first (ties by node order).
    pub fn by_pagerank(&self) -> Vec<NodeIndex> {
        let mut nodes: Vec<NodeIndex> = (0..self.metrics.len()).map(NodeIndex::new).collect();
        nodes.sort_by(|&a, &b| {
            self.metrics[b.index()].pagerank.total_cmp(&self.metrics[a.index()].pagerank).then(a.cmp(&b))
        });
        nodes
    }
}
