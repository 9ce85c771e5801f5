//! The `labelled` style: a quote box whose speech is followed by a line
//! naming the speaker (the booklet stage finds the boxes). A box repeating a
//! running quote is no quote of its own, but lends that quote its label when
//! the running text does not say who speaks.

use crate::booklet::Layout;
use crate::vocabulary::Vocabulary;

use super::candidate::Candidate;
use super::marks::spans;
use super::repeats::{block_text, Repeated, Repeats};

/// The boxes' quotes that the running text does not print; labels the
/// running quotes the boxes repeat.
pub(crate) fn quotes(
    layout: &Layout,
    running: &mut [Candidate],
    repeats: &Repeats,
    vocabulary: &Vocabulary,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for b in &layout.boxes {
        let text = block_text(layout, b.first, b.last - 1, vocabulary);
        let marked = spans(&text).into_iter().next();
        let (speech, pullquote) = match marked {
            Some(s) => (text[s.start..s.end].to_string(), false),
            None => (text.clone(), true),
        };
        match repeats.of(&speech) {
            Some(Repeated::Quote(k)) => {
                let original = &mut running[k];
                if original.speaker.is_none() && original.label_role.is_none() {
                    original.label_role = b.label.clone();
                }
            }
            Some(Repeated::Narration) => {}
            None => out.push(Candidate::set_apart(
                b.first,
                b.last - 1,
                speech,
                b.label.clone(),
                pullquote,
            )),
        }
    }
    out
}
