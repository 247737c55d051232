//! Terminal chatter, the progress bar: an indicatif bar on stderr (steps of a phase done, what is
//! being fetched now, ETA), shown only when stderr is a terminal and without `-q`; with `-v`, one
//! line per request above it (the fetch stage logs URLs only: the API key is a header, never shown).

use std::fmt::Display;
use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Console, Verbosity};

/// The progress bar and the request log.
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    console: Console,
    /// Whether the bar is shown; it is drawn from the first [`Progress::phase`] on, so it never
    /// shows an empty `0/0` before any work is known.
    visible: bool,
}

impl Progress {
    /// A progress display for `console`'s verbosity; hidden when stderr is not a terminal.
    pub fn new(console: &Console) -> Self {
        let visible = console.verbosity() >= Verbosity::Normal && std::io::stderr().is_terminal();
        let bar = if visible {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{prefix:>9} [{bar:25}] {pos}/{len} ETA {eta:>3} {wide_msg}")
                    .expect("the progress template is valid")
                    .progress_chars("=> "),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress { bar, console: console.clone(), visible }
    }

    /// A hidden display that logs nothing (for library callers and tests).
    pub fn silent() -> Self {
        Progress { bar: ProgressBar::hidden(), console: Console::new(Verbosity::Quiet), visible: false }
    }

    /// Starts a phase of `len` steps (`resolving` ids in batches, `matching` titles, `fetching`
    /// listings); the first one shows the bar.
    pub fn phase(&self, prefix: &'static str, len: u64) {
        // Changed out of sight, so no frame mixes the new phase with the last one's progress
        // (`reset` also restarts the ETA).
        self.bar.set_draw_target(ProgressDrawTarget::hidden());
        self.bar.set_prefix(prefix);
        self.bar.set_message("");
        self.bar.reset();
        self.bar.set_length(len);
        if self.visible {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(250));
        }
    }

    /// What is being fetched now.
    pub fn message(&self, message: impl Into<String>) {
        self.bar.set_message(crate::wording::strip_controls(&message.into()));
    }

    /// One step done.
    pub fn step(&self) {
        self.bar.inc(1);
    }

    /// A `-v` line (one per request), printed above the bar.
    pub fn detail(&self, message: impl Display) {
        if self.console.verbosity() >= Verbosity::Verbose {
            self.bar.suspend(|| self.console.detail(message));
        }
    }

    /// A warning, printed above the bar.
    pub fn warn(&self, message: impl Display) {
        self.bar.suspend(|| self.console.warn(message));
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
