//! citegraph: map a research field from a curated paper list.
//!
//! The data flows one way, one module per stage:
//! [`paper_list`] (Markdown -> `PaperList`) -> [`s2`] (-> `Corpus`, via the Semantic Scholar API
//! and the cache) -> [`graph`] (-> `CitationGraph`) -> [`rank`] (-> `Rankings`) -> [`picture`]
//! (scenes: layout, labels, legend) -> [`export`] (-> files). Beside the pictures, [`curate`]
//! works on the list itself (ignore file, lint, add, state since the last run, coverage). [`pipeline`] is the only module that
//! names them all; [`config`] turns the command line ([`cli`]) into a validated
//! [`config::Config`], building each stage's options. [`demo`] makes a synthetic corpus for
//! `citegraph demo` (and the tests) in place of stage 2.
//!
//! Shared by every stage and importing none: [`model`] (the hand-off types), [`defaults`] (every
//! default value), [`wording`], [`atomic_file`] and [`terminal`] (chatter on stderr). The result
//! printers in [`console`] sit beside [`export`]. `tests/architecture.rs` keeps every import
//! pointing this way.

pub mod atomic_file;
pub mod cli;
pub mod config;
pub mod console;
pub mod curate;
pub mod defaults;
pub mod demo;
pub mod export;
pub mod graph;
pub mod links;
pub mod model;
pub mod paper_list;
pub mod picture;
pub mod pipeline;
pub mod rank;
pub mod s2;
pub mod terminal;
pub mod wording;

pub use config::Config;
pub use pipeline::{Outcome, run};
