//! The owner's direction and the observers' eyes: the firm's developments and team goals,
//! plan goals linked to a team goal, and feedback on a measure point from its observer.
//! Links and feedback belong to a plan's series and never change a signed version.

use crate::documents::page_label;
use crate::error::{CoreError, Entity, Result};
use crate::plans::get_plan;
use pop_domain::checkin::GoalState;
use pop_domain::direction::{
    nth, validate_development, validate_feedback, validate_team_goal, Development,
    DevelopmentInput, Feedback, FeedbackInput, TeamGoal, TeamGoalInput,
};
use pop_domain::plan::{Goal, MeasurePoint, Plan};
use pop_domain::{Clock, Field, Language, Problem, ValidationError};
use pop_export::pdf::{long_date, render, Block, RenderOptions, Style};
use pop_store::{
    direction as repo, people as people_repo, plans as plans_repo, rhythm as rhythm_repo,
    settings as settings_repo, Store,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A plan goal linked to a team goal, with who works on it and how far they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkedGoal {
    /// The newest version of the plan.
    pub plan_id: String,
    pub plan_title: String,
    pub person_id: String,
    pub person_name: String,
    pub goal_id: String,
    pub goal_title: String,
    /// The latest held check-in's progress on this goal (0–10), if any.
    pub score: Option<u8>,
    pub state: Option<GoalState>,
    pub progress_on: Option<chrono::NaiveDate>,
}

/// A team goal with the plan goals linked to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamGoalView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub goal: TeamGoal,
    pub linked: Vec<LinkedGoal>,
}

/// The firm's direction: what is coming and what the team needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Direction {
    pub developments: Vec<Development>,
    pub goals: Vec<TeamGoalView>,
}

/// A plan goal's link, for the plan editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalLink {
    pub goal_id: String,
    pub team_goal_id: String,
    pub team_goal_title: String,
}

/// A piece of feedback with the goal and measure point it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeedbackView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub feedback: Feedback,
    /// The goal's title as in the newest version (empty when the goal is gone).
    pub goal_title: String,
    /// The measure point's signal as in the newest version.
    pub measure: String,
}

/// The words of a feedback request: a subject and a text to paste into an e-mail or chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeedbackRequest {
    pub observer: String,
    pub subject: String,
    pub text: String,
}

fn unknown_team_goal() -> CoreError {
    ValidationError::new(Field::TeamGoal, Problem::UnknownTeamGoal).into()
}

/// Adds a team goal (owner mode); returns it with its id.
pub fn add_team_goal(
    store: &mut Store,
    clock: &dyn Clock,
    input: &TeamGoalInput,
) -> Result<TeamGoal> {
    let v = validate_team_goal(input)?;
    let goal = TeamGoal {
        id: crate::new_id(),
        title: v.title,
        why: v.why,
        until: v.until,
        roles: v.roles,
        created_at: clock.now(),
    };
    store.write(|tx| repo::insert_team_goal(tx, &goal))?;
    Ok(goal)
}

/// Changes a team goal's words or date; its links stay.
pub fn update_team_goal(store: &mut Store, id: &str, input: &TeamGoalInput) -> Result<TeamGoal> {
    let old = repo::team_goal(store.conn(), id)?.ok_or_else(unknown_team_goal)?;
    let v = validate_team_goal(input)?;
    let goal = TeamGoal {
        title: v.title,
        why: v.why,
        until: v.until,
        roles: v.roles,
        ..old
    };
    store.write(|tx| repo::update_team_goal(tx, &goal))?;
    Ok(goal)
}

/// Removes a team goal; plan goals linked to it are simply no longer linked.
pub fn remove_team_goal(store: &mut Store, id: &str) -> Result<()> {
    if !store.write(|tx| repo::delete_team_goal(tx, id))? {
        return Err(unknown_team_goal());
    }
    Ok(())
}

/// Notes a development the owner sees coming.
pub fn add_development(
    store: &mut Store,
    clock: &dyn Clock,
    input: &DevelopmentInput,
) -> Result<Development> {
    let (text, noted_on) = validate_development(input, clock.today())?;
    let d = Development {
        id: crate::new_id(),
        noted_on,
        text,
    };
    let at = clock.now().to_rfc3339();
    store.write(|tx| repo::insert_development(tx, &d, &at))?;
    Ok(d)
}

pub fn remove_development(store: &mut Store, id: &str) -> Result<()> {
    if !store.write(|tx| repo::delete_development(tx, id))? {
        return Err(ValidationError::new(Field::Development, Problem::Required).into());
    }
    Ok(())
}

/// The latest held check-in's progress on `goal_id` of a series.
fn latest_progress(
    store: &Store,
    series: &str,
    goal_id: &str,
) -> Result<Option<(u8, GoalState, chrono::NaiveDate)>> {
    let checkins = rhythm_repo::checkins_of(store.conn(), series)?;
    Ok(checkins
        .iter()
        .filter_map(|c| Some((c.held_on?, c)))
        .filter_map(|(on, c)| {
            c.progress
                .iter()
                .find(|p| p.goal_id == goal_id)
                .map(|p| (on, p.score, p.state))
        })
        .max_by_key(|(on, _, _)| *on)
        .map(|(on, score, state)| (score, state, on)))
}

/// The firm's direction with, per team goal, who works on it and their latest progress.
/// Work follows the links, not the number of plans.
pub fn direction(store: &Store) -> Result<Direction> {
    let conn = store.conn();
    let mut goals = Vec::new();
    for goal in repo::team_goals(conn)? {
        let mut linked = Vec::new();
        for (series, goal_id) in repo::links_to(conn, &goal.id)? {
            // A link of a deleted draft (kept for its Undo) shows nothing.
            let Some(plan) = plans_repo::latest_of(conn, &series)? else {
                continue;
            };
            let Some(g) = plan.content.goals.iter().find(|g| g.id == goal_id) else {
                continue;
            };
            let person_name = people_repo::get(conn, &plan.person_id)?
                .map(|p| p.full_name)
                .unwrap_or_default();
            let progress = latest_progress(store, &series, &goal_id)?;
            linked.push(LinkedGoal {
                plan_title: plan.content.title.clone(),
                person_id: plan.person_id.clone(),
                person_name,
                goal_title: g.title.clone(),
                goal_id,
                score: progress.map(|p| p.0),
                state: progress.map(|p| p.1),
                progress_on: progress.map(|p| p.2),
                plan_id: plan.id,
            });
        }
        linked.sort_by(|a, b| a.person_name.cmp(&b.person_name));
        goals.push(TeamGoalView { goal, linked });
    }
    Ok(Direction {
        developments: repo::developments(conn)?,
        goals,
    })
}

fn series_of(store: &Store, plan_id: &str) -> Result<String> {
    plans_repo::series_of(store.conn(), plan_id)?.ok_or_else(|| CoreError::NotFound {
        what: Entity::Plan,
        id: plan_id.to_owned(),
    })
}

/// Goal `n` (1-based) of a plan.
pub fn goal_number(plan: &Plan, n: usize) -> Result<&Goal> {
    Ok(nth(&plan.content.goals, n, Field::Goal)?)
}

/// Measure point `m` (1-based) of goal `n` of a plan.
pub fn measure_number(plan: &Plan, n: usize, m: usize) -> Result<(&Goal, &MeasurePoint)> {
    let goal = goal_number(plan, n)?;
    Ok((goal, nth(&goal.measures, m, Field::Measure)?))
}

/// The goal and measure point of a plan by their ids ("does not exist" for either).
fn goal_and_measure<'a>(
    plan: &'a Plan,
    goal_id: &str,
    measure_id: &str,
) -> Result<(&'a Goal, &'a MeasurePoint)> {
    let goals = &plan.content.goals;
    let goal = goals.iter().find(|g| g.id == goal_id).ok_or_else(|| {
        ValidationError::new(Field::Goal, Problem::NoSuchNumber { count: goals.len() })
    })?;
    let measure = goal
        .measures
        .iter()
        .find(|m| m.id == measure_id)
        .ok_or_else(|| {
            ValidationError::new(
                Field::Measure,
                Problem::NoSuchNumber {
                    count: goal.measures.len(),
                },
            )
        })?;
    Ok((goal, measure))
}

/// Links a goal of the plan to a team goal (`None`: no longer linked). Any version of the
/// plan may be given; the link holds for every version of it.
pub fn link_goal(
    store: &mut Store,
    clock: &dyn Clock,
    plan_id: &str,
    goal_id: &str,
    team_goal: Option<&str>,
) -> Result<()> {
    let plan = get_plan(store, plan_id)?;
    if !plan.content.goals.iter().any(|g| g.id == goal_id) {
        return Err(ValidationError::new(
            Field::Goal,
            Problem::NoSuchNumber {
                count: plan.content.goals.len(),
            },
        )
        .into());
    }
    let series = series_of(store, plan_id)?;
    match team_goal {
        Some(t) => {
            repo::team_goal(store.conn(), t)?.ok_or_else(unknown_team_goal)?;
            let at = clock.now().to_rfc3339();
            store.write(|tx| repo::link(tx, &series, goal_id, t, &at))?;
        }
        None => {
            store.write(|tx| repo::unlink(tx, &series, goal_id))?;
        }
    }
    Ok(())
}

/// The links of a plan's goals, for its editor.
pub fn plan_links(store: &Store, plan_id: &str) -> Result<Vec<GoalLink>> {
    let series = series_of(store, plan_id)?;
    let conn = store.conn();
    let mut out = Vec::new();
    for (goal_id, team_goal_id) in repo::links_of(conn, &series)? {
        if let Some(t) = repo::team_goal(conn, &team_goal_id)? {
            out.push(GoalLink {
                goal_id,
                team_goal_id,
                team_goal_title: t.title,
            });
        }
    }
    Ok(out)
}

/// Records an observer's answer on a measure point. The plan's content and seal stay as
/// they are: feedback is kept beside the plan.
pub fn record_feedback(
    store: &mut Store,
    clock: &dyn Clock,
    plan_id: &str,
    goal_id: &str,
    measure_id: &str,
    input: &FeedbackInput,
) -> Result<Feedback> {
    let plan = get_plan(store, plan_id)?;
    goal_and_measure(&plan, goal_id, measure_id)?;
    let v = validate_feedback(input, clock.today())?;
    let f = Feedback {
        id: crate::new_id(),
        series_id: series_of(store, plan_id)?,
        goal_id: goal_id.to_owned(),
        measure_id: measure_id.to_owned(),
        from_name: v.from,
        seen_on: v.on,
        seen: v.seen,
        score: v.score,
        note: v.note,
        created_at: clock.now(),
    };
    store.write(|tx| repo::insert_feedback(tx, &f))?;
    Ok(f)
}

/// Every piece of feedback on a plan (any version), oldest first, with the goal's title and
/// the measure point's signal as the newest version words them.
pub fn plan_feedback(store: &Store, plan_id: &str) -> Result<Vec<FeedbackView>> {
    let series = series_of(store, plan_id)?;
    let latest = plans_repo::latest_of(store.conn(), &series)?;
    let goals = latest.map(|p| p.content.goals).unwrap_or_default();
    Ok(repo::feedback_of(store.conn(), &series)?
        .into_iter()
        .map(|f| {
            let goal = goals.iter().find(|g| g.id == f.goal_id);
            let measure = goal
                .and_then(|g| g.measures.iter().find(|m| m.id == f.measure_id))
                .map(|m| m.signal.clone())
                .unwrap_or_default();
            FeedbackView {
                goal_title: goal.map(|g| g.title.clone()).unwrap_or_default(),
                measure,
                feedback: f,
            }
        })
        .collect())
}

/// The feedback a check-in's Reality should show: what observers saw after the last held
/// check-in of the plan (everything when none was held yet).
pub fn feedback_since_last_checkin(store: &Store, plan_id: &str) -> Result<Vec<FeedbackView>> {
    let series = series_of(store, plan_id)?;
    let last = rhythm_repo::checkins_of(store.conn(), &series)?
        .iter()
        .filter_map(|c| c.held_on)
        .max();
    Ok(plan_feedback(store, plan_id)?
        .into_iter()
        .filter(|f| last.is_none_or(|l| f.feedback.seen_on > l))
        .collect())
}

struct RequestWords<'a> {
    lang: Language,
    person: &'a str,
    plan: &'a Plan,
    goal: &'a Goal,
    measure: &'a MeasurePoint,
}

impl RequestWords<'_> {
    fn period(&self) -> String {
        let c = &self.plan.content;
        format!(
            "{} – {}",
            long_date(c.period_start, self.lang),
            long_date(c.period_end, self.lang)
        )
    }

    fn questions(&self) -> [&'static str; 3] {
        match self.lang {
            Language::Nl => [
                "Wat heb je gezien? Beschrijf een moment zo concreet mogelijk.",
                "Hoe vaak zag je dat, ongeveer?",
                "Eén tip: wat zou nog beter kunnen?",
            ],
            Language::En => [
                "What did you see? Describe a moment as concretely as you can.",
                "How often did you see it, roughly?",
                "One suggestion: what could be even better?",
            ],
        }
    }

    fn subject(&self) -> String {
        match self.lang {
            Language::Nl => format!("Korte vraag: wat zag jij van „{}”?", self.goal.title),
            Language::En => format!(
                "A quick question: what did you see of “{}”?",
                self.goal.title
            ),
        }
    }

    fn text(&self) -> String {
        let m = self.measure;
        // Greeted by name: "Mia (controle op maandag)" or "Mia, in het werkoverleg" is Mia.
        let observer = greeting_name(&m.observer).unwrap_or(match self.lang {
            Language::Nl => "collega",
            Language::En => "colleague",
        });
        let moment = if m.moment.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", m.moment.trim())
        };
        let [q1, q2, q3] = self.questions();
        match self.lang {
            Language::Nl => format!(
                "Hoi {observer},\n\n{person} werkt aan een persoonlijk ontwikkelplan met als doel: {goal}.\n\
                 Jij kunt zien of dat lukt, aan dit meetpunt: {signal}{moment}.\n\n\
                 Wil je kort antwoord geven op drie vragen over de periode {period}?\n\
                 1. {q1}\n2. {q2}\n3. {q3}\n\
                 En als je wilt: een cijfer van 0 tot 10 voor wat je zag.\n\n\
                 Je antwoord wordt bij het plan bewaard met je naam en de datum, en komt aan bod in het volgende voortgangsgesprek.\n\n\
                 Dank je wel!\n{person}",
                person = self.person,
                goal = self.goal.title,
                signal = m.signal.trim(),
                period = self.period(),
            ),
            Language::En => format!(
                "Hi {observer},\n\n{person} is working on a personal development plan with this goal: {goal}.\n\
                 You can see whether it works, from this measure point: {signal}{moment}.\n\n\
                 Would you briefly answer three questions about the period {period}?\n\
                 1. {q1}\n2. {q2}\n3. {q3}\n\
                 And if you like: a score from 0 to 10 for what you saw.\n\n\
                 Your answer is kept with the plan, with your name and the date, and is discussed at the next check-in.\n\n\
                 Thank you!\n{person}",
                person = self.person,
                goal = self.goal.title,
                signal = m.signal.trim(),
                period = self.period(),
            ),
        }
    }

    fn blocks(&self) -> Vec<Block> {
        let m = self.measure;
        let text = |style, t: String| Block::Text { style, text: t };
        let dash = |s: &str| {
            if s.trim().is_empty() {
                "—".to_owned()
            } else {
                s.trim().to_owned()
            }
        };
        let (title, intro, labels, score, sign) = match self.lang {
            Language::Nl => (
                "Feedback gevraagd",
                "Je bent genoemd als iemand die kan zien hoe dit doel gaat. Wil je dit formulier invullen en teruggeven? Je antwoord wordt bij het plan bewaard, met je naam en de datum, en komt aan bod in het volgende voortgangsgesprek.",
                ["Voor", "Doel", "Meetpunt", "Wanneer te zien", "Streefwaarde", "Periode", "Gevraagd aan"],
                "Cijfer voor wat je zag (0 = niets van gezien, 10 = steeds en overtuigend):  ______",
                "Naam: ______________________________     Datum: ______________",
            ),
            Language::En => (
                "Feedback requested",
                "You were named as someone who can see how this goal is going. Would you fill in this form and hand it back? Your answer is kept with the plan, with your name and the date, and is discussed at the next check-in.",
                ["For", "Goal", "Measure point", "When to see it", "Target", "Period", "Asked of"],
                "Score for what you saw (0 = saw none of it, 10 = every time, convincingly):  ______",
                "Name: ______________________________     Date: ______________",
            ),
        };
        let values = [
            self.person.to_owned(),
            self.goal.title.clone(),
            dash(&m.signal),
            dash(&m.moment),
            dash(&m.target),
            self.period(),
            dash(&m.observer),
        ];
        let mut b = vec![
            text(Style::Title, title.into()),
            text(Style::Body, intro.into()),
            Block::Space(4.0),
            Block::Fields(labels.iter().map(|l| (*l).to_owned()).zip(values).collect()),
            Block::Rule,
        ];
        for (i, q) in self.questions().iter().enumerate() {
            b.push(text(Style::H2, format!("{}. {q}", i + 1)));
            b.push(Block::WritingLines(4));
        }
        b.push(Block::Space(4.0));
        b.push(text(Style::Body, score.into()));
        b.push(Block::Space(8.0));
        b.push(text(Style::Body, sign.into()));
        b
    }
}

fn with_request<T>(
    store: &Store,
    lang: Language,
    plan_id: &str,
    goal_id: &str,
    measure_id: &str,
    f: impl FnOnce(&RequestWords<'_>) -> T,
) -> Result<T> {
    let plan = get_plan(store, plan_id)?;
    let (goal, measure) = goal_and_measure(&plan, goal_id, measure_id)?;
    let person = people_repo::get(store.conn(), &plan.person_id)?
        .map(|p| p.full_name)
        .unwrap_or_default();
    Ok(f(&RequestWords {
        lang: plan.content.language_or(lang),
        person: &person,
        plan: &plan,
        goal,
        measure,
    }))
}

/// The request as text to paste into an e-mail or chat, in the plan's language.
pub fn feedback_request(
    store: &Store,
    lang: Language,
    plan_id: &str,
    goal_id: &str,
    measure_id: &str,
) -> Result<FeedbackRequest> {
    with_request(store, lang, plan_id, goal_id, measure_id, |w| {
        FeedbackRequest {
            observer: w.measure.observer.trim().to_owned(),
            subject: w.subject(),
            text: w.text(),
        }
    })
}

/// The request as a one-page A4 form, in the plan's language.
pub fn feedback_form_pdf(
    store: &Store,
    clock: &dyn Clock,
    lang: Language,
    plan_id: &str,
    goal_id: &str,
    measure_id: &str,
) -> Result<Vec<u8>> {
    let author = settings_repo::organisation_name(store.conn())?;
    with_request(store, lang, plan_id, goal_id, measure_id, |w| {
        let title = match w.lang {
            Language::Nl => "Feedback gevraagd",
            Language::En => "Feedback requested",
        };
        let opts = RenderOptions {
            title: format!("{title} – {}", w.person),
            author,
            footer: format!("{title} · {} · {}", w.person, w.goal.title),
            page_label: page_label(w.lang),
            created_unix: clock.now().timestamp(),
            subject: String::new(),
        };
        render(&w.blocks(), &opts)
    })
}

/// The firm's direction as blocks (its own page, and a section of the preparation sheet).
pub fn direction_blocks(d: &Direction, lang: Language, heading: Style) -> Vec<Block> {
    let text = |style, t: String| Block::Text { style, text: t };
    let (developments, goals, none, by, roles, who) = match lang {
        Language::Nl => (
            "Ontwikkelingen die we zien aankomen",
            "Teamdoelen en competenties die we nodig hebben",
            "Nog niets vastgelegd.",
            "Klaar op",
            "Voor",
            "Werken eraan",
        ),
        Language::En => (
            "Developments we see coming",
            "Team goals and competences we will need",
            "Nothing recorded yet.",
            "Due by",
            "For",
            "Working on it",
        ),
    };
    let mut b = vec![text(heading, developments.into())];
    if d.developments.is_empty() {
        b.push(text(Style::Body, none.into()));
    }
    for dev in &d.developments {
        b.push(Block::Bullet {
            text: format!("{} — {}", long_date(dev.noted_on, lang), dev.text),
        });
    }
    b.push(text(heading, goals.into()));
    if d.goals.is_empty() {
        b.push(text(Style::Body, none.into()));
    }
    for g in &d.goals {
        b.push(Block::Space(3.0));
        b.push(text(Style::Label, g.goal.title.clone()));
        if !g.goal.why.is_empty() {
            b.push(text(Style::Body, g.goal.why.clone()));
        }
        let mut fields = Vec::new();
        if let Some(u) = g.goal.until {
            fields.push((by.to_owned(), long_date(u, lang)));
        }
        if !g.goal.roles.is_empty() {
            fields.push((roles.to_owned(), g.goal.roles.clone()));
        }
        if !g.linked.is_empty() {
            let names: Vec<&str> = g.linked.iter().map(|l| l.person_name.as_str()).collect();
            fields.push((who.to_owned(), names.join(", ")));
        }
        if !fields.is_empty() {
            b.push(Block::Fields(fields));
        }
    }
    b
}

/// The firm's direction as a section of the manager's preparation sheet (nothing when the
/// owner has recorded none).
pub fn preparation_section(store: &Store, lang: Language) -> Result<Vec<Block>> {
    let d = direction(store)?;
    if d.developments.is_empty() && d.goals.is_empty() {
        return Ok(Vec::new());
    }
    let mut b = vec![Block::Text {
        style: Style::H1,
        text: match lang {
            Language::Nl => "De koers van het bedrijf".into(),
            Language::En => "The firm’s direction".into(),
        },
    }];
    b.extend(direction_blocks(&d, lang, Style::H2));
    Ok(b)
}

/// The firm's direction as one printable page.
pub fn direction_pdf(store: &Store, clock: &dyn Clock, lang: Language) -> Result<Vec<u8>> {
    let d = direction(store)?;
    let organisation = settings_repo::organisation_name(store.conn())?;
    let title = match lang {
        Language::Nl => "De koers van het bedrijf",
        Language::En => "The firm’s direction",
    };
    let today = long_date(clock.today(), lang);
    let mut blocks = vec![Block::Text {
        style: Style::Subtitle,
        text: if organisation.trim().is_empty() {
            today
        } else {
            format!("{organisation} · {today}")
        },
    }];
    blocks.push(Block::Text {
        style: Style::Title,
        text: title.into(),
    });
    blocks.extend(direction_blocks(&d, lang, Style::H1));
    let opts = RenderOptions {
        title: title.into(),
        author: organisation.clone(),
        footer: format!("{title} · {organisation}"),
        page_label: page_label(lang),
        created_unix: clock.now().timestamp(),
        subject: String::new(),
    };
    Ok(render(&blocks, &opts))
}

/// Who a measure point's observer is, for a greeting: the text before any explanation in
/// brackets or after a comma ("Mia (controle op maandag)" is "Mia"); none when empty.
fn greeting_name(observer: &str) -> Option<&str> {
    let name = observer.split(['(', ',']).next().unwrap_or_default().trim();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pop_domain::FixedClock;

    #[test]
    fn a_feedback_request_greets_the_observer_by_name() {
        assert_eq!(greeting_name("Mia (controle op maandag)"), Some("Mia"));
        assert_eq!(greeting_name("Mia, in het werkoverleg"), Some("Mia"));
        assert_eq!(greeting_name("  Bram de Vries "), Some("Bram de Vries"));
        assert_eq!(greeting_name(" (alleen uitleg)"), None);
        assert_eq!(greeting_name(""), None);
    }

    fn clock() -> FixedClock {
        use chrono::TimeZone;
        FixedClock(chrono::Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap())
    }

    #[test]
    fn a_team_goal_is_stored_listed_changed_and_removed() {
        let mut s = Store::open_in_memory().unwrap();
        let c = clock();
        let g = add_team_goal(
            &mut s,
            &c,
            &TeamGoalInput {
                title: "Warmtepompen installeren".into(),
                until: Some("2027-09-01".into()),
                ..TeamGoalInput::default()
            },
        )
        .unwrap();
        let d = direction(&s).unwrap();
        assert_eq!(d.goals.len(), 1);
        assert_eq!(d.goals[0].goal, g);
        let changed = update_team_goal(
            &mut s,
            &g.id,
            &TeamGoalInput {
                title: "Warmtepompen installeren en onderhouden".into(),
                ..TeamGoalInput::default()
            },
        )
        .unwrap();
        assert_eq!(changed.until, None);
        assert_eq!(changed.created_at, g.created_at);
        remove_team_goal(&mut s, &g.id).unwrap();
        assert!(direction(&s).unwrap().goals.is_empty());
        assert!(remove_team_goal(&mut s, &g.id).is_err());
    }
}
