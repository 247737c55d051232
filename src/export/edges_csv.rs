//! Stage 5, `edges.csv`: every citation as the Gephi and Kumu spreadsheet import reads it:
//! `Source` (the citing paper's id), `Target` (the cited one), `Type` (`Directed`), then the
//! edge attributes (unknown values empty). `nodes.csv` holds the papers.

use std::io::Write;

use anyhow::Result;

use super::network::Value;
use super::{ExportInput, Exporter};
use crate::wording::csv_cell;

/// Writes `edges.csv`.
#[derive(Debug, Clone, Copy, Default)]
pub struct EdgesCsvExporter;

impl Exporter for EdgesCsvExporter {
    fn file_name(&self) -> &'static str {
        "edges.csv"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let network = input.network();
        let mut csv = csv::Writer::from_writer(out);
        let mut header = vec!["Source".to_owned(), "Target".to_owned(), "Type".to_owned()];
        header.extend(network.edge_columns.iter().map(|c| c.name.clone()));
        csv.write_record(&header)?;
        for edge in &network.edges {
            let mut row = vec![csv_cell(&edge.source), csv_cell(&edge.target), "Directed".to_owned()];
            row.extend(edge.values.iter().map(Value::csv_text));
            csv.write_record(&row)?;
        }
        csv.flush()?;
        Ok(())
    }
}
