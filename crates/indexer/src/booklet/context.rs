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
    /// Which heading (index into `Layout::headings`) gives the theme.
    pub(crate) theme_heading: Option<usize>,
    /// Which heading gives the subtheme.
    pub(crate) subtheme_heading: Option<usize>,
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
                            current.subtheme_heading = None;
                            current.section_role = None;
                        }
                        current.theme = Some(h.title.clone());
                        current.theme_heading = Some(k);
                        current.pages = h.pages;
                        current.summary = h.summary.clone();
                        if publication.level_from == LevelSource::Theme {
                            current.section_role =
                                Level::named_in(&h.title).map(|l| l.as_str().to_string());
                        }
                    }
                    HeadingLevel::Subtheme => {
                        current.subtheme = Some(h.title.clone());
                        current.subtheme_heading = Some(k);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booklet::lines::content_lines;
    use crate::publication::for_test;

    fn heading(first: usize, level: HeadingLevel, title: &str, role: Option<&str>) -> Heading {
        Heading {
            first,
            last: first,
            level,
            title: title.into(),
            role: role.map(String::from),
            pages: None,
            summary: None,
        }
    }

    /// The contexts of `texts`, where `headings` mark some lines.
    fn contexts_of(texts: &[&str], headings: &[Heading], level_from: &str) -> Vec<Context> {
        let mut lines = content_lines(&texts.join("\n"));
        for (k, h) in headings.iter().enumerate() {
            lines[h.first].kind = LineKind::Heading(k);
        }
        let publication = for_test(&format!("level_from = \"{level_from}\""));
        contexts(&lines, headings, &publication)
    }

    #[test]
    fn chapters_and_sections_file_the_lines_below_them() {
        let headings = [
            heading(0, HeadingLevel::Theme, "At blive chef", None),
            heading(1, HeadingLevel::Subtheme, "Det første år", Some("leder")),
            heading(3, HeadingLevel::Theme, "At blive direktør", None),
        ];
        let c = contexts_of(
            &[
                "At blive chef",
                "Det første år",
                "tekst",
                "At blive direktør",
                "tekst",
            ],
            &headings,
            "theme",
        );
        assert_eq!(c[2].theme.as_deref(), Some("At blive chef"));
        assert_eq!(c[2].subtheme.as_deref(), Some("Det første år"));
        assert_eq!(
            c[2].section_role.as_deref(),
            Some("leder"),
            "the section's role wins"
        );
        assert_eq!(c[4].theme.as_deref(), Some("At blive direktør"));
        assert_eq!(c[4].subtheme, None, "a new chapter clears the section");
        assert_eq!(
            c[4].section_role.as_deref(),
            Some("direktør"),
            "the chapter names the level"
        );
    }

    #[test]
    fn a_section_heading_above_a_chapter_heading_belongs_to_it() {
        let headings = [
            heading(0, HeadingLevel::Subtheme, "Til chefen", Some("leder")),
            heading(1, HeadingLevel::Theme, "du giver os plads", None),
        ];
        let c = contexts_of(
            &["Til chefen", "du giver os plads", "tekst"],
            &headings,
            "role",
        );
        assert_eq!(c[2].theme.as_deref(), Some("du giver os plads"));
        assert_eq!(c[2].subtheme.as_deref(), Some("Til chefen"));
        assert_eq!(c[2].section_role.as_deref(), Some("leder"));
    }

    #[test]
    fn plain_headings_change_nothing() {
        let headings = [
            heading(0, HeadingLevel::Theme, "Tillid", None),
            heading(2, HeadingLevel::Plain, "Et eksempel", None),
        ];
        let c = contexts_of(
            &["Tillid", "tekst", "Et eksempel", "tekst"],
            &headings,
            "role",
        );
        assert_eq!(c[1], c[3]);
    }
}
