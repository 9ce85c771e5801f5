//! Layout: from the lines of a PDF-extracted booklet to headings, boxes and
//! paragraphs, each line's role decided by the booklet's typography.
//!
//! The text keeps only traces of the printed page: a line that opens a page
//! starts with a space; wrapped lines keep a trailing space while a
//! paragraph's last line does not; some booklets came out double-spaced;
//! pull-quotes are runs of short lines; page heads and sidebar boxes land in
//! the middle of sentences. This module reads those traces so the extractor
//! sees paragraphs of running text in reading order, with the headings they
//! stand under.

use regex::Regex;

use crate::publication::{HeadingCase, HeadingLevel, HeadingShape, Publication, TocRule};
use crate::quote::Pages;
use crate::repair::{append_line, collapse_whitespace, sentence_case, strip_markup, Lexicon};
use crate::vocabulary::{words, Vocabulary};

/// Lines longer than this are whole paragraphs: the text was not wrapped.
const UNWRAPPED_WIDTH: usize = 120;

/// How far (in lines) a paragraph broken mid-sentence may resume after the
/// page heads, pull-quotes and boxes printed into it.
const CONTINUATION_REACH: usize = 45;

/// One non-blank line of the booklet.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the file.
    pub no: usize,
    /// The line without leading and trailing whitespace.
    pub text: String,
    /// The line opens a printed page (PDF extraction indents it by a space).
    pub page_start: bool,
    /// The line was wrapped inside a paragraph or heading.
    pub trailing_space: bool,
    /// Blank lines between this line and the previous non-blank one.
    pub gap_before: usize,
    /// What the line is; everything starts as `Body` and is reclassified.
    pub kind: LineKind,
}

/// What a line is, as far as finding quotes goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Running text.
    Body,
    /// Page numbers, running heads, sidebar boxes, the table of contents.
    Furniture,
    /// Part of the heading with this index.
    Heading(usize),
    /// Part of the labelled box with this index (speech and its label line).
    Boxed(usize),
    /// Part of the large-print block with this index.
    LargePrint(usize),
}

/// A heading the booklet prints, with the part of the document it opens.
#[derive(Debug, Clone)]
pub struct Heading {
    /// Index into `Layout::lines` of the heading's first line.
    pub first: usize,
    /// Index of its last line, inclusive: headings wrap over several lines.
    pub last: usize,
    /// What the heading opens: a chapter, a section or neither.
    pub level: HeadingLevel,
    /// The heading's text as quotes are filed under it: wrapped lines joined,
    /// numbering stripped, case as the rule asks.
    pub title: String,
    /// Speaker role for unattributed quotes in the section it opens.
    pub role: Option<String>,
    /// The chapter's pages, from the booklet's table of contents.
    pub pages: Option<Pages>,
    /// The table of contents' wording of the chapter, where it says more
    /// than the heading ("Det perfekte match? – om den personlige kemi").
    pub summary: Option<String>,
}

/// A run of lines set apart from the running text (a labelled quote box or
/// a large-print pull-quote), as indices into `Layout::lines`.
#[derive(Debug, Clone)]
pub struct Block {
    /// Index into `Layout::lines` of the block's first line.
    pub first: usize,
    /// Index of its last line, inclusive.
    pub last: usize,
    /// For labelled boxes: the role the label line names.
    pub label: Option<String>,
}

/// Where a line stands in the booklet's structure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// The chapter heading above the line, which becomes a quote's theme.
    pub theme: Option<String>,
    /// The section heading within the chapter; cleared by a new chapter.
    pub subtheme: Option<String>,
    /// The role of speakers in this section when a quote does not say.
    pub section_role: Option<String>,
    /// The chapter's pages, when the table of contents gives them.
    pub pages: Option<Pages>,
    /// The table of contents' wording of the chapter.
    pub summary: Option<String>,
    /// Every heading above this line, outermost first.
    pub path: Vec<String>,
}

/// A paragraph of running text rebuilt from its lines.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// Indices into `Layout::lines`, in reading order (not always adjacent:
    /// a paragraph resumes after whatever was printed into it).
    pub lines: Vec<usize>,
    /// The text with line breaks joined and hyphenation undone.
    pub text: String,
    /// Byte offset in `text` where each of `lines` begins.
    pub starts: Vec<usize>,
}

impl Paragraph {
    /// The index into `Layout::lines` of the line holding byte `offset`.
    pub fn line_at(&self, offset: usize) -> usize {
        let k = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        self.lines[k]
    }
}

/// A booklet read into lines, headings, boxes and paragraphs.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The non-blank lines only, so an index is not a line number (see
    /// `Line::no`).
    pub lines: Vec<Line>,
    /// In reading order; `LineKind::Heading` indexes into this.
    pub headings: Vec<Heading>,
    /// Labelled quote boxes; `LineKind::Boxed` indexes into this.
    pub boxes: Vec<Block>,
    /// Large-print pull-quotes; `LineKind::LargePrint` indexes into this.
    pub large_print: Vec<Block>,
    /// Running text in reading order, with what interrupted it left out.
    pub paragraphs: Vec<Paragraph>,
    /// The context of every line, by index.
    pub contexts: Vec<Context>,
    /// A blank line after every printed line, so blank lines say nothing
    /// about where paragraphs end.
    pub double_spaced: bool,
    /// The length of a full line of running text.
    pub full_width: usize,
}

/// Reads a booklet's layout. Fails only on a bad pattern in the metadata.
pub fn read(
    text: &str,
    publication: &Publication,
    lexicon: &Lexicon,
    vocabulary: &Vocabulary,
) -> Result<Layout, String> {
    let mut lines = content_lines(text);
    let full_width = full_width(&lines);
    let double_spaced = is_double_spaced(&lines);
    mark_furniture(&mut lines, publication)?;
    let boxes = mark_labelled_boxes(&mut lines, publication);
    let mut headings = Vec::new();
    if let Some(toc) = &publication.toc {
        headings.extend(toc_headings(&mut lines, toc, full_width)?);
    }
    for h in &headings {
        for line in &mut lines[h.first..=h.last] {
            line.kind = LineKind::Furniture;
        }
    }
    headings.extend(rule_headings(
        &mut lines,
        publication,
        lexicon,
        full_width,
        headings.len(),
    )?);
    headings.sort_by_key(|h| h.first);
    for (k, h) in headings.iter().enumerate() {
        for line in &mut lines[h.first..=h.last] {
            line.kind = LineKind::Heading(k);
        }
    }
    let large_print = mark_large_print(&mut lines, full_width);
    let contexts = contexts(&lines, &headings, publication);
    let paragraphs = paragraphs(&lines, &headings, double_spaced, full_width, vocabulary);
    Ok(Layout {
        lines,
        headings,
        boxes,
        large_print,
        paragraphs,
        contexts,
        double_spaced,
        full_width,
    })
}

fn content_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut gap = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.trim_end_matches('\r');
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            gap += 1;
            continue;
        }
        out.push(Line {
            no: i + 1,
            text: trimmed.to_string(),
            page_start: raw.starts_with(' ') || raw.starts_with('\t'),
            trailing_space: raw.ends_with(' ') || raw.ends_with('\t'),
            gap_before: if out.is_empty() { usize::MAX } else { gap },
            kind: LineKind::Body,
        });
        gap = 0;
    }
    out
}

/// The length of a full line: long lines are the wrapped ones, so a high
/// percentile of line lengths is the column width.
fn full_width(lines: &[Line]) -> usize {
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
    lengths.sort_unstable();
    lengths
        .get(lengths.len() * 9 / 10)
        .copied()
        .unwrap_or(60)
        .max(20)
}

/// Double-spaced extractions put a blank line after every printed line, so
/// a blank line there says nothing about paragraphs.
fn is_double_spaced(lines: &[Line]) -> bool {
    let single_gaps = lines.iter().filter(|l| l.gap_before == 1).count();
    single_gaps * 2 > lines.len()
}

fn mark_furniture(lines: &mut [Line], publication: &Publication) -> Result<(), String> {
    let patterns = compile_all(&publication.furniture)?;
    let sidebars = compile_all(&publication.sidebars)?;
    let page_number = Regex::new(r"^\d+$").expect("valid pattern");
    let mut in_sidebar = false;
    for line in lines.iter_mut() {
        in_sidebar =
            (in_sidebar && line.gap_before == 0) || sidebars.iter().any(|p| p.is_match(&line.text));
        if in_sidebar
            || page_number.is_match(&line.text)
            || patterns.iter().any(|p| p.is_match(&line.text))
        {
            line.kind = LineKind::Furniture;
        }
    }
    Ok(())
}

fn compile_all(patterns: &[String]) -> Result<Vec<Regex>, String> {
    patterns.iter().map(|p| compile(p)).collect()
}

fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::new(pattern)
        .map_err(|e| format!("the pattern '{pattern}' is not a valid regular expression ({e})"))
}

/// Finds the labelled quote boxes: speech followed by a line holding only a
/// label (`Chef`). The box starts at its opening quote mark, or, for a
/// large-print quote without marks, at the top of its run of short lines.
fn mark_labelled_boxes(lines: &mut [Line], publication: &Publication) -> Vec<Block> {
    let mut boxes = Vec::new();
    if !publication.uses(crate::publication::QuoteStyle::Labelled) {
        return boxes;
    }
    for i in 0..lines.len() {
        let Some(role) = publication.labels.get(lines[i].text.as_str()) else {
            continue;
        };
        if i == 0 || !matches!(lines[i - 1].kind, LineKind::Body) {
            continue;
        }
        let floor = boxes.last().map(|b: &Block| b.last + 1).unwrap_or(0);
        let window = i.saturating_sub(16).max(floor);
        let opening = (window..i)
            .rev()
            .find(|&j| lines[j].text.starts_with('“') || lines[j].text.starts_with('"'));
        let first = match opening {
            Some(j) => j,
            None => {
                let mut j = i - 1;
                while j > window && !lines[j].page_start && lines[j - 1].kind == LineKind::Body {
                    j -= 1;
                }
                j
            }
        };
        if (first..i).any(|j| lines[j].kind != LineKind::Body) {
            continue;
        }
        let k = boxes.len();
        for line in &mut lines[first..=i] {
            line.kind = LineKind::Boxed(k);
        }
        boxes.push(Block {
            first,
            last: i,
            label: Some(role.clone()),
        });
    }
    boxes
}

/// Normalised words of a heading or title, for comparing TOC and body.
fn title_words(text: &str) -> Vec<String> {
    words(&strip_markup(text))
        .into_iter()
        .map(|w| w.lower)
        .collect()
}

/// Reads the table of contents and finds each entry's heading in the body.
fn toc_headings(
    lines: &mut [Line],
    toc: &TocRule,
    full_width: usize,
) -> Result<Vec<Heading>, String> {
    let entry = compile(&toc.entry)?;
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
    let candidates: Vec<Vec<(usize, usize)>> = entries
        .iter()
        .map(|(title, _)| toc_candidates(lines, toc_end, title, full_width))
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
    Ok(chosen
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
        .collect())
}

/// Body spans (first, last line index) whose words are a TOC title, its
/// main title (before " – ") or its part after a colon.
fn toc_candidates(
    lines: &[Line],
    from: usize,
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
    for first in from..lines.len() {
        // A title set in capitals on a cover or in a running head is not
        // the chapter heading the TOC points to.
        if lines[first].kind != LineKind::Body
            || (is_capitals(&lines[first].text) && !title_in_capitals)
        {
            continue;
        }
        let mut last = first;
        loop {
            if lines[last].text.chars().count() * 10 > full_width * 8 {
                break;
            }
            let words = title_words(&heading_text(&lines[first..=last]));
            if forms.contains(&words) {
                out.push((first, last));
                break;
            }
            let next = last + 1;
            // "Hvor tit mødes chef-" goes on as "chefgrupperne?".
            let complete = if heading_text(&lines[first..=last]).ends_with('-') {
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

/// The text of a heading printed over several lines, joined and cleaned.
fn heading_text(lines: &[Line]) -> String {
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
fn strip_numbering(title: &str) -> String {
    let re = Regex::new(r"^#?\d+[.)]?\s+").expect("valid pattern");
    re.replace(title, "").to_string()
}

/// Applies the booklet's heading rules to the lines the TOC did not claim.
fn rule_headings(
    lines: &mut [Line],
    publication: &Publication,
    lexicon: &Lexicon,
    full_width: usize,
    toc_count: usize,
) -> Result<Vec<Heading>, String> {
    let patterns: Vec<Option<Regex>> = publication
        .headings
        .iter()
        .map(|r| r.pattern.as_deref().map(compile).transpose())
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].kind != LineKind::Body {
            i += 1;
            continue;
        }
        let spans = heading_spans(lines, i, full_width);
        let mut found = None;
        'rules: for (rule, pattern) in publication.headings.iter().zip(&patterns) {
            if rule.page_start && !lines[i].page_start {
                continue;
            }
            for &last in spans.iter().rev() {
                let text = heading_text(&lines[i..=last]);
                if !fits_shape(lines, i, last, &text, rule.shape, full_width) {
                    continue;
                }
                let title = match pattern {
                    Some(p) => match p.captures(&text) {
                        Some(c) => c
                            .name("title")
                            .map(|t| t.as_str())
                            .unwrap_or(&text)
                            .to_string(),
                        None => continue,
                    },
                    None => text.clone(),
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
    Ok(out)
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
            let after_blank = lines.get(last + 1).is_none_or(|n| n.gap_before >= 1);
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
            word_count <= 12
                && !opens_like_text
                && starts_uppercase(text)
                && !text.ends_with(['.', ',', ';', ':', '!', '?'])
                && lines[first..=last].iter().all(short)
                && (lines[first].gap_before >= 1 || lines[first].page_start)
                && next.gap_before == 0
                && next.kind == LineKind::Body
                && starts_uppercase(&next.text)
                && next.text.chars().count() * 10 >= full_width * 6
        }
    }
}

/// Marks runs of short lines set apart from the text: the large print of
/// pull-quotes (and of some headings and captions). A text whose lines are
/// whole paragraphs was never wrapped, so line length says nothing there.
fn mark_large_print(lines: &mut [Line], full_width: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    if full_width > UNWRAPPED_WIDTH {
        return blocks;
    }
    let short = |l: &Line| {
        l.kind == LineKind::Body
            && !opens_list_item(&l.text)
            && l.text.chars().count() * 100 <= full_width * 65
    };
    let mut i = 0;
    while i < lines.len() {
        let set_apart_before = lines[i].gap_before >= 1
            || lines[i].page_start
            || (i > 0 && lines[i - 1].kind != LineKind::Body);
        if !short(&lines[i]) || !set_apart_before {
            i += 1;
            continue;
        }
        let mut last = i;
        while last + 1 < lines.len()
            && lines[last + 1].gap_before == 0
            && !lines[last + 1].page_start
            && short(&lines[last + 1])
        {
            last += 1;
        }
        let set_apart_after = lines
            .get(last + 1)
            .is_none_or(|n| n.gap_before >= 1 || n.page_start || n.kind != LineKind::Body);
        let word_count: usize = lines[i..=last]
            .iter()
            .map(|l| l.text.split_whitespace().count())
            .sum();
        if last > i && set_apart_after && word_count >= 5 {
            let k = blocks.len();
            for line in &mut lines[i..=last] {
                line.kind = LineKind::LargePrint(k);
            }
            blocks.push(Block {
                first: i,
                last,
                label: None,
            });
        }
        i = last + 1;
    }
    blocks
}

/// The heading context of every line.
fn contexts(lines: &[Line], headings: &[Heading], publication: &Publication) -> Vec<Context> {
    let mut out = Vec::with_capacity(lines.len());
    let mut current = Context::default();
    let mut body_since_subtheme = true;
    let mut last_heading = None;
    for line in lines {
        match line.kind {
            LineKind::Heading(k) if last_heading != Some(k) => {
                last_heading = Some(k);
                let h = &headings[k];
                match h.level {
                    HeadingLevel::Theme => {
                        // A heading printed directly above the chapter heading
                        // (a kicker) belongs to the chapter it introduces.
                        if body_since_subtheme {
                            current.subtheme = None;
                            current.section_role = None;
                        }
                        current.theme = Some(h.title.clone());
                        current.pages = h.pages;
                        current.summary = h.summary.clone();
                        if publication.level_from == crate::publication::LevelSource::Theme {
                            current.section_role = crate::level::Level::named_in(&h.title)
                                .map(|l| l.as_str().to_string());
                        }
                        current.path = vec![h.title.clone()];
                    }
                    HeadingLevel::Subtheme => {
                        current.subtheme = Some(h.title.clone());
                        if h.role.is_some() {
                            current.section_role = h.role.clone();
                        }
                        body_since_subtheme = false;
                        current.path.truncate(1);
                        current.path.push(h.title.clone());
                    }
                    HeadingLevel::Plain => {
                        current.path.truncate(2);
                        current.path.push(h.title.clone());
                    }
                }
            }
            LineKind::Heading(_) => {}
            _ => {
                if line.kind == LineKind::Body {
                    body_since_subtheme = true;
                }
            }
        }
        out.push(current.clone());
    }
    out
}

/// A quotation mark's part in the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Opens speech: space or an opening sign before it, text after it.
    Opening,
    /// Closes speech: text before it, space or punctuation after it.
    Closing,
}

/// Reads a quotation mark by what stands around it rather than by its
/// glyph: the booklets open with “ and ” alike, and once close with “.
pub fn mark_at(text: &str, i: usize, c: char) -> Option<Mark> {
    if !matches!(c, '“' | '”' | '"') {
        return None;
    }
    let before = text[..i].chars().next_back();
    let after = text[i + c.len_utf8()..].chars().next();
    let space_before = before.is_none_or(|b| b.is_whitespace() || "(:–*•".contains(b));
    let space_after = after.is_none_or(|a| a.is_whitespace() || ".,;:!?)–*".contains(a));
    match (space_before, space_after) {
        (true, false) => Some(Mark::Opening),
        (false, true) => Some(Mark::Closing),
        _ => None,
    }
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_lowercase())
}

pub(crate) fn starts_uppercase(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Whether a line ends a sentence (or introduces speech with a colon),
/// looking through closing quote marks and emphasis. Speech closing with a
/// comma (`…,”`) goes on with its attribution.
pub fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['*', '”', '"', '“', '’', ')', ' ']);
    let closes_quote = text.trim_end().ends_with(['”', '"', '“']);
    t.ends_with(['.', '!', '?', ':', '…']) || (closes_quote && !t.ends_with(','))
}

fn opens_speech(text: &str) -> bool {
    text.starts_with(['“', '”', '"']) || text.starts_with("**") || text.starts_with("– ")
}

fn opens_list_item(text: &str) -> bool {
    text.starts_with('•') || text.starts_with("- ")
}

/// Rebuilds the paragraphs of running text. Lines join across blank lines
/// where the spacing says nothing (double-spaced text), and a paragraph
/// broken mid-sentence resumes at the next block opening in lowercase,
/// skipping the page heads, pull-quotes and boxes printed into it.
fn paragraphs(
    lines: &[Line],
    headings: &[Heading],
    double_spaced: bool,
    full_width: usize,
    vocabulary: &Vocabulary,
) -> Vec<Paragraph> {
    let body = |i: usize| lines[i].kind == LineKind::Body;
    let mut used = vec![false; lines.len()];
    let mut out = Vec::new();
    for start in 0..lines.len() {
        if used[start] || !body(start) {
            continue;
        }
        let mut members = vec![start];
        used[start] = true;
        let mut cur = start;
        let mut depth = quote_depth(0, &lines[start].text);
        loop {
            let next = cur + 1;
            // Inside an open quotation the spacing says nothing: the speech
            // goes on until its closing mark or a new one opens.
            let in_quote =
                depth > 0 && !opens_speech(lines.get(next).map_or("", |l| l.text.as_str()));
            if next < lines.len()
                && body(next)
                && !used[next]
                && (in_quote && lines[next].gap_before <= 1
                    || !breaks(&lines[cur], &lines[next], double_spaced, full_width))
            {
                members.push(next);
                used[next] = true;
                cur = next;
                depth = quote_depth(depth, &lines[next].text);
                continue;
            }
            if ends_sentence(&lines[cur].text) {
                break;
            }
            let resume = (next..lines.len().min(cur + CONTINUATION_REACH)).find(|&j| {
                body(j)
                    && !used[j]
                    && (lines[j].gap_before >= 1 || lines[j].page_start || !body(j - 1))
                    && starts_lowercase(&lines[j].text)
            });
            let crosses_chapter = |j: usize| {
                (cur..j).any(|k| matches!(lines[k].kind, LineKind::Heading(h) if headings[h].level == HeadingLevel::Theme))
            };
            match resume {
                Some(j) if !crosses_chapter(j) => {
                    members.push(j);
                    used[j] = true;
                    cur = j;
                    depth = quote_depth(depth, &lines[j].text);
                }
                _ => break,
            }
        }
        let mut text = String::new();
        let mut starts = Vec::with_capacity(members.len());
        for &m in &members {
            starts.push(append_line(&mut text, &lines[m].text, |w| {
                vocabulary.is_conjunction(w)
            }));
        }
        out.push(Paragraph {
            lines: members,
            text,
            starts,
        });
    }
    out
}

/// How many quotations are open after a line, given how many were before.
fn quote_depth(mut depth: usize, text: &str) -> usize {
    for (i, c) in text.char_indices() {
        match mark_at(text, i, c) {
            Some(Mark::Opening) => depth += 1,
            Some(Mark::Closing) => depth = depth.saturating_sub(1),
            None => {}
        }
    }
    depth
}

/// Whether a paragraph break falls between two adjacent body lines.
///
/// In double-spaced text the blank lines say nothing, but the line lengths
/// do: a line is broken where the next word no longer fits, so a sentence
/// ending on a line with room left for the next word ended its paragraph.
fn breaks(a: &Line, b: &Line, double_spaced: bool, full_width: usize) -> bool {
    let a_ends = ends_sentence(&a.text);
    if !a_ends && starts_lowercase(&b.text) {
        return false;
    }
    if opens_list_item(&b.text)
        || (a_ends && opens_speech(&b.text))
        || b.text == "”"
        || a.text == "”"
    {
        return true;
    }
    match b.gap_before {
        0 => false,
        1 if double_spaced => {
            let next_word = b
                .text
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            let room_left = (a.text.chars().count() + 1 + next_word) * 10 < full_width * 9;
            a_ends && (!a.trailing_space || room_left)
        }
        _ => true,
    }
}
