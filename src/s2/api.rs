//! Stage 2 (fetch): the shapes Semantic Scholar answers with, as it really sends them.
//!
//! The official spec marks nothing nullable, yet the service leaves fields out or sends `null`
//! in real answers, so every field here is an `Option` with a default, and unknown keys (such as the
//! newer `citingPaperInfo`) are ignored. Values whose type the spec gets wrong are read leniently:
//! `matchScore` is a float, `externalIds.CorpusId` an integer.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use super::cache::{Endpoint, RequestKey};
use crate::model::{Author, ExternalIds, PaperMeta};

/// A paper object (also nested as `citedPaper` / `citingPaper`). Only requested fields appear,
/// apart from `paperId`, which is `null` for reference rows S2 could not link.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ApiPaper {
    /// The S2 paper id; `null` for unlinked reference or citation rows.
    pub paper_id: Option<String>,
    /// Title (junk such as a citation fragment for unlinked rows).
    pub title: Option<String>,
    /// Year, null even for some linked papers.
    pub year: Option<i32>,
    /// Venue; `""` when unknown.
    pub venue: Option<String>,
    /// `YYYY-MM-DD`, or null.
    pub publication_date: Option<String>,
    /// Authors; `[]` for unlinked rows.
    pub authors: Option<Vec<ApiAuthor>>,
    /// Global citation count; null for unlinked rows.
    pub citation_count: Option<u64>,
    /// Reference count (includes rows S2 could not link).
    pub reference_count: Option<u64>,
    /// Ids in other catalogues; null for unlinked rows. Values are strings except `CorpusId`.
    pub external_ids: Option<BTreeMap<String, serde_json::Value>>,
    /// Title-match score, only on `/paper/search/match` (a float, unbounded).
    pub match_score: Option<f64>,
    /// Nested `references` (batch with `references.paperId`): absent when not asked; capped at
    /// 1000 and sometimes empty although `referenceCount` is positive (then unknown, not none).
    pub references: Option<Vec<ApiPaper>>,
    /// `embedding.specter_v2`, when asked; `null` for papers S2 has no embedding of.
    pub embedding: Option<ApiEmbedding>,
}

/// A paper's embedding (`{"model": "specter_v2", "vector": [...]}`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ApiEmbedding {
    /// The model's name.
    pub model: Option<String>,
    /// The vector.
    pub vector: Option<Vec<f32>>,
}

/// The answer of `POST /recommendations/v1/papers/`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RecommendationsAnswer {
    /// Recommended papers, best first; fewer than asked, or none, is normal.
    pub recommended_papers: Option<Vec<ApiPaper>>,
}

/// An author of a paper.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ApiAuthor {
    /// Author id, null for authors S2 could not link (a string; read leniently).
    #[serde(deserialize_with = "lenient_string")]
    pub author_id: Option<String>,
    /// Name as printed.
    pub name: Option<String>,
}

/// One row of `/paper/{id}/references` (`citedPaper`) or `/paper/{id}/citations` (`citingPaper`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ApiEdge {
    /// The referenced paper (on `/references`).
    pub cited_paper: Option<ApiPaper>,
    /// The citing paper (on `/citations`).
    pub citing_paper: Option<ApiPaper>,
    /// S2's influential-citation flag.
    pub is_influential: Option<bool>,
    /// Citation intents; `[]` or null when unknown.
    pub intents: Option<Vec<String>>,
}

/// One page of a references or citations listing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EdgePage {
    /// Offset of this page.
    pub offset: Option<u64>,
    /// Offset of the next page; absent on the last page.
    pub next: Option<u64>,
    /// The rows: `None` when the key is missing (an empty page), `Some(None)` when it is `null`
    /// (the publisher withheld the reference list), `Some(Some(rows))` otherwise.
    #[serde(deserialize_with = "present_or_null")]
    pub data: Option<Option<Vec<ApiEdge>>>,
    /// On newer `/references` answers: the queried paper itself, with the elision notice.
    pub citing_paper_info: Option<serde_json::Value>,
}

impl EdgePage {
    /// The publisher's notice about withheld fields, when S2 sent one.
    pub fn elision_notice(&self) -> Option<&str> {
        self.citing_paper_info.as_ref()?.pointer("/openAccessPdf/disclaimer")?.as_str().filter(|s| !s.is_empty())
    }
}

/// The answer of `/paper/search/match`: one best hit.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MatchAnswer {
    /// Exactly one element in practice; a missing key is an empty list.
    pub data: Option<Vec<ApiPaper>>,
}

/// The answer of `POST /paper/batch`: one slot per requested id, `null` for misses.
pub type BatchAnswer = Vec<Option<ApiPaper>>;

/// Whether `id` is a Semantic Scholar paper id: 40 hex digits.
pub fn is_paper_id(id: &str) -> bool {
    id.len() == 40 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether `id` has one of the forms S2 documents for paper lookups: a 40-hex paper id, or
/// `CorpusId:`, `MAG:`, `PMID:` digits, `PMCID:` digits (with or without `PMC`), `ARXIV:` and
/// `ACL:` ids (letters, digits, `.`, `-`, `/`), `DOI:10.<registrant>/<suffix>` (visible ASCII, no
/// quote or backslash), or `URL:` an http(s) URL. Prefixes ignore case, as S2's do. Nothing else
/// is sent.
pub fn is_documented_id(id: &str) -> bool {
    let Some((prefix, value)) = id.split_once(':') else { return is_paper_id(id) };
    let digits = |v: &str| !v.is_empty() && v.len() <= 20 && v.bytes().all(|b| b.is_ascii_digit());
    let plain = |v: &str| {
        !v.is_empty()
            && v.len() <= 100
            && v.bytes().any(|b| b.is_ascii_digit())
            && v.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'/'))
    };
    let visible = |v: &str| !v.is_empty() && v.bytes().all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'\\'));
    match prefix.to_ascii_lowercase().as_str() {
        "corpusid" | "mag" | "pmid" => digits(value),
        "pmcid" => digits(value.strip_prefix("PMC").unwrap_or(value)),
        "arxiv" | "acl" => plain(value),
        "doi" => {
            value.len() <= 300
                && value.strip_prefix("10.").and_then(|v| v.split_once('/')).is_some_and(|(registrant, suffix)| {
                    !registrant.is_empty()
                        && registrant.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                        && visible(suffix)
                })
        }
        "url" => {
            visible(value)
                && url::Url::parse(value).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        }
        _ => false,
    }
}

/// Checks a request before it is sent: a paper id in a path must be 40 hex digits, and every id
/// in a batch body of a documented form ([`is_documented_id`]). The error names the id.
pub fn check_request(key: &RequestKey) -> Result<(), String> {
    match key.endpoint {
        Endpoint::References | Endpoint::Citations => {
            let id = key.id.as_deref().unwrap_or_default();
            if !is_paper_id(id) {
                return Err(format!("{id:?} is not a Semantic Scholar paper id (40 hex digits)"));
            }
        }
        Endpoint::Batch => {
            if let Some(id) = key.ids.iter().flatten().find(|id| !is_documented_id(id)) {
                return Err(format!("{id:?} is not an id of a form Semantic Scholar documents"));
            }
        }
        Endpoint::Recommendations => {
            let odd = |id: &&String| !is_documented_id(id.trim_start_matches(super::cache::NEGATIVE_MARK));
            if let Some(id) = key.ids.iter().flatten().find(odd) {
                return Err(format!("{id:?} is not an id of a form Semantic Scholar documents"));
            }
        }
        Endpoint::Match => {}
    }
    Ok(())
}

/// A `paperId` that is neither null nor 40 hex digits.
fn odd_paper_id<'p>(papers: impl IntoIterator<Item = &'p ApiPaper>) -> Result<(), String> {
    match papers.into_iter().filter_map(|p| p.paper_id.as_deref()).find(|id| !is_paper_id(id)) {
        Some(id) => {
            Err(format!("it holds a paperId that is not 40 hex digits: {:?}", id.chars().take(60).collect::<String>()))
        }
        None => Ok(()),
    }
}

/// Checks a 200 answer against its endpoint's shape, before it is cached or used: a batch answer
/// is an array of papers or nulls with one entry per id asked; a title match has its hit in
/// `data[0]`; a listing has `data`, an array of rows or `null` (withheld by the publisher). A
/// missing `data` is not an empty listing (only relevance search, which citegraph does not use,
/// leaves `data` out when it finds nothing). The error says what does not fit.
pub fn check_answer(key: &RequestKey, body: &serde_json::Value) -> Result<(), String> {
    match key.endpoint {
        Endpoint::Batch => {
            let asked = key.ids.as_ref().map_or(0, Vec::len);
            if !body.is_array() {
                return Err("the batch answer is not a JSON array".to_owned());
            }
            let slots =
                BatchAnswer::deserialize(body).map_err(|e| format!("the batch answer holds a non-paper: {e}"))?;
            if slots.len() != asked {
                return Err(format!("the batch answer has {} entries for {asked} ids", slots.len()));
            }
            odd_paper_id(slots.iter().flatten())?;
        }
        Endpoint::Match => {
            let answer =
                MatchAnswer::deserialize(body).map_err(|e| format!("the title match answer is not readable: {e}"))?;
            match answer.data {
                Some(hits) if !hits.is_empty() => odd_paper_id(&hits)?,
                _ => return Err("the title match answer has no hit in `data`".to_owned()),
            }
        }
        Endpoint::References | Endpoint::Citations => {
            if !body.is_object() {
                return Err("the listing answer is not a JSON object".to_owned());
            }
            let page = EdgePage::deserialize(body).map_err(|e| format!("the listing answer is not readable: {e}"))?;
            let Some(rows) = page.data else { return Err("the listing answer has no `data`".to_owned()) };
            odd_paper_id(rows.iter().flatten().flat_map(|row| [&row.cited_paper, &row.citing_paper]).flatten())?;
        }
        Endpoint::Recommendations => {
            if !body.is_object() {
                return Err("the recommendations answer is not a JSON object".to_owned());
            }
            let answer = RecommendationsAnswer::deserialize(body)
                .map_err(|e| format!("the recommendations answer is not readable: {e}"))?;
            let Some(papers) = answer.recommended_papers else {
                return Err("the recommendations answer has no `recommendedPapers`".to_owned());
            };
            odd_paper_id(&papers)?;
        }
    }
    Ok(())
}

/// An error body: `{"error": ...}` from the application (400, 404) or `{"message": ...}` from the
/// gateway (403, 429, 5xx).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ErrorBody {
    /// Application errors.
    pub error: Option<String>,
    /// Gateway errors.
    pub message: Option<String>,
}

impl ErrorBody {
    /// Parses an error body; `None` when it is not JSON of either shape.
    pub fn parse(body: &[u8]) -> Option<ErrorBody> {
        serde_json::from_slice::<ErrorBody>(body).ok().filter(|b| b.error.is_some() || b.message.is_some())
    }

    /// The text of either shape.
    pub fn text(&self) -> Option<&str> {
        self.error.as_deref().or(self.message.as_deref())
    }
}

impl ApiPaper {
    /// The model's view of this paper, or `None` when S2 could not link it (no `paperId`).
    pub fn to_meta(&self) -> Option<PaperMeta> {
        let paper_id = self.paper_id.as_ref().filter(|id| !id.is_empty())?;
        Some(PaperMeta {
            paper_id: paper_id.clone(),
            title: self.title.clone().unwrap_or_default(),
            year: self.year,
            venue: self.venue.clone().filter(|v| !v.trim().is_empty()),
            publication_date: self.publication_date.clone().filter(|d| !d.is_empty()),
            authors: self
                .authors
                .iter()
                .flatten()
                .filter_map(|a| {
                    let name = a.name.as_ref()?.trim();
                    (!name.is_empty()).then(|| Author { author_id: a.author_id.clone(), name: name.to_owned() })
                })
                .collect(),
            citation_count: self.citation_count,
            reference_count: self.reference_count,
            external_ids: self.external_ids.as_ref().map(external_ids).unwrap_or_default(),
        })
    }
}

/// Reads `externalIds` whatever the type of each value (strings, except `CorpusId`, an integer).
fn external_ids(raw: &BTreeMap<String, serde_json::Value>) -> ExternalIds {
    let text = |key: &str| -> Option<String> {
        match raw.get(key)? {
            serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    ExternalIds {
        arxiv: text("ArXiv"),
        doi: text("DOI"),
        corpus_id: text("CorpusId").and_then(|s| s.parse().ok()),
        dblp: text("DBLP"),
        acl: text("ACL"),
        mag: text("MAG"),
        pubmed: text("PubMed"),
        pubmed_central: text("PubMedCentral"),
    }
}

/// Tells a missing key (`None`, via `#[serde(default)]`) from an explicit `null` (`Some(None)`).
fn present_or_null<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A string that may arrive as a number.
fn lenient_string<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(match Option::<serde_json::Value>::deserialize(deserializer)? {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_data_missing_data_and_rows_are_told_apart() {
        let elided: EdgePage = serde_json::from_str(
            r#"{"offset":0,"data":null,"citingPaperInfo":{"openAccessPdf":{"url":"","status":"CLOSED",
                "disclaimer":"Notice: The following paper fields have been elided by the publisher: {'references'}."}}}"#,
        )
        .unwrap();
        assert!(matches!(elided.data, Some(None)));
        assert!(elided.elision_notice().unwrap().contains("'references'"));
        let missing: EdgePage = serde_json::from_str(r#"{"offset":0}"#).unwrap();
        assert!(missing.data.is_none());
        let rows: EdgePage =
            serde_json::from_str(r#"{"offset":0,"next":1,"data":[{"citedPaper":{"paperId":null}}]}"#).unwrap();
        assert_eq!(rows.data.unwrap().unwrap().len(), 1);
        assert_eq!(rows.next, Some(1));
    }

    #[test]
    fn papers_tolerate_nulls_empty_strings_and_lenient_types() {
        let p: ApiPaper = serde_json::from_str(
            r#"{"paperId":"abc","title":"T","year":null,"venue":"","publicationDate":null,
                "authors":[{"authorId":null,"name":"A. Turing"},{"authorId":42,"name":"B"}],
                "citationCount":3,"externalIds":{"ArXiv":"2301.00001","CorpusId":1001,"MAG":123},
                "matchScore":109.55,"somethingNew":{"x":1}}"#,
        )
        .unwrap();
        assert_eq!(p.match_score, Some(109.55));
        let meta = p.to_meta().unwrap();
        assert_eq!(meta.venue, None);
        assert_eq!(meta.year, None);
        assert_eq!(meta.authors[0].author_id, None);
        assert_eq!(meta.authors[1].author_id.as_deref(), Some("42"));
        assert_eq!(meta.external_ids.corpus_id, Some(1001));
        assert_eq!(meta.external_ids.mag.as_deref(), Some("123"));
        let unlinked: ApiPaper =
            serde_json::from_str(r#"{"paperId":null,"externalIds":null,"title":"Proc. X","authors":[]}"#).unwrap();
        assert!(unlinked.to_meta().is_none());
    }

    #[test]
    fn batch_answers_keep_nulls_in_position() {
        let batch: BatchAnswer = serde_json::from_str(r#"[null,{"paperId":"a"},null]"#).unwrap();
        assert_eq!(batch.len(), 3);
        assert!(batch[0].is_none() && batch[2].is_none());
    }

    #[test]
    fn only_ids_of_documented_forms_are_accepted() {
        for id in [
            "0123456789abcdef0123456789abcdef01234567",
            "CorpusId:215416146",
            "corpusid:1",
            "ARXIV:2106.15928",
            "arXiv:math/0207249",
            "DOI:10.18653/v1/N18-3011",
            "DOI:10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O",
            "MAG:112218234",
            "ACL:W12-3903",
            "PMID:19872477",
            "PMCID:2323736",
            "URL:https://arxiv.org/abs/2106.15928v1",
        ] {
            assert!(is_documented_id(id), "{id}");
        }
        for id in [
            "../../graph/v1/paper/batch?x=",
            "0123456789abcdef",
            "ARXIV:../../x",
            "ARXIV:2106.15928?x=1",
            "DOI:10.1234/abc\" onmouseover=\"alert(1)",
            "DOI:10.1234/a b",
            "DOI:11.1/x",
            "CorpusId:12a",
            "URL:javascript:alert(1)",
            "OPENREVIEW:abc",
            "",
        ] {
            assert!(!is_documented_id(id), "{id}");
        }
    }

    #[test]
    fn both_error_body_shapes_are_read() {
        assert_eq!(
            ErrorBody::parse(br#"{"error":"Title match not found"}"#).unwrap().text(),
            Some("Title match not found")
        );
        assert_eq!(ErrorBody::parse(br#"{"message":"Forbidden"}"#).unwrap().text(), Some("Forbidden"));
        assert!(ErrorBody::parse(b"<html>").is_none());
        assert!(ErrorBody::parse(b"{}").is_none());
    }
}
