//! A generation: one complete index on disk, `gen-<time>/`, with the quote
//! records, the publication metadata and the booklets' texts it was built
//! from, and what it was built from (`build.json`). Written whole into a
//! scratch directory before it is made current; read whole into memory.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tantivy::directory::{Directory, MmapDirectory, RamDirectory};
use tantivy::Index;

use crate::analysis;
use crate::corpus::Corpus;
use crate::outline::Outline;
use crate::publication::Publication;
use crate::quote::Quote;
use crate::thesaurus::Synonyms;
use crate::topic::Topic;

use super::error::{io_error, IndexError};
use super::schema::{Fields, SCHEMA_VERSION};

const TANTIVY_DIR: &str = "tantivy";
const QUOTES_FILE: &str = "quotes.jsonl";
const PUBLICATIONS_JSON: &str = "publications.json";
const BOOKLETS_JSON: &str = "booklets.json";
const OUTLINES_JSON: &str = "outlines.json";
const TOPICS_JSON: &str = "topics.json";
const SYNONYMS_JSON: &str = "synonyms.json";
pub(crate) const BUILD_FILE: &str = "build.json";

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

impl BuildInfo {
    /// What a generation of `quotes` quotes built now from `corpus` is
    /// built from.
    pub(crate) fn of(corpus: &Corpus, quotes: usize) -> Result<BuildInfo, IndexError> {
        Ok(BuildInfo {
            schema_version: SCHEMA_VERSION,
            corpus_modified: nanos(corpus.modified()?),
            program_modified: program_modified(),
            quotes,
        })
    }
}

/// The records of a generation besides the tantivy index.
pub(crate) struct Records {
    /// The quotes, in `ord` order.
    pub(crate) quotes: Vec<Quote>,
    /// The metadata the quotes were extracted with.
    pub(crate) publications: Vec<Publication>,
    /// Each booklet's text, by the path quotes cite (`Source::file`).
    pub(crate) booklets: BTreeMap<String, String>,
    /// Each booklet's heading tree, in metadata order.
    pub(crate) outlines: Vec<Outline>,
    /// The topics quotes were given, in the file's order.
    pub(crate) topics: Vec<Topic>,
    /// The synonyms that can find something in these quotes.
    pub(crate) synonyms: Synonyms,
    /// What the generation is built from.
    pub(crate) info: BuildInfo,
}

impl Records {
    /// The booklets' texts of a corpus, keyed as quotes cite them.
    pub(crate) fn booklets_of(corpus: &Corpus) -> BTreeMap<String, String> {
        corpus
            .texts()
            .map(|(file, text)| (file, text.to_string()))
            .collect()
    }
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
    /// Each booklet's heading tree as the extractor read it, in metadata
    /// order.
    pub outlines: Vec<Outline>,
    /// The topics the quotes were given, in `topics.toml`'s order.
    pub topics: Vec<Topic>,
    /// For a query word's stem, the stems of its synonyms the quotes say.
    pub synonyms: Synonyms,
    /// What the generation was built from.
    pub info: BuildInfo,
    /// Which generation this is (its directory name).
    pub generation: String,
    /// Each booklet's lines, by the path quotes cite.
    booklets: HashMap<String, Vec<String>>,
}

impl LoadedIndex {
    /// The lines of the booklet a quote cites as `source.file` (such as
    /// `corpus/pas-paa-trinet.txt`), as the file has them: split at `\n`
    /// only, so line N (1-based, as `Source` counts) is index N-1. `None`
    /// for a file the generation does not hold.
    pub fn booklet_lines(&self, file: &str) -> Option<&[String]> {
        self.booklets.get(file).map(Vec::as_slice)
    }

    /// The index in `ram` with its records, ready to search.
    pub(crate) fn new(
        ram: RamDirectory,
        records: Records,
        generation: String,
    ) -> Result<LoadedIndex, IndexError> {
        let index = Index::open(ram)?;
        analysis::register(index.tokenizers());
        let fields = Fields::of(&index.schema())?;
        let booklets = records
            .booklets
            .into_iter()
            .map(|(file, text)| (file, text.split('\n').map(String::from).collect()))
            .collect();
        Ok(LoadedIndex {
            index,
            fields,
            quotes: records.quotes,
            publications: records.publications,
            outlines: records.outlines,
            topics: records.topics,
            synonyms: records.synonyms,
            info: records.info,
            generation,
            booklets,
        })
    }
}

/// Writes a complete generation into `dir`.
pub(crate) fn write(dir: &Path, ram: &RamDirectory, records: &Records) -> Result<(), IndexError> {
    let tantivy_dir = dir.join(TANTIVY_DIR);
    fs::create_dir_all(&tantivy_dir).map_err(io_error(&tantivy_dir))?;
    let target =
        MmapDirectory::open(&tantivy_dir).map_err(|e| IndexError::Tantivy(e.to_string()))?;
    ram.persist(&target)?;
    let mut lines = Vec::new();
    for q in &records.quotes {
        serde_json::to_writer(&mut lines, q).map_err(|e| IndexError::Tantivy(e.to_string()))?;
        lines.push(b'\n');
    }
    write_file(&dir.join(QUOTES_FILE), &lines)?;
    write_file(
        &dir.join(PUBLICATIONS_JSON),
        &to_json(&records.publications),
    )?;
    write_file(&dir.join(BOOKLETS_JSON), &to_json(&records.booklets))?;
    write_file(&dir.join(OUTLINES_JSON), &to_json(&records.outlines))?;
    write_file(&dir.join(TOPICS_JSON), &to_json(&records.topics))?;
    write_file(&dir.join(SYNONYMS_JSON), &to_json(&records.synonyms))?;
    write_file(&dir.join(BUILD_FILE), &to_json(&records.info))
}

/// Reads the generation in `dir` (named `generation`) into memory.
pub(crate) fn read(dir: &Path, generation: String) -> Result<LoadedIndex, IndexError> {
    let ram = RamDirectory::create();
    let tantivy_dir = dir.join(TANTIVY_DIR);
    for entry in fs::read_dir(&tantivy_dir).map_err(io_error(&tantivy_dir))? {
        let path = entry.map_err(io_error(&tantivy_dir))?.path();
        let bytes = fs::read(&path).map_err(io_error(&path))?;
        let name = path.file_name().map(PathBuf::from).unwrap_or_default();
        ram.atomic_write(&name, &bytes).map_err(io_error(&path))?;
    }
    let records = Records {
        quotes: read_json_lines(&dir.join(QUOTES_FILE))?,
        publications: read_json(&dir.join(PUBLICATIONS_JSON))?,
        // A generation from before the texts and outlines were kept still
        // searches.
        booklets: read_json_if_there(&dir.join(BOOKLETS_JSON))?,
        outlines: read_json_if_there(&dir.join(OUTLINES_JSON))?,
        topics: read_json(&dir.join(TOPICS_JSON))?,
        synonyms: read_json(&dir.join(SYNONYMS_JSON))?,
        info: read_json(&dir.join(BUILD_FILE))?,
    };
    LoadedIndex::new(ram, records, generation)
}

/// What the generation in `dir` was built from; `None` when that cannot be
/// read (a damaged or foreign generation, which is then rebuilt).
pub(crate) fn build_info(dir: &Path) -> Option<BuildInfo> {
    fs::read_to_string(dir.join(BUILD_FILE))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(value).expect("plain records serialise to JSON")
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), IndexError> {
    let mut file = fs::File::create(path).map_err(io_error(path))?;
    file.write_all(bytes).map_err(io_error(path))?;
    file.sync_all().map_err(io_error(path))
}

/// `read_json`, or the empty value when the file is not there.
fn read_json_if_there<T: serde::de::DeserializeOwned + Default>(
    path: &Path,
) -> Result<T, IndexError> {
    match path.exists() {
        true => read_json(path),
        false => Ok(T::default()),
    }
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
pub(crate) fn program_modified() -> u128 {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .and_then(|m| m.modified())
        .map(nanos)
        .unwrap_or(0)
}

/// A time as nanoseconds since the epoch.
pub(crate) fn nanos(t: SystemTime) -> u128 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}
