//! Facet counts: how many of a search's matches each level, role, theme,
//! topic and publication holds (a quote of two topics counts in both), each facet counted under the other facets' filters
//! only, so choosing a value never hides the others.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::engine::Engine;
use super::filters::{Facet, Failing, Filters};

/// Counts per value, per facet, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets(pub Vec<(Facet, Vec<(String, usize)>)>);

impl Facets {
    /// A facet's counts in display order; empty for a facet not counted.
    pub fn get(&self, facet: Facet) -> &[(String, usize)] {
        self.0
            .iter()
            .find(|(f, _)| *f == facet)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }
}

impl Serialize for Facets {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Counts<'a>(&'a [(String, usize)]);
        impl Serialize for Counts<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (value, count) in self.0 {
                    map.serialize_entry(value, count)?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (facet, counts) in &self.0 {
            map.serialize_entry(facet.as_str(), &Counts(counts))?;
        }
        map.end()
    }
}

impl Engine {
    /// Counts per facet value over the matches, each facet under the other
    /// facets' filters only: one pass over the matches, counting in arrays
    /// by value number. A match failing one filter counts on that filter's
    /// facet alone; failing two, on none.
    pub(super) fn facet_counts(
        &self,
        matches: impl Iterator<Item = usize>,
        filters: &Filters,
    ) -> Facets {
        let tags = &self.loaded.tags;
        let admission = filters.over(tags);
        let columns = Facet::ALL.map(|f| f.column(tags));
        let mut counts: Vec<Vec<usize>> =
            columns.iter().map(|c| vec![0; c.values().len()]).collect();
        let mut count = |i: usize, ord: usize| {
            for &n in columns[i].ids(ord) {
                counts[i][n as usize] += 1;
            }
        };
        for ord in matches {
            match admission.failing(ord) {
                Failing::None => (0..columns.len()).for_each(|i| count(i, ord)),
                Failing::Only(facet) => count(facet_index(facet), ord),
                Failing::Several => {}
            }
        }
        Facets(
            Facet::ALL
                .iter()
                .zip(counts)
                .map(|(&facet, counts)| {
                    let values = facet.column(tags).values();
                    let mut counted: Vec<(String, usize)> = counts
                        .into_iter()
                        .enumerate()
                        .filter(|&(n, c)| c > 0 || filters.values(facet).contains(&values[n]))
                        .map(|(n, c)| (values[n].clone(), c))
                        .collect();
                    for chosen in filters.values(facet) {
                        if !counted.iter().any(|(v, _)| v == chosen) {
                            counted.push((chosen.clone(), 0));
                        }
                    }
                    sort_facet(facet, &mut counted);
                    (facet, counted)
                })
                .collect(),
        )
    }

    /// Facet counts over the whole corpus.
    pub fn corpus_facets(&self) -> Facets {
        self.facet_counts(0..self.loaded.quotes.len(), &Filters::default())
    }
}

/// A facet's place in [`Facet::ALL`].
fn facet_index(facet: Facet) -> usize {
    Facet::ALL
        .iter()
        .position(|&f| f == facet)
        .expect("every facet is in ALL")
}

/// Facet values in the order a user reads them: levels by rank, the rest by
/// count and then name.
fn sort_facet(facet: Facet, counts: &mut [(String, usize)]) {
    if facet == Facet::Level {
        let rank = |v: &str| {
            citater_indexer::Level::ALL
                .iter()
                .position(|l| l.as_str() == v)
                .unwrap_or(usize::MAX)
        };
        counts.sort_by_key(|(v, _)| rank(v));
    } else {
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
}
