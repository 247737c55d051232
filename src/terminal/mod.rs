//! Terminal chatter on stderr: warnings, errors, notes and request logs ([`Console`]) and the
//! progress bar ([`Progress`]), as loud as `-q`/`-v` allow. Shared by every stage; imports none.
//! Results on stdout are not chatter: the printers in `console/` and the exporters write those
//! (the table printers through [`StripControls`]). Nothing reaches the terminal with a control
//! character but a line feed or a tab ([`strip_controls`]), so no title can retitle, recolour or
//! erase it.

pub mod progress;

use std::fmt::Display;
use std::io::Write;

use crate::wording::strip_controls;

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
            eprintln!("warning: {}", printable(message));
        }
    }

    /// A failure the run survives but the user must hear of (shown even with `-q`).
    pub fn error(&self, message: impl Display) {
        eprintln!("error: {}", printable(message));
    }

    /// A note or summary line (hidden by `-q`).
    pub fn info(&self, message: impl Display) {
        if self.verbosity >= Verbosity::Normal {
            eprintln!("{}", printable(message));
        }
    }

    /// Detail shown only with `-v`.
    pub fn detail(&self, message: impl Display) {
        if self.verbosity >= Verbosity::Verbose {
            eprintln!("{}", printable(message));
        }
    }
}

/// A message as the terminal may show it: its text without control characters
/// ([`strip_controls`]; line feeds and tabs stay). For anything printed to a terminal outside
/// [`Console`] (the error chain `main` prints).
pub fn printable(message: impl Display) -> String {
    strip_controls(&message.to_string())
}

/// A writer that drops every control character but line feed and tab from what passes through
/// it: the C0 controls and DEL byte by byte, and the C1 controls (U+0080 to U+009F, two bytes in
/// UTF-8) even when split across writes. Text tables for people go to stdout through it; JSON and
/// CSV do not need it (serde escapes control characters, CSV cells are cleaned).
#[derive(Debug)]
pub struct StripControls<W: Write> {
    inner: W,
    /// A `0xC2` lead byte held until the next byte says whether it starts a C1 control.
    lead: bool,
}

impl<W: Write> StripControls<W> {
    /// Filters what is written to `inner`.
    pub fn new(inner: W) -> Self {
        StripControls { inner, lead: false }
    }
}

impl<W: Write> Write for StripControls<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len() + 1);
        for &b in buf {
            if std::mem::take(&mut self.lead) {
                if (0x80..=0x9F).contains(&b) {
                    continue;
                }
                out.push(0xC2);
            }
            match b {
                0xC2 => self.lead = true,
                b'\n' | b'\t' => out.push(b),
                0x00..=0x1F | 0x7F => {}
                _ => out.push(b),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_drops_c0_c1_and_del_but_keeps_lines_and_text() {
        let text = "a\u{1b}]0;t\u{7}b\r\n\tc\u{9b}1m\u{0}\u{7f} Chloé ∞ ¢ \u{85}end\n";
        let mut out = StripControls::new(Vec::new());
        // Byte by byte, so a C1 control is split across writes.
        for b in text.as_bytes() {
            out.write_all(std::slice::from_ref(b)).unwrap();
        }
        assert_eq!(String::from_utf8(out.inner).unwrap(), "a]0;tb\n\tc1m Chloé ∞ ¢ end\n");
    }

    #[test]
    fn printable_messages_keep_their_lines() {
        assert_eq!(printable(format_args!("x \u{1b}[2K{}\ny", 1)), "x [2K1\ny");
    }
}
