//! Pictures: the timeline's scene — the shown papers by publication date (x, an axis fitted to
//! the dates) in one band per list section, candidates in the band of the section they are
//! suggested for (y), a strip counting the papers per quarter under the bands, the date the list
//! says it was updated, and the citations drawn as arcs from each paper back to the earlier work
//! it cites: how the field grew and who built on whom. Same frame, circles, labels and legend as
//! the map.

use std::collections::HashMap;

use jiff::civil::Date;

use super::PictureInput;
use super::canvas::{Align, Drawing};
use super::count_strip::{self, PeriodCount, STRIP};
use super::edges::{TIMELINE_LINES, draw_citations};
use super::fonts::{fit_width, text_width};
use super::frame::{Frame, subtitle};
use super::geometry::{Point, Rect};
use super::palette::{INK, MUTED, Rgb, section_colour};
use super::paper_labels::{self, PaperLabel};
use super::papers::{self, add_hotspots, draw_circles};
use super::selection::{LABELLED_CANDIDATES, Role, Selection};
use super::text::{section_display_name, year_of};
use super::time_axis::{Span, TimeAxis, YEAR_LABEL};
use crate::graph::PaperNode;
use crate::rank::signal::WEAK_SECTION;

/// Room under the count strip for the axis: tick marks, years, the key and the caption.
const AXIS: f64 = 50.0;
/// Height of a band's title strip (shrunk when there are very many bands).
const BAND_TITLE: f64 = 24.0;
/// Space under a band's last row.
const BAND_FOOT: f64 = 4.0;
/// Rows narrower than this cannot hold a label beside each paper: a label box and a little air.
const MIN_ROW: f64 = LABEL_BOX + 1.5;
/// Height of the tallest label box on the timeline (a listed paper's).
const LABEL_BOX: f64 = 15.0 * paper_labels::LINE_HEIGHT;
/// How much farther out than beside its circle a label may go (with a leader line).
const LABEL_SLACK: f64 = 40.0;
/// Free space between two things on a row.
const GAP: f64 = 4.0;
/// Space between a circle and its label, as the label placement leaves it.
const LABEL_OFFSET: f64 = 6.0;
/// Name of the last band: candidates without a clear section (and, with `--full-graph`, the
/// other papers).
const UNPLACED_BAND: &str = "Not on the list: no clear section";
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

/// The dashed line at the date the list says it was last updated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UpdatedMark {
    /// The date.
    pub date: Date,
    /// Its x.
    pub x: f64,
}

/// What the timeline knows of a paper's date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Known {
    /// The day, as a fractional year.
    Day(f64),
    /// The month only.
    Month {
        /// Year.
        year: i32,
        /// Month, 1 to 12.
        month: u32,
    },
    /// The year only.
    Year(i32),
}

impl Known {
    /// What is known of a paper's date: its publication date as far as it goes, when that agrees
    /// with the year its label shows (else the year alone: a paper must sit in the year its label
    /// names); `None` without a year.
    pub fn of(paper: &PaperNode) -> Option<Known> {
        let year = year_of(paper)?;
        let mut parts =
            paper.publication_date.as_deref().unwrap_or("").split('-').map(|p| p.trim().parse::<u32>().ok());
        if parts.next().flatten().and_then(|y| i32::try_from(y).ok()) != Some(year) {
            return Some(Known::Year(year));
        }
        let month = parts.next().flatten().filter(|m| (1..=12).contains(m));
        let day = parts.next().flatten().filter(|d| (1..=31).contains(d));
        Some(match (month, day) {
            (Some(m), Some(d)) => {
                Known::Day(f64::from(year) + (f64::from(m) - 1.0) / 12.0 + (f64::from(d) - 1.0) / 372.0)
            }
            (Some(month), None) => Known::Month { year, month },
            _ => Known::Year(year),
        })
    }

    /// The year.
    pub fn year(self) -> i32 {
        match self {
            Known::Day(t) => t.floor() as i32,
            Known::Month { year, .. } | Known::Year(year) => year,
        }
    }

    /// The stretch of time the paper lies in, as fractional years.
    pub fn span(self) -> Span {
        match self {
            Known::Day(t) => Span { lo: t, hi: t },
            Known::Month { year, month } => {
                let start = f64::from(year) + (f64::from(month) - 1.0) / 12.0;
                Span { lo: start, hi: start + 1.0 / 12.0 }
            }
            Known::Year(year) => Span { lo: f64::from(year), hi: f64::from(year) + 1.0 },
        }
    }
}

/// The timeline, laid out.
#[derive(Debug, Clone)]
pub struct TimelineScene {
    /// What is shown.
    pub selection: Selection,
    /// What is known of each shown paper's date (`None`: not drawn).
    pub known: Vec<Option<Known>>,
    /// Where in time each shown paper is drawn, as a fractional year: its day; the middle of
    /// its month; a paper known only by its year is spread within it.
    pub times: Vec<Option<f64>>,
    /// Centre of each shown paper, `None` for papers without a date (not drawn).
    pub centres: Vec<Option<Point>>,
    /// Radius of each shown paper.
    pub radii: Vec<f64>,
    /// The bands, top to bottom: one per section, then (when needed) the candidates without a
    /// clear section.
    pub bands: Vec<Band>,
    /// The band of each shown paper.
    pub band_of: Vec<usize>,
    /// The labels placed.
    pub labels: Vec<PaperLabel>,
    /// Papers that should have had a label but found no free spot.
    pub unlabelled: Vec<usize>,
    /// The area of the bands.
    pub plot: Rect,
    /// The x axis.
    pub axis: TimeAxis,
    /// The y of the axis line (under the count strip).
    pub axis_y: f64,
    /// The years with a tick on the axis.
    pub ticks: Vec<i32>,
    /// The papers counted per period, in the strip under the bands.
    pub counts: Vec<PeriodCount>,
    /// The date the list says it was updated, when it says so and it falls on the axis.
    pub updated: Option<UpdatedMark>,
    /// The picture.
    pub drawing: Drawing,
}

/// A calendar date as a fractional year, the way the timeline places a paper of that day.
pub fn date_fraction(date: Date) -> f64 {
    f64::from(date.year()) + (f64::from(date.month()) - 1.0) / 12.0 + (f64::from(date.day()) - 1.0) / 372.0
}

/// A paper's date as a fractional year: the publication date when known, else the middle of
/// its year; `None` without either.
pub fn fractional_year(paper: &PaperNode) -> Option<f64> {
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
    /// Lays out and draws the timeline for these inputs: the frame; the papers' dates, the axis
    /// fitted to them, the bands, the rows in each band; then bands and grid, the updated mark,
    /// the count strip and axis, citation arcs, paper circles, labels and the legend, back to
    /// front.
    pub fn new(input: &PictureInput<'_>) -> TimelineScene {
        let selection = Selection::new(input);
        let known: Vec<Option<Known>> = selection.papers.iter().map(|p| Known::of(input.graph.node(p.node))).collect();
        let undated = known.iter().filter(|k| k.is_none()).count();
        let title = input.title("Timeline");
        let mut frame = Frame::new(title, &timeline_subtitle(input, &selection, undated), STRIP + AXIS);
        let plot = frame.plot;

        let groups = Groups::new(input, &selection);
        let times = drawn_times(&known, &groups.band);
        let (full_radii, (_, r_max)) = papers::radii(&selection);
        // The axis fits the listed papers and the candidates; the other papers of the full
        // graph only widen it at the right, or sit behind the break at the left.
        let (mut core, mut others) = (Vec::new(), Vec::new());
        for (p, k) in selection.papers.iter().zip(&known) {
            if let Some(k) = k {
                if p.role == Role::Context { others.push(k.span()) } else { core.push(k.span()) }
            }
        }
        let updated_at = input.list.updated.map(date_fraction);
        let axis = TimeAxis::fit(&core, &others, updated_at, plot.x0, plot.x1, r_max + 4.0);
        let xs: Vec<Option<f64>> = times.iter().map(|t| t.map(|t| axis.x(t))).collect();
        let label_widths = label_widths(input, &selection, &known);
        let priority: Vec<u8> = (0..selection.papers.len())
            .map(|i| match selection.papers[i].role {
                Role::Listed { .. } => 0,
                _ if label_widths[i] > 0.0 => 1,
                Role::Candidate { .. } => 2,
                Role::Context => 3,
            })
            .collect();
        let rows = Rows::new(&groups, &xs, &full_radii, &label_widths, &priority, plot);
        let bands = rows.bands(&groups.names, plot);
        let (radii, radius_range) = row_radii(&selection, rows.radius_row_h);
        let centres: Vec<Option<Point>> = (0..selection.papers.len())
            .map(|i| Some([xs[i]?, rows.row_y(&bands, groups.band[i], rows.row_of[i])]))
            .collect();
        let updated = input.list.updated.and_then(|date| {
            let t = date_fraction(date);
            (t >= axis.from && t <= axis.to).then(|| UpdatedMark { date, x: axis.x(t) })
        });
        let kinds: Vec<(Option<f64>, Option<bool>)> = selection
            .papers
            .iter()
            .zip(&times)
            .map(|(p, &t)| {
                let kind = match p.role {
                    Role::Listed { .. } => Some(true),
                    Role::Candidate { .. } => Some(false),
                    Role::Context => None,
                };
                (t, kind)
            })
            .collect();
        let counts = count_strip::count(&axis, &kinds);
        let axis_y = plot.y1 + STRIP;

        draw_bands(&mut frame.drawing, &bands, groups.sections, &axis, plot, axis_y, rows.title_h, updated);
        count_strip::draw(&mut frame.drawing, &counts, Rect::new(plot.x0, plot.y1 + 2.0, plot.x1, axis_y));
        draw_axis(&mut frame.drawing, &axis, plot, axis_y, &counts);
        draw_citations(&mut frame.drawing, &selection, TIMELINE_LINES, |e| {
            Some(arc(centres[e.citing]?, centres[e.cited]?))
        });
        draw_circles(&mut frame.drawing, &selection, &centres, &radii);
        add_hotspots(&mut frame.drawing, input.graph, &selection, &centres, &radii);
        let (labels, unlabelled) =
            place_labels(input, &selection, &groups, &bands, &centres, &radii, &label_widths, plot);
        // Undated papers are not drawn; far-away stand-ins keep the indices aligned.
        let placed_centres: Vec<Point> = centres.iter().map(|c| c.unwrap_or([-1e6, -1e6])).collect();
        paper_labels::draw(&mut frame.drawing, &selection, &labels, &placed_centres, &radii);
        let placement = placement_words(&groups, &axis, &known, updated.is_some());
        frame.legend(&selection, radius_range, &placement, LINES, input.data_date, input.data_source);
        if known.iter().all(Option::is_none) {
            frame.empty_note(EMPTY);
        }
        TimelineScene {
            selection,
            known,
            times,
            centres,
            radii,
            bands,
            band_of: groups.band,
            labels,
            unlabelled,
            plot,
            ticks: axis.years.clone(),
            axis,
            axis_y,
            counts,
            updated,
            drawing: frame.drawing,
        }
    }
}

/// The shown papers grouped into bands: one per section, listed papers and the candidates
/// suggested for it; then one for the candidates without a clear section and the other papers.
#[derive(Debug, Clone)]
struct Groups {
    /// Band titles, top to bottom.
    names: Vec<String>,
    /// Number of sections (the bands before the last, unplaced one).
    sections: usize,
    /// The band of each shown paper.
    band: Vec<usize>,
}

impl Groups {
    fn new(input: &PictureInput<'_>, selection: &Selection) -> Groups {
        let sections = selection.sections.len();
        let suggested: HashMap<_, usize> = input
            .rankings
            .candidates
            .iter()
            .filter(|c| c.section_confidence.is_none_or(|x| x >= WEAK_SECTION))
            .filter_map(|c| {
                let name = section_display_name(c.suggested_section.as_deref()?);
                Some((c.node, selection.sections.iter().position(|s| *s == name)?))
            })
            .collect();
        let band: Vec<usize> = selection
            .papers
            .iter()
            .map(|p| match p.role {
                Role::Listed { section } => section,
                Role::Candidate { .. } => suggested.get(&p.node).copied().unwrap_or(sections),
                Role::Context => sections,
            })
            .collect();
        let mut names: Vec<String> = selection.sections.clone();
        if band.contains(&sections) {
            names.push(UNPLACED_BAND.to_owned());
        }
        Groups { names, sections, band }
    }
}

/// Where in time each paper is drawn: its day, the middle of its month, or — known only by its
/// year — spread evenly within the year among the band's other papers of that year known only
/// so (in selection order: list order, then rank), not piled in one column at mid-year.
fn drawn_times(known: &[Option<Known>], band: &[usize]) -> Vec<Option<f64>> {
    let mut by_year: HashMap<(usize, i32), Vec<usize>> = HashMap::new();
    for (i, k) in known.iter().enumerate() {
        if let Some(Known::Year(year)) = k {
            by_year.entry((band[i], *year)).or_default().push(i);
        }
    }
    let mut times: Vec<Option<f64>> = known
        .iter()
        .map(|k| match *k {
            Some(Known::Day(t)) => Some(t),
            Some(Known::Month { year, month }) => Some(f64::from(year) + (f64::from(month) - 0.5) / 12.0),
            _ => None,
        })
        .collect();
    for ((_, year), members) in by_year {
        let n = members.len() as f64;
        for (k, i) in members.into_iter().enumerate() {
            times[i] = Some(f64::from(year) + 0.04 + 0.92 * (k as f64 + 0.5) / n);
        }
    }
    times
}

/// Width of the label box each paper gets on the timeline (0 for none): the listed papers, the
/// top candidates and the largest papers not on the list, as [`paper_labels::place`] writes them.
fn label_widths(input: &PictureInput<'_>, selection: &Selection, known: &[Option<Known>]) -> Vec<f64> {
    (0..selection.papers.len())
        .map(|i| {
            if known[i].is_none() || !timeline_labelled(selection, i) {
                return 0.0;
            }
            let text = paper_labels::label_text(input.graph, selection, i);
            text_width(&text, paper_labels::timeline_label_size(selection, i), false) + 2.0 * paper_labels::LABEL_PAD
        })
        .collect()
}

/// Whether the timeline names the paper at `i`: as the map does, but of the candidates only the
/// top ones.
fn timeline_labelled(selection: &Selection, i: usize) -> bool {
    selection.is_labelled(i)
        && !matches!(selection.papers[i].role, Role::Candidate { rank } if rank >= LABELLED_CANDIDATES)
}

/// How the plot's height is shared: each band's title strip, its rows, the height of a row, and
/// each paper's row in its band.
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
    /// The row height the circles are sized for (never more than `row_h`).
    radius_row_h: f64,
    /// The row of each paper in its band.
    row_of: Vec<usize>,
}

impl Rows {
    /// Packs each band's papers into rows, each paper with its label beside it, left or right,
    /// on its row: nothing else on the row between them, so every label reads as its own
    /// circle's. First the listed papers, then the other named ones, the other candidates and
    /// the rest, each into the first row with room, by date. When the plot cannot hold that many
    /// rows, the papers that come first keep theirs, each band gets a share of the rest, and
    /// papers go where they overlap least (labels then give way).
    fn new(
        groups: &Groups,
        xs: &[Option<f64>],
        full_radii: &[f64],
        widths: &[f64],
        priority: &[u8],
        plot: Rect,
    ) -> Rows {
        let bands = groups.names.len().max(1);
        let strip = (BAND_TITLE + BAND_FOOT).min(plot.height() * 0.45 / bands as f64);
        let title_h = strip * BAND_TITLE / (BAND_TITLE + BAND_FOOT);
        let free = plot.height() - bands as f64 * strip;
        let budget = ((free / MIN_ROW).floor() as usize).max(bands);
        let members: Vec<Vec<usize>> =
            (0..bands).map(|b| (0..xs.len()).filter(|&i| groups.band[i] == b && xs[i].is_some()).collect()).collect();
        let pack_all = |radii: &[f64], limits: Option<&[usize]>, most: u8| {
            let mut row_of = vec![0; xs.len()];
            let mut per_band = Vec::new();
            for (b, list) in members.iter().enumerate() {
                let items: Vec<Item> = list
                    .iter()
                    .filter(|&&i| priority[i] <= most)
                    .map(|&i| Item {
                        paper: i,
                        x: xs[i].unwrap_or(0.0),
                        r: radii[i],
                        label: widths[i],
                        priority: priority[i],
                    })
                    .collect();
                let (rows, used) = pack(&items, limits.map(|l| l[b]), plot.x0, plot.x1);
                for (item, row) in items.iter().zip(rows) {
                    row_of[item.paper] = row;
                }
                per_band.push(used.max(1));
            }
            (row_of, per_band)
        };
        let layout = |radii: &[f64]| {
            let (row_of, per_band) = pack_all(radii, None, u8::MAX);
            let wanted: usize = per_band.iter().sum();
            if wanted <= budget {
                return (row_of, per_band);
            }
            // Each band keeps the rows its listed papers, named papers and candidates need (as
            // many of these as the rows there are allow), and shares the rest of the rows in
            // proportion to the further rows it wants.
            let base = (1..=2)
                .rev()
                .map(|most| pack_all(radii, None, most).1)
                .find(|rows| rows.iter().sum::<usize>() <= budget)
                .unwrap_or_else(|| pack_all(radii, None, 0).1);
            let spare = budget.saturating_sub(base.iter().sum());
            let more: usize = per_band.iter().zip(&base).map(|(w, b)| w.saturating_sub(*b)).sum();
            let limits: Vec<usize> = per_band
                .iter()
                .zip(&base)
                .map(|(w, b)| b + (w.saturating_sub(*b) as f64 * spare as f64 / more.max(1) as f64).floor() as usize)
                .collect();
            pack_all(radii, Some(&limits), u8::MAX)
        };
        let row_h_of = |per_band: &[usize]| free / per_band.iter().sum::<usize>().max(1) as f64;
        // Pack with full-size circles, size the circles for the rows that gives, and pack again
        // with those (never more rows: smaller circles need no more room).
        let (_, first) = layout(full_radii);
        let first_h = row_h_of(&first);
        let shrink = shrink_for(full_radii, first_h);
        let radii: Vec<f64> = full_radii.iter().map(|r| (r * shrink).max(2.0)).collect();
        let (row_of, per_band) = layout(&radii);
        let row_h = row_h_of(&per_band);
        Rows { strip, title_h, per_band, row_h, radius_row_h: first_h.min(row_h), row_of }
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

    /// The y of row `row` of band `band`.
    fn row_y(&self, bands: &[Band], band: usize, row: usize) -> f64 {
        bands[band].rect.y0 + self.title_h + (row as f64 + 0.5) * self.row_h
    }
}

/// A paper to put on a row: its x, radius and label width (0: none), and which go first (0:
/// listed papers, 1: other named papers, 2: other candidates, 3: the rest).
#[derive(Debug, Clone, Copy)]
struct Item {
    paper: usize,
    x: f64,
    r: f64,
    label: f64,
    priority: u8,
}

/// Packs `items` into rows (at most `limit`): each takes its circle and its label's width, right
/// of it where that fits in `left..right`, else left; the first row with room wins. Returns each
/// item's row and the rows used.
fn pack(items: &[Item], limit: Option<usize>, left: f64, right: f64) -> (Vec<usize>, usize) {
    let options = |it: &Item| -> Vec<(f64, f64)> {
        let circle = (it.x - it.r - GAP / 2.0, it.x + it.r + GAP / 2.0);
        if it.label <= 0.0 {
            return vec![circle];
        }
        let reach = it.r + LABEL_OFFSET + it.label;
        let mut out = Vec::new();
        if it.x + reach <= right {
            out.push((circle.0, it.x + reach + GAP / 2.0));
        }
        if it.x - reach >= left {
            out.push((it.x - reach - GAP / 2.0, circle.1));
        }
        if out.is_empty() {
            out.push(circle);
        }
        out
    };
    let overlap = |a: (f64, f64), b: (f64, f64)| (a.1.min(b.1) - a.0.max(b.0)).max(0.0);
    // Listed papers first, then the other named ones, then the rest; by date within each.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        items[a].priority.cmp(&items[b].priority).then(items[a].x.total_cmp(&items[b].x)).then(a.cmp(&b))
    });
    // What each row holds: spans, and what covering each costs (a named paper's span more
    // than a bare circle, a listed paper's most: a circle under a label is lost, or the label).
    let mut rows: Vec<Vec<((f64, f64), f64)>> = Vec::new();
    let mut row_of = vec![0; items.len()];
    for k in order {
        let opts = options(&items[k]);
        let weight = match items[k].priority {
            0 => 100.0,
            _ if items[k].label > 0.0 => 4.0,
            _ => 1.0,
        };
        let free = rows.iter().enumerate().find_map(|(r, row)| {
            opts.iter().find(|&&o| row.iter().all(|&(s, _)| overlap(s, o) <= 0.0)).map(|&o| (r, o))
        });
        let (r, span) = match free {
            Some(found) => found,
            None if limit.is_none_or(|l| rows.len() < l) => {
                rows.push(Vec::new());
                (rows.len() - 1, opts[0])
            }
            None => {
                // No room anywhere: the row and side where it overlaps least.
                let cost = |r: usize, o: (f64, f64)| rows[r].iter().map(|&(s, w)| overlap(s, o) * w).sum::<f64>();
                let mut best = (0, opts[0], f64::MAX);
                for r in 0..rows.len() {
                    for &o in &opts {
                        let c = cost(r, o);
                        if c < best.2 {
                            best = (r, o, c);
                        }
                    }
                }
                (best.0, best.1)
            }
        };
        rows[r].push((span, weight));
        row_of[k] = r;
    }
    (row_of, rows.len())
}

/// The largest radius a circle may have in rows of height `row_h`: it fills at most 90% of
/// its row, and a candidate's ring (3 px out, and 1 px of air) stays clear of a label level with
/// the next row.
fn largest_radius(row_h: f64) -> f64 {
    (0.45 * row_h).min(row_h - LABEL_BOX / 2.0 - 4.2).max(2.0)
}

/// The factor that fits the largest circle in a row of height `row_h` (at most 1).
fn shrink_for(radii: &[f64], row_h: f64) -> f64 {
    let r_max = radii.iter().copied().fold(0.0, f64::max);
    if r_max <= 0.0 { 1.0 } else { (largest_radius(row_h) / r_max).min(1.0) }
}

/// Circles as in the map, shrunk to the rows when they are narrow; and the radius range.
fn row_radii(selection: &Selection, row_h: f64) -> (Vec<f64>, (f64, f64)) {
    let (mut radii, (r_min, r_max)) = papers::radii(selection);
    let shrink = (largest_radius(row_h) / r_max).min(1.0);
    radii.iter_mut().for_each(|r| *r = (*r * shrink).max(2.0));
    (radii, ((r_min * shrink).max(2.0), (r_max * shrink).max(2.0)))
}

/// Draws the bands (tinted in their section's colour) with the year and quarter grid over them
/// and the strip, the break of the axis, the dashed line of the list's updated date with its
/// words, and each band's title.
#[allow(clippy::too_many_arguments)]
fn draw_bands(
    drawing: &mut Drawing,
    bands: &[Band],
    sections: usize,
    axis: &TimeAxis,
    plot: Rect,
    axis_y: f64,
    title_h: f64,
    updated: Option<UpdatedMark>,
) {
    for (k, band) in bands.iter().enumerate() {
        let fill = if k < sections { section_colour(k).tint(0.9) } else { Rgb(0xF4, 0xF4, 0xF4) };
        drawing.filled(band.rect, fill, 1.0);
    }
    for &q in &axis.quarters {
        let x = axis.x(q);
        drawing.line(vec![[x, plot.y0], [x, plot.y1]], Rgb(255, 255, 255), 0.7, 1);
        drawing.line(vec![[x, plot.y1], [x, axis_y]], Rgb(0xEC, 0xEC, 0xEC), 1.0, 1);
    }
    for &year in &axis.years {
        let x = axis.x(f64::from(year));
        drawing.line(vec![[x, plot.y0], [x, plot.y1]], Rgb(255, 255, 255), 1.0, 2);
        drawing.line(vec![[x, plot.y1], [x, axis_y]], Rgb(0xD8, 0xD8, 0xD8), 1.0, 1);
    }
    if let Some(zone) = axis.early {
        drawing.line(vec![[zone.gap_at, plot.y0], [zone.gap_at, axis_y]], Rgb(255, 255, 255), 1.0, 6);
    }
    // The updated mark's words sit in the first band's title strip, right of the line where
    // they fit, else left; the band's title stops short of them.
    let mark_words = updated.map(|mark| {
        let text = format!("list updated {}", mark.date);
        let size = (title_h * 0.55).clamp(9.0, 13.0);
        let width = text_width(&text, size, false);
        let right = mark.x + 5.0 + width <= plot.x1 - 2.0;
        let x0 = if right { mark.x + 5.0 } else { mark.x - 5.0 - width };
        (text, size, Rect::new(x0 - 2.0, plot.y0 + 1.0, x0 + width + 2.0, plot.y0 + title_h - 1.0))
    });
    if let Some(mark) = updated {
        // Dashes, 7 px drawn and 5 px left out, over the bands only: in the strip they would
        // cross the numbers.
        let mut y = plot.y0;
        while y < plot.y1 {
            drawing.line(vec![[mark.x, y], [mark.x, (y + 7.0).min(plot.y1)]], INK, 0.75, 2);
            y += 12.0;
        }
    }
    for (k, band) in bands.iter().enumerate() {
        let colour = if k < sections { section_colour(k).shade(0.35) } else { MUTED };
        // Too many sections for titles to fit: the legend still names every colour.
        let size = (title_h * 0.6).min(14.0);
        if size >= 8.0 {
            let mut room = band.rect.width() - 16.0;
            if let Some((_, _, words)) = &mark_words
                && k == 0
                && words.x0 > band.rect.x0
            {
                room = room.min(words.x0 - band.rect.x0 - 20.0);
            }
            if room > 20.0 {
                let name = fit_width(&band.name, size, true, room);
                drawing.text(name, [band.rect.x0 + 8.0, band.rect.y0 + title_h / 2.0], size, true, colour, Align::Left);
            }
        }
    }
    if let Some((text, size, rect)) = mark_words {
        drawing.filled(rect, Rgb(255, 255, 255), 0.85);
        drawing.text(text, [rect.x0 + 2.0, (rect.y0 + rect.y1) / 2.0], size, false, INK, Align::Left);
    }
}

/// Draws the axis under the count strip: the line (broken after the lead-in zone when there is
/// one), year ticks, lighter quarter ticks, the year labels, the strip's key and the caption.
fn draw_axis(drawing: &mut Drawing, axis: &TimeAxis, plot: Rect, axis_y: f64, counts: &[PeriodCount]) {
    let axis_from = axis.early.map_or(plot.x0, |z| z.gap_at + 8.0);
    drawing.line(vec![[axis_from, axis_y], [plot.x1, axis_y]], MUTED, 1.0, 1);
    for &q in &axis.quarters {
        let x = axis.x(q);
        drawing.line(vec![[x, axis_y], [x, axis_y + 4.0]], Rgb(0xA8, 0xA8, 0xA8), 1.0, 1);
    }
    for &year in &axis.years {
        let x = axis.x(f64::from(year));
        drawing.line(vec![[x, axis_y], [x, axis_y + 8.0]], MUTED, 1.0, 1);
    }
    for (text, x) in &axis.labels {
        drawing.text(text.as_str(), [*x, axis_y + 17.0], YEAR_LABEL, false, INK, Align::Centre);
    }
    if let Some(zone) = axis.early {
        drawing.line(vec![[plot.x0, axis_y], [zone.gap_at - 8.0, axis_y]], MUTED, 1.0, 1);
        for dx in [-10.0, -4.0] {
            drawing.line(vec![[zone.gap_at + dx, axis_y + 5.0], [zone.gap_at + dx + 6.0, axis_y - 5.0]], MUTED, 1.0, 1);
        }
        let years =
            if zone.first == zone.last { zone.first.to_string() } else { format!("{}–{}", zone.first, zone.last) };
        drawing.text(years, [(plot.x0 + zone.gap_at) / 2.0, axis_y + 17.0], YEAR_LABEL, false, INK, Align::Centre);
    }
    if counts.iter().any(|p| p.listed + p.candidates > 0) {
        count_strip::draw_key(drawing, plot.x0, axis_y + 38.0, period_name(axis.period));
    }
    drawing.text("publication date", [plot.x1, axis_y + 38.0], 13.0, false, MUTED, Align::Right);
}

/// The period of the count strip in words.
fn period_name(period: f64) -> &'static str {
    match period {
        p if p < 0.5 => "quarter",
        p if p < 1.5 => "year",
        p if p < 2.5 => "two years",
        p if p < 5.5 => "five years",
        _ => "decade or more",
    }
}

/// How the legend says the timeline places papers: what is shown where, for this picture.
fn placement_words(groups: &Groups, axis: &TimeAxis, known: &[Option<Known>], updated: bool) -> String {
    let mut s = String::from("Left to right: publication date");
    if known.iter().any(|k| matches!(k, Some(Known::Year(_)))) {
        s.push_str(" (papers dated only by year are spread within it)");
    }
    s.push_str(". One band per section of the list; a candidate sits in the band of the section it is suggested for");
    if groups.names.len() > groups.sections {
        s.push_str(", the last band holds those with no clear section");
    }
    s.push_str(&format!(". Bars under the bands: listed papers and candidates per {}.", period_name(axis.period)));
    if axis.early.is_some() {
        s.push_str(" Papers much older than the rest share a zone at the left, behind a break in the axis.");
    }
    if updated {
        s.push_str(" Dashed line: when the list was last updated.");
    }
    s
}

/// Places the labels of the dated papers, each level with its paper on its row, left or right
/// of it (farther out with a leader line if it must): a label between two rows reads as either
/// paper's. The rows were packed so that each has room for its papers' labels.
#[allow(clippy::too_many_arguments)]
fn place_labels(
    input: &PictureInput<'_>,
    selection: &Selection,
    groups: &Groups,
    bands: &[Band],
    centres: &[Option<Point>],
    radii: &[f64],
    widths: &[f64],
    plot: Rect,
) -> (Vec<PaperLabel>, Vec<usize>) {
    // Undated papers are not drawn, so they get no label; far-away stand-ins keep the indices
    // aligned.
    let placed_centres: Vec<Point> = centres.iter().map(|c| c.unwrap_or([-1e6, -1e6])).collect();
    let mut only_dated = selection.clone();
    only_dated.unlabel(|i| centres[i].is_none() || !timeline_labelled(selection, i));
    // On its row, and at most a little farther out than beside its circle: a label far along
    // the row would stand beside other papers, of another year.
    let within = |i: usize| {
        let band = bands[groups.band[i]].rect;
        let [x, y] = centres[i]?;
        let half = LABEL_BOX / 2.0 + 1e-6;
        let reach = radii[i] + LABEL_OFFSET + widths[i] + LABEL_SLACK;
        Some(Rect::new(
            (x - reach).max(band.x0),
            (y - half).max(band.y0),
            (x + reach).min(band.x1),
            (y + half).min(band.y1),
        ))
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
