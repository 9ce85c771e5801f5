//! The search page's files, embedded in the binary and served as they are:
//! the HTML, the style sheet and the ES modules of its script (no build
//! step). `app.js` is the module the page loads; it imports the others by
//! relative path, so every module is served at `/<its file name>`.

/// One row of `ASSETS`: a file of `web/` served at `/<file>`.
macro_rules! asset {
    ($path:expr, $file:literal, $media:literal) => {
        ($path, $media, include_str!(concat!("../../web/", $file)))
    };
    ($file:literal, $media:literal) => {
        asset!(concat!("/", $file), $file, $media)
    };
}

/// Every file of the page: URL path, `Content-Type`, body. The HTTP face
/// serves one route per row.
pub(crate) const ASSETS: &[(&str, &str, &str)] = &[
    asset!("/", "index.html", "text/html; charset=utf-8"),
    asset!("style.css", "text/css; charset=utf-8"),
    asset!("favicon.svg", "image/svg+xml"),
    asset!("chart.js", "text/javascript; charset=utf-8"),
    asset!("app.js", "text/javascript; charset=utf-8"),
    asset!("announce.js", "text/javascript; charset=utf-8"),
    asset!("api.js", "text/javascript; charset=utf-8"),
    asset!("clipboard.js", "text/javascript; charset=utf-8"),
    asset!("copy-format.js", "text/javascript; charset=utf-8"),
    asset!("dialogs.js", "text/javascript; charset=utf-8"),
    asset!("dom.js", "text/javascript; charset=utf-8"),
    asset!("facets.js", "text/javascript; charset=utf-8"),
    asset!("filters.js", "text/javascript; charset=utf-8"),
    asset!("format.js", "text/javascript; charset=utf-8"),
    asset!("highlight.js", "text/javascript; charset=utf-8"),
    asset!("matrix.js", "text/javascript; charset=utf-8"),
    asset!("publications.js", "text/javascript; charset=utf-8"),
    asset!("quote-meta.js", "text/javascript; charset=utf-8"),
    asset!("quote-view.js", "text/javascript; charset=utf-8"),
    asset!("results.js", "text/javascript; charset=utf-8"),
    asset!("search-box.js", "text/javascript; charset=utf-8"),
    asset!("shortlist.js", "text/javascript; charset=utf-8"),
    asset!("tabs.js", "text/javascript; charset=utf-8"),
    asset!("url-state.js", "text/javascript; charset=utf-8"),
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
