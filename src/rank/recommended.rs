//! Stage 4, the recommendation signal: Semantic Scholar recommends the paper for the list (one
//! `POST /recommendations/v1/papers/` with the listed papers as positives), higher the earlier:
//!
//! ```text
//! value = 1 / (1 + place / 25)        (place 0 = the first recommendation)
//! ```

use super::signal::{Context, Explanation, Reason, Signal, Subject};

/// Places over which a recommendation's value halves.
const HALF_AT: f64 = 25.0;

/// Recommended by Semantic Scholar for the list.
#[derive(Debug, Clone, Copy, Default)]
pub struct Recommended;

impl Signal for Recommended {
    fn name(&self) -> &'static str {
        "recommendation"
    }

    fn value(&self, ctx: &Context<'_>, v: usize) -> f64 {
        ctx.graph.discovery().recommended(v).map_or(0.0, |place| 1.0 / (1.0 + f64::from(place) / HALF_AT))
    }

    fn explain(&self, ctx: &Context<'_>, subject: &Subject<'_>) -> Explanation {
        let d = ctx.graph.discovery();
        let Some(place) = d.recommended(subject.node.index()) else { return Explanation::default() };
        Explanation {
            links: vec![Reason::Recommended { place: place as usize + 1, of: d.recommendations }],
            share: Vec::new(),
        }
    }
}
