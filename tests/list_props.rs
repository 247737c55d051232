//! Property tests of the list parser (proptest): random Markdown and mutations of our lists (the
//! fixtures and the built-in list: flipped bytes, deleted and repeated lines, inserted brackets,
//! backticks, headings, CRs) never panic and give a consistent list; text appended after a list
//! loses none of its entries; a change inside one entry's line loses at most that entry.
//! The seed is fixed so CI is deterministic; `PROPTEST_RNG_SEED=<n>` and `PROPTEST_CASES=<n>`
//! explore further. Linear time is checked by tests/list_scale.rs.

use citegraph::paper_list::{BUILTIN_LIST, ListSource, ListedPaper, PaperList, parse_markdown};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, RngSeed};

/// The lists mutated: every fixture that holds papers, and the built-in list.
const BASES: [&str; 5] = [
    BUILTIN_LIST,
    include_str!("fixtures/tricky.md"),
    include_str!("fixtures/link-forms.md"),
    include_str!("fixtures/crlf.md"),
    include_str!("fixtures/two-hundred.md"),
];

/// Pieces that matter to Markdown and to our parser, inserted anywhere (line breaks included).
const TOKENS: [&str; 34] = [
    "[",
    "]",
    "(",
    ")",
    "`",
    "```",
    "~~~",
    "# ",
    "## Heading\n",
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    "* ",
    "- ",
    "1. ",
    "10. ",
    "   ",
    "\t",
    "> ",
    "<!--",
    "-->",
    "<div>",
    "\\",
    "*",
    "_",
    "!",
    "|",
    ":",
    "é—",
    "\u{feff}",
    "[arXiv 23] ",
    "](https://arxiv.org/abs/2301.00001)",
    "[T](https://doi.org/10.1/x)",
];

/// Pieces inserted inside one entry's line: no line break, and no `:` (which can turn the line
/// into a link reference definition, and those reach the whole document by design).
const INLINE_TOKENS: [&str; 24] = [
    "[",
    "]",
    "(",
    ")",
    "`",
    "```",
    "~~~",
    "# ",
    "* ",
    "- ",
    "1. ",
    "   ",
    "\t",
    "> ",
    "<!--",
    "<div>",
    "\\",
    "*",
    "_",
    "!",
    "|",
    "é—",
    "[arXiv 23] ",
    "[T](https://doi.org/10.1/x)",
];

fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 48;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(14);
    }
    // A failure prints its shrunk input; nothing is written into the source tree.
    config.failure_persistence = None;
    config
}

#[derive(Debug, Clone)]
enum Mutation {
    FlipByte(Index, u8),
    DeleteLine(Index),
    DuplicateLine(Index),
    Insert(Index, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Mutation::FlipByte(at, byte)),
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), select(&TOKENS[..])).prop_map(|(at, token)| Mutation::Insert(at, token)),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    let lines = || bytes.split_inclusive(|&b| b == b'\n').map(<[u8]>::len).collect::<Vec<_>>();
    let line_range = |lengths: &[usize], at: &Index| {
        let k = at.index(lengths.len());
        let start: usize = lengths[..k].iter().sum();
        start..start + lengths[k]
    };
    match mutation {
        Mutation::FlipByte(at, byte) => {
            let i = at.index(bytes.len());
            bytes[i] = *byte;
        }
        Mutation::DeleteLine(at) => {
            let range = line_range(&lines(), at);
            bytes.drain(range);
        }
        Mutation::DuplicateLine(at) => {
            let range = line_range(&lines(), at);
            let line = bytes[range.clone()].to_vec();
            bytes.splice(range.end..range.end, line);
        }
        Mutation::Insert(at, token) => {
            let i = at.index(bytes.len() + 1);
            bytes.splice(i..i, token.bytes());
        }
    }
}

/// What holds for every list the parser gives, however odd its input.
fn check_consistent(list: &PaperList, text: &str) {
    let last_line = text.split('\n').count();
    assert!(list.papers.windows(2).all(|w| w[0].line <= w[1].line), "papers in document order");
    for paper in &list.papers {
        assert!((1..=last_line).contains(&paper.line), "line {} of {last_line}", paper.line);
        assert!(list.sections.iter().any(|s| s.name == paper.section), "{:?} has a section", paper.section);
        assert!(!paper.title.contains(['\n', '\r']), "{:?}", paper.title);
    }
    let mut names: Vec<&str> = list.sections.iter().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    assert!(names.windows(2).all(|w| w[0] != w[1]), "one section per name: {names:?}");
    let grouped: usize = list.papers_by_section().iter().map(|(_, papers)| papers.len()).sum();
    assert_eq!(grouped, list.papers.len(), "every paper in exactly one section");
    assert_eq!(list.warnings().count(), list.papers.iter().map(|p| p.problems.len()).sum::<usize>());
}

fn parse(text: &str) -> PaperList {
    parse_markdown(ListSource::Stdin, text)
}

/// What identifies an entry: where it is and what it names.
fn key(paper: &ListedPaper) -> String {
    format!("{}|{}|{:?}|{:?}|{:?}|{}", paper.line, paper.section, paper.tag, paper.title, paper.id, paper.url.is_some())
}

/// Entries of `before` (but the one on `except`) missing from `after`.
fn lost(before: &PaperList, after: &PaperList, except: Option<usize>) -> Vec<String> {
    let kept: std::collections::HashSet<String> = after.papers.iter().map(key).collect();
    before.papers.iter().filter(|p| Some(p.line) != except).map(key).filter(|k| !kept.contains(k)).collect()
}

/// Byte range of the text of an entry's line after its list marker (no line ending).
fn entry_content(text: &str, line: usize) -> std::ops::Range<usize> {
    let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let whole = text[start..].split_inclusive('\n').next().unwrap_or("");
    let body = whole.trim_end_matches(['\n', '\r']);
    let indent = body.len() - body.trim_start_matches([' ', '\t', '>']).len();
    let rest = &body[indent..];
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = if digits > 0 { digits + 1 } else { 1 };
    let after_marker = &rest[marker.min(rest.len())..];
    let gap = after_marker.len() - after_marker.trim_start_matches([' ', '\t']).len();
    start + indent + marker + gap..start + body.len()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_lists_never_panic_and_stay_consistent(
        base in select(&BASES[..]),
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let mut bytes = base.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        // Either a list or a clear error (not UTF-8, no papers).
        if let Ok(list) = PaperList::from_bytes(ListSource::Stdin, &bytes) {
            check_consistent(&list, std::str::from_utf8(&bytes).unwrap());
        }
        let text = String::from_utf8_lossy(&bytes);
        check_consistent(&parse(&text), &text);
    }

    #[test]
    fn random_markdown_never_panics(
        pieces in prop::collection::vec(
            prop_oneof![select(&TOKENS[..]).prop_map(str::to_owned), "[a-zA-Z0-9 .,/]{0,12}", any::<String>()],
            0..120,
        ),
    ) {
        let text = pieces.concat();
        check_consistent(&parse(&text), &text);
    }

    #[test]
    fn text_after_a_list_loses_none_of_its_entries(
        base in select(&BASES[..]),
        lines in prop::collection::vec(
            select(&[
                "Some closing words.", "A *paragraph* with `code` and a [link](https://example.com).",
                "## A later heading", "- a bullet without a link", "1. a numbered line", "> a quote",
                "---", "", "```", "<!-- a comment", "* [A New Paper](https://arxiv.org/abs/2301.99999)",
                "Text (with parens) and [brackets]", "| a | table |",
            ][..]),
            1..20,
        ),
    ) {
        let before = parse(base);
        let text = format!("{base}\n\n{}\n", lines.join("\n"));
        let after = parse(&text);
        check_consistent(&after, &text);
        let lost = lost(&before, &after, None);
        prop_assert!(lost.is_empty(), "lost {lost:?}");
    }

    #[test]
    fn a_change_inside_one_entry_loses_at_most_that_entry(
        base in select(&BASES[..]),
        which in any::<Index>(),
        at in any::<Index>(),
        delete in 0..6usize,
        token in select(&INLINE_TOKENS[..]),
    ) {
        let before = parse(base);
        let entry = &before.papers[which.index(before.papers.len())];
        let content = entry_content(base, entry.line);
        // Delete up to `delete` characters at a character boundary of the content, then insert.
        let bounds: Vec<usize> = base[content.clone()].char_indices().map(|(i, _)| content.start + i)
            .chain([content.end]).collect();
        let k = at.index(bounds.len());
        let end = bounds[(k + delete).min(bounds.len() - 1)];
        let text = format!("{}{token}{}", &base[..bounds[k]], &base[end..]);
        let after = parse(&text);
        check_consistent(&after, &text);
        let lost = lost(&before, &after, Some(entry.line));
        prop_assert!(lost.is_empty(), "changing line {} lost {lost:?}", entry.line);
    }
}
