//! The rebuild policy: when an index directory's current generation serves
//! as it is and when it is rebuilt from the corpus first.
//!
//! An index is stale when it is missing, cannot be used (damaged), was
//! built by another schema or another build of citater, or from a corpus
//! whose files differ in content from the corpus now. A stale index is
//! rebuilt by one process while others wait for it (briefly, then they
//! search what there is); where it cannot be written, it is built in memory
//! instead. A corpus that cannot be read does not stop search while an
//! index built before can: that index is searched, with a warning.
//!
//! Whether the corpus changed is known without reading it when a stamp in
//! the generation (`corpus-checked.json`, see `stamp.rs`) shows its files
//! unchanged since a reader last compared their content: so a search of a
//! large collection does not read the whole collection first.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::corpus::{Corpus, PUBLICATIONS_FILE};

use super::error::IndexError;
use super::generation::{self, LoadedIndex};
use super::stamp::Stamp;
use super::store::IndexStore;

/// The stamp of the corpus's files as they were when a reader last found
/// the generation built from their content.
const CORPUS_CHECKED_FILE: &str = "corpus-checked.json";

/// How long a reader waits for another process's rebuild before it
/// searches the generation there is.
const BUILD_WAIT: Duration = Duration::from_secs(20);

impl IndexStore {
    /// Whether the index must be (re)built for this corpus: missing, built
    /// by another schema or program, or from other corpus content. (Whether
    /// the generation is whole is only known when it is read.)
    pub fn is_stale(&self, corpus: &Corpus) -> Result<bool, IndexError> {
        let Some(current) = self.current()? else {
            return Ok(true);
        };
        let info = generation::build_info(&self.dir.join(current));
        Ok(!info.is_some_and(|i| i.is_fresh_for(corpus)))
    }

    /// The current generation, first rebuilt from the corpus in
    /// `corpus_dir` when it is stale or cannot be used. Without a usable
    /// corpus the newest usable generation is searched (a corpus that is
    /// there but cannot be read is reported to `progress`); without either
    /// the corpus's error is the answer. An index that cannot be written is
    /// built in memory instead, and `progress` hears why (and what a build
    /// is doing).
    pub fn open_or_build(
        &self,
        corpus_dir: &Path,
        progress: &mut dyn FnMut(&str),
    ) -> Result<LoadedIndex, IndexError> {
        let checking = self.corpus_stamp(corpus_dir);
        if let Some((path, stamp)) = &checking {
            if Stamp::vouches_for(path, stamp) {
                if let Ok(loaded) = self.load() {
                    if path.starts_with(self.dir.join(&loaded.generation)) {
                        return Ok(loaded);
                    }
                }
            }
        }
        let corpus = match Corpus::load(corpus_dir) {
            Ok(corpus) => corpus,
            Err(e) => {
                let has_index = !self.generations().is_empty();
                if !has_index {
                    return Err(e.into());
                }
                if corpus_dir.join(PUBLICATIONS_FILE).exists() {
                    progress(&format!(
                        "{e}; søger i det indeks, der blev bygget før (ret korpusset, og kør så `citater index`)."
                    ));
                }
                return self.load_newest_good(progress);
            }
        };
        match self.fresh(&corpus) {
            Some(Ok(loaded)) => {
                // Its content was compared; the stamp, taken before the
                // corpus was read, vouches for it next time.
                if let Some((path, stamp)) = checking {
                    if path.starts_with(self.dir.join(&loaded.generation)) {
                        stamp.write(&path);
                    }
                }
                return Ok(loaded);
            }
            Some(Err(e)) => progress(&format!("{e}; bygger indekset igen fra korpusset.")),
            None => {}
        }
        let lock = match self.lock(Some(BUILD_WAIT)) {
            Ok(Some(lock)) => lock,
            Ok(None) => {
                progress("En anden citater bygger stadig indekset; søger i det, der er.");
                return self
                    .load_newest_good(progress)
                    .or_else(|_| IndexStore::build_in_memory(&corpus));
            }
            Err(e) => return in_memory(&corpus, &e, progress),
        };
        // Another process may have rebuilt it while this one waited.
        if let Some(Ok(loaded)) = self.fresh(&corpus) {
            return Ok(loaded);
        }
        match self.build_locked(&corpus, &lock, progress) {
            Ok(_) => self.load(),
            Err(e) => in_memory(&corpus, &e, progress),
        }
    }

    /// Where the current generation keeps the stamp of its corpus's files,
    /// with their metadata in `corpus_dir` now; `None` without a current
    /// generation of this program or when a file's metadata cannot be read.
    /// The corpus directory itself is among the files, so a booklet added
    /// or removed is noticed.
    fn corpus_stamp(&self, corpus_dir: &Path) -> Option<(PathBuf, Stamp)> {
        let generation = self.dir.join(self.current().ok()??);
        let info = generation::build_info(&generation).filter(|i| i.is_by_this_program())?;
        let about = fs::canonicalize(corpus_dir).ok()?;
        let names = info.corpus.keys().map(String::as_str).chain(["."]);
        let stamp = Stamp::take(corpus_dir, &about.to_string_lossy(), names)?;
        Some((generation.join(CORPUS_CHECKED_FILE), stamp))
    }

    /// The current generation read, when it was built from exactly this
    /// corpus; `None` when it is stale (or there is none).
    fn fresh(&self, corpus: &Corpus) -> Option<Result<LoadedIndex, IndexError>> {
        match self.is_stale(corpus) {
            Ok(false) => Some(self.load()),
            Ok(true) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// The index built in memory, because `error` stops it being written.
fn in_memory(
    corpus: &Corpus,
    error: &IndexError,
    progress: &mut dyn FnMut(&str),
) -> Result<LoadedIndex, IndexError> {
    progress(&format!(
        "{error}; søger i stedet i et indeks bygget i hukommelsen."
    ));
    IndexStore::build_in_memory(corpus)
}
#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

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
                .any(|m| m.starts_with("Indekset kan ikke skrives til ")
                    && m.ends_with("; søger i stedet i et indeks bygget i hukommelsen.")),
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

    /// A copy of the bundled corpus in `dir`, to change.
    fn copied_corpus(dir: &Path) -> PathBuf {
        let corpus = dir.join("corpus");
        fs::create_dir_all(&corpus).unwrap();
        for entry in fs::read_dir(corpus_dir()).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
        }
        corpus
    }

    /// Once a search has compared the corpus with its generation, later
    /// ones trust the corpus's file metadata (`corpus-checked.json`) and
    /// need not read it; any change to a booklet, or a booklet added, is
    /// still seen.
    #[test]
    fn a_checked_corpus_is_trusted_until_a_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = copied_corpus(dir.path());
        let store = IndexStore::new(dir.path().join("index"));
        let built = store.open_or_build(&corpus, &mut |_| {}).unwrap();
        let stamp = dir
            .path()
            .join("index")
            .join(&built.generation)
            .join(CORPUS_CHECKED_FILE);
        // Files younger than the margin are compared again: let them age.
        std::thread::sleep(Duration::from_millis(2_100));
        store.open_or_build(&corpus, &mut |_| {}).unwrap();
        let (path, now) = store.corpus_stamp(&corpus).unwrap();
        assert_eq!(path, stamp);
        assert!(
            Stamp::vouches_for(&stamp, &now),
            "the check left a stamp that vouches"
        );
        let again = store.open_or_build(&corpus, &mut |_| {}).unwrap();
        assert_eq!(again.generation, built.generation);
        // The same length, other content: rebuilt.
        let booklet = corpus.join("pas-paa-trinet.txt");
        let mut text = fs::read(&booklet).unwrap();
        let at = text.iter().position(|b| b.is_ascii_lowercase()).unwrap();
        text[at] = text[at].to_ascii_uppercase();
        fs::write(&booklet, &text).unwrap();
        let (_, now) = store.corpus_stamp(&corpus).unwrap();
        assert!(!Stamp::vouches_for(&stamp, &now));
        let rebuilt = store.open_or_build(&corpus, &mut |_| {}).unwrap();
        assert_ne!(rebuilt.generation, built.generation);
        // A booklet without metadata added to the directory is seen too.
        std::thread::sleep(Duration::from_millis(2_100));
        store.open_or_build(&corpus, &mut |_| {}).unwrap();
        fs::write(corpus.join("ny.txt"), "Ny tekst.").unwrap();
        let mut heard = Vec::new();
        store
            .open_or_build(&corpus, &mut |m| heard.push(m.to_string()))
            .unwrap();
        assert!(heard.iter().any(|m| m.contains("ny.txt")), "{heard:?}");
    }

    #[test]
    fn staleness_is_by_content_not_by_timestamp() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = copied_corpus(dir.path());
        let store = IndexStore::new(dir.path().join("index"));
        store
            .build(&Corpus::load(&corpus).unwrap(), &mut |_| {})
            .unwrap();
        // Touched, same content: fresh.
        let booklet = corpus.join("pas-paa-trinet.txt");
        let text = fs::read(&booklet).unwrap();
        fs::write(&booklet, &text).unwrap();
        assert!(!store.is_stale(&Corpus::load(&corpus).unwrap()).unwrap());
        // Emptied and dated back to 2020: stale all the same.
        let file = fs::File::options().write(true).open(&booklet).unwrap();
        file.set_len(0).unwrap();
        let in_2020 = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_577_836_800);
        file.set_modified(in_2020).unwrap();
        assert!(store.is_stale(&Corpus::load(&corpus).unwrap()).unwrap());
    }

    #[test]
    fn a_corpus_that_cannot_be_read_leaves_the_index_searchable() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::new(dir.path().join("index"));
        let built = store.open_or_build(corpus_dir(), &mut |_| {}).unwrap();
        let corpus = dir.path().join("corpus");
        fs::create_dir_all(&corpus).unwrap();
        fs::write(corpus.join(PUBLICATIONS_FILE), "garbage").unwrap();
        let mut heard = Vec::new();
        let loaded = store
            .open_or_build(&corpus, &mut |m| heard.push(m.to_string()))
            .unwrap();
        assert_eq!(loaded.generation, built.generation);
        assert_eq!(heard.len(), 1, "{heard:?}");
        assert!(heard[0].contains("citater index"), "{heard:?}");
    }
}
