#![warn(missing_docs)]

//! citater's query side: search, citations and exports over the index, and
//! the two faces that expose them.
//!
//! A quote is found in `search` (query language, expansion, ranking, facets,
//! what matched), shown in its booklet in `context`, browsed by heading in
//! `outline` or by topic in `topics`, drawn in `render` (snippets, terminal), cited in `cite` (Danish
//! APA 7, RIS, BibTeX, CSL-JSON) and written out in `export` (JSON lines,
//! CSV, Markdown). The
//! faces are thin layers over that library, each behind a cargo feature:
//! `cli` (clap) and `http` (axum on tokio, with the page in `web/`). Without
//! them the library builds with neither.

pub mod cite;
#[cfg(feature = "cli")]
pub mod cli;
pub mod context;
pub mod error;
pub mod export;
#[cfg(feature = "http")]
pub mod http;
pub mod outline;
pub mod render;
pub mod search;
pub mod topics;
