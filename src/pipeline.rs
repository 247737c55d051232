//! The whole flow in one place: list -> fetch/cache -> graph -> rankings -> files. The only
//! module that names every stage.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::ListFormat;
use crate::config::{Config, ListInput, Task};
use crate::console::{Console, tables};
use crate::paper_list::PaperList;

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
        Task::Fetch | Task::Build { .. } | Task::Rank { .. } | Task::Missing { .. } | Task::Evaluate { .. } => {
            for warning in list.warnings() {
                console.warn(warning);
            }
            bail!("this command is not available yet in this build: only `citegraph list` runs so far")
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
