//! What matched: for each word of a query, the words of a quote that answer
//! it, where they stand and how they answer it.
//!
//! This is the one notion of "what matched" in citater. Compiling a query
//! records, word by word, every term it searches for (`Searched`); a hit's
//! `matched` list is read off its text with those terms, and every rendering
//! (the HTML snippet, the page, the terminal, Markdown) marks exactly these
//! spans, so no two faces can disagree about a highlight.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use citater_indexer::analysis::{self, Decompounder, Word};
use serde::Serialize;

/// How a word of a quote answers a query word, closest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub enum How {
    /// The word as typed (case aside), or a word a prefix asked for.
    #[serde(rename = "ord")]
    AsTyped,
    /// Another inflection of the word, or a word of its family.
    #[serde(rename = "bøjning")]
    Inflection,
    /// The word as a part of a compound, or a part of a compound typed whole.
    #[serde(rename = "sammensætning")]
    CompoundPart,
    /// The word spelt otherwise: typed without æøå, or with a typo.
    #[serde(rename = "stavning")]
    Spelling,
}

/// The terms one query word searched for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sought {
    /// The word as typed, lowercase.
    word: String,
    /// Words as written (lowercase), with how each answers the query word.
    forms: HashMap<String, How>,
    /// Stems, which also answer as parts of compounds.
    stems: HashMap<String, How>,
}

impl Sought {
    /// A query word, before any of its terms are known.
    pub fn new(word: &str) -> Sought {
        Sought {
            word: word.to_lowercase(),
            forms: HashMap::new(),
            stems: HashMap::new(),
        }
    }

    /// A form (lowercase, as written) the word searches for.
    pub fn form(&mut self, form: &str, how: How) {
        closest(&mut self.forms, form, how);
    }

    /// A stem the word searches for.
    pub fn stem(&mut self, stem: &str, how: How) {
        closest(&mut self.stems, stem, how);
    }

    /// Whether the word searches for nothing.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty() && self.stems.is_empty()
    }

    /// How a word of a quote answers this query word, if it does.
    fn answer(&self, word: &QuoteWord<'_>) -> Option<How> {
        let lower = word.lower;
        let how = self
            .forms
            .get(lower)
            .or_else(|| self.stems.get(word.stem()))
            .copied()
            .or_else(|| {
                word.part_stems()
                    .iter()
                    .any(|p| self.stems.contains_key(p))
                    .then_some(How::CompoundPart)
            })?;
        Some(if lower == self.word {
            How::AsTyped
        } else {
            how
        })
    }
}

/// A word of a quote, its stem and its compound parts' stems worked out
/// only when a query word needs them: most words are answered, or not, by
/// their form alone.
struct QuoteWord<'a> {
    lower: &'a str,
    decompounder: &'a Decompounder,
    stem: OnceCell<String>,
    part_stems: OnceCell<Vec<String>>,
}

impl<'a> QuoteWord<'a> {
    fn new(lower: &'a str, decompounder: &'a Decompounder) -> QuoteWord<'a> {
        QuoteWord {
            lower,
            decompounder,
            stem: OnceCell::new(),
            part_stems: OnceCell::new(),
        }
    }

    fn stem(&self) -> &str {
        self.stem.get_or_init(|| analysis::stem(self.lower))
    }

    fn part_stems(&self) -> &[String] {
        self.part_stems.get_or_init(|| {
            self.decompounder
                .parts(self.lower)
                .iter()
                .map(|p| analysis::stem(p))
                .collect()
        })
    }
}

fn closest(terms: &mut HashMap<String, How>, term: &str, how: How) {
    terms
        .entry(term.to_string())
        .and_modify(|h| *h = (*h).min(how))
        .or_insert(how);
}

/// Everything a query searched for, word by word, in the order typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Searched {
    words: Vec<Sought>,
}

impl Searched {
    /// Adds a query word's terms; a word typed twice keeps one entry.
    pub fn push(&mut self, sought: Sought) {
        if sought.is_empty() {
            return;
        }
        match self.words.iter_mut().find(|s| s.word == sought.word) {
            Some(known) => {
                for (form, how) in sought.forms {
                    known.form(&form, how);
                }
                for (stem, how) in sought.stems {
                    known.stem(&stem, how);
                }
            }
            None => self.words.push(sought),
        }
    }

    /// Adds another clause's words, so a query marks everything it searched.
    pub fn merge(&mut self, other: Searched) {
        for sought in other.words {
            self.push(sought);
        }
    }

    /// Whether nothing would be marked: a group of words the corpus does not
    /// have, which search treats like an unknown word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Every stem searched for, by any word.
    pub fn stems(&self) -> HashSet<String> {
        self.words
            .iter()
            .flat_map(|s| s.stems.keys().cloned())
            .collect()
    }

    /// What of `text`, split into `words` (`analysis::words`), answers the
    /// query: one entry per query word found, in the order the words were
    /// typed, each with the spans (`[start, end)` in characters) of the
    /// quote's words that answer it.
    pub fn matched(&self, text: &str, words: &[Word], decompounder: &Decompounder) -> Vec<Matched> {
        if self.words.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<Option<Matched>> = vec![None; self.words.len()];
        let mut chars = CharOffsets::new(text);
        for w in words {
            let word = QuoteWord::new(&w.lower, decompounder);
            let span = (chars.at(w.start), chars.at(w.end));
            for (sought, entry) in self.words.iter().zip(found.iter_mut()) {
                let Some(how) = sought.answer(&word) else {
                    continue;
                };
                let entry = entry.get_or_insert_with(|| Matched {
                    word: sought.word.clone(),
                    form: w.lower.clone(),
                    how,
                    spans: Vec::new(),
                });
                if how < entry.how {
                    entry.how = how;
                    entry.form = w.lower.clone();
                }
                entry.spans.push(span);
            }
        }
        found.into_iter().flatten().collect()
    }
}

/// One query word a hit answers: the form found first among the closest
/// answers, how it answers, and where in the text every answer stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct Matched {
    /// The query word, lowercase, as typed.
    pub word: String,
    /// The form of the quote that answers it (lowercase).
    pub form: String,
    /// How the closest answer relates to the query word.
    pub how: How,
    /// `[start, end)` of each answering word, in characters (Unicode code
    /// points) of the hit's `text`, in reading order.
    pub spans: Vec<(usize, usize)>,
}

/// The spans of several matched words as one sorted list without overlaps:
/// what a rendering marks.
pub fn marked_spans(matched: &[Matched]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = matched
        .iter()
        .flat_map(|m| m.spans.iter().copied())
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Byte offsets into character offsets, for offsets met in increasing order.
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    char: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> CharOffsets<'a> {
        CharOffsets {
            text,
            byte: 0,
            char: 0,
        }
    }

    /// The character offset of a byte offset at or after the last one asked.
    fn at(&mut self, byte: usize) -> usize {
        self.char += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.char
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn searched(word: &str, forms: &[(&str, How)], stems: &[(&str, How)]) -> Searched {
        let mut sought = Sought::new(word);
        for (f, h) in forms {
            sought.form(f, *h);
        }
        for (s, h) in stems {
            sought.stem(&analysis::stem(s), *h);
        }
        let mut all = Searched::default();
        all.push(sought);
        all
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        let s = searched("tillid", &[], &[("tillid", How::Inflection)]);
        let m = s.matched(
            "Åbenhed og tillid",
            &analysis::words("Åbenhed og tillid"),
            &Decompounder::default(),
        );
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].spans, vec![(11, 17)]);
        assert_eq!(m[0].how, How::AsTyped);
    }

    #[test]
    fn each_answer_says_how() {
        let d = Decompounder::new(["personale", "ledelse"].map(String::from));
        let s = searched("ledelse", &[], &[("ledelse", How::Inflection)]);
        let m = s.matched(
            "Ledelsen og personaleledelse",
            &analysis::words("Ledelsen og personaleledelse"),
            &d,
        );
        assert_eq!(m[0].spans, vec![(0, 8), (12, 28)]);
        assert_eq!(
            (m[0].how, m[0].form.as_str()),
            (How::Inflection, "ledelsen")
        );
        let only_compound = s.matched("personaleledelse", &analysis::words("personaleledelse"), &d);
        assert_eq!(only_compound[0].how, How::CompoundPart);
    }

    #[test]
    fn a_spelling_answers_as_such() {
        let s = searched(
            "direktoer",
            &[("direktør", How::Spelling)],
            &[("direktør", How::Spelling)],
        );
        let m = s.matched(
            "Direktøren og direktør",
            &analysis::words("Direktøren og direktør"),
            &Decompounder::default(),
        );
        assert_eq!(m[0].how, How::Spelling);
        assert_eq!(m[0].spans.len(), 2);
    }

    #[test]
    fn one_entry_per_query_word_in_typed_order() {
        let mut s = searched("tæft", &[], &[("tæft", How::Inflection)]);
        s.merge(searched("politisk", &[], &[("politisk", How::Inflection)]));
        let m = s.matched(
            "politisk tæft og politiske",
            &analysis::words("politisk tæft og politiske"),
            &Decompounder::default(),
        );
        let words: Vec<&str> = m.iter().map(|m| m.word.as_str()).collect();
        assert_eq!(words, ["tæft", "politisk"]);
        assert_eq!(m[1].spans, vec![(0, 8), (17, 26)]);
    }

    #[test]
    fn marked_spans_merge_overlaps() {
        let m = |spans: Vec<(usize, usize)>| Matched {
            word: String::new(),
            form: String::new(),
            how: How::AsTyped,
            spans,
        };
        assert_eq!(
            marked_spans(&[m(vec![(5, 9), (0, 3)]), m(vec![(5, 9), (8, 12)])]),
            vec![(0, 3), (5, 12)]
        );
    }
}
