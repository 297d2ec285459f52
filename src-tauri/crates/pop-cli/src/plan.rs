//! `plan` and `example`: personal development plans and the worked examples.

use crate::util::to_json;
use clap::{ArgGroup, Subcommand};
use pop_core::domain::check::Severity;
use pop_core::domain::{Language, SystemClock};
use pop_core::exchange::{self, ImportTarget};
use pop_core::package::{PersonMatch, Take};
use pop_core::plans::{self, NewPlanInput};
use pop_core::review::{criterion_name, review};
use pop_core::{examples, CoreError, Store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ExampleCommand {
    /// List the worked examples (slug, title, role).
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Make a plan for a person, from a worked example or empty; prints the plan id.
    New {
        #[arg(long, value_name = "ID")]
        person: String,
        /// The slug of a worked example (see `example list`); empty plan without it.
        #[arg(long, value_name = "SLUG")]
        example: Option<String>,
        /// Start of the period (default today); an example's dates move along.
        #[arg(long, value_name = "YYYY-MM-DD")]
        start: Option<String>,
        /// The plan's own language (nl or en; default the app's): its PDF and calendar use it.
        #[arg(long, value_name = "nl|en", value_parser = ["nl", "en"])]
        lang: Option<String>,
    },
    /// List plans, newest first.
    List {
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Write the plan exchange file (JSON) to stdout or a file.
    Export {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Import a plan package (or a format-1 file) and merge it; prints the plan id.
    /// Exit 1 when it is refused or conflicts with a draft edited here.
    #[command(group(ArgGroup::new("target").required(false).args(["person", "new_person"])))]
    Import {
        file: PathBuf,
        /// The first time a plan's person arrives here: import for this existing person.
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// The first time a plan's person arrives here: create the person named in the file.
        #[arg(long)]
        new_person: bool,
        /// Show what would change and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// For a draft edited on both computers: keep mine, take theirs, or keep both.
        #[arg(long, value_parser = ["mine", "theirs", "both"])]
        take: Option<String>,
        /// Pair the device that made the package in the same step, after comparing this
        /// fingerprint (K-…) with the one its Settings show; refused when it differs.
        #[arg(long, value_name = "FINGERPRINT")]
        pair: Option<String>,
    },
    /// Write the plan as a printable A4 PDF ("print to sign").
    Pdf {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Write the manager's preparation and the self-analysis sheet as PDF.
    PrepPdf {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Write the evaluation of the plan's period as PDF (a form to fill in before it is saved).
    EvalPdf {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Sign a draft plan as one party (the last signature freezes the version).
    Sign {
        id: String,
        #[arg(long, value_parser = ["employee", "manager"])]
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
        /// Sign although the POP-check finds errors in the plan (refused without it).
        #[arg(long)]
        despite_findings: bool,
    },
    /// Make a new draft version of a signed plan; prints its id.
    NewVersion {
        id: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Every version of a plan, who signed it, and what changed.
    History {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Which plan version a fingerprint (or a PDF with one) belongs to. Exit 1: no match.
    Verify {
        /// A code like GK-3F2A-91C0-77DE, or a PDF file made by Groeikoers.
        code_or_pdf: String,
    },
    /// The plan's check-ins as a calendar file (ICS).
    Ics {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.ics")]
        output: PathBuf,
    },
    /// The check-in schedule of a plan: date, status, slot.
    Schedule {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a held check-in (GROW notes); without --slot it is an extra conversation.
    Checkin {
        id: String,
        /// The n-th check-in of the schedule.
        #[arg(long)]
        slot: Option<u32>,
        /// The day it was held (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        #[arg(long, default_value = "")]
        goal: String,
        #[arg(long, default_value = "")]
        reality: String,
        #[arg(long, default_value = "")]
        options: String,
        #[arg(long, default_value = "")]
        will: String,
        /// An agreement from "Will", as a follow-up action (repeatable).
        #[arg(long = "agree", value_name = "TEXT")]
        agree: Vec<String>,
        /// Due date of the agreements.
        #[arg(long, value_name = "YYYY-MM-DD")]
        by: Option<String>,
        /// Progress on goal N (counted from 1): a score 0–10 and optionally its state,
        /// e.g. 1=6 or 2=3:behind (on-track, behind, achieved, not-started; repeatable).
        #[arg(long = "progress", value_name = "N=SCORE[:STATE]")]
        progress: Vec<String>,
    },
    /// Record the evaluation of a plan's period; an active plan becomes evaluated and leaves
    /// the list of what is due.
    Evaluate {
        id: String,
        /// The outcome of goal N (counted from 1): N=achieved, N=partly or N=not
        /// (repeatable; goals not named: partly).
        #[arg(long = "goal", value_name = "N=OUTCOME")]
        goals: Vec<String>,
        /// Carry goal N into the next plan (repeatable).
        #[arg(long, value_name = "N")]
        carry: Vec<usize>,
        /// A reflection on the period as a whole.
        #[arg(long, default_value = "")]
        reflection: String,
    },
    /// Delete a draft nobody signed (no check-ins, never shared). A signed plan is never
    /// deleted: close it instead.
    Delete { id: String },
    /// Link goal N of the plan to one of the firm's team goals (see `direction list`); the
    /// link holds for every version and never changes a signed one.
    #[command(group(ArgGroup::new("to").required(true).args(["direction", "unlink"])))]
    Link {
        id: String,
        /// The goal, counted from 1.
        #[arg(long, value_name = "N")]
        goal: usize,
        /// The team goal's id.
        #[arg(long, value_name = "ID")]
        direction: Option<String>,
        /// Remove the goal's link.
        #[arg(long)]
        unlink: bool,
    },
    /// A feedback request for the observer of measure point M of goal N: a one-page A4 form
    /// with -o, otherwise the text to paste into an e-mail or chat.
    FeedbackForm {
        id: String,
        #[arg(long, value_name = "N")]
        goal: usize,
        #[arg(long, value_name = "M")]
        measure: usize,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: Option<PathBuf>,
    },
    /// Record what an observer saw of measure point M of goal N (kept beside the plan; a
    /// signed version stays as it is).
    Feedback {
        id: String,
        #[arg(long, value_name = "N")]
        goal: usize,
        #[arg(long, value_name = "M")]
        measure: usize,
        /// Who saw it.
        #[arg(long, value_name = "NAME")]
        from: String,
        /// What they saw.
        #[arg(long, value_name = "TEXT")]
        seen: String,
        /// 0–10.
        #[arg(long, allow_negative_numbers = true)]
        score: i64,
        /// When they saw it (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Close a plan (a draft given up, an active plan ended early, or an evaluated plan):
    /// nothing of it is due any more.
    Close { id: String },
    /// Review a plan. Exit 0: no findings; 1: warnings only; 3: errors.
    Check {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run_example(command: ExampleCommand, lang: Language) -> Result<ExitCode, CoreError> {
    match command {
        ExampleCommand::List { json } => {
            let list = examples::list_examples(lang);
            if json {
                println!("{}", to_json(&list));
            } else {
                for e in list {
                    println!("{}\t{}\t{}", e.slug, e.title, e.role);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run(command: PlanCommand, store: &mut Store, lang: Language) -> Result<ExitCode, CoreError> {
    let clock = SystemClock;
    match command {
        PlanCommand::Link {
            id,
            goal,
            direction,
            unlink: _,
        } => crate::direction::link(store, &id, goal, direction.as_deref(), lang)?,
        PlanCommand::FeedbackForm {
            id,
            goal,
            measure,
            output,
        } => crate::direction::feedback_form(store, lang, &id, goal, measure, output)?,
        PlanCommand::Feedback {
            id,
            goal,
            measure,
            from,
            seen,
            score,
            on,
            note,
        } => crate::direction::feedback(
            store,
            &id,
            (goal, measure),
            pop_core::domain::direction::FeedbackInput {
                from,
                seen,
                score,
                on,
                note,
            },
        )?,
        PlanCommand::New {
            person,
            example,
            start,
            lang: plan_lang,
        } => {
            let lang = plan_lang
                .as_deref()
                .and_then(pop_core::domain::Language::parse)
                .unwrap_or(lang);
            let plan = match example {
                Some(slug) => plans::create_plan_from_example_at(
                    store,
                    &clock,
                    lang,
                    &person,
                    &slug,
                    start.as_deref(),
                )?,
                None => plans::create_plan(
                    store,
                    &clock,
                    lang,
                    NewPlanInput {
                        person_id: person,
                        period_start: start,
                        language: None,
                    },
                )?,
            };
            println!("{}", plan.id);
        }
        PlanCommand::List { person, json } => {
            let list = plans::list_plans(store, person.as_deref())?;
            if json {
                println!("{}", to_json(&list));
            } else {
                for p in list {
                    println!(
                        "{}\t{}\t{}\t{}\t{} – {}",
                        p.id,
                        p.person_name,
                        p.title,
                        p.status.as_str(),
                        p.period_start,
                        p.period_end
                    );
                }
            }
        }
        PlanCommand::Export { id, output } => match output {
            None => {
                // A package is signed by this device: make its key first if it has none.
                pop_core::device::device_info(store, &clock)?;
                print!("{}", exchange::export_plan(store, &id)?)
            }
            Some(path) => exchange::export_plan_to_file(store, &clock, &id, &path)?,
        },
        PlanCommand::Import {
            file,
            person,
            new_person,
            dry_run,
            take,
            pair,
        } => {
            let target = match (person, new_person) {
                (Some(id), _) => Some(ImportTarget::Person(id)),
                (None, true) => Some(ImportTarget::NewPerson),
                (None, false) => None,
            };
            let take = take.map(|t| match t.as_str() {
                "mine" => Take::Mine,
                "theirs" => Take::Theirs,
                _ => Take::Both,
            });
            let report = pop_core::package::import_file(
                store,
                &clock,
                lang,
                &file,
                pop_core::package::ImportOptions {
                    target,
                    take,
                    dry_run,
                    pair,
                    ..Default::default()
                },
            )?;
            if dry_run {
                let who = match &report.person {
                    PersonMatch::Existing { full_name, .. } => full_name.clone(),
                    PersonMatch::New { full_name } => match lang {
                        Language::Nl => format!("{full_name} (nieuw)"),
                        Language::En => format!("{full_name} (new)"),
                    },
                    PersonMatch::Needed { full_name } => match lang {
                        Language::Nl => {
                            format!("{full_name} (nog niet hier: --person ID of --new-person)")
                        }
                        Language::En => {
                            format!("{full_name} (not here yet: --person ID or --new-person)")
                        }
                    },
                };
                println!("{}\t{}\t{who}", report.plan_id, report.title);
                if let Some(m) = &report.made_by {
                    println!("  {}", describe_maker(m, lang));
                }
                if report.up_to_date {
                    println!(
                        "{}",
                        match lang {
                            Language::Nl => "Al bijgewerkt: niets te doen.",
                            Language::En => "Already up to date: nothing to do.",
                        }
                    );
                }
                for c in &report.changes {
                    println!("  + {c}");
                }
                for c in &report.conflicts {
                    println!("  ! {c}");
                }
                if !report.conflicts.is_empty() {
                    return Ok(ExitCode::from(1));
                }
            } else if report.up_to_date {
                eprintln!(
                    "{}",
                    match lang {
                        Language::Nl => "Al bijgewerkt: er is niets veranderd.",
                        Language::En => "Already up to date: nothing changed.",
                    }
                );
                println!("{}", report.plan_id);
            } else {
                for c in &report.changes {
                    eprintln!("  + {c}");
                }
                println!("{}", report.plan_id);
            }
        }
        PlanCommand::Sign {
            id,
            party,
            name,
            on,
            consent,
            despite_findings,
        } => {
            let input = pop_core::domain::signing::SignInput {
                party: pop_core::domain::signing::Party::parse(&party)
                    .expect("clap checks the value"),
                full_name: name,
                signed_on: on,
                consent,
                strokes: None,
                despite_findings,
            };
            let view = pop_core::signing::sign_plan(
                store,
                &clock,
                lang,
                &id,
                input,
                &pop_core::signing::device_user(),
            )
            .inspect_err(|e| {
                if let CoreError::Validation(v) = e {
                    if matches!(
                        v.problem,
                        pop_core::domain::Problem::ErrorsNotConfirmed { .. }
                    ) {
                        eprintln!(
                            "{}",
                            match lang {
                                Language::Nl =>
                                    "(`groeikoers-cli plan check ID` toont ze; toch tekenen: --despite-findings)",
                                Language::En =>
                                    "(`groeikoers-cli plan check ID` lists them; to sign anyway: --despite-findings)",
                            }
                        );
                    }
                }
            })?;
            match view.signing.fingerprint {
                Some(fp) => println!("{fp}"),
                None => println!("{}", view.plan.status.as_str()),
            }
        }
        PlanCommand::NewVersion { id, reason } => {
            println!(
                "{}",
                pop_core::signing::new_version(store, &clock, &id, &reason)?.id
            );
        }
        PlanCommand::History { id, json } => {
            let history = pop_core::signing::plan_history(store, lang, &id)?;
            let feedback = pop_core::direction::plan_feedback(store, &id)?;
            if json {
                println!(
                    "{}",
                    to_json(&serde_json::json!({ "versions": history, "feedback": feedback }))
                );
            } else {
                crate::direction::print_feedback(&feedback, lang);
                for v in history {
                    let signed: Vec<String> = v
                        .signatures
                        .iter()
                        .zip(&v.devices)
                        .map(|(s, d)| {
                            if d.is_empty() {
                                format!("{} ({}, {})", s.full_name, s.party.as_str(), s.signed_on)
                            } else {
                                format!(
                                    "{} ({}, {}, {} {d})",
                                    s.full_name,
                                    s.party.as_str(),
                                    s.signed_on,
                                    match lang {
                                        Language::Nl => "op",
                                        Language::En => "on",
                                    }
                                )
                            }
                        })
                        .collect();
                    println!(
                        "v{}\t{}\t{}\t{}\t{}",
                        v.version,
                        v.status.as_str(),
                        v.fingerprint.unwrap_or_default(),
                        signed.join(", "),
                        v.reason
                    );
                    for p in &v.seal_problems {
                        println!("    !! {p}");
                    }
                    for c in v.changes {
                        println!("    {}: {:?} -> {:?}", c.path, c.before, c.after);
                    }
                }
            }
        }
        PlanCommand::Verify { code_or_pdf } => {
            let found = if code_or_pdf.to_ascii_lowercase().ends_with(".pdf") {
                let path = std::path::Path::new(&code_or_pdf);
                let bytes =
                    pop_core::files::read_limited(path, 64 * 1024 * 1024).map_err(|e| match e {
                        CoreError::Import(pop_core::exchange::ImportProblem::TooLarge {
                            ..
                        }) => CoreError::File {
                            path: path.to_owned(),
                            reason: match lang {
                                Language::Nl => {
                                    "te groot voor een PDF van Groeikoers (meer dan 64 MB)".into()
                                }
                                Language::En => {
                                    "too large for a Groeikoers PDF (over 64 MB)".into()
                                }
                            },
                            writing: false,
                        },
                        other => other,
                    })?;
                pop_core::signing::verify_pdf(store, lang, &bytes)?
            } else {
                pop_core::signing::verify(store, lang, &code_or_pdf)?
            };
            match found {
                Some(m) => {
                    println!(
                        "{}\t{}\t{}\tv{}\t{}\t{}",
                        m.fingerprint,
                        m.person_name,
                        m.title,
                        m.version,
                        m.plan_id,
                        match (m.intact, lang) {
                            (true, _) => "intact",
                            (false, Language::Nl) => "ZEGEL KLOPT NIET",
                            (false, Language::En) => "SEAL BROKEN",
                        }
                    );
                    if !m.intact {
                        for p in &m.problems {
                            eprintln!("groeikoers-cli: {p}");
                        }
                        return Ok(ExitCode::from(1));
                    }
                }
                None => {
                    eprintln!(
                        "groeikoers-cli: {}",
                        match lang {
                            Language::Nl => "Geen ondertekend plan met deze code gevonden.",
                            Language::En => "No signed plan matches this code.",
                        }
                    );
                    return Ok(ExitCode::from(1));
                }
            }
        }
        PlanCommand::PrepPdf { id, output } => {
            pop_core::documents::preparation_pdf_to_file(store, &clock, lang, &id, &output)?;
        }
        PlanCommand::EvalPdf { id, output } => {
            pop_core::documents::evaluation_pdf_to_file(store, &clock, lang, &id, &output)?;
        }
        PlanCommand::Ics { id, output } => {
            pop_core::calendar::plan_ics_to_file(store, lang, &id, chrono::Utc::now(), &output)?;
        }
        PlanCommand::Schedule { id, json } => {
            let r = pop_core::rhythm::plan_rhythm(store, &id)?;
            if json {
                println!("{}", to_json(&r));
            } else {
                for e in r.schedule {
                    println!(
                        "{}\t{}\t{}\t{}",
                        e.date,
                        e.status.as_str(),
                        e.slot.map(|s| s.to_string()).unwrap_or_default(),
                        e.id.unwrap_or_default()
                    );
                }
            }
        }
        PlanCommand::Checkin {
            id,
            slot,
            on,
            goal,
            reality,
            options,
            will,
            agree,
            by,
            progress,
        } => {
            use pop_core::domain::checkin::{FollowUpInput, Grow};
            let progress = parse_progress(&plans::get_plan(store, &id)?, &progress)?;
            let input = pop_core::rhythm::CheckinInput {
                target: pop_core::rhythm::CheckinTarget { slot, id: None },
                held_on: on,
                grow: Grow {
                    goal,
                    reality,
                    options,
                    will,
                },
                progress,
                follow_ups: agree
                    .into_iter()
                    .map(|description| FollowUpInput {
                        description,
                        owner: String::new(),
                        due: by.clone(),
                    })
                    .collect(),
            };
            pop_core::rhythm::record_checkin(store, &clock, &id, input)?;
        }
        PlanCommand::Evaluate {
            id,
            goals,
            carry,
            reflection,
        } => {
            let r = pop_core::rhythm::plan_rhythm(store, &id)?;
            let e = pop_core::rhythm::evaluation_from_words(&r.goals, &goals, &carry, reflection)?;
            pop_core::rhythm::evaluate_plan(store, &clock, &id, e)?;
        }
        PlanCommand::Delete { id } => {
            let plan = plans::delete_draft(store, &clock, &id)?;
            println!("{}", plan.content.title);
        }
        PlanCommand::Close { id } => {
            let latest = pop_core::rhythm::plan_rhythm(store, &id)?.plan_id;
            plans::set_plan_status(
                store,
                &clock,
                lang,
                &latest,
                pop_core::domain::plan::PlanStatus::Closed,
            )?;
        }
        PlanCommand::Pdf { id, output } => {
            pop_core::documents::plan_pdf_to_file(store, &clock, lang, &id, &output)?;
        }
        PlanCommand::Check { id, json } => {
            let plan = plans::get_plan(store, &id)?;
            let findings = review(&plan.content, lang);
            if json {
                println!("{}", to_json(&findings));
            } else if findings.is_empty() {
                println!(
                    "{}",
                    match lang {
                        Language::Nl =>
                            "Geen bevindingen: dit plan is helder, haalbaar en meetbaar.",
                        Language::En => "No findings: this plan is clear, feasible and measurable.",
                    }
                );
            } else {
                for f in &findings {
                    let level = match (f.severity, lang) {
                        (Severity::Error, Language::Nl) => "fout",
                        (Severity::Error, Language::En) => "error",
                        (Severity::Warning, Language::Nl) => "let op",
                        (Severity::Warning, Language::En) => "warning",
                    };
                    println!(
                        "[{level}] {}: {}\n    {}",
                        criterion_name(f.criterion, lang),
                        f.message,
                        f.hint
                    );
                }
            }
            let worst = findings.iter().map(|f| f.severity).min();
            return Ok(match worst {
                None => ExitCode::SUCCESS,
                Some(Severity::Warning) => ExitCode::from(1),
                Some(Severity::Error) => ExitCode::from(3),
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--progress N=SCORE[:STATE]` as goal progress of the plan.
fn parse_progress(
    plan: &pop_core::domain::plan::Plan,
    given: &[String],
) -> Result<Vec<pop_core::domain::checkin::GoalProgress>, CoreError> {
    use pop_core::domain::checkin::{GoalProgress, GoalState};
    use pop_core::domain::{Field, Problem, ValidationError};
    let bad = |p| CoreError::from(ValidationError::new(Field::Progress, p));
    given
        .iter()
        .map(|g| {
            let (n, rest) = g
                .split_once('=')
                .ok_or_else(|| bad(Problem::OutOfRange { min: 0, max: 10 }))?;
            let (score, state) = rest.split_once(':').unwrap_or((rest, "on-track"));
            let n: usize = n.trim().parse().map_err(|_| {
                bad(Problem::NoSuchNumber {
                    count: plan.content.goals.len(),
                })
            })?;
            let goal = pop_core::direction::goal_number(plan, n)?;
            let score = score
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|s| *s <= 10)
                .ok_or_else(|| bad(Problem::OutOfRange { min: 0, max: 10 }))?;
            let state = match state.trim() {
                "on-track" => GoalState::OnTrack,
                "behind" => GoalState::Behind,
                "achieved" => GoalState::Achieved,
                "not-started" => GoalState::NotStarted,
                _ => return Err(bad(Problem::UnknownOutcome)),
            };
            Ok(GoalProgress {
                goal_id: goal.id.clone(),
                goal_title: goal.title.clone(),
                score,
                state,
            })
        })
        .collect()
}

/// "van PC Bram (K-1C45-…), gekoppeld op 2026-12-03" or a loud warning when not paired.
fn describe_maker(m: &pop_core::package::PackageMaker, lang: Language) -> String {
    let device = format!("{} ({})", m.name, m.key_fingerprint);
    let on = m
        .paired_on
        .as_deref()
        .unwrap_or_default()
        .get(..10)
        .unwrap_or_default();
    match (lang, m.own, m.paired) {
        (Language::Nl, true, _) => format!("van deze computer, {device}"),
        (Language::En, true, _) => format!("from this computer, {device}"),
        (Language::Nl, false, true) => format!("van {device}, gekoppeld op {on}"),
        (Language::En, false, true) => format!("from {device}, paired on {on}"),
        (Language::Nl, false, false) => format!(
            "LET OP: van {device}, NIET GEKOPPELD. Vergelijk de code met Instellingen → Dit apparaat op die computer; koppel met --pair {}.",
            m.key_fingerprint
        ),
        (Language::En, false, false) => format!(
            "WARNING: from {device}, NOT PAIRED. Compare the code with Settings → This device on that computer; pair with --pair {}.",
            m.key_fingerprint
        ),
    }
}
