//! The synonyms of a generation as a sorted table searched where it lies:
//! `synonyms.tsv` holds a line for each stem, in byte order, with the stems
//! of its synonyms after it, all separated by tabs. A lookup is a binary
//! search over the lines, so opening an index parses no map (the table is
//! the same size at any size of collection, but every search opens it).

use std::cmp::Ordering;

use crate::thesaurus::Synonyms;

/// For a stem, the stems of its synonyms the quotes say.
#[derive(Debug, Clone, Default)]
pub struct SynonymTable {
    text: String,
    /// Where each line starts.
    starts: Vec<u32>,
}

impl SynonymTable {
    /// `synonyms.tsv` for `synonyms`, whose keys are in byte order already.
    pub(crate) fn encode(synonyms: &Synonyms) -> Vec<u8> {
        let mut text = String::new();
        for (stem, others) in synonyms {
            text.push_str(stem);
            for other in others {
                text.push('\t');
                text.push_str(other);
            }
            text.push('\n');
        }
        text.into_bytes()
    }

    /// The table in `bytes`; `Err` when it is not text in order.
    pub(crate) fn new(bytes: Vec<u8>) -> Result<SynonymTable, String> {
        let text = String::from_utf8(bytes)
            .map_err(|_| "synonyms.tsv er ikke gyldig UTF-8".to_string())?;
        let mut starts = vec![0];
        starts.extend(
            text.match_indices('\n')
                .map(|(i, _)| i as u32 + 1)
                .filter(|&i| (i as usize) < text.len()),
        );
        if text.is_empty() {
            starts.clear();
        }
        let table = SynonymTable { text, starts };
        let keys: Vec<&str> = (0..table.starts.len()).map(|i| table.key(i)).collect();
        if keys.windows(2).any(|w| w[0] >= w[1]) {
            return Err("synonyms.tsv er ikke sorteret".into());
        }
        Ok(table)
    }

    fn line(&self, i: usize) -> &str {
        let start = self.starts[i] as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&e| e as usize);
        self.text[start..end].trim_end_matches('\n')
    }

    fn key(&self, i: usize) -> &str {
        self.line(i).split('\t').next().unwrap_or("")
    }

    /// The stems of the synonyms of `stem`; none for a stem without any.
    pub fn get(&self, stem: &str) -> Vec<&str> {
        let (mut low, mut high) = (0, self.starts.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.key(mid).cmp(stem) {
                Ordering::Less => low = mid + 1,
                Ordering::Greater => high = mid,
                Ordering::Equal => return self.line(mid).split('\t').skip(1).collect(),
            }
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stem_finds_its_synonyms() {
        let mut synonyms = Synonyms::new();
        synonyms.insert("alen".into(), vec!["ensom".into(), "isoler".into()]);
        synonyms.insert("ensom".into(), vec!["alen".into()]);
        synonyms.insert("tillid".into(), vec!["tiltro".into()]);
        let table = SynonymTable::new(SynonymTable::encode(&synonyms)).unwrap();
        assert_eq!(table.get("alen"), ["ensom", "isoler"]);
        assert_eq!(table.get("tillid"), ["tiltro"]);
        assert!(table.get("ledels").is_empty());
        assert!(table.get("").is_empty());
        assert!(SynonymTable::new(Vec::new())
            .unwrap()
            .get("alen")
            .is_empty());
        assert!(SynonymTable::new(b"b\ta\na\tb\n".to_vec()).is_err());
    }
}
