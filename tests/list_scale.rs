//! Scale: lists with 100,000 headings and tens of thousands of entries parse in linear time.
//! The checks are on structure, never on the clock: the quadratic parser these tests replace (one
//! scan of every paper for every heading) spends minutes on the first list in a debug build, so a
//! regression shows as a test that does not finish in the suite's time, not as a flaky timing.
//! The time is measured by `bash benches/list_parse.sh`.

use std::fmt::Write as _;

use citegraph::paper_list::{ListSource, PaperId, parse_markdown};

/// `headings` sections named by `name(i)`; every `every`-th holds one entry, `Paper i`.
fn generated_list(headings: usize, every: usize, name: impl Fn(usize) -> String) -> String {
    let mut text = String::from("# Generated list\n\n");
    for i in 0..headings {
        writeln!(text, "## {}\n", name(i)).unwrap();
        if i % every == 0 {
            writeln!(text, "1. [arXiv 23] [Paper {i}](https://arxiv.org/abs/2301.{i:05})\n").unwrap();
        }
    }
    text
}

#[test]
fn a_hundred_thousand_headings_parse_with_every_section_in_order() {
    let text = generated_list(100_000, 10, |i| format!("Section {i}"));
    let list = parse_markdown(ListSource::Stdin, &text);

    assert_eq!(list.name, "Generated list");
    assert_eq!(list.papers.len(), 10_000);
    // Only headings that hold a paper are sections; each is where its paper says it is.
    assert_eq!(list.sections.len(), 10_000);
    for (k, (section, paper)) in list.sections.iter().zip(&list.papers).enumerate() {
        let i = k * 10;
        assert_eq!(section.name, format!("Section {i}"));
        // The title, then two lines per heading and two per entry.
        assert_eq!(section.line, 3 + 2 * i + 2 * k, "{section:?}");
        assert_eq!(paper.line, section.line + 2);
        assert_eq!(paper.section, section.name);
        assert_eq!(paper.title, format!("Paper {i}"));
        assert_eq!(paper.id, Some(PaperId::Arxiv(format!("2301.{i:05}"))));
        assert!(paper.problems.is_empty(), "{paper:?}");
    }
    let groups = list.papers_by_section();
    assert_eq!(groups.len(), 10_000);
    assert!(groups.iter().all(|(section, papers)| papers.len() == 1 && papers[0].section == section.name));
}

#[test]
fn ten_thousand_entries_under_repeated_headings_group_by_section_name() {
    // 10,000 headings, one entry each, whose names cycle through 500: a section's papers are
    // spread over the whole list, and each name is a section once, at its first heading.
    let text = generated_list(10_000, 1, |i| format!("Topic {}", i % 500));
    let list = parse_markdown(ListSource::Stdin, &text);

    assert_eq!(list.papers.len(), 10_000);
    let names: Vec<String> = list.sections.iter().map(|s| s.name.clone()).collect();
    let expected: Vec<String> = (0..500).map(|t| format!("Topic {t}")).collect();
    assert_eq!(names, expected);
    assert!(list.sections.iter().enumerate().all(|(t, s)| s.line == 3 + 4 * t));

    let groups = list.papers_by_section();
    assert_eq!(groups.len(), 500);
    for (t, (section, papers)) in groups.iter().enumerate() {
        let titles: Vec<&str> = papers.iter().map(|p| p.title.as_str()).collect();
        let expected: Vec<String> = (0..20).map(|r| format!("Paper {}", t + 500 * r)).collect();
        assert_eq!(titles, expected, "{}", section.name);
        // The one-pass grouping agrees with the per-section scan.
        assert!(list.papers_in(&section.name).eq(papers.iter().copied()));
    }
}
