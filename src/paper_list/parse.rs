//! The Markdown walk: pulldown-cmark events -> sections and paper entries.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::authors::as_author_list;
use super::{ListSource, ListedPaper, PaperId, PaperList, Problem, Section, VenueTag};
use crate::model::normalize_title;

/// Parses an awesome-list style Markdown text. Never fails: entries with problems carry them,
/// and a text without entries gives an empty list (callers decide whether that is an error).
pub fn parse_markdown(source: ListSource, text: &str) -> PaperList {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = LineIndex::new(text);
    let mut walk = Walk::default();
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        let line = lines.line_of(range.start);
        // Only a list item's column matters (to tell a nested summary from a sibling item).
        let column =
            if matches!(event, Event::Start(Tag::Item)) { lines.column_of(text, line, range.start) } else { 0 };
        walk.event(event, line, column, &text[range]);
    }
    let mut papers = walk.papers;
    papers.sort_by_key(|p| p.line);
    mark_duplicates(&mut papers);

    let sections = sections_with_papers(&walk.headings, &papers);
    let name = walk.headings.iter().find(|h| h.level == 1).map(|h| h.name.clone()).unwrap_or_else(|| match &source {
        ListSource::File(path) => file_stem(path),
        ListSource::Builtin => super::BUILTIN_NAME.to_owned(),
        ListSource::Stdin => "paper list".to_owned(),
    });
    let updated = super::updated_date(preamble(text, &lines, &sections, &papers));
    PaperList { name, source, sections, papers, updated }
}

/// The headings that hold papers, first heading of each name only, in document order; a section
/// without a name first when papers come before any heading (or under an empty heading, whose
/// papers it then holds too: one section per name). One pass over each (linear: a list with
/// 100,000 headings must not take minutes).
fn sections_with_papers(headings: &[Section], papers: &[ListedPaper]) -> Vec<Section> {
    let with_papers: HashSet<&str> = papers.iter().map(|p| p.section.as_str()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut sections: Vec<Section> = Vec::new();
    if with_papers.contains("") {
        seen.insert("");
        sections.push(Section { name: String::new(), heading: String::new(), level: 0, line: 1 });
    }
    for heading in headings {
        if with_papers.contains(heading.name.as_str()) && seen.insert(heading.name.as_str()) {
            sections.push(heading.clone());
        }
    }
    sections
}

/// The text before the first heading that holds papers (before the first paper when papers come
/// before any heading): where a list says when it was updated.
fn preamble<'t>(text: &'t str, lines: &LineIndex, sections: &[Section], papers: &[ListedPaper]) -> &'t str {
    let first = match sections.first() {
        Some(section) if section.level > 0 => section.line,
        _ => papers.first().map_or(usize::MAX, |p| p.line),
    };
    let end = lines.0.get(first.saturating_sub(1)).copied().unwrap_or(text.len());
    &text[..end]
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map_or_else(|| "paper list".to_owned(), |s| s.to_string_lossy().into_owned())
}

/// Byte offset -> 1-based line number.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex(starts)
    }

    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }

    /// The column (tabs to the next multiple of 4) of the first non-blank character at or after
    /// `offset` on its line: for a list item, the column of its marker.
    fn column_of(&self, text: &str, line: usize, offset: usize) -> usize {
        let start = self.0[line - 1];
        let blank = text[offset..].bytes().take_while(|b| matches!(b, b' ' | b'\t')).count();
        text[start..offset + blank].chars().fold(0, |col, c| if c == '\t' { col + 4 - col % 4 } else { col + 1 })
    }
}

/// One open list item.
#[derive(Default)]
struct Item {
    line: usize,
    /// Column of the item's marker.
    column: usize,
    /// A nested list has started: later text belongs to the nested items.
    nested: bool,
    /// Text before the first link.
    pre: String,
    /// The first link's destination and text.
    link: Option<(String, String)>,
    /// The item links to an anchor of this page (a table of contents line).
    anchor_link: bool,
    link_open: bool,
    /// Text after the first link.
    post: String,
    /// All own text, links included.
    full: String,
    /// Nested bullets that are not entries: (line, text).
    bullets: Vec<String>,
    /// Entries nested inside this item.
    child_entries: usize,
}

impl Item {
    fn push_text(&mut self, text: &str) {
        if self.nested {
            return;
        }
        self.full.push_str(text);
        match (&mut self.link, self.link_open) {
            (Some((_, link_text)), true) => link_text.push_str(text),
            (Some(_), false) => self.post.push_str(text),
            (None, _) => self.pre.push_str(text),
        }
    }

    /// An item is a paper entry when it has a paper link (not a `#anchor`).
    fn has_paper_link(&self) -> bool {
        self.link.as_ref().is_some_and(|(dest, _)| !dest.starts_with('#') && !dest.trim().is_empty())
    }

    /// Text before the link is empty or a `[tag]` alone.
    fn starts_with_link(&self) -> bool {
        let (_, rest) = split_tag(&self.pre);
        rest.trim().is_empty()
    }
}

#[derive(Default)]
struct Walk {
    headings: Vec<Section>,
    section: String,
    /// The heading being read: level, line, text, and the heading as written.
    heading: Option<(u8, usize, String, String)>,
    items: Vec<Item>,
    papers: Vec<ListedPaper>,
    /// The last thing seen was a paper entry with a link, so a stray untagged bullet right after
    /// it is that entry's author or summary line, indented too little to nest (`10. [..](..)`
    /// followed by a three-space `* Names` line).
    after_entry: bool,
    /// Column of the last paper entry with a link: a stray bullet indented further is clearly
    /// meant as its summary; one that is not gets a warning.
    entry_column: usize,
}

impl Walk {
    /// One event; `source` is the text it spans.
    fn event(&mut self, event: Event<'_>, line: usize, column: usize, source: &str) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((heading_level(level), line, String::new(), written_heading(source)));
            }
            Event::End(TagEnd::Heading(_)) => {
                self.after_entry = false;
                if let Some((level, line, text, heading)) = self.heading.take() {
                    let name = clean_heading(&text);
                    self.section.clone_from(&name);
                    self.headings.push(Section { name, heading, level, line });
                }
            }
            Event::Start(Tag::List(_)) => {
                if let Some(item) = self.items.last_mut() {
                    item.nested = true;
                }
            }
            Event::Start(Tag::Item) => self.items.push(Item { line, column, ..Item::default() }),
            Event::Start(Tag::Paragraph) if self.items.is_empty() => self.after_entry = false,
            Event::End(TagEnd::Item) => self.end_item(),
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(item) = self.items.last_mut() {
                    item.anchor_link |= !item.nested && dest_url.starts_with('#');
                    if !item.nested && item.link.is_none() && !dest_url.starts_with('#') {
                        item.link = Some((dest_url.into_string(), String::new()));
                        item.link_open = true;
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(item) = self.items.last_mut() {
                    item.link_open = false;
                }
            }
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, _, heading, _)) = &mut self.heading {
            heading.push_str(text);
        } else if let Some(item) = self.items.last_mut() {
            item.push_text(text);
        }
    }

    fn end_item(&mut self) {
        let Some(item) = self.items.pop() else { return };
        let linked_ancestor = self.items.iter().rposition(Item::has_paper_link);
        let is_entry = item.has_paper_link() && (linked_ancestor.is_none() || item.starts_with_link());
        if is_entry {
            if let Some(parent) = self.items.last_mut() {
                parent.child_entries += 1;
            }
            self.entry_column = item.column;
            let paper = self.entry(item);
            self.papers.push(paper);
            self.after_entry = true;
        } else if let Some(ancestor) = linked_ancestor {
            let text = collapse_ws(&item.full);
            if !text.is_empty() {
                self.items[ancestor].bullets.push(text);
            }
            // Deeper bullets of a summary bullet belong to the same entry.
            let bullets = item.bullets;
            self.items[ancestor].bullets.extend(bullets);
        } else if item.anchor_link {
            // A table-of-contents line (`[Section](#section)`), not a paper.
        } else if item.child_entries > 0 {
            // A grouping bullet ("Vision:") whose nested items are the entries.
            if let Some(parent) = self.items.last_mut() {
                parent.child_entries += item.child_entries;
            }
        } else {
            let (tag, rest) = split_tag(&item.full);
            let title = collapse_ws(rest);
            if tag.is_none() && self.after_entry {
                if let Some(last) = self.papers.last_mut() {
                    if item.column <= self.entry_column && !title.is_empty() {
                        last.problems.push(Problem::StraySummary { line: item.line, entry_line: last.line });
                    }
                    match as_author_list(&title) {
                        Some(names) if last.authors.is_empty() => last.authors = names,
                        _ if title.is_empty() => {}
                        _ => last.summary.push(title),
                    }
                    last.summary.extend(item.bullets);
                }
            } else if !title.is_empty() {
                self.after_entry = false;
                self.papers.push(ListedPaper {
                    line: item.line,
                    section: self.section.clone(),
                    tag,
                    title,
                    url: None,
                    id: None,
                    authors: Vec::new(),
                    summary: item.bullets,
                    note: None,
                    problems: vec![Problem::NoLink],
                });
            }
        }
    }

    fn entry(&self, item: Item) -> ListedPaper {
        let (dest, link_text) = item.link.unwrap_or_default();
        let (mut tag, pre_rest) = split_tag(&item.pre);
        let mut post = collapse_ws(&item.post);
        if tag.is_none() {
            // `[Title](url) [ICLR 24]`: a tag after the link.
            let (post_tag, rest) = split_tag(&post);
            if post_tag.is_some() {
                tag = post_tag;
                post = collapse_ws(rest);
            }
        }
        let mut title = collapse_ws(&link_text);
        if (title.is_empty() || title == dest.trim()) && !collapse_ws(pre_rest).is_empty() {
            // `Title <https://...>`: the title is the text before the link.
            title = collapse_ws(pre_rest);
        }
        let id = PaperId::from_url(&dest);
        let mut problems = Vec::new();
        if id.is_none() {
            problems.push(Problem::UnrecognisedLink { url: dest.clone() });
        }
        let mut authors = Vec::new();
        let mut summary = Vec::new();
        for bullet in item.bullets {
            match as_author_list(&bullet) {
                Some(names) if authors.is_empty() => authors = names,
                _ => summary.push(bullet),
            }
        }
        ListedPaper {
            line: item.line,
            section: self.section.clone(),
            tag,
            title,
            url: Some(dest.trim().to_owned()),
            id,
            authors,
            summary,
            note: note_text(&post),
            problems,
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Splits a leading `[tag]` off `text`.
fn split_tag(text: &str) -> (Option<VenueTag>, &str) {
    let trimmed = text.trim_start();
    if let Some(rest) = trimmed.strip_prefix('[')
        && let Some(end) = rest.find(']')
        && let Some(tag) = VenueTag::parse(&rest[..end])
    {
        return (Some(tag), &rest[end + 1..]);
    }
    (None, text)
}

/// Heading text made readable: no quotes, no trailing colon, single spaces.
fn clean_heading(text: &str) -> String {
    let unquoted: String = text.chars().filter(|c| !matches!(c, '"' | '“' | '”' | '„')).collect();
    collapse_ws(&unquoted).trim_end_matches([':', ' ']).to_owned()
}

/// A heading's source text as written after its opening `#`s (an ATX heading, closing `#`s kept)
/// or above its underline (a setext heading), on one line: lines joined by a space, tabs made
/// spaces, other control characters dropped, ends trimmed.
fn written_heading(source: &str) -> String {
    let source = source.trim_start_matches([' ', '\t']);
    let first = source.lines().next().unwrap_or_default();
    let hashes = first.len() - first.trim_start_matches('#').len();
    let atx = (1..=6).contains(&hashes) && first[hashes..].chars().next().is_none_or(char::is_whitespace);
    let content = if atx {
        &first[hashes..]
    } else {
        source.trim_end().rsplit_once('\n').map_or(source, |(text, _underline)| text)
    };
    let one_line = content.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    let visible: String =
        one_line.chars().filter_map(|c| if c == '\t' { Some(' ') } else { (!c.is_control()).then_some(c) }).collect();
    visible.trim().to_owned()
}

/// `(same authors as X)` -> `same authors as X`; empty -> `None`.
fn note_text(post: &str) -> Option<String> {
    let post = post.trim().trim_start_matches(['-', '–', '—', ':', ',']).trim();
    let inner = post
        .strip_prefix('(')
        .and_then(|p| p.strip_suffix(')'))
        .filter(|inner| !inner.contains(['(', ')']))
        .unwrap_or(post);
    let inner = inner.trim();
    (!inner.is_empty()).then(|| inner.to_owned())
}

fn collapse_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Marks later entries that repeat an earlier one (same identifier, or same normalised title).
fn mark_duplicates(papers: &mut [ListedPaper]) {
    let mut by_id: HashMap<(&'static str, String), usize> = HashMap::new();
    let mut by_title: HashMap<String, usize> = HashMap::new();
    for paper in papers.iter_mut() {
        let mut duplicate = None;
        if let Some(id) = &paper.id {
            match by_id.get(&id.dedup_key()) {
                Some(&first_line) => duplicate = Some((first_line, format!("{} id {}", id.kind(), id.value()))),
                None => {
                    by_id.insert(id.dedup_key(), paper.line);
                }
            }
        }
        let title = normalize_title(&paper.title);
        if !title.is_empty() {
            match by_title.get(&title) {
                Some(&first_line) if duplicate.is_none() => {
                    duplicate = Some((first_line, "title".to_owned()));
                }
                Some(_) => {}
                None => {
                    by_title.insert(title, paper.line);
                }
            }
        }
        if let Some((first_line, matched)) = duplicate {
            paper.problems.push(Problem::Duplicate { first_line, matched });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> PaperList {
        parse_markdown(ListSource::Stdin, text)
    }

    #[test]
    fn an_entry_with_tag_link_note_authors_and_summary() {
        let list = parse(
            "# My list\n\n## \"Solving\" *MADness*:\n\
             1. [arXiv 24] [A **Tale** of Tails](https://arxiv.org/abs/2402.07043v2) (same authors as X)\n   \
             * A summary sentence that says what the paper does.\n   * Elvis Dohmatob, Julia Kempe\n",
        );
        assert_eq!(list.name, "My list");
        assert_eq!(list.sections.len(), 1);
        assert_eq!(list.sections[0].name, "Solving MADness");
        assert_eq!(list.sections[0].heading, "\"Solving\" *MADness*:");
        let p = &list.papers[0];
        assert_eq!(p.line, 4);
        assert_eq!(p.title, "A Tale of Tails");
        assert_eq!(p.tag.as_ref().unwrap().venue, "arXiv");
        assert_eq!(p.year(), Some(2024));
        assert_eq!(p.id, Some(PaperId::Arxiv("2402.07043".into())));
        assert_eq!(p.note.as_deref(), Some("same authors as X"));
        assert_eq!(p.authors, ["Elvis Dohmatob", "Julia Kempe"]);
        assert_eq!(p.summary, ["A summary sentence that says what the paper does."]);
        assert!(p.problems.is_empty());
    }

    #[test]
    fn anchors_and_grouping_bullets_are_not_papers() {
        let list = parse(
            "- [Section A](#section-a)\n\n## Section A\n- Vision:\n  - [P1](https://arxiv.org/abs/2301.00001)\n  \
             - [P2](https://arxiv.org/abs/2301.00002)\n",
        );
        let titles: Vec<_> = list.papers.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["P1", "P2"]);
    }

    #[test]
    fn papers_under_an_empty_heading_and_before_any_heading_make_one_section() {
        // Two sections of the same (empty) name listed every paper twice in `citegraph list`.
        let list = parse("- [P1](https://arxiv.org/abs/2301.00001)\n\n#\n- [P2](https://arxiv.org/abs/2301.00002)\n");
        assert_eq!(list.sections, [Section { name: String::new(), heading: String::new(), level: 0, line: 1 }]);
        let groups = list.papers_by_section();
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].1.len(), 2);
    }

    #[test]
    fn a_heading_is_kept_as_written_on_one_line() {
        let heading = |text: &str| parse(text).sections[0].heading.clone();
        let entry = "\n- [P](https://arxiv.org/abs/2301.00001)\n";
        assert_eq!(heading(&format!("### \"Solving\" MADness:{entry}")), "\"Solving\" MADness:");
        assert_eq!(heading(&format!("   ##   Spaced  out  ##  {entry}")), "Spaced  out  ##");
        assert_eq!(heading(&format!("## CRLF: `code`\r\n{entry}")), "CRLF: `code`");
        assert_eq!(heading(&format!("## Bell\u{7}\tand tab{entry}")), "Bell and tab");
        assert_eq!(heading(&format!("Two *lines*\nof setext:\n===\n{entry}")), "Two *lines* of setext:");
        assert_eq!(heading(&format!("#hashtag\n---\n{entry}")), "#hashtag");
        assert_eq!(heading(&format!("##\n{entry}")), "");
    }

    #[test]
    fn line_numbers_survive_crlf() {
        let list = parse("## S\r\n\r\n1. [arXiv 23] [T](https://arxiv.org/abs/2301.00001)\r\n   * Ann Author\r\n");
        assert_eq!(list.papers[0].line, 3);
        assert_eq!(list.papers[0].title, "T");
        assert_eq!(list.papers[0].authors, ["Ann Author"]);
    }

    #[test]
    fn the_updated_date_comes_from_the_text_before_the_first_paper_heading() {
        let list = parse(
            "# L\nSorted by upload date. Updated as of 5/14/2024.\n\n### Foundational work:\n\
             1. [arXiv 23] [T](https://arxiv.org/abs/2305.17493)\n",
        );
        assert_eq!(list.updated.map(|d| d.to_string()).as_deref(), Some("2024-05-14"));
        // A date in an entry or under a later heading is not the list's.
        let list = parse(
            "# L\n## S\n1. [Updated on 2024-01-01](https://arxiv.org/abs/2301.00001)\n## T\nLast updated: 2024-05-14\n",
        );
        assert_eq!(list.updated, None);
        let list = parse("Last updated: 2024-05-14\n- [P1](https://arxiv.org/abs/2301.00001)\n");
        assert_eq!(list.updated.map(|d| d.to_string()).as_deref(), Some("2024-05-14"));
        assert_eq!(PaperList::builtin().updated.map(|d| d.to_string()).as_deref(), Some("2024-05-14"));
    }
}
