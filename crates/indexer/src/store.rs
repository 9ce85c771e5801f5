//! The index on disk: built from the corpus, replaced whole, read into memory.
//!
//! An index directory holds generations (`gen-<time>/`), each a complete
//! index with the quote records and publication metadata it was built from,
//! and a `CURRENT` file naming the one in use. A rebuild writes a new
//! generation beside the old one and then replaces `CURRENT` by a rename, so
//! a build that fails or is interrupted never leaves a broken index, and a
//! running server switches to the new generation between two requests.
//!
//! Readers copy their generation into memory: the index is small (a few
//! hundred quotes), tantivy cannot open an index on a read-only filesystem,
//! and a generation deleted on disk must not pull the ground from under a
//! reader.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tantivy::directory::{Directory, MmapDirectory, RamDirectory};
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

use crate::analysis::{self, Decompounder};
use crate::corpus::{Corpus, CorpusError};
use crate::extraction::Extracted;
use crate::publication::Publication;
use crate::quote::Quote;
use crate::schema::{Fields, SCHEMA_VERSION};

const CURRENT: &str = "CURRENT";
const TANTIVY_DIR: &str = "tantivy";
const QUOTES_FILE: &str = "quotes.jsonl";
const PUBLICATIONS_JSON: &str = "publications.json";
const BUILD_FILE: &str = "build.json";
/// Generations kept besides the current one, for readers still on them.
const KEPT_GENERATIONS: usize = 1;

/// Why an index cannot be built or read.
#[derive(Debug)]
pub enum IndexError {
    /// The corpus the index is built from cannot be used.
    Corpus(CorpusError),
    /// The index directory cannot be read or written.
    Io {
        /// The file or directory at fault.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// Tantivy (or a record file) failed: the index is damaged, not the
    /// user's doing.
    Tantivy(String),
    /// No generation is current: the index was never built here.
    Missing {
        /// The index directory.
        dir: PathBuf,
    },
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexError::Corpus(e) => e.fmt(f),
            IndexError::Io { path, reason } => {
                write!(f, "cannot use the index at {}: {reason}", path.display())
            }
            IndexError::Tantivy(reason) => write!(f, "the search index is damaged: {reason}"),
            IndexError::Missing { dir } => write!(
                f,
                "there is no index in {}; run `citater index` to build it",
                dir.display()
            ),
        }
    }
}

impl std::error::Error for IndexError {}

impl From<CorpusError> for IndexError {
    fn from(e: CorpusError) -> Self {
        IndexError::Corpus(e)
    }
}

impl From<tantivy::TantivyError> for IndexError {
    fn from(e: tantivy::TantivyError) -> Self {
        IndexError::Tantivy(e.to_string())
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |e| IndexError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// What a generation was built from, so staleness can be judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BuildInfo {
    /// The `SCHEMA_VERSION` the generation was built with; any other forces
    /// a rebuild.
    pub schema_version: u32,
    /// Newest modification time of the corpus files, in nanoseconds.
    pub corpus_modified: u128,
    /// Modification time of the program that built it, in nanoseconds: a
    /// new build of citater may extract differently, so its index is
    /// rebuilt too.
    #[serde(default)]
    pub program_modified: u128,
    /// How many quotes the generation holds.
    pub quotes: usize,
}

/// A generation loaded into memory: the tantivy index and the records it
/// indexes.
pub struct LoadedIndex {
    /// Copied into memory, so a generation deleted on disk cannot break it;
    /// citater's analyzers are registered on it.
    pub index: Index,
    /// The index's fields, looked up once.
    pub fields: Fields,
    /// The quote records, in the order of the index's `ord` field.
    pub quotes: Vec<Quote>,
    /// The metadata the generation was built with, so citations agree with
    /// the quotes even after `publications.toml` changes.
    pub publications: Vec<Publication>,
    /// What the generation was built from.
    pub info: BuildInfo,
    /// Which generation this is (its directory name).
    pub generation: String,
}

/// An index directory and its generations.
#[derive(Debug, Clone)]
pub struct IndexStore {
    dir: PathBuf,
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

    /// Whether the index must be (re)built for this corpus: missing, built
    /// by another schema, or older than the corpus.
    pub fn is_stale(&self, corpus: &Corpus) -> Result<bool, IndexError> {
        let Some(generation) = self.current() else {
            return Ok(true);
        };
        let info: Option<BuildInfo> =
            fs::read_to_string(self.dir.join(&generation).join(BUILD_FILE))
                .ok()
                .and_then(|t| serde_json::from_str(&t).ok());
        let modified = nanos(corpus.modified()?);
        Ok(info.is_none_or(|i| {
            i.schema_version != SCHEMA_VERSION
                || i.corpus_modified < modified
                || i.program_modified != program_modified()
        }))
    }

    /// Builds a new generation from the corpus and makes it current.
    /// `progress` hears what is happening, for a user waiting on it.
    pub fn build(
        &self,
        corpus: &Corpus,
        progress: &mut dyn FnMut(&str),
    ) -> Result<BuildInfo, IndexError> {
        progress("extracting quotes from the booklets");
        let (extracted, quotes, info) = extract(corpus)?;
        progress(&format!("indexing {} quotes", quotes.len()));
        let ram = build_in_memory(&extracted)?;

        fs::create_dir_all(&self.dir).map_err(io_error(&self.dir))?;
        let stamp = nanos(SystemTime::now());
        let building = self
            .dir
            .join(format!(".building-{}-{stamp}", std::process::id()));
        let generation = format!("gen-{stamp}");
        let result = write_generation(&building, &ram, &quotes, &corpus.publications, &info)
            .and_then(|()| {
                fs::rename(&building, self.dir.join(&generation)).map_err(io_error(&building))
            })
            .and_then(|()| self.make_current(&generation));
        if result.is_err() {
            let _ = fs::remove_dir_all(&building);
        }
        result?;
        self.remove_old_generations(&generation);
        progress(&format!(
            "index ready in {}",
            self.dir.join(&generation).display()
        ));
        Ok(info)
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
        let dir = self.dir.join(&generation);
        let ram = RamDirectory::create();
        let tantivy_dir = dir.join(TANTIVY_DIR);
        for entry in fs::read_dir(&tantivy_dir).map_err(io_error(&tantivy_dir))? {
            let path = entry.map_err(io_error(&tantivy_dir))?.path();
            let bytes = fs::read(&path).map_err(io_error(&path))?;
            let name = path.file_name().map(PathBuf::from).unwrap_or_default();
            ram.atomic_write(&name, &bytes).map_err(io_error(&path))?;
        }
        let quotes = read_json_lines(&dir.join(QUOTES_FILE))?;
        let publications = read_json(&dir.join(PUBLICATIONS_JSON))?;
        let info = read_json(&dir.join(BUILD_FILE))?;
        loaded(ram, quotes, publications, info, generation)
    }

    /// Builds the index in memory only, for when the index directory cannot
    /// be written (a read-only checkout): search still works, just slower to
    /// start.
    pub fn build_in_memory(corpus: &Corpus) -> Result<LoadedIndex, IndexError> {
        let (extracted, quotes, info) = extract(corpus)?;
        let ram = build_in_memory(&extracted)?;
        loaded(
            ram,
            quotes,
            corpus.publications.clone(),
            info,
            "in-memory".to_string(),
        )
    }
}

/// The corpus's quotes, for indexing and as records, and what they were
/// built from.
fn extract(corpus: &Corpus) -> Result<(Vec<Extracted>, Vec<Quote>, BuildInfo), IndexError> {
    let extracted = corpus.extract()?;
    let quotes: Vec<Quote> = extracted.iter().map(|e| e.quote.clone()).collect();
    let info = BuildInfo {
        schema_version: SCHEMA_VERSION,
        corpus_modified: nanos(corpus.modified()?),
        program_modified: program_modified(),
        quotes: quotes.len(),
    };
    Ok((extracted, quotes, info))
}

fn loaded(
    ram: RamDirectory,
    quotes: Vec<Quote>,
    publications: Vec<Publication>,
    info: BuildInfo,
    generation: String,
) -> Result<LoadedIndex, IndexError> {
    let index = Index::open(ram)?;
    analysis::register(index.tokenizers());
    let fields = Fields::of(&index.schema())?;
    Ok(LoadedIndex {
        index,
        fields,
        quotes,
        publications,
        info,
        generation,
    })
}

fn build_in_memory(quotes: &[Extracted]) -> Result<RamDirectory, IndexError> {
    let (schema, fields) = Fields::schema();
    let ram = RamDirectory::create();
    let index = Index::create(ram.clone(), schema, Default::default())?;
    analysis::register(index.tokenizers());
    let decompounder = Decompounder::new(
        quotes
            .iter()
            .flat_map(|e| analysis::words(&e.quote.text))
            .map(|w| w.lower),
    );
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 50_000_000)?;
    for (ord, e) in quotes.iter().enumerate() {
        let document: TantivyDocument = doc!(
            fields.ord => ord as u64,
            fields.text => e.quote.text.as_str(),
            fields.exact => e.quote.text.as_str(),
            fields.parts => decompounder.parts_text(&e.quote.text),
            fields.context => e.headings.as_str(),
            fields.narration => e.narration.as_str(),
        );
        writer.add_document(document)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(ram)
}

fn write_generation(
    dir: &Path,
    ram: &RamDirectory,
    quotes: &[Quote],
    publications: &[Publication],
    info: &BuildInfo,
) -> Result<(), IndexError> {
    let tantivy_dir = dir.join(TANTIVY_DIR);
    fs::create_dir_all(&tantivy_dir).map_err(io_error(&tantivy_dir))?;
    let target =
        MmapDirectory::open(&tantivy_dir).map_err(|e| IndexError::Tantivy(e.to_string()))?;
    ram.persist(&target)?;
    let mut lines = Vec::new();
    for q in quotes {
        serde_json::to_writer(&mut lines, q).map_err(|e| IndexError::Tantivy(e.to_string()))?;
        lines.push(b'\n');
    }
    write_file(&dir.join(QUOTES_FILE), &lines)?;
    write_file(&dir.join(PUBLICATIONS_JSON), &to_json(publications))?;
    write_file(&dir.join(BUILD_FILE), &to_json(info))
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(value).expect("plain records serialise to JSON")
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), IndexError> {
    let mut file = fs::File::create(path).map_err(io_error(path))?;
    file.write_all(bytes).map_err(io_error(path))?;
    file.sync_all().map_err(io_error(path))
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, IndexError> {
    let text = fs::read_to_string(path).map_err(io_error(path))?;
    serde_json::from_str(&text).map_err(|e| IndexError::Tantivy(format!("{}: {e}", path.display())))
}

fn read_json_lines<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, IndexError> {
    let text = fs::read_to_string(path).map_err(io_error(path))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str(l)
                .map_err(|e| IndexError::Tantivy(format!("{}: {e}", path.display())))
        })
        .collect()
}

/// When the running program was built (its file's modification time).
fn program_modified() -> u128 {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .and_then(|m| m.modified())
        .map(nanos)
        .unwrap_or(0)
}

fn nanos(t: SystemTime) -> u128 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn an_interrupted_build_leaves_the_current_index_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::new(dir.path());
        store.build(&corpus(), &mut |_| {}).unwrap();
        let before = store.current().unwrap();
        // A build that died half way leaves only its scratch directory.
        fs::create_dir_all(dir.path().join(".building-1-1/tantivy")).unwrap();
        assert_eq!(store.current().unwrap(), before);
        assert!(store.load().is_ok());
    }
}
