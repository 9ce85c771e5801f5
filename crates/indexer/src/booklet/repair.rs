//! Repair: undoing what PDF extraction did to the booklets' words.
//!
//! Three kinds of damage reach the quotes: words hyphenated at a line break
//! (`beskri-` / `velsen`), ligatures split into two words (`f lere`, `g jorde`,
//! `afg jort`) and letter-spaced capitals in headings (`SK ABE`). None can be
//! repaired by a fixed list, so the corpus itself is the dictionary: a word is
//! real when the booklets use it outside the damaged spot.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::analysis::words;

/// Every word the corpus uses, with how often it stands on its own rather
/// than as half of a split ligature.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    free: FxHashMap<String, usize>,
}

/// Counts the words of one text as `Lexicon::from_texts` says.
fn count_free_words(text: &str, free: &mut FxHashMap<String, usize>) {
    let dehyphenated = text.replace("-\n", "");
    let ws = words(&dehyphenated);
    for (i, w) in ws.iter().enumerate() {
        let single_space_before = i > 0 && &dehyphenated[ws[i - 1].end..w.start] == " ";
        let single_space_after = i + 1 < ws.len() && &dehyphenated[w.end..ws[i + 1].start] == " ";
        let left_half = single_space_after
            && ends_like_ligature(&w.lower)
            && starts_like_ligature(&ws[i + 1].lower);
        let right_half = single_space_before
            && ends_like_ligature(&ws[i - 1].lower)
            && starts_like_ligature(&w.lower);
        // Capitals are where letter spacing splits words (`SK ABE`), so only
        // words printed in lowercase count.
        let capitals = dehyphenated[w.start..w.end]
            .chars()
            .all(|c| !c.is_lowercase());
        if !(left_half || right_half || capitals) {
            *free.entry(w.lower.clone()).or_insert(0) += 1;
        }
    }
}

impl Lexicon {
    /// Counts the words of the given texts. A word counts only where it is not
    /// next to the kind of gap a split ligature leaves, so the halves `f` and
    /// `lere` of `f lere` do not make each other look like real words, and
    /// only where it is printed in lowercase.
    pub(crate) fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Lexicon {
        let texts: Vec<&str> = texts.into_iter().collect();
        // Counted text by text on all cores, then added up.
        let free = texts
            .into_par_iter()
            .fold(FxHashMap::default, |mut free, text| {
                count_free_words(text, &mut free);
                free
            })
            .reduce(FxHashMap::default, |a, b| {
                let (mut a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
                for (word, n) in b {
                    *a.entry(word).or_insert(0) += n;
                }
                a
            });
        Lexicon { free }
    }

    /// Whether the corpus uses `word` (lowercase) as a word of its own.
    pub(crate) fn is_word(&self, word: &str) -> bool {
        let single_letter_word = matches!(word, "i" | "å" | "ø" | "o" | "a");
        (word.chars().count() > 1 || single_letter_word) && self.free.contains_key(word)
    }
}

fn ends_like_ligature(word: &str) -> bool {
    word.ends_with('f') || word.ends_with('g')
}

fn starts_like_ligature(word: &str) -> bool {
    word.starts_with('l') || word.starts_with('j') || word.starts_with('i')
}

/// Joins the two halves of split ligatures (`f lere` → `flere`,
/// `overf laden` → `overfladen`, `afg jort` → `afgjort`) where one half is no
/// word of the corpus and the joined form is one, or neither half is a word.
pub(crate) fn join_split_ligatures(text: &str, lexicon: &Lexicon) -> String {
    join_fragments(text, lexicon, true, |a, b| {
        ends_like_ligature(a) && starts_like_ligature(b)
    })
}

/// Joins letter-spaced capitals (`SK ABE` → `SKABE`) where the joined form is
/// a word of the corpus and a half is not.
fn join_letter_spacing(text: &str, lexicon: &Lexicon) -> String {
    join_fragments(text, lexicon, false, |_, _| true)
}

/// Joins adjacent words `a b` that `candidate` allows, when at least one half
/// is no word and the joined form is one (or, with `unknown_halves`, when
/// neither half is a word: a ligature can split a word the corpus never
/// prints whole, like `afg jort`).
fn join_fragments(
    text: &str,
    lexicon: &Lexicon,
    unknown_halves: bool,
    candidate: impl Fn(&str, &str) -> bool,
) -> String {
    let ws = words(text);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i + 1 < ws.len() {
        let (a, b) = (&ws[i], &ws[i + 1]);
        i += 1;
        if &text[a.end..b.start] != " " || !candidate(&a.lower, &b.lower) {
            continue;
        }
        let joined = format!("{}{}", a.lower, b.lower);
        let (a_word, b_word) = (lexicon.is_word(&a.lower), lexicon.is_word(&b.lower));
        let broken = !a_word || !b_word;
        let lone_letter = unknown_halves && a.lower.chars().count() == 1;
        if broken
            && (lexicon.is_word(&joined) || lone_letter || (unknown_halves && !a_word && !b_word))
        {
            out.push_str(&text[copied..a.end]);
            copied = b.start;
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Appends one printed line to a paragraph being rebuilt and returns the
/// byte offset where the line's text begins in it.
///
/// A line ending in a hyphen was broken inside a word: the halves are joined
/// (`beskri-` + `velsen`). The hyphen stays where it is a real one: in a
/// suspended compound before a conjunction (`børn- og`), or in a compound
/// that already has hyphens (`top-down-` + `proces`).
pub(crate) fn append_line(
    paragraph: &mut String,
    line: &str,
    is_conjunction: impl Fn(&str) -> bool,
) -> usize {
    let line = line.trim();
    let trimmed_len = paragraph.trim_end().len();
    paragraph.truncate(trimmed_len);
    if paragraph.is_empty() {
        paragraph.push_str(line);
        return 0;
    }
    let next_word = line
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let starts_lower = line.chars().next().is_some_and(|c| c.is_lowercase());
    let broken_word = paragraph.ends_with('-')
        && paragraph[..paragraph.len() - 1]
            .chars()
            .last()
            .is_some_and(|c| c.is_alphabetic());
    if broken_word && starts_lower {
        if is_conjunction(next_word) {
            paragraph.push(' ');
        } else {
            let token_start = paragraph
                .rfind(char::is_whitespace)
                .map(|i| i + 1)
                .unwrap_or(0);
            let token = &paragraph[token_start..paragraph.len() - 1];
            let hyphenated_compound = token.contains('-') && !token.contains('/');
            if !hyphenated_compound {
                paragraph.pop();
            }
        }
    } else if !broken_word {
        paragraph.push(' ');
    }
    let at = paragraph.len();
    paragraph.push_str(line);
    at
}

/// Text as a reader reads it: emphasis stripped, whitespace collapsed,
/// split ligatures joined.
pub(crate) fn readable(text: &str, lexicon: &Lexicon) -> String {
    join_split_ligatures(&collapse_whitespace(&strip_markup(text)), lexicon)
}

/// Collapses every run of whitespace to one space.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Removes the Markdown and HTML emphasis some extractions left in
/// (`**bold**`, `*italic*`, `<b>…</b>`).
pub(crate) fn strip_markup(text: &str) -> String {
    if !text.contains(['<', '*']) {
        // Most text has none, and every tag holds one of them.
        return text.to_string();
    }
    let mut out = text.to_string();
    for tag in ["<b>", "</b>", "<i>", "</i>", "**", "*"] {
        out = out.replace(tag, "");
    }
    out
}

/// Rewrites an ALL-CAPS heading in sentence case, first repairing letter
/// spacing (`AT SK ABE EN STÆRK` → `At skabe en stærk`).
pub(crate) fn sentence_case(heading: &str, lexicon: &Lexicon) -> String {
    let repaired = join_letter_spacing(heading, lexicon);
    let lower = repaired.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_and_markup_goes() {
        assert_eq!(
            collapse_whitespace("  Vi \n mødes\t\thver  uge "),
            "Vi mødes hver uge"
        );
        assert_eq!(collapse_whitespace(" \n "), "");
        assert_eq!(
            strip_markup("**Jeg** er <b>altid</b> <i>her</i>, *ikke*"),
            "Jeg er altid her, ikke"
        );
        assert_eq!(strip_markup("Ingen fremhævning"), "Ingen fremhævning");
    }

    fn lexicon() -> Lexicon {
        Lexicon::from_texts([
            "Der er flere ledere, der gjorde det. Under overfladen at skabe en stærk mening. \
             Vi har gjort det af lejligheden, og jeg flyttede. Til lejligheden af og til.",
        ])
    }

    fn join(lines: &[&str]) -> String {
        let mut p = String::new();
        for l in lines {
            append_line(&mut p, l, |w| w == "og" || w == "eller");
        }
        p
    }

    #[test]
    fn joins_words_hyphenated_at_a_line_break() {
        assert_eq!(join(&["beskri-", "velsen er"]), "beskrivelsen er");
        assert_eq!(join(&["fyrtårns- ", "projekter"]), "fyrtårnsprojekter");
    }

    #[test]
    fn keeps_real_hyphens() {
        assert_eq!(join(&["en top-down-", "proces"]), "en top-down-proces");
        assert_eq!(
            join(&["på børn- ", "og ungeområdet"]),
            "på børn- og ungeområdet"
        );
        assert_eq!(
            join(&["som kommunal-/regions-", "direktør"]),
            "som kommunal-/regionsdirektør"
        );
        assert_eq!(
            join(&["ledelseserfaring og", "-faglighed"]),
            "ledelseserfaring og -faglighed"
        );
    }

    #[test]
    fn lines_are_joined_by_one_space() {
        assert_eq!(
            join(&["Jeg bruger 70 pct.  ", " af min tid"]),
            "Jeg bruger 70 pct. af min tid"
        );
    }

    #[test]
    fn repairs_split_ligatures_the_corpus_knows() {
        let lx = lexicon();
        assert_eq!(
            join_split_ligatures("tænker i f lere vinkler", &lx),
            "tænker i flere vinkler"
        );
        assert_eq!(
            join_split_ligatures("sagde og g jorde", &lx),
            "sagde og gjorde"
        );
        assert_eq!(
            join_split_ligatures("op over overf laden", &lx),
            "op over overfladen"
        );
        assert_eq!(
            join_split_ligatures("kunne have afg jort", &lx),
            "kunne have afgjort"
        );
        let lx = Lexicon::from_texts(["Jeg har lyttet."]);
        assert_eq!(
            join_split_ligatures("har f lyttet mig", &lx),
            "har flyttet mig"
        );
    }

    #[test]
    fn leaves_two_real_words_alone() {
        let lx = lexicon();
        assert_eq!(
            join_split_ligatures("af lejligheden og jeg", &lx),
            "af lejligheden og jeg"
        );
    }

    #[test]
    fn sentence_cases_letter_spaced_capitals() {
        let lx = lexicon();
        assert_eq!(
            sentence_case("AT SK ABE EN STÆRK", &lx),
            "At skabe en stærk"
        );
        assert_eq!(
            sentence_case("DEFINERENDE OPGAVER", &lx),
            "Definerende opgaver"
        );
        let lx = Lexicon::from_texts(["at skabe en mening", "AT SK ABE"]);
        assert_eq!(sentence_case("AT SK ABE", &lx), "At skabe");
    }

    #[test]
    fn strips_markup() {
        assert_eq!(strip_markup("**Jeg er *altid* her.**"), "Jeg er altid her.");
    }
}
