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
