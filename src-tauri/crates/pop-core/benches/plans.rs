//! Plan benchmarks: open a plan (with its POP-check), save one field, and run the POP-check
//! on the largest worked example. Run: `cargo bench -p pop-core --bench plans`.

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use pop_core::domain::{FixedClock, Language, PersonInput};
use pop_core::{documents, examples, people, plans, review, Store};
use std::hint::black_box;

fn largest_example() -> &'static examples::Example {
    examples::all()
        .iter()
        .max_by_key(|e| serde_json_len(&e.nl))
        .expect("examples exist")
}

fn serde_json_len(c: &pop_core::domain::plan::PlanContent) -> usize {
    c.goals
        .iter()
        .map(|g| g.actions.len() + g.measures.len() + 1)
        .sum()
}

fn bench(c: &mut Criterion) {
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.sqlite3")).unwrap();
    let person = people::create_person(
        &mut store,
        &clock,
        PersonInput {
            full_name: "Sanne de Boer".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let example = largest_example();
    let plan = plans::create_plan_from_example(
        &mut store,
        &clock,
        Language::Nl,
        &person.id,
        &example.slug,
    )
    .unwrap();

    c.bench_function("open plan (read + POP-check)", |b| {
        b.iter(|| plans::get_plan_view(&store, Language::Nl, black_box(&plan.id)).unwrap())
    });

    let mut content = plan.content.clone();
    let mut n = 0u64;
    c.bench_function("save one field (autosave)", |b| {
        b.iter(|| {
            n += 1;
            content.focus = format!("Regie nemen, versie {n}");
            plans::save_plan_content(&mut store, &clock, Language::Nl, &plan.id, content.clone())
                .unwrap()
        })
    });

    c.bench_function("POP-check of the largest example", |b| {
        b.iter(|| review::review(black_box(&example.nl), Language::Nl))
    });

    let pdf = documents::plan_pdf(&store, &clock, Language::Nl, &plan.id).unwrap();
    println!("plan PDF of the largest example: {} bytes", pdf.len());
    c.bench_function("plan PDF of the largest example (in process)", |b| {
        b.iter(|| documents::plan_pdf(&store, &clock, Language::Nl, black_box(&plan.id)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
