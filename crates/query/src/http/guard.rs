//! The layers around every route, each small: the security headers, the
//! check that a server on loopback is addressed by a loopback name, the
//! request timeout and the JSON body on every error answer. `layers` puts
//! them around a router in the order they must run.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::Level;

use super::error::answer;
use super::state::AppState;
use super::tally;

/// Requests carry no bodies; anything larger than this is refused.
pub(crate) const MAX_BODY_BYTES: usize = 16 * 1024;

/// How long the server works on one request before it answers 503. The
/// slowest answer (a Word export of a thousand quotes) takes well under a
/// second.
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The page is ES modules and a style sheet from its own origin, fetching
/// the API on the same origin; it has no inline script or style (the heat
/// of a matrix cell is set through the CSSOM, which `style-src` does not
/// govern) and downloads by plain links, so `'self'` is all it needs.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/// Sent with every answer, errors included.
const SECURITY_HEADERS: [(HeaderName, HeaderValue); 4] = [
    (
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    ),
    (
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ),
    (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    // The address holds the search, which need not follow a link away.
    (
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    ),
];

/// Which `Host` a request may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hosts {
    /// Any: the server listens on a public address, reached by any name.
    Any,
    /// Only `localhost`, `127.0.0.1` and `[::1]`: a server on loopback must
    /// not answer a page of another site whose name was made to resolve to
    /// 127.0.0.1 (DNS rebinding).
    Loopback,
}

impl Hosts {
    /// What a server listening on `ip` accepts.
    pub(crate) fn for_ip(ip: std::net::IpAddr) -> Hosts {
        if ip.is_loopback() {
            Hosts::Loopback
        } else {
            Hosts::Any
        }
    }
}

/// `router` with every layer, outermost first: request logging (at DEBUG)
/// and counting, the security headers, compression, the Host check, JSON
/// error bodies, the timeout and the body limit.
pub(crate) fn layers(
    router: Router<AppState>,
    state: AppState,
    hosts: Hosts,
    timeout: Duration,
) -> Router {
    let router = router
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // tower-http's timeout answers an empty 503; `json_errors` gives it
        // its sentence. Not 408, which says the client was slow and which
        // browsers retry on their own.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        .layer(middleware::from_fn_with_state(timeout, json_errors));
    let router = match hosts {
        Hosts::Any => router,
        Hosts::Loopback => router.layer(middleware::from_fn(loopback_host)),
    };
    let router = SECURITY_HEADERS.into_iter().fold(
        router.layer(CompressionLayer::new()),
        |router, (name, value)| router.layer(SetResponseHeaderLayer::overriding(name, value)),
    );
    router
        .layer(middleware::from_fn_with_state(state.clone(), tally::count))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::DEBUG))
                .on_response(DefaultOnResponse::new().level(Level::DEBUG))
                // A 500 is logged at WARN with its cause where it is made
                // (`error.rs`); the per-minute summary counts the rest.
                .on_failure(DefaultOnFailure::new().level(Level::DEBUG)),
        )
        .with_state(state)
}

/// Gives an error answer that has no JSON body (axum's 405, tower-http's
/// 413 and 503) the API's `{"error": "…"}`, keeping its other headers.
async fn json_errors(State(timeout): State<Duration>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let message = match status {
        // axum adds `Allow` outside the route's layers, so it is not seen
        // here, only named.
        StatusCode::METHOD_NOT_ALLOWED => format!(
            "{method} kan ikke bruges her; headeren Allow nævner de metoder, adressen tager."
        ),
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "Forespørgslen har en krop på mere end {} KiB; API'et tager sine parametre i adressen, ikke i en krop.",
            MAX_BODY_BYTES / 1024
        ),
        StatusCode::SERVICE_UNAVAILABLE => format!(
            "Svaret tog mere end {} sekunder; prøv igen, eller gør forespørgslen snævrere.",
            timeout.as_secs_f64()
        ),
        other => format!(
            "Forespørgslen mislykkedes ({} {}); API'et er beskrevet i /api/openapi.json.",
            other.as_u16(),
            other.canonical_reason().unwrap_or("error")
        ),
    };
    let mut json = answer(status, message);
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            json.headers_mut().append(name.clone(), value.clone());
        }
    }
    json
}

/// Refuses (421) a request whose `Host` is not a loopback name; one with
/// no `Host` (HTTP/1.0) passes. The authority of an absolute URI stands
/// for the `Host` header, as HTTP says.
async fn loopback_host(request: Request, next: Next) -> Response {
    let host = match request.uri().authority() {
        Some(authority) => Some(authority.as_str()),
        None => request
            .headers()
            .get(header::HOST)
            .map(|v| v.to_str().unwrap_or("")),
    };
    match host {
        Some(host) if !is_loopback_name(host) => answer(
            StatusCode::MISDIRECTED_REQUEST,
            "Serveren svarer kun på forespørgsler til localhost, 127.0.0.1 eller [::1]; \
             åbn den på en af dem.",
        ),
        _ => next.run(request).await,
    }
}

/// Whether a `Host` value is `localhost`, `127.0.0.1` or `[::1]` (or a
/// bare `::1`), with or without a port.
pub(crate) fn is_loopback_name(host: &str) -> bool {
    let is_loopback = |name: &str| {
        ["localhost", "127.0.0.1", "[::1]", "::1"]
            .iter()
            .any(|loopback| name.eq_ignore_ascii_case(loopback))
    };
    let without_port = match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    is_loopback(host) || is_loopback(without_port)
}
