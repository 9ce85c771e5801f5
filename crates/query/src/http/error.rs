//! The one answer to every error: its status by kind (400 for what the
//! client can fix, 404 for what does not exist, 500 only when the index or
//! the output failed) and the body `{"error": "…"}`. A 500 says only that
//! the server failed; what failed (which may name a path on the server)
//! goes to the log.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::{ToResponse, ToSchema};

use crate::error::Error;

/// What a 500 says: the detail is the operator's, in the log.
pub(crate) const SERVER_FAILED: &str =
    "Indekset kan ikke svare på forespørgslen nu; serverens log siger hvorfor.";

/// What went wrong, in one sentence that says what to do instead.
#[derive(Debug, Serialize, ToSchema, ToResponse)]
pub(crate) struct ErrorBody {
    /// The sentence.
    error: String,
}

/// An error answer: `status` with `{"error": message}` in JSON.
pub(crate) fn answer(status: StatusCode, message: impl Into<String>) -> Response {
    let body = ErrorBody {
        error: message.into(),
    };
    (status, Json(body)).into_response()
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        match &self {
            Error::Usage(_) => answer(StatusCode::BAD_REQUEST, self.to_string()),
            Error::NotFound(_) => answer(StatusCode::NOT_FOUND, self.to_string()),
            Error::Index(_) | Error::Output(_) => {
                tracing::warn!("Svarede 500: {self}");
                answer(StatusCode::INTERNAL_SERVER_ERROR, SERVER_FAILED)
            }
        }
    }
}
