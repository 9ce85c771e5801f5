//! Content fingerprints: what a file holds, as 32 hex digits, so that a
//! generation knows exactly which corpus it was built from (staleness by
//! content, not by timestamp) and each of its own files can be checked
//! whole when it is loaded.
//!
//! xxh3-128 rather than a cryptographic hash: fingerprints guard against
//! change and damage (an edited booklet, a truncated file), not against a
//! forged file, and xxh3 reads a booklet in microseconds.

/// The fingerprint of `bytes`.
pub(crate) fn of(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_changed_byte_changes_the_fingerprint() {
        assert_eq!(super::of(b"tillid").len(), 32);
        assert_eq!(super::of(b"tillid"), super::of(b"tillid"));
        assert_ne!(super::of(b"tillid"), super::of(b"tilLid"));
        assert_ne!(super::of(b""), super::of(b"\n"));
    }
}
