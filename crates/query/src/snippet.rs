//! Snippets: the part of a quote that shows why it matched, with the
//! matching words in `<b>`.
//!
//! Tantivy's snippet generator knows only the terms of plain term queries,
//! so stemmed, compound and near-spelling matches would come back bare. The
//! query side knows every term it searched for; a word of the quote is
//! marked when its exact form, its stem or the stem of one of its compound
//! parts is among them.

use std::collections::HashSet;

use citater_indexer::analysis::{self, Decompounder};

/// Quotes up to this many words are shown whole.
const WHOLE_UP_TO: usize = 55;
/// Otherwise a window of this many words around the matches.
const WINDOW: usize = 40;

/// The terms a query searched for, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    /// Words as written (lowercase).
    pub forms: HashSet<String>,
    /// Stems, which also mark compounds containing them.
    pub stems: HashSet<String>,
}

impl Highlight {
    /// Adds another clause's terms, so a query marks everything it searched.
    pub fn merge(&mut self, other: Highlight) {
        self.forms.extend(other.forms);
        self.stems.extend(other.stems);
    }

    /// Whether nothing would be marked: a group of words the corpus does not
    /// have, which search treats like an unknown word.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty() && self.stems.is_empty()
    }

    /// Whether a word of a quote matched.
    pub fn marks(&self, lower: &str, decompounder: &Decompounder) -> bool {
        self.forms.contains(lower)
            || self.stems.contains(&analysis::stem(lower))
            || decompounder
                .parts(lower)
                .iter()
                .any(|p| self.stems.contains(&analysis::stem(p)))
    }
}

/// The snippet of a quote: HTML-escaped text where only `<b>`…`</b>` is
/// markup, cut to a window around the matches when the quote is long.
pub fn snippet(text: &str, highlight: &Highlight, decompounder: &Decompounder) -> String {
    let words = analysis::words(text);
    let marked: Vec<bool> = words
        .iter()
        .map(|w| highlight.marks(&w.lower, decompounder))
        .collect();
    let (first, last) = window(&marked);
    let mut out = String::new();
    let start = if first == 0 { 0 } else { words[first].start };
    let end = if last + 1 >= words.len() {
        text.len()
    } else {
        words[last].end
    };
    if first > 0 {
        out.push('…');
    }
    let mut copied = start;
    for (w, &m) in words.iter().zip(&marked).take(last + 1).skip(first) {
        if !m {
            continue;
        }
        escape_into(&mut out, &text[copied..w.start]);
        out.push_str("<b>");
        escape_into(&mut out, &text[w.start..w.end]);
        out.push_str("</b>");
        copied = w.end;
    }
    escape_into(&mut out, &text[copied..end]);
    if end < text.len() {
        out.push('…');
    }
    out
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
pub fn escape_into(out: &mut String, text: &str) {
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
    use super::*;

    fn highlight(forms: &[&str], stems: &[&str]) -> Highlight {
        Highlight {
            forms: forms.iter().map(|s| s.to_string()).collect(),
            stems: stems.iter().map(|s| analysis::stem(s)).collect(),
        }
    }

    #[test]
    fn marks_stemmed_and_compound_matches() {
        let d = Decompounder::new(["personale", "ledelse"].map(String::from));
        let h = highlight(&[], &["ledelse"]);
        assert_eq!(
            snippet("Ledelsen og personaleledelse, ikke lederne.", &h, &d),
            "<b>Ledelsen</b> og <b>personaleledelse</b>, ikke lederne."
        );
    }

    #[test]
    fn escapes_the_text_around_marks() {
        let d = Decompounder::default();
        let h = highlight(&["tillid"], &[]);
        assert_eq!(
            snippet("A <b> & tillid", &h, &d),
            "A &lt;b&gt; &amp; <b>tillid</b>"
        );
    }

    #[test]
    fn long_quotes_are_cut_around_the_matches() {
        let d = Decompounder::default();
        let mut text: Vec<String> = (0..100).map(|i| format!("ord{i}")).collect();
        text[50] = "tillid".into();
        let s = snippet(&text.join(" "), &highlight(&["tillid"], &[]), &d);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("<b>tillid</b>"));
        assert!(s.split_whitespace().count() <= WINDOW + 1);
    }
}
