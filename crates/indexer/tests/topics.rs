//! The topics of the bundled corpus: every chapter belongs to one, every
//! heading `topics.toml` names is a heading of its booklet, and every quote
//! gets at least one topic.

use std::path::Path;

use citater_indexer::Corpus;

fn corpus() -> Corpus {
    Corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")).unwrap()
}

#[test]
fn every_section_maps_to_a_topic_and_every_listed_heading_exists() {
    let corpus = corpus();
    let problems = corpus.topics.check(&corpus.outlines().unwrap());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_quote_has_a_topic() {
    let quotes = corpus().quotes().unwrap();
    let without: Vec<&str> = quotes
        .iter()
        .filter(|q| q.topics.is_empty())
        .map(|q| q.id.as_str())
        .collect();
    assert!(without.is_empty(), "quotes without a topic: {without:?}");
}

#[test]
fn a_chapter_no_topic_lists_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let topics = std::fs::read_to_string(dir.path().join("topics.toml")).unwrap();
    let unmapped = topics.replace("\"At blive direktør\"", "\"En anden overskrift\"");
    assert_ne!(topics, unmapped, "the bundled topics list that chapter");
    std::fs::write(dir.path().join("topics.toml"), unmapped).unwrap();
    let corpus = Corpus::load(dir.path()).unwrap();
    let problems = corpus.topics.check(&corpus.outlines().unwrap());
    assert!(
        problems.iter().any(|p| p.contains("En anden overskrift")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("kapitlet »At blive direktør« hører ikke til noget emne")),
        "{problems:?}"
    );
}
