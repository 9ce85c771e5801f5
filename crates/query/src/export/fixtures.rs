//! Test fixtures for the export formats: citations over the project's own
//! corpus and a quote of one of its booklets with the text, speaker, theme
//! and pages a test is about.

use std::path::Path;

use citater_indexer::{Corpus, Level, Pages, Quote, Source};

use crate::cite::Citations;

/// Citations over every publication of the project's corpus.
pub(super) fn citations() -> Citations {
    let imprints: Vec<_> = corpus().publications.iter().map(|p| p.imprint()).collect();
    Citations::new(&imprints)
}

/// A quote of den-politiske-tango (dated 2012).
pub(super) fn quote(text: &str, speaker: &str, theme: &str, pages: Option<(u32, u32)>) -> Quote {
    let publication = corpus()
        .publications
        .into_iter()
        .find(|p| p.id == "den-politiske-tango")
        .map(|p| p.reference())
        .expect("den-politiske-tango is in the corpus");
    Quote {
        id: "den-politiske-tango-test".into(),
        text: text.into(),
        publication,
        speaker: speaker.into(),
        role: "politiker".into(),
        level: Level::Politiker,
        theme: theme.into(),
        subtheme: None,
        topics: vec!["politik-og-administration".into()],
        source: Source {
            file: "corpus/den-politiske-tango.txt".into(),
            line_start: 10,
            line_end: 12,
        },
        pullquote_only: false,
        pages: pages.map(|(first, last)| Pages { first, last }),
    }
}

fn corpus() -> Corpus {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus"));
    Corpus::load(dir).expect("the corpus loads")
}
