//! Stage 4, HITS over the [`Csr`]: authority is the leading eigenvector of `AᵀA` (power
//! iteration), hub is `A · authority`; each normalised to sum 1.

use rayon::prelude::*;

use super::csr::Csr;
use super::pagerank::CHUNK;
use crate::defaults;

/// Settings of the power iteration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HitsOptions {
    /// Stop when the sum-normalised authority vector moves less than this (L1).
    pub tolerance: f64,
    /// Give up after this many iterations (the result then says it did not converge).
    pub max_iterations: usize,
}

impl Default for HitsOptions {
    fn default() -> Self {
        HitsOptions { tolerance: defaults::HITS_TOLERANCE, max_iterations: defaults::HITS_MAX_ITERATIONS }
    }
}

/// HITS scores and how the iteration went.
#[derive(Debug, Clone, PartialEq)]
pub struct Hits {
    /// Authority by node; sums to 1, or all zero when the graph has no edges.
    pub authority: Vec<f64>,
    /// Hub by node; sums to 1, or all zero when the graph has no edges.
    pub hub: Vec<f64>,
    /// Iterations run.
    pub iterations: usize,
    /// Whether the stopping rule was met before `max_iterations`.
    pub converged: bool,
}

/// HITS authority and hub of every node. Starts from the in-degrees (one step from a uniform
/// hub vector), then `a <- AᵀA a` normalised to sum 1 until it moves less than the tolerance.
/// On a DAG many scores are exactly zero. The work vectors are allocated once.
pub fn hits(csr: &Csr, options: &HitsOptions) -> Hits {
    let n = csr.node_count();
    let mut authority: Vec<f64> = (0..n).map(|v| csr.in_degree(v) as f64).collect();
    let mut hub = vec![0.0; n];
    if csr.edge_count() == 0 {
        authority.fill(0.0);
        return Hits { authority, hub, iterations: 0, converged: true };
    }
    let total = csr.edge_count() as f64;
    authority.iter_mut().for_each(|a| *a /= total);
    let mut next = vec![0.0; n];
    let mut partials = vec![0.0; n.div_ceil(CHUNK)];
    let mut iterations = 0;
    let mut converged = false;
    while iterations < options.max_iterations {
        hub_step(csr, &authority, &mut hub);
        // next = Aᵀ hub, with its sum per chunk.
        next.par_chunks_mut(CHUNK).zip(partials.par_iter_mut()).enumerate().for_each(|(chunk, (next, sum))| {
            let first = chunk * CHUNK;
            let mut s = 0.0;
            for (i, slot) in next.iter_mut().enumerate() {
                let value = csr.in_neighbours(first + i).iter().fold(0.0, |acc, &u| acc + hub[u as usize]);
                s += value;
                *slot = value;
            }
            *sum = s;
        });
        let norm: f64 = partials.iter().sum();
        if norm == 0.0 {
            break;
        }
        next.par_chunks_mut(CHUNK).zip(authority.par_chunks(CHUNK)).zip(partials.par_iter_mut()).for_each(
            |((next, old), diff)| {
                let mut s = 0.0;
                for (slot, &o) in next.iter_mut().zip(old) {
                    *slot /= norm;
                    s += (*slot - o).abs();
                }
                *diff = s;
            },
        );
        let diff: f64 = partials.iter().sum();
        std::mem::swap(&mut authority, &mut next);
        iterations += 1;
        if diff < options.tolerance {
            converged = true;
            break;
        }
    }
    hub_step(csr, &authority, &mut hub);
    let hub_total: f64 = hub.iter().sum();
    if hub_total > 0.0 {
        hub.par_iter_mut().for_each(|h| *h /= hub_total);
    }
    Hits { authority, hub, iterations, converged }
}

/// `hub = A · authority`: each node's hub score is the sum of the authorities it cites.
fn hub_step(csr: &Csr, authority: &[f64], hub: &mut [f64]) {
    hub.par_chunks_mut(CHUNK).enumerate().for_each(|(chunk, hub)| {
        let first = chunk * CHUNK;
        for (i, slot) in hub.iter_mut().enumerate() {
            // A fold from +0.0: `sum()` of nothing is -0.0, which would print as `-0`.
            *slot = csr.out_neighbours(first + i).iter().fold(0.0, |acc, &t| acc + authority[t as usize]);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            assert!((x - y).abs() < 1e-9, "node {i}: {x} vs {y}\n{a:?}\n{b:?}");
        }
    }

    #[test]
    fn a_dag_gives_exact_zeros_and_the_hand_computed_eigenvectors() {
        // 0 -> 2, 0 -> 3, 1 -> 3. A = rows (0: 2, 3), (1: 3). AᵀA restricted to {2, 3} is
        // [[1, 1], [1, 2]]: leading eigenvector (1, φ) with φ = (1 + √5) / 2.
        let (csr, _) = Csr::from_edges(4, [(0, 2), (0, 3), (1, 3)]);
        let h = hits(&csr, &HitsOptions::default());
        let phi = (1.0 + 5f64.sqrt()) / 2.0;
        let s = 1.0 + phi;
        close(&h.authority, &[0.0, 0.0, 1.0 / s, phi / s]);
        // hub = A a: node 0 = a2 + a3 = (1 + φ)/s, node 1 = a3 = φ/s; normalised.
        let h0 = (1.0 + phi) / s;
        let h1 = phi / s;
        close(&h.hub, &[h0 / (h0 + h1), h1 / (h0 + h1), 0.0, 0.0]);
        assert!(h.converged);
    }

    #[test]
    fn a_star_puts_all_authority_on_the_centre() {
        let (csr, _) = Csr::from_edges(5, [(1, 0), (2, 0), (3, 0), (4, 0)]);
        let h = hits(&csr, &HitsOptions::default());
        close(&h.authority, &[1.0, 0.0, 0.0, 0.0, 0.0]);
        close(&h.hub, &[0.0, 0.25, 0.25, 0.25, 0.25]);
    }

    #[test]
    fn no_edges_means_all_zero() {
        let (csr, _) = Csr::from_edges(3, []);
        let h = hits(&csr, &HitsOptions::default());
        assert_eq!(h.authority, [0.0; 3]);
        assert_eq!(h.hub, [0.0; 3]);
    }
}
