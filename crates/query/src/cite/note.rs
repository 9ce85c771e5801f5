//! The note a reference manager keeps about one quote cited from a booklet
//! (RIS `N1`, BibTeX `annote`, CSL `annote`): the quote's words, who said
//! them, and its in-text citation with the locator. The record is the
//! booklet; the quotes travel in notes, which no reference list prints.

use citater_indexer::Quote;

use super::danish::{one_line, quotation};
use super::references::Reference;

/// The note of each quote cited from the reference's booklet, in order.
pub(crate) fn notes<'r>(reference: &'r Reference) -> impl Iterator<Item = String> + 'r {
    reference
        .quotes()
        .iter()
        .map(move |quote| note(reference, quote))
}

/// „The words“ – the speaker (Author, year, locator).
pub(crate) fn note(reference: &Reference, quote: &Quote) -> String {
    let mut note = quotation(&quote.text);
    if !quote.speaker.trim().is_empty() {
        note.push_str(" – ");
        note.push_str(quote.speaker.trim());
    }
    note.push(' ');
    note.push_str(&reference.in_text(quote));
    note.push('.');
    one_line(&note)
}
