//! Stage 4: [`CitationGraph`](crate::graph::CitationGraph) -> [`Rankings`]: centralities for every
//! node and the papers missing from the list, each with its reasons.
//!
//! Every metric runs on a [`Csr`] built once from the graph (or from an edge list for
//! `citegraph rank --edges`): PageRank ([`pagerank`]), HITS ([`hits`]), Brandes betweenness
//! ([`betweenness`]). The missing related work is scored in [`candidates`] by combining the
//! [`signal`]s (today [`direct_links`]) and measured by leaving listed papers out in [`evaluate`].

pub mod betweenness;
pub mod candidates;
pub mod co_citation;
pub mod content;
pub mod coupling;
pub mod csr;
pub mod direct_links;
pub mod edge_list;
pub mod evaluate;
pub mod hits;
mod id_table;
pub mod pagerank;
pub mod phases;
pub mod recommended;
pub mod signal;

use petgraph::graph::NodeIndex;
use rayon::prelude::*;
use serde::Serialize;

use crate::graph::CitationGraph;

pub use betweenness::BetweennessOptions;
pub use candidates::CandidateOptions;
pub use csr::Csr;
pub use edge_list::EdgeList;
pub use evaluate::{Evaluation, evaluate};
pub use hits::HitsOptions;
pub use pagerank::PageRankOptions;
pub use phases::Phases;
pub use signal::{Reason, Signal};

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

impl std::fmt::Display for BetweennessMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BetweennessMode::Exact => f.write_str("exact"),
            BetweennessMode::Sampled { sources, seed } => write!(f, "sampled from {sources} sources (seed {seed})"),
        }
    }
}

/// A paper not on the list that belongs with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    /// The paper.
    #[serde(skip)]
    pub node: NodeIndex,
    /// How strongly it belongs (higher is better; see the README for the formula):
    /// `belonging * (1 + ln(1 + citations))`.
    pub score: f64,
    /// The weighted sum of the signals; with direct links alone, the cosine between the paper's
    /// citation links and the list:
    /// `links to listed papers / sqrt(listed papers * (citations + references + prior))`.
    pub belonging: f64,
    /// Each signal's value, in [`signal::SIGNALS`] order.
    pub signals: Vec<signal::SignalValue>,
    /// Listed papers citing it, in list order.
    #[serde(skip)]
    pub cited_by_listed: Vec<NodeIndex>,
    /// Listed papers it cites, in list order.
    #[serde(skip)]
    pub cites_listed: Vec<NodeIndex>,
    /// The list section its listed neighbours mostly belong to.
    pub suggested_section: Option<String>,
    /// How clearly it belongs to that section, 0 to 1 (only when the discovery phase ran: the
    /// section is then chosen from every signal, normalised by section size).
    pub section_confidence: Option<f64>,
    /// Why, as data a curator can check once worded (`export::reasons`).
    pub reasons: Vec<Reason>,
}

/// How the iterative metrics ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Convergence {
    /// PageRank iterations run.
    pub pagerank_iterations: usize,
    /// Whether PageRank met its stopping rule.
    pub pagerank_converged: bool,
    /// HITS iterations run.
    pub hits_iterations: usize,
    /// Whether HITS met its stopping rule.
    pub hits_converged: bool,
}

/// The size of a ranked graph and how its metrics were computed: what `citegraph rank` prints
/// under its table and at the head of its JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphSummary {
    /// Nodes.
    pub nodes: usize,
    /// Distinct edges.
    pub edges: usize,
    /// How betweenness was computed.
    pub betweenness: BetweennessMode,
    /// How PageRank and HITS ended.
    pub convergence: Convergence,
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
    /// How PageRank and HITS ended.
    pub convergence: Convergence,
    /// Papers the curator rejected (the ignore file): taken out of the candidates and never
    /// drawn, even with `--full-graph`; they stay in the graph and its metrics.
    #[serde(skip)]
    pub excluded: std::collections::HashSet<NodeIndex>,
}

impl Rankings {
    /// The metrics of `node`.
    pub fn metrics(&self, node: NodeIndex) -> &NodeMetrics {
        &self.metrics[node.index()]
    }

    /// Every node, highest PageRank first (ties by node order).
    pub fn by_pagerank(&self) -> Vec<NodeIndex> {
        by_pagerank(&self.metrics).into_iter().map(NodeIndex::new).collect()
    }

    /// One row per node, highest PageRank first: what `rankings.csv` and `citegraph rank` show.
    pub fn rows<'a>(&'a self, graph: &'a CitationGraph) -> Vec<NodeRow<'a>> {
        self.by_pagerank()
            .into_iter()
            .map(|node| {
                let paper = graph.node(node);
                NodeRow {
                    paper_id: &paper.paper_id,
                    title: &paper.title,
                    year: paper.year,
                    venue: paper.venue.as_deref(),
                    listed: paper.listed.is_some(),
                    section: paper.listed.as_ref().map(|l| l.section.as_str()),
                    citation_count: paper.citation_count,
                    url: paper.url(),
                    metrics: *self.metrics(node),
                }
            })
            .collect()
    }
}

/// One node's identity and metrics, as the rankings outputs print it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeRow<'a> {
    /// Semantic Scholar id (or the id of an edge list).
    pub paper_id: &'a str,
    /// Title (empty for edge lists).
    pub title: &'a str,
    /// Publication year.
    pub year: Option<i32>,
    /// Venue.
    pub venue: Option<&'a str>,
    /// On the list.
    pub listed: bool,
    /// Its list section, when listed.
    pub section: Option<&'a str>,
    /// Citations in all of Semantic Scholar.
    pub citation_count: Option<u64>,
    /// The best link for a reader (none for edge lists).
    #[serde(skip)]
    pub url: Option<String>,
    /// Its metrics.
    #[serde(flatten)]
    pub metrics: NodeMetrics,
}

impl<'a> NodeRow<'a> {
    /// A row of an edge list's node: its id and metrics, nothing known about the paper.
    pub fn bare(paper_id: &'a str, metrics: NodeMetrics) -> NodeRow<'a> {
        NodeRow {
            paper_id,
            title: "",
            year: None,
            venue: None,
            listed: false,
            section: None,
            citation_count: None,
            url: None,
            metrics,
        }
    }
}

/// Settings of the whole ranking stage; the defaults are the documented semantics.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RankOptions {
    /// PageRank settings.
    pub pagerank: PageRankOptions,
    /// HITS settings.
    pub hits: HitsOptions,
    /// Betweenness settings.
    pub betweenness: BetweennessOptions,
    /// Candidate scoring settings.
    pub candidates: CandidateOptions,
}

/// Node indices, highest PageRank first (ties by node order).
fn by_pagerank(metrics: &[NodeMetrics]) -> Vec<usize> {
    let mut nodes: Vec<usize> = (0..metrics.len()).collect();
    nodes.sort_by(|&a, &b| metrics[b].pagerank.total_cmp(&metrics[a].pagerank).then(a.cmp(&b)));
    nodes
}

/// Centralities of every node of an adjacency: what `citegraph rank --edges` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Centralities {
    /// Metrics by node index.
    pub metrics: Vec<NodeMetrics>,
    /// How betweenness was computed.
    pub betweenness: BetweennessMode,
    /// How PageRank and HITS ended.
    pub convergence: Convergence,
}

impl Centralities {
    /// The first `top` rows of an edge list (`ids` by node index), highest PageRank first (ties
    /// by node order): the top nodes are picked before anything is sorted or built.
    pub fn top_rows<'a>(&self, ids: &'a [String], top: usize) -> Vec<NodeRow<'a>> {
        top_by_pagerank(&self.metrics, top).into_iter().map(|v| NodeRow::bare(&ids[v], self.metrics[v])).collect()
    }
}

/// The first `top` of [`by_pagerank`], without sorting the rest.
fn top_by_pagerank(metrics: &[NodeMetrics], top: usize) -> Vec<usize> {
    let order = |&a: &usize, &b: &usize| metrics[b].pagerank.total_cmp(&metrics[a].pagerank).then(a.cmp(&b));
    let mut nodes: Vec<usize> = (0..metrics.len()).collect();
    if top < nodes.len() {
        nodes.select_nth_unstable_by(top, order);
        nodes.truncate(top);
    }
    nodes.sort_unstable_by(order);
    nodes
}

/// `citegraph rank --edges`: every metric of every node of an edge list (nothing is listed),
/// timing each metric in `phases`.
pub fn rank_edge_list(edges: &EdgeList, options: &RankOptions, phases: &mut Phases) -> Centralities {
    centralities_timed(&edges.csr, &vec![false; edges.csr.node_count()], options, phases)
}

/// Every metric of every node. `listed[v]` marks listed papers (for `cited_by_listed` and
/// `cites_listed`; pass all `false` for a plain edge list).
pub fn centralities(csr: &Csr, listed: &[bool], options: &RankOptions) -> Centralities {
    centralities_timed(csr, listed, options, &mut Phases::start())
}

/// [`centralities`], timing `pagerank`, `hits`, `betweenness` and `metrics` in `phases`.
fn centralities_timed(csr: &Csr, listed: &[bool], options: &RankOptions, phases: &mut Phases) -> Centralities {
    let pr = pagerank::pagerank(csr, &options.pagerank);
    phases.lap("pagerank");
    let hits = hits::hits(csr, &options.hits);
    phases.lap("hits");
    let (betweenness, mode) = betweenness::betweenness(csr, &options.betweenness);
    phases.lap("betweenness");
    // Without listed papers (an edge list) there are no links to count.
    let any_listed = listed.contains(&true);
    let links_to_listed =
        |links: &[u32]| if any_listed { links.iter().filter(|&&u| listed[u as usize]).count() } else { 0 };
    let metrics = (0..csr.node_count())
        .into_par_iter()
        .map(|v| NodeMetrics {
            in_degree: csr.in_degree(v),
            out_degree: csr.out_degree(v),
            cited_by_listed: links_to_listed(csr.in_neighbours(v)),
            cites_listed: links_to_listed(csr.out_neighbours(v)),
            pagerank: pr.scores[v],
            betweenness: betweenness[v],
            authority: hits.authority[v],
            hub: hits.hub[v],
        })
        .collect();
    phases.lap("metrics");
    Centralities {
        metrics,
        betweenness: mode,
        convergence: Convergence {
            pagerank_iterations: pr.iterations,
            pagerank_converged: pr.converged,
            hits_iterations: hits.iterations,
            hits_converged: hits.converged,
        },
    }
}

/// The ranking stage: metrics for every node of the citation graph, and the candidates for the
/// list, best first, with their reasons and suggested sections.
pub fn rank(graph: &CitationGraph, options: &RankOptions) -> Rankings {
    let csr = Csr::from_graph(graph);
    let listed = listed_mask(graph);
    let Centralities { metrics, betweenness, convergence } = centralities(&csr, &listed, options);
    let candidates = candidates::candidates(graph, &csr, &listed, &options.candidates);
    Rankings { metrics, betweenness, candidates, convergence, excluded: Default::default() }
}

/// `true` for every listed node, by node index.
pub fn listed_mask(graph: &CitationGraph) -> Vec<bool> {
    graph.graph().node_weights().map(|p| p.listed.is_some()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_rows_are_the_first_of_the_full_order_ties_and_all() {
        let mut rng = fastrand::Rng::with_seed(15);
        // Few distinct scores, so ties (broken by node order) are everywhere.
        let metrics: Vec<NodeMetrics> = (0..500)
            .map(|_| NodeMetrics { pagerank: f64::from(rng.u8(0..20)) / 20.0, ..NodeMetrics::default() })
            .collect();
        let all = by_pagerank(&metrics);
        for top in [0, 1, 7, 20, 499, 500, 501, usize::MAX] {
            assert_eq!(top_by_pagerank(&metrics, top), all[..top.min(all.len())], "top {top}");
        }
        assert!(top_by_pagerank(&[], 10).is_empty());
    }
}
