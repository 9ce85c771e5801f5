//! `/api/quotes/{id}…`: one quote (optionally in its context), its citation
//! in a style, and the quotes most like it.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::ErrorBody;
use super::params::{self, Params, QuoteId};
use super::state::AppState;
use crate::cite::{Style, UnknownStyle};
use crate::context::{shown, Shown};
use crate::error::Error;
use crate::search::Similar;

/// What showing a quote takes.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct QuoteParams {
    /// Lines of booklet text before and after.
    #[serde(default, deserialize_with = "params::context")]
    #[param(minimum = 0, maximum = 200, default = 0)]
    context: Option<usize>,
}

/// What citing a quote takes.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct CiteParams {
    /// Citation style.
    #[serde(default, deserialize_with = "params::last")]
    #[param(value_type = Option<Style>, inline)]
    style: Option<String>,
}

/// What finding similar quotes takes.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct SimilarParams {
    /// How many.
    #[serde(default, deserialize_with = "params::limit")]
    #[param(minimum = 0, maximum = 100, default = 5)]
    limit: Option<usize>,
}

/// One quote, optionally with the booklet lines around it.
#[utoipa::path(
    get,
    path = "/api/quotes/{id}",
    params(("id" = String, Path, description = "The quote's id."), QuoteParams),
    responses(
        (status = 200, description = "The quote.", body = Shown),
        (status = 400, response = ErrorBody),
        (status = 404, response = ErrorBody),
    )
)]
pub(crate) async fn quote(
    State(state): State<AppState>,
    QuoteId(id): QuoteId,
    Params(params): Params<QuoteParams>,
) -> Result<Response, Error> {
    let engine = state.engine();
    let shown = shown(&engine, &id, params.context.unwrap_or(0))?;
    Ok(Json(shown).into_response())
}

/// The citation of a quote in a style.
#[utoipa::path(
    get,
    path = "/api/quotes/{id}/cite",
    params(("id" = String, Path, description = "The quote's id."), CiteParams),
    responses(
        (status = 200, description = "The citation.", content(
            (String = "text/plain"),
            (Vec<serde_json::Value> = "application/vnd.citationstyles.csl+json"),
        )),
        (status = 400, response = ErrorBody),
        (status = 404, response = ErrorBody),
    )
)]
pub(crate) async fn cite(
    State(state): State<AppState>,
    QuoteId(id): QuoteId,
    Params(params): Params<CiteParams>,
) -> Result<Response, Error> {
    let style: Style = params
        .style
        .as_deref()
        .unwrap_or(Style::Apa.as_str())
        .parse()
        .map_err(|e: UnknownStyle| Error::usage(e.to_string()))?;
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

/// The quotes most like this one (never itself).
#[utoipa::path(
    get,
    path = "/api/quotes/{id}/similar",
    params(("id" = String, Path, description = "The quote's id."), SimilarParams),
    responses(
        (status = 200, description = "Similar quotes.", body = Similar),
        (status = 400, response = ErrorBody),
        (status = 404, response = ErrorBody),
    )
)]
pub(crate) async fn similar(
    State(state): State<AppState>,
    QuoteId(id): QuoteId,
    Params(params): Params<SimilarParams>,
) -> Result<Response, Error> {
    let limit = params.limit.unwrap_or(5);
    let engine = state.engine();
    Ok(Json(engine.similar(&id, limit)?).into_response())
}
