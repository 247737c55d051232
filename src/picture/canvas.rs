//! Pictures: a small display list (lines, circles, boxes, text in pixels) that the map
//! and the timeline build, and its rendering to SVG with plotters. Keeping the geometry in plain
//! data lets the tests check it (labels inside the canvas, no overlaps) without parsing pictures.

use anyhow::{Result, anyhow};
use plotters::backend::DrawingBackend;
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, PathElement, Rectangle, Text};
use plotters::prelude::{IntoDrawingArea, SVGBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, RGBColor, ShapeStyle, TextStyle};

use super::fonts::{self, FAMILY};
use super::geometry::{Point, Rect};
use super::palette::Rgb;

/// Horizontal alignment of a text on its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// The anchor is the text's left end.
    Left,
    /// The anchor is the text's middle.
    Centre,
    /// The anchor is the text's right end.
    Right,
}

/// One thing to draw, in pixels (y down).
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// An open polyline.
    Line {
        /// Its points.
        points: Vec<Point>,
        /// Colour.
        colour: Rgb,
        /// Opacity, 0 to 1.
        alpha: f64,
        /// Stroke width in whole pixels.
        width: u32,
    },
    /// A filled circle, optionally outlined.
    Circle {
        /// Centre.
        centre: Point,
        /// Radius.
        radius: f64,
        /// Fill.
        fill: Rgb,
        /// Opacity of the fill.
        alpha: f64,
        /// Outline colour and width.
        stroke: Option<(Rgb, u32)>,
    },
    /// A filled box.
    Box {
        /// Where.
        rect: Rect,
        /// Fill.
        fill: Rgb,
        /// Opacity.
        alpha: f64,
    },
    /// One line of text, vertically centred on `at`.
    Text {
        /// The text (one line).
        text: String,
        /// Anchor point.
        at: Point,
        /// Size in pixels per em.
        size: f64,
        /// Bold face.
        bold: bool,
        /// Colour.
        colour: Rgb,
        /// How the text sits on the anchor.
        align: Align,
    },
}

impl Shape {
    /// The box a text shape covers (by the embedded font's metrics), if it is a text.
    pub fn text_box(&self) -> Option<Rect> {
        let Shape::Text { text, at, size, bold, align, .. } = self else { return None };
        let w = fonts::text_width(text, *size, *bold);
        let x0 = match align {
            Align::Left => at[0],
            Align::Centre => at[0] - w / 2.0,
            Align::Right => at[0] - w,
        };
        Some(Rect::new(x0, at[1] - 0.6 * size, x0 + w, at[1] + 0.6 * size))
    }
}

/// An invisible, clickable spot over a node of the SVG: its tooltip (full title, authors) and
/// its link. Written after plotters' drawing; PNG rendering shows nothing of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Hotspot {
    /// Centre.
    pub centre: Point,
    /// Radius.
    pub radius: f64,
    /// Tooltip text (may hold newlines).
    pub tooltip: String,
    /// Where a click leads (nothing without a valid id: [`crate::links::paper_url`]).
    pub url: Option<String>,
}

/// A picture as a list of shapes, drawn in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Text of the SVG `<title>` (what a screen reader or a browser tab shows).
    pub title: String,
    /// The shapes, back to front.
    pub shapes: Vec<Shape>,
    /// Tooltips and links over the nodes (SVG only).
    pub hotspots: Vec<Hotspot>,
}

impl Drawing {
    /// An empty white picture.
    pub fn new(width: u32, height: u32, title: String) -> Drawing {
        Drawing { width, height, title, shapes: Vec::new(), hotspots: Vec::new() }
    }

    /// The whole canvas.
    pub fn bounds(&self) -> Rect {
        Rect::new(0.0, 0.0, f64::from(self.width), f64::from(self.height))
    }

    /// Every text drawn, in drawing order (what tests and readers of a scene look for).
    pub fn texts(&self) -> impl Iterator<Item = &str> + '_ {
        self.shapes.iter().filter_map(|s| match s {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }

    /// Adds a text.
    pub fn text(&mut self, text: impl Into<String>, at: Point, size: f64, bold: bool, colour: Rgb, align: Align) {
        self.shapes.push(Shape::Text { text: text.into(), at, size, bold, colour, align });
    }

    /// Adds a line.
    pub fn line(&mut self, points: Vec<Point>, colour: Rgb, alpha: f64, width: u32) {
        self.shapes.push(Shape::Line { points, colour, alpha, width });
    }

    /// Adds a circle.
    pub fn circle(&mut self, centre: Point, radius: f64, fill: Rgb, alpha: f64, stroke: Option<(Rgb, u32)>) {
        self.shapes.push(Shape::Circle { centre, radius, fill, alpha, stroke });
    }

    /// Adds a filled box.
    pub fn filled(&mut self, rect: Rect, fill: Rgb, alpha: f64) {
        self.shapes.push(Shape::Box { rect, fill, alpha });
    }

    /// The picture as SVG text, drawn with plotters.
    pub fn to_svg(&self) -> Result<String> {
        fonts::register_with_plotters();
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (self.width, self.height)).into_drawing_area();
            paint(self, &root)?;
            root.present().map_err(|e| anyhow!("cannot finish the SVG: {e}"))?;
        }
        let mut svg = paint_opacity(&tidy_font_sizes(&svg));
        // plotters writes no <title>; add one after the opening tag for viewers and screen readers.
        if let Some(end) = svg.find(">\n") {
            let title = format!("<title>{}</title>\n", xml_escape(&self.title));
            svg.insert_str(end + 2, &title);
        }
        // Then the tooltips and links, on top of everything, before the closing tag.
        if !self.hotspots.is_empty()
            && let Some(end) = svg.rfind("</svg>")
        {
            let mut layer = String::from("<g id=\"papers\">\n");
            for h in &self.hotspots {
                let circle = format!(
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"#000000\" fill-opacity=\"0\"><title>{}</title></circle>",
                    h.centre[0],
                    h.centre[1],
                    h.radius.max(3.0),
                    xml_escape(&h.tooltip),
                );
                let linked = match &h.url {
                    Some(url) => format!("<a href=\"{}\" target=\"_blank\">{circle}</a>\n", xml_escape(url)),
                    None => format!("{circle}\n"),
                };
                layer.push_str(&linked);
            }
            layer.push_str("</g>\n");
            svg.insert_str(end, &layer);
        }
        Ok(svg)
    }
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn colour(rgb: Rgb) -> RGBColor {
    RGBColor(rgb.0, rgb.1, rgb.2)
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

/// Draws every shape onto a plotters drawing area (any backend).
pub fn paint<DB: DrawingBackend>(drawing: &Drawing, root: &DrawingArea<DB, Shift>) -> Result<()> {
    let fail = |e: plotters::drawing::DrawingAreaErrorKind<DB::ErrorType>| anyhow!("cannot draw: {e}");
    root.fill(&RGBColor(255, 255, 255)).map_err(fail)?;
    for shape in &drawing.shapes {
        match shape {
            Shape::Line { points, colour: c, alpha, width } => {
                let style = ShapeStyle::from(colour(*c).mix(*alpha)).stroke_width(*width);
                let points: Vec<(i32, i32)> = points.iter().map(|p| (px(p[0]), px(p[1]))).collect();
                root.draw(&PathElement::new(points, style)).map_err(fail)?;
            }
            Shape::Circle { centre, radius, fill, alpha, stroke } => {
                let at = (px(centre[0]), px(centre[1]));
                let r = radius.round().max(1.0) as i32;
                root.draw(&Circle::new(at, r, colour(*fill).mix(*alpha).filled())).map_err(fail)?;
                if let Some((c, w)) = stroke {
                    root.draw(&Circle::new(at, r, ShapeStyle::from(colour(*c)).stroke_width(*w))).map_err(fail)?;
                }
            }
            Shape::Box { rect, fill, alpha } => {
                let corners = [(px(rect.x0), px(rect.y0)), (px(rect.x1), px(rect.y1))];
                root.draw(&Rectangle::new(corners, colour(*fill).mix(*alpha).filled())).map_err(fail)?;
            }
            Shape::Text { text, at, size, bold, colour: c, align } => {
                let face = if *bold { FontStyle::Bold } else { FontStyle::Normal };
                // plotters writes font-size = size / 1.24 into the SVG.
                let font = FontDesc::new(FontFamily::Name(FAMILY), size * 1.24, face);
                let h = match align {
                    Align::Left => HPos::Left,
                    Align::Centre => HPos::Center,
                    Align::Right => HPos::Right,
                };
                let text_colour = colour(*c);
                let style = TextStyle::from(font).color(&text_colour).pos(Pos::new(h, VPos::Center));
                root.draw(&Text::new(text.as_str(), (px(at[0]), px(at[1])), style)).map_err(fail)?;
            }
        }
    }
    Ok(())
}

/// plotters gives every element a group `opacity`, which renderers (resvg among them) draw
/// through an offscreen layer per element: slow with thousands of citation lines. Each plotters
/// element paints either its fill or its stroke, never both, so the opacity moves onto that paint
/// (`stroke-opacity` for lines and outlines, `fill-opacity` otherwise): the same picture.
fn paint_opacity(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + svg.len() / 16);
    for line in svg.split_inclusive('\n') {
        let strokes = line.starts_with("<polyline ") || line.starts_with("<line ") || line.contains(" fill=\"none\"");
        if line.starts_with('<') && !line.starts_with("<svg") {
            let to = if strokes { " stroke-opacity=\"" } else { " fill-opacity=\"" };
            out.push_str(&line.replacen(" opacity=\"", to, 1));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Rewrites every `font-size="X"` with X rounded to two decimals: plotters writes the size it
/// was given divided by 1.24, which comes out as `15.000000000000002`.
fn tidy_font_sizes(svg: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(KEY) {
        let (head, tail) = rest.split_at(at + KEY.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        match tail[..end].parse::<f64>() {
            Ok(size) => {
                let rounded = format!("{size:.2}");
                out.push_str(rounded.trim_end_matches('0').trim_end_matches('.'));
            }
            Err(_) => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Greedy word wrap of `text` into lines at most `max_width` pixels wide.
pub fn wrap(text: &str, size: f64, bold: bool, max_width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() { word.to_owned() } else { format!("{current} {word}") };
        if current.is_empty() || fonts::text_width(&candidate, size, bold) <= max_width {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = word.to_owned();
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opacity_moves_onto_the_one_paint_each_element_uses() {
        let svg = "<svg width=\"1\">\n<polyline fill=\"none\" opacity=\"0.5\" stroke=\"#000\"/>\n\
                   <circle cx=\"1\" opacity=\"0.3\" fill=\"#111\" stroke=\"none\"/>\n\
                   <circle cx=\"1\" opacity=\"1\" fill=\"none\" stroke=\"#111\"/>\n\
                   <text x=\"1\" opacity=\"1\" fill=\"#000\">\na opacity=\"2\"\n</text>\n</svg>\n";
        let out = paint_opacity(svg);
        assert!(out.contains("<polyline fill=\"none\" stroke-opacity=\"0.5\""));
        assert!(out.contains("<circle cx=\"1\" fill-opacity=\"0.3\" fill=\"#111\""));
        assert!(out.contains("<circle cx=\"1\" stroke-opacity=\"1\" fill=\"none\""));
        assert!(out.contains("<text x=\"1\" fill-opacity=\"1\""));
        assert!(out.contains("\na opacity=\"2\"\n"), "text content is left alone");
    }

    #[test]
    fn font_sizes_are_rounded_to_two_decimals() {
        assert_eq!(
            tidy_font_sizes(r#"<text font-size="15.000000000000002"><text font-size="13.499999999999998">"#),
            r#"<text font-size="15"><text font-size="13.5">"#
        );
    }

    #[test]
    fn xml_escaping_covers_markup_and_drops_control_characters() {
        assert_eq!(xml_escape("a<b>&\"c'\u{7}\nd"), "a&lt;b&gt;&amp;&quot;c&apos;\nd");
    }

    #[test]
    fn wrapping_keeps_every_word_and_fits_the_width() {
        let text = "Self-consumption for good (i.e., training generative models on AI-generated data)";
        let lines = wrap(text, 15.0, false, 200.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        assert!(lines.iter().all(|l| fonts::text_width(l, 15.0, false) <= 200.0));
    }
}
