//! Stage 2 (fetch): one answer per request key, from the cache when it has it, otherwise from
//! Semantic Scholar: paced by the throttle, retried when the failure is worth retrying, stored
//! when it is a 200 or a definitive 404 (what each status means is [`super::status`]'s call).

use std::time::Duration;

use serde::Serialize;

use super::api::{check_answer, check_request};
use super::cache::{CACHE_VERSION, Cache, Endpoint, Entry, Lookup, RequestKey};
use super::client::{Client, RawResponse, SendError, describe_transport_error, url_of};
use super::status::{self, Status};
use super::throttle::{RetryPolicy, Throttle};
use super::{FetchConfig, FetchOptions};
use crate::terminal::Progress;
use crate::wording::plural;

/// Connection failures in a row, before anything has answered in this run, that stop the run.
pub const UNREACHABLE_AFTER: u32 = 3;

/// What an endpoint answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A 200 with a JSON body.
    Found(serde_json::Value),
    /// A definitive 404 (`{"error": ...}`): the paper or title is not on Semantic Scholar.
    NotFound(String),
}

/// Why a request produced no answer. The caller branches on these: a refused key or a cache
/// that cannot be written stops the run; the rest fail one item.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// 403: the key was refused (or, without a key, the URL is not the API).
    #[error("{0}")]
    Forbidden(String),
    /// The API URL answered with a redirect, which citegraph does not follow.
    #[error("{0}")]
    Redirected(String),
    /// The answer was larger than citegraph reads ([`super::client::MAX_ANSWER_BYTES`]).
    #[error("{0}")]
    TooLarge(String),
    /// Nothing answers at the API URL.
    #[error(
        "cannot reach Semantic Scholar at {0}: check the network and --api-url, \
         or use --offline (cached answers only) or `citegraph demo` (synthetic data)"
    )]
    Unreachable(String),
    /// `--offline` and the answer is not cached.
    #[error("not in the cache")]
    NotCached,
    /// A status that retrying will not change (400, 401, an unexpected 404, ...).
    #[error("Semantic Scholar answered {status}: {message}")]
    Rejected {
        /// HTTP status.
        status: u16,
        /// The error text of the body, or a description of it.
        message: String,
    },
    /// Every try failed with a retryable error.
    #[error("gave up after {tries} {}; the last one: {last}", plural(u64::from(*.tries), "try"))]
    GaveUp {
        /// Tries made.
        tries: u32,
        /// The last failure.
        last: String,
    },
    /// A 200 whose JSON has a shape citegraph cannot read.
    #[error("Semantic Scholar answered with JSON citegraph cannot read: {0}")]
    Unreadable(String),
    /// A request citegraph refuses to send: an id of an undocumented form, or one that is not a
    /// paper id in a path.
    #[error("refused to send the request: {0}")]
    BadId(String),
    /// The cache could not be written.
    #[error("{0:#}")]
    Cache(anyhow::Error),
}

impl FetchError {
    /// Whether this error must stop the whole run rather than one item (a refused key, an API
    /// that cannot be reached at all, a cache that cannot be written).
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            FetchError::Forbidden(_) | FetchError::Redirected(_) | FetchError::Unreachable(_) | FetchError::Cache(_)
        )
    }
}

/// Requests of one run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestStats {
    /// HTTP requests sent, retries included.
    pub made: u64,
    /// Of those, retries.
    pub retried: u64,
    /// Answers served from the cache instead.
    pub from_cache: u64,
}

/// Cache + client + throttle + retries, and what they did.
pub struct Fetcher<'a> {
    cache: Cache,
    client: Option<Client>,
    refresh: bool,
    api_key_set: bool,
    answered: bool,
    other_version_said: bool,
    throttle: Throttle,
    policy: RetryPolicy,
    rng: fastrand::Rng,
    progress: &'a Progress,
    /// Requests so far.
    pub stats: RequestStats,
    /// The newest fetch time among the answers used.
    pub newest: Option<jiff::Timestamp>,
    /// With `--offline`: what was needed and not cached.
    pub not_cached: Vec<String>,
}

/// What a failed try means.
enum Failure {
    Retry { why: String, retry_after: Option<Duration> },
    Stop(FetchError),
}

impl<'a> Fetcher<'a> {
    /// A fetcher for `config`; offline it has no client, so nothing ever connects.
    pub fn new(config: &FetchConfig, options: &FetchOptions, progress: &'a Progress) -> anyhow::Result<Self> {
        let client = if config.offline {
            None
        } else {
            Some(Client::new(&config.api_url, config.api_key.as_ref(), options.max_answer)?)
        };
        crate::atomic_file::tidy_dir(&config.cache_dir, "--cache-dir", crate::atomic_file::STALE_AFTER)?;
        Ok(Fetcher {
            cache: Cache::new(&config.cache_dir),
            client,
            refresh: config.refresh,
            api_key_set: config.api_key.is_some(),
            answered: false,
            other_version_said: false,
            throttle: Throttle::new(config.rps),
            policy: options.retry.clone(),
            rng: options.seed.map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed),
            progress,
            stats: RequestStats::default(),
            newest: None,
            not_cached: Vec::new(),
        })
    }

    /// The answer to `key`; `label` names it for people ("citations of “Title”").
    pub async fn fetch(&mut self, key: &RequestKey, label: &str) -> Result<Answer, FetchError> {
        check_request(key).map_err(FetchError::BadId)?;
        if !self.refresh {
            let lookup = match self.cache.read(key) {
                Lookup::Hit(entry) if entry.status == 200 => match check_answer(key, &entry.body) {
                    Ok(()) => Lookup::Hit(entry),
                    Err(why) => Lookup::Corrupt(format!(
                        "{} holds an answer citegraph cannot read ({why})",
                        self.cache.path_of(key).display()
                    )),
                },
                lookup => lookup,
            };
            match lookup {
                Lookup::Hit(entry) => {
                    self.stats.from_cache += 1;
                    self.progress.detail(format_args!("cached {}", url_of(key)));
                    return Ok(self.use_entry(entry));
                }
                Lookup::Miss => {}
                Lookup::OtherVersion(version) if self.client.is_none() => {
                    self.not_cached.push(format!(
                        "{label} (the cache holds it from another version of citegraph, cache format {version})"
                    ));
                    return Err(FetchError::NotCached);
                }
                Lookup::OtherVersion(version) if !self.other_version_said => {
                    self.other_version_said = true;
                    self.progress.warn(format_args!(
                        "the cache holds answers from another version of citegraph (cache format {version}; \
                         this one reads format {CACHE_VERSION}): fetching them again"
                    ));
                }
                Lookup::OtherVersion(_) => {
                    self.progress.detail(format_args!("{label}: cached by another version of citegraph"));
                }
                Lookup::Corrupt(reason) if self.client.is_some() => {
                    self.progress.warn(format_args!("corrupt cache entry for {label}: {reason}; fetching it again"));
                }
                Lookup::Corrupt(reason) => {
                    self.progress.warn(format_args!("corrupt cache entry for {label}: {reason}"));
                }
            }
        }
        let Some(client) = self.client.clone() else {
            self.not_cached.push(label.to_owned());
            return Err(FetchError::NotCached);
        };
        let url = url_of(key);
        let mut last = String::new();
        for attempt in 1..=self.policy.max_tries {
            self.throttle.wait().await;
            self.stats.made += 1;
            if attempt > 1 {
                self.stats.retried += 1;
            }
            let method =
                if matches!(key.endpoint, Endpoint::Batch | Endpoint::Recommendations) { "POST" } else { "GET" };
            let started = tokio::time::Instant::now();
            let result = client.send(key).await;
            let took = started.elapsed().as_secs_f64();
            let failure = match result {
                Ok(response) => {
                    self.answered = true;
                    let pace = self.throttle.interval().as_secs_f64();
                    self.progress
                        .detail(format_args!("{method} {url} -> {} ({took:.2} s; pace {pace:.3} s)", response.status));
                    match self.interpret(key, response) {
                        Ok(answer) => return Ok(self.throttle.answered_with(answer)),
                        Err(failure) => failure,
                    }
                }
                Err(err @ SendError::TooLarge { .. }) => {
                    // Retrying would read the same flood again.
                    self.progress.detail(format_args!("{method} {url} -> too large ({took:.2} s)"));
                    return Err(FetchError::TooLarge(err.to_string()));
                }
                Err(SendError::Transport(err)) => {
                    let why = describe_transport_error(&err);
                    self.progress.detail(format_args!("{method} {url} -> {why} ({took:.2} s)"));
                    if err.is_connect() && !self.answered && attempt >= UNREACHABLE_AFTER {
                        // Nothing has answered in this run: no network, or a wrong --api-url.
                        // Stop rather than retry every item for minutes.
                        // The message keeps only the innermost cause (-v logs all of it).
                        let cause = why.rsplit(": ").next().unwrap_or(&why);
                        return Err(FetchError::Unreachable(format!("{} ({cause})", key.api)));
                    }
                    Failure::Retry { why, retry_after: None }
                }
            };
            match failure {
                Failure::Stop(err) => return Err(err),
                Failure::Retry { why, retry_after } => {
                    last = why;
                    if attempt < self.policy.max_tries {
                        let delay = self.policy.delay(attempt, retry_after, &mut self.rng);
                        self.progress.detail(format_args!(
                            "  {last}; retrying {label} in {:.1} s (try {} of {})",
                            delay.as_secs_f64(),
                            attempt + 1,
                            self.policy.max_tries
                        ));
                        tokio::time::sleep(delay).await;
                    }
                }
            }
        }
        Err(FetchError::GaveUp { tries: self.policy.max_tries, last })
    }

    /// Acts on what one HTTP answer means ([`status::decode`]): stores the answers worth
    /// keeping, slows down on a 429, and says whether to retry or stop.
    fn interpret(&mut self, key: &RequestKey, response: RawResponse) -> Result<Answer, Failure> {
        match status::decode(response) {
            Status::Found(body) => match check_answer(key, &body) {
                Ok(()) => self.store(key, 200, body).map(Answer::Found).map_err(Failure::Stop),
                // Never cached: a rerun would fail on it again without asking.
                Err(why) => Err(Failure::Retry {
                    why: format!("200 with an answer citegraph cannot read: {why}"),
                    retry_after: None,
                }),
            },
            Status::NotFound(error) => {
                self.store(key, 404, serde_json::json!({ "error": error })).map_err(Failure::Stop)?;
                Ok(Answer::NotFound(error))
            }
            Status::Forbidden(text) => {
                let message = if self.api_key_set {
                    format!(
                        "Semantic Scholar refused the API key in S2_API_KEY (403 Forbidden: {text}); \
                         check the key, or unset S2_API_KEY to use the shared anonymous pool"
                    )
                } else {
                    format!("Semantic Scholar answered 403 Forbidden ({text}) without an API key; check --api-url")
                };
                Err(Failure::Stop(FetchError::Forbidden(message)))
            }
            Status::TooManyRequests { retry_after } => {
                self.throttle.slow_down();
                Err(Failure::Retry { why: "429 Too Many Requests".to_owned(), retry_after })
            }
            Status::Transient { why, retry_after } => Err(Failure::Retry { why, retry_after }),
            Status::Redirected { status, location } => {
                let to = location.map_or_else(|| "no Location".to_owned(), |l| format!("Location: {l}"));
                Err(Failure::Stop(FetchError::Redirected(format!(
                    "{} answered {status}, a redirect ({to}); citegraph does not follow redirects, so that the \
                     API key never reaches another host: check --api-url",
                    key.api
                ))))
            }
            Status::Rejected { status, message } => Err(Failure::Stop(FetchError::Rejected { status, message })),
        }
    }

    fn store(
        &mut self,
        key: &RequestKey,
        status: u16,
        body: serde_json::Value,
    ) -> Result<serde_json::Value, FetchError> {
        let entry = Entry { fetched_at: jiff::Timestamp::now(), status, body };
        self.cache.write(key, &entry).map_err(FetchError::Cache)?;
        super::interrupt::stored();
        self.newest = self.newest.max(Some(entry.fetched_at));
        Ok(entry.body)
    }

    /// Whether an earlier run learnt that `key`'s answer would exceed Semantic Scholar's 10 MB
    /// cap, so that a warm (or `--offline`) run splits the request at once instead of asking again.
    pub fn known_too_large(&self, key: &RequestKey) -> bool {
        !self.refresh && matches!(self.cache.read(&too_large_key(key)), Lookup::Hit(_))
    }

    /// Remembers in the cache that `key`'s answer would exceed the 10 MB cap.
    pub fn remember_too_large(&mut self, key: &RequestKey) -> Result<(), FetchError> {
        let entry = Entry {
            fetched_at: jiff::Timestamp::now(),
            status: 200,
            body: serde_json::json!({ "error": "Response would exceed maximum size" }),
        };
        self.cache.write(&too_large_key(key), &entry).map_err(FetchError::Cache)
    }

    fn use_entry(&mut self, entry: Entry) -> Answer {
        self.newest = self.newest.max(Some(entry.fetched_at));
        if entry.status == 200 {
            Answer::Found(entry.body)
        } else {
            Answer::NotFound(entry.body.get("error").and_then(serde_json::Value::as_str).unwrap_or_default().to_owned())
        }
    }
}

/// The cache key under which "this request's answer is too large" is remembered.
fn too_large_key(key: &RequestKey) -> RequestKey {
    RequestKey { fields: format!("{}#too-large", key.fields), ..key.clone() }
}
