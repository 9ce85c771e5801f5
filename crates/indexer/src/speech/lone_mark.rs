//! The `lone_mark` style: a paragraph holding only a closing-style mark
//! (`”`) announces that the next paragraph, whole, is speech.

/// Whether a paragraph's (trimmed) text is the lone mark.
pub(crate) fn is_lone_mark(text: &str) -> bool {
    text == "”"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_mark_alone_counts() {
        assert!(is_lone_mark("”"));
        assert!(!is_lone_mark("”Ja"));
        assert!(!is_lone_mark("“"));
    }
}
