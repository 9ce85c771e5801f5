//! What every handler shares through axum's `State`: the engine in use,
//! which the index watcher swaps for a newer one, and the tally of
//! requests served.

use std::sync::{Arc, RwLock};

use super::tally::Tally;
use crate::search::Engine;

/// The engine in use and the requests counted.
#[derive(Clone)]
pub struct AppState {
    engine: Arc<RwLock<Arc<Engine>>>,
    tally: Arc<Tally>,
}

impl AppState {
    /// State for one engine; the index watcher swaps in newer ones later.
    pub fn new(engine: Engine) -> AppState {
        AppState {
            engine: Arc::new(RwLock::new(Arc::new(engine))),
            tally: Arc::default(),
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

    /// The requests answered since the last summary.
    pub(crate) fn tally(&self) -> &Tally {
        &self.tally
    }
}
