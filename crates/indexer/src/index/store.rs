//! The store: an index directory and its generations, built from the
//! corpus, replaced whole, opened where they lie or read into memory.
//!
//! An index directory holds generations (`gen-<time>/`, see `generation`)
//! and a `CURRENT` file naming the one in use. A rebuild writes a new
//! generation into a scratch directory beside the old one, renames it into
//! place and then replaces `CURRENT` by a rename, so a build that fails or
//! is interrupted never leaves a broken index, and a running server switches
//! to the new generation between two requests.
//!
//! One process builds at a time: a builder holds `build.lock` (an advisory
//! file lock, which the system lets go when the process dies, so a killed
//! build leaves no stale lock). Holding it, a builder first removes what
//! dead builders left (scratch directories, `CURRENT` temporaries), and
//! afterwards the generations no reader needs.
//!
//! `CURRENT` is trusted with a generation's name only (`gen-` and digits):
//! never a path, so it cannot send a reader out of the index directory.
//!
//! A reader opens its generation as its [`Residence`] says: a command
//! maps the tantivy index and reads records as it needs them, holding the
//! files open, so a generation deleted on disk under it stays readable; a
//! server copies it into memory, so nothing done on disk afterwards reaches
//! it. Where the file system cannot map the index (tantivy cannot open an
//! index on some read-only file systems), it is copied into memory too.

use std::fs::{self, File, TryLockError};
use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::corpus::Corpus;
use crate::thesaurus;

use super::blob::Residence;
use super::documents::{self, Indexes};
use super::error::{io_error, write_error, IndexError};
use super::generation::{self, BuildInfo, LoadedIndex, Records};

const CURRENT: &str = "CURRENT";
/// Held by the one process building; see the module's documentation.
const LOCK: &str = "build.lock";
const GENERATION_PREFIX: &str = "gen-";
const SCRATCH_PREFIX: &str = ".building-";
const CURRENT_SCRATCH_PREFIX: &str = "CURRENT.tmp-";
/// Generations kept besides the current one, for readers still on them
/// and as the fallback when the current one is found damaged.
const KEPT_GENERATIONS: usize = 1;
/// How often a reader whose generation was replaced under it reads
/// `CURRENT` again before giving up.
const READ_ATTEMPTS: usize = 3;

/// An index directory and its generations.
#[derive(Debug, Clone)]
pub struct IndexStore {
    pub(crate) dir: PathBuf,
    residence: Residence,
}

/// The build lock, held until dropped (or the process ends).
pub(crate) struct BuildLock {
    _file: File,
}

/// Whether `name` is a generation's name as `build` makes them.
fn is_generation_name(name: &str) -> bool {
    name.strip_prefix(GENERATION_PREFIX)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

impl IndexStore {
    /// Reads and creates nothing yet: a missing directory only matters to
    /// `load` (and `build` creates it). Generations are opened
    /// [`Residence::OnDisk`].
    pub fn new(dir: impl Into<PathBuf>) -> IndexStore {
        IndexStore {
            dir: dir.into(),
            residence: Residence::OnDisk,
        }
    }

    /// The same store, opening generations as `residence` says.
    pub fn held(self, residence: Residence) -> IndexStore {
        IndexStore { residence, ..self }
    }

    /// The generation `CURRENT` names; `None` when there is no `CURRENT`
    /// (no index was built here). Anything but a generation's name in it is
    /// an error, never followed as a path.
    pub fn current(&self) -> Result<Option<String>, IndexError> {
        let path = self.dir.join(CURRENT);
        let content = match fs::read(&path) {
            Ok(content) => content,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error(&path)(e)),
        };
        let content = String::from_utf8_lossy(&content);
        let name = content.trim();
        if is_generation_name(name) {
            return Ok(Some(name.to_string()));
        }
        Err(IndexError::BadCurrent {
            path,
            content: name.chars().take(60).collect(),
        })
    }

    /// The generations in the directory, newest first.
    pub(crate) fn generations(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| is_generation_name(n))
            .collect();
        // Same-length digit strings: their order is their age.
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(b.cmp(a)));
        names
    }

    /// Takes the build lock, waiting up to `wait` for another builder (as
    /// long as it takes when `None`); `None` when it is still held then. An
    /// error when the lock cannot be made (a read-only directory): then
    /// nothing can be built here.
    pub(crate) fn lock(&self, wait: Option<Duration>) -> Result<Option<BuildLock>, IndexError> {
        fs::create_dir_all(&self.dir).map_err(write_error(&self.dir))?;
        let path = self.dir.join(LOCK);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(write_error(&path))?;
        let Some(wait) = wait else {
            file.lock().map_err(write_error(&path))?;
            return Ok(Some(BuildLock { _file: file }));
        };
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(BuildLock { _file: file })),
                Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(e)) => return Err(write_error(&path)(e)),
            }
        }
    }

    /// Builds a new generation from the corpus and makes it current, once
    /// no other process is building. `progress` hears what is happening,
    /// for a user waiting on it.
    pub fn build(
        &self,
        corpus: &Corpus,
        progress: &mut dyn FnMut(&str),
    ) -> Result<BuildInfo, IndexError> {
        let lock = match self.lock(Some(Duration::ZERO))? {
            Some(lock) => lock,
            None => {
                progress("Venter på, at en anden citater bygger indekset færdigt.");
                self.lock(None)?
                    .expect("an unbounded wait ends with the lock")
            }
        };
        self.build_locked(corpus, &lock, progress)
    }

    /// `build`, with the lock held.
    pub(crate) fn build_locked(
        &self,
        corpus: &Corpus,
        _lock: &BuildLock,
        progress: &mut dyn FnMut(&str),
    ) -> Result<BuildInfo, IndexError> {
        self.remove_leftovers();
        progress("Finder citaterne i hæfterne.");
        let (indexes, records) = build(corpus, progress)?;
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let building = self
            .dir
            .join(format!("{SCRATCH_PREFIX}{}-{stamp}", std::process::id()));
        let generation = format!("{GENERATION_PREFIX}{stamp}");
        let generation_dir = self.dir.join(&generation);
        let result = generation::write(&building, &indexes, &records).and_then(|info| {
            fs::rename(&building, &generation_dir).map_err(write_error(&building))?;
            self.make_current(&generation)?;
            Ok(info)
        });
        let info = match result {
            Ok(info) => info,
            Err(e) => {
                // Whatever was written is not current: take it away again.
                let _ = fs::remove_dir_all(&building);
                let _ = fs::remove_dir_all(&generation_dir);
                return Err(e);
            }
        };
        self.remove_old_generations(&generation);
        progress(&format!("Indekset i {} er klar.", generation_dir.display()));
        Ok(info)
    }

    fn make_current(&self, generation: &str) -> Result<(), IndexError> {
        let tmp = self
            .dir
            .join(format!("{CURRENT_SCRATCH_PREFIX}{}", std::process::id()));
        let written = File::create(&tmp)
            .and_then(|mut file| {
                file.write_all(generation.as_bytes())?;
                file.sync_all()
            })
            .and_then(|()| fs::rename(&tmp, self.dir.join(CURRENT)));
        written.map_err(|e| {
            let _ = fs::remove_file(&tmp);
            write_error(&tmp)(e)
        })
    }

    /// Removes what builders that died left behind: scratch generations
    /// and `CURRENT` temporaries. Only called with the build lock held, so
    /// no live builder owns any of them.
    fn remove_leftovers(&self) {
        for entry in fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let path = entry.path();
            if name.starts_with(SCRATCH_PREFIX) {
                let _ = fs::remove_dir_all(&path);
            } else if name.starts_with(CURRENT_SCRATCH_PREFIX) {
                let _ = fs::remove_file(&path).or_else(|_| fs::remove_dir_all(&path));
            }
        }
    }

    /// Removes every generation but `keep` and the `KEPT_GENERATIONS`
    /// newest others.
    fn remove_old_generations(&self, keep: &str) {
        let others = self.generations().into_iter().filter(|n| n != keep);
        for name in others.skip(KEPT_GENERATIONS) {
            let _ = fs::remove_dir_all(self.dir.join(name));
        }
    }

    /// Opens the current generation. When a builder replaces it
    /// while it is being read, the new current one is read instead.
    pub fn load(&self) -> Result<LoadedIndex, IndexError> {
        let mut attempt = 0;
        loop {
            let generation = self.current()?.ok_or_else(|| IndexError::Missing {
                dir: self.dir.clone(),
            })?;
            match generation::read(
                &self.dir.join(&generation),
                generation.clone(),
                self.residence,
            ) {
                Ok(loaded) => return Ok(loaded),
                Err(e) => {
                    attempt += 1;
                    let replaced = self.current().ok().flatten() != Some(generation);
                    if !replaced || attempt == READ_ATTEMPTS {
                        return Err(e);
                    }
                }
            }
        }
    }

    /// The current generation, or, when it cannot be used, the newest
    /// older one that can; `warn` hears why, in one line naming `citater
    /// index`. The current generation's error when none can be used.
    pub fn load_newest_good(&self, warn: &mut dyn FnMut(&str)) -> Result<LoadedIndex, IndexError> {
        let error = match self.load() {
            Ok(loaded) => return Ok(loaded),
            Err(e) => e,
        };
        let current = self.current().ok().flatten();
        for generation in self.generations() {
            if Some(&generation) == current.as_ref() {
                continue;
            }
            let dir = self.dir.join(&generation);
            if let Ok(loaded) = generation::read(&dir, generation.clone(), self.residence) {
                warn(&format!(
                    "{error}; søger i stedet i den ældre generation {generation} (kør `citater index` for at bygge indekset igen)."
                ));
                return Ok(loaded);
            }
        }
        Err(error)
    }

    /// Builds the index in memory only, for when the index directory cannot
    /// be written (a read-only checkout): search still works, just slower to
    /// start.
    pub fn build_in_memory(corpus: &Corpus) -> Result<LoadedIndex, IndexError> {
        let (indexes, records) = build(corpus, &mut |_| {})?;
        LoadedIndex::new(indexes, records, "in-memory".to_string())
    }
}

/// The corpus's quotes indexed in memory, with the records kept beside the
/// index.
fn build(
    corpus: &Corpus,
    progress: &mut dyn FnMut(&str),
) -> Result<(Indexes, Records), IndexError> {
    let extraction = corpus.extract()?;
    let tagged = extraction.tagged;
    let info = BuildInfo::of(corpus, tagged.iter().map(|t| &t.quote));
    progress(&format!("Indekserer {} citater.", tagged.len()));
    let indexes = documents::index(&tagged)?;
    let synonyms = thesaurus::synonyms(
        &corpus.domain_synonyms,
        tagged.iter().map(|t| t.quote.text.as_str()),
    );
    let records = Records {
        quotes: tagged.into_iter().map(|t| t.quote).collect(),
        publications: corpus.publications.clone(),
        booklets: Records::booklets_of(corpus),
        outlines: extraction.outlines,
        paragraphs: extraction.paragraphs,
        topics: corpus.topics.list(),
        synonyms,
        info,
    };
    Ok((indexes, records))
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::stamp::Stamp;
    use std::path::Path;

    fn all_quotes(loaded: &LoadedIndex) -> Vec<crate::Quote> {
        loaded.quotes.iter().map(|q| q.unwrap().clone()).collect()
    }

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
        let first = store.current().unwrap().unwrap();
        assert!(!store.is_stale(&corpus).unwrap());
        std::thread::sleep(std::time::Duration::from_millis(5));
        store.build(&corpus, &mut |_| {}).unwrap();
        let second = store.current().unwrap().unwrap();
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
        let before = store.current().unwrap().unwrap();
        let quotes_before = all_quotes(&store.load().unwrap());
        // The next build writes its whole generation, then cannot replace
        // CURRENT: a directory (not empty) stands in its place.
        let current = dir.path().join(CURRENT);
        fs::remove_file(&current).unwrap();
        fs::create_dir_all(current.join("inside")).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let err = store.build(&corpus, &mut |_| {}).unwrap_err();
        assert!(matches!(err, IndexError::Write { .. }), "{err}");
        let left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n != CURRENT && n != LOCK && *n != before)
            .collect();
        assert!(left.is_empty(), "the failed build left {left:?}");
        fs::remove_dir_all(&current).unwrap();
        fs::write(&current, &before).unwrap();
        assert_eq!(all_quotes(&store.load().unwrap()), quotes_before);
    }

    #[test]
    fn a_loaded_index_holds_the_booklets_lines() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::new(dir.path());
        let corpus = corpus();
        store.build(&corpus, &mut |_| {}).unwrap();
        let loaded = store.load().unwrap();
        let in_memory = IndexStore::build_in_memory(&corpus).unwrap();
        let held = store.clone().held(Residence::Memory).load().unwrap();
        for (file, text) in corpus.texts() {
            let lines: Vec<&str> = text.split('\n').collect();
            for index in [&loaded, &in_memory, &held] {
                assert_eq!(
                    index.booklet_lines(&file).unwrap().unwrap(),
                    lines.as_slice()
                );
            }
        }
        // Line N of a quote's source is index N-1.
        let q = loaded.quotes.get(0).unwrap();
        let first_word = q.text.split_whitespace().next().unwrap();
        let lines = loaded.booklet_lines(&q.source.file).unwrap().unwrap();
        assert!(lines[q.source.line_start - 1].contains(first_word));
        assert!(loaded
            .booklet_lines("corpus/nothing.txt")
            .unwrap()
            .is_none());
        // The three hold the same quotes and outlines.
        assert_eq!(all_quotes(&loaded), all_quotes(&held));
        assert_eq!(all_quotes(&loaded), all_quotes(&in_memory));
        assert_eq!(loaded.outlines().unwrap(), held.outlines().unwrap());
    }

    #[test]
    fn current_names_a_generation_or_is_refused() {
        assert!(is_generation_name("gen-1796139976003465797"));
        for bad in [
            "",
            "gen-",
            "gen-12a",
            "/tmp/index/gen-1",
            "../gen-1",
            "gen-1/..",
            "tantivy",
        ] {
            assert!(!is_generation_name(bad), "{bad:?}");
        }
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::new(dir.path());
        assert!(store.current().unwrap().is_none(), "no CURRENT, no index");
        for bad in ["", "/etc", "../elsewhere/gen-1"] {
            fs::write(dir.path().join(CURRENT), bad).unwrap();
            let err = store.current().unwrap_err();
            assert!(
                matches!(err, IndexError::BadCurrent { .. }),
                "{bad:?}: {err}"
            );
        }
        fs::write(dir.path().join(CURRENT), "gen-12\n").unwrap();
        assert_eq!(store.current().unwrap().as_deref(), Some("gen-12"));
    }

    #[test]
    fn a_build_removes_what_dead_builders_left() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::new(dir.path());
        let scratch = dir.path().join(format!("{SCRATCH_PREFIX}1-2"));
        fs::create_dir_all(scratch.join("tantivy")).unwrap();
        let tmp = dir.path().join(format!("{CURRENT_SCRATCH_PREFIX}1"));
        fs::write(&tmp, "gen-1").unwrap();
        store.build(&corpus(), &mut |_| {}).unwrap();
        assert!(!scratch.exists() && !tmp.exists());
    }

    #[test]
    fn a_damaged_generation_is_refused_and_an_older_one_searched() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::new(dir.path());
        let corpus = corpus();
        store.build(&corpus, &mut |_| {}).unwrap();
        let older = store.current().unwrap().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        store.build(&corpus, &mut |_| {}).unwrap();
        let newer = store.current().unwrap().unwrap();
        let quotes = dir.path().join(&newer).join("quotes.jsonl");
        let text = fs::read_to_string(&quotes).unwrap();
        let shorter: Vec<&str> = text.lines().skip(10).collect();
        fs::write(&quotes, shorter.join("\n")).unwrap();
        let err = store.load().err().unwrap();
        assert!(
            matches!(&err, IndexError::Unusable { generation, .. } if *generation == newer),
            "{err}"
        );
        let mut warned = Vec::new();
        let loaded = store
            .load_newest_good(&mut |m| warned.push(m.to_string()))
            .unwrap();
        assert_eq!(loaded.generation, older);
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert!(warned[0].contains("citater index"), "{warned:?}");
    }

    /// A generation whose files were checked whole is opened on the
    /// strength of their metadata (`checked.json`); a file written since,
    /// even to the same length, is checked again and found.
    #[test]
    fn a_checked_generation_is_trusted_until_a_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::new(dir.path());
        store.build(&corpus(), &mut |_| {}).unwrap();
        let generation = dir.path().join(store.current().unwrap().unwrap());
        std::thread::sleep(Duration::from_millis(2_100));
        let loaded = store.load().unwrap();
        let stamp = generation.join("checked.json");
        let names = loaded.info.files.keys().map(String::as_str);
        let now = Stamp::take(&generation, &loaded.generation, names).unwrap();
        assert!(Stamp::vouches_for(&stamp, &now));
        assert!(store.load().is_ok());
        for name in ["tags.bin", "quotes.jsonl"] {
            let path = generation.join(name);
            let mut bytes = fs::read(&path).unwrap();
            let last = bytes.len() - 2;
            bytes[last] ^= 1;
            fs::write(&path, &bytes).unwrap();
            let err = store.load().err().unwrap();
            assert!(
                matches!(&err, IndexError::Unusable { reason, .. } if reason.contains(name)),
                "{err}"
            );
            bytes[last] ^= 1;
            fs::write(&path, &bytes).unwrap();
            assert!(store.load().is_ok());
        }
    }

    #[test]
    fn the_build_lock_is_one_builders_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::new(dir.path());
        let held = store.lock(Some(Duration::ZERO)).unwrap().unwrap();
        assert!(store
            .lock(Some(Duration::from_millis(50)))
            .unwrap()
            .is_none());
        drop(held);
        assert!(store.lock(Some(Duration::ZERO)).unwrap().is_some());
    }

    #[test]
    fn records_that_disagree_with_the_index_are_refused() {
        let corpus = corpus();
        let unusable = |records: Records| {
            let (indexes, _) = build(&corpus, &mut |_| {}).unwrap();
            match LoadedIndex::new(indexes, records, "gen-1".into()) {
                Err(IndexError::Unusable { generation, reason }) => {
                    assert_eq!(generation, "gen-1");
                    reason
                }
                Err(e) => panic!("{e}"),
                Ok(_) => panic!("records that disagree were loaded"),
            }
        };
        let (_, mut fewer) = build(&corpus, &mut |_| {}).unwrap();
        fewer.quotes.truncate(fewer.quotes.len() - 10);
        fewer.info.quotes = fewer.quotes.len();
        assert!(unusable(fewer).contains("dokument"));

        let (_, mut miscounted) = build(&corpus, &mut |_| {}).unwrap();
        miscounted.info.quotes += 1;
        assert!(unusable(miscounted).contains("dokumenter"));
    }
}
