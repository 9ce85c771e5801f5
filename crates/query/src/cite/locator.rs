//! Where in a booklet a quote stands, as an in-text citation points to it.
//!
//! APA 7 (§8.13) gives a quote's page where it is known, and otherwise the
//! heading of its section. The booklets' tables of contents give only each
//! chapter's page span, so a quote's page is known only when its chapter is
//! one page long; elsewhere a span such as "s. 6-9" would send the reader
//! through four pages for two sentences, and the section heading is the
//! honest pointer. The nearest heading is the quote's subtheme, else its
//! theme.
//!
//! The words are those citeproc-js prints with the APA 7 style in Danish,
//! so a reference manager's citation and ours read alike: "s. 12" for the
//! CSL label `page`, "afs. „…“" for `paragraph` (the Danish locale's
//! "afsnit"; its `section` is a legal "paragraf").

use std::fmt;

use citater_indexer::Quote;

/// A quote's place in its booklet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Locator {
    /// The printed page, where the quote's page is known.
    Page(u32),
    /// The heading of the section the quote stands in.
    Section(String),
}

impl Locator {
    /// The quote's locator, or `None` when neither its page nor a heading is
    /// known.
    pub fn of(quote: &Quote) -> Option<Locator> {
        if let Some(pages) = quote.pages.filter(|p| p.first == p.last) {
            return Some(Locator::Page(pages.first));
        }
        let heading = quote
            .subtheme
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .unwrap_or(quote.theme.trim());
        (!heading.is_empty()).then(|| Locator::Section(heading.to_string()))
    }

    /// The CSL locator label a citation processor is given.
    pub fn csl_label(&self) -> &'static str {
        match self {
            Locator::Page(_) => "page",
            Locator::Section(_) => "paragraph",
        }
    }

    /// The locator's value without its label, as CSL wants it.
    pub fn value(&self) -> String {
        match self {
            Locator::Page(page) => page.to_string(),
            Locator::Section(heading) => format!("„{heading}“"),
        }
    }
}

impl fmt::Display for Locator {
    /// "s. 12" or "afs. „At lede mennesker og relationer“".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Locator::Page(_) => write!(f, "s. {}", self.value()),
            Locator::Section(_) => write!(f, "afs. {}", self.value()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::fixtures::{awkward, tango, trinet};

    #[test]
    fn a_page_only_where_the_chapter_is_one_page() {
        // tango's chapter runs over pages 6-9: the section, not the span.
        assert_eq!(
            Locator::of(&tango()),
            Some(Locator::Section("Den politiske livsledsager".into()))
        );
        assert_eq!(Locator::of(&awkward()), Some(Locator::Page(12)));
        assert_eq!(Locator::of(&awkward()).unwrap().to_string(), "s. 12");
    }

    #[test]
    fn the_nearest_heading_is_the_subtheme() {
        let mut q = trinet();
        q.subtheme = Some("At lede mennesker og relationer".into());
        let locator = Locator::of(&q).unwrap();
        assert_eq!(
            locator.to_string(),
            "afs. „At lede mennesker og relationer“"
        );
        assert_eq!(locator.csl_label(), "paragraph");
        q.subtheme = None;
        q.theme = " ".into();
        assert_eq!(Locator::of(&q), None);
    }
}
