//! Journal search over 100 000 entries, and what encryption costs: open, write one entry and
//! search, on the plain store and on an encrypted copy of it (SQLCipher).
//! Run: `cargo bench -p pop-core --bench journal`.

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
    let plain_path = dir.path().join("journal.sqlite3");
    let secret_path = dir.path().join("encrypted.sqlite3");
    store.backup_to(&secret_path).unwrap();
    drop(store);
    let mut secret = Store::open(&secret_path).unwrap();
    secret.rekey(Some("een lange wachtwoordzin")).unwrap();
    drop(secret);
    println!(
        "files: plain {} kB, encrypted {} kB",
        std::fs::metadata(&plain_path).unwrap().len() / 1024,
        std::fs::metadata(&secret_path).unwrap().len() / 1024
    );

    for (name, path, key) in [
        ("plain", &plain_path, None),
        ("encrypted", &secret_path, Some("een lange wachtwoordzin")),
    ] {
        c.bench_function(&format!("open ({name})"), |b| {
            b.iter(|| Store::open_with(path, key).unwrap())
        });
        let mut store = Store::open_with(path, key).unwrap();
        c.bench_function(&format!("write one entry ({name})"), |b| {
            b.iter(|| {
                add_journal_entry(
                    &mut store,
                    &clock,
                    JournalInput {
                        text: "Kort overleg over de planning met een collega".into(),
                        ..Default::default()
                    },
                )
                .unwrap()
            })
        });
        c.bench_function(
            &format!("search 100 000 entries, two words ({name})"),
            |b| b.iter(|| search_journal(&store, black_box("COORDINATIE begroting")).unwrap()),
        );
        c.bench_function(
            &format!("search 100 000 entries, rare word ({name})"),
            |b| b.iter(|| search_journal(&store, black_box("99999")).unwrap()),
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
