//! Candidates: speech found in the text before it is cleaned and tagged,
//! with the lines it stands on and what the narration said about it.

use crate::booklet::paragraphs::Paragraph;

use super::speaker::Speaker;

/// Speech found in the text, before tagging.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// The speech as printed, markup and all.
    pub(crate) text: String,
    /// Index into `Layout::lines` of its first line.
    pub(crate) first_line: usize,
    /// Index of its last line, inclusive.
    pub(crate) last_line: usize,
    /// Who the narration says speaks.
    pub(crate) speaker: Option<Speaker>,
    /// The role a box's label prints.
    pub(crate) label_role: Option<String>,
    /// The narration before the quote, where antecedents of pronouns stand.
    pub(crate) narration: String,
    /// A large-print quote whose words stand nowhere else.
    pub(crate) pullquote_only: bool,
    /// Which paragraph it came from (running text only).
    pub(crate) paragraph: Option<usize>,
    /// The whole paragraph is this one quote.
    pub(crate) whole: bool,
}

impl Candidate {
    /// The speech at bytes `start..end` of paragraph `pi`.
    pub(crate) fn from_paragraph(
        p: &Paragraph,
        pi: usize,
        start: usize,
        end: usize,
        text: String,
    ) -> Candidate {
        Candidate {
            text,
            first_line: p.line_at(start),
            last_line: p.line_at(end.saturating_sub(1).max(start)),
            speaker: None,
            label_role: None,
            narration: String::new(),
            pullquote_only: false,
            paragraph: Some(pi),
            whole: false,
        }
    }

    /// Speech set apart from the running text, on lines `first..=last`.
    pub(crate) fn set_apart(
        first: usize,
        last: usize,
        text: String,
        label_role: Option<String>,
        pullquote_only: bool,
    ) -> Candidate {
        Candidate {
            text,
            first_line: first,
            last_line: last,
            speaker: None,
            label_role,
            narration: String::new(),
            pullquote_only,
            paragraph: None,
            whole: true,
        }
    }
}
