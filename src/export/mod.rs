//! Stage 5: rankings and graph -> files under `--out-dir`, and the data formats `rank` and
//! `missing` print. One file per output, behind [`Exporter`] (written from the whole build) or
//! [`DataExporter`] (written from [`Records`] alone, so a file or stdout alike);
//! [`data_exporter`] is the registry of data formats, [`exporters`] what `build` writes, and
//! [`write_all`] writes each file atomically under its name.

pub mod bibtex;
pub mod coverage;
pub mod csl_json;
pub mod dot;
pub mod edges_csv;
pub mod gexf;
pub mod graph_json;
pub mod graphml;
pub mod html_map;
pub mod map_svg;
pub mod markdown;
pub mod mermaid;
pub mod missing_csv;
pub mod missing_json;
pub mod missing_md;
pub mod network;
pub mod nodes_csv;
pub mod png;
pub mod rankings_csv;
pub mod rankings_json;
pub mod rankings_md;
pub mod reading_list;
pub mod reasons;
pub mod records;
pub mod ris;
pub mod timeline_svg;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context, Result};
use petgraph::graph::NodeIndex;

use crate::atomic_file::write_atomically;
use crate::graph::CitationGraph;
use crate::paper_list::PaperList;
use crate::picture::PictureInput;
use crate::picture::map::MapScene;
use crate::rank::Rankings;

pub use records::Records;

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
    /// The network exports' table of nodes and edges, built on first use and shared by them.
    network: OnceLock<network::Network>,
    /// Candidates new since the last run (`missing.md` marks them); empty on a first run.
    pub new_candidates: HashSet<NodeIndex>,
}

impl<'a> ExportInput<'a> {
    /// The input for one run's exporters.
    pub fn new(
        list: &'a PaperList,
        graph: &'a CitationGraph,
        rankings: &'a Rankings,
        options: &'a ExportOptions,
    ) -> ExportInput<'a> {
        ExportInput {
            list,
            graph,
            rankings,
            options,
            map: OnceLock::new(),
            network: OnceLock::new(),
            new_candidates: HashSet::new(),
        }
    }

    /// What the pictures are drawn from.
    pub fn picture(&self) -> PictureInput<'a> {
        PictureInput {
            list: self.list,
            graph: self.graph,
            rankings: self.rankings,
            map_top: self.options.map_top,
            full_graph: self.options.full_graph,
            title: self.options.title.as_deref(),
            data_date: self.options.data_date.as_deref(),
            data_source: &self.options.data_source,
        }
    }

    /// The map, laid out on the first call and shared by every later one (`literature-map.svg`
    /// and `literature-map.png` draw the same scene).
    pub fn map_scene(&self) -> &MapScene {
        self.map.get_or_init(|| MapScene::new(&self.picture()))
    }

    /// The graph as typed records for the network exports (GraphML, GEXF, node-link JSON, the
    /// spreadsheets), built once per run and shared by them.
    pub fn network(&self) -> &network::Network {
        self.network.get_or_init(|| network::Network::new(self))
    }
}

/// Options of the renderers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Top candidates drawn beside the listed papers in the map and DOT.
    pub map_top: usize,
    /// Draw every node.
    pub full_graph: bool,
    /// The pictures' title (`--title`); `None` for "Literature map: " and the list's name.
    pub title: Option<String>,
    /// The date of the data (`YYYY-MM-DD`), shown in titles; never the wall clock at render time.
    pub data_date: Option<String>,
    /// Where the citations came from, as the pictures and Markdown name it: `Semantic Scholar`
    /// for the official API, else the API's URL, or `synthetic demo data` for `citegraph demo`.
    pub data_source: String,
}

/// One output file, written from the whole build.
pub trait Exporter {
    /// File name under the output directory.
    fn file_name(&self) -> &'static str;
    /// Writes the whole file.
    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()>;
}

/// A data format (CSV, JSON): written from [`Records`] alone, so `build` writes it as a file
/// (through [`ToFile`]) and `citegraph rank`/`missing --format` print it to stdout.
pub trait DataExporter {
    /// File name under the output directory.
    fn file_name(&self) -> &'static str;
    /// Writes the whole document.
    fn write(&self, records: &Records<'_>, out: &mut dyn Write) -> Result<()>;
}

/// What a data format holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    /// One row per node, highest PageRank first (`citegraph rank`).
    Rankings,
    /// The candidates, best first (`citegraph missing`).
    Missing,
}

/// The data formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// Pretty-printed JSON.
    Json,
}

/// The registry of data formats: the one place a dataset and a format name their exporter.
pub fn data_exporter(dataset: Dataset, format: DataFormat) -> &'static dyn DataExporter {
    match (dataset, format) {
        (Dataset::Rankings, DataFormat::Csv) => &rankings_csv::RankingsCsv,
        (Dataset::Rankings, DataFormat::Json) => &rankings_json::RankingsJson,
        (Dataset::Missing, DataFormat::Csv) => &missing_csv::MissingCsv,
        (Dataset::Missing, DataFormat::Json) => &missing_json::MissingJson,
    }
}

/// A data format as a file of `build`: its records are every row and every candidate.
#[derive(Clone, Copy)]
pub struct ToFile(pub &'static dyn DataExporter);

impl ToFile {
    /// The file of `dataset` in `format`.
    pub fn of(dataset: Dataset, format: DataFormat) -> Box<dyn Exporter> {
        Box::new(ToFile(data_exporter(dataset, format)))
    }
}

impl Exporter for ToFile {
    fn file_name(&self) -> &'static str {
        self.0.file_name()
    }

    fn write(&self, input: &ExportInput<'_>, out: &mut dyn Write) -> Result<()> {
        self.0.write(&Records::of_graph(input.graph, input.rankings), out)
    }
}

/// Every exporter `citegraph build` runs, in order.
pub fn exporters() -> Vec<Box<dyn Exporter>> {
    let mut all: Vec<Box<dyn Exporter>> = vec![
        ToFile::of(Dataset::Rankings, DataFormat::Csv),
        Box::new(rankings_md::RankingsMarkdown),
        ToFile::of(Dataset::Missing, DataFormat::Json),
        Box::new(missing_md::MissingMarkdown),
    ];
    all.extend(pictures());
    all.extend([Box::new(coverage::CoverageMarkdown) as Box<dyn Exporter>, Box::new(coverage::CoverageJson)]);
    all.extend(network_exports());
    all.extend(reading_list_exports());
    all.push(Box::new(mermaid::MermaidExporter));
    all.push(Box::new(html_map::HtmlMapExporter));
    all
}

/// Every file citegraph can write: what `build` writes ([`exporters`]), then the data formats
/// it leaves to `rank`/`missing --format` (`rankings.json`, `missing.csv`).
pub fn registry() -> Vec<Box<dyn Exporter>> {
    let mut all = exporters();
    all.extend([ToFile::of(Dataset::Rankings, DataFormat::Json), ToFile::of(Dataset::Missing, DataFormat::Csv)]);
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

/// The network for other tools: `graph.graphml`, `graph.gexf`, `graph.json`, `nodes.csv`,
/// `edges.csv`.
pub fn network_exports() -> Vec<Box<dyn Exporter>> {
    vec![
        Box::new(graphml::GraphmlExporter),
        Box::new(gexf::GexfExporter),
        Box::new(graph_json::GraphJsonExporter),
        Box::new(nodes_csv::NodesCsvExporter),
        Box::new(edges_csv::EdgesCsvExporter),
    ]
}

/// The candidates as a reading list for reference managers: `missing.bib`, `missing.ris`,
/// `missing.csl.json`.
pub fn reading_list_exports() -> Vec<Box<dyn Exporter>> {
    vec![Box::new(bibtex::BibtexExporter), Box::new(ris::RisExporter), Box::new(csl_json::CslJsonExporter)]
}
