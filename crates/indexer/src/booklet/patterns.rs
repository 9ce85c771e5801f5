//! Patterns: the regular expressions a booklet's conventions give (furniture,
//! sidebars, table-of-contents entries, heading rules), compiled once per
//! booklet before its layout is read. A bad pattern is the one way reading a
//! layout can fail, and it is reported by the pattern.

use regex::Regex;

use crate::publication::Publication;

/// A booklet's convention patterns, compiled.
pub(crate) struct Patterns {
    /// `Publication::furniture`.
    pub(crate) furniture: Vec<Regex>,
    /// `Publication::sidebars`.
    pub(crate) sidebars: Vec<Regex>,
    /// `TocRule::entry`, when the booklet prints a table of contents.
    pub(crate) toc_entry: Option<Regex>,
    /// `HeadingRule::pattern` of every heading rule, in rule order.
    pub(crate) headings: Vec<Option<Regex>>,
}

impl Patterns {
    /// Compiles every pattern of a booklet's conventions.
    pub(crate) fn compile(publication: &Publication) -> Result<Patterns, String> {
        Ok(Patterns {
            furniture: compile_all(&publication.furniture)?,
            sidebars: compile_all(&publication.sidebars)?,
            toc_entry: publication
                .toc
                .as_ref()
                .map(|toc| compile(&toc.entry))
                .transpose()?,
            headings: publication
                .headings
                .iter()
                .map(|r| r.pattern.as_deref().map(compile).transpose())
                .collect::<Result<_, _>>()?,
        })
    }
}

fn compile_all(patterns: &[String]) -> Result<Vec<Regex>, String> {
    patterns.iter().map(|p| compile(p)).collect()
}

fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::new(pattern).map_err(|e| {
        format!(
            "mønsteret »{pattern}« er ikke et gyldigt regulært udtryk ({})",
            what_is_wrong(&e)
        )
    })
}

/// The regex crate's error in one line: a syntax error spans several (the
/// pattern with a caret under the fault), of which only the last says what
/// is wrong.
fn what_is_wrong(e: &regex::Error) -> String {
    let text = e.to_string();
    text.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .unwrap_or_else(|| text.lines().next().unwrap_or_default())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_pattern_is_named_in_the_error() {
        let publication: Publication = toml::from_str(
            "id = \"x\"\nfile = \"x.txt\"\ntitle = \"X\"\npublisher = \"P\"\nlevel_from = \"role\"\nfurniture = ['^(kapitel']",
        )
        .unwrap();
        let err = Patterns::compile(&publication).err().unwrap();
        assert!(
            err.starts_with("mønsteret »^(kapitel« er ikke et gyldigt regulært udtryk ("),
            "{err}"
        );
        assert!(!err.contains('\n'), "{err}");
    }
}
