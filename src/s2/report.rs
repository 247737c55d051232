//! Stage 2 (fetch): the run's account of itself: what was resolved, what was reached, what failed,
//! and how many requests it cost.

use std::fmt;

use serde::Serialize;

use super::fetcher::RequestStats;
use crate::wording::{count, plural, thousands};

/// A listed paper that was not found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnresolvedPaper {
    /// Index in the list.
    pub list_index: usize,
    /// Line in the list file.
    pub line: usize,
    /// Title as listed.
    pub title: String,
    /// Why, in words a curator can act on.
    pub reason: String,
    /// Requests failed (a rerun may resolve it), as opposed to "Semantic Scholar lacks it".
    pub failed: bool,
}

/// What the fetch stage did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FetchReport {
    /// Where the list came from (for messages).
    pub list_source: String,
    /// Papers on the list.
    pub listed: usize,
    /// Resolved through `POST /paper/batch`.
    pub resolved_by_id: usize,
    /// Resolved through a title match.
    pub resolved_by_title: usize,
    /// Not resolved, with reasons.
    pub unresolved: Vec<UnresolvedPaper>,
    /// Linked reference rows (edges), summed over the listed papers.
    pub references: u64,
    /// Reference rows S2 could not link to a paper (counted, not nodes).
    pub unlinked_references: u64,
    /// Linked citation rows (edges), summed over the listed papers.
    pub citations: u64,
    /// Citation rows S2 could not link.
    pub unlinked_citations: u64,
    /// Listings withheld by the publisher (`references of "X" unavailable ...`).
    pub unavailable: Vec<String>,
    /// Listings cut at the API's paging cap (`citations of "X": 9,999 of 12,345 reachable`).
    pub capped: Vec<String>,
    /// Listings that failed after retries.
    pub failed_listings: Vec<String>,
    /// Distinct papers in the corpus (listed ones included).
    pub distinct_papers: usize,
    /// Distinct citations in the corpus.
    pub distinct_citations: usize,
    /// Requests made, retried and served from cache.
    pub requests: RequestStats,
    /// What a cold run of this list costs (see the README's "Fetching"): one batch per 500 ids, one
    /// match per paper without an id, and `max(1, ceil(min(n, 9999) / 1000))` pages per listing.
    pub cold_run_budget: u64,
    /// What the discovery phase fetched (`None` with `--depth 1`).
    pub discovery: Option<DiscoveryReport>,
}

/// What the discovery phase (`--depth 2`) fetched.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiscoveryReport {
    /// Papers whose nested reference list came back.
    pub references_known: usize,
    /// Papers whose nested list came back empty although S2 counts references (unknown, not none).
    pub references_unknown: usize,
    /// Papers with a SPECTER2 embedding.
    pub embeddings: usize,
    /// Papers Semantic Scholar recommended (listed ones dropped).
    pub recommended: usize,
    /// Papers the phase added to the corpus.
    pub new_papers: usize,
    /// Batches split because the answer would exceed Semantic Scholar's 10 MB cap.
    pub splits: usize,
    /// What failed (the rest of the run goes on without it).
    pub failures: Vec<String>,
}

impl FetchReport {
    /// Resolved papers.
    pub fn resolved(&self) -> usize {
        self.resolved_by_id + self.resolved_by_title
    }

    /// Whether requests failed for good: the corpus lacks something a rerun may fetch. (Papers
    /// Semantic Scholar does not have are warnings, not failures.)
    pub fn has_failures(&self) -> bool {
        !self.failed_listings.is_empty() || self.unresolved.iter().any(|u| u.failed)
    }

    /// Failures, one line each (shown even with `-q`).
    pub fn errors(&self) -> Vec<String> {
        let papers = self.unresolved.iter().filter(|u| u.failed).map(|u| self.unresolved_line(u));
        papers.chain(self.failed_listings.iter().cloned()).collect()
    }

    /// Warnings, one line each: papers S2 lacks, withheld lists, capped lists.
    pub fn warnings(&self) -> Vec<String> {
        let papers = self.unresolved.iter().filter(|u| !u.failed).map(|u| self.unresolved_line(u));
        papers.chain(self.unavailable.iter().cloned()).chain(self.capped.iter().cloned()).collect()
    }

    fn unresolved_line(&self, u: &UnresolvedPaper) -> String {
        format!("{}:{}: \"{}\" not resolved: {}", self.list_source, u.line, u.title, u.reason)
    }
}

impl fmt::Display for FetchReport {
    /// The summary printed at the end of `fetch` and `build`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Resolved {} of {} {} ({} by id, {} by title match), {} unresolved",
            self.resolved(),
            self.listed,
            plural(self.listed as u64, "listed paper"),
            self.resolved_by_id,
            self.resolved_by_title,
            self.unresolved.len()
        )?;
        write!(
            f,
            "References: {} linked, {}",
            thousands(self.references),
            count(self.unlinked_references, "unlinked row")
        )?;
        if !self.unavailable.is_empty() {
            write!(f, ", {} unavailable (withheld by the publisher)", self.unavailable.len())?;
        }
        writeln!(f)?;
        write!(
            f,
            "Citations: {} linked, {}",
            thousands(self.citations),
            count(self.unlinked_citations, "unlinked row")
        )?;
        if !self.capped.is_empty() {
            let capped = self.capped.len();
            write!(f, ", {capped} {} cut at the API's 9,999-row cap", plural(capped as u64, "listing"))?;
        }
        writeln!(f)?;
        if !self.failed_listings.is_empty() {
            writeln!(
                f,
                "Failed listings: {} (rerun to fetch them; the cache keeps the rest)",
                self.failed_listings.len()
            )?;
        }
        writeln!(
            f,
            "Corpus: {}, {}",
            count(self.distinct_papers as u64, "distinct paper"),
            count(self.distinct_citations as u64, "distinct citation")
        )?;
        if let Some(d) = &self.discovery {
            write!(
                f,
                "Discovery: references of {} ({} unknown: an empty list although S2 counts references), {}, {} recommended, {}",
                count(d.references_known as u64 + d.references_unknown as u64, "paper"),
                d.references_unknown,
                count(d.embeddings as u64, "embedding"),
                d.recommended,
                count(d.new_papers as u64, "new paper"),
            )?;
            if d.splits > 0 {
                write!(f, ", {} split at the 10 MB answer cap", count(d.splits as u64, "batch"))?;
            }
            if !d.failures.is_empty() {
                write!(f, "; failed: {}", d.failures.join("; "))?;
            }
            writeln!(f)?;
        }
        write!(
            f,
            "Requests: {} made, {} retried, {} served from cache (a cold run of this list costs {})",
            self.requests.made, self.requests.retried, self.requests.from_cache, self.cold_run_budget
        )
    }
}
