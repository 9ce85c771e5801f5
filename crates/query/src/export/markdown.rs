//! Markdown to paste into a report: each quote a blockquote signed with its
//! speaker and in-text citation, then the reference list of the selection,
//! each booklet once, with its title in italics as APA sets it.
//!
//! What comes from the booklets (the quote, the speaker, the section) is
//! text, not Markdown: its markup characters are escaped ([`escaped`]), so
//! a quote with `*`, `_` or `[` reads in pandoc or any CommonMark renderer
//! exactly as the booklet prints it. Each quote ends a sentence
//! ([`with_final_punctuation`]), so a block of quotes reads evenly although
//! the booklets end about half of them without a full stop.

use std::io::{self, Write};

use citater_indexer::Quote;

use super::prose::{capitalised, with_final_punctuation};
use crate::cite::Citations;

/// Markdown blockquotes, each followed by its citation.
pub(crate) fn write(
    out: &mut impl Write,
    quotes: &[&Quote],
    citations: &Citations,
) -> io::Result<()> {
    let references = citations.references(quotes);
    for (q, reference) in references.cited() {
        for line in escaped(&with_final_punctuation(&q.text)).lines() {
            if line.is_empty() {
                writeln!(out, ">")?;
            } else {
                writeln!(out, "> {line}")?;
            }
        }
        writeln!(out, ">")?;
        let who = if q.speaker.is_empty() {
            String::new()
        } else {
            format!("{} ", escaped(&capitalised(&q.speaker)))
        };
        writeln!(out, "> — {who}{}", escaped(&reference.in_text(q)))?;
        writeln!(out)?;
    }
    if references.iter().next().is_some() {
        writeln!(out, "## Referencer")?;
        writeln!(out)?;
    }
    for reference in references.iter() {
        let parts = reference.parts();
        writeln!(
            out,
            "{}*{}*{}",
            escaped(&parts.before),
            escaped(&parts.title),
            escaped(&parts.after)
        )?;
        writeln!(out)?;
    }
    Ok(())
}

/// Characters that open or close Markdown anywhere in a line: emphasis,
/// links and images, code, HTML and autolinks, entities, and pandoc's
/// subscript, superscript, math and citations.
const INLINE: &[char] = &['\\', '*', '_', '[', ']', '`', '<', '&', '~', '^', '$', '@'];

/// Characters that open a block at the start of a line: a heading, a
/// blockquote, a list item or a thematic break, a setext underline,
/// pandoc's definition lists and line blocks.
const LINE_START: &[char] = &['#', '>', '+', '-', '=', ':', '|'];

/// The text as Markdown that renders as the text itself: every character of
/// [`INLINE`] escaped with a backslash, and at the start of each line a
/// block marker of [`LINE_START`] or an ordered-list marker (`1.`, `2)`,
/// pandoc's `a.`, `iv)`, `(1)`, `#.`) escaped too. Leading whitespace of a
/// line, which Markdown would not render either, is dropped, so that no
/// indentation starts a code block.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim_start();
        let marker_end = list_marker_end(line);
        for (at, c) in line.char_indices() {
            let opens_block = at == 0 && LINE_START.contains(&c);
            if INLINE.contains(&c) || opens_block || Some(at) == marker_end {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Where the line opens with an ordered-list marker followed by a space or
/// nothing (`12.`, `3)`, `a.`, `iv.`, `(1)`, `#.`): the byte offset of its
/// closing `.` or `)`, the character whose escape keeps the line a
/// paragraph.
fn list_marker_end(line: &str) -> Option<usize> {
    let word = line.split_whitespace().next()?;
    let close = word.len() - 1;
    if !word.ends_with(['.', ')']) {
        return None;
    }
    let label = word[..close].strip_prefix('(').unwrap_or(&word[..close]);
    let numbered =
        !label.is_empty() && label.len() <= 9 && label.chars().all(|c| c.is_ascii_digit());
    let lettered = label.chars().count() == 1 && label.chars().all(|c| c.is_ascii_alphabetic());
    let roman = !label.is_empty() && label.chars().all(|c| "ivxlcdmIVXLCDM".contains(c));
    (numbered || lettered || roman || label == "#").then_some(close)
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    use super::*;
    use crate::export::fixtures;

    /// The text a CommonMark reader shows for the Markdown, line breaks as
    /// `\n`, with every extension pulldown-cmark has (strikethrough, sub-
    /// and superscript, math, footnotes, tables, definition lists …) but
    /// smart punctuation; and whether it is all plain paragraphs (inside
    /// blockquotes), with no heading, list, emphasis, link, code or HTML.
    fn rendered(markdown: &str) -> (String, bool) {
        let options = Options::all() - Options::ENABLE_SMART_PUNCTUATION;
        let mut text = String::new();
        let mut plain = true;
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push('\n'),
                Event::Start(Tag::Paragraph | Tag::BlockQuote(_)) => {}
                Event::End(TagEnd::Paragraph) => text.push('\n'),
                Event::End(TagEnd::BlockQuote(_)) => {}
                _ => plain = false,
            }
        }
        (text.trim_end().to_string(), plain)
    }

    /// Booklet text full of what Markdown (CommonMark or pandoc) reads as
    /// markup, one case a string.
    const AWKWARD: [&str; 20] = [
        "Vi er *ikke* enige, og det er _helt_ **fint**",
        "Se [bilaget](https://example.dk) og ![billedet](x.png)",
        "Kald det `kode` eller <b>html</b> eller <https://kl.dk>",
        "R&D, &amp; og &#35; er ikke entiteter",
        "C:\\mappe\\fil og \\*stjerne",
        "~gennemstreget~ ~~helt~~, 2^10^ og $x + y$ koster $5",
        "Som @kilde siger [^1]",
        "# Ikke en overskrift",
        "> Ikke et citat",
        "- ikke et punkt",
        "+ heller ikke",
        "* eller dette",
        "1. ikke nummereret",
        "12) heller ikke",
        "(a) eller bogstaveret",
        "iv. eller romertal",
        "---",
        "Første linje\n=== og\n- ingen liste\n2. ingen\n# ingen overskrift",
        ": ingen definition",
        "| ingen | tabel |",
    ];

    #[test]
    fn booklet_text_renders_as_itself_and_nothing_more() {
        for text in AWKWARD {
            let escaped = escaped(text);
            assert_eq!(rendered(&escaped), (text.to_string(), true), "{escaped:?}");
            // The same inside the export's blockquote.
            let quoted: String = escaped.lines().map(|l| format!("> {l}\n")).collect();
            assert_eq!(rendered(&quoted), (text.to_string(), true), "{quoted:?}");
        }
        // Leading whitespace, which would indent a code block, is dropped.
        assert_eq!(rendered(&escaped("     indrykket")).0, "indrykket");
        assert_eq!(
            rendered(&format!("> {}", escaped("     indrykket"))),
            ("indrykket".to_string(), true)
        );
    }

    #[test]
    fn unescaped_the_awkward_texts_are_markup() {
        // So the test above has teeth: written as they stand, every case but
        // those only pandoc reads as markup (roman and lettered lists,
        // citations, definition lists, line blocks) renders as something
        // else.
        let pandoc_only = [6, 14, 15, 18, 19];
        for (i, text) in AWKWARD.iter().enumerate() {
            if !pandoc_only.contains(&i) {
                assert_ne!(rendered(text), (text.to_string(), true), "{text:?}");
            }
        }
        assert_eq!(
            escaped("Helt almindelig tekst, 70 pct."),
            "Helt almindelig tekst, 70 pct."
        );
    }

    #[test]
    fn the_export_escapes_the_booklet_text_and_ends_each_quote_a_sentence() {
        let citations = fixtures::citations();
        let marked = fixtures::quote(
            "Vi er *ikke* enige om [det]",
            "en_politiker",
            "1. Tillid",
            None,
        );
        let plain = fixtures::quote("Det gik godt.", "en politiker", "Tillid", Some((6, 9)));
        let mut out = Vec::new();
        write(&mut out, &[&marked, &plain], &citations).unwrap();
        let md = String::from_utf8(out).unwrap();
        assert!(
            md.contains("> Vi er \\*ikke\\* enige om \\[det\\].\n"),
            "{md}"
        );
        assert!(md.contains("> — En\\_politiker "), "{md}");
        assert!(md.contains("afs. „1. Tillid“)\n"), "{md}");
        assert_eq!(md.matches("## Referencer").count(), 1, "{md}");
        assert!(md.contains("> Det gik godt.\n"), "{md}");
        assert!(!md.contains("godt.."), "{md}");
        let first_quote = md.lines().next().unwrap();
        assert_eq!(
            rendered(first_quote),
            ("Vi er *ikke* enige om [det].".to_string(), true)
        );
    }
}
