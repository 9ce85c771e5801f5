//! Repeats: whether a block set apart from the text (a box, a pull-quote)
//! repeats words the running text prints anyway, so it is no quote of its
//! own. The booklets reword pull-quotes a little, so a block repeats when
//! most of its words recur in order.

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
    paragraph_words: Vec<Vec<String>>,
    running_words: Vec<Vec<String>>,
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
            paragraph_words: layout
                .paragraphs
                .iter()
                .map(|p| lower_words(&p.text))
                .collect(),
            running_words: running.iter().map(|c| lower_words(&c.text)).collect(),
        }
    }

    /// The running quote a block's text repeats, or narration; `None` when
    /// its words stand nowhere else.
    pub(crate) fn of(&self, text: &str) -> Option<Repeated> {
        let ws = lower_words(text);
        let needed = (ws.len() as f64 * REPEAT_SHARE).ceil() as usize;
        if let Some(k) = self
            .running_words
            .iter()
            .position(|r| common_subsequence(&ws, r) >= needed)
        {
            return Some(Repeated::Quote(k));
        }
        self.paragraph_words
            .iter()
            .any(|r| common_subsequence(&ws, r) >= needed)
            .then_some(Repeated::Narration)
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
fn common_subsequence(a: &[String], b: &[String]) -> usize {
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
}
