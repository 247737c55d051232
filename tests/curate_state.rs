//! What is new since the last run: `build` writes its state file; a second build after a change
//! in the mock's data reports exactly the new candidates and marks them in `missing.md`;
//! `citegraph diff` prints the same; a missing, corrupt or older state file is a first run.

mod common;

use std::path::Path;

use common::mock_s2::MockS2;
use common::universe::{FixturePaper, Kind, Universe};
use common::{citegraph_on, outputs};

fn build(mock: &MockS2, dir: &Path, extra: &[&str]) -> (String, String) {
    let output = citegraph_on(mock, &dir.join("cache"))
        .arg("--out-dir")
        .arg(dir.join("output"))
        .args(extra)
        .arg("build")
        .output()
        .unwrap();
    let (stdout, stderr) = outputs(&output);
    assert!(output.status.success(), "build failed:\n{stderr}");
    (stdout, stderr)
}

/// The built-in field and two new papers that cite most listed papers (strong candidates),
/// with the listed papers they cite counting the new citations.
fn changed_universe() -> (Universe, Vec<String>) {
    let mut u = Universe::builtin_field();
    let listed = u.of_kind(Kind::Listed);
    let mut titles = Vec::new();
    for k in 0..2 {
        let title = format!("Synthetic Newcomer {k}: Fresh Evidence of Model Collapse");
        let mut p = FixturePaper::new(Kind::Field, title.clone(), Some(2025));
        p.citation_count = 40;
        let new = u.add(p);
        for &l in listed.iter().skip(k).step_by(2) {
            u.cite(new, l, true, &["background"]);
            u.papers[l].citation_count += 1;
        }
        titles.push(title);
    }
    u.settle_counts();
    (u, titles)
}

#[test]
fn a_second_build_after_new_data_reports_exactly_the_new_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let state = out.join("citegraph-state.json");

    let first = MockS2::start(Universe::builtin_field());
    let (stdout, stderr) = build(&first, dir.path(), &[]);
    assert!(stderr.contains("no state file at") && stderr.contains("first run"), "{stderr}");
    assert!(stdout.lines().any(|l| l == state.to_str().unwrap()), "the state file is listed: {stdout}");
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["candidates"][0]["rank"], 1);
    assert!(saved["candidates"][0]["score"].as_f64().unwrap() > 0.0);
    assert_eq!(saved["listed"].as_array().unwrap().len(), 24);
    assert!(!std::fs::read_to_string(out.join("missing.md")).unwrap().contains("(new)"));
    let first_state = dir.path().join("first-state.json");
    std::fs::copy(&state, &first_state).unwrap();

    // Nothing changed: nothing is new.
    let (_, stderr) = build(&first, dir.path(), &[]);
    assert!(stderr.contains("Since the last run") && stderr.contains(": 0 new candidates, 0 moved up"), "{stderr}");
    drop(first);

    let (universe, titles) = changed_universe();
    let second = MockS2::start(universe);
    let (_, stderr) = build(&second, dir.path(), &["--refresh"]);
    assert!(stderr.contains(": 2 new candidates,"), "{stderr}");
    assert!(stderr.contains("24 listed papers with new citations, 2 papers newly citing the list"), "{stderr}");
    let missing = std::fs::read_to_string(out.join("missing.md")).unwrap();
    let marked: Vec<&str> = missing.lines().filter(|l| l.ends_with(" **(new)**")).collect();
    assert_eq!(marked.len(), 2, "{missing}");
    for title in &titles {
        assert!(marked.iter().any(|l| l.contains(title.as_str())), "{title} is marked new");
    }

    // `diff --since` the first state prints the same changes from the cache.
    let output = citegraph_on(&second, &dir.path().join("cache"))
        .arg("--out-dir")
        .arg(&out)
        .args(["diff", "--format", "json", "--since"])
        .arg(&first_state)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", outputs(&output).1);
    let changes: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut new: Vec<&str> =
        changes["newCandidates"].as_array().unwrap().iter().map(|c| c["title"].as_str().unwrap()).collect();
    new.sort_unstable();
    assert_eq!(new, titles.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(changes["newCitations"].as_array().unwrap().len(), 24);
    assert_eq!(changes["newlyCiting"].as_array().unwrap().len(), 2);
    let md = citegraph_on(&second, &dir.path().join("cache"))
        .arg("--out-dir")
        .arg(&out)
        .args(["diff", "--format", "md", "--since"])
        .arg(&first_state)
        .output()
        .unwrap();
    let md = outputs(&md).0;
    assert!(md.starts_with("# What is new since ") && md.contains("## New candidates\n"), "{md}");
    // Against the state the second build wrote, nothing is new.
    let output =
        citegraph_on(&second, &dir.path().join("cache")).arg("--out-dir").arg(&out).arg("diff").output().unwrap();
    assert!(outputs(&output).0.contains(": 0 new candidates, 0 moved up, 0 listed papers with new citations"));
}

#[test]
fn a_corrupt_or_older_state_file_is_a_first_run_with_a_warning() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("my-state.json");
    std::fs::write(&state, "{\"version\": 1, \"candidates\": [trunc").unwrap();
    let flag = ["--state", state.to_str().unwrap()];
    let (stdout, stderr) = build(&mock, dir.path(), &flag);
    assert!(stderr.contains("is corrupt") && stderr.contains("first run"), "{stderr}");
    assert!(stdout.lines().any(|l| l == state.to_str().unwrap()), "--state names where it is written");
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    assert_eq!(written["version"], 1, "replaced by this run's");

    std::fs::write(&state, "{\"version\": 0, \"candidates\": []}").unwrap();
    let (_, stderr) = build(&mock, dir.path(), &flag);
    assert!(stderr.contains("is of version 0") && stderr.contains("first run"), "{stderr}");
    assert!(!std::fs::read_to_string(dir.path().join("output/missing.md")).unwrap().contains("(new)"));
}
