//! Quote marks: whether a quotation mark opens or closes speech, read from
//! what stands around it. Paragraphs use it to keep an open quotation
//! together, and the marks style to find the speech it encloses.

/// A quotation mark's part in the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Opens speech: space or an opening sign before it, text after it.
    Opening,
    /// Closes speech: text before it, space or punctuation after it.
    Closing,
}

/// Reads a quotation mark by what stands around it rather than by its
/// glyph: the booklets open with “ and ” alike, and once close with “.
pub(crate) fn mark_at(text: &str, i: usize, c: char) -> Option<Mark> {
    if !matches!(c, '“' | '”' | '"') {
        return None;
    }
    let before = text[..i].chars().next_back();
    let after = text[i + c.len_utf8()..].chars().next();
    let space_before = before.is_none_or(|b| b.is_whitespace() || "(:–*•".contains(b));
    let space_after = after.is_none_or(|a| a.is_whitespace() || ".,;:!?)–*".contains(a));
    match (space_before, space_after) {
        (true, false) => Some(Mark::Opening),
        (false, true) => Some(Mark::Closing),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<Option<Mark>> {
        text.char_indices()
            .filter(|(_, c)| matches!(c, '“' | '”' | '"'))
            .map(|(i, c)| mark_at(text, i, c))
            .collect()
    }

    #[test]
    fn a_mark_opens_before_text_and_closes_after_it() {
        assert_eq!(
            marks("Hun sagde: “Vi går nu.” Så gik hun."),
            [Some(Mark::Opening), Some(Mark::Closing)]
        );
    }

    #[test]
    fn the_glyph_does_not_decide() {
        // Opened with ” and closed with “, as the booklets sometimes print.
        assert_eq!(
            marks("”Det holder ikke,“ siger han."),
            [Some(Mark::Opening), Some(Mark::Closing)]
        );
        assert_eq!(
            marks("\"Kort sagt\"."),
            [Some(Mark::Opening), Some(Mark::Closing)]
        );
    }

    #[test]
    fn a_mark_between_words_or_spaces_is_neither() {
        assert_eq!(marks("et ord“med"), [None]);
        assert_eq!(marks("her “ der"), [None]);
        assert_eq!(mark_at("a’b", 1, '’'), None, "apostrophes are no marks");
    }
}
