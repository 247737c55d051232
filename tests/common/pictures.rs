//! Test support for the pictures: citation graphs and hand-made rankings, built directly (no
//! fetch stage, no ranking algorithm), so the renderers are tested on their own.
//!
//! Include it with `mod common;` and `#[path = "common/pictures.rs"] mod pictures;`.
#![allow(dead_code)]

use citegraph::export::{ExportInput, ExportOptions};
use citegraph::graph::{CitationEdge, CitationGraph, ListedInfo, PaperNode};
use citegraph::model::ExternalIds;
use citegraph::paper_list::{ListSource, PaperList, parse_markdown};
use citegraph::rank::{BetweennessMode, Candidate, NodeMetrics, Rankings};
use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::common::universe::{Kind, Universe};

/// Everything an exporter needs, owned.
pub struct Fixture {
    pub list: PaperList,
    pub graph: CitationGraph,
    pub rankings: Rankings,
    pub options: ExportOptions,
}

impl Fixture {
    pub fn input(&self) -> ExportInput<'_> {
        ExportInput { list: &self.list, graph: &self.graph, rankings: &self.rankings, options: &self.options }
    }
}

/// Options as `citegraph build` uses them by default, with a fixed data date.
pub fn options(map_top: usize, full_graph: bool) -> ExportOptions {
    ExportOptions { map_top, full_graph, data_date: Some("2024-05-14".to_owned()) }
}

/// A paper node with a title, year and authors (the rest empty).
pub fn paper(id: &str, title: &str, year: Option<i32>, authors: &[&str]) -> PaperNode {
    PaperNode {
        paper_id: id.to_owned(),
        merged_ids: Vec::new(),
        title: title.to_owned(),
        year,
        venue: None,
        publication_date: year.map(|y| format!("{y}-06-01")),
        authors: authors.iter().map(|a| (*a).to_owned()).collect(),
        citation_count: None,
        external_ids: ExternalIds::default(),
        listed: None,
    }
}

/// Rankings made by hand, never by the ranking stage: PageRank proportional to in-degree + 1,
/// and as candidates every unlisted paper linked to the list, ordered by its listed neighbours
/// divided by the square root of its degree (so generic hubs do not all come first).
pub fn hand_rankings(graph: &CitationGraph) -> Rankings {
    let g = graph.graph();
    let n = graph.node_count();
    let listed = |x: NodeIndex| g[x].listed.is_some();
    let mut metrics = vec![NodeMetrics::default(); n];
    for node in g.node_indices() {
        let m = &mut metrics[node.index()];
        m.in_degree = g.neighbors_directed(node, Direction::Incoming).count();
        m.out_degree = g.neighbors_directed(node, Direction::Outgoing).count();
        m.cited_by_listed = g.neighbors_directed(node, Direction::Incoming).filter(|&x| listed(x)).count();
        m.cites_listed = g.neighbors_directed(node, Direction::Outgoing).filter(|&x| listed(x)).count();
    }
    let total: f64 = metrics.iter().map(|m| m.in_degree as f64 + 1.0).sum();
    for m in &mut metrics {
        m.pagerank = (m.in_degree as f64 + 1.0) / total;
    }
    let mut candidates: Vec<Candidate> = g
        .node_indices()
        .filter(|&x| !listed(x))
        .filter_map(|node| {
            let m = metrics[node.index()];
            let linked = m.cited_by_listed + m.cites_listed;
            (linked > 0).then(|| Candidate {
                node,
                score: linked as f64 / ((m.in_degree + m.out_degree) as f64).sqrt(),
                cited_by_listed: g.neighbors_directed(node, Direction::Incoming).filter(|&x| listed(x)).collect(),
                cites_listed: g.neighbors_directed(node, Direction::Outgoing).filter(|&x| listed(x)).collect(),
                suggested_section: None,
                reasons: vec![format!("linked to {linked} listed papers")],
            })
        })
        .collect();
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.node.cmp(&b.node)));
    Rankings { metrics, betweenness: BetweennessMode::Exact, candidates }
}

/// The fixture universe around the built-in list as a citation graph: 24 listed papers in 6
/// sections, 40 field papers, 8 hubs, 300 unrelated papers (all synthetic but the listed titles).
pub fn universe_fixture(map_top: usize, full_graph: bool) -> Fixture {
    let u = Universe::builtin_field();
    let list = PaperList::builtin();
    let mut graph = CitationGraph::new();
    let nodes: Vec<NodeIndex> = u
        .papers
        .iter()
        .map(|p| {
            graph.add_paper(PaperNode {
                paper_id: p.paper_id.clone(),
                merged_ids: Vec::new(),
                title: p.title.clone(),
                year: p.year,
                venue: (!p.venue.is_empty()).then(|| p.venue.clone()),
                publication_date: p.publication_date.clone(),
                authors: p.authors.iter().map(|(_, name)| name.clone()).collect(),
                citation_count: Some(p.citation_count),
                external_ids: p.external_ids.clone(),
                listed: None,
            })
        })
        .collect();
    for (i, &index) in u.of_kind(Kind::Listed).iter().enumerate() {
        let entry = &list.papers[i];
        graph.mark_listed(
            nodes[index],
            ListedInfo { list_index: i, section: entry.section.clone(), tag: entry.tag.clone() },
        );
    }
    for e in &u.edges {
        graph.add_citation(
            nodes[e.citing],
            nodes[e.cited],
            CitationEdge { is_influential: Some(e.is_influential), intents: e.intents.clone() },
        );
    }
    let rankings = hand_rankings(&graph);
    Fixture { list, graph, rankings, options: options(map_top, full_graph) }
}

/// A title that tries every escaping mistake at once.
pub const HOSTILE_TITLE: &str = "Evil \"quoted\" \\back\\slash\\ <b>bold</b> & co\nnext line — Chloé ∞ 模型崩溃";
/// The same title as one line, as labels and tooltips show it.
pub const HOSTILE_TITLE_ONE_LINE: &str =
    "Evil \"quoted\" \\back\\slash\\ <b>bold</b> & co next line — Chloé ∞ 模型崩溃";
/// A list name of the same kind.
pub const HOSTILE_LIST_NAME: &str = "The \"<MAD>\" & <Collapse> list";

/// A small graph whose list name, section, titles and authors are full of characters to escape.
pub fn hostile_fixture() -> Fixture {
    let mut list = parse_markdown(
        ListSource::Stdin,
        "# placeholder\n## Quotes \"and\" <angles> & more\n1. [arXiv 23] [A](https://arxiv.org/abs/2301.00001)\n\
         1. [arXiv 23] [B](https://arxiv.org/abs/2301.00002)\n",
    );
    list.name = HOSTILE_LIST_NAME.to_owned();
    let section = list.sections[0].name.clone();
    let mut graph = CitationGraph::new();
    let a = graph.add_paper(paper("a", HOSTILE_TITLE, Some(2023), &["Zoë \"Z\" <Author>", "B & C"]));
    let b = graph.add_paper(paper("b", "Plain Listed Paper", Some(2023), &["D. E."]));
    let c = graph.add_paper(paper("c", "Candidate with <tags> & \"quotes\" \\ too", Some(2022), &["F"]));
    let d = graph.add_paper(paper("d", "Another candidate", None, &[]));
    graph.mark_listed(a, ListedInfo { list_index: 0, section: section.clone(), tag: None });
    graph.mark_listed(b, ListedInfo { list_index: 1, section, tag: None });
    graph.add_citation(b, a, CitationEdge { is_influential: Some(true), intents: vec![] });
    graph.add_citation(a, c, CitationEdge::default());
    graph.add_citation(b, c, CitationEdge::default());
    graph.add_citation(d, a, CitationEdge::default());
    let rankings = hand_rankings(&graph);
    Fixture { list, graph, rankings, options: options(40, false) }
}
