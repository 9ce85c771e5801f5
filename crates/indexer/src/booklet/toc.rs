//! The table of contents: its entries, read by the booklet's `toc` rule, and
//! for each the chapter heading it points to in the body. The entries give
//! the chapters' page spans (the only page numbers a quote can honestly
//! cite) and, where an entry says more than the printed heading, a summary
//! of the chapter.

use std::borrow::Cow;

use regex::Regex;

use crate::analysis::words;
use crate::publication::{HeadingLevel, TocRule};
use crate::quote::Pages;

use super::headings::{heading_text, strip_numbering, Heading};
use super::lines::{Line, LineKind};
use super::repair::{collapse_whitespace, strip_markup};

/// Normalised words of a heading or title, for comparing TOC and body.
fn title_words(text: &str) -> Vec<String> {
    words(&strip_markup(text))
        .into_iter()
        .map(|w| w.lower)
        .collect()
}

/// The table of contents as read: the chapter headings its entries point
/// to, and where it ends.
pub(crate) struct Contents {
    /// The chapter headings, in the order of the entries.
    pub(crate) chapters: Vec<Heading>,
    /// Index into the lines of the first line after the last entry: what
    /// comes before is the title page, the colophon and the contents.
    pub(crate) end: usize,
}

/// Reads the table of contents and finds each entry's heading in the body;
/// `entry` is the compiled `TocRule::entry`.
pub(crate) fn read(
    lines: &mut [Line],
    toc: &TocRule,
    entry: &Regex,
    full_width: usize,
) -> Contents {
    let mut entries: Vec<(String, u32)> = Vec::new();
    let mut toc_start = None;
    let mut toc_end = 0;
    for i in 0..lines.len() {
        if lines[i].no > toc.within_lines {
            break;
        }
        let Some(m) = entry.captures(&lines[i].text) else {
            continue;
        };
        let mut title = m
            .name("title")
            .map(|t| t.as_str())
            .unwrap_or("")
            .to_string();
        let page = m
            .name("page")
            .and_then(|p| p.as_str().parse().ok())
            .unwrap_or(0);
        // A title wrapped onto two lines, or a title with its subtitle on
        // the next line ("Den politiske livsledsager" / "– om roller …").
        if i > 0
            && lines[i - 1].gap_before != usize::MAX
            && lines[i].gap_before <= 1
            && lines[i - 1].kind == LineKind::Body
            && !entry.is_match(&lines[i - 1].text)
            && !lines[i - 1].text.contains(['\t', '<'])
            && (lines[i - 1].trailing_space || title.starts_with('–'))
        {
            title = format!("{} {}", lines[i - 1].text, title);
            lines[i - 1].kind = LineKind::Furniture;
        }
        lines[i].kind = LineKind::Furniture;
        toc_start.get_or_insert(i);
        toc_end = i + 1;
        entries.push((collapse_whitespace(&strip_markup(&title)), page));
    }
    // Lines among the entries (section labels without a page) are the
    // table of contents too.
    for line in &mut lines[toc_start.unwrap_or(toc_end)..toc_end] {
        line.kind = LineKind::Furniture;
    }

    // Candidate body headings for every entry, then the latest order-keeping
    // choice: a heading's words also appear earlier in lists and overviews,
    // but the chapter itself comes last.
    let starts = SpanStarts::new(lines, toc_end, full_width);
    let candidates: Vec<Vec<(usize, usize)>> = entries
        .iter()
        .map(|(title, _)| toc_candidates(lines, &starts, title, full_width))
        .collect();
    let mut chosen: Vec<Option<(usize, usize)>> = vec![None; entries.len()];
    let mut bound = usize::MAX;
    for k in (0..entries.len()).rev() {
        if let Some(&(first, last)) = candidates[k].iter().rev().find(|(f, _)| *f < bound) {
            chosen[k] = Some((first, last));
            bound = first;
        }
    }
    // A chapter runs from its page to the page before the next entry's.
    let pages: Vec<Pages> = entries
        .iter()
        .enumerate()
        .map(|(k, (_, first))| {
            let next = entries[k + 1..].iter().map(|(_, p)| *p).find(|p| p > first);
            Pages {
                first: *first,
                last: next.map_or(*first, |n| n - 1),
            }
        })
        .collect();
    let chapters = chosen
        .into_iter()
        .zip(pages)
        .zip(entries)
        .filter_map(|((c, pages), (toc_title, _))| {
            let (first, last) = c?;
            let printed = heading_text(&lines[first..=last]);
            let says_more = title_words(&toc_title) != title_words(&printed);
            Some(Heading {
                first,
                last,
                level: HeadingLevel::Theme,
                title: strip_numbering(&printed),
                role: None,
                pages: (pages.first > 0).then_some(pages),
                summary: says_more.then_some(toc_title),
            })
        })
        .collect();
    Contents {
        chapters,
        end: toc_end,
    }
}

/// What every entry asks of a body line as the first line of a heading,
/// read once for all entries: whether it is set in capitals, and the words
/// of the one-line heading it would be.
struct SpanStarts {
    /// The first line read.
    from: usize,
    /// By line from `from` on; `None` for a line no heading starts on
    /// (not body text) or too wide for a heading.
    starts: Vec<Option<SpanStart>>,
}

struct SpanStart {
    capitals: bool,
    /// `title_words` of the line as a heading.
    words: Vec<String>,
    /// The line as a heading ends in a hyphen: the word goes on.
    hyphenated: bool,
}

impl SpanStarts {
    fn new(lines: &[Line], from: usize, full_width: usize) -> SpanStarts {
        let starts = lines[from.min(lines.len())..]
            .iter()
            .map(|line| {
                if line.kind != LineKind::Body || too_wide(line, full_width) {
                    return None;
                }
                let text = heading_text(std::slice::from_ref(line));
                Some(SpanStart {
                    capitals: is_capitals(&line.text),
                    words: title_words(&text),
                    hyphenated: text.ends_with('-'),
                })
            })
            .collect();
        SpanStarts { from, starts }
    }
}

/// Whether a line is too wide to be (part of) a heading.
fn too_wide(line: &Line, full_width: usize) -> bool {
    line.text.chars().count() * 10 > full_width * 8
}

/// Body spans (first, last line index) whose words are a TOC title, its
/// main title (before " – ") or its part after a colon.
fn toc_candidates(
    lines: &[Line],
    starts: &SpanStarts,
    title: &str,
    full_width: usize,
) -> Vec<(usize, usize)> {
    let mut forms = vec![title_words(title)];
    if let Some((main, _)) = title.split_once(" – ") {
        forms.push(title_words(main));
    }
    if let Some((_, rest)) = title.split_once(": ") {
        forms.push(title_words(rest));
    }
    forms.retain(|f| !f.is_empty());
    let title_in_capitals = is_capitals(title);
    let mut out = Vec::new();
    for (first, start) in (starts.from..).zip(&starts.starts) {
        // A title set in capitals on a cover or in a running head is not
        // the chapter heading the TOC points to.
        let Some(start) = start else {
            continue;
        };
        if start.capitals && !title_in_capitals {
            continue;
        }
        let mut last = first;
        loop {
            let (words, hyphenated): (Cow<[String]>, bool) = if last == first {
                (Cow::Borrowed(&start.words), start.hyphenated)
            } else {
                if too_wide(&lines[last], full_width) {
                    break;
                }
                let text = heading_text(&lines[first..=last]);
                (Cow::Owned(title_words(&text)), text.ends_with('-'))
            };
            if forms.iter().any(|f| f[..] == words[..]) {
                out.push((first, last));
                break;
            }
            let next = last + 1;
            // "Hvor tit mødes chef-" goes on as "chefgrupperne?".
            let complete = if hyphenated {
                &words[..words.len().saturating_sub(1)]
            } else {
                &words[..]
            };
            if next >= lines.len()
                || last - first >= 3
                || lines[next].gap_before > 1
                || lines[next].kind != LineKind::Body
                || !forms.iter().any(|f| f.starts_with(complete))
            {
                break;
            }
            last = next;
        }
    }
    // "Samarbejdet i chefgruppen: / Styrker og dilemmaer" is one heading,
    // not also a second one made of its last line.
    let spans = out.clone();
    out.retain(|&(f, l)| !spans.iter().any(|&(f2, l2)| f2 < f && l <= l2));
    out
}

fn is_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 1 && letters.iter().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booklet::lines::{content_lines, full_width};

    const BODY: &str = "Vi mødes hver uge og taler om alt det, der fylder mest for os.\n";

    /// The lines of `text` and its contents, read with entries that end in
    /// a tab and the page, within the first five lines.
    fn contents_of(text: &str) -> (Vec<Line>, Contents) {
        let toc = TocRule {
            entry: r"^(?P<title>.+?)\t(?P<page>\d+)$".into(),
            within_lines: 5,
        };
        let entry = Regex::new(&toc.entry).unwrap();
        let mut lines = content_lines(text);
        let width = full_width(&lines);
        let contents = read(&mut lines, &toc, &entry, width);
        (lines, contents)
    }

    #[test]
    fn entries_find_their_chapters_with_pages_and_summaries() {
        let text = format!(
            "Indhold\nSamarbejdet i praksis\t4\nNår chefen siger nej – om grænser\t9\n\n\
             Samarbejdet i praksis er emnet her.\n\n Samarbejdet i praksis\n\n{BODY}{BODY}\n Når chefen siger nej\n\n{BODY}"
        );
        let (lines, contents) = contents_of(&text);
        assert_eq!(
            lines[contents.end - 1].no,
            3,
            "the contents end at the last entry"
        );
        let found = contents.chapters;
        assert_eq!(found.len(), 2);
        let h = &found[0];
        assert_eq!(
            (h.title.as_str(), lines[h.first].no),
            ("Samarbejdet i praksis", 7)
        );
        assert_eq!(h.pages, Some(Pages { first: 4, last: 8 }));
        assert_eq!(h.summary, None, "the heading says what the entry says");
        let h = &found[1];
        assert_eq!(
            (h.title.as_str(), lines[h.first].no),
            ("Når chefen siger nej", 12)
        );
        assert_eq!(h.pages, Some(Pages { first: 9, last: 9 }));
        assert_eq!(
            h.summary.as_deref(),
            Some("Når chefen siger nej – om grænser")
        );
        assert!(lines[1..3].iter().all(|l| l.kind == LineKind::Furniture));
    }

    #[test]
    fn a_title_wrapped_in_the_contents_is_one_entry() {
        let text = format!("Indhold\n\nDet gode \nsamarbejde\t4\n\n Det gode samarbejde\n\n{BODY}");
        let (lines, contents) = contents_of(&text);
        let found = contents.chapters;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Det gode samarbejde");
        assert_eq!(lines[found[0].first].no, 6);
    }
}
