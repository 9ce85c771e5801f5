//! Security headers on every answer, and a server on loopback that
//! answers only requests addressed to a loopback name (no DNS rebinding).

use crate::harness::{server, Response, Server};

fn assert_security_headers(r: &Response) {
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
    ] {
        assert_eq!(r.header(name), Some(value), "{name}{}", r.report());
    }
    let csp = r.header("content-security-policy").unwrap_or_default();
    for directive in [
        "default-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "object-src 'none'",
    ] {
        assert!(
            csp.split(';').any(|d| d.trim() == directive),
            "the Content-Security-Policy lacks {directive}{}",
            r.report()
        );
    }
}

/// GET `target` sent raw with this `Host` line (none for `None`) and
/// HTTP version, which must be answered.
fn get_with_host(s: &Server, target: &str, host: Option<&str>, version: &str) -> Response {
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    let request = format!("GET {target} {version}\r\n{host}Connection: close\r\n\r\n");
    match s.raw(request.as_bytes()) {
        Ok(Some(r)) => r,
        Ok(None) => panic!("{request:?} got no answer{}", s.report()),
        Err(e) => panic!("{request:?} failed: {e}{}", s.report()),
    }
}

#[test]
fn every_answer_carries_the_security_headers() {
    let s = server();
    let answers = [
        s.get("/"),
        s.get("/app.js"),
        s.get("/style.css"),
        s.get("/api/search?q=tillid"),
        s.get("/healthz"),
        s.request(
            "GET",
            "/api/search?limit=5",
            &[("Accept-Encoding", "gzip")],
            b"",
        ),
        s.get("/nope"),
        s.get("/api/search?limit=abc"),
        s.request("DELETE", "/api/search", &[], b""),
        s.request("HEAD", "/", &[], b""),
    ];
    for r in &answers {
        assert_security_headers(r);
    }
    let refused = get_with_host(&s, "/", Some("evil.example"), "HTTP/1.1");
    refused.assert_error(421);
    assert_security_headers(&refused);
}

#[test]
fn a_foreign_host_is_refused() {
    let s = server();
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{}", s.port),
        format!("127.0.0.1.evil.example:{}", s.port),
        format!("localhost.evil.example:{}", s.port),
        "192.168.1.10".into(),
        String::new(),
    ] {
        for target in ["/", "/api/search?q=tillid", "/healthz", "/nope"] {
            let r = get_with_host(&s, target, Some(&host), "HTTP/1.1");
            let message = r.assert_error(421);
            assert!(message.contains("localhost"), "{}", r.report());
        }
    }
    // The authority of an absolute URI stands for Host.
    let absolute = format!("http://evil.example:{}/healthz", s.port);
    let local = format!("127.0.0.1:{}", s.port);
    get_with_host(&s, &absolute, Some(&local), "HTTP/1.1").assert_error(421);
    s.assert_alive("requests for another host");
}

#[test]
fn loopback_names_are_answered() {
    let s = server();
    let port = s.port;
    for host in [
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        "localhost".into(),
        format!("127.0.0.1:{port}"),
        "127.0.0.1".into(),
        format!("[::1]:{port}"),
        "[::1]".into(),
    ] {
        let r = get_with_host(&s, "/healthz", Some(&host), "HTTP/1.1");
        r.assert_status(200);
        r.json();
    }
    let absolute = format!("http://localhost:{port}/healthz");
    get_with_host(&s, &absolute, Some("localhost"), "HTTP/1.1").assert_status(200);
    // HTTP/1.0 needs no Host.
    get_with_host(&s, "/healthz", None, "HTTP/1.0").assert_status(200);
}
