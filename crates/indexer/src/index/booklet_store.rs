//! The booklets' texts as a generation keeps them, for showing a quote in
//! its context: `booklets.txt` holds them one after another and
//! `booklets.json` where each starts, how long it is and its fingerprint.
//! A booklet is read and split into lines the first time a quote of it is
//! shown, and checked against its fingerprint on the way.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::fingerprint;
use crate::os_error;

use super::blob::Blob;

/// Where one booklet's text stands in `booklets.txt`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// The path its quotes cite (`Source::file`).
    file: String,
    start: u64,
    len: u64,
    fingerprint: String,
}

/// Each booklet's lines, read when first asked for.
#[derive(Debug)]
pub(crate) struct BookletStore {
    blob: Blob,
    entries: HashMap<String, (Entry, OnceLock<Vec<String>>)>,
}

impl BookletStore {
    /// `booklets.txt` and `booklets.json` for the texts, by cited path.
    pub(crate) fn encode<'a>(
        texts: impl IntoIterator<Item = (String, &'a str)>,
    ) -> (Vec<u8>, Vec<u8>) {
        let mut bytes = Vec::new();
        let mut entries = Vec::new();
        for (file, text) in texts {
            entries.push(Entry {
                file,
                start: bytes.len() as u64,
                len: text.len() as u64,
                fingerprint: fingerprint::of(text.as_bytes()),
            });
            bytes.extend_from_slice(text.as_bytes());
        }
        let index = serde_json::to_vec(&entries).expect("entries serialise");
        (bytes, index)
    }

    /// The store over `blob` with the entries `index` (`booklets.json`)
    /// lists.
    pub(crate) fn new(blob: Blob, index: &[u8]) -> Result<BookletStore, String> {
        let entries: Vec<Entry> = serde_json::from_slice(index)
            .map_err(|e| format!("booklets.json kan ikke læses: {e}"))?;
        Ok(BookletStore {
            blob,
            entries: entries
                .into_iter()
                .map(|e| (e.file.clone(), (e, OnceLock::new())))
                .collect(),
        })
    }

    /// The lines of the booklet quotes cite as `file`, split at `\n` only
    /// (line N, 1-based as `Source` counts, is index N-1); `Ok(None)` for a
    /// file the generation does not hold, `Err` when its text cannot be read
    /// whole.
    pub(crate) fn lines(&self, file: &str) -> Result<Option<&[String]>, String> {
        let Some((entry, lines)) = self.entries.get(file) else {
            return Ok(None);
        };
        if let Some(lines) = lines.get() {
            return Ok(Some(lines));
        }
        let bytes = self
            .blob
            .read(entry.start..entry.start + entry.len)
            .map_err(|e| format!("booklets.txt kan ikke læses: {}", os_error::reason(&e)))?;
        if fingerprint::of(&bytes) != entry.fingerprint {
            return Err(format!("booklets.txt er beskadiget, hvor {file} står"));
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("booklets.txt er ikke gyldig UTF-8, hvor {file} står"))?;
        let read = text.split('\n').map(String::from).collect();
        Ok(Some(lines.get_or_init(|| read)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_booklet_reads_back_by_its_path() {
        let texts = [
            ("corpus/a.txt".to_string(), "en\nto"),
            ("corpus/b.txt".to_string(), "tre"),
        ];
        let (bytes, index) = BookletStore::encode(texts);
        let store = BookletStore::new(Blob::Memory(bytes.clone()), &index).unwrap();
        assert_eq!(store.lines("corpus/a.txt").unwrap().unwrap(), ["en", "to"]);
        assert_eq!(store.lines("corpus/b.txt").unwrap().unwrap(), ["tre"]);
        assert_eq!(store.lines("corpus/c.txt").unwrap(), None);
        let mut damaged = bytes;
        damaged[0] = b'E';
        let store = BookletStore::new(Blob::Memory(damaged), &index).unwrap();
        assert!(store.lines("corpus/a.txt").is_err());
        assert!(store.lines("corpus/b.txt").is_ok());
    }
}
