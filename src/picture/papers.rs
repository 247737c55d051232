//! Pictures: the paper circles the map and the timeline share — their size from links to the list, the
//! order they are painted in, their colours by role, and the invisible hotspots that give each a
//! tooltip and a link in the SVG.

use super::canvas::Align;
use super::canvas::{Drawing, Hotspot};
use super::geometry::Point;
use super::palette::{
    CANDIDATE_FILL, CANDIDATE_STROKE, CONTEXT_FILL, INK, Rgb, Vision, lab, section_colour, section_letter,
};
use super::selection::{Role, Selection};
use crate::graph::CitationGraph;

/// Size of the text of a count badge.
pub const BADGE_TEXT: f64 = 13.0;

/// Where the count badge of a paper of radius `radius` at `centre` goes: its text's anchor and
/// its box, at the circle's upper right.
pub fn badge_box(centre: Point, radius: f64, count: usize) -> (Point, super::geometry::Rect) {
    let text = format!("+{count}");
    let w = super::fonts::text_width(&text, BADGE_TEXT, true) + 8.0;
    let h = BADGE_TEXT + 6.0;
    let x0 = centre[0] + radius * 0.55;
    let y1 = centre[1] - radius * 0.55;
    let rect = super::geometry::Rect::new(x0, y1 - h, x0 + w, y1);
    ([x0 + w / 2.0, y1 - h / 2.0], rect)
}

/// Draws on each paper with collapsed neighbours (`--full-graph`) a badge `+N`: the papers linked
/// to it alone, left out of the picture.
pub fn draw_badges(drawing: &mut Drawing, selection: &Selection, centres: &[Option<Point>], radii: &[f64]) {
    for (i, &count) in selection.collapsed.iter().enumerate() {
        let Some(centre) = centres.get(i).copied().flatten() else { continue };
        if count == 0 {
            continue;
        }
        let (at, rect) = badge_box(centre, radii[i], count);
        drawing.filled(rect, Rgb(0xFF, 0xFF, 0xFF), 0.95);
        let corners =
            [[rect.x0, rect.y0], [rect.x1, rect.y0], [rect.x1, rect.y1], [rect.x0, rect.y1], [rect.x0, rect.y0]];
        drawing.line(corners.to_vec(), Rgb(0x70, 0x70, 0x70), 1.0, 1);
        drawing.text(format!("+{count}"), at, BADGE_TEXT, true, INK, Align::Centre);
    }
}

/// Relative size from PageRank: `sqrt(pagerank / max)` in 0..=1, so that a circle's area is
/// proportional to its PageRank.
pub fn relative_size(pagerank: f64, max_pagerank: f64) -> f64 {
    if max_pagerank > 0.0 && pagerank.is_finite() && pagerank > 0.0 {
        (pagerank / max_pagerank).sqrt().min(1.0)
    } else {
        0.0
    }
}

/// Radius in pixels of each shown paper (area from links to listed papers; smaller when many papers share the
/// canvas), and the radius range (smallest, largest) for the legend.
pub fn radii(selection: &Selection) -> (Vec<f64>, (f64, f64)) {
    // The other papers of `--full-graph` are small dots: they crowd the canvas a quarter as much.
    let context = selection.context_count();
    let n = selection.papers.len() - context + context / 4;
    let crowd = (64.0 / n.max(1) as f64).sqrt().clamp(0.3, 1.0);
    let (r_min, r_max) = (6.0 * crowd.max(0.6), 20.0 * crowd);
    let radii = selection
        .papers
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let s = selection.size(i);
            match p.role {
                Role::Context => (2.0 + 8.0 * s) * crowd.max(0.5),
                _ => r_min + (r_max - r_min) * s,
            }
        })
        .collect();
    (radii, (r_min, r_max))
}

/// Paints the circle of every paper with a centre (`None`: not drawn): other papers first, then
/// candidates, then listed ones, so the listed papers stay on top; larger ones first in each group.
/// Listed papers take their section's colour, candidates grey with an outline, others light grey.
pub fn draw_circles(drawing: &mut Drawing, selection: &Selection, centres: &[Option<Point>], radii: &[f64]) {
    let mut order: Vec<usize> = (0..selection.papers.len()).filter(|&i| centres[i].is_some()).collect();
    let group = |role: Role| match role {
        Role::Context => 0,
        Role::Candidate { .. } => 1,
        Role::Listed { .. } => 2,
    };
    order.sort_by(|&a, &b| {
        group(selection.papers[a].role)
            .cmp(&group(selection.papers[b].role))
            .then(radii[b].total_cmp(&radii[a]))
            .then(a.cmp(&b))
    });
    for &i in &order {
        let Some(c) = centres[i] else { continue };
        let r = radii[i];
        match selection.papers[i].role {
            Role::Listed { section } => {
                drawing.circle(c, r, section_colour(section), 1.0, Some((Rgb(255, 255, 255), 1)));
            }
            Role::Candidate { .. } => {
                // The accent: a dark disc in a white ring in a dark ring, the rank inside.
                drawing.circle(c, r + 2.5, CANDIDATE_STROKE, 1.0, None);
                drawing.circle(c, r, CANDIDATE_FILL, 1.0, Some((Rgb(255, 255, 255), 2)));
            }
            Role::Context => drawing.circle(c, r, CONTEXT_FILL, 0.9, None),
        }
        if let Some(mark) = mark(selection.papers[i].role, r) {
            drawing.text(mark.text, c, mark.size, true, mark.ink, Align::Centre);
        }
    }
}

/// What a paper's circle says inside: the section's letter on a listed paper (the second cue
/// beside colour), the rank on a candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The text.
    pub text: String,
    /// Its size, in pixels per em.
    pub size: f64,
    /// Its colour, dark or white for contrast with the fill.
    pub ink: Rgb,
}

/// The mark inside a circle of radius `r` of a paper with this role, if it has room for one.
pub fn mark(role: Role, r: f64) -> Option<Mark> {
    match role {
        Role::Listed { section } if r >= 7.0 => {
            let colour = section_colour(section);
            let ink = if lab(colour, Vision::Typical)[0] > 60.0 { INK } else { Rgb(255, 255, 255) };
            Some(Mark { text: section_letter(section).to_string(), size: (r * 1.1).min(18.0), ink })
        }
        Role::Candidate { rank } => {
            let text = (rank + 1).to_string();
            let size = (r * if text.len() > 1 { 0.95 } else { 1.2 }).clamp(8.0, 20.0);
            Some(Mark { text, size, ink: Rgb(255, 255, 255) })
        }
        _ => None,
    }
}

/// Tooltips (full title, authors) and links over every drawn paper, for the SVG.
pub fn add_hotspots(
    drawing: &mut Drawing,
    graph: &CitationGraph,
    selection: &Selection,
    centres: &[Option<Point>],
    radii: &[f64],
) {
    for (i, shown) in selection.papers.iter().enumerate() {
        if let Some(centre) = centres[i] {
            drawing.hotspots.push(Hotspot {
                centre,
                radius: radii[i],
                tooltip: selection.tooltip(graph, i),
                url: graph.node(shown.node).url(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_the_square_root_of_the_pagerank_share() {
        assert_eq!(relative_size(0.25, 1.0), 0.5);
        assert_eq!(relative_size(0.0, 1.0), 0.0);
        assert_eq!(relative_size(1.0, 0.0), 0.0);
        assert_eq!(relative_size(f64::NAN, 1.0), 0.0);
    }
}
