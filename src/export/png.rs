//! Stage 5, `literature-map.png`: the map at 1920x1080 for slides — the same scene as
//! `literature-map.svg` (laid out once per run, see [`ExportInput::map_scene`]) rendered from its
//! SVG by resvg with the embedded DejaVu fonts (never the machine's fonts).

use std::io::Write;
use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::{ExportInput, Exporter};
use crate::picture::fonts;

/// Writes `literature-map.png`.
#[derive(Debug, Clone, Copy, Default)]
pub struct MapPngExporter;

impl Exporter for MapPngExporter {
    fn file_name(&self) -> &'static str {
        "literature-map.png"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        let svg = input.map_scene().drawing.to_svg()?;
        out.write_all(&svg_to_png(&svg)?)?;
        Ok(())
    }
}

/// A font database holding only the embedded faces, so rendering never looks at the machine.
fn font_database() -> fontdb::Database {
    let mut db = fontdb::Database::new();
    for bytes in fonts::font_files() {
        db.load_font_data(bytes.to_vec());
    }
    db.set_sans_serif_family("DejaVu Sans");
    db.set_serif_family("DejaVu Sans");
    db.set_monospace_family("DejaVu Sans");
    db
}

/// Renders an SVG document to PNG bytes at its own size.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>> {
    let options = usvg::Options {
        fontdb: Arc::new(font_database()),
        font_family: "DejaVu Sans".to_owned(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).context("cannot read back the map's SVG to render the PNG")?;
    let size = tree.size().to_int_size();
    let mut pixmap =
        Pixmap::new(size.width(), size.height()).ok_or_else(|| anyhow!("cannot allocate a {size:?} picture"))?;
    resvg::render(&tree, Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().context("cannot encode the PNG")
}
