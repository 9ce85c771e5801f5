//! Large print: runs of short lines set apart from the text, as pull-quotes
//! (and some headings and captions) are printed. Their lines are kept out of
//! the running text; the speech stage decides which are quotes of their own.

use super::lines::{opens_list_item, Block, Line, LineKind, UNWRAPPED_WIDTH};

/// Marks runs of short lines set apart from the text: the large print of
/// pull-quotes (and of some headings and captions). A text whose lines are
/// whole paragraphs was never wrapped, so line length says nothing there.
pub(crate) fn mark(lines: &mut [Line], full_width: usize) -> Vec<Block> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booklet::lines::{content_lines, full_width};

    fn blocks(text: &str) -> Vec<(usize, usize)> {
        let mut lines = content_lines(text);
        let width = full_width(&lines);
        mark(&mut lines, width)
            .into_iter()
            .map(|b| (b.first, b.last))
            .collect()
    }

    const FULL: &str = "Vi har arbejdet længe med det her, og det har gjort os klogere.\n";

    #[test]
    fn a_run_of_short_lines_set_apart_is_large_print() {
        let text = format!("{FULL}\nVi lærer hele\ntiden noget nyt\n\n{FULL}{FULL}");
        assert_eq!(blocks(&text), [(1, 2)]);
    }

    #[test]
    fn one_short_line_or_a_few_words_are_not() {
        assert!(blocks(&format!("{FULL}\nVi lærer hele tiden\n\n{FULL}")).is_empty());
        assert!(blocks(&format!("{FULL}\nJa da\nnemlig\n\n{FULL}")).is_empty());
    }

    #[test]
    fn short_lines_glued_to_the_text_are_not() {
        let text = format!("{FULL}\nVi lærer hele\ntiden noget nyt\n{FULL}");
        assert!(blocks(&text).is_empty());
    }

    #[test]
    fn unwrapped_text_has_no_large_print() {
        let long = "Vi har arbejdet længe med det her. ".repeat(5);
        let text = format!("{long}\n\nVi lærer hele\ntiden noget nyt\n\n{long}\n");
        assert!(blocks(&text).is_empty());
    }
}
