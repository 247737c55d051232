//! The synthetic fixture universe: a small, deterministic world of papers and citations that
//! `citegraph demo` draws, the tests' mock Semantic Scholar serves, and the ranking is measured on.
//!
//! EVERYTHING HERE IS SYNTHETIC. Paper ids, counts, venues, dates, authors of non-listed papers and
//! every citation are made up by this generator; none of it is Semantic Scholar data. Only the
//! titles and arXiv ids of the 24 listed papers come from the public awesome list, so that the
//! built-in list resolves against the mock.

use crate::model::ExternalIds;
use crate::paper_list::{PaperId, PaperList};

/// What a fixture paper is, in truth: the ground truth the ranking is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// On the list.
    Listed,
    /// Belongs to the field but is not listed: a good candidate.
    Field,
    /// A generic, enormously cited paper (the ResNet kind) that many papers cite.
    Hub,
    /// Unrelated: cites or is cited by a listed paper once, in passing.
    Other,
}

/// One synthetic paper.
#[derive(Debug, Clone)]
pub struct FixturePaper {
    /// 40 hex characters, derived from the paper's position: synthetic.
    pub paper_id: String,
    /// Title.
    pub title: String,
    /// Publication year.
    pub year: Option<i32>,
    /// `""` when unknown, as S2 sends it.
    pub venue: String,
    /// `YYYY-MM-DD`.
    pub publication_date: Option<String>,
    /// (authorId, name); authorId may be missing.
    pub authors: Vec<(Option<String>, String)>,
    /// Global citation count; at least the number of citers in the universe.
    pub citation_count: u64,
    /// Identifiers (arXiv, DOI, corpus id, ...).
    pub external_ids: ExternalIds,
    /// What it is, in truth.
    pub kind: Kind,
    /// The publisher withheld the reference list (`/references` answers `data: null`).
    pub references_elided: bool,
    /// Reference rows S2 could not link (`paperId: null`), served after the linked ones.
    pub unlinked_references: Vec<String>,
    /// Its SPECTER2 embedding (`embedding.specter_v2`); `None`: S2 has none (`null`).
    pub embedding: Option<Vec<f32>>,
    /// Batch answers carry an empty nested `references` list for it although it has references
    /// (as S2 sometimes does: unknown, not none).
    pub nested_references_empty: bool,
}

impl FixturePaper {
    /// A paper with defaults: no ids beyond the corpus id, no authors, count fixed later.
    pub fn new(kind: Kind, title: impl Into<String>, year: Option<i32>) -> Self {
        FixturePaper {
            paper_id: String::new(),
            title: title.into(),
            year,
            venue: String::new(),
            publication_date: year.map(|y| format!("{y}-06-01")),
            authors: Vec::new(),
            citation_count: 0,
            external_ids: ExternalIds::default(),
            kind,
            references_elided: false,
            unlinked_references: Vec::new(),
            embedding: None,
            nested_references_empty: false,
        }
    }
}

/// One synthetic citation: `citing` cites `cited` (indices into `papers`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixtureEdge {
    /// The citing paper.
    pub citing: usize,
    /// The cited paper.
    pub cited: usize,
    /// An influential citation.
    pub is_influential: bool,
    /// Citation intents.
    pub intents: Vec<String>,
}

/// A world of papers and citations.
#[derive(Debug, Clone, Default)]
pub struct Universe {
    /// Papers; an index is a paper.
    pub papers: Vec<FixturePaper>,
    /// Citations.
    pub edges: Vec<FixtureEdge>,
}

/// A tiny deterministic generator (xorshift64*), so the universe never changes with a crate update.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    /// `k` distinct picks from `items`.
    pub fn sample<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut pool: Vec<T> = items.to_vec();
        let k = k.min(pool.len());
        for i in 0..k {
            let j = i + (self.next_u64() as usize) % (pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

const INTENTS: [&str; 3] = ["background", "methodology", "result"];

impl Universe {
    /// Adds a paper, giving it a synthetic paper id and corpus id; returns its index.
    pub fn add(&mut self, mut paper: FixturePaper) -> usize {
        let index = self.papers.len();
        if paper.paper_id.is_empty() {
            paper.paper_id = synthetic_paper_id(index);
        }
        if paper.external_ids.corpus_id.is_none() {
            paper.external_ids.corpus_id = Some(900_000 + index as u64);
        }
        self.papers.push(paper);
        index
    }

    /// Adds the citation `citing -> cited` (once; self-citations are ignored).
    pub fn cite(&mut self, citing: usize, cited: usize, is_influential: bool, intents: &[&str]) {
        if citing == cited || self.edges.iter().any(|e| e.citing == citing && e.cited == cited) {
            return;
        }
        self.edges.push(FixtureEdge {
            citing,
            cited,
            is_influential,
            intents: intents.iter().map(|s| (*s).to_owned()).collect(),
        });
    }

    /// Raises every paper's citation count to at least its number of citers in the universe.
    pub fn settle_counts(&mut self) {
        let mut citers = vec![0u64; self.papers.len()];
        for e in &self.edges {
            citers[e.cited] += 1;
        }
        for (paper, n) in self.papers.iter_mut().zip(citers) {
            paper.citation_count = paper.citation_count.max(n);
        }
    }

    /// Edges whose citing end is `paper` (its references), in insertion order.
    pub fn references_of(&self, paper: usize) -> impl Iterator<Item = &FixtureEdge> {
        self.edges.iter().filter(move |e| e.citing == paper)
    }

    /// Edges whose cited end is `paper` (its citations), newest citing paper first, as S2 orders them.
    pub fn citations_of(&self, paper: usize) -> Vec<&FixtureEdge> {
        let mut edges: Vec<&FixtureEdge> = self.edges.iter().filter(|e| e.cited == paper).collect();
        edges.sort_by_key(|e| std::cmp::Reverse(self.papers[e.citing].year));
        edges
    }

    /// Number of reference rows S2 would count (linked and unlinked).
    pub fn reference_count(&self, paper: usize) -> u64 {
        self.references_of(paper).count() as u64 + self.papers[paper].unlinked_references.len() as u64
    }

    /// The paper with this S2 id, arXiv id (any version) or DOI (any case), given in any S2 id form.
    pub fn lookup(&self, id: &str) -> Option<usize> {
        let (prefix, value) = match id.split_once(':') {
            Some((p, v)) => (p.to_ascii_lowercase(), v),
            None => (String::new(), id),
        };
        self.papers.iter().position(|p| match prefix.as_str() {
            "" => p.paper_id == value || p.external_ids.doi_key().as_deref() == Some(&value.to_ascii_lowercase()),
            "arxiv" => p.external_ids.arxiv.as_deref() == Some(crate::model::strip_arxiv_version(value)),
            "doi" => p.external_ids.doi_key().as_deref() == Some(&value.to_ascii_lowercase()),
            "corpusid" => p.external_ids.corpus_id.map(|c| c.to_string()).as_deref() == Some(value),
            "acl" => p.external_ids.acl.as_deref() == Some(value),
            _ => false,
        })
    }

    /// Adds a paper cited by `citers` new synthetic papers (more than 9,999 exercises the API's
    /// paging cap) and returns its index. Leaves the rest of the universe as it was.
    pub fn add_heavily_cited(&mut self, title: &str, citers: usize) -> usize {
        let mut target = FixturePaper::new(Kind::Hub, title, Some(2015));
        target.venue = "Synthetic Journal of Machine Learning".to_owned();
        let target = self.add(target);
        for k in 0..citers {
            let mut p =
                FixturePaper::new(Kind::Other, format!("Synthetic Citing Paper {k:05}"), Some(2016 + (k % 9) as i32));
            p.authors = vec![(Some(format!("{}", 20_000 + k)), format!("Citing Author {k}"))];
            let citing = self.add(p);
            // Pushed directly: `cite` checks for duplicates, which is quadratic at this size.
            self.edges.push(FixtureEdge {
                citing,
                cited: target,
                is_influential: k % 10 == 0,
                intents: vec!["background".to_owned()],
            });
        }
        self.papers[target].citation_count = citers as u64;
        target
    }

    /// Indices of papers of a kind.
    pub fn of_kind(&self, kind: Kind) -> Vec<usize> {
        (0..self.papers.len()).filter(|&i| self.papers[i].kind == kind).collect()
    }

    /// The universe around the built-in list: its 24 papers (titles and arXiv ids from the list;
    /// everything else synthetic), 40 unlisted field papers, 8 generic hubs and 300 unrelated
    /// papers. Deterministic: the same universe on every call.
    pub fn builtin_field() -> Universe {
        let list = PaperList::builtin();
        let mut rng = Rng::new(0x5EED_C17E);
        let mut u = Universe::default();

        // The listed papers. The OpenReview ones get no arXiv id here: they resolve by title.
        let listed: Vec<usize> = list
            .papers
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let year =
                    p.year().map(|y| if p.id.as_ref().is_some_and(|id| id.kind() == "OpenReview") { y - 1 } else { y });
                let mut paper = FixturePaper::new(Kind::Listed, p.title.clone(), year);
                if let Some(PaperId::Arxiv(arxiv)) = &p.id {
                    paper.external_ids.arxiv = Some(arxiv.clone());
                    paper.external_ids.doi = Some(format!("10.48550/arXiv.{arxiv}"));
                    paper.venue = "arXiv.org".to_owned();
                } else {
                    paper.venue = "International Conference on Learning Representations".to_owned();
                }
                paper.publication_date = year.map(|y| format!("{y}-{:02}-{:02}", 1 + i % 12, 1 + (i * 7) % 28));
                paper.authors = p
                    .authors
                    .iter()
                    .enumerate()
                    .map(|(k, name)| (Some(format!("{}", 7000 + i * 40 + k)), name.clone()))
                    .collect();
                if paper.authors.is_empty() {
                    paper.authors = vec![(Some(format!("{}", 7000 + i * 40)), format!("Synthetic Author {i}"))];
                }
                paper.unlinked_references =
                    (0..(i % 3)).map(|k| format!("Synthetic unresolved reference {i}-{k}, Proc. Nowhere")).collect();
                u.add(paper)
            })
            .collect();
        // One publisher withholds a reference list.
        u.papers[listed[18]].references_elided = true;

        // Unlisted papers of the field.
        let field: Vec<usize> = (0..40)
            .map(|k| {
                let year = Some(2022 + (k % 3));
                let mut p = FixturePaper::new(
                    Kind::Field,
                    format!("Synthetic Field Paper {k:02}: Recursive Training and Model Collapse, Part {}", k % 5 + 1),
                    year,
                );
                p.venue = if k % 7 == 0 { String::new() } else { "Synthetic Conference on Learning".to_owned() };
                if k % 2 == 0 {
                    p.external_ids.arxiv = Some(format!("2{}{:02}.{:05}", 2 + k % 3, 1 + k % 12, 10_000 + k));
                }
                p.authors = vec![
                    (Some(format!("{}", 8000 + k)), format!("Field Author {k}")),
                    (None, "A. Nonymous".to_owned()),
                ];
                p.citation_count = rng.range(20, 400);
                u.add(p)
            })
            .collect();

        // Generic hubs: enormously cited, cited by nearly everyone.
        let hubs: Vec<usize> = (0..8)
            .map(|k| {
                let mut p = FixturePaper::new(
                    Kind::Hub,
                    format!("Synthetic Generic Hub {k}: A Deep Architecture Everyone Cites"),
                    Some(2014 + k),
                );
                p.venue = "Synthetic Journal of Machine Learning".to_owned();
                p.external_ids.doi = Some(format!("10.5555/SYNTH.HUB.{k}"));
                p.citation_count = 50_000 + 15_000 * k as u64;
                p.authors = vec![(Some(format!("{}", 9000 + k)), format!("Hub Author {k}"))];
                u.add(p)
            })
            .collect();

        // Unrelated papers, some old classics with many citations.
        let others: Vec<usize> = (0..300)
            .map(|k| {
                let classic = k % 25 == 0;
                let year =
                    if k % 41 == 0 { None } else { Some(if classic { 1995 + (k % 20) } else { 2019 + (k % 6) }) };
                let mut p = FixturePaper::new(
                    Kind::Other,
                    format!("Synthetic Unrelated Paper {k:03} on Topic {}", k % 17),
                    year,
                );
                if k % 5 != 0 {
                    p.venue = format!("Synthetic Venue {}", k % 9);
                }
                p.citation_count = if classic { rng.range(3_000, 20_000) } else { rng.range(0, 60) };
                p.authors = vec![(Some(format!("{}", 10_000 + k)), format!("Other Author {k}"))];
                u.add(p)
            })
            .collect();

        // Listed papers cite earlier listed papers.
        for (a, &pa) in listed.iter().enumerate() {
            for &pb in &listed[..a] {
                if rng.chance(0.35) && u.papers[pb].year <= u.papers[pa].year {
                    let infl = rng.chance(0.3);
                    u.cite(pa, pb, infl, &[INTENTS[a % 3]]);
                }
            }
        }
        // Field papers: cited by and citing several listed papers; cite each other and hubs.
        for (k, &f) in field.iter().enumerate() {
            let cited_by = rng.sample(&listed, 2 + k % 6);
            for l in cited_by {
                let infl = rng.chance(0.25);
                u.cite(l, f, infl, &["background", "methodology"][..1 + k % 2]);
            }
            for l in rng.sample(&listed, 1 + k % 4) {
                u.cite(f, l, rng.chance(0.2), &["background"]);
            }
            for g in rng.sample(&field, 3) {
                u.cite(f, g, false, &["background"]);
            }
            for h in rng.sample(&hubs, 2) {
                u.cite(f, h, false, &[]);
            }
        }
        // Hubs: cited by most listed papers and by most of everything else.
        for &h in &hubs {
            for l in rng.sample(&listed, 14 + (h % 7)) {
                u.cite(l, h, false, &["background"]);
            }
        }
        // Unrelated papers: each touches the list once, in passing, and cites a hub or two.
        for (k, &o) in others.iter().enumerate() {
            let l = listed[(rng.next_u64() as usize) % listed.len()];
            if k % 25 == 0 || k % 3 == 0 {
                // A listed paper cites it (a classic, or an aside).
                u.cite(l, o, false, &["background"]);
            } else {
                u.cite(o, l, false, &["background"]);
            }
            for h in rng.sample(&hubs, 1 + k % 2) {
                u.cite(o, h, false, &[]);
            }
        }
        u.settle_counts();
        u
    }
}

/// A synthetic 40-hex paper id: recognisably not a real one (it starts with `5f5f` = "__").
pub fn synthetic_paper_id(index: usize) -> String {
    format!("5f5f{:036x}", (index as u128 + 1) * 0x9E37_79B9_7F4A_7C15)
}
