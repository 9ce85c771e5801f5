//! APA 7 with Danish terms, as plain text to read and paste into a report:
//! the in-text parenthetical "(Væksthus for Ledelse, 2012, s. 12)", the
//! reference-list entry, and a selection as quote paragraphs followed by
//! their reference list.
//!
//! As APA 7 asks, the corporate author is not repeated as publisher, title
//! and subtitle are joined "Titel: Undertitel", a work without a printed
//! year is "u.å.", and a work without author is cited by its title.

use super::danish::{ends_sentence, quotation, sentence};
use super::locator::Locator;
use super::references::{Reference, ReferenceParts, References};

/// The parenthetical after a quote, with its locator where one is known.
pub(crate) fn in_text(reference: &Reference, locator: Option<&Locator>) -> String {
    let who = reference.work.who();
    match locator {
        Some(locator) => format!("({who}, {}, {locator})", reference.year_label),
        None => format!("({who}, {})", reference.year_label),
    }
}

/// "Væksthus for Ledelse. (2012). " + title + "." — or title + " (2012)."
/// when the author is unknown, as APA cites a work without author.
pub(crate) fn parts(reference: &Reference) -> ReferenceParts {
    let work = &reference.work;
    let title = work.full_title.clone();
    let stop = if ends_sentence(&title) { "" } else { "." };
    match &work.organisation {
        Some(organisation) => ReferenceParts {
            before: format!("{} ({}). ", sentence(organisation), reference.year_label),
            title,
            after: stop.to_string(),
        },
        None => ReferenceParts {
            before: String::new(),
            title,
            after: format!("{stop} ({}).", reference.year_label),
        },
    }
}

/// Quote paragraphs, each with its in-text citation, then the reference
/// list, each booklet once.
pub(crate) fn selection(references: &References) -> String {
    let mut out = String::new();
    for (quote, reference) in references.cited() {
        out.push_str(&quotation(&quote.text));
        out.push(' ');
        out.push_str(&reference.in_text(quote));
        out.push_str(".\n\n");
    }
    for reference in references.iter() {
        out.push_str(&reference.apa());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::cite::fixtures::{citations, mellem, tango, trinet};
    use crate::cite::Style;

    #[test]
    fn in_text_gives_the_section_unless_the_page_is_known() {
        let c = citations();
        assert_eq!(
            c.in_text(&tango()),
            "(Væksthus for Ledelse, 2012, afs. „Den politiske livsledsager“)"
        );
        assert_eq!(
            c.in_text(&trinet()),
            "(Væksthus for Ledelse, u.å., afs. „At blive leder“)"
        );
    }

    #[test]
    fn references_join_title_and_subtitle_with_a_colon() {
        let c = citations();
        assert_eq!(
            c.reference("den-politiske-tango"),
            "Væksthus for Ledelse. (2012). Den politiske tango: Udfordringer i samspillet \
             mellem politisk og administrativ topleder."
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
             2012, afs. „Den politiske livsledsager“).\n\
             \n\
             Væksthus for Ledelse. (2012). Den politiske tango: Udfordringer i samspillet \
             mellem politisk og administrativ topleder.\n"
        );
        assert_eq!(
            c.format(&trinet(), Style::Apa),
            "„Jeg bruger 70 pct. af min tid på personaleledelse, og det har overrasket mig. \
             Jeg havde ikke overvejet, hvor meget personaleledelse fylder. Men måske fylder \
             det mindre nu, end det gjorde i starten“ (Væksthus for Ledelse, u.å., \
             afs. „At blive leder“).\n\
             \n\
             Væksthus for Ledelse. (u.å.). Pas på trinet! Nye opgaver og faldgruber, når \
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
                 (Væksthus for Ledelse, 2012, afs. „Den politiske livsledsager“).\n"
            ),
            "{apa}"
        );
    }

    #[test]
    fn apa_selection_lists_each_reference_once_in_apa_order() {
        let c = citations();
        let (t, p, m) = (tango(), trinet(), mellem());
        let apa = c.format_many(&[&t, &p, &m, &t], Style::Apa);
        let paragraphs: Vec<&str> = apa.trim_end().split("\n\n").collect();
        assert_eq!(paragraphs.len(), 5, "{apa}");
        assert!(paragraphs[..4].iter().all(|p| p.starts_with('„')));
        assert!(paragraphs[1].ends_with("(Væksthus for Ledelse, u.å.-b, afs. „At blive leder“)."));
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
