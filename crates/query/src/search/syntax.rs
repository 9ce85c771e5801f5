//! The query language users type: words, `"phrases"`, `AND`/`OR`/`NOT`,
//! `-word`, `prefix*` and parentheses.
//!
//! Words without an operator are alternatives ranked by how many match, as in
//! a web search box; `AND` and a leading `+` make a word required; `NOT` and
//! `-` exclude. The parser is lenient because people paste and mistype: an
//! unbalanced quote closes at the end, a stray bracket (one without its
//! partner) only parts words, a dangling operator is dropped, and `level:`
//! is just a word. Nothing a user types makes it fail.

/// Whether a clause must, should or must not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// A plain word: optional, and the more optional words match, the higher
    /// a quote ranks.
    Should,
    /// `AND` or a leading `+`: the quote itself must match.
    Must,
    /// `NOT` or `-`: quotes that match are left out.
    MustNot,
}

/// One part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A word as typed (not yet analysed).
    Word(String),
    /// Words that must stand together in this order.
    Phrase(Vec<String>),
    /// Every word starting with this.
    Prefix(String),
    /// A parenthesised sub-query.
    Group(Vec<(Occur, Clause)>),
}

/// A parsed query: clauses with how each must occur.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The top-level clauses, in the order typed.
    pub clauses: Vec<(Occur, Clause)>,
}

impl Query {
    /// Whether nothing was asked for, so everything (under the filters) is
    /// listed.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Lexeme {
    Word(String),
    Phrase(Vec<String>),
    And,
    Or,
    Not,
    Plus,
    Minus,
    Open,
    Close,
}

/// Parses what a user typed. Never fails: what cannot be read as an
/// operator is read as words.
pub fn parse(input: &str) -> Query {
    let lexemes = balanced(lex(input));
    let mut pos = 0;
    Query {
        clauses: parse_clauses(&lexemes, &mut pos, 0),
    }
}

/// Parentheses nest at most this deep; deeper ones are read as plain
/// grouping of words, so no input can exhaust the stack.
const MAX_NESTING: usize = 8;

fn lex(input: &str) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Lexeme>| {
        if word.is_empty() {
            return;
        }
        let lexeme = match word.as_str() {
            "AND" | "&&" => Lexeme::And,
            "OR" | "||" => Lexeme::Or,
            "NOT" => Lexeme::Not,
            _ => Lexeme::Word(std::mem::take(word)),
        };
        word.clear();
        out.push(lexeme);
    };
    while let Some(c) = chars.next() {
        match c {
            '"' | '“' | '”' | '„' => {
                flush(&mut word, &mut out);
                let mut phrase = String::new();
                for p in chars.by_ref() {
                    if matches!(p, '"' | '“' | '”') {
                        break;
                    }
                    phrase.push(p);
                }
                let words: Vec<String> = phrase.split_whitespace().map(String::from).collect();
                match words.len() {
                    0 => {}
                    1 => out.push(Lexeme::Word(words[0].clone())),
                    _ => out.push(Lexeme::Phrase(words)),
                }
            }
            '(' => {
                flush(&mut word, &mut out);
                out.push(Lexeme::Open);
            }
            ')' => {
                flush(&mut word, &mut out);
                out.push(Lexeme::Close);
            }
            '-' | '+' if word.is_empty() => {
                let next_starts_term = chars.peek().is_some_and(|n| !n.is_whitespace());
                if next_starts_term {
                    out.push(if c == '-' {
                        Lexeme::Minus
                    } else {
                        Lexeme::Plus
                    });
                }
            }
            c if c.is_whitespace() => flush(&mut word, &mut out),
            c => word.push(c),
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The lexemes without their stray brackets: an opening one never closed,
/// a closing one never opened. Each stood between words, which `lex` has
/// already parted, so `(tillid` reads as `tillid`.
fn balanced(mut lexemes: Vec<Lexeme>) -> Vec<Lexeme> {
    let mut open = Vec::new();
    let mut stray = vec![false; lexemes.len()];
    for (i, lexeme) in lexemes.iter().enumerate() {
        match lexeme {
            Lexeme::Open => open.push(i),
            Lexeme::Close => stray[i] = open.pop().is_none(),
            _ => {}
        }
    }
    for i in open {
        stray[i] = true;
    }
    let mut at = 0;
    lexemes.retain(|_| {
        at += 1;
        !stray[at - 1]
    });
    lexemes
}

fn parse_clauses(lexemes: &[Lexeme], pos: &mut usize, depth: usize) -> Vec<(Occur, Clause)> {
    let nested = depth > 0;
    let mut clauses: Vec<(Occur, Clause)> = Vec::new();
    let mut pending: Option<Occur> = None;
    let mut and_next = false;
    while *pos < lexemes.len() {
        let lexeme = &lexemes[*pos];
        *pos += 1;
        let clause = match lexeme {
            Lexeme::Close if nested => break,
            Lexeme::Close => continue,
            Lexeme::And => {
                // "a AND b": both required.
                if let Some(last) = clauses.last_mut() {
                    if last.0 == Occur::Should {
                        last.0 = Occur::Must;
                    }
                    and_next = true;
                }
                continue;
            }
            Lexeme::Or => {
                and_next = false;
                continue;
            }
            Lexeme::Not | Lexeme::Minus => {
                pending = Some(Occur::MustNot);
                continue;
            }
            Lexeme::Plus => {
                pending = Some(Occur::Must);
                continue;
            }
            Lexeme::Open if depth >= MAX_NESTING => continue,
            Lexeme::Open => {
                let inner = parse_clauses(lexemes, pos, depth + 1);
                if inner.is_empty() {
                    continue;
                }
                Clause::Group(inner)
            }
            Lexeme::Phrase(words) => Clause::Phrase(words.clone()),
            Lexeme::Word(w) => word_clause(w),
        };
        let occur = pending
            .take()
            .unwrap_or(if and_next { Occur::Must } else { Occur::Should });
        and_next = false;
        if let Clause::Word(w) = &clause {
            if w.is_empty() {
                continue;
            }
        }
        clauses.push((occur, clause));
    }
    clauses
}

/// A word, a prefix (`ledelses*`), or a `field:value` read as its words.
fn word_clause(raw: &str) -> Clause {
    let trimmed = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '*');
    if let Some(prefix) = trimmed.strip_suffix('*') {
        let prefix = prefix.trim_end_matches('*');
        if prefix.chars().count() >= 2 {
            return Clause::Prefix(prefix.to_string());
        }
    }
    let word: String = trimmed
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let parts: Vec<String> = word.split_whitespace().map(String::from).collect();
    match parts.len() {
        0 => Clause::Word(String::new()),
        1 => Clause::Word(parts[0].clone()),
        _ => Clause::Group(
            parts
                .into_iter()
                .map(|p| (Occur::Should, Clause::Word(p)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Clause {
        Clause::Word(w.into())
    }

    #[test]
    fn words_are_alternatives() {
        let q = parse("tillid politiker");
        assert_eq!(
            q.clauses,
            vec![
                (Occur::Should, word("tillid")),
                (Occur::Should, word("politiker"))
            ]
        );
    }

    #[test]
    fn phrases_operators_and_prefixes() {
        let q = parse(r#""politisk tæft" AND direktør -medier NOT presse ledelses*"#);
        assert_eq!(
            q.clauses,
            vec![
                (
                    Occur::Must,
                    Clause::Phrase(vec!["politisk".into(), "tæft".into()])
                ),
                (Occur::Must, word("direktør")),
                (Occur::MustNot, word("medier")),
                (Occur::MustNot, word("presse")),
                (Occur::Should, Clause::Prefix("ledelses".into())),
            ]
        );
    }

    #[test]
    fn groups_nest() {
        let q = parse("(tillid OR åbenhed) AND chef");
        assert_eq!(q.clauses.len(), 2);
        assert!(matches!(&q.clauses[0], (Occur::Must, Clause::Group(g)) if g.len() == 2));
    }

    #[test]
    fn broken_input_is_read_leniently() {
        assert_eq!(
            parse(r#""unbalanced"#).clauses,
            vec![(Occur::Should, word("unbalanced"))]
        );
        assert!(parse("AND AND").is_empty());
        assert_eq!(
            parse("level:").clauses,
            vec![(Occur::Should, word("level"))]
        );
        assert_eq!(parse("((tillid").clauses.len(), 1);
        assert_eq!(parse("(tillid"), parse("tillid"));
        assert_eq!(parse("tillid)"), parse("tillid"));
        assert_eq!(parse("(tillid chef"), parse("tillid chef"));
        assert_eq!(parse("tillid) (chef)"), parse("tillid (chef)"));
        assert!(parse("   ").is_empty());
        assert!(parse("- * ()").is_empty());
    }

    #[test]
    fn deep_nesting_cannot_exhaust_the_stack() {
        let deep = format!("{}tillid{}", "(".repeat(100_000), ")".repeat(100_000));
        let q = parse(&deep);
        assert_eq!(q.clauses.len(), 1);
    }
}
