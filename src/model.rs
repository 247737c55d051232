//! The shared model: paper metadata as Semantic Scholar describes it, the corpus the fetch stage
//! hands to the graph stage, how two records of one paper or citation merge, and text helpers
//! every stage agrees on (title normalisation).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Normalises a title for comparison: lower case, letters and digits only, single spaces.
///
/// Used to detect duplicate list entries and to accept a title match from Semantic Scholar only
/// when it names the listed paper ("Self-Consuming Generative Models Go MAD" and
/// "Self-consuming generative models go MAD." compare equal).
pub fn normalize_title(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut pending_space = false;
    for c in title.chars() {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/' | ':' | '_') {
            pending_space = true;
        }
        // Other punctuation (quotes, commas, question marks, apostrophes) vanishes without a
        // word break, so "Model's" matches "Models".
    }
    out
}

/// One author of a paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Author {
    /// Semantic Scholar author id; absent for authors S2 could not link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_id: Option<String>,
    /// The name as printed.
    pub name: String,
}

/// Identifiers of a paper in other catalogues, spelt as Semantic Scholar spells the keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalIds {
    /// Bare arXiv id, without prefix or version (`2305.17493`).
    #[serde(rename = "ArXiv", default, skip_serializing_if = "Option::is_none")]
    pub arxiv: Option<String>,
    /// DOI as S2 returns it (case not normalised: compare case-insensitively).
    #[serde(rename = "DOI", default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// Semantic Scholar corpus id.
    #[serde(rename = "CorpusId", default, skip_serializing_if = "Option::is_none")]
    pub corpus_id: Option<u64>,
    /// DBLP key.
    #[serde(rename = "DBLP", default, skip_serializing_if = "Option::is_none")]
    pub dblp: Option<String>,
    /// ACL Anthology id.
    #[serde(rename = "ACL", default, skip_serializing_if = "Option::is_none")]
    pub acl: Option<String>,
    /// Microsoft Academic Graph id.
    #[serde(rename = "MAG", default, skip_serializing_if = "Option::is_none")]
    pub mag: Option<String>,
    /// PubMed id.
    #[serde(rename = "PubMed", default, skip_serializing_if = "Option::is_none")]
    pub pubmed: Option<String>,
    /// PubMed Central id.
    #[serde(rename = "PubMedCentral", default, skip_serializing_if = "Option::is_none")]
    pub pubmed_central: Option<String>,
}

impl ExternalIds {
    /// The DOI in lower case, for comparisons (S2 does not normalise DOI case).
    pub fn doi_key(&self) -> Option<String> {
        self.doi.as_deref().map(str::to_ascii_lowercase)
    }

    /// The arXiv id without a version suffix, for comparisons.
    pub fn arxiv_key(&self) -> Option<String> {
        self.arxiv.as_deref().map(strip_arxiv_version).map(str::to_owned)
    }

    /// Fills every id this record lacks from `other`.
    pub fn fill_from(&mut self, other: ExternalIds) {
        fill(&mut self.arxiv, other.arxiv);
        fill(&mut self.doi, other.doi);
        fill(&mut self.corpus_id, other.corpus_id);
        fill(&mut self.dblp, other.dblp);
        fill(&mut self.acl, other.acl);
        fill(&mut self.mag, other.mag);
        fill(&mut self.pubmed, other.pubmed);
        fill(&mut self.pubmed_central, other.pubmed_central);
    }
}

/// Drops an arXiv version suffix: `2305.17493v2` -> `2305.17493`, `math/0207249v1` -> `math/0207249`.
pub fn strip_arxiv_version(id: &str) -> &str {
    if let Some(pos) = id.rfind('v') {
        let (head, tail) = id.split_at(pos);
        if tail.len() > 1 && tail[1..].bytes().all(|b| b.is_ascii_digit()) && !head.is_empty() {
            return head;
        }
    }
    id
}

/// A paper as Semantic Scholar describes it: the fields citegraph asks for, every one optional
/// because the real service leaves any of them out or null.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaperMeta {
    /// Semantic Scholar paper id (40 hex characters).
    pub paper_id: String,
    /// Title as S2 has it.
    pub title: String,
    /// Publication year (S2 follows the earliest version, so an arXiv-then-ICLR paper says 2023).
    #[serde(default)]
    pub year: Option<i32>,
    /// Venue name; `None` when S2 has none (it sends `""`).
    #[serde(default)]
    pub venue: Option<String>,
    /// Publication date, `YYYY-MM-DD`, when known.
    #[serde(default)]
    pub publication_date: Option<String>,
    /// Authors in order.
    #[serde(default)]
    pub authors: Vec<Author>,
    /// Citations S2 counts across its whole corpus.
    #[serde(default)]
    pub citation_count: Option<u64>,
    /// References S2 counts (includes rows it could not link).
    #[serde(default)]
    pub reference_count: Option<u64>,
    /// Identifiers in other catalogues.
    #[serde(default)]
    pub external_ids: ExternalIds,
}

impl PaperMeta {
    /// Fills what this record lacks from another record of the same paper (what one listing
    /// left out, another may carry); the counts too, the first known one kept.
    pub fn fill_from(&mut self, mut other: PaperMeta) {
        fill(&mut self.citation_count, other.citation_count);
        fill(&mut self.reference_count, other.reference_count);
        self.fields().fill_from(other.fields());
    }

    /// Its descriptive fields, for [`PaperFields::fill_from`].
    fn fields(&mut self) -> PaperFields<'_, Author> {
        PaperFields {
            title: &mut self.title,
            year: &mut self.year,
            venue: &mut self.venue,
            publication_date: &mut self.publication_date,
            authors: &mut self.authors,
            external_ids: &mut self.external_ids,
        }
    }
}

/// Keeps what `slot` holds; fills it from `from` when it holds nothing.
fn fill<T>(slot: &mut Option<T>, from: Option<T>) {
    if slot.is_none() {
        *slot = from;
    }
}

/// The descriptive fields of a paper record, borrowed one by one, so that every kind of paper
/// record (the fetch stage's [`PaperMeta`], the graph's node, whose authors are names) merges two
/// records of one paper by the one rule of [`PaperFields::fill_from`]. The counts are not among
/// them: each stage keeps its own rule for those.
pub struct PaperFields<'a, A> {
    /// Title.
    pub title: &'a mut String,
    /// Publication year.
    pub year: &'a mut Option<i32>,
    /// Venue name.
    pub venue: &'a mut Option<String>,
    /// Publication date.
    pub publication_date: &'a mut Option<String>,
    /// Authors, in order.
    pub authors: &'a mut Vec<A>,
    /// Identifiers in other catalogues.
    pub external_ids: &'a mut ExternalIds,
}

impl<A> PaperFields<'_, A> {
    /// Keeps what this record has and takes what it lacks from `other` (which is left emptied):
    /// an empty title or author list, an unknown year, venue or date, each missing external id.
    pub fn fill_from(self, other: PaperFields<'_, A>) {
        if self.title.is_empty() {
            *self.title = std::mem::take(other.title);
        }
        fill(self.year, other.year.take());
        fill(self.venue, other.venue.take());
        fill(self.publication_date, other.publication_date.take());
        if self.authors.is_empty() {
            *self.authors = std::mem::take(other.authors);
        }
        self.external_ids.fill_from(std::mem::take(other.external_ids));
    }
}

/// What S2 says about one citation beyond its two ends, borrowed, so that the fetch stage
/// ([`Citation`]) and the graph (its edge weights) merge two sightings of one citation by the
/// one rule of [`CitationFlags::merge`].
pub struct CitationFlags<'a> {
    /// S2's influential-citation flag, when known.
    pub is_influential: &'a mut Option<bool>,
    /// Citation intents, when known.
    pub intents: &'a mut Vec<String>,
}

impl CitationFlags<'_> {
    /// Merges another sighting of the same citation (seen from its other end, or twice):
    /// influential if either says so (unknown only when neither knows), and the intents of both,
    /// each once, in the order first seen.
    pub fn merge(self, is_influential: Option<bool>, intents: impl IntoIterator<Item = String>) {
        *self.is_influential = match (*self.is_influential, is_influential) {
            (Some(a), Some(b)) => Some(a || b),
            (a, b) => a.or(b),
        };
        for intent in intents {
            if !self.intents.contains(&intent) {
                self.intents.push(intent);
            }
        }
    }
}

/// One citation: `citing` cites `cited` (both Semantic Scholar paper ids).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Citation {
    /// The paper whose reference list holds the other.
    pub citing: String,
    /// The paper being cited.
    pub cited: String,
    /// S2's "influential citation" flag, when the edge came from a references/citations listing.
    #[serde(default)]
    pub is_influential: Option<bool>,
    /// Citation intents (`background`, `methodology`, `result`), when known.
    #[serde(default)]
    pub intents: Vec<String>,
}

impl Citation {
    /// Its flags, for [`CitationFlags::merge`].
    pub fn flags(&mut self) -> CitationFlags<'_> {
        CitationFlags { is_influential: &mut self.is_influential, intents: &mut self.intents }
    }
}

/// How a listed paper was (or was not) found on Semantic Scholar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum Resolution {
    /// Found: `paper_id` is the canonical S2 id.
    Resolved {
        /// Canonical Semantic Scholar paper id.
        paper_id: String,
        /// How it was found.
        via: ResolvedVia,
    },
    /// Not found; `reason` says why in words a curator can act on.
    Unresolved {
        /// Why the paper could not be resolved.
        reason: String,
    },
}

/// The route by which a listed paper was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ResolvedVia {
    /// By an identifier in `POST /paper/batch`.
    Id,
    /// By `GET /paper/search/match` on the listed title.
    TitleMatch,
}

/// What became of one listing (references or citations) of a resolved paper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum Listing {
    /// Every row S2 serves was fetched.
    Complete {
        /// Rows that became edges (linked papers, de-duplicated).
        linked: u64,
        /// Rows S2 could not link to a paper (`paperId: null`); counted, not nodes.
        unlinked: u64,
    },
    /// The listing is longer than the API lets anyone page (9,999 rows).
    Capped {
        /// Rows that became edges.
        linked: u64,
        /// Rows S2 could not link.
        unlinked: u64,
        /// How many S2 says there are (its count), when known.
        reachable: Option<u64>,
    },
    /// The publisher withheld the list (`data: null`): unknown, not zero.
    Unavailable {
        /// S2's notice, or a short explanation.
        reason: String,
    },
    /// Fetching failed after retries; the corpus lacks these edges.
    Failed {
        /// The error, with its cause.
        reason: String,
    },
}

/// One listed paper after the fetch stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedEntry {
    /// Index of the paper in the paper list (`PaperList::papers` of the list it was fetched for).
    pub list_index: usize,
    /// Whether and how it was found.
    pub resolution: Resolution,
    /// Its references listing (`None` when unresolved).
    pub references: Option<Listing>,
    /// Its citations listing (`None` when unresolved).
    pub citations: Option<Listing>,
}

impl ListedEntry {
    /// The S2 paper id when resolved.
    pub fn paper_id(&self) -> Option<&str> {
        match &self.resolution {
            Resolution::Resolved { paper_id, .. } => Some(paper_id),
            Resolution::Unresolved { .. } => None,
        }
    }
}

/// What the fetch stage hands on: the listed papers resolved, every paper reached, every citation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Corpus {
    /// When the newest answer this corpus is built from was fetched (the "date of the data").
    pub fetched_at: Option<jiff::Timestamp>,
    /// One entry per listed paper, in list order.
    pub listed: Vec<ListedEntry>,
    /// Every paper reached (listed ones included), by S2 paper id.
    pub papers: BTreeMap<String, PaperMeta>,
    /// Every citation seen, de-duplicated by (citing, cited).
    pub citations: Vec<Citation>,
    /// What the deeper discovery fetched (empty with `--depth 1`).
    #[serde(default)]
    pub discovery: Discovery,
}

/// What the deeper discovery phase adds to a corpus: the nested reference lists of the papers
/// citing the list and of the candidates (for co-citation and coupling), their SPECTER2
/// embeddings (content similarity) and Semantic Scholar's recommendations for the list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Discovery {
    /// Whether the phase ran (`--depth 2` or more).
    pub ran: bool,
    /// Nested reference lists by S2 paper id (only papers whose list was asked for).
    pub references: BTreeMap<String, NestedReferences>,
    /// SPECTER2 embeddings by S2 paper id.
    pub embeddings: BTreeMap<String, Vec<f32>>,
    /// Recommended paper ids, best first (listed papers dropped).
    pub recommended: Vec<String>,
}

/// A nested reference list from `POST /paper/batch`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum NestedReferences {
    /// The linked references (possibly cut at 1000), and how many S2 counts in all.
    Known {
        /// Linked reference ids.
        ids: Vec<String>,
        /// `referenceCount`, when sent.
        reference_count: Option<u64>,
    },
    /// An empty nested list although `referenceCount` is positive: unknown, not none.
    Unknown {
        /// `referenceCount`.
        reference_count: u64,
    },
}

impl NestedReferences {
    /// The reference ids when known.
    pub fn known(&self) -> Option<&[String]> {
        match self {
            NestedReferences::Known { ids, .. } => Some(ids),
            NestedReferences::Unknown { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_normalise_case_punctuation_and_hyphens() {
        assert_eq!(
            normalize_title("Self-Consuming Generative Models Go MAD"),
            normalize_title("  self consuming generative models go mad. ")
        );
        assert_eq!(normalize_title("\"Solving\" MADness:"), "solving madness");
        assert_eq!(normalize_title("Is Model Collapse Inevitable?"), "is model collapse inevitable");
        assert_ne!(normalize_title("Model Collapse"), normalize_title("Model Collapse II"));
    }

    #[test]
    fn arxiv_versions_are_stripped_only_when_they_are_versions() {
        assert_eq!(strip_arxiv_version("2305.17493v2"), "2305.17493");
        assert_eq!(strip_arxiv_version("2305.17493"), "2305.17493");
        assert_eq!(strip_arxiv_version("math/0207249v1"), "math/0207249");
        assert_eq!(strip_arxiv_version("solv-int/9901001"), "solv-int/9901001");
    }

    #[test]
    fn a_paper_record_keeps_what_it_has_and_fills_what_it_lacks() {
        let mut first = PaperMeta {
            paper_id: "a".into(),
            title: String::new(),
            year: Some(2023),
            citation_count: None,
            reference_count: Some(4),
            external_ids: ExternalIds { doi: Some("10.1/a".into()), ..ExternalIds::default() },
            ..PaperMeta::default()
        };
        let second = PaperMeta {
            paper_id: "a".into(),
            title: "Title".into(),
            year: Some(2024),
            venue: Some("ICLR".into()),
            authors: vec![Author { author_id: None, name: "A. Author".into() }],
            citation_count: Some(7),
            reference_count: Some(9),
            external_ids: ExternalIds {
                doi: Some("10.1/b".into()),
                arxiv: Some("2301.00001".into()),
                ..ExternalIds::default()
            },
            ..PaperMeta::default()
        };
        first.fill_from(second);
        assert_eq!(first.title, "Title");
        assert_eq!((first.year, first.venue.as_deref()), (Some(2023), Some("ICLR")));
        assert_eq!(first.authors.len(), 1);
        assert_eq!((first.citation_count, first.reference_count), (Some(7), Some(4)), "the first known count stays");
        assert_eq!(first.external_ids.doi.as_deref(), Some("10.1/a"));
        assert_eq!(first.external_ids.arxiv.as_deref(), Some("2301.00001"));
    }

    #[test]
    fn two_sightings_of_a_citation_merge_their_flags() {
        let mut citation = Citation {
            citing: "a".into(),
            cited: "b".into(),
            is_influential: None,
            intents: vec!["background".into()],
        };
        citation.flags().merge(Some(false), vec!["methodology".into(), "background".into()]);
        assert_eq!(citation.is_influential, Some(false));
        assert_eq!(citation.intents, ["background", "methodology"]);
        citation.flags().merge(Some(true), Vec::new());
        assert_eq!(citation.is_influential, Some(true), "influential if either says so");
        citation.flags().merge(None, Vec::new());
        assert_eq!(citation.is_influential, Some(true));
    }

    #[test]
    fn external_ids_use_semantic_scholar_key_names() {
        let ids: ExternalIds =
            serde_json::from_str(r#"{"ArXiv":"2301.00001","DOI":"10.1/X","CorpusId":7,"Unknown":"z"}"#).unwrap();
        assert_eq!(ids.arxiv.as_deref(), Some("2301.00001"));
        assert_eq!(ids.doi_key().as_deref(), Some("10.1/x"));
        assert_eq!(ids.corpus_id, Some(7));
        let back = serde_json::to_string(&ids).unwrap();
        assert_eq!(back, r#"{"ArXiv":"2301.00001","DOI":"10.1/X","CorpusId":7}"#);
    }
}
