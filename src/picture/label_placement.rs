//! Pictures: label placement shared by the map and the timeline. Greedy, in priority
//! order: each label tries positions around its node, nearest first, and takes the cheapest one
//! that overlaps no label placed before it and stays inside the drawing area; covering other
//! nodes costs, so labels avoid them when they can.

use super::geometry::{Point, Rect};

/// A label to place: a box of `width` x `height` next to the circle at `anchor`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelRequest {
    /// Centre of the node it names.
    pub anchor: Point,
    /// Radius of that node.
    pub radius: f64,
    /// Box width.
    pub width: f64,
    /// Box height.
    pub height: f64,
    /// Where this label must stay, besides the overall area (the timeline keeps labels in
    /// their band).
    pub within: Option<Rect>,
}

/// Where a label went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// Its box.
    pub rect: Rect,
    /// The box is away from its node: draw a leader line.
    pub leader: bool,
}

/// An obstacle labels should avoid: a node circle and how much covering it costs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Obstacle {
    /// Centre.
    pub centre: Point,
    /// Radius.
    pub radius: f64,
    /// Cost of covering it.
    pub weight: f64,
}

/// Rings of positions tried around a node, each farther out.
const RINGS: usize = 32;

/// Places `requests` in order (earlier ones win). `obstacles[i]` for `i < requests.len()` may be
/// the request's own node: a label never pays for its own node. Returns one placement per request,
/// `None` where no position fits (the label is left out rather than overlap).
pub fn place_labels(
    requests: &[LabelRequest],
    obstacles: &[Obstacle],
    own: &[Option<usize>],
    area: Rect,
) -> Vec<Option<Placement>> {
    place_labels_among(requests, obstacles, own, area, &[])
}

/// As [`place_labels`], around the labels already `taken`. A label never covers the circle of an
/// obstacle of weight 1 or more (a listed paper or a candidate) other than its own.
pub fn place_labels_among(
    requests: &[LabelRequest],
    obstacles: &[Obstacle],
    own: &[Option<usize>],
    area: Rect,
    taken: &[Rect],
) -> Vec<Option<Placement>> {
    let mut placed: Vec<Rect> = taken.to_vec();
    let mut out = Vec::with_capacity(requests.len());
    // Coarse grid over the obstacles, so large graphs stay fast.
    let grid = Grid::new(obstacles, area);
    for (index, request) in requests.iter().enumerate() {
        let own_obstacle = own.get(index).copied().flatten();
        let mut best: Option<(f64, Placement)> = None;
        for ring in 0..RINGS {
            let step = if request.within.is_some() { 0.9 } else { 0.6 };
            let gap = 3.0 + ring as f64 * request.height.max(8.0) * step;
            for (order, rect) in positions(request, gap).into_iter().enumerate() {
                if !rect.inside(&area)
                    || request.within.is_some_and(|w| !rect.inside(&w))
                    || placed.iter().any(|p| p.overlaps(&rect))
                {
                    continue;
                }
                let hit: Vec<usize> = grid
                    .near(&rect)
                    .filter(|&k| Some(k) != own_obstacle)
                    .filter(|&k| rect.hits_circle(obstacles[k].centre, obstacles[k].radius + 1.0))
                    .collect();
                if hit.iter().any(|&k| obstacles[k].weight >= 1.0) {
                    continue;
                }
                let covered: f64 = hit.iter().map(|&k| obstacles[k].weight).sum();
                // A label nearer to another node than to its own reads as that node's label.
                let own_distance = rect.distance(request.anchor) - request.radius;
                let reach = own_distance + 2.0;
                let ambiguous = grid
                    .near(&Rect::new(rect.x0 - reach, rect.y0 - reach, rect.x1 + reach, rect.y1 + reach))
                    .filter(|&k| Some(k) != own_obstacle && obstacles[k].weight >= 1.0)
                    .filter(|&k| rect.distance(obstacles[k].centre) - obstacles[k].radius < own_distance)
                    .count() as f64;
                let cost = covered * 10.0 + ambiguous * 8.0 + ring as f64 * 6.0 + order as f64 * 0.4;
                if best.is_none_or(|(c, _)| cost < c) {
                    best = Some((cost, Placement { rect, leader: ring > 0 }));
                }
            }
            // A free spot at this distance beats anything farther out.
            if best.is_some_and(|(c, _)| c < (ring as f64 + 1.0) * 6.0) {
                break;
            }
        }
        match best {
            Some((_, placement)) => {
                placed.push(placement.rect);
                out.push(Some(placement));
            }
            None => out.push(None),
        }
    }
    out
}

/// Candidate boxes at distance `gap` from the node's edge: right, left, the four diagonals, right
/// and left shifted up and down, then centred above and below.
fn positions(r: &LabelRequest, gap: f64) -> Vec<Rect> {
    let [x, y] = r.anchor;
    let (w, h) = (r.width, r.height);
    let d = r.radius + gap;
    let diag = d * std::f64::consts::FRAC_1_SQRT_2;
    let at = |x0: f64, y0: f64| Rect::new(x0, y0, x0 + w, y0 + h);
    let mut all = vec![
        at(x + d, y - h / 2.0),
        at(x - d - w, y - h / 2.0),
        at(x + diag, y - diag - h),
        at(x + diag, y + diag),
        at(x - diag - w, y - diag - h),
        at(x - diag - w, y + diag),
        at(x + d, y - h * 1.2),
        at(x + d, y + h * 0.2),
        at(x - d - w, y - h * 1.2),
        at(x - d - w, y + h * 0.2),
        at(x - w / 2.0, y - d - h),
        at(x - w / 2.0, y + d),
        at(x - w * 0.1, y - d - h),
        at(x - w * 0.9, y - d - h),
        at(x - w * 0.1, y + d),
        at(x - w * 0.9, y + d),
        at(x - w * 0.3, y - d - h),
        at(x - w * 0.7, y - d - h),
        at(x - w * 0.3, y + d),
        at(x - w * 0.7, y + d),
        at(x + d, y - h * 2.2),
        at(x + d, y + h * 1.2),
        at(x - d - w, y - h * 2.2),
        at(x - d - w, y + h * 1.2),
    ];
    // A label confined to an area (the timeline's rows) keeps to the first twelve.
    if r.within.is_some() {
        all.truncate(12);
    }
    all
}

/// Obstacles bucketed by cell, to find those near a box quickly.
struct Grid {
    origin: Point,
    cell: f64,
    cols: usize,
    rows: usize,
    buckets: Vec<Vec<usize>>,
}

impl Grid {
    fn new(obstacles: &[Obstacle], area: Rect) -> Grid {
        let cell = 64.0;
        let cols = ((area.width() / cell).ceil() as usize).clamp(1, 4096);
        let rows = ((area.height() / cell).ceil() as usize).clamp(1, 4096);
        let mut grid = Grid { origin: [area.x0, area.y0], cell, cols, rows, buckets: vec![Vec::new(); cols * rows] };
        for (k, o) in obstacles.iter().enumerate() {
            let r = o.radius + 1.0;
            let (c0, r0, c1, r1) =
                grid.span(&Rect::new(o.centre[0] - r, o.centre[1] - r, o.centre[0] + r, o.centre[1] + r));
            for row in r0..=r1 {
                for col in c0..=c1 {
                    grid.buckets[row * cols + col].push(k);
                }
            }
        }
        grid
    }

    fn span(&self, rect: &Rect) -> (usize, usize, usize, usize) {
        let col = |x: f64| (((x - self.origin[0]) / self.cell).floor().max(0.0) as usize).min(self.cols - 1);
        let row = |y: f64| (((y - self.origin[1]) / self.cell).floor().max(0.0) as usize).min(self.rows - 1);
        (col(rect.x0), row(rect.y0), col(rect.x1), row(rect.y1))
    }

    /// Obstacles in the cells the box touches (each once).
    fn near(&self, rect: &Rect) -> impl Iterator<Item = usize> + '_ {
        let (c0, r0, c1, r1) = self.span(rect);
        let mut found: Vec<usize> = Vec::new();
        for row in r0..=r1 {
            for col in c0..=c1 {
                found.extend(&self.buckets[row * self.cols + col]);
            }
        }
        found.sort_unstable();
        found.dedup();
        found.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crowded_labels_never_overlap_and_stay_inside() {
        let area = Rect::new(0.0, 0.0, 400.0, 300.0);
        let requests: Vec<LabelRequest> = (0..30)
            .map(|i| LabelRequest {
                anchor: [150.0 + (i % 5) as f64 * 20.0, 120.0 + (i / 5) as f64 * 12.0],
                radius: 4.0,
                width: 90.0,
                height: 14.0,
                within: None,
            })
            .collect();
        let obstacles: Vec<Obstacle> =
            requests.iter().map(|r| Obstacle { centre: r.anchor, radius: r.radius, weight: 1.0 }).collect();
        let own: Vec<Option<usize>> = (0..30).map(Some).collect();
        let placed = place_labels(&requests, &obstacles, &own, area);
        let rects: Vec<Rect> = placed.iter().flatten().map(|p| p.rect).collect();
        assert!(rects.len() >= 20, "most labels fit: {}", rects.len());
        for (i, a) in rects.iter().enumerate() {
            assert!(a.inside(&area));
            for b in &rects[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_lone_label_sits_right_of_its_node() {
        let area = Rect::new(0.0, 0.0, 400.0, 300.0);
        let request = LabelRequest { anchor: [100.0, 100.0], radius: 5.0, width: 50.0, height: 10.0, within: None };
        let placed = place_labels(&[request], &[], &[None], area);
        let p = placed[0].unwrap();
        assert!(!p.leader);
        assert_eq!(p.rect, Rect::new(108.0, 95.0, 158.0, 105.0));
    }

    #[test]
    fn a_label_that_cannot_fit_is_left_out() {
        let area = Rect::new(0.0, 0.0, 40.0, 40.0);
        let request = LabelRequest { anchor: [20.0, 20.0], radius: 5.0, width: 100.0, height: 10.0, within: None };
        assert_eq!(place_labels(&[request], &[], &[None], area), vec![None]);
    }
}
