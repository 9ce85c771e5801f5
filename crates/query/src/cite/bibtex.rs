//! BibTeX for biblatex (biblatex-apa), Zotero and pandoc: one `@book` entry
//! per booklet under an ASCII key, the quotes cited from it in `annote`.
//!
//! `@book`, because biblatex's data model takes an `isbn` there (not on
//! `@report`, which also demands a `type`) and Zotero imports it as a book
//! with its ISBN. The author is double-braced, a corporate name rather than
//! "Ledelse, Væksthus for", and is not repeated as publisher. Title and
//! subtitle go in `title` and `subtitle`, which biblatex and Zotero join
//! "Titel: Undertitel". The year is biblatex's `date`.
//!
//! A booklet that prints no year gets no date. biblatex's data model asks
//! every book for one, so `biber --validate-datamodel` notes it as missing,
//! but every form that would satisfy it is misprinted: the EDTF "XXXX"
//! (year unspecified) comes out as "()" in biblatex-apa and as the date
//! "XXXX" in Zotero, while no date prints biblatex-apa's "u.d." and gives
//! Zotero an undated book that its APA style cites "u.å.". A year is never
//! invented.
//!
//! The quotes go in `annote` (biblatex's `annotation`), which Zotero imports
//! as a note; `options = {annotation=false}` keeps biblatex-apa, which
//! prints annotations by default, from setting them in the reference list.
//! Braces in values are written as `\textbraceleft{}` /
//! `\textbraceright{}` because BibTeX counts `\{` as an opening brace; æ,
//! ø, å and „“ stay UTF-8, which biber, Zotero and pandoc read as is.

use citater_indexer::quote::slug;

use super::danish::one_line;
use super::note::notes;
use super::references::Reference;

/// Articles a key skips, so `Den politiske tango` gives `politiske`.
const ARTICLES: [&str; 5] = ["den", "det", "de", "en", "et"];

/// `vaeksthus2012politiske`: author, year (`ua` for none) and the first
/// title word that is not an article, all ASCII. Not yet unique within a
/// selection: the caller numbers repeats.
pub(crate) fn key(reference: &Reference) -> String {
    let work = &reference.work;
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
    format!("{who}{when}{what}")
}

/// One entry under `key`, fields one a line.
pub(crate) fn entry(reference: &Reference, key: &str) -> String {
    let work = &reference.work;
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(organisation) = &work.organisation {
        fields.push(("author", format!("{{{}}}", escape(organisation))));
    }
    match (&work.organisation, &work.subtitle) {
        (Some(_), Some(subtitle)) => {
            fields.push(("title", escape(&work.title)));
            fields.push(("subtitle", escape(subtitle)));
        }
        _ => fields.push(("title", escape(&work.full_title))),
    }
    if let Some(year) = work.year {
        fields.push(("date", year.to_string()));
    }
    if let Some(isbn) = &work.isbn {
        fields.push(("isbn", escape(isbn)));
    }
    fields.push(("langid", "danish".to_string()));
    let notes: Vec<String> = notes(reference).map(|note| escape(&note)).collect();
    if !notes.is_empty() {
        fields.push(("options", "annotation=false".to_string()));
        fields.push(("annote", notes.join("\n\n")));
    }
    let body: Vec<String> = fields
        .iter()
        .map(|(name, value)| format!("  {name} = {{{value}}}"))
        .collect();
    format!("@book{{{key},\n{}\n}}\n", body.join(",\n"))
}

/// Escapes what LaTeX and BibTeX would read as markup, on one line.
fn escape(value: &str) -> String {
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

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use crate::cite::fixtures::{awkward, citations, mellem, read_bibtex, tango, trinet};
    use crate::cite::Style;

    #[test]
    fn bibtex_entry_for_a_dated_and_an_undated_booklet() {
        let c = citations();
        assert_eq!(
            c.format(&tango(), Style::Bibtex),
            "@book{vaeksthus2012politiske,\n  \
             author = {{Væksthus for Ledelse}},\n  \
             title = {Den politiske tango},\n  \
             subtitle = {Udfordringer i samspillet mellem politisk og administrativ topleder},\n  \
             date = {2012},\n  \
             isbn = {978-87-92907-17-2},\n  \
             langid = {danish},\n  \
             options = {annotation=false},\n  \
             annote = {„Helt overordnet, så passer vi hver vores butik. Det er to forskellige \
             verdner, der bare skal leve side om side i nogenlunde harmoni“ – én politiker \
             (Væksthus for Ledelse, 2012, afs. „Den politiske livsledsager“).}\n\
             }\n"
        );
        assert_eq!(
            c.format(&trinet(), Style::Bibtex),
            "@book{vaeksthusuapas,\n  \
             author = {{Væksthus for Ledelse}},\n  \
             title = {Pas på trinet!},\n  \
             subtitle = {Nye opgaver og faldgruber, når du skifter ledelsesniveau},\n  \
             langid = {danish},\n  \
             options = {annotation=false},\n  \
             annote = {„Jeg bruger 70 pct. af min tid på personaleledelse, og det har \
             overrasket mig. Jeg havde ikke overvejet, hvor meget personaleledelse fylder. \
             Men måske fylder det mindre nu, end det gjorde i starten“ – en kommunal leder \
             (Væksthus for Ledelse, u.å., afs. „At blive leder“).}\n\
             }\n"
        );
    }

    #[test]
    fn bibtex_export_gives_each_booklet_one_entry_with_unique_ascii_keys() {
        let c = citations();
        let (t, p, m, a) = (tango(), trinet(), mellem(), awkward());
        let entries = read_bibtex(&c.format_many(&[&t, &p, &m, &a, &t], Style::Bibtex))
            .expect("valid BibTeX");
        assert_eq!(entries.len(), 4);
        let keys: HashSet<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys.len(), 4, "keys are unique");
        assert!(entries.iter().all(|e| e.key.is_ascii() && e.kind == "book"));
        for entry in &entries {
            assert_eq!(entry.fields["author"], "{Væksthus for Ledelse}");
            assert!(!entry.fields.contains_key("publisher"));
            assert!(
                !entry.fields.contains_key("note"),
                "no quote in the reference"
            );
        }
        let awkward = entries
            .iter()
            .find(|e| e.fields.get("date").is_some_and(|d| d == "2016"))
            .unwrap();
        assert!(
            awkward.decoded["annote"].contains("100 % af tiden på {drift} &"),
            "a reader gets the text back: {}",
            awkward.decoded["annote"]
        );
        let awkward_note = &entries
            .iter()
            .find(|e| e.fields.get("date").is_some_and(|d| d == "2016"))
            .unwrap()
            .fields["annote"];
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
}
