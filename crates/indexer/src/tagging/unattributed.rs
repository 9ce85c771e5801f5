//! Unattributed quotes: the role a quote nothing attributes still makes
//! clear, from the speech itself ("Som direktør …") or from the narration
//! before it (the speaker it paraphrases, the role it speaks from, its
//! subject). Otherwise the role stays unknown, never a guess.

use crate::analysis::words;
use crate::speech::attribution;
use crate::speech::speaker::Speaker;
use crate::vocabulary::Vocabulary;

/// A speaker who says what they are: "Som direktør kan det være …", "Da
/// jeg startede som politisk leder …".
pub(crate) fn self_described(vocabulary: &Vocabulary, speech: &str) -> Option<String> {
    let ws = words(speech);
    for (i, w) in ws.iter().enumerate() {
        let opening = i == 0 && w.lower == "som";
        let after_jeg = w.lower == "som"
            && i >= 2
            && ws[i.saturating_sub(3)..i].iter().any(|p| p.lower == "jeg");
        if !(opening || after_jeg) {
            continue;
        }
        let m = *vocabulary
            .mentions(&ws[i + 1..(i + 4).min(ws.len())])
            .first()?;
        if m.first == 0 {
            return Some(vocabulary.role(m.role).title.clone());
        }
    }
    None
}

/// The role the narration before an unattributed quote gives its
/// speaker: the one it names as speaking ("…, fortæller flere ledere.",
/// "En anden politiker understreger, at …"), the role it speaks from
/// ("man som chef"), the subject of its first or last sentence ("En
/// anden chef stod i …", "Direktørerne er da også …"), else the only
/// kind of speaker its last sentence names.
pub(crate) fn role_from_narration(vocabulary: &Vocabulary, narration: &str) -> Option<String> {
    let named = attribution::paraphrased(narration, vocabulary);
    if let Some(Speaker::Named(np)) = named {
        return vocabulary.title_in(&np);
    }
    if let Some(role) = attribution::as_role(narration, vocabulary) {
        return Some(role);
    }
    let first = narration.split(". ").next().unwrap_or(narration);
    let sentence = attribution::last_sentence(narration);
    for s in [first, sentence] {
        if let Some(np) = attribution::subject(s, vocabulary) {
            return vocabulary.title_in(&np);
        }
    }
    // A person the last sentence introduces with a relative clause ("Et
    // positivt eksempel er en direktør, der …", "Det gælder fx den leder,
    // der …") is the one who goes on to speak.
    let ws = words(sentence);
    let introduced = vocabulary.mentions(&ws).into_iter().find(|m| {
        !m.plural
            && ws.get(m.last + 1).is_some_and(|next| {
                next.lower == "der" && sentence[ws[m.last].end..next.start].contains(',')
            })
    });
    if let Some(m) = introduced {
        return Some(vocabulary.role(m.role).title.clone());
    }
    // The kinds of speaker the last sentence names, genitives included
    // ("direktørens"): one kind, or one single person among groups
    // ("den øverste direktør har samtaler med alle ledere og chefer").
    let mut named: Vec<(String, bool)> = Vec::new();
    for w in &ws {
        if let Some(stem) = w.lower.strip_suffix('s') {
            if let Some(m) = vocabulary.mentions(&words(stem)).first() {
                named.push((vocabulary.role(m.role).title.clone(), m.plural));
            }
        }
    }
    for m in vocabulary.mentions(&ws) {
        named.push((vocabulary.role(m.role).title.clone(), m.plural));
    }
    let only = |roles: Vec<&String>| {
        let mut distinct = roles;
        distinct.sort();
        distinct.dedup();
        (distinct.len() == 1).then(|| distinct[0].clone())
    };
    only(named.iter().map(|(r, _)| r).collect()).or_else(|| {
        only(
            named
                .iter()
                .filter(|(_, plural)| !plural)
                .map(|(r, _)| r)
                .collect(),
        )
    })
}
