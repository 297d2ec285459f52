//! What it cost and what it brought: per person and year, the money planned in the plans
//! (actions and support of the newest version of each plan), what the development budget
//! spent (money and hours, from the ledger), and the goals achieved, partly achieved or not
//! at evaluation — and the same summed for the team per year.

use crate::error::{CoreError, Result};
use crate::overview::SheetFormat;
use chrono::Datelike;
use pop_domain::checkin::{Evaluation, Outcome};
use pop_domain::Language;
use pop_export::table::{to_csv, to_xlsx, Cell, Table};
use pop_store::{direction as repo, plans as plans_repo, Store};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// One person's (or, with an empty person, the team's) figures for one year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResultRow {
    pub year: i32,
    /// Empty for the team's row.
    pub person_id: String,
    pub person_name: String,
    /// Plans whose period starts in this year.
    pub plans: u32,
    #[ts(type = "number")]
    pub planned_cents: i64,
    /// Spent from the development budget in this year.
    #[ts(type = "number")]
    pub spent_cents: i64,
    #[ts(type = "number")]
    pub spent_minutes: i64,
    pub achieved: u32,
    pub partly: u32,
    pub not_achieved: u32,
}

impl ResultRow {
    fn add(&mut self, o: &ResultRow) {
        self.plans += o.plans;
        self.planned_cents += o.planned_cents;
        self.spent_cents += o.spent_cents;
        self.spent_minutes += o.spent_minutes;
        self.achieved += o.achieved;
        self.partly += o.partly;
        self.not_achieved += o.not_achieved;
    }

    /// Goals evaluated in all.
    pub fn evaluated(&self) -> u32 {
        self.achieved + self.partly + self.not_achieved
    }
}

/// Per person and year, and the team per year (newest year first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Results {
    pub people: Vec<ResultRow>,
    pub team: Vec<ResultRow>,
}

/// Counts the outcomes of an evaluation into `row`.
pub fn count_outcomes(row: &mut ResultRow, e: &Evaluation) {
    for g in &e.goals {
        match g.outcome {
            Outcome::Achieved => row.achieved += 1,
            Outcome::Partly => row.partly += 1,
            Outcome::NotAchieved => row.not_achieved += 1,
        }
    }
}

/// Sums per-person rows into the team's rows per year, newest first.
pub fn team_rows(people: &[ResultRow]) -> Vec<ResultRow> {
    let mut years: BTreeMap<i32, ResultRow> = BTreeMap::new();
    for r in people {
        years
            .entry(r.year)
            .or_insert_with(|| ResultRow {
                year: r.year,
                ..ResultRow::default()
            })
            .add(r);
    }
    years.into_values().rev().collect()
}

/// The row of `person` in `year`, made when it is the first figure for it.
fn row<'a>(
    rows: &'a mut BTreeMap<(i32, String), ResultRow>,
    names: &BTreeMap<String, String>,
    year: i32,
    person: &str,
) -> &'a mut ResultRow {
    rows.entry((year, person.to_owned()))
        .or_insert_with(|| ResultRow {
            year,
            person_id: person.to_owned(),
            person_name: names.get(person).cloned().unwrap_or_default(),
            ..ResultRow::default()
        })
}

/// The figures of every person and year. Reads the plan summaries (no plan documents), the
/// evaluations and the ledger's spending, each once.
pub fn results(store: &Store) -> Result<Results> {
    let conn = store.conn();
    let names: BTreeMap<String, String> = repo::person_names(conn)?.into_iter().collect();
    // An unreadable evaluation counts as none; the plan's own screen reports it.
    let evaluations: BTreeMap<String, Evaluation> = repo::evaluations(conn)?
        .into_iter()
        .filter_map(|(id, json)| Some((id, serde_json::from_str(&json).ok()?)))
        .collect();
    let mut rows: BTreeMap<(i32, String), ResultRow> = BTreeMap::new();
    for b in plans_repo::latest_briefs(conn)? {
        let r = row(&mut rows, &names, b.period_start.year(), &b.person_id);
        r.plans += 1;
        r.planned_cents += b.planned_cents;
        if let Some(e) = evaluations.get(&b.id) {
            count_outcomes(r, e);
        }
    }
    for (person, year, cents, minutes) in repo::spending_by_year(conn)? {
        let r = row(&mut rows, &names, year, &person);
        r.spent_cents += cents;
        r.spent_minutes += minutes;
    }
    let mut people: Vec<ResultRow> = rows.into_values().collect();
    people.sort_by(|a, b| {
        b.year
            .cmp(&a.year)
            .then_with(|| a.person_name.cmp(&b.person_name))
    });
    let team = team_rows(&people);
    Ok(Results { people, team })
}

/// The results as a sheet: the team's rows per year, then every person's.
pub fn results_table(r: &Results, lang: Language) -> Table {
    let nl = lang == Language::Nl;
    let w = |a: &str, b: &str| if nl { a.to_owned() } else { b.to_owned() };
    let team = w("Team", "Team");
    let line = |x: &ResultRow, who: &str| {
        vec![
            Cell::Count(i64::from(x.year)),
            Cell::Text(who.to_owned()),
            Cell::Count(i64::from(x.plans)),
            Cell::Money(x.planned_cents),
            Cell::Money(x.spent_cents),
            Cell::Text(hours(x.spent_minutes)),
            Cell::Count(i64::from(x.achieved)),
            Cell::Count(i64::from(x.partly)),
            Cell::Count(i64::from(x.not_achieved)),
        ]
    };
    Table {
        title: w("Kosten en resultaat", "Costs and results"),
        headers: vec![
            w("Jaar", "Year"),
            w("Wie", "Who"),
            w("Plannen", "Plans"),
            w("Gepland", "Planned"),
            w("Besteed uit budget", "Spent from budget"),
            w("Uren uit budget", "Hours from budget"),
            w("Doelen gehaald", "Goals achieved"),
            w("Deels", "Partly"),
            w("Niet", "Not"),
        ],
        rows: r
            .team
            .iter()
            .map(|x| line(x, &team))
            .chain(r.people.iter().map(|x| line(x, &x.person_name)))
            .collect(),
    }
}

/// Minutes as hours with at most two decimals ("1.5", "83").
fn hours(minutes: i64) -> String {
    if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        format!("{:.2}", minutes as f64 / 60.0)
            .trim_end_matches('0')
            .to_owned()
    }
}

/// Writes the results as CSV or XLSX to `path` (atomically); refused for a name that does not
/// end in the format's ending.
pub fn export_results(
    store: &Store,
    lang: Language,
    format: SheetFormat,
    path: &Path,
) -> Result<()> {
    crate::overview::check_sheet_output(store, format, path)?;
    let table = results_table(&results(store)?, lang);
    let bytes = match format {
        SheetFormat::Csv => to_csv(&table, lang),
        SheetFormat::Xlsx => to_xlsx(&table, lang).map_err(|e| CoreError::File {
            path: path.to_owned(),
            reason: e.to_string(),
            writing: true,
        })?,
    };
    crate::files::write_output(store, path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pop_domain::checkin::GoalEvaluation;

    fn goal(outcome: Outcome) -> GoalEvaluation {
        GoalEvaluation {
            goal_id: "g".into(),
            goal_title: String::new(),
            outcome,
            reflection: String::new(),
            carry: false,
        }
    }

    #[test]
    fn two_achieved_one_partly_one_not_are_counted_apart() {
        let mut r = ResultRow::default();
        count_outcomes(
            &mut r,
            &Evaluation {
                goals: vec![
                    goal(Outcome::Achieved),
                    goal(Outcome::Partly),
                    goal(Outcome::Achieved),
                    goal(Outcome::NotAchieved),
                ],
                reflection: String::new(),
            },
        );
        assert_eq!(
            (r.achieved, r.partly, r.not_achieved, r.evaluated()),
            (2, 1, 1, 4)
        );
    }

    #[test]
    fn the_team_row_of_2025_sums_zoe_500_and_karel_250_euros_and_their_goals() {
        let p = |year, who: &str, planned, spent, achieved| ResultRow {
            year,
            person_id: who.into(),
            person_name: who.into(),
            plans: 1,
            planned_cents: planned,
            spent_cents: spent,
            spent_minutes: 90,
            achieved,
            partly: 1,
            not_achieved: 0,
        };
        let team = team_rows(&[
            p(2025, "Zoë", 50_000, 40_000, 2),
            p(2025, "Karel", 25_000, 0, 1),
            p(2026, "Zoë", 10_000, 0, 0),
        ]);
        assert_eq!(team.len(), 2);
        assert_eq!(team[0].year, 2026, "newest year first");
        let y = &team[1];
        assert_eq!(
            (y.plans, y.planned_cents, y.spent_cents, y.spent_minutes),
            (2, 75_000, 40_000, 180)
        );
        assert_eq!((y.achieved, y.partly, y.not_achieved), (3, 2, 0));
        assert!(y.person_id.is_empty());
    }

    #[test]
    fn ninety_minutes_are_1_5_hours_and_83_hours_stay_whole() {
        assert_eq!(hours(90), "1.5");
        assert_eq!(hours(83 * 60), "83");
        assert_eq!(hours(20), "0.33");
    }
}
