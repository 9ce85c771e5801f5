//! Repeats: whether a block set apart from the text (a box, a pull-quote)
//! repeats words the running text prints anyway, so it is no quote of its
//! own. The booklets reword pull-quotes a little, so a block repeats when
//! most of its words recur in order.

use rustc_hash::FxHashMap;

use crate::analysis::words;
use crate::booklet::repair::append_line;
use crate::booklet::Layout;
use crate::vocabulary::Vocabulary;

use super::candidate::Candidate;

/// A pull-quote repeats running text when this share of its words recurs
/// there in order.
const REPEAT_SHARE: f64 = 0.7;

/// What a block may repeat: the running quotes and the paragraphs, as words.
pub(crate) struct Repeats {
    paragraphs: Texts,
    running: Texts,
}

/// What a block repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repeated {
    /// The running quote with this index.
    Quote(usize),
    /// Narration.
    Narration,
}

impl Repeats {
    /// The words a booklet's blocks are compared with.
    pub(crate) fn new(layout: &Layout, running: &[Candidate]) -> Repeats {
        Repeats {
            paragraphs: Texts::new(layout.paragraphs.iter().map(|p| lower_words(&p.text))),
            running: Texts::new(running.iter().map(|c| lower_words(&c.text))),
        }
    }

    /// The running quote a block's text repeats (the first, when several
    /// do), or narration; `None` when its words stand nowhere else.
    pub(crate) fn of(&self, text: &str) -> Option<Repeated> {
        let ws = lower_words(text);
        let needed = (ws.len() as f64 * REPEAT_SHARE).ceil() as usize;
        if let Some(k) = self.running.first_repeated(&ws, needed) {
            return Some(Repeated::Quote(k));
        }
        self.paragraphs
            .first_repeated(&ws, needed)
            .map(|_| Repeated::Narration)
    }
}

/// Texts a block is compared with, each as its words, with an inverted
/// index so that a block is compared only with the texts that can hold
/// enough of its words: a booklet's blocks and paragraphs both grow with
/// its length, and comparing every pair was quadratic. Texts with the same
/// words are compared once. Words are numbered as they first occur.
struct Texts {
    /// Each word's number.
    numbers: FxHashMap<String, u32>,
    /// Each distinct text, as its words' numbers, in the order it first
    /// occurs.
    distinct: Vec<Vec<u32>>,
    /// For each distinct text, the index of the first text with its words.
    first: Vec<usize>,
    /// How many texts there are.
    len: usize,
    /// For each word by number, the distinct texts holding it, ascending.
    holding: Vec<Vec<usize>>,
}

impl Texts {
    fn new(texts: impl Iterator<Item = Vec<String>>) -> Texts {
        let mut ids: FxHashMap<Vec<u32>, usize> = FxHashMap::default();
        let mut index = Texts {
            numbers: FxHashMap::default(),
            distinct: Vec::new(),
            first: Vec::new(),
            len: 0,
            holding: Vec::new(),
        };
        for (k, ws) in texts.enumerate() {
            index.len = k + 1;
            let numbered: Vec<u32> = ws
                .into_iter()
                .map(|w| {
                    let next = index.numbers.len() as u32;
                    *index.numbers.entry(w).or_insert(next)
                })
                .collect();
            if ids.contains_key(&numbered) {
                continue;
            }
            let id = index.distinct.len();
            for &w in &numbered {
                if index.holding.len() <= w as usize {
                    index.holding.resize_with(w as usize + 1, Vec::new);
                }
                let holding = &mut index.holding[w as usize];
                if holding.last() != Some(&id) {
                    holding.push(id);
                }
            }
            ids.insert(numbered.clone(), id);
            index.distinct.push(numbered);
            index.first.push(k);
        }
        index
    }

    /// The index of the first text that holds `needed` of the words `ws`
    /// in order.
    ///
    /// A text holding `needed` of the words in order holds at least
    /// `needed` of them counted with repeats, so it holds one of any
    /// `ws.len() - needed + 1` of them: only the texts holding one of the
    /// rarest that many can, and only they are compared.
    fn first_repeated(&self, ws: &[String], needed: usize) -> Option<usize> {
        if needed == 0 {
            // Every text holds nothing in order.
            return (self.len > 0).then_some(0);
        }
        // A word no text has matches none: a number no word has.
        let numbered: Vec<u32> = ws
            .iter()
            .map(|w| self.numbers.get(w).copied().unwrap_or(u32::MAX))
            .collect();
        let holding = |w: u32| self.holding.get(w as usize).map_or(&[][..], Vec::as_slice);
        let mut by_rarity = numbered.clone();
        by_rarity.sort_by_key(|&w| (holding(w).len(), w));
        let mut candidates: Vec<usize> = by_rarity[..ws.len() - needed + 1]
            .iter()
            .flat_map(|&w| holding(w).iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .find(|&id| common_subsequence(&numbered, &self.distinct[id]) >= needed)
            .map(|id| self.first[id])
    }
}

/// The text of a block's lines `first..=last`, joined as a paragraph is.
pub(crate) fn block_text(
    layout: &Layout,
    first: usize,
    last: usize,
    vocabulary: &Vocabulary,
) -> String {
    let mut text = String::new();
    for line in &layout.lines[first..=last] {
        append_line(&mut text, &line.text, |w| vocabulary.is_conjunction(w));
    }
    text
}

fn lower_words(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.lower).collect()
}

/// Length of the longest common subsequence of two word lists.
fn common_subsequence<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_subsequence_counts_words_in_order() {
        let a: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let b: Vec<String> = ["a", "x", "c", "b"].iter().map(|s| s.to_string()).collect();
        assert_eq!(common_subsequence(&a, &b), 2);
    }

    fn words_of(text: &str) -> Vec<String> {
        text.split(' ')
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    }

    /// The first text the block repeats, comparing it with every text.
    fn naive(texts: &[Vec<String>], ws: &[String], needed: usize) -> Option<usize> {
        texts
            .iter()
            .position(|r| common_subsequence(ws, r) >= needed)
    }

    #[test]
    fn the_index_finds_the_first_repeated_text_as_comparing_every_text_does() {
        // Short texts over a small vocabulary, so that many pairs share
        // words, some repeat and some are empty; a fixed sequence of
        // pseudo-random numbers.
        let vocabulary = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            (seed >> 33) as usize % n
        };
        let mut random_text = |max_len: usize| -> Vec<String> {
            let len = next(max_len + 1);
            (0..len)
                .map(|_| vocabulary[next(vocabulary.len())].to_string())
                .collect()
        };
        let texts: Vec<Vec<String>> = (0..40).map(|_| random_text(9)).collect();
        let index = Texts::new(texts.iter().cloned());
        for _ in 0..2000 {
            let ws = random_text(7);
            let needed = (ws.len() as f64 * REPEAT_SHARE).ceil() as usize;
            assert_eq!(
                index.first_repeated(&ws, needed),
                naive(&texts, &ws, needed),
                "{ws:?}"
            );
        }
    }

    #[test]
    fn a_booklet_printed_twice_repeats_from_its_first_print() {
        let once = [
            "vi mødes hver uge og taler om alt",
            "det er svært at sige nej til sin chef",
            "",
            "tilliden kommer når man holder hvad man lover",
        ];
        let texts: Vec<Vec<String>> = once.iter().chain(&once).map(|t| words_of(t)).collect();
        let index = Texts::new(texts.iter().cloned());
        let block = words_of("tilliden kommer når man holder det man lover");
        assert_eq!(index.first_repeated(&block, 6), Some(3));
        assert_eq!(index.first_repeated(&block, 6), naive(&texts, &block, 6));
        assert_eq!(index.first_repeated(&words_of("intet her"), 2), None);
        assert_eq!(
            index.first_repeated(&[], 0),
            Some(0),
            "nothing is in every text"
        );
        assert_eq!(Texts::new(std::iter::empty()).first_repeated(&[], 0), None);
    }
}
