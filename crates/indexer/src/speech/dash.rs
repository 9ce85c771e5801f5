//! The `dash` style: a paragraph opening with `– `, as journalistic Danish
//! prints speech. The speech runs to its attribution clause (`…, siger en
//! direktør.`), with an inserted clause cut out (`…, påpeger samme politikers
//! direktør, at …`); unattributed, it runs until the narration takes over
//! again.

use crate::analysis::{words, Word};
use crate::booklet::lines::starts_uppercase;
use crate::booklet::paragraphs::Paragraph;
use crate::vocabulary::Vocabulary;

use super::attribution;
use super::candidate::Candidate;
use super::speaker::Speaker;

/// Whether a paragraph's (trimmed) text opens with the speech dash.
pub(crate) fn opens(text: &str) -> bool {
    text.starts_with("– ")
}

/// A paragraph opening with a dash: speech until the attribution clause or
/// until the narration takes over again.
pub(crate) fn quote(paragraphs: &[Paragraph], pi: usize, vocabulary: &Vocabulary) -> Candidate {
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
        if !before.ends_with(['.', '!', '?']) || !starts_uppercase(&speech[at..]) {
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
fn names_speakers(ws: &[Word], vocabulary: &Vocabulary) -> bool {
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
