//! Stage 4, PageRank over the [`Csr`]: a pull-style power iteration with the rank of dangling
//! papers (no references) spread uniformly, in fixed-size chunks so that rayon splits the work
//! and every sum is taken in the same order whatever the thread count.

use rayon::prelude::*;

use super::csr::Csr;
use crate::defaults;

/// Nodes per parallel chunk. Chunk partial sums are added in chunk order, so results do not
/// depend on how rayon schedules the chunks.
pub(crate) const CHUNK: usize = 4096;

/// Settings of the power iteration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageRankOptions {
    /// Probability of following a citation (the rest teleports uniformly).
    pub damping: f64,
    /// Stop when `sum |x' - x| < tolerance` (absolute, not scaled by the node count).
    pub tolerance: f64,
    /// Give up after this many iterations (the result then says it did not converge).
    pub max_iterations: usize,
}

impl Default for PageRankOptions {
    fn default() -> Self {
        PageRankOptions {
            damping: defaults::PAGERANK_DAMPING,
            tolerance: defaults::PAGERANK_TOLERANCE,
            max_iterations: defaults::PAGERANK_MAX_ITERATIONS,
        }
    }
}

/// PageRank scores and how the iteration went.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRank {
    /// Score by node; sums to 1 (empty for an empty graph).
    pub scores: Vec<f64>,
    /// Iterations run.
    pub iterations: usize,
    /// Whether the stopping rule was met before `max_iterations`.
    pub converged: bool,
}

/// PageRank of every node: `x'[v] = (1 - d) / N + d * (sum over u citing v of x[u] / out(u)
/// + dangling / N)`, from the uniform vector, until `sum |x' - x| < tolerance`.
///
/// The three work vectors are allocated once; an iteration allocates nothing.
pub fn pagerank(csr: &Csr, options: &PageRankOptions) -> PageRank {
    let n = csr.node_count();
    if n == 0 {
        return PageRank { scores: Vec::new(), iterations: 0, converged: true };
    }
    let d = options.damping;
    let nf = n as f64;
    let inv_out: Vec<f64> = (0..n)
        .map(|v| match csr.out_degree(v) {
            0 => 0.0,
            k => 1.0 / k as f64,
        })
        .collect();
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    let mut share = vec![0.0; n];
    let mut partials = vec![0.0; n.div_ceil(CHUNK)];
    let mut iterations = 0;
    let mut converged = false;
    while iterations < options.max_iterations {
        // Each node's outgoing share, and the rank held by dangling nodes.
        share
            .par_chunks_mut(CHUNK)
            .zip(x.par_chunks(CHUNK))
            .zip(inv_out.par_chunks(CHUNK))
            .zip(partials.par_iter_mut())
            .for_each(|(((share, x), inv_out), dangling)| {
                let mut sum = 0.0;
                for ((s, &xv), &inv) in share.iter_mut().zip(x).zip(inv_out) {
                    *s = xv * inv;
                    if inv == 0.0 {
                        sum += xv;
                    }
                }
                *dangling = sum;
            });
        let dangling: f64 = partials.iter().sum();
        let base = (1.0 - d) / nf + d * dangling / nf;
        // Pull the shares along in-edges.
        next.par_chunks_mut(CHUNK).zip(x.par_chunks(CHUNK)).zip(partials.par_iter_mut()).enumerate().for_each(
            |(chunk, ((next, x), diff))| {
                let first = chunk * CHUNK;
                let mut sum = 0.0;
                for (i, (slot, &old)) in next.iter_mut().zip(x).enumerate() {
                    let pulled = csr.in_neighbours(first + i).iter().fold(0.0, |acc, &u| acc + share[u as usize]);
                    let value = base + d * pulled;
                    sum += (value - old).abs();
                    *slot = value;
                }
                *diff = sum;
            },
        );
        let diff: f64 = partials.iter().sum();
        std::mem::swap(&mut x, &mut next);
        iterations += 1;
        if diff < options.tolerance {
            converged = true;
            break;
        }
    }
    let total: f64 = x.iter().sum();
    if total > 0.0 {
        x.par_iter_mut().for_each(|v| *v /= total);
    }
    PageRank { scores: x, iterations, converged }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64], tol: f64) {
        assert_eq!(a.len(), b.len());
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            assert!((x - y).abs() < tol, "node {i}: {x} vs {y}\n{a:?}\n{b:?}");
        }
    }

    #[test]
    fn a_cycle_is_uniform() {
        let (csr, _) = Csr::from_edges(3, [(0, 1), (1, 2), (2, 0)]);
        let pr = pagerank(&csr, &PageRankOptions::default());
        close(&pr.scores, &[1.0 / 3.0; 3], 1e-12);
        assert!(pr.converged);
    }

    #[test]
    fn two_papers_citing_a_third_match_the_hand_computed_fixed_point() {
        // 0 -> 2, 1 -> 2; node 2 is dangling. With d = 0.85, N = 3 and x0 = x1 = a, x2 = c:
        // a = 0.05 + 0.85 c / 3, c = a + 0.85 * 2a  =>  a = 0.05 / (1 - 0.85 * 2.7 / 3) = 0.05 / 0.235.
        let (csr, _) = Csr::from_edges(3, [(0, 2), (1, 2)]);
        let pr = pagerank(&csr, &PageRankOptions { tolerance: 1e-14, ..PageRankOptions::default() });
        let a = 0.05 / 0.235;
        let c = 2.7 * a;
        let total = 2.0 * a + c;
        close(&pr.scores, &[a / total, a / total, c / total], 1e-12);
        assert!((pr.scores.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn dangling_rank_is_spread_over_every_node_not_lost() {
        // A chain 0 -> 1 -> 2 -> 3 where 3 cites nothing, plus an isolated node 4.
        // Solved by hand: x = (1 - d) / N + d * (pull + x3 / N) with N = 5.
        let (csr, _) = Csr::from_edges(5, [(0, 1), (1, 2), (2, 3)]);
        let pr = pagerank(&csr, &PageRankOptions { tolerance: 1e-15, ..PageRankOptions::default() });
        // Nodes 3 and 4 are dangling. Let t = 0.03 + 0.17 (x3 + x4), the teleport plus dangling
        // share every node gets. x0 = x4 = t, x1 = t + 0.85 t, x2 = t + 0.85 x1, x3 = t + 0.85 x2
        // = t k with k = 1 + 0.85 + 0.85^2 + 0.85^3; so t = 0.03 / (1 - 0.17 (k + 1)).
        let k = 1.0 + 0.85 + 0.85f64.powi(2) + 0.85f64.powi(3);
        let t = 0.03 / (1.0 - 0.17 * (k + 1.0));
        let x1 = t * 1.85;
        let x2 = t + 0.85 * x1;
        let x3 = t + 0.85 * x2;
        close(&pr.scores, &[t, x1, x2, x3, t], 1e-12);
        assert!((pr.scores.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn one_step_hands_the_dangling_rank_to_everyone_each_iteration() {
        // 0 -> 2, 1 -> 2 from x = 1/3 each: the dangling node 2 holds 1/3, so every node gets
        // 0.05 + 0.85 * (1/3) / 3, and node 2 also 0.85 * 2/3. (Dropping the dangling rank and
        // renormalising only at the end would give 0.0698, 0.0698, 0.8605 here.)
        let (csr, _) = Csr::from_edges(3, [(0, 2), (1, 2)]);
        let pr = pagerank(&csr, &PageRankOptions { max_iterations: 1, ..PageRankOptions::default() });
        let base = 0.05 + 0.85 / 9.0;
        close(&pr.scores, &[base, base, base + 0.85 * 2.0 / 3.0], 1e-15);
    }

    #[test]
    fn the_stopping_rule_is_absolute() {
        let (csr, _) = Csr::from_edges(3, [(0, 2), (1, 2)]);
        let loose = pagerank(&csr, &PageRankOptions { tolerance: 1e-2, ..PageRankOptions::default() });
        let tight = pagerank(&csr, &PageRankOptions { tolerance: 1e-10, ..PageRankOptions::default() });
        assert!(loose.iterations < tight.iterations);
        let capped = pagerank(&csr, &PageRankOptions { max_iterations: 1, ..PageRankOptions::default() });
        assert_eq!((capped.iterations, capped.converged), (1, false));
    }

    #[test]
    fn chunked_sums_give_the_same_answer_on_a_graph_larger_than_a_chunk() {
        // A long chain with a back edge every 100 nodes spans several chunks.
        let n = 3 * CHUNK + 17;
        let edges = (0..n as u32 - 1).map(|v| (v, v + 1)).chain((100..n as u32).step_by(100).map(|v| (v, v - 100)));
        let (csr, _) = Csr::from_edges(n, edges);
        let a = pagerank(&csr, &PageRankOptions::default());
        let b = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| pagerank(&csr, &PageRankOptions::default()));
        assert_eq!(a, b, "bit-identical whatever the thread count");
        assert!((a.scores.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
}
