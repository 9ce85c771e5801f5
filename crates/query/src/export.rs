//! Export formats for whole selections of quotes.

use std::io::{self, Write};

use citater_indexer::Quote;

/// One JSON object per line, every contract field.
pub fn write_jsonl(out: &mut impl Write, quotes: &[Quote]) -> io::Result<()> {
    for q in quotes {
        serde_json::to_writer(&mut *out, q)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
