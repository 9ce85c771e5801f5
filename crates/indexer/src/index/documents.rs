//! Documents: the tagged quotes written into a tantivy index in memory, one
//! document per quote, each form of its text in the field the schema gives
//! it. The compound parts are split with the corpus's own words as the
//! dictionary.

use tantivy::directory::RamDirectory;
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

use crate::analysis::{self, Decompounder};
use crate::tagging::Tagged;

use super::error::IndexError;
use super::schema::Fields;

/// The memory tantivy may use while indexing: far more than a few hundred
/// quotes need, so it never flushes half way.
const WRITER_MEMORY: usize = 50_000_000;

/// Indexes the quotes, in order (a quote's position is its `ord`), into a
/// new index in memory.
pub(crate) fn index(quotes: &[Tagged]) -> Result<RamDirectory, IndexError> {
    let (schema, fields) = Fields::schema();
    let ram = RamDirectory::create();
    let index = Index::create(ram.clone(), schema, Default::default())?;
    analysis::register(index.tokenizers());
    let decompounder = Decompounder::new(
        quotes
            .iter()
            .flat_map(|t| analysis::words(&t.quote.text))
            .map(|w| w.lower),
    );
    let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
    for (ord, t) in quotes.iter().enumerate() {
        let document: TantivyDocument = doc!(
            fields.ord => ord as u64,
            fields.text => t.quote.text.as_str(),
            fields.exact => t.quote.text.as_str(),
            fields.parts => decompounder.parts_text(&t.quote.text),
            fields.context => t.headings.as_str(),
            fields.narration => t.narration.as_str(),
        );
        writer.add_document(document)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(ram)
}
