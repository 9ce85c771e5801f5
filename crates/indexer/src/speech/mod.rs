//! Speech: finding every interview quote of a booklet, once, whole, and
//! reading who the narration says speaks.
//!
//! Each booklet prints speech its own ways (`QuoteStyle`, named in its
//! conventions); [`find`] applies the ones it uses to the paragraphs the
//! booklet stage rebuilt, one module per style: [`marks`], [`dash`],
//! [`lone_mark`], [`bold`], [`italic`], [`set_apart`] and [`labelled`]. It
//! tells speech from the narration around it, and sets aside the
//! [`pull_quotes`] that only repeat running text ([`repeats`]), so a quote is
//! never counted twice. [`attribution`] reads the clauses that say who
//! speaks, [`speaker`] the phrase naming them; resolving pronouns is the
//! tagging stage's work.

pub(crate) mod attribution;
pub(crate) mod bold;
pub(crate) mod candidate;
pub(crate) mod dash;
pub(crate) mod italic;
pub(crate) mod labelled;
pub(crate) mod lone_mark;
pub(crate) mod marks;
pub(crate) mod pull_quotes;
pub(crate) mod repeats;
pub(crate) mod set_apart;
pub(crate) mod speaker;

use std::collections::HashSet;

use crate::analysis::words;
use crate::booklet::context::Context;
use crate::booklet::repair::{readable, strip_markup, Lexicon};
use crate::booklet::Layout;
use crate::publication::{Publication, QuoteStyle};
use crate::vocabulary::Vocabulary;

use candidate::Candidate;
use repeats::Repeats;
use speaker::Speaker;

/// Speech found in a booklet, with what the text around it says: who the
/// narration names as speaking (before pronouns are resolved), the headings
/// it stands under, and the narration introducing and following it.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// The speech as users read it (see `clean_text`).
    pub(crate) text: String,
    /// The attribution clause or introducing sentence, if any.
    pub(crate) speaker: Option<Speaker>,
    /// The role a box's label prints.
    pub(crate) label_role: Option<String>,
    /// The narration just before the speech, where antecedents stand.
    pub(crate) narration_before: String,
    /// The headings above the speech's first line.
    pub(crate) context: Context,
    /// 1-based line of the booklet's file where the speech starts.
    pub(crate) line_start: usize,
    /// 1-based line where it ends, inclusive.
    pub(crate) line_end: usize,
    /// A large-print quote whose words stand nowhere else.
    pub(crate) pullquote_only: bool,
    /// Theme, the table of contents' wording and subtheme, joined: indexed as
    /// the weak `context` field.
    pub(crate) headings: String,
    /// The narration before the speech and after it (unless what follows is
    /// the next quote): indexed as the weak `narration` field.
    pub(crate) narration: String,
}

/// Finds the speech of one booklet, in reading order.
pub(crate) fn find(
    layout: &Layout,
    publication: &Publication,
    lexicon: &Lexicon,
    vocabulary: &Vocabulary,
) -> Vec<Found> {
    let mut candidates = running_quotes(layout, publication, vocabulary);
    let set_apart = set_apart_quotes(layout, &mut candidates, vocabulary);
    candidates.extend(set_apart);
    candidates.sort_by_key(|c| layout.lines[c.first_line].no);

    let quoted: HashSet<usize> = candidates.iter().filter_map(|c| c.paragraph).collect();
    let mut found = Vec::with_capacity(candidates.len());
    for c in candidates {
        let context = &layout.contexts[c.first_line];
        let speech = clean_text(&c.text, lexicon);
        if words(&speech).len() < 2 {
            continue;
        }
        // The narration after a quote, unless it is the next quote.
        let following = c
            .paragraph
            .map(|pi| pi + 1)
            .filter(|next| !quoted.contains(next))
            .and_then(|next| layout.paragraphs.get(next))
            .map(|p| p.text.as_str())
            .filter(|t| !t.trim_start().starts_with(['“', '”', '"', '–', '*']))
            .unwrap_or("");
        let narration = format!("{} {following}", c.narration);
        let headings = [&context.theme, &context.summary, &context.subtheme]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        found.push(Found {
            text: speech,
            speaker: c.speaker,
            label_role: c.label_role,
            narration_before: c.narration,
            context: context.clone(),
            line_start: layout.lines[c.first_line].no,
            line_end: layout.lines[c.last_line].no,
            pullquote_only: c.pullquote_only,
            headings,
            narration,
        });
    }
    found
}

/// Quotes in the running text, paragraph by paragraph: a whole paragraph of
/// speech in one of the whole-paragraph styles, a dash paragraph, or speech
/// in quotation marks (unless the marks quote a document).
fn running_quotes(
    layout: &Layout,
    publication: &Publication,
    vocabulary: &Vocabulary,
) -> Vec<Candidate> {
    let paragraphs = &layout.paragraphs;
    let mut out: Vec<Candidate> = Vec::new();
    let mut after_lone_mark = false;
    let mut document: Option<usize> = None;
    for (pi, p) in paragraphs.iter().enumerate() {
        let previous = pi
            .checked_sub(1)
            .map(|k| paragraphs[k].text.as_str())
            .unwrap_or("");
        let context = &layout.contexts[p.lines[0]];
        let text = p.text.trim();
        if publication.uses(QuoteStyle::LoneMark) && lone_mark::is_lone_mark(text) {
            after_lone_mark = true;
            continue;
        }
        let lone = std::mem::take(&mut after_lone_mark);
        let first = &layout.lines[p.lines[0]];
        let introduced = previous.trim_end().ends_with(':');
        let whole_quote = lone
            || (publication.uses(QuoteStyle::Bold) && bold::is_quote(text, context))
            || (publication.uses(QuoteStyle::Italic) && italic::is_quote(text, introduced))
            || (publication.uses(QuoteStyle::SetApart)
                && set_apart::is_quote(text, first, context));
        if whole_quote {
            let mut c = Candidate::from_paragraph(p, pi, 0, p.text.len(), strip_markup(&p.text));
            c.whole = true;
            c.narration = previous.to_string();
            if introduced {
                c.speaker = attribution::in_intro(previous, vocabulary);
            }
            out.push(c);
            continue;
        }
        if publication.uses(QuoteStyle::Dash) && dash::opens(text) {
            out.push(dash::quote(paragraphs, pi, vocabulary));
            continue;
        }
        if marks::opens_document_quotation(paragraphs, pi, document, vocabulary) {
            document = Some(pi);
            continue;
        }
        if publication.uses(QuoteStyle::Marks) {
            let found = marks::quotes(paragraphs, pi, &out, vocabulary);
            out.extend(found);
        }
    }
    out
}

/// Quotes set apart from the running text: labelled boxes, and large-print
/// blocks whose words the running text does not repeat.
fn set_apart_quotes(
    layout: &Layout,
    running: &mut [Candidate],
    vocabulary: &Vocabulary,
) -> Vec<Candidate> {
    if layout.boxes.is_empty() && layout.large_print.is_empty() {
        // Nothing is set apart, so nothing to compare.
        return Vec::new();
    }
    let repeats = Repeats::new(layout, running);
    let mut out = labelled::quotes(layout, running, &repeats, vocabulary);
    out.extend(pull_quotes::quotes(layout, &repeats, vocabulary));
    out
}

/// The speech as users read it: emphasis stripped, whitespace collapsed,
/// split ligatures joined, no leading dash, no trailing comma before the
/// closing mark, inner quotation marks as “ ” and ‘ ’.
fn clean_text(text: &str, lexicon: &Lexicon) -> String {
    let t = readable(text, lexicon);
    let t = t.trim().trim_start_matches("– ").trim();
    let t = t.trim_end_matches([',', ' ']);
    let t = t.trim_matches(|c| c == '“' || c == '”' || c == '"').trim();
    normalise_inner_marks(t)
}

/// Inner quotes open with “ and ‘ (the booklets also print ” and ’ there).
fn normalise_inner_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let opens = prev.is_none_or(|p| p.is_whitespace() || p == '(');
        out.push(match c {
            '”' if opens => '“',
            '’' if opens => '‘',
            _ => c,
        });
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_speech_text() {
        let lx = Lexicon::from_texts(["flere ledere"]);
        assert_eq!(
            clean_text("Jeg har f lere  ledere i starten,", &lx),
            "Jeg har flere ledere i starten"
        );
        assert_eq!(
            clean_text("**Jeg er altid tilgængelig.**", &lx),
            "Jeg er altid tilgængelig."
        );
        assert_eq!(
            clean_text("Han sagde ”nej” og ’måske’.", &lx),
            "Han sagde “nej” og ‘måske’."
        );
    }
}
