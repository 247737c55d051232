//! Stage 4 input for `citegraph rank --edges`: a two-column edge list (`citing cited`, any
//! whitespace between, `#` comments, blank lines) -> interned ids and a [`Csr`].
//!
//! The file is read in parallel chunks of whole lines: each chunk interns its ids in its own
//! table, in order of first appearance, then the tables are merged in chunk order, so the ids come
//! out in the order of their first appearance in the file, exactly as a line-by-line reading gives
//! them. A bad line is reported as the line-by-line reading reports it: the first one in the file.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use foldhash::fast::FixedState;
use rayon::prelude::*;

use super::csr::{Csr, CsrReport};

/// An edge list read from a file: ids in order of first appearance, and the adjacency over them.
#[derive(Debug, Clone)]
pub struct EdgeList {
    /// Node ids as written, by node index.
    pub ids: Vec<String>,
    /// The adjacency (duplicates merged, self-citations dropped).
    pub csr: Csr,
    /// Edge lines read (before merging duplicates).
    pub lines: usize,
    /// What building the adjacency dropped.
    pub report: CsrReport,
}

/// Bytes per parallel chunk, at least (smaller files are one chunk).
const MIN_CHUNK: usize = 1 << 20;

impl EdgeList {
    /// Reads an edge list file; errors name the file, and the line for bad lines.
    pub fn read(path: &Path) -> Result<EdgeList> {
        let bytes = std::fs::read(path)
            .with_context(|| format!("cannot read the edge list {} (check --edges)", path.display()))?;
        EdgeList::parse(&path.display().to_string(), &bytes)
    }

    /// Parses edge-list text; `name` is the file name used in messages.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<EdgeList> {
        let chunk_size = bytes.len().div_ceil(rayon::current_num_threads() * 4).max(MIN_CHUNK);
        EdgeList::parse_in_chunks(name, bytes, chunk_size)
    }

    /// [`EdgeList::parse`] in chunks of about `chunk_size` bytes (whole lines).
    fn parse_in_chunks(name: &str, bytes: &[u8], chunk_size: usize) -> Result<EdgeList> {
        let chunks: Vec<Chunk<'_>> = chunk_bounds(bytes, chunk_size)
            .into_par_iter()
            .map(|(start, end)| Chunk::parse(bytes, start, end))
            .collect();
        if let Some((offset, message)) = chunks.iter().find_map(|chunk| chunk.error.as_ref()) {
            let number = memchr::memchr_iter(b'\n', &bytes[..*offset]).count() + 1;
            bail!("{name}:{number}: {message}");
        }
        let lines: usize = chunks.iter().map(|chunk| chunk.edges.len()).sum();
        if lines >= (u32::MAX / 2) as usize {
            // Near what the adjacency holds (and chunk-local ids might not fit a `u32`): the
            // line-by-line reading names the line where the counts overflow, if they do.
            return parse_line_by_line(name, bytes);
        }

        // Merge the chunks' tables in chunk order: the ids in order of first appearance.
        let mut index: HashMap<&str, u32, FixedState> =
            HashMap::with_capacity_and_hasher(chunks.first().map_or(0, |c| c.ids.len()), FixedState::default());
        let mut ids: Vec<&str> = Vec::new();
        let mut to_global: Vec<Vec<u32>> = Vec::with_capacity(chunks.len());
        for chunk in &chunks {
            let mut map = Vec::with_capacity(chunk.ids.len());
            for &id in &chunk.ids {
                let next = ids.len() as u32;
                let global = *index.entry(id).or_insert(next);
                if global == next {
                    if next == u32::MAX {
                        return parse_line_by_line(name, bytes);
                    }
                    ids.push(id);
                }
                map.push(global);
            }
            to_global.push(map);
        }
        drop(index);

        // Every chunk's edges, renumbered, into one vector.
        let mut keys = vec![0u64; lines];
        let mut rest = keys.as_mut_slice();
        let mut parts = Vec::with_capacity(chunks.len());
        for chunk in &chunks {
            let (part, tail) = rest.split_at_mut(chunk.edges.len());
            parts.push(part);
            rest = tail;
        }
        parts.into_par_iter().zip(&chunks).zip(&to_global).for_each(|((part, chunk), map)| {
            for (key, &(s, t)) in part.iter_mut().zip(&chunk.edges) {
                *key = (u64::from(map[s as usize]) << 32) | u64::from(map[t as usize]);
            }
        });
        let ids: Vec<String> = ids.par_iter().map(|&id| id.to_owned()).collect();
        drop(chunks);
        if keys.is_empty() {
            bail!("{name} holds no edges: expected lines of two whitespace-separated ids, `citing cited`");
        }
        let (csr, report) = Csr::from_keys(ids.len(), keys);
        Ok(EdgeList { ids, csr, lines, report })
    }
}

/// Ranges of whole lines covering `bytes`, each at least `size` bytes long (but the last).
fn chunk_bounds(bytes: &[u8], size: usize) -> Vec<(usize, usize)> {
    let size = size.max(1);
    let mut bounds = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = match bytes.get(start + size..).and_then(|rest| memchr::memchr(b'\n', rest)) {
            Some(newline) => start + size + newline + 1,
            None => bytes.len(),
        };
        bounds.push((start, end));
        start = end;
    }
    bounds
}

/// One chunk of whole lines, read on its own: its ids in order of first appearance, its edges
/// over them, and its first bad line.
struct Chunk<'a> {
    ids: Vec<&'a str>,
    edges: Vec<(u32, u32)>,
    /// Where the first bad line starts in the file, and what is wrong with it.
    error: Option<(usize, String)>,
}

impl<'a> Chunk<'a> {
    fn parse(bytes: &'a [u8], start: usize, end: usize) -> Chunk<'a> {
        let mut chunk = Chunk { ids: Vec::new(), edges: Vec::new(), error: None };
        // Validate the whole chunk at once; read the valid lines before a bad one, if any.
        let (text, bad_line) = match std::str::from_utf8(&bytes[start..end]) {
            Ok(text) => (text, None),
            Err(err) => {
                let valid = &bytes[start..start + err.valid_up_to()];
                let line_start = memchr::memrchr(b'\n', valid).map_or(0, |newline| newline + 1);
                let text = std::str::from_utf8(&valid[..line_start]).unwrap_or_default();
                (text, Some(start + line_start))
            }
        };
        let mut index: HashMap<&'a str, u32, FixedState> = HashMap::default();
        let mut offset = 0;
        while offset < text.len() {
            let line_end = memchr::memchr(b'\n', &text.as_bytes()[offset..]).map_or(text.len(), |i| offset + i);
            let line = &text[offset..line_end];
            match columns(line) {
                Ok(None) => {}
                Ok(Some((citing, cited))) => {
                    let s = chunk.intern(&mut index, citing);
                    let t = chunk.intern(&mut index, cited);
                    chunk.edges.push((s, t));
                }
                Err(message) => {
                    chunk.error = Some((start + offset, message));
                    return chunk;
                }
            }
            offset = line_end + 1;
        }
        if let Some(line_start) = bad_line {
            chunk.error = Some((line_start, "not valid UTF-8; an edge list is text with two ids per line".to_owned()));
        }
        chunk
    }

    /// The chunk-local index of `id`, added if new. (An index past `u32::MAX` wraps, but only in
    /// a chunk of more than `u32::MAX / 2` lines, which [`EdgeList::parse`] then reads again line
    /// by line.)
    fn intern(&mut self, index: &mut HashMap<&'a str, u32, FixedState>, id: &'a str) -> u32 {
        let next = self.ids.len() as u32; // wraps only where noted above
        let local = *index.entry(id).or_insert(next);
        if local == next {
            self.ids.push(id);
        }
        local
    }
}

/// The two ids of one line (without its `\n`), `None` for a blank or comment-only line, or what
/// is wrong with it.
fn columns(line: &str) -> Result<Option<(&str, &str)>, String> {
    let content = match memchr::memchr(b'#', line.as_bytes()) {
        Some(hash) => &line[..hash],
        None => line,
    };
    let mut tokens = Tokens { text: content, at: 0 };
    let Some(citing) = tokens.next() else { return Ok(None) };
    let Some(cited) = tokens.next() else {
        return Err(format!("expected two columns `citing cited`, found one: `{}`{}", content.trim(), hint(content)));
    };
    if tokens.next().is_some() {
        let found = content.split_ascii_whitespace().count();
        return Err(format!(
            "expected two columns `citing cited`, found {found}: `{}` (ids cannot contain spaces; `#` starts a \
             comment){}",
            content.trim(),
            hint(content)
        ));
    }
    Ok(Some((citing, cited)))
}

/// A hint for a line that looks like comma-separated values.
fn hint(content: &str) -> &'static str {
    if content.contains(',') {
        "; separate the columns with spaces or tabs, not commas (e.g. `tr ',' ' '`)"
    } else {
        ""
    }
}

/// The whitespace-separated words of a line, as `str::split_ascii_whitespace` gives them.
struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let start = self.at + bytes[self.at..].iter().position(|b| !b.is_ascii_whitespace())?;
        let end = bytes[start..].iter().position(u8::is_ascii_whitespace).map_or(bytes.len(), |i| start + i);
        self.at = end;
        Some(&self.text[start..end])
    }
}

/// The line-by-line reading: the reference the parallel one matches, and its fallback when the
/// counts outgrow `u32` (it names the line where they do).
fn parse_line_by_line(name: &str, bytes: &[u8]) -> Result<EdgeList> {
    let mut ids: Vec<String> = Vec::new();
    let mut index: HashMap<&str, u32, FixedState> = HashMap::default();
    let mut edges: Vec<(u32, u32)> = Vec::new();
    for (number, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let number = number + 1;
        let Ok(line) = std::str::from_utf8(line) else {
            bail!("{name}:{number}: not valid UTF-8; an edge list is text with two ids per line");
        };
        let (citing, cited) = match columns(line) {
            Ok(Some(pair)) => pair,
            Ok(None) => continue,
            Err(message) => bail!("{name}:{number}: {message}"),
        };
        let (Some(s), Some(t)) = (intern(&mut index, &mut ids, citing), intern(&mut index, &mut ids, cited)) else {
            bail!("{name}:{number}: more than {} distinct ids; split the graph", u32::MAX);
        };
        edges.push((s, t));
        if edges.len() >= u32::MAX as usize {
            bail!("{name}:{number}: more than {} edges; split the graph", u32::MAX - 1);
        }
    }
    if edges.is_empty() {
        bail!("{name} holds no edges: expected lines of two whitespace-separated ids, `citing cited`");
    }
    let lines = edges.len();
    let (csr, report) = Csr::from_edges(ids.len(), edges);
    Ok(EdgeList { ids, csr, lines, report })
}

/// The index of `id`, added if new; `None` when the ids no longer fit a `u32`.
fn intern<'a>(index: &mut HashMap<&'a str, u32, FixedState>, ids: &mut Vec<String>, id: &'a str) -> Option<u32> {
    if let Some(&i) = index.get(id) {
        return Some(i);
    }
    let i = u32::try_from(ids.len()).ok().filter(|&i| i < u32::MAX)?;
    ids.push(id.to_owned());
    index.insert(id, i);
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blank_lines_tabs_crlf_and_duplicates_are_fine() {
        let text = "# a comment\n\na\tb\r\nb c   # trailing comment\n  a b\nc a\nd d\n";
        let list = EdgeList::parse("e.txt", text.as_bytes()).unwrap();
        assert_eq!(list.ids, ["a", "b", "c", "d"]);
        assert_eq!(list.lines, 5);
        assert_eq!(list.report, CsrReport { duplicates: 1, self_loops: 1 });
        assert_eq!(list.csr.edges().collect::<Vec<_>>(), [(0, 1), (1, 2), (2, 0)]);
    }

    #[test]
    fn bad_lines_are_named_by_file_and_line() {
        for (text, message) in [
            ("a b\nlonely\n", "e.txt:2: expected two columns `citing cited`, found one: `lonely`"),
            ("a b\n\na b c\n", "e.txt:3: expected two columns `citing cited`, found 3: `a b c`"),
            ("# only comments\n\n", "e.txt holds no edges"),
        ] {
            let err = EdgeList::parse("e.txt", text.as_bytes()).unwrap_err();
            assert!(format!("{err:#}").contains(message), "{err:#}");
        }
        let err = EdgeList::parse("e.txt", b"a b\n\xff\xfe c\n").unwrap_err();
        assert!(format!("{err:#}").starts_with("e.txt:2: not valid UTF-8"), "{err:#}");
    }

    /// A random edge list with everything the format allows: comments, blank lines, tabs, CRLF,
    /// duplicate lines and self-citations.
    fn random_text(rng: &mut fastrand::Rng, lines: usize) -> String {
        let mut text = String::new();
        for _ in 0..lines {
            let id = |rng: &mut fastrand::Rng| format!("p{}", rng.u32(0..60));
            match rng.u8(0..10) {
                0 => text.push_str("# a comment, with a comma\n"),
                1 => text.push('\n'),
                2 => text.push_str("  \t \r\n"),
                3 => {
                    let a = id(rng);
                    text.push_str(&format!("{a}\t{a} # a self-citation\r\n"));
                }
                _ => {
                    let (a, b) = (id(rng), id(rng));
                    text.push_str(&format!("{}{a} {}{b}\n", " ".repeat(rng.usize(0..2)), " ".repeat(rng.usize(1..3))));
                }
            }
        }
        if rng.bool() {
            text.push_str("last end");
        }
        text
    }

    #[test]
    fn reading_in_chunks_gives_exactly_what_a_line_by_line_reading_gives() {
        let mut rng = fastrand::Rng::with_seed(15);
        for _ in 0..40 {
            let lines = rng.usize(1..200);
            let text = random_text(&mut rng, lines);
            let reference = parse_line_by_line("e.txt", text.as_bytes()).unwrap();
            for chunk_size in [1, 2, 7, 30, 100, 1000, usize::MAX / 2] {
                let list = EdgeList::parse_in_chunks("e.txt", text.as_bytes(), chunk_size).unwrap();
                assert_eq!(list.ids, reference.ids, "chunks of {chunk_size} bytes:\n{text}");
                assert_eq!(list.csr, reference.csr);
                assert_eq!((list.lines, list.report), (reference.lines, reference.report));
            }
        }
    }

    #[test]
    fn the_first_bad_line_of_the_file_is_the_one_reported_whatever_the_chunks() {
        let mut text = "a b\n".repeat(50);
        text.push_str("one\n");
        text.push_str(&"c d\n".repeat(50));
        text.push_str("x y z\n");
        let mut bytes = text.into_bytes();
        bytes.extend_from_slice(b"\xff\xfe q\n");
        for chunk_size in [1, 5, 64, 203, 210, 1000] {
            let err = EdgeList::parse_in_chunks("e.txt", &bytes, chunk_size).unwrap_err();
            assert_eq!(format!("{err:#}"), "e.txt:51: expected two columns `citing cited`, found one: `one`");
            let err = EdgeList::parse_in_chunks("e.txt", &bytes[204..], chunk_size).unwrap_err();
            assert_eq!(
                format!("{err:#}"),
                "e.txt:51: expected two columns `citing cited`, found 3: `x y z` \
                (ids cannot contain spaces; `#` starts a comment)"
            );
            let err = EdgeList::parse_in_chunks("e.txt", &bytes[410..], chunk_size).unwrap_err();
            assert_eq!(format!("{err:#}"), "e.txt:1: not valid UTF-8; an edge list is text with two ids per line");
        }
    }

    #[test]
    fn a_comma_separated_file_gets_a_hint_about_separators() {
        for (text, found) in [("citing,cited\na,b\n", "found one: `citing,cited`"), ("a b\na,b c,d 3\n", "found 3")] {
            let err = EdgeList::parse("e.csv", text.as_bytes()).unwrap_err();
            let message = format!("{err:#}");
            assert!(message.contains(found), "{message}");
            assert!(
                message.ends_with("separate the columns with spaces or tabs, not commas (e.g. `tr ',' ' '`)"),
                "{message}"
            );
        }
        // Without a comma, no hint.
        let err = EdgeList::parse("e.txt", b"a;b\n").unwrap_err();
        assert!(!format!("{err:#}").contains("commas"), "{err:#}");
    }

    #[test]
    fn a_missing_file_names_the_flag() {
        let err = EdgeList::read(Path::new("/nonexistent/edges.txt")).unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("/nonexistent/edges.txt") && text.contains("--edges"), "{text}");
    }
}
