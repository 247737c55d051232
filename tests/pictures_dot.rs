//! `graph.dot`: clusters per section, candidates apart, every string escaped, and GraphViz's own
//! `dot` and `sfdp` accept it without a warning (when GraphViz is installed, as in CI).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use citegraph::export::Exporter;
use citegraph::export::dot::DotExporter;
use citegraph::picture::selection::{Role, Selection};
use common::pictures::{Fixture, HOSTILE_LIST_NAME, HOSTILE_TITLE_ONE_LINE, hostile_fixture, universe_fixture};
use graphviz_rust::dot_structures::{Attribute, Edge, Graph, GraphAttributes, Id, Node, Stmt};

fn dot_of(fixture: &Fixture) -> String {
    let mut out = Vec::new();
    DotExporter.write(&fixture.input(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// What GraphViz makes of a quoted string: escapes and entities decoded.
fn unquote(id: &Id) -> String {
    let raw = match id {
        Id::Escaped(s) => s.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap().to_owned(),
        Id::Plain(s) | Id::Html(s) | Id::Anonymous(s) => return s.clone(),
    };
    let mut out = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {raw}"),
            },
            '&' => {
                let entity: String = chars.by_ref().take_while(|&c| c != ';').collect();
                out.push(match entity.as_str() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    e if e.starts_with('#') => char::from_u32(e[1..].parse().unwrap()).unwrap(),
                    e => panic!("unexpected entity &{e};"),
                });
            }
            c => out.push(c),
        }
    }
    out
}

fn attr<'a>(attributes: &'a [Attribute], key: &str) -> Option<&'a Id> {
    attributes.iter().find(|Attribute(k, _)| matches!(k, Id::Plain(p) if p == key)).map(|Attribute(_, v)| v)
}

struct Parsed {
    graph_attributes: Vec<Attribute>,
    /// (cluster id, its label, its nodes)
    clusters: Vec<(String, String, Vec<Node>)>,
    loose_nodes: Vec<Node>,
    edges: Vec<Edge>,
}

fn parse(dot: &str) -> Parsed {
    let graph = graphviz_rust::parse(dot).unwrap_or_else(|e| panic!("graph.dot does not parse: {e}\n{dot}"));
    let Graph::DiGraph { stmts, .. } = graph else { panic!("graph.dot is not a digraph") };
    let mut parsed = Parsed { graph_attributes: vec![], clusters: vec![], loose_nodes: vec![], edges: vec![] };
    for stmt in stmts {
        match stmt {
            Stmt::GAttribute(GraphAttributes::Graph(a)) => parsed.graph_attributes = a,
            Stmt::Subgraph(sub) if !sub.stmts.iter().any(|s| matches!(s, Stmt::GAttribute(_))) => {}
            Stmt::Subgraph(sub) => {
                let mut label = String::new();
                let mut nodes = Vec::new();
                for s in sub.stmts {
                    match s {
                        Stmt::GAttribute(GraphAttributes::Graph(a)) => label = unquote(attr(&a, "label").unwrap()),
                        Stmt::Node(n) => nodes.push(n),
                        other => panic!("unexpected statement in a cluster: {other:?}"),
                    }
                }
                parsed.clusters.push((unquote(&sub.id), label, nodes));
            }
            // `rK`: the invisible time axis.
            Stmt::Node(n) if matches!(&n.id.0, Id::Plain(p) if p.starts_with('r')) => {}
            Stmt::Node(n) => parsed.loose_nodes.push(n),
            Stmt::Edge(e) if attr(&e.attributes, "style").is_some_and(|s| unquote(s) == "invis") => {}
            Stmt::Edge(e) => parsed.edges.push(e),
            _ => {}
        }
    }
    parsed
}

/// Clusters made `dot` draw each section as its own column, many times wider than a slide; the
/// section now shows as the box's colour, the same for every paper of a section.
#[test]
fn each_section_has_its_own_colour_and_the_candidates_are_dashed_and_ranked() {
    let fixture = universe_fixture(40, false);
    let parsed = parse(&dot_of(&fixture));
    assert!(parsed.clusters.is_empty());
    let selection = Selection::new(&fixture.input().picture());
    assert_eq!(parsed.loose_nodes.len(), 64);
    let fill = |n: &Node| unquote(attr(&n.attributes, "fillcolor").unwrap());
    let mut colours: Vec<Vec<String>> = vec![Vec::new(); selection.sections.len()];
    for (shown, node) in selection.papers.iter().zip(&parsed.loose_nodes) {
        match shown.role {
            Role::Listed { section } => colours[section].push(fill(node)),
            Role::Candidate { rank } => {
                let style = unquote(attr(&node.attributes, "style").unwrap());
                assert!(style.contains("dashed"), "{style}");
                let label = unquote(attr(&node.attributes, "label").unwrap());
                assert!(label.starts_with(&format!("#{} ", rank + 1)), "{label}");
            }
            Role::Context => panic!("no other papers without --full-graph"),
        }
    }
    for (i, section) in colours.iter().enumerate() {
        assert!(section.iter().all(|c| *c == section[0]), "one colour per section: {section:?}");
        assert!(colours[i + 1..].iter().all(|other| other[0] != section[0]), "sections differ");
    }
    assert_eq!(parsed.edges.len(), selection.edges.len());
    let heavy = parsed.edges.iter().filter(|e| attr(&e.attributes, "penwidth").is_some()).count();
    assert_eq!(heavy, selection.edges.iter().filter(|e| e.influential).count(), "influential citations are heavier");
}

#[test]
fn every_node_has_a_short_label_a_tooltip_and_a_link() {
    let fixture = universe_fixture(40, false);
    let parsed = parse(&dot_of(&fixture));
    let first = &parsed.loose_nodes[0];
    assert_eq!(unquote(attr(&first.attributes, "label").unwrap()), "The Curse of Recursion\n(2023)");
    let tooltip = unquote(attr(&first.attributes, "tooltip").unwrap());
    assert!(tooltip.starts_with("The Curse of Recursion: Training on Generated Data Makes Models Forget (2023)\n"));
    assert_eq!(unquote(attr(&first.attributes, "URL").unwrap()), "https://arxiv.org/abs/2305.17493");
    // Sizes follow the links to listed papers, one rule for listed papers and candidates.
    let size = |n: &Node| unquote(attr(&n.attributes, "fontsize").unwrap()).parse::<f64>().unwrap();
    let all: Vec<f64> = parsed.loose_nodes.iter().map(size).collect();
    assert!(all.iter().any(|&s| s >= 19.9) && all.iter().any(|&s| s < 16.5), "{all:?}");
    let selection = Selection::new(&fixture.input().picture());
    for (i, node) in parsed.loose_nodes.iter().enumerate() {
        assert!((size(node) - (12.0 + 8.0 * selection.size(i))).abs() < 0.06);
    }
}

#[test]
fn the_full_graph_writes_every_node_but_those_it_counts_on_their_one_listed_paper() {
    let fixture = universe_fixture(40, true);
    let dot = dot_of(&fixture);
    let parsed = parse(&dot);
    let selection = Selection::new(&fixture.input().picture());
    let collapsed: usize = selection.collapsed.iter().sum();
    assert!(collapsed > 0);
    assert_eq!(parsed.loose_nodes.len() + collapsed, fixture.graph.node_count());
    assert_eq!(parsed.loose_nodes.len(), selection.papers.len());
    assert_eq!(parsed.edges.len(), selection.edges.len());
    let badges = dot.matches(" linked to it alone").count();
    assert_eq!(badges, selection.collapsed.iter().filter(|&&n| n > 0).count());
}

#[test]
fn quotes_backslashes_angles_ampersands_newlines_and_non_ascii_survive_escaped() {
    let fixture = hostile_fixture();
    let dot = dot_of(&fixture);
    assert!(dot.is_ascii(), "non-ASCII is written as entities");
    let parsed = parse(&dot);
    let label = unquote(attr(&parsed.graph_attributes, "label").unwrap());
    assert!(label.starts_with(&format!("{HOSTILE_LIST_NAME}\n")), "{label}");
    let node = &parsed.loose_nodes[0];
    let tooltip = unquote(attr(&node.attributes, "tooltip").unwrap());
    assert_eq!(tooltip.lines().next().unwrap(), format!("{HOSTILE_TITLE_ONE_LINE} (2023)"));
    assert_eq!(tooltip.lines().nth(1).unwrap(), "Zoë \"Z\" <Author>, B & C");
    common::golden::assert_golden("hostile.dot", &dot);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let fixture = universe_fixture(40, false);
    assert_eq!(dot_of(&fixture), dot_of(&fixture));
}

/// Runs a GraphViz layout engine on `dot`; `None` when GraphViz is not installed.
fn graphviz(engine: &str, dot: &str) -> Option<(bool, String, String)> {
    run_engine(engine, "-Tsvg", dot)
}

/// Runs `engine` with output `format` on `dot`: (success, stdout, stderr); `None` when GraphViz
/// is not installed.
fn run_engine(engine: &str, format: &str, dot: &str) -> Option<(bool, String, String)> {
    let mut child = Command::new(engine)
        .arg(format)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Some((out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap()))
}

#[test]
fn dot_and_sfdp_accept_it_without_warnings_and_keep_every_character() {
    let hostile = hostile_fixture();
    let universe = universe_fixture(40, false);
    for (name, fixture) in [("hostile", &hostile), ("universe", &universe)] {
        let dot = dot_of(fixture);
        for engine in ["dot", "sfdp"] {
            let Some((ok, svg, stderr)) = graphviz(engine, &dot) else {
                eprintln!("GraphViz is not installed: skipping the {engine} run (CI installs it)");
                return;
            };
            assert!(ok && stderr.is_empty(), "{engine} on the {name} graph: {stderr}");
            let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
            let doc = roxmltree::Document::parse_with_options(&svg, options).unwrap();
            if name == "hostile" {
                let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
                assert!(texts.contains(&HOSTILE_LIST_NAME), "{engine} shows the list name intact");
                let titles: Vec<&str> =
                    doc.descendants().filter_map(|n| n.attribute(("http://www.w3.org/1999/xlink", "title"))).collect();
                let full =
                    format!("{HOSTILE_TITLE_ONE_LINE} (2023)\nZoë \"Z\" <Author>, B & C\nOn the list, section: ");
                assert!(titles.iter().any(|t| t.starts_with(&full)), "{engine} tooltips: {titles:?}");
            }
        }
    }
}

/// A node's name and box (centre x, centre y, width, height) as GraphViz placed it.
type NodeBox = (String, [f64; 4]);

/// Runs `engine -Tplain` on `dot` with no other flag: the drawing's size in inches after GraphViz
/// fitted it to the graph's `size`, the scale it applied, and each paper's box (centre x, centre y,
/// width, height, unscaled inches). `None` when GraphViz is not installed.
fn plain(engine: &str, dot: &str) -> Option<(f64, f64, f64, Vec<NodeBox>)> {
    let (ok, text, stderr) = run_engine(engine, "-Tplain", dot)?;
    assert!(ok, "{engine}: {stderr}");
    let mut lines = text.lines();
    let head: Vec<f64> = lines.next().unwrap().split(' ').skip(1).map(|v| v.parse().unwrap()).collect();
    let boxes = lines
        .filter(|l| l.starts_with("node n"))
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (f[1].to_owned(), [1, 2, 3, 4].map(|k| f[k + 1].parse::<f64>().unwrap()))
        })
        .collect();
    Some((head[0], head[1] * head[0], head[2] * head[0], boxes))
}

#[test]
fn dot_and_sfdp_draw_a_slide_shaped_picture_without_overlapping_boxes() {
    for (what, fixture) in [
        ("the default", universe_fixture(40, false)),
        ("--map-top 100", universe_fixture(100, false)),
        ("--full-graph", universe_fixture(40, true)),
    ] {
        let dot = dot_of(&fixture);
        for engine in ["dot", "sfdp"] {
            let Some((scale, width, height, boxes)) = plain(engine, &dot) else {
                eprintln!("GraphViz is not installed: skipping the {engine} run (CI installs it)");
                return;
            };
            let aspect = width / height;
            assert!((4.0 / 3.0..=21.0 / 9.0).contains(&aspect), "{engine} at {what}: {width:.1}x{height:.1} in");
            assert!(width <= 20.01 && height <= 11.26, "{engine} at {what} fits 1920x1080 at 96 dpi: {width}x{height}");
            assert!(scale > 0.2, "{engine} at {what} shrinks the drawing to {scale} to fit the slide");
            if what == "the default" {
                // The largest box text (20 pt) stays at least 12 px on the 1920x1080 slide (it was
                // 10 px when `nodesep` left dot's many routing points 0.1 in apart).
                let px = 20.0 * scale * 96.0 / 72.0;
                assert!(px >= 12.0, "{engine} at {what}: the largest text renders at {px:.1} px");
            }
            assert_eq!(boxes.len(), fixture_papers(&fixture), "{engine} at {what}");
            for (a, (name_a, p)) in boxes.iter().enumerate() {
                for (name_b, q) in &boxes[a + 1..] {
                    let apart_x = (p[0] - q[0]).abs() >= (p[2] + q[2]) / 2.0 - 0.01;
                    let apart_y = (p[1] - q[1]).abs() >= (p[3] + q[3]) / 2.0 - 0.01;
                    assert!(apart_x || apart_y, "{engine} at {what}: boxes {name_a} and {name_b} overlap: {p:?} {q:?}");
                }
            }
        }
    }
}

fn fixture_papers(fixture: &Fixture) -> usize {
    Selection::new(&fixture.input().picture()).papers.len()
}
