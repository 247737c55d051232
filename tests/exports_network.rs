//! The network exports (`graph.graphml`, `graph.gexf`, `graph.json`, `nodes.csv`, `edges.csv`)
//! read back by real readers (networkx, igraph, the csv module; `tests/readers/read_network.py`):
//! every node and citation, every attribute with the right type and value, the map's layout and
//! colours in the GEXF, and a hostile title intact through each.

mod common;

use citegraph::export::network::{Kind, Network, Value};
use citegraph::export::{exporters, network_exports, write_all};
use common::exports::{HOSTILE, hostile_fixture, python, read_back};
use serde_json::Value as Json;

const NAMES: [&str; 5] = ["graph.graphml", "graph.gexf", "graph.json", "nodes.csv", "edges.csv"];

#[test]
fn build_writes_the_five_network_files() {
    let names: Vec<&str> = network_exports().iter().map(|e| e.file_name()).collect();
    assert_eq!(names, NAMES);
    let all: Vec<&str> = exporters().iter().map(|e| e.file_name()).collect();
    assert!(NAMES.iter().all(|n| all.contains(n)), "build writes them: {all:?}");
}

#[test]
fn the_network_has_every_node_and_a_column_per_registered_signal() {
    let fixture = hostile_fixture();
    let network = Network::new(&fixture.input());
    assert_eq!(network.nodes.len(), 4);
    assert_eq!(network.edges.len(), 4);
    let names: Vec<&str> = network.node_columns.iter().map(|c| c.name.as_str()).collect();
    for name in ["title", "year", "section", "listed", "candidate_rank", "score", "pagerank", "betweenness", "url"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert!(names.iter().any(|n| n.starts_with("signal_")), "a column per signal: {names:?}");
    let signal = fixture.rankings.candidates[0].signals[0].name;
    let col = names.iter().position(|n| *n == format!("signal_{signal}")).unwrap();
    let cand = network.nodes.iter().find(|n| n.id == "cand-hostile").unwrap();
    assert!(matches!(cand.values[col], Some(Value::Float(v)) if v > 0.0));
}

/// Checks what a reader returned against the network: every value present is there with its
/// type (`typed_missing`: the reader fills unknown values in, as igraph does).
fn check(reader: &str, got: &Json, network: &Network, typed_strings_only: bool, typed_missing: bool) {
    let nodes = got["nodes"].as_object().unwrap();
    assert_eq!(nodes.len(), network.nodes.len(), "{reader}: every node");
    for node in &network.nodes {
        let attrs = nodes.get(&node.id).unwrap_or_else(|| panic!("{reader}: node {} read back", node.id));
        for (column, value) in network.node_columns.iter().zip(&node.values) {
            let read = &attrs[&column.name];
            match value {
                None if typed_missing => {}
                // JSON writes unknown values as null.
                None if reader.contains("node_link") => assert_eq!(read[0], "NoneType", "{reader}: {}", column.name),
                None if typed_strings_only => {
                    assert_eq!(read, &serde_json::json!(["str", ""]), "{reader}: {}", column.name);
                }
                None => assert!(read.is_null(), "{reader}: {} of {} is left out, got {read}", column.name, node.id),
                Some(v) => check_value(reader, &column.name, column.kind, v, read, typed_strings_only),
            }
        }
    }
    let edges = got["edges"].as_array().unwrap();
    assert_eq!(edges.len(), network.edges.len(), "{reader}: every citation");
    for edge in &network.edges {
        let read = edges
            .iter()
            .find(|e| e[0] == edge.source.as_str() && e[1] == edge.target.as_str())
            .unwrap_or_else(|| panic!("{reader}: {} -> {} read back", edge.source, edge.target));
        for (column, value) in network.edge_columns.iter().zip(&edge.values) {
            if let Some(v) = value {
                check_value(reader, &column.name, column.kind, v, &read[2][&column.name], typed_strings_only);
            }
        }
    }
}

fn check_value(reader: &str, name: &str, kind: Kind, value: &Value, read: &Json, strings: bool) {
    let (ty, got) = (read[0].as_str().unwrap_or("missing"), &read[1]);
    if strings {
        // The spreadsheet files hold each text as one line, neutralised against formulas
        // (`wording::csv_cell`), like rankings.csv; every other reader gets the text exactly.
        let want = match value {
            Value::Text(text) => citegraph::wording::csv_cell(text),
            other => other.text(),
        };
        assert_eq!((ty, got.as_str().unwrap()), ("str", want.as_str()), "{reader}: {name}");
        return;
    }
    let want = match kind {
        Kind::Text => "str",
        // igraph keeps every number as a double.
        Kind::Int if reader.starts_with("igraph") => "float",
        Kind::Int => "int",
        Kind::Float => "float",
        Kind::Bool => "bool",
    };
    assert_eq!(ty, want, "{reader}: {name} is typed {want}, got {read}");
    match value {
        Value::Text(s) => assert_eq!(got.as_str().unwrap(), s, "{reader}: {name}"),
        Value::Int(i) => assert_eq!(got.as_f64().unwrap(), *i as f64, "{reader}: {name}"),
        Value::Float(f) => assert!((got.as_f64().unwrap() - f).abs() <= 1e-12 * f.abs().max(1.0), "{reader}: {name}"),
        Value::Bool(b) => assert_eq!(got.as_bool().unwrap(), *b, "{reader}: {name}"),
    }
}

#[test]
fn every_network_file_reads_back_in_its_real_reader_with_the_hostile_title_intact() {
    let fixture = hostile_fixture();
    let input = fixture.input();
    let network = Network::new(&input);
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), &input, &network_exports()).unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();

    // Always: the XML is well formed and the hostile title is in it as text.
    for name in ["graph.graphml", "graph.gexf"] {
        let text = std::fs::read_to_string(path(name)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name} is XML: {e}"));
        assert!(doc.descendants().any(|n| n.text() == Some(HOSTILE) || n.attribute("label") == Some(HOSTILE)));
        assert!(!text.contains("<b>") && !text.contains("</script>"), "{name} escapes markup");
    }

    let Some(py) = python() else { return };
    let graphml = read_back(&py, "read_network.py", &["graphml-networkx", &path("graph.graphml")]);
    assert_eq!(graphml["directed"], true);
    check("networkx graphml", &graphml, &network, false, false);
    assert_eq!(graphml["nodes"]["listed-hostile"]["title"][1], HOSTILE);

    let igraph = read_back(&py, "read_network.py", &["graphml-igraph", &path("graph.graphml")]);
    check("igraph graphml", &igraph, &network, false, true);
    assert_eq!(igraph["nodes"]["cand-hostile"]["title"][1], HOSTILE);

    let gexf = read_back(&py, "read_network.py", &["gexf", &path("graph.gexf")]);
    check("networkx gexf", &gexf, &network, false, false);
    for node in &network.nodes {
        let read = &gexf["nodes"][&node.id];
        assert_eq!(read["label"][1], node.label.as_str(), "gexf label");
        let viz = &read["viz"][1];
        assert!((viz["position"]["x"].as_f64().unwrap() - node.position[0]).abs() < 0.01, "{viz}");
        assert!((viz["position"]["y"].as_f64().unwrap() + node.position[1]).abs() < 0.01, "{viz}");
        assert_eq!(viz["color"]["r"], node.colour.0);
        assert_eq!(viz["color"]["b"], node.colour.2);
        assert!(viz["size"].as_f64().unwrap() > 0.0);
    }

    let json = read_back(&py, "read_network.py", &["json", &path("graph.json")]);
    check("networkx node_link_graph", &json, &network, false, false);
    assert_eq!(json["name"], fixture.list.name.as_str());
    assert_eq!((json["cytoscape_nodes"].as_u64(), json["cytoscape_edges"].as_u64()), (Some(4), Some(4)));

    let csv = read_back(&py, "read_network.py", &["csv", &path("nodes.csv"), &path("edges.csv")]);
    check("csv", &csv, &network, true, false);
    assert_eq!(csv["nodes"]["cand-hostile"]["Label"][1], citegraph::wording::csv_cell(HOSTILE).as_str());
    assert_eq!(csv["edges"][0][2]["Type"][1], "Directed");
}
