//! Pictures: the literature map's scene — the shown papers placed by a force-directed layout of
//! their citations (listed papers coloured by section, candidates dark with their rank, size from links to the list),
//! labels that never overlap, the legend, and the title with the list's name and the data's date.
//! Built once per run and shared by `literature-map.svg` and `literature-map.png`.

use std::f64::consts::TAU;

use super::PictureInput;
use super::canvas::Drawing;
use super::edges::{MAP_LINES, draw_citations};
use super::frame::{Frame, subtitle};
use super::geometry::{Point, Rect};
use super::layout::{LayoutParams, Spring, force_atlas2, remove_overlaps};
use super::paper_labels::{self, PaperLabel};
use super::papers::{add_hotspots, badge_box, draw_badges, draw_circles, radii};
use super::selection::{Role, Selection};
use super::text;

/// How the legend says the map places papers.
const PLACEMENT: &str = "Papers that cite each other, or are cited together, sit close together; \
                         distance across the map has no other meaning.";
/// How the legend says to read the map's lines.
const LINES: &str = "A line joins two papers when one cites the other. Strong ties: the fifth of the lines \
                     whose papers share the most citing and cited papers (influential citations count extra).";
/// How hard two papers cited together pull, per square root of the papers citing both.
const CO_CITATION_PULL: f64 = 0.2;
/// The most candidates the side list names.
pub const SIDE_LIST: usize = 15;
/// What an empty map says.
const EMPTY: &str = "No papers to draw: none of the listed papers was found.";

/// The map, laid out: where every shown paper sits, its radius, its label, and the drawing.
#[derive(Debug, Clone)]
pub struct MapScene {
    /// What is shown.
    pub selection: Selection,
    /// Centre of each shown paper, in pixels (same order as `selection.papers`).
    pub centres: Vec<Point>,
    /// Radius of each shown paper, in pixels.
    pub radii: Vec<f64>,
    /// The labels placed.
    pub labels: Vec<PaperLabel>,
    /// Papers that should have had a label but found no free spot.
    pub unlabelled: Vec<usize>,
    /// The area nodes and labels are confined to.
    pub plot: Rect,
    /// The picture.
    pub drawing: Drawing,
}

impl MapScene {
    /// Lays out and draws the map for these inputs: the frame, the layout fitted to the plot,
    /// then citations, paper circles, labels and the legend, back to front.
    pub fn new(input: &PictureInput<'_>) -> MapScene {
        let selection = Selection::new(input);
        let title = input.title(super::MAP_KIND);
        let mut frame = Frame::new(title, &subtitle(input, &selection), 0.0);
        let plot = frame.plot;

        let (radii, radius_range) = radii(&selection);
        let centres = fit(&tame_outliers(layout(&selection), &selection), &radii, plot);
        let drawn: Vec<Option<Point>> = centres.iter().map(|&c| Some(c)).collect();

        draw_citations(&mut frame.drawing, &selection, MAP_LINES, |e| Some(vec![centres[e.citing], centres[e.cited]]));
        draw_circles(&mut frame.drawing, &selection, &drawn, &radii);
        draw_badges(&mut frame.drawing, &selection, &drawn, &radii);
        frame.badges = true;
        add_hotspots(&mut frame.drawing, input.graph, &selection, &drawn, &radii);
        // Labels keep clear of the badges too: a paper with one counts as the circle around both.
        let reach: Vec<f64> = (0..radii.len())
            .map(|i| match selection.collapsed[i] {
                0 => radii[i],
                n => {
                    let (_, badge) = badge_box(centres[i], radii[i], n);
                    let far = |x: f64, y: f64| (x - centres[i][0]).hypot(y - centres[i][1]);
                    radii[i].max(far(badge.x1, badge.y0))
                }
            })
            .collect();
        let (labels, unlabelled) =
            paper_labels::place(input.graph, &selection, &centres, &reach, plot, &|_| None, paper_labels::label_size);
        paper_labels::draw(&mut frame.drawing, &selection, &labels, &centres, &radii);
        frame.top_candidates = side_list(input, &selection);
        frame.legend(&selection, radius_range, PLACEMENT, LINES, input.data_date, input.data_source);
        if selection.papers.is_empty() {
            frame.empty_note(EMPTY);
        }
        MapScene { selection, centres, radii, labels, unlabelled, plot, drawing: frame.drawing }
    }
}

/// The side list beside the map, as Connected Papers and Local Citation Network show one: the
/// top candidates (at most [`SIDE_LIST`]) with their short titles, best first.
fn side_list(input: &PictureInput<'_>, selection: &Selection) -> Vec<(usize, String)> {
    let mut top: Vec<(usize, String)> = selection
        .papers
        .iter()
        .filter_map(|p| match p.role {
            Role::Candidate { rank } => Some((rank, text::label(input.graph.node(p.node)))),
            _ => None,
        })
        .collect();
    top.sort_by_key(|(rank, _)| *rank);
    top.truncate(SIDE_LIST);
    top
}

/// The force-directed layout of the selection, in layout units. Listed papers start on a circle,
/// each section on its own arc, and every other paper at the mean of its listed neighbours: the
/// citations then decide where each paper settles.
fn layout(selection: &Selection) -> Vec<Point> {
    let n = selection.papers.len();
    let sections = selection.sections.len().max(1) as f64;
    let spread = (n as f64).sqrt() * 2.0;
    let mut start: Vec<Option<Point>> = selection
        .papers
        .iter()
        .enumerate()
        .map(|(i, p)| match p.role {
            Role::Listed { section } => {
                let angle = TAU * (section as f64 + 0.5 + 0.1 * ((i % 5) as f64 - 2.0)) / sections;
                Some([spread * angle.cos(), spread * angle.sin()])
            }
            _ => None,
        })
        .collect();
    let mut sum = vec![[0.0, 0.0, 0.0]; n];
    for e in &selection.edges {
        for (a, b) in [(e.citing, e.cited), (e.cited, e.citing)] {
            if let Some(p) = start[b]
                && start[a].is_none()
            {
                sum[a][0] += p[0];
                sum[a][1] += p[1];
                sum[a][2] += 1.0;
            }
        }
    }
    for i in 0..n {
        if start[i].is_none() {
            let [x, y, k] = sum[i];
            start[i] = Some(if k > 0.0 { [x / k * 0.8, y / k * 0.8] } else { [0.0, 0.0] });
        }
    }
    let start: Vec<Point> = start.into_iter().map(|p| p.unwrap_or([0.0, 0.0])).collect();
    // Citations pull by the strength of the tie; papers cited together pull a little too, so
    // that sections and clusters show even where no citation joins their papers.
    let springs: Vec<Spring> = selection
        .edges
        .iter()
        .map(|e| Spring { a: e.citing, b: e.cited, weight: (1.0 + f64::from(e.strength).sqrt() * 0.25).min(2.5) })
        .chain(selection.co_cited.iter().map(|p| Spring {
            a: p.a,
            b: p.b,
            weight: (f64::from(p.count).sqrt() * CO_CITATION_PULL).min(1.0),
        }))
        .collect();
    let params =
        LayoutParams { iterations: if n <= 300 { 700 } else { 350 }, lin_log: true, ..LayoutParams::default() };
    force_atlas2(&start, &springs, &params)
}

/// Keeps a few far-flung papers from shrinking everything else to a dot. Repulsion pushes papers
/// with no citation among the shown ones (and small separate groups) far out; papers with no
/// link at all go onto a ring just outside the linked ones, in their order, and linked papers
/// beyond the 98th percentile of distance are pulled in to it.
fn tame_outliers(mut positions: Vec<Point>, selection: &Selection) -> Vec<Point> {
    let n = positions.len();
    let mut linked = vec![false; n];
    for e in &selection.edges {
        linked[e.citing] = true;
        linked[e.cited] = true;
    }
    let mut distances: Vec<f64> =
        (0..n).filter(|&i| linked[i]).map(|i| positions[i][0].hypot(positions[i][1])).collect();
    if distances.is_empty() {
        return positions;
    }
    distances.sort_by(f64::total_cmp);
    let reach = distances[((distances.len() - 1) as f64 * 0.98).round() as usize].max(1e-9);
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut parked = 0.0;
    for (i, p) in positions.iter_mut().enumerate() {
        let d = p[0].hypot(p[1]);
        if !linked[i] {
            let angle = golden * parked;
            parked += 1.0;
            *p = [reach * 1.08 * angle.cos(), reach * 1.08 * angle.sin()];
        } else if d > reach * 1.1 {
            *p = [p[0] / d * reach * 1.1, p[1] / d * reach * 1.1];
        }
    }
    positions
}

/// Scales layout positions into `plot` (keeping the aspect within a factor of 1.6) and pushes
/// overlapping circles apart.
fn fit(positions: &[Point], radii: &[f64], plot: Rect) -> Vec<Point> {
    if positions.is_empty() {
        return Vec::new();
    }
    let pad = radii.iter().copied().fold(0.0, f64::max) + 6.0;
    let inner = Rect::new(plot.x0 + pad, plot.y0 + pad, plot.x1 - pad, plot.y1 - pad);
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in positions {
        x0 = x0.min(p[0]);
        y0 = y0.min(p[1]);
        x1 = x1.max(p[0]);
        y1 = y1.max(p[1]);
    }
    let (w, h) = ((x1 - x0).max(1e-9), (y1 - y0).max(1e-9));
    let mut sx = inner.width() / w;
    let mut sy = inner.height() / h;
    sx = sx.min(sy * 1.6);
    sy = sy.min(sx * 1.6);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let (px, py) = ((inner.x0 + inner.x1) / 2.0, (inner.y0 + inner.y1) / 2.0);
    let mut centres: Vec<Point> = positions.iter().map(|p| [px + (p[0] - cx) * sx, py + (p[1] - cy) * sy]).collect();
    let sweeps = if positions.len() <= 300 { 80 } else { 20 };
    remove_overlaps(&mut centres, radii, 3.0, [plot.x0, plot.y0, plot.x1, plot.y1], sweeps);
    centres
}
