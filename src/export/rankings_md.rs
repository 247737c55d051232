//! Stage 5, `rankings.md`: the papers with the highest PageRank as a readable Markdown table, each
//! score column in one format ([`score_cells`]; `rankings.csv` keeps full precision).

use std::io::Write;

use anyhow::Result;

use super::markdown::{escape, link, score_cells};
use super::{ExportInput, Exporter};
use crate::wording::{count, source_data, thousands};

/// Rows in `rankings.md`.
pub const TOP: usize = crate::defaults::RANKINGS_MD_TOP;

/// Writes `rankings.md`.
#[derive(Debug, Clone, Copy, Default)]
pub struct RankingsMarkdown;

impl Exporter for RankingsMarkdown {
    fn file_name(&self) -> &'static str {
        "rankings.md"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let ExportInput { list, graph, rankings, options, .. } = *input;
        writeln!(out, "# Rankings: {}\n", escape(&list.name))?;
        writeln!(
            out,
            "The {} papers with the highest PageRank in the citation graph of the list ({} papers, {}; \
             betweenness {}{}). Listed papers show their section; each score column is rounded alike \
             (`rankings.csv` has every score in full).\n",
            TOP.min(graph.node_count()),
            thousands(graph.node_count() as u64),
            count(graph.edge_count() as u64, "citation"),
            rankings.betweenness,
            options
                .data_date
                .as_deref()
                .map(|d| format!("; {} of {d}", escape(&source_data(&options.data_source))))
                .unwrap_or_default(),
        )?;
        writeln!(
            out,
            "| # | Paper | Year | Listed in | Cited by listed | Cites listed | Citations | PageRank | Betweenness | Authority | Hub |"
        )?;
        writeln!(out, "|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")?;
        let rows: Vec<_> = rankings.rows(graph).into_iter().take(TOP).collect();
        for (i, (row, [pagerank, betweenness, authority, hub])) in rows.iter().zip(score_cells(&rows)).enumerate() {
            let m = &row.metrics;
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                i + 1,
                link(row.title, row.url.as_deref()),
                row.year.map(|y| y.to_string()).unwrap_or_default(),
                row.section.map(|s| if s.is_empty() { "yes".to_owned() } else { escape(s) }).unwrap_or_default(),
                m.cited_by_listed,
                m.cites_listed,
                row.citation_count.map(thousands).unwrap_or_default(),
                pagerank,
                betweenness,
                authority,
                hub,
            )?;
        }
        Ok(())
    }
}
