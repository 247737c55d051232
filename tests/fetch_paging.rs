//! Paging the references and citations listings: `next` is followed, an empty page ends a
//! listing, and a listing over 10,000 rows is cut at 9,999 without ever asking past the cap.

mod common;

use citegraph::model::Listing;
use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{fetch, fetch_config, list_from};

/// A universe with one paper cited `citers` times, listed by its DOI.
fn cited_by(citers: usize) -> (Universe, usize, String) {
    let mut u = Universe::default();
    let paper = u.add_heavily_cited("Synthetic Heavily Cited Paper", citers);
    u.papers[paper].external_ids.doi = Some("10.5555/synth.heavy".to_owned());
    let list = "## S\n1. [Synthetic Heavily Cited Paper](https://doi.org/10.5555/synth.heavy)\n".to_owned();
    (u, paper, list)
}

fn citation_pages(mock: &MockS2) -> Vec<(u64, u64)> {
    mock.requests()
        .iter()
        .filter(|r| r.endpoint == "citations")
        .map(|r| (r.param("offset").unwrap().parse().unwrap(), r.param("limit").unwrap().parse().unwrap()))
        .collect()
}

#[test]
fn a_listing_longer_than_a_page_is_followed_through_next() {
    let (u, paper, list) = cited_by(2345);
    let mock = MockS2::start(u.clone());
    let cache = tempfile::tempdir().unwrap();
    let (corpus, report) = fetch(&list_from(&list), &fetch_config(&mock, cache.path())).unwrap();
    assert_eq!(citation_pages(&mock), [(0, 1000), (1000, 1000), (2000, 1000)]);
    assert_eq!(corpus.listed[0].citations, Some(Listing::Complete { linked: 2345, unlinked: 0 }));
    let target = &u.papers[paper].paper_id;
    assert_eq!(corpus.citations.iter().filter(|c| &c.cited == target).count(), 2345);
    assert_eq!(report.citations, 2345);
    assert_eq!(corpus.papers.len(), 2346);
    // The budget formula agrees: 1 batch + 1 reference page + 3 citation pages.
    assert_eq!(report.cold_run_budget, 5);
    assert_eq!(mock.request_count(), 5);
}

#[test]
fn an_empty_page_ends_a_listing_even_when_next_promised_more() {
    let (u, paper, list) = cited_by(2345);
    let mock = MockS2::start(u);
    mock.empty_page_at(paper, "citations", 1000);
    let cache = tempfile::tempdir().unwrap();
    let (corpus, report) = fetch(&list_from(&list), &fetch_config(&mock, cache.path())).unwrap();
    assert_eq!(citation_pages(&mock), [(0, 1000), (1000, 1000)]);
    assert_eq!(corpus.listed[0].citations, Some(Listing::Complete { linked: 1000, unlinked: 0 }));
    assert!(!report.has_failures());
}

#[test]
fn a_listing_over_10000_rows_is_cut_at_9999_and_the_user_is_told() {
    let (u, _, list) = cited_by(12_345);
    let mock = MockS2::start(u);
    let cache = tempfile::tempdir().unwrap();
    let (corpus, report) = fetch(&list_from(&list), &fetch_config(&mock, cache.path())).unwrap();
    let pages = citation_pages(&mock);
    assert_eq!(pages.len(), 10, "{pages:?}");
    assert!(pages.iter().all(|(offset, limit)| offset + limit < 10_000), "{pages:?}");
    assert_eq!(pages.last(), Some(&(9000, 999)));
    assert!(mock.requests().iter().all(|r| r.status == 200), "the mock refused a page past the cap");
    assert_eq!(
        corpus.listed[0].citations,
        Some(Listing::Capped { linked: 9999, unlinked: 0, reachable: Some(12_345) })
    );
    assert_eq!(report.capped.len(), 1);
    assert!(report.capped[0].contains("citations of \"Synthetic Heavily Cited Paper\": 9,999 of 12,345 reachable"));
    assert!(report.warnings().iter().any(|w| w.contains("9,999 of 12,345 reachable")));
    assert_eq!(report.cold_run_budget, 12);
    assert_eq!(mock.request_count(), 12);
}
