//! Benchmark of the ranking stage's metrics (not a test; run by `benches/centrality.sh`).
//!
//! Generates a synthetic citation DAG (batched Price model: papers
//! cite older papers with probability proportional to in-degree + 10, 10% of papers cite nothing,
//! mean out-degree 20, ids a random permutation of integers; deterministic seed) as a two-column
//! edge list, then times citegraph's reading of it and each metric, and writes the scores and the
//! sampled betweenness sources so `benches/centrality.py` can run networkx and igraph on the very
//! same file and compare.
//!
//! Usage: `cargo bench --bench centrality -- [--edges N] [--out DIR] [--runs R]`

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use citegraph::rank::betweenness::{betweenness, sample_sources};
use citegraph::rank::hits::hits;
use citegraph::rank::pagerank::pagerank;
use citegraph::rank::{BetweennessMode, EdgeList, RankOptions};

/// Seed of the generator (fixed: the same N always gives the same file).
const SEED: u64 = 0xC17E_62A9;
/// Papers published together; a batch cites only earlier batches.
const BATCH: usize = 1000;
/// Additive attractiveness of the Price model.
const ATTRACTIVENESS: u64 = 10;

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The batched Price-model DAG with exactly `target` edges: `(citing, cited)` in generation order,
/// and the number of papers.
fn price_dag(target: usize) -> (Vec<(u32, u32)>, usize) {
    let mut rng = SplitMix(SEED);
    let mut edges: Vec<(u32, u32)> = Vec::with_capacity(target);
    let mut papers = 0usize;
    let mut refs: Vec<u32> = Vec::with_capacity(64);
    while edges.len() < target {
        // Everything before this batch can be cited, with in-degrees as they were at its start.
        let (old_papers, old_edges) = (papers as u64, edges.len() as u64);
        for _ in 0..BATCH {
            let citing = papers as u32;
            papers += 1;
            if old_papers == 0 || rng.below(10) == 0 {
                continue; // 10% cite nothing (and the first batch has nothing to cite)
            }
            // Uniform 1..=43 among the citing 90%: a mean out-degree of about 20 over all papers.
            let want = (1 + rng.below(43)).min(old_papers) as usize;
            refs.clear();
            while refs.len() < want {
                // Proportional to in-degree + 10: a uniform paper with weight 10 * N, else the cited
                // end of a uniform earlier edge.
                let pick = if rng.below(ATTRACTIVENESS * old_papers + old_edges) < ATTRACTIVENESS * old_papers {
                    rng.below(old_papers) as u32
                } else {
                    edges[rng.below(old_edges) as usize].1
                };
                if !refs.contains(&pick) {
                    refs.push(pick);
                }
            }
            for &cited in &refs {
                if edges.len() == target {
                    break;
                }
                edges.push((citing, cited));
            }
            if edges.len() == target {
                break;
            }
        }
    }
    (edges, papers)
}

/// Writes the edge list with ids permuted at random, `citing cited` per line.
fn write_edge_list(path: &Path, edges: &[(u32, u32)], papers: usize) -> std::io::Result<()> {
    let mut rng = SplitMix(SEED ^ 0xFFFF);
    let mut ids: Vec<u32> = (0..papers as u32).collect();
    for i in (1..ids.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        ids.swap(i, j);
    }
    // No comment line: igraph's NCOL reader, one of the three loaders compared, has no comments.
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    for &(a, b) in edges {
        writeln!(out, "{} {}", ids[a as usize], ids[b as usize])?;
    }
    out.flush()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Runs `f` `runs` times; the median time and the last result.
fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..runs {
        let start = Instant::now();
        result = Some(f());
        times.push(start.elapsed().as_secs_f64());
    }
    (median(times), result.expect("at least one run"))
}

fn main() -> std::io::Result<()> {
    let mut target = 1_000_000usize;
    let mut out_dir = PathBuf::from("target/bench-centrality");
    let mut runs = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--edges" => target = args.next().and_then(|v| v.parse().ok()).expect("--edges N"),
            "--out" => out_dir = args.next().map(PathBuf::from).expect("--out DIR"),
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect("--runs R"),
            "--bench" => {} // added by `cargo bench`
            other => panic!("unknown argument {other}; usage: [--edges N] [--out DIR] [--runs R]"),
        }
    }
    std::fs::create_dir_all(&out_dir)?;
    let path = out_dir.join(format!("price-{target}.txt"));
    let start = Instant::now();
    let (edges, papers) = price_dag(target);
    write_edge_list(&path, &edges, papers)?;
    drop(edges);
    eprintln!(
        "generated {} ({papers} papers, {target} edges) in {:.1} s",
        path.display(),
        start.elapsed().as_secs_f64()
    );

    let options = RankOptions::default();
    let threads = rayon::current_num_threads();
    let (load, list) = timed(runs, || EdgeList::read(&path).expect("the generated edge list reads"));
    let csr = &list.csr;
    let (t_pr, pr) = timed(runs, || pagerank(csr, &options.pagerank));
    let (t_hits, h) = timed(runs, || hits(csr, &options.hits));
    let (t_bc, (bc, mode)) = timed(runs, || betweenness(csr, &options.betweenness));
    // Exact on small inputs: then every node is a source.
    let (sources, seed, chosen) = match mode {
        BetweennessMode::Sampled { sources, seed } => (sources, seed, sample_sources(csr.node_count(), sources, seed)),
        BetweennessMode::Exact => (csr.node_count(), 0, (0..csr.node_count() as u32).collect()),
    };

    let mut out = BufWriter::new(std::fs::File::create(out_dir.join("ours.tsv"))?);
    writeln!(out, "id\tpagerank\tauthority\thub\tbetweenness")?;
    for (v, id) in list.ids.iter().enumerate() {
        writeln!(out, "{id}\t{:?}\t{:?}\t{:?}\t{:?}", pr.scores[v], h.authority[v], h.hub[v], bc[v])?;
    }
    out.flush()?;
    let mut out = BufWriter::new(std::fs::File::create(out_dir.join("sources.txt"))?);
    for s in &chosen {
        writeln!(out, "{}", list.ids[*s as usize])?;
    }
    out.flush()?;

    let summary = serde_json::json!({
        "edgeList": path,
        "nodes": csr.node_count(),
        "edges": csr.edge_count(),
        "threads": threads,
        "runs": runs,
        "load": load,
        "pagerank": t_pr,
        "pagerankIterations": pr.iterations,
        "hits": t_hits,
        "hitsIterations": h.iterations,
        "betweenness": t_bc,
        "betweennessExact": mode == BetweennessMode::Exact,
        "betweennessSources": sources,
        "betweennessSeed": seed,
    });
    std::fs::write(out_dir.join("ours.json"), serde_json::to_string_pretty(&summary)?)?;
    println!("{}", serde_json::to_string(&summary)?);
    Ok(())
}
