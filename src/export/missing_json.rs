//! Stage 5, `missing.json`: every candidate in rank order, with its metadata, score, counts,
//! suggested section and reasons, for scripts.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::{ExportInput, Exporter};
use crate::graph::CitationGraph;
use crate::model::ExternalIds;
use crate::rank::Rankings;

/// One candidate in `missing.json` (and `citegraph missing --format json`). The fields named in
/// the contract come first; `rank`, `belonging`, `referenceCount`, `citedByListedIds` and
/// `citesListedIds` are additions.
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
    /// The best link for a reader (arXiv, else DOI, else Semantic Scholar).
    pub url: String,
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
    pub reasons: &'a [String],
    /// 1 for the best candidate.
    pub rank: usize,
    /// The cosine part of the score (rounded to 6 significant digits).
    pub belonging: f64,
    /// References Semantic Scholar counts for it.
    pub reference_count: Option<u64>,
    /// Semantic Scholar ids of the listed papers citing it, in list order.
    pub cited_by_listed_ids: Vec<&'a str>,
    /// Semantic Scholar ids of the listed papers it cites, in list order.
    pub cites_listed_ids: Vec<&'a str>,
}

/// The first `top` candidates (all with `None`) as `missing.json` entries.
pub fn entries<'a>(graph: &'a CitationGraph, rankings: &'a Rankings, top: Option<usize>) -> Vec<MissingEntry<'a>> {
    let ids = |nodes: &[petgraph::graph::NodeIndex]| nodes.iter().map(|&n| graph.node(n).paper_id.as_str()).collect();
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
                reasons: &c.reasons,
                rank: i + 1,
                belonging: round6(c.belonging),
                reference_count: paper.reference_count,
                cited_by_listed_ids: ids(&c.cited_by_listed),
                cites_listed_ids: ids(&c.cites_listed),
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

/// Writes `missing.json`.
#[derive(Debug, Clone, Copy, Default)]
pub struct MissingJson;

impl Exporter for MissingJson {
    fn file_name(&self) -> &'static str {
        "missing.json"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let text = serde_json::to_string_pretty(&entries(input.graph, input.rankings, None))?;
        writeln!(out, "{text}")?;
        Ok(())
    }
}
