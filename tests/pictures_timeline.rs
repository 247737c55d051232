//! `timeline.svg`: x follows the publication date on an axis fitted to the dates, one band per
//! section (candidates in the band of the section they are suggested for, those without a clear
//! section in a last band), a count strip, the list's updated date, tidy labels, escaping,
//! determinism.

mod common;

use citegraph::export::Exporter;
use citegraph::export::timeline_svg::TimelineExporter;
use citegraph::picture::geometry::Rect;
use citegraph::picture::selection::Role;
use citegraph::picture::text::year_of;
use citegraph::picture::timeline::{Known, TimelineScene, fractional_year};
use common::pictures::{Fixture, HOSTILE_LIST_NAME, HOSTILE_TITLE_ONE_LINE, hostile_fixture, paper, universe_fixture};

fn svg_of(fixture: &Fixture) -> String {
    let mut out = Vec::new();
    TimelineExporter.write(&fixture.input(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn band_of(scene: &TimelineScene, i: usize) -> usize {
    scene.band_of[i]
}

/// The fixture universe with `map_top` candidates, and a variant where the papers not on the
/// list are dated by their year only (no publication date), as Semantic Scholar often has them.
fn fixtures() -> Vec<(&'static str, Fixture)> {
    let mut year_only = universe_fixture(40, false);
    year_only.graph = {
        let list = citegraph::paper_list::PaperList::builtin();
        let mut corpus = common::universe_corpus::corpus_for(&common::universe::Universe::builtin_field(), &list);
        let listed: std::collections::HashSet<String> =
            corpus.listed.iter().filter_map(|e| e.paper_id().map(str::to_owned)).collect();
        for (id, meta) in corpus.papers.iter_mut() {
            if !listed.contains(id) {
                meta.publication_date = None;
            }
        }
        citegraph::graph::CitationGraph::from_corpus(&list, &corpus).0
    };
    year_only.rankings = citegraph::rank::rank(&year_only.graph, &citegraph::rank::RankOptions::default());
    vec![
        ("default", universe_fixture(40, false)),
        ("top100", universe_fixture(100, false)),
        ("full", universe_fixture(40, true)),
        ("year only", year_only),
    ]
}

#[test]
fn dates_run_left_to_right_and_each_paper_sits_in_its_band() {
    for full in [false, true] {
        let fixture = universe_fixture(40, full);
        let input = fixture.input().picture();
        let scene = TimelineScene::new(&input);
        let sections = scene.selection.sections.len();
        assert_eq!(sections, 6);
        assert_eq!(scene.bands.len(), if full { 7 } else { 6 }, "a last band only for papers with no section");
        if full {
            assert_eq!(scene.bands[6].name, "Not on the list: no clear section");
        }
        let mut dated: Vec<(f64, f64)> = Vec::new();
        for (i, centre) in scene.centres.iter().enumerate() {
            let year = fractional_year(input.graph.node(scene.selection.papers[i].node));
            let Some(c) = centre else {
                assert!(year.is_none(), "a dated paper is drawn");
                continue;
            };
            let band = scene.bands[band_of(&scene, i)].rect;
            assert!(c[1] > band.y0 && c[1] < band.y1, "paper {i} sits in its band");
            dated.push((scene.times[i].unwrap(), c[0]));
        }
        dated.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for pair in dated.windows(2) {
            assert!(pair[0].1 <= pair[1].1 + 1e-9, "later papers sit further right: {pair:?}");
        }
        assert!(scene.ticks.contains(&2023) && scene.ticks.contains(&2024));
    }
}

#[test]
fn candidates_sit_in_the_band_of_their_suggested_section_and_weak_ones_in_the_last() {
    let mut fixture = universe_fixture(40, false);
    // Make every third candidate's section a weak suggestion.
    for (k, c) in fixture.rankings.candidates.iter_mut().enumerate() {
        if k % 3 == 0 {
            c.section_confidence = Some(0.2);
        }
    }
    let input = fixture.input().picture();
    let scene = TimelineScene::new(&input);
    let sections = scene.selection.sections.len();
    assert_eq!(scene.bands.len(), sections + 1);
    assert_eq!(scene.bands[sections].name, "Not on the list: no clear section");
    let mut in_sections = 0;
    for (i, shown) in scene.selection.papers.iter().enumerate() {
        let Role::Candidate { .. } = shown.role else { continue };
        let candidate = fixture.rankings.candidates.iter().find(|c| c.node == shown.node).unwrap();
        let clear = candidate.section_confidence.is_none_or(|x| x >= 0.5);
        match (&candidate.suggested_section, clear) {
            (Some(name), true) => {
                assert_eq!(scene.bands[scene.band_of[i]].name, citegraph::picture::text::section_display_name(name));
                in_sections += 1;
            }
            _ => assert_eq!(scene.band_of[i], sections, "{i}"),
        }
    }
    assert!(in_sections > 10, "{in_sections}");
}

#[test]
fn timeline_labels_stay_on_their_row_and_never_overlap_or_cover_a_circle() {
    for (name, fixture) in fixtures() {
        let scene = TimelineScene::new(&fixture.input().picture());
        let canvas = scene.drawing.bounds();
        for (k, a) in scene.labels.iter().enumerate() {
            let band = scene.bands[band_of(&scene, a.paper)].rect;
            assert!(a.placement.rect.inside(&band), "{name}: {:?} leaves its band", a.text);
            assert!(a.placement.rect.inside(&canvas));
            for b in &scene.labels[k + 1..] {
                assert!(!a.placement.rect.overlaps(&b.placement.rect), "{name}: {:?} and {:?} overlap", a.text, b.text);
            }
            // Every label sits level with its paper, on its row, not between two rows.
            let [x, y] = scene.centres[a.paper].unwrap();
            let (y0, y1) = (a.placement.rect.y0, a.placement.rect.y1);
            assert!((y - (y0 + y1) / 2.0).abs() < 1e-6, "{name}: {:?} is not level with its paper", a.text);
            // ... and beside it: no listed paper or candidate of its row between them.
            let (lo, hi) = if a.placement.rect.x0 > x { (x, a.placement.rect.x0) } else { (a.placement.rect.x1, x) };
            for (j, c) in scene.centres.iter().enumerate() {
                let Some([cx, cy]) = c else { continue };
                let other = j != a.paper && scene.selection.papers[j].role != Role::Context;
                if other && (cy - y).abs() < 1e-6 && *cx > lo && *cx < hi {
                    panic!("{name}: paper {j} stands between {:?} and its paper", a.text);
                }
            }
            // A label never covers the circle of a listed paper or a candidate (the ring
            // included) other than its own.
            for (j, c) in scene.centres.iter().enumerate() {
                let Some(c) = c else { continue };
                let ring = match scene.selection.papers[j].role {
                    Role::Listed { .. } => 0.0,
                    Role::Candidate { .. } => 2.5,
                    Role::Context => continue,
                };
                assert!(
                    j == a.paper || !a.placement.rect.hits_circle(*c, scene.radii[j] + ring),
                    "{name}: {:?} covers paper {j}",
                    a.text
                );
            }
        }
        for shape in &scene.drawing.shapes {
            if let Some(text) = shape.text_box() {
                assert!(text.inside(&canvas), "{name}: text leaves the canvas: {shape:?}");
            }
        }
        let listed_unlabelled =
            scene.unlabelled.iter().filter(|&&i| matches!(scene.selection.papers[i].role, Role::Listed { .. })).count();
        assert_eq!(listed_unlabelled, 0, "{name}");
    }
}

#[test]
fn every_paper_sits_within_its_year_and_month_and_its_label_names_that_year() {
    for (name, fixture) in fixtures() {
        let input = fixture.input().picture();
        let scene = TimelineScene::new(&input);
        let axis = &scene.axis;
        let mut year_only = 0;
        for (i, centre) in scene.centres.iter().enumerate() {
            let Some([x, _]) = centre else { continue };
            let paper = input.graph.node(scene.selection.papers[i].node);
            let year = year_of(paper).expect("a drawn paper has a year");
            let (start, end) = (axis.x(f64::from(year)), axis.x(f64::from(year) + 1.0));
            assert!(*x >= start - 1e-9 && *x < end, "{name}: paper {i} of {year} at {x}, outside {start}..{end}");
            let date = paper.publication_date.as_deref().unwrap_or("");
            let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
            match scene.known[i] {
                Some(Known::Day(_) | Known::Month { .. }) => {
                    assert_eq!(parts[0] as i32, year);
                    let month = f64::from(year) + f64::from(parts[1] - 1) / 12.0;
                    let (m0, m1) = (axis.x(month), axis.x(month + 1.0 / 12.0));
                    assert!(*x >= m0 - 1e-9 && *x < m1, "{name}: paper {i} of {date} at {x}, outside {m0}..{m1}");
                }
                Some(Known::Year(y)) => {
                    assert_eq!(y, year);
                    year_only += 1;
                }
                None => panic!("a drawn paper has a date"),
            }
        }
        for label in &scene.labels {
            let paper = input.graph.node(scene.selection.papers[label.paper].node);
            let named: Vec<i32> = label
                .text
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| w.len() == 4)
                .filter_map(|w| w.parse().ok())
                .collect();
            assert_eq!(named.last().copied(), year_of(paper), "{name}: {:?}", label.text);
        }
        if name == "year only" {
            assert!(year_only > 30, "{year_only}");
            // Papers known only by their year are spread within it, not piled in one column.
            let mut xs: Vec<(usize, i64)> = scene
                .centres
                .iter()
                .enumerate()
                .filter(|(i, _)| matches!(scene.known[*i], Some(Known::Year(_))))
                .filter_map(|(i, c)| Some((scene.band_of[i], (c.as_ref()?[0] * 10.0) as i64)))
                .collect();
            let n = xs.len();
            xs.sort_unstable();
            xs.dedup();
            assert_eq!(xs.len(), n, "two papers of one band share an x");
        }
    }
}

#[test]
fn the_axis_fits_the_papers_and_the_updated_date() {
    for (name, fixture) in fixtures() {
        let scene = TimelineScene::new(&fixture.input().picture());
        let axis = &scene.axis;
        let width = axis.x1 - axis.x0;
        let mut xs: Vec<f64> = (0..scene.centres.len())
            .filter_map(|i| Some((scene.times[i]?, scene.centres[i]?[0])))
            .filter(|(t, _)| *t >= axis.from)
            .map(|(_, x)| x)
            .collect();
        xs.sort_by(f64::total_cmp);
        let (first, last) = (xs[0], *xs.last().unwrap());
        // Within a quarter of the ends (the axis starts and ends on quarters).
        let quarter = width / (axis.to - axis.from) / 4.0;
        assert!(
            first - axis.x0 <= quarter + 1e-6,
            "{name}: the axis starts {} px before the first paper",
            first - axis.x0
        );
        let end = scene.updated.map_or(last, |u| u.x.max(last));
        assert!(axis.x1 - end <= quarter + 1e-6, "{name}: the axis ends {} px after the last paper", axis.x1 - end);
        // No stretch without a paper wider than a quarter of the axis (older papers sit behind
        // the break).
        for pair in xs.windows(2) {
            assert!(pair[1] - pair[0] < 0.25 * width, "{name}: an empty stretch of {} px", pair[1] - pair[0]);
        }
        assert_eq!(scene.updated.map(|u| u.date.to_string()).as_deref(), Some("2024-05-14"), "{name}");
    }
}

#[test]
fn the_count_strip_counts_every_listed_paper_and_candidate_in_its_period() {
    for (name, fixture) in fixtures() {
        let scene = TimelineScene::new(&fixture.input().picture());
        let drawn = |listed: bool| {
            (0..scene.centres.len())
                .filter(|&i| scene.centres[i].is_some())
                .filter(|&i| match scene.selection.papers[i].role {
                    Role::Listed { .. } => listed,
                    Role::Candidate { .. } => !listed,
                    Role::Context => false,
                })
                .count()
        };
        assert_eq!(scene.counts.iter().map(|p| p.listed).sum::<usize>(), drawn(true), "{name}");
        assert_eq!(scene.counts.iter().map(|p| p.candidates).sum::<usize>(), drawn(false), "{name}");
        for p in &scene.counts {
            for (i, c) in scene.centres.iter().enumerate() {
                let (Some(c), Some(t)) = (c, scene.times[i]) else { continue };
                if t >= p.from && t < p.to && t >= scene.axis.from {
                    assert!(c[0] >= p.x0 - 1e-6 && c[0] <= p.x1 + 1e-6, "{name}: paper {i} drawn outside its period");
                }
            }
        }
        if name == "default" {
            assert!(scene.counts.iter().all(|p| (p.to - p.from) <= 0.25 + 1e-9), "quarters");
            // The numbers are written, each above its bar.
            let texts: Vec<String> = scene
                .drawing
                .shapes
                .iter()
                .filter_map(|s| match s {
                    citegraph::picture::canvas::Shape::Text { text, at, .. }
                        if at[1] > scene.plot.y1 && at[1] < scene.axis_y =>
                    {
                        Some(text.clone())
                    }
                    _ => None,
                })
                .collect();
            let counted: usize =
                scene.counts.iter().map(|p| usize::from(p.listed > 0) + usize::from(p.candidates > 0)).sum();
            assert_eq!(texts.len(), counted, "{texts:?}");
        }
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
    // The papers run from mid-2022 to the end of 2024: no year before or after is named.
    for year in ["2022", "2023", "2024"] {
        assert!(texts.iter().any(|t| t == year), "a label for {year}");
    }
    for year in ["2021", "2025"] {
        assert!(!texts.iter().any(|t| t == year), "no label for {year}");
    }
    for words in [
        "publication date",
        "list updated 2024-05-14",
        "listed papers per quarter",
        "candidates",
        "Sections of the list",
        "Circle size",
        "Lines",
        "Foundational work",
    ] {
        assert!(texts.iter().any(|t| t == words), "{words}");
    }
    assert!(
        texts.join(" ").contains("band of the section it is suggested for"),
        "the legend says where candidates sit"
    );
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
    // The main axis holds the year around the listed papers; the classic has a zone of its own
    // at the left, named by its year.
    assert_eq!(scene.ticks, [2023]);
    assert!(scene.axis.from > 2022.0 && scene.axis.to < 2024.5, "{:?}", scene.axis);
    let svg = svg_of(&fixture);
    let doc = roxmltree::Document::parse(&svg).expect("valid SVG");
    let texts: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).map(str::trim).collect();
    assert!(texts.contains(&"2015"), "{texts:?}");
    assert!(texts.contains(&"2023"), "{texts:?}");
    // The break: two short slashes across the axis line, the classic left of them, the list right.
    let slashes: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter_map(|n| {
            let v: Vec<f64> = n.attribute("points")?.split([' ', ',']).filter_map(|x| x.parse().ok()).collect();
            let across = v.len() == 4 && v[0] < v[2] && v[1] > scene.axis_y && v[3] < scene.axis_y;
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

    // The full graph reaches back to the classics of the field the same way: its other papers
    // older than the list and the candidates wait behind the break.
    let full = universe_fixture(40, true);
    let scene = TimelineScene::new(&full.input().picture());
    assert!(scene.ticks.iter().all(|&y| y >= 2022), "{:?}", scene.ticks);
    let zone = scene.axis.early.expect("a break");
    assert!(zone.first <= 2015 && f64::from(zone.last) < scene.axis.from, "{zone:?}");
    let svg = svg_of(&full);
    let doc = roxmltree::Document::parse(&svg).expect("valid SVG");
    let texts: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).map(str::trim).collect();
    assert!(texts.iter().any(|t| is_year_range(t)), "{texts:?}");
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

#[test]
fn the_title_option_titles_the_timeline_too() {
    let mut fixture = universe_fixture(40, false);
    fixture.options.title = Some("Model collapse".to_owned());
    let scene = TimelineScene::new(&fixture.input().picture());
    assert_eq!(scene.drawing.title, "Model collapse: timeline");
}

#[test]
fn the_full_graph_timeline_says_how_many_papers_it_leaves_out_without_promising_badges() {
    let full = universe_fixture(40, true);
    let scene = TimelineScene::new(&full.input().picture());
    let left_out: usize = scene.selection.collapsed.iter().sum();
    assert!(left_out > 0);
    let texts: Vec<&str> = scene.drawing.texts().collect();
    let all = texts.join(" ");
    assert!(all.contains(&format!("{left_out} papers linked to one listed paper alone are not drawn")), "{all}");
    assert!(!all.contains("+N on a paper"), "the timeline draws no badge");
}
