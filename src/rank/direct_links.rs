//! Stage 4, the first candidate signal: direct citation links to the list, as a cosine, so that
//! papers everyone cites do not win:
//!
//! ```text
//! links  = listed papers citing it + listed papers it cites
//! degree = its citations + its references (Semantic Scholar's counts, at least the local ones)
//! value  = links / sqrt(listed papers * (degree + prior))
//! ```

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::signal::{Context, Explanation, PaperRef, Reason, Signal, Subject};

/// Links to the list, normalised by everything the paper links to.
#[derive(Debug, Clone, Copy, Default)]
pub struct DirectLinks;

/// Listed papers citing `v`, and listed papers `v` cites.
pub fn links(ctx: &Context<'_>, v: usize) -> (u32, u32) {
    let cited_by = ctx.csr.in_neighbours(v).iter().filter(|&&u| ctx.listed[u as usize]).count() as u32;
    let cites = ctx.csr.out_neighbours(v).iter().filter(|&&u| ctx.listed[u as usize]).count() as u32;
    (cited_by, cites)
}

impl Signal for DirectLinks {
    fn name(&self) -> &'static str {
        "direct links"
    }

    fn value(&self, ctx: &Context<'_>, v: usize) -> f64 {
        let (cited_by, cites) = links(ctx, v);
        let links = f64::from(cited_by + cites);
        if links == 0.0 {
            return 0.0;
        }
        links / (ctx.n_listed as f64 * (ctx.counts.degree[v] + ctx.options.degree_prior)).sqrt()
    }

    fn explain(&self, ctx: &Context<'_>, subject: &Subject<'_>) -> Explanation {
        let &Subject { node, cited_by_listed: cited_by, cites_listed: cites } = subject;
        let examples = |papers: &[NodeIndex]| papers.iter().take(2).map(|&n| PaperRef::of(ctx.graph, n)).collect();
        let mut links = Vec::new();
        if !cited_by.is_empty() {
            let influential: Vec<NodeIndex> = ctx
                .graph
                .graph()
                .edges_directed(node, Direction::Incoming)
                .filter(|e| e.weight().is_influential == Some(true))
                .map(|e| e.source())
                .filter(|n| cited_by.contains(n))
                .collect();
            let mut named: Vec<NodeIndex> = influential.clone();
            named.sort_by_key(|&n| cited_by.iter().position(|&c| c == n));
            named.extend(cited_by.iter().filter(|n| !influential.contains(n)));
            links.push(Reason::CitedByListed {
                papers: cited_by.len(),
                listed: ctx.n_listed,
                influential: influential.len(),
                examples: examples(&named),
            });
        }
        if !cites.is_empty() {
            links.push(Reason::CitesListed { papers: cites.len(), examples: examples(cites) });
        }
        let share = vec![Reason::LinkShare {
            links: cited_by.len() + cites.len(),
            degree: ctx.counts.degree[node.index()] as u64,
        }];
        Explanation { links, share }
    }
}
