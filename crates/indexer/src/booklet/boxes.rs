//! Boxes: quote boxes whose speech is followed by a line holding only a
//! label naming the speaker (`Chef`), for booklets printing the `labelled`
//! style. The box's lines are kept out of the running text.

use crate::publication::{Publication, QuoteStyle};

use super::lines::{Block, Line, LineKind};

/// Finds the labelled quote boxes: speech followed by a line holding only a
/// label (`Chef`). The box starts at its opening quote mark, or, for a
/// large-print quote without marks, at the top of its run of short lines.
pub(crate) fn mark(lines: &mut [Line], publication: &Publication) -> Vec<Block> {
    let mut boxes = Vec::new();
    if !publication.uses(QuoteStyle::Labelled) {
        return boxes;
    }
    for i in 0..lines.len() {
        let Some(role) = publication.labels.get(lines[i].text.as_str()) else {
            continue;
        };
        if i == 0 || !matches!(lines[i - 1].kind, LineKind::Body) {
            continue;
        }
        let floor = boxes.last().map(|b: &Block| b.last + 1).unwrap_or(0);
        let window = i.saturating_sub(16).max(floor);
        let opening = (window..i)
            .rev()
            .find(|&j| lines[j].text.starts_with('“') || lines[j].text.starts_with('"'));
        let first = match opening {
            Some(j) => j,
            None => {
                let mut j = i - 1;
                while j > window && !lines[j].page_start && lines[j - 1].kind == LineKind::Body {
                    j -= 1;
                }
                j
            }
        };
        if (first..i).any(|j| lines[j].kind != LineKind::Body) {
            continue;
        }
        let k = boxes.len();
        for line in &mut lines[first..=i] {
            line.kind = LineKind::Boxed(k);
        }
        boxes.push(Block {
            first,
            last: i,
            label: Some(role.clone()),
        });
    }
    boxes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booklet::lines::content_lines;

    fn publication(styles: &str) -> Publication {
        toml::from_str(&format!(
            "id = \"x\"\nfile = \"x.txt\"\ntitle = \"X\"\npublisher = \"P\"\nlevel_from = \"role\"\nquote_styles = {styles}\nlabels = {{ \"Chef\" = \"chef\" }}"
        ))
        .unwrap()
    }

    #[test]
    fn a_box_runs_from_its_opening_mark_to_its_label() {
        let mut lines = content_lines(
            "Vi talte om møderne.\n\n“Jeg lytter mere, end \n\njeg taler.”\n\nChef\n\nSå gik vi.\n",
        );
        let boxes = mark(&mut lines, &publication("[\"labelled\"]"));
        assert_eq!(boxes.len(), 1);
        assert_eq!((boxes[0].first, boxes[0].last), (1, 3));
        assert_eq!(boxes[0].label.as_deref(), Some("chef"));
        assert_eq!(lines[0].kind, LineKind::Body);
        assert_eq!(lines[2].kind, LineKind::Boxed(0));
        assert_eq!(lines[4].kind, LineKind::Body);
    }

    #[test]
    fn a_box_without_marks_starts_at_the_top_of_its_lines() {
        let mut lines = content_lines("\n Jeg lytter mere\nend jeg taler\nChef\n");
        let boxes = mark(&mut lines, &publication("[\"labelled\"]"));
        assert_eq!((boxes[0].first, boxes[0].last), (0, 2));
    }

    #[test]
    fn only_booklets_printing_labelled_boxes_have_them() {
        let mut lines = content_lines("“Jeg lytter.”\nChef\n");
        assert!(mark(&mut lines, &publication("[\"marks\"]")).is_empty());
    }
}
