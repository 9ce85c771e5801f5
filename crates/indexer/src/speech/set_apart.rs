//! The `set_apart` style: a plain paragraph set off from the text by two or
//! more blank lines, in a section whose heading gives the speakers' role, is
//! speech (at least eight words, so captions and headings are not).

use crate::booklet::context::Context;
use crate::booklet::lines::Line;

/// The fewest words a set-apart paragraph of speech has.
const MIN_WORDS: usize = 8;

/// Whether a paragraph is set-apart speech; `first` is its first line.
pub(crate) fn is_quote(text: &str, first: &Line, context: &Context) -> bool {
    let plain = !text.starts_with(['#', '-', '•', '*', '<', '“', '”', '"', '–']);
    plain
        && first.gap_before >= 2
        && first.gap_before != usize::MAX
        && context.section_role.is_some()
        && text.split_whitespace().count() >= MIN_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booklet::lines::content_lines;

    #[test]
    fn two_blank_lines_and_a_section_role_make_speech() {
        let text = "Indledning.\n\n\nNår vi mødes, taler vi om det, der fylder mest.\n\nNår vi taler sammen, hjælper det os alle sammen meget.\n";
        let lines = content_lines(text);
        let chef = Context {
            section_role: Some("chef".into()),
            ..Context::default()
        };
        assert!(is_quote(&lines[1].text, &lines[1], &chef));
        assert!(!is_quote(&lines[1].text, &lines[1], &Context::default()));
        assert!(
            !is_quote(&lines[2].text, &lines[2], &chef),
            "one blank line"
        );
        assert!(
            !is_quote(&lines[0].text, &lines[0], &chef),
            "the text's first line"
        );
    }
}
