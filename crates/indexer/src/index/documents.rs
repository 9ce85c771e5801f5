//! Documents: the tagged quotes written into a tantivy index in memory, one
//! document per quote, each form of its text in the field the schema gives
//! it, and their sections into an index of their own (`sections.rs`). The
//! compound parts are split with the corpus's own words as the dictionary.
//! The analyzers of a build remember their stems and the texts just
//! before, so headings shared by the quotes of a section are analysed once
//! (`analysis::register_for_indexing`).

use rayon::prelude::*;
use tantivy::directory::RamDirectory;
use tantivy::indexer::UserOperation;
use tantivy::tokenizer::TokenizerManager;
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

use crate::analysis::{self, Decompounder};
use crate::tagging::Tagged;

use super::error::IndexError;
use super::schema::Fields;
use super::sections::{filed_under, Sections};

/// The memory each of tantivy's writer threads may use while indexing: the
/// bundled booklets fit in one segment; a collection of many thousand
/// quotes flushes into several, which the loaded index maps to quotes
/// segment by segment (`LoadedIndex::ords`).
const WRITER_MEMORY: usize = 50_000_000;

/// A build's two indexes in memory: the quotes' and their sections'.
pub(crate) struct Indexes {
    pub(crate) quotes: RamDirectory,
    pub(crate) sections: RamDirectory,
}

/// From how many quotes the writer analyses on every core. Each thread
/// writes a segment of its own, and a search pays a little for every
/// segment, so a collection small enough to index in a moment stays in
/// one; a larger one is indexed on all cores (the quotes' order is kept by
/// `ord`, whichever segment holds them).
const PARALLEL_FROM: usize = 10_000;

/// How many threads tantivy's writer indexes `quotes` quotes on.
fn writer_threads(quotes: usize) -> usize {
    if quotes < PARALLEL_FROM {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Indexes the quotes, in order (a quote's position is its `ord`), into a
/// new index in memory, analysed by the analyzers that remember what they
/// analysed (`analysis::register_for_indexing`), and their sections into
/// another, the two at once.
pub(crate) fn index(quotes: &[Tagged]) -> Result<Indexes, IndexError> {
    let sections = Sections::of(quotes);
    let (quotes, sections) = rayon::join(
        || index_with(quotes, &sections.of_quote, analysis::register_for_indexing),
        || sections.index(),
    );
    Ok(Indexes {
        quotes: quotes?,
        sections: sections?,
    })
}

/// The quotes' index, with the analyzers `register` registers; each quote
/// document holds the number of its section (`sections`, by `ord`).
fn index_with(
    quotes: &[Tagged],
    sections: &[u32],
    register: fn(&TokenizerManager),
) -> Result<RamDirectory, IndexError> {
    let (schema, fields) = Fields::schema();
    let ram = RamDirectory::create();
    let index = Index::create(ram.clone(), schema, Default::default())?;
    register(index.tokenizers());
    let decompounder = Decompounder::new(
        quotes
            .iter()
            .flat_map(|t| analysis::words(&t.quote.text))
            .map(|w| w.lower),
    );
    // The compounds split on all cores; tantivy's writer analyses the rest.
    let parts: Vec<String> = quotes
        .par_iter()
        .map(|t| decompounder.parts_text(&t.quote.text))
        .collect();
    let threads = writer_threads(quotes.len());
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads, WRITER_MEMORY * threads)?;
    // A section's quotes go to the writer together, so one thread analyses
    // them and its analyzers remember their shared headings.
    let mut batch: Vec<UserOperation> = Vec::new();
    for (ord, t) in quotes.iter().enumerate() {
        if ord > 0 && sections[ord] != sections[ord - 1] {
            writer.run(std::mem::take(&mut batch))?;
        }
        let q = &t.quote;
        let mut document: TantivyDocument = doc!(
            fields.ord => ord as u64,
            fields.id => q.id.as_str(),
            fields.text => q.text.as_str(),
            fields.exact => q.text.as_str(),
            fields.parts => parts[ord].as_str(),
            fields.context => t.headings.as_str(),
            fields.narration => t.narration.as_str(),
            fields.headings => filed_under(q),
            fields.section => u64::from(sections[ord]),
        );
        for topic in &q.topics {
            document.add_text(fields.topics, topic);
        }
        for topic in &t.evident_topics {
            document.add_text(fields.evident_topics, topic);
        }
        batch.push(UserOperation::Add(document));
    }
    writer.run(batch)?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(ram)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::postings::Postings;
    use tantivy::schema::{Field, IndexRecordOption};
    use tantivy::{DocSet, TERMINATED};

    use crate::Corpus;

    /// Every term of a field with its postings: each document, its term
    /// frequency and positions.
    type FieldPostings = Vec<(Vec<u8>, Vec<(u32, u32, Vec<u32>)>)>;

    /// A field's postings and every document's field norm.
    fn postings(index: &Index, field: Field) -> (FieldPostings, Vec<u32>) {
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 1, "one segment");
        let segment = &searcher.segment_readers()[0];
        let inverted = segment.inverted_index(field).unwrap();
        let mut terms = inverted.terms().stream().unwrap();
        let mut out = Vec::new();
        while terms.advance() {
            let info = terms.value().clone();
            let mut postings = inverted
                .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqsAndPositions)
                .unwrap();
            let mut docs = Vec::new();
            while postings.doc() != TERMINATED {
                let mut positions = Vec::new();
                postings.positions(&mut positions);
                docs.push((postings.doc(), postings.term_freq(), positions));
                postings.advance();
            }
            out.push((terms.key().to_vec(), docs));
        }
        let norms = segment
            .get_fieldnorms_reader(field)
            .ok()
            .map_or_else(Vec::new, |norms| {
                (0..segment.max_doc())
                    .map(|d| norms.fieldnorm_id(d).into())
                    .collect()
            });
        (out, norms)
    }

    #[test]
    fn the_remembering_analyzers_index_what_the_plain_ones_do() {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus"));
        let quotes = Corpus::load(dir).unwrap().extract().unwrap().tagged;
        let sections = Sections::of(&quotes).of_quote;
        let remembering = Index::open(index(&quotes).unwrap().quotes).unwrap();
        let plain =
            Index::open(index_with(&quotes, &sections, analysis::register).unwrap()).unwrap();
        let (schema, fields) = Fields::schema();
        for field in [
            fields.ord,
            fields.text,
            fields.exact,
            fields.parts,
            fields.context,
            fields.narration,
            fields.headings,
            fields.topics,
            fields.evident_topics,
        ] {
            assert!(
                postings(&remembering, field) == postings(&plain, field),
                "{}",
                schema.get_field_name(field)
            );
        }
    }
}
