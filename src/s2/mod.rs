//! Stage 2: [`PaperList`] -> [`Corpus`], through the Semantic Scholar Academic Graph API and the
//! on-disk cache.
//!
//! This file is the stage's entry. `assemble` builds the corpus and the report: [`resolve`] finds
//! each listed paper (batch by id, then title match), [`edges`] pages its references and
//! citations, [`fetcher`] answers each request from the [`cache`] or through the [`client`], paced
//! and retried by [`throttle`], with [`status`] saying what each HTTP status means; [`api`] holds
//! the response shapes, [`options`] the stage's settings, [`report`] the account of the run,
//! [`interrupt`] what Ctrl-C says.
//! One request is in flight at a time.

pub mod api;
mod assemble;
pub mod cache;
pub mod client;
pub mod discovery;
pub mod edges;
pub mod fetcher;
pub mod interrupt;
pub mod options;
pub mod report;
pub mod resolve;
pub mod status;
pub mod throttle;

use anyhow::{Context, Result, bail};

pub use crate::terminal::Progress;
pub use fetcher::RequestStats;
pub use options::{ApiKey, FetchConfig};
pub use report::{FetchReport, UnresolvedPaper};
pub use throttle::RetryPolicy;

use self::fetcher::Fetcher;
use crate::model::Corpus;
use crate::paper_list::PaperList;
use crate::terminal::Console;
use crate::wording::{plural, summarise};

/// Knobs that are not user options: the retry policy, the jitter seed and the answer size cap
/// (tests make backoff instant and reproducible with them, and the cap small).
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// How failed requests are retried.
    pub retry: RetryPolicy,
    /// Seed of the backoff jitter; random when `None`.
    pub seed: Option<u64>,
    /// The largest answer read, in bytes ([`client::MAX_ANSWER_BYTES`] by default).
    pub max_answer: u64,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions { retry: RetryPolicy::default(), seed: None, max_answer: client::MAX_ANSWER_BYTES }
    }
}

/// Runs the fetch stage: resolves every listed paper and fetches the references and citations of
/// each, from the cache where it can and from Semantic Scholar otherwise (never with
/// `--offline`). Shows a progress bar on a terminal.
///
/// Papers S2 does not have and listings that failed are in the report; a refused API key, a cache
/// that cannot be written, or (offline) answers missing from the cache are errors.
pub fn fetch_corpus(list: &PaperList, config: &FetchConfig, console: &Console) -> Result<(Corpus, FetchReport)> {
    fetch_corpus_with(list, config, &FetchOptions::default(), &Progress::new(console))
}

/// [`fetch_corpus`] with explicit options and progress display.
pub fn fetch_corpus_with(
    list: &PaperList,
    config: &FetchConfig,
    options: &FetchOptions,
    progress: &Progress,
) -> Result<(Corpus, FetchReport)> {
    let (corpus, report, not_cached) = run(list, config, options, progress)?;
    if !not_cached.is_empty() {
        let n = not_cached.len() as u64;
        bail!(
            "--offline: {n} {} this list needs {} not in the cache directory {}: {}; run without --offline to fetch them",
            plural(n, "answer"),
            if n == 1 { "is" } else { "are" },
            config.cache_dir.display(),
            summarise(&not_cached)
        );
    }
    Ok((corpus, report))
}

/// The corpus as the cache holds it, for commands that read it (`rank`, `missing`, `evaluate`):
/// never connects, and fails naming what is missing when an earlier `citegraph fetch` did not
/// fetch everything this list needs.
pub fn corpus_from_cache(list: &PaperList, config: &FetchConfig) -> Result<(Corpus, FetchReport)> {
    let offline = FetchConfig { offline: true, refresh: false, ..config.clone() };
    let (corpus, report, not_cached) = run(list, &offline, &FetchOptions::default(), &Progress::silent())?;
    if !not_cached.is_empty() {
        bail!(
            "the cache directory {} lacks {} {} for this list ({}): run `citegraph fetch` first (with the same --list and --api-url)",
            config.cache_dir.display(),
            not_cached.len(),
            plural(not_cached.len() as u64, "answer"),
            summarise(&not_cached)
        );
    }
    Ok((corpus, report))
}

fn run(
    list: &PaperList,
    config: &FetchConfig,
    options: &FetchOptions,
    progress: &Progress,
) -> Result<(Corpus, FetchReport, Vec<String>)> {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().context("cannot start the async runtime")?;
    let mut fetcher = Fetcher::new(config, options, progress)?;
    let _interruptible = (!config.offline).then(|| interrupt::FetchGuard::start(&config.cache_dir));
    let result = runtime.block_on(async {
        let (mut corpus, mut report) = assemble::gather(list, config.api_url.as_str(), &mut fetcher, progress).await?;
        if config.depth >= 2 {
            discovery::discover(&mut corpus, &mut report, config, &config.negatives, &mut fetcher, progress).await?;
        }
        Ok::<_, fetcher::FetchError>((corpus, report))
    });
    progress.finish();
    let (mut corpus, mut report) = result.map_err(anyhow::Error::new)?;
    report.requests = fetcher.stats;
    corpus.fetched_at = fetcher.newest;
    Ok((corpus, report, fetcher.not_cached))
}
