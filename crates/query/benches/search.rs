//! How long a search takes, end to end in the library: parsing, expansion,
//! matching, ranking, disjunctive facets and snippets, on the real corpus.
//! Run with `cargo bench -p citater-query`.

use std::path::Path;

use citater_indexer::{Corpus, IndexStore, Residence};
use citater_query::search::filters::Facet;
use citater_query::search::matrix::matrix;
use citater_query::search::{Engine, SearchRequest};
use criterion::{criterion_group, criterion_main, Criterion};

fn engine() -> (Engine, tempfile::TempDir) {
    let corpus_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let index_dir = tempfile::tempdir().expect("a temporary directory");
    let corpus = Corpus::load(&corpus_dir).expect("the corpus loads");
    IndexStore::new(index_dir.path())
        .build(&corpus, &mut |_| {})
        .expect("the index builds");
    // Held in memory, as the server holds it.
    let engine = Engine::open(
        index_dir.path(),
        &corpus_dir,
        Residence::Memory,
        &mut |_| {},
    )
    .expect("the index opens");
    (engine, index_dir)
}

fn bench(c: &mut Criterion) {
    let (engine, _dir) = engine();
    let request = |query: &str, filters: &[(Facet, &str)]| SearchRequest {
        query: query.to_string(),
        filters: engine
            .filters(
                &filters
                    .iter()
                    .map(|(f, v)| (*f, v.to_string()))
                    .collect::<Vec<_>>(),
            )
            .expect("valid filters"),
        limit: 10,
        offset: 0,
    };
    let cases = [
        ("word", request("tillid", &[])),
        (
            "word+filters",
            request(
                "tillid",
                &[
                    (Facet::Level, "direktør"),
                    (Facet::Publication, "den-politiske-tango"),
                ],
            ),
        ),
        (
            "three words",
            request("direktoer raadgiver politikerne", &[]),
        ),
        ("phrase", request("\"politisk tæft\"", &[])),
        ("typo", request("tilid", &[])),
        ("prefix", request("ledelses*", &[])),
        ("empty query", request("", &[(Facet::Level, "chef")])),
    ];
    for (name, req) in &cases {
        c.bench_function(&format!("search {name}"), |b| {
            b.iter(|| engine.search(req).expect("search runs"))
        });
    }
    let filters = request("", &[]).filters;
    c.bench_function("matrix theme × level", |b| {
        b.iter(|| {
            matrix(&engine, Facet::Theme, Facet::Level, "ledelse", &filters).expect("matrix runs")
        })
    });
    let id = engine.quote_at(0).expect("a quote").id.clone();
    c.bench_function("similar", |b| {
        b.iter(|| engine.similar(&id, 5).expect("similar runs"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
