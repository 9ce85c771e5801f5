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
    let topics = engine
        .topics()
        .iter()
        .map(|topic| {
            let mut counts = TopicCounts {
                topic,
                quotes: 0,
                publications: engine
                    .publications()
                    .iter()
                    .map(|p| (p.id.clone(), 0))
                    .collect(),
                levels: LevelCounts::default(),
            };
            for q in engine
                .quotes()
                .iter()
                .filter(|q| q.topics.contains(&topic.id))
            {
                counts.quotes += 1;
                *counts
                    .publications
                    .entry(q.publication.id.clone())
                    .or_insert(0) += 1;
                if let Some(l) = Level::ALL.iter().position(|l| *l == q.level) {
                    counts.levels.0[l] += 1;
                }
            }
            counts
        })
        .collect();
    Topics { topics }
}
