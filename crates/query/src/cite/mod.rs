//! Danish citations of quotes: APA 7 to read and paste into a report, and
//! RIS, BibTeX and CSL-JSON to import into a reference manager.
//!
//! A reference is a booklet; a citation is a quote. [`Citations`] knows
//! every publication and makes the reference list of any selection
//! ([`References`], `references`): each booklet once, in APA order, with the
//! year letters that list needs; each quote is cited from it with its
//! locator (`locator`: the page where known, else the section). Each format
//! is a file of its own, with the choices it makes for Zotero, EndNote,
//! biblatex and citeproc in its opening comment: `apa`, `ris`, `bibtex`,
//! `csl_json`. What the machine formats share: the quotes travel in notes
//! about the booklet (`note`), never inside the reference, written by
//! Danish conventions (`danish`).

mod apa;
mod bibtex;
mod csl_json;
mod danish;
#[cfg(test)]
pub(crate) mod fixtures;
mod locator;
mod note;
mod references;
mod ris;
mod work;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;
use std::sync::OnceLock;

use citater_indexer::{Imprint, Quote};

pub use self::locator::Locator;
pub use self::references::{Reference, ReferenceParts, References};
use self::work::Work;

/// The citation styles a user can ask for, in the CLI (`--style`), the API
/// (`?style=`) and exports; one enum so every face offers the same four.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// APA 7 with Danish terms ("u.å.", "s."), as plain text to paste into a
    /// report.
    Apa,
    /// RIS as type `RPRT`, for Zotero and EndNote.
    Ris,
    /// BibTeX `@techreport`, the report type every BibTeX flavour reads.
    Bibtex,
    /// CSL-JSON, for pandoc and other CSL processors.
    CslJson,
}

impl Style {
    /// Every style, in the order help texts and error messages list them.
    pub const ALL: [Style; 4] = [Style::Apa, Style::Ris, Style::Bibtex, Style::CslJson];

    /// The name a user types, so parsing and listing agree.
    pub fn as_str(&self) -> &'static str {
        match self {
            Style::Apa => "apa",
            Style::Ris => "ris",
            Style::Bibtex => "bibtex",
            Style::CslJson => "csl-json",
        }
    }

    /// Every style's name, comma-separated, for messages.
    fn listed() -> String {
        let names: Vec<&str> = Style::ALL.iter().map(Style::as_str).collect();
        names.join(", ")
    }
}

/// Why a text is not a citation style; its message lists the valid ones so a
/// user can correct the request without looking anything up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "Ukendt citatstil »{typed}«; kendte stilarter: {valid}.",
    typed = crate::error::echo(.0),
    valid = Style::listed()
)]
pub struct UnknownStyle(pub String);

impl FromStr for Style {
    type Err = UnknownStyle;

    /// Case-insensitive, because users type `APA` as often as `apa`.
    fn from_str(s: &str) -> Result<Style, UnknownStyle> {
        Style::ALL
            .into_iter()
            .find(|style| style.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownStyle(s.to_string()))
    }
}

/// Cites quotes from the corpus: knows every publication, and makes the
/// reference list of any selection of quotes.
#[derive(Debug, Clone)]
pub struct Citations {
    works: HashMap<String, Work>,
    /// Each booklet's year label in the collection's reference list, by
    /// id: worked out once, when first asked for.
    collection_labels: OnceLock<HashMap<String, String>>,
}

impl Citations {
    /// Citations over the collection's publications.
    pub fn new(publications: &[Imprint]) -> Citations {
        Citations {
            works: publications
                .iter()
                .map(|p| (p.id.clone(), Work::new(p)))
                .collect(),
            collection_labels: OnceLock::new(),
        }
    }

    /// The reference list of a selection: each booklet once, in APA order,
    /// its year lettered only where the list holds another work by the same
    /// author and year.
    pub fn references<'a>(&'a self, quotes: &[&'a Quote]) -> References<'a> {
        References::new(quotes, |quote| self.work(quote))
    }

    /// The reference list of the whole collection, as `/api/publications`
    /// and the page show each booklet.
    fn collection(&self) -> References<'_> {
        References::of_works(self.works.values())
    }

    /// The year a booklet has in the collection's reference list: "2012",
    /// "u.å.", or "u.å.-a"/"u.å.-b" lettered by title.
    ///
    /// # Panics
    /// If `publication_id` was not among the publications given to `new`;
    /// ids come from the same corpus, so that is a bug in the caller.
    pub fn year_label(&self, publication_id: &str) -> String {
        self.listed(publication_id).year_label().to_string()
    }

    /// A booklet's APA 7 entry in the collection's reference list, in plain
    /// text.
    ///
    /// # Panics
    /// If `publication_id` was not among the publications given to `new`.
    pub fn reference(&self, publication_id: &str) -> String {
        self.listed(publication_id).apa()
    }

    /// The in-text citation of a quote cited on its own: "(Væksthus for
    /// Ledelse, u.å., afs. „At blive leder“)".
    pub fn in_text(&self, quote: &Quote) -> String {
        self.alone(quote, |quote, reference| reference.in_text(quote))
    }

    /// The one-line `citation` every quote carries in JSON: the reference a
    /// writer pastes into the reference list and the in-text form to put
    /// after the quote, e.g. "Væksthus for Ledelse. (u.å.). Pas på trinet!
    /// Nye opgaver og faldgruber, når du skifter ledelsesniveau. I teksten:
    /// (Væksthus for Ledelse, u.å., afs. „At blive leder“)."
    pub fn citation_field(&self, quote: &Quote) -> String {
        self.alone(quote, |quote, reference| {
            let field = format!(
                "{} I teksten: {}.",
                reference.apa(),
                reference.in_text(quote)
            );
            danish::one_line(&field)
        })
    }

    /// A quote cited on its own: from a reference list of one.
    fn alone<T>(&self, quote: &Quote, cite: impl FnOnce(&Quote, &Reference) -> T) -> T {
        let references = self.references(&[quote]);
        let (quote, reference) = references.cited().next().expect("one quote cited");
        cite(quote, reference)
    }

    /// One quote in a style, for `citater cite` and the cite endpoint. The
    /// same as exporting a selection of one, so a single citation and an
    /// export never disagree.
    pub fn format(&self, quote: &Quote, style: Style) -> String {
        self.format_many(&[quote], style)
    }

    /// A selection of quotes in one style, ready to save as a file: APA as
    /// quote paragraphs followed by their reference list; one RIS record,
    /// BibTeX entry (keys unique) or CSL-JSON item per booklet, with the
    /// quotes in its notes.
    pub fn format_many(&self, quotes: &[&Quote], style: Style) -> String {
        let references = self.references(quotes);
        match style {
            Style::Apa => apa::selection(&references),
            Style::Ris => references
                .iter()
                .map(ris::record)
                .collect::<Vec<_>>()
                .join("\n"),
            Style::Bibtex => {
                let keys = unique(references.iter().map(bibtex::key));
                references
                    .iter()
                    .zip(keys)
                    .map(|(reference, key)| bibtex::entry(reference, &key))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Style::CslJson => csl_json::items(&references),
        }
    }

    fn listed(&self, publication_id: &str) -> Reference<'_> {
        let labels = self.collection_labels.get_or_init(|| {
            self.collection()
                .iter()
                .map(|r| (r.id().to_string(), r.year_label().to_string()))
                .collect()
        });
        match (self.works.get(publication_id), labels.get(publication_id)) {
            (Some(work), Some(label)) => Reference {
                work: Cow::Borrowed(work),
                year_label: label.clone(),
                quotes: Vec::new(),
            },
            _ => panic!("no publication with id '{publication_id}' was given to Citations::new"),
        }
    }

    /// The quote's publication; a quote from a booklet these citations were
    /// not built with (a stale index) is cited from what the quote itself
    /// says, by title, rather than failing a request.
    fn work(&self, quote: &Quote) -> Cow<'_, Work> {
        match self.works.get(&quote.publication.id) {
            Some(work) => Cow::Borrowed(work),
            None => Cow::Owned(Work::from_quote(quote)),
        }
    }
}

/// Makes ids unique in order of appearance: `x`, `x-2`, `x-3`.
fn unique(bases: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    bases
        .map(|base| {
            let mut id = base.clone();
            let mut n = 1;
            while !seen.insert(id.clone()) {
                n += 1;
                id = format!("{base}-{n}");
            }
            id
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use citater_indexer::Corpus;

    use super::fixtures::{
        citations, corpus_dir, publications, read_bibtex, read_ris, tango, trinet,
    };
    use super::*;

    #[test]
    fn the_collection_letters_its_two_undated_booklets_by_title() {
        let c = citations();
        assert_eq!(c.year_label("mellem-chef-og-direktoer"), "u.å.-a");
        assert_eq!(c.year_label("pas-paa-trinet"), "u.å.-b");
        assert_eq!(c.year_label("den-politiske-tango"), "2012");
        assert_eq!(c.year_label("kaere-chef-kaere-ledere"), "2016");
        assert_eq!(c.year_label("staerkt-samarbejde-i-chefgruppen"), "2022");
    }

    #[test]
    fn same_year_works_are_lettered_in_danish_title_order() {
        let mut publications = publications();
        let tango = publications
            .iter()
            .find(|p| p.id == "den-politiske-tango")
            .cloned()
            .expect("the tango booklet");
        publications.push(Imprint {
            id: "aabne-doere".into(),
            title: "Åbne døre".into(),
            subtitle: None,
            ..tango.clone()
        });
        publications.push(Imprint {
            id: "zoner".into(),
            title: "Zoner".into(),
            subtitle: None,
            ..tango
        });
        let c = Citations::new(&publications);
        // D < Z < Å in Danish.
        assert_eq!(c.year_label("den-politiske-tango"), "2012a");
        assert_eq!(c.year_label("zoner"), "2012b");
        assert_eq!(c.year_label("aabne-doere"), "2012c");
        assert_eq!(c.year_label("kaere-chef-kaere-ledere"), "2016");
    }

    #[test]
    fn citation_field_is_one_line_with_reference_and_in_text_form() {
        let c = citations();
        assert_eq!(
            c.citation_field(&tango()),
            "Væksthus for Ledelse. (2012). Den politiske tango: Udfordringer i samspillet \
             mellem politisk og administrativ topleder. I teksten: (Væksthus for Ledelse, \
             2012, afs. „Den politiske livsledsager“)."
        );
        assert_eq!(
            c.citation_field(&trinet()),
            "Væksthus for Ledelse. (u.å.). Pas på trinet! Nye opgaver og faldgruber, når du \
             skifter ledelsesniveau. I teksten: (Væksthus for Ledelse, u.å., afs. „At blive \
             leder“)."
        );
    }

    #[test]
    fn the_whole_corpus_exports_one_reference_per_booklet_in_every_style() {
        let corpus = Corpus::load(&corpus_dir()).expect("the corpus loads");
        let quotes = corpus.quotes().expect("the quotes extract");
        let quotes: Vec<&Quote> = quotes.iter().collect();
        let imprints: Vec<Imprint> = corpus.publications.iter().map(|p| p.imprint()).collect();
        let c = Citations::new(&imprints);
        for quote in &quotes {
            let field = c.citation_field(quote);
            assert!(
                !field.contains('\n') && field.contains("I teksten: ("),
                "{field}"
            );
        }
        let booklets = corpus.publications.len();
        let records = read_ris(&c.format_many(&quotes, Style::Ris)).expect("valid RIS");
        assert_eq!(records.len(), booklets);
        let notes: usize = records
            .iter()
            .map(|r| r.iter().filter(|(tag, _)| tag == "N1").count())
            .sum();
        assert_eq!(notes, quotes.len(), "a note per quote");
        let entries = read_bibtex(&c.format_many(&quotes, Style::Bibtex)).expect("valid BibTeX");
        assert_eq!(entries.len(), booklets);
        let json = c.format_many(&quotes, Style::CslJson);
        let items: Vec<serde_json::Value> = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(items.len(), booklets);
    }

    #[test]
    fn a_quote_from_an_unknown_booklet_is_cited_by_title_without_inventing() {
        let c = citations();
        let mut q = trinet();
        q.id = "et-andet-haefte-jeg-bruger-70-pct-af-min".into();
        q.publication = citater_indexer::PublicationRef {
            id: "et-andet-haefte".into(),
            title: "Et andet hæfte".into(),
            short_title: "Et andet hæfte".into(),
            year: None,
        };
        assert_eq!(
            c.in_text(&q),
            "(Et andet hæfte, u.å., afs. „At blive leder“)"
        );
        assert!(c
            .format(&q, Style::Apa)
            .ends_with("\n\nEt andet hæfte. (u.å.).\n"));
        let records = read_ris(&c.format(&q, Style::Ris)).expect("valid RIS");
        assert!(!records[0].iter().any(|(tag, _)| tag == "AU" || tag == "PY"));
        let entries = read_bibtex(&c.format(&q, Style::Bibtex)).expect("valid BibTeX");
        assert!(!entries[0].fields.contains_key("author"));
        assert_eq!(entries[0].key, "andetua");
    }

    #[test]
    fn styles_parse_without_regard_to_case_and_unknown_ones_are_explained() {
        for style in Style::ALL {
            assert_eq!(style.as_str().parse::<Style>(), Ok(style));
            assert_eq!(style.as_str().to_uppercase().parse::<Style>(), Ok(style));
        }
        assert_eq!(
            "mla".parse::<Style>().unwrap_err().to_string(),
            "Ukendt citatstil »mla«; kendte stilarter: apa, ris, bibtex, csl-json."
        );
    }
}
