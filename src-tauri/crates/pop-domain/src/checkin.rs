//! What a check-in records (the GROW conversation, progress per goal, agreements as dated
//! follow-up actions) and the evaluation at the end of a period. These are records attached
//! to a plan: they never edit the plan's (possibly signed) content.

#[cfg(test)]
use crate::plan::MAX_TEXT;
use crate::plan::{long_text, MAX_LINE};
use crate::text::optional_line;
use crate::validation::{Field, Problem, ValidationError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Highest progress score (0 = not started, 10 = fully there).
pub const MAX_SCORE: u8 = 10;
/// Most follow-up actions one check-in can agree.
pub const MAX_FOLLOW_UPS: usize = 30;

/// Notes under the four steps of the GROW conversation.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase", default)]
pub struct Grow {
    /// Goal: what this conversation is for.
    pub goal: String,
    /// Reality: where things stand, with examples.
    pub reality: String,
    /// Options: ways forward.
    pub options: String,
    /// Will: what is agreed (the agreements also become follow-up actions).
    pub will: String,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum GoalState {
    #[default]
    NotStarted,
    OnTrack,
    Behind,
    Achieved,
}

/// Progress on one goal of the plan at a check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GoalProgress {
    pub goal_id: String,
    /// The goal's title when recorded (the plan may change in a later version).
    #[serde(default)]
    pub goal_title: String,
    /// 0–10.
    pub score: u8,
    pub state: GoalState,
}

/// An agreement from *Will*: who does what by when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpInput {
    pub description: String,
    #[serde(default)]
    pub owner: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub due: Option<String>,
}

/// A follow-up action as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub id: String,
    pub plan_id: String,
    pub checkin_id: Option<String>,
    pub description: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub done: bool,
}

/// A stored check-in: a derived slot people touched, or one added by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Checkin {
    pub id: String,
    /// The first version of the plan (check-ins stay with a plan across versions).
    pub plan_id: String,
    pub slot: Option<u32>,
    pub due_on: NaiveDate,
    pub status: crate::rhythm::CheckinStatus,
    pub skip_reason: String,
    pub held_on: Option<NaiveDate>,
    pub grow: Grow,
    pub progress: Vec<GoalProgress>,
    /// Counts moves, so a calendar that imports the schedule again takes the new date.
    pub revision: u32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// Validated follow-up fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidFollowUp {
    pub description: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
}

pub fn validate_grow(g: &Grow) -> Result<(), ValidationError> {
    for t in [&g.goal, &g.reality, &g.options, &g.will] {
        long_text(Field::Grow, t)?;
    }
    Ok(())
}

pub fn validate_progress(p: &[GoalProgress]) -> Result<(), ValidationError> {
    if p.len() > crate::plan::MAX_ITEMS {
        return Err(ValidationError::new(
            Field::Progress,
            Problem::TooMany {
                max: crate::plan::MAX_ITEMS,
            },
        ));
    }
    for g in p {
        if g.score > MAX_SCORE {
            return Err(ValidationError::new(
                Field::Progress,
                Problem::OutOfRange {
                    min: 0,
                    max: i64::from(MAX_SCORE),
                },
            ));
        }
        if g.goal_title.chars().count() > MAX_LINE {
            return Err(ValidationError::new(
                Field::Progress,
                Problem::TooLong {
                    max: MAX_LINE,
                    actual: g.goal_title.chars().count(),
                },
            ));
        }
    }
    Ok(())
}

/// A follow-up needs a description; its owner is one line; its due date a real date not
/// before `not_before` (the check-in's date) when given.
pub fn validate_follow_up(
    f: &FollowUpInput,
    not_before: Option<NaiveDate>,
) -> Result<ValidFollowUp, ValidationError> {
    let description = f.description.trim();
    if description.is_empty() {
        return Err(ValidationError::new(Field::FollowUp, Problem::Required));
    }
    long_text(Field::FollowUp, description)?;
    let owner = optional_line(Field::FollowUpOwner, Some(&f.owner), MAX_LINE)?.unwrap_or_default();
    let due = crate::text::optional_date(Field::FollowUpDue, f.due.as_deref())?;
    if let (Some(due), Some(min)) = (due, not_before) {
        if due < min {
            return Err(ValidationError::new(
                Field::FollowUpDue,
                Problem::BeforeCheckin,
            ));
        }
    }
    Ok(ValidFollowUp {
        description: description.to_owned(),
        owner,
        due,
    })
}

/// The outcome of one goal at the evaluation.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Achieved,
    #[default]
    Partly,
    NotAchieved,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GoalEvaluation {
    pub goal_id: String,
    #[serde(default)]
    pub goal_title: String,
    pub outcome: Outcome,
    #[serde(default)]
    pub reflection: String,
    /// Carry this goal into the next plan.
    #[serde(default)]
    pub carry: bool,
}

/// The evaluation at the end of a period.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    pub goals: Vec<GoalEvaluation>,
    #[serde(default)]
    pub reflection: String,
}

pub fn validate_evaluation(e: &Evaluation) -> Result<(), ValidationError> {
    if e.goals.len() > crate::plan::MAX_ITEMS {
        return Err(ValidationError::new(
            Field::Goals,
            Problem::TooMany {
                max: crate::plan::MAX_ITEMS,
            },
        ));
    }
    long_text(Field::Reflection, &e.reflection)?;
    for g in &e.goals {
        long_text(Field::Reflection, &g.reflection)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_follow_up_needs_words_and_a_sane_date() {
        let f = |desc: &str, due: Option<&str>| FollowUpInput {
            description: desc.into(),
            owner: "Mia".into(),
            due: due.map(Into::into),
        };
        assert_eq!(
            validate_follow_up(&f("  ", None), None)
                .unwrap_err()
                .problem,
            Problem::Required
        );
        assert_eq!(
            validate_follow_up(&f("Oefenen", Some("2026-02-30")), None)
                .unwrap_err()
                .problem,
            Problem::InvalidDate
        );
        assert_eq!(
            validate_follow_up(&f("Oefenen", Some("2026-01-01")), Some(d("2026-02-01")))
                .unwrap_err()
                .problem,
            Problem::BeforeCheckin
        );
        let ok = validate_follow_up(
            &f(" Oefenen 🎯 ", Some("2026-03-01")),
            Some(d("2026-02-01")),
        )
        .unwrap();
        assert_eq!(ok.description, "Oefenen 🎯");
        assert_eq!(ok.due, Some(d("2026-03-01")));
    }

    #[test]
    fn scores_above_ten_and_huge_notes_are_refused() {
        let p = GoalProgress {
            goal_id: "g".into(),
            goal_title: "Doel".into(),
            score: 11,
            state: GoalState::OnTrack,
        };
        assert_eq!(validate_progress(&[p]).unwrap_err().field, Field::Progress);
        let g = Grow {
            reality: "x".repeat(MAX_TEXT + 1),
            ..Default::default()
        };
        assert_eq!(validate_grow(&g).unwrap_err().field, Field::Grow);
        assert!(validate_grow(&Grow::default()).is_ok());
    }
}
