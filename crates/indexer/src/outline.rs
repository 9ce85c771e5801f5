//! The outline: a booklet's heading tree as the extractor reads it, each
//! chapter (theme) with its sections (subthemes), the lines they stand on
//! and how many quotes are filed under them. For a reader it is the
//! booklet's table of contents; for whoever writes heading rules it is what
//! the rules found.

use serde::{Deserialize, Serialize};

use crate::publication::{HeadingLevel, PublicationRef};
use crate::quote::Pages;

/// One booklet's heading tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Outline {
    /// The booklet.
    pub publication: PublicationRef,
    /// Every quote extracted from it.
    pub quotes: usize,
    /// The top of the tree in reading order: chapters, and any section or
    /// plain heading printed before the first chapter.
    pub headings: Vec<OutlineHeading>,
}

/// A heading in the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutlineHeading {
    /// The heading as quotes are filed under it (their `theme` or
    /// `subtheme`).
    pub title: String,
    /// What it opens, as `publications.toml` names it: `theme`,
    /// `subtheme` or `plain` (a heading that files nothing).
    pub level: HeadingLevel,
    /// The 1-based line of the booklet's text the heading starts on.
    pub line_start: usize,
    /// The line it ends on: headings may wrap.
    pub line_end: usize,
    /// A chapter's pages, where the table of contents gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<Pages>,
    /// The quotes filed under it: for a chapter, all of its sections'
    /// too; for a plain heading none.
    pub quotes: usize,
    /// A chapter's sections and plain headings, in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    // The schema refers to itself here, rather than unfolding forever.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub headings: Vec<OutlineHeading>,
}

impl Outline {
    /// Every heading of the tree in reading order with its depth (0 for
    /// the top).
    pub fn walk(&self) -> impl Iterator<Item = (usize, &OutlineHeading)> {
        self.headings
            .iter()
            .flat_map(|h| std::iter::once((0, h)).chain(h.headings.iter().map(|child| (1, child))))
    }
}
