//! Text for a person at a terminal: hits wrapped under their numbers with
//! their matches marked, the byline under a quote, facet counts, the matrix
//! as an aligned table, one quote with the booklet text around it, and the
//! booklets' outlines.
//! Wrapping and marking are `render::terminal`'s; this module lays out.

use std::io::{self, Write};

use citater_indexer::publication::HeadingLevel;
use citater_indexer::Quote;

use crate::context::Shown;
use crate::outline::Outlines;
use crate::render::terminal::{self, Marks};
use crate::render::why::why;
use crate::search::filters::Facet;
use crate::search::matched::marked_spans;
use crate::search::matrix::Matrix;
use crate::search::{Facets, Hit, SearchRequest};

/// The width to wrap to: the terminal's, else `$COLUMNS`, else 80, kept
/// between 40 and 120 so text stays readable.
fn terminal_width() -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(80)
        .clamp(40, 120)
}

/// What the engine searched for, on a line of its own, when it is not what
/// was typed (whitespace aside): `tilid` is searched as `tillid`.
pub(crate) fn read(out: &mut impl Write, query: &str, read: &str) -> io::Result<()> {
    let typed = query.split_whitespace().collect::<Vec<_>>().join(" ");
    match read {
        _ if read == typed => Ok(()),
        "" => writeln!(
            out,
            "Søgte efter: intet, så alle citater under filtrene vises"
        ),
        read => writeln!(out, "Søgte efter: {read}"),
    }
}

/// Hits, each quote wrapped with its matches marked (unless `marks` is
/// `None`), why it matched, its byline and id; a count above (the related
/// hits said apart: they are not counted), the related hits under a heading
/// of their own, and a pointer to the next page below.
pub(crate) fn hits(
    out: &mut impl Write,
    hits: &[Hit<'_>],
    (total, related): (usize, usize),
    request: &SearchRequest,
    marks: Option<Marks>,
) -> io::Result<()> {
    let noun = if total == 1 { "citat" } else { "citater" };
    let mut count = format!("{total} {noun}");
    if !request.query.trim().is_empty() {
        count.push_str(&format!(" for «{}»", request.query));
    }
    if related > 0 {
        count.push_str(&format!(
            " · {related} beslægtede følger efter (ikke talt med)"
        ));
    }
    writeln!(out, "{count}")?;
    let width = terminal_width();
    for (i, hit) in hits.iter().enumerate() {
        if hit.related && (i == 0 || !hits[i - 1].related) {
            writeln!(
                out,
                "\nBeslægtede citater: fundet gennem teksten omkring dem, ikke talt med"
            )?;
        }
        let q = hit.quote.quote;
        let (spans, marks) = match marks {
            Some(marks) => (marked_spans(&hit.matched), marks),
            None => (Vec::new(), Marks::Asterisks),
        };
        let text = terminal::paragraph(&q.text, &spans, 5, width, marks);
        writeln!(
            out,
            "\n{:>3}. {}",
            request.offset + i + 1,
            text.trim_start()
        )?;
        let why = why(&hit.matched);
        if !why.is_empty() {
            writeln!(out, "     {why}")?;
        }
        writeln!(out, "     {}", byline(q))?;
        writeln!(out, "     id: {}", q.id)?;
    }
    let shown = request.offset + hits.len();
    if total + related > shown && !hits.is_empty() {
        writeln!(
            out,
            "\n… {} flere; se dem med --offset {shown}",
            total + related - shown
        )?;
    }
    Ok(())
}

/// One quote wrapped, its byline and citation, then (if asked for) the
/// heading path and the numbered booklet lines around it, the quote's own
/// lines marked in the margin.
pub(crate) fn shown(out: &mut impl Write, shown: &Shown<'_>) -> io::Result<()> {
    let q = shown.quote.quote;
    let text = terminal::paragraph(&q.text, &[], 0, terminal_width(), Marks::Asterisks);
    writeln!(out, "{text}")?;
    writeln!(out, "\n{}", byline(q))?;
    writeln!(out, "{}", shown.quote.citation)?;
    if let Some(context) = &shown.context {
        writeln!(out, "\n{}", context.headings.join(" › "))?;
        for line in &context.lines {
            let mark = if line.in_quote { "▌" } else { " " };
            writeln!(out, "{:>5} {mark} {}", line.no, line.text)?;
        }
    }
    Ok(())
}

/// Who said it, at what level, where: the line under a quote.
fn byline(q: &Quote) -> String {
    let year = q
        .publication
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "u.å.".into());
    let speaker = if q.speaker.is_empty() {
        "uden navngiven taler"
    } else {
        &q.speaker
    };
    let mut place = q.theme.clone();
    if let Some(sub) = &q.subtheme {
        place.push_str(" › ");
        place.push_str(sub);
    }
    format!(
        "— {speaker} ({}, niveau: {}) · {} ({year}) · {place}",
        q.role, q.level, q.publication.title
    )
}

/// The counts per value of each facet, one line per facet, after a blank
/// line.
pub(crate) fn facets(out: &mut impl Write, facets: &Facets) -> io::Result<()> {
    let labels = [
        (Facet::Level, "Niveau"),
        (Facet::Role, "Rolle"),
        (Facet::Theme, "Tema"),
        (Facet::Topic, "Emne"),
        (Facet::Publication, "Publikation"),
    ];
    writeln!(out)?;
    for (facet, label) in labels {
        let counts: Vec<String> = facets
            .get(facet)
            .iter()
            .map(|(v, n)| format!("{v} ({n})"))
            .collect();
        writeln!(out, "{label}: {}", counts.join(" · "))?;
    }
    Ok(())
}

/// The matrix as a table: row keys down the side (cut with `…` past 48
/// characters), column keys across the top, totals on the right and below.
pub(crate) fn matrix(out: &mut impl Write, m: &Matrix) -> io::Result<()> {
    let first = m
        .row_keys
        .iter()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, 48);
    let widths: Vec<usize> = m
        .col_keys
        .iter()
        .map(|k| k.chars().count().max(5))
        .collect();
    let cut = |s: &str, w: usize| -> String {
        if s.chars().count() <= w {
            format!("{s:<w$}")
        } else {
            format!("{}…", s.chars().take(w - 1).collect::<String>())
        }
    };
    write!(out, "{}", cut(&format!("{} \\ {}", m.rows, m.cols), first))?;
    for (k, w) in m.col_keys.iter().zip(&widths) {
        write!(out, "  {k:>w$}")?;
    }
    writeln!(out, "  {:>5}", "i alt")?;
    for (r, key) in m.row_keys.iter().enumerate() {
        write!(out, "{}", cut(key, first))?;
        for (c, w) in widths.iter().enumerate() {
            write!(out, "  {:>w$}", m.counts[r][c])?;
        }
        writeln!(out, "  {:>5}", m.row_totals[r])?;
    }
    write!(out, "{}", cut("i alt", first))?;
    for (t, w) in m.col_totals.iter().zip(&widths) {
        write!(out, "  {t:>w$}")?;
    }
    writeln!(out, "  {:>5}", m.total)?;
    Ok(())
}

/// Each booklet's headings under its title: the line each stands on, the
/// quotes filed under it (none for a plain heading, which files nothing)
/// and the heading, sections indented under their chapter.
pub(crate) fn outlines(out: &mut impl Write, outlines: &Outlines<'_>) -> io::Result<()> {
    for (k, outline) in outlines.outlines.iter().enumerate() {
        if k > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{} · {} citater",
            outline.publication.title, outline.quotes
        )?;
        writeln!(out, "{:>6}  {:>7}  overskrift", "linje", "citater")?;
        for (depth, h) in outline.walk() {
            let quotes = match h.level {
                HeadingLevel::Plain => "–".to_string(),
                _ => h.quotes.to_string(),
            };
            let indent = "  ".repeat(depth);
            writeln!(out, "{:>6}  {quotes:>7}  {indent}{}", h.line_start, h.title)?;
        }
    }
    Ok(())
}
