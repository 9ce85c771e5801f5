//! Ranking: running a compiled query over every quote, widening plain
//! words with pseudo-relevance feedback, and the order rules on top of
//! BM25 (a one-word query lists quotes saying the word before compounds).

use std::collections::HashSet;

use citater_indexer::analysis;
use rustc_hash::FxHashMap;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::collect::{Found, Scored};
use super::compile::{boosted, topic_query, weight, Clauses};
use super::engine::Engine;
use super::matched::Searched;
use super::syntax::{self, Clause};
use crate::error::Error;

/// Feedback reads this many of the best hits …
pub(super) const FEEDBACK_HITS: usize = 5;
/// … and adds at most this many of their words to the query.
const FEEDBACK_WORDS: usize = 10;

impl Engine {
    /// For a one-word query, quotes that say the word (in any inflection or
    /// spelling) rank above quotes found through a compound, a word family,
    /// a synonym, a topic or their surroundings, each group in score order: `ledelse` lists the
    /// quotes saying "ledelse" before those saying "personaleledelse". With
    /// several words, the score alone weighs how much each quote matches.
    /// Which quotes say it, by position; `None` when the query is not one
    /// word. `Match::says` then orders them.
    pub(super) fn saying_the_word(
        &self,
        clauses: &[(syntax::Occur, Clause)],
    ) -> Result<Option<Vec<bool>>, Error> {
        let mut words = clauses.iter().filter(|(o, _)| *o != syntax::Occur::MustNot);
        let (Some((_, Clause::Word(word))), None) = (words.next(), words.next()) else {
            return Ok(None);
        };
        let mut stems: Vec<String> = self
            .vocabulary
            .resolve(word)
            .iter()
            .map(|(form, _)| analysis::stem(form))
            .collect();
        stems.sort();
        stems.dedup();
        // The quotes saying one of the stems: their postings in `text`.
        let field = self.loaded.fields.text;
        let says: Vec<(Occur, Box<dyn Query>)> = stems
            .iter()
            .map(|s| {
                let term =
                    TermQuery::new(Term::from_field_text(field, s), IndexRecordOption::Basic);
                (Occur::Should, Box::new(term) as Box<dyn Query>)
            })
            .collect();
        self.found(&BooleanQuery::new(says)).map(Some)
    }

    /// Pseudo-relevance feedback: the words that most distinguish the best
    /// hits (by tf-idf) join the query with a small weight, so a quote that
    /// speaks of the topic in other words ("underskud" for "budget") still
    /// ranks. The weight is small enough that the query's own words decide.
    /// `best` are the best hits, best first.
    pub(super) fn feedback(
        &self,
        best: &[(usize, f32)],
        searched: &Searched,
    ) -> Result<Clauses, Error> {
        let field = self.loaded.fields.text;
        let ords: Vec<usize> = best.iter().take(FEEDBACK_HITS).map(|(o, _)| *o).collect();
        // Words of one quote only say nothing about the topic; words of many
        // quotes say nothing at all.
        let telling = self.telling_stems(&ords, &searched.stems(), 8.0, FEEDBACK_WORDS)?;
        let strongest = telling.first().map_or(1.0, |(_, w)| *w);
        let mut expansion: Vec<(Occur, Box<dyn Query>)> = telling
            .into_iter()
            .map(|(stem, w)| {
                (
                    Occur::Should,
                    boosted(field, &stem, weight::FEEDBACK * w / strongest),
                )
            })
            .collect();
        // The topics most of the best hits share: what the query is about
        // when its words say it only in part.
        let topics = &self.loaded.tags.topic;
        let mut shared: Vec<(u32, usize)> = Vec::new();
        for ord in &ords {
            for &topic in topics.ids(*ord) {
                match shared.iter_mut().find(|(t, _)| *t == topic) {
                    Some((_, n)) => *n += 1,
                    None => shared.push((topic, 1)),
                }
            }
        }
        for (topic, n) in shared {
            let topic = &topics.values()[topic as usize];
            if n * 2 > ords.len() {
                expansion.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        topic_query(self.loaded.fields.topics, topic),
                        weight::TOPIC_FEEDBACK / weight::TOPIC,
                    )),
                ));
            }
        }
        Ok(expansion)
    }

    /// The topics whose phrases the query says as typed, function words and
    /// all ("at give slip på sit fag": `give slip`), as clauses that rank
    /// their quotes.
    pub(super) fn phrased_topics(
        &self,
        typed: &[(syntax::Occur, Clause)],
    ) -> Vec<(Occur, Box<dyn Query>)> {
        let stems: Vec<String> = typed
            .iter()
            .filter_map(|(o, c)| match c {
                Clause::Word(w) if *o == syntax::Occur::Should => {
                    Some(analysis::stem(&w.to_lowercase()))
                }
                _ => None,
            })
            .collect();
        self.topic_evidence
            .phrased_in(&stems)
            .into_iter()
            .map(|topic| (Occur::Should, topic_query(self.loaded.fields.topics, topic)))
            .collect()
    }

    /// Runs a tantivy query over every quote: each match with its score,
    /// in no order.
    pub(super) fn run(&self, query: &dyn Query) -> Result<Vec<(usize, f32)>, Error> {
        self.loaded
            .reader
            .searcher()
            .search(
                query,
                &Scored {
                    ords: &self.loaded.ords,
                },
            )
            .map_err(|e| Error::Index(format!("Søgebiblioteket fejlede: {e}.")))
    }

    /// Which quotes (by position) a query finds, unranked.
    pub(super) fn found(&self, query: &dyn Query) -> Result<Vec<bool>, Error> {
        let quotes = self.loaded.quotes.len();
        self.loaded
            .reader
            .searcher()
            .search(
                query,
                &Found {
                    ords: &self.loaded.ords,
                    quotes,
                },
            )
            .map_err(|e| Error::Index(format!("Søgebiblioteket fejlede: {e}.")))
    }

    /// The stems that most distinguish some quotes from the rest (tf-idf
    /// over their text), best first, at most `limit`: words of four letters
    /// or more, used by at least two quotes and by fewer than one in
    /// `rarer_than`, and not among `known`.
    pub(super) fn telling_stems(
        &self,
        ords: &[usize],
        known: &HashSet<String>,
        rarer_than: f32,
        limit: usize,
    ) -> Result<Vec<(String, f32)>, Error> {
        let searcher = self.loaded.reader.searcher();
        let field = self.loaded.fields.text;
        let total = self.loaded.quotes.len() as f32;
        let analyses = self.vocabulary.analyses();
        let mut said = Vec::new();
        for ord in ords {
            for w in analysis::words(&self.quote_at(*ord)?.text) {
                if w.lower.chars().count() >= 4 {
                    said.push(analyses.of(&w.lower));
                }
            }
        }
        let mut frequency: FxHashMap<&str, f32> = FxHashMap::default();
        for word in &said {
            *frequency.entry(word.stem.as_str()).or_insert(0.0) += 1.0;
        }
        let mut telling: Vec<(String, f32)> = frequency
            .into_iter()
            .filter(|(stem, _)| !known.contains(*stem))
            .filter_map(|(stem, tf)| {
                let df = searcher
                    .doc_freq(&Term::from_field_text(field, stem))
                    .ok()? as f32;
                (df >= 2.0 && df < total / rarer_than)
                    .then(|| (stem.to_string(), tf * (total / df).ln()))
            })
            .collect();
        telling.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        telling.truncate(limit);
        Ok(telling)
    }
}
