//! `/api/matrix`: counts per cell under the search's filters.

use crate::harness::{all_quotes, encode, server, total};

#[test]
fn matrix_counts_add_up_and_match_filtered_searches() {
    let s = server();
    let check = |filters: &str, rows: &str, cols: &str| {
        let m = s.json(&format!("/api/matrix?rows={rows}&cols={cols}&{filters}"));
        let counts: Vec<Vec<u64>> = serde_json::from_value(m["counts"].clone()).unwrap();
        let row_keys: Vec<String> = serde_json::from_value(m["row_keys"].clone()).unwrap();
        let col_keys: Vec<String> = serde_json::from_value(m["col_keys"].clone()).unwrap();
        let sum: u64 = counts.iter().flatten().sum();
        assert_eq!(sum, total(&m), "cells do not add up to the total: {m}");
        let row_totals: Vec<u64> = counts.iter().map(|r| r.iter().sum()).collect();
        assert_eq!(m["row_totals"], serde_json::json!(row_totals));
        let search = s.search(&format!("{filters}&limit=0"));
        assert_eq!(
            total(&m),
            total(&search),
            "matrix and search totals differ: {m}"
        );
        let cells: Vec<(usize, usize)> = (0..row_keys.len())
            .flat_map(|r| (0..col_keys.len()).map(move |c| (r, c)))
            .collect();
        let nonzero: Vec<(usize, usize)> = cells
            .iter()
            .copied()
            .filter(|&(r, c)| counts[r][c] > 0)
            .collect();
        let zero = cells.iter().copied().find(|&(r, c)| counts[r][c] == 0);
        for (r, c) in [nonzero.first().copied(), nonzero.last().copied(), zero]
            .into_iter()
            .flatten()
        {
            let cell = s.search(&format!(
                "{filters}&{rows}={}&{cols}={}&limit=0",
                encode(&row_keys[r]),
                encode(&col_keys[c])
            ));
            assert_eq!(
                counts[r][c],
                total(&cell),
                "cell ({}, {}) differs from its search: {m}",
                row_keys[r],
                col_keys[c]
            );
        }
    };
    check("", "theme", "level");
    check("q=ledelse", "level", "publication");
    let theme = all_quotes()[0]["theme"].as_str().unwrap();
    check(
        &format!("q=ledelse&theme={}", encode(theme)),
        "role",
        "level",
    );
}

#[test]
fn the_topic_axis_matches_the_topic_filter() {
    let s = server();
    let m = s.json("/api/matrix?rows=topic&cols=publication&q=tillid");
    let counts: Vec<Vec<u64>> = serde_json::from_value(m["counts"].clone()).unwrap();
    let row_keys: Vec<String> = serde_json::from_value(m["row_keys"].clone()).unwrap();
    let col_keys: Vec<String> = serde_json::from_value(m["col_keys"].clone()).unwrap();
    assert!(row_keys.contains(&"tillid".to_string()), "{m}");
    for (r, topic) in row_keys.iter().enumerate() {
        for (c, publication) in col_keys.iter().enumerate() {
            let cell = s.search(&format!(
                "q=tillid&topic={topic}&publication={publication}&limit=0"
            ));
            assert_eq!(counts[r][c], total(&cell), "{topic} × {publication}");
        }
        let row = s.search(&format!("q=tillid&topic={topic}&limit=0"));
        assert_eq!(m["row_totals"][r], total(&row), "{topic}");
    }
    // A quote of two topics counts in two rows, once in the total.
    let cells: u64 = counts.iter().flatten().sum();
    assert!(cells >= total(&m));
    assert_eq!(total(&m), total(&s.search("q=tillid&limit=0")));
}

#[test]
fn the_topics_say_what_they_hold() {
    let s = server();
    let topics = s.json("/api/topics");
    let list = topics["topics"].as_array().unwrap();
    assert!((15..=25).contains(&list.len()), "{} topics", list.len());
    let quotes = all_quotes();
    for topic in list {
        let id = topic["id"].as_str().unwrap();
        assert!(!topic["name"].as_str().unwrap().is_empty());
        assert!(!topic["description"].as_str().unwrap().is_empty());
        let holding = quotes
            .iter()
            .filter(|q| q["topics"].as_array().unwrap().iter().any(|t| t == id))
            .count() as u64;
        assert_eq!(topic["quotes"], holding, "{id}");
        let by_booklet: u64 = topic["publications"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert_eq!(by_booklet, holding, "{id}");
        let filtered = s.search(&format!("topic={}&limit=0", encode(id)));
        assert_eq!(total(&filtered), holding, "{id}");
    }
    let trust = list.iter().find(|t| t["id"] == "tillid").unwrap();
    assert!(
        trust["publications"]
            .as_object()
            .unwrap()
            .values()
            .all(|n| n.as_u64().unwrap() > 0),
        "trust in every booklet: {trust}"
    );
}
