//! The work a quote is cited from: one booklet as a reference sees it.
//!
//! The booklets are written and published by one organisation, so the
//! organisation is the corporate author, and APA 7 leaves out a publisher
//! that is the author. A year the booklet does not print is never invented:
//! APA prints "u.å." (Danish for n.d.). Which letter a year gets ("2012a",
//! "u.å.-b") depends on the reference list being made, so it is not here but
//! in `references`.

use citater_indexer::{Imprint, Quote};

/// Every booklet is Danish; reference managers and CSL styles use the
/// language to leave Danish capitalisation alone.
pub(crate) const LANGUAGE: &str = "da";

/// What a reference needs to know about one publication.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Work {
    /// The publication id; references and exports are keyed by it.
    pub(crate) id: String,
    /// The corporate author; `None` only for a quote whose publication is
    /// unknown, which APA then cites by title.
    pub(crate) organisation: Option<String>,
    /// The main title as printed.
    pub(crate) title: String,
    pub(crate) subtitle: Option<String>,
    /// "Titel: Undertitel", as Danish APA 7 joins them
    /// (`Imprint::full_title`).
    pub(crate) full_title: String,
    pub(crate) year: Option<i32>,
    pub(crate) isbn: Option<String>,
}

impl Work {
    pub(crate) fn new(publication: &Imprint) -> Work {
        Work {
            id: publication.id.clone(),
            organisation: Some(publication.publisher.clone()),
            title: publication.title.clone(),
            subtitle: publication.subtitle.clone(),
            full_title: publication.full_title(),
            year: publication.year,
            isbn: publication.isbn.clone(),
        }
    }

    /// A work cited from what a quote itself says about its booklet, for a
    /// quote from a booklet the citations were not built with (a stale
    /// index): by title, with no author.
    pub(crate) fn from_quote(quote: &Quote) -> Work {
        Work {
            id: quote.publication.id.clone(),
            organisation: None,
            title: quote.publication.title.clone(),
            subtitle: None,
            full_title: quote.publication.title.clone(),
            year: quote.publication.year,
            isbn: None,
        }
    }

    /// Who the in-text citation and the reference list name: the author, or
    /// the title where there is none.
    pub(crate) fn who(&self) -> &str {
        self.organisation.as_deref().unwrap_or(&self.full_title)
    }
}
