//! A tagged interview quote: the unit users search, filter, cite and export.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::level::Level;
use crate::publication::PublicationRef;

/// One contiguous stretch of direct speech by one speaker, with who said it,
/// where it stands and the lines it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    /// Stable and URL-safe (see `assign_ids`), so links survive a rebuild
    /// unless the quote's opening words change; empty until ids are assigned.
    pub id: String,
    /// The speech alone, without attribution or quotation marks, with the
    /// PDF's hyphenation and split ligatures repaired.
    pub text: String,
    /// The booklet, as much of it as a citation needs.
    pub publication: PublicationRef,
    /// Who speaks as the booklet names them, first letter lowercased ("en
    /// erfaren direktør"); empty when nothing names the speaker.
    pub speaker: String,
    /// A role title from `roles.toml`, or `ukendt` when nothing in or around
    /// the quote says; never guessed.
    pub role: String,
    /// The leadership level the booklet files the quote under.
    pub level: Level,
    /// The chapter heading the quote stands under; empty before the first
    /// chapter.
    pub theme: String,
    /// The section heading within the chapter, if the quote stands under one.
    pub subtheme: Option<String>,
    /// The ids of the topics (`corpus/topics.toml`) the quote belongs to:
    /// those of its sections and those its words signal.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Where the quote was read, so it can be checked in context.
    pub source: Source,
    /// A large-print quote whose words stand nowhere else in the booklet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pullquote_only: bool,
    /// The printed pages of the quote's chapter, where the booklet's own
    /// table of contents gives them; `None` otherwise. The extracted text
    /// keeps no reliable page breaks, so the chapter's span is the honest
    /// pinpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<Pages>,
}

/// A span of printed pages, first to last inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pages {
    /// The first printed page.
    pub first: u32,
    /// The last printed page; equal to `first` for a single page.
    pub last: u32,
}

impl std::fmt::Display for Pages {
    /// "12" or "14-17", as a citation prints it after "s.".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

/// Where in the corpus a quote was read, so a user can check it in context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Source {
    /// The text's path as `corpus/<file>`, whatever directory the corpus was
    /// read from.
    pub file: String,
    /// 1-based line of the file where the quote starts.
    pub line_start: usize,
    /// 1-based line where the quote ends, inclusive; blank lines count.
    pub line_end: usize,
}

impl Source {
    /// Whether the quote's lines are lines of a text of `lines` lines.
    pub fn lies_within(&self, lines: usize) -> bool {
        1 <= self.line_start && self.line_start <= self.line_end && self.line_end <= lines
    }
}

/// Gives each quote an id made of its publication id and the first words of
/// its text (`pas-paa-trinet-jeg-bruger-70-pct-af`). Ids depend only on the
/// quote itself, so fixing one quote leaves the others' ids alone; the rare
/// quotes that open alike get `-2`, `-3` in reading order.
pub(crate) fn assign_ids<'a>(quotes: impl IntoIterator<Item = &'a mut Quote>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for quote in quotes {
        let base = format!("{}-{}", quote.publication.id, slug(&quote.text, 6));
        let count = seen.entry(base.clone()).or_insert(0);
        *count += 1;
        quote.id = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
    }
}

/// The first `words` words of a text as a URL-safe slug (æ → ae, ø → oe,
/// å → aa, as Danish writes them without the letters).
pub fn slug(text: &str, words: usize) -> String {
    crate::folding::ascii(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(words)
        .collect::<Vec<_>>()
        .join("-")
}

/// A quote of pas-paa-trinet for the crate's unit tests, with the text and
/// headings they are about.
#[cfg(test)]
pub(crate) fn sample(text: &str, theme: &str, subtheme: Option<&str>) -> Quote {
    Quote {
        id: String::new(),
        text: text.into(),
        publication: PublicationRef {
            id: "pas-paa-trinet".into(),
            title: "Pas på trinet!".into(),
            short_title: "Pas på trinet!".into(),
            year: None,
        },
        speaker: String::new(),
        role: "ukendt".into(),
        level: Level::Ukendt,
        theme: theme.into(),
        subtheme: subtheme.map(String::from),
        topics: Vec::new(),
        source: Source {
            file: "corpus/pas-paa-trinet.txt".into(),
            line_start: 1,
            line_end: 1,
        },
        pullquote_only: false,
        pages: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(text: &str) -> Quote {
        sample(text, "At blive leder", None)
    }

    #[test]
    fn ids_are_url_safe_and_readable() {
        let mut q = [quote("Jeg bruger 70 pct. af min tid på personaleledelse")];
        assign_ids(&mut q);
        assert_eq!(q[0].id, "pas-paa-trinet-jeg-bruger-70-pct-af-min");
        assert!(q[0]
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
    }

    #[test]
    fn folds_danish_letters() {
        assert_eq!(
            slug("Økonomien går åbent ærligt", 4),
            "oekonomien-gaar-aabent-aerligt"
        );
    }

    #[test]
    fn alike_openings_are_numbered_in_reading_order() {
        let mut q = [quote("Det er svært."), quote("Det er svært at lede.")];
        assign_ids(&mut q);
        assert_eq!(q[0].id, "pas-paa-trinet-det-er-svaert");
        assert_eq!(q[1].id, "pas-paa-trinet-det-er-svaert-at-lede");
        let mut same = [quote("Ja."), quote("Ja.")];
        assign_ids(&mut same);
        assert_eq!(same[1].id, "pas-paa-trinet-ja-2");
    }
}
