//! The engine: an open index with what searching it needs (the corpus
//! vocabulary, the facet columns, the citations), and the quotes by id as
//! every face shows them.

use std::collections::HashMap;
use std::path::Path;

use citater_indexer::analysis;
use citater_indexer::topic::Evidence;
use citater_indexer::{
    Imprint, IndexStore, LoadedIndex, Outline, Paragraph, Quote, QuoteStore, Residence, Tags, Topic,
};
use serde::Serialize;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::expansion::Vocabulary;
use super::filters::{Facet, Filters};
use crate::cite::Citations;
use crate::error::Error;

/// A quote as every face shows it: the record and its citation.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct CitedQuote<'a> {
    /// The record, flattened into the same JSON object.
    #[serde(flatten)]
    pub quote: &'a Quote,
    /// The one-line citation (`Citations::citation_field`), so every face
    /// shows a quote ready to cite.
    pub citation: String,
}

/// An open index, ready to answer searches.
pub struct Engine {
    pub(super) loaded: LoadedIndex,
    pub(super) vocabulary: Vocabulary,
    citations: Citations,
    /// The topics (ids) a word names, by the stem of one of the topic's
    /// names.
    topics_by_stem: HashMap<String, Vec<String>>,
    /// The topics (ids) a word signals, by the stem of one of the topic's
    /// one-word signals.
    topics_by_signal: HashMap<String, Vec<String>>,
    /// The words by which a quote belongs to each topic.
    pub(super) topic_evidence: Evidence,
}

impl Engine {
    /// Opens the index in `index_dir`, which the indexer first builds from
    /// the corpus when its rebuild policy says so
    /// (`IndexStore::open_or_build`), held as `residence` says. `progress`
    /// hears about a build.
    pub fn open(
        index_dir: &Path,
        corpus_dir: &Path,
        residence: Residence,
        progress: &mut dyn FnMut(&str),
    ) -> Result<Engine, Error> {
        let loaded = IndexStore::new(index_dir)
            .held(residence)
            .open_or_build(corpus_dir, progress)?;
        Engine::from_loaded(loaded)
    }

    /// An engine over an opened index. Reads nothing of the quotes: what
    /// search needs of them is in the index (the vocabulary is its term
    /// dictionaries, the facets its columns).
    pub fn from_loaded(loaded: LoadedIndex) -> Result<Engine, Error> {
        let f = loaded.fields;
        let vocabulary = Vocabulary::of(
            &loaded.reader.searcher(),
            f.exact,
            f.text,
            &[f.text, f.parts, f.context, f.narration],
            loaded.info.longest_word,
        )
        .map_err(|e| Error::Index(format!("Søgebiblioteket fejlede: {e}.")))?;
        let citations = Citations::new(&loaded.publications);
        let by_stem = |words: fn(&Topic) -> &[String]| {
            let mut map: HashMap<String, Vec<String>> = HashMap::new();
            for topic in &loaded.topics {
                for word in words(topic).iter().filter(|w| !w.contains(' ')) {
                    let ids = map.entry(analysis::stem(word)).or_default();
                    if !ids.contains(&topic.id) {
                        ids.push(topic.id.clone());
                    }
                }
            }
            map
        };
        let topics_by_stem = by_stem(|t| &t.names);
        let topics_by_signal = by_stem(|t| &t.words);
        let topic_evidence = Evidence::new(&loaded.topics);
        Ok(Engine {
            topic_evidence,
            loaded,
            vocabulary,
            citations,
            topics_by_stem,
            topics_by_signal,
        })
    }

    /// Which index generation this engine serves.
    pub fn generation(&self) -> &str {
        &self.loaded.generation
    }

    /// Every quote record in reading order, booklet by booklet; a quote's
    /// position is its `ord` in the index.
    pub fn quotes(&self) -> &QuoteStore {
        &self.loaded.quotes
    }

    /// The quote at `ord`.
    pub fn quote_at(&self, ord: usize) -> Result<&Quote, Error> {
        self.loaded.quotes.get(ord).map_err(|e| {
            Error::Index(format!(
                "{e}; kør `citater index` for at bygge indekset igen."
            ))
        })
    }

    /// Every quote in reading order.
    pub fn all_quotes(&self) -> Result<Vec<&Quote>, Error> {
        (0..self.loaded.quotes.len())
            .map(|ord| self.quote_at(ord))
            .collect()
    }

    /// Each quote's facet values, by number.
    pub fn tags(&self) -> &Tags {
        &self.loaded.tags
    }

    /// The position of the quote with this id, found through the index.
    pub fn ord_of_id(&self, id: &str) -> Result<usize, Error> {
        let term = Term::from_field_text(self.loaded.fields.id, id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let found = self.found(&query)?;
        found
            .iter()
            .position(|&f| f)
            .ok_or_else(|| Error::unknown_quote(id))
    }

    /// The metadata the index was built with, which may differ from the
    /// corpus on disk until the next build.
    pub fn publications(&self) -> &[Imprint] {
        &self.loaded.publications
    }

    /// Every booklet's heading tree as the index was built with it.
    pub fn outlines(&self) -> Result<&[Outline], Error> {
        Ok(self.loaded.outlines()?)
    }

    /// The topics across booklets, in `topics.toml`'s order.
    pub fn topics(&self) -> &[Topic] {
        &self.loaded.topics
    }

    /// The stems of a stem's synonyms that the quotes say.
    pub(super) fn synonyms(&self, stem: &str) -> Vec<&str> {
        self.loaded.synonyms.get(stem)
    }

    /// The topics a word (by its stem) names.
    pub(super) fn topics_named(&self, stem: &str) -> &[String] {
        self.topics_by_stem
            .get(stem)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The topics a word (by its stem) signals, as a quote's words do.
    pub(super) fn topics_signalled(&self, stem: &str) -> &[String] {
        self.topics_by_signal
            .get(stem)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Citations over every publication, so year labels ("u.å.-a") agree
    /// wherever a quote is cited.
    pub fn citations(&self) -> &Citations {
        &self.citations
    }

    /// The corpus vocabulary queries are expanded against.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The lines of a booklet as the index holds them, by a quote's
    /// `source.file`; `None` for a booklet it does not hold.
    pub fn booklet_lines(&self, file: &str) -> Result<Option<&[String]>, Error> {
        Ok(self.loaded.booklet_lines(file)?)
    }

    /// The paragraphs of a booklet as a reader reads them, by a quote's
    /// `source.file`; `None` for a booklet the index does not hold.
    pub fn paragraphs(&self, file: &str) -> Result<Option<&[Paragraph]>, Error> {
        Ok(self.loaded.paragraphs(file)?)
    }

    /// A quote by id, with its citation.
    pub fn quote(&self, id: &str) -> Result<CitedQuote<'_>, Error> {
        let quote = self.quote_at(self.ord_of_id(id)?)?;
        Ok(self.cite(quote))
    }

    /// A quote with its citation, as every face shows it.
    pub fn cite<'a>(&self, quote: &'a Quote) -> CitedQuote<'a> {
        CitedQuote {
            quote,
            citation: self.citations.citation_field(quote),
        }
    }

    /// Filters from typed (facet, value) pairs, checked against the corpus.
    pub fn filters(&self, raw: &[(Facet, String)]) -> Result<Filters, Error> {
        Filters::parse(raw, &self.loaded.tags)
    }
}
