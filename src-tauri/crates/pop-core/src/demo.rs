//! A plausible team to try the app with, and the store the benchmarks measure: people with
//! yearly plans from the worked examples over several years, signed by both parties,
//! check-ins held (or skipped) on their past slots, evaluations of the periods that ended,
//! and journal entries. Everything is written through the same use cases the app uses, one
//! transaction per person, and the same seed gives the same team.

use crate::error::Result;
use crate::journal::{add_journal_entry, JournalInput};
use crate::rhythm::{self, CheckinInput, CheckinTarget};
use crate::{examples, people, plans, signing};
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use pop_domain::checkin::{GoalProgress, GoalState, Grow};
use pop_domain::plan::PlanStatus;
use pop_domain::rhythm::CheckinStatus;
use pop_domain::signing::{Party, SignInput};
use pop_domain::{FixedClock, Language, PersonInput};
use pop_store::Store;

/// What to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSpec {
    pub people: usize,
    pub years: u32,
    pub seed: u64,
    /// The day the team is seen from: the last plan of each person covers it.
    pub today: NaiveDate,
}

/// The demo's organisation and its owner (who manages the team leaders).
pub const DEMO_ORGANISATION: &str = "Bakkerij De Korenaar (demo)";
pub const DEMO_OWNER: &str = "Anouk van Dijk";

/// Largest demo team, and most years.
pub const MAX_PEOPLE: usize = 10_000;
pub const MAX_YEARS: u32 = 20;

/// What was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub people: usize,
    pub plans: usize,
    pub checkins: usize,
    pub journal_entries: usize,
}

/// SplitMix64: small, fast and the same on every machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "Zoë", "Bram", "Fatima", "Sanne", "Daan", "Noor", "Mohamed", "Lotte", "Sem", "Eva", "Yusuf",
    "Fleur", "Luuk", "Aylin", "Milan", "Julia", "Thijs", "Sara", "Ravi", "Iris", "Jesse", "Emma",
    "Kofi", "Anouk", "Stijn", "Mila", "Hamza", "Roos", "Gijs", "Lieke",
];
const LAST: &[&str] = &[
    "de Vries",
    "Jansen",
    "El Amrani",
    "Çelik",
    "de Wit",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "de Boer",
    "Bos",
    "Yılmaz",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Dekker",
    "Kaya",
    "Vos",
    "Brouwer",
    "Boateng",
    "van Leeuwen",
    "Ramdin",
    "Kuipers",
];
const ROLES: &[&str] = &[
    "Winkelmedewerker",
    "Bakker",
    "Monteur",
    "Administratief medewerker",
    "Verkoper",
    "Planner",
    "Magazijnmedewerker",
    "Klantenservice",
];
const REALITY: &[&str] = &[
    "Twee keer zelf het overleg voorbereid; het ging beter dan verwacht.",
    "Weinig tijd gehad door de drukte, maar de cursus is gestart.",
    "Collega's merken dat de planning eerder klaar is.",
    "Eerste opdracht afgerond, feedback was positief.",
    "Nog niet begonnen met de training; die staat nu vast in de agenda.",
];
const WILL: &[&str] = &[
    "Volgende maand zelf de werkinstructie schrijven.",
    "Twee diensten meelopen met een ervaren collega.",
    "De cursusmodule afmaken voor het volgende gesprek.",
    "Om feedback vragen na elk klantgesprek.",
];
const JOURNAL: &[&str] = &[
    "Vandaag het ochtendoverleg geleid. Spannend, maar het liep.",
    "Feedback gekregen van een klant: duidelijke uitleg. Dat wil ik vaker.",
    "Lastige dag: te veel tegelijk willen doen. Morgen eerst plannen.",
    "Module drie van de cursus af. Het stuk over gesprekstechniek was nuttig.",
    "Goed gesprek met mijn leidinggevende over wat ik volgend jaar wil leren.",
    "Een nieuwe collega ingewerkt; ik merk dat ik het graag doe.",
    "Het rooster voor volgende week zelf gemaakt en rondgestuurd.",
];
/// A journal text; about one entry in a hundred also mentions a rare word ("vakbeurs"), so a
/// search in the demo has a rare and a common word ("gesprek") to look for.
fn journal_text(text: &str, n: usize) -> String {
    if n % 101 == 7 {
        format!("{text} Ook naar de vakbeurs geweest.")
    } else {
        text.to_owned()
    }
}
const SKIP: &[&str] = &["Ziek", "Vakantie", "Drukke periode, volgende keer"];

fn at(day: NaiveDate) -> FixedClock {
    FixedClock(
        Utc.with_ymd_and_hms(day.year(), day.month(), day.day(), 9, 0, 0)
            .single()
            .expect("a valid day"),
    )
}

/// Fills `store` with a demo team as described by `spec`.
pub fn generate(store: &mut Store, spec: DemoSpec) -> Result<DemoReport> {
    use pop_domain::{Field, Problem, ValidationError};
    if spec.people == 0 || spec.people > MAX_PEOPLE {
        return Err(ValidationError::new(
            Field::Person,
            Problem::OutOfRange {
                min: 1,
                max: MAX_PEOPLE as i64,
            },
        )
        .into());
    }
    if spec.years == 0 || spec.years > MAX_YEARS {
        return Err(ValidationError::new(
            Field::PeriodStart,
            Problem::OutOfRange {
                min: 1,
                max: i64::from(MAX_YEARS),
            },
        )
        .into());
    }
    // The demo opens like a store someone set up: owner mode, a named bakery and owner.
    crate::settings::complete_onboarding(
        store,
        &at(spec.today),
        pop_domain::OnboardingInput {
            language: Language::Nl,
            mode: pop_domain::Mode::Owner,
            organisation_name: Some(DEMO_ORGANISATION.into()),
            my_name: Some(DEMO_OWNER.into()),
            device_name: None,
            device_name_proposal: None,
        },
    )?;
    let mut dice = Dice(spec.seed);
    let slugs: Vec<String> = examples::all().iter().map(|e| e.slug.clone()).collect();
    let first_year = spec.today.year() - spec.years as i32 + 1;
    let mut report = DemoReport::default();
    let mut lead: Option<(String, String)> = None;
    for n in 0..spec.people {
        let is_lead = n % 10 == 0;
        let name = format!("{} {}", dice.pick(FIRST), dice.pick(LAST));
        let role = if is_lead {
            "Teamleider"
        } else {
            dice.pick(ROLES)
        };
        let joined = NaiveDate::from_ymd_opt(first_year - 1, 1 + dice.below(12) as u32, 1)
            .expect("a valid day");
        let slug = slugs[dice.below(slugs.len())].clone();
        let plan_day = 1 + dice.below(60) as i64;
        let leaves = !is_lead && dice.chance(3);
        let seed = dice.next();
        let made = store.batch(|store| {
            person(
                store,
                spec,
                Person {
                    name: &name,
                    role,
                    joined,
                    manager: lead.as_ref(),
                    slug: &slug,
                    plan_day,
                    leaves,
                },
                &mut Dice(seed),
            )
        })?;
        report.people += 1;
        report.plans += made.plans;
        report.checkins += made.checkins;
        report.journal_entries += made.journal_entries;
        if is_lead {
            lead = Some((made.person_id, name));
        }
    }
    Ok(report)
}

struct Person<'a> {
    name: &'a str,
    role: &'a str,
    joined: NaiveDate,
    manager: Option<&'a (String, String)>,
    slug: &'a str,
    plan_day: i64,
    leaves: bool,
}

struct Made {
    person_id: String,
    plans: usize,
    checkins: usize,
    journal_entries: usize,
}

fn person(store: &mut Store, spec: DemoSpec, p: Person<'_>, dice: &mut Dice) -> Result<Made> {
    let lang = Language::Nl;
    let person = people::create_person(
        store,
        &at(p.joined),
        PersonInput {
            full_name: p.name.to_owned(),
            role: p.role.to_owned(),
            manager_id: p.manager.map(|(id, _)| id.clone()),
            start_date: Some(p.joined.to_string()),
            email: None,
        },
    )?;
    let manager = p.manager.map_or(DEMO_OWNER, |(_, name)| name.as_str());
    let mut made = Made {
        person_id: person.id.clone(),
        plans: 0,
        checkins: 0,
        journal_entries: 0,
    };
    let first_year = spec.today.year() - spec.years as i32 + 1;
    for year in first_year..=spec.today.year() {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("a valid day")
            + Duration::days(p.plan_day - 1);
        let start = if year == spec.today.year() {
            start.min(spec.today)
        } else {
            start
        };
        let clock = at(start);
        let plan = plans::create_plan_from_example_at(
            store,
            &clock,
            lang,
            &person.id,
            p.slug,
            Some(&start.to_string()),
        )?;
        made.plans += 1;
        for (party, name) in [(Party::Employee, p.name), (Party::Manager, manager)] {
            let view = signing::sign_plan(
                store,
                &clock,
                lang,
                &plan.id,
                SignInput {
                    party,
                    full_name: name.to_owned(),
                    signed_on: Some(start.to_string()),
                    consent: true,
                    strokes: None,
                    despite_findings: false,
                },
                "demo",
            )?;
            if view.plan.status != PlanStatus::Draft {
                break;
            }
        }
        let r = rhythm::plan_rhythm(store, &plan.id)?;
        let goals = r.goals.clone();
        let slots: Vec<_> = r
            .schedule
            .iter()
            .filter(|e| e.date < spec.today && e.status == CheckinStatus::Planned)
            .map(|e| (e.slot, e.date))
            .collect();
        for (n, (slot, date)) in slots.iter().enumerate() {
            let target = CheckinTarget {
                slot: *slot,
                id: None,
            };
            if dice.chance(10) {
                rhythm::skip_checkin(store, &at(*date), &plan.id, target, dice.pick(SKIP))?;
                continue;
            }
            let score = (2 + n * 2 + dice.below(3)).min(10) as u8;
            let follow_ups = if dice.chance(40) {
                vec![pop_domain::checkin::FollowUpInput {
                    description: dice.pick(WILL).to_owned(),
                    owner: p.name.to_owned(),
                    due: Some((*date + Duration::days(21)).to_string()),
                }]
            } else {
                Vec::new()
            };
            rhythm::record_checkin(
                store,
                &at(*date),
                &plan.id,
                CheckinInput {
                    target,
                    held_on: Some(date.to_string()),
                    grow: Grow {
                        goal: String::new(),
                        reality: dice.pick(REALITY).to_owned(),
                        options: String::new(),
                        will: dice.pick(WILL).to_owned(),
                    },
                    progress: goals
                        .iter()
                        .map(|g| GoalProgress {
                            goal_id: g.id.clone(),
                            goal_title: String::new(),
                            score,
                            state: if score >= 9 {
                                GoalState::Achieved
                            } else if dice.chance(20) {
                                GoalState::Behind
                            } else {
                                GoalState::OnTrack
                            },
                        })
                        .collect(),
                    follow_ups,
                },
            )?;
            made.checkins += 1;
        }
        // Most agreements are kept: ticked off by the time they were due.
        let r = rhythm::plan_rhythm(store, &plan.id)?;
        for f in &r.follow_ups {
            if let (Some(due), false) = (f.due, f.done) {
                if due < spec.today && dice.chance(85) {
                    rhythm::set_follow_up_done(store, &at(due), &plan.id, &f.id, true)?;
                }
            }
        }
        for _ in 0..3 {
            let day = start + Duration::days(dice.below(360) as i64);
            if day > spec.today {
                continue;
            }
            add_journal_entry(
                store,
                &at(day),
                JournalInput {
                    date: Some(day.to_string()),
                    text: journal_text(dice.pick(JOURNAL), made.journal_entries),
                    tags: vec![p.role.to_lowercase()],
                    goal_id: goals.first().map(|g| g.id.clone()),
                },
            )?;
            made.journal_entries += 1;
        }
        if r.period_end < spec.today {
            let outcomes: Vec<String> = (1..=goals.len())
                .map(|g| {
                    let word = ["achieved", "partly", "not"][dice.below(3)];
                    format!("{g}={word}")
                })
                .collect();
            let e = rhythm::evaluation_from_words(&goals, &outcomes, &[], String::new())?;
            rhythm::evaluate_plan(store, &at(r.period_end), &plan.id, e)?;
        }
    }
    if p.leaves {
        let left = spec.today - Duration::days(1 + dice.below(200) as i64);
        let left = left.max(p.joined);
        people::mark_person_left(store, &at(left), &person.id, Some(left.to_string()))?;
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(people: usize, years: u32) -> DemoSpec {
        DemoSpec {
            people,
            years,
            seed: 7,
            today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        }
    }

    #[test]
    fn a_demo_team_has_signed_plans_check_ins_evaluations_and_one_current_plan_each() {
        let mut store = Store::open_in_memory().unwrap();
        let report = generate(&mut store, spec(12, 3)).unwrap();
        assert_eq!(report.people, 12);
        assert_eq!(report.plans, 36);
        assert!(report.checkins > 12 * 3, "{report:?}");
        assert!(report.journal_entries > 0);
        let heads = pop_store::plans::latest_heads(store.conn()).unwrap();
        let active = heads
            .iter()
            .filter(|h| h.status == PlanStatus::Active)
            .count();
        let evaluated = heads
            .iter()
            .filter(|h| h.status == PlanStatus::Evaluated)
            .count();
        assert_eq!(active, 12, "this year's plans are signed and running");
        assert_eq!(evaluated, 24, "the ended years are evaluated");
        let today = spec(1, 1).today;
        let due = rhythm::due_items(&store, today).unwrap();
        assert!(due
            .iter()
            .all(|i| i.date >= NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                || i.kind != pop_domain::rhythm::DueKind::Checkin));
        let log = signing::verify_log(&store, Language::Nl).unwrap();
        assert_eq!(
            (log.broken_at, log.broken_seals.len(), log.seals),
            (None, 0, 36)
        );
    }

    #[test]
    fn the_same_seed_makes_the_same_team_and_nonsense_is_refused() {
        let names = |seed| {
            let mut store = Store::open_in_memory().unwrap();
            generate(&mut store, DemoSpec { seed, ..spec(5, 1) }).unwrap();
            let mut n: Vec<_> = pop_store::people::list(store.conn())
                .unwrap()
                .into_iter()
                .map(|p| p.full_name)
                .collect();
            n.sort();
            n
        };
        assert_eq!(names(3), names(3));
        assert_ne!(names(3), names(4));
        let mut store = Store::open_in_memory().unwrap();
        assert!(generate(&mut store, spec(0, 1)).is_err());
        assert!(generate(&mut store, spec(1, 0)).is_err());
        assert!(generate(&mut store, spec(1, 99)).is_err());
        assert!(pop_store::people::list(store.conn()).unwrap().is_empty());
    }
}
