//! The citation formats read by the reference managers' own code: Zotero's
//! RIS and BibTeX import translators, and citeproc-js (the processor in
//! Zotero's and Mendeley's word-processor plug-ins) with the APA 7 style in
//! Danish. They come from `refcheck` in `../shared/tools/` beside the
//! workspace, a test tool that stays outside the project; where it or
//! `node` is missing, each test says so and passes without checking (CI on
//! a clean clone beside `shared/` runs them). citeproc-js itself is
//! installed by refcheck, with npm, on its first run.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use citater_indexer::{Corpus, Publication, Quote};
use citater_query::cite::{Citations, Locator, Style};
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
    let imprints: Vec<_> = corpus.publications.iter().map(|p| p.imprint()).collect();
    let citations = Citations::new(&imprints);
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

/// The notes Zotero keeps with an item, as text: Zotero's notes are HTML,
/// paragraphs with the five XML entities (all a translator writes, so no
/// HTML crate).
fn zotero_notes(item: &Value) -> Vec<String> {
    item["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|note| {
            note["note"]
                .as_str()
                .expect("a note")
                .replace("</p><p>", "\n")
                .replace("<p>", "")
                .replace("</p>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

fn publication<'p>(cited: &'p Cited, id: &str) -> &'p Publication {
    cited
        .publications
        .iter()
        .find(|p| p.id == id)
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

/// The two selections a report writer makes: (a) three quotes from one
/// undated booklet, (b) one quote from each booklet.
fn selections(cited: &Cited) -> [(&'static str, Vec<&Quote>); 2] {
    let undated = cited
        .publications
        .iter()
        .find(|p| p.year.is_none())
        .expect("an undated booklet");
    let three: Vec<&Quote> = cited
        .quotes
        .iter()
        .filter(|q| q.publication.id == undated.id)
        .take(3)
        .collect();
    let each: Vec<&Quote> = cited
        .publications
        .iter()
        .map(|p| {
            cited
                .quotes
                .iter()
                .find(|q| q.publication.id == p.id)
                .expect("every booklet has quotes")
        })
        .collect();
    [
        ("three from one booklet", three),
        ("one from each booklet", each),
    ]
}

/// What Zotero made of one booklet's record, checked against the booklet:
/// a book by the organisation, titled "Titel: Undertitel", without a
/// publisher (the author) and with the ISBN where it has one.
fn assert_zotero_book(item: &Value, publication: &Publication) {
    assert_eq!(item["itemType"], "book", "{item}");
    assert_eq!(item["creators"], corporate(publication), "{item}");
    assert_eq!(item["title"], publication.full_title().as_str(), "{item}");
    if publication.subtitle.is_some() && !publication.title.ends_with(['!', '?', '.']) {
        assert!(
            item["title"].as_str().is_some_and(|t| t.contains(": ")),
            "{item}"
        );
    }
    assert!(
        item.get("publisher").is_none(),
        "the author is not repeated as publisher: {item}"
    );
    assert_eq!(
        item.get("ISBN").and_then(Value::as_str),
        publication.isbn.as_deref(),
        "{item}"
    );
}

#[test]
fn zotero_imports_one_ris_book_per_booklet_with_a_note_per_quote() {
    let Some(script) = refcheck(
        "zotero_imports_one_ris_book_per_booklet_with_a_note_per_quote",
        &["node"],
    ) else {
        return;
    };
    let cited = cited();
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (what, quotes) in selections(&cited) {
        let references = cited.citations.references(&quotes);
        let ris = cited.citations.format_many(&quotes, Style::Ris);
        let out = run(
            &script,
            &[Path::new("ris"), &file(&dir, "citater.ris", &ris)],
        );
        let items: Vec<Value> = serde_json::from_str(&out).expect("Zotero's items as JSON");
        assert_eq!(items.len(), references.iter().count(), "{what}: {out}");
        for (item, reference) in items.iter().zip(references.iter()) {
            let publication = publication(&cited, reference.id());
            assert_zotero_book(item, publication);
            assert_eq!(item["language"], "da");
            match publication.year {
                Some(year) => assert_eq!(item["date"], year.to_string().as_str()),
                None => assert!(item.get("date").is_none(), "no invented date: {item}"),
            }
            let notes = zotero_notes(item);
            assert_eq!(notes.len(), reference.quotes().len(), "{what}: {item}");
            for (note, quote) in notes.iter().zip(reference.quotes()) {
                assert!(note.starts_with('„'), "{note}");
                assert!(
                    note.ends_with(&format!("{}.", reference.in_text(quote))),
                    "{note}"
                );
            }
        }
    }
}

#[test]
fn zotero_imports_one_bibtex_book_per_booklet_with_its_quotes_as_a_note() {
    let Some(script) = refcheck(
        "zotero_imports_one_bibtex_book_per_booklet_with_its_quotes_as_a_note",
        &["node"],
    ) else {
        return;
    };
    let cited = cited();
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (what, quotes) in selections(&cited) {
        let references = cited.citations.references(&quotes);
        let bibtex = cited.citations.format_many(&quotes, Style::Bibtex);
        let out = run(
            &script,
            &[Path::new("bibtex"), &file(&dir, "citater.bib", &bibtex)],
        );
        let items: Vec<Value> = serde_json::from_str(&out).expect("Zotero's items as JSON");
        assert_eq!(items.len(), references.iter().count(), "{what}: {out}");
        let ris = cited.citations.format_many(&quotes, Style::Ris);
        let ris_notes: Vec<&str> = ris
            .lines()
            .filter_map(|line| line.strip_prefix("N1  - "))
            .collect();
        let mut ris_notes = ris_notes.into_iter();
        for (item, reference) in items.iter().zip(references.iter()) {
            let publication = publication(&cited, reference.id());
            assert_zotero_book(item, publication);
            match publication.year {
                Some(year) => assert_eq!(item["date"], year.to_string().as_str()),
                // The translator leaves `false` where the entry has no date.
                None => assert!(
                    item.get("date").is_none_or(|d| d == false),
                    "no invented date: {item}"
                ),
            }
            // One note holding each quote's note as RIS carries it, with
            // BibTeX's escapes undone by Zotero.
            let notes = zotero_notes(item);
            assert_eq!(notes.len(), 1, "{item}");
            for _ in reference.quotes() {
                let expected = ris_notes.next().expect("a RIS note per quote");
                assert!(
                    notes[0].contains(expected),
                    "{expected:?} in {:?}",
                    notes[0]
                );
            }
        }
    }
}

#[test]
fn citeproc_cites_each_quote_with_its_locator_and_lists_each_booklet_once() {
    let Some(script) = refcheck(
        "citeproc_cites_each_quote_with_its_locator_and_lists_each_booklet_once",
        &["node", "npm"],
    ) else {
        return;
    };
    let cited = cited();
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (what, quotes) in selections(&cited) {
        let references = cited.citations.references(&quotes);
        let json = cited.citations.format_many(&quotes, Style::CslJson);
        let cites: Vec<Value> = quotes
            .iter()
            .map(|q| match Locator::of(q) {
                Some(locator) => serde_json::json!({
                    "id": q.publication.id,
                    "locator": locator.value(),
                    "label": locator.csl_label(),
                }),
                None => serde_json::json!({"id": q.publication.id}),
            })
            .collect();
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
        assert!(
            !out.contains("NOTE: item id"),
            "{what}: one item per booklet:\n{out}"
        );
        let (in_text, listed) = out
            .split_once("--- reference list")
            .unwrap_or_else(|| panic!("no reference list in:\n{out}"));
        let in_text: Vec<&str> = in_text
            .lines()
            .filter_map(|line| line.split_once(" => ").map(|(_, cite)| cite))
            .collect();
        let ours: Vec<String> = references.cited().map(|(q, r)| r.in_text(q)).collect();
        assert_eq!(in_text, ours, "{what}:\n{out}");
        let mut listed = listed.lines();
        let count = listed.next().unwrap_or_default();
        assert_eq!(
            count,
            format!(" ({} entries)", references.iter().count()),
            "{what}:\n{out}"
        );
        let listed: Vec<&str> = listed.collect();
        let ours: Vec<String> = references.iter().map(|r| r.apa()).collect();
        assert_eq!(listed, ours, "{what}:\n{out}");
        if what.starts_with("three") {
            assert!(
                in_text.iter().all(|c| c.contains(", u.å., ")),
                "one undated booklet is plain u.å.:\n{out}"
            );
        }
    }
}

#[test]
fn biber_validates_the_bibtex_export_against_the_biblatex_data_model() {
    let works = Command::new("biber")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !works {
        let _ = writeln!(
            std::io::stderr(),
            "biber_validates_the_bibtex_export_against_the_biblatex_data_model: SKIPPED, \
             biber is not installed"
        );
        return;
    }
    let cited = cited();
    let all: Vec<&Quote> = cited.quotes.iter().collect();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bib = file(
        &dir,
        "citater.bib",
        &cited.citations.format_many(&all, Style::Bibtex),
    );
    // biber writes its log and output beside the file it reads.
    let out = Command::new("biber")
        .args(["--tool", "--validate-datamodel"])
        .arg(bib.file_name().expect("a file name"))
        .current_dir(dir.path())
        .output()
        .expect("biber runs");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{log}");
    // The one warning the export keeps: an undated booklet has no date,
    // which the data model asks of every book (see cite/bibtex.rs: every
    // date that would satisfy it is misprinted by biblatex-apa and Zotero).
    let undated: Vec<String> = cited
        .citations
        .references(&all)
        .iter()
        .filter(|r| publication(&cited, r.id()).year.is_none())
        .map(|r| {
            let entry = cited.citations.format(r.quotes()[0], Style::Bibtex);
            let key = entry["@book{".len()..entry.find(',').expect("a key")].to_string();
            format!(
                "WARN - Datamodel: Entry '{key}' (citater.bib): Missing mandatory field - \
                 one of 'date, year' must be defined"
            )
        })
        .collect();
    let warnings: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("WARN") || l.starts_with("ERROR"))
        .filter(|l| !undated.iter().any(|u| u == l))
        .collect();
    assert!(warnings.is_empty(), "{}", warnings.join("\n"));
    assert_eq!(
        log.lines().filter(|l| l.starts_with("WARN")).count(),
        undated.len(),
        "{log}"
    );
}
