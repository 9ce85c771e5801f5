//! Danish letters and the ASCII spellings people type for them, in one
//! table read three ways: quote ids spell the letters as Danish writes them
//! without them (`ascii`: ø → oe), a value typed on a filter meets the
//! corpus's spelling of it however it was typed (`key`: ø, oe and o alike),
//! and a query word typed without them is unfolded to the spellings it may
//! stand for (`unfoldings`: oe → ø), which the corpus's vocabulary then
//! decides between.

/// Each Danish letter, the digraph that spells it without the letter, and
/// the lone letter some type for it instead (`direktor`).
const LETTERS: [(char, &str, Option<char>); 3] = [
    ('ø', "oe", Some('o')),
    ('æ', "ae", None),
    ('å', "aa", Some('a')),
];

/// `text` lowercase with each Danish letter spelt as its digraph (and `é`
/// as `e`), every run of whitespace, `-` and `_` one space: how a quote's
/// id spells its opening words (`Økonomien går` → `oekonomien gaar`).
pub fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut space = false;
    for c in text.trim().to_lowercase().chars() {
        if c.is_whitespace() || c == '-' || c == '_' {
            space = true;
            continue;
        }
        if std::mem::take(&mut space) && !out.is_empty() {
            out.push(' ');
        }
        match LETTERS.iter().find(|(letter, ..)| *letter == c) {
            Some((_, digraph, _)) => out.push_str(digraph),
            None if c == 'é' => out.push('e'),
            None => out.push(c),
        }
    }
    out
}

/// What two spellings of one value share: case, `-` and `_` for a space
/// aside, and each Danish letter, its digraph and its lone letter alike, so
/// `direktør`, `direktoer`, `Direktor` and `DIREKTØR` meet, and so do
/// `strategisk-chef` and `strategisk chef`.
pub fn key(value: &str) -> String {
    let mut key = ascii(value);
    for (_, digraph, lone) in LETTERS {
        if let Some(lone) = lone {
            key = key.replace(digraph, lone.encode_utf8(&mut [0; 4]));
        }
    }
    key
}

/// At most this many of a word's `oe`, `ae` and `aa`, all three taken
/// together, are read as ø, æ, å, so a word has at most 2^4 spellings: each
/// is compared with the whole vocabulary, and 4 per pair (4,096 spellings)
/// made one word of repeated pairs take seconds.
const MAX_UNFOLDED: usize = 4;

/// The spellings a word typed without æ, ø, å may stand for: every way of
/// reading its `oe`, `ae` and `aa` (`raadgiver` → `rådgiver`), the first
/// `MAX_UNFOLDED` of them; the word itself is not one of them.
pub fn unfoldings(word: &str) -> Vec<String> {
    let mut variants = vec![word.to_string()];
    let mut budget = MAX_UNFOLDED;
    for (letter, ascii, _) in LETTERS {
        let letter = letter.encode_utf8(&mut [0; 4]).to_string();
        let mut next = Vec::new();
        let mut taken = 0;
        for v in &variants {
            let positions: Vec<usize> = v.match_indices(ascii).map(|(i, _)| i).collect();
            let unfolded = positions.len().min(budget);
            taken = taken.max(unfolded);
            // Each occurrence independently: "aa" can be "aa" in a name.
            for mask in 0..(1u32 << unfolded) {
                let mut s = String::new();
                let mut last = 0;
                for (k, &p) in positions.iter().enumerate().take(unfolded) {
                    s.push_str(&v[last..p]);
                    s.push_str(if mask & (1 << k) != 0 { &letter } else { ascii });
                    last = p + ascii.len();
                }
                s.push_str(&v[last..]);
                next.push(s);
            }
        }
        budget -= taken;
        variants = next;
    }
    variants.retain(|v| v != word);
    variants.sort();
    variants.dedup();
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_spells_the_letters_as_danish_writes_them_without() {
        assert_eq!(
            ascii(" Økonomien  går-åbent_ærligt, café "),
            "oekonomien gaar aabent aerligt, cafe"
        );
    }

    #[test]
    fn every_spelling_of_a_value_has_one_key() {
        for typed in [
            "direktør",
            "direktoer",
            "Direktor",
            "DIREKTØR",
            " direktør ",
        ] {
            assert_eq!(key(typed), "direktor", "{typed}");
        }
        for typed in ["rådgiver", "raadgiver", "radgiver"] {
            assert_eq!(key(typed), key("rådgiver"), "{typed}");
        }
        assert_eq!(key("strategisk-chef"), key("Strategisk  chef"));
        assert_eq!(key("ærlig"), key("aerlig"));
        assert_ne!(key("leder"), key("ledere"));
    }

    #[test]
    fn a_word_has_at_most_sixteen_unfoldings() {
        assert_eq!(
            unfoldings("aaboe"),
            ["aabø", "åboe", "åbø"].map(String::from)
        );
        assert_eq!(unfoldings("raadgiver"), ["rådgiver"]);
        assert!(unfoldings("tillid").is_empty());
        // Found while fuzzing the search: 4,096 spellings of this word, each
        // compared with the whole vocabulary, took seconds.
        let many = unfoldings("aeaeaeaeoeoeoeoeaaaaaaaa");
        assert_eq!(many.len(), 15);
        assert!(many.contains(&"aeaeaeaeøøøøaaaaaaaa".to_string()));
    }
}
