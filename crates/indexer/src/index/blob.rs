//! A record file of a generation as the loaded index reads it: held in
//! memory, or read from disk a range at a time, as the [`Residence`] of the
//! index says.

use std::fs::File;
use std::io;
use std::ops::Range;

/// Where a loaded index keeps its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Residence {
    /// Every file read into memory when the index is opened: what a server
    /// wants, since nothing done to the files on disk afterwards (a rebuild
    /// deleting them, damage) can reach it. Opening reads every byte.
    Memory,
    /// The tantivy index memory-mapped and the records read a range at a
    /// time when a search needs them: what one command wants, since opening
    /// then costs nearly nothing whatever the index's size. A file held
    /// open survives its generation's deletion; a file damaged while the
    /// command runs may end it.
    OnDisk,
}

/// One record file's bytes.
#[derive(Debug)]
pub(crate) enum Blob {
    /// Read whole.
    Memory(Vec<u8>),
    /// Open, read by range.
    File(File),
}

impl Blob {
    /// The bytes in `range`; an error when the file no longer holds them.
    pub(crate) fn read(&self, range: Range<u64>) -> io::Result<Vec<u8>> {
        match self {
            Blob::Memory(bytes) => {
                let (start, end) = (to_index(range.start)?, to_index(range.end)?);
                bytes
                    .get(start..end)
                    .map(<[u8]>::to_vec)
                    .ok_or_else(|| io::ErrorKind::UnexpectedEof.into())
            }
            Blob::File(file) => {
                let mut bytes = vec![0; to_index(range.end.saturating_sub(range.start))?];
                read_exact_at(file, &mut bytes, range.start)?;
                Ok(bytes)
            }
        }
    }

    /// Every byte.
    pub(crate) fn read_all(&self) -> io::Result<Vec<u8>> {
        match self {
            Blob::Memory(bytes) => Ok(bytes.clone()),
            Blob::File(file) => self.read(0..file.metadata()?.len()),
        }
    }
}

fn to_index(n: u64) -> io::Result<usize> {
    usize::try_from(n).map_err(|_| io::ErrorKind::InvalidData.into())
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = file.try_clone()?;
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn both_kinds_read_the_same_ranges() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"tillid og sparring").unwrap();
        for blob in [
            Blob::Memory(b"tillid og sparring".to_vec()),
            Blob::File(file),
        ] {
            assert_eq!(blob.read(0..6).unwrap(), b"tillid");
            assert_eq!(blob.read(10..18).unwrap(), b"sparring");
            assert_eq!(blob.read_all().unwrap().len(), 18);
            let past = blob.read(10..19).unwrap_err();
            assert_eq!(past.kind(), io::ErrorKind::UnexpectedEof);
        }
    }
}
