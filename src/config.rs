//! The validated run configuration: [`Config::from_cli`] checks what the user typed and derives
//! every path and default. No clap type travels past this file: it builds each stage's own
//! options ([`FetchConfig`]) and the printers' own formats from what clap parsed.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use url::Url;

use crate::cli::{self, Cli, Command};
use crate::console::{ListFormat, TableFormat};
use crate::defaults;
use crate::s2::{ApiKey, FetchConfig};
use crate::terminal::Verbosity;

/// Where the paper list comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListInput {
    /// The built-in list.
    Builtin,
    /// A file, or `-` for stdin.
    Path(PathBuf),
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
            Command::List { format } => Task::List { format: list_format(format) },
            Command::Fetch => Task::Fetch,
            Command::Build { map_top, full_graph } => Task::Build { map_top, full_graph },
            Command::Rank { top, format, edges } => {
                let top = at_least_one(top, "--top")?;
                let format = table_format(format);
                match edges {
                    Some(path) => Task::RankEdges { top, format, path },
                    None => Task::Rank { top, format },
                }
            }
            Command::Missing { top, format } => {
                Task::Missing { top: at_least_one(top, "--top")?, format: table_format(format) }
            }
            Command::Evaluate { format } => Task::Evaluate { format: list_format(format) },
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
                depth: g.depth,
                recommendations_url: g
                    .recommendations_url
                    .as_deref()
                    .map(|raw| parse_api_url(raw).context("--recommendations-url (or S2_RECOMMENDATIONS_URL)"))
                    .transpose()?,
            },
            out_dir: g.out_dir,
            verbosity,
            task,
        })
    }
}

/// The printers' format for what clap parsed.
fn list_format(format: cli::ListFormat) -> ListFormat {
    match format {
        cli::ListFormat::Table => ListFormat::Table,
        cli::ListFormat::Json => ListFormat::Json,
    }
}

/// The printers' format for what clap parsed.
fn table_format(format: cli::TableFormat) -> TableFormat {
    match format {
        cli::TableFormat::Table => TableFormat::Table,
        cli::TableFormat::Json => TableFormat::Json,
        cli::TableFormat::Csv => TableFormat::Csv,
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
        Config::from_cli_with_key(cli, key.and_then(ApiKey::new))
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
        let rank = config(&["rank"], None).unwrap();
        assert_eq!(rank.task, Task::Rank { top: defaults::TOP, format: TableFormat::Table });
        let missing = config(&["missing"], None).unwrap();
        assert_eq!(missing.task, Task::Missing { top: defaults::TOP, format: TableFormat::Table });
    }

    #[test]
    fn the_stages_take_their_defaults_from_the_one_place() {
        use crate::export::{missing_md, rankings_md};
        use crate::picture::layout::LayoutParams;
        use crate::rank::{BetweennessOptions, CandidateOptions, HitsOptions, PageRankOptions, RankOptions};

        assert_eq!(rankings_md::TOP, defaults::RANKINGS_MD_TOP);
        assert_eq!(missing_md::TOP, defaults::MISSING_MD_TOP);
        let expected = RankOptions {
            pagerank: PageRankOptions {
                damping: defaults::PAGERANK_DAMPING,
                tolerance: defaults::PAGERANK_TOLERANCE,
                max_iterations: defaults::PAGERANK_MAX_ITERATIONS,
            },
            hits: HitsOptions { tolerance: defaults::HITS_TOLERANCE, max_iterations: defaults::HITS_MAX_ITERATIONS },
            betweenness: BetweennessOptions {
                exact_limit: defaults::BETWEENNESS_EXACT_LIMIT,
                samples: defaults::BETWEENNESS_SAMPLES,
                seed: defaults::BETWEENNESS_SEED,
            },
            candidates: CandidateOptions { degree_prior: defaults::DEGREE_PRIOR },
        };
        assert_eq!(RankOptions::default(), expected);
        let layout = LayoutParams {
            iterations: defaults::LAYOUT_ITERATIONS,
            scaling: defaults::LAYOUT_SCALING,
            gravity: defaults::LAYOUT_GRAVITY,
            lin_log: defaults::LAYOUT_LIN_LOG,
            theta: defaults::LAYOUT_THETA,
            exact_up_to: defaults::LAYOUT_EXACT_UP_TO,
            seed: defaults::LAYOUT_SEED,
        };
        assert_eq!(LayoutParams::default(), layout);
    }

    #[test]
    fn the_formats_become_the_printers_own() {
        let c = config(&["list", "--format", "json"], None).unwrap();
        assert_eq!(c.task, Task::List { format: ListFormat::Json });
        let c = config(&["evaluate", "--format", "json"], None).unwrap();
        assert_eq!(c.task, Task::Evaluate { format: ListFormat::Json });
        let c = config(&["missing", "--format", "csv"], None).unwrap();
        assert_eq!(c.task, Task::Missing { top: defaults::TOP, format: TableFormat::Csv });
        let c = config(&["rank", "--format", "json", "--edges", "e.txt"], None).unwrap();
        assert_eq!(c.task, Task::RankEdges { top: defaults::TOP, format: TableFormat::Json, path: "e.txt".into() });
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
