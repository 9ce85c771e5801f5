//! Query expansion: meeting users where their typing is not the corpus's.
//!
//! People type Danish without æ, ø and å (`direktoer`, `aabenhed`), make
//! typos (`tilid`), type part of a word (`ledelses*`) or a compound the
//! quotes say in parts. The corpus's own vocabulary decides what they meant:
//! a spelling that exists is taken as typed, a folded spelling is unfolded
//! to the forms that exist, and a word that does not exist is matched to its
//! nearest neighbours, which score lower than exact matches.

use std::collections::{HashMap, HashSet};

use citater_indexer::analysis::{self, Decompounder};
use citater_indexer::Quote;

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
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    doc_freq: HashMap<String, usize>,
    decompounder: Decompounder,
    indexed_stems: HashSet<String>,
    /// The stems of the corpus words.
    stems: Vec<String>,
}

/// Danish letters and the ASCII spellings people use for them.
const FOLDS: [(&str, &str); 3] = [("oe", "ø"), ("ae", "æ"), ("aa", "å")];

impl Vocabulary {
    /// The vocabulary of a set of quotes, built the way the index analyses
    /// them, so both sides agree on what a word is.
    pub fn of(quotes: &[Quote], indexed_stems: HashSet<String>) -> Vocabulary {
        let mut doc_freq: HashMap<String, usize> = HashMap::new();
        for q in quotes {
            let mut seen: Vec<String> = analysis::words(&q.text)
                .into_iter()
                .map(|w| w.lower)
                .collect();
            seen.sort();
            seen.dedup();
            for w in seen {
                *doc_freq.entry(w).or_insert(0) += 1;
            }
        }
        let decompounder = Decompounder::new(doc_freq.keys().cloned());
        let mut stems: Vec<String> = doc_freq.keys().map(|w| analysis::stem(w)).collect();
        stems.sort();
        stems.dedup();
        Vocabulary {
            doc_freq,
            decompounder,
            indexed_stems,
            stems,
        }
    }

    /// Splits compounds by the corpus's own words, shared so search and
    /// snippets agree on the parts of a compound.
    pub fn decompounder(&self) -> &Decompounder {
        &self.decompounder
    }

    /// How many quotes use this word as written.
    pub fn doc_freq(&self, word: &str) -> usize {
        self.doc_freq.get(word).copied().unwrap_or(0)
    }

    /// The corpus words a typed word stands for, and how it was matched.
    /// Near spellings come only when nothing else does.
    pub fn resolve(&self, typed: &str) -> Vec<(String, Match)> {
        let lower = typed.to_lowercase();
        if self.doc_freq.contains_key(&lower)
            || self.indexed_stems.contains(&analysis::stem(&lower))
        {
            return vec![(lower, Match::AsTyped)];
        }
        let unfolded: Vec<(String, Match)> = unfoldings(&lower)
            .into_iter()
            .filter(|v| {
                self.doc_freq.contains_key(v) || self.indexed_stems.contains(&analysis::stem(v))
            })
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
        if self.doc_freq.contains_key(&lower) {
            return vec![(lower, Match::AsTyped)];
        }
        unfoldings(&lower)
            .into_iter()
            .filter(|v| self.doc_freq.contains_key(v))
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
        // As characters once, not once per corpus word: a pasted word may be
        // thousands of characters long.
        let targets: Vec<Vec<char>> = {
            let mut t = unfoldings(word);
            t.push(word.to_string());
            t.iter().map(|t| t.chars().collect()).collect()
        };
        let mut found: Vec<(usize, usize, &String)> = self
            .doc_freq
            .iter()
            .filter_map(|(w, df)| {
                let d = targets.iter().map(|t| edit_distance(t, w, max)).min()?;
                (d <= max).then_some((d, *df, w))
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
        let start = self.stems.partition_point(|s| s.as_str() < stem);
        self.stems[start..]
            .iter()
            .take_while(|s| s.starts_with(stem))
            .filter(|s| *s != stem)
            .take(20)
            .cloned()
            .collect()
    }

    /// Every corpus word starting with a prefix (lowercase), the commonest
    /// first, at most `limit`.
    pub fn with_prefix(&self, prefix: &str, limit: usize) -> Vec<String> {
        let lower = prefix.to_lowercase();
        let mut prefixes = unfoldings(&lower);
        prefixes.push(lower);
        let mut found: Vec<(&String, usize)> = self
            .doc_freq
            .iter()
            .filter(|(w, _)| prefixes.iter().any(|p| w.starts_with(p.as_str())))
            .map(|(w, df)| (w, *df))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        found
            .into_iter()
            .take(limit)
            .map(|(w, _)| w.clone())
            .collect()
    }
}

/// At most this many of a word's `oe`, `ae` and `aa`, all three taken
/// together, are read as æ, ø, å, so a word has at most 2^4 spellings: each
/// is compared with the whole vocabulary, and 4 per pair (4,096 spellings)
/// made one word of repeated pairs take seconds.
const MAX_UNFOLDED: usize = 4;

/// The spellings a word typed without æ, ø, å may stand for: every way of
/// reading its `oe`, `ae` and `aa` (`raadgiver` → `rådgiver`), the first
/// `MAX_UNFOLDED` of them.
fn unfoldings(word: &str) -> Vec<String> {
    let mut variants = vec![word.to_string()];
    let mut budget = MAX_UNFOLDED;
    for (ascii, letter) in FOLDS {
        let mut next = Vec::new();
        let mut taken = 0;
        for v in &variants {
            let positions: Vec<usize> = v.match_indices(ascii).map(|(i, _)| i).collect();
            let unfolded = positions.len().min(budget);
            taken = taken.max(unfolded);
            // Each occurrence independently: "aa" can be "aa" in a name.
            for mask in 0..(1u32 << unfolded) {
                let mut s = String::new();
                let mut last = 0;
                for (k, &p) in positions.iter().enumerate().take(unfolded) {
                    s.push_str(&v[last..p]);
                    s.push_str(if mask & (1 << k) != 0 { letter } else { ascii });
                    last = p + ascii.len();
                }
                s.push_str(&v[last..]);
                next.push(s);
            }
        }
        budget -= taken;
        variants = next;
    }
    variants.retain(|v| v != word);
    variants.sort();
    variants.dedup();
    variants
}

/// Levenshtein distance, giving up (returning `max + 1`) once it exceeds
/// `max`.
fn edit_distance(a: &[char], b: &str, max: usize) -> usize {
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return max + 1;
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[&str]) -> Vocabulary {
        let doc_freq = words.iter().map(|w| (w.to_string(), 1)).collect();
        Vocabulary {
            doc_freq,
            decompounder: Decompounder::default(),
            indexed_stems: HashSet::new(),
            stems: Vec::new(),
        }
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
    fn a_typo_finds_its_near_spellings() {
        let v = vocabulary(&["tillid", "tilbud", "til"]);
        assert_eq!(v.resolve("tilid"), [("tillid".to_string(), Match::Near)]);
        assert!(v.resolve("xyzzy").is_empty());
    }

    #[test]
    fn prefixes_expand_to_corpus_words() {
        let v = vocabulary(&["ledelsesrum", "ledelsesrummet", "ledelse", "leder"]);
        let mut found = v.with_prefix("ledelses", 10);
        found.sort();
        assert_eq!(found, ["ledelsesrum", "ledelsesrummet"]);
    }

    #[test]
    fn a_word_has_at_most_sixteen_unfoldings() {
        assert_eq!(
            unfoldings("aaboe"),
            ["aabø", "åboe", "åbø"].map(String::from)
        );
        // Found while fuzzing the search: 4,096 spellings of this word, each
        // compared with the whole vocabulary, took seconds.
        let many = unfoldings("aeaeaeaeoeoeoeoeaaaaaaaa");
        assert_eq!(many.len(), 15);
        assert!(many.contains(&"aeaeaeaeøøøøaaaaaaaa".to_string()));
    }

    #[test]
    fn edit_distance_counts_edits() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(edit_distance(&chars("tilid"), "tillid", 2), 1);
        assert_eq!(edit_distance(&chars("abc"), "xyz", 1), 2);
    }
}
