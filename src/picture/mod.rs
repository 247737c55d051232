//! Pictures, between stage 4 ([`crate::rank`]) and stage 5 (`export`): the drawing
//! machinery. From the rankings it builds scenes — which papers are shown ([`selection`]), where
//! they sit ([`layout`] for the map, [`timeline`] by date), their labels ([`label_placement`]),
//! circles, citation lines, the shared frame and legend — as plain display lists ([`canvas`])
//! that the exporters serialise. Imports the model, graph, rank and paper-list stages; never
//! `export`.

pub mod canvas;
pub mod count_strip;
pub mod edges;
pub mod fonts;
pub mod frame;
pub mod geometry;
pub mod label_placement;
pub mod layout;
pub mod legend;
pub mod map;
pub mod palette;
pub mod paper_labels;
pub mod papers;
pub mod selection;
pub mod text;
pub mod time_axis;
pub mod timeline;

use crate::graph::CitationGraph;
use crate::paper_list::PaperList;
use crate::rank::Rankings;

/// Everything a scene is drawn from: the run's list, graph and rankings, and the options that
/// change what a picture shows.
#[derive(Debug, Clone, Copy)]
pub struct PictureInput<'a> {
    /// The list the run started from (its name titles the pictures, its sections colour them).
    pub list: &'a PaperList,
    /// The citation graph.
    pub graph: &'a CitationGraph,
    /// Metrics (PageRank sizes the circles) and candidates (the grey papers).
    pub rankings: &'a Rankings,
    /// Top candidates drawn beside the listed papers.
    pub map_top: usize,
    /// Draw every node of the graph, not only the listed papers and the top candidates.
    pub full_graph: bool,
    /// The date of the data (`YYYY-MM-DD`), shown in titles; never the wall clock at render time.
    pub data_date: Option<&'a str>,
    /// Where the citations came from (`Semantic Scholar`, an API URL, or `synthetic demo data`).
    pub data_source: &'a str,
}
