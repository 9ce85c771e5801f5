//! Answers kept in memory: the JSON of a search (or a matrix) that was
//! asked before, served again without searching. The page repeats its
//! searches (paging back, the matrix beside the hits) and many users type
//! the same words, while the search itself is most of what a request costs.
//!
//! An answer is kept under its `Key`: the index generation that made it,
//! the endpoint and the request's parameters in one fixed order, so the
//! same request written another way finds it and an answer of another
//! generation is never served. The cache holds at most a number of bytes
//! (answers, keys and a little overhead each), dropping the least recently
//! used answers first; it is emptied when a new generation is swapped in
//! (`AppState::swap`), and only successful answers are kept.
//!
//! A client that takes gzip (every browser) is answered from the gzipped
//! bytes, kept under a key of their own: compressing an answer of 15 kB
//! costs as much as searching it again, and the gzipped ones are a quarter
//! of the size.

use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::Mutex;

use axum::body::Bytes;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use flate2::write::GzEncoder;
use flate2::Compression;
use lru::LruCache;

use crate::search::filters::Facet;

/// The bytes kept when `CITATER_CACHE_MB` does not say otherwise.
pub(crate) const DEFAULT_BYTES: usize = 8 * 1024 * 1024;
/// Overrides `DEFAULT_BYTES` (mebibytes; 0 keeps nothing).
const BYTES_VAR: &str = "CITATER_CACHE_MB";
/// What an entry costs beyond its key and answer: the list links, the hash
/// table slot, the `Bytes` handle.
const ENTRY_OVERHEAD: usize = 96;
/// The largest share of the cache one answer may take, so that one very
/// long answer cannot push out every other.
const MAX_SHARE: usize = 8;

/// Which answer: the generation, the endpoint and the parameters, in the
/// order the endpoint lists them. Built with `Key::new` and `param`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Key(String);

impl Key {
    /// The key of a request to `endpoint` answered by `generation`.
    pub(crate) fn new(generation: &str, endpoint: &str) -> Key {
        let mut key = Key(String::with_capacity(64));
        key.push(generation);
        key.push(endpoint);
        key
    }

    /// Adds a parameter's values, in the order given; the caller adds the
    /// parameters in one fixed order.
    pub(crate) fn param<S: AsRef<str>>(mut self, name: &str, values: &[S]) -> Key {
        self.push(name);
        let _ = write!(self.0, "{}:", values.len());
        for value in values {
            self.push(value.as_ref());
        }
        self
    }

    /// The key of the same answer in `encoding`.
    pub(crate) fn encoded(self, encoding: Encoding) -> Key {
        self.param("encoding", &[encoding.name()])
    }

    /// Adds the five filters as `params::filters` reads them, in
    /// `Facet::ALL`'s order, each without its empty values (which filter
    /// nothing).
    pub(crate) fn filters(self, chosen: [&[String]; 5]) -> Key {
        Facet::ALL
            .into_iter()
            .zip(chosen)
            .fold(self, |key, (facet, values)| {
                let values: Vec<&str> = values
                    .iter()
                    .map(String::as_str)
                    .filter(|v| !v.is_empty())
                    .collect();
                key.param(facet.as_str(), &values)
            })
    }

    /// Adds one field, prefixed by its length so that no two different
    /// lists of fields make the same key.
    fn push(&mut self, field: &str) {
        let _ = write!(self.0, "{}:{field}", field.len());
    }

    fn size(&self) -> usize {
        self.0.len()
    }
}

/// How the client takes an answer: gzipped when its `Accept-Encoding`
/// names gzip with a weight above 0, as `tower_http`'s compression reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Identity,
    Gzip,
}

impl Encoding {
    /// The encoding the `Accept-Encoding` values ask for.
    pub(crate) fn accepted<'a>(values: impl IntoIterator<Item = &'a [u8]>) -> Encoding {
        let gzip = values
            .into_iter()
            .filter_map(|value| std::str::from_utf8(value).ok())
            .flat_map(|value| value.split(','))
            .any(|item| {
                let mut parts = item.split(';');
                let name = parts.next().unwrap_or("").trim();
                let weight = match parts.next().map(str::trim) {
                    None => Some(1.0),
                    Some(q) => q
                        .strip_prefix("q=")
                        .or_else(|| q.strip_prefix("Q="))
                        .and_then(|w| w.parse::<f32>().ok()),
                };
                (name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip"))
                    && weight.is_some_and(|w| w > 0.0 && w <= 1.0)
            });
        if gzip {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    /// The name of the key's variant.
    fn name(self) -> &'static str {
        match self {
            Encoding::Identity => "identity",
            Encoding::Gzip => "gzip",
        }
    }

    /// `body` in this encoding.
    pub(crate) fn encode(self, body: Bytes) -> std::io::Result<Bytes> {
        match self {
            Encoding::Identity => Ok(body),
            Encoding::Gzip => {
                let mut gzip =
                    GzEncoder::new(Vec::with_capacity(body.len() / 3), Compression::default());
                gzip.write_all(&body)?;
                Ok(Bytes::from(gzip.finish()?))
            }
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Encoding {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let values = parts.headers.get_all(header::ACCEPT_ENCODING);
        Ok(Encoding::accepted(values.iter().map(|v| v.as_bytes())))
    }
}

/// The answers kept, at most `capacity` bytes of them.
pub(crate) struct Answers {
    capacity: usize,
    kept: Mutex<Kept>,
}

struct Kept {
    answers: LruCache<Key, Bytes>,
    bytes: usize,
}

impl Answers {
    /// A cache of at most `capacity` bytes; 0 keeps nothing.
    pub(crate) fn new(capacity: usize) -> Answers {
        Answers {
            capacity,
            kept: Mutex::new(Kept {
                answers: LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    /// A cache of the size the environment asks for (`CITATER_CACHE_MB`),
    /// or `DEFAULT_BYTES`.
    pub(crate) fn for_this_process() -> Answers {
        let capacity = std::env::var(BYTES_VAR)
            .ok()
            .and_then(|mb| mb.trim().parse::<usize>().ok())
            .map(|mb| mb.saturating_mul(1024 * 1024))
            .unwrap_or(DEFAULT_BYTES);
        Answers::new(capacity)
    }

    /// The answer kept under `key`, now the most recently used.
    pub(crate) fn get(&self, key: &Key) -> Option<Bytes> {
        if self.capacity == 0 {
            return None;
        }
        self.lock().answers.get(key).cloned()
    }

    /// Keeps `answer` under `key`, dropping the least recently used answers
    /// until the bound holds; an answer too large for its share is not kept.
    pub(crate) fn insert(&self, key: Key, answer: Bytes) {
        let size = cost(&key, &answer);
        if size > self.capacity / MAX_SHARE {
            return;
        }
        let mut kept = self.lock();
        if let Some(old) = kept.answers.pop(&key) {
            kept.bytes -= cost(&key, &old);
        }
        while kept.bytes + size > self.capacity {
            let Some((k, v)) = kept.answers.pop_lru() else {
                break;
            };
            kept.bytes -= cost(&k, &v);
        }
        kept.bytes += size;
        kept.answers.put(key, answer);
    }

    /// Forgets every answer.
    pub(crate) fn clear(&self) {
        let mut kept = self.lock();
        kept.answers.clear();
        kept.bytes = 0;
    }

    /// How many bytes the answers kept count for, and how many there are.
    #[cfg(test)]
    pub(crate) fn usage(&self) -> (usize, usize) {
        let kept = self.lock();
        (kept.bytes, kept.answers.len())
    }

    /// The answers; a panic elsewhere while holding the lock leaves them
    /// consistent (every change above is completed before it can panic), so
    /// a poisoned lock is taken over.
    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What an entry counts for against the bound.
fn cost(key: &Key, answer: &Bytes) -> usize {
    key.size() + answer.len() + ENTRY_OVERHEAD
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(q: &str) -> Key {
        Key::new("gen-1", "search").param("q", &[q])
    }

    #[test]
    fn keys_tell_apart_what_the_parameters_tell_apart() {
        let a = Key::new("g", "search")
            .param("q", &["a:b"])
            .param("level", &["c"]);
        let b = Key::new("g", "search")
            .param("q", &["a"])
            .param("level", &["b:c"]);
        assert_ne!(a, b);
        let split = Key::new("g", "search").param("level", &["a", "b"]);
        let joined = Key::new("g", "search").param("level", &["a,b"]);
        assert_ne!(split, joined);
        assert_ne!(
            key("tillid"),
            Key::new("gen-2", "search").param("q", &["tillid"])
        );
        assert_eq!(key("tillid"), key("tillid"));
    }

    #[test]
    fn gzip_is_taken_when_named_with_a_weight_above_zero() {
        let taken = |values: &[&str]| Encoding::accepted(values.iter().map(|v| v.as_bytes()));
        for gzip in [
            &["gzip"][..],
            &["gzip, deflate, br, zstd"],
            &["br;q=1.0, GZIP;q=0.5"],
            &["deflate", "x-gzip"],
        ] {
            assert_eq!(taken(gzip), Encoding::Gzip, "{gzip:?}");
        }
        for identity in [
            &[][..],
            &[""],
            &["br, deflate"],
            &["gzip;q=0"],
            &["gzip;q=NaN, *;q=-1, br;q=99999999999"],
            &["gzip;q=2"],
            &["gzipped"],
        ] {
            assert_eq!(taken(identity), Encoding::Identity, "{identity:?}");
        }
    }

    #[test]
    fn gzip_gives_the_bytes_back() {
        let body = Bytes::from("{\"q\":\"tillid\"}".repeat(100));
        let gzipped = Encoding::Gzip.encode(body.clone()).unwrap();
        assert!(gzipped.len() < body.len() / 4);
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzipped[..]), &mut back)
            .unwrap();
        assert_eq!(back, body);
        assert_eq!(Encoding::Identity.encode(body.clone()).unwrap(), body);
    }

    #[test]
    fn an_answer_is_kept_until_cleared() {
        let answers = Answers::new(1 << 20);
        assert_eq!(answers.get(&key("tillid")), None);
        answers.insert(key("tillid"), Bytes::from_static(b"{\"total\":1}"));
        assert_eq!(
            answers.get(&key("tillid")).as_deref(),
            Some(&b"{\"total\":1}"[..])
        );
        assert_eq!(answers.get(&key("ledelse")), None);
        answers.clear();
        assert_eq!(answers.get(&key("tillid")), None);
        assert_eq!(answers.usage(), (0, 0));
    }

    #[test]
    fn the_bound_holds_dropping_the_least_recently_used() {
        let answer = Bytes::from(vec![b'x'; 1000]);
        let one = cost(&key("w00"), &answer);
        let answers = Answers::new(10 * one);
        for i in 0..10 {
            answers.insert(key(&format!("w{i:02}")), answer.clone());
        }
        assert_eq!(answers.usage(), (10 * one, 10));
        // w00 used again: w01 is now the least recently used.
        assert!(answers.get(&key("w00")).is_some());
        answers.insert(key("w10"), answer.clone());
        assert_eq!(answers.usage(), (10 * one, 10));
        assert!(answers.get(&key("w00")).is_some());
        assert!(answers.get(&key("w01")).is_none());
        for i in 11..100 {
            answers.insert(key(&format!("w{i:02}")), answer.clone());
            assert!(answers.usage().0 <= 10 * one);
        }
        // The same key again replaces its answer, counted once.
        answers.insert(key("w99"), answer.clone());
        assert_eq!(answers.usage(), (10 * one, 10));
    }

    #[test]
    fn an_answer_too_large_for_its_share_is_not_kept() {
        let answers = Answers::new(8 * 1024);
        answers.insert(key("small"), Bytes::from(vec![b'x'; 100]));
        answers.insert(key("large"), Bytes::from(vec![b'x'; 2 * 1024]));
        assert!(answers.get(&key("small")).is_some());
        assert!(answers.get(&key("large")).is_none());
        let none = Answers::new(0);
        none.insert(key("small"), Bytes::from(vec![b'x'; 10]));
        assert!(none.get(&key("small")).is_none());
        assert_eq!(none.usage(), (0, 0));
    }
}
