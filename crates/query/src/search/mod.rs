//! Search: from what a user typed to ranked, filtered, faceted hits that
//! say what matched.
//!
//! Tantivy matches and ranks (BM25) and hands over every match by its
//! position (`collect`); filters, facets and matrices then count over the
//! facet columns by value number, exactly and in time linear in the
//! matches, and only the quotes shown are read. The stages, one module each: `syntax` reads the query
//! language, `expansion` meets the user's spelling with the corpus's words,
//! `compile` turns both into a tantivy query, `rank` runs and orders it,
//! `matched` says what in each hit answers which query word, `filters` and
//! `facets` narrow and count, `similar` and `matrix` are searches of their
//! own over the same engine. `question` leaves out the words that only say
//! how a question is put.
//!
//! A search tells its counted hits from its related ones: a quote whose own
//! words (in any inflection, spelling or compound, or a synonym), headings
//! or topics answer the query is counted in `total`, the facets and the
//! matrix; a quote found only through the narration around it, its
//! section, or feedback follows them, marked `related`, and is not counted.

mod collect;
mod compile;
mod engine;
pub mod expansion;
mod facets;
pub mod filters;
pub mod matched;
pub mod matrix;
pub mod question;
mod rank;
mod similar;
pub mod syntax;

use citater_indexer::{analysis, Quote};
use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query};

pub use engine::{CitedQuote, Engine};
pub use facets::Facets;
use filters::Filters;
pub use matched::How;
use matched::{Matched, Searched};
pub use similar::Similar;
use syntax::Clause;

use crate::error::Error;
use crate::render::snippet::snippet;

/// The most results one request may ask for.
pub const MAX_LIMIT: usize = 100;

/// The longest query a search reads, in characters. Every face (the CLI's
/// search, export and matrix, the API) is held to it in `Engine::matches`,
/// before the query is parsed: the work on a long word grows faster than
/// its length (one of 10,000 characters took 2 s to search, of 100,000 9 s).
/// The API documents it as `q`'s maxLength.
pub const MAX_QUERY_CHARS: usize = 500;

/// Refuses a query longer than [`MAX_QUERY_CHARS`], without quoting it.
fn check_length(query: &str) -> Result<(), Error> {
    // No more bytes than the limit are no more characters either.
    if query.len() > MAX_QUERY_CHARS && query.chars().nth(MAX_QUERY_CHARS).is_some() {
        return Err(Error::usage(format!(
            "the query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    Ok(())
}

/// A search as a user asks for it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// As typed: at most [`MAX_QUERY_CHARS`] characters, otherwise parsed
    /// leniently and never rejected; empty lists every quote the filters
    /// admit, in reading order.
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
    /// What in the quote answers which query word.
    pub matched: Vec<Matched>,
    /// In the list only because it resembles the best hits or its
    /// surroundings match: ranked after the counted hits and not counted.
    pub related: bool,
}

/// The answer to a search: the page of hits asked for, how many there are,
/// and the facet counts over all of them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct SearchResponse<'a> {
    /// The query as typed, echoed.
    pub query: String,
    /// How many counted matches pass the filters; `hits` is one page of
    /// them, followed by the related ones.
    pub total: usize,
    /// How many related hits follow the counted ones (not in `total`).
    pub related_total: usize,
    /// Echoed, for paging.
    pub offset: usize,
    /// The page asked for, best first.
    pub hits: Vec<Hit<'a>>,
    /// Counts over every counted match, each facet ignoring its own filter
    /// so choosing a value does not hide the others.
    pub facets: Facets,
}

/// Every quote a query finds, best first: the counted ones, then the
/// related ones.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// Quote positions with their scores; the first `counted` are counted.
    pub ranked: Vec<(usize, f32)>,
    /// How many of `ranked` are counted.
    pub counted: usize,
    /// What the query searched for, word by word.
    pub searched: Searched,
}

impl Matches {
    /// The counted matches, best first.
    pub fn counted(&self) -> &[(usize, f32)] {
        &self.ranked[..self.counted]
    }
}

impl Engine {
    /// Runs a search: ranked hits for the page asked for, with facets.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse<'_>, Error> {
        if request.limit > MAX_LIMIT {
            return Err(Error::usage(format!("limit must be at most {MAX_LIMIT}")));
        }
        let matches = self.matches(&request.query)?;
        let facets = self.facet_counts(matches.counted(), &request.filters);
        let admission = request.filters.over(&self.loaded.tags);
        let admits = |ord: usize| admission.admits(ord, None);
        let admitted: Vec<(usize, f32, bool)> = matches
            .ranked
            .iter()
            .enumerate()
            .filter(|(_, (ord, _))| admits(*ord))
            .map(|(rank, &(ord, score))| (ord, score, rank >= matches.counted))
            .collect();
        let total = admitted.iter().filter(|(_, _, related)| !related).count();
        let hits = admitted
            .iter()
            .skip(request.offset)
            .take(request.limit)
            .map(|&(ord, score, related)| {
                Ok(Hit {
                    related,
                    ..self.hit(ord, score, &matches.searched)?
                })
            })
            .collect::<Result<_, Error>>()?;
        Ok(SearchResponse {
            query: request.query.clone(),
            total,
            related_total: admitted.len() - total,
            offset: request.offset,
            hits,
            facets,
        })
    }

    /// Every quote a query finds, best first (reading order for an empty
    /// query): the counted ones, then the related ones, with what it
    /// searched for, word by word. Every search goes through here, so this
    /// is where a query longer than [`MAX_QUERY_CHARS`] is refused.
    pub fn matches(&self, query: &str) -> Result<Matches, Error> {
        check_length(query)?;
        let typed = syntax::parse(query).clauses;
        let phrased = self.phrased_topics(&typed);
        let clauses = question::content(typed);
        if clauses.is_empty() {
            let all: Vec<(usize, f32)> = (0..self.loaded.quotes.len())
                .map(|ord| (ord, 0.0))
                .collect();
            return Ok(Matches {
                counted: all.len(),
                ranked: all,
                searched: Searched::default(),
            });
        }
        let mut compiled = self.compile(&clauses);
        if !phrased.is_empty() {
            let mut parts = vec![(Occur::Should, compiled.rank)];
            parts.extend(phrased);
            compiled.rank = Box::new(BooleanQuery::new(parts));
        }
        let mut ranked = self.run(compiled.rank.as_ref())?;
        // Feedback only widens plain words; phrases, prefixes and operators
        // say exactly what to find.
        let plain = clauses
            .iter()
            .all(|(o, c)| *o == syntax::Occur::Should && matches!(c, Clause::Word(_)));
        if plain && !ranked.is_empty() {
            let expansion = self.feedback(&ranked, &compiled.searched)?;
            let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, compiled.rank)];
            parts.extend(expansion);
            ranked = self.run(&BooleanQuery::new(parts))?;
        }
        self.word_before_compounds(&clauses, &mut ranked)?;
        let counted = self.found(compiled.counted.as_ref())?;
        // A stable partition: the counted first, each part in rank order.
        let (mut own, related): (Vec<_>, Vec<_>) =
            ranked.into_iter().partition(|(ord, _)| counted[*ord]);
        let count = own.len();
        own.extend(related);
        Ok(Matches {
            ranked: own,
            counted: count,
            searched: compiled.searched,
        })
    }

    /// The counted quotes of a query under filters, for exports and
    /// matrices.
    pub fn selection(&self, query: &str, filters: &Filters) -> Result<Vec<&Quote>, Error> {
        self.selected(query, filters)?
            .into_iter()
            .map(|ord| self.quote_at(ord))
            .collect()
    }

    /// The positions of the counted quotes of a query under filters, best
    /// first.
    pub fn selected(&self, query: &str, filters: &Filters) -> Result<Vec<usize>, Error> {
        let matches = self.matches(query)?;
        let admission = filters.over(&self.loaded.tags);
        Ok(matches
            .counted()
            .iter()
            .map(|&(ord, _)| ord)
            .filter(|&ord| admission.admits(ord, None))
            .collect())
    }

    /// A hit for the quote at `ord`: its snippet and matches read off its
    /// text with the terms the query searched for.
    fn hit(&self, ord: usize, score: f32, searched: &Searched) -> Result<Hit<'_>, Error> {
        let quote = self.quote_at(ord)?;
        let words = analysis::words(&quote.text);
        let matched = searched.matched_in(
            quote,
            &words,
            self.vocabulary.decompounder(),
            &self.topic_evidence,
        );
        Ok(Hit {
            score,
            snippet: snippet(&quote.text, &words, &matched),
            quote: self.cite(quote),
            matched,
            related: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_of_the_longest_length_is_read() {
        assert!(check_length("").is_ok());
        assert!(check_length(&"a".repeat(MAX_QUERY_CHARS)).is_ok());
        // Counted in characters, not bytes: 500 å are 1,000 bytes.
        assert!(check_length(&"å".repeat(MAX_QUERY_CHARS)).is_ok());
    }

    #[test]
    fn a_longer_query_is_refused_without_being_quoted() {
        for long in ["a".repeat(MAX_QUERY_CHARS + 1), "ø".repeat(100_000)] {
            let err = check_length(&long).unwrap_err();
            assert!(matches!(err, Error::Usage(_)), "{err:?}");
            assert_eq!(err.to_string(), "the query is longer than 500 characters");
        }
    }
}
