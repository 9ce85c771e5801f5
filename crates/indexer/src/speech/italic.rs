//! The `italic` style: a whole paragraph set in *italics* right after an
//! introduction ending in a colon (`En chef siger:`) is speech.

use super::bold;

/// Whether a paragraph's (trimmed) text is italic speech; `introduced` says
/// the paragraph before ends in a colon.
pub(crate) fn is_quote(text: &str, introduced: bool) -> bool {
    let italic =
        !bold::is_bold(text) && text.starts_with('*') && text.ends_with('*') && text.len() > 2;
    italic && introduced
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italics_after_a_colon_are_speech() {
        assert!(is_quote("*Vi prøver os frem.*", true));
        assert!(!is_quote("*Vi prøver os frem.*", false));
        assert!(
            !is_quote("**Vi prøver os frem.**", true),
            "bold is not italic"
        );
    }
}
