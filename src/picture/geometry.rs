//! Pictures: the plane every picture is drawn in — points and axis-aligned rectangles in pixels
//! (y down), defined once for the layout, the label placement, the canvas and the scenes.

/// A point or vector.
pub type Point = [f64; 2];

/// An axis-aligned rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Rect {
    /// The rectangle with these corners.
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    /// Width.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// The middle.
    pub fn centre(&self) -> Point {
        [(self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0]
    }

    /// Whether the two share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// Whether `self` lies wholly inside `outer`.
    pub fn inside(&self, outer: &Rect) -> bool {
        self.x0 >= outer.x0 && self.y0 >= outer.y0 && self.x1 <= outer.x1 && self.y1 <= outer.y1
    }

    /// Whether the rectangle and the circle share any area.
    pub fn hits_circle(&self, centre: Point, radius: f64) -> bool {
        let nx = centre[0].clamp(self.x0, self.x1);
        let ny = centre[1].clamp(self.y0, self.y1);
        let (dx, dy) = (centre[0] - nx, centre[1] - ny);
        dx * dx + dy * dy < radius * radius
    }

    /// Distance from `p` to the rectangle (0 inside).
    pub fn distance(&self, p: Point) -> f64 {
        let q = self.nearest_point(p);
        (p[0] - q[0]).hypot(p[1] - q[1])
    }

    /// The point of the rectangle nearest to `p`.
    pub fn nearest_point(&self, p: Point) -> Point {
        [p[0].clamp(self.x0, self.x1), p[1].clamp(self.y0, self.y1)]
    }
}
