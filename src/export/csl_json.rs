//! Stage 5, `missing.csl.json`: the top candidates as CSL-JSON (the Citation Style Language's
//! data format, what Zotero, pandoc and citeproc read best): `article-journal` with a venue,
//! `article` (a preprint) without, names split into `family` and `given`, the year as
//! `issued.date-parts`. JSON escaping by serde_json.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::reading_list::{Name, Reference, references};
use super::{ExportInput, Exporter};
use crate::wording::json_text;

/// Writes `missing.csl.json`.
#[derive(Debug, Clone, Copy, Default)]
pub struct CslJsonExporter;

impl Exporter for CslJsonExporter {
    fn file_name(&self) -> &'static str {
        "missing.csl.json"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let items: Vec<Value> = references(input).iter().map(item).collect();
        out.write_all(json_text(serde_json::to_string_pretty(&items)?).as_bytes())?;
        writeln!(out)?;
        Ok(())
    }
}

/// One CSL-JSON item.
pub fn item(r: &Reference) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), r.key.as_str().into());
    o.insert("citation-key".into(), r.key.as_str().into());
    o.insert("type".into(), if r.venue.is_some() { "article-journal" } else { "article" }.into());
    o.insert("title".into(), r.title.as_str().into());
    if !r.authors.is_empty() {
        let names: Vec<Value> = r
            .authors
            .iter()
            .map(|a| match a {
                Name::Split { family, given } if !given.is_empty() => json!({ "family": family, "given": given }),
                Name::Split { family: name, .. } | Name::Literal(name) => json!({ "literal": name }),
            })
            .collect();
        o.insert("author".into(), names.into());
    }
    if let Some(year) = r.year {
        o.insert("issued".into(), json!({ "date-parts": [[year]] }));
    }
    if let Some(venue) = &r.venue {
        o.insert("container-title".into(), venue.as_str().into());
    }
    if let Some(doi) = &r.doi {
        o.insert("DOI".into(), doi.as_str().into());
    }
    if let Some(arxiv) = &r.arxiv {
        o.insert("number".into(), format!("arXiv:{arxiv}").into());
    }
    if let Some(url) = &r.url {
        o.insert("URL".into(), url.as_str().into());
    }
    o.insert("note".into(), r.note.as_str().into());
    Value::Object(o)
}
