//! Why an index cannot be built or read.

use std::path::{Path, PathBuf};

use crate::corpus::CorpusError;

/// Why an index cannot be built or read.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The corpus the index is built from cannot be used.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// The index directory cannot be read or written.
    #[error("cannot use the index at {}: {reason}", path.display())]
    Io {
        /// The file or directory at fault.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// Tantivy (or a record file) failed: the index is damaged, not the
    /// user's doing.
    #[error("the search index is damaged: {0}")]
    Tantivy(String),
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

/// Turns an I/O error on `path` into an `IndexError::Io`.
pub(crate) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |e| IndexError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
