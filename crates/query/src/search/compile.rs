//! Compiling a parsed query into tantivy queries, and recording, word by
//! word, what they search for (`Searched`) so hits can say what matched.
//!
//! Each query word searches several forms of the quotes, weighted so the
//! closer the match the higher it ranks: the stem (inflections), the exact
//! form (a bonus), compound parts (`ledelse` in `personaleledelse`), words
//! of its family, its synonyms, the headings the quote is filed under, the
//! topics the word names, and, for a word the corpus does not have, its
//! near spellings. These are the quote's own matches, and what `counted`
//! finds. The table of contents' wording, the narration around a quote and
//! its whole section only rank it: a quote found through them alone is
//! related, not counted.

use std::collections::HashSet;

use citater_indexer::analysis;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::engine::Engine;
use super::expansion::Match;
use super::matched::{How, Searched, Sought};
use super::read::Corrections;
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
    /// A synonym (`alene` for `ensom`): below every form of the word itself.
    pub const SYNONYM: f32 = 0.4;
    /// The word in the theme or subtheme the quote is filed under.
    pub const HEADING: f32 = 0.3;
    /// A topic the word names (`tillid`) or signals (`privatliv`), which
    /// the quote belongs to.
    pub const TOPIC: f32 = 0.3;
    /// The word in the table of contents' wording of the quote's chapter.
    pub const CONTEXT: f32 = 0.15;
    /// A near spelling of a word the corpus does not have.
    pub const NEAR_SPELLING: f32 = 0.5;
    /// A part of a compound the user typed, found on its own.
    pub const PART_OF_QUERY: f32 = 0.3;
    /// The word in the narration introducing or following the quote.
    pub const NARRATION: f32 = 0.25;
    /// The word in the quote's section as a whole: what the section is
    /// about ranks every quote in it, about as much as its own words.
    pub const SECTION: f32 = 1.0;
    /// Words of a phrase standing together.
    pub const PHRASE: f32 = 1.5;
    /// A topic most of the best hits share, added to the query: what the
    /// query is about when its words say it only in part.
    pub const TOPIC_FEEDBACK: f32 = 1.5;
    /// The most telling word of the best hits, added to the query.
    pub const FEEDBACK: f32 = 0.1;
}

/// Clauses of a boolean query.
pub(super) type Clauses = Vec<(Occur, Box<dyn Query>)>;

/// The most words a prefix expands to.
const PREFIX_EXPANSIONS: usize = 64;
/// The most æøå spellings of a quoted phrase searched for.
const PHRASE_SPELLINGS: usize = 16;

/// A query compiled: what ranks, what counts, and what was searched for.
pub(super) struct Compiled {
    /// Every kind of evidence, for the order of the hits.
    pub(super) rank: Box<dyn Query>,
    /// The quotes' own matches only: the hits that are counted.
    pub(super) counted: Box<dyn Query>,
    /// Word by word, what the query searched for.
    pub(super) searched: Searched,
}

impl Compiled {
    fn nothing() -> Compiled {
        Compiled {
            rank: Box::new(EmptyQuery),
            counted: Box::new(EmptyQuery),
            searched: Searched::default(),
        }
    }
}

impl Engine {
    /// Turns parsed clauses into tantivy queries. A required clause that
    /// matches no corpus word makes the whole query match nothing; an
    /// optional one is dropped. The words read otherwise than typed are
    /// recorded in `corrections`.
    pub(super) fn compile(
        &self,
        clauses: &[(syntax::Occur, Clause)],
        corrections: &mut Corrections,
    ) -> Compiled {
        let mut rank: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut counted: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut searched = Searched::default();
        let mut positive = false;
        for (occur, clause) in clauses {
            let compiled = self.clause(clause, *occur, corrections);
            match (occur, compiled) {
                (syntax::Occur::Must, None) => return Compiled::nothing(),
                (_, None) => {}
                (syntax::Occur::MustNot, Some(c)) => {
                    rank.push((Occur::MustNot, c.counted.box_clone()));
                    counted.push((Occur::MustNot, c.counted));
                }
                (o, Some(c)) => {
                    positive = true;
                    searched.merge(c.searched);
                    let occur = if *o == syntax::Occur::Must {
                        Occur::Must
                    } else {
                        Occur::Should
                    };
                    rank.push((occur, c.rank));
                    counted.push((occur, c.counted));
                }
            }
        }
        if !positive {
            if rank.is_empty() {
                return Compiled {
                    searched,
                    ..Compiled::nothing()
                };
            }
            rank.push((Occur::Must, Box::new(AllQuery)));
            counted.push((Occur::Must, Box::new(AllQuery)));
        }
        Compiled {
            rank: Box::new(BooleanQuery::new(rank)),
            counted: Box::new(BooleanQuery::new(counted)),
            searched,
        }
    }

    /// The quotes whose section says `stem`, with a weight: scored as a
    /// term query on a field of the section's text would be.
    fn in_section(&self, stem: &str, boost: f32) -> Box<dyn Query> {
        let query = self.loaded.sections.query(stem);
        Box::new(BoostQuery::new(Box::new(query), boost))
    }

    fn clause(
        &self,
        clause: &Clause,
        occur: syntax::Occur,
        corrections: &mut Corrections,
    ) -> Option<Compiled> {
        match clause {
            Clause::Word(word) => self.word(word, occur, corrections),
            Clause::Phrase(words) => self.phrase(words, corrections),
            Clause::Prefix(prefix) => self.prefix(prefix),
            Clause::Group(clauses) => {
                let c = self.compile(clauses, corrections);
                (!c.searched.is_empty()).then_some(c)
            }
        }
    }

    /// A word: its corpus forms (as typed, unfolded or near spellings) in
    /// every kind of match, its synonyms and topics, and the parts of a
    /// compound typed whole.
    ///
    /// What the quote itself says and what it is filed under are the match;
    /// the surroundings only rank. So an optional word may find a quote by
    /// its surroundings alone (a related hit), but a required word must be
    /// the quote's own, and an excluded word excludes only quotes that say
    /// it.
    fn word(
        &self,
        typed: &str,
        occur: syntax::Occur,
        corrections: &mut Corrections,
    ) -> Option<Compiled> {
        let fields = self.loaded.fields;
        let lower = typed.to_lowercase();
        // What the quote says, and what else is its own (its headings,
        // topics, synonyms): only the first excludes.
        let mut said: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut own: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut around: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut sought = Sought::new(typed);
        let mut resolved = self.vocabulary.resolve(typed);
        // A word the thesaurus knows is a word, not a typo: its near
        // spellings would be other words.
        if !self.synonyms(&analysis::stem(&lower)).is_empty() {
            resolved.retain(|(_, how)| *how != Match::Near);
        }
        if !resolved.is_empty() && resolved.iter().all(|(_, how)| *how != Match::AsTyped) {
            corrections.word(typed, resolved.iter().map(|(f, _)| f.clone()).collect());
        }
        let mut stems: Vec<String> = vec![analysis::stem(&lower)];
        for (form, _) in &resolved {
            let stem = analysis::stem(form);
            if !stems.contains(&stem) {
                stems.push(stem);
            }
        }
        let synonyms: Vec<&str> = {
            let mut seen = HashSet::new();
            stems
                .iter()
                .flat_map(|s| self.synonyms(s))
                .filter(|s| !stems.iter().any(|x| x == s) && seen.insert(*s))
                .collect()
        };
        // Whether the quotes say the word itself (not only its narration).
        let known = resolved
            .iter()
            .any(|(form, how)| *how != Match::Near && self.vocabulary.doc_freq(form) > 0);
        for (form, how) in &resolved {
            let scale = if *how == Match::Near {
                weight::NEAR_SPELLING
            } else {
                1.0
            };
            // A form found by spelling (a typo, æøå typed as ASCII) answers
            // as a spelling with all of its family: none of it is an
            // inflection of what was typed.
            let (form_how, stem_how, family_how) = match how {
                Match::AsTyped => (How::AsTyped, How::Inflection, How::Inflection),
                Match::Unfolded | Match::Near => (How::Spelling, How::Spelling, How::Spelling),
            };
            let stem = analysis::stem(form);
            for (field, text, w) in [
                (fields.text, stem.as_str(), weight::STEM),
                (fields.exact, form.as_str(), weight::EXACT_FORM),
                (fields.parts, stem.as_str(), weight::COMPOUND_PART),
            ] {
                said.push((Occur::Should, boosted(field, text, w * scale)));
            }
            own.push((
                Occur::Should,
                boosted(fields.headings, &stem, weight::HEADING * scale),
            ));
            for (field, w) in [
                (fields.context, weight::CONTEXT),
                (fields.narration, weight::NARRATION),
            ] {
                around.push((Occur::Should, boosted(field, &stem, w * scale)));
            }
            around.push((
                Occur::Should,
                self.in_section(&stem, weight::SECTION * scale),
            ));
            for relative in self.vocabulary.family(&stem) {
                said.push((
                    Occur::Should,
                    boosted(fields.text, &relative, weight::FAMILY * scale),
                ));
                sought.stem(&relative, family_how);
            }
            sought.stem(&stem, stem_how);
            sought.form(form, form_how);
            sought.heading(&stem);
        }
        for synonym in synonyms {
            own.push((
                Occur::Should,
                boosted(fields.text, synonym, weight::SYNONYM),
            ));
            around.push((
                Occur::Should,
                self.in_section(synonym, weight::SECTION * weight::SYNONYM),
            ));
            sought.stem(synonym, How::Synonym);
        }
        // A topic the word names counts the quotes that show it, and ranks
        // all of its quotes.
        for topic in stems.iter().flat_map(|s| self.topics_named(s)) {
            own.push((Occur::Should, topic_query(fields.evident_topics, topic)));
            around.push((Occur::Should, topic_query(fields.topics, topic)));
            sought.topic(topic);
        }
        for topic in stems.iter().flat_map(|s| self.topics_signalled(s)) {
            around.push((Occur::Should, topic_query(fields.topics, topic)));
        }
        // The parts of a compound typed whole (`arbejdstid`: `arbejde`,
        // `tid`) each rank a quote; a quote saying them all is the match,
        // but only when the quotes lack the compound itself.
        let parts: Vec<String> = self
            .vocabulary
            .decompounder()
            .parts(&lower)
            .iter()
            .map(|p| analysis::stem(p))
            .collect();
        for stem in &parts {
            around.push((
                Occur::Should,
                boosted(fields.text, stem, weight::PART_OF_QUERY),
            ));
        }
        if !known && parts.len() > 1 {
            let all = parts
                .iter()
                .map(|stem| {
                    (
                        Occur::Must,
                        boosted(fields.text, stem, weight::PART_OF_QUERY),
                    )
                })
                .collect();
            own.push((Occur::Should, Box::new(BooleanQuery::new(all))));
            for stem in &parts {
                sought.stem(stem, How::CompoundPart);
            }
        }
        if occur == syntax::Occur::MustNot {
            let said: Box<dyn Query> = Box::new(BooleanQuery::new(said));
            return Some(Compiled {
                rank: said.box_clone(),
                counted: said,
                searched: Searched::default(),
            });
        }
        own.append(&mut said);
        if own.is_empty() {
            return None;
        }
        let counted: Box<dyn Query> = Box::new(BooleanQuery::new(own));
        let own_occur = if occur == syntax::Occur::Must {
            Occur::Must
        } else {
            Occur::Should
        };
        let rank: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
            (own_occur, counted.box_clone()),
            (Occur::Should, Box::new(BooleanQuery::new(around))),
        ]));
        let mut searched = Searched::default();
        searched.push(sought);
        Some(Compiled {
            rank,
            counted,
            searched,
        })
    }

    /// Words standing together as typed, in this order: each word in its
    /// own form or its æøå spelling, never another inflection.
    fn phrase(&self, typed: &[String], corrections: &mut Corrections) -> Option<Compiled> {
        let fields = self.loaded.fields;
        let mut spellings: Vec<Vec<String>> = vec![Vec::new()];
        let mut words = Vec::with_capacity(typed.len());
        for word in typed {
            let forms = self.vocabulary.exact_forms(word);
            if forms.is_empty() {
                return None;
            }
            if let [(form, Match::Unfolded)] = forms.as_slice() {
                corrections.in_phrase(word, form);
            }
            let mut sought = Sought::new(word);
            for (form, how) in &forms {
                let how = if *how == Match::AsTyped {
                    How::AsTyped
                } else {
                    How::Spelling
                };
                sought.form(form, how);
            }
            words.push(sought);
            spellings = spellings
                .iter()
                .flat_map(|start| {
                    forms.iter().map(move |(form, _)| {
                        let mut next = start.clone();
                        next.push(form.clone());
                        next
                    })
                })
                .take(PHRASE_SPELLINGS)
                .collect();
        }
        let alternatives: Vec<(Occur, Box<dyn Query>)> = spellings
            .into_iter()
            .map(|words| {
                let mut terms: Vec<Term> = words
                    .iter()
                    .map(|w| Term::from_field_text(fields.exact, w))
                    .collect();
                let query: Box<dyn Query> = if terms.len() == 1 {
                    Box::new(TermQuery::new(
                        terms.remove(0),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    Box::new(PhraseQuery::new(terms))
                };
                (Occur::Should, query)
            })
            .collect();
        let query: Box<dyn Query> = Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(alternatives)),
            weight::PHRASE,
        ));
        let mut searched = Searched::default();
        searched.push_phrase(words);
        Some(Compiled {
            rank: query.box_clone(),
            counted: query,
            searched,
        })
    }

    /// Every corpus word starting with the prefix.
    fn prefix(&self, prefix: &str) -> Option<Compiled> {
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
        let query: Box<dyn Query> = Box::new(BooleanQuery::new(alternatives));
        Some(Compiled {
            rank: query.box_clone(),
            counted: query,
            searched,
        })
    }
}

/// The quotes of a topic, weighted as a topic match.
pub(super) fn topic_query(field: Field, topic: &str) -> Box<dyn Query> {
    let term = TermQuery::new(
        Term::from_field_text(field, topic),
        IndexRecordOption::Basic,
    );
    Box::new(BoostQuery::new(Box::new(term), weight::TOPIC))
}

/// A term query on one field with a weight.
pub(super) fn boosted(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let term = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(term), boost))
}
