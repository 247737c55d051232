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

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_fetch_says_what_was_kept_and_a_rerun_resumes() {
    use std::time::{Duration, Instant};
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    // Four requests a second: the 54 requests of the list would take a quarter of a minute.
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_citegraph"))
        .env_remove("S2_API_KEY")
        .env_remove("S2_API_URL")
        .arg("--api-url")
        .arg(mock.api_url())
        .arg("--cache-dir")
        .arg(cache.path())
        // --depth 1: the 54 requests of the direct-link fetch, counted by what the cache holds.
        .args(["--rps", "4", "--depth", "1", "fetch"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let stored = |dir: &Path| {
        ["batch", "match", "references", "citations"]
            .iter()
            .filter_map(|e| std::fs::read_dir(dir.join(e)).ok())
            .flat_map(|entries| entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()))
            .filter(|name| name.ends_with(".json") && !name.starts_with('.'))
            .count()
    };
    while stored(cache.path()) < 3 {
        assert!(started.elapsed() < Duration::from_secs(20), "the fetch stored nothing");
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = std::process::Command::new("kill").arg("-INT").arg(child.id().to_string()).status().unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted (Ctrl-C)") && stderr.contains("kept in the cache directory"), "{stderr}");
    assert!(stderr.contains("run the same command again to resume"), "{stderr}");
    let kept = stored(cache.path());
    assert!(kept < 54, "the fetch was not interrupted");

    mock.reset_requests();
    let output = citegraph_on(&mock, cache.path()).args(["--depth", "1", "fetch"]).output().unwrap();
    assert!(output.status.success(), "{:?}", outputs(&output));
    assert_eq!(mock.request_count(), 54 - kept, "the rerun fetches only what was not kept");
}
