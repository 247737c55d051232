//! Stage 5, `missing.csv`: the candidates in rank order as a table for spreadsheets, one row
//! each, the reasons joined by `; ` (also `citegraph missing --format csv`).

use std::io::Write;

use anyhow::Result;

use super::DataExporter;
use super::records::Records;
use crate::wording::csv_cell;

/// The header: names and order exactly so.
pub const HEADER: [&str; 11] = [
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
];

/// Writes `missing.csv`.
#[derive(Debug, Clone, Copy, Default)]
pub struct MissingCsv;

impl DataExporter for MissingCsv {
    fn file_name(&self) -> &'static str {
        "missing.csv"
    }

    /// Unknown values are empty fields; the score is rounded as in `missing.json`; text cells are
    /// made spreadsheet-safe ([`csv_cell`]).
    fn write(&self, records: &Records<'_>, out: &mut dyn Write) -> Result<()> {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(HEADER)?;
        for e in &records.missing() {
            csv.write_record([
                e.rank.to_string(),
                csv_cell(e.paper_id),
                csv_cell(e.title),
                e.year.map(|y| y.to_string()).unwrap_or_default(),
                csv_cell(e.venue.unwrap_or_default()),
                e.score.to_string(),
                e.cited_by_listed.to_string(),
                e.cites_listed.to_string(),
                e.citation_count.map(|c| c.to_string()).unwrap_or_default(),
                csv_cell(e.suggested_section.unwrap_or_default()),
                csv_cell(&e.reasons.join("; ")),
            ])?;
        }
        csv.flush()?;
        Ok(())
    }
}
