//! The corpus: the booklets' texts with their metadata, read and checked
//! as a whole so that a missing or unreadable file is reported by name
//! before any work is done, and run through the stages booklet by booklet:
//! [`booklet`](crate::booklet) reads each text's layout,
//! [`speech`](crate::speech) finds its quotes and
//! [`tagging`](crate::tagging) tags them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::booklet::{self, repair::Lexicon};
use crate::fingerprint;
use crate::os_error;
use crate::outline::Outline;
use crate::paragraph::BookletParagraphs;
use crate::publication::Publication;
use crate::quote::{assign_ids, Quote};
use crate::speech;
use crate::tagging::{self, Tagged};
use crate::thesaurus::DomainSynonyms;
use crate::toml_error;
use crate::topic::Topics;
use crate::vocabulary::Vocabulary;

/// The file listing the booklets, inside the corpus directory.
pub const PUBLICATIONS_FILE: &str = "publications.toml";
/// The file with the role vocabulary, inside the corpus directory.
pub(crate) const ROLES_FILE: &str = "roles.toml";
/// The topics the booklets share (optional: without it quotes have none).
pub const TOPICS_FILE: &str = "topics.toml";
/// The domain synonyms beside the thesaurus (optional).
pub(crate) const SYNONYMS_FILE: &str = "synonyms.toml";

/// Why the corpus cannot be used; each names the file at fault, in Danish
/// and without a full stop, as [`IndexError`](crate::IndexError) does.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// A file or the directory cannot be read (or is not there).
    #[error("{} kan ikke læses: {reason}", path.display())]
    Unreadable {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// A metadata file (`publications.toml`, `roles.toml`, `topics.toml`,
    /// `synonyms.toml`) is not what it must be.
    #[error("{} indeholder ugyldige metadata: {reason}", path.display())]
    BadMetadata {
        /// The metadata file.
        path: PathBuf,
        /// Where and what, from the TOML parser.
        reason: String,
    },
    /// A text no entry describes: an error, so no booklet is silently left
    /// out.
    #[error(
        "{} har ingen post i {}; tilføj en med hæftets id, titel og konventioner",
        path.display(),
        PUBLICATIONS_FILE
    )]
    NoMetadata {
        /// The `.txt` without an entry.
        path: PathBuf,
    },
    /// An entry whose text file is not there.
    #[error("Teksten til publikationen »{id}« mangler: {} findes ikke", path.display())]
    MissingText {
        /// Where the text was expected.
        path: PathBuf,
        /// The entry's publication id.
        id: String,
    },
    /// A convention in an entry cannot be applied (a bad regular expression).
    #[error(
        "Publikationen »{id}« har en ugyldig konvention i {}: {reason}",
        PUBLICATIONS_FILE
    )]
    BadConvention {
        /// The publication whose entry is at fault.
        id: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// What the stages make of a corpus.
#[derive(Debug, Default)]
pub(crate) struct Extraction {
    /// Every quote, booklet by booklet in metadata order.
    pub(crate) tagged: Vec<Tagged>,
    /// Every booklet's heading tree, in metadata order.
    pub(crate) outlines: Vec<Outline>,
    /// Every booklet's running text as a reader reads it, in metadata
    /// order.
    pub(crate) paragraphs: Vec<BookletParagraphs>,
}

/// What one booklet's stages make of it: its outline, its paragraphs and
/// its quotes.
type Booklet = (Outline, BookletParagraphs, Vec<Tagged>);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicationsFile {
    publication: Vec<Publication>,
}

/// The booklets of a corpus directory, their texts and the vocabulary.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// In metadata order, which is the order quotes are extracted and listed in.
    pub publications: Vec<Publication>,
    /// The role vocabulary from `roles.toml`, shared by every booklet.
    vocabulary: Vocabulary,
    /// The topics from `topics.toml`.
    pub topics: Topics,
    /// The domain synonyms from `synonyms.toml`.
    pub(crate) domain_synonyms: DomainSynonyms,
    texts: Vec<String>,
    /// Each file read (by its name in the directory) and the fingerprint of
    /// its content, so an index can tell whether it was built from exactly
    /// this corpus.
    fingerprints: BTreeMap<String, String>,
}

impl Corpus {
    /// Reads `publications.toml`, `roles.toml` and every text they name, and
    /// checks that every `.txt` in the directory has metadata.
    pub fn load(dir: &Path) -> Result<Corpus, CorpusError> {
        let mut fingerprints = BTreeMap::new();
        let publications_path = dir.join(PUBLICATIONS_FILE);
        let publications_text = read(&publications_path, &mut fingerprints)?;
        let publications: PublicationsFile =
            toml::from_str(&publications_text).map_err(|e| CorpusError::BadMetadata {
                path: publications_path.clone(),
                reason: toml_error::one_line(&publications_text, &e),
            })?;
        let roles_path = dir.join(ROLES_FILE);
        let vocabulary =
            Vocabulary::parse(&read(&roles_path, &mut fingerprints)?).map_err(|reason| {
                CorpusError::BadMetadata {
                    path: roles_path.clone(),
                    reason,
                }
            })?;

        let topics = read_optional(&dir.join(TOPICS_FILE), Topics::parse, &mut fingerprints)?
            .unwrap_or_default();
        let domain_synonyms = read_optional(
            &dir.join(SYNONYMS_FILE),
            DomainSynonyms::parse,
            &mut fingerprints,
        )?
        .unwrap_or_default();

        let mut listed = Vec::new();
        let entries = std::fs::read_dir(dir).map_err(|e| CorpusError::Unreadable {
            path: dir.to_path_buf(),
            reason: os_error::reason(&e),
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
            texts.push(read(&path, &mut fingerprints)?);
        }
        Ok(Corpus {
            publications: publications.publication,
            vocabulary,
            topics,
            domain_synonyms,
            texts,
            fingerprints,
        })
    }

    /// Extracts and tags every quote, booklet by booklet in metadata order.
    pub fn quotes(&self) -> Result<Vec<Quote>, CorpusError> {
        Ok(self
            .extract()?
            .tagged
            .into_iter()
            .map(|t| t.quote)
            .collect())
    }

    /// Every booklet's heading tree, in metadata order.
    pub fn outlines(&self) -> Result<Vec<Outline>, CorpusError> {
        Ok(self.extract()?.outlines)
    }

    /// Every quote with the headings and narration around it, for indexing,
    /// and every booklet's outline. The booklets are read on all cores, each
    /// on its own (only the lexicon is the corpus's), and put together in
    /// metadata order.
    pub(crate) fn extract(&self) -> Result<Extraction, CorpusError> {
        let lexicon = Lexicon::from_texts(self.texts.iter().map(String::as_str));
        let booklets: Vec<Result<Booklet, CorpusError>> = self
            .publications
            .par_iter()
            .zip(self.texts.par_iter())
            .map(|(p, text)| self.extract_booklet(p, text, &lexicon))
            .collect();
        let mut all = Extraction::default();
        for booklet in booklets {
            let (outline, paragraphs, tagged) = booklet?;
            all.outlines.push(outline);
            all.paragraphs.push(paragraphs);
            all.tagged.extend(tagged);
        }
        Ok(all)
    }

    /// One booklet's outline, paragraphs and quotes, tagged.
    fn extract_booklet(
        &self,
        p: &Publication,
        text: &str,
        lexicon: &Lexicon,
    ) -> Result<Booklet, CorpusError> {
        let layout = booklet::read(text, p, lexicon, &self.vocabulary).map_err(|reason| {
            CorpusError::BadConvention {
                id: p.id.clone(),
                reason,
            }
        })?;
        let found = speech::find(&layout, p, lexicon, &self.vocabulary);
        let outline = layout.outline(p.reference(), found.iter().map(|f| &f.context));
        let mut tagged = tagging::tag(found, p, &source_file(p), &self.vocabulary);
        assign_ids(tagged.iter_mut().map(|t| &mut t.quote));
        self.topics.assign(&mut tagged);
        let paragraphs = layout.reading(source_file(p), lexicon);
        Ok((outline, paragraphs, tagged))
    }

    /// Every booklet's text, by the path its quotes cite as `Source::file`.
    pub(crate) fn texts(&self) -> impl Iterator<Item = (String, &str)> {
        self.publications
            .iter()
            .zip(&self.texts)
            .map(|(p, text)| (source_file(p), text.as_str()))
    }

    /// Each file the corpus was read from, by its name in the directory,
    /// with the fingerprint of what it held.
    pub(crate) fn fingerprints(&self) -> &BTreeMap<String, String> {
        &self.fingerprints
    }
}

/// The path a booklet's quotes cite as their source: `corpus/<file>`,
/// whatever directory the corpus was read from.
fn source_file(publication: &Publication) -> String {
    format!("corpus/{}", publication.file)
}

/// A metadata file parsed, or `None` when it is not there.
fn read_optional<T>(
    path: &Path,
    parse: impl Fn(&str) -> Result<T, String>,
    fingerprints: &mut BTreeMap<String, String>,
) -> Result<Option<T>, CorpusError> {
    if !path.exists() {
        return Ok(None);
    }
    parse(&read(path, fingerprints)?)
        .map(Some)
        .map_err(|reason| CorpusError::BadMetadata {
            path: path.to_path_buf(),
            reason,
        })
}

/// A corpus file's text, its fingerprint noted under its file name.
fn read(path: &Path, fingerprints: &mut BTreeMap<String, String>) -> Result<String, CorpusError> {
    let text = std::fs::read_to_string(path).map_err(|e| CorpusError::Unreadable {
        path: path.to_path_buf(),
        reason: os_error::reason(&e),
    })?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    fingerprints.insert(name.unwrap_or_default(), fingerprint::of(text.as_bytes()));
    Ok(text)
}
