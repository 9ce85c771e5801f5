//! Questions in plain Danish: people type `hvordan giver man sparring til
//! sin chef`, not `sparring chef`. The question and function words
//! (`hvordan`, `man`, `til`, `sin`) say how the question is put, not what it
//! is about; matched, they rank every quote that says "til" and mark it. So
//! an unquoted function word is left out of a query that has other words,
//! while inside a quoted phrase it counts as typed, and a query of function
//! words alone is searched as it is.
//!
//! Negation is not a function word here: `ikke`, `aldrig`, `ingen` change
//! what a sentence says (the Snowball stop list drops them; this one keeps
//! them).

use super::syntax::{Clause, Occur};

/// Danish question words, pronouns, articles, prepositions, conjunctions,
/// auxiliary verbs, the light verbs questions are put with (`give`,
/// `tage`, `gå`, `ske`: "hvad sker der når …"), quantifiers and the small
/// adverbs of speech: the closed classes of the language, sorted (by
/// bytes, as Rust compares them).
const FUNCTION_WORDS: &[&str] = &[
    "af", "al", "alle", "alt", "andet", "andre", "at", "bare", "blandt", "blev", "blive", "bliver",
    "både", "bør", "da", "de", "dem", "den", "denne", "dens", "der", "deres", "det", "dets",
    "dette", "dig", "din", "dine", "dit", "dog", "du", "efter", "eller", "en", "end", "er", "et",
    "flere", "for", "fordi", "fra", "få", "får", "gav", "gennem", "gik", "give", "giver", "gå",
    "går", "gør", "gøre", "han", "hans", "har", "havde", "have", "hele", "hende", "hendes", "her",
    "hos", "hun", "hvad", "hvem", "hver", "hvert", "hvilke", "hvilken", "hvilket", "hvis", "hvor",
    "hvordan", "hvorfor", "hvornår", "i", "ind", "jeg", "jer", "jeres", "jo", "kan", "kom",
    "komme", "kommer", "kunne", "lige", "man", "mange", "med", "meget", "mellem", "men", "mig",
    "min", "mine", "mit", "mod", "må", "måske", "nogen", "noget", "nogle", "nu", "når", "og",
    "også", "om", "op", "os", "over", "på", "sagt", "sig", "sige", "siger", "sin", "sine", "sit",
    "skal", "ske", "sker", "skete", "skulle", "som", "så", "sådan", "tage", "tager", "til", "tog",
    "ud", "under", "ved", "vi", "vil", "ville", "vores", "være", "været",
];

/// Whether a word (lowercase) only says how a question is put.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.binary_search(&word).is_ok()
}

/// The clauses that say what a query is about: plain function words are
/// left out, at every level of grouping, unless nothing else would remain.
pub(super) fn content(clauses: Vec<(Occur, Clause)>) -> Vec<(Occur, Clause)> {
    let kept: Vec<(Occur, Clause)> = clauses
        .iter()
        .filter(|(occur, clause)| {
            !matches!(clause, Clause::Word(w) if *occur == Occur::Should
                && is_function_word(&w.to_lowercase()))
        })
        .cloned()
        .map(|(occur, clause)| match clause {
            Clause::Group(inner) => (occur, Clause::Group(content(inner))),
            other => (occur, other),
        })
        .collect();
    if kept.iter().any(|(o, _)| *o != Occur::MustNot) {
        kept
    } else {
        clauses
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::syntax::parse;

    fn words(query: &str) -> Vec<String> {
        content(parse(query).clauses)
            .into_iter()
            .map(|(_, c)| match c {
                Clause::Word(w) => w,
                Clause::Phrase(p) => format!("\"{}\"", p.join(" ")),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn the_list_is_sorted_for_lookup() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_question_keeps_what_it_is_about() {
        assert_eq!(
            words("Hvordan giver man sparring til sin chef?"),
            ["sparring", "chef"]
        );
        assert_eq!(words("ikke tillid"), ["ikke", "tillid"]);
    }

    #[test]
    fn phrases_and_function_words_alone_stay() {
        assert_eq!(
            words("\"til sin chef\" sparring"),
            ["\"til sin chef\"", "sparring"]
        );
        assert_eq!(words("hvad med os"), ["hvad", "med", "os"]);
    }
}
