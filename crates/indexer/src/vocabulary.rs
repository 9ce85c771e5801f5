//! The Danish words attributions are read with: role titles and their forms,
//! speech verbs, pronouns. Loaded from `corpus/roles.toml` so that a new title
//! ("centerchef") is a data change, not a code change.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use crate::level::Level;
use crate::publication::Publication;

/// A role title with the forms that name it and its default level.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The role as a quote reports it (lowercase, singular); the value the
    /// `role` filter matches.
    pub title: String,
    /// The default level; a booklet may override it (`level_overrides`).
    pub level: Level,
    /// Forms naming one person, indefinite and definite (adjective agreement
    /// included).
    pub singular: Vec<String>,
    /// Forms naming a group, as narration introduces several speakers
    /// ("flere ledere").
    pub plural: Vec<String>,
    /// The definite plural, for "en af dem" -> "en af direktørerne".
    pub one_of: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttributionWords {
    verbs: Vec<String>,
    document_words: Vec<String>,
    pronouns: Vec<String>,
    speaker_stops: Vec<String>,
    speaker_modifiers: Vec<String>,
    first_person: Vec<String>,
    conjunctions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    role: Vec<Role>,
    attribution: AttributionWords,
}

/// A word of a text with its byte span, lowercased for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the word's first character in the text.
    pub start: usize,
    /// Byte offset just past its end.
    pub end: usize,
    /// The word lowercased, as every vocabulary lookup expects.
    pub lower: String,
}

/// Splits text into words (letters and digits, with inner dots as in "f.eks."
/// kept apart), remembering where each stands so phrases can be cut out as
/// printed.
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

/// A role named in a text: which role, the words `[first, last]` naming it,
/// and whether the form is plural (a group rather than one person).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleMention {
    /// Index of the role; `Vocabulary::role` gives it.
    pub role: usize,
    /// Index into the words of the first word of the form.
    pub first: usize,
    /// Index of its last word, inclusive.
    pub last: usize,
    /// The form is plural: a group rather than one person.
    pub plural: bool,
    /// The form is the bare title ("politiker"), not a definite or plural one.
    pub bare: bool,
}

/// Role titles, speech verbs and pronouns, ready for matching.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    roles: Vec<Role>,
    /// (form as words, role index, plural), longest forms first.
    forms: Vec<(Vec<String>, usize, bool)>,
    verbs: HashSet<String>,
    documents: Vec<Vec<String>>,
    pronouns: HashSet<String>,
    stops: Vec<Vec<String>>,
    modifiers: HashSet<String>,
    first_person: HashSet<String>,
    conjunctions: HashSet<String>,
}

impl Vocabulary {
    /// Reads the vocabulary from the text of `roles.toml`.
    pub fn parse(text: &str) -> Result<Vocabulary, String> {
        let file: VocabularyFile =
            toml::from_str(text).map_err(|e| crate::corpus::toml_reason(text, &e))?;
        let mut forms = Vec::new();
        for (i, role) in file.role.iter().enumerate() {
            for form in &role.singular {
                forms.push((split_lower(form), i, false));
            }
            for form in &role.plural {
                forms.push((split_lower(form), i, true));
            }
        }
        forms.sort_by_key(|(words, _, _)| std::cmp::Reverse(words.len()));
        let set = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect();
        Ok(Vocabulary {
            roles: file.role,
            forms,
            verbs: set(file.attribution.verbs),
            documents: file
                .attribution
                .document_words
                .iter()
                .map(|s| split_lower(s))
                .collect(),
            pronouns: set(file.attribution.pronouns),
            stops: file
                .attribution
                .speaker_stops
                .iter()
                .map(|s| split_lower(s))
                .collect(),
            modifiers: set(file.attribution.speaker_modifiers),
            first_person: set(file.attribution.first_person),
            conjunctions: set(file.attribution.conjunctions),
        })
    }

    /// The role a `RoleMention` points to; panics on an index from another
    /// vocabulary.
    pub fn role(&self, index: usize) -> &Role {
        &self.roles[index]
    }

    /// The role with this title; `None` for a title `roles.toml` does not
    /// list.
    pub fn role_by_title(&self, title: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.title == title)
    }

    /// Every role named in `words`, left to right, longest form first where
    /// forms overlap ("strategiske chefer" rather than "chefer").
    pub fn mentions(&self, words: &[Word]) -> Vec<RoleMention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let hit = self.forms.iter().find(|(form, _, _)| {
                form.len() <= words.len() - i
                    && form.iter().zip(&words[i..]).all(|(f, w)| *f == w.lower)
            });
            match hit {
                Some((form, role, plural)) => {
                    out.push(RoleMention {
                        role: *role,
                        first: i,
                        last: i + form.len() - 1,
                        plural: *plural,
                        bare: form.join(" ") == self.roles[*role].title,
                    });
                    i += form.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// Whether a lowercase word is a speech verb (`siger`, `fortæller`): the
    /// sign of an attribution clause.
    pub fn is_verb(&self, word: &str) -> bool {
        self.verbs.contains(word)
    }

    /// Whether a sentence introduces a document rather than a speaker.
    pub fn names_document(&self, words: &[Word]) -> bool {
        (0..words.len()).any(|i| {
            self.documents.iter().any(|d| {
                d.len() <= words.len() - i && d.iter().zip(&words[i..]).all(|(a, w)| *a == w.lower)
            })
        })
    }

    /// Whether a lowercase word is a pronoun (`hun`) that points back to a
    /// speaker named before.
    pub fn is_pronoun(&self, word: &str) -> bool {
        self.pronouns.contains(word)
    }

    /// Prepositions that may extend a speaker's title with a place.
    pub fn is_modifier(&self, word: &str) -> bool {
        self.modifiers.contains(word)
    }

    /// Whether a lowercase word is first or second person (`jeg`, `vi`,
    /// `du`): speech says them, narration rarely does.
    pub fn is_first_person(&self, word: &str) -> bool {
        self.first_person.contains(word)
    }

    /// Whether a lowercase word can join the halves of a suspended compound
    /// (`børn- og unge`), where a line-end hyphen is a real one.
    pub fn is_conjunction(&self, word: &str) -> bool {
        self.conjunctions.contains(word)
    }

    /// If a speaker stop phrase starts at `words[i]`, how many words it spans.
    pub fn stop_at(&self, words: &[Word], i: usize) -> Option<usize> {
        self.stops
            .iter()
            .filter(|stop| {
                stop.len() <= words.len() - i
                    && stop.iter().zip(&words[i..]).all(|(s, w)| *s == w.lower)
            })
            .map(|stop| stop.len())
            .max()
    }

    /// The level a role stands for in this publication.
    pub fn level_of(&self, title: &str, publication: &Publication) -> Level {
        if let Some(level) = publication.level_overrides.get(title) {
            return *level;
        }
        self.role_by_title(title)
            .map(|r| r.level)
            .unwrap_or(Level::Ukendt)
    }

    /// Titles of every role, for listing valid filter values.
    pub fn titles(&self) -> BTreeMap<String, Level> {
        self.roles
            .iter()
            .map(|r| (r.title.clone(), r.level))
            .collect()
    }
}

fn split_lower(s: &str) -> Vec<String> {
    words(s).into_iter().map(|w| w.lower).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::parse(include_str!("../../../corpus/roles.toml")).unwrap()
    }

    #[test]
    fn prefers_the_longest_form() {
        let v = vocabulary();
        let w = words("en af de strategiske chefer");
        let m = v.mentions(&w);
        assert_eq!(m.len(), 1);
        assert_eq!(v.role(m[0].role).title, "strategisk chef");
    }

    #[test]
    fn a_genitive_is_not_a_mention() {
        let v = vocabulary();
        let w = words("samme politikers direktør");
        let m = v.mentions(&w);
        assert_eq!(m.len(), 1);
        assert_eq!(v.role(m[0].role).title, "direktør");
    }

    #[test]
    fn words_keep_their_spans() {
        let w = words("“Hej, Søren!”");
        assert_eq!(w.len(), 2);
        assert_eq!(&"“Hej, Søren!”"[w[1].start..w[1].end], "Søren");
    }
}
