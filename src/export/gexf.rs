//! Stage 5, `graph.gexf`: the whole citation graph as GEXF 1.3 for Gephi, laid out and coloured
//! as the map draws it (`viz:position`, `viz:size`, `viz:color`), with typed attributes (see
//! [`Network`]). Unknown values are left out; every string is XML-escaped.

use std::io::Write;

use anyhow::Result;

use super::graphml::xml_comment;
use super::network::{Network, Value, xml_escape};
use super::{ExportInput, Exporter};

/// Writes `graph.gexf`.
#[derive(Debug, Clone, Copy, Default)]
pub struct GexfExporter;

impl Exporter for GexfExporter {
    fn file_name(&self) -> &'static str {
        "graph.gexf"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let date = input.options.data_date.as_deref();
        out.write_all(render(input.network(), &input.list.name, date).as_bytes())?;
        Ok(())
    }
}

fn attvalues(s: &mut String, values: &[Option<Value>], indent: &str) {
    if values.iter().all(Option::is_none) {
        return;
    }
    s.push_str(indent);
    s.push_str("<attvalues>");
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            s.push_str(&format!("<attvalue for=\"{i}\" value=\"{}\"/>", xml_escape(&v.text())));
        }
    }
    s.push_str("</attvalues>\n");
}

/// The GEXF document. The map's y axis points down, Gephi's up: y is negated.
pub fn render(network: &Network, list_name: &str, data_date: Option<&str>) -> String {
    let mut s = String::with_capacity(400 * (network.nodes.len() + 1));
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(
        "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n",
    );
    s.push_str("  <meta");
    if let Some(date) = data_date {
        s.push_str(&format!(" lastmodifieddate=\"{}\"", xml_escape(date)));
    }
    s.push_str(&format!(
        ">\n    <creator>citegraph</creator>\n    <description>Citation graph of {}</description>\n  </meta>\n",
        xml_escape(list_name)
    ));
    s.push_str(&format!("  <!-- {} -->\n", xml_comment("laid out and coloured as literature-map.png")));
    s.push_str("  <graph mode=\"static\" defaultedgetype=\"directed\">\n");
    s.push_str("    <attributes class=\"node\">\n");
    for (i, c) in network.node_columns.iter().enumerate() {
        s.push_str(&format!(
            "      <attribute id=\"{i}\" title=\"{}\" type=\"{}\"/>\n",
            xml_escape(&c.name),
            c.kind.xml_type()
        ));
    }
    s.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
    for (i, c) in network.edge_columns.iter().enumerate() {
        s.push_str(&format!(
            "      <attribute id=\"{i}\" title=\"{}\" type=\"{}\"/>\n",
            xml_escape(&c.name),
            c.kind.xml_type()
        ));
    }
    s.push_str("    </attributes>\n    <nodes>\n");
    for node in &network.nodes {
        s.push_str(&format!("      <node id=\"{}\" label=\"{}\">\n", xml_escape(&node.id), xml_escape(&node.label)));
        attvalues(&mut s, &node.values, "        ");
        let c = node.colour;
        s.push_str(&format!(
            "        <viz:color r=\"{}\" g=\"{}\" b=\"{}\"/>\n        <viz:size value=\"{:.2}\"/>\n        \
             <viz:position x=\"{:.2}\" y=\"{:.2}\" z=\"0.0\"/>\n",
            c.0, c.1, c.2, node.size, node.position[0], -node.position[1]
        ));
        s.push_str("      </node>\n");
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (i, edge) in network.edges.iter().enumerate() {
        s.push_str(&format!(
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\">\n",
            xml_escape(&edge.source),
            xml_escape(&edge.target)
        ));
        attvalues(&mut s, &edge.values, "        ");
        s.push_str("      </edge>\n");
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}
