//! `/api/export`: a selection of quotes in every format, as a download.

use serde_json::Value;

use crate::harness::{all_quotes, ids, server};

#[test]
fn export_in_every_format() {
    let s = server();
    let all = all_quotes();
    let chosen: Vec<&str> = ids(all).into_iter().step_by(50).collect();
    let list = chosen.join(",");
    // A reference is a booklet: one record per booklet among the chosen.
    let mut booklets: Vec<&str> = chosen
        .iter()
        .map(|id| {
            all.iter().find(|q| q["id"] == *id).unwrap()["publication"]["id"]
                .as_str()
                .unwrap()
        })
        .collect();
    booklets.sort_unstable();
    booklets.dedup();
    let export = |format: &str, media: &str, extension: &str| {
        let r = s.get(&format!("/api/export?ids={list}&format={format}"));
        r.assert_status(200);
        r.assert_content_type(media);
        let disposition = r.header("content-disposition").unwrap_or_default();
        assert!(
            disposition.starts_with("attachment")
                && disposition.contains(&format!(".{extension}\"")),
            "not an attachment named *.{extension}{}",
            r.report()
        );
        r
    };
    let md = export("md", "text/markdown", "md");
    for id in &chosen {
        let text = all.iter().find(|q| q["id"] == *id).unwrap()["text"]
            .as_str()
            .unwrap();
        assert!(
            md.text().contains(&format!("> {text}")),
            "{id} missing{}",
            md.report()
        );
    }
    assert_eq!(
        s.get(&format!("/api/export?ids={list}")).body,
        md.body,
        "md is the default"
    );

    let csv = export("csv", "text/csv", "csv");
    assert!(
        csv.body.starts_with(b"\xEF\xBB\xBF"),
        "no byte-order mark{}",
        csv.report()
    );
    let text = csv.text();
    let rows: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split_terminator("\r\n")
        .collect();
    assert!(rows[0].starts_with("id;tekst;"), "{}", csv.report());
    assert_eq!(rows.len(), chosen.len() + 1, "{}", csv.report());
    for (row, id) in rows[1..].iter().zip(&chosen) {
        assert!(row.starts_with(&format!("{id};")), "{}", csv.report());
    }

    let ris = export("ris", "application/x-research-info-systems", "ris");
    assert_eq!(
        ris.text().matches("TY  -").count(),
        booklets.len(),
        "{}",
        ris.report()
    );
    let bibtex = export("bibtex", "application/x-bibtex", "bib");
    assert_eq!(
        bibtex.text().matches("\n@").count() + 1,
        booklets.len(),
        "{}",
        bibtex.report()
    );
    let csl = export(
        "csl-json",
        "application/vnd.citationstyles.csl+json",
        "json",
    );
    assert_eq!(
        csl.json().as_array().map(Vec::len),
        Some(booklets.len()),
        "{}",
        csl.report()
    );
    let jsonl = export("jsonl", "application/x-ndjson", "jsonl");
    let exported: Vec<Value> = jsonl
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(ids(&exported), chosen, "{}", jsonl.report());

    let docx = export(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    );
    assert!(
        docx.body.starts_with(b"PK\x03\x04"),
        "a .docx is a ZIP package{}",
        docx.report()
    );
    for group in ["topic", "theme", "publication"] {
        let r = s.get(&format!("/api/export?ids={list}&format=docx&group={group}"));
        r.assert_status(200);
        assert!(r.body.starts_with(b"PK"), "group={group}{}", r.report());
    }
}

#[test]
fn an_unknown_group_is_refused_with_the_valid_ones() {
    let s = server();
    let id = ids(all_quotes())[0];
    let r = s.get(&format!("/api/export?ids={id}&format=docx&group=farve"));
    r.assert_status(400);
    let error = r.json()["error"].as_str().unwrap_or_default().to_string();
    assert!(
        error.contains("topic, theme, publication"),
        "{error}{}",
        r.report()
    );
}
