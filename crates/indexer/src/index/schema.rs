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
//!
//! What counts as a quote's own match and what only ranks it are kept
//! apart, so counts can be trusted: its speech (`text`, `exact`, `parts`),
//! the theme and subtheme it is filed under (`headings`) and the topics it
//! shows (`evident_topics`, the ids untokenised) are its own; all its
//! topics (`topics`) only rank it, as do `context`, `narration` and its
//! section (the headings and the speech of every quote of its section,
//! one text: what the section as a whole is about, indexed once per
//! section in an index of its own, `sections.rs`, found by the number each
//! quote document holds in `section`); a quote found through them alone is
//! `related`. `exact` keeps positions:
//! a quoted phrase matches the words as typed.
//! Filters and facets use the columns of facet values stored beside the
//! index, display the quote records; both are found by `ord`, which each
//! document holds as a fast field.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

use crate::analysis::{EXACT, STEMMED};

/// Bumped whenever the schema, the analysis or the files of a generation
/// change (3: the booklets' texts, `booklets.json`; 4: their outlines,
/// `outlines.json`; 5: topics, synonyms, the `headings`, `topics` and
/// `section` fields, positions in `exact`; 6: the quotes' publication titles
/// joined "Titel: Undertitel"; 7: `build.json` with the fingerprints of the
/// corpus files and of every file of the generation; 8: the `id` field, the
/// facet columns, quote chunks, the booklets as one text and the booklets'
/// imprints instead of their whole metadata; 9: the sections in an index
/// of their own, a quote holding its section's number; 10: the booklets'
/// paragraphs as a reader reads them, `paragraphs.json`, and the
/// publications' short titles), so older indexes are rebuilt rather than
/// misread.
pub(crate) const SCHEMA_VERSION: u32 = 10;

/// The fields of a quote document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Position of the quote in the stored quote list, a fast field: a
    /// document's quote is read from its column, not its stored document.
    pub ord: Field,
    /// The quote's id, one term, so a quote is found by id without reading
    /// the records.
    pub id: Field,
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
    /// The theme and subtheme the quote is filed under, stemmed.
    pub headings: Field,
    /// The quote's topic ids, each one term.
    pub topics: Field,
    /// The topics its text or headings show (a topic's signal said, or its
    /// name or signal in a heading): what a search for the topic counts.
    pub evident_topics: Field,
    /// The number of the quote's section in the sections' index, a fast
    /// field.
    pub section: Field,
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
            id: builder.add_text_field("id", STRING),
            text: builder.add_text_field(
                "text",
                analyzed(STEMMED, IndexRecordOption::WithFreqsAndPositions),
            ),
            exact: builder.add_text_field(
                "exact",
                analyzed(EXACT, IndexRecordOption::WithFreqsAndPositions),
            ),
            parts: builder.add_text_field("parts", analyzed(STEMMED, IndexRecordOption::WithFreqs)),
            context: builder
                .add_text_field("context", analyzed(STEMMED, IndexRecordOption::WithFreqs)),
            narration: builder
                .add_text_field("narration", analyzed(STEMMED, IndexRecordOption::WithFreqs)),
            headings: builder
                .add_text_field("headings", analyzed(STEMMED, IndexRecordOption::WithFreqs)),
            topics: builder.add_text_field("topics", STRING),
            evident_topics: builder.add_text_field("evident_topics", STRING),
            section: builder.add_u64_field("section", FAST),
        };
        (builder.build(), fields)
    }

    /// The fields of an existing index's schema.
    pub(crate) fn of(schema: &Schema) -> tantivy::Result<Fields> {
        Ok(Fields {
            ord: schema.get_field("ord")?,
            id: schema.get_field("id")?,
            text: schema.get_field("text")?,
            exact: schema.get_field("exact")?,
            parts: schema.get_field("parts")?,
            context: schema.get_field("context")?,
            narration: schema.get_field("narration")?,
            headings: schema.get_field("headings")?,
            topics: schema.get_field("topics")?,
            evident_topics: schema.get_field("evident_topics")?,
            section: schema.get_field("section")?,
        })
    }
}
