//! The corpus as the shared server lists it, and small readers of the
//! API's JSON that several endpoint tests use.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::harness::Server;

/// Every quote, as the search lists them with an empty query.
pub(crate) fn all_quotes() -> &'static [Value] {
    static ALL: OnceLock<Vec<Value>> = OnceLock::new();
    ALL.get_or_init(|| all_hits(""))
}

/// Every counted hit of a search (its query string, without limit and
/// offset), page by page from the shared server; the related hits that
/// follow them are left out.
pub(crate) fn all_hits(query: &str) -> Vec<Value> {
    let mut hits = Vec::new();
    loop {
        let page = Server::shared().search(&format!("{query}&limit=100&offset={}", hits.len()));
        let got = page["hits"].as_array().unwrap().clone();
        let total = page["total"].as_u64().unwrap() as usize;
        let done = got.is_empty() || hits.len() + got.len() >= total;
        hits.extend(got);
        if done {
            hits.truncate(total);
            return hits;
        }
    }
}

pub(crate) fn ids(hits: &[Value]) -> Vec<&str> {
    hits.iter().map(|h| h["id"].as_str().unwrap()).collect()
}

/// A quote well inside its file, so context has lines on both sides.
pub(crate) fn quote_in_the_middle() -> &'static Value {
    all_quotes()
        .iter()
        .find(|q| q["source"]["line_start"].as_u64().unwrap() > 100)
        .expect("a quote past line 100")
}

pub(crate) fn some_id() -> &'static str {
    quote_in_the_middle()["id"].as_str().unwrap()
}

/// How many hits have each value of a field.
pub(crate) fn count_by(hits: &[Value], field: &str) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for h in hits {
        let value = match field {
            "publication" => &h["publication"]["id"],
            _ => &h[field],
        };
        *counts
            .entry(value.as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    counts
}

/// A facet's counts as a map, leaving out zero counts.
pub(crate) fn facet(response: &Value, name: &str) -> BTreeMap<String, u64> {
    response["facets"][name]
        .as_object()
        .unwrap_or_else(|| panic!("no facet {name} in {response}"))
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

pub(crate) fn total(response: &Value) -> u64 {
    response["total"].as_u64().unwrap()
}

/// A route path with its `{id}` filled in.
pub(crate) fn concrete(path: &str, id: &str) -> String {
    path.replace("{id}", id)
}

/// A query value percent-encoded as a form would send it.
pub(crate) fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}
