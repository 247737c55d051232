//! What the user typed: the clap-derive command line. Nothing here leaves `config.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::defaults;

/// Map a research field from a curated paper list: resolve every paper on Semantic Scholar, build
/// the citation graph, rank the papers the list is missing, and draw a literature map.
#[derive(Debug, Parser)]
#[command(name = "citegraph", version, about, long_about = None)]
#[command(after_help = "Examples:\n  \
    citegraph list                  show the papers of the built-in list\n  \
    citegraph build                 fetch, rank and draw everything into output/\n  \
    citegraph --list my-list.md missing --top 30")]
pub struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command (they may come before or after the command name).
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Awesome-list style Markdown file to read (`-` reads stdin) [default: the built-in list]
    #[arg(long, global = true, value_name = "PATH")]
    pub list: Option<PathBuf>,

    /// Directory for cached Semantic Scholar answers
    #[arg(long, global = true, value_name = "DIR", default_value = defaults::CACHE_DIR)]
    pub cache_dir: PathBuf,

    /// Directory the map, DOT, rankings and candidates are written to
    #[arg(long, global = true, value_name = "DIR", default_value = defaults::OUT_DIR)]
    pub out_dir: PathBuf,

    /// Base URL of the Semantic Scholar Academic Graph API
    #[arg(long, global = true, value_name = "URL", env = "S2_API_URL", default_value = defaults::API_URL)]
    pub api_url: String,

    /// Never open a connection: use only cached answers, and name what is missing
    #[arg(long, global = true, conflicts_with = "refresh")]
    pub offline: bool,

    /// Fetch everything again, ignoring cached answers (they are replaced)
    #[arg(long, global = true)]
    pub refresh: bool,

    /// Requests per second to Semantic Scholar [default: 1 with S2_API_KEY, 0.5 without]
    #[arg(long, global = true, value_name = "N")]
    pub rps: Option<f64>,

    /// Print only results and errors (no progress bar, no summary)
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Log every request (the API key is never shown)
    #[arg(short, long, global = true)]
    pub verbose: bool,

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
