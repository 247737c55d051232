//! What `citegraph diff` prints (and `build` summarises): the changes since the last run, as
//! lines, JSON or Markdown.

use std::io::Write;

use anyhow::Result;

use crate::curate::state::Changes;
use crate::wording::plural;

/// Formats of `citegraph diff` (the printer's own type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    /// Lines for people.
    Table,
    /// JSON for scripts.
    Json,
    /// Markdown, for an issue or a pull request.
    Md,
}

/// One line: how much changed.
pub fn summary(changes: &Changes) -> String {
    let n = |k: usize, what: &str| format!("{k} {}", plural(k as u64, what));
    format!(
        "Since the last run ({}): {}, {} moved up, {} with new citations, {} newly citing the list",
        changes.since.as_deref().unwrap_or("date unknown"),
        n(changes.new_candidates.len(), "new candidate"),
        changes.moved_up.len(),
        n(changes.new_citations.len(), "listed paper"),
        n(changes.newly_citing.len(), "paper"),
    )
}

/// Prints the changes in `format`.
pub fn write_changes(changes: &Changes, format: DiffFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, changes)?;
            writeln!(out)?;
        }
        DiffFormat::Table => {
            writeln!(out, "{}", summary(changes))?;
            for c in &changes.new_candidates {
                writeln!(out, "new       #{:<4} {:.3}  {}  {}", c.rank, c.score, c.paper_id, c.title)?;
            }
            for m in &changes.moved_up {
                let c = &m.candidate;
                writeln!(out, "moved up  #{:<4} (was #{})  {}  {}", c.rank, m.previous_rank, c.paper_id, c.title)?;
            }
            for l in &changes.new_citations {
                writeln!(out, "cited     {} -> {}  {}  {}", l.before, l.after, l.paper_id, l.title)?;
            }
            for p in &changes.newly_citing {
                writeln!(out, "citing    {}  {}", p.paper_id, p.title)?;
            }
        }
        DiffFormat::Md => {
            writeln!(out, "# What is new since {}\n", changes.since.as_deref().unwrap_or("the last run"))?;
            let section = |out: &mut dyn Write, title: &str, rows: Vec<String>| -> Result<()> {
                if !rows.is_empty() {
                    writeln!(out, "## {title}\n")?;
                    for row in rows {
                        writeln!(out, "- {row}")?;
                    }
                    writeln!(out)?;
                }
                Ok(())
            };
            section(
                out,
                "New candidates",
                changes
                    .new_candidates
                    .iter()
                    .map(|c| format!("#{} {} (score {:.3})", c.rank, c.title, c.score))
                    .collect(),
            )?;
            section(
                out,
                "Candidates that moved up",
                changes
                    .moved_up
                    .iter()
                    .map(|m| format!("#{} (was #{}) {}", m.candidate.rank, m.previous_rank, m.candidate.title))
                    .collect(),
            )?;
            section(
                out,
                "Listed papers with new citations",
                changes.new_citations.iter().map(|l| format!("{}: {} -> {}", l.title, l.before, l.after)).collect(),
            )?;
            section(
                out,
                "Papers newly citing the list",
                changes.newly_citing.iter().map(|p| p.title.clone()).collect(),
            )?;
            if changes.is_empty() {
                writeln!(out, "Nothing changed.")?;
            }
        }
    }
    Ok(())
}
