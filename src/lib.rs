//! citegraph: map a research field from a curated paper list.
//!
//! The data flows one way, one module per stage:
//! [`paper_list`] (Markdown -> `PaperList`) -> [`s2`] (-> `Corpus`, via the Semantic Scholar API
//! and the cache) -> [`graph`] (-> `CitationGraph`) -> [`rank`] (-> `Rankings`) -> [`picture`]
//! (scenes: layout, labels, legend) -> [`export`] (-> files). [`pipeline`] is the only module that names them all; [`config`] turns the command
//! line ([`cli`]) into a validated [`config::Config`].

pub mod atomic_file;
pub mod cli;
pub mod config;
pub mod console;
pub mod export;
pub mod graph;
pub mod model;
pub mod paper_list;
pub mod picture;
pub mod pipeline;
pub mod rank;
pub mod s2;
pub mod wording;

pub use config::Config;
pub use pipeline::{Outcome, run};
