//! `timeline.svg`: x follows the publication date on a year axis, one band per section and one
//! for the papers not on the list, tidy labels, escaping, determinism.

mod common;

use citegraph::export::Exporter;
use citegraph::export::timeline_svg::TimelineExporter;
use citegraph::picture::geometry::Rect;
use citegraph::picture::selection::Role;
use citegraph::picture::timeline::{TimelineScene, fractional_year};
use common::pictures::{Fixture, HOSTILE_LIST_NAME, HOSTILE_TITLE_ONE_LINE, hostile_fixture, paper, universe_fixture};

fn svg_of(fixture: &Fixture) -> String {
    let mut out = Vec::new();
    TimelineExporter.write(&fixture.input(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn band_of(scene: &TimelineScene, i: usize) -> usize {
    match scene.selection.papers[i].role {
        Role::Listed { section } => section,
        _ => scene.selection.sections.len(),
    }
}

#[test]
fn dates_run_left_to_right_and_each_paper_sits_in_its_band() {
    for full in [false, true] {
        let fixture = universe_fixture(40, full);
        let input = fixture.input().picture();
        let scene = TimelineScene::new(&input);
        assert_eq!(scene.bands.len(), 7, "six sections and the papers not on the list");
        assert_eq!(scene.bands[6].name, "Not on the list");
        let mut dated: Vec<(f64, f64)> = Vec::new();
        for (i, centre) in scene.centres.iter().enumerate() {
            let year = fractional_year(input.graph.node(scene.selection.papers[i].node));
            let Some(c) = centre else {
                assert!(year.is_none(), "a dated paper is drawn");
                continue;
            };
            let band = scene.bands[band_of(&scene, i)].rect;
            assert!(c[1] > band.y0 && c[1] < band.y1, "paper {i} sits in its band");
            dated.push((year.unwrap(), c[0]));
        }
        dated.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for pair in dated.windows(2) {
            assert!(pair[0].1 <= pair[1].1 + 1e-9, "later papers sit further right: {pair:?}");
        }
        assert!(scene.ticks.contains(&2023) && scene.ticks.contains(&2024));
    }
}

#[test]
fn timeline_labels_stay_in_their_band_and_never_overlap() {
    for full in [false, true] {
        let fixture = universe_fixture(40, full);
        let scene = TimelineScene::new(&fixture.input().picture());
        let canvas = scene.drawing.bounds();
        for (k, a) in scene.labels.iter().enumerate() {
            let band = scene.bands[band_of(&scene, a.paper)].rect;
            assert!(a.placement.rect.inside(&band), "{:?} leaves its band", a.text);
            assert!(a.placement.rect.inside(&canvas));
            for b in &scene.labels[k + 1..] {
                assert!(!a.placement.rect.overlaps(&b.placement.rect), "{:?} and {:?} overlap", a.text, b.text);
            }
            // A listed paper's label sits level with it, on its row, not between two rows.
            if matches!(scene.selection.papers[a.paper].role, Role::Listed { .. }) {
                let y = scene.centres[a.paper].unwrap()[1];
                let (y0, y1) = (a.placement.rect.y0, a.placement.rect.y1);
                assert!(
                    (y - (y0 + y1) / 2.0).abs() < 1e-6,
                    "{:?} is not level with its paper: {y} {y0} {y1} full={full}",
                    a.text
                );
            }
        }
        for shape in &scene.drawing.shapes {
            if let Some(text) = shape.text_box() {
                assert!(text.inside(&canvas), "text leaves the canvas: {shape:?}");
            }
        }
        let listed_unlabelled =
            scene.unlabelled.iter().filter(|&&i| matches!(scene.selection.papers[i].role, Role::Listed { .. })).count();
        assert_eq!(listed_unlabelled, 0);
    }
}

#[test]
fn the_timeline_has_a_year_axis_a_legend_and_citation_arcs() {
    let fixture = universe_fixture(40, false);
    let svg = svg_of(&fixture);
    let doc = roxmltree::Document::parse(&svg).expect("valid SVG");
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_owned())
        .collect();
    assert!(texts.contains(&"Timeline: awesome-self-consuming-ai-papers".to_owned()));
    for year in ["2021", "2022", "2023", "2024", "2025"] {
        assert!(texts.iter().any(|t| t == year), "a tick for {year}");
    }
    assert!(texts.iter().any(|t| t == "publication date"));
    for heading in ["Sections of the list", "Circle size", "Lines", "Foundational work", "Not on the list"] {
        assert!(texts.iter().any(|t| t == heading), "{heading}");
    }
    // Every shown paper is from 2022 to 2024: the axis needs no break.
    assert!(!texts.iter().any(|t| is_year_range(t)), "no zone of old papers: {texts:?}");
    let arcs = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter(|n| n.attribute("points").is_some_and(|p| p.split_whitespace().count() == 17))
        .count();
    assert!(arcs > 100, "citations are drawn as arcs: {arcs}");
}

/// Whether `text` reads like `2014–2020`: the years of the zone of old papers.
fn is_year_range(text: &str) -> bool {
    text.split_once('–').is_some_and(|(a, b)| [a, b].iter().all(|y| y.len() == 4 && y.parse::<u16>().is_ok()))
}

#[test]
fn papers_much_older_than_the_list_sit_behind_a_break_in_the_axis() {
    use citegraph::graph::{CitationEdge, CitationGraph, ListedInfo};
    use citegraph::paper_list::{ListSource, parse_markdown};
    // Three papers of 2023 on the list, all citing a classic of 2015.
    let list = parse_markdown(
        ListSource::Stdin,
        "# Old roots\n## New work\n1. [A](https://arxiv.org/abs/2301.00001)\n\
         1. [B](https://arxiv.org/abs/2301.00002)\n1. [C](https://arxiv.org/abs/2301.00003)\n",
    );
    let mut graph = CitationGraph::new();
    let classic = graph.add_paper(paper("old", "A Classic", Some(2015), &[]));
    for (i, entry) in list.papers.iter().enumerate() {
        let node = graph.add_paper(paper(&format!("p{i}"), &entry.title, Some(2023), &[]));
        graph.mark_listed(node, ListedInfo { list_index: i, section: entry.section.clone(), tag: None });
        graph.add_citation(node, classic, CitationEdge::default());
    }
    let rankings = citegraph::rank::rank(&graph, &citegraph::rank::RankOptions::default());
    let fixture = Fixture { list, graph, rankings, options: common::pictures::options(40, false) };
    let scene = TimelineScene::new(&fixture.input().picture());
    let old = scene.selection.papers.iter().position(|p| p.node == classic).expect("the classic is shown");
    assert!(matches!(scene.selection.papers[old].role, Role::Candidate { .. }));
    // The main axis starts two years before the first listed paper, the years before it share
    // one zone at the left, named by its first and last year.
    assert_eq!(scene.ticks.first(), Some(&2021));
    let svg = svg_of(&fixture);
    let doc = roxmltree::Document::parse(&svg).expect("valid SVG");
    let texts: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).map(str::trim).collect();
    assert!(texts.contains(&"2015–2020"), "{texts:?}");
    assert!(texts.contains(&"2021"), "{texts:?}");
    // The break: two short slashes across the axis line, the classic left of them, the list right.
    let slashes: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter_map(|n| {
            let v: Vec<f64> = n.attribute("points")?.split([' ', ',']).filter_map(|x| x.parse().ok()).collect();
            let across = v.len() == 4 && v[0] < v[2] && v[1] > scene.plot.y1 && v[3] < scene.plot.y1;
            across.then_some(v[0])
        })
        .collect();
    assert_eq!(slashes.len(), 2, "{slashes:?}");
    let (first, last) = (slashes[0].min(slashes[1]), slashes[0].max(slashes[1]));
    for (i, c) in scene.centres.iter().enumerate() {
        let x = c.expect("every paper has a date")[0];
        if i == old {
            assert!(x < first, "the classic sits left of the break");
        } else {
            assert!(x > last + 6.0, "the listed papers sit right of the break");
        }
    }

    // The full graph reaches back to the classics of the field the same way.
    let full = universe_fixture(40, true);
    let scene = TimelineScene::new(&full.input().picture());
    assert!(scene.ticks.iter().all(|&y| y >= 2021), "{:?}", scene.ticks);
    let svg = svg_of(&full);
    let doc = roxmltree::Document::parse(&svg).expect("valid SVG");
    let texts: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).map(str::trim).collect();
    assert!(texts.iter().any(|t| is_year_range(t) && t.ends_with("–2020")), "{texts:?}");
}

#[test]
fn papers_without_a_date_are_left_out_and_counted() {
    let mut fixture = hostile_fixture();
    let undated = fixture.graph.find("d").unwrap();
    assert_eq!(fixture.graph.node(undated).year, None);
    let scene = TimelineScene::new(&fixture.input().picture());
    let i = scene.selection.papers.iter().position(|p| p.node == undated).unwrap();
    assert!(scene.centres[i].is_none());
    assert!(svg_of(&fixture).contains("1 without a date not shown"));
    // A date alone (no year field) is enough.
    fixture.graph = {
        let mut g = citegraph::graph::CitationGraph::new();
        let mut p = paper("x", "Dated only", None, &[]);
        p.publication_date = Some("2021-03-15".to_owned());
        g.add_paper(p);
        g
    };
    let x = fixture.graph.find("x").unwrap();
    assert!((fractional_year(fixture.graph.node(x)).unwrap() - (2021.0 + 2.0 / 12.0 + 14.0 / 372.0)).abs() < 1e-9);
}

#[test]
fn a_hostile_title_and_list_name_survive_escaped() {
    let fixture = hostile_fixture();
    let svg = svg_of(&fixture);
    let doc = roxmltree::Document::parse(&svg).expect("valid SVG");
    let titles: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text()).collect();
    assert_eq!(titles[0], format!("Timeline: {HOSTILE_LIST_NAME}"));
    assert!(titles.iter().any(|t| t.starts_with(&format!("{HOSTILE_TITLE_ONE_LINE} (2023)"))));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let fixture = universe_fixture(40, false);
    assert_eq!(svg_of(&fixture), svg_of(&fixture));
}

#[test]
fn bands_fill_the_plot_without_gaps() {
    let fixture = universe_fixture(40, false);
    let scene = TimelineScene::new(&fixture.input().picture());
    let mut y = scene.plot.y0;
    for band in &scene.bands {
        assert!((band.rect.y0 - y).abs() < 1e-6);
        y = band.rect.y1;
    }
    assert!((y - scene.plot.y1).abs() < 1e-6);
    assert!(scene.bands.iter().all(|b| b.rect.inside(&Rect::new(0.0, 0.0, 1920.0, 1080.0))));
}

#[test]
fn forty_sections_still_fit_the_canvas() {
    use citegraph::graph::{CitationEdge, CitationGraph, ListedInfo};
    use citegraph::paper_list::{ListSource, parse_markdown};
    let mut markdown = String::from("# Many sections\n");
    for s in 0..40 {
        markdown.push_str(&format!("## Section {s}\n1. [Paper {s}](https://arxiv.org/abs/2301.{s:05})\n"));
    }
    let list = parse_markdown(ListSource::Stdin, &markdown);
    let mut graph = CitationGraph::new();
    for (i, entry) in list.papers.iter().enumerate() {
        let node = graph.add_paper(paper(&format!("p{i}"), &entry.title, Some(2000 + i as i32 % 20), &[]));
        graph.mark_listed(node, ListedInfo { list_index: i, section: entry.section.clone(), tag: None });
        if i > 0 {
            graph.add_citation(node, graph.find("p0").unwrap(), CitationEdge::default());
        }
    }
    let rankings = citegraph::rank::rank(&graph, &citegraph::rank::RankOptions::default());
    let fixture = Fixture { list, graph, rankings, options: common::pictures::options(40, false) };
    let scene = TimelineScene::new(&fixture.input().picture());
    assert_eq!(scene.bands.len(), 40);
    for (i, c) in scene.centres.iter().enumerate() {
        let c = c.unwrap();
        assert!(c[1] > scene.plot.y0 && c[1] < scene.plot.y1, "paper {i} inside the plot");
    }
    for shape in &scene.drawing.shapes {
        if let Some(text) = shape.text_box() {
            assert!(text.inside(&scene.drawing.bounds()), "{shape:?}");
        }
    }
}
