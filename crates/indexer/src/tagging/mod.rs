//! Tagging: who said a quote (speaker, role) and at which leadership level
//! the booklet files them, turning the speech a booklet's speech stage found
//! into quote records.
//!
//! Attributions often point back: `fortæller hun`, `en anden`, `en af dem`.
//! The tagger reads the quotes of a booklet in order and resolves each to the
//! speaker it stands for ([`references`]); a quote nothing attributes gets
//! the role its section or its own words make clear ([`unattributed`]), and
//! otherwise `ukendt`, never a guess. The level follows from the role
//! through the vocabulary, or from the chapter, as the booklet's
//! `level_from` says.

pub(crate) mod references;
pub(crate) mod unattributed;

use crate::level::Level;
use crate::publication::{LevelSource, Publication};
use crate::quote::{Quote, Source};
use crate::speech::speaker::Speaker;
use crate::speech::Found;
use crate::vocabulary::Vocabulary;

use references::lowercase_first;

/// The role of a quote nobody can attribute.
const UNKNOWN_ROLE: &str = "ukendt";

/// A quote with the text around it that says what it is about: the headings
/// it stands under and the narration introducing and following it. Search
/// uses these as weak evidence; they are not part of the quote.
#[derive(Debug, Clone)]
pub(crate) struct Tagged {
    /// The quote itself; its id stays empty until the corpus assigns ids.
    pub(crate) quote: Quote,
    /// Indexed as the weak `context` field (see `Found::headings`).
    pub(crate) headings: String,
    /// Indexed as the weak `narration` field (see `Found::narration`).
    pub(crate) narration: String,
    /// The quote's topics that its text or headings show (the corpus sets
    /// them, with `Quote::topics`): a search for a topic counts these.
    pub(crate) evident_topics: Vec<String>,
}

/// Tags the speech found in one booklet, in reading order, into quotes
/// citing `file` as their source. Ids are left for the corpus to give.
pub(crate) fn tag(
    found: Vec<Found>,
    publication: &Publication,
    file: &str,
    vocabulary: &Vocabulary,
) -> Vec<Tagged> {
    let mut tagger = Tagger::new(vocabulary, publication);
    found
        .into_iter()
        .map(|f| {
            let tags = tagger.tag(&Evidence {
                speaker: f.speaker,
                label_role: f.label_role,
                section_role: f.context.section_role.clone(),
                narration: f.narration_before,
                speech: f.text.clone(),
                theme: f.context.theme.clone(),
            });
            let quote = Quote {
                id: String::new(),
                text: f.text,
                publication: publication.reference(),
                speaker: tags.speaker,
                role: tags.role,
                level: tags.level,
                theme: f.context.theme.unwrap_or_default(),
                subtheme: f.context.subtheme,
                topics: Vec::new(),
                source: Source {
                    file: file.to_string(),
                    line_start: f.line_start,
                    line_end: f.line_end,
                },
                pullquote_only: f.pullquote_only,
                pages: f.context.pages,
            };
            Tagged {
                quote,
                headings: f.headings,
                narration: f.narration,
                evident_topics: Vec::new(),
            }
        })
        .collect()
}

/// What the tagger knows about one quote before resolution.
#[derive(Debug, Clone, Default)]
pub(crate) struct Evidence {
    /// The attribution clause or introducing sentence, if any.
    pub(crate) speaker: Option<Speaker>,
    /// The role a label prints (`Chef` under a quote box).
    pub(crate) label_role: Option<String>,
    /// The role of the section the quote stands in (a leaders' page).
    pub(crate) section_role: Option<String>,
    /// The narration just before the quote, where antecedents stand.
    pub(crate) narration: String,
    /// The speech itself, which may say who speaks ("Som direktør …").
    pub(crate) speech: String,
    /// The quote's chapter heading, for booklets that file by chapter.
    pub(crate) theme: Option<String>,
}

/// The resolved tags of one quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tags {
    /// As `Quote::speaker`: empty when nothing names who speaks.
    pub(crate) speaker: String,
    /// A role title, or `UNKNOWN_ROLE`.
    pub(crate) role: String,
    /// From the role or the chapter, as the booklet's `level_from` says.
    pub(crate) level: Level,
}

/// Resolves the quotes of one booklet in reading order.
pub(crate) struct Tagger<'a> {
    vocabulary: &'a Vocabulary,
    publication: &'a Publication,
    /// The previous quote's speaker, and their role.
    last: Option<(String, Option<String>)>,
}

impl<'a> Tagger<'a> {
    /// A tagger per booklet: it remembers the last speaker, which must not
    /// carry over into the next booklet.
    pub(crate) fn new(vocabulary: &'a Vocabulary, publication: &'a Publication) -> Tagger<'a> {
        Tagger {
            vocabulary,
            publication,
            last: None,
        }
    }

    /// Tags the next quote, remembering its speaker for the ones after it.
    pub(crate) fn tag(&mut self, evidence: &Evidence) -> Tags {
        let (speaker, mut role) = match &evidence.speaker {
            Some(Speaker::Named(np)) => (lowercase_first(np), self.vocabulary.title_in(np)),
            Some(Speaker::Pronoun) => {
                references::antecedent(self.vocabulary, &evidence.narration, self.last.as_ref())
            }
            Some(Speaker::Another) => {
                let role = self.last.as_ref().and_then(|(_, r)| r.clone());
                match &role {
                    Some(r) => (format!("en anden {r}"), role),
                    None => ("en anden".to_string(), None),
                }
            }
            Some(Speaker::OneOfThem) => {
                references::one_of_group(self.vocabulary, &evidence.narration, self.last.as_ref())
            }
            None => (String::new(), None),
        };
        if role.is_none() {
            role = evidence.label_role.clone();
        }
        let speaker = if speaker.is_empty() {
            evidence
                .label_role
                .as_ref()
                .map(|r| lowercase_first(r))
                .unwrap_or_default()
        } else {
            speaker
        };
        // "en anden" and "hun" point back to the previous quote's speaker,
        // even when that quote had none.
        self.last = (!speaker.is_empty()).then(|| (speaker.clone(), role.clone()));
        let role = role
            .or_else(|| evidence.section_role.clone())
            .or_else(|| unattributed::self_described(self.vocabulary, &evidence.speech))
            .or_else(|| unattributed::role_from_narration(self.vocabulary, &evidence.narration));
        let level = match (self.publication.level_from, &evidence.theme) {
            (LevelSource::Theme, Some(theme)) => Level::named_in(theme).unwrap_or(Level::Ukendt),
            _ => role
                .as_deref()
                .map(|r| self.vocabulary.level_of(r, self.publication))
                .unwrap_or(Level::Ukendt),
        };
        Tags {
            speaker,
            role: role.unwrap_or_else(|| UNKNOWN_ROLE.to_string()),
            level,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::parse(include_str!("../../../../corpus/roles.toml")).unwrap()
    }

    fn publication(level_from: LevelSource) -> Publication {
        let mut p: Publication = toml::from_str(
            r#"
            id = "x"
            file = "x.txt"
            title = "X"
            publisher = "Væksthus for Ledelse"
            level_from = "role"
            level_overrides = { chef = "strategisk chef" }
            "#,
        )
        .unwrap();
        p.level_from = level_from;
        p
    }

    fn named(s: &str) -> Option<Speaker> {
        Some(Speaker::Named(s.into()))
    }

    #[test]
    fn a_pronoun_stands_for_the_person_just_introduced() {
        let (v, p) = (vocabulary(), publication(LevelSource::Role));
        let mut t = Tagger::new(&v, &p);
        t.tag(&Evidence {
            speaker: named("en teamleder"),
            ..Default::default()
        });
        let tags = t.tag(&Evidence {
            speaker: Some(Speaker::Pronoun),
            narration: "En leder fortæller, hvordan hun har arbejdet med det.".into(),
            ..Default::default()
        });
        assert_eq!(tags.speaker, "en leder");
        let tags = t.tag(&Evidence {
            speaker: Some(Speaker::Pronoun),
            ..Default::default()
        });
        assert_eq!(tags.speaker, "en leder");
        assert_eq!(tags.role, "leder");
    }

    #[test]
    fn another_and_one_of_them_take_the_kind_of_the_last() {
        let (v, p) = (vocabulary(), publication(LevelSource::Role));
        let mut t = Tagger::new(&v, &p);
        t.tag(&Evidence {
            speaker: named("En strategisk chef"),
            ..Default::default()
        });
        let tags = t.tag(&Evidence {
            speaker: Some(Speaker::Another),
            ..Default::default()
        });
        assert_eq!(tags.speaker, "en anden strategisk chef");
        let tags = t.tag(&Evidence {
            speaker: Some(Speaker::OneOfThem),
            narration: "Og det har flere direktører da også oplevet.".into(),
            ..Default::default()
        });
        assert_eq!(tags.speaker, "en af direktørerne");
        assert_eq!(tags.level, Level::Direktor);
    }

    #[test]
    fn unattributed_quotes_are_unknown_unless_the_context_says() {
        let (v, p) = (vocabulary(), publication(LevelSource::Role));
        let mut t = Tagger::new(&v, &p);
        let tags = t.tag(&Evidence {
            speech: "Vi gør det.".into(),
            ..Default::default()
        });
        assert_eq!((tags.role.as_str(), tags.level), ("ukendt", Level::Ukendt));
        let tags = t.tag(&Evidence {
            speech: "Som direktør kan det være svært.".into(),
            ..Default::default()
        });
        assert_eq!(tags.role, "direktør");
        assert_eq!(tags.speaker, "");
        let tags = t.tag(&Evidence {
            section_role: Some("leder".into()),
            ..Default::default()
        });
        assert_eq!(tags.role, "leder");
    }

    #[test]
    fn levels_follow_the_booklet_rules() {
        let v = vocabulary();
        let p = publication(LevelSource::Role);
        let mut t = Tagger::new(&v, &p);
        let tags = t.tag(&Evidence {
            speaker: named("en chef"),
            ..Default::default()
        });
        assert_eq!(tags.level, Level::StrategiskChef, "the override applies");
        let p = publication(LevelSource::Theme);
        let mut t = Tagger::new(&v, &p);
        let tags = t.tag(&Evidence {
            speaker: named("en skoleleder"),
            theme: Some("At blive chef".into()),
            ..Default::default()
        });
        assert_eq!(
            (tags.role.as_str(), tags.level),
            ("skoleleder", Level::Chef)
        );
    }
}
