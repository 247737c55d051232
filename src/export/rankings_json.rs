//! Stage 5, `rankings.json`: the graph's size and how it was ranked, then one row per node,
//! highest PageRank first, with every metric (also `citegraph rank --format json`).

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::DataExporter;
use super::records::Records;
use crate::rank::{GraphSummary, NodeRow};
use crate::wording::json_text;

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

/// Writes `rankings.json`.
#[derive(Debug, Clone, Copy, Default)]
pub struct RankingsJson;

impl DataExporter for RankingsJson {
    fn file_name(&self) -> &'static str {
        "rankings.json"
    }

    fn write(&self, records: &Records<'_>, out: &mut dyn Write) -> Result<()> {
        let rows = records.rows();
        let json = RankJson {
            summary: records.summary(),
            rows: rows.iter().enumerate().map(|(i, row)| RankedRow { rank: i + 1, row }).collect(),
        };
        writeln!(out, "{}", json_text(serde_json::to_string_pretty(&json)?))?;
        Ok(())
    }
}
