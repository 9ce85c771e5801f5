//! The command line: a thin layer that reads arguments, asks the library
//! and prints. Text output is for a person at a terminal (wrapped, matches
//! highlighted when it is a terminal); `json`, `csv` and `md` are for
//! scripts, spreadsheets and reports.
//!
//! [`args`] is the grammar, this module runs one command, [`print`] lays out
//! text for a person. Every other format is written by the library
//! (`serde_json`, [`crate::export`]), the same as the HTTP API writes it.

mod args;
mod print;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use citater_indexer::Residence;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::Parser;

use crate::context::shown;
use crate::error::{echo, Error};
use crate::export::{self, Format, Layout};
use crate::outline::outlines;
use crate::render::terminal::Marks;
use crate::search::matrix::matrix;
use crate::search::{Engine, Hit, SearchRequest};

use args::{
    CiteArgs, Cli, Command, ExportArgs, FacetsArgs, MatrixArgs, MatrixFormat, OutlineArgs,
    SearchArgs, SearchFormat, ShowArgs, SimilarArgs, TextOrJson,
};

/// Runs the command line and returns the exit code: 0 on success (also
/// when the reader of the output stopped early), 2 for what the user can
/// fix, 1 otherwise.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return refuse(&e),
    };
    match run(cli) {
        Ok(()) => 0,
        // `citater export | head`: the reader has all it wanted.
        Err(Error::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("citater: {e}");
            e.exit_code()
        }
    }
}

/// Prints what clap found (help, the version, or why the arguments cannot
/// be read) and returns the exit code. A value outside a closed choice is
/// said in one sentence like every other usage error; clap's own message
/// spans several lines.
fn refuse(e: &clap::Error) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            0
        }
        ErrorKind::InvalidValue => {
            match invalid_value(e) {
                Some(sentence) => eprintln!("citater: {sentence}"),
                None => {
                    let _ = e.print();
                }
            }
            2
        }
        _ => {
            let _ = e.print();
            2
        }
    }
}

/// "Ukendt værdi »xml« for --format; kendte værdier: text, json, csv,
/// md.", from the parts clap keeps in the error's context.
fn invalid_value(e: &clap::Error) -> Option<String> {
    let (Some(ContextValue::String(arg)), Some(ContextValue::String(value))) = (
        e.get(ContextKind::InvalidArg),
        e.get(ContextKind::InvalidValue),
    ) else {
        return None;
    };
    let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue) else {
        return None;
    };
    // clap names the argument with its placeholder ("--format <FORMAT>");
    // the flag alone is what the user typed.
    let flag = arg.split(' ').next().unwrap_or(arg);
    Some(format!(
        "Ukendt værdi »{}« for {flag}; kendte værdier: {}.",
        echo(value),
        valid.join(", ")
    ))
}

/// Where the corpus and the index are.
struct Locations {
    corpus: PathBuf,
    index: PathBuf,
}

/// The corpus and index directories: as given, else `./corpus` and
/// `./index`, else those of the checkout the binary was built from.
fn locations(cli: &Cli) -> Locations {
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let pick = |given: &Option<PathBuf>, name: &str| {
        given.clone().unwrap_or_else(|| {
            let here = PathBuf::from(name);
            if here.exists() || !built.join(name).exists() {
                here
            } else {
                built.join(name)
            }
        })
    };
    Locations {
        corpus: pick(&cli.corpus, "corpus"),
        index: pick(&cli.index, "index"),
    }
}

/// What the index build reports as it goes, on stderr.
fn progress(message: &str) {
    eprintln!("citater: {message}");
}

/// The engine over the index, which is built first when missing or stale.
///
/// The engine is never dropped: a command ends right after its one use,
/// and unmapping the index and freeing its records one by one would cost
/// a small search's time again; the process's exit frees them at once.
fn open(at: &Locations) -> Result<&'static Engine, Error> {
    let engine = Engine::open(&at.index, &at.corpus, Residence::OnDisk, &mut |m| {
        progress(m)
    })?;
    Ok(Box::leak(Box::new(engine)))
}

/// Runs one command.
fn run(cli: Cli) -> Result<(), Error> {
    let at = locations(&cli);
    match cli.command {
        Command::Index => {
            let corpus = citater_indexer::Corpus::load(&at.corpus)?;
            citater_indexer::IndexStore::new(&at.index).build(&corpus, &mut |m| progress(m))?;
            Ok(())
        }
        #[cfg(feature = "http")]
        Command::Serve(serve) => crate::http::serve(&serve.addr, &at.index, &at.corpus),
        Command::Search(search) => to_stdout(|out| run_search(open(&at)?, search, out)),
        Command::Show(show) => to_stdout(|out| run_show(open(&at)?, show, out)),
        Command::Cite(cite) => to_stdout(|out| run_cite(open(&at)?, cite, out)),
        Command::Similar(similar) => to_stdout(|out| run_similar(open(&at)?, similar, out)),
        Command::Matrix(table) => to_stdout(|out| run_matrix(open(&at)?, table, out)),
        Command::Facets(facets) => to_stdout(|out| run_facets(open(&at)?, facets, out)),
        Command::Outline(outline) => to_stdout(|out| run_outline(open(&at)?, outline, out)),
        Command::Export(export) => {
            if Format::from(export.format).is_binary() && io::stdout().is_terminal() {
                return Err(Error::usage(
                    "En Word-fil hører ikke hjemme i terminalen; send den til en fil, \
                     f.eks. citater export --format docx … > citater.docx.",
                ));
            }
            to_stdout(|out| run_export(open(&at)?, export, out))
        }
    }
}

/// Runs a command that prints, on stdout locked once and buffered (not a
/// write a line), flushed at the end, so a failed last write is reported
/// too.
fn to_stdout(
    command: impl FnOnce(&mut io::BufWriter<io::StdoutLock<'static>>) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    command(&mut out)?;
    out.flush()?;
    Ok(())
}

/// `citater search`: one page of hits, and for a person the facet counts.
fn run_search(engine: &Engine, args: SearchArgs, out: &mut impl Write) -> Result<(), Error> {
    let request = SearchRequest {
        filters: engine.filters(&args.filters.pairs())?,
        query: args.query,
        limit: args.limit,
        offset: args.offset,
    };
    let response = engine.search(&request)?;
    match args.format {
        SearchFormat::Json => json(out, &response)?,
        SearchFormat::Text => {
            let colour = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let marks = if colour {
                Marks::Colour
            } else {
                Marks::Asterisks
            };
            let counts = (response.total, response.related_total);
            print::read(out, &request.query, &response.read)?;
            print::hits(out, &response.hits, counts, &request, Some(marks))?;
            print::facets(out, &response.facets)?;
        }
        SearchFormat::Csv => export_hits(engine, &response.hits, Format::Csv, out)?,
        SearchFormat::Md => export_hits(engine, &response.hits, Format::Markdown, out)?,
    }
    Ok(())
}

/// A page of hits written as the export writes quotes.
fn export_hits(
    engine: &Engine,
    hits: &[Hit<'_>],
    format: Format,
    out: &mut impl Write,
) -> io::Result<()> {
    let quotes: Vec<_> = hits.iter().map(|h| h.quote.quote).collect();
    export::write(out, &quotes, format, engine.citations())
}

/// `citater show`: the quote with its citation and, if asked for, the
/// booklet lines around it.
fn run_show(engine: &Engine, args: ShowArgs, out: &mut impl Write) -> Result<(), Error> {
    let shown = shown(engine, &args.id, args.context)?;
    match args.format {
        TextOrJson::Json => json(out, &shown)?,
        TextOrJson::Text => print::shown(out, &shown)?,
    }
    Ok(())
}

/// `citater cite`: the quote's citation in one style, ending in a newline.
fn run_cite(engine: &Engine, args: CiteArgs, out: &mut impl Write) -> Result<(), Error> {
    let quote = engine.quote(&args.id)?.quote;
    let text = engine.citations().format(quote, args.style.into());
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// `citater similar`: the quotes most like one, unnumbered by relevance.
fn run_similar(engine: &Engine, args: SimilarArgs, out: &mut impl Write) -> Result<(), Error> {
    let similar = engine.similar(&args.id, args.limit)?;
    match args.format {
        TextOrJson::Json => json(out, &similar)?,
        TextOrJson::Text => {
            let hits = &similar.hits;
            let counts = (hits.len(), 0);
            print::hits(out, hits, counts, &SearchRequest::default(), None)?
        }
    }
    Ok(())
}

/// `citater matrix`: quotes counted per pair of values on two axes.
fn run_matrix(engine: &Engine, args: MatrixArgs, out: &mut impl Write) -> Result<(), Error> {
    let filters = engine.filters(&args.filters.pairs())?;
    let m = matrix(
        engine,
        args.rows.into(),
        args.cols.into(),
        &args.query,
        &filters,
    )?;
    match args.format {
        MatrixFormat::Json => json(out, &m)?,
        MatrixFormat::Csv => export::write_matrix_csv(out, &m)?,
        MatrixFormat::Text => print::matrix(out, &m)?,
    }
    Ok(())
}

/// `citater facets`: the counts over the whole corpus.
fn run_facets(engine: &Engine, args: FacetsArgs, out: &mut impl Write) -> Result<(), Error> {
    let facets = engine.corpus_facets();
    match args.format {
        TextOrJson::Json => json(out, &facets)?,
        TextOrJson::Text => print::facets(out, &facets)?,
    }
    Ok(())
}

/// `citater outline`: the booklets' heading trees.
fn run_outline(engine: &Engine, args: OutlineArgs, out: &mut impl Write) -> Result<(), Error> {
    let outlines = outlines(engine, args.publication.as_deref())?;
    match args.format {
        TextOrJson::Json => json(out, &outlines)?,
        TextOrJson::Text => print::outlines(out, &outlines)?,
    }
    Ok(())
}

/// `citater export`: the quotes named by `--ids` in their order, else every
/// quote under the query and filters.
fn run_export(engine: &Engine, args: ExportArgs, out: &mut impl Write) -> Result<(), Error> {
    let quotes = match &args.ids {
        Some(ids) => {
            if !args.query.is_empty() || !args.filters.is_empty() {
                return Err(Error::usage(
                    "--ids nævner selv citaterne; udelad søgningen og filtrene.",
                ));
            }
            let ids: Vec<&str> = ids
                .split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .collect();
            if ids.is_empty() {
                return Err(Error::usage(
                    "--ids kræver citaternes id'er adskilt af kommaer.",
                ));
            }
            ids.iter()
                .map(|id| engine.quote(id).map(|cited| cited.quote))
                .collect::<Result<Vec<_>, Error>>()?
        }
        None => {
            let filters = engine.filters(&args.filters.pairs())?;
            engine.selection(&args.query, &filters)?
        }
    };
    let layout = Layout::new(args.group.into(), engine.topics());
    export::write_laid_out(
        out,
        &quotes,
        args.format.into(),
        engine.citations(),
        &layout,
    )?;
    Ok(())
}

/// One JSON value on one line.
fn json(out: &mut impl Write, value: &impl serde::Serialize) -> Result<(), Error> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}
