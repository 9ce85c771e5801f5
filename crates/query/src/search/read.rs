//! What was read: a query as the engine read it, written back in the query
//! language, so a user sees what was searched for when it is not what they
//! typed (`tilid` read as `tillid`, `direktoer` as `direktør`, `(tillid` as
//! `tillid`, `AND AND` as nothing).
//!
//! The words are written as typed, except those compiling the query read
//! otherwise (`Corrections`, recorded where compiling resolves them, so
//! nothing is resolved twice): a word's æøå spelling, or its near
//! spellings, several as `(a OR b)`. Phrases stand in double quotes,
//! prefixes end in `*`, groups in parentheses; required clauses next to
//! each other are joined by ` AND `, a lone one is `+word`, an excluded one
//! `-word`; optional clauses are separated by a space at the top and by
//! ` OR ` in a group. Operators the parser dropped and stray brackets are
//! gone. Question and function words stay as typed: they are read, only
//! not ranked.

use std::collections::HashMap;

use super::syntax::{Clause, Occur};

/// The words compiling a query read otherwise than typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Corrections {
    /// A word typed on its own, as typed, and the corpus words it was read
    /// as.
    words: HashMap<String, Vec<String>>,
    /// A word of a quoted phrase, as typed, and the one spelling it was
    /// read as.
    in_phrases: HashMap<String, String>,
}

impl Corrections {
    /// A word typed on its own read as `read` (its æøå spellings or near
    /// spellings).
    pub(super) fn word(&mut self, typed: &str, read: Vec<String>) {
        self.words.insert(typed.to_string(), read);
    }

    /// A word of a quoted phrase read as its æøå spelling.
    pub(super) fn in_phrase(&mut self, typed: &str, read: &str) {
        self.in_phrases.insert(typed.to_string(), read.to_string());
    }
}

/// The clauses of a parsed query as the engine read them, in the query
/// language; empty when nothing was asked for.
pub(super) fn read(clauses: &[(Occur, Clause)], corrections: &Corrections) -> String {
    let mut out = String::new();
    write(&mut out, clauses, false, corrections);
    out
}

fn write(out: &mut String, clauses: &[(Occur, Clause)], nested: bool, corrections: &Corrections) {
    let occur = |i: usize| clauses.get(i).map(|(o, _)| *o);
    for (i, (o, clause)) in clauses.iter().enumerate() {
        let before = i.checked_sub(1).and_then(occur);
        let after = occur(i + 1);
        if let Some(before) = before {
            out.push_str(match (before, *o) {
                (Occur::Must, Occur::Must) => " AND ",
                (Occur::Should, Occur::Should) if nested => " OR ",
                _ => " ",
            });
        }
        let joined = before == Some(Occur::Must) || after == Some(Occur::Must);
        match o {
            Occur::Must if !joined => out.push('+'),
            Occur::MustNot => out.push('-'),
            _ => {}
        }
        match clause {
            Clause::Word(w) => match corrections.words.get(w).map(Vec::as_slice) {
                None | Some([]) => out.push_str(w),
                Some([one]) => out.push_str(one),
                Some(several) => {
                    out.push('(');
                    out.push_str(&several.join(" OR "));
                    out.push(')');
                }
            },
            Clause::Phrase(words) => {
                let words: Vec<&str> = words
                    .iter()
                    .map(|w| corrections.in_phrases.get(w).unwrap_or(w).as_str())
                    .collect();
                out.push('"');
                out.push_str(&words.join(" "));
                out.push('"');
            }
            Clause::Prefix(p) => {
                out.push_str(p);
                out.push('*');
            }
            Clause::Group(inner) => {
                out.push('(');
                write(out, inner, true, corrections);
                out.push(')');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::syntax::parse;

    fn read_as_typed(query: &str) -> String {
        read(&parse(query).clauses, &Corrections::default())
    }

    #[test]
    fn plain_queries_read_back_as_typed() {
        for query in [
            "tillid",
            "Tillid åbenhed",
            "ledelses* -medier",
            "\"politisk tæft\"",
            "\"politisk tæft\" AND direktør",
            "tillid AND chef AND direktør",
            "+tillid chef",
            "(tillid OR åbenhed) AND chef",
            "hvordan giver man sparring til sin chef",
            "",
        ] {
            assert_eq!(read_as_typed(query), query);
        }
        assert_eq!(read_as_typed("  tillid   chef "), "tillid chef");
    }

    #[test]
    fn what_the_parser_dropped_is_gone() {
        assert_eq!(read_as_typed("AND AND"), "");
        assert_eq!(read_as_typed("(tillid"), "tillid");
        assert_eq!(read_as_typed("tillid)"), "tillid");
        assert_eq!(read_as_typed("tillid OR chef"), "tillid chef");
        assert_eq!(read_as_typed("NOT medier tillid"), "-medier tillid");
        assert_eq!(read_as_typed("tillid AND"), "+tillid");
        assert_eq!(read_as_typed("level:chef"), "(level OR chef)");
    }

    #[test]
    fn corrected_words_read_as_the_engine_read_them() {
        let mut corrections = Corrections::default();
        corrections.word("tilid", vec!["tillid".into()]);
        corrections.word("direktoer", vec!["direktør".into()]);
        corrections.word("ledlse", vec!["ledelse".into(), "ledelsen".into()]);
        corrections.in_phrase("taeft", "tæft");
        let read_as = |query: &str| read(&parse(query).clauses, &corrections);
        assert_eq!(read_as("tilid"), "tillid");
        assert_eq!(read_as("tilid AND direktoer"), "tillid AND direktør");
        assert_eq!(
            read_as("ledlse -direktoer"),
            "(ledelse OR ledelsen) -direktør"
        );
        assert_eq!(read_as("+ledlse"), "+(ledelse OR ledelsen)");
        assert_eq!(
            read_as("\"politisk taeft\" taeft"),
            "\"politisk tæft\" taeft"
        );
    }
}
