//! Pictures: what the pictures write about a paper — a section's display name, a short title,
//! the `Short title (year)` label, the authors line of a tooltip — and the one-line text cleaning
//! they all use.

use crate::graph::PaperNode;

/// A section's name for display (`(no section)` for papers before any heading).
pub fn section_display_name(name: &str) -> String {
    let name = clean_text(name);
    if name.is_empty() { "(no section)".to_owned() } else { name }
}

use crate::wording::short_title_says_enough;
pub use crate::wording::{clean_text, short_title};

/// The year a paper is shown under: its year, else the year of its publication date.
pub fn year_of(paper: &PaperNode) -> Option<i32> {
    paper.year.or_else(|| paper.publication_date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok()))
}

/// `Short title (year)`, or `Short title` when the year is unknown; `Surname YYYY` when the
/// title had to be cut and what is left is only generic words ("Generative Artificial
/// Intelligence…" names no paper).
pub fn label(paper: &PaperNode) -> String {
    let title = if clean_text(&paper.title).is_empty() { "(untitled)".to_owned() } else { short_title(&paper.title) };
    if !short_title_says_enough(&title) && paper.authors.iter().any(|a| !clean_text(a).is_empty()) {
        return author_year(paper);
    }
    titled(title, paper)
}

fn titled(title: String, paper: &PaperNode) -> String {
    match year_of(paper) {
        Some(year) => format!("{title} ({year})"),
        None => title,
    }
}

/// The short form of a paper, `Surname YYYY` (first author's last name), for where a title does
/// not fit; the short title when the paper has no author.
pub fn author_year(paper: &PaperNode) -> String {
    let surname = paper.authors.first().map(|a| clean_text(a)).map(|a| match a.rsplit(' ').next() {
        // A last "name" that is a number or an initial says less than the whole name.
        Some(last) if last.chars().count() > 2 && !last.chars().any(|c| c.is_ascii_digit()) => last.to_owned(),
        _ => a,
    });
    match (surname.filter(|s| !s.is_empty()), year_of(paper)) {
        (Some(name), Some(year)) => format!("{name} {year}"),
        (Some(name), None) => name,
        (None, _) => titled(short_title(&paper.title), paper),
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
    fn long_author_lists_are_shortened() {
        let many: Vec<String> = (0..10).map(|i| format!("A{i}")).collect();
        assert_eq!(authors_line(&many), "A0, A1, A2, A3, A4, A5 et al. (10 authors)");
        assert_eq!(authors_line(&many[..2]), "A0, A1");
    }
}
