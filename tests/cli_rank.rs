//! `citegraph rank --edges` through the binary, and `rank`, `missing`, `evaluate` through the
//! pipeline functions the binary calls once a corpus is at hand (fixture universe, synthetic).

mod common;

use citegraph::console::{ListFormat, TableFormat};
use citegraph::paper_list::PaperList;
use citegraph::pipeline::{print_evaluation, print_missing, print_rank};
use common::universe::Universe;
use common::universe_corpus::corpus_for;
use common::{citegraph, fixture};

fn stdout_of(args: &[&str]) -> String {
    let out = citegraph().args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn rank_edges_prints_every_metric_of_an_edge_list_as_a_table() {
    let path = fixture("edges-diamond.txt");
    let out = stdout_of(&["rank", "--edges", path.to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].split_whitespace().eq(["#", "Id", "In", "Out", "PageRank", "Betweenness", "Authority", "Hub"]));
    // The sink lies between source/left/right and tail: betweenness 3, exact.
    let sink: Vec<&str> =
        lines.iter().find(|l| l.split_whitespace().nth(1) == Some("sink")).unwrap().split_whitespace().collect();
    assert_eq!(sink[2..4], ["2", "1"]);
    assert_eq!(sink[5], "3");
    assert!(out.trim_end().ends_with("betweenness exact"), "{out}");
    assert!(out.contains("5 nodes, 5 edges"), "a duplicate line is one edge: {out}");
    assert!(out.lines().all(|l| l == l.trim_end()));
}

#[test]
fn rank_edges_speaks_csv_and_json_and_honours_top() {
    let path = fixture("edges-diamond.txt");
    let path = path.to_str().unwrap();
    let csv = stdout_of(&["rank", "--edges", path, "--format", "csv", "--top", "2"]);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("paperId,title,year,venue,listed,section,cited_by_listed,"));
    assert_eq!(lines.count(), 2);
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&["rank", "--edges", path, "--format", "json"])).unwrap();
    assert_eq!(json["nodes"], 5);
    assert_eq!(json["edges"], 5);
    assert_eq!(json["betweenness"]["mode"], "exact");
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    let total: f64 = rows.iter().map(|r| r["pagerank"].as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-9);
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[0]["paperId"], "tail", "the end of every chain ranks first");
}

#[test]
fn rank_edges_names_the_file_and_line_of_a_bad_line() {
    let path = fixture("edges-bad.txt");
    let assert = citegraph().args(["rank", "--edges", path.to_str().unwrap()]).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("edges-bad.txt:3: expected two columns `citing cited`, found 3"), "{stderr}");
    let assert = citegraph().args(["rank", "--edges", "/nonexistent/edges.txt"]).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("cannot read the edge list /nonexistent/edges.txt (check --edges)"), "{stderr}");
}

fn universe_output(run: impl FnOnce(&PaperList, &citegraph::model::Corpus, &mut Vec<u8>)) -> String {
    let list = PaperList::builtin();
    let corpus = corpus_for(&Universe::builtin_field(), &list);
    let mut out = Vec::new();
    run(&list, &corpus, &mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn rank_on_a_corpus_prints_papers_with_titles_and_sections() {
    let out = universe_output(|l, c, o| print_rank(l, c, 5, TableFormat::Table, None, o).unwrap());
    assert!(out.lines().next().unwrap().contains("Paper") && out.contains("Listed in"));
    assert_eq!(out.lines().filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit())).count(), 5 + 1);
    // In the graph around a list, listed papers gather the rank: they are the ones cited within it.
    assert!(out.contains("Foundational work"), "{out}");
    assert!(out.trim_end().ends_with("betweenness exact") && out.contains("368 nodes, 770 edges"), "{out}");
    let csv = universe_output(|l, c, o| print_rank(l, c, 500, TableFormat::Csv, None, o).unwrap());
    let listed = csv.lines().skip(1).filter(|l| l.contains(",true,")).count();
    assert_eq!(listed, 24);
}

#[test]
fn missing_on_a_corpus_prints_candidates_with_json_reasons() {
    let out = universe_output(|l, c, o| print_missing(l, c, 10, TableFormat::Table, None, o).unwrap());
    assert!(out.lines().next().unwrap().split_whitespace().take(2).eq(["#", "Score"]));
    assert_eq!(out.matches("Synthetic Field Paper").count(), 10, "{out}");
    assert!(out.contains("10 of 344 candidates, 24 listed papers in the graph"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&universe_output(|l, c, o| print_missing(l, c, 3, TableFormat::Json, None, o).unwrap()))
            .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);
    assert!(json[0]["reasons"][0].as_str().unwrap().starts_with("cited by "));
    let csv = universe_output(|l, c, o| print_missing(l, c, 3, TableFormat::Csv, None, o).unwrap());
    assert!(csv.starts_with(
        "rank,paperId,title,year,venue,score,citedByListed,citesListed,citationCount,suggestedSection,reasons\n"
    ));
    assert_eq!(csv::Reader::from_reader(csv.as_bytes()).records().count(), 3);
}

#[test]
fn evaluate_on_a_corpus_reports_recall_and_median_rank_beside_citation_counts() {
    let out = universe_output(|l, c, o| print_evaluation(l, c, ListFormat::Table, None, o).unwrap());
    assert!(out.starts_with("Each of the 24 listed papers in the graph hidden in turn"), "{out}");
    for needle in ["Recall@10", "Recall@20", "Median rank", "citegraph score", "raw citation count", "24/24"] {
        assert!(out.contains(needle), "{needle} in\n{out}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&universe_output(|l, c, o| print_evaluation(l, c, ListFormat::Json, None, o).unwrap()))
            .unwrap();
    assert_eq!(json["hidden"].as_array().unwrap().len(), 24);
    assert_eq!(json["summaries"][0]["ranker"], "score");
    assert!(
        json["summaries"][0]["recallAt20"].as_f64().unwrap() > json["summaries"][1]["recallAt20"].as_f64().unwrap()
    );
}

/// The files `build` would write for the fixture universe, with every format of the registry.
fn registry_files() -> std::collections::BTreeMap<String, String> {
    use citegraph::export::{ExportInput, ExportOptions, registry, write_all};
    let list = PaperList::builtin();
    let corpus = corpus_for(&Universe::builtin_field(), &list);
    let (graph, _, rankings) = citegraph::pipeline::rank_from_corpus(&list, &corpus);
    let options = ExportOptions {
        map_top: 40,
        full_graph: false,
        title: None,
        data_date: None,
        data_source: "Semantic Scholar".to_owned(),
    };
    let input = ExportInput::new(&list, &graph, &rankings, &options);
    let dir = tempfile::tempdir().unwrap();
    let data = registry().into_iter().filter(|e| e.file_name().ends_with(".csv") || e.file_name().ends_with(".json"));
    let written = write_all(dir.path(), &input, &data.collect::<Vec<_>>()).unwrap();
    written
        .iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(p).unwrap()))
        .collect()
}

#[test]
fn missing_and_rank_print_what_the_registry_writes_to_files() {
    let files = registry_files();
    let all = usize::MAX;
    let printed = |run: &dyn Fn(&PaperList, &citegraph::model::Corpus, &mut Vec<u8>)| universe_output(run);
    assert_eq!(
        printed(&|l, c, o| print_missing(l, c, all, TableFormat::Json, None, o).unwrap()),
        files["missing.json"]
    );
    assert_eq!(printed(&|l, c, o| print_missing(l, c, all, TableFormat::Csv, None, o).unwrap()), files["missing.csv"]);
    assert_eq!(printed(&|l, c, o| print_rank(l, c, all, TableFormat::Csv, None, o).unwrap()), files["rankings.csv"]);
    assert_eq!(printed(&|l, c, o| print_rank(l, c, all, TableFormat::Json, None, o).unwrap()), files["rankings.json"]);
}

#[test]
fn missing_with_a_top_prints_the_first_entries_of_missing_json() {
    let files = registry_files();
    let whole: Vec<serde_json::Value> = serde_json::from_str(&files["missing.json"]).unwrap();
    let top5: Vec<serde_json::Value> = serde_json::from_str(&universe_output(|l, c, o| {
        print_missing(l, c, 5, TableFormat::Json, None, o).unwrap();
    }))
    .unwrap();
    assert_eq!(top5, whole[..5]);
    let csv = universe_output(|l, c, o| print_missing(l, c, 5, TableFormat::Csv, None, o).unwrap());
    let file_lines: Vec<&str> = files["missing.csv"].lines().take(6).collect();
    assert_eq!(csv.lines().collect::<Vec<_>>(), file_lines, "the header and the first 5 rows");
}
