//! Pictures: the paper labels the map and the timeline share — which papers get one and in what
//! order they claim space, their text (`Short title (year)`, candidates with their rank), their
//! size, and how they are drawn (on a translucent box, with a leader line when away from their
//! paper). Where each goes is [`super::label_placement`]'s job.

use super::canvas::{Align, Drawing};
use super::fonts::text_width;
use super::geometry::{Point, Rect};
use super::label_placement::{LabelRequest, Obstacle, Placement, place_labels_among};
use super::palette::{INK, MUTED, Rgb};
use super::selection::{LABELLED_CANDIDATES, Role, Selection};
use super::text;
use crate::graph::CitationGraph;

/// Text size of a listed paper's label, in pixels per em.
pub const LISTED_LABEL: f64 = 20.0;
/// Text size of the top candidates' labels (the first [`LABELLED_CANDIDATES`]).
pub const CANDIDATE_LABEL: f64 = 20.0;
/// Text size of the other labels (candidates 16 to 40).
pub const OTHER_LABEL: f64 = 16.0;
/// Text size of the labels of candidates past the default map's 40 (`--map-top 100`): smaller, so
/// that a crowded map can still name most of them.
pub const FURTHER_LABEL: f64 = 14.0;
/// A label box is this many times its text size tall.
pub const LINE_HEIGHT: f64 = 1.3;
/// Height of a listed paper's label box.
pub const LISTED_LABEL_BOX: f64 = LISTED_LABEL * LINE_HEIGHT;
/// Space between a label's box and its text, left and right.
pub const LABEL_PAD: f64 = 3.0;
/// Opacity of the white box under a label's text.
const BOX_ALPHA: f64 = 0.78;

/// A label as placed.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperLabel {
    /// Position in [`Selection::papers`] of the paper it names.
    pub paper: usize,
    /// The text.
    pub text: String,
    /// Its box (text plus padding).
    pub placement: Placement,
    /// Its text size, in pixels per em.
    pub size: f64,
}

/// Text size of a label on the timeline, whose rows are tighter than the map: listed papers
/// 15 px, the others 14 px.
pub fn timeline_label_size(selection: &Selection, index: usize) -> f64 {
    match selection.papers[index].role {
        Role::Listed { .. } => 15.0,
        _ => 14.0,
    }
}

/// Text size of the label of the paper at `index`.
pub fn label_size(selection: &Selection, index: usize) -> f64 {
    match selection.papers[index].role {
        Role::Listed { .. } => LISTED_LABEL,
        Role::Candidate { rank } if rank < LABELLED_CANDIDATES => CANDIDATE_LABEL,
        Role::Candidate { rank } if rank >= crate::defaults::MAP_TOP => FURTHER_LABEL,
        _ => OTHER_LABEL,
    }
}

/// The short label of a shown paper, for when its title does not fit: `#rank Surname YYYY`
/// for candidates, `Surname YYYY` for the others.
pub fn short_label(graph: &CitationGraph, selection: &Selection, index: usize) -> String {
    let shown = selection.papers[index];
    let short = text::author_year(graph.node(shown.node));
    match shown.role {
        Role::Candidate { rank } => format!("#{} {short}", rank + 1),
        _ => short,
    }
}

/// Label text of a shown paper: `Short title (year)`, candidates prefixed with their rank.
pub fn label_text(graph: &CitationGraph, selection: &Selection, index: usize) -> String {
    let shown = selection.papers[index];
    let label = text::label(graph.node(shown.node));
    match shown.role {
        Role::Candidate { rank } => format!("#{} {label}", rank + 1),
        _ => label,
    }
}

/// Places labels for the labelled papers of `selection` — listed papers first (most central
/// first), then the candidates by rank, then other large papers — each inside `plot` and inside
/// `within(paper)` when that gives an area. Returns the labels placed and the papers that found
/// no free spot.
pub fn place(
    graph: &CitationGraph,
    selection: &Selection,
    centres: &[Point],
    radii: &[f64],
    plot: Rect,
    within: &dyn Fn(usize) -> Option<Rect>,
    sizes: fn(&Selection, usize) -> f64,
) -> (Vec<PaperLabel>, Vec<usize>) {
    let mut wanted: Vec<usize> = (0..selection.papers.len()).filter(|&i| selection.is_labelled(i)).collect();
    let key = |i: usize| {
        let p = &selection.papers[i];
        match p.role {
            Role::Listed { .. } => (0, 0, -p.pagerank),
            Role::Candidate { rank } => (1, rank, 0.0),
            Role::Context => (2, 0, -p.pagerank),
        }
    };
    wanted.sort_by(|&a, &b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then(ka.1.cmp(&kb.1)).then(ka.2.total_cmp(&kb.2)).then(a.cmp(&b))
    });
    // Candidates past the top ones are named the short way from the start: the map has room for
    // the titles of the papers that matter most.
    let texts: Vec<String> = wanted
        .iter()
        .map(|&i| match selection.papers[i].role {
            Role::Candidate { rank } if rank >= LABELLED_CANDIDATES => short_label(graph, selection, i),
            _ => label_text(graph, selection, i),
        })
        .collect();
    let request = |i: usize, text: &str| {
        let size = sizes(selection, i);
        LabelRequest {
            anchor: centres[i],
            radius: radii[i] + 3.0,
            width: text_width(text, size, false) + 2.0 * LABEL_PAD,
            height: size * LINE_HEIGHT,
            within: within(i),
        }
    };
    let requests: Vec<LabelRequest> = wanted.iter().zip(&texts).map(|(&i, text)| request(i, text)).collect();
    // Covering a listed paper or a candidate is not allowed, another paper costs a little. The
    // candidates' rings are 3 px outside their radius.
    let obstacles: Vec<Obstacle> = (0..selection.papers.len())
        .map(|i| Obstacle {
            centre: centres[i],
            radius: radii[i] + if matches!(selection.papers[i].role, Role::Candidate { .. }) { 3.0 } else { 0.0 },
            weight: match selection.papers[i].role {
                Role::Listed { .. } => 4.0,
                Role::Candidate { .. } => 2.0,
                Role::Context => 0.3,
            },
        })
        .collect();
    // The papers that matter most first (listed, top candidates), each retrying the short form
    // before the further candidates take any room; then the further candidates.
    let first =
        |k: usize| !matches!(selection.papers[wanted[k]].role, Role::Candidate { rank } if rank >= LABELLED_CANDIDATES);
    let mut placements: Vec<Option<Placement>> = vec![None; wanted.len()];
    let mut texts = texts;
    for group in [true, false] {
        let members: Vec<usize> = (0..wanted.len()).filter(|&k| first(k) == group).collect();
        let taken: Vec<Rect> = placements.iter().flatten().map(|p| p.rect).collect();
        let asks: Vec<LabelRequest> = members.iter().map(|&k| requests[k]).collect();
        let own: Vec<Option<usize>> = members.iter().map(|&k| Some(wanted[k])).collect();
        for (&k, placement) in members.iter().zip(place_labels_among(&asks, &obstacles, &own, plot, &taken)) {
            placements[k] = placement;
        }
        // Who found no spot tries again with the short form, around the labels placed.
        let retry: Vec<usize> = members.iter().copied().filter(|&k| placements[k].is_none()).collect();
        if retry.is_empty() {
            continue;
        }
        let taken: Vec<Rect> = placements.iter().flatten().map(|p| p.rect).collect();
        let shorts: Vec<String> = retry.iter().map(|&k| short_label(graph, selection, wanted[k])).collect();
        let again: Vec<LabelRequest> = retry.iter().zip(&shorts).map(|(&k, t)| request(wanted[k], t)).collect();
        let own_again: Vec<Option<usize>> = retry.iter().map(|&k| Some(wanted[k])).collect();
        let placed = place_labels_among(&again, &obstacles, &own_again, plot, &taken);
        for ((&k, short), placement) in retry.iter().zip(shorts).zip(placed) {
            if placement.is_some() {
                placements[k] = placement;
                texts[k] = short;
            }
        }
    }
    let mut labels = Vec::new();
    let mut unlabelled = Vec::new();
    for ((&i, text), placement) in wanted.iter().zip(texts).zip(placements) {
        match placement {
            Some(placement) => labels.push(PaperLabel { paper: i, text, placement, size: sizes(selection, i) }),
            None => unlabelled.push(i),
        }
    }
    (labels, unlabelled)
}

/// Draws placed labels: leader lines for those away from their paper, then each text on a
/// translucent white box.
pub fn draw(drawing: &mut Drawing, selection: &Selection, labels: &[PaperLabel], centres: &[Point], radii: &[f64]) {
    for label in labels {
        let rect = label.placement.rect;
        if label.placement.leader {
            let c = centres[label.paper];
            let target = rect.nearest_point(c);
            let (dx, dy) = (target[0] - c[0], target[1] - c[1]);
            let d = dx.hypot(dy).max(1e-9);
            let r = radii[label.paper]
                + if matches!(selection.papers[label.paper].role, Role::Candidate { .. }) { 3.5 } else { 1.0 };
            drawing.line(vec![[c[0] + dx / d * r, c[1] + dy / d * r], target], INK, 0.75, 1);
        }
    }
    for label in labels {
        let rect = label.placement.rect;
        let size = label.size;
        let colour = match selection.papers[label.paper].role {
            Role::Context => MUTED,
            _ => INK,
        };
        drawing.filled(rect, Rgb(255, 255, 255), BOX_ALPHA);
        drawing.text(
            label.text.clone(),
            [rect.x0 + LABEL_PAD, (rect.y0 + rect.y1) / 2.0],
            size,
            false,
            colour,
            Align::Left,
        );
    }
}
