//! CSV as Danish Excel and LibreOffice Calc open it, for a quote export and
//! for a matrix: UTF-8 with a byte-order mark (or æøå come out garbled), `;`
//! between fields (Danish Excel reads `,` as the decimal sign), CRLF line
//! ends, and fields quoted where they hold `;`, `,`, `"` or a line break.
//!
//! A spreadsheet guesses the type of every cell, quoted or not. LibreOffice
//! Calc 7.4, opening a file like this one in a Danish locale with the
//! import's default options, reads "6-9" as 6 September, "1-2" as 1
//! February, "1.000" as 1000, "12,5" as 12.5, "2012-01-02" and "maj 2012" as
//! dates, "10:30" as a time, "50%", "1e5", "(5)" (−5), "kr. 100" and "sand"
//! (true) as values, and "=1+1" as a formula it computes; Danish Excel
//! guesses alike and starts a formula at a leading `=`, `+`, `-`, `@`, tab
//! or carriage return (OWASP's list for CSV injection). So every cell says
//! what it is:
//!
//! - A number meant as a number (line numbers, the year, a matrix count) is
//!   written plain and stays a number to compute with.
//! - The page column is a locator, written as a reader writes one: "s. 6-9"
//!   or "s. 12", which no spreadsheet reads as anything but text.
//! - Every other cell is text (the id, the quote, speaker, role, theme, a
//!   matrix key …). Where a text cell would be read as a formula or a value,
//!   it gets a leading apostrophe ([`text_safe`]). No number, date or
//!   formula opens with an apostrophe, so both programs keep such a cell as
//!   text, the booklet's characters after it exactly as written. Calc (7.4,
//!   checked as above) shows the apostrophe as the cell's first character,
//!   "'1-2"; Excel takes a leading apostrophe as its mark of text, which it
//!   may hide as it hides the one typed before an entry (not checked here).
//!   A visible mark is the lesser harm beside a quote silently turned into a
//!   date, or a formula run.

use std::borrow::Cow;
use std::io::{self, Write};

use citater_indexer::Quote;

use crate::cite::Citations;
use crate::search::matrix::Matrix;

/// The columns of a CSV export: every tag (the topics by id, comma
/// separated), the source and the reference ("henvisning", the one-line
/// citation).
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
    "henvisning",
];

/// One cell as the export means it, so the spreadsheet reads it so.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cell {
    /// Text, guarded against being read as a formula, number or date.
    Text(String),
    /// A whole number meant to be computed with, written plain.
    Number(u64),
}

impl Cell {
    fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    fn number(value: impl TryInto<u64>) -> Cell {
        // Counts, years and line numbers all fit; a value that did not
        // would be a bug upstream, and 0 is no worse a cell than a panic.
        Cell::Number(value.try_into().unwrap_or(0))
    }

    /// What the writer puts between the separators, before quoting.
    fn field(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(value) => text_safe(value),
            Cell::Number(n) => Cow::Owned(n.to_string()),
        }
    }
}

/// Every quote a row under the header of [`COLUMNS`].
pub(crate) fn write_quotes(
    out: &mut impl Write,
    quotes: &[&Quote],
    citations: &Citations,
) -> io::Result<()> {
    let mut csv = excel_writer(out)?;
    write_row(&mut csv, COLUMNS.iter().map(|c| Cell::text(*c)))?;
    for q in quotes {
        write_row(&mut csv, quote_row(q, citations).into_iter())?;
    }
    csv.flush()
}

/// The cells of one quote, in the order of [`COLUMNS`].
fn quote_row(q: &Quote, citations: &Citations) -> [Cell; 16] {
    [
        Cell::text(q.id.as_str()),
        Cell::text(q.text.as_str()),
        Cell::text(q.speaker.as_str()),
        Cell::text(q.role.as_str()),
        Cell::text(q.level.as_str()),
        Cell::text(q.theme.as_str()),
        Cell::text(q.subtheme.clone().unwrap_or_default()),
        Cell::text(q.topics.join(", ")),
        Cell::text(q.publication.id.as_str()),
        Cell::text(q.publication.title.as_str()),
        match q.publication.year {
            Some(year) => Cell::number(year),
            None => Cell::text("u.å."),
        },
        // A locator as a reader writes it ("s. 6-9"): no spreadsheet reads
        // that as a date, as it reads a bare "6-9".
        Cell::text(q.pages.map(|p| format!("s. {p}")).unwrap_or_default()),
        Cell::text(q.source.file.as_str()),
        Cell::number(q.source.line_start),
        Cell::number(q.source.line_end),
        Cell::text(citations.citation_field(q)),
    ]
}

/// A matrix as CSV, by the same conventions as the quote export: the axes
/// in the corner, a total column and a total row. The keys are text, the
/// counts numbers.
pub fn write_matrix(out: &mut impl Write, m: &Matrix) -> io::Result<()> {
    let mut csv = excel_writer(out)?;
    let mut header = vec![Cell::text(format!("{}/{}", m.rows, m.cols))];
    header.extend(m.col_keys.iter().map(|k| Cell::text(k.as_str())));
    header.push(Cell::text("i alt"));
    write_row(&mut csv, header.into_iter())?;
    for (r, key) in m.row_keys.iter().enumerate() {
        let mut row = vec![Cell::text(key.as_str())];
        row.extend(m.counts[r].iter().map(|n| Cell::number(*n)));
        row.push(Cell::number(m.row_totals[r]));
        write_row(&mut csv, row.into_iter())?;
    }
    let mut totals = vec![Cell::text("i alt")];
    totals.extend(m.col_totals.iter().map(|n| Cell::number(*n)));
    totals.push(Cell::number(m.total));
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
    cells: impl Iterator<Item = Cell>,
) -> io::Result<()> {
    let fields: Vec<String> = cells.map(|c| c.field().into_owned()).collect();
    csv.write_record(&fields).map_err(into_io)
}

/// A text cell as the spreadsheet must keep it: with a leading apostrophe
/// where it would otherwise be read as a formula ([`opens_formula`]) or as
/// a value ([`reads_as_value`]), unchanged otherwise.
fn text_safe(value: &str) -> Cow<'_, str> {
    if opens_formula(value) || reads_as_value(value) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// Whether a spreadsheet would start a formula at the cell's first
/// character: `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list
/// for CSV injection).
fn opens_formula(value: &str) -> bool {
    value.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Month names and abbreviations a Danish (or English) spreadsheet reads in
/// a date ("maj 2012", "6. sep"), and the krone of an amount ("kr. 100").
const VALUE_WORDS: [&str; 33] = [
    "jan",
    "januar",
    "january",
    "feb",
    "februar",
    "february",
    "mar",
    "marts",
    "march",
    "apr",
    "april",
    "maj",
    "may",
    "jun",
    "juni",
    "june",
    "jul",
    "juli",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "okt",
    "oct",
    "oktober",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "kr",
];

/// Whether Danish Excel or LibreOffice Calc would read the text as a value
/// rather than as text: a number in either notation ("12", "1.000", "12,5",
/// "1e5", "(5)"), a date or a time ("6-9", "3/4", "12.5", "2012-01-02",
/// "maj 2012", "10:30"), a percentage ("50%"), an amount ("kr. 100") or a
/// truth value ("sand"). Errs towards guarding: any text made only of
/// digits, separators and month names is guarded, even where one of the
/// programs would have kept it text.
fn reads_as_value(value: &str) -> bool {
    let value = value.trim().to_lowercase();
    if matches!(value.as_str(), "sand" | "falsk" | "true" | "false") {
        return true;
    }
    value.chars().any(|c| c.is_ascii_digit())
        && value
            .split(|c: char| c.is_whitespace() || "-/.,:%()+'$€£".contains(c))
            .filter(|word| !word.is_empty())
            .all(|word| all_digits(word) || is_exponent(word) || VALUE_WORDS.contains(&word))
}

fn all_digits(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
}

/// "1e5", or "1e" of "1e+5" split at its sign: scientific notation.
fn is_exponent(word: &str) -> bool {
    word.split_once('e').is_some_and(|(mantissa, exponent)| {
        !mantissa.is_empty() && all_digits(mantissa) && all_digits(exponent)
    })
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
    use crate::export::fixtures;

    /// One row of text cells as the export writes it, without the
    /// byte-order mark.
    fn row(cells: &[&str]) -> String {
        let mut out = Vec::new();
        let mut csv = excel_writer(&mut out).unwrap();
        write_row(&mut csv, cells.iter().map(|c| Cell::text(*c))).unwrap();
        csv.flush().unwrap();
        drop(csv);
        let text = String::from_utf8(out).unwrap();
        text.strip_prefix('\u{feff}').expect("a BOM").to_string()
    }

    /// A whole export read back as a Danish spreadsheet splits it: the
    /// header, then each row's fields.
    fn read_back(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
        let text = std::str::from_utf8(bytes).unwrap();
        let text = text.strip_prefix('\u{feff}').expect("a BOM");
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let header = reader.headers().unwrap().iter().map(String::from).collect();
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        (header, rows)
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
            "\"a,b\";\"to\nlinjer\";\"cr\rher\";\"'+45;1\";'@navn;'-1;;x\r\n"
        );
    }

    #[test]
    fn every_formula_opener_of_the_owasp_list_is_guarded() {
        for cell in [
            "=1+1",
            "+45",
            "-1",
            "@SUM(A1)",
            "\t=1+1",
            "\r=1+1",
            "- en leder",
        ] {
            let written = row(&[cell]);
            let cell_text = written
                .trim_end_matches("\r\n")
                .trim_start_matches('"')
                .trim_end_matches('"');
            assert!(
                cell_text.starts_with('\''),
                "{cell:?} written as {written:?}"
            );
        }
        // Inside a cell the same characters are plain text.
        assert_eq!(row(&["a-b=c"]), "a-b=c\r\n");
    }

    #[test]
    fn text_a_spreadsheet_would_read_as_a_date_or_number_stays_text() {
        for cell in [
            "1-2",
            "6-9",
            "3/4",
            "12.5",
            "1.000",
            "12,5",
            "2012-01-02",
            "12",
            "10:30",
            "50%",
            "1e5",
            "(5)",
            "maj 2012",
            "6. sep",
            "kr. 100",
            "sand",
        ] {
            let written = row(&[cell]);
            let unquoted = written
                .trim_end_matches("\r\n")
                .trim_start_matches('"')
                .trim_end_matches('"');
            assert_eq!(unquoted, format!("'{cell}"), "{cell:?}");
        }
        for text in [
            "Jeg bruger 70 pct. af min tid på personaleledelse",
            "en leder",
            "Fase 2",
            "s. 6-9",
            "Maj",
            "december",
            "",
        ] {
            assert!(!row(&[text]).contains('\''), "{text:?} guarded");
        }
    }

    #[test]
    fn a_quote_row_has_danish_headers_pages_as_locators_and_plain_numbers() {
        let q = fixtures::quote("1-2", "en politiker", "12.5", Some((6, 9)));
        let mut out = Vec::new();
        write_quotes(&mut out, &[&q], &fixtures::citations()).unwrap();
        let (header, rows) = read_back(&out);
        assert_eq!(header, COLUMNS);
        assert_eq!(header.last().unwrap(), "henvisning");
        let cell = |name: &str| {
            let i = header.iter().position(|h| h == name).unwrap();
            rows[0][i].clone()
        };
        assert_eq!(cell("sider"), "s. 6-9");
        assert_eq!(cell("tekst"), "'1-2");
        assert_eq!(cell("tema"), "'12.5");
        assert_eq!(cell("taler"), "en politiker");
        assert_eq!(cell("år"), "2012");
        assert_eq!(cell("linje_fra"), "10");
        assert_eq!(cell("linje_til"), "12");
        assert!(
            cell("henvisning").contains("2012"),
            "{}",
            cell("henvisning")
        );

        let single = fixtures::quote("Tekst", "", "Tema", Some((12, 12)));
        let none = fixtures::quote("Tekst", "", "Tema", None);
        let mut out = Vec::new();
        write_quotes(&mut out, &[&single, &none], &fixtures::citations()).unwrap();
        let (header, rows) = read_back(&out);
        let pages = header.iter().position(|h| h == "sider").unwrap();
        assert_eq!(rows[0][pages], "s. 12");
        assert_eq!(rows[1][pages], "");
    }

    #[test]
    fn a_matrix_has_text_keys_and_plain_counts() {
        let m = Matrix {
            rows: "tema".into(),
            cols: "niveau".into(),
            query: String::new(),
            row_keys: vec!["2012".into(), "-tillid".into()],
            col_keys: vec!["leder".into()],
            counts: vec![vec![12], vec![3]],
            row_totals: vec![12, 3],
            col_totals: vec![15],
            total: 15,
        };
        let mut out = Vec::new();
        write_matrix(&mut out, &m).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\u{feff}tema/niveau;leder;i alt\r\n'2012;12;12\r\n'-tillid;3;3\r\ni alt;15;15\r\n"
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
