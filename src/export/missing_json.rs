//! Stage 5, `missing.json`: every candidate in rank order, with its metadata, score, counts,
//! suggested section and reasons, for scripts (also `citegraph missing --format json`).

use std::io::Write;

use anyhow::Result;

use super::DataExporter;
use super::records::Records;
use crate::wording::json_text;

/// Writes `missing.json`: a JSON array of [`MissingEntry`](super::records::MissingEntry).
#[derive(Debug, Clone, Copy, Default)]
pub struct MissingJson;

impl DataExporter for MissingJson {
    fn file_name(&self) -> &'static str {
        "missing.json"
    }

    fn write(&self, records: &Records<'_>, out: &mut dyn Write) -> Result<()> {
        let text = json_text(serde_json::to_string_pretty(&records.missing())?);
        writeln!(out, "{text}")?;
        Ok(())
    }
}
