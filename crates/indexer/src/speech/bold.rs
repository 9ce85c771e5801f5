//! The `bold` style: a whole paragraph set in **bold**, in a section whose
//! heading gives the speakers' role, is speech (short bold lines are
//! headings, so a quote has at least six words).

use crate::booklet::context::Context;

/// The fewest words a bold paragraph of speech has.
const MIN_WORDS: usize = 6;

/// Whether a paragraph's (trimmed) text is set in bold throughout.
pub(crate) fn is_bold(text: &str) -> bool {
    text.starts_with("**") && text.ends_with("**") && text.len() > 4
}

/// Whether a paragraph is bold speech in a section with a speaker role.
pub(crate) fn is_quote(text: &str, context: &Context) -> bool {
    is_bold(text) && context.section_role.is_some() && text.split_whitespace().count() >= MIN_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(role: Option<&str>) -> Context {
        Context {
            section_role: role.map(String::from),
            ..Context::default()
        }
    }

    #[test]
    fn bold_speech_needs_a_section_role_and_six_words() {
        let text = "**Vi taler om det hver uge, og det hjælper.**";
        assert!(is_quote(text, &section(Some("chef"))));
        assert!(!is_quote(text, &section(None)));
        assert!(!is_quote("**Kort og godt.**", &section(Some("chef"))));
        assert!(!is_quote(
            "Vi taler om det hver uge, og det hjælper.",
            &section(Some("chef"))
        ));
    }
}
