//! Stage 4, measuring the missing-work ranking (`citegraph evaluate`): hide each listed paper in
//! turn, rank the candidates again as if it had never been listed, and see where it comes —
//! beside two baselines over the same candidates (raw citation count; raw links to the list).
//!
//! Hiding a paper on the graph is exact, not an approximation of a new fetch: the fetch stage
//! only reaches papers through listed ones, and the score only reads a candidate's links to
//! listed papers and its global counts, so unmarking the paper gives the ranking a fetch of the
//! shorter list would give (a test checks this on the fixture universe).

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::candidates::{CandidateOptions, Counts, score_all};
use super::csr::Csr;
use super::direct_links;
use super::listed_mask;
use super::signal::{Context, SIGNALS};
use crate::graph::CitationGraph;
use crate::model::Corpus;
use crate::paper_list::PaperList;

/// The cut-offs recall is reported at (`recallAt10` in JSON, `Recall@10` in the table).
pub const RECALL_AT: [usize; 2] = [10, 20];

/// A way of ordering the candidates, measured by `evaluate`.
#[derive(Debug, Clone, Copy)]
pub struct Ranker {
    /// Its id in JSON.
    pub id: &'static str,
    /// Its name in reports.
    pub name: &'static str,
    /// Its column in the table of hidden papers.
    pub column: &'static str,
    /// The field of a hidden paper's rank by it in JSON.
    pub rank_field: &'static str,
    /// How it orders the candidates.
    order: Order,
}

/// How a ranker orders the candidates.
#[derive(Debug, Clone, Copy)]
enum Order {
    /// citegraph's own ranking, as `citegraph missing` shows it.
    Score,
    /// By a value, highest first (ties by Semantic Scholar id).
    Value(fn(&Context<'_>, usize) -> f64),
}

/// citegraph's score (belonging lifted by impact).
pub const SCORE: Ranker =
    Ranker { id: "score", name: "citegraph score", column: "Score", rank_field: "scoreRank", order: Order::Score };

/// Global citation count, highest first.
pub const CITATION_COUNT: Ranker = Ranker {
    id: "citationCount",
    name: "raw citation count",
    column: "Citations",
    rank_field: "citationRank",
    order: Order::Value(|ctx, v| ctx.counts.citations[v]),
};

/// Links to listed papers (cited by + cites), most first: raw co-citation.
pub const LISTED_LINKS: Ranker = Ranker {
    id: "listedLinks",
    name: "raw links to the list",
    column: "Links",
    rank_field: "linksRank",
    order: Order::Value(|ctx, v| {
        let (cited_by, cites) = direct_links::links(ctx, v);
        f64::from(cited_by + cites)
    }),
};

/// Every ranker `evaluate` measures, in report order: citegraph's score, then the baselines.
pub const RANKERS: [Ranker; 3] = [SCORE, CITATION_COUNT, LISTED_LINKS];

/// Where one hidden paper came.
#[derive(Debug, Clone, PartialEq)]
pub struct HiddenPaper {
    /// Its Semantic Scholar id.
    pub paper_id: String,
    /// Its title.
    pub title: String,
    /// Its list section.
    pub section: String,
    /// Candidates ranked while it was hidden.
    pub candidates: usize,
    /// Its rank (1 = first) by each ranker, in [`RANKERS`] order; `None` when, hidden, it has
    /// no link to the rest of the list and so is no candidate at all.
    pub ranks: Vec<Option<usize>>,
}

impl HiddenPaper {
    /// Its rank by `ranker`.
    pub fn rank(&self, ranker: &Ranker) -> Option<usize> {
        RANKERS.iter().position(|r| r.id == ranker.id).and_then(|i| self.ranks[i])
    }
}

/// `{"paperId", "title", "section", "candidates", "scoreRank", "citationRank", "linksRank"}`:
/// one rank field per ranker.
impl Serialize for HiddenPaper {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4 + RANKERS.len()))?;
        map.serialize_entry("paperId", &self.paper_id)?;
        map.serialize_entry("title", &self.title)?;
        map.serialize_entry("section", &self.section)?;
        map.serialize_entry("candidates", &self.candidates)?;
        for (ranker, rank) in RANKERS.iter().zip(&self.ranks) {
            map.serialize_entry(ranker.rank_field, rank)?;
        }
        map.end()
    }
}

/// The figures of one ranker over every hidden paper.
#[derive(Debug, Clone, PartialEq)]
pub struct RankerSummary {
    /// Which ranker ([`Ranker::id`]).
    pub ranker: &'static str,
    /// Its name in reports.
    pub name: &'static str,
    /// Share of hidden papers ranked within each cut-off of [`RECALL_AT`], in that order.
    pub recall: Vec<f64>,
    /// Median rank of the hidden papers (`None` when more than half were no candidate).
    pub median_rank: Option<f64>,
    /// Hidden papers that were candidates at all.
    pub found: usize,
}

impl RankerSummary {
    /// Share of hidden papers ranked in the top `k` (`None` unless `k` is in [`RECALL_AT`]).
    pub fn recall_at(&self, k: usize) -> Option<f64> {
        RECALL_AT.iter().position(|&at| at == k).map(|i| self.recall[i])
    }
}

/// `{"ranker", "name", "recallAt10", "recallAt20", "medianRank", "found"}`: one recall field per
/// cut-off, named after it.
impl Serialize for RankerSummary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4 + RECALL_AT.len()))?;
        map.serialize_entry("ranker", self.ranker)?;
        map.serialize_entry("name", self.name)?;
        for (at, recall) in RECALL_AT.iter().zip(&self.recall) {
            map.serialize_entry(&format!("recallAt{at}"), recall)?;
        }
        map.serialize_entry("medianRank", &self.median_rank)?;
        map.serialize_entry("found", &self.found)?;
        map.end()
    }
}

/// The whole leave-one-out measurement.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Listed papers in the graph, each hidden once.
    pub hidden: Vec<HiddenPaper>,
    /// Figures by ranker, in [`RANKERS`] order.
    pub summaries: Vec<RankerSummary>,
    /// With discovery data: the combination and every signal alone, at 10, 20 and 50.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_signal: Vec<SignalSummary>,
}

/// The cut-offs of [`SignalSummary`].
pub const SIGNAL_RECALL_AT: [usize; 3] = [10, 20, 50];

/// The leave-one-out figures of the combination or of one signal alone (ranking the candidates
/// by that signal's value; a hidden paper the signal rates 0 is not found by it).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignalSummary {
    /// `combination`, or the signal's name.
    pub signal: &'static str,
    /// Share of hidden papers ranked within 10.
    pub recall_at10: f64,
    /// Within 20.
    pub recall_at20: f64,
    /// Within 50.
    pub recall_at50: f64,
    /// Median rank (`None` when more than half were not found).
    pub median_rank: Option<f64>,
    /// Hidden papers found at all.
    pub found: usize,
}

impl Evaluation {
    /// The figures of `ranker`.
    pub fn summary(&self, ranker: &Ranker) -> Option<&RankerSummary> {
        self.summaries.iter().find(|s| s.ranker == ranker.id)
    }
}

/// Hides each listed paper of `graph` in turn and ranks the candidates again, by every ranker
/// of [`RANKERS`].
pub fn evaluate(graph: &CitationGraph, options: &CandidateOptions) -> Evaluation {
    let csr = Csr::from_graph(graph);
    let counts = Counts::of(graph, &csr);
    let mut listed = listed_mask(graph);
    let ids: Vec<&str> = graph.graph().node_weights().map(|p| p.paper_id.as_str()).collect();
    let mut hidden = Vec::new();
    let deeper = graph.discovery().ran;
    let mut signal_ranks: Vec<Vec<Option<usize>>> = vec![Vec::new(); 1 + SIGNALS.len()];
    for node in graph.listed().collect::<Vec<_>>() {
        let p = node.index();
        listed[p] = false;
        let ctx = Context::new(graph, &csr, &listed, &counts, options);
        let scored = score_all(&ctx);
        let position = scored.iter().position(|s| s.node as usize == p);
        let ranks = RANKERS
            .iter()
            .map(|ranker| {
                let position = position?;
                Some(match ranker.order {
                    Order::Score => position + 1,
                    Order::Value(key) => {
                        let mine = key(&ctx, p);
                        1 + scored
                            .iter()
                            .filter(|s| {
                                let c = s.node as usize;
                                let theirs = key(&ctx, c);
                                c != p && (theirs > mine || (theirs == mine && ids[c] < ids[p]))
                            })
                            .count()
                    }
                })
            })
            .collect();
        if deeper {
            signal_ranks[0].push(position.map(|i| i + 1));
            let mine = position.map(|i| &scored[i].signals);
            for (k, ranks) in signal_ranks[1..].iter_mut().enumerate() {
                let rank = mine.map(|m| m[k]).filter(|&x| x > 0.0).map(|x| {
                    1 + scored
                        .iter()
                        .filter(|s| {
                            let c = s.node as usize;
                            c != p && (s.signals[k] > x || (s.signals[k] == x && ids[c] < ids[p]))
                        })
                        .count()
                });
                ranks.push(rank);
            }
        }
        let paper = graph.node(node);
        hidden.push(HiddenPaper {
            paper_id: paper.paper_id.clone(),
            title: paper.title.clone(),
            section: paper.listed.as_ref().map(|l| l.section.clone()).unwrap_or_default(),
            candidates: scored.len(),
            ranks,
        });
        listed[p] = true;
    }
    let summaries = RANKERS.iter().enumerate().map(|(i, ranker)| summarise(ranker, i, &hidden)).collect();
    let names = std::iter::once("combination").chain(SIGNALS.iter().map(|s| s.signal.name()));
    let by_signal = if deeper {
        names
            .zip(&signal_ranks)
            .map(|(signal, ranks)| {
                let recall = |k: usize| {
                    let n = ranks.len().max(1) as f64;
                    ranks.iter().filter(|r| r.is_some_and(|r| r <= k)).count() as f64 / n
                };
                SignalSummary {
                    signal,
                    recall_at10: recall(SIGNAL_RECALL_AT[0]),
                    recall_at20: recall(SIGNAL_RECALL_AT[1]),
                    recall_at50: recall(SIGNAL_RECALL_AT[2]),
                    median_rank: median(ranks),
                    found: ranks.iter().filter(|r| r.is_some()).count(),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    Evaluation { hidden, summaries, by_signal }
}

/// [`evaluate`] on the graph of a corpus.
pub fn evaluate_corpus(list: &PaperList, corpus: &Corpus, options: &CandidateOptions) -> Evaluation {
    let (graph, _) = CitationGraph::from_corpus(list, corpus);
    evaluate(&graph, options)
}

/// The figures of the `index`th ranker.
fn summarise(ranker: &Ranker, index: usize, hidden: &[HiddenPaper]) -> RankerSummary {
    let ranks: Vec<Option<usize>> = hidden.iter().map(|h| h.ranks[index]).collect();
    let recall = |k: usize| {
        if ranks.is_empty() {
            0.0
        } else {
            ranks.iter().filter(|r| r.is_some_and(|r| r <= k)).count() as f64 / ranks.len() as f64
        }
    };
    RankerSummary {
        ranker: ranker.id,
        name: ranker.name,
        recall: RECALL_AT.iter().map(|&k| recall(k)).collect(),
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
