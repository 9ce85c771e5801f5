//! Stat stamps: proof that files were checked, so they need not be read
//! again to be trusted.
//!
//! Checking a generation whole (every file against its fingerprint) and a
//! corpus by content means reading every byte, which at a few hundred
//! thousand quotes is most of what a search costs. So, as git's index does,
//! a check records what each file's metadata was when its content was found
//! right (size, inode, modification and change times): while the metadata
//! is the same, so is the content. Any write to a file moves its change
//! time, which no program can set back, and a replaced file has another
//! inode.
//!
//! Timestamps are coarse (a clock tick, seconds on some file systems), so a
//! file changed in the same tick as it was checked could keep its metadata.
//! As in git, a stamp vouches only for files last changed at least
//! [`RACY_MARGIN`] before the check; a younger file is read again next time,
//! and the stamp that check writes vouches for it once it has aged.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// How much older than its check a file must be for the check's stamp to
/// vouch for it.
const RACY_MARGIN: Duration = Duration::from_secs(2);

/// What a file's metadata says about its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileStat {
    len: u64,
    inode: u64,
    /// Modification time, nanoseconds since the epoch.
    modified: i128,
    /// Status change time, which any write moves, nanoseconds since the
    /// epoch.
    changed: i128,
}

impl FileStat {
    /// The file's metadata now; `None` when it cannot be read (or off Unix,
    /// where there is no change time to trust).
    pub(crate) fn of(path: &Path) -> Option<FileStat> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = fs::metadata(path).ok()?;
            let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
            Some(FileStat {
                len: m.len(),
                inode: m.ino(),
                modified: ns(m.mtime(), m.mtime_nsec()),
                changed: ns(m.ctime(), m.ctime_nsec()),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }
}

/// The metadata of files whose content was found right at `checked`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    /// When the files' metadata was read, before their content was.
    checked: i128,
    /// What the stamp is about (the corpus directory it was checked in).
    about: String,
    /// Each file by name, as it was.
    files: BTreeMap<String, FileStat>,
}

impl Stamp {
    /// The metadata of `names` in `dir` now, to be kept (with
    /// [`Stamp::write`]) once their content is found right. `None` when a
    /// file's metadata cannot be read.
    pub(crate) fn take<'a>(
        dir: &Path,
        about: &str,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Option<Stamp> {
        let checked = now();
        let files = names
            .into_iter()
            .map(|name| Some((name.to_string(), FileStat::of(&dir.join(name))?)))
            .collect::<Option<BTreeMap<_, _>>>()?;
        Some(Stamp {
            checked,
            about: about.to_string(),
            files,
        })
    }

    /// Whether the stamp at `path` vouches for `now`: the same files, about
    /// the same thing, each with the metadata it had and last changed well
    /// before the stamp's check.
    pub(crate) fn vouches_for(path: &Path, now: &Stamp) -> bool {
        let Some(kept) = fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Stamp>(&b).ok())
        else {
            return false;
        };
        let margin = RACY_MARGIN.as_nanos() as i128;
        kept.about == now.about
            && kept.files == now.files
            && kept
                .files
                .values()
                .all(|f| f.changed.max(f.modified) + margin < kept.checked)
    }

    /// Keeps the stamp at `path`, best effort: a directory that cannot be
    /// written only means the files are read again next time. Written to a
    /// temporary file and renamed, so a reader never sees half a stamp.
    pub(crate) fn write(&self, path: &Path) {
        let Some(name) = path.file_name() else {
            return;
        };
        let tmp = path.with_file_name(format!(
            "{}.tmp-{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        let bytes = serde_json::to_vec(self).expect("a stamp serialises");
        if fs::write(&tmp, bytes)
            .and_then(|()| fs::rename(&tmp, path))
            .is_err()
        {
            let _ = fs::remove_file(&tmp);
        }
    }
}

fn now() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn aged(stamp: &mut Stamp) {
        stamp.checked += RACY_MARGIN.as_nanos() as i128 * 2;
    }

    #[test]
    fn a_stamp_vouches_for_files_unchanged_since() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a"), "tillid").unwrap();
        let path = dir.path().join("stamp.json");
        let mut stamp = Stamp::take(dir.path(), "x", ["a"]).unwrap();
        // Checked in the same tick as the file was written: not yet.
        stamp.write(&path);
        assert!(!Stamp::vouches_for(&path, &stamp));
        aged(&mut stamp);
        stamp.write(&path);
        let again = Stamp::take(dir.path(), "x", ["a"]).unwrap();
        assert!(Stamp::vouches_for(&path, &again));
        let elsewhere = Stamp::take(dir.path(), "y", ["a"]).unwrap();
        assert!(!Stamp::vouches_for(&path, &elsewhere));
    }

    #[test]
    fn any_write_voids_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a");
        fs::write(&file, "tillid").unwrap();
        let path = dir.path().join("stamp.json");
        let mut stamp = Stamp::take(dir.path(), "x", ["a"]).unwrap();
        aged(&mut stamp);
        stamp.write(&path);
        // The same length, the modification time set back: the change
        // time still moves.
        let modified = fs::metadata(&file).unwrap().modified().unwrap();
        std::thread::sleep(Duration::from_millis(20));
        fs::write(&file, "tilLid").unwrap();
        fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let now = Stamp::take(dir.path(), "x", ["a"]).unwrap();
        assert!(!Stamp::vouches_for(&path, &now));
        fs::remove_file(&file).unwrap();
        assert!(Stamp::take(dir.path(), "x", ["a"]).is_none());
        fs::write(dir.path().join("stamp.json"), "garbage").unwrap();
        assert!(!Stamp::vouches_for(&path, &stamp));
    }
}
