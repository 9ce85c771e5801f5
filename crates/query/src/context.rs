//! A quote in its context: where a reader finds it in the booklet, and the
//! booklet's text around it, both as printed lines (to check the
//! extraction) and as the paragraphs a reader reads (hyphenation undone),
//! with the headings it stands under, so a writer can check what surrounds
//! a quote before citing it ("context is king").

use citater_indexer::{Pages, Paragraph, Quote};
use serde::Serialize;

use crate::error::Error;
use crate::search::Engine;

/// The most context lines (and paragraphs) one request may ask for on each
/// side.
pub const MAX_CONTEXT: usize = 200;

/// The surroundings of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct Context {
    /// Publication title, chapter (theme) and section (subtheme).
    pub headings: Vec<String>,
    /// The quote's lines and up to `around` lines on each side, blank lines
    /// left out, as the text was extracted (with the PDF's hyphenation).
    pub lines: Vec<ContextLine>,
    /// The paragraphs of running text the quote stands in, and up to
    /// `around` paragraphs on each side, as a reader reads them: lines
    /// joined, hyphenation undone, split ligatures joined. A quote printed
    /// outside the running text (in a box, in large print) stands as a
    /// paragraph of its own.
    pub paragraphs: Vec<ContextParagraph>,
}

/// A quote with its citation, where a reader finds it and, when asked for,
/// its context: what `citater show --format json` and `/api/quotes/{id}`
/// both answer.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct Shown<'a> {
    /// The quote and its citation.
    #[serde(flatten)]
    pub quote: crate::search::CitedQuote<'a>,
    /// Where in the booklet a reader finds it.
    #[serde(rename = "where")]
    pub place: Where,
    /// The text around it, when context was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
}

/// Where a reader finds a quote: the booklet, the chapter and the section,
/// and the pages where the booklet's table of contents gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct Where {
    /// The booklet's title without its subtitle ("Pas på trinet!").
    pub publication: String,
    /// The heading the quote stands under: its subtheme, else its theme.
    pub section: String,
    /// The chapter: its theme.
    pub chapter: String,
    /// The chapter's pages, "s. 12" or "s. 12–13"; null when not known.
    pub pages: Option<String>,
}

impl Where {
    /// Where `quote` stands.
    pub fn of(quote: &Quote) -> Where {
        let pages = |p: Pages| {
            if p.first == p.last {
                format!("s. {}", p.first)
            } else {
                format!("s. {}–{}", p.first, p.last)
            }
        };
        Where {
            publication: quote.publication.short_title.clone(),
            section: quote
                .subtheme
                .clone()
                .unwrap_or_else(|| quote.theme.clone()),
            chapter: quote.theme.clone(),
            pages: quote.pages.map(pages),
        }
    }
}

/// The quote with this id and, when `around` is more than 0, that many
/// lines and paragraphs of context on each side.
pub fn shown<'a>(engine: &'a Engine, id: &str, around: usize) -> Result<Shown<'a>, Error> {
    let quote = engine.quote(id)?;
    let context = match around {
        0 => None,
        around => Some(context(engine, quote.quote, around)?),
    };
    Ok(Shown {
        place: Where::of(quote.quote),
        quote,
        context,
    })
}

/// One line of the booklet as extracted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct ContextLine {
    /// 1-based line number in the booklet's file, as `Source` counts lines.
    pub no: usize,
    /// The line as extracted, trimmed.
    pub text: String,
    /// Whether the line is one of the quote's own, so a face can mark it.
    pub in_quote: bool,
}

/// One paragraph of the booklet as a reader reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct ContextParagraph {
    /// The paragraph's text.
    pub text: String,
    /// Whether the quote stands in it.
    pub quote: bool,
    /// Where the quote's words stand in `text`, `[start, end)` in
    /// characters (Unicode code points); null in a paragraph without the
    /// quote, or where its words are not found as printed. A quote that
    /// runs over several paragraphs has its part in each.
    pub quote_span: Option<(usize, usize)>,
}

/// The quote's lines and paragraphs with `around` of each before and after
/// (blank lines do not count: some booklets are double-spaced).
/// The booklet's text comes from the index, which holds every booklet it
/// was built from, so the context always matches the quote's line numbers.
pub fn context(engine: &Engine, quote: &Quote, around: usize) -> Result<Context, Error> {
    if around > MAX_CONTEXT {
        return Err(Error::usage(format!(
            "context må højst være {MAX_CONTEXT}."
        )));
    }
    let all = engine.booklet_lines(&quote.source.file)?.unwrap_or(&[]);
    let (start, end) = (quote.source.line_start, quote.source.line_end);
    // The same check as a generation's when it is loaded, so a quote that
    // slipped past it cannot index outside the text.
    if !quote.source.lies_within(all.len()) {
        return Err(Error::Index(format!(
            "Indekset har ikke linje {start}-{end} af {}; byg det igen med `citater index`.",
            quote.source.file
        )));
    }
    let text = |no: usize| all[no - 1].trim();
    let mut first = start;
    let mut seen = 0;
    while first > 1 && seen < around {
        first -= 1;
        if !text(first).is_empty() {
            seen += 1;
        }
    }
    let mut last = end;
    seen = 0;
    while last < all.len() && seen < around {
        last += 1;
        if !text(last).is_empty() {
            seen += 1;
        }
    }
    let lines = (first..=last)
        .filter(|&no| !text(no).is_empty())
        .map(|no| ContextLine {
            no,
            text: text(no).to_string(),
            in_quote: (start..=end).contains(&no),
        })
        .collect();
    let paragraphs = engine.paragraphs(&quote.source.file)?.unwrap_or(&[]);
    let mut headings = vec![quote.publication.title.clone(), quote.theme.clone()];
    headings.extend(quote.subtheme.clone());
    Ok(Context {
        headings,
        lines,
        paragraphs: paragraphs_around(paragraphs, quote, around),
    })
}

/// The paragraphs holding the quote's lines and `around` on each side; the
/// quote as a paragraph of its own where no paragraph of running text holds
/// its words (a box, large print).
fn paragraphs_around(
    paragraphs: &[Paragraph],
    quote: &Quote,
    around: usize,
) -> Vec<ContextParagraph> {
    let (start, end) = (quote.source.line_start, quote.source.line_end);
    let spans: Vec<Option<(usize, usize)>> = paragraphs
        .iter()
        .map(|p| {
            p.overlaps(start, end)
                .then(|| quote_span(&p.text, &quote.text))
                .flatten()
        })
        .collect();
    // Where the quote stands: the paragraphs holding its words, else where
    // its lines would come in reading order.
    let holding: Vec<usize> = (0..paragraphs.len())
        .filter(|&i| spans[i].is_some())
        .collect();
    let (first, last) = match (holding.first(), holding.last()) {
        (Some(&first), Some(&last)) => (first, last + 1),
        _ => {
            let at = paragraphs.partition_point(|p| p.line_start < start);
            (at, at)
        }
    };
    let paragraph = |i: usize| ContextParagraph {
        text: paragraphs[i].text.clone(),
        quote: spans[i].is_some(),
        quote_span: spans[i],
    };
    let mut out: Vec<ContextParagraph> = (first.saturating_sub(around)..first)
        .map(paragraph)
        .collect();
    if first == last {
        out.push(ContextParagraph {
            text: quote.text.clone(),
            quote: true,
            quote_span: Some((0, quote.text.chars().count())),
        });
    }
    out.extend((first..last).map(paragraph));
    out.extend((last..(last + around).min(paragraphs.len())).map(paragraph));
    out
}

/// How many characters of a quote's start or end find the part of it a
/// paragraph holds, when it runs over several.
const PART: usize = 24;

/// Where `quote`'s words stand in `paragraph`, in characters: the whole
/// quote, or the part of it the paragraph holds (its start running to the
/// paragraph's end, its end running from the paragraph's start, or the
/// whole paragraph in its middle). Quotation marks of every shape are
/// alike, as the quote's text has them normalised.
fn quote_span(paragraph: &str, quote: &str) -> Option<(usize, usize)> {
    let p: Vec<char> = paragraph.chars().map(mark).collect();
    let q: Vec<char> = quote.chars().map(mark).collect();
    if q.is_empty() {
        return None;
    }
    if let Some(at) = find(&p, &q) {
        return Some((at, at + q.len()));
    }
    // The paragraph's own words, without the marks and dash around speech.
    let is_frame = |c: &char| c.is_whitespace() || matches!(c, '"' | '\'' | '–' | '-' | ',');
    let core_start = p.iter().position(|c| !is_frame(c))?;
    let core_end = p.len() - p.iter().rev().position(|c| !is_frame(c))?;
    let core = &p[core_start..core_end];
    if core.len() >= PART && find(&q, core).is_some() {
        return Some((core_start, core_end));
    }
    let part = PART.min(q.len());
    if let Some(at) = find(&p, &q[..part]) {
        let tail = &p[at..core_end];
        if q.starts_with(tail) {
            return Some((at, core_end));
        }
    }
    if let Some(at) = find(&p, &q[q.len() - part..]) {
        let head = &p[core_start..at + part];
        if q.ends_with(head) {
            return Some((core_start, at + part));
        }
    }
    None
}

/// A quotation mark of any shape as one.
fn mark(c: char) -> char {
    match c {
        '“' | '”' | '„' | '»' | '«' => '"',
        '‘' | '’' => '\'',
        c => c,
    }
}

/// Where `needle` first stands in `haystack`, in characters.
fn find(haystack: &[char], needle: &[char]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len()).find(|&i| haystack[i..].starts_with(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_found_whole_or_by_the_part_a_paragraph_holds() {
        let quote = "Vi mødes hver uge i ledergruppen. Det hjælper os med at få talt om det svære.";
        let within = format!("Hun siger: “{quote}” Så går hun.");
        let at = within
            .find('“')
            .map(|b| within[..b].chars().count() + 1)
            .unwrap();
        assert_eq!(
            quote_span(&within, quote),
            Some((at, at + quote.chars().count()))
        );
        // The quote's first sentence ends a paragraph, its second opens the
        // next.
        let first = "Hun siger: “Vi mødes hver uge i ledergruppen.";
        let second = "Det hjælper os med at få talt om det svære.” Så går hun.";
        assert_eq!(quote_span(first, quote), Some((12, first.chars().count())));
        assert_eq!(quote_span(second, quote), Some((0, 43)));
        assert_eq!(quote_span("Noget helt andet end citatet her.", quote), None);
    }

    #[test]
    fn pages_are_written_as_a_reader_looks_them_up() {
        let mut quote = crate::cite::fixtures::trinet();
        quote.pages = Some(Pages {
            first: 12,
            last: 13,
        });
        assert_eq!(Where::of(&quote).pages.as_deref(), Some("s. 12–13"));
        quote.pages = Some(Pages { first: 7, last: 7 });
        assert_eq!(Where::of(&quote).pages.as_deref(), Some("s. 7"));
    }
}
