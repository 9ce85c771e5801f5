//! Tagging: who said a quote (speaker, role) and at which leadership level
//! the booklet files them.
//!
//! Attributions often point back: `fortæller hun`, `en anden`, `en af dem`.
//! The tagger reads the quotes of a booklet in order and resolves each to the
//! speaker it stands for; a quote nothing attributes gets the role its
//! section or its own words make clear, and otherwise `ukendt`, never a guess.

use crate::attribution::Speaker;
use crate::level::Level;
use crate::publication::Publication;
use crate::vocabulary::{words, Vocabulary};

/// The role of a quote nobody can attribute.
pub const UNKNOWN_ROLE: &str = "ukendt";

/// What the tagger knows about one quote before resolution.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// The attribution clause or introducing sentence, if any.
    pub speaker: Option<Speaker>,
    /// The role a label prints (`Chef` under a quote box).
    pub label_role: Option<String>,
    /// The role of the section the quote stands in (a leaders' page).
    pub section_role: Option<String>,
    /// The narration just before the quote, where antecedents stand.
    pub narration: String,
    /// The speech itself, which may say who speaks ("Som direktør …").
    pub speech: String,
    /// The quote's chapter heading, for booklets that file by chapter.
    pub theme: Option<String>,
}

/// The resolved tags of one quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tags {
    /// As `Quote::speaker`: empty when nothing names who speaks.
    pub speaker: String,
    /// A role title, or `UNKNOWN_ROLE`.
    pub role: String,
    /// From the role or the chapter, as the booklet's `level_from` says.
    pub level: Level,
}

/// Resolves the quotes of one booklet in reading order.
pub struct Tagger<'a> {
    vocabulary: &'a Vocabulary,
    publication: &'a Publication,
    /// The previous quote's speaker, and their role.
    last: Option<(String, Option<String>)>,
}

impl<'a> Tagger<'a> {
    /// A tagger per booklet: it remembers the last speaker, which must not
    /// carry over into the next booklet.
    pub fn new(vocabulary: &'a Vocabulary, publication: &'a Publication) -> Tagger<'a> {
        Tagger {
            vocabulary,
            publication,
            last: None,
        }
    }

    /// Tags the next quote, remembering its speaker for the ones after it.
    pub fn tag(&mut self, evidence: &Evidence) -> Tags {
        let (speaker, mut role) = match &evidence.speaker {
            Some(Speaker::Named(np)) => (lowercase_first(np), self.role_named_in(np)),
            Some(Speaker::Pronoun) => self.antecedent(&evidence.narration),
            Some(Speaker::Another) => {
                let role = self.last.as_ref().and_then(|(_, r)| r.clone());
                match &role {
                    Some(r) => (format!("en anden {r}"), role),
                    None => ("en anden".to_string(), None),
                }
            }
            Some(Speaker::OneOfThem) => self.one_of_group(&evidence.narration),
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
            .or_else(|| self.self_described(&evidence.speech))
            .or_else(|| self.role_from_narration(&evidence.narration));
        let level = match (self.publication.level_from, &evidence.theme) {
            (crate::publication::LevelSource::Theme, Some(theme)) => {
                Level::named_in(theme).unwrap_or(Level::Ukendt)
            }
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

    /// The title a noun phrase names ("en strategisk chef på et sygehus" →
    /// "strategisk chef").
    fn role_named_in(&self, phrase: &str) -> Option<String> {
        let ws = words(phrase);
        self.vocabulary
            .mentions(&ws)
            .first()
            .map(|m| self.vocabulary.role(m.role).title.clone())
    }

    /// A pronoun stands for the person the narration just introduced ("En
    /// leder fortæller, hvordan hun …"), else for the last speaker.
    fn antecedent(&self, narration: &str) -> (String, Option<String>) {
        let ws = words(narration);
        let article_at = |k: usize| matches!(ws[k].lower.as_str(), "en" | "én");
        let introduced = self
            .vocabulary
            .mentions(&ws)
            .into_iter()
            .rev()
            .find_map(|m| {
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
                Some(self.vocabulary.role(m.role).title.clone()),
            );
        }
        self.last.clone().unwrap_or_default()
    }

    /// "en af dem", "En siger:": one of the group the narration names
    /// ("flere direktører" → "en af direktørerne").
    fn one_of_group(&self, narration: &str) -> (String, Option<String>) {
        let ws = words(narration);
        // The group a quantifier names ("mange chefer"), else the last one.
        let mentions = self.vocabulary.mentions(&ws);
        let before = |m: &crate::vocabulary::RoleMention| {
            m.first.checked_sub(1).map(|k| ws[k].lower.as_str())
        };
        let quantified = mentions.iter().rev().find(|m| {
            matches!(
                before(m),
                Some("mange" | "flere" | "nogle" | "alle" | "fleste" | "begge" | "to" | "tre")
            )
        });
        let group = quantified
            .or_else(|| {
                mentions
                    .iter()
                    .rev()
                    .find(|m| !matches!(before(m), Some("en" | "én")))
            })
            .copied();
        let role = group.map(|m| self.vocabulary.role(m.role)).or_else(|| {
            let title = self.last.as_ref()?.1.as_ref()?;
            self.vocabulary.role_by_title(title)
        });
        match role {
            Some(r) => (format!("en af {}", r.one_of), Some(r.title.clone())),
            None => ("en af dem".to_string(), None),
        }
    }

    /// A speaker who says what they are: "Som direktør kan det være …", "Da
    /// jeg startede som politisk leder …".
    fn self_described(&self, speech: &str) -> Option<String> {
        let ws = words(speech);
        for (i, w) in ws.iter().enumerate() {
            let opening = i == 0 && w.lower == "som";
            let after_jeg = w.lower == "som"
                && i >= 2
                && ws[i.saturating_sub(3)..i].iter().any(|p| p.lower == "jeg");
            if !(opening || after_jeg) {
                continue;
            }
            let m = *self
                .vocabulary
                .mentions(&ws[i + 1..(i + 4).min(ws.len())])
                .first()?;
            if m.first == 0 {
                return Some(self.vocabulary.role(m.role).title.clone());
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
    fn role_from_narration(&self, narration: &str) -> Option<String> {
        let named = crate::attribution::paraphrased(narration, self.vocabulary);
        if let Some(Speaker::Named(np)) = named {
            return self.role_named_in(&np);
        }
        if let Some(role) = crate::attribution::as_role(narration, self.vocabulary) {
            return Some(role);
        }
        let first = narration.split(". ").next().unwrap_or(narration);
        let sentence = crate::attribution::last_sentence(narration);
        for s in [first, sentence] {
            if let Some(np) = crate::attribution::subject(s, self.vocabulary) {
                return self.role_named_in(&np);
            }
        }
        // A person the last sentence introduces with a relative clause ("Et
        // positivt eksempel er en direktør, der …", "Det gælder fx den leder,
        // der …") is the one who goes on to speak.
        let ws = words(sentence);
        let introduced = self.vocabulary.mentions(&ws).into_iter().find(|m| {
            !m.plural
                && ws.get(m.last + 1).is_some_and(|next| {
                    next.lower == "der" && sentence[ws[m.last].end..next.start].contains(',')
                })
        });
        if let Some(m) = introduced {
            return Some(self.vocabulary.role(m.role).title.clone());
        }
        // The kinds of speaker the last sentence names, genitives included
        // ("direktørens"): one kind, or one single person among groups
        // ("den øverste direktør har samtaler med alle ledere og chefer").
        let mut named: Vec<(String, bool)> = Vec::new();
        for w in &ws {
            if let Some(stem) = w.lower.strip_suffix('s') {
                if let Some(m) = self.vocabulary.mentions(&words(stem)).first() {
                    named.push((self.vocabulary.role(m.role).title.clone(), m.plural));
                }
            }
        }
        for m in self.vocabulary.mentions(&ws) {
            named.push((self.vocabulary.role(m.role).title.clone(), m.plural));
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
}

/// "En kommunal leder" is "en kommunal leder" inside a sentence.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publication::LevelSource;

    fn vocabulary() -> Vocabulary {
        Vocabulary::parse(include_str!("../../../corpus/roles.toml")).unwrap()
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
