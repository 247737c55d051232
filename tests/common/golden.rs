//! Golden files under `tests/golden/`, with a bless switch: `CITEGRAPH_BLESS=1 cargo test`
//! rewrites them from the current output.
use std::path::PathBuf;

/// Compares `actual` with `tests/golden/NAME`, or rewrites the file when `CITEGRAPH_BLESS=1`.
pub fn assert_golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("golden").join(name);
    if std::env::var_os("CITEGRAPH_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("cannot read {} ({e}); run `CITEGRAPH_BLESS=1 cargo test` to create it", path.display())
    });
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
        panic!(
            "{} differs from the output (first difference near line {line}); if the change is intended, \
             run `CITEGRAPH_BLESS=1 cargo test` and review the diff",
            path.display()
        );
    }
}
