//! The synthetic fixture universe is what the other tests assume it is.

mod common;

use common::universe::{Kind, Universe};

#[test]
fn the_builtin_universe_is_deterministic_and_shaped_as_documented() {
    let u = Universe::builtin_field();
    let again = Universe::builtin_field();
    assert_eq!(u.edges, again.edges);
    assert_eq!(u.of_kind(Kind::Listed).len(), 24);
    assert_eq!(u.of_kind(Kind::Field).len(), 40);
    assert_eq!(u.of_kind(Kind::Hub).len(), 8);
    assert_eq!(u.of_kind(Kind::Other).len(), 300);
    for i in u.of_kind(Kind::Listed) {
        // The request budget of the built-in run assumes one page per listing.
        assert!(u.citations_of(i).len() <= 1000 && u.reference_count(i) <= 1000);
        assert!(u.papers[i].citation_count >= u.citations_of(i).len() as u64);
    }
    assert_eq!(u.papers.iter().filter(|p| p.references_elided).count(), 1);
    assert!(u.papers.iter().all(|p| p.paper_id.len() == 40 && p.paper_id.starts_with("5f5f")));
    assert_eq!(u.lookup("ARXIV:2305.17493v2"), Some(0));
    assert_eq!(u.lookup("arxiv:2305.17493"), Some(0));
}

#[test]
fn hubs_are_cited_by_more_listed_papers_than_most_field_papers() {
    let u = Universe::builtin_field();
    let listed = u.of_kind(Kind::Listed);
    let cited_by_listed = |p: usize| u.edges.iter().filter(|e| e.cited == p && listed.contains(&e.citing)).count();
    let hub_min = u.of_kind(Kind::Hub).into_iter().map(cited_by_listed).min().unwrap();
    let field_max = u.of_kind(Kind::Field).into_iter().map(cited_by_listed).max().unwrap();
    // This is the trap the ranking must avoid: raw co-citation counts favour the hubs.
    assert!(hub_min > field_max, "hubs {hub_min} vs field {field_max}");
}
