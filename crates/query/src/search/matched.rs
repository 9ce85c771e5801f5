//! What matched: for each word of a query, the words of a quote that answer
//! it, where they stand and how they answer it.
//!
//! This is the one notion of "what matched" in citater. Compiling a query
//! records, word by word, every term it searches for (`Searched`); a hit's
//! `matched` list is read off its text with those terms, and every rendering
//! (the HTML snippet, the page, the terminal, Markdown) marks exactly these
//! spans, so no two faces can disagree about a highlight.
//!
//! A word of a quoted phrase answers only where the phrase stands, its
//! words together and in order, unless it was also typed on its own.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use citater_indexer::analysis::{self, Dictionary, Word};
use citater_indexer::topic::Evidence;
use citater_indexer::Quote;
use serde::Serialize;

use super::word_analysis::{WordAnalyses, WordAnalysis};

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
    /// A synonym of the word (`alene` for `ensom`).
    #[serde(rename = "synonym")]
    Synonym,
    /// Not in the text: the heading the quote is filed under says the word,
    /// or the quote belongs to the topic the word names.
    #[serde(rename = "emne")]
    Topic,
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
    /// Stems searched for in the headings a quote is filed under.
    heading_stems: HashSet<String>,
    /// The topics (ids) the word names.
    topics: Vec<String>,
    /// Whether the word answers wherever it stands (typed on its own), or
    /// only where a phrase of it does.
    anywhere: bool,
}

impl Sought {
    /// A query word, before any of its terms are known.
    pub fn new(word: &str) -> Sought {
        Sought {
            word: word.to_lowercase(),
            forms: HashMap::new(),
            stems: HashMap::new(),
            heading_stems: HashSet::new(),
            topics: Vec::new(),
            anywhere: true,
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

    /// A stem the word searches for in the headings a quote is filed
    /// under.
    pub fn heading(&mut self, stem: &str) {
        self.heading_stems.insert(stem.to_string());
    }

    /// A topic the word names.
    pub fn topic(&mut self, id: &str) {
        if !self.topics.iter().any(|t| t == id) {
            self.topics.push(id.to_string());
        }
    }

    /// Whether the word searches for nothing.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty() && self.stems.is_empty() && self.topics.is_empty()
    }

    /// How a word of a quote answers this query word, if it does.
    fn answer(&self, word: &QuoteWord<'_, impl Dictionary>) -> Option<How> {
        let lower = word.lower;
        let how = self
            .forms
            .get(lower)
            .or_else(|| self.stems.get(word.stem()))
            .copied()
            .or_else(|| {
                // A part answers for the word itself, never for a synonym;
                // a part spelt otherwise than typed (`tillid` in
                // `tillidsfuld` for `tilid`) answers as that spelling.
                word.part_stems()
                    .iter()
                    .filter_map(|p| self.stems.get(p).copied())
                    .filter(|h| *h < How::Synonym)
                    .min()
                    .map(|h| h.max(How::CompoundPart))
            })?;
        Some(if lower == self.word {
            How::AsTyped
        } else {
            how
        })
    }

    /// The word answered by what a quote is filed under, when its text
    /// does not answer it, with the evidence: a word of its headings, else
    /// the words by which it shows a topic the word names, in its text
    /// (marked there) or in its headings. A topic the quote belongs to by
    /// its section alone answers nothing: it only ranks.
    fn filed(&self, filed: &FiledUnder<'_>, evidence: &Evidence) -> Option<Matched> {
        if self.heading_stems.is_empty() && self.topics.is_empty() {
            return None;
        }
        let found = |form: String, spans: Vec<(usize, usize)>| Matched {
            word: self.word.clone(),
            form,
            how: How::Topic,
            spans,
        };
        let (heading_words, heading_stems) = (filed.heading_words(), filed.heading_stems());
        if let Some(k) = heading_stems
            .iter()
            .position(|s| self.heading_stems.contains(s))
        {
            return Some(found(heading_words[k].lower.clone(), Vec::new()));
        }
        let quote = filed.quote;
        let topic = self.topics.iter().find(|t| quote.topics.contains(t))?;
        if let Some((first, last)) = evidence.find(topic, filed.text_stems()) {
            let words = filed.words;
            let mut chars = CharOffsets::new(&quote.text);
            let span = (chars.at(words[first].start), chars.at(words[last].end));
            let form = quote.text[words[first].start..words[last].end].to_lowercase();
            return Some(found(form, vec![span]));
        }
        let (first, last) = evidence.find(topic, heading_stems)?;
        let form: Vec<&str> = heading_words[first..=last]
            .iter()
            .map(|w| w.lower.as_str())
            .collect();
        Some(found(form.join(" "), Vec::new()))
    }
}

/// A quote with what it is filed under: its headings' words and stems and
/// its text's stems, worked out once and only when a query word needs them.
struct FiledUnder<'a> {
    quote: &'a Quote,
    words: &'a [Word],
    heading_words: OnceCell<Vec<Word>>,
    heading_stems: OnceCell<Vec<String>>,
    text_stems: OnceCell<Vec<String>>,
}

impl<'a> FiledUnder<'a> {
    fn new(quote: &'a Quote, words: &'a [Word]) -> FiledUnder<'a> {
        FiledUnder {
            quote,
            words,
            heading_words: OnceCell::new(),
            heading_stems: OnceCell::new(),
            text_stems: OnceCell::new(),
        }
    }

    /// The words of the theme, then of the subtheme.
    fn heading_words(&self) -> &[Word] {
        self.heading_words.get_or_init(|| {
            let mut headings = vec![self.quote.theme.as_str()];
            headings.extend(self.quote.subtheme.as_deref());
            headings.iter().flat_map(|h| analysis::words(h)).collect()
        })
    }

    fn heading_stems(&self) -> &[String] {
        self.heading_stems
            .get_or_init(|| stems(self.heading_words()))
    }

    fn text_stems(&self) -> &[String] {
        self.text_stems.get_or_init(|| stems(self.words))
    }
}

fn stems(words: &[Word]) -> Vec<String> {
    words.iter().map(|w| analysis::stem(&w.lower)).collect()
}

/// A word of a quote, its stem and its compound parts' stems looked up
/// only when a query word needs them: most words are answered, or not, by
/// their form alone.
struct QuoteWord<'a, D> {
    lower: &'a str,
    analyses: &'a WordAnalyses<D>,
    analysis: OnceCell<Arc<WordAnalysis>>,
}

impl<'a, D: Dictionary> QuoteWord<'a, D> {
    fn new(lower: &'a str, analyses: &'a WordAnalyses<D>) -> QuoteWord<'a, D> {
        QuoteWord {
            lower,
            analyses,
            analysis: OnceCell::new(),
        }
    }

    fn analysis(&self) -> &WordAnalysis {
        self.analysis.get_or_init(|| self.analyses.of(self.lower))
    }

    fn stem(&self) -> &str {
        &self.analysis().stem
    }

    fn part_stems(&self) -> &[String] {
        self.analyses.part_stems(self.lower, self.analysis())
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
    /// The quoted phrases: each word (lowercase, as typed) with the forms
    /// that stand for it.
    phrases: Vec<Vec<(String, HashSet<String>)>>,
}

impl Searched {
    /// Adds a query word's terms; a word typed twice keeps one entry.
    pub fn push(&mut self, sought: Sought) {
        if sought.is_empty() {
            return;
        }
        match self.words.iter_mut().find(|s| s.word == sought.word) {
            Some(known) => {
                known.anywhere |= sought.anywhere;
                for (form, how) in sought.forms {
                    known.form(&form, how);
                }
                for (stem, how) in sought.stems {
                    known.stem(&stem, how);
                }
                known.heading_stems.extend(sought.heading_stems);
                for topic in sought.topics {
                    known.topic(&topic);
                }
            }
            None => self.words.push(sought),
        }
    }

    /// Adds a quoted phrase, word by word: each answers only where the
    /// phrase stands (unless it is also typed on its own).
    pub fn push_phrase(&mut self, words: Vec<Sought>) {
        let phrase = words
            .iter()
            .map(|s| (s.word.clone(), s.forms.keys().cloned().collect()))
            .collect();
        for mut sought in words {
            sought.anywhere = false;
            self.push(sought);
        }
        self.phrases.push(phrase);
    }

    /// Adds another clause's words, so a query marks everything it searched.
    pub fn merge(&mut self, other: Searched) {
        for sought in other.words {
            self.push(sought);
        }
        self.phrases.extend(other.phrases);
    }

    /// For each query word, the positions in `words` where a phrase of it
    /// stands whole.
    fn phrase_positions(&self, words: &[Word]) -> Vec<HashSet<usize>> {
        let mut at = vec![HashSet::new(); self.words.len()];
        for phrase in self.phrases.iter().filter(|p| p.len() <= words.len()) {
            for start in 0..=words.len() - phrase.len() {
                let stands = phrase
                    .iter()
                    .zip(&words[start..])
                    .all(|((_, forms), w)| forms.contains(&w.lower));
                if !stands {
                    continue;
                }
                for (k, (word, _)) in phrase.iter().enumerate() {
                    if let Some(i) = self.words.iter().position(|s| s.word == *word) {
                        at[i].insert(start + k);
                    }
                }
            }
        }
        at
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
    pub fn matched<D: Dictionary>(
        &self,
        text: &str,
        words: &[Word],
        analyses: &WordAnalyses<D>,
    ) -> Vec<Matched> {
        if self.words.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<Option<Matched>> = vec![None; self.words.len()];
        let mut chars = CharOffsets::new(text);
        let in_phrase = self.phrase_positions(words);
        for (at, w) in words.iter().enumerate() {
            let word = QuoteWord::new(&w.lower, analyses);
            let span = (chars.at(w.start), chars.at(w.end));
            for ((sought, entry), in_phrase) in self.words.iter().zip(&mut found).zip(&in_phrase) {
                if !sought.anywhere && !in_phrase.contains(&at) {
                    continue;
                }
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

    /// `matched`, and then, for each query word the text does not answer,
    /// whether what the quote is filed under does (`How::Topic`): its
    /// theme and subtheme, and its topics.
    pub fn matched_in(
        &self,
        quote: &Quote,
        words: &[Word],
        analyses: &WordAnalyses<impl Dictionary>,
        evidence: &Evidence,
    ) -> Vec<Matched> {
        let in_text = self.matched(&quote.text, words, analyses);
        let filed = FiledUnder::new(quote, words);
        self.words
            .iter()
            .filter_map(|sought| {
                in_text
                    .iter()
                    .find(|m| m.word == sought.word)
                    .cloned()
                    .or_else(|| sought.filed(&filed, evidence))
            })
            .collect()
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
    use citater_indexer::analysis::Decompounder;

    /// Analyses with no compounds.
    fn plain() -> WordAnalyses<HashSet<String>> {
        WordAnalyses::new(Decompounder::default())
    }

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
            &plain(),
        );
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].spans, vec![(11, 17)]);
        assert_eq!(m[0].how, How::AsTyped);
    }

    #[test]
    fn each_answer_says_how() {
        let d = WordAnalyses::new(Decompounder::new(
            ["personale", "ledelse"].map(String::from),
        ));
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
            &plain(),
        );
        assert_eq!(m[0].how, How::Spelling);
        assert_eq!(m[0].spans.len(), 2);
    }

    #[test]
    fn a_compound_of_a_spelling_answers_as_the_spelling() {
        let d = WordAnalyses::new(Decompounder::new(["tillid", "fuld"].map(String::from)));
        let typo = searched("tilid", &[], &[("tillid", How::Spelling)]);
        let m = typo.matched("tillidsfuld", &analysis::words("tillidsfuld"), &d);
        assert_eq!(m[0].how, How::Spelling);
        let typed = searched("tillid", &[], &[("tillid", How::Inflection)]);
        let m = typed.matched("tillidsfuld", &analysis::words("tillidsfuld"), &d);
        assert_eq!(m[0].how, How::CompoundPart);
    }

    #[test]
    fn one_entry_per_query_word_in_typed_order() {
        let mut s = searched("tæft", &[], &[("tæft", How::Inflection)]);
        s.merge(searched("politisk", &[], &[("politisk", How::Inflection)]));
        let m = s.matched(
            "politisk tæft og politiske",
            &analysis::words("politisk tæft og politiske"),
            &plain(),
        );
        let words: Vec<&str> = m.iter().map(|m| m.word.as_str()).collect();
        assert_eq!(words, ["tæft", "politisk"]);
        assert_eq!(m[1].spans, vec![(0, 8), (17, 26)]);
    }

    #[test]
    fn a_phrase_marks_its_words_only_where_it_stands() {
        let text = "Vi skal, og derfor skal vi. Skal vi?";
        let words = analysis::words(text);
        let as_typed = |w: &str| {
            let mut sought = Sought::new(w);
            sought.form(w, How::AsTyped);
            sought
        };
        let mut s = Searched::default();
        s.push_phrase(vec![as_typed("derfor"), as_typed("skal")]);
        let m = s.matched(text, &words, &plain());
        assert_eq!(m[0].spans, vec![(12, 18)]);
        assert_eq!(m[1].spans, vec![(19, 23)]);
        // Typed on its own too, the word answers wherever it stands.
        s.push(as_typed("skal"));
        let m = s.matched(text, &words, &plain());
        assert_eq!(m[1].spans, vec![(3, 7), (19, 23), (28, 32)]);
        // A phrase that stands nowhere marks none of its words.
        let mut s = Searched::default();
        s.push_phrase(vec![as_typed("skal"), as_typed("derfor")]);
        assert!(s.matched(text, &words, &plain()).is_empty());
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
