//! The command line end to end: the real binary on a copy of the corpus.

mod common;

use std::collections::HashSet;

use common::{shared, Workspace};
use serde_json::Value;

const LEVELS: [&str; 6] = [
    "leder",
    "chef",
    "strategisk chef",
    "direktør",
    "politiker",
    "ukendt",
];

fn export(ws: &Workspace) -> Vec<Value> {
    ws.ok(&["export", "--format", "jsonl"]).json_lines()
}

fn search(args: &[&str]) -> Value {
    let mut all = vec!["search", "--format", "json", "--limit", "100"];
    all.extend_from_slice(args);
    shared().ok(&all).json()
}

fn texts(result: &Value) -> Vec<String> {
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap().to_lowercase())
        .collect()
}

fn total(result: &Value) -> u64 {
    result["total"].as_u64().unwrap()
}

// --- Export: every quote, each exactly once, with every field -----------

#[test]
fn export_prints_every_quote_with_every_contract_field() {
    let quotes = export(shared());
    assert!(quotes.len() > 300, "only {} quotes", quotes.len());
    for q in &quotes {
        for field in [
            "id",
            "text",
            "publication",
            "speaker",
            "role",
            "level",
            "theme",
            "subtheme",
            "source",
            "citation",
        ] {
            assert!(q.get(field).is_some(), "{field} missing in {q}");
        }
        assert!(
            q["publication"]["title"].is_string() && q["source"]["line_start"].is_u64(),
            "{q}"
        );
        assert!(
            LEVELS.contains(&q["level"].as_str().unwrap()),
            "level outside the vocabulary: {q}"
        );
        assert!(!q["role"].as_str().unwrap().is_empty(), "{q}");
    }
}

#[test]
fn ids_are_unique_url_safe_and_stable() {
    let first = export(shared());
    let ids: Vec<&str> = first.iter().map(|q| q["id"].as_str().unwrap()).collect();
    let unique: HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
    for (q, id) in first.iter().zip(&ids) {
        assert!(
            id.starts_with(q["publication"]["id"].as_str().unwrap()),
            "{id}"
        );
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{id}"
        );
    }
    // The same corpus, extracted afresh into another index, gives the same ids.
    let again = Workspace::new();
    let second = export(&again);
    let ids_again: Vec<&str> = second.iter().map(|q| q["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ids_again);
}

#[test]
fn no_attribution_clause_is_left_in_any_text() {
    let verbs = [
        "siger",
        "fortæller",
        "forklarer",
        "spørger",
        "understreger",
        "påpeger",
        "pointerer",
        "beretter",
    ];
    for q in export(shared()) {
        let text = q["text"].as_str().unwrap();
        for verb in verbs {
            for who in [
                "en ",
                "én ",
                "hun",
                "han",
                "direktøren",
                "chefen",
                "politikeren",
            ] {
                let clause = format!(", {verb} {who}");
                assert!(
                    !text.contains(&clause),
                    "attribution left in {}: {text}",
                    q["id"]
                );
                assert!(
                    !text.contains(&format!("” {verb} {who}")),
                    "attribution left in {}: {text}",
                    q["id"]
                );
            }
        }
        assert!(
            !text.starts_with('–') && !text.starts_with('“') && !text.ends_with('”'),
            "{text}"
        );
        assert!(!text.contains("**") && !text.contains("  "), "{text}");
    }
}

#[test]
fn no_quote_is_a_pull_quote_of_another() {
    let quotes = export(shared());
    let words: Vec<Vec<String>> = quotes
        .iter()
        .map(|q| {
            q["text"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect()
        })
        .collect();
    for (i, a) in words.iter().enumerate() {
        if a.len() < 6 {
            continue;
        }
        let bag: HashSet<&String> = a.iter().collect();
        for (j, b) in words.iter().enumerate() {
            if i == j || b.len() < a.len() {
                continue;
            }
            let other: HashSet<&String> = b.iter().collect();
            let shared = bag.iter().filter(|w| other.contains(**w)).count();
            assert!(
                shared * 10 < bag.len() * 9,
                "{} repeats {}",
                quotes[i]["id"],
                quotes[j]["id"]
            );
        }
    }
}

#[test]
fn export_csv_opens_in_danish_excel() {
    let run = shared().ok(&["export", "--format", "csv"]);
    let bytes = &run.output.stdout;
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "no byte-order mark"
    );
    let text = run.stdout();
    let header = text.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert!(
        header.starts_with("id;tekst;taler;rolle;niveau;tema"),
        "{header}"
    );
    assert!(text.contains("æ") && text.contains("ø") && text.contains("å"));
    let records = text.matches("\r\n").count();
    assert_eq!(
        records,
        export(shared()).len() + 1,
        "one CRLF-ended record per quote plus the header"
    );
    // Danish headers throughout; the pages a locator ("s. 6-9"), never a
    // bare "6-9" a Danish spreadsheet reads as a date; the numbers plain.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let columns: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        columns,
        [
            "id",
            "tekst",
            "taler",
            "rolle",
            "niveau",
            "tema",
            "undertema",
            "emner",
            "publikation",
            "titel",
            "år",
            "sider",
            "fil",
            "linje_fra",
            "linje_til",
            "henvisning"
        ]
    );
    let at = |name: &str| columns.iter().position(|c| c == name).unwrap();
    let mut with_pages = 0;
    for row in reader.records() {
        let row = row.unwrap();
        let pages = &row[at("sider")];
        if !pages.is_empty() {
            with_pages += 1;
            let span = pages
                .strip_prefix("s. ")
                .unwrap_or_else(|| panic!("{pages:?}"));
            assert!(
                span.chars().all(|c| c.is_ascii_digit() || c == '-'),
                "{pages:?}"
            );
        }
        assert!(row[at("linje_fra")].parse::<u64>().is_ok(), "{row:?}");
        assert!(row[at("linje_til")].parse::<u64>().is_ok(), "{row:?}");
        let year = &row[at("år")];
        assert!(year == "u.å." || year.parse::<u32>().is_ok(), "{year:?}");
        for column in ["id", "tekst", "taler", "rolle", "tema", "henvisning"] {
            let cell = &row[at(column)];
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{column} {cell:?}"
            );
        }
    }
    assert!(with_pages > 100, "only {with_pages} quotes with pages");
}

#[test]
fn export_takes_the_search_filters() {
    let all = export(shared());
    let run = shared().ok(&[
        "export",
        "--level",
        "direktoer",
        "--publication",
        "den-politiske-tango",
    ]);
    let some = run.json_lines();
    let expected = all
        .iter()
        .filter(|q| q["level"] == "direktør" && q["publication"]["id"] == "den-politiske-tango")
        .count();
    assert_eq!(some.len(), expected);
    assert!(expected > 0);
}

#[test]
fn export_ids_gives_those_quotes_in_that_order() {
    let all = export(shared());
    let chosen: Vec<&str> = [40, 3, 200]
        .iter()
        .map(|&i| all[i]["id"].as_str().unwrap())
        .collect();
    let run = shared().ok(&["export", "--ids", &chosen.join(",")]);
    let got: Vec<String> = run
        .json_lines()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, chosen, "{}", run.report());
    let run = shared().run(&["export", "--ids", &format!("{},findes-ikke", chosen[0])]);
    run.assert_code(2);
    assert!(run.stderr().contains("findes-ikke"), "{}", run.report());
}

/// The .docx read back by python-docx (tests/read_docx.py): each paragraph's
/// style name, text and runs; `None`, after saying so on stderr, when
/// python-docx is not installed (.ci/run installs it).
fn read_docx(test: &str, bytes: &[u8]) -> Option<Value> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("citater.docx");
    std::fs::write(&file, bytes).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/read_docx.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .output();
    match out {
        Ok(out) if out.status.code() == Some(3) => {
            eprintln!("{test}: SKIPPED, python-docx is not installed");
            None
        }
        Ok(out) => {
            assert!(
                out.status.success(),
                "python-docx cannot read the file: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(serde_json::from_slice(&out.stdout).expect("the reader prints JSON"))
        }
        Err(e) => {
            eprintln!("{test}: SKIPPED, python3 does not run ({e})");
            None
        }
    }
}

fn styled<'a>(doc: &'a Value, style: &str) -> Vec<&'a Value> {
    doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["style"] == style)
        .collect()
}

fn text(paragraph: &Value) -> &str {
    paragraph["text"].as_str().unwrap()
}

#[test]
fn export_docx_is_a_report_draft_word_can_read() {
    let test = "export_docx_is_a_report_draft_word_can_read";
    let all = export(shared());
    // The first quote of each booklet, and a second from the first booklet,
    // so one reference is cited twice and both undated booklets are in the
    // list (their years lettered u.å.-a, u.å.-b).
    let mut chosen: Vec<&Value> = Vec::new();
    for q in &all {
        if !chosen
            .iter()
            .any(|c| c["publication"]["id"] == q["publication"]["id"])
        {
            chosen.push(q);
        }
    }
    let booklets = chosen.len();
    assert_eq!(booklets, 5);
    let second = all
        .iter()
        .filter(|q| q["publication"]["id"] == chosen[0]["publication"]["id"])
        .nth(1)
        .unwrap();
    chosen.push(second);
    let ids: Vec<&str> = chosen.iter().map(|q| q["id"].as_str().unwrap()).collect();
    let run = shared().ok(&["export", "--format", "docx", "--ids", &ids.join(",")]);
    assert!(run.output.stdout.starts_with(b"PK"), "not a ZIP package");
    let Some(doc) = read_docx(test, &run.output.stdout) else {
        return;
    };
    let paragraphs = doc["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs[0]["style"], "Title", "{doc}");
    assert_eq!(text(&paragraphs[0]), "Citater");

    // The reference list: after the heading "Referencer", each booklet once,
    // "Forfatter. (År). *Titel*." with the title a run of its own in italics.
    let headings: Vec<&str> = styled(&doc, "Heading 1").into_iter().map(text).collect();
    assert_eq!(headings.last(), Some(&"Referencer"), "{doc}");
    let references = styled(&doc, "Bibliography");
    assert_eq!(references.len(), booklets, "one reference per booklet{doc}");
    let mut labels = Vec::new();
    for q in &chosen[..booklets] {
        let title = q["publication"]["title"].as_str().unwrap();
        let listed: Vec<&&Value> = references
            .iter()
            .filter(|r| {
                r["runs"].as_array().unwrap().iter().any(|run| {
                    run["italic"] == true && run["text"].as_str().unwrap().starts_with(title)
                })
            })
            .collect();
        assert_eq!(listed.len(), 1, "{title}: its title in italics once{doc}");
        let entry = text(listed[0]);
        let (author, rest) = entry.split_once(". (").expect("Forfatter. (År).");
        let (year, _) = rest.split_once("). ").expect("Forfatter. (År). Titel");
        labels.push((
            q["publication"]["id"].clone(),
            format!("({author}, {year},"),
        ));
    }
    assert!(
        labels.iter().any(|(_, l)| l.contains("u.å.-a")),
        "two undated booklets are lettered{doc}"
    );

    // Each quote a block quote under its booklet's heading, followed by a
    // line whose in-text citation is its booklet's in the list.
    for q in &chosen {
        let quote_text = q["text"].as_str().unwrap();
        let at = paragraphs
            .iter()
            // The quote as a sentence: a full stop added where it had none.
            .position(|p| {
                p["style"] == "Quote"
                    && (text(p) == quote_text || text(p) == format!("{quote_text}."))
            })
            .unwrap_or_else(|| panic!("{} is not a block quote{doc}", q["id"]));
        let signature = text(&paragraphs[at + 1]);
        assert!(signature.starts_with("— "), "{signature}");
        let (_, label) = labels
            .iter()
            .find(|(id, _)| *id == q["publication"]["id"])
            .unwrap();
        assert!(
            signature.contains(label.as_str()),
            "{signature} does not cite {label}"
        );
        let heading = paragraphs[..at]
            .iter()
            .rev()
            .find(|p| p["style"] == "Heading 1")
            .unwrap();
        assert_eq!(text(heading), q["publication"]["title"], "{doc}");
    }
    assert_eq!(headings.len(), booklets + 1, "a heading per booklet{doc}");

    // Grouped by theme, the headings are the quotes' chapters.
    let run = shared().ok(&[
        "export",
        "--format",
        "docx",
        "--group",
        "theme",
        "--ids",
        &ids.join(","),
    ]);
    let doc = read_docx(test, &run.output.stdout).unwrap();
    let headings: Vec<&str> = styled(&doc, "Heading 1").into_iter().map(text).collect();
    for q in &chosen {
        assert!(
            headings.contains(&q["theme"].as_str().unwrap()),
            "{} is not a heading{doc}",
            q["theme"]
        );
    }
}

// --- Errors: one clear sentence, the right exit code ----------------------

#[test]
fn a_text_without_metadata_is_an_error_naming_it() {
    let ws = Workspace::new();
    std::fs::write(ws.corpus().join("nyt-hefte.txt"), "Tekst").unwrap();
    let run = ws.run(&["export"]);
    run.assert_code(1);
    assert!(
        run.stderr().contains("nyt-hefte.txt") && run.stderr().contains("publications.toml"),
        "{}",
        run.report()
    );
    assert_eq!(run.stderr().lines().count(), 1, "{}", run.report());
}

#[test]
fn broken_metadata_is_an_error_naming_the_file() {
    let ws = Workspace::new();
    std::fs::write(
        ws.corpus().join("publications.toml"),
        "[[publication]]\nid = ",
    )
    .unwrap();
    let run = ws.run(&["export"]);
    run.assert_code(1);
    assert!(
        run.stderr().contains("publications.toml"),
        "{}",
        run.report()
    );
    let ws = Workspace::new();
    std::fs::remove_file(ws.corpus().join("pas-paa-trinet.txt")).unwrap();
    let run = ws.run(&["export"]);
    run.assert_code(1);
    assert!(
        run.stderr().contains("pas-paa-trinet.txt"),
        "{}",
        run.report()
    );
}

#[test]
fn bad_usage_exits_2_with_one_sentence() {
    let cases: &[&[&str]] = &[
        &["search", "tillid", "--level", "boss"],
        &["search", "tillid", "--publication", "nope"],
        &["search", "tillid", "--format", "xml"],
        &["search", "tillid", "--limit", "1000"],
        &["show", "findes-ikke"],
        &["cite", "findes-ikke"],
        &[
            "cite",
            "pas-paa-trinet-jeg-bruger-70-pct-af-min",
            "--style",
            "mla",
        ],
        &["matrix", "--rows", "theme", "--cols", "colour"],
        &["matrix", "--rows", "level", "--cols", "level"],
        &["similar", "findes-ikke"],
        &["export", "--format", "xlsx"],
        &["export", "--ids", "findes-ikke"],
        &[
            "export",
            "--ids",
            "pas-paa-trinet-jeg-bruger-70-pct-af-min",
            "tillid",
        ],
        &["export", "--format", "docx", "--group", "farve"],
    ];
    for args in cases {
        let run = shared().run(args);
        run.assert_code(2);
        assert_eq!(run.stderr().trim().lines().count(), 1, "{}", run.report());
        assert!(run.stderr().starts_with("citater: "), "{}", run.report());
    }
    let run = shared().run(&["search", "tillid", "--level", "boss"]);
    assert!(
        run.stderr().contains("strategisk chef"),
        "the valid levels are listed{}",
        run.report()
    );
}

/// Runs citater expecting a usage error: exit code 2 and one sentence of
/// fewer than `bytes` bytes on stderr. Returns the sentence.
fn refused_briefly(args: &[&str], bytes: usize) -> String {
    let run = shared().run(args);
    let stderr = run.stderr();
    // Checked before the exit code, whose report would print it all.
    assert!(
        stderr.len() < bytes,
        "stderr has {} bytes, starting: {}\n--- command: {}",
        stderr.len(),
        stderr.chars().take(300).collect::<String>(),
        run.command
    );
    run.assert_code(2);
    assert_eq!(stderr.trim().lines().count(), 1, "{}", run.report());
    assert!(stderr.starts_with("citater: "), "{}", run.report());
    stderr
}

#[test]
fn a_query_longer_than_the_api_takes_is_refused_at_once() {
    let long = "a".repeat(100_000);
    let cases: &[&[&str]] = &[
        &["search", &long],
        &["search", &long, "--format", "json", "--level", "leder"],
        &["export", &long],
        &["export", &long, "--format", "csv"],
        &["matrix", "--rows", "level", "--cols", "theme", &long],
    ];
    for args in cases {
        let stderr = refused_briefly(args, 300);
        assert!(
            stderr.contains("Søgningen er længere end 500 tegn."),
            "{stderr}"
        );
    }
    // Counted in characters: 500 Danish letters (1,000 bytes) are read.
    let longest = "æ".repeat(500);
    shared().ok(&["search", &longest, "--format", "json"]);
}

#[test]
fn a_long_unknown_value_is_quoted_shortened() {
    let long = "x".repeat(10_000);
    let cases: &[&[&str]] = &[
        &["search", "tillid", "--level", &long],
        &["search", "--publication", &long],
        &["search", "--format", &long],
        &[
            "matrix", "--rows", "level", "--cols", "theme", "--topic", &long,
        ],
        &["export", "--role", &long],
        &["export", "--ids", &long],
        &["show", &long],
        &["cite", &long],
        &["similar", &long],
        &["outline", "--publication", &long],
    ];
    for args in cases {
        // The same refusal of a one-letter value, which the long one's
        // message may exceed by its quoted start only (some sixty letters
        // and a "…" of three bytes).
        let short: Vec<&str> = args
            .iter()
            .map(|a| if *a == long { "x" } else { a })
            .collect();
        let usual = refused_briefly(&short, 2_000).len();
        let stderr = refused_briefly(args, usual + 64);
        let longest_run = stderr.split(|c| c != 'x').map(str::len).max();
        assert!(
            longest_run.is_some_and(|n| (1..=60).contains(&n)) && stderr.contains("x…«"),
            "the value is quoted by its first characters only: {stderr}"
        );
    }
    // Cut between characters, never inside a two-byte ø.
    let danish = "ø".repeat(10_000);
    let stderr = refused_briefly(&["search", "--level", &danish], 300);
    assert!(stderr.contains("øøø…«"), "{stderr}");
}

#[test]
fn queries_the_parser_cannot_read_are_read_leniently() {
    for q in [
        "\"unbalanced",
        "AND AND",
        "level:",
        "((tillid",
        "- * ()",
        "tillid)))",
        "NOT",
    ] {
        let run = shared().run(&["search", q, "--format", "json"]);
        run.assert_code(0);
        run.json();
    }
}

#[test]
fn help_has_examples() {
    let run = shared().ok(&["--help"]);
    assert!(
        run.stdout().contains("Examples:") && run.stdout().contains("citater search"),
        "{}",
        run.report()
    );
}

// --- Search: Danish as people type it -------------------------------------

#[test]
fn an_empty_query_lists_everything_under_the_filters() {
    let all = export(shared()).len() as u64;
    assert_eq!(total(&search(&[""])), all);
    let tango = search(&["", "--publication", "den-politiske-tango"]);
    assert!(total(&tango) > 0 && total(&tango) < all);
}

#[test]
fn inflected_forms_find_each_other() {
    let hits = texts(&search(&["ledere"]));
    assert!(
        hits.iter()
            .any(|t| t.contains("lederen") || t.contains("lederne")),
        "ledere finds lederen/lederne"
    );
    let hits = texts(&search(&["ledelsen"]));
    assert!(hits.iter().any(|t| t
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "ledelse")));
}

#[test]
fn leder_is_kept_apart_from_ledelse_and_ledig() {
    let result = search(&["leder"]);
    for hit in result["hits"].as_array().unwrap() {
        let snippet = hit["snippet"].as_str().unwrap().to_lowercase();
        for wrong in ["<b>ledelse", "<b>ledig"] {
            assert!(!snippet.contains(wrong), "leder matched {wrong}: {snippet}");
        }
    }
}

#[test]
fn a_word_finds_the_compounds_it_is_part_of_ranked_below_itself() {
    let result = search(&["ledelse", "--publication", "pas-paa-trinet"]);
    let hits = result["hits"].as_array().unwrap();
    let snippets: Vec<String> = hits
        .iter()
        .map(|h| h["snippet"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(
        snippets
            .iter()
            .any(|s| s.contains("<b>personaleledelse</b>")),
        "ledelse finds personaleledelse"
    );
    let says_the_word = |h: &Value| {
        h["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ["ledelse", "ledelsen", "ledelses", "ledelser", "ledelsens"].contains(&w))
    };
    let pattern: String = hits
        .iter()
        .map(|h| if says_the_word(h) { 'W' } else { 'c' })
        .collect();
    assert!(
        pattern.starts_with('W') && !pattern.contains("cW"),
        "quotes saying ledelse come first: {pattern}"
    );
    let compound = texts(&search(&["spareøvelser"]));
    assert!(compound.iter().any(|t| t.contains("spareøvelser")));
}

#[test]
fn danish_letters_may_be_typed_in_ascii() {
    assert_eq!(
        total(&search(&["direktoer"])),
        total(&search(&["direktør"]))
    );
    assert_eq!(total(&search(&["aabenhed"])), total(&search(&["åbenhed"])));
    assert!(total(&search(&["aabenhed"])) > 0);
}

#[test]
fn a_typo_still_finds_its_word_ranked_lower() {
    let typo = search(&["tilid"]);
    assert!(total(&typo) > 0);
    assert!(
        texts(&typo).iter().take(5).all(|t| t.contains("tillid")),
        "tilid finds tillid"
    );
    let exact = search(&["tillid"]);
    assert!(typo["hits"][0]["score"].as_f64() < exact["hits"][0]["score"].as_f64());
}

#[test]
fn what_a_typo_finds_is_a_spelling_not_an_inflection() {
    let typo = search(&["tilid"]);
    let hows: Vec<(String, String, String)> = typo["hits"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(answers)
        .filter(|(word, _, _)| word == "tilid")
        .collect();
    assert!(hows.iter().any(|(_, _, how)| how == "stavning"), "{hows:?}");
    assert!(
        !hows.iter().any(|(_, _, how)| how == "bøjning"),
        "a form found through the typo is no inflection of it: {hows:?}"
    );
    // A word typed right still finds its inflections as such.
    let typed = search(&["tillid"]);
    assert!(
        typed["hits"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(answers)
            .any(|(word, _, how)| word == "tillid" && how == "bøjning"),
        "{typed}"
    );
}

#[test]
fn a_word_finds_its_family() {
    let family = texts(&search(&[
        "raadgiver",
        "--publication",
        "den-politiske-tango",
    ]));
    assert!(
        family.iter().any(|t| t.contains("rådgivning")),
        "rådgiver finds rådgivning"
    );
}

#[test]
fn phrases_prefixes_and_not() {
    // A quoted phrase is the words as typed, in order: not "politiske tæft".
    let phrase = search(&["\"politisk tæft\""]);
    assert!(total(&phrase) > 0);
    for t in texts(&phrase) {
        assert!(t.contains("politisk tæft"), "{t}");
    }
    let inflected = total(&search(&["politisk tæft"]));
    assert!(
        total(&phrase) < inflected,
        "the phrase finds fewer than its words"
    );
    let prefix = texts(&search(&["ledelses*"]));
    assert!(!prefix.is_empty());
    assert!(prefix.iter().all(|t| t.contains("ledelses")));
    let with = total(&search(&["tillid"]));
    for excluded in [vec!["tillid -politikerne"], vec!["tillid NOT politikerne"]] {
        let without = search(&excluded);
        assert!(total(&without) < with);
        assert!(texts(&without).iter().all(|t| !t.contains("politikerne")));
    }
    // AND: each hit answers both words, by its text or what it is filed
    // under (its headings, its topics).
    let both = search(&["tillid AND politikerne"]);
    assert!(total(&both) > 0);
    for hit in both["hits"].as_array().unwrap() {
        let words: Vec<&str> = hit["matched"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["word"].as_str().unwrap())
            .collect();
        assert_eq!(words, ["tillid", "politikerne"], "{hit}");
    }
}

/// The words a snippet marks, lowercase, in order, each with whether only
/// non-letters stand between it and the mark before it.
fn marks(snippet: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = snippet;
    let mut after_mark = false;
    while let Some(open) = rest.find("<b>") {
        let between = &rest[..open];
        let close = rest[open..].find("</b>").expect("a mark is closed") + open;
        let adjacent = after_mark && !between.chars().any(char::is_alphanumeric);
        out.push((rest[open + 3..close].to_lowercase(), adjacent));
        rest = &rest[close + 4..];
        after_mark = true;
    }
    out
}

#[test]
fn a_phrase_is_marked_where_it_stands_and_its_snippet_shows_it() {
    for (phrase, first, second) in [
        ("\"derfor skal\"", "derfor", "skal"),
        ("\"politisk tæft\"", "politisk", "tæft"),
        ("\"skal kunne\"", "skal", "kunne"),
        ("\"gensidig tillid\"", "gensidig", "tillid"),
        ("\"ikke altid\"", "ikke", "altid"),
    ] {
        let result = search(&[phrase]);
        assert!(total(&result) > 0, "{phrase}");
        for hit in counted(&result) {
            let marked = marks(hit["snippet"].as_str().unwrap());
            // Only the phrase is marked, its words together, in order.
            assert!(!marked.is_empty(), "{phrase}: {hit}");
            for (k, (word, adjacent)) in marked.iter().enumerate() {
                let expected = if k % 2 == 0 {
                    (first, false)
                } else {
                    (second, true)
                };
                assert_eq!((word.as_str(), *adjacent), expected, "{phrase}: {hit}");
            }
            assert_eq!(marked.len() % 2, 0, "{phrase}: {hit}");
        }
    }
    // This quote says `skal` four times, once after `derfor`.
    let result = search(&["\"derfor skal\""]);
    let hit = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "kaere-chef-kaere-ledere-ledere-skal-selv-kunne-taale-en")
        .expect("the quote is found");
    let spans: Vec<usize> = hit["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["spans"].as_array().unwrap().len())
        .collect();
    assert_eq!(spans, [1, 1], "{hit}");
    // Typed on its own as well, a word of the phrase is marked everywhere.
    let result = search(&["\"politisk tæft\" politisk"]);
    let politisk = counted(&result)
        .iter()
        .flat_map(|h| h["matched"].as_array().unwrap())
        .filter(|m| m["word"] == "politisk")
        .map(|m| m["spans"].as_array().unwrap().len())
        .max();
    assert!(politisk.is_some_and(|n| n > 1), "{result}");
}

/// `search --format json` of one query, read back: its `read`.
fn read(query: &str) -> String {
    search(&[query])["read"].as_str().unwrap().to_string()
}

#[test]
fn what_was_read_is_said_where_it_is_not_what_was_typed() {
    assert_eq!(read("tilid"), "tillid");
    assert_eq!(read("direktoer"), "direktør");
    assert_eq!(read("AND AND"), "");
    assert_eq!(read("(tillid"), "tillid");
    assert_eq!(read("tillid)"), "tillid");
    for plain in ["tillid", "ledelses* -medier", "\"politisk tæft\""] {
        assert_eq!(read(plain), plain);
    }
    // A stray bracket only parts words: the same search as without it.
    let (stray, plain) = (search(&["(tillid"]), search(&["tillid"]));
    for field in ["total", "related_total", "facets"] {
        assert_eq!(stray[field], plain[field], "{field}");
    }
    // The terminal says it on a line of its own before the hits, and only
    // when it differs.
    let said = |query: &str| {
        let run = shared().ok(&["search", query, "--limit", "1"]);
        run.stdout()
            .lines()
            .find(|l| l.starts_with("Søgte efter:"))
            .map(String::from)
    };
    assert_eq!(said("tilid").as_deref(), Some("Søgte efter: tillid"));
    assert_eq!(said("direktoer").as_deref(), Some("Søgte efter: direktør"));
    assert_eq!(said("(tillid").as_deref(), Some("Søgte efter: tillid"));
    assert!(said("AND AND").is_some());
    assert_eq!(said("tillid"), None);
    assert_eq!(said("ledelses*  -medier"), None);
}

#[test]
fn filter_values_meet_the_corpus_however_their_letters_are_typed() {
    let canonical = search(&["tillid", "--level", "direktør"]);
    assert!(total(&canonical) > 0);
    for typed in ["direktor", "direktoer", "DIREKTØR", "Direktor"] {
        let folded = search(&["tillid", "--level", typed]);
        assert_eq!(folded, canonical, "{typed}");
    }
    let spelt = search(&["--role", "strategisk chef"]);
    assert_eq!(search(&["--role", "Strategisk-Chef"]), spelt);
    assert_eq!(
        search(&["--publication", "mellem-chef-og-direktør"]),
        search(&["--publication", "mellem-chef-og-direktoer"])
    );
    let run = shared().run(&["search", "tillid", "--level", "boss"]);
    run.assert_code(2);
    assert_eq!(
        run.stderr(),
        "citater: Ukendt niveau »boss«; kendte niveauer: leder, chef, strategisk chef, direktør, politiker, ukendt.\n"
    );
    let run = shared().run(&[
        "matrix", "--rows", "level", "--cols", "theme", "--role", "x",
    ]);
    run.assert_code(2);
    assert!(
        run.stderr()
            .starts_with("citater: Ukendt rolle »x«; kendte roller: borgmester, "),
        "{}",
        run.report()
    );
}

#[test]
fn stop_words_stay_searchable() {
    let phrase = search(&["\"ikke altid\""]);
    assert!(total(&phrase) > 0);
    assert!(texts(&phrase).iter().all(|t| t.contains("ikke altid")));
}

#[test]
fn facet_counts_are_disjunctive() {
    let unfiltered = search(&["tillid"]);
    let filtered = search(&["tillid", "--level", "direktør"]);
    assert_eq!(
        unfiltered["facets"]["level"], filtered["facets"]["level"],
        "a facet's own filter leaves its counts"
    );
    assert_eq!(
        total(&filtered),
        filtered["facets"]["level"]["direktør"].as_u64().unwrap()
    );
    let two = search(&["tillid", "--level", "direktør", "--level", "chef"]);
    let expected = filtered["facets"]["level"]["direktør"].as_u64().unwrap()
        + filtered["facets"]["level"]["chef"].as_u64().unwrap();
    assert_eq!(total(&two), expected, "repeating a filter ORs");
    let narrowed = search(&[
        "tillid",
        "--level",
        "direktør",
        "--publication",
        "den-politiske-tango",
    ]);
    assert_eq!(
        total(&narrowed),
        filtered["facets"]["publication"]["den-politiske-tango"]
            .as_u64()
            .unwrap_or(0),
        "different filters AND"
    );
}

#[test]
fn snippets_mark_what_matched() {
    let result = search(&["tillidsfuld"]);
    let snippet = result["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<b>"), "{snippet}");
    let stemmed = search(&["relationerne"]);
    assert!(stemmed["hits"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["snippet"].as_str().unwrap().contains("<b>relation")));
}

#[test]
fn paging_walks_through_the_hits() {
    let first = shared()
        .ok(&["search", "ledelse", "--format", "json", "--limit", "5"])
        .json();
    let second = shared()
        .ok(&[
            "search", "ledelse", "--format", "json", "--limit", "5", "--offset", "5",
        ])
        .json();
    assert_eq!(second["offset"], 5);
    let ids = |r: &Value| {
        r["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(ids(&first).iter().all(|id| !ids(&second).contains(id)));
}

#[test]
fn text_output_is_for_people() {
    let run = shared().ok(&["search", "tillid", "--limit", "2"]);
    let out = run.stdout();
    assert!(
        out.contains("citater for «tillid»") && out.contains("*tillid*") && out.contains("Niveau:"),
        "{}",
        run.report()
    );
    assert!(
        !out.contains("\x1b["),
        "no colour when not writing to a terminal"
    );
}

// --- Meaning: synonyms, questions, topics, and counts one can trust -------

/// The query words a hit's `matched` names, each with its form and how.
fn answers(hit: &Value) -> Vec<(String, String, String)> {
    hit["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let field = |k: &str| m[k].as_str().unwrap().to_string();
            (field("word"), field("form"), field("how"))
        })
        .collect()
}

fn counted(result: &Value) -> Vec<&Value> {
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["related"] == false)
        .collect()
}

#[test]
fn a_synonym_finds_what_the_word_does_not() {
    // The domain list: nobody says "ensom", several stand "alene".
    let ensom = search(&["ensom"]);
    let alone = counted(&ensom)
        .into_iter()
        .find(|h| {
            answers(h)
                .iter()
                .any(|(_, form, how)| how == "synonym" && form == "alene")
        })
        .unwrap_or_else(|| panic!("no hit says alene for ensom: {ensom}"));
    assert!(alone["text"].as_str().unwrap().contains("alene"));
    // The vendored thesaurus itself: "absurd" is in no domain group.
    let absurd = search(&["absurd"]);
    assert!(
        counted(&absurd).iter().any(|h| answers(h)
            .iter()
            .any(|(_, f, how)| how == "synonym" && f.starts_with("meningsløs"))),
        "{absurd}"
    );
}

#[test]
fn synonyms_rank_below_the_word_itself() {
    let hits = search(&["tillid"]);
    let hows: Vec<String> = counted(&hits)
        .iter()
        .map(|h| answers(h)[0].2.clone())
        .collect();
    let first_synonym = hows
        .iter()
        .position(|h| h == "synonym")
        .unwrap_or(hows.len());
    let last_word = hows.iter().rposition(|h| h == "ord").unwrap();
    assert!(last_word < first_synonym, "{hows:?}");
}

#[test]
fn a_question_is_searched_for_what_it_asks() {
    let question = search(&["hvordan giver man sparring til sin chef"]);
    let corpus = total(&search(&[]));
    assert!(
        total(&question) < corpus / 2 + corpus / 4,
        "{}",
        total(&question)
    );
    for hit in question["hits"].as_array().unwrap() {
        for (word, _, _) in answers(hit) {
            assert!(
                ["sparring", "chef"].contains(&word.as_str()),
                "{word} in {hit}"
            );
        }
        let snippet = hit["snippet"].as_str().unwrap().to_lowercase();
        for function in ["hvordan", "man", "til", "sin"] {
            assert!(
                !snippet.contains(&format!("<b>{function}</b>")),
                "{snippet}"
            );
        }
    }
    let first = &question["hits"][0];
    assert!(
        answers(first).iter().any(|(w, _, _)| w == "sparring"),
        "{first}"
    );
    // Inside quotes a function word counts, and negation is never dropped.
    assert!(total(&search(&["\"til sin chef\""])) < total(&search(&["chef"])));
    let negated = search(&["ikke tillid"]);
    assert!(counted(&negated)
        .iter()
        .any(|h| answers(h).iter().any(|(w, _, _)| w == "ikke")));
}

#[test]
fn counted_hits_match_by_their_own_words_or_headings() {
    for q in ["bosseri", "tillid", "ledelsesrum", "direktoer"] {
        let result = search(&[q]);
        assert!(total(&result) > 0, "{q}");
        for hit in counted(&result) {
            let text = hit["text"].as_str().unwrap().to_lowercase();
            let mut headings = hit["theme"].as_str().unwrap().to_lowercase();
            headings.push_str(&hit["subtheme"].as_str().unwrap_or("").to_lowercase());
            let named = answers(hit).iter().any(|(_, form, _)| {
                text.contains(form.as_str()) || headings.contains(form.as_str())
            });
            assert!(named, "{q}: {hit}");
        }
    }
    // One quote says it; the others that follow are related, not counted.
    let bosseri = search(&["bosseri"]);
    assert_eq!(total(&bosseri), 1);
    assert_eq!(counted(&bosseri).len(), 1);
    assert!(bosseri["related_total"].as_u64().unwrap() > 0);
    let hits = bosseri["hits"].as_array().unwrap();
    assert!(hits[1..]
        .iter()
        .all(|h| h["related"] == true && answers(h).is_empty()));
    for counts in bosseri["facets"].as_object().unwrap().values() {
        let sum: u64 = counts
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert!(
            (1..=3).contains(&sum),
            "a facet counts more than the one quote: {counts}"
        );
    }
    assert_eq!(
        bosseri["facets"]["level"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum::<u64>(),
        1
    );
    let text = shared().ok(&["search", "bosseri"]).stdout();
    assert!(text.starts_with("1 citat for «bosseri» · "), "{text}");
    assert!(text.contains("Beslægtede citater"), "{text}");
}

#[test]
fn every_quote_has_a_topic_and_trust_spans_the_five_booklets() {
    let quotes = export(shared());
    for q in &quotes {
        assert!(!q["topics"].as_array().unwrap().is_empty(), "no topic: {q}");
    }
    let trust = search(&["", "--topic", "tillid"]);
    let booklets: HashSet<&str> = trust["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["publication"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(booklets.len(), 5, "{booklets:?}");
    assert!(trust["hits"].as_array().unwrap().iter().all(|h| h["topics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "tillid")));
    // Spelt as typed in a hurry, refused with the valid ones when unknown.
    assert_eq!(total(&search(&["", "--topic", "TILLID"])), total(&trust));
    let refused = shared().run(&["search", "x", "--topic", "tilid"]);
    assert_eq!(refused.code(), 2);
    assert!(refused.stderr().contains("tillid"), "{}", refused.stderr());
}

#[test]
fn the_topic_axis_counts_each_topic_of_a_quote() {
    let m = shared()
        .ok(&[
            "matrix", "--rows", "topic", "--cols", "level", "tillid", "--format", "json",
        ])
        .json();
    let rows = m["row_keys"].as_array().unwrap();
    let cols = m["col_keys"].as_array().unwrap();
    assert!(rows.len() > 3);
    for (r, row) in rows.iter().enumerate().take(4) {
        for (c, col) in cols.iter().enumerate() {
            let found = search(&[
                "tillid",
                "--topic",
                row.as_str().unwrap(),
                "--level",
                col.as_str().unwrap(),
            ]);
            assert_eq!(
                total(&found),
                m["counts"][r][c].as_u64().unwrap(),
                "{row} × {col}"
            );
        }
        let by_topic = search(&["tillid", "--topic", row.as_str().unwrap()]);
        assert_eq!(
            total(&by_topic),
            m["row_totals"][r].as_u64().unwrap(),
            "{row}"
        );
    }
    assert_eq!(m["total"].as_u64().unwrap(), total(&search(&["tillid"])));
}

// --- Citing, context, matrix, similar -------------------------------------

#[test]
fn cite_in_every_style() {
    let id = "den-politiske-tango-helt-overordnet-saa-passer-vi-hver";
    let apa = shared().ok(&["cite", id]).stdout();
    // The chapter runs over pages 6-9: the section, not the span, finds it.
    assert!(
        apa.contains("(Væksthus for Ledelse, 2012, afs. „Den politiske livsledsager“)")
            && apa.contains("Den politiske tango: Udfordringer"),
        "{apa}"
    );
    // One undated booklet cited alone is plain u.å., without a letter.
    let undated = shared()
        .ok(&["cite", "pas-paa-trinet-jeg-bruger-70-pct-af-min"])
        .stdout();
    assert!(
        undated.contains("(Væksthus for Ledelse, u.å., afs. ") && !undated.contains("u.å.-"),
        "{undated}"
    );
    assert!(shared()
        .ok(&["cite", id, "--style", "ris"])
        .stdout()
        .starts_with("TY  - BOOK"));
    assert!(shared()
        .ok(&["cite", id, "--style", "bibtex"])
        .stdout()
        .starts_with("@book{"));
    let csl: Value =
        serde_json::from_str(&shared().ok(&["cite", id, "--style", "csl-json"]).stdout()).unwrap();
    assert_eq!(csl[0]["issued"]["date-parts"][0][0], 2012);
}

#[test]
fn search_as_markdown_and_csv() {
    let md = shared()
        .ok(&["search", "tillid", "--limit", "2", "--format", "md"])
        .stdout();
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("> ") && !l.starts_with("> —"))
            .count(),
        2,
        "{md}"
    );
    assert!(md.contains("Væksthus for Ledelse"));
    let csv = shared().ok(&["search", "tillid", "--limit", "3", "--format", "csv"]);
    assert!(csv.output.stdout.starts_with("\u{feff}".as_bytes()));
    assert_eq!(csv.stdout().matches("\r\n").count(), 4);
    assert!(csv.stdout().contains(";henvisning\r\n"), "{}", csv.stdout());
}

#[test]
fn every_quote_in_markdown_ends_a_sentence() {
    let quotes = export(shared()).len();
    let mut lines = Vec::new();
    for offset in (0..quotes).step_by(100) {
        let offset = offset.to_string();
        let md = shared()
            .ok(&[
                "search", "--limit", "100", "--offset", &offset, "--format", "md",
            ])
            .stdout();
        lines.extend(
            md.lines()
                .filter(|l| l.starts_with("> ") && !l.starts_with("> —"))
                .map(String::from),
        );
    }
    assert_eq!(lines.len(), quotes, "one line per quote");
    for line in lines {
        let end = line.trim_end_matches(['’', '”', '"', '»', '«', ')']);
        assert!(end.ends_with(['.', '!', '?', '…']), "{line}");
    }
}

#[test]
fn show_gives_the_context_with_the_heading_path() {
    let id = "pas-paa-trinet-jeg-bruger-70-pct-af-min";
    let shown = shared()
        .ok(&["show", id, "--context", "3", "--format", "json"])
        .json();
    assert_eq!(shown["id"], id);
    let headings: Vec<&str> = shown["context"]["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert!(headings.contains(&"At blive leder"), "{headings:?}");
    let lines = shown["context"]["lines"].as_array().unwrap();
    assert!(
        lines.iter().any(|l| l["in_quote"] == true) && lines.iter().any(|l| l["in_quote"] == false)
    );
    let text = shared().ok(&["show", id, "--context", "2"]).stdout();
    assert!(text.contains("At blive leder ›"), "{text}");
    assert_eq!(
        shown["where"],
        serde_json::json!({
            "publication": "Pas på trinet!",
            "section": "At lede mennesker og relationer",
            "chapter": "At blive leder",
            "pages": null,
        })
    );
    // The printed lines break `persona-` / `leledelse`; the paragraphs, as a
    // reader reads them, do not, and mark the quote's words in its own.
    assert!(lines
        .iter()
        .any(|l| l["text"].as_str().unwrap().ends_with("persona-")));
    let paragraphs = shown["context"]["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), 7, "three on each side of the quote's");
    let own = &paragraphs[3];
    assert_eq!(own["quote"], true);
    let text: Vec<char> = own["text"].as_str().unwrap().chars().collect();
    let span = own["quote_span"].as_array().unwrap();
    let (start, end) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(text[start..end].iter().collect::<String>(), shown["text"]);
    assert!(paragraphs.iter().all(|p| {
        let text = p["text"].as_str().unwrap();
        !text.contains("persona-") && (p["quote"] == true) == (p == own)
    }));
}

#[test]
fn the_context_comes_from_the_index_not_the_corpus_on_disk() {
    let ws = Workspace::new();
    let id = "pas-paa-trinet-jeg-bruger-70-pct-af-min";
    let before = ws
        .ok(&["show", id, "--context", "3", "--format", "json"])
        .json();
    // The booklet changes on disk after the index was built: the context
    // still shows the lines the quote's line numbers count, and the text
    // file may even be gone.
    let booklet = ws.corpus().join("pas-paa-trinet.txt");
    std::fs::remove_file(&booklet).unwrap();
    std::fs::remove_file(ws.corpus().join("publications.toml")).unwrap();
    let after = ws
        .ok(&["show", id, "--context", "3", "--format", "json"])
        .json();
    assert_eq!(before["context"], after["context"]);
    assert!(!after["context"]["lines"].as_array().unwrap().is_empty());
}

#[test]
fn matrix_counts_equal_the_filtered_searches() {
    let m = shared()
        .ok(&[
            "matrix", "--rows", "theme", "--cols", "level", "tillid", "--format", "json",
        ])
        .json();
    let rows = m["row_keys"].as_array().unwrap();
    let cols = m["col_keys"].as_array().unwrap();
    let mut sum = 0;
    for (r, row) in rows.iter().enumerate() {
        for (c, col) in cols.iter().enumerate() {
            let cell = m["counts"][r][c].as_u64().unwrap();
            sum += cell;
            if r < 3 {
                let found = search(&[
                    "tillid",
                    "--theme",
                    row.as_str().unwrap(),
                    "--level",
                    col.as_str().unwrap(),
                ]);
                assert_eq!(total(&found), cell, "cell {row} × {col}");
            }
        }
    }
    assert_eq!(sum, m["total"].as_u64().unwrap());
    assert_eq!(sum, total(&search(&["tillid"])));
    let csv = shared()
        .ok(&[
            "matrix",
            "--rows",
            "publication",
            "--cols",
            "level",
            "--format",
            "csv",
        ])
        .stdout();
    assert!(csv.contains(";i alt"));
}

#[test]
fn similar_quotes_never_include_the_quote_itself() {
    let id = "pas-paa-trinet-jeg-bruger-70-pct-af-min";
    let result = shared()
        .ok(&["similar", id, "--format", "json", "--limit", "5"])
        .json();
    let hits = result["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 5);
    assert!(hits.iter().all(|h| h["id"] != id));
}

#[test]
fn facets_cover_the_corpus() {
    let facets = shared().ok(&["facets", "--format", "json"]).json();
    let total: u64 = facets["publication"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(total, export(shared()).len() as u64);
}

#[test]
fn the_outline_lists_each_booklets_headings_with_lines_and_counts() {
    let all = shared().ok(&["outline", "--format", "json"]).json();
    let outlines = all["outlines"].as_array().unwrap();
    assert_eq!(outlines.len(), 5);
    let quotes: u64 = outlines.iter().map(|o| o["quotes"].as_u64().unwrap()).sum();
    assert_eq!(quotes, export(shared()).len() as u64);
    for outline in outlines {
        let mut last = 0;
        for chapter in outline["headings"].as_array().unwrap() {
            let line = chapter["line_start"].as_u64().unwrap();
            assert!(line > last, "chapters in reading order: {chapter}");
            last = line;
        }
    }

    let text = shared().ok(&["outline", "--publication", "pas-paa-trinet"]);
    let out = text.stdout();
    assert!(out.starts_with("Pas på trinet!"), "{out}");
    assert!(out.contains("At blive leder"), "{out}");
    assert!(
        !out.contains("Den politiske tango"),
        "only the one booklet: {out}"
    );
    // Line and count in two columns, then each section indented under
    // its chapter.
    let mut rows = out.lines().skip_while(|l| !l.ends_with("  At blive leder"));
    let chapter = rows.next().expect("the chapter is listed");
    let section = rows.next().expect("a section follows it");
    assert_eq!(&chapter[17..], "At blive leder", "{out}");
    assert!(
        section[17..].starts_with("  ") && !section[19..].starts_with(' '),
        "{out}"
    );

    shared()
        .run(&["outline", "--publication", "nope"])
        .assert_code(2);
}

// --- The index takes care of itself ---------------------------------------

#[test]
fn the_index_is_rebuilt_when_the_corpus_changes() {
    let ws = Workspace::new();
    let first = ws.ok(&["search", "tillid", "--format", "json"]);
    assert!(
        first.stderr().contains("Indekset"),
        "a missing index is built{}",
        first.report()
    );
    let quiet = ws.ok(&["search", "tillid", "--format", "json"]);
    assert!(
        quiet.stderr().is_empty(),
        "a fresh index is reused{}",
        quiet.report()
    );
    let metadata = ws.corpus().join("roles.toml");
    let text = std::fs::read_to_string(&metadata).unwrap();
    std::fs::write(&metadata, text + "\n# en ændring\n").unwrap();
    let rebuilt = ws.ok(&["search", "tillid", "--format", "json"]);
    assert!(
        rebuilt.stderr().contains("Indekset"),
        "a stale index is rebuilt{}",
        rebuilt.report()
    );
}

// --- Output to a reader that stops early ------------------------------------

#[test]
fn a_reader_that_stops_early_is_no_error() {
    use std::io::Read;
    use std::process::Stdio;

    let mut child = shared()
        .command(&["export", "--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("citater runs");
    let mut first = [0u8; 64];
    let mut stdout = child.stdout.take().unwrap();
    stdout.read_exact(&mut first).unwrap();
    assert!(first.starts_with(b"{\"id\":"), "{first:?}");
    // The export is far larger than a pipe's buffer, so citater is still
    // writing when the reader goes away, as with `citater export | head`.
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
