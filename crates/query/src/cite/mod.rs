//! Danish citations of quotes: APA 7 to read and paste into a report, and
//! RIS, BibTeX and CSL-JSON to import into a reference manager.
//!
//! [`Citations`] knows every publication at once, because a booklet's year
//! label ("u.å." or "u.å.-b") depends on the other booklets by the same
//! author (`work`), and gives each face the in-text citation, the
//! reference and the one-line `citation` field. Each format is a file of
//! its own, with the choices it makes for Zotero and EndNote in its opening
//! comment: `apa`, `ris`, `bibtex`, `csl_json`. What the machine formats
//! share: the quote travels in the record's note (`note`), written by
//! Danish conventions (`danish`).

mod apa;
mod bibtex;
mod csl_json;
mod danish;
#[cfg(test)]
mod fixtures;
mod note;
mod ris;
mod work;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use citater_indexer::{Publication, Quote};

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
#[error("unknown citation style '{0}'; valid styles are: {valid}", valid = Style::listed())]
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

/// Cites quotes from the corpus. It must know every publication at once:
/// whether a booklet is "u.å." or "u.å.-b" depends on the other booklets by
/// the same author.
#[derive(Debug, Clone)]
pub struct Citations {
    works: HashMap<String, Work>,
}

impl Citations {
    /// Works out every booklet's year label once, so each citation agrees
    /// with the reference list.
    pub fn new(publications: &[Publication]) -> Citations {
        Citations {
            works: work::works(publications),
        }
    }

    /// The year as APA prints it, so in-text citations and the reference list
    /// tell apart the undated booklets by the same author: "2012", "u.å.", or
    /// "u.å.-a"/"u.å.-b" lettered by title.
    ///
    /// # Panics
    /// If `publication_id` was not among the publications given to `new`;
    /// ids come from the same corpus, so that is a bug in the caller.
    pub fn year_label(&self, publication_id: &str) -> String {
        self.registered(publication_id).year_label.clone()
    }

    /// The APA 7 parenthetical a report writer puts after the quote, with the
    /// page span only where the booklet's contents give one:
    /// "(Væksthus for Ledelse, 2012, s. 6-9)".
    pub fn in_text(&self, quote: &Quote) -> String {
        apa::in_text(&self.work(quote), quote.pages)
    }

    /// The APA 7 reference-list entry in plain text (no italics), as the
    /// terminal, JSON and a plain-text paste need it.
    ///
    /// # Panics
    /// If `publication_id` was not among the publications given to `new`.
    pub fn reference(&self, publication_id: &str) -> String {
        apa::reference(self.registered(publication_id), false)
    }

    /// The same entry with the title in Markdown italics (`*…*`), as APA sets
    /// it, for Markdown exports.
    ///
    /// # Panics
    /// If `publication_id` was not among the publications given to `new`.
    pub fn reference_markdown(&self, publication_id: &str) -> String {
        apa::reference(self.registered(publication_id), true)
    }

    /// The one-line `citation` every quote carries in JSON: the reference a
    /// writer pastes into the reference list, the section to find the quote
    /// in, and the in-text form to put after it, e.g.
    /// "Væksthus for Ledelse. (u.å.-b). Pas på trinet! Nye opgaver og
    /// faldgruber, når du skifter ledelsesniveau. Afsnit: At blive leder.
    /// I teksten: (Væksthus for Ledelse, u.å.-b)."
    pub fn citation_field(&self, quote: &Quote) -> String {
        let work = self.work(quote);
        let mut field = apa::reference(&work, false);
        if !quote.theme.trim().is_empty() {
            field.push_str(" Afsnit: ");
            field.push_str(&danish::sentence(&quote.theme));
        }
        field.push_str(" I teksten: ");
        field.push_str(&apa::in_text(&work, quote.pages));
        field.push('.');
        danish::one_line(&field)
    }

    /// One quote in a style, for `citater cite` and the cite endpoint. The
    /// same as exporting a selection of one, so a single citation and an
    /// export never disagree.
    pub fn format(&self, quote: &Quote, style: Style) -> String {
        self.format_many(std::slice::from_ref(quote), style)
    }

    /// A selection of quotes in one style, ready to save as a file: APA as
    /// quote paragraphs followed by their reference list; RIS records and
    /// BibTeX entries one after another (BibTeX keys unique); CSL-JSON as one
    /// array (ids unique).
    pub fn format_many(&self, quotes: &[Quote], style: Style) -> String {
        let works: Vec<Cow<Work>> = quotes.iter().map(|q| self.work(q)).collect();
        let cited: Vec<(&Work, &Quote)> = works.iter().map(AsRef::as_ref).zip(quotes).collect();
        match style {
            Style::Apa => apa::selection(&cited),
            Style::Ris => cited
                .iter()
                .map(|(work, quote)| ris::record(work, quote))
                .collect::<Vec<_>>()
                .join("\n"),
            Style::Bibtex => {
                let keys = unique(cited.iter().map(|(work, quote)| bibtex::key(work, quote)));
                cited
                    .iter()
                    .zip(keys)
                    .map(|((work, quote), key)| bibtex::entry(work, quote, &key))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Style::CslJson => {
                let ids = unique(quotes.iter().map(|q| q.id.clone()));
                csl_json::items(
                    cited
                        .iter()
                        .zip(ids)
                        .map(|((work, quote), id)| (*work, *quote, id)),
                )
            }
        }
    }

    fn registered(&self, publication_id: &str) -> &Work {
        self.works.get(publication_id).unwrap_or_else(|| {
            panic!("no publication with id '{publication_id}' was given to Citations::new")
        })
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
    use std::collections::HashSet;

    use citater_indexer::Corpus;

    use super::fixtures::{
        citations, corpus_dir, publications, read_bibtex, read_ris, ris_values, tango, trinet,
    };
    use super::*;

    #[test]
    fn undated_booklets_by_one_author_are_lettered_by_title() {
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
        publications.push(Publication {
            id: "aabne-doere".into(),
            title: "Åbne døre".into(),
            subtitle: None,
            ..tango.clone()
        });
        publications.push(Publication {
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
    fn citation_field_is_one_line_with_reference_section_and_in_text_form() {
        let c = citations();
        assert_eq!(
            c.citation_field(&tango()),
            "Væksthus for Ledelse. (2012). Den politiske tango. Udfordringer i samspillet \
             mellem politisk og administrativ topleder. Afsnit: Den politiske livsledsager. \
             I teksten: (Væksthus for Ledelse, 2012, s. 6-9)."
        );
        assert_eq!(
            c.citation_field(&trinet()),
            "Væksthus for Ledelse. (u.å.-b). Pas på trinet! Nye opgaver og faldgruber, når du \
             skifter ledelsesniveau. Afsnit: At blive leder. I teksten: (Væksthus for Ledelse, \
             u.å.-b)."
        );
    }

    #[test]
    fn every_quote_in_the_corpus_exports_in_every_style() {
        let corpus = Corpus::load(&corpus_dir()).expect("the corpus loads");
        let quotes = corpus.quotes().expect("the quotes extract");
        let c = Citations::new(&corpus.publications);
        for quote in &quotes {
            let field = c.citation_field(quote);
            assert!(
                !field.contains('\n') && field.contains("I teksten: ("),
                "{field}"
            );
        }
        let records = read_ris(&c.format_many(&quotes, Style::Ris)).expect("valid RIS");
        assert_eq!(records.len(), quotes.len());
        let entries = read_bibtex(&c.format_many(&quotes, Style::Bibtex)).expect("valid BibTeX");
        let keys: HashSet<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys.len(), quotes.len());
        let json = c.format_many(&quotes, Style::CslJson);
        let items: Vec<serde_json::Value> = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(items.len(), quotes.len());
    }

    #[test]
    fn a_quote_from_an_unknown_booklet_is_cited_by_title_without_inventing() {
        let c = citations();
        let mut q = trinet();
        q.id = "et-andet-haefte-jeg-bruger-70-pct-af-min".into();
        q.publication = citater_indexer::PublicationRef {
            id: "et-andet-haefte".into(),
            title: "Et andet hæfte".into(),
            year: None,
        };
        assert_eq!(c.in_text(&q), "(Et andet hæfte, u.å.)");
        assert!(c
            .format(&q, Style::Apa)
            .ends_with("\n\nEt andet hæfte. (u.å.).\n"));
        let records = read_ris(&c.format(&q, Style::Ris)).expect("valid RIS");
        assert!(ris_values(&records[0], "AU").is_empty());
        assert!(ris_values(&records[0], "PY").is_empty());
        let entries = read_bibtex(&c.format(&q, Style::Bibtex)).expect("valid BibTeX");
        assert!(!entries[0].fields.contains_key("author"));
        assert_eq!(entries[0].key, "andetua-jeg-bruger-70-pct-af-min");
    }

    #[test]
    fn styles_parse_without_regard_to_case_and_unknown_ones_are_explained() {
        for style in Style::ALL {
            assert_eq!(style.as_str().parse::<Style>(), Ok(style));
            assert_eq!(style.as_str().to_uppercase().parse::<Style>(), Ok(style));
        }
        assert_eq!(
            "mla".parse::<Style>().unwrap_err().to_string(),
            "unknown citation style 'mla'; valid styles are: apa, ris, bibtex, csl-json"
        );
    }
}
