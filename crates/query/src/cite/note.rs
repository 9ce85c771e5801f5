//! The note a reference manager keeps with a quote's publication (RIS `N1`,
//! BibTeX `note`, CSL `note`): the quote's words, who said them, and where
//! they stand. Each record is the *publication*; the quote and its pinpoint
//! travel in the note, because pinpoints belong to a citation, not to the
//! item cited.

use citater_indexer::Quote;

use super::danish::{one_line, quotation, sentence};

/// „The words“ – the speaker. Afsnit: the section, s. pages.
pub(crate) fn note(quote: &Quote) -> String {
    let mut said = quotation(&quote.text);
    if !quote.speaker.trim().is_empty() {
        said.push_str(" – ");
        said.push_str(quote.speaker.trim());
    }
    let mut note = sentence(&said);
    if let Some(locus) = locus(quote) {
        note.push(' ');
        note.push_str(&sentence(&locus));
    }
    one_line(&note)
}

/// Where in the booklet: "Afsnit: Store forventninger, s. 14-17".
fn locus(quote: &Quote) -> Option<String> {
    let theme = quote.theme.trim();
    match (theme.is_empty(), quote.pages) {
        (false, Some(pages)) => Some(format!("Afsnit: {theme}, s. {pages}")),
        (false, None) => Some(format!("Afsnit: {theme}")),
        (true, Some(pages)) => Some(format!("S. {pages}")),
        (true, None) => None,
    }
}
