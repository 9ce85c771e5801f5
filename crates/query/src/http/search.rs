//! `/api/search`: a page of ranked hits with facet counts, the same JSON as
//! `citater search --format json`.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use super::cache::{Encoding, Key};
use super::error::ErrorBody;
use super::params::{self, Params};
use super::state::AppState;
use crate::error::Error;
use crate::search::filters::Filters;
use crate::search::{Engine, SearchRequest, SearchResponse};

/// What a search takes. Repeating a filter ORs its values; different
/// filters AND.
///
/// The five filter fields are spelt out here and in the other endpoint that
/// filters: serde cannot flatten a shared struct into one that denies
/// unknown fields.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct SearchParams {
    /// leder, chef, strategisk chef, direktør, politiker or ukendt (case and
    /// æøå spelling do not matter).
    #[serde(default)]
    #[param(style = Form, explode)]
    level: Vec<String>,
    /// A speaker role, e.g. skoleleder.
    #[serde(default)]
    #[param(style = Form, explode)]
    role: Vec<String>,
    /// A chapter heading.
    #[serde(default)]
    #[param(style = Form, explode)]
    theme: Vec<String>,
    /// A topic id across the booklets (see `/api/topics`), e.g. tillid.
    #[serde(default)]
    #[param(style = Form, explode)]
    topic: Vec<String>,
    /// A publication id.
    #[serde(default)]
    #[param(style = Form, explode)]
    publication: Vec<String>,
    /// Words, "phrases", AND/OR/NOT, -word, prefix*; empty lists everything
    /// under the filters.
    #[serde(default, deserialize_with = "params::query")]
    // search::MAX_QUERY_CHARS; utoipa takes only a literal (tests.rs checks).
    #[param(max_length = 500)]
    q: String,
    /// Hits per page.
    #[serde(default, deserialize_with = "params::limit")]
    #[param(minimum = 0, maximum = 100, default = 10)]
    limit: Option<usize>,
    /// Hits to skip.
    #[serde(default, deserialize_with = "params::offset")]
    #[param(minimum = 0, maximum = 10000, default = 0)]
    offset: Option<usize>,
}

impl SearchParams {
    /// The answer's key: every parameter in one order, the defaults filled
    /// in.
    fn key(&self, generation: &str) -> Key {
        Key::new(generation, "search")
            .filters(self.chosen())
            .param("q", &[&self.q])
            .param("limit", &[self.limit().to_string()])
            .param("offset", &[self.offset().to_string()])
    }

    fn limit(&self) -> usize {
        self.limit.unwrap_or(10)
    }

    fn offset(&self) -> usize {
        self.offset.unwrap_or(0)
    }

    /// The filters as given, in `Facet::ALL`'s order.
    fn chosen(&self) -> [&[String]; 5] {
        [
            &self.level,
            &self.role,
            &self.theme,
            &self.topic,
            &self.publication,
        ]
    }

    /// The filters, checked against the corpus.
    fn filters(&self, engine: &Engine) -> Result<Filters, Error> {
        params::filters(engine, self.chosen())
    }
}

/// Search quotes, with facet counts over all matches.
#[utoipa::path(
    get,
    path = "/api/search",
    params(SearchParams),
    responses(
        (status = 200, description = "Hits and facets.", body = SearchResponse),
        (status = 400, response = ErrorBody),
    )
)]
pub(crate) async fn search(
    State(state): State<AppState>,
    encoding: Encoding,
    Params(params): Params<SearchParams>,
) -> Result<Response, Error> {
    let engine = state.engine();
    let key = params.key(engine.generation());
    state.answer(&engine, key, encoding, || {
        let request = SearchRequest {
            filters: params.filters(&engine)?,
            limit: params.limit(),
            offset: params.offset(),
            query: params.q,
        };
        engine.search(&request)
    })
}
