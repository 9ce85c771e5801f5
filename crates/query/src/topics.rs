//! The topic vocabulary: the topics the five booklets share, each with how
//! many quotes it holds, in all and per booklet and level, so a writer sees
//! what a topic filter will give before choosing it. `/api/topics` answers
//! with this.

use std::collections::BTreeMap;

use citater_indexer::{Level, Topic};
use serde::Serialize;

use crate::search::Engine;

/// Every topic, in `topics.toml`'s order.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct Topics<'a> {
    /// One per topic.
    pub topics: Vec<TopicCounts<'a>>,
}

/// A topic with its counts.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct TopicCounts<'a> {
    /// Id, name, description and signal words.
    #[serde(flatten)]
    pub topic: &'a Topic,
    /// The quotes that belong to the topic.
    pub quotes: usize,
    /// Of them, per publication id (every booklet listed, 0 included).
    pub publications: BTreeMap<String, usize>,
    /// Of them, per level (every level listed, in rank order).
    #[cfg_attr(feature = "http", schema(value_type = BTreeMap<String, usize>))]
    pub levels: LevelCounts,
}

/// Counts per level, serialized in rank order (leder first).
#[derive(Debug, Default)]
pub struct LevelCounts([usize; Level::ALL.len()]);

impl Serialize for LevelCounts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(Level::ALL.iter().map(|l| l.as_str()).zip(self.0))
    }
}

/// Every topic with its counts over the whole corpus.
pub fn topics(engine: &Engine) -> Topics<'_> {
    let tags = engine.tags();
    let mut topics: Vec<TopicCounts> = engine
        .topics()
        .iter()
        .map(|topic| TopicCounts {
            topic,
            quotes: 0,
            publications: engine
                .publications()
                .iter()
                .map(|p| (p.id.clone(), 0))
                .collect(),
            levels: LevelCounts::default(),
        })
        .collect();
    // Each topic value number's place in the list, and each level's rank.
    let place: Vec<Option<usize>> = tags
        .topic
        .values()
        .iter()
        .map(|id| topics.iter().position(|t| t.topic.id == *id))
        .collect();
    let rank: Vec<Option<usize>> = tags
        .level
        .values()
        .iter()
        .map(|v| Level::ALL.iter().position(|l| l.as_str() == v))
        .collect();
    for ord in 0..engine.quotes().len() {
        for &topic in tags.topic.ids(ord) {
            let Some(counts) = place[topic as usize].map(|i| &mut topics[i]) else {
                continue;
            };
            counts.quotes += 1;
            let publication = &tags.publication.values()[tags.publication.ids(ord)[0] as usize];
            *counts.publications.entry(publication.clone()).or_insert(0) += 1;
            if let Some(l) = rank[tags.level.ids(ord)[0] as usize] {
                counts.levels.0[l] += 1;
            }
        }
    }
    Topics { topics }
}
