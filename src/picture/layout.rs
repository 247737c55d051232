//! Pictures: the force-directed layout of the literature map — ForceAtlas2 (Jacomy et
//! al. 2014, as in Gephi) with Barnes-Hut repulsion for large graphs — and the overlap removal
//! that runs once the layout is scaled to the canvas. Deterministic: no randomness but a seeded
//! generator, no hashing, a fixed number of iterations.

use super::geometry::Point;
use crate::defaults;

thread_local! {
    /// How many times [`force_atlas2`] has run on this thread.
    static RUNS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many layouts [`force_atlas2`] has computed on the calling thread so far: the layout is
/// the costly part of a picture, and a test counts it to show that one run lays the map out once
/// for both the SVG and the PNG. Per thread, so tests running side by side do not count each
/// other's layouts.
pub fn runs_on_this_thread() -> u64 {
    RUNS.with(std::cell::Cell::get)
}

/// Settings of [`force_atlas2`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutParams {
    /// Iterations to run.
    pub iterations: usize,
    /// Repulsion strength (`kr` in the paper).
    pub scaling: f64,
    /// Pull towards the centre (`kg`), so that parts not linked to the rest stay near.
    pub gravity: f64,
    /// Attraction grows with the logarithm of the distance (LinLog mode: tighter clusters).
    pub lin_log: bool,
    /// Barnes-Hut accuracy (larger is faster and coarser); used above [`LayoutParams::exact_up_to`].
    pub theta: f64,
    /// Up to this many nodes, repulsion is computed exactly between every pair.
    pub exact_up_to: usize,
    /// Seed of the jitter added to the starting positions.
    pub seed: u64,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams {
            iterations: defaults::LAYOUT_ITERATIONS,
            scaling: defaults::LAYOUT_SCALING,
            gravity: defaults::LAYOUT_GRAVITY,
            lin_log: defaults::LAYOUT_LIN_LOG,
            theta: defaults::LAYOUT_THETA,
            exact_up_to: defaults::LAYOUT_EXACT_UP_TO,
            seed: defaults::LAYOUT_SEED,
        }
    }
}

/// One weighted edge between node positions `a` and `b` (undirected for the layout).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spring {
    /// One end.
    pub a: usize,
    /// The other end.
    pub b: usize,
    /// Strength of the pull.
    pub weight: f64,
}

/// Lays out `start.len()` nodes joined by `springs`, starting from `start` (plus a small seeded
/// jitter, so that no two nodes coincide). Returns positions in layout units, centred on 0.
pub fn force_atlas2(start: &[Point], springs: &[Spring], params: &LayoutParams) -> Vec<Point> {
    RUNS.with(|runs| runs.set(runs.get() + 1));
    let n = start.len();
    if n == 0 {
        return Vec::new();
    }
    // Seeded, and pinned by Cargo.lock: the same input gives the same bytes.
    let mut rng = fastrand::Rng::with_seed(params.seed);
    let mut pos: Vec<Point> = start.iter().map(|p| [p[0] + rng.f64() - 0.5, p[1] + rng.f64() - 0.5]).collect();
    if n == 1 {
        return vec![[0.0, 0.0]];
    }
    let mut mass = vec![1.0; n];
    for s in springs {
        if s.a < n && s.b < n && s.a != s.b {
            mass[s.a] += 1.0;
            mass[s.b] += 1.0;
        }
    }

    let mut force = vec![[0.0; 2]; n];
    let mut old_force = vec![[0.0; 2]; n];
    let mut tree = QuadTree::default();
    let mut speed = 1.0;
    let mut speed_efficiency = 1.0;
    let jitter_tolerance = 1.0;

    for _ in 0..params.iterations {
        std::mem::swap(&mut force, &mut old_force);
        force.iter_mut().for_each(|f| *f = [0.0; 2]);

        // Repulsion: kr * m_i * m_j / d, along the line between the two nodes.
        if n <= params.exact_up_to {
            for i in 0..n {
                for j in (i + 1)..n {
                    let dx = pos[i][0] - pos[j][0];
                    let dy = pos[i][1] - pos[j][1];
                    let d2 = dx * dx + dy * dy;
                    if d2 > 0.0 {
                        let f = params.scaling * mass[i] * mass[j] / d2;
                        force[i][0] += dx * f;
                        force[i][1] += dy * f;
                        force[j][0] -= dx * f;
                        force[j][1] -= dy * f;
                    }
                }
            }
        } else {
            tree.build(&pos, &mass);
            for i in 0..n {
                let f = tree.repulsion(i, pos[i], mass[i], params.scaling, params.theta);
                force[i][0] += f[0];
                force[i][1] += f[1];
            }
        }

        // Gravity: kg * m towards the centre.
        for i in 0..n {
            let d = (pos[i][0] * pos[i][0] + pos[i][1] * pos[i][1]).sqrt();
            if d > 0.0 {
                let f = params.gravity * mass[i] / d;
                force[i][0] -= pos[i][0] * f;
                force[i][1] -= pos[i][1] * f;
            }
        }

        // Attraction along the springs: w * d (or w * log(1 + d) in LinLog mode).
        for s in springs {
            if s.a >= n || s.b >= n || s.a == s.b {
                continue;
            }
            let dx = pos[s.a][0] - pos[s.b][0];
            let dy = pos[s.a][1] - pos[s.b][1];
            let f = if params.lin_log {
                let d = (dx * dx + dy * dy).sqrt();
                if d > 0.0 { s.weight * (1.0 + d).ln() / d } else { 0.0 }
            } else {
                s.weight
            };
            force[s.a][0] -= dx * f;
            force[s.a][1] -= dy * f;
            force[s.b][0] += dx * f;
            force[s.b][1] += dy * f;
        }

        // Adaptive speed (Gephi's ForceAtlas2): fast while forces agree from one step to the
        // next, slower where nodes swing.
        let mut swinging_total = 0.0;
        let mut traction_total = 0.0;
        for i in 0..n {
            let sx = force[i][0] - old_force[i][0];
            let sy = force[i][1] - old_force[i][1];
            let tx = force[i][0] + old_force[i][0];
            let ty = force[i][1] + old_force[i][1];
            swinging_total += mass[i] * (sx * sx + sy * sy).sqrt();
            traction_total += mass[i] * 0.5 * (tx * tx + ty * ty).sqrt();
        }
        if swinging_total <= 0.0 || traction_total <= 0.0 {
            continue;
        }
        let nf = n as f64;
        let estimated = 0.05 * nf.sqrt();
        let min_jt = estimated.sqrt();
        let max_jt: f64 = 10.0;
        let mut jt = jitter_tolerance * min_jt.max(max_jt.min(estimated * traction_total / (nf * nf)));
        let min_speed_efficiency = 0.05;
        if swinging_total / traction_total > 2.0 {
            if speed_efficiency > min_speed_efficiency {
                speed_efficiency *= 0.5;
            }
            jt = jt.max(jitter_tolerance);
        }
        let target_speed = jt * speed_efficiency * traction_total / swinging_total;
        if swinging_total > jt * traction_total {
            if speed_efficiency > min_speed_efficiency {
                speed_efficiency *= 0.7;
            }
        } else if speed < 1000.0 {
            speed_efficiency *= 1.3;
        }
        let max_rise = 0.5;
        speed += (target_speed - speed).min(max_rise * speed);

        for i in 0..n {
            let sx = force[i][0] - old_force[i][0];
            let sy = force[i][1] - old_force[i][1];
            let swinging = mass[i] * (sx * sx + sy * sy).sqrt();
            let factor = speed / (1.0 + (speed * swinging).sqrt());
            pos[i][0] += force[i][0] * factor;
            pos[i][1] += force[i][1] * factor;
        }
    }

    // Centre on the mean.
    let cx = pos.iter().map(|p| p[0]).sum::<f64>() / n as f64;
    let cy = pos.iter().map(|p| p[1]).sum::<f64>() / n as f64;
    pos.iter().map(|p| [p[0] - cx, p[1] - cy]).collect()
}

/// A Barnes-Hut quadtree over the node positions, rebuilt every iteration into reused storage.
#[derive(Debug, Default)]
struct QuadTree {
    cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Centre and half side of the square.
    cx: f64,
    cy: f64,
    half: f64,
    /// Total mass and mass-weighted sum of positions.
    mass: f64,
    mx: f64,
    my: f64,
    /// Index of the first of four children in `cells`, or 0 for a leaf.
    children: u32,
    /// The single body of a leaf (`u32::MAX`: none, or several piled up at the depth limit).
    body: u32,
}

const NO_BODY: u32 = u32::MAX;
const MAX_DEPTH: u32 = 40;

impl Cell {
    fn new(cx: f64, cy: f64, half: f64) -> Cell {
        Cell { cx, cy, half, mass: 0.0, mx: 0.0, my: 0.0, children: 0, body: NO_BODY }
    }
}

impl QuadTree {
    fn build(&mut self, pos: &[Point], mass: &[f64]) {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in pos {
            x0 = x0.min(p[0]);
            y0 = y0.min(p[1]);
            x1 = x1.max(p[0]);
            y1 = y1.max(p[1]);
        }
        let half = ((x1 - x0).max(y1 - y0) / 2.0).max(1e-9) * 1.0001;
        self.cells.clear();
        self.cells.push(Cell::new((x0 + x1) / 2.0, (y0 + y1) / 2.0, half));
        for (i, p) in pos.iter().enumerate() {
            self.insert(i as u32, *p, mass[i], pos);
        }
    }

    fn quadrant(cell: &Cell, p: Point) -> u32 {
        u32::from(p[0] >= cell.cx) + 2 * u32::from(p[1] >= cell.cy)
    }

    fn insert(&mut self, body: u32, p: Point, m: f64, pos: &[Point]) {
        let mut index = 0usize;
        let mut depth = 0;
        loop {
            let cell = self.cells[index];
            let had_mass = cell.mass > 0.0;
            {
                let c = &mut self.cells[index];
                c.mass += m;
                c.mx += m * p[0];
                c.my += m * p[1];
            }
            if cell.children != 0 {
                index = (cell.children + Self::quadrant(&cell, p)) as usize;
                depth += 1;
                continue;
            }
            if !had_mass {
                self.cells[index].body = body;
                return;
            }
            if depth >= MAX_DEPTH {
                // Bodies piled on one spot: keep them as one aggregate leaf.
                self.cells[index].body = NO_BODY;
                return;
            }
            // Split the leaf and push its old body down one level; then go on with the new body.
            let first = self.cells.len() as u32;
            let q = cell.half / 2.0;
            for k in 0..4u32 {
                let cx = cell.cx + if k & 1 == 1 { q } else { -q };
                let cy = cell.cy + if k & 2 == 2 { q } else { -q };
                self.cells.push(Cell::new(cx, cy, q));
            }
            self.cells[index].children = first;
            let old = cell.body;
            self.cells[index].body = NO_BODY;
            if old != NO_BODY {
                let op = pos[old as usize];
                let child = (first + Self::quadrant(&cell, op)) as usize;
                let old_mass = cell.mass;
                let c = &mut self.cells[child];
                c.mass = old_mass;
                c.mx = old_mass * op[0];
                c.my = old_mass * op[1];
                c.body = old;
            }
            index = (first + Self::quadrant(&cell, p)) as usize;
            depth += 1;
        }
    }

    fn repulsion(&self, body: usize, p: Point, m: f64, kr: f64, theta: f64) -> Point {
        let mut f = [0.0; 2];
        let mut stack: Vec<usize> = vec![0];
        while let Some(index) = stack.pop() {
            let cell = &self.cells[index];
            if cell.mass <= 0.0 || (cell.children == 0 && cell.body == body as u32) {
                continue;
            }
            let (cx, cy) = (cell.mx / cell.mass, cell.my / cell.mass);
            let dx = p[0] - cx;
            let dy = p[1] - cy;
            let d2 = dx * dx + dy * dy;
            let leaf = cell.children == 0;
            if leaf || (2.0 * cell.half) * (2.0 * cell.half) < theta * theta * d2 {
                if d2 > 0.0 {
                    let mut other = cell.mass;
                    if leaf && cell.body == NO_BODY {
                        // An aggregate leaf may hold this body itself: leave its own mass out.
                        other = (other - m).max(0.0);
                    }
                    let s = kr * m * other / d2;
                    f[0] += dx * s;
                    f[1] += dy * s;
                }
            } else {
                let first = cell.children as usize;
                stack.extend(first..first + 4);
            }
        }
        f
    }
}

/// Pushes apart circles (`centres`, `radii`, in pixels) that overlap or come closer than `gap`,
/// keeping every centre inside `[x0, x1] x [y0, y1]`. A few sweeps of pairwise separation: cheap
/// for the few hundred nodes a map shows, and bounded for large ones.
pub fn remove_overlaps(centres: &mut [Point], radii: &[f64], gap: f64, bounds: [f64; 4], sweeps: usize) {
    let n = centres.len();
    let [x0, y0, x1, y1] = bounds;
    let clamp = |p: &mut Point, r: f64| {
        p[0] = p[0].clamp(x0 + r, (x1 - r).max(x0 + r));
        p[1] = p[1].clamp(y0 + r, (y1 - r).max(y0 + r));
    };
    // Only pairs whose rows are near can touch: sort by y and stop scanning early.
    let max_r = radii.iter().copied().fold(0.0, f64::max);
    for _ in 0..sweeps {
        let mut moved = false;
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| centres[a][1].total_cmp(&centres[b][1]).then(a.cmp(&b)));
        for (k, &i) in order.iter().enumerate() {
            for &j in &order[k + 1..] {
                if centres[j][1] - centres[i][1] > radii[i] + max_r + gap {
                    break;
                }
                let dx = centres[j][0] - centres[i][0];
                let dy = centres[j][1] - centres[i][1];
                let want = radii[i] + radii[j] + gap;
                let d2 = dx * dx + dy * dy;
                if d2 >= want * want {
                    continue;
                }
                let d = d2.sqrt();
                let (ux, uy) =
                    if d > 1e-9 { (dx / d, dy / d) } else { ((i as f64 + 1.0).cos(), (i as f64 + 1.0).sin()) };
                let push = (want - d) / 2.0 + 0.01;
                centres[i][0] -= ux * push;
                centres[i][1] -= uy * push;
                centres[j][0] += ux * push;
                centres[j][1] += uy * push;
                clamp(&mut centres[i], radii[i]);
                clamp(&mut centres[j], radii[j]);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(n: usize) -> Vec<Point> {
        (0..n).map(|i| [(i as f64).cos() * 10.0, (i as f64).sin() * 10.0]).collect()
    }

    fn two_cliques(k: usize) -> Vec<Spring> {
        let mut springs = Vec::new();
        for base in [0, k] {
            for a in base..base + k {
                for b in a + 1..base + k {
                    springs.push(Spring { a, b, weight: 1.0 });
                }
            }
        }
        springs.push(Spring { a: 0, b: k, weight: 1.0 });
        springs
    }

    fn mean_distance(pos: &[Point], a: std::ops::Range<usize>, b: std::ops::Range<usize>) -> f64 {
        let mut total = 0.0;
        let mut count = 0.0;
        for i in a {
            for j in b.clone() {
                total += ((pos[i][0] - pos[j][0]).powi(2) + (pos[i][1] - pos[j][1]).powi(2)).sqrt();
                count += 1.0;
            }
        }
        total / count
    }

    #[test]
    fn linked_groups_end_up_apart_and_the_layout_is_repeatable() {
        let k = 12;
        let springs = two_cliques(k);
        let start = ring(2 * k);
        let params = LayoutParams::default();
        let pos = force_atlas2(&start, &springs, &params);
        assert_eq!(pos, force_atlas2(&start, &springs, &params), "same input, same layout");
        let within = mean_distance(&pos, 0..k, 0..k);
        let between = mean_distance(&pos, 0..k, k..2 * k);
        assert!(between > 1.8 * within, "between {between} within {within}");
    }

    #[test]
    fn barnes_hut_gives_the_same_picture_as_exact_repulsion() {
        let k = 40;
        let springs = two_cliques(k);
        let start = ring(2 * k);
        let exact =
            force_atlas2(&start, &springs, &LayoutParams { exact_up_to: usize::MAX, ..LayoutParams::default() });
        let approx = force_atlas2(&start, &springs, &LayoutParams { exact_up_to: 0, ..LayoutParams::default() });
        for pos in [&exact, &approx] {
            let within = mean_distance(pos, 0..k, 0..k);
            let between = mean_distance(pos, 0..k, k..2 * k);
            assert!(between > 1.8 * within, "between {between} within {within}");
        }
        let scale = mean_distance(&exact, 0..2 * k, 0..2 * k) / mean_distance(&approx, 0..2 * k, 0..2 * k);
        assert!((0.8..1.25).contains(&scale), "similar extent: {scale}");
    }

    #[test]
    fn piled_up_nodes_do_not_break_the_quadtree() {
        let start = vec![[0.0, 0.0]; 50];
        let pos =
            force_atlas2(&start, &[], &LayoutParams { exact_up_to: 0, iterations: 50, ..LayoutParams::default() });
        assert!(pos.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
    }

    #[test]
    fn overlap_removal_separates_circles_and_keeps_them_inside() {
        let mut centres = vec![[50.0, 50.0]; 20];
        let radii = vec![5.0; 20];
        remove_overlaps(&mut centres, &radii, 2.0, [0.0, 0.0, 100.0, 100.0], 200);
        for i in 0..20 {
            assert!(centres[i][0] >= 5.0 && centres[i][0] <= 95.0 && centres[i][1] >= 5.0 && centres[i][1] <= 95.0);
            for j in i + 1..20 {
                let d = (centres[i][0] - centres[j][0]).hypot(centres[i][1] - centres[j][1]);
                assert!(d >= 10.0, "{i} {j} {d}");
            }
        }
    }
}
