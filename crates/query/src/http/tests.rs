//! The application answered in process through `tower::ServiceExt::oneshot`,
//! no server: what a handler answers to a bad parameter or an unknown
//! quote, and that the OpenAPI document lists exactly the routes.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use citater_indexer::{Corpus, IndexStore};
use serde_json::Value;
use tower::ServiceExt;

use super::params::{MAX_OFFSET, MAX_QUERY_CHARS};
use super::routes::{app, routes};
use super::state::AppState;
use crate::context::MAX_CONTEXT;
use crate::search::{Engine, MAX_LIMIT};

/// One engine over the real corpus, built in memory once for every test.
fn state() -> AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE
        .get_or_init(|| {
            let corpus_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
            let corpus = Corpus::load(&corpus_dir).expect("the corpus loads");
            let loaded = IndexStore::build_in_memory(&corpus).expect("the index builds");
            let engine = Engine::from_loaded(loaded).expect("the index opens");
            AppState::new(engine)
        })
        .clone()
}

/// The status, content type and body of `GET target`.
async fn get(target: &str) -> (StatusCode, String, Vec<u8>) {
    let request = Request::get(target).body(Body::empty()).unwrap();
    let response = app(state()).oneshot(request).await.unwrap();
    let status = response.status();
    let media = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, media, body.to_vec())
}

/// The sentence of an error answer, checking it is one: this status and
/// `{"error": "…"}` in JSON.
async fn error(target: &str, status: StatusCode) -> String {
    let (got, media, body) = get(target).await;
    assert_eq!(got, status, "{target}: {}", String::from_utf8_lossy(&body));
    assert!(media.starts_with("application/json"), "{target}: {media}");
    let body: Value = serde_json::from_slice(&body).unwrap();
    let object = body.as_object().unwrap();
    assert_eq!(object.len(), 1, "{target}: {body}");
    object["error"].as_str().unwrap().to_string()
}

async fn json(target: &str) -> Value {
    let (status, media, body) = get(target).await;
    assert_eq!(status, StatusCode::OK, "{target}");
    assert!(media.starts_with("application/json"), "{target}: {media}");
    serde_json::from_slice(&body).unwrap()
}

#[tokio::test]
async fn an_unknown_parameter_is_refused_naming_the_allowed_ones() {
    assert_eq!(
        error("/api/search?colour=blue", StatusCode::BAD_REQUEST).await,
        "unknown parameter 'colour'; this endpoint takes: \
         level, role, theme, topic, publication, q, limit, offset"
    );
    // The CLI's matrix formats have no HTTP counterpart.
    let refused = error(
        "/api/matrix?rows=level&cols=theme&format=csv",
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(
        refused.starts_with("unknown parameter 'format'"),
        "{refused}"
    );
    assert_eq!(
        error("/api/facets?level=leder", StatusCode::BAD_REQUEST).await,
        "unknown parameter 'level'; this endpoint takes: "
    );
}

#[tokio::test]
async fn a_bad_number_is_refused_with_a_sentence() {
    assert_eq!(
        error("/api/search?limit=abc", StatusCode::BAD_REQUEST).await,
        "limit must be a whole number from 0 to 100, not 'abc'"
    );
    assert_eq!(
        error("/api/search?offset=10001", StatusCode::BAD_REQUEST).await,
        "offset must be at most 10000"
    );
    let long = "a".repeat(501);
    assert_eq!(
        error(&format!("/api/search?q={long}"), StatusCode::BAD_REQUEST).await,
        "the query is longer than 500 characters"
    );
}

#[tokio::test]
async fn the_last_of_repeated_values_wins_and_empty_ones_are_ignored() {
    let page = json("/api/search?limit=abc&limit=3&level=&q=ledelse").await;
    assert_eq!(page["hits"].as_array().unwrap().len(), 3);
    assert_eq!(
        json("/api/search?limit=").await["hits"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
    error("/api/search?limit=3&limit=abc", StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn an_unknown_quote_is_not_found() {
    for target in [
        "/api/quotes/no-such-quote",
        "/api/quotes/no-such-quote/cite",
        "/api/quotes/no-such-quote/similar",
        "/api/nope",
    ] {
        error(target, StatusCode::NOT_FOUND).await;
    }
}

#[tokio::test]
async fn the_openapi_document_lists_exactly_the_routes() {
    let document = json("/api/openapi.json").await;
    assert_eq!(document["openapi"], "3.1.0");
    let documented: BTreeSet<String> = document["paths"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let routed: BTreeSet<String> = routes().into_iter().map(|(path, _)| path).collect();
    assert_eq!(documented, routed);
    let search = &document["paths"]["/api/search"]["get"];
    let names: Vec<&str> = search["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "level",
            "role",
            "theme",
            "topic",
            "publication",
            "q",
            "limit",
            "offset"
        ]
    );
    let schemas = document["components"]["schemas"].as_object().unwrap();
    for name in [
        "SearchResponse",
        "Hit",
        "Quote",
        "Matched",
        "How",
        "Facets",
        "Matrix",
    ] {
        assert!(schemas.contains_key(name), "no schema {name}");
    }
}

#[tokio::test]
async fn the_documented_limits_are_the_checked_ones() {
    let document = json("/api/openapi.json").await;
    let schema = |path: &str, name: &str| -> Value {
        document["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{path} does not document {name}"))["schema"]
            .clone()
    };
    let q = schema("/api/search", "q");
    assert_eq!(q["maxLength"], MAX_QUERY_CHARS);
    assert_eq!(schema("/api/matrix", "q")["maxLength"], MAX_QUERY_CHARS);
    assert_eq!(schema("/api/search", "limit")["maximum"], MAX_LIMIT);
    assert_eq!(schema("/api/search", "offset")["maximum"], MAX_OFFSET);
    assert_eq!(
        schema("/api/quotes/{id}/similar", "limit")["maximum"],
        MAX_LIMIT
    );
    assert_eq!(
        schema("/api/quotes/{id}", "context")["maximum"],
        MAX_CONTEXT
    );
    // Just past each limit is refused.
    for target in [
        format!("/api/search?limit={}", MAX_LIMIT + 1),
        format!("/api/search?offset={}", MAX_OFFSET + 1),
        format!("/api/quotes/x/similar?limit={}", MAX_LIMIT + 1),
        format!("/api/quotes/x?context={}", MAX_CONTEXT + 1),
    ] {
        error(&target, StatusCode::BAD_REQUEST).await;
    }
}

/// The sentence of a JSON error answer.
fn sentence(headers: &header::HeaderMap, body: &[u8]) -> String {
    let media = headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap();
    assert!(media.starts_with("application/json"), "{media}");
    let body: Value = serde_json::from_slice(body).unwrap();
    assert_eq!(body.as_object().unwrap().len(), 1, "{body}");
    body["error"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_server_error_names_no_path_of_the_server() {
    use axum::response::IntoResponse;

    use crate::error::Error;

    for error in [
        Error::Index("cannot read /srv/citater/index/gen-1/meta.json: permission denied".into()),
        Error::Output(std::io::Error::other(
            "/srv/citater/tmp: no space left on device",
        )),
    ] {
        let response = error.into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let (parts, body) = response.into_parts();
        let body = to_bytes(body, usize::MAX).await.unwrap();
        let message = sentence(&parts.headers, &body);
        assert_eq!(message, super::error::SERVER_FAILED);
        assert!(!message.contains("/srv"), "{message}");
    }
    // What the client can fix is still said as it is.
    let usage = Error::usage("limit must be at most 100").into_response();
    assert_eq!(usage.status(), StatusCode::BAD_REQUEST);
    let body = to_bytes(usage.into_body(), usize::MAX).await.unwrap();
    assert_eq!(body, r#"{"error":"limit must be at most 100"}"#);
}
