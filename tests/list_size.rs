//! Input size: a paper list is read up to `MAX_LIST_BYTES` (16 MiB) and no further, so
//! `--list /dev/zero` and an endless stdin stop with a clear error instead of filling memory.

mod common;

use std::path::Path;

use citegraph::paper_list::{ListError, ListSource, MAX_LIST_BYTES, PaperList};
use common::citegraph;

const CAP: usize = MAX_LIST_BYTES as usize;

/// A one-entry list padded to exactly `size` bytes with a fenced block of long lines.
fn list_of_size(size: usize) -> Vec<u8> {
    let mut text = b"# Big\n\n1. [arXiv 23] [A Paper](https://arxiv.org/abs/2301.00001)\n\n```\n".to_vec();
    let tail = b"\n```\n";
    let line = [b'x'; 1023];
    while text.len() + tail.len() + line.len() < size {
        text.extend_from_slice(&line);
        text.push(b'\n');
    }
    text.resize(size - tail.len(), b'y');
    text.extend_from_slice(tail);
    assert_eq!(text.len(), size);
    text
}

fn too_large_message(source: &str) -> String {
    format!(
        "the paper list {source} is larger than 16 MiB, the most citegraph reads; check that --list names a \
         Markdown paper list, or cut the list down to under that size"
    )
}

#[test]
fn the_cap_is_sixteen_mebibytes() {
    assert_eq!(MAX_LIST_BYTES, 16 * 1024 * 1024);
}

#[test]
fn a_list_of_exactly_the_cap_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("at-cap.md");
    std::fs::write(&path, list_of_size(CAP)).unwrap();
    let list = PaperList::from_path(&path).unwrap();
    assert_eq!(list.papers.len(), 1);
    assert_eq!(list.papers[0].title, "A Paper");
}

#[test]
fn a_list_one_byte_over_the_cap_fails_naming_the_file_the_cap_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("over-cap.md");
    std::fs::write(&path, list_of_size(CAP + 1)).unwrap();
    let err = PaperList::from_path(&path).unwrap_err();
    assert!(matches!(&err, ListError::TooLarge { source_name: ListSource::File(p) } if *p == path), "{err:?}");
    assert_eq!(err.to_string(), too_large_message(&path.display().to_string()));
}

#[test]
fn bytes_over_the_cap_are_refused_too() {
    let err = PaperList::from_bytes(ListSource::Stdin, &list_of_size(CAP + 1)).unwrap_err();
    assert_eq!(err.to_string(), too_large_message("<stdin>"));
}

#[cfg(unix)]
#[test]
fn dev_zero_stops_at_the_cap() {
    // Without the cap this reads until memory runs out.
    let err = PaperList::from_path(Path::new("/dev/zero")).unwrap_err();
    assert!(matches!(err, ListError::TooLarge { .. }), "{err:?}");
}

#[cfg(unix)]
#[test]
fn the_cli_refuses_dev_zero_with_the_message_and_status_1() {
    let assert = citegraph().args(["--list", "/dev/zero", "list"]).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains(&too_large_message("/dev/zero")), "{stderr}");
}

#[test]
fn stdin_over_the_cap_fails_with_the_message() {
    let assert = citegraph().args(["--list", "-", "list"]).write_stdin(list_of_size(CAP + 1)).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains(&too_large_message("<stdin>")), "{stderr}");
}
