//! Journal search over 100 000 entries (plain store). Run: `cargo bench -p pop-core --bench journal`.

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use pop_core::domain::FixedClock;
use pop_core::journal::{add_journal_entry, search_journal, JournalInput};
use pop_core::Store;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("journal.sqlite3")).unwrap();
    let words = [
        "gesprek",
        "klant",
        "coördinatie",
        "feedback",
        "planning",
        "één",
        "overleg",
        "leerling",
        "begroting",
        "training",
        "vergadering",
        "collega",
        "verslag",
        "afspraak",
        "project",
    ];
    let started = std::time::Instant::now();
    for i in 0..100_000usize {
        let text = (0..25)
            .map(|j| words[(i * 7 + j * 13) % words.len()])
            .collect::<Vec<_>>()
            .join(" ");
        add_journal_entry(
            &mut store,
            &clock,
            JournalInput {
                text: format!("{text} {i}"),
                ..Default::default()
            },
        )
        .unwrap();
    }
    println!("wrote 100 000 entries in {:?}", started.elapsed());
    c.bench_function("journal search, 100 000 entries, two words", |b| {
        b.iter(|| search_journal(&store, black_box("COORDINATIE begroting")).unwrap())
    });
    c.bench_function("journal search, 100 000 entries, rare word", |b| {
        b.iter(|| search_journal(&store, black_box("99999")).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
