//! The HTTP face: the search page and a JSON API over the same library the
//! CLI uses, answering with the same JSON.
//!
//! The engine is opened once and shared through `State`. A watcher notices
//! when `citater index` (in any process) makes a new generation current,
//! opens it beside the one in use and swaps it in; requests under way finish
//! on the engine they started with, so a rebuild never fails a request.
//! Every input is checked and answered with a clear 400 (or 404 for an
//! unknown quote); nothing a client sends can make the server fail.

pub mod openapi;
mod page;

use std::net::SocketAddr;
use std::path::{Path as FsPath, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::{Json, Router};
use citater_indexer::IndexStore;
use serde_json::json;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::cite::Style;
use crate::context::{context, Shown, MAX_CONTEXT};
use crate::error::Error;
use crate::export::{self, Format};
use crate::search::filters::Facet;
use crate::search::matrix::matrix;
use crate::search::{Engine, SearchRequest, MAX_LIMIT};

/// The longest query the API reads.
pub const MAX_QUERY_CHARS: usize = 500;
/// The furthest into a result list a client may page.
pub const MAX_OFFSET: usize = 10_000;
/// The most quotes one export may name.
pub const MAX_EXPORT_IDS: usize = 1_000;
/// Requests carry no bodies; anything larger than this is refused.
const MAX_BODY_BYTES: usize = 16 * 1024;
/// How often the watcher looks for a new index generation.
const RELOAD_EVERY: Duration = Duration::from_millis(500);

/// What every handler shares: the engine in use and where things live.
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
    fn engine(&self) -> Arc<Engine> {
        self.engine
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn swap(&self, engine: Engine) {
        *self.engine.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(engine);
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = match &self {
            Error::Usage(_) => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Index(_) | Error::Output(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        (status, Json(json!({ "error": self.to_string() }))).into_response()
    }
}

/// Every route the server answers, path first: the router and the OpenAPI
/// document are both made from this list, so they cannot drift apart.
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    let page = page::ASSETS.iter().map(|&(path, media, body)| {
        let file = move || async move { ([(header::CONTENT_TYPE, media)], body) };
        (path, get(file))
    });
    page.chain([
        ("/api/search", get(search)),
        ("/api/quotes/{id}", get(quote)),
        ("/api/quotes/{id}/cite", get(cite)),
        ("/api/quotes/{id}/similar", get(similar)),
        ("/api/matrix", get(matrix_handler)),
        ("/api/export", get(export_handler)),
        ("/api/facets", get(facets)),
        ("/api/publications", get(publications)),
        ("/api/openapi.json", get(openapi)),
        ("/healthz", get(health)),
    ])
    .collect()
}

/// The application: routes, compression, request logging and limits.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for (path, method) in routes() {
        router = router.route(path, method);
    }
    router
        .fallback(not_found)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// Serves until Ctrl-C or SIGTERM, then lets requests under way finish.
pub fn serve(addr: &str, index_dir: &FsPath, corpus_dir: &FsPath) -> Result<(), Error> {
    let addr: SocketAddr = addr.parse().map_err(|_| {
        Error::usage(format!(
            "'{addr}' is not an address to listen on, like 127.0.0.1:7878"
        ))
    })?;
    init_logging();
    let engine = Engine::open(index_dir, corpus_dir, &mut |m| tracing::info!("{m}"))?;
    let state = AppState::new(engine, corpus_dir.to_path_buf());
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|e| Error::Index(format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::usage(format!("cannot listen on {addr}: {e}")))?;
        tracing::info!(
            "citater serving on http://{}",
            listener.local_addr().unwrap_or(addr)
        );
        tokio::spawn(watch_index(state.clone(), IndexStore::new(index_dir)));
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| Error::Index(format!("the server stopped: {e}")))
    })
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_http=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Swaps in a new index generation when one becomes current.
pub async fn watch_index(state: AppState, store: IndexStore) {
    loop {
        tokio::time::sleep(RELOAD_EVERY).await;
        let Some(current) = store.current() else {
            continue;
        };
        if current == state.engine().generation() {
            continue;
        }
        let store = store.clone();
        let loaded = tokio::task::spawn_blocking(move || {
            store
                .load()
                .map_err(Error::from)
                .and_then(Engine::from_loaded)
        })
        .await;
        match loaded {
            Ok(Ok(engine)) => {
                tracing::info!("switched to index {}", engine.generation());
                state.swap(engine);
            }
            Ok(Err(e)) => tracing::warn!("cannot open the new index yet: {e}"),
            Err(e) => tracing::warn!("cannot open the new index: {e}"),
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
    tracing::info!("shutting down");
}

async fn not_found() -> Error {
    Error::NotFound("there is no such page; the API is described at /api/openapi.json".into())
}

/// Query parameters, read by hand so that repeated filters work and every
/// malformed value gets a clear 400 instead of a framework rejection.
struct Params(Vec<(String, String)>);

impl Params {
    fn read(raw: Option<String>, allowed: &[&str]) -> Result<Params, Error> {
        let raw = raw.unwrap_or_default();
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
            .into_owned()
            .collect();
        if let Some((name, _)) = pairs.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
            return Err(Error::usage(format!(
                "unknown parameter '{}'; this endpoint takes: {}",
                truncate(name),
                allowed.join(", ")
            )));
        }
        Ok(Params(pairs))
    }

    fn one(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn number(&self, name: &str, default: usize, max: usize) -> Result<usize, Error> {
        match self.one(name) {
            None | Some("") => Ok(default),
            Some(v) => match v.trim().parse::<usize>() {
                Ok(n) if n <= max => Ok(n),
                Ok(_) => Err(Error::usage(format!("{name} must be at most {max}"))),
                Err(_) => Err(Error::usage(format!(
                    "{name} must be a whole number from 0 to {max}, not '{}'",
                    truncate(v)
                ))),
            },
        }
    }

    fn query(&self) -> Result<String, Error> {
        let q = self.one("q").unwrap_or("");
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(Error::usage(format!(
                "the query is longer than {MAX_QUERY_CHARS} characters"
            )));
        }
        Ok(q.to_string())
    }

    fn filters(&self, engine: &Engine) -> Result<crate::search::filters::Filters, Error> {
        let mut raw = Vec::new();
        for facet in Facet::ALL {
            raw.extend(
                self.all(facet.as_str())
                    .filter(|v| !v.is_empty())
                    .map(|v| (facet, v.to_string())),
            );
        }
        engine.filters(&raw)
    }
}

/// Echoing a hostile value back whole would make the error unreadable.
fn truncate(value: &str) -> String {
    let mut s: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        s.push('…');
    }
    s
}

const FILTERS: [&str; 4] = ["level", "role", "theme", "publication"];

fn with_filters(extra: &[&'static str]) -> Vec<&'static str> {
    let mut all = FILTERS.to_vec();
    all.extend_from_slice(extra);
    all
}

fn quote_id(path: Result<Path<String>, PathRejection>) -> Result<String, Error> {
    let Path(id) = path.map_err(|_| Error::usage("the quote id in the address is not readable"))?;
    Ok(id)
}

async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, Error> {
    let params = Params::read(raw, &with_filters(&["q", "limit", "offset"]))?;
    let engine = state.engine();
    let request = SearchRequest {
        query: params.query()?,
        filters: params.filters(&engine)?,
        limit: params.number("limit", 10, MAX_LIMIT)?,
        offset: params.number("offset", 0, MAX_OFFSET)?,
    };
    let response = engine.search(&request)?;
    Ok(Json(response).into_response())
}

async fn quote(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Error> {
    let id = quote_id(path)?;
    let params = Params::read(raw, &["context"])?;
    let around = params.number("context", 0, MAX_CONTEXT)?;
    let engine = state.engine();
    let cited = engine.quote(&id)?;
    let context = if around > 0 {
        Some(context(&state.corpus_dir, cited.quote, around)?)
    } else {
        None
    };
    Ok(Json(Shown {
        quote: cited,
        context,
    })
    .into_response())
}

async fn cite(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Error> {
    let id = quote_id(path)?;
    let params = Params::read(raw, &["style"])?;
    let style: Style = params
        .one("style")
        .unwrap_or("apa")
        .parse()
        .map_err(|e: crate::cite::UnknownStyle| Error::usage(e.to_string()))?;
    let engine = state.engine();
    let quote = engine.quote(&id)?.quote;
    let text = engine.citations().format(quote, style);
    let media = if style == Style::CslJson {
        "application/vnd.citationstyles.csl+json; charset=utf-8"
    } else {
        "text/plain; charset=utf-8"
    };
    Ok(([(header::CONTENT_TYPE, media)], text).into_response())
}

async fn similar(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Error> {
    let id = quote_id(path)?;
    let params = Params::read(raw, &["limit"])?;
    let limit = params.number("limit", 5, MAX_LIMIT)?;
    let engine = state.engine();
    let hits = engine.similar(&id, limit)?;
    Ok(Json(json!({ "id": id, "hits": hits })).into_response())
}

/// Counts as JSON only: the CLI's text and CSV renderings have no HTTP
/// counterpart, so `format` is refused like any other unknown parameter
/// rather than silently ignored.
async fn matrix_handler(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Error> {
    let params = Params::read(raw, &with_filters(&["rows", "cols", "q"]))?;
    let engine = state.engine();
    let axis = |name: &str| -> Result<Facet, Error> {
        params
            .one(name)
            .ok_or_else(|| {
                Error::usage(format!(
                    "{name} is required: one of level, role, theme, publication"
                ))
            })?
            .parse()
    };
    let m = matrix(
        &engine,
        axis("rows")?,
        axis("cols")?,
        &params.query()?,
        &params.filters(&engine)?,
    )?;
    Ok(Json(m).into_response())
}

async fn export_handler(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Error> {
    let params = Params::read(raw, &["ids", "format"])?;
    let format = Format::parse(
        params.one("format").unwrap_or("md"),
        &["md", "csv", "ris", "bibtex", "csl-json", "jsonl"],
    )?;
    let ids: Vec<&str> = params
        .one("ids")
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() {
        return Err(Error::usage(
            "ids is required: quote ids separated by commas",
        ));
    }
    if ids.len() > MAX_EXPORT_IDS {
        return Err(Error::usage(format!(
            "an export may name at most {MAX_EXPORT_IDS} quotes"
        )));
    }
    let engine = state.engine();
    let mut quotes = Vec::with_capacity(ids.len());
    for id in &ids {
        quotes.push(engine.quote(id)?.quote);
    }
    let mut body = Vec::new();
    export::write(&mut body, &quotes, format, engine.citations())?;
    let (media, extension) = format.media();
    let disposition = format!("attachment; filename=\"mine-citater.{extension}\"");
    Ok((
        [
            (header::CONTENT_TYPE, media.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

async fn facets(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, Error> {
    Params::read(raw, &[])?;
    Ok(Json(state.engine().corpus_facets()).into_response())
}

async fn publications(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Error> {
    Params::read(raw, &[])?;
    let engine = state.engine();
    let list: Vec<serde_json::Value> = engine
        .publications()
        .iter()
        .map(|p| {
            let quotes: Vec<_> = engine.quotes().iter().filter(|q| q.publication.id == p.id).collect();
            let mut themes: Vec<(String, usize)> = Vec::new();
            for q in &quotes {
                match themes.iter_mut().find(|(t, _)| *t == q.theme) {
                    Some((_, n)) => *n += 1,
                    None => themes.push((q.theme.clone(), 1)),
                }
            }
            json!({
                "id": p.id,
                "title": p.title,
                "subtitle": p.subtitle,
                "publisher": p.publisher,
                "year": p.year,
                "year_label": engine.citations().year_label(&p.id),
                "isbn": p.isbn,
                "reference": engine.citations().reference(&p.id),
                "quotes": quotes.len(),
                "themes": themes.iter().map(|(t, n)| json!({"name": t, "quotes": n})).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(Json(list).into_response())
}

async fn openapi(RawQuery(raw): RawQuery) -> Result<Response, Error> {
    Params::read(raw, &[])?;
    Ok(Json(openapi::document()).into_response())
}

async fn health(State(state): State<AppState>) -> Response {
    let engine = state.engine();
    Json(json!({
        "status": "ok",
        "quotes": engine.quotes().len(),
        "index": engine.generation(),
    }))
    .into_response()
}
