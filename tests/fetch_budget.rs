//! The request budget: a cold `--depth 1` run of the built-in list against the mock costs exactly
//! what the README promises (1 batch + 5 title matches + 24 reference pages + 24 citation pages =
//! 54), prints that count, and a warm rerun costs nothing. (The default, deeper discovery is
//! measured in `discovery_fetch.rs`.)

mod common;

use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, outputs};

#[test]
fn a_cold_build_of_the_builtin_list_makes_exactly_the_54_budgeted_requests_and_says_so() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = citegraph_on(&mock, cache.path())
        .arg("--out-dir")
        .arg(out.path())
        .args(["--depth", "1", "build"])
        .output()
        .unwrap();
    let (_, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let counts = mock.counts();
    assert_eq!(counts.get("batch"), Some(&1));
    assert_eq!(counts.get("match"), Some(&5));
    assert_eq!(counts.get("references"), Some(&24));
    assert_eq!(counts.get("citations"), Some(&24));
    assert_eq!(mock.request_count(), 54);
    assert!(stderr.contains("Resolved 24 of 24 listed papers (19 by id, 5 by title match), 0 unresolved"), "{stderr}");
    assert!(
        stderr.contains("Requests: 54 made, 0 retried, 0 served from cache (a cold run of this list costs 54)"),
        "{stderr}"
    );
}

#[test]
fn a_warm_rerun_makes_zero_requests_and_reports_the_same_corpus() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let first = citegraph_on(&mock, cache.path()).args(["--depth", "1", "fetch"]).output().unwrap();
    assert!(first.status.success());
    mock.reset_requests();
    let second = citegraph_on(&mock, cache.path()).args(["--depth", "1", "fetch"]).output().unwrap();
    assert!(second.status.success());
    assert_eq!(mock.request_count(), 0);
    let (_, cold) = outputs(&first);
    let (_, warm) = outputs(&second);
    assert!(warm.contains("Requests: 0 made, 0 retried, 54 served from cache"), "{warm}");
    let corpus_lines =
        |s: &str| s.lines().filter(|l| !l.starts_with("Requests:")).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(corpus_lines(&cold), corpus_lines(&warm));
}

#[test]
fn quiet_runs_print_nothing_when_all_is_well() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let output = citegraph_on(&mock, cache.path()).args(["fetch", "-q"]).output().unwrap();
    assert!(output.status.success());
    assert!(output.stdout.is_empty() && output.stderr.is_empty(), "{:?}", outputs(&output));
}
