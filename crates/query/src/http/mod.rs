//! The HTTP face: the search page and a JSON API over the same library the
//! CLI uses, answering with the same JSON.
//!
//! `routes` lists what the server answers and makes the application and
//! its OpenAPI document from that one list; the handlers live by resource
//! (`search`, `quotes`, `matrix`, `export`, `outline`, `meta`), read their requests
//! through `params` and answer errors through `error`; `guard` puts the
//! layers around them (security headers, the Host check, timeout, limits,
//! logging) and `server` serves connections (header timeout, connection
//! cap). `cache` keeps recent search and matrix answers in memory, by the
//! generation that made them. This file starts the server: the engine is
//! opened once and shared through `State`;
//! a watcher notices when `citater index` (in any process) makes a new
//! generation current, opens it beside the one in use and swaps it in, so
//! requests under way finish on the engine they started with, a rebuild
//! never fails a request, and the answers kept are forgotten. Every input
//! is checked and answered with a clear 400 (or 404 for an unknown quote);
//! nothing a client sends can make the server fail.

mod cache;
mod error;
mod export;
mod guard;
mod matrix;
mod meta;
mod openapi;
mod outline;
mod page;
mod params;
mod quotes;
mod routes;
mod search;
mod server;
mod state;
mod tally;
#[cfg(test)]
mod tests;

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use citater_indexer::{IndexStore, Residence};

pub use routes::app;
pub use state::AppState;

use crate::error::Error;
use crate::search::Engine;

/// How often the watcher looks for a new index generation.
const RELOAD_EVERY: Duration = Duration::from_millis(500);

/// Serves until Ctrl-C or SIGTERM, then lets requests under way finish.
pub fn serve(addr: &str, index_dir: &Path, corpus_dir: &Path) -> Result<(), Error> {
    let addr: SocketAddr = addr.parse().map_err(|_| {
        Error::usage(format!(
            "»{}« er ikke en adresse at lytte på, som 127.0.0.1:7878.",
            crate::error::echo(addr)
        ))
    })?;
    init_logging();
    let engine = Engine::open(index_dir, corpus_dir, Residence::Memory, &mut |m| {
        tracing::info!("{m}")
    })?;
    let state = AppState::new(engine);
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|e| Error::Index(format!("Serveren kan ikke starte: {e}.")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::usage(format!("Der kan ikke lyttes på {addr}: {e}.")))?;
        tracing::info!(
            "citater svarer på http://{}",
            listener.local_addr().unwrap_or(addr)
        );
        tokio::spawn(watch_index(
            state.clone(),
            IndexStore::new(index_dir).held(Residence::Memory),
        ));
        tokio::spawn(tally::log_summaries(state.clone(), tally::SUMMARY_EVERY));
        let limits = server::Limits::for_this_process();
        tracing::debug!("serving with {limits:?}");
        let app = routes::app_for(state, guard::Hosts::for_ip(addr.ip()));
        server::serve(listener, app, limits, shutdown_signal()).await;
        Ok(())
    })
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Swaps in a new index generation when one becomes current. A generation
/// that cannot be used (or a `CURRENT` that names none) is reported once and
/// not read again: the server keeps serving the one it has until `CURRENT`
/// names another.
async fn watch_index(state: AppState, store: IndexStore) {
    let mut refused: Option<String> = None;
    loop {
        tokio::time::sleep(RELOAD_EVERY).await;
        let current = match store.current() {
            Ok(Some(current)) => current,
            Ok(None) => continue,
            Err(e) => {
                let why = e.to_string();
                if refused.as_ref() != Some(&why) {
                    tracing::warn!(
                        "{why}; serveren bruger fortsat indekset {}.",
                        state.engine().generation()
                    );
                    refused = Some(why);
                }
                continue;
            }
        };
        if current == state.engine().generation() || refused.as_ref() == Some(&current) {
            continue;
        }
        let (store, named) = (store.clone(), current.clone());
        // Why it cannot be swapped in, as the start of a sentence.
        let loaded = tokio::task::spawn_blocking(move || {
            let loaded = store.load().map_err(|e| e.to_string())?;
            Engine::from_loaded(loaded).map_err(|e| {
                let why = e.to_string();
                format!(
                    "Indekset {named} kan ikke tages i brug: {}",
                    why.trim_end_matches('.')
                )
            })
        })
        .await;
        match loaded {
            Ok(Ok(engine)) => {
                tracing::info!("Skiftede til indekset {}.", engine.generation());
                state.swap(engine);
                refused = None;
            }
            Ok(Err(e)) => {
                tracing::warn!(
                    "{e}; serveren bruger fortsat indekset {}.",
                    state.engine().generation()
                );
                refused = Some(current);
            }
            Err(e) => tracing::warn!("Det nye indeks kan ikke åbnes: {e}."),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("Lukker ned.");
}
