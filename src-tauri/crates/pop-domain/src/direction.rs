//! The firm's direction (a small *strategisch opleidingsplan*): developments the owner sees
//! coming and the team goals / competences the team will need; plan goals linked to them;
//! and the feedback an observer gives on a measure point.

use crate::text::{optional_date, required_line, single_line};
use crate::validation::{Field, Problem, ValidationError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest title of a team goal.
pub const TITLE_MAX: usize = 200;
/// The longest free text (why, a development, what an observer saw).
pub const TEXT_MAX: usize = 4000;
/// The longest name of an observer.
pub const NAME_MAX: usize = 200;

/// A team goal or competence as the owner types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamGoalInput {
    pub title: String,
    #[serde(default)]
    pub why: String,
    /// By when, `YYYY-MM-DD`; empty: no date.
    #[serde(default)]
    pub until: Option<String>,
    /// Which roles it concerns (free text, e.g. "monteurs, planners"); empty: everyone.
    #[serde(default)]
    pub roles: String,
}

/// A team goal: where the firm is heading and what the team needs for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamGoal {
    pub id: String,
    pub title: String,
    pub why: String,
    pub until: Option<NaiveDate>,
    pub roles: String,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
}

/// A validated team goal, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTeamGoal {
    pub title: String,
    pub why: String,
    pub until: Option<NaiveDate>,
    pub roles: String,
}

/// Checks a team goal: a title, texts within their limits, a real date.
pub fn validate_team_goal(input: &TeamGoalInput) -> Result<ValidTeamGoal, ValidationError> {
    let title = required_line(Field::TeamGoalTitle, &input.title, TITLE_MAX)?;
    let why = long_text(Field::TeamGoalWhy, &input.why)?;
    let until = optional_date(Field::TeamGoalUntil, input.until.as_deref())?;
    let roles = single_line(Field::TeamGoalRoles, &input.roles, TITLE_MAX)?;
    Ok(ValidTeamGoal {
        title,
        why,
        until,
        roles,
    })
}

/// A development the owner sees coming.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DevelopmentInput {
    pub text: String,
    /// When it was noted, `YYYY-MM-DD`; empty: today.
    #[serde(default)]
    pub noted_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Development {
    pub id: String,
    pub noted_on: NaiveDate,
    pub text: String,
}

/// Checks a development: some text, a real date (default `today`).
pub fn validate_development(
    input: &DevelopmentInput,
    today: NaiveDate,
) -> Result<(String, NaiveDate), ValidationError> {
    let text = long_text(Field::Development, &input.text)?;
    if text.is_empty() {
        return Err(ValidationError::new(Field::Development, Problem::Required));
    }
    let on = optional_date(Field::DevelopmentOn, input.noted_on.as_deref())?.unwrap_or(today);
    Ok((text, on))
}

/// What an observer saw of a measure point, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeedbackInput {
    /// Who gave it.
    pub from: String,
    /// What they saw.
    pub seen: String,
    /// 0–10.
    #[ts(type = "number")]
    pub score: i64,
    /// When they saw it, `YYYY-MM-DD`; empty: today.
    #[serde(default)]
    pub on: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// Feedback on a measure point of a plan (its series: every version of the plan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Feedback {
    pub id: String,
    pub series_id: String,
    pub goal_id: String,
    pub measure_id: String,
    pub from_name: String,
    pub seen_on: NaiveDate,
    pub seen: String,
    pub score: u8,
    pub note: String,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
}

/// A validated answer: (from, seen, score, on, note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidFeedback {
    pub from: String,
    pub seen: String,
    pub score: u8,
    pub on: NaiveDate,
    pub note: String,
}

/// Checks an observer's answer: a name, what was seen, a score 0–10, a date not after
/// `today` (nobody has seen tomorrow yet).
pub fn validate_feedback(
    input: &FeedbackInput,
    today: NaiveDate,
) -> Result<ValidFeedback, ValidationError> {
    let from = required_line(Field::FeedbackFrom, &input.from, NAME_MAX)?;
    let seen = long_text(Field::FeedbackSeen, &input.seen)?;
    if seen.is_empty() {
        return Err(ValidationError::new(Field::FeedbackSeen, Problem::Required));
    }
    let score = u8::try_from(input.score)
        .ok()
        .filter(|s| *s <= 10)
        .ok_or_else(|| {
            ValidationError::new(
                Field::FeedbackScore,
                Problem::OutOfRange { min: 0, max: 10 },
            )
        })?;
    let on = optional_date(Field::FeedbackOn, input.on.as_deref())?.unwrap_or(today);
    if on > today {
        return Err(ValidationError::new(Field::FeedbackOn, Problem::InFuture));
    }
    let note = long_text(Field::FeedbackNote, &input.note)?;
    Ok(ValidFeedback {
        from,
        seen,
        score,
        on,
        note,
    })
}

/// A multi-line text: trimmed, at most [`TEXT_MAX`] characters, no control characters
/// other than line breaks and tabs.
fn long_text(field: Field, value: &str) -> Result<String, ValidationError> {
    let v = value.trim();
    let count = v.chars().count();
    if count > TEXT_MAX {
        return Err(ValidationError::new(
            field,
            Problem::TooLong {
                max: TEXT_MAX,
                actual: count,
            },
        ));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(ValidationError::new(field, Problem::ControlCharacters));
    }
    Ok(v.replace("\r\n", "\n"))
}

/// The 1-based goal `n` of a list, or a clear "unknown goal".
pub fn nth<T>(items: &[T], n: usize, field: Field) -> Result<&T, ValidationError> {
    n.checked_sub(1)
        .and_then(|i| items.get(i))
        .ok_or_else(|| ValidationError::new(field, Problem::NoSuchNumber { count: items.len() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_team_goal_needs_a_title_and_keeps_its_date() {
        let err = validate_team_goal(&TeamGoalInput::default()).unwrap_err();
        assert_eq!(
            (err.field, err.problem),
            (Field::TeamGoalTitle, Problem::Required)
        );
        let ok = validate_team_goal(&TeamGoalInput {
            title: "  Elektrisch rijden 🚐 ".into(),
            why: "Vanaf 2027 rijden we elektrisch.\nIedereen moet kunnen laden.".into(),
            until: Some("2027-06-30".into()),
            roles: "monteurs".into(),
        })
        .unwrap();
        assert_eq!(ok.title, "Elektrisch rijden 🚐");
        assert_eq!(ok.until, Some(day("2027-06-30")));
        let err = validate_team_goal(&TeamGoalInput {
            title: "x".repeat(201),
            ..TeamGoalInput::default()
        })
        .unwrap_err();
        assert_eq!(err.field, Field::TeamGoalTitle);
        let err = validate_team_goal(&TeamGoalInput {
            title: "x".into(),
            until: Some("2027-02-30".into()),
            ..TeamGoalInput::default()
        })
        .unwrap_err();
        assert_eq!(
            (err.field, err.problem),
            (Field::TeamGoalUntil, Problem::InvalidDate)
        );
    }

    #[test]
    fn feedback_score_0_and_10_pass_11_and_minus_1_do_not() {
        let today = day("2026-12-02");
        let base = FeedbackInput {
            from: "Sanne".into(),
            seen: "Twee keer het overleg geleid".into(),
            score: 0,
            on: None,
            note: String::new(),
        };
        assert_eq!(validate_feedback(&base, today).unwrap().score, 0);
        for ok in [0, 7, 10] {
            let f = FeedbackInput {
                score: ok,
                ..base.clone()
            };
            assert_eq!(validate_feedback(&f, today).unwrap().on, today);
        }
        for bad in [-1, 11, 255, 1000] {
            let f = FeedbackInput {
                score: bad,
                ..base.clone()
            };
            let e = validate_feedback(&f, today).unwrap_err();
            assert_eq!(e.field, Field::FeedbackScore);
        }
    }

    #[test]
    fn feedback_needs_what_was_seen_and_not_a_day_after_today() {
        let today = day("2026-12-02");
        let f = FeedbackInput {
            from: "Sanne".into(),
            seen: "   ".into(),
            score: 5,
            ..FeedbackInput::default()
        };
        assert_eq!(
            validate_feedback(&f, today).unwrap_err().field,
            Field::FeedbackSeen
        );
        let f = FeedbackInput {
            seen: "x".into(),
            on: Some("2026-12-03".into()),
            ..f
        };
        assert_eq!(
            validate_feedback(&f, today).unwrap_err().problem,
            Problem::InFuture
        );
        let f = FeedbackInput {
            from: String::new(),
            ..f
        };
        assert_eq!(
            validate_feedback(&f, today).unwrap_err().field,
            Field::FeedbackFrom
        );
    }

    #[test]
    fn goal_number_1_is_the_first_0_and_past_the_end_are_unknown() {
        let goals = ["a", "b"];
        assert_eq!(*nth(&goals, 1, Field::Goals).unwrap(), "a");
        assert_eq!(*nth(&goals, 2, Field::Goals).unwrap(), "b");
        for n in [0, 3] {
            assert_eq!(
                nth(&goals, n, Field::Goals).unwrap_err().problem,
                Problem::NoSuchNumber { count: 2 }
            );
        }
    }

    #[test]
    fn a_development_needs_text_and_defaults_to_today() {
        let today = day("2026-12-02");
        assert!(validate_development(&DevelopmentInput::default(), today).is_err());
        let (t, on) = validate_development(
            &DevelopmentInput {
                text: "Klanten vragen om warmtepompen".into(),
                noted_on: None,
            },
            today,
        )
        .unwrap();
        assert_eq!((t.as_str(), on), ("Klanten vragen om warmtepompen", today));
    }
}
