//! What every handler shares through axum's `State`: the engine in use,
//! which the index watcher swaps for a newer one, and the corpus directory.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use crate::search::Engine;

/// The engine in use and where the booklets are.
#[derive(Clone)]
pub struct AppState {
    engine: Arc<RwLock<Arc<Engine>>>,
    corpus_dir: PathBuf,
}

impl AppState {
    /// State for one engine; `watch_index` swaps in newer ones later. The
    /// context endpoint reads the booklet texts from `corpus_dir`.
    pub fn new(engine: Engine, corpus_dir: PathBuf) -> AppState {
        AppState {
            engine: Arc::new(RwLock::new(Arc::new(engine))),
            corpus_dir,
        }
    }

    /// The engine in use; a request keeps it even if a newer one is swapped
    /// in meanwhile.
    pub(crate) fn engine(&self) -> Arc<Engine> {
        self.engine
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Makes `engine` the one new requests get.
    pub(crate) fn swap(&self, engine: Engine) {
        *self.engine.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(engine);
    }

    /// Where the booklet texts are, for the context around a quote.
    pub(crate) fn corpus_dir(&self) -> &Path {
        &self.corpus_dir
    }
}
