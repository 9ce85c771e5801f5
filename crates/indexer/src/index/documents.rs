//! Documents: the tagged quotes written into a tantivy index in memory, one
//! document per quote, each form of its text in the field the schema gives
//! it. The compound parts are split with the corpus's own words as the
//! dictionary. A section's text is its headings and the speech of all its
//! quotes.

use std::collections::HashMap;

use tantivy::directory::RamDirectory;
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

use crate::analysis::{self, Decompounder};
use crate::quote::Quote;
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
    let sections = sections(quotes);
    let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
    for (ord, t) in quotes.iter().enumerate() {
        let q = &t.quote;
        let mut document: TantivyDocument = doc!(
            fields.ord => ord as u64,
            fields.id => q.id.as_str(),
            fields.text => q.text.as_str(),
            fields.exact => q.text.as_str(),
            fields.parts => decompounder.parts_text(&q.text),
            fields.context => t.headings.as_str(),
            fields.narration => t.narration.as_str(),
            fields.headings => filed_under(q),
            fields.section => sections[&section_of(q)].as_str(),
        );
        for topic in &q.topics {
            document.add_text(fields.topics, topic);
        }
        for topic in &t.evident_topics {
            document.add_text(fields.evident_topics, topic);
        }
        writer.add_document(document)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(ram)
}

/// Which section a quote stands in: its booklet, theme and subtheme.
fn section_of(quote: &Quote) -> (&str, &str, Option<&str>) {
    (
        &quote.publication.id,
        &quote.theme,
        quote.subtheme.as_deref(),
    )
}

/// The headings a quote is filed under, as one text.
fn filed_under(quote: &Quote) -> String {
    match &quote.subtheme {
        Some(sub) => format!("{}\n{sub}", quote.theme),
        None => quote.theme.clone(),
    }
}

/// Each section's text: its headings, then the speech of its quotes.
fn sections(quotes: &[Tagged]) -> HashMap<(&str, &str, Option<&str>), String> {
    let mut texts: HashMap<(&str, &str, Option<&str>), String> = HashMap::new();
    for t in quotes {
        let text = texts
            .entry(section_of(&t.quote))
            .or_insert_with(|| filed_under(&t.quote));
        text.push('\n');
        text.push_str(&t.quote.text);
    }
    texts
}
