//! What every handler shares through axum's `State`: the engine in use,
//! which the index watcher swaps for a newer one, the answers kept from
//! earlier requests, and the tally of requests served.

use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::cache::{Answers, Encoding, Key};
use super::tally::Tally;
use crate::error::Error;
use crate::search::Engine;

/// The engine in use, the answers kept and the requests counted.
#[derive(Clone)]
pub struct AppState {
    engine: Arc<RwLock<Arc<Engine>>>,
    answers: Arc<Answers>,
    tally: Arc<Tally>,
}

impl AppState {
    /// State for one engine, keeping as many answers as the environment
    /// says (`cache::Answers::for_this_process`); the index watcher swaps in
    /// newer engines later.
    pub fn new(engine: Engine) -> AppState {
        AppState::with_answers(Arc::new(engine), Answers::for_this_process())
    }

    /// State for an engine (which other states may share) keeping at most
    /// `bytes` of answers.
    #[cfg(test)]
    pub(crate) fn with_cache(engine: Arc<Engine>, bytes: usize) -> AppState {
        AppState::with_answers(engine, Answers::new(bytes))
    }

    fn with_answers(engine: Arc<Engine>, answers: Answers) -> AppState {
        AppState {
            engine: Arc::new(RwLock::new(engine)),
            answers: Arc::new(answers),
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

    /// Makes `engine` the one new requests get, and forgets the answers of
    /// the one before.
    pub(crate) fn swap(&self, engine: Engine) {
        *self.engine.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(engine);
        self.answers.clear();
    }

    /// The JSON answer to the request `key` names, in `encoding`: the one
    /// kept from an earlier request, or the one `make` gives, kept for the
    /// next if `engine` (which made it) is still the one in use. An error is
    /// answered and not kept.
    pub(crate) fn answer<T: Serialize>(
        &self,
        engine: &Arc<Engine>,
        key: Key,
        encoding: Encoding,
        make: impl FnOnce() -> Result<T, Error>,
    ) -> Result<Response, Error> {
        let key = key.encoded(encoding);
        if let Some(body) = self.answers.get(&key) {
            return Ok(json(body, encoding));
        }
        let body = encoding.encode(to_json(&make()?)?).map_err(Error::Output)?;
        if Arc::ptr_eq(engine, &self.engine()) {
            self.answers.insert(key, body.clone());
        }
        Ok(json(body, encoding))
    }

    /// The answers kept.
    #[cfg(test)]
    pub(crate) fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The requests answered since the last summary.
    pub(crate) fn tally(&self) -> &Tally {
        &self.tally
    }
}

/// `value` as JSON, written straight into the bytes of the answer.
fn to_json<T: Serialize>(value: &T) -> Result<Bytes, Error> {
    let mut body = Vec::with_capacity(4096);
    serde_json::to_writer(&mut body, value).map_err(|e| Error::Output(e.into()))?;
    Ok(Bytes::from(body))
}

/// A 200 answer of JSON bytes in `encoding`, with the headers `axum::Json`
/// and `tower_http`'s compression would give it.
fn json(body: Bytes, encoding: Encoding) -> Response {
    let media = HeaderValue::from_static("application/json");
    match encoding {
        Encoding::Identity => ([(header::CONTENT_TYPE, media)], body).into_response(),
        Encoding::Gzip => (
            [
                (header::CONTENT_TYPE, media),
                (header::CONTENT_ENCODING, HeaderValue::from_static("gzip")),
                (header::VARY, HeaderValue::from_static("accept-encoding")),
            ],
            body,
        )
            .into_response(),
    }
}
