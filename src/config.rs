//! The validated run configuration: [`Config::from_cli`] checks what the user typed and derives
//! every path and default. No clap type travels past this file: it builds each stage's own
//! options ([`FetchConfig`]) and the printers' own formats from what clap parsed.

use std::path::PathBuf;

use anyhow::{Context, Result};
use url::Url;

use crate::cli::{self, Cli, Command};
use crate::console::diff::DiffFormat;
use crate::console::lint::LintFormat;
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
        /// The pictures' title, when the user gives one.
        title: Option<String>,
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
    /// `citegraph demo`: every output of synthetic data into this directory (`None`: a new
    /// temporary one, kept).
    Demo {
        /// `--out-dir`, when given.
        out_dir: Option<PathBuf>,
    },
    /// `citegraph completions SHELL`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// `citegraph man`.
    Man,
    /// `citegraph lint`.
    Lint {
        /// Output format.
        format: LintFormat,
    },
    /// `citegraph add`.
    Add {
        /// Candidate ranks, S2 ids, arXiv ids or DOIs.
        ids: Vec<String>,
        /// `--section`.
        section: Option<String>,
        /// Print the diff only.
        dry_run: bool,
    },
    /// `citegraph diff`.
    Diff {
        /// The state file to compare with (`None`: the state file of `build`).
        since: Option<PathBuf>,
        /// Output format.
        format: DiffFormat,
    },
}

/// A command-line mistake (a value out of range, a flag without a value): the binary exits with
/// status 2 for these, as for clap's own usage errors, and 1 for failures of the run.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

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
    /// Warnings about the command line (options that do nothing for this command, a slow pace),
    /// printed when the run starts.
    pub warnings: Vec<String>,
    /// Width tables for people are fitted to; `None`: full width (stdout is not a terminal).
    pub table_width: Option<usize>,
    /// `--ignore FILE`: the curator's rejected papers (else the default beside the list).
    pub ignore: Option<PathBuf>,
    /// The state file `build` compares with and rewrites: `--state`, else in `out_dir`.
    pub state: PathBuf,
}

impl Config {
    /// Validates the command line and reads `S2_API_KEY` from the environment.
    pub fn from_cli(cli: Cli) -> Result<Config> {
        let mut config = Self::from_cli_with_key(cli, ApiKey::from_env())?;
        config.table_width = crate::console::tables::terminal_width();
        Ok(config)
    }

    /// As [`Config::from_cli`], with the key given (tests use this to stay off the environment).
    pub fn from_cli_with_key(cli: Cli, api_key: Option<ApiKey>) -> Result<Config> {
        let g = cli.global;
        let warnings = unused_options(&g, &cli.command);
        let api_url = parse_api_url(&g.api_url)?;
        let rps = match g.rps {
            Some(rps) if !(rps.is_finite() && (defaults::MIN_RPS..=defaults::MAX_RPS).contains(&rps)) => {
                return Err(UsageError(format!(
                    "--rps {rps} is out of range: give a number of requests per second from {} to {}",
                    defaults::MIN_RPS,
                    defaults::MAX_RPS
                ))
                .into());
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
            Command::Build { map_top, full_graph, title } => Task::Build { map_top, full_graph, title },
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
            Command::Demo => Task::Demo { out_dir: g.out_dir.clone() },
            Command::Completions { shell } => Task::Completions { shell },
            Command::Man => Task::Man,
            Command::Lint { format } => Task::Lint { format: lint_format(format) },
            Command::Add { ids, section, dry_run } => Task::Add { ids, section, dry_run },
            Command::Diff { since, format } => Task::Diff { since, format: diff_format(format) },
        };
        let mut warnings = warnings;
        if g.rps.is_some() && !g.offline && 1.0 / rps > defaults::LONG_WAIT_SECS {
            warnings.push(format!(
                "--rps {rps} waits {:.0} s between requests: a cold run of the built-in list (54 requests) takes about {:.0} minutes",
                1.0 / rps,
                54.0 / rps / 60.0
            ));
        }
        let out_dir = g.out_dir.clone().unwrap_or_else(|| defaults::OUT_DIR.into());
        Ok(Config {
            list: g.list.map_or(ListInput::Builtin, ListInput::Path),
            fetch: FetchConfig {
                api_url,
                api_key,
                rps,
                offline: g.offline,
                refresh: g.refresh,
                cache_dir: g.cache_dir.unwrap_or_else(|| defaults::CACHE_DIR.into()),
                depth: g.depth,
                recommendations_url: g
                    .recommendations_url
                    .as_deref()
                    .map(|raw| parse_api_url(raw).context("--recommendations-url (or S2_RECOMMENDATIONS_URL)"))
                    .transpose()?,
                // The pipeline fills these from the ignore file beside the list.
                negatives: Vec::new(),
            },
            out_dir: out_dir.clone(),
            verbosity,
            task,
            warnings,
            table_width: None,
            ignore: g.ignore,
            state: g.state.unwrap_or_else(|| out_dir.join(defaults::STATE_FILE)),
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

/// The printer's format for what clap parsed.
fn lint_format(format: cli::LintFormat) -> LintFormat {
    match format {
        cli::LintFormat::Table => LintFormat::Table,
        cli::LintFormat::Json => LintFormat::Json,
        cli::LintFormat::Github => LintFormat::Github,
    }
}

/// The printer's format for what clap parsed.
fn diff_format(format: cli::DiffFormat) -> DiffFormat {
    match format {
        cli::DiffFormat::Table => DiffFormat::Table,
        cli::DiffFormat::Json => DiffFormat::Json,
        cli::DiffFormat::Md => DiffFormat::Md,
    }
}

fn at_least_one(n: usize, flag: &str) -> Result<usize> {
    if n == 0 {
        return Err(UsageError(format!("{flag} 0 would print nothing: give 1 or more")).into());
    }
    Ok(n)
}

/// Parses the API base URL and makes it end in `/`, so `join("paper/batch")` appends.
fn parse_api_url(raw: &str) -> Result<Url> {
    let mut url = Url::parse(raw.trim()).map_err(|err| {
        UsageError(format!("--api-url (or S2_API_URL) `{raw}` is not a URL ({err}): give e.g. {}", defaults::API_URL))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(UsageError(format!("--api-url `{raw}` must be an http or https URL")).into());
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// The global options given that do nothing for `command`, as warnings naming them.
fn unused_options(g: &cli::GlobalArgs, command: &Command) -> Vec<String> {
    // What each command reads: the list, the cache (and the API it keys answers by), the network,
    // the output directory.
    let (list, cache, network, out) = match command {
        Command::List { .. } => (true, false, false, false),
        Command::Fetch => (true, true, true, false),
        Command::Build { .. } => (true, true, true, true),
        Command::Rank { edges: Some(_), .. } => (false, false, false, false),
        Command::Rank { .. } | Command::Missing { .. } | Command::Evaluate { .. } => (true, true, false, false),
        Command::Demo => (false, false, false, true),
        Command::Lint { .. } | Command::Add { .. } => (true, true, true, false),
        Command::Diff { .. } => (true, true, false, true),
        Command::Completions { .. } | Command::Man => return Vec::new(),
    };
    let name = match command {
        Command::Rank { edges: Some(_), .. } => "rank --edges",
        Command::List { .. } => "list",
        Command::Fetch => "fetch",
        Command::Build { .. } => "build",
        Command::Rank { .. } => "rank",
        Command::Missing { .. } => "missing",
        Command::Evaluate { .. } => "evaluate",
        Command::Demo => "demo",
        Command::Lint { .. } => "lint",
        Command::Add { .. } => "add",
        Command::Diff { .. } => "diff",
        Command::Completions { .. } | Command::Man => "",
    };
    let given = [
        ("--list", g.list.is_some(), list),
        ("--cache-dir", g.cache_dir.is_some(), cache),
        ("--refresh", g.refresh, network),
        ("--rps", g.rps.is_some(), network),
        ("--out-dir", g.out_dir.is_some(), out),
    ];
    let mut unused: Vec<&str> = given.iter().filter(|(_, set, used)| *set && !used).map(|(flag, ..)| *flag).collect();
    // `--offline` is what every command but fetch and build does anyway: only the demo and
    // `list` never look at a cache at all.
    if g.offline && !cache {
        unused.push("--offline");
    }
    if unused.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "{} {} nothing for `citegraph {name}`: ignored",
        unused.join(", "),
        if unused.len() == 1 { "does" } else { "do" }
    )]
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
        assert_eq!(c.task, Task::Build { map_top: defaults::MAP_TOP, full_graph: false, title: None });
        let with_key = config(&["fetch"], Some("secret")).unwrap();
        assert_eq!(with_key.fetch.rps, defaults::RPS_WITH_KEY);
        let rank = config(&["rank"], None).unwrap();
        assert_eq!(rank.task, Task::Rank { top: defaults::TOP, format: TableFormat::Table });
        let missing = config(&["missing"], None).unwrap();
        assert_eq!(missing.task, Task::Missing { top: defaults::TOP, format: TableFormat::Table });
    }

    #[test]
    fn the_stages_take_their_defaults_from_the_one_place() {
        use crate::export::rankings_md;
        use crate::picture::layout::LayoutParams;
        use crate::rank::{BetweennessOptions, CandidateOptions, HitsOptions, PageRankOptions, RankOptions};

        assert_eq!(rankings_md::TOP, defaults::RANKINGS_MD_TOP);
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
    fn the_curation_commands_and_flags_are_parsed() {
        let c = config(&["--out-dir", "o", "build"], None).unwrap();
        assert_eq!((c.ignore, c.state), (None, PathBuf::from("o").join(defaults::STATE_FILE)));
        let c = config(&["--ignore", "i.txt", "--state", "s.json", "lint", "--format", "github"], None).unwrap();
        assert_eq!((c.ignore, c.state), (Some(PathBuf::from("i.txt")), PathBuf::from("s.json")));
        assert_eq!(c.task, Task::Lint { format: LintFormat::Github });
        let c = config(&["add", "1", "2402.07087", "--section", "Theory", "--dry-run"], None).unwrap();
        let ids = vec!["1".to_owned(), "2402.07087".to_owned()];
        assert_eq!(c.task, Task::Add { ids, section: Some("Theory".into()), dry_run: true });
        assert!(config(&["add"], None).is_err(), "add needs an id");
        let c = config(&["diff", "--since", "old.json", "--format", "md"], None).unwrap();
        assert_eq!(c.task, Task::Diff { since: Some("old.json".into()), format: DiffFormat::Md });
    }

    #[test]
    fn api_url_gains_a_trailing_slash() {
        let c = config(&["--api-url", "http://127.0.0.1:9/graph/v1", "fetch"], None).unwrap();
        assert_eq!(c.fetch.api_url.join("paper/batch").unwrap().as_str(), "http://127.0.0.1:9/graph/v1/paper/batch");
    }

    #[test]
    fn a_slow_pace_is_announced_and_the_bounds_are_inclusive() {
        let c = config(&["--rps", "0.05", "fetch"], None).unwrap();
        assert!(c.warnings.iter().any(|w| w.contains("waits 20 s between requests")), "{:?}", c.warnings);
        assert!(config(&["--rps", "1", "fetch"], None).unwrap().warnings.is_empty());
        assert_eq!(config(&["--rps", "0.01", "fetch"], None).unwrap().fetch.rps, defaults::MIN_RPS);
        assert_eq!(config(&["--rps", "100", "fetch"], None).unwrap().fetch.rps, defaults::MAX_RPS);
        let err = config(&["--rps", "-1", "fetch"], None).unwrap_err();
        assert!(err.downcast_ref::<UsageError>().is_some(), "{err:#}");
    }

    #[test]
    fn options_a_command_does_not_use_are_named_once() {
        let c = config(&["rank", "--edges", "e.txt", "--refresh", "--list", "l.md"], None).unwrap();
        assert_eq!(c.warnings, ["--list, --refresh do nothing for `citegraph rank --edges`: ignored"]);
        let c = config(&["missing", "--rps", "3", "--out-dir", "o"], None).unwrap();
        assert_eq!(c.warnings, ["--rps, --out-dir do nothing for `citegraph missing`: ignored"]);
        let c = config(&["evaluate", "--offline", "--rps", "0.05"], None).unwrap();
        assert_eq!(c.warnings, ["--rps does nothing for `citegraph evaluate`: ignored"]);
        assert!(
            config(&["build", "--rps", "3", "--out-dir", "o", "--list", "l.md"], None).unwrap().warnings.is_empty()
        );
        let c = config(&["demo"], None).unwrap();
        assert_eq!(c.task, Task::Demo { out_dir: None });
    }
}
