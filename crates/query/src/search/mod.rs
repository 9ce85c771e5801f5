//! Search: from what a user typed to ranked, filtered, faceted hits that
//! say what matched.
//!
//! Tantivy matches and ranks (BM25); everything after ranking happens over
//! the few hundred quote records in memory, which keeps facet counting exact
//! and simple. The stages, one module each: `syntax` reads the query
//! language, `expansion` meets the user's spelling with the corpus's words,
//! `compile` turns both into a tantivy query, `rank` runs and orders it,
//! `matched` says what in each hit answers which query word, `filters` and
//! `facets` narrow and count, `similar` and `matrix` are searches of their
//! own over the same engine.

mod compile;
mod engine;
pub mod expansion;
mod facets;
pub mod filters;
pub mod matched;
pub mod matrix;
mod rank;
mod similar;
pub mod syntax;

use citater_indexer::{analysis, Quote};
use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query};

pub use engine::{CitedQuote, Engine};
pub use facets::Facets;
use filters::Filters;
use matched::{Matched, Searched};
pub use similar::Similar;
use syntax::Clause;

use crate::error::Error;
use crate::render::snippet::snippet;

/// The most results one request may ask for.
pub const MAX_LIMIT: usize = 100;

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

/// One result of a search.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct Hit<'a> {
    /// The ranking score, comparable only within one search; 0 for an empty
    /// query.
    pub score: f32,
    /// HTML-escaped text with the matches in `<b>`, cut around them when the
    /// quote is long; rendered from `matched`.
    pub snippet: String,
    /// The quote and its citation, flattened: a hit is a quote with a few
    /// more fields.
    #[serde(flatten)]
    pub quote: CitedQuote<'a>,
    /// What in the quote's text answers which query word.
    pub matched: Vec<Matched>,
}

/// The answer to a search: the page of hits asked for, how many there are,
/// and the facet counts over all of them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
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
}

impl Engine {
    /// Runs a search: ranked hits for the page asked for, with facets.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse<'_>, Error> {
        if request.limit > MAX_LIMIT {
            return Err(Error::usage(format!("limit must be at most {MAX_LIMIT}")));
        }
        let (matches, searched) = self.matches(&request.query)?;
        let facets = self.facet_counts(&matches, &request.filters);
        let admitted: Vec<(usize, f32)> = matches
            .into_iter()
            .filter(|(ord, _)| request.filters.admits(&self.loaded.quotes[*ord], None))
            .collect();
        let total = admitted.len();
        let hits = admitted
            .into_iter()
            .skip(request.offset)
            .take(request.limit)
            .map(|(ord, score)| self.hit(ord, score, &searched))
            .collect();
        Ok(SearchResponse {
            query: request.query.clone(),
            total,
            offset: request.offset,
            hits,
            facets,
        })
    }

    /// Every quote a query matches, best first (reading order for an empty
    /// query), with what it searched for, word by word.
    pub fn matches(&self, query: &str) -> Result<(Vec<(usize, f32)>, Searched), Error> {
        let parsed = syntax::parse(query);
        if parsed.is_empty() {
            let all = (0..self.loaded.quotes.len())
                .map(|ord| (ord, 0.0))
                .collect();
            return Ok((all, Searched::default()));
        }
        let (query, searched) = self.compile(&parsed.clauses);
        let mut first = self.run(query.as_ref())?;
        // Feedback only widens plain words; phrases, prefixes and operators
        // say exactly what to find.
        let plain = parsed
            .clauses
            .iter()
            .all(|(o, c)| *o == syntax::Occur::Should && matches!(c, Clause::Word(_)));
        if plain && !first.is_empty() {
            let expansion = self.feedback(&first, &searched);
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, query)];
            clauses.extend(expansion);
            first = self.run(&BooleanQuery::new(clauses))?;
        }
        self.word_before_compounds(&parsed.clauses, &mut first);
        Ok((first, searched))
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

    /// A hit for the quote at `ord`: its snippet and matches read off its
    /// text with the terms the query searched for.
    fn hit(&self, ord: usize, score: f32, searched: &Searched) -> Hit<'_> {
        let quote = &self.loaded.quotes[ord];
        let words = analysis::words(&quote.text);
        let matched = searched.matched(&quote.text, &words, self.vocabulary.decompounder());
        Hit {
            score,
            snippet: snippet(&quote.text, &words, &matched),
            quote: self.cite(quote),
            matched,
        }
    }
}
