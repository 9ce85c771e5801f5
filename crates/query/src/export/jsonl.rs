//! JSON lines: one object per quote with every contract field and the
//! one-line citation, for scripts and the extraction score.

use std::io::{self, Write};

use citater_indexer::Quote;

use crate::cite::Citations;
use crate::search::CitedQuote;

/// One JSON object per line, every contract field with the citation.
pub(crate) fn write(
    out: &mut impl Write,
    quotes: &[&Quote],
    citations: &Citations,
) -> io::Result<()> {
    for q in quotes {
        let cited = CitedQuote {
            quote: q,
            citation: citations.citation_field(q),
        };
        serde_json::to_writer(&mut *out, &cited)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
