//! Danish analysis: how quote text and queries become index terms.
//!
//! Three choices, each answering a measured trap (see the project notes):
//!
//! * **Stemming without over-stemming.** Snowball Danish conflates whole word
//!   families by cutting derivational suffixes: `leder`, `ledelse` and `ledig`
//!   all become `led`, `faglig` and `fag` both `fag`. [`stem`] keeps Snowball
//!   for inflection but gives back a derivation it cut (`-els`, `-ig`, `-lig`,
//!   `-hed`, …), so `ledelsen` → `ledels`, `ledere` → `led`, `ledige` →
//!   `ledig`.
//! * **No stop words.** The Danish stop list holds `ikke`, `mange`, `alle`;
//!   dropping them breaks phrases and negation. BM25's IDF already weighs
//!   common words down.
//! * **No ASCII folding in the index.** Folding before stemming breaks the
//!   stemmer (`møderne` → `mod`). Users who type `direktoer` are met on the
//!   query side, where the corpus vocabulary says which spelling exists.
//!
//! Compounds (`personaleledelse`, `ledelsesrummet`) are split at index time by
//! [`Decompounder`], whose dictionary is the corpus's own vocabulary, into a
//! separate field that scores below a match of the whole word.

use std::collections::{HashSet, VecDeque};
use std::hash::BuildHasher;
use std::sync::Arc;

use frostem::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer, TokenizerManager};

/// Lowercased, stemmed words: the main searchable form of quote text.
pub(crate) const STEMMED: &str = "citater_stemmed";
/// Lowercased words as written: exact-form matches and the vocabulary.
pub(crate) const EXACT: &str = "citater_exact";

/// Registers citater's analyzers under their names. Tantivy does not store
/// custom analyzers in the index, so every process that opens one calls this.
pub(crate) fn register(manager: &TokenizerManager) {
    manager.register(STEMMED, WordTokenizer::new(true));
    manager.register(EXACT, WordTokenizer::new(false));
}

/// Registers the analyzers for building an index: the same tokens, with
/// the stems remembered and a text analysed shortly before not analysed
/// again (a section's text is indexed with each of its quotes). What they
/// remember grows with the corpus's vocabulary, so they are for an index
/// being built, never for one that answers queries.
pub(crate) fn register_for_indexing(manager: &TokenizerManager) {
    manager.register(STEMMED, WordTokenizer::remembering(true));
    manager.register(EXACT, WordTokenizer::remembering(false));
}

/// Derivational suffixes Snowball cuts but which make a different word.
/// Longest first, so `elig` wins over `lig`.
const DERIVATIONS: &[&str] = &["elig", "lig", "els", "hed", "løs", "ig"];

thread_local! {
    static DANISH: Stemmer = Stemmer::new(Algorithm::Danish);
}

/// The Danish stem of a lowercase word, without Snowball's derivational
/// over-stemming.
pub fn stem(word: &str) -> String {
    let snowball = DANISH.with(|s| s.stem(word).into_owned());
    let Some(cut) = word.strip_prefix(snowball.as_str()) else {
        return snowball;
    };
    let mut kept = snowball.clone();
    let mut rest = cut;
    // Give back derivations, possibly chained ("lig" + "hed" in "faglighed").
    while let Some(d) = DERIVATIONS.iter().find(|d| rest.starts_with(**d)) {
        kept.push_str(d);
        rest = &rest[d.len()..];
    }
    kept
}

/// A word of a text with its byte span, lowercased for matching: what the
/// analyzers index, the vocabulary matches and the layout compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the word's first character in the text.
    pub start: usize,
    /// Byte offset just past its end.
    pub end: usize,
    /// The word lowercased, as every lookup expects.
    pub lower: String,
}

/// Splits text into lowercase words (runs of letters and digits, so the
/// dots of "f.eks." split it), remembering where each stands so phrases
/// can be cut out as printed.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Word {
                start: s,
                end: i,
                lower: text[s..i].to_lowercase(),
            });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: text.len(),
            lower: text[s..].to_lowercase(),
        });
    }
    out
}

/// The tokenizer behind both analyzers: words, lowercased, optionally
/// stemmed.
#[derive(Clone)]
struct WordTokenizer {
    stemmed: bool,
    /// For building an index: the stems seen and the last texts' tokens.
    memory: Option<Memory>,
}

/// What a tokenizer building an index remembers: the stems, and the
/// tokens of the texts it analysed last, oldest first. Each field has its
/// own tokenizer, so the section field's remembers sections: a booklet's
/// sections are contiguous, but one printed twice (or with a heading that
/// recurs) takes up a section again later.
#[derive(Clone, Default)]
struct Memory {
    stems: Stems,
    recent: VecDeque<(String, Arc<Vec<Token>>)>,
    /// The bytes of the texts in `recent`.
    recent_bytes: usize,
}

/// How many texts a tokenizer remembers, and how many of their bytes at
/// most.
const RECENT_TEXTS: usize = 256;
const RECENT_BYTES: usize = 16 << 20;

impl Memory {
    /// The tokens of `text`, remembered when analysed shortly before.
    fn tokens(&mut self, text: &str, stemmed: bool) -> Arc<Vec<Token>> {
        if let Some((_, tokens)) = self.recent.iter().find(|(t, _)| t == text) {
            return Arc::clone(tokens);
        }
        let stems = &mut self.stems;
        let tokens = Arc::new(if stemmed {
            tokens(text, |w| stems.of(w))
        } else {
            tokens(text, |w| w)
        });
        self.recent
            .push_back((text.to_string(), Arc::clone(&tokens)));
        self.recent_bytes += text.len();
        while self.recent.len() > RECENT_TEXTS || self.recent_bytes > RECENT_BYTES {
            let Some((old, _)) = self.recent.pop_front() else {
                break;
            };
            self.recent_bytes -= old.len();
        }
        tokens
    }
}

impl WordTokenizer {
    fn new(stemmed: bool) -> WordTokenizer {
        WordTokenizer {
            stemmed,
            memory: None,
        }
    }

    fn remembering(stemmed: bool) -> WordTokenizer {
        WordTokenizer {
            stemmed,
            memory: Some(Memory::default()),
        }
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        let stemmed = self.stemmed;
        let tokens = match &mut self.memory {
            None if stemmed => Arc::new(tokens(text, |w| stem(&w))),
            None => Arc::new(tokens(text, |w| w)),
            Some(memory) => memory.tokens(text, stemmed),
        };
        WordStream { tokens, next: 0 }
    }
}

/// The tokens the analyzers index for a text: its words in order, each
/// lowercased and then put in its indexed form by `form` (the stem, or the
/// word itself).
fn tokens(text: &str, mut form: impl FnMut(String) -> String) -> Vec<Token> {
    words(text)
        .into_iter()
        .enumerate()
        .map(|(position, w)| Token {
            offset_from: w.start,
            offset_to: w.end,
            position,
            text: form(w.lower),
            position_length: 1,
        })
        .collect()
}

/// Stems remembered: a corpus says the same words again and again, and the
/// stemmer is the costliest step of analysing it. For a build, which drops
/// it after: it holds every word it was asked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stems(FxHashMap<String, String>);

impl Stems {
    /// `stem(word)`, remembered.
    pub(crate) fn of(&mut self, word: String) -> String {
        if let Some(s) = self.0.get(&word) {
            return s.clone();
        }
        let s = stem(&word);
        self.0.insert(word, s.clone());
        s
    }
}

/// A text's tokens, shared with the tokenizer that remembers them; `next`
/// is one past the current token.
struct WordStream {
    tokens: Arc<Vec<Token>>,
    next: usize,
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        // Copied first when the tokenizer still shares them, so what it
        // remembers stays as analysed.
        &mut Arc::make_mut(&mut self.tokens)[self.next - 1]
    }
}

/// Splits Danish compounds into the words they are made of, using the
/// corpus's own vocabulary as the dictionary: `personaleledelse` →
/// `personale` + `ledelse`, `ledelsesrummet` → `ledelses` + `rummet`. Danish
/// joins parts directly or with a linking `s` or `e`.
///
/// The dictionary is a set of words at index time and the index's own term
/// dictionary at query time (so opening an index builds no set).
#[derive(Debug, Clone, Default)]
pub struct Decompounder<D = FxHashSet<String>> {
    words: D,
    /// The longest known word, in characters: a compound is at most two of
    /// them and a linking letter.
    longest: usize,
}

/// The words a [`Decompounder`] knows.
pub trait Dictionary {
    /// Whether the (lowercase) word is known.
    fn contains(&self, word: &str) -> bool;
}

impl<S: BuildHasher> Dictionary for HashSet<String, S> {
    fn contains(&self, word: &str) -> bool {
        HashSet::contains(self, word)
    }
}

/// The shortest head and modifier a compound may have: heads like `rum` and
/// `tid` are short, but a short modifier splits words at random
/// (`hel` + `heden`).
const MIN_HEAD: usize = 3;
const MIN_MODIFIER: usize = 4;

impl Decompounder {
    /// A decompounder that knows the given (lowercase) words.
    pub fn new<I: IntoIterator<Item = String>>(vocabulary: I) -> Decompounder {
        let words: FxHashSet<String> = vocabulary
            .into_iter()
            .filter(|w| w.chars().count() >= MIN_HEAD)
            .collect();
        let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        Decompounder { words, longest }
    }
}

/// The length in characters of the longest word a decompounder's
/// dictionary needs: words shorter than a compound's head are never looked
/// up.
pub fn longest_word<'a>(words: impl IntoIterator<Item = &'a str>) -> usize {
    words
        .into_iter()
        .map(|w| w.chars().count())
        .filter(|&n| n >= MIN_HEAD)
        .max()
        .unwrap_or(0)
}

impl<D: Dictionary> Decompounder<D> {
    /// A decompounder over a dictionary whose longest word has `longest`
    /// characters.
    pub fn with(words: D, longest: usize) -> Decompounder<D> {
        Decompounder { words, longest }
    }

    /// The parts of a lowercase compound, or nothing when it is no compound
    /// of known words. The head (last part) is tried longest first.
    pub fn parts(&self, word: &str) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        // Both the head and the modifier (less a linking letter) are known
        // words, so a longer word is no compound; trying every split of it
        // would take time quadratic in its length.
        if chars.len() < MIN_MODIFIER + MIN_HEAD || chars.len() > 2 * self.longest + 1 {
            return Vec::new();
        }
        for split in MIN_MODIFIER..=chars.len() - MIN_HEAD {
            let head: String = chars[split..].iter().collect();
            if !self.words.contains(&head) {
                continue;
            }
            let modifier: String = chars[..split].iter().collect();
            let modifier = if self.words.contains(&modifier) {
                Some(modifier)
            } else {
                // The linking s or e: "ledelses" + "rum", "spare" + "øvelser".
                modifier
                    .strip_suffix(['s', 'e'])
                    .filter(|m| m.chars().count() >= MIN_MODIFIER && self.words.contains(m))
                    .map(|_| modifier.clone())
            };
            if let Some(m) = modifier {
                let mut parts = match self.parts(&m) {
                    inner if inner.is_empty() => vec![m],
                    inner => inner,
                };
                parts.push(head);
                return parts;
            }
        }
        Vec::new()
    }

    /// The compound parts of every word of a text, space-separated: the
    /// text of the parts field.
    pub(crate) fn parts_text(&self, text: &str) -> String {
        words(text)
            .iter()
            .flat_map(|w| self.parts(&w.lower))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_meet() {
        assert_eq!(stem("ledere"), stem("lederen"));
        assert_eq!(stem("leder"), stem("lederne"));
        assert_eq!(stem("ledelse"), stem("ledelsen"));
        assert_eq!(stem("ledelse"), stem("ledelses"));
        assert_eq!(stem("direktør"), stem("direktørerne"));
        assert_eq!(stem("tillid"), stem("tilliden"));
        assert_eq!(stem("delegere"), stem("delegeret"));
    }

    #[test]
    fn derivations_stay_apart() {
        assert_ne!(stem("leder"), stem("ledelse"));
        assert_ne!(stem("leder"), stem("ledig"));
        assert_ne!(stem("ledelse"), stem("ledig"));
        assert_ne!(stem("fag"), stem("faglig"));
        assert_ne!(stem("hel"), stem("helhed"));
        assert_eq!(stem("faglighed"), stem("fagligheden"));
        assert_eq!(stem("vigtig"), stem("vigtigste"));
    }

    #[test]
    fn splits_compounds_by_the_corpus_vocabulary() {
        let d = Decompounder::new(
            [
                "personale",
                "ledelse",
                "ledelses",
                "rummet",
                "rum",
                "spare",
                "øvelser",
                "arbejds",
                "pres",
                "hel",
                "heden",
            ]
            .map(String::from),
        );
        assert_eq!(d.parts("ledelsesrum"), ["ledelses", "rum"]);
        assert_eq!(d.parts("helheden"), Vec::<String>::new());
        assert_eq!(d.parts("personaleledelse"), ["personale", "ledelse"]);
        assert_eq!(d.parts("ledelsesrummet"), ["ledelses", "rummet"]);
        assert_eq!(d.parts("spareøvelser"), ["spare", "øvelser"]);
        assert_eq!(d.parts("ledelse"), Vec::<String>::new());
        // Two known words and a linking letter at most.
        assert_eq!(
            d.parts("personalesledelse"),
            ["personales", "ledelse"].map(String::from)
        );
        assert_eq!(d.parts(&"ledelse".repeat(3)), Vec::<String>::new());
    }

    /// Found while fuzzing the search: a query word of 100,000 letters took
    /// 20 s, every split of it tried.
    #[test]
    fn a_word_longer_than_two_known_words_is_no_compound() {
        let d = Decompounder::new(["ledelse", "personale"].map(String::from));
        assert!(d.parts(&"x".repeat(100_000)).is_empty());
        assert!(d.parts(&"personale".repeat(10_000)).is_empty());
    }

    #[test]
    fn words_keep_their_spans() {
        let w = words("“Hej, Søren!”");
        assert_eq!(w.len(), 2);
        assert_eq!(&"“Hej, Søren!”"[w[1].start..w[1].end], "Søren");
    }

    fn all_tokens(t: &mut WordTokenizer, text: &str) -> Vec<Token> {
        let mut stream = t.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().clone());
        }
        out
    }

    #[test]
    fn the_remembering_tokenizers_give_the_same_tokens() {
        let texts = [
            "Ledere og ledelsen: faglighed.",
            "Ledere og ledelsen: faglighed.",
            "",
            "Ikke alle ledere – f.eks. direktører – siger nej",
            "Ledere og ledelsen: faglighed.",
        ];
        for stemmed in [true, false] {
            let mut plain = WordTokenizer::new(stemmed);
            let mut remembering = WordTokenizer::remembering(stemmed);
            for text in texts {
                assert_eq!(
                    all_tokens(&mut remembering, text),
                    all_tokens(&mut plain, text)
                );
            }
        }
        let mut t = WordTokenizer::remembering(true);
        let mut stream = t.token_stream("Ledere ledere");
        stream.advance();
        stream.token_mut().text = "x".into();
        drop(stream);
        assert_eq!(all_tokens(&mut t, "Ledere ledere")[0].text, stem("ledere"));
        let stems = t.memory.as_ref().map(|m| m.stems.0.len());
        assert_eq!(stems, Some(1), "each word stemmed once");
        for k in 0..RECENT_TEXTS + 10 {
            all_tokens(&mut t, &format!("tekst {k}"));
        }
        let recent = t.memory.as_ref().map(|m| m.recent.len());
        assert_eq!(recent, Some(RECENT_TEXTS), "only the last texts");
    }

    #[test]
    fn the_tokenizer_keeps_offsets_and_stop_words() {
        let mut t = WordTokenizer::new(true);
        let mut stream = t.token_stream("Ikke alle ledere");
        let mut seen = Vec::new();
        while stream.advance() {
            let tok = stream.token();
            seen.push((tok.text.clone(), tok.offset_from, tok.position));
        }
        assert_eq!(seen[0], ("ikk".to_string(), 0, 0));
        assert_eq!(seen[2].2, 2);
        assert_eq!(seen.len(), 3, "stop words stay");
    }
}
