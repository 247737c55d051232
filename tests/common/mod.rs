//! Test support shared by the integration tests: the fixture universe (synthetic), the corpus the
//! fetch stage would make of it, and helpers.
//! Each test file uses only part of it.
#![allow(dead_code)]

pub mod universe;
pub mod universe_corpus;

use std::path::PathBuf;

/// Path of a file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join(name)
}

/// The `citegraph` binary, with the S2 environment cleared so the caller's settings never leak in.
pub fn citegraph() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("citegraph").expect("the citegraph binary is built by cargo test");
    cmd.env_remove("S2_API_KEY").env_remove("S2_API_URL").env_remove("HTTPS_PROXY").env_remove("HTTP_PROXY");
    cmd
}
