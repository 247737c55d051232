//! Stage 1: an awesome-list style Markdown file -> [`PaperList`] (sections, venue tags, titles,
//! identifiers from the links, authors), with the problems of single entries recorded as warnings.

mod authors;
mod builtin;
mod ids;
mod parse;
pub mod span;
mod updated;
mod venue;

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use builtin::{BUILTIN_LIST, BUILTIN_NAME};
pub use ids::PaperId;
pub use parse::parse_markdown;
pub use updated::updated_date;
pub use venue::VenueTag;

/// The largest paper list citegraph reads: 16 MiB. Real lists are far smaller (the built-in one is
/// under 6 KiB); the cap stops `--list /dev/zero` or an endless stdin from filling memory.
pub const MAX_LIST_BYTES: u64 = 16 * 1024 * 1024;

/// Where a list came from; used in every message about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "path", rename_all = "camelCase")]
pub enum ListSource {
    /// The list compiled into the binary.
    Builtin,
    /// A Markdown file on disk.
    File(PathBuf),
    /// Standard input (`--list -`).
    Stdin,
}

impl fmt::Display for ListSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListSource::Builtin => f.write_str("<built-in list>"),
            ListSource::File(path) => write!(f, "{}", path.display()),
            ListSource::Stdin => f.write_str("<stdin>"),
        }
    }
}

/// A parsed paper list.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaperList {
    /// The list's name: its level-1 heading, else the file name.
    pub name: String,
    /// Where it was read from.
    pub source: ListSource,
    /// Sections that hold at least one paper, in document order.
    pub sections: Vec<Section>,
    /// Every paper entry, in document order.
    pub papers: Vec<ListedPaper>,
    /// The date the list says it was last updated (`Updated as of 5/14/2024`), from the text
    /// before its first paper heading.
    pub updated: Option<jiff::civil::Date>,
}

/// A heading that holds papers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// Readable heading text (`"Solving" MADness:` -> `Solving MADness`).
    pub name: String,
    /// The heading as written after its `#`s (`"Solving" MADness:`), on one line: the lines of a
    /// multi-line (setext) heading joined by a space, tabs made spaces, other control characters
    /// dropped, the ends trimmed. Empty for papers before any heading. What `missing.md` copies,
    /// so a curator finds the heading in the list; everything else shows [`Section::name`].
    pub heading: String,
    /// Heading level, 1 to 6 (0 for papers before any heading).
    pub level: u8,
    /// Line of the heading.
    pub line: usize,
}

/// One paper entry of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedPaper {
    /// 1-based line of the list item.
    pub line: usize,
    /// Name of the section it is under (empty before any heading).
    pub section: String,
    /// The `[venue year]` tag, when present.
    pub tag: Option<VenueTag>,
    /// Title: the link text (or the item text when there is no link).
    pub title: String,
    /// The link, when there is one.
    pub url: Option<String>,
    /// The identifier found in the link, when recognised.
    pub id: Option<PaperId>,
    /// Authors, from a nested bullet that is a list of names.
    pub authors: Vec<String>,
    /// Other nested bullets (the list author's summary). Kept, but nothing depends on it.
    pub summary: Vec<String>,
    /// Text after the link, such as `same authors as ...`.
    pub note: Option<String>,
    /// Problems with this entry (warnings, not errors).
    pub problems: Vec<Problem>,
}

impl ListedPaper {
    /// Year from the venue tag.
    pub fn year(&self) -> Option<i32> {
        self.tag.as_ref().and_then(|t| t.year)
    }
}

/// A problem with one entry: reported as a warning with file and line; the run goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Problem {
    /// The same paper appears earlier in the list.
    Duplicate {
        /// Line of the first occurrence.
        first_line: usize,
        /// What matched: an identifier (`arXiv 2305.17493`) or `title`.
        matched: String,
    },
    /// A link whose form citegraph does not know; the paper will be resolved by title.
    UnrecognisedLink {
        /// The link as written.
        url: String,
    },
    /// The item has no link; the paper will be resolved by title.
    NoLink,
    /// An item without a link or tag right after an entry, not indented under it, was taken as
    /// that entry's summary (or author line): perhaps it is a paper that lacks its link.
    StraySummary {
        /// Line of the item.
        line: usize,
        /// Line of the entry it was added to.
        entry_line: usize,
    },
}

impl Problem {
    /// The line the problem is on, when it is not the entry's own line.
    pub fn line(&self) -> Option<usize> {
        match self {
            Problem::StraySummary { line, .. } => Some(*line),
            _ => None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Duplicate { first_line, matched } => {
                write!(f, "duplicate of the entry on line {first_line} (same {matched}); remove one")
            }
            Problem::UnrecognisedLink { url } => write!(
                f,
                "link not recognised as arXiv, OpenReview, DOI, Semantic Scholar or ACL Anthology: {url}; \
                 the paper will be looked up by title"
            ),
            Problem::NoLink => f.write_str("no link; the paper will be looked up by title (add an arXiv or DOI link)"),
            Problem::StraySummary { line, entry_line } => write!(
                f,
                "the item on line {line} has no link and was taken as the summary of the entry on line {entry_line}: \
                 indent it if it is one, or give it a link (or a `[venue year]` tag) if it is a paper"
            ),
        }
    }
}

/// A list that cannot be used at all (as opposed to a [`Problem`] with one entry).
#[derive(Debug, thiserror::Error)]
pub enum ListError {
    /// The file could not be read.
    #[error("cannot read the paper list {source_name}: {error}; check --list (or omit it to use the built-in list)")]
    Read {
        /// Which list.
        source_name: ListSource,
        /// The I/O error.
        error: std::io::Error,
    },
    /// The input is larger than [`MAX_LIST_BYTES`].
    #[error(
        "the paper list {source_name} is larger than {} MiB, the most citegraph reads; check that --list \
         names a Markdown paper list, or cut the list down to under that size",
        MAX_LIST_BYTES / (1024 * 1024)
    )]
    TooLarge {
        /// Which list.
        source_name: ListSource,
    },
    /// The file is not UTF-8.
    #[error("the paper list {source_name} is not valid UTF-8 (line {line}, byte {byte}); save it as UTF-8")]
    NotUtf8 {
        /// Which list.
        source_name: ListSource,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 0-based byte offset of the first bad byte.
        byte: usize,
    },
    /// Nothing in the file looks like a paper entry.
    #[error(
        "the paper list {source_name} holds no papers: expected list items like \
         `1. [arXiv 23] [Title](https://arxiv.org/abs/2305.17493)` under headings"
    )]
    NoPapers {
        /// Which list.
        source_name: ListSource,
    },
}

impl PaperList {
    /// Reads and parses a list from a file (`-` is standard input), reading at most
    /// [`MAX_LIST_BYTES`] (and one byte more, to tell a larger input).
    pub fn from_path(path: &Path) -> Result<PaperList, ListError> {
        let (source, read) = if path == Path::new("-") {
            (ListSource::Stdin, read_capped(std::io::stdin().lock()))
        } else {
            let source = ListSource::File(path.to_path_buf());
            let read = std::fs::File::open(path).and_then(read_capped);
            (source, read)
        };
        match read {
            Ok(bytes) => Self::from_bytes(source, &bytes),
            Err(error) => Err(ListError::Read { source_name: source, error }),
        }
    }

    /// Parses a list from raw bytes, checking the size and the encoding first.
    /// Fails with [`ListError::TooLarge`] above [`MAX_LIST_BYTES`].
    pub fn from_bytes(source: ListSource, bytes: &[u8]) -> Result<PaperList, ListError> {
        if bytes.len() as u64 > MAX_LIST_BYTES {
            return Err(ListError::TooLarge { source_name: source });
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let byte = err.valid_up_to();
                let line = 1 + bytes[..byte].iter().filter(|&&b| b == b'\n').count();
                return Err(ListError::NotUtf8 { source_name: source, line, byte });
            }
        };
        let list = parse_markdown(source, text);
        if list.papers.is_empty() {
            return Err(ListError::NoPapers { source_name: list.source });
        }
        Ok(list)
    }

    /// The list compiled into the binary.
    pub fn builtin() -> PaperList {
        parse_markdown(ListSource::Builtin, BUILTIN_LIST)
    }

    /// Every problem, as `source:line: message` lines, in document order.
    pub fn warnings(&self) -> impl Iterator<Item = String> + '_ {
        self.papers.iter().flat_map(move |paper| {
            paper
                .problems
                .iter()
                .map(move |problem| format!("{}:{}: {problem}", self.source, problem.line().unwrap_or(paper.line)))
        })
    }

    /// Papers of one section, in order. This scans every paper: to go through all sections, use
    /// [`PaperList::papers_by_section`], which is one pass.
    pub fn papers_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a ListedPaper> + 'a {
        self.papers.iter().filter(move |p| p.section == section)
    }

    /// Every section with its papers, in order, in one pass over the papers (what calling
    /// [`PaperList::papers_in`] for each section gives, in linear time).
    pub fn papers_by_section(&self) -> Vec<(&Section, Vec<&ListedPaper>)> {
        let mut by_name: HashMap<&str, Vec<&ListedPaper>> =
            self.sections.iter().map(|s| (s.name.as_str(), Vec::new())).collect();
        for paper in &self.papers {
            if let Some(papers) = by_name.get_mut(paper.section.as_str()) {
                papers.push(paper);
            }
        }
        self.sections.iter().map(|s| (s, by_name[s.name.as_str()].clone())).collect()
    }
}

/// Reads to the end, or to one byte past [`MAX_LIST_BYTES`]: enough to tell an input that is too
/// large without reading it all (`/dev/zero` never ends).
fn read_capped(reader: impl Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(MAX_LIST_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}
