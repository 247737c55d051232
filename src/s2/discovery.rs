//! Stage 2 (fetch), the deeper discovery phase (`--depth 2`, the default): after the listings,
//! ask `POST /paper/batch` for the nested `references.paperId` and the SPECTER2 embedding of the
//! listed papers and their neighbours (those citing the list first: their references are the
//! co-citations), ask `POST /recommendations/v1/papers/` once with the resolved listed papers as
//! positives, then ask the same batch fields of the papers that step brought in (co-cited by two
//! or more papers citing the list, or recommended). Everything goes through the fetcher, so it is
//! cached like the rest and `--offline` works.
//!
//! Batches are sized to stay under Semantic Scholar's 10 MB answer cap; an answer that would
//! still exceed it (400 "Response would exceed maximum size") is split in two and asked again,
//! and the split is remembered so a warm run asks the halves at once. An empty nested list with
//! a positive `referenceCount` is *unknown*, not *none*.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::FetchConfig;
use super::api::{ApiPaper, BatchAnswer, RecommendationsAnswer};
use super::cache::{Endpoint, NEGATIVE_MARK, RequestKey};
use super::fetcher::{Answer, FetchError, Fetcher};
use super::report::{DiscoveryReport, FetchReport};
use super::resolve::{BATCH_MAX, PAPER_FIELDS};
use crate::model::{Corpus, NestedReferences};
use crate::terminal::Progress;

/// The fields of a discovery batch: the listed papers' fields, the linked references' ids and
/// the SPECTER2 embedding.
pub const DISCOVERY_FIELDS: &str = "title,year,venue,publicationDate,authors,citationCount,referenceCount,externalIds,references.paperId,embedding.specter_v2";

/// The answer size a batch is planned to stay under (S2 refuses answers above 10 MB).
pub const ANSWER_TARGET_BYTES: u64 = 8_000_000;

/// Bytes a paper's record costs in a discovery answer, before its references.
const BYTES_PER_PAPER: u64 = 600 + 768 * 11;
/// Bytes per nested reference (`{"paperId": "<40 hex>"},`).
const BYTES_PER_REFERENCE: u64 = 48;
/// References assumed when S2's count is not known yet.
const ASSUMED_REFERENCES: u64 = 100;
/// Nested lists are cut at 1000 entries.
const NESTED_CAP: u64 = 1000;

/// Neighbours of the list asked in the first step, at most (the most linked first).
pub const NEIGHBOURS_MAX: usize = 1500;
/// Papers brought in by co-citation or recommendation asked in the second step, at most.
pub const NEW_PAPERS_MAX: usize = 500;
/// Papers citing the list that must reference a paper before it is fetched as co-cited.
pub const CO_CITED_MIN: usize = 2;
/// Recommendations asked for (S2's maximum).
pub const RECOMMENDATIONS_LIMIT: u64 = 500;

/// The 400 text of an answer over the size cap.
const TOO_LARGE: &str = "exceed maximum size";

/// Runs the discovery phase on a corpus the listings built: adds what it learns to
/// `corpus.discovery` (and new papers to `corpus.papers`) and its account to `report`.
/// `negatives` are ids Semantic Scholar should recommend away from (the curator's ignore list).
pub(super) async fn discover(
    corpus: &mut Corpus,
    report: &mut FetchReport,
    config: &FetchConfig,
    negatives: &[String],
    fetcher: &mut Fetcher<'_>,
    progress: &Progress,
) -> Result<(), FetchError> {
    let api = config.api_url.as_str();
    let mut account = DiscoveryReport::default();
    let listed: Vec<String> = {
        let mut seen = HashSet::new();
        corpus.listed.iter().filter_map(|e| e.paper_id()).filter(|id| seen.insert(*id)).map(str::to_owned).collect()
    };
    let listed_set: HashSet<String> = listed.iter().cloned().collect();
    let papers_before = corpus.papers.len();

    // Step 1: the listed papers and their neighbours, those citing the list first.
    let mut links: HashMap<String, (usize, usize)> = HashMap::new();
    for c in &corpus.citations {
        if listed_set.contains(c.cited.as_str()) && !listed_set.contains(c.citing.as_str()) {
            links.entry(c.citing.clone()).or_default().0 += 1;
        }
        if listed_set.contains(c.citing.as_str()) && !listed_set.contains(c.cited.as_str()) {
            links.entry(c.cited.clone()).or_default().1 += 1;
        }
    }
    let mut neighbours: Vec<(String, (usize, usize))> = links.into_iter().collect();
    neighbours
        .sort_by(|a, b| (b.1.0 > 0).cmp(&(a.1.0 > 0)).then((b.1.0 + b.1.1).cmp(&(a.1.0 + a.1.1))).then(a.0.cmp(&b.0)));
    let first: Vec<String> =
        listed.iter().cloned().chain(neighbours.iter().take(NEIGHBOURS_MAX).map(|(id, _)| id.clone())).collect();
    let batches = plan(&first, corpus);
    let mut planned = batches.len() as u64;
    progress.phase("discovering", 3);
    let answers = ask_batches(batches, api, fetcher, &mut account).await?;
    absorb(corpus, answers, &mut account);
    progress.step();

    // Step 2: Semantic Scholar's recommendations for the list.
    if !listed.is_empty() {
        planned += 1;
        match recommend(&listed, negatives, config, fetcher).await {
            Ok(found) => {
                for paper in found {
                    let Some(meta) = paper.to_meta() else { continue };
                    if listed_set.contains(meta.paper_id.as_str())
                        || corpus.discovery.recommended.contains(&meta.paper_id)
                    {
                        continue;
                    }
                    corpus.discovery.recommended.push(meta.paper_id.clone());
                    match corpus.papers.get_mut(&meta.paper_id) {
                        Some(known) => known.fill_from(meta),
                        None => {
                            corpus.papers.insert(meta.paper_id.clone(), meta);
                        }
                    }
                }
            }
            // The graph API took the key already: a 403 here is a wrong recommendations URL.
            Err(FetchError::Forbidden(text)) => account.failures.push(format!(
                "recommendations: refused at {} ({text}); check --recommendations-url",
                config.recommendations_base()
            )),
            Err(err) if err.is_fatal() => return Err(err),
            Err(FetchError::NotCached) => {}
            Err(err) => account.failures.push(format!("recommendations: {err}")),
        }
    }
    account.recommended = corpus.discovery.recommended.len();
    progress.step();

    // Step 3: the papers co-cited by the papers citing the list, and the recommended ones.
    let citing: HashSet<&str> =
        neighbours.iter().filter(|(_, (cites, _))| *cites > 0).map(|(id, _)| id.as_str()).collect();
    let mut co_cited: BTreeMap<&str, usize> = BTreeMap::new();
    for (id, refs) in &corpus.discovery.references {
        if !citing.contains(id.as_str()) {
            continue;
        }
        for r in refs.known().unwrap_or_default() {
            if !corpus.discovery.references.contains_key(r) {
                *co_cited.entry(r.as_str()).or_default() += 1;
            }
        }
    }
    let mut wanted: Vec<(&str, usize)> = co_cited.into_iter().filter(|&(_, n)| n >= CO_CITED_MIN).collect();
    wanted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut second: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for id in corpus
        .discovery
        .recommended
        .iter()
        .map(String::as_str)
        .filter(|id| !corpus.discovery.references.contains_key(*id))
        .chain(wanted.into_iter().map(|(id, _)| id))
    {
        if second.len() < NEW_PAPERS_MAX && seen.insert(id) {
            second.push(id.to_owned());
        }
    }
    let batches = plan(&second, corpus);
    planned += batches.len() as u64;
    let answers = ask_batches(batches, api, fetcher, &mut account).await?;
    absorb(corpus, answers, &mut account);
    progress.step();

    corpus.discovery.ran = true;
    account.embeddings = corpus.discovery.embeddings.len();
    account.new_papers = corpus.papers.len() - papers_before;
    report.cold_run_budget += planned;
    report.distinct_papers = corpus.papers.len();
    report.discovery = Some(account);
    Ok(())
}

/// The recommendations for `positives` (resolved ids only: one unknown seed fails the POST),
/// away from `negatives`.
async fn recommend(
    positives: &[String],
    negatives: &[String],
    config: &FetchConfig,
    fetcher: &mut Fetcher<'_>,
) -> Result<Vec<ApiPaper>, FetchError> {
    let key = recommendations_key(config, positives, negatives);
    match fetcher.fetch(&key, "recommendations for the list").await? {
        Answer::Found(body) => serde_json::from_value::<RecommendationsAnswer>(body)
            .map(|a| a.recommended_papers.unwrap_or_default())
            .map_err(|e| FetchError::Unreadable(format!("recommendations: {e}"))),
        Answer::NotFound(error) => Err(FetchError::Rejected { status: 404, message: error }),
    }
}

/// The request key of the recommendations POST: the positive ids, then the negative ones
/// marked with [`NEGATIVE_MARK`].
pub fn recommendations_key(config: &FetchConfig, positives: &[String], negatives: &[String]) -> RequestKey {
    let ids = positives.iter().cloned().chain(negatives.iter().map(|id| format!("{NEGATIVE_MARK}{id}"))).collect();
    RequestKey {
        api: config.recommendations_base().to_string(),
        endpoint: Endpoint::Recommendations,
        id: None,
        query: None,
        fields: PAPER_FIELDS.to_owned(),
        offset: None,
        limit: Some(RECOMMENDATIONS_LIMIT),
        ids: Some(ids),
    }
}

/// The bytes a paper's discovery record is expected to cost.
fn expected_bytes(id: &str, corpus: &Corpus) -> u64 {
    let references = corpus.papers.get(id).and_then(|p| p.reference_count).unwrap_or(ASSUMED_REFERENCES);
    BYTES_PER_PAPER + BYTES_PER_REFERENCE * references.min(NESTED_CAP)
}

/// Cuts `ids` into batches of at most 500 ids whose answers should stay under
/// [`ANSWER_TARGET_BYTES`].
pub fn plan(ids: &[String], corpus: &Corpus) -> Vec<Vec<String>> {
    let mut batches: Vec<Vec<String>> = Vec::new();
    let mut bytes = 0;
    for id in ids {
        let cost = expected_bytes(id, corpus);
        match batches.last_mut() {
            Some(batch) if batch.len() < BATCH_MAX && bytes + cost <= ANSWER_TARGET_BYTES => {
                batch.push(id.clone());
                bytes += cost;
            }
            _ => {
                batches.push(vec![id.clone()]);
                bytes = cost;
            }
        }
    }
    batches
}

/// Asks the discovery fields of the ids of `batches` ([`plan`]), splitting any batch whose
/// answer would exceed the size cap; returns each id with what came back (`None`: S2 does not
/// know it).
async fn ask_batches(
    batches: Vec<Vec<String>>,
    api: &str,
    fetcher: &mut Fetcher<'_>,
    account: &mut DiscoveryReport,
) -> Result<Vec<(String, Option<ApiPaper>)>, FetchError> {
    let mut queue: Vec<Vec<String>> = batches.into_iter().rev().collect();
    let mut out = Vec::new();
    while let Some(chunk) = queue.pop() {
        let key = batch_key(api, &chunk);
        let label = format!("references and embeddings of {} papers", chunk.len());
        let split = |queue: &mut Vec<Vec<String>>, chunk: &[String]| {
            let (a, b) = chunk.split_at(chunk.len() / 2);
            queue.push(b.to_vec());
            queue.push(a.to_vec());
        };
        if chunk.len() > 1 && fetcher.known_too_large(&key) {
            account.splits += 1;
            split(&mut queue, &chunk);
            continue;
        }
        match fetcher.fetch(&key, &label).await {
            Ok(Answer::Found(body)) => {
                let slots: BatchAnswer = serde_json::from_value(body)
                    .map_err(|e| FetchError::Unreadable(format!("a discovery batch: {e}")))?;
                if slots.len() != chunk.len() {
                    account.failures.push(format!(
                        "a discovery batch answered {} slots for {} ids",
                        slots.len(),
                        chunk.len()
                    ));
                    continue;
                }
                out.extend(chunk.into_iter().zip(slots));
            }
            Ok(Answer::NotFound(error)) => account.failures.push(format!("a discovery batch: {error}")),
            Err(FetchError::Rejected { status: 400, message }) if message.contains(TOO_LARGE) && chunk.len() > 1 => {
                fetcher.remember_too_large(&key)?;
                account.splits += 1;
                split(&mut queue, &chunk);
            }
            Err(err) if err.is_fatal() => return Err(err),
            Err(FetchError::NotCached) => {}
            Err(err) => account.failures.push(format!("{label}: {err}")),
        }
    }
    Ok(out)
}

/// The key of a discovery batch.
fn batch_key(api: &str, ids: &[String]) -> RequestKey {
    RequestKey {
        api: api.to_owned(),
        endpoint: Endpoint::Batch,
        id: None,
        query: None,
        fields: DISCOVERY_FIELDS.to_owned(),
        offset: None,
        limit: None,
        ids: Some(ids.to_vec()),
    }
}

/// Adds what a discovery batch answered to the corpus: metadata, nested references (an empty
/// list with a positive count is unknown), embeddings.
fn absorb(corpus: &mut Corpus, answers: Vec<(String, Option<ApiPaper>)>, account: &mut DiscoveryReport) {
    for (asked, paper) in answers {
        let Some(paper) = paper else { continue };
        let Some(meta) = paper.to_meta() else { continue };
        // Map back by position: the canonical id can differ from the one asked.
        let id = if corpus.papers.contains_key(&asked) { asked } else { meta.paper_id.clone() };
        let nested = match &paper.references {
            None => None,
            Some(rows) if rows.is_empty() && paper.reference_count.unwrap_or(0) > 0 => {
                account.references_unknown += 1;
                Some(NestedReferences::Unknown { reference_count: paper.reference_count.unwrap_or(0) })
            }
            Some(rows) => {
                account.references_known += 1;
                let ids = rows.iter().filter_map(|r| r.paper_id.clone()).filter(|r| !r.is_empty()).collect();
                Some(NestedReferences::Known { ids, reference_count: paper.reference_count })
            }
        };
        if let Some(nested) = nested {
            corpus.discovery.references.insert(id.clone(), nested);
        }
        if let Some(vector) = paper.embedding.as_ref().and_then(|e| e.vector.clone()).filter(|v| !v.is_empty()) {
            corpus.discovery.embeddings.insert(id.clone(), vector);
        }
        match corpus.papers.get_mut(&id) {
            Some(known) => known.fill_from(meta),
            None => {
                corpus.papers.insert(id, meta);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(api: &str, recommendations: Option<&str>) -> FetchConfig {
        FetchConfig {
            api_url: url::Url::parse(api).unwrap(),
            api_key: None,
            rps: 1.0,
            offline: false,
            refresh: false,
            cache_dir: "cache".into(),
            depth: 2,
            recommendations_url: recommendations.map(|u| url::Url::parse(u).unwrap()),
            negatives: Vec::new(),
        }
    }

    #[test]
    fn the_recommendations_url_is_derived_from_the_api_url_unless_given() {
        let derived = config("https://api.semanticscholar.org/graph/v1/", None);
        assert_eq!(derived.recommendations_base().as_str(), "https://api.semanticscholar.org/recommendations/v1/");
        let proxy = config("http://127.0.0.1:9/s2/graph/v1/", None);
        assert_eq!(proxy.recommendations_base().as_str(), "http://127.0.0.1:9/s2/recommendations/v1/");
        let given = config("http://127.0.0.1:9/graph/v1/", Some("http://127.0.0.1:8/recs/"));
        assert_eq!(given.recommendations_base().as_str(), "http://127.0.0.1:8/recs/");
        let key = recommendations_key(&derived, &["a".into(), "b".into()], &["c".into()]);
        assert_eq!(key.ids.as_deref(), Some(&["a".to_owned(), "b".to_owned(), "-c".to_owned()][..]));
        assert_eq!(
            super::super::client::url_of(&key).as_str(),
            "https://api.semanticscholar.org/recommendations/v1/papers/?limit=500&fields=title%2Cyear%2Cvenue%2CpublicationDate%2Cauthors%2CcitationCount%2CreferenceCount%2CexternalIds"
        );
    }

    #[test]
    fn batches_are_sized_to_the_answer_cap() {
        let mut corpus = Corpus::default();
        let ids: Vec<String> = (0..1200).map(|k| format!("p{k}")).collect();
        for id in &ids[..300] {
            corpus.papers.insert(
                id.clone(),
                crate::model::PaperMeta { paper_id: id.clone(), reference_count: Some(5000), ..Default::default() },
            );
        }
        let batches = plan(&ids, &corpus);
        assert!(batches.iter().all(|b| b.len() <= BATCH_MAX));
        assert_eq!(batches.iter().map(Vec::len).sum::<usize>(), 1200);
        for batch in &batches {
            let bytes: u64 = batch.iter().map(|id| expected_bytes(id, &corpus)).sum();
            assert!(bytes <= ANSWER_TARGET_BYTES, "{bytes}");
        }
        // 300 papers with 1000 nested references each (about 57 kB) need more than one batch.
        assert!(batches[0].len() < 300, "{}", batches[0].len());
    }
}
