//! Pictures: what the pictures write about a paper — a section's display name, a short title,
//! the `Short title (year)` label, the authors line of a tooltip — and the one-line text cleaning
//! they all use.

use crate::graph::PaperNode;

/// A section's name for display (`(no section)` for papers before any heading).
pub fn section_display_name(name: &str) -> String {
    let name = clean_text(name);
    if name.is_empty() { "(no section)".to_owned() } else { name }
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
    fn long_author_lists_are_shortened() {
        let many: Vec<String> = (0..10).map(|i| format!("A{i}")).collect();
        assert_eq!(authors_line(&many), "A0, A1, A2, A3, A4, A5 et al. (10 authors)");
        assert_eq!(authors_line(&many[..2]), "A0, A1");
    }
}
