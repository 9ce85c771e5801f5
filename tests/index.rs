//! The index takes care of itself, end to end: what an operator does to an
//! index directory or a corpus (a generation damaged or made inconsistent,
//! a booklet changed under the index, `CURRENT` tampered with, builds
//! killed or run side by side, a full disk, a corpus that cannot be read)
//! never makes `citater` panic, never loses the index there is, and says
//! in one line what happened and that `citater index` mends it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{Run, Workspace};

/// The generation `CURRENT` names.
fn current(ws: &Workspace) -> String {
    fs::read_to_string(ws.index().join("CURRENT"))
        .unwrap()
        .trim()
        .to_string()
}

fn generation_dir(ws: &Workspace) -> PathBuf {
    ws.index().join(current(ws))
}

/// The names in the index directory, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A search that must answer, with hits.
fn search_answers(ws: &Workspace) -> Run {
    let run = ws.run(&["search", "tillid", "--format", "json"]);
    run.assert_code(0);
    let total = run.json()["total"].as_u64().unwrap_or(0);
    assert!(total > 0, "no hits{}", run.report());
    run
}

/// No panic, and the error or warning said in one line.
fn assert_one_clear_line(run: &Run, must_say: &str) {
    assert_ne!(run.code(), 101, "citater panicked{}", run.report());
    let stderr = run.stderr();
    let said: Vec<&str> = stderr.lines().filter(|l| l.contains(must_say)).collect();
    assert_eq!(
        said.len(),
        1,
        "one line saying {must_say:?}{}",
        run.report()
    );
    assert!(
        !stderr.contains("IoError") && !stderr.contains("Has the schema"),
        "tantivy's debug text reached the user{}",
        run.report()
    );
}

/// Moves the corpus away, so only the index can answer.
fn without_corpus(ws: &Workspace) {
    fs::rename(ws.corpus(), ws.dir.path().join("corpus-away")).unwrap();
}

/// A workspace with two good generations, the newer current.
fn two_generations() -> (Workspace, String) {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let older = current(&ws);
    ws.ok(&["index"]);
    assert_ne!(current(&ws), older);
    (ws, older)
}

// 1. A generation that disagrees with itself.

#[test]
fn a_generation_with_fewer_quotes_than_documents_is_rebuilt_not_a_panic() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let quotes = generation_dir(&ws).join("quotes.jsonl");
    let text = fs::read_to_string(&quotes).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    fs::write(&quotes, lines[..lines.len() - 10].join("\n") + "\n").unwrap();
    let damaged = current(&ws);
    let run = search_answers(&ws);
    assert_one_clear_line(&run, &damaged);
    assert_ne!(current(&ws), damaged, "rebuilt{}", run.report());
}

#[test]
fn without_the_corpus_a_damaged_generation_falls_back_to_the_older_one() {
    let (ws, older) = two_generations();
    let quotes = generation_dir(&ws).join("quotes.jsonl");
    let bytes = fs::read(&quotes).unwrap();
    fs::write(&quotes, &bytes[..bytes.len() / 2]).unwrap();
    without_corpus(&ws);
    let run = search_answers(&ws);
    assert_one_clear_line(&run, "citater index");
    assert!(run.stderr().contains(&older), "{}", run.report());
}

#[test]
fn with_no_good_generation_and_no_corpus_the_error_names_citater_index() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let dir = generation_dir(&ws);
    let tantivy = dir.join("tantivy");
    for entry in fs::read_dir(&tantivy).unwrap().flatten() {
        let f = fs::File::options().write(true).open(entry.path()).unwrap();
        f.set_len(f.metadata().unwrap().len() / 2).unwrap();
    }
    without_corpus(&ws);
    let run = ws.run(&["search", "tillid"]);
    run.assert_code(1);
    assert_one_clear_line(&run, "citater index");
}

// 2, 3. A booklet changed after indexing.

#[test]
fn a_booklet_shortened_under_the_index_never_breaks_context() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let last = ws.ok(&["export", "--format", "jsonl"]).json_lines();
    let id = last
        .iter()
        .rev()
        .find(|q| q["source"]["file"] == "corpus/den-politiske-tango.txt")
        .map(|q| q["id"].as_str().unwrap().to_string())
        .unwrap();
    let booklet = ws.corpus().join("den-politiske-tango.txt");
    let text = fs::read_to_string(&booklet).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    fs::write(&booklet, lines[..lines.len() / 3].join("\n")).unwrap();
    // An mtime older than the index: the content still says it changed.
    let file = fs::File::options().write(true).open(&booklet).unwrap();
    file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_577_836_800))
        .unwrap();
    let run = ws.run(&["show", &id, "--context", "3", "--format", "json"]);
    assert_ne!(run.code(), 101, "citater panicked{}", run.report());
    assert!(
        run.code() == 0 || run.code() == 2,
        "the quote is shown or no longer exists{}",
        run.report()
    );
    if run.code() == 0 {
        assert!(!run.json()["context"]["lines"]
            .as_array()
            .unwrap()
            .is_empty());
    }
}

// 4. Staleness by content.

#[test]
fn an_emptied_booklet_dated_back_is_still_seen_as_a_change() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let before = search_answers(&ws).json()["total"].as_u64().unwrap();
    let booklet = ws.corpus().join("mellem-chef-og-direktoer.txt");
    let file = fs::File::options().write(true).open(&booklet).unwrap();
    file.set_len(0).unwrap();
    file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_577_836_800))
        .unwrap();
    drop(file);
    let run = search_answers(&ws);
    assert!(run.stderr().contains("er klar."), "rebuilt{}", run.report());
    let after = run.json()["total"].as_u64().unwrap();
    assert!(after < before, "{after} hits after, {before} before");

    // Touched without a change: not rebuilt.
    let text = fs::read(ws.corpus().join("roles.toml")).unwrap();
    fs::write(ws.corpus().join("roles.toml"), text).unwrap();
    let run = search_answers(&ws);
    assert!(run.stderr().is_empty(), "not rebuilt{}", run.report());
}

// 5. Auto-rebuilds side by side.

#[test]
fn concurrent_searches_over_a_changed_corpus_build_once_and_all_answer() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    for round in 0..3 {
        let booklet = ws.corpus().join("pas-paa-trinet.txt");
        let mut text = fs::read_to_string(&booklet).unwrap();
        text.push_str(&format!("\nEn linje mere ({round}).\n"));
        fs::write(&booklet, text).unwrap();
        let children: Vec<_> = (0..8)
            .map(|_| {
                ws.command(&["search", "tillid", "--format", "json"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut builds = 0;
        for child in children {
            let run = Run {
                command: "citater search tillid --format json".into(),
                output: child.wait_with_output().unwrap(),
            };
            run.assert_code(0);
            assert!(
                run.json()["total"].as_u64().unwrap() > 0,
                "{}",
                run.report()
            );
            builds += run.stderr().matches("er klar.").count();
        }
        assert_eq!(builds, 1, "one of eight searches builds, in round {round}");
    }
    assert_no_junk(&ws);
}

// 6. Leftovers.

fn assert_no_junk(ws: &Workspace) {
    let names = listing(&ws.index());
    let generations = names.iter().filter(|n| n.starts_with("gen-")).count();
    let junk: Vec<&String> = names
        .iter()
        .filter(|n| !n.starts_with("gen-") && *n != "CURRENT" && *n != "build.lock")
        .collect();
    assert!(junk.is_empty(), "left in the index: {junk:?}");
    assert!(generations <= 2, "{generations} generations: {names:?}");
}

#[test]
fn a_build_removes_what_killed_builds_left() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let index = ws.index();
    fs::create_dir_all(index.join(".building-4242-1/tantivy")).unwrap();
    fs::write(index.join(".building-4242-1/quotes.jsonl"), "{").unwrap();
    fs::write(index.join("CURRENT.tmp-4242"), "gen-1").unwrap();
    for n in 1..4 {
        fs::create_dir_all(index.join(format!("gen-{n}"))).unwrap();
    }
    ws.ok(&["index"]);
    assert_no_junk(&ws);
}

#[test]
fn with_current_a_directory_searches_answer_and_leave_nothing_behind() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let before = listing(&ws.index());
    let current = ws.index().join("CURRENT");
    let name = fs::read_to_string(&current).unwrap();
    fs::remove_file(&current).unwrap();
    fs::create_dir_all(current.join(name.trim())).unwrap();
    for _ in 0..3 {
        search_answers(&ws);
    }
    assert_eq!(listing(&ws.index()), before, "no generation piles up");
}

// 7. A damaged current generation.

#[test]
fn a_truncated_index_file_is_found_and_rebuilt() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let damaged = current(&ws);
    let tantivy = generation_dir(&ws).join("tantivy");
    let store = fs::read_dir(&tantivy)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .unwrap();
    fs::File::options()
        .write(true)
        .open(&store)
        .unwrap()
        .set_len(10)
        .unwrap();
    let run = search_answers(&ws);
    assert_one_clear_line(&run, &damaged);
}

// 8. A corpus that cannot be read, beside a good index.

#[test]
fn a_broken_corpus_does_not_stop_search_over_the_index_there_is() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let generation = current(&ws);
    let corpus = ws.corpus();
    let breakages: [(&str, &dyn Fn()); 5] = [
        ("publications.toml", &|| {
            fs::write(corpus.join("publications.toml"), "[[publication]\n").unwrap()
        }),
        ("publications.toml", &|| {
            fs::write(corpus.join("publications.toml"), "").unwrap()
        }),
        ("roles.toml", &|| {
            fs::write(corpus.join("roles.toml"), "ø = [").unwrap()
        }),
        ("pas-paa-trinet.txt", &|| {
            fs::remove_file(corpus.join("pas-paa-trinet.txt")).unwrap()
        }),
        ("kaere-chef-kaere-ledere.txt", &|| {
            fs::write(
                corpus.join("kaere-chef-kaere-ledere.txt"),
                b"Leder \xff\xfe",
            )
            .unwrap()
        }),
    ];
    for (file, break_it) in breakages {
        let saved = Workspace::new();
        break_it();
        let run = search_answers(&ws);
        assert_one_clear_line(&run, file);
        assert!(run.stderr().contains("citater index"), "{}", run.report());
        assert_eq!(current(&ws), generation, "the index stays");
        // `citater index` itself says what is wrong with the corpus.
        let index = ws.run(&["index"]);
        index.assert_code(1);
        assert_one_clear_line(&index, file);
        fs::remove_dir_all(&corpus).unwrap();
        fs::rename(saved.corpus(), &corpus).unwrap();
    }
}

// 9. CURRENT is a name, never a path.

#[test]
fn current_holding_a_path_or_nothing_is_never_followed() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let other = Workspace::new();
    other.ok(&["index"]);
    let foreign = other.index().join(current(&other));
    for content in [foreign.display().to_string(), String::new()] {
        fs::write(ws.index().join("CURRENT"), &content).unwrap();
        let run = search_answers(&ws);
        assert_one_clear_line(&run, "angiver ikke en indeksgeneration");
        assert!(current(&ws).starts_with("gen-"), "{}", run.report());
        assert!(!current(&ws).contains('/'));
    }
    // Without the corpus to rebuild from, this index's own generation is
    // searched, with a warning; the foreign one never.
    fs::write(ws.index().join("CURRENT"), foreign.display().to_string()).unwrap();
    without_corpus(&ws);
    let run = search_answers(&ws);
    assert_one_clear_line(&run, "citater index");
    let own = listing(&ws.index());
    assert!(
        own.iter()
            .any(|g| run.stderr().contains(&format!("den ældre generation {g} "))),
        "one of {own:?} is searched{}",
        run.report()
    );
}

// 10. What a failure says.

#[cfg(unix)]
#[test]
fn a_full_disk_during_a_build_says_it_cannot_write() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    let before = current(&ws);
    // A file size limit makes every write past 64 KiB fail as a full disk
    // would (EFBIG instead of ENOSPC), with SIGXFSZ ignored.
    let run = Run {
        command: "citater index (ulimit -f 128)".into(),
        output: Command::new("sh")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 128; exec \"$0\" \"$@\"")
            .arg(ws.command(&[]).get_program())
            .args(ws.command(&["index"]).get_args())
            .current_dir(ws.dir.path())
            .output()
            .unwrap(),
    };
    run.assert_code(1);
    assert_one_clear_line(&run, "Indekset kan ikke skrives");
    assert!(!run.stderr().contains("beskadiget"), "{}", run.report());
    assert_eq!(current(&ws), before);
    assert_no_junk(&ws);
    search_answers(&ws);
}

#[cfg(unix)]
#[test]
fn output_to_a_full_device_says_it_cannot_write_the_output() {
    let ws = Workspace::new();
    ws.ok(&["index"]);
    for args in [
        &["facets"][..],
        &["facets", "--format", "json"],
        &["search", "tillid"],
    ] {
        let full = fs::File::create("/dev/full").unwrap();
        let output = ws.command(args).stdout(full).output().unwrap();
        let run = Run {
            command: format!("citater {} > /dev/full", args.join(" ")),
            output,
        };
        run.assert_code(1);
        assert_one_clear_line(&run, "Uddata kan ikke skrives");
    }
}
