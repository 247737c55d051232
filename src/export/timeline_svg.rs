//! Stage 5, `timeline.svg`: the timeline's scene (papers by date in one band per section) as
//! SVG, with a tooltip and a link over every paper.

use std::io::Write;

use anyhow::Result;

use super::{ExportInput, Exporter};
use crate::picture::timeline::TimelineScene;

/// Writes `timeline.svg`.
#[derive(Debug, Clone, Copy, Default)]
pub struct TimelineExporter;

impl Exporter for TimelineExporter {
    fn file_name(&self) -> &'static str {
        "timeline.svg"
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        out.write_all(TimelineScene::new(&input.picture()).drawing.to_svg()?.as_bytes())?;
        Ok(())
    }
}
