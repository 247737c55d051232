//! The list's order rule ("Sorted by upload date (oldest first)") and the upload date it sorts
//! by: what `lint` checks and where `add` places a new entry.

use std::cmp::Ordering;

use crate::model::PaperMeta;
use crate::paper_list::{ListSource, PaperId};

/// How the entries of each section are sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OrderRule {
    /// By upload date, oldest first.
    OldestFirst,
    /// By upload date, newest first.
    NewestFirst,
}

impl OrderRule {
    /// The rule the list states in its text (`sorted by ... date (oldest first)`, case
    /// insensitive), if any. The built-in list is sorted oldest first (its source says so in the
    /// introduction the built-in copy leaves out).
    pub fn detect(source: &ListSource, text: &str) -> Option<OrderRule> {
        if *source == ListSource::Builtin {
            return Some(OrderRule::OldestFirst);
        }
        let lower = text.to_lowercase();
        let at = lower.find("sorted by")?;
        let window: String = lower[at..].chars().take(120).collect();
        if window.contains("oldest first") || window.contains("ascending") {
            Some(OrderRule::OldestFirst)
        } else if window.contains("newest first") || window.contains("latest first") || window.contains("descending") {
            Some(OrderRule::NewestFirst)
        } else {
            None
        }
    }

    /// Whether `earlier` may come before `later` in a section under this rule (unknown dates
    /// never break the order).
    pub fn allows(self, earlier: Option<&UploadDate>, later: Option<&UploadDate>) -> bool {
        let (Some(a), Some(b)) = (earlier, later) else { return true };
        match (self, a.compare(b)) {
            (_, None) => true,
            (OrderRule::OldestFirst, Some(ordering)) => ordering != Ordering::Greater,
            (OrderRule::NewestFirst, Some(ordering)) => ordering != Ordering::Less,
        }
    }

    /// The words for messages.
    pub fn describe(self) -> &'static str {
        match self {
            OrderRule::OldestFirst => "by upload date, oldest first",
            OrderRule::NewestFirst => "by upload date, newest first",
        }
    }
}

/// When a paper was first uploaded: from its arXiv id (`2305.17493`: May 2023, number 17493),
/// else from Semantic Scholar's publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadDate {
    /// Year.
    pub year: i32,
    /// Month, 1 to 12 (0 when unknown).
    pub month: u32,
    /// The arXiv sequence number within the month, when from an arXiv id.
    pub arxiv_number: Option<u32>,
    /// The day, when from a publication date.
    pub day: Option<u32>,
}

impl UploadDate {
    /// The upload date of a paper: its arXiv id (from the list's link, else S2's), else S2's
    /// publication date, else its year.
    pub fn of(id: Option<&PaperId>, meta: Option<&PaperMeta>) -> Option<UploadDate> {
        let arxiv = match id {
            Some(PaperId::Arxiv(a)) => Some(a.clone()),
            _ => meta.and_then(|m| m.external_ids.arxiv_key()),
        };
        let meta = meta.map(|m| (m.publication_date.as_deref(), m.year));
        UploadDate::from_parts(arxiv.as_deref(), meta.and_then(|m| m.0), meta.and_then(|m| m.1))
    }

    /// The upload date from an arXiv id, else a publication date, else a year.
    pub fn from_parts(arxiv: Option<&str>, publication_date: Option<&str>, year: Option<i32>) -> Option<UploadDate> {
        if let Some(date) = arxiv.and_then(UploadDate::from_arxiv) {
            return Some(date);
        }
        if let Some(date) = publication_date {
            let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
            if let (Some(Some(y)), Some(Some(m))) = (parts.next(), parts.next()) {
                let day = parts.next().flatten();
                return Some(UploadDate { year: y as i32, month: m, arxiv_number: None, day });
            }
        }
        year.map(|year| UploadDate { year, month: 0, arxiv_number: None, day: None })
    }

    /// `2305.17493` -> May 2023, number 17493.
    pub fn from_arxiv(id: &str) -> Option<UploadDate> {
        let (head, tail) = id.split_once('.')?;
        if head.len() != 4 || !head.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year = 2000 + head[..2].parse::<i32>().ok()?;
        let month = head[2..].parse::<u32>().ok()?;
        let number = tail.parse::<u32>().ok()?;
        Some(UploadDate { year, month, arxiv_number: Some(number), day: None })
    }

    /// Compares two dates as far as both are known (`None`: they cannot be told apart).
    pub fn compare(&self, other: &UploadDate) -> Option<Ordering> {
        let by_year = self.year.cmp(&other.year);
        if by_year != Ordering::Equal || self.month == 0 || other.month == 0 {
            return (by_year != Ordering::Equal).then_some(by_year);
        }
        let by_month = self.month.cmp(&other.month);
        if by_month != Ordering::Equal {
            return Some(by_month);
        }
        match (self.arxiv_number, other.arxiv_number, self.day, other.day) {
            (Some(a), Some(b), _, _) => Some(a.cmp(&b)),
            (_, _, Some(a), Some(b)) if a != b => Some(a.cmp(&b)),
            _ => None,
        }
    }

    /// `2023-05` (with the day when known), for messages.
    pub fn label(&self) -> String {
        match (self.month, self.day, self.arxiv_number) {
            (0, _, _) => self.year.to_string(),
            (m, None, Some(n)) => format!("{}-{m:02}, arXiv number {n}", self.year),
            (m, Some(d), _) => format!("{}-{m:02}-{d:02}", self.year),
            (m, None, None) => format!("{}-{m:02}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_is_read_from_the_list_text() {
        let file = ListSource::File("l.md".into());
        assert_eq!(OrderRule::detect(&file, "Sorted by upload date (oldest first)."), Some(OrderRule::OldestFirst));
        assert_eq!(OrderRule::detect(&file, "papers sorted by date, newest first"), Some(OrderRule::NewestFirst));
        assert_eq!(OrderRule::detect(&file, "# A list\n1. [x](y)"), None);
        assert_eq!(OrderRule::detect(&ListSource::Builtin, ""), Some(OrderRule::OldestFirst));
    }

    #[test]
    fn arxiv_ids_order_uploads_within_a_month() {
        let a = UploadDate::from_arxiv("2305.17493").unwrap();
        let b = UploadDate::from_arxiv("2305.00001").unwrap();
        let c = UploadDate::from_arxiv("2402.07087").unwrap();
        assert_eq!(b.compare(&a), Some(Ordering::Less));
        assert!(OrderRule::OldestFirst.allows(Some(&a), Some(&c)));
        assert!(!OrderRule::OldestFirst.allows(Some(&c), Some(&a)));
        assert!(OrderRule::NewestFirst.allows(Some(&c), Some(&a)));
        assert!(OrderRule::OldestFirst.allows(None, Some(&a)));
    }
}
