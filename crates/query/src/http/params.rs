//! Reading a request: query strings through axum-extra's `Query` (serde,
//! repeated keys for the filters) and the quote id in the path, each refusal
//! answered as our own `Error`, never as the framework's plain-text 400.
//!
//! Each endpoint declares its parameters as a struct deriving `Deserialize`
//! (with `deny_unknown_fields`) and `IntoParams`, so the names it accepts and
//! the names the OpenAPI document lists are one list. The functions here are
//! the `deserialize_with` readers those structs share: the last of repeated
//! values wins (as browsers and the page expect), and every bad value gets a
//! sentence that says what to send instead.

use std::error::Error as _;

use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum_extra::extract::{Query, QueryRejection};
use serde::de::{self, DeserializeOwned, Deserializer};
use serde::Deserialize;
use utoipa::openapi::path::ParameterIn;
use utoipa::IntoParams;

use crate::error::{echo, Error};
use crate::search::filters::{Facet, Filters};
use crate::search::Engine;

/// The furthest into a result list a client may page.
pub(crate) const MAX_OFFSET: usize = 10_000;

/// A query string read into `T`; a value it cannot read answers 400 with
/// `{"error": "…"}`.
pub(crate) struct Params<T>(pub(crate) T);

impl<T, S> FromRequestParts<S> for Params<T>
where
    T: DeserializeOwned + IntoParams,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(params)) => Ok(Params(params)),
            Err(rejection) => Err(refusal::<T>(&rejection)),
        }
    }
}

/// Why a query string was refused, in the sentence a user reads: a name the
/// endpoint does not take is listed with the names it does; a value one of
/// the readers below refused carries that reader's sentence.
fn refusal<T: IntoParams>(rejection: &QueryRejection) -> Error {
    let allowed: Vec<String> = T::into_params(|| Some(ParameterIn::Query))
        .into_iter()
        .map(|p| p.name)
        .collect();
    let unreadable = || Error::usage("Adressens parametre kan ikke læses.");
    let QueryRejection::FailedToDeserializeQueryString(failed) = rejection else {
        return unreadable();
    };
    // axum-extra reads with serde_path_to_error: the error names the key.
    let Some(error) = failed
        .source()
        .and_then(|e| e.source())
        .and_then(|e| e.downcast_ref::<serde_path_to_error::Error<de::value::Error>>())
    else {
        return unreadable();
    };
    let key = match error.path().iter().next_back() {
        Some(serde_path_to_error::Segment::Map { key }) => key.as_str(),
        _ => "",
    };
    if allowed.iter().any(|name| name == key) {
        Error::usage(error.inner().to_string())
    } else {
        Error::usage(format!(
            "Ukendt parameter »{}«; denne adresse tager: {}.",
            echo(key),
            allowed.join(", ")
        ))
    }
}

/// The quote id in the address (`/api/quotes/{id}…`).
pub(crate) struct QuoteId(pub(crate) String);

impl<S: Send + Sync> FromRequestParts<S> for QuoteId {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_: PathRejection| Error::usage("Citatets id i adressen kan ikke læses."))?;
        Ok(QuoteId(id))
    }
}

/// The last of a parameter's values, or `None` when it is absent.
pub(crate) fn last<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Vec::<String>::deserialize(d)?.pop())
}

/// `q`, empty when absent. Its length is the search's to check
/// (`search::MAX_QUERY_CHARS`), as for every face.
pub(crate) fn query<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(last(d)?.unwrap_or_default())
}

/// `limit`, at most `search::MAX_LIMIT`.
pub(crate) fn limit<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    number(d, "limit", crate::search::MAX_LIMIT)
}

/// `offset`, at most `MAX_OFFSET`.
pub(crate) fn offset<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    number(d, "offset", MAX_OFFSET)
}

/// `context`, at most `context::MAX_CONTEXT` lines.
pub(crate) fn context<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    number(d, "context", crate::context::MAX_CONTEXT)
}

/// A whole number from 0 to `max`; empty is absent.
fn number<'de, D: Deserializer<'de>>(
    d: D,
    name: &str,
    max: usize,
) -> Result<Option<usize>, D::Error> {
    let Some(value) = last(d)?.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    match value.trim().parse::<usize>() {
        Ok(n) if n <= max => Ok(Some(n)),
        Ok(_) => Err(de::Error::custom(format!("{name} må højst være {max}."))),
        Err(_) => Err(de::Error::custom(format!(
            "{name} skal være et helt tal fra 0 til {max}, ikke »{}«.",
            echo(&value)
        ))),
    }
}

/// The search filters as chosen, in `Facet::ALL`'s order, each facet's
/// values in the order given;
/// empty values are ignored, the rest checked against the corpus.
pub(crate) fn filters(engine: &Engine, chosen: [&[String]; 5]) -> Result<Filters, Error> {
    let raw: Vec<(Facet, String)> = Facet::ALL
        .into_iter()
        .zip(chosen)
        .flat_map(|(facet, values)| {
            values
                .iter()
                .filter(|v| !v.is_empty())
                .map(move |v| (facet, v.clone()))
        })
        .collect();
    engine.filters(&raw)
}
