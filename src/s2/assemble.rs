//! Stage 2 (fetch): assembling the [`Corpus`] and the [`FetchReport`] from what the requests
//! answer: every listed paper resolved, both listings of each fetched, their rows merged into one
//! record per paper and one per citation, and the run's counts and notes.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::cache::Endpoint;
use super::edges::{EdgeRow, ListingOutcome, fetch_listing, pages_for};
use super::fetcher::{FetchError, Fetcher};
use super::report::{FetchReport, UnresolvedPaper};
use super::resolve::{BATCH_MAX, resolve_all, s2_id};
use crate::model::{Citation, Corpus, ListedEntry, Listing, PaperMeta, Resolution, ResolvedVia};
use crate::paper_list::PaperList;
use crate::terminal::Progress;

/// Both listings of one resolved paper.
struct Listings {
    references: Listing,
    citations: Listing,
}

/// Resolves every listed paper and fetches both listings of each through `fetcher`, from the API
/// at `api`, into the corpus and the report (whose request counts the caller fills in).
pub(super) async fn gather(
    list: &PaperList,
    api: &str,
    fetcher: &mut Fetcher<'_>,
    progress: &Progress,
) -> Result<(Corpus, FetchReport), FetchError> {
    let outcomes = resolve_all(list, api, fetcher, progress).await?;
    let mut report =
        FetchReport { list_source: list.source.to_string(), listed: list.papers.len(), ..FetchReport::default() };
    let mut papers: BTreeMap<String, PaperMeta> = BTreeMap::new();
    let mut resolved: Vec<(String, String)> = Vec::new();
    let mut seen = HashSet::new();
    for (index, outcome) in outcomes.iter().enumerate() {
        let paper = &list.papers[index];
        match &outcome.resolution {
            Resolution::Resolved { via: ResolvedVia::Id, .. } => report.resolved_by_id += 1,
            Resolution::Resolved { via: ResolvedVia::TitleMatch, .. } => report.resolved_by_title += 1,
            Resolution::Unresolved { reason } => report.unresolved.push(UnresolvedPaper {
                list_index: index,
                line: paper.line,
                title: paper.title.clone(),
                reason: reason.clone(),
                failed: outcome.failed,
            }),
        }
        if let Some(meta) = &outcome.meta {
            if seen.insert(meta.paper_id.clone()) {
                resolved.push((meta.paper_id.clone(), paper.title.clone()));
            }
            papers.insert(meta.paper_id.clone(), meta.clone());
        }
    }

    progress.phase("fetching", 2 * resolved.len() as u64);
    let mut citations: BTreeMap<(String, String), Citation> = BTreeMap::new();
    let mut listings: HashMap<String, Listings> = HashMap::new();
    for (paper_id, title) in &resolved {
        let meta = papers[paper_id].clone();
        let mut pair = Vec::with_capacity(2);
        for (endpoint, count) in
            [(Endpoint::References, meta.reference_count), (Endpoint::Citations, meta.citation_count)]
        {
            let outcome = fetch_listing(endpoint, paper_id, title, count, api, fetcher, progress).await?;
            progress.step();
            pair.push(absorb(endpoint, paper_id, outcome, &mut papers, &mut citations, &mut report));
        }
        let citations_listing = pair.pop().expect("two listings");
        let references_listing = pair.pop().expect("two listings");
        listings.insert(paper_id.clone(), Listings { references: references_listing, citations: citations_listing });
    }

    report.cold_run_budget = cold_run_budget(list, &resolved, &papers);
    let listed = outcomes
        .into_iter()
        .enumerate()
        .map(|(list_index, outcome)| {
            let done = outcome.meta.as_ref().and_then(|m| listings.get(&m.paper_id));
            ListedEntry {
                list_index,
                resolution: outcome.resolution,
                references: done.map(|l| l.references.clone()),
                citations: done.map(|l| l.citations.clone()),
            }
        })
        .collect();
    let corpus = Corpus {
        fetched_at: None,
        listed,
        papers,
        citations: citations.into_values().collect(),
        discovery: Default::default(),
    };
    report.distinct_papers = corpus.papers.len();
    report.distinct_citations = corpus.citations.len();
    Ok((corpus, report))
}

/// Adds a listing's rows to the corpus and its counts and notes to the report.
fn absorb(
    endpoint: Endpoint,
    paper_id: &str,
    outcome: ListingOutcome,
    papers: &mut BTreeMap<String, PaperMeta>,
    citations: &mut BTreeMap<(String, String), Citation>,
    report: &mut FetchReport,
) -> Listing {
    let (linked, unlinked) = match &outcome.listing {
        Listing::Complete { linked, unlinked } | Listing::Capped { linked, unlinked, .. } => (*linked, *unlinked),
        Listing::Unavailable { .. } | Listing::Failed { .. } => (outcome.rows.len() as u64, 0),
    };
    match endpoint {
        Endpoint::References => {
            report.references += linked;
            report.unlinked_references += unlinked;
        }
        _ => {
            report.citations += linked;
            report.unlinked_citations += unlinked;
        }
    }
    if let Some(note) = outcome.note {
        match outcome.listing {
            Listing::Unavailable { .. } => report.unavailable.push(note),
            Listing::Capped { .. } => report.capped.push(note),
            Listing::Failed { .. } => report.failed_listings.push(note),
            Listing::Complete { .. } => {}
        }
    }
    for EdgeRow { paper, is_influential, intents } in outcome.rows {
        let other = paper.paper_id.clone();
        let pair = match endpoint {
            Endpoint::References => (paper_id.to_owned(), other),
            _ => (other, paper_id.to_owned()),
        };
        match papers.get_mut(&paper.paper_id) {
            Some(known) => known.fill_from(paper),
            None => {
                papers.insert(paper.paper_id.clone(), paper);
            }
        }
        let citation = citations.entry(pair.clone()).or_insert_with(|| Citation {
            citing: pair.0,
            cited: pair.1,
            is_influential: None,
            intents: Vec::new(),
        });
        citation.flags().merge(is_influential, intents);
    }
    outcome.listing
}

/// The request budget of a cold run (54 for the built-in list, as the README says): one batch per 500 ids, one match per paper without
/// an id, and per resolved paper `pages_for(references) + pages_for(citations)`.
fn cold_run_budget(list: &PaperList, resolved: &[(String, String)], papers: &BTreeMap<String, PaperMeta>) -> u64 {
    let ids: HashSet<String> = list.papers.iter().filter_map(s2_id).collect();
    let matches = list.papers.iter().filter(|p| s2_id(p).is_none()).count();
    let pages: u64 = resolved
        .iter()
        .map(|(id, _)| {
            let meta = &papers[id];
            pages_for(meta.reference_count.unwrap_or(0)) + pages_for(meta.citation_count.unwrap_or(0))
        })
        .sum();
    (ids.len().div_ceil(BATCH_MAX) + matches) as u64 + pages
}
