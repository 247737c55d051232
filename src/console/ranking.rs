//! Results of `citegraph rank`, `missing` and `evaluate` for stdout: tables for people, JSON
//! and CSV for scripts.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::tables::{align_right, plain_table, write_table};
use super::{ListFormat, TableFormat};
use crate::export::markdown::short_number;
use crate::export::missing_json::{entries, round6};
use crate::export::rankings_csv;
use crate::graph::CitationGraph;
use crate::rank::candidates::short_title;
use crate::rank::evaluate::{Evaluation, RECALL_AT, Ranker};
use crate::rank::{BetweennessMode, Convergence, NodeRow, Rankings};
use crate::wording::{count, plural, thousands};

/// What the rows of `citegraph rank` describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// Papers of a citation graph (titles, years, listed or not).
    Papers,
    /// Nodes of an edge list (ids only).
    EdgeList,
}

/// A summary of the graph ranked, printed under the table.
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

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RankJson<'a> {
    #[serde(flatten)]
    summary: GraphSummary,
    rows: Vec<RankedRow<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RankedRow<'a> {
    rank: usize,
    #[serde(flatten)]
    row: &'a NodeRow<'a>,
}

/// `citegraph rank`: the first `top` rows (already in PageRank order).
pub fn write_rank(
    rows: &[NodeRow<'_>],
    kind: RowKind,
    summary: GraphSummary,
    format: TableFormat,
    top: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let rows = &rows[..top.min(rows.len())];
    match format {
        TableFormat::Csv => rankings_csv::write_rows(rows, out),
        TableFormat::Json => {
            let json = RankJson {
                summary,
                rows: rows.iter().enumerate().map(|(i, row)| RankedRow { rank: i + 1, row }).collect(),
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
            Ok(())
        }
        TableFormat::Table => {
            let mut header = vec!["#"];
            header.extend(match kind {
                RowKind::Papers => {
                    &["Paper", "Year", "Listed in", "Cited by listed", "Cites listed", "In", "Out", "Citations"][..]
                }
                RowKind::EdgeList => &["Id", "In", "Out"][..],
            });
            header.extend(["PageRank", "Betweenness", "Authority", "Hub"]);
            let mut table = plain_table(&header);
            let numbers: Vec<usize> = match kind {
                RowKind::Papers => [0, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12].into(),
                RowKind::EdgeList => [0, 2, 3, 4, 5, 6, 7].into(),
            };
            align_right(&mut table, &numbers);
            for (i, row) in rows.iter().enumerate() {
                let m = &row.metrics;
                let mut cells = vec![(i + 1).to_string()];
                match kind {
                    RowKind::Papers => cells.extend([
                        short_title(row.title),
                        row.year.map(|y| y.to_string()).unwrap_or_default(),
                        row.section.map(short_title).unwrap_or_else(|| "-".to_owned()),
                        m.cited_by_listed.to_string(),
                        m.cites_listed.to_string(),
                        m.in_degree.to_string(),
                        m.out_degree.to_string(),
                        row.citation_count.map(thousands).unwrap_or_default(),
                    ]),
                    RowKind::EdgeList => {
                        cells.extend([row.paper_id.to_owned(), m.in_degree.to_string(), m.out_degree.to_string()]);
                    }
                }
                cells.extend([m.pagerank, m.betweenness, m.authority, m.hub].map(short_number));
                table.add_row(cells);
            }
            write_table(out, &table)?;
            writeln!(out, "\n{}", summary_line(&summary))?;
            Ok(())
        }
    }
}

/// `49,920 nodes, 1,000,000 edges; PageRank 31 iterations, HITS 112; betweenness exact`.
pub fn summary_line(s: &GraphSummary) -> String {
    let c = &s.convergence;
    let not = |ok: bool| if ok { "" } else { " (not converged)" };
    format!(
        "{}, {}; PageRank {} {}{}, HITS {} {}{}; betweenness {}",
        count(s.nodes as u64, "node"),
        count(s.edges as u64, "edge"),
        c.pagerank_iterations,
        plural(c.pagerank_iterations as u64, "iteration"),
        not(c.pagerank_converged),
        c.hits_iterations,
        plural(c.hits_iterations as u64, "iteration"),
        not(c.hits_converged),
        s.betweenness
    )
}

/// `citegraph missing`: the first `top` candidates.
pub fn write_missing(
    graph: &CitationGraph,
    rankings: &Rankings,
    format: TableFormat,
    top: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let entries = entries(graph, rankings, Some(top));
    match format {
        TableFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&entries)?)?;
        }
        TableFormat::Csv => {
            let mut csv = csv::Writer::from_writer(&mut *out);
            csv.write_record([
                "rank",
                "paperId",
                "title",
                "year",
                "venue",
                "score",
                "citedByListed",
                "citesListed",
                "citationCount",
                "suggestedSection",
                "reasons",
            ])?;
            for e in &entries {
                csv.write_record([
                    e.rank.to_string(),
                    e.paper_id.to_owned(),
                    e.title.to_owned(),
                    e.year.map(|y| y.to_string()).unwrap_or_default(),
                    e.venue.unwrap_or_default().to_owned(),
                    e.score.to_string(),
                    e.cited_by_listed.to_string(),
                    e.cites_listed.to_string(),
                    e.citation_count.map(|c| c.to_string()).unwrap_or_default(),
                    e.suggested_section.unwrap_or_default().to_owned(),
                    e.reasons.join("; "),
                ])?;
            }
            csv.flush()?;
        }
        TableFormat::Table => {
            let mut table = plain_table(&[
                "#",
                "Score",
                "Cited by listed",
                "Cites listed",
                "Citations",
                "Year",
                "Section",
                "Title",
            ]);
            align_right(&mut table, &[0, 1, 2, 3, 4, 5]);
            for e in &entries {
                table.add_row(vec![
                    e.rank.to_string(),
                    format!("{:.3}", round6(e.score)),
                    e.cited_by_listed.to_string(),
                    e.cites_listed.to_string(),
                    e.citation_count.map(thousands).unwrap_or_default(),
                    e.year.map(|y| y.to_string()).unwrap_or_default(),
                    e.suggested_section.map(short_title).unwrap_or_default(),
                    short_title(e.title),
                ]);
            }
            write_table(out, &table)?;
            writeln!(
                out,
                "\n{} of {}, {} {} in the graph. Reasons: --format json.",
                entries.len(),
                count(rankings.candidates.len() as u64, "candidate"),
                graph.listed().count(),
                plural(graph.listed().count() as u64, "listed paper")
            )?;
        }
    }
    Ok(())
}

/// `citegraph evaluate`.
pub fn write_evaluation(evaluation: &Evaluation, format: ListFormat, out: &mut dyn Write) -> Result<()> {
    if format == ListFormat::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(evaluation)?)?;
        return Ok(());
    }
    let n = evaluation.hidden.len();
    writeln!(out, "Each of the {n} listed papers in the graph hidden in turn, then ranked among the candidates:\n")?;
    let recall_10 = format!("Recall@{}", RECALL_AT[0]);
    let recall_20 = format!("Recall@{}", RECALL_AT[1]);
    let mut table = plain_table(&["Ranking", &recall_10, &recall_20, "Median rank", "Found"]);
    align_right(&mut table, &[1, 2, 3, 4]);
    for s in &evaluation.summaries {
        table.add_row(vec![
            s.name.to_owned(),
            format!("{:.2}", s.recall_at_10),
            format!("{:.2}", s.recall_at_20),
            s.median_rank.map_or_else(|| "not found".to_owned(), |m| format!("{m}")),
            format!("{}/{n}", s.found),
        ]);
    }
    write_table(out, &table)?;
    writeln!(out)?;
    let rank = |r: Option<usize>| r.map_or_else(|| "-".to_owned(), |r| r.to_string());
    let mut table = plain_table(&["Hidden paper", "Section", "Candidates", "Score", "Citations", "Links"]);
    align_right(&mut table, &[2, 3, 4, 5]);
    for h in &evaluation.hidden {
        table.add_row(vec![
            short_title(&h.title),
            short_title(&h.section),
            h.candidates.to_string(),
            rank(h.rank(Ranker::Score)),
            rank(h.rank(Ranker::CitationCount)),
            rank(h.rank(Ranker::ListedLinks)),
        ]);
    }
    write_table(out, &table)?;
    writeln!(out, "\nRanks: 1 is first; '-' means the hidden paper has no link to the rest of the list.")?;
    Ok(())
}
