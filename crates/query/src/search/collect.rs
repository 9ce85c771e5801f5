//! Collectors: every quote a query matches, by its position (`ord`), read
//! from the `ord` fast field as documents are matched.
//!
//! A search ranks, counts and facets all of its matches, not a top few, so
//! tantivy's `TopDocs` (a heap as large as its limit) and `DocSetCollector`
//! (a hash set of addresses) are the wrong tools: these push each match
//! into a plain vector as it comes.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Every match with its score, unordered.
pub(super) struct Scored;

/// Which quotes match, as a flag per quote.
pub(super) struct Found {
    /// How many quotes the index holds.
    pub(super) quotes: usize,
}

/// One segment's matches.
pub(super) struct SegmentMatches<T> {
    ords: Column<u64>,
    found: Vec<T>,
}

fn ords(segment: &SegmentReader) -> tantivy::Result<Column<u64>> {
    segment.fast_fields().u64("ord")
}

impl<T> SegmentMatches<T> {
    fn ord(&self, doc: DocId) -> Option<u32> {
        self.ords.first(doc).map(|o| o as u32)
    }
}

impl Collector for Scored {
    type Fruit = Vec<(usize, f32)>;
    type Child = SegmentMatches<(u32, f32)>;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentMatches {
            ords: ords(segment)?,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, segments: Vec<Vec<(u32, f32)>>) -> tantivy::Result<Self::Fruit> {
        Ok(segments
            .into_iter()
            .flatten()
            .map(|(ord, score)| (ord as usize, score))
            .collect())
    }
}

impl SegmentCollector for SegmentMatches<(u32, f32)> {
    type Fruit = Vec<(u32, f32)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(ord) = self.ord(doc) {
            self.found.push((ord, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}

impl Collector for Found {
    type Fruit = Vec<bool>;
    type Child = SegmentMatches<u32>;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentMatches {
            ords: ords(segment)?,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Vec<u32>>) -> tantivy::Result<Self::Fruit> {
        let mut found = vec![false; self.quotes];
        for ord in segments.into_iter().flatten() {
            if let Some(f) = found.get_mut(ord as usize) {
                *f = true;
            }
        }
        Ok(found)
    }
}

impl SegmentCollector for SegmentMatches<u32> {
    type Fruit = Vec<u32>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(ord) = self.ord(doc) {
            self.found.push(ord);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.collect(doc, 0.0);
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}
