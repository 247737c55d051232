//! Stage 5, `coverage.md` and `coverage.json`: the list's sections, thinnest first (listed
//! papers, candidates suggested into each, share of its citation neighbourhood on the list), and
//! the candidates that bridge two sections.

use std::io::Write;

use anyhow::Result;

use super::markdown::escape;
use super::{ExportInput, Exporter};
use crate::curate::coverage::{STRONG_TIE, coverage};

/// How many bridging candidates `coverage.md` shows.
pub const BRIDGES_SHOWN: usize = 20;

/// Writes `coverage.md`.
#[derive(Debug, Clone, Copy, Default)]
pub struct CoverageMarkdown;

impl Exporter for CoverageMarkdown {
    fn file_name(&self) -> &'static str {
        "coverage.md"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let report = coverage(input.list, input.graph, input.rankings);
        writeln!(out, "# Coverage by section: {}\n", escape(&input.list.name))?;
        writeln!(
            out,
            "Thinnest first. A section's neighbourhood is its listed papers and every paper citing or cited by \
             at least {STRONG_TIE} of them; *covered* is the part of it on the list.\n"
        )?;
        writeln!(out, "| Section | Listed | Candidates suggested | Neighbourhood | Covered |")?;
        writeln!(out, "|---|---:|---:|---:|---:|")?;
        for s in &report.sections {
            let name = if s.section.is_empty() { "Before any heading".to_owned() } else { escape(&s.section) };
            writeln!(
                out,
                "| {name} | {} | {} | {} | {} ({:.0}%) |",
                s.listed,
                s.suggested,
                s.neighbourhood,
                s.covered,
                s.share * 100.0
            )?;
        }
        writeln!(out, "\n## Candidates bridging sections\n")?;
        if report.bridges.is_empty() {
            writeln!(out, "No candidate has strong ties to two sections.")?;
            return Ok(());
        }
        writeln!(out, "| Rank | Paper | Sections (links) |")?;
        writeln!(out, "|---:|---|---|")?;
        for b in report.bridges.iter().take(BRIDGES_SHOWN) {
            let sections: Vec<String> = b.sections.iter().map(|(s, k)| format!("{} ({k})", escape(s))).collect();
            writeln!(out, "| {} | {} | {} |", b.rank, escape(&b.title), sections.join("; "))?;
        }
        Ok(())
    }
}

/// Writes `coverage.json`: the numbers of `coverage.md`, every bridge included.
#[derive(Debug, Clone, Copy, Default)]
pub struct CoverageJson;

impl Exporter for CoverageJson {
    fn file_name(&self) -> &'static str {
        "coverage.json"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let report = coverage(input.list, input.graph, input.rankings);
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        Ok(())
    }
}
