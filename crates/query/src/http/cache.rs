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

use std::fmt::Write as _;
use std::sync::Mutex;

use axum::body::Bytes;
use lru::LruCache;

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

    /// Adds one field, prefixed by its length so that no two different
    /// lists of fields make the same key.
    fn push(&mut self, field: &str) {
        let _ = write!(self.0, "{}:{field}", field.len());
    }

    fn size(&self) -> usize {
        self.0.len()
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
