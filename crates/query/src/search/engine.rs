//! The engine: an open index with what searching it needs in memory (the
//! quote records, the corpus vocabulary, the citations), and the quotes by
//! id as every face shows them.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use citater_indexer::analysis;
use citater_indexer::topic::Evidence;
use citater_indexer::{IndexStore, LoadedIndex, Outline, Publication, Quote, Topic};
use serde::Serialize;
use tantivy::{DocAddress, IndexReader, ReloadPolicy};

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
    pub(super) reader: IndexReader,
    /// Which quote (its position in `loaded.quotes`) each document holds.
    pub(super) ord_of: HashMap<DocAddress, usize>,
    pub(super) vocabulary: Vocabulary,
    citations: Citations,
    /// The stems each quote says, by quote.
    pub(super) quote_stems: Vec<HashSet<String>>,
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
    /// (`IndexStore::open_or_build`). `progress` hears about a build.
    pub fn open(
        index_dir: &Path,
        corpus_dir: &Path,
        progress: &mut dyn FnMut(&str),
    ) -> Result<Engine, Error> {
        let loaded = IndexStore::new(index_dir).open_or_build(corpus_dir, progress)?;
        Engine::from_loaded(loaded)
    }

    /// An engine over an index already in memory.
    pub fn from_loaded(mut loaded: LoadedIndex) -> Result<Engine, Error> {
        let reader = loaded
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| Error::Index(e.to_string()))?;
        let searcher = reader.searcher();
        // Checked when the generation was loaded: one document per quote.
        let ord_of = std::mem::take(&mut loaded.quote_of);
        let mut indexed_stems = HashSet::new();
        for segment in searcher.segment_readers() {
            let f = loaded.fields;
            for field in [f.text, f.parts, f.context, f.narration] {
                let inverted = segment
                    .inverted_index(field)
                    .map_err(|e| Error::Index(e.to_string()))?;
                let mut terms = inverted
                    .terms()
                    .stream()
                    .map_err(|e| Error::Index(e.to_string()))?;
                while terms.advance() {
                    if let Ok(term) = std::str::from_utf8(terms.key()) {
                        indexed_stems.insert(term.to_string());
                    }
                }
            }
        }
        let vocabulary = Vocabulary::of(&loaded.quotes, indexed_stems);
        let citations = Citations::new(&loaded.publications);
        let quote_stems = loaded
            .quotes
            .iter()
            .map(|q| {
                analysis::words(&q.text)
                    .iter()
                    .map(|w| analysis::stem(&w.lower))
                    .collect()
            })
            .collect();
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
            reader,
            ord_of,
            vocabulary,
            citations,
            quote_stems,
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
    pub fn quotes(&self) -> &[Quote] {
        &self.loaded.quotes
    }

    /// The metadata the index was built with, which may differ from the
    /// corpus on disk until the next build.
    pub fn publications(&self) -> &[Publication] {
        &self.loaded.publications
    }

    /// Every booklet's heading tree as the index was built with it.
    pub fn outlines(&self) -> &[Outline] {
        &self.loaded.outlines
    }

    /// The topics across booklets, in `topics.toml`'s order.
    pub fn topics(&self) -> &[Topic] {
        &self.loaded.topics
    }

    /// The stems of a stem's synonyms that the quotes say.
    pub(super) fn synonyms(&self, stem: &str) -> &[String] {
        self.loaded
            .synonyms
            .get(stem)
            .map(Vec::as_slice)
            .unwrap_or(&[])
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
    /// `source.file`.
    pub fn booklet_lines(&self, file: &str) -> Option<&[String]> {
        self.loaded.booklet_lines(file)
    }

    /// A quote by id, with its citation.
    pub fn quote(&self, id: &str) -> Result<CitedQuote<'_>, Error> {
        self.loaded
            .quotes
            .iter()
            .find(|q| q.id == id)
            .map(|q| self.cite(q))
            .ok_or_else(|| Error::unknown_quote(id))
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
        Filters::parse(raw, &self.loaded.quotes)
    }
}
