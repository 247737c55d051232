//! Results of `citegraph rank`, `missing` and `evaluate` for stdout: tables for people, JSON
//! and CSV for scripts.

use std::io::Write;

use anyhow::Result;

use super::tables::{align_right, fit, plain_table, wrap_line, write_table};
use super::{ListFormat, TableFormat};
use crate::export::markdown::score_cells;
use crate::export::records::round6;
use crate::export::{DataFormat, Dataset, Records, data_exporter};
use crate::graph::CitationGraph;
use crate::rank::evaluate::{Evaluation, RANKERS, RECALL_AT};
use crate::rank::{NodeRow, Rankings};
use crate::terminal::StripControls;
use crate::wording::{count, cut_title, json_text, plural, thousands};

pub use crate::rank::GraphSummary;

/// What the rows of `citegraph rank` describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// Papers of a citation graph (titles, years, listed or not).
    Papers,
    /// Nodes of an edge list (ids only).
    EdgeList,
}

/// The data format a `--format` asks for; `None` for the table for people. The one place
/// the flag's values are matched.
fn data_format(format: TableFormat) -> Option<DataFormat> {
    match format {
        TableFormat::Table => None,
        TableFormat::Csv => Some(DataFormat::Csv),
        TableFormat::Json => Some(DataFormat::Json),
    }
}

/// `citegraph rank`: the first `top` rows (already in PageRank order).
pub fn write_rank(
    rows: &[NodeRow<'_>],
    kind: RowKind,
    summary: GraphSummary,
    format: TableFormat,
    top: usize,
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<()> {
    if let Some(format) = data_format(format) {
        return data_exporter(Dataset::Rankings, format).write(&Records::of_rows(rows, summary).top(top), out);
    }
    let out = &mut StripControls::new(out);
    let rows = &rows[..top.min(rows.len())];
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
    for (i, (row, scores)) in rows.iter().zip(score_cells(rows)).enumerate() {
        let m = &row.metrics;
        let mut cells = vec![(i + 1).to_string()];
        match kind {
            RowKind::Papers => cells.extend([
                cut_title(row.title),
                row.year.map(|y| y.to_string()).unwrap_or_default(),
                row.section.map(cut_title).unwrap_or_else(|| "-".to_owned()),
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
        cells.extend(scores);
        table.add_row(cells);
    }
    // Narrow terminals lose HITS, the degrees and betweenness before the title is cut.
    let (drop, flexible): (&[usize], &[usize]) = match kind {
        RowKind::Papers => (&[12, 11, 6, 7, 10, 4, 5], &[1, 3]),
        RowKind::EdgeList => (&[7, 6, 5], &[1]),
    };
    fit(&mut table, width, drop, flexible);
    write_table(out, &table)?;
    writeln!(out, "\n{}", wrap_line(&summary_line(&summary), width))?;
    Ok(())
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
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<()> {
    let records = Records::of_graph(graph, rankings).top(top);
    if let Some(format) = data_format(format) {
        return data_exporter(Dataset::Missing, format).write(&records, out);
    }
    let out = &mut StripControls::new(out);
    let entries = records.missing();
    let mut table =
        plain_table(&["#", "Score", "Cited by listed", "Cites listed", "Citations", "Year", "Section", "Title"]);
    align_right(&mut table, &[0, 1, 2, 3, 4, 5]);
    for e in &entries {
        table.add_row(vec![
            e.rank.to_string(),
            format!("{:.3}", round6(e.score)),
            e.cited_by_listed.to_string(),
            e.cites_listed.to_string(),
            e.citation_count.map(thousands).unwrap_or_default(),
            e.year.map(|y| y.to_string()).unwrap_or_default(),
            e.suggested_section.map(cut_title).unwrap_or_default(),
            cut_title(e.title),
        ]);
    }
    fit(&mut table, width, &[6, 3, 5], &[7]);
    write_table(out, &table)?;
    let footer = format!(
        "{} of {}, {} {} in the graph. Reasons: --format json.",
        entries.len(),
        count(rankings.candidates.len() as u64, "candidate"),
        graph.listed().count(),
        plural(graph.listed().count() as u64, "listed paper")
    );
    writeln!(out, "\n{}", wrap_line(&footer, width))?;
    Ok(())
}

/// `citegraph evaluate`.
pub fn write_evaluation(
    evaluation: &Evaluation,
    format: ListFormat,
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<()> {
    if format == ListFormat::Json {
        writeln!(out, "{}", json_text(serde_json::to_string_pretty(evaluation)?))?;
        return Ok(());
    }
    let out = &mut StripControls::new(out);
    let n = evaluation.hidden.len();
    let heading =
        format!("Each of the {n} listed papers in the graph hidden in turn, then ranked among the candidates:");
    writeln!(out, "{}\n", wrap_line(&heading, width))?;
    let recall: Vec<String> = RECALL_AT.iter().map(|k| format!("Recall@{k}")).collect();
    let mut header = vec!["Ranking"];
    header.extend(recall.iter().map(String::as_str));
    header.extend(["Median rank", "Found"]);
    let mut table = plain_table(&header);
    align_right(&mut table, &(1..header.len()).collect::<Vec<_>>());
    for s in &evaluation.summaries {
        let mut cells = vec![s.name.to_owned()];
        cells.extend(s.recall.iter().map(|r| format!("{r:.2}")));
        cells.push(s.median_rank.map_or_else(|| "not found".to_owned(), |m| format!("{m}")));
        cells.push(format!("{}/{n}", s.found));
        table.add_row(cells);
    }
    write_table(out, &table)?;
    writeln!(out)?;
    if !evaluation.by_signal.is_empty() {
        writeln!(out, "The combination and each signal alone:\n")?;
        let header = ["Signal", "Recall@10", "Recall@20", "Recall@50", "Median rank", "Found"];
        let mut table = plain_table(&header);
        align_right(&mut table, &(1..header.len()).collect::<Vec<_>>());
        for s in &evaluation.by_signal {
            table.add_row(vec![
                s.signal.to_owned(),
                format!("{:.2}", s.recall_at10),
                format!("{:.2}", s.recall_at20),
                format!("{:.2}", s.recall_at50),
                s.median_rank.map_or_else(|| "not found".to_owned(), |m| format!("{m}")),
                format!("{}/{n}", s.found),
            ]);
        }
        write_table(out, &table)?;
        writeln!(out)?;
    }
    let rank = |r: &Option<usize>| r.map_or_else(|| "-".to_owned(), |r| r.to_string());
    let mut header = vec!["Hidden paper", "Section", "Candidates"];
    header.extend(RANKERS.iter().map(|r| r.column));
    let mut table = plain_table(&header);
    align_right(&mut table, &(2..header.len()).collect::<Vec<_>>());
    for h in &evaluation.hidden {
        let mut cells = vec![cut_title(&h.title), cut_title(&h.section), h.candidates.to_string()];
        cells.extend(h.ranks.iter().map(rank));
        table.add_row(cells);
    }
    fit(&mut table, width, &[2], &[0, 1]);
    write_table(out, &table)?;
    let note = "Ranks: 1 is first; '-' means the hidden paper has no link to the rest of the list.";
    writeln!(out, "\n{}", wrap_line(note, width))?;
    Ok(())
}
