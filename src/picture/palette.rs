//! Pictures: the colours every picture agrees on — one per list section, grey for papers not on
//! the list, ink for text, the greys of the citation lines.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#RRGGBB`.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// This colour mixed with white: `amount` 0 keeps it, 1 gives white.
    pub fn tint(self, amount: f64) -> Rgb {
        let mix = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * amount).round().clamp(0.0, 255.0) as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }

    /// This colour mixed with black: `amount` 0 keeps it, 1 gives black.
    pub fn shade(self, amount: f64) -> Rgb {
        let mix = |c: u8| (f64::from(c) * (1.0 - amount)).round().clamp(0.0, 255.0) as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// Section colours, in list order: Tableau 10 without its grey (grey means "not on the list"),
/// distinct for readers with the common colour-vision deficiencies in the first six.
pub const SECTION_COLOURS: [Rgb; 9] = [
    Rgb(0x4E, 0x79, 0xA7), // blue
    Rgb(0xF2, 0x8E, 0x2B), // orange
    Rgb(0x59, 0xA1, 0x4F), // green
    Rgb(0xE1, 0x57, 0x59), // red
    Rgb(0xB0, 0x7A, 0xA1), // purple
    Rgb(0x76, 0xB7, 0xB2), // teal
    Rgb(0xED, 0xC9, 0x48), // yellow
    Rgb(0xFF, 0x9D, 0xA7), // pink
    Rgb(0x9C, 0x75, 0x5F), // brown
];

/// Fill of papers not on the list (the candidates).
pub const CANDIDATE_FILL: Rgb = Rgb(0xB4, 0xB4, 0xB4);
/// Outline of the candidates.
pub const CANDIDATE_STROKE: Rgb = Rgb(0x6E, 0x6E, 0x6E);
/// Fill of other papers (only with `--full-graph`).
pub const CONTEXT_FILL: Rgb = Rgb(0xD9, 0xD9, 0xD9);
/// Text.
pub const INK: Rgb = Rgb(0x1E, 0x1E, 0x1E);
/// Secondary text.
pub const MUTED: Rgb = Rgb(0x5A, 0x5A, 0x5A);
/// Ordinary citation lines.
pub const EDGE: Rgb = Rgb(0x9A, 0x9A, 0x9A);
/// Influential citation lines.
pub const EDGE_INFLUENTIAL: Rgb = Rgb(0x4A, 0x4A, 0x4A);

/// The colour of section number `index` (colours repeat, darker, after nine sections).
pub fn section_colour(index: usize) -> Rgb {
    let base = SECTION_COLOURS[index % SECTION_COLOURS.len()];
    match index / SECTION_COLOURS.len() {
        0 => base,
        round => base.shade((0.25 * round as f64).min(0.6)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_stay_distinct_past_the_palette() {
        assert_eq!(section_colour(0).hex(), "#4E79A7");
        assert_ne!(section_colour(0), section_colour(9));
        assert_eq!(Rgb(0, 0, 0).tint(1.0), Rgb(255, 255, 255));
    }
}
