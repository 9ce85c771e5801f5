//! Lines: the booklet's text as non-blank printed lines, with the traces of
//! the printed page each keeps (a page-opening indent, a wrapped line's
//! trailing space, the blank lines before it), and the shapes of line text
//! the other layout rules read (does it open in lowercase, end a sentence,
//! open speech or a list item).

/// Lines longer than this are whole paragraphs: the text was not wrapped.
pub(crate) const UNWRAPPED_WIDTH: usize = 120;

/// One non-blank line of the booklet.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// 1-based line number in the file.
    pub(crate) no: usize,
    /// The line without leading and trailing whitespace.
    pub(crate) text: String,
    /// The line opens a printed page (PDF extraction indents it by a space).
    pub(crate) page_start: bool,
    /// The line was wrapped inside a paragraph or heading.
    pub(crate) trailing_space: bool,
    /// Blank lines between this line and the previous non-blank one.
    pub(crate) gap_before: usize,
    /// What the line is; everything starts as `Body` and is reclassified.
    pub(crate) kind: LineKind,
}

/// What a line is, as far as finding quotes goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Running text.
    Body,
    /// Page numbers, running heads, sidebar boxes, the table of contents.
    Furniture,
    /// Part of the heading with this index.
    Heading(usize),
    /// Part of the labelled box with this index (speech and its label line).
    Boxed(usize),
    /// Part of the large-print block with this index.
    LargePrint(usize),
}

/// The non-blank lines of a text, each with the traces of the printed page
/// it keeps.
pub(crate) fn content_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut gap = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.trim_end_matches('\r');
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            gap += 1;
            continue;
        }
        out.push(Line {
            no: i + 1,
            text: trimmed.to_string(),
            page_start: raw.starts_with(' ') || raw.starts_with('\t'),
            trailing_space: raw.ends_with(' ') || raw.ends_with('\t'),
            gap_before: if out.is_empty() { usize::MAX } else { gap },
            kind: LineKind::Body,
        });
        gap = 0;
    }
    out
}

/// A run of lines set apart from the running text (a labelled quote box or
/// a large-print pull-quote), as indices into `Layout::lines`.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// Index into `Layout::lines` of the block's first line.
    pub(crate) first: usize,
    /// Index of its last line, inclusive.
    pub(crate) last: usize,
    /// For labelled boxes: the role the label line names.
    pub(crate) label: Option<String>,
}

/// The length of a full line: long lines are the wrapped ones, so a high
/// percentile of line lengths is the column width.
pub(crate) fn full_width(lines: &[Line]) -> usize {
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
    lengths.sort_unstable();
    lengths
        .get(lengths.len() * 9 / 10)
        .copied()
        .unwrap_or(60)
        .max(20)
}

/// Double-spaced extractions put a blank line after every printed line, so
/// a blank line there says nothing about paragraphs.
pub(crate) fn is_double_spaced(lines: &[Line]) -> bool {
    let single_gaps = lines.iter().filter(|l| l.gap_before == 1).count();
    single_gaps * 2 > lines.len()
}

pub(crate) fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_lowercase())
}

pub(crate) fn starts_uppercase(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Whether a line ends a sentence (or introduces speech with a colon),
/// looking through closing quote marks and emphasis. Speech closing with a
/// comma (`…,”`) goes on with its attribution.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['*', '”', '"', '“', '’', ')', ' ']);
    let closes_quote = text.trim_end().ends_with(['”', '"', '“']);
    t.ends_with(['.', '!', '?', ':', '…']) || (closes_quote && !t.ends_with(','))
}

pub(crate) fn opens_speech(text: &str) -> bool {
    text.starts_with(['“', '”', '"']) || text.starts_with("**") || text.starts_with("– ")
}

pub(crate) fn opens_list_item(text: &str) -> bool {
    text.starts_with('•') || text.starts_with("- ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_the_traces_of_the_printed_page() {
        let lines = content_lines("Første linje \n\n\n Ny side\r\nsidste.");
        assert_eq!(lines.len(), 3);
        let l = &lines[0];
        assert_eq!(
            (l.no, l.trailing_space, l.gap_before),
            (1, true, usize::MAX)
        );
        let l = &lines[1];
        assert_eq!(
            (l.no, l.page_start, l.trailing_space, l.gap_before),
            (4, true, false, 2)
        );
        assert_eq!(lines[1].text, "Ny side");
        assert_eq!((lines[2].no, lines[2].gap_before), (5, 0));
    }

    #[test]
    fn the_column_width_ignores_the_odd_long_line() {
        let mut text = String::new();
        for _ in 0..17 {
            text.push_str(&"a".repeat(30));
            text.push('\n');
        }
        for n in [60, 61, 200] {
            text.push_str(&"b".repeat(n));
            text.push('\n');
        }
        assert_eq!(full_width(&content_lines(&text)), 61);
        assert_eq!(full_width(&content_lines("a\nb\n")), 20, "at least 20");
    }

    #[test]
    fn double_spacing_is_a_blank_line_after_most_lines() {
        assert!(is_double_spaced(&content_lines("a\n\nb\n\nc\n\nd\n")));
        assert!(!is_double_spaced(&content_lines("a\nb\n\nc\nd\n")));
    }

    #[test]
    fn sentence_ends_look_through_marks_and_emphasis() {
        assert!(ends_sentence("Det gik godt."));
        assert!(ends_sentence("En chef siger:"));
        assert!(ends_sentence("“Det gik godt.”"));
        assert!(ends_sentence("**Slut!**"));
        assert!(
            !ends_sentence("“Det gik godt,”"),
            "speech going on with its attribution"
        );
        assert!(!ends_sentence("og så videre"));
    }

    #[test]
    fn line_openings() {
        assert!(starts_lowercase("og så"));
        assert!(starts_uppercase("“Hej"));
        assert!(starts_uppercase("3 ting"));
        assert!(opens_speech("– Vi gør det"));
        assert!(opens_speech("**Fed tale"));
        assert!(!opens_speech("–Ingen luft"));
        assert!(opens_list_item("• Punkt"));
        assert!(opens_list_item("- Punkt"));
        assert!(!opens_list_item("-Punkt"));
    }
}
