//! Stage 4b, beside the ranking: curating the list itself. What the curator rejected
//! ([`ignore`]: an ignore file resolved against the citation graph, taken out of the candidates
//! so every output follows), and the checks of the list against Semantic Scholar ([`lint`]).

pub mod add;
pub mod coverage;
pub mod ignore;
pub mod lint;
pub mod order;
pub mod state;
