//! Stage 5 helper shared by the missing-work outputs: a candidate's structured
//! [`Reason`]s in words a curator can check on Semantic Scholar, the one place they are worded:
//! in full ([`words`], what `missing.json` carries) and on one short line ([`why`], what
//! `missing.md` shows).

use crate::rank::signal::{PaperRef, SIGNALS};
use crate::rank::{Candidate, Reason};
use crate::wording::{count, cut_title, percent, plural, thousands};

/// Every reason in words, in order.
pub fn words(reasons: &[Reason]) -> Vec<String> {
    reasons.iter().map(sentence).collect()
}

/// One reason in words (no capital, no full stop: outputs join them with `; `).
pub fn sentence(reason: &Reason) -> String {
    match reason {
        Reason::CitedByListed { papers, listed, influential, examples } => {
            let how = match (*influential, *papers) {
                (0, _) => String::new(),
                (1, 1) => " (an influential citation)".to_owned(),
                (1, _) => " (1 of them an influential citation)".to_owned(),
                (k, n) if k == n => " (all influential citations)".to_owned(),
                (k, _) => format!(" ({k} of them influential citations)"),
            };
            format!(
                "cited by {papers} of {listed} listed {}{how}{}",
                if *listed == 1 { "paper" } else { "papers" },
                named(*papers, examples)
            )
        }
        Reason::CitesListed { papers, examples } => {
            format!(
                "cites {papers} listed {}{}",
                if *papers == 1 { "paper" } else { "papers" },
                named(*papers, examples)
            )
        }
        Reason::Citations { count: Some(n) } => format!("{} on Semantic Scholar", count(*n, "citation")),
        Reason::Citations { count: None } => "no citation count on Semantic Scholar".to_owned(),
        Reason::LinkShare { links, degree } => {
            let share = percent(*links as f64 / *degree as f64);
            match (*links, *degree) {
                (_, 1) => "its one known citation or reference is a link to a listed paper".to_owned(),
                (1, d) => {
                    format!("1 of its {} citations and references is a link to a listed paper ({share})", thousands(d))
                }
                (k, d) => {
                    format!("{k} of its {} citations and references are links to listed papers ({share})", thousands(d))
                }
            }
        }
        Reason::CoCited { listed, by, examples } => format!(
            "co-cited with {} by {}{}",
            count(*listed as u64, "listed paper"),
            count(*by as u64, "paper"),
            named_as(*listed, examples, "most often with")
        ),
        Reason::SharesReferences { shared, references, section, in_section } => {
            let of = if *references == 1 {
                "its 1 reference".to_owned()
            } else {
                format!("its {} references", thousands(*references as u64))
            };
            let verb = if *shared == 1 { "is" } else { "are" };
            match section {
                Some(name) => {
                    format!("{shared} of {of} {verb} cited by listed papers ({in_section} by the section “{name}”)")
                }
                None => format!("{shared} of {of} {verb} cited by listed papers"),
            }
        }
        Reason::CloseInContent { similarity, section, examples } => {
            let to = match section {
                Some(name) => format!("the section “{name}”"),
                None => "the list".to_owned(),
            };
            let titles: Vec<String> = examples.iter().map(|p| format!("“{}”", cut_title(&p.title))).collect();
            format!("close in content to {} (SPECTER2 similarity {similarity:.2} to {to})", titles.join(" and "))
        }
        Reason::Recommended { place, of } => {
            format!("recommended for the list by Semantic Scholar (number {place} of {of})")
        }
        Reason::SectionFit { name, confidence, weak: false } => {
            format!("fits the section “{name}” (confidence {})", percent(*confidence))
        }
        Reason::SectionFit { name, confidence, weak: true } => {
            format!("no clear section (closest: “{name}”, confidence {})", percent(*confidence))
        }
        Reason::Section { name, neighbours_in, neighbours } => match (*neighbours_in, *neighbours) {
            (_, 1) => format!("its listed neighbour is in “{name}”"),
            (k, of) if k == of => format!("all {of} of its listed neighbours are in “{name}”"),
            (k, of) => format!("{k} of its {of} listed neighbours are in “{name}”"),
        },
    }
}

/// A candidate's reasons on one short line (no titles, no full stop): its direct links to the list
/// (or, without any, its first other tie to it), its citations, and, when more than one signal
/// rates it, the strongest (by weighted value): `cited by 6 of 24 listed papers (3 influential),
/// cites 1; 149 citations; strongest signal: co-citation`. [`words`] gives every reason in full.
pub fn why(candidate: &Candidate) -> String {
    let reasons = &candidate.reasons;
    let mut parts: Vec<String> = Vec::new();
    let cited_by = reasons.iter().find_map(|r| match r {
        Reason::CitedByListed { papers, listed, influential, .. } => {
            let how = match (*influential, *papers) {
                (0, _) => String::new(),
                (1, 1) => " (influential)".to_owned(),
                (k, n) if k == n => " (all influential)".to_owned(),
                (k, _) => format!(" ({k} influential)"),
            };
            Some(format!("cited by {papers} of {listed} listed {}{how}", plural(*listed as u64, "paper")))
        }
        _ => None,
    });
    let cites = reasons.iter().find_map(|r| match r {
        Reason::CitesListed { papers, .. } => Some(*papers),
        _ => None,
    });
    match (cited_by, cites) {
        (Some(cited_by), Some(cites)) => parts.push(format!("{cited_by}, cites {cites}")),
        (Some(cited_by), None) => parts.push(cited_by),
        (None, Some(cites)) => parts.push(format!("cites {}", count(cites as u64, "listed paper"))),
        (None, None) => parts.extend(reasons.iter().find_map(other_tie)),
    }
    parts.extend(reasons.iter().find_map(|r| match r {
        Reason::Citations { count: Some(n) } => Some(count(*n, "citation")),
        Reason::Citations { count: None } => Some("citation count unknown".to_owned()),
        _ => None,
    }));
    let rated: Vec<(&str, f64)> = candidate
        .signals
        .iter()
        .filter(|s| s.value > 0.0)
        .map(|s| (s.name, s.value * SIGNALS.iter().find(|r| r.signal.name() == s.name).map_or(1.0, |r| r.weight)))
        .collect();
    if rated.len() > 1
        && let Some((name, _)) = rated.iter().fold(None, |best: Option<(&str, f64)>, &(name, x)| match best {
            Some((_, y)) if y >= x => best,
            _ => Some((name, x)),
        })
    {
        parts.push(format!("strongest signal: {name}"));
    }
    parts.join("; ")
}

/// A tie to the list other than a direct link, in a few words (for [`why`]).
fn other_tie(reason: &Reason) -> Option<String> {
    match reason {
        Reason::CoCited { listed, by, .. } => {
            Some(format!("co-cited with {} by {}", count(*listed as u64, "listed paper"), count(*by as u64, "paper")))
        }
        Reason::SharesReferences { shared, .. } => {
            Some(format!("shares {} with listed papers", count(*shared as u64, "reference")))
        }
        Reason::CloseInContent { similarity, .. } => Some(format!("close in content (similarity {similarity:.2})")),
        Reason::Recommended { place, of } => Some(format!("recommended by Semantic Scholar (number {place} of {of})")),
        _ => None,
    }
}

/// The papers a co-citation reason names: `, most often with “A” and “B”`.
fn named_as(total: usize, examples: &[PaperRef], how: &str) -> String {
    let titles: Vec<String> = examples.iter().map(|p| format!("“{}”", cut_title(&p.title))).collect();
    match (total, titles.as_slice()) {
        (_, []) => String::new(),
        (1, [one, ..]) => format!(": {one}"),
        (_, [one]) => format!(", {how} {one}"),
        (_, [a, b, ..]) => format!(", {how} {a} and {b}"),
    }
}

/// The papers a reason names, out of `total`: `: “A”` for one paper, `: “A” and “B”` for two,
/// `, among them “A” and “B”` for more.
fn named(total: usize, examples: &[PaperRef]) -> String {
    let titles: Vec<String> = examples.iter().map(|p| format!("“{}”", cut_title(&p.title))).collect();
    match (total, titles.as_slice()) {
        (_, []) => String::new(),
        (1, [one, ..]) => format!(": {one}"),
        (2, [a, b, ..]) => format!(": {a} and {b}"),
        (_, [a, b, ..]) => format!(", among them {a} and {b}"),
        (_, [one]) => format!(": {one}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(title: &str) -> PaperRef {
        PaperRef { paper_id: format!("id-{title}"), title: title.to_owned() }
    }

    #[test]
    fn reasons_say_what_a_curator_can_check() {
        let reasons = [
            Reason::CitedByListed {
                papers: 2,
                listed: 4,
                influential: 1,
                examples: vec![paper("Paper L0"), paper("Paper L1")],
            },
            Reason::CitesListed { papers: 1, examples: vec![paper("Paper L2")] },
            Reason::Citations { count: Some(50) },
            Reason::LinkShare { links: 3, degree: 60 },
            Reason::Section { name: "Zeta".into(), neighbours_in: 2, neighbours: 3 },
        ];
        assert_eq!(
            words(&reasons),
            [
                "cited by 2 of 4 listed papers (1 of them an influential citation): “Paper L0” and “Paper L1”",
                "cites 1 listed paper: “Paper L2”",
                "50 citations on Semantic Scholar",
                "3 of its 60 citations and references are links to listed papers (5.0%)",
                "2 of its 3 listed neighbours are in “Zeta”",
            ]
        );
        let hub = Reason::CitedByListed {
            papers: 4,
            listed: 4,
            influential: 0,
            examples: vec![paper("Paper L0"), paper("Paper L1")],
        };
        assert_eq!(sentence(&hub), "cited by 4 of 4 listed papers, among them “Paper L0” and “Paper L1”");
        assert_eq!(
            sentence(&Reason::LinkShare { links: 4, degree: 100_000 }),
            "4 of its 100,000 citations and references are links to listed papers (under 0.01%)"
        );
    }

    #[test]
    fn discovery_reasons_name_numbers_a_curator_can_check() {
        let co = Reason::CoCited { listed: 5, by: 9, examples: vec![paper("A"), paper("B")] };
        assert_eq!(sentence(&co), "co-cited with 5 listed papers by 9 papers, most often with “A” and “B”");
        let one = Reason::CoCited { listed: 1, by: 1, examples: vec![paper("A")] };
        assert_eq!(sentence(&one), "co-cited with 1 listed paper by 1 paper: “A”");
        let shares =
            Reason::SharesReferences { shared: 6, references: 40, section: Some("Theory".into()), in_section: 4 };
        assert_eq!(sentence(&shares), "6 of its 40 references are cited by listed papers (4 by the section “Theory”)");
        let content =
            Reason::CloseInContent { similarity: 0.93, section: None, examples: vec![paper("X"), paper("Y")] };
        assert_eq!(sentence(&content), "close in content to “X” and “Y” (SPECTER2 similarity 0.93 to the list)");
        assert_eq!(
            sentence(&Reason::Recommended { place: 3, of: 120 }),
            "recommended for the list by Semantic Scholar (number 3 of 120)"
        );
        let fit = |confidence, weak| sentence(&Reason::SectionFit { name: "Theory".into(), confidence, weak });
        assert_eq!(fit(0.82, false), "fits the section “Theory” (confidence 82%)");
        assert_eq!(fit(0.34, true), "no clear section (closest: “Theory”, confidence 34%)");
    }

    fn candidate(reasons: Vec<Reason>, signals: &[(&'static str, f64)]) -> Candidate {
        Candidate {
            node: petgraph::graph::NodeIndex::new(0),
            score: 1.0,
            belonging: 1.0,
            signals: signals.iter().map(|&(name, value)| crate::rank::signal::SignalValue { name, value }).collect(),
            cited_by_listed: Vec::new(),
            cites_listed: Vec::new(),
            suggested_section: None,
            section_confidence: None,
            reasons,
        }
    }

    #[test]
    fn why_is_one_short_line_and_the_words_keep_the_detail() {
        let reasons = vec![
            Reason::CitedByListed {
                papers: 6,
                listed: 24,
                influential: 3,
                examples: vec![paper("A Title: With a Colon"), paper("B")],
            },
            Reason::CitesListed { papers: 1, examples: vec![paper("C")] },
            Reason::Citations { count: Some(1490) },
            Reason::LinkShare { links: 7, degree: 155 },
            Reason::Section { name: "Theory".into(), neighbours_in: 2, neighbours: 7 },
        ];
        let direct = candidate(reasons.clone(), &[("direct links", 0.4), ("co-citation", 0.0)]);
        assert_eq!(why(&direct), "cited by 6 of 24 listed papers (3 influential), cites 1; 1,490 citations");
        let words = words(&reasons).join("; ");
        assert!(words.contains("“A Title: With a Colon”") && words.contains("(4.5%)") && words.contains("“Theory”"));
        let both = candidate(reasons, &[("direct links", 0.1), ("co-citation", 0.3), ("content similarity", 0.9)]);
        assert_eq!(
            why(&both),
            "cited by 6 of 24 listed papers (3 influential), cites 1; 1,490 citations; strongest signal: co-citation"
        );

        let co = Reason::CoCited { listed: 5, by: 9, examples: vec![paper("A")] };
        let cited = candidate(vec![co, Reason::Citations { count: None }], &[("co-citation", 0.2)]);
        assert_eq!(why(&cited), "co-cited with 5 listed papers by 9 papers; citation count unknown");
        let one = candidate(
            vec![
                Reason::CitedByListed { papers: 1, listed: 1, influential: 1, examples: vec![paper("A")] },
                Reason::Citations { count: Some(1) },
            ],
            &[],
        );
        assert_eq!(why(&one), "cited by 1 of 1 listed paper (influential); 1 citation");
        let cites = candidate(vec![Reason::CitesListed { papers: 2, examples: vec![] }], &[]);
        assert_eq!(why(&cites), "cites 2 listed papers");
    }

    #[test]
    fn singular_and_edge_cases_read_naturally() {
        let one = Reason::CitedByListed { papers: 1, listed: 1, influential: 1, examples: vec![paper("A")] };
        assert_eq!(sentence(&one), "cited by 1 of 1 listed paper (an influential citation): “A”");
        let all =
            Reason::CitedByListed { papers: 3, listed: 9, influential: 3, examples: vec![paper("A"), paper("B")] };
        assert_eq!(sentence(&all), "cited by 3 of 9 listed papers (all influential citations), among them “A” and “B”");
        assert_eq!(sentence(&Reason::Citations { count: Some(1) }), "1 citation on Semantic Scholar");
        assert_eq!(sentence(&Reason::Citations { count: None }), "no citation count on Semantic Scholar");
        assert_eq!(
            sentence(&Reason::LinkShare { links: 1, degree: 1 }),
            "its one known citation or reference is a link to a listed paper"
        );
        assert_eq!(
            sentence(&Reason::LinkShare { links: 1, degree: 1500 }),
            "1 of its 1,500 citations and references is a link to a listed paper (0.07%)"
        );
        let section = |k, of| sentence(&Reason::Section { name: "S".into(), neighbours_in: k, neighbours: of });
        assert_eq!(section(1, 1), "its listed neighbour is in “S”");
        assert_eq!(section(4, 4), "all 4 of its listed neighbours are in “S”");
    }
}
