//! The search page's files, embedded in the binary and served as they are:
//! the HTML, the style sheet and the ES modules of its script (no build
//! step). `app.js` is the module the page loads; it imports the others by
//! relative path, so every module is served at `/<its file name>`.

const JS: &str = "text/javascript; charset=utf-8";

/// Every file of the page: URL path, `Content-Type`, body. The HTTP face
/// serves one route per row.
pub(crate) const ASSETS: &[(&str, &str, &str)] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_str!("../web/index.html"),
    ),
    (
        "/style.css",
        "text/css; charset=utf-8",
        include_str!("../web/style.css"),
    ),
    ("/app.js", JS, include_str!("../web/app.js")),
    ("/announce.js", JS, include_str!("../web/announce.js")),
    ("/api.js", JS, include_str!("../web/api.js")),
    ("/clipboard.js", JS, include_str!("../web/clipboard.js")),
    ("/dialogs.js", JS, include_str!("../web/dialogs.js")),
    ("/dom.js", JS, include_str!("../web/dom.js")),
    ("/facets.js", JS, include_str!("../web/facets.js")),
    ("/filters.js", JS, include_str!("../web/filters.js")),
    ("/format.js", JS, include_str!("../web/format.js")),
    ("/highlight.js", JS, include_str!("../web/highlight.js")),
    ("/matrix.js", JS, include_str!("../web/matrix.js")),
    (
        "/publications.js",
        JS,
        include_str!("../web/publications.js"),
    ),
    ("/quote-meta.js", JS, include_str!("../web/quote-meta.js")),
    ("/quote-view.js", JS, include_str!("../web/quote-view.js")),
    ("/results.js", JS, include_str!("../web/results.js")),
    ("/search-box.js", JS, include_str!("../web/search-box.js")),
    ("/shortlist.js", JS, include_str!("../web/shortlist.js")),
    ("/tabs.js", JS, include_str!("../web/tabs.js")),
    ("/url-state.js", JS, include_str!("../web/url-state.js")),
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    fn served() -> BTreeSet<&'static str> {
        ASSETS.iter().map(|(path, ..)| *path).collect()
    }

    #[test]
    fn every_file_of_the_page_is_served() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("web");
        let files: BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .map(|name| match name.as_str() {
                "index.html" => "/".to_string(),
                _ => format!("/{name}"),
            })
            .collect();
        let served: BTreeSet<String> = served().into_iter().map(String::from).collect();
        assert_eq!(files, served, "web/ and ASSETS differ");
        assert_eq!(ASSETS.len(), served.len(), "a path is listed twice");
    }

    #[test]
    fn every_module_import_is_served() {
        let served = served();
        for (path, media, body) in ASSETS {
            if !media.starts_with("text/javascript") {
                continue;
            }
            for line in body.lines().filter(|l| l.starts_with("import ")) {
                let target = line
                    .split("from '")
                    .nth(1)
                    .and_then(|rest| rest.split('\'').next())
                    .unwrap_or_else(|| panic!("{path}: an import without from '…': {line}"));
                let file = target
                    .strip_prefix("./")
                    .unwrap_or_else(|| panic!("{path} imports {target}, not a file beside it"));
                assert!(
                    served.contains(format!("/{file}").as_str()),
                    "{path} imports {target}, which is not served"
                );
            }
        }
    }

    #[test]
    fn the_page_loads_its_entry_module() {
        let (_, _, html) = ASSETS.iter().find(|(path, ..)| *path == "/").unwrap();
        assert!(html.contains(r#"<script type="module" src="app.js"></script>"#));
    }
}
