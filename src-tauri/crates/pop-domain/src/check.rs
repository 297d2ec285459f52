//! The POP-check: a rule-based review of a plan against the five success criteria. Pure:
//! findings are data (rule, criterion, severity, where); their words are chosen in pop-core.

use crate::plan::{ActionKind, ActionStatus, PlanContent};
use crate::text::fold;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The five success criteria of a good plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Criterion {
    Clarity,
    Feasibility,
    Measurability,
    Commitment,
    Agreements,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Error,
    Warning,
}

/// Every rule the check knows. The name is stable: the CLI prints it and tests use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Rule {
    NoGoals,
    TooManyGoals,
    NoFocus,
    VagueGoal,
    MissingWhy,
    GoalWithoutActions,
    GoalWithoutMeasure,
    MeasureWithoutObserver,
    GoalWithoutDate,
    ActionWithoutDate,
    TrainingOnly,
    LittleLearningInWork,
    NoRhythm,
    IterationLength,
    SupportWithoutOwner,
    EndBeforeStart,
    /// A name still to fill in (a worked example used for someone without a manager).
    Placeholder,
    /// An action with a cost that does not say who pays it.
    CostWithoutPayer,
    /// Training required by law or the CAO, or necessary for the job, set to be paid from the
    /// personal budget: it is free for the employee (art. 7:611a BW) and is not charged.
    FreeTrainingFromBudget,
    /// Training towards a legally regulated professional qualification: get advice.
    RegulatedTraining,
}

impl Rule {
    pub fn criterion(self) -> Criterion {
        use Rule::*;
        match self {
            NoGoals | NoFocus | VagueGoal => Criterion::Clarity,
            TooManyGoals | TrainingOnly | LittleLearningInWork | EndBeforeStart => {
                Criterion::Feasibility
            }
            GoalWithoutMeasure | MeasureWithoutObserver => Criterion::Measurability,
            MissingWhy | NoRhythm | IterationLength | SupportWithoutOwner | Placeholder => {
                Criterion::Commitment
            }
            GoalWithoutActions
            | GoalWithoutDate
            | ActionWithoutDate
            | CostWithoutPayer
            | FreeTrainingFromBudget
            | RegulatedTraining => Criterion::Agreements,
        }
    }

    pub fn severity(self) -> Severity {
        use Rule::*;
        match self {
            NoGoals | GoalWithoutMeasure | GoalWithoutActions | NoRhythm | EndBeforeStart => {
                Severity::Error
            }
            _ => Severity::Warning,
        }
    }
}

/// One finding: which rule, and where (a goal, an action, a measure point or a support item).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: Rule,
    pub criterion: Criterion,
    pub severity: Severity,
    /// The goal the finding is about, if any.
    pub goal_id: Option<String>,
    /// The action, measure point or support item, if any.
    pub item_id: Option<String>,
}

impl Finding {
    fn new(rule: Rule, goal_id: Option<&str>, item_id: Option<&str>) -> Self {
        Self {
            rule,
            criterion: rule.criterion(),
            severity: rule.severity(),
            goal_id: goal_id.map(str::to_owned),
            item_id: item_id.map(str::to_owned),
        }
    }
}

/// Words that make a goal vague unless something measurable stands beside them.
const VAGUE: &[&str] = &[
    "beter",
    "betere",
    "meer",
    "verbeteren",
    "verbeter",
    "verbetert",
    "minder",
    "vaker",
    "goed",
    "goede",
    "effectiever",
    "sterker",
    "groeien",
    "ontwikkelen",
    "better",
    "more",
    "improve",
    "improves",
    "improving",
    "less",
    "often",
    "good",
    "effective",
    "stronger",
    "grow",
    "develop",
];

/// Words that make a goal measurable: a frequency, a deadline or a count.
const MEASURABLE: &[&str] = &[
    "per",
    "elke",
    "iedere",
    "binnen",
    "uiterlijk",
    "voor",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "tien",
    "alle",
    "every",
    "each",
    "within",
    "by",
    "before",
    "two",
    "three",
    "four",
    "five",
    "six",
    "ten",
    "all",
    "procent",
    "percent",
    "keer",
    "times",
    "week",
    "maand",
    "month",
    "kwartaal",
    "quarter",
];

/// Whether a goal title leans on a vague word without anything measurable.
pub fn is_vague(title: &str) -> bool {
    let folded = fold(title);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let vague = words.iter().any(|w| VAGUE.contains(w));
    let measurable = folded.contains(|c: char| c.is_ascii_digit() || c == '%')
        || words.iter().any(|w| MEASURABLE.contains(w));
    vague && !measurable
}

/// Reviews a plan. Findings come in a stable order: plan-wide first, then per goal in order.
pub fn check(plan: &PlanContent) -> Vec<Finding> {
    let mut out = Vec::new();
    if plan.period_end < plan.period_start {
        out.push(Finding::new(Rule::EndBeforeStart, None, None));
    }
    if plan.focus.trim().is_empty() {
        out.push(Finding::new(Rule::NoFocus, None, None));
    }
    if plan.goals.is_empty() {
        out.push(Finding::new(Rule::NoGoals, None, None));
    }
    if plan.goals.len() > 2 {
        out.push(Finding::new(Rule::TooManyGoals, None, None));
    }
    if plan.rhythm.checkin_every_weeks.is_none() {
        out.push(Finding::new(Rule::NoRhythm, None, None));
    }
    if let Some(w) = plan.rhythm.iteration_weeks {
        if !(4..=8).contains(&w) {
            out.push(Finding::new(Rule::IterationLength, None, None));
        }
    }
    let live_actions: Vec<_> = plan
        .goals
        .iter()
        .flat_map(|g| &g.actions)
        .filter(|a| a.status != ActionStatus::Dropped)
        .collect();
    if !live_actions.is_empty() {
        let courses = live_actions
            .iter()
            .filter(|a| a.kind == ActionKind::Course)
            .count();
        let work = live_actions
            .iter()
            .filter(|a| a.kind == ActionKind::Work)
            .count();
        if courses == live_actions.len() {
            out.push(Finding::new(Rule::TrainingOnly, None, None));
        } else if work * 2 < live_actions.len() {
            out.push(Finding::new(Rule::LittleLearningInWork, None, None));
        }
    }
    let open = |s: &str| crate::plan::PLACEHOLDERS.iter().any(|p| s.contains(p));
    if open(&plan.manager_name) {
        out.push(Finding::new(Rule::Placeholder, None, None));
    }
    for s in &plan.support {
        if s.from_whom.trim().is_empty() {
            out.push(Finding::new(Rule::SupportWithoutOwner, None, Some(&s.id)));
        }
        if open(&s.from_whom) || open(&s.what) {
            out.push(Finding::new(Rule::Placeholder, None, Some(&s.id)));
        }
    }
    for g in &plan.goals {
        let gid = Some(g.id.as_str());
        if is_vague(&g.title) {
            out.push(Finding::new(Rule::VagueGoal, gid, None));
        }
        if g.why.trim().is_empty() {
            out.push(Finding::new(Rule::MissingWhy, gid, None));
        }
        if g.target_date.is_none() {
            out.push(Finding::new(Rule::GoalWithoutDate, gid, None));
        }
        if g.actions.is_empty() {
            out.push(Finding::new(Rule::GoalWithoutActions, gid, None));
        }
        for a in &g.actions {
            if a.due.is_none() && a.status != ActionStatus::Dropped {
                out.push(Finding::new(Rule::ActionWithoutDate, gid, Some(&a.id)));
            }
            if open(&a.owner) || open(&a.description) {
                out.push(Finding::new(Rule::Placeholder, gid, Some(&a.id)));
            }
            let costs = a.cost_cents.is_some_and(|c| c > 0) && a.status != ActionStatus::Dropped;
            if costs && a.paid_by.is_none() {
                out.push(Finding::new(Rule::CostWithoutPayer, gid, Some(&a.id)));
            }
            let free = a.training.is_some_and(|t| t.free_by_law());
            if costs && free && a.paid_by == Some(crate::plan::Payer::Budget) {
                out.push(Finding::new(Rule::FreeTrainingFromBudget, gid, Some(&a.id)));
            }
            if a.training == Some(crate::clause::TrainingKind::Regulated) {
                out.push(Finding::new(Rule::RegulatedTraining, gid, Some(&a.id)));
            }
        }
        if g.measures.is_empty() {
            out.push(Finding::new(Rule::GoalWithoutMeasure, gid, None));
        }
        for m in &g.measures {
            if m.observer.trim().is_empty() {
                out.push(Finding::new(Rule::MeasureWithoutObserver, gid, Some(&m.id)));
            }
            if open(&m.observer) || open(&m.signal) {
                out.push(Finding::new(Rule::Placeholder, gid, Some(&m.id)));
            }
        }
    }
    out
}

/// The worst severity among findings, if any.
pub fn worst(findings: &[Finding]) -> Option<Severity> {
    findings.iter().map(|f| f.severity).min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Action, Goal, MeasurePoint, Rhythm, Support};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn costs_say_who_pays_and_free_training_is_not_charged_to_the_budget() {
        use crate::clause::TrainingKind;
        use crate::plan::Payer;
        let mut plan = good_plan();
        let mut course = action("c", ActionKind::Course);
        course.cost_cents = Some(950 * 100);
        plan.goals[0].actions.push(course);
        let rules = |p: &PlanContent| check(p).iter().map(|f| f.rule).collect::<Vec<_>>();
        assert!(rules(&plan).contains(&Rule::CostWithoutPayer));

        plan.goals[0].actions.last_mut().unwrap().paid_by = Some(Payer::Budget);
        plan.goals[0].actions.last_mut().unwrap().training = Some(TrainingKind::Required);
        let found = rules(&plan);
        assert!(!found.contains(&Rule::CostWithoutPayer));
        assert!(found.contains(&Rule::FreeTrainingFromBudget));
        let f = check(&plan)
            .into_iter()
            .find(|f| f.rule == Rule::FreeTrainingFromBudget)
            .unwrap();
        assert_eq!(
            (f.severity, f.item_id.as_deref()),
            (Severity::Warning, Some("c"))
        );

        plan.goals[0].actions.last_mut().unwrap().paid_by = Some(Payer::Employer);
        assert!(!rules(&plan).contains(&Rule::FreeTrainingFromBudget));

        plan.goals[0].actions.last_mut().unwrap().training = Some(TrainingKind::Regulated);
        assert!(rules(&plan).contains(&Rule::RegulatedTraining));
    }

    fn action(id: &str, kind: ActionKind) -> Action {
        Action {
            id: id.into(),
            description: "Zelf het weekoverleg voorzitten".into(),
            kind,
            owner: "Sanne".into(),
            due: Some(d("2026-03-01")),
            ..Default::default()
        }
    }

    fn good_goal(id: &str) -> Goal {
        Goal {
            id: id.into(),
            title: "Ik stuur binnen 24 uur na elk overleg een verslag met afspraken".into(),
            why: "Klanten weten waar ze aan toe zijn".into(),
            target_date: Some(d("2026-06-30")),
            actions: vec![
                action(&format!("{id}-a1"), ActionKind::Work),
                action(&format!("{id}-a2"), ActionKind::Social),
            ],
            measures: vec![MeasurePoint {
                id: format!("{id}-m1"),
                signal: "80% van de verslagen binnen 24 uur".into(),
                observer: "Leidinggevende".into(),
                moment: "elke maand".into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn good_plan() -> PlanContent {
        PlanContent {
            title: "Naar projectleider".into(),
            period_start: d("2026-01-01"),
            period_end: d("2026-12-31"),
            focus: "Regie over projecten".into(),
            goals: vec![good_goal("g1")],
            rhythm: Rhythm {
                iteration_weeks: Some(6),
                checkin_every_weeks: Some(6),
                notes: String::new(),
            },
            support: vec![Support {
                id: "s1".into(),
                from_whom: "Mia".into(),
                what: "Bereidt lastige gesprekken met me voor".into(),
                cost_cents: None,
            }],
            ..Default::default()
        }
    }

    fn rules(plan: &PlanContent) -> Vec<Rule> {
        check(plan).into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn a_good_plan_has_no_findings() {
        assert_eq!(check(&good_plan()), vec![]);
    }

    #[test]
    fn no_goals_is_an_error() {
        let mut p = good_plan();
        p.goals.clear();
        assert_eq!(rules(&p), [Rule::NoGoals]);
        assert_eq!(worst(&check(&p)), Some(Severity::Error));
    }

    #[test]
    fn more_than_two_goals_is_a_warning() {
        let mut p = good_plan();
        p.goals = vec![good_goal("a"), good_goal("b")];
        assert_eq!(rules(&p), []);
        p.goals.push(good_goal("c"));
        assert_eq!(rules(&p), [Rule::TooManyGoals]);
        assert_eq!(worst(&check(&p)), Some(Severity::Warning));
    }

    #[test]
    fn a_goal_without_measure_point_is_an_error_on_that_goal() {
        let mut p = good_plan();
        p.goals[0].measures.clear();
        let f = check(&p);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, Rule::GoalWithoutMeasure);
        assert_eq!(f[0].goal_id.as_deref(), Some("g1"));
        assert_eq!(f[0].criterion, Criterion::Measurability);
    }

    #[test]
    fn a_measure_point_needs_an_observer() {
        let mut p = good_plan();
        p.goals[0].measures[0].observer = " ".into();
        assert_eq!(rules(&p), [Rule::MeasureWithoutObserver]);
    }

    #[test]
    fn goals_and_actions_need_dates() {
        let mut p = good_plan();
        p.goals[0].target_date = None;
        p.goals[0].actions[1].due = None;
        let f = check(&p);
        assert_eq!(
            f.iter().map(|f| f.rule).collect::<Vec<_>>(),
            [Rule::GoalWithoutDate, Rule::ActionWithoutDate]
        );
        assert_eq!(f[1].item_id.as_deref(), Some("g1-a2"));
    }

    #[test]
    fn a_dropped_action_needs_no_date() {
        let mut p = good_plan();
        p.goals[0].actions[1].due = None;
        p.goals[0].actions[1].status = ActionStatus::Dropped;
        assert_eq!(rules(&p), []);
    }

    #[test]
    fn a_goal_without_actions_is_an_error() {
        let mut p = good_plan();
        p.goals[0].actions.clear();
        assert_eq!(rules(&p), [Rule::GoalWithoutActions]);
    }

    #[test]
    fn vague_wording_without_anything_measurable_is_flagged_in_dutch_and_english() {
        for vague in [
            "Beter communiceren",
            "Meer overzicht houden",
            "Mijn planning verbeteren",
            "Improve my communication",
            "Be better at planning",
        ] {
            assert!(is_vague(vague), "{vague} should be vague");
        }
        for clear in [
            "Beter communiceren: elke week één klantgesprek zelf voeren",
            "Meer overzicht: binnen 2 dagen een planning per project",
            "Improve response time to 24 hours",
            "Ik voer zelf het weekoverleg",
            "Lead the weekly meeting myself",
        ] {
            assert!(!is_vague(clear), "{clear} should not be vague");
        }
        let mut p = good_plan();
        p.goals[0].title = "Beter communiceren".into();
        assert_eq!(rules(&p), [Rule::VagueGoal]);
    }

    #[test]
    fn a_missing_why_is_a_warning() {
        let mut p = good_plan();
        p.goals[0].why = "".into();
        assert_eq!(rules(&p), [Rule::MissingWhy]);
    }

    #[test]
    fn training_as_the_only_kind_of_action_is_flagged() {
        let mut p = good_plan();
        for a in &mut p.goals[0].actions {
            a.kind = ActionKind::Course;
        }
        assert_eq!(rules(&p), [Rule::TrainingOnly]);
    }

    #[test]
    fn under_half_of_actions_in_the_work_is_flagged() {
        let mut p = good_plan();
        p.goals[0].actions = vec![
            action("a", ActionKind::Work),
            action("b", ActionKind::Social),
            action("c", ActionKind::Course),
        ];
        assert_eq!(rules(&p), [Rule::LittleLearningInWork]);
        p.goals[0].actions.push(action("d", ActionKind::Work));
        assert_eq!(rules(&p), [], "two of four in the work is half");
    }

    #[test]
    fn no_rhythm_is_an_error_and_long_iterations_a_warning() {
        let mut p = good_plan();
        p.rhythm.checkin_every_weeks = None;
        assert_eq!(rules(&p), [Rule::NoRhythm]);
        let mut p = good_plan();
        p.rhythm.iteration_weeks = Some(12);
        assert_eq!(rules(&p), [Rule::IterationLength]);
    }

    #[test]
    fn support_without_an_owner_is_flagged() {
        let mut p = good_plan();
        p.support[0].from_whom = "".into();
        let f = check(&p);
        assert_eq!(f[0].rule, Rule::SupportWithoutOwner);
        assert_eq!(f[0].item_id.as_deref(), Some("s1"));
    }

    #[test]
    fn an_end_date_before_the_start_is_an_error() {
        let mut p = good_plan();
        p.period_end = d("2025-01-01");
        assert_eq!(rules(&p), [Rule::EndBeforeStart]);
    }

    #[test]
    fn an_empty_focus_is_flagged() {
        let mut p = good_plan();
        p.focus = " ".into();
        assert_eq!(rules(&p), [Rule::NoFocus]);
    }
}
