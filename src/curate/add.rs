//! `citegraph add`: accepted papers inserted into the list file in the list's own style (its
//! markers and numbering, venue tags, link style, author lines), in the section suggested or
//! given, where the list's order rule puts them. Every other byte of the file is kept: the plan
//! is a set of whole-line insertions, applied to the original text or shown as a unified diff.

use std::collections::HashMap;

use anyhow::{Result, bail};
use petgraph::graph::NodeIndex;

use super::ignore::{IgnoreKey, find_nodes, parse_key};
use super::lint::{published_in, venue_short_name, year_of_date};
use super::order::{OrderRule, UploadDate};
use crate::graph::{CitationGraph, PaperNode};
use crate::paper_list::span::{EntrySpan, ListMarker, entry_spans, line_starts};
use crate::paper_list::{PaperList, VenueTag};
use crate::rank::Rankings;

/// One entry to insert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    /// Byte offset in the original text where the lines go (the start of a line, or the end).
    pub offset: usize,
    /// 0-based index of the original line the new lines go before (`lines` when at the end).
    pub before_line: usize,
    /// The new lines, each with its line ending.
    pub lines: Vec<String>,
    /// The section it goes into.
    pub section: String,
    /// The paper's title.
    pub title: String,
}

/// Plans the insertion of the papers `ids` name (candidate rank `3`, S2 id, arXiv id or DOI)
/// into `list` (parsed from `text`). Refuses a paper already on the list, naming its line.
pub fn plan(
    list: &PaperList,
    text: &str,
    graph: &CitationGraph,
    rankings: &Rankings,
    ids: &[String],
    section: Option<&str>,
) -> Result<Vec<Insertion>> {
    let spans = entry_spans(text, list);
    let style = Style::of(list, text, &spans);
    let rule = OrderRule::detect(&list.source, text);
    let mut chosen: Vec<(NodeIndex, String)> = Vec::new();
    for id in ids {
        let node = find(id, graph, rankings)?;
        let paper = graph.node(node);
        if let Some(listed) = &paper.listed {
            bail!(
                "`{id}` ({}) is already on the list, line {}: nothing added",
                paper.title,
                list.papers[listed.list_index].line
            );
        }
        if chosen.iter().any(|(n, _)| *n == node) {
            bail!("`{id}` ({}) is given twice: name each paper once", paper.title);
        }
        let target = match section {
            Some(name) => find_section(list, name)?,
            None => rankings
                .candidates
                .iter()
                .find(|c| c.node == node)
                .and_then(|c| c.suggested_section.clone())
                .ok_or_else(|| {
                    anyhow::anyhow!("no section is suggested for `{id}` ({}): give one with --section", paper.title)
                })?,
        };
        chosen.push((node, target));
    }

    // The listed papers' upload dates, by list index, for the order rule.
    let mut listed_dates: HashMap<usize, Option<UploadDate>> = HashMap::new();
    for node in graph.listed() {
        let paper = graph.node(node);
        if let Some(info) = &paper.listed {
            listed_dates.insert(info.list_index, upload_date(paper));
        }
    }
    // Several new papers at one place go in the order rule's order, numbered one after another.
    if let Some(rule) = rule {
        let key = |node: NodeIndex| {
            upload_date(graph.node(node)).map(|d| (d.year, d.month, d.arxiv_number.or(d.day).unwrap_or(0)))
        };
        chosen.sort_by_key(|(node, _)| key(*node));
        if rule == OrderRule::NewestFirst {
            chosen.reverse();
        }
    }
    let mut at_offset: HashMap<usize, u64> = HashMap::new();
    let starts = line_starts(text);
    let line_count = starts.len();
    let mut insertions = Vec::new();
    for (node, section) in chosen {
        let paper = graph.node(node);
        let date = upload_date(paper);
        let members: Vec<usize> = (0..list.papers.len()).filter(|&i| list.papers[i].section == section).collect();
        let Some(&last) = members.last() else { bail!("section `{section}` holds no entries to follow") };
        // Before the first entry that must come after the new paper, else after the last one.
        let before = rule.and_then(|rule| {
            members.iter().copied().find(|&i| {
                let theirs = listed_dates.get(&i).cloned().flatten();
                !rule.allows(theirs.as_ref(), date.as_ref())
            })
        });
        let (model, number, before_line) = match before {
            Some(i) => (&spans[i], marker_number(&spans[i]), spans[i].line - 1),
            None => (&spans[last], marker_number(&spans[last]).map(|n| n + 1), spans[last].end_line),
        };
        let offset = if before_line < line_count { starts[before_line] } else { text.len() };
        let earlier = at_offset.entry(offset).or_default();
        let number = number.map(|n| n + *earlier);
        *earlier += 1;
        let mut lines = Vec::new();
        if offset == text.len() && !text.is_empty() && !text.ends_with('\n') && *earlier == 1 {
            lines.push(style.eol.to_owned());
        }
        lines.push(format!("{}{}", style.entry_line(model, number, paper), style.eol));
        if let Some(prefix) = &style.author_prefix
            && !paper.authors.is_empty()
        {
            lines.push(format!("{prefix}{}{}", paper.authors.join(", "), style.eol));
        }
        insertions.push(Insertion { offset, before_line, lines, section, title: paper.title.clone() });
    }
    insertions.sort_by_key(|i| i.offset);
    Ok(insertions)
}

/// The text with the insertions made.
pub fn apply(text: &str, insertions: &[Insertion]) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for insertion in insertions {
        out.push_str(&text[at..insertion.offset]);
        insertion.lines.iter().for_each(|l| out.push_str(l));
        at = insertion.offset;
    }
    out.push_str(&text[at..]);
    out
}

/// A unified diff (three lines of context) of the insertions, as `diff -u` and `git diff` print it.
pub fn unified_diff(label: &str, text: &str, insertions: &[Insertion]) -> String {
    const CONTEXT: usize = 3;
    let old: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = format!("--- a/{label}\n+++ b/{label}\n");
    // Group insertions whose context overlaps into hunks.
    let mut groups: Vec<Vec<&Insertion>> = Vec::new();
    for insertion in insertions {
        match groups.last_mut() {
            Some(group) if insertion.before_line <= group.last().unwrap().before_line + 2 * CONTEXT => {
                group.push(insertion);
            }
            _ => groups.push(vec![insertion]),
        }
    }
    let mut added_before = 0;
    for group in groups {
        let start = group[0].before_line.saturating_sub(CONTEXT);
        let end = (group.last().unwrap().before_line + CONTEXT).min(old.len());
        let added: usize = group.iter().map(|i| i.lines.len()).sum();
        let old_len = end - start;
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n",
            if old_len == 0 { start } else { start + 1 },
            old_len,
            start + 1 + added_before,
            old_len + added
        ));
        let mut pending = group.iter().peekable();
        for (line, context) in old[start..end].iter().map(Some).chain([None]).enumerate() {
            while let Some(insertion) = pending.next_if(|i| i.before_line == start + line) {
                for new in &insertion.lines {
                    push_diff_line(&mut out, '+', new);
                }
            }
            if let Some(context) = context {
                push_diff_line(&mut out, ' ', context);
            }
        }
        added_before += added;
    }
    out
}

fn push_diff_line(out: &mut String, sign: char, line: &str) {
    out.push(sign);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

/// The list's habits, from its entries.
struct Style {
    /// `\r\n` when the file uses it.
    eol: &'static str,
    /// Most entries carry a `[venue year]` tag.
    tags: bool,
    /// arXiv links point at `pdf/`, not `abs/`.
    arxiv_pdf: bool,
    /// The text before the names of an author line, when most entries have one.
    author_prefix: Option<String>,
}

impl Style {
    fn of(list: &PaperList, text: &str, spans: &[EntrySpan]) -> Style {
        let n = list.papers.len();
        let tags = list.papers.iter().filter(|p| p.tag.is_some()).count() * 2 >= n;
        let url_has =
            |part: &str| list.papers.iter().filter(|p| p.url.as_deref().is_some_and(|u| u.contains(part))).count();
        let arxiv_pdf = url_has("arxiv.org/pdf/") > url_has("arxiv.org/abs/");
        let with_authors = list.papers.iter().filter(|p| !p.authors.is_empty()).count();
        let author_prefix =
            if with_authors * 2 >= n { spans.iter().find_map(|s| s.author_prefix.clone()) } else { None };
        let crlf = text.matches("\r\n").count();
        let eol = if crlf * 2 > text.matches('\n').count() { "\r\n" } else { "\n" };
        Style { eol, tags, arxiv_pdf, author_prefix }
    }

    /// `1. [arXiv 24] [Title](https://arxiv.org/abs/2401.00001)` in the model entry's marker style.
    fn entry_line(&self, model: &EntrySpan, number: Option<u64>, paper: &PaperNode) -> String {
        let marker = match &model.marker {
            Some(ListMarker::Numbered { delimiter, .. }) => format!("{}{delimiter}", number.unwrap_or(1)),
            Some(ListMarker::Bullet(c)) => c.to_string(),
            None => "-".to_owned(),
        };
        let gap = if model.gap.is_empty() { " " } else { model.gap.as_str() };
        let tag = if self.tags { format!("[{}] ", tag_of(paper)) } else { String::new() };
        let title = paper.title.trim().replace('[', "\\[").replace(']', "\\]");
        match self.link(paper) {
            Some(url) => format!("{}{marker}{gap}{tag}[{title}]({url})", model.indent),
            // No identifier of a documented form: the title alone, which `lint` then reports.
            None => format!("{}{marker}{gap}{tag}{title}", model.indent),
        }
    }

    /// The link in the list's style (`abs` or `pdf` for arXiv), built only from a well-formed id.
    fn link(&self, paper: &PaperNode) -> Option<String> {
        match paper.external_ids.arxiv_key().filter(|id| crate::links::is_arxiv_id(id)) {
            Some(arxiv) if self.arxiv_pdf => Some(format!("https://arxiv.org/pdf/{arxiv}")),
            _ => paper.url(),
        }
    }
}

/// The venue tag: `[ICLR 24]` once published, `[arXiv 24]` for a preprint.
fn tag_of(paper: &PaperNode) -> String {
    match published_in(paper.venue.as_deref(), &paper.external_ids).filter(|v| !v.is_empty()) {
        Some(venue) => {
            VenueTag::short(&venue_short_name(venue), year_of_date(paper.publication_date.as_deref()).or(paper.year))
        }
        None => {
            let year = paper.external_ids.arxiv_key().and_then(|a| UploadDate::from_arxiv(&a)).map(|d| d.year);
            VenueTag::short("arXiv", year.or(paper.year))
        }
    }
}

fn upload_date(paper: &PaperNode) -> Option<UploadDate> {
    UploadDate::from_parts(paper.external_ids.arxiv_key().as_deref(), paper.publication_date.as_deref(), paper.year)
}

fn marker_number(span: &EntrySpan) -> Option<u64> {
    match span.marker {
        Some(ListMarker::Numbered { number, .. }) => Some(number),
        _ => None,
    }
}

/// The node an id names: a candidate rank (`3`, as `missing` numbers them), an S2 id, an arXiv id
/// or a DOI (bare or as a link).
fn find(id: &str, graph: &CitationGraph, rankings: &Rankings) -> Result<NodeIndex> {
    let trimmed = id.trim();
    if !trimmed.is_empty() && trimmed.len() <= 6 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let rank: usize = trimmed.parse()?;
        return match rankings.candidates.get(rank.wrapping_sub(1)) {
            Some(candidate) => Ok(candidate.node),
            None => bail!(
                "there is no candidate number {rank}: `citegraph missing` lists {} (give a rank from 1)",
                rankings.candidates.len()
            ),
        };
    }
    let key = parse_key(trimmed).map_err(|why| anyhow::anyhow!("`{id}` {why}")).and_then(|key| match key {
        IgnoreKey::Title(_) => bail!("`{id}` is not an id: give a candidate rank, an S2 id, an arXiv id or a DOI"),
        key => Ok(key),
    })?;
    match find_nodes(&key, graph).first() {
        Some(&node) => Ok(node),
        None => bail!(
            "`{id}` is not in the citation graph of the list (no listed paper cites it or is cited by it): \
             citegraph adds papers it has data for; run `citegraph missing` to see the candidates"
        ),
    }
}

/// The section a `--section` value names: exact, else case-insensitive, else a unique prefix.
fn find_section(list: &PaperList, name: &str) -> Result<String> {
    let wanted = name.trim().to_lowercase();
    let names: Vec<&str> = list.sections.iter().map(|s| s.name.as_str()).collect();
    if let Some(exact) = names.iter().find(|n| **n == name) {
        return Ok((*exact).to_owned());
    }
    let matching: Vec<&&str> = names.iter().filter(|n| n.to_lowercase().starts_with(&wanted)).collect();
    match matching.as_slice() {
        [one] => Ok((**one).to_owned()),
        _ => bail!("--section `{name}` names no single section of the list; its sections: {}", names.join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn insertion(text: &str, before_line: usize, lines: &[&str]) -> Insertion {
        let offset = line_starts(text).get(before_line).copied().unwrap_or(text.len());
        Insertion {
            offset,
            before_line,
            lines: lines.iter().map(|l| format!("{l}\n")).collect(),
            section: String::new(),
            title: String::new(),
        }
    }

    #[test]
    fn the_diff_has_git_s_hunks_and_apply_inserts_whole_lines() {
        let text = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n";
        let insertions = vec![insertion(text, 1, &["x"]), insertion(text, 12, &["y", "z"])];
        assert_eq!(apply(text, &insertions), "a\nx\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\ny\nz\nm\nn\n");
        assert_eq!(
            unified_diff("l.md", text, &insertions),
            "--- a/l.md\n+++ b/l.md\n@@ -1,4 +1,5 @@\n a\n+x\n b\n c\n d\n@@ -10,5 +11,7 @@\n j\n k\n l\n+y\n+z\n m\n n\n"
        );
    }
}
