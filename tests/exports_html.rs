//! `literature-map.html`: one self-contained page (a CSP with the hashes of its inline script and
//! style, no external resource, under 1 MB), checked in headless Chromium: the page opened with
//! `#selftest=QUERY` runs its own interactions (search, section and candidate filters, hover
//! card, the side list, wheel, drag, keyboard, fit) and writes what happened into
//! `<pre id="selftest">`, which `chromium --dump-dom` prints; screenshots at 1920x1080 and
//! 1366x768 go to `target/literature-map-html/`. Chromium comes from `CITEGRAPH_CHROMIUM` or
//! `chromium` on the PATH (`.ci/run` installs Debian's); without it the browser tests say so and
//! pass.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use citegraph::export::html_map::{HtmlMapExporter, render};
use citegraph::export::reasons::words;
use citegraph::export::{Exporter, exporters};
use citegraph::wording::clean_text;
use common::exports::hostile_fixture;
use sha2::{Digest, Sha256};

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CITEGRAPH_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
        for name in ["chromium", "chromium-browser"] {
            if dir.join(name).is_file() {
                return Some(dir.join(name));
            }
        }
    }
    eprintln!(
        "note: skipped the browser test of literature-map.html: no chromium (set CITEGRAPH_CHROMIUM or install it)"
    );
    None
}

/// Runs headless Chromium on `page` with `extra` arguments; returns its stdout.
fn run_chromium(browser: &Path, url: &str, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--virtual-time-budget=4000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("runs chromium");
    assert!(output.status.success(), "chromium failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/literature-map-html");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Opens `html` with `#selftest=query` and returns the page's report.
fn selftest(browser: &Path, html: &str, name: &str, query: &str) -> serde_json::Value {
    let path = out_dir().join(name);
    std::fs::write(&path, html).unwrap();
    let query: String = query
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    let dom = run_chromium(browser, &format!("file://{}#selftest={query}", path.display()), &["--dump-dom"]);
    let start = dom.find("<pre id=\"selftest\"").unwrap_or_else(|| panic!("no report in the DOM:\n{dom}"));
    let body = &dom[start..];
    let open = body.find('>').unwrap() + 1;
    let close = body.find("</pre>").unwrap();
    assert!(body[..open].contains("data-done=\"yes\""), "the self-test finished: {}", &body[..open]);
    serde_json::from_str(&body[open..close]).unwrap_or_else(|e| panic!("report is JSON ({e}): {}", &body[open..close]))
}

fn sorted(v: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_owned()).collect();
    ids.sort();
    ids
}

#[test]
fn build_writes_the_page() {
    assert!(exporters().iter().any(|e| e.file_name() == "literature-map.html"));
}

#[test]
fn the_page_is_self_contained_and_its_data_cannot_close_a_script() {
    let fixture = hostile_fixture();
    let mut buf = Vec::new();
    HtmlMapExporter.write(&fixture.input(), &mut buf).unwrap();
    let html = String::from_utf8(buf).unwrap();
    assert_eq!(html.matches("</script>").count(), 2, "only the two real script ends");
    assert_eq!(html.matches("<script").count(), 2);
    assert!(!html.contains("<b>"), "no markup from a title");
    for forbidden in [" src=", "<link", "@import", "url(", "http-equiv=\"refresh\""] {
        assert!(!html.contains(forbidden), "no {forbidden} in the page");
    }
    // The CSP names the hashes of the inline script and style, and nothing may load.
    let csp_start = html.find("Content-Security-Policy\" content=\"").unwrap() + 34;
    let csp = &html[csp_start..csp_start + html[csp_start..].find('"').unwrap()];
    assert!(csp.starts_with("default-src 'none'; script-src 'sha256-"), "{csp}");
    let inline = |open: &str, close: &str| -> String {
        let from = html.rfind(open).unwrap() + open.len();
        html[from..from + html[from..].find(close).unwrap()].to_owned()
    };
    let digest = |text: &str| Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>();
    let script = inline("<script>", "</script>");
    let style = inline("<style>", "</style>");
    assert!(!script.is_empty() && !style.is_empty());
    // base64 of the digest, by the test's own encoder.
    let b64 = |hex: String| {
        let bytes: Vec<u8> =
            (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
        let table = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut bits = String::new();
        for b in &bytes {
            bits.push_str(&format!("{b:08b}"));
        }
        while !bits.len().is_multiple_of(6) {
            bits.push('0');
        }
        let mut s: String = (0..bits.len())
            .step_by(6)
            .map(|i| table[usize::from_str_radix(&bits[i..i + 6], 2).unwrap()] as char)
            .collect();
        while !s.len().is_multiple_of(4) {
            s.push('=');
        }
        s
    };
    assert!(csp.contains(&format!("script-src 'sha256-{}'", b64(digest(&script)))), "{csp}");
    assert!(csp.contains(&format!("style-src 'sha256-{}'", b64(digest(&style)))), "{csp}");
}

#[test]
fn the_page_draws_the_svg_maps_marks_label_sizes_and_strong_ties() {
    let fixture = common::pictures::universe_fixture(40, false);
    let input = fixture.input();
    let data = citegraph::export::html_map::data(&input);
    let scene = input.map_scene();
    let papers = data["papers"].as_array().unwrap();
    for (i, paper) in papers.iter().enumerate() {
        match paper["role"].as_str().unwrap() {
            "candidate" => assert_eq!(paper["mark"], paper["rank"].to_string(), "the rank inside the circle"),
            "listed" => {
                let letter = paper["mark"].as_str().expect("the section's letter");
                let section = paper["section"].as_u64().unwrap() as usize;
                assert_eq!(letter, citegraph::picture::palette::section_letter(section).to_string());
            }
            _ => assert!(paper["mark"].is_null(), "{i}"),
        }
    }
    // Labels are as large as the scene placed them, so their boxes fit their text.
    for (label, placed) in data["labels"].as_array().unwrap().iter().zip(&scene.labels) {
        assert_eq!(label["size"].as_f64().unwrap(), placed.size);
    }
    let strong = data["edges"].as_array().unwrap().iter().filter(|e| e[3] == true).count();
    assert_eq!(strong, scene.selection.edges.iter().filter(|e| e.strong).count());
    assert!(strong > 0);
}

#[test]
fn the_default_map_page_is_under_a_megabyte() {
    let fixture = common::pictures::universe_fixture(40, false);
    let html = render(&fixture.input());
    assert!(html.len() < 1_000_000, "{} bytes", html.len());
}

#[test]
fn in_chromium_search_filters_hover_and_the_side_list_work_and_nothing_loads() {
    let Some(browser) = chromium() else { return };
    let fixture = hostile_fixture();
    let html = render(&fixture.input());
    let report = selftest(&browser, &html, "hostile.html", "RENÉE");
    assert_eq!(report["errors"], serde_json::json!([]), "no script error: {report}");
    assert_eq!(report["violations"], serde_json::json!([]), "no request the CSP had to block");
    assert_eq!(report["resources"], serde_json::json!([]), "no request at all");
    assert_eq!(sorted(&report["searchMatches"]), ["cand-accents"], "an author's name finds the paper: {report}");
    assert_eq!(report["searchCount"], "1 paper matches");
    assert_eq!(report["matchesAfterClearing"], 0);
    assert_eq!(sorted(&report["hiddenWithSection0Off"]), ["listed-hostile", "listed-plain"]);
    assert_eq!(report["hiddenAfter"], 0);
    assert_eq!(sorted(&report["hiddenWithoutCandidates"]), ["cand-accents", "cand-hostile"]);
    let best = &fixture.rankings.candidates[0];
    let title = clean_text(&fixture.graph.node(best.node).title);
    assert_eq!(report["hoverTarget"], "cand-hostile");
    assert_eq!(report["cardShown"], true);
    assert_eq!(report["cardHeading"], title.as_str(), "the hostile title as text");
    let card = report["cardText"].as_str().unwrap();
    assert!(card.contains(&words(&best.reasons)[0]), "the card gives the reasons: {card}");
    assert!(card.contains("candidate #1") && card.contains("2022"), "{card}");
    assert_eq!(report["cardHiddenAfter"], true);
    assert_eq!(sorted(&report["listHighlights"]), ["cand-hostile"], "the side list lights its paper up");
    assert_eq!(report["listHighlightsAfter"], 0);
    for check in ["wheelZooms", "dragPans", "keyboardZooms", "mapFocusable", "fitShowsAll"] {
        assert_eq!(report[check], true, "{check}: {report}");
    }
    assert_eq!(report["markupInTitles"], 0, "no title became markup");
    assert_eq!(report["scripts"], 2, "no script from a title");
    assert_eq!(report["title"], format!("Literature map: {}", clean_text(&fixture.list.name)));
    assert!(report["focusable"].as_u64().unwrap() >= 8, "search, filters, list, map and buttons take focus");
}

#[test]
fn in_chromium_the_universe_map_works_and_is_screenshotted_at_two_sizes() {
    let Some(browser) = chromium() else { return };
    let fixture = common::pictures::universe_fixture(40, false);
    let html = render(&fixture.input());
    let listed = fixture.graph.listed().next().unwrap();
    let word = fixture.graph.node(listed).title.split_whitespace().max_by_key(|w| w.len()).unwrap().to_owned();
    let report = selftest(&browser, &html, "universe.html", &word);
    assert_eq!(report["errors"], serde_json::json!([]), "{report}");
    assert_eq!(report["resources"], serde_json::json!([]));
    let matches = report["searchMatches"].as_array().unwrap();
    assert!(matches.iter().any(|m| m == fixture.graph.node(listed).paper_id.as_str()), "{word}: {report}");
    assert_eq!(report["fitShowsAll"], true);
    let page = out_dir().join("universe.html");
    for (w, h) in [(1920, 1080), (1366, 768)] {
        let shot = out_dir().join(format!("literature-map-{w}x{h}.png"));
        let _ = std::fs::remove_file(&shot);
        run_chromium(
            &browser,
            &format!("file://{}", page.display()),
            &[&format!("--window-size={w},{h}"), &format!("--screenshot={}", shot.display())],
        );
        let png = resvg::tiny_skia::Pixmap::load_png(&shot).expect("a screenshot");
        assert_eq!((png.width(), png.height()), (w, h));
        let coloured = png.pixels().iter().filter(|p| p.red().abs_diff(p.blue()) > 40).count();
        assert!(coloured > 2000, "the map's coloured papers are drawn ({coloured} pixels)");
    }
}
