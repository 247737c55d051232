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
use super::id_table::IdTable;
use super::phases::Phases;

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
        EdgeList::read_timed(path, &mut Phases::start())
    }

    /// [`EdgeList::read`], timing its phases: `file`, `ids` (parsing and numbering) and
    /// `adjacency`. The file's bytes are gone before the adjacency is built.
    pub fn read_timed(path: &Path, phases: &mut Phases) -> Result<EdgeList> {
        let bytes = std::fs::read(path)
            .with_context(|| format!("cannot read the edge list {} (check --edges)", path.display()))?;
        phases.lap("file");
        let parsed = Parsed::in_chunks(&path.display().to_string(), &bytes, chunk_size(bytes.len()), phases)?;
        drop(bytes);
        Ok(parsed.into_edge_list(phases))
    }

    /// Parses edge-list text; `name` is the file name used in messages.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<EdgeList> {
        EdgeList::parse_in_chunks(name, bytes, chunk_size(bytes.len()))
    }

    /// [`EdgeList::parse`] in chunks of about `chunk_size` bytes (whole lines).
    fn parse_in_chunks(name: &str, bytes: &[u8], chunk_size: usize) -> Result<EdgeList> {
        let mut phases = Phases::start();
        Ok(Parsed::in_chunks(name, bytes, chunk_size, &mut phases)?.into_edge_list(&mut phases))
    }
}

/// Bytes per parallel chunk of a file of `size` bytes: two chunks a thread (whole lines, at
/// least [`MIN_CHUNK`]).
fn chunk_size(size: usize) -> usize {
    size.div_ceil(rayon::current_num_threads() * 2).max(MIN_CHUNK)
}

/// An edge list read, before its adjacency is built: the ids (owned, so the file's bytes can go)
/// and the edges over them, in parts.
struct Parsed {
    ids: Vec<String>,
    parts: Vec<Vec<(u32, u32)>>,
    lines: usize,
}

impl Parsed {
    /// Reads `bytes` in parallel chunks of about `chunk_size` bytes (whole lines), timing `ids`.
    fn in_chunks(name: &str, bytes: &[u8], chunk_size: usize, phases: &mut Phases) -> Result<Parsed> {
        let numbers_below = numbers_below(bytes.len());
        let mut chunks: Vec<Chunk<'_>> = chunk_bounds(bytes, chunk_size)
            .into_par_iter()
            .map(|(start, end)| Chunk::parse(bytes, start, end, numbers_below))
            .collect();
        if let Some((offset, message)) = chunks.iter().find_map(|chunk| chunk.error.as_ref()) {
            let number = memchr::memchr_iter(b'\n', &bytes[..*offset]).count() + 1;
            bail!("{name}:{number}: {message}");
        }
        let lines: usize = chunks.iter().map(|chunk| chunk.edges.len()).sum();
        if lines >= (u32::MAX / 4) as usize {
            // Near what the adjacency holds (and a chunk's id references might not fit a `u32`):
            // the line-by-line reading names the line where the counts overflow, if they do.
            return parse_line_by_line(name, bytes);
        }
        if lines == 0 {
            bail!("{name} holds no edges: expected lines of two whitespace-separated ids, `citing cited`");
        }

        // Number the ids in order of first appearance: one pass over every edge in file order,
        // which also renumbers the edges.
        let numbers_end = chunks.iter().map(|chunk| chunk.numbers_end).max().unwrap_or(0);
        let mut numbering = Numbering::new(numbers_end as usize);
        for chunk in &mut chunks {
            numbering.renumber(chunk);
        }
        let ids: Vec<String> = numbering
            .ids
            .par_iter()
            .map(|id| match id {
                Id::Number(value) => value.to_string(),
                Id::Text(text) => (*text).to_owned(),
            })
            .collect();
        let parts: Vec<Vec<(u32, u32)>> = chunks.into_iter().map(|chunk| chunk.edges).collect();
        phases.lap("ids");
        Ok(Parsed { ids, parts, lines })
    }

    /// The edge list, with its adjacency (timed as `adjacency`).
    fn into_edge_list(self, phases: &mut Phases) -> EdgeList {
        let Parsed { ids, parts, lines } = self;
        let (csr, report) = Csr::from_edge_parts(ids.len(), parts);
        phases.lap("adjacency");
        EdgeList { ids, csr, lines, report }
    }
}

/// Ids that are decimal numbers below this (as `0` or without leading zeros: the number says
/// exactly how the id is written) are looked up by value in a table of 4 bytes a value, no
/// hashing; others are hashed. The bound keeps that table below half the file's size.
fn numbers_below(file_size: usize) -> u32 {
    (file_size / 8).clamp(1 << 20, TEXT_ID as usize) as u32
}

/// In a chunk's edges, an id that is not a number (see [`numbers_below`]) is `TEXT_ID` plus its
/// index in the chunk's [`IdTable`]; a number is itself.
const TEXT_ID: u32 = 1 << 31;

/// The value of `id` if it is a decimal number below `below` written as `0` or without leading
/// zeros.
fn number(id: &[u8], below: u32) -> Option<u32> {
    if id.is_empty() || id.len() > 10 || (id[0] == b'0' && id.len() > 1) {
        return None;
    }
    let mut value = 0u64;
    for &b in id {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value = value * 10 + u64::from(digit);
    }
    (value < u64::from(below)).then_some(value as u32)
}

/// An id as first seen in the file.
enum Id<'a> {
    /// A number (see [`numbers_below`]).
    Number(u32),
    /// Any other id.
    Text(&'a str),
}

/// The ids of the whole file in order of first appearance, built by renumbering the chunks'
/// edges in file order.
struct Numbering<'a> {
    /// Node index by number (`u32::MAX`: not seen yet).
    by_number: Vec<u32>,
    /// Other ids, indexed in their own order of first appearance...
    texts: IdTable<'a>,
    /// ... and the node index of each.
    text_nodes: Vec<u32>,
    /// The ids by node index.
    ids: Vec<Id<'a>>,
}

impl<'a> Numbering<'a> {
    fn new(numbers_end: usize) -> Self {
        Numbering {
            by_number: vec![u32::MAX; numbers_end],
            texts: IdTable::with_capacity(0),
            text_nodes: Vec::new(),
            ids: Vec::new(),
        }
    }

    /// The chunk's edges over node indices, numbering the ids seen for the first time. (Fewer
    /// than `u32::MAX / 2` lines, so fewer than `u32::MAX` ids: an index never wraps.)
    fn renumber(&mut self, chunk: &mut Chunk<'a>) {
        let chunk_ids = chunk.ids.ids();
        // The node index of each of the chunk's text ids, pushed as they first appear.
        let mut nodes: Vec<u32> = Vec::with_capacity(chunk_ids.len());
        for (citing, cited) in &mut chunk.edges {
            for end in [citing, cited] {
                *end = if *end < TEXT_ID {
                    let node = &mut self.by_number[*end as usize];
                    if *node == u32::MAX {
                        *node = self.ids.len() as u32;
                        self.ids.push(Id::Number(*end));
                    }
                    *node
                } else {
                    let local = (*end - TEXT_ID) as usize;
                    if local == nodes.len() {
                        let id = chunk_ids[local];
                        let known = self.texts.len();
                        let text = self.texts.intern(id) as usize;
                        if text == known {
                            self.text_nodes.push(self.ids.len() as u32);
                            self.ids.push(Id::Text(id));
                        }
                        nodes.push(self.text_nodes[text]);
                    }
                    nodes[local]
                };
            }
        }
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

/// One chunk of whole lines, read on its own: its edges, its ids that are not numbers in order
/// of first appearance, and its first bad line.
struct Chunk<'a> {
    /// Ids that are not numbers (see [`numbers_below`]).
    ids: IdTable<'a>,
    /// `(citing, cited)`: a number as itself, another id as [`TEXT_ID`] + its index in `ids`.
    edges: Vec<(u32, u32)>,
    /// One past the largest number among the ids (0 when there is none).
    numbers_end: u32,
    /// Where the first bad line starts in the file, and what is wrong with it.
    error: Option<(usize, String)>,
}

impl<'a> Chunk<'a> {
    fn parse(bytes: &'a [u8], start: usize, end: usize, numbers_below: u32) -> Chunk<'a> {
        let mut chunk = Chunk { ids: IdTable::with_capacity(0), edges: Vec::new(), numbers_end: 0, error: None };
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
        // Room for an edge a line (so the vector never grows to twice what it holds).
        chunk.edges.reserve_exact(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
        let mut offset = 0;
        while offset < text.len() {
            if let Some((s, t, next)) = number_line(text.as_bytes(), offset, numbers_below) {
                chunk.numbers_end = chunk.numbers_end.max(s.max(t) + 1);
                chunk.edges.push((s, t));
                offset = next;
                continue;
            }
            match scan_line(text.as_bytes(), offset) {
                Line::Edge { citing, cited, next } => {
                    let s = chunk.id(&text[citing.0..citing.1], numbers_below);
                    let t = chunk.id(&text[cited.0..cited.1], numbers_below);
                    chunk.edges.push((s, t));
                    offset = next;
                }
                Line::Blank { next } => offset = next,
                Line::Other => {
                    // Not two ids: what the reference reading says of the line (an error).
                    let line_end = memchr::memchr(b'\n', &text.as_bytes()[offset..]).map_or(text.len(), |i| offset + i);
                    match columns(&text[offset..line_end]) {
                        Ok(None) => {}
                        Ok(Some((citing, cited))) => {
                            let s = chunk.id(citing, numbers_below);
                            let t = chunk.id(cited, numbers_below);
                            chunk.edges.push((s, t));
                        }
                        Err(message) => {
                            chunk.error = Some((start + offset, message));
                            return chunk;
                        }
                    }
                    offset = line_end + 1;
                }
            }
        }
        if let Some(line_start) = bad_line {
            chunk.error = Some((line_start, "not valid UTF-8; an edge list is text with two ids per line".to_owned()));
        }
        chunk
    }

    /// How `id` is written in [`Chunk::edges`]. (A chunk has fewer than `u32::MAX / 4` lines, or
    /// the file is read again line by line: its index in `ids` stays below `TEXT_ID`.)
    fn id(&mut self, id: &'a str, numbers_below: u32) -> u32 {
        match number(id.as_bytes(), numbers_below) {
            Some(value) => {
                self.numbers_end = self.numbers_end.max(value + 1);
                value
            }
            None => TEXT_ID | self.ids.intern(id),
        }
    }
}

/// The line starting at `at` when it is the commonest kind, two numbers (see [`numbers_below`])
/// separated by spaces or tabs and nothing else: the numbers and where the next line starts, in
/// one pass over the digits. Any other line is left to [`scan_line`].
fn number_line(text: &[u8], at: usize, below: u32) -> Option<(u32, u32, usize)> {
    let (citing, end) = leading_number(text, at, below)?;
    let mut second = end;
    while matches!(text.get(second), Some(b' ' | b'\t')) {
        second += 1;
    }
    if second == end {
        return None;
    }
    let (cited, end) = leading_number(text, second, below)?;
    match (text.get(end), text.get(end + 1)) {
        (None | Some(b'\n'), _) => Some((citing, cited, end + 1)),
        (Some(b'\r'), None | Some(b'\n')) => Some((citing, cited, end + 2)),
        _ => None,
    }
}

/// The number (see [`numbers_below`]) written by the digits from `at` on, and where they end.
fn leading_number(text: &[u8], at: usize, below: u32) -> Option<(u32, usize)> {
    let mut value = 0u64;
    let mut end = at;
    while let Some(digit) = text.get(end).map(|b| b.wrapping_sub(b'0')).filter(|&digit| digit <= 9) {
        value = value * 10 + u64::from(digit);
        end += 1;
        if end - at > 10 {
            return None;
        }
    }
    let leading_zero = text.get(at) == Some(&b'0') && end - at > 1;
    (end > at && !leading_zero && value < u64::from(below)).then_some((value as u32, end))
}

/// What [`scan_line`] found on a line.
enum Line {
    /// Two ids (byte ranges), and where the next line starts.
    Edge { citing: (usize, usize), cited: (usize, usize), next: usize },
    /// Nothing but whitespace and a comment, and where the next line starts.
    Blank { next: usize },
    /// Anything else: [`columns`] says what is wrong.
    Other,
}

/// What a byte is to the line scanner.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Part of an id.
    Id,
    /// ASCII whitespace but the line feed (as `u8::is_ascii_whitespace`).
    Space,
    /// `\n`.
    Newline,
    /// `#`, which starts a comment.
    Comment,
}

const CLASSES: [Class; 256] = {
    let mut classes = [Class::Id; 256];
    classes[b' ' as usize] = Class::Space;
    classes[b'\t' as usize] = Class::Space;
    classes[0x0C] = Class::Space;
    classes[b'\r' as usize] = Class::Space;
    classes[b'\n' as usize] = Class::Newline;
    classes[b'#' as usize] = Class::Comment;
    classes
};

/// The line starting at `at` read in one pass over its bytes: the fast path of [`columns`],
/// agreeing with it on every line it calls an [`Line::Edge`] or [`Line::Blank`].
fn scan_line(text: &[u8], at: usize) -> Line {
    let class = |i: usize| text.get(i).map_or(Class::Newline, |&b| CLASSES[b as usize]);
    let skip = |mut i: usize, over: Class| {
        while class(i) == over {
            i += 1;
        }
        i
    };
    let after_comment = |i: usize| memchr::memchr(b'\n', &text[i..]).map_or(text.len(), |n| i + n) + 1;
    let start = skip(at, Class::Space);
    match class(start) {
        Class::Newline => return Line::Blank { next: start + 1 },
        Class::Comment => return Line::Blank { next: after_comment(start) },
        Class::Id | Class::Space => {}
    }
    let end = skip(start, Class::Id);
    let second = skip(end, Class::Space);
    if class(second) != Class::Id {
        return Line::Other;
    }
    let second_end = skip(second, Class::Id);
    let citing = (start, end);
    let cited = (second, second_end);
    let rest = skip(second_end, Class::Space);
    match class(rest) {
        Class::Newline => Line::Edge { citing, cited, next: rest + 1 },
        Class::Comment => Line::Edge { citing, cited, next: after_comment(rest) },
        Class::Id | Class::Space => Line::Other,
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
fn parse_line_by_line(name: &str, bytes: &[u8]) -> Result<Parsed> {
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
    Ok(Parsed { ids, lines: edges.len(), parts: vec![edges] })
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
            let id = |rng: &mut fastrand::Rng| match rng.u8(0..6) {
                // Numbers, looked up by value; with leading zeros (text: `07` is not `7`); around the
                // bound of numbers looked up by value in a small file (see `numbers_below`).
                0 => rng.u32(0..60).to_string(),
                1 => format!("0{}", rng.u32(0..3)),
                2 => ((1 << 20) - 2 + rng.u32(0..4)).to_string(),
                _ => format!("p{}", rng.u32(0..60)),
            };
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
            let reference = parse_line_by_line("e.txt", text.as_bytes()).unwrap().into_edge_list(&mut Phases::start());
            for chunk_size in [1, 2, 7, 30, 100, 1000, usize::MAX / 2] {
                let list = EdgeList::parse_in_chunks("e.txt", text.as_bytes(), chunk_size).unwrap();
                assert_eq!(list.ids, reference.ids, "chunks of {chunk_size} bytes:\n{text}");
                assert_eq!(list.csr, reference.csr);
                assert_eq!((list.lines, list.report), (reference.lines, reference.report));
            }
        }
    }

    #[test]
    fn lines_of_numbers_read_as_the_line_by_line_reading_reads_them() {
        for text in [
            "1 2",
            "1 2\r",
            "1 2\r\n3 4\r\n",
            "1\t\t2\n0 10\n",
            "10 2 # comment\n2 10   \n",
            "01 1\n1 01\n0 00\n",
            "4294967296 1\n4294967295 1\n1048575 1048576\n",
            "12 34x\n",
            "12 3\u{b}4\n",
            "1 2\n 3 4\n5 6 \n7\u{c}8\n",
        ] {
            let reference =
                parse_line_by_line("e.txt", text.as_bytes()).map(|p| p.into_edge_list(&mut Phases::start()));
            for chunk_size in [1, 3, 1000] {
                let list = EdgeList::parse_in_chunks("e.txt", text.as_bytes(), chunk_size);
                match (&reference, &list) {
                    (Ok(reference), Ok(list)) => {
                        assert_eq!(list.ids, reference.ids, "{text:?}");
                        assert_eq!(list.csr, reference.csr, "{text:?}");
                    }
                    (Err(a), Err(b)) => assert_eq!(format!("{a:#}"), format!("{b:#}")),
                    _ => panic!("{text:?}: {:?} vs {:?}", reference.is_ok(), list.is_ok()),
                }
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
