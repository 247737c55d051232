//! Stage 4, the co-citation signal: how often a paper is cited together with listed papers by
//! the papers that cite the list (their nested reference lists, fetched by the discovery phase).
//! A paper citing the list in passing (one listed paper among 60 references) counts for little;
//! a follow-up of the field counts for much; a hub everyone cites is divided by its citations:
//!
//! ```text
//! weight(c) = listed papers c cites / references of c           (for each paper c citing both)
//! value     = Σ weight(c) / sqrt(listed papers * (citations + prior))
//! ```

use std::collections::BTreeSet;

use petgraph::graph::NodeIndex;

use super::signal::{Context, Explanation, PaperRef, Reason, Signal, Subject};

/// Cited together with listed papers by the papers citing the list.
#[derive(Debug, Clone, Copy, Default)]
pub struct CoCitation;

/// The papers (not listed) whose known references name `v` and at least one listed paper, each
/// with the listed papers it cites and its weight.
pub fn co_citers(ctx: &Context<'_>, v: usize) -> Vec<(u32, Vec<u32>, f64)> {
    let d = ctx.graph.discovery();
    d.cited_in(v)
        .iter()
        .filter(|&&c| !ctx.listed[c as usize])
        .filter_map(|&c| {
            let known = d.references_of(c as usize)?;
            let mut listed: Vec<u32> = known
                .nodes
                .iter()
                .chain(ctx.csr.out_neighbours(c as usize))
                .copied()
                .filter(|&r| ctx.listed[r as usize])
                .collect();
            listed.sort_unstable();
            listed.dedup();
            if listed.is_empty() {
                return None;
            }
            let weight = listed.len() as f64 / f64::from(known.total.max(1)).max(listed.len() as f64);
            Some((c, listed, weight))
        })
        .collect()
}

impl Signal for CoCitation {
    fn name(&self) -> &'static str {
        "co-citation"
    }

    fn value(&self, ctx: &Context<'_>, v: usize) -> f64 {
        let sum: f64 = co_citers(ctx, v).iter().map(|(_, _, w)| w).sum();
        if sum == 0.0 {
            return 0.0;
        }
        sum / (ctx.n_listed as f64 * (ctx.counts.citations[v] + ctx.options.degree_prior)).sqrt()
    }

    fn explain(&self, ctx: &Context<'_>, subject: &Subject<'_>) -> Explanation {
        let citers = co_citers(ctx, subject.node.index());
        let mut listed: BTreeSet<u32> = BTreeSet::new();
        let mut tally: Vec<(u32, usize)> = Vec::new();
        for (_, cites, _) in &citers {
            for &l in cites {
                listed.insert(l);
                match tally.iter_mut().find(|(n, _)| *n == l) {
                    Some(slot) => slot.1 += 1,
                    None => tally.push((l, 1)),
                }
            }
        }
        // The listed papers it is most often cited with, then in list order.
        let order =
            |n: u32| ctx.graph.node(NodeIndex::new(n as usize)).listed.as_ref().map_or(usize::MAX, |l| l.list_index);
        tally.sort_by(|a, b| b.1.cmp(&a.1).then(order(a.0).cmp(&order(b.0))));
        let examples =
            tally.iter().take(2).map(|&(n, _)| PaperRef::of(ctx.graph, NodeIndex::new(n as usize))).collect();
        Explanation {
            links: vec![Reason::CoCited { listed: listed.len(), by: citers.len(), examples }],
            share: Vec::new(),
        }
    }
}
