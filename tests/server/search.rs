//! `/api/search`: hits, paging, filters and facets, and `/api/facets`,
//! `/api/publications` and `/api/outline`, which count the same corpus.

use std::collections::{BTreeMap, BTreeSet};

use crate::common;
use crate::harness::{all_hits, all_quotes, count_by, encode, facet, ids, server, total};

#[test]
fn search_answers_hits_and_facets_as_the_cli_does() {
    let s = server();
    let r = s.get("/api/search?q=tillid&limit=5");
    r.assert_status(200);
    r.assert_content_type("application/json");
    let body = r.json();
    assert_eq!(body["query"], "tillid", "{}", r.report());
    assert_eq!(body["offset"], 0);
    assert!(total(&body) > 5, "few hits for tillid{}", r.report());
    let hits = body["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 5, "{}", r.report());
    for hit in hits {
        for field in [
            "id", "text", "snippet", "speaker", "role", "level", "theme", "citation",
        ] {
            assert!(hit[field].is_string(), "hit without {field}: {hit}");
        }
        assert!(hit["score"].as_f64().unwrap() > 0.0, "{hit}");
        assert!(
            hit["subtheme"].is_string() || hit["subtheme"].is_null(),
            "{hit}"
        );
        assert!(hit["publication"]["id"].is_string() && hit["publication"]["title"].is_string());
        assert!(hit["source"]["file"].is_string() && hit["source"]["line_start"].is_u64());
    }
    assert!(
        hits.iter()
            .any(|h| h["snippet"].as_str().unwrap().contains("<b>")),
        "no highlighted snippet{}",
        r.report()
    );
    for name in ["level", "role", "theme", "publication"] {
        assert!(
            body["facets"][name].is_object(),
            "no facet {name}{}",
            r.report()
        );
    }

    let ws = common::shared();
    let run = ws.ok(&["search", "tillid", "--limit", "5", "--format", "json"]);
    assert_eq!(
        run.json(),
        body,
        "the API and `citater search --format json` differ{}{}",
        r.report(),
        run.report()
    );
}

#[test]
fn an_empty_query_lists_every_quote() {
    let s = server();
    let health = s.json("/healthz");
    let everything = s.search("q=&limit=0");
    assert_eq!(everything["total"], health["quotes"]);
    assert_eq!(s.search("")["total"], health["quotes"]);
    let all = all_quotes();
    assert_eq!(all.len() as u64, health["quotes"].as_u64().unwrap());
    let distinct: BTreeSet<&str> = ids(all).into_iter().collect();
    assert_eq!(distinct.len(), all.len(), "an id is listed twice");
}

#[test]
fn limit_and_offset_page_through_the_hits() {
    let s = server();
    let everything = all_hits("q=ledelse");
    assert!(everything.len() > 20, "few hits for ledelse");
    let expected = ids(&everything);
    let mut paged = Vec::new();
    for offset in (0..everything.len()).step_by(7) {
        let page = s.search(&format!("q=ledelse&limit=7&offset={offset}"));
        assert_eq!(page["offset"], offset as u64);
        assert_eq!(total(&page), everything.len() as u64);
        let listed = everything.len() + page["related_total"].as_u64().unwrap() as usize;
        let hits = page["hits"].as_array().unwrap();
        assert_eq!(hits.len(), 7.min(listed - offset));
        paged.extend(hits.iter().map(|h| h["id"].as_str().unwrap().to_string()));
    }
    paged.truncate(expected.len());
    assert_eq!(
        paged, expected,
        "pages of 7 do not add up to the whole list"
    );

    let default = s.search("q=ledelse");
    assert_eq!(
        default["hits"].as_array().unwrap().len(),
        10,
        "the default limit is 10"
    );
    let none = s.search("q=ledelse&limit=0");
    assert!(none["hits"].as_array().unwrap().is_empty());
    assert_eq!(total(&none), everything.len() as u64);
    let past = s.search("q=ledelse&offset=10000");
    assert!(past["hits"].as_array().unwrap().is_empty());
    assert_eq!(total(&past), everything.len() as u64);
}

#[test]
fn repeated_filters_or_and_different_filters_and() {
    let s = server();
    let all = all_quotes();
    let levels = count_by(all, "level");
    let (l1, n1) = levels.iter().next().unwrap();
    let (l2, n2) = levels.iter().nth(1).unwrap();

    let one = s.search(&format!("level={}&limit=100", encode(l1)));
    assert_eq!(total(&one), *n1);
    let two = all_hits(&format!("level={}&level={}", encode(l1), encode(l2)));
    assert_eq!(
        two.len() as u64,
        n1 + n2,
        "level={l1}&level={l2} does not OR"
    );
    assert!(two
        .iter()
        .all(|h| h["level"] == l1.as_str() || h["level"] == l2.as_str()));

    let publication = all[0]["publication"]["id"].as_str().unwrap();
    let both: Vec<&str> = all
        .iter()
        .filter(|q| q["level"] == l1.as_str() && q["publication"]["id"] == publication)
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    let anded = all_hits(&format!("level={}&publication={publication}", encode(l1)));
    assert_eq!(
        ids(&anded),
        both,
        "level={l1}&publication={publication} does not AND"
    );

    // Values are matched as people type them.
    let folded = s.search("level=DIREKTOER&limit=0");
    let exact = s.search(&format!("level={}&limit=0", encode("direktør")));
    assert_eq!(total(&folded), total(&exact));
    assert!(total(&exact) > 0);
}

#[test]
fn a_facets_own_filter_does_not_shrink_its_counts() {
    let s = server();
    let q = "q=ledelse";
    let unfiltered = s.search(&format!("{q}&limit=0"));
    let (level, _) = facet(&unfiltered, "level").into_iter().next().unwrap();
    let (publication, _) = facet(&unfiltered, "publication")
        .into_iter()
        .next()
        .unwrap();
    let by_level = format!("level={}", encode(&level));
    let by_publication = format!("publication={publication}");

    let one = s.search(&format!("{q}&{by_level}&limit=0"));
    assert_eq!(facet(&one, "level"), facet(&unfiltered, "level"));
    assert_eq!(Some(&total(&one)), facet(&unfiltered, "level").get(&level));
    let under_level = all_hits(&format!("{q}&{by_level}"));
    assert_eq!(
        facet(&one, "publication"),
        count_by(&under_level, "publication")
    );
    assert_eq!(facet(&one, "role"), count_by(&under_level, "role"));

    let two = s.search(&format!("{q}&{by_level}&{by_publication}&limit=0"));
    let under_publication = all_hits(&format!("{q}&{by_publication}"));
    assert_eq!(facet(&two, "level"), count_by(&under_publication, "level"));
    assert_eq!(
        facet(&two, "publication"),
        count_by(&under_level, "publication")
    );
    let under_both = all_hits(&format!("{q}&{by_level}&{by_publication}"));
    assert_eq!(facet(&two, "theme"), count_by(&under_both, "theme"));
    assert_eq!(total(&two), under_both.len() as u64);
}

#[test]
fn facets_and_publications_cover_the_corpus() {
    let s = server();
    let quotes = all_quotes().len() as u64;
    let facets = s.json("/api/facets");
    for name in ["level", "role", "theme", "publication"] {
        let sum: u64 = facets[name]
            .as_object()
            .unwrap_or_else(|| panic!("no facet {name}: {facets}"))
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(sum, quotes, "the {name} counts do not add up: {facets}");
    }
    let corpus_counts = s.search("limit=0")["facets"].clone();
    assert_eq!(facets, corpus_counts);

    let publications = s.json("/api/publications");
    let list = publications.as_array().unwrap();
    let listed: Vec<&str> = list.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(
        listed,
        [
            "pas-paa-trinet",
            "mellem-chef-og-direktoer",
            "den-politiske-tango",
            "kaere-chef-kaere-ledere",
            "staerkt-samarbejde-i-chefgruppen"
        ]
    );
    let mut sum = 0;
    for p in list {
        for field in ["title", "publisher", "year_label", "reference"] {
            assert!(p[field].is_string(), "{field} missing: {p}");
        }
        let n = p["quotes"].as_u64().unwrap();
        let per_theme: u64 = p["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["quotes"].as_u64().unwrap())
            .sum();
        assert_eq!(per_theme, n, "themes do not add up: {p}");
        sum += n;
    }
    assert_eq!(sum, quotes);
}

/// The text a `[start, end)` span of code points covers.
fn spanned(text: &str, span: &serde_json::Value) -> String {
    let (start, end) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn every_hit_says_what_matched_and_the_snippet_marks_just_that() {
    let s = server();
    // A typo, a word typed without æøå and a compound part: each says how.
    for (q, how) in [
        ("tillid", "ord"),
        ("tilid", "stavning"),
        ("direktoer", "stavning"),
        ("ledelse", "sammensætning"),
    ] {
        let body = s.search(&format!("q={}&limit=50", encode(q)));
        let hits = body["hits"].as_array().unwrap();
        assert!(!hits.is_empty(), "no hits for {q}");
        let mut hows = BTreeSet::new();
        for hit in hits {
            let text = hit["text"].as_str().unwrap();
            let mut marked: Vec<String> = Vec::new();
            for m in hit["matched"].as_array().unwrap() {
                assert_eq!(m["word"], q, "{m}");
                hows.insert(m["how"].as_str().unwrap().to_string());
                let spans = m["spans"].as_array().unwrap();
                let words: Vec<String> = spans.iter().map(|sp| spanned(text, sp)).collect();
                // A topic or heading match marks the words that give the
                // topic, if the text has them.
                if m["how"] == "emne" {
                    marked.extend(words);
                    continue;
                }
                assert!(!spans.is_empty(), "{m}");
                assert!(
                    words
                        .iter()
                        .any(|w| w.to_lowercase() == m["form"].as_str().unwrap()),
                    "the form is one of the spans' words: {m} in {text}"
                );
                marked.extend(words);
            }
            let snippet = hit["snippet"].as_str().unwrap();
            if !snippet.contains('…') {
                let bold: Vec<String> = snippet
                    .split("<b>")
                    .skip(1)
                    .map(|part| part.split("</b>").next().unwrap().to_string())
                    .collect();
                let mut expected = marked.clone();
                expected.sort();
                expected.dedup();
                let mut got = bold.clone();
                got.sort();
                got.dedup();
                assert_eq!(got, expected, "snippet {snippet} vs matched of {text}");
            }
        }
        assert!(hows.contains(how), "{q}: no match says {how}: {hows:?}");
    }
}

#[test]
fn the_outline_files_every_quote_under_its_headings() {
    let s = server();
    let quotes = all_quotes();
    let outlines = s.json("/api/outline");
    let list = outlines["outlines"].as_array().unwrap();
    assert_eq!(list.len(), 5, "one outline per booklet: {outlines}");
    for outline in list {
        let id = outline["publication"]["id"].as_str().unwrap();
        // (theme, subtheme) -> quotes, as the outline counts them and as
        // the quotes themselves say.
        let mut counted = BTreeMap::<(String, String), u64>::new();
        for chapter in outline["headings"].as_array().unwrap() {
            let theme = chapter["title"].as_str().unwrap().to_string();
            if chapter["level"] != "theme" {
                continue;
            }
            let mut in_sections = 0;
            for section in chapter["headings"].as_array().into_iter().flatten() {
                if section["level"] == "subtheme" {
                    let n = section["quotes"].as_u64().unwrap();
                    in_sections += n;
                    let key = (theme.clone(), section["title"].as_str().unwrap().into());
                    *counted.entry(key).or_default() += n;
                }
            }
            let n = chapter["quotes"].as_u64().unwrap() - in_sections;
            *counted.entry((theme, String::new())).or_default() += n;
        }
        counted.retain(|_, n| *n > 0);
        let mut filed = BTreeMap::<(String, String), u64>::new();
        for q in quotes.iter().filter(|q| q["publication"]["id"] == id) {
            let theme = q["theme"].as_str().unwrap().to_string();
            let subtheme = q["subtheme"].as_str().unwrap_or_default().to_string();
            *filed.entry((theme, subtheme)).or_default() += 1;
        }
        assert_eq!(
            counted, filed,
            "{id}: the outline's counts are not the quotes'"
        );
        let total: u64 = filed.values().sum();
        assert_eq!(outline["quotes"].as_u64().unwrap(), total);
    }
    let one = s.json("/api/outline?publication=DEN-POLITISKE-TANGO");
    assert_eq!(one["outlines"].as_array().unwrap().len(), 1);
    assert_eq!(
        one["outlines"][0], list[2],
        "a publication's outline is the same alone as among all"
    );
}
