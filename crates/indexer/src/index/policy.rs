//! The rebuild policy: when an index directory's current generation serves
//! as it is and when it is rebuilt from the corpus first. An index is stale
//! when it is missing, was built by another schema or another build of
//! citater, or is older than the corpus; where a stale index cannot be
//! written, the index is built in memory instead.

use std::path::Path;

use crate::corpus::{Corpus, PUBLICATIONS_FILE};

use super::error::IndexError;
use super::generation::{self, nanos, program_modified, LoadedIndex};
use super::schema::SCHEMA_VERSION;
use super::store::IndexStore;

impl IndexStore {
    /// Whether the index must be (re)built for this corpus: missing, built
    /// by another schema, or older than the corpus.
    pub fn is_stale(&self, corpus: &Corpus) -> Result<bool, IndexError> {
        let Some(current) = self.current() else {
            return Ok(true);
        };
        let info = generation::build_info(&self.dir.join(current));
        let modified = nanos(corpus.modified()?);
        Ok(info.is_none_or(|i| {
            i.schema_version != SCHEMA_VERSION
                || i.corpus_modified < modified
                || i.program_modified != program_modified()
        }))
    }

    /// The current generation, first rebuilt from the corpus in
    /// `corpus_dir` when it is stale. The corpus is read when it is there or
    /// when there is no index to fall back on (then a missing corpus is the
    /// error); an index that cannot be written is built in memory instead,
    /// and `progress` hears why (and what a build is doing).
    pub fn open_or_build(
        &self,
        corpus_dir: &Path,
        progress: &mut dyn FnMut(&str),
    ) -> Result<LoadedIndex, IndexError> {
        let corpus_present = corpus_dir.join(PUBLICATIONS_FILE).exists();
        if corpus_present || self.current().is_none() {
            let corpus = Corpus::load(corpus_dir)?;
            if self.is_stale(&corpus)? {
                if let Err(e) = self.build(&corpus, progress) {
                    progress(&format!(
                        "cannot write the index ({e}); searching an index built in memory"
                    ));
                    return IndexStore::build_in_memory(&corpus);
                }
            }
        }
        self.load()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus_dir() -> &'static Path {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus"))
    }

    #[test]
    fn builds_a_missing_index_then_serves_it_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::new(dir.path());
        let mut heard = Vec::new();
        let first = store
            .open_or_build(corpus_dir(), &mut |m| heard.push(m.to_string()))
            .unwrap();
        assert!(!heard.is_empty(), "a build reports progress");
        heard.clear();
        let second = store
            .open_or_build(corpus_dir(), &mut |m| heard.push(m.to_string()))
            .unwrap();
        assert_eq!(first.generation, second.generation);
        assert!(heard.is_empty(), "a fresh index is not rebuilt: {heard:?}");
        // Without the corpus, the index there is served.
        let elsewhere = dir.path().join("no-corpus");
        let third = store.open_or_build(&elsewhere, &mut |_| {}).unwrap();
        assert_eq!(third.generation, first.generation);
    }

    #[test]
    fn an_index_that_cannot_be_written_is_built_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_dir = dir.path().join("file");
        std::fs::write(&not_a_dir, "").unwrap();
        let mut heard = Vec::new();
        let loaded = IndexStore::new(&not_a_dir)
            .open_or_build(corpus_dir(), &mut |m| heard.push(m.to_string()))
            .unwrap();
        assert_eq!(loaded.generation, "in-memory");
        assert!(
            heard
                .iter()
                .any(|m| m.starts_with("cannot write the index (")
                    && m.ends_with("); searching an index built in memory")),
            "{heard:?}"
        );
    }

    #[test]
    fn no_index_and_no_corpus_is_a_corpus_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = IndexStore::new(dir.path())
            .open_or_build(&dir.path().join("no-corpus"), &mut |_| {})
            .err()
            .unwrap();
        assert!(matches!(err, IndexError::Corpus(_)), "{err}");
    }
}
