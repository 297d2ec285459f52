//! Use cases of the employer's side: the budget scheme, a person's FTE, their budget ledger
//! (computed from the schemes and the recorded spending and corrections), spending from it,
//! study-cost clauses and what they say is owed at leaving.

use crate::error::Result;
use crate::people::get_person;
use chrono::NaiveDate;
use pop_domain::budget::{self, AtExit, Credit, Employment, Entry, FteChange, Recorded, Scheme};
use pop_domain::clause::{self, Clause, LeaveReason, Scale, TrainingKind};
use pop_domain::text::{optional_date, required_line};
use pop_domain::{Clock, Field, Problem, ValidationError};
use pop_store::{budget as repo, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Most euros and hours a scheme may credit in a year.
pub const MAX_EURO_PER_YEAR: i64 = 1_000_000;
pub const MAX_HOURS_PER_YEAR: i64 = 2_000;
/// Most euros (and hours) one line of a person's budget may book.
pub const MAX_BOOKED_EURO: i64 = 10_000_000;
pub const MAX_BOOKED_HOURS: i64 = 10_000;
/// Most euros a final pay (and its protected part) may be.
pub const MAX_PAY_EURO: i64 = 10_000_000;
/// Block credits and expiry a scheme allows.
const BLOCK_YEARS: (i64, i64) = (1, 10);
const EXPIRY_MONTHS: (i64, i64) = (1, 240);

fn out_of_range(field: Field, (min, max): (i64, i64)) -> crate::CoreError {
    ValidationError::new(field, Problem::OutOfRange { min, max }).into()
}

/// The cents an amount `field` takes may be, (least, most): the one place the use cases and
/// every parser of typed euros read the limits from, so that an empty, zero, negative, too
/// large or unreadable amount gets the same message.
pub fn money_range(field: Field) -> (i64, i64) {
    match field {
        Field::Cost => (clause::MIN_COST_CENTS, clause::MAX_COST_CENTS),
        Field::CostItem | Field::ClauseThreshold => (0, clause::MAX_COST_CENTS),
        Field::SchemeEuro => (0, MAX_EURO_PER_YEAR * 100),
        Field::SchemeCap => (0, MAX_EURO_PER_YEAR * 100 * 10),
        Field::FinalPay | Field::ProtectedPay => (0, MAX_PAY_EURO * 100),
        _ => (0, MAX_BOOKED_EURO * 100),
    }
}

/// The hours an hours `field` takes may be, (least, most), in whole hours.
pub fn hours_range(field: Field) -> (i64, i64) {
    match field {
        Field::SchemeHours => (0, MAX_HOURS_PER_YEAR),
        _ => (0, MAX_BOOKED_HOURS),
    }
}

fn money_error(field: Field) -> crate::CoreError {
    let (min_cents, max_cents) = money_range(field);
    ValidationError::new(
        field,
        Problem::MoneyOutOfRange {
            min_cents,
            max_cents,
        },
    )
    .into()
}

/// Refuses `cents` outside [`money_range`] of `field`.
pub fn check_money(field: Field, cents: i64) -> Result<i64> {
    let (min, max) = money_range(field);
    if (min..=max).contains(&cents) {
        Ok(cents)
    } else {
        Err(money_error(field))
    }
}

/// Euros as typed ("1500", "1.500,50", "1500.5", "2.400", "€ 2.400") in cents, within
/// [`money_range`] of `field`. Without a comma, dots followed by groups of exactly three
/// digits separate thousands (amounts have two decimals). Anything else — empty, not a
/// number, negative, too large — is refused with the field's limits.
pub fn parse_euros(field: Field, s: &str) -> Result<i64> {
    let t = s.trim().trim_start_matches('€').trim().replace(' ', "");
    let thousands = |t: &str| {
        let mut groups = t.split('.');
        groups.next().is_some_and(|g| {
            (1..=3).contains(&g.len())
                && !g.starts_with('0')
                && g.bytes().all(|b| b.is_ascii_digit())
        }) && t.contains('.')
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    };
    let normal = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else if thousands(&t) {
        t.replace('.', "")
    } else {
        t
    };
    let v: f64 = normal.parse().map_err(|_| money_error(field))?;
    let (_, max) = money_range(field);
    if !v.is_finite() || !(0.0..=max as f64 / 100.0).contains(&v) {
        return Err(money_error(field));
    }
    check_money(field, (v * 100.0).round() as i64)
}

/// Hours as typed ("12", "1,5", "1.5") in minutes, within [`hours_range`] of `field`.
pub fn parse_hours(field: Field, s: &str) -> Result<i64> {
    let range = hours_range(field);
    let v: f64 = s
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| out_of_range(field, range))?;
    if !v.is_finite() || !(range.0 as f64..=range.1 as f64).contains(&v) {
        return Err(out_of_range(field, range));
    }
    Ok((v * 60.0).round() as i64)
}

fn check_minutes(field: Field, minutes: i64) -> Result<i64> {
    let range = hours_range(field);
    if (range.0 * 60..=range.1 * 60).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(out_of_range(field, range))
    }
}

fn date(field: Field, s: &str) -> Result<NaiveDate> {
    optional_date(field, Some(s))?
        .ok_or_else(|| ValidationError::new(field, Problem::Required).into())
}

/// Checks and stores a scheme; a scheme from a later date starts a new period, the old one
/// stays for the years it covered.
pub fn set_scheme(store: &mut Store, clock: &dyn Clock, scheme: Scheme) -> Result<Scheme> {
    check_money(Field::SchemeEuro, scheme.euro_cents_per_year)?;
    check_minutes(Field::SchemeHours, scheme.minutes_per_year)?;
    if scheme.euro_cents_per_year == 0 && scheme.minutes_per_year == 0 {
        return Err(ValidationError::new(Field::Scheme, Problem::NeedsEuroOrHours).into());
    }
    let within = |v: u32, (min, max): (i64, i64)| (min..=max).contains(&i64::from(v));
    if let Credit::Block { years } = scheme.credit {
        if !within(years, BLOCK_YEARS) {
            return Err(out_of_range(Field::SchemeBlockYears, BLOCK_YEARS));
        }
    }
    if scheme
        .expire_after_months
        .is_some_and(|m| !within(m, EXPIRY_MONTHS))
    {
        return Err(out_of_range(Field::SchemeExpiry, EXPIRY_MONTHS));
    }
    if let Some(cap) = scheme.cap_cents {
        check_money(Field::SchemeCap, cap)?;
    }
    let json = serde_json::to_string(&scheme).expect("a scheme serialises");
    let at = clock.now().to_rfc3339();
    store.write(|tx| repo::set_scheme(tx, &scheme.from.to_string(), &json, &at))?;
    Ok(scheme)
}

pub fn schemes(store: &Store) -> Result<Vec<Scheme>> {
    repo::schemes(store.conn())?
        .iter()
        .map(|j| Ok(repo::parse("budget scheme", j)?))
        .collect()
}

/// An FTE as typed (0.1–1.0, dot or comma) in per mille.
pub fn parse_fte(s: &str) -> Result<u32> {
    let v: f64 = s
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| ValidationError::new(Field::Fte, Problem::FteOutOfRange))?;
    if !(0.1..=1.0).contains(&v) || !v.is_finite() {
        return Err(ValidationError::new(Field::Fte, Problem::FteOutOfRange).into());
    }
    Ok((v * 1000.0).round() as u32)
}

/// From `from` on the person works `permille` / 1000 of full time.
pub fn set_fte(store: &mut Store, person_id: &str, from: &str, permille: u32) -> Result<()> {
    get_person(store, person_id)?;
    let from = date(Field::StartDate, from)?;
    if !(100..=1000).contains(&permille) {
        return Err(ValidationError::new(Field::Fte, Problem::FteOutOfRange).into());
    }
    store.write(|tx| repo::set_fte(tx, person_id, &from.to_string(), permille))?;
    Ok(())
}

/// A dated change of a person's FTE as typed (date, and 0.1–1.0 with a dot or a comma): from
/// that day on the budget is credited for the new factor. Refused, with nothing stored, for a
/// factor outside 0.1–1.0, an impossible date, a day before the person started or after they
/// left.
pub fn change_fte(
    store: &mut Store,
    person_id: &str,
    from: &str,
    fte: &str,
    today: NaiveDate,
) -> Result<BudgetView> {
    let person = get_person(store, person_id)?;
    let permille = parse_fte(fte)?;
    let day = date(Field::FteFrom, from)?;
    if let Some(started) = person.start_date.filter(|start| day < *start) {
        return Err(
            ValidationError::new(Field::FteFrom, Problem::BeforeStarted { started }).into(),
        );
    }
    if person.left_on.is_some_and(|left| day > left) {
        return Err(ValidationError::new(Field::FteFrom, Problem::AfterLeaving).into());
    }
    set_fte(store, person_id, &day.to_string(), permille)?;
    person_budget(store, person_id, today)
}

fn employment(store: &Store, person_id: &str) -> Result<Employment> {
    employment_of(store, &get_person(store, person_id)?)
}

fn employment_of(store: &Store, person: &pop_domain::Person) -> Result<Employment> {
    let person_id = person.id.as_str();
    let fte = repo::fte(store.conn(), person_id)?
        .into_iter()
        .filter_map(|(from, permille)| {
            Some(FteChange {
                from: NaiveDate::parse_from_str(&from, "%Y-%m-%d").ok()?,
                permille,
            })
        })
        .collect();
    Ok(Employment {
        start: person.start_date,
        end: person.left_on,
        fte,
    })
}

fn recorded(store: &Store, person_id: &str) -> Result<Vec<Recorded>> {
    Ok(repo::entries(store.conn(), person_id)?
        .into_iter()
        .filter_map(|e| {
            Some(Recorded {
                on: NaiveDate::parse_from_str(&e.on_date, "%Y-%m-%d").ok()?,
                euro_cents: e.euro_cents,
                minutes: e.minutes,
                correction: e.correction,
                text: e.text,
            })
        })
        .collect())
}

/// A person's budget on a day: the balance in euros and hours and every line behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetView {
    pub person_id: String,
    pub at: NaiveDate,
    #[ts(type = "number")]
    pub euro_cents: i64,
    #[ts(type = "number")]
    pub minutes: i64,
    pub ledger: Vec<Entry>,
    /// The person's FTE changes, oldest first (none: full time).
    pub fte: Vec<FteChange>,
}

/// For the owner's overview: what `person`'s budget holds on `at` and what was spent from it
/// in `at`'s calendar year (cents), given the schemes read once.
pub(crate) fn available_and_spent(
    store: &Store,
    schemes: &[Scheme],
    person: &pop_domain::Person,
    at: NaiveDate,
) -> Result<(i64, i64)> {
    use chrono::Datelike;
    let ledger = budget::ledger(
        schemes,
        &employment_of(store, person)?,
        &recorded(store, &person.id)?,
        at,
    );
    let spent = ledger
        .iter()
        .filter(|e| e.kind == pop_domain::budget::EntryKind::Spend && e.on.year() == at.year())
        .map(|e| -e.euro_cents)
        .sum();
    Ok((budget::balance(&ledger).0, spent))
}

pub fn person_budget(store: &Store, person_id: &str, at: NaiveDate) -> Result<BudgetView> {
    let emp = employment(store, person_id)?;
    let ledger = budget::ledger(&schemes(store)?, &emp, &recorded(store, person_id)?, at);
    let (euro_cents, minutes) = budget::balance(&ledger);
    Ok(BudgetView {
        person_id: person_id.to_owned(),
        at,
        euro_cents,
        minutes,
        ledger,
        fte: emp.fte,
    })
}

/// Spending from the budget (euros and/or hours) for `text`; refused when it is more than
/// the balance on that day, or the person was not employed then.
pub fn spend(
    store: &mut Store,
    clock: &dyn Clock,
    person_id: &str,
    on: &str,
    euro_cents: i64,
    minutes: i64,
    text: &str,
) -> Result<BudgetView> {
    let text = required_line(Field::SpendFor, text, 200)?;
    let on = date(Field::BookedOn, on)?;
    check_money(Field::Budget, euro_cents)?;
    check_minutes(Field::BudgetHours, minutes)?;
    if euro_cents == 0 && minutes == 0 {
        return Err(ValidationError::new(Field::Budget, Problem::Required).into());
    }
    let emp = employment(store, person_id)?;
    if !budget::can_spend_on(&emp, on) {
        return Err(ValidationError::new(Field::BookedOn, Problem::NotEmployed).into());
    }
    let row = repo::EntryRow {
        on_date: on.to_string(),
        euro_cents,
        minutes,
        correction: false,
        text,
    };
    book(store, clock, person_id, on, (-euro_cents, -minutes), row)
}

/// Books one recorded line that changes the balance by `change` (cents, minutes), unless
/// that would take more than the balance holds on `on`.
fn book(
    store: &mut Store,
    clock: &dyn Clock,
    person_id: &str,
    on: NaiveDate,
    change: (i64, i64),
    row: repo::EntryRow,
) -> Result<BudgetView> {
    let now = person_budget(store, person_id, on)?;
    // Named by what is short: the euros, else the hours.
    if change.0 < 0 && now.euro_cents + change.0 < 0 {
        return Err(ValidationError::new(
            Field::Budget,
            Problem::OverBudget {
                available_cents: now.euro_cents,
            },
        )
        .into());
    }
    if change.1 < 0 && now.minutes + change.1 < 0 {
        return Err(ValidationError::new(
            Field::BudgetHours,
            Problem::OverHours {
                available_minutes: now.minutes,
            },
        )
        .into());
    }
    let at = clock.now().to_rfc3339();
    store.write(|tx| repo::add_entry(tx, person_id, &row, &at))?;
    person_budget(store, person_id, on)
}

/// A correction of a person's budget with the reason (the ledger is append-only: a mistake
/// is put right by a new line, never by changing one). Positive adds, negative takes; it may
/// not take more than the balance on that day.
pub fn correct(
    store: &mut Store,
    clock: &dyn Clock,
    person_id: &str,
    on: &str,
    euro_cents: i64,
    minutes: i64,
    reason: &str,
) -> Result<BudgetView> {
    let reason = required_line(Field::CorrectionReason, reason, 200)?;
    let on = date(Field::BookedOn, on)?;
    check_money(Field::Budget, euro_cents.saturating_abs())?;
    check_minutes(Field::BudgetHours, minutes.saturating_abs())?;
    if euro_cents == 0 && minutes == 0 {
        return Err(ValidationError::new(Field::Budget, Problem::Required).into());
    }
    let row = repo::EntryRow {
        on_date: on.to_string(),
        euro_cents,
        minutes,
        correction: true,
        text: reason,
    };
    book(store, clock, person_id, on, (euro_cents, minutes), row)
}

/// Books what a plan version that has just been signed takes from the person's development
/// budget, inside the signing's own transaction (so a crash leaves the plan unsigned and the
/// budget untouched, or both done): per action the budget pays — never training that is free
/// by law (art. 7:611a BW) — what it costs now less what earlier versions of the plan already
/// took. A new version takes only what changed and gives back (as a correction with its
/// reason) what was removed, dropped or moved off the budget. Nothing is booked while the
/// organisation has no budget scheme (a personal computer, or an owner without one). The
/// plan editor warns before signing when the costs exceed the balance; signing books them
/// regardless, and the ledger shows the agreement that took the balance below zero.
pub(crate) fn charge_signed_in(
    tx: &pop_store::rusqlite::Connection,
    plan: &pop_domain::plan::Plan,
    on: NaiveDate,
    at: &str,
) -> std::result::Result<(), pop_store::StoreError> {
    let schemes = repo::schemes(tx)?;
    if schemes.is_empty() {
        return Ok(());
    }
    // Hours are booked only where the organisation keeps an hours budget.
    let keeps_hours = schemes
        .iter()
        .any(|j| repo::parse::<Scheme>("budget scheme", j).is_ok_and(|s| s.minutes_per_year > 0));
    let series = pop_store::plans::series_of(tx, &plan.id)?.unwrap_or_else(|| plan.id.clone());
    let prefix = format!("plan:{series}:");
    let wanted: Vec<(String, i64)> = plan
        .content
        .budget_charges()
        .into_iter()
        .map(|(action, cents)| (format!("{prefix}{action}"), cents))
        .collect();
    let en = plan.content.language == Some(pop_domain::Language::En);
    let title = plan.content.title.trim();
    // Euros and hours apart; an hours line's source ends in ":h".
    let hours: Vec<(String, i64)> = plan
        .content
        .budget_hour_charges()
        .into_iter()
        .filter(|_| keeps_hours)
        .map(|(action, minutes)| (format!("{prefix}{action}:h"), minutes))
        .collect();
    let euro_diffs =
        budget::charge_differences(&wanted, &repo::charged(tx, &plan.person_id, &prefix)?);
    let hour_diffs = budget::charge_differences(
        &hours,
        &repo::charged_minutes(tx, &plan.person_id, &prefix)?,
    );
    let lines = euro_diffs
        .into_iter()
        .map(|(source, diff)| (source, diff, false))
        .chain(
            hour_diffs
                .into_iter()
                .map(|(source, diff)| (source, diff, true)),
        );
    for (source, diff, in_hours) in lines {
        let action_id = source[prefix.len()..].trim_end_matches(":h");
        let what = plan
            .content
            .goals
            .iter()
            .flat_map(|g| &g.actions)
            .find(|a| a.id == action_id)
            .map_or("", |a| a.description.trim());
        let text = match (diff > 0, en) {
            (true, false) => format!("{title} (versie {}, ondertekend): {what}", plan.version),
            (true, true) => format!("{title} (version {}, signed): {what}", plan.version),
            (false, false) => format!(
                "{title} (versie {}): terug, niet meer uit het budget: {what}",
                plan.version
            ),
            (false, true) => format!(
                "{title} (version {}): given back, no longer from the budget: {what}",
                plan.version
            ),
        };
        let row = repo::EntryRow {
            on_date: on.to_string(),
            euro_cents: if in_hours { 0 } else { diff.abs() },
            minutes: if in_hours { diff.abs() } else { 0 },
            correction: diff < 0,
            text: text.chars().take(200).collect(),
        };
        repo::add_charge(tx, &plan.person_id, &row, &source, at)?;
    }
    Ok(())
}

/// Marks a person as left on a day, for a reason (kept with the person: clauses and the
/// budget's exit rule read it).
pub fn leave(
    store: &mut Store,
    clock: &dyn Clock,
    person_id: &str,
    on: Option<String>,
    reason: Option<LeaveReason>,
) -> Result<pop_domain::Person> {
    store.batch(|store| {
        let person = crate::people::mark_person_left(store, clock, person_id, on)?;
        store.write(|tx| repo::set_left_reason(tx, person_id, reason.map(LeaveReason::code)))?;
        Ok(person)
    })
}

/// A new study-cost clause, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClauseInput {
    pub person_id: String,
    pub course: String,
    pub kind: TrainingKind,
    #[ts(type = "number")]
    pub cost_cents: i64,
    pub training_end: String,
    pub months: u32,
    pub scale: Scale,
    /// The day the training starts (both sign no later than this day).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub training_start: Option<String>,
    /// The cost item by item; when given, `cost_cents` may be 0 and is then their sum.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub costs: Option<clause::CostItems>,
    /// Whether study time counts as working time, as agreed.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub study_time_is_work_time: Option<bool>,
}

/// A stored clause with its warnings and signatures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClauseView {
    pub id: String,
    pub person_id: String,
    pub clause: Clause,
    pub period_warning: Option<clause::PeriodWarning>,
    pub signatures: Vec<clause::ClauseSignature>,
    /// Both parties signed, no later than the training's start.
    pub binding: bool,
    /// Every signature still matches the clause's stored text (false: changed behind the
    /// app's back after signing).
    pub intact: bool,
    /// The training was stopped without good reason (a trigger), with what that owes.
    pub stopped: Option<clause::Stopped>,
}

/// Agrees a study-cost clause: refused for training free by law (art. 7:611a BW), for a scale
/// that rises or has more steps than the period has months, for a period outside 1–120
/// months, for a training that ends before it starts.
pub fn new_clause(store: &mut Store, clock: &dyn Clock, input: ClauseInput) -> Result<ClauseView> {
    get_person(store, &input.person_id)?;
    let cost_cents = match &input.costs {
        Some(items) if input.cost_cents == 0 => items.total().unwrap_or(-1),
        _ => input.cost_cents,
    };
    let c = Clause {
        course: required_line(Field::Course, &input.course, 200)?,
        kind: input.kind,
        cost_cents,
        training_end: date(Field::TrainingEnd, &input.training_end)?,
        months: input.months,
        scale: input.scale,
        training_start: optional_date(Field::TrainingStart, input.training_start.as_deref())?,
        costs: input.costs,
        study_time_is_work_time: input.study_time_is_work_time,
    };
    clause::validate(&c)?;
    if let Some(threshold_cents) = clause_threshold(store)? {
        if c.cost_cents < threshold_cents {
            return Err(ValidationError::new(
                Field::Cost,
                Problem::BelowClauseThreshold { threshold_cents },
            )
            .into());
        }
    }
    let id = crate::new_id();
    let json = serde_json::to_string(&c).expect("a clause serialises");
    let at = clock.now().to_rfc3339();
    store.write(|tx| repo::add_clause(tx, &id, &input.person_id, &json, &at))?;
    get_clause(store, &id)
}

const CLAUSE_THRESHOLD: &str = "clause_threshold_cents";

/// The owner's threshold for study-cost clauses (cents): a training costing less carries no
/// clause. `None`: no threshold.
pub fn clause_threshold(store: &Store) -> Result<Option<i64>> {
    Ok(pop_store::settings::get(store.conn(), CLAUSE_THRESHOLD)?
        .and_then(|v| v.parse().ok())
        .filter(|c: &i64| *c > 0))
}

/// Sets (or with `None` removes) the threshold; €0–€1 000 000.
pub fn set_clause_threshold(store: &mut Store, cents: Option<i64>) -> Result<Option<i64>> {
    if let Some(c) = cents {
        check_money(Field::ClauseThreshold, c)?;
    }
    match cents {
        Some(c) if c > 0 => {
            store.write(|tx| pop_store::settings::set(tx, CLAUSE_THRESHOLD, &c.to_string()))?;
            clause_threshold(store)
        }
        _ => {
            store.write(|tx| pop_store::settings::delete(tx, CLAUSE_THRESHOLD))?;
            Ok(None)
        }
    }
}

/// One party signs a clause (the employee, or the manager for the employer), with the name as
/// typed, the date (default today) and this device's signature over the clause's stored text.
/// Refused, with nothing stored, without consent or a name, for a party that already signed,
/// for a date after the training started (a clause counts only when signed before), before
/// the person started, or years before the training.
pub fn sign_clause(
    store: &mut Store,
    clock: &dyn Clock,
    id: &str,
    input: pop_domain::signing::SignInput,
) -> Result<ClauseView> {
    let (_, json) = repo::clause(store.conn(), id)?.ok_or_else(|| crate::CoreError::NotFound {
        what: crate::error::Entity::Clause,
        id: id.to_owned(),
    })?;
    let view = get_clause(store, id)?;
    let (full_name, signed_on) = pop_domain::signing::validate_sign_input(&input, clock.today())?;
    let started = get_person(store, &view.person_id)?.start_date;
    clause::check_signing_day(&view.clause, started, signed_on)?;
    if view.signatures.iter().any(|s| s.party == input.party) {
        return Err(ValidationError::new(Field::Party, Problem::AlreadySigned).into());
    }
    let device = crate::device::identity(store, clock)?;
    let mut signature = clause::ClauseSignature {
        party: input.party,
        full_name,
        signed_on,
        device_name: device.name.clone(),
        device_key: device.public_key.clone(),
        device_signature: String::new(),
    };
    signature.device_signature = pop_domain::seal::device_sign(
        &crate::device::secret(&device)?,
        &clause::signing_statement(id, &json, &signature),
    )
    .ok_or_else(|| pop_store::StoreError::Corrupt("the device key cannot sign".into()))?;
    let at = clock.now().to_rfc3339();
    store.write(|tx| {
        repo::add_clause_signature(tx, id, &signature, &at)?;
        pop_store::signing::log_event(
            tx,
            &at,
            None,
            "clause-signed",
            // No name: an erasure of the person must leave nothing of them in the log.
            &format!("{id} {}", signature.party.as_str()),
        )
    })?;
    get_clause(store, id)
}

/// Records that the employee stopped the clause's training (or did not finish it) without
/// good reason on `on` — one of the clause's triggers — with an optional note. Beside the
/// clause, never in its signed text. Refused: a day before the training started or after the
/// person left, a second record, a note above 500 characters.
pub fn stop_clause(
    store: &mut Store,
    clock: &dyn Clock,
    id: &str,
    on: &str,
    note: Option<&str>,
) -> Result<ClauseView> {
    let view = get_clause(store, id)?;
    let on = date(Field::StoppedOn, on)?;
    let note = pop_domain::text::optional_line(Field::StoppedNote, note, 500)?.unwrap_or_default();
    if view.clause.training_start.is_some_and(|start| on < start) {
        return Err(ValidationError::new(Field::StoppedOn, Problem::BeforeTrainingStart).into());
    }
    if get_person(store, &view.person_id)?
        .left_on
        .is_some_and(|left| on > left)
    {
        return Err(ValidationError::new(Field::StoppedOn, Problem::AfterLeaving).into());
    }
    if view.stopped.is_some() {
        return Err(ValidationError::new(Field::StoppedOn, Problem::AlreadyRecorded).into());
    }
    let at = clock.now().to_rfc3339();
    store.write(|tx| {
        repo::add_clause_abandoned(tx, id, &on.to_string(), &note, &at)?;
        // No name and no note: an erasure of the person must leave nothing of them in the log.
        pop_store::signing::log_event(tx, &at, None, "clause-stopped", id)
    })?;
    get_clause(store, id)
}

pub fn get_clause(store: &Store, id: &str) -> Result<ClauseView> {
    let (person_id, json) =
        repo::clause(store.conn(), id)?.ok_or_else(|| crate::CoreError::NotFound {
            what: crate::error::Entity::Clause,
            id: id.to_owned(),
        })?;
    let c: Clause = repo::parse("study-cost clause", &json)?;
    let signatures = repo::clause_signatures(store.conn(), id)?;
    let intact = clause::signatures_intact(id, &json, &signatures);
    let binding = intact && clause::binding(&c, &signatures);
    let stopped = repo::clause_abandoned(store.conn(), id)?
        .map(|(on, note)| {
            let on = pop_domain::text::iso_day(&on)
                .ok_or_else(|| pop_store::StoreError::Corrupt(format!("clause stopped on {on}")))?;
            let owed_cents = if binding {
                clause::owed_on_stopping(&c, on)
            } else {
                0
            };
            Ok::<_, pop_store::StoreError>(clause::Stopped {
                on,
                note,
                owed_cents,
            })
        })
        .transpose()?;
    Ok(ClauseView {
        period_warning: clause::period_warning(c.months),
        binding,
        stopped,
        intact,
        signatures,
        id: id.to_owned(),
        person_id,
        clause: c,
    })
}

/// A person's study-cost clauses, oldest first.
pub fn clauses_of(store: &Store, person_id: &str) -> Result<Vec<ClauseView>> {
    get_person(store, person_id)?;
    repo::clauses_of(store.conn(), person_id)?
        .into_iter()
        .map(|(id, _)| get_clause(store, &id))
        .collect()
}

/// What the clause says is owed when leaving on `leave_on` for `reason` (default: the
/// reason recorded with the person, else resigning).
pub fn clause_owed(
    store: &Store,
    id: &str,
    leave_on: &str,
    reason: Option<LeaveReason>,
) -> Result<i64> {
    let view = get_clause(store, id)?;
    let on = date(Field::LeftOn, leave_on)?;
    let reason = match reason {
        Some(r) => r,
        None => repo::left_reason(store.conn(), &view.person_id)?
            .and_then(|r| LeaveReason::parse(&r))
            .unwrap_or(LeaveReason::Resign),
    };
    Ok(clause::owed(&view.clause, on, reason))
}

/// The clause as an A4 annex (in `lang`): costs, period, scale, when it is owed and when
/// never, a table per month of what is owed, and room for both signatures.
pub fn clause_pdf(
    store: &Store,
    clock: &dyn Clock,
    lang: pop_domain::Language,
    id: &str,
) -> Result<Vec<u8>> {
    use pop_export::pdf::clause::{clause_blocks, clause_title, ClauseDocument};
    use pop_export::pdf::{render, RenderOptions};
    let view = get_clause(store, id)?;
    let person = get_person(store, &view.person_id)?;
    let manager = match &person.manager_id {
        Some(m) => pop_store::people::get(store.conn(), m)?
            .map(|p| p.full_name)
            .unwrap_or_default(),
        None => crate::settings::owner_name(store)?,
    };
    let organisation = pop_store::settings::organisation_name(store.conn())?;
    let doc = ClauseDocument {
        lang,
        organisation: &organisation,
        person_name: &person.full_name,
        manager_name: &manager,
        clause: &view.clause,
        signatures: &view.signatures,
    };
    let title = clause_title(lang);
    let opts = RenderOptions {
        title: format!("{title} – {}", person.full_name),
        author: organisation.clone(),
        footer: format!("{title} · {} · {}", view.clause.course, person.full_name),
        page_label: crate::documents::page_label(lang),
        created_unix: clock.now().timestamp(),
        subject: String::new(),
    };
    Ok(render(&clause_blocks(&doc), &opts))
}

pub fn clause_pdf_to_file(
    store: &Store,
    clock: &dyn Clock,
    lang: pop_domain::Language,
    id: &str,
    path: &std::path::Path,
) -> Result<()> {
    crate::files::write_output(store, path, &clause_pdf(store, clock, lang, id)?)
}

/// What leaving settles: per clause what it says is owed (for the recorded reason), the total,
/// what of it may be set off against the final pay (only the part of that pay above the
/// protected amount — the statutory minimum wage, art. 7:632 BW) and what is left to invoice,
/// and what the budget lost at exit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settlement {
    pub person_id: String,
    pub left_on: Option<NaiveDate>,
    pub reason: Option<LeaveReason>,
    /// (clause id, course, owed in cents): the clauses that bind.
    #[ts(type = "Array<[string, string, number]>")]
    pub clauses: Vec<(String, String, i64)>,
    /// Clauses not signed by both parties before the training started (or whose signature no
    /// longer matches): (clause id, course, what they would say in cents). Nothing of them is
    /// owed.
    #[ts(type = "Array<[string, string, number]>")]
    pub unsigned: Vec<(String, String, i64)>,
    #[ts(type = "number")]
    pub owed_cents: i64,
    #[ts(type = "number")]
    pub set_off_cents: i64,
    #[ts(type = "number")]
    pub invoice_cents: i64,
    #[ts(type = "number")]
    pub budget_lapsed_cents: i64,
}

/// The settlement of a person who left; `final_pay` and `protected` (cents, each €0 to
/// €10 000 000) decide the set-off.
pub fn settlement(
    store: &Store,
    person_id: &str,
    final_pay_cents: i64,
    protected_cents: i64,
) -> Result<Settlement> {
    check_money(Field::FinalPay, final_pay_cents)?;
    check_money(Field::ProtectedPay, protected_cents)?;
    let person = get_person(store, person_id)?;
    let reason = repo::left_reason(store.conn(), person_id)?.and_then(|r| LeaveReason::parse(&r));
    let (mut clauses, mut unsigned) = (Vec::new(), Vec::new());
    for (id, _) in repo::clauses_of(store.conn(), person_id)? {
        let view = get_clause(store, &id)?;
        // A stopped training owes from the day it stopped, whatever happens after; otherwise
        // leaving decides (for its reason).
        let owed = match (&view.stopped, person.left_on) {
            (Some(stopped), _) => clause::owed_on_stopping(&view.clause, stopped.on),
            (None, Some(on)) => {
                clause::owed(&view.clause, on, reason.unwrap_or(LeaveReason::Resign))
            }
            (None, None) => continue,
        };
        let row = (id, view.clause.course, owed);
        if view.binding {
            clauses.push(row);
        } else {
            unsigned.push(row);
        }
    }
    let owed_cents: i64 = clauses.iter().map(|c| c.2).sum();
    let room = (final_pay_cents - protected_cents).max(0);
    let set_off_cents = owed_cents.min(room);
    let budget_lapsed_cents = match person.left_on {
        Some(on) => -person_budget(store, person_id, on)?
            .ledger
            .iter()
            .filter(|e| e.kind == pop_domain::budget::EntryKind::Lapse)
            .map(|e| e.euro_cents)
            .sum::<i64>(),
        None => 0,
    };
    Ok(Settlement {
        person_id: person_id.to_owned(),
        left_on: person.left_on,
        reason,
        clauses,
        unsigned,
        owed_cents,
        set_off_cents,
        invoice_cents: owed_cents - set_off_cents,
        budget_lapsed_cents,
    })
}

/// The default scheme shape for a yearly euro budget.
pub fn yearly(from: NaiveDate, euro: i64) -> Scheme {
    Scheme {
        from,
        euro_cents_per_year: euro * 100,
        minutes_per_year: 0,
        pro_rata: true,
        credit: Credit::Yearly,
        expire_after_months: None,
        cap_cents: None,
        at_exit: AtExit::Lapse,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use pop_domain::{FixedClock, PersonInput};

    fn clock() -> FixedClock {
        FixedClock(Utc.with_ymd_and_hms(2025, 11, 24, 9, 0, 0).unwrap())
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn person(store: &mut Store, start: &str) -> String {
        crate::people::create_person(
            store,
            &clock(),
            PersonInput {
                full_name: "Zoë Çelik".into(),
                start_date: Some(start.into()),
                ..Default::default()
            },
        )
        .unwrap()
        .id
    }

    #[test]
    fn spending_beyond_the_balance_is_refused_and_nothing_is_booked() {
        let mut store = Store::open_in_memory().unwrap();
        set_scheme(&mut store, &clock(), yearly(d("2020-01-01"), 500)).unwrap();
        let p = person(&mut store, "2025-04-01");
        set_fte(&mut store, &p, "2025-04-01", parse_fte("0,6").unwrap()).unwrap();
        assert_eq!(
            person_budget(&store, &p, d("2025-12-31"))
                .unwrap()
                .euro_cents,
            22_500
        );
        let err = spend(&mut store, &clock(), &p, "2025-06-01", 30_000, 0, "Cursus").unwrap_err();
        assert!(matches!(
            err,
            crate::CoreError::Validation(ValidationError {
                problem: Problem::OverBudget {
                    available_cents: 22_500
                },
                ..
            })
        ));
        let after = spend(&mut store, &clock(), &p, "2025-06-01", 17_500, 0, "Cursus").unwrap();
        assert_eq!(after.euro_cents, 5_000);
        for bad in ["0", "1.5", "nul", "-0.3"] {
            assert!(parse_fte(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_clause_for_required_training_is_refused_with_the_article() {
        let mut store = Store::open_in_memory().unwrap();
        let p = person(&mut store, "2024-01-01");
        let input = ClauseInput {
            person_id: p.clone(),
            course: "VCA".into(),
            kind: TrainingKind::Required,
            cost_cents: 50_000,
            training_end: "2025-03-01".into(),
            months: 24,
            scale: Scale::Linear,
            training_start: None,
            costs: None,
            study_time_is_work_time: None,
        };
        let err = new_clause(&mut store, &clock(), input.clone()).unwrap_err();
        assert_eq!(err.field(), Some(Field::TrainingKind));
        assert!(err
            .to_command_error(pop_domain::Language::Nl)
            .message
            .contains("art. 7:611a BW"));
        let ok = new_clause(
            &mut store,
            &clock(),
            ClauseInput {
                kind: TrainingKind::Voluntary,
                cost_cents: 300_000,
                ..input
            },
        )
        .unwrap();
        leave(
            &mut store,
            &clock(),
            &p,
            Some("2026-03-01".into()),
            Some(LeaveReason::FixedTermNotRenewed),
        )
        .unwrap();
        assert_eq!(clause_owed(&store, &ok.id, "2026-03-01", None).unwrap(), 0);
        assert_eq!(
            clause_owed(&store, &ok.id, "2026-03-01", Some(LeaveReason::Resign)).unwrap(),
            150_000
        );
    }
}
