//! Pictures: the embedded DejaVu Sans fonts and the text measurement every picture uses
//! to place its labels. Text never depends on the fonts installed on the machine.

use std::sync::{Once, OnceLock};

use ab_glyph::{Font, FontRef};
use plotters::style::FontStyle;

/// The CSS font list written into the SVGs: the embedded face first, then look-alikes a viewer
/// may have. Plotters and resvg both look the face up under this exact name.
pub const FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// The embedded faces.
struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| Faces {
        regular: FontRef::try_from_slice(dejavu::sans::regular()).expect("the embedded DejaVu Sans is a valid font"),
        bold: FontRef::try_from_slice(dejavu::sans::bold()).expect("the embedded DejaVu Sans Bold is a valid font"),
    })
}

/// The embedded font files (regular, bold), for the PNG renderer.
pub fn font_files() -> [&'static [u8]; 2] {
    [dejavu::sans::regular(), dejavu::sans::bold()]
}

/// Registers the embedded faces with plotters under [`FAMILY`] (once per process).
pub fn register_with_plotters() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for (style, bytes) in [(FontStyle::Normal, dejavu::sans::regular()), (FontStyle::Bold, dejavu::sans::bold())] {
            // The bytes are the same ones `faces()` parses; a failure here is impossible in practice
            // and would only make text fall back to the viewer's default face.
            let _ = plotters::style::register_font(FAMILY, style, bytes);
        }
    });
}

/// Width in pixels of `text` set in DejaVu Sans at `size` pixels per em (advances and kerning).
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let faces = faces();
    let font = if bold { &faces.bold } else { &faces.regular };
    let units_per_em = f64::from(font.units_per_em().unwrap_or(2048.0));
    let mut width = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let glyph = font.glyph_id(c);
        if let Some(previous) = previous {
            width += f64::from(font.kern_unscaled(previous, glyph));
        }
        width += f64::from(font.h_advance_unscaled(glyph));
        previous = Some(glyph);
    }
    width * size / units_per_em
}

/// Cuts `text` at a word boundary (or a character, for one long word) so that it is at most
/// `max_width` pixels wide at `size`, ending it with `…` when cut.
pub fn fit_width(text: &str, size: f64, bold: bool, max_width: f64) -> String {
    if text_width(text, size, bold) <= max_width {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut end = chars.len();
    while end > 0 {
        end -= 1;
        let head: String = chars[..end].iter().collect::<String>();
        let head = head.trim_end();
        let candidate = format!("{head}…");
        if text_width(&candidate, size, bold) <= max_width {
            // Prefer cutting at a space when one is near.
            if let Some(space) = head.rfind(' ').filter(|&i| i * 4 >= head.len() * 3) {
                return format!("{}…", head[..space].trim_end_matches([',', ';', ':', '-', ' ']));
            }
            return candidate;
        }
    }
    "…".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size_and_bold_is_wider() {
        let w = text_width("Model Collapse", 14.0, false);
        assert!(w > 80.0 && w < 140.0, "{w}");
        assert!((text_width("Model Collapse", 28.0, false) - 2.0 * w).abs() < 1e-9);
        assert!(text_width("Model Collapse", 14.0, true) > w);
        assert_eq!(text_width("", 14.0, false), 0.0);
    }

    #[test]
    fn fitting_cuts_at_a_word_and_marks_the_cut() {
        let text = "Self-Consuming Generative Models Go MAD Again and Again";
        let fitted = fit_width(text, 14.0, false, 200.0);
        assert!(fitted.ends_with('…'), "{fitted}");
        assert!(text_width(&fitted, 14.0, false) <= 200.0);
        assert_eq!(fit_width("short", 14.0, false, 200.0), "short");
    }
}
