//! Stage 4, the missing related work: every paper not on the list that some [`Signal`] ties to
//! it, scored by how strongly it belongs (the weighted signals: today only [`DirectLinks`], a
//! cosine between its citation links and the list, so that papers everyone cites do not win)
//! lifted by its impact, with structured reasons and a suggested section.
//!
//! The formula, documented in the README ("How candidates are ranked"):
//!
//! ```text
//! links     = listed papers citing it + listed papers it cites
//! degree    = its citations + its references (Semantic Scholar's counts, at least the local ones)
//! belonging = links / sqrt(listed papers * (degree + prior))      (the direct-links signal)
//! score     = belonging * (1 + ln(1 + citations))
//! ```
//!
//! [`Signal`]: super::signal::Signal
//! [`DirectLinks`]: super::direct_links::DirectLinks

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use super::Candidate;
use super::co_citation::co_citers;
use super::content::{SIMILARITY_FLOOR, similarity};
use super::coupling::shared;
use super::csr::Csr;
use super::signal::{Context, Explanation, Reason, SIGNALS, SignalValue, Subject, WEAK_SECTION};
use crate::graph::CitationGraph;

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
        CandidateOptions { degree_prior: crate::defaults::DEGREE_PRIOR }
    }
}

/// The per-node numbers the score is made of.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scored {
    /// Node index.
    pub node: u32,
    /// The final score.
    pub score: f64,
    /// The weighted sum of the signals.
    pub belonging: f64,
    /// Each signal's value, in [`SIGNALS`] order.
    pub signals: Vec<f64>,
}

/// Global counts by node, with the local degree as a floor (a paper is cited at least by the
/// papers of the graph citing it).
#[derive(Debug, Clone)]
pub struct Counts {
    /// Citations by node.
    pub citations: Vec<f64>,
    /// Citations plus references by node.
    pub degree: Vec<f64>,
}

impl Counts {
    /// The counts of every node of `graph`.
    pub fn of(graph: &CitationGraph, csr: &Csr) -> Counts {
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

/// The combination step: scores every node that is not listed and that some signal rates above
/// 0, `belonging = Σ weight × value` lifted by `1 + ln(1 + citations)`; best first (ties: more
/// citations first, then node order).
pub(crate) fn score_all(ctx: &Context<'_>) -> Vec<Scored> {
    let mut scored: Vec<Scored> = (0..ctx.csr.node_count())
        .filter(|&v| !ctx.listed[v])
        .filter_map(|v| {
            let signals: Vec<f64> = SIGNALS.iter().map(|s| s.signal.value(ctx, v)).collect();
            if signals.iter().all(|&x| x <= 0.0) {
                return None;
            }
            let belonging = SIGNALS.iter().zip(&signals).fold(0.0, |sum, (s, &x)| sum + s.weight * x);
            let cited = SIGNALS.iter().zip(&signals).any(|(s, &x)| s.citation_evidence && x > 0.0);
            let lift = if cited { 1.0 + ctx.counts.citations[v].ln_1p() } else { 1.0 };
            let score = belonging * lift;
            Some(Scored { node: v as u32, score, belonging, signals })
        })
        .collect();
    let citations = &ctx.counts.citations;
    scored.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(citations[b.node as usize].total_cmp(&citations[a.node as usize]))
            .then(a.node.cmp(&b.node))
    });
    scored
}

/// The candidates of a graph, best first, each with its reasons and suggested section.
pub fn candidates(graph: &CitationGraph, csr: &Csr, listed: &[bool], options: &CandidateOptions) -> Vec<Candidate> {
    let counts = Counts::of(graph, csr);
    let ctx = Context::new(graph, csr, listed, &counts, options);
    let section_order = section_order(graph);
    score_all(&ctx)
        .into_iter()
        .map(|s| {
            let node = NodeIndex::new(s.node as usize);
            let listed_neighbours = |neighbours: &[u32]| {
                let mut nodes: Vec<NodeIndex> =
                    neighbours.iter().filter(|&&u| listed[u as usize]).map(|&u| NodeIndex::new(u as usize)).collect();
                nodes.sort_by_key(|&n| graph.node(n).listed.as_ref().map_or(usize::MAX, |l| l.list_index));
                nodes
            };
            let cited_by_listed = listed_neighbours(csr.in_neighbours(node.index()));
            let cites_listed = listed_neighbours(csr.out_neighbours(node.index()));
            let section =
                suggested_section(graph, &section_order, cited_by_listed.iter().chain(&cites_listed).copied());
            let subject = Subject { node, cited_by_listed: &cited_by_listed, cites_listed: &cites_listed };
            let fit = graph.discovery().ran.then(|| section_fit(&ctx, &subject, &section_order)).flatten();
            let mut reasons =
                reasons(&ctx, &subject, &s.signals, if graph.discovery().ran { None } else { section.as_ref() });
            if let Some((name, confidence)) = &fit {
                reasons.push(Reason::SectionFit {
                    name: name.clone(),
                    confidence: (confidence * 100.0).round() / 100.0,
                    weak: *confidence < WEAK_SECTION,
                });
            }
            let (section, section_confidence) = match (graph.discovery().ran, fit) {
                (false, _) => (section.map(|(name, _, _)| name), None),
                (true, Some((name, confidence))) => (Some(name), Some(confidence)),
                (true, None) => (None, Some(0.0)),
            };
            Candidate {
                node,
                score: s.score,
                belonging: s.belonging,
                signals: SIGNALS
                    .iter()
                    .zip(&s.signals)
                    .map(|(r, &value)| SignalValue { name: r.signal.name(), value })
                    .collect(),
                cited_by_listed,
                cites_listed,
                suggested_section: section,
                section_confidence,
                reasons,
            }
        })
        .collect()
}

/// A candidate's reasons: what ties it to the list (each signal rating it, in [`SIGNALS`]
/// order), its impact, how much of the paper those ties are, then its section.
fn reasons(
    ctx: &Context<'_>,
    subject: &Subject<'_>,
    values: &[f64],
    section: Option<&(String, usize, usize)>,
) -> Vec<Reason> {
    let explained: Vec<Explanation> = SIGNALS
        .iter()
        .zip(values)
        .filter(|&(_, &value)| value > 0.0)
        .map(|(s, _)| s.signal.explain(ctx, subject))
        .collect();
    let mut reasons: Vec<Reason> = explained.iter().flat_map(|e| e.links.iter().cloned()).collect();
    reasons.push(Reason::Citations { count: ctx.graph.node(subject.node).citation_count });
    reasons.extend(explained.into_iter().flat_map(|e| e.share));
    if let Some((name, k, of)) = section {
        reasons.push(Reason::Section { name: name.clone(), neighbours_in: *k, neighbours: *of });
    }
    reasons
}

/// The section a candidate's ties point to, from every signal, with a confidence: each tie to a
/// listed paper (a direct link, a co-citation, a shared reference) counts for that paper's
/// section, content similarity to a section's centroid counts as up to two ties, and each
/// section's total is divided by the square root of its size, so large sections do not win by
/// size alone. The confidence is the best section's share of the totals, lowered when the
/// evidence is thin (fewer than three ties): below [`WEAK_SECTION`] it is "no clear section".
fn section_fit(ctx: &Context<'_>, subject: &Subject<'_>, order: &BTreeMap<String, usize>) -> Option<(String, f64)> {
    let graph = ctx.graph;
    let section_of = |n: u32| graph.node(NodeIndex::new(n as usize)).listed.as_ref().map(|l| l.section.as_str());
    let mut raw: BTreeMap<&str, f64> = BTreeMap::new();
    let mut size: BTreeMap<&str, f64> = BTreeMap::new();
    for v in (0..ctx.listed.len()).filter(|&v| ctx.listed[v]) {
        if let Some(s) = section_of(v as u32) {
            *size.entry(s).or_default() += 1.0;
        }
    }
    for n in subject.cited_by_listed.iter().chain(subject.cites_listed) {
        if let Some(s) = section_of(n.index() as u32) {
            *raw.entry(s).or_default() += 1.0;
        }
    }
    let v = subject.node.index();
    for (_, listed, _) in co_citers(ctx, v) {
        for l in listed {
            if let Some(s) = section_of(l) {
                *raw.entry(s).or_default() += 1.0 / 3.0;
            }
        }
    }
    if let Some((refs, _)) = shared(ctx, v) {
        for (_, by) in refs {
            for l in by {
                if let Some(s) = section_of(l) {
                    *raw.entry(s).or_default() += 1.0 / 3.0;
                }
            }
        }
    }
    let mut ties: f64 = raw.values().sum();
    if let Some((sim, Some(section))) = similarity(ctx, v)
        && sim > SIMILARITY_FLOOR
        && let Some(name) = size.keys().find(|k| **k == section).copied()
    {
        let bonus = 2.0 * (sim - SIMILARITY_FLOOR) / (1.0 - SIMILARITY_FLOOR);
        *raw.entry(name).or_default() += bonus;
        ties += bonus;
    }
    let weighed: Vec<(&str, f64)> =
        raw.iter().map(|(&s, &x)| (s, x / size.get(s).copied().unwrap_or(1.0).sqrt())).collect();
    let total: f64 = weighed.iter().map(|(_, x)| x).sum();
    let (name, best) =
        weighed.into_iter().max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| order.get(b.0).cmp(&order.get(a.0))))?;
    if total <= 0.0 {
        return None;
    }
    let confidence = best / total * (ties / 3.0).min(1.0);
    Some((name.to_owned(), confidence))
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
    fn reasons_name_the_counts_and_papers_a_curator_can_check() {
        use crate::rank::signal::PaperRef;
        let g = hand_graph();
        let c = ranked(&g);
        let paper = |id: &str| PaperRef { paper_id: id.to_owned(), title: format!("Paper {id}") };
        let f = c.iter().find(|c| g.node(c.node).paper_id == "F").unwrap();
        assert_eq!(
            f.reasons,
            [
                Reason::CitedByListed {
                    papers: 2,
                    listed: 4,
                    influential: 1,
                    examples: vec![paper("L0"), paper("L1")]
                },
                Reason::CitesListed { papers: 1, examples: vec![paper("L2")] },
                Reason::Citations { count: Some(50) },
                Reason::LinkShare { links: 3, degree: 60 },
                Reason::Section { name: "Zeta".to_owned(), neighbours_in: 2, neighbours: 3 },
            ]
        );
        let hub = c.iter().find(|c| g.node(c.node).paper_id == "H").unwrap();
        assert_eq!(
            hub.reasons[0],
            Reason::CitedByListed { papers: 4, listed: 4, influential: 0, examples: vec![paper("L0"), paper("L1")] }
        );
        assert!(hub.reasons.contains(&Reason::LinkShare { links: 4, degree: 100_000 }));
    }

    #[test]
    fn influential_citers_are_named_first() {
        let mut g = hand_graph();
        // L3 now cites X influentially beside L2's plain citation: L3 is named first, though L2
        // comes first in the list.
        let (l3, x) = (NodeIndex::new(3), NodeIndex::new(6));
        g.add_citation(l3, x, CitationEdge { is_influential: Some(true), intents: vec![] });
        let c = ranked(&g);
        let x = c.iter().find(|c| g.node(c.node).paper_id == "X").unwrap();
        let Reason::CitedByListed { influential, examples, .. } = &x.reasons[0] else { panic!("{:?}", x.reasons) };
        assert_eq!(*influential, 1);
        let named: Vec<&str> = examples.iter().map(|p| p.paper_id.as_str()).collect();
        assert_eq!(named, ["L3", "L2"]);
    }

    #[test]
    fn without_discovery_data_the_direct_links_signal_is_the_whole_belonging() {
        let g = hand_graph();
        for c in ranked(&g) {
            assert_eq!(c.signals.len(), SIGNALS.len());
            assert_eq!(c.signals[0].name, "direct links");
            assert_eq!(c.signals[0].value, c.belonging);
            assert!(c.signals[1..].iter().all(|s| s.value == 0.0), "{:?}", c.signals);
        }
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

    #[test]
    fn with_discovery_the_section_is_weighed_by_size_and_carries_a_confidence() {
        let mut g = CitationGraph::new();
        let paper = |id: &str| {
            PaperNode::from_meta(&PaperMeta {
                paper_id: id.to_owned(),
                title: format!("Paper {id}"),
                citation_count: Some(10),
                reference_count: Some(10),
                ..PaperMeta::default()
            })
        };
        let sections = ["Big"; 8].into_iter().chain(["Small"; 2]);
        let listed: Vec<NodeIndex> = sections
            .enumerate()
            .map(|(i, section)| {
                let node = g.add_paper(paper(&format!("L{i}")));
                g.mark_listed(node, ListedInfo { list_index: i, section: section.to_owned(), tag: None });
                node
            })
            .collect();
        let c = g.add_paper(paper("C"));
        let d = g.add_paper(paper("D"));
        let cite = |g: &mut CitationGraph, a: NodeIndex, b: NodeIndex| {
            g.add_citation(a, b, CitationEdge { is_influential: None, intents: vec![] });
        };
        // C: cited by 3 of the 8 "Big" papers and by both "Small" ones; D: by one "Big" paper.
        for &l in listed[..3].iter().chain(&listed[8..]) {
            cite(&mut g, l, c);
        }
        cite(&mut g, listed[0], d);
        let today = ranked(&g);
        let (c_node, d_node) = (c, d);
        let find = |cs: &[Candidate], node: NodeIndex| cs.iter().find(|x| x.node == node).unwrap().clone();
        assert_eq!(find(&today, c_node).suggested_section.as_deref(), Some("Big"), "today: the majority");
        assert_eq!(find(&today, c_node).section_confidence, None);

        g.set_discovery(crate::graph::NodeDiscovery { ran: true, ..Default::default() });
        let deeper = ranked(&g);
        let c = find(&deeper, c_node);
        assert_eq!(c.suggested_section.as_deref(), Some("Small"), "2 of 2 beats 3 of 8");
        let confidence = c.section_confidence.unwrap();
        let (small, big) = (2.0 / 2f64.sqrt(), 3.0 / 8f64.sqrt());
        assert!((confidence - small / (small + big)).abs() < 1e-9, "{confidence}");
        assert!(c.reasons.contains(&Reason::SectionFit {
            name: "Small".into(),
            confidence: (confidence * 100.0).round() / 100.0,
            weak: false
        }));
        let d = find(&deeper, d_node);
        assert!(d.section_confidence.unwrap() < WEAK_SECTION, "one tie is thin evidence");
        assert!(matches!(d.reasons.last(), Some(Reason::SectionFit { weak: true, .. })), "{:?}", d.reasons);
    }

    #[test]
    fn a_paper_close_only_in_content_loses_to_one_with_a_citation_tie_and_the_same_content() {
        let mut g = hand_graph();
        let n = g.node_count();
        // "C" is as close in content as "X" (a listed paper cites X) but has no citation tie, and
        // far more citations.
        let c = g.add_paper(PaperNode::from_meta(&PaperMeta {
            paper_id: "C".into(),
            title: "Paper C".into(),
            citation_count: Some(100_000),
            ..PaperMeta::default()
        }));
        let x = g.find("X").unwrap();
        let mut embeddings = vec![None; n + 1];
        for slot in embeddings.iter_mut().take(4) {
            *slot = Some(vec![1.0f32, 0.0]);
        }
        let close = Some(vec![0.96f32, 0.28]);
        embeddings[x.index()] = close.clone();
        embeddings[c.index()] = close;
        g.set_discovery(crate::graph::NodeDiscovery { ran: true, embeddings, ..Default::default() });
        let ranked = ranked(&g);
        let place = |node: NodeIndex| ranked.iter().position(|k| k.node == node).unwrap();
        let (cx, cc) = (&ranked[place(x)], &ranked[place(c)]);
        assert!(cc.signals[3].value > 0.0 && cc.signals[3].value == cx.signals[3].value, "same content value");
        assert!(place(x) < place(c), "the citation tie wins: X {} C {}", cx.score, cc.score);
        assert_eq!(cc.score, cc.belonging, "no impact lift without citation evidence");
    }
}
