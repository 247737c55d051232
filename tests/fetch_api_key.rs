//! The API key: sent as `x-api-key` only when `S2_API_KEY` is set, and found in no file, no log
//! line and no message, even with `-v`.

mod common;

use std::path::Path;

use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, outputs};

const KEY: &str = "sYnThEtIc-KeY-0123456789abcdef";

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            hits.extend(files_containing(&path, needle));
        } else if std::fs::read(&path).unwrap().windows(needle.len()).any(|w| w == needle.as_bytes()) {
            hits.push(path.display().to_string());
        }
    }
    hits
}

#[test]
fn the_key_is_sent_as_x_api_key_on_every_request_when_set_and_appears_in_no_file_or_output() {
    let mock = MockS2::start(Universe::builtin_field());
    mock.require_key(KEY);
    let cache = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = citegraph_on(&mock, cache.path())
        .env("S2_API_KEY", KEY)
        .arg("--out-dir")
        .arg(out.path())
        .args(["build", "-v"])
        .output()
        .unwrap();
    let (stdout, stderr) = outputs(&output);
    assert!(output.status.success(), "{stderr}");
    let requests = mock.requests();
    // The 54 of the listings, the discovery batch and the recommendations POST.
    assert_eq!(requests.len(), 56);
    assert!(requests.iter().any(|r| r.path.starts_with("/recommendations/v1/")));
    assert!(requests.iter().all(|r| r.header("x-api-key") == Some(KEY)));
    assert!(requests.iter().all(|r| r.header("user-agent").is_some_and(|ua| ua.starts_with("citegraph/"))));
    assert!(stderr.contains("GET http://127.0.0.1:"), "-v logs every request: {stderr}");
    assert!(!stdout.contains(KEY) && !stderr.contains(KEY));
    assert_eq!(files_containing(cache.path(), KEY), Vec::<String>::new());
    assert_eq!(files_containing(out.path(), KEY), Vec::<String>::new());
    assert!(!files_containing(cache.path(), "5f5f").is_empty(), "the search itself works");
}

#[test]
fn no_key_header_is_sent_without_s2_api_key() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    // A blank value counts as unset.
    let output = citegraph_on(&mock, cache.path()).env("S2_API_KEY", "  ").arg("fetch").output().unwrap();
    assert!(output.status.success(), "{:?}", outputs(&output));
    let requests = mock.requests();
    assert_eq!(requests.len(), 56, "the 54 of the listings, the discovery batch and the recommendations POST");
    assert!(requests.iter().all(|r| r.header("x-api-key").is_none()));
}
