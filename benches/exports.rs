//! Benchmark of the network and reading-list exports and the HTML map (not a test; CI does not run it): `graph.graphml`,
//! `graph.gexf`, `graph.json`, `nodes.csv`, `edges.csv`, `missing.bib`, `missing.ris`,
//! `missing.csl.json`, `graph.mmd` and `literature-map.html` of a 2,000-node citation graph,
//! all together, after the map's layout (which the pictures need anyway, timed apart).
//!
//! Run: `cargo bench --bench exports` (add `-- NODES` for another size). Prints the median of
//! five runs, for the default map (listed papers and the top 40 candidates) and `--full-graph`.

use std::time::{Duration, Instant};

use citegraph::export::{ExportInput, ExportOptions, html_map, mermaid, network_exports, reading_list_exports};
use citegraph::graph::{CitationEdge, CitationGraph, ListedInfo, PaperNode};
use citegraph::model::{Author, PaperMeta};
use citegraph::paper_list::{ListSource, parse_markdown};
use citegraph::rank::{RankOptions, rank};

fn main() {
    let nodes: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(2000);
    let mut markdown = String::from("# Benchmark list\n");
    for s in 0..5 {
        markdown.push_str(&format!("## Section {s}\n"));
        for k in 0..10 {
            markdown.push_str(&format!("1. [Listed {s}-{k}](https://arxiv.org/abs/2301.{:05})\n", s * 100 + k));
        }
    }
    let list = parse_markdown(ListSource::Stdin, &markdown);
    let mut rng = fastrand::Rng::with_seed(7);
    let mut graph = CitationGraph::new();
    let ids: Vec<_> = (0..nodes)
        .map(|i| {
            graph.add_paper(PaperNode::from_meta(&PaperMeta {
                paper_id: format!("p{i:05}"),
                title: format!("Synthetic paper {i:05} on topic {:02}: a {{study}} of 100% <things>", i % 97),
                year: Some(1990 + (i * 35 / nodes) as i32),
                authors: (0..3)
                    .map(|a| Author { author_id: None, name: format!("Given{a} Family{}", i % 311) })
                    .collect(),
                citation_count: Some(rng.u64(..500)),
                ..PaperMeta::default()
            }))
        })
        .collect();
    for i in 1..nodes {
        for _ in 0..(4 + rng.usize(..13)).min(i) {
            let j = rng.usize(..i);
            graph.add_citation(
                ids[i],
                ids[j],
                CitationEdge { is_influential: Some(rng.u8(..5) == 0), intents: vec![] },
            );
        }
    }
    for (k, paper) in list.papers.iter().enumerate() {
        graph.mark_listed(
            ids[(k * 7919 + 13) % nodes],
            ListedInfo { list_index: k, section: paper.section.clone(), tag: None },
        );
    }
    let rankings = rank(&graph, &RankOptions::default());
    println!(
        "graph: {} nodes, {} edges, {} candidates",
        graph.node_count(),
        graph.edge_count(),
        rankings.candidates.len()
    );

    let mut exporters = network_exports();
    exporters.extend(reading_list_exports());
    exporters.push(Box::new(mermaid::MermaidExporter));
    exporters.push(Box::new(html_map::HtmlMapExporter));
    for full_graph in [false, true] {
        let options = ExportOptions {
            map_top: 40,
            full_graph,
            title: None,
            data_date: Some("2024-05-14".to_owned()),
            data_source: "Semantic Scholar".to_owned(),
        };
        let (mut layout, mut exports, mut bytes) = (vec![], vec![], vec![]);
        for _ in 0..5 {
            let input = ExportInput::new(&list, &graph, &rankings, &options);
            let t = Instant::now();
            input.map_scene();
            layout.push(t.elapsed());
            let t = Instant::now();
            let mut sizes = Vec::new();
            for e in &exporters {
                let mut buf = Vec::new();
                e.write(&input, &mut buf).expect("the export writes");
                sizes.push((e.file_name(), buf.len()));
            }
            exports.push(t.elapsed());
            bytes = sizes;
        }
        println!(
            "{}: layout {:.3} s (shared with the pictures), the ten exports together {:.3} s",
            if full_graph { "--full-graph" } else { "default map" },
            median(layout).as_secs_f64(),
            median(exports).as_secs_f64()
        );
        for (name, size) in bytes {
            println!("  {name:<22} {size:>9} bytes");
        }
    }
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}
