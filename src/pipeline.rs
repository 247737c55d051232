//! The whole flow in one place: list -> fetch/cache -> graph -> rankings -> files. The only
//! module that names every stage.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::ListFormat;
use crate::config::{Config, ListInput, Task};
use crate::console::{Console, tables};
use crate::paper_list::PaperList;
use crate::s2::{self, FetchReport};

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
    let list = load_list(&config.list)?;
    match &config.task {
        Task::List { format } => {
            match format {
                ListFormat::Table => tables::write_list_table(&list, stdout)?,
                ListFormat::Json => tables::write_list_json(&list, stdout)?,
            }
            for warning in list.warnings() {
                console.warn(warning);
            }
            Ok(Outcome::Success)
        }
        Task::Fetch | Task::Build { .. } => {
            for warning in list.warnings() {
                console.warn(warning);
            }
            // Stage 2. `build` adds the graph, ranking and picture stages after it.
            let (_corpus, report) = s2::fetch_corpus(&list, &config.fetch, &console)?;
            report_fetch(&console, &report);
            Ok(if report.has_failures() { Outcome::PartialFailure } else { Outcome::Success })
        }
        Task::Rank { .. } | Task::Missing { .. } | Task::Evaluate { .. } => {
            for warning in list.warnings() {
                console.warn(warning);
            }
            bail!("this command is not available yet in this build: only `citegraph list` runs so far")
        }
    }
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

/// Stage 1: the paper list, from a file, stdin or the built-in list.
pub fn load_list(input: &ListInput) -> Result<PaperList> {
    Ok(match input {
        ListInput::Builtin => PaperList::builtin(),
        ListInput::Path(path) => PaperList::from_path(path)?,
    })
}
