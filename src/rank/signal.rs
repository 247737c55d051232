//! Stage 4, the seam of the candidate score: a [`Signal`] rates how strongly a paper off the list
//! belongs with it and says why in structured [`Reason`]s (output code words them); [`SIGNALS`]
//! registers each signal with its weight. The combination step in
//! [`candidates`](super::candidates) adds the weighted values into the belonging and lifts it by
//! impact (see "How candidates are ranked" in the README).
//!
//! A new signal is its own file implementing [`Signal`], one entry in [`SIGNALS`], its
//! [`Reason`] variants here, and their wording in `export/reasons.rs`.

use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::candidates::{CandidateOptions, Counts};
use super::co_citation::CoCitation;
use super::content::Content;
use super::coupling::Coupling;
use super::csr::Csr;
use super::direct_links::DirectLinks;
use super::recommended::Recommended;
use crate::graph::CitationGraph;

/// Every signal of the candidate score, in the order their reasons are given, each with the
/// weight it adds to the belonging with.
pub const SIGNALS: &[Registered] = &[
    Registered { signal: &DirectLinks, weight: 1.0, citation_evidence: true },
    Registered { signal: &CoCitation, weight: 1.0, citation_evidence: true },
    Registered { signal: &Coupling, weight: 1.0, citation_evidence: true },
    Registered { signal: &Content, weight: 0.1, citation_evidence: false },
    Registered { signal: &Recommended, weight: 0.02, citation_evidence: false },
];

/// Section confidences below this are "no clear section".
pub const WEAK_SECTION: f64 = 0.5;

/// A signal and its weight in the combination.
#[derive(Clone, Copy)]
pub struct Registered {
    /// The signal.
    pub signal: &'static dyn Signal,
    /// Its weight in the belonging (`belonging = Σ weight × value`).
    pub weight: f64,
    /// Whether it is citation evidence: only a paper some such signal rates is lifted by its
    /// impact, so a paper with no citation tie loses to one with a tie and the same content.
    pub citation_evidence: bool,
}

/// One way of telling how strongly a paper off the list belongs with it.
pub trait Signal {
    /// Its name in reports.
    fn name(&self) -> &'static str;

    /// How strongly node `v` belongs with the list (0 when the signal has nothing to say; a
    /// paper some signal rates above 0 is a candidate). Called for every unlisted node, and
    /// again for each listed paper `citegraph evaluate` hides: it reads only `ctx`.
    fn value(&self, ctx: &Context<'_>, v: usize) -> f64;

    /// Why it rates a candidate (called only when its value is above 0).
    fn explain(&self, ctx: &Context<'_>, subject: &Subject<'_>) -> Explanation;
}

/// What a signal may read.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The citation graph (titles, edge flags).
    pub graph: &'a CitationGraph,
    /// The same graph as adjacency arrays.
    pub csr: &'a Csr,
    /// `true` for listed nodes, by node index (a paper hidden by `evaluate` is `false`).
    pub listed: &'a [bool],
    /// How many nodes are listed.
    pub n_listed: usize,
    /// Global citation and reference counts by node.
    pub counts: &'a Counts,
    /// Settings of the score.
    pub options: &'a CandidateOptions,
}

impl<'a> Context<'a> {
    /// The context of a graph with `listed` marking the listed nodes.
    pub fn new(
        graph: &'a CitationGraph,
        csr: &'a Csr,
        listed: &'a [bool],
        counts: &'a Counts,
        options: &'a CandidateOptions,
    ) -> Self {
        let n_listed = listed.iter().filter(|&&l| l).count();
        Context { graph, csr, listed, n_listed, counts, options }
    }
}

/// The candidate a signal explains, with its listed neighbours.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The paper.
    pub node: NodeIndex,
    /// Listed papers citing it, in list order.
    pub cited_by_listed: &'a [NodeIndex],
    /// Listed papers it cites, in list order.
    pub cites_listed: &'a [NodeIndex],
}

/// A signal's reasons for one candidate, in two parts, because a candidate's reasons read: what
/// ties it to the list (every signal's `links`), its impact, how much of the paper those ties
/// are (every signal's `share`), then its section.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Explanation {
    /// What ties the paper to the list.
    pub links: Vec<Reason>,
    /// How much of the paper those ties are.
    pub share: Vec<Reason>,
}

/// A paper named in a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaperRef {
    /// Semantic Scholar id.
    pub paper_id: String,
    /// Title.
    pub title: String,
}

impl PaperRef {
    /// The paper at `node`.
    pub fn of(graph: &CitationGraph, node: NodeIndex) -> Self {
        let paper = graph.node(node);
        PaperRef { paper_id: paper.paper_id.clone(), title: paper.title.clone() }
    }
}

/// Why a candidate belongs, as data: counts, papers and sections, worded by the outputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Reason {
    /// Listed papers cite it (direct links).
    CitedByListed {
        /// Listed papers citing it.
        papers: usize,
        /// Listed papers in all.
        listed: usize,
        /// How many of those citations Semantic Scholar marks influential.
        influential: usize,
        /// The first two of them, influential ones first, then in list order.
        examples: Vec<PaperRef>,
    },
    /// It cites listed papers (direct links).
    CitesListed {
        /// Listed papers it cites.
        papers: usize,
        /// The first two of them, in list order.
        examples: Vec<PaperRef>,
    },
    /// Its impact: the citations the score is lifted by.
    Citations {
        /// Citations on Semantic Scholar, when known.
        count: Option<u64>,
    },
    /// How much of everything it links to are links to the list (direct links).
    LinkShare {
        /// Its links to listed papers.
        links: usize,
        /// Its citations and references.
        degree: u64,
    },
    /// Cited together with listed papers by papers citing the list (co-citation).
    CoCited {
        /// Listed papers it is cited with.
        listed: usize,
        /// Papers citing it together with them.
        by: usize,
        /// The listed papers it is most often cited with (two at most).
        examples: Vec<PaperRef>,
    },
    /// References it shares with listed papers (bibliographic coupling).
    SharesReferences {
        /// Its references that listed papers cite.
        shared: usize,
        /// Its references in all.
        references: usize,
        /// The section whose papers cite most of them.
        section: Option<String>,
        /// How many of the shared references that section's papers cite.
        in_section: usize,
    },
    /// Close in content (SPECTER2) to the list or a section.
    CloseInContent {
        /// The cosine similarity, to two decimals.
        similarity: f64,
        /// The section it is closest to, when closer than to the whole list.
        section: Option<String>,
        /// The listed papers closest to it (two at most).
        examples: Vec<PaperRef>,
    },
    /// Recommended by Semantic Scholar for the list.
    Recommended {
        /// Its place among the recommendations (1 = first).
        place: usize,
        /// Recommendations in all.
        of: usize,
    },
    /// The section its ties to the list point to, weighed by section size, with a confidence
    /// (when the discovery phase ran).
    SectionFit {
        /// The section's name.
        name: String,
        /// The confidence, 0 to 1.
        confidence: f64,
        /// Below [`WEAK_SECTION`]: "no clear section".
        weak: bool,
    },
    /// The section most of its listed neighbours are in.
    Section {
        /// The section's name.
        name: String,
        /// Listed neighbours in that section.
        neighbours_in: usize,
        /// Listed neighbours in all.
        neighbours: usize,
    },
}

/// A signal's value for one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SignalValue {
    /// The signal's name.
    pub name: &'static str,
    /// Its value (before weighting).
    pub value: f64,
}
