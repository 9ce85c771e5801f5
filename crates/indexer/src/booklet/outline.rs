//! Outline: the booklet's headings as a tree, chapters over their sections,
//! counted by the quotes filed under each.

use crate::outline::{Outline, OutlineHeading};
use crate::publication::{HeadingLevel, PublicationRef};

use super::context::Context;
use super::lines::LineKind;
use super::Layout;

impl Layout {
    /// The heading tree of this layout; `filed` are the contexts of the
    /// booklet's quotes, one each.
    pub(crate) fn outline<'a>(
        &self,
        publication: PublicationRef,
        filed: impl IntoIterator<Item = &'a Context>,
    ) -> Outline {
        let mut counts = vec![0; self.headings.len()];
        let mut quotes = 0;
        for context in filed {
            quotes += 1;
            for k in [context.theme_heading, context.subtheme_heading]
                .into_iter()
                .flatten()
            {
                counts[k] += 1;
            }
        }
        let mut slots: Vec<Option<OutlineHeading>> = self
            .headings
            .iter()
            .enumerate()
            .map(|(k, h)| {
                Some(OutlineHeading {
                    title: h.title.clone(),
                    level: h.level,
                    line_start: self.lines[h.first].no,
                    line_end: self.lines[h.last].no,
                    pages: h.pages,
                    // No context names a plain heading: it files nothing.
                    quotes: counts[k],
                    headings: Vec::new(),
                })
            })
            .collect();
        // Backwards, so that each chapter gets its sections in reading order.
        for k in (0..self.headings.len()).rev() {
            if self.headings[k].level == HeadingLevel::Theme {
                continue;
            }
            if let Some(chapter) = self.chapter_of(k) {
                let section = slots[k].take();
                if let Some(c) = slots[chapter].as_mut() {
                    c.headings.splice(0..0, section);
                }
            }
        }
        let headings = slots.into_iter().flatten().collect();
        Outline {
            publication,
            quotes,
            headings,
        }
    }

    /// The chapter heading a section or plain heading belongs to: the one
    /// in force where the text below it starts, since a section printed
    /// above a chapter's heading (a kicker) opens that chapter.
    fn chapter_of(&self, k: usize) -> Option<usize> {
        let h = &self.headings[k];
        let below = (h.last + 1..self.lines.len())
            .find(|&i| !matches!(self.lines[i].kind, LineKind::Heading(_)))
            .map(|i| &self.contexts[i]);
        match below {
            Some(c) if c.subtheme_heading == Some(k) => c.theme_heading,
            _ => self.contexts[h.last].theme_heading,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::booklet::{self, repair::Lexicon};
    use crate::publication::for_test;
    use crate::vocabulary::Vocabulary;

    /// The outline of `text` under the heading rules `rules`, each heading
    /// as (depth, title, quotes).
    fn outline(rules: &str, text: &str) -> Vec<(usize, String, usize)> {
        let publication = for_test(&format!(
            "level_from = \"role\"\nquote_styles = [\"marks\"]\n{rules}"
        ));
        let vocabulary = Vocabulary::parse(include_str!("../../../../corpus/roles.toml")).unwrap();
        let lexicon = Lexicon::from_texts([text]);
        let layout = booklet::read(text, &publication, &lexicon, &vocabulary).unwrap();
        let found = crate::speech::find(&layout, &publication, &lexicon, &vocabulary);
        let outline = layout.outline(publication.reference(), found.iter().map(|f| &f.context));
        assert_eq!(outline.quotes, found.len());
        outline
            .walk()
            .map(|(depth, h)| (depth, h.title.clone(), h.quotes))
            .collect()
    }

    const RULES: &str =
        "[[headings]]\nlevel = \"theme\"\npattern = '^Kapitel \\d: (?P<title>.+)$'\n\
                         [[headings]]\nlevel = \"subtheme\"\npattern = '^Til (?P<title>.+)$'";

    const QUOTE: &str = "“Vi taler sammen hver eneste uge om det hele,” siger en chef.\n";

    #[test]
    fn sections_stand_under_their_chapter_counted_by_their_quotes() {
        let text = format!(
            "Kapitel 1: Tillid\n\n{QUOTE}\nTil chefen\n\n{QUOTE}\n{QUOTE}\nKapitel 2: Ro\n\n{QUOTE}"
        );
        assert_eq!(
            outline(RULES, &text),
            [
                (0, "Tillid".to_string(), 3),
                (1, "chefen".to_string(), 2),
                (0, "Ro".to_string(), 1),
            ]
        );
    }

    #[test]
    fn a_section_printed_above_its_chapter_heading_opens_that_chapter() {
        let text = format!("Kapitel 1: Tillid\n\n{QUOTE}\nTil chefen\nKapitel 2: Ro\n\n{QUOTE}");
        assert_eq!(
            outline(RULES, &text),
            [
                (0, "Tillid".to_string(), 1),
                (0, "Ro".to_string(), 1),
                (1, "chefen".to_string(), 1),
            ]
        );
    }
}
