//! The command line: a thin layer over the library.

use std::path::PathBuf;

use citater_indexer::Corpus;

pub fn main() -> i32 {
    let corpus = std::env::var("CITATER_CORPUS").unwrap_or_else(|_| "corpus".into());
    let corpus = match Corpus::load(&PathBuf::from(corpus)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("citater: {e}");
            return 1;
        }
    };
    let quotes = match corpus.quotes() {
        Ok(q) => q,
        Err(e) => {
            eprintln!("citater: {e}");
            return 1;
        }
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    if let Err(e) = crate::export::write_jsonl(&mut lock, &quotes) {
        eprintln!("citater: {e}");
        return 1;
    }
    0
}
