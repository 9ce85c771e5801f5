//! Similar quotes: a quote's most telling words (by tf-idf) as a query, the
//! quote itself left out.

use std::collections::HashSet;

use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query};

use super::compile::boosted;
use super::engine::Engine;
use super::matched::{How, Searched, Sought};
use super::matches::best_scored;
use super::{Hit, MAX_LIMIT};
use crate::error::Error;

/// Similar quotes are found by this many of a quote's most telling words.
const SIMILAR_WORDS: usize = 15;

/// The quotes most like one quote, as `citater similar --format json` and
/// `/api/quotes/{id}/similar` both answer.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct Similar<'a> {
    /// The quote they are like.
    pub id: String,
    /// Best first; never the quote itself.
    pub hits: Vec<Hit<'a>>,
}

impl Engine {
    /// The quotes most like a given one: its most telling stems (by tf-idf)
    /// as a query, the quote itself left out.
    pub fn similar(&self, id: &str, limit: usize) -> Result<Similar<'_>, Error> {
        if limit > MAX_LIMIT {
            return Err(Error::usage(format!("limit må højst være {MAX_LIMIT}.")));
        }
        let ord = self.ord_of_id(id)?;
        let fields = self.loaded.fields;
        let scored = self.telling_stems(&[ord], &HashSet::new(), 4.0, SIMILAR_WORDS)?;
        let mut searched = Searched::default();
        let clauses: Vec<(Occur, Box<dyn Query>)> = scored
            .into_iter()
            .map(|(stem, w)| {
                let mut sought = Sought::new(&stem);
                sought.stem(&stem, How::Inflection);
                searched.push(sought);
                (Occur::Should, boosted(fields.text, &stem, w))
            })
            .collect();
        let matches = if clauses.is_empty() {
            Vec::new()
        } else {
            best_scored(&self.run(&BooleanQuery::new(clauses))?, limit + 1)
        };
        let hits = matches
            .into_iter()
            .filter(|(o, _)| *o != ord)
            .take(limit)
            .map(|(o, score)| self.hit(o, score, &searched))
            .collect::<Result<_, Error>>()?;
        Ok(Similar {
            id: id.to_string(),
            hits,
        })
    }
}
