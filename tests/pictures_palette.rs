//! The palette survives the common colour-vision deficiencies: every pair of section colours,
//! and each section against the candidates' accent, stays clearly apart under simulated
//! protanopia, deuteranopia and tritanopia (Machado 2009), by CIE76 colour difference in Lab.

use citegraph::picture::palette::{CANDIDATE_FILL, SECTION_COLOURS, Vision, difference, section_colour};

/// Clearly another colour, not merely a noticeable difference (2.3).
const FLOOR: f64 = 15.0;

#[test]
fn every_pair_of_section_and_candidate_colours_differs_under_each_colour_vision_deficiency() {
    let mut colours: Vec<(String, _)> =
        (0..SECTION_COLOURS.len()).map(|i| (format!("section {i}"), section_colour(i))).collect();
    colours.push(("candidate accent".to_owned(), CANDIDATE_FILL));
    for vision in [Vision::Typical, Vision::Protanopia, Vision::Deuteranopia, Vision::Tritanopia] {
        for (a, (name_a, colour_a)) in colours.iter().enumerate() {
            for (name_b, colour_b) in &colours[a + 1..] {
                let d = difference(*colour_a, *colour_b, vision);
                assert!(d >= FLOOR, "{name_a} and {name_b} differ by only {d:.1} under {vision:?}");
            }
        }
    }
}

#[test]
fn the_simulation_is_the_published_one() {
    // Pure red and green, told apart with typical vision, nearly merge for a deuteranope.
    let (red, green) = (citegraph::picture::palette::Rgb(200, 60, 40), citegraph::picture::palette::Rgb(110, 140, 30));
    assert!(difference(red, green, Vision::Typical) > 50.0);
    assert!(difference(red, green, Vision::Deuteranopia) < difference(red, green, Vision::Typical) / 2.0);
    assert_eq!(difference(red, red, Vision::Tritanopia), 0.0);
}
