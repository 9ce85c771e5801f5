//! A bounded fuzz run of the extractor on mutated booklet text: a window of
//! a real booklet's lines (often its opening, where the title page and the
//! table of contents stand), with lines deleted, duplicated, swapped, cut
//! short, re-cased, joined or split, characters and quotation marks
//! inserted or deleted, blank lines and form feeds added, then extracted
//! as the one booklet of a corpus with its real metadata.
//!
//! The property: extraction never panics nor fails, and every quote it
//! finds has a unique id and a line span within the text it was read from.
//!
//! `PROPTEST_CASES` sets how many texts are tried (32 unless set); a long
//! run is `PROPTEST_CASES=3000 cargo test --release -p citater-indexer
//! --test fuzz_extraction`. Crashes it found stay below as plain regression
//! tests.

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

use citater_indexer::{Corpus, IndexStore, LoadedIndex, Quote};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;

/// One booklet of the bundled corpus: its `publications.toml` entry and
/// its text.
struct Booklet {
    entry: toml::Table,
    lines: Vec<String>,
}

fn corpus_dir() -> &'static Path {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus"))
}

fn booklets() -> &'static [Booklet] {
    static BOOKLETS: OnceLock<Vec<Booklet>> = OnceLock::new();
    BOOKLETS.get_or_init(|| {
        let publications: toml::Table = toml::from_str(
            &std::fs::read_to_string(corpus_dir().join("publications.toml"))
                .expect("publications.toml reads"),
        )
        .expect("publications.toml parses");
        publications["publication"]
            .as_array()
            .expect("a list of publications")
            .iter()
            .map(|entry| {
                let entry = entry.as_table().expect("an entry").clone();
                let file = entry["file"].as_str().expect("a file name");
                let text = std::fs::read_to_string(corpus_dir().join(file)).expect("the text");
                Booklet {
                    entry,
                    lines: text.split('\n').map(String::from).collect(),
                }
            })
            .collect()
    })
}

/// Extracts and indexes (in memory) the quotes of `text` as the one
/// booklet of a corpus, with the metadata (entry, roles, topics, synonyms)
/// of booklet `which`.
fn index(which: usize, text: &str) -> Result<LoadedIndex, String> {
    let booklet = &booklets()[which];
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut publications = toml::Table::new();
    publications.insert(
        "publication".into(),
        vec![toml::Value::Table(booklet.entry.clone())].into(),
    );
    std::fs::write(
        dir.path().join("publications.toml"),
        toml::to_string(&publications).expect("the entry serializes"),
    )
    .expect("publications.toml writes");
    for file in ["roles.toml", "topics.toml", "synonyms.toml"] {
        std::fs::copy(corpus_dir().join(file), dir.path().join(file)).expect("metadata copies");
    }
    let file = booklet.entry["file"].as_str().expect("a file name");
    std::fs::write(dir.path().join(file), text).expect("the text writes");
    let corpus = Corpus::load(dir.path()).map_err(|e| e.to_string())?;
    IndexStore::build_in_memory(&corpus).map_err(|e| e.to_string())
}

fn extract(which: usize, text: &str) -> Result<Vec<Quote>, String> {
    index(which, text).and_then(|loaded| quotes_of(&loaded))
}

fn quotes_of(loaded: &LoadedIndex) -> Result<Vec<Quote>, String> {
    loaded
        .quotes
        .iter()
        .map(|q| q.cloned().map_err(|e| e.to_string()))
        .collect()
}

/// Checks what extraction must always hold: unique ids, quote and heading
/// spans within the text's lines, as the index keeps them for showing a
/// quote in context.
fn check(which: usize, text: &str) -> Result<(), TestCaseError> {
    let loaded = index(which, text).map_err(TestCaseError::fail)?;
    let quotes = quotes_of(&loaded).map_err(TestCaseError::fail)?;
    let lines = text.split('\n').count();
    let file = format!(
        "corpus/{}",
        booklets()[which].entry["file"].as_str().unwrap()
    );
    prop_assert_eq!(
        loaded
            .booklet_lines(&file)
            .ok()
            .flatten()
            .map(<[String]>::len),
        Some(lines)
    );
    let outlines = loaded
        .outlines()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(outlines.len(), 1);
    let outline = &outlines[0];
    prop_assert_eq!(outline.quotes, quotes.len());
    for (_, h) in outline.walk() {
        prop_assert!(
            1 <= h.line_start && h.line_start <= h.line_end && h.line_end <= lines,
            "heading {:?} spans lines {}..={} of a text of {lines} lines",
            h.title,
            h.line_start,
            h.line_end
        );
    }
    let mut ids = HashSet::new();
    for q in &quotes {
        prop_assert!(ids.insert(q.id.as_str()), "id {} twice", q.id);
        let (start, end) = (q.source.line_start, q.source.line_end);
        prop_assert!(
            1 <= start && start <= end && end <= lines,
            "quote {} spans lines {start}..={end} of a text of {lines} lines",
            q.id
        );
        prop_assert!(!q.id.is_empty(), "a quote without an id: {:?}", q.text);
        if let Some(pages) = q.pages {
            prop_assert!(pages.first <= pages.last, "pages {pages} of {}", q.id);
        }
    }
    Ok(())
}

/// One change to the lines of a text.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    /// Moves a run of lines elsewhere.
    MoveLines(Index, usize, Index),
    InsertText(Index, Index, String),
    DeleteChars(Index, Index, usize),
    /// Cuts a line short after some of its characters.
    Truncate(Index, Index),
    Upper(Index),
    Lower(Index),
    /// Joins a line with the next one.
    Join(Index),
    /// Splits a line in two at a character.
    Split(Index, Index),
    /// Blank lines (or lines of only spaces, a form feed) before a line.
    Blank(Index, String, usize),
    /// A new line of text.
    InsertLine(Index, String),
    /// A leading or trailing space, the page and wrap traces.
    Indent(Index),
    TrailingSpace(Index),
    /// Trims a line's whitespace away.
    Trim(Index),
    /// Windows line ends from here on.
    Crlf(Index),
}

/// Text to insert: quotation marks, dashes, markup the conventions read,
/// Danish letters, oddities of PDF extraction and of Unicode.
fn snippet() -> impl Strategy<Value = String> {
    let marks = prop::sample::select(vec![
        "„",
        "“",
        "”",
        "\"",
        "»",
        "«",
        "‘",
        "’",
        "'",
        "–",
        "– ",
        "—",
        "-",
        "…",
        "**",
        "*",
        "<b>",
        "</b>",
        ":",
        ". ",
        "? ",
        "! ",
        "(",
        ")",
        "\u{c}",
        "\t",
        "\r",
        " ",
        "  ",
        "1",
        "42",
        ". . . 7",
        "\t12",
        "æ",
        "ø",
        "å",
        "Æ",
        "Ø",
        "Å",
        "ﬁ",
        "ﬂ",
        "\u{ad}",
        "\u{301}",
        "a\u{30a}",
        "😀",
        "👩\u{200d}💼",
        "\u{200b}",
        "\u{feff}",
        "\u{a0}",
        "\u{0}",
        "İ",
        "ß",
        "ǅ",
        "Σ",
        "siger direktøren",
        "fortæller en chef",
        ", siger hun.",
        "Direktør:",
        "DIREKTØREN",
        "At blive leder",
        "1. Forventninger",
        "Forord",
    ])
    .prop_map(String::from);
    prop_oneof![
        6 => marks,
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-ZæøåÆØÅ .,:;!?„“”–-]{1,40}",
        1 => "[a-zæøå]{100,300}",
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let i = any::<Index>;
    prop_oneof![
        3 => i().prop_map(Mutation::DeleteLine),
        2 => i().prop_map(Mutation::DuplicateLine),
        2 => (i(), i()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (i(), 1usize..20, i()).prop_map(|(a, n, b)| Mutation::MoveLines(a, n, b)),
        4 => (i(), i(), snippet()).prop_map(|(l, c, s)| Mutation::InsertText(l, c, s)),
        2 => (i(), i(), 1usize..10).prop_map(|(l, c, n)| Mutation::DeleteChars(l, c, n)),
        2 => (i(), i()).prop_map(|(l, c)| Mutation::Truncate(l, c)),
        1 => i().prop_map(Mutation::Upper),
        1 => i().prop_map(Mutation::Lower),
        2 => i().prop_map(Mutation::Join),
        2 => (i(), i()).prop_map(|(l, c)| Mutation::Split(l, c)),
        2 => (i(), prop::sample::select(vec!["", " ", "\u{c}", "\t", "\r"]).prop_map(String::from), 1usize..4)
            .prop_map(|(l, s, n)| Mutation::Blank(l, s, n)),
        2 => (i(), snippet()).prop_map(|(l, s)| Mutation::InsertLine(l, s)),
        1 => i().prop_map(Mutation::Indent),
        1 => i().prop_map(Mutation::TrailingSpace),
        1 => i().prop_map(Mutation::Trim),
        1 => i().prop_map(Mutation::Crlf),
    ]
}

/// The byte offset of a character position of `line` chosen by `at`, from
/// 0 to the line's length in characters, so a cut never splits a
/// character.
fn char_offset(line: &str, at: Index) -> usize {
    let n = line.chars().count();
    let k = at.index(n + 1);
    line.char_indices().nth(k).map_or(line.len(), |(b, _)| b)
}

fn apply(lines: &mut Vec<String>, m: &Mutation) {
    if lines.is_empty() {
        lines.push(String::new());
    }
    let n = lines.len();
    match m {
        Mutation::DeleteLine(l) => {
            lines.remove(l.index(n));
        }
        Mutation::DuplicateLine(l) => {
            let k = l.index(n);
            lines.insert(k, lines[k].clone());
        }
        Mutation::SwapLines(a, b) => lines.swap(a.index(n), b.index(n)),
        Mutation::MoveLines(a, len, b) => {
            let start = a.index(n);
            let end = (start + len).min(n);
            let run: Vec<String> = lines.drain(start..end).collect();
            let to = b.index(lines.len() + 1);
            lines.splice(to..to, run);
        }
        Mutation::InsertText(l, c, s) => {
            let line = &mut lines[l.index(n)];
            let at = char_offset(line, *c);
            line.insert_str(at, s);
        }
        Mutation::DeleteChars(l, c, count) => {
            let line = &mut lines[l.index(n)];
            let from = char_offset(line, *c);
            let to = line[from..]
                .char_indices()
                .nth(*count)
                .map_or(line.len(), |(b, _)| from + b);
            line.replace_range(from..to, "");
        }
        Mutation::Truncate(l, c) => {
            let line = &mut lines[l.index(n)];
            let at = char_offset(line, *c);
            line.truncate(at);
        }
        Mutation::Upper(l) => {
            let k = l.index(n);
            lines[k] = lines[k].to_uppercase();
        }
        Mutation::Lower(l) => {
            let k = l.index(n);
            lines[k] = lines[k].to_lowercase();
        }
        Mutation::Join(l) => {
            let k = l.index(n);
            if k + 1 < n {
                let next = lines.remove(k + 1);
                lines[k].push_str(&next);
            }
        }
        Mutation::Split(l, c) => {
            let k = l.index(n);
            let at = char_offset(&lines[k], *c);
            let rest = lines[k].split_off(at);
            lines.insert(k + 1, rest);
        }
        Mutation::Blank(l, s, count) => {
            let k = l.index(n + 1);
            lines.splice(k..k, std::iter::repeat_n(s.clone(), *count));
        }
        Mutation::InsertLine(l, s) => lines.insert(l.index(n + 1), s.clone()),
        Mutation::Indent(l) => lines[l.index(n)].insert(0, ' '),
        Mutation::TrailingSpace(l) => lines[l.index(n)].push(' '),
        Mutation::Trim(l) => {
            let k = l.index(n);
            lines[k] = lines[k].trim().to_string();
        }
        Mutation::Crlf(l) => {
            for line in &mut lines[l.index(n)..] {
                line.push('\r');
            }
        }
    }
}

/// A mutated window of a booklet: which booklet, and the text.
fn mutated() -> impl Strategy<Value = (usize, String)> {
    (
        0..booklets().len(),
        any::<Index>(),
        prop_oneof![Just(0usize), 1usize..400],
        // From the top, where the title page and the contents stand, or
        // anywhere.
        any::<bool>(),
        prop::collection::vec(mutation(), 0..12),
    )
        .prop_map(|(which, start, len, from_top, mutations)| {
            let all = &booklets()[which].lines;
            let start = if from_top { 0 } else { start.index(all.len()) };
            // A length of 0 takes the whole rest of the booklet.
            let end = if len == 0 {
                all.len()
            } else {
                (start + len).min(all.len())
            };
            let mut lines = all[start..end].to_vec();
            for m in &mutations {
                apply(&mut lines, m);
            }
            (which, lines.join("\n"))
        })
}

fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        max_shrink_iters: 2048,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn mutated_booklets_extract((which, text) in mutated()) {
        check(which, &text)?;
    }
}

#[test]
fn every_booklet_extracts_whole() {
    for (which, booklet) in booklets().iter().enumerate() {
        check(which, &booklet.lines.join("\n")).unwrap();
    }
}

#[test]
fn an_empty_text_extracts_nothing() {
    for which in 0..booklets().len() {
        assert_eq!(extract(which, "").unwrap(), Vec::new());
    }
}

/// Found by the run above (on a mutated den-politiske-tango): speech
/// whose attribution runs on into the next quoted stretch, up to a full
/// stop inside it. The marks style then sliced the narration between the
/// two from past the second stretch's opening mark, and panicked.
#[test]
fn an_attribution_running_into_the_next_quotation() {
    let pas_paa_trinet = booklets()
        .iter()
        .position(|b| b.entry["id"].as_str() == Some("pas-paa-trinet"))
        .unwrap();
    let text = "“Jeg kom nu,” siger en direktør, “og gik igen.” Og så videre.\n";
    check(pas_paa_trinet, text).unwrap();
}
