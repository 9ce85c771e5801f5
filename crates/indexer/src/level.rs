//! Leadership levels: the fixed vocabulary every quote is filed under.
//!
//! Users filter by level more than by anything else, and type it every way
//! (`Direktør`, `direktoer`, `strategisk-chef`), so parsing is forgiving while
//! the printed form is always the canonical Danish one.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::folding;

/// The level a booklet frames a speaker at, as the contract names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Level {
    /// Leads employees directly (teamleder, skoleleder, afdelingsleder).
    #[cfg_attr(feature = "openapi", schema(rename = "leder"))]
    Leder,
    /// Leads leaders (afdelingschef, centerchef, fagchef).
    #[cfg_attr(feature = "openapi", schema(rename = "chef"))]
    Chef,
    /// The chief directly below the directors (skolechef, "strategisk chef").
    #[cfg_attr(feature = "openapi", schema(rename = "strategisk chef"))]
    StrategiskChef,
    /// The top administrative leader; printed `direktør`.
    #[cfg_attr(feature = "openapi", schema(rename = "direktør"))]
    Direktor,
    /// An elected politician (borgmester, udvalgsformand): outside the
    /// administrative hierarchy, above it in authority.
    #[cfg_attr(feature = "openapi", schema(rename = "politiker"))]
    Politiker,
    /// The booklet does not say; never a guess.
    #[cfg_attr(feature = "openapi", schema(rename = "ukendt"))]
    Ukendt,
}

impl Level {
    /// Every level, in the order of the hierarchy (for facets and matrices).
    pub const ALL: [Level; 6] = [
        Level::Leder,
        Level::Chef,
        Level::StrategiskChef,
        Level::Direktor,
        Level::Politiker,
        Level::Ukendt,
    ];

    /// The canonical Danish name used in JSON, facets and citations.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Leder => "leder",
            Level::Chef => "chef",
            Level::StrategiskChef => "strategisk chef",
            Level::Direktor => "direktør",
            Level::Politiker => "politiker",
            Level::Ukendt => "ukendt",
        }
    }

    /// Finds the level a heading or title names ("At blive strategisk chef"),
    /// preferring the longest name so "strategisk chef" beats "chef".
    pub(crate) fn named_in(text: &str) -> Option<Level> {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let joined = format!(" {} ", words.join(" "));
        let mut best: Option<Level> = None;
        for level in Level::ALL {
            if level == Level::Ukendt {
                continue;
            }
            if joined.contains(&format!(" {} ", level.as_str()))
                && best.is_none_or(|b| level.as_str().len() > b.as_str().len())
            {
                best = Some(level);
            }
        }
        best
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a text is not a level; lists the valid ones, as a user needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLevel(pub String);

impl fmt::Display for UnknownLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let valid: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
        write!(
            f,
            "Ukendt niveau »{}«; kendte niveauer: {}.",
            self.0,
            valid.join(", ")
        )
    }
}

impl std::error::Error for UnknownLevel {}

impl FromStr for Level {
    type Err = UnknownLevel;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // A level as citater writes it (every stored quote) needs no folding.
        if let Some(level) = Level::ALL.into_iter().find(|l| l.as_str() == s) {
            return Ok(level);
        }
        let key = folding::key(s);
        Level::ALL
            .into_iter()
            .find(|l| folding::key(l.as_str()) == key)
            .ok_or_else(|| UnknownLevel(s.to_string()))
    }
}

impl Serialize for Level {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_spelling_users_type() {
        assert_eq!("direktoer".parse::<Level>().unwrap(), Level::Direktor);
        assert_eq!("direktor".parse::<Level>().unwrap(), Level::Direktor);
        assert_eq!("Direktør".parse::<Level>().unwrap(), Level::Direktor);
        assert_eq!(
            "strategisk-chef".parse::<Level>().unwrap(),
            Level::StrategiskChef
        );
        assert_eq!(
            "STRATEGISK CHEF".parse::<Level>().unwrap(),
            Level::StrategiskChef
        );
    }

    #[test]
    fn unknown_level_lists_the_valid_ones() {
        let err = "boss".parse::<Level>().unwrap_err().to_string();
        assert_eq!(
            err,
            "Ukendt niveau »boss«; kendte niveauer: leder, chef, strategisk chef, direktør, politiker, ukendt."
        );
    }

    #[test]
    fn finds_the_longest_level_named_in_a_heading() {
        assert_eq!(
            Level::named_in("At blive strategisk chef"),
            Some(Level::StrategiskChef)
        );
        assert_eq!(Level::named_in("At blive chef"), Some(Level::Chef));
        assert_eq!(Level::named_in("Forord"), None);
    }
}
