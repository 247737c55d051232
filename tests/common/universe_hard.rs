//! A second, harder fixture universe for the deeper discovery: what the real literature has and
//! direct links alone cannot see. EVERYTHING HERE IS SYNTHETIC (ids, titles, authors, counts,
//! citations, embeddings); none of it is Semantic Scholar data.
//!
//! Four sections, each a community with its own topic (embedding direction) and its own older
//! foundations. The truth ([`Kind::Field`]) is:
//! - foundations: older papers the section's listed papers cite (direct links);
//! - follow-ups: newer papers citing several listed papers of their section (direct links);
//! - hidden papers: the section's missing work with NO direct link (they neither cite nor are
//!   cited by a listed paper), co-cited with the section by its follow-ups, sharing its
//!   foundations, close to it in content;
//! - one-link papers: cite one listed paper among many references, co-cited like hidden ones.
//!
//! The noise ([`Kind::Hub`], [`Kind::Other`]): generic hubs everyone cites; popular adjacent work
//! the list cites in passing; follow-ups that cite the list in passing among many unrelated
//! references; papers close in content to the field with no citation tie; an unrelated pool.
//! Also: preprint/published twins, "Part I"/"Part II" pairs, a same-title paper by other authors,
//! and nested reference lists that come back empty.

use citegraph::paper_list::{ListSource, PaperList, parse_markdown};

use super::universe::{FixturePaper, Kind, Rng, Universe};

/// Sections of the hard list.
pub const SECTIONS: [&str; 4] = ["Theory", "Mitigation", "Evaluation", "Applications"];
/// Embedding dimensions (real SPECTER2 has 768; the client does not care).
const DIM: usize = 48;

/// The hard universe with its list and the roles of its papers.
#[derive(Debug, Clone)]
pub struct HardField {
    /// The papers and citations.
    pub universe: Universe,
    /// The list, as Markdown.
    pub markdown: String,
    /// Truth papers with no direct link to the list.
    pub hidden: Vec<usize>,
    /// Preprint records merged into their published twins (preprint, published).
    pub twins: Vec<(usize, usize)>,
}

impl HardField {
    /// The list.
    pub fn list(&self) -> PaperList {
        parse_markdown(ListSource::Stdin, &self.markdown)
    }
}

fn unit(v: Vec<f32>) -> Vec<f32> {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.into_iter().map(|x| x / n).collect()
}

fn gaussian_ish(rng: &mut Rng) -> f32 {
    // Sum of uniforms: close enough to a normal for direction noise.
    (0..4).map(|_| (rng.next_u64() >> 11) as f32 / (1u64 << 53) as f32 - 0.5).sum::<f32>()
}

fn random_unit(rng: &mut Rng) -> Vec<f32> {
    unit((0..DIM).map(|_| gaussian_ish(rng)).collect())
}

/// `a·global + b·topic + c·noise`, unit length.
fn mix(rng: &mut Rng, global: &[f32], topic: &[f32], a: f32, b: f32, c: f32) -> Vec<f32> {
    let noise = random_unit(rng);
    unit((0..DIM).map(|i| a * global[i] + b * topic[i] + c * noise[i]).collect())
}

/// Builds the hard universe. Deterministic.
pub fn hard_field() -> HardField {
    let mut rng = Rng::new(0x4A4D);
    let mut u = Universe::default();
    let global = random_unit(&mut rng);
    let topics: Vec<Vec<f32>> = (0..SECTIONS.len()).map(|_| random_unit(&mut rng)).collect();
    let mut markdown = String::from("# A synthetic hard list\n");
    let mut hidden = Vec::new();
    let mut twins = Vec::new();

    let field = |u: &mut Universe, rng: &mut Rng, title: String, year: i32, s: usize, authors: usize| {
        let mut p = FixturePaper::new(Kind::Field, title, Some(year));
        p.venue = format!("Synthetic Venue of {}", SECTIONS[s]);
        p.authors = (0..authors)
            .map(|k| {
                (
                    Some(format!("{}", 30_000 + u.papers.len() * 10 + k)),
                    format!("Author{} Surname{}", k, u.papers.len()),
                )
            })
            .collect();
        p.embedding = Some(mix(rng, &global, &topics[s], 0.5, 0.85, 0.3));
        p.citation_count = rng.range(10, 300);
        u.add(p)
    };

    // Hubs and an unrelated pool.
    let hubs: Vec<usize> = (0..6)
        .map(|k| {
            let mut p =
                FixturePaper::new(Kind::Hub, format!("Hard Generic Hub {k}: A Method Everyone Uses"), Some(2012 + k));
            p.citation_count = 40_000 + 10_000 * k as u64;
            p.external_ids.doi = Some(format!("10.5555/HARD.HUB.{k}"));
            p.embedding = Some(mix(&mut rng, &global, &random_unit(&mut Rng::new(900 + k as u64)), 0.6, 0.6, 0.5));
            u.add(p)
        })
        .collect();
    let pool: Vec<usize> = (0..300)
        .map(|k| {
            let mut p = FixturePaper::new(
                Kind::Other,
                format!("Hard Unrelated Paper {k:03} about Subject {}", k % 23),
                Some(2015 + (k % 10)),
            );
            p.citation_count = rng.range(0, 120);
            p.authors = vec![(Some(format!("{}", 60_000 + k)), format!("Pool Author {k}"))];
            let t = random_unit(&mut rng);
            p.embedding = Some(mix(&mut rng, &global, &t, 0.5, 0.6, 0.6));
            u.add(p)
        })
        .collect();

    let mut all_listed = Vec::new();
    for (s, name) in SECTIONS.iter().enumerate() {
        // Foundations: older work of the section.
        let foundations: Vec<usize> = (0..6)
            .map(|k| {
                let part = if k == 4 {
                    " Part I"
                } else if k == 5 {
                    " Part II"
                } else {
                    ""
                };
                let title = format!("Foundations of {name} {k}: An Older Study{part}");
                let f = field(&mut u, &mut rng, title, 2016 + (k % 5), s, 2);
                u.papers[f].citation_count = rng.range(80, 900);
                u.papers[f].external_ids.doi = Some(format!("10.7777/found.{s}.{k}"));
                f
            })
            .collect();
        // The listed papers.
        markdown.push_str(&format!("\n## {name}\n"));
        let listed: Vec<usize> = (0..8)
            .map(|k| {
                let arxiv = format!("23{:02}.{:05}", 1 + s, 100 + k);
                let title = format!("Listed Work {k} on {name}: A Synthetic Contribution");
                markdown.push_str(&format!("{}. [{title}](https://arxiv.org/abs/{arxiv})\n", k + 1));
                let mut p = FixturePaper::new(Kind::Listed, title, Some(2022 + (k % 2) as i32));
                p.external_ids.arxiv = Some(arxiv);
                p.venue = "arXiv.org".to_owned();
                p.authors = vec![(Some(format!("{}", 50_000 + s * 100 + k)), format!("Listed Author{s}{k}"))];
                p.embedding = Some(mix(&mut rng, &global, &topics[s], 0.5, 0.85, 0.3));
                u.add(p)
            })
            .collect();
        all_listed.extend(&listed);
        for (a, &la) in listed.iter().enumerate() {
            for &f in &rng.sample(&foundations, 3) {
                u.cite(la, f, rng.chance(0.3), &["background"]);
            }
            for &lb in &listed[..a] {
                if rng.chance(0.3) {
                    u.cite(la, lb, false, &["methodology"]);
                }
            }
            for &h in &rng.sample(&hubs, 2) {
                u.cite(la, h, false, &[]);
            }
        }
        // Twins: a preprint record of two foundations (arXiv only, a year earlier); some listed
        // papers cite the preprint instead of the published version.
        for (k, &published) in foundations.iter().enumerate().take(2) {
            let mut pre = u.papers[published].clone();
            pre.paper_id = String::new();
            pre.external_ids = Default::default();
            pre.external_ids.arxiv = Some(format!("19{:02}.{:05}", 1 + s, 500 + k));
            pre.year = pre.year.map(|y| y - 1);
            pre.citation_count /= 4;
            let pre = u.add(pre);
            u.papers[published].external_ids.arxiv = None;
            for &l in &rng.sample(&listed, 2) {
                u.cite(l, pre, false, &["background"]);
            }
            twins.push((pre, published));
        }
        // The same title by other authors (not a twin).
        let mut other =
            FixturePaper::new(Kind::Other, u.papers[foundations[2]].title.clone(), u.papers[foundations[2]].year);
        other.authors = vec![(Some(format!("{}", 70_000 + s)), "Someone Different".to_owned())];
        other.external_ids.doi = Some(format!("10.8888/other.{s}"));
        other.citation_count = 5;
        let other = u.add(other);
        u.cite(pool[s], other, false, &[]);
        // Hidden papers: no direct link; they build on the foundations.
        let section_hidden: Vec<usize> = (0..6)
            .map(|k| {
                let h = field(
                    &mut u,
                    &mut rng,
                    format!("Hidden Advance {k} in {name}: Unlinked but Central"),
                    2023 + (k % 2) as i32,
                    s,
                    3,
                );
                for &f in &rng.sample(&foundations, 5) {
                    u.cite(h, f, false, &["background"]);
                }
                u.cite(h, hubs[k % hubs.len()], false, &[]);
                h
            })
            .collect();
        hidden.extend(&section_hidden);
        // One-link papers: cite one listed paper among many references.
        let one_link: Vec<usize> = (0..3)
            .map(|k| {
                let p = field(&mut u, &mut rng, format!("Related Result {k} for {name}: Loosely Linked"), 2024, s, 2);
                u.cite(p, listed[(k * 3) % listed.len()], false, &["background"]);
                for &f in &rng.sample(&foundations, 4) {
                    u.cite(p, f, false, &["background"]);
                }
                for &x in &rng.sample(&pool, 25) {
                    u.cite(p, x, false, &[]);
                }
                p
            })
            .collect();
        // Follow-ups: cite several listed papers, hidden and one-link papers, foundations.
        for k in 0..8 {
            let fu =
                field(&mut u, &mut rng, format!("Follow-up {k} in {name}: Building on the List"), 2024 + (k % 2), s, 2);
            u.papers[fu].citation_count = rng.range(2, 40);
            for &l in &rng.sample(&listed, 3) {
                u.cite(fu, l, rng.chance(0.2), &["methodology"]);
            }
            for &h in &rng.sample(&section_hidden, 3) {
                u.cite(fu, h, false, &["background"]);
            }
            for &o in &rng.sample(&one_link, 2) {
                u.cite(fu, o, false, &["background"]);
            }
            for &f in &rng.sample(&foundations, 3) {
                u.cite(fu, f, false, &[]);
            }
            for &x in &rng.sample(&pool, 6) {
                u.cite(fu, x, false, &[]);
            }
            u.papers[fu].nested_references_empty = k == 7;
        }
        // Popular adjacent work the list cites in passing.
        for k in 0..5 {
            let mut p =
                FixturePaper::new(Kind::Other, format!("Popular Adjacent Work {k} near {name}"), Some(2019 + k as i32));
            p.citation_count = rng.range(2_000, 20_000);
            p.authors = vec![(Some(format!("{}", 80_000 + s * 10 + k)), format!("Adjacent Author {s}{k}"))];
            p.embedding = Some(mix(&mut rng, &global, &topics[s], 0.5, 0.45, 0.7));
            let p = u.add(p);
            u.cite(listed[k], p, false, &["background"]);
            u.cite(listed[(k + 3) % listed.len()], p, false, &["background"]);
        }
        // Close in content, no citation tie at all.
        for k in 0..6 {
            let mut p = FixturePaper::new(
                Kind::Other,
                format!("Same-Topic Paper {k} near {name}: Never Cited Together"),
                Some(2024),
            );
            p.citation_count = rng.range(0, 60);
            p.authors = vec![(Some(format!("{}", 85_000 + s * 10 + k)), format!("Topic Author {s}{k}"))];
            p.embedding = Some(mix(&mut rng, &global, &topics[s], 0.5, 0.7, 0.5));
            let p = u.add(p);
            u.cite(p, pool[(s * 6 + k) % pool.len()], false, &[]);
        }
    }
    // Follow-ups that cite the list in passing, among many unrelated references.
    for k in 0..160 {
        let mut p = FixturePaper::new(
            Kind::Other,
            format!("Passing Citer {k:03}: Elsewhere in Science"),
            Some(2023 + (k % 3) as i32),
        );
        p.citation_count = rng.range(20, 400);
        p.authors = vec![(Some(format!("{}", 90_000 + k)), format!("Passing Author {k}"))];
        let t = random_unit(&mut rng);
        p.embedding = Some(mix(&mut rng, &global, &t, 0.5, 0.6, 0.6));
        p.nested_references_empty = k % 17 == 0;
        let p = u.add(p);
        for &l in &rng.sample(&all_listed, 1 + k % 2) {
            u.cite(p, l, false, &["background"]);
        }
        // A third are short workshop papers: two listed papers among a handful of references,
        // which is what a cosine over direct links likes best.
        let short = k % 3 == 0;
        if short {
            p_short(&mut u, p, &mut rng, &all_listed);
        }
        for &x in &rng.sample(&pool, if short { 2 } else { 8 + k % 30 }) {
            u.cite(p, x, false, &[]);
        }
        for &h in &rng.sample(&hubs, 2) {
            u.cite(p, h, false, &[]);
        }
    }
    u.settle_counts();
    for p in &mut u.papers {
        if p.title.starts_with("Passing Citer") && p.authors.first().is_some_and(|a| a.1.ends_with("(short)")) {
            p.citation_count = p.citation_count.min(10);
        }
    }
    HardField { universe: u, markdown, hidden, twins }
}

/// Makes a passing citer a short paper citing a second listed paper.
fn p_short(u: &mut Universe, p: usize, rng: &mut Rng, listed: &[usize]) {
    let l = listed[(rng.next_u64() as usize) % listed.len()];
    u.cite(p, l, false, &["background"]);
    u.papers[p].citation_count = rng.range(0, 10);
    if let Some(a) = u.papers[p].authors.first_mut() {
        a.1.push_str(" (short)");
    }
}
