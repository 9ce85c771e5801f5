//! A running server and the index directory under it: a generation that
//! cannot be used is never swapped in, a `CURRENT` that names none is never
//! followed, and a booklet changed or removed under the server changes
//! nothing it shows. Each test starts a server of its own.

use std::fs;
use std::path::Path;
use std::thread;
use std::time::Duration;

use crate::common::Workspace;
use crate::harness::Server;

/// Long enough for the index watcher (every 500 ms) to look several times.
const WATCHED: Duration = Duration::from_secs(3);

fn current(ws: &Workspace) -> String {
    fs::read_to_string(ws.index().join("CURRENT"))
        .unwrap()
        .trim()
        .to_string()
}

/// Replaces `CURRENT` as a builder does: by a rename.
fn make_current(ws: &Workspace, content: &str) {
    let tmp = ws.index().join("CURRENT.tmp-test");
    fs::write(&tmp, content).unwrap();
    fs::rename(&tmp, ws.index().join("CURRENT")).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The server keeps serving `generation`, answers searches, and said why
/// at most once in its log.
fn assert_still_serving(server: &Server, generation: &str, warning: &str) {
    thread::sleep(WATCHED);
    assert_eq!(
        server.json("/healthz")["index"],
        generation,
        "the server left its generation{}",
        server.report()
    );
    let hits = server.search("q=tillid");
    assert!(hits["total"].as_u64().unwrap() > 0, "{}", server.report());
    let said = server.log_text().matches(warning).count();
    assert_eq!(said, 1, "{warning:?} said {said} times{}", server.report());
    server.assert_alive("an unusable generation");
}

#[test]
fn a_generation_with_fewer_quotes_than_documents_is_not_swapped_in() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let serving = current(&ws);
    let server = Server::start(&ws);
    // A new generation, whole on disk, whose quotes file lost ten lines.
    let newer = format!("gen-{}9", &serving["gen-".len()..]);
    copy_dir(&ws.index().join(&serving), &ws.index().join(&newer));
    let quotes = ws.index().join(&newer).join("quotes.jsonl");
    let text = fs::read_to_string(&quotes).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    fs::write(&quotes, lines[..lines.len() - 10].join("\n") + "\n").unwrap();
    make_current(&ws, &newer);
    assert_still_serving(
        &server,
        &serving,
        &format!("Indeksgenerationen {newer} kan ikke bruges"),
    );
}

#[test]
fn current_naming_a_path_is_not_followed() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let serving = current(&ws);
    let other = Workspace::new();
    other.ok(&["index"]);
    let server = Server::start(&ws);
    let foreign = other.index().join(current(&other));
    make_current(&ws, &foreign.display().to_string());
    assert_still_serving(&server, &serving, "angiver ikke en indeksgeneration");
}

#[test]
fn a_booklet_changed_or_removed_under_the_server_changes_no_context() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let server = Server::start(&ws);
    let hits = server.search("q=politisk&publication=den-politiske-tango&limit=100");
    let ids: Vec<String> = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    let last = ids.last().expect("den-politiske-tango has such quotes");
    let target = format!("/api/quotes/{last}?context=3");
    let before = server.get(&target);
    before.assert_status(200);
    let booklet = ws.corpus().join("den-politiske-tango.txt");
    let text = fs::read_to_string(&booklet).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    fs::write(&booklet, lines[..lines.len() / 4].join("\n")).unwrap();
    let shortened = server.get(&target);
    shortened.assert_status(200);
    assert_eq!(shortened.json(), before.json(), "{}", shortened.report());
    fs::remove_file(&booklet).unwrap();
    let removed = server.get(&target);
    removed.assert_status(200);
    assert_eq!(removed.json(), before.json(), "{}", removed.report());
    let workspace = ws.dir.path().display().to_string();
    assert!(!removed.text().contains(&workspace), "{}", removed.report());
    server.assert_alive("a booklet changed under it");
}

#[test]
fn a_fresh_server_over_a_damaged_generation_serves_the_older_one() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let older = current(&ws);
    ws.ok(&["index"]);
    let damaged = current(&ws);
    let tantivy = ws.index().join(&damaged).join("tantivy");
    for entry in fs::read_dir(&tantivy).unwrap().flatten() {
        let file = fs::File::options().write(true).open(entry.path()).unwrap();
        file.set_len(file.metadata().unwrap().len() / 2).unwrap();
    }
    fs::rename(ws.corpus(), ws.dir.path().join("corpus-away")).unwrap();
    let server = Server::start(&ws);
    assert_eq!(
        server.json("/healthz")["index"],
        older.as_str(),
        "{}",
        server.report()
    );
    assert!(
        server.log_text().contains("citater index"),
        "{}",
        server.report()
    );
    assert!(server.search("q=tillid")["total"].as_u64().unwrap() > 0);
}
