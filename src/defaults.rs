//! Every default, in one place (shared by all stages; imports nothing of the crate): clap shows
//! the command-line ones in `--help`, and each stage's `Default` takes its values from here. The
//! test `defaults_match_the_documented_ones` in `config.rs` pins them to what the stages use; the
//! README documents the ones a user sees.

// The command line and the fetch stage.

/// Where Semantic Scholar answers are cached.
pub const CACHE_DIR: &str = "cache";
/// Where output files are written.
pub const OUT_DIR: &str = "output";
/// The Semantic Scholar Academic Graph API.
pub const API_URL: &str = "https://api.semanticscholar.org/graph/v1";
/// The environment variable holding the API key (never a flag, never printed or written).
pub const API_KEY_ENV: &str = "S2_API_KEY";
/// Requests per second with a key: S2 grants keys 1 request/s summed over all endpoints.
pub const RPS_WITH_KEY: f64 = 1.0;
/// Requests per second without a key: the shared anonymous pool is saturated, so go slower.
pub const RPS_WITHOUT_KEY: f64 = 0.5;
/// Rows printed by `rank` and `missing`.
pub const TOP: usize = 20;
/// Candidates drawn and numbered beside the listed papers in the map and DOT (`--map-top`); as
/// many are listed, under the same numbers, in `missing.md` and the reading lists.
pub const MAP_TOP: usize = 40;

// The ranking stage.

/// PageRank: probability of following a citation (the rest teleports uniformly).
pub const PAGERANK_DAMPING: f64 = 0.85;
/// PageRank stops when the scores move less than this in total (L1, not scaled by node count).
pub const PAGERANK_TOLERANCE: f64 = 1e-6;
/// PageRank gives up after this many iterations.
pub const PAGERANK_MAX_ITERATIONS: usize = 1000;
/// HITS stops when the sum-normalised authority vector moves less than this (L1).
pub const HITS_TOLERANCE: f64 = 1e-9;
/// HITS gives up after this many iterations.
pub const HITS_MAX_ITERATIONS: usize = 10_000;
/// Betweenness is exact up to this many node-edges (`nodes * edges`): about a second on our
/// machines (e.g. 20,000 papers and 100,000 citations); sampled above it.
pub const BETWEENNESS_EXACT_LIMIT: u64 = 2_000_000_000;
/// Sources drawn when betweenness is sampled.
pub const BETWEENNESS_SAMPLES: usize = 256;
/// Seed of the betweenness source draw, so the same graph always gives the same scores.
pub const BETWEENNESS_SEED: u64 = 0x00C1_7E62_A7B5;
/// Pseudo-links added to every paper's degree in the candidate score (the `+ 5` of the README's
/// formula): links we cannot see, so a paper with three links, one to the list, does not look a
/// third on-topic.
pub const DEGREE_PRIOR: f64 = 5.0;

// The output files.

/// Rows in `rankings.md`. (`missing.md` lists the candidates the map draws: [`MAP_TOP`].)
pub const RANKINGS_MD_TOP: usize = 30;

// The map layout (ForceAtlas2); the map may override some of these for its graph size.

/// Layout iterations.
pub const LAYOUT_ITERATIONS: usize = 600;
/// Layout repulsion strength (`kr`).
pub const LAYOUT_SCALING: f64 = 2.0;
/// Layout pull towards the centre (`kg`).
pub const LAYOUT_GRAVITY: f64 = 1.0;
/// Layout attraction grows with the logarithm of the distance (LinLog mode).
pub const LAYOUT_LIN_LOG: bool = false;
/// Barnes-Hut accuracy of the layout's repulsion (larger is faster and coarser).
pub const LAYOUT_THETA: f64 = 1.2;
/// Up to this many nodes, layout repulsion is computed exactly between every pair.
pub const LAYOUT_EXACT_UP_TO: usize = 300;
/// Seed of the jitter added to the layout's starting positions.
pub const LAYOUT_SEED: u64 = 0x00C1_7E6A_A9F1;

// Bounds of the command line.

/// The slowest `--rps`: one request every 100 s (below it a run would seem to hang).
pub const MIN_RPS: f64 = 0.01;
/// The fastest `--rps`.
pub const MAX_RPS: f64 = 100.0;
/// A pace slower than one request in this many seconds is announced as a long wait.
pub const LONG_WAIT_SECS: f64 = 10.0;

// Keeping a list up to date (`build`'s state file, `citegraph diff`).

/// The state file `build` writes in --out-dir when --state is not given.
pub const STATE_FILE: &str = "citegraph-state.json";
/// A candidate that rose by more than this many places since the last run is reported.
pub const MOVED_UP_PLACES: usize = 5;

/// How deep discovery goes by default (1 = direct links only; 2 = co-citation, coupling,
/// content similarity and recommendations too).
pub const DEPTH: u32 = 2;
/// The environment variable naming the recommendations API base URL.
pub const RECOMMENDATIONS_URL_ENV: &str = "S2_RECOMMENDATIONS_URL";
