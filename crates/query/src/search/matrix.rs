//! The crosstab of two facets (theme × level, say) over a search: how many
//! quotes each combination holds, as NVivo's matrix query shows it.

use citater_indexer::{Column, Level};
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
            "Rækker og kolonner skal være to forskellige akser, ikke begge »{rows}«."
        )));
    }
    let mut selection = engine.counted_under(query, filters)?;
    // Keys in reading order: themes then run as the booklets do.
    selection.sort_unstable();
    let tags = engine.tags();
    let (row_column, col_column) = (rows.column(tags), cols.column(tags));
    let row_keys = keys(rows, row_column, &selection);
    let col_keys = keys(cols, col_column, &selection);
    // Each value number's place among the keys.
    let places = |column: &Column, keys: &[String]| {
        let mut place = vec![usize::MAX; column.values().len()];
        for (i, k) in keys.iter().enumerate() {
            if let Some(n) = column.number_of(k) {
                place[n as usize] = i;
            }
        }
        place
    };
    let (row_place, col_place) = (places(row_column, &row_keys), places(col_column, &col_keys));
    let mut counts = vec![vec![0; col_keys.len()]; row_keys.len()];
    let mut row_totals = vec![0; row_keys.len()];
    let mut col_totals = vec![0; col_keys.len()];
    for &ord in &selection {
        let cs = col_column.ids(ord);
        for &r in row_column.ids(ord) {
            let r = row_place[r as usize];
            row_totals[r] += 1;
            for &c in cs {
                counts[r][col_place[c as usize]] += 1;
            }
        }
        for &c in cs {
            col_totals[col_place[c as usize]] += 1;
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

/// The values of a facet among the selection (in reading order): levels in
/// rank order, the rest in order of first appearance.
fn keys(facet: Facet, column: &Column, selection: &[usize]) -> Vec<String> {
    let mut seen = vec![false; column.values().len()];
    let mut keys: Vec<String> = Vec::new();
    for &ord in selection {
        for &n in column.ids(ord) {
            if !std::mem::replace(&mut seen[n as usize], true) {
                keys.push(column.values()[n as usize].clone());
            }
        }
    }
    if facet == Facet::Level {
        keys.sort_by_key(|k| Level::ALL.iter().position(|l| l.as_str() == k));
    }
    keys
}
