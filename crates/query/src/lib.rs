//! citater's query side: search, facets, snippets and citations over the
//! index, and the two faces that expose them, the CLI and the HTTP API.

pub mod citation;
pub mod cli;
pub mod export;
