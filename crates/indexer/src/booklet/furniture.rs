//! Furniture: the lines that are never part of a quote or a heading. Page
//! numbers, the running heads and captions a booklet's `furniture` patterns
//! name, and sidebar boxes, which run from a caption line a `sidebars`
//! pattern names to the next blank line.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{Line, LineKind};
use super::patterns::Patterns;

/// A line holding only a page number.
static PAGE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+$").expect("valid pattern"));

/// Marks page numbers, furniture lines and sidebar boxes as furniture.
pub(crate) fn mark(lines: &mut [Line], patterns: &Patterns) {
    let mut in_sidebar = false;
    for line in lines.iter_mut() {
        in_sidebar = (in_sidebar && line.gap_before == 0)
            || patterns.sidebars.iter().any(|p| p.is_match(&line.text));
        if in_sidebar
            || PAGE_NUMBER.is_match(&line.text)
            || patterns.furniture.iter().any(|p| p.is_match(&line.text))
        {
            line.kind = LineKind::Furniture;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booklet::lines::content_lines;

    fn patterns(furniture: &[&str], sidebars: &[&str]) -> Patterns {
        let compile = |ps: &[&str]| ps.iter().map(|p| Regex::new(p).unwrap()).collect();
        Patterns {
            furniture: compile(furniture),
            sidebars: compile(sidebars),
            toc_entry: None,
            headings: Vec::new(),
        }
    }

    fn furniture(text: &str, p: &Patterns) -> Vec<String> {
        let mut lines = content_lines(text);
        mark(&mut lines, p);
        lines
            .into_iter()
            .filter(|l| l.kind == LineKind::Furniture)
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn page_numbers_and_running_heads_are_furniture() {
        let text = "Vi mødes hver uge.\n14\nSamarbejde i praksis\nDet virker.\n";
        let p = patterns(&["^Samarbejde i praksis$"], &[]);
        assert_eq!(furniture(text, &p), ["14", "Samarbejde i praksis"]);
    }

    #[test]
    fn a_sidebar_runs_from_its_caption_to_the_next_blank_line() {
        let text =
            "Vi mødes hver uge.\n\nFAKTA\nTre kommuner deltog.\nAlle svarede.\n\nDet virker.\n";
        let p = patterns(&[], &["^FAKTA$"]);
        assert_eq!(
            furniture(text, &p),
            ["FAKTA", "Tre kommuner deltog.", "Alle svarede."]
        );
    }

    #[test]
    fn a_number_inside_text_is_no_page_number() {
        let p = patterns(&[], &[]);
        assert!(furniture("Vi er 14 ledere.\n2024 blev godt.\n", &p).is_empty());
    }
}
