//! The quote records of a generation, read when a search needs them.
//!
//! `quotes.jsonl` holds one quote per line in `ord` order, and
//! `quote-chunks.json` where each run of [`CHUNK`] quotes starts. A quote is
//! decoded with its chunk the first time it is asked for and kept: a search
//! shows ten quotes, so opening an index decodes none, and its cost does
//! not grow with the collection.

use std::sync::OnceLock;

use crate::quote::Quote;

use super::blob::Blob;

/// How many quotes are decoded together: a few kilobytes of JSON, about as
/// much as one read brings in.
pub(crate) const CHUNK: usize = 32;

/// The quotes in `ord` order, decoded a chunk at a time.
#[derive(Debug)]
pub struct QuoteStore {
    blob: Blob,
    /// The byte offset of each chunk's first line, then the file's length.
    starts: Vec<u64>,
    count: usize,
    chunks: Vec<OnceLock<Box<[Quote]>>>,
}

/// Why a quote could not be read: the file changed under a running
/// command, or does not hold what its chunk list says.
#[derive(Debug, Clone, thiserror::Error)]
#[error("quote {ord} cannot be read from quotes.jsonl: {reason}")]
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
                "its chunk list ({} offsets) does not fit {count} quotes",
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
        let chunk = ord / CHUNK;
        let quotes = match self.chunks[chunk].get() {
            Some(quotes) => quotes,
            None => {
                let decoded = self
                    .decode(chunk)
                    .map_err(|reason| UnreadableQuote { ord, reason })?;
                self.chunks[chunk].get_or_init(|| decoded)
            }
        };
        Ok(&quotes[ord % CHUNK])
    }

    /// Every quote in `ord` order.
    pub fn iter(&self) -> impl Iterator<Item = Result<&Quote, UnreadableQuote>> {
        (0..self.count).map(|ord| self.get(ord))
    }

    fn decode(&self, chunk: usize) -> Result<Box<[Quote]>, String> {
        let bytes = self
            .blob
            .read(self.starts[chunk]..self.starts[chunk + 1])
            .map_err(|e| e.to_string())?;
        let text = std::str::from_utf8(&bytes).map_err(|e| e.to_string())?;
        let quotes = text
            .lines()
            .map(serde_json::from_str)
            .collect::<Result<Vec<Quote>, _>>()
            .map_err(|e| e.to_string())?;
        let expected = CHUNK.min(self.count - chunk * CHUNK);
        if quotes.len() != expected {
            return Err(format!(
                "its chunk {chunk} holds {} quotes, not {expected}",
                quotes.len()
            ));
        }
        Ok(quotes.into_boxed_slice())
    }
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
