//! Stage 4, the bibliographic-coupling signal: references a paper shares with the listed papers
//! (its nested reference list, fetched by the discovery phase). A shared reference counts by how
//! much it belongs to the list itself, so that sharing a generic hub counts for little, and the
//! sum is divided by the paper's own references, so that a survey citing everything does not win:
//!
//! ```text
//! weight(r) = listed papers citing r / sqrt(listed papers * (citations of r + prior))
//! value     = Σ weight(r) over its references r cited by listed papers / sqrt(references + prior)
//! ```

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use super::signal::{Context, Explanation, Reason, Signal, Subject};

/// References shared with the listed papers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Coupling;

/// A shared reference (node) and the listed papers citing it.
pub type SharedReference = (u32, Vec<u32>);

/// Its known references that listed papers cite (listed papers themselves excluded: citing them
/// is a direct link), each with the listed papers citing it; and its reference count.
pub fn shared(ctx: &Context<'_>, v: usize) -> Option<(Vec<SharedReference>, u32)> {
    let known = ctx.graph.discovery().references_of(v)?;
    let shared = known
        .nodes
        .iter()
        .filter(|&&r| !ctx.listed[r as usize])
        .filter_map(|&r| {
            let by: Vec<u32> =
                ctx.csr.in_neighbours(r as usize).iter().copied().filter(|&l| ctx.listed[l as usize]).collect();
            (!by.is_empty()).then_some((r, by))
        })
        .collect();
    Some((shared, known.total.max(known.nodes.len() as u32)))
}

impl Signal for Coupling {
    fn name(&self) -> &'static str {
        "shared references"
    }

    fn value(&self, ctx: &Context<'_>, v: usize) -> f64 {
        let Some((shared, total)) = shared(ctx, v) else { return 0.0 };
        let n = ctx.n_listed as f64;
        let sum: f64 = shared
            .iter()
            .map(|(r, by)| {
                by.len() as f64 / (n * (ctx.counts.citations[*r as usize] + ctx.options.degree_prior)).sqrt()
            })
            .sum();
        if sum == 0.0 {
            return 0.0;
        }
        sum / (f64::from(total) + ctx.options.degree_prior).sqrt()
    }

    fn explain(&self, ctx: &Context<'_>, subject: &Subject<'_>) -> Explanation {
        let Some((shared, total)) = shared(ctx, subject.node.index()) else { return Explanation::default() };
        // The section whose listed papers cite most of the shared references.
        let mut by_section: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, by) in &shared {
            let mut sections: Vec<&str> = by
                .iter()
                .filter_map(|&l| ctx.graph.node(NodeIndex::new(l as usize)).listed.as_ref())
                .map(|info| info.section.as_str())
                .collect();
            sections.sort_unstable();
            sections.dedup();
            for s in sections {
                *by_section.entry(s).or_default() += 1;
            }
        }
        let best = by_section.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)));
        Explanation {
            links: vec![Reason::SharesReferences {
                shared: shared.len(),
                references: total as usize,
                in_section: best.map_or(0, |(_, k)| k),
                section: best.map(|(name, _)| name.to_owned()),
            }],
            share: Vec::new(),
        }
    }
}
