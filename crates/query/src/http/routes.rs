//! What the server answers: the search page's files and the API's
//! endpoints, one list that both the router and the OpenAPI document are
//! made from, so the two cannot drift apart.

use std::sync::Arc;

use axum::http::header;
use axum::routing::{get, MethodRouter};
use axum::{Extension, Router};
use utoipa::OpenApi as _;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

use super::export;
use super::guard::{self, Hosts, REQUEST_TIMEOUT};
use super::matrix;
use super::meta;
use super::openapi::{self, ApiDoc};
use super::outline;
use super::page::ASSETS;
use super::quotes;
use super::search;
use super::state::AppState;
use crate::error::Error;

/// The page's files, each served as it is; the page keeps its state in
/// the address, so these take any parameters.
fn page_routes() -> impl Iterator<Item = (String, MethodRouter<AppState>)> {
    ASSETS.iter().map(|&(path, media, body)| {
        let answer = get(move || async move { ([(header::CONTENT_TYPE, media)], body) });
        (path.to_string(), answer)
    })
}

/// The API's endpoints, each a handler with its OpenAPI operation.
fn api_routes() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![
        routes!(search::search),
        routes!(quotes::quote),
        routes!(quotes::cite),
        routes!(quotes::similar),
        routes!(matrix::matrix),
        routes!(export::export),
        routes!(outline::outline),
        routes!(meta::facets),
        routes!(meta::topics),
        routes!(meta::publications),
        routes!(meta::openapi),
        routes!(meta::health),
    ]
}

/// Every route the server answers, path first: the page's files and the
/// API's endpoints.
pub(crate) fn routes() -> Vec<(String, MethodRouter<AppState>)> {
    let api = api_routes().into_iter().flat_map(|(_, paths, method)| {
        paths
            .paths
            .into_keys()
            .map(move |path| (path, method.clone()))
    });
    page_routes().chain(api).collect()
}

/// The OpenAPI document of every route, read off the handlers and the
/// types they answer with.
pub(crate) fn document() -> utoipa::openapi::OpenApi {
    let api = api_routes().into_iter().fold(
        OpenApiRouter::with_openapi(ApiDoc::openapi()),
        |api, route| api.routes(route),
    );
    let mut document = api.into_openapi();
    for &(path, media, _) in ASSETS {
        document
            .paths
            .paths
            .insert(path.to_string(), openapi::page_file(media));
    }
    document
}

/// The application: every route, the 404 for the rest, and the layers
/// of `guard` (logging, security headers, compression, limits), answering
/// any `Host`.
pub fn app(state: AppState) -> Router {
    app_for(state, Hosts::Any)
}

/// The application answering only requests that name one of `hosts`.
pub(crate) fn app_for(state: AppState, hosts: Hosts) -> Router {
    let router = routes()
        .into_iter()
        .fold(Router::new(), |router, (path, method)| {
            router.route(&path, method)
        })
        .fallback(not_found)
        .layer(Extension(Arc::new(document())));
    guard::layers(router, state, hosts, REQUEST_TIMEOUT)
}

async fn not_found() -> Error {
    Error::NotFound("Siden findes ikke; API'et er beskrevet i /api/openapi.json.".into())
}
