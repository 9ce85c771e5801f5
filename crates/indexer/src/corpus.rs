//! The corpus: the booklets' texts with their metadata, read and checked
//! as a whole so that a missing or unreadable file is reported by name
//! before any work is done.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Deserialize;

use crate::extraction::{self, Extracted};
use crate::publication::Publication;
use crate::quote::{assign_ids, Quote};
use crate::repair::Lexicon;
use crate::vocabulary::Vocabulary;

/// The file listing the booklets, inside the corpus directory.
pub const PUBLICATIONS_FILE: &str = "publications.toml";
/// The file with the role vocabulary, inside the corpus directory.
pub const ROLES_FILE: &str = "roles.toml";

/// Why the corpus cannot be used; each names the file at fault.
#[derive(Debug)]
pub enum CorpusError {
    /// A file or the directory cannot be read (or is not there).
    Unreadable {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// `publications.toml` or `roles.toml` is not what it must be.
    BadMetadata {
        /// The metadata file.
        path: PathBuf,
        /// Where and what, from the TOML parser.
        reason: String,
    },
    /// A text no entry describes: an error, so no booklet is silently left
    /// out.
    NoMetadata {
        /// The `.txt` without an entry.
        path: PathBuf,
    },
    /// An entry whose text file is not there.
    MissingText {
        /// Where the text was expected.
        path: PathBuf,
        /// The entry's publication id.
        id: String,
    },
    /// A convention in an entry cannot be applied (a bad regular expression).
    BadConvention {
        /// The publication whose entry is at fault.
        id: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusError::Unreadable { path, reason } => {
                write!(f, "cannot read {}: {reason}", path.display())
            }
            CorpusError::BadMetadata { path, reason } => {
                write!(f, "{} is not valid metadata: {reason}", path.display())
            }
            CorpusError::NoMetadata { path } => write!(
                f,
                "{} has no entry in {PUBLICATIONS_FILE}; add one with its id, title and conventions",
                path.display()
            ),
            CorpusError::MissingText { path, id } => write!(
                f,
                "the text of publication '{id}' is missing: {} does not exist",
                path.display()
            ),
            CorpusError::BadConvention { id, reason } => {
                write!(f, "publication '{id}' has a bad convention in {PUBLICATIONS_FILE}: {reason}")
            }
        }
    }
}

impl std::error::Error for CorpusError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicationsFile {
    publication: Vec<Publication>,
}

/// The booklets of a corpus directory, their texts and the vocabulary.
#[derive(Debug, Clone)]
pub struct Corpus {
    dir: PathBuf,
    /// In metadata order, which is the order quotes are extracted and listed in.
    pub publications: Vec<Publication>,
    /// The role vocabulary from `roles.toml`, shared by every booklet.
    pub vocabulary: Vocabulary,
    texts: Vec<String>,
}

impl Corpus {
    /// Reads `publications.toml`, `roles.toml` and every text they name, and
    /// checks that every `.txt` in the directory has metadata.
    pub fn load(dir: &Path) -> Result<Corpus, CorpusError> {
        let publications_path = dir.join(PUBLICATIONS_FILE);
        let publications_text = read(&publications_path)?;
        let publications: PublicationsFile =
            toml::from_str(&publications_text).map_err(|e| CorpusError::BadMetadata {
                path: publications_path.clone(),
                reason: toml_reason(&publications_text, &e),
            })?;
        let roles_path = dir.join(ROLES_FILE);
        let vocabulary =
            Vocabulary::parse(&read(&roles_path)?).map_err(|reason| CorpusError::BadMetadata {
                path: roles_path.clone(),
                reason,
            })?;

        let mut listed = Vec::new();
        let entries = std::fs::read_dir(dir).map_err(|e| CorpusError::Unreadable {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt") {
                listed.push(path);
            }
        }
        listed.sort();
        for path in &listed {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if !publications.publication.iter().any(|p| p.file == name) {
                return Err(CorpusError::NoMetadata { path: path.clone() });
            }
        }

        let mut texts = Vec::new();
        for p in &publications.publication {
            let path = dir.join(&p.file);
            if !path.exists() {
                return Err(CorpusError::MissingText {
                    path,
                    id: p.id.clone(),
                });
            }
            texts.push(read(&path)?);
        }
        Ok(Corpus {
            dir: dir.to_path_buf(),
            publications: publications.publication,
            vocabulary,
            texts,
        })
    }

    /// The text of a publication, for showing a quote in its context.
    pub fn text(&self, publication_id: &str) -> Option<&str> {
        let i = self
            .publications
            .iter()
            .position(|p| p.id == publication_id)?;
        Some(&self.texts[i])
    }

    /// The metadata of a publication by id; `None` for an id this corpus does
    /// not have (a quote from a stale index, say).
    pub fn publication(&self, id: &str) -> Option<&Publication> {
        self.publications.iter().find(|p| p.id == id)
    }

    /// Extracts and tags every quote, booklet by booklet in metadata order.
    pub fn quotes(&self) -> Result<Vec<Quote>, CorpusError> {
        Ok(self.extract()?.into_iter().map(|e| e.quote).collect())
    }

    /// Every quote with the headings and narration around it, for indexing.
    pub fn extract(&self) -> Result<Vec<Extracted>, CorpusError> {
        let lexicon = Lexicon::from_texts(self.texts.iter().map(String::as_str));
        let mut all = Vec::new();
        for (p, text) in self.publications.iter().zip(&self.texts) {
            let file = format!("corpus/{}", p.file);
            let mut extracted = extraction::extract(p, &file, text, &lexicon, &self.vocabulary)
                .map_err(|reason| CorpusError::BadConvention {
                    id: p.id.clone(),
                    reason,
                })?;
            let mut quotes: Vec<Quote> = extracted.iter().map(|e| e.quote.clone()).collect();
            assign_ids(&mut quotes);
            for (e, q) in extracted.iter_mut().zip(quotes) {
                e.quote = q;
            }
            all.extend(extracted);
        }
        Ok(all)
    }

    /// When the corpus last changed: the newest modification time of its
    /// metadata and texts, so an index older than this is rebuilt.
    pub fn modified(&self) -> Result<SystemTime, CorpusError> {
        let mut paths = vec![self.dir.join(PUBLICATIONS_FILE), self.dir.join(ROLES_FILE)];
        paths.extend(self.publications.iter().map(|p| self.dir.join(&p.file)));
        let mut newest = SystemTime::UNIX_EPOCH;
        for path in paths {
            let modified = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .map_err(|e| CorpusError::Unreadable {
                    path: path.clone(),
                    reason: e.to_string(),
                })?;
            newest = newest.max(modified);
        }
        Ok(newest)
    }
}

/// A TOML error as one line: where it is and what is wrong.
pub(crate) fn toml_reason(text: &str, error: &toml::de::Error) -> String {
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {}", error.message())
        }
        None => error.message().to_string(),
    }
}

fn read(path: &Path) -> Result<String, CorpusError> {
    std::fs::read_to_string(path).map_err(|e| CorpusError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}
