//! Export formats for a selection of quotes: what goes into Excel, a report
//! or a reference manager. The CLI and the HTTP API both write through here,
//! so a file looks the same whichever face made it.

use std::io::{self, Write};

use citater_indexer::Quote;

use crate::cite::{Citations, Style};
use crate::error::Error;

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
}

impl Format {
    /// Reads a format name; `allowed` lists what this command offers.
    pub fn parse(name: &str, allowed: &[&str]) -> Result<Format, Error> {
        let lower = name.to_lowercase();
        let format = match lower.as_str() {
            "jsonl" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "md" | "markdown" => Some(Format::Markdown),
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
                "unknown format '{name}'; valid formats are: {}",
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
        }
    }
}

/// Writes quotes in a format.
pub fn write(
    out: &mut impl Write,
    quotes: &[&Quote],
    format: Format,
    citations: &Citations,
) -> io::Result<()> {
    match format {
        Format::Jsonl => write_jsonl(out, quotes, citations),
        Format::Csv => write_csv(out, quotes, citations),
        Format::Markdown => write_markdown(out, quotes, citations),
        Format::Citations(style) => {
            let owned: Vec<Quote> = quotes.iter().map(|q| (*q).clone()).collect();
            out.write_all(citations.format_many(&owned, style).as_bytes())
        }
    }
}

/// One JSON object per line, every contract field with the citation.
fn write_jsonl(out: &mut impl Write, quotes: &[&Quote], citations: &Citations) -> io::Result<()> {
    for q in quotes {
        let cited = crate::search::CitedQuote {
            quote: q,
            citation: citations.citation_field(q),
        };
        serde_json::to_writer(&mut *out, &cited)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The columns of a CSV export: every tag, the source and the citation.
const CSV_COLUMNS: [&str; 15] = [
    "id",
    "tekst",
    "taler",
    "rolle",
    "niveau",
    "tema",
    "undertema",
    "publikation",
    "titel",
    "år",
    "sider",
    "fil",
    "linje_fra",
    "linje_til",
    "citation",
];

/// CSV as Danish Excel opens it: UTF-8 with a byte-order mark (or æøå come
/// out garbled), `;` between fields (Danish Excel reads `,` as the decimal
/// sign), CRLF line ends, fields quoted where needed.
fn write_csv(out: &mut impl Write, quotes: &[&Quote], citations: &Citations) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    write_csv_row(out, CSV_COLUMNS.iter().map(|c| c.to_string()))?;
    for q in quotes {
        let row = [
            q.id.clone(),
            q.text.clone(),
            q.speaker.clone(),
            q.role.clone(),
            q.level.as_str().to_string(),
            q.theme.clone(),
            q.subtheme.clone().unwrap_or_default(),
            q.publication.id.clone(),
            q.publication.title.clone(),
            q.publication
                .year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "u.å.".into()),
            q.pages.map(|p| p.to_string()).unwrap_or_default(),
            q.source.file.clone(),
            q.source.line_start.to_string(),
            q.source.line_end.to_string(),
            citations.citation_field(q),
        ];
        write_csv_row(out, row.into_iter())?;
    }
    Ok(())
}

/// A matrix as CSV, by the same conventions as the quote export: the axes
/// in the corner, a total column and a total row.
pub fn write_matrix_csv(out: &mut impl Write, m: &crate::search::matrix::Matrix) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut header = vec![format!("{}/{}", m.rows, m.cols)];
    header.extend(m.col_keys.iter().cloned());
    header.push("i alt".into());
    write_csv_row(out, header.into_iter())?;
    for (r, key) in m.row_keys.iter().enumerate() {
        let mut row = vec![key.clone()];
        row.extend(m.counts[r].iter().map(|n| n.to_string()));
        row.push(m.row_totals[r].to_string());
        write_csv_row(out, row.into_iter())?;
    }
    let mut totals = vec!["i alt".to_string()];
    totals.extend(m.col_totals.iter().map(|n| n.to_string()));
    totals.push(m.total.to_string());
    write_csv_row(out, totals.into_iter())
}

fn write_csv_row(out: &mut impl Write, fields: impl Iterator<Item = String>) -> io::Result<()> {
    let cells: Vec<String> = fields.map(|f| csv_field(&f)).collect();
    out.write_all(cells.join(";").as_bytes())?;
    out.write_all(b"\r\n")
}

/// A CSV cell: quoted when it holds a separator, a quote or a line break.
/// A cell that Excel would read as a formula is prefixed with an apostrophe.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([';', '"', '\n', '\r', ',']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// Markdown blockquotes, each followed by its citation, ready to paste into
/// a report.
fn write_markdown(
    out: &mut impl Write,
    quotes: &[&Quote],
    citations: &Citations,
) -> io::Result<()> {
    for (i, q) in quotes.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        writeln!(out, "> {}", q.text)?;
        writeln!(out, ">")?;
        let who = if q.speaker.is_empty() {
            String::new()
        } else {
            format!("{} ", capitalised(&q.speaker))
        };
        writeln!(out, "> — {who}{}", citations.in_text(q))?;
        writeln!(out)?;
        writeln!(
            out,
            "{} Afsnit: {}.",
            citations.reference_markdown(&q.publication.id),
            q.theme
        )?;
    }
    Ok(())
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formula_safe() {
        assert_eq!(csv_field("enkel"), "enkel");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("han sagde \"nej\""), "\"han sagde \"\"nej\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
    }

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
}
