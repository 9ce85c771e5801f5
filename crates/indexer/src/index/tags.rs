//! What each quote is tagged with, by number: for each facet a table of its
//! values and, per quote, the numbers of the values it has.
//!
//! Filters, facet counts and matrices read these columns rather than the
//! quote records, so they count in arrays indexed by value number, without
//! decoding a quote or comparing a string. Written at build time as
//! `tags.json` (the value tables) and `tags.bin` (the numbers, little-endian
//! `u32`s), and read whole when an index is opened: four numbers a quote.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::quote::Quote;

/// One facet's values and each quote's value numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Column {
    /// The values, in order of first appearance in `ord` order.
    values: Vec<String>,
    /// For a facet of several values a quote (topics): where each quote's
    /// numbers start in `ids`, and the end; `None` for one value a quote.
    starts: Option<Vec<u32>>,
    ids: Vec<u32>,
}

impl Column {
    /// The column of a facet of one value a quote.
    fn single<'a>(quotes: &'a [Quote], value: impl Fn(&'a Quote) -> &'a str) -> Column {
        let mut numbering = Numbering::default();
        let ids = quotes.iter().map(|q| numbering.number(value(q))).collect();
        Column {
            values: numbering.values,
            starts: None,
            ids,
        }
    }

    /// The column of a facet of any number of values a quote.
    fn multiple<'a>(quotes: &'a [Quote], values: impl Fn(&'a Quote) -> &'a [String]) -> Column {
        let mut numbering = Numbering::default();
        let mut ids = Vec::new();
        let mut starts = vec![0];
        for q in quotes {
            ids.extend(values(q).iter().map(|v| numbering.number(v)));
            starts.push(ids.len() as u32);
        }
        Column {
            values: numbering.values,
            starts: Some(starts),
            ids,
        }
    }

    /// Every value, by number.
    pub fn values(&self) -> &[String] {
        &self.values
    }

    /// The number of a value, if any quote has it.
    pub fn number_of(&self, value: &str) -> Option<u32> {
        self.values
            .iter()
            .position(|v| v == value)
            .map(|i| i as u32)
    }

    /// The numbers of the values the quote at `ord` has.
    pub fn ids(&self, ord: usize) -> &[u32] {
        match &self.starts {
            None => std::slice::from_ref(&self.ids[ord]),
            Some(starts) => &self.ids[starts[ord] as usize..starts[ord + 1] as usize],
        }
    }

    /// Whether the column fits `quotes` quotes and its value table.
    fn fits(&self, quotes: usize) -> bool {
        let ids_fit = self.ids.iter().all(|&i| (i as usize) < self.values.len());
        match &self.starts {
            None => self.ids.len() == quotes && ids_fit,
            Some(starts) => {
                starts.len() == quotes + 1
                    && starts.first() == Some(&0)
                    && starts.windows(2).all(|w| w[0] <= w[1])
                    && starts.last().map(|&s| s as usize) == Some(self.ids.len())
                    && ids_fit
            }
        }
    }
}

/// Values numbered in order of first appearance.
#[derive(Default)]
struct Numbering<'a> {
    values: Vec<String>,
    numbers: HashMap<&'a str, u32>,
}

impl<'a> Numbering<'a> {
    fn number(&mut self, value: &'a str) -> u32 {
        *self.numbers.entry(value).or_insert_with(|| {
            self.values.push(value.to_string());
            (self.values.len() - 1) as u32
        })
    }
}

/// Every facet's column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    /// The leadership level.
    pub level: Column,
    /// The speaker's role.
    pub role: Column,
    /// The chapter.
    pub theme: Column,
    /// The topics, several a quote.
    pub topic: Column,
    /// The booklet, by publication id.
    pub publication: Column,
}

/// The value tables as `tags.json` holds them.
#[derive(Serialize, Deserialize)]
struct Tables {
    level: Vec<String>,
    role: Vec<String>,
    theme: Vec<String>,
    topic: Vec<String>,
    publication: Vec<String>,
}

impl Tags {
    /// The columns of `quotes`, in `ord` order.
    pub fn of(quotes: &[Quote]) -> Tags {
        Tags {
            level: Column::single(quotes, |q| q.level.as_str()),
            role: Column::single(quotes, |q| &q.role),
            theme: Column::single(quotes, |q| &q.theme),
            topic: Column::multiple(quotes, |q| &q.topics),
            publication: Column::single(quotes, |q| &q.publication.id),
        }
    }

    fn columns(&self) -> [&Column; 5] {
        [
            &self.level,
            &self.role,
            &self.theme,
            &self.topic,
            &self.publication,
        ]
    }

    /// `tags.json` and `tags.bin`.
    pub(crate) fn encode(&self) -> (Vec<u8>, Vec<u8>) {
        let tables = Tables {
            level: self.level.values.clone(),
            role: self.role.values.clone(),
            theme: self.theme.values.clone(),
            topic: self.topic.values.clone(),
            publication: self.publication.values.clone(),
        };
        let json = serde_json::to_vec(&tables).expect("tables serialise");
        let mut numbers = Vec::new();
        for column in self.columns() {
            for n in column.starts.iter().flatten().chain(&column.ids) {
                numbers.extend_from_slice(&n.to_le_bytes());
            }
        }
        (json, numbers)
    }

    /// The columns of `quotes` quotes from `tags.json` and `tags.bin`;
    /// `Err` says what does not fit.
    pub(crate) fn decode(json: &[u8], bin: &[u8], quotes: usize) -> Result<Tags, String> {
        let tables: Tables =
            serde_json::from_slice(json).map_err(|e| format!("tags.json kan ikke læses: {e}"))?;
        if !bin.len().is_multiple_of(4) {
            return Err("tags.bin består ikke af hele tal".into());
        }
        let mut numbers = bin
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let mut take = |n: usize| -> Vec<u32> { numbers.by_ref().take(n).collect() };
        let single = |values: Vec<String>, ids: Vec<u32>| Column {
            values,
            starts: None,
            ids,
        };
        let level = single(tables.level, take(quotes));
        let role = single(tables.role, take(quotes));
        let theme = single(tables.theme, take(quotes));
        let starts = take(quotes + 1);
        let topic_ids = take(starts.last().map_or(0, |&s| s as usize));
        let topic = Column {
            values: tables.topic,
            starts: Some(starts),
            ids: topic_ids,
        };
        let publication = single(tables.publication, take(quotes));
        let rest = numbers.count();
        let tags = Tags {
            level,
            role,
            theme,
            topic,
            publication,
        };
        if rest != 0 || !tags.columns().iter().all(|c| c.fits(quotes)) {
            return Err(format!("tags.bin passer ikke til {quotes} citater"));
        }
        Ok(tags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Level, PublicationRef, Source};

    fn quote(role: &str, topics: &[&str], publication: &str) -> Quote {
        Quote {
            id: String::new(),
            text: String::new(),
            publication: PublicationRef {
                id: publication.into(),
                title: "T".into(),
                short_title: "T".into(),
                year: None,
            },
            speaker: String::new(),
            role: role.into(),
            level: Level::Chef,
            theme: "Tema".into(),
            subtheme: None,
            topics: topics.iter().map(|t| t.to_string()).collect(),
            source: Source {
                file: "f".into(),
                line_start: 1,
                line_end: 1,
            },
            pullquote_only: false,
            pages: None,
        }
    }

    #[test]
    fn columns_number_values_and_read_back() {
        let quotes = vec![
            quote("chef", &["tillid", "tid"], "a"),
            quote("direktør", &[], "b"),
            quote("chef", &["tid"], "a"),
        ];
        let tags = Tags::of(&quotes);
        assert_eq!(tags.role.values(), ["chef", "direktør"]);
        assert_eq!(tags.role.ids(2), [0]);
        assert_eq!(tags.topic.ids(0), [0, 1]);
        assert_eq!(tags.topic.ids(1), [] as [u32; 0]);
        assert_eq!(tags.topic.ids(2), [1]);
        assert_eq!(tags.publication.number_of("b"), Some(1));
        let (json, bin) = tags.encode();
        assert_eq!(Tags::decode(&json, &bin, 3).unwrap(), tags);
        assert!(Tags::decode(&json, &bin, 4).is_err());
        assert!(Tags::decode(&json, &bin[..bin.len() - 4], 3).is_err());
        let mut wrong = bin.clone();
        wrong[0] = 9;
        assert!(Tags::decode(&json, &wrong, 3).is_err());
    }
}
