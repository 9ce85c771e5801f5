//! TOML errors as the metadata errors print them: one line saying where in
//! the file and what is wrong. Shared by the two metadata files
//! (`publications.toml`, `roles.toml`).

/// A TOML error as one line: where it is and what is wrong.
pub(crate) fn one_line(text: &str, error: &toml::de::Error) -> String {
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {}", error.message())
        }
        None => error.message().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_line() {
        let text = "a = 1\nb = \n";
        let error = toml::from_str::<toml::Table>(text).unwrap_err();
        assert!(one_line(text, &error).starts_with("line 2: "));
    }
}
