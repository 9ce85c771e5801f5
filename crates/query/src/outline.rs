//! The outline: each booklet's heading tree as the index holds it, chapters
//! over their sections with the lines they stand on and the quotes filed
//! under each. `citater outline` and `/api/outline` answer with this.

use citater_indexer::Outline;
use serde::Serialize;

use crate::error::Error;
use crate::search::filters::{canonical_among, Facet};
use crate::search::Engine;

/// The outlines asked for, in the booklets' order.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct Outlines<'a> {
    /// One per booklet.
    pub outlines: Vec<&'a Outline>,
}

/// Every booklet's outline, or only that of `publication` (an id, matched
/// as the `publication` filter matches it).
pub fn outlines<'a>(engine: &'a Engine, publication: Option<&str>) -> Result<Outlines<'a>, Error> {
    let all = engine.outlines()?;
    let outlines = match publication {
        None => all.iter().collect(),
        Some(typed) => {
            let ids: Vec<String> = all.iter().map(|o| o.publication.id.clone()).collect();
            let id = canonical_among(Facet::Publication, typed, &ids)?;
            all.iter().filter(|o| o.publication.id == id).collect()
        }
    };
    Ok(Outlines { outlines })
}
