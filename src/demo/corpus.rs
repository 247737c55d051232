//! The [`Corpus`] the fetch stage would hand on for a list, made straight from the fixture
//! universe (no server, no cache): `citegraph demo` draws it, and the graph and ranking stages are
//! tested on it. `tests/cli_build.rs` keeps it equal to what fetching from the mock gives.
//!
//! SYNTHETIC, like the universe it reads. It follows the fetch stage's contract: listed papers
//! resolve by identifier (arXiv, DOI, S2, ACL), else by normalised title; the edges are the
//! references and citations of the resolved listed papers only; a withheld reference list gives
//! no reference edges ("unavailable", not zero); unlinked reference rows are counted, never
//! edges; `papers` holds every paper reached, with its metadata.

use std::collections::{BTreeMap, HashSet};

use crate::model::{
    Author, Citation, Corpus, ListedEntry, Listing, PaperMeta, Resolution, ResolvedVia, normalize_title,
};
use crate::paper_list::{PaperId, PaperList};

use super::universe::{FixturePaper, Universe};

/// The date the fixture corpus claims to have been fetched (synthetic, fixed).
pub const FETCHED_AT: &str = "2024-05-14T12:00:00Z";

/// The corpus of `list` in `universe`.
pub fn corpus_for(universe: &Universe, list: &PaperList) -> Corpus {
    let mut listed = Vec::new();
    let mut reached: Vec<usize> = Vec::new();
    let mut seen_edges: HashSet<(usize, usize)> = HashSet::new();
    let mut citations = Vec::new();
    for (list_index, paper) in list.papers.iter().enumerate() {
        let by_id = paper.id.as_ref().and_then(PaperId::s2_id).and_then(|id| universe.lookup(&id));
        let by_title = || {
            let wanted = normalize_title(&paper.title);
            universe.papers.iter().position(|p| normalize_title(&p.title) == wanted)
        };
        let (found, via) = match by_id {
            Some(i) => (Some(i), ResolvedVia::Id),
            None => (by_title(), ResolvedVia::TitleMatch),
        };
        let Some(i) = found else {
            listed.push(ListedEntry {
                list_index,
                resolution: Resolution::Unresolved { reason: "no Semantic Scholar paper has this title".to_owned() },
                references: None,
                citations: None,
            });
            continue;
        };
        reached.push(i);
        let fixture = &universe.papers[i];
        let mut edge = |citing: usize, cited: usize, e: &super::universe::FixtureEdge| {
            reached.push(citing);
            reached.push(cited);
            if seen_edges.insert((citing, cited)) {
                citations.push(Citation {
                    citing: universe.papers[citing].paper_id.clone(),
                    cited: universe.papers[cited].paper_id.clone(),
                    is_influential: Some(e.is_influential),
                    intents: e.intents.clone(),
                });
            }
        };
        let references = if fixture.references_elided {
            Listing::Unavailable { reason: "the publisher withheld this paper's references (synthetic)".to_owned() }
        } else {
            let mut linked = 0;
            for e in universe.references_of(i) {
                edge(e.citing, e.cited, e);
                linked += 1;
            }
            Listing::Complete { linked, unlinked: fixture.unlinked_references.len() as u64 }
        };
        let mut linked = 0;
        for e in universe.citations_of(i) {
            edge(e.citing, e.cited, e);
            linked += 1;
        }
        listed.push(ListedEntry {
            list_index,
            resolution: Resolution::Resolved { paper_id: fixture.paper_id.clone(), via },
            references: Some(references),
            citations: Some(Listing::Complete { linked, unlinked: 0 }),
        });
    }
    let papers: BTreeMap<String, PaperMeta> = reached
        .into_iter()
        .map(|i| {
            let meta = meta(universe, i);
            (meta.paper_id.clone(), meta)
        })
        .collect();
    Corpus {
        fetched_at: Some(FETCHED_AT.parse().expect("a valid timestamp")),
        listed,
        papers,
        citations,
        discovery: Default::default(),
    }
}

/// A fixture paper as Semantic Scholar would describe it.
pub fn meta(universe: &Universe, i: usize) -> PaperMeta {
    let p: &FixturePaper = &universe.papers[i];
    PaperMeta {
        paper_id: p.paper_id.clone(),
        title: p.title.clone(),
        year: p.year,
        venue: (!p.venue.is_empty()).then(|| p.venue.clone()),
        publication_date: p.publication_date.clone(),
        authors: p.authors.iter().map(|(id, name)| Author { author_id: id.clone(), name: name.clone() }).collect(),
        citation_count: Some(p.citation_count),
        reference_count: Some(universe.reference_count(i)),
        external_ids: p.external_ids.clone(),
    }
}

/// `list` without its paper at `index` (a curator who never listed it).
pub fn without(list: &PaperList, index: usize) -> PaperList {
    let mut shorter = list.clone();
    shorter.papers.remove(index);
    shorter
}
