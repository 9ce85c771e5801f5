//! Query expansion: meeting users where their typing is not the corpus's.
//!
//! People type Danish without æ, ø and å (`direktoer`, `aabenhed`), make
//! typos (`tilid`), type part of a word (`ledelses*`) or a compound the
//! quotes say in parts. The corpus's own vocabulary decides what they meant:
//! a spelling that exists is taken as typed, a folded spelling is unfolded
//! to the forms that exist, and a word that does not exist is matched to its
//! nearest neighbours, which score lower than exact matches.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use citater_indexer::analysis::{self, Decompounder, Dictionary};
use citater_indexer::folding::unfoldings;
use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::termdict::TermDictionary;
use tantivy::{InvertedIndexReader, Searcher, Term};

use super::word_analysis::WordAnalyses;

/// How a query word was matched to the corpus vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The word exists as typed.
    AsTyped,
    /// The word was typed without æ, ø or å.
    Unfolded,
    /// The word does not exist; this is a near spelling.
    Near,
}

/// The corpus's words (lowercase, as written) and how many quotes use each,
/// and every stem the index holds (also from headings and narration).
///
/// Both are the index's own term dictionaries, read where they lie: the
/// `exact` field's terms are the quotes' words with their document
/// frequencies, the `text` field's their stems. So opening an index
/// analyses no quote and builds no table, and the query side cannot
/// disagree with the index about what a word is.
#[derive(Clone)]
pub struct Vocabulary {
    /// The quotes' words as written.
    words: Terms,
    /// The stems of the quotes' words.
    stems: Terms,
    /// Every field of stems a word may be found in.
    indexed: Vec<Terms>,
    /// The quotes' words as matching reads them, and the decompounder.
    analyses: Arc<WordAnalyses<Terms>>,
    /// The length of the longest word, in characters.
    longest_word: usize,
}

/// One field's terms, in every segment of an index.
#[derive(Clone)]
pub struct Terms {
    field: Field,
    segments: Vec<Arc<InvertedIndexReader>>,
}

impl Terms {
    fn of(searcher: &Searcher, field: Field) -> tantivy::Result<Terms> {
        let segments = searcher.segment_readers().iter();
        Ok(Terms {
            field,
            segments: segments
                .map(|s| s.inverted_index(field))
                .collect::<tantivy::Result<_>>()?,
        })
    }

    fn dictionaries(&self) -> impl Iterator<Item = &TermDictionary> {
        self.segments.iter().map(|i| i.terms())
    }

    /// Every term within `max` edits of `word` (Levenshtein over
    /// characters, no transpositions), found by intersecting the term
    /// dictionaries with an automaton: no term outside is looked at.
    fn within(&self, word: &str, max: u8, found: &mut BTreeSet<String>) {
        let query = FuzzyTermQuery::new(Term::from_field_text(self.field, word), max, false);
        let Ok(automaton) = query.automaton() else {
            return;
        };
        for dictionary in self.dictionaries() {
            let Ok(mut stream) = dictionary.search(&automaton).into_stream() else {
                continue;
            };
            while stream.advance() {
                if let Ok(term) = std::str::from_utf8(stream.key()) {
                    found.insert(term.to_string());
                }
            }
        }
    }

    /// How many documents hold the term.
    fn doc_freq(&self, term: &str) -> usize {
        self.dictionaries()
            .filter_map(|d| d.get(term).ok().flatten())
            .map(|info| info.doc_freq as usize)
            .sum()
    }

    /// Every term from `start` (inclusive) while `more` holds, in byte
    /// order, with its document frequency summed over the segments.
    fn from(&self, start: &str, more: impl Fn(&str) -> bool) -> Vec<(String, usize)> {
        let mut found: BTreeMap<String, usize> = BTreeMap::new();
        for dictionary in self.dictionaries() {
            let Ok(mut stream) = dictionary.range().ge(start.as_bytes()).into_stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if !more(term) {
                    break;
                }
                *found.entry(term.to_string()).or_insert(0) += stream.value().doc_freq as usize;
            }
        }
        found.into_iter().collect()
    }
}

impl Dictionary for Terms {
    fn contains(&self, word: &str) -> bool {
        self.dictionaries()
            .any(|d| d.get(word).ok().flatten().is_some())
    }
}

impl Vocabulary {
    /// The vocabulary of an index: `words` is the field of words as
    /// written, `stems` the field of their stems, and `indexed` every
    /// field of stems; `longest_word` bounds the decompounder.
    pub fn of(
        searcher: &Searcher,
        words: Field,
        stems: Field,
        indexed: &[Field],
        longest_word: usize,
    ) -> tantivy::Result<Vocabulary> {
        let words = Terms::of(searcher, words)?;
        Ok(Vocabulary {
            analyses: Arc::new(WordAnalyses::new(Decompounder::with(
                words.clone(),
                longest_word,
            ))),
            longest_word,
            words,
            stems: Terms::of(searcher, stems)?,
            indexed: indexed
                .iter()
                .map(|&f| Terms::of(searcher, f))
                .collect::<tantivy::Result<_>>()?,
        })
    }

    /// Splits compounds by the corpus's own words, shared so search and
    /// snippets agree on the parts of a compound.
    pub fn decompounder(&self) -> &Decompounder<Terms> {
        self.analyses.decompounder()
    }

    /// The quotes' words, each analysed once (stem, compound parts).
    pub fn analyses(&self) -> &WordAnalyses<Terms> {
        &self.analyses
    }

    /// How many quotes use this word as written.
    pub fn doc_freq(&self, word: &str) -> usize {
        self.words.doc_freq(word)
    }

    fn is_word(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Whether any field of stems holds the word's stem.
    fn stem_is_indexed(&self, word: &str) -> bool {
        let stem = analysis::stem(word);
        self.indexed.iter().any(|t| t.contains(&stem))
    }

    /// The corpus words a typed word stands for, and how it was matched.
    /// Near spellings come only when nothing else does.
    pub fn resolve(&self, typed: &str) -> Vec<(String, Match)> {
        let lower = typed.to_lowercase();
        if self.is_word(&lower) || self.stem_is_indexed(&lower) {
            return vec![(lower, Match::AsTyped)];
        }
        let unfolded: Vec<(String, Match)> = unfoldings(&lower)
            .into_iter()
            .filter(|v| self.is_word(v) || self.stem_is_indexed(v))
            .map(|v| (v, Match::Unfolded))
            .collect();
        if !unfolded.is_empty() {
            return unfolded;
        }
        self.near(&lower)
            .into_iter()
            .map(|w| (w, Match::Near))
            .collect()
    }

    /// The corpus words a word of a quoted phrase stands for: as typed, or
    /// else its æøå spellings; never a near spelling or another inflection.
    pub fn exact_forms(&self, typed: &str) -> Vec<(String, Match)> {
        let lower = typed.to_lowercase();
        if self.is_word(&lower) {
            return vec![(lower, Match::AsTyped)];
        }
        unfoldings(&lower)
            .into_iter()
            .filter(|v| self.is_word(v))
            .map(|v| (v, Match::Unfolded))
            .collect()
    }

    /// Words within one edit of a word (two for long words), the commonest
    /// first: what a typo most likely meant. Also through unfolding, so
    /// `aabenhd` still finds `åbenhed`.
    pub fn near(&self, word: &str) -> Vec<String> {
        let length = word.chars().count();
        if length < 4 {
            return Vec::new();
        }
        let max = if length >= 8 { 2 } else { 1 };
        // No word of the quotes is within `max` edits of a longer one (a
        // pasted word may be thousands of characters long).
        if length > self.longest_word + max {
            return Vec::new();
        }
        let mut spellings = unfoldings(word);
        spellings.push(word.to_string());
        let mut candidates = BTreeSet::new();
        for spelling in &spellings {
            self.words.within(spelling, max as u8, &mut candidates);
        }
        let targets: Vec<Vec<char>> = spellings.iter().map(|t| t.chars().collect()).collect();
        let mut rows = (Vec::new(), Vec::new());
        let mut found: Vec<(usize, usize, &String)> = candidates
            .iter()
            .filter_map(|w| {
                let d = targets
                    .iter()
                    .map(|t| edit_distance(t, w, max, &mut rows))
                    .min()?;
                (d <= max).then(|| (d, self.words.doc_freq(w), w))
            })
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        found
            .into_iter()
            .take(4)
            .map(|(_, _, w)| w.clone())
            .collect()
    }

    /// The word family of a stem: longer stems that start with it
    /// (`rådgiv` → `rådgivning`, `deleg` → `delegering`).
    pub fn family(&self, stem: &str) -> Vec<String> {
        if stem.chars().count() < 5 {
            return Vec::new();
        }
        self.stems
            .from(stem, |s| s.starts_with(stem))
            .into_iter()
            .map(|(s, _)| s)
            .filter(|s| s != stem)
            .take(20)
            .collect()
    }

    /// Every corpus word starting with a prefix (lowercase), the commonest
    /// first, at most `limit`.
    pub fn with_prefix(&self, prefix: &str, limit: usize) -> Vec<String> {
        let lower = prefix.to_lowercase();
        let mut prefixes = unfoldings(&lower);
        prefixes.push(lower);
        prefixes.sort();
        prefixes.dedup();
        let mut found: Vec<(String, usize)> = prefixes
            .iter()
            .flat_map(|p| self.words.from(p, |w| w.starts_with(p.as_str())))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        found.dedup();
        found.into_iter().take(limit).map(|(w, _)| w).collect()
    }
}

/// Levenshtein distance, giving up (returning `max + 1`) once it exceeds
/// `max`. `rows` are the two rows of the table, kept by the caller so
/// comparing a word with a whole vocabulary allocates once.
fn edit_distance(a: &[char], b: &str, max: usize, rows: &mut (Vec<usize>, Vec<usize>)) -> usize {
    let b_len = b.chars().count();
    if a.len().abs_diff(b_len) > max {
        return max + 1;
    }
    let (prev, cur) = rows;
    prev.clear();
    prev.extend(0..=b_len);
    for (i, ca) in a.iter().enumerate() {
        cur.clear();
        cur.push(i + 1);
        let mut row_min = i + 1;
        for (j, cb) in b.chars().enumerate() {
            let cost = usize::from(*ca != cb);
            let d = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            cur.push(d);
            row_min = row_min.min(d);
        }
        if row_min > max {
            return max + 1;
        }
        std::mem::swap(prev, cur);
    }
    prev[b_len]
}

#[cfg(test)]
mod tests {
    use super::*;

    use tantivy::schema::{Schema, STRING};
    use tantivy::{Index, TantivyDocument};

    /// The vocabulary of an index of one document per word: the word as
    /// written in one field, its stem in another.
    fn vocabulary(words: &[&str]) -> Vocabulary {
        let mut schema = Schema::builder();
        let exact = schema.add_text_field("exact", STRING);
        let text = schema.add_text_field("text", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for w in words {
            let mut doc = TantivyDocument::default();
            doc.add_text(exact, w);
            doc.add_text(text, analysis::stem(w));
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let longest = analysis::longest_word(words.iter().copied());
        Vocabulary::of(&searcher, exact, text, &[text], longest).unwrap()
    }

    #[test]
    fn unfolds_danish_letters_typed_in_ascii() {
        let v = vocabulary(&["direktør", "åbenhed", "rådgiver", "politikerne"]);
        assert_eq!(
            v.resolve("direktoer"),
            [("direktør".to_string(), Match::Unfolded)]
        );
        assert_eq!(
            v.resolve("aabenhed"),
            [("åbenhed".to_string(), Match::Unfolded)]
        );
        assert_eq!(
            v.resolve("raadgiver"),
            [("rådgiver".to_string(), Match::Unfolded)]
        );
        assert_eq!(
            v.resolve("Politikerne"),
            [("politikerne".to_string(), Match::AsTyped)]
        );
    }

    #[test]
    fn the_automaton_finds_every_word_within_the_edits_and_no_other() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
        let mut words = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                words.extend(analysis::words(&text).into_iter().map(|w| w.lower));
            }
        }
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let v = vocabulary(&words);
        let mut rows = (Vec::new(), Vec::new());
        let mut compared = 0;
        for word in words.iter().step_by(41) {
            let chars: Vec<char> = word.chars().collect();
            let middle = chars.len() / 2;
            let edited = |f: &dyn Fn(&mut Vec<char>)| {
                let mut c = chars.clone();
                f(&mut c);
                c.into_iter().collect::<String>()
            };
            let typed = [
                word.to_string(),
                edited(&|c| {
                    c.remove(middle);
                }),
                edited(&|c| c[middle] = 'x'),
                edited(&|c| c.insert(middle, 'æ')),
                word.replace('ø', "oe").replace('å', "aa"),
            ];
            for typo in typed {
                let target: Vec<char> = typo.chars().collect();
                for max in [1, 2] {
                    let mut found = BTreeSet::new();
                    v.words.within(&typo, max as u8, &mut found);
                    let expected: BTreeSet<String> = words
                        .iter()
                        .filter(|w| edit_distance(&target, w, max, &mut rows) <= max)
                        .map(|w| w.to_string())
                        .collect();
                    assert_eq!(found, expected, "{typo} within {max}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 1000, "{compared}");
    }

    #[test]
    fn a_typo_finds_its_near_spellings() {
        let v = vocabulary(&["tillid", "tilbud", "til"]);
        assert_eq!(v.resolve("tilid"), [("tillid".to_string(), Match::Near)]);
        assert!(v.resolve("xyzzy").is_empty());
    }

    #[test]
    fn families_are_longer_stems_and_compounds_split_by_the_words() {
        let v = vocabulary(&[
            "rådgiver",
            "rådgivning",
            "rådgivningen",
            "personale",
            "ledelse",
        ]);
        assert_eq!(v.family(&analysis::stem("rådgiver")), ["rådgivning"]);
        assert_eq!(
            v.decompounder().parts("personaleledelse"),
            ["personale", "ledelse"]
        );
        assert_eq!(v.doc_freq("ledelse"), 1);
        assert_eq!(v.doc_freq("ledelsen"), 0);
    }

    #[test]
    fn prefixes_expand_to_corpus_words() {
        let v = vocabulary(&["ledelsesrum", "ledelsesrummet", "ledelse", "leder"]);
        let mut found = v.with_prefix("ledelses", 10);
        found.sort();
        assert_eq!(found, ["ledelsesrum", "ledelsesrummet"]);
    }

    #[test]
    fn edit_distance_counts_edits() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let mut rows = (Vec::new(), Vec::new());
        assert_eq!(edit_distance(&chars("tilid"), "tillid", 2, &mut rows), 1);
        assert_eq!(edit_distance(&chars("abc"), "xyz", 1, &mut rows), 2);
        assert_eq!(edit_distance(&chars("abc"), "abcdef", 1, &mut rows), 2);
        assert_eq!(edit_distance(&chars("leder"), "ledere", 1, &mut rows), 1);
    }
}
