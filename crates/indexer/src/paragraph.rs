//! A booklet's running text as a reader reads it: paragraphs rebuilt from
//! the printed lines, hyphenation undone, split ligatures joined and
//! emphasis stripped, each with the lines it was read from. A quote is
//! shown among them (`citater show --context N`), so a writer reads what
//! surrounds it as the booklet prints it, not as the PDF broke it.

use serde::{Deserialize, Serialize};

/// One paragraph of running text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The 1-based line of the booklet's text it starts on.
    pub line_start: usize,
    /// The line it ends on; the page heads and boxes printed into it
    /// between are not its own.
    pub line_end: usize,
    /// Its text as a reader reads it.
    pub text: String,
}

impl Paragraph {
    /// Whether any of its lines lies within `first..=last`.
    pub fn overlaps(&self, first: usize, last: usize) -> bool {
        self.line_start <= last && first <= self.line_end
    }
}

/// One booklet's paragraphs in reading order, by the path its quotes cite
/// (`Source::file`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookletParagraphs {
    /// As `Source::file`.
    pub file: String,
    /// In reading order.
    pub paragraphs: Vec<Paragraph>,
}
