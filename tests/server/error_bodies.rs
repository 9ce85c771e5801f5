//! The answers that axum, tower-http or hyper make rather than a handler
//! (a method not allowed, a body too large, a URI too long) are error
//! answers like the API's own: `{"error": "…"}` in JSON where HTTP lets
//! the server choose.

use crate::harness::server;

#[test]
fn a_method_not_allowed_answers_405_with_an_error() {
    let s = server();
    for (method, path) in [
        ("DELETE", "/api/search"),
        ("POST", "/api/search"),
        ("PUT", "/"),
        ("PATCH", "/app.js"),
        ("OPTIONS", "/healthz"),
        ("FOO", "/api/facets"),
    ] {
        let r = s.request(method, path, &[], b"");
        let message = r.assert_error(405);
        assert!(message.contains(method), "{}", r.report());
        let allow = r.header("allow").unwrap_or_default();
        assert!(allow.contains("GET"), "no Allow: GET{}", r.report());
    }
}

#[test]
fn a_body_too_large_answers_413_with_an_error() {
    let s = server();
    let big = vec![b'x'; 16 * 1024 + 1];
    for (method, path) in [
        ("GET", "/api/search"),
        ("GET", "/"),
        ("POST", "/api/search"),
        ("GET", "/nope"),
    ] {
        let r = s.request(method, path, &[], &big);
        let message = r.assert_error(413);
        assert!(message.contains("krop"), "{}", r.report());
    }
}

/// hyper answers a URI longer than 64 KiB (the `http` crate's limit)
/// itself, before the router, with no body at all; what matters is that it
/// answers 414 and lives on.
#[test]
fn a_uri_too_long_answers_414() {
    let s = server();
    let r = s.raw_get(&format!("/api/search?q={}", "a".repeat(70_000)));
    r.assert_status(414);
    s.assert_alive("a URI too long");
}
