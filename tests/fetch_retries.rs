//! Politeness and failure: 429 storms and gateway errors are retried (with injectable, instant
//! backoff here: no test sleeps) and end in the same corpus as a clean run; retries are bounded
//! and end in an error for that listing, never a silent zero; 400 is never retried; 403 stops.

mod common;

use citegraph::model::{Corpus, Listing};
use citegraph::paper_list::PaperList;
use common::loopback::Fault;
use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, fetch, fetch_config, outputs};

fn without_time(mut corpus: Corpus) -> Corpus {
    corpus.fetched_at = None;
    corpus
}

#[test]
fn a_429_storm_is_survived_with_the_same_corpus_as_a_clean_run() {
    let list = PaperList::builtin();
    let clean_mock = MockS2::start(Universe::builtin_field());
    let clean_cache = tempfile::tempdir().unwrap();
    let (clean, _) = fetch(&list, &fetch_config(&clean_mock, clean_cache.path())).unwrap();

    let mock = MockS2::start(Universe::builtin_field());
    mock.fault_every(
        2,
        vec![
            Fault::TooManyRequests,
            Fault::TooManyRequestsRetryAfter("1".to_owned()),
            Fault::TooManyRequests,
            Fault::TooManyRequestsRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT".to_owned()),
            Fault::ServerError,
            Fault::GatewayTimeout,
            Fault::NotJson,
        ],
    );
    // And a burst of six in a row: the seventh try gets through.
    mock.queue_faults(vec![Fault::TooManyRequests; 6]);
    let cache = tempfile::tempdir().unwrap();
    let (stormy, report) = fetch(&list, &fetch_config(&mock, cache.path())).unwrap();

    assert_eq!(without_time(stormy), without_time(clean));
    assert!(!report.has_failures(), "{:?}", report.errors());
    // Every other request failed (some as a 200 that is not JSON), each failure cost one retry.
    let retried = report.requests.retried;
    assert!(retried > 50, "the storm was real: {retried} retries");
    assert_eq!(report.requests.made, 54 + retried);
    assert_eq!(mock.request_count() as u64, report.requests.made);
    let errors = mock.requests().iter().filter(|r| r.status != 200).count() as u64;
    assert!(errors > 40 && errors < retried, "{errors} error statuses, the rest were 200s that were not JSON");
}

#[test]
fn a_request_that_keeps_failing_gives_up_after_bounded_tries_with_an_error_not_a_zero() {
    let mock = MockS2::start(Universe::builtin_field());
    mock.queue_faults_on("references", vec![Fault::GatewayTimeout; 7]);
    let cache = tempfile::tempdir().unwrap();
    let (corpus, report) = fetch(&PaperList::builtin(), &fetch_config(&mock, cache.path())).unwrap();
    let Some(Listing::Failed { reason }) = &corpus.listed[0].references else {
        panic!("{:?}", corpus.listed[0].references)
    };
    assert!(reason.contains("gave up after 7 tries") && reason.contains("504 Endpoint request timed out"), "{reason}");
    assert!(report.has_failures());
    assert!(report.errors()[0].starts_with("references of \"The Curse of Recursion"), "{:?}", report.errors());
    assert_eq!(mock.count("references"), 7 + 23);
    // Nothing failed was cached: the next run fetches exactly that listing again.
    mock.reset_requests();
    let (again, report) = fetch(&PaperList::builtin(), &fetch_config(&mock, cache.path())).unwrap();
    assert_eq!(mock.request_count(), 1);
    assert!(!report.has_failures());
    assert!(matches!(again.listed[0].references, Some(Listing::Complete { .. })));
}

#[test]
fn a_400_is_never_retried() {
    let mock = MockS2::start(Universe::builtin_field());
    mock.queue_faults_on("citations", [Fault::BadRequest("Unacceptable query params: [limit=1000]".to_owned())]);
    let cache = tempfile::tempdir().unwrap();
    let (corpus, report) = fetch(&PaperList::builtin(), &fetch_config(&mock, cache.path())).unwrap();
    assert_eq!(mock.count("citations"), 24);
    let Some(Listing::Failed { reason }) = &corpus.listed[0].citations else { panic!() };
    assert!(reason.contains("400") && reason.contains("Unacceptable query params"), "{reason}");
    assert_eq!(report.requests.retried, 0);
}

#[test]
fn a_refused_key_stops_the_run_with_a_message_that_says_so() {
    let mock = MockS2::start(Universe::builtin_field());
    mock.require_key("the-right-key");
    let cache = tempfile::tempdir().unwrap();
    let output = citegraph_on(&mock, cache.path()).env("S2_API_KEY", "a-wrong-key-4711").arg("fetch").output().unwrap();
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.starts_with("error: Semantic Scholar refused the API key in S2_API_KEY (403 Forbidden"), "{stderr}");
    assert!(!stderr.contains("a-wrong-key-4711") && !stdout.contains("a-wrong-key-4711"));
    assert_eq!(mock.request_count(), 1, "403 is not retried and nothing else is tried");
}

#[test]
fn an_api_url_where_nothing_answers_stops_the_run_after_a_few_tries() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let cache = tempfile::tempdir().unwrap();
    let config = citegraph::s2::FetchConfig {
        api_url: url::Url::parse(&format!("http://127.0.0.1:{port}/graph/v1/")).unwrap(),
        ..fetch_config(&MockS2::start(Universe::default()), cache.path())
    };
    let err = fetch(&PaperList::builtin(), &config).unwrap_err();
    let message = format!("{err:#}");
    assert!(
        message.starts_with(&format!("cannot reach Semantic Scholar at http://127.0.0.1:{port}/graph/v1/")),
        "{message}"
    );
    assert!(message.contains("--api-url"), "{message}");
}
