//! `[venue year]` tags: `[arXiv 23]`, `[ICLR 2024 AGI Workshop]`, `[ICLR 24 rejected]`, `[CVPR SyntaGen 24]`.

use std::fmt;

use serde::Serialize;

/// A parsed venue tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VenueTag {
    /// The tag as written, without brackets.
    pub raw: String,
    /// The venue: the tag without its year (`ICLR AGI Workshop`, `ICLR rejected`).
    pub venue: String,
    /// The year; two-digit years are 20xx.
    pub year: Option<i32>,
}

impl VenueTag {
    /// Parses the text between the brackets; `None` when it is empty.
    pub fn parse(raw: &str) -> Option<VenueTag> {
        let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if raw.is_empty() {
            return None;
        }
        let mut year = None;
        let mut venue_words = Vec::new();
        for word in raw.split(' ') {
            match (year, parse_year(word)) {
                (None, Some(y)) => year = Some(y),
                _ => venue_words.push(word),
            }
        }
        Some(VenueTag { venue: venue_words.join(" "), year, raw })
    }

    /// The tag in the list's own style, with a two-digit year: `arXiv 23`.
    pub fn short(venue: &str, year: Option<i32>) -> String {
        match (venue.trim(), year) {
            ("", Some(y)) => format!("{:02}", y.rem_euclid(100)),
            (v, Some(y)) => format!("{v} {:02}", y.rem_euclid(100)),
            (v, None) => v.to_owned(),
        }
    }
}

impl fmt::Display for VenueTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

/// `23`, `'23`, `2023`, `(2023)` and `2023,` are years; two digits mean 20xx.
fn parse_year(word: &str) -> Option<i32> {
    let w = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '\'' | '’'));
    if !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match w.len() {
        2 => w.parse::<i32>().ok().map(|y| 2000 + y),
        4 => w.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> (String, Option<i32>) {
        let t = VenueTag::parse(s).unwrap();
        (t.venue, t.year)
    }

    #[test]
    fn tags_of_the_list() {
        assert_eq!(tag("arXiv 23"), ("arXiv".into(), Some(2023)));
        assert_eq!(tag("ICLR 24"), ("ICLR".into(), Some(2024)));
        assert_eq!(tag("ICLR 2024 AGI Workshop"), ("ICLR AGI Workshop".into(), Some(2024)));
        assert_eq!(tag("ICLR 24 rejected"), ("ICLR rejected".into(), Some(2024)));
        assert_eq!(tag("CVPR SyntaGen 24"), ("CVPR SyntaGen".into(), Some(2024)));
    }

    #[test]
    fn odd_tags() {
        assert_eq!(tag("NeurIPS"), ("NeurIPS".into(), None));
        assert_eq!(tag("  Nature   2024 "), ("Nature".into(), Some(2024)));
        assert_eq!(tag("ICML '23"), ("ICML".into(), Some(2023)));
        assert_eq!(tag("GPT 4 workshop 23"), ("GPT 4 workshop".into(), Some(2023)));
        assert_eq!(VenueTag::parse("   "), None);
    }

    #[test]
    fn short_form() {
        assert_eq!(VenueTag::short("arXiv", Some(2023)), "arXiv 23");
        assert_eq!(VenueTag::short("", Some(2009)), "09");
        assert_eq!(VenueTag::short("ICML", None), "ICML");
    }
}
