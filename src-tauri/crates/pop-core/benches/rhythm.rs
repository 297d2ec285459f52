//! The `due` computation (board and reminders) and the owner's overview on a store with 200 people × 3 years of
//! plans and check-ins. Run: `cargo bench -p pop-core --bench rhythm`.

use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use criterion::{criterion_group, criterion_main, Criterion};
use pop_core::domain::plan::PlanStatus;
use pop_core::domain::{FixedClock, Language, PersonInput};
use pop_core::overview::{self, SheetFormat};
use pop_core::rhythm::{self, CheckinInput, CheckinTarget};
use pop_core::{examples, people, plans, Store};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("rhythm.sqlite3")).unwrap();
    let slugs: Vec<String> = examples::all().iter().map(|e| e.slug.clone()).collect();
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let started = std::time::Instant::now();
    let mut checkins = 0;
    for n in 0..200 {
        let at = |d: NaiveDate| {
            FixedClock(
                Utc.with_ymd_and_hms(d.year(), d.month(), d.day(), 9, 0, 0)
                    .unwrap(),
            )
        };
        let p = people::create_person(
            &mut store,
            &at(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()),
            PersonInput {
                full_name: format!("Medewerker {n}"),
                ..Default::default()
            },
        )
        .unwrap();
        // Three yearly plans: 2024 and 2025 evaluated, 2026 active.
        for year in 0..3 {
            let start = NaiveDate::from_ymd_opt(2024 + year, 1, 1 + (n % 28) as u32).unwrap();
            let clock = at(start);
            let plan = plans::create_plan_from_example(
                &mut store,
                &clock,
                Language::Nl,
                &p.id,
                &slugs[n % slugs.len()],
            )
            .unwrap();
            plans::set_plan_status(
                &mut store,
                &clock,
                Language::Nl,
                &plan.id,
                PlanStatus::Active,
            )
            .unwrap();
            let r = rhythm::plan_rhythm(&store, &plan.id).unwrap();
            for e in r.schedule.iter().filter(|e| e.date < today) {
                rhythm::record_checkin(
                    &mut store,
                    &at(e.date),
                    &plan.id,
                    CheckinInput {
                        target: CheckinTarget {
                            slot: e.slot,
                            id: None,
                        },
                        held_on: Some(e.date.to_string()),
                        ..Default::default()
                    },
                )
                .unwrap();
                checkins += 1;
            }
            if year < 2 {
                rhythm::evaluate_plan(&mut store, &at(start), &plan.id, Default::default())
                    .unwrap();
            }
        }
    }
    eprintln!(
        "store: 200 people, 600 plans, {checkins} check-ins, built in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    c.bench_function("due board (200 people × 3 years)", |b| {
        b.iter(|| black_box(rhythm::due_board(&store, today).unwrap()))
    });
    c.bench_function("due at a moment (CLI due)", |b| {
        b.iter(|| black_box(rhythm::due_at(&store, today).unwrap()))
    });
    c.bench_function("next reminder", |b| {
        b.iter(|| black_box(rhythm::next_reminder(&store, &Amsterdam, now).unwrap()))
    });
    c.bench_function("owner's overview", |b| {
        b.iter(|| black_box(overview::owner_overview(&store, today).unwrap()))
    });
    c.bench_function("owner's overview as XLSX", |b| {
        b.iter(|| {
            black_box(
                overview::overview_bytes(&store, today, Language::Nl, SheetFormat::Xlsx).unwrap(),
            )
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
