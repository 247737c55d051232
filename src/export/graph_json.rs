//! Stage 5, `graph.json`: the whole citation graph as node-link JSON (what networkx's
//! `node_link_graph(data, edges="links")` and D3 read: `nodes` with an `id`, `links` with
//! `source` and `target`), every node attribute typed (see [`Network`]; unknown values `null`),
//! and the same graph as Cytoscape.js `elements` with the map's positions.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value as Json, json};

use super::network::{Network, Value};
use super::{ExportInput, Exporter};
use crate::wording::json_text;

/// Writes `graph.json`.
#[derive(Debug, Clone, Copy, Default)]
pub struct GraphJsonExporter;

impl Exporter for GraphJsonExporter {
    fn file_name(&self) -> &'static str {
        "graph.json"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let doc = document(input.network(), &input.list.name, input.options.data_date.as_deref());
        out.write_all(json_text(serde_json::to_string(&doc)?).as_bytes())?;
        writeln!(out)?;
        Ok(())
    }
}

/// The JSON document.
pub fn document(network: &Network, list_name: &str, data_date: Option<&str>) -> Json {
    let mut nodes = Vec::with_capacity(network.nodes.len());
    let mut cy_nodes = Vec::with_capacity(network.nodes.len());
    for node in &network.nodes {
        let mut o = Map::new();
        o.insert("id".into(), node.id.as_str().into());
        o.insert("label".into(), node.label.as_str().into());
        for (c, v) in network.node_columns.iter().zip(&node.values) {
            o.insert(c.name.clone(), v.as_ref().map_or(Json::Null, Value::json));
        }
        o.insert("x".into(), json!(round2(node.position[0])));
        o.insert("y".into(), json!(round2(node.position[1])));
        o.insert("size".into(), json!(round2(node.size)));
        o.insert("color".into(), node.colour.hex().into());
        nodes.push(Json::Object(o));
        cy_nodes.push(json!({
            "data": { "id": node.id, "label": node.label, "color": node.colour.hex(), "size": round2(node.size) },
            "position": { "x": round2(node.position[0]), "y": round2(node.position[1]) },
        }));
    }
    let mut links = Vec::with_capacity(network.edges.len());
    let mut cy_edges = Vec::with_capacity(network.edges.len());
    for (i, edge) in network.edges.iter().enumerate() {
        let mut o = Map::new();
        o.insert("source".into(), edge.source.as_str().into());
        o.insert("target".into(), edge.target.as_str().into());
        for (c, v) in network.edge_columns.iter().zip(&edge.values) {
            o.insert(c.name.clone(), v.as_ref().map_or(Json::Null, Value::json));
        }
        links.push(Json::Object(o));
        cy_edges.push(json!({ "data": { "id": format!("e{i}"), "source": edge.source, "target": edge.target } }));
    }
    json!({
        "directed": true,
        "multigraph": false,
        "graph": { "name": list_name, "dataDate": data_date },
        "nodes": nodes,
        "links": links,
        "elements": { "nodes": cy_nodes, "edges": cy_edges },
    })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
