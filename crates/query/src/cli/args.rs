//! The command line's grammar: every command, flag and closed choice, as clap
//! derives them. Closed choices (formats, citation styles, matrix axes) are
//! `ValueEnum`s, so clap lists them in the help and rejects anything else;
//! open ones (filter values, queries, ids) are strings the library checks.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::cite::Style;
use crate::export::{Format, Group};
use crate::search::filters::Facet;

/// What `citater --help` ends with.
const EXAMPLES: &str = "\
Examples:
  citater search tillid --publication den-politiske-tango
  citater search '\"politisk tæft\"' --level direktør --format md
  citater search 'ledelse* -medier' --limit 20 --format json
  citater show pas-paa-trinet-jeg-bruger-70-pct-af-min --context 5
  citater cite pas-paa-trinet-jeg-bruger-70-pct-af-min --style ris
  citater matrix --rows theme --cols level tillid
  citater outline --publication den-politiske-tango
  citater export --format csv --level chef > citater.csv
  citater export --format docx --topic tillid --group theme > citater.docx
  citater serve --addr 127.0.0.1:7878";

/// What `citater search --help` ends with.
const QUERY_SYNTAX: &str = "Query syntax: words (any may match, more matches rank higher), \
    \"a phrase\", a AND b, NOT a or -a, prefix*, (groups). Danish letters may be typed as oe, \
    ae, aa.";

/// Search the interview quotes of Væksthus for Ledelse's booklets on public
/// leadership, and cite them.
#[derive(Debug, Parser)]
#[command(name = "citater", version, after_help = EXAMPLES)]
pub(crate) struct Cli {
    /// Where the search index lives (built automatically when missing or
    /// older than the corpus).
    #[arg(long, global = true, env = "CITATER_INDEX", value_name = "DIR")]
    pub(crate) index: Option<PathBuf>,
    /// Where the booklets and their metadata live.
    #[arg(long, global = true, env = "CITATER_CORPUS", value_name = "DIR")]
    pub(crate) corpus: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The commands, each with its own arguments.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the index from the corpus now (otherwise it builds when needed).
    Index,
    /// Search quotes; an empty query lists every quote under the filters.
    #[command(after_help = QUERY_SYNTAX)]
    Search(SearchArgs),
    /// Show one quote, optionally with the booklet text around it.
    Show(ShowArgs),
    /// Print the citation of a quote.
    Cite(CiteArgs),
    /// Show the quotes most like one quote.
    Similar(SimilarArgs),
    /// Count quotes per combination of two axes (level, role, theme, publication).
    Matrix(MatrixArgs),
    /// Count quotes per level, role, theme and publication.
    Facets(FacetsArgs),
    /// Show each booklet's headings (chapters and their sections) with the
    /// lines they stand on and the quotes under each.
    Outline(OutlineArgs),
    /// Write every quote under the filters, or the quotes named by --ids,
    /// as a file: data, citations or a Word report draft.
    Export(ExportArgs),
    /// Serve the search page and the JSON API.
    #[cfg(feature = "http")]
    Serve(ServeArgs),
}

/// `citater search`.
#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// What to search for.
    #[arg(default_value = "", allow_hyphen_values = true)]
    pub(crate) query: String,
    #[command(flatten)]
    pub(crate) filters: FilterArgs,
    /// How many hits to show.
    #[arg(long, default_value_t = 10)]
    pub(crate) limit: usize,
    /// How many hits to skip (for the next page).
    #[arg(long, default_value_t = 0)]
    pub(crate) offset: usize,
    /// How to print the hits.
    #[arg(long, value_enum, ignore_case = true, default_value_t = SearchFormat::Text)]
    pub(crate) format: SearchFormat,
}

/// `citater show`.
#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// The quote's id, as search lists it.
    pub(crate) id: String,
    /// Lines of booklet text to show before and after the quote.
    #[arg(long, default_value_t = 0)]
    pub(crate) context: usize,
    /// How to print the quote.
    #[arg(long, value_enum, ignore_case = true, default_value_t = TextOrJson::Text)]
    pub(crate) format: TextOrJson,
}

/// `citater cite`.
#[derive(Debug, Args)]
pub(crate) struct CiteArgs {
    /// The quote's id, as search lists it.
    pub(crate) id: String,
    /// The citation style.
    #[arg(long, value_enum, ignore_case = true, default_value_t = StyleArg::Apa)]
    pub(crate) style: StyleArg,
}

/// `citater similar`.
#[derive(Debug, Args)]
pub(crate) struct SimilarArgs {
    /// The quote's id, as search lists it.
    pub(crate) id: String,
    /// How many similar quotes to show.
    #[arg(long, default_value_t = 5)]
    pub(crate) limit: usize,
    /// How to print the quotes.
    #[arg(long, value_enum, ignore_case = true, default_value_t = TextOrJson::Text)]
    pub(crate) format: TextOrJson,
}

/// `citater matrix`.
#[derive(Debug, Args)]
pub(crate) struct MatrixArgs {
    /// The axis down the side.
    #[arg(long, value_enum, ignore_case = true)]
    pub(crate) rows: Axis,
    /// The axis across the top.
    #[arg(long, value_enum, ignore_case = true)]
    pub(crate) cols: Axis,
    /// Only quotes matching this query.
    #[arg(default_value = "", allow_hyphen_values = true)]
    pub(crate) query: String,
    #[command(flatten)]
    pub(crate) filters: FilterArgs,
    /// How to print the table.
    #[arg(long, value_enum, ignore_case = true, default_value_t = MatrixFormat::Text)]
    pub(crate) format: MatrixFormat,
}

/// `citater facets`.
#[derive(Debug, Args)]
pub(crate) struct FacetsArgs {
    /// How to print the counts.
    #[arg(long, value_enum, ignore_case = true, default_value_t = TextOrJson::Text)]
    pub(crate) format: TextOrJson,
}

/// `citater outline`.
#[derive(Debug, Args)]
pub(crate) struct OutlineArgs {
    /// Only this booklet's outline: a publication id, e.g. pas-paa-trinet.
    #[arg(long)]
    pub(crate) publication: Option<String>,
    /// How to print the outline.
    #[arg(long, value_enum, ignore_case = true, default_value_t = TextOrJson::Text)]
    pub(crate) format: TextOrJson,
}

/// `citater export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Only quotes matching this query.
    #[arg(default_value = "", allow_hyphen_values = true)]
    pub(crate) query: String,
    #[command(flatten)]
    pub(crate) filters: FilterArgs,
    /// How to write the quotes (csv opens in Danish Excel with æøå intact;
    /// docx is a Word file: redirect it to a file).
    #[arg(long, value_enum, ignore_case = true, default_value_t = ExportFormat::Jsonl)]
    pub(crate) format: ExportFormat,
    /// Only these quotes, in this order: ids separated by commas (not
    /// together with a query or filters).
    #[arg(long, value_name = "ID,ID,…")]
    pub(crate) ids: Option<String>,
    /// What the Word file's headings group the quotes by.
    #[arg(long, value_enum, ignore_case = true, default_value_t = GroupArg::Publication)]
    pub(crate) group: GroupArg,
}

/// `citater serve`.
#[cfg(feature = "http")]
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on; keep 127.0.0.1 unless others should reach it.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub(crate) addr: String,
}

/// The filters shared by search, matrix and export. Repeating one ORs its
/// values; different ones AND. Their values are open (the corpus decides
/// them), so the library checks them, not clap.
#[derive(Debug, Args)]
pub(crate) struct FilterArgs {
    /// leder, chef, strategisk chef, direktør, politiker or ukendt.
    #[arg(long)]
    level: Vec<String>,
    /// A speaker role, e.g. skoleleder or borgmester.
    #[arg(long)]
    role: Vec<String>,
    /// A chapter heading, e.g. "At blive leder".
    #[arg(long)]
    theme: Vec<String>,
    /// A topic across the booklets by id, e.g. tillid (see `citater facets`).
    #[arg(long)]
    topic: Vec<String>,
    /// A publication id, e.g. pas-paa-trinet.
    #[arg(long)]
    publication: Vec<String>,
}

impl FilterArgs {
    /// Whether any filter was given.
    pub(crate) fn is_empty(&self) -> bool {
        self.pairs().is_empty()
    }

    /// Every chosen value with its facet, as `Engine::filters` reads them.
    pub(crate) fn pairs(&self) -> Vec<(Facet, String)> {
        [
            (Facet::Level, &self.level),
            (Facet::Role, &self.role),
            (Facet::Theme, &self.theme),
            (Facet::Topic, &self.topic),
            (Facet::Publication, &self.publication),
        ]
        .into_iter()
        .flat_map(|(facet, values)| values.iter().map(move |v| (facet, v.clone())))
        .collect()
    }
}

// The variants' notes are comments, not docs: clap would turn docs into a
// long list under each flag, where `[possible values: …]` says enough.

/// The formats of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SearchFormat {
    // Wrapped for a person, matches marked, facet counts below.
    Text,
    // The search response as one JSON object.
    Json,
    // For Danish Excel, one row per hit.
    Csv,
    // Blockquotes with their citations, for a report.
    Md,
}

/// The formats of `show`, `similar`, `facets` and `outline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TextOrJson {
    // For a person at a terminal.
    Text,
    // One JSON object, for scripts.
    Json,
}

/// The formats of `matrix`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum MatrixFormat {
    // An aligned table with totals.
    Text,
    // The matrix as one JSON object.
    Json,
    // For Danish Excel.
    Csv,
}

/// The formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    // One JSON object per line, every field and the citation.
    Jsonl,
    // For Danish Excel: æøå intact, `;` between fields.
    Csv,
    // Blockquotes with their citations and the reference list.
    Md,
    // RIS, for Zotero and EndNote.
    Ris,
    // BibTeX, one entry per booklet.
    Bibtex,
    // CSL-JSON, for pandoc and other CSL processors.
    CslJson,
    // A Word report draft: block quotes under headings, then the references.
    Docx,
}

impl From<ExportFormat> for Format {
    fn from(format: ExportFormat) -> Format {
        match format {
            ExportFormat::Jsonl => Format::Jsonl,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Md => Format::Markdown,
            ExportFormat::Ris => Format::Citations(Style::Ris),
            ExportFormat::Bibtex => Format::Citations(Style::Bibtex),
            ExportFormat::CslJson => Format::Citations(Style::CslJson),
            ExportFormat::Docx => Format::Docx,
        }
    }
}

/// The groupings of `export --format docx`; the CLI's spelling of [`Group`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum GroupArg {
    // The quote's first topic.
    Topic,
    // The booklet chapter.
    Theme,
    // The booklet.
    Publication,
}

impl From<GroupArg> for Group {
    fn from(group: GroupArg) -> Group {
        match group {
            GroupArg::Topic => Group::Topic,
            GroupArg::Theme => Group::Theme,
            GroupArg::Publication => Group::Publication,
        }
    }
}

/// The citation styles of `cite`; the CLI's spelling of [`Style`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StyleArg {
    // APA 7 with Danish terms, as text to paste into a report.
    Apa,
    // RIS, for Zotero and EndNote.
    Ris,
    // BibTeX `@techreport`.
    Bibtex,
    // CSL-JSON, for pandoc and other CSL processors.
    CslJson,
}

impl From<StyleArg> for Style {
    fn from(style: StyleArg) -> Style {
        match style {
            StyleArg::Apa => Style::Apa,
            StyleArg::Ris => Style::Ris,
            StyleArg::Bibtex => Style::Bibtex,
            StyleArg::CslJson => Style::CslJson,
        }
    }
}

/// The axes of `matrix`; the CLI's spelling of [`Facet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Axis {
    // The leadership level.
    Level,
    // The speaker's role title.
    Role,
    // The chapter heading.
    Theme,
    // The topic across booklets.
    Topic,
    // The booklet.
    Publication,
}

impl From<Axis> for Facet {
    fn from(axis: Axis) -> Facet {
        match axis {
            Axis::Level => Facet::Level,
            Axis::Role => Facet::Role,
            Axis::Theme => Facet::Theme,
            Axis::Topic => Facet::Topic,
            Axis::Publication => Facet::Publication,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grammar_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn every_style_and_axis_has_the_name_the_library_reads() {
        for style in StyleArg::value_variants() {
            let name = style.to_possible_value().unwrap();
            assert_eq!(name.get_name(), Style::from(*style).as_str());
        }
        for group in GroupArg::value_variants() {
            let name = group.to_possible_value().unwrap();
            assert_eq!(name.get_name(), Group::from(*group).as_str());
        }
        for axis in Axis::value_variants() {
            let name = axis.to_possible_value().unwrap();
            assert_eq!(name.get_name(), Facet::from(*axis).as_str());
        }
    }

    #[test]
    fn closed_choices_ignore_case() {
        let cli = Cli::try_parse_from(["citater", "search", "tillid", "--format", "JSON"]).unwrap();
        let Command::Search(search) = cli.command else {
            panic!("parsed as another command: {cli:?}");
        };
        assert_eq!(search.format, SearchFormat::Json);
    }
}
