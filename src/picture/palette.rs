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

/// Section colours, in list order: the Okabe-Ito palette without its black (black is the
/// candidates' accent), made to stay apart under the common colour-vision deficiencies. Each
/// section also has a letter ([`section_letter`]) drawn in its circles, so sections survive
/// greyscale printing.
pub const SECTION_COLOURS: [Rgb; 7] = [
    Rgb(0x00, 0x72, 0xB2), // blue
    Rgb(0xE6, 0x9F, 0x00), // orange
    Rgb(0x00, 0x9E, 0x73), // bluish green
    Rgb(0xD5, 0x5E, 0x00), // vermillion
    Rgb(0xCC, 0x79, 0xA7), // reddish purple
    Rgb(0x56, 0xB4, 0xE9), // sky blue
    Rgb(0xF0, 0xE4, 0x42), // yellow
];

/// Fill of the candidates (papers not on the list): the accent, near-black, with their rank in
/// white inside.
pub const CANDIDATE_FILL: Rgb = Rgb(0x1E, 0x1E, 0x1E);
/// Outline of the candidates (a white ring, then the accent's ring around it).
pub const CANDIDATE_STROKE: Rgb = Rgb(0x1E, 0x1E, 0x1E);
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
/// A strong tie in the pictures (the strongest citations by shared neighbours).
pub const EDGE_STRONG: Rgb = Rgb(0x3C, 0x3C, 0x3C);

/// The letter drawn in the circles of section number `index`: `A`, `B`, ... (`Z` then `A` again).
pub fn section_letter(index: usize) -> char {
    char::from(b'A' + (index % 26) as u8)
}

/// A simulated colour-vision deficiency (Machado, Oliveira and Fernandes 2009, severity 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vision {
    /// Typical colour vision.
    Typical,
    /// No long-wavelength cones.
    Protanopia,
    /// No medium-wavelength cones.
    Deuteranopia,
    /// No short-wavelength cones.
    Tritanopia,
}

/// The CIE L*a*b* (D65) of `colour` as seen with `vision`.
pub fn lab(colour: Rgb, vision: Vision) -> [f64; 3] {
    let m = match vision {
        Vision::Typical => [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
        Vision::Protanopia => {
            [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
        }
        Vision::Deuteranopia => {
            [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
        }
        Vision::Tritanopia => {
            [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
        }
    };
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let rgb = [linear(colour.0), linear(colour.1), linear(colour.2)];
    let [r, g, b] = m.map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// The CIE76 colour difference between `a` and `b` as seen with `vision` (about 2.3 is just
/// noticeable; 15 and more is clearly another colour).
pub fn difference(a: Rgb, b: Rgb, vision: Vision) -> f64 {
    let (p, q) = (lab(a, vision), lab(b, vision));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}

/// The colour of section number `index` (colours repeat, darker, after seven sections; the
/// letters keep them apart).
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
        assert_eq!(section_colour(0).hex(), "#0072B2");
        assert_ne!(section_colour(0), section_colour(7));
        assert_eq!((section_letter(0), section_letter(2), section_letter(26)), ('A', 'C', 'A'));
        assert_eq!(Rgb(0, 0, 0).tint(1.0), Rgb(255, 255, 255));
    }
}
