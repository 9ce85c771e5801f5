//! Snippets: the part of a quote that shows why it matched, with the
//! matched words in `<b>`.
//!
//! Tantivy's snippet generator knows only the terms of plain term queries,
//! so stemmed, compound and near-spelling matches would come back bare. The
//! marks are the hit's `matched` spans instead, the same every face renders.

use citater_indexer::analysis::Word;

use crate::search::matched::{marked_spans, Matched};

/// Quotes up to this many words are shown whole.
const WHOLE_UP_TO: usize = 55;
/// Otherwise a window of this many words around the matches.
const WINDOW: usize = 40;

/// The snippet of a quote split into `words` (`analysis::words`):
/// HTML-escaped text where only `<b>`…`</b>` is markup, cut to a window
/// around the matches when the quote is long.
pub fn snippet(text: &str, words: &[Word], matched: &[Matched]) -> String {
    let marks = byte_spans(text, &marked_spans(matched));
    let marked: Vec<bool> = words
        .iter()
        .map(|w| marks.iter().any(|&(s, e)| s < w.end && w.start < e))
        .collect();
    let (first, last) = window(&marked);
    let start = if first == 0 { 0 } else { words[first].start };
    let end = if last + 1 >= words.len() {
        text.len()
    } else {
        words[last].end
    };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut copied = start;
    for &(s, e) in &marks {
        let (s, e) = (s.max(start), e.min(end));
        if s >= e {
            continue;
        }
        escape_into(&mut out, &text[copied..s]);
        out.push_str("<b>");
        escape_into(&mut out, &text[s..e]);
        out.push_str("</b>");
        copied = e;
    }
    escape_into(&mut out, &text[copied..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

/// Character spans as byte spans of `text`.
fn byte_spans(text: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let byte_at = |char: usize| {
        text.char_indices()
            .nth(char)
            .map_or(text.len(), |(byte, _)| byte)
    };
    spans
        .iter()
        .map(|&(s, e)| (byte_at(s), byte_at(e)))
        .collect()
}

/// The words to show: all of a short quote, else the window holding the
/// most matches (the earliest of equals).
fn window(marked: &[bool]) -> (usize, usize) {
    let n = marked.len();
    if n <= WHOLE_UP_TO {
        return (0, n.saturating_sub(1));
    }
    let mut best = (0, 0);
    let mut count: usize = marked[..WINDOW].iter().filter(|m| **m).count();
    best.1 = count;
    for start in 1..=n - WINDOW {
        count = count - usize::from(marked[start - 1]) + usize::from(marked[start + WINDOW - 1]);
        if count > best.1 {
            best = (start, count);
        }
    }
    // Start a little before the first match so it has some context.
    let first_match = marked[best.0..].iter().position(|m| *m).map(|p| p + best.0);
    let start = match first_match {
        Some(m) if best.1 > 0 => m.saturating_sub(WINDOW / 4).min(n - WINDOW),
        _ => 0,
    };
    (start, start + WINDOW - 1)
}

/// Escapes text for HTML.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use citater_indexer::analysis;

    use super::*;
    use crate::search::matched::How;

    /// A match of every word of `text` that is one of `words`.
    fn matched(text: &str, words: &[&str]) -> Vec<Matched> {
        let spans = analysis::words(text)
            .iter()
            .filter(|w| words.contains(&w.lower.as_str()))
            .map(|w| {
                (
                    text[..w.start].chars().count(),
                    text[..w.end].chars().count(),
                )
            })
            .collect();
        vec![Matched {
            word: words[0].to_string(),
            form: words[0].to_string(),
            how: How::AsTyped,
            spans,
        }]
    }

    #[test]
    fn marks_exactly_the_matched_spans() {
        let text = "Ledelsen og personaleledelse, ikke lederne.";
        assert_eq!(
            snippet(
                text,
                &analysis::words(text),
                &matched(text, &["ledelsen", "personaleledelse"])
            ),
            "<b>Ledelsen</b> og <b>personaleledelse</b>, ikke lederne."
        );
    }

    #[test]
    fn escapes_the_text_around_marks() {
        let text = "A <b> & tillid";
        assert_eq!(
            snippet(text, &analysis::words(text), &matched(text, &["tillid"])),
            "A &lt;b&gt; &amp; <b>tillid</b>"
        );
    }

    #[test]
    fn spans_are_characters_not_bytes() {
        let text = "Åbenhed, ærlighed og tillid";
        assert_eq!(
            snippet(text, &analysis::words(text), &matched(text, &["tillid"])),
            "Åbenhed, ærlighed og <b>tillid</b>"
        );
    }

    #[test]
    fn long_quotes_are_cut_around_the_matches() {
        let mut words: Vec<String> = (0..100).map(|i| format!("ord{i}")).collect();
        words[50] = "tillid".into();
        let text = words.join(" ");
        let s = snippet(&text, &analysis::words(&text), &matched(&text, &["tillid"]));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("<b>tillid</b>"));
        assert!(s.split_whitespace().count() <= WINDOW + 1);
    }
}
