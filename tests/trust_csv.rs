//! Trust, CSV and control characters: a title, venue or section a spreadsheet
//! would run as a formula (`=`, `+`, `-`, `@`, also after a tab, carriage return or space) is
//! written with a leading `'` in every CSV writer, and no text output carries a control character.

mod common;

use citegraph::export::{DataFormat, Dataset, ExportInput, Records, data_exporter, registry, write_all};
use citegraph::graph::{CitationEdge, CitationGraph, ListedInfo};
use citegraph::paper_list::{ListSource, parse_markdown};
use citegraph::rank::{RankOptions, rank};
use common::pictures::{Fixture, options, paper};

/// Titles a spreadsheet would read as formulas or a terminal as commands.
const HOSTILE_TITLES: [&str; 9] = [
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\t=tab first",
    "\r=carriage return first",
    "  =spaces first",
    "Escape \u{1b}]0;pwned\u{7} and \u{1b}[2K erase",
    "NUL\u{0} and C1\u{9b}31m and DEL\u{7f}",
];

/// Two listed papers (hostile titles, a hostile section) citing nine hostile candidates.
fn fixture() -> Fixture {
    let list = parse_markdown(
        ListSource::Stdin,
        "## =cmd| section\n1. [arXiv 23] [A](https://arxiv.org/abs/2301.00001)\n\
         1. [arXiv 23] [B](https://arxiv.org/abs/2301.00002)\n",
    );
    let section = list.sections[0].name.clone();
    assert!(section.starts_with('='), "the hostile section survives parsing: {section}");
    let mut graph = CitationGraph::new();
    let id = |i: usize| format!("{i:040x}");
    let a = graph.add_paper(paper(&id(1), "=1+1", Some(2023), &["@author"]));
    let b = graph.add_paper(paper(&id(2), "+listed", Some(2023), &["D. E."]));
    graph.mark_listed(a, ListedInfo { list_index: 0, section: section.clone(), tag: None });
    graph.mark_listed(b, ListedInfo { list_index: 1, section, tag: None });
    for (i, title) in HOSTILE_TITLES.iter().enumerate() {
        let mut node = paper(&id(10 + i), title, Some(2022), &["F"]);
        node.venue = Some(format!("-venue{i}"));
        let c = graph.add_paper(node);
        graph.add_citation(a, c, CitationEdge::default());
        graph.add_citation(b, c, CitationEdge::default());
    }
    let rankings = rank(&graph, &RankOptions::default());
    Fixture { list, graph, rankings, options: options(40, false) }
}

fn csv_of(fixture: &Fixture, dataset: Dataset) -> String {
    let mut out = Vec::new();
    data_exporter(dataset, DataFormat::Csv)
        .write(&Records::of_graph(&fixture.graph, &fixture.rankings), &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// Every cell of a CSV document.
fn cells(text: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>()).collect()
}

fn is_formula(cell: &str) -> bool {
    cell.trim_start_matches([' ', '\t', '\r', '\n']).starts_with(['=', '+', '-', '@'])
}

#[test]
fn no_csv_cell_starts_a_formula() {
    let fixture = fixture();
    for dataset in [Dataset::Rankings, Dataset::Missing] {
        let text = csv_of(&fixture, dataset);
        for cell in cells(&text) {
            assert!(!is_formula(&cell), "{dataset:?}: a formula cell {cell:?}");
        }
    }
}

#[test]
fn neutralised_cells_keep_their_text_after_one_quote() {
    let fixture = fixture();
    let rankings = cells(&csv_of(&fixture, Dataset::Rankings));
    for want in ["'=1+1", "'+listed", "'-2+3", "'@SUM(1,1)", "'=tab first", "'=carriage return first", "'=spaces first"]
    {
        assert!(rankings.iter().any(|c| c == want), "rankings.csv has {want:?}: {rankings:?}");
    }
    assert!(rankings.iter().any(|c| c == "'=cmd| section"), "the section is neutralised too");
    assert!(rankings.iter().any(|c| c == "'-venue0"), "the venue is neutralised too");
    let missing = cells(&csv_of(&fixture, Dataset::Missing));
    assert!(missing.iter().any(|c| c == "'=HYPERLINK(\"http://evil\",\"x\")"), "{missing:?}");
    assert!(missing.iter().any(|c| c == "Escape ]0;pwned and [2K erase"), "{missing:?}");
}

#[test]
fn csv_files_carry_no_control_character() {
    let fixture = fixture();
    for dataset in [Dataset::Rankings, Dataset::Missing] {
        let text = csv_of(&fixture, dataset);
        let bad: Vec<char> = text.chars().filter(|&c| c.is_control() && c != '\n').collect();
        assert!(bad.is_empty(), "{dataset:?} CSV carries control characters {bad:?}");
    }
}

#[test]
fn no_text_output_carries_a_raw_control_character() {
    let fixture = fixture();
    let dir = tempfile::tempdir().unwrap();
    let input: ExportInput<'_> = fixture.input();
    let written = write_all(dir.path(), &input, &registry()).unwrap();
    for path in written.iter().filter(|p| p.extension().is_some_and(|e| e != "png")) {
        let text = std::fs::read_to_string(path).unwrap();
        let bad: Vec<char> = text.chars().filter(|&c| c.is_control() && c != '\n').collect();
        assert!(bad.is_empty(), "{} carries control characters {bad:?}", path.display());
    }
}
