//! Stage 5, `nodes.csv`: every node of the citation graph as the Gephi and Kumu spreadsheet
//! import reads it: `Id`, `Label`, then every attribute (see [`Network`]; unknown values empty).
//! `edges.csv` holds the citations.

use std::io::Write;

use anyhow::Result;

use super::network::Value;
use super::{ExportInput, Exporter};
use crate::wording::csv_cell;

/// Writes `nodes.csv`.
#[derive(Debug, Clone, Copy, Default)]
pub struct NodesCsvExporter;

impl Exporter for NodesCsvExporter {
    fn file_name(&self) -> &'static str {
        "nodes.csv"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let network = input.network();
        let mut csv = csv::Writer::from_writer(out);
        let mut header = vec!["Id".to_owned(), "Label".to_owned()];
        header.extend(network.node_columns.iter().map(|c| c.name.clone()));
        csv.write_record(&header)?;
        for node in &network.nodes {
            let mut row = vec![csv_cell(&node.id), csv_cell(&node.label)];
            row.extend(node.values.iter().map(Value::csv_text));
            csv.write_record(&row)?;
        }
        csv.flush()?;
        Ok(())
    }
}
