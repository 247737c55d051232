//! Pictures: the legend panel the map and the timeline share — the sections and their
//! colours, what grey means, what size means, what the lines are.

use super::canvas::{Align, Drawing, Shape, wrap};
use super::fonts::fit_width;
use super::geometry::Rect;
use super::palette::{self, CANDIDATE_FILL, CANDIDATE_STROKE, CONTEXT_FILL, EDGE, EDGE_STRONG, INK, MUTED, Rgb};
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
    /// Papers linked to one listed paper alone, left out (`--full-graph`).
    pub collapsed: usize,
    /// Whether the picture counts them in a `+N` badge on their listed paper.
    pub badges: bool,
    /// Radius of the smallest and largest circle, in pixels.
    pub radius_range: (f64, f64),
    /// How the picture places papers.
    pub placement: &'a str,
    /// How to read the lines.
    pub lines: &'a str,
    /// Which kinds of line the picture draws (the legend shows only those).
    pub line_kinds: LineKinds,
    /// The side list: the top candidates as (rank from 0, text), best first; empty for none.
    pub top_candidates: &'a [(usize, String)],
    /// The date of the data, when known.
    pub data_date: Option<&'a str>,
    /// Where the citations came from.
    pub data_source: &'a str,
}

/// The kinds of citation line a picture draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineKinds {
    /// Ordinary citations.
    pub ordinary: bool,
    /// Strong ties (darker and wider).
    pub strong: bool,
}

const HEADING: f64 = 17.0;
const BODY: f64 = 15.0;
const NOTE: f64 = 13.5;
const BACKGROUND: Rgb = Rgb(0xF4, 0xF4, 0xF4);
/// The fewest entries worth a side list; with less room it is left out.
const FEWEST_TOP: usize = 5;

/// What of the legend is drawn: it all when there is room, else less, the explanations first.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Parts {
    /// Sections named (the rest are counted in one line).
    sections: usize,
    /// Entries of the side list.
    top: usize,
    /// The notes under the circle size and the lines.
    notes: bool,
    /// The placement paragraph.
    placement: bool,
}

/// Draws the legend at the top of `panel` (its background fits the content); returns the box
/// it covers. Section names are never cut: they wrap onto as many lines as they need. When
/// everything does not fit, the placement paragraph goes first, then the notes, then side-list
/// entries (down to [`FEWEST_TOP`], then the whole list); past that the sections that do not fit
/// are counted in one line.
pub fn draw_legend(drawing: &mut Drawing, panel: Rect, spec: &LegendSpec<'_>) -> Rect {
    let pen = Pen::new(panel);
    let all = Parts { sections: spec.sections.len(), top: spec.top_candidates.len(), notes: true, placement: true };
    let mut tries = vec![all, Parts { placement: false, ..all }, Parts { placement: false, notes: false, ..all }];
    let lean = Parts { placement: false, notes: false, ..all };
    tries.extend((FEWEST_TOP..spec.top_candidates.len()).rev().map(|top| Parts { top, ..lean }));
    tries.push(Parts { top: 0, ..lean });
    tries.extend((0..spec.sections.len()).rev().map(|sections| Parts { sections, top: 0, ..lean }));
    let fits = |parts: &Parts| {
        let mut scratch = Drawing::new(drawing.width, drawing.height, String::new());
        pen.draw(&mut scratch, spec, parts) <= panel.y1
    };
    let parts = tries.iter().find(|p| fits(p)).copied().unwrap_or(Parts { sections: 0, top: 0, ..lean });

    let background_at = drawing.shapes.len();
    let y = pen.draw(drawing, spec, &parts);
    let covered = Rect::new(panel.x0, panel.y0, panel.x1, (y + 4.0).min(panel.y1));
    drawing.shapes.insert(background_at, Shape::Box { rect: covered, fill: BACKGROUND, alpha: 1.0 });
    covered
}

/// Where the legend writes.
struct Pen {
    top: f64,
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
        Pen {
            top: panel.y0,
            x,
            text_x,
            max_text: panel.x1 - 14.0 - text_x,
            full: panel.x1 - 14.0 - x,
            right: panel.x1 - 14.0,
        }
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

    /// A name beside a swatch, on as many lines as it needs.
    fn name(&self, drawing: &mut Drawing, y: &mut f64, text: &str) {
        for (k, line) in wrap(text, BODY, false, self.max_text).into_iter().enumerate() {
            if k > 0 {
                *y += BODY * 1.2;
            }
            drawing.text(line, [self.text_x, *y], BODY, false, INK, Align::Left);
        }
        *y += BODY * 1.6;
    }

    /// The dark numbered circle of a candidate, as the map draws it, centred at `at`.
    fn candidate_mark(drawing: &mut Drawing, at: [f64; 2], rank: usize) {
        drawing.circle(at, 10.5, CANDIDATE_STROKE, 1.0, None);
        drawing.circle(at, 8.0, CANDIDATE_FILL, 1.0, Some((Rgb(255, 255, 255), 2)));
        let size = if rank + 1 >= 10 { 8.5 } else { 10.0 };
        drawing.text((rank + 1).to_string(), at, size, true, Rgb(255, 255, 255), Align::Centre);
    }

    /// The whole legend from the panel's top, with `parts` of it; returns the y after the last
    /// line.
    fn draw(&self, drawing: &mut Drawing, spec: &LegendSpec<'_>, parts: &Parts) -> f64 {
        let x = self.x;
        let mut y = self.top + 26.0;
        self.heading(drawing, &mut y, "Sections of the list");
        for (i, section) in spec.sections.iter().enumerate().take(parts.sections) {
            let colour = palette::section_colour(i);
            drawing.circle([x + 8.0, y], 9.0, colour, 1.0, Some((Rgb(255, 255, 255), 1)));
            let ink = if palette::lab(colour, palette::Vision::Typical)[0] > 60.0 { INK } else { Rgb(255, 255, 255) };
            drawing.text(palette::section_letter(i).to_string(), [x + 8.0, y], 10.0, true, ink, Align::Centre);
            self.name(drawing, &mut y, section);
        }
        if parts.sections < spec.sections.len() {
            let more = spec.sections.len() - parts.sections;
            let text = format!("… and {more} more section{}", if more == 1 { "" } else { "s" });
            drawing.text(text, [self.text_x, y], BODY, false, MUTED, Align::Left);
            y += BODY * 1.6;
        }

        if spec.candidates > 0 {
            y += 4.0;
            Self::candidate_mark(drawing, [x + 8.0, y], 0);
            self.name(drawing, &mut y, "Not on the list: candidates, by rank");
            y -= BODY * 0.3;
            let note = format!(
                "the top {} candidates for the list; #1 is the strongest (all of them in missing.md)",
                spec.candidates
            );
            self.note(drawing, &mut y, &note, self.text_x, self.max_text);
            y += BODY * 0.3;
        }
        if spec.context > 0 {
            drawing.circle([x + 8.0, y], 4.0, CONTEXT_FILL, 1.0, None);
            self.name(drawing, &mut y, &format!("{} other papers of the citation graph", spec.context));
        }
        if spec.collapsed > 0 {
            y -= BODY * 0.3;
            let all = crate::wording::thousands(spec.collapsed as u64);
            let note = if spec.badges {
                format!("+N on a paper: N papers linked to it alone, not drawn ({all} in all)")
            } else {
                format!("{all} papers linked to one listed paper alone are not drawn")
            };
            self.note(drawing, &mut y, &note, self.text_x, self.max_text);
            y += BODY * 0.3;
        }

        if parts.top > 0 {
            y += 12.0;
            self.heading(drawing, &mut y, "Top candidates");
            for (rank, text) in spec.top_candidates.iter().take(parts.top) {
                Self::candidate_mark(drawing, [x + 8.0, y], *rank);
                drawing.text(
                    fit_width(text, BODY, false, self.max_text),
                    [self.text_x, y],
                    BODY,
                    false,
                    INK,
                    Align::Left,
                );
                y += BODY * 1.55;
            }
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
        if parts.notes {
            self.note(
                drawing,
                &mut y,
                "Area: how many listed papers a paper cites or is cited by, the same rule on and off the list.",
                x,
                self.full,
            );
        }

        if spec.line_kinds.ordinary || spec.line_kinds.strong {
            y += 12.0;
            self.heading(drawing, &mut y, "Lines");
            if spec.line_kinds.ordinary {
                drawing.line(vec![[x, y], [x + 40.0, y]], EDGE, 0.8, 1);
                drawing.text("citation", [x + 52.0, y], BODY, false, INK, Align::Left);
                y += BODY * 1.5;
            }
            if spec.line_kinds.strong {
                drawing.line(vec![[x, y], [x + 40.0, y]], EDGE_STRONG, 0.8, 2);
                drawing.text("strong tie", [x + 52.0, y], BODY, false, INK, Align::Left);
                y += BODY * 1.5;
            }
            if parts.notes {
                self.note(drawing, &mut y, spec.lines, x, self.full);
            }
        }

        if parts.placement {
            y += 12.0;
            self.heading(drawing, &mut y, "Placement");
            self.note(drawing, &mut y, spec.placement, x, self.full);
        }

        // The source and date, under a rule.
        y += 8.0;
        drawing.line(vec![[x, y], [self.right, y]], Rgb(0xD0, 0xD0, 0xD0), 1.0, 1);
        y += 18.0;
        let foot = format!(
            "Citations from {}, data as of {}. Drawn by citegraph.",
            clean_text(spec.data_source),
            spec.data_date.map_or_else(|| "an unknown date".to_owned(), clean_text)
        );
        self.note(drawing, &mut y, &foot, x, self.full);
        y
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(spec: &LegendSpec<'_>, panel: Rect) -> Vec<String> {
        let mut drawing = Drawing::new(1920, 1080, String::new());
        draw_legend(&mut drawing, panel, spec);
        drawing.texts().map(str::to_owned).collect()
    }

    fn spec<'a>(sections: &'a [String], top: &'a [(usize, String)]) -> LegendSpec<'a> {
        LegendSpec {
            sections,
            candidates: 40,
            context: 0,
            collapsed: 0,
            badges: false,
            radius_range: (6.0, 20.0),
            placement: "Papers that cite each other sit close together.",
            lines: "A line joins two papers when one cites the other.",
            line_kinds: LineKinds { ordinary: true, strong: true },
            top_candidates: top,
            data_date: Some("2024-05-14"),
            data_source: "Semantic Scholar",
        }
    }

    #[test]
    fn only_the_kinds_of_line_drawn_are_explained() {
        let sections = vec!["Foundational work".to_owned()];
        let panel = Rect::new(1520.0, 104.0, 1892.0, 1052.0);
        let mut s = spec(&sections, &[]);
        assert!(texts(&s, panel).iter().any(|t| t == "strong tie"));
        s.line_kinds.strong = false;
        let plain = texts(&s, panel);
        assert!(!plain.iter().any(|t| t == "strong tie"), "{plain:?}");
        assert!(plain.iter().any(|t| t == "citation"));
        s.line_kinds.ordinary = false;
        assert!(!texts(&s, panel).iter().any(|t| t == "Lines"), "no lines, no heading");
    }

    #[test]
    fn with_little_room_the_explanations_go_before_any_section_name_is_cut() {
        let sections: Vec<String> = (0..8)
            .map(|i| format!("Section {i}: a long heading that needs two or three lines in the legend panel"))
            .collect();
        let top: Vec<(usize, String)> = (0..15).map(|r| (r, format!("Candidate paper {r} (2024)"))).collect();
        let roomy = texts(&spec(&sections, &top), Rect::new(1520.0, 104.0, 1892.0, 1052.0));
        assert!(roomy.iter().any(|t| t == "Top candidates"));
        let tight = texts(&spec(&sections, &top), Rect::new(1520.0, 104.0, 1892.0, 800.0));
        assert!(!tight.iter().any(|t| t == "Placement"), "the placement paragraph goes first");
        let all = tight.join(" ");
        for section in &sections {
            assert!(all.contains(section.as_str()), "{section:?} is named whole");
        }
        assert!(!tight.iter().any(|t| t.ends_with('…')), "nothing is cut: {tight:?}");
        let tiny = texts(&spec(&sections, &top), Rect::new(1520.0, 104.0, 1892.0, 400.0));
        assert!(tiny.iter().any(|t| t.starts_with("… and ") && t.ends_with("more sections")), "{tiny:?}");
    }
}
