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

/// Unit length, or `None` for a zero vector.
fn unit(sum: &[f64]) -> Option<Vec<f32>> {
    let norm = sum.iter().map(|x| x * x).sum::<f64>().sqrt();
    (norm > 0.0).then(|| sum.iter().map(|x| (x / norm) as f32).collect())
}

/// The similarity of `v` to the list or its closest section, with that section's name (`None`:
/// the whole list is closest). One pass over the listed papers' embeddings.
pub fn similarity(ctx: &Context<'_>, v: usize) -> Option<(f64, Option<String>)> {
    let d = ctx.graph.discovery();
    let e = d.embedding(v)?;
    let mut list = vec![0.0f64; e.len()];
    let mut sections: Vec<(&str, Vec<f64>)> = Vec::new();
    let mut any = false;
    for u in (0..ctx.listed.len()).filter(|&u| ctx.listed[u]) {
        let Some(x) = d.embedding(u).filter(|x| x.len() == e.len()) else { continue };
        let Some(section) = ctx.graph.node(NodeIndex::new(u)).listed.as_ref().map(|l| l.section.as_str()) else {
            continue;
        };
        any = true;
        let slot = match sections.iter().position(|(s, _)| *s == section) {
            Some(i) => i,
            None => {
                sections.push((section, vec![0.0; e.len()]));
                sections.len() - 1
            }
        };
        for (i, &xi) in x.iter().enumerate() {
            list[i] += f64::from(xi);
            sections[slot].1[i] += f64::from(xi);
        }
    }
    if !any {
        return None;
    }
    let mut best = (cosine(e, &unit(&list)?), None);
    sections.sort_by(|a, b| a.0.cmp(b.0));
    for (name, sum) in &sections {
        if let Some(c) = unit(sum) {
            let sim = cosine(e, &c);
            if sim > best.0 {
                best = (sim, Some((*name).to_owned()));
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
