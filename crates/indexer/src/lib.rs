#![warn(missing_docs)]

//! citater's indexer: reads the booklets, finds and tags their interview
//! quotes, and builds the search index over them.
//!
//! The pipeline, one module per step: `corpus` loads texts and metadata,
//! `layout` reads each booklet's typography into headings and paragraphs,
//! `extraction` finds the speech in them (with `repair` undoing the damage of
//! PDF extraction and `attribution` reading who speaks), and `tagging`
//! resolves speakers, roles and levels.

pub mod analysis;
pub mod attribution;
pub mod corpus;
pub mod extraction;
pub mod layout;
pub mod level;
pub mod publication;
pub mod quote;
pub mod repair;
pub mod schema;
pub mod store;
pub mod tagging;
pub mod vocabulary;

pub use corpus::{Corpus, CorpusError};
pub use level::Level;
pub use publication::{Publication, PublicationRef};
pub use quote::{Pages, Quote, Source};
pub use store::{IndexError, IndexStore, LoadedIndex};
