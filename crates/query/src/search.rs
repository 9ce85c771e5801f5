//! Search: from what a user typed to ranked, filtered, faceted hits.
//!
//! Tantivy matches and ranks (BM25); everything after ranking happens over
//! the few hundred quote records in memory, which keeps facet counting exact
//! and simple: the query's matches are counted under every combination of
//! the other facets' filters, so a facet's own choice never shrinks its own
//! counts.
//!
//! Each query word searches several forms of the quotes, weighted so the
//! closer the match the higher it ranks: the stem (inflections), the exact
//! form (a bonus), compound parts (`ledelse` in `personaleledelse`), the
//! headings a quote stands under, and, for a word the corpus does not have,
//! its near spellings.

use std::collections::{HashMap, HashSet};

use citater_indexer::analysis;
use citater_indexer::{IndexStore, LoadedIndex, Publication, Quote};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::citation::Citations;
use crate::error::Error;
use crate::expansion::{Match, Vocabulary};
use crate::filters::{Facet, Filters};
use crate::snippet::{snippet, Highlight};
use crate::syntax::{self, Clause};

/// Weights of the kinds of match, relative to a stem match in the speech.
mod weight {
    /// The word in any inflection.
    pub const STEM: f32 = 1.0;
    /// Extra for the word exactly as typed.
    pub const EXACT_FORM: f32 = 0.3;
    /// The word as a part of a compound.
    pub const COMPOUND_PART: f32 = 0.5;
    /// A word of the same family (`rådgiver` → `rådgivning`).
    pub const FAMILY: f32 = 0.8;
    /// The word in a heading the quote stands under.
    pub const HEADING: f32 = 0.3;
    /// A near spelling of a word the corpus does not have.
    pub const NEAR_SPELLING: f32 = 0.5;
    /// A part of a compound the user typed, found on its own.
    pub const PART_OF_QUERY: f32 = 0.3;
    /// The word in the narration introducing or following the quote.
    pub const NARRATION: f32 = 0.25;
    /// Words of a phrase standing together.
    pub const PHRASE: f32 = 1.5;
    /// The most telling word of the best hits, added to the query.
    pub const FEEDBACK: f32 = 0.1;
}

/// Feedback reads this many of the best hits …
const FEEDBACK_HITS: usize = 5;
/// … and adds at most this many of their words to the query.
const FEEDBACK_WORDS: usize = 10;
/// Similar quotes are found by this many of a quote's most telling words.
const SIMILAR_WORDS: usize = 15;

/// The most results one request may ask for.
pub const MAX_LIMIT: usize = 100;
/// The most words a prefix expands to.
const PREFIX_EXPANSIONS: usize = 64;

/// A search as a user asks for it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// As typed: parsed leniently and never rejected; empty lists every quote
    /// the filters admit, in reading order.
    pub query: String,
    /// Already checked against the corpus (see `Engine::filters`).
    pub filters: Filters,
    /// How many hits to return, at most `MAX_LIMIT`; 0 asks only for the total
    /// and the facets.
    pub limit: usize,
    /// How many ranked hits to skip, for paging.
    pub offset: usize,
}

/// A quote as every face shows it: the record and its citation.
#[derive(Debug, Clone, Serialize)]
pub struct CitedQuote<'a> {
    /// The record, flattened into the same JSON object.
    #[serde(flatten)]
    pub quote: &'a Quote,
    /// The one-line citation (`Citations::citation_field`), so every face
    /// shows a quote ready to cite.
    pub citation: String,
}

/// One result of a search.
#[derive(Debug, Clone, Serialize)]
pub struct Hit<'a> {
    /// The ranking score, comparable only within one search; 0 for an empty
    /// query.
    pub score: f32,
    /// HTML-escaped text with the matches in `<b>`, cut around them when the
    /// quote is long.
    pub snippet: String,
    /// The quote and its citation, flattened: a hit is a quote with two more
    /// fields.
    #[serde(flatten)]
    pub quote: CitedQuote<'a>,
}

/// Counts per value, per facet, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets(pub Vec<(Facet, Vec<(String, usize)>)>);

impl Facets {
    /// A facet's counts in display order; empty for a facet not counted.
    pub fn get(&self, facet: Facet) -> &[(String, usize)] {
        self.0
            .iter()
            .find(|(f, _)| *f == facet)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }
}

impl Serialize for Facets {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Counts<'a>(&'a [(String, usize)]);
        impl Serialize for Counts<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (value, count) in self.0 {
                    map.serialize_entry(value, count)?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (facet, counts) in &self.0 {
            map.serialize_entry(facet.as_str(), &Counts(counts))?;
        }
        map.end()
    }
}

/// The answer to a search: the page of hits asked for, how many there are,
/// and the facet counts over all of them.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResponse<'a> {
    /// The query as typed, echoed.
    pub query: String,
    /// How many matches pass the filters; `hits` is one page of them.
    pub total: usize,
    /// Echoed, for paging.
    pub offset: usize,
    /// The page asked for, best first.
    pub hits: Vec<Hit<'a>>,
    /// Counts over every match, each facet ignoring its own filter so choosing
    /// a value does not hide the others.
    pub facets: Facets,
    /// The terms the query searched for, for marking matches in other
    /// renderings than the snippets (the terminal).
    #[serde(skip)]
    pub highlight: Highlight,
}

/// An open index, ready to answer searches.
pub struct Engine {
    loaded: LoadedIndex,
    reader: IndexReader,
    ord_of: HashMap<DocAddress, usize>,
    vocabulary: Vocabulary,
    citations: Citations,
    /// The stems each quote says, by quote.
    quote_stems: Vec<HashSet<String>>,
}

impl Engine {
    /// Opens the index in `index_dir`, building it first from the corpus
    /// when it is missing or older than the corpus. Where the index cannot
    /// be written, it is built in memory instead. `progress` hears about a
    /// build, which takes a few seconds.
    pub fn open(
        index_dir: &std::path::Path,
        corpus_dir: &std::path::Path,
        progress: &mut dyn FnMut(&str),
    ) -> Result<Engine, Error> {
        let store = IndexStore::new(index_dir);
        let corpus_present = corpus_dir
            .join(citater_indexer::corpus::PUBLICATIONS_FILE)
            .exists();
        if corpus_present || store.current().is_none() {
            let corpus = citater_indexer::Corpus::load(corpus_dir)?;
            if store.is_stale(&corpus)? {
                if let Err(e) = store.build(&corpus, progress) {
                    progress(&format!(
                        "cannot write the index ({e}); searching an index built in memory"
                    ));
                    return Engine::from_loaded(IndexStore::build_in_memory(&corpus)?);
                }
            }
        }
        Engine::from_loaded(store.load()?)
    }

    /// An engine over an index already in memory.
    pub fn from_loaded(loaded: LoadedIndex) -> Result<Engine, Error> {
        let reader = loaded
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| Error::Index(e.to_string()))?;
        let searcher = reader.searcher();
        let mut ord_of = HashMap::new();
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc_id in 0..segment.max_doc() {
                let address = DocAddress::new(segment_ord as u32, doc_id);
                let doc: TantivyDocument = searcher
                    .doc(address)
                    .map_err(|e| Error::Index(e.to_string()))?;
                if let Some(ord) = doc.get_first(loaded.fields.ord).and_then(|v| v.as_u64()) {
                    ord_of.insert(address, ord as usize);
                }
            }
        }
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
        Ok(Engine {
            loaded,
            reader,
            ord_of,
            vocabulary,
            citations,
            quote_stems,
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

    /// Citations over every publication, so year labels ("u.å.-a") agree
    /// wherever a quote is cited.
    pub fn citations(&self) -> &Citations {
        &self.citations
    }

    /// The corpus vocabulary queries are expanded against.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
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

    /// Runs a search: ranked hits for the page asked for, with facets.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse<'_>, Error> {
        if request.limit > MAX_LIMIT {
            return Err(Error::usage(format!("limit must be at most {MAX_LIMIT}")));
        }
        let (matches, highlight) = self.matches(&request.query)?;
        let facets = self.facet_counts(&matches, &request.filters);
        let admitted: Vec<(usize, f32)> = matches
            .into_iter()
            .filter(|(ord, _)| request.filters.admits(&self.loaded.quotes[*ord], None))
            .collect();
        let total = admitted.len();
        let decompounder = self.vocabulary.decompounder();
        let hits = admitted
            .into_iter()
            .skip(request.offset)
            .take(request.limit)
            .map(|(ord, score)| {
                let quote = &self.loaded.quotes[ord];
                Hit {
                    score,
                    snippet: snippet(&quote.text, &highlight, decompounder),
                    quote: self.cite(quote),
                }
            })
            .collect();
        Ok(SearchResponse {
            query: request.query.clone(),
            total,
            offset: request.offset,
            hits,
            facets,
            highlight,
        })
    }

    /// Every quote a query matches, best first (reading order for an empty
    /// query), with the terms to highlight in them.
    pub fn matches(&self, query: &str) -> Result<(Vec<(usize, f32)>, Highlight), Error> {
        let parsed = syntax::parse(query);
        if parsed.is_empty() {
            let all = (0..self.loaded.quotes.len())
                .map(|ord| (ord, 0.0))
                .collect();
            return Ok((all, Highlight::default()));
        }
        let (query, highlight) = self.compile(&parsed.clauses);
        let mut first = self.run(query.as_ref())?;
        // Feedback only widens plain words; phrases, prefixes and operators
        // say exactly what to find.
        let plain = parsed
            .clauses
            .iter()
            .all(|(o, c)| *o == syntax::Occur::Should && matches!(c, Clause::Word(_)));
        if plain && !first.is_empty() {
            let expansion = self.feedback(&first, &highlight);
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, query)];
            clauses.extend(expansion);
            first = self.run(&BooleanQuery::new(clauses))?;
        }
        self.word_before_compounds(&parsed.clauses, &mut first);
        Ok((first, highlight))
    }

    /// For a one-word query, quotes that say the word (in any inflection or
    /// spelling) rank above quotes found through a compound, a word family or
    /// their surroundings, each group in score order: `ledelse` lists the
    /// quotes saying "ledelse" before those saying "personaleledelse". With
    /// several words, the score alone weighs how much each quote matches.
    fn word_before_compounds(
        &self,
        clauses: &[(syntax::Occur, Clause)],
        ranked: &mut [(usize, f32)],
    ) {
        let mut words = clauses.iter().filter(|(o, _)| *o != syntax::Occur::MustNot);
        let (Some((_, Clause::Word(word))), None) = (words.next(), words.next()) else {
            return;
        };
        let stems: HashSet<String> = self
            .vocabulary
            .resolve(word)
            .iter()
            .map(|(form, _)| analysis::stem(form))
            .collect();
        let says = |ord: usize| stems.iter().any(|s| self.quote_stems[ord].contains(s));
        ranked.sort_by(|a, b| {
            says(b.0)
                .cmp(&says(a.0))
                .then(b.1.total_cmp(&a.1))
                .then(a.0.cmp(&b.0))
        });
    }

    /// Pseudo-relevance feedback: the words that most distinguish the best
    /// hits (by tf-idf) join the query with a small weight, so a quote that
    /// speaks of the topic in other words ("underskud" for "budget") still
    /// ranks. The weight is small enough that the query's own words decide.
    fn feedback(
        &self,
        ranked: &[(usize, f32)],
        searched: &Highlight,
    ) -> Vec<(Occur, Box<dyn Query>)> {
        let field = self.loaded.fields.text;
        let ords: Vec<usize> = ranked.iter().take(FEEDBACK_HITS).map(|(o, _)| *o).collect();
        // Words of one quote only say nothing about the topic; words of many
        // quotes say nothing at all.
        let telling = self.telling_stems(&ords, &searched.stems, 8.0, FEEDBACK_WORDS);
        let strongest = telling.first().map_or(1.0, |(_, w)| *w);
        telling
            .into_iter()
            .map(|(stem, w)| {
                (
                    Occur::Should,
                    boosted(field, &stem, weight::FEEDBACK * w / strongest),
                )
            })
            .collect()
    }

    /// Runs a tantivy query over every quote, best first, ties in reading
    /// order.
    fn run(&self, query: &dyn Query) -> Result<Vec<(usize, f32)>, Error> {
        let searcher = self.reader.searcher();
        let limit = self.loaded.quotes.len().max(1);
        let top = searcher
            .search(query, &TopDocs::with_limit(limit).order_by_score())
            .map_err(|e| Error::Index(e.to_string()))?;
        let mut found: Vec<(usize, f32)> = top
            .into_iter()
            .filter_map(|(score, address)| self.ord_of.get(&address).map(|&ord| (ord, score)))
            .collect();
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(found)
    }

    /// Turns parsed clauses into one tantivy query. A required clause that
    /// matches no corpus word makes the whole query match nothing; an
    /// optional one is dropped.
    fn compile(&self, clauses: &[(syntax::Occur, Clause)]) -> (Box<dyn Query>, Highlight) {
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut highlight = Highlight::default();
        let mut positive = false;
        for (occur, clause) in clauses {
            let compiled = self.clause(clause, *occur);
            match (occur, compiled) {
                (syntax::Occur::Must, None) => return (Box::new(EmptyQuery), Highlight::default()),
                (_, None) => {}
                (syntax::Occur::MustNot, Some((q, _))) => parts.push((Occur::MustNot, q)),
                (o, Some((q, h))) => {
                    positive = true;
                    highlight.merge(h);
                    let occur = if *o == syntax::Occur::Must {
                        Occur::Must
                    } else {
                        Occur::Should
                    };
                    parts.push((occur, q));
                }
            }
        }
        if !positive {
            if parts.is_empty() {
                return (Box::new(EmptyQuery), highlight);
            }
            parts.push((Occur::Must, Box::new(AllQuery)));
        }
        (Box::new(BooleanQuery::new(parts)), highlight)
    }

    fn clause(&self, clause: &Clause, occur: syntax::Occur) -> Option<(Box<dyn Query>, Highlight)> {
        match clause {
            Clause::Word(word) => self.word(word, occur),
            Clause::Phrase(words) => self.phrase(words),
            Clause::Prefix(prefix) => self.prefix(prefix),
            Clause::Group(clauses) => {
                let (q, h) = self.compile(clauses);
                (!h.is_empty()).then_some((q, h))
            }
        }
    }

    /// A word: its corpus forms (as typed, unfolded or near spellings) in
    /// every kind of match, and the parts of a compound typed whole.
    ///
    /// What the quote itself says (its words, their compound parts) is the
    /// match; the headings and narration around it only rank. So an optional
    /// word may find a quote by its surroundings alone, but a required word
    /// must be in the quote, and an excluded word excludes only quotes that
    /// say it.
    fn word(&self, typed: &str, occur: syntax::Occur) -> Option<(Box<dyn Query>, Highlight)> {
        let fields = self.loaded.fields;
        let mut own: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut around: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut highlight = Highlight::default();
        for (form, how) in self.vocabulary.resolve(typed) {
            let scale = if how == Match::Near {
                weight::NEAR_SPELLING
            } else {
                1.0
            };
            let stem = analysis::stem(&form);
            for (field, text, w) in [
                (fields.text, stem.as_str(), weight::STEM),
                (fields.exact, form.as_str(), weight::EXACT_FORM),
                (fields.parts, stem.as_str(), weight::COMPOUND_PART),
            ] {
                own.push((Occur::Should, boosted(field, text, w * scale)));
            }
            for (field, w) in [
                (fields.context, weight::HEADING),
                (fields.narration, weight::NARRATION),
            ] {
                around.push((Occur::Should, boosted(field, &stem, w * scale)));
            }
            for relative in self.vocabulary.family(&stem) {
                own.push((
                    Occur::Should,
                    boosted(fields.text, &relative, weight::FAMILY * scale),
                ));
                highlight.stems.insert(relative);
            }
            highlight.stems.insert(stem);
            highlight.forms.insert(form);
        }
        let lower = typed.to_lowercase();
        for part in self.vocabulary.decompounder().parts(&lower) {
            let stem = analysis::stem(&part);
            own.push((
                Occur::Should,
                boosted(fields.text, &stem, weight::PART_OF_QUERY),
            ));
            highlight.stems.insert(stem);
        }
        if own.is_empty() {
            return None;
        }
        let query: Box<dyn Query> = match occur {
            syntax::Occur::Should => {
                own.extend(around);
                Box::new(BooleanQuery::new(own))
            }
            syntax::Occur::Must => Box::new(BooleanQuery::new(vec![
                (
                    Occur::Must,
                    Box::new(BooleanQuery::new(own)) as Box<dyn Query>,
                ),
                (Occur::Should, Box::new(BooleanQuery::new(around))),
            ])),
            syntax::Occur::MustNot => Box::new(BooleanQuery::new(own)),
        };
        Some((query, highlight))
    }

    /// Words standing together, each read as its best corpus form.
    fn phrase(&self, typed: &[String]) -> Option<(Box<dyn Query>, Highlight)> {
        let fields = self.loaded.fields;
        let mut terms = Vec::new();
        let mut highlight = Highlight::default();
        for word in typed {
            let (form, _) = self.vocabulary.resolve(word).into_iter().next()?;
            let stem = analysis::stem(&form);
            terms.push(Term::from_field_text(fields.text, &stem));
            highlight.stems.insert(stem);
        }
        if terms.len() < 2 {
            return self.word(typed.first()?, syntax::Occur::Should);
        }
        let phrase: Box<dyn Query> = Box::new(PhraseQuery::new(terms));
        Some((Box::new(BoostQuery::new(phrase, weight::PHRASE)), highlight))
    }

    /// Every corpus word starting with the prefix.
    fn prefix(&self, prefix: &str) -> Option<(Box<dyn Query>, Highlight)> {
        let fields = self.loaded.fields;
        let words = self.vocabulary.with_prefix(prefix, PREFIX_EXPANSIONS);
        if words.is_empty() {
            return None;
        }
        let mut highlight = Highlight::default();
        let alternatives: Vec<(Occur, Box<dyn Query>)> = words
            .iter()
            .map(|w| {
                highlight.forms.insert(w.clone());
                (Occur::Should, boosted(fields.exact, w, weight::STEM))
            })
            .collect();
        Some((Box::new(BooleanQuery::new(alternatives)), highlight))
    }

    /// The stems that most distinguish some quotes from the rest (tf-idf
    /// over their text), best first, at most `limit`: words of four letters
    /// or more, used by at least two quotes and by fewer than one in
    /// `rarer_than`, and not among `known`.
    fn telling_stems(
        &self,
        ords: &[usize],
        known: &HashSet<String>,
        rarer_than: f32,
        limit: usize,
    ) -> Vec<(String, f32)> {
        let searcher = self.reader.searcher();
        let field = self.loaded.fields.text;
        let total = self.loaded.quotes.len() as f32;
        let mut frequency: HashMap<String, f32> = HashMap::new();
        for ord in ords {
            for w in analysis::words(&self.loaded.quotes[*ord].text) {
                if w.lower.chars().count() >= 4 {
                    *frequency.entry(analysis::stem(&w.lower)).or_insert(0.0) += 1.0;
                }
            }
        }
        let mut telling: Vec<(String, f32)> = frequency
            .into_iter()
            .filter(|(stem, _)| !known.contains(stem))
            .filter_map(|(stem, tf)| {
                let df = searcher
                    .doc_freq(&Term::from_field_text(field, &stem))
                    .ok()? as f32;
                (df >= 2.0 && df < total / rarer_than).then(|| (stem, tf * (total / df).ln()))
            })
            .collect();
        telling.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        telling.truncate(limit);
        telling
    }

    /// Counts per facet value over the matches, each facet under the other
    /// facets' filters only.
    fn facet_counts(&self, matches: &[(usize, f32)], filters: &Filters) -> Facets {
        let quotes = &self.loaded.quotes;
        Facets(
            Facet::ALL
                .iter()
                .map(|&facet| {
                    let mut counts: Vec<(String, usize)> = Vec::new();
                    for (ord, _) in matches {
                        let q = &quotes[*ord];
                        if !filters.admits(q, Some(facet)) {
                            continue;
                        }
                        let value = facet.value_of(q);
                        match counts.iter_mut().find(|(v, _)| v == value) {
                            Some((_, n)) => *n += 1,
                            None => counts.push((value.to_string(), 1)),
                        }
                    }
                    for chosen in filters.values(facet) {
                        if !counts.iter().any(|(v, _)| v == chosen) {
                            counts.push((chosen.clone(), 0));
                        }
                    }
                    sort_facet(facet, &mut counts);
                    (facet, counts)
                })
                .collect(),
        )
    }

    /// Facet counts over the whole corpus.
    pub fn corpus_facets(&self) -> Facets {
        let all: Vec<(usize, f32)> = (0..self.loaded.quotes.len()).map(|o| (o, 0.0)).collect();
        self.facet_counts(&all, &Filters::default())
    }

    /// The quotes most like a given one: its most telling stems (by tf-idf)
    /// as a query, the quote itself left out.
    pub fn similar(&self, id: &str, limit: usize) -> Result<Vec<Hit<'_>>, Error> {
        if limit > MAX_LIMIT {
            return Err(Error::usage(format!("limit must be at most {MAX_LIMIT}")));
        }
        self.quote(id)?;
        let ord = self
            .loaded
            .quotes
            .iter()
            .position(|q| q.id == id)
            .unwrap_or(usize::MAX);
        let fields = self.loaded.fields;
        let scored = self.telling_stems(&[ord], &HashSet::new(), 4.0, SIMILAR_WORDS);
        let mut highlight = Highlight::default();
        let clauses: Vec<(Occur, Box<dyn Query>)> = scored
            .into_iter()
            .map(|(stem, w)| {
                let q = boosted(fields.text, &stem, w);
                highlight.stems.insert(stem);
                (Occur::Should, q)
            })
            .collect();
        let matches = if clauses.is_empty() {
            Vec::new()
        } else {
            self.run(&BooleanQuery::new(clauses))?
        };
        let decompounder = self.vocabulary.decompounder();
        Ok(matches
            .into_iter()
            .filter(|(o, _)| *o != ord)
            .take(limit)
            .map(|(o, score)| {
                let quote = &self.loaded.quotes[o];
                Hit {
                    score,
                    snippet: snippet(&quote.text, &highlight, decompounder),
                    quote: self.cite(quote),
                }
            })
            .collect())
    }

    /// The quotes of a query under filters, for exports and matrices.
    pub fn selection(&self, query: &str, filters: &Filters) -> Result<Vec<&Quote>, Error> {
        let (matches, _) = self.matches(query)?;
        Ok(matches
            .into_iter()
            .map(|(ord, _)| &self.loaded.quotes[ord])
            .filter(|q| filters.admits(q, None))
            .collect())
    }
}

/// Facet values in the order a user reads them: levels by rank, the rest by
/// count and then name.
fn sort_facet(facet: Facet, counts: &mut [(String, usize)]) {
    if facet == Facet::Level {
        let rank = |v: &str| {
            citater_indexer::Level::ALL
                .iter()
                .position(|l| l.as_str() == v)
                .unwrap_or(usize::MAX)
        };
        counts.sort_by_key(|(v, _)| rank(v));
    } else {
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
}

fn boosted(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let term = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(term), boost))
}
