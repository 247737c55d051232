//! Stage 5, `missing.md`: the top candidates as entries in the list's own style, grouped under
//! their suggested sections, ready to paste into the list.

use std::io::Write;

use anyhow::Result;

use super::markdown::{escape, link, venue_tag};
use super::reasons::words;
use super::{ExportInput, Exporter};
use crate::rank::Candidate;
use crate::wording::source_data;

/// Candidates in `missing.md`.
pub const TOP: usize = crate::defaults::MISSING_MD_TOP;

/// Authors shown before `et al.`.
const MAX_AUTHORS: usize = 12;

/// Writes `missing.md`.
#[derive(Debug, Clone, Copy, Default)]
pub struct MissingMarkdown;

impl Exporter for MissingMarkdown {
    fn file_name(&self) -> &'static str {
        "missing.md"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let ExportInput { list, graph, rankings, options, .. } = *input;
        let top: Vec<(usize, &Candidate)> = rankings.candidates.iter().take(TOP).enumerate().collect();
        writeln!(out, "# Missing related work: {}\n", escape(&list.name))?;
        writeln!(
            out,
            "The {} papers that are not on the list but belong with it most, ranked by citegraph{}, \
             under the section their listed neighbours mostly belong to. Each entry's last line says why; \
             see \"How candidates are ranked\" in citegraph's README.",
            top.len(),
            options
                .data_date
                .as_deref()
                .map(|d| format!(" from {} of {d}", escape(&source_data(&options.data_source))))
                .unwrap_or_default(),
        )?;
        let mut sections: Vec<Option<&str>> = list.sections.iter().map(|s| Some(s.name.as_str())).collect();
        for (_, c) in &top {
            let s = c.suggested_section.as_deref();
            if !sections.contains(&s) {
                sections.push(s);
            }
        }
        for section in sections {
            let entries: Vec<&(usize, &Candidate)> =
                top.iter().filter(|(_, c)| c.suggested_section.as_deref() == section).collect();
            if entries.is_empty() {
                continue;
            }
            let heading = match section {
                Some("") => "Before any heading".to_owned(),
                Some(name) => escape(name),
                None => "No suggested section".to_owned(),
            };
            writeln!(out, "\n## {heading}\n")?;
            for (number, (rank, c)) in entries.iter().enumerate() {
                let paper = graph.node(c.node);
                let tag = venue_tag(paper).map(|t| format!("[{t}] ")).unwrap_or_default();
                let new = if input.new_candidates.contains(&c.node) { " **(new)**" } else { "" };
                writeln!(out, "{}. {tag}{}{new}", number + 1, link(&paper.title, paper.url().as_deref()))?;
                if !paper.authors.is_empty() {
                    let shown: Vec<String> = paper.authors.iter().take(MAX_AUTHORS).map(|a| escape(a)).collect();
                    let more = if paper.authors.len() > MAX_AUTHORS { " et al." } else { "" };
                    writeln!(out, "   * {}{more}", shown.join(", "))?;
                }
                writeln!(out, "   * Why (candidate {}): {}.", rank + 1, escape(&words(&c.reasons).join("; ")))?;
                if c.section_confidence.is_some_and(|x| x < crate::rank::signal::WEAK_SECTION) {
                    writeln!(out, "   * Section: a weak suggestion (no clear section; check where it belongs)")?;
                }
            }
        }
        Ok(())
    }
}
