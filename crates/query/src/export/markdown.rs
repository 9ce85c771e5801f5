//! Markdown to paste into a report: each quote a blockquote signed with its
//! speaker and in-text citation, then the reference list of the selection,
//! each booklet once, with its title in italics as APA sets it.

use std::io::{self, Write};

use citater_indexer::Quote;

use crate::cite::Citations;

/// Markdown blockquotes, each followed by its citation.
pub(crate) fn write(
    out: &mut impl Write,
    quotes: &[&Quote],
    citations: &Citations,
) -> io::Result<()> {
    let references = citations.references(quotes);
    for (q, reference) in references.cited() {
        writeln!(out, "> {}", q.text)?;
        writeln!(out, ">")?;
        let who = if q.speaker.is_empty() {
            String::new()
        } else {
            format!("{} ", capitalised(&q.speaker))
        };
        writeln!(out, "> — {who}{}", reference.in_text(q))?;
        writeln!(out)?;
    }
    if references.iter().next().is_some() {
        writeln!(out, "## Referencer")?;
        writeln!(out)?;
    }
    for reference in references.iter() {
        let parts = reference.parts();
        writeln!(out, "{}*{}*{}", parts.before, parts.title, parts.after)?;
        writeln!(out)?;
    }
    Ok(())
}

/// The text with its first letter in upper case ("En direktør"), as a
/// speaker opens the signature line.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_letter_is_capitalised() {
        assert_eq!(capitalised("én politiker"), "Én politiker");
        assert_eq!(capitalised("en direktør i KL"), "En direktør i KL");
        assert_eq!(capitalised(""), "");
    }
}
