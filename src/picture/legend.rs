//! Pictures: the legend panel the map and the timeline share — the sections and their
//! colours, what grey means, what size means, what the lines are.

use super::canvas::{Align, Drawing, Shape, wrap};
use super::fonts::fit_width;
use super::geometry::Rect;
use super::palette::{self, CANDIDATE_FILL, CANDIDATE_STROKE, CONTEXT_FILL, EDGE, EDGE_INFLUENTIAL, INK, MUTED, Rgb};
use super::text::clean_text;

/// What the legend explains.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendSpec<'a> {
    /// Section names, in list order (their colours follow [`palette::section_colour`]).
    pub sections: &'a [String],
    /// Candidates shown.
    pub candidates: usize,
    /// Other papers shown (`--full-graph`).
    pub context: usize,
    /// Radius of the smallest and largest circle, in pixels.
    pub radius_range: (f64, f64),
    /// How the picture places papers.
    pub placement: &'a str,
    /// How to read the lines.
    pub lines: &'a str,
    /// The date of the data, when known.
    pub data_date: Option<&'a str>,
    /// Where the citations came from.
    pub data_source: &'a str,
}

const HEADING: f64 = 17.0;
const BODY: f64 = 15.0;
const NOTE: f64 = 13.5;
const BACKGROUND: Rgb = Rgb(0xF4, 0xF4, 0xF4);

/// Draws the legend at the top of `panel` (its background fits the content); returns the box
/// it covers. When the sections do not all fit, their names go on one line each, and past that
/// the last line says how many more there are.
pub fn draw_legend(drawing: &mut Drawing, panel: Rect, spec: &LegendSpec<'_>) -> Rect {
    let background_at = drawing.shapes.len();
    let pen = Pen::new(panel);
    let mut y = panel.y0 + 26.0;
    pen.heading(drawing, &mut y, "Sections of the list");

    // How much room the rest of the legend takes, measured by drawing it aside.
    let rest = {
        let mut scratch = Drawing::new(drawing.width, drawing.height, String::new());
        pen.rest(&mut scratch, 0.0, spec)
    };
    let room = panel.y1 - y - rest;
    let wrapped: f64 = spec
        .sections
        .iter()
        .map(|s| if wrap(s, BODY, false, pen.max_text).len() > 1 { BODY * 2.8 } else { BODY * 1.6 })
        .sum();
    let compact_line = BODY * 1.35;
    let (two_lines, shown) = if wrapped <= room {
        (true, spec.sections.len())
    } else if spec.sections.len() as f64 * compact_line <= room {
        (false, spec.sections.len())
    } else {
        (false, ((room / compact_line).floor() as usize).saturating_sub(1).min(spec.sections.len()))
    };
    for (i, section) in spec.sections.iter().enumerate().take(shown) {
        let colour = palette::section_colour(i);
        drawing.circle([pen.x + 8.0, y], 9.0, colour, 1.0, Some((Rgb(255, 255, 255), 1)));
        let ink = if palette::lab(colour, palette::Vision::Typical)[0] > 60.0 { INK } else { Rgb(255, 255, 255) };
        drawing.text(palette::section_letter(i).to_string(), [pen.x + 8.0, y], 10.0, true, ink, Align::Centre);
        if two_lines {
            pen.name(drawing, &mut y, section);
        } else {
            drawing.text(fit_width(section, BODY, false, pen.max_text), [pen.text_x, y], BODY, false, INK, Align::Left);
            y += compact_line;
        }
    }
    if shown < spec.sections.len() {
        let more = spec.sections.len() - shown;
        drawing.text(format!("… and {more} more sections"), [pen.text_x, y], BODY, false, MUTED, Align::Left);
        y += compact_line;
    }
    let y = pen.rest(drawing, y, spec);

    let covered = Rect::new(panel.x0, panel.y0, panel.x1, (y + 4.0).min(panel.y1));
    drawing.shapes.insert(background_at, Shape::Box { rect: covered, fill: BACKGROUND, alpha: 1.0 });
    covered
}

/// Where the legend writes.
struct Pen {
    x: f64,
    text_x: f64,
    max_text: f64,
    full: f64,
    right: f64,
}

impl Pen {
    fn new(panel: Rect) -> Pen {
        let x = panel.x0 + 18.0;
        let text_x = x + 26.0;
        Pen { x, text_x, max_text: panel.x1 - 14.0 - text_x, full: panel.x1 - 14.0 - x, right: panel.x1 - 14.0 }
    }

    fn heading(&self, drawing: &mut Drawing, y: &mut f64, text: &str) {
        drawing.text(text, [self.x, *y], HEADING, true, INK, Align::Left);
        *y += HEADING * 1.6;
    }

    fn note(&self, drawing: &mut Drawing, y: &mut f64, text: &str, left: f64, width: f64) {
        for line in wrap(text, NOTE, false, width) {
            drawing.text(line, [left, *y], NOTE, false, MUTED, Align::Left);
            *y += NOTE * 1.35;
        }
    }

    /// A name beside a swatch, in at most two lines, the second cut if it must be.
    fn name(&self, drawing: &mut Drawing, y: &mut f64, text: &str) {
        let lines = wrap(text, BODY, false, self.max_text);
        for (k, line) in lines.iter().take(2).enumerate() {
            let line = if k == 1 && lines.len() > 2 {
                fit_width(&lines[1..].join(" "), BODY, false, self.max_text)
            } else {
                line.clone()
            };
            if k == 1 {
                *y += BODY * 1.2;
            }
            drawing.text(line, [self.text_x, *y], BODY, false, INK, Align::Left);
        }
        *y += BODY * 1.6;
    }

    /// Everything after the sections, from `y`; returns the y after the last line.
    fn rest(&self, drawing: &mut Drawing, mut y: f64, spec: &LegendSpec<'_>) -> f64 {
        let x = self.x;
        if spec.candidates > 0 {
            y += 4.0;
            drawing.circle([x + 8.0, y], 10.5, CANDIDATE_STROKE, 1.0, None);
            drawing.circle([x + 8.0, y], 8.0, CANDIDATE_FILL, 1.0, Some((Rgb(255, 255, 255), 2)));
            drawing.text("1", [x + 8.0, y], 10.0, true, Rgb(255, 255, 255), Align::Centre);
            self.name(drawing, &mut y, "Not on the list: candidates, by rank");
            y -= BODY * 0.3;
            self.note(
                drawing,
                &mut y,
                &format!("the top {} candidates for the list; #1 is the strongest (see missing.md)", spec.candidates),
                self.text_x,
                self.max_text,
            );
            y += BODY * 0.3;
        }
        if spec.context > 0 {
            drawing.circle([x + 8.0, y], 4.0, CONTEXT_FILL, 1.0, None);
            self.name(drawing, &mut y, &format!("{} other papers of the citation graph", spec.context));
        }

        y += 12.0;
        self.heading(drawing, &mut y, "Circle size");
        let (r_min, r_max) = spec.radius_range;
        let mut cx = x;
        let row = y + r_max - 6.0;
        for share in [0.04_f64, 0.25, 1.0] {
            let r = r_min + (r_max - r_min) * share.sqrt();
            drawing.circle([cx + r, row], r, Rgb(0x9C, 0xA8, 0xB4), 1.0, Some((Rgb(255, 255, 255), 1)));
            cx += 2.0 * r + 10.0;
        }
        drawing.text("more links to the list", [cx + 6.0, row], BODY, false, INK, Align::Left);
        y = row + r_max + 18.0;
        self.note(
            drawing,
            &mut y,
            "Area: how many listed papers a paper cites or is cited by, the same rule on and off the list.",
            x,
            self.full,
        );

        y += 12.0;
        self.heading(drawing, &mut y, "Lines");
        drawing.line(vec![[x, y], [x + 40.0, y]], EDGE, 0.8, 1);
        drawing.text("citation", [x + 52.0, y], BODY, false, INK, Align::Left);
        y += BODY * 1.5;
        drawing.line(vec![[x, y], [x + 40.0, y]], EDGE_INFLUENTIAL, 0.8, 2);
        drawing.text("influential citation (Semantic Scholar)", [x + 52.0, y], BODY, false, INK, Align::Left);
        y += BODY * 1.5;
        self.note(drawing, &mut y, spec.lines, x, self.full);

        y += 12.0;
        self.heading(drawing, &mut y, "Placement");
        self.note(drawing, &mut y, spec.placement, x, self.full);

        // The source and date, under a rule.
        y += 8.0;
        drawing.line(vec![[x, y], [self.right, y]], Rgb(0xD0, 0xD0, 0xD0), 1.0, 1);
        y += 18.0;
        let foot = format!(
            "Citations from {}, data of {}. Drawn by citegraph.",
            clean_text(spec.data_source),
            spec.data_date.map_or_else(|| "an unknown date".to_owned(), clean_text)
        );
        self.note(drawing, &mut y, &foot, x, self.full);
        y
    }
}
