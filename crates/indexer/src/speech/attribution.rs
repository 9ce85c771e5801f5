//! Attribution: reading who speaks from the narration around a quote.
//!
//! Danish journalism attributes speech after it (`…,” siger en leder.`),
//! inside it (`– Udfordringen er bare, påpeger samme politikers direktør,
//! at …`) or in an introducing sentence ending in a colon (`En direktør
//! forklarer:`). The speaker is a noun phrase naming a role, a pronoun
//! standing for the last one named (`fortæller hun`), or one of a group
//! (`en anden`, `en af dem`); resolving those is `tagging`'s job.

use crate::analysis::{words, Word};
use crate::vocabulary::Vocabulary;

use super::speaker::{speaker_at, speaker_span, Speaker};

/// An attribution clause found right after the speech (`, siger en leder.`,
/// `” fortæller hun`): the speaker and how many bytes of `tail` the clause
/// spans, up to the end of its sentence.
pub(crate) fn after_speech(tail: &str, vocabulary: &Vocabulary) -> Option<(Speaker, usize)> {
    let lead = tail.len()
        - tail
            .trim_start_matches([',', '.', ' ', '”', '"', '“', '’', '*'])
            .len();
    let ws = words(tail);
    let first = ws.first()?;
    if first.start != lead || !vocabulary.is_verb(&first.lower) {
        return None;
    }
    let speaker = speaker_at(tail, &ws, 1, vocabulary)?;
    Some((speaker, sentence_end(tail, first.end)))
}

/// An attribution clause inserted into the speech between commas, as in
/// `Udfordringen er bare, påpeger samme politikers direktør, at …` (the
/// speech goes on with "at"): the speaker and the byte range of the clause
/// with its leading comma.
pub(crate) fn inserted(
    text: &str,
    vocabulary: &Vocabulary,
) -> Option<(Speaker, std::ops::Range<usize>)> {
    let ws = words(text);
    for (i, w) in ws.iter().enumerate() {
        if i == 0 || !vocabulary.is_verb(&w.lower) || !text[ws[i - 1].end..w.start].contains(',') {
            continue;
        }
        let Some((speaker, last)) = speaker_span(text, &ws, i + 1, vocabulary) else {
            continue;
        };
        let rest = &text[ws[last].end..];
        let reported = rest
            .trim_start()
            .strip_prefix(',')
            .is_some_and(|r| r.trim_start().starts_with("at "));
        if reported {
            let comma_before = text[..w.start].rfind(',').unwrap_or(w.start);
            let comma_after = ws[last].end + rest.find(',').unwrap_or(0);
            return Some((speaker, comma_before..comma_after));
        }
    }
    None
}

/// The speaker narration reports speaking without introducing the speech
/// with a colon: "En anden politiker understreger, at …" (its first
/// sentence), "…, fortæller flere ledere." (its last).
pub(crate) fn paraphrased(narration: &str, vocabulary: &Vocabulary) -> Option<Speaker> {
    let last = last_sentence(narration);
    let first = narration.split(". ").next().unwrap_or(narration);
    [last, first].into_iter().find_map(|sentence| {
        let ws = words(sentence);
        let by_verb = ws.iter().enumerate().find_map(|(i, w)| {
            vocabulary
                .is_verb(&w.lower)
                .then(|| speaker_at(sentence, &ws, i + 1, vocabulary))
                .flatten()
        });
        by_verb.or_else(|| {
            let (speaker, last) = speaker_span(sentence, &ws, 0, vocabulary)?;
            ws.get(last + 1)
                .is_some_and(|w| vocabulary.is_verb(&w.lower))
                .then_some(speaker)
        })
    })
}

/// The role a sentence's subject names ("Direktørerne er da også …", "En
/// anden chef stod i en svær situation, …"), unless the subject is several
/// kinds of speaker ("Mange politikere og direktører …").
pub(crate) fn subject(sentence: &str, vocabulary: &Vocabulary) -> Option<String> {
    let ws = words(sentence);
    let mut start = 0;
    while start < ws.len() && vocabulary.is_intro_opener(&ws[start].lower) {
        start += 1;
    }
    let (speaker, last) = speaker_span(sentence, &ws, start, vocabulary)?;
    let joined = ws
        .get(last + 1)
        .is_some_and(|w| vocabulary.is_speaker_joiner(&w.lower));
    match speaker {
        Speaker::Named(np) if !joined => Some(np),
        _ => None,
    }
}

/// The role in "man som chef" / "man som direktør": the narration speaking of
/// what one does in that role.
pub(crate) fn as_role(text: &str, vocabulary: &Vocabulary) -> Option<String> {
    let ws = words(text);
    ws.windows(2).enumerate().find_map(|(i, pair)| {
        if pair[0].lower != "man" || pair[1].lower != "som" {
            return None;
        }
        let m = *vocabulary
            .mentions(&ws[i + 2..(i + 5).min(ws.len())])
            .first()?;
        (m.first == 0).then(|| vocabulary.role(m.role).title.clone())
    })
}

/// A paraphrase naming one speaker ("En anden politiker understreger, at
/// han …") attributes the speech that follows it.
pub(crate) fn paraphrased_one(narration: &str, vocabulary: &Vocabulary) -> Option<Speaker> {
    match paraphrased(narration, vocabulary)? {
        Speaker::Named(np)
            if np
                .split_whitespace()
                .next()
                .is_some_and(|w| vocabulary.is_one(&w.to_lowercase())) =>
        {
            Some(Speaker::Named(np))
        }
        _ => None,
    }
}

/// The speaker an introducing sentence names (`En direktør siger:`, `Som en
/// chef udtrykker det:`, `…, fortæller en af dem:`). Only the sentence
/// closest to the speech counts.
pub(crate) fn in_intro(intro: &str, vocabulary: &Vocabulary) -> Option<Speaker> {
    let sentence = last_sentence(intro);
    let ws = words(sentence);
    if ws.is_empty() {
        return None;
    }
    // The phrase right after a speech verb: "Om dette siger en chef:".
    for (i, w) in ws.iter().enumerate() {
        if vocabulary.is_verb(&w.lower) {
            if let Some(s) = speaker_at(sentence, &ws, i + 1, vocabulary) {
                return Some(s);
            }
        }
    }
    // The subject opening the sentence: "En anden direktør udtrykker det
    // sådan:", unless it names several kinds of speaker ("Mange politikere
    // og direktører understreger:").
    let mut start = 0;
    while start < ws.len() && vocabulary.is_intro_opener(&ws[start].lower) {
        start += 1;
    }
    if let Some((s, last)) = speaker_span(sentence, &ws, start, vocabulary) {
        let joined = ws
            .get(last + 1)
            .is_some_and(|w| vocabulary.is_speaker_joiner(&w.lower));
        if joined {
            return None;
        }
        return Some(s);
    }
    // "Tilsvarende lægger en anden vægt på, at …:", "… fortæller en af dem:"
    let group_member = (0..ws.len()).find_map(|i| {
        let explicit = ws
            .get(i + 1)
            .is_some_and(|n| n.lower == "anden" || n.lower == "af");
        match speaker_at(sentence, &ws, i, vocabulary) {
            Some(s @ (Speaker::Another | Speaker::OneOfThem)) if explicit => Some(s),
            _ => None,
        }
    });
    if group_member.is_some() {
        return group_member;
    }
    // "Med én leders ord:": a genitive before "ord" names the speaker.
    if let Some(k) = ws.iter().position(|w| w.lower == "ord") {
        if k >= 2 && vocabulary.is_one(&ws[k - 2].lower) {
            let genitive = &sentence[ws[k - 2].start..ws[k - 1].end];
            let named = ungenitive(genitive);
            if !vocabulary.mentions(&words(&named)).is_empty() {
                return Some(Speaker::Named(named));
            }
        }
    }
    // "ifølge politikerne", or a named role anywhere, indefinite ones first
    // ("Det oplevede en direktør, da …").
    let mentions = vocabulary.mentions(&ws);
    let indefinite = mentions
        .iter()
        .find(|m| m.first > 0 && vocabulary.is_indefinite_article(&ws[m.first - 1].lower));
    let chosen = indefinite.or_else(|| mentions.iter().find(|m| after_ifoelge(&ws, m.first)))?;
    let first = if vocabulary.is_indefinite_article(&ws[chosen.first.saturating_sub(1)].lower)
        && chosen.first > 0
    {
        chosen.first - 1
    } else {
        chosen.first
    };
    let last = ws[chosen.last].end;
    let printed = &sentence[ws[first].start..last];
    Some(Speaker::Named(ungenitive(printed)))
}

fn after_ifoelge(ws: &[Word], i: usize) -> bool {
    i > 0 && ws[i - 1].lower == "ifølge"
}

/// "én leders" (in "med én leders ord") names "én leder".
fn ungenitive(phrase: &str) -> String {
    phrase
        .strip_suffix('s')
        .filter(|p| p.ends_with("er"))
        .unwrap_or(phrase)
        .to_string()
}

/// Byte offset just past the sentence that starts at or before `from`.
fn sentence_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < text.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?' | b':') {
            let next = text[i + 1..].chars().next();
            if next.is_none_or(|n| n.is_whitespace() || n == '“' || n == '”') {
                return i + 1;
            }
        }
        i += 1;
    }
    text.len()
}

/// The last sentence of a text, where an introduction names its speaker.
pub(crate) fn last_sentence(text: &str) -> &str {
    let t = text.trim_end();
    let body = t.trim_end_matches([':', ' ']);
    let mut cut = 0;
    for (i, c) in body.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let rest = body[i + c.len_utf8()..].trim_start_matches(['”', '"', '’']);
            let next = rest.trim_start().chars().next();
            if rest.starts_with(' ') && next.is_some_and(|n| n.is_uppercase() || n == '–') {
                cut = body.len() - rest.len();
            }
        }
    }
    t[cut..].trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::parse(include_str!("../../../../corpus/roles.toml")).unwrap()
    }

    fn named(s: &str) -> Option<Speaker> {
        Some(Speaker::Named(s.into()))
    }

    #[test]
    fn reads_the_clause_after_speech() {
        let v = vocabulary();
        let tail = "” siger en kommunal leder. Næste sætning.";
        let (s, len) = after_speech(tail, &v).unwrap();
        assert_eq!(s, Speaker::Named("en kommunal leder".into()));
        assert_eq!(&tail[..len], "” siger en kommunal leder.");
        assert_eq!(
            after_speech(", fortæller hun.", &v).unwrap().0,
            Speaker::Pronoun
        );
        assert_eq!(
            after_speech(", siger en anden.", &v).unwrap().0,
            Speaker::Another
        );
    }

    #[test]
    fn the_speaker_phrase_stops_before_what_is_not_the_speaker() {
        let v = vocabulary();
        let s = |t: &str| after_speech(t, &v).map(|x| x.0);
        assert_eq!(
            s(", siger en chef for eksempel om den fælles mission."),
            named("en chef")
        );
        assert_eq!(
            s(", siger en direktør, der også har lang erfaring."),
            named("en direktør")
        );
        assert_eq!(
            s(", siger en direktør i en landkommune."),
            named("en direktør i en landkommune")
        );
        assert_eq!(
            s(", fortæller borgmesteren som ét eksempel på, at"),
            named("borgmesteren")
        );
        assert_eq!(
            s(", siger en politiker med et smil."),
            named("en politiker")
        );
    }

    #[test]
    fn narration_that_only_mentions_a_role_is_no_attribution() {
        let v = vocabulary();
        assert_eq!(
            after_speech(" er det, alle politikere nævner først.", &v),
            None
        );
    }

    #[test]
    fn reads_an_inserted_clause() {
        let v = vocabulary();
        let text = "Udfordringen er bare, påpeger samme politikers direktør, at der ikke findes nogen facitliste.";
        let (s, range) = inserted(text, &v).unwrap();
        assert_eq!(s, named("samme politikers direktør").unwrap());
        let mut cleaned = text.to_string();
        cleaned.replace_range(range, "");
        assert_eq!(
            cleaned,
            "Udfordringen er bare, at der ikke findes nogen facitliste."
        );
    }

    #[test]
    fn reads_introducing_sentences() {
        let v = vocabulary();
        assert_eq!(
            in_intro("Det gælder mange. En direktør siger:", &v),
            named("En direktør")
        );
        assert_eq!(in_intro("Som en chef udtrykker det:", &v), named("en chef"));
        assert_eq!(in_intro("Om dette siger en chef:", &v), named("en chef"));
        assert_eq!(in_intro("Med én leders ord:", &v), named("én leder"));
        assert_eq!(
            in_intro("Den tryghed er vigtig for chefer, fortæller en af dem:", &v),
            Some(Speaker::OneOfThem)
        );
        assert_eq!(
            in_intro("Det har cheferne erfaringer med. En siger:", &v),
            Some(Speaker::OneOfThem)
        );
        assert_eq!(
            in_intro(
                "Det oplevede en direktør, da den politiske leder bad om et møde:",
                &v
            ),
            named("en direktør")
        );
        assert_eq!(
            in_intro("Den omfatter ifølge politikerne også kvaliteter som:", &v),
            named("politikerne")
        );
        assert_eq!(
            in_intro(
                "Det er en del af opgaven at lære dem, hvordan de skal bruge en:",
                &v
            ),
            None
        );
    }
}
