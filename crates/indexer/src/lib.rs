#![warn(missing_docs)]

//! citater's indexer: reads the booklets, finds and tags their interview
//! quotes, and builds the search index over them.
//!
//! A quote passes through the stages in this order, each a folder, data
//! moving one way (a module imports only the ones before it):
//!
//! | stage | where | what |
//! |---|---|---|
//! | read | [`corpus`] | the texts with their metadata ([`publication`], `vocabulary`, [`topic`]s, [`thesaurus`]) |
//! | laid out | `booklet/` | lines, furniture, boxes, table of contents, headings, large print, paragraphs; `repair` undoes PDF damage |
//! | found | `speech/` | one module per quote style (`marks`, `dash`, `lone_mark`, `bold`, `italic`, `set_apart`, `labelled`), pull-quotes |
//! | attributed | `speech/attribution`, `speech/speaker` | who the narration says speaks |
//! | tagged | `tagging/` | pronouns and groups resolved, roles and [`level`]s, into [`Quote`]s |
//! | indexed | `index/` | schema, documents, generations on disk, the rebuild policy |
//!
//! Below them all stand the models ([`quote`], [`level`], [`publication`],
//! [`outline`], [`paragraph`],
//! `vocabulary`), the Danish language [`analysis`] and the [`folding`] of
//! æøå spellings that both the indexer and the query side use, and `toml_error`
//! and `os_error`, how the metadata files' and the system's errors are worded.

pub mod analysis;
mod booklet;
pub mod corpus;
mod fingerprint;
pub mod folding;
mod index;
pub mod level;
mod os_error;
pub mod outline;
pub mod paragraph;
pub mod publication;
pub mod quote;
mod speech;
mod tagging;
pub mod thesaurus;
mod toml_error;
pub mod topic;
mod vocabulary;

pub use corpus::{Corpus, CorpusError};
pub use index::{
    BuildInfo, Column, Fields, IndexError, IndexStore, LoadedIndex, QuoteStore, Residence,
    SectionIndex, SectionQuery, SynonymTable, Tags, UnreadableQuote,
};
pub use level::Level;
pub use outline::{Outline, OutlineHeading};
pub use paragraph::{BookletParagraphs, Paragraph};
pub use publication::{Imprint, Publication, PublicationRef};
pub use quote::{Pages, Quote, Source};
pub use thesaurus::Synonyms;
pub use topic::{Topic, Topics};
