//! The response cache: definitive 404s are cached misses, `--offline` never connects and names
//! what is missing, a corrupt entry is reported and fetched again, a stopped run continues where
//! it stopped, `--refresh` fetches everything again.

mod common;

use std::path::Path;

use citegraph::model::Resolution;
use citegraph::paper_list::PaperList;
use citegraph::s2;
use citegraph::s2::FetchConfig;
use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, fetch, fetch_config, list_from, outputs};

fn entries(cache: &Path, endpoint: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(cache.join(endpoint)).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

#[test]
fn a_title_semantic_scholar_does_not_know_is_cached_as_a_miss() {
    let mock = MockS2::start(Universe::builtin_field());
    let list = list_from("## S\n1. [Zebra Quokka Platypus](https://openreview.net/forum?id=Zzz)\n");
    let cache = tempfile::tempdir().unwrap();
    let (first, _) = fetch(&list, &fetch_config(&mock, cache.path())).unwrap();
    assert_eq!(mock.request_count(), 1);
    assert_eq!(mock.requests()[0].status, 404);
    let stored: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&entries(cache.path(), "match")[0]).unwrap()).unwrap();
    assert_eq!(stored["status"], 404);
    assert_eq!(stored["body"]["error"], "Title match not found");
    assert_eq!(stored["version"], 1);
    assert!(stored["fetchedAt"].is_string());

    mock.reset_requests();
    let (second, report) = fetch(&list, &fetch_config(&mock, cache.path())).unwrap();
    assert_eq!(mock.request_count(), 0);
    assert_eq!(report.requests.from_cache, 1);
    assert!(
        matches!(&second.listed[0].resolution, Resolution::Unresolved { reason } if reason.contains("no paper with this title"))
    );
    assert_eq!(first.listed, second.listed);
}

#[test]
fn offline_with_a_cold_cache_fails_naming_what_is_missing_without_connecting() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let output = citegraph_on(&mock, cache.path()).args(["fetch", "--offline"]).output().unwrap();
    let (_, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.starts_with("error: --offline: 6 answers this list needs are not in the cache"), "{stderr}");
    assert!(
        stderr.contains("batch lookup of 19 ids; title match for \"Self-Consuming Generative Models Go MAD\""),
        "{stderr}"
    );
    assert!(stderr.contains("run without --offline"), "{stderr}");
    assert_eq!(mock.request_count(), 0);
}

#[test]
fn commands_that_read_the_corpus_from_a_cold_cache_say_to_run_fetch_first() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let err = s2::corpus_from_cache(&PaperList::builtin(), &fetch_config(&mock, cache.path())).unwrap_err();
    assert!(format!("{err:#}").contains("run `citegraph fetch` first"), "{err:#}");
    assert_eq!(mock.request_count(), 0);

    let (fetched, _) = fetch(&PaperList::builtin(), &fetch_config(&mock, cache.path())).unwrap();
    mock.reset_requests();
    let (cached, report) = s2::corpus_from_cache(&PaperList::builtin(), &fetch_config(&mock, cache.path())).unwrap();
    assert_eq!(cached, fetched, "the same corpus, fetch time included");
    assert_eq!((mock.request_count(), report.requests.from_cache), (0, 54));
}

#[test]
fn a_corrupt_cache_entry_is_reported_and_fetched_again() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    assert!(citegraph_on(&mock, cache.path()).arg("fetch").output().unwrap().status.success());
    let victim = entries(cache.path(), "citations")[3].clone();
    let bytes = std::fs::read(&victim).unwrap();
    std::fs::write(&victim, &bytes[..bytes.len() / 2]).unwrap();

    mock.reset_requests();
    let output = citegraph_on(&mock, cache.path()).arg("fetch").output().unwrap();
    let (_, stderr) = outputs(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("warning: corrupt cache entry for citations of"), "{stderr}");
    assert!(stderr.contains(&victim.display().to_string()), "the message names the file: {stderr}");
    assert_eq!(mock.count("citations"), 1);
    assert_eq!(mock.request_count(), 1);
    let envelope = |bytes: &[u8]| {
        let mut value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        value.as_object_mut().unwrap().remove("fetchedAt");
        value
    };
    let stored = std::fs::read(&victim).unwrap();
    assert!(envelope(&stored) == envelope(&bytes), "the same answer, stored whole again");
}

#[test]
fn a_run_stopped_half_way_continues_where_it_stopped() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let config = fetch_config(&mock, cache.path());
    let (whole, _) = fetch(&PaperList::builtin(), &config).unwrap();
    // As if the run had been killed before these answers came: they are simply not there.
    for file in entries(cache.path(), "references").iter().take(10) {
        std::fs::remove_file(file).unwrap();
    }
    mock.reset_requests();
    let (resumed, report) = fetch(&PaperList::builtin(), &config).unwrap();
    assert_eq!(mock.request_count(), 10);
    assert_eq!((report.requests.made, report.requests.from_cache), (10, 44));
    assert_eq!(resumed.listed, whole.listed);
    assert_eq!(resumed.citations, whole.citations);
    let leftovers =
        walk(cache.path()).into_iter().filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".tmp")).count();
    assert_eq!(leftovers, 0, "no temporary files are left behind");
}

#[test]
fn refresh_fetches_everything_again() {
    let mock = MockS2::start(Universe::builtin_field());
    let cache = tempfile::tempdir().unwrap();
    let (_, _) = fetch(&PaperList::builtin(), &fetch_config(&mock, cache.path())).unwrap();
    mock.reset_requests();
    let config = FetchConfig { refresh: true, ..fetch_config(&mock, cache.path()) };
    let (_, report) = fetch(&PaperList::builtin(), &config).unwrap();
    assert_eq!((mock.request_count(), report.requests.from_cache), (54, 0));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
