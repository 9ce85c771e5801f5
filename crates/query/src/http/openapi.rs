//! The OpenAPI document of the HTTP API, made from the router's own route
//! list so it lists exactly what the server answers.

use serde_json::{json, Value};

use crate::http::{routes, MAX_EXPORT_IDS, MAX_OFFSET, MAX_QUERY_CHARS};
use crate::search::MAX_LIMIT;

/// The OpenAPI 3.1 document.
pub fn document() -> Value {
    let mut paths = serde_json::Map::new();
    for (path, _) in routes() {
        if let Some(operation) = operation(path) {
            paths.insert(path.to_string(), json!({ "get": operation }));
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "citater",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Search, cite and export the interview quotes of Væksthus for Ledelse's booklets on public leadership. Repeating a filter ORs its values; different filters AND. Bad input answers 400 with {\"error\": \"…\"}, an unknown quote 404."
        },
        "paths": paths,
        "components": {
            "schemas": schemas(),
            "responses": {
                "BadRequest": error_response("The request cannot be read; the message says why."),
                "NotFound": error_response("No quote has that id."),
            },
        },
    })
}

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    })
}

fn param(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn filter_params() -> Vec<Value> {
    let repeated = |item: Value| json!({"type": "array", "items": item});
    vec![
        json!({"name": "level", "in": "query", "required": false, "style": "form", "explode": true,
               "description": "leder, chef, strategisk chef, direktør, politiker or ukendt (case and æøå spelling do not matter).",
               "schema": repeated(json!({"type": "string"}))}),
        json!({"name": "role", "in": "query", "required": false, "style": "form", "explode": true,
               "description": "A speaker role, e.g. skoleleder.", "schema": repeated(json!({"type": "string"}))}),
        json!({"name": "theme", "in": "query", "required": false, "style": "form", "explode": true,
               "description": "A chapter heading.", "schema": repeated(json!({"type": "string"}))}),
        json!({"name": "publication", "in": "query", "required": false, "style": "form", "explode": true,
               "description": "A publication id.", "schema": repeated(json!({"type": "string"}))}),
    ]
}

fn query_param() -> Value {
    param(
        "q",
        "Words, \"phrases\", AND/OR/NOT, -word, prefix*; empty lists everything under the filters.",
        json!({"type": "string", "maxLength": MAX_QUERY_CHARS}),
    )
}

fn id_param() -> Value {
    json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}})
}

fn ok(description: &str, media: &str, schema: Value) -> Value {
    json!({"200": {"description": description, "content": {media: {"schema": schema}}}})
}

fn with_errors(mut responses: Value, not_found: bool) -> Value {
    responses["400"] = json!({"$ref": "#/components/responses/BadRequest"});
    if not_found {
        responses["404"] = json!({"$ref": "#/components/responses/NotFound"});
    }
    responses
}

fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

/// The operation served at a path.
fn operation(path: &str) -> Option<Value> {
    let text = |summary: &str, media: &str| json!({"summary": summary, "responses": ok(summary, media, json!({"type": "string"}))});
    if let Some(&(_, content_type, _)) = super::page::ASSETS.iter().find(|(p, ..)| *p == path) {
        let media = content_type.split(';').next().unwrap_or(content_type);
        let summary = match media {
            "text/html" => "The search page.",
            "text/css" => "The search page's style sheet.",
            _ => "A module of the search page's script.",
        };
        return Some(text(summary, media));
    }
    Some(match path {
        "/api/search" => {
            let mut parameters = vec![
                query_param(),
                param(
                    "limit",
                    "Hits per page.",
                    json!({"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": 10}),
                ),
                param(
                    "offset",
                    "Hits to skip.",
                    json!({"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0}),
                ),
            ];
            parameters.extend(filter_params());
            json!({
                "summary": "Search quotes, with facet counts over all matches.",
                "parameters": parameters,
                "responses": with_errors(ok("Hits and facets.", "application/json", schema_ref("SearchResponse")), false),
            })
        }
        "/api/quotes/{id}" => json!({
            "summary": "One quote, optionally with the booklet lines around it.",
            "parameters": [id_param(), param("context", "Lines of booklet text before and after.", json!({"type": "integer", "minimum": 0, "maximum": crate::context::MAX_CONTEXT}))],
            "responses": with_errors(ok("The quote.", "application/json", schema_ref("QuoteWithContext")), true),
        }),
        "/api/quotes/{id}/cite" => json!({
            "summary": "The citation of a quote in a style.",
            "parameters": [id_param(), param("style", "Citation style.", json!({"type": "string", "enum": ["apa", "ris", "bibtex", "csl-json"], "default": "apa"}))],
            "responses": with_errors(json!({"200": {"description": "The citation.", "content": {
                "text/plain": {"schema": {"type": "string"}},
                "application/vnd.citationstyles.csl+json": {"schema": {"type": "array"}}}}}), true),
        }),
        "/api/quotes/{id}/similar" => json!({
            "summary": "The quotes most like this one (never itself).",
            "parameters": [id_param(), param("limit", "How many.", json!({"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": 5}))],
            "responses": with_errors(ok("Similar quotes.", "application/json", json!({"type": "object", "properties": {
                "id": {"type": "string"}, "hits": {"type": "array", "items": schema_ref("Hit")}}})), true),
        }),
        "/api/matrix" => {
            let axis = json!({"type": "string", "enum": ["level", "role", "theme", "publication"]});
            let mut parameters = vec![
                json!({"name": "rows", "in": "query", "required": true, "schema": axis}),
                json!({"name": "cols", "in": "query", "required": true, "schema": axis}),
                query_param(),
            ];
            parameters.extend(filter_params());
            json!({
                "summary": "Counts per combination of two axes over a search.",
                "parameters": parameters,
                "responses": with_errors(ok("The matrix.", "application/json", schema_ref("Matrix")), false),
            })
        }
        "/api/export" => json!({
            "summary": "A selection of quotes as a file, with citations.",
            "parameters": [
                json!({"name": "ids", "in": "query", "required": true, "description": format!("Quote ids separated by commas (at most {MAX_EXPORT_IDS})."), "schema": {"type": "string"}}),
                param("format", "File format.", json!({"type": "string", "enum": ["md", "csv", "ris", "bibtex", "csl-json", "jsonl"], "default": "md"})),
            ],
            "responses": with_errors(json!({"200": {"description": "The file, as an attachment.", "content": {
                "text/markdown": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
                "application/x-research-info-systems": {"schema": {"type": "string"}},
                "application/x-bibtex": {"schema": {"type": "string"}},
                "application/vnd.citationstyles.csl+json": {"schema": {"type": "array"}},
                "application/x-ndjson": {"schema": {"type": "string"}}}}}), true),
        }),
        "/api/facets" => json!({
            "summary": "Counts per level, role, theme and publication over the whole corpus.",
            "responses": with_errors(ok("Facet counts.", "application/json", schema_ref("Facets")), false),
        }),
        "/api/publications" => json!({
            "summary": "The booklets, with their themes and quote counts.",
            "responses": with_errors(ok("Publications.", "application/json", json!({"type": "array", "items": schema_ref("Publication")})), false),
        }),
        "/api/openapi.json" => json!({
            "summary": "This document.",
            "responses": with_errors(ok("OpenAPI 3.1.", "application/json", json!({"type": "object"})), false),
        }),
        "/healthz" => json!({
            "summary": "Whether the server is up, and which index it serves.",
            "responses": ok("Up.", "application/json", json!({"type": "object", "properties": {
                "status": {"type": "string"}, "quotes": {"type": "integer"}, "index": {"type": "string"}}})),
        }),
        _ => return None,
    })
}

fn schemas() -> Value {
    let string = json!({"type": "string"});
    let nullable_string = json!({"type": ["string", "null"]});
    let counts = json!({"type": "object", "additionalProperties": {"type": "integer"}});
    json!({
        "Error": {"type": "object", "required": ["error"], "properties": {"error": string}},
        "Quote": {
            "type": "object",
            "required": ["id", "text", "publication", "speaker", "role", "level", "theme", "subtheme", "source", "citation"],
            "properties": {
                "id": string, "text": string, "speaker": string, "role": string,
                "level": {"type": "string", "enum": ["leder", "chef", "strategisk chef", "direktør", "politiker", "ukendt"]},
                "theme": string, "subtheme": nullable_string, "citation": string,
                "publication": {"type": "object", "properties": {"id": string, "title": string, "year": {"type": ["integer", "null"]}}},
                "source": {"type": "object", "properties": {"file": string, "line_start": {"type": "integer"}, "line_end": {"type": "integer"}}},
                "pages": {"type": "object", "properties": {"first": {"type": "integer"}, "last": {"type": "integer"}}},
                "pullquote_only": {"type": "boolean"},
            },
        },
        "Hit": {"allOf": [schema_ref("Quote"), {"type": "object", "properties": {"score": {"type": "number"}, "snippet": string}}]},
        "Facets": {"type": "object", "properties": {"level": counts, "role": counts, "theme": counts, "publication": counts}},
        "SearchResponse": {"type": "object", "properties": {
            "query": string, "total": {"type": "integer"}, "offset": {"type": "integer"},
            "hits": {"type": "array", "items": schema_ref("Hit")}, "facets": schema_ref("Facets")}},
        "QuoteWithContext": {"allOf": [schema_ref("Quote"), {"type": "object", "properties": {"context": {"type": "object", "properties": {
            "headings": {"type": "array", "items": string},
            "lines": {"type": "array", "items": {"type": "object", "properties": {"no": {"type": "integer"}, "text": string, "in_quote": {"type": "boolean"}}}}}}}}]},
        "Matrix": {"type": "object", "properties": {
            "rows": string, "cols": string, "query": string,
            "row_keys": {"type": "array", "items": string}, "col_keys": {"type": "array", "items": string},
            "counts": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
            "row_totals": {"type": "array", "items": {"type": "integer"}},
            "col_totals": {"type": "array", "items": {"type": "integer"}}, "total": {"type": "integer"}}},
        "Publication": {"type": "object", "properties": {
            "id": string, "title": string, "subtitle": nullable_string, "publisher": string,
            "year": {"type": ["integer", "null"]}, "year_label": string, "isbn": nullable_string, "reference": string,
            "quotes": {"type": "integer"},
            "themes": {"type": "array", "items": {"type": "object", "properties": {"name": string, "quotes": {"type": "integer"}}}}}},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_documented_and_nothing_else() {
        let doc = document();
        let documented: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
        let served: Vec<&str> = routes().into_iter().map(|(p, _)| p).collect();
        assert_eq!(documented.len(), served.len());
        for path in served {
            assert!(
                doc["paths"].get(path).is_some(),
                "{path} is not in the OpenAPI document"
            );
        }
    }
}
