//! Pictures: the timeline's scene — the shown papers by publication date (x, a year axis) in one
//! band per list section and a band for the papers not on the list (y), with the citations drawn
//! as arcs from each paper back to the earlier work it cites: how the field grew and who built on
//! whom. Same frame, circles, labels and legend as the map.

use super::PictureInput;
use super::canvas::{Align, Drawing};
use super::edges::{TIMELINE_LINES, draw_citations};
use super::fonts::fit_width;
use super::frame::{Frame, subtitle};
use super::geometry::{Point, Rect};
use super::palette::{INK, MUTED, Rgb, section_colour};
use super::paper_labels::{self, PaperLabel};
use super::papers::{self, add_hotspots, draw_circles};
use super::selection::{Role, Selection};
use super::text::{clean_text, year_of};

/// Room under the plot for the year axis: tick marks, years, and the caption.
const AXIS: f64 = 44.0;
/// Height of a band's title strip (shrunk when there are very many bands).
const BAND_TITLE: f64 = 24.0;
/// Space under a band's last row.
const BAND_FOOT: f64 = 4.0;
/// Rows narrower than this cannot hold a label beside each paper: a label box and a little air.
const MIN_ROW: f64 = 15.0 * paper_labels::LINE_HEIGHT + 1.5;
/// Width of the zone at the left that holds papers much older than the listed ones.
const EARLY_ZONE: f64 = 150.0;
/// Name of the last band.
const UNLISTED_BAND: &str = "Not on the list";
/// How the legend says the timeline places papers.
const PLACEMENT: &str = "Left to right: publication date. One band per section of the list; the last band holds \
                         the papers not on it.";
/// How the legend says to read the timeline's arcs.
const LINES: &str = "An arc joins a paper to earlier work it cites: who built on whom.";
/// What a timeline without dated papers says.
const EMPTY: &str = "No papers with a publication date to draw.";

/// A horizontal band of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Its title.
    pub name: String,
    /// Its area.
    pub rect: Rect,
}

/// The timeline, laid out.
#[derive(Debug, Clone)]
pub struct TimelineScene {
    /// What is shown.
    pub selection: Selection,
    /// Centre of each shown paper, `None` for papers without a date (not drawn).
    pub centres: Vec<Option<Point>>,
    /// Radius of each shown paper.
    pub radii: Vec<f64>,
    /// The bands, top to bottom: one per section, then the papers not on the list.
    pub bands: Vec<Band>,
    /// The labels placed.
    pub labels: Vec<PaperLabel>,
    /// Papers that should have had a label but found no free spot.
    pub unlabelled: Vec<usize>,
    /// The area of the bands.
    pub plot: Rect,
    /// The years with a tick on the axis.
    pub ticks: Vec<i32>,
    /// The picture.
    pub drawing: Drawing,
}

/// A paper's date as a fractional year: the publication date when known, else the middle of
/// its year; `None` without either.
pub fn fractional_year(paper: &crate::graph::PaperNode) -> Option<f64> {
    if let Some(date) = paper.publication_date.as_deref() {
        let mut parts = date.split('-').map(|p| p.trim().parse::<u32>().ok());
        if let Some(Some(year)) = parts.next() {
            let month = parts.next().flatten().filter(|m| (1..=12).contains(m));
            let day = parts.next().flatten().filter(|d| (1..=31).contains(d));
            return Some(match (month, day) {
                (Some(m), Some(d)) => f64::from(year) + (f64::from(m) - 1.0) / 12.0 + (f64::from(d) - 1.0) / 372.0,
                (Some(m), None) => f64::from(year) + (f64::from(m) - 0.5) / 12.0,
                _ => f64::from(year) + 0.5,
            });
        }
    }
    year_of(paper).map(|y| f64::from(y) + 0.5)
}

impl TimelineScene {
    /// Lays out and draws the timeline for these inputs: the frame; the papers grouped into
    /// bands, the bands into rows, the year axis; then bands and axis, citation arcs, paper
    /// circles, labels and the legend, back to front.
    pub fn new(input: &PictureInput<'_>) -> TimelineScene {
        let selection = Selection::new(input);
        let years: Vec<Option<f64>> =
            selection.papers.iter().map(|p| fractional_year(input.graph.node(p.node))).collect();
        let undated = years.iter().filter(|y| y.is_none()).count();
        let title = format!("Timeline: {}", clean_text(&input.list.name));
        let mut frame = Frame::new(title, &timeline_subtitle(input, &selection, undated), AXIS);
        let plot = frame.plot;

        let groups = Groups::new(&selection, &years);
        let rows = Rows::new(&groups, plot);
        let (radii, radius_range) = row_radii(&selection, rows.row_h);
        let dated: Vec<f64> = years.iter().flatten().copied().collect();
        let axis = Axis::new(&dated, &selection, &years, plot, radius_range.1 + 4.0);
        let bands = rows.bands(&groups.names, plot);
        let centres = stack(&bands, &groups, &rows, &axis, &years, &radii);

        draw_bands(&mut frame.drawing, &bands, selection.sections.len(), &axis, plot, rows.title_h);
        draw_axis(&mut frame.drawing, &axis, plot);
        draw_citations(&mut frame.drawing, &selection, TIMELINE_LINES, |e| {
            Some(arc(centres[e.citing]?, centres[e.cited]?))
        });
        draw_circles(&mut frame.drawing, &selection, &centres, &radii);
        add_hotspots(&mut frame.drawing, input.graph, &selection, &centres, &radii);
        let (labels, unlabelled) = place_labels(input, &selection, &groups, &rows, &bands, &centres, &radii, plot);
        // Undated papers are not drawn; far-away stand-ins keep the indices aligned.
        let placed_centres: Vec<Point> = centres.iter().map(|c| c.unwrap_or([-1e6, -1e6])).collect();
        paper_labels::draw(&mut frame.drawing, &selection, &labels, &placed_centres, &radii);
        frame.legend(&selection, radius_range, PLACEMENT, LINES, input.data_date, input.data_source);
        if dated.is_empty() {
            frame.empty_note(EMPTY);
        }
        TimelineScene {
            selection,
            centres,
            radii,
            bands,
            labels,
            unlabelled,
            plot,
            ticks: axis.ticks,
            drawing: frame.drawing,
        }
    }
}

/// The shown papers grouped into bands: one per section, then the papers not on the list.
#[derive(Debug, Clone)]
struct Groups {
    /// Band titles, top to bottom.
    names: Vec<String>,
    /// The dated papers of each band, by date.
    members: Vec<Vec<usize>>,
    /// Number of sections (the bands before the last, unlisted one).
    sections: usize,
    /// The band of each shown paper.
    band: Vec<usize>,
}

impl Groups {
    fn new(selection: &Selection, years: &[Option<f64>]) -> Groups {
        let sections = selection.sections.len();
        let band: Vec<usize> = selection
            .papers
            .iter()
            .map(|p| match p.role {
                Role::Listed { section } => section,
                _ => sections,
            })
            .collect();
        let mut names: Vec<String> = selection.sections.clone();
        if selection.papers.iter().any(|p| !matches!(p.role, Role::Listed { .. })) {
            names.push(UNLISTED_BAND.to_owned());
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
        for (i, &b) in band.iter().enumerate() {
            if years[i].is_some() {
                members[b].push(i);
            }
        }
        for list in &mut members {
            list.sort_by(|&a, &b| years[a].unwrap_or(0.0).total_cmp(&years[b].unwrap_or(0.0)).then(a.cmp(&b)));
        }
        Groups { names, members, sections, band }
    }
}

/// How the plot's height is shared: each band's title strip, its number of rows, and the height
/// of a row.
#[derive(Debug, Clone)]
struct Rows {
    /// Height of a band's title strip and foot together.
    strip: f64,
    /// Height of a band's title strip.
    title_h: f64,
    /// Rows of each band.
    per_band: Vec<usize>,
    /// Height of one row.
    row_h: f64,
}

impl Rows {
    fn new(groups: &Groups, plot: Rect) -> Rows {
        // Each band's title strip; thinner when there are very many sections.
        let strip = (BAND_TITLE + BAND_FOOT).min(plot.height() * 0.45 / groups.names.len().max(1) as f64);
        let title_h = strip * BAND_TITLE / (BAND_TITLE + BAND_FOOT);
        let per_band = band_rows(&groups.members, groups.sections, plot.height(), strip);
        let fixed = groups.names.len() as f64 * strip;
        let row_h = (plot.height() - fixed) / per_band.iter().sum::<usize>().max(1) as f64;
        Rows { strip, title_h, per_band, row_h }
    }

    /// The bands' areas, top to bottom.
    fn bands(&self, names: &[String], plot: Rect) -> Vec<Band> {
        let mut bands = Vec::new();
        let mut y = plot.y0;
        for (name, &k) in names.iter().zip(&self.per_band) {
            let h = self.strip + k as f64 * self.row_h;
            bands.push(Band { name: name.clone(), rect: Rect::new(plot.x0, y, plot.x1, y + h) });
            y += h;
        }
        bands
    }
}

/// Circles as in the map, shrunk to the rows when they are narrow; and the radius range.
fn row_radii(selection: &Selection, row_h: f64) -> (Vec<f64>, (f64, f64)) {
    let (mut radii, (r_min, r_max)) = papers::radii(selection);
    let shrink = (0.9 * row_h / (2.0 * r_max)).min(1.0);
    radii.iter_mut().for_each(|r| *r = (*r * shrink).max(2.0));
    (radii, ((r_min * shrink).max(2.0), (r_max * shrink).max(2.0)))
}

/// Where each dated paper sits. Within a band, each paper takes the row whose last paper ended
/// longest ago: with one row per paper this is a staircase by date, with fewer rows papers close
/// in time part.
fn stack(
    bands: &[Band],
    groups: &Groups,
    rows: &Rows,
    axis: &Axis,
    years: &[Option<f64>],
    radii: &[f64],
) -> Vec<Option<Point>> {
    let mut centres: Vec<Option<Point>> = vec![None; years.len()];
    for ((band, list), &k) in bands.iter().zip(&groups.members).zip(&rows.per_band) {
        let row_y = |r: usize| band.rect.y0 + rows.title_h + (r as f64 + 0.5) * rows.row_h;
        let mut row_end = vec![f64::MIN; k.max(1)];
        for &i in list {
            let x = axis.x(years[i].unwrap_or(axis.from));
            let r = (0..row_end.len()).min_by(|&a, &b| row_end[a].total_cmp(&row_end[b]).then(a.cmp(&b))).unwrap_or(0);
            row_end[r] = x + radii[i];
            centres[i] = Some([x, row_y(r)]);
        }
    }
    centres
}

/// Draws the bands (tinted in their section's colour), the year grid over them, the break of
/// the axis, and each band's title.
fn draw_bands(drawing: &mut Drawing, bands: &[Band], sections: usize, axis: &Axis, plot: Rect, title_h: f64) {
    for (k, band) in bands.iter().enumerate() {
        let fill = if k < sections { section_colour(k).tint(0.9) } else { Rgb(0xF4, 0xF4, 0xF4) };
        drawing.filled(band.rect, fill, 1.0);
    }
    for &year in &axis.ticks {
        let x = axis.x(f64::from(year));
        drawing.line(vec![[x, plot.y0], [x, plot.y1]], Rgb(255, 255, 255), 1.0, 2);
    }
    if let Some(zone) = axis.early {
        drawing.line(vec![[zone.gap_at, plot.y0], [zone.gap_at, plot.y1]], Rgb(255, 255, 255), 1.0, 6);
    }
    for (k, band) in bands.iter().enumerate() {
        let colour = if k < sections { section_colour(k).shade(0.35) } else { MUTED };
        // Too many sections for titles to fit: the legend still names every colour.
        let size = (title_h * 0.6).min(14.0);
        if size >= 8.0 {
            let name = fit_width(&band.name, size, true, band.rect.width() - 16.0);
            drawing.text(name, [band.rect.x0 + 8.0, band.rect.y0 + title_h / 2.0], size, true, colour, Align::Left);
        }
    }
}

/// Draws the year axis under the plot, broken after the early zone when there is one.
fn draw_axis(drawing: &mut Drawing, axis: &Axis, plot: Rect) {
    let axis_from = axis.early.map_or(plot.x0, |z| z.gap_at + 8.0);
    drawing.line(vec![[axis_from, plot.y1], [plot.x1, plot.y1]], MUTED, 1.0, 1);
    for &year in &axis.ticks {
        let x = axis.x(f64::from(year));
        drawing.line(vec![[x, plot.y1], [x, plot.y1 + 6.0]], MUTED, 1.0, 1);
        drawing.text(year.to_string(), [x, plot.y1 + 20.0], 14.0, false, INK, Align::Centre);
    }
    if let Some(zone) = axis.early {
        drawing.line(vec![[plot.x0, plot.y1], [zone.gap_at - 8.0, plot.y1]], MUTED, 1.0, 1);
        for dx in [-10.0, -4.0] {
            drawing.line(
                vec![[zone.gap_at + dx, plot.y1 + 5.0], [zone.gap_at + dx + 6.0, plot.y1 - 5.0]],
                MUTED,
                1.0,
                1,
            );
        }
        drawing.text(
            format!("{}–{}", zone.first, zone.last),
            [(plot.x0 + zone.gap_at) / 2.0, plot.y1 + 20.0],
            14.0,
            false,
            INK,
            Align::Centre,
        );
    }
    drawing.text("publication date", [plot.x1, plot.y1 + 36.0], 13.0, false, MUTED, Align::Right);
}

/// Places the labels of the dated papers, each within its band. Where each listed paper has a
/// row of its own (the staircase), its label stays on that row, left or right of it (farther out
/// with a leader line if it must): a label between two rows reads as either paper's, and shuts
/// the paper of the next row out of both sides. As rows are then at least a label tall, each row
/// has room for its label on one side. Where papers share rows, labels may use the whole band:
/// more of them fit that way.
#[allow(clippy::too_many_arguments)]
fn place_labels(
    input: &PictureInput<'_>,
    selection: &Selection,
    groups: &Groups,
    rows: &Rows,
    bands: &[Band],
    centres: &[Option<Point>],
    radii: &[f64],
    plot: Rect,
) -> (Vec<PaperLabel>, Vec<usize>) {
    // Undated papers are not drawn, so they get no label; far-away stand-ins keep the indices
    // aligned.
    let placed_centres: Vec<Point> = centres.iter().map(|c| c.unwrap_or([-1e6, -1e6])).collect();
    let mut only_dated = selection.clone();
    // The timeline names the top candidates only; the map names them all.
    only_dated.unlabel(|i| {
        centres[i].is_none()
            || matches!(selection.papers[i].role, Role::Candidate { rank } if rank >= super::selection::LABELLED_CANDIDATES)
    });
    let band_areas: Vec<Rect> = bands
        .iter()
        .map(|b| Rect::new(b.rect.x0, b.rect.y0 + (rows.title_h - 6.0).max(0.0), b.rect.x1, b.rect.y1))
        .collect();
    let own_rows: Vec<bool> = groups.members.iter().zip(&rows.per_band).map(|(list, &k)| k >= list.len()).collect();
    let within = |i: usize| {
        let k = groups.band[i];
        let band = band_areas[k];
        match (selection.papers[i].role, centres[i]) {
            (Role::Listed { .. }, Some([_, y])) if own_rows[k] => {
                let half = rows.row_h.max(15.0 * paper_labels::LINE_HEIGHT) / 2.0 + 1e-6;
                Some(Rect::new(band.x0, (y - half).max(band.y0), band.x1, (y + half).min(band.y1)))
            }
            _ => Some(band),
        }
    };
    paper_labels::place(
        input.graph,
        &only_dated,
        &placed_centres,
        radii,
        plot,
        &within,
        paper_labels::timeline_label_size,
    )
}

/// Rows per band: one per listed paper when they fit (a staircase by date, every label on its
/// own row), the rest of the height for the papers not on the list; fewer rows, shared by papers
/// far apart in time, when space is short.
fn band_rows(members: &[Vec<usize>], sections: usize, height: f64, frame: f64) -> Vec<usize> {
    let fixed = members.len() as f64 * frame;
    let budget = (((height - fixed) / MIN_ROW).floor() as usize).max(members.len());
    let listed: usize = members[..sections.min(members.len())].iter().map(Vec::len).sum();
    let unlisted: usize = members[sections.min(members.len())..].iter().map(Vec::len).sum();
    let reserve = unlisted.min(3);
    let mut rows: Vec<usize> = members.iter().map(|m| m.len().max(1)).collect();
    if listed + reserve > budget {
        // Share what there is in proportion, at least one row each.
        let share = (budget.saturating_sub(reserve)) as f64 / listed.max(1) as f64;
        for r in rows.iter_mut().take(sections) {
            *r = ((*r as f64 * share).floor() as usize).max(1);
        }
    }
    let used: usize = rows.iter().take(sections).sum();
    for r in rows.iter_mut().skip(sections) {
        *r = (*r).min(budget.saturating_sub(used).max(1));
    }
    rows
}

/// The x axis: whole years from a little before the first listed paper to after the last
/// paper; papers much older than the listed ones sit in a compressed zone at the left, behind a
/// break in the axis, so that a few classics do not squeeze the field into a corner.
#[derive(Debug, Clone)]
struct Axis {
    /// First year of the main axis.
    from: f64,
    /// End of the main axis (exclusive year).
    to: f64,
    x0: f64,
    x1: f64,
    early: Option<EarlyZone>,
    ticks: Vec<i32>,
}

/// The compressed zone of old papers.
#[derive(Debug, Clone, Copy)]
struct EarlyZone {
    first: i32,
    last: i32,
    x0: f64,
    x1: f64,
    /// Where the axis breaks.
    gap_at: f64,
}

impl Axis {
    fn new(dated: &[f64], selection: &Selection, years: &[Option<f64>], plot: Rect, pad: f64) -> Axis {
        let min = |v: &mut dyn Iterator<Item = f64>| v.fold(f64::MAX, f64::min);
        let first_any = min(&mut dated.iter().copied());
        let last_any = dated.iter().copied().fold(f64::MIN, f64::max);
        if dated.is_empty() {
            return Axis {
                from: 2000.0,
                to: 2001.0,
                x0: plot.x0 + pad,
                x1: plot.x1 - pad,
                early: None,
                ticks: vec![2000, 2001],
            };
        }
        let first_listed = min(&mut selection
            .papers
            .iter()
            .zip(years)
            .filter(|(p, _)| matches!(p.role, Role::Listed { .. }))
            .filter_map(|(_, y)| *y));
        let core = if first_listed == f64::MAX { first_any } else { first_listed };
        let mut from = core.floor() - 2.0;
        let to = last_any.floor() + 1.0;
        let mut early = None;
        let mut x0 = plot.x0 + pad;
        if first_any < from - 1.0 {
            let zone = EarlyZone {
                first: first_any.floor() as i32,
                last: from as i32 - 1,
                x0: plot.x0 + pad,
                x1: plot.x0 + EARLY_ZONE - pad,
                gap_at: plot.x0 + EARLY_ZONE,
            };
            x0 = zone.gap_at + 8.0 + pad;
            early = Some(zone);
        } else {
            from = from.min(first_any.floor());
        }
        let step = match to - from {
            s if s > 60.0 => 10,
            s if s > 25.0 => 5,
            s if s > 12.0 => 2,
            _ => 1,
        };
        let ticks = (from as i32..=to as i32).filter(|y| y % step == 0).collect();
        Axis { from, to, x0, x1: plot.x1 - pad, early, ticks }
    }

    /// The x of a fractional year.
    fn x(&self, year: f64) -> f64 {
        match self.early {
            Some(z) if year < self.from => {
                let span = (f64::from(z.last) + 1.0 - f64::from(z.first)).max(1.0);
                z.x0 + (year - f64::from(z.first)) / span * (z.x1 - z.x0)
            }
            _ => self.x0 + (year - self.from) / (self.to - self.from) * (self.x1 - self.x0),
        }
    }
}

/// The line under the timeline's title.
fn timeline_subtitle(input: &PictureInput<'_>, selection: &Selection, undated: usize) -> String {
    let mut s = subtitle(input, selection);
    if undated > 0 {
        s.push_str(&format!(" · {undated} without a date not shown"));
    }
    s
}

/// A gentle arc from `a` to `b` (a quadratic curve bulging upwards), as a polyline.
fn arc(a: Point, b: Point) -> Vec<Point> {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let length = dx.hypot(dy);
    if length < 1.0 {
        return vec![a, b];
    }
    // The normal that points up the page.
    let (mut nx, mut ny) = (-dy / length, dx / length);
    if ny > 0.0 {
        nx = -nx;
        ny = -ny;
    }
    let bend = (0.18 * length).min(90.0);
    let control = [(a[0] + b[0]) / 2.0 + nx * bend, (a[1] + b[1]) / 2.0 + ny * bend];
    let steps = 16;
    (0..=steps)
        .map(|k| {
            let t = k as f64 / steps as f64;
            let u = 1.0 - t;
            [
                u * u * a[0] + 2.0 * u * t * control[0] + t * t * b[0],
                u * u * a[1] + 2.0 * u * t * control[1] + t * t * b[1],
            ]
        })
        .collect()
}
