//! A reference list: the booklets a selection of quotes cites, each once,
//! in APA order, with the year labels this list needs.
//!
//! A reference is a booklet and a citation is a quote. APA letters one
//! author's works of one year ("2012a", "u.å.-b") only to tell apart the
//! works *in the list being made*: a report citing one undated booklet says
//! plain "u.å.". So the letters are worked out here, over the references
//! actually cited, in Danish title order, and every in-text citation of the
//! selection agrees with its list.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use citater_indexer::Quote;

use super::danish;
use super::locator::Locator;
use super::work::Work;

/// One booklet of a reference list, with the quotes cited from it.
#[derive(Debug, Clone)]
pub struct Reference<'a> {
    pub(crate) work: Cow<'a, Work>,
    /// "2012", "2012a", "u.å." or "u.å.-a".
    pub(crate) year_label: String,
    /// The selection's quotes from this booklet, in the selection's order.
    pub(crate) quotes: Vec<&'a Quote>,
}

impl Reference<'_> {
    /// The publication id of the booklet.
    pub fn id(&self) -> &str {
        &self.work.id
    }

    /// The year as this list prints it.
    pub fn year_label(&self) -> &str {
        &self.year_label
    }

    /// The quotes cited from this booklet.
    pub fn quotes(&self) -> &[&Quote] {
        &self.quotes
    }

    /// The APA 7 entry in its three parts, so each face can set the title
    /// in italics its own way: before the title, the title, after it.
    pub fn parts(&self) -> ReferenceParts {
        super::apa::parts(self)
    }

    /// The APA 7 entry as plain text.
    pub fn apa(&self) -> String {
        let parts = self.parts();
        format!("{}{}{}", parts.before, parts.title, parts.after)
    }

    /// The in-text citation of one of its quotes: "(Væksthus for Ledelse,
    /// 2012, afs. „Den politiske livsledsager“)".
    pub fn in_text(&self, quote: &Quote) -> String {
        super::apa::in_text(self, Locator::of(quote).as_ref())
    }
}

/// An APA reference split around its title, which APA sets in italics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceParts {
    /// "Væksthus for Ledelse. (2012). "
    pub before: String,
    /// "Den politiske tango: Udfordringer i samspillet …"
    pub title: String,
    /// "." (or "" after a title that ends in its own mark).
    pub after: String,
}

/// The references of a selection, in APA order: by author, undated works
/// first, then by year and title.
#[derive(Debug, Clone)]
pub struct References<'a> {
    references: Vec<Reference<'a>>,
    /// Each reference's index, by publication id.
    by_id: HashMap<String, usize>,
    /// The selection's quotes in its order, each with its reference's index.
    cited: Vec<(&'a Quote, usize)>,
}

impl<'a> References<'a> {
    /// The list for `quotes`, each cited from the work `work_of` gives it.
    pub(crate) fn new(
        quotes: &[&'a Quote],
        work_of: impl Fn(&'a Quote) -> Cow<'a, Work>,
    ) -> References<'a> {
        let mut references: Vec<Reference<'a>> = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for quote in quotes {
            if !seen.insert(&quote.id) {
                continue;
            }
            match at.get(quote.publication.id.as_str()) {
                Some(&i) => references[i].quotes.push(quote),
                None => {
                    at.insert(&quote.publication.id, references.len());
                    references.push(Reference {
                        work: work_of(quote),
                        year_label: String::new(),
                        quotes: vec![quote],
                    });
                }
            }
        }
        Self::ordered(references, quotes)
    }

    /// A list of works cited by no quote: the whole collection, whose labels
    /// the page and `/api/publications` show.
    pub(crate) fn of_works(works: impl Iterator<Item = &'a Work>) -> References<'a> {
        let references = works
            .map(|work| Reference {
                work: Cow::Borrowed(work),
                year_label: String::new(),
                quotes: Vec::new(),
            })
            .collect();
        Self::ordered(references, &[])
    }

    fn ordered(mut references: Vec<Reference<'a>>, quotes: &[&'a Quote]) -> References<'a> {
        references.sort_by_cached_key(|r| {
            (
                danish::sort_key(r.work.who()),
                r.work.year,
                danish::sort_key(&r.work.full_title),
                r.work.id.clone(),
            )
        });
        // One author's works of one year, already in title order, are
        // lettered a, b, … where there is more than one.
        for works in references
            .chunk_by_mut(|a, b| a.work.who() == b.work.who() && a.work.year == b.work.year)
        {
            let shared = works.len() > 1;
            for (i, reference) in works.iter_mut().enumerate() {
                let suffix = shared.then(|| letters(i));
                reference.year_label = year_label(reference.work.year, suffix.as_deref());
            }
        }
        let by_id: HashMap<String, usize> = references
            .iter()
            .enumerate()
            .map(|(i, r)| (r.work.id.clone(), i))
            .collect();
        let cited = quotes
            .iter()
            .map(|quote| {
                let at = by_id[quote.publication.id.as_str()];
                (*quote, at)
            })
            .collect();
        References {
            references,
            by_id,
            cited,
        }
    }

    /// The references in APA order.
    pub fn iter(&self) -> impl Iterator<Item = &Reference<'a>> {
        self.references.iter()
    }

    /// The selection's quotes in its order, each with its reference.
    pub fn cited(&self) -> impl Iterator<Item = (&'a Quote, &Reference<'a>)> {
        self.cited
            .iter()
            .map(|(quote, at)| (*quote, &self.references[*at]))
    }

    /// The reference of a booklet in this list.
    pub fn get(&self, publication_id: &str) -> Option<&Reference<'a>> {
        self.by_id.get(publication_id).map(|&i| &self.references[i])
    }
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
    use crate::cite::fixtures::{citations, mellem, tango, trinet};

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

    #[test]
    fn one_undated_booklet_is_plain_u_aa_and_two_are_lettered_by_title() {
        let c = citations();
        let (a, b, t) = (trinet(), mellem(), tango());
        let one = c.references(&[&a, &a]);
        assert_eq!(one.iter().count(), 1);
        assert_eq!(one.get("pas-paa-trinet").unwrap().year_label(), "u.å.");
        let two = c.references(&[&a, &b, &t]);
        let labels: Vec<(&str, &str)> = two.iter().map(|r| (r.id(), r.year_label())).collect();
        // Mellem … before Pas …; undated before dated.
        assert_eq!(
            labels,
            [
                ("mellem-chef-og-direktoer", "u.å.-a"),
                ("pas-paa-trinet", "u.å.-b"),
                ("den-politiske-tango", "2012")
            ]
        );
    }
}
