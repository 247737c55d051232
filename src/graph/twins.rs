//! Stage 3, preprint/published twins: two Semantic Scholar records of one paper (one with only an
//! arXiv id, one with only a DOI; the same title; overlapping authors; years at most two apart)
//! become one node. Never merged: different titles ("Part I" and "Part II", "A comment on X"
//! and "X"), the same title by other authors, conflicting arXiv ids or publisher DOIs, or two
//! listed papers.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{PaperMeta, normalize_title};

/// Titles shorter than this (in words) are too generic to say two records are one paper.
const MIN_TITLE_WORDS: usize = 3;
/// Years at most this far apart.
const MAX_YEAR_GAP: i32 = 2;

/// Maps each twin record's id to the id of the record it merges into (a listed record first,
/// then one with a publisher DOI, then the smallest id).
pub fn twins(papers: &BTreeMap<String, PaperMeta>, listed: &HashSet<&str>) -> HashMap<String, String> {
    let mut by_title: BTreeMap<String, Vec<&PaperMeta>> = BTreeMap::new();
    for meta in papers.values() {
        let title = normalize_title(&meta.title);
        if title.split(' ').count() >= MIN_TITLE_WORDS {
            by_title.entry(title).or_default().push(meta);
        }
    }
    let mut out = HashMap::new();
    for group in by_title.values().filter(|g| g.len() > 1) {
        let mut group = group.clone();
        group.sort_by_key(|m| (!listed.contains(m.paper_id.as_str()), publisher_doi(m).is_none(), m.paper_id.clone()));
        let mut canonical: Vec<&PaperMeta> = Vec::new();
        for meta in group {
            match canonical.iter().find(|c| are_twins(c, meta, listed)) {
                Some(c) => {
                    out.insert(meta.paper_id.clone(), c.paper_id.clone());
                }
                None => canonical.push(meta),
            }
        }
    }
    out
}

/// Whether two records with the same normalised title are one paper.
pub fn are_twins(a: &PaperMeta, b: &PaperMeta, listed: &HashSet<&str>) -> bool {
    if a.paper_id == b.paper_id || (listed.contains(a.paper_id.as_str()) && listed.contains(b.paper_id.as_str())) {
        return false;
    }
    if normalize_title(&a.title) != normalize_title(&b.title) {
        return false;
    }
    match (a.year, b.year) {
        (Some(x), Some(y)) if (x - y).abs() <= MAX_YEAR_GAP => {}
        _ => return false,
    }
    if let (Some(x), Some(y)) = (a.external_ids.arxiv_key(), b.external_ids.arxiv_key())
        && x != y
    {
        return false;
    }
    if let (Some(x), Some(y)) = (publisher_doi(a), publisher_doi(b))
        && x != y
    {
        return false;
    }
    let surnames = |m: &PaperMeta| -> HashSet<String> {
        m.authors.iter().filter_map(|au| au.name.split_whitespace().last()).map(normalize_title).collect()
    };
    let (x, y) = (surnames(a), surnames(b));
    let shared = x.intersection(&y).count();
    shared > 0 && 2 * shared >= x.len().min(y.len())
}

/// A DOI that is not arXiv's own (`10.48550/arXiv.…`), lower case.
fn publisher_doi(meta: &PaperMeta) -> Option<String> {
    meta.external_ids.doi_key().filter(|d| !d.starts_with("10.48550/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, ExternalIds};

    fn paper(id: &str, title: &str, year: i32, authors: &[&str], arxiv: Option<&str>, doi: Option<&str>) -> PaperMeta {
        PaperMeta {
            paper_id: id.into(),
            title: title.into(),
            year: Some(year),
            authors: authors.iter().map(|n| Author { author_id: None, name: (*n).into() }).collect(),
            external_ids: ExternalIds { arxiv: arxiv.map(Into::into), doi: doi.map(Into::into), ..Default::default() },
            ..Default::default()
        }
    }

    fn map(papers: Vec<PaperMeta>) -> BTreeMap<String, PaperMeta> {
        papers.into_iter().map(|p| (p.paper_id.clone(), p)).collect()
    }

    const T: &str = "Self-Consuming Generative Models Go MAD";

    #[test]
    fn a_preprint_and_its_published_version_are_twins() {
        let papers = map(vec![
            paper("pre", T, 2023, &["Sina Alemohammad", "Richard Baraniuk"], Some("2307.01850"), None),
            paper(
                "pub",
                "Self-consuming generative models go MAD.",
                2024,
                &["S. Alemohammad", "R. G. Baraniuk"],
                None,
                Some("10.1/ICLR.1"),
            ),
        ]);
        let t = twins(&papers, &HashSet::new());
        assert_eq!(t.get("pre").map(String::as_str), Some("pub"), "the published record is kept: {t:?}");
        assert_eq!(t.len(), 1);
        // A listed record is always the one kept.
        let t = twins(&papers, &HashSet::from(["pre"]));
        assert_eq!(t.get("pub").map(String::as_str), Some("pre"));
    }

    #[test]
    fn part_one_and_part_two_are_not_twins() {
        let papers = map(vec![
            paper("a", "Model Collapse in Theory, Part I", 2023, &["A. Author"], Some("2301.00001"), None),
            paper("b", "Model Collapse in Theory, Part II", 2023, &["A. Author"], None, Some("10.1/b")),
        ]);
        assert!(twins(&papers, &HashSet::new()).is_empty());
    }

    #[test]
    fn the_same_title_by_other_authors_is_not_a_twin() {
        let papers = map(vec![
            paper("a", T, 2023, &["Sina Alemohammad"], Some("2307.01850"), None),
            paper("b", T, 2024, &["Jane Other", "John Else"], None, Some("10.1/b")),
        ]);
        assert!(twins(&papers, &HashSet::new()).is_empty());
    }

    #[test]
    fn a_comment_on_a_paper_is_not_its_twin() {
        let papers = map(vec![
            paper("a", T, 2023, &["Sina Alemohammad"], Some("2307.01850"), None),
            paper("b", &format!("A Comment on “{T}”"), 2024, &["Sina Alemohammad"], None, Some("10.1/b")),
        ]);
        assert!(twins(&papers, &HashSet::new()).is_empty());
    }

    #[test]
    fn far_apart_years_conflicting_ids_and_two_listed_records_are_not_twins() {
        let far = map(vec![
            paper("a", T, 2015, &["Sina Alemohammad"], Some("1501.00001"), None),
            paper("b", T, 2024, &["Sina Alemohammad"], None, Some("10.1/b")),
        ]);
        assert!(twins(&far, &HashSet::new()).is_empty());
        let arxiv = map(vec![
            paper("a", T, 2023, &["Sina Alemohammad"], Some("2307.01850"), None),
            paper("b", T, 2023, &["Sina Alemohammad"], Some("2307.09999"), None),
        ]);
        assert!(twins(&arxiv, &HashSet::new()).is_empty());
        let dois = map(vec![
            paper("a", T, 2023, &["Sina Alemohammad"], None, Some("10.1/a")),
            paper("b", T, 2023, &["Sina Alemohammad"], None, Some("10.1/b")),
        ]);
        assert!(twins(&dois, &HashSet::new()).is_empty());
        let both_listed = map(vec![
            paper("a", T, 2023, &["Sina Alemohammad"], Some("2307.01850"), None),
            paper("b", T, 2024, &["Sina Alemohammad"], None, Some("10.1/b")),
        ]);
        assert!(twins(&both_listed, &HashSet::from(["a", "b"])).is_empty());
    }
}
