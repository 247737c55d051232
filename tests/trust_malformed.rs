//! Malformed 200s: an answer is checked against its endpoint's shape before it is cached. One
//! that does not fit (a listing whose `data` is not an array or is missing, a batch answer that is
//! not an array or has another number of entries than ids, a title match without a hit) is
//! retried like a transient error, fails its item with a clear message when it persists, and is
//! never stored; a cached entry that does not fit is reported as corrupt and fetched again.

mod common;

use std::path::Path;

use citegraph::model::Corpus;
use citegraph::paper_list::PaperList;
use common::loopback::Fault;
use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, fetch, fetch_config, outputs};

/// The builtin list's corpus from a clean mock (the fetch time aside).
fn clean_corpus() -> Corpus {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let (mut corpus, report) = fetch(&PaperList::builtin(), &fetch_config(&mock, cache.path())).unwrap();
    assert!(!report.has_failures());
    corpus.fetched_at = None;
    corpus
}

fn malformed_answers() -> Vec<(&'static str, String)> {
    let too_many = serde_json::to_string(&vec![serde_json::Value::Null; 40]).unwrap();
    vec![
        ("batch", "{}".to_owned()),
        ("batch", r#"{"data":[]}"#.to_owned()),
        ("batch", "[]".to_owned()),
        ("batch", "[null]".to_owned()),
        ("batch", too_many),
        ("batch", r#"[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]"#.to_owned()),
        ("match", r#"{"data":[]}"#.to_owned()),
        ("match", "{}".to_owned()),
        ("match", r#"{"data":{"paperId":"x"}}"#.to_owned()),
        ("citations", r#"{"offset":0,"data":{}}"#.to_owned()),
        ("citations", r#"{"offset":0,"data":"none"}"#.to_owned()),
        ("references", r#"{"offset":0,"data":[1,2,3]}"#.to_owned()),
        ("references", r#"[]"#.to_owned()),
    ]
}

#[test]
fn a_malformed_200_is_retried_and_never_cached() {
    let clean = clean_corpus();
    for (endpoint, body) in malformed_answers() {
        let mock = MockS2::start(Universe::builtin_field());
        mock.queue_faults_on(endpoint, [Fault::Malformed(body.clone())]);
        let cache = tempfile::tempdir().unwrap();
        let (mut corpus, report) = fetch(&PaperList::builtin(), &fetch_config(&mock, cache.path())).unwrap();
        corpus.fetched_at = None;
        assert!(!report.has_failures(), "{endpoint} {body}: {:?}", report.errors());
        assert!(corpus == clean, "{endpoint} {body}: the corpus differs from a clean run's");
        assert_eq!(report.requests.retried, 1, "{endpoint} {body}");
    }
}

#[test]
fn a_200_without_data_is_not_an_empty_listing() {
    let clean = clean_corpus();
    for body in ["{}", r#"{"offset":0}"#, r#"{"offset":0,"next":1000}"#] {
        for endpoint in ["citations", "references"] {
            let mock = MockS2::start(Universe::builtin_field());
            mock.queue_faults_on(endpoint, [Fault::Malformed(body.to_owned())]);
            let cache = tempfile::tempdir().unwrap();
            let (mut corpus, report) = fetch(&PaperList::builtin(), &fetch_config(&mock, cache.path())).unwrap();
            corpus.fetched_at = None;
            assert!(!report.has_failures(), "{endpoint} {body}: {:?}", report.errors());
            assert!(corpus == clean, "{endpoint} {body}: a listing became empty");
        }
    }
}

#[test]
fn an_answer_malformed_on_every_try_fails_its_item_and_a_rerun_fetches_it_again() {
    let mock = MockS2::start(Universe::builtin_field());
    mock.queue_faults_on("citations", vec![Fault::Malformed(r#"{"offset":0}"#.to_owned()); 7]);
    let cache = tempfile::tempdir().unwrap();
    let config = fetch_config(&mock, cache.path());
    let (_, report) = fetch(&PaperList::builtin(), &config).unwrap();
    assert!(report.has_failures());
    let errors = report.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("citations of") && errors[0].contains("no `data`"), "{errors:?}");

    mock.reset_requests();
    let (mut corpus, report) = fetch(&PaperList::builtin(), &config).unwrap();
    corpus.fetched_at = None;
    assert!(!report.has_failures(), "{:?}", report.errors());
    assert_eq!(mock.request_count(), 1, "only the failed page is fetched again");
    assert!(corpus == clean_corpus());
}

fn entries(cache: &Path, endpoint: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(cache.join(endpoint)).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

#[test]
fn a_cached_answer_of_the_wrong_shape_is_reported_as_corrupt_and_fetched_again() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let output = citegraph_on(&mock, cache.path()).arg("fetch").output().unwrap();
    assert!(output.status.success(), "{:?}", outputs(&output));
    for (endpoint, body) in
        [("citations", serde_json::json!({"offset": 0, "data": {}})), ("batch", serde_json::json!([]))]
    {
        let path = &entries(cache.path(), endpoint)[0];
        let mut envelope: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        envelope["body"] = body;
        std::fs::write(path, envelope.to_string()).unwrap();
    }
    mock.reset_requests();
    let output = citegraph_on(&mock, cache.path()).arg("fetch").output().unwrap();
    let (_, stderr) = outputs(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr.matches("corrupt cache entry").count(), 2, "{stderr}");
    assert_eq!((mock.count("citations"), mock.count("batch"), mock.request_count()), (1, 1, 2));
}
