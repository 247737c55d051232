//! Which papers the pictures show: one decision for all four.

mod common;

use citegraph::picture::selection::{LABELLED_CANDIDATES, MIN_STRONG, Role, STRONG_SHARE, Selection};
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
fn map_top_zero_shows_only_the_list_and_full_graph_shows_everything_but_one_off_links() {
    let none = universe_fixture(0, false);
    let s = Selection::new(&none.input().picture());
    assert_eq!((s.listed_count(), s.candidate_count()), (24, 0));
    assert!(s.collapsed.iter().all(|&n| n == 0), "only --full-graph collapses");
    let full = universe_fixture(40, true);
    let s = Selection::new(&full.input().picture());
    assert_eq!(s.candidate_count(), 40);
    let collapsed: usize = s.collapsed.iter().sum();
    assert!(collapsed > 100, "the fans of one-off references are collapsed: {collapsed}");
    assert_eq!(s.papers.len() + collapsed, full.graph.node_count(), "every node is drawn or counted");
    // Each paper left out is linked to exactly one paper, a listed one, which carries its count.
    let shown: std::collections::HashSet<NodeIndex> = s.papers.iter().map(|p| p.node).collect();
    let mut counted = vec![0; s.papers.len()];
    for node in full.graph.graph().node_indices().filter(|n| !shown.contains(n)) {
        let neighbours: std::collections::HashSet<NodeIndex> = full.graph.graph().neighbors_undirected(node).collect();
        assert_eq!(neighbours.len(), 1, "{node:?} was linked to more than one paper");
        let only = *neighbours.iter().next().unwrap();
        assert!(full.graph.node(only).listed.is_some());
        counted[s.papers.iter().position(|p| p.node == only).unwrap()] += 1;
    }
    assert_eq!(counted, s.collapsed);
    let between_shown = full.graph.graph().edge_indices().filter(|&e| {
        let (a, b) = full.graph.graph().edge_endpoints(e).unwrap();
        shown.contains(&a) && shown.contains(&b)
    });
    assert_eq!(s.edges.len(), between_shown.count());
}

#[test]
fn the_strongest_fifth_of_the_ties_is_strong() {
    let fixture = universe_fixture(40, false);
    let s = Selection::new(&fixture.input().picture());
    let strong: Vec<u32> = s.edges.iter().filter(|e| e.strong).map(|e| e.strength).collect();
    let weak: Vec<u32> = s.edges.iter().filter(|e| !e.strong).map(|e| e.strength).collect();
    let share = strong.len() as f64 / s.edges.len() as f64;
    assert!((STRONG_SHARE..STRONG_SHARE * 2.0).contains(&share), "{share}");
    assert!(strong.iter().min().unwrap() > weak.iter().max().unwrap(), "strong ties are the strongest");
    assert!(strong.iter().all(|&x| x >= MIN_STRONG));
    // Strength counts the papers citing both ends and those both cite, plus 2 for influence.
    let e = s.edges.iter().max_by_key(|e| e.strength).unwrap();
    let g = fixture.graph.graph();
    let (a, b) = (s.papers[e.citing].node, s.papers[e.cited].node);
    let set = |n, dir| g.neighbors_directed(n, dir).collect::<std::collections::HashSet<NodeIndex>>();
    let mut shared = 0;
    for dir in [petgraph::Direction::Incoming, petgraph::Direction::Outgoing] {
        shared += set(a, dir).intersection(&set(b, dir)).filter(|n| **n != a && **n != b).count();
    }
    assert_eq!(e.strength as usize, shared + if e.influential { 2 } else { 0 });
    assert!(!s.co_cited.is_empty(), "unlinked papers cited together pull in the layout");
    assert!(s.co_cited.iter().all(|p| p.a < p.b && !s.edges.iter().any(|e| (e.citing.min(e.cited), e.citing.max(e.cited)) == (p.a, p.b))));
}

#[test]
fn listed_papers_and_the_candidates_are_labelled_and_no_other_paper() {
    let fixture = universe_fixture(40, false);
    let s = Selection::new(&fixture.input().picture());
    let labelled = (0..s.papers.len()).filter(|&i| s.is_labelled(i)).count();
    let candidates = s.candidate_count();
    assert!(
        candidates > LABELLED_CANDIDATES,
        "every candidate drawn gets a label, not only the top {LABELLED_CANDIDATES}"
    );
    assert_eq!(labelled, 24 + candidates);
    let full = universe_fixture(40, true);
    let s = Selection::new(&full.input().picture());
    assert!(s.context_count() > 0);
    let context_labelled =
        (0..s.papers.len()).filter(|&i| s.papers[i].role == Role::Context && s.is_labelled(i)).count();
    assert_eq!(context_labelled, 0, "no label is spent on the graph's generic hubs");
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
