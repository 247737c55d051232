//! Stage 5, what the data formats (CSV, JSON) write: the node rows of a ranking and the
//! candidates, from a ranked citation graph (`build`, `rank`, `missing`) or from the rows of an
//! edge list (`rank --edges`), cut to the first `top` when printed.

use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::reasons::{why, words};
use crate::graph::CitationGraph;
use crate::model::ExternalIds;
use crate::rank::{GraphSummary, NodeRow, Rankings};

/// The records a data format writes from. Built once per output; each exporter takes only the
/// part it writes ([`Records::rows`] or [`Records::missing`]), computed when asked.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    source: Source<'a>,
    top: Option<usize>,
}

#[derive(Debug, Clone, Copy)]
enum Source<'a> {
    /// A ranked citation graph.
    Graph { graph: &'a CitationGraph, rankings: &'a Rankings },
    /// The rows of an edge list, already in PageRank order (an edge list has no list, so no
    /// candidates).
    Rows { rows: &'a [NodeRow<'a>], summary: GraphSummary },
}

impl<'a> Records<'a> {
    /// Every row and every candidate of a ranked graph.
    pub fn of_graph(graph: &'a CitationGraph, rankings: &'a Rankings) -> Self {
        Records { source: Source::Graph { graph, rankings }, top: None }
    }

    /// Rows ranked elsewhere (highest PageRank first), with the summary of their graph.
    pub fn of_rows(rows: &'a [NodeRow<'a>], summary: GraphSummary) -> Self {
        Records { source: Source::Rows { rows, summary }, top: None }
    }

    /// Only the first `top` rows and candidates.
    pub fn top(self, top: usize) -> Self {
        Records { top: Some(top), ..self }
    }

    /// Node rows, highest PageRank first.
    pub fn rows(&self) -> Vec<NodeRow<'a>> {
        let top = self.top.unwrap_or(usize::MAX);
        match self.source {
            Source::Graph { graph, rankings } => rankings.rows(graph).into_iter().take(top).collect(),
            Source::Rows { rows, .. } => rows.iter().take(top).cloned().collect(),
        }
    }

    /// The size of the graph ranked and how its metrics were computed.
    pub fn summary(&self) -> GraphSummary {
        match self.source {
            Source::Graph { graph, rankings } => GraphSummary {
                nodes: graph.node_count(),
                edges: graph.edge_count(),
                betweenness: rankings.betweenness,
                convergence: rankings.convergence,
            },
            Source::Rows { summary, .. } => summary,
        }
    }

    /// The candidates, best first, as `missing.json` entries (none for an edge list).
    pub fn missing(&self) -> Vec<MissingEntry<'a>> {
        match self.source {
            Source::Graph { graph, rankings } => entries(graph, rankings, self.top),
            Source::Rows { .. } => Vec::new(),
        }
    }
}

/// One candidate in `missing.json` (and `citegraph missing --format json`). The fields the README
/// lists first come first; `rank`, `belonging`, `referenceCount`, `citedByListedIds`,
/// `citesListedIds`, the optional ones and `why` follow.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingEntry<'a> {
    /// Semantic Scholar id.
    pub paper_id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Publication year.
    pub year: Option<i32>,
    /// Venue.
    pub venue: Option<&'a str>,
    /// Author names, in order.
    pub authors: &'a [String],
    /// Identifiers in other catalogues, spelt as Semantic Scholar spells them.
    pub external_ids: &'a ExternalIds,
    /// The best link for a reader (arXiv, else DOI, else Semantic Scholar), from valid ids only
    /// ([`crate::links::paper_url`]); `null` when the paper has none.
    pub url: Option<String>,
    /// The score (rounded to 6 significant digits).
    pub score: f64,
    /// How many listed papers cite it.
    pub cited_by_listed: usize,
    /// How many listed papers it cites.
    pub cites_listed: usize,
    /// Citations in all of Semantic Scholar.
    pub citation_count: Option<u64>,
    /// The list section its listed neighbours mostly belong to.
    pub suggested_section: Option<&'a str>,
    /// Why, in words a curator can check.
    pub reasons: Vec<String>,
    /// 1 for the best candidate.
    pub rank: usize,
    /// The part of the score before the impact lift (rounded to 6 significant digits).
    pub belonging: f64,
    /// References Semantic Scholar counts for it.
    pub reference_count: Option<u64>,
    /// Semantic Scholar ids of the listed papers citing it, in list order.
    pub cited_by_listed_ids: Vec<&'a str>,
    /// Semantic Scholar ids of the listed papers it cites, in list order.
    pub cites_listed_ids: Vec<&'a str>,
    /// Each signal's value (before weighting), by signal; only when the discovery phase ran
    /// (with `--depth 1` the direct-links value is `belonging`).
    #[serde(skip_serializing_if = "SignalValues::is_empty")]
    pub signals: SignalValues,
    /// Other Semantic Scholar ids merged into this paper (preprint/published twins, same DOI).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub merged_ids: &'a [String],
    /// How clearly it belongs to its suggested section, 0 to 1 (only when the discovery phase ran).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section_confidence: Option<f64>,
    /// The reasons on one short line, as `missing.md` gives them (`reasons` has them in full).
    pub why: String,
}

/// Signal values as a JSON object in [`SIGNALS`](crate::rank::signal::SIGNALS) order, keyed by
/// the signal's name in camel case (`directLinks`, `coCitation`, ...).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SignalValues(pub Vec<(String, f64)>);

impl SignalValues {
    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for SignalValues {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// `direct links` -> `directLinks`, `co-citation` -> `coCitation`.
fn camel_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if upper && !out.is_empty() {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    out
}

/// The first `top` candidates (all with `None`) as `missing.json` entries.
pub fn entries<'a>(graph: &'a CitationGraph, rankings: &'a Rankings, top: Option<usize>) -> Vec<MissingEntry<'a>> {
    let ids = |nodes: &[NodeIndex]| nodes.iter().map(|&n| graph.node(n).paper_id.as_str()).collect();
    rankings
        .candidates
        .iter()
        .take(top.unwrap_or(usize::MAX))
        .enumerate()
        .map(|(i, c)| {
            let paper = graph.node(c.node);
            MissingEntry {
                paper_id: &paper.paper_id,
                title: &paper.title,
                year: paper.year,
                venue: paper.venue.as_deref(),
                authors: &paper.authors,
                external_ids: &paper.external_ids,
                url: paper.url(),
                score: round6(c.score),
                cited_by_listed: c.cited_by_listed.len(),
                cites_listed: c.cites_listed.len(),
                citation_count: paper.citation_count,
                suggested_section: c.suggested_section.as_deref(),
                reasons: words(&c.reasons),
                rank: i + 1,
                belonging: round6(c.belonging),
                reference_count: paper.reference_count,
                cited_by_listed_ids: ids(&c.cited_by_listed),
                cites_listed_ids: ids(&c.cites_listed),
                signals: if graph.discovery().ran {
                    SignalValues(c.signals.iter().map(|s| (camel_case(s.name), round6(s.value))).collect())
                } else {
                    SignalValues::default()
                },
                merged_ids: &paper.merged_ids,
                section_confidence: c.section_confidence.map(round6),
                why: why(c),
            }
        })
        .collect()
}

/// Rounds to 6 significant digits, so files do not change with the last bit of a logarithm.
pub fn round6(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    format!("{x:.5e}").parse().unwrap_or(x)
}
