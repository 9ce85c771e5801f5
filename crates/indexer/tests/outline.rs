//! Every booklet's outline, as the heading rules read it, held as a
//! snapshot: the headings, their levels and lines, and the quotes filed
//! under each. Each snapshot was checked by reading its booklet, so a change
//! to a heading rule shows up here as a diff to review (`cargo insta
//! review`, or accept the `.snap.new` file by hand).

use std::fmt::Write;
use std::path::Path;

use citater_indexer::{Corpus, Outline};

/// One line per heading: its lines, level and title, indented under its
/// chapter, with the quotes filed under it.
fn render(outline: &Outline) -> String {
    let mut out = format!(
        "{} ({} quotes)\n",
        outline.publication.title, outline.quotes
    );
    for (depth, h) in outline.walk() {
        let lines = match h.line_end == h.line_start {
            true => h.line_start.to_string(),
            false => format!("{}-{}", h.line_start, h.line_end),
        };
        let level = serde_json::to_value(h.level).unwrap();
        writeln!(
            out,
            "{lines:>9}  {:indent$}{:<9} {} [{}]",
            "",
            level.as_str().unwrap(),
            h.title,
            h.quotes,
            indent = depth * 2
        )
        .unwrap();
    }
    out
}

#[test]
fn every_booklet_has_its_reviewed_outline() {
    let corpus = Corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus"))
        .expect("the bundled corpus loads");
    let outlines = corpus.outlines().expect("extraction runs");
    assert_eq!(outlines.len(), corpus.publications.len());
    for outline in &outlines {
        insta::assert_snapshot!(outline.publication.id.as_str(), render(outline));
    }
}
