//! Filters and facets: the five ways to narrow a search (level, role, theme,
//! topic, publication), with the values a user may type for each. A quote
//! has one value on each facet but topics, where it may have several.
//!
//! Values are matched the way people type them: without regard to case, with
//! `ø`/`oe`/`o`, `å`/`aa`/`a`, `æ`/`ae` alike (`folding::key`, the folding
//! the query's unfolding reads), and `strategisk-chef` as `strategisk chef`. Repeating a filter ORs its values; different filters
//! AND. An unknown value is an error that lists the valid ones.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use citater_indexer::folding;
use citater_indexer::level::UnknownLevel;
use citater_indexer::{Column, Level, Tags};

use crate::error::{echo, Error};

/// A facet: one of the dimensions quotes are tagged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// The leadership level; its values list in rank order, not by count.
    Level,
    /// The speaker's role title.
    Role,
    /// The chapter the quote stands in.
    Theme,
    /// The topics across booklets the quote belongs to, by topic id.
    Topic,
    /// The booklet, by publication id.
    Publication,
}

impl Facet {
    /// Every facet, in the order responses list their counts.
    pub const ALL: [Facet; 5] = [
        Facet::Level,
        Facet::Role,
        Facet::Theme,
        Facet::Topic,
        Facet::Publication,
    ];

    /// The name users type for the facet (`--rows theme`, `?level=`), also
    /// its key in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Level => "level",
            Facet::Role => "role",
            Facet::Theme => "theme",
            Facet::Topic => "topic",
            Facet::Publication => "publication",
        }
    }

    /// What a Danish sentence calls one of its values and several.
    fn nouns(self) -> (&'static str, &'static str) {
        match self {
            Facet::Level => ("niveau", "niveauer"),
            Facet::Role => ("rolle", "roller"),
            Facet::Theme => ("tema", "temaer"),
            Facet::Topic => ("emne", "emner"),
            Facet::Publication => ("publikation", "publikationer"),
        }
    }

    /// The facet's column: its values and each quote's.
    pub fn column(self, tags: &Tags) -> &Column {
        match self {
            Facet::Level => &tags.level,
            Facet::Role => &tags.role,
            Facet::Theme => &tags.theme,
            Facet::Topic => &tags.topic,
            Facet::Publication => &tags.publication,
        }
    }
}

impl fmt::Display for Facet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Facet {
    type Err = Error;

    fn from_str(s: &str) -> Result<Facet, Error> {
        let key = folding::key(s);
        Facet::ALL
            .into_iter()
            .find(|f| f.as_str() == key)
            .ok_or_else(|| {
                Error::usage(format!(
                    "Ukendt akse »{}«; kendte akser: level, role, theme, topic, publication.",
                    echo(s)
                ))
            })
    }
}

/// The values chosen on each facet (empty: no filter on it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    chosen: BTreeMap<Facet, Vec<String>>,
}

impl Filters {
    /// Filters from what a user typed, checked against the values the
    /// corpus has: each value is replaced by its canonical form.
    pub fn parse(raw: &[(Facet, String)], tags: &Tags) -> Result<Filters, Error> {
        let mut filters = Filters::default();
        for (facet, value) in raw {
            let canonical = canonical_value(*facet, value, tags)?;
            let values = filters.chosen.entry(*facet).or_default();
            if !values.contains(&canonical) {
                values.push(canonical);
            }
        }
        Ok(filters)
    }

    /// Adds a canonical value (from the corpus itself, as a matrix cell does).
    pub fn with(mut self, facet: Facet, value: &str) -> Filters {
        self.chosen
            .entry(facet)
            .or_default()
            .push(value.to_string());
        self
    }

    /// The canonical values chosen on a facet; empty when it is not filtered.
    pub fn values(&self, facet: Facet) -> &[String] {
        self.chosen.get(&facet).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The chosen values by facet name (`level`), each as the corpus
    /// spells it.
    pub fn named(&self) -> BTreeMap<String, Vec<String>> {
        self.chosen
            .iter()
            .map(|(facet, values)| (facet.as_str().to_string(), values.clone()))
            .collect()
    }

    /// The filters over the columns of `tags`: for each filtered facet,
    /// which of its value numbers pass.
    pub fn over<'a>(&self, tags: &'a Tags) -> Admission<'a> {
        let facets = self
            .chosen
            .iter()
            .filter(|(_, values)| !values.is_empty())
            .map(|(&facet, values)| {
                let column = facet.column(tags);
                let mut passes = vec![false; column.values().len()];
                for n in values.iter().filter_map(|v| column.number_of(v)) {
                    passes[n as usize] = true;
                }
                (facet, column, passes)
            })
            .collect();
        Admission { facets }
    }

    /// Every (facet, value) pair, for echoing or building URLs.
    pub fn pairs(&self) -> Vec<(Facet, String)> {
        self.chosen
            .iter()
            .flat_map(|(f, vs)| vs.iter().map(move |v| (*f, v.clone())))
            .collect()
    }
}

/// Filters as they apply to quotes by position, over the facet columns.
pub struct Admission<'a> {
    /// Each filtered facet, its column, and which value numbers pass.
    facets: Vec<(Facet, &'a Column, Vec<bool>)>,
}

/// Which filters a quote fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failing {
    /// None: the quote is admitted.
    None,
    /// Only this facet's: the quote counts on that facet alone.
    Only(Facet),
    /// Two or more.
    Several,
}

impl Admission<'_> {
    fn passes(&(_, column, ref passes): &(Facet, &Column, Vec<bool>), ord: usize) -> bool {
        column.ids(ord).iter().any(|&n| passes[n as usize])
    }

    /// Whether the quote at `ord` passes every filter, optionally ignoring
    /// one facet's (for that facet's own counts).
    pub fn admits(&self, ord: usize, except: Option<Facet>) -> bool {
        self.facets
            .iter()
            .all(|f| Some(f.0) == except || Admission::passes(f, ord))
    }

    /// Which filters the quote at `ord` fails.
    pub fn failing(&self, ord: usize) -> Failing {
        let mut failing = Failing::None;
        for f in &self.facets {
            if !Admission::passes(f, ord) {
                failing = match failing {
                    Failing::None => Failing::Only(f.0),
                    _ => return Failing::Several,
                };
            }
        }
        failing
    }
}

/// The corpus's spelling of a value the user typed on a facet.
fn canonical_value(facet: Facet, typed: &str, tags: &Tags) -> Result<String, Error> {
    if facet == Facet::Level {
        return typed
            .parse::<Level>()
            .map(|l| l.as_str().to_string())
            .map_err(|UnknownLevel(typed)| {
                Error::usage(UnknownLevel(echo(&typed).into_owned()).to_string())
            });
    }
    canonical_among(facet, typed, &valid_values(facet, tags)).map(str::to_string)
}

/// The one of `valid` a user typed on a facet, without regard to case,
/// separators and æøå spelling (`folding::key`); where two values share a
/// key, the one spelt as typed. Refused with the known values listed.
pub(crate) fn canonical_among<'a>(
    facet: Facet,
    typed: &str,
    valid: &'a [String],
) -> Result<&'a str, Error> {
    let ascii = folding::ascii(typed);
    let key = folding::key(typed);
    valid
        .iter()
        .find(|v| folding::ascii(v) == ascii)
        .or_else(|| valid.iter().find(|v| folding::key(v) == key))
        .map(String::as_str)
        .ok_or_else(|| {
            let (one, several) = facet.nouns();
            Error::usage(format!(
                "Ukendt {one} »{}«; kendte {several}: {}.",
                echo(typed),
                valid.join(", ")
            ))
        })
}

/// The values a facet takes in the corpus, in a stable order: levels by
/// rank, roles by name, the rest in reading order.
pub fn valid_values(facet: Facet, tags: &Tags) -> Vec<String> {
    if facet == Facet::Level {
        return Level::ALL.iter().map(|l| l.as_str().to_string()).collect();
    }
    let mut values = facet.column(tags).values().to_vec();
    if facet == Facet::Role {
        values.sort();
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use citater_indexer::{PublicationRef, Quote, Source};

    fn quote(level: Level, role: &str, theme: &str, publication: &str) -> Quote {
        Quote {
            id: format!("{publication}-{role}"),
            text: "Vi gør det.".into(),
            publication: PublicationRef {
                id: publication.into(),
                title: "T".into(),
                short_title: "T".into(),
                year: None,
            },
            speaker: String::new(),
            role: role.into(),
            level,
            theme: theme.into(),
            subtheme: None,
            topics: vec!["tillid".into()],
            source: Source {
                file: "f".into(),
                line_start: 1,
                line_end: 1,
            },
            pullquote_only: false,
            pages: None,
        }
    }

    fn quotes() -> Tags {
        Tags::of(&[
            quote(
                Level::Direktor,
                "direktør",
                "Store forventninger",
                "den-politiske-tango",
            ),
            quote(
                Level::StrategiskChef,
                "strategisk chef",
                "At blive strategisk chef",
                "pas-paa-trinet",
            ),
        ])
    }

    #[test]
    fn values_match_as_people_type_them() {
        let q = quotes();
        let f = Filters::parse(
            &[
                (Facet::Level, "Direktoer".into()),
                (Facet::Level, "direktor".into()),
                (Facet::Role, "strategisk-chef".into()),
                (Facet::Role, "DIREKTOR".into()),
            ],
            &q,
        )
        .unwrap();
        assert_eq!(f.values(Facet::Level), ["direktør"]);
        assert_eq!(f.values(Facet::Role), ["strategisk chef", "direktør"]);
        let f = Filters::parse(&[(Facet::Theme, "store FORVENTNINGER".into())], &q).unwrap();
        assert_eq!(f.values(Facet::Theme), ["Store forventninger"]);
    }

    #[test]
    fn an_unknown_value_lists_the_known_ones_in_danish() {
        let err = Filters::parse(&[(Facet::Publication, "nope".into())], &quotes()).unwrap_err();
        assert!(matches!(err, Error::Usage(_)), "{err:?}");
        assert_eq!(
            err.to_string(),
            "Ukendt publikation »nope«; kendte publikationer: den-politiske-tango, pas-paa-trinet."
        );
        let err = Filters::parse(&[(Facet::Level, "boss".into())], &quotes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Ukendt niveau »boss«; kendte niveauer: leder, chef, strategisk chef, direktør, politiker, ukendt."
        );
        let err = Filters::parse(&[(Facet::Role, "boss".into())], &quotes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Ukendt rolle »boss«; kendte roller: direktør, strategisk chef."
        );
        let err = "rækker".parse::<Facet>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "Ukendt akse »rækker«; kendte akser: level, role, theme, topic, publication."
        );
    }

    #[test]
    fn an_unknown_long_value_is_quoted_shortened() {
        let long = "æ".repeat(10_000);
        for facet in Facet::ALL {
            let text = Filters::parse(&[(facet, long.clone())], &quotes())
                .unwrap_err()
                .to_string();
            let shown = format!("»{}…«", "æ".repeat(crate::error::ECHO_CHARS - 1));
            assert!(text.contains(&shown), "{facet}: {text}");
            assert!(text.len() < 300, "{facet}: {text}");
        }
        let axis = long.parse::<Facet>().unwrap_err().to_string();
        assert!(axis.len() < 300, "{axis}");
    }

    #[test]
    fn same_facet_ors_different_facets_and() {
        let q = quotes();
        let f = Filters::parse(
            &[
                (Facet::Level, "direktør".into()),
                (Facet::Level, "strategisk chef".into()),
            ],
            &q,
        )
        .unwrap();
        assert!((0..2).all(|ord| f.over(&q).admits(ord, None)));
        let f = f.with(Facet::Publication, "pas-paa-trinet");
        let over = f.over(&q);
        assert_eq!((0..2).filter(|&ord| over.admits(ord, None)).count(), 1);
        assert_eq!(
            (0..2)
                .filter(|&ord| over.admits(ord, Some(Facet::Publication)))
                .count(),
            2
        );
        assert_eq!(over.failing(0), Failing::Only(Facet::Publication));
        assert_eq!(over.failing(1), Failing::None);
        let f = f.with(Facet::Role, "strategisk chef");
        assert_eq!(f.over(&q).failing(0), Failing::Several);
    }
}
