//! `citegraph lint`: the list checked against itself and Semantic Scholar. Each [`Finding`] names
//! the file, the line, what is wrong and the fix; [`Level::Error`] findings fail the run.
//!
//! Errors: duplicates (same id, same title, or one Semantic Scholar paper or its twin), entries
//! that do not resolve. Warnings: a preprint since published, a tag year that disagrees, a title
//! that differs from the paper's, entries out of the list's stated order, a missing author line,
//! and the parser's own problems with single entries (unrecognised link, no link, stray item).

use std::collections::HashMap;

use serde::Serialize;

use super::order::{OrderRule, UploadDate};
use crate::graph::CitationGraph;
use crate::model::{Corpus, ExternalIds, PaperMeta, Resolution, normalize_title};
use crate::paper_list::{ListedPaper, PaperList, Problem, VenueTag};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// The list is wrong: `lint` exits with status 1.
    Error,
    /// Worth a look; the exit status stays 0.
    Warning,
}

impl Level {
    /// `error` or `warning`, as GitHub annotations spell them.
    pub fn word(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

/// One problem with the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The list file, as given (`<built-in list>` for the built-in one).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// Error or warning.
    pub level: Level,
    /// Which check: `duplicate`, `unresolved`, `published`, `tag-year`, `title`, `order`,
    /// `authors`, `link`, `stray-item`.
    pub rule: &'static str,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub fix: String,
}

/// Every check on a list; `text` is its Markdown (for the order rule it states), `corpus` and
/// `graph` what the fetch and graph stages made of it. Findings come sorted by line.
pub fn lint(list: &PaperList, text: Option<&str>, corpus: &Corpus, graph: &CitationGraph) -> Vec<Finding> {
    let file = list.source.to_string();
    let mut out = Vec::new();
    let mut push = |line: usize, level: Level, rule: &'static str, message: String, fix: String| {
        out.push(Finding { file: file.clone(), line, level, rule, message, fix });
    };
    let resolution: HashMap<usize, &Resolution> = corpus.listed.iter().map(|e| (e.list_index, &e.resolution)).collect();
    let meta_of = |index: usize| -> Option<&PaperMeta> {
        match resolution.get(&index) {
            Some(Resolution::Resolved { paper_id, .. }) => corpus.papers.get(paper_id),
            _ => None,
        }
    };

    // The parser's findings: duplicates by id or title, link problems.
    for paper in &list.papers {
        for problem in &paper.problems {
            let line = problem.line().unwrap_or(paper.line);
            match problem {
                Problem::Duplicate { first_line, matched } => push(
                    line,
                    Level::Error,
                    "duplicate",
                    format!("duplicate of the entry on line {first_line} (same {matched})"),
                    format!("remove this entry or the one on line {first_line}"),
                ),
                Problem::UnrecognisedLink { url } => push(
                    line,
                    Level::Warning,
                    "link",
                    format!("link not recognised as arXiv, OpenReview, DOI, Semantic Scholar or ACL Anthology: {url}"),
                    "link the arXiv abstract or the DOI so the paper is found by id, not by title".to_owned(),
                ),
                Problem::NoLink => push(
                    line,
                    Level::Warning,
                    "link",
                    "entry without a link".to_owned(),
                    "add an arXiv or DOI link".to_owned(),
                ),
                Problem::StraySummary { entry_line, .. } => push(
                    line,
                    Level::Warning,
                    "stray-item",
                    format!("item without a link taken as the summary of the entry on line {entry_line}"),
                    "indent it under its entry, or give it a link if it is a paper".to_owned(),
                ),
            }
        }
    }

    // One Semantic Scholar paper (or twin records merged into one node) listed twice.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, paper) in list.papers.iter().enumerate() {
        let already_duplicate = paper.problems.iter().any(|p| matches!(p, Problem::Duplicate { .. }));
        let Some(Resolution::Resolved { paper_id, .. }) = resolution.get(&index) else { continue };
        let node_key = graph.find(paper_id).map_or_else(|| paper_id.clone(), |n| graph.node(n).paper_id.clone());
        let title_key = meta_of(index).map(|m| format!("title:{}", normalize_title(&m.title)));
        for key in std::iter::once(node_key).chain(title_key) {
            match seen.get(&key) {
                Some(&first) if !already_duplicate => {
                    let first_line = list.papers[first].line;
                    push(
                        paper.line,
                        Level::Error,
                        "duplicate",
                        format!(
                            "Semantic Scholar resolves this entry and the one on line {first_line} to the same paper{}",
                            if key.starts_with("title:") { " (a preprint and its published version)" } else { "" }
                        ),
                        format!(
                            "keep one entry (the published version's tag and link) and remove the other (line {first_line} or this one)"
                        ),
                    );
                    break;
                }
                Some(_) => break,
                None => {
                    seen.insert(key, index);
                }
            }
        }
    }

    for (index, paper) in list.papers.iter().enumerate() {
        match resolution.get(&index) {
            Some(Resolution::Unresolved { reason }) => push(
                paper.line,
                Level::Error,
                "unresolved",
                format!("Semantic Scholar does not know this paper: {reason}"),
                "check the link's id (or the title, for an entry found by title), or remove the entry".to_owned(),
            ),
            Some(Resolution::Resolved { .. }) => {
                if let Some(meta) = meta_of(index) {
                    check_against_s2(paper, meta, &mut push);
                }
            }
            None => {}
        }
    }

    if let Some(rule) = text.and_then(|t| OrderRule::detect(&list.source, t)) {
        for (_, papers) in list.papers_by_section() {
            let dates: Vec<Option<UploadDate>> = papers
                .iter()
                .map(|p| {
                    let index = list.papers.iter().position(|q| q.line == p.line).unwrap_or(0);
                    UploadDate::of(p.id.as_ref(), meta_of(index))
                })
                .collect();
            for k in 1..papers.len() {
                let Some(current) = dates[k].as_ref() else { continue };
                let Some(j) = (0..k).rev().find(|&j| dates[j].is_some()) else { continue };
                if rule.allows(dates[j].as_ref(), Some(current)) {
                    continue;
                }
                // The first entry of the section that belongs after this one.
                let target = (0..k).find(|&t| !rule.allows(dates[t].as_ref(), Some(current))).unwrap_or(j);
                push(
                    papers[k].line,
                    Level::Warning,
                    "order",
                    format!(
                        "out of order: the list is sorted {}, and this paper ({}) comes after the entry on line {} ({})",
                        rule.describe(),
                        current.label(),
                        papers[j].line,
                        dates[j].as_ref().map(UploadDate::label).unwrap_or_default()
                    ),
                    format!("move it above the entry on line {}", papers[target].line),
                );
            }
        }
    }

    // An author line, when most entries have one.
    let with_authors = list.papers.iter().filter(|p| !p.authors.is_empty()).count();
    if with_authors >= 2 && with_authors * 2 >= list.papers.len() {
        for (index, paper) in list.papers.iter().enumerate() {
            if paper.authors.is_empty() {
                let names = meta_of(index)
                    .map(|m| m.authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", "))
                    .filter(|n| !n.is_empty());
                push(
                    paper.line,
                    Level::Warning,
                    "authors",
                    format!("no author line, unlike {with_authors} of the list's {} entries", list.papers.len()),
                    match names {
                        Some(names) => format!("add a nested line `* {names}`"),
                        None => "add a nested line with the authors, `* First Author, Second Author`".to_owned(),
                    },
                );
            }
        }
    }
    out.sort_by(|a, b| a.line.cmp(&b.line).then(a.level.cmp(&b.level)).then(a.rule.cmp(b.rule)));
    out
}

/// Whether a venue is arXiv's own (`arXiv`, `arXiv.org`, `CoRR`).
pub fn is_arxiv_venue(venue: &str) -> bool {
    let v = venue.trim().to_ascii_lowercase();
    v.is_empty() || v.starts_with("arxiv") || v == "corr"
}

/// A venue's short name for a tag: one word stays (`NeurIPS`), a long name becomes the initials
/// of its capitalised words (`International Conference on Learning Representations` -> `ICLR`).
pub fn venue_short_name(venue: &str) -> String {
    let words: Vec<&str> = venue.split_whitespace().collect();
    if words.len() <= 2 {
        return venue.trim().to_owned();
    }
    words.iter().filter_map(|w| w.chars().next().filter(|c| c.is_uppercase())).collect()
}

/// The year a paper appeared at its venue: the publication date's year, else S2's year.
pub fn venue_year(meta: &PaperMeta) -> Option<i32> {
    year_of_date(meta.publication_date.as_deref()).or(meta.year)
}

/// The year of a `YYYY-MM-DD` date.
pub fn year_of_date(date: Option<&str>) -> Option<i32> {
    date.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}

/// Whether Semantic Scholar has the paper published somewhere beyond arXiv.
pub fn published_venue(meta: &PaperMeta) -> Option<&str> {
    published_in(meta.venue.as_deref(), &meta.external_ids)
}

/// Where a paper is published beyond arXiv: its venue, or `""` when only a DOI that is not
/// arXiv's says it is; `None` for a preprint.
pub fn published_in<'a>(venue: Option<&'a str>, ids: &ExternalIds) -> Option<&'a str> {
    let venue = venue.filter(|v| !is_arxiv_venue(v));
    let doi_published = ids.doi_key().is_some_and(|d| !d.starts_with("10.48550/"));
    match venue {
        Some(v) => Some(v),
        None if doi_published => Some(""),
        None => None,
    }
}

fn check_against_s2(
    paper: &ListedPaper,
    meta: &PaperMeta,
    push: &mut impl FnMut(usize, Level, &'static str, String, String),
) {
    let tag = paper.tag.as_ref();
    let arxiv_tag = tag.is_some_and(|t| t.venue.eq_ignore_ascii_case("arxiv"));
    if arxiv_tag && let Some(venue) = published_venue(meta) {
        let short = if venue.is_empty() { "VENUE".to_owned() } else { venue_short_name(venue) };
        let new_tag = VenueTag::short(&short, venue_year(meta));
        let doi = meta.external_ids.doi.as_deref().filter(|d| !d.to_ascii_lowercase().starts_with("10.48550/"));
        let link = match doi {
            Some(doi) => {
                format!("keep the arXiv link (free to read) or link the published version, https://doi.org/{doi}")
            }
            None => "keep the arXiv link: it names the same paper and stays free to read".to_owned(),
        };
        let at = if venue.is_empty() { "a journal or proceedings (it has a DOI)".to_owned() } else { venue.to_owned() };
        push(
            paper.line,
            Level::Warning,
            "published",
            format!("tagged as arXiv only, but Semantic Scholar has it published in {at}"),
            format!("change the tag to `[{new_tag}]`; {link}"),
        );
    }
    if let Some(tag_year) = tag.and_then(|t| t.year) {
        let expected = if arxiv_tag {
            paper
                .id
                .as_ref()
                .and_then(|id| UploadDate::from_arxiv(id.value()))
                .map(|d| d.year)
                .or(meta.external_ids.arxiv_key().as_deref().and_then(UploadDate::from_arxiv).map(|d| d.year))
                .or(meta.year)
        } else {
            venue_year(meta).filter(|&y| y > tag_year)
        };
        if let Some(year) = expected.filter(|&y| y != tag_year) {
            let venue = tag.map_or("", |t| t.venue.as_str());
            push(
                paper.line,
                Level::Warning,
                "tag-year",
                format!("the tag says {tag_year}, but Semantic Scholar dates the paper {year}"),
                format!("write `[{}]`", VenueTag::short(venue, Some(year))),
            );
        }
    }
    if normalize_title(&paper.title) != normalize_title(&meta.title) {
        push(
            paper.line,
            Level::Warning,
            "title",
            format!(
                "the title differs from the paper's beyond case and punctuation: Semantic Scholar has `{}`",
                meta.title
            ),
            format!("correct the title to `{}` (or check that the link names the right paper)", meta.title.trim()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn venue_names_shorten_as_tags_write_them() {
        assert_eq!(venue_short_name("International Conference on Learning Representations"), "ICLR");
        assert_eq!(venue_short_name("NeurIPS"), "NeurIPS");
        assert_eq!(venue_short_name("Nature Communications"), "Nature Communications");
        assert!(is_arxiv_venue("arXiv.org") && is_arxiv_venue("CoRR") && is_arxiv_venue(""));
        assert!(!is_arxiv_venue("ICML"));
    }
}
