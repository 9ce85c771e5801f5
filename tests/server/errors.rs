//! Bad input answers 400 and unknown quotes and paths 404, each with the
//! API's `{"error": "…"}`.

use crate::harness::{server, some_id};

#[test]
fn bad_input_answers_400_with_an_error() {
    let s = server();
    let id = some_id();
    let long_query = "a".repeat(501);
    let many_ids = vec![id; 1001].join(",");
    let cases: Vec<String> = vec![
        "/api/search?limit=abc".into(),
        "/api/search?limit=101".into(),
        "/api/search?limit=1.5".into(),
        "/api/search?offset=10001".into(),
        "/api/search?offset=-1".into(),
        "/api/search?level=boss".into(),
        "/api/search?role=astronaut".into(),
        "/api/search?theme=nope".into(),
        "/api/search?publication=nope".into(),
        "/api/search?level=leder&publication=nope".into(),
        "/api/search?colour=blue".into(),
        format!("/api/search?q={long_query}"),
        format!("/api/quotes/{id}?context=201"),
        format!("/api/quotes/{id}?context=many"),
        format!("/api/quotes/{id}?style=apa"),
        format!("/api/quotes/{id}/cite?style=chicago"),
        format!("/api/quotes/{id}/similar?limit=101"),
        "/api/matrix?rows=level".into(),
        "/api/matrix?cols=level".into(),
        "/api/matrix".into(),
        "/api/matrix?rows=level&cols=colour".into(),
        "/api/matrix?rows=level&cols=level".into(),
        "/api/matrix?rows=level&cols=theme&level=boss".into(),
        format!("/api/matrix?rows=level&cols=theme&q={long_query}"),
        "/api/export".into(),
        "/api/export?ids=".into(),
        "/api/export?ids=,%20,".into(),
        format!("/api/export?ids={id}&format=xlsx"),
        format!("/api/export?ids={id}&format=docx&group=farve"),
        format!("/api/export?ids={many_ids}"),
        "/api/outline?publication=nope".into(),
        "/api/outline?level=leder".into(),
        "/api/facets?level=leder".into(),
        "/api/publications?x=1".into(),
        "/api/openapi.json?x=1".into(),
    ];
    for target in &cases {
        s.get(target).assert_error(400);
    }
    // Just inside the limits.
    for target in [
        format!("/api/search?q={}", "a".repeat(500)),
        "/api/search?limit=100&offset=10000".into(),
        format!("/api/quotes/{id}?context=200"),
        format!("/api/export?ids={}", vec![id; 1000].join(",")),
    ] {
        s.get(&target).assert_status(200);
    }
}

#[test]
fn unknown_quotes_and_paths_answer_404() {
    let s = server();
    for target in [
        "/api/quotes/no-such-quote",
        "/api/quotes/no-such-quote?context=3",
        "/api/quotes/no-such-quote/cite",
        "/api/quotes/no-such-quote/cite?style=ris",
        "/api/quotes/no-such-quote/similar",
        &format!("/api/export?ids={},no-such-quote", some_id()),
        "/nope",
        "/api",
        "/api/",
        "/api/nope",
        "/api/quotes",
        "/api/search/more",
        "/index.html",
    ] {
        s.get(target).assert_error(404);
    }
}
