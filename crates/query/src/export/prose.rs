//! How a quote's words read in a report, whatever the format: the
//! speaker's first letter capitalised where it opens a line, and every
//! quote ending a sentence, so a block of quotes reads evenly although the
//! booklets end about half of them without a full stop.

/// The text with its first letter in upper case ("En direktør"), as a
/// speaker opens the signature line.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What may close a sentence after its final mark: quotation marks and
/// brackets (`‘… klarer du selv!’`).
const CLOSERS: &[char] = &['’', '‘', '”', '“', '"', '\'', '»', '«', '›', '‹', ')', ']'];

/// The quote's text ending a sentence: a full stop added unless it already
/// ends in `.`, `!`, `?` or `…`, possibly followed by closing quotation
/// marks or brackets; otherwise as it stands.
pub(super) fn with_final_punctuation(text: &str) -> String {
    let text = text.trim_end();
    let last_mark = text.trim_end_matches(CLOSERS);
    if text.is_empty() || last_mark.ends_with(['.', '!', '?', '…']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_quote_ends_a_sentence() {
        for (text, ends) in [
            ("Det gik godt", "Det gik godt."),
            ("Det gik godt.", "Det gik godt."),
            ("Gik det godt?", "Gik det godt?"),
            ("Det gik godt!", "Det gik godt!"),
            ("Og så…", "Og så…"),
            ("Og så...", "Og så..."),
            (
                "siger jeg: ‘Den dér, den klarer du selv!’",
                "siger jeg: ‘Den dér, den klarer du selv!’",
            ),
            (
                "hvad handler den her samtale egentlig om?’",
                "hvad handler den her samtale egentlig om?’",
            ),
            ("Jeg er altid ‘på’", "Jeg er altid ‘på’."),
            ("(som han sagde.)", "(som han sagde.)"),
            ("Vi taler om »tillid«", "Vi taler om »tillid«."),
            ("Det gik godt  ", "Det gik godt."),
            ("", ""),
        ] {
            assert_eq!(with_final_punctuation(text), ends, "{text:?}");
        }
    }

    #[test]
    fn only_the_first_letter_is_capitalised() {
        assert_eq!(capitalised("én politiker"), "Én politiker");
        assert_eq!(capitalised("en direktør i KL"), "En direktør i KL");
        assert_eq!(capitalised(""), "");
    }
}
