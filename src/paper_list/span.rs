//! Where each entry sits in the Markdown source, line by line: its list marker, indentation,
//! last line (nested summaries and author lines included) and author-line style. What
//! `citegraph add` needs to insert entries in the list's own style without touching other bytes.

use super::PaperList;

/// An item's marker: `1.`, `2)`, `-`, `*`, `+`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListMarker {
    /// `N.` or `N)`.
    Numbered {
        /// The number.
        number: u64,
        /// `.` or `)`.
        delimiter: char,
    },
    /// `-`, `*` or `+`.
    Bullet(char),
}

/// One entry's place in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySpan {
    /// 1-based line of the item (as [`super::ListedPaper::line`]).
    pub line: usize,
    /// 1-based last line of the item: nested lines included, trailing blank lines not.
    pub end_line: usize,
    /// The whitespace before the marker.
    pub indent: String,
    /// The marker, when the line starts with one.
    pub marker: Option<ListMarker>,
    /// The whitespace between the marker and the text.
    pub gap: String,
    /// The text before the names on the entry's author line (`   * `), when it has one.
    pub author_prefix: Option<String>,
}

/// The lines of a text without their line endings (`\n` or `\r\n`).
pub fn source_lines(text: &str) -> Vec<&str> {
    text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect()
}

/// Byte offset of the start of each line.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// Whether a line is an ATX heading (`#` after at most three spaces).
pub fn is_heading(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    line.len() - trimmed.len() < 4 && trimmed.starts_with('#')
}

/// The span of every entry of `list`, parsed from `text` (the same Markdown), in list order.
pub fn entry_spans(text: &str, list: &PaperList) -> Vec<EntrySpan> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = source_lines(text);
    let mut boundaries: Vec<usize> = list.papers.iter().map(|p| p.line).collect();
    boundaries.extend((0..lines.len()).filter(|&i| is_heading(lines[i])).map(|i| i + 1));
    boundaries.sort_unstable();
    list.papers
        .iter()
        .map(|paper| {
            let next = boundaries.iter().copied().find(|&b| b > paper.line).unwrap_or(lines.len() + 1);
            let mut end_line = paper.line;
            for n in paper.line + 1..next {
                let line = lines[n - 1];
                if line.trim().is_empty() {
                    continue;
                }
                if line.starts_with([' ', '\t']) {
                    end_line = n;
                } else {
                    break;
                }
            }
            let own = lines.get(paper.line - 1).copied().unwrap_or("");
            let (indent, marker, gap) = split_marker(own);
            let author_prefix = paper.authors.first().and_then(|first| {
                (paper.line + 1..=end_line)
                    .find_map(|n| lines[n - 1].find(first.as_str()).map(|at| lines[n - 1][..at].to_owned()))
            });
            EntrySpan { line: paper.line, end_line, indent, marker, gap, author_prefix }
        })
        .collect()
}

/// A list item's line split into indentation, marker and the gap after it.
fn split_marker(line: &str) -> (String, Option<ListMarker>, String) {
    let rest = line.trim_start_matches([' ', '\t']);
    let indent = line[..line.len() - rest.len()].to_owned();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (marker, after) = if digits > 0 && matches!(rest.as_bytes().get(digits), Some(b'.' | b')')) {
        let number = rest[..digits].parse().unwrap_or(1);
        (Some(ListMarker::Numbered { number, delimiter: rest.as_bytes()[digits] as char }), &rest[digits + 1..])
    } else if let Some(c) = rest.chars().next().filter(|c| matches!(c, '-' | '*' | '+')) {
        (Some(ListMarker::Bullet(c)), &rest[1..])
    } else {
        (None, rest)
    };
    let text = after.trim_start_matches([' ', '\t']);
    (indent, marker, after[..after.len() - text.len()].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paper_list::{ListSource, parse_markdown};

    #[test]
    fn spans_cover_nested_lines_and_keep_the_marker_style() {
        let text = "# L\r\n\r\n## A\r\n1. [arXiv 23] [One Paper Here](https://arxiv.org/abs/2301.00001)\r\n   * Ann Bee, Cee Dee\r\n\r\n   * a summary\r\n2) [Two Paper Here](https://arxiv.org/abs/2301.00002)\r\n\r\n## B\r\n - [Three Paper Here](https://arxiv.org/abs/2301.00003)\r\nprose\r\n";
        let list = parse_markdown(ListSource::Stdin, text);
        let spans = entry_spans(text, &list);
        assert_eq!(spans.len(), 3);
        assert_eq!((spans[0].line, spans[0].end_line), (4, 7));
        assert_eq!(spans[0].marker, Some(ListMarker::Numbered { number: 1, delimiter: '.' }));
        assert_eq!(spans[0].author_prefix.as_deref(), Some("   * "));
        assert_eq!((spans[1].line, spans[1].end_line), (8, 8));
        assert_eq!(spans[1].marker, Some(ListMarker::Numbered { number: 2, delimiter: ')' }));
        assert_eq!(
            (spans[2].indent.as_str(), spans[2].marker.clone(), spans[2].gap.as_str()),
            (" ", Some(ListMarker::Bullet('-')), " ")
        );
        assert_eq!(spans[2].end_line, 11);
    }
}
