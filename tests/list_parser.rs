//! The list parser on our own tricky fixtures (tests/fixtures/, synthetic).

mod common;

use citegraph::paper_list::{ListError, ListSource, PaperId, PaperList, Problem};
use common::fixture;

fn load(name: &str) -> PaperList {
    PaperList::from_path(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_link_form_gives_its_identifier() {
    let list = load("link-forms.md");
    let ids: Vec<Option<PaperId>> = list.papers.iter().map(|p| p.id.clone()).collect();
    use PaperId::*;
    assert_eq!(
        ids,
        [
            Some(Arxiv("2301.00001".into())),
            Some(Arxiv("2301.00002".into())),
            Some(Arxiv("2401.00003".into())),
            Some(Arxiv("2401.00004".into())),
            Some(Arxiv("math/0207249".into())),
            Some(Arxiv("hep-th/9901001".into())),
            Some(OpenReview("AbCdEf1234".into())),
            Some(OpenReview("XyZ-_98765".into())),
            Some(Doi("10.1038/s41586-000-00000-x".into())),
            Some(Doi("10.5555/FAKE.2020.001".into())),
            Some(SemanticScholar("0123456789abcdef0123456789abcdef01234567".into())),
            Some(Acl("2023.acl-long.999".into())),
            Some(Acl("D19-0001".into())),
            None,
        ]
    );
    let other = list.papers.last().unwrap();
    assert_eq!(other.url.as_deref(), Some("https://example.com/posts/some-paper.html"));
    assert_eq!(other.problems, [Problem::UnrecognisedLink { url: "https://example.com/posts/some-paper.html".into() }]);
}

#[test]
fn headings_lose_quotes_and_emphasis_and_toc_lines_are_not_papers() {
    let list = load("tricky.md");
    let sections: Vec<&str> = list.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sections, ["Quoted and emphasised heading", "Third-level heading with 'single' quotes"]);
    assert_eq!(list.sections[1].level, 3);
    assert!(list.papers.iter().all(|p| !p.title.contains("Jump to")));
    assert!(list.papers.iter().all(|p| !p.title.contains("not a paper")));
}

#[test]
fn tags_titles_notes_authors_and_summaries() {
    let list = load("tricky.md");
    let first = &list.papers[0];
    assert_eq!(first.line, 8);
    assert_eq!(first.title, "A Title With code and emphasis");
    let tag = first.tag.as_ref().unwrap();
    assert_eq!((tag.venue.as_str(), tag.year), ("ICLR AGI Workshop", Some(2024)));
    assert_eq!(first.note.as_deref(), Some("companion to the next one"));
    assert_eq!(first.authors, ["Ann Author", "Bob B. Builder", "Carla de la Cruz"]);
    assert_eq!(first.summary, ["A summary bullet, written as a sentence. It says nothing about authors."]);
    assert_eq!(list.papers[1].authors, ["Dmitri Ivanov", "Eve Ng"]);
    let nested = list.papers.last().unwrap();
    assert_eq!(nested.title, "Nested Entry Under a Grouping Bullet");
    assert_eq!(nested.section, "Third-level heading with 'single' quotes");
}

#[test]
fn items_without_links_and_duplicates_are_warnings_with_lines() {
    let list = load("tricky.md");
    let no_link = list.papers.iter().find(|p| p.title == "An item without any link at all").unwrap();
    assert_eq!(no_link.problems, [Problem::NoLink]);
    assert_eq!(no_link.tag.as_ref().unwrap().venue, "CVPR SyntaGen");
    let same_title = list.papers.iter().find(|p| p.title == "A Title With code and Emphasis!").unwrap();
    assert_eq!(same_title.problems, [Problem::Duplicate { first_line: 8, matched: "title".into() }]);
    let same_id = list.papers.iter().find(|p| p.title.starts_with("Second Paper (again")).unwrap();
    assert_eq!(same_id.problems, [Problem::Duplicate { first_line: 8, matched: "arXiv id 2402.00001".into() }]);
    let warnings: Vec<String> = list.warnings().collect();
    assert_eq!(warnings.len(), 4);
    assert!(warnings[0].contains("tricky.md:13: no link"), "{warnings:?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("tricky.md:17: duplicate of the entry on line 8 (same arXiv id 2402.00001)"))
    );
}

#[test]
fn crlf_line_endings_parse_like_lf() {
    let list = load("crlf.md");
    assert_eq!(list.papers.len(), 2);
    assert_eq!(list.papers[0].title, "Written on Windows");
    assert_eq!(list.papers[0].authors, ["Wendy Windows", "Carl Return"]);
    assert_eq!(list.papers[1].line, 6);
    assert_eq!(list.papers[1].id, Some(PaperId::OpenReview("Crlf000002".into())));
    assert!(list.papers.iter().all(|p| !p.title.contains('\r')));
}

#[test]
fn two_hundred_entries_all_parse() {
    let list = load("two-hundred.md");
    assert_eq!(list.papers.len(), 200);
    assert_eq!(list.sections.len(), 8);
    assert!(list.papers.iter().all(|p| p.problems.is_empty() && p.authors.len() == 2));
    assert_eq!(list.papers[199].title, "Synthetic Paper Number 200");
}

#[test]
fn unusable_lists_are_errors_that_name_the_file() {
    let empty = PaperList::from_path(&fixture("empty.md")).unwrap_err();
    assert!(matches!(empty, ListError::NoPapers { .. }));
    assert!(empty.to_string().contains("empty.md holds no papers"), "{empty}");
    let prose = PaperList::from_path(&fixture("no-papers.md")).unwrap_err();
    assert!(matches!(prose, ListError::NoPapers { .. }));
    let latin1 = PaperList::from_path(&fixture("latin1.md")).unwrap_err();
    assert!(matches!(latin1, ListError::NotUtf8 { line: 4, .. }), "{latin1}");
    assert!(latin1.to_string().contains("save it as UTF-8"));
    let missing = PaperList::from_path(&fixture("does-not-exist.md")).unwrap_err();
    assert!(matches!(missing, ListError::Read { .. }));
    assert!(missing.to_string().contains("does-not-exist.md"));
}

#[test]
fn garbage_never_panics() {
    let inputs: [&[u8]; 7] = [
        b"",
        b"\xef\xbb\xbf# BOM only\n",
        b"1. [\n2. ](\n3. [[[]]](((\n",
        b"- [arXiv 23] [](https://arxiv.org/abs/2301.00001)\n",
        b"- []\n- [ ]\n- [x] task\n",
        b"> - [quoted](https://arxiv.org/abs/2301.00001)\n",
        b"- a\n  - b\n    - c\n      - [deep](https://arxiv.org/abs/2301.00001)\n        - Deep Author\n",
    ];
    for input in inputs {
        // Either a list or a clear error; never a panic.
        let _ = PaperList::from_bytes(ListSource::Stdin, input);
    }
    let deep = PaperList::from_bytes(ListSource::Stdin, inputs[6]).unwrap();
    assert_eq!(deep.papers.len(), 1);
    assert_eq!(deep.papers[0].authors, ["Deep Author"]);
}

#[test]
fn an_unlinked_item_beside_an_entry_is_kept_as_its_summary_with_a_warning_on_its_line() {
    let list = PaperList::from_bytes(
        ListSource::Stdin,
        b"## S\n1. [arXiv 23] [P1](https://arxiv.org/abs/2301.00001)\n2. A paper whose link was forgotten\n\
          3. [arXiv 23] [P2](https://arxiv.org/abs/2301.00002)\n",
    )
    .unwrap();
    let titles: Vec<&str> = list.papers.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["P1", "P2"]);
    assert_eq!(list.papers[0].summary, ["A paper whose link was forgotten"]);
    assert_eq!(list.papers[0].problems, [Problem::StraySummary { line: 3, entry_line: 2 }]);
    let warnings: Vec<String> = list.warnings().collect();
    assert_eq!(
        warnings,
        ["<stdin>:3: the item on line 3 has no link and was taken as the summary of the entry on line 2: \
          indent it if it is one, or give it a link (or a `[venue year]` tag) if it is a paper"]
    );
}

#[test]
fn an_unlinked_item_after_a_nested_entry_but_less_indented_is_a_warning() {
    let list = PaperList::from_bytes(
        ListSource::Stdin,
        b"* Vision:\n  * [P](https://arxiv.org/abs/2301.00001)\n* Ann Author, Bob Builder\n",
    )
    .unwrap();
    assert_eq!(list.papers.len(), 1);
    assert_eq!(list.papers[0].authors, ["Ann Author", "Bob Builder"]);
    assert_eq!(list.papers[0].problems, [Problem::StraySummary { line: 3, entry_line: 2 }]);
}

#[test]
fn an_unlinked_item_indented_under_an_entry_is_its_summary_without_a_warning() {
    // Three spaces do not nest under `10. ` (four are needed), but the intent is clear.
    let list = PaperList::from_bytes(
        ListSource::Stdin,
        b"9. [arXiv 23] [P9](https://arxiv.org/abs/2301.00009)\n\
          10. [arXiv 23] [P10](https://arxiv.org/abs/2301.00010)\n   * Ann Author, Bob Builder\n   \
          * A summary sentence.\n",
    )
    .unwrap();
    assert_eq!(list.papers.len(), 2);
    let p10 = &list.papers[1];
    assert_eq!(p10.authors, ["Ann Author", "Bob Builder"]);
    assert_eq!(p10.summary, ["A summary sentence."]);
    assert!(list.papers.iter().all(|p| p.problems.is_empty()), "{:?}", list.papers);
}
