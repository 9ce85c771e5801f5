//! The `marks` style: speech in quotation marks (`“…”`, `"…"`, `”…”`), with
//! the attribution before, inside or after it. A quoted stretch is speech
//! when it opens its paragraph, follows a colon, or is followed by an
//! attribution; words in quotation marks inside narration ("politisk tæft")
//! are not, nor is a quotation from a document.

use crate::analysis::words;
use crate::booklet::paragraphs::Paragraph;
use crate::booklet::quote_marks::{mark_at, Mark};
use crate::vocabulary::Vocabulary;

use super::attribution;
use super::candidate::Candidate;
use super::speaker::Speaker;

/// A paragraph quoting a document ("Om dette skriver Kodeks for god
/// offentlig topledelse …:"), or going on with the quotation after an
/// ellipsis. `document` is the last paragraph found quoting one.
pub(crate) fn opens_document_quotation(
    paragraphs: &[Paragraph],
    pi: usize,
    document: Option<usize>,
    vocabulary: &Vocabulary,
) -> bool {
    let text = paragraphs[pi].text.trim_start();
    if !text.starts_with(['“', '”', '"']) || pi == 0 {
        return false;
    }
    let previous = paragraphs[pi - 1].text.trim();
    let continued = matches!(previous, "…" | "...") && document == Some(pi.wrapping_sub(2))
        || document == Some(pi - 1);
    continued || vocabulary.names_document(&words(attribution::last_sentence(previous)))
}

/// A quoted stretch of a paragraph: the byte offsets of its opening mark,
/// its content and the end of its closing mark.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    /// Where the opening mark stands.
    pub(crate) open: usize,
    /// Where the quoted words start, just past the opening mark.
    pub(crate) start: usize,
    /// Where they end: at the closing mark, or the end of the text.
    pub(crate) end: usize,
    /// Just past the closing mark.
    pub(crate) after: usize,
}

/// The outermost quoted stretches of a text; inner quotes nest.
pub(crate) fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut open = 0;
    for (i, c) in text.char_indices() {
        match mark_at(text, i, c) {
            Some(Mark::Opening) => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            Some(Mark::Closing) if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(Span {
                        open,
                        start: open + text[open..].chars().next().map_or(1, char::len_utf8),
                        end: i,
                        after: i + c.len_utf8(),
                    });
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        let start = open + text[open..].chars().next().map_or(1, char::len_utf8);
        out.push(Span {
            open,
            start,
            end: text.len(),
            after: text.len(),
        });
    }
    out
}

/// Speech in quotation marks. A quoted stretch is speech when it opens its
/// paragraph, follows a colon, or is followed by an attribution; words in
/// quotation marks inside narration ("politisk tæft") are not.
pub(crate) fn quotes(
    paragraphs: &[Paragraph],
    pi: usize,
    earlier: &[Candidate],
    vocabulary: &Vocabulary,
) -> Vec<Candidate> {
    let p = &paragraphs[pi];
    let previous = pi
        .checked_sub(1)
        .map(|k| paragraphs[k].text.as_str())
        .unwrap_or("");
    let mut out = Vec::new();
    let mut narrated_from = 0;
    for span in spans(&p.text) {
        // A stretch the previous speech's attribution ran into ("…,” siger
        // hun, “… igen.”: the attribution's sentence ends inside it) is
        // part of that attribution, not speech of its own.
        if span.open < narrated_from {
            continue;
        }
        let before = &p.text[narrated_from..span.open];
        let lead = p.text[..span.open].trim();
        let at_start = lead.trim_matches(['•', '*', '-', '–', ' ']).is_empty();
        let after_colon = p.text[..span.open].trim_end().ends_with(':');
        let tail = &p.text[span.after..];
        // An attribution ending in a colon introduces the next speech
        // ("… princip om “overlappende cirkler”, fortæller en chef:").
        let attributed = attribution::after_speech(tail, vocabulary).filter(|(_, len)| {
            let clause = tail[..*len].trim_start_matches([',', ' ', '”', '"']);
            !clause.trim_end().ends_with(':') || clause.contains(',')
        });
        let content = &p.text[span.start..span.end];
        let content_words = content.split_whitespace().count();
        let rest_is_empty = tail.trim_matches(['.', ' ', '*', ',']).is_empty();
        let accepted = content_words >= 2
            && (after_colon
                || attributed.is_some()
                || (at_start && (rest_is_empty || content_words >= 8)));
        if !accepted {
            continue;
        }
        let intro_text = if at_start { previous } else { before };
        let mut speaker = attributed.as_ref().map(|(s, _)| s.clone());
        if speaker.is_none() && intro_text.trim_end().ends_with(':') {
            speaker = attribution::in_intro(intro_text, vocabulary);
        }
        if speaker.is_none() && !at_start {
            speaker = attribution::in_intro(before, vocabulary)
                .filter(|s| matches!(s, Speaker::Named(_)));
        }
        if speaker.is_none() {
            speaker = list_intro(paragraphs, pi, vocabulary);
        }
        if speaker.is_none() && at_start {
            speaker = shared_intro(earlier, pi, vocabulary)
                .or_else(|| attribution::paraphrased_one(previous, vocabulary));
        }
        let mut c = Candidate::from_paragraph(p, pi, span.start, span.end, content.to_string());
        c.speaker = speaker;
        c.narration = format!("{previous} {before}");
        c.whole = at_start && rest_is_empty;
        narrated_from = span.after + attributed.map(|(_, len)| len).unwrap_or(0);
        out.push(c);
    }
    out
}

/// For a quote in a bulleted list, the sentence introducing the list
/// ("Den omfatter ifølge politikerne også kvaliteter som:").
fn list_intro(paragraphs: &[Paragraph], pi: usize, vocabulary: &Vocabulary) -> Option<Speaker> {
    if !paragraphs[pi].text.starts_with('•') {
        return None;
    }
    let intro = paragraphs[..pi]
        .iter()
        .rev()
        .find(|p| !p.text.starts_with('•'))?;
    intro
        .text
        .trim_end()
        .ends_with(':')
        .then(|| attribution::in_intro(&intro.text, vocabulary))
        .flatten()
}

/// Quotes following one another share an introduction that names several
/// speakers ("To chefer beskriver det på hver deres måde:").
fn shared_intro(earlier: &[Candidate], pi: usize, vocabulary: &Vocabulary) -> Option<Speaker> {
    let last = earlier.last()?;
    if last.paragraph != Some(pi.wrapping_sub(1)) || !last.whole {
        return None;
    }
    match &last.speaker {
        Some(Speaker::Named(np)) => {
            let first = np.split_whitespace().next()?.to_lowercase();
            vocabulary
                .is_several(&first)
                .then(|| Speaker::Named(np.clone()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_texts(text: &str) -> Vec<String> {
        spans(text)
            .iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn quotation_marks_are_read_by_their_place() {
        assert_eq!(span_texts("“Jeg kom,” siger hun."), ["Jeg kom,"]);
        assert_eq!(span_texts("– Han sagde ”nej” til mig."), ["nej"]);
        assert_eq!(
            span_texts("“Det er den rigtige løsning.“"),
            ["Det er den rigtige løsning."]
        );
        assert_eq!(
            span_texts("\"Vi hjælper hinanden\"."),
            ["Vi hjælper hinanden"]
        );
    }

    #[test]
    fn inner_quotes_nest() {
        let t = "“Hvis chefer er en slags “tillidsrepræsentanter” for deres ledere,” forklarer en direktør.";
        assert_eq!(
            span_texts(t),
            ["Hvis chefer er en slags “tillidsrepræsentanter” for deres ledere,"]
        );
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_paragraph_end() {
        assert_eq!(span_texts("“Jeg ved det ikke"), ["Jeg ved det ikke"]);
    }
}
