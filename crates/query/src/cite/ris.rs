//! RIS, for Zotero and EndNote: one `RPRT` record per quote.
//!
//! Type `RPRT` is "Report" in both programs. The ISBN is *not* written as
//! `SN`: for `RPRT` both read `SN` as the report number, and APA styles
//! would then print "Rapport nr. 978-…"; BibTeX and CSL-JSON carry it
//! instead. `AU` holds the organisation with a trailing comma, EndNote's
//! convention for a corporate author (Zotero keeps the whole name as the
//! last name). No `PY` when the booklet prints no year, so the user's style
//! says "no date" its own way. Lines end in LF; the text is UTF-8.

use citater_indexer::{Level, Quote};

use super::danish::one_line;
use super::note::note;
use super::work::{Work, LANGUAGE};

/// One record, `TY` to `ER`, each value on one line.
pub(crate) fn record(work: &Work, quote: &Quote) -> String {
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

#[cfg(test)]
mod tests {
    use crate::cite::fixtures::{awkward, citations, mellem, read_ris, ris_values, tango, trinet};
    use crate::cite::Style;

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
    fn ris_export_parses_and_round_trips() {
        let c = citations();
        let quotes = [tango(), trinet(), mellem(), awkward()];
        let records = read_ris(&c.format_many(&quotes, Style::Ris)).expect("valid RIS");
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
}
