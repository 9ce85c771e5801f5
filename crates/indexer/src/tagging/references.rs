//! References: speakers the narration points back to. A pronoun (`fortæller
//! hun`) stands for the person just introduced or the last speaker, and "en
//! af dem" for one of the group the narration names.

use crate::analysis::words;
use crate::vocabulary::{RoleMention, Vocabulary};

/// A pronoun stands for the person the narration just introduced ("En
/// leder fortæller, hvordan hun …"), else for the last speaker.
pub(crate) fn antecedent(
    vocabulary: &Vocabulary,
    narration: &str,
    last: Option<&(String, Option<String>)>,
) -> (String, Option<String>) {
    let ws = words(narration);
    let article_at = |k: usize| vocabulary.is_one(&ws[k].lower);
    let introduced = vocabulary.mentions(&ws).into_iter().rev().find_map(|m| {
        // "en leder", "en erfaren leder", "en anden politiker"
        (1..=2)
            .filter(|&back| m.first >= back)
            .map(|back| m.first - back)
            .find(|&k| article_at(k))
            .map(|k| (k, m))
    });
    if let Some((k, m)) = introduced {
        let printed = &narration[ws[k].start..ws[m.last].end];
        return (
            lowercase_first(printed),
            Some(vocabulary.role(m.role).title.clone()),
        );
    }
    last.cloned().unwrap_or_default()
}

/// "en af dem", "En siger:": one of the group the narration names
/// ("flere direktører" → "en af direktørerne").
pub(crate) fn one_of_group(
    vocabulary: &Vocabulary,
    narration: &str,
    last: Option<&(String, Option<String>)>,
) -> (String, Option<String>) {
    let ws = words(narration);
    // The group a quantifier names ("mange chefer"), else the last one.
    let mentions = vocabulary.mentions(&ws);
    let before = |m: &RoleMention| m.first.checked_sub(1).map(|k| ws[k].lower.as_str());
    let quantified = mentions
        .iter()
        .rev()
        .find(|m| before(m).is_some_and(|w| vocabulary.is_group_quantifier(w)));
    let group = quantified
        .or_else(|| {
            mentions
                .iter()
                .rev()
                .find(|m| !before(m).is_some_and(|w| vocabulary.is_one(w)))
        })
        .copied();
    let role = group.map(|m| vocabulary.role(m.role)).or_else(|| {
        let title = last?.1.as_ref()?;
        vocabulary.role_by_title(title)
    });
    match role {
        Some(r) => (format!("en af {}", r.one_of), Some(r.title.clone())),
        None => ("en af dem".to_string(), None),
    }
}

/// "En kommunal leder" is "en kommunal leder" inside a sentence.
pub(crate) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
