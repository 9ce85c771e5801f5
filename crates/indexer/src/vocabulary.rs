//! The vocabulary: what `corpus/roles.toml` says about Danish, as
//! `publication` is what `publications.toml` says about a booklet. Role
//! titles and their forms, speech verbs, pronouns and the function words
//! attributions are read with, so that a new title ("centerchef") or word is
//! a data change, not a code change. The layout, speech and tagging stages
//! all read it.

use std::collections::HashSet;

use serde::Deserialize;

use crate::analysis::{words, Word};
use crate::level::Level;
use crate::publication::Publication;
use crate::toml_error;

/// A role title with the forms that name it and its default level.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Role {
    /// The role as a quote reports it (lowercase, singular); the value the
    /// `role` filter matches.
    pub(crate) title: String,
    /// The default level; a booklet may override it (`level_overrides`).
    pub(crate) level: Level,
    /// Forms naming one person, indefinite and definite (adjective agreement
    /// included).
    pub(crate) singular: Vec<String>,
    /// Forms naming a group, as narration introduces several speakers
    /// ("flere ledere").
    pub(crate) plural: Vec<String>,
    /// The definite plural, for "en af dem" -> "en af direktørerne".
    pub(crate) one_of: String,
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
    determiners: Vec<String>,
    intro_openers: Vec<String>,
    clause_prepositions: Vec<String>,
    one: Vec<String>,
    indefinite_articles: Vec<String>,
    speaker_joiners: Vec<String>,
    group_quantifiers: Vec<String>,
    several: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    role: Vec<Role>,
    attribution: AttributionWords,
}

/// A role named in a text: which role, the words `[first, last]` naming it,
/// and whether the form is plural (a group rather than one person).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RoleMention {
    /// Index of the role; `Vocabulary::role` gives it.
    pub(crate) role: usize,
    /// Index into the words of the first word of the form.
    pub(crate) first: usize,
    /// Index of its last word, inclusive.
    pub(crate) last: usize,
    /// The form is plural: a group rather than one person.
    pub(crate) plural: bool,
    /// The form is the bare title ("politiker"), not a definite or plural one.
    pub(crate) bare: bool,
}

/// Role titles, speech verbs and pronouns, ready for matching.
#[derive(Debug, Clone)]
pub(crate) struct Vocabulary {
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
    determiners: HashSet<String>,
    intro_openers: HashSet<String>,
    clause_prepositions: HashSet<String>,
    one: HashSet<String>,
    indefinite_articles: HashSet<String>,
    speaker_joiners: HashSet<String>,
    group_quantifiers: HashSet<String>,
    several: HashSet<String>,
}

impl Vocabulary {
    /// Reads the vocabulary from the text of `roles.toml`.
    pub(crate) fn parse(text: &str) -> Result<Vocabulary, String> {
        let file: VocabularyFile =
            toml::from_str(text).map_err(|e| toml_error::one_line(text, &e))?;
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
            determiners: set(file.attribution.determiners),
            intro_openers: set(file.attribution.intro_openers),
            clause_prepositions: set(file.attribution.clause_prepositions),
            one: set(file.attribution.one),
            indefinite_articles: set(file.attribution.indefinite_articles),
            speaker_joiners: set(file.attribution.speaker_joiners),
            group_quantifiers: set(file.attribution.group_quantifiers),
            several: set(file.attribution.several),
        })
    }

    /// The role a `RoleMention` points to; panics on an index from another
    /// vocabulary.
    pub(crate) fn role(&self, index: usize) -> &Role {
        &self.roles[index]
    }

    /// The role with this title; `None` for a title `roles.toml` does not
    /// list.
    pub(crate) fn role_by_title(&self, title: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.title == title)
    }

    /// The title of the first role a phrase names ("en strategisk chef på et
    /// sygehus" → "strategisk chef").
    pub(crate) fn title_in(&self, phrase: &str) -> Option<String> {
        self.mentions(&words(phrase))
            .first()
            .map(|m| self.roles[m.role].title.clone())
    }

    /// Every role named in `words`, left to right, longest form first where
    /// forms overlap ("strategiske chefer" rather than "chefer").
    pub(crate) fn mentions(&self, words: &[Word]) -> Vec<RoleMention> {
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
    pub(crate) fn is_verb(&self, word: &str) -> bool {
        self.verbs.contains(word)
    }

    /// Whether a sentence introduces a document rather than a speaker.
    pub(crate) fn names_document(&self, words: &[Word]) -> bool {
        (0..words.len()).any(|i| {
            self.documents.iter().any(|d| {
                d.len() <= words.len() - i && d.iter().zip(&words[i..]).all(|(a, w)| *a == w.lower)
            })
        })
    }

    /// Whether a lowercase word is a pronoun (`hun`) that points back to a
    /// speaker named before.
    pub(crate) fn is_pronoun(&self, word: &str) -> bool {
        self.pronouns.contains(word)
    }

    /// Prepositions that may extend a speaker's title with a place.
    pub(crate) fn is_modifier(&self, word: &str) -> bool {
        self.modifiers.contains(word)
    }

    /// Whether a lowercase word is first or second person (`jeg`, `vi`,
    /// `du`): speech says them, narration rarely does.
    pub(crate) fn is_first_person(&self, word: &str) -> bool {
        self.first_person.contains(word)
    }

    /// Whether a lowercase word can join the halves of a suspended compound
    /// (`børn- og unge`), where a line-end hyphen is a real one.
    pub(crate) fn is_conjunction(&self, word: &str) -> bool {
        self.conjunctions.contains(word)
    }

    /// Whether a lowercase word may open a speaker's noun phrase (`en`,
    /// `samme`, `hendes`).
    pub(crate) fn is_determiner(&self, word: &str) -> bool {
        self.determiners.contains(word)
    }

    /// Whether a lowercase word may open an introducing sentence before its
    /// subject (`som`, `ifølge`).
    pub(crate) fn is_intro_opener(&self, word: &str) -> bool {
        self.intro_openers.contains(word)
    }

    /// Whether a lowercase preposition between a determiner and a title
    /// makes the words a clause rather than a speaker.
    pub(crate) fn is_clause_preposition(&self, word: &str) -> bool {
        self.clause_prepositions.contains(word)
    }

    /// Whether a lowercase word is "one" (`en`, `én`), as in "en anden".
    pub(crate) fn is_one(&self, word: &str) -> bool {
        self.one.contains(word)
    }

    /// Whether a lowercase word is an indefinite article (`en`, `et`).
    pub(crate) fn is_indefinite_article(&self, word: &str) -> bool {
        self.indefinite_articles.contains(word)
    }

    /// Whether a lowercase word joins two kinds of speaker into one subject
    /// (`og`, `eller`).
    pub(crate) fn is_speaker_joiner(&self, word: &str) -> bool {
        self.speaker_joiners.contains(word)
    }

    /// Whether a lowercase word quantifies a group (`flere`, `mange`).
    pub(crate) fn is_group_quantifier(&self, word: &str) -> bool {
        self.group_quantifiers.contains(word)
    }

    /// Whether a lowercase word opening a speaker phrase names several
    /// speakers (`to`, `flere`).
    pub(crate) fn is_several(&self, word: &str) -> bool {
        self.several.contains(word)
    }

    /// If a speaker stop phrase starts at `words[i]`, how many words it spans.
    pub(crate) fn stop_at(&self, words: &[Word], i: usize) -> Option<usize> {
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
    pub(crate) fn level_of(&self, title: &str, publication: &Publication) -> Level {
        if let Some(level) = publication.level_overrides.get(title) {
            return *level;
        }
        self.role_by_title(title)
            .map(|r| r.level)
            .unwrap_or(Level::Ukendt)
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
}
