//! `direction` (the firm's developments and team goals) and the plan commands that use it:
//! linking a goal, asking an observer for feedback and recording the answer.

use crate::util::to_json;
use clap::Subcommand;
use pop_core::direction::{self as dir, FeedbackView};
use pop_core::domain::direction::{DevelopmentInput, FeedbackInput, TeamGoalInput};
use pop_core::domain::{Language, SystemClock};
use pop_core::{plans, CoreError, Store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DirectionCommand {
    /// Add a team goal or competence the team will need; prints its id.
    Add {
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        why: String,
        /// By when.
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<String>,
        /// Which roles it concerns (free text).
        #[arg(long, default_value = "")]
        roles: String,
    },
    /// Note a development the owner sees coming; prints its id.
    Develop {
        #[arg(long)]
        text: String,
        /// When it was noted (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
    },
    /// Each team goal with the plan goals linked to it, and the developments.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a team goal (plan goals linked to it are no longer linked).
    Remove { id: String },
    /// The firm's direction as one printable page.
    Pdf {
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
}

pub fn run(
    command: DirectionCommand,
    store: &mut Store,
    lang: Language,
) -> Result<ExitCode, CoreError> {
    let clock = SystemClock;
    match command {
        DirectionCommand::Add {
            title,
            why,
            until,
            roles,
        } => {
            let g = dir::add_team_goal(
                store,
                &clock,
                &TeamGoalInput {
                    title,
                    why,
                    until,
                    roles,
                },
            )?;
            println!("{}", g.id);
        }
        DirectionCommand::Develop { text, on } => {
            let d = dir::add_development(store, &clock, &DevelopmentInput { text, noted_on: on })?;
            println!("{}", d.id);
        }
        DirectionCommand::List { json } => {
            let d = dir::direction(store)?;
            if json {
                println!("{}", to_json(&d));
            } else {
                for g in &d.goals {
                    let until = g.goal.until.map(|u| u.to_string()).unwrap_or_default();
                    println!("{}\t{}\t{until}", g.goal.id, g.goal.title);
                    for l in &g.linked {
                        let progress = l.score.map(|s| format!("{s}/10")).unwrap_or_default();
                        println!("    {}\t{}\t{progress}", l.person_name, l.goal_title);
                    }
                }
                if !d.developments.is_empty() {
                    println!(
                        "{}",
                        match lang {
                            Language::Nl => "Ontwikkelingen:",
                            Language::En => "Developments:",
                        }
                    );
                }
                for dev in &d.developments {
                    println!("    {}\t{}", dev.noted_on, dev.text);
                }
            }
        }
        DirectionCommand::Remove { id } => dir::remove_team_goal(store, &id)?,
        DirectionCommand::Pdf { output } => {
            pop_core::files::write_output(
                store,
                &output,
                &dir::direction_pdf(store, &clock, lang)?,
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `plan link`.
pub fn link(
    store: &mut Store,
    id: &str,
    goal: usize,
    team_goal: Option<&str>,
    _lang: Language,
) -> Result<(), CoreError> {
    let plan = plans::get_plan(store, id)?;
    let goal_id = dir::goal_number(&plan, goal)?.id.clone();
    dir::link_goal(store, &SystemClock, id, &goal_id, team_goal)
}

/// `plan feedback-form`: the PDF with -o, otherwise the text.
pub fn feedback_form(
    store: &mut Store,
    lang: Language,
    id: &str,
    goal: usize,
    measure: usize,
    output: Option<PathBuf>,
) -> Result<(), CoreError> {
    let plan = plans::get_plan(store, id)?;
    let (g, m) = dir::measure_number(&plan, goal, measure)?;
    let (g, m) = (g.id.clone(), m.id.clone());
    match output {
        Some(path) => pop_core::files::write_output(
            store,
            &path,
            &dir::feedback_form_pdf(store, &SystemClock, lang, id, &g, &m)?,
        ),
        None => {
            let r = dir::feedback_request(store, lang, id, &g, &m)?;
            println!("{}\n\n{}", r.subject, r.text);
            Ok(())
        }
    }
}

/// `plan feedback`: prints the id of the recorded answer.
pub fn feedback(
    store: &mut Store,
    id: &str,
    (goal, measure): (usize, usize),
    input: FeedbackInput,
) -> Result<(), CoreError> {
    let plan = plans::get_plan(store, id)?;
    let (g, m) = dir::measure_number(&plan, goal, measure)?;
    let (g, m) = (g.id.clone(), m.id.clone());
    let f = dir::record_feedback(store, &SystemClock, id, &g, &m, &input)?;
    println!("{}", f.id);
    Ok(())
}

/// The feedback lines of `plan history`.
pub fn print_feedback(feedback: &[FeedbackView], lang: Language) {
    if feedback.is_empty() {
        return;
    }
    println!(
        "{}",
        match lang {
            Language::Nl => "Feedback van waarnemers:",
            Language::En => "Feedback from observers:",
        }
    );
    for f in feedback {
        println!(
            "    {}\t{}\t{}/10\t{}\t{}",
            f.feedback.seen_on, f.feedback.from_name, f.feedback.score, f.measure, f.feedback.seen
        );
    }
}

/// `results`: the team per year, then every person, as lines, JSON or a sheet.
pub fn results(
    store: &mut Store,
    lang: Language,
    output: Option<PathBuf>,
    json: bool,
) -> Result<ExitCode, CoreError> {
    use pop_core::results::{export_results, results};
    if let Some(path) = output {
        let format = pop_core::overview::sheet_format_for(store, &path)?;
        export_results(store, lang, format, &path)?;
        return Ok(ExitCode::SUCCESS);
    }
    let r = results(store)?;
    if json {
        println!("{}", to_json(&r));
        return Ok(ExitCode::SUCCESS);
    }
    let team = match lang {
        Language::Nl => "Team",
        Language::En => "Team",
    };
    for x in r.team.iter().chain(&r.people) {
        let who = if x.person_id.is_empty() {
            team
        } else {
            x.person_name.as_str()
        };
        println!(
            "{}\t{who}\t{}\t{}\t{}\t{}/{}/{}",
            x.year,
            x.plans,
            pop_core::messages::money(x.planned_cents, lang),
            pop_core::messages::money(x.spent_cents, lang),
            x.achieved,
            x.partly,
            x.not_achieved
        );
    }
    Ok(ExitCode::SUCCESS)
}
