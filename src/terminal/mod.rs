//! Terminal chatter on stderr: warnings, errors, notes and request logs ([`Console`]) and the
//! progress bar ([`Progress`]), as loud as `-q`/`-v` allow. Shared by every stage; imports none.
//! Results on stdout are not chatter: the printers in `console/` and the exporters write those.

pub mod progress;

use std::fmt::Display;

pub use progress::Progress;

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

/// Warnings, progress notes and request logs, on stderr, as loud as `-q`/`-v` allow.
#[derive(Debug, Clone)]
pub struct Console {
    verbosity: Verbosity,
}

impl Console {
    /// A console at the given verbosity.
    pub fn new(verbosity: Verbosity) -> Self {
        Console { verbosity }
    }

    /// The verbosity.
    pub fn verbosity(&self) -> Verbosity {
        self.verbosity
    }

    /// A problem the run survives (hidden by `-q`).
    pub fn warn(&self, message: impl Display) {
        if self.verbosity >= Verbosity::Normal {
            eprintln!("warning: {message}");
        }
    }

    /// A failure the run survives but the user must hear of (shown even with `-q`).
    pub fn error(&self, message: impl Display) {
        eprintln!("error: {message}");
    }

    /// A note or summary line (hidden by `-q`).
    pub fn info(&self, message: impl Display) {
        if self.verbosity >= Verbosity::Normal {
            eprintln!("{message}");
        }
    }

    /// Detail shown only with `-v`.
    pub fn detail(&self, message: impl Display) {
        if self.verbosity >= Verbosity::Verbose {
            eprintln!("{message}");
        }
    }
}
