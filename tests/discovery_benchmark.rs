//! The benchmark of the deeper discovery on the hard fixture universe (synthetic): precision of
//! the top 20 and top 50 of `missing.json` against the fixture's truth, and how many of the
//! missing papers with no direct link reach the top 50, for the combined ranking (the default)
//! and for direct links alone (`--depth 1`). Run with `-- --nocapture` to see the report.

mod common;

use std::collections::HashSet;

use common::mock_s2::MockS2;
use common::universe::Kind;
use common::universe_hard::hard_field;
use common::{citegraph_on, outputs};

struct Figures {
    top20: f64,
    top50: f64,
    hidden_in_top50: usize,
    hidden: usize,
}

fn measure(depth: &str) -> (Figures, u64) {
    let hard = hard_field();
    let mock = MockS2::start(hard.universe.clone());
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("hard.md");
    std::fs::write(&list, &hard.markdown).unwrap();
    let output = citegraph_on(&mock, &dir.path().join("cache"))
        .arg("--list")
        .arg(&list)
        .arg("--out-dir")
        .arg(dir.path().join("out"))
        .args(["--depth", depth, "build"])
        .output()
        .unwrap();
    let (_, stderr) = outputs(&output);
    assert!(output.status.success(), "{stderr}");
    let missing: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/missing.json")).unwrap()).unwrap();
    let u = &hard.universe;
    let index_of = |id: &str| u.papers.iter().position(|p| p.paper_id == id);
    let ids: Vec<usize> =
        missing.as_array().unwrap().iter().filter_map(|e| index_of(e["paperId"].as_str().unwrap())).collect();
    let truth = |top: usize| {
        let n = ids.len().min(top);
        ids.iter().take(top).filter(|&&i| u.papers[i].kind == Kind::Field).count() as f64 / n as f64
    };
    let top50: HashSet<usize> = ids.iter().take(50).copied().collect();
    let figures = Figures {
        top20: truth(20),
        top50: truth(50),
        hidden_in_top50: hard.hidden.iter().filter(|h| top50.contains(h)).count(),
        hidden: hard.hidden.len(),
    };
    (figures, mock.request_count() as u64)
}

#[test]
fn the_combined_ranking_finds_the_missing_work_direct_links_cannot() {
    let (combined, requests) = measure("2");
    let (direct, direct_requests) = measure("1");
    let line = |name: &str, f: &Figures, requests: u64| {
        format!(
            "{name:<22} top-20 precision {:>5.1}%  top-50 precision {:>5.1}%  no-direct-link papers in the top 50: {} of {} ({:.0}%)  requests {requests}",
            100.0 * f.top20,
            100.0 * f.top50,
            f.hidden_in_top50,
            f.hidden,
            100.0 * f.hidden_in_top50 as f64 / f.hidden as f64
        )
    };
    eprintln!("{}", line("combined (--depth 2)", &combined, requests));
    eprintln!("{}", line("direct links (--depth 1)", &direct, direct_requests));
    assert!(combined.top20 >= 0.95, "top-20 precision {}", combined.top20);
    assert!(combined.top50 >= 0.90, "top-50 precision {}", combined.top50);
    assert!(
        combined.hidden_in_top50 as f64 >= 0.6 * combined.hidden as f64,
        "{} of {}",
        combined.hidden_in_top50,
        combined.hidden
    );
    assert_eq!(direct.hidden_in_top50, 0, "direct links cannot see papers with no direct link");
}

#[test]
fn evaluate_reports_the_combination_and_every_signal_alone_on_the_hard_fixture() {
    let hard = hard_field();
    let mock = MockS2::start(hard.universe.clone());
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("hard.md");
    std::fs::write(&list, &hard.markdown).unwrap();
    let cache = dir.path().join("cache");
    let fetch = citegraph_on(&mock, &cache).arg("--list").arg(&list).arg("fetch").output().unwrap();
    assert!(fetch.status.success(), "{:?}", outputs(&fetch));
    let output =
        citegraph_on(&mock, &cache).arg("--list").arg(&list).args(["evaluate", "--format", "json"]).output().unwrap();
    let (stdout, stderr) = outputs(&output);
    assert!(output.status.success(), "{stderr}");
    let evaluation: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let by_signal = evaluation["bySignal"].as_array().unwrap();
    let names: Vec<&str> = by_signal.iter().map(|s| s["signal"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["combination", "direct links", "co-citation", "shared references", "content similarity", "recommendation"]
    );
    for s in by_signal {
        eprintln!(
            "{:<20} recall@10 {:.2}  @20 {:.2}  @50 {:.2}  median rank {}  found {}",
            s["signal"].as_str().unwrap(),
            s["recallAt10"].as_f64().unwrap(),
            s["recallAt20"].as_f64().unwrap(),
            s["recallAt50"].as_f64().unwrap(),
            s["medianRank"],
            s["found"]
        );
    }
    let combination = &by_signal[0];
    let direct = &by_signal[1];
    assert!(combination["recallAt20"].as_f64() >= direct["recallAt20"].as_f64(), "{by_signal:?}");
    assert_eq!(mock.request_count(), 68, "evaluate reads the cache only (68 is the cold fetch)");
}
