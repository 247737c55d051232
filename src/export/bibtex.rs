//! Stage 5, `missing.bib`: the top candidates as a BibTeX reading list, with stable citation
//! keys, DOIs and arXiv `eprint` fields. Every field is escaped for BibTeX and LaTeX (braces,
//! backslash and the LaTeX specials as commands), titles are braced so their case is kept, and
//! accents stay as UTF-8 (biber, bibtex8, Zotero and JabRef read them).

use std::io::Write;

use anyhow::Result;

use super::reading_list::{Name, Reference, references};
use super::{ExportInput, Exporter};

/// Writes `missing.bib`.
#[derive(Debug, Clone, Copy, Default)]
pub struct BibtexExporter;

impl Exporter for BibtexExporter {
    fn file_name(&self) -> &'static str {
        "missing.bib"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        writeln!(out, "% missing.bib, written by citegraph: papers not on the list that belong with it, best first.")?;
        for r in references(input) {
            out.write_all(entry(&r).as_bytes())?;
        }
        Ok(())
    }
}

/// `text` as the content of a braced BibTeX field that LaTeX typesets as `text`: braces and
/// backslash escaped (so braces stay balanced), `& % $ # _` with a backslash, `~ ^ < > \``
/// as text commands, `--` and `''` broken up so they do not become dashes or quotes, line
/// breaks and other control characters as spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '`' => out.push_str("\\textasciigrave{}"),
            '-' | '\'' if chars.peek() == Some(&c) => {
                out.push(c);
                out.push_str("{}");
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A verbatim field (DOI, URL, eprint): kept as written but for what would unbalance the braces.
fn verbatim(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '{' | '}' | '\\') && !c.is_control()).collect()
}

/// One author for the `author` field: `Family, Given`, or a one-word name braced whole.
fn author(name: &Name) -> String {
    match name {
        Name::Split { family, given } if given.is_empty() => format!("{{{}}}", escape(family)),
        Name::Split { family, given } => format!("{{{}}}, {}", escape(family), escape(given)),
        Name::Literal(name) => format!("{{{}}}", escape(name)),
    }
}

/// One entry: `@article` with a venue, `@misc` without.
pub fn entry(r: &Reference) -> String {
    let kind = if r.venue.is_some() { "article" } else { "misc" };
    let mut fields: Vec<(&str, String)> = vec![("title", format!("{{{}}}", escape(&r.title)))];
    if !r.authors.is_empty() {
        fields.push(("author", r.authors.iter().map(author).collect::<Vec<_>>().join(" and ")));
    }
    if let Some(year) = r.year {
        fields.push(("year", year.to_string()));
    }
    if let Some(venue) = &r.venue {
        fields.push(("journal", escape(venue)));
    }
    if let Some(doi) = &r.doi {
        fields.push(("doi", verbatim(doi)));
    }
    if let Some(arxiv) = &r.arxiv {
        fields.push(("eprint", verbatim(arxiv)));
        fields.push(("archiveprefix", "arXiv".to_owned()));
    }
    if let Some(url) = &r.url {
        fields.push(("url", verbatim(url)));
    }
    fields.push(("note", escape(&r.note)));
    let mut s = format!("\n@{kind}{{{},\n", r.key);
    for (name, value) in fields {
        s.push_str(&format!("  {name} = {{{value}}},\n"));
    }
    s.push_str("}\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_escaped() {
        assert_eq!(escape("{a} \\ 50% & $x_1$ #"), "\\{a\\} \\textbackslash{} 50\\% \\& \\$x\\_1\\$ \\#");
        assert_eq!(
            escape("a--b ''q'' ~^<>`"),
            "a-{}-b '{}'q'{}' \\textasciitilde{}\\textasciicircum{}\\textless{}\\textgreater{}\\textasciigrave{}"
        );
        assert_eq!(escape("line\nbreak Chloé"), "line break Chloé");
    }
}
