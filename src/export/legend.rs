//! Stage 5, pictures: the legend panel the map and the timeline share — the sections and their
//! colours, what grey means, what size means, what the lines are.

use super::canvas::{Align, Drawing, Shape, wrap};
use super::fonts::fit_width;
use super::labels::Rect;
use super::style::{self, CANDIDATE_FILL, CANDIDATE_STROKE, CONTEXT_FILL, EDGE, EDGE_INFLUENTIAL, INK, MUTED, Rgb};

/// What the legend explains.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendSpec<'a> {
    /// Section names, in list order (their colours follow [`style::section_colour`]).
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
}

const HEADING: f64 = 17.0;
const BODY: f64 = 15.0;
const NOTE: f64 = 13.5;
const BACKGROUND: Rgb = Rgb(0xF4, 0xF4, 0xF4);

/// Draws the legend at the top of `panel` (its background fits the content); returns the box
/// it covers.
pub fn draw_legend(drawing: &mut Drawing, panel: Rect, spec: &LegendSpec<'_>) -> Rect {
    let background_at = drawing.shapes.len();
    let x = panel.x0 + 18.0;
    let text_x = x + 26.0;
    let max_text = panel.x1 - 14.0 - text_x;
    let full = panel.x1 - 14.0 - x;
    let mut y = panel.y0 + 26.0;

    let heading = |drawing: &mut Drawing, y: &mut f64, text: &str| {
        drawing.text(text, [x, *y], HEADING, true, INK, Align::Left);
        *y += HEADING * 1.6;
    };
    let note = |drawing: &mut Drawing, y: &mut f64, text: &str, left: f64, width: f64| {
        for line in wrap(text, NOTE, false, width) {
            drawing.text(line, [left, *y], NOTE, false, MUTED, Align::Left);
            *y += NOTE * 1.35;
        }
    };
    // A name in at most two lines, the second cut if it must be.
    let name = |drawing: &mut Drawing, y: &mut f64, text: &str| {
        let lines = wrap(text, BODY, false, max_text);
        for (k, line) in lines.iter().take(2).enumerate() {
            let line = if k == 1 && lines.len() > 2 {
                fit_width(&lines[1..].join(" "), BODY, false, max_text)
            } else {
                line.clone()
            };
            if k == 1 {
                *y += BODY * 1.2;
            }
            drawing.text(line, [text_x, *y], BODY, false, INK, Align::Left);
        }
        *y += BODY * 1.6;
    };

    heading(drawing, &mut y, "Sections of the list");
    for (i, section) in spec.sections.iter().enumerate() {
        drawing.circle([x + 8.0, y], 8.0, style::section_colour(i), 1.0, Some((Rgb(255, 255, 255), 1)));
        name(drawing, &mut y, section);
    }
    if spec.candidates > 0 {
        y += 4.0;
        drawing.circle([x + 8.0, y], 8.0, CANDIDATE_FILL, 1.0, Some((CANDIDATE_STROKE, 1)));
        name(drawing, &mut y, "Not on the list: related work");
        y -= BODY * 0.3;
        note(
            drawing,
            &mut y,
            &format!("the top {} candidates for the list; #1 is the strongest (see missing.md)", spec.candidates),
            text_x,
            max_text,
        );
        y += BODY * 0.3;
    }
    if spec.context > 0 {
        drawing.circle([x + 8.0, y], 4.0, CONTEXT_FILL, 1.0, None);
        name(drawing, &mut y, &format!("{} other papers of the citation graph", spec.context));
    }

    y += 12.0;
    heading(drawing, &mut y, "Circle size");
    let (r_min, r_max) = spec.radius_range;
    let mut cx = x;
    let row = y + r_max - 6.0;
    for share in [0.04_f64, 0.25, 1.0] {
        let r = r_min + (r_max - r_min) * share.sqrt();
        drawing.circle([cx + r, row], r, Rgb(0x9C, 0xA8, 0xB4), 1.0, Some((Rgb(255, 255, 255), 1)));
        cx += 2.0 * r + 10.0;
    }
    drawing.text("bigger: more central", [cx + 6.0, row], BODY, false, INK, Align::Left);
    y = row + r_max + 18.0;
    note(
        drawing,
        &mut y,
        "Area follows PageRank: the share of the citations among these papers that flows to a paper.",
        x,
        full,
    );

    y += 12.0;
    heading(drawing, &mut y, "Lines");
    drawing.line(vec![[x, y], [x + 40.0, y]], EDGE, 0.8, 1);
    drawing.text("citation", [x + 52.0, y], BODY, false, INK, Align::Left);
    y += BODY * 1.5;
    drawing.line(vec![[x, y], [x + 40.0, y]], EDGE_INFLUENTIAL, 0.8, 2);
    drawing.text("influential citation (Semantic Scholar)", [x + 52.0, y], BODY, false, INK, Align::Left);
    y += BODY * 1.5;
    note(drawing, &mut y, spec.lines, x, full);

    y += 12.0;
    heading(drawing, &mut y, "Placement");
    note(drawing, &mut y, spec.placement, x, full);

    // The source and date, under a rule.
    y += 8.0;
    drawing.line(vec![[x, y], [panel.x1 - 14.0, y]], Rgb(0xD0, 0xD0, 0xD0), 1.0, 1);
    y += 18.0;
    let foot = format!(
        "Citations from Semantic Scholar, data of {}. Drawn by citegraph.",
        spec.data_date.map_or_else(|| "an unknown date".to_owned(), style::clean_text)
    );
    note(drawing, &mut y, &foot, x, full);

    let covered = Rect::new(panel.x0, panel.y0, panel.x1, (y + 4.0).min(panel.y1));
    drawing.shapes.insert(background_at, Shape::Box { rect: covered, fill: BACKGROUND, alpha: 1.0 });
    covered
}
