//! The citation formats read by the reference managers' own code: Zotero's
//! RIS and BibTeX import translators, and citeproc-js (the processor in
//! Zotero's and Mendeley's word-processor plug-ins) with the APA 7 style in
//! Danish. They come from `refcheck` in `../shared/tools/` beside the
//! workspace, a test tool that stays outside the project; where it or
//! `node` is missing, each test says so and passes without checking (CI on
//! a clean clone beside `shared/` runs them). citeproc-js itself is
//! installed by refcheck, with npm, on its first run.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use citater_indexer::{Corpus, Publication, Quote};
use citater_query::cite::{Citations, Style};
use serde_json::Value;

/// The corpus, its quotes and their citations.
struct Cited {
    publications: Vec<Publication>,
    quotes: Vec<Quote>,
    citations: Citations,
}

fn cited() -> Cited {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let corpus = Corpus::load(&dir).expect("the corpus loads");
    let quotes = corpus.quotes().expect("the quotes extract");
    let citations = Citations::new(&corpus.publications);
    Cited {
        publications: corpus.publications,
        quotes,
        citations,
    }
}

/// The `refcheck` script, or `None` when this machine cannot run it, after
/// telling on standard error (written past the test harness's capture, so a
/// skip is seen) which test was skipped and why. `needs` are the programs
/// the check runs besides bash.
fn refcheck(test: &str, needs: &[&str]) -> Option<PathBuf> {
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/tools/refcheck/refcheck");
    let missing = if script.is_file() {
        needs
            .iter()
            .find(|program| {
                !Command::new(program)
                    .arg("--version")
                    .output()
                    .is_ok_and(|out| out.status.success())
            })
            .map(|program| format!("{program} is not installed"))
    } else {
        Some(format!("there is no {}", script.display()))
    };
    match missing {
        None => Some(script),
        Some(why) => {
            let _ = writeln!(std::io::stderr(), "{test}: SKIPPED, {why}");
            None
        }
    }
}

/// Runs `refcheck` with `args`; its standard output, after checking that
/// it succeeded and that Zotero rejected no field.
fn run(script: &Path, args: &[&Path]) -> String {
    let out = Command::new("bash")
        .arg(script)
        .args(args)
        .output()
        .expect("refcheck runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "refcheck failed:\n{stderr}\n{stdout}");
    assert!(!stderr.contains("INVALID FIELD"), "{stderr}");
    assert!(!stderr.contains("ERROR"), "{stderr}");
    stdout
}

/// Writes `text` to `name` in `dir`, for refcheck to read.
fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("the file is written");
    path
}

/// The one `N1` value of each RIS record: the note as we wrote it.
fn ris_notes(ris: &str) -> Vec<&str> {
    ris.lines()
        .filter_map(|line| line.strip_prefix("N1  - "))
        .collect()
}

/// The note Zotero keeps, as text: Zotero's notes are HTML, a paragraph
/// with the five XML entities (all a translator writes, so no HTML crate).
fn zotero_note(item: &Value) -> String {
    let notes = item["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 1, "{item}");
    let note = notes[0]["note"].as_str().expect("a note");
    note.strip_prefix("<p>")
        .and_then(|n| n.strip_suffix("</p>"))
        .unwrap_or(note)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn publication<'p>(cited: &'p Cited, quote: &Quote) -> &'p Publication {
    cited
        .publications
        .iter()
        .find(|p| p.id == quote.publication.id)
        .expect("the quote's publication")
}

/// Zotero's creator for a corporate author: the whole name, one field.
fn corporate(publication: &Publication) -> Value {
    serde_json::json!([{
        "lastName": publication.publisher,
        "creatorType": "author",
        "fieldMode": 1,
    }])
}

#[test]
fn zotero_imports_every_ris_record_as_the_report_of_its_booklet() {
    let Some(script) = refcheck(
        "zotero_imports_every_ris_record_as_the_report_of_its_booklet",
        &["node"],
    ) else {
        return;
    };
    let cited = cited();
    let ris = cited.citations.format_many(&cited.quotes, Style::Ris);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = run(
        &script,
        &[Path::new("ris"), &file(&dir, "citater.ris", &ris)],
    );
    let items: Vec<Value> = serde_json::from_str(&out).expect("Zotero's items as JSON");
    assert_eq!(items.len(), cited.quotes.len());
    for ((item, quote), note) in items.iter().zip(&cited.quotes).zip(ris_notes(&ris)) {
        let publication = publication(&cited, quote);
        assert_eq!(item["itemType"], "report", "{item}");
        assert_eq!(item["creators"], corporate(publication), "{item}");
        assert_eq!(item["title"], publication.full_title().as_str());
        assert_eq!(item["institution"], publication.publisher.as_str());
        assert_eq!(item["language"], "da");
        match publication.year {
            Some(year) => assert_eq!(item["date"], year.to_string().as_str()),
            None => assert!(item.get("date").is_none(), "no invented date: {item}"),
        }
        assert!(
            item.get("reportNumber").is_none(),
            "the ISBN is no report number: {item}"
        );
        let mut tags: Vec<&str> = Vec::new();
        if !quote.theme.trim().is_empty() {
            tags.push(&quote.theme);
        }
        if quote.level != citater_indexer::Level::Ukendt {
            tags.push(quote.level.as_str());
        }
        assert_eq!(item["tags"], serde_json::json!(tags), "{item}");
        assert_eq!(zotero_note(item), note);
        assert!(note.starts_with('„'), "{note}");
    }
}

#[test]
fn zotero_imports_every_bibtex_entry_as_the_report_of_its_booklet() {
    let Some(script) = refcheck(
        "zotero_imports_every_bibtex_entry_as_the_report_of_its_booklet",
        &["node"],
    ) else {
        return;
    };
    let cited = cited();
    let bibtex = cited.citations.format_many(&cited.quotes, Style::Bibtex);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = run(
        &script,
        &[Path::new("bibtex"), &file(&dir, "citater.bib", &bibtex)],
    );
    let items: Vec<Value> = serde_json::from_str(&out).expect("Zotero's items as JSON");
    assert_eq!(items.len(), cited.quotes.len());
    let ris = cited.citations.format_many(&cited.quotes, Style::Ris);
    let mut keys = BTreeMap::new();
    for ((item, quote), note) in items.iter().zip(&cited.quotes).zip(ris_notes(&ris)) {
        let publication = publication(&cited, quote);
        assert_eq!(item["itemType"], "report", "{item}");
        assert_eq!(item["creators"], corporate(publication), "{item}");
        assert_eq!(item["title"], publication.full_title().as_str());
        assert_eq!(item["publisher"], publication.publisher.as_str());
        match publication.year {
            Some(year) => assert_eq!(item["date"], year.to_string().as_str()),
            // The translator leaves `false` where the entry has no year.
            None => assert!(
                item.get("date").is_none_or(|d| d == false),
                "no invented date: {item}"
            ),
        }
        assert_eq!(
            item.get("ISBN").and_then(Value::as_str),
            publication.isbn.as_deref()
        );
        // The same note as RIS carries: BibTeX's escapes undone by Zotero.
        assert_eq!(zotero_note(item), note);
        let key = item["itemID"].as_str().expect("a key").to_string();
        assert!(keys.insert(key, quote.id.clone()).is_none(), "{item}");
    }
}

#[test]
fn citeproc_cites_each_booklet_with_our_year_labels_and_references() {
    let Some(script) = refcheck(
        "citeproc_cites_each_booklet_with_our_year_labels_and_references",
        &["node", "npm"],
    ) else {
        return;
    };
    let cited = cited();
    // One quote per booklet, with pages where a booklet gives them.
    let mut chosen: Vec<&Quote> = Vec::new();
    for publication in &cited.publications {
        let of: Vec<&Quote> = cited
            .quotes
            .iter()
            .filter(|q| q.publication.id == publication.id)
            .collect();
        let quote = of
            .iter()
            .find(|q| q.pages.is_some())
            .or(of.first())
            .expect("every booklet has quotes");
        chosen.push(quote);
    }
    let owned: Vec<Quote> = chosen.iter().map(|q| (*q).clone()).collect();
    let json = cited.citations.format_many(&owned, Style::CslJson);
    let cites: Vec<Value> = chosen
        .iter()
        .map(|q| match q.pages {
            Some(pages) => {
                serde_json::json!({"id": q.id, "locator": pages.to_string(), "label": "page"})
            }
            None => serde_json::json!({"id": q.id}),
        })
        .collect();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cites = serde_json::to_string(&cites).expect("JSON");
    let out = run(
        &script,
        &[
            Path::new("csl"),
            Path::new("--cites"),
            &file(&dir, "cites.json", &cites),
            &file(&dir, "citater.json", &json),
        ],
    );
    let (in_text, references) = out
        .split_once("--- reference list")
        .unwrap_or_else(|| panic!("no reference list in:\n{out}"));
    let in_text: Vec<&str> = in_text
        .lines()
        .filter_map(|line| line.split_once(" => ").map(|(_, cite)| cite))
        .collect();
    assert_eq!(in_text.len(), chosen.len(), "{out}");
    for (cite, quote) in in_text.iter().zip(&chosen) {
        // citeproc sets a page range with an en dash, as APA prints it.
        assert_eq!(
            cite.replace('–', "-"),
            cited.citations.in_text(quote),
            "{out}"
        );
    }
    let mut references = references.lines();
    let count = references.next().unwrap_or_default();
    assert_eq!(count, format!(" ({} entries)", chosen.len()), "{out}");
    let references: Vec<&str> = references.collect();
    assert_eq!(references.len(), chosen.len(), "{out}");
    for quote in &chosen {
        let ours = cited.citations.reference(&quote.publication.id);
        assert!(
            references.iter().any(|r| r.starts_with(&ours)),
            "no reference starting with {ours:?} in:\n{out}"
        );
    }
}
