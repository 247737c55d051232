//! Pictures: the timeline's time axis — fitted to the papers' dates (from the quarter before the
//! first to the quarter after the last, or after the date the list says it was updated), a
//! sparse lead-in of old papers compressed behind a break, year and quarter ticks, and the
//! periods the count strip counts by.

use super::fonts::text_width;

/// Width of the zone at the left that holds a compressed lead-in of old papers.
pub const EARLY_ZONE: f64 = 150.0;
/// Size of the year labels.
pub const YEAR_LABEL: f64 = 15.0;
/// The main axis spans at least this many years, so that a list of a few weeks is not stretched
/// over the whole width.
const MIN_SPAN: f64 = 1.0;
/// At most this share of the papers may go into the compressed lead-in...
const EARLY_SHARE: f64 = 0.3;
/// ... and only when it would otherwise take at least this share of the width.
const MIN_LEAD: f64 = 0.3;
/// ... and only when it holds at most this many papers per year for each per year after it.
const SPARSER: f64 = 1.0 / 3.0;
/// A count strip period is at least this wide, so that its bars and numbers stay readable.
const MIN_PERIOD_PX: f64 = 40.0;
/// Quarter ticks are drawn when a quarter is at least this wide.
const MIN_QUARTER_PX: f64 = 14.0;

/// The stretch of time a paper may lie in: a point for a full date, its month or its year when
/// only that is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// Earliest, as a fractional year (`2024.0` is 1 January 2024).
    pub lo: f64,
    /// Latest.
    pub hi: f64,
}

/// The compressed zone of old papers at the left, behind a break in the axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EarlyZone {
    /// First year it holds.
    pub first: i32,
    /// Last year it holds.
    pub last: i32,
    /// Its left end, in pixels.
    pub x0: f64,
    /// Its right end.
    pub x1: f64,
    /// Where the axis breaks.
    pub gap_at: f64,
}

/// The x axis of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeAxis {
    /// Start of the main axis, as a fractional year (a quarter boundary).
    pub from: f64,
    /// End of the main axis (a quarter boundary).
    pub to: f64,
    /// Pixel of `from`.
    pub x0: f64,
    /// Pixel of `to`.
    pub x1: f64,
    /// The compressed lead-in, when there is one.
    pub early: Option<EarlyZone>,
    /// The years whose first day has a tick on the main axis.
    pub years: Vec<i32>,
    /// Quarter boundaries (other than years) with a lighter tick; empty when quarters are too narrow.
    pub quarters: Vec<f64>,
    /// Year labels: text and x (centred in the year's part of the axis, or on the tick when the
    /// years are too narrow for that).
    pub labels: Vec<(String, f64)>,
    /// Length in years of a period of the count strip: a quarter, else a year or more.
    pub period: f64,
}

fn quarter_floor(t: f64) -> f64 {
    (t * 4.0 + 1e-9).floor() / 4.0
}

fn quarter_ceil(t: f64) -> f64 {
    (t * 4.0 - 1e-9).ceil() / 4.0
}

impl TimeAxis {
    /// The axis for papers in these `spans` and `others` (papers that widen the axis at the
    /// right but go behind the break at the left: the full graph's other papers), and the
    /// list's `updated` date (a fractional year), drawn between the pixels `left` and `right`
    /// with `pad` pixels kept free at each end.
    ///
    /// The main axis runs from the quarter boundary at or before the first paper to the one at
    /// or after the last paper (or the updated date when later): a stretch with no paper would
    /// only push the papers together. A sparse lead-in of older papers (at most 30% of them, at
    /// most a third as many per year as after it) that would take a third of the width or more
    /// goes into a zone of its own at the left,
    /// behind a break: the older work then neither squeezes the field into a corner nor drops
    /// out. Of the possible cuts, the one that frees the largest share of the width for the
    /// smallest share of papers moved (the difference of the two) wins: a lead-in as dense as
    /// the rest stays on the axis.
    pub fn fit(spans: &[Span], others: &[Span], updated: Option<f64>, left: f64, right: f64, pad: f64) -> TimeAxis {
        let finite = |s: &&Span| s.lo.is_finite() && s.hi.is_finite();
        let mut order: Vec<Span> = spans.iter().filter(finite).copied().collect();
        let others: Vec<Span> = others.iter().filter(finite).copied().collect();
        if order.is_empty() {
            order = others.clone();
        }
        order.sort_by(|a, b| a.lo.total_cmp(&b.lo).then(a.hi.total_cmp(&b.hi)));
        let (Some(first), Some(last)) = (order.first().copied(), order.iter().map(|s| s.hi).reduce(f64::max)) else {
            return TimeAxis::span(2000.0, 2001.0, None, left + pad, right - pad);
        };
        let natural = quarter_floor(first.lo);
        let last = others.iter().map(|s| s.hi).fold(last, f64::max);
        let mut to = quarter_ceil(last.max(updated.unwrap_or(f64::MIN)).max(first.lo + 0.01));

        let n = order.len();
        let most = ((n as f64 * EARLY_SHARE).floor() as usize).max(1).min(n - 1);
        let mut best: Option<(f64, usize, f64)> = None;
        let mut early_end = f64::MIN;
        for k in 1..=most {
            early_end = early_end.max(order[k - 1].hi);
            let start = quarter_floor(order[k].lo);
            if start < early_end {
                continue;
            }
            let freed = (start - natural) / (to - natural);
            let score = freed - k as f64 / n as f64;
            // Papers per year before the cut and after it: only a sparse lead-in is cut off.
            let sparse = k as f64 / (start - natural) <= SPARSER * (n - k) as f64 / (to - start);
            if freed >= MIN_LEAD && sparse && score > 0.0 && best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, k, start));
            }
        }
        let (from, k) = best.map_or((natural, 0), |(_, k, start)| (start, k));
        // The zone holds the lead-in cut off, and the other papers older than the main axis.
        let older: Vec<Span> = order[..k].iter().chain(others.iter().filter(|s| s.lo < from)).copied().collect();
        let early = (!older.is_empty()).then(|| EarlyZone {
            first: older.iter().map(|s| s.lo).fold(f64::MAX, f64::min).floor() as i32,
            last: (older.iter().map(|s| s.hi).fold(f64::MIN, f64::max).min(from) - 1e-9).floor() as i32,
            x0: left + pad,
            x1: left + EARLY_ZONE - pad,
            gap_at: left + EARLY_ZONE,
        });
        let mut from = from;
        // Too short a span: widen it a quarter at a time, alternately at each end (at the left
        // only down to the papers behind the break).
        let floor = older.iter().map(|s| quarter_ceil(s.hi)).fold(f64::MIN, f64::max);
        let mut widen_left = true;
        while to - from < MIN_SPAN - 1e-9 {
            if widen_left && from - 0.25 >= floor {
                from -= 0.25;
            } else {
                to += 0.25;
            }
            widen_left = !widen_left;
        }
        let x0 = early.map_or(left, |z| z.gap_at + 8.0) + pad;
        TimeAxis::span(from, to, early, x0, right - pad)
    }

    /// The axis from `from` to `to` between the pixels `x0` and `x1`, with its ticks and labels.
    fn span(from: f64, to: f64, early: Option<EarlyZone>, x0: f64, x1: f64) -> TimeAxis {
        let per_year = (x1 - x0) / (to - from);
        let step = [1, 2, 5, 10, 20, 50].into_iter().find(|&s| per_year * f64::from(s) >= 60.0).unwrap_or(100);
        let first_year = from.ceil() as i32;
        let last_year = to.floor() as i32;
        let years: Vec<i32> = (first_year..=last_year).filter(|y| y % step == 0).collect();
        let quarters = if per_year / 4.0 >= MIN_QUARTER_PX {
            let q0 = (from * 4.0).round() as i64;
            let q1 = (to * 4.0).round() as i64;
            (q0..=q1).filter(|q| q % 4 != 0).map(|q| q as f64 / 4.0).collect()
        } else {
            Vec::new()
        };
        let mut axis = TimeAxis { from, to, x0, x1, early, years, quarters, labels: Vec::new(), period: 0.25 };
        axis.period = [0.25, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0]
            .into_iter()
            .find(|&p| per_year * p >= MIN_PERIOD_PX)
            .unwrap_or(100.0);
        axis.labels = if step == 1 {
            // Each year named in the middle of its part of the axis, where its papers are; a
            // year too short a part to hold its name goes unnamed.
            (from.floor() as i32..=(to - 1e-9).floor() as i32)
                .filter_map(|y| {
                    let (a, b) = (f64::from(y).max(from), f64::from(y + 1).min(to));
                    let (xa, xb) = (axis.x(a), axis.x(b));
                    let text = y.to_string();
                    (xb - xa >= text_width(&text, YEAR_LABEL, false) + 12.0).then(|| (text, (xa + xb) / 2.0))
                })
                .collect()
        } else {
            axis.years.iter().map(|&y| (y.to_string(), axis.x(f64::from(y)))).collect()
        };
        axis
    }

    /// The x of a fractional year.
    pub fn x(&self, t: f64) -> f64 {
        match self.early {
            Some(z) if t < self.from => {
                let span = (f64::from(z.last) + 1.0 - f64::from(z.first)).max(1.0);
                z.x0 + ((t - f64::from(z.first)) / span).clamp(0.0, 1.0) * (z.x1 - z.x0)
            }
            _ => self.x0 + (t - self.from) / (self.to - self.from) * (self.x1 - self.x0),
        }
    }

    /// The periods of the count strip, left to right, each as (start, end) in fractional years:
    /// the lead-in zone as one, then the main axis cut at multiples of [`TimeAxis::period`].
    pub fn periods(&self) -> Vec<(f64, f64)> {
        let mut out = Vec::new();
        if let Some(z) = self.early {
            out.push((f64::from(z.first), self.from));
        }
        let mut start = self.from;
        while start < self.to - 1e-9 {
            let end = (((start + 1e-9) / self.period).floor() + 1.0) * self.period;
            let end = end.min(self.to);
            out.push((start, end));
            start = end;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(ts: &[f64]) -> Vec<Span> {
        ts.iter().map(|&t| Span { lo: t, hi: t }).collect()
    }

    #[test]
    fn the_axis_starts_and_ends_at_the_quarters_around_the_papers() {
        let axis = TimeAxis::fit(&points(&[2022.42, 2023.1, 2024.9]), &[], None, 0.0, 1000.0, 10.0);
        assert_eq!((axis.from, axis.to, axis.early), (2022.25, 2025.0, None));
        assert_eq!(axis.years, [2023, 2024, 2025]);
        assert_eq!(axis.labels.iter().map(|l| l.0.as_str()).collect::<Vec<_>>(), ["2022", "2023", "2024"]);
        assert!(axis.quarters.contains(&2022.5) && !axis.quarters.contains(&2023.0));
        assert_eq!(axis.period, 0.25);
        assert_eq!(axis.periods().first(), Some(&(2022.25, 2022.5)));
        assert_eq!(axis.periods().len(), 11);
        // The list's updated date, when later, ends the axis.
        let axis = TimeAxis::fit(&points(&[2022.42, 2023.1]), &[], Some(2024.37), 0.0, 1000.0, 10.0);
        assert_eq!(axis.to, 2024.5);
    }

    #[test]
    fn a_few_old_papers_go_behind_a_break_and_a_short_list_gets_a_year() {
        let mut ts = vec![2015.5];
        ts.extend((0..12).map(|i| 2023.0 + f64::from(i) / 12.0));
        let axis = TimeAxis::fit(&points(&ts), &[], None, 0.0, 1000.0, 10.0);
        let zone = axis.early.expect("a break");
        assert_eq!((zone.first, zone.last, axis.from), (2015, 2015, 2023.0));
        assert!(axis.x(2015.5) < zone.gap_at && axis.x(2023.0) > zone.gap_at);
        // A lead-in that holds many papers stays on the axis.
        let spread: Vec<f64> = (0..40).map(|i| 2015.0 + f64::from(i) * 0.25).collect();
        assert_eq!(TimeAxis::fit(&points(&spread), &[], None, 0.0, 1000.0, 10.0).early, None);
        // Three papers of one month: a year around them.
        let axis = TimeAxis::fit(&points(&[2023.42, 2023.42, 2023.43]), &[], None, 0.0, 1000.0, 10.0);
        assert!((axis.to - axis.from - 1.0).abs() < 1e-9 && axis.from <= 2023.42 && axis.to >= 2023.43);
    }

    #[test]
    fn other_papers_widen_the_axis_at_the_right_and_wait_behind_the_break_at_the_left() {
        let core = points(&[2023.1, 2023.5, 2024.2]);
        let axis = TimeAxis::fit(&core, &points(&[2001.5, 2024.6]), None, 0.0, 1000.0, 10.0);
        let zone = axis.early.expect("a break");
        assert_eq!((zone.first, axis.from, axis.to), (2001, 2023.0, 2024.75));
        assert!(axis.x(2001.5) < zone.gap_at);
    }
}
