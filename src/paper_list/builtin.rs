//! The list compiled into the binary: the awesome-self-consuming-ai-papers list without summaries.

/// The built-in list's Markdown (headings, venue tags, titles, links, authors).
pub const BUILTIN_LIST: &str = include_str!("builtin.md");

/// The built-in list's name.
pub const BUILTIN_NAME: &str = "awesome-self-consuming-ai-papers";
