//! CSV as Danish Excel opens it, for a quote export and for a matrix: UTF-8
//! with a byte-order mark (or æøå come out garbled), `;` between fields
//! (Danish Excel reads `,` as the decimal sign), CRLF line ends, fields
//! quoted where they hold `;`, `,`, `"` or a line break, and a cell Excel
//! would read as a formula neutralised with a leading apostrophe.

use std::borrow::Cow;
use std::io::{self, Write};

use citater_indexer::Quote;

use crate::cite::Citations;
use crate::search::matrix::Matrix;

/// The columns of a CSV export: every tag (the topics by id, comma
/// separated), the source and the citation.
const COLUMNS: [&str; 16] = [
    "id",
    "tekst",
    "taler",
    "rolle",
    "niveau",
    "tema",
    "undertema",
    "emner",
    "publikation",
    "titel",
    "år",
    "sider",
    "fil",
    "linje_fra",
    "linje_til",
    "citation",
];

/// Every quote a row under the header of [`COLUMNS`].
pub(crate) fn write_quotes(
    out: &mut impl Write,
    quotes: &[&Quote],
    citations: &Citations,
) -> io::Result<()> {
    let mut csv = excel_writer(out)?;
    write_row(&mut csv, COLUMNS.iter().map(|c| c.to_string()))?;
    for q in quotes {
        let row = [
            q.id.clone(),
            q.text.clone(),
            q.speaker.clone(),
            q.role.clone(),
            q.level.as_str().to_string(),
            q.theme.clone(),
            q.subtheme.clone().unwrap_or_default(),
            q.topics.join(", "),
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
        write_row(&mut csv, row.into_iter())?;
    }
    csv.flush()
}

/// A matrix as CSV, by the same conventions as the quote export: the axes
/// in the corner, a total column and a total row.
pub fn write_matrix(out: &mut impl Write, m: &Matrix) -> io::Result<()> {
    let mut csv = excel_writer(out)?;
    let mut header = vec![format!("{}/{}", m.rows, m.cols)];
    header.extend(m.col_keys.iter().cloned());
    header.push("i alt".into());
    write_row(&mut csv, header.into_iter())?;
    for (r, key) in m.row_keys.iter().enumerate() {
        let mut row = vec![key.clone()];
        row.extend(m.counts[r].iter().map(|n| n.to_string()));
        row.push(m.row_totals[r].to_string());
        write_row(&mut csv, row.into_iter())?;
    }
    let mut totals = vec!["i alt".to_string()];
    totals.extend(m.col_totals.iter().map(|n| n.to_string()));
    totals.push(m.total.to_string());
    write_row(&mut csv, totals.into_iter())?;
    csv.flush()
}

/// Writes the byte-order mark, then hands out a writer by Danish Excel's
/// conventions.
fn excel_writer<W: Write>(mut out: W) -> io::Result<::csv::Writer<W>> {
    out.write_all("\u{feff}".as_bytes())?;
    Ok(::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        // The writer quotes every field holding its comment byte; naming
        // `,` quotes commas too, so Excel set to `,` never splits a cell.
        .comment(Some(b','))
        .from_writer(out))
}

fn write_row<W: Write>(
    csv: &mut ::csv::Writer<W>,
    fields: impl Iterator<Item = String>,
) -> io::Result<()> {
    let cells: Vec<String> = fields.map(|f| formula_safe(&f).into_owned()).collect();
    csv.write_record(&cells).map_err(into_io)
}

/// A cell that Excel would read as a formula (`=`, `+`, `@`) is prefixed
/// with an apostrophe, which Excel shows as text and does not print.
fn formula_safe(value: &str) -> Cow<'_, str> {
    if value.starts_with(['=', '+', '@']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// The csv crate's error as the `io::Error` it wraps, so a closed pipe is
/// still `ErrorKind::BrokenPipe` to the caller.
fn into_io(err: ::csv::Error) -> io::Error {
    match err.into_kind() {
        ::csv::ErrorKind::Io(err) => err,
        other => io::Error::new(io::ErrorKind::InvalidData, format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row as the export writes it, without the byte-order mark.
    fn row(cells: &[&str]) -> String {
        let mut out = Vec::new();
        let mut csv = excel_writer(&mut out).unwrap();
        write_row(&mut csv, cells.iter().map(|c| c.to_string())).unwrap();
        csv.flush().unwrap();
        drop(csv);
        let text = String::from_utf8(out).unwrap();
        text.strip_prefix('\u{feff}').expect("a BOM").to_string()
    }

    #[test]
    fn csv_cells_are_quoted_and_formula_safe() {
        assert_eq!(row(&["enkel"]), "enkel\r\n");
        assert_eq!(row(&["a;b"]), "\"a;b\"\r\n");
        assert_eq!(row(&["han sagde \"nej\""]), "\"han sagde \"\"nej\"\"\"\r\n");
        assert_eq!(row(&["=SUM(A1)"]), "'=SUM(A1)\r\n");
    }

    #[test]
    fn commas_and_line_breaks_are_quoted_and_formulas_guarded_before_quoting() {
        assert_eq!(
            row(&[
                "a,b",
                "to\nlinjer",
                "cr\rher",
                "+45;1",
                "@navn",
                "-1",
                "",
                "x"
            ]),
            "\"a,b\";\"to\nlinjer\";\"cr\rher\";\"'+45;1\";'@navn;-1;;x\r\n"
        );
    }

    #[test]
    fn a_broken_pipe_stays_a_broken_pipe() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let m = Matrix {
            rows: "tema".into(),
            cols: "niveau".into(),
            query: String::new(),
            row_keys: vec!["tillid".into()],
            col_keys: vec!["leder".into()],
            counts: vec![vec![1]],
            row_totals: vec![1],
            col_totals: vec![1],
            total: 1,
        };
        let err = write_matrix(&mut Closed, &m).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }
}
