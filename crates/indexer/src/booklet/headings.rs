//! Headings: the booklet's heading rules (`headings` in its conventions)
//! applied to the lines the table of contents did not claim. A heading may
//! wrap over a few short lines; its shape (standalone between blank lines,
//! or attached above the text) tells it from body text where no pattern
//! does. Markdown headings are headings whatever the rules say.

use std::sync::LazyLock;

use regex::Regex;

use crate::publication::{HeadingCase, HeadingLevel, HeadingShape, Publication};
use crate::quote::Pages;

use super::lines::{
    ends_sentence, opens_list_item, starts_lowercase, starts_uppercase, Line, LineKind,
};
use super::repair::{append_line, collapse_whitespace, sentence_case, strip_markup, Lexicon};

/// Chapter numbering before a heading's title ("1. ", "#3 ").
static NUMBERING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#?\d+[.)]?\s+").expect("valid pattern"));

/// A heading the booklet prints, with the part of the document it opens.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// Index into `Layout::lines` of the heading's first line.
    pub(crate) first: usize,
    /// Index of its last line, inclusive: headings wrap over several lines.
    pub(crate) last: usize,
    /// What the heading opens: a chapter, a section or neither.
    pub(crate) level: HeadingLevel,
    /// The heading's text as quotes are filed under it: wrapped lines joined,
    /// numbering stripped, case as the rule asks.
    pub(crate) title: String,
    /// Speaker role for unattributed quotes in the section it opens.
    pub(crate) role: Option<String>,
    /// The chapter's pages, from the booklet's table of contents.
    pub(crate) pages: Option<Pages>,
    /// The table of contents' wording of the chapter, where it says more
    /// than the heading ("Det perfekte match? – om den personlige kemi").
    pub(crate) summary: Option<String>,
}

/// The text of a heading printed over several lines, joined and cleaned.
pub(crate) fn heading_text(lines: &[Line]) -> String {
    let mut text = String::new();
    for line in lines {
        let line_text = line.text.trim_start_matches('#').trim();
        append_line(&mut text, line_text, |_| false);
    }
    collapse_whitespace(&strip_markup(&text))
        .trim_start_matches(['.', '…', ' '])
        .trim()
        .to_string()
}

/// Removes chapter numbering ("1. ", "#3 ") from a heading.
pub(crate) fn strip_numbering(title: &str) -> String {
    NUMBERING.replace(title, "").to_string()
}

/// Applies the booklet's heading rules to the lines the TOC did not claim,
/// from `body_start` on; `patterns` are the rules' compiled patterns,
/// `toc_count` the number of headings found before (the index the first one
/// found here gets).
pub(crate) fn rule_headings(
    lines: &mut [Line],
    body_start: usize,
    publication: &Publication,
    patterns: &[Option<Regex>],
    lexicon: &Lexicon,
    full_width: usize,
    toc_count: usize,
) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut i = body_start;
    while i < lines.len() {
        if lines[i].kind != LineKind::Body {
            i += 1;
            continue;
        }
        let spans = heading_spans(lines, i, full_width);
        // Each span's text, read once for all the rules.
        let mut texts: Vec<Option<String>> = vec![None; spans.len()];
        let mut found = None;
        'rules: for (rule, pattern) in publication.headings.iter().zip(patterns) {
            if rule.page_start && !lines[i].page_start {
                continue;
            }
            for (k, &last) in spans.iter().enumerate().rev() {
                let text = texts[k]
                    .get_or_insert_with(|| heading_text(&lines[i..=last]))
                    .as_str();
                if !fits_shape(lines, i, last, text, rule.shape, full_width) {
                    continue;
                }
                let title = match pattern {
                    Some(p) => match p.captures(text) {
                        Some(c) => c
                            .name("title")
                            .map(|t| t.as_str())
                            .unwrap_or(text)
                            .to_string(),
                        None => continue,
                    },
                    None => text.to_string(),
                };
                let title = match rule.case {
                    HeadingCase::Sentence => sentence_case(&title, lexicon),
                    HeadingCase::AsPrinted => title,
                };
                found = Some((
                    last,
                    Heading {
                        first: i,
                        last,
                        level: rule.level,
                        title: strip_numbering(&title),
                        role: rule.role.clone(),
                        pages: None,
                        summary: None,
                    },
                ));
                break 'rules;
            }
        }
        if found.is_none() && lines[i].text.starts_with('#') && lines[i].text.contains("# ") {
            // A Markdown heading no rule gives a meaning still is a heading.
            found = Some((
                i,
                Heading {
                    first: i,
                    last: i,
                    level: HeadingLevel::Plain,
                    title: heading_text(&lines[i..=i]),
                    role: None,
                    pages: None,
                    summary: None,
                },
            ));
        }
        match found {
            Some((last, heading)) => {
                let k = toc_count + out.len();
                for line in &mut lines[i..=last] {
                    line.kind = LineKind::Heading(k);
                }
                out.push(heading);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// The possible last lines of a heading starting at `first`: a heading wraps
/// onto the next line when its line keeps a trailing space, ends in a hyphen
/// or is continued in lowercase, and the next line is short like a
/// heading's rather than a full line of text.
fn heading_spans(lines: &[Line], first: usize, full_width: usize) -> Vec<usize> {
    let mut spans = vec![first];
    let mut last = first;
    while spans.len() < 4 {
        let next = last + 1;
        if next >= lines.len()
            || lines[next].gap_before != 0
            || lines[next].kind != LineKind::Body
            || lines[next].text.chars().count() * 10 > full_width * 7
        {
            break;
        }
        let wrapped = lines[last].trailing_space
            || lines[last].text.ends_with('-')
            || starts_lowercase(&lines[next].text);
        if !wrapped {
            break;
        }
        last = next;
        spans.push(last);
    }
    spans
}

fn fits_shape(
    lines: &[Line],
    first: usize,
    last: usize,
    text: &str,
    shape: HeadingShape,
    full_width: usize,
) -> bool {
    let word_count = text.split_whitespace().count();
    let opens_like_text = text.starts_with(['“', '"', '”', '–', '•', '-', '*']);
    let short = |l: &Line| l.text.chars().count() * 10 <= full_width * 7;
    match shape {
        HeadingShape::Any => word_count <= 16,
        HeadingShape::Standalone => {
            // After a blank line, and not continued in lowercase below it
            // (double-spaced text has a blank line inside its paragraphs).
            let after_blank = lines
                .get(last + 1)
                .is_none_or(|n| n.gap_before >= 1 && !starts_lowercase(&n.text));
            let before_ok = first == 0
                || lines[first].page_start
                || lines[first - 1].kind != LineKind::Body
                || ends_sentence(&lines[first - 1].text)
                || short(&lines[first - 1]);
            let trailing_ellipsis = text.ends_with("...") || text.ends_with('…');
            word_count <= 10
                && !opens_like_text
                && starts_uppercase(text)
                && (trailing_ellipsis || !text.ends_with(['.', ',', ';', ':', '!', '-']))
                && lines[first..=last].iter().all(short)
                && (lines[first].gap_before >= 1 || lines[first].page_start)
                && after_blank
                && before_ok
        }
        HeadingShape::Attached => {
            let Some(next) = lines.get(last + 1) else {
                return false;
            };
            // A heading ends its line where running text wraps on (a
            // trailing space), and is no longer than a full line of text.
            let whole_lines = !lines[last].trailing_space
                && lines[first..=last]
                    .iter()
                    .all(|l| l.text.chars().count() < full_width);
            // After a blank line, not inside a paragraph that wraps into it.
            let opens = lines[first].page_start
                || (lines[first].gap_before >= 1
                    && (first == 0
                        || lines[first - 1].kind != LineKind::Body
                        || !lines[first - 1].trailing_space
                        || ends_sentence(&lines[first - 1].text)));
            // Running text follows at once: a sentence opening on a full or
            // wrapped line. A line above a list item is the list's caption.
            let text_follows = next.gap_before == 0
                && next.kind == LineKind::Body
                && starts_uppercase(&next.text)
                && !opens_list_item(&next.text)
                && (next.trailing_space || next.text.chars().count() * 10 >= full_width * 6);
            // A heading continuing the one before opens with an ellipsis.
            let continues = lines[first].text.starts_with(['…', '.']);
            (1..=16).contains(&word_count)
                && !opens_like_text
                && (starts_uppercase(text) || continues)
                && !text.ends_with(['.', ',', ';', ':', '!', '?'])
                && whole_lines
                && opens
                && text_follows
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booklet::lines::{content_lines, full_width};
    use crate::booklet::patterns::Patterns;
    use crate::publication::for_test;

    /// The headings the rules find in `text`, as (title, level, lines).
    fn headings(rules: &str, text: &str) -> Vec<(String, HeadingLevel, usize, usize)> {
        let publication = for_test(&format!("level_from = \"role\"\n{rules}"));
        let patterns = Patterns::compile(&publication).unwrap();
        let mut lines = content_lines(text);
        let width = full_width(&lines);
        let lexicon = Lexicon::from_texts([text]);
        rule_headings(
            &mut lines,
            0,
            &publication,
            &patterns.headings,
            &lexicon,
            width,
            0,
        )
        .into_iter()
        .map(|h| (h.title, h.level, h.first, h.last))
        .collect()
    }

    const BODY: &str = "Vi mødes hver uge og taler om alt det, der fylder mest for os.\n";

    #[test]
    fn a_standalone_heading_stands_between_blank_lines() {
        let rules = "[[headings]]\nlevel = \"subtheme\"\nshape = \"standalone\"";
        let text = format!("\n Samarbejdet i praksis\n\n{BODY}{BODY}Kort linje.\n");
        assert_eq!(
            headings(rules, &text),
            [(
                "Samarbejdet i praksis".to_string(),
                HeadingLevel::Subtheme,
                0,
                0
            )]
        );
        let glued = format!("{BODY} Samarbejdet i praksis\n{BODY}");
        assert!(headings(rules, &glued).is_empty(), "no blank line after it");
        let continued = format!("{BODY}\nFindes også som podcast på\n\nlederweb.dk.\n\n{BODY}");
        assert!(
            headings(rules, &continued).is_empty(),
            "continued in lowercase after the blank line"
        );
    }

    #[test]
    fn an_attached_heading_sits_on_a_full_line_of_text() {
        let rules = "[[headings]]\nlevel = \"plain\"\nshape = \"attached\"";
        let text = format!("{BODY}\nNår chefen siger nej\n{BODY}");
        assert_eq!(
            headings(rules, &text),
            [(
                "Når chefen siger nej".to_string(),
                HeadingLevel::Plain,
                1,
                1
            )]
        );
        let sentence = format!("{BODY}\nDet siger chefen nej til.\n{BODY}");
        assert!(
            headings(rules, &sentence).is_empty(),
            "a sentence is no heading"
        );
    }

    /// Running text as the double-spaced booklets print it: a blank line
    /// after every printed line, wrapped lines keeping a trailing space.
    const DOUBLE_SPACED: &str = "Vi mødes hver uge i chefgruppen og taler om det, \n\n\
        der fylder mest for os, og om det, vi skal nå sammen. \n\n\
        Det er ikke altid let, men vi bliver bedre til det.\n\n";

    const ATTACHED: &str = "[[headings]]\nlevel = \"subtheme\"\nshape = \"attached\"";

    /// The lines of a heading found in `text` under the attached rule, as
    /// (title, first line no, last line no).
    fn attached(text: &str) -> Vec<(String, usize, usize)> {
        let lines = content_lines(text);
        headings(ATTACHED, text)
            .into_iter()
            .map(|(title, _, first, last)| (title, lines[first].no, lines[last].no))
            .collect()
    }

    #[test]
    fn a_long_attached_heading_is_a_heading_whatever_its_length() {
        let text = format!(
            "{DOUBLE_SPACED}Chefer tør godt gå ind i hinandens fagområder\n\
             Når vi kender hinanden godt, tør vi også blande os \n\n\
             i det, de andre har ansvaret for.\n\n{DOUBLE_SPACED}"
        );
        assert_eq!(
            attached(&text),
            [(
                "Chefer tør godt gå ind i hinandens fagområder".to_string(),
                7,
                7
            )]
        );
    }

    #[test]
    fn an_attached_heading_wrapped_over_two_lines_is_joined() {
        let text = format!(
            "{DOUBLE_SPACED}Når chefen tænker på hele organisationen  \n\
             og ikke kun på sit eget område\n\
             Det betyder meget for samarbejdet, at alle ser sig \n\n\
             som en del af den samme helhed.\n\n{DOUBLE_SPACED}"
        );
        assert_eq!(
            attached(&text),
            [(
                "Når chefen tænker på hele organisationen og ikke kun på sit eget område"
                    .to_string(),
                7,
                8
            )]
        );
    }

    #[test]
    fn a_heading_continuing_the_one_before_opens_with_an_ellipsis() {
        let text = format!(
            "{DOUBLE_SPACED}… når der er tillid mellem cheferne\n\
             Uden tillid bliver det svært at sige sin mening \n\n\
             højt i gruppen.\n\n"
        );
        assert_eq!(
            attached(&text),
            [("når der er tillid mellem cheferne".to_string(), 7, 7)]
        );
    }

    #[test]
    fn lines_of_running_text_and_list_captions_are_no_attached_headings() {
        // The last line of a paragraph above a line that opens a page.
        let page_break = "Vi mødes hver uge i chefgruppen og taler om det, \n\n\
             der fylder mest for os\n Og om det, vi skal nå sammen i det kommende år.\n\n";
        assert!(attached(page_break).is_empty(), "inside a paragraph");
        let sentence = format!(
            "{DOUBLE_SPACED}Det har vi lært meget af.\n Næste side begynder med en lang linje tekst.\n\n"
        );
        assert!(attached(&sentence).is_empty(), "a sentence is no heading");
        let caption = format!(
            "{DOUBLE_SPACED}Hvad fremmer …\n•\t At chefgruppen mødes jævnligt og taler \n\n\
             sammen om det, der er svært.\n\n"
        );
        assert!(attached(&caption).is_empty(), "a list's caption");
        let lone = format!("{DOUBLE_SPACED}…\nChefer fra alle områder deltager på mødet.\n\n");
        assert!(attached(&lone).is_empty(), "an ellipsis alone");
    }

    #[test]
    fn a_pattern_keeps_its_title_group_and_numbering_goes() {
        let rules = "[[headings]]\nlevel = \"theme\"\npattern = '^Kapitel \\d+: (?P<title>.+)$'\n\
                     [[headings]]\nlevel = \"subtheme\"\npattern = '^\\d\\. .+$'";
        let text = format!("Kapitel 2: Tillid\n{BODY}\n3. At give plads\n{BODY}");
        assert_eq!(
            headings(rules, &text),
            [
                ("Tillid".to_string(), HeadingLevel::Theme, 0, 0),
                ("At give plads".to_string(), HeadingLevel::Subtheme, 2, 2),
            ]
        );
    }

    #[test]
    fn a_heading_wraps_over_short_lines() {
        let rules =
            "[[headings]]\nlevel = \"theme\"\npattern = '^(?P<title>Når chefen siger nej)$'";
        let text = format!(" Når chefen \nsiger nej\n\n{BODY}{BODY}");
        assert_eq!(
            headings(rules, &text),
            [(
                "Når chefen siger nej".to_string(),
                HeadingLevel::Theme,
                0,
                1
            )]
        );
    }

    #[test]
    fn a_markdown_heading_is_a_heading_without_a_rule() {
        let text = format!("## Om at lede ledere\n\n{BODY}");
        assert_eq!(
            headings("", &text),
            [("Om at lede ledere".to_string(), HeadingLevel::Plain, 0, 0)]
        );
    }

    #[test]
    fn numbering_is_stripped() {
        assert_eq!(strip_numbering("1. At lede"), "At lede");
        assert_eq!(strip_numbering("#3 Om os"), "Om os");
        assert_eq!(strip_numbering("4) Til sidst"), "Til sidst");
        assert_eq!(strip_numbering("Om 3 ting"), "Om 3 ting");
    }
}
