//! What a listing becomes in the corpus: withheld reference lists are "unavailable", never zero;
//! rows S2 could not link are counted, never papers; every field later stages need arrives.

mod common;

use citegraph::model::{Listing, Resolution};
use common::mock_s2::MockS2;
use common::universe::{FixturePaper, Kind, Universe};
use common::{fetch, fetch_config, list_from};

/// Listed paper 0 cites field paper 1 (influential, methodology) and has two unlinked reference
/// rows; paper 2 cites paper 0. Paper 3 is listed too, with its reference list elided.
fn small_world() -> Universe {
    let mut u = Universe::default();
    let mut listed = FixturePaper::new(Kind::Listed, "Synthetic Listed Paper", Some(2023));
    listed.external_ids.arxiv = Some("2301.00001".to_owned());
    listed.unlinked_references = vec!["Some Venue, Proc. Something".to_owned(), "A. Nother, 1937".to_owned()];
    let l = u.add(listed);
    let mut cited = FixturePaper::new(Kind::Field, "Synthetic Cited Paper", None);
    cited.authors = vec![(None, "A. Nonymous".to_owned()), (Some("8001".to_owned()), "Field Author".to_owned())];
    cited.citation_count = 77;
    let c = u.add(cited);
    let mut citing = FixturePaper::new(Kind::Other, "Synthetic Citing Paper", Some(2024));
    citing.venue = "Synthetic Venue".to_owned();
    let g = u.add(citing);
    let mut elided = FixturePaper::new(Kind::Listed, "Synthetic Paper With Withheld References", Some(2022));
    elided.external_ids.arxiv = Some("2301.00002".to_owned());
    elided.references_elided = true;
    let e = u.add(elided);
    u.cite(l, c, true, &["methodology"]);
    u.cite(g, l, false, &["background"]);
    u.cite(e, c, false, &[]);
    u.cite(g, e, false, &["result"]);
    u.settle_counts();
    u
}

const LIST: &str = "## S\n1. [Synthetic Listed Paper](https://arxiv.org/abs/2301.00001)\n\
                    2. [Synthetic Paper With Withheld References](https://arxiv.org/abs/2301.00002)\n";

#[test]
fn a_reference_list_withheld_by_the_publisher_is_unavailable_never_zero() {
    let u = small_world();
    let mock = MockS2::start(u.clone());
    let cache = tempfile::tempdir().unwrap();
    let (corpus, report) = fetch(&list_from(LIST), &fetch_config(&mock, cache.path())).unwrap();
    let Some(Listing::Unavailable { reason }) = &corpus.listed[1].references else {
        panic!("{:?}", corpus.listed[1].references)
    };
    assert!(reason.contains("withheld by the publisher") && reason.contains("'references'"), "{reason}");
    assert_eq!(corpus.listed[1].citations, Some(Listing::Complete { linked: 1, unlinked: 0 }));
    assert_eq!(report.unavailable.len(), 1);
    assert!(report.unavailable[0].contains("references of \"Synthetic Paper With Withheld References\" unavailable"));
    assert!(!report.has_failures(), "a withheld list is a fact, not a failure");
    // Its one known citation is in; its reference to the cited paper cannot be.
    let e = &u.papers[3].paper_id;
    assert!(corpus.citations.iter().all(|c| &c.citing != e));
    assert!(corpus.citations.iter().any(|c| &c.cited == e));
}

#[test]
fn reference_rows_without_a_paper_id_are_counted_and_never_become_papers() {
    let u = small_world();
    let mock = MockS2::start(u.clone());
    let cache = tempfile::tempdir().unwrap();
    let (corpus, report) = fetch(&list_from(LIST), &fetch_config(&mock, cache.path())).unwrap();
    assert_eq!(corpus.listed[0].references, Some(Listing::Complete { linked: 1, unlinked: 2 }));
    assert_eq!(report.unlinked_references, 2);
    assert!(corpus.papers.keys().all(|id| id.len() == 40));
    assert!(corpus.papers.values().all(|p| !p.title.contains("Proc. Something")));
    assert_eq!(corpus.papers.len(), 4);
}

#[test]
fn the_corpus_carries_every_field_the_later_stages_need() {
    let u = small_world();
    let mock = MockS2::start(u.clone());
    let cache = tempfile::tempdir().unwrap();
    let (corpus, report) = fetch(&list_from(LIST), &fetch_config(&mock, cache.path())).unwrap();
    let (l, c, g) = (&u.papers[0].paper_id, &u.papers[1].paper_id, &u.papers[2].paper_id);
    assert!(matches!(&corpus.listed[0].resolution, Resolution::Resolved { paper_id, .. } if paper_id == l));

    let cited = &corpus.papers[c];
    assert_eq!(cited.title, "Synthetic Cited Paper");
    assert_eq!(cited.year, None);
    assert_eq!(cited.venue, None, "S2's \"\" venue means none");
    assert_eq!(cited.citation_count, Some(77));
    assert_eq!(cited.authors.len(), 2);
    assert_eq!(cited.authors[0].author_id, None);
    assert_eq!(cited.external_ids.corpus_id, u.papers[1].external_ids.corpus_id);
    let citing = &corpus.papers[g];
    assert_eq!((citing.year, citing.venue.as_deref()), (Some(2024), Some("Synthetic Venue")));
    assert_eq!(citing.publication_date.as_deref(), Some("2024-06-01"));
    let listed = &corpus.papers[l];
    assert_eq!(listed.external_ids.arxiv.as_deref(), Some("2301.00001"));
    assert_eq!(listed.reference_count, Some(3), "S2 counts unlinked rows too");

    let edge = corpus.citations.iter().find(|e| &e.citing == l && &e.cited == c).unwrap();
    assert_eq!((edge.is_influential, edge.intents.as_slice()), (Some(true), &["methodology".to_owned()][..]));
    let pairs: Vec<(&str, &str)> = corpus.citations.iter().map(|e| (e.citing.as_str(), e.cited.as_str())).collect();
    let mut sorted = pairs.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(pairs, sorted, "citations are de-duplicated and in a deterministic order");
    assert_eq!(report.distinct_citations, corpus.citations.len());
    assert!(corpus.fetched_at.is_some());

    // The edge request asked for everything in one go.
    let fields = mock.requests().iter().find(|r| r.endpoint == "citations").unwrap().param("fields").unwrap();
    for f in [
        "title",
        "year",
        "venue",
        "publicationDate",
        "authors",
        "citationCount",
        "referenceCount",
        "externalIds",
        "isInfluential",
        "intents",
    ] {
        assert!(fields.split(',').any(|x| x == f), "{f} missing from {fields}");
    }
}
