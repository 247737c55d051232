//! Pictures: the citation lines the map and the timeline share — light and thin under everything
//! else, fainter the more of them there are; the strongest ties (see
//! [`super::selection::ShownEdge::strong`]) darker and wider, so the structure shows through the
//! hairball.

use super::canvas::Drawing;
use super::geometry::Point;
use super::palette::{EDGE, EDGE_STRONG};
use super::selection::{Selection, ShownEdge};

/// How strongly citation lines are inked. Each ordinary line's opacity is
/// `density / sqrt(number of lines)`, kept within `faintest..=strongest`: the more lines, the
/// fainter each, so that the papers stay the figure and the lines the ground.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineInk {
    /// Opacity of one line among one, before the bounds.
    pub density: f64,
    /// The lowest opacity, however many lines.
    pub faintest: f64,
    /// The highest opacity, however few lines.
    pub strongest: f64,
}

/// The map's straight lines.
pub const MAP_LINES: LineInk = LineInk { density: 7.0, faintest: 0.08, strongest: 0.5 };
/// The timeline's arcs: a little fainter than the map's, as an arc is longer than the straight
/// line between the same two papers.
pub const TIMELINE_LINES: LineInk = LineInk { density: 5.0, faintest: 0.06, strongest: 0.45 };

/// A strong tie is this many times as opaque as an ordinary line...
pub const STRONG_BOOST: f64 = 3.0;
/// ... but never more opaque than this, nor less than [`STRONG_MIN`].
pub const STRONG_MAX: f64 = 0.7;
/// See [`STRONG_MAX`].
pub const STRONG_MIN: f64 = 0.35;

/// Draws every citation of the selection along the path `path` gives it (`None`: not drawn),
/// ordinary ones 1 px wide and faint, strong ties 2 px and darker, drawn last.
pub fn draw_citations(
    drawing: &mut Drawing,
    selection: &Selection,
    ink: LineInk,
    path: impl Fn(&ShownEdge) -> Option<Vec<Point>>,
) {
    let faint = (ink.density / (selection.edges.len().max(1) as f64).sqrt()).clamp(ink.faintest, ink.strongest);
    let strong = (faint * STRONG_BOOST).clamp(STRONG_MIN, STRONG_MAX);
    for e in selection.edges.iter().filter(|e| !e.strong) {
        if let Some(points) = path(e) {
            drawing.line(points, EDGE, faint, 1);
        }
    }
    for e in selection.edges.iter().filter(|e| e.strong) {
        if let Some(points) = path(e) {
            drawing.line(points, EDGE_STRONG, strong, 2);
        }
    }
}
