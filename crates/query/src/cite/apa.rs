//! APA 7 with Danish terms, as plain text to read and paste into a report:
//! the in-text parenthetical "(Væksthus for Ledelse, 2012, s. 6-9)", the
//! reference-list entry, and a selection as quote paragraphs followed by
//! their reference list.
//!
//! As APA 7 asks, the corporate author is not repeated as publisher, a work
//! without a printed year is "u.å." (lettered "u.å.-a", "u.å.-b" where one
//! author has several), and a work without author is cited by its title.

use citater_indexer::{Pages, Quote};

use super::danish::{self, ends_sentence, quotation, sentence};
use super::work::Work;

/// The parenthetical after a quote, with the page span only where the
/// booklet's contents give one.
pub(crate) fn in_text(work: &Work, pages: Option<Pages>) -> String {
    let who = work.organisation.as_deref().unwrap_or(&work.title);
    match pages {
        Some(pages) => format!("({who}, {}, s. {pages})", work.year_label),
        None => format!("({who}, {})", work.year_label),
    }
}

/// "Væksthus for Ledelse. (2012). Titel." — or "Titel. (2012)." when the
/// author is unknown, as APA cites a work without author; with `italics`
/// the title is set in Markdown italics (`*…*`), as APA sets it.
pub(crate) fn reference(work: &Work, italics: bool) -> String {
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

/// Quote paragraphs, then the reference list in APA order: by author,
/// undated works first, then by year and title; each work listed once.
pub(crate) fn selection(cited: &[(&Work, &Quote)]) -> String {
    let mut out = String::new();
    for (work, quote) in cited {
        out.push_str(&quotation(&quote.text));
        out.push(' ');
        out.push_str(&in_text(work, quote.pages));
        out.push_str(".\n\n");
    }
    let mut works: Vec<&Work> = cited.iter().map(|(work, _)| *work).collect();
    works.sort_by_cached_key(|w| {
        let author = w.organisation.as_deref().unwrap_or(&w.title);
        (danish::sort_key(author), w.year, danish::sort_key(&w.title))
    });
    works.dedup();
    for work in works {
        out.push_str(&reference(work, false));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::cite::fixtures::{citations, mellem, tango, trinet};
    use crate::cite::Style;

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
}
