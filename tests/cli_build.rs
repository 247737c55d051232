//! `citegraph build`, the main job, through its binary against the loopback mock: every output
//! file, the request budget, a warm rerun, the candidates it finds, and a hostile title end to end.

mod common;

use std::path::Path;

use citegraph::graph::CitationGraph;
use citegraph::paper_list::PaperList;
use citegraph::rank::{RankOptions, rank};
use common::mock_s2::MockS2;
use common::universe::{FixturePaper, Kind, Universe};
use common::universe_corpus::corpus_for;
use common::{citegraph_on, outputs};

const OUTPUTS: [&str; 21] = [
    "rankings.csv",
    "rankings.md",
    "missing.json",
    "missing.md",
    "graph.dot",
    "literature-map.svg",
    "timeline.svg",
    "literature-map.png",
    "coverage.md",
    "coverage.json",
    "graph.graphml",
    "graph.gexf",
    "graph.json",
    "nodes.csv",
    "edges.csv",
    "missing.bib",
    "missing.ris",
    "missing.csl.json",
    "graph.mmd",
    "literature-map.html",
    "citegraph-state.json",
];

fn build(mock: &MockS2, cache: &Path, out: &Path, extra: &[&str]) -> (String, String) {
    let output = citegraph_on(mock, cache).arg("--out-dir").arg(out).args(extra).arg("build").output().unwrap();
    let (stdout, stderr) = outputs(&output);
    assert!(output.status.success(), "build failed:\n{stderr}");
    (stdout, stderr)
}

#[test]
fn build_writes_every_output_within_the_request_budget_and_a_rerun_makes_no_requests() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let (cache, out) = (dir.path().join("cache"), dir.path().join("output"));

    // `--depth 1`: direct links only, today's budget (the deeper default is in discovery_fetch.rs).
    let (stdout, stderr) = build(&mock, &cache, &out, &["--depth", "1"]);
    assert_eq!(mock.request_count(), 54, "the cold-run budget of the built-in list");
    assert!(stderr.contains("Requests: 54 made, 0 retried, 0 served from cache"), "{stderr}");
    let printed: Vec<&str> = stdout.lines().collect();
    assert_eq!(printed.len(), OUTPUTS.len(), "stdout lists the files written: {stdout}");
    for name in OUTPUTS {
        let path = out.join(name);
        assert!(printed.contains(&path.to_str().unwrap()), "{name} is listed on stdout");
        assert!(std::fs::metadata(&path).unwrap().len() > 100, "{name} has content");
    }
    let first: Vec<Vec<u8>> = OUTPUTS.iter().map(|n| std::fs::read(out.join(n)).unwrap()).collect();

    mock.reset_requests();
    let (_, stderr) = build(&mock, &cache, &out, &["--depth", "1"]);
    assert_eq!(mock.request_count(), 0, "a warm rerun asks nothing");
    assert!(stderr.contains("Requests: 0 made, 0 retried, 54 served from cache"), "{stderr}");
    for (name, before) in OUTPUTS.iter().zip(&first) {
        assert_eq!(&std::fs::read(out.join(name)).unwrap(), before, "{name} is the same, byte for byte");
    }

    // The commands that read the cache agree with what build wrote.
    let missing = citegraph_on(&mock, &cache)
        .args(["--depth", "1", "missing", "--format", "json", "--top", "5"])
        .output()
        .unwrap();
    assert!(missing.status.success());
    let top5: serde_json::Value = serde_json::from_slice(&missing.stdout).unwrap();
    let written: serde_json::Value = serde_json::from_slice(&first[2]).unwrap();
    for k in 0..5 {
        assert_eq!(top5[k]["paperId"], written[k]["paperId"]);
    }
    assert_eq!(mock.request_count(), 0, "missing reads only the cache");
}

#[test]
fn the_top_20_missing_papers_are_papers_of_the_field_not_hubs_or_classics() {
    let universe = Universe::builtin_field();
    let mock = MockS2::start(universe.clone());
    let dir = tempfile::tempdir().unwrap();
    build(&mock, &dir.path().join("cache"), &dir.path().join("output"), &[]);
    let missing: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("output/missing.json")).unwrap()).unwrap();
    let kind_of = |id: &str| universe.papers.iter().find(|p| p.paper_id == id).map(|p| p.kind);
    let top: Vec<Option<Kind>> =
        missing.as_array().unwrap()[..20].iter().map(|c| kind_of(c["paperId"].as_str().unwrap())).collect();
    assert!(top.iter().all(|k| *k == Some(Kind::Field)), "{top:?}");
    for c in &missing.as_array().unwrap()[..20] {
        assert!(!c["reasons"].as_array().unwrap().is_empty());
        assert!(c["suggestedSection"].is_string());
    }
}

#[test]
fn the_corpus_fetched_from_the_mock_is_the_corpus_the_universe_describes() {
    // The ranking tests use `corpus_for` instead of the server: this keeps the two honest.
    let universe = Universe::builtin_field();
    let mock = MockS2::start(universe.clone());
    let dir = tempfile::tempdir().unwrap();
    let list = PaperList::builtin();
    let (fetched, _) = common::fetch(&list, &common::fetch_config(&mock, dir.path())).unwrap();
    let expected = corpus_for(&universe, &list);
    let graph = |c| CitationGraph::from_corpus(&list, c).0;
    let (a, b) = (graph(&fetched), graph(&expected));
    assert_eq!((a.node_count(), a.edge_count()), (b.node_count(), b.edge_count()));
    let (ra, rb) = (rank(&a, &RankOptions::default()), rank(&b, &RankOptions::default()));
    let top = |g: &CitationGraph, r: &citegraph::rank::Rankings| -> Vec<String> {
        r.candidates.iter().take(20).map(|c| g.node(c.node).paper_id.clone()).collect()
    };
    assert_eq!(top(&a, &ra), top(&b, &rb));
}

#[test]
fn a_title_full_of_quotes_and_angle_brackets_survives_into_every_file() {
    const TITLE: &str = r#"Collapse "Everywhere" <i>Now</i> & \Then\: A 'Study'"#;
    let mut universe = Universe::builtin_field();
    // A field paper cited by most listed papers, so it is a top candidate and drawn and labelled.
    let hostile = universe.add({
        let mut p = FixturePaper::new(Kind::Field, TITLE, Some(2024));
        p.citation_count = 90;
        p
    });
    for listed in universe.of_kind(Kind::Listed) {
        universe.cite(listed, hostile, true, &["background"]);
    }
    universe.settle_counts();
    let mock = MockS2::start(universe);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    build(&mock, &dir.path().join("cache"), &out, &[]);

    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    let missing: serde_json::Value = serde_json::from_str(&read("missing.json")).unwrap();
    assert_eq!(missing[0]["title"], TITLE, "intact in JSON");
    let csv = read("rankings.csv");
    assert!(csv.contains(r#""Collapse ""Everywhere"" <i>Now</i> & \Then\: A 'Study'""#), "CSV-quoted");
    assert!(
        read("missing.md").contains(r#"[Collapse "Everywhere" \<i\>Now\</i\> \& \\Then\\: A 'Study'](https://"#),
        "Markdown-escaped title in missing.md"
    );
    assert!(!read("missing.md").contains("<i>Now</i>"), "no raw HTML in missing.md");
    let dot = read("graph.dot");
    assert!(dot.contains(r#"Collapse \"Everywhere\" &lt;i&gt;Now&lt;/i&gt; &amp; \\Then\\: A 'Study'"#), "DOT-escaped");
    for svg in ["literature-map.svg", "timeline.svg"] {
        let text = read(svg);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{svg} is valid XML: {e}"));
        let found = doc
            .descendants()
            .any(|n| n.text().is_some_and(|t| t.contains(r#"Collapse "Everywhere" <i>Now</i> & \Then\"#)));
        assert!(found, "{svg} carries the title intact once parsed");
    }
    if let Ok(output) = std::process::Command::new("dot").arg("-Tsvg").arg(out.join("graph.dot")).output() {
        assert!(output.status.success() && output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
        let svg = String::from_utf8(output.stdout).unwrap();
        let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
        let doc = roxmltree::Document::parse_with_options(&svg, options).unwrap();
        assert!(doc.descendants().any(|n| n.text().is_some_and(|t| t.contains("Collapse \"Everywhere\" &lt;"))
            || n.attributes().any(|a| a.value().contains(r#"Collapse "Everywhere" <i>Now</i> & \Then\"#))));
    }
}
