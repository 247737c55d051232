//! Stage 4, betweenness over the [`Csr`]: Brandes' algorithm (directed, unweighted, endpoints
//! excluded), exact on graphs up to a work limit, from a seeded sample of sources above it.

use rayon::prelude::*;

use super::BetweennessMode;
use super::csr::Csr;
use crate::defaults;

/// Settings of the betweenness computation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BetweennessOptions {
    /// Exact when `nodes * edges` is at most this (one breadth-first search per node costs up to
    /// `edges` steps); sampled above it.
    pub exact_limit: u64,
    /// Sources drawn when sampling.
    pub samples: usize,
    /// Seed of the draw, so the same graph always gives the same scores.
    pub seed: u64,
}

impl Default for BetweennessOptions {
    fn default() -> Self {
        BetweennessOptions {
            exact_limit: defaults::BETWEENNESS_EXACT_LIMIT,
            samples: defaults::BETWEENNESS_SAMPLES,
            seed: defaults::BETWEENNESS_SEED,
        }
    }
}

/// Source chunks: fixed in number so that the sum over chunks, taken in chunk order, does not
/// depend on the thread count.
const CHUNKS: usize = 8;

/// Betweenness of every node, exact or sampled as `options` decide, and which it was.
///
/// Sampled values are scaled as networkx 3.6 scales them: a node that was not a source by
/// `(n - 1) / k`, a source by `(n - 1) / (k - 1)` (its own search cannot count it).
pub fn betweenness(csr: &Csr, options: &BetweennessOptions) -> (Vec<f64>, BetweennessMode) {
    let n = csr.node_count();
    let work = n as u128 * csr.edge_count() as u128;
    if work <= u128::from(options.exact_limit) || n <= options.samples.max(2) {
        let sources: Vec<u32> = (0..n as u32).collect();
        return (betweenness_from_sources(csr, &sources), BetweennessMode::Exact);
    }
    let k = options.samples;
    let sources = sample_sources(n, k, options.seed);
    let mut scores = betweenness_from_sources(csr, &sources);
    let mut is_source = vec![false; n];
    for &s in &sources {
        is_source[s as usize] = true;
    }
    let scale = (n - 1) as f64 / k as f64;
    let source_scale = (n - 1) as f64 / (k - 1) as f64;
    for (value, &source) in scores.iter_mut().zip(&is_source) {
        *value *= if source { source_scale } else { scale };
    }
    (scores, BetweennessMode::Sampled { sources: k, seed: options.seed })
}

/// `k` distinct nodes of `0..n`, drawn with `seed` (a partial Fisher-Yates shuffle).
pub fn sample_sources(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut pool: Vec<u32> = (0..n as u32).collect();
    let k = k.min(n);
    for i in 0..k {
        pool.swap(i, rng.usize(i..n));
    }
    pool.truncate(k);
    pool
}

/// Raw Brandes sums from the given sources: for every node v, the sum over sources s and
/// targets t (s != v != t) of the share of shortest s-t paths through v. Not scaled.
pub fn betweenness_from_sources(csr: &Csr, sources: &[u32]) -> Vec<f64> {
    let n = csr.node_count();
    if sources.is_empty() {
        return vec![0.0; n];
    }
    let per_chunk = sources.len().div_ceil(CHUNKS);
    let partials: Vec<Vec<f64>> = sources
        .par_chunks(per_chunk)
        .map(|chunk| {
            let mut work = Workspace::new(n);
            let mut acc = vec![0.0; n];
            for &s in chunk {
                work.accumulate(csr, s, &mut acc);
            }
            acc
        })
        .collect();
    let mut total = vec![0.0; n];
    for partial in partials {
        for (t, p) in total.iter_mut().zip(partial) {
            *t += p;
        }
    }
    total
}

/// How many nodes ahead of the one being expanded the search reads the first citation of a row.
///
/// Most of a search's time goes to fetching rows from all over the adjacency: reading a row's
/// start early, while other rows are scanned, overlaps the waits (about 10% faster at 10^7
/// edges; safe Rust has no prefetch instruction).
const AHEAD: usize = 8;

/// Position of a node the search has not reached.
const UNREACHED: u32 = u32::MAX;

/// Per-thread state of one breadth-first search, kept from source to source (cleared, never
/// reallocated). Everything but `position` is indexed by position in the search order, so a
/// search touches compact arrays: the nodes it reached, and the links it found one level deeper.
struct Workspace {
    /// Each node's position in `order` (`UNREACHED` before the search reaches it).
    position: Vec<u32>,
    /// The nodes reached, in breadth-first order.
    order: Vec<u32>,
    /// By position: where the node's citations are in `Csr::out_targets` (read when the node is
    /// reached, so the search can read ahead).
    rows: Vec<std::ops::Range<usize>>,
    /// By position: first the number of shortest paths from the source, then (once the
    /// dependency is known) `(1 + delta) / sigma`.
    value: Vec<f64>,
    /// By position (and one past the last): where its successors start in `successors`.
    first_successor: Vec<u32>,
    /// The positions of the nodes each node cites one level deeper (its successors on shortest
    /// paths), grouped by position, each group in citation order.
    successors: Vec<u32>,
}

impl Workspace {
    fn new(n: usize) -> Self {
        Workspace {
            position: vec![UNREACHED; n],
            order: Vec::new(),
            rows: Vec::new(),
            value: Vec::new(),
            first_successor: Vec::new(),
            successors: Vec::new(),
        }
    }

    /// One source's dependencies, added into `acc`.
    ///
    /// The search records each node's successors as it finds them, so the back-propagation
    /// (nodes in reverse breadth-first order, each summing `(1 + delta[w]) / sigma[w]` over its
    /// successors `w`) reads them back in order instead of scanning the citations again.
    /// Pushing along in-edges instead would scan every citer of every reached paper, most of them
    /// unreached: far more work in a citation graph.
    fn accumulate(&mut self, csr: &Csr, s: u32, acc: &mut [f64]) {
        let Workspace { position, order, rows, value, first_successor, successors } = self;
        let targets = csr.out_targets();
        order.clear();
        rows.clear();
        value.clear();
        first_successor.clear();
        successors.clear();
        position[s as usize] = 0;
        order.push(s);
        rows.push(csr.out_range(s as usize));
        value.push(1.0);
        let mut touched = 0;
        // Positions from `level_end` on are one level deeper than the node being expanded.
        let mut level_end = 1;
        let mut head = 0;
        while head < order.len() {
            if head == level_end {
                level_end = order.len();
            }
            if let Some(ahead) = rows.get(head + AHEAD) {
                touched ^= targets.get(ahead.start).copied().unwrap_or(0);
            }
            let sigma = value[head];
            first_successor.push(successors.len() as u32);
            for &w in &targets[rows[head].clone()] {
                let mut p = position[w as usize];
                if p == UNREACHED {
                    p = order.len() as u32;
                    position[w as usize] = p;
                    order.push(w);
                    rows.push(csr.out_range(w as usize));
                    value.push(0.0);
                }
                if p as usize >= level_end {
                    value[p as usize] += sigma;
                    successors.push(p);
                }
            }
            head += 1;
        }
        std::hint::black_box(touched);
        first_successor.push(successors.len() as u32);
        for i in (0..order.len()).rev() {
            let sigma = value[i];
            let pulled = successors[first_successor[i] as usize..first_successor[i + 1] as usize]
                .iter()
                .fold(0.0, |a, &p| a + value[p as usize]);
            let delta = sigma * pulled;
            if i != 0 {
                acc[order[i] as usize] += delta;
            }
            value[i] = (1.0 + delta) / sigma;
        }
        for &v in order.iter() {
            position[v as usize] = UNREACHED;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            assert!((x - y).abs() < 1e-12, "node {i}: {x} vs {y}\n{a:?}\n{b:?}");
        }
    }

    #[test]
    fn a_path_counts_the_pairs_each_node_lies_between() {
        // 0 -> 1 -> 2 -> 3: node 1 lies on 0-2 and 0-3; node 2 on 0-3 and 1-3.
        let (csr, _) = Csr::from_edges(4, [(0, 1), (1, 2), (2, 3)]);
        let (b, mode) = betweenness(&csr, &BetweennessOptions::default());
        assert_eq!(mode, BetweennessMode::Exact);
        close(&b, &[0.0, 2.0, 2.0, 0.0]);
    }

    #[test]
    fn parallel_shortest_paths_share_the_credit() {
        // A diamond 0 -> {1, 2} -> 3 plus 3 -> 4: two shortest paths 0-3 (and 0-4), one via each
        // middle node, so 1 and 2 get half of (0,3) and half of (0,4); 3 lies on 0-4, 1-4, 2-4.
        let (csr, _) = Csr::from_edges(5, [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4)]);
        let (b, _) = betweenness(&csr, &BetweennessOptions::default());
        close(&b, &[0.0, 1.0, 1.0, 3.0, 0.0]);
    }

    #[test]
    fn direction_matters() {
        // 0 -> 1 <- 2: no directed path passes through 1.
        let (csr, _) = Csr::from_edges(3, [(0, 1), (2, 1)]);
        close(&betweenness(&csr, &BetweennessOptions::default()).0, &[0.0; 3]);
        // A directed 3-cycle: each node lies on exactly one pair's path.
        let (csr, _) = Csr::from_edges(3, [(0, 1), (1, 2), (2, 0)]);
        close(&betweenness(&csr, &BetweennessOptions::default()).0, &[1.0; 3]);
    }

    #[test]
    fn sampled_values_are_scaled_like_networkx() {
        // A path of 10 nodes forced into sampling with 3 sources.
        let n = 10;
        let (csr, _) = Csr::from_edges(n, (0..n as u32 - 1).map(|v| (v, v + 1)));
        let options = BetweennessOptions { exact_limit: 0, samples: 3, seed: 7 };
        let (b, mode) = betweenness(&csr, &options);
        assert_eq!(mode, BetweennessMode::Sampled { sources: 3, seed: 7 });
        let sources = sample_sources(n, 3, 7);
        let raw = betweenness_from_sources(&csr, &sources);
        // On a path, source s credits every node strictly between s and the end: v gets 9 - v.
        for v in 0..n {
            let expected_raw: f64 =
                sources.iter().filter(|&&s| (s as usize) < v).map(|_| (n - 1 - v) as f64).sum::<f64>();
            assert_eq!(raw[v], expected_raw, "raw value of node {v} from sources {sources:?}");
            let scale = if sources.contains(&(v as u32)) { 9.0 / 2.0 } else { 9.0 / 3.0 };
            assert!((b[v] - raw[v] * scale).abs() < 1e-12, "node {v}");
        }
        assert_eq!(betweenness(&csr, &options), (b, mode), "the same seed draws the same sources");
    }

    #[test]
    fn the_draw_is_distinct_and_deterministic() {
        let a = sample_sources(1000, 256, 42);
        assert_eq!(a, sample_sources(1000, 256, 42));
        assert_ne!(a, sample_sources(1000, 256, 43));
        let mut sorted = a.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 256);
        assert!(sorted.iter().all(|&s| s < 1000));
    }

    #[test]
    fn exact_sums_match_across_chunking() {
        // More sources than chunks, so several partial vectors are added.
        let n = 40u32;
        let edges: Vec<(u32, u32)> = (0..n).flat_map(|v| [(v, (v * 7 + 3) % n), (v, (v * 11 + 5) % n)]).collect();
        let (csr, _) = Csr::from_edges(n as usize, edges);
        let all: Vec<u32> = (0..n).collect();
        let together = betweenness_from_sources(&csr, &all);
        let mut one_by_one = vec![0.0; n as usize];
        for s in all {
            for (t, v) in one_by_one.iter_mut().zip(betweenness_from_sources(&csr, &[s])) {
                *t += v;
            }
        }
        for (a, b) in together.iter().zip(&one_by_one) {
            assert!((a - b).abs() < 1e-9);
        }
        assert!(together.iter().any(|&v| v > 0.0));
    }
}
