//! What the API says about the corpus and itself: facet counts over every
//! quote, the topics, the publications, this API's OpenAPI document, and health.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use utoipa::openapi::OpenApi;
use utoipa::{IntoParams, ToSchema};

use super::error::ErrorBody;
use super::params::Params;
use super::state::AppState;
use crate::search::Facets;
use crate::topics::Topics;

/// For the endpoints that take no parameters: any one is refused.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct NoParams {}

/// A booklet with its themes and how many quotes it holds.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PublicationSummary {
    /// The publication id, as the `publication` filter takes it.
    id: String,
    /// The main title as printed.
    title: String,
    /// The main title alone, as each hit's `publication.short_title` names
    /// the booklet: the same as `title` here.
    short_title: String,
    /// Printed below the title.
    subtitle: Option<String>,
    /// The issuing organisation.
    publisher: String,
    /// The printed year; `null` when the booklet prints none.
    year: Option<i32>,
    /// The year as cited: the year, or `u.å.` (lettered when needed).
    year_label: String,
    /// As printed, if it is.
    isbn: Option<String>,
    /// The booklet's APA reference.
    reference: String,
    /// How many quotes it holds.
    quotes: usize,
    /// Its chapters in reading order, with their quote counts.
    themes: Vec<ThemeCount>,
}

/// A chapter and how many quotes it holds.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ThemeCount {
    /// The chapter heading.
    name: String,
    /// How many quotes stand under it.
    quotes: usize,
}

/// Whether the server is up.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Health {
    /// Always `ok`.
    status: &'static str,
    /// How many quotes the index holds.
    quotes: usize,
    /// The index generation served.
    index: String,
}

/// Counts per level, role, theme, topic and publication over the whole
/// corpus.
#[utoipa::path(
    get,
    path = "/api/facets",
    params(NoParams),
    responses(
        (status = 200, description = "Facet counts.", body = Facets),
        (status = 400, response = ErrorBody),
    )
)]
pub(crate) async fn facets(State(state): State<AppState>, _: Params<NoParams>) -> Json<Facets> {
    Json(state.engine().corpus_facets())
}

/// The topics the booklets share, each with its quote counts in all, per
/// booklet and per level.
#[utoipa::path(
    get,
    path = "/api/topics",
    params(NoParams),
    responses(
        (status = 200, description = "The topic vocabulary.", body = Topics),
        (status = 400, response = ErrorBody),
    )
)]
pub(crate) async fn topics(State(state): State<AppState>, _: Params<NoParams>) -> Response {
    Json(crate::topics::topics(&state.engine())).into_response()
}

/// The booklets, with their themes and quote counts.
#[utoipa::path(
    get,
    path = "/api/publications",
    params(NoParams),
    responses(
        (status = 200, description = "Publications.", body = Vec<PublicationSummary>),
        (status = 400, response = ErrorBody),
    )
)]
pub(crate) async fn publications(
    State(state): State<AppState>,
    _: Params<NoParams>,
) -> Json<Vec<PublicationSummary>> {
    let engine = state.engine();
    let citations = engine.citations();
    let tags = engine.tags();
    // One pass over the quotes: each booklet's themes, in reading order,
    // with their counts, by value number.
    let mut by_publication: Vec<Vec<(u32, usize)>> =
        vec![Vec::new(); tags.publication.values().len()];
    for ord in 0..engine.quotes().len() {
        let themes = &mut by_publication[tags.publication.ids(ord)[0] as usize];
        let theme = tags.theme.ids(ord)[0];
        match themes.last_mut().filter(|(t, _)| *t == theme) {
            Some((_, n)) => *n += 1,
            None => match themes.iter_mut().find(|(t, _)| *t == theme) {
                Some((_, n)) => *n += 1,
                None => themes.push((theme, 1)),
            },
        }
    }
    let list = engine
        .publications()
        .iter()
        .map(|p| {
            let counted = tags
                .publication
                .number_of(&p.id)
                .map_or(&[][..], |n| &by_publication[n as usize]);
            let themes: Vec<ThemeCount> = counted
                .iter()
                .map(|&(t, quotes)| ThemeCount {
                    name: tags.theme.values()[t as usize].clone(),
                    quotes,
                })
                .collect();
            let quotes = themes.iter().map(|t| t.quotes).sum();
            PublicationSummary {
                id: p.id.clone(),
                title: p.title.clone(),
                short_title: p.title.clone(),
                subtitle: p.subtitle.clone(),
                publisher: p.publisher.clone(),
                year: p.year,
                year_label: citations.year_label(&p.id),
                isbn: p.isbn.clone(),
                reference: citations.reference(&p.id),
                quotes,
                themes,
            }
        })
        .collect();
    Json(list)
}

/// This document.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    params(NoParams),
    responses(
        (status = 200, description = "OpenAPI 3.1.", body = Object),
        (status = 400, response = ErrorBody),
    )
)]
pub(crate) async fn openapi(
    Extension(document): Extension<Arc<OpenApi>>,
    _: Params<NoParams>,
) -> Response {
    Json(&*document).into_response()
}

/// Whether the server is up, and which index it serves.
#[utoipa::path(
    get,
    path = "/healthz",
    responses((status = 200, description = "Up.", body = Health))
)]
pub(crate) async fn health(State(state): State<AppState>) -> Json<Health> {
    let engine = state.engine();
    Json(Health {
        status: "ok",
        quotes: engine.quotes().len(),
        index: engine.generation().to_string(),
    })
}
