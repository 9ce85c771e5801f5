//! The work a quote is cited from: one booklet as a citation sees it, with
//! the year label APA prints ("2012", "2012a", "u.å.", "u.å.-b").
//!
//! The booklets are written and published by one organisation, so the
//! organisation is the corporate author. A year the booklet does not print is
//! never invented: APA prints "u.å." (Danish for n.d.), and one author's works
//! of one year (dated or not) are lettered a, b, … in Danish title order.

use std::collections::HashMap;

use citater_indexer::{Publication, Quote};

use super::danish;

/// Every booklet is Danish; reference managers and CSL styles use the
/// language to leave Danish capitalisation alone.
pub(crate) const LANGUAGE: &str = "da";

/// What a citation needs to know about one publication.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Work {
    /// The corporate author, who is also the publisher; `None` only for a
    /// quote whose publication is unknown, which APA then cites by title.
    pub(crate) organisation: Option<String>,
    pub(crate) title: String,
    pub(crate) year: Option<i32>,
    /// "2012", "2012a", "u.å." or "u.å.-a".
    pub(crate) year_label: String,
    pub(crate) isbn: Option<String>,
}

impl Work {
    /// A work cited from what a quote itself says about its booklet, for a
    /// quote from a booklet the citations were not built with (a stale
    /// index): by title, with no author and no letter.
    pub(crate) fn from_quote(quote: &Quote) -> Work {
        Work {
            organisation: None,
            title: quote.publication.title.clone(),
            year: quote.publication.year,
            year_label: year_label(quote.publication.year, None),
            isbn: None,
        }
    }
}

/// Every publication as a work, by publication id, with the year labels
/// worked out across all of them: whether a booklet is "u.å." or "u.å.-b"
/// depends on the other booklets by the same author.
pub(crate) fn works(publications: &[Publication]) -> HashMap<String, Work> {
    let mut groups: HashMap<(&str, Option<i32>), Vec<&Publication>> = HashMap::new();
    for publication in publications {
        groups
            .entry((publication.publisher.as_str(), publication.year))
            .or_default()
            .push(publication);
    }
    let mut works = HashMap::new();
    for group in groups.values_mut() {
        // APA orders one author's works of the same year by title and
        // letters them in that order.
        group.sort_by_cached_key(|p| (danish::sort_key(&p.full_title()), p.id.clone()));
        let shared = group.len() > 1;
        for (i, publication) in group.iter().enumerate() {
            let suffix = shared.then(|| letters(i));
            works.insert(
                publication.id.clone(),
                Work {
                    organisation: Some(publication.publisher.clone()),
                    title: publication.full_title(),
                    year: publication.year,
                    year_label: year_label(publication.year, suffix.as_deref()),
                    isbn: publication.isbn.clone(),
                },
            );
        }
    }
    works
}

fn year_label(year: Option<i32>, suffix: Option<&str>) -> String {
    match (year, suffix) {
        (Some(year), None) => year.to_string(),
        (Some(year), Some(suffix)) => format!("{year}{suffix}"),
        (None, None) => "u.å.".to_string(),
        (None, Some(suffix)) => format!("u.å.-{suffix}"),
    }
}

/// a, b, …, z, aa, ab, …: APA's suffixes for one author's works of one year.
fn letters(mut i: usize) -> String {
    let mut suffix = String::new();
    loop {
        suffix.insert(0, char::from(b'a' + (i % 26) as u8));
        if i < 26 {
            return suffix;
        }
        i = i / 26 - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_run_a_to_z_then_aa() {
        let got: Vec<String> = [0, 1, 25, 26, 27, 51, 52].map(letters).to_vec();
        assert_eq!(got, ["a", "b", "z", "aa", "ab", "az", "ba"]);
    }

    #[test]
    fn year_labels_letter_dated_and_undated_years_alike() {
        assert_eq!(year_label(Some(2012), None), "2012");
        assert_eq!(year_label(Some(2012), Some("b")), "2012b");
        assert_eq!(year_label(None, None), "u.å.");
        assert_eq!(year_label(None, Some("a")), "u.å.-a");
    }
}
