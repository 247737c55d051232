//! The missing-work ranking on the fixture universe (synthetic), where we know which papers
//! belong to the field: the traps (generic hubs, old classics) and the leave-one-out evaluation.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use citegraph::export::reasons::words;
use citegraph::graph::CitationGraph;
use citegraph::paper_list::PaperList;
use citegraph::rank::evaluate::{CITATION_COUNT, LISTED_LINKS, RankerSummary, SCORE, evaluate_corpus};
use citegraph::rank::{CandidateOptions, RankOptions, Rankings, evaluate, rank};
use common::universe::{Kind, Universe};
use common::universe_corpus::{corpus_for, without};

fn ranked() -> (Universe, CitationGraph, Rankings) {
    let u = Universe::builtin_field();
    let list = PaperList::builtin();
    let (graph, _) = CitationGraph::from_corpus(&list, &corpus_for(&u, &list));
    let rankings = rank(&graph, &RankOptions::default());
    (u, graph, rankings)
}

fn kind_of(u: &Universe, graph: &CitationGraph, node: petgraph::graph::NodeIndex) -> Kind {
    u.papers[u.lookup(&graph.node(node).paper_id).unwrap()].kind
}

fn is_classic(u: &Universe, graph: &CitationGraph, node: petgraph::graph::NodeIndex) -> bool {
    let p = &u.papers[u.lookup(&graph.node(node).paper_id).unwrap()];
    p.kind == Kind::Other && p.citation_count >= 3_000
}

#[test]
fn the_top_20_candidates_are_field_papers_not_hubs_or_old_classics() {
    let (u, graph, rankings) = ranked();
    let kinds: Vec<Kind> = rankings.candidates.iter().map(|c| kind_of(&u, &graph, c.node)).collect();
    // Every unlisted paper reached is a candidate (a few of the 348 are cited only by the paper
    // whose references are withheld, and so are never reached).
    assert_eq!(kinds.len(), graph.node_count() - 24);
    assert!(kinds.len() > 340);
    assert!(kinds[..20].iter().all(|&k| k == Kind::Field), "top 20: {:?}", &kinds[..20]);
    let first_hub = kinds.iter().position(|&k| k == Kind::Hub).unwrap();
    let first_classic = rankings.candidates.iter().position(|c| is_classic(&u, &graph, c.node)).unwrap();
    assert!(first_hub >= 20 && first_classic >= 20, "hub at {first_hub}, classic at {first_classic}");
}

#[test]
fn without_normalisation_the_hubs_would_win() {
    // The trap is real on this fixture: ranked by listed papers citing them, hubs come first.
    let (u, graph, rankings) = ranked();
    let mut by_raw: Vec<_> = rankings.candidates.iter().collect();
    by_raw.sort_by_key(|c| std::cmp::Reverse(c.cited_by_listed.len()));
    assert!(by_raw[..8].iter().all(|c| kind_of(&u, &graph, c.node) == Kind::Hub));
    let mut by_citations: Vec<_> = rankings.candidates.iter().collect();
    by_citations.sort_by_key(|c| std::cmp::Reverse(graph.node(c.node).citation_count));
    assert!(by_citations[..20].iter().all(|c| kind_of(&u, &graph, c.node) != Kind::Field));
}

#[test]
fn every_candidate_has_checkable_reasons_and_its_majority_section() {
    let (_, graph, rankings) = ranked();
    for c in rankings.candidates.iter().take(40) {
        let paper = graph.node(c.node);
        let reasons = words(&c.reasons);
        let first = &reasons[0];
        assert!(first.starts_with(&format!("cited by {} of 24 listed papers", c.cited_by_listed.len())), "{first}");
        let named = c.cited_by_listed.iter().filter(|&&n| {
            let start: String = graph.node(n).title.chars().take(20).collect();
            first.contains(&format!("“{start}"))
        });
        assert_eq!(named.count(), c.cited_by_listed.len().min(2), "{first}");
        let n = paper.citation_count.unwrap();
        assert!(reasons.iter().any(|r| r == &format!("{n} citations on Semantic Scholar")), "{reasons:?}");
        if !c.cites_listed.is_empty() {
            assert!(reasons[1].starts_with(&format!("cites {} listed paper", c.cites_listed.len())));
        }
        // The suggested section holds at least as many of its listed neighbours (each counted
        // once, even when it both cites and is cited by the candidate) as any other.
        let neighbours: BTreeSet<_> = c.cited_by_listed.iter().chain(&c.cites_listed).collect();
        let mut by_section: BTreeMap<&str, usize> = BTreeMap::new();
        for &n in neighbours {
            *by_section.entry(&graph.node(n).listed.as_ref().unwrap().section).or_default() += 1;
        }
        let best = by_section.values().max().unwrap();
        assert_eq!(by_section[c.suggested_section.as_deref().unwrap()], *best);
    }
}

#[test]
fn hiding_a_paper_on_the_graph_ranks_it_as_a_fetch_of_the_shorter_list_would() {
    let u = Universe::builtin_field();
    let list = PaperList::builtin();
    let evaluation = evaluate_corpus(&list, &corpus_for(&u, &list), &CandidateOptions::default());
    assert_eq!(evaluation.hidden.len(), 24);
    // 0: arXiv id; 1: resolved by title (OpenReview); 18: its references are withheld.
    for index in [0, 1, 18] {
        let shorter = without(&list, index);
        let (graph, _) = CitationGraph::from_corpus(&shorter, &corpus_for(&u, &shorter));
        let rankings = rank(&graph, &RankOptions::default());
        let hidden = &evaluation.hidden[index];
        assert_eq!(hidden.title, list.papers[index].title);
        let position = rankings.candidates.iter().position(|c| graph.node(c.node).paper_id == hidden.paper_id);
        assert_eq!(position.map(|p| p + 1), hidden.rank(&SCORE), "{}", hidden.title);
        assert_eq!(rankings.candidates.len(), hidden.candidates);
    }
}

#[test]
fn the_score_finds_hidden_listed_papers_far_better_than_citation_counts() {
    let (_, graph, _) = ranked();
    let evaluation = evaluate(&graph, &CandidateOptions::default());
    for s in &evaluation.summaries {
        eprintln!(
            "{:<22} recall@10 {:.2}  recall@20 {:.2}  median rank {:?}  found {}/{}",
            s.name,
            s.recall_at(10).unwrap(),
            s.recall_at(20).unwrap(),
            s.median_rank,
            s.found,
            evaluation.hidden.len()
        );
    }
    let [score, citations, links] = [SCORE, CITATION_COUNT, LISTED_LINKS].map(|r| evaluation.summary(&r).unwrap());
    let recall_20 = |s: &RankerSummary| s.recall_at(20).unwrap();
    assert_eq!(score.found, 24, "every listed paper links to the rest of the list");
    assert!(recall_20(score) >= 0.5, "{score:?}");
    assert!(recall_20(score) > recall_20(links) && recall_20(links) > recall_20(citations));
    assert!(score.median_rank.unwrap() < links.median_rank.unwrap());
    assert!(citations.median_rank.unwrap() > 100.0, "hubs and classics crowd out the list: {citations:?}");
}
