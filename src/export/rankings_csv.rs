//! Stage 5, `rankings.csv`: one row per node of the citation graph, highest PageRank first,
//! every metric, properly quoted (also `citegraph rank --format csv`).

use std::io::Write;

use anyhow::Result;

use super::DataExporter;
use super::records::Records;
use crate::rank::NodeRow;
use crate::wording::csv_cell;

/// The header, as the README documents it: scripts rely on these names in this order.
pub const HEADER: [&str; 15] = [
    "paperId",
    "title",
    "year",
    "venue",
    "listed",
    "section",
    "cited_by_listed",
    "cites_listed",
    "in_degree",
    "out_degree",
    "citation_count",
    "pagerank",
    "betweenness",
    "authority",
    "hub",
];

/// Writes `rankings.csv`.
#[derive(Debug, Clone, Copy, Default)]
pub struct RankingsCsv;

impl DataExporter for RankingsCsv {
    fn file_name(&self) -> &'static str {
        "rankings.csv"
    }

    fn write(&self, records: &Records<'_>, out: &mut dyn Write) -> Result<()> {
        write_rows(&records.rows(), out)
    }
}

/// The shortest text that reads back as exactly `x`, in exponent form when tiny (`1.5e-9`).
fn number(x: f64) -> String {
    format!("{x:?}")
}

/// Writes the header and one row per node. Unknown values are empty fields; scores are written
/// in full precision; text cells are made spreadsheet-safe ([`csv_cell`]).
fn write_rows(rows: &[NodeRow<'_>], out: &mut dyn Write) -> Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(HEADER)?;
    for row in rows {
        let m = &row.metrics;
        csv.write_record([
            csv_cell(row.paper_id),
            csv_cell(row.title),
            row.year.map(|y| y.to_string()).unwrap_or_default(),
            csv_cell(row.venue.unwrap_or_default()),
            row.listed.to_string(),
            csv_cell(row.section.unwrap_or_default()),
            m.cited_by_listed.to_string(),
            m.cites_listed.to_string(),
            m.in_degree.to_string(),
            m.out_degree.to_string(),
            row.citation_count.map(|c| c.to_string()).unwrap_or_default(),
            number(m.pagerank),
            number(m.betweenness),
            number(m.authority),
            number(m.hub),
        ])?;
    }
    csv.flush()?;
    Ok(())
}
