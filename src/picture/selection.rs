//! Pictures: which papers every picture shows — the listed papers and the top
//! `map_top` candidates, or every node with `--full-graph` — decided in one place.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::PictureInput;
use super::text::{authors_line, clean_text, section_display_name, year_of};
use crate::graph::CitationGraph;
use crate::rank::Candidate;

/// What a shown paper is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// On the list, in section number `section` of [`Selection::sections`].
    Listed {
        /// Index into [`Selection::sections`].
        section: usize,
    },
    /// Not on the list: candidate number `rank` (0 = best), one of the top `map_top`.
    Candidate {
        /// Position in [`crate::rank::Rankings::candidates`].
        rank: usize,
    },
    /// Any other paper (only with `--full-graph`).
    Context,
}

/// One shown paper.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown {
    /// The node in the citation graph.
    pub node: NodeIndex,
    /// What it is.
    pub role: Role,
    /// Its PageRank (0 when the rankings have no metrics for it).
    pub pagerank: f64,
    /// Its citation links to listed papers (cites one, or is cited by one): the one measure the
    /// pictures size every paper by, listed or not, since the graph holds the list's
    /// neighbourhood and not the whole field.
    pub links: usize,
}

/// One citation between two shown papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownEdge {
    /// How strong the tie is: the papers that cite both ends (co-citation) plus the papers both
    /// ends cite (shared references), over the whole citation graph, plus 2 when the citation
    /// is influential.
    pub strength: u32,
    /// Among the strongest ties of the picture (see [`STRONG_SHARE`]): drawn prominently, the
    /// others faintly.
    /// Position in [`Selection::papers`] of the citing paper.
    pub citing: usize,
    /// Position in [`Selection::papers`] of the cited paper.
    pub cited: usize,
    pub strong: bool,
    /// Semantic Scholar flags the citation as influential.
    pub influential: bool,
}

/// Two shown papers that are not linked but cited together by at least [`MIN_CO_CITED`] papers:
/// the map's layout pulls them together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoCited {
    /// Positions in [`Selection::papers`], `a < b`.
    pub a: usize,
    /// See `a`.
    pub b: usize,
    /// Papers that cite both.
    pub count: u32,
}

/// The share of citations drawn as strong ties (the strongest, ties at the cut included).
pub const STRONG_SHARE: f64 = 0.2;
/// A citation is never a strong tie with a strength below this.
pub const MIN_STRONG: u32 = 2;
/// Unlinked papers pull together in the layout when at least this many papers cite both.
pub const MIN_CO_CITED: u32 = 2;

/// The papers and citations a picture shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// Display names of the sections that hold shown papers, in list order.
    pub sections: Vec<String>,
    /// Listed papers (by section, then list order), then candidates (best first), then, with
    /// `--full-graph`, every other node in node order.
    pub papers: Vec<Shown>,
    /// Citations among the shown papers, sorted by (citing, cited).
    pub edges: Vec<ShownEdge>,
    /// Unlinked shown papers that are often cited together, sorted by (a, b).
    pub co_cited: Vec<CoCited>,
    /// For each shown paper, how many papers linked to it alone were left out (`--full-graph`
    /// collapses them into a count badge on it instead of a fan of one-off links).
    pub collapsed: Vec<usize>,
    /// The largest PageRank among the shown papers.
    pub max_pagerank: f64,
    /// The most links to listed papers any shown paper has (see [`Shown::links`]).
    pub max_links: usize,
    /// How many candidates the rankings hold in all.
    pub candidates_total: usize,
    /// Whether each shown paper gets a text label in the map and timeline (see [`Selection::is_labelled`]).
    labelled: Vec<bool>,
}

/// The candidates the pictures draw and number, best first, each with its number less one (0 is
/// `#1`): the top `map_top` candidates of the rankings, with `--full-graph` too (which draws
/// every other paper unnumbered). `missing.md` lists exactly these, under the same numbers.
pub fn numbered_candidates<'a>(input: &PictureInput<'a>) -> Vec<(usize, &'a Candidate)> {
    let graph = input.graph;
    input
        .rankings
        .candidates
        .iter()
        .filter(|c| c.node.index() < graph.node_count() && graph.node(c.node).listed.is_none())
        .take(input.map_top)
        .enumerate()
        .collect()
}

/// How many of the top candidates get a full-size label (the others get a smaller one; every
/// candidate drawn gets one).
pub const LABELLED_CANDIDATES: usize = 15;

impl Selection {
    /// The selection for these inputs and options.
    pub fn new(input: &PictureInput<'_>) -> Selection {
        let graph = input.graph;
        let pagerank = |node: NodeIndex| input.rankings.metrics.get(node.index()).map_or(0.0, |m| m.pagerank).max(0.0);
        let links = |node: NodeIndex| {
            input.rankings.metrics.get(node.index()).map_or(0, |m| m.cited_by_listed + m.cites_listed)
        };

        // Sections in list order (then any section only a listed node names), keeping those
        // that hold a listed node.
        let mut names: Vec<&str> = input.list.sections.iter().map(|s| s.name.as_str()).collect();
        for n in graph.listed() {
            if let Some(info) = &graph.node(n).listed
                && !names.contains(&info.section.as_str())
            {
                names.push(info.section.as_str());
            }
        }
        let used: Vec<&str> = names
            .into_iter()
            .filter(|name| graph.listed().any(|n| graph.node(n).listed.as_ref().is_some_and(|l| l.section == *name)))
            .collect();
        let mut sections: Vec<String> = Vec::new();
        let mut section_of: HashMap<String, usize> = HashMap::new();
        let mut listed: Vec<(usize, usize, NodeIndex)> = Vec::new();
        for name in used {
            section_of.insert(name.to_owned(), sections.len());
            sections.push(section_display_name(name));
        }
        for node in graph.listed() {
            let Some(info) = &graph.node(node).listed else { continue };
            listed.push((section_of[&info.section], info.list_index, node));
        }
        listed.sort_unstable();

        let mut papers: Vec<Shown> = listed
            .iter()
            .map(|&(section, _, node)| Shown {
                node,
                role: Role::Listed { section },
                pagerank: pagerank(node),
                links: links(node),
            })
            .collect();
        let mut position: HashMap<NodeIndex, usize> = papers.iter().enumerate().map(|(i, p)| (p.node, i)).collect();

        for (rank, candidate) in numbered_candidates(input) {
            if position.contains_key(&candidate.node) {
                continue;
            }
            position.insert(candidate.node, papers.len());
            papers.push(Shown {
                node: candidate.node,
                role: Role::Candidate { rank },
                pagerank: pagerank(candidate.node),
                links: links(candidate.node),
            });
        }
        let mut collapsed = Vec::new();
        if input.full_graph {
            let shown_before = papers.len();
            let mut lone: Vec<(NodeIndex, usize)> = Vec::new();
            for node in graph.graph().node_indices().filter(|n| !input.rankings.excluded.contains(n)) {
                if position.contains_key(&node) {
                    continue;
                }
                match lone_link(graph, node, &position, shown_before) {
                    Some(to) => lone.push((node, to)),
                    None => {
                        position.insert(node, papers.len());
                        papers.push(Shown { node, role: Role::Context, pagerank: pagerank(node), links: links(node) });
                    }
                }
            }
            collapsed = vec![0; papers.len()];
            for (_, to) in lone {
                collapsed[to] += 1;
            }
        }
        collapsed.resize(papers.len(), 0);

        let mut edges: Vec<ShownEdge> = graph
            .graph()
            .edge_references()
            .filter_map(|e| {
                let influential = e.weight().is_influential == Some(true);
                Some(ShownEdge {
                    citing: *position.get(&e.source())?,
                    cited: *position.get(&e.target())?,
                    strength: shared_neighbours(graph, e.source(), e.target()) + if influential { 2 } else { 0 },
                    strong: false,
                    influential,
                })
            })
            .collect();
        edges.sort_unstable_by_key(|e| (e.citing, e.cited));
        mark_strong(&mut edges);
        let co_cited = co_cited(graph, &papers, &position, &edges);

        let max_pagerank = papers.iter().map(|p| p.pagerank).fold(0.0, f64::max);
        let max_links = papers.iter().map(|p| p.links).max().unwrap_or(0);
        // Every listed paper and every candidate drawn; never the other papers of
        // `--full-graph`: the largest of them are the field's generic hubs, which a reader knows
        // and which would take the room the candidates' labels need (their tooltip names them).
        let labelled: Vec<bool> = papers.iter().map(|p| !matches!(p.role, Role::Context)).collect();
        Selection {
            sections,
            papers,
            edges,
            co_cited,
            collapsed,
            max_pagerank,
            max_links,
            candidates_total: input.rankings.candidates.len(),
            labelled,
        }
    }

    /// Relative size of the paper at `index` in 0..=1: `sqrt(links / max_links)`, so that a
    /// circle's area follows its links to listed papers, the same rule for every paper.
    pub fn size(&self, index: usize) -> f64 {
        let links = self.papers[index].links as f64;
        if self.max_links == 0 { 0.0 } else { (links / self.max_links as f64).sqrt().min(1.0) }
    }

    /// Number of listed papers shown.
    pub fn listed_count(&self) -> usize {
        self.papers.iter().filter(|p| matches!(p.role, Role::Listed { .. })).count()
    }

    /// Number of candidates shown.
    pub fn candidate_count(&self) -> usize {
        self.papers.iter().filter(|p| matches!(p.role, Role::Candidate { .. })).count()
    }

    /// Number of other papers shown (only with `--full-graph`).
    pub fn context_count(&self) -> usize {
        self.papers.iter().filter(|p| p.role == Role::Context).count()
    }

    /// Whether the paper at `index` gets a text label in the map and timeline: every listed
    /// paper and every candidate shown.
    pub fn is_labelled(&self, index: usize) -> bool {
        self.labelled[index]
    }

    /// The tooltip of the paper at `index`: full title and year, authors, and what it is.
    pub fn tooltip(&self, graph: &CitationGraph, index: usize) -> String {
        let shown = self.papers[index];
        let paper = graph.node(shown.node);
        let mut text = clean_text(&paper.title);
        if let Some(year) = year_of(paper) {
            text.push_str(&format!(" ({year})"));
        }
        let authors = authors_line(&paper.authors);
        if !authors.is_empty() {
            text.push('\n');
            text.push_str(&authors);
        }
        match shown.role {
            Role::Listed { section } => text.push_str(&format!("\nOn the list, section: {}", self.sections[section])),
            Role::Candidate { rank } => text.push_str(&format!("\nNot on the list: candidate #{}", rank + 1)),
            Role::Context => {}
        }
        text
    }

    /// Takes the label away from every paper for which `drop` says so (papers a picture cannot
    /// draw).
    pub fn unlabel(&mut self, drop: impl Fn(usize) -> bool) {
        for (i, labelled) in self.labelled.iter_mut().enumerate() {
            if drop(i) {
                *labelled = false;
            }
        }
    }
}

/// The one shown paper (a position below `shown`: a listed paper) that `node` is linked to, when
/// it is linked to exactly one paper of the whole graph and that one is listed: such papers are
/// collapsed into a count on it.
fn lone_link(
    graph: &CitationGraph,
    node: NodeIndex,
    position: &HashMap<NodeIndex, usize>,
    shown: usize,
) -> Option<usize> {
    let mut neighbours = graph.graph().neighbors_undirected(node);
    let only = neighbours.next()?;
    if neighbours.any(|n| n != only) {
        return None;
    }
    let at = *position.get(&only)?;
    (at < shown && graph.node(only).listed.is_some()).then_some(at)
}

/// Papers citing both `a` and `b` plus papers both cite, over the whole graph.
fn shared_neighbours(graph: &CitationGraph, a: NodeIndex, b: NodeIndex) -> u32 {
    use petgraph::Direction::{Incoming, Outgoing};
    let g = graph.graph();
    let sorted = |n, dir| {
        let mut v: Vec<NodeIndex> = g.neighbors_directed(n, dir).filter(|&m| m != a && m != b).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let count = |dir| {
        let (of_a, of_b) = (sorted(a, dir), sorted(b, dir));
        of_b.iter().filter(|n| of_a.binary_search(n).is_ok()).count()
    };
    u32::try_from(count(Incoming) + count(Outgoing)).unwrap_or(u32::MAX)
}

/// Marks the strongest [`STRONG_SHARE`] of the ties (all those as strong as the last one taken),
/// never one weaker than [`MIN_STRONG`].
fn mark_strong(edges: &mut [ShownEdge]) {
    let mut strengths: Vec<u32> = edges.iter().map(|e| e.strength).collect();
    strengths.sort_unstable_by(|a, b| b.cmp(a));
    let take = ((edges.len() as f64 * STRONG_SHARE).ceil() as usize).min(edges.len());
    let Some(&cut) = take.checked_sub(1).and_then(|i| strengths.get(i)) else { return };
    let cut = cut.max(MIN_STRONG);
    for e in edges.iter_mut() {
        e.strong = e.strength >= cut;
    }
}

/// Pairs of shown listed papers and candidates (not the other papers of `--full-graph`, whose
/// pairs would be many and say little) without a citation between them that at least
/// [`MIN_CO_CITED`] papers of the graph cite together.
fn co_cited(
    graph: &CitationGraph,
    papers: &[Shown],
    position: &HashMap<NodeIndex, usize>,
    edges: &[ShownEdge],
) -> Vec<CoCited> {
    let linked: std::collections::HashSet<(usize, usize)> =
        edges.iter().map(|e| (e.citing.min(e.cited), e.citing.max(e.cited))).collect();
    let mut counts: HashMap<(usize, usize), u32> = HashMap::new();
    for citer in graph.graph().node_indices() {
        let mut cited: Vec<usize> = graph
            .graph()
            .neighbors(citer)
            .filter_map(|n| position.get(&n).copied())
            .filter(|&i| papers[i].role != Role::Context)
            .collect();
        cited.sort_unstable();
        cited.dedup();
        if cited.len() > 200 {
            continue; // a survey citing everything says nothing about any pair
        }
        for (i, &a) in cited.iter().enumerate() {
            for &b in &cited[i + 1..] {
                *counts.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<CoCited> = counts
        .into_iter()
        .filter(|(pair, count)| *count >= MIN_CO_CITED && !linked.contains(pair))
        .map(|((a, b), count)| CoCited { a, b, count })
        .collect();
    pairs.sort_unstable_by_key(|p| (p.a, p.b));
    pairs
}
