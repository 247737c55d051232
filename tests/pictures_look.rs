//! Writes the pictures of the fixture universe under `target/pictures/` for a person to look at:
//! `cargo test --test pictures_look -- --ignored`.

mod common;

use std::path::PathBuf;

use citegraph::export::png::svg_to_png;
use citegraph::export::{pictures, write_all};

#[test]
#[ignore = "writes pictures for a person to look at"]
fn write_the_fixture_pictures_for_a_look() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target").join("pictures");
    for (name, fixture) in [
        ("default", common::pictures::universe_fixture(40, false)),
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
