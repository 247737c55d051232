//! Benchmark of the pictures (not a test; CI does not run it): force-directed layout and
//! rendering of a 2,000-node citation graph with `--full-graph`, beside GraphViz's `sfdp -Tsvg`
//! on the same graph as our `graph.dot`.
//!
//! Run: `cargo bench --bench pictures` (add `-- NODES` for another size; set
//! `CITEGRAPH_BENCH_OUT=DIR` to keep the pictures). Prints the median of three runs of each and
//! the ratios.

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use citegraph::export::dot::DotExporter;
use citegraph::export::png::svg_to_png;
use citegraph::export::{ExportInput, ExportOptions, Exporter};
use citegraph::graph::{CitationEdge, CitationGraph, ListedInfo, PaperNode};
use citegraph::model::{Author, PaperMeta};
use citegraph::paper_list::{ListSource, PaperList, parse_markdown};
use citegraph::picture::map::MapScene;
use citegraph::rank::{RankOptions, Rankings, rank};
use petgraph::graph::NodeIndex;

const SECTIONS: usize = 5;
const LISTED: usize = 50;

/// A synthetic citation DAG: papers cite older papers with probability proportional to
/// in-degree + 10, 10% cite nothing, the others 4 to 16 (about 9 citations per paper);
/// 30-character titles; 50 papers listed in 5 sections. Papers are made as the fetch stage makes
/// them and ranked by the ranking stage, so the bench follows those types as they change.
fn synthetic(nodes: usize) -> (PaperList, CitationGraph, Rankings) {
    let mut markdown = String::from("# Benchmark list\n");
    for s in 0..SECTIONS {
        markdown.push_str(&format!("## Section {s}\n"));
        for k in 0..LISTED / SECTIONS {
            markdown.push_str(&format!("1. [Listed {s}-{k}](https://arxiv.org/abs/2301.{:05})\n", s * 100 + k));
        }
    }
    let list = parse_markdown(ListSource::Stdin, &markdown);
    let mut rng = fastrand::Rng::with_seed(0x9E37_79B9_7F4A_7C15);
    let mut graph = CitationGraph::new();
    let ids: Vec<NodeIndex> = (0..nodes)
        .map(|i| {
            graph.add_paper(PaperNode::from_meta(&PaperMeta {
                paper_id: format!("p{i:05}"),
                title: format!("Synthetic paper {i:05} topic {:02}", i % 97),
                year: Some(1990 + (i * 35 / nodes) as i32),
                authors: vec![Author { author_id: None, name: format!("Author {}", i % 311) }],
                ..PaperMeta::default()
            }))
        })
        .collect();
    let mut in_degree = vec![0u64; nodes];
    for i in 1..nodes {
        if rng.u64(..10) == 0 {
            continue;
        }
        let want = (4 + rng.u64(..13) as usize).min(i);
        let total: u64 = in_degree[..i].iter().map(|d| d + 10).sum();
        let mut cited = Vec::new();
        for _ in 0..want * 3 {
            if cited.len() == want {
                break;
            }
            let mut pick = rng.u64(..total);
            let mut j = 0;
            while pick >= in_degree[j] + 10 {
                pick -= in_degree[j] + 10;
                j += 1;
            }
            if !cited.contains(&j) {
                cited.push(j);
            }
        }
        for j in cited {
            in_degree[j] += 1;
            let influential = rng.u64(..5) == 0;
            graph.add_citation(ids[i], ids[j], CitationEdge { is_influential: Some(influential), intents: vec![] });
        }
    }
    // List 50 papers spread over the graph, in 5 sections.
    for (k, paper) in list.papers.iter().enumerate() {
        let node = ids[(k * 7919 + 13) % nodes];
        graph.mark_listed(node, ListedInfo { list_index: k, section: paper.section.clone(), tag: None });
    }
    let rankings = rank(&graph, &RankOptions::default());
    (list, graph, rankings)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn main() {
    let nodes: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(2000);
    let (list, graph, rankings) = synthetic(nodes);
    let options = ExportOptions {
        map_top: 40,
        full_graph: true,
        title: None,
        data_date: Some("2024-05-14".to_owned()),
        data_source: "Semantic Scholar".to_owned(),
    };
    let input = ExportInput::new(&list, &graph, &rankings, &options);
    println!("graph: {} nodes, {} edges, {} listed, full graph drawn", graph.node_count(), graph.edge_count(), LISTED);

    let (mut layout, mut svg_time, mut png_time) = (vec![], vec![], vec![]);
    let mut svg = String::new();
    for _ in 0..3 {
        let t = Instant::now();
        let scene = MapScene::new(&input.picture());
        layout.push(t.elapsed());
        let t = Instant::now();
        svg = scene.drawing.to_svg().expect("the map renders");
        svg_time.push(t.elapsed());
        let t = Instant::now();
        let png = svg_to_png(&svg).expect("the PNG renders");
        png_time.push(t.elapsed());
        assert!(!png.is_empty());
        // To look at the result: CITEGRAPH_BENCH_OUT=DIR.
        if let Some(dir) = std::env::var_os("CITEGRAPH_BENCH_OUT") {
            let dir = std::path::PathBuf::from(dir);
            std::fs::create_dir_all(&dir).expect("the output directory");
            std::fs::write(dir.join("literature-map.svg"), &svg).expect("the SVG is written");
            std::fs::write(dir.join("literature-map.png"), &png).expect("the PNG is written");
        }
    }
    let (layout, svg_time, png_time) = (median(layout), median(svg_time), median(png_time));
    let ours = layout + svg_time;
    println!(
        "citegraph: layout + labels {:.3} s, SVG {:.3} s ({} KB): layout + SVG {:.3} s; PNG from the SVG {:.3} s more",
        secs(layout),
        secs(svg_time),
        svg.len() / 1024,
        secs(ours),
        secs(png_time)
    );

    let mut dot = Vec::new();
    DotExporter.write(&input, &mut dot).expect("the DOT renders");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("graph.dot");
    std::fs::File::create(&path).and_then(|mut f| f.write_all(&dot)).expect("the DOT is written");
    for (what, extra) in
        [("as written (sfdp's default overlap handling)", None), ("with -Goverlap=prism", Some("-Goverlap=prism"))]
    {
        let mut runs = Vec::new();
        for _ in 0..3 {
            let mut cmd = Command::new("sfdp");
            cmd.arg("-Tsvg").arg(&path).arg("-o").arg(dir.path().join("sfdp.svg"));
            if let Some(extra) = extra {
                cmd.arg(extra);
            }
            let t = Instant::now();
            let Ok(out) = cmd.output() else {
                println!("sfdp is not installed: apt-get install graphviz");
                return;
            };
            runs.push(t.elapsed());
            assert!(out.status.success(), "sfdp failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        let sfdp = median(runs);
        println!(
            "sfdp -Tsvg {what}: {:.3} s; sfdp / citegraph (layout + SVG) = {:.1}x",
            secs(sfdp),
            secs(sfdp) / secs(ours)
        );
    }
}
