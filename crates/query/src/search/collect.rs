//! Collectors: every quote a query matches, by its position (`ord`), read
//! from the array of each segment's documents' quotes as documents are
//! matched (`LoadedIndex::ords`).
//!
//! A search ranks, counts and facets all of its matches, not a top few, so
//! tantivy's `TopDocs` (a heap as large as its limit) and `DocSetCollector`
//! (a hash set of addresses) are the wrong tools: these push each match
//! into a plain vector as it comes.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, TantivyError};

/// Every match with its score, unordered.
pub(super) struct Scored<'a> {
    /// Each segment's documents' quotes.
    pub(super) ords: &'a [Arc<[u32]>],
}

/// Which quotes match, as a flag per quote.
pub(super) struct Found<'a> {
    /// Each segment's documents' quotes.
    pub(super) ords: &'a [Arc<[u32]>],
    /// How many quotes the index holds.
    pub(super) quotes: usize,
}

/// One segment's matches.
pub(super) struct SegmentMatches<T> {
    ords: Arc<[u32]>,
    found: Vec<T>,
}

fn segment<T>(ords: &[Arc<[u32]>], segment: SegmentOrdinal) -> tantivy::Result<SegmentMatches<T>> {
    let ords = ords.get(segment as usize).cloned().ok_or_else(|| {
        TantivyError::InternalError(format!("no quotes known for segment {segment}"))
    })?;
    Ok(SegmentMatches {
        ords,
        found: Vec::new(),
    })
}

impl Collector for Scored<'_> {
    type Fruit = Vec<(usize, f32)>;
    type Child = SegmentMatches<(u32, f32)>;

    fn for_segment(&self, id: SegmentOrdinal, _: &SegmentReader) -> tantivy::Result<Self::Child> {
        segment(self.ords, id)
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
        if let Some(&ord) = self.ords.get(doc as usize) {
            self.found.push((ord, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}

impl Collector for Found<'_> {
    type Fruit = Vec<bool>;
    type Child = SegmentMatches<u32>;

    fn for_segment(&self, id: SegmentOrdinal, _: &SegmentReader) -> tantivy::Result<Self::Child> {
        segment(self.ords, id)
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
        if let Some(&ord) = self.ords.get(doc as usize) {
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
