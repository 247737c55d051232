//! Stage 4, the missing related work: every paper not on the list that links to it, scored by
//! how strongly it belongs (a cosine between its citation links and the list, so that papers
//! everyone cites do not win) lifted by its impact, with reasons and a suggested section.
//!
//! The formula, documented in the README ("How candidates are ranked"):
//!
//! ```text
//! links     = listed papers citing it + listed papers it cites
//! degree    = its citations + its references (Semantic Scholar's counts, at least the local ones)
//! belonging = links / sqrt(listed papers * (degree + prior))
//! score     = belonging * (1 + ln(1 + citations))
//! ```

use std::collections::BTreeMap;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::Candidate;
use super::csr::Csr;
use crate::graph::CitationGraph;
use crate::wording::{count, percent, short_title, thousands};

/// Settings of the candidate score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CandidateOptions {
    /// Pseudo-links added to every paper's degree: links we cannot see (Semantic Scholar misses
    /// references; new papers have few citations yet), so that a paper with three links, one of
    /// them to the list, does not look a third on-topic.
    pub degree_prior: f64,
}

impl Default for CandidateOptions {
    fn default() -> Self {
        CandidateOptions { degree_prior: 5.0 }
    }
}

/// The per-node numbers the score is made of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scored {
    /// Node index.
    pub node: u32,
    /// The final score.
    pub score: f64,
    /// The cosine part.
    pub belonging: f64,
    /// Listed papers citing it.
    pub cited_by: u32,
    /// Listed papers it cites.
    pub cites: u32,
}

/// Global counts by node, with the local degree as a floor (a paper is cited at least by the
/// papers of the graph citing it).
#[derive(Debug, Clone)]
pub(crate) struct Counts {
    /// Citations by node.
    pub citations: Vec<f64>,
    /// Citations plus references by node.
    pub degree: Vec<f64>,
}

impl Counts {
    pub(crate) fn of(graph: &CitationGraph, csr: &Csr) -> Counts {
        let g = graph.graph();
        let citations: Vec<f64> = g
            .node_indices()
            .map(|n| (g[n].citation_count.unwrap_or(0) as f64).max(csr.in_degree(n.index()) as f64))
            .collect();
        let degree = g
            .node_indices()
            .map(|n| {
                let references = (g[n].reference_count.unwrap_or(0) as f64).max(csr.out_degree(n.index()) as f64);
                citations[n.index()] + references
            })
            .collect();
        Counts { citations, degree }
    }
}

/// Scores every node that is not in `listed` and has a link to a listed node; best first (ties:
/// more citations first, then node order).
pub(crate) fn score_all(csr: &Csr, listed: &[bool], counts: &Counts, options: &CandidateOptions) -> Vec<Scored> {
    let n_listed = listed.iter().filter(|&&l| l).count() as f64;
    let mut scored: Vec<Scored> = (0..csr.node_count())
        .filter(|&v| !listed[v])
        .filter_map(|v| {
            let cited_by = csr.in_neighbours(v).iter().filter(|&&u| listed[u as usize]).count() as u32;
            let cites = csr.out_neighbours(v).iter().filter(|&&u| listed[u as usize]).count() as u32;
            let links = f64::from(cited_by + cites);
            if links == 0.0 {
                return None;
            }
            let belonging = links / (n_listed * (counts.degree[v] + options.degree_prior)).sqrt();
            let score = belonging * (1.0 + counts.citations[v].ln_1p());
            Some(Scored { node: v as u32, score, belonging, cited_by, cites })
        })
        .collect();
    scored.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(counts.citations[b.node as usize].total_cmp(&counts.citations[a.node as usize]))
            .then(a.node.cmp(&b.node))
    });
    scored
}

/// The candidates of a graph, best first, each with its reasons and suggested section.
pub fn candidates(graph: &CitationGraph, csr: &Csr, listed: &[bool], options: &CandidateOptions) -> Vec<Candidate> {
    let counts = Counts::of(graph, csr);
    let n_listed = listed.iter().filter(|&&l| l).count();
    let section_order = section_order(graph);
    score_all(csr, listed, &counts, options)
        .into_iter()
        .map(|s| {
            let node = NodeIndex::new(s.node as usize);
            let by_list_order = |mut nodes: Vec<NodeIndex>| {
                nodes.sort_by_key(|&n| graph.node(n).listed.as_ref().map_or(usize::MAX, |l| l.list_index));
                nodes
            };
            let cited_by_listed = by_list_order(
                csr.in_neighbours(node.index())
                    .iter()
                    .filter(|&&u| listed[u as usize])
                    .map(|&u| NodeIndex::new(u as usize))
                    .collect(),
            );
            let cites_listed = by_list_order(
                csr.out_neighbours(node.index())
                    .iter()
                    .filter(|&&u| listed[u as usize])
                    .map(|&u| NodeIndex::new(u as usize))
                    .collect(),
            );
            let section =
                suggested_section(graph, &section_order, cited_by_listed.iter().chain(&cites_listed).copied());
            let reasons = Reasons { graph, node, n_listed, counts: &counts }.write(
                &cited_by_listed,
                &cites_listed,
                section.as_ref(),
            );
            Candidate {
                node,
                score: s.score,
                belonging: s.belonging,
                cited_by_listed,
                cites_listed,
                suggested_section: section.map(|(name, _, _)| name),
                reasons,
            }
        })
        .collect()
}

/// Sections in list order: a section's position is the smallest list index of its papers.
fn section_order(graph: &CitationGraph) -> BTreeMap<String, usize> {
    let mut order = BTreeMap::new();
    for node in graph.listed() {
        if let Some(info) = &graph.node(node).listed {
            let slot = order.entry(info.section.clone()).or_insert(info.list_index);
            *slot = (*slot).min(info.list_index);
        }
    }
    order
}

/// The section most of `neighbours` belong to (ties: the one earlier in the list), with how many
/// of them are in it and how many neighbours there are.
fn suggested_section(
    graph: &CitationGraph,
    order: &BTreeMap<String, usize>,
    neighbours: impl Iterator<Item = NodeIndex>,
) -> Option<(String, usize, usize)> {
    let mut seen: Vec<NodeIndex> = neighbours.collect();
    seen.sort_unstable();
    seen.dedup();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &n in &seen {
        if let Some(info) = &graph.node(n).listed {
            *counts.entry(info.section.as_str()).or_default() += 1;
        }
    }
    let (name, count) =
        counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| order.get(b.0).cmp(&order.get(a.0))))?;
    Some((name.to_owned(), count, seen.len()))
}

/// Writes the reasons of one candidate.
struct Reasons<'a> {
    graph: &'a CitationGraph,
    node: NodeIndex,
    n_listed: usize,
    counts: &'a Counts,
}

impl Reasons<'_> {
    fn write(
        &self,
        cited_by: &[NodeIndex],
        cites: &[NodeIndex],
        section: Option<&(String, usize, usize)>,
    ) -> Vec<String> {
        let g = self.graph.graph();
        let mut reasons = Vec::new();
        if !cited_by.is_empty() {
            let influential: Vec<NodeIndex> = g
                .edges_directed(self.node, Direction::Incoming)
                .filter(|e| e.weight().is_influential == Some(true))
                .map(|e| petgraph::visit::EdgeRef::source(&e))
                .filter(|n| cited_by.contains(n))
                .collect();
            let mut named: Vec<NodeIndex> = influential.clone();
            named.sort_by_key(|&n| cited_by.iter().position(|&c| c == n));
            named.extend(cited_by.iter().filter(|n| !influential.contains(n)));
            let how = match (influential.len(), cited_by.len()) {
                (0, _) => String::new(),
                (1, 1) => " (an influential citation)".to_owned(),
                (1, _) => " (1 of them an influential citation)".to_owned(),
                (k, n) if k == n => " (all influential citations)".to_owned(),
                (k, _) => format!(" ({k} of them influential citations)"),
            };
            reasons.push(format!(
                "cited by {} of {} listed {}{how}{}",
                cited_by.len(),
                self.n_listed,
                if self.n_listed == 1 { "paper" } else { "papers" },
                self.examples(&named)
            ));
        }
        if !cites.is_empty() {
            reasons.push(format!(
                "cites {} listed {}{}",
                cites.len(),
                if cites.len() == 1 { "paper" } else { "papers" },
                self.examples(cites)
            ));
        }
        let paper = self.graph.node(self.node);
        reasons.push(match paper.citation_count {
            Some(n) => format!("{} on Semantic Scholar", count(n, "citation")),
            None => "no citation count on Semantic Scholar".to_owned(),
        });
        let links = cited_by.len() + cites.len();
        let degree = self.counts.degree[self.node.index()];
        let share = percent(links as f64 / degree);
        reasons.push(match (links, degree as u64) {
            (_, 1) => "its one known citation or reference is a link to a listed paper".to_owned(),
            (1, d) => {
                format!("1 of its {} citations and references is a link to a listed paper ({share})", thousands(d))
            }
            (k, d) => {
                format!("{k} of its {} citations and references are links to listed papers ({share})", thousands(d))
            }
        });
        if let Some((name, k, of)) = section {
            reasons.push(match (k, of) {
                (_, 1) => format!("its listed neighbour is in “{name}”"),
                (k, of) if k == of => format!("all {of} of its listed neighbours are in “{name}”"),
                (k, of) => format!("{k} of its {of} listed neighbours are in “{name}”"),
            });
        }
        reasons
    }

    /// `: “A”` for one paper, `, among them “A” and “B”` for more.
    fn examples(&self, papers: &[NodeIndex]) -> String {
        let title = |n: NodeIndex| format!("“{}”", short_title(&self.graph.node(n).title));
        match papers {
            [] => String::new(),
            [one] => format!(": {}", title(*one)),
            [a, b] => format!(": {} and {}", title(*a), title(*b)),
            [a, b, ..] => format!(", among them {} and {}", title(*a), title(*b)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{CitationEdge, ListedInfo, PaperNode};
    use crate::model::PaperMeta;

    /// Listed L0, L1 (section "Zeta") and L2, L3 ("Alpha"); a hub cited by all four; a field
    /// paper F cited by L0 (influentially) and L1 and citing L2; X and Y, each cited by one
    /// listed paper, with equal degrees (100) but 100 and 10 citations; Z cited by L0 and L2.
    fn hand_graph() -> CitationGraph {
        let mut g = CitationGraph::new();
        let paper = |id: &str, citations: u64, references: u64| {
            PaperNode::from_meta(&PaperMeta {
                paper_id: id.to_owned(),
                title: format!("Paper {id}"),
                citation_count: Some(citations),
                reference_count: Some(references),
                ..PaperMeta::default()
            })
        };
        for (i, section) in ["Zeta", "Zeta", "Alpha", "Alpha"].into_iter().enumerate() {
            let node = g.add_paper(paper(&format!("L{i}"), 10, 10));
            g.mark_listed(node, ListedInfo { list_index: i, section: section.to_owned(), tag: None });
        }
        let l: Vec<NodeIndex> = (0..4).map(NodeIndex::new).collect();
        let hub = g.add_paper(paper("H", 100_000, 0));
        let f = g.add_paper(paper("F", 50, 10));
        let x = g.add_paper(paper("X", 100, 0));
        let y = g.add_paper(paper("Y", 10, 90));
        let z = g.add_paper(paper("Z", 20, 20));
        let cite = |g: &mut CitationGraph, a: NodeIndex, b: NodeIndex, influential: bool| {
            g.add_citation(a, b, CitationEdge { is_influential: Some(influential), intents: vec![] });
        };
        for &listed in &l {
            cite(&mut g, listed, hub, false);
        }
        cite(&mut g, l[0], f, true);
        cite(&mut g, l[1], f, false);
        cite(&mut g, f, l[2], false);
        cite(&mut g, l[2], x, false);
        cite(&mut g, l[3], y, false);
        cite(&mut g, l[2], z, false);
        cite(&mut g, l[0], z, false);
        g
    }

    fn ranked(g: &CitationGraph) -> Vec<Candidate> {
        let csr = Csr::from_graph(g);
        let listed = crate::rank::listed_mask(g);
        candidates(g, &csr, &listed, &CandidateOptions::default())
    }

    #[test]
    fn the_score_is_the_documented_formula() {
        let g = hand_graph();
        let c = ranked(&g);
        let f = c.iter().find(|c| g.node(c.node).paper_id == "F").unwrap();
        // 3 links; degree 50 + 10; 4 listed papers; prior 5.
        let belonging = 3.0 / (4.0f64 * (60.0 + 5.0)).sqrt();
        assert!((f.belonging - belonging).abs() < 1e-12);
        assert!((f.score - belonging * (1.0 + 51f64.ln())).abs() < 1e-12);
    }

    #[test]
    fn a_paper_everyone_cites_loses_to_one_that_belongs() {
        let g = hand_graph();
        let order: Vec<&str> = ranked(&g).iter().map(|c| g.node(c.node).paper_id.as_str()).collect();
        assert_eq!(order.first(), Some(&"F"));
        assert_eq!(order.last(), Some(&"H"), "the hub is cited by every listed paper, yet comes last: {order:?}");
        assert!(!order.iter().any(|id| id.starts_with('L')), "listed papers are no candidates");
    }

    #[test]
    fn impact_lifts_among_papers_that_belong_equally() {
        let g = hand_graph();
        let c = ranked(&g);
        let x = c.iter().position(|c| g.node(c.node).paper_id == "X").unwrap();
        let y = c.iter().position(|c| g.node(c.node).paper_id == "Y").unwrap();
        assert_eq!(c[x].belonging, c[y].belonging, "one link each, degree 100 each");
        assert!(x < y, "X has 100 citations, Y 10");
    }

    #[test]
    fn reasons_say_what_a_curator_can_check() {
        let g = hand_graph();
        let c = ranked(&g);
        let f = c.iter().find(|c| g.node(c.node).paper_id == "F").unwrap();
        assert_eq!(
            f.reasons,
            [
                "cited by 2 of 4 listed papers (1 of them an influential citation): “Paper L0” and “Paper L1”",
                "cites 1 listed paper: “Paper L2”",
                "50 citations on Semantic Scholar",
                "3 of its 60 citations and references are links to listed papers (5.0%)",
                "2 of its 3 listed neighbours are in “Zeta”",
            ]
        );
        let hub = c.iter().find(|c| g.node(c.node).paper_id == "H").unwrap();
        assert!(hub.reasons[0].starts_with("cited by 4 of 4 listed papers, among them “Paper L0” and “Paper L1”"));
        assert!(hub.reasons.contains(
            &"4 of its 100,000 citations and references are links to listed papers (under 0.01%)".to_owned()
        ));
    }

    #[test]
    fn the_suggested_section_is_the_majority_then_the_earlier_one() {
        let g = hand_graph();
        let c = ranked(&g);
        let section = |id: &str| c.iter().find(|c| g.node(c.node).paper_id == id).unwrap().suggested_section.clone();
        assert_eq!(section("F").as_deref(), Some("Zeta"));
        assert_eq!(section("Y").as_deref(), Some("Alpha"));
        // One neighbour in each: the section that comes first in the list, not alphabetically.
        assert_eq!(section("Z").as_deref(), Some("Zeta"));
    }
}
