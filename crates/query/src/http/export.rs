//! `/api/export`: a selection of quotes as a file, with citations, in the
//! formats `citater export` writes.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::Object;
use utoipa::IntoParams;

use super::error::ErrorBody;
use super::params::{self, Params};
use super::state::AppState;
use crate::error::Error;
use crate::export::{self, Format, Group, Layout};

/// The most quotes one export may name.
const MAX_EXPORT_IDS: usize = 1_000;
/// The formats the API writes, by the names `format` takes.
const FORMATS: [&str; 7] = ["md", "csv", "ris", "bibtex", "csl-json", "jsonl", "docx"];

/// What an export takes.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ExportParams {
    /// Quote ids separated by commas (at most 1000).
    #[serde(default, deserialize_with = "params::last")]
    #[param(required = true, value_type = String)]
    ids: Option<String>,
    #[serde(default, deserialize_with = "params::last")]
    #[param(schema_with = format)]
    format: Option<String>,
    #[serde(default, deserialize_with = "params::last")]
    #[param(schema_with = group)]
    group: Option<String>,
}

/// A file format, by name. (A schema of its own, as `Format` has no list
/// of names: the CLI and the API each offer their own.)
fn format() -> Object {
    ObjectBuilder::new()
        .description(Some("File format."))
        .schema_type(Type::String)
        .enum_values(Some(FORMATS))
        .default(Some(FORMATS[0].into()))
        .build()
}

/// What a Word file's headings group the quotes by; the other formats
/// ignore it.
fn group() -> Object {
    ObjectBuilder::new()
        .description(Some(
            "For docx: the headings the quotes are grouped under: the booklet, the \
             chapter (theme) or the quote's first topic.",
        ))
        .schema_type(Type::String)
        .enum_values(Some(Group::ALL.map(Group::as_str)))
        .default(Some(Group::default().as_str().into()))
        .build()
}

/// A selection of quotes as a file, with citations.
#[utoipa::path(
    get,
    path = "/api/export",
    params(ExportParams),
    responses(
        (status = 200, description = "The file, as an attachment.", content(
            (String = "text/markdown"),
            (String = "text/csv"),
            (String = "application/x-research-info-systems"),
            (String = "application/x-bibtex"),
            (Vec<serde_json::Value> = "application/vnd.citationstyles.csl+json"),
            (String = "application/x-ndjson"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        )),
        (status = 400, response = ErrorBody),
        (status = 404, response = ErrorBody),
    )
)]
pub(crate) async fn export(
    State(state): State<AppState>,
    Params(params): Params<ExportParams>,
) -> Result<Response, Error> {
    let format = Format::parse(params.format.as_deref().unwrap_or(FORMATS[0]), &FORMATS)?;
    let group = match params.group.as_deref().filter(|g| !g.is_empty()) {
        Some(name) => Group::parse(name)?,
        None => Group::default(),
    };
    let ids: Vec<&str> = params
        .ids
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() {
        return Err(Error::usage(
            "ids mangler: citaternes id'er adskilt af kommaer.",
        ));
    }
    if ids.len() > MAX_EXPORT_IDS {
        return Err(Error::usage(format!(
            "En eksport kan højst nævne {MAX_EXPORT_IDS} citater."
        )));
    }
    let engine = state.engine();
    let mut quotes = Vec::with_capacity(ids.len());
    for id in &ids {
        quotes.push(engine.quote(id)?.quote);
    }
    let mut body = Vec::new();
    let layout = Layout::new(group, engine.topics());
    export::write_laid_out(&mut body, &quotes, format, engine.citations(), &layout)?;
    let (media, extension) = format.media();
    let disposition = format!("attachment; filename=\"mine-citater.{extension}\"");
    Ok((
        [
            (header::CONTENT_TYPE, media.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
