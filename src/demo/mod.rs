//! `citegraph demo`'s data, at the level of stage 2 (s2): a corpus made from our SYNTHETIC
//! fixture universe, never fetched from anywhere. [`universe`] generates the world of papers
//! (the tests' mock Semantic Scholar serves the same one), and [`corpus`] makes of it the
//! [`Corpus`] the fetch stage would hand on, so every later stage runs on it unchanged.

pub mod corpus;
pub mod universe;

use crate::model::Corpus;
use crate::paper_list::PaperList;

/// How the demo's pictures and Markdown name where their citations came from.
pub const DATA_SOURCE: &str = "synthetic demo data";

/// The demo's list and corpus: the built-in list, renamed so that every title says the data is
/// synthetic, and the corpus of the synthetic universe built around it.
pub fn list_and_corpus() -> (PaperList, Corpus) {
    let mut list = PaperList::builtin();
    let corpus = corpus::corpus_for(&universe::Universe::builtin_field(), &list);
    list.name = format!("{} (SYNTHETIC DEMO DATA, not Semantic Scholar's)", list.name);
    (list, corpus)
}
