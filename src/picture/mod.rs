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

impl PictureInput<'_> {
    /// The title of a picture: the user's (`--title`), with `kind` after a colon for any picture
    /// but the map ("Model collapse: timeline"); else `kind`, a colon and the list's name
    /// ("Timeline: awesome-…").
    pub fn title(&self, kind: &str) -> String {
        let kind = kind.trim();
        match self.title.map(text::clean_text).filter(|t| !t.is_empty()) {
            Some(title) if kind == MAP_KIND => title,
            Some(title) => format!("{title}: {}", kind.to_lowercase()),
            None => format!("{kind}: {}", text::clean_text(&self.list.name)),
        }
    }
}

/// What the map is called in its default title.
pub const MAP_KIND: &str = "Literature map";

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
    /// The title the user gave the pictures (`--title`), if any.
    pub title: Option<&'a str>,
    /// The date of the data (`YYYY-MM-DD`), shown in titles; never the wall clock at render time.
    pub data_date: Option<&'a str>,
    /// Where the citations came from (`Semantic Scholar`, an API URL, or `synthetic demo data`).
    pub data_source: &'a str,
}
