//! A loopback Semantic Scholar (Academic Graph API, `/graph/v1`) for the tests and for trying
//! citegraph by hand (`cargo run --example mock_s2 -- 8089`). It serves a [`Universe`]: OUR
//! SYNTHETIC FIXTURE DATA, never Semantic Scholar's. The server, its fault injection and its
//! request records are `loopback.rs`; this file is the imitation of Semantic Scholar it serves.
//!
//! It reproduces how the real service behaves: strict `fields` (only what is asked comes back, plus
//! `paperId`; unknown names are a 400; bare and `citedPaper.`/`citingPaper.` names on the edge
//! endpoints), null and empty shapes (venue `""`, year null, unlinked rows with `paperId: null`),
//! `next` paging, `limit` above 1000 and `offset + limit >= 10000` refused, batch answers with
//! `null` in position and more than 500 ids refused, the title match (the closest title, even a
//! wrong one, with a float `matchScore`, or 404), elided references (`data: null` with the
//! publisher's notice), ids with case-insensitive prefixes and raw `/` in DOIs. On demand: 403 for
//! a wrong key, an empty page before `next` runs out, and the loopback server's faults.

use std::collections::{HashMap, HashSet};
use std::ops::Deref;

use axum::http::{HeaderMap, Method};
use serde_json::{Map, Value, json};

use super::loopback::{Answer, App, Loopback, app_error, json_answer};
use super::universe::Universe;

/// Indexes over the universe, computed once.
struct Index {
    references: Vec<Vec<usize>>,
    citations: Vec<Vec<usize>>,
    influential: Vec<u64>,
    by_title: HashMap<String, usize>,
}

impl Index {
    fn new(u: &Universe) -> Self {
        let n = u.papers.len();
        let (mut references, mut influential) = (vec![Vec::new(); n], vec![0u64; n]);
        for (k, e) in u.edges.iter().enumerate() {
            references[e.citing].push(k);
            influential[e.cited] += u64::from(e.is_influential);
        }
        let mut citations = vec![Vec::new(); n];
        for (k, e) in u.edges.iter().enumerate() {
            citations[e.cited].push(k);
        }
        // Newest citing paper first, as S2 orders them (stable, like `Universe::citations_of`).
        for list in &mut citations {
            list.sort_by_key(|&k| std::cmp::Reverse(u.papers[u.edges[k].citing].year));
        }
        let mut by_title = HashMap::new();
        for (i, p) in u.papers.iter().enumerate() {
            by_title.entry(citegraph::model::normalize_title(&p.title)).or_insert(i);
        }
        Index { references, citations, influential, by_title }
    }
}

/// Semantic Scholar as the loopback server's application.
pub struct S2 {
    universe: Universe,
    index: Index,
    api_key: Option<String>,
    empty_pages: HashSet<(usize, &'static str, u64)>,
    hyphen_blind: bool,
    max_answer_bytes: usize,
}

/// Semantic Scholar refuses answers above 10 MB.
pub const MAX_ANSWER_BYTES: usize = 10 * 1024 * 1024;
/// Nested `citations` and `references` lists are cut at 1000 entries.
const NESTED_CAP: usize = 1000;

/// The running mock: a [`Loopback`] server serving [`S2`]. Its fault injection and request
/// records ([`Loopback::queue_faults`], [`Loopback::count`], ...) are the server's, reached
/// through `Deref`. Dropping it stops the server.
pub struct MockS2 {
    server: Loopback<S2>,
}

impl Deref for MockS2 {
    type Target = Loopback<S2>;

    fn deref(&self) -> &Loopback<S2> {
        &self.server
    }
}

impl MockS2 {
    /// Serves `universe` on a free loopback port.
    pub fn start(universe: Universe) -> MockS2 {
        Self::start_on(universe, 0)
    }

    /// Serves `universe` on loopback `port` (0: any free port).
    pub fn start_on(universe: Universe, port: u16) -> MockS2 {
        let app = S2 {
            index: Index::new(&universe),
            universe,
            api_key: None,
            empty_pages: HashSet::new(),
            hyphen_blind: false,
            max_answer_bytes: MAX_ANSWER_BYTES,
        };
        MockS2 { server: Loopback::start_on(app, port) }
    }

    /// The API base URL, e.g. `http://127.0.0.1:PORT/graph/v1`.
    pub fn api_url(&self) -> String {
        format!("http://{}/graph/v1", self.server.addr())
    }

    /// Answers 403 to requests carrying another `x-api-key` (requests without one are anonymous
    /// and allowed, as on the real service).
    pub fn require_key(&self, key: &str) {
        self.server.with_app(|s| s.api_key = Some(key.to_owned()));
    }

    /// Serves an empty page (with `next` still set) for this listing at this offset, as S2 did
    /// for some papers (s2-folks #117). `endpoint` is `references` or `citations`.
    pub fn empty_page_at(&self, paper: usize, endpoint: &'static str, offset: u64) {
        self.server.with_app(|s| s.empty_pages.insert((paper, endpoint, offset)));
    }

    /// Refuses answers above `bytes` with S2's 400 "Response would exceed maximum size" (the
    /// real cap is [`MAX_ANSWER_BYTES`]; tests lower it to exercise splitting).
    pub fn cap_answers_at(&self, bytes: usize) {
        self.server.with_app(|s| s.max_answer_bytes = bytes);
    }

    /// The recommendations API base URL, e.g. `http://127.0.0.1:PORT/recommendations/v1`.
    pub fn recommendations_url(&self) -> String {
        format!("http://{}/recommendations/v1", self.server.addr())
    }

    /// The title match finds nothing when the query has a hyphen (as relevance search does).
    pub fn hyphen_blind_title_match(&self) {
        self.server.with_app(|s| s.hyphen_blind = true);
    }
}

impl App for S2 {
    /// `batch`, `match`, `references`, `citations`, `paper`, `search` or `other`.
    fn classify(&self, path: &str) -> &'static str {
        if let Some(rest) = path.strip_prefix("/recommendations/v1/") {
            return if rest.starts_with("papers/forpaper/") { "forpaper" } else { "recommendations" };
        }
        let Some(rest) = path.strip_prefix("/graph/v1/") else { return "other" };
        match rest {
            "paper/batch" => "batch",
            "paper/search/match" => "match",
            "paper/search" => "search",
            _ if rest.starts_with("paper/") && rest.ends_with("/references") => "references",
            _ if rest.starts_with("paper/") && rest.ends_with("/citations") => "citations",
            _ if rest.starts_with("paper/") => "paper",
            _ => "other",
        }
    }

    /// The gateway checks the key before the rate (and so before any fault).
    fn gate(&self, headers: &HeaderMap) -> Option<Answer> {
        if let (Some(required), Some(sent)) = (&self.api_key, headers.get("x-api-key"))
            && sent.as_bytes() != required.as_bytes()
        {
            return Some((
                403,
                vec![("x-amzn-ErrorType", "ForbiddenException".to_owned())],
                json!({"message": "Forbidden"}).to_string(),
            ));
        }
        None
    }

    fn answer(&mut self, method: &Method, path: &str, params: &HashMap<String, String>, body: &[u8]) -> Answer {
        if let Some(rest) = path.strip_prefix("/recommendations/v1/") {
            return match (method.as_str(), rest) {
                ("POST", "papers" | "papers/") => self.recommend_for_lists(params, body),
                ("GET", rest) if rest.starts_with("papers/forpaper/") => {
                    let id = rest["papers/forpaper/".len()..].to_owned();
                    self.recommend(params, &[id], &[])
                }
                _ => json_answer(403, json!({"message": "Missing Authentication Token"})),
            };
        }
        let Some(rest) = path.strip_prefix("/graph/v1/") else {
            return json_answer(403, json!({"message": "Missing Authentication Token"}));
        };
        match (method.as_str(), rest) {
            ("POST", "paper/batch") => self.batch(params, body),
            ("GET", "paper/search/match") => self.title_match(params),
            ("GET", "paper/search") => json_answer(200, json!({"total": 0, "offset": 0})),
            ("GET", rest) if rest.starts_with("paper/") => {
                let id = &rest["paper/".len()..];
                if let Some(id) = id.strip_suffix("/references") {
                    self.listing(id, "references", params)
                } else if let Some(id) = id.strip_suffix("/citations") {
                    self.listing(id, "citations", params)
                } else {
                    self.single(id, params)
                }
            }
            _ => json_answer(403, json!({"message": "Missing Authentication Token"})),
        }
    }
}

/// Paper fields the mock knows (it serves `null` for the ones the universe does not model).
const PAPER_FIELDS: &[&str] = &[
    "paperId",
    "corpusId",
    "url",
    "title",
    "abstract",
    "venue",
    "publicationVenue",
    "year",
    "publicationDate",
    "authors",
    "citationCount",
    "referenceCount",
    "influentialCitationCount",
    "externalIds",
    "isOpenAccess",
    "openAccessPdf",
    "fieldsOfStudy",
    "s2FieldsOfStudy",
    "publicationTypes",
    "journal",
    "citationStyles",
    "tldr",
];
const AUTHOR_FIELDS: &[&str] = &["authorId", "name", "url", "affiliations", "homepage"];
const EDGE_FIELDS: &[&str] = &["contexts", "intents", "contextsWithIntent", "isInfluential"];

/// Parsed `fields`: paper fields and edge fields.
struct Fields {
    paper: Vec<String>,
    edge: Vec<String>,
    /// Sub-fields of nested `references.*` (batch and `/paper/{id}` only).
    references: Vec<String>,
    /// Sub-fields of nested `citations.*`.
    citations: Vec<String>,
}

/// Validates `fields` (`None`: the default, `title`). Edge endpoints also take edge fields and
/// `citedPaper.`/`citingPaper.` prefixes.
fn parse_fields(raw: Option<&String>, edges: bool) -> Result<Fields, Answer> {
    let mut fields = Fields { paper: Vec::new(), edge: Vec::new(), references: Vec::new(), citations: Vec::new() };
    let Some(raw) = raw else {
        fields.paper.push("title".to_owned());
        return Ok(fields);
    };
    let mut unknown = Vec::new();
    for name in raw.split(',').filter(|n| !n.is_empty()) {
        if edges && EDGE_FIELDS.contains(&name) {
            fields.edge.push(name.to_owned());
            continue;
        }
        let bare = if edges {
            name.strip_prefix("citedPaper.").or_else(|| name.strip_prefix("citingPaper.")).unwrap_or(name)
        } else {
            name
        };
        if !edges && (bare == "embedding" || bare == "embedding.specter_v2" || bare == "embedding.specter_v1") {
            fields.paper.push("embedding".to_owned());
            continue;
        }
        if !edges
            && let Some((list, sub)) = bare.split_once('.').filter(|(l, _)| *l == "references" || *l == "citations")
        {
            let sub_known = PAPER_FIELDS.contains(&sub);
            if sub_known {
                let nested = if list == "references" { &mut fields.references } else { &mut fields.citations };
                nested.push(sub.to_owned());
                if !fields.paper.iter().any(|f| f == list) {
                    fields.paper.push(list.to_owned());
                }
            } else {
                unknown.push(name.to_owned());
            }
            continue;
        }
        let known = PAPER_FIELDS.contains(&bare)
            || bare.strip_prefix("authors.").is_some_and(|sub| AUTHOR_FIELDS.contains(&sub));
        if known {
            fields.paper.push(bare.split('.').next().unwrap_or(bare).to_owned());
        } else {
            unknown.push(name.to_owned());
        }
    }
    if unknown.is_empty() {
        Ok(fields)
    } else {
        Err(app_error(400, &format!("Unrecognized or unsupported fields: [{}]", unknown.join(", "))))
    }
}

impl S2 {
    fn paper_json(&self, i: usize, fields: &[String]) -> Value {
        let u = &self.universe;
        let p = &u.papers[i];
        let mut m = Map::new();
        m.insert("paperId".into(), json!(p.paper_id));
        for f in fields {
            let value = match f.as_str() {
                "paperId" => continue,
                "corpusId" => json!(p.external_ids.corpus_id),
                "url" => json!(format!("https://www.semanticscholar.org/paper/{}", p.paper_id)),
                "title" => json!(p.title),
                "venue" => json!(p.venue),
                "year" => json!(p.year),
                "publicationDate" => json!(p.publication_date),
                "authors" => {
                    Value::Array(p.authors.iter().map(|(id, name)| json!({"authorId": id, "name": name})).collect())
                }
                "citationCount" => json!(p.citation_count),
                "referenceCount" => json!(self.index.references[i].len() + p.unlinked_references.len()),
                "influentialCitationCount" => json!(self.index.influential[i]),
                "externalIds" => serde_json::to_value(&p.external_ids).expect("external ids serialise"),
                "isOpenAccess" => json!(false),
                "embedding" => {
                    p.embedding.as_ref().map_or(Value::Null, |v| json!({"model": "specter_v2", "vector": v}))
                }
                _ => Value::Null,
            };
            m.insert(f.clone(), value);
        }
        Value::Object(m)
    }

    /// A paper with its nested `references`/`citations` lists when asked (cut at 1000, newest
    /// citations first; empty for papers whose nested references S2 loses).
    fn full_json(&self, i: usize, fields: &Fields) -> Value {
        let mut paper = self.paper_json(i, &fields.paper);
        let u = &self.universe;
        if fields.paper.iter().any(|f| f == "references") {
            let rows: Vec<Value> = if u.papers[i].nested_references_empty || u.papers[i].references_elided {
                Vec::new()
            } else {
                self.index.references[i]
                    .iter()
                    .take(NESTED_CAP)
                    .map(|&k| self.paper_json(u.edges[k].cited, &fields.references))
                    .collect()
            };
            paper["references"] = Value::Array(rows);
        }
        if fields.paper.iter().any(|f| f == "citations") {
            let rows: Vec<Value> = self.index.citations[i]
                .iter()
                .take(NESTED_CAP)
                .map(|&k| self.paper_json(u.edges[k].citing, &fields.citations))
                .collect();
            paper["citations"] = Value::Array(rows);
        }
        paper
    }

    /// `POST /recommendations/v1/papers/`.
    fn recommend_for_lists(&self, params: &HashMap<String, String>, body: &[u8]) -> Answer {
        let Ok(body) = serde_json::from_slice::<Value>(body) else {
            return app_error(400, "Unacceptable body: not JSON");
        };
        let ids = |key: &str| -> Vec<String> {
            body.get(key)
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                .unwrap_or_default()
        };
        self.recommend(params, &ids("positivePaperIds"), &ids("negativePaperIds"))
    }

    /// Recommendations: the papers with an embedding closest to the positives' centroid (away
    /// from the negatives'), best first, the seeds themselves dropped.
    fn recommend(&self, params: &HashMap<String, String>, positives: &[String], negatives: &[String]) -> Answer {
        let fields = match parse_fields(params.get("fields"), false) {
            Ok(f) => f,
            Err(answer) => return answer,
        };
        let limit: usize = match params.get("limit").map(|l| l.parse::<usize>()) {
            None => 100,
            Some(Ok(l)) if l <= 500 => l,
            Some(_) => return app_error(400, "Unacceptable query params: [limit] (limit must be <= 500)"),
        };
        if positives.is_empty() {
            return app_error(400, "No positive paper examples given");
        }
        let mut seeds = Vec::new();
        for id in positives.iter().chain(negatives) {
            match self.universe.lookup(id) {
                Some(i) => seeds.push(i),
                None => return app_error(404, &format!("Paper with id {id} not found")),
            }
        }
        let centroid = |ids: &[usize]| -> Option<Vec<f32>> {
            let vectors: Vec<&Vec<f32>> =
                ids.iter().filter_map(|&i| self.universe.papers[i].embedding.as_ref()).collect();
            let first = vectors.first()?;
            let mut sum = vec![0.0f32; first.len()];
            for v in &vectors {
                for (s, x) in sum.iter_mut().zip(v.iter()) {
                    *s += x;
                }
            }
            Some(sum)
        };
        let (pos, neg) = seeds.split_at(positives.len());
        let Some(mut target) = centroid(pos) else {
            return json_answer(200, json!({"recommendedPapers": []}));
        };
        if let Some(away) = centroid(neg) {
            let scale = pos.len() as f32 / neg.len().max(1) as f32 * 0.5;
            for (t, a) in target.iter_mut().zip(away) {
                *t -= scale * a;
            }
        }
        let cosine = |a: &[f32], b: &[f32]| {
            let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
            let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
            let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
            if na == 0.0 || nb == 0.0 { 0.0 } else { dot / (na * nb) }
        };
        let mut scored: Vec<(usize, f32)> = (0..self.universe.papers.len())
            .filter(|i| !seeds.contains(i))
            .filter_map(|i| Some((i, cosine(&target, self.universe.papers[i].embedding.as_ref()?))))
            .filter(|&(_, c)| c > 0.0)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let papers: Vec<Value> =
            scored.into_iter().take(limit).map(|(i, _)| self.paper_json(i, &fields.paper)).collect();
        json_answer(200, json!({ "recommendedPapers": papers }))
    }

    /// A reference row S2 could not link, as the real service sends it: ids null, raw strings, no authors.
    fn unlinked_json(text: &str, k: usize, fields: &[String]) -> Value {
        let mut m = Map::new();
        m.insert("paperId".into(), Value::Null);
        for f in fields {
            let value = match f.as_str() {
                "paperId" => continue,
                "title" | "venue" => json!(text),
                "year" => {
                    if k.is_multiple_of(2) {
                        json!(1937 + k as i32)
                    } else {
                        Value::Null
                    }
                }
                "authors" => json!([]),
                _ => Value::Null,
            };
            m.insert(f.clone(), value);
        }
        Value::Object(m)
    }

    fn batch(&self, params: &HashMap<String, String>, body: &[u8]) -> Answer {
        let fields = match parse_fields(params.get("fields"), false) {
            Ok(f) => f,
            Err(answer) => return answer,
        };
        let ids: Vec<String> = match serde_json::from_slice::<Value>(body) {
            Ok(v) => match v.get("ids").and_then(Value::as_array) {
                Some(ids) => ids.iter().map(|id| id.as_str().unwrap_or_default().to_owned()).collect(),
                None => return app_error(400, "Unacceptable body: expected {\"ids\": [...]}"),
            },
            Err(_) => return app_error(400, "Unacceptable body: not JSON"),
        };
        if ids.len() > 500 {
            return app_error(400, &format!("Too many ids in request: {} > 500", ids.len()));
        }
        let slots: Vec<Value> =
            ids.iter().map(|id| self.universe.lookup(id).map_or(Value::Null, |i| self.full_json(i, &fields))).collect();
        let answer = Value::Array(slots);
        if answer.to_string().len() > self.max_answer_bytes {
            return app_error(
                400,
                "Response would exceed maximum size. Please break your request into smaller batches or use the limit and offset features.",
            );
        }
        json_answer(200, answer)
    }

    fn title_match(&self, params: &HashMap<String, String>) -> Answer {
        let fields = match parse_fields(params.get("fields"), false) {
            Ok(f) => f,
            Err(answer) => return answer,
        };
        let query = params.get("query").cloned().unwrap_or_default();
        if query.trim().is_empty() {
            return app_error(400, "Unacceptable query params: [query=]");
        }
        if self.hyphen_blind && query.contains('-') {
            return app_error(404, "Title match not found");
        }
        let normalized = citegraph::model::normalize_title(&query);
        let (best, score) = match self.index.by_title.get(&normalized) {
            Some(&i) => (i, 180.25),
            None => {
                // The closest title by shared words, even when it is the wrong paper.
                let words: HashSet<&str> = normalized.split(' ').collect();
                let mut best = None;
                for (i, p) in self.universe.papers.iter().enumerate() {
                    let title = citegraph::model::normalize_title(&p.title);
                    let other: HashSet<&str> = title.split(' ').collect();
                    let jaccard = words.intersection(&other).count() as f64 / words.union(&other).count() as f64;
                    if best.is_none_or(|(_, b)| jaccard > b) {
                        best = Some((i, jaccard));
                    }
                }
                match best {
                    Some((i, jaccard)) if jaccard >= 0.3 => (i, 40.0 + 100.0 * jaccard),
                    _ => return app_error(404, "Title match not found"),
                }
            }
        };
        let mut hit = self.paper_json(best, &fields.paper);
        hit["matchScore"] = json!(score);
        json_answer(200, json!({ "data": [hit] }))
    }

    fn single(&self, id: &str, params: &HashMap<String, String>) -> Answer {
        let fields = match parse_fields(params.get("fields"), false) {
            Ok(f) => f,
            Err(answer) => return answer,
        };
        match self.universe.lookup(id) {
            Some(i) => json_answer(200, self.full_json(i, &fields)),
            None => app_error(404, &format!("Paper with id {id} not found")),
        }
    }

    fn listing(&self, id: &str, endpoint: &'static str, params: &HashMap<String, String>) -> Answer {
        let Some(i) = self.universe.lookup(id) else {
            return app_error(404, &format!("Paper with id {id} not found"));
        };
        let fields = match parse_fields(params.get("fields"), true) {
            Ok(f) => f,
            Err(answer) => return answer,
        };
        let number = |name: &str, default: u64| -> Result<u64, Answer> {
            match params.get(name) {
                None => Ok(default),
                Some(v) => v.parse().map_err(|_| app_error(400, &format!("Unacceptable query params: [{name}={v}]"))),
            }
        };
        let (offset, limit) = match (number("offset", 0), number("limit", 100)) {
            (Ok(o), Ok(l)) => (o, l),
            (Err(answer), _) | (_, Err(answer)) => return answer,
        };
        if limit > 1000 {
            return app_error(400, &format!("Unacceptable query params: [limit={limit}] (limit must be <= 1000)"));
        }
        if offset + limit >= 10_000 {
            return app_error(400, "offset + limit must be < 10000");
        }
        let p = &self.universe.papers[i];
        let mut page = Map::new();
        page.insert("offset".into(), json!(offset));
        let key = if endpoint == "references" { "citedPaper" } else { "citingPaper" };
        if endpoint == "references" {
            let disclaimer = p.references_elided.then_some({
                "Notice: The following paper fields have been elided by the publisher: {'references'}. \
                 Paper or abstract available at https://example.org/synthetic"
            });
            page.insert(
                "citingPaperInfo".into(),
                json!({
                    "paperId": p.paper_id, "title": p.title,
                    "externalIds": serde_json::to_value(&p.external_ids).expect("external ids serialise"),
                    "openAccessPdf": {"url": "", "status": if p.references_elided { "CLOSED" } else { "GREEN" },
                                      "license": null, "disclaimer": disclaimer},
                }),
            );
            if p.references_elided {
                page.insert("data".into(), Value::Null);
                return json_answer(200, Value::Object(page));
            }
        }
        let edge_json = |k: usize, other: Value| {
            let e = &self.universe.edges[k];
            let mut row = Map::new();
            for f in &fields.edge {
                let value = match f.as_str() {
                    "isInfluential" => json!(e.is_influential),
                    "intents" => json!(e.intents),
                    _ => json!([]),
                };
                row.insert(f.clone(), value);
            }
            row.insert(key.into(), other);
            Value::Object(row)
        };
        let linked: &[usize] =
            if endpoint == "references" { &self.index.references[i] } else { &self.index.citations[i] };
        let unlinked: &[String] = if endpoint == "references" { &p.unlinked_references } else { &[] };
        let total = (linked.len() + unlinked.len()) as u64;
        let end = (offset + limit).min(total);
        let mut rows = Vec::new();
        if !self.empty_pages.contains(&(i, endpoint, offset)) {
            for pos in offset.min(total)..end {
                let pos = pos as usize;
                rows.push(if pos < linked.len() {
                    let k = linked[pos];
                    let e = &self.universe.edges[k];
                    let other = if endpoint == "references" { e.cited } else { e.citing };
                    edge_json(k, self.paper_json(other, &fields.paper))
                } else {
                    let u = pos - linked.len();
                    let mut row = Map::new();
                    for f in &fields.edge {
                        row.insert(f.clone(), if f == "isInfluential" { json!(false) } else { json!([]) });
                    }
                    row.insert(key.into(), Self::unlinked_json(&unlinked[u], u, &fields.paper));
                    Value::Object(row)
                });
            }
        }
        if offset + limit < total {
            page.insert("next".into(), json!(offset + limit));
        }
        page.insert("data".into(), Value::Array(rows));
        json_answer(200, Value::Object(page))
    }
}
