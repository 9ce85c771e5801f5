//! Paragraphs: the running text rebuilt from its lines. Lines join across
//! blank lines where the spacing says nothing (double-spaced text, an open
//! quotation), a paragraph ends where the line lengths and sentence ends say
//! it does, and a paragraph broken mid-sentence resumes after the page heads,
//! pull-quotes and boxes printed into it.

use crate::paragraph::{self, BookletParagraphs};
use crate::vocabulary::Vocabulary;

use super::headings::Heading;
use super::lines::{
    ends_sentence, opens_list_item, opens_speech, starts_lowercase, Line, LineKind,
};
use super::quote_marks::{mark_at, Mark};
use super::repair::{append_line, readable, Lexicon};
use super::Layout;
use crate::publication::HeadingLevel;

/// How far (in lines) a paragraph broken mid-sentence may resume after the
/// page heads, pull-quotes and boxes printed into it.
const CONTINUATION_REACH: usize = 45;

/// A paragraph of running text rebuilt from its lines.
#[derive(Debug, Clone)]
pub(crate) struct Paragraph {
    /// Indices into `Layout::lines`, in reading order (not always adjacent:
    /// a paragraph resumes after whatever was printed into it).
    pub(crate) lines: Vec<usize>,
    /// The text with line breaks joined and hyphenation undone.
    pub(crate) text: String,
    /// Byte offset in `text` where each of `lines` begins.
    pub(crate) starts: Vec<usize>,
}

impl Paragraph {
    /// The index into `Layout::lines` of the line holding byte `offset`.
    pub(crate) fn line_at(&self, offset: usize) -> usize {
        let k = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        self.lines[k]
    }
}

impl Layout {
    /// The running text as a reader reads it (`readable`), each paragraph
    /// with the first and last of its lines, for the booklet quotes cite as
    /// `file`.
    pub(crate) fn reading(&self, file: String, lexicon: &Lexicon) -> BookletParagraphs {
        let paragraphs = self
            .paragraphs
            .iter()
            .map(|p| {
                let nos = p.lines.iter().map(|&i| self.lines[i].no);
                paragraph::Paragraph {
                    line_start: nos.clone().min().unwrap_or_default(),
                    line_end: nos.max().unwrap_or_default(),
                    text: readable(&p.text, lexicon),
                }
            })
            .collect();
        BookletParagraphs { file, paragraphs }
    }
}

/// Rebuilds the paragraphs of running text. Lines join across blank lines
/// where the spacing says nothing (double-spaced text), and a paragraph
/// broken mid-sentence resumes at the next block opening in lowercase,
/// skipping the page heads, pull-quotes and boxes printed into it.
pub(crate) fn paragraphs(
    lines: &[Line],
    headings: &[Heading],
    double_spaced: bool,
    full_width: usize,
    vocabulary: &Vocabulary,
) -> Vec<Paragraph> {
    let body = |i: usize| lines[i].kind == LineKind::Body;
    let mut used = vec![false; lines.len()];
    let mut out = Vec::new();
    for start in 0..lines.len() {
        if used[start] || !body(start) {
            continue;
        }
        let mut members = vec![start];
        used[start] = true;
        let mut cur = start;
        let mut depth = quote_depth(0, &lines[start].text);
        loop {
            let next = cur + 1;
            // Inside an open quotation the spacing says nothing: the speech
            // goes on until its closing mark or a new one opens.
            let in_quote =
                depth > 0 && !opens_speech(lines.get(next).map_or("", |l| l.text.as_str()));
            if next < lines.len()
                && body(next)
                && !used[next]
                && (in_quote && lines[next].gap_before <= 1
                    || !breaks(&lines[cur], &lines[next], double_spaced, full_width))
            {
                members.push(next);
                used[next] = true;
                cur = next;
                depth = quote_depth(depth, &lines[next].text);
                continue;
            }
            if ends_sentence(&lines[cur].text) {
                break;
            }
            let resume = (next..lines.len().min(cur + CONTINUATION_REACH)).find(|&j| {
                body(j)
                    && !used[j]
                    && (lines[j].gap_before >= 1 || lines[j].page_start || !body(j - 1))
                    && starts_lowercase(&lines[j].text)
            });
            let crosses_chapter = |j: usize| {
                (cur..j).any(|k| matches!(lines[k].kind, LineKind::Heading(h) if headings[h].level == HeadingLevel::Theme))
            };
            match resume {
                Some(j) if !crosses_chapter(j) => {
                    members.push(j);
                    used[j] = true;
                    cur = j;
                    depth = quote_depth(depth, &lines[j].text);
                }
                _ => break,
            }
        }
        let mut text = String::new();
        let mut starts = Vec::with_capacity(members.len());
        for &m in &members {
            starts.push(append_line(&mut text, &lines[m].text, |w| {
                vocabulary.is_conjunction(w)
            }));
        }
        out.push(Paragraph {
            lines: members,
            text,
            starts,
        });
    }
    out
}

/// How many quotations are open after a line, given how many were before.
fn quote_depth(mut depth: usize, text: &str) -> usize {
    for (i, c) in text.char_indices() {
        match mark_at(text, i, c) {
            Some(Mark::Opening) => depth += 1,
            Some(Mark::Closing) => depth = depth.saturating_sub(1),
            None => {}
        }
    }
    depth
}

/// Whether a paragraph break falls between two adjacent body lines.
///
/// In double-spaced text the blank lines say nothing, but the line lengths
/// do: a line is broken where the next word no longer fits, so a sentence
/// ending on a line with room left for the next word ended its paragraph.
fn breaks(a: &Line, b: &Line, double_spaced: bool, full_width: usize) -> bool {
    let a_ends = ends_sentence(&a.text);
    if !a_ends && starts_lowercase(&b.text) {
        return false;
    }
    if opens_list_item(&b.text)
        || (a_ends && opens_speech(&b.text))
        || b.text == "”"
        || a.text == "”"
    {
        return true;
    }
    match b.gap_before {
        0 => false,
        1 if double_spaced => {
            let next_word = b
                .text
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            let room_left = (a.text.chars().count() + 1 + next_word) * 10 < full_width * 9;
            a_ends && (!a.trailing_space || room_left)
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booklet::lines::{content_lines, full_width, is_double_spaced};

    fn vocabulary() -> Vocabulary {
        Vocabulary::parse(include_str!("../../../../corpus/roles.toml")).unwrap()
    }

    /// The paragraphs of `lines` as texts.
    fn texts(lines: &[Line]) -> Vec<String> {
        let width = full_width(lines);
        paragraphs(lines, &[], is_double_spaced(lines), width, &vocabulary())
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    fn paragraph_texts(text: &str) -> Vec<String> {
        texts(&content_lines(text))
    }

    #[test]
    fn lines_join_until_a_blank_line() {
        let p = paragraph_texts(
            "Vi mødes hver uge, og vi taler\nom det, der fylder.\n\nNæste afsnit.\n",
        );
        assert_eq!(
            p,
            [
                "Vi mødes hver uge, og vi taler om det, der fylder.",
                "Næste afsnit."
            ]
        );
    }

    #[test]
    fn hyphenation_is_undone_and_real_hyphens_stay() {
        let p = paragraph_texts("Vi har et godt sam-\narbejde om børn-\nog ungeområdet.\n");
        assert_eq!(p, ["Vi har et godt samarbejde om børn- og ungeområdet."]);
    }

    #[test]
    fn where_text_is_double_spaced_the_line_lengths_tell_paragraphs() {
        let full = "Vi taler om det hver eneste uge i ledergruppen. Det hjælper os. ";
        let text = format!("{full}\n\nBagefter går vi hjem.\n\nNyt afsnit begynder her.\n");
        // The first line was full, so its sentence end is no paragraph end;
        // the second stopped short.
        assert_eq!(
            paragraph_texts(&text),
            [
                "Vi taler om det hver eneste uge i ledergruppen. Det hjælper os. Bagefter går vi hjem.",
                "Nyt afsnit begynder her."
            ]
        );
    }

    #[test]
    fn a_paragraph_resumes_after_what_was_printed_into_it() {
        let mut lines =
            content_lines("Vi mødes, når det er\n\nSIDEHOVED\n\nnødvendigt for os alle.\n");
        lines[1].kind = LineKind::Furniture;
        let width = full_width(&lines);
        let p = paragraphs(&lines, &[], false, width, &vocabulary());
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].text, "Vi mødes, når det er nødvendigt for os alle.");
        assert_eq!(p[0].lines, [0, 2]);
        assert_eq!(p[0].line_at(p[0].starts[1]), 2);
    }

    #[test]
    fn an_open_quotation_holds_its_paragraph_together() {
        assert_eq!(
            paragraph_texts("“Vi mødes hver uge.\n\nDet hjælper os.”\n"),
            ["“Vi mødes hver uge. Det hjælper os.”"]
        );
        assert_eq!(
            paragraph_texts("Vi mødes hver uge.\n\nDet hjælper os.\n"),
            ["Vi mødes hver uge.", "Det hjælper os."]
        );
    }

    #[test]
    fn list_items_and_new_speech_break_paragraphs() {
        assert_eq!(
            paragraph_texts("Vi gør tre ting:\n• Vi lytter.\n• Vi spørger.\n"),
            ["Vi gør tre ting:", "• Vi lytter.", "• Vi spørger."]
        );
        assert_eq!(
            paragraph_texts("Hun siger det sådan.\n– Vi prøver.\n"),
            ["Hun siger det sådan.", "– Vi prøver."]
        );
    }

    #[test]
    fn quote_depth_counts_open_quotations() {
        assert_eq!(quote_depth(0, "“Vi går"), 1);
        assert_eq!(quote_depth(1, "hjem nu.”"), 0);
        assert_eq!(quote_depth(0, "“Ja,” sagde hun."), 0);
    }
}
