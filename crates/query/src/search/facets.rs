//! Facet counts: how many of a search's matches each level, role, theme,
//! topic and publication holds (a quote of two topics counts in both), each facet counted under the other facets' filters
//! only, so choosing a value never hides the others.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::engine::Engine;
use super::filters::{Facet, Filters};

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
    /// facets' filters only.
    pub(super) fn facet_counts(&self, matches: &[(usize, f32)], filters: &Filters) -> Facets {
        let quotes = &self.loaded.quotes;
        Facets(
            Facet::ALL
                .iter()
                .map(|&facet| {
                    let mut counts: Vec<(String, usize)> = Vec::new();
                    for (ord, _) in matches {
                        let q = &quotes[*ord];
                        if !filters.admits(q, Some(facet)) {
                            continue;
                        }
                        for value in facet.values_of(q) {
                            match counts.iter_mut().find(|(v, _)| v == value) {
                                Some((_, n)) => *n += 1,
                                None => counts.push((value.to_string(), 1)),
                            }
                        }
                    }
                    for chosen in filters.values(facet) {
                        if !counts.iter().any(|(v, _)| v == chosen) {
                            counts.push((chosen.clone(), 0));
                        }
                    }
                    sort_facet(facet, &mut counts);
                    (facet, counts)
                })
                .collect(),
        )
    }

    /// Facet counts over the whole corpus.
    pub fn corpus_facets(&self) -> Facets {
        let all: Vec<(usize, f32)> = (0..self.loaded.quotes.len()).map(|o| (o, 0.0)).collect();
        self.facet_counts(&all, &Filters::default())
    }
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
