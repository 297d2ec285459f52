//! The personal development plan (POP): a profile, the seven building blocks, and goals with
//! their why, actions, measure points and reflection. A plan is one document: it is edited,
//! checked, exported and (later) signed as a whole.

use crate::text::{optional_line, required_line};
use crate::validation::{Field, Problem, ValidationError};
use chrono::{DateTime, Months, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Longest single-line text (titles, names).
pub const MAX_LINE: usize = 300;
/// Longest free text (descriptions, reflections): about ten printed pages.
pub const MAX_TEXT: usize = 20_000;
/// Most goals, actions per goal, measure points per goal and support items a plan may hold.
pub const MAX_ITEMS: usize = 100;
/// What a worked example leaves where a name belongs that is not known (the manager of a
/// person who has none); the POP-check flags it until someone fills it in.
pub const PLACEHOLDERS: [&str; 2] = ["[leidinggevende]", "[manager]"];

/// Largest cost of one item, in cents (€ 1 000 000).
pub const MAX_COST_CENTS: i64 = 100_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum PlanStatus {
    Draft,
    Active,
    Evaluated,
    Closed,
}

impl PlanStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Active => "active",
            PlanStatus::Evaluated => "evaluated",
            PlanStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            PlanStatus::Draft,
            PlanStatus::Active,
            PlanStatus::Evaluated,
            PlanStatus::Closed,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }

    /// The lifecycle: draft → active → evaluated → closed. Signing will sit between draft and
    /// active; a draft may also be closed (abandoned) and an active plan closed early.
    pub fn can_become(self, next: PlanStatus) -> bool {
        use PlanStatus::*;
        matches!(
            (self, next),
            (Draft, Active)
                | (Active, Evaluated)
                | (Evaluated, Closed)
                | (Draft, Closed)
                | (Active, Closed)
        )
    }

    /// Whether the plan's content may still be edited.
    pub fn is_editable(self) -> bool {
        self == PlanStatus::Draft
    }
}

/// Who took the initiative for the plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Initiative {
    #[default]
    Employer,
    Own,
}

/// The horizon of a goal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum GoalTerm {
    /// Up to one year.
    #[default]
    Short,
    /// One to five years.
    Medium,
    /// The career line.
    Long,
}

/// How an action makes someone learn (the 70/20/10 split).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ActionKind {
    /// Learning in the work itself: doing, practising, taking on a task (~70%).
    #[default]
    Work,
    /// Learning with others: feedback, coaching, mentoring, looking along (~20%).
    Social,
    /// A course or training (~10%).
    Course,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ActionStatus {
    #[default]
    Open,
    Doing,
    Done,
    Dropped,
}

/// Who pays for what an action costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Payer {
    /// The employer, outside the personal budget.
    Employer,
    /// The person's development budget: charged when the plan is signed.
    Budget,
    /// A subsidy or a sector fund.
    Subsidy,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub description: String,
    pub kind: ActionKind,
    /// Who does it.
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: ActionStatus,
    /// Cost in euro cents, if any.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub cost_cents: Option<i64>,
    /// Who pays the cost. Left out of the document when not said, so plans signed before
    /// this field existed keep their seal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub paid_by: Option<Payer>,
    /// Why a training is followed, which decides whether it is free by law (art. 7:611a BW).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub training: Option<crate::clause::TrainingKind>,
    /// The hours the action takes (in minutes), e.g. study time; from the personal budget's
    /// hours when the budget pays. Left out when not given (older seals stay valid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable, type = "number | null")]
    pub minutes: Option<i64>,
}

impl Action {
    /// What this action takes from the personal budget once the plan is signed: its cost when
    /// the budget pays, it is not dropped, and it is not training that is free by law.
    pub fn budget_cents(&self) -> i64 {
        let free = self.training.is_some_and(|t| t.free_by_law());
        match (self.paid_by, self.status, self.cost_cents) {
            (Some(Payer::Budget), status, Some(c)) if status != ActionStatus::Dropped && !free => {
                c.max(0)
            }
            _ => 0,
        }
    }

    /// What this action takes from the personal budget's hours once the plan is signed, on
    /// the same terms as [`Action::budget_cents`].
    pub fn budget_minutes(&self) -> i64 {
        let free = self.training.is_some_and(|t| t.free_by_law());
        match (self.paid_by, self.status, self.minutes) {
            (Some(Payer::Budget), status, Some(m)) if status != ActionStatus::Dropped && !free => {
                m.max(0)
            }
            _ => 0,
        }
    }
}

/// A signal that shows progress, who can see it, and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeasurePoint {
    pub id: String,
    /// What can be observed.
    pub signal: String,
    /// Who observes it.
    #[serde(default)]
    pub observer: String,
    /// When, or the target to reach.
    #[serde(default)]
    pub moment: String,
    #[serde(default)]
    pub baseline: String,
    #[serde(default)]
    pub target: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Goal {
    pub id: String,
    /// The goal phrased as behaviour.
    pub title: String,
    #[serde(default)]
    pub term: GoalTerm,
    /// Why it matters (impact on results, colleagues, customers).
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub target_date: Option<NaiveDate>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub measures: Vec<MeasurePoint>,
    /// What went well, what I learn, what I change.
    #[serde(default)]
    pub reflection: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Support {
    pub id: String,
    /// From whom (manager, colleague, a tool, the budget holder).
    pub from_whom: String,
    pub what: String,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub cost_cents: Option<i64>,
}

/// The follow-up rhythm.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rhythm {
    /// Length of one iteration in weeks (4–8 is best).
    #[serde(default)]
    pub iteration_weeks: Option<u8>,
    /// A check-in every N weeks.
    #[serde(default)]
    pub checkin_every_weeks: Option<u8>,
    /// How progress is recorded.
    #[serde(default)]
    pub notes: String,
}

/// Answers about a situation (now, or as desired), step 1 and 3 of the guided route.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Situation {
    /// What work do I do (or want to do)?
    #[serde(default)]
    pub work: String,
    /// What is the work environment like?
    #[serde(default)]
    pub environment: String,
    /// What are my qualities?
    #[serde(default)]
    pub qualities: String,
    /// What makes the work valuable?
    #[serde(default)]
    pub value: String,
    /// What characterises me?
    #[serde(default)]
    pub character: String,
}

impl Situation {
    fn texts(&self) -> [&String; 5] {
        [
            &self.work,
            &self.environment,
            &self.qualities,
            &self.value,
            &self.character,
        ]
    }
}

/// The employee's guided route to a plan: current situation, the common thread, the desired
/// situation with a personal vision, and the differences between now and then.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Guide {
    #[serde(default)]
    pub current: Situation,
    /// Step 2: what stands out, what contradicts, and why.
    #[serde(default)]
    pub thread: String,
    #[serde(default)]
    pub desired: Situation,
    /// Step 3: personal vision.
    #[serde(default)]
    pub vision: String,
    /// Step 4: differences and similarities, and the steps between them.
    #[serde(default)]
    pub differences: String,
}

/// The manager's preparation of the conversation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Preparation {
    /// How the employee performs now.
    #[serde(default)]
    pub performance: String,
    /// Developments in the organisation and the role.
    #[serde(default)]
    pub developments: String,
    /// Competences the role will need.
    #[serde(default)]
    pub competences: String,
    /// Other notes for the conversation.
    #[serde(default)]
    pub notes: String,
}

/// Step 5 of the guided route: fills the plan's empty blocks from the answers. Nothing the
/// person already wrote in the plan is overwritten.
pub fn apply_guide(mut c: PlanContent) -> PlanContent {
    let join = |parts: &[&String]| {
        parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    if c.starting_situation.trim().is_empty() {
        c.starting_situation = join(&c.guide.current.texts());
    }
    if c.ambition.trim().is_empty() {
        c.ambition = join(&[&c.guide.vision]);
    }
    if c.focus.trim().is_empty() {
        c.focus = join(&[&c.guide.differences, &c.guide.thread]);
    }
    c
}

/// A dated action still to do (open or in progress): what the board and the reminders need
/// of a plan's content, kept beside the plan so they need not read the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DueAction {
    pub id: String,
    pub due: NaiveDate,
    pub description: String,
}

impl PlanContent {
    /// What the plan's actions and support are planned to cost, in cents.
    pub fn planned_cents(&self) -> i64 {
        let actions = self.goals.iter().flat_map(|g| &g.actions);
        actions
            .filter_map(|a| a.cost_cents)
            .chain(self.support.iter().filter_map(|s| s.cost_cents))
            .fold(0i64, i64::saturating_add)
    }

    /// Per action (by id, in the plan's order), what signing the plan takes from the personal
    /// budget; actions that take nothing are left out.
    pub fn budget_charges(&self) -> Vec<(String, i64)> {
        self.goals
            .iter()
            .flat_map(|g| &g.actions)
            .map(|a| (a.id.clone(), a.budget_cents()))
            .filter(|(_, c)| *c > 0)
            .collect()
    }

    /// Per action, the hours (in minutes) signing the plan takes from the personal budget.
    pub fn budget_hour_charges(&self) -> Vec<(String, i64)> {
        self.goals
            .iter()
            .flat_map(|g| &g.actions)
            .map(|a| (a.id.clone(), a.budget_minutes()))
            .filter(|(_, m)| *m > 0)
            .collect()
    }

    /// The hours (in minutes) the plan's actions take, all payers together.
    pub fn planned_minutes(&self) -> i64 {
        self.goals
            .iter()
            .flat_map(|g| &g.actions)
            .filter_map(|a| a.minutes)
            .fold(0i64, i64::saturating_add)
    }

    /// The actions with a date that are open or in progress, in the plan's order.
    pub fn due_actions(&self) -> Vec<DueAction> {
        let actions = self.goals.iter().flat_map(|g| &g.actions);
        actions
            .filter(|a| matches!(a.status, ActionStatus::Open | ActionStatus::Doing))
            .filter_map(|a| {
                Some(DueAction {
                    id: a.id.clone(),
                    due: a.due?,
                    description: a.description.clone(),
                })
            })
            .collect()
    }
}

/// The content of a plan: everything a person writes, nothing the app derives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanContent {
    pub title: String,
    #[serde(default)]
    pub initiative: Initiative,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// The role (functie) at the start of the plan.
    #[serde(default)]
    pub role: String,
    /// Where the person wants to grow to.
    #[serde(default)]
    pub ambition: String,
    /// Block 1: the development focus and why it matters.
    #[serde(default)]
    pub focus: String,
    /// Block 2: the starting situation.
    #[serde(default)]
    pub starting_situation: String,
    /// Blocks 3–5: goals with actions and measure points.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// Block 6: support.
    #[serde(default)]
    pub support: Vec<Support>,
    /// Block 7: rhythm.
    #[serde(default)]
    pub rhythm: Rhythm,
    /// The manager or coach the plan is agreed with (empty in personal mode).
    #[serde(default)]
    pub manager_name: String,
    /// Reflection on the plan as a whole.
    #[serde(default)]
    pub reflection: String,
    /// The answers of the guided route.
    #[serde(default)]
    pub guide: Guide,
    /// The manager's preparation.
    #[serde(default)]
    pub preparation: Preparation,
    /// The plan's own language: its PDF, calendar and annexes are in it, whatever the app's
    /// language. Absent in plans made before plans had one (they follow the app).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub language: Option<crate::settings::Language>,
}

impl PlanContent {
    /// The language the plan's documents are in: its own, else `fallback` (the app's).
    pub fn language_or(&self, fallback: crate::settings::Language) -> crate::settings::Language {
        self.language.unwrap_or(fallback)
    }
}

/// A stored plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub id: String,
    pub person_id: String,
    pub status: PlanStatus,
    /// The plan whose unfinished goals this one carried on, if any.
    pub carried_from: Option<String>,
    pub content: PlanContent,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// 1 for the first version; a new version of a signed plan counts up.
    pub version: u32,
    /// The signed version this one was made from.
    pub previous_version: Option<String>,
    /// Why the new version was made (optional).
    pub version_reason: String,
}

/// The default period: from `start`, twelve months.
pub fn default_period(start: NaiveDate) -> (NaiveDate, NaiveDate) {
    let end = start
        .checked_add_months(Months::new(12))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start);
    (start, end)
}

/// Checks lengths, counts, amounts and the period; trims single lines. The POP-check says
/// whether the plan is *good*; this says whether it can be stored at all.
pub fn validate_content(mut c: PlanContent) -> Result<PlanContent, ValidationError> {
    c.title = required_line(Field::PlanTitle, &c.title, MAX_LINE)?;
    c.role = line(Field::PlanRole, &c.role)?;
    c.manager_name = line(Field::ManagerName, &c.manager_name)?;
    for (field, text) in [
        (Field::Ambition, &c.ambition),
        (Field::Focus, &c.focus),
        (Field::StartingSituation, &c.starting_situation),
        (Field::Reflection, &c.reflection),
        (Field::RhythmNotes, &c.rhythm.notes),
        (Field::Guide, &c.guide.thread),
        (Field::Guide, &c.guide.vision),
        (Field::Guide, &c.guide.differences),
        (Field::Preparation, &c.preparation.performance),
        (Field::Preparation, &c.preparation.developments),
        (Field::Preparation, &c.preparation.competences),
        (Field::Preparation, &c.preparation.notes),
    ] {
        long_text(field, text)?;
    }
    for text in c
        .guide
        .current
        .texts()
        .into_iter()
        .chain(c.guide.desired.texts())
    {
        long_text(Field::Guide, text)?;
    }
    if c.period_end < c.period_start {
        return Err(ValidationError::new(
            Field::PeriodEnd,
            Problem::EndBeforeStart,
        ));
    }
    for w in [c.rhythm.iteration_weeks, c.rhythm.checkin_every_weeks]
        .into_iter()
        .flatten()
    {
        if !(1..=52).contains(&w) {
            return Err(ValidationError::new(
                Field::Rhythm,
                Problem::OutOfRange { min: 1, max: 52 },
            ));
        }
    }
    count(Field::Goals, c.goals.len())?;
    count(Field::Support, c.support.len())?;
    for g in &mut c.goals {
        g.title = line(Field::GoalTitle, &g.title)?;
        long_text(Field::GoalWhy, &g.why)?;
        long_text(Field::Reflection, &g.reflection)?;
        count(Field::Actions, g.actions.len())?;
        count(Field::Measures, g.measures.len())?;
        for a in &mut g.actions {
            long_text(Field::ActionDescription, &a.description)?;
            a.owner = line(Field::ActionOwner, &a.owner)?;
            cost(a.cost_cents)?;
            if a.minutes
                .is_some_and(|m| !(0..=MAX_ACTION_MINUTES).contains(&m))
            {
                return Err(ValidationError::new(
                    Field::ActionHours,
                    Problem::OutOfRange {
                        min: 0,
                        max: MAX_ACTION_MINUTES / 60,
                    },
                ));
            }
        }
        for m in &mut g.measures {
            long_text(Field::MeasureSignal, &m.signal)?;
            m.observer = line(Field::MeasureObserver, &m.observer)?;
            for text in [&m.moment, &m.baseline, &m.target] {
                long_text(Field::MeasureSignal, text)?;
            }
        }
    }
    for s in &mut c.support {
        s.from_whom = line(Field::SupportFrom, &s.from_whom)?;
        long_text(Field::SupportWhat, &s.what)?;
        cost(s.cost_cents)?;
    }
    Ok(c)
}

/// What a save could not take over: the place in the plan (a JSON pointer such as
/// `/goals/1/title`) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub pointer: String,
    pub error: ValidationError,
}

/// Takes over every change from `stored` to `new` that leaves a valid plan, and keeps the
/// stored value wherever a change does not (an end date before the start, a goal title of
/// 100 000 characters): one bad field never holds back the others. Changes are tried one
/// unit at a time — a field; the period's start and end together; a list whose items were
/// added, removed or reordered (told by their ids) as a whole — again until no further one
/// fits, so changes that are only valid together are both taken. `stored` must itself be
/// valid: when it is not, nothing is taken and nothing is named (the caller reports the
/// error as it is).
pub fn salvage_content(new: &PlanContent, stored: &PlanContent) -> (PlanContent, Vec<Refused>) {
    use serde_json::Value;
    let (Ok(target), Ok(mut current)) = (serde_json::to_value(new), serde_json::to_value(stored))
    else {
        return (stored.clone(), Vec::new());
    };
    let check = |v: &Value| {
        serde_json::from_value::<PlanContent>(v.clone())
            .map_err(|_| ValidationError::new(Field::Goals, Problem::Required))
            .and_then(validate_content)
    };
    if check(&current).is_err() {
        return (stored.clone(), Vec::new());
    }
    let mut changed = Vec::new();
    differences(Some(&current), Some(&target), String::new(), &mut changed);
    // The period is one unit: an end typed before its new start is not half taken.
    let mut pending: Vec<Vec<String>> = Vec::new();
    let period: Vec<String> = changed
        .iter()
        .filter(|p| *p == "/periodStart" || *p == "/periodEnd")
        .cloned()
        .collect();
    if !period.is_empty() {
        pending.push(period);
    }
    pending.extend(
        changed
            .into_iter()
            .filter(|p| p != "/periodStart" && p != "/periodEnd")
            .map(|p| vec![p]),
    );
    let mut refused: Vec<Refused> = Vec::new();
    loop {
        let mut progress = false;
        refused.clear();
        for unit in std::mem::take(&mut pending) {
            let before: Vec<Option<Value>> = unit
                .iter()
                .map(|p| set_at(&mut current, p, target.pointer(p).cloned()))
                .collect();
            match check(&current) {
                Ok(_) => progress = true,
                Err(error) => {
                    for (p, old) in unit.iter().zip(before).rev() {
                        set_at(&mut current, p, old);
                    }
                    refused.extend(unit.iter().map(|p| Refused {
                        pointer: p.clone(),
                        error: error.clone(),
                    }));
                    pending.push(unit);
                }
            }
        }
        if !progress || pending.is_empty() {
            break;
        }
    }
    refused.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    match check(&current) {
        Ok(content) => (content, refused),
        Err(_) => (stored.clone(), Vec::new()),
    }
}

/// The JSON pointers where `a` and `b` differ (a missing key differs from any value): fields
/// of objects, items of lists whose items are the same ones in the same order (by their
/// `id` when they have one), and any other list as a whole.
fn differences(
    a: Option<&serde_json::Value>,
    b: Option<&serde_json::Value>,
    at: String,
    out: &mut Vec<String>,
) {
    use serde_json::Value;
    if a == b {
        return;
    }
    let id = |v: &Value| v.get("id").cloned();
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let key = k.replace('~', "~0").replace('/', "~1");
                differences(x.get(k), y.get(k), format!("{at}/{key}"), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y)))
            if x.len() == y.len() && x.iter().zip(y).all(|(p, q)| id(p) == id(q)) =>
        {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                differences(Some(p), Some(q), format!("{at}/{i}"), out);
            }
        }
        _ => out.push(at),
    }
}

/// Puts `value` at `pointer` in `root` (`None`: removes the key); returns what was there.
/// The parent of `pointer` exists in `root` (both sides are the same type of plan).
fn set_at(
    root: &mut serde_json::Value,
    pointer: &str,
    value: Option<serde_json::Value>,
) -> Option<serde_json::Value> {
    use serde_json::Value;
    if pointer.is_empty() {
        return Some(std::mem::replace(root, value.unwrap_or(Value::Null)));
    }
    let (parent, last) = pointer.rsplit_once('/')?;
    let key = last.replace("~1", "/").replace("~0", "~");
    let parent = if parent.is_empty() {
        Some(root)
    } else {
        root.pointer_mut(parent)
    }?;
    match (parent, value) {
        (Value::Object(map), Some(v)) => map.insert(key, v),
        (Value::Object(map), None) => map.remove(&key),
        (Value::Array(list), v) => {
            let slot = list.get_mut(key.parse::<usize>().ok()?)?;
            Some(std::mem::replace(slot, v.unwrap_or(Value::Null)))
        }
        _ => None,
    }
}

fn line(field: Field, value: &str) -> Result<String, ValidationError> {
    Ok(optional_line(field, Some(value), MAX_LINE)?.unwrap_or_default())
}

/// Checks one free text of at most [`MAX_TEXT`] characters.
pub(crate) fn long_text(field: Field, value: &str) -> Result<(), ValidationError> {
    let n = value.chars().count();
    if n > MAX_TEXT {
        return Err(ValidationError::new(
            field,
            Problem::TooLong {
                max: MAX_TEXT,
                actual: n,
            },
        ));
    }
    Ok(())
}

fn count(field: Field, n: usize) -> Result<(), ValidationError> {
    if n > MAX_ITEMS {
        return Err(ValidationError::new(
            field,
            Problem::TooMany { max: MAX_ITEMS },
        ));
    }
    Ok(())
}

/// The most hours one action may take: 2 000 (a full-time year).
pub const MAX_ACTION_MINUTES: i64 = 2_000 * 60;

fn cost(cents: Option<i64>) -> Result<(), ValidationError> {
    match cents {
        Some(c) if !(0..=MAX_COST_CENTS).contains(&c) => Err(ValidationError::new(
            Field::Cost,
            Problem::OutOfRange {
                min: 0,
                max: MAX_COST_CENTS / 100,
            },
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn only_what_the_budget_pays_and_the_law_does_not_make_free_is_charged() {
        use crate::clause::TrainingKind;
        let a = |id: &str, paid_by, training, status, cost| Action {
            id: id.into(),
            description: "Cursus".into(),
            paid_by,
            training,
            status,
            cost_cents: cost,
            ..Default::default()
        };
        let goal = Goal {
            id: "g".into(),
            actions: vec![
                a(
                    "budget",
                    Some(Payer::Budget),
                    Some(TrainingKind::Voluntary),
                    ActionStatus::Open,
                    Some(450 * 100),
                ),
                a(
                    "unsaid",
                    Some(Payer::Budget),
                    None,
                    ActionStatus::Doing,
                    Some(100 * 100),
                ),
                a(
                    "cao",
                    Some(Payer::Budget),
                    Some(TrainingKind::Required),
                    ActionStatus::Open,
                    Some(900 * 100),
                ),
                a(
                    "job",
                    Some(Payer::Budget),
                    Some(TrainingKind::Necessary),
                    ActionStatus::Open,
                    Some(500 * 100),
                ),
                a(
                    "boss",
                    Some(Payer::Employer),
                    None,
                    ActionStatus::Open,
                    Some(700 * 100),
                ),
                a(
                    "fund",
                    Some(Payer::Subsidy),
                    None,
                    ActionStatus::Open,
                    Some(300 * 100),
                ),
                a("who", None, None, ActionStatus::Open, Some(200 * 100)),
                a(
                    "gone",
                    Some(Payer::Budget),
                    None,
                    ActionStatus::Dropped,
                    Some(50 * 100),
                ),
                a("free", Some(Payer::Budget), None, ActionStatus::Open, None),
            ],
            ..Default::default()
        };
        let plan = PlanContent {
            goals: vec![goal],
            ..Default::default()
        };
        assert_eq!(
            plan.budget_charges(),
            [
                ("budget".to_owned(), 450 * 100),
                ("unsaid".to_owned(), 100 * 100)
            ]
        );
    }

    #[test]
    fn an_action_without_a_payer_serialises_as_before_so_old_seals_hold() {
        let old = r#"{"id":"a1","description":"Cursus","kind":"course","owner":"","due":null,"status":"open","costCents":45000}"#;
        let action: Action = serde_json::from_str(old).unwrap();
        assert_eq!(action.paid_by, None);
        assert_eq!(serde_json::to_string(&action).unwrap(), old);
    }

    fn content() -> PlanContent {
        PlanContent {
            title: " Naar projectleider ".into(),
            period_start: d("2026-01-01"),
            period_end: d("2026-12-31"),
            ..Default::default()
        }
    }

    fn stored_with_goals() -> PlanContent {
        let mut c = validate_content(content()).unwrap();
        c.goals = vec![
            Goal {
                id: "g1".into(),
                title: "Overleg leiden".into(),
                ..Default::default()
            },
            Goal {
                id: "g2".into(),
                title: "Begroten".into(),
                ..Default::default()
            },
        ];
        validate_content(c).unwrap()
    }

    #[test]
    fn a_bad_field_is_kept_back_and_every_other_change_is_taken() {
        let stored = stored_with_goals();
        let mut new = stored.clone();
        new.period_end = d("2025-06-30"); // before the start
        new.ambition = "Zelfstandig projecten leiden".into();
        new.goals[0].title = "x".repeat(100_000);
        new.goals[1].title = "Begroten zonder correcties".into();
        let (saved, refused) = salvage_content(&new, &stored);
        assert_eq!(saved.ambition, "Zelfstandig projecten leiden");
        assert_eq!(saved.goals[1].title, "Begroten zonder correcties");
        assert_eq!(
            saved.period_end, stored.period_end,
            "the bad end date is not taken"
        );
        assert_eq!(
            saved.goals[0].title, "Overleg leiden",
            "nor the overlong title"
        );
        let refused: Vec<_> = refused
            .iter()
            .map(|r| (r.pointer.as_str(), r.error.field))
            .collect();
        assert_eq!(
            refused,
            [
                ("/goals/0/title", Field::GoalTitle),
                ("/periodEnd", Field::PeriodEnd)
            ]
        );
        assert!(validate_content(saved).is_ok());
    }

    #[test]
    fn fields_that_are_only_valid_together_are_taken_together() {
        let stored = stored_with_goals();
        let mut new = stored.clone();
        // A year later: the new start alone lies after the old end.
        new.period_start = d("2027-01-01");
        new.period_end = d("2027-12-31");
        let (saved, refused) = salvage_content(&new, &stored);
        assert!(refused.is_empty(), "{refused:?}");
        assert_eq!(
            (saved.period_start, saved.period_end),
            (d("2027-01-01"), d("2027-12-31"))
        );
    }

    #[test]
    fn goals_removed_and_added_are_never_mixed_field_by_field() {
        let stored = stored_with_goals();
        let mut new = stored.clone();
        // The second goal's title is made too long, the first removed and a new one added:
        // same length, other goals.
        new.goals[1].title = "z".repeat(400);
        new.goals.remove(0);
        new.goals.push(Goal {
            id: "g3".into(),
            title: "Nieuw doel".into(),
            ..Default::default()
        });
        let (saved, refused) = salvage_content(&new, &stored);
        assert_eq!(saved.goals, stored.goals, "the list is kept whole");
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].pointer, "/goals");
    }

    #[test]
    fn a_field_that_was_absent_is_a_change_of_its_own() {
        let mut stored = stored_with_goals();
        stored.language = None;
        let mut new = stored.clone();
        new.language = Some(crate::Language::En);
        new.period_end = d("2025-01-01");
        new.focus = "Leiding".into();
        let (saved, refused) = salvage_content(&new, &stored);
        assert_eq!(saved.language, Some(crate::Language::En));
        assert_eq!(saved.focus, "Leiding");
        assert_eq!(refused.len(), 1, "{refused:?}");
        assert_eq!(refused[0].pointer, "/periodEnd");
    }

    #[test]
    fn a_period_is_taken_whole_or_not_at_all() {
        let stored = stored_with_goals();
        let mut new = stored.clone();
        new.period_start = d("2027-03-01");
        new.period_end = d("2026-06-30"); // a slip: before the new start
        let (saved, refused) = salvage_content(&new, &stored);
        assert_eq!(
            (saved.period_start, saved.period_end),
            (stored.period_start, stored.period_end)
        );
        let pointers: Vec<_> = refused.iter().map(|r| r.pointer.as_str()).collect();
        assert_eq!(pointers, ["/periodEnd", "/periodStart"]);
    }

    #[test]
    fn a_goal_added_with_a_bad_title_is_kept_back_as_a_whole() {
        let stored = stored_with_goals();
        let mut new = stored.clone();
        new.goals.push(Goal {
            id: "g3".into(),
            title: "y".repeat(400),
            ..Default::default()
        });
        new.focus = "Leiding geven".into();
        let (saved, refused) = salvage_content(&new, &stored);
        assert_eq!(saved.goals.len(), 2);
        assert_eq!(saved.focus, "Leiding geven");
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].pointer, "/goals");
        assert_eq!(refused[0].error.field, Field::GoalTitle);
    }

    #[test]
    fn the_default_period_is_twelve_months() {
        assert_eq!(
            default_period(d("2026-03-01")),
            (d("2026-03-01"), d("2027-02-28"))
        );
        assert_eq!(
            default_period(d("2024-02-29")),
            (d("2024-02-29"), d("2025-02-27"))
        );
    }

    #[test]
    fn lifecycle_moves_forward_only() {
        use PlanStatus::*;
        assert!(Draft.can_become(Active));
        assert!(Active.can_become(Evaluated));
        assert!(Evaluated.can_become(Closed));
        assert!(Draft.can_become(Closed));
        assert!(Active.can_become(Closed));
        assert!(!Active.can_become(Draft));
        assert!(!Closed.can_become(Active));
        assert!(!Evaluated.can_become(Active));
        assert!(!Draft.can_become(Evaluated));
        assert!(Draft.is_editable() && !Active.is_editable());
    }

    #[test]
    fn statuses_round_trip() {
        for s in [
            PlanStatus::Draft,
            PlanStatus::Active,
            PlanStatus::Evaluated,
            PlanStatus::Closed,
        ] {
            assert_eq!(PlanStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn a_valid_plan_is_trimmed() {
        assert_eq!(
            validate_content(content()).unwrap().title,
            "Naar projectleider"
        );
    }

    #[test]
    fn a_plan_needs_a_title() {
        let mut c = content();
        c.title = "  ".into();
        assert_eq!(
            validate_content(c).unwrap_err(),
            ValidationError::new(Field::PlanTitle, Problem::Required)
        );
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        let mut c = content();
        c.period_end = d("2025-12-31");
        assert_eq!(
            validate_content(c).unwrap_err(),
            ValidationError::new(Field::PeriodEnd, Problem::EndBeforeStart)
        );
    }

    #[test]
    fn the_guided_route_fills_only_empty_blocks() {
        let mut c = content();
        c.guide.current.work = "Ik plan de projecten".into();
        c.guide.current.qualities = " Nauwkeurig ".into();
        c.guide.vision = "Projectleider worden".into();
        c.guide.differences = "Ik leid nog geen overleg".into();
        c.focus = "Al ingevuld".into();
        let applied = apply_guide(c);
        assert_eq!(
            applied.starting_situation,
            "Ik plan de projecten\n\nNauwkeurig"
        );
        assert_eq!(applied.ambition, "Projectleider worden");
        assert_eq!(
            applied.focus, "Al ingevuld",
            "nothing written is overwritten"
        );
    }

    #[test]
    fn a_huge_guide_answer_is_refused() {
        let mut c = content();
        c.guide.desired.character = "x".repeat(MAX_TEXT + 1);
        assert_eq!(validate_content(c).unwrap_err().field, Field::Guide);
    }

    #[test]
    fn a_huge_text_and_a_negative_cost_are_refused() {
        let mut c = content();
        c.focus = "x".repeat(MAX_TEXT + 1);
        assert_eq!(validate_content(c).unwrap_err().field, Field::Focus);
        let mut c = content();
        c.support.push(Support {
            id: "s".into(),
            from_whom: "Mia".into(),
            what: "tijd".into(),
            cost_cents: Some(-1),
        });
        assert_eq!(validate_content(c).unwrap_err().field, Field::Cost);
    }
}
