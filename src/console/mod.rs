//! Result printers, at the export level: what `list`, `rank`, `missing` and `evaluate` print on
//! stdout ([`tables`], [`ranking`]), in the format the user chose. Chatter on stderr is
//! `crate::terminal`'s job.

pub mod diff;
pub mod lint;
pub mod ranking;
pub mod tables;

/// Formats of `citegraph list` and `citegraph evaluate` (the printers' own type: `config.rs`
/// converts the command line's into it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// Aligned columns for people.
    Table,
    /// JSON for scripts.
    Json,
}

/// Formats of `citegraph rank` and `citegraph missing` (the printers' own type: `config.rs`
/// converts the command line's into it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Aligned columns for people.
    Table,
    /// JSON for scripts.
    Json,
    /// CSV for spreadsheets.
    Csv,
}
