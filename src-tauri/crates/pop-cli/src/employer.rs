//! `budget` and `clause`: the employer's side of a POP from the command line — the
//! organisation's budget scheme, a person's balance and spending, study-cost clauses and what
//! they say is owed at leaving. Money in JSON as euros with cents, hours as a number.

use chrono::NaiveDate;
use clap::Subcommand;
use pop_core::budget::{self, ClauseInput};
use pop_core::domain::budget::{AtExit, Credit, Entry, EntryKind, Scheme};
use pop_core::domain::clause::{LeaveReason, Scale, TrainingKind};
use pop_core::domain::{Field, Language, Problem, SystemClock, ValidationError};
use pop_core::{CoreError, Store};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum BudgetCommand {
    /// Set the organisation's budget scheme from a date (a later date starts a new period;
    /// earlier years keep the scheme they had).
    Scheme {
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        /// Euros per full-time year.
        #[arg(long, value_name = "E")]
        euro_per_year: Option<String>,
        /// Hours per full-time year.
        #[arg(long, value_name = "H")]
        hours_per_year: Option<String>,
        /// By FTE and by whole months for joining or leaving mid-year.
        #[arg(long, value_parser = ["yes", "no"], default_value = "yes")]
        pro_rata: String,
        /// yearly (1 January), monthly, or block:YEARS (once per block).
        #[arg(long, default_value = "yearly")]
        credit: String,
        /// Each year's credit lapses this many months after it was credited.
        #[arg(long, value_name = "N")]
        expire_after_months: Option<u32>,
        /// The balance never grows above this many euros.
        #[arg(long, value_name = "E")]
        cap: Option<String>,
        #[arg(long, value_parser = ["lapse", "keep"], default_value = "lapse")]
        at_exit: String,
    },
    /// A person's balance on a day (default today) and every line of their ledger.
    Show {
        person: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// On the employee's computer: the budget and study-cost clauses the owner's computer last
    /// shared in a plan package (read-only here). Default: yourself (personal mode).
    Received {
        person: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Spend from a person's budget.
    Spend {
        person: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: String,
        #[arg(long, value_name = "E")]
        euro: Option<String>,
        #[arg(long, value_name = "H")]
        hours: Option<String>,
        #[arg(long = "for", value_name = "TEXT")]
        what: String,
    },
    /// Correct a person's budget with a reason (positive adds, negative takes): the ledger is
    /// append-only, so a mistake is put right by a new line.
    Correct {
        person: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: String,
        /// Euros to add (or take, negative: --euro=-50).
        #[arg(long, value_name = "±E", allow_hyphen_values = true)]
        euro: Option<String>,
        #[arg(long, value_name = "±H", allow_hyphen_values = true)]
        hours: Option<String>,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

/// A clause's costs item by item and whether study time is working time.
#[derive(clap::Args, Debug)]
pub struct CostArgs {
    /// Tuition (cursusgeld), in euros.
    #[arg(long, value_name = "E")]
    tuition: Option<String>,
    /// Study materials, in euros.
    #[arg(long, value_name = "E")]
    materials: Option<String>,
    /// The exam, in euros.
    #[arg(long, value_name = "E")]
    exam: Option<String>,
    /// A re-exam, in euros.
    #[arg(long, value_name = "E")]
    reexam: Option<String>,
    /// Travel, in euros.
    #[arg(long, value_name = "E")]
    travel: Option<String>,
    /// Whether the hours of study count as working time (yes or no).
    #[arg(long, value_parser = ["yes", "no"])]
    study_time_work_time: Option<String>,
}

impl CostArgs {
    /// The items in cents, or `None` when none was given.
    fn items(&self) -> Result<Option<pop_core::domain::clause::CostItems>, CoreError> {
        let item = |v: &Option<String>| v.as_deref().map_or(Ok(0), |e| euros(Field::CostItem, e));
        let given = [
            &self.tuition,
            &self.materials,
            &self.exam,
            &self.reexam,
            &self.travel,
        ];
        if given.iter().all(|v| v.is_none()) {
            return Ok(None);
        }
        Ok(Some(pop_core::domain::clause::CostItems {
            tuition_cents: item(&self.tuition)?,
            materials_cents: item(&self.materials)?,
            exam_cents: item(&self.exam)?,
            reexam_cents: item(&self.reexam)?,
            travel_cents: item(&self.travel)?,
        }))
    }
}

#[derive(Subcommand)]
pub enum ClauseCommand {
    /// Agree a study-cost clause for voluntary training; prints its id. Refused for training
    /// required by law or the CAO, or necessary for the job (art. 7:611a BW).
    New {
        #[arg(long, value_name = "ID")]
        person: String,
        #[arg(long, value_name = "TEXT")]
        course: String,
        /// The costs it covers, in euros (may be left out when the items below are given: it is
        /// then their sum; when both are given they must agree).
        #[arg(long, value_name = "E")]
        cost: Option<String>,
        #[command(flatten)]
        items: Box<CostArgs>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        training_end: String,
        /// The period in months from the end of the training.
        #[arg(long, value_name = "N")]
        months: u32,
        /// linear, steps:100,67,33 (per year) or table:100,90,… (per month).
        #[arg(long, default_value = "linear")]
        scale: String,
        #[arg(long, value_parser = ["voluntary", "required", "necessary", "regulated"], default_value = "voluntary")]
        kind: String,
        /// The day the training starts: both parties sign the clause no later than this day.
        #[arg(long, value_name = "YYYY-MM-DD")]
        training_start: Option<String>,
    },
    /// Sign a clause as one party (employee, or employer); it binds once both signed no later
    /// than the training's start.
    Sign {
        id: String,
        #[arg(long, value_parser = ["employee", "employer"])]
        party: String,
        /// The signer's full name, as typed.
        #[arg(long)]
        name: String,
        /// The date written next to the signature (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        /// Agree to the consent statement (required to sign).
        #[arg(long)]
        consent: bool,
    },
    /// The owner's threshold: a training costing less carries no clause. Without a value it
    /// prints the threshold; "none" removes it.
    Threshold {
        #[arg(value_name = "E|none")]
        euro: Option<String>,
    },
    /// The employee stopped the training (or did not finish it) without good reason: a
    /// trigger of the clause. Prints what the clause then says is owed.
    #[command(alias = "stop")]
    Abandon {
        id: String,
        /// The day the training stopped.
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: String,
        /// Why, in a line (kept with the clause, never in the log).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// A clause, its signatures and whether it binds.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// The clause as an A4 annex to the plan (PDF), to sign before the training starts.
    Pdf {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: std::path::PathBuf,
    },
    /// What leaving settles for a person who left: each clause's amount for the recorded
    /// reason, what may be set off against the final pay (only above the protected amount,
    /// the statutory minimum wage) and what is left to invoice, and the budget lost at exit.
    Settlement {
        person: String,
        /// The final pay in euros.
        #[arg(long, value_name = "E", default_value = "0")]
        final_pay: String,
        /// The protected part of that pay in euros (the statutory minimum wage or more).
        #[arg(long, value_name = "E", default_value = "0")]
        protected: String,
        #[arg(long)]
        json: bool,
    },
    /// Record that a clause's repayment was settled (its retention counts from that day).
    Settle {
        id: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: String,
    },
    /// What the clause says is owed when leaving on a day (for the reason given, else the
    /// one recorded with the person, else resigning).
    Owed {
        id: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        leave_on: String,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// Whether a clause binds, in words.
fn clause_state(view: &budget::ClauseView, lang: Language) -> &'static str {
    match (view.binding, view.intact, lang) {
        (_, false, Language::Nl) => "handtekening klopt niet meer met de tekst",
        (_, false, Language::En) => "a signature no longer matches the text",
        (true, _, Language::Nl) => "bindend: door beide partijen getekend vóór de opleiding",
        (true, _, Language::En) => "binding: signed by both parties before the training",
        (false, _, Language::Nl) => "nog niet bindend",
        (false, _, Language::En) => "not binding yet",
    }
}

fn invalid(field: Field, problem: Problem) -> CoreError {
    ValidationError::new(field, problem).into()
}

/// FTE changes as JSON: each `{"from": "YYYY-MM-DD", "fte": 0.6}`, oldest first.
pub(crate) fn fte_json(changes: &[pop_core::domain::budget::FteChange]) -> serde_json::Value {
    changes
        .iter()
        .map(|c| serde_json::json!({ "from": c.from, "fte": f64::from(c.permille) / 1000.0 }))
        .collect()
}

/// Euros as typed ("1500", "1.500,50", "1500.5", "2.400") in cents, within the limits the
/// use cases check for `field` (see [`budget::parse_euros`]).
pub fn euros(field: Field, s: &str) -> Result<i64, CoreError> {
    budget::parse_euros(field, s)
}

fn hours(field: Field, s: &str) -> Result<i64, CoreError> {
    budget::parse_hours(field, s)
}

fn day(field: Field, s: &str) -> Result<NaiveDate, CoreError> {
    pop_core::domain::text::optional_date(field, Some(s))?
        .ok_or_else(|| invalid(field, Problem::Required))
}

fn as_euros(cents: i64) -> f64 {
    cents as f64 / 100.0
}

fn as_hours(minutes: i64) -> f64 {
    minutes as f64 / 60.0
}

fn entry_json(e: &Entry) -> serde_json::Value {
    serde_json::json!({
        "on": e.on,
        "kind": e.kind,
        "euro": as_euros(e.euro_cents),
        "hours": as_hours(e.minutes),
        "text": e.text,
    })
}

fn kind_word(kind: EntryKind, lang: Language) -> &'static str {
    match (kind, lang) {
        (EntryKind::Credit, Language::Nl) => "tegoed",
        (EntryKind::Credit, Language::En) => "credit",
        (EntryKind::Spend, Language::Nl) => "besteed",
        (EntryKind::Spend, Language::En) => "spent",
        (EntryKind::Expiry, Language::Nl) => "vervallen",
        (EntryKind::Expiry, Language::En) => "expired",
        (EntryKind::Lapse, Language::Nl) => "vervallen bij vertrek",
        (EntryKind::Lapse, Language::En) => "lapsed at exit",
        (EntryKind::Correction, Language::Nl) => "correctie",
        (EntryKind::Correction, Language::En) => "correction",
    }
}

pub fn run_budget(
    cmd: BudgetCommand,
    store: &mut Store,
    lang: Language,
) -> Result<ExitCode, CoreError> {
    let clock = SystemClock;
    match cmd {
        BudgetCommand::Scheme {
            from,
            euro_per_year,
            hours_per_year,
            pro_rata,
            credit,
            expire_after_months,
            cap,
            at_exit,
        } => {
            let credit = Credit::parse(&credit)
                .ok_or_else(|| invalid(Field::SchemeCredit, Problem::UnknownCredit))?;
            let scheme = Scheme {
                from: day(Field::SchemeFrom, &from)?,
                euro_cents_per_year: euro_per_year
                    .as_deref()
                    .map(|e| euros(Field::SchemeEuro, e))
                    .transpose()?
                    .unwrap_or(0),
                minutes_per_year: hours_per_year
                    .as_deref()
                    .map(|h| hours(Field::SchemeHours, h))
                    .transpose()?
                    .unwrap_or(0),
                pro_rata: pro_rata == "yes",
                credit,
                expire_after_months,
                cap_cents: cap
                    .as_deref()
                    .map(|c| euros(Field::SchemeCap, c))
                    .transpose()?,
                at_exit: if at_exit == "keep" {
                    AtExit::Keep
                } else {
                    AtExit::Lapse
                },
            };
            budget::set_scheme(store, &clock, scheme)?;
        }
        BudgetCommand::Show { person, at, json } => {
            let at = match at {
                Some(a) => day(Field::Budget, &a)?,
                None => chrono::Local::now().date_naive(),
            };
            let view = budget::person_budget(store, &person, at)?;
            if json {
                let out = serde_json::json!({
                    "person": view.person_id,
                    "at": view.at,
                    "euro": { "balance": as_euros(view.euro_cents) },
                    "hours": { "balance": as_hours(view.minutes) },
                    "ledger": view.ledger.iter().map(entry_json).collect::<Vec<_>>(),
                    "fte": fte_json(&view.fte),
                });
                println!("{}", serde_json::to_string_pretty(&out).expect("json"));
            } else {
                for e in &view.ledger {
                    println!(
                        "{}\t{}\t{}\t{}\t{}",
                        e.on,
                        kind_word(e.kind, lang),
                        pop_core::messages::money(e.euro_cents, lang),
                        as_hours(e.minutes),
                        e.text
                    );
                }
                println!(
                    "{}: {} · {} h",
                    match lang {
                        Language::Nl => "Saldo",
                        Language::En => "Balance",
                    },
                    pop_core::messages::money(view.euro_cents, lang),
                    as_hours(view.minutes)
                );
            }
        }
        BudgetCommand::Received { person, json } => {
            let person = match person {
                Some(p) => p,
                None => pop_core::settings::get_app_state(store)?
                    .me
                    .map(|me| me.id)
                    .ok_or_else(|| invalid(Field::Person, Problem::Required))?,
            };
            pop_core::people::get_person(store, &person)?;
            let Some(r) = pop_core::employer_share::received(store, &person)? else {
                if json {
                    println!("null");
                } else {
                    println!(
                        "{}",
                        match lang {
                            Language::Nl => "Nog niets ontvangen van de computer van de werkgever.",
                            Language::En => "Nothing received from the employer's computer yet.",
                        }
                    );
                }
                return Ok(ExitCode::SUCCESS);
            };
            if json {
                let out = serde_json::json!({
                    "asOf": r.as_of,
                    "organisation": r.organisation,
                    "fromDevice": r.from_device,
                    "euro": r.budget.as_ref().map(|b| serde_json::json!({ "balance": as_euros(b.euro_cents) })),
                    "hours": r.budget.as_ref().map(|b| serde_json::json!({ "balance": as_hours(b.minutes) })),
                    "ledger": r.budget.as_ref().map(|b| b.ledger.iter().map(entry_json).collect::<Vec<_>>()),
                    "fte": r.budget.as_ref().map(|b| fte_json(&b.fte)),
                    "clauses": r.clauses,
                });
                println!("{}", serde_json::to_string_pretty(&out).expect("json"));
            } else {
                println!(
                    "{} {} · {} ({})",
                    match lang {
                        Language::Nl => "Stand van",
                        Language::En => "As of",
                    },
                    r.as_of,
                    r.organisation,
                    r.from_device
                );
                if let Some(b) = &r.budget {
                    println!(
                        "{}: {} · {} h",
                        match lang {
                            Language::Nl => "Saldo",
                            Language::En => "Balance",
                        },
                        pop_core::messages::money(b.euro_cents, lang),
                        as_hours(b.minutes)
                    );
                }
                for c in &r.clauses {
                    println!(
                        "{}\t{}\t{}",
                        c.clause.course,
                        pop_core::messages::money(c.clause.cost_cents, lang),
                        clause_state(c, lang)
                    );
                }
            }
        }
        BudgetCommand::Spend {
            person,
            on,
            euro,
            hours: h,
            what,
        } => {
            let e = euro
                .as_deref()
                .map(|e| euros(Field::Budget, e))
                .transpose()?
                .unwrap_or(0);
            let m = h
                .as_deref()
                .map(|h| hours(Field::BudgetHours, h))
                .transpose()?
                .unwrap_or(0);
            let view = budget::spend(store, &clock, &person, &on, e, m, &what)?;
            println!("{}", pop_core::messages::money(view.euro_cents, lang));
        }
        BudgetCommand::Correct {
            person,
            on,
            euro,
            hours: h,
            reason,
        } => {
            let signed =
                |s: &str, f: &dyn Fn(&str) -> Result<i64, CoreError>| -> Result<i64, CoreError> {
                    match s.trim().strip_prefix('-') {
                        Some(rest) => Ok(-f(rest)?),
                        None => f(s),
                    }
                };
            let e = euro
                .as_deref()
                .map(|s| signed(s, &|x| euros(Field::Budget, x)))
                .transpose()?
                .unwrap_or(0);
            let m = h
                .as_deref()
                .map(|s| signed(s, &|x| hours(Field::BudgetHours, x)))
                .transpose()?
                .unwrap_or(0);
            let view = budget::correct(store, &clock, &person, &on, e, m, &reason)?;
            println!("{}", pop_core::messages::money(view.euro_cents, lang));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_clause(
    cmd: ClauseCommand,
    store: &mut Store,
    lang: Language,
) -> Result<ExitCode, CoreError> {
    let clock = SystemClock;
    match cmd {
        ClauseCommand::New {
            person,
            course,
            cost,
            items,
            training_end,
            months,
            scale,
            kind,
            training_start,
        } => {
            let costs = items.items()?;
            let cost_cents = match (&cost, &costs) {
                (Some(e), _) => euros(Field::Cost, e)?,
                (None, Some(_)) => 0,
                (None, None) => return Err(invalid(Field::Cost, Problem::Required)),
            };
            let scale =
                Scale::parse(&scale).ok_or_else(|| invalid(Field::Scale, Problem::ScaleRises))?;
            let kind = TrainingKind::parse(&kind).expect("clap checks the kind");
            let view = budget::new_clause(
                store,
                &clock,
                ClauseInput {
                    person_id: person,
                    course,
                    kind,
                    cost_cents,
                    training_end,
                    months,
                    scale,
                    training_start,
                    costs,
                    study_time_is_work_time: items
                        .study_time_work_time
                        .as_deref()
                        .map(|v| v == "yes"),
                },
            )?;
            if let Some(w) = view.period_warning {
                eprintln!(
                    "groeikoers-cli: {}",
                    pop_core::messages::period_warning(w, lang)
                );
            }
            if kind == TrainingKind::Regulated {
                eprintln!(
                    "groeikoers-cli: {}",
                    pop_core::messages::regulated_warning(lang)
                );
            }
            println!("{}", view.id);
        }
        ClauseCommand::Sign {
            id,
            party,
            name,
            on,
            consent,
        } => {
            let party = match party.as_str() {
                "employee" => pop_core::domain::signing::Party::Employee,
                _ => pop_core::domain::signing::Party::Manager,
            };
            let view = budget::sign_clause(
                store,
                &clock,
                &id,
                pop_core::domain::signing::SignInput {
                    party,
                    full_name: name,
                    signed_on: on,
                    consent,
                    strokes: None,
                    despite_findings: false,
                },
            )?;
            println!("{}", clause_state(&view, lang));
        }
        ClauseCommand::Threshold { euro } => {
            let now = match euro.as_deref() {
                None => budget::clause_threshold(store)?,
                Some("none") | Some("geen") => budget::set_clause_threshold(store, None)?,
                Some(e) => {
                    budget::set_clause_threshold(store, Some(euros(Field::ClauseThreshold, e)?))?
                }
            };
            match (now, lang) {
                (Some(c), _) => println!("{}", pop_core::messages::money(c, lang)),
                (None, Language::Nl) => println!("geen drempel"),
                (None, Language::En) => println!("no threshold"),
            }
        }
        ClauseCommand::Show { id, json } => {
            let view = budget::get_clause(store, &id)?;
            if json {
                println!("{}", crate::util::to_json(&view));
            } else {
                println!("{}\t{}", view.clause.course, clause_state(&view, lang));
                for s in &view.signatures {
                    println!("{}\t{}\t{}", s.party.as_str(), s.full_name, s.signed_on);
                }
                if let Some(stopped) = &view.stopped {
                    println!(
                        "{}\t{}\t{}",
                        match lang {
                            Language::Nl => "gestopt",
                            Language::En => "stopped",
                        },
                        stopped.on,
                        pop_core::messages::money(stopped.owed_cents, lang)
                    );
                }
            }
        }
        ClauseCommand::Abandon { id, on, note } => {
            let view = budget::stop_clause(store, &SystemClock, &id, &on, note.as_deref())?;
            let owed = view.stopped.map_or(0, |s| s.owed_cents);
            if !view.binding {
                eprintln!(
                    "groeikoers-cli: {}",
                    match lang {
                        Language::Nl => "dit beding bindt niet (niet door beide partijen op tijd getekend): er is niets verschuldigd.",
                        Language::En => "this clause does not bind (not signed by both parties in time): nothing is owed.",
                    }
                );
            }
            println!("{}", pop_core::messages::money(owed, lang));
        }
        ClauseCommand::Settle { id, on } => {
            pop_core::privacy::settle_clause(store, &SystemClock, &id, &on)?;
        }
        ClauseCommand::Settlement {
            person,
            final_pay,
            protected,
            json,
        } => {
            let s = budget::settlement(
                store,
                &person,
                euros(Field::FinalPay, &final_pay)?,
                euros(Field::ProtectedPay, &protected)?,
            )?;
            if json {
                let out = serde_json::json!({
                    "leftOn": s.left_on,
                    "reason": s.reason,
                    "clauses": s.clauses.iter().map(|(id, course, owed)| serde_json::json!({"id": id, "course": course, "owed": as_euros(*owed)})).collect::<Vec<_>>(),
                    "unsigned": s.unsigned.iter().map(|(id, course, would)| serde_json::json!({"id": id, "course": course, "wouldOwe": as_euros(*would)})).collect::<Vec<_>>(),
                    "owed": as_euros(s.owed_cents),
                    "setOff": as_euros(s.set_off_cents),
                    "invoice": as_euros(s.invoice_cents),
                    "budgetLapsed": as_euros(s.budget_lapsed_cents),
                });
                println!("{}", serde_json::to_string_pretty(&out).expect("json"));
            } else {
                let m = |c: i64| pop_core::messages::money(c, lang);
                for (_, course, owed) in &s.clauses {
                    println!("{course}\t{}", m(*owed));
                }
                let nl = lang == Language::Nl;
                for (_, course, _) in &s.unsigned {
                    println!(
                        "{course}\t{}",
                        if nl {
                            "€ 0,00 (niet door beiden vóór de opleiding getekend)"
                        } else {
                            "€0.00 (not signed by both before the training)"
                        }
                    );
                }
                println!(
                    "{}\t{}",
                    if nl {
                        "Totaal terug te betalen"
                    } else {
                        "Total owed"
                    },
                    m(s.owed_cents)
                );
                println!(
                    "{}\t{}",
                    if nl {
                        "Te verrekenen met het laatste loon"
                    } else {
                        "Set off against final pay"
                    },
                    m(s.set_off_cents)
                );
                println!(
                    "{}\t{}",
                    if nl { "Te factureren" } else { "To invoice" },
                    m(s.invoice_cents)
                );
                println!(
                    "{}\t{}",
                    if nl {
                        "Vervallen ontwikkelbudget"
                    } else {
                        "Development budget lapsed"
                    },
                    m(s.budget_lapsed_cents)
                );
            }
        }
        ClauseCommand::Pdf { id, output } => {
            budget::clause_pdf_to_file(store, &clock, lang, &id, &output)?;
        }
        ClauseCommand::Owed {
            id,
            leave_on,
            reason,
            json,
        } => {
            let reason = match reason.as_deref() {
                Some(r) => Some(
                    LeaveReason::parse(r)
                        .ok_or_else(|| invalid(Field::LeaveReason, Problem::UnknownReason))?,
                ),
                None => None,
            };
            let owed = budget::clause_owed(store, &id, &leave_on, reason)?;
            let binding = budget::get_clause(store, &id)?.binding;
            if json {
                println!(
                    "{}",
                    serde_json::json!({ "owed": as_euros(owed), "binding": binding })
                );
            } else {
                println!("{}", pop_core::messages::money(owed, lang));
                if !binding {
                    eprintln!(
                        "groeikoers-cli: {}",
                        pop_core::messages::clause_not_binding(lang)
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_as_people_type_them() {
        for (typed, cents) in [
            ("1500", 150_000),
            ("1.500,50", 150_050),
            ("1500.5", 150_050),
            ("2.400", 240_000),
            ("1.000.000", 100_000_000),
            ("€ 2.400", 240_000),
            ("12.40", 1_240),
            ("0.125", 13),
        ] {
            assert_eq!(euros(Field::Cost, typed).unwrap(), cents, "{typed}");
        }
        for bad in ["", "veel", "-5", "1e9", "1,2,3"] {
            assert!(euros(Field::Cost, bad).is_err(), "{bad}");
        }
    }
}
