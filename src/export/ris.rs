//! Stage 5, `missing.ris`: the top candidates as an RIS reading list (EndNote, Zotero, Mendeley,
//! Papers): one record per candidate, `JOUR` with a venue and `GEN` without. RIS has no escapes:
//! every value is one line, line breaks and control characters become spaces.

use std::io::Write;

use anyhow::Result;

use super::reading_list::{Name, Reference, one_line, references};
use super::{ExportInput, Exporter};

/// Writes `missing.ris`.
#[derive(Debug, Clone, Copy, Default)]
pub struct RisExporter;

impl Exporter for RisExporter {
    fn file_name(&self) -> &'static str {
        "missing.ris"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        for r in references(input) {
            out.write_all(record(&r).as_bytes())?;
        }
        Ok(())
    }
}

/// One record, ending with `ER  - ` and a blank line.
pub fn record(r: &Reference) -> String {
    let mut s = String::new();
    let mut tag = |tag: &str, value: &str| {
        s.push_str(tag);
        s.push_str("  - ");
        s.push_str(one_line(value).trim());
        s.push('\n');
    };
    tag("TY", if r.venue.is_some() { "JOUR" } else { "GEN" });
    tag("ID", &r.key);
    tag("TI", &r.title);
    for a in &r.authors {
        match a {
            Name::Split { family, given } if !given.is_empty() => tag("AU", &format!("{family}, {given}")),
            Name::Split { family: name, .. } | Name::Literal(name) => tag("AU", name),
        }
    }
    if let Some(year) = r.year {
        tag("PY", &year.to_string());
    }
    if let Some(venue) = &r.venue {
        tag("JO", venue);
    }
    if let Some(doi) = &r.doi {
        tag("DO", doi);
    }
    if let Some(arxiv) = &r.arxiv {
        tag("AN", &format!("arXiv:{arxiv}"));
    }
    if let Some(url) = &r.url {
        tag("UR", url);
    }
    tag("N1", &r.note);
    s.push_str("ER  - \n\n");
    s
}
