//! The parts of the OpenAPI document that are not read off a handler: its
//! head (title, version, what every endpoint shares), the schema of the
//! facet counts (serialized by hand), and the operation of a page file.

use std::borrow::Cow;

use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, Type};
use utoipa::openapi::{ContentBuilder, Object, RefOr};
use utoipa::{OpenApi, PartialSchema, ToSchema};

use super::error::ErrorBody;
use crate::cite::Style;
use crate::search::filters::Facet;
use crate::search::Facets;

/// The document's head; `routes::document` adds every route.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "citater",
        description = "Search, cite and export the interview quotes of Væksthus for Ledelse's booklets on public leadership. Repeating a filter ORs its values; different filters AND. Bad input answers 400 with {\"error\": \"…\"}, an unknown quote 404."
    ),
    components(responses(ErrorBody))
)]
pub(crate) struct ApiDoc;

/// `Facets` serializes by hand (facet name → value → count), so its schema
/// is written here: an object of the four facets, each an object of counts.
impl PartialSchema for Facets {
    fn schema() -> RefOr<Schema> {
        let counts = || {
            ObjectBuilder::new()
                .additional_properties(Some(AdditionalProperties::RefOr(
                    Object::with_type(Type::Integer).into(),
                )))
                .build()
        };
        let mut facets = ObjectBuilder::new().description(Some(
            "Counts per value of each facet, each facet under the other facets' filters only.",
        ));
        for facet in Facet::ALL {
            facets = facets.property(facet.as_str(), counts());
        }
        facets.build().into()
    }
}

impl ToSchema for Facets {
    fn name() -> Cow<'static, str> {
        "Facets".into()
    }
}

/// A facet by name, as a matrix's axes take it.
impl PartialSchema for Facet {
    fn schema() -> RefOr<Schema> {
        names(Facet::ALL.map(Facet::as_str), None)
    }
}

impl ToSchema for Facet {}

/// A citation style by name.
impl PartialSchema for Style {
    fn schema() -> RefOr<Schema> {
        names(Style::ALL.map(|s| s.as_str()), Some(Style::Apa.as_str()))
    }
}

impl ToSchema for Style {}

/// A string that is one of `names`.
fn names<const N: usize>(names: [&str; N], default: Option<&str>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(names))
        .default(default.map(Into::into))
        .build()
        .into()
}

/// The operation of a file of the search page: `GET` answers it as `media`.
pub(crate) fn page_file(media: &str) -> PathItem {
    let media = media.split(';').next().unwrap_or(media).trim();
    let summary = match media {
        "text/html" => "The search page.",
        "text/css" => "The search page's style sheet.",
        _ => "A module of the search page's script.",
    };
    let answer = ResponseBuilder::new()
        .description(summary)
        .content(
            media,
            ContentBuilder::new().schema(Some(String::schema())).build(),
        )
        .build();
    let operation = OperationBuilder::new()
        .summary(Some(summary))
        .response("200", answer)
        .build();
    PathItem::new(HttpMethod::Get, operation)
}
