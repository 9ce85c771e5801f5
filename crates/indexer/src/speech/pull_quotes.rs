//! Pull-quotes: large-print blocks (found by the booklet stage) that are
//! speech whose words stand nowhere else in the booklet. Most pull-quotes
//! repeat a running quote and are left out, so a quote counts once.

use crate::analysis::words;
use crate::booklet::Layout;
use crate::vocabulary::Vocabulary;

use super::candidate::Candidate;
use super::repeats::{block_text, Repeats};

/// The fewest words a pull-quote of its own has.
const MIN_WORDS: usize = 6;

/// The large-print blocks that are quotes of their own: speech-like (first
/// person), in a chapter, a whole sentence, and repeating nothing.
pub(crate) fn quotes(
    layout: &Layout,
    repeats: &Repeats,
    vocabulary: &Vocabulary,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for b in &layout.large_print {
        let text = block_text(layout, b.first, b.last, vocabulary);
        let ws = words(&text);
        let speech_like = ws.iter().any(|w| vocabulary.is_first_person(&w.lower));
        let in_chapter = layout.contexts[b.first].theme.is_some();
        let sentence = text.trim_end().ends_with(['.', '!', '?']);
        if speech_like
            && in_chapter
            && ws.len() >= MIN_WORDS
            && sentence
            && repeats.of(&text).is_none()
        {
            out.push(Candidate::set_apart(b.first, b.last, text, None, true));
        }
    }
    out
}
