//! The application answered in process through `tower::ServiceExt::oneshot`,
//! no server: what a handler answers to a bad parameter or an unknown
//! quote, that the OpenAPI document lists exactly the routes, and that the
//! answers kept in memory are the ones a search would give.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use citater_indexer::{Corpus, IndexStore};
use serde_json::Value;
use tower::ServiceExt;

use super::cache::DEFAULT_BYTES;
use super::params::MAX_OFFSET;
use super::routes::{app, routes};
use super::state::AppState;
use crate::context::MAX_CONTEXT;
use crate::search::{Engine, MAX_LIMIT, MAX_QUERY_CHARS};

/// An engine over the corpus in `dir`, built in memory.
fn engine_of(dir: &Path) -> Engine {
    let corpus = Corpus::load(dir).expect("the corpus loads");
    let loaded = IndexStore::build_in_memory(&corpus).expect("the index builds");
    Engine::from_loaded(loaded).expect("the index opens")
}

fn corpus_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// One engine over the real corpus, built once for every test.
fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| Arc::new(engine_of(&corpus_dir())))
        .clone()
}

/// The state most tests share, over `engine()`.
fn state() -> AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE
        .get_or_init(|| AppState::with_cache(engine(), DEFAULT_BYTES))
        .clone()
}

/// The status, content type and body of `GET target`.
async fn get(target: &str) -> (StatusCode, String, Vec<u8>) {
    get_in(&state(), target).await
}

/// The status, content type and body of `GET target` answered with `state`.
async fn get_in(state: &AppState, target: &str) -> (StatusCode, String, Vec<u8>) {
    let request = Request::get(target).body(Body::empty()).unwrap();
    let response = app(state.clone()).oneshot(request).await.unwrap();
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
        "Ukendt parameter »colour«; denne adresse tager: \
         level, role, theme, topic, publication, q, limit, offset."
    );
    // The CLI's matrix formats have no HTTP counterpart.
    let refused = error(
        "/api/matrix?rows=level&cols=theme&format=csv",
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(
        refused.starts_with("Ukendt parameter »format«"),
        "{refused}"
    );
    assert_eq!(
        error("/api/facets?level=leder", StatusCode::BAD_REQUEST).await,
        "Ukendt parameter »level«; denne adresse tager: ."
    );
}

#[tokio::test]
async fn a_bad_number_is_refused_with_a_sentence() {
    assert_eq!(
        error("/api/search?limit=abc", StatusCode::BAD_REQUEST).await,
        "limit skal være et helt tal fra 0 til 100, ikke »abc«."
    );
    assert_eq!(
        error("/api/search?offset=10001", StatusCode::BAD_REQUEST).await,
        "offset må højst være 10000."
    );
    let long = "a".repeat(501);
    assert_eq!(
        error(&format!("/api/search?q={long}"), StatusCode::BAD_REQUEST).await,
        "Søgningen er længere end 500 tegn."
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
    assert_eq!(
        error("/api/quotes/no-such-quote", StatusCode::NOT_FOUND).await,
        "Intet citat har id'et »no-such-quote«; `citater search` viser citaternes id'er."
    );
    assert_eq!(
        error("/api/nope", StatusCode::NOT_FOUND).await,
        "Siden findes ikke; API'et er beskrevet i /api/openapi.json."
    );
}

#[tokio::test]
async fn a_filter_value_meets_the_corpus_however_its_letters_are_typed() {
    let canonical = json("/api/search?q=tillid&level=direkt%C3%B8r").await;
    assert!(canonical["total"].as_u64().unwrap() > 0);
    // The answer says which value it applied, so the page can show it.
    assert_eq!(
        canonical["filters"],
        serde_json::json!({"level": ["direktør"]})
    );
    for typed in ["direktor", "direktoer", "DIREKT%C3%98R", "Direktor"] {
        let folded = json(&format!("/api/search?q=tillid&level={typed}")).await;
        assert_eq!(folded, canonical, "{typed}");
    }
    assert_eq!(
        json("/api/search?role=Strategisk-Chef").await,
        json("/api/search?role=strategisk%20chef").await
    );
    let matrix = "/api/matrix?rows=level&cols=publication&level=";
    assert_eq!(
        json(&format!("{matrix}direktoer")).await,
        json(&format!("{matrix}direkt%C3%B8r")).await
    );
    assert_eq!(
        error("/api/search?q=tillid&level=boss", StatusCode::BAD_REQUEST).await,
        "Ukendt niveau »boss«; kendte niveauer: leder, chef, strategisk chef, direktør, politiker, ukendt."
    );
    let topic = error("/api/search?topic=nope", StatusCode::BAD_REQUEST).await;
    assert!(
        topic.starts_with("Ukendt emne »nope«; kendte emner: "),
        "{topic}"
    );
}

#[tokio::test]
async fn a_search_says_what_it_read() {
    for (q, read) in [
        ("tilid", "tillid"),
        ("direktoer", "direktør"),
        ("AND%20AND", ""),
        ("(tillid", "tillid"),
        ("tillid", "tillid"),
        ("%22politisk%20t%C3%A6ft%22", "\"politisk tæft\""),
    ] {
        let answer = json(&format!("/api/search?q={q}&limit=0")).await;
        assert_eq!(answer["read"], read, "{q}");
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

/// The answer of `app` to `request`: status, headers and body.
async fn answer_of(
    app: axum::Router,
    request: Request<Body>,
) -> (StatusCode, header::HeaderMap, Vec<u8>) {
    let response = app.oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let body = to_bytes(body, usize::MAX).await.unwrap();
    (parts.status, parts.headers, body.to_vec())
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
async fn a_request_that_takes_too_long_answers_503_with_an_error() {
    use std::time::Duration;

    use axum::routing::get;

    use super::guard::{layers, Hosts};

    let slow = axum::Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(30)).await;
            "too late"
        }),
    );
    let app = layers(slow, state(), Hosts::Any, Duration::from_millis(50));
    let request = Request::get("/slow").body(Body::empty()).unwrap();
    let (status, headers, body) = answer_of(app, request).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let message = sentence(&headers, &body);
    assert!(
        message.starts_with("Svaret tog mere end 0.05 sekunder"),
        "{message}"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
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
    let usage = Error::usage("limit må højst være 100.").into_response();
    assert_eq!(usage.status(), StatusCode::BAD_REQUEST);
    let body = to_bytes(usage.into_body(), usize::MAX).await.unwrap();
    assert_eq!(body, r#"{"error":"limit må højst være 100."}"#);
}

#[tokio::test]
async fn on_loopback_only_loopback_hosts_are_answered() {
    use super::guard::Hosts;
    use super::routes::app_for;

    let get = |host: Option<&str>| {
        let mut request = Request::get("/healthz");
        if let Some(host) = host {
            request = request.header(header::HOST, host);
        }
        request.body(Body::empty()).unwrap()
    };
    for host in [
        None,
        Some("localhost:7878"),
        Some("127.0.0.1"),
        Some("[::1]:80"),
    ] {
        let (status, ..) = answer_of(app_for(state(), Hosts::Loopback), get(host)).await;
        assert_eq!(status, StatusCode::OK, "{host:?}");
    }
    let (status, headers, body) = answer_of(
        app_for(state(), Hosts::Loopback),
        get(Some("evil.example:7878")),
    )
    .await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST);
    sentence(&headers, &body);
    // On a public address any name is answered.
    let (status, ..) = answer_of(app_for(state(), Hosts::Any), get(Some("evil.example"))).await;
    assert_eq!(status, StatusCode::OK);
}

#[test]
fn loopback_names_with_and_without_a_port() {
    use super::guard::is_loopback_name;

    for host in [
        "localhost",
        "LOCALHOST:7878",
        "127.0.0.1",
        "127.0.0.1:7878",
        "[::1]",
        "[::1]:7878",
        "::1",
    ] {
        assert!(is_loopback_name(host), "{host}");
    }
    for host in [
        "",
        ":7878",
        "evil.example",
        "localhost.evil.example",
        "127.0.0.1.nip.io:7878",
        "127.0.0.2",
        "[::2]:7878",
        "localhost:7878:1",
        "localhost:port",
    ] {
        assert!(!is_loopback_name(host), "{host}");
    }
}

#[tokio::test]
async fn a_method_not_allowed_and_a_body_too_large_answer_json() {
    let request = Request::delete("/api/search").body(Body::empty()).unwrap();
    let (status, headers, body) = answer_of(app(state()), request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(sentence(&headers, &body).starts_with("DELETE kan ikke bruges her"));
    assert_eq!(headers[header::ALLOW], "GET,HEAD");
    let request = Request::get("/api/search")
        .header(header::CONTENT_LENGTH, 16 * 1024 + 1)
        .body(Body::from(vec![b'x'; 16 * 1024 + 1]))
        .unwrap();
    let (status, headers, body) = answer_of(app(state()), request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    sentence(&headers, &body);
}

/// The body of a 200 JSON answer to `GET target` with `state`.
async fn ok_in(state: &AppState, target: &str) -> Vec<u8> {
    let (status, media, body) = get_in(state, target).await;
    assert_eq!(status, StatusCode::OK, "{target}");
    assert_eq!(media, "application/json", "{target}");
    body
}

#[tokio::test]
async fn a_repeated_search_is_answered_from_memory_with_the_same_bytes() {
    let uncached = AppState::with_cache(engine(), 0);
    let state = AppState::with_cache(engine(), DEFAULT_BYTES);
    let target = "/api/search?q=tillid&level=leder&level=chef";
    let searched = ok_in(&uncached, target).await;
    let first = ok_in(&state, target).await;
    assert_eq!(first, searched);
    assert_eq!(state.answers().usage().1, 1);
    // The same search written another way is the same answer.
    for same in [
        target,
        "/api/search?level=leder&q=tillid&level=chef",
        "/api/search?q=tillid&level=leder&role=&level=chef&limit=10&offset=0",
    ] {
        assert_eq!(ok_in(&state, same).await, searched, "{same}");
        assert_eq!(state.answers().usage().1, 1, "{same}");
    }
    // Another order of the values of one filter, another page: another answer.
    for other in [
        "/api/search?q=tillid&level=chef&level=leder",
        "/api/search?q=tillid&level=leder&level=chef&offset=10",
    ] {
        assert_eq!(ok_in(&state, other).await, ok_in(&uncached, other).await);
    }
    assert_eq!(state.answers().usage().1, 3);
    assert_eq!(uncached.answers().usage(), (0, 0));
}

#[tokio::test]
async fn a_repeated_matrix_is_answered_from_memory_with_the_same_bytes() {
    let uncached = AppState::with_cache(engine(), 0);
    let state = AppState::with_cache(engine(), DEFAULT_BYTES);
    let target = "/api/matrix?rows=level&cols=publication&q=tillid&topic=tillid";
    let counted = ok_in(&uncached, target).await;
    for same in [
        target,
        "/api/matrix?q=tillid&topic=tillid&cols=publication&rows=level&level=",
    ] {
        assert_eq!(ok_in(&state, same).await, counted, "{same}");
        assert_eq!(state.answers().usage().1, 1, "{same}");
    }
    // The axes swapped and the same words searched: other answers.
    let swapped = "/api/matrix?rows=publication&cols=level&q=tillid&topic=tillid";
    assert_eq!(
        ok_in(&state, swapped).await,
        ok_in(&uncached, swapped).await
    );
    let search = "/api/search?q=tillid&topic=tillid";
    assert_eq!(ok_in(&state, search).await, ok_in(&uncached, search).await);
    assert_eq!(state.answers().usage().1, 3);
}

#[tokio::test]
async fn a_client_that_takes_gzip_is_answered_from_the_gzipped_bytes_kept() {
    let state = AppState::with_cache(engine(), DEFAULT_BYTES);
    let target = "/api/search?q=ledelse&limit=20";
    let plain = ok_in(&state, target).await;
    let mut zipped = Vec::new();
    for _ in 0..2 {
        let request = Request::get(target)
            .header(header::ACCEPT_ENCODING, "gzip, deflate, br")
            .body(Body::empty())
            .unwrap();
        let response = app(state.clone()).oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers();
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
        assert_eq!(headers.get_all(header::VARY).iter().count(), 1);
        assert_eq!(headers[header::VARY], "accept-encoding");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        zipped.push(body.to_vec());
    }
    assert_eq!(zipped[0], zipped[1]);
    let mut unzipped = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&zipped[0][..]),
        &mut unzipped,
    )
    .unwrap();
    assert_eq!(unzipped, plain);
    assert!(zipped[0].len() < plain.len() / 2);
    // The plain answer and the gzipped one, each kept once.
    assert_eq!(state.answers().usage().1, 2);
    assert_eq!(ok_in(&state, target).await, plain);
}

#[tokio::test]
async fn an_error_is_answered_and_not_kept() {
    let state = AppState::with_cache(engine(), DEFAULT_BYTES);
    for target in [
        "/api/search?q=tillid&level=nobody",
        "/api/search?q=tillid&limit=101",
        "/api/search?q=tillid&colour=blue",
        "/api/matrix?rows=level&cols=level",
        "/api/matrix?rows=level",
    ] {
        let (status, _, _) = get_in(&state, target).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{target}");
        let (again, _, _) = get_in(&state, target).await;
        assert_eq!(again, StatusCode::BAD_REQUEST, "{target}");
    }
    assert_eq!(state.answers().usage(), (0, 0));
}

#[tokio::test]
async fn the_answers_kept_stay_within_their_bytes() {
    let bound = 256 * 1024;
    let state = AppState::with_cache(engine(), bound);
    let words = ["tillid", "ledelse", "samarbejde", "ansvar", "dialog", "mod"];
    for word in words {
        for offset in 0..5 {
            ok_in(&state, &format!("/api/search?q={word}&offset={offset}")).await;
            let (bytes, answers) = state.answers().usage();
            assert!(bytes <= bound, "{bytes} bytes in {answers} answers");
        }
    }
    let (_, answers) = state.answers().usage();
    assert!(
        answers > 1 && answers < words.len() * 5,
        "{answers} answers"
    );
}

#[tokio::test]
async fn a_new_generation_is_answered_anew() {
    // The same corpus with one word of the booklets changed: what a rebuild
    // after an edit swaps in.
    let edited = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = if path.extension().is_some_and(|e| e == "txt") {
            text.replace("tillid", "tiltro")
        } else {
            text
        };
        std::fs::write(edited.path().join(path.file_name().unwrap()), text).unwrap();
    }
    let state = AppState::with_cache(engine(), DEFAULT_BYTES);
    let target = "/api/search?q=tillid&limit=0";
    let before: Value = serde_json::from_slice(&ok_in(&state, target).await).unwrap();
    assert!(before["total"].as_u64().unwrap() > 0);
    state.swap(engine_of(edited.path()));
    assert_eq!(state.answers().usage(), (0, 0));
    let after = ok_in(&state, target).await;
    let searched = ok_in(&AppState::with_cache(state.engine(), 0), target).await;
    assert_eq!(after, searched);
    let after: Value = serde_json::from_slice(&after).unwrap();
    assert_ne!(after["total"], before["total"]);
    assert_eq!(state.answers().usage().1, 1);
}

/// The words of a text that end in a hyphen with a word after them that is
/// not a conjunction: what a line broken inside a word leaves.
fn broken_words(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .filter(|w| {
            let broken = w[0]
                .strip_suffix('-')
                .is_some_and(|s| s.chars().last().is_some_and(char::is_alphabetic));
            broken && !["og", "eller", "samt"].contains(&w[1])
        })
        .map(|w| w.join(" "))
        .collect()
}

#[tokio::test]
async fn a_quote_in_context_reads_as_printed_without_the_pdfs_hyphenation() {
    let marks = |text: &str| -> String {
        text.chars()
            .map(|c| match c {
                '“' | '”' | '„' => '"',
                '’' | '‘' => '\'',
                c => c,
            })
            .collect()
    };
    let engine = engine();
    let mut hyphenated_lines = 0;
    for quote in engine.quotes().iter() {
        let quote = quote.unwrap();
        let shown = json(&format!("/api/quotes/{}?context=2", quote.id)).await;
        let context = &shown["context"];
        hyphenated_lines += context["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["text"].as_str().unwrap().ends_with('-'))
            .count();
        let paragraphs = context["paragraphs"].as_array().unwrap();
        let mut parts = Vec::new();
        for p in paragraphs {
            let text = p["text"].as_str().unwrap();
            assert_eq!(
                broken_words(text),
                [] as [String; 0],
                "{}: {text}",
                quote.id
            );
            assert_eq!(p["quote"], !p["quote_span"].is_null(), "{p}");
            if let Some(span) = p["quote_span"].as_array() {
                let (start, end) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
                let part: String = text
                    .chars()
                    .skip(start as usize)
                    .take((end - start) as usize)
                    .collect();
                parts.push(part);
            }
        }
        // The quote's paragraphs hold its text, part by part.
        assert_eq!(marks(&parts.join(" ")), marks(&quote.text), "{}", quote.id);
        assert!(
            paragraphs.len() > parts.len(),
            "{}: no paragraph around",
            quote.id
        );
    }
    // The printed lines keep the PDF's hyphenation; the paragraphs do not.
    assert!(hyphenated_lines > 10, "{hyphenated_lines}");
}

#[tokio::test]
async fn a_quote_says_where_a_reader_finds_it() {
    let shown = json("/api/quotes/kaere-chef-kaere-ledere-ledere-skal-selv-kunne-taale-en").await;
    assert_eq!(
        shown["where"],
        serde_json::json!({
            "publication": "Kære chef! Kære ledere!",
            "section": "Ledelse uden filter",
            "chapter": "Same same, but different!",
            "pages": "s. 4–5",
        })
    );
    assert_eq!(
        shown["publication"]["short_title"],
        "Kære chef! Kære ledere!"
    );
    assert!(shown.get("context").is_none());
    let publications = json("/api/publications").await;
    for p in publications.as_array().unwrap() {
        assert_eq!(p["short_title"], p["title"], "{p}");
    }
    let hit = &json("/api/search?q=tillid&limit=1").await["hits"][0];
    assert!(hit["publication"]["short_title"].is_string(), "{hit}");
    assert!(hit.get("where").is_none(), "a hit stays small: {hit}");
}
