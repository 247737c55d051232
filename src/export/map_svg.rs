//! Stage 5, `literature-map.svg`: the map's scene (laid out once per run, see
//! [`ExportInput::map_scene`]) as SVG, with a tooltip and a link over every paper.

use std::io::Write;

use anyhow::Result;

use super::{ExportInput, Exporter};

/// Writes `literature-map.svg`.
#[derive(Debug, Clone, Copy, Default)]
pub struct MapSvgExporter;

impl Exporter for MapSvgExporter {
    fn file_name(&self) -> &'static str {
        "literature-map.svg"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        out.write_all(input.map_scene().drawing.to_svg()?.as_bytes())?;
        Ok(())
    }
}
