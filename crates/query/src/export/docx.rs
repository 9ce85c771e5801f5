//! A report draft in Word (.docx): a title, the quotes grouped under a
//! heading per booklet, theme or topic, each quote a block quote in Word's
//! built-in "Quote" style followed by its speaker, level and in-text
//! citation, then "Referencer": the selection's reference list in APA 7 with
//! each booklet's title in italics and a hanging indent.
//!
//! docx-rs writes the package. It declares only the "Normal" style itself,
//! so every style used here is declared here, under the ids and names Word
//! and LibreOffice know as built-in ("Title", "heading 1", "Quote",
//! "Bibliography"), so the document's headings land in Word's navigation
//! pane and a user's own template restyles them. The citations come from
//! [`crate::cite`] (never re-derived here), so the document agrees with
//! every other export.

use std::collections::HashMap;
use std::io::{self, Cursor, Write};

use citater_indexer::{Level, Quote, Topic};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, Paragraph, Run, SpecialIndentType, Style, StyleType,
};

use super::prose::{capitalised, with_final_punctuation};
use crate::cite::{Citations, Reference};
use crate::error::{echo, Error};

/// The document's heading.
const TITLE: &str = "Citater";
/// The heading of the reference list.
const REFERENCES: &str = "Referencer";
/// The heading of quotes with no topic (the corpus gives each quote one, so
/// only a stale index shows it).
const NO_TOPIC: &str = "Uden emne";

/// Style ids. The ids of Word's built-in styles, so Word maps them to its own.
const STYLE_TITLE: &str = "Title";
const STYLE_HEADING: &str = "Heading1";
const STYLE_QUOTE: &str = "Quote";
/// The line under a quote: speaker, level and in-text citation.
const STYLE_SOURCE: &str = "Citatkilde";
const STYLE_REFERENCE: &str = "Bibliography";

/// Half an inch in twentieths of a point: Word's block-quote indent and
/// APA's hanging indent.
const HALF_INCH: i32 = 720;

/// What the quotes of a Word document are grouped under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Group {
    /// The quote's first topic, by name.
    Topic,
    /// The booklet chapter the quote stands under.
    Theme,
    /// The booklet, by title.
    #[default]
    Publication,
}

impl Group {
    /// Every grouping, in the order messages list them.
    pub const ALL: [Group; 3] = [Group::Topic, Group::Theme, Group::Publication];

    /// The name a user types (`--group`, `?group=`).
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Topic => "topic",
            Group::Theme => "theme",
            Group::Publication => "publication",
        }
    }

    /// Reads a grouping by name, without regard to case.
    pub fn parse(name: &str) -> Result<Group, Error> {
        Group::ALL
            .into_iter()
            .find(|g| g.as_str().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = Group::ALL.iter().map(|g| g.as_str()).collect();
                Error::usage(format!(
                    "Ukendt gruppering »{}«; kendte grupperinger: {}.",
                    echo(name),
                    names.join(", ")
                ))
            })
    }
}

/// How a Word document lays out its quotes: the grouping, and the topic
/// names its headings need when grouped by topic (the engine's vocabulary,
/// passed as a lookup so exporting does not depend on the engine).
#[derive(Debug, Clone, Default)]
pub struct Layout {
    group: Group,
    topic_names: HashMap<String, String>,
}

impl Layout {
    /// Grouped by `group`, topics named from `topics`.
    pub fn new(group: Group, topics: &[Topic]) -> Layout {
        Layout {
            group,
            topic_names: topics
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect(),
        }
    }

    /// The heading a quote stands under. A quote with several topics stands
    /// under its first only, so each quote appears once in the draft and the
    /// quotes under a heading are those a reader would expect there: a
    /// quote's first topic is its main one (`corpus/topics.toml` order as
    /// assigned by the indexer).
    fn heading(&self, quote: &Quote) -> String {
        match self.group {
            Group::Publication => quote.publication.title.clone(),
            Group::Theme => quote.theme.clone(),
            Group::Topic => match quote.topics.first() {
                Some(id) => self.topic_names.get(id).unwrap_or(id).clone(),
                None => NO_TOPIC.to_string(),
            },
        }
    }
}

/// The selection as a .docx file.
pub(crate) fn write(
    out: &mut impl Write,
    quotes: &[&Quote],
    citations: &Citations,
    layout: &Layout,
) -> io::Result<()> {
    let references = citations.references(quotes);
    let mut doc = styled(Docx::new()).add_paragraph(paragraph(STYLE_TITLE, TITLE));
    for (heading, cited) in grouped(references.cited(), layout) {
        doc = doc.add_paragraph(paragraph(STYLE_HEADING, &heading));
        for (quote, reference) in cited {
            doc = doc
                .add_paragraph(paragraph(STYLE_QUOTE, &with_final_punctuation(&quote.text)))
                .add_paragraph(paragraph(STYLE_SOURCE, &signature(quote, reference)));
        }
    }
    if references.iter().next().is_some() {
        doc = doc.add_paragraph(paragraph(STYLE_HEADING, REFERENCES));
    }
    for reference in references.iter() {
        let parts = reference.parts();
        doc = doc.add_paragraph(
            Paragraph::new()
                .style(STYLE_REFERENCE)
                .add_run(Run::new().add_text(parts.before))
                .add_run(Run::new().add_text(parts.title).italic())
                .add_run(Run::new().add_text(parts.after)),
        );
    }
    let mut file = Cursor::new(Vec::new());
    doc.build().pack(&mut file).map_err(io::Error::other)?;
    out.write_all(file.get_ref())
}

/// The cited quotes under their headings: the headings in the order their
/// first quote comes in the selection, each heading's quotes in the
/// selection's order.
fn grouped<'q, 'r>(
    cited: impl Iterator<Item = (&'q Quote, &'r Reference<'q>)>,
    layout: &Layout,
) -> Vec<(String, Vec<(&'q Quote, &'r Reference<'q>)>)> {
    let mut groups: Vec<(String, Vec<_>)> = Vec::new();
    for (quote, reference) in cited {
        let heading = layout.heading(quote);
        match groups.iter_mut().find(|(h, _)| *h == heading) {
            Some((_, members)) => members.push((quote, reference)),
            None => groups.push((heading, vec![(quote, reference)])),
        }
    }
    groups
}

/// "— En kommunal leder (leder) (Væksthus for Ledelse, u.å., afs. „At blive
/// leder“)": the speaker as the markdown export signs a quote, the level
/// where known, and the in-text citation from the selection's list.
fn signature(quote: &Quote, reference: &Reference) -> String {
    let mut line = String::from("— ");
    if !quote.speaker.is_empty() {
        line.push_str(&capitalised(&quote.speaker));
        line.push(' ');
    }
    // The level where the speaker does not already say it ("en direktør").
    let level = quote.level.as_str();
    if quote.level != Level::Ukendt && !quote.speaker.to_lowercase().contains(level) {
        line.push_str(&format!("({level}) "));
    }
    line.push_str(&reference.in_text(quote));
    line
}

/// A paragraph of one plain run in a style.
fn paragraph(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(text))
}

/// The document with the styles it uses declared.
fn styled(doc: Docx) -> Docx {
    let paragraph_style = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
    };
    doc.default_size(22)
        .add_style(
            paragraph_style(STYLE_TITLE, "Title")
                .size(56)
                .line_spacing(LineSpacing::new().after(240)),
        )
        .add_style(
            paragraph_style(STYLE_HEADING, "heading 1")
                .bold()
                .size(32)
                .outline_lvl(0)
                .line_spacing(LineSpacing::new().before(360).after(120)),
        )
        .add_style(
            paragraph_style(STYLE_QUOTE, "Quote")
                .italic()
                .indent(Some(HALF_INCH), None, Some(HALF_INCH), None)
                .line_spacing(LineSpacing::new().before(200).after(60)),
        )
        .add_style(
            paragraph_style(STYLE_SOURCE, "Citatkilde")
                .size(20)
                .align(AlignmentType::Right)
                .indent(Some(HALF_INCH), None, Some(HALF_INCH), None)
                .line_spacing(LineSpacing::new().after(200)),
        )
        .add_style(
            paragraph_style(STYLE_REFERENCE, "Bibliography")
                .indent(
                    Some(HALF_INCH),
                    Some(SpecialIndentType::Hanging(HALF_INCH)),
                    None,
                    None,
                )
                .line_spacing(LineSpacing::new().after(120)),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::fixtures::{citations, mellem, tango, trinet};

    /// The document read back by docx-rs's own reader.
    fn read_back(bytes: &[u8]) -> Docx {
        docx_rs::read_docx(bytes).expect("docx-rs reads what it wrote")
    }

    fn written(quotes: &[&Quote], layout: &Layout) -> Vec<u8> {
        let mut out = Vec::new();
        write(&mut out, quotes, &citations(), layout).expect("written");
        out
    }

    #[test]
    fn groups_parse_without_regard_to_case_and_unknown_ones_are_listed() {
        assert_eq!(Group::parse("Topic").unwrap(), Group::Topic);
        assert_eq!(Group::parse("publication").unwrap(), Group::Publication);
        let err = Group::parse("emne").unwrap_err().to_string();
        assert!(err.contains("topic, theme, publication"), "{err}");
        assert_eq!(Group::default(), Group::Publication);
    }

    #[test]
    fn headings_follow_the_grouping_in_selection_order() {
        let (a, b, t) = (trinet(), mellem(), tango());
        let c = citations();
        let quotes = [&t, &a, &b, &t];
        let references = c.references(&quotes);
        let headings = |layout: &Layout| -> Vec<(String, usize)> {
            grouped(references.cited(), layout)
                .into_iter()
                .map(|(h, members)| (h, members.len()))
                .collect()
        };
        let by_booklet = headings(&Layout::default());
        assert_eq!(by_booklet.len(), 3);
        assert_eq!(by_booklet[0], (t.publication.title.clone(), 2));
        assert_eq!(by_booklet[1].0, a.publication.title);
        let by_theme = headings(&Layout::new(Group::Theme, &[]));
        assert_eq!(by_theme[0].0, t.theme);
        let topic = Topic {
            id: t.topics[0].clone(),
            name: "Et emne".into(),
            description: String::new(),
            names: Vec::new(),
            words: Vec::new(),
        };
        let by_topic = headings(&Layout::new(Group::Topic, &[topic]));
        assert_eq!(by_topic[0].0, "Et emne");
    }

    #[test]
    fn a_quote_is_signed_with_speaker_level_and_its_in_text_citation() {
        let c = citations();
        let said = trinet();
        let mut other = trinet();
        other.speaker = "en overlæge".into();
        let references = c.references(&[&said, &other]);
        let lines: Vec<String> = references
            .cited()
            .map(|(quote, reference)| signature(quote, reference))
            .collect();
        // The level only where the speaker does not say it.
        assert_eq!(
            lines[0],
            format!("— En kommunal leder {}", c.in_text(&said))
        );
        assert_eq!(
            lines[1],
            format!("— En overlæge (leder) {}", c.in_text(&other))
        );
    }

    #[test]
    fn the_file_is_a_docx_with_its_quotes_headings_and_styles() {
        let (a, t) = (trinet(), tango());
        let bytes = written(&[&a, &t], &Layout::default());
        assert!(bytes.starts_with(b"PK"), "a ZIP package");
        let doc = read_back(&bytes);
        let json = doc.json();
        for text in [TITLE, REFERENCES, a.text.as_str(), t.text.as_str()] {
            let escaped = serde_json::to_string(text).unwrap();
            assert!(
                json.contains(escaped.trim_matches('"')),
                "{text} is missing"
            );
        }
        let declared: Vec<&str> = doc
            .styles
            .styles
            .iter()
            .map(|s| s.style_id.as_str())
            .collect();
        for style in [
            STYLE_TITLE,
            STYLE_HEADING,
            STYLE_QUOTE,
            STYLE_SOURCE,
            STYLE_REFERENCE,
        ] {
            assert!(declared.contains(&style), "{style} is not declared");
        }
    }
}
