//! Messages under attack or accident: a key that is not UTF-8 is said to be ignored (never shown),
//! a cache entry of another version of citegraph is said to be fetched again (or, offline, named
//! as such), and an error gives its cause once.

mod common;

use std::path::{Path, PathBuf};

use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, outputs};

fn entries(cache: &Path, endpoint: &str) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(cache.join(endpoint)).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn warm_cache(mock: &MockS2) -> tempfile::TempDir {
    let cache = tempfile::tempdir().unwrap();
    let output = citegraph_on(mock, cache.path()).arg("fetch").output().unwrap();
    assert!(output.status.success(), "{:?}", outputs(&output));
    mock.reset_requests();
    cache
}

#[cfg(unix)]
#[test]
fn a_key_that_is_not_utf8_is_said_to_be_ignored() {
    use std::os::unix::ffi::OsStrExt;
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let key = std::ffi::OsStr::from_bytes(b"sYnThEtIc\xff\xfeKeY");
    let output = citegraph_on(&mock, cache.path()).env("S2_API_KEY", key).arg("fetch").output().unwrap();
    let (_, stderr) = outputs(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("S2_API_KEY is not valid UTF-8") && stderr.contains("ignored"), "{stderr}");
    assert!(!stderr.contains("sYnThEtIc"), "the key is never shown: {stderr}");
    assert!(mock.requests().iter().all(|r| r.header("x-api-key").is_none()));
}

#[test]
fn a_cache_entry_of_another_version_is_said_to_be_fetched_again() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = warm_cache(&mock);
    for path in entries(cache.path(), "citations").iter().take(3) {
        let mut envelope: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        envelope["version"] = serde_json::json!(99);
        std::fs::write(path, envelope.to_string()).unwrap();
    }
    let output = citegraph_on(&mock, cache.path()).args(["--offline", "fetch"]).output().unwrap();
    let (_, stderr) = outputs(&output);
    assert!(!output.status.success());
    assert!(stderr.contains("from another version of citegraph"), "{stderr}");
    assert_eq!(mock.request_count(), 0);

    let output = citegraph_on(&mock, cache.path()).arg("fetch").output().unwrap();
    let (_, stderr) = outputs(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr.matches("another version of citegraph").count(), 1, "said once: {stderr}");
    assert!(stderr.contains("fetching"), "{stderr}");
    assert_eq!(mock.request_count(), 3);
}

#[test]
fn a_cache_that_cannot_be_written_gives_its_cause_once() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = warm_cache(&mock);
    let entry = entries(cache.path(), "batch").remove(0);
    std::fs::remove_file(&entry).unwrap();
    std::fs::create_dir(&entry).unwrap();
    let output = citegraph_on(&mock, cache.path()).args(["--refresh", "fetch"]).output().unwrap();
    let (_, stderr) = outputs(&output);
    assert!(!output.status.success());
    assert!(stderr.contains("cannot write the cache"), "{stderr}");
    let cause = "(os error 21)";
    assert_eq!(stderr.matches(cause).count(), 1, "{stderr}");
}
