//! `citegraph fetch` through its binary: what it reports and its exit status. Papers Semantic
//! Scholar does not have are warnings (exit 0); requests that failed for good are errors (exit 1).

mod common;

use common::loopback::Fault;
use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, outputs};

#[test]
fn papers_semantic_scholar_lacks_are_warnings_with_line_and_reason_and_the_run_succeeds() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.md");
    std::fs::write(
        &list,
        "# Mine\n## Papers\n1. [Self-Consuming Generative Models Go MAD](https://openreview.net/forum?id=ShgQBPvxfK)\n\
         2. [Zebra Quokka Platypus](https://example.org/zqp)\n",
    )
    .unwrap();
    let output = citegraph_on(&mock, &dir.path().join("cache")).arg("--list").arg(&list).arg("fetch").output().unwrap();
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stdout.is_empty(), "fetch results go to the cache; the account goes to stderr");
    assert!(
        stderr.contains(&format!(
            "warning: {}:4: \"Zebra Quokka Platypus\" not resolved: the link names no identifier Semantic Scholar knows",
            list.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("Resolved 1 of 2 listed papers (0 by id, 1 by title match), 1 unresolved"), "{stderr}");
}

#[test]
fn a_listing_that_failed_for_good_is_an_error_and_exit_status_1_even_when_quiet() {
    // `--depth 1`: the listings alone (with discovery, the rerun also asks the batch of the
    // neighbours the recovered listing adds).
    let mock = MockS2::start(Universe::builtin_field());
    mock.queue_faults_on("citations", [Fault::BadRequest("Unacceptable query params: [synthetic]".to_owned())]);
    let cache = tempfile::tempdir().unwrap();
    let output = citegraph_on(&mock, cache.path()).args(["--depth", "1", "fetch", "-q"]).output().unwrap();
    let (_, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr.trim_end(),
        "error: citations of \"The Curse of Recursion: Training on Generated Data Makes Mo…\" failed: \
         Semantic Scholar answered 400: Unacceptable query params: [synthetic]"
    );
    // The rerun fetches only what failed, and succeeds.
    mock.reset_requests();
    assert!(citegraph_on(&mock, cache.path()).args(["--depth", "1", "fetch", "-q"]).output().unwrap().status.success());
    assert_eq!(mock.request_count(), 1);
}
