//! Hostile but well-formed requests (values, paths, methods, bodies) get
//! an answer below 500, and the server lives on.

use crate::harness::{concrete, server, some_id, Response, Server};

/// Values no sane client sends, as they stand in a query string (so
/// malformed percent-encoding stays malformed).
fn hostile_values() -> Vec<String> {
    let mut values: Vec<String> = [
        "",
        "%FF%FE",
        "%00",
        "a%00b",
        "%",
        "%%",
        "%G1",
        "%E2%82",
        "%C0%AE%C0%AE%2F",
        "%ED%A0%80",
        "99999999999999999999",
        "18446744073709551616",
        "-1",
        "-0",
        "+5",
        "%205%20",
        "1e3",
        "0x10",
        "NaN",
        "%22",
        "%22%22%22",
        "%22unbalanced",
        "AND",
        "OR%20NOT%20AND",
        "-",
        "--",
        "*",
        "a*",
        "(((",
        ")))",
        "(a%20OR%20(b%20AND%20-c)",
        "NOT%20(",
        "%27%3B%20DROP%20TABLE%20quotes%3B%20--",
        "1%27%20OR%20%271%27%3D%271",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "javascript%3Aalert(1)",
        "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D",
        "%7B%7B7*7%7D%7D",
        "..%2F..%2Fetc%2Fpasswd",
        "%2Fetc%2Fpasswd",
        "..%5C..%5Cwindows",
        "%E2%80%AEtxt.exe",
        "%E2%80%8B%E2%80%8D",
        "a%CC%81%CC%81%CC%81",
        "%F0%9F%92%A9",
        "%EF%BF%BF",
        "%EF%BB%BF",
        "l%C3%B8der",
        "%EF%BD%8C%EF%BD%85%EF%BD%84%EF%BD%85%EF%BD%92",
        "a+b+c",
        "%0D%0ASet-Cookie%3A%20x%3D1",
        "level%3Dleder",
    ]
    .map(String::from)
    .to_vec();
    values.push("(".repeat(499) + "a");
    values.push("(a%20".repeat(166));
    values.push("le*%20".repeat(125));
    values.push("NOT%20".repeat(125));
    values.push("%22".repeat(500));
    values.push("x".repeat(10_000));
    values.push("%C3%B8".repeat(3_000));
    values.push("%E4%B8%AD".repeat(500));
    values.push(",".repeat(5_000));
    values.push(vec![some_id(); 1_500].join(","));
    values
}

/// Whole query strings: odd shapes and many repeated parameters.
fn hostile_query_strings() -> Vec<String> {
    vec![
        "&".repeat(5_000),
        "=".into(),
        "==&==".into(),
        "q".into(),
        "q&q&q".into(),
        "%3D%26".into(),
        "q=a;limit=5".into(),
        "q=a&q=b&limit=1&limit=2".into(),
        "level=leder&".repeat(2_000),
        (0..2_000).map(|i| format!("theme=t{i}&")).collect(),
        (0..500).map(|i| format!("p{i}={i}&")).collect(),
        "ids=a&".repeat(1_000),
    ]
}

/// A query string longer than the `http` crate's limit on a URI (64 KiB),
/// so ureq cannot send it; it goes raw.
fn too_long_for_a_client() -> String {
    format!("q={}", "a".repeat(70_000))
}

/// Each endpoint with a real id, and the query parameters it documents.
fn endpoints() -> Vec<(String, Vec<String>)> {
    let doc = Server::shared().json("/api/openapi.json");
    doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(path, item)| {
            let params = item["get"]["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .map(|p| p["name"].as_str().unwrap().to_string())
                .collect();
            (concrete(path, some_id()), params)
        })
        .collect()
}

/// A well-formed request with hostile content must get an answer below 500;
/// an API error must say what is wrong in JSON.
fn assert_handled(s: &Server, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) {
    assert_answer_handled(s, method, target, &s.request(method, target, headers, body));
}

/// The check of `assert_handled`, on an answer however it was had.
fn assert_answer_handled(s: &Server, method: &str, target: &str, r: &Response) {
    assert!(
        r.status < 500,
        "a server error for hostile input{}{}",
        r.report(),
        s.report()
    );
    let from_the_api = target.starts_with("/api/") && r.status != 414 && method == "GET";
    if from_the_api && (r.status == 400 || r.status == 404) {
        r.assert_error(r.status);
    }
}

#[test]
fn hostile_query_values_never_fail_the_server() {
    let s = server();
    let values = hostile_values();
    for (path, params) in endpoints() {
        for name in params.iter().map(String::as_str).chain(["x"]) {
            for value in &values {
                assert_handled(&s, "GET", &format!("{path}?{name}={value}"), &[], b"");
            }
        }
        for query in hostile_query_strings() {
            assert_handled(&s, "GET", &format!("{path}?{query}"), &[], b"");
        }
        let target = format!("{path}?{}", too_long_for_a_client());
        assert_answer_handled(&s, "GET", &target, &s.raw_get(&target));
    }
    s.assert_alive("hostile query values");
}

#[test]
fn hostile_paths_never_fail_the_server() {
    let s = server();
    let mut targets: Vec<String> = [
        "/api/quotes/..%2F..%2Fetc%2Fpasswd",
        "/api/quotes/..%2F..%2Fetc%2Fpasswd/cite",
        "/api/quotes/../../etc/passwd",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/api/quotes/%00",
        "/api/quotes/%FF%FE",
        "/api/quotes/%",
        "/api/quotes/%C0%AE",
        "/api/quotes/",
        "/api/quotes//cite",
        "/api/quotes/a/cite/more",
        "/api/quotes/a/b/c/d",
        "//api/search",
        "/api//search",
        "/api/search/",
        "/API/SEARCH",
        "/app.js/..",
        "/app.js%00.html",
        "/./api/./search",
        "/%F0%9F%92%A9",
        "/api/quotes/%3Cscript%3E",
        "/api/quotes/'%20OR%20'1'%3D'1",
    ]
    .map(String::from)
    .to_vec();
    targets.push(format!("/api/quotes/{}", "a".repeat(20_000)));
    targets.push(format!("/api/quotes/{}/similar", "%C3%B8".repeat(3_000)));
    targets.push(format!("/{}", "a/".repeat(5_000)));
    targets.push(format!("/api/quotes/{}%00", some_id()));
    for target in &targets {
        assert_handled(&s, "GET", target, &[], b"");
    }
    s.assert_alive("hostile paths");
}

#[test]
fn other_methods_and_bodies_never_fail_the_server() {
    let s = server();
    let big = vec![b'x'; 16 * 1024 + 1];
    let mut paths: Vec<String> = endpoints().into_iter().map(|(p, _)| p).collect();
    paths.push("/nope".into());
    for path in &paths {
        for method in ["HEAD", "OPTIONS", "DELETE", "PUT", "PATCH", "TRACE", "FOO"] {
            assert_handled(&s, method, path, &[], b"");
        }
        assert_handled(
            &s,
            "POST",
            path,
            &[("Content-Type", "application/json")],
            b"{}",
        );
        assert_handled(&s, "POST", path, &[], &big);
        assert_handled(&s, "GET", path, &[], &big);
    }
    let head = s.request("HEAD", "/api/search", &[], b"");
    head.assert_status(200);
    assert!(head.body.is_empty(), "{}", head.report());
    assert_eq!(s.request("DELETE", "/api/search", &[], b"").status, 405);
    let too_big = s.request("POST", "/api/search", &[], &big);
    assert!(matches!(too_big.status, 405 | 413), "{}", too_big.report());
    s.assert_alive("other methods and large bodies");
}
