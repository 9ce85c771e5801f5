//! The page, its script and style sheet, compression, and /healthz.

use std::io::Read;

use crate::common;
use crate::harness::server;

#[test]
fn the_page_its_script_and_style_sheet() {
    let s = server();
    for (path, media) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/style.css", "text/css"),
    ] {
        let r = s.get(path);
        r.assert_status(200);
        r.assert_content_type(media);
        assert!(r.body.len() > 100, "an almost empty body{}", r.report());
    }
    let page = s.get("/").text();
    assert!(page.contains("app.js") && page.contains("style.css"));
    // The page keeps its state in the address, so it takes any parameters.
    s.get("/?q=tillid&view=matrix&level=leder")
        .assert_status(200);
}

#[test]
fn health_names_the_index_generation() {
    let s = server();
    let health = s.json("/healthz");
    assert_eq!(health["status"], "ok");
    assert!(health["quotes"].as_u64().unwrap() > 100, "{health}");
    let generation = health["index"].as_str().unwrap();
    let current = std::fs::read_to_string(common::shared().index().join("CURRENT")).unwrap();
    assert_eq!(generation, current.trim());
}

#[test]
fn gzip_when_the_client_accepts_it() {
    let s = server();
    for path in ["/api/search?limit=50", "/app.js", "/api/openapi.json"] {
        let plain = s.get(path);
        plain.assert_status(200);
        assert_eq!(plain.header("content-encoding"), None, "{}", plain.report());
        let zipped = s.request("GET", path, &[("Accept-Encoding", "gzip")], b"");
        zipped.assert_status(200);
        assert_eq!(
            zipped.header("content-encoding"),
            Some("gzip"),
            "{}",
            zipped.report()
        );
        assert!(
            zipped.body.len() < plain.body.len() / 2,
            "{}",
            zipped.report()
        );
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&zipped.body[..])
            .read_to_end(&mut unzipped)
            .unwrap_or_else(|e| panic!("not gzip ({e}){}", zipped.report()));
        assert_eq!(unzipped, plain.body, "{path} unzips to something else");
    }
}
