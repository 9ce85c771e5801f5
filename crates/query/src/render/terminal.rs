//! Quotes for a person at a terminal: wrapped to the width, indented, the
//! matched spans in bold yellow on a colour terminal and between asterisks
//! otherwise (so the marks survive a pipe into a file).

use textwrap::{Options, WordSplitter};

/// How marks are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// ANSI bold yellow, for a terminal.
    Colour,
    /// `*word*`, for a pipe or a file.
    Asterisks,
}

/// `text` wrapped to `width` columns (at least 20 after the indent), every
/// line indented by `indent` spaces, the character spans in `marked`
/// (sorted, not overlapping) drawn as `marks` say.
pub fn paragraph(
    text: &str,
    marked: &[(usize, usize)],
    indent: usize,
    width: usize,
    marks: Marks,
) -> String {
    let (open, close) = match marks {
        Marks::Colour => ("\x1b[1;33m", "\x1b[0m"),
        Marks::Asterisks => ("*", "*"),
    };
    let mut drawn = String::with_capacity(text.len() + marked.len() * 8);
    let mut spans = marked.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        if spans.peek().is_some_and(|&&(s, _)| s == i) {
            drawn.push_str(open);
        }
        drawn.push(c);
        if let Some(&&(_, e)) = spans.peek() {
            if e == i + 1 {
                drawn.push_str(close);
                spans.next();
            }
        }
    }
    let pad = " ".repeat(indent);
    // Words are never broken or split at hyphens: a quote is read, and a
    // long word on a line of its own is better than a word cut in two.
    let options = Options::new((width.saturating_sub(indent)).max(20) + indent)
        .initial_indent(&pad)
        .subsequent_indent(&pad)
        .break_words(false)
        .word_splitter(WordSplitter::NoHyphenation);
    textwrap::fill(&drawn, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_exactly_the_spans_and_wraps() {
        let text = "Tillid er, når jeg ved at min chef har tillid til mig.";
        let out = paragraph(text, &[(0, 6), (39, 45)], 2, 30, Marks::Asterisks);
        assert_eq!(
            out,
            "  *Tillid* er, når jeg ved at\n  min chef har *tillid* til\n  mig."
        );
    }

    #[test]
    fn colour_marks_do_not_count_as_width() {
        let text = "én tillid to tre fire fem seks syv";
        let plain = paragraph(text, &[], 0, 20, Marks::Colour);
        let coloured = paragraph(text, &[(3, 9)], 0, 20, Marks::Colour);
        assert_eq!(plain.lines().count(), coloured.lines().count());
        assert!(coloured.contains("\x1b[1;33mtillid\x1b[0m"));
    }
}
