//! Test support shared by the integration tests: the fixture universe (synthetic), the loopback
//! HTTP server and the Semantic Scholar mock it serves, the corpus the fetch stage would make of
//! it, and helpers. Each test file uses only part of it.
#![allow(dead_code)]

pub mod exports;
pub mod golden;
pub mod loopback;
pub mod mock_s2;
pub mod pictures;
pub mod universe;
pub mod universe_corpus;
pub mod universe_hard;

use std::path::{Path, PathBuf};
use std::time::Duration;

use citegraph::model::Corpus;
use citegraph::paper_list::{ListSource, PaperList, parse_markdown};
use citegraph::s2::FetchConfig;
use citegraph::s2::{self, FetchOptions, FetchReport, Progress, RetryPolicy};

use mock_s2::MockS2;

/// Path of a file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join(name)
}

/// The `citegraph` binary, with the S2 environment cleared so the caller's settings never leak in.
pub fn citegraph() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("citegraph").expect("the citegraph binary is built by cargo test");
    cmd.env_remove("S2_API_KEY").env_remove("S2_API_URL").env_remove("HTTPS_PROXY").env_remove("HTTP_PROXY");
    cmd
}

/// A paper list from Markdown text.
pub fn list_from(markdown: &str) -> PaperList {
    parse_markdown(ListSource::Stdin, markdown)
}

/// The fetch settings of a library-level test: the mock's URL, this cache, no key, a fast pace.
pub fn fetch_config(mock: &MockS2, cache: &Path) -> FetchConfig {
    FetchConfig {
        api_url: url::Url::parse(&format!("{}/", mock.api_url())).unwrap(),
        api_key: None,
        rps: 1000.0,
        offline: false,
        refresh: false,
        cache_dir: cache.to_path_buf(),
        depth: 1,
        recommendations_url: None,
        negatives: Vec::new(),
    }
}

/// Retries with millisecond backoff and a fixed jitter seed: no test sleeps for real.
pub fn fast_options() -> FetchOptions {
    FetchOptions {
        retry: RetryPolicy {
            max_tries: 7,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(4),
            max_retry_after: Duration::from_millis(4),
        },
        seed: Some(7),
        ..FetchOptions::default()
    }
}

/// Runs the fetch stage in-process, silently.
pub fn fetch(list: &PaperList, config: &FetchConfig) -> anyhow::Result<(Corpus, FetchReport)> {
    s2::fetch_corpus_with(list, config, &fast_options(), &Progress::silent())
}

/// `citegraph` aimed at the mock with this cache, at the fastest pace `--rps` allows.
pub fn citegraph_on(mock: &MockS2, cache: &Path) -> assert_cmd::Command {
    let mut cmd = citegraph();
    cmd.arg("--api-url").arg(mock.api_url()).arg("--cache-dir").arg(cache).args(["--rps", "100"]);
    cmd
}

/// Stdout and stderr of a finished command, as text.
pub fn outputs(output: &std::process::Output) -> (String, String) {
    (String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned())
}
