//! Stage 2 (fetch): the HTTP client. It turns a [`RequestKey`] into one HTTP request and hands
//! back the raw answer; deciding what an answer means (retry, cache, give up) is the fetcher's job.
//!
//! reqwest with rustls and the ring provider (no OpenSSL), gzip, a 60 s timeout (above the
//! gateway's 30 s, so S2's own 504 arrives first), `citegraph/<version>` as user agent, and the
//! `x-api-key` header only when `S2_API_KEY` is set, marked sensitive so no `Debug` shows it.

use std::time::Duration;

use anyhow::{Context, Result};
use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
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

/// An HTTP answer, before interpretation.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// HTTP status.
    pub status: u16,
    /// `Retry-After`, when sent and readable.
    pub retry_after: Option<Duration>,
    /// The body, decompressed.
    pub body: Vec<u8>,
}

/// The Semantic Scholar HTTP client.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
}

impl Client {
    /// A client for `api_url`, sending `key` when there is one.
    pub fn new(api_url: &Url, key: Option<&ApiKey>) -> Result<Client> {
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
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT);
        if is_loopback(api_url) {
            // A mock on this machine: never route it through HTTP(S)_PROXY.
            builder = builder.no_proxy();
        }
        let http =
            builder.build().context("cannot set up the HTTPS client (are the system CA certificates installed?)")?;
        Ok(Client { http })
    }

    /// Sends the request `key` describes.
    pub async fn send(&self, key: &RequestKey) -> Result<RawResponse, reqwest::Error> {
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
        let response = request.send().await?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, jiff::Timestamp::now()));
        let body = response.bytes().await?.to_vec();
        Ok(RawResponse { status, retry_after, body })
    }
}

/// The URL of a request (the key is never part of it, so it is safe to log).
pub fn url_of(key: &RequestKey) -> Url {
    let base = Url::parse(&key.api).expect("the API URL was validated by the configuration");
    let path = match key.endpoint {
        Endpoint::Batch => "paper/batch".to_owned(),
        Endpoint::Match => "paper/search/match".to_owned(),
        // S2 paper ids are 40 hex digits; ids with `/` (DOIs) would go raw, as S2 expects.
        Endpoint::References => format!("paper/{}/references", key.id.as_deref().unwrap_or_default()),
        Endpoint::Citations => format!("paper/{}/citations", key.id.as_deref().unwrap_or_default()),
        Endpoint::Recommendations => "papers/".to_owned(),
    };
    let mut url = base.join(&path).expect("a relative path always joins");
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
    fn the_key_header_is_hidden_from_debug_output() {
        let key = ApiKey::new("sekrit-debug-key").unwrap();
        let client = Client::new(&Url::parse("http://127.0.0.1:9/").unwrap(), Some(&key)).unwrap();
        assert!(!format!("{client:?}").contains("sekrit-debug-key"));
    }
}
