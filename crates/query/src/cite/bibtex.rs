//! BibTeX: one `@techreport` entry per quote, with an ASCII key.
//!
//! `@techreport` with `institution` is the one report type classic BibTeX,
//! biblatex, Zotero and pandoc all know (`@report` is biblatex-only). The
//! author is double-braced, a corporate name rather than "Ledelse, Væksthus
//! for". Braces in values are written as `\textbraceleft{}` /
//! `\textbraceright{}` because BibTeX counts `\{` as an opening brace; æ, ø,
//! å and „“ stay UTF-8, which biber, Zotero and pandoc read as is. No `year`
//! when the booklet prints none.

use citater_indexer::quote::slug;
use citater_indexer::Quote;

use super::danish::one_line;
use super::note::note;
use super::work::Work;

/// Articles a key skips, so `Den politiske tango` gives `politiske`.
const ARTICLES: [&str; 5] = ["den", "det", "de", "en", "et"];

/// `vaeksthus2012politiske-helt-overordnet-saa-passer-vi-hver`: author, year,
/// title word, then the quote's own id, all ASCII. Not yet unique within a
/// selection: the caller numbers repeats.
pub(crate) fn key(work: &Work, quote: &Quote) -> String {
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

/// One entry under `key`, fields one a line.
pub(crate) fn entry(work: &Work, quote: &Quote, key: &str) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(organisation) = &work.organisation {
        // Double braces: a corporate name, not "Ledelse, Væksthus for".
        fields.push(("author", format!("{{{}}}", escape(organisation))));
    }
    fields.push(("title", escape(&work.title)));
    if let Some(organisation) = &work.organisation {
        fields.push(("institution", escape(organisation)));
    }
    if let Some(year) = work.year {
        fields.push(("year", year.to_string()));
    }
    if let Some(isbn) = &work.isbn {
        fields.push(("isbn", escape(isbn)));
    }
    fields.push(("langid", "danish".to_string()));
    fields.push(("note", escape(&note(quote))));
    let body: Vec<String> = fields
        .iter()
        .map(|(name, value)| format!("  {name} = {{{value}}}"))
        .collect();
    format!("@techreport{{{key},\n{}\n}}\n", body.join(",\n"))
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
    use crate::cite::note::note;
    use crate::cite::Style;

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
    fn bibtex_export_parses_with_unique_ascii_keys_and_escaped_values() {
        let c = citations();
        let quotes = [tango(), trinet(), mellem(), awkward(), tango()];
        let entries = read_bibtex(&c.format_many(&quotes, Style::Bibtex)).expect("valid BibTeX");
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
            assert_eq!(entry.decoded["note"], note(quote));
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
}
