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
    /// Stable slug that names the booklet in quote ids, URLs and the
    /// `--publication` filter; changing it changes its quotes' ids.
    pub id: String,
    /// The text's file name inside the corpus directory; a `.txt` there that
    /// no entry names is an error, not silently skipped.
    pub file: String,
    /// The main title as printed, without the subtitle (see `full_title`).
    pub title: String,
    /// Printed below the title; `full_title` joins it on for citations.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The issuing organisation, which citations also name as the corporate
    /// author.
    pub publisher: String,
    /// The year the booklet prints; `None` is unknown and cited as "u.å.".
    #[serde(default)]
    pub year: Option<i32>,
    /// Only as printed, never guessed; BibTeX and CSL-JSON carry it, RIS does
    /// not (Zotero and EndNote read `SN` as a report number).
    #[serde(default)]
    pub isbn: Option<String>,
    /// Whether the chapter or the speaker's role decides a quote's level.
    pub level_from: LevelSource,
    /// Role title -> level, where this booklet uses a title in its own sense
    /// (one booklet's "chef" is a strategic chief).
    #[serde(default)]
    pub level_overrides: BTreeMap<String, Level>,
    /// The ways this booklet prints speech; only these are looked for, so
    /// another booklet's convention cannot misread its narration as speech.
    #[serde(default)]
    pub quote_styles: Vec<QuoteStyle>,
    /// Label line -> role, for `QuoteStyle::Labelled`.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Regular expressions for page furniture (running heads, captions):
    /// lines that are never part of a quote or a heading.
    #[serde(default)]
    pub furniture: Vec<String>,
    /// Regular expressions for the caption line that opens a sidebar box; the
    /// box runs to the next blank line and is kept out of the running text.
    #[serde(default)]
    pub sidebars: Vec<String>,
    /// How to read the printed table of contents, the only source of chapter
    /// page spans; `None` when the booklet prints none.
    #[serde(default)]
    pub toc: Option<TocRule>,
    /// Headings the table of contents does not give; for each line the
    /// first rule that fits wins.
    #[serde(default)]
    pub headings: Vec<HeadingRule>,
}

/// What a citation needs of a booklet: its bibliographic facts, without
/// the conventions the extractor reads it by. A generation keeps these
/// (`imprints.json`), so opening an index reads a few hundred bytes a
/// booklet, not its typography.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imprint {
    /// As [`Publication::id`].
    pub id: String,
    /// The main title as printed.
    pub title: String,
    /// Printed below the title.
    pub subtitle: Option<String>,
    /// The issuing organisation, also the corporate author.
    pub publisher: String,
    /// The year the booklet prints; `None` is unknown ("u.å.").
    pub year: Option<i32>,
    /// Only as printed.
    pub isbn: Option<String>,
}

impl Imprint {
    /// The title with its subtitle as Danish APA 7 joins them: "Titel:
    /// Undertitel", or a space after a title that ends in its own mark
    /// ("Pas på trinet! Nye opgaver …").
    pub fn full_title(&self) -> String {
        full_title(&self.title, self.subtitle.as_deref())
    }
}

fn full_title(title: &str, subtitle: Option<&str>) -> String {
    match subtitle {
        Some(sub) if title.ends_with(['.', '!', '?']) => format!("{title} {sub}"),
        Some(sub) => format!("{title}: {sub}"),
        None => title.to_string(),
    }
}

impl Publication {
    /// The title with its subtitle as Danish APA 7 joins them (see
    /// [`Imprint::full_title`]).
    pub fn full_title(&self) -> String {
        full_title(&self.title, self.subtitle.as_deref())
    }

    /// Its bibliographic facts.
    pub fn imprint(&self) -> Imprint {
        Imprint {
            id: self.id.clone(),
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            publisher: self.publisher.clone(),
            year: self.year,
            isbn: self.isbn.clone(),
        }
    }

    /// Whether the extractor should look for speech printed in this style.
    pub(crate) fn uses(&self, style: QuoteStyle) -> bool {
        self.quote_styles.contains(&style)
    }

    /// The short, citable summary every quote carries.
    pub fn reference(&self) -> PublicationRef {
        PublicationRef {
            id: self.id.clone(),
            title: self.full_title(),
            short_title: self.title.clone(),
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
    /// `“…”`, `"…"` or `”…”`, with the attribution before or after.
    Marks,
    /// A paragraph opening with `– `, as journalistic Danish prints speech.
    Dash,
    /// A paragraph holding only `”` introduces the next paragraph as speech.
    LoneMark,
    /// A **bold** paragraph in a section whose heading gives a speaker role.
    Bold,
    /// An *italic* paragraph after an introduction ending in `:`.
    Italic,
    /// A plain paragraph set off by two or more blank lines, in a section
    /// whose heading gives a speaker role.
    SetApart,
    /// A box whose speech is followed by a line holding only one of
    /// `Publication::labels`, the speaker's title.
    Labelled,
}

/// How to read a printed table of contents.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TocRule {
    /// Regular expression for one entry line, with the groups `title` and
    /// `page`.
    pub entry: String,
    /// Entries are looked for only up to this line number of the file, so a
    /// later line that looks like an entry is not taken for one.
    pub within_lines: usize,
}

/// A heading convention the table of contents does not cover.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingRule {
    /// What the heading opens, and so what it does to theme and subtheme.
    pub level: HeadingLevel,
    /// Must match the heading's text (its wrapped lines joined); a `title`
    /// group, if any, is the part kept. `None` accepts any text of the shape.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Where the heading may stand; rules without a pattern rely on it.
    #[serde(default)]
    pub shape: HeadingShape,
    /// The heading must open a printed page (boxes that start a page).
    #[serde(default)]
    pub page_start: bool,
    /// Whether an ALL-CAPS heading keeps its case or becomes sentence case.
    #[serde(default)]
    pub case: HeadingCase,
    /// The speaker role of the section the heading opens, for quotes that
    /// carry no attribution of their own.
    #[serde(default)]
    pub role: Option<String>,
}

/// What a heading opens in the booklet's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HeadingLevel {
    /// A chapter: sets the quote's theme and clears the subtheme.
    Theme,
    /// A section within the chapter: sets the subtheme.
    Subtheme,
    /// A heading that changes neither theme nor subtheme, but is still no
    /// part of the running text.
    Plain,
}

/// Where a heading may stand: for a rule without a pattern, the only thing
/// that tells its headings from body text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadingShape {
    /// Anywhere.
    #[default]
    Any,
    /// A short line between blank lines.
    Standalone,
    /// A short line directly above the first line of body text.
    Attached,
}

/// How a heading's case is shown, so themes read alike across booklets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadingCase {
    /// Kept as the booklet prints it.
    #[default]
    AsPrinted,
    /// An ALL-CAPS heading rewritten in sentence case.
    Sentence,
}

/// The publication as a quote refers to it in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicationRef {
    /// `Publication::id`: the key to the full metadata and the filter value.
    pub id: String,
    /// The full title with subtitle, as a reference prints it.
    pub title: String,
    /// The main title alone, as a reader names the booklet ("Pas på
    /// trinet!").
    pub short_title: String,
    /// `None` when the booklet prints no year; cited as "u.å.".
    pub year: Option<i32>,
}

/// A publication for unit tests: the required fields, then `conventions`
/// (TOML of the entry's other fields).
#[cfg(test)]
pub(crate) fn for_test(conventions: &str) -> Publication {
    toml::from_str(&format!(
        "id = \"test\"\nfile = \"test.txt\"\ntitle = \"Test\"\npublisher = \"P\"\n{conventions}"
    ))
    .expect("valid test conventions")
}
