//! A generation: one complete index on disk, `gen-<time>/`, with the quote
//! records, the publication metadata and the booklets' texts it was built
//! from, and what it was built from (`build.json`, written last, with the
//! fingerprint of every other file). Written whole into a scratch directory
//! before it is made current; checked whole when it is opened (or found
//! unchanged since it was, `stamp.rs`): a file missing or damaged, or a
//! count that disagrees, makes the generation unusable, never a panic
//! later.
//!
//! Opening costs what a search needs, not what the collection holds: the
//! tantivy index is memory-mapped (or copied into memory for a server, see
//! [`Residence`]), the facets are columns of numbers (`tags.rs`), and quote
//! records and booklet texts are read when a search shows them
//! (`quote_store.rs`, `booklet_store.rs`).

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use tantivy::directory::{Directory, MmapDirectory, RamDirectory};
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::analysis;
use crate::corpus::Corpus;
use crate::fingerprint;
use crate::os_error;
use crate::outline::Outline;
use crate::paragraph::{BookletParagraphs, Paragraph};
use crate::publication::{Imprint, Publication};
use crate::quote::Quote;
use crate::thesaurus::Synonyms;
use crate::topic::Topic;

use super::blob::{Blob, Residence};
use super::booklet_store::BookletStore;
use super::documents::Indexes;
use super::error::{directory_reason, io_error, tantivy_reason, write_error, IndexError};
use super::fast_column::every_value;
use super::quote_store::QuoteStore;
use super::schema::{Fields, SCHEMA_VERSION};
use super::sections::SectionIndex;
use super::stamp::Stamp;
use super::synonym_table::SynonymTable;
use super::tags::Tags;

/// The quotes' tantivy index, and the sections' (`sections.rs`).
const TANTIVY_DIR: &str = "tantivy";
const SECTIONS_DIR: &str = "sections";
const QUOTES_FILE: &str = "quotes.jsonl";
const QUOTE_CHUNKS_JSON: &str = "quote-chunks.json";
const TAGS_JSON: &str = "tags.json";
const TAGS_BIN: &str = "tags.bin";
const IMPRINTS_JSON: &str = "imprints.json";
const BOOKLETS_TXT: &str = "booklets.txt";
const BOOKLETS_JSON: &str = "booklets.json";
const OUTLINES_JSON: &str = "outlines.json";
const PARAGRAPHS_JSON: &str = "paragraphs.json";
const TOPICS_JSON: &str = "topics.json";
const SYNONYMS_TSV: &str = "synonyms.tsv";
pub(crate) const BUILD_FILE: &str = "build.json";
/// The stamp of the last check of the generation's files (`stamp.rs`).
const CHECKED_FILE: &str = "checked.json";
/// The files even an index held in memory reads from disk when asked:
/// only showing a quote in context or an outline needs them, so a server
/// need not hold every booklet. Each is checked against its fingerprint
/// when read, so damage done after opening is an error for that request,
/// not a wrong answer.
const READ_WHEN_ASKED: [&str; 3] = [BOOKLETS_TXT, OUTLINES_JSON, PARAGRAPHS_JSON];

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
    /// The longest word the quotes say, in characters (from three): the
    /// bound of the query side's decompounder, whose dictionary is the
    /// index's terms.
    pub longest_word: usize,
    /// Every other file of the generation, by its path inside it
    /// (`tantivy/…` and `sections/…` for the indexes' own), with its
    /// fingerprint: a file
    /// missing, truncated or changed makes the generation unusable.
    pub files: BTreeMap<String, String>,
}

impl BuildInfo {
    /// What a generation of `quotes` built now from `corpus` is built
    /// from; its `files` are filled in when it is written.
    pub(crate) fn of<'a>(
        corpus: &Corpus,
        quotes: impl IntoIterator<Item = &'a Quote>,
    ) -> BuildInfo {
        let (mut count, mut longest_word) = (0, 0);
        for q in quotes {
            count += 1;
            let words = analysis::words(&q.text);
            longest_word = longest_word.max(analysis::longest_word(
                words.iter().map(|w| w.lower.as_str()),
            ));
        }
        BuildInfo {
            schema_version: SCHEMA_VERSION,
            corpus: corpus.fingerprints().clone(),
            program_modified: program_modified(),
            quotes: count,
            longest_word,
            files: BTreeMap::new(),
        }
    }

    /// Whether a generation built so serves `corpus` as it is: same schema,
    /// same program, the same content in every corpus file.
    pub(crate) fn is_fresh_for(&self, corpus: &Corpus) -> bool {
        self.is_by_this_program() && self.corpus == *corpus.fingerprints()
    }

    /// Whether this schema and this build of citater made the generation.
    pub(crate) fn is_by_this_program(&self) -> bool {
        self.schema_version == SCHEMA_VERSION && self.program_modified == program_modified()
    }
}

/// The records of a generation besides the tantivy index, as a build makes
/// them.
pub(crate) struct Records {
    /// The quotes, in `ord` order.
    pub(crate) quotes: Vec<Quote>,
    /// The metadata the quotes were extracted with.
    pub(crate) publications: Vec<Publication>,
    /// Each booklet's text, by the path quotes cite (`Source::file`).
    pub(crate) booklets: BTreeMap<String, String>,
    /// Each booklet's heading tree, in metadata order.
    pub(crate) outlines: Vec<Outline>,
    /// Each booklet's running text as a reader reads it, in metadata order.
    pub(crate) paragraphs: Vec<BookletParagraphs>,
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
    fn files(&self) -> Vec<(&'static str, Vec<u8>)> {
        let (quotes, chunks) = QuoteStore::encode(&self.quotes);
        let (tags_json, tags_bin) = Tags::of(&self.quotes).encode();
        let (booklets, booklet_index) =
            BookletStore::encode(self.booklets.iter().map(|(f, t)| (f.clone(), t.as_str())));
        let imprints: Vec<Imprint> = self.publications.iter().map(Publication::imprint).collect();
        vec![
            (QUOTES_FILE, quotes),
            (QUOTE_CHUNKS_JSON, to_json(&chunks)),
            (TAGS_JSON, tags_json),
            (TAGS_BIN, tags_bin),
            (IMPRINTS_JSON, to_json(&imprints)),
            (BOOKLETS_TXT, booklets),
            (BOOKLETS_JSON, booklet_index),
            (OUTLINES_JSON, to_json(&self.outlines)),
            (PARAGRAPHS_JSON, to_json(&self.paragraphs)),
            (TOPICS_JSON, to_json(&self.topics)),
            (SYNONYMS_TSV, SynonymTable::encode(&self.synonyms)),
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

/// A generation opened for searching: the tantivy index, the facets'
/// columns, and the records, which are read as they are asked for.
pub struct LoadedIndex {
    /// Memory-mapped or copied into memory, as the [`Residence`] asked;
    /// citater's analyzers are registered on it.
    pub index: Index,
    /// The one reader every search of this index goes through (it is never
    /// reloaded: a new generation is a new `LoadedIndex`).
    pub reader: IndexReader,
    /// The index's fields, looked up once.
    pub fields: Fields,
    /// The quote records, in the order of the index's `ord` field.
    pub quotes: QuoteStore,
    /// Each quote's level, role, theme, topics and publication, by number.
    pub tags: Tags,
    /// The bibliographic facts of the booklets the generation was built
    /// with, so citations agree with the quotes even after
    /// `publications.toml` changes.
    pub publications: Vec<Imprint>,
    /// The topics the quotes were given, in `topics.toml`'s order.
    pub topics: Vec<Topic>,
    /// For a query word's stem, the stems of its synonyms the quotes say.
    pub synonyms: SynonymTable,
    /// What the generation was built from.
    pub info: BuildInfo,
    /// Which generation this is (its directory name).
    pub generation: String,
    /// For each segment of `reader`'s searcher (by its ordinal), the quote
    /// (`ord`) each of its documents holds.
    pub ords: Vec<Arc<[u32]>>,
    /// The quotes' sections, each indexed once.
    pub sections: Arc<SectionIndex>,
    booklets: BookletStore,
    outlines: (Blob, OnceLock<Vec<Outline>>),
    paragraphs: (Blob, OnceLock<Vec<BookletParagraphs>>),
}

impl LoadedIndex {
    /// The lines of the booklet a quote cites as `source.file` (such as
    /// `corpus/pas-paa-trinet.txt`), as the file has them: split at `\n`
    /// only, so line N (1-based, as `Source` counts) is index N-1.
    /// `Ok(None)` for a file the generation does not hold.
    pub fn booklet_lines(&self, file: &str) -> Result<Option<&[String]>, IndexError> {
        self.booklets
            .lines(file)
            .map_err(|reason| self.unusable(reason))
    }

    /// Every booklet's heading tree as the extractor read it, in metadata
    /// order; read the first time it is asked for.
    pub fn outlines(&self) -> Result<&[Outline], IndexError> {
        self.read_when_asked(&self.outlines, OUTLINES_JSON)
            .map(Vec::as_slice)
    }

    /// The paragraphs of the booklet a quote cites as `source.file`, as a
    /// reader reads them; `Ok(None)` for a file the generation does not
    /// hold. All booklets' are read the first time any is asked for.
    pub fn paragraphs(&self, file: &str) -> Result<Option<&[Paragraph]>, IndexError> {
        let all = self.read_when_asked(&self.paragraphs, PARAGRAPHS_JSON)?;
        Ok(all
            .iter()
            .find(|b| b.file == file)
            .map(|b| b.paragraphs.as_slice()))
    }

    /// The JSON file `name` held in `blob`, read and checked against its
    /// fingerprint the first time it is asked for.
    fn read_when_asked<'a, T: serde::de::DeserializeOwned>(
        &self,
        (blob, read): &'a (Blob, OnceLock<T>),
        name: &str,
    ) -> Result<&'a T, IndexError> {
        if let Some(read) = read.get() {
            return Ok(read);
        }
        let bytes = blob.read_all().map_err(|e| {
            self.unusable(format!("{name} kan ikke læses: {}", os_error::reason(&e)))
        })?;
        if self.info.files.get(name) != Some(&fingerprint::of(&bytes)) {
            return Err(self.unusable(damaged(name)));
        }
        let value = json(&bytes, name).map_err(|reason| self.unusable(reason))?;
        Ok(read.get_or_init(|| value))
    }

    fn unusable(&self, reason: String) -> IndexError {
        IndexError::Unusable {
            generation: self.generation.clone(),
            reason,
        }
    }

    /// The indexes of a build with its records, held in memory.
    pub(crate) fn new(
        indexes: Indexes,
        records: Records,
        generation: String,
    ) -> Result<LoadedIndex, IndexError> {
        let mut files: BTreeMap<&str, Vec<u8>> = records.files().into_iter().collect();
        let mut info = records.info;
        for (name, bytes) in &files {
            info.files.insert(name.to_string(), fingerprint::of(bytes));
        }
        let unusable = unusable(&generation);
        let open = |ram| Index::open(ram).map_err(|e| unusable(not_opened(&e)));
        let (index, sections) = (open(indexes.quotes)?, open(indexes.sections)?);
        let blob = |name: &str| {
            files
                .remove(name)
                .map(Blob::Memory)
                .ok_or_else(|| unusable(format!("den mangler {name}")))
        };
        LoadedIndex::assemble(index, sections, blob, info, generation.clone())
    }

    /// The index with its record files, once they are found to agree: as
    /// many quotes as `build.json` counts, one document for each, and
    /// facet columns for each. Whatever disagrees makes the generation
    /// unusable here, so no search can meet a quote the index cannot show.
    fn assemble(
        index: Index,
        sections: Index,
        mut blob: impl FnMut(&str) -> Result<Blob, IndexError>,
        info: BuildInfo,
        generation: String,
    ) -> Result<LoadedIndex, IndexError> {
        let named = generation.clone();
        let unusable = unusable(&named);
        analysis::register(index.tokenizers());
        let fields = Fields::of(&index.schema())
            .map_err(|e| unusable(format!("dens skema passer ikke: {e}")))?;
        let mut small = |name: &str| -> Result<Vec<u8>, IndexError> {
            blob(name)?
                .read_all()
                .map_err(|e| unusable(format!("{name} kan ikke læses: {}", os_error::reason(&e))))
        };
        let chunks = small(QUOTE_CHUNKS_JSON)?;
        let (tags_json, tags_bin) = (small(TAGS_JSON)?, small(TAGS_BIN)?);
        let publications = small(IMPRINTS_JSON)?;
        let topics = small(TOPICS_JSON)?;
        let synonyms = small(SYNONYMS_TSV)?;
        let booklet_index = small(BOOKLETS_JSON)?;
        let count = info.quotes;
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| unusable(not_opened(&e)))?;
        let ords = document_ords(&reader, count).map_err(&unusable)?;
        let sections = SectionIndex::open(sections, &reader, fields.section).map_err(&unusable)?;
        let chunks: Vec<u64> = json(&chunks, QUOTE_CHUNKS_JSON).map_err(&unusable)?;
        let tags = Tags::decode(&tags_json, &tags_bin, count).map_err(&unusable)?;
        let publications = json(&publications, IMPRINTS_JSON).map_err(&unusable)?;
        let topics = json(&topics, TOPICS_JSON).map_err(&unusable)?;
        let synonyms = SynonymTable::new(synonyms).map_err(&unusable)?;
        let booklets = BookletStore::new(blob(BOOKLETS_TXT)?, &booklet_index).map_err(&unusable)?;
        let quotes = QuoteStore::new(blob(QUOTES_FILE)?, chunks, count)
            .map_err(|e| unusable(format!("{QUOTES_FILE}: {e}")))?;
        let outlines = (blob(OUTLINES_JSON)?, OnceLock::new());
        let paragraphs = (blob(PARAGRAPHS_JSON)?, OnceLock::new());
        Ok(LoadedIndex {
            index,
            reader,
            fields,
            quotes,
            tags,
            publications,
            topics,
            synonyms,
            info,
            generation,
            ords,
            sections: Arc::new(sections),
            booklets,
            outlines,
            paragraphs,
        })
    }
}

fn unusable(generation: &str) -> impl Fn(String) -> IndexError + '_ {
    move |reason| IndexError::Unusable {
        generation: generation.to_string(),
        reason,
    }
}

/// For each segment of `reader`'s searcher, the quote each document holds
/// (its `ord` fast field, read once into a plain array), checked to be one
/// document for each of the `quotes` quotes.
fn document_ords(reader: &IndexReader, quotes: usize) -> Result<Vec<Arc<[u32]>>, String> {
    let searcher = reader.searcher();
    let mut seen = vec![false; quotes];
    let mut documents = 0;
    let mut all = Vec::new();
    for segment in searcher.segment_readers() {
        let mut ords = Vec::with_capacity(segment.max_doc() as usize);
        for ord in every_value(segment, "ord")? {
            let Some(ord) = usize::try_from(ord)
                .ok()
                .filter(|&o| o < quotes && !seen[o])
            else {
                return Err(format!(
                    "dens indeks har et dokument ({ord}) for intet af de {quotes} citater, den rummer"
                ));
            };
            seen[ord] = true;
            ords.push(ord as u32);
            documents += 1;
        }
        all.push(Arc::from(ords));
    }
    if documents != quotes {
        return Err(format!(
            "dens indeks har {documents} dokumenter for {quotes} citater"
        ));
    }
    Ok(all)
}

/// Writes a complete generation into `dir`, `build.json` last with the
/// fingerprint of every other file; answers what that says.
pub(crate) fn write(
    dir: &Path,
    indexes: &Indexes,
    records: &Records,
) -> Result<BuildInfo, IndexError> {
    let mut info = records.info.clone();
    for (sub, ram) in [
        (TANTIVY_DIR, &indexes.quotes),
        (SECTIONS_DIR, &indexes.sections),
    ] {
        let tantivy_dir = dir.join(sub);
        fs::create_dir_all(&tantivy_dir).map_err(write_error(&tantivy_dir))?;
        // Tantivy reports a full disk as its own error; it is still a write
        // that failed, not a damaged index.
        let failed = |reason: String| IndexError::Write {
            path: tantivy_dir.clone(),
            reason,
        };
        let target = MmapDirectory::open(&tantivy_dir).map_err(|e| failed(directory_reason(&e)))?;
        ram.persist(&target)
            .map_err(|e| failed(tantivy_reason(&e)))?;
        for entry in fs::read_dir(&tantivy_dir).map_err(io_error(&tantivy_dir))? {
            let path = entry.map_err(io_error(&tantivy_dir))?.path();
            let bytes = fs::read(&path).map_err(io_error(&path))?;
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            info.files
                .insert(format!("{sub}/{name}"), fingerprint::of(&bytes));
        }
    }
    for (name, bytes) in records.files() {
        write_file(&dir.join(name), &bytes)?;
        info.files.insert(name.to_string(), fingerprint::of(&bytes));
    }
    write_file(&dir.join(BUILD_FILE), &to_json(&info))?;
    Ok(info)
}

/// Opens the generation in `dir` (named `generation`), held as `residence`
/// says. Every file is first checked against the fingerprint `build.json`
/// holds for it, unless a stamp shows they were checked and have not
/// changed since (`stamp.rs`).
pub(crate) fn read(
    dir: &Path,
    generation: String,
    residence: Residence,
) -> Result<LoadedIndex, IndexError> {
    let unusable = unusable(&generation);
    if !dir.is_dir() {
        return Err(unusable("dens mappe findes ikke".into()));
    }
    let info =
        build_info(dir).ok_or_else(|| unusable(format!("dens {BUILD_FILE} kan ikke læses")))?;
    if info.schema_version != SCHEMA_VERSION {
        return Err(unusable(format!(
            "den er bygget med skema {}, og denne citater læser skema {SCHEMA_VERSION}",
            info.schema_version
        )));
    }
    let stamp = Stamp::take(dir, &generation, info.files.keys().map(String::as_str));
    let checked = dir.join(CHECKED_FILE);
    let trusted = stamp
        .as_ref()
        .is_some_and(|s| Stamp::vouches_for(&checked, s));
    let mut held: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    if !trusted || residence == Residence::Memory {
        for (name, expected) in &info.files {
            if trusted && READ_WHEN_ASKED.contains(&name.as_str()) {
                continue;
            }
            let path = dir.join(name);
            let bytes = match fs::read(&path) {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(unusable(format!("{name} mangler")))
                }
                Err(e) => return Err(io_error(&path)(e)),
            };
            if !trusted && fingerprint::of(&bytes) != *expected {
                return Err(unusable(damaged(name)));
            }
            if residence == Residence::Memory && !READ_WHEN_ASKED.contains(&name.as_str()) {
                held.insert(name.clone(), bytes);
            }
        }
        if let (false, Some(stamp)) = (trusted, &stamp) {
            stamp.write(&checked);
        }
    }
    let mut open = |sub: &str| -> Result<Index, IndexError> {
        let mapped = match residence {
            Residence::OnDisk => MmapDirectory::open(dir.join(sub))
                .ok()
                .and_then(|mapped| Index::open(mapped).ok()),
            Residence::Memory => None,
        };
        if let Some(index) = mapped {
            return Ok(index);
        }
        let prefix = format!("{sub}/");
        let ram = RamDirectory::create();
        for name in info.files.keys().filter(|n| n.starts_with(&prefix)) {
            let path = dir.join(name);
            let bytes = match held.remove(name) {
                Some(bytes) => bytes,
                None => fs::read(&path).map_err(io_error(&path))?,
            };
            ram.atomic_write(Path::new(&name[prefix.len()..]), &bytes)
                .map_err(io_error(&path))?;
        }
        Index::open(ram).map_err(|e| unusable(not_opened(&e)))
    };
    let (index, sections) = (open(TANTIVY_DIR)?, open(SECTIONS_DIR)?);
    let blob = |name: &str| -> Result<Blob, IndexError> {
        if !info.files.contains_key(name) {
            return Err(unusable(format!("den mangler {name}")));
        }
        match held.remove(name) {
            Some(bytes) => Ok(Blob::Memory(bytes)),
            None => {
                let path = dir.join(name);
                File::open(&path).map(Blob::File).map_err(io_error(&path))
            }
        }
    };
    let info_copy = info.clone();
    LoadedIndex::assemble(index, sections, blob, info_copy, generation.clone())
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

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), IndexError> {
    let mut file = fs::File::create(path).map_err(write_error(path))?;
    file.write_all(bytes).map_err(write_error(path))?;
    file.sync_all().map_err(write_error(path))
}

fn json<T: serde::de::DeserializeOwned>(bytes: &[u8], name: &str) -> Result<T, String> {
    serde_json::from_slice(bytes).map_err(|e| format!("{name} kan ikke læses: {e}"))
}

/// Why a generation is unusable when a file of it differs from what was
/// written.
fn damaged(name: &str) -> String {
    format!("{name} er beskadiget (den er ikke, som den blev skrevet)")
}

/// Why a generation is unusable when tantivy cannot open its index.
fn not_opened(e: &tantivy::TantivyError) -> String {
    format!(
        "søgebiblioteket kan ikke åbne dens indeks: {}",
        tantivy_reason(e)
    )
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
