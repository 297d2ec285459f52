//! The owner's overview: every person with their current plan, the next and the last
//! check-in, what is overdue and what the plan is planned to cost; and that table as CSV or
//! XLSX for a spreadsheet.

use crate::error::{CoreError, Result};
use chrono::NaiveDate;
use pop_domain::plan::PlanStatus;
use pop_domain::{Language, PersonStatus};
use pop_export::table::{to_csv, to_xlsx, Cell, Table};
use pop_store::plans::PlanBrief;
use pop_store::{people as people_repo, rhythm as rhythm_repo, Store};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// One person's line in the owner's overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonOverview {
    pub person_id: String,
    pub person_name: String,
    pub role: String,
    pub person_status: PersonStatus,
    /// The current plan: the newest version of the active plan, else the draft, else the
    /// most recent evaluated or closed one.
    pub plan_id: Option<String>,
    pub plan_title: Option<String>,
    pub plan_status: Option<PlanStatus>,
    pub period_end: Option<NaiveDate>,
    /// The first planned check-in from today on.
    pub next_checkin: Option<NaiveDate>,
    /// Check-ins, actions, agreements, evaluations and plan ends whose date has passed.
    pub overdue: u32,
    /// The most recent check-in held, over all of the person's plans.
    pub last_checkin: Option<NaiveDate>,
    /// Costs of the current plan's actions and support, in cents.
    #[ts(type = "number")]
    pub costs_planned_cents: i64,
    /// What the development budget holds today (cents); none without a budget scheme.
    #[ts(type = "number | null")]
    pub budget_available_cents: Option<i64>,
    /// Spent from the budget this calendar year (cents); none without a budget scheme.
    #[ts(type = "number | null")]
    pub budget_spent_cents: Option<i64>,
}

/// How an export is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    /// The file name ending of the format.
    pub fn ending(self) -> &'static str {
        match self {
            Self::Csv => ".csv",
            Self::Xlsx => ".xlsx",
        }
    }

    /// The format a file name's ending asks for (.csv or .xlsx, any case); `None` for any
    /// other ending or none.
    pub fn of_name(path: &Path) -> Option<Self> {
        let ext = path.extension()?;
        [Self::Csv, Self::Xlsx]
            .into_iter()
            .find(|f| ext.eq_ignore_ascii_case(&f.ending()[1..]))
    }
}

fn wrong_ending(allowed: Vec<&'static str>) -> CoreError {
    pop_domain::ValidationError::new(
        pop_domain::Field::File,
        pop_domain::Problem::WrongEnding { allowed },
    )
    .into()
}

/// The format an output file's name asks for, where only the name says it (the command
/// line): refuses the store's own files first (as every export does), then a name that does
/// not end in .csv or .xlsx, naming the endings allowed.
pub fn sheet_format_for(store: &Store, path: &Path) -> Result<SheetFormat> {
    crate::files::check_output(store, path)?;
    SheetFormat::of_name(path)
        .ok_or_else(|| wrong_ending(vec![SheetFormat::Csv.ending(), SheetFormat::Xlsx.ending()]))
}

/// Refuses to write a sheet in `format` to `path` when `path` is the store's or does not end
/// in the format's ending (a CSV never lands in `r.exe` or `r.xlsx`).
pub(crate) fn check_sheet_output(store: &Store, format: SheetFormat, path: &Path) -> Result<()> {
    crate::files::check_output(store, path)?;
    if SheetFormat::of_name(path) != Some(format) {
        return Err(wrong_ending(vec![format.ending()]));
    }
    Ok(())
}

fn rank(status: PlanStatus) -> u8 {
    match status {
        PlanStatus::Active => 3,
        PlanStatus::Draft => 2,
        PlanStatus::Evaluated => 1,
        PlanStatus::Closed => 0,
    }
}

/// Every person (those who left last), by name, with their current plan's follow-up. Reads
/// the plans' summaries, not their documents.
pub fn owner_overview(store: &Store, today: NaiveDate) -> Result<Vec<PersonOverview>> {
    let heads = pop_store::plans::latest_briefs(store.conn())?;
    let mut current: HashMap<&str, &PlanBrief> = HashMap::new();
    for plan in &heads {
        let key = (rank(plan.status), plan.period_start, &plan.id);
        match current.get(plan.person_id.as_str()) {
            Some(best) if (rank(best.status), best.period_start, &best.id) >= key => {}
            _ => {
                current.insert(plan.person_id.as_str(), plan);
            }
        }
    }
    // Overdue items and the next check-in per person: one aggregate over the items the
    // store keeps on write.
    let due = pop_store::due::per_person(store.conn(), today)?;
    let last = rhythm_repo::last_held_by_person(store.conn())?;
    let mut people = people_repo::list(store.conn())?;
    // The budget columns, only once there is a scheme (each person's ledger read once).
    let schemes = crate::budget::schemes(store)?;
    let mut budgets: HashMap<String, (i64, i64)> = HashMap::new();
    if !schemes.is_empty() {
        for p in &people {
            budgets.insert(
                p.id.clone(),
                crate::budget::available_and_spent(store, &schemes, p, today)?,
            );
        }
    }
    people.sort_by(|a, b| {
        (a.status == PersonStatus::Left)
            .cmp(&(b.status == PersonStatus::Left))
            .then_with(|| a.full_name.to_lowercase().cmp(&b.full_name.to_lowercase()))
    });
    Ok(people
        .into_iter()
        .map(|p| {
            let plan = current.get(p.id.as_str()).copied();
            PersonOverview {
                plan_id: plan.map(|x| x.id.clone()),
                plan_title: plan.map(|x| x.title.clone()),
                plan_status: plan.map(|x| x.status),
                period_end: plan.map(|x| x.period_end),
                next_checkin: due.get(&p.id).and_then(|d| d.1),
                overdue: due.get(&p.id).map_or(0, |d| d.0),
                last_checkin: last.get(&p.id).copied(),
                costs_planned_cents: plan.map(|x| x.planned_cents).unwrap_or(0),
                budget_available_cents: budgets.get(&p.id).map(|b| b.0),
                budget_spent_cents: budgets.get(&p.id).map(|b| b.1),
                person_id: p.id,
                person_name: p.full_name,
                role: p.role,
                person_status: p.status,
            }
        })
        .collect())
}

fn status_word(p: &PersonOverview, lang: Language) -> &'static str {
    let nl = lang == Language::Nl;
    if p.person_status == PersonStatus::Left {
        return if nl { "uit dienst" } else { "left" };
    }
    match (p.plan_status, nl) {
        (None, true) => "geen plan",
        (None, false) => "no plan",
        (Some(PlanStatus::Draft), true) => "concept",
        (Some(PlanStatus::Draft), false) => "draft",
        (Some(PlanStatus::Active), true) => "actief",
        (Some(PlanStatus::Active), false) => "active",
        (Some(PlanStatus::Evaluated), true) => "geëvalueerd",
        (Some(PlanStatus::Evaluated), false) => "evaluated",
        (Some(PlanStatus::Closed), true) => "afgesloten",
        (Some(PlanStatus::Closed), false) => "closed",
    }
}

/// The overview as a table with headings in `lang` (the same columns as the app shows).
pub fn overview_table(rows: &[PersonOverview], lang: Language) -> Table {
    let nl = lang == Language::Nl;
    let w = |a: &str, b: &str| if nl { a.to_owned() } else { b.to_owned() };
    Table {
        title: w("Overzicht POP", "Development plans"),
        headers: vec![
            w("Naam", "Name"),
            w("Functie", "Role"),
            w("Status", "Status"),
            w("Plan", "Plan"),
            w("Einde plan", "Plan ends"),
            w("Volgend gesprek", "Next check-in"),
            w("Achterstallig", "Overdue"),
            w("Laatste gesprek", "Last check-in"),
            w("Geplande kosten", "Planned costs"),
            w("Budget beschikbaar", "Budget available"),
            w("Budget besteed dit jaar", "Budget spent this year"),
        ],
        rows: rows
            .iter()
            .map(|p| {
                vec![
                    Cell::Text(p.person_name.clone()),
                    Cell::Text(p.role.clone()),
                    Cell::Text(status_word(p, lang).to_owned()),
                    p.plan_title.clone().map_or(Cell::Empty, Cell::Text),
                    p.period_end.into(),
                    p.next_checkin.into(),
                    Cell::Count(i64::from(p.overdue)),
                    p.last_checkin.into(),
                    Cell::Money(p.costs_planned_cents),
                    p.budget_available_cents.map_or(Cell::Empty, Cell::Money),
                    p.budget_spent_cents.map_or(Cell::Empty, Cell::Money),
                ]
            })
            .collect(),
    }
}

/// The table in `format`; a failure names `path`, the file it was meant for.
fn encode(table: &Table, lang: Language, format: SheetFormat, path: &Path) -> Result<Vec<u8>> {
    match format {
        SheetFormat::Csv => Ok(to_csv(table, lang)),
        SheetFormat::Xlsx => to_xlsx(table, lang).map_err(|e| CoreError::File {
            path: path.to_owned(),
            reason: e.to_string(),
            writing: true,
        }),
    }
}

/// The overview as CSV or XLSX bytes.
pub fn overview_bytes(
    store: &Store,
    today: NaiveDate,
    lang: Language,
    format: SheetFormat,
) -> Result<Vec<u8>> {
    let table = overview_table(&owner_overview(store, today)?, lang);
    encode(&table, lang, format, Path::new(""))
}

/// Writes the overview to `path` (atomically: a failed write leaves no half file); refused
/// for a name that does not end in the format's ending.
pub fn export_overview(
    store: &Store,
    today: NaiveDate,
    lang: Language,
    format: SheetFormat,
    path: &Path,
) -> Result<()> {
    check_sheet_output(store, format, path)?;
    let table = overview_table(&owner_overview(store, today)?, lang);
    crate::files::write_output(store, path, &encode(&table, lang, format, path)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{create_person, mark_person_left};
    use crate::plans::create_plan_from_example;
    use crate::rhythm::{plan_rhythm, record_checkin, CheckinInput, CheckinTarget};
    use chrono::{TimeZone, Utc};
    use pop_domain::{FixedClock, PersonInput};

    fn clock() -> FixedClock {
        FixedClock(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap())
    }

    fn person(store: &mut Store, name: &str) -> String {
        create_person(
            store,
            &clock(),
            PersonInput {
                full_name: name.into(),
                role: "Monteur".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id
    }

    #[test]
    fn each_person_gets_plan_checkins_overdue_and_costs() {
        let mut store = Store::open_in_memory().unwrap();
        let zoe = person(&mut store, "Zoë Çelik");
        let bram = person(&mut store, "bram Jansen");
        let ex = person(&mut store, "Anna Oud");
        mark_person_left(&mut store, &clock(), &ex, None).unwrap();
        let slug = crate::examples::all()[0].slug.clone();
        let plan =
            create_plan_from_example(&mut store, &clock(), Language::Nl, &zoe, &slug).unwrap();
        let r = plan_rhythm(&store, &plan.id).unwrap();
        let first = r.schedule[0].date;
        let second = r.schedule[1].date;
        record_checkin(
            &mut store,
            &FixedClock(Utc.from_utc_datetime(&first.and_hms_opt(17, 0, 0).unwrap())),
            &plan.id,
            CheckinInput {
                target: CheckinTarget {
                    slot: Some(1),
                    id: None,
                },
                held_on: Some(first.to_string()),
                ..Default::default()
            },
        )
        .unwrap();

        // The day after the second check-in: it is overdue, the third is next.
        let today = second + chrono::Duration::days(1);
        let rows = owner_overview(&store, today).unwrap();
        let names: Vec<_> = rows.iter().map(|r| r.person_name.as_str()).collect();
        assert_eq!(names, ["bram Jansen", "Zoë Çelik", "Anna Oud"]);
        let z = &rows[1];
        assert_eq!(z.plan_id.as_deref(), Some(plan.id.as_str()));
        assert_eq!(z.plan_status, Some(PlanStatus::Draft));
        assert_eq!(z.last_checkin, Some(first));
        assert_eq!(z.next_checkin, Some(r.schedule[2].date));
        let overdue_expected = crate::rhythm::due_items(&store, today)
            .unwrap()
            .iter()
            .filter(|i| i.date < today)
            .count() as u32;
        assert!(z.overdue >= 1);
        assert_eq!(z.overdue, overdue_expected);
        assert_eq!(z.costs_planned_cents, plan.content.planned_cents());
        assert_eq!(rows[0].plan_id, None);
        assert_eq!(rows[0].overdue, 0);
        assert_eq!(rows[2].person_status, PersonStatus::Left);
        let _ = bram;
    }

    #[test]
    fn the_table_has_the_columns_in_both_languages() {
        let mut store = Store::open_in_memory().unwrap();
        person(&mut store, "=SUM(A1)");
        let today = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let csv = overview_bytes(&store, today, Language::Nl, SheetFormat::Csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains("Naam;Functie;Status;Plan"));
        assert!(csv.contains("'=SUM(A1);Monteur;geen plan;;;;0;;0,00"));
        let xlsx = overview_bytes(&store, today, Language::En, SheetFormat::Xlsx).unwrap();
        assert_eq!(&xlsx[..2], b"PK");
    }
}
