//! Publication metadata: what `corpus/publications.toml` says about a booklet.
//!
//! Bibliographic facts feed citations; the conventions tell the extractor how
//! this booklet prints headings and speech. Keeping them in data means a new
//! booklet needs a text and an entry, not new code.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::level::Level;

/// One booklet and the conventions its text follows.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    pub id: String,
    pub file: String,
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    pub publisher: String,
    /// The year the booklet prints; `None` is unknown and cited as "u.å.".
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub isbn: Option<String>,
    pub level_from: LevelSource,
    #[serde(default)]
    pub level_overrides: BTreeMap<String, Level>,
    #[serde(default)]
    pub quote_styles: Vec<QuoteStyle>,
    /// Label line -> role, for `QuoteStyle::Labelled`.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub furniture: Vec<String>,
    #[serde(default)]
    pub sidebars: Vec<String>,
    #[serde(default)]
    pub toc: Option<TocRule>,
    #[serde(default)]
    pub headings: Vec<HeadingRule>,
}

impl Publication {
    /// The title with its subtitle, as a reference list prints it.
    pub fn full_title(&self) -> String {
        match &self.subtitle {
            Some(sub) if self.title.ends_with(['.', '!', '?']) => format!("{} {}", self.title, sub),
            Some(sub) => format!("{}. {}", self.title, sub),
            None => self.title.clone(),
        }
    }

    pub fn uses(&self, style: QuoteStyle) -> bool {
        self.quote_styles.contains(&style)
    }

    /// The short, citable summary every quote carries.
    pub fn reference(&self) -> PublicationRef {
        PublicationRef {
            id: self.id.clone(),
            title: self.full_title(),
            year: self.year,
        }
    }
}

/// How a booklet decides a quote's leadership level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelSource {
    /// The chapter is about one level and every quote in it is filed there.
    Theme,
    /// The speaker's role decides, through the role vocabulary.
    Role,
}

/// The typographic ways a booklet prints interview speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteStyle {
    Marks,
    Dash,
    LoneMark,
    Bold,
    Italic,
    SetApart,
    Labelled,
}

/// How to read a printed table of contents.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TocRule {
    pub entry: String,
    pub within_lines: usize,
}

/// A heading convention the table of contents does not cover.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingRule {
    pub level: HeadingLevel,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub shape: HeadingShape,
    #[serde(default)]
    pub page_start: bool,
    #[serde(default)]
    pub case: HeadingCase,
    #[serde(default)]
    pub role: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadingLevel {
    Theme,
    Subtheme,
    Plain,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadingShape {
    #[default]
    Any,
    Standalone,
    Attached,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadingCase {
    #[default]
    AsPrinted,
    Sentence,
}

/// The publication as a quote refers to it in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationRef {
    pub id: String,
    pub title: String,
    pub year: Option<i32>,
}
