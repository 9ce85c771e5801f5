//! Search: from what a user typed to ranked, filtered, faceted hits that
//! say what matched.
//!
//! Tantivy matches and ranks (BM25) and hands over every match by its
//! position (`collect`); filters, facets and matrices then count over the
//! facet columns by value number, exactly and in time linear in the
//! matches, and only the quotes shown are read. The stages, one module each: `syntax` reads the query
//! language, `expansion` meets the user's spelling with the corpus's words,
//! `compile` turns both into a tantivy query (and `read` writes back what
//! it read), `rank` runs and orders it,
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
mod matches;
pub mod matrix;
pub mod question;
mod rank;
mod read;
mod similar;
pub mod syntax;
pub mod word_analysis;

use std::collections::BTreeMap;

use citater_indexer::{analysis, Quote};
use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur};

pub use engine::{CitedQuote, Engine};
pub use facets::Facets;
use filters::Filters;
pub use matched::How;
use matched::{Matched, Searched};
pub use matches::{Match, Matches};
use read::Corrections;
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
            "Søgningen er længere end {MAX_QUERY_CHARS} tegn."
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

/// Adds the scores of `added` to those of the same quotes in `scored`, and
/// its other matches after them: the scores of a query of two parts.
fn add_scores(scored: &mut Vec<(usize, f32)>, added: Vec<(usize, f32)>, quotes: usize) {
    let mut at = vec![u32::MAX; quotes];
    for (i, &(ord, _)) in scored.iter().enumerate() {
        at[ord] = i as u32;
    }
    for (ord, score) in added {
        match at[ord] {
            u32::MAX => scored.push((ord, score)),
            i => scored[i as usize].1 += score,
        }
    }
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
    /// The query as the engine read it, in the query language: the words
    /// as typed, except those read otherwise (an æøå spelling: `direktoer`
    /// → `direktør`; a typo's near spelling: `tilid` → `tillid`, several
    /// as `(tillid OR x)`); phrases in double quotes, prefixes with `*`,
    /// groups in parentheses, required clauses next to each other joined by
    /// ` AND `, a lone one as `+word`, excluded ones as `-word`. Dropped
    /// operators and stray brackets are gone (`AND AND` reads as `""`,
    /// `(tillid` as `tillid`). A plain query reads back as typed (but for
    /// whitespace), so a face shows it only when it differs from `query`.
    pub read: String,
    /// The filters applied, by facet name, each value as the corpus spells
    /// it (`level=direktor` is applied as `direktør`), so a face can show
    /// the choices it sent in the spelling its counts use.
    pub filters: BTreeMap<String, Vec<String>>,
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

impl Engine {
    /// Runs a search: ranked hits for the page asked for, with facets.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse<'_>, Error> {
        if request.limit > MAX_LIMIT {
            return Err(Error::usage(format!("limit må højst være {MAX_LIMIT}.")));
        }
        let matches = self.matches(&request.query)?;
        let facets = self.facet_counts(matches.counted().map(|m| m.ord), &request.filters);
        let admission = request.filters.over(&self.loaded.tags);
        let admits = |m: &Match| admission.admits(m.ord, None);
        let (mut total, mut related_total) = (0, 0);
        for m in matches.found.iter().filter(|m| admits(m)) {
            if m.counted {
                total += 1;
            } else {
                related_total += 1;
            }
        }
        let hits = matches
            .best(request.offset, request.limit, admits)
            .into_iter()
            .map(|m| {
                Ok(Hit {
                    related: !m.counted,
                    ..self.hit(m.ord, m.score, &matches.searched)?
                })
            })
            .collect::<Result<_, Error>>()?;
        Ok(SearchResponse {
            query: request.query.clone(),
            read: matches.read.clone(),
            filters: request.filters.named(),
            total,
            related_total,
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
        let clauses = question::content(typed.clone());
        let mut corrections = Corrections::default();
        if clauses.is_empty() {
            let all = (0..self.loaded.quotes.len()).map(|ord| Match {
                ord,
                score: 0.0,
                counted: true,
                says: false,
            });
            return Ok(Matches {
                found: all.collect(),
                searched: Searched::default(),
                read: read::read(&typed, &corrections),
            });
        }
        let mut compiled = self.compile(&clauses, &mut corrections);
        if !phrased.is_empty() {
            let mut parts = vec![(Occur::Should, compiled.rank)];
            parts.extend(phrased);
            compiled.rank = Box::new(BooleanQuery::new(parts));
        }
        let mut scored = self.run(compiled.rank.as_ref())?;
        // Feedback only widens plain words; phrases, prefixes and operators
        // say exactly what to find.
        let plain = clauses
            .iter()
            .all(|(o, c)| *o == syntax::Occur::Should && matches!(c, Clause::Word(_)));
        if plain && !scored.is_empty() {
            let best = matches::best_scored(&scored, rank::FEEDBACK_HITS);
            let expansion = self.feedback(&best, &compiled.searched)?;
            if !expansion.is_empty() {
                // The widened query's score is the sum of its parts', so
                // only the added words are run: their scores are added to
                // those already found.
                let added = self.run(&BooleanQuery::new(expansion))?;
                add_scores(&mut scored, added, self.loaded.quotes.len());
            }
        }
        let says = self.saying_the_word(&clauses)?;
        let counted = self.found(compiled.counted.as_ref())?;
        let found = scored
            .into_iter()
            .map(|(ord, score)| Match {
                ord,
                score,
                counted: counted[ord],
                says: says.as_ref().is_some_and(|s| s[ord]),
            })
            .collect();
        Ok(Matches {
            found,
            searched: compiled.searched,
            read: read::read(&typed, &corrections),
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
        let keep = |m: &Match| m.counted && admission.admits(m.ord, None);
        Ok(matches
            .best(0, usize::MAX, keep)
            .into_iter()
            .map(|m| m.ord)
            .collect())
    }

    /// The positions of the counted quotes of a query under filters, in no
    /// order: what a matrix counts.
    pub(crate) fn counted_under(
        &self,
        query: &str,
        filters: &Filters,
    ) -> Result<Vec<usize>, Error> {
        let matches = self.matches(query)?;
        let admission = filters.over(&self.loaded.tags);
        Ok(matches
            .counted()
            .map(|m| m.ord)
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
            self.vocabulary.analyses(),
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
            assert_eq!(err.to_string(), "Søgningen er længere end 500 tegn.");
        }
    }
}
