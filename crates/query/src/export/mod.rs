//! Export formats for a selection of quotes: what goes into Excel, a report
//! or a reference manager. The CLI and the HTTP API both write through here,
//! so a file looks the same whichever face made it. One file per format:
//! `jsonl`, `csv` (also the matrix), `markdown`, `docx` (Word); the
//! citation styles are written by [`crate::cite`].

mod csv;
mod docx;
#[cfg(test)]
mod fixtures;
mod jsonl;
mod markdown;
mod prose;

use std::io::{self, Write};

use citater_indexer::Quote;

use crate::cite::{Citations, Style};
use crate::error::{echo, Error};

pub use self::csv::write_matrix as write_matrix_csv;
pub use self::docx::{Group, Layout};

/// The formats a selection can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line with every field and the citation, for
    /// scripts.
    Jsonl,
    /// For Danish Excel: UTF-8 with a byte-order mark, `;` between fields.
    Csv,
    /// Blockquotes, each with its citation, to paste into a report.
    Markdown,
    /// Citations in a style: records for a reference manager, or APA as
    /// text.
    Citations(Style),
    /// A report draft in Word: block quotes under headings, each with its
    /// citation, and the reference list (see [`Layout`]).
    Docx,
}

impl Format {
    /// Reads a format name; `allowed` lists what this command offers.
    pub fn parse(name: &str, allowed: &[&str]) -> Result<Format, Error> {
        let lower = name.to_lowercase();
        let format = match lower.as_str() {
            "jsonl" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "md" | "markdown" => Some(Format::Markdown),
            "docx" => Some(Format::Docx),
            other => other.parse::<Style>().ok().map(Format::Citations),
        };
        match format {
            Some(f)
                if allowed.contains(&lower.as_str())
                    || (lower == "markdown" && allowed.contains(&"md")) =>
            {
                Ok(f)
            }
            _ => Err(Error::usage(format!(
                "Ukendt format »{}«; kendte formater: {}.",
                echo(name),
                allowed.join(", ")
            ))),
        }
    }

    /// The MIME type and file extension of a download.
    pub fn media(self) -> (&'static str, &'static str) {
        match self {
            Format::Jsonl => ("application/x-ndjson; charset=utf-8", "jsonl"),
            Format::Csv => ("text/csv; charset=utf-8", "csv"),
            Format::Markdown => ("text/markdown; charset=utf-8", "md"),
            Format::Citations(Style::Ris) => {
                ("application/x-research-info-systems; charset=utf-8", "ris")
            }
            Format::Citations(Style::Bibtex) => ("application/x-bibtex; charset=utf-8", "bib"),
            Format::Citations(Style::CslJson) => (
                "application/vnd.citationstyles.csl+json; charset=utf-8",
                "json",
            ),
            Format::Citations(Style::Apa) => ("text/plain; charset=utf-8", "txt"),
            Format::Docx => (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
            ),
        }
    }

    /// Whether the file is bytes rather than text, which a terminal should
    /// not be sent.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx)
    }
}

/// Writes quotes in a format; a Word document grouped by booklet.
pub fn write(
    out: &mut impl Write,
    quotes: &[&Quote],
    format: Format,
    citations: &Citations,
) -> io::Result<()> {
    write_laid_out(out, quotes, format, citations, &Layout::default())
}

/// Writes quotes in a format, a Word document laid out as `layout` says
/// (the other formats have no headings, so they ignore it).
pub fn write_laid_out(
    out: &mut impl Write,
    quotes: &[&Quote],
    format: Format,
    citations: &Citations,
    layout: &Layout,
) -> io::Result<()> {
    match format {
        Format::Docx => docx::write(out, quotes, citations, layout),
        Format::Jsonl => jsonl::write(out, quotes, citations),
        Format::Csv => csv::write_quotes(out, quotes, citations),
        Format::Markdown => markdown::write(out, quotes, citations),
        Format::Citations(style) => out.write_all(citations.format_many(quotes, style).as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_offered_per_command() {
        assert_eq!(
            Format::parse("CSV", &["jsonl", "csv"]).unwrap(),
            Format::Csv
        );
        let err = Format::parse("ris", &["jsonl", "csv"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("jsonl, csv"), "{err}");
    }

    #[test]
    fn a_long_name_is_quoted_shortened() {
        let long = "ø".repeat(10_000);
        let errors = [
            Format::parse(&long, &["jsonl", "csv"])
                .unwrap_err()
                .to_string(),
            Group::parse(&long).unwrap_err().to_string(),
            long.parse::<Style>().unwrap_err().to_string(),
        ];
        for err in errors {
            assert!(err.len() < 300, "{err}");
            assert!(err.contains("øøø…«"), "{err}");
        }
    }
}
