//! What a search needs to know of a quote's words: a word's stem and the
//! stems of the parts of a compound, worked out once for each word while
//! the engine lives.
//!
//! Each hit is read word by word to say what answers the query (`matched`),
//! and feedback counts the stems of the best quotes (`rank`). Stemming a
//! word (Snowball) and trying every split of it against the term
//! dictionary cost more than the rest of a search over the bundled
//! booklets; the same few thousand words recur in every hit, so they are
//! remembered. The words are the quotes' own, so what is remembered is
//! bounded by the collection's vocabulary, and past `CAPACITY` words
//! nothing more is kept.

use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use citater_indexer::analysis::{self, Decompounder, Dictionary};
use rustc_hash::FxHashMap;

/// How many words are remembered at most (a word takes about a hundred
/// bytes).
const CAPACITY: usize = 1 << 18;

/// A quote word's stem, and the stems of its compound parts when first
/// asked for (most words are answered, or not, by their form or stem).
#[derive(Debug, Default)]
pub struct WordAnalysis {
    /// The word's stem.
    pub stem: String,
    part_stems: OnceLock<Vec<String>>,
}

/// The words analysed so far, and the decompounder that splits them.
pub struct WordAnalyses<D> {
    decompounder: Decompounder<D>,
    known: RwLock<FxHashMap<Box<str>, Arc<WordAnalysis>>>,
}

impl<D: Dictionary> WordAnalyses<D> {
    /// Remembering nothing yet; compounds split by `decompounder`.
    pub fn new(decompounder: Decompounder<D>) -> WordAnalyses<D> {
        WordAnalyses {
            decompounder,
            known: RwLock::default(),
        }
    }

    /// Splits compounds by the corpus's own words.
    pub fn decompounder(&self) -> &Decompounder<D> {
        &self.decompounder
    }

    /// The analysis of `lower`, a quote's word in lowercase.
    pub fn of(&self, lower: &str) -> Arc<WordAnalysis> {
        let known = self.known.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(analysis) = known.get(lower) {
            return Arc::clone(analysis);
        }
        let full = known.len() >= CAPACITY;
        drop(known);
        let analysis = Arc::new(WordAnalysis {
            stem: analysis::stem(lower),
            part_stems: OnceLock::new(),
        });
        if !full {
            self.known
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(lower.into(), Arc::clone(&analysis));
        }
        analysis
    }

    /// The stems of the compound parts of `lower`, whose analysis `word` is
    /// (none for a word that is no compound).
    pub fn part_stems<'a>(&self, lower: &str, word: &'a WordAnalysis) -> &'a [String] {
        word.part_stems.get_or_init(|| {
            self.decompounder
                .parts(lower)
                .iter()
                .map(|p| analysis::stem(p))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_analysed_once_and_as_the_analyzer_would() {
        let analyses = WordAnalyses::new(Decompounder::new(
            ["personale", "ledelse"].map(String::from),
        ));
        let first = analyses.of("personaleledelse");
        assert_eq!(first.stem, analysis::stem("personaleledelse"));
        assert_eq!(
            analyses.part_stems("personaleledelse", &first),
            [analysis::stem("personale"), analysis::stem("ledelse")]
        );
        assert!(Arc::ptr_eq(&first, &analyses.of("personaleledelse")));
        assert!(analyses
            .part_stems("tillid", &analyses.of("tillid"))
            .is_empty());
    }
}
