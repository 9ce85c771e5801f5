//! The booklets' outlines: each heading tree with its lines and counts.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::ErrorBody;
use super::params::{self, Params};
use super::state::AppState;
use crate::error::Error;
use crate::outline::{outlines, Outlines};

/// What asking for outlines takes.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct OutlineParams {
    /// Only this booklet, by publication id; every booklet when absent.
    #[serde(default, deserialize_with = "params::last")]
    publication: Option<String>,
}

/// Each booklet's heading tree: chapters (themes) over their sections
/// (subthemes), with the lines they stand on and the quotes under each.
#[utoipa::path(
    get,
    path = "/api/outline",
    params(OutlineParams),
    responses(
        (status = 200, description = "The outlines.", body = Outlines),
        (status = 400, response = ErrorBody),
    )
)]
pub(crate) async fn outline(
    State(state): State<AppState>,
    Params(params): Params<OutlineParams>,
) -> Result<Response, Error> {
    let engine = state.engine();
    let answer = outlines(&engine, params.publication.as_deref())?;
    Ok(Json(answer).into_response())
}
