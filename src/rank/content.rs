//! Stage 4, the content-similarity signal: the cosine between a paper's SPECTER2 embedding and
//! the mean embedding of the listed papers, or of one section when that is closer. Papers merely
//! on a similar topic must not crowd the top, so only similarity above a floor counts, and it
//! counts quadratically:
//!
//! ```text
//! similarity = max(cos(paper, list centroid), max over sections cos(paper, section centroid))
//! value      = ((similarity - floor) / (1 - floor))²   when above the floor, else 0
//! ```

use petgraph::graph::NodeIndex;

use super::signal::{Context, Explanation, PaperRef, Reason, Signal, Subject};
use crate::graph::discovery::cosine;

/// SPECTER2 cosines below this say nothing (related papers score about 0.85 and above,
/// unrelated ones of the same broad field 0.6 to 0.75).
pub const SIMILARITY_FLOOR: f64 = 0.8;

/// Close in content to the list or one of its sections.
#[derive(Debug, Clone, Copy, Default)]
pub struct Content;

/// The unit mean of the embeddings of the listed nodes `members` selects.
fn centroid(ctx: &Context<'_>, members: impl Fn(usize) -> bool) -> Option<Vec<f32>> {
    let d = ctx.graph.discovery();
    let mut sum: Option<Vec<f64>> = None;
    for v in (0..ctx.listed.len()).filter(|&v| ctx.listed[v] && members(v)) {
        let Some(e) = d.embedding(v) else { continue };
        let s = sum.get_or_insert_with(|| vec![0.0; e.len()]);
        if s.len() == e.len() {
            for (a, b) in s.iter_mut().zip(e) {
                *a += f64::from(*b);
            }
        }
    }
    let sum = sum?;
    let norm = sum.iter().map(|x| x * x).sum::<f64>().sqrt();
    (norm > 0.0).then(|| sum.iter().map(|x| (x / norm) as f32).collect())
}

/// The similarity of `v` to the list or its closest section, with that section's name.
pub fn similarity(ctx: &Context<'_>, v: usize) -> Option<(f64, Option<String>)> {
    let e = ctx.graph.discovery().embedding(v)?;
    let mut best = (cosine(e, &centroid(ctx, |_| true)?), None);
    let mut sections: Vec<&str> = (0..ctx.listed.len())
        .filter(|&u| ctx.listed[u])
        .filter_map(|u| ctx.graph.node(NodeIndex::new(u)).listed.as_ref().map(|l| l.section.as_str()))
        .collect();
    sections.sort_unstable();
    sections.dedup();
    for s in sections {
        let in_section = |u: usize| ctx.graph.node(NodeIndex::new(u)).listed.as_ref().is_some_and(|l| l.section == s);
        if let Some(c) = centroid(ctx, in_section) {
            let sim = cosine(e, &c);
            if sim > best.0 {
                best = (sim, Some(s.to_owned()));
            }
        }
    }
    Some(best)
}

impl Signal for Content {
    fn name(&self) -> &'static str {
        "content similarity"
    }

    fn value(&self, ctx: &Context<'_>, v: usize) -> f64 {
        let Some((sim, _)) = similarity(ctx, v) else { return 0.0 };
        if sim <= SIMILARITY_FLOOR {
            return 0.0;
        }
        ((sim - SIMILARITY_FLOOR) / (1.0 - SIMILARITY_FLOOR)).powi(2)
    }

    fn explain(&self, ctx: &Context<'_>, subject: &Subject<'_>) -> Explanation {
        let v = subject.node.index();
        let Some((sim, section)) = similarity(ctx, v) else { return Explanation::default() };
        let d = ctx.graph.discovery();
        let e = d.embedding(v).unwrap_or_default();
        let mut closest: Vec<(f64, usize)> = (0..ctx.listed.len())
            .filter(|&u| ctx.listed[u])
            .filter_map(|u| Some((cosine(e, d.embedding(u)?), u)))
            .collect();
        closest.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        Explanation {
            links: vec![Reason::CloseInContent {
                similarity: (sim * 100.0).round() / 100.0,
                section,
                examples: closest.iter().take(2).map(|&(_, u)| PaperRef::of(ctx.graph, NodeIndex::new(u))).collect(),
            }],
            share: Vec::new(),
        }
    }
}
