//! Danish citations of quotes: APA 7 to read and paste into a report, and
//! RIS, BibTeX and CSL-JSON to import into a reference manager.
//!
//! The booklets are written and published by one organisation, so the
//! organisation is the corporate author and, as APA 7 asks, is not repeated as
//! publisher in the reference. A year the booklet does not print is never
//! invented: APA prints "u.å." (Danish for n.d.), and the machine formats leave
//! the date out so the user's own style decides how to say "no date".
//!
//! Choices per format, made for how Zotero and EndNote read them:
//! - RIS: type `RPRT` (Zotero and EndNote "Report"). The ISBN is *not*
//!   written as `SN`: for `RPRT` both programs read `SN` as the report number,
//!   and APA styles would then print "Rapport nr. 978-…"; BibTeX and CSL-JSON
//!   carry it instead. `AU` holds the organisation with a trailing comma,
//!   EndNote's convention for a corporate author (Zotero keeps the whole name
//!   as the last name). Lines end in LF; the text is UTF-8.
//! - BibTeX: `@techreport` with `institution`, the one report type classic
//!   BibTeX, biblatex, Zotero and pandoc all know (`@report` is
//!   biblatex-only). Braces in values are written as `\textbraceleft{}` /
//!   `\textbraceright{}` because BibTeX counts `\{` as an opening brace.
//! - CSL-JSON: type `report`, author as `literal`, `issued` left out when the
//!   booklet prints no year: CSL processors then print the locale's "no date"
//!   term, and styles that disambiguate by year suffix (APA does) add the
//!   a/b themselves. A literal "u.å.-b" would be wrong in any other style.
//!
//! Each record is the *publication*; the quote, its speaker, its section and
//! its page span travel in the note field (RIS `N1`, BibTeX `note`, CSL
//! `note`), because pinpoints belong to a citation, not to the item cited.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use citater_indexer::quote::{slug, Pages};
use citater_indexer::{Level, Publication, Quote};
use serde::Serialize;

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
}

/// Why a text is not a citation style; its message lists the valid ones so a
/// user can correct the request without looking anything up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStyle(pub String);

impl fmt::Display for UnknownStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let valid: Vec<&str> = Style::ALL.iter().map(Style::as_str).collect();
        write!(
            f,
            "unknown citation style '{}'; valid styles are: {}",
            self.0,
            valid.join(", ")
        )
    }
}

impl std::error::Error for UnknownStyle {}

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

/// What a citation needs to know about one publication.
#[derive(Debug, Clone, PartialEq)]
struct Work {
    /// The corporate author, who is also the publisher; `None` only for a
    /// quote whose publication is unknown, which APA then cites by title.
    organisation: Option<String>,
    title: String,
    year: Option<i32>,
    /// "2012", "2012a", "u.å." or "u.å.-a".
    year_label: String,
    isbn: Option<String>,
}

impl Citations {
    /// Works out every booklet's year label once, so each citation agrees
    /// with the reference list.
    pub fn new(publications: &[Publication]) -> Citations {
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
            group.sort_by_cached_key(|p| (danish_sort_key(&p.full_title()), p.id.clone()));
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
        Citations { works }
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
        in_text(&self.work(quote), quote.pages)
    }

    /// The APA 7 reference-list entry in plain text (no italics), as the
    /// terminal, JSON and a plain-text paste need it.
    ///
    /// # Panics
    /// If `publication_id` was not among the publications given to `new`.
    pub fn reference(&self, publication_id: &str) -> String {
        apa_reference(self.registered(publication_id), false)
    }

    /// The same entry with the title in Markdown italics (`*…*`), as APA sets
    /// it, for Markdown exports.
    ///
    /// # Panics
    /// If `publication_id` was not among the publications given to `new`.
    pub fn reference_markdown(&self, publication_id: &str) -> String {
        apa_reference(self.registered(publication_id), true)
    }

    /// The one-line `citation` every quote carries in JSON: the reference a
    /// writer pastes into the reference list, the section to find the quote
    /// in, and the in-text form to put after it, e.g.
    /// "Væksthus for Ledelse. (u.å.-b). Pas på trinet! Nye opgaver og
    /// faldgruber, når du skifter ledelsesniveau. Afsnit: At blive leder.
    /// I teksten: (Væksthus for Ledelse, u.å.-b)."
    pub fn citation_field(&self, quote: &Quote) -> String {
        let work = self.work(quote);
        let mut field = apa_reference(&work, false);
        if !quote.theme.trim().is_empty() {
            field.push_str(" Afsnit: ");
            field.push_str(&sentence(&quote.theme));
        }
        field.push_str(" I teksten: ");
        field.push_str(&in_text(&work, quote.pages));
        field.push('.');
        one_line(&field)
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
    /// array.
    pub fn format_many(&self, quotes: &[Quote], style: Style) -> String {
        match style {
            Style::Apa => self.apa(quotes),
            Style::Ris => quotes
                .iter()
                .map(|q| ris(&self.work(q), q))
                .collect::<Vec<_>>()
                .join("\n"),
            Style::Bibtex => {
                let keys = unique(quotes.iter().map(|q| bibtex_key(&self.work(q), q)));
                quotes
                    .iter()
                    .zip(keys)
                    .map(|(q, key)| bibtex(&self.work(q), q, &key))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Style::CslJson => {
                let ids = unique(quotes.iter().map(|q| q.id.clone()));
                let works: Vec<Cow<Work>> = quotes.iter().map(|q| self.work(q)).collect();
                let items: Vec<CslItem> = quotes
                    .iter()
                    .zip(&works)
                    .zip(ids)
                    .map(|((q, work), id)| csl_item(work, q, id))
                    .collect();
                let mut json = serde_json::to_string_pretty(&items)
                    .expect("CSL items are plain strings and numbers");
                json.push('\n');
                json
            }
        }
    }

    /// Quote paragraphs, then the reference list in APA order: by author,
    /// undated works first, then by year and title.
    fn apa(&self, quotes: &[Quote]) -> String {
        let mut out = String::new();
        for quote in quotes {
            out.push_str(&quotation(&quote.text));
            out.push(' ');
            out.push_str(&self.in_text(quote));
            out.push_str(".\n\n");
        }
        let mut works: Vec<Cow<Work>> = quotes.iter().map(|q| self.work(q)).collect();
        works.sort_by_cached_key(|w| {
            let author = w.organisation.as_deref().unwrap_or(&w.title);
            (danish_sort_key(author), w.year, danish_sort_key(&w.title))
        });
        works.dedup();
        for work in works {
            out.push_str(&apa_reference(&work, false));
            out.push('\n');
        }
        out
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
            None => Cow::Owned(Work {
                organisation: None,
                title: quote.publication.title.clone(),
                year: quote.publication.year,
                year_label: year_label(quote.publication.year, None),
                isbn: None,
            }),
        }
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

/// Orders titles as a Danish reader does: æ, ø and å come after z.
fn danish_sort_key(text: &str) -> Vec<u32> {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'æ' | 'ä' => u32::from('z') + 1,
            'ø' | 'ö' => u32::from('z') + 2,
            'å' => u32::from('z') + 3,
            c => u32::from(c),
        })
        .collect()
}

fn in_text(work: &Work, pages: Option<Pages>) -> String {
    let who = work.organisation.as_deref().unwrap_or(&work.title);
    match pages {
        Some(pages) => format!("({who}, {}, s. {pages})", work.year_label),
        None => format!("({who}, {})", work.year_label),
    }
}

/// "Væksthus for Ledelse. (2012). Titel." — or "Titel. (2012)." when the
/// author is unknown, as APA cites a work without author.
fn apa_reference(work: &Work, italics: bool) -> String {
    let title = if italics {
        format!("*{}*", work.title)
    } else {
        work.title.clone()
    };
    let title = if ends_sentence(&work.title) {
        title
    } else {
        format!("{title}.")
    };
    match &work.organisation {
        Some(organisation) => format!("{} ({}). {title}", sentence(organisation), work.year_label),
        None => format!("{title} ({}).", work.year_label),
    }
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '?', '!', '…'])
}

/// The text as a sentence: a full stop added unless it already ends in one
/// (or in ? ! …).
fn sentence(text: &str) -> String {
    let text = text.trim();
    if ends_sentence(text) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// The quote in Danish quotation marks „…“. As APA asks, the quote's own
/// closing full stop moves after the citation that follows (callers add it),
/// and double quotation marks inside become single ones.
fn quotation(text: &str) -> String {
    let text = text.trim();
    let text = match text.strip_suffix('.') {
        Some(rest) if !rest.ends_with('.') => rest,
        _ => text,
    };
    let mut inner = String::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let c = match c {
            '"' | '“' | '”' | '„' => {
                if previous.is_none_or(|p| p.is_whitespace() || "([–-".contains(p)) {
                    '‘'
                } else {
                    '’'
                }
            }
            c => c,
        };
        inner.push(c);
        previous = Some(c);
    }
    format!("„{inner}“")
}

/// Where in the booklet: "Afsnit: Store forventninger, s. 14-17".
fn locus(quote: &Quote) -> Option<String> {
    let theme = quote.theme.trim();
    match (theme.is_empty(), quote.pages) {
        (false, Some(pages)) => Some(format!("Afsnit: {theme}, s. {pages}")),
        (false, None) => Some(format!("Afsnit: {theme}")),
        (true, Some(pages)) => Some(format!("S. {pages}")),
        (true, None) => None,
    }
}

/// The quote as a reference manager keeps it with the publication: the
/// words, who said them, and where they stand.
fn note(quote: &Quote) -> String {
    let mut said = quotation(&quote.text);
    if !quote.speaker.trim().is_empty() {
        said.push_str(" – ");
        said.push_str(quote.speaker.trim());
    }
    let mut note = sentence(&said);
    if let Some(locus) = locus(quote) {
        note.push(' ');
        note.push_str(&sentence(&locus));
    }
    one_line(&note)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every booklet is Danish; reference managers and CSL styles use the
/// language to leave Danish capitalisation alone.
const LANGUAGE: &str = "da";

fn ris(work: &Work, quote: &Quote) -> String {
    let mut tags: Vec<(&str, String)> = vec![("TY", "RPRT".to_string())];
    if let Some(organisation) = &work.organisation {
        tags.push(("AU", format!("{organisation},")));
    }
    tags.push(("TI", work.title.clone()));
    if let Some(year) = work.year {
        tags.push(("PY", year.to_string()));
    }
    if let Some(organisation) = &work.organisation {
        tags.push(("PB", organisation.clone()));
    }
    tags.push(("LA", LANGUAGE.to_string()));
    if !quote.theme.trim().is_empty() {
        tags.push(("KW", quote.theme.clone()));
    }
    if quote.level != Level::Ukendt {
        tags.push(("KW", quote.level.as_str().to_string()));
    }
    tags.push(("N1", note(quote)));
    let mut record = String::new();
    for (tag, value) in tags {
        record.push_str(&format!("{tag}  - {}\n", one_line(&value)));
    }
    record.push_str("ER  - \n");
    record
}

/// Articles a key skips, so `Den politiske tango` gives `politiske`.
const ARTICLES: [&str; 5] = ["den", "det", "de", "en", "et"];

/// `vaeksthus2012politiske-helt-overordnet-saa-passer-vi-hver`: author, year,
/// title word, then the quote's own id, all ASCII.
fn bibtex_key(work: &Work, quote: &Quote) -> String {
    let title_word = slug(&work.title, 3)
        .split('-')
        .find(|word| !ARTICLES.contains(word))
        .unwrap_or_default()
        .to_string();
    let (who, what) = match &work.organisation {
        Some(organisation) => (slug(organisation, 1), title_word),
        None => (title_word, String::new()),
    };
    let when = work
        .year
        .map_or_else(|| "ua".to_string(), |y| y.to_string());
    let prefix = format!("{}-", quote.publication.id);
    let own: String = quote
        .id
        .strip_prefix(&prefix)
        .unwrap_or(&quote.id)
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
        .collect();
    if own.is_empty() {
        format!("{who}{when}{what}")
    } else {
        format!("{who}{when}{what}-{own}")
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

fn bibtex(work: &Work, quote: &Quote, key: &str) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(organisation) = &work.organisation {
        // Double braces: a corporate name, not "Ledelse, Væksthus for".
        fields.push(("author", format!("{{{}}}", bibtex_escape(organisation))));
    }
    fields.push(("title", bibtex_escape(&work.title)));
    if let Some(organisation) = &work.organisation {
        fields.push(("institution", bibtex_escape(organisation)));
    }
    if let Some(year) = work.year {
        fields.push(("year", year.to_string()));
    }
    if let Some(isbn) = &work.isbn {
        fields.push(("isbn", bibtex_escape(isbn)));
    }
    fields.push(("langid", "danish".to_string()));
    fields.push(("note", bibtex_escape(&note(quote))));
    let body: Vec<String> = fields
        .iter()
        .map(|(name, value)| format!("  {name} = {{{value}}}"))
        .collect();
    format!("@techreport{{{key},\n{}\n}}\n", body.join(",\n"))
}

/// Escapes what LaTeX and BibTeX would read as markup; æ, ø, å and „“ stay
/// UTF-8, which biber, Zotero and pandoc read as is.
fn bibtex_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in one_line(value).chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '%' | '&' | '#' | '_' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// One CSL-JSON item; the field order is the order a reader expects.
#[derive(Serialize)]
struct CslItem<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName<'a>>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(rename = "ISBN", skip_serializing_if = "Option::is_none")]
    isbn: Option<&'a str>,
    language: &'static str,
    note: String,
}

#[derive(Serialize)]
struct CslName<'a> {
    literal: &'a str,
}

#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: [[i32; 1]; 1],
}

fn csl_item<'a>(work: &'a Work, quote: &Quote, id: String) -> CslItem<'a> {
    CslItem {
        id,
        kind: "report",
        author: work
            .organisation
            .as_deref()
            .map(|literal| CslName { literal })
            .into_iter()
            .collect(),
        title: &work.title,
        publisher: work.organisation.as_deref(),
        issued: work.year.map(|year| CslDate {
            date_parts: [[year]],
        }),
        isbn: work.isbn.as_deref(),
        language: LANGUAGE,
        note: note(quote),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use citater_indexer::{Corpus, Source};

    use super::*;

    fn publications() -> Vec<Publication> {
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus"));
        Corpus::load(dir).expect("the corpus loads").publications
    }

    fn citations() -> Citations {
        Citations::new(&publications())
    }

    fn quote(
        publication_id: &str,
        id: &str,
        text: &str,
        speaker: &str,
        level: Level,
        theme: &str,
        pages: Option<(u32, u32)>,
    ) -> Quote {
        let publication = publications()
            .into_iter()
            .find(|p| p.id == publication_id)
            .map(|p| p.reference())
            .expect("a known publication");
        Quote {
            id: id.into(),
            text: text.into(),
            publication,
            speaker: speaker.into(),
            role: level.as_str().into(),
            level,
            theme: theme.into(),
            subtheme: None,
            source: Source {
                file: format!("corpus/{publication_id}.txt"),
                line_start: 1,
                line_end: 2,
            },
            pullquote_only: false,
            pages: pages.map(|(first, last)| Pages { first, last }),
        }
    }

    /// A quote from the dated booklet, with the page span of its chapter.
    fn tango() -> Quote {
        quote(
            "den-politiske-tango",
            "den-politiske-tango-helt-overordnet-saa-passer-vi-hver",
            "Helt overordnet, så passer vi hver vores butik. Det er to forskellige verdner, \
             der bare skal leve side om side i nogenlunde harmoni.",
            "én politiker",
            Level::Politiker,
            "Den politiske livsledsager",
            Some((6, 9)),
        )
    }

    /// A quote from an undated booklet, without pages.
    fn trinet() -> Quote {
        quote(
            "pas-paa-trinet",
            "pas-paa-trinet-jeg-bruger-70-pct-af-min",
            "Jeg bruger 70 pct. af min tid på personaleledelse, og det har overrasket mig. \
             Jeg havde ikke overvejet, hvor meget personaleledelse fylder. Men måske fylder \
             det mindre nu, end det gjorde i starten",
            "en kommunal leder",
            Level::Leder,
            "At blive leder",
            None,
        )
    }

    /// An undated booklet by the same author as `trinet`.
    fn mellem() -> Quote {
        quote(
            "mellem-chef-og-direktoer",
            "mellem-chef-og-direktoer-hvis-chefer-opfoerer-sig-som-en",
            "Hvis chefer opfører sig som en slags “tillidsrepræsentanter” for deres ledere \
             og medarbejdere, bliver det problematisk",
            "en direktør",
            Level::Direktor,
            "At opbygge den fundamentale gensidige tillid",
            None,
        )
    }

    /// Text holding every character BibTeX or LaTeX reads as markup.
    fn awkward() -> Quote {
        quote(
            "kaere-chef-kaere-ledere",
            "kaere-chef-kaere-ledere-vi-bruger-100-af-tiden",
            r#"Vi bruger 100 % af tiden på {drift} & "udvikling" – se #3_a, $5, C:\mappe, ~2 ^.}"#,
            "",
            Level::Ukendt,
            "",
            Some((12, 12)),
        )
    }

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
    fn in_text_gives_pages_only_where_known() {
        let c = citations();
        assert_eq!(c.in_text(&tango()), "(Væksthus for Ledelse, 2012, s. 6-9)");
        assert_eq!(c.in_text(&trinet()), "(Væksthus for Ledelse, u.å.-b)");
        assert_eq!(c.in_text(&mellem()), "(Væksthus for Ledelse, u.å.-a)");
    }

    #[test]
    fn references_name_the_author_once_and_italicise_only_in_markdown() {
        let c = citations();
        assert_eq!(
            c.reference("den-politiske-tango"),
            "Væksthus for Ledelse. (2012). Den politiske tango. Udfordringer i samspillet \
             mellem politisk og administrativ topleder."
        );
        assert_eq!(
            c.reference_markdown("den-politiske-tango"),
            "Væksthus for Ledelse. (2012). *Den politiske tango. Udfordringer i samspillet \
             mellem politisk og administrativ topleder*."
        );
        assert_eq!(
            c.reference("pas-paa-trinet"),
            "Væksthus for Ledelse. (u.å.-b). Pas på trinet! Nye opgaver og faldgruber, \
             når du skifter ledelsesniveau."
        );
        assert_eq!(
            c.reference("kaere-chef-kaere-ledere"),
            "Væksthus for Ledelse. (2016). Kære chef! Kære ledere! Gensidige forventninger \
             om god ledelse af ledere."
        );
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
    fn apa_quotes_in_danish_marks_then_cites_then_lists_the_reference() {
        let c = citations();
        assert_eq!(
            c.format(&tango(), Style::Apa),
            "„Helt overordnet, så passer vi hver vores butik. Det er to forskellige verdner, \
             der bare skal leve side om side i nogenlunde harmoni“ (Væksthus for Ledelse, \
             2012, s. 6-9).\n\
             \n\
             Væksthus for Ledelse. (2012). Den politiske tango. Udfordringer i samspillet \
             mellem politisk og administrativ topleder.\n"
        );
        assert_eq!(
            c.format(&trinet(), Style::Apa),
            "„Jeg bruger 70 pct. af min tid på personaleledelse, og det har overrasket mig. \
             Jeg havde ikke overvejet, hvor meget personaleledelse fylder. Men måske fylder \
             det mindre nu, end det gjorde i starten“ (Væksthus for Ledelse, u.å.-b).\n\
             \n\
             Væksthus for Ledelse. (u.å.-b). Pas på trinet! Nye opgaver og faldgruber, når \
             du skifter ledelsesniveau.\n"
        );
    }

    #[test]
    fn apa_turns_inner_double_quotes_single_and_keeps_a_closing_question_mark() {
        let c = citations();
        let mut q = tango();
        q.text = "Han sagde: “Nu skal du huske på, hvem der bestemmer.” Og \"hvem\" er det?".into();
        let apa = c.format(&q, Style::Apa);
        assert!(
            apa.starts_with(
                "„Han sagde: ‘Nu skal du huske på, hvem der bestemmer.’ Og ‘hvem’ er det?“ \
                 (Væksthus for Ledelse, 2012, s. 6-9).\n"
            ),
            "{apa}"
        );
    }

    #[test]
    fn apa_selection_lists_each_reference_once_in_apa_order() {
        let c = citations();
        let apa = c.format_many(&[tango(), trinet(), mellem(), tango()], Style::Apa);
        let paragraphs: Vec<&str> = apa.trim_end().split("\n\n").collect();
        assert_eq!(paragraphs.len(), 5, "{apa}");
        assert!(paragraphs[..4].iter().all(|p| p.starts_with('„')));
        // Undated works precede dated ones; u.å.-a before u.å.-b.
        assert_eq!(
            paragraphs[4].lines().collect::<Vec<_>>(),
            [
                c.reference("mellem-chef-og-direktoer").as_str(),
                c.reference("pas-paa-trinet").as_str(),
                c.reference("den-politiske-tango").as_str(),
            ]
        );
    }

    #[test]
    fn ris_record_for_a_dated_and_an_undated_booklet() {
        let c = citations();
        assert_eq!(
            c.format(&tango(), Style::Ris),
            "TY  - RPRT\n\
             AU  - Væksthus for Ledelse,\n\
             TI  - Den politiske tango. Udfordringer i samspillet mellem politisk og \
             administrativ topleder\n\
             PY  - 2012\n\
             PB  - Væksthus for Ledelse\n\
             LA  - da\n\
             KW  - Den politiske livsledsager\n\
             KW  - politiker\n\
             N1  - „Helt overordnet, så passer vi hver vores butik. Det er to forskellige \
             verdner, der bare skal leve side om side i nogenlunde harmoni“ – én politiker. \
             Afsnit: Den politiske livsledsager, s. 6-9.\n\
             ER  - \n"
        );
        assert_eq!(
            c.format(&trinet(), Style::Ris),
            "TY  - RPRT\n\
             AU  - Væksthus for Ledelse,\n\
             TI  - Pas på trinet! Nye opgaver og faldgruber, når du skifter ledelsesniveau\n\
             PB  - Væksthus for Ledelse\n\
             LA  - da\n\
             KW  - At blive leder\n\
             KW  - leder\n\
             N1  - „Jeg bruger 70 pct. af min tid på personaleledelse, og det har overrasket \
             mig. Jeg havde ikke overvejet, hvor meget personaleledelse fylder. Men måske \
             fylder det mindre nu, end det gjorde i starten“ – en kommunal leder. Afsnit: At \
             blive leder.\n\
             ER  - \n"
        );
    }

    #[test]
    fn bibtex_entry_for_a_dated_and_an_undated_booklet() {
        let c = citations();
        assert_eq!(
            c.format(&tango(), Style::Bibtex),
            "@techreport{vaeksthus2012politiske-helt-overordnet-saa-passer-vi-hver,\n  \
             author = {{Væksthus for Ledelse}},\n  \
             title = {Den politiske tango. Udfordringer i samspillet mellem politisk og \
             administrativ topleder},\n  \
             institution = {Væksthus for Ledelse},\n  \
             year = {2012},\n  \
             isbn = {978-87-92907-17-2},\n  \
             langid = {danish},\n  \
             note = {„Helt overordnet, så passer vi hver vores butik. Det er to forskellige \
             verdner, der bare skal leve side om side i nogenlunde harmoni“ – én politiker. \
             Afsnit: Den politiske livsledsager, s. 6-9.}\n\
             }\n"
        );
        assert_eq!(
            c.format(&trinet(), Style::Bibtex),
            "@techreport{vaeksthusuapas-jeg-bruger-70-pct-af-min,\n  \
             author = {{Væksthus for Ledelse}},\n  \
             title = {Pas på trinet! Nye opgaver og faldgruber, når du skifter \
             ledelsesniveau},\n  \
             institution = {Væksthus for Ledelse},\n  \
             langid = {danish},\n  \
             note = {„Jeg bruger 70 pct. af min tid på personaleledelse, og det har \
             overrasket mig. Jeg havde ikke overvejet, hvor meget personaleledelse fylder. \
             Men måske fylder det mindre nu, end det gjorde i starten“ – en kommunal leder. \
             Afsnit: At blive leder.}\n\
             }\n"
        );
    }

    #[test]
    fn csl_json_item_for_a_dated_and_an_undated_booklet() {
        let c = citations();
        assert_eq!(
            c.format(&tango(), Style::CslJson),
            r#"[
  {
    "id": "den-politiske-tango-helt-overordnet-saa-passer-vi-hver",
    "type": "report",
    "author": [
      {
        "literal": "Væksthus for Ledelse"
      }
    ],
    "title": "Den politiske tango. Udfordringer i samspillet mellem politisk og administrativ topleder",
    "publisher": "Væksthus for Ledelse",
    "issued": {
      "date-parts": [
        [
          2012
        ]
      ]
    },
    "ISBN": "978-87-92907-17-2",
    "language": "da",
    "note": "„Helt overordnet, så passer vi hver vores butik. Det er to forskellige verdner, der bare skal leve side om side i nogenlunde harmoni“ – én politiker. Afsnit: Den politiske livsledsager, s. 6-9."
  }
]
"#
        );
        assert_eq!(
            c.format(&trinet(), Style::CslJson),
            r#"[
  {
    "id": "pas-paa-trinet-jeg-bruger-70-pct-af-min",
    "type": "report",
    "author": [
      {
        "literal": "Væksthus for Ledelse"
      }
    ],
    "title": "Pas på trinet! Nye opgaver og faldgruber, når du skifter ledelsesniveau",
    "publisher": "Væksthus for Ledelse",
    "language": "da",
    "note": "„Jeg bruger 70 pct. af min tid på personaleledelse, og det har overrasket mig. Jeg havde ikke overvejet, hvor meget personaleledelse fylder. Men måske fylder det mindre nu, end det gjorde i starten“ – en kommunal leder. Afsnit: At blive leder."
  }
]
"#
        );
    }

    /// A RIS record: its tag-value pairs in order.
    type RisRecord = Vec<(String, String)>;

    /// Reads RIS strictly: every line `XX  - value`, records open with `TY`
    /// and close with an empty `ER`, only blank lines between records, LF
    /// line ends and a final newline.
    fn parse_ris(text: &str) -> Result<Vec<RisRecord>, String> {
        if !text.ends_with('\n') {
            return Err("no final newline".into());
        }
        if text.contains('\r') {
            return Err("a CR in an LF file".into());
        }
        let mut records = Vec::new();
        let mut open: Option<RisRecord> = None;
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() {
                if open.is_some() {
                    return Err(format!("line {}: blank line inside a record", n + 1));
                }
                continue;
            }
            let tag = line
                .get(..2)
                .filter(|t| {
                    let b = t.as_bytes();
                    b[0].is_ascii_uppercase()
                        && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
                })
                .ok_or_else(|| format!("line {}: no tag: {line}", n + 1))?;
            if line.get(2..6) != Some("  - ") {
                return Err(format!("line {}: no '  - ' after the tag: {line}", n + 1));
            }
            let value = &line[6..];
            match tag {
                "TY" if open.is_some() => {
                    return Err(format!("line {}: TY inside a record", n + 1))
                }
                "TY" => open = Some(vec![(tag.into(), value.into())]),
                "ER" if !value.is_empty() => {
                    return Err(format!("line {}: ER with a value", n + 1))
                }
                "ER" => records.push(
                    open.take()
                        .ok_or(format!("line {}: ER outside a record", n + 1))?,
                ),
                _ => open
                    .as_mut()
                    .ok_or(format!("line {}: {tag} outside a record", n + 1))?
                    .push((tag.into(), value.into())),
            }
        }
        match open {
            Some(_) => Err("a record without ER".into()),
            None => Ok(records),
        }
    }

    fn ris_values<'r>(record: &'r RisRecord, tag: &str) -> Vec<&'r str> {
        record
            .iter()
            .filter(|(t, _)| t == tag)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    #[test]
    fn ris_export_parses_and_round_trips() {
        let c = citations();
        let quotes = [tango(), trinet(), mellem(), awkward()];
        let records = parse_ris(&c.format_many(&quotes, Style::Ris)).expect("valid RIS");
        assert_eq!(records.len(), quotes.len());
        for (record, quote) in records.iter().zip(&quotes) {
            assert_eq!(ris_values(record, "TY"), ["RPRT"]);
            assert_eq!(ris_values(record, "TI"), [quote.publication.title.as_str()]);
            assert_eq!(ris_values(record, "AU"), ["Væksthus for Ledelse,"]);
            assert_eq!(ris_values(record, "PB"), ["Væksthus for Ledelse"]);
            let year = quote.publication.year.map(|y| y.to_string());
            assert_eq!(
                ris_values(record, "PY"),
                year.as_deref().into_iter().collect::<Vec<_>>()
            );
            assert!(
                ris_values(record, "SN").is_empty(),
                "SN is a report number in RPRT"
            );
            let notes = ris_values(record, "N1");
            assert_eq!(notes.len(), 1);
            assert!(notes[0].starts_with('„'), "{}", notes[0]);
        }
        assert_eq!(
            ris_values(&records[3], "KW"),
            Vec::<&str>::new(),
            "no theme, level unknown"
        );
        assert!(ris_values(&records[3], "N1")[0].ends_with("“. S. 12."));
    }

    struct BibEntry {
        kind: String,
        key: String,
        fields: BTreeMap<String, String>,
    }

    /// Reads BibTeX strictly: `@type{key, name = {value}, …}` entries with
    /// brace-delimited values whose braces balance, as BibTeX counts them
    /// (a backslash does not shield a brace).
    fn parse_bibtex(text: &str) -> Result<Vec<BibEntry>, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut at = 0;
        let skip_space = |at: &mut usize| {
            while chars.get(*at).is_some_and(|c| c.is_whitespace()) {
                *at += 1;
            }
        };
        let word = |at: &mut usize| {
            let start = *at;
            while chars
                .get(*at)
                .is_some_and(|c| c.is_ascii_alphanumeric() || "-_:".contains(*c))
            {
                *at += 1;
            }
            chars[start..*at].iter().collect::<String>()
        };
        let expect = |at: &mut usize, c: char| {
            if chars.get(*at) == Some(&c) {
                *at += 1;
                Ok(())
            } else {
                Err(format!(
                    "expected '{c}' at {}, found {:?}",
                    *at,
                    chars.get(*at)
                ))
            }
        };
        let mut entries = Vec::new();
        loop {
            skip_space(&mut at);
            if at == chars.len() {
                return Ok(entries);
            }
            expect(&mut at, '@')?;
            let kind = word(&mut at);
            expect(&mut at, '{')?;
            let key = word(&mut at);
            if key.is_empty() {
                return Err(format!("an entry without key at {at}"));
            }
            expect(&mut at, ',')?;
            let mut fields = BTreeMap::new();
            loop {
                skip_space(&mut at);
                if chars.get(at) == Some(&'}') {
                    at += 1;
                    break;
                }
                let name = word(&mut at);
                if name.is_empty() {
                    return Err(format!("expected a field name at {at}"));
                }
                skip_space(&mut at);
                expect(&mut at, '=')?;
                skip_space(&mut at);
                expect(&mut at, '{')?;
                let start = at;
                let mut depth = 1;
                while depth > 0 {
                    match chars.get(at) {
                        Some('{') => depth += 1,
                        Some('}') => depth -= 1,
                        Some(_) => {}
                        None => return Err(format!("unbalanced braces in {name}")),
                    }
                    at += 1;
                }
                let value: String = chars[start..at - 1].iter().collect();
                if fields.insert(name.clone(), value).is_some() {
                    return Err(format!("{name} twice in {key}"));
                }
                skip_space(&mut at);
                if chars.get(at) == Some(&',') {
                    at += 1;
                }
            }
            entries.push(BibEntry { kind, key, fields });
        }
    }

    /// Undoes `bibtex_escape`, to check that a value survives the trip.
    fn bibtex_unescape(value: &str) -> String {
        value
            .replace("\\textbraceleft{}", "{")
            .replace("\\textbraceright{}", "}")
            .replace("\\textasciitilde{}", "~")
            .replace("\\textasciicircum{}", "^")
            .replace("\\textbackslash{}", "\\")
            .replace("\\%", "%")
            .replace("\\&", "&")
            .replace("\\#", "#")
            .replace("\\_", "_")
            .replace("\\$", "$")
    }

    #[test]
    fn bibtex_export_parses_with_unique_ascii_keys_and_escaped_values() {
        let c = citations();
        let quotes = [tango(), trinet(), mellem(), awkward(), tango()];
        let entries = parse_bibtex(&c.format_many(&quotes, Style::Bibtex)).expect("valid BibTeX");
        assert_eq!(entries.len(), quotes.len());
        let keys: HashSet<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys.len(), quotes.len(), "keys are unique");
        assert!(entries.iter().all(|e| e.key.is_ascii()));
        assert_eq!(entries[4].key, format!("{}-2", entries[0].key));
        for (entry, quote) in entries.iter().zip(&quotes) {
            assert_eq!(entry.kind, "techreport");
            assert_eq!(entry.fields["author"], "{Væksthus for Ledelse}");
            assert_eq!(entry.fields["title"], quote.publication.title);
            assert_eq!(entry.fields["institution"], "Væksthus for Ledelse");
            assert_eq!(
                entry.fields.get("year"),
                quote.publication.year.map(|y| y.to_string()).as_ref()
            );
            assert_eq!(bibtex_unescape(&entry.fields["note"]), note(quote));
        }
        let awkward_note = &entries[3].fields["note"];
        for escaped in [
            "\\%",
            "\\&",
            "\\#",
            "\\_",
            "\\$",
            "\\textbraceleft{}drift\\textbraceright{}",
        ] {
            assert!(
                awkward_note.contains(escaped),
                "{escaped} in {awkward_note}"
            );
        }
    }

    #[test]
    fn csl_json_export_parses_with_dates_only_where_printed() {
        let c = citations();
        let quotes = [tango(), trinet(), mellem(), awkward(), trinet()];
        let json = c.format_many(&quotes, Style::CslJson);
        let items: Vec<serde_json::Value> = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(items.len(), quotes.len());
        let ids: HashSet<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), quotes.len(), "ids are unique");
        for (item, quote) in items.iter().zip(&quotes) {
            assert_eq!(item["type"], "report");
            assert_eq!(item["title"], quote.publication.title.as_str());
            assert_eq!(
                item["author"],
                serde_json::json!([{"literal": "Væksthus for Ledelse"}])
            );
            assert_eq!(item["note"], note(quote).as_str());
            match quote.publication.year {
                Some(year) => {
                    assert_eq!(item["issued"], serde_json::json!({"date-parts": [[year]]}))
                }
                None => assert!(item.get("issued").is_none(), "{item}"),
            }
        }
        assert_eq!(items[4]["id"], "pas-paa-trinet-jeg-bruger-70-pct-af-min-2");
    }

    #[test]
    fn every_quote_in_the_corpus_exports_in_every_style() {
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus"));
        let corpus = Corpus::load(dir).expect("the corpus loads");
        let quotes = corpus.quotes().expect("the quotes extract");
        let c = Citations::new(&corpus.publications);
        for quote in &quotes {
            let field = c.citation_field(quote);
            assert!(
                !field.contains('\n') && field.contains("I teksten: ("),
                "{field}"
            );
        }
        let records = parse_ris(&c.format_many(&quotes, Style::Ris)).expect("valid RIS");
        assert_eq!(records.len(), quotes.len());
        let entries = parse_bibtex(&c.format_many(&quotes, Style::Bibtex)).expect("valid BibTeX");
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
        let records = parse_ris(&c.format(&q, Style::Ris)).expect("valid RIS");
        assert!(ris_values(&records[0], "AU").is_empty());
        assert!(ris_values(&records[0], "PY").is_empty());
        let entries = parse_bibtex(&c.format(&q, Style::Bibtex)).expect("valid BibTeX");
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
