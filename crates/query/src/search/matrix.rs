//! The crosstab of two facets (theme × level, say) over a search: how many
//! quotes each combination holds, as NVivo's matrix query shows it.

use std::collections::HashMap;

use citater_indexer::Level;
use serde::Serialize;

use super::filters::{Facet, Filters};
use super::Engine;
use crate::error::Error;

/// Counts per cell, with totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct Matrix {
    /// The facet on the rows, by name (`theme`).
    pub rows: String,
    /// The facet on the columns, by name.
    pub cols: String,
    /// The query as typed, so a saved matrix says what it counts.
    pub query: String,
    /// The row facet's values among the selected quotes: levels by rank, the
    /// rest in reading order. Values no quote has are left out.
    pub row_keys: Vec<String>,
    /// The column facet's values, ordered like `row_keys`.
    pub col_keys: Vec<String>,
    /// `counts[r][c]`: the quotes with row value `r` and column value `c`.
    pub counts: Vec<Vec<usize>>,
    /// The quotes with each row value, for the table's margin: the sum of
    /// the row, unless the columns are topics, where a quote of two topics
    /// counts in two cells but once here.
    pub row_totals: Vec<usize>,
    /// The quotes with each column value, likewise.
    pub col_totals: Vec<usize>,
    /// The quotes selected; each counts in one cell per pair of its values
    /// (exactly one unless an axis is `topic`).
    pub total: usize,
}

/// Counts the quotes a query and filters select, per value pair of two
/// different facets.
pub fn matrix(
    engine: &Engine,
    rows: Facet,
    cols: Facet,
    query: &str,
    filters: &Filters,
) -> Result<Matrix, Error> {
    if rows == cols {
        return Err(Error::usage(format!(
            "rows and columns must be two different axes, not both '{rows}'"
        )));
    }
    let mut selection = engine.selection(query, filters)?;
    // Keys in reading order: themes then run as the booklets do.
    let position: HashMap<&str, usize> = engine
        .quotes()
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    selection.sort_by_key(|q| position.get(q.id.as_str()).copied());
    let row_keys = keys(rows, selection.iter().flat_map(|q| rows.values_of(q)));
    let col_keys = keys(cols, selection.iter().flat_map(|q| cols.values_of(q)));
    let mut counts = vec![vec![0; col_keys.len()]; row_keys.len()];
    let mut row_totals = vec![0; row_keys.len()];
    let mut col_totals = vec![0; col_keys.len()];
    let at = |keys: &[String], v: &str| keys.iter().position(|k| k == v);
    for q in &selection {
        let rs: Vec<usize> = rows.values_of(q).filter_map(|v| at(&row_keys, v)).collect();
        let cs: Vec<usize> = cols.values_of(q).filter_map(|v| at(&col_keys, v)).collect();
        for &r in &rs {
            row_totals[r] += 1;
            for &c in &cs {
                counts[r][c] += 1;
            }
        }
        for &c in &cs {
            col_totals[c] += 1;
        }
    }
    Ok(Matrix {
        rows: rows.as_str().to_string(),
        cols: cols.as_str().to_string(),
        query: query.to_string(),
        row_keys,
        col_keys,
        counts,
        row_totals,
        col_totals,
        total: selection.len(),
    })
}

/// The values of a facet among the selection: levels in rank order, the
/// rest in order of first appearance.
fn keys<'a>(facet: Facet, values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for v in values {
        if !keys.iter().any(|k| k == v) {
            keys.push(v.to_string());
        }
    }
    if facet == Facet::Level {
        keys.sort_by_key(|k| Level::ALL.iter().position(|l| l.as_str() == k));
    }
    keys
}
