//! The whole flow in one place: list -> fetch/cache -> graph -> rankings -> files. The only
//! module that names every stage.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use petgraph::graph::NodeIndex;

use crate::config::{Config, ListInput, Task};
use crate::console::diff as console_diff;
use crate::console::lint::{self as console_lint, LintFormat};
use crate::console::ranking::{self, GraphSummary, RowKind};
use crate::console::{ListFormat, TableFormat, tables};
use crate::curate;
use crate::curate::ignore::{self, IgnoreFile, IgnoreSet};
use crate::curate::state::{Changes, Previous, State};
use crate::defaults;
use crate::export::{self, ExportInput, ExportOptions};
use crate::graph::{BuildReport, CitationGraph};
use crate::model::Corpus;
use crate::paper_list::{BUILTIN_LIST, ListSource, PaperList};
use crate::rank::{self, EdgeList, Phases, RankOptions, Rankings};
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
    for warning in &config.warnings {
        console.warn(warning);
    }
    let width = config.table_width;
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
                ListFormat::Table => tables::write_list_table(&list, width, stdout)?,
                ListFormat::Json => tables::write_list_json(&list, stdout)?,
            }
            Ok(Outcome::Success)
        }
        Task::Fetch => {
            let (_corpus, report) = {
                let list = list()?;
                s2::fetch_corpus(&list, &fetch_config(config, &list)?, &console)?
            };
            report_fetch(&console, &report);
            Ok(outcome_of(&report))
        }
        Task::Build { map_top, full_graph, title } => {
            let list = list()?;
            // Held until the files are written: a second build into the same directory fails at once.
            let _lock = crate::atomic_file::lock_dir(&config.out_dir, "--out-dir")?;
            let (corpus, report) = s2::fetch_corpus(&list, &fetch_config(config, &list)?, &console)?;
            report_fetch(&console, &report);
            let (graph, build_report, mut rankings) = rank_from_corpus(&list, &corpus);
            apply_ignore(config, &list, &graph, &mut rankings, &console)?;
            report_graph(&console, &graph, &build_report, &rankings);
            let options = ExportOptions {
                map_top: *map_top,
                full_graph: *full_graph,
                title: title.clone(),
                data_date: corpus.fetched_at.map(|t| t.strftime("%Y-%m-%d").to_string()),
                data_source: data_source(&config.fetch.api_url),
            };
            let (state, new_candidates) = compare_state(config, &graph, &rankings, options.data_date.clone(), &console);
            let mut input = ExportInput::new(&list, &graph, &rankings, &options);
            input.new_candidates = new_candidates;
            for path in export::write_all(&config.out_dir, &input, &export::exporters())? {
                writeln!(stdout, "{}", path.display())?;
            }
            state.save(&config.state)?;
            writeln!(stdout, "{}", config.state.display())?;
            Ok(outcome_of(&report))
        }
        Task::Rank { top, format } => {
            let list = list()?;
            print_rank(&list, &load_corpus(config, &list)?, *top, *format, width, stdout)?;
            Ok(Outcome::Success)
        }
        Task::RankEdges { top, format, path } => {
            rank_edges(path, *top, *format, width, &console, stdout)?;
            Ok(Outcome::Success)
        }
        Task::Missing { top, format } => {
            let list = list()?;
            let corpus = load_corpus(config, &list)?;
            let (graph, _, mut rankings) = rank_from_corpus(&list, &corpus);
            apply_ignore(config, &list, &graph, &mut rankings, &console)?;
            ranking::write_missing(&graph, &rankings, *format, *top, width, stdout)?;
            Ok(Outcome::Success)
        }
        Task::Evaluate { format } => {
            let list = list()?;
            print_evaluation(&list, &load_corpus(config, &list)?, *format, width, stdout)?;
            Ok(Outcome::Success)
        }
        Task::Demo { out_dir } => demo(out_dir.as_deref(), &console, stdout),
        Task::Completions { shell } => {
            crate::cli::write_completions(*shell, stdout)?;
            Ok(Outcome::Success)
        }
        Task::Man => {
            crate::cli::write_man_page(stdout)?;
            Ok(Outcome::Success)
        }
        Task::Lint { format } => lint(config, &list()?, *format, &console, stdout),
        Task::Diff { since, format } => {
            let list = list()?;
            let corpus = load_corpus(config, &list)?;
            let (graph, _, mut rankings) = rank_from_corpus(&list, &corpus);
            apply_ignore(config, &list, &graph, &mut rankings, &console)?;
            let data_date = corpus.fetched_at.map(|t| t.strftime("%Y-%m-%d").to_string());
            let current = State::of(&graph, &rankings, data_date);
            let path = since.as_deref().unwrap_or(&config.state);
            let changes = match State::load(path) {
                Previous::State(previous) => current.changes_since(&previous, defaults::MOVED_UP_PLACES, &graph),
                Previous::FirstRun(warning) => {
                    console.warn(warning);
                    Changes::default()
                }
            };
            console_diff::write_changes(&changes, *format, stdout)?;
            Ok(Outcome::Success)
        }
        Task::Add { ids, section, dry_run } => {
            add(config, ids, section.as_deref(), *dry_run, &console, stdout)?;
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
/// The recommendations answer is keyed by the ignore file's negatives: when the file changed
/// since the last fetch, the answer fetched without them is read instead (the ignored papers
/// are left out of every output all the same).
fn load_corpus(config: &Config, list: &PaperList) -> Result<Corpus> {
    let with_negatives = fetch_config(config, list)?;
    let (corpus, _report) = match s2::corpus_from_cache(list, &with_negatives) {
        Err(err) if !with_negatives.negatives.is_empty() => {
            s2::corpus_from_cache(list, &config.fetch).map_err(|_| err)?
        }
        result => result?,
    };
    Ok(corpus)
}

/// The fetch stage's settings for `list`: the configured ones, with the curator's ignore file
/// (when there is one) as the recommendations' `negativePaperIds`, so that rejected papers are
/// not recommended again. The same for fetching and for reading the cache, which keys the
/// recommendations answer by them.
fn fetch_config(config: &Config, list: &PaperList) -> Result<s2::FetchConfig> {
    let mut fetch = config.fetch.clone();
    if let Some(path) = ignore::locate(config.ignore.as_deref(), &list.source) {
        fetch.negatives = IgnoreFile::read(&path)?.request_ids();
    }
    Ok(fetch)
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
    width: Option<usize>,
    stdout: &mut dyn Write,
) -> Result<()> {
    let (graph, _, rankings) = rank_from_corpus(list, corpus);
    let summary = GraphSummary {
        nodes: graph.node_count(),
        edges: graph.edge_count(),
        betweenness: rankings.betweenness,
        convergence: rankings.convergence,
    };
    ranking::write_rank(&rankings.rows(&graph), RowKind::Papers, summary, format, top, width, stdout)
}

/// `citegraph missing` on a corpus: the `top` candidates.
pub fn print_missing(
    list: &PaperList,
    corpus: &Corpus,
    top: usize,
    format: TableFormat,
    width: Option<usize>,
    stdout: &mut dyn Write,
) -> Result<()> {
    let (graph, _, rankings) = rank_from_corpus(list, corpus);
    ranking::write_missing(&graph, &rankings, format, top, width, stdout)
}

/// `citegraph evaluate` on a corpus.
pub fn print_evaluation(
    list: &PaperList,
    corpus: &Corpus,
    format: ListFormat,
    width: Option<usize>,
    stdout: &mut dyn Write,
) -> Result<()> {
    let evaluation = rank::evaluate::evaluate_corpus(list, corpus, &RankOptions::default().candidates);
    ranking::write_evaluation(&evaluation, format, width, stdout)
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
    width: Option<usize>,
    console: &Console,
    stdout: &mut dyn Write,
) -> Result<()> {
    let mut phases = Phases::start();
    let edges = EdgeList::read_timed(path, &mut phases)?;
    let loaded = phases.total();
    let centralities = rank::rank_edge_list(&edges, &RankOptions::default(), &mut phases);
    let rows = centralities.top_rows(&edges.ids, top);
    phases.lap("top rows");
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
        (phases.total() - loaded).as_secs_f64(),
    ));
    let summary = GraphSummary {
        nodes: edges.csr.node_count(),
        edges: edges.csr.edge_count(),
        betweenness: centralities.betweenness,
        convergence: centralities.convergence,
    };
    ranking::write_rank(&rows, RowKind::EdgeList, summary, format, top, width, stdout)
        .with_context(|| format!("cannot print the rankings of {}", path.display()))?;
    phases.lap("printing");
    console.detail(format_args!("phases: {phases}"));
    Ok(())
}

/// How the pictures and Markdown name where the citations came from: Semantic Scholar only for
/// its official API, otherwise the URL the answers came from.
pub fn data_source(api_url: &url::Url) -> String {
    let url = api_url.as_str().trim_end_matches('/');
    if url == defaults::API_URL { "Semantic Scholar".to_owned() } else { url.to_owned() }
}

/// `citegraph demo`: every output of `build`, of SYNTHETIC data, into `out_dir` (`None`: a new
/// temporary directory, kept after the run); says where the pictures are.
fn demo(out_dir: Option<&Path>, console: &Console, stdout: &mut dyn Write) -> Result<Outcome> {
    let started = Instant::now();
    let out_dir = match out_dir {
        Some(dir) => dir.to_path_buf(),
        None => tempfile::Builder::new()
            .prefix("citegraph-demo-")
            .disable_cleanup(true)
            .tempdir()
            .context("cannot make a temporary directory for the demo: give one with --out-dir DIR")?
            .path()
            .to_path_buf(),
    };
    console.info(format_args!(
        "Demo: the built-in list on a SYNTHETIC citation graph made up by citegraph (no network, nothing from Semantic Scholar)"
    ));
    let (list, corpus) = crate::demo::list_and_corpus();
    let (graph, build_report, rankings) = rank_from_corpus(&list, &corpus);
    report_graph(console, &graph, &build_report, &rankings);
    let options = ExportOptions {
        map_top: defaults::MAP_TOP,
        full_graph: false,
        title: None,
        data_date: corpus.fetched_at.map(|t| t.strftime("%Y-%m-%d").to_string()),
        data_source: crate::demo::DATA_SOURCE.to_owned(),
    };
    for path in write_outputs(&list, &graph, &rankings, &options, &out_dir)? {
        writeln!(stdout, "{}", path.display())?;
    }
    console.info(format_args!(
        "Demo written in {:.1} s. The pictures: {} (and .png), {}",
        started.elapsed().as_secs_f64(),
        out_dir.join("literature-map.svg").display(),
        out_dir.join("timeline.svg").display(),
    ));
    Ok(Outcome::Success)
}

/// The curator's ignore file (`--ignore`, else `citegraph-ignore.txt` beside the list), resolved
/// against the graph and taken out of the candidates, so `missing.*`, the map and the DOT leave
/// those papers out. Its warnings (malformed lines, lines matching nothing) go to stderr.
pub fn apply_ignore(
    config: &Config,
    list: &PaperList,
    graph: &CitationGraph,
    rankings: &mut Rankings,
    console: &Console,
) -> Result<Option<IgnoreSet>> {
    let Some(path) = ignore::locate(config.ignore.as_deref(), &list.source) else { return Ok(None) };
    let set = IgnoreFile::read(&path)?.resolve(graph);
    for warning in &set.warnings {
        console.warn(warning);
    }
    let removed = set.apply(rankings);
    console.info(format_args!(
        "Ignored: {} {} of {} ({} among the candidates)",
        set.nodes.len(),
        plural(set.nodes.len() as u64, "paper"),
        path.display(),
        removed
    ));
    Ok(Some(set))
}

/// The Markdown of a list, for the checks that read its prose (the order it states): the file
/// again, the built-in text, nothing for stdin (read once, already consumed).
pub fn list_text(list: &PaperList) -> Result<Option<String>> {
    Ok(match &list.source {
        ListSource::Builtin => Some(BUILTIN_LIST.to_owned()),
        ListSource::Stdin => None,
        ListSource::File(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the paper list {} again: check --list", path.display()))?,
        ),
    })
}

/// `citegraph lint`: fetch (or read the cache) like `build`, check, print; exit status 1 on an
/// error-level finding.
pub fn lint(
    config: &Config,
    list: &PaperList,
    format: LintFormat,
    console: &Console,
    stdout: &mut dyn Write,
) -> Result<Outcome> {
    let (corpus, report) = s2::fetch_corpus(list, &fetch_config(config, list)?, console)?;
    report_fetch(console, &report);
    let (graph, _) = CitationGraph::from_corpus(list, &corpus);
    let findings = curate::lint::lint(list, list_text(list)?.as_deref(), &corpus, &graph);
    console_lint::write_findings(&findings, format, stdout)?;
    let failed = findings.iter().any(|f| f.level == curate::lint::Level::Error) || report.has_failures();
    Ok(if failed { Outcome::PartialFailure } else { Outcome::Success })
}

/// `citegraph add`: plan the insertions on the file as read, then print the diff (`--dry-run`)
/// or write the file atomically, only if nobody changed it meanwhile.
pub fn add(
    config: &Config,
    ids: &[String],
    section: Option<&str>,
    dry_run: bool,
    console: &Console,
    stdout: &mut dyn Write,
) -> Result<()> {
    let path = match &config.list {
        ListInput::Path(path) if path != Path::new("-") => path.clone(),
        _ => anyhow::bail!(
            "`add` edits a list file: give it with --list PATH (the built-in list and stdin cannot be edited)"
        ),
    };
    let bytes =
        std::fs::read(&path).with_context(|| format!("cannot read the paper list {}: check --list", path.display()))?;
    let list = PaperList::from_bytes(ListSource::File(path.clone()), &bytes)?;
    let text = String::from_utf8(bytes.clone()).expect("from_bytes checked the encoding");
    let (corpus, report) = s2::fetch_corpus(&list, &fetch_config(config, &list)?, console)?;
    report_fetch(console, &report);
    let (graph, _, mut rankings) = rank_from_corpus(&list, &corpus);
    apply_ignore(config, &list, &graph, &mut rankings, console)?;
    let insertions = curate::add::plan(&list, &text, &graph, &rankings, ids, section)?;
    if dry_run {
        stdout.write_all(curate::add::unified_diff(&path.display().to_string(), &text, &insertions).as_bytes())?;
        return Ok(());
    }
    let new_text = curate::add::apply(&text, &insertions);
    crate::atomic_file::write_atomically_if(&path, new_text.as_bytes(), || {
        let now =
            std::fs::read(&path).with_context(|| format!("cannot read {} again before writing", path.display()))?;
        if now != bytes {
            anyhow::bail!("{} changed while citegraph was working: nothing written; run `add` again", path.display());
        }
        Ok(())
    })?;
    for insertion in &insertions {
        let line = text[..insertion.offset].matches('\n').count()
            + 1
            + insertions.iter().take_while(|i| i.offset < insertion.offset).map(|i| i.lines.len()).sum::<usize>();
        writeln!(stdout, "{}:{line}: added {} ({})", path.display(), insertion.title, insertion.section)?;
    }
    Ok(())
}

/// `build`'s comparison with the last run: this run's state, and the candidates new since the
/// previous state (empty on a first run, which a missing, corrupt or older state file means).
fn compare_state(
    config: &Config,
    graph: &CitationGraph,
    rankings: &Rankings,
    data_date: Option<String>,
    console: &Console,
) -> (State, HashSet<NodeIndex>) {
    let current = State::of(graph, rankings, data_date);
    let mut new_candidates = HashSet::new();
    match State::load(&config.state) {
        Previous::State(previous) => {
            let changes = current.changes_since(&previous, defaults::MOVED_UP_PLACES, graph);
            console.info(console_diff::summary(&changes));
            for c in &changes.new_candidates {
                console.info(format_args!("  new candidate #{}: {}", c.rank, c.title));
            }
            let ids: HashSet<&str> = changes.new_candidates.iter().map(|c| c.paper_id.as_str()).collect();
            new_candidates = rankings
                .candidates
                .iter()
                .map(|c| c.node)
                .filter(|&n| ids.contains(graph.node(n).paper_id.as_str()))
                .collect();
        }
        Previous::FirstRun(warning) => console.warn(warning),
    }
    (current, new_candidates)
}
