//! Stage 2 (fetch): resolving the listed papers. Papers with an id S2 knows (`ARXIV:`, `DOI:`,
//! ...) go in `POST /paper/batch` calls of at most 500 ids, mapped back by position (a `null`
//! slot is a miss) and checked: a slot must hold the paper asked for (see [`answers_id`]), else
//! it is reported and counted as a miss. Papers without one (OpenReview, other links) and batch misses go to
//! `GET /paper/search/match`, whose hit is accepted only when its title is the listed title after
//! normalisation: a confident wrong match is worse than none. No match: once more with hyphens
//! replaced by spaces.

use std::collections::{HashMap, HashSet};

use super::api::{ApiPaper, BatchAnswer, MatchAnswer, is_documented_id};
use super::cache::{Endpoint, RequestKey};
use super::fetcher::{Answer, FetchError, Fetcher};
use crate::model::{PaperMeta, Resolution, ResolvedVia, normalize_title, strip_arxiv_version};
use crate::paper_list::{ListedPaper, PaperId, PaperList};
use crate::terminal::Progress;
use crate::wording::{count, plural};

/// Fields asked of every listed paper.
pub const PAPER_FIELDS: &str = "title,year,venue,publicationDate,authors,citationCount,referenceCount,externalIds";

/// Ids per `POST /paper/batch` (S2's documented maximum).
pub const BATCH_MAX: usize = 500;

/// What became of one listed paper.
#[derive(Debug, Clone)]
pub struct PaperOutcome {
    /// Found or not, and why.
    pub resolution: Resolution,
    /// Its metadata when found.
    pub meta: Option<PaperMeta>,
    /// Unresolved because requests failed (a rerun may do better), not because S2 lacks it.
    pub failed: bool,
}

impl PaperOutcome {
    fn resolved(meta: PaperMeta, via: ResolvedVia) -> Self {
        PaperOutcome {
            resolution: Resolution::Resolved { paper_id: meta.paper_id.clone(), via },
            meta: Some(meta),
            failed: false,
        }
    }

    fn unresolved(reason: String, failed: bool) -> Self {
        PaperOutcome { resolution: Resolution::Unresolved { reason }, meta: None, failed }
    }
}

/// The id of `paper` in a form S2 looks up, if it has one of a documented form
/// ([`is_documented_id`]); papers without one are looked up by title.
pub fn s2_id(paper: &ListedPaper) -> Option<String> {
    paper.id.as_ref().and_then(PaperId::s2_id).filter(|id| is_documented_id(id))
}

/// The id of `paper` when it has one S2 could look up but of no documented form (it is not sent).
fn undocumented_id(paper: &ListedPaper) -> Option<String> {
    paper.id.as_ref().and_then(PaperId::s2_id).filter(|id| !is_documented_id(id))
}

/// Passes an error that only fails one item; returns a fatal one.
fn item_error(err: FetchError) -> Result<FetchError, FetchError> {
    if err.is_fatal() { Err(err) } else { Ok(err) }
}

/// Resolves every paper of `list`, in list order.
pub async fn resolve_all(
    list: &PaperList,
    api: &str,
    fetcher: &mut Fetcher<'_>,
    progress: &Progress,
) -> Result<Vec<PaperOutcome>, FetchError> {
    let mut ids: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for id in list.papers.iter().filter_map(s2_id) {
        if seen.insert(id.clone()) {
            ids.push(id);
        }
    }
    for paper in &list.papers {
        if let Some(id) = undocumented_id(paper) {
            progress.warn(format_args!(
                "list line {}: {:?} is not of a form Semantic Scholar documents, so it is not sent; \
                 looking \"{}\" up by title",
                paper.line,
                id.chars().take(80).collect::<String>(),
                short(&paper.title)
            ));
        }
    }
    let without_id = list.papers.iter().filter(|p| s2_id(p).is_none()).count();
    // Phases: batch lookups by id, then title matches, then (assemble.rs) the listings.
    progress.phase("resolving", ids.len().div_ceil(BATCH_MAX) as u64);

    // Step 1: the batch lookups.
    let mut titles: HashMap<String, &str> = HashMap::new();
    for paper in &list.papers {
        if let Some(id) = s2_id(paper) {
            titles.entry(id).or_insert(paper.title.as_str());
        }
    }
    let mut found: HashMap<String, PaperMeta> = HashMap::new();
    let mut batch_failed: HashMap<String, String> = HashMap::new();
    for chunk in ids.chunks(BATCH_MAX) {
        let key = RequestKey {
            api: api.to_owned(),
            endpoint: Endpoint::Batch,
            id: None,
            query: None,
            fields: PAPER_FIELDS.to_owned(),
            offset: None,
            limit: None,
            ids: Some(chunk.to_vec()),
        };
        let label = format!("batch lookup of {}", count(chunk.len() as u64, "id"));
        progress.message(label.clone());
        let failure = match fetcher.fetch(&key, &label).await {
            Ok(Answer::Found(body)) => match serde_json::from_value::<BatchAnswer>(body) {
                Ok(slots) if slots.len() == chunk.len() => {
                    // By position: the returned paperId is canonical and may differ from the id asked.
                    for (id, slot) in chunk.iter().zip(slots) {
                        let Some(meta) = slot.as_ref().and_then(ApiPaper::to_meta) else { continue };
                        if answers_id(id, &meta, titles.get(id).copied().unwrap_or_default()) {
                            found.insert(id.clone(), meta);
                        } else {
                            progress.warn(format_args!(
                                "the batch answer for {id} is another paper (\"{}\", {}); looking it up by title",
                                short(&meta.title),
                                meta.paper_id
                            ));
                        }
                    }
                    None
                }
                Ok(slots) => Some(format!(
                    "the batch answer has {} {} for {}",
                    slots.len(),
                    plural(slots.len() as u64, "entry"),
                    count(chunk.len() as u64, "id")
                )),
                Err(err) => Some(FetchError::Unreadable(err.to_string()).to_string()),
            },
            // Not a documented answer of the batch endpoint; read it as "none of these".
            Ok(Answer::NotFound(_)) => None,
            Err(err) => Some(item_error(err)?.to_string()),
        };
        if let Some(reason) = failure {
            for id in chunk {
                batch_failed.insert(id.clone(), format!("batch lookup failed: {reason}"));
            }
        }
        progress.step();
    }
    let misses = ids.iter().filter(|id| !found.contains_key(*id) && !batch_failed.contains_key(*id)).count();
    progress.phase("matching", (without_id + misses) as u64);

    // Step 2: everything else by title, in list order.
    let mut outcomes = Vec::with_capacity(list.papers.len());
    for paper in &list.papers {
        let id = s2_id(paper);
        let outcome = match &id {
            Some(id) if found.contains_key(id) => PaperOutcome::resolved(found[id].clone(), ResolvedVia::Id),
            Some(id) if batch_failed.contains_key(id) => PaperOutcome::unresolved(batch_failed[id].clone(), true),
            _ => {
                progress.message(short(&paper.title));
                let outcome = match_title(paper, id.as_deref(), api, fetcher).await?;
                progress.step();
                outcome
            }
        };
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// Whether `paper`, in the batch slot of the id `asked`, is the paper asked for: its external id
/// of that kind equals the id (`ARXIV:` without version, `DOI:`, `ACL:`, `MAG:`, `PMID:`,
/// `PMCID:` ignoring case, `CorpusId:`), or, for a bare 40-hex id, its paperId does. Failing
/// that, its title equals the listed title after normalisation: S2 answers a sha with the
/// canonical paperId, which can be another one (s2-folks #108), and holds one DOI per paper.
pub fn answers_id(asked: &str, paper: &PaperMeta, listed_title: &str) -> bool {
    let ids = &paper.external_ids;
    let same = |theirs: Option<&str>, ours: &str| theirs.is_some_and(|t| t.trim().eq_ignore_ascii_case(ours.trim()));
    let by_id = match asked.split_once(':') {
        None => same(Some(&paper.paper_id), asked),
        Some((prefix, value)) => match prefix.to_ascii_lowercase().as_str() {
            "arxiv" => same(ids.arxiv.as_deref().map(strip_arxiv_version), strip_arxiv_version(value)),
            "doi" => same(ids.doi.as_deref(), value),
            "corpusid" => ids.corpus_id.is_some_and(|c| c.to_string() == value.trim()),
            "acl" => same(ids.acl.as_deref(), value),
            "mag" => same(ids.mag.as_deref(), value),
            "pmid" => same(ids.pubmed.as_deref(), value),
            "pmcid" => {
                let bare = |s: &str| s.trim().trim_start_matches("PMC").trim_start_matches("pmc").to_owned();
                ids.pubmed_central.as_deref().is_some_and(|t| bare(t) == bare(value))
            }
            _ => false,
        },
    };
    by_id
        || (!normalize_title(listed_title).is_empty() && normalize_title(listed_title) == normalize_title(&paper.title))
}

/// What one title match gave.
enum Match {
    Accepted(Box<PaperMeta>),
    /// S2's best hit has another title.
    Refused(String),
    NotFound,
}

/// Looks `paper` up by title: as listed, then (when that finds nothing acceptable and the title
/// has hyphens) with hyphens replaced by spaces.
async fn match_title(
    paper: &ListedPaper,
    id: Option<&str>,
    api: &str,
    fetcher: &mut Fetcher<'_>,
) -> Result<PaperOutcome, FetchError> {
    let title = paper.title.trim();
    if normalize_title(title).is_empty() {
        return Ok(PaperOutcome::unresolved(
            "no identifier Semantic Scholar knows and no title to look up: add an arXiv or DOI link".to_owned(),
            false,
        ));
    }
    let mut queries = vec![title.to_owned()];
    if title.contains('-') {
        queries.push(title.replace('-', " "));
    }
    let mut closest: Option<String> = None;
    for query in queries {
        let key = RequestKey {
            api: api.to_owned(),
            endpoint: Endpoint::Match,
            id: None,
            query: Some(query),
            fields: PAPER_FIELDS.to_owned(),
            offset: None,
            limit: None,
            ids: None,
        };
        let answer = match fetcher.fetch(&key, &format!("title match for \"{}\"", short(title))).await {
            Ok(answer) => answer,
            Err(err) => {
                let err = item_error(err)?;
                return Ok(PaperOutcome::unresolved(format!("title match failed: {err}"), true));
            }
        };
        match read_match(answer, title) {
            Ok(Match::Accepted(meta)) => return Ok(PaperOutcome::resolved(*meta, ResolvedVia::TitleMatch)),
            Ok(Match::Refused(other)) => closest = closest.or(Some(other)),
            Ok(Match::NotFound) => {}
            Err(err) => return Ok(PaperOutcome::unresolved(format!("title match failed: {err}"), true)),
        }
    }
    let why_by_title = match id {
        Some(id) => format!("{id} is not on Semantic Scholar, and "),
        None if undocumented_id(paper).is_some() => {
            "its id is not of a form Semantic Scholar documents, and ".to_owned()
        }
        None if paper.id.is_some() => "Semantic Scholar cannot look up an OpenReview id, and ".to_owned(),
        None => "the link names no identifier Semantic Scholar knows, and ".to_owned(),
    };
    let reason = match closest {
        Some(other) => format!(
            "{why_by_title}its closest title match is \"{other}\", a different title (not accepted); \
             add an arXiv or DOI link"
        ),
        None => format!("{why_by_title}no paper with this title was found there; add an arXiv or DOI link"),
    };
    Ok(PaperOutcome::unresolved(reason, false))
}

fn read_match(answer: Answer, title: &str) -> Result<Match, FetchError> {
    let body = match answer {
        Answer::Found(body) => body,
        Answer::NotFound(_) => return Ok(Match::NotFound),
    };
    let answer: MatchAnswer = serde_json::from_value(body).map_err(|e| FetchError::Unreadable(e.to_string()))?;
    let Some(hit) = answer.data.unwrap_or_default().into_iter().next() else { return Ok(Match::NotFound) };
    let Some(meta) = hit.to_meta() else { return Ok(Match::NotFound) };
    if normalize_title(&meta.title) == normalize_title(title) {
        Ok(Match::Accepted(Box::new(meta)))
    } else {
        Ok(Match::Refused(meta.title))
    }
}

/// A title shortened for one-line messages.
pub fn short(title: &str) -> String {
    const MAX: usize = 60;
    if title.chars().count() <= MAX {
        title.to_owned()
    } else {
        let cut: String = title.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ExternalIds;

    fn paper(paper_id: &str, title: &str, external_ids: ExternalIds) -> PaperMeta {
        PaperMeta { paper_id: paper_id.into(), title: title.into(), external_ids, ..PaperMeta::default() }
    }

    #[test]
    fn a_slot_answers_its_id_by_external_id_paper_id_or_title() {
        let ids = ExternalIds {
            arxiv: Some("2301.00001".into()),
            doi: Some("10.1093/MIND/LIX.236.433".into()),
            corpus_id: Some(1001),
            ..ExternalIds::default()
        };
        let sha = "0123456789abcdef0123456789abcdef01234567";
        let p = paper(sha, "Synthetic Paper", ids);
        for asked in ["ARXIV:2301.00001", "arXiv:2301.00001v2", "DOI:10.1093/mind/lix.236.433", "CorpusId:1001", sha] {
            assert!(answers_id(asked, &p, "Another Listed Title"), "{asked}");
        }
        for asked in ["ARXIV:2301.00002", "DOI:10.1/x", "CorpusId:1002", "ACL:P19-1001", &"f".repeat(40)] {
            assert!(!answers_id(asked, &p, "Another Listed Title"), "{asked}");
        }
        // A sha S2 answers with another canonical paperId: the title decides.
        assert!(answers_id(&"f".repeat(40), &p, "synthetic paper."));
        assert!(!answers_id("ARXIV:2301.00002", &p, ""));
    }
}
