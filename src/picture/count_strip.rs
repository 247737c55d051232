//! Pictures: the timeline's count strip — under the bands, one pair of small bars per period of
//! the axis (a quarter, or a year or more on a long axis) counting the listed papers and the
//! candidates drawn in it, with the numbers written above: how the field grew, at a glance.

use super::canvas::{Align, Drawing};
use super::geometry::Rect;
use super::palette::{CANDIDATE_FILL, MUTED, Rgb};
use super::time_axis::TimeAxis;

/// Height of the strip: the numbers and the bars.
pub const STRIP: f64 = 62.0;
/// Fill of the listed papers' bars: a neutral slate, as the listed papers come in every
/// section's colour.
pub const LISTED_BAR: Rgb = Rgb(0x6F, 0x86, 0xA0);
/// Fill of the candidates' bars: the candidates' accent.
pub const CANDIDATE_BAR: Rgb = CANDIDATE_FILL;
/// Size of the numbers.
const NUMBER: f64 = 14.0;
/// Widest bar.
const MAX_BAR: f64 = 26.0;

/// What one period counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeriodCount {
    /// Start, as a fractional year.
    pub from: f64,
    /// End.
    pub to: f64,
    /// Its left end, in pixels.
    pub x0: f64,
    /// Its right end.
    pub x1: f64,
    /// Listed papers drawn in it.
    pub listed: usize,
    /// Candidates drawn in it.
    pub candidates: usize,
}

/// Papers drawn per period of `axis`: `drawn` gives each paper's time on the axis (`None`: not
/// drawn) and whether it is listed (`Some(true)`), a candidate (`Some(false)`) or neither (`None`,
/// not counted).
pub fn count(axis: &TimeAxis, drawn: &[(Option<f64>, Option<bool>)]) -> Vec<PeriodCount> {
    let mut periods: Vec<PeriodCount> = axis
        .periods()
        .into_iter()
        .map(|(from, to)| {
            let (x0, x1) = match axis.early {
                Some(z) if from < axis.from => (z.x0, z.x1),
                _ => (axis.x(from), axis.x(to)),
            };
            PeriodCount { from, to, x0, x1, listed: 0, candidates: 0 }
        })
        .collect();
    for &(time, listed) in drawn {
        let (Some(t), Some(listed)) = (time, listed) else { continue };
        let k = periods.iter().position(|p| t < p.to).unwrap_or(periods.len().saturating_sub(1));
        if let Some(p) = periods.get_mut(k) {
            if listed {
                p.listed += 1;
            } else {
                p.candidates += 1;
            }
        }
    }
    periods
}

/// Draws the strip in `area`: per period, the listed papers' bar left and the candidates' bar
/// right, heights on one scale, each count above its bar (nothing for none).
pub fn draw(drawing: &mut Drawing, periods: &[PeriodCount], area: Rect) {
    let most = periods.iter().map(|p| p.listed.max(p.candidates)).max().unwrap_or(0).max(1) as f64;
    let room = area.height() - NUMBER - 6.0;
    for p in periods {
        let width = ((p.x1 - p.x0 - 8.0) / 2.0).clamp(4.0, MAX_BAR);
        let centre = (p.x0 + p.x1) / 2.0;
        for (count, x0, fill, ink) in [
            (p.listed, centre - width - 1.0, LISTED_BAR, LISTED_BAR.shade(0.35)),
            (p.candidates, centre + 1.0, CANDIDATE_BAR, CANDIDATE_BAR),
        ] {
            if count == 0 {
                continue;
            }
            let h = (count as f64 / most * room).max(2.0);
            drawing.filled(Rect::new(x0, area.y1 - h, x0 + width, area.y1), fill, 1.0);
            let size = if width >= 12.0 { NUMBER } else { NUMBER * 0.8 };
            drawing.text(
                count.to_string(),
                [x0 + width / 2.0, area.y1 - h - 2.0 - size * 0.6],
                size,
                true,
                ink,
                Align::Centre,
            );
        }
    }
}

/// The key under the axis: a swatch and words for each bar, from `x` at height `y`; returns
/// where it ends.
pub fn draw_key(drawing: &mut Drawing, x: f64, y: f64, per: &str) -> f64 {
    let mut x = x;
    for (fill, words) in [(LISTED_BAR, format!("listed papers per {per}")), (CANDIDATE_BAR, "candidates".to_owned())] {
        drawing.filled(Rect::new(x, y - 6.0, x + 10.0, y + 6.0), fill, 1.0);
        drawing.text(words.as_str(), [x + 15.0, y], 13.0, false, MUTED, Align::Left);
        x += 15.0 + super::fonts::text_width(&words, 13.0, false) + 16.0;
    }
    x
}
