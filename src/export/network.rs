//! Stage 5, what the network exports (`graph.graphml`, `graph.gexf`, `graph.json`, `nodes.csv`,
//! `edges.csv`) share: every node of the citation graph with its typed attributes, and every
//! citation with its own, in one table, so the formats cannot disagree on a name or a type.
//! Candidate signals are columns named `signal_<name>`, taken from the registered signals and
//! from whatever the candidates carry, so a new signal flows into every format by itself.

use crate::picture::palette::{self, CANDIDATE_FILL, CONTEXT_FILL, Rgb};
use crate::picture::selection::Role;
use crate::picture::text::{section_display_name, year_of};
use crate::rank::Rankings;
use crate::rank::signal::SIGNALS;
use petgraph::graph::NodeIndex;

use super::ExportInput;
use super::records::round6;
use crate::wording::csv_cell;

/// The type of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// A whole number.
    Int,
    /// A real number.
    Float,
    /// True or false.
    Bool,
}

impl Kind {
    /// The attribute type's name in GraphML and GEXF (both take XML Schema's names).
    pub fn xml_type(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Int => "long",
            Kind::Float => "double",
            Kind::Bool => "boolean",
        }
    }
}

/// One value of an attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A real number.
    Float(f64),
    /// True or false.
    Bool(bool),
}

impl Value {
    /// A spreadsheet cell (`nodes.csv`, `edges.csv`): text neutralised against formulas
    /// ([`csv_cell`]), numbers and flags as they are; empty when unknown.
    pub fn csv_text(value: &Option<Value>) -> String {
        match value {
            Some(Value::Text(text)) => csv_cell(text),
            Some(other) => other.text(),
            None => String::new(),
        }
    }

    /// The value as plain text (`true`/`false`, decimal numbers).
    pub fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
        }
    }

    /// The value as JSON.
    pub fn json(&self) -> serde_json::Value {
        match self {
            Value::Text(s) => serde_json::Value::from(s.as_str()),
            Value::Int(i) => serde_json::Value::from(*i),
            Value::Float(f) => serde_json::Value::from(*f),
            Value::Bool(b) => serde_json::Value::from(*b),
        }
    }
}

/// A named, typed attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name in every format.
    pub name: String,
    /// Its type.
    pub kind: Kind,
}

/// One node: its id, label, attribute values (by column, `None` when unknown) and drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeRecord {
    /// The Semantic Scholar id.
    pub id: String,
    /// The title.
    pub label: String,
    /// Values in column order.
    pub values: Vec<Option<Value>>,
    /// Where the map draws it, in pixels (y down); papers the map leaves out sit near their
    /// drawn neighbours or on a ring outside the map.
    pub position: [f64; 2],
    /// Its radius in pixels.
    pub size: f64,
    /// Its colour on the map.
    pub colour: Rgb,
}

/// One citation, from the citing paper to the cited one.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeRecord {
    /// Id of the citing paper.
    pub source: String,
    /// Id of the cited paper.
    pub target: String,
    /// Values in edge-column order.
    pub values: Vec<Option<Value>>,
}

/// The whole graph as typed records.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// Node attributes, in order.
    pub node_columns: Vec<Column>,
    /// Edge attributes, in order.
    pub edge_columns: Vec<Column>,
    /// Every node, in node order.
    pub nodes: Vec<NodeRecord>,
    /// Every citation, in edge order.
    pub edges: Vec<EdgeRecord>,
}

fn column(name: &str, kind: Kind) -> Column {
    Column { name: name.to_owned(), kind }
}

/// The names of the candidate signals: the registered ones, then any other a candidate carries.
pub fn signal_names(rankings: &Rankings) -> Vec<String> {
    let mut names: Vec<String> = SIGNALS.iter().map(|r| r.signal.name().to_owned()).collect();
    for candidate in &rankings.candidates {
        for signal in &candidate.signals {
            if !names.iter().any(|n| n == signal.name) {
                names.push(signal.name.to_owned());
            }
        }
    }
    names
}

impl Network {
    /// Every node and citation of the input's graph, positioned by the map's layout.
    pub fn new(input: &ExportInput<'_>) -> Network {
        let graph = input.graph;
        let rankings = input.rankings;
        let signals = signal_names(rankings);
        let mut node_columns = vec![
            column("title", Kind::Text),
            column("year", Kind::Int),
            column("venue", Kind::Text),
            column("authors", Kind::Text),
            column("section", Kind::Text),
            column("listed", Kind::Bool),
            column("candidate_rank", Kind::Int),
            column("score", Kind::Float),
            column("belonging", Kind::Float),
        ];
        node_columns.extend(signals.iter().map(|s| column(&format!("signal_{s}"), Kind::Float)));
        node_columns.extend([
            column("pagerank", Kind::Float),
            column("authority", Kind::Float),
            column("hub", Kind::Float),
            column("betweenness", Kind::Float),
            column("in_degree", Kind::Int),
            column("out_degree", Kind::Int),
            column("cited_by_listed", Kind::Int),
            column("cites_listed", Kind::Int),
            column("citation_count", Kind::Int),
            column("reference_count", Kind::Int),
            column("doi", Kind::Text),
            column("arxiv", Kind::Text),
            column("url", Kind::Text),
        ]);
        let edge_columns = vec![column("influential", Kind::Bool)];

        let mut candidate_of = vec![None; graph.node_count()];
        for (rank, c) in rankings.candidates.iter().enumerate() {
            candidate_of[c.node.index()] = Some((rank, c));
        }
        let placed = placement(input);
        // The curator's rejected papers (the ignore file) are left out, with their citations.
        let kept = |n: &NodeIndex| !rankings.excluded.contains(n);
        let nodes = graph
            .graph()
            .node_indices()
            .filter(kept)
            .map(|n| {
                let paper = graph.node(n);
                let m = rankings.metrics.get(n.index()).copied().unwrap_or_default();
                let candidate = candidate_of[n.index()];
                let text = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(|s| Value::Text(s.to_owned()));
                let int = |i: Option<u64>| i.map(|i| Value::Int(i64::try_from(i).unwrap_or(i64::MAX)));
                let float = |f: f64| Some(Value::Float(round6(f)));
                let mut values = vec![
                    text(Some(&paper.title)),
                    year_of(paper).map(|y| Value::Int(y.into())),
                    text(paper.venue.as_deref()),
                    text(Some(&paper.authors.join("; "))),
                    paper.listed.as_ref().map(|l| Value::Text(section_display_name(&l.section))),
                    Some(Value::Bool(paper.listed.is_some())),
                    candidate.map(|(rank, _)| Value::Int(rank as i64 + 1)),
                    candidate.map(|(_, c)| Value::Float(round6(c.score))),
                    candidate.map(|(_, c)| Value::Float(round6(c.belonging))),
                ];
                values.extend(signals.iter().map(|name| {
                    candidate.map(|(_, c)| {
                        let v = c.signals.iter().find(|s| s.name == name).map_or(0.0, |s| s.value);
                        Value::Float(round6(v))
                    })
                }));
                values.extend([
                    float(m.pagerank),
                    float(m.authority),
                    float(m.hub),
                    float(m.betweenness),
                    int(Some(m.in_degree as u64)),
                    int(Some(m.out_degree as u64)),
                    int(Some(m.cited_by_listed as u64)),
                    int(Some(m.cites_listed as u64)),
                    int(paper.citation_count),
                    int(paper.reference_count),
                    text(paper.external_ids.doi.as_deref()),
                    paper.external_ids.arxiv_key().map(Value::Text),
                    paper.url().map(Value::Text),
                ]);
                let (position, size, colour) = placed[n.index()];
                NodeRecord { id: paper.paper_id.clone(), label: paper.title.clone(), values, position, size, colour }
            })
            .collect();
        let edges = graph
            .graph()
            .edge_indices()
            .filter_map(|e| {
                let (a, b) = graph.graph().edge_endpoints(e).filter(|(a, b)| kept(a) && kept(b))?;
                let flags = &graph.graph()[e];
                Some(EdgeRecord {
                    source: graph.node(a).paper_id.clone(),
                    target: graph.node(b).paper_id.clone(),
                    values: vec![flags.is_influential.map(Value::Bool)],
                })
            })
            .collect();
        Network { node_columns, edge_columns, nodes, edges }
    }
}

/// Position, radius and colour of every node, by node index: the map's own for the papers it
/// draws; every other paper goes beside the mean of its drawn neighbours (spread on a small
/// spiral), or, with none, on a ring around the map, small and pale.
fn placement(input: &ExportInput<'_>) -> Vec<([f64; 2], f64, Rgb)> {
    let graph = input.graph;
    let scene = input.map_scene();
    let n = graph.node_count();
    let mut placed: Vec<Option<([f64; 2], f64, Rgb)>> = vec![None; n];
    for (i, shown) in scene.selection.papers.iter().enumerate() {
        let colour = match shown.role {
            Role::Listed { section } => palette::section_colour(section),
            Role::Candidate { .. } => CANDIDATE_FILL,
            Role::Context => CONTEXT_FILL,
        };
        placed[shown.node.index()] = Some((scene.centres[i], scene.radii[i], colour));
    }
    let plot = scene.plot;
    let centre = plot.centre();
    let ring = 0.5 * plot.width().max(plot.height()) + 60.0;
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut out = Vec::with_capacity(n);
    let mut unplaced = 0usize;
    for node in graph.graph().node_indices() {
        if let Some(p) = placed[node.index()] {
            out.push(p);
            continue;
        }
        let mut sum = [0.0, 0.0];
        let mut count = 0.0;
        for nb in graph.graph().neighbors_undirected(node) {
            if let Some((p, _, _)) = placed[nb.index()] {
                sum = [sum[0] + p[0], sum[1] + p[1]];
                count += 1.0;
            }
        }
        let angle = unplaced as f64 * golden;
        let position = if count > 0.0 {
            let r = 8.0 + 3.0 * (unplaced % 16) as f64;
            [sum[0] / count + r * angle.cos(), sum[1] / count + r * angle.sin()]
        } else {
            let r = ring + 4.0 * (unplaced % 32) as f64;
            [centre[0] + r * angle.cos(), centre[1] + r * angle.sin()]
        };
        unplaced += 1;
        out.push((position, 3.0, CONTEXT_FILL));
    }
    out
}

/// The characters XML 1.0 cannot hold at all (every control character but tab, newline and
/// carriage return): dropped from every XML format.
pub fn xml_allowed(c: char) -> bool {
    !c.is_control() || matches!(c, '\t' | '\n' | '\r')
}

/// `text` escaped for an XML attribute value or element content: the five markup characters and
/// tab, newline and carriage return as character references (so attribute-value normalisation
/// keeps them), other control characters dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if !xml_allowed(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_keeps_markup_and_line_breaks_as_references() {
        assert_eq!(xml_escape("a<b>&\"c'\n\t\u{7}"), "a&lt;b&gt;&amp;&quot;c&apos;&#10;&#9;");
    }
}
