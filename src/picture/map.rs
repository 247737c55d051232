//! Stage 5, pictures: `literature-map.svg`, the shown papers placed by a force-directed layout of
//! their citations — listed papers coloured by section, candidates grey, size from PageRank,
//! labels that never overlap, a legend, and a title with the list's name and the data's date.

use std::f64::consts::TAU;
use std::io::Write;

use anyhow::Result;

use super::canvas::{Align, Drawing, Hotspot};
use super::fonts::{fit_width, text_width};
use super::labels::{LabelRequest, Obstacle, Placement, Rect, place_labels};
use super::layout::{LayoutParams, Point, Spring, force_atlas2, remove_overlaps};
use super::legend::{LegendSpec, draw_legend};
use super::selection::{Role, Selection};
use super::style::{self, CANDIDATE_FILL, CANDIDATE_STROKE, CONTEXT_FILL, EDGE, EDGE_INFLUENTIAL, INK, MUTED, Rgb};
use super::{ExportInput, Exporter};

/// Canvas width: a 16:9 slide.
pub const WIDTH: u32 = 1920;
/// Canvas height.
pub const HEIGHT: u32 = 1080;
pub(super) const MARGIN: f64 = 28.0;
pub(super) const HEADER: f64 = 104.0;
pub(super) const LEGEND_WIDTH: f64 = 372.0;
pub(super) const LISTED_LABEL: f64 = 15.0;
pub(super) const CANDIDATE_LABEL: f64 = 14.0;
pub(super) const LABEL_PAD: f64 = 3.0;

/// Writes `literature-map.svg`.
#[derive(Debug, Clone, Copy, Default)]
pub struct MapSvgExporter;

impl Exporter for MapSvgExporter {
    fn file_name(&self) -> &'static str {
        "literature-map.svg"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        out.write_all(MapScene::new(input).drawing.to_svg()?.as_bytes())?;
        Ok(())
    }
}

/// A label as placed on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLabel {
    /// Position in [`Selection::papers`] of the paper it names.
    pub paper: usize,
    /// The text.
    pub text: String,
    /// Its box (text plus padding).
    pub placement: Placement,
}

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
    pub labels: Vec<MapLabel>,
    /// Papers that should have had a label but found no free spot.
    pub unlabelled: Vec<usize>,
    /// The area nodes and labels are confined to.
    pub plot: Rect,
    /// The picture.
    pub drawing: Drawing,
}

impl MapScene {
    /// Lays out and draws the map for these inputs.
    pub fn new(input: &ExportInput<'_>) -> MapScene {
        let selection = Selection::new(input);
        let title = format!("Literature map: {}", style::clean_text(&input.list.name));
        let mut drawing = Drawing::new(WIDTH, HEIGHT, title.clone());
        let canvas = drawing.bounds();
        let plot = Rect::new(MARGIN, HEADER, canvas.x1 - MARGIN - LEGEND_WIDTH - 20.0, canvas.y1 - MARGIN);
        let n = selection.papers.len();

        let (radii, radius_range) = radii(&selection);
        let centres = fit(&tame_outliers(layout(&selection), &selection), &radii, plot);

        header(&mut drawing, &title, &subtitle(input, &selection));

        // Citations, light and thin, under everything.
        // The more lines, the fainter each, so that the papers stay the figure and the lines the ground.
        let faint = (7.0 / (selection.edges.len().max(1) as f64).sqrt()).clamp(0.08, 0.5);
        for e in &selection.edges {
            let points = vec![centres[e.citing], centres[e.cited]];
            if e.influential {
                drawing.line(points, EDGE_INFLUENTIAL, (faint * 1.6).min(0.6), 2);
            } else {
                drawing.line(points, EDGE, faint, 1);
            }
        }

        // Papers: other papers, then candidates, then listed ones; larger ones first in each group.
        let mut order: Vec<usize> = (0..n).collect();
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
            match selection.papers[i].role {
                Role::Listed { section } => {
                    drawing.circle(
                        centres[i],
                        radii[i],
                        style::section_colour(section),
                        1.0,
                        Some((Rgb(255, 255, 255), 1)),
                    );
                }
                Role::Candidate { .. } => {
                    drawing.circle(centres[i], radii[i], CANDIDATE_FILL, 1.0, Some((CANDIDATE_STROKE, 1)));
                }
                Role::Context => drawing.circle(centres[i], radii[i], CONTEXT_FILL, 0.9, None),
            }
        }

        add_hotspots(&mut drawing, input, &selection, &centres.iter().map(|&c| Some(c)).collect::<Vec<_>>(), &radii);
        let (labels, unlabelled) = place(input, &selection, &centres, &radii, plot, &|_| None);
        draw_labels(&mut drawing, &selection, &labels, &centres, &radii);

        let legend = Rect::new(canvas.x1 - MARGIN - LEGEND_WIDTH, HEADER, canvas.x1 - MARGIN, canvas.y1 - MARGIN);
        draw_legend(
            &mut drawing,
            legend,
            &LegendSpec {
                sections: &selection.sections,
                candidates: selection.candidate_count(),
                context: selection.context_count(),
                radius_range,
                placement: "Papers that cite each other, or are cited together, sit close together; \
                            distance across the map has no other meaning.",
                lines: "A line joins two papers when one cites the other.",
                data_date: input.options.data_date.as_deref(),
            },
        );
        if n == 0 {
            drawing.text(
                "No papers to draw: none of the listed papers was found.",
                [(plot.x0 + plot.x1) / 2.0, (plot.y0 + plot.y1) / 2.0],
                20.0,
                false,
                MUTED,
                Align::Centre,
            );
        }
        MapScene { selection, centres, radii, labels, unlabelled, plot, drawing }
    }
}

/// Radius in pixels of each shown paper (area from PageRank; smaller when many papers share the
/// canvas), and the radius range for the legend.
pub(super) fn radii(selection: &Selection) -> (Vec<f64>, (f64, f64)) {
    let n = selection.papers.len();
    let crowd = (64.0 / n.max(1) as f64).sqrt().clamp(0.3, 1.0);
    let (r_min, r_max) = (5.0 * crowd.max(0.6), 24.0 * crowd);
    let radii = selection
        .papers
        .iter()
        .map(|p| {
            let s = style::relative_size(p.pagerank, selection.max_pagerank);
            match p.role {
                Role::Context => (2.0 + 8.0 * s) * crowd.max(0.5),
                _ => r_min + (r_max - r_min) * s,
            }
        })
        .collect();
    (radii, (r_min, r_max))
}

/// Tooltips (full title, authors) and links over every drawn paper, for the SVG.
pub(super) fn add_hotspots(
    drawing: &mut Drawing,
    input: &ExportInput<'_>,
    selection: &Selection,
    centres: &[Option<Point>],
    radii: &[f64],
) {
    for (i, shown) in selection.papers.iter().enumerate() {
        if let Some(centre) = centres[i] {
            drawing.hotspots.push(Hotspot {
                centre,
                radius: radii[i],
                tooltip: selection.tooltip(input.graph, i),
                url: input.graph.node(shown.node).url(),
            });
        }
    }
}

/// Draws placed labels: leader lines for those away from their node, then each text on a
/// translucent white box.
pub(super) fn draw_labels(
    drawing: &mut Drawing,
    selection: &Selection,
    labels: &[MapLabel],
    centres: &[Point],
    radii: &[f64],
) {
    for label in labels {
        let rect = label.placement.rect;
        if label.placement.leader {
            let c = centres[label.paper];
            let target = rect.nearest_point(c);
            let (dx, dy) = (target[0] - c[0], target[1] - c[1]);
            let d = dx.hypot(dy).max(1e-9);
            let r = radii[label.paper] + 1.0;
            drawing.line(vec![[c[0] + dx / d * r, c[1] + dy / d * r], target], INK, 0.75, 1);
        }
    }
    for label in labels {
        let rect = label.placement.rect;
        let (size, colour) = match selection.papers[label.paper].role {
            Role::Listed { .. } => (LISTED_LABEL, INK),
            _ => (CANDIDATE_LABEL, MUTED),
        };
        drawing.filled(rect, Rgb(255, 255, 255), 0.78);
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

/// Draws the title and the line under it, cut to the canvas width.
pub(super) fn header(drawing: &mut Drawing, title: &str, subtitle: &str) {
    let width = f64::from(drawing.width) - 2.0 * MARGIN;
    drawing.text(fit_width(title, 30.0, true, width), [MARGIN, 40.0], 30.0, true, INK, Align::Left);
    drawing.text(fit_width(subtitle, 17.0, false, width), [MARGIN, 76.0], 17.0, false, MUTED, Align::Left);
}

/// The line under the title: what is shown and the date of the data.
pub fn subtitle(input: &ExportInput<'_>, selection: &Selection) -> String {
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
        " · citations from Semantic Scholar, data of {}",
        input.options.data_date.as_deref().map_or_else(|| "an unknown date".to_owned(), style::clean_text)
    ));
    s
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
    let springs: Vec<Spring> = selection
        .edges
        .iter()
        .map(|e| Spring { a: e.citing, b: e.cited, weight: if e.influential { 1.5 } else { 1.0 } })
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

/// Label text of a shown paper: `Short title (year)`, candidates prefixed with their rank.
pub fn label_text(input: &ExportInput<'_>, selection: &Selection, index: usize) -> String {
    let shown = selection.papers[index];
    let label = style::label(input.graph.node(shown.node));
    match shown.role {
        Role::Candidate { rank } => format!("#{} {label}", rank + 1),
        _ => label,
    }
}

/// Places labels for the listed papers (most central first) and the top candidates, each inside
/// `plot` and inside `within(paper)` when that gives an area.
pub(super) fn place(
    input: &ExportInput<'_>,
    selection: &Selection,
    centres: &[Point],
    radii: &[f64],
    plot: Rect,
    within: &dyn Fn(usize) -> Option<Rect>,
) -> (Vec<MapLabel>, Vec<usize>) {
    // Listed papers first (most central first), then the candidates by rank, then other large papers.
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
    let texts: Vec<String> = wanted.iter().map(|&i| label_text(input, selection, i)).collect();
    let requests: Vec<LabelRequest> = wanted
        .iter()
        .zip(&texts)
        .map(|(&i, text)| {
            let size =
                if matches!(selection.papers[i].role, Role::Listed { .. }) { LISTED_LABEL } else { CANDIDATE_LABEL };
            LabelRequest {
                anchor: centres[i],
                radius: radii[i],
                width: text_width(text, size, false) + 2.0 * LABEL_PAD,
                height: size * 1.3,
                within: within(i),
            }
        })
        .collect();
    let obstacles: Vec<Obstacle> = (0..selection.papers.len())
        .map(|i| Obstacle {
            centre: centres[i],
            radius: radii[i],
            weight: match selection.papers[i].role {
                Role::Listed { .. } => 4.0,
                Role::Candidate { .. } => 2.0,
                Role::Context => 0.3,
            },
        })
        .collect();
    let own: Vec<Option<usize>> = wanted.iter().map(|&i| Some(i)).collect();
    let placements = place_labels(&requests, &obstacles, &own, plot);
    let mut labels = Vec::new();
    let mut unlabelled = Vec::new();
    for ((&i, text), placement) in wanted.iter().zip(texts).zip(placements) {
        match placement {
            Some(placement) => labels.push(MapLabel { paper: i, text, placement }),
            None => unlabelled.push(i),
        }
    }
    (labels, unlabelled)
}
