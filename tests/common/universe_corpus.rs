//! The corpus the fetch stage would make of the fixture universe: it lives in the library
//! (`citegraph::demo::corpus`), where `citegraph demo` uses it; the tests use the same one.

pub use citegraph::demo::corpus::*;
