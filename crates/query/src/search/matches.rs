//! Every match of a query, unordered, with what decides its rank: a search
//! shows a page and counts the rest, so it takes its best few by selection
//! (linear in the matches) and sorts only those, never all of them.

use std::cmp::Ordering;

use super::matched::Searched;

/// One quote a query found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// The quote's position.
    pub ord: usize,
    /// Its score, comparable only within one search.
    pub score: f32,
    /// Whether its own words, headings or topics answer the query (and it
    /// is counted), or only its surroundings do (a related hit).
    pub counted: bool,
    /// For a one-word query, whether it says the word itself (in any
    /// inflection or spelling), which ranks it before compounds and
    /// synonyms.
    pub says: bool,
}

impl Match {
    /// Rank order: counted before related, then quotes saying the word
    /// before the rest, then by score, ties in reading order.
    fn rank(a: &Match, b: &Match) -> Ordering {
        b.counted
            .cmp(&a.counted)
            .then(b.says.cmp(&a.says))
            .then(b.score.total_cmp(&a.score))
            .then(a.ord.cmp(&b.ord))
    }
}

/// Every quote a query finds, in no order, with what it searched for.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// Every match.
    pub found: Vec<Match>,
    /// What the query searched for, word by word.
    pub searched: Searched,
    /// The query as the engine read it, in the query language.
    pub read: String,
}

impl Matches {
    /// The counted matches, in no order.
    pub fn counted(&self) -> impl Iterator<Item = &Match> {
        self.found.iter().filter(|m| m.counted)
    }

    /// The matches `keep` admits, in rank order, from the `skip`th on, at
    /// most `take`: only the first `skip + take` are put in order.
    pub fn best(&self, skip: usize, take: usize, keep: impl Fn(&Match) -> bool) -> Vec<Match> {
        let kept = self.found.iter().filter(|m| keep(m)).copied();
        first(kept, skip.saturating_add(take), Match::rank)
            .into_iter()
            .skip(skip)
            .collect()
    }
}

/// The best `k` of `(ord, score)` pairs by score, ties in reading order,
/// best first.
pub(super) fn best_scored(scored: &[(usize, f32)], k: usize) -> Vec<(usize, f32)> {
    first(scored.iter().copied(), k, |a, b| {
        b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
    })
}

/// The first `k` of `items` in `order`, in order: a buffer of at most
/// `2k` is cut back to its best `k` whenever it fills, so taking a page
/// of a hundred thousand matches costs one pass and no large allocation.
fn first<T>(
    items: impl IntoIterator<Item = T>,
    k: usize,
    order: impl Fn(&T, &T) -> Ordering,
) -> Vec<T> {
    if k == 0 {
        return Vec::new();
    }
    let full = k.saturating_mul(2);
    let mut kept = Vec::new();
    let cut = |kept: &mut Vec<T>| {
        if kept.len() > k {
            kept.select_nth_unstable_by(k - 1, &order);
            kept.truncate(k);
        }
    };
    for item in items {
        kept.push(item);
        if kept.len() >= full {
            cut(&mut kept);
        }
    }
    cut(&mut kept);
    kept.sort_unstable_by(&order);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(ord: usize, score: f32, counted: bool, says: bool) -> Match {
        Match {
            ord,
            score,
            counted,
            says,
        }
    }

    #[test]
    fn the_best_are_taken_in_rank_order() {
        let matches = Matches {
            found: vec![
                m(0, 1.0, false, false),
                m(1, 0.5, true, false),
                m(2, 0.9, true, true),
                m(3, 2.0, true, false),
                m(4, 2.0, true, false),
                m(5, 0.1, true, true),
            ],
            searched: Searched::default(),
            read: String::new(),
        };
        let ords = |v: Vec<Match>| v.iter().map(|m| m.ord).collect::<Vec<_>>();
        assert_eq!(ords(matches.best(0, 10, |_| true)), [2, 5, 3, 4, 1, 0]);
        assert_eq!(ords(matches.best(1, 2, |_| true)), [5, 3]);
        assert_eq!(ords(matches.best(0, 0, |_| true)), [] as [usize; 0]);
        assert_eq!(ords(matches.best(4, usize::MAX, |_| true)), [1, 0]);
        assert_eq!(ords(matches.best(0, 3, |m| m.ord % 2 == 0)), [2, 4, 0]);
        assert_eq!(matches.counted().count(), 5);
    }

    #[test]
    fn the_best_scored_tie_in_reading_order() {
        let scored = [(3, 1.0), (1, 2.0), (2, 1.0), (0, 0.5)];
        assert_eq!(best_scored(&scored, 3), [(1, 2.0), (2, 1.0), (3, 1.0)]);
        assert_eq!(best_scored(&scored, 9).len(), 4);
        // More than twice as many as asked for: cut back on the way.
        let many: Vec<(usize, f32)> = (0..1000).map(|i| (i, (i % 97) as f32)).collect();
        let best = best_scored(&many, 3);
        assert_eq!(best, [(96, 96.0), (193, 96.0), (290, 96.0)]);
    }
}
