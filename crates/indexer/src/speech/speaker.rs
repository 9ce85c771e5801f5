//! Speakers: who the narration says is speaking, as printed. A noun phrase
//! naming a role ("en strategisk chef på et sygehus"), a pronoun standing for
//! the last one named (`hun`), or one of a group (`en anden`, `en af dem`).
//! Resolving the pointing ones is the tagging stage's work.

use crate::analysis::Word;
use crate::vocabulary::Vocabulary;

/// Who the narration says is speaking, before pronouns are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Speaker {
    /// A noun phrase naming a role, as printed ("en ledende overlæge").
    Named(String),
    /// "hun", "han": the last speaker named.
    Pronoun,
    /// "en anden": another speaker of the same kind as the last one.
    Another,
    /// "en af dem", "en": one of a group named just before.
    OneOfThem,
}

/// Reads the speaker starting at word `i`: a pronoun, "en anden", "en af
/// dem", a lone "en", or a noun phrase that names a role.
pub(crate) fn speaker_at(
    text: &str,
    ws: &[Word],
    i: usize,
    vocabulary: &Vocabulary,
) -> Option<Speaker> {
    speaker_span(text, ws, i, vocabulary).map(|(s, _)| s)
}

/// `speaker_at` with the index of the speaker's last word.
pub(crate) fn speaker_span(
    text: &str,
    ws: &[Word],
    i: usize,
    vocabulary: &Vocabulary,
) -> Option<(Speaker, usize)> {
    let w = ws.get(i)?;
    if vocabulary.is_pronoun(&w.lower) {
        return Some((Speaker::Pronoun, i));
    }
    let word_at = |k: usize| ws.get(k).map(|n| n.lower.as_str());
    let is_one = vocabulary.is_one(&w.lower);
    if let Some(last) = noun_phrase(text, ws, i, vocabulary) {
        return Some((
            Speaker::Named(text[w.start..ws[last].end].to_string()),
            last,
        ));
    }
    if is_one && word_at(i + 1) == Some("anden") {
        return Some((Speaker::Another, i + 1));
    }
    if is_one && word_at(i + 1) == Some("af") && word_at(i + 2) == Some("dem") {
        return Some((Speaker::OneOfThem, i + 2));
    }
    let lone = ws.get(i + 1).is_none_or(|n| {
        text[w.end..n.start].contains([',', '.', ':']) || vocabulary.is_verb(&n.lower)
    });
    if is_one && lone {
        return Some((Speaker::OneOfThem, i));
    }
    None
}

/// The last word of a noun phrase naming a role that starts at word `i`:
/// determiners and adjectives, the title, and optionally a place tied on by
/// a preposition ("en strategisk chef på et sygehus"). `None` where the words
/// at `i` do not open such a phrase.
fn noun_phrase(text: &str, ws: &[Word], i: usize, vocabulary: &Vocabulary) -> Option<usize> {
    let window = &ws[i..(i + 6).min(ws.len())];
    let head = *vocabulary.mentions(window).first()?;
    let opens = head.first == 0 || vocabulary.is_determiner(&window[0].lower);
    if !opens {
        return None;
    }
    for k in i + 1..=i + head.last {
        let gap = &text[ws[k - 1].end..ws[k].start];
        let before_title = k < i + head.first;
        if gap.contains(PUNCTUATION)
            || (before_title && !modifies_title(&ws[k].lower, vocabulary, ws, k))
        {
            return None;
        }
    }
    let mut last = i + head.last;
    let tied = |k: usize| k < ws.len() && !text[ws[k - 1].end..ws[k].start].contains(PUNCTUATION);
    if tied(last + 1)
        && vocabulary.is_modifier(&ws[last + 1].lower)
        && vocabulary.stop_at(ws, last + 1).is_none()
    {
        let mut k = last + 2;
        while tied(k)
            && k <= last + 4
            && vocabulary.stop_at(ws, k).is_none()
            && !vocabulary.is_verb(&ws[k].lower)
        {
            k += 1;
        }
        if k > last + 2 {
            last = k - 1;
        }
    }
    Some(last)
}

/// Whether a word between a determiner and a title can belong to the
/// phrase ("en kommunal leder", "en af de strategiske chefer"), rather than
/// being a verb or preposition of a clause ("Den omfatter ifølge
/// politikerne"). Danish finite verbs end in -r; adjectives rarely do.
fn modifies_title(word: &str, vocabulary: &Vocabulary, ws: &[Word], k: usize) -> bool {
    if word == "af" {
        return true;
    }
    vocabulary.stop_at(ws, k).is_none()
        && !vocabulary.is_clause_preposition(word)
        && !word.ends_with('r')
}

const PUNCTUATION: [char; 12] = [',', '.', ':', ';', '!', '?', '–', '”', '“', '"', '(', ')'];
