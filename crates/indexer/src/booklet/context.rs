//! Context: where each line stands in the booklet's structure, the chapter
//! and section headings above it and what they say about its speakers, as
//! quotes filed under them inherit it.

use crate::level::Level;
use crate::publication::{HeadingLevel, LevelSource, Publication};
use crate::quote::Pages;

use super::headings::Heading;
use super::lines::{Line, LineKind};

/// Where a line stands in the booklet's structure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Context {
    /// The chapter heading above the line, which becomes a quote's theme.
    pub(crate) theme: Option<String>,
    /// The section heading within the chapter; cleared by a new chapter.
    pub(crate) subtheme: Option<String>,
    /// The role of speakers in this section when a quote does not say.
    pub(crate) section_role: Option<String>,
    /// The chapter's pages, when the table of contents gives them.
    pub(crate) pages: Option<Pages>,
    /// The table of contents' wording of the chapter.
    pub(crate) summary: Option<String>,
}

/// The heading context of every line.
pub(crate) fn contexts(
    lines: &[Line],
    headings: &[Heading],
    publication: &Publication,
) -> Vec<Context> {
    let mut out = Vec::with_capacity(lines.len());
    let mut current = Context::default();
    let mut body_since_subtheme = true;
    let mut last_heading = None;
    for line in lines {
        match line.kind {
            LineKind::Heading(k) if last_heading != Some(k) => {
                last_heading = Some(k);
                let h = &headings[k];
                match h.level {
                    HeadingLevel::Theme => {
                        // A heading printed directly above the chapter heading
                        // (a kicker) belongs to the chapter it introduces.
                        if body_since_subtheme {
                            current.subtheme = None;
                            current.section_role = None;
                        }
                        current.theme = Some(h.title.clone());
                        current.pages = h.pages;
                        current.summary = h.summary.clone();
                        if publication.level_from == LevelSource::Theme {
                            current.section_role =
                                Level::named_in(&h.title).map(|l| l.as_str().to_string());
                        }
                    }
                    HeadingLevel::Subtheme => {
                        current.subtheme = Some(h.title.clone());
                        if h.role.is_some() {
                            current.section_role = h.role.clone();
                        }
                        body_since_subtheme = false;
                    }
                    // A plain heading changes neither theme nor subtheme.
                    HeadingLevel::Plain => {}
                }
            }
            LineKind::Heading(_) => {}
            _ => {
                if line.kind == LineKind::Body {
                    body_since_subtheme = true;
                }
            }
        }
        out.push(current.clone());
    }
    out
}
