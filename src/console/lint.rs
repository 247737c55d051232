//! What `citegraph lint` prints: its findings as a table, JSON, or GitHub workflow annotations.

use std::io::Write;

use anyhow::Result;

use crate::curate::lint::{Finding, Level};
use crate::wording::plural;

/// Formats of `citegraph lint` (the printer's own type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LintFormat {
    /// `file:line: error[rule]: message` with the fix beneath, and a count.
    Table,
    /// A JSON array of findings.
    Json,
    /// `::error file=…,line=…::…` workflow commands for GitHub Actions.
    Github,
}

/// Prints the findings in `format`.
pub fn write_findings(findings: &[Finding], format: LintFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        LintFormat::Table => {
            for f in findings {
                writeln!(out, "{}:{}: {}[{}]: {}", f.file, f.line, f.level.word(), f.rule, f.message)?;
                writeln!(out, "    fix: {}", f.fix)?;
            }
            let errors = findings.iter().filter(|f| f.level == Level::Error).count() as u64;
            let warnings = findings.len() as u64 - errors;
            writeln!(out, "{errors} {}, {warnings} {}", plural(errors, "error"), plural(warnings, "warning"))?;
        }
        LintFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, findings)?;
            writeln!(out)?;
        }
        LintFormat::Github => {
            for f in findings {
                writeln!(
                    out,
                    "::{} file={},line={},title={}::{}",
                    f.level.word(),
                    escape_property(&f.file),
                    f.line,
                    escape_property(&format!("citegraph lint: {}", f.rule)),
                    escape_data(&format!("{} Fix: {}.", f.message, f.fix)),
                )?;
            }
        }
    }
    Ok(())
}

/// Escapes a workflow command's message (`%`, CR, LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_annotations_escape_what_the_runner_would_misread() {
        let f = Finding {
            file: "lists/a,b.md".into(),
            line: 7,
            level: Level::Error,
            rule: "duplicate",
            message: "100% the same\npaper".into(),
            fix: "remove one".into(),
        };
        let mut out = Vec::new();
        write_findings(&[f], LintFormat::Github, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=lists/a%2Cb.md,line=7,title=citegraph lint%3A duplicate::100%25 the same%0Apaper Fix: remove one.\n"
        );
    }
}
