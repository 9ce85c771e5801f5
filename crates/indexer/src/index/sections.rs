//! Sections: what the section a quote stands in is about, as one text (its
//! headings, then the speech of all its quotes), indexed once per section
//! in a tantivy index of its own (`sections/` in a generation).
//!
//! A section only ranks its quotes (`schema.rs` says which fields are a
//! quote's own). Indexed as a field of every quote's document, a section's
//! text was written once for each of its quotes: the build and the index
//! grew with the square of a section's size, and a booklet with sections
//! of a thousand quotes could not be indexed at all. Here a section is one
//! document, a quote's document holds its section's number (the `section`
//! fast field), and [`SectionQuery`] scores a quote as a term query on that
//! per-quote field did: BM25 with the quotes as the documents (N is the
//! number of quotes, a term's document frequency the number of quotes whose
//! section says it, the average length is over quotes), with the term's
//! frequency in the section's text and that text's length. So a quote's
//! score is what it was; only the work is done once per section.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use tantivy::directory::RamDirectory;
use tantivy::index::SegmentId;
use tantivy::query::{Bm25Weight, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST};
use tantivy::tokenizer::MAX_TOKEN_LEN;
use tantivy::{
    doc, DocId, DocSet, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentReader,
    TantivyError, Term, TERMINATED,
};

use crate::analysis::{self, STEMMED};
use crate::quote::Quote;
use crate::tagging::Tagged;

use super::error::{tantivy_reason, IndexError};
use super::fast_column::every_value;

/// The memory tantivy may use while indexing the sections (each section is
/// one document, so a collection's sections hold about its speech once).
const WRITER_MEMORY: usize = 50_000_000;

const NUMBER: &str = "number";
const TOKENS: &str = "tokens";

/// The sections of a build: each quote's section and each section's text.
pub(crate) struct Sections {
    /// For each quote (by `ord`), its section's number.
    pub(crate) of_quote: Vec<u32>,
    /// For each section (by number), its headings and its quotes' speech.
    texts: Vec<String>,
}

impl Sections {
    /// The sections `quotes` stand in (a booklet, a theme and a subtheme),
    /// numbered in the order their first quote comes.
    pub(crate) fn of(quotes: &[Tagged]) -> Sections {
        let mut numbers: HashMap<(&str, &str, Option<&str>), u32> = HashMap::new();
        let mut sections = Sections {
            of_quote: Vec::with_capacity(quotes.len()),
            texts: Vec::new(),
        };
        for t in quotes {
            let q = &t.quote;
            let next = sections.texts.len() as u32;
            let number = *numbers.entry(section_of(q)).or_insert(next);
            if number == next {
                sections.texts.push(filed_under(q));
            }
            let text = &mut sections.texts[number as usize];
            text.push('\n');
            text.push_str(&q.text);
            sections.of_quote.push(number);
        }
        sections
    }

    /// The sections indexed in memory, a document each, with the number of
    /// tokens its text has (what BM25 needs of the quotes' view of it, see
    /// `SectionIndex`).
    pub(crate) fn index(&self) -> Result<RamDirectory, IndexError> {
        let (schema, fields) = SectionFields::schema();
        let ram = RamDirectory::create();
        let index = Index::create(ram.clone(), schema, Default::default())?;
        analysis::register(index.tokenizers());
        let mut analyzer = index
            .tokenizers()
            .get(STEMMED)
            .expect("the stemming analyzer is registered");
        let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        for (number, text) in self.texts.iter().enumerate() {
            // Counted as tantivy counts a field's length.
            let mut tokens = 0u64;
            analyzer.token_stream(text).process(&mut |token| {
                if token.text.len() <= MAX_TOKEN_LEN {
                    tokens += 1;
                }
            });
            writer.add_document(doc!(
                fields.number => number as u64,
                fields.tokens => tokens,
                fields.text => text.as_str(),
            ))?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        Ok(ram)
    }
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
pub(crate) fn filed_under(quote: &Quote) -> String {
    match &quote.subtheme {
        Some(sub) => format!("{}\n{sub}", quote.theme),
        None => quote.theme.clone(),
    }
}

/// The fields of a section document.
#[derive(Debug, Clone, Copy)]
struct SectionFields {
    /// The section's number, as quote documents hold it.
    number: Field,
    /// How many tokens its text has: its length, which the field norm only
    /// keeps approximately.
    tokens: Field,
    /// Its headings and speech, stemmed, with the term frequencies BM25
    /// needs (no positions: no phrase is matched against a section).
    text: Field,
}

impl SectionFields {
    fn schema() -> (Schema, SectionFields) {
        let mut builder = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(STEMMED)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = SectionFields {
            number: builder.add_u64_field(NUMBER, FAST),
            tokens: builder.add_u64_field(TOKENS, FAST),
            text: builder.add_text_field("text", text),
        };
        (builder.build(), fields)
    }

    fn of(schema: &Schema) -> tantivy::Result<SectionFields> {
        Ok(SectionFields {
            number: schema.get_field(NUMBER)?,
            tokens: schema.get_field(TOKENS)?,
            text: schema.get_field("text")?,
        })
    }
}

/// The sections of a loaded generation: their index, and for each segment
/// of the quotes' index, its documents grouped by section.
pub struct SectionIndex {
    reader: IndexReader,
    text: Field,
    /// For each segment of the sections' index (by ordinal), the section
    /// each document is.
    numbers: Vec<Vec<u32>>,
    /// For each section, how many quotes stand in it.
    quotes: Vec<u32>,
    /// How many quotes there are: BM25's N.
    total_quotes: u64,
    /// The average length of a quote's section text, over quotes.
    average_length: Score,
    /// For each segment of the quotes' index, its documents by section.
    members: HashMap<SegmentId, Members>,
}

/// One segment's quote documents grouped by section: section `s` holds
/// `docs[starts[s]..starts[s + 1]]`, in document order.
struct Members {
    starts: Vec<u32>,
    docs: Vec<DocId>,
}

impl Members {
    fn of(&self, section: u32) -> &[DocId] {
        let s = section as usize;
        &self.docs[self.starts[s] as usize..self.starts[s + 1] as usize]
    }
}

impl SectionIndex {
    /// The sections' `index` beside the quotes' (`quotes`, whose documents
    /// hold their section's number in `section`); `Err` when the two
    /// disagree: a quote in a section that is not there, a section twice.
    pub(crate) fn open(
        index: Index,
        quotes: &IndexReader,
        section: Field,
    ) -> Result<SectionIndex, String> {
        let fields = SectionFields::of(&index.schema())
            .map_err(|e| format!("afsnitsindeksets skema passer ikke: {e}"))?;
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: TantivyError| {
                format!(
                    "søgebiblioteket kan ikke åbne afsnitsindekset: {}",
                    tantivy_reason(&e)
                )
            })?;
        let searcher = reader.searcher();
        let count = searcher.num_docs() as usize;
        let mut tokens = vec![None; count];
        let mut numbers = Vec::new();
        for segment in searcher.segment_readers() {
            let lengths = every_value(segment, TOKENS)?;
            let mut of_segment = Vec::with_capacity(segment.max_doc() as usize);
            for (number, length) in every_value(segment, NUMBER)?.into_iter().zip(lengths) {
                let n = usize::try_from(number).unwrap_or(usize::MAX);
                if n >= count || tokens[n].is_some() {
                    return Err(format!(
                        "dens afsnitsindeks har et dokument ({number}) for intet af de {count} afsnit"
                    ));
                }
                tokens[n] = Some(length);
                of_segment.push(n as u32);
            }
            numbers.push(of_segment);
        }
        let tokens: Vec<u64> = tokens.into_iter().map(Option::unwrap_or_default).collect();
        let mut quote_counts = vec![0u32; count];
        let mut members = HashMap::new();
        let quotes = quotes.searcher();
        let section = quotes.schema().get_field_name(section);
        for segment in quotes.segment_readers() {
            let mut of_doc = Vec::with_capacity(segment.max_doc() as usize);
            for n in every_value(segment, section)? {
                match usize::try_from(n).ok().filter(|&n| n < count) {
                    Some(n) => of_doc.push(n as u32),
                    None => {
                        return Err(format!(
                            "et citat i dens indeks står i intet af de {count} afsnit"
                        ))
                    }
                }
            }
            for &n in &of_doc {
                quote_counts[n as usize] += 1;
            }
            members.insert(segment.segment_id(), Members::grouping(&of_doc, count));
        }
        let total_quotes: u64 = quote_counts.iter().map(|&q| u64::from(q)).sum();
        let total_tokens: u64 = quote_counts
            .iter()
            .zip(&tokens)
            .map(|(&q, &t)| u64::from(q) * t)
            .sum();
        // As tantivy averages a field's length: its tokens over documents.
        let average_length = total_tokens as Score / total_quotes.max(1) as Score;
        Ok(SectionIndex {
            reader,
            text: fields.text,
            numbers,
            quotes: quote_counts,
            total_quotes,
            average_length,
            members,
        })
    }

    /// The quotes whose section says `stem`, scored as described above.
    pub fn query(self: &Arc<Self>, stem: &str) -> SectionQuery {
        SectionQuery {
            sections: Arc::clone(self),
            stem: stem.to_string(),
        }
    }
}

impl Members {
    /// The documents of a segment grouped by the section each stands in
    /// (`of_doc`), for `count` sections.
    fn grouping(of_doc: &[u32], count: usize) -> Members {
        let mut starts = vec![0u32; count + 1];
        for &s in of_doc {
            starts[s as usize + 1] += 1;
        }
        for s in 0..count {
            starts[s + 1] += starts[s];
        }
        let mut next = starts.clone();
        let mut docs = vec![0; of_doc.len()];
        for (doc, &s) in of_doc.iter().enumerate() {
            docs[next[s as usize] as usize] = doc as DocId;
            next[s as usize] += 1;
        }
        Members { starts, docs }
    }
}

/// The quotes whose section says a stem (see the module's comment).
#[derive(Clone)]
pub struct SectionQuery {
    sections: Arc<SectionIndex>,
    stem: String,
}

impl fmt::Debug for SectionQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SectionQuery({:?})", self.stem)
    }
}

/// A section that says the stem: its number, the field norm of its text
/// and how often it says the stem.
struct Hit {
    section: u32,
    fieldnorm_id: u8,
    term_freq: u32,
}

impl Query for SectionQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let sections = &self.sections;
        let term = Term::from_field_text(sections.text, &self.stem);
        let (mut hits, mut quotes) = (Vec::new(), 0u64);
        let searcher = sections.reader.searcher();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let inverted = segment.inverted_index(sections.text)?;
            let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::WithFreqs)?
            else {
                continue;
            };
            let norms = segment.get_fieldnorms_reader(sections.text)?;
            while postings.doc() != TERMINATED {
                let doc = postings.doc();
                let section = sections.numbers[ord][doc as usize];
                quotes += u64::from(sections.quotes[section as usize]);
                hits.push(Hit {
                    section,
                    fieldnorm_id: norms.fieldnorm_id(doc),
                    term_freq: tantivy::postings::Postings::term_freq(&postings),
                });
                postings.advance();
            }
        }
        let bm25 = Bm25Weight::for_one_term_without_explain(
            quotes,
            sections.total_quotes,
            sections.average_length,
        );
        Ok(Box::new(SectionWeight {
            sections: Arc::clone(sections),
            hits,
            bm25,
        }))
    }
}

struct SectionWeight {
    sections: Arc<SectionIndex>,
    hits: Vec<Hit>,
    bm25: Bm25Weight,
}

impl Weight for SectionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut docs = Vec::new();
        if let Some(members) = self.sections.members.get(&reader.segment_id()) {
            let bm25 = self.bm25.boost_by(boost);
            for hit in &self.hits {
                let score = bm25.score(hit.fieldnorm_id, hit.term_freq);
                docs.extend(members.of(hit.section).iter().map(|&doc| (doc, score)));
            }
        }
        // Sections number in document order, so this is mostly in order.
        docs.sort_unstable_by_key(|&(doc, _)| doc);
        Ok(Box::new(SectionScorer { docs, at: 0 }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} is in no section that says the term"
            )));
        }
        Ok(Explanation::new(
            "BM25 of the term in the quote's section, over quotes",
            scorer.score(),
        ))
    }
}

/// The documents of one segment a `SectionQuery` finds, with their scores,
/// in document order.
struct SectionScorer {
    docs: Vec<(DocId, Score)>,
    at: usize,
}

impl DocSet for SectionScorer {
    fn advance(&mut self) -> DocId {
        self.at = (self.at + 1).min(self.docs.len());
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.at += self.docs[self.at..].partition_point(|&(doc, _)| doc < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).map_or(TERMINATED, |&(doc, _)| doc)
    }

    fn size_hint(&self) -> u32 {
        (self.docs.len() - self.at) as u32
    }
}

impl Scorer for SectionScorer {
    fn score(&mut self) -> Score {
        self.docs.get(self.at).map_or(0.0, |&(_, score)| score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::TermQuery;
    use tantivy::schema::FAST as FAST_FIELD;

    use crate::Corpus;

    /// Every document a weight's scorer finds in a segment, with its score.
    fn scored(weight: &dyn Weight, segment: &SegmentReader) -> Vec<(DocId, Score)> {
        let mut scorer = weight.scorer(segment, 1.0).unwrap();
        let mut found = Vec::new();
        while scorer.doc() != TERMINATED {
            found.push((scorer.doc(), scorer.score()));
            scorer.advance();
        }
        found
    }

    #[test]
    fn a_section_scores_its_quotes_as_a_field_of_each_quote_would() {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus"));
        let quotes = Corpus::load(dir).unwrap().extract().unwrap().tagged;
        let sections = Sections::of(&quotes);
        assert!(sections.texts.len() > 20 && sections.texts.len() < quotes.len() / 2);
        // The way it was: each quote document holds its section's text.
        let mut builder = Schema::builder();
        let number = builder.add_u64_field("section", FAST_FIELD);
        let text = builder.add_text_field(
            "text",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(STEMMED)
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        );
        let each_quote = Index::create_in_ram(builder.build());
        analysis::register(each_quote.tokenizers());
        let mut writer: IndexWriter = each_quote.writer_with_num_threads(1, 15_000_000).unwrap();
        for &n in &sections.of_quote {
            let section = sections.texts[n as usize].as_str();
            writer
                .add_document(doc!(number => u64::from(n), text => section))
                .unwrap();
        }
        writer.commit().unwrap();
        let reader = each_quote.reader().unwrap();
        let searcher = reader.searcher();
        let segment = &searcher.segment_readers()[0];
        let once = Index::open(sections.index().unwrap()).unwrap();
        let once = Arc::new(SectionIndex::open(once, &reader, number).unwrap());
        let inverted = segment.inverted_index(text).unwrap();
        let mut terms = inverted.terms().stream().unwrap();
        let mut compared = 0;
        while terms.advance() {
            let stem = std::str::from_utf8(terms.key()).unwrap();
            let term = TermQuery::new(
                Term::from_field_text(text, stem),
                IndexRecordOption::WithFreqs,
            );
            let scoring = EnableScoring::enabled_from_searcher(&searcher);
            let expected = scored(&*term.weight(scoring).unwrap(), segment);
            let found = scored(&*once.query(stem).weight(scoring).unwrap(), segment);
            assert_eq!(found, expected, "{stem}");
            compared += 1;
        }
        assert!(compared > 1000, "{compared} terms");
        let nothing = once
            .query("aldrigsagt")
            .weight(EnableScoring::enabled_from_searcher(&searcher));
        assert!(scored(&*nothing.unwrap(), segment).is_empty());
    }

    #[test]
    fn a_quote_in_no_section_makes_the_pair_unusable() {
        let mut builder = Schema::builder();
        let number = builder.add_u64_field("section", FAST_FIELD);
        let quotes = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter = quotes.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.add_document(doc!(number => 3u64)).unwrap();
        writer.commit().unwrap();
        let sections = Sections {
            of_quote: vec![0],
            texts: vec!["Tillid\nVi taler om tillid".into()],
        };
        let index = Index::open(sections.index().unwrap()).unwrap();
        assert!(SectionIndex::open(index, &quotes.reader().unwrap(), number).is_err());
    }
}
