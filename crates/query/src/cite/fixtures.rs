//! Test fixtures for the citation formats: quotes from a dated booklet, an
//! undated one, a second undated one by the same author and one full of
//! markup characters, and strict readers that parse RIS and BibTeX back.

use std::collections::BTreeMap;
use std::path::Path;

use biblatex::{Bibliography, ChunksExt, RawBibliography, RawChunk};
use citater_indexer::{Corpus, Imprint, Level, Pages, Publication, PublicationRef, Quote, Source};

use super::Citations;

/// Every publication of the project's corpus.
pub(crate) fn publications() -> Vec<Imprint> {
    Corpus::load(&corpus_dir())
        .expect("the corpus loads")
        .publications
        .iter()
        .map(Publication::imprint)
        .collect()
}

/// The project's own corpus, two folders above this crate.
pub(crate) fn corpus_dir() -> std::path::PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus")).to_path_buf()
}

/// Citations over the corpus's publications.
pub(crate) fn citations() -> Citations {
    Citations::new(&publications())
}

fn quote(
    publication_id: &str,
    id: &str,
    text: &str,
    speaker: &str,
    level: Level,
    theme: &str,
    pages: Option<(u32, u32)>,
) -> Quote {
    let publication = publications()
        .into_iter()
        .find(|p| p.id == publication_id)
        .map(|p| PublicationRef {
            title: p.full_title(),
            short_title: p.title,
            id: p.id,
            year: p.year,
        })
        .expect("a known publication");
    Quote {
        id: id.into(),
        text: text.into(),
        publication,
        speaker: speaker.into(),
        role: level.as_str().into(),
        level,
        theme: theme.into(),
        subtheme: None,
        topics: vec!["politik-og-administration".into()],
        source: Source {
            file: format!("corpus/{publication_id}.txt"),
            line_start: 1,
            line_end: 2,
        },
        pullquote_only: false,
        pages: pages.map(|(first, last)| Pages { first, last }),
    }
}

/// A quote from the dated booklet, with the page span of its chapter.
pub(crate) fn tango() -> Quote {
    quote(
        "den-politiske-tango",
        "den-politiske-tango-helt-overordnet-saa-passer-vi-hver",
        "Helt overordnet, så passer vi hver vores butik. Det er to forskellige verdner, \
         der bare skal leve side om side i nogenlunde harmoni.",
        "én politiker",
        Level::Politiker,
        "Den politiske livsledsager",
        Some((6, 9)),
    )
}

/// A quote from an undated booklet, without pages.
pub(crate) fn trinet() -> Quote {
    quote(
        "pas-paa-trinet",
        "pas-paa-trinet-jeg-bruger-70-pct-af-min",
        "Jeg bruger 70 pct. af min tid på personaleledelse, og det har overrasket mig. \
         Jeg havde ikke overvejet, hvor meget personaleledelse fylder. Men måske fylder \
         det mindre nu, end det gjorde i starten",
        "en kommunal leder",
        Level::Leder,
        "At blive leder",
        None,
    )
}

/// An undated booklet by the same author as `trinet`.
pub(crate) fn mellem() -> Quote {
    quote(
        "mellem-chef-og-direktoer",
        "mellem-chef-og-direktoer-hvis-chefer-opfoerer-sig-som-en",
        "Hvis chefer opfører sig som en slags “tillidsrepræsentanter” for deres ledere \
         og medarbejdere, bliver det problematisk",
        "en direktør",
        Level::Direktor,
        "At opbygge den fundamentale gensidige tillid",
        None,
    )
}

/// Text holding every character BibTeX or LaTeX reads as markup.
pub(crate) fn awkward() -> Quote {
    quote(
        "kaere-chef-kaere-ledere",
        "kaere-chef-kaere-ledere-vi-bruger-100-af-tiden",
        r#"Vi bruger 100 % af tiden på {drift} & "udvikling" – se #3_a, $5, C:\mappe, ~2 ^.}"#,
        "",
        Level::Ukendt,
        "",
        Some((12, 12)),
    )
}

/// A RIS record: its tag-value pairs in order.
pub(crate) type RisRecord = Vec<(String, String)>;

/// Reads RIS strictly: every line `XX  - value`, records open with `TY`
/// and close with an empty `ER`, only blank lines between records, LF
/// line ends and a final newline. Hand-written because the RIS crates read
/// leniently into their own models; Zotero's own reader runs on the output
/// in `tests/refcheck.rs`.
pub(crate) fn read_ris(text: &str) -> Result<Vec<RisRecord>, String> {
    if !text.ends_with('\n') {
        return Err("no final newline".into());
    }
    if text.contains('\r') {
        return Err("a CR in an LF file".into());
    }
    let mut records = Vec::new();
    let mut open: Option<RisRecord> = None;
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() {
            if open.is_some() {
                return Err(format!("line {}: blank line inside a record", n + 1));
            }
            continue;
        }
        let tag = line
            .get(..2)
            .filter(|t| {
                let b = t.as_bytes();
                b[0].is_ascii_uppercase() && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
            })
            .ok_or_else(|| format!("line {}: no tag: {line}", n + 1))?;
        if line.get(2..6) != Some("  - ") {
            return Err(format!("line {}: no '  - ' after the tag: {line}", n + 1));
        }
        let value = &line[6..];
        match tag {
            "TY" if open.is_some() => return Err(format!("line {}: TY inside a record", n + 1)),
            "TY" => open = Some(vec![(tag.into(), value.into())]),
            "ER" if !value.is_empty() => return Err(format!("line {}: ER with a value", n + 1)),
            "ER" => records.push(
                open.take()
                    .ok_or(format!("line {}: ER outside a record", n + 1))?,
            ),
            _ => open
                .as_mut()
                .ok_or(format!("line {}: {tag} outside a record", n + 1))?
                .push((tag.into(), value.into())),
        }
    }
    match open {
        Some(_) => Err("a record without ER".into()),
        None => Ok(records),
    }
}

/// The values of one tag in a record, in order.
pub(crate) fn ris_values<'r>(record: &'r RisRecord, tag: &str) -> Vec<&'r str> {
    record
        .iter()
        .filter(|(t, _)| t == tag)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// A BibTeX entry as read back.
pub(crate) struct BibEntry {
    pub(crate) kind: String,
    pub(crate) key: String,
    /// Each field as written between its braces.
    pub(crate) fields: BTreeMap<String, String>,
    /// Each field as a reader sees it, escapes undone.
    pub(crate) decoded: BTreeMap<String, String>,
}

/// Reads BibTeX with the `biblatex` crate, more strictly than it does:
/// every value brace-delimited, no field twice, and braces that balance
/// as BibTeX counts them (a backslash does not shield a brace).
pub(crate) fn read_bibtex(text: &str) -> Result<Vec<BibEntry>, String> {
    let raw = RawBibliography::parse(text).map_err(|e| format!("{e:?}"))?;
    let decoded = Bibliography::parse(text).map_err(|e| format!("{e:?}"))?;
    if decoded.len() != raw.entries.len() {
        return Err(format!(
            "{} entries read raw, {} decoded",
            raw.entries.len(),
            decoded.len()
        ));
    }
    let mut entries = Vec::new();
    for (entry, read) in raw.entries.iter().zip(decoded.iter()) {
        let entry = &entry.v;
        let key = entry.key.v.to_string();
        if key.is_empty() || read.key != key {
            return Err(format!("an entry without its key at {:?}", entry.key.span));
        }
        let mut fields = BTreeMap::new();
        for pair in &entry.fields {
            let name = pair.key.v.to_string();
            let value = match pair.value.v.as_slice() {
                [chunk] if text[..chunk.span.start].ends_with('{') => match chunk.v {
                    RawChunk::Normal(value) => value,
                    RawChunk::Abbreviation(_) => return Err(format!("{name} is not braced")),
                },
                _ => return Err(format!("{name} is not one braced value")),
            };
            if !balanced(value) {
                return Err(format!("unbalanced braces in {name}"));
            }
            if fields.insert(name.clone(), value.to_string()).is_some() {
                return Err(format!("{name} twice in {key}"));
            }
        }
        let decoded = read
            .fields
            .iter()
            .map(|(name, chunks)| (name.clone(), chunks.format_verbatim()))
            .collect();
        entries.push(BibEntry {
            kind: entry.kind.v.to_string(),
            key,
            fields,
            decoded,
        });
    }
    Ok(entries)
}

fn balanced(value: &str) -> bool {
    let mut depth = 0i32;
    for c in value.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}
