//! `/api/matrix`: counts per combination of two facets over a search, as
//! JSON only.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use super::cache::{Encoding, Key};
use super::error::ErrorBody;
use super::params::{self, Params};
use super::state::AppState;
use crate::error::Error;
use crate::search::filters::Facet;
use crate::search::matrix::{matrix as count, Matrix};

/// What a matrix takes: two axes and a search. The CLI's text and CSV
/// renderings have no HTTP counterpart, so `format` is refused like any
/// other unknown parameter rather than silently ignored.
///
/// The five filter fields are spelt out here and in the other endpoint that
/// filters: serde cannot flatten a shared struct into one that denies
/// unknown fields.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct MatrixParams {
    /// Only quotes at these levels.
    #[serde(default)]
    #[param(style = Form, explode)]
    level: Vec<String>,
    /// Only quotes by these roles.
    #[serde(default)]
    #[param(style = Form, explode)]
    role: Vec<String>,
    /// Only quotes under these chapter headings.
    #[serde(default)]
    #[param(style = Form, explode)]
    theme: Vec<String>,
    /// Only quotes of these topics (ids, see `/api/topics`).
    #[serde(default)]
    #[param(style = Form, explode)]
    topic: Vec<String>,
    /// Only quotes from these publications.
    #[serde(default)]
    #[param(style = Form, explode)]
    publication: Vec<String>,
    /// The facet on the rows.
    #[serde(default, deserialize_with = "params::last")]
    #[param(value_type = Facet, inline, required = true)]
    rows: Option<String>,
    /// The facet on the columns, another than the rows'.
    #[serde(default, deserialize_with = "params::last")]
    #[param(value_type = Facet, inline, required = true)]
    cols: Option<String>,
    /// The search whose quotes are counted; empty counts every quote the
    /// filters admit.
    #[serde(default, deserialize_with = "params::query")]
    // search::MAX_QUERY_CHARS; utoipa takes only a literal (tests.rs checks).
    #[param(max_length = 500)]
    q: String,
}

/// Reads an axis, which is required.
fn read_axis(name: &str, value: Option<&str>) -> Result<Facet, Error> {
    value
        .ok_or_else(|| {
            Error::usage(format!(
                "{name} mangler: en af level, role, theme, topic, publication."
            ))
        })?
        .parse()
}

/// Counts per combination of two axes over a search.
#[utoipa::path(
    get,
    path = "/api/matrix",
    params(MatrixParams),
    responses(
        (status = 200, description = "The matrix.", body = Matrix),
        (status = 400, response = ErrorBody),
    )
)]
pub(crate) async fn matrix(
    State(state): State<AppState>,
    encoding: Encoding,
    Params(params): Params<MatrixParams>,
) -> Result<Response, Error> {
    let engine = state.engine();
    let chosen = [
        &params.level[..],
        &params.role,
        &params.theme,
        &params.topic,
        &params.publication,
    ];
    let key = Key::new(engine.generation(), "matrix")
        .filters(chosen)
        .param("rows", params.rows.as_slice())
        .param("cols", params.cols.as_slice())
        .param("q", &[&params.q]);
    state.answer(&engine, key, encoding, || {
        let rows = read_axis("rows", params.rows.as_deref())?;
        let cols = read_axis("cols", params.cols.as_deref())?;
        let filters = params::filters(&engine, chosen)?;
        count(&engine, rows, cols, &params.q, &filters)
    })
}
