//! Stage 2 (fetch): the HTTP client. It turns a [`RequestKey`] into one HTTP request and hands
//! back the raw answer; deciding what an answer means (retry, cache, give up) is the fetcher's job.
//!
//! reqwest with rustls and the ring provider (no OpenSSL), gzip, a 60 s timeout (above the
//! gateway's 30 s, so S2's own 504 arrives first), `citegraph/<version>` as user agent, and the
//! `x-api-key` header only when `S2_API_KEY` is set, marked sensitive so no `Debug` shows it.
//!
//! It follows no redirect: the real API does not redirect, and a followed redirect would carry the
//! key to whatever host the `Location` names. A 3xx comes back as an answer (with its
//! `Location`) for the fetcher to refuse. Bodies are read as a stream and cut off at a cap
//! ([`MAX_ANSWER_BYTES`] by default), so a hostile or broken server cannot fill the memory.

use std::time::Duration;

use anyhow::{Context, Result};
use reqwest::header::{HeaderMap, HeaderValue, LOCATION, RETRY_AFTER};
use url::Url;

use super::cache::{Endpoint, RequestKey};
use super::options::ApiKey;
use super::throttle::parse_retry_after;

/// Longer than the gateway's own 30 s limit.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Time allowed to open a connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// The user agent: `citegraph/<version>`.
pub const USER_AGENT: &str = concat!("citegraph/", env!("CARGO_PKG_VERSION"));

/// The largest answer read, decompressed: S2 caps its answers at 10 MB, so anything above this
/// is not a Semantic Scholar answer. Reading stops there and the item fails.
pub const MAX_ANSWER_BYTES: u64 = 32 * 1024 * 1024;

/// An HTTP answer, before interpretation.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// HTTP status.
    pub status: u16,
    /// `Retry-After`, when sent and readable.
    pub retry_after: Option<Duration>,
    /// `Location`, on a redirect.
    pub location: Option<String>,
    /// The body, decompressed.
    pub body: Vec<u8>,
}

/// Why a request got no answer.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Nothing (or nothing complete) came back: connection, timeout, protocol.
    #[error("{}", describe_transport_error(.0))]
    Transport(reqwest::Error),
    /// The answer is larger than the cap; reading stopped there.
    #[error("the answer is larger than {}, far above Semantic Scholar's 10 MB cap on answers; \
             citegraph stopped reading it (check --api-url)", binary_size(*.limit))]
    TooLarge {
        /// The cap, in bytes.
        limit: u64,
    },
}

/// The Semantic Scholar HTTP client.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    max_answer: u64,
}

impl Client {
    /// A client for `api_url`, sending `key` when there is one, reading answers up to
    /// `max_answer` bytes.
    pub fn new(api_url: &Url, key: Option<&ApiKey>, max_answer: u64) -> Result<Client> {
        // reqwest is built without a default crypto provider: install ring once per process
        // (a second install fails harmlessly).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut headers = HeaderMap::new();
        if let Some(key) = key {
            let mut value = HeaderValue::from_str(key.expose())
                .context("S2_API_KEY holds characters an HTTP header cannot carry: check its value")?;
            value.set_sensitive(true);
            headers.insert("x-api-key", value);
        }
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .default_headers(headers)
            .gzip(true)
            // Never follow: a redirect would take the key header to the host it names.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT);
        if is_loopback(api_url) {
            // A mock on this machine: never route it through HTTP(S)_PROXY.
            builder = builder.no_proxy();
        }
        let http =
            builder.build().context("cannot set up the HTTPS client (are the system CA certificates installed?)")?;
        Ok(Client { http, max_answer })
    }

    /// Sends the request `key` describes.
    pub async fn send(&self, key: &RequestKey) -> Result<RawResponse, SendError> {
        let url = url_of(key);
        let request = match key.endpoint {
            Endpoint::Batch => {
                let ids = key.ids.as_deref().unwrap_or_default();
                self.http.post(url).json(&serde_json::json!({ "ids": ids }))
            }
            Endpoint::Match | Endpoint::References | Endpoint::Citations => self.http.get(url),
            Endpoint::Recommendations => {
                let (negative, positive): (Vec<&String>, Vec<&String>) =
                    key.ids.iter().flatten().partition(|id| id.starts_with(super::cache::NEGATIVE_MARK));
                let negative: Vec<&str> =
                    negative.iter().map(|id| id.trim_start_matches(super::cache::NEGATIVE_MARK)).collect();
                self.http
                    .post(url)
                    .json(&serde_json::json!({ "positivePaperIds": positive, "negativePaperIds": negative }))
            }
        };
        let mut response = request.send().await.map_err(SendError::Transport)?;
        let status = response.status().as_u16();
        let headers = response.headers();
        let retry_after = headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, jiff::Timestamp::now()));
        let location = headers.get(LOCATION).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let too_large = SendError::TooLarge { limit: self.max_answer };
        // Content-Length counts compressed bytes: a hint only, the stream is counted as well.
        if response.content_length().is_some_and(|n| n > self.max_answer) {
            return Err(too_large);
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(SendError::Transport)? {
            if (body.len() + chunk.len()) as u64 > self.max_answer {
                return Err(too_large);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawResponse { status, retry_after, location, body })
    }
}

/// `32 MiB`, `256 KiB` or `1000 bytes`.
fn binary_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    if bytes >= KIB * KIB && bytes.is_multiple_of(KIB * KIB) {
        format!("{} MiB", bytes / (KIB * KIB))
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// The URL of a request (the key is never part of it, so it is safe to log).
pub fn url_of(key: &RequestKey) -> Url {
    let mut url = Url::parse(&key.api).expect("the API URL was validated by the configuration");
    {
        // Each part a segment of its own, percent-encoded: no id can add a segment, climb with
        // `..` or start a query. (The fetcher also refuses any path id that is not 40 hex.)
        let mut segments = url.path_segments_mut().expect("an http(s) URL has a path");
        segments.pop_if_empty();
        let id = key.id.as_deref().unwrap_or_default();
        match key.endpoint {
            Endpoint::Batch => segments.extend(["paper", "batch"]),
            Endpoint::Match => segments.extend(["paper", "search", "match"]),
            Endpoint::References => segments.extend(["paper", id, "references"]),
            Endpoint::Citations => segments.extend(["paper", id, "citations"]),
            // The recommendations API: `POST {base}/papers/`.
            Endpoint::Recommendations => segments.extend(["papers", ""]),
        };
    }
    {
        let mut query = url.query_pairs_mut();
        if let Some(q) = &key.query {
            query.append_pair("query", q);
        }
        if let Some(offset) = key.offset {
            query.append_pair("offset", &offset.to_string());
        }
        if let Some(limit) = key.limit {
            query.append_pair("limit", &limit.to_string());
        }
        query.append_pair("fields", &key.fields);
    }
    url
}

/// A transport error with its causes, on one line.
pub fn describe_transport_error(err: &reqwest::Error) -> String {
    let what = if err.is_timeout() {
        "timed out"
    } else if err.is_connect() {
        "could not connect"
    } else {
        "transport error"
    };
    let mut text = format!("{what}: {err}");
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(endpoint: Endpoint) -> RequestKey {
        RequestKey {
            api: "http://127.0.0.1:9/graph/v1/".into(),
            endpoint,
            id: Some("5f5fab".into()),
            query: Some("Self-Consuming Models Go MAD".into()),
            fields: "title,year".into(),
            offset: Some(1000),
            limit: Some(1000),
            ids: None,
        }
    }

    #[test]
    fn urls_carry_the_path_and_query_of_each_endpoint() {
        let refs = url_of(&RequestKey { query: None, ..key(Endpoint::References) });
        assert_eq!(
            refs.as_str(),
            "http://127.0.0.1:9/graph/v1/paper/5f5fab/references?offset=1000&limit=1000&fields=title%2Cyear"
        );
        let found = url_of(&RequestKey { id: None, offset: None, limit: None, ..key(Endpoint::Match) });
        assert_eq!(
            found.as_str(),
            "http://127.0.0.1:9/graph/v1/paper/search/match?query=Self-Consuming+Models+Go+MAD&fields=title%2Cyear"
        );
    }

    #[test]
    fn an_id_in_a_path_is_one_percent_encoded_segment() {
        let url = url_of(&RequestKey { id: Some("../../batch?x=#y".into()), query: None, ..key(Endpoint::Citations) });
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:9/graph/v1/paper/..%2F..%2Fbatch%3Fx=%23y/citations?offset=1000&limit=1000&fields=title%2Cyear"
        );
    }

    #[test]
    fn the_key_header_is_hidden_from_debug_output() {
        let key = ApiKey::new("sekrit-debug-key").unwrap();
        let client = Client::new(&Url::parse("http://127.0.0.1:9/").unwrap(), Some(&key), MAX_ANSWER_BYTES).unwrap();
        assert!(!format!("{client:?}").contains("sekrit-debug-key"));
    }
}
