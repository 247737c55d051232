//! The four ranking files of `citegraph build` (`rankings.csv`, `rankings.md`, `missing.json`,
//! `missing.md`): golden files on a small synthetic graph, and their contracts; the registry of
//! output files and the `missing.csv` it adds.
//!
//! To accept intended changes: `CITEGRAPH_BLESS=1 cargo test --test exports`, then review the
//! diff of `tests/golden/`.

mod common;

use std::collections::BTreeMap;

use citegraph::export::missing_md::MissingMarkdown;
use citegraph::export::rankings_md::RankingsMarkdown;
use citegraph::export::{DataFormat, Dataset, ExportInput, ExportOptions, Exporter, ToFile, exporters, write_all};
use citegraph::graph::CitationGraph;
use citegraph::model::{Author, Citation, Corpus, ExternalIds, ListedEntry, PaperMeta, Resolution, ResolvedVia};
use citegraph::paper_list::{ListSource, PaperList, parse_markdown};
use citegraph::rank::{RankOptions, Rankings, rank};

/// A title full of everything CSV and Markdown treat specially.
const TRICKY: &str = r#"A "Quoted", Comma-Laden | Piped <b>Bold</b> & [Bracketed] *Starred* snake_case \ Title"#;

/// Synthetic Semantic Scholar ids (40 hex characters, starting `5f5f`, like the universe's).
const L1: &str = "5f5f000000000000000000000000000000000001";
const L2: &str = "5f5f000000000000000000000000000000000002";
const L3: &str = "5f5f000000000000000000000000000000000003";
const HUB: &str = "5f5f000000000000000000000000000000000004";
const TRICKY_ID: &str = "5f5f000000000000000000000000000000000005";
const ARXIV_ID: &str = "5f5f000000000000000000000000000000000006";
const BARE_ID: &str = "5f5f000000000000000000000000000000000007";

const LIST: &str = "# A Tiny Synthetic List

## First section
1. [arXiv 23] [Listed Paper One](https://arxiv.org/abs/2301.00001)
   * Ann Author, Bo Builder
2. [ICLR 24] [Listed Paper Two](https://openreview.net/forum?id=SyNtHeTiC1)

## Second | \\<section\\> & more
1. [arXiv 24] [Listed Paper Three](https://arxiv.org/abs/2401.00003)
";

fn meta(id: &str, title: &str, year: Option<i32>, venue: Option<&str>, counts: Option<(u64, u64)>) -> PaperMeta {
    PaperMeta {
        paper_id: id.to_owned(),
        title: title.to_owned(),
        year,
        venue: venue.map(Into::into),
        citation_count: counts.map(|c| c.0),
        reference_count: counts.map(|c| c.1),
        ..PaperMeta::default()
    }
}

/// Three listed papers, a hub they all cite, the tricky-titled paper, an arXiv preprint citing
/// two of them, and a paper with no metadata beyond its title. All synthetic.
fn fixture() -> (PaperList, CitationGraph, Rankings) {
    let list = parse_markdown(ListSource::Stdin, LIST);
    let mut tricky = meta(TRICKY_ID, TRICKY, Some(2023), Some("Synthetic Journal, of (Things)"), Some((120, 30)));
    tricky.external_ids = ExternalIds { doi: Some("10.5555/Synth(2023)01".into()), ..ExternalIds::default() };
    tricky.authors = vec![
        Author { author_id: None, name: "Dana O'Brien".into() },
        Author { author_id: Some("1".into()), name: "Eve Ng".into() },
    ];
    let mut arx = meta(ARXIV_ID, "A Preprint About Recursion", Some(2024), None, Some((15, 12)));
    arx.external_ids.arxiv = Some("2402.00042".into());
    arx.authors = vec![Author { author_id: None, name: "Finn Field".into() }];
    let mut l1 = meta(L1, "Listed Paper One", Some(2023), Some("arXiv.org"), Some((40, 20)));
    l1.external_ids.arxiv = Some("2301.00001".into());
    let papers = vec![
        l1,
        meta(
            L2,
            "Listed Paper Two",
            Some(2023),
            Some("International Conference on Learning Representations"),
            Some((30, 25)),
        ),
        meta(L3, "Listed Paper Three", Some(2024), Some("arXiv.org"), Some((5, 40))),
        meta(HUB, "A Generic Hub Everyone Cites", Some(2016), Some("Synthetic Hub Venue"), Some((90_000, 0))),
        tricky,
        arx,
        meta(BARE_ID, "Bare Paper", None, None, None),
    ];
    let cite = |a: &str, b: &str, influential: bool| Citation {
        citing: a.into(),
        cited: b.into(),
        is_influential: Some(influential),
        intents: vec![],
    };
    let citations = vec![
        cite(L2, L1, true),
        cite(L3, L1, false),
        cite(L3, L2, false),
        cite(L1, HUB, false),
        cite(L2, HUB, false),
        cite(L3, HUB, false),
        cite(L1, TRICKY_ID, true),
        cite(L2, TRICKY_ID, false),
        cite(ARXIV_ID, L1, false),
        cite(ARXIV_ID, L2, false),
        cite(L3, ARXIV_ID, false),
        cite(BARE_ID, L3, false),
    ];
    let listed = [L1, L2, L3]
        .iter()
        .enumerate()
        .map(|(i, id)| ListedEntry {
            list_index: i,
            resolution: Resolution::Resolved { paper_id: (*id).to_owned(), via: ResolvedVia::Id },
            references: None,
            citations: None,
        })
        .collect();
    let corpus = Corpus {
        fetched_at: None,
        listed,
        papers: papers.into_iter().map(|p| (p.paper_id.clone(), p)).collect::<BTreeMap<_, _>>(),
        citations,
        discovery: Default::default(),
    };
    let (graph, _) = CitationGraph::from_corpus(&list, &corpus);
    let rankings = rank(&graph, &RankOptions::default());
    (list, graph, rankings)
}

fn options() -> ExportOptions {
    ExportOptions {
        map_top: 40,
        full_graph: false,
        title: None,
        data_date: Some("2024-05-14".into()),
        data_source: "Semantic Scholar".into(),
    }
}

fn render(exporter: &dyn Exporter) -> String {
    let (list, graph, rankings) = fixture();
    let options = options();
    let input = ExportInput::new(&list, &graph, &rankings, &options);
    let mut buf = Vec::new();
    exporter.write(&input, &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

/// What `exporter` writes for one of the shared fixtures.
fn render_on(exporter: &dyn Exporter, fixture: &common::pictures::Fixture) -> String {
    let mut buf = Vec::new();
    exporter.write(&fixture.input(), &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

fn rendered(name: &str) -> String {
    let all = exporters();
    let exporter = all.iter().find(|e| e.file_name() == name).unwrap_or_else(|| panic!("no exporter writes {name}"));
    render(exporter.as_ref())
}

#[test]
fn the_ranking_files_match_their_golden_copies() {
    for name in ["rankings.csv", "rankings.md", "missing.json", "missing.md"] {
        common::golden::assert_golden(name, &rendered(name));
    }
}

#[test]
fn rankings_csv_has_the_contract_header_one_row_per_node_and_quotes_properly() {
    let (_, graph, _) = fixture();
    let text = rendered("rankings.csv");
    assert_eq!(
        text.lines().next().unwrap(),
        "paperId,title,year,venue,listed,section,cited_by_listed,cites_listed,in_degree,out_degree,\
         citation_count,pagerank,betweenness,authority,hub"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), graph.node_count());
    assert!(rows.iter().all(|r| r.len() == 15));
    let tricky = rows.iter().find(|r| &r[0] == TRICKY_ID).unwrap();
    assert_eq!(&tricky[1], TRICKY, "the title survives quoting");
    assert_eq!(&tricky[3], "Synthetic Journal, of (Things)");
    assert_eq!((&tricky[4], &tricky[6], &tricky[10]), ("false", "2", "120"));
    let l1 = rows.iter().find(|r| &r[0] == L1).unwrap();
    assert_eq!((&l1[4], &l1[5], &l1[6], &l1[7]), ("true", "First section", "2", "0"));
    let pageranks: Vec<f64> = rows.iter().map(|r| r[11].parse().unwrap()).collect();
    assert!(pageranks.windows(2).all(|w| w[0] >= w[1]), "highest PageRank first");
    assert!((pageranks.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    let bare = rows.iter().find(|r| &r[0] == BARE_ID).unwrap();
    assert_eq!((&bare[2], &bare[3], &bare[10]), ("", "", ""), "unknown values are empty");
}

#[test]
fn missing_json_is_an_array_in_rank_order_with_the_contract_fields() {
    let (_, _, rankings) = fixture();
    let json: serde_json::Value = serde_json::from_str(&rendered("missing.json")).unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), rankings.candidates.len());
    for e in entries {
        for field in [
            "paperId",
            "title",
            "year",
            "venue",
            "authors",
            "externalIds",
            "url",
            "score",
            "citedByListed",
            "citesListed",
            "citationCount",
            "suggestedSection",
            "reasons",
        ] {
            assert!(e.get(field).is_some(), "{field} missing in {e}");
        }
        assert!(e["citedByListed"].is_u64() && e["citesListed"].is_u64(), "counts");
        assert!(e["reasons"].as_array().unwrap().iter().all(serde_json::Value::is_string));
    }
    let scores: Vec<f64> = entries.iter().map(|e| e["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    let tricky = entries.iter().find(|e| e["paperId"] == TRICKY_ID).unwrap();
    assert_eq!(tricky["title"], TRICKY);
    assert_eq!(tricky["externalIds"]["DOI"], "10.5555/Synth(2023)01");
    assert_eq!(tricky["url"], "https://doi.org/10.5555/Synth(2023)01");
    assert_eq!(tricky["authors"], serde_json::json!(["Dana O'Brien", "Eve Ng"]));
    assert_eq!(tricky["suggestedSection"], "First section");
    assert_eq!(tricky["citedByListed"], 2);
    assert_eq!(entries[0]["rank"], 1);
}

/// `missing.md` as the curator pastes it into the list: each entry without its map number.
fn pasted(missing_md: &str) -> String {
    missing_md
        .lines()
        .map(|line| match line.strip_prefix("* **#").and_then(|rest| rest.split_once("** ")) {
            Some((_, entry)) => format!("* {entry}\n"),
            None => format!("{line}\n"),
        })
        .collect()
}

/// The numbers `missing.md` gives its entries, in file order.
fn entry_numbers(missing_md: &str) -> Vec<usize> {
    missing_md.lines().filter_map(|line| line.strip_prefix("* **#")?.split_once("** ")?.0.parse().ok()).collect()
}

#[test]
fn missing_md_reads_back_as_a_paper_list_in_the_suggested_sections() {
    let (_, graph, rankings) = fixture();
    let text = rendered("missing.md");
    let parsed = parse_markdown(ListSource::Stdin, &pasted(&text));
    assert_eq!(parsed.papers.len(), rankings.candidates.len());
    for c in &rankings.candidates {
        let paper = graph.node(c.node);
        let entry = parsed.papers.iter().find(|p| p.title == paper.title).unwrap_or_else(|| {
            panic!("{:?} not found in\n{text}", paper.title);
        });
        assert_eq!(Some(entry.section.as_str()), c.suggested_section.as_deref(), "{}", paper.title);
        assert!(entry.problems.is_empty(), "{:?}", entry.problems);
        assert!(entry.summary.iter().any(|s| s.starts_with("Why: ")), "{:?}", entry.summary);
        assert_eq!(entry.authors, paper.authors);
    }
    let tricky = parsed.papers.iter().find(|p| p.title == TRICKY).unwrap();
    assert_eq!(tricky.url.as_deref(), Some("https://doi.org/10.5555/Synth%282023%2901"));
    assert_eq!(tricky.tag.as_ref().unwrap().raw, "Synthetic Journal, of (Things) 23");
    let arx = parsed.papers.iter().find(|p| p.title == "A Preprint About Recursion").unwrap();
    assert_eq!(arx.tag.as_ref().unwrap().raw, "arXiv 24");
    assert_eq!(arx.id.as_ref().map(ToString::to_string).as_deref(), Some("arXiv:2402.00042"));
    assert!(text.contains("\n* **#1** [arXiv 24] [A Preprint About Recursion](https://arxiv.org/abs/2402.00042)\n"));
}

/// The fixture universe (the built-in list's field) with these map options, and its `missing.md`.
fn universe_missing_md(map_top: usize, full_graph: bool) -> (common::pictures::Fixture, String) {
    let fixture = common::pictures::universe_fixture(map_top, full_graph);
    let text = render_on(&MissingMarkdown, &fixture);
    (fixture, text)
}

#[test]
fn missing_md_lists_exactly_the_candidates_the_map_draws_under_the_maps_numbers() {
    use citegraph::picture::selection::{Role, Selection};
    for (map_top, full_graph) in [(40, false), (7, false), (7, true), (1000, false)] {
        let (fixture, text) = universe_missing_md(map_top, full_graph);
        let selection = Selection::new(&fixture.input().picture());
        let on_map: BTreeMap<usize, &str> = selection
            .papers
            .iter()
            .filter_map(|p| match p.role {
                Role::Candidate { rank } => Some((rank + 1, fixture.graph.node(p.node).title.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(on_map.len(), map_top.min(fixture.rankings.candidates.len()));
        let numbers = entry_numbers(&text);
        let titles: Vec<String> =
            parse_markdown(ListSource::Stdin, &pasted(&text)).papers.into_iter().map(|p| p.title).collect();
        assert_eq!(numbers.len(), titles.len(), "every entry is numbered:\n{text}");
        let in_md: BTreeMap<usize, &str> = numbers.iter().copied().zip(titles.iter().map(String::as_str)).collect();
        assert_eq!(in_md, on_map, "--map-top {map_top}, --full-graph {full_graph}");
        let intro = format!("The {} candidates the literature map draws (`--map-top {map_top}`)", on_map.len());
        assert!(text.contains(&intro), "{text}");
        // Each number is the candidate's rank in missing.json too.
        let json: serde_json::Value =
            serde_json::from_str(&render_on(ToFile::of(Dataset::Missing, DataFormat::Json).as_ref(), &fixture))
                .unwrap();
        for (number, title) in &in_md {
            assert_eq!(json[number - 1]["rank"], *number);
            assert_eq!(json[number - 1]["title"], *title);
        }
    }
    let (fixture, none) = universe_missing_md(0, false);
    assert!(entry_numbers(&none).is_empty());
    let total = fixture.rankings.candidates.len();
    assert!(
        none.contains(&format!("the literature map draws none of the {total} candidates (`--map-top 0`)")),
        "{none}"
    );
}

#[test]
fn missing_md_groups_by_section_in_list_order_and_by_number_within_each() {
    let (fixture, text) = universe_missing_md(40, false);
    let mut headings: Vec<&str> = Vec::new();
    let mut numbers: Vec<Vec<usize>> = Vec::new();
    for line in text.lines().skip(1) {
        if let Some(heading) = line.strip_prefix("### ") {
            headings.push(heading);
            numbers.push(Vec::new());
        } else if let Some(&n) = entry_numbers(line).first() {
            numbers.last_mut().expect("entries stand under a heading").push(n);
        }
    }
    let mut in_list_order: Vec<&str> = fixture.list.sections.iter().map(|s| s.heading.as_str()).collect();
    in_list_order.retain(|h| headings.contains(h));
    assert_eq!(headings, in_list_order);
    assert!(headings.len() > 2, "{headings:?}");
    assert!(numbers.iter().all(|n| !n.is_empty() && n.windows(2).all(|w| w[0] < w[1])), "{numbers:?}");
}

#[test]
fn a_heading_with_quotes_and_a_trailing_colon_is_copied_exactly() {
    let (fixture, text) = universe_missing_md(40, false);
    let source = citegraph::paper_list::BUILTIN_LIST;
    assert!(source.contains("\n### \"Solving\" MADness:\n"));
    assert!(text.contains("\n### \"Solving\" MADness:\n"), "{text}");
    assert!(fixture.list.sections.iter().any(|s| s.name == "Solving MADness"), "the readable name stays");
    // Every section heading of missing.md is a heading line of the list, as written.
    let list_lines: Vec<&str> = source.lines().map(str::trim_end).collect();
    for heading in text.lines().skip(1).filter(|l| l.starts_with('#')) {
        assert!(list_lines.contains(&heading), "{heading:?} is not a heading of the list");
    }
}

#[test]
fn every_why_is_one_short_line_and_missing_json_keeps_the_detail() {
    let (fixture, text) = universe_missing_md(40, false);
    let json: serde_json::Value =
        serde_json::from_str(&render_on(ToFile::of(Dataset::Missing, DataFormat::Json).as_ref(), &fixture)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let numbers = entry_numbers(&text);
    let whys: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix("  * Why: ")).collect();
    assert_eq!(whys.len(), numbers.len(), "one Why per entry");
    for (number, why) in numbers.iter().zip(&whys) {
        let entry = &json[number - 1];
        assert_eq!(*why, format!("{}.", entry["why"].as_str().unwrap()), "missing.json has the same line");
        assert!(why.len() <= 120, "short: {why}");
        assert!(!why.contains('“'), "no titles in the short version: {why}");
        let reasons: Vec<&str> = entry["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        assert!(reasons.iter().any(|r| r.contains('“')), "the titles are in missing.json: {reasons:?}");
    }
    // The line after a Why is the next entry, a weak-section note, a blank line or the end.
    for (i, _) in lines.iter().enumerate().filter(|(_, l)| l.starts_with("  * Why: ")) {
        let next = lines.get(i + 1).copied().unwrap_or_default();
        assert!(next.is_empty() || next.starts_with("* **#") || next.starts_with("  * Section: "), "{next:?}");
    }
}

/// The cells of the Markdown table in `text`, header first.
fn table_rows(text: &str) -> Vec<Vec<String>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_cell = false;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableRow | Tag::TableHead) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                rows.last_mut().unwrap().push(String::new());
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Text(t) | Event::Code(t) if in_cell => rows.last_mut().unwrap().last_mut().unwrap().push_str(&t),
            _ => {}
        }
    }
    rows
}

#[test]
fn rankings_md_is_a_table_whose_cells_survive_pipes_in_titles() {
    let (_, graph, _) = fixture();
    let rows = table_rows(&rendered("rankings.md"));
    assert_eq!(rows.len(), 1 + graph.node_count().min(30));
    assert!(rows.iter().all(|r| r.len() == 11), "{rows:?}");
    assert_eq!(rows[0][1], "Paper");
    assert!(rows.iter().any(|r| r[1] == TRICKY), "{rows:?}");
    assert!(rows.iter().any(|r| r[3] == "Second | <section> & more"), "listed papers show their section: {rows:?}");
}

#[test]
fn rankings_md_writes_each_score_column_in_one_format() {
    let fixture = common::pictures::universe_fixture(40, false);
    let rows = table_rows(&render_on(&RankingsMarkdown, &fixture));
    assert_eq!(rows[0][7..], ["PageRank", "Betweenness", "Authority", "Hub"]);
    for column in 7..=10 {
        let cells: Vec<&str> = rows[1..].iter().map(|r| r[column].as_str()).collect();
        let decimals = |cell: &str| cell.split_once('.').map_or(0, |(_, d)| d.len());
        assert!(cells.iter().all(|c| decimals(c) == decimals(cells[0])), "{}: {cells:?}", rows[0][column]);
        assert!(cells.iter().all(|c| !c.contains(['e', 'E'])), "no exponents: {cells:?}");
        let figures =
            |cell: &str| cell.trim_start_matches(['<', '0', '.']).chars().filter(char::is_ascii_digit).count();
        assert!(cells.iter().map(|c| figures(c)).max() >= Some(3), "three significant figures: {cells:?}");
    }
    let betweenness: Vec<&str> = rows[1..].iter().map(|r| r[8].as_str()).collect();
    assert!(betweenness.iter().any(|c| c.contains(',')), "thousands separators: {betweenness:?}");
    // rankings.csv keeps every score in full.
    let csv = render_on(ToFile::of(Dataset::Rankings, DataFormat::Csv).as_ref(), &fixture);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let first = reader.records().next().unwrap().unwrap();
    assert!(first[11].len() > 8, "full precision: {first:?}");
}

#[test]
fn write_all_writes_the_four_files() {
    let (list, graph, rankings) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let options = options();
    let input = ExportInput::new(&list, &graph, &rankings, &options);
    let written = write_all(dir.path(), &input, &exporters()).unwrap();
    let names: Vec<String> = written.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    for name in ["rankings.csv", "rankings.md", "missing.json", "missing.md"] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        assert_eq!(std::fs::read_to_string(dir.path().join(name)).unwrap(), rendered(name));
    }
}

#[test]
fn the_registry_names_every_file_once_and_build_writes_the_same_bytes_as_before() {
    use citegraph::export::{DataFormat, Dataset, data_exporter, registry};
    let names: Vec<&str> = registry().iter().map(|e| e.file_name()).collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    let build: Vec<&str> = exporters().iter().map(|e| e.file_name()).collect();
    assert_eq!(names[..build.len()], build[..], "build's files come first, in order");
    assert_eq!(names[build.len()..], ["rankings.json", "missing.csv"]);
    for dataset in [Dataset::Rankings, Dataset::Missing] {
        for format in [DataFormat::Csv, DataFormat::Json] {
            let name = data_exporter(dataset, format).file_name();
            assert!(names.contains(&name), "{name} is a file too");
            let extension = match format {
                DataFormat::Csv => ".csv",
                DataFormat::Json => ".json",
            };
            assert!(name.ends_with(extension), "{name}");
        }
    }
}

#[test]
fn missing_csv_has_one_row_per_candidate_with_its_reasons() {
    let (_, graph, rankings) = fixture();
    let all = registry_exporter("missing.csv");
    let text = render(all.as_ref());
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "rank",
            "paperId",
            "title",
            "year",
            "venue",
            "score",
            "citedByListed",
            "citesListed",
            "citationCount",
            "suggestedSection",
            "reasons"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), rankings.candidates.len());
    let json: serde_json::Value = serde_json::from_str(&rendered("missing.json")).unwrap();
    for (row, (entry, c)) in rows.iter().zip(json.as_array().unwrap().iter().zip(&rankings.candidates)) {
        assert_eq!(&row[1], graph.node(c.node).paper_id);
        assert_eq!(&row[2], entry["title"].as_str().unwrap(), "the title survives quoting");
        assert_eq!(row[5].parse::<f64>().unwrap(), entry["score"].as_f64().unwrap());
        let reasons: Vec<&str> = entry["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        assert_eq!(&row[10], reasons.join("; "));
    }
}

fn registry_exporter(name: &str) -> Box<dyn Exporter> {
    citegraph::export::registry()
        .into_iter()
        .find(|e| e.file_name() == name)
        .unwrap_or_else(|| panic!("no exporter writes {name}"))
}
