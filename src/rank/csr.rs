//! Stage 4, the compact adjacency every metric runs on: compressed sparse rows in both directions
//! (`u32` offsets and neighbours), built once from the citation graph or from an edge list.

use rayon::prelude::*;

use crate::graph::CitationGraph;

/// A directed graph in compressed-sparse-row form, out-edges and in-edges both, with no
/// duplicate edges and no self-loops. Node `v`'s out-neighbours are
/// `out_targets[out_offsets[v]..out_offsets[v + 1]]`, in ascending order; likewise in-neighbours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Csr {
    out_offsets: Vec<u32>,
    out_targets: Vec<u32>,
    in_offsets: Vec<u32>,
    in_sources: Vec<u32>,
}

/// What [`Csr::from_edges`] dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsrReport {
    /// Edges given more than once (kept once).
    pub duplicates: usize,
    /// Edges from a node to itself (dropped).
    pub self_loops: usize,
}

impl Csr {
    /// Builds the adjacency of `node_count` nodes from `(citing, cited)` pairs. Duplicates are one
    /// edge and self-loops are dropped (both counted in the report).
    ///
    /// # Panics
    /// When an endpoint is not below `node_count`, or there are `u32::MAX` edges or more (edge-list
    /// readers check both and report them as input errors first).
    pub fn from_edges(node_count: usize, edges: impl IntoIterator<Item = (u32, u32)>) -> (Csr, CsrReport) {
        let edges: Vec<(u32, u32)> = edges.into_iter().collect();
        Csr::from_edge_parts(node_count, vec![edges])
    }

    /// [`Csr::from_edges`] of the edges of every part, in order (the parts are dropped as soon
    /// as the rows hold their edges).
    ///
    /// Counting sorts, no comparison sort of the edges: the out-rows are filled by citing node
    /// in edge order, then each row is sorted and its duplicates dropped (rows are short), then
    /// the in-rows are filled from the out-rows taken in order, which leaves them sorted.
    pub(crate) fn from_edge_parts(node_count: usize, parts: Vec<Vec<(u32, u32)>>) -> (Csr, CsrReport) {
        assert!(u32::try_from(node_count).is_ok(), "too many nodes for a u32 adjacency: {node_count}");
        let given: usize = parts.iter().map(Vec::len).sum();
        assert!(u32::try_from(given).is_ok(), "too many edges for a u32 adjacency: {given}");
        let mut out_offsets = vec![0u32; node_count + 1];
        let mut self_loops = 0;
        for &(s, t) in parts.iter().flatten() {
            assert!((s as usize) < node_count && (t as usize) < node_count, "edge {s} -> {t} out of range");
            if s == t {
                self_loops += 1;
            } else {
                out_offsets[s as usize + 1] += 1;
            }
        }
        prefix_sums(&mut out_offsets);
        let mut targets = vec![0u32; given - self_loops];
        let mut cursor = out_offsets[..node_count].to_vec();
        for &(s, t) in parts.iter().flatten() {
            if s != t {
                let slot = &mut cursor[s as usize];
                targets[*slot as usize] = t;
                *slot += 1;
            }
        }
        drop((cursor, parts));
        let (out_offsets, out_targets) = sorted_distinct_rows(&out_offsets, targets);
        let report = CsrReport { duplicates: given - self_loops - out_targets.len(), self_loops };

        let mut in_offsets = vec![0u32; node_count + 1];
        for &t in &out_targets {
            in_offsets[t as usize + 1] += 1;
        }
        prefix_sums(&mut in_offsets);
        let mut in_sources = vec![0u32; out_targets.len()];
        let mut cursor: Vec<u32> = in_offsets[..node_count].to_vec();
        for (v, row) in out_offsets.windows(2).enumerate() {
            for &t in &out_targets[row[0] as usize..row[1] as usize] {
                let slot = &mut cursor[t as usize];
                in_sources[*slot as usize] = v as u32;
                *slot += 1;
            }
        }
        (Csr { out_offsets, out_targets, in_offsets, in_sources }, report)
    }

    /// The adjacency of a citation graph: node `i` is `NodeIndex::new(i)`, edge `u -> v` when
    /// `u` cites `v`.
    pub fn from_graph(graph: &CitationGraph) -> Csr {
        let g = graph.graph();
        let edges = g.raw_edges().iter().map(|e| (e.source().index() as u32, e.target().index() as u32));
        Csr::from_edges(g.node_count(), edges).0
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.out_offsets.len().saturating_sub(1)
    }

    /// Number of (distinct) edges.
    pub fn edge_count(&self) -> usize {
        self.out_targets.len()
    }

    /// The nodes `v` cites, ascending.
    pub fn out_neighbours(&self, v: usize) -> &[u32] {
        &self.out_targets[self.out_offsets[v] as usize..self.out_offsets[v + 1] as usize]
    }

    /// Where the nodes `v` cites are in [`Csr::out_targets`].
    pub(crate) fn out_range(&self, v: usize) -> std::ops::Range<usize> {
        self.out_offsets[v] as usize..self.out_offsets[v + 1] as usize
    }

    /// The out-rows of every node, one after the other.
    pub(crate) fn out_targets(&self) -> &[u32] {
        &self.out_targets
    }

    /// The nodes citing `v`, ascending.
    pub fn in_neighbours(&self, v: usize) -> &[u32] {
        &self.in_sources[self.in_offsets[v] as usize..self.in_offsets[v + 1] as usize]
    }

    /// How many nodes `v` cites.
    pub fn out_degree(&self, v: usize) -> usize {
        (self.out_offsets[v + 1] - self.out_offsets[v]) as usize
    }

    /// How many nodes cite `v`.
    pub fn in_degree(&self, v: usize) -> usize {
        (self.in_offsets[v + 1] - self.in_offsets[v]) as usize
    }

    /// Every edge `(citing, cited)`, sorted by citing then cited.
    pub fn edges(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        (0..self.node_count()).flat_map(move |v| self.out_neighbours(v).iter().map(move |&t| (v as u32, t)))
    }
}

/// Counts in `offsets[1..]` -> offsets: each entry becomes the sum of the counts before it.
fn prefix_sums(offsets: &mut [u32]) {
    for v in 1..offsets.len() {
        offsets[v] += offsets[v - 1];
    }
}

/// Nodes per block of rows sorted in parallel.
const ROW_BLOCK: usize = 4096;

/// Rows (`targets[offsets[v]..offsets[v + 1]]`) sorted, without duplicates, packed together:
/// their new offsets and targets.
fn sorted_distinct_rows(offsets: &[u32], mut targets: Vec<u32>) -> (Vec<u32>, Vec<u32>) {
    let node_count = offsets.len() - 1;
    let mut lengths = vec![0u32; node_count];
    // Blocks of rows, each with its offsets and its slice of the targets, sorted and
    // deduplicated in place.
    let mut blocks = Vec::with_capacity(node_count.div_ceil(ROW_BLOCK));
    let mut rest = targets.as_mut_slice();
    for (i, lengths) in lengths.chunks_mut(ROW_BLOCK).enumerate() {
        let offsets = &offsets[i * ROW_BLOCK..=i * ROW_BLOCK + lengths.len()];
        let (rows, tail) = std::mem::take(&mut rest).split_at_mut((offsets[offsets.len() - 1] - offsets[0]) as usize);
        rest = tail;
        blocks.push((offsets, rows, lengths));
    }
    blocks.into_par_iter().for_each(|(offsets, rows, lengths)| {
        let first = offsets[0];
        for (bounds, length) in offsets.windows(2).zip(lengths) {
            let row = &mut rows[(bounds[0] - first) as usize..(bounds[1] - first) as usize];
            row.sort_unstable();
            let mut kept = 0;
            for i in 0..row.len() {
                if kept == 0 || row[i] != row[kept - 1] {
                    row[kept] = row[i];
                    kept += 1;
                }
            }
            *length = kept as u32;
        }
    });
    if lengths.iter().map(|&length| length as usize).sum::<usize>() == targets.len() {
        return (offsets.to_vec(), targets); // no duplicates: nothing to pack
    }
    // Pack the rows (a row never moves right: only duplicates were dropped before it).
    let mut packed = vec![0u32; node_count + 1];
    let mut at = 0;
    for v in 0..node_count {
        let (start, length) = (offsets[v] as usize, lengths[v] as usize);
        targets.copy_within(start..start + length, at);
        at += length;
        packed[v + 1] = at as u32;
    }
    targets.truncate(at);
    (packed, targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_directions_are_sorted_and_duplicates_and_loops_go() {
        let (csr, report) = Csr::from_edges(4, [(2, 0), (0, 1), (0, 2), (2, 0), (3, 3), (1, 2), (3, 0)]);
        assert_eq!(report, CsrReport { duplicates: 1, self_loops: 1 });
        assert_eq!(csr.node_count(), 4);
        assert_eq!(csr.edge_count(), 5);
        assert_eq!(csr.out_neighbours(0), [1, 2]);
        assert_eq!(csr.out_neighbours(3), [0]);
        assert_eq!(csr.in_neighbours(0), [2, 3]);
        assert_eq!(csr.in_neighbours(2), [0, 1]);
        assert_eq!(csr.in_neighbours(3), [] as [u32; 0]);
        assert_eq!((csr.in_degree(0), csr.out_degree(0)), (2, 2));
        assert_eq!(csr.edges().collect::<Vec<_>>(), [(0, 1), (0, 2), (1, 2), (2, 0), (3, 0)]);
    }

    #[test]
    fn random_edges_in_parts_give_the_rows_of_their_distinct_pairs() {
        let mut rng = fastrand::Rng::with_seed(15);
        for _ in 0..50 {
            let n = rng.usize(1..40);
            let parts: Vec<Vec<(u32, u32)>> = (0..rng.usize(1..4))
                .map(|_| (0..rng.usize(0..120)).map(|_| (rng.u32(0..n as u32), rng.u32(0..n as u32))).collect())
                .collect();
            let (csr, report) = Csr::from_edge_parts(n, parts.clone());
            let all: Vec<(u32, u32)> = parts.iter().flatten().copied().collect();
            let distinct: std::collections::BTreeSet<(u32, u32)> =
                all.iter().copied().filter(|(s, t)| s != t).collect();
            assert_eq!(csr.edges().collect::<Vec<_>>(), distinct.iter().copied().collect::<Vec<_>>());
            let self_loops = all.iter().filter(|(s, t)| s == t).count();
            assert_eq!(report, CsrReport { duplicates: all.len() - self_loops - distinct.len(), self_loops });
            for v in 0..n as u32 {
                let citing: Vec<u32> = distinct.iter().filter(|e| e.1 == v).map(|e| e.0).collect();
                assert_eq!(csr.in_neighbours(v as usize), citing, "in-row of {v}");
            }
        }
    }

    #[test]
    fn an_empty_graph_has_no_rows() {
        let (csr, _) = Csr::from_edges(0, []);
        assert_eq!((csr.node_count(), csr.edge_count()), (0, 0));
        let (csr, _) = Csr::from_edges(3, []);
        assert_eq!(csr.node_count(), 3);
        assert!(csr.out_neighbours(2).is_empty());
    }
}
