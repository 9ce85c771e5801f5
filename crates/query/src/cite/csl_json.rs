//! CSL-JSON, for pandoc, Zotero and other CSL processors: one `book` item
//! per booklet, under the publication id, the quotes cited from it in
//! `annote`.
//!
//! `book`, which takes an `ISBN`; no `publisher`, because the author is the
//! publisher and every CSL style would otherwise print the organisation a
//! second time at the end. No `issued` when the booklet prints no year, so
//! the style says "u.å." and letters it over the list it makes. `annote`
//! holds notes about the item that APA styles never print; a quote's locator
//! belongs to the citation (`locator` with label `page` or `paragraph`),
//! which CSL-JSON items cannot carry.

use serde::Serialize;

use super::note::notes;
use super::references::{Reference, References};
use super::work::LANGUAGE;

/// One CSL-JSON item; the field order is the order a reader expects.
#[derive(Serialize)]
struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName<'a>>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(rename = "ISBN", skip_serializing_if = "Option::is_none")]
    isbn: Option<&'a str>,
    language: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    annote: Option<String>,
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

/// The array of items, pretty-printed with a final newline.
pub(crate) fn items(references: &References) -> String {
    let items: Vec<CslItem> = references.iter().map(item).collect();
    let mut json =
        serde_json::to_string_pretty(&items).expect("CSL items are plain strings and numbers");
    json.push('\n');
    json
}

fn item<'a>(reference: &'a Reference) -> CslItem<'a> {
    let work = &reference.work;
    let notes: Vec<String> = notes(reference).collect();
    CslItem {
        id: &work.id,
        kind: "book",
        author: work
            .organisation
            .as_deref()
            .map(|literal| CslName { literal })
            .into_iter()
            .collect(),
        title: &work.full_title,
        issued: work.year.map(|year| CslDate {
            date_parts: [[year]],
        }),
        isbn: work.isbn.as_deref(),
        language: LANGUAGE,
        annote: (!notes.is_empty()).then(|| notes.join("\n\n")),
    }
}

#[cfg(test)]
mod tests {
    use crate::cite::fixtures::{awkward, citations, mellem, tango, trinet};
    use crate::cite::Style;

    #[test]
    fn csl_json_item_for_a_dated_and_an_undated_booklet() {
        let c = citations();
        assert_eq!(
            c.format(&tango(), Style::CslJson),
            r#"[
  {
    "id": "den-politiske-tango",
    "type": "book",
    "author": [
      {
        "literal": "Væksthus for Ledelse"
      }
    ],
    "title": "Den politiske tango: Udfordringer i samspillet mellem politisk og administrativ topleder",
    "issued": {
      "date-parts": [
        [
          2012
        ]
      ]
    },
    "ISBN": "978-87-92907-17-2",
    "language": "da",
    "annote": "„Helt overordnet, så passer vi hver vores butik. Det er to forskellige verdner, der bare skal leve side om side i nogenlunde harmoni“ – én politiker (Væksthus for Ledelse, 2012, afs. „Den politiske livsledsager“)."
  }
]
"#
        );
        let json = c.format(&trinet(), Style::CslJson);
        let items: Vec<serde_json::Value> = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(items[0]["id"], "pas-paa-trinet");
        assert!(items[0].get("issued").is_none(), "no invented year");
    }

    #[test]
    fn csl_json_export_gives_each_booklet_one_item_without_publisher() {
        let c = citations();
        let (t, p, m, a) = (tango(), trinet(), mellem(), awkward());
        let json = c.format_many(&[&t, &p, &m, &a, &p], Style::CslJson);
        let items: Vec<serde_json::Value> = serde_json::from_str(&json).expect("valid JSON");
        let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            [
                "mellem-chef-og-direktoer",
                "pas-paa-trinet",
                "den-politiske-tango",
                "kaere-chef-kaere-ledere"
            ]
        );
        for item in &items {
            assert_eq!(item["type"], "book");
            assert!(item.get("publisher").is_none(), "{item}");
            assert!(item.get("note").is_none(), "{item}");
        }
    }
}
