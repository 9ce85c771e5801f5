//! A bounded fuzz run of the whole search path: arbitrary queries, biased
//! to the query language's metacharacters, Danish letters, combining marks,
//! emoji, control characters and very long tokens, run through parsing,
//! expansion, compilation, ranking, facets, the matrix and the renderings of
//! what matched, over the bundled corpus.
//!
//! The property: nothing panics, a search answers or says the request is
//! wrong (`Error::Usage`), and every `matched` span lies within the hit's
//! text, so every rendering can cut it on character boundaries.
//!
//! `PROPTEST_CASES` sets how many queries are tried (64 unless set); a long
//! run is `PROPTEST_CASES=5000 cargo test --release -p citater-query --test
//! fuzz_query`. Crashes it found stay below as plain regression tests.

use std::path::Path;
use std::sync::OnceLock;

use citater_indexer::{analysis, Corpus, IndexStore};
use citater_query::error::Error;
use citater_query::render::snippet::snippet;
use citater_query::render::terminal::{paragraph, Marks};
use citater_query::render::why::why;
use citater_query::search::filters::{Facet, Filters};
use citater_query::search::matched::{marked_spans, Matched};
use citater_query::search::matrix::matrix;
use citater_query::search::{Engine, SearchRequest, MAX_LIMIT, MAX_QUERY_CHARS};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// The engine over the bundled corpus, built in memory once per test binary.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let corpus = Corpus::load(&dir).expect("the corpus loads");
        let loaded = IndexStore::build_in_memory(&corpus).expect("the index builds");
        Engine::from_loaded(loaded).expect("the engine opens")
    })
}

/// Words the quotes say, so that fuzzed queries also find something and
/// the snippets and spans of real hits are checked.
fn corpus_words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<String> = engine()
            .all_quotes()
            .expect("the quotes read")
            .into_iter()
            .flat_map(|q| analysis::words(&q.text))
            .map(|w| w.lower)
            .collect();
        words.sort();
        words.dedup();
        words
    })
}

/// How many cases: `PROPTEST_CASES`, else `default`.
fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        // Each case already searches several times; shrinking a failure
        // does not need thousands of steps more.
        max_shrink_iters: 2048,
        ..Config::default()
    }
}

/// One token of a query.
fn token() -> impl Strategy<Value = String> {
    let meta = prop::sample::select(vec![
        "\"", "“", "”", "„", "(", ")", "*", "-", "+", "AND", "OR", "NOT", "&&", "||", " ", "  ",
        "\t", "\n", ":", "level:", "?", ".", ",", "…", "'", "\\", "~", "^", "/", "_",
    ])
    .prop_map(String::from);
    let odd = prop::sample::select(vec![
        "æ",
        "ø",
        "å",
        "Æ",
        "Ø",
        "Å",
        "é",
        "ü",
        "ß",
        "ﬁ",
        "ﬂ",        // ligatures as PDFs leave them
        "a\u{30a}", // å decomposed
        "e\u{301}",
        "\u{301}",
        "\u{308}\u{308}\u{308}", // combining marks alone
        "👍",
        "🇩🇰",
        "👩\u{200d}💼",
        "😀",
        "\u{fe0f}",
        "\u{200b}",
        "\u{200d}",
        "\u{feff}",
        "\u{00ad}", // soft hyphen
        "\u{2028}",
        "\u{a0}",
        "\u{0}",
        "\u{7}",
        "\u{1b}[1m",
        "\u{7f}",
        "\u{85}",
        "\u{202e}",
        "İ",
        "ı",
        "ǅ",
        "ﬀ",
        "Σ",
        "ς",
        "\u{10ffff}",
        "\u{fffd}",
        "ΐ", // case mapping changes length
        "<b>",
        "&amp;",
        "<",
        ">",
        "&",
    ])
    .prop_map(String::from);
    let corpus = prop::sample::select(corpus_words());
    let long = prop_oneof![
        "[a-zæøå]{60,400}",
        (prop::sample::select(corpus_words()), 2usize..30).prop_map(|(w, n)| w.repeat(n)),
        (
            prop::sample::select(vec!["æ", "ø", "å", "\u{301}", "😀", "*", "-", "\""]),
            50usize..300
        )
            .prop_map(|(c, n)| c.repeat(n)),
        // Many of the pairs typed for æ, ø, å.
        prop::collection::vec(prop::sample::select(vec!["ae", "oe", "aa", "a"]), 4..30)
            .prop_map(|pairs| pairs.concat()),
    ];
    prop_oneof![
        4 => meta,
        3 => odd,
        6 => corpus.clone(),
        2 => corpus.clone().prop_map(|w| format!("{w}*")),
        2 => corpus.clone().prop_map(|w| format!("-{w}")),
        1 => corpus.clone().prop_map(|w| w.to_uppercase()),
        // A word with a typo: one character dropped.
        1 => (corpus, any::<prop::sample::Index>()).prop_map(|(w, i)| {
            let mut chars: Vec<char> = w.chars().collect();
            chars.remove(i.index(chars.len()));
            chars.into_iter().collect()
        }),
        2 => "[a-zæøåA-Z0-9]{1,12}",
        1 => any::<char>().prop_map(String::from),
        1 => long,
    ]
}

/// A query: tokens, sometimes glued together, sometimes apart.
fn query() -> impl Strategy<Value = String> {
    prop::collection::vec((token(), any::<bool>()), 0..14).prop_map(|tokens| {
        let mut q = String::new();
        for (t, glued) in tokens {
            if !glued && !q.is_empty() {
                q.push(' ');
            }
            q.push_str(&t);
        }
        q
    })
}

/// A few filter sets: none, one value, two facets.
fn filters(pick: usize) -> Filters {
    let raw: &[(Facet, &str)] = match pick % 3 {
        0 => &[],
        1 => &[(Facet::Level, "direktør")],
        _ => &[
            (Facet::Level, "chef"),
            (Facet::Publication, "pas-paa-trinet"),
        ],
    };
    engine()
        .filters(
            &raw.iter()
                .map(|(f, v)| (*f, v.to_string()))
                .collect::<Vec<_>>(),
        )
        .expect("the filters exist")
}

/// The spans of one hit: each `[start, end)` non-empty, in characters of
/// `text`, and within it.
fn check_spans(text: &str, matched: &[Matched]) -> Result<(), TestCaseError> {
    let chars = text.chars().count();
    for m in matched {
        for &(s, e) in &m.spans {
            prop_assert!(
                s < e && e <= chars,
                "span ({s}, {e}) of '{}' outside a text of {chars} characters: {text:?}",
                m.word
            );
        }
        prop_assert!(
            m.spans.windows(2).all(|w| w[0] <= w[1]),
            "spans of '{}' out of reading order: {:?}",
            m.word,
            m.spans
        );
    }
    Ok(())
}

/// A snippet, its marks and ellipses taken out and unescaped, is a part of
/// the text, and its marks are balanced.
fn check_snippet(text: &str, snippet: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        snippet.matches("<b>").count(),
        snippet.matches("</b>").count(),
        "unbalanced marks in {:?}",
        snippet
    );
    let bare = snippet.replace("<b>", "").replace("</b>", "");
    let bare = bare.strip_prefix('…').unwrap_or(&bare);
    let bare = bare.strip_suffix('…').unwrap_or(bare);
    let plain = bare
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    prop_assert!(
        text.contains(&plain),
        "snippet {snippet:?} is not a part of {text:?}"
    );
    Ok(())
}

/// Everything a query goes through, checked.
fn search_everything(query: &str, pick: usize, limit: usize) -> Result<(), TestCaseError> {
    let engine = engine();
    let filters = filters(pick);
    let request = SearchRequest {
        query: query.to_string(),
        filters: filters.clone(),
        limit,
        offset: pick % 7,
    };
    let response = match engine.search(&request) {
        Ok(response) => response,
        Err(Error::Usage(_)) => return Ok(()),
        Err(e) => return Err(TestCaseError::fail(format!("search {query:?} failed: {e}"))),
    };
    prop_assert!(response.hits.len() <= limit);
    for hit in &response.hits {
        let text = &hit.quote.quote.text;
        check_spans(text, &hit.matched)?;
        check_snippet(text, &hit.snippet)?;
        let marked = marked_spans(&hit.matched);
        paragraph(text, &marked, 4, 60, Marks::Asterisks);
        paragraph(text, &marked, 0, 10, Marks::Colour);
        why(&hit.matched);
        // The snippet alone, from the same spans.
        snippet(text, &analysis::words(text), &hit.matched);
    }
    if let Err(e) = matrix(engine, Facet::Theme, Facet::Level, query, &filters) {
        prop_assert!(matches!(e, Error::Usage(_)), "matrix {query:?} failed: {e}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_query_searches(q in query(), pick in 0usize..21, limit in prop_oneof![Just(MAX_LIMIT), 0..12usize]) {
        search_everything(&q, pick, limit)?;
    }

    #[test]
    fn any_string_searches(q in prop::collection::vec(any::<char>(), 0..60).prop_map(String::from_iter), pick in 0usize..21) {
        search_everything(&q, pick, 10)?;
    }
}

#[test]
fn a_limit_over_the_maximum_is_a_usage_error() {
    let request = SearchRequest {
        query: "tillid".into(),
        limit: MAX_LIMIT + 1,
        ..SearchRequest::default()
    };
    assert!(matches!(engine().search(&request), Err(Error::Usage(_))));
}

/// Found while fuzzing, by timing the longest tokens: a word of many
/// `ae`/`oe`/`aa` pairs was compared with the vocabulary in 4,096 spellings
/// (seconds a word), and a long pasted word was split at every character in
/// search of compound parts (20 s for 100,000 letters). Each now answers in
/// milliseconds; this test takes minutes if either comes back. The queries
/// are as long as a search takes (`MAX_QUERY_CHARS`); longer ones are
/// refused before any work.
#[test]
fn pathological_words_search() {
    let most = MAX_QUERY_CHARS;
    for query in [
        "aeaeaeaeoeoeoeoeaaaaaaaa ".repeat(14),
        "aeaeaeaeoeoeoeoeaaaaaaaa* ".repeat(14),
        "x".repeat(most),
        "ledelses".repeat(most / 8),
        format!(
            "{}tillid{}",
            "(".repeat(most / 2 - 3),
            ")".repeat(most / 2 - 3)
        ),
        "\"".repeat(most),
    ] {
        assert!(query.chars().count() <= most, "{query}");
        let request = SearchRequest {
            query,
            limit: MAX_LIMIT,
            ..SearchRequest::default()
        };
        engine().search(&request).expect("the search runs");
    }
}
