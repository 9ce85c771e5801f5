//! TOML errors as the metadata errors print them: one line saying where in
//! the file and what is wrong. Shared by the two metadata files
//! (`publications.toml`, `roles.toml`).

/// A TOML error as one line: where it is and what is wrong.
pub(crate) fn one_line(text: &str, error: &toml::de::Error) -> String {
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("linje {line}: {}", one_clause(error.message()))
        }
        None => one_clause(error.message()),
    }
}

/// The parser's message on one line: its lines joined by "; ".
fn one_clause(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_line() {
        let text = "a = 1\nb = \n";
        let error = toml::from_str::<toml::Table>(text).unwrap_err();
        let said = one_line(text, &error);
        assert!(said.starts_with("linje 2: "), "{said}");
        assert!(!said.contains('\n'), "{said}");
    }
}
