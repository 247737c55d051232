//! Stage 5, pictures: what every picture agrees on — section colours, the candidate grey, node
//! size from PageRank, and the short label of a paper.

use crate::graph::PaperNode;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#RRGGBB`.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// This colour mixed with white: `amount` 0 keeps it, 1 gives white.
    pub fn tint(self, amount: f64) -> Rgb {
        let mix = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * amount).round().clamp(0.0, 255.0) as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }

    /// This colour mixed with black: `amount` 0 keeps it, 1 gives black.
    pub fn shade(self, amount: f64) -> Rgb {
        let mix = |c: u8| (f64::from(c) * (1.0 - amount)).round().clamp(0.0, 255.0) as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// Section colours, in list order: Tableau 10 without its grey (grey means "not on the list"),
/// distinct for readers with the common colour-vision deficiencies in the first six.
pub const SECTION_COLOURS: [Rgb; 9] = [
    Rgb(0x4E, 0x79, 0xA7), // blue
    Rgb(0xF2, 0x8E, 0x2B), // orange
    Rgb(0x59, 0xA1, 0x4F), // green
    Rgb(0xE1, 0x57, 0x59), // red
    Rgb(0xB0, 0x7A, 0xA1), // purple
    Rgb(0x76, 0xB7, 0xB2), // teal
    Rgb(0xED, 0xC9, 0x48), // yellow
    Rgb(0xFF, 0x9D, 0xA7), // pink
    Rgb(0x9C, 0x75, 0x5F), // brown
];

/// Fill of papers not on the list (the candidates).
pub const CANDIDATE_FILL: Rgb = Rgb(0xB4, 0xB4, 0xB4);
/// Outline of the candidates.
pub const CANDIDATE_STROKE: Rgb = Rgb(0x6E, 0x6E, 0x6E);
/// Fill of other papers (only with `--full-graph`).
pub const CONTEXT_FILL: Rgb = Rgb(0xD9, 0xD9, 0xD9);
/// Text.
pub const INK: Rgb = Rgb(0x1E, 0x1E, 0x1E);
/// Secondary text.
pub const MUTED: Rgb = Rgb(0x5A, 0x5A, 0x5A);
/// Ordinary citation lines.
pub const EDGE: Rgb = Rgb(0x9A, 0x9A, 0x9A);
/// Influential citation lines.
pub const EDGE_INFLUENTIAL: Rgb = Rgb(0x4A, 0x4A, 0x4A);

/// The colour of section number `index` (colours repeat, darker, after nine sections).
pub fn section_colour(index: usize) -> Rgb {
    let base = SECTION_COLOURS[index % SECTION_COLOURS.len()];
    match index / SECTION_COLOURS.len() {
        0 => base,
        round => base.shade((0.25 * round as f64).min(0.6)),
    }
}

/// A section's name for display (`(no section)` for papers before any heading).
pub fn section_display_name(name: &str) -> String {
    let name = clean_text(name);
    if name.is_empty() { "(no section)".to_owned() } else { name }
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

/// One line of display text: whitespace runs (newlines, tabs) become one space, control
/// characters go, the ends are trimmed.
pub fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else if !c.is_control() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Longest short title, in characters, before it is cut.
const SHORT_TITLE_CHARS: usize = 42;

/// A title short enough for a label: the part before a colon when that part says enough
/// ("The Curse of Recursion: Training on …" -> "The Curse of Recursion"), else the title cut at a
/// word boundary with `…`.
pub fn short_title(title: &str) -> String {
    let title = clean_text(title);
    if let Some((head, _)) = title.split_once(": ") {
        let n = head.chars().count();
        if (12..=SHORT_TITLE_CHARS).contains(&n) && head.contains(' ') {
            return head.to_owned();
        }
    }
    if title.chars().count() <= SHORT_TITLE_CHARS {
        return title;
    }
    let cut: String = title.chars().take(SHORT_TITLE_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space >= cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '-', ' ']))
}

/// The year a paper is shown under: its year, else the year of its publication date.
pub fn year_of(paper: &PaperNode) -> Option<i32> {
    paper.year.or_else(|| paper.publication_date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok()))
}

/// `Short title (year)`, or `Short title` when the year is unknown.
pub fn label(paper: &PaperNode) -> String {
    let title = if clean_text(&paper.title).is_empty() { "(untitled)".to_owned() } else { short_title(&paper.title) };
    match year_of(paper) {
        Some(year) => format!("{title} ({year})"),
        None => title,
    }
}

/// Authors for a tooltip: all of them up to eight, else the first six and "et al.".
pub fn authors_line(authors: &[String]) -> String {
    let names: Vec<String> = authors.iter().map(|a| clean_text(a)).filter(|a| !a.is_empty()).collect();
    match names.len() {
        0 => String::new(),
        n if n <= 8 => names.join(", "),
        n => format!("{} et al. ({n} authors)", names[..6].join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_titles_keep_the_part_before_a_colon_or_cut_at_a_word() {
        assert_eq!(
            short_title("The Curse of Recursion: Training on Generated Data Makes Models Forget"),
            "The Curse of Recursion"
        );
        assert_eq!(short_title("Self-Consuming Generative Models Go MAD"), "Self-Consuming Generative Models Go MAD");
        let long =
            short_title("Is Model Collapse Inevitable? Breaking the Curse of Recursion by Accumulating Real Data");
        assert_eq!(long, "Is Model Collapse Inevitable? Breaking…");
        assert_eq!(short_title("AI: models"), "AI: models", "a one-word head is not enough");
        assert_eq!(short_title("  two\nlines\t"), "two lines");
    }

    #[test]
    fn sizes_are_the_square_root_of_the_pagerank_share() {
        assert_eq!(relative_size(0.25, 1.0), 0.5);
        assert_eq!(relative_size(0.0, 1.0), 0.0);
        assert_eq!(relative_size(1.0, 0.0), 0.0);
        assert_eq!(relative_size(f64::NAN, 1.0), 0.0);
    }

    #[test]
    fn colours_stay_distinct_past_the_palette() {
        assert_eq!(section_colour(0).hex(), "#4E79A7");
        assert_ne!(section_colour(0), section_colour(9));
        assert_eq!(Rgb(0, 0, 0).tint(1.0), Rgb(255, 255, 255));
    }

    #[test]
    fn long_author_lists_are_shortened() {
        let many: Vec<String> = (0..10).map(|i| format!("A{i}")).collect();
        assert_eq!(authors_line(&many), "A0, A1, A2, A3, A4, A5 et al. (10 authors)");
        assert_eq!(authors_line(&many[..2]), "A0, A1");
    }
}
