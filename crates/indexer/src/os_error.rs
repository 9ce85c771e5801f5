//! Operating-system errors as the indexer's messages say them: a short
//! Danish clause for the failures a user meets (a missing file, no access,
//! a full disk), the system's own words for anything rarer.

use std::io::{self, ErrorKind};

/// What went wrong, as the end of a Danish sentence ("… kan ikke læses:
/// filen eller mappen findes ikke").
pub(crate) fn reason(e: &io::Error) -> String {
    let said = match e.kind() {
        ErrorKind::NotFound => "filen eller mappen findes ikke",
        ErrorKind::PermissionDenied => "adgang nægtet",
        ErrorKind::StorageFull => "disken er fuld",
        ErrorKind::QuotaExceeded => "diskkvoten er brugt op",
        ErrorKind::FileTooLarge => "filen er for stor",
        ErrorKind::ReadOnlyFilesystem => "filsystemet er skrivebeskyttet",
        ErrorKind::NotADirectory => "en del af stien er ikke en mappe",
        ErrorKind::IsADirectory => "det er en mappe, ikke en fil",
        ErrorKind::AlreadyExists => "navnet er allerede i brug",
        ErrorKind::DirectoryNotEmpty => "mappen er ikke tom",
        ErrorKind::UnexpectedEof => "filen slutter for tidligt",
        ErrorKind::InvalidData if e.to_string().contains("UTF-8") => "teksten er ikke gyldig UTF-8",
        _ => return e.to_string(),
    };
    said.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_failures_are_said_in_danish() {
        let missing = io::Error::from(ErrorKind::NotFound);
        assert_eq!(reason(&missing), "filen eller mappen findes ikke");
        let full = io::Error::from_raw_os_error(28);
        if full.kind() == ErrorKind::StorageFull {
            assert_eq!(reason(&full), "disken er fuld");
        }
        let utf8 = std::fs::read_to_string(file_with(b"\xff\xfe")).unwrap_err();
        assert_eq!(reason(&utf8), "teksten er ikke gyldig UTF-8");
        assert_eq!(reason(&io::Error::other("noget andet")), "noget andet");
    }

    fn file_with(bytes: &[u8]) -> tempfile::TempPath {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, bytes).unwrap();
        file.into_temp_path()
    }
}
