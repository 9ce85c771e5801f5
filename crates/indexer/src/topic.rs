//! Topics: what `corpus/topics.toml` says the five booklets share. A theme is
//! one booklet's heading; a topic (trust, sparring, the line between politics
//! and administration) spans them all, so a writer can follow it across the
//! booklets and count it by level.
//!
//! A quote gets the topics of the sections it stands in (its theme and its
//! subtheme, as the file lists them per booklet) and those its own words
//! signal: a topic word or phrase said in the quote, in any inflection. Of
//! these it *shows* those whose name or signal stands in its text or its
//! headings ([`Evidence`]): only a topic a quote shows counts it in a search.

use std::collections::{BTreeMap, HashMap, HashSet};

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::analysis::{stem, words, Stems};
use crate::folding;
use crate::outline::Outline;
use crate::quote::Quote;
use crate::tagging::Tagged;
use crate::toml_error;

/// A topic as every face shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Topic {
    /// URL-safe and stable: the value of the `topic` filter and of a quote's
    /// `topics`.
    pub id: String,
    /// The Danish name a reader sees ("Tillid").
    pub name: String,
    /// One Danish line saying what the topic covers.
    pub description: String,
    /// The words a searcher uses for the topic as a whole (lowercase): a
    /// query word that is one of them asks for the topic.
    pub names: Vec<String>,
    /// The words and phrases (lowercase) that signal the topic in a quote's
    /// own text.
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    name: String,
    description: String,
    #[serde(default)]
    names: Vec<String>,
    words: Vec<String>,
    /// Per booklet id: the theme and subtheme headings that belong to it.
    #[serde(default)]
    sections: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    topic: Vec<Entry>,
}

/// The topics of a corpus with the sections and words that give them.
#[derive(Debug, Clone, Default)]
pub struct Topics {
    entries: Vec<Entry>,
    /// Each topic's words and phrases as runs of stems, by topic position.
    signals: Vec<Vec<Vec<String>>>,
    /// Each topic's sections, by booklet id, as `same` compares them
    /// (folded), by topic position.
    sections: Vec<HashMap<String, HashSet<String>>>,
    /// What shows each topic.
    evidence: Evidence,
}

impl Topics {
    /// Reads the topics from the text of `topics.toml`.
    pub fn parse(text: &str) -> Result<Topics, String> {
        let file: TopicsFile = toml::from_str(text).map_err(|e| toml_error::one_line(text, &e))?;
        let mut seen = HashSet::new();
        for entry in &file.topic {
            if entry.id.is_empty()
                || !entry
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(format!(
                    "emne-id'et »{}« må kun bestå af a-z, 0-9 og -",
                    entry.id
                ));
            }
            if !seen.insert(entry.id.as_str()) {
                return Err(format!("emnet »{}« står der to gange", entry.id));
            }
        }
        let signals = file
            .topic
            .iter()
            .map(|e| e.words.iter().filter_map(|w| run(w)).collect())
            .collect();
        let sections = file
            .topic
            .iter()
            .map(|e| {
                e.sections
                    .iter()
                    .map(|(booklet, headings)| {
                        (
                            booklet.clone(),
                            headings.iter().map(|h| folding::key(h)).collect(),
                        )
                    })
                    .collect()
            })
            .collect();
        let mut topics = Topics {
            entries: file.topic,
            signals,
            sections,
            evidence: Evidence::default(),
        };
        topics.evidence = Evidence::new(&topics.list());
        Ok(topics)
    }

    /// The topics in the file's order, as every face shows them.
    pub fn list(&self) -> Vec<Topic> {
        self.entries
            .iter()
            .map(|e| Topic {
                id: e.id.clone(),
                name: e.name.clone(),
                description: e.description.clone(),
                names: e.names.iter().map(|w| w.to_lowercase()).collect(),
                words: e.words.iter().map(|w| w.to_lowercase()).collect(),
            })
            .collect()
    }

    /// Gives each quote its topics, in the file's order: those of its theme
    /// and subtheme, and those its own words signal; and notes which of them
    /// it shows, by a name or signal in its text or its headings.
    pub(crate) fn assign<'a>(&self, tagged: impl IntoIterator<Item = &'a mut Tagged>) {
        let mut remembered = Stems::default();
        let mut stems_of = |text: &str| -> Vec<String> {
            words(text)
                .into_iter()
                .map(|w| remembered.of(w.lower))
                .collect()
        };
        for t in tagged {
            let quote = &t.quote;
            let stems = stems_of(&quote.text);
            let mut heading_stems = stems_of(&quote.theme);
            if let Some(s) = &quote.subtheme {
                heading_stems.extend(stems_of(s));
            }
            let filed_under = Section::of(quote);
            // A run whose first stem the quote does not say is not said.
            let said_stems: FxHashSet<&str> = stems.iter().map(String::as_str).collect();
            let mut topics = Vec::new();
            let mut evident = Vec::new();
            for ((entry, signals), sections) in
                self.entries.iter().zip(&self.signals).zip(&self.sections)
            {
                let said = signals
                    .iter()
                    .any(|run| said_stems.contains(run[0].as_str()) && says(&stems, run));
                if !said && !filed_under.is_in(sections) {
                    continue;
                }
                let shows = |stems: &[String]| self.evidence.find(&entry.id, stems).is_some();
                if shows(&stems) || shows(&heading_stems) {
                    evident.push(entry.id.clone());
                }
                topics.push(entry.id.clone());
            }
            t.quote.topics = topics;
            t.evident_topics = evident;
        }
    }

    /// What is wrong with the sections the file lists against the booklets'
    /// outlines: a listed heading no booklet has, a booklet id no outline
    /// has, and a chapter holding quotes that no topic lists. Empty when all
    /// is well.
    pub fn check(&self, outlines: &[Outline]) -> Vec<String> {
        let mut problems = Vec::new();
        for entry in &self.entries {
            for (publication, headings) in &entry.sections {
                let Some(outline) = outlines.iter().find(|o| &o.publication.id == publication)
                else {
                    problems.push(format!(
                        "emnet »{}« nævner afsnit af »{publication}«, som ikke er et hæfte",
                        entry.id
                    ));
                    continue;
                };
                for heading in headings {
                    if !outline.walk().any(|(_, h)| same(&h.title, heading)) {
                        problems.push(format!(
                            "emnet »{}«: {publication} har ingen overskrift »{heading}«",
                            entry.id
                        ));
                    }
                }
            }
        }
        for outline in outlines {
            for (depth, heading) in outline.walk() {
                let mapped = self.entries.iter().any(|e| {
                    e.sections
                        .get(&outline.publication.id)
                        .is_some_and(|hs| hs.iter().any(|h| same(h, &heading.title)))
                });
                if depth == 0 && heading.quotes > 0 && !mapped {
                    problems.push(format!(
                        "{}: kapitlet »{}« hører ikke til noget emne",
                        outline.publication.id, heading.title
                    ));
                }
            }
        }
        problems
    }
}

/// The section a quote is filed under: its booklet and its theme and
/// subtheme, folded as `same` compares headings.
struct Section<'a> {
    booklet: &'a str,
    theme: String,
    subtheme: Option<String>,
}

impl<'a> Section<'a> {
    fn of(quote: &'a Quote) -> Section<'a> {
        Section {
            booklet: &quote.publication.id,
            theme: folding::key(&quote.theme),
            subtheme: quote.subtheme.as_deref().map(folding::key),
        }
    }

    /// Whether its theme or subtheme is one of a topic's sections (folded,
    /// by booklet id).
    fn is_in(&self, sections: &HashMap<String, HashSet<String>>) -> bool {
        let Some(headings) = sections.get(self.booklet) else {
            return false;
        };
        headings.contains(&self.theme)
            || self.subtheme.as_ref().is_some_and(|s| headings.contains(s))
    }
}

/// Headings compared as a reader would: case and æøå spelling aside.
fn same(a: &str, b: &str) -> bool {
    folding::key(a) == folding::key(b)
}

/// Whether a run of stems stands in a text's stems, in order.
fn says(stems: &[String], run: &[String]) -> bool {
    stems.windows(run.len()).any(|w| w == run)
}

/// The stems of a text's words, in order.
fn stems_of(text: &str) -> Vec<String> {
    words(text).iter().map(|w| stem(&w.lower)).collect()
}

/// A word or phrase as a run of stems; `None` when it has no words.
fn run(phrase: &str) -> Option<Vec<String>> {
    let run = stems_of(phrase);
    (!run.is_empty()).then_some(run)
}

/// What shows that a quote belongs to a topic: each topic's signal words
/// and phrases and its names, as runs of stems, by topic id. The indexer
/// asks it which topics a quote shows; a search asks it where, to say so.
#[derive(Debug, Clone, Default)]
pub struct Evidence(HashMap<String, Vec<Vec<String>>>);

impl Evidence {
    /// The evidence of the topics.
    pub fn new(topics: &[Topic]) -> Evidence {
        Evidence(
            topics
                .iter()
                .map(|t| {
                    let runs = t.words.iter().chain(&t.names).filter_map(|w| run(w));
                    (t.id.clone(), runs.collect())
                })
                .collect(),
        )
    }

    /// Where a name or signal of the topic first stands among the stems:
    /// its first and last word.
    pub fn find(&self, topic: &str, stems: &[String]) -> Option<(usize, usize)> {
        let runs = self.0.get(topic)?;
        (0..stems.len()).find_map(|start| {
            runs.iter()
                .find(|run| stems[start..].starts_with(run))
                .map(|run| (start, start + run.len() - 1))
        })
    }

    /// The topics one of whose phrases (two words or more) stands among
    /// the stems: what a query like "at give slip på sit fag" is about.
    pub fn phrased_in(&self, stems: &[String]) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(_, runs)| runs.iter().any(|run| run.len() > 1 && says(stems, run)))
            .map(|(id, _)| id.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::sample;

    const FILE: &str = r#"
[[topic]]
id = "tillid"
name = "Tillid"
description = "At give og vise tillid."
words = ["tillid", "stole på"]

[topic.sections]
pas-paa-trinet = ["Den nødvendige tillid", "Et andet afsnit"]

[[topic]]
id = "kemi"
name = "Kemi"
description = "Personlige relationer."
words = ["kemi"]
"#;

    #[test]
    fn a_quote_gets_its_sections_topics_and_those_its_words_say() {
        let topics = Topics::parse(FILE).unwrap();
        let tagged = |text: &str, theme: &str, subtheme: Option<&str>| Tagged {
            quote: sample(text, theme, subtheme),
            headings: String::new(),
            narration: String::new(),
            evident_topics: Vec::new(),
        };
        let mut quotes = [
            tagged(
                "Vi taler sammen.",
                "At blive leder",
                Some("Den nødvendige tillid"),
            ),
            tagged(
                "Jeg stoler på dem, og kemien er god.",
                "At blive leder",
                None,
            ),
            tagged("Vi taler sammen.", "At blive leder", None),
            tagged("Vi taler sammen.", "Et andet afsnit", None),
        ];
        topics.assign(&mut quotes);
        let all: Vec<&[String]> = quotes.iter().map(|t| t.quote.topics.as_slice()).collect();
        assert_eq!(
            all,
            [&["tillid"][..], &["tillid", "kemi"], &[], &["tillid"]]
        );
        // Shown by a heading's word or the quote's own words; a section
        // alone gives the topic without showing it.
        let shown: Vec<&[String]> = quotes.iter().map(|t| t.evident_topics.as_slice()).collect();
        assert_eq!(shown, [&["tillid"][..], &["tillid", "kemi"], &[], &[]]);
    }

    #[test]
    fn refuses_ids_that_are_not_url_safe_or_twice() {
        assert!(
            Topics::parse(&FILE.replace("id = \"kemi\"", "id = \"Kemi og\""))
                .unwrap_err()
                .contains("Kemi og")
        );
        assert!(
            Topics::parse(&FILE.replace("id = \"kemi\"", "id = \"tillid\""))
                .unwrap_err()
                .contains("to gange")
        );
    }
}
