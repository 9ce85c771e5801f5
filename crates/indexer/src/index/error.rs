//! Why an index cannot be built or read.

use std::path::{Path, PathBuf};

use crate::corpus::CorpusError;

/// Why an index cannot be built or read. Each names what is at fault and,
/// where the user can mend it, how.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The corpus the index is built from cannot be used.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// The index directory or one of its files cannot be read.
    #[error("cannot read the index at {}: {reason}", path.display())]
    Io {
        /// The file or directory at fault.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// A new generation cannot be written (a full disk, a read-only
    /// directory): the current one is left as it was.
    #[error("cannot write the index at {}: {reason}", path.display())]
    Write {
        /// The file or directory at fault.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// Tantivy failed while indexing: not the user's doing.
    #[error("the search library failed: {0}")]
    Tantivy(String),
    /// A generation on disk is not whole (a file missing, truncated or
    /// changed), was built by another schema, or does not agree with
    /// itself; it is never searched.
    #[error("the index generation {generation} cannot be used: {reason}")]
    Unusable {
        /// The generation's directory name.
        generation: String,
        /// What is wrong with it.
        reason: String,
    },
    /// `CURRENT` holds something other than a generation's name (a path,
    /// nothing, garbage), which is never followed.
    #[error("{} does not name an index generation ('{content}')", path.display())]
    BadCurrent {
        /// The `CURRENT` file.
        path: PathBuf,
        /// What it holds, shortened.
        content: String,
    },
    /// No generation is current: the index was never built here.
    #[error("there is no index in {}; run `citater index` to build it", dir.display())]
    Missing {
        /// The index directory.
        dir: PathBuf,
    },
}

impl From<tantivy::TantivyError> for IndexError {
    fn from(e: tantivy::TantivyError) -> Self {
        IndexError::Tantivy(e.to_string())
    }
}

/// Turns an I/O error reading `path` into an `IndexError::Io`.
pub(crate) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |e| IndexError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// Turns an I/O error writing `path` into an `IndexError::Write`.
pub(crate) fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |e| IndexError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
