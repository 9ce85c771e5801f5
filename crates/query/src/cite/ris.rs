//! RIS, for Zotero and EndNote: one `BOOK` record per booklet, each quote
//! cited from it a note (`N1`) of its own.
//!
//! Type `BOOK`, because both programs read its `SN` as the ISBN (for `RPRT`
//! they read it as a report number, and APA styles would print "Rapport
//! nr. 978-…"). `AU` holds the organisation with a trailing comma, EndNote's
//! convention for a corporate author (Zotero keeps the whole name as one
//! field). No `PB`: the author is the publisher, and APA then leaves the
//! publisher out. No `PY` when the booklet prints no year, so the user's
//! style says "no date" its own way. Lines end in LF; the text is UTF-8.

use super::danish::one_line;
use super::note::notes;
use super::references::Reference;
use super::work::LANGUAGE;

/// One record, `TY` to `ER`, each value on one line.
pub(crate) fn record(reference: &Reference) -> String {
    let work = &reference.work;
    let mut tags: Vec<(&str, String)> = vec![("TY", "BOOK".to_string())];
    if let Some(organisation) = &work.organisation {
        tags.push(("AU", format!("{organisation},")));
    }
    tags.push(("TI", work.full_title.clone()));
    if let Some(year) = work.year {
        tags.push(("PY", year.to_string()));
    }
    if let Some(isbn) = &work.isbn {
        tags.push(("SN", isbn.clone()));
    }
    tags.push(("LA", LANGUAGE.to_string()));
    tags.extend(notes(reference).map(|note| ("N1", note)));
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
            "TY  - BOOK\n\
             AU  - Væksthus for Ledelse,\n\
             TI  - Den politiske tango: Udfordringer i samspillet mellem politisk og \
             administrativ topleder\n\
             PY  - 2012\n\
             SN  - 978-87-92907-17-2\n\
             LA  - da\n\
             N1  - „Helt overordnet, så passer vi hver vores butik. Det er to forskellige \
             verdner, der bare skal leve side om side i nogenlunde harmoni“ – én politiker \
             (Væksthus for Ledelse, 2012, afs. „Den politiske livsledsager“).\n\
             ER  - \n"
        );
        assert_eq!(
            c.format(&trinet(), Style::Ris),
            "TY  - BOOK\n\
             AU  - Væksthus for Ledelse,\n\
             TI  - Pas på trinet! Nye opgaver og faldgruber, når du skifter ledelsesniveau\n\
             LA  - da\n\
             N1  - „Jeg bruger 70 pct. af min tid på personaleledelse, og det har overrasket \
             mig. Jeg havde ikke overvejet, hvor meget personaleledelse fylder. Men måske \
             fylder det mindre nu, end det gjorde i starten“ – en kommunal leder \
             (Væksthus for Ledelse, u.å., afs. „At blive leder“).\n\
             ER  - \n"
        );
    }

    #[test]
    fn ris_export_gives_each_booklet_one_record_with_a_note_per_quote() {
        let c = citations();
        let (t, p, m, a) = (tango(), trinet(), mellem(), awkward());
        let mut other = tango();
        other.id = "den-politiske-tango-en-anden".into();
        other.text = "En anden ting".into();
        let quotes = [&t, &p, &m, &a, &other, &t];
        let records = read_ris(&c.format_many(&quotes, Style::Ris)).expect("valid RIS");
        // APA order: the undated two, then 2012, then 2016.
        let titles: Vec<&str> = records.iter().map(|r| ris_values(r, "TI")[0]).collect();
        assert_eq!(titles.len(), 4, "{titles:?}");
        assert!(titles[0].starts_with("Mellem chef og direktør: "));
        assert!(titles[1].starts_with("Pas på trinet! "));
        assert!(titles[2].starts_with("Den politiske tango: "));
        assert_eq!(
            ris_values(&records[2], "N1").len(),
            2,
            "two quotes (one cited twice), one record"
        );
        for record in &records {
            assert_eq!(ris_values(record, "TY"), ["BOOK"]);
            assert_eq!(ris_values(record, "AU"), ["Væksthus for Ledelse,"]);
            assert!(
                ris_values(record, "PB").is_empty(),
                "the author is the publisher"
            );
        }
        assert!(ris_values(&records[1], "N1")[0]
            .ends_with("(Væksthus for Ledelse, u.å.-b, afs. „At blive leder“)."));
        assert!(
            ris_values(&records[3], "N1")[0].ends_with("“ (Væksthus for Ledelse, 2016, s. 12).")
        );
    }
}
