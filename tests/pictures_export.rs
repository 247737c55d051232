//! The four pictures through `export::write_all`: names, the PNG's size and embedded fonts,
//! determinism of all four, one layout per run for the map's SVG and PNG, and an empty graph that
//! still renders.

mod common;

use citegraph::export::png::svg_to_png;
use citegraph::export::{ExportInput, exporters, pictures, write_all};
use citegraph::graph::CitationGraph;
use citegraph::picture::layout;
use citegraph::rank::{BetweennessMode, Rankings};
use resvg::tiny_skia::Pixmap;

#[test]
fn build_writes_the_four_pictures_under_their_names() {
    let names: Vec<&str> = pictures().iter().map(|e| e.file_name()).collect();
    assert_eq!(names, ["graph.dot", "literature-map.svg", "timeline.svg", "literature-map.png"]);
    let all: Vec<&str> = exporters().iter().map(|e| e.file_name()).collect();
    assert!(names.iter().all(|n| all.contains(n)), "build runs the pictures: {all:?}");
    let fixture = common::pictures::hostile_fixture();
    let dir = tempfile::tempdir().unwrap();
    let written = write_all(dir.path(), &fixture.input(), &pictures()).unwrap();
    assert_eq!(written.len(), 4);
    let first: Vec<Vec<u8>> = written.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let again = write_all(dir.path(), &fixture.input(), &pictures()).unwrap();
    for (path, bytes) in again.iter().zip(&first) {
        assert_eq!(&std::fs::read(path).unwrap(), bytes, "{} is the same on a second run", path.display());
    }
}

#[test]
fn a_build_lays_the_map_out_once_for_both_the_svg_and_the_png() {
    let fixture = common::pictures::universe_fixture(40, false);
    let dir = tempfile::tempdir().unwrap();
    let before = layout::runs_on_this_thread();
    let written = citegraph::pipeline::write_outputs(
        &fixture.list,
        &fixture.graph,
        &fixture.rankings,
        &fixture.options,
        dir.path(),
    )
    .unwrap();
    let names: Vec<String> = written.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert!(names.iter().any(|n| n == "literature-map.svg") && names.iter().any(|n| n == "literature-map.png"));
    assert_eq!(layout::runs_on_this_thread() - before, 1, "one force-directed layout for the whole build");
    // Each run lays out again: the layout is kept for one run's exporters, not between runs.
    write_all(dir.path(), &fixture.input(), &pictures()).unwrap();
    assert_eq!(layout::runs_on_this_thread() - before, 2);
}

#[test]
fn the_png_is_a_1920_by_1080_slide_with_its_text_drawn_from_the_embedded_font() {
    let fixture = common::pictures::hostile_fixture();
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), &fixture.input(), &pictures()).unwrap();
    let png = std::fs::read(dir.path().join("literature-map.png")).unwrap();
    let pixmap = Pixmap::decode_png(&png).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (1920, 1080));
    // The title's glyphs are there: dark pixels in the title line, none above it.
    let dark = |x0: u32, y0: u32, x1: u32, y1: u32| {
        let mut n = 0;
        for y in y0..y1 {
            for x in x0..x1 {
                let p = pixmap.pixel(x, y).unwrap();
                n += usize::from(p.red() < 100 && p.green() < 100 && p.blue() < 100);
            }
        }
        n
    };
    assert!(dark(28, 22, 900, 58) > 2000, "the title is drawn");
    assert_eq!(dark(0, 0, 1920, 12), 0);
}

#[test]
fn an_svg_renders_without_any_font_installed_on_the_machine() {
    // The font list names no face the machine could supply: the embedded DejaVu answers for all.
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">
        <text x="4" y="28" font-family="No Such Font" font-size="24">Chloé ≈ ∞</text></svg>"#;
    let pixmap = Pixmap::decode_png(&svg_to_png(svg).unwrap()).unwrap();
    let inked = pixmap.pixels().iter().filter(|p| p.alpha() > 0).count();
    assert!(inked > 200, "text was drawn: {inked}");
}

#[test]
fn the_binary_links_no_system_font_library() {
    let Ok(out) = std::process::Command::new("ldd").arg(env!("CARGO_BIN_EXE_citegraph")).output() else {
        return; // no ldd here
    };
    let libs = String::from_utf8_lossy(&out.stdout);
    assert!(!libs.contains("fontconfig") && !libs.contains("freetype"), "{libs}");
}

#[test]
fn a_graph_with_no_papers_still_gives_four_pictures() {
    let fixture = common::pictures::hostile_fixture();
    let graph = CitationGraph::new();
    let rankings = Rankings {
        metrics: vec![],
        betweenness: BetweennessMode::Exact,
        convergence: Default::default(),
        candidates: vec![],
        excluded: Default::default(),
    };
    let input = ExportInput::new(&fixture.list, &graph, &rankings, &fixture.options);
    let dir = tempfile::tempdir().unwrap();
    let written = write_all(dir.path(), &input, &pictures()).unwrap();
    assert_eq!(written.len(), 4);
    let svg = std::fs::read_to_string(dir.path().join("literature-map.svg")).unwrap();
    assert!(svg.contains("No papers to draw"));
    roxmltree::Document::parse(&svg).unwrap();
}
