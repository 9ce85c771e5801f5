//! How a citation writes Danish text: alphabetical order with æ, ø and å
//! after z, sentences that end in one full stop, quotes in Danish quotation
//! marks „…“, and everything on one line.

/// Orders titles as a Danish reader does: æ, ø and å come after z.
pub(crate) fn sort_key(text: &str) -> Vec<u32> {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'æ' | 'ä' => u32::from('z') + 1,
            'ø' | 'ö' => u32::from('z') + 2,
            'å' => u32::from('z') + 3,
            c => u32::from(c),
        })
        .collect()
}

/// Whether the text already ends a sentence (in . ? ! or …).
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '?', '!', '…'])
}

/// The text as a sentence: a full stop added unless it already ends in one
/// (or in ? ! …).
pub(crate) fn sentence(text: &str) -> String {
    let text = text.trim();
    if ends_sentence(text) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// The quote in Danish quotation marks „…“. As APA asks, the quote's own
/// closing full stop moves after the citation that follows (callers add it),
/// and double quotation marks inside become single ones.
pub(crate) fn quotation(text: &str) -> String {
    let text = text.trim();
    let text = match text.strip_suffix('.') {
        Some(rest) if !rest.ends_with('.') => rest,
        _ => text,
    };
    let mut inner = String::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let c = match c {
            '"' | '“' | '”' | '„' => {
                if previous.is_none_or(|p| p.is_whitespace() || "([–-".contains(p)) {
                    '‘'
                } else {
                    '’'
                }
            }
            c => c,
        };
        inner.push(c);
        previous = Some(c);
    }
    format!("„{inner}“")
}

/// The text on one line, every run of whitespace a single space.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ae_oe_aa_sort_after_z() {
        let mut words = ["Åbne", "zoner", "Ære", "øjne", "Alle"];
        words.sort_by_key(|w| sort_key(w));
        assert_eq!(words, ["Alle", "zoner", "Ære", "øjne", "Åbne"]);
    }

    #[test]
    fn a_sentence_ends_in_one_mark() {
        assert_eq!(
            sentence(" Afsnit: At blive leder "),
            "Afsnit: At blive leder."
        );
        assert_eq!(sentence("Pas på trinet!"), "Pas på trinet!");
        assert_eq!(sentence("og så…"), "og så…");
    }

    #[test]
    fn a_quotation_drops_its_full_stop_but_keeps_an_ellipsis() {
        assert_eq!(quotation("Sådan er det."), "„Sådan er det“");
        assert_eq!(quotation("Og så..."), "„Og så...“");
        assert_eq!(quotation("(\"ja\")"), "„(‘ja’)“");
    }

    #[test]
    fn one_line_joins_lines_and_runs_of_spaces() {
        assert_eq!(one_line(" a\n b\t\tc  "), "a b c");
    }
}
