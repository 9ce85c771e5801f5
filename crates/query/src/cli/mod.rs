//! The command line: a thin layer that reads arguments, asks the library
//! and prints. Text output is for a person at a terminal (wrapped, matches
//! highlighted when it is a terminal); `json`, `csv` and `md` are for
//! scripts, spreadsheets and reports.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use crate::cite::Style;
use crate::context::context;
use crate::error::Error;
use crate::export::{self, Format};
use crate::render::terminal::{self, Marks};
use crate::search::filters::{Facet, Filters};
use crate::search::matched::marked_spans;
use crate::search::matrix::matrix;
use crate::search::{Engine, Facets, Hit, SearchRequest};

const EXAMPLES: &str = "\
Examples:
  citater search tillid --publication den-politiske-tango
  citater search '\"politisk tæft\"' --level direktør --format md
  citater search 'ledelse* -medier' --limit 20 --format json
  citater show pas-paa-trinet-jeg-bruger-70-pct-af-min --context 5
  citater cite pas-paa-trinet-jeg-bruger-70-pct-af-min --style ris
  citater matrix --rows theme --cols level tillid
  citater export --format csv --level chef > citater.csv
  citater serve --addr 127.0.0.1:7878";

/// Search the interview quotes of Væksthus for Ledelse's booklets on public
/// leadership, and cite them.
#[derive(Debug, Parser)]
#[command(name = "citater", version, after_help = EXAMPLES)]
struct Cli {
    /// Where the search index lives (built automatically when missing or
    /// older than the corpus).
    #[arg(long, global = true, env = "CITATER_INDEX", value_name = "DIR")]
    index: Option<PathBuf>,
    /// Where the booklets and their metadata live.
    #[arg(long, global = true, env = "CITATER_CORPUS", value_name = "DIR")]
    corpus: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the index from the corpus now (otherwise it builds when needed).
    Index,
    /// Search quotes; an empty query lists every quote under the filters.
    #[command(
        after_help = "Query syntax: words (any may match, more matches rank higher), \"a phrase\", \
                            a AND b, NOT a or -a, prefix*, (groups). Danish letters may be typed as oe, ae, aa."
    )]
    Search {
        /// What to search for.
        #[arg(default_value = "", allow_hyphen_values = true)]
        query: String,
        #[command(flatten)]
        filters: FilterArgs,
        /// How many hits to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// How many hits to skip (for the next page).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// text, json, csv or md.
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// Show one quote, optionally with the booklet text around it.
    Show {
        id: String,
        /// Lines of booklet text to show before and after the quote.
        #[arg(long, default_value_t = 0)]
        context: usize,
        /// text or json.
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// Print the citation of a quote.
    Cite {
        id: String,
        /// apa, ris, bibtex or csl-json.
        #[arg(long, default_value = "apa")]
        style: String,
    },
    /// Show the quotes most like one quote.
    Similar {
        id: String,
        #[arg(long, default_value_t = 5)]
        limit: usize,
        /// text or json.
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// Count quotes per combination of two axes (level, role, theme, publication).
    Matrix {
        /// The axis down the side.
        #[arg(long)]
        rows: String,
        /// The axis across the top.
        #[arg(long)]
        cols: String,
        /// Only quotes matching this query.
        #[arg(default_value = "", allow_hyphen_values = true)]
        query: String,
        #[command(flatten)]
        filters: FilterArgs,
        /// text, json or csv.
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// Count quotes per level, role, theme and publication.
    Facets {
        /// text or json.
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// Print every quote (under the filters), with all fields.
    Export {
        /// Only quotes matching this query.
        #[arg(default_value = "", allow_hyphen_values = true)]
        query: String,
        #[command(flatten)]
        filters: FilterArgs,
        /// jsonl or csv (csv opens in Danish Excel with æøå intact).
        #[arg(long, default_value = "jsonl")]
        format: String,
    },
    /// Serve the search page and the JSON API.
    #[cfg(feature = "http")]
    Serve {
        /// Address to listen on; keep 127.0.0.1 unless others should reach it.
        #[arg(long, default_value = "127.0.0.1:7878")]
        addr: String,
    },
}

/// The filters shared by search, matrix and export. Repeating one ORs its
/// values; different ones AND.
#[derive(Debug, Args)]
struct FilterArgs {
    /// leder, chef, strategisk chef, direktør, politiker or ukendt.
    #[arg(long)]
    level: Vec<String>,
    /// A speaker role, e.g. skoleleder or borgmester.
    #[arg(long)]
    role: Vec<String>,
    /// A chapter heading, e.g. "At blive leder".
    #[arg(long)]
    theme: Vec<String>,
    /// A publication id, e.g. pas-paa-trinet.
    #[arg(long)]
    publication: Vec<String>,
}

impl FilterArgs {
    fn pairs(&self) -> Vec<(Facet, String)> {
        let mut pairs = Vec::new();
        for (facet, values) in [
            (Facet::Level, &self.level),
            (Facet::Role, &self.role),
            (Facet::Theme, &self.theme),
            (Facet::Publication, &self.publication),
        ] {
            pairs.extend(values.iter().map(|v| (facet, v.clone())));
        }
        pairs
    }
}

/// Runs the command line and returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 2,
            };
        }
    };
    match run(cli) {
        Ok(()) => 0,
        Err(Error::Output(m)) if m.contains("Broken pipe") => 0,
        Err(e) => {
            eprintln!("citater: {e}");
            e.exit_code()
        }
    }
}

/// The corpus and index directories: as given, else `./corpus` and
/// `./index`, else those of the checkout the binary was built from.
fn locations(cli: &Cli) -> (PathBuf, PathBuf) {
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
    (pick(&cli.corpus, "corpus"), pick(&cli.index, "index"))
}

fn progress(message: &str) {
    eprintln!("citater: {message}");
}

fn run(cli: Cli) -> Result<(), Error> {
    let (corpus_dir, index_dir) = locations(&cli);
    if let Command::Index = cli.command {
        let corpus = citater_indexer::Corpus::load(&corpus_dir)?;
        citater_indexer::IndexStore::new(&index_dir).build(&corpus, &mut |m| progress(m))?;
        return Ok(());
    }
    #[cfg(feature = "http")]
    if let Command::Serve { addr } = &cli.command {
        return crate::http::serve(addr, &index_dir, &corpus_dir);
    }
    let engine = Engine::open(&index_dir, &corpus_dir, &mut |m| progress(m))?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Index => unreachable!("handled above"),
        #[cfg(feature = "http")]
        Command::Serve { .. } => unreachable!("handled above"),
        Command::Search {
            query,
            filters,
            limit,
            offset,
            format,
        } => {
            let filters = engine.filters(&filters.pairs())?;
            let format = OutputFormat::parse(&format, &["text", "json", "csv", "md"])?;
            let request = SearchRequest {
                query,
                filters,
                limit,
                offset,
            };
            let response = engine.search(&request)?;
            match format {
                OutputFormat::Json => print_json(&mut out, &response)?,
                OutputFormat::Text => {
                    let marks = if color {
                        Marks::Colour
                    } else {
                        Marks::Asterisks
                    };
                    print_search_text(
                        &mut out,
                        &response.hits,
                        response.total,
                        &request,
                        Some(marks),
                    )?;
                    print_facets_text(&mut out, &response.facets)?;
                }
                OutputFormat::Export(f) => {
                    let quotes: Vec<_> = response.hits.iter().map(|h| h.quote.quote).collect();
                    export::write(&mut out, &quotes, f, engine.citations())?;
                }
            }
        }
        Command::Show {
            id,
            context: n,
            format,
        } => {
            let format = OutputFormat::parse(&format, &["text", "json"])?;
            let cited = engine.quote(&id)?;
            let ctx = if n > 0 {
                Some(context(&corpus_dir, cited.quote, n)?)
            } else {
                None
            };
            match format {
                OutputFormat::Json => {
                    print_json(
                        &mut out,
                        &crate::context::Shown {
                            quote: cited,
                            context: ctx,
                        },
                    )?;
                }
                _ => {
                    let q = cited.quote;
                    writeln!(
                        out,
                        "{}",
                        terminal::paragraph(&q.text, &[], 0, terminal_width(), Marks::Asterisks)
                    )?;
                    writeln!(out, "\n{}", byline(q))?;
                    writeln!(out, "{}", cited.citation)?;
                    if let Some(ctx) = ctx {
                        writeln!(out, "\n{}", ctx.headings.join(" › "))?;
                        for line in &ctx.lines {
                            let mark = if line.in_quote { "▌" } else { " " };
                            writeln!(out, "{:>5} {mark} {}", line.no, line.text)?;
                        }
                    }
                }
            }
        }
        Command::Cite { id, style } => {
            let style: Style = style
                .parse()
                .map_err(|e: crate::cite::UnknownStyle| Error::usage(e.to_string()))?;
            let q = engine.quote(&id)?.quote;
            let text = engine.citations().format(q, style);
            out.write_all(text.as_bytes())?;
            if !text.ends_with('\n') {
                out.write_all(b"\n")?;
            }
        }
        Command::Similar { id, limit, format } => {
            let format = OutputFormat::parse(&format, &["text", "json"])?;
            let hits = engine.similar(&id, limit)?;
            match format {
                OutputFormat::Json => {
                    print_json(&mut out, &serde_json::json!({ "id": id, "hits": hits }))?;
                }
                _ => {
                    let request = SearchRequest::default();
                    print_search_text(&mut out, &hits, hits.len(), &request, None)?;
                }
            }
        }
        Command::Matrix {
            rows,
            cols,
            query,
            filters,
            format,
        } => {
            let filters = engine.filters(&filters.pairs())?;
            let format = OutputFormat::parse(&format, &["text", "json", "csv"])?;
            let m = matrix(&engine, rows.parse()?, cols.parse()?, &query, &filters)?;
            match format {
                OutputFormat::Json => print_json(&mut out, &m)?,
                OutputFormat::Export(_) => export::write_matrix_csv(&mut out, &m)?,
                OutputFormat::Text => print_matrix_text(&mut out, &m)?,
            }
        }
        Command::Facets { format } => {
            let format = OutputFormat::parse(&format, &["text", "json"])?;
            let facets = engine.corpus_facets();
            match format {
                OutputFormat::Json => print_json(&mut out, &facets)?,
                _ => print_facets_text(&mut out, &facets)?,
            }
        }
        Command::Export {
            query,
            filters,
            format,
        } => {
            let filters: Filters = engine.filters(&filters.pairs())?;
            let format = Format::parse(&format, &["jsonl", "csv"])?;
            let quotes = engine.selection(&query, &filters)?;
            export::write(&mut out, &quotes, format, engine.citations())?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The output formats of the reading commands.
enum OutputFormat {
    Text,
    Json,
    Export(Format),
}

impl OutputFormat {
    fn parse(name: &str, allowed: &[&str]) -> Result<OutputFormat, Error> {
        let lower = name.to_lowercase();
        if !allowed.contains(&lower.as_str()) {
            return Err(Error::usage(format!(
                "unknown format '{name}'; valid formats are: {}",
                allowed.join(", ")
            )));
        }
        Ok(match lower.as_str() {
            "text" => OutputFormat::Text,
            "json" => OutputFormat::Json,
            other => OutputFormat::Export(Format::parse(other, allowed)?),
        })
    }
}

fn print_json(out: &mut impl Write, value: &impl serde::Serialize) -> Result<(), Error> {
    serde_json::to_writer(&mut *out, value).map_err(|e| Error::Output(e.to_string()))?;
    out.write_all(b"\n")?;
    Ok(())
}

fn terminal_width() -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(80)
        .clamp(40, 120)
}

/// A hit's quote wrapped under its number, its matches marked.
fn paragraph(q: &citater_indexer::Quote, hit: &Hit<'_>, marks: Option<Marks>) -> String {
    let (spans, marks) = match marks {
        Some(marks) => (marked_spans(&hit.matched), marks),
        None => (Vec::new(), Marks::Asterisks),
    };
    terminal::paragraph(&q.text, &spans, 5, terminal_width(), marks)
}

/// Who said it, at what level, where: the line under a quote.
fn byline(q: &citater_indexer::Quote) -> String {
    let year = q
        .publication
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "u.å.".into());
    let speaker = if q.speaker.is_empty() {
        "uden navngiven taler"
    } else {
        &q.speaker
    };
    let mut place = q.theme.clone();
    if let Some(sub) = &q.subtheme {
        place.push_str(" › ");
        place.push_str(sub);
    }
    format!(
        "— {speaker} ({}, niveau: {}) · {} ({year}) · {place}",
        q.role, q.level, q.publication.title
    )
}

/// Hits for a person: each quote wrapped with its matches marked (unless
/// `marks` is `None`), its byline and id.
fn print_search_text(
    out: &mut impl Write,
    hits: &[Hit<'_>],
    total: usize,
    request: &SearchRequest,
    marks: Option<Marks>,
) -> Result<(), Error> {
    let noun = if total == 1 { "citat" } else { "citater" };
    if request.query.trim().is_empty() {
        writeln!(out, "{total} {noun}")?;
    } else {
        writeln!(out, "{total} {noun} for «{}»", request.query)?;
    }
    for (i, hit) in hits.iter().enumerate() {
        let q = hit.quote.quote;
        writeln!(
            out,
            "\n{:>3}. {}",
            request.offset + i + 1,
            paragraph(q, hit, marks).trim_start()
        )?;
        writeln!(out, "     {}", byline(q))?;
        writeln!(out, "     id: {}", q.id)?;
    }
    if total > request.offset + hits.len() && !hits.is_empty() {
        writeln!(
            out,
            "\n… {} flere; se dem med --offset {}",
            total - request.offset - hits.len(),
            request.offset + hits.len()
        )?;
    }
    Ok(())
}

fn print_facets_text(out: &mut impl Write, facets: &Facets) -> Result<(), Error> {
    let labels = [
        (Facet::Level, "Niveau"),
        (Facet::Role, "Rolle"),
        (Facet::Theme, "Tema"),
        (Facet::Publication, "Publikation"),
    ];
    writeln!(out)?;
    for (facet, label) in labels {
        let counts: Vec<String> = facets
            .get(facet)
            .iter()
            .map(|(v, n)| format!("{v} ({n})"))
            .collect();
        writeln!(out, "{label}: {}", counts.join(" · "))?;
    }
    Ok(())
}

fn print_matrix_text(out: &mut impl Write, m: &crate::search::matrix::Matrix) -> Result<(), Error> {
    let first = m
        .row_keys
        .iter()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, 48);
    let widths: Vec<usize> = m
        .col_keys
        .iter()
        .map(|k| k.chars().count().max(5))
        .collect();
    let cut = |s: &str, w: usize| -> String {
        if s.chars().count() <= w {
            format!("{s:<w$}")
        } else {
            format!("{}…", s.chars().take(w - 1).collect::<String>())
        }
    };
    write!(out, "{}", cut(&format!("{} \\ {}", m.rows, m.cols), first))?;
    for (k, w) in m.col_keys.iter().zip(&widths) {
        write!(out, "  {k:>w$}")?;
    }
    writeln!(out, "  {:>5}", "i alt")?;
    for (r, key) in m.row_keys.iter().enumerate() {
        write!(out, "{}", cut(key, first))?;
        for (c, w) in widths.iter().enumerate() {
            write!(out, "  {:>w$}", m.counts[r][c])?;
        }
        writeln!(out, "  {:>5}", m.row_totals[r])?;
    }
    write!(out, "{}", cut("i alt", first))?;
    for (t, w) in m.col_totals.iter().zip(&widths) {
        write!(out, "  {t:>w$}")?;
    }
    writeln!(out, "  {:>5}", m.total)?;
    Ok(())
}
