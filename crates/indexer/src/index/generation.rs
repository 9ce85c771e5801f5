//! A generation: one complete index on disk, `gen-<time>/`, with the quote
//! records, the publication metadata and the booklets' texts it was built
//! from, and what it was built from (`build.json`, written last, with the
//! fingerprint of every other file). Written whole into a scratch directory
//! before it is made current; read whole into memory and checked whole on
//! the way: a file missing or damaged, a count that disagrees or a quote
//! outside its booklet makes the generation unusable, never a panic later.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use tantivy::directory::{Directory, MmapDirectory, RamDirectory};
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, ReloadPolicy, TantivyDocument};

use crate::analysis;
use crate::corpus::Corpus;
use crate::fingerprint;
use crate::outline::Outline;
use crate::publication::Publication;
use crate::quote::Quote;
use crate::thesaurus::Synonyms;
use crate::topic::Topic;

use super::error::{io_error, write_error, IndexError};
use super::schema::{Fields, SCHEMA_VERSION};

const TANTIVY_DIR: &str = "tantivy";
const QUOTES_FILE: &str = "quotes.jsonl";
const PUBLICATIONS_JSON: &str = "publications.json";
const BOOKLETS_JSON: &str = "booklets.json";
const OUTLINES_JSON: &str = "outlines.json";
const TOPICS_JSON: &str = "topics.json";
const SYNONYMS_JSON: &str = "synonyms.json";
pub(crate) const BUILD_FILE: &str = "build.json";

/// What a generation was built from and what it holds, so staleness can be
/// judged by content and the generation checked whole when it is loaded.
/// Written last (`build.json`): a generation without it was never finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BuildInfo {
    /// The `SCHEMA_VERSION` the generation was built with; any other forces
    /// a rebuild.
    pub schema_version: u32,
    /// Each corpus file the generation was built from, by its name in the
    /// corpus directory, with the fingerprint of its content: a corpus whose
    /// files differ in any byte (whatever their timestamps say) is rebuilt.
    pub corpus: BTreeMap<String, String>,
    /// Modification time of the program that built it, in nanoseconds: a
    /// new build of citater may extract differently, so its index is
    /// rebuilt too.
    pub program_modified: u128,
    /// How many quotes the generation holds.
    pub quotes: usize,
    /// Every other file of the generation, by its path inside it
    /// (`tantivy/…` for the index's own), with its fingerprint: a file
    /// missing, truncated or changed makes the generation unusable.
    pub files: BTreeMap<String, String>,
}

impl BuildInfo {
    /// What a generation of `quotes` quotes built now from `corpus` is
    /// built from; its `files` are filled in when it is written.
    pub(crate) fn of(corpus: &Corpus, quotes: usize) -> BuildInfo {
        BuildInfo {
            schema_version: SCHEMA_VERSION,
            corpus: corpus.fingerprints().clone(),
            program_modified: program_modified(),
            quotes,
            files: BTreeMap::new(),
        }
    }

    /// Whether a generation built so serves `corpus` as it is: same schema,
    /// same program, the same content in every corpus file.
    pub(crate) fn is_fresh_for(&self, corpus: &Corpus) -> bool {
        self.schema_version == SCHEMA_VERSION
            && self.program_modified == program_modified()
            && self.corpus == *corpus.fingerprints()
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
    /// Each record file's name and content as written, in the order they
    /// are written before `build.json`.
    fn files(&self) -> [(&'static str, Vec<u8>); 6] {
        let quotes = self.quotes.iter().flat_map(to_json_line).collect();
        [
            (QUOTES_FILE, quotes),
            (PUBLICATIONS_JSON, to_json(&self.publications)),
            (BOOKLETS_JSON, to_json(&self.booklets)),
            (OUTLINES_JSON, to_json(&self.outlines)),
            (TOPICS_JSON, to_json(&self.topics)),
            (SYNONYMS_JSON, to_json(&self.synonyms)),
        ]
    }

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
    /// Which quote (its position in `quotes`) each document of the index
    /// holds, for a reader of `index` as it was loaded.
    pub quote_of: HashMap<DocAddress, usize>,
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

    /// The index in `ram` with its records, ready to search, once they are
    /// found to agree: one document per quote, each quote's `ord` once, and
    /// every quote's lines inside the booklet text kept with it. Whatever
    /// disagrees makes the generation unusable here, so no search, context
    /// or citation can meet a quote the index cannot show.
    pub(crate) fn new(
        ram: RamDirectory,
        records: Records,
        generation: String,
    ) -> Result<LoadedIndex, IndexError> {
        let unusable = |reason: String| IndexError::Unusable {
            generation: generation.clone(),
            reason,
        };
        let index = Index::open(ram).map_err(|e| unusable(e.to_string()))?;
        analysis::register(index.tokenizers());
        let fields = Fields::of(&index.schema()).map_err(|e| unusable(e.to_string()))?;
        if records.info.quotes != records.quotes.len() {
            return Err(unusable(format!(
                "its build record counts {} quotes but it holds {}",
                records.info.quotes,
                records.quotes.len()
            )));
        }
        let quote_of = quote_of(&index, fields, records.quotes.len()).map_err(unusable)?;
        let booklets: HashMap<String, Vec<String>> = records
            .booklets
            .into_iter()
            .map(|(file, text)| (file, text.split('\n').map(String::from).collect()))
            .collect();
        for q in &records.quotes {
            let lines = booklets.get(&q.source.file).map_or(0, Vec::len);
            if !q.source.lies_within(lines) {
                return Err(unusable(format!(
                    "quote {} cites lines {}-{} of {}, which has {lines}",
                    q.id, q.source.line_start, q.source.line_end, q.source.file
                )));
            }
        }
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
            quote_of,
            booklets,
        })
    }
}

/// Which quote each document of `index` holds, checked to be one document
/// for each of the `quotes` quotes.
fn quote_of(
    index: &Index,
    fields: Fields,
    quotes: usize,
) -> Result<HashMap<DocAddress, usize>, String> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: tantivy::TantivyError| e.to_string())?;
    let searcher = reader.searcher();
    let mut quote_of = HashMap::new();
    let mut seen = vec![false; quotes];
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc_id in 0..segment.max_doc() {
            let address = DocAddress::new(segment_ord as u32, doc_id);
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| e.to_string())?;
            let ord = doc.get_first(fields.ord).and_then(|v| v.as_u64());
            let Some(ord) = ord.map(|o| o as usize).filter(|&o| o < quotes && !seen[o]) else {
                return Err(format!(
                    "its index has a document ({ord:?}) for no quote of the {quotes} it holds"
                ));
            };
            seen[ord] = true;
            quote_of.insert(address, ord);
        }
    }
    if quote_of.len() != quotes {
        return Err(format!(
            "its index has {} documents for {quotes} quotes",
            quote_of.len()
        ));
    }
    Ok(quote_of)
}

/// Writes a complete generation into `dir`, `build.json` last with the
/// fingerprint of every other file; answers what that says.
pub(crate) fn write(
    dir: &Path,
    ram: &RamDirectory,
    records: &Records,
) -> Result<BuildInfo, IndexError> {
    let tantivy_dir = dir.join(TANTIVY_DIR);
    fs::create_dir_all(&tantivy_dir).map_err(write_error(&tantivy_dir))?;
    // Tantivy reports a full disk as its own error; it is still a write
    // that failed, not a damaged index.
    let failed = |e: &dyn std::fmt::Display| IndexError::Write {
        path: tantivy_dir.clone(),
        reason: e.to_string(),
    };
    let target = MmapDirectory::open(&tantivy_dir).map_err(|e| failed(&e))?;
    ram.persist(&target).map_err(|e| failed(&e))?;
    let mut info = records.info.clone();
    for entry in fs::read_dir(&tantivy_dir).map_err(io_error(&tantivy_dir))? {
        let path = entry.map_err(io_error(&tantivy_dir))?.path();
        let bytes = fs::read(&path).map_err(io_error(&path))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        info.files
            .insert(format!("{TANTIVY_DIR}/{name}"), fingerprint::of(&bytes));
    }
    for (name, bytes) in records.files() {
        write_file(&dir.join(name), &bytes)?;
        info.files.insert(name.to_string(), fingerprint::of(&bytes));
    }
    write_file(&dir.join(BUILD_FILE), &to_json(&info))?;
    Ok(info)
}

/// Reads the generation in `dir` (named `generation`) into memory, checking
/// every file against the fingerprint `build.json` holds for it.
pub(crate) fn read(dir: &Path, generation: String) -> Result<LoadedIndex, IndexError> {
    let unusable = |reason: String| IndexError::Unusable {
        generation: generation.clone(),
        reason,
    };
    if !dir.is_dir() {
        return Err(unusable("its directory is not there".into()));
    }
    let info =
        build_info(dir).ok_or_else(|| unusable(format!("its {BUILD_FILE} is unreadable")))?;
    if info.schema_version != SCHEMA_VERSION {
        return Err(unusable(format!(
            "it was built with schema {}, this citater reads schema {SCHEMA_VERSION}",
            info.schema_version
        )));
    }
    let ram = RamDirectory::create();
    let mut records = BTreeMap::new();
    for (name, expected) in &info.files {
        let path = dir.join(name);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(unusable(format!("{name} is missing")))
            }
            Err(e) => return Err(io_error(&path)(e)),
        };
        if fingerprint::of(&bytes) != *expected {
            return Err(unusable(format!(
                "{name} is damaged (it is not what was written)"
            )));
        }
        match name.strip_prefix(&format!("{TANTIVY_DIR}/")) {
            Some(file) => ram
                .atomic_write(Path::new(file), &bytes)
                .map_err(io_error(&path))?,
            None => {
                records.insert(name.as_str(), bytes);
            }
        }
    }
    let mut record = |name: &str| {
        records
            .remove(name)
            .ok_or_else(|| unusable(format!("it has no {name}")))
    };
    let quotes = record(QUOTES_FILE)?;
    let records = Records {
        quotes: json_lines(&quotes).map_err(unusable)?,
        publications: json(&record(PUBLICATIONS_JSON)?, PUBLICATIONS_JSON).map_err(unusable)?,
        booklets: json(&record(BOOKLETS_JSON)?, BOOKLETS_JSON).map_err(unusable)?,
        outlines: json(&record(OUTLINES_JSON)?, OUTLINES_JSON).map_err(unusable)?,
        topics: json(&record(TOPICS_JSON)?, TOPICS_JSON).map_err(unusable)?,
        synonyms: json(&record(SYNONYMS_JSON)?, SYNONYMS_JSON).map_err(unusable)?,
        info,
    };
    LoadedIndex::new(ram, records, generation)
}

/// What the generation in `dir` was built from; `None` when that cannot be
/// read (a damaged, unfinished or foreign generation, which is then rebuilt).
pub(crate) fn build_info(dir: &Path) -> Option<BuildInfo> {
    fs::read(dir.join(BUILD_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(value).expect("plain records serialise to JSON")
}

fn to_json_line<T: Serialize>(value: &T) -> Vec<u8> {
    let mut line = serde_json::to_vec(value).expect("plain records serialise to JSON");
    line.push(b'\n');
    line
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), IndexError> {
    let mut file = fs::File::create(path).map_err(write_error(path))?;
    file.write_all(bytes).map_err(write_error(path))?;
    file.sync_all().map_err(write_error(path))
}

fn json<T: serde::de::DeserializeOwned>(bytes: &[u8], name: &str) -> Result<T, String> {
    serde_json::from_slice(bytes).map_err(|e| format!("{name} cannot be read: {e}"))
}

fn json_lines<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<Vec<T>, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("{QUOTES_FILE}: {e}"))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).map_err(|e| format!("{QUOTES_FILE} cannot be read: {e}")))
        .collect()
}

/// When the running program was built (its file's modification time, in
/// nanoseconds since the epoch).
pub(crate) fn program_modified() -> u128 {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}
