//! Which papers the pictures show: one decision for all four.

mod common;

use citegraph::picture::selection::{LABELLED_CANDIDATES, LABELLED_LARGEST, Role, Selection};
use common::pictures::universe_fixture;
use petgraph::graph::NodeIndex;

#[test]
fn listed_papers_by_section_then_the_top_candidates_in_rank_order() {
    let fixture = universe_fixture(5, false);
    let s = Selection::new(&fixture.input().picture());
    assert_eq!(s.sections.len(), 6);
    assert_eq!((s.listed_count(), s.candidate_count(), s.context_count()), (24, 5, 0));
    let roles: Vec<Role> = s.papers.iter().map(|p| p.role).collect();
    assert!(roles.windows(2).all(|w| w[0] <= w[1]), "sections in order, then candidates by rank");
    let ranked: Vec<NodeIndex> = fixture.rankings.candidates.iter().take(5).map(|c| c.node).collect();
    let shown: Vec<NodeIndex> = s.papers[24..].iter().map(|p| p.node).collect();
    assert_eq!(shown, ranked);
    assert!(s.edges.iter().all(|e| e.citing < s.papers.len() && e.cited < s.papers.len()));
}

#[test]
fn map_top_zero_shows_only_the_list_and_full_graph_shows_everything() {
    let none = universe_fixture(0, false);
    let s = Selection::new(&none.input().picture());
    assert_eq!((s.listed_count(), s.candidate_count()), (24, 0));
    let full = universe_fixture(40, true);
    let s = Selection::new(&full.input().picture());
    assert_eq!(s.papers.len(), full.graph.node_count());
    assert_eq!(s.edges.len(), full.graph.edge_count());
    assert_eq!(s.candidate_count(), 40);
}

#[test]
fn listed_papers_the_top_candidates_and_the_largest_others_are_labelled() {
    let fixture = universe_fixture(40, false);
    let s = Selection::new(&fixture.input().picture());
    let labelled = (0..s.papers.len()).filter(|&i| s.is_labelled(i)).count();
    let candidates = s.candidate_count();
    assert!(
        candidates > LABELLED_CANDIDATES,
        "every candidate drawn gets a label, not only the top {LABELLED_CANDIDATES}"
    );
    assert!((24 + candidates..=24 + candidates + LABELLED_LARGEST).contains(&labelled));
    assert!(
        (0..s.papers.len()).filter(|&i| matches!(s.papers[i].role, Role::Candidate { .. })).all(|i| s.is_labelled(i))
    );
    assert!((0..24).all(|i| s.is_labelled(i)));
}

#[test]
fn rankings_that_name_listed_or_unknown_nodes_are_tolerated() {
    let mut fixture = universe_fixture(40, false);
    let listed = fixture.graph.listed().next().unwrap();
    fixture.rankings.candidates[0].node = listed;
    fixture.rankings.candidates[1].node = NodeIndex::new(1_000_000);
    fixture.rankings.metrics.truncate(10);
    let s = Selection::new(&fixture.input().picture());
    assert_eq!(s.listed_count(), 24);
    assert_eq!(s.candidate_count(), 40);
    assert!(s.papers.iter().all(|p| p.pagerank >= 0.0));
    let dir = tempfile::tempdir().unwrap();
    let written = citegraph::export::write_all(dir.path(), &fixture.input(), &citegraph::export::pictures()).unwrap();
    assert_eq!(written.len(), 4);
}
