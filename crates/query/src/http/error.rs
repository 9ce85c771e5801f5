//! The one answer to every error: its status by kind (400 for what the
//! client can fix, 404 for what does not exist, 500 only when the index or
//! the output failed) and the body `{"error": "…"}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::{ToResponse, ToSchema};

use crate::error::Error;

/// What went wrong, in one sentence that says what to do instead.
#[derive(Debug, Serialize, ToSchema, ToResponse)]
pub(crate) struct ErrorBody {
    /// The sentence.
    error: String,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = match &self {
            Error::Usage(_) => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Index(_) | Error::Output(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let body = ErrorBody {
            error: self.to_string(),
        };
        (status, Json(body)).into_response()
    }
}
