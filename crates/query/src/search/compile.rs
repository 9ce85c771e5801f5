//! Compiling a parsed query into one tantivy query, and recording, word by
//! word, what it searches for (`Searched`) so hits can say what matched.
//!
//! Each query word searches several forms of the quotes, weighted so the
//! closer the match the higher it ranks: the stem (inflections), the exact
//! form (a bonus), compound parts (`ledelse` in `personaleledelse`), the
//! headings a quote stands under, and, for a word the corpus does not have,
//! its near spellings.

use citater_indexer::analysis;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::engine::Engine;
use super::expansion::Match;
use super::matched::{How, Searched, Sought};
use super::syntax::{self, Clause};

/// Weights of the kinds of match, relative to a stem match in the speech.
pub(super) mod weight {
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

/// The most words a prefix expands to.
const PREFIX_EXPANSIONS: usize = 64;

impl Engine {
    /// Turns parsed clauses into one tantivy query. A required clause that
    /// matches no corpus word makes the whole query match nothing; an
    /// optional one is dropped.
    pub(super) fn compile(
        &self,
        clauses: &[(syntax::Occur, Clause)],
    ) -> (Box<dyn Query>, Searched) {
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut searched = Searched::default();
        let mut positive = false;
        for (occur, clause) in clauses {
            let compiled = self.clause(clause, *occur);
            match (occur, compiled) {
                (syntax::Occur::Must, None) => return (Box::new(EmptyQuery), Searched::default()),
                (_, None) => {}
                (syntax::Occur::MustNot, Some((q, _))) => parts.push((Occur::MustNot, q)),
                (o, Some((q, h))) => {
                    positive = true;
                    searched.merge(h);
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
                return (Box::new(EmptyQuery), searched);
            }
            parts.push((Occur::Must, Box::new(AllQuery)));
        }
        (Box::new(BooleanQuery::new(parts)), searched)
    }

    fn clause(&self, clause: &Clause, occur: syntax::Occur) -> Option<(Box<dyn Query>, Searched)> {
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
    fn word(&self, typed: &str, occur: syntax::Occur) -> Option<(Box<dyn Query>, Searched)> {
        let fields = self.loaded.fields;
        let mut own: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut around: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut sought = Sought::new(typed);
        for (form, how) in self.vocabulary.resolve(typed) {
            let scale = if how == Match::Near {
                weight::NEAR_SPELLING
            } else {
                1.0
            };
            let (form_how, stem_how) = match how {
                Match::AsTyped => (How::AsTyped, How::Inflection),
                Match::Unfolded | Match::Near => (How::Spelling, How::Spelling),
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
                sought.stem(&relative, How::Inflection);
            }
            sought.stem(&stem, stem_how);
            sought.form(&form, form_how);
        }
        let lower = typed.to_lowercase();
        for part in self.vocabulary.decompounder().parts(&lower) {
            let stem = analysis::stem(&part);
            own.push((
                Occur::Should,
                boosted(fields.text, &stem, weight::PART_OF_QUERY),
            ));
            sought.stem(&stem, How::CompoundPart);
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
        let mut searched = Searched::default();
        searched.push(sought);
        Some((query, searched))
    }

    /// Words standing together, each read as its best corpus form.
    fn phrase(&self, typed: &[String]) -> Option<(Box<dyn Query>, Searched)> {
        let fields = self.loaded.fields;
        let mut terms = Vec::new();
        let mut searched = Searched::default();
        for word in typed {
            let (form, how) = self.vocabulary.resolve(word).into_iter().next()?;
            let stem = analysis::stem(&form);
            terms.push(Term::from_field_text(fields.text, &stem));
            let mut sought = Sought::new(word);
            let how = if how == Match::AsTyped {
                How::Inflection
            } else {
                How::Spelling
            };
            sought.stem(&stem, how);
            searched.push(sought);
        }
        if terms.len() < 2 {
            return self.word(typed.first()?, syntax::Occur::Should);
        }
        let phrase: Box<dyn Query> = Box::new(PhraseQuery::new(terms));
        Some((Box::new(BoostQuery::new(phrase, weight::PHRASE)), searched))
    }

    /// Every corpus word starting with the prefix.
    fn prefix(&self, prefix: &str) -> Option<(Box<dyn Query>, Searched)> {
        let fields = self.loaded.fields;
        let words = self.vocabulary.with_prefix(prefix, PREFIX_EXPANSIONS);
        if words.is_empty() {
            return None;
        }
        let mut sought = Sought::new(&format!("{prefix}*"));
        let alternatives: Vec<(Occur, Box<dyn Query>)> = words
            .iter()
            .map(|w| {
                sought.form(w, How::AsTyped);
                (Occur::Should, boosted(fields.exact, w, weight::STEM))
            })
            .collect();
        let mut searched = Searched::default();
        searched.push(sought);
        Some((Box::new(BooleanQuery::new(alternatives)), searched))
    }
}

/// A term query on one field with a weight.
pub(super) fn boosted(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let term = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(term), boost))
}
