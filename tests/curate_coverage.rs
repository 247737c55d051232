//! Coverage by section: the thinnest section first, the numbers of each, the bridging candidates;
//! on a small universe whose answer is known, and on the built-in field.

mod common;

use citegraph::curate::coverage::{STRONG_TIE, coverage};
use citegraph::pipeline::rank_from_corpus;
use common::list_from;
use common::universe::{FixturePaper, Kind, Universe};
use common::universe_corpus::corpus_for;

const LIST: &str = "# Two sections\n\n## Alpha\n\
1. [Alpha One Paper Title](https://arxiv.org/abs/2301.00001)\n\
2. [Alpha Two Paper Title](https://arxiv.org/abs/2301.00002)\n\n## Beta\n\
1. [Beta One Paper Title](https://arxiv.org/abs/2301.00003)\n\
2. [Beta Two Paper Title](https://arxiv.org/abs/2301.00004)\n";

#[test]
fn the_thinnest_section_comes_first_and_a_paper_tied_to_both_is_a_bridge() {
    let mut u = Universe::default();
    let listed: Vec<usize> = ["Alpha One", "Alpha Two", "Beta One", "Beta Two"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut p = FixturePaper::new(Kind::Listed, format!("{name} Paper Title"), Some(2023));
            p.external_ids.arxiv = Some(format!("2301.0000{}", i + 1));
            u.add(p)
        })
        .collect();
    let only_alpha = u.add(FixturePaper::new(Kind::Field, "Cited by Both Alpha Papers", Some(2022)));
    let bridge = u.add(FixturePaper::new(Kind::Field, "Citing Every Listed Paper", Some(2024)));
    u.cite(listed[0], only_alpha, false, &[]);
    u.cite(listed[1], only_alpha, false, &[]);
    for &l in &listed {
        u.cite(bridge, l, false, &[]);
    }
    u.settle_counts();
    let list = list_from(LIST);
    let corpus = corpus_for(&u, &list);
    let (graph, _, rankings) = rank_from_corpus(&list, &corpus);
    let report = coverage(&list, &graph, &rankings);

    let rows: Vec<(&str, usize, usize, usize)> =
        report.sections.iter().map(|s| (s.section.as_str(), s.listed, s.neighbourhood, s.covered)).collect();
    assert_eq!(rows, [("Alpha", 2, 4, 2), ("Beta", 2, 3, 2)], "Alpha (2 of 4) is thinner than Beta (2 of 3)");
    assert_eq!(report.sections[0].share, 0.5);
    assert_eq!(report.sections.iter().map(|s| s.suggested).sum::<usize>(), 2, "both candidates get a section");
    assert_eq!(report.bridges.len(), 1);
    assert_eq!(report.bridges[0].title, "Citing Every Listed Paper");
    assert_eq!(report.bridges[0].sections, [("Alpha".to_owned(), 2), ("Beta".to_owned(), 2)]);

    use citegraph::export::{ExportInput, ExportOptions, Exporter, coverage::CoverageMarkdown};
    let options = ExportOptions {
        map_top: 10,
        full_graph: false,
        title: None,
        data_date: None,
        data_source: "Semantic Scholar".to_owned(),
    };
    let mut md = Vec::new();
    CoverageMarkdown.write(&ExportInput::new(&list, &graph, &rankings, &options), &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    let alpha = md.find("| Alpha | 2 | 2 | 4 | 2 (50%) |").unwrap_or_else(|| panic!("{md}"));
    assert!(alpha < md.find("| Beta | 2 | 0 | 3 | 2 (67%) |").unwrap(), "{md}");
    assert!(
        md.contains("| 1 | Citing Every Listed Paper | Alpha (2); Beta (2) |")
            || md.contains("| 2 | Citing Every Listed Paper | Alpha (2); Beta (2) |"),
        "{md}"
    );
}

#[test]
fn coverage_of_the_built_in_field_is_sorted_thinnest_first_and_adds_up() {
    let list = citegraph::paper_list::PaperList::builtin();
    let corpus = corpus_for(&Universe::builtin_field(), &list);
    let (graph, _, rankings) = rank_from_corpus(&list, &corpus);
    let report = coverage(&list, &graph, &rankings);
    assert_eq!(report.sections.len(), list.sections.len());
    assert!(report.sections.windows(2).all(|w| w[0].share <= w[1].share), "thinnest first");
    assert_eq!(report.sections.iter().map(|s| s.listed).sum::<usize>(), list.papers.len());
    let suggested = rankings.candidates.iter().filter(|c| c.suggested_section.is_some()).count();
    assert_eq!(report.sections.iter().map(|s| s.suggested).sum::<usize>(), suggested);
    for s in &report.sections {
        assert!(s.covered <= s.neighbourhood && s.covered >= s.listed.min(s.covered), "{s:?}");
    }
    assert!(report.bridges.windows(2).all(|w| w[0].rank < w[1].rank));
    for b in &report.bridges {
        assert!(b.sections.len() >= 2 && b.sections.iter().all(|(_, k)| *k >= STRONG_TIE), "{b:?}");
    }
}
