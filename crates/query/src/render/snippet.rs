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
/// around the best match of the whole query when the quote is long.
pub fn snippet(text: &str, words: &[Word], matched: &[Matched]) -> String {
    let marks = byte_spans(text, &marked_spans(matched));
    let answering: Vec<Vec<(usize, usize)>> =
        matched.iter().map(|m| byte_spans(text, &m.spans)).collect();
    // For each word, which query words it answers.
    let answers: Vec<Vec<usize>> = words
        .iter()
        .map(|w| {
            let over = |&(s, e): &(usize, usize)| s < w.end && w.start < e;
            (0..matched.len())
                .filter(|&m| answering[m].iter().any(over))
                .collect()
        })
        .collect();
    let (first, last) = window(&answers, matched.len());
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
/// best match of the whole query: the most of its `query_words`, then the
/// most marked words, the earliest of equals. A phrase's words are marked
/// only where the phrase stands, so a window holding the phrase holds all
/// of them and comes first. `answers` holds, for each word, the query
/// words it answers.
fn window(answers: &[Vec<usize>], query_words: usize) -> (usize, usize) {
    let n = answers.len();
    if n <= WHOLE_UP_TO {
        return (0, n.saturating_sub(1));
    }
    let mut tally = Tally {
        times: vec![0; query_words],
        distinct: 0,
        marked: 0,
    };
    for word in &answers[..WINDOW] {
        tally.add(word);
    }
    let mut best = (0, tally.score());
    for start in 1..=n - WINDOW {
        tally.remove(&answers[start - 1]);
        tally.add(&answers[start + WINDOW - 1]);
        if tally.score() > best.1 {
            best = (start, tally.score());
        }
    }
    let held = best.0..best.0 + WINDOW;
    let first = held.clone().find(|&i| !answers[i].is_empty());
    let last = held.rev().find(|&i| !answers[i].is_empty());
    // Start a little before the first match so it has some context, but
    // not so far before it that the window's last match falls out.
    let start = match (first, last) {
        (Some(first), Some(last)) => first
            .saturating_sub(WINDOW / 4)
            .max((last + 1).saturating_sub(WINDOW))
            .min(n - WINDOW),
        _ => 0,
    };
    (start, start + WINDOW - 1)
}

/// The query words a window of words answers, and how often each.
struct Tally {
    times: Vec<usize>,
    /// How many query words are answered at least once.
    distinct: usize,
    /// How many of the window's words answer one.
    marked: usize,
}

impl Tally {
    fn add(&mut self, answers: &[usize]) {
        self.marked += usize::from(!answers.is_empty());
        for &q in answers {
            self.distinct += usize::from(self.times[q] == 0);
            self.times[q] += 1;
        }
    }

    fn remove(&mut self, answers: &[usize]) {
        self.marked -= usize::from(!answers.is_empty());
        for &q in answers {
            self.times[q] -= 1;
            self.distinct -= usize::from(self.times[q] == 0);
        }
    }

    /// The more query words, then the more marked words, the better.
    fn score(&self) -> (usize, usize) {
        (self.distinct, self.marked)
    }
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
    fn a_long_quote_opens_on_the_best_match_of_the_whole_query() {
        // Many lone matches of one word early on, the phrase's two words
        // together later: the window opens on the phrase.
        let mut words: Vec<String> = (0..150).map(|i| format!("ord{i}")).collect();
        for i in (0..30).step_by(3) {
            words[i] = "ledelse".into();
        }
        words[100] = "derfor".into();
        words[101] = "skal".into();
        words[110] = "ledelse".into();
        let text = words.join(" ");
        let mut found = matched(&text, &["ledelse"]);
        found.extend(matched(&text, &["derfor"]));
        found.extend(matched(&text, &["skal"]));
        let s = snippet(&text, &analysis::words(&text), &found);
        assert!(s.contains("<b>derfor</b> <b>skal</b>"), "{s}");
        assert!(s.contains("<b>ledelse</b>"), "{s}");
        assert!(s.starts_with("…ord90 "), "{s}");
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
