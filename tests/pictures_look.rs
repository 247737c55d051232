//! Writes the pictures of the fixture universe under `target/pictures/` for a person to look at:
//! `cargo test --test pictures_look -- --ignored` (under `$CARGO_TARGET_DIR/pictures/` when that
//! is set; `CITEGRAPH_LOOK_DIR` names another sub-folder, e.g. `pictures-before`).

mod common;

use std::path::PathBuf;

use citegraph::export::png::svg_to_png;
use citegraph::export::{pictures, write_all};

#[test]
#[ignore = "writes pictures for a person to look at"]
fn write_the_fixture_pictures_for_a_look() {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let target = if target.is_relative() { PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(target) } else { target };
    let dir = target.join(std::env::var("CITEGRAPH_LOOK_DIR").unwrap_or_else(|_| "pictures".to_owned()));
    for (name, fixture) in [
        ("default", common::pictures::universe_fixture(40, false)),
        ("top100", common::pictures::universe_fixture(100, false)),
        ("full", common::pictures::universe_fixture(40, true)),
        ("hostile", common::pictures::hostile_fixture()),
    ] {
        let written = write_all(&dir.join(name), &fixture.input(), &pictures()).unwrap();
        for path in written {
            println!("{}", path.display());
        }
        // The timeline as PNG too, to look at it the same way.
        let timeline = std::fs::read_to_string(dir.join(name).join("timeline.svg")).unwrap();
        std::fs::write(dir.join(name).join("timeline.png"), svg_to_png(&timeline).unwrap()).unwrap();
    }
}
