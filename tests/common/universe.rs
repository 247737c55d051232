//! The synthetic fixture universe: it lives in the library (`citegraph::demo::universe`), where
//! `citegraph demo` builds its corpus from it; the tests and the mock use the same one.

pub use citegraph::demo::universe::*;
