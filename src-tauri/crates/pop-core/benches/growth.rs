//! Growth: every read the app and the CLI make, on demo stores of 10 people × 1 year, 200 × 3
//! and 1 000 × 5 (made by `pop_core::demo`, the same generator as `groeikoers-cli demo`),
//! with a table of medians and the ratio of each size to the small one at the end.
//!
//! Run: `cargo bench -p pop-core --bench growth` (sizes: `GROEIKOERS_BENCH_SIZES=10x1,1000x5`).
//! The stores are kept under the target folder, so a second run starts at once;
//! `GROEIKOERS_BENCH_ONLY=due` measures only the reads whose name contains it.

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use criterion::{criterion_group, criterion_main, Criterion};
use pop_core::demo::{generate, DemoSpec};
use pop_core::domain::{Language, SystemClock};
use pop_core::overview::{self, SheetFormat};
use pop_core::{calendar, journal, plans, rhythm, signing, Store};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Bump when the generator changes, so old stores are made again.
const GENERATION: u32 = 2;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a day")
}

fn sizes() -> Vec<(usize, u32)> {
    std::env::var("GROEIKOERS_BENCH_SIZES")
        .unwrap_or_else(|_| "10x1,200x3,1000x5".into())
        .split(',')
        .filter_map(|s| {
            let (p, y) = s.split_once('x')?;
            Some((p.trim().parse().ok()?, y.trim().parse().ok()?))
        })
        .collect()
}

/// The demo store of `people` × `years`, made once and kept.
fn store(people: usize, years: u32) -> (Store, PathBuf) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("growth");
    std::fs::create_dir_all(&dir).expect("bench folder");
    let path = dir.join(format!(
        "demo-{people}x{years}-g{GENERATION}-v{}.sqlite3",
        pop_core::store::supported_schema_version()
    ));
    if !path.exists() {
        let part = path.with_extension("part");
        let _ = std::fs::remove_file(&part);
        let started = Instant::now();
        let mut s = Store::open(&part).expect("open");
        signing::after_open(&mut s, &SystemClock).expect("identity");
        let r = generate(
            &mut s,
            DemoSpec {
                people,
                years,
                seed: 1,
                today: today(),
            },
        )
        .expect("demo");
        drop(s);
        std::fs::rename(&part, &path).expect("rename");
        eprintln!(
            "made {people} × {years}: {} plans, {} check-ins, {} journal entries in {:.1} s",
            r.plans,
            r.checkins,
            r.journal_entries,
            started.elapsed().as_secs_f64()
        );
    }
    let mut s = Store::open(&path).expect("open");
    signing::after_open(&mut s, &SystemClock).expect("after open");
    (s, path)
}

fn median(mut f: impl FnMut()) -> Duration {
    f();
    let mut times = Vec::new();
    let started = Instant::now();
    while times.len() < 15 || (started.elapsed() < Duration::from_millis(300) && times.len() < 500)
    {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

type Read = (&'static str, Box<dyn Fn(&mut Store)>);

fn reads(one_plan: String, evaluated: String) -> Vec<Read> {
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let p1 = one_plan.clone();
    let p2 = one_plan.clone();
    let p3 = one_plan;
    let watch = std::cell::RefCell::new(rhythm::ReminderWatch::default());
    vec![
        (
            "plan schedule (one plan)",
            Box::new(move |s: &mut Store| {
                black_box(rhythm::plan_rhythm(s, &p1).unwrap());
            }),
        ),
        (
            "plan ics (one plan)",
            Box::new(move |s: &mut Store| {
                black_box(calendar::plan_ics(s, Language::Nl, &p2, now).unwrap());
            }),
        ),
        (
            "plan view (one plan)",
            Box::new(move |s: &mut Store| {
                black_box(plans::get_plan_view(s, Language::Nl, &p3).unwrap());
            }),
        ),
        (
            "history (one evaluated plan)",
            Box::new(move |s: &mut Store| {
                black_box(signing::plan_history(s, Language::Nl, &evaluated).unwrap());
            }),
        ),
        (
            "due board",
            Box::new(|s: &mut Store| {
                black_box(rhythm::due_board(s, today()).unwrap());
            }),
        ),
        (
            "due at a moment (CLI due)",
            Box::new(|s: &mut Store| {
                black_box(rhythm::due_at(s, today()).unwrap());
            }),
        ),
        (
            "reminder tick (fire + next)",
            Box::new(move |s: &mut Store| {
                black_box(rhythm::reminder_tick(s, &Amsterdam, now).unwrap());
            }),
        ),
        (
            "reminder tick, store unchanged",
            // The app's loop: a tick when nothing was written since the last one.
            Box::new(move |s: &mut Store| {
                black_box(watch.borrow_mut().tick(s, &Amsterdam, now).unwrap());
            }),
        ),
        (
            "owner's overview",
            Box::new(|s: &mut Store| {
                black_box(overview::owner_overview(s, today()).unwrap());
            }),
        ),
        (
            "overview as XLSX",
            Box::new(|s: &mut Store| {
                black_box(
                    overview::overview_bytes(s, today(), Language::Nl, SheetFormat::Xlsx).unwrap(),
                );
            }),
        ),
        (
            "team calendar (ICS)",
            Box::new(move |s: &mut Store| {
                black_box(calendar::all_ics(s, Language::Nl, now).unwrap());
            }),
        ),
        (
            "plan list",
            Box::new(|s: &mut Store| {
                black_box(plans::list_plans(s, None).unwrap());
            }),
        ),
        (
            "journal search (common word)",
            Box::new(|s: &mut Store| {
                black_box(journal::search_journal(s, "gesprek").unwrap());
            }),
        ),
        (
            "log verify",
            Box::new(|s: &mut Store| {
                black_box(signing::verify_log(s, Language::Nl).unwrap());
            }),
        ),
    ]
}

fn bench(c: &mut Criterion) {
    let mut table: Vec<(String, Vec<Duration>)> = Vec::new();
    let sizes = sizes();
    for (n, &(people, years)) in sizes.iter().enumerate() {
        let (mut s, path) = store(people, years);
        let heads = pop_core::store::plans::latest_heads(s.conn()).unwrap();
        let active = heads
            .iter()
            .find(|h| h.status == pop_core::domain::plan::PlanStatus::Active)
            .map(|h| h.id.clone())
            .expect("an active plan");
        let evaluated = heads
            .iter()
            .find(|h| h.status == pop_core::domain::plan::PlanStatus::Evaluated)
            .map_or(active.clone(), |h| h.id.clone());
        let opened = median(|| {
            let mut st = Store::open(&path).unwrap();
            signing::after_open(&mut st, &SystemClock).unwrap();
        });
        let mut row = |name: &str, d: Duration| {
            if n == 0 {
                table.push((name.to_owned(), Vec::new()));
            }
            if let Some(r) = table.iter_mut().find(|(x, _)| x == name) {
                r.1.push(d);
            }
        };
        row("open store (+ after_open)", opened);
        let only = std::env::var("GROEIKOERS_BENCH_ONLY").unwrap_or_default();
        for (name, read) in reads(active, evaluated) {
            if !name.contains(only.as_str()) {
                continue;
            }
            c.bench_function(&format!("{name} @ {people}x{years}"), |b| {
                b.iter(|| read(&mut s))
            });
            row(name, median(|| read(&mut s)));
        }
    }
    let label: Vec<String> = sizes.iter().map(|(p, y)| format!("{p}x{y}")).collect();
    println!(
        "\n{:<32}{}",
        "median (in process)",
        label.iter().map(|l| format!("{l:>12}")).collect::<String>()
    );
    for (name, times) in &table {
        let cells: String = times
            .iter()
            .map(|t| format!("{:>10.2}ms", t.as_secs_f64() * 1e3))
            .collect();
        let ratios: String = times
            .iter()
            .skip(1)
            .map(|t| format!("  ×{:.1}", t.as_secs_f64() / times[0].as_secs_f64()))
            .collect();
        println!("{name:<32}{cells}{ratios}");
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_millis(800));
    targets = bench
}
criterion_main!(benches);
