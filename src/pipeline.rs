//! The whole flow in one place: list -> fetch/cache -> graph -> rankings -> files. The only
//! module that names every stage.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::config::{Config, ListInput, Task};
use crate::console::ranking::{self, GraphSummary, RowKind};
use crate::console::{ListFormat, TableFormat, tables};
use crate::export::{self, ExportInput, ExportOptions};
use crate::graph::{BuildReport, CitationGraph};
use crate::model::Corpus;
use crate::paper_list::PaperList;
use crate::rank::{self, EdgeList, RankOptions, Rankings};
use crate::s2::{self, FetchReport};
use crate::terminal::Console;
use crate::wording::plural;

/// How a run ended, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked (warnings allowed).
    Success,
    /// The run finished but some items failed (reported above); exit status 1.
    PartialFailure,
}

/// Runs the configured task, writing results to `stdout`.
pub fn run(config: &Config, stdout: &mut dyn Write) -> Result<Outcome> {
    let console = Console::new(config.verbosity);
    // Every task but `rank --edges` starts from the paper list; its warnings come first.
    let list = || -> Result<PaperList> {
        let list = load_list(&config.list)?;
        for warning in list.warnings() {
            console.warn(warning);
        }
        Ok(list)
    };
    match &config.task {
        Task::List { format } => {
            let list = list()?;
            match format {
                ListFormat::Table => tables::write_list_table(&list, stdout)?,
                ListFormat::Json => tables::write_list_json(&list, stdout)?,
            }
            Ok(Outcome::Success)
        }
        Task::Fetch => {
            let (_corpus, report) = s2::fetch_corpus(&list()?, &config.fetch, &console)?;
            report_fetch(&console, &report);
            Ok(outcome_of(&report))
        }
        Task::Build { map_top, full_graph } => {
            let list = list()?;
            let (corpus, report) = s2::fetch_corpus(&list, &config.fetch, &console)?;
            report_fetch(&console, &report);
            let (graph, build_report, rankings) = rank_from_corpus(&list, &corpus);
            report_graph(&console, &graph, &build_report, &rankings);
            let options = ExportOptions {
                map_top: *map_top,
                full_graph: *full_graph,
                data_date: corpus.fetched_at.map(|t| t.strftime("%Y-%m-%d").to_string()),
            };
            for path in write_outputs(&list, &graph, &rankings, &options, &config.out_dir)? {
                writeln!(stdout, "{}", path.display())?;
            }
            Ok(outcome_of(&report))
        }
        Task::Rank { top, format } => {
            let list = list()?;
            print_rank(&list, &load_corpus(config, &list)?, *top, *format, stdout)?;
            Ok(Outcome::Success)
        }
        Task::RankEdges { top, format, path } => {
            rank_edges(path, *top, *format, &console, stdout)?;
            Ok(Outcome::Success)
        }
        Task::Missing { top, format } => {
            let list = list()?;
            print_missing(&list, &load_corpus(config, &list)?, *top, *format, stdout)?;
            Ok(Outcome::Success)
        }
        Task::Evaluate { format } => {
            let list = list()?;
            print_evaluation(&list, &load_corpus(config, &list)?, *format, stdout)?;
            Ok(Outcome::Success)
        }
    }
}

/// Stage 1: the paper list, from a file, stdin or the built-in list.
pub fn load_list(input: &ListInput) -> Result<PaperList> {
    Ok(match input {
        ListInput::Builtin => PaperList::builtin(),
        ListInput::Path(path) => PaperList::from_path(path)?,
    })
}

/// Stage 2 from the cache only, for the commands that read what `citegraph fetch` left there.
fn load_corpus(config: &Config, list: &PaperList) -> Result<Corpus> {
    let (corpus, _report) = s2::corpus_from_cache(list, &config.fetch)?;
    Ok(corpus)
}

/// The fetch stage's account on stderr: failures always, warnings and the summary unless `-q`.
fn report_fetch(console: &Console, report: &FetchReport) {
    for warning in report.warnings() {
        console.warn(warning);
    }
    for error in report.errors() {
        console.error(error);
    }
    console.info(report);
}

/// Requests that failed for good make the exit status 1 (a rerun fetches only those).
fn outcome_of(report: &FetchReport) -> Outcome {
    if report.has_failures() { Outcome::PartialFailure } else { Outcome::Success }
}

/// The graph and the best candidates, on stderr.
fn report_graph(console: &Console, graph: &CitationGraph, build: &BuildReport, rankings: &Rankings) {
    console.info(format_args!(
        "Graph: {} {} ({} listed), {} {}; {} {} merged; betweenness {}",
        graph.node_count(),
        plural(graph.node_count() as u64, "paper"),
        graph.listed().count(),
        graph.edge_count(),
        plural(graph.edge_count() as u64, "citation"),
        build.merged_records,
        plural(build.merged_records as u64, "record"),
        rankings.betweenness,
    ));
    if build.twins_merged > 0 {
        console.info(format_args!(
            "Twins: {} preprint/published {} merged into one paper each",
            build.twins_merged,
            plural(build.twins_merged as u64, "pair")
        ));
    }
    for (rank, candidate) in rankings.candidates.iter().take(5).enumerate() {
        let node = graph.node(candidate.node);
        console.info(format_args!("  missing #{}: {} ({:.3})", rank + 1, node.title, candidate.score));
    }
}

/// Stages 3 and 4: the citation graph of a corpus and its rankings.
pub fn rank_from_corpus(list: &PaperList, corpus: &Corpus) -> (CitationGraph, BuildReport, Rankings) {
    let (graph, report) = CitationGraph::from_corpus(list, corpus);
    let rankings = rank::rank(&graph, &RankOptions::default());
    (graph, report, rankings)
}

/// `citegraph rank` on a corpus: the `top` papers by PageRank with every metric.
pub fn print_rank(
    list: &PaperList,
    corpus: &Corpus,
    top: usize,
    format: TableFormat,
    stdout: &mut dyn Write,
) -> Result<()> {
    let (graph, _, rankings) = rank_from_corpus(list, corpus);
    let summary = GraphSummary {
        nodes: graph.node_count(),
        edges: graph.edge_count(),
        betweenness: rankings.betweenness,
        convergence: rankings.convergence,
    };
    ranking::write_rank(&rankings.rows(&graph), RowKind::Papers, summary, format, top, stdout)
}

/// `citegraph missing` on a corpus: the `top` candidates.
pub fn print_missing(
    list: &PaperList,
    corpus: &Corpus,
    top: usize,
    format: TableFormat,
    stdout: &mut dyn Write,
) -> Result<()> {
    let (graph, _, rankings) = rank_from_corpus(list, corpus);
    ranking::write_missing(&graph, &rankings, format, top, stdout)
}

/// `citegraph evaluate` on a corpus.
pub fn print_evaluation(list: &PaperList, corpus: &Corpus, format: ListFormat, stdout: &mut dyn Write) -> Result<()> {
    let evaluation = rank::evaluate::evaluate_corpus(list, corpus, &RankOptions::default().candidates);
    ranking::write_evaluation(&evaluation, format, stdout)
}

/// `citegraph build`'s ranking outputs (`rankings.csv`, `rankings.md`, `missing.json`,
/// `missing.md`, and whatever else [`export::exporters`] lists) for a ranked graph.
pub fn write_outputs(
    list: &PaperList,
    graph: &CitationGraph,
    rankings: &Rankings,
    options: &ExportOptions,
    out_dir: &Path,
) -> Result<Vec<PathBuf>> {
    let input = ExportInput::new(list, graph, rankings, options);
    export::write_all(out_dir, &input, &export::exporters())
}

/// `citegraph rank --edges FILE`: every metric of any edge list.
pub fn rank_edges(
    path: &Path,
    top: usize,
    format: TableFormat,
    console: &Console,
    stdout: &mut dyn Write,
) -> Result<()> {
    let started = Instant::now();
    let edges = EdgeList::read(path)?;
    let loaded = started.elapsed();
    let centralities = rank::rank_edge_list(&edges, &RankOptions::default());
    console.info(format_args!(
        "{}: {} {}, {} {}, {} {} ({} {}, {} {} dropped); read in {:.2} s, ranked in {:.2} s",
        path.display(),
        edges.lines,
        plural(edges.lines as u64, "line"),
        edges.csr.node_count(),
        plural(edges.csr.node_count() as u64, "node"),
        edges.csr.edge_count(),
        plural(edges.csr.edge_count() as u64, "distinct edge"),
        edges.report.duplicates,
        plural(edges.report.duplicates as u64, "duplicate line"),
        edges.report.self_loops,
        plural(edges.report.self_loops as u64, "self-citation"),
        loaded.as_secs_f64(),
        (started.elapsed() - loaded).as_secs_f64(),
    ));
    let summary = GraphSummary {
        nodes: edges.csr.node_count(),
        edges: edges.csr.edge_count(),
        betweenness: centralities.betweenness,
        convergence: centralities.convergence,
    };
    ranking::write_rank(&centralities.rows(&edges.ids), RowKind::EdgeList, summary, format, top, stdout)
        .with_context(|| format!("cannot print the rankings of {}", path.display()))
}
