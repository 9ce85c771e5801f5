//! Filters and facets: the five ways to narrow a search (level, role, theme,
//! topic, publication), with the values a user may type for each. A quote
//! has one value on each facet but topics, where it may have several.
//!
//! Values are matched the way people type them: without regard to case, with
//! `oe`/`ø`, `aa`/`å`, `ae`/`æ` alike, and `strategisk-chef` as
//! `strategisk chef`. Repeating a filter ORs its values; different filters
//! AND. An unknown value is an error that lists the valid ones.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use citater_indexer::level::{fold_value, UnknownLevel};
use citater_indexer::{Level, Quote};

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

    /// The quote's values on this facet, as facets and filters name them:
    /// one, but for topics.
    pub fn values_of(self, quote: &Quote) -> Values<'_> {
        match self {
            Facet::Level => Values::One(Some(quote.level.as_str())),
            Facet::Role => Values::One(Some(&quote.role)),
            Facet::Theme => Values::One(Some(&quote.theme)),
            Facet::Topic => Values::Many(quote.topics.iter()),
            Facet::Publication => Values::One(Some(&quote.publication.id)),
        }
    }
}

/// A quote's values on one facet.
pub enum Values<'a> {
    /// The one value of a single-valued facet.
    One(Option<&'a str>),
    /// The values of a many-valued one.
    Many(std::slice::Iter<'a, String>),
}

impl<'a> Iterator for Values<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Values::One(value) => value.take(),
            Values::Many(values) => values.next().map(String::as_str),
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
        let folded = fold_value(s);
        Facet::ALL
            .into_iter()
            .find(|f| f.as_str() == folded)
            .ok_or_else(|| {
                Error::usage(format!(
                    "unknown axis '{}'; valid axes are: level, role, theme, topic, publication",
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
    pub fn parse(raw: &[(Facet, String)], quotes: &[Quote]) -> Result<Filters, Error> {
        let mut filters = Filters::default();
        for (facet, value) in raw {
            let canonical = canonical_value(*facet, value, quotes)?;
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

    /// Whether a quote passes every filter, optionally ignoring one facet's
    /// (for that facet's own counts).
    pub fn admits(&self, quote: &Quote, except: Option<Facet>) -> bool {
        self.chosen.iter().all(|(facet, values)| {
            Some(*facet) == except
                || values.is_empty()
                || facet
                    .values_of(quote)
                    .any(|v| values.iter().any(|x| x == v))
        })
    }

    /// Every (facet, value) pair, for echoing or building URLs.
    pub fn pairs(&self) -> Vec<(Facet, String)> {
        self.chosen
            .iter()
            .flat_map(|(f, vs)| vs.iter().map(move |v| (*f, v.clone())))
            .collect()
    }
}

/// The corpus's spelling of a value the user typed on a facet.
fn canonical_value(facet: Facet, typed: &str, quotes: &[Quote]) -> Result<String, Error> {
    if facet == Facet::Level {
        return typed
            .parse::<Level>()
            .map(|l| l.as_str().to_string())
            .map_err(|UnknownLevel(typed)| {
                Error::usage(UnknownLevel(echo(&typed).into_owned()).to_string())
            });
    }
    canonical_among(facet, typed, &valid_values(facet, quotes)).map(str::to_string)
}

/// The one of `valid` a user typed on a facet, without regard to case and
/// æøå spelling; refused with the valid values listed.
pub(crate) fn canonical_among<'a>(
    facet: Facet,
    typed: &str,
    valid: &'a [String],
) -> Result<&'a str, Error> {
    let folded = fold_value(typed);
    valid
        .iter()
        .find(|v| fold_value(v) == folded)
        .map(String::as_str)
        .ok_or_else(|| {
            Error::usage(format!(
                "unknown {} '{}'; valid values are: {}",
                facet.as_str(),
                echo(typed),
                valid.join(", ")
            ))
        })
}

/// The values a facet takes in the corpus, in a stable order.
pub fn valid_values(facet: Facet, quotes: &[Quote]) -> Vec<String> {
    if facet == Facet::Level {
        return Level::ALL.iter().map(|l| l.as_str().to_string()).collect();
    }
    let mut values: Vec<String> = Vec::new();
    for v in quotes.iter().flat_map(|q| facet.values_of(q)) {
        if !values.iter().any(|x| x == v) {
            values.push(v.to_string());
        }
    }
    if facet == Facet::Role {
        values.sort();
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use citater_indexer::{PublicationRef, Source};

    fn quote(level: Level, role: &str, theme: &str, publication: &str) -> Quote {
        Quote {
            id: format!("{publication}-{role}"),
            text: "Vi gør det.".into(),
            publication: PublicationRef {
                id: publication.into(),
                title: "T".into(),
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

    fn quotes() -> Vec<Quote> {
        vec![
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
        ]
    }

    #[test]
    fn values_match_as_people_type_them() {
        let q = quotes();
        let f = Filters::parse(
            &[
                (Facet::Level, "Direktoer".into()),
                (Facet::Role, "strategisk-chef".into()),
            ],
            &q,
        )
        .unwrap();
        assert_eq!(f.values(Facet::Level), ["direktør"]);
        assert_eq!(f.values(Facet::Role), ["strategisk chef"]);
        let f = Filters::parse(&[(Facet::Theme, "store FORVENTNINGER".into())], &q).unwrap();
        assert_eq!(f.values(Facet::Theme), ["Store forventninger"]);
    }

    #[test]
    fn an_unknown_value_lists_the_valid_ones() {
        let err = Filters::parse(&[(Facet::Publication, "nope".into())], &quotes()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("nope") && text.contains("pas-paa-trinet"),
            "{text}"
        );
        let err = Filters::parse(&[(Facet::Level, "boss".into())], &quotes()).unwrap_err();
        assert!(err.to_string().contains("strategisk chef"));
    }

    #[test]
    fn an_unknown_long_value_is_quoted_shortened() {
        let long = "æ".repeat(10_000);
        for facet in Facet::ALL {
            let text = Filters::parse(&[(facet, long.clone())], &quotes())
                .unwrap_err()
                .to_string();
            let shown = format!("'{}…'", "æ".repeat(crate::error::ECHO_CHARS - 1));
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
        assert!(q.iter().all(|x| f.admits(x, None)));
        let f = f.with(Facet::Publication, "pas-paa-trinet");
        assert_eq!(q.iter().filter(|x| f.admits(x, None)).count(), 1);
        assert_eq!(
            q.iter()
                .filter(|x| f.admits(x, Some(Facet::Publication)))
                .count(),
            2
        );
    }
}
