//! The store: an index directory and its generations, built from the
//! corpus, replaced whole, read into memory.
//!
//! An index directory holds generations (`gen-<time>/`, see `generation`)
//! and a `CURRENT` file naming the one in use. A rebuild writes a new
//! generation into a scratch directory beside the old one, renames it into
//! place and then replaces `CURRENT` by a rename, so a build that fails or
//! is interrupted never leaves a broken index, and a running server switches
//! to the new generation between two requests.
//!
//! Readers copy their generation into memory: the index is small (a few
//! hundred quotes), tantivy cannot open an index on a read-only filesystem,
//! and a generation deleted on disk must not pull the ground from under a
//! reader.

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::time::SystemTime;

use tantivy::directory::RamDirectory;

use crate::corpus::Corpus;

use super::documents;
use super::error::{io_error, IndexError};
use crate::thesaurus;

use super::generation::{self, nanos, BuildInfo, LoadedIndex, Records};

const CURRENT: &str = "CURRENT";
/// Generations kept besides the current one, for readers still on them.
const KEPT_GENERATIONS: usize = 1;

/// An index directory and its generations.
#[derive(Debug, Clone)]
pub struct IndexStore {
    pub(crate) dir: PathBuf,
}

impl IndexStore {
    /// Reads and creates nothing yet: a missing directory only matters to
    /// `load` (and `build` creates it).
    pub fn new(dir: impl Into<PathBuf>) -> IndexStore {
        IndexStore { dir: dir.into() }
    }

    /// The generation in use, if any.
    pub fn current(&self) -> Option<String> {
        let name = fs::read_to_string(self.dir.join(CURRENT)).ok()?;
        let name = name.trim().to_string();
        self.dir.join(&name).is_dir().then_some(name)
    }

    /// Builds a new generation from the corpus and makes it current.
    /// `progress` hears what is happening, for a user waiting on it.
    pub fn build(
        &self,
        corpus: &Corpus,
        progress: &mut dyn FnMut(&str),
    ) -> Result<BuildInfo, IndexError> {
        progress("extracting quotes from the booklets");
        let (ram, records) = build(corpus, progress)?;

        fs::create_dir_all(&self.dir).map_err(io_error(&self.dir))?;
        let stamp = nanos(SystemTime::now());
        let building = self
            .dir
            .join(format!(".building-{}-{stamp}", std::process::id()));
        let generation = format!("gen-{stamp}");
        let generation_dir = self.dir.join(&generation);
        let result = generation::write(&building, &ram, &records)
            .and_then(|()| fs::rename(&building, &generation_dir).map_err(io_error(&building)))
            .and_then(|()| self.make_current(&generation));
        if let Err(e) = result {
            // Whatever was written is not current: take it away again.
            let _ = fs::remove_dir_all(&building);
            let _ = fs::remove_dir_all(&generation_dir);
            return Err(e);
        }
        self.remove_old_generations(&generation);
        progress(&format!("index ready in {}", generation_dir.display()));
        Ok(records.info)
    }

    fn make_current(&self, generation: &str) -> Result<(), IndexError> {
        let tmp = self
            .dir
            .join(format!("{CURRENT}.tmp-{}", std::process::id()));
        let mut file = fs::File::create(&tmp).map_err(io_error(&tmp))?;
        file.write_all(generation.as_bytes())
            .map_err(io_error(&tmp))?;
        file.sync_all().map_err(io_error(&tmp))?;
        fs::rename(&tmp, self.dir.join(CURRENT)).map_err(io_error(&tmp))
    }

    fn remove_old_generations(&self, keep: &str) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut generations: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.starts_with("gen-") && n != keep)
            .collect();
        generations.sort();
        let old = generations.len().saturating_sub(KEPT_GENERATIONS);
        for name in &generations[..old] {
            let _ = fs::remove_dir_all(self.dir.join(name));
        }
    }

    /// Loads the current generation into memory.
    pub fn load(&self) -> Result<LoadedIndex, IndexError> {
        let generation = self.current().ok_or_else(|| IndexError::Missing {
            dir: self.dir.clone(),
        })?;
        generation::read(&self.dir.join(&generation), generation)
    }

    /// Builds the index in memory only, for when the index directory cannot
    /// be written (a read-only checkout): search still works, just slower to
    /// start.
    pub fn build_in_memory(corpus: &Corpus) -> Result<LoadedIndex, IndexError> {
        let (ram, records) = build(corpus, &mut |_| {})?;
        LoadedIndex::new(ram, records, "in-memory".to_string())
    }
}

/// The corpus's quotes indexed in memory, with the records kept beside the
/// index.
fn build(
    corpus: &Corpus,
    progress: &mut dyn FnMut(&str),
) -> Result<(RamDirectory, Records), IndexError> {
    let extraction = corpus.extract()?;
    let tagged = extraction.tagged;
    let info = BuildInfo::of(corpus, tagged.len())?;
    progress(&format!("indexing {} quotes", tagged.len()));
    let ram = documents::index(&tagged)?;
    let synonyms = thesaurus::synonyms(
        &corpus.domain_synonyms,
        tagged.iter().map(|t| t.quote.text.as_str()),
    );
    let records = Records {
        quotes: tagged.into_iter().map(|t| t.quote).collect(),
        publications: corpus.publications.clone(),
        booklets: Records::booklets_of(corpus),
        outlines: extraction.outlines,
        topics: corpus.topics.list(),
        synonyms,
        info,
    };
    Ok((ram, records))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn corpus() -> Corpus {
        Corpus::load(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../corpus"
        )))
        .unwrap()
    }

    #[test]
    fn a_rebuild_replaces_the_generation_and_keeps_one_old() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::new(dir.path());
        let corpus = corpus();
        assert!(store.is_stale(&corpus).unwrap());
        store.build(&corpus, &mut |_| {}).unwrap();
        let first = store.current().unwrap();
        assert!(!store.is_stale(&corpus).unwrap());
        std::thread::sleep(std::time::Duration::from_millis(5));
        store.build(&corpus, &mut |_| {}).unwrap();
        let second = store.current().unwrap();
        assert_ne!(first, second);
        assert!(
            dir.path().join(&first).exists(),
            "the previous generation stays for readers"
        );
        let loaded = store.load().unwrap();
        assert_eq!(loaded.quotes.len(), loaded.info.quotes);
        assert_eq!(loaded.publications.len(), 5);
    }

    #[test]
    fn a_build_failing_half_way_leaves_the_current_index_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::new(dir.path());
        let corpus = corpus();
        store.build(&corpus, &mut |_| {}).unwrap();
        let before = store.current().unwrap();
        let quotes_before = store.load().unwrap().quotes;
        // The next build writes its whole generation, then fails to write
        // the new CURRENT: a directory stands where its scratch file goes.
        let blocker = dir
            .path()
            .join(format!("{CURRENT}.tmp-{}", std::process::id()));
        fs::create_dir(&blocker).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let err = store.build(&corpus, &mut |_| {}).unwrap_err();
        assert!(
            matches!(err, IndexError::Io { ref path, .. } if *path == blocker),
            "{err}"
        );
        assert_eq!(store.current().unwrap(), before);
        assert_eq!(store.load().unwrap().quotes, quotes_before);
        let left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| {
                n != CURRENT && *n != before && n != blocker.file_name().unwrap().to_str().unwrap()
            })
            .collect();
        assert!(left.is_empty(), "the failed build left {left:?}");
    }

    #[test]
    fn a_loaded_index_holds_the_booklets_lines() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::new(dir.path());
        let corpus = corpus();
        store.build(&corpus, &mut |_| {}).unwrap();
        let loaded = store.load().unwrap();
        let in_memory = IndexStore::build_in_memory(&corpus).unwrap();
        for (file, text) in corpus.texts() {
            let lines: Vec<&str> = text.split('\n').collect();
            assert_eq!(loaded.booklet_lines(&file).unwrap(), lines.as_slice());
            assert_eq!(in_memory.booklet_lines(&file).unwrap(), lines.as_slice());
        }
        // Line N of a quote's source is index N-1.
        let q = &loaded.quotes[0];
        let first_word = q.text.split_whitespace().next().unwrap();
        let lines = loaded.booklet_lines(&q.source.file).unwrap();
        assert!(lines[q.source.line_start - 1].contains(first_word));
        assert_eq!(loaded.booklet_lines("corpus/nothing.txt"), None);
    }
}
