//! Plan packages and the trust checks at realistic size:
//! - merging a package of a plan with 5 signed versions and 40 check-ins into a store of
//!   200 people (each with a signed plan), and the same package again (up to date);
//! - `log verify` (the hash chain and every seal, device signatures included) on a store of
//!   1 000 people × 5 years of signed plans.
//!
//! Run: `cargo bench -p pop-core --bench exchange`.

use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use pop_core::domain::signing::{Party, SignInput};
use pop_core::domain::{FixedClock, Language, PersonInput};
use pop_core::exchange::ImportTarget;
use pop_core::rhythm::{self, CheckinInput};
use pop_core::{examples, package, people, plans, signing, Store};
use std::hint::black_box;
use std::path::Path;

fn at(d: NaiveDate) -> FixedClock {
    FixedClock(
        Utc.with_ymd_and_hms(d.year(), d.month(), d.day(), 9, 0, 0)
            .unwrap(),
    )
}

fn sign_both(store: &mut Store, clock: &FixedClock, id: &str, n: usize) {
    for (party, name) in [
        (Party::Employee, format!("Medewerker {n}")),
        (Party::Manager, "Henk de Bakker".to_owned()),
    ] {
        signing::sign_plan(
            store,
            clock,
            Language::Nl,
            id,
            SignInput {
                party,
                full_name: name,
                signed_on: None,
                consent: true,
                strokes: Some(vec![vec![[0.1, 0.5], [0.4, 0.2], [0.8, 0.6]]]),
                despite_findings: false,
            },
            "bench",
        )
        .unwrap();
    }
}

/// A store of `people` people, each with `years` yearly plans signed by both parties.
fn signed_store(path: &Path, people_count: usize, years: i32) -> Store {
    let mut store = Store::open(path).unwrap();
    let slugs: Vec<String> = examples::all().iter().map(|e| e.slug.clone()).collect();
    for n in 0..people_count {
        let clock = at(NaiveDate::from_ymd_opt(2022, 1, 1).unwrap());
        let p = people::create_person(
            &mut store,
            &clock,
            PersonInput {
                full_name: format!("Medewerker {n}"),
                ..Default::default()
            },
        )
        .unwrap();
        for year in 0..years {
            let clock = at(NaiveDate::from_ymd_opt(2022 + year, 1, 2).unwrap());
            let plan = plans::create_plan_from_example(
                &mut store,
                &clock,
                Language::Nl,
                &p.id,
                &slugs[n % slugs.len()],
            )
            .unwrap();
            sign_both(&mut store, &clock, &plan.id, n);
        }
    }
    store
}

/// The package of a plan with five signed versions and 40 check-ins.
fn big_package(dir: &Path) -> Vec<u8> {
    let mut store = Store::open(&dir.join("source.sqlite3")).unwrap();
    let clock = at(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
    let p = people::create_person(
        &mut store,
        &clock,
        PersonInput {
            full_name: "Zoë Çelik".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let mut plan = plans::create_plan_from_example(
        &mut store,
        &clock,
        Language::Nl,
        &p.id,
        "winkelmedewerker-naar-ploegleider",
    )
    .unwrap();
    let first = plan.id.clone();
    sign_both(&mut store, &clock, &plan.id, 0);
    for v in 2..=5 {
        plan =
            signing::new_version(&mut store, &clock, &plan.id, &format!("bijgesteld {v}")).unwrap();
        let mut content = plan.content.clone();
        content.focus = format!("{} (versie {v})", content.focus);
        plans::save_plan_content(&mut store, &clock, Language::Nl, &plan.id, content).unwrap();
        sign_both(&mut store, &clock, &plan.id, 0);
    }
    for i in 0..40u32 {
        let day =
            NaiveDate::from_ymd_opt(2026, 1, 6).unwrap() + chrono::Days::new(u64::from(i) * 7);
        rhythm::record_checkin(
            &mut store,
            &at(day),
            &first,
            CheckinInput {
                held_on: Some(day.to_string()),
                grow: pop_core::domain::checkin::Grow {
                    reality: format!("Gesprek {i}: twee zaterdagen zelf ingedeeld"),
                    ..Default::default()
                },
                ..Default::default()
            },
        )
        .unwrap();
    }
    pop_core::exchange::export_plan(&store, &plan.id)
        .unwrap()
        .into_bytes()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let base = dir.path().join("owner.sqlite3");
    let mut owner = signed_store(&base, 200, 1);
    let package_bytes = big_package(dir.path());
    // The package's computer is paired here (as the employer's second computer: it signed
    // for both parties), so every signature goes through the pinning checks.
    let maker: serde_json::Value = serde_json::from_slice(&package_bytes).unwrap();
    pop_core::pairing::pair_device(
        &mut owner,
        &at(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
        maker["madeBy"]["publicKey"].as_str().unwrap(),
        pop_core::pairing::PairAs::Owner,
        Some("Tweede pc"),
    )
    .unwrap();
    drop(owner);
    eprintln!(
        "owner store: 200 people with a signed plan; package: 5 signed versions, 40 check-ins, {} KB; built in {:.1} s",
        package_bytes.len() / 1024,
        started.elapsed().as_secs_f64()
    );
    let clock = at(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    let mut round = 0u32;
    c.bench_function(
        "merge a package (5 versions, 40 check-ins) into 200 people",
        |b| {
            b.iter_batched(
                || {
                    round += 1;
                    let copy = dir.path().join(format!("copy-{round}.sqlite3"));
                    std::fs::copy(&base, &copy).unwrap();
                    Store::open(&copy).unwrap()
                },
                |mut store| {
                    let report = package::import_bytes(
                        &mut store,
                        &clock,
                        Language::Nl,
                        &package_bytes,
                        Some(ImportTarget::NewPerson),
                        None,
                        false,
                    )
                    .unwrap();
                    assert!(report.applied);
                    store
                },
                BatchSize::PerIteration,
            )
        },
    );
    let mut merged = Store::open(&base).unwrap();
    package::import_bytes(
        &mut merged,
        &clock,
        Language::Nl,
        &package_bytes,
        Some(ImportTarget::NewPerson),
        None,
        false,
    )
    .unwrap();
    c.bench_function("the same package again (already up to date)", |b| {
        b.iter(|| {
            let r = package::import_bytes(
                &mut merged,
                &clock,
                Language::Nl,
                &package_bytes,
                None,
                None,
                false,
            )
            .unwrap();
            assert!(r.up_to_date);
        })
    });

    let started = std::time::Instant::now();
    let big = signed_store(&dir.path().join("big.sqlite3"), 1000, 5);
    let report = signing::verify_log(&big, Language::Nl).unwrap();
    eprintln!(
        "store: 1 000 people × 5 years, {} seals, {} events, {} MB; built in {:.0} s",
        report.seals,
        report.events,
        std::fs::metadata(dir.path().join("big.sqlite3"))
            .unwrap()
            .len()
            / 1_000_000,
        started.elapsed().as_secs_f64()
    );
    assert!(report.intact());
    c.bench_function("log verify (1 000 people × 5 years)", |b| {
        b.iter(|| black_box(signing::verify_log(&big, Language::Nl).unwrap()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
