//! The quote records of a generation, read when a search needs them.
//!
//! `quotes.jsonl` holds one quote per line in `ord` order, and
//! `quote-chunks.json` where each run of [`CHUNK`] quotes starts. The first
//! time a quote of a chunk is asked for, the chunk is read and its lines
//! found; a quote is decoded the first time it is asked for and kept. A
//! search shows ten quotes, so opening an index decodes none, a search
//! decodes the ten, and its cost does not grow with the collection.

use std::sync::OnceLock;

use crate::os_error;
use crate::quote::Quote;

use super::blob::Blob;

/// How many quotes' lines are found together: a few kilobytes of JSON,
/// about as much as one read brings in.
pub(crate) const CHUNK: usize = 32;

/// The quotes in `ord` order, each decoded when first asked for.
#[derive(Debug)]
pub struct QuoteStore {
    blob: Blob,
    /// The byte offset of each chunk's first line, then the file's length.
    starts: Vec<u64>,
    count: usize,
    chunks: Vec<OnceLock<Chunk>>,
}

/// A chunk whose lines have been found: where each starts (then where the
/// last ends), and each quote once decoded.
#[derive(Debug)]
struct Chunk {
    lines: Box<[u64]>,
    quotes: Box<[OnceLock<Quote>]>,
}

/// Why a quote could not be read: the file changed under a running
/// command, or does not hold what its chunk list says.
#[derive(Debug, Clone, thiserror::Error)]
#[error("Citat nr. {ord} kan ikke læses fra quotes.jsonl: {reason}")]
pub struct UnreadableQuote {
    /// The quote's position.
    pub ord: usize,
    /// What went wrong.
    pub reason: String,
}

impl QuoteStore {
    /// The file's bytes and chunk offsets for `quotes`.
    pub(crate) fn encode(quotes: &[Quote]) -> (Vec<u8>, Vec<u64>) {
        let mut bytes = Vec::new();
        let mut starts = Vec::with_capacity(quotes.len() / CHUNK + 2);
        for (ord, quote) in quotes.iter().enumerate() {
            if ord % CHUNK == 0 {
                starts.push(bytes.len() as u64);
            }
            serde_json::to_writer(&mut bytes, quote).expect("a quote serialises to JSON");
            bytes.push(b'\n');
        }
        starts.push(bytes.len() as u64);
        (bytes, starts)
    }

    /// The store over a file of `count` quotes chunked at `starts`; `Err`
    /// says how the two disagree.
    pub(crate) fn new(blob: Blob, starts: Vec<u64>, count: usize) -> Result<QuoteStore, String> {
        let chunks = count.div_ceil(CHUNK);
        if starts.len() != chunks + 1 || starts.windows(2).any(|w| w[0] > w[1]) {
            return Err(format!(
                "dens liste over blokke ({} positioner) passer ikke til {count} citater",
                starts.len()
            ));
        }
        Ok(QuoteStore {
            blob,
            starts,
            count,
            chunks: (0..chunks).map(|_| OnceLock::new()).collect(),
        })
    }

    /// How many quotes there are.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The quote at `ord`.
    ///
    /// # Panics
    /// When `ord` is not below [`QuoteStore::len`].
    pub fn get(&self, ord: usize) -> Result<&Quote, UnreadableQuote> {
        assert!(ord < self.count, "quote {ord} of {}", self.count);
        let unreadable = |reason| UnreadableQuote { ord, reason };
        let (chunk, line) = (ord / CHUNK, ord % CHUNK);
        if let Some(found) = self.chunks[chunk].get() {
            if let Some(quote) = found.quotes[line].get() {
                return Ok(quote);
            }
            let range = found.lines[line]..found.lines[line + 1];
            let bytes = self
                .blob
                .read(range)
                .map_err(|e| unreadable(os_error::reason(&e)))?;
            let quote = decode(&bytes).map_err(unreadable)?;
            return Ok(found.quotes[line].get_or_init(|| quote));
        }
        let (lines, quote) = self.find_lines(chunk, line).map_err(unreadable)?;
        let found = self.chunks[chunk].get_or_init(|| Chunk {
            quotes: lines.iter().skip(1).map(|_| OnceLock::new()).collect(),
            lines,
        });
        Ok(found.quotes[line].get_or_init(|| quote))
    }

    /// Every quote in `ord` order.
    pub fn iter(&self) -> impl Iterator<Item = Result<&Quote, UnreadableQuote>> {
        (0..self.count).map(|ord| self.get(ord))
    }

    /// Where the lines of `chunk` start, read whole, and its quote at
    /// `line` decoded.
    fn find_lines(&self, chunk: usize, line: usize) -> Result<(Box<[u64]>, Quote), String> {
        let start = self.starts[chunk];
        let bytes = self
            .blob
            .read(start..self.starts[chunk + 1])
            .map_err(|e| os_error::reason(&e))?;
        let mut lines = vec![start];
        lines.extend(newlines(&bytes).map(|i| start + i as u64 + 1));
        let expected = CHUNK.min(self.count - chunk * CHUNK);
        if lines.len() != expected + 1 || bytes.last() != Some(&b'\n') {
            return Err(format!(
                "dens blok {chunk} rummer {} citater, ikke {expected}",
                lines.len() - 1
            ));
        }
        let within = |i: usize| (lines[i] - start) as usize;
        let quote = decode(&bytes[within(line)..within(line + 1)])?;
        Ok((lines.into_boxed_slice(), quote))
    }
}

/// Where each newline of `bytes` is.
fn newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .map(|(i, _)| i)
}

/// One line of `quotes.jsonl` (with its newline).
fn decode(line: &[u8]) -> Result<Quote, String> {
    serde_json::from_slice(line).map_err(|e| format!("linjen er ikke et citat: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Level, PublicationRef, Source};

    fn quote(n: usize) -> Quote {
        Quote {
            id: format!("q{n}"),
            text: format!("Tillid nummer {n}."),
            publication: PublicationRef {
                id: "p".into(),
                title: "T".into(),
                short_title: "T".into(),
                year: None,
            },
            speaker: String::new(),
            role: "leder".into(),
            level: Level::Leder,
            theme: "Tema".into(),
            subtheme: None,
            topics: Vec::new(),
            source: Source {
                file: "corpus/p.txt".into(),
                line_start: n + 1,
                line_end: n + 1,
            },
            pullquote_only: false,
            pages: None,
        }
    }

    #[test]
    fn every_quote_reads_back_in_order() {
        for count in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5] {
            let quotes: Vec<Quote> = (0..count).map(quote).collect();
            let (bytes, starts) = QuoteStore::encode(&quotes);
            let store = QuoteStore::new(Blob::Memory(bytes), starts, count).unwrap();
            assert_eq!(store.len(), count);
            let read: Vec<Quote> = store.iter().map(|q| q.unwrap().clone()).collect();
            assert_eq!(read, quotes);
            // In any order.
            if count > 0 {
                assert_eq!(store.get(count - 1).unwrap(), &quotes[count - 1]);
            }
        }
    }

    #[test]
    fn a_chunk_list_that_does_not_fit_is_refused() {
        let quotes: Vec<Quote> = (0..40).map(quote).collect();
        let (bytes, starts) = QuoteStore::encode(&quotes);
        assert!(QuoteStore::new(Blob::Memory(bytes.clone()), starts.clone(), 100).is_err());
        let (_, short) = starts.split_last().unwrap();
        assert!(QuoteStore::new(Blob::Memory(bytes), short.to_vec(), 40).is_err());
    }

    #[test]
    fn a_file_short_of_its_chunks_is_an_error_not_a_panic() {
        let quotes: Vec<Quote> = (0..40).map(quote).collect();
        let (bytes, starts) = QuoteStore::encode(&quotes);
        let cut = bytes[..bytes.len() - 10].to_vec();
        let store = QuoteStore::new(Blob::Memory(cut), starts, 40).unwrap();
        assert!(store.get(0).is_ok());
        assert!(store.get(39).is_err());
    }
}
