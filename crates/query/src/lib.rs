#![warn(missing_docs)]

//! citater's query side: search, facets, snippets and citations over the
//! index, and the two faces that expose them, the CLI and the HTTP API.

pub mod citation;
pub mod cli;
pub mod context;
pub mod error;
pub mod expansion;
pub mod export;
pub mod filters;
pub mod http;
pub mod matrix;
pub mod openapi;
mod page;
pub mod search;
pub mod snippet;
pub mod syntax;
