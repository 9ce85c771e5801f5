//! The HTTP face (work in progress).

use std::path::Path;

use crate::error::Error;

/// Serves the search page and the JSON API.
pub fn serve(_addr: &str, _index_dir: &Path, _corpus_dir: &Path) -> Result<(), Error> {
    Err(Error::usage("serve is not available yet"))
}
