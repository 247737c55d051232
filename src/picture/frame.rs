//! Pictures: the frame the map and the timeline share — a 1920x1080 canvas (a 16:9 slide), the
//! title with the list's name and the line under it saying what is shown and the date of the
//! data, the legend panel on the right, the plot area left of it, and the note an empty picture
//! shows instead of papers.

use super::PictureInput;
use super::canvas::{Align, Drawing};
use super::fonts::fit_width;
use super::geometry::Rect;
use super::legend::{LegendSpec, LineKinds, draw_legend};
use super::palette::{INK, MUTED};
use super::selection::Selection;
use super::text::clean_text;

/// Canvas width: a 16:9 slide.
pub const WIDTH: u32 = 1920;
/// Canvas height.
pub const HEIGHT: u32 = 1080;
/// Empty space between the canvas edge and anything drawn.
pub const MARGIN: f64 = 28.0;
/// Top of the plot and the legend: below the title (centred at y 40) and the line under it (76).
pub const HEADER: f64 = 104.0;
/// Width of the legend panel at the right.
pub const LEGEND_WIDTH: f64 = 372.0;
/// Space between the plot and the legend panel.
pub const LEGEND_GAP: f64 = 20.0;
/// Size of the title, in pixels per em.
const TITLE_SIZE: f64 = 30.0;
/// Size of the line under the title.
const SUBTITLE_SIZE: f64 = 17.0;
/// Size of the note an empty picture shows.
const EMPTY_NOTE_SIZE: f64 = 20.0;

/// A picture begun: its drawing with the title drawn, and where the papers and the legend go.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The picture so far.
    pub drawing: Drawing,
    /// The area papers and labels are confined to.
    pub plot: Rect,
    /// The area of the legend panel.
    pub legend: Rect,
    /// The side list the legend shows under the candidates: (rank from 0, text), best first.
    pub top_candidates: Vec<(usize, String)>,
    /// Whether the picture draws `+N` badges for the papers `--full-graph` leaves out.
    pub badges: bool,
}

impl Frame {
    /// A white canvas titled `title` (also its SVG `<title>`), with the title and `subtitle`
    /// drawn at the top, each cut to the canvas width. The plot ends `bottom_room` pixels above
    /// the bottom margin (room for the timeline's axis).
    pub fn new(title: String, subtitle: &str, bottom_room: f64) -> Frame {
        let mut drawing = Drawing::new(WIDTH, HEIGHT, title);
        let canvas = drawing.bounds();
        let plot =
            Rect::new(MARGIN, HEADER, canvas.x1 - MARGIN - LEGEND_WIDTH - LEGEND_GAP, canvas.y1 - MARGIN - bottom_room);
        let legend = Rect::new(canvas.x1 - MARGIN - LEGEND_WIDTH, HEADER, canvas.x1 - MARGIN, canvas.y1 - MARGIN);
        let width = f64::from(drawing.width) - 2.0 * MARGIN;
        let title = fit_width(&drawing.title, TITLE_SIZE, true, width);
        drawing.text(title, [MARGIN, 40.0], TITLE_SIZE, true, INK, Align::Left);
        drawing.text(
            fit_width(subtitle, SUBTITLE_SIZE, false, width),
            [MARGIN, 76.0],
            SUBTITLE_SIZE,
            false,
            MUTED,
            Align::Left,
        );
        Frame { drawing, plot, legend, top_candidates: Vec::new(), badges: false }
    }

    /// Draws the legend for `selection`: its sections and colours, the candidates (with the side
    /// list of [`Frame::top_candidates`]), circle sizes from `radius_range`, the kinds of line
    /// drawn and how to read them (`lines`), the placement (`placement`), and the date of the data.
    pub fn legend(
        &mut self,
        selection: &Selection,
        radius_range: (f64, f64),
        placement: &str,
        lines: &str,
        data_date: Option<&str>,
        data_source: &str,
    ) {
        draw_legend(
            &mut self.drawing,
            self.legend,
            &LegendSpec {
                sections: &selection.sections,
                candidates: selection.candidate_count(),
                context: selection.context_count(),
                collapsed: selection.collapsed.iter().sum(),
                badges: self.badges,
                radius_range,
                placement,
                lines,
                line_kinds: LineKinds {
                    ordinary: selection.edges.iter().any(|e| !e.strong),
                    strong: selection.edges.iter().any(|e| e.strong),
                },
                top_candidates: &self.top_candidates,
                data_date,
                data_source,
            },
        );
    }

    /// Writes `note` in the middle of the plot: what an empty picture shows instead of papers.
    pub fn empty_note(&mut self, note: &str) {
        self.drawing.text(note, self.plot.centre(), EMPTY_NOTE_SIZE, false, MUTED, Align::Centre);
    }
}

/// The line under the title: what is shown and the date of the data.
pub fn subtitle(input: &PictureInput<'_>, selection: &Selection) -> String {
    let sections = selection.sections.len();
    let mut s = format!(
        "{} listed papers in {} section{}",
        selection.listed_count(),
        sections,
        if sections == 1 { "" } else { "s" }
    );
    if selection.candidate_count() > 0 {
        s.push_str(&format!(" and the {} most related papers not on the list", selection.candidate_count()));
    }
    if selection.context_count() > 0 {
        s.push_str(&format!(", with {} other papers of the citation graph", selection.context_count()));
    }
    s.push_str(&format!(
        " · citations from {}, data as of {}",
        clean_text(input.data_source),
        input.data_date.map_or_else(|| "an unknown date".to_owned(), clean_text)
    ));
    s
}
