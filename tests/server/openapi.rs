//! `/api/openapi.json`: the document lists exactly the served routes, and
//! each endpoint takes exactly the parameters it documents.

use std::collections::BTreeSet;

use crate::harness::{concrete, server, some_id};

/// Every API path the server routes: the endpoints CONTRACT.md fixes that
/// this build serves. Routing a new path means adding it here, to the
/// document, and to the contract.
const API_ROUTES: [&str; 12] = [
    "/api/search",
    "/api/quotes/{id}",
    "/api/quotes/{id}/cite",
    "/api/quotes/{id}/similar",
    "/api/matrix",
    "/api/export",
    "/api/outline",
    "/api/topics",
    "/api/facets",
    "/api/publications",
    "/api/openapi.json",
    "/healthz",
];

/// The API's routes and the page's: `/` and each file of `web/` but the
/// page itself.
fn routes() -> BTreeSet<String> {
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/query/web");
    let files = std::fs::read_dir(&web)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "index.html")
        .map(|name| format!("/{name}"));
    API_ROUTES
        .map(String::from)
        .into_iter()
        .chain(["/".to_string()])
        .chain(files)
        .collect()
}

#[test]
fn the_openapi_document_lists_exactly_the_routes() {
    let s = server();
    let doc = s.json("/api/openapi.json");
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let documented: BTreeSet<String> = paths.keys().cloned().collect();
    assert_eq!(documented, routes(), "the document and the routes differ");

    // Each path answers 200 with just its required parameters.
    for (path, item) in paths {
        let operation = &item["get"];
        let required: Vec<String> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .map(|p| {
                let name = p["name"].as_str().unwrap();
                let value = match name {
                    "rows" => "level",
                    "cols" => "publication",
                    "ids" => some_id(),
                    other => panic!("no example value for the required parameter {other}"),
                };
                format!("{name}={value}")
            })
            .collect();
        let target = format!("{}?{}", concrete(path, some_id()), required.join("&"));
        let r = s.get(&target);
        r.assert_status(200);
        let media = r.header("content-type").unwrap_or_default();
        let documented_media = operation["responses"]["200"]["content"]
            .as_object()
            .unwrap();
        assert!(
            documented_media
                .keys()
                .any(|m| media.starts_with(m.as_str())),
            "{path} answers {media}, not a documented type{}",
            r.report()
        );
    }
}

#[test]
fn api_endpoints_take_exactly_the_documented_parameters() {
    let s = server();
    let doc = s.json("/api/openapi.json");
    let paths = doc["paths"].as_object().unwrap();
    let documented = |path: &str| -> BTreeSet<String> {
        paths[path]["get"]["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query")
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    let every_name: BTreeSet<String> = paths
        .keys()
        .flat_map(|p| documented(p))
        .chain(["x", "id", "page", "sort", "callback"].map(String::from))
        .collect();
    for path in paths.keys().filter(|p| p.starts_with("/api/")) {
        let accepted = documented(path);
        for name in &every_name {
            let r = s.get(&format!("{}?{name}=1", concrete(path, some_id())));
            let unknown = r.status == 400 && r.text().contains("Ukendt parameter");
            if accepted.contains(name) {
                assert!(
                    !unknown,
                    "{path} refuses its documented {name}{}",
                    r.report()
                );
            } else {
                assert!(
                    unknown,
                    "{path} takes {name}, which is not documented{}",
                    r.report()
                );
                r.assert_error(400);
            }
        }
    }
}
