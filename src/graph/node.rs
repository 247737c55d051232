//! Node and edge weights of the citation graph.

use serde::Serialize;

use crate::links;
use crate::model::{Citation, CitationFlags, ExternalIds, PaperFields, PaperMeta};
use crate::paper_list::VenueTag;

/// Where a listed paper sits in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedInfo {
    /// Index in the list's papers.
    pub list_index: usize,
    /// Its section.
    pub section: String,
    /// Its venue tag in the list.
    pub tag: Option<VenueTag>,
}

/// One paper of the graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaperNode {
    /// Canonical Semantic Scholar id (the first seen).
    pub paper_id: String,
    /// Other Semantic Scholar ids merged into this node (same DOI or arXiv id).
    pub merged_ids: Vec<String>,
    /// Title.
    pub title: String,
    /// Publication year.
    pub year: Option<i32>,
    /// Venue name.
    pub venue: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub publication_date: Option<String>,
    /// Author names, in order.
    pub authors: Vec<String>,
    /// Citations in all of Semantic Scholar.
    pub citation_count: Option<u64>,
    /// References Semantic Scholar counts for it (including rows it could not link).
    pub reference_count: Option<u64>,
    /// Identifiers in other catalogues.
    pub external_ids: ExternalIds,
    /// Set when the paper is on the list.
    pub listed: Option<ListedInfo>,
}

impl PaperNode {
    /// A node for a paper as Semantic Scholar describes it (not listed).
    pub fn from_meta(meta: &PaperMeta) -> Self {
        PaperNode {
            paper_id: meta.paper_id.clone(),
            merged_ids: Vec::new(),
            title: meta.title.trim().to_owned(),
            year: meta.year,
            venue: meta.venue.clone().filter(|v| !v.trim().is_empty()),
            publication_date: meta.publication_date.clone(),
            authors: meta.authors.iter().map(|a| a.name.clone()).collect(),
            citation_count: meta.citation_count,
            reference_count: meta.reference_count,
            external_ids: meta.external_ids.clone(),
            listed: None,
        }
    }

    /// Merges a second record of the same paper into this one: keeps what this one has,
    /// fills what it lacks ([`PaperFields::fill_from`]), and keeps the larger citation and
    /// reference counts.
    pub(super) fn merge(&mut self, mut other: PaperNode) {
        if other.paper_id != self.paper_id && !self.merged_ids.contains(&other.paper_id) {
            self.merged_ids.push(std::mem::take(&mut other.paper_id));
        }
        for id in std::mem::take(&mut other.merged_ids) {
            if id != self.paper_id && !self.merged_ids.contains(&id) {
                self.merged_ids.push(id);
            }
        }
        self.citation_count = larger(self.citation_count, other.citation_count);
        self.reference_count = larger(self.reference_count, other.reference_count);
        if self.listed.is_none() {
            self.listed = other.listed.take();
        }
        self.fields().fill_from(other.fields());
    }

    /// Its descriptive fields, for [`PaperFields::fill_from`].
    fn fields(&mut self) -> PaperFields<'_, String> {
        PaperFields {
            title: &mut self.title,
            year: &mut self.year,
            venue: &mut self.venue,
            publication_date: &mut self.publication_date,
            authors: &mut self.authors,
            external_ids: &mut self.external_ids,
        }
    }

    /// The paper's page on Semantic Scholar; `None` when its id is not a Semantic Scholar id.
    pub fn s2_url(&self) -> Option<String> {
        links::s2_paper_url(&self.paper_id)
    }

    /// The best link for a reader: arXiv, else DOI, else Semantic Scholar, each only from a valid
    /// id ([`links::paper_url`]); `None` when it has none.
    pub fn url(&self) -> Option<String> {
        links::paper_url(&self.external_ids, &self.paper_id)
    }
}

/// The larger of two optional counts, or whichever is known.
fn larger(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// One citation's metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CitationEdge {
    /// S2's influential-citation flag, when known.
    pub is_influential: Option<bool>,
    /// Citation intents, when known.
    pub intents: Vec<String>,
}

impl CitationEdge {
    /// The metadata of a corpus citation.
    pub fn from_citation(citation: &Citation) -> Self {
        CitationEdge { is_influential: citation.is_influential, intents: citation.intents.clone() }
    }

    /// Merges the same citation seen from the other end ([`CitationFlags::merge`]).
    pub(super) fn merge(&mut self, other: CitationEdge) {
        CitationFlags { is_influential: &mut self.is_influential, intents: &mut self.intents }
            .merge(other.is_influential, other.intents);
    }
}
