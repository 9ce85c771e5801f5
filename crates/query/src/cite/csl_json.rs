//! CSL-JSON, for pandoc, Zotero's word-processor plug-ins and other CSL
//! processors: one array with a `report` item per quote.
//!
//! The author is a `literal` name (an organisation), and `issued` is left
//! out when the booklet prints no year: CSL processors then print the
//! locale's "no date" term, and styles that disambiguate by year suffix (APA
//! does) add the a/b themselves. A literal "u.å.-b" would be wrong in any
//! other style.

use citater_indexer::Quote;
use serde::Serialize;

use super::note::note;
use super::work::{Work, LANGUAGE};

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

/// The array of items, pretty-printed with a final newline; each quote is
/// cited from its work under its own (unique) id.
pub(crate) fn items<'a>(cited: impl Iterator<Item = (&'a Work, &'a Quote, String)>) -> String {
    let items: Vec<CslItem> = cited
        .map(|(work, quote, id)| item(work, quote, id))
        .collect();
    let mut json =
        serde_json::to_string_pretty(&items).expect("CSL items are plain strings and numbers");
    json.push('\n');
    json
}

fn item<'a>(work: &'a Work, quote: &Quote, id: String) -> CslItem<'a> {
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
    use std::collections::HashSet;

    use crate::cite::fixtures::{awkward, citations, mellem, tango, trinet};
    use crate::cite::note::note;
    use crate::cite::Style;

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
}
