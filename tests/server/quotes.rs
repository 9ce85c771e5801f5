//! `/api/quotes/{id}`: one quote with its context, its citations and the
//! quotes similar to it.

use crate::harness::{all_quotes, quote_in_the_middle, server, some_id};

#[test]
fn a_quote_with_and_without_context() {
    let s = server();
    let listed = quote_in_the_middle();
    let id = listed["id"].as_str().unwrap();
    let mut expected = listed.clone();
    let fields = expected.as_object_mut().unwrap();
    for hit_only in ["score", "snippet", "matched", "related"] {
        fields.remove(hit_only);
    }

    // The quote is its search hit, and where a reader finds it.
    let without_where = |target: &str| {
        let mut shown = s.json(target);
        let place = shown.as_object_mut().unwrap().remove("where");
        assert!(
            place.is_some_and(|w| w["chapter"] == listed["theme"]),
            "{target}: {shown}"
        );
        shown
    };
    let plain = without_where(&format!("/api/quotes/{id}"));
    assert_eq!(plain, expected, "the quote differs from its search hit");
    assert_eq!(
        without_where(&format!("/api/quotes/{id}?context=0")),
        expected
    );

    let with = s.json(&format!("/api/quotes/{id}?context=2"));
    let context = &with["context"];
    assert_eq!(context["headings"][0], listed["publication"]["title"]);
    assert_eq!(context["headings"][1], listed["theme"]);
    let lines = context["lines"].as_array().unwrap();
    let (start, end) = (
        listed["source"]["line_start"].as_u64().unwrap(),
        listed["source"]["line_end"].as_u64().unwrap(),
    );
    let numbers: Vec<u64> = lines.iter().map(|l| l["no"].as_u64().unwrap()).collect();
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "lines out of order: {context}"
    );
    assert_eq!(
        numbers.iter().filter(|&&n| n < start).count(),
        2,
        "{context}"
    );
    assert_eq!(numbers.iter().filter(|&&n| n > end).count(), 2, "{context}");
    for line in lines {
        let n = line["no"].as_u64().unwrap();
        assert_eq!(line["in_quote"], (start..=end).contains(&n), "{line}");
        assert!(!line["text"].as_str().unwrap().trim().is_empty(), "{line}");
    }
    let longest = s.json(&format!("/api/quotes/{id}?context=200"));
    assert!(longest["context"]["lines"].as_array().unwrap().len() > lines.len());
}

#[test]
fn citations_in_every_style() {
    let s = server();
    let id = some_id();
    let title = quote_in_the_middle()["publication"]["title"]
        .as_str()
        .unwrap();
    let cite = |style: &str| {
        let r = s.get(&format!("/api/quotes/{id}/cite?style={style}"));
        r.assert_status(200);
        r
    };
    let apa = cite("apa");
    apa.assert_content_type("text/plain");
    assert!(
        apa.text().contains("Væksthus for Ledelse"),
        "{}",
        apa.report()
    );
    assert_eq!(s.get(&format!("/api/quotes/{id}/cite")).text(), apa.text());
    let ris = cite("ris");
    ris.assert_content_type("text/plain");
    assert!(
        ris.text().starts_with("TY  -") && ris.text().trim_end().ends_with("ER  -"),
        "{}",
        ris.report()
    );
    let bibtex = cite("bibtex");
    bibtex.assert_content_type("text/plain");
    assert!(
        bibtex.text().trim_start().starts_with('@'),
        "{}",
        bibtex.report()
    );
    let csl = cite("csl-json");
    csl.assert_content_type("application/vnd.citationstyles.csl+json");
    let items = csl.json();
    assert_eq!(items.as_array().map(Vec::len), Some(1), "{}", csl.report());
    for r in [&apa, &ris, &bibtex, &csl] {
        assert!(
            r.text()
                .contains(title.split([':', '!', '?']).next().unwrap()),
            "the citation lacks the title{}",
            r.report()
        );
    }
}

#[test]
fn similar_quotes_never_include_the_quote_itself() {
    let s = server();
    let all = all_quotes();
    let mut some = 0;
    for quote in all.iter().step_by(all.len() / 12) {
        let id = quote["id"].as_str().unwrap();
        let r = s.get(&format!("/api/quotes/{id}/similar?limit=8"));
        r.assert_status(200);
        r.assert_content_type("application/json");
        let body = r.json();
        assert_eq!(body["id"], id, "{}", r.report());
        let hits = body["hits"].as_array().unwrap();
        assert!(hits.len() <= 8, "{}", r.report());
        assert!(
            hits.iter().all(|h| h["id"] != id),
            "{id} is similar to itself{}",
            r.report()
        );
        some += usize::from(!hits.is_empty());
    }
    assert!(some > 6, "most quotes have no similar quotes");
    let default = s.json(&format!("/api/quotes/{}/similar", some_id()));
    assert!(default["hits"].as_array().unwrap().len() <= 5);
}
