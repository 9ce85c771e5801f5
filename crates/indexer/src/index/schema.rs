//! The tantivy schema: which forms of a quote are searchable, and how.
//!
//! One quote is one document. Its speech is indexed three ways so the query
//! side can weigh the kinds of match: `text` (stemmed, with positions for
//! phrases) finds inflections, `exact` (as written) rewards the exact form
//! and is the vocabulary queries are corrected against, and `parts` holds the
//! words compounds are made of, so `ledelse` finds `personaleledelse` below
//! a quote that says `ledelse` itself. `context` holds the headings the
//! quote stands under (with the table of contents' fuller wording) and
//! `narration` the booklet's sentences introducing and following it: the
//! booklets' own summaries of what a quote is about, weak evidence that
//! finds a quote on delegation when the speaker never says "delegere".
//! Filters, facets and display use the quote records stored beside the
//! index, found by `ord`.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED,
};

use crate::analysis::{EXACT, STEMMED};

/// Bumped whenever the schema, the analysis or the files of a generation
/// change (3: the booklets' texts, `booklets.json`; 4: their outlines,
/// `outlines.json`), so older indexes are rebuilt rather than misread.
pub(crate) const SCHEMA_VERSION: u32 = 4;

/// The fields of a quote document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Position of the quote in the stored quote list.
    pub ord: Field,
    /// The speech, stemmed, with positions so phrases can be matched.
    pub text: Field,
    /// The speech as written: a bonus for the exact form, and the vocabulary
    /// queries are corrected against.
    pub exact: Field,
    /// The words the speech's compounds are made of, scoring below whole words.
    pub parts: Field,
    /// The headings the quote stands under: weak evidence of its topic.
    pub context: Field,
    /// The narration around the quote: weaker evidence still.
    pub narration: Field,
}

impl Fields {
    /// The schema and its fields.
    pub(crate) fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let analyzed = |tokenizer: &str, record: IndexRecordOption| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(record),
            )
        };
        let fields = Fields {
            ord: builder.add_u64_field("ord", INDEXED | STORED | FAST),
            text: builder.add_text_field(
                "text",
                analyzed(STEMMED, IndexRecordOption::WithFreqsAndPositions),
            ),
            exact: builder.add_text_field("exact", analyzed(EXACT, IndexRecordOption::WithFreqs)),
            parts: builder.add_text_field("parts", analyzed(STEMMED, IndexRecordOption::WithFreqs)),
            context: builder
                .add_text_field("context", analyzed(STEMMED, IndexRecordOption::WithFreqs)),
            narration: builder
                .add_text_field("narration", analyzed(STEMMED, IndexRecordOption::WithFreqs)),
        };
        (builder.build(), fields)
    }

    /// The fields of an existing index's schema.
    pub(crate) fn of(schema: &Schema) -> tantivy::Result<Fields> {
        Ok(Fields {
            ord: schema.get_field("ord")?,
            text: schema.get_field("text")?,
            exact: schema.get_field("exact")?,
            parts: schema.get_field("parts")?,
            context: schema.get_field("context")?,
            narration: schema.get_field("narration")?,
        })
    }
}
