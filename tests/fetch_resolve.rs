//! Resolving listed papers: batch answers mapped by position (nulls are misses), title matches
//! accepted only when the titles agree, hyphens retried as spaces, batches of at most 500 ids.

mod common;

use citegraph::model::{Resolution, ResolvedVia};
use common::mock_s2::MockS2;
use common::universe::{FixturePaper, Kind, Universe};
use common::{fetch, fetch_config, list_from};

fn with_arxiv(u: &mut Universe, title: &str, arxiv: &str) -> usize {
    let mut p = FixturePaper::new(Kind::Listed, title, Some(2023));
    p.external_ids.arxiv = Some(arxiv.to_owned());
    u.add(p)
}

fn resolution(corpus: &citegraph::model::Corpus, index: usize) -> &Resolution {
    &corpus.listed[index].resolution
}

#[test]
fn batch_answers_are_mapped_back_by_position_and_null_slots_fall_back_to_the_title() {
    let mut u = Universe::default();
    let a = with_arxiv(&mut u, "Synthetic Paper Alpha", "2301.00001");
    let b = with_arxiv(&mut u, "Synthetic Paper Beta", "2301.00002");
    // Listed under an arXiv id the universe does not know, but its title is there.
    let c = u.add(FixturePaper::new(Kind::Field, "Synthetic Paper Gamma Found By Title", Some(2022)));
    let mock = MockS2::start(u.clone());
    let list = list_from(
        "## S\n\
         1. [Synthetic Paper Alpha](https://arxiv.org/abs/2301.00001v3)\n\
         2. [Synthetic Paper Gamma Found By Title](https://arxiv.org/abs/2399.99999)\n\
         3. [Synthetic Paper Beta](https://arxiv.org/pdf/2301.00002.pdf)\n\
         4. [An Unknowable Zebra Quokka Treatise](https://arxiv.org/abs/2399.99998)\n",
    );
    let cache = tempfile::tempdir().unwrap();
    let (corpus, report) = fetch(&list, &fetch_config(&mock, cache.path())).unwrap();

    let batch = mock.requests().into_iter().find(|r| r.endpoint == "batch").unwrap();
    assert_eq!(batch.method, "POST");
    let expected = [(0, a, ResolvedVia::Id), (1, c, ResolvedVia::TitleMatch), (2, b, ResolvedVia::Id)];
    for (index, paper, via) in expected {
        assert_eq!(
            resolution(&corpus, index),
            &Resolution::Resolved { paper_id: u.papers[paper].paper_id.clone(), via },
            "entry {index}"
        );
    }
    let Resolution::Unresolved { reason } = resolution(&corpus, 3) else { panic!("entry 4 resolved") };
    assert!(reason.contains("ARXIV:2399.99998 is not on Semantic Scholar"), "{reason}");
    assert_eq!((report.resolved_by_id, report.resolved_by_title, report.unresolved.len()), (2, 1, 1));
    assert!(!report.has_failures(), "a paper S2 lacks is a warning, not a failure");
    assert_eq!(mock.count("batch"), 1);
    assert_eq!(mock.count("match"), 2);
    assert_eq!(corpus.papers[&u.papers[a].paper_id].title, "Synthetic Paper Alpha");
}

#[test]
fn a_confident_wrong_title_match_is_refused() {
    let mut u = Universe::default();
    u.add(FixturePaper::new(Kind::Listed, "Self-Consuming Generative Models Go MAD", Some(2023)));
    let mock = MockS2::start(u);
    let list = list_from(
        "## S\n1. [ICLR 24] [Self-Consuming Generative Models Go MAD Again](https://openreview.net/forum?id=AbCdEf)\n",
    );
    let cache = tempfile::tempdir().unwrap();
    let (corpus, report) = fetch(&list, &fetch_config(&mock, cache.path())).unwrap();

    // The mock answered with its closest title both times (as listed, then without hyphens).
    let matches: Vec<_> = mock.requests().into_iter().filter(|r| r.endpoint == "match").collect();
    assert_eq!(matches.len(), 2);
    assert!(matches.iter().all(|r| r.status == 200));
    assert_eq!(matches[1].param("query").as_deref(), Some("Self Consuming Generative Models Go MAD Again"));
    let Resolution::Unresolved { reason } = resolution(&corpus, 0) else { panic!("a wrong match was accepted") };
    assert!(
        reason.contains("\"Self-Consuming Generative Models Go MAD\", a different title (not accepted)"),
        "{reason}"
    );
    assert!(reason.contains("OpenReview"), "{reason}");
    assert!(corpus.papers.is_empty() && corpus.citations.is_empty());
    assert_eq!(report.unresolved[0].line, 2);
    assert_eq!(mock.count("references") + mock.count("citations"), 0);
}

#[test]
fn a_hyphenated_title_that_finds_nothing_is_tried_again_with_spaces() {
    let mut u = Universe::default();
    let paper = u.add(FixturePaper::new(Kind::Listed, "Self-Consuming Generative Models Go MAD", Some(2023)));
    let mock = MockS2::start(u.clone());
    mock.hyphen_blind_title_match();
    let list =
        list_from("## S\n1. [Self-Consuming Generative Models Go MAD](https://openreview.net/forum?id=ShgQBPvxfK)\n");
    let cache = tempfile::tempdir().unwrap();
    let (corpus, _) = fetch(&list, &fetch_config(&mock, cache.path())).unwrap();
    let statuses: Vec<u16> = mock.requests().iter().filter(|r| r.endpoint == "match").map(|r| r.status).collect();
    assert_eq!(statuses, [404, 200]);
    assert_eq!(
        resolution(&corpus, 0),
        &Resolution::Resolved { paper_id: u.papers[paper].paper_id.clone(), via: ResolvedVia::TitleMatch }
    );
}

#[test]
fn more_than_500_ids_go_in_batches_of_at_most_500() {
    let mut u = Universe::default();
    let mut markdown = String::from("## Many\n");
    for k in 0..501 {
        let arxiv = format!("2302.{:05}", 10_000 + k);
        let title = format!("Synthetic Batch Paper {k:03}");
        with_arxiv(&mut u, &title, &arxiv);
        markdown.push_str(&format!("1. [{title}](https://arxiv.org/abs/{arxiv})\n"));
    }
    let mock = MockS2::start(u);
    let cache = tempfile::tempdir().unwrap();
    // 1,002 listings follow the batches: no pacing, to keep the test fast.
    let config = citegraph::s2::FetchConfig { rps: 1e6, ..fetch_config(&mock, cache.path()) };
    let (_, report) = fetch(&list_from(&markdown), &config).unwrap();
    assert_eq!(report.resolved_by_id, 501);
    let batches: Vec<_> = mock.requests().into_iter().filter(|r| r.endpoint == "batch").collect();
    assert_eq!(batches.len(), 2);
    assert!(batches.iter().all(|r| r.status == 200));
}

#[test]
fn dois_and_semantic_scholar_ids_resolve_through_the_batch_too() {
    let mut u = Universe::default();
    let mut p = FixturePaper::new(Kind::Field, "Synthetic DOI Paper", Some(2020));
    p.external_ids.doi = Some("10.5555/SYNTH.Slash/Part".to_owned());
    let doi = u.add(p);
    let s2 = u.add(FixturePaper::new(Kind::Field, "Synthetic S2 Paper", Some(2021)));
    let mock = MockS2::start(u.clone());
    let list = list_from(&format!(
        "## S\n1. [Synthetic DOI Paper](https://doi.org/10.5555/synth.slash/part)\n\
         2. [Synthetic S2 Paper](https://www.semanticscholar.org/paper/Synthetic-S2-Paper/{})\n",
        u.papers[s2].paper_id
    ));
    let cache = tempfile::tempdir().unwrap();
    let (corpus, report) = fetch(&list, &fetch_config(&mock, cache.path())).unwrap();
    assert_eq!(report.resolved_by_id, 2, "{:?}", report.unresolved);
    assert_eq!(corpus.listed[0].paper_id(), Some(u.papers[doi].paper_id.as_str()));
    assert_eq!(mock.count("match"), 0);
}
