//! Test support for the pictures: ranked citation graphs to draw (the fixture universe, and a
//! small graph full of characters to escape).

use citegraph::export::{ExportInput, ExportOptions};
use citegraph::graph::{CitationEdge, CitationGraph, ListedInfo, PaperNode};
use citegraph::model::{Author, PaperMeta};
use citegraph::paper_list::{ListSource, PaperList, parse_markdown};
use citegraph::rank::{RankOptions, Rankings, rank};

use super::universe::Universe;
use super::universe_corpus::corpus_for;

/// Everything an exporter needs, owned.
pub struct Fixture {
    pub list: PaperList,
    pub graph: CitationGraph,
    pub rankings: Rankings,
    pub options: ExportOptions,
}

impl Fixture {
    pub fn input(&self) -> ExportInput<'_> {
        ExportInput::new(&self.list, &self.graph, &self.rankings, &self.options)
    }
}

/// Options as `citegraph build` uses them by default, with a fixed data date.
pub fn options(map_top: usize, full_graph: bool) -> ExportOptions {
    ExportOptions {
        map_top,
        full_graph,
        title: None,
        data_date: Some("2024-05-14".to_owned()),
        data_source: "Semantic Scholar".to_owned(),
    }
}

/// A paper node with a title, year and authors (the rest empty).
pub fn paper(id: &str, title: &str, year: Option<i32>, authors: &[&str]) -> PaperNode {
    PaperNode::from_meta(&PaperMeta {
        paper_id: id.to_owned(),
        title: title.to_owned(),
        year,
        publication_date: year.map(|y| format!("{y}-06-01")),
        authors: authors.iter().map(|a| Author { author_id: None, name: (*a).to_owned() }).collect(),
        ..PaperMeta::default()
    })
}

/// The fixture universe around the built-in list, through the graph and ranking stages: 24 listed
/// papers in 6 sections and every paper linked to them (all synthetic but the listed titles).
pub fn universe_fixture(map_top: usize, full_graph: bool) -> Fixture {
    let list = PaperList::builtin();
    let corpus = corpus_for(&Universe::builtin_field(), &list);
    let (graph, _) = CitationGraph::from_corpus(&list, &corpus);
    let rankings = rank(&graph, &RankOptions::default());
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
    let rankings = rank(&graph, &RankOptions::default());
    Fixture { list, graph, rankings, options: options(40, false) }
}
