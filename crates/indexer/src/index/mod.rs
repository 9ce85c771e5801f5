//! The index: the tagged quotes made searchable. [`schema`] says which forms
//! of a quote are indexed and how, [`documents`] writes the quotes into a
//! tantivy index, [`generation`] is one complete index on disk with the
//! records beside it, [`store`] keeps an index directory's generations and
//! swaps `CURRENT`, and [`policy`] decides when an index is rebuilt.

pub(crate) mod blob;
pub(crate) mod booklet_store;
pub(crate) mod documents;
pub(crate) mod error;
pub(crate) mod fast_column;
pub(crate) mod generation;
pub(crate) mod policy;
pub(crate) mod quote_store;
pub(crate) mod schema;
pub(crate) mod sections;
pub(crate) mod stamp;
pub(crate) mod store;
pub(crate) mod synonym_table;
pub(crate) mod tags;

pub use blob::Residence;
pub use error::IndexError;
pub use generation::{BuildInfo, LoadedIndex};
pub use quote_store::{QuoteStore, UnreadableQuote};
pub use schema::Fields;
pub use sections::{SectionIndex, SectionQuery};
pub use store::IndexStore;
pub use synonym_table::SynonymTable;
pub use tags::{Column, Tags};
