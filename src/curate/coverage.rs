//! Coverage by section: for each section of the list, its listed papers, the candidates suggested
//! into it, and how much of its citation neighbourhood the list covers; the thinnest sections
//! first. Candidates with strong ties to two sections or more are the bridges.
//!
//! A section's neighbourhood is its listed papers and every paper of the graph with a strong tie
//! to it (citing or cited by at least [`STRONG_TIE`] of its listed papers); the share covered is
//! the part of that neighbourhood on the list.

use std::collections::{BTreeMap, HashMap, HashSet};

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::graph::CitationGraph;
use crate::paper_list::PaperList;
use crate::rank::Rankings;

/// Links to a section's listed papers that make a strong tie.
pub const STRONG_TIE: usize = 2;

/// One section's coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionCoverage {
    /// The section's name.
    pub section: String,
    /// Its listed papers.
    pub listed: usize,
    /// Candidates whose suggested section it is.
    pub suggested: usize,
    /// Papers in its neighbourhood (listed ones included).
    pub neighbourhood: usize,
    /// Of those, papers on the list.
    pub covered: usize,
    /// `covered / neighbourhood` (1 for a section without neighbours).
    pub share: f64,
}

/// A candidate with strong ties to two sections or more.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bridge {
    /// 1-based candidate rank.
    pub rank: usize,
    /// Semantic Scholar id.
    pub paper_id: String,
    /// Title.
    pub title: String,
    /// The sections it is tied to, with its links to each, most first.
    pub sections: Vec<(String, usize)>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    /// Sections, thinnest (smallest share) first; ties by fewer listed papers, then list order.
    pub sections: Vec<SectionCoverage>,
    /// Bridging candidates, best ranked first.
    pub bridges: Vec<Bridge>,
}

/// Coverage of every section of the list in the ranked graph.
pub fn coverage(list: &PaperList, graph: &CitationGraph, rankings: &Rankings) -> Coverage {
    // Links from every paper to each section's listed papers.
    let mut ties: HashMap<NodeIndex, BTreeMap<&str, usize>> = HashMap::new();
    let mut listed_in: BTreeMap<&str, usize> = BTreeMap::new();
    for node in graph.listed() {
        let Some(info) = &graph.node(node).listed else { continue };
        let section = info.section.as_str();
        *listed_in.entry(section).or_default() += 1;
        let neighbours: HashSet<NodeIndex> = graph
            .graph()
            .neighbors_directed(node, Direction::Incoming)
            .chain(graph.graph().neighbors_directed(node, Direction::Outgoing))
            .collect();
        for other in neighbours {
            *ties.entry(other).or_default().entry(section).or_default() += 1;
        }
    }
    let mut suggested: HashMap<&str, usize> = HashMap::new();
    for candidate in &rankings.candidates {
        if let Some(section) = &candidate.suggested_section {
            *suggested.entry(section.as_str()).or_default() += 1;
        }
    }
    let candidates: HashSet<NodeIndex> = rankings.candidates.iter().map(|c| c.node).collect();
    let mut sections: Vec<(usize, SectionCoverage)> = list
        .sections
        .iter()
        .enumerate()
        .map(|(order, s)| {
            let name = s.name.as_str();
            let listed = list.papers_in(name).count();
            let in_graph = listed_in.get(name).copied().unwrap_or(0);
            let tied: Vec<NodeIndex> = ties
                .iter()
                .filter(|(node, by)| {
                    by.get(name).is_some_and(|&k| k >= STRONG_TIE)
                        && (candidates.contains(node) || graph.node(**node).listed.is_some())
                })
                .map(|(node, _)| *node)
                .collect();
            let tied_listed = tied.iter().filter(|n| graph.node(**n).listed.is_some()).count();
            let tied_outside: usize = tied.len() - tied_listed;
            let own = in_graph;
            // Listed papers of other sections tied to this one count as covered neighbours.
            let other_listed =
                tied.iter().filter(|n| graph.node(**n).listed.as_ref().is_some_and(|l| l.section != name)).count();
            let neighbourhood = own + other_listed + tied_outside;
            let covered = own + other_listed;
            let share = if neighbourhood == 0 { 1.0 } else { covered as f64 / neighbourhood as f64 };
            let coverage = SectionCoverage {
                section: s.name.clone(),
                listed,
                suggested: suggested.get(name).copied().unwrap_or(0),
                neighbourhood,
                covered,
                share,
            };
            (order, coverage)
        })
        .collect();
    sections.sort_by(|(oa, a), (ob, b)| a.share.total_cmp(&b.share).then(a.listed.cmp(&b.listed)).then(oa.cmp(ob)));

    let bridges = rankings
        .candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let by = ties.get(&c.node)?;
            let mut strong: Vec<(String, usize)> =
                by.iter().filter(|&(_, &k)| k >= STRONG_TIE).map(|(s, &k)| ((*s).to_owned(), k)).collect();
            if strong.len() < 2 {
                return None;
            }
            strong.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let paper = graph.node(c.node);
            Some(Bridge { rank: i + 1, paper_id: paper.paper_id.clone(), title: paper.title.clone(), sections: strong })
        })
        .collect();
    Coverage { sections: sections.into_iter().map(|(_, s)| s).collect(), bridges }
}
