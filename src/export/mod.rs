//! Stage 5: rankings and graph -> files under `--out-dir`. One exporter per format, behind
//! [`Exporter`]; [`write_all`] maps them to file names and writes each atomically.

pub mod dot;
pub mod map_svg;
pub mod markdown;
pub mod missing_json;
pub mod missing_md;
pub mod png;
pub mod rankings_csv;
pub mod rankings_md;
pub mod timeline_svg;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context, Result};

use crate::atomic_file::write_atomically;
use crate::graph::CitationGraph;
use crate::paper_list::PaperList;
use crate::picture::PictureInput;
use crate::picture::map::MapScene;
use crate::rank::Rankings;

/// Everything an exporter may draw on. Built with [`ExportInput::new`]; the map's scene is laid
/// out on first use and kept, so the exporters of one run share one layout.
#[derive(Debug, Clone)]
pub struct ExportInput<'a> {
    /// The list the run started from.
    pub list: &'a PaperList,
    /// The citation graph.
    pub graph: &'a CitationGraph,
    /// Metrics and candidates.
    pub rankings: &'a Rankings,
    /// Rendering options.
    pub options: &'a ExportOptions,
    /// The map's scene, laid out once by [`ExportInput::map_scene`].
    map: OnceLock<MapScene>,
}

impl<'a> ExportInput<'a> {
    /// The input for one run's exporters.
    pub fn new(
        list: &'a PaperList,
        graph: &'a CitationGraph,
        rankings: &'a Rankings,
        options: &'a ExportOptions,
    ) -> ExportInput<'a> {
        ExportInput { list, graph, rankings, options, map: OnceLock::new() }
    }

    /// What the pictures are drawn from.
    pub fn picture(&self) -> PictureInput<'a> {
        PictureInput {
            list: self.list,
            graph: self.graph,
            rankings: self.rankings,
            map_top: self.options.map_top,
            full_graph: self.options.full_graph,
            data_date: self.options.data_date.as_deref(),
        }
    }

    /// The map, laid out on the first call and shared by every later one (`literature-map.svg`
    /// and `literature-map.png` draw the same scene).
    pub fn map_scene(&self) -> &MapScene {
        self.map.get_or_init(|| MapScene::new(&self.picture()))
    }
}

/// Options of the renderers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Top candidates drawn beside the listed papers in the map and DOT.
    pub map_top: usize,
    /// Draw every node.
    pub full_graph: bool,
    /// The date of the data (`YYYY-MM-DD`), shown in titles; never the wall clock at render time.
    pub data_date: Option<String>,
}

/// One output format.
pub trait Exporter {
    /// File name under the output directory.
    fn file_name(&self) -> &'static str;
    /// Writes the whole file.
    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()>;
}

/// Every exporter `citegraph build` runs, in order.
pub fn exporters() -> Vec<Box<dyn Exporter>> {
    let mut all: Vec<Box<dyn Exporter>> = vec![
        Box::new(rankings_csv::RankingsCsv),
        Box::new(rankings_md::RankingsMarkdown),
        Box::new(missing_json::MissingJson),
        Box::new(missing_md::MissingMarkdown),
    ];
    all.extend(pictures());
    all
}

/// The four pictures: `graph.dot`, `literature-map.svg`, `timeline.svg`, `literature-map.png`.
pub fn pictures() -> Vec<Box<dyn Exporter>> {
    vec![
        Box::new(dot::DotExporter),
        Box::new(map_svg::MapSvgExporter),
        Box::new(timeline_svg::TimelineExporter),
        Box::new(png::MapPngExporter),
    ]
}

/// Writes every exporter's file into `out_dir` (created if missing), each through a temporary
/// file renamed into place, so a failed run never leaves half a file. Returns the paths written.
pub fn write_all(out_dir: &Path, input: &ExportInput<'_>, exporters: &[Box<dyn Exporter>]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create the output directory {} (check --out-dir)", out_dir.display()))?;
    let mut written = Vec::new();
    for exporter in exporters {
        let path = out_dir.join(exporter.file_name());
        let mut buf = Vec::new();
        exporter.write(input, &mut buf).with_context(|| format!("cannot render {}", path.display()))?;
        write_atomically(&path, &buf)?;
        written.push(path);
    }
    Ok(written)
}
