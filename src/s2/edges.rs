//! Stage 2 (fetch): the references and citations of one resolved paper, paged with `limit=1000`
//! and every field later stages need in the same request. Paging follows `next` and stops when it
//! is absent or a page is empty; it never asks for `offset + limit >= 10000` (the API's cap: the
//! last page shrinks) and says when a listing was cut there. `data: null` means the publisher
//! withheld the list: unavailable, never zero; a missing `data` is an error, never zero either. Rows with `paperId: null` are counted, not kept.

use std::collections::HashSet;

use super::api::{ApiPaper, EdgePage};
use super::cache::{Endpoint, RequestKey};
use super::fetcher::{Answer, FetchError, Fetcher};
use super::resolve::short;
use crate::model::{Listing, PaperMeta};
use crate::terminal::Progress;
use crate::wording::thousands;

/// Fields asked on `/references` and `/citations`: the other paper's and the edge's.
pub const EDGE_FIELDS: &str =
    "title,year,venue,publicationDate,authors,citationCount,referenceCount,externalIds,isInfluential,intents";

/// Rows per page (the API's maximum).
pub const PAGE_LIMIT: u64 = 1000;

/// `offset + limit` must stay below this: at most 9,999 rows of one listing can be reached.
pub const PAGING_CAP: u64 = 10_000;

/// Pages a listing of `n` rows costs: `max(1, ceil(min(n, 9999) / 1000))`.
pub fn pages_for(n: u64) -> u64 {
    n.min(PAGING_CAP - 1).div_ceil(PAGE_LIMIT).max(1)
}

/// One linked row of a listing: the other paper and the edge's flags.
#[derive(Debug, Clone)]
pub struct EdgeRow {
    /// The paper at the other end.
    pub paper: PaperMeta,
    /// S2's influential flag.
    pub is_influential: Option<bool>,
    /// Citation intents.
    pub intents: Vec<String>,
}

/// A fetched listing.
#[derive(Debug, Clone)]
pub struct ListingOutcome {
    /// What became of it.
    pub listing: Listing,
    /// Its linked rows, de-duplicated by paperId (kept even when a later page failed).
    pub rows: Vec<EdgeRow>,
    /// A message for the user when the listing was cut at the cap, withheld, or failed.
    pub note: Option<String>,
}

/// Fetches the `endpoint` listing (references or citations) of `paper_id`. `count` is S2's count
/// of it, used only to say how much a capped listing missed.
pub async fn fetch_listing(
    endpoint: Endpoint,
    paper_id: &str,
    title: &str,
    count: Option<u64>,
    api: &str,
    fetcher: &mut Fetcher<'_>,
    progress: &Progress,
) -> Result<ListingOutcome, FetchError> {
    let what = endpoint.name();
    let label = format!("{what} of \"{}\"", short(title));
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    let (mut unlinked, mut fetched) = (0u64, 0u64);
    let mut offset = 0u64;
    let mut pages = 0u64;
    let capped = loop {
        let limit = PAGE_LIMIT.min(PAGING_CAP - 1 - offset);
        if limit == 0 {
            break true;
        }
        let key = RequestKey {
            api: api.to_owned(),
            endpoint,
            id: Some(paper_id.to_owned()),
            query: None,
            fields: EDGE_FIELDS.to_owned(),
            offset: Some(offset),
            limit: Some(limit),
            ids: None,
        };
        pages += 1;
        progress.message(format!("{label}, page {pages}"));
        let page = match fetcher.fetch(&key, &label).await.and_then(read_page) {
            Ok(page) => page,
            Err(err) if err.is_fatal() => return Err(err),
            Err(err) => {
                let reason = if fetched > 0 { format!("{err} (after {fetched} rows)") } else { err.to_string() };
                let note = format!("{label} failed: {reason}");
                return Ok(ListingOutcome { listing: Listing::Failed { reason }, rows, note: Some(note) });
            }
        };
        let data = match page.data {
            Some(None) => {
                let reason = match page.elision_notice() {
                    Some(notice) => format!("withheld by the publisher ({notice})"),
                    None => "withheld by the publisher (S2 sends no list)".to_owned(),
                };
                let note = format!("{what} of \"{}\" unavailable: the publisher withheld them", short(title));
                return Ok(ListingOutcome { listing: Listing::Unavailable { reason }, rows, note: Some(note) });
            }
            Some(Some(data)) => data,
            // Never zero: the fetcher lets no such answer through; should one come, it fails.
            None => {
                let reason = "Semantic Scholar's answer has no `data`".to_owned();
                let note = format!("{label} failed: {reason}");
                return Ok(ListingOutcome { listing: Listing::Failed { reason }, rows, note: Some(note) });
            }
        };
        if data.is_empty() {
            // S2 has served empty pages before `next` ran out (s2-folks #117): stop there.
            break false;
        }
        for edge in data {
            fetched += 1;
            let other = match endpoint {
                Endpoint::Citations => edge.citing_paper.as_ref(),
                _ => edge.cited_paper.as_ref(),
            };
            match other.and_then(ApiPaper::to_meta) {
                Some(paper) => {
                    if seen.insert(paper.paper_id.clone()) {
                        rows.push(EdgeRow {
                            paper,
                            is_influential: edge.is_influential,
                            intents: edge.intents.unwrap_or_default(),
                        });
                    }
                }
                None => unlinked += 1,
            }
        }
        match page.next {
            Some(next) if next > offset => offset = next,
            _ => break false,
        }
        if offset >= PAGING_CAP - 1 {
            break true;
        }
    };
    let linked = rows.len() as u64;
    if capped {
        let reachable = count.filter(|&n| n > fetched);
        // S2's count can lag behind its listing: then only "more" is known.
        let how_many = match reachable {
            Some(n) => format!("{} of {} reachable", thousands(fetched), thousands(n)),
            None => format!("the first {} rows; more exist", thousands(fetched)),
        };
        let note = format!("{what} of \"{}\": {how_many} (the API pages no further than 9,999 rows)", short(title));
        return Ok(ListingOutcome { listing: Listing::Capped { linked, unlinked, reachable }, rows, note: Some(note) });
    }
    Ok(ListingOutcome { listing: Listing::Complete { linked, unlinked }, rows, note: None })
}

fn read_page(answer: Answer) -> Result<EdgePage, FetchError> {
    match answer {
        Answer::Found(body) => serde_json::from_value(body).map_err(|e| FetchError::Unreadable(e.to_string())),
        Answer::NotFound(message) => Err(FetchError::Rejected { status: 404, message }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_costs_one_page_per_thousand_rows_up_to_the_paging_cap() {
        assert_eq!(pages_for(0), 1);
        assert_eq!(pages_for(1000), 1);
        assert_eq!(pages_for(1001), 2);
        assert_eq!(pages_for(9999), 10);
        assert_eq!(pages_for(12_345), 10);
    }
}
