//! Stage 4, measuring the missing-work ranking (`citegraph evaluate`): hide each listed paper in
//! turn, rank the candidates again as if it had never been listed, and see where it comes —
//! beside two baselines over the same candidates (raw citation count; raw links to the list).
//!
//! Hiding a paper on the graph is exact, not an approximation of a new fetch: the fetch stage
//! only reaches papers through listed ones, and the score only reads a candidate's links to
//! listed papers and its global counts, so unmarking the paper gives the ranking a fetch of the
//! shorter list would give (a test checks this on the fixture universe).

use serde::Serialize;

use super::candidates::{CandidateOptions, Counts, score_all};
use super::csr::Csr;
use super::listed_mask;
use crate::graph::CitationGraph;
use crate::model::Corpus;
use crate::paper_list::PaperList;

/// The cut-offs recall is reported at.
pub const RECALL_AT: [usize; 2] = [10, 20];

/// A way of ordering the candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Ranker {
    /// citegraph's score (belonging lifted by impact).
    Score,
    /// Global citation count, highest first.
    CitationCount,
    /// Links to listed papers (cited by + cites), most first: raw co-citation.
    ListedLinks,
}

impl Ranker {
    /// Every ranker, in report order.
    pub const ALL: [Ranker; 3] = [Ranker::Score, Ranker::CitationCount, Ranker::ListedLinks];

    /// The name shown in reports.
    pub fn name(self) -> &'static str {
        match self {
            Ranker::Score => "citegraph score",
            Ranker::CitationCount => "raw citation count",
            Ranker::ListedLinks => "raw links to the list",
        }
    }
}

/// Where one hidden paper came.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HiddenPaper {
    /// Its Semantic Scholar id.
    pub paper_id: String,
    /// Its title.
    pub title: String,
    /// Its list section.
    pub section: String,
    /// Candidates ranked while it was hidden.
    pub candidates: usize,
    /// Its rank (1 = first) by citegraph's score; `None` when, hidden, it has no link to the
    /// rest of the list and so is no candidate at all.
    pub score_rank: Option<usize>,
    /// Its rank by raw citation count among the same candidates.
    pub citation_rank: Option<usize>,
    /// Its rank by raw links to the list among the same candidates.
    pub links_rank: Option<usize>,
}

impl HiddenPaper {
    /// Its rank by `ranker`.
    pub fn rank(&self, ranker: Ranker) -> Option<usize> {
        match ranker {
            Ranker::Score => self.score_rank,
            Ranker::CitationCount => self.citation_rank,
            Ranker::ListedLinks => self.links_rank,
        }
    }
}

/// The figures of one ranker over every hidden paper.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RankerSummary {
    /// Which ranker.
    pub ranker: Ranker,
    /// Its name in reports.
    pub name: &'static str,
    /// Share of hidden papers ranked in the top 10.
    pub recall_at_10: f64,
    /// Share of hidden papers ranked in the top 20.
    pub recall_at_20: f64,
    /// Median rank of the hidden papers (`None` when more than half were no candidate).
    pub median_rank: Option<f64>,
    /// Hidden papers that were candidates at all.
    pub found: usize,
}

/// The whole leave-one-out measurement.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Listed papers in the graph, each hidden once.
    pub hidden: Vec<HiddenPaper>,
    /// Figures by ranker, in [`Ranker::ALL`] order.
    pub summaries: Vec<RankerSummary>,
}

/// Hides each listed paper of `graph` in turn and ranks the candidates again.
pub fn evaluate(graph: &CitationGraph, options: &CandidateOptions) -> Evaluation {
    let csr = Csr::from_graph(graph);
    let counts = Counts::of(graph, &csr);
    let mut listed = listed_mask(graph);
    let ids: Vec<&str> = graph.graph().node_weights().map(|p| p.paper_id.as_str()).collect();
    let mut hidden = Vec::new();
    for node in graph.listed().collect::<Vec<_>>() {
        let p = node.index();
        listed[p] = false;
        let scored = score_all(&csr, &listed, &counts, options);
        listed[p] = true;
        let position = scored.iter().position(|s| s.node as usize == p);
        let rank_by = |key: &dyn Fn(usize) -> f64| {
            position.map(|_| {
                let mine = key(p);
                1 + scored
                    .iter()
                    .filter(|s| {
                        let c = s.node as usize;
                        c != p && (key(c) > mine || (key(c) == mine && ids[c] < ids[p]))
                    })
                    .count()
            })
        };
        let mut links = vec![0.0; csr.node_count()];
        for s in &scored {
            links[s.node as usize] = f64::from(s.cited_by + s.cites);
        }
        let paper = graph.node(node);
        hidden.push(HiddenPaper {
            paper_id: paper.paper_id.clone(),
            title: paper.title.clone(),
            section: paper.listed.as_ref().map(|l| l.section.clone()).unwrap_or_default(),
            candidates: scored.len(),
            score_rank: position.map(|i| i + 1),
            citation_rank: rank_by(&|c| counts.citations[c]),
            links_rank: rank_by(&|c| links[c]),
        });
    }
    let summaries = Ranker::ALL.iter().map(|&ranker| summarise(ranker, &hidden)).collect();
    Evaluation { hidden, summaries }
}

/// [`evaluate`] on the graph of a corpus.
pub fn evaluate_corpus(list: &PaperList, corpus: &Corpus, options: &CandidateOptions) -> Evaluation {
    let (graph, _) = CitationGraph::from_corpus(list, corpus);
    evaluate(&graph, options)
}

fn summarise(ranker: Ranker, hidden: &[HiddenPaper]) -> RankerSummary {
    let ranks: Vec<Option<usize>> = hidden.iter().map(|h| h.rank(ranker)).collect();
    let recall = |k: usize| {
        if ranks.is_empty() {
            0.0
        } else {
            ranks.iter().filter(|r| r.is_some_and(|r| r <= k)).count() as f64 / ranks.len() as f64
        }
    };
    RankerSummary {
        ranker,
        name: ranker.name(),
        recall_at_10: recall(RECALL_AT[0]),
        recall_at_20: recall(RECALL_AT[1]),
        median_rank: median(&ranks),
        found: ranks.iter().filter(|r| r.is_some()).count(),
    }
}

/// The median of ranks where `None` counts as worse than any rank.
fn median(ranks: &[Option<usize>]) -> Option<f64> {
    if ranks.is_empty() {
        return None;
    }
    let mut sorted: Vec<Option<usize>> = ranks.to_vec();
    sorted.sort_by_key(|r| r.unwrap_or(usize::MAX));
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2].map(|r| r as f64)
    } else {
        Some((sorted[n / 2 - 1]? as f64 + sorted[n / 2]? as f64) / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_counts_missing_ranks_as_worst() {
        assert_eq!(median(&[Some(3), Some(1), Some(2)]), Some(2.0));
        assert_eq!(median(&[Some(4), Some(1), Some(2), Some(10)]), Some(3.0));
        assert_eq!(median(&[None, Some(1), Some(5)]), Some(5.0));
        assert_eq!(median(&[None, None, Some(1)]), None);
        assert_eq!(median(&[]), None);
    }
}
