//! The booklet: from the lines of a PDF-extracted booklet to headings, boxes
//! and paragraphs, each line's role decided by the booklet's typography.
//!
//! The text keeps only traces of the printed page: a line that opens a page
//! starts with a space; wrapped lines keep a trailing space while a
//! paragraph's last line does not; some booklets came out double-spaced;
//! pull-quotes are runs of short lines; page heads and sidebar boxes land in
//! the middle of sentences. [`read`] reads those traces, one rule per
//! module, in this order, so the speech stage sees paragraphs of running
//! text in reading order with the headings they stand under:
//!
//! * [`lines`]: the non-blank lines and their traces;
//! * [`patterns`]: the booklet's convention patterns, compiled once;
//! * [`furniture`]: page numbers, running heads, sidebars;
//! * [`boxes`]: labelled quote boxes;
//! * [`toc`]: the table of contents and the chapter headings it names;
//! * [`headings`]: the other headings, by the booklet's heading rules;
//! * [`large_print`]: pull-quotes and other runs of short lines;
//! * [`context`]: the headings above every line;
//! * [`outline`]: the headings as a tree, counted by the quotes under them;
//! * [`paragraphs`]: the running text, with [`repair`] undoing hyphenation
//!   and [`quote_marks`] keeping open quotations together.

pub(crate) mod boxes;
pub(crate) mod context;
pub(crate) mod furniture;
pub(crate) mod headings;
pub(crate) mod large_print;
pub(crate) mod lines;
pub(crate) mod outline;
pub(crate) mod paragraphs;
pub(crate) mod patterns;
pub(crate) mod quote_marks;
pub(crate) mod repair;
pub(crate) mod toc;

use crate::publication::Publication;
use crate::vocabulary::Vocabulary;

use context::Context;
use headings::Heading;
use lines::{Block, Line, LineKind};
use paragraphs::Paragraph;
use patterns::Patterns;
use repair::Lexicon;

/// A booklet read into lines, headings, boxes and paragraphs.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The non-blank lines only, so an index is not a line number (see
    /// `Line::no`).
    pub(crate) lines: Vec<Line>,
    /// Labelled quote boxes; `LineKind::Boxed` indexes into this.
    pub(crate) boxes: Vec<Block>,
    /// Large-print pull-quotes; `LineKind::LargePrint` indexes into this.
    pub(crate) large_print: Vec<Block>,
    /// Running text in reading order, with what interrupted it left out.
    pub(crate) paragraphs: Vec<Paragraph>,
    /// Every heading, in reading order; `LineKind::Heading` indexes into
    /// this.
    pub(crate) headings: Vec<Heading>,
    /// The context of every line, by index.
    pub(crate) contexts: Vec<Context>,
}

/// Reads a booklet's layout. Fails only on a bad pattern in the metadata.
pub(crate) fn read(
    text: &str,
    publication: &Publication,
    lexicon: &Lexicon,
    vocabulary: &Vocabulary,
) -> Result<Layout, String> {
    let patterns = Patterns::compile(publication)?;
    let mut lines = lines::content_lines(text);
    let full_width = lines::full_width(&lines);
    let double_spaced = lines::is_double_spaced(&lines);
    furniture::mark(&mut lines, &patterns);
    let boxes = boxes::mark(&mut lines, publication);
    let mut headings = Vec::new();
    // Where the body starts: after the title page, the colophon and the
    // table of contents, whose short lines are no headings.
    let mut body_start = 0;
    if let (Some(toc), Some(entry)) = (&publication.toc, &patterns.toc_entry) {
        let contents = toc::read(&mut lines, toc, entry, full_width);
        headings.extend(contents.chapters);
        body_start = contents.end;
    }
    for h in &headings {
        for line in &mut lines[h.first..=h.last] {
            line.kind = LineKind::Furniture;
        }
    }
    headings.extend(headings::rule_headings(
        &mut lines,
        body_start,
        publication,
        &patterns.headings,
        lexicon,
        full_width,
        headings.len(),
    ));
    headings.sort_by_key(|h| h.first);
    for (k, h) in headings.iter().enumerate() {
        for line in &mut lines[h.first..=h.last] {
            line.kind = LineKind::Heading(k);
        }
    }
    let large_print = large_print::mark(&mut lines, full_width);
    let contexts = context::contexts(&lines, &headings, publication);
    let paragraphs =
        paragraphs::paragraphs(&lines, &headings, double_spaced, full_width, vocabulary);
    Ok(Layout {
        lines,
        boxes,
        large_print,
        paragraphs,
        headings,
        contexts,
    })
}
