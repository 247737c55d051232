//! Stage 2's options: where to fetch from, how fast, with which key, and where the cache is.
//! `config.rs` builds them from the command line; the stage reads nothing else of it.

use std::fmt;
use std::path::PathBuf;

use url::Url;

use crate::defaults;
use crate::terminal::{Console, Verbosity};

/// The Semantic Scholar API key. It has no `Display`, its `Debug` hides it, and it is never
/// serialised: the only way out is [`ApiKey::expose`], for the `x-api-key` header.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Reads `S2_API_KEY`; unset or blank means no key. A value that is not valid UTF-8 cannot
    /// be an API key: it is ignored, with a warning on stderr (that never shows the value).
    pub fn from_env() -> Option<ApiKey> {
        match std::env::var(defaults::API_KEY_ENV) {
            Ok(value) => ApiKey::new(&value),
            Err(std::env::VarError::NotPresent) => None,
            Err(std::env::VarError::NotUnicode(_)) => {
                Console::new(Verbosity::Normal).warn(format_args!(
                    "{} is not valid UTF-8, so it is ignored: running without an API key (the shared \
                     anonymous pool); check the variable's value",
                    defaults::API_KEY_ENV
                ));
                None
            }
        }
    }

    /// A key from its value (surrounding blanks trimmed); blank means no key.
    pub fn new(value: &str) -> Option<ApiKey> {
        let key = value.trim();
        (!key.is_empty()).then(|| ApiKey(key.to_owned()))
    }

    /// The key itself, for the request header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

/// Settings of the fetch stage.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// API base URL, always ending in `/` so that `join` appends.
    pub api_url: Url,
    /// The key, when `S2_API_KEY` is set.
    pub api_key: Option<ApiKey>,
    /// Requests per second.
    pub rps: f64,
    /// Use only the cache; never connect.
    pub offline: bool,
    /// Ignore cached answers and fetch again.
    pub refresh: bool,
    /// The cache directory.
    pub cache_dir: PathBuf,
    /// How deep discovery goes: 1 = direct links only (the listings); 2 or more adds the
    /// discovery phase (nested references, embeddings, recommendations).
    pub depth: u32,
    /// The recommendations API base URL; `None`: derived from `api_url` (a final `/graph/v1`
    /// becomes `/recommendations/v1`).
    pub recommendations_url: Option<Url>,
    /// Papers the recommendations steer away from (`negativePaperIds`): the curator's rejected
    /// papers, as ids of the forms the API documents (`<40 hex>`, `ARXIV:…`, `DOI:…`).
    pub negatives: Vec<String>,
}

impl FetchConfig {
    /// The recommendations API base URL, ending in `/`: the one given, else `api_url` with its
    /// final `/graph/v1` replaced by `/recommendations/v1` (else `recommendations/v1/` under it).
    pub fn recommendations_base(&self) -> Url {
        if let Some(url) = &self.recommendations_url {
            return url.clone();
        }
        let mut url = self.api_url.clone();
        let path = url.path().trim_end_matches('/');
        let base = path.strip_suffix("/graph/v1").unwrap_or(path);
        let new = format!("{base}/recommendations/v1/");
        url.set_path(&new);
        url
    }
}
