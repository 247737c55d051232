//! The deeper discovery end to end against the loopback mock (synthetic data): its request
//! budget on the built-in list, cold and warm and offline; batches split at the 10 MB answer
//! cap; the recommendations URL; and on the hard fixture, twins merged (and non-twins not),
//! unknown nested lists counted, signal values in `missing.json`, same-topic papers kept low.

mod common;

use std::path::Path;

use common::mock_s2::MockS2;
use common::universe::Universe;
use common::universe_hard::hard_field;
use common::{citegraph_on, outputs};

fn run(mock: &MockS2, cache: &Path, args: &[&str]) -> String {
    let output = citegraph_on(mock, cache).args(args).output().unwrap();
    let (_, stderr) = outputs(&output);
    assert!(output.status.success(), "{args:?} failed:\n{stderr}");
    stderr
}

#[test]
fn the_builtin_list_costs_at_most_62_requests_cold_none_warm_and_works_offline() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let cold = run(&mock, cache.path(), &["fetch"]);
    let counts = mock.counts();
    assert!(mock.request_count() <= 62, "{counts:?}");
    assert_eq!(counts.get("references"), Some(&24));
    assert_eq!(counts.get("citations"), Some(&24));
    assert_eq!(counts.get("recommendations"), Some(&1));
    assert_eq!(mock.request_count(), 56, "54 + one discovery batch + the recommendations POST: {counts:?}");
    assert!(
        cold.contains("Requests: 56 made, 0 retried, 0 served from cache (a cold run of this list costs 56)"),
        "{cold}"
    );
    assert!(cold.contains("Discovery: references of "), "{cold}");
    // The publisher-withheld reference list comes back empty in batch too: unknown, not none.
    assert!(cold.contains("(1 unknown: an empty list although S2 counts references)"), "{cold}");

    mock.reset_requests();
    let warm = run(&mock, cache.path(), &["fetch"]);
    assert_eq!(mock.request_count(), 0);
    assert!(warm.contains("Requests: 0 made, 0 retried, 56 served from cache"), "{warm}");
    let out = tempfile::tempdir().unwrap();
    run(&mock, cache.path(), &["--offline", "--out-dir", out.path().to_str().unwrap(), "build"]);
    assert_eq!(mock.request_count(), 0);
    let missing: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("missing.json")).unwrap()).unwrap();
    let first = &missing[0];
    for signal in ["directLinks", "coCitation", "sharedReferences", "contentSimilarity", "recommendation"] {
        assert!(first["signals"][signal].is_number(), "{signal} in {first}");
    }
    assert!(first["signals"]["directLinks"].as_f64().unwrap() > 0.0);
}

#[test]
fn depth_1_asks_nothing_of_the_discovery_phase_and_writes_no_signal_values() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let stderr = run(&mock, cache.path(), &["--depth", "1", "--out-dir", out.path().to_str().unwrap(), "build"]);
    assert_eq!(mock.request_count(), 54);
    assert!(!stderr.contains("Discovery:"), "{stderr}");
    let missing = std::fs::read_to_string(out.path().join("missing.json")).unwrap();
    assert!(!missing.contains("\"signals\""));
}

#[test]
fn a_batch_whose_answer_would_exceed_the_size_cap_is_split_and_a_warm_run_asks_nothing() {
    let mock = MockS2::start(Universe::builtin_field());
    // About a third of the discovery batch: it must be split (twice at least).
    mock.cap_answers_at(60_000);
    let cache = tempfile::tempdir().unwrap();
    let cold = run(&mock, cache.path(), &["fetch"]);
    assert!(cold.contains("split at the 10 MB answer cap"), "{cold}");
    assert!(!cold.contains("failed:"), "{cold}");
    let batches = mock.counts().get("batch").copied().unwrap_or(0);
    assert!(batches >= 4, "the refused batch and its halves: {batches}");

    // Everything arrived: the same discovery as without the cap.
    let uncapped = MockS2::start(Universe::builtin_field());
    let reference = run(&uncapped, tempfile::tempdir().unwrap().path(), &["fetch"]);
    let discovery = |s: &str| s.lines().find(|l| l.starts_with("Discovery:")).unwrap().to_owned();
    let capped = discovery(&cold);
    let (head, split) = capped.rsplit_once(", ").unwrap();
    assert!(split.ends_with("split at the 10 MB answer cap"), "{capped}");
    assert_eq!(head, discovery(&reference));

    mock.reset_requests();
    let warm = run(&mock, cache.path(), &["fetch"]);
    assert_eq!(mock.request_count(), 0, "{warm}");
    run(&mock, cache.path(), &["--offline", "fetch"]);
}

#[test]
fn the_recommendations_url_can_be_given_and_an_unknown_one_fails_only_the_recommendations() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let good = format!("{}/", mock.recommendations_url());
    run(&mock, cache.path(), &["--recommendations-url", &good, "fetch"]);
    assert_eq!(mock.counts().get("recommendations"), Some(&1));

    let other = tempfile::tempdir().unwrap();
    let wrong = format!("http://{}/nowhere/v1", mock.addr());
    let stderr = run(&mock, other.path(), &["--recommendations-url", &wrong, "fetch"]);
    assert!(stderr.contains("failed: recommendations: refused at "), "{stderr}");
    assert!(stderr.contains("check --recommendations-url"), "{stderr}");
}

#[test]
fn on_the_hard_fixture_twins_merge_non_twins_do_not_and_same_topic_papers_stay_low() {
    let hard = hard_field();
    let u = &hard.universe;
    let mock = MockS2::start(u.clone());
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("hard.md");
    std::fs::write(&list, &hard.markdown).unwrap();
    let out = dir.path().join("out");
    let stderr = run(
        &mock,
        &dir.path().join("cache"),
        &["--list", list.to_str().unwrap(), "--out-dir", out.to_str().unwrap(), "build"],
    );
    assert!(mock.request_count() <= 65 + 8, "at most 8 more than the listings: {}", mock.request_count());
    assert!(stderr.contains(&format!("Twins: {} preprint/published pairs merged", hard.twins.len())), "{stderr}");
    let unknown = u.papers.iter().filter(|p| p.nested_references_empty).count();
    assert!(unknown > 0);
    let missing: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(out.join("missing.json")).unwrap()).unwrap();
    let entry = |id: &str| {
        missing
            .iter()
            .find(|e| e["paperId"] == id || e["mergedIds"].as_array().is_some_and(|m| m.iter().any(|x| x == id)))
    };
    for &(pre, published) in &hard.twins {
        let a = entry(&u.papers[pre].paper_id).expect("the preprint is a candidate");
        let b = entry(&u.papers[published].paper_id).expect("the published version is a candidate");
        assert_eq!(a["paperId"], b["paperId"], "one entry for both twins");
        assert!(a["mergedIds"].as_array().is_some_and(|m| !m.is_empty()));
    }
    // "Part I" and "Part II", and the same title by other authors, stay apart.
    let ids_of = |prefix: &str| -> Vec<&str> {
        u.papers.iter().filter(|p| p.title.contains(prefix)).map(|p| p.paper_id.as_str()).collect()
    };
    for id in ids_of("An Older Study Part I") {
        let e = entry(id).unwrap();
        assert!(e["mergedIds"].is_null(), "{e}");
    }
    for p in u.papers.iter().filter(|p| p.authors.iter().any(|a| a.1 == "Someone Different")) {
        let e = entry(&p.paper_id);
        assert!(e.is_none_or(|e| e["paperId"] == p.paper_id.as_str()), "not merged with its namesake");
    }
    // Papers only close in content, with no citation tie, do not crowd the top.
    let top50: Vec<&str> = missing.iter().take(50).map(|e| e["title"].as_str().unwrap()).collect();
    assert!(!top50.iter().any(|t| t.starts_with("Same-Topic Paper")), "{top50:?}");
    let reasons: Vec<String> = missing
        .iter()
        .take(50)
        .flat_map(|e| e["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_owned()))
        .collect();
    assert!(reasons.iter().any(|r| r.starts_with("co-cited with ")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("references are cited by listed papers")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.starts_with("close in content to ")), "{reasons:?}");
}
