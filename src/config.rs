//! The validated run configuration: [`Config::from_cli`] checks what the user typed and derives
//! every path and default. No clap type travels past this file.

use std::fmt;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use url::Url;

use crate::cli::{Cli, Command, ListFormat, TableFormat};

/// Every default, in one place: clap shows these in `--help`, and `Config` uses them.
pub mod defaults {
    /// Where Semantic Scholar answers are cached.
    pub const CACHE_DIR: &str = "cache";
    /// Where output files are written.
    pub const OUT_DIR: &str = "output";
    /// The Semantic Scholar Academic Graph API.
    pub const API_URL: &str = "https://api.semanticscholar.org/graph/v1";
    /// The environment variable holding the API key (never a flag, never printed or written).
    pub const API_KEY_ENV: &str = "S2_API_KEY";
    /// Requests per second with a key: S2 grants keys 1 request/s summed over all endpoints.
    pub const RPS_WITH_KEY: f64 = 1.0;
    /// Requests per second without a key: the shared anonymous pool is saturated, so go slower.
    pub const RPS_WITHOUT_KEY: f64 = 0.5;
    /// Rows printed by `rank` and `missing`.
    pub const TOP: usize = 20;
    /// Candidates drawn beside the listed papers in the map and DOT.
    pub const MAP_TOP: usize = 40;
}

/// The Semantic Scholar API key. It has no `Display`, its `Debug` hides it, and it is never
/// serialised: the only way out is [`ApiKey::expose`], for the `x-api-key` header.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Reads `S2_API_KEY`; unset or blank means no key.
    pub fn from_env() -> Option<ApiKey> {
        ApiKey::new(&std::env::var(defaults::API_KEY_ENV).ok()?)
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

/// How chatty the terminal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// `-q`: results and errors only.
    Quiet,
    /// Progress bar, warnings and a summary.
    Normal,
    /// `-v`: also every request.
    Verbose,
}

/// Where the paper list comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListInput {
    /// The built-in list.
    Builtin,
    /// A file, or `-` for stdin.
    Path(PathBuf),
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
}

/// The validated command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    /// `citegraph list`.
    List {
        /// Output format.
        format: ListFormat,
    },
    /// `citegraph fetch`.
    Fetch,
    /// `citegraph build`.
    Build {
        /// Candidates drawn beside the listed papers.
        map_top: usize,
        /// Draw every node.
        full_graph: bool,
    },
    /// `citegraph rank`: the citation graph of the list, from the cache.
    Rank {
        /// Rows to print.
        top: usize,
        /// Output format.
        format: TableFormat,
    },
    /// `citegraph rank --edges FILE`: any edge list, no paper list.
    RankEdges {
        /// Rows to print.
        top: usize,
        /// Output format.
        format: TableFormat,
        /// The edge list.
        path: PathBuf,
    },
    /// `citegraph missing`.
    Missing {
        /// Rows to print.
        top: usize,
        /// Output format.
        format: TableFormat,
    },
    /// `citegraph evaluate`.
    Evaluate {
        /// Output format.
        format: ListFormat,
    },
}

/// Everything a run needs, validated.
#[derive(Debug, Clone)]
pub struct Config {
    /// The paper list to read.
    pub list: ListInput,
    /// Fetch-stage settings.
    pub fetch: FetchConfig,
    /// Output directory.
    pub out_dir: PathBuf,
    /// Terminal chattiness.
    pub verbosity: Verbosity,
    /// What to do.
    pub task: Task,
}

impl Config {
    /// Validates the command line and reads `S2_API_KEY` from the environment.
    pub fn from_cli(cli: Cli) -> Result<Config> {
        Self::from_cli_with_key(cli, ApiKey::from_env())
    }

    /// As [`Config::from_cli`], with the key given (tests use this to stay off the environment).
    pub fn from_cli_with_key(cli: Cli, api_key: Option<ApiKey>) -> Result<Config> {
        let g = cli.global;
        let api_url = parse_api_url(&g.api_url)?;
        let rps = match g.rps {
            Some(rps) if !(rps.is_finite() && rps > 0.0 && rps <= 100.0) => {
                bail!("--rps {rps} is out of range: give a number of requests per second above 0 and at most 100")
            }
            Some(rps) => rps,
            None if api_key.is_some() => defaults::RPS_WITH_KEY,
            None => defaults::RPS_WITHOUT_KEY,
        };
        let verbosity = if g.quiet {
            Verbosity::Quiet
        } else if g.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        };
        let task = match cli.command {
            Command::List { format } => Task::List { format },
            Command::Fetch => Task::Fetch,
            Command::Build { map_top, full_graph } => Task::Build { map_top, full_graph },
            Command::Rank { top, format, edges } => {
                let top = at_least_one(top, "--top")?;
                match edges {
                    Some(path) => Task::RankEdges { top, format, path },
                    None => Task::Rank { top, format },
                }
            }
            Command::Missing { top, format } => Task::Missing { top: at_least_one(top, "--top")?, format },
            Command::Evaluate { format } => Task::Evaluate { format },
        };
        Ok(Config {
            list: g.list.map_or(ListInput::Builtin, ListInput::Path),
            fetch: FetchConfig {
                api_url,
                api_key,
                rps,
                offline: g.offline,
                refresh: g.refresh,
                cache_dir: g.cache_dir,
            },
            out_dir: g.out_dir,
            verbosity,
            task,
        })
    }
}

fn at_least_one(n: usize, flag: &str) -> Result<usize> {
    if n == 0 {
        bail!("{flag} 0 would print nothing: give 1 or more");
    }
    Ok(n)
}

/// Parses the API base URL and makes it end in `/`, so `join("paper/batch")` appends.
fn parse_api_url(raw: &str) -> Result<Url> {
    let mut url = Url::parse(raw.trim())
        .with_context(|| format!("--api-url (or S2_API_URL) `{raw}` is not a URL: give e.g. {}", defaults::API_URL))?;
    if !matches!(url.scheme(), "http" | "https") {
        bail!("--api-url `{raw}` must be an http or https URL");
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn config(args: &[&str], key: Option<&str>) -> Result<Config> {
        let mut argv = vec!["citegraph"];
        argv.extend_from_slice(args);
        let cli = Cli::try_parse_from(argv).map_err(anyhow::Error::from)?;
        Config::from_cli_with_key(cli, key.map(|k| ApiKey(k.to_owned())))
    }

    #[test]
    fn defaults_match_the_documented_ones() {
        // S2_API_URL may be set in the environment of whoever runs the tests.
        let c = config(&["--api-url", defaults::API_URL, "build"], None).unwrap();
        assert_eq!(c.list, ListInput::Builtin);
        assert_eq!(c.fetch.cache_dir, PathBuf::from(defaults::CACHE_DIR));
        assert_eq!(c.out_dir, PathBuf::from(defaults::OUT_DIR));
        assert_eq!(c.fetch.api_url.as_str(), format!("{}/", defaults::API_URL));
        assert_eq!(c.fetch.rps, defaults::RPS_WITHOUT_KEY);
        assert_eq!(c.verbosity, Verbosity::Normal);
        assert_eq!(c.task, Task::Build { map_top: defaults::MAP_TOP, full_graph: false });
        let with_key = config(&["fetch"], Some("secret")).unwrap();
        assert_eq!(with_key.fetch.rps, defaults::RPS_WITH_KEY);
    }

    #[test]
    fn the_key_never_shows_in_debug_output() {
        let c = config(&["fetch"], Some("sekrit-key-123")).unwrap();
        assert!(!format!("{c:?}").contains("sekrit-key-123"));
        assert_eq!(c.fetch.api_key.as_ref().unwrap().expose(), "sekrit-key-123");
    }

    #[test]
    fn bad_values_are_refused_with_the_flag_named() {
        let err = config(&["--rps", "0", "fetch"], None).unwrap_err();
        assert!(format!("{err:#}").contains("--rps"));
        let err = config(&["--api-url", "not a url", "fetch"], None).unwrap_err();
        assert!(format!("{err:#}").contains("--api-url"));
        let err = config(&["missing", "--top", "0"], None).unwrap_err();
        assert!(format!("{err:#}").contains("--top"));
    }

    #[test]
    fn api_url_gains_a_trailing_slash() {
        let c = config(&["--api-url", "http://127.0.0.1:9/graph/v1", "fetch"], None).unwrap();
        assert_eq!(c.fetch.api_url.join("paper/batch").unwrap().as_str(), "http://127.0.0.1:9/graph/v1/paper/batch");
    }
}
