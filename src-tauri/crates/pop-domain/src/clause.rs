//! The study-cost clause (studiekostenbeding): whether a training may carry one at all
//! (art. 7:611a BW: training required by law or the CAO, or necessary for the job, is free),
//! its sliding scale, and what it says is owed when someone leaves on a day for a reason.
//! Months elapsed are whole months, rounded down; amounts in cents, rounded half up.

use crate::validation::{Field, Problem, ValidationError};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why a training is followed, which decides who pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum TrainingKind {
    /// Required by law or the collective agreement (CAO) for the job: free, work time.
    Required,
    /// Necessary for the job, or a condition the employer set: free, work time.
    Necessary,
    /// Leads to a legally regulated professional qualification: get advice.
    Regulated,
    /// Chosen by the employee: a clause may apply.
    Voluntary,
}

impl TrainingKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "required" => Some(Self::Required),
            "necessary" => Some(Self::Necessary),
            "regulated" => Some(Self::Regulated),
            "voluntary" => Some(Self::Voluntary),
            _ => None,
        }
    }

    /// Free for the employee by law (art. 7:611a BW): no clause, not from the personal budget.
    pub fn free_by_law(self) -> bool {
        matches!(self, Self::Required | Self::Necessary)
    }
}

/// How the amount owed falls over the clause's period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Scale {
    /// By whole months elapsed: (months − elapsed) / months of the cost.
    Linear,
    /// Per whole year elapsed, the percentage of the cost (e.g. 100, 67, 33); 0 after.
    Steps { percents: Vec<u8> },
    /// Per whole month elapsed, the percentage; 0 after the last.
    Table { percents: Vec<u8> },
}

impl Scale {
    /// Parses `linear`, `steps:100,67,33` or `table:100,90,…`.
    pub fn parse(s: &str) -> Option<Self> {
        let numbers = |list: &str| -> Option<Vec<u8>> {
            list.split(',')
                .map(|p| p.trim().parse::<u8>().ok())
                .collect()
        };
        if s == "linear" {
            Some(Self::Linear)
        } else if let Some(list) = s.strip_prefix("steps:") {
            numbers(list).map(|percents| Self::Steps { percents })
        } else {
            s.strip_prefix("table:")
                .and_then(numbers)
                .map(|percents| Self::Table { percents })
        }
    }

    /// A scale never rises, stays within 0–100 % and is not empty.
    pub fn is_valid(&self) -> bool {
        match self {
            Self::Linear => true,
            Self::Steps { percents } | Self::Table { percents } => {
                !percents.is_empty()
                    && percents.iter().all(|p| *p <= 100)
                    && percents.windows(2).all(|w| w[1] <= w[0])
            }
        }
    }
}

/// Why employment ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum LeaveReason {
    Resign,
    DeclineExtension,
    UrgentDismissal,
    EmployerEnds,
    FixedTermNotRenewed,
    Mutual,
}

impl LeaveReason {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "resign" => Some(Self::Resign),
            "decline-extension" => Some(Self::DeclineExtension),
            "urgent-dismissal" => Some(Self::UrgentDismissal),
            "employer-ends" => Some(Self::EmployerEnds),
            "fixed-term-not-renewed" => Some(Self::FixedTermNotRenewed),
            "mutual" => Some(Self::Mutual),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Resign => "resign",
            Self::DeclineExtension => "decline-extension",
            Self::UrgentDismissal => "urgent-dismissal",
            Self::EmployerEnds => "employer-ends",
            Self::FixedTermNotRenewed => "fixed-term-not-renewed",
            Self::Mutual => "mutual",
        }
    }

    /// Whether a clause may be invoked: the employee's own choice or fault. Any other ending
    /// by the employer (and ending by mutual agreement) never makes anything owed.
    pub fn triggers_clause(self) -> bool {
        matches!(
            self,
            Self::Resign | Self::DeclineExtension | Self::UrgentDismissal
        )
    }
}

/// A study-cost clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Clause {
    pub course: String,
    pub kind: TrainingKind,
    /// The costs the clause covers (tuition, materials, exams, travel), in cents.
    #[ts(type = "number")]
    pub cost_cents: i64,
    /// The day the training ends (or the diploma): the period starts here.
    pub training_end: NaiveDate,
    /// The period over which the amount falls to nothing, in months.
    pub months: u32,
    pub scale: Scale,
    /// The day the training starts: both parties sign no later than this day. Clauses made
    /// before this field existed have none (and keep their JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub training_start: Option<NaiveDate>,
    /// What the cost is made of, when itemised; `cost_cents` is then their sum. Clauses made
    /// before this field existed have none (and keep their JSON, so their signatures hold).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub costs: Option<CostItems>,
    /// Whether the hours spent studying count as working time (paid), as agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub study_time_is_work_time: Option<bool>,
}

/// The costs a clause covers, item by item, in cents.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct CostItems {
    #[ts(type = "number")]
    pub tuition_cents: i64,
    #[ts(type = "number")]
    pub materials_cents: i64,
    #[ts(type = "number")]
    pub exam_cents: i64,
    #[ts(type = "number")]
    pub reexam_cents: i64,
    #[ts(type = "number")]
    pub travel_cents: i64,
}

impl CostItems {
    /// The items in the order the annex prints them, with their Dutch and English names.
    pub fn items(&self) -> [(&'static str, &'static str, i64); 5] {
        [
            ("Cursusgeld", "Tuition", self.tuition_cents),
            ("Studiemateriaal", "Materials", self.materials_cents),
            ("Examen", "Exam", self.exam_cents),
            ("Herexamen", "Re-exam", self.reexam_cents),
            ("Reiskosten", "Travel", self.travel_cents),
        ]
    }

    /// The sum of the items; `None` when an item is negative or above €1 000 000.
    pub fn total(&self) -> Option<i64> {
        let items = self.items();
        items
            .iter()
            .all(|(_, _, c)| (0..=MAX_COST_CENTS).contains(c))
            .then(|| items.iter().map(|(_, _, c)| c).sum())
    }
}

/// The most a clause (and each of its cost items) can cover: €1 000 000.
pub const MAX_COST_CENTS: i64 = 100_000_000;

/// The least a clause can cover: one cent (a clause is about a real cost).
pub const MIN_COST_CENTS: i64 = 1;

/// One party's signature under a study-cost clause: the name as typed, the date, and this
/// device's Ed25519 signature over the clause's exact text (see [`signing_statement`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClauseSignature {
    /// `employee`, or `manager` for the employer.
    pub party: crate::signing::Party,
    pub full_name: String,
    pub signed_on: NaiveDate,
    pub device_name: String,
    pub device_key: String,
    pub device_signature: String,
}

/// What a device signs for a clause: its id, the SHA-256 of its stored JSON, the party, the
/// name and the date — so a signature never fits another clause, text, signer or day.
pub fn signing_statement(id: &str, clause_json: &str, s: &ClauseSignature) -> String {
    format!(
        "groeikoers-clause-signature-v1\n{id}\n{}\n{}\n{}\n{}",
        crate::signing::sha256_hex(clause_json.as_bytes()),
        s.party.as_str(),
        s.full_name,
        s.signed_on
    )
}

/// Whether every signature still matches the clause's stored text `clause_json` (false:
/// the text or a signature was changed after signing).
pub fn signatures_intact(id: &str, clause_json: &str, signatures: &[ClauseSignature]) -> bool {
    signatures.iter().all(|s| {
        crate::seal::device_verify(
            &s.device_key,
            &signing_statement(id, clause_json, s),
            &s.device_signature,
        )
    })
}

/// The last day a clause can be signed: the training's start, or — for a clause that does
/// not name it — the training's end (signing afterwards is always too late).
pub fn last_signing_day(c: &Clause) -> NaiveDate {
    c.training_start.unwrap_or(c.training_end)
}

/// A clause binds only when both the employee and the employer signed it, each no later
/// than [`last_signing_day`].
pub fn binding(c: &Clause, signatures: &[ClauseSignature]) -> bool {
    use crate::signing::Party;
    let last = last_signing_day(c);
    [Party::Employee, Party::Manager].iter().all(|p| {
        signatures
            .iter()
            .any(|s| s.party == *p && s.signed_on <= last)
    })
}

/// How long a clause's period may reasonably be: a warning above 36 months, a strong one
/// above 60 (courts rarely accept it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PeriodWarning {
    Long,
    VeryLong,
}

pub fn period_warning(months: u32) -> Option<PeriodWarning> {
    match months {
        0..=36 => None,
        37..=60 => Some(PeriodWarning::Long),
        _ => Some(PeriodWarning::VeryLong),
    }
}

/// Checks a clause before it is stored: no clause for training that is free by law; a real
/// cost, a period of 1–120 months, a scale that never rises and has at most one step per
/// month of the period, a training that does not end before it starts.
pub fn validate(c: &Clause) -> Result<(), ValidationError> {
    if c.kind.free_by_law() {
        return Err(ValidationError::new(
            Field::TrainingKind,
            Problem::FreeByLaw,
        ));
    }
    if let Some(items) = &c.costs {
        match items.total() {
            None => {
                return Err(ValidationError::new(
                    Field::CostItem,
                    Problem::MoneyOutOfRange {
                        min_cents: 0,
                        max_cents: MAX_COST_CENTS,
                    },
                ))
            }
            Some(sum) if sum != c.cost_cents => {
                return Err(ValidationError::new(
                    Field::Cost,
                    Problem::NotTheSumOfItems { items_cents: sum },
                ))
            }
            Some(_) => {}
        }
    }
    if !(MIN_COST_CENTS..=MAX_COST_CENTS).contains(&c.cost_cents) {
        return Err(ValidationError::new(
            Field::Cost,
            Problem::MoneyOutOfRange {
                min_cents: MIN_COST_CENTS,
                max_cents: MAX_COST_CENTS,
            },
        ));
    }
    if c.months == 0 || c.months > 120 {
        return Err(ValidationError::new(
            Field::ClauseMonths,
            Problem::OutOfRange { min: 1, max: 120 },
        ));
    }
    if !c.scale.is_valid() {
        return Err(ValidationError::new(Field::Scale, Problem::ScaleRises));
    }
    if let Scale::Steps { percents } | Scale::Table { percents } = &c.scale {
        if percents.len() > c.months as usize {
            return Err(ValidationError::new(
                Field::Scale,
                Problem::ScaleTooLong {
                    steps: percents.len(),
                    max: c.months,
                },
            ));
        }
    }
    if c.training_start.is_some_and(|start| start > c.training_end) {
        return Err(ValidationError::new(
            Field::TrainingEnd,
            Problem::BeforeTrainingStart,
        ));
    }
    Ok(())
}

/// How long before the training a clause may be signed at most, in years.
pub const MAX_YEARS_SIGNED_BEFORE_TRAINING: u32 = 5;

/// Checks the date a party signs a clause for someone who started on `started` (if known):
/// no later than [`last_signing_day`], not before the person started, and not more than
/// [`MAX_YEARS_SIGNED_BEFORE_TRAINING`] years before the training.
pub fn check_signing_day(
    c: &Clause,
    started: Option<NaiveDate>,
    signed_on: NaiveDate,
) -> Result<(), ValidationError> {
    let last = last_signing_day(c);
    if signed_on > last {
        return Err(ValidationError::new(
            Field::SignedOn,
            Problem::SignedAfterTrainingStart,
        ));
    }
    if let Some(started) = started.filter(|s| signed_on < *s) {
        return Err(ValidationError::new(
            Field::SignedOn,
            Problem::BeforeStarted { started },
        ));
    }
    let years = MAX_YEARS_SIGNED_BEFORE_TRAINING;
    if last
        .checked_sub_months(chrono::Months::new(12 * years))
        .is_some_and(|earliest| signed_on < earliest)
    {
        return Err(ValidationError::new(
            Field::SignedOn,
            Problem::LongBeforeTraining { years },
        ));
    }
    Ok(())
}

/// Whole months from `from` to `to`, rounded down (0 when `to` is earlier).
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let mut m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        m -= 1;
    }
    m.max(0) as u32
}

/// The percentage (0–100, as per mille for linear precision) still owed after `elapsed` whole
/// months.
fn share_permille(c: &Clause, elapsed: u32) -> i64 {
    match &c.scale {
        Scale::Linear => {
            let left = i64::from(c.months.saturating_sub(elapsed));
            left * 1000 / i64::from(c.months.max(1))
        }
        Scale::Steps { percents } => percents
            .get((elapsed / 12) as usize)
            .filter(|_| elapsed < c.months)
            .map_or(0, |p| i64::from(*p) * 10),
        Scale::Table { percents } => percents
            .get(elapsed as usize)
            .filter(|_| elapsed < c.months)
            .map_or(0, |p| i64::from(*p) * 10),
    }
}

/// What the clause says is owed when the person leaves on `leave_on` for `reason`, in cents:
/// nothing for a reason the clause excludes or training free by law; the whole cost when
/// leaving before the training ended; then the scale by whole months elapsed.
pub fn owed(c: &Clause, leave_on: NaiveDate, reason: LeaveReason) -> i64 {
    if c.kind.free_by_law() || !reason.triggers_clause() {
        return 0;
    }
    if leave_on < c.training_end {
        return c.cost_cents;
    }
    let elapsed = whole_months(c.training_end, leave_on);
    if let Scale::Linear = c.scale {
        // Exact: cost × months left / months, rounded half up.
        let left = i64::from(c.months.saturating_sub(elapsed));
        let months = i64::from(c.months.max(1));
        return (c.cost_cents * left * 2 + months) / (2 * months);
    }
    (c.cost_cents * share_permille(c, elapsed) + 500) / 1000
}

/// What the clause says is owed when the employee stops the training (or does not finish it)
/// without good reason on `on`: the whole cost before the training's end, after it the scale
/// as for resigning that day; nothing for training free by law.
pub fn owed_on_stopping(c: &Clause, on: NaiveDate) -> i64 {
    owed(c, on, LeaveReason::Resign)
}

/// The record that a clause's training stopped without good reason: the day and a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Stopped {
    pub on: NaiveDate,
    pub note: String,
    /// What the clause says is owed for it (cents), when it binds.
    #[ts(type = "number")]
    pub owed_cents: i64,
}

/// The annex's table: for each month of the period, the day and what would be owed when
/// resigning from that day on.
pub fn schedule(c: &Clause) -> Vec<(NaiveDate, i64)> {
    (0..=c.months)
        .filter_map(|m| {
            let day = c.training_end.checked_add_months(chrono::Months::new(m))?;
            Some((day, owed(c, day, LeaveReason::Resign)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn course(scale: Scale) -> Clause {
        Clause {
            course: "Leidinggeven in de praktijk".into(),
            kind: TrainingKind::Voluntary,
            cost_cents: 300_000,
            training_end: d("2025-03-01"),
            months: 24,
            scale,
            training_start: Some(d("2024-09-01")),
            costs: None,
            study_time_is_work_time: None,
        }
    }

    fn signed(party: crate::signing::Party, on: &str) -> ClauseSignature {
        ClauseSignature {
            party,
            full_name: "Zoë".into(),
            signed_on: d(on),
            device_name: "laptop".into(),
            device_key: "k".into(),
            device_signature: "s".into(),
        }
    }

    #[test]
    fn a_clause_binds_only_when_both_signed_no_later_than_the_training_start() {
        use crate::signing::Party::{Employee, Manager};
        let c = course(Scale::Linear);
        assert!(!binding(&c, &[]));
        assert!(!binding(&c, &[signed(Employee, "2024-08-20")]));
        assert!(binding(
            &c,
            &[
                signed(Employee, "2024-08-20"),
                signed(Manager, "2024-09-01")
            ]
        ));
        assert!(!binding(
            &c,
            &[
                signed(Employee, "2024-08-20"),
                signed(Manager, "2024-09-02")
            ]
        ));
        let no_start = Clause {
            training_start: None,
            ..course(Scale::Linear)
        };
        // Without a start day, the end of the training (1 March 2025) is the last day.
        assert!(binding(
            &no_start,
            &[
                signed(Employee, "2025-02-20"),
                signed(Manager, "2025-03-01")
            ]
        ));
        assert!(!binding(
            &no_start,
            &[
                signed(Employee, "2025-02-20"),
                signed(Manager, "2025-03-02")
            ]
        ));
    }

    #[test]
    fn itemised_costs_of_2500_tuition_300_materials_200_exam_make_3000_and_must_add_up() {
        let items = CostItems {
            tuition_cents: 250_000,
            materials_cents: 30_000,
            exam_cents: 20_000,
            ..CostItems::default()
        };
        let c = Clause {
            costs: Some(items.clone()),
            study_time_is_work_time: Some(true),
            ..course(Scale::Linear)
        };
        assert_eq!(items.total(), Some(300_000));
        assert!(validate(&c).is_ok());
        let off = Clause {
            cost_cents: 310_000,
            ..c.clone()
        };
        assert_eq!(
            validate(&off).unwrap_err().problem,
            Problem::NotTheSumOfItems {
                items_cents: 300_000
            }
        );
        let negative = Clause {
            costs: Some(CostItems {
                travel_cents: -1,
                ..items
            }),
            ..c
        };
        assert!(matches!(
            validate(&negative).unwrap_err().problem,
            Problem::MoneyOutOfRange { .. }
        ));
    }

    #[test]
    fn stopping_a_3000_course_before_its_end_owes_3000_and_12_months_after_owes_1500() {
        let c = course(Scale::Linear);
        assert_eq!(owed_on_stopping(&c, d("2025-01-15")), 300_000);
        assert_eq!(owed_on_stopping(&c, d("2026-03-01")), 150_000);
        let free = Clause {
            kind: TrainingKind::Required,
            ..c
        };
        assert_eq!(owed_on_stopping(&free, d("2025-01-15")), 0);
    }

    #[test]
    fn a_clause_without_items_keeps_its_old_json() {
        let json = serde_json::to_string(&course(Scale::Linear)).unwrap();
        assert!(!json.contains("costs") && !json.contains("studyTime"));
    }

    #[test]
    fn a_training_that_starts_after_it_ends_is_refused() {
        let c = Clause {
            training_start: Some(d("2025-03-02")),
            ..course(Scale::Linear)
        };
        assert_eq!(
            validate(&c).unwrap_err(),
            ValidationError::new(Field::TrainingEnd, Problem::BeforeTrainingStart)
        );
    }

    #[test]
    fn a_scale_has_at_most_one_step_per_month_of_the_period() {
        let many = Clause {
            scale: Scale::Table {
                percents: vec![1; 10_000],
            },
            ..course(Scale::Linear)
        };
        assert_eq!(
            validate(&many).unwrap_err(),
            ValidationError::new(
                Field::Scale,
                Problem::ScaleTooLong {
                    steps: 10_000,
                    max: 24
                }
            )
        );
        let per_month = Clause {
            scale: Scale::Table {
                percents: vec![1; 24],
            },
            ..course(Scale::Linear)
        };
        assert!(validate(&per_month).is_ok());
    }

    #[test]
    fn a_cost_out_of_range_names_the_same_limits_for_zero_and_too_much() {
        for cost_cents in [0, -1, MAX_COST_CENTS + 1] {
            let c = Clause {
                cost_cents,
                ..course(Scale::Linear)
            };
            assert_eq!(
                validate(&c).unwrap_err(),
                ValidationError::new(
                    Field::Cost,
                    Problem::MoneyOutOfRange {
                        min_cents: MIN_COST_CENTS,
                        max_cents: MAX_COST_CENTS
                    }
                )
            );
        }
    }

    #[test]
    fn a_clause_is_signed_after_the_person_started_and_not_years_before_the_training() {
        let c = course(Scale::Linear);
        let started = Some(d("2024-01-01"));
        assert!(check_signing_day(&c, started, d("2024-08-20")).is_ok());
        assert_eq!(
            check_signing_day(&c, started, d("1900-01-01")).unwrap_err(),
            ValidationError::new(
                Field::SignedOn,
                Problem::BeforeStarted {
                    started: d("2024-01-01")
                }
            )
        );
        assert_eq!(
            check_signing_day(&c, None, d("1900-01-01"))
                .unwrap_err()
                .problem,
            Problem::LongBeforeTraining { years: 5 }
        );
        assert_eq!(
            check_signing_day(&c, started, d("2024-09-02"))
                .unwrap_err()
                .problem,
            Problem::SignedAfterTrainingStart
        );
    }

    #[test]
    fn the_signed_statement_changes_with_the_text_the_signer_and_the_day() {
        use crate::signing::Party::Employee;
        let s = signed(Employee, "2024-08-20");
        let base = signing_statement("c1", "{\"a\":1}", &s);
        assert_ne!(base, signing_statement("c2", "{\"a\":1}", &s));
        assert_ne!(base, signing_statement("c1", "{\"a\":2}", &s));
        assert_ne!(
            base,
            signing_statement("c1", "{\"a\":1}", &signed(Employee, "2024-08-21"))
        );
    }

    #[test]
    fn eur_3000_linear_over_24_months_resigning_after_12_owes_1500_and_after_24_nothing() {
        let c = course(Scale::Linear);
        assert_eq!(owed(&c, d("2026-03-01"), LeaveReason::Resign), 150_000);
        assert_eq!(owed(&c, d("2027-03-01"), LeaveReason::Resign), 0);
        // Whole months, rounded down: on 28 February 2026 only 11 have passed.
        assert_eq!(owed(&c, d("2026-02-28"), LeaveReason::Resign), 162_500);
        // Before the training ends: all of it.
        assert_eq!(owed(&c, d("2025-02-01"), LeaveReason::Resign), 300_000);
    }

    #[test]
    fn an_ending_by_the_employer_or_by_agreement_owes_nothing() {
        let c = course(Scale::Linear);
        for reason in [
            LeaveReason::FixedTermNotRenewed,
            LeaveReason::EmployerEnds,
            LeaveReason::Mutual,
        ] {
            assert_eq!(owed(&c, d("2025-06-01"), reason), 0, "{reason:?}");
        }
        for reason in [
            LeaveReason::Resign,
            LeaveReason::DeclineExtension,
            LeaveReason::UrgentDismissal,
        ] {
            assert!(owed(&c, d("2025-06-01"), reason) > 0, "{reason:?}");
        }
    }

    #[test]
    fn yearly_steps_100_67_33_over_36_months() {
        let mut c = course(Scale::Steps {
            percents: vec![100, 67, 33],
        });
        c.months = 36;
        assert_eq!(owed(&c, d("2025-09-01"), LeaveReason::Resign), 300_000);
        assert_eq!(owed(&c, d("2026-03-01"), LeaveReason::Resign), 201_000);
        assert_eq!(owed(&c, d("2027-08-31"), LeaveReason::Resign), 99_000);
        assert_eq!(owed(&c, d("2028-03-01"), LeaveReason::Resign), 0);
    }

    #[test]
    fn training_free_by_law_carries_no_clause() {
        for kind in [TrainingKind::Required, TrainingKind::Necessary] {
            let c = Clause {
                kind,
                ..course(Scale::Linear)
            };
            assert_eq!(validate(&c).unwrap_err().problem, Problem::FreeByLaw);
            assert_eq!(owed(&c, d("2025-06-01"), LeaveReason::Resign), 0);
        }
        assert!(validate(&Clause {
            kind: TrainingKind::Regulated,
            ..course(Scale::Linear)
        })
        .is_ok());
    }

    #[test]
    fn a_scale_that_rises_or_does_not_fit_is_refused() {
        for bad in ["steps:50,60", "table:", "steps:101", "table:x"] {
            if let Some(s) = Scale::parse(bad) {
                assert!(!s.is_valid(), "{bad}");
            }
        }
        assert!(Scale::parse("steps:100,67,33").unwrap().is_valid());
        assert!(Scale::parse("nonsense").is_none());
    }

    #[test]
    fn a_scale_never_rises_over_the_period() {
        // Property: for every valid scale and month, what is owed never grows with time.
        let scales = [
            Scale::Linear,
            Scale::Steps {
                percents: vec![100, 75, 50, 25],
            },
            Scale::Table {
                percents: (0..=100).rev().step_by(5).map(|p| p as u8).collect(),
            },
        ];
        for scale in scales {
            for months in [1, 12, 24, 37, 60] {
                let c = Clause {
                    months,
                    ..course(scale.clone())
                };
                let table = schedule(&c);
                assert!(
                    table.windows(2).all(|w| w[1].1 <= w[0].1),
                    "{scale:?} {months}"
                );
                assert_eq!(table.last().unwrap().1, 0, "ends at 0 %");
            }
        }
    }

    #[test]
    fn long_periods_are_warned_about() {
        assert_eq!(period_warning(24), None);
        assert_eq!(period_warning(48), Some(PeriodWarning::Long));
        assert_eq!(period_warning(61), Some(PeriodWarning::VeryLong));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn any_valid_scale() -> impl Strategy<Value = Scale> {
            prop_oneof![
                Just(Scale::Linear),
                proptest::collection::vec(0u8..=100, 1..6).prop_map(|mut p| {
                    p.sort_unstable_by(|a, b| b.cmp(a));
                    Scale::Steps { percents: p }
                }),
                proptest::collection::vec(0u8..=100, 1..40).prop_map(|mut p| {
                    p.sort_unstable_by(|a, b| b.cmp(a));
                    Scale::Table { percents: p }
                }),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            /// What a clause says is owed never rises as time passes, never exceeds the cost,
            /// and is nothing once the period is over.
            #[test]
            fn what_is_owed_never_rises_and_ends_at_nothing(
                scale in any_valid_scale(),
                months in 1u32..=120,
                cost in 1i64..=100_000_000,
                days in proptest::collection::vec(0i64..4000, 2..10),
            ) {
                let c = Clause { months, cost_cents: cost, ..course(scale) };
                prop_assume!(c.scale.is_valid());
                let mut days = days;
                days.sort_unstable();
                let owed_on = |n: i64| owed(&c, d("2024-09-01") + chrono::Duration::days(n), LeaveReason::Resign);
                for w in days.windows(2) {
                    prop_assert!(owed_on(w[1]) <= owed_on(w[0]));
                }
                for n in &days {
                    prop_assert!((0..=cost).contains(&owed_on(*n)));
                }
                let after = c.training_end.checked_add_months(chrono::Months::new(months)).unwrap();
                prop_assert_eq!(owed(&c, after, LeaveReason::Resign), 0);
            }
        }
    }
}
