//! The built-in list parses to exactly the 24 papers of the published awesome list.

use citegraph::paper_list::{PaperId, PaperList};

#[test]
fn the_builtin_list_has_24_papers_in_6_sections() {
    let list = PaperList::builtin();
    assert_eq!(list.name, "awesome-self-consuming-ai-papers");
    assert_eq!(list.papers.len(), 24);
    let sections: Vec<(&str, usize)> =
        list.sections.iter().map(|s| (s.name.as_str(), list.papers_in(&s.name).count())).collect();
    assert_eq!(
        sections,
        [
            ("Foundational work", 2),
            ("Solving MADness", 3),
            ("Analyzing or explaining self-consumption/MADness (via theory)", 5),
            ("Additional observations of MADness in self-consumption", 3),
            ("Ethical and societal implications of MADness", 5),
            ("Self-consumption for good (i.e., training generative models on AI-generated or AI-curated data)", 6),
        ]
    );
    assert!(list.papers.iter().all(|p| p.problems.is_empty()), "the built-in list has no warnings");
}

#[test]
fn the_builtin_list_has_the_exact_identifiers() {
    let list = PaperList::builtin();
    let ids: Vec<String> = list.papers.iter().map(|p| p.id.as_ref().unwrap().to_string()).collect();
    assert_eq!(
        ids,
        [
            "arXiv:2305.17493",
            "OpenReview:ShjMHfmPs0",
            "arXiv:2402.07087",
            "arXiv:2404.01413",
            "arXiv:2405.13977",
            "arXiv:2402.07043",
            "OpenReview:JORAfH2xFd",
            "arXiv:2402.07712",
            "arXiv:2402.11778",
            "arXiv:2404.02325",
            "arXiv:2311.12202",
            "arXiv:2311.09807",
            "arXiv:2311.16822",
            "arXiv:2307.07367",
            "arXiv:2312.00506",
            "arXiv:2402.06627",
            "OpenReview:taFdHx5RTd",
            "arXiv:2404.03502",
            "arXiv:2308.08638",
            "OpenReview:pyW37euNXb",
            "arXiv:2401.05033",
            "arXiv:2402.06121",
            "arXiv:2402.09668",
            "OpenReview:wPW3k20lkW",
        ]
    );
    let arxiv = list.papers.iter().filter(|p| matches!(p.id, Some(PaperId::Arxiv(_)))).count();
    let openreview = list.papers.iter().filter(|p| matches!(p.id, Some(PaperId::OpenReview(_)))).count();
    assert_eq!((arxiv, openreview), (19, 5));
    let from_pdf: Vec<&str> = list
        .papers
        .iter()
        .filter(|p| p.url.as_deref().is_some_and(|u| u.contains("/pdf/")))
        .map(|p| p.id.as_ref().unwrap().value())
        .collect();
    assert_eq!(from_pdf, ["2405.13977"]);
}

#[test]
fn the_builtin_list_has_the_venue_tags_and_years() {
    let list = PaperList::builtin();
    let tags: Vec<(String, String, Option<i32>)> = list
        .papers
        .iter()
        .map(|p| {
            let t = p.tag.as_ref().unwrap();
            (t.raw.clone(), t.venue.clone(), t.year)
        })
        .collect();
    let count = |raw: &str| tags.iter().filter(|(r, _, _)| r == raw).count();
    assert_eq!(count("arXiv 23"), 7);
    assert_eq!(count("arXiv 24"), 12);
    assert_eq!(count("ICLR 24"), 2);
    assert!(tags.contains(&("ICLR 2024 AGI Workshop".into(), "ICLR AGI Workshop".into(), Some(2024))));
    assert!(tags.contains(&("ICLR 24 rejected".into(), "ICLR rejected".into(), Some(2024))));
    assert!(tags.contains(&("CVPR SyntaGen 24".into(), "CVPR SyntaGen".into(), Some(2024))));
    assert_eq!(tags[0], ("arXiv 23".into(), "arXiv".into(), Some(2023)));
}

#[test]
fn the_builtin_list_has_titles_authors_and_notes() {
    let list = PaperList::builtin();
    let by_title = |t: &str| list.papers.iter().find(|p| p.title == t).unwrap_or_else(|| panic!("no paper titled {t}"));
    assert!(by_title("The Curse of Recursion: Training on Generated Data Makes Models Forget").authors.is_empty());
    assert_eq!(
        by_title("Model Collapse Demystified: The Case of Regression").authors,
        ["Elvis Dohmatob", "Yunzhen Feng", "Julia Kempe"]
    );
    assert_eq!(by_title("AI and the Problem of Knowledge Collapse").authors, ["Andrew J. Peterson"]);
    let diversity = by_title("The Curious Decline of Linguistic Diversity: Training Language Models on Synthetic Text");
    assert_eq!(diversity.authors.last().unwrap(), "Chloé Clavel");
    let iclr = by_title(
        "Is Model Collapse Inevitable? Breaking the Curse of Recursion by Accumulating Real and Synthetic Data",
    );
    assert_eq!(iclr.authors.len(), 14);
    assert_eq!(iclr.authors[10], "Daniel A. Roberts");
    let tale = by_title("A Tale of Tails: Model Collapse as a Change of Scaling Laws");
    assert_eq!(tale.note.as_deref(), Some("same authors as Model Collapse Demystified"));
    assert!(list.papers.iter().all(|p| p.summary.is_empty()), "summaries are not embedded");
}
