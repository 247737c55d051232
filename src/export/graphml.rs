//! Stage 5, `graph.graphml`: the whole citation graph as GraphML, with a typed key for every node
//! attribute (see [`Network`]) and the edges' `influential` flag, for networkx, igraph, Gephi,
//! Cytoscape and yEd. Unknown values are left out; every string is XML-escaped.

use std::io::Write;

use anyhow::Result;

use super::network::{Network, Value, xml_escape};
use super::{ExportInput, Exporter};

/// Writes `graph.graphml`.
#[derive(Debug, Clone, Copy, Default)]
pub struct GraphmlExporter;

impl Exporter for GraphmlExporter {
    fn file_name(&self) -> &'static str {
        "graph.graphml"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        out.write_all(render(input.network(), &input.list.name).as_bytes())?;
        Ok(())
    }
}

/// A value as GraphML data text.
fn data_text(value: &Value) -> String {
    match value {
        Value::Float(f) if !f.is_finite() => "NaN".to_owned(),
        v => xml_escape(&v.text()),
    }
}

/// The GraphML document.
pub fn render(network: &Network, list_name: &str) -> String {
    let mut s = String::with_capacity(256 * (network.nodes.len() + 1));
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    s.push_str(&format!("  <!-- citegraph: the citation graph of {} -->\n", xml_comment(list_name)));
    for (i, c) in network.node_columns.iter().enumerate() {
        s.push_str(&format!(
            "  <key id=\"n{i}\" for=\"node\" attr.name=\"{}\" attr.type=\"{}\"/>\n",
            xml_escape(&c.name),
            c.kind.xml_type()
        ));
    }
    for (i, c) in network.edge_columns.iter().enumerate() {
        s.push_str(&format!(
            "  <key id=\"e{i}\" for=\"edge\" attr.name=\"{}\" attr.type=\"{}\"/>\n",
            xml_escape(&c.name),
            c.kind.xml_type()
        ));
    }
    s.push_str("  <graph id=\"citations\" edgedefault=\"directed\">\n");
    for node in &network.nodes {
        s.push_str(&format!("    <node id=\"{}\">\n", xml_escape(&node.id)));
        for (i, v) in node.values.iter().enumerate() {
            if let Some(v) = v {
                s.push_str(&format!("      <data key=\"n{i}\">{}</data>\n", data_text(v)));
            }
        }
        s.push_str("    </node>\n");
    }
    for edge in &network.edges {
        s.push_str(&format!(
            "    <edge source=\"{}\" target=\"{}\">",
            xml_escape(&edge.source),
            xml_escape(&edge.target)
        ));
        for (i, v) in edge.values.iter().enumerate() {
            if let Some(v) = v {
                s.push_str(&format!("<data key=\"e{i}\">{}</data>", data_text(v)));
            }
        }
        s.push_str("</edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

/// Text safe inside an XML comment (no `--`, no markup, one line).
pub fn xml_comment(text: &str) -> String {
    xml_escape(&text.replace('-', "\u{2010}")).replace("&#10;", " ")
}
