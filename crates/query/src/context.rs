//! A quote in its context: the booklet lines around it and the headings it
//! stands under, so a writer can check what surrounds a quote before citing
//! it ("context is king").

use citater_indexer::Quote;
use serde::Serialize;

use crate::error::Error;
use crate::search::Engine;

/// The most context lines one request may ask for on each side.
pub const MAX_CONTEXT: usize = 200;

/// The surroundings of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct Context {
    /// Publication title, chapter (theme) and section (subtheme).
    pub headings: Vec<String>,
    /// The quote's lines and up to `around` lines on each side, blank lines
    /// left out.
    pub lines: Vec<ContextLine>,
}

/// A quote with its citation and, when asked for, its context: what
/// `citater show --format json` and `/api/quotes/{id}` both answer.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "http", derive(utoipa::ToSchema))]
pub struct Shown<'a> {
    /// The quote and its citation.
    #[serde(flatten)]
    pub quote: crate::search::CitedQuote<'a>,
    /// The lines around it, when context was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
}

/// The quote with this id and, when `around` is more than 0, that many
/// lines of context on each side.
pub fn shown<'a>(engine: &'a Engine, id: &str, around: usize) -> Result<Shown<'a>, Error> {
    let quote = engine.quote(id)?;
    let context = match around {
        0 => None,
        around => Some(context(engine, quote.quote, around)?),
    };
    Ok(Shown { quote, context })
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

/// The quote's lines with `around` lines of text before and after (blank
/// lines do not count: some booklets are double-spaced).
/// The booklet's text comes from the index, which holds every booklet it
/// was built from, so the context always matches the quote's line numbers.
pub fn context(engine: &Engine, quote: &Quote, around: usize) -> Result<Context, Error> {
    if around > MAX_CONTEXT {
        return Err(Error::usage(format!(
            "context must be at most {MAX_CONTEXT} lines"
        )));
    }
    let all = engine.booklet_lines(&quote.source.file)?.unwrap_or(&[]);
    let (start, end) = (quote.source.line_start, quote.source.line_end);
    // The same check as a generation's when it is loaded, so a quote that
    // slipped past it cannot index outside the text.
    if !quote.source.lies_within(all.len()) {
        return Err(Error::Index(format!(
            "the index holds no lines {start}-{end} of {}; rebuild it with `citater index`",
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
    let mut headings = vec![quote.publication.title.clone(), quote.theme.clone()];
    headings.extend(quote.subtheme.clone());
    Ok(Context { headings, lines })
}
