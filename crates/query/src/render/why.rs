//! Why a hit matched, in words a reader who is no search engineer follows:
//! "fundet via *alene* ≈ ensom (synonym) · emnet tillid". The terminal
//! prints this under a hit; the page says the same from the same `matched`.

use crate::search::matched::Matched;
use crate::search::How;

/// One line saying, query word by query word, what in the quote answered
/// it and how; empty when nothing did (a related hit).
pub fn why(matched: &[Matched]) -> String {
    let reasons: Vec<String> = matched.iter().map(reason).collect();
    if reasons.is_empty() {
        return String::new();
    }
    format!("fundet via {}", reasons.join(" · "))
}

fn reason(m: &Matched) -> String {
    let (form, word) = (&m.form, &m.word);
    match m.how {
        How::AsTyped => form.clone(),
        How::Inflection => format!("{form} (bøjning af {word})"),
        How::CompoundPart => format!("{form} (sammensat med {word})"),
        How::Spelling => format!("{form} (stavning af {word})"),
        How::Synonym => format!("{form} ≈ {word} (synonym)"),
        How::Topic if m.form == m.word => format!("{word} (overskrift eller emne)"),
        How::Topic => format!("{form} (emne: {word})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(word: &str, form: &str, how: How) -> Matched {
        Matched {
            word: word.into(),
            form: form.into(),
            how,
            spans: Vec::new(),
        }
    }

    #[test]
    fn says_each_way_in_danish() {
        assert_eq!(
            why(&[
                m("ensom", "alene", How::Synonym),
                m("tillid", "tillid", How::AsTyped)
            ]),
            "fundet via alene ≈ ensom (synonym) · tillid"
        );
        assert_eq!(
            why(&[m("direktoer", "direktøren", How::Spelling)]),
            "fundet via direktøren (stavning af direktoer)"
        );
        assert_eq!(why(&[]), "");
    }
}
