//! Why an index cannot be built or read.

use std::path::{Path, PathBuf};

use crate::corpus::CorpusError;
use crate::os_error;

/// Why an index cannot be built or read. Each names what is at fault and,
/// where the user can mend it, how: in Danish, as the start of a sentence
/// without its full stop, which the face that shows it adds (after any
/// advice of its own, `…; kør citater index …`).
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The corpus the index is built from cannot be used.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// The index directory or one of its files cannot be read.
    #[error("Indekset kan ikke læses fra {}: {reason}", path.display())]
    Io {
        /// The file or directory at fault.
        path: PathBuf,
        /// What the operating system said, in Danish where it is common.
        reason: String,
    },
    /// A new generation cannot be written (a full disk, a read-only
    /// directory): the current one is left as it was.
    #[error("Indekset kan ikke skrives til {}: {reason}", path.display())]
    Write {
        /// The file or directory at fault.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// Tantivy failed while indexing: not the user's doing.
    #[error("Søgebiblioteket fejlede: {0}")]
    Tantivy(String),
    /// A generation on disk is not whole (a file missing, truncated or
    /// changed), was built by another schema, or does not agree with
    /// itself; it is never searched.
    #[error("Indeksgenerationen {generation} kan ikke bruges: {reason}")]
    Unusable {
        /// The generation's directory name.
        generation: String,
        /// What is wrong with it.
        reason: String,
    },
    /// `CURRENT` holds something other than a generation's name (a path,
    /// nothing, garbage), which is never followed.
    #[error(
        "{} angiver ikke en indeksgeneration (den indeholder »{content}«)",
        path.display()
    )]
    BadCurrent {
        /// The `CURRENT` file.
        path: PathBuf,
        /// What it holds, shortened.
        content: String,
    },
    /// No generation is current: the index was never built here.
    #[error("Der er intet indeks i {}; kør `citater index` for at bygge det", dir.display())]
    Missing {
        /// The index directory.
        dir: PathBuf,
    },
}

impl From<tantivy::TantivyError> for IndexError {
    fn from(e: tantivy::TantivyError) -> Self {
        IndexError::Tantivy(tantivy_reason(&e))
    }
}

/// What tantivy said, the system's part of it worded as
/// [`os_error::reason`] words it (tantivy's own wording of an I/O error
/// is English, in quotes).
pub(crate) fn tantivy_reason(e: &tantivy::TantivyError) -> String {
    match e {
        tantivy::TantivyError::IoError(io) => os_error::reason(io),
        e => e.to_string(),
    }
}

/// Why tantivy cannot open a directory to write an index into, worded as
/// [`os_error::reason`] words it (tantivy's own text is a debug dump).
pub(crate) fn directory_reason(e: &tantivy::directory::error::OpenDirectoryError) -> String {
    use tantivy::directory::error::OpenDirectoryError;
    match e {
        OpenDirectoryError::DoesNotExist(_) => "mappen findes ikke".to_string(),
        OpenDirectoryError::NotADirectory(_) => "stien er ikke en mappe".to_string(),
        OpenDirectoryError::FailedToCreateTempDir(io)
        | OpenDirectoryError::IoError { io_error: io, .. } => os_error::reason(io),
    }
}

/// Turns an I/O error reading `path` into an `IndexError::Io`.
pub(crate) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |e| IndexError::Io {
        path: path.to_path_buf(),
        reason: os_error::reason(&e),
    }
}

/// Turns an I/O error writing `path` into an `IndexError::Write`.
pub(crate) fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |e| IndexError::Write {
        path: path.to_path_buf(),
        reason: os_error::reason(&e),
    }
}
