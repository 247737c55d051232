//! What the user typed: the clap-derive command line. Nothing here leaves `config.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::defaults;

/// Map a research field from a curated paper list: resolve every paper on Semantic Scholar, build
/// the citation graph, rank the papers the list is missing, and draw a literature map.
#[derive(Debug, Parser)]
#[command(name = "citegraph", version, about, long_about = None)]
#[command(after_help = "Examples:\n  \
    citegraph demo                  try it in seconds on synthetic data (no network)\n  \
    citegraph list                  show the papers of the built-in list\n  \
    citegraph build                 fetch, rank and draw everything into output/\n  \
    citegraph --list my-list.md missing --top 30\n\n\
    Exit status: 0 success; 1 the run failed (or requests failed for good); 2 a usage error.")]
pub struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command (they may come before or after the command name). `--help`
/// shows them after the command's own, under their own heading.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Awesome-list style Markdown file to read (`-` reads stdin) [default: the built-in list]
    #[arg(long, global = true, value_name = "PATH")]
    pub list: Option<PathBuf>,

    /// Directory for cached Semantic Scholar answers [default: cache]
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Directory the map, DOT, rankings and candidates are written to [default: output; for
    /// `demo`, a new temporary directory]
    #[arg(long, global = true, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Base URL of the Semantic Scholar Academic Graph API
    #[arg(long, global = true, value_name = "URL", env = "S2_API_URL", default_value = defaults::API_URL)]
    pub api_url: String,

    /// Never open a connection: use only cached answers, and name what is missing
    #[arg(long, global = true, conflicts_with = "refresh")]
    pub offline: bool,

    /// Fetch everything again, ignoring cached answers (they are replaced)
    #[arg(long, global = true)]
    pub refresh: bool,

    /// Requests per second to Semantic Scholar, 0.01 to 100 [default: 1 with S2_API_KEY, 0.5 without]
    #[arg(long, global = true, value_name = "N", allow_negative_numbers = true)]
    pub rps: Option<f64>,

    /// Print only results and errors (no progress bar, no summary)
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Log every request (the API key is never shown)
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Papers rejected by the curator, one per line (S2 id, arXiv id, DOI or title; `#` comments)
    /// [default: citegraph-ignore.txt beside the list, when it exists]
    #[arg(long, global = true, value_name = "FILE")]
    pub ignore: Option<PathBuf>,

    /// The state file `build` compares with and rewrites (what is new since the last run)
    /// [default: citegraph-state.json in --out-dir]
    #[arg(long, global = true, value_name = "FILE")]
    pub state: Option<PathBuf>,

    /// How deep discovery goes: 1 = papers directly linked to the list only (the cheapest run);
    /// 2 adds co-citation, shared references, content similarity and recommendations
    #[arg(long, global = true, value_name = "N", default_value_t = defaults::DEPTH,
          value_parser = clap::value_parser!(u32).range(1..=2))]
    pub depth: u32,

    /// Base URL of the Semantic Scholar Recommendations API [default: --api-url with its final
    /// /graph/v1 replaced by /recommendations/v1]
    #[arg(long, global = true, value_name = "URL", env = "S2_RECOMMENDATIONS_URL")]
    pub recommendations_url: Option<String>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse the list and print every paper: section, venue tag, year, title, identifier, problems.
    ///
    /// Exits with status 1 when the list cannot be used (unreadable, no papers); problems with
    /// single entries are warnings. Example: `citegraph --list my-list.md list --format json`
    #[command(visible_alias = "ls")]
    List {
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },

    /// Resolve the listed papers on Semantic Scholar and download their references and citations
    /// into the cache.
    ///
    /// A second run makes no requests. Example: `S2_API_KEY=... citegraph fetch`
    Fetch,

    /// The main job: fetch, build the citation graph, rank, and write every output file.
    ///
    /// Writes the literature map (SVG, PNG), timeline, GraphViz DOT, rankings and missing-work
    /// candidates into --out-dir. Example: `citegraph build --map-top 60`
    Build {
        /// How many top candidates to draw beside the listed papers in the map and DOT
        #[arg(long, value_name = "N", default_value_t = defaults::MAP_TOP)]
        map_top: usize,
        /// Draw every node of the citation graph, not only listed papers and top candidates
        #[arg(long)]
        full_graph: bool,
        /// Title of the pictures (default: "Literature map: " and the list's name)
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
    },

    /// Print the papers of the citation graph ranked by PageRank, with every metric.
    ///
    /// Reads the cache (run `fetch` first), or any edge list given with --edges.
    /// Example: `citegraph rank --edges edges.txt --format csv`
    Rank {
        /// How many rows to print
        #[arg(long, value_name = "N", default_value_t = defaults::TOP)]
        top: usize,
        /// Output format
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Rank this edge list instead (two whitespace-separated columns: citing cited)
        #[arg(long, value_name = "FILE")]
        edges: Option<PathBuf>,
    },

    /// Print the papers not on the list that belong with it, best first, each with its reasons.
    ///
    /// Reads the cache (run `fetch` first). Example: `citegraph missing --top 30 --format json`
    Missing {
        /// How many candidates to print
        #[arg(long, value_name = "N", default_value_t = defaults::TOP)]
        top: usize,
        /// Output format
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },

    /// Measure the missing-work ranking: hide each listed paper in turn and see where it comes.
    ///
    /// Reports recall at 10 and 20 and the median rank, beside ranking by raw citation count.
    /// Example: `citegraph evaluate`
    Evaluate {
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },

    /// Try citegraph in seconds, with no network: build every output from SYNTHETIC demo data.
    ///
    /// Ranks and draws the built-in list on a made-up citation graph (the one the tests use) and
    /// writes every file `build` writes into --out-dir (default: a new temporary directory, kept).
    /// Every picture and file says the data is synthetic. Example: `citegraph demo --out-dir demo`
    Demo,

    /// Print a shell completion script.
    ///
    /// Example (bash): `citegraph completions bash > ~/.local/share/bash-completion/completions/citegraph`
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the manual page (roff). Example: `citegraph man | man -l -`
    Man,

    /// Check the list: duplicates, unresolved links, published preprints, tag years, title typos,
    /// order, author lines; each with file, line and the fix.
    ///
    /// Exits with status 1 when an error-level problem is found (duplicates, unresolved entries).
    /// Reads the cache, fetching what is missing unless --offline. Example:
    /// `citegraph --list README.md lint --format github`
    Lint {
        /// Output format (`github`: workflow annotations)
        #[arg(long, value_enum, default_value_t = LintFormat::Table)]
        format: LintFormat,
    },

    /// Insert accepted papers into the list file, in its own style and order; `--dry-run` prints
    /// the unified diff instead.
    ///
    /// IDs are candidate ranks (as `missing` numbers them), S2 ids, arXiv ids or DOIs. Every other
    /// byte of the file is kept. Example: `citegraph --list README.md add 1 2 2402.07087 --dry-run`
    Add {
        /// The papers to add
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// The section to add them to [default: the section suggested for each]
        #[arg(long, value_name = "NAME")]
        section: Option<String>,
        /// Print the unified diff; change nothing
        #[arg(long)]
        dry_run: bool,
    },

    /// Print what changed since the last `build`: new candidates, candidates that moved up,
    /// listed papers with new citations, papers newly citing the list.
    ///
    /// Compares the cached data (run `fetch --refresh` first for fresh data) with the state file.
    /// Example: `citegraph diff --format md`
    Diff {
        /// The state file to compare with [default: --state, else citegraph-state.json in --out-dir]
        #[arg(long, value_name = "FILE")]
        since: Option<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
        format: DiffFormat,
    },
}

/// Formats of `citegraph diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Lines for people
    Table,
    /// JSON for scripts
    Json,
    /// Markdown, for an issue or a pull request
    Md,
}

/// Formats of `citegraph lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// `file:line: error[rule]: message` and the fix
    Table,
    /// JSON for scripts
    Json,
    /// GitHub Actions workflow annotations (`::error file=…,line=…::…`)
    Github,
}

/// Formats of `citegraph list` and `citegraph evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for people
    Table,
    /// JSON for scripts
    Json,
}

/// Formats of `citegraph rank` and `citegraph missing`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for people
    Table,
    /// JSON for scripts
    Json,
    /// CSV for spreadsheets
    Csv,
}

/// `citegraph completions SHELL`: the completion script of the whole command line.
pub fn write_completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    let mut command = Cli::command();
    // Generated into memory first: clap_complete panics when its writer fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "citegraph", &mut script);
    out.write_all(&script)
}

/// `citegraph man`: the manual page (roff), with every command and option and the exit statuses.
pub fn write_man_page(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    let command = Cli::command();
    clap_mangen::Man::new(command.clone()).render(out)?;
    out.write_all(
        b".SH \"EXIT STATUS\"\n0 success (warnings allowed); 1 the run failed, or some requests failed for good \
(a rerun fetches only those); 2 a usage error (an unknown option, a value out of range).\n\
.SH ENVIRONMENT\n\\fBS2_API_KEY\\fR the Semantic Scholar API key (never a flag, never printed); \
\\fBS2_API_URL\\fR as --api-url; \\fBHTTPS_PROXY\\fR, \\fBHTTP_PROXY\\fR, \\fBNO_PROXY\\fR a proxy; \
\\fBCOLUMNS\\fR the width tables are fitted to.\n",
    )?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        writeln!(out, ".SH \"CITEGRAPH {}\"", name.to_uppercase())?;
        let about = sub.get_long_about().or_else(|| sub.get_about()).map(ToString::to_string).unwrap_or_default();
        writeln!(out, "{}", roff_escape(&about))?;
        for arg in sub.get_arguments().filter(|a| !a.is_global_set() && !a.is_hide_set()) {
            let flag = arg.get_long().map_or_else(|| format!("<{}>", arg.get_id()), |l| format!("--{l}"));
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff_escape(&flag).replace('-', "\\-"), roff_escape(&help))?;
        }
    }
    Ok(())
}

/// Text safe in a roff paragraph: backslashes written `\e`, no line starting with a control
/// character, a blank line a new paragraph.
fn roff_escape(text: &str) -> String {
    text.replace('\\', "\\e")
        .lines()
        .map(|l| match l {
            "" => ".PP".to_owned(),
            _ if l.starts_with(['.', '\'']) => format!("\\&{l}"),
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_options_work_after_the_command() {
        let cli = Cli::try_parse_from(["citegraph", "list", "--list", "x.md", "-q", "--format", "json"]).unwrap();
        assert_eq!(cli.global.list, Some(PathBuf::from("x.md")));
        assert!(cli.global.quiet);
        assert!(matches!(cli.command, Command::List { format: ListFormat::Json }));
    }

    #[test]
    fn there_is_no_api_key_flag() {
        assert!(Cli::try_parse_from(["citegraph", "--api-key", "k", "list"]).is_err());
    }
}
