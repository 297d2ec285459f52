//! The worked examples: realistic plans for small-business roles, written by us in Dutch and
//! English, shipped as data files in `worked-examples/` and compiled into the binary.

use chrono::{NaiveDate, TimeDelta};
use include_dir::{include_dir, Dir};
use pop_domain::plan::PlanContent;
use pop_domain::Language;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use ts_rs::TS;

static FILES: Dir = include_dir!("$CARGO_MANIFEST_DIR/worked-examples");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Localised {
    pub nl: String,
    pub en: String,
}

impl Localised {
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        }
    }
}

/// One worked example file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Example {
    pub slug: String,
    pub title: Localised,
    pub summary: Localised,
    pub nl: PlanContent,
    pub en: PlanContent,
}

impl Example {
    pub fn content(&self, lang: Language) -> &PlanContent {
        match lang {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        }
    }
}

/// An example as the chooser lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExampleSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub role: String,
    pub goal_count: u32,
}

static EXAMPLES: LazyLock<Vec<Example>> = LazyLock::new(|| {
    let mut all: Vec<Example> = FILES
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "json"))
        .map(|f| {
            serde_json::from_slice(f.contents())
                .unwrap_or_else(|e| panic!("worked example {} is invalid: {e}", f.path().display()))
        })
        .collect();
    all.sort_by(|a, b| a.slug.cmp(&b.slug));
    all
});

/// Every worked example, by slug.
pub fn all() -> &'static [Example] {
    &EXAMPLES
}

pub fn find(slug: &str) -> Option<&'static Example> {
    all().iter().find(|e| e.slug == slug)
}

pub fn list_examples(lang: Language) -> Vec<ExampleSummary> {
    all()
        .iter()
        .map(|e| ExampleSummary {
            slug: e.slug.clone(),
            title: e.title.get(lang).to_owned(),
            summary: e.summary.get(lang).to_owned(),
            role: e.content(lang).role.clone(),
            goal_count: e.content(lang).goals.len() as u32,
        })
        .collect()
}

/// Who a worked example is used for: its `{employee}`, `{manager}` and `{managerFullName}`
/// become these people, so a plan made from an example never names someone from the example.
pub struct People<'a> {
    pub employee: &'a str,
    /// The person's manager (full name), if they have one.
    pub manager: Option<&'a str>,
}

fn first_name(full: &str) -> &str {
    full.split_whitespace().next().unwrap_or(full)
}

/// Fills in the people of a worked example. Without a manager, `{manager}` becomes a
/// placeholder the POP-check flags and the manager's name stays empty.
pub fn fill_people(c: &mut PlanContent, lang: Language, people: &People<'_>) {
    let placeholder = match lang {
        Language::Nl => pop_domain::plan::PLACEHOLDERS[0],
        Language::En => pop_domain::plan::PLACEHOLDERS[1],
    };
    let manager = people.manager.map_or(placeholder, first_name);
    let fill = |s: &mut String| {
        if s.contains('{') {
            *s = s
                .replace("{managerFullName}", people.manager.unwrap_or(""))
                .replace("{employee}", first_name(people.employee))
                .replace("{manager}", manager);
        }
    };
    fill(&mut c.manager_name);
    for g in &mut c.goals {
        fill(&mut g.title);
        fill(&mut g.why);
        for a in &mut g.actions {
            fill(&mut a.owner);
            fill(&mut a.description);
        }
        for m in &mut g.measures {
            fill(&mut m.observer);
            fill(&mut m.signal);
        }
    }
    for s in &mut c.support {
        fill(&mut s.from_whom);
        fill(&mut s.what);
    }
    for t in [
        &mut c.focus,
        &mut c.ambition,
        &mut c.starting_situation,
        &mut c.rhythm.notes,
    ] {
        fill(t);
    }
}

/// Moves every date in the plan by `delta`.
pub fn shift_all(c: &mut PlanContent, delta: TimeDelta) {
    let shift = |d: &mut NaiveDate| {
        if let Some(moved) = d.checked_add_signed(delta) {
            *d = moved;
        }
    };
    shift(&mut c.period_start);
    shift(&mut c.period_end);
    for g in &mut c.goals {
        if let Some(d) = &mut g.target_date {
            shift(d);
        }
        for a in &mut g.actions {
            if let Some(d) = &mut a.due {
                shift(d);
            }
        }
    }
}

/// Moves the plan so it starts on `start`; every date keeps its distance to the start.
pub fn shift_dates(c: &mut PlanContent, start: NaiveDate) {
    let delta = start - c.period_start;
    shift_all(c, delta);
}

/// Gives every goal, action, measure point and support item a new id, so two plans made from
/// the same example never share ids.
pub fn fresh_ids(c: &mut PlanContent) {
    for g in &mut c.goals {
        g.id = crate::new_id();
        for a in &mut g.actions {
            a.id = crate::new_id();
        }
        for m in &mut g.measures {
            m.id = crate::new_id();
        }
    }
    for s in &mut c.support {
        s.id = crate::new_id();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pop_domain::check::{check, Severity};
    use pop_domain::plan::validate_content;

    #[test]
    fn there_are_at_least_six_examples_with_unique_slugs() {
        assert!(all().len() >= 6, "only {} examples", all().len());
        let mut slugs: Vec<_> = all().iter().map(|e| &e.slug).collect();
        slugs.dedup();
        assert_eq!(slugs.len(), all().len());
    }

    #[test]
    fn every_example_is_valid_and_passes_the_check_without_errors_in_both_languages() {
        for e in all() {
            for lang in [Language::Nl, Language::En] {
                let c = e.content(lang);
                validate_content(c.clone())
                    .unwrap_or_else(|err| panic!("{} ({lang:?}) is invalid: {err}", e.slug));
                let errors: Vec<_> = check(c)
                    .into_iter()
                    .filter(|f| f.severity == Severity::Error)
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{} ({lang:?}) has errors: {errors:?}",
                    e.slug
                );
            }
        }
    }

    #[test]
    fn dutch_and_english_versions_have_the_same_shape() {
        for e in all() {
            let (nl, en) = (&e.nl, &e.en);
            assert_eq!(nl.period_start, en.period_start, "{}", e.slug);
            assert_eq!(nl.goals.len(), en.goals.len(), "{}", e.slug);
            assert_eq!(nl.support.len(), en.support.len(), "{}", e.slug);
            assert_eq!(nl.rhythm.checkin_every_weeks, en.rhythm.checkin_every_weeks);
            for (a, b) in nl.goals.iter().zip(&en.goals) {
                assert_eq!(a.target_date, b.target_date, "{}", e.slug);
                assert_eq!(a.actions.len(), b.actions.len(), "{}", e.slug);
                assert_eq!(a.measures.len(), b.measures.len(), "{}", e.slug);
                for (x, y) in a.actions.iter().zip(&b.actions) {
                    assert_eq!((x.kind, x.due, x.cost_cents), (y.kind, y.due, y.cost_cents));
                }
            }
            assert_ne!(nl.title, en.title, "{} is translated", e.slug);
        }
    }

    #[test]
    fn shifting_keeps_every_distance_to_the_start() {
        let mut c = find("projectcoordinator-naar-projectleider")
            .unwrap()
            .nl
            .clone();
        let before = c.goals[0].actions[0].due.unwrap() - c.period_start;
        let start = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        shift_dates(&mut c, start);
        assert_eq!(c.period_start, start);
        assert_eq!(c.goals[0].actions[0].due.unwrap() - c.period_start, before);
    }
}
