//! Extraction: finding every interview quote of a booklet, once, whole.
//!
//! Each booklet prints speech its own way (see `QuoteStyle`); this module
//! applies the styles a booklet uses to the paragraphs `layout` rebuilt,
//! tells speech from the narration around it, and sets aside the large-print
//! repeats (pull-quotes) so a quote is never counted twice.

use crate::attribution::{self, Speaker};
use crate::layout::{self, mark_at, Layout, Mark, Paragraph};
use crate::publication::{Publication, QuoteStyle};
use crate::quote::{Quote, Source};
use crate::repair::{collapse_whitespace, join_split_ligatures, strip_markup, Lexicon};
use crate::tagging::{Evidence, Tagger};
use crate::vocabulary::{words, Vocabulary};

/// A pull-quote repeats running text when this share of its words recurs
/// there in order (the booklets reword pull-quotes a little).
const REPEAT_SHARE: f64 = 0.7;

/// A quote with the text around it that says what it is about: the headings
/// it stands under and the narration introducing and following it. Search
/// uses these as weak evidence; they are not part of the quote.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The quote itself; its id stays empty until `Corpus::extract` assigns
    /// ids.
    pub quote: Quote,
    /// Theme, the table of contents' wording and subtheme, joined: indexed as
    /// the weak `context` field.
    pub headings: String,
    /// The narration before the quote and after it (unless what follows is the
    /// next quote): indexed as the weak `narration` field.
    pub narration: String,
}

/// Extracts and tags the quotes of one booklet, in reading order. `file` is
/// the path quotes cite as their source. Ids are left for the corpus to give.
pub fn extract(
    publication: &Publication,
    file: &str,
    text: &str,
    lexicon: &Lexicon,
    vocabulary: &Vocabulary,
) -> Result<Vec<Extracted>, String> {
    let layout = layout::read(text, publication, lexicon, vocabulary)?;
    let mut candidates = running_quotes(&layout, publication, vocabulary);
    let set_apart = set_apart_quotes(&layout, &mut candidates, vocabulary);
    candidates.extend(set_apart);
    candidates.sort_by_key(|c| layout.lines[c.first_line].no);

    let quoted: std::collections::HashSet<usize> =
        candidates.iter().filter_map(|c| c.paragraph).collect();
    let mut tagger = Tagger::new(vocabulary, publication);
    let mut quotes = Vec::with_capacity(candidates.len());
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
        let tags = tagger.tag(&Evidence {
            speaker: c.speaker,
            label_role: c.label_role,
            section_role: context.section_role.clone(),
            narration: c.narration,
            speech: speech.clone(),
            theme: context.theme.clone(),
        });
        let quote = Quote {
            id: String::new(),
            text: speech,
            publication: publication.reference(),
            speaker: tags.speaker,
            role: tags.role,
            level: tags.level,
            theme: context.theme.clone().unwrap_or_default(),
            subtheme: context.subtheme.clone(),
            source: Source {
                file: file.to_string(),
                line_start: layout.lines[c.first_line].no,
                line_end: layout.lines[c.last_line].no,
            },
            pullquote_only: c.pullquote_only,
            pages: context.pages,
        };
        quotes.push(Extracted {
            quote,
            headings,
            narration,
        });
    }
    Ok(quotes)
}

/// Speech found in the text, before tagging.
#[derive(Debug, Clone)]
struct Candidate {
    text: String,
    first_line: usize,
    last_line: usize,
    speaker: Option<Speaker>,
    label_role: Option<String>,
    /// The narration before the quote, where antecedents of pronouns stand.
    narration: String,
    pullquote_only: bool,
    /// Which paragraph it came from (running text only).
    paragraph: Option<usize>,
    /// The whole paragraph is this one quote.
    whole: bool,
}

impl Candidate {
    fn from_paragraph(
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
}

/// Quotes in the running text, paragraph by paragraph.
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
        if publication.uses(QuoteStyle::LoneMark) && text == "”" {
            after_lone_mark = true;
            continue;
        }
        let lone = std::mem::take(&mut after_lone_mark);
        let first = &layout.lines[p.lines[0]];
        let introduced = previous.trim_end().ends_with(':');
        let word_count = text.split_whitespace().count();
        let bold = text.starts_with("**") && text.ends_with("**") && text.len() > 4;
        let italic = !bold && text.starts_with('*') && text.ends_with('*') && text.len() > 2;
        let plain = !text.starts_with(['#', '-', '•', '*', '<', '“', '”', '"', '–']);
        let whole_quote = lone
            || (publication.uses(QuoteStyle::Bold)
                && bold
                && context.section_role.is_some()
                && word_count >= 6)
            || (publication.uses(QuoteStyle::Italic) && italic && introduced)
            || (publication.uses(QuoteStyle::SetApart)
                && plain
                && first.gap_before >= 2
                && first.gap_before != usize::MAX
                && context.section_role.is_some()
                && word_count >= 8);
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
        if publication.uses(QuoteStyle::Dash) && text.starts_with("– ") {
            out.push(dash_quote(paragraphs, pi, vocabulary));
            continue;
        }
        if opens_document_quotation(paragraphs, pi, document, vocabulary) {
            document = Some(pi);
            continue;
        }
        if publication.uses(QuoteStyle::Marks) {
            let found = marked_quotes(paragraphs, pi, &out, vocabulary);
            out.extend(found);
        }
    }
    out
}

/// A paragraph quoting a document ("Om dette skriver Kodeks for god
/// offentlig topledelse …:"), or going on with the quotation after an
/// ellipsis. `document` is the last paragraph found quoting one.
fn opens_document_quotation(
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

/// A paragraph opening with a dash: speech until the attribution clause or
/// until the narration takes over again.
fn dash_quote(paragraphs: &[Paragraph], pi: usize, vocabulary: &Vocabulary) -> Candidate {
    let p = &paragraphs[pi];
    let previous = pi
        .checked_sub(1)
        .map(|k| paragraphs[k].text.as_str())
        .unwrap_or("");
    let start = p.text.find("– ").map(|i| i + "– ".len()).unwrap_or(0);
    let mut speaker = None;
    // "– Udfordringen er bare, påpeger samme politikers direktør, at …"
    let mut body = p.text[start..].to_string();
    let mut removed = 0..0;
    if let Some((s, range)) = attribution::inserted(&body, vocabulary) {
        body.replace_range(range.clone(), "");
        removed = range;
        speaker = Some(s);
    }
    // "…, siger en direktør." ends the speech; what follows is narration.
    let mut cut = body.len();
    let mut attributed = false;
    for (comma, _) in body.match_indices(',') {
        if let Some((s, _)) = attribution::after_speech(&body[comma..], vocabulary) {
            speaker.get_or_insert(s);
            cut = comma;
            attributed = true;
            break;
        }
    }
    if !attributed {
        let starts: Vec<usize> = p
            .starts
            .iter()
            .filter_map(|&s| s.checked_sub(start))
            .map(|s| {
                if s >= removed.end {
                    s - removed.len()
                } else {
                    s
                }
            })
            .collect();
        cut = narration_cut(&body, &starts, vocabulary);
    }
    let text = body[..cut].to_string();
    let end = start
        + if cut >= removed.start && !removed.is_empty() {
            cut + removed.len()
        } else {
            cut
        };
    if speaker.is_none() && previous.trim_end().ends_with(':') {
        speaker = attribution::in_intro(previous, vocabulary);
    }
    if speaker.is_none() {
        speaker = attribution::paraphrased_one(previous, vocabulary);
    }
    if speaker.is_none() {
        // "Så enkelt siger én politiker det, …" just after the speech.
        if let Some(next) = paragraphs.get(pi + 1) {
            speaker = named_after(&next.text, vocabulary);
        }
    }
    let mut c = Candidate::from_paragraph(p, pi, start, end, text);
    c.speaker = speaker;
    c.narration = previous.to_string();
    c.whole = true;
    c
}

/// A speaker named in the sentence after a speech, as in "Så enkelt siger
/// én politiker det".
fn named_after(next: &str, vocabulary: &Vocabulary) -> Option<Speaker> {
    let sentence = next.split(". ").next().unwrap_or(next);
    let ws = words(sentence);
    for (i, w) in ws.iter().enumerate().take(6) {
        if vocabulary.is_verb(&w.lower) && ws.get(i + 3).is_some_and(|d| d.lower == "det") {
            let candidate = attribution::in_intro(&sentence[w.start..ws[i + 2].end], vocabulary);
            if let Some(Speaker::Named(s)) = candidate {
                return Some(Speaker::Named(s));
            }
        }
    }
    None
}

/// Where an unattributed dash speech ends: at the first sentence that opens
/// a printed line and reads as narration (it introduces the next speech, or
/// talks about speakers in the third person). Returns a byte offset into
/// `speech`; `starts` are where its printed lines begin.
fn narration_cut(speech: &str, starts: &[usize], vocabulary: &Vocabulary) -> usize {
    for &at in starts {
        if at == 0 || at >= speech.len() {
            continue;
        }
        let before = speech[..at].trim_end();
        if !before.ends_with(['.', '!', '?']) || !layout::starts_uppercase(&speech[at..]) {
            continue;
        }
        let rest = &speech[at..];
        let sentence_len = sentence_length(rest);
        if reads_as_narration(&rest[..sentence_len], vocabulary) {
            return at;
        }
    }
    speech.len()
}

fn sentence_length(text: &str) -> usize {
    let mut prev_end = false;
    for (i, c) in text.char_indices() {
        if prev_end && c == ' ' {
            return i;
        }
        prev_end = matches!(c, '.' | '!' | '?' | ':');
    }
    text.len()
}

/// Narration introduces speech (ends in a colon) or speaks of speakers in
/// the third person ("flere direktører", "politikerne", "direktørens")
/// without the "jeg" and "vi" of speech.
fn reads_as_narration(sentence: &str, vocabulary: &Vocabulary) -> bool {
    let trimmed = sentence.trim_end().trim_end_matches(['”', '"', ' ']);
    if trimmed.ends_with(':') {
        return true;
    }
    let ws = words(sentence);
    let first_person =
        ws.iter().any(|w| vocabulary.is_first_person(&w.lower)) || sentence.contains(" I ");
    !first_person && names_speakers(&ws, vocabulary)
}

/// Whether words refer to speakers as a group or by a definite or genitive
/// title (not a bare "politiker", which speech uses as a noun).
fn names_speakers(ws: &[crate::vocabulary::Word], vocabulary: &Vocabulary) -> bool {
    let by_form = vocabulary.mentions(ws).iter().any(|m| !m.bare);
    let genitive = ws.iter().any(|w| {
        let Some(stem) = w.lower.strip_suffix('s').filter(|s| s.ends_with("en")) else {
            return false;
        };
        vocabulary
            .mentions(&words(stem))
            .first()
            .is_some_and(|m| !m.bare)
    });
    by_form || genitive
}

/// A quoted stretch of a paragraph: the byte offsets of its opening mark,
/// its content and the end of its closing mark.
#[derive(Debug, Clone, Copy)]
struct Span {
    open: usize,
    start: usize,
    end: usize,
    after: usize,
}

/// The outermost quoted stretches of a text; inner quotes nest.
fn spans(text: &str) -> Vec<Span> {
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
fn marked_quotes(
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
            speaker = shared_intro(earlier, pi)
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
fn shared_intro(earlier: &[Candidate], pi: usize) -> Option<Speaker> {
    let last = earlier.last()?;
    if last.paragraph != Some(pi.wrapping_sub(1)) || !last.whole {
        return None;
    }
    match &last.speaker {
        Some(Speaker::Named(np)) => {
            let first = np.split_whitespace().next()?.to_lowercase();
            matches!(
                first.as_str(),
                "to" | "tre" | "fire" | "flere" | "nogle" | "begge"
            )
            .then(|| Speaker::Named(np.clone()))
        }
        _ => None,
    }
}

/// Quotes set apart from the running text: labelled boxes, and large-print
/// blocks whose words the running text does not repeat. A labelled
/// pull-quote that repeats a running quote lends it its label when the
/// running text does not say who speaks.
fn set_apart_quotes(
    layout: &Layout,
    running: &mut [Candidate],
    vocabulary: &Vocabulary,
) -> Vec<Candidate> {
    let lower_words =
        |text: &str| -> Vec<String> { words(text).into_iter().map(|w| w.lower).collect() };
    let paragraph_words: Vec<Vec<String>> = layout
        .paragraphs
        .iter()
        .map(|p| lower_words(&p.text))
        .collect();
    let running_words: Vec<Vec<String>> = running.iter().map(|c| lower_words(&c.text)).collect();
    // The running quote a block repeats (`Some(None)`: it repeats narration),
    // or `None` when its words stand nowhere else.
    let repeated = |text: &str| -> Option<Option<usize>> {
        let ws = lower_words(text);
        let needed = (ws.len() as f64 * REPEAT_SHARE).ceil() as usize;
        if let Some(k) = running_words
            .iter()
            .position(|r| common_subsequence(&ws, r) >= needed)
        {
            return Some(Some(k));
        }
        paragraph_words
            .iter()
            .any(|r| common_subsequence(&ws, r) >= needed)
            .then_some(None)
    };
    let block_text = |first: usize, last: usize| {
        let mut text = String::new();
        for line in &layout.lines[first..=last] {
            crate::repair::append_line(&mut text, &line.text, |w| vocabulary.is_conjunction(w));
        }
        text
    };
    let mut out = Vec::new();
    for b in &layout.boxes {
        let text = block_text(b.first, b.last - 1);
        let marked = spans(&text).into_iter().next();
        let (speech, pullquote) = match marked {
            Some(s) => (text[s.start..s.end].to_string(), false),
            None => (text.clone(), true),
        };
        match repeated(&speech) {
            Some(Some(k)) => {
                let original = &mut running[k];
                if original.speaker.is_none() && original.label_role.is_none() {
                    original.label_role = b.label.clone();
                }
            }
            Some(None) => {}
            None => out.push(set_apart(
                b.first,
                b.last - 1,
                speech,
                b.label.clone(),
                pullquote,
            )),
        }
    }
    for b in &layout.large_print {
        let text = block_text(b.first, b.last);
        let ws = words(&text);
        let speech_like = ws.iter().any(|w| vocabulary.is_first_person(&w.lower));
        let in_chapter = layout.contexts[b.first].theme.is_some();
        let sentence = text.trim_end().ends_with(['.', '!', '?']);
        if speech_like && in_chapter && ws.len() >= 6 && sentence && repeated(&text).is_none() {
            out.push(set_apart(b.first, b.last, text, None, true));
        }
    }
    out
}

fn set_apart(
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

/// Length of the longest common subsequence of two word lists.
fn common_subsequence(a: &[String], b: &[String]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The speech as users read it: emphasis stripped, whitespace collapsed,
/// split ligatures joined, no leading dash, no trailing comma before the
/// closing mark, inner quotation marks as “ ” and ‘ ’.
fn clean_text(text: &str, lexicon: &Lexicon) -> String {
    let mut t = collapse_whitespace(&strip_markup(text));
    t = join_split_ligatures(&t, lexicon);
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

    #[test]
    fn common_subsequence_counts_words_in_order() {
        let a: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let b: Vec<String> = ["a", "x", "c", "b"].iter().map(|s| s.to_string()).collect();
        assert_eq!(common_subsequence(&a, &b), 2);
    }
}
