//! The evaluation of a plan's period as a printable page: per goal the result, the last
//! progress score and the reflection, what goes into the next plan, the overall look back and
//! room to sign. Before the evaluation is saved it prints as a form to fill in by hand.

use super::layout::{Block, Signatory, Style};
use super::plan::long_date;
use chrono::NaiveDate;
use pop_domain::checkin::{Evaluation, Outcome};
use pop_domain::Language;

/// A goal of the plan with its last recorded progress score (0–10), if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluatedGoal {
    pub id: String,
    pub title: String,
    pub last_score: Option<u8>,
}

/// Everything the evaluation page shows.
#[derive(Debug, Clone)]
pub struct EvaluationDocument<'a> {
    pub lang: Language,
    pub person_name: &'a str,
    pub manager_name: &'a str,
    /// Personal mode: no manager signs.
    pub personal: bool,
    pub plan_title: &'a str,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub goals: &'a [EvaluatedGoal],
    /// Check-ins held and planned (skipped ones not counted).
    pub checkins_held: usize,
    pub checkins_planned: usize,
    pub evaluation: Option<&'a Evaluation>,
    pub evaluated_on: Option<NaiveDate>,
}

fn text(style: Style, t: impl Into<String>) -> Block {
    Block::Text {
        style,
        text: t.into(),
    }
}

pub fn outcome_word(o: Outcome, lang: Language) -> &'static str {
    match (o, lang) {
        (Outcome::Achieved, Language::Nl) => "behaald",
        (Outcome::Achieved, Language::En) => "achieved",
        (Outcome::Partly, Language::Nl) => "deels behaald",
        (Outcome::Partly, Language::En) => "partly achieved",
        (Outcome::NotAchieved, Language::Nl) => "niet behaald",
        (Outcome::NotAchieved, Language::En) => "not achieved",
    }
}

/// The title of the evaluation document in `lang`.
pub fn evaluation_title(lang: Language) -> &'static str {
    match lang {
        Language::Nl => "Evaluatie van het ontwikkelplan",
        Language::En => "Evaluation of the development plan",
    }
}

/// The blocks of the evaluation page.
pub fn evaluation_blocks(doc: &EvaluationDocument<'_>) -> Vec<Block> {
    let nl = doc.lang == Language::Nl;
    let w = |a: &'static str, b: &'static str| if nl { a } else { b };
    let date = |d: NaiveDate| long_date(d, doc.lang);
    let mut b = vec![
        text(
            Style::Subtitle,
            format!("{} · {}", doc.person_name, doc.plan_title),
        ),
        text(Style::Title, evaluation_title(doc.lang)),
    ];
    let mut fields = vec![
        (
            w("Medewerker", "Employee").to_owned(),
            doc.person_name.to_owned(),
        ),
        (w("Plan", "Plan").to_owned(), doc.plan_title.to_owned()),
        (
            w("Periode", "Period").to_owned(),
            format!("{} – {}", date(doc.period_start), date(doc.period_end)),
        ),
        (
            w("Gesprekken", "Check-ins").to_owned(),
            if nl {
                format!(
                    "{} van {} gehouden",
                    doc.checkins_held, doc.checkins_planned
                )
            } else {
                format!("{} of {} held", doc.checkins_held, doc.checkins_planned)
            },
        ),
    ];
    if let Some(d) = doc.evaluated_on {
        fields.push((w("Geëvalueerd op", "Evaluated on").to_owned(), date(d)));
    }
    b.push(Block::Fields(fields));

    b.push(text(Style::H1, w("Doelen", "Goals")));
    if doc.goals.is_empty() {
        b.push(text(
            Style::Body,
            w("Dit plan heeft geen doelen.", "This plan has no goals."),
        ));
    }
    for (i, g) in doc.goals.iter().enumerate() {
        let title = if g.title.trim().is_empty() {
            w("(doel zonder titel)", "(untitled goal)").to_owned()
        } else {
            g.title.clone()
        };
        b.push(text(Style::H2, format!("{}. {title}", i + 1)));
        let found = doc
            .evaluation
            .and_then(|e| e.goals.iter().find(|x| x.goal_id == g.id));
        let mut f = Vec::new();
        if let Some(score) = g.last_score {
            f.push((
                w("Laatste voortgang", "Last progress").to_owned(),
                format!("{score}/10"),
            ));
        }
        match found {
            Some(e) => {
                f.push((
                    w("Resultaat", "Result").to_owned(),
                    outcome_word(e.outcome, doc.lang).to_owned(),
                ));
                f.push((
                    w("Volgend plan", "Next plan").to_owned(),
                    if e.carry {
                        w(
                            "gaat mee naar het volgende plan",
                            "carried into the next plan",
                        )
                    } else {
                        w("afgerond", "closed")
                    }
                    .to_owned(),
                ));
                b.push(Block::Fields(f));
                if !e.reflection.trim().is_empty() {
                    b.push(text(Style::Body, e.reflection.clone()));
                }
            }
            None => {
                f.push((
                    w("Resultaat", "Result").to_owned(),
                    w(
                        "behaald  /  deels behaald  /  niet behaald",
                        "achieved  /  partly achieved  /  not achieved",
                    )
                    .to_owned(),
                ));
                b.push(Block::Fields(f));
                b.push(Block::WritingLines(3));
            }
        }
    }

    b.push(text(Style::H1, w("Terugblik", "Looking back")));
    match doc.evaluation.map(|e| e.reflection.trim()) {
        Some(r) if !r.is_empty() => b.push(text(Style::Body, r.to_owned())),
        Some(_) => b.push(text(Style::Body, "—")),
        None => {
            b.push(text(
                Style::Small,
                w(
                    "Wat ging goed, wat nam je mee, wat doe je de volgende keer anders?",
                    "What went well, what did you take with you, what will you do differently next time?",
                ),
            ));
            b.push(Block::WritingLines(5));
        }
    }

    let sign = |role: &str, name: &str| Signatory {
        role: role.to_owned(),
        name: name.to_owned(),
        date_label: w("Datum", "Date").to_owned(),
        signature_label: w("Handtekening", "Signature").to_owned(),
        strokes: None,
    };
    let mut signatories = vec![sign(w("Medewerker", "Employee"), doc.person_name)];
    if !doc.personal {
        signatories.push(sign(w("Leidinggevende", "Manager"), doc.manager_name));
    }
    b.push(Block::Signatures {
        heading: w("Voor gezien", "Seen and agreed").to_owned(),
        signatories,
    });
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use pop_domain::checkin::GoalEvaluation;

    fn goals() -> Vec<EvaluatedGoal> {
        vec![
            EvaluatedGoal {
                id: "g1".into(),
                title: "Overleg leiden".into(),
                last_score: Some(7),
            },
            EvaluatedGoal {
                id: "g2".into(),
                title: "Excel".into(),
                last_score: None,
            },
        ]
    }

    fn all_text(blocks: &[Block]) -> String {
        let mut out = String::new();
        for b in blocks {
            match b {
                Block::Text { text, .. } | Block::Bullet { text } => out.push_str(text),
                Block::Fields(f) => f.iter().for_each(|(a, b)| {
                    out.push_str(a);
                    out.push_str(b);
                }),
                _ => {}
            }
            out.push('\n');
        }
        out
    }

    fn doc<'a>(goals: &'a [EvaluatedGoal], e: Option<&'a Evaluation>) -> EvaluationDocument<'a> {
        EvaluationDocument {
            lang: Language::Nl,
            person_name: "Zoë",
            manager_name: "Bram",
            personal: false,
            plan_title: "Groeien",
            period_start: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            goals,
            checkins_held: 5,
            checkins_planned: 8,
            evaluation: e,
            evaluated_on: e.map(|_| NaiveDate::from_ymd_opt(2026, 12, 17).unwrap()),
        }
    }

    #[test]
    fn a_saved_evaluation_prints_results_reflections_and_carry() {
        let g = goals();
        let e = Evaluation {
            goals: vec![GoalEvaluation {
                goal_id: "g1".into(),
                goal_title: "Overleg leiden".into(),
                outcome: Outcome::Partly,
                reflection: "Twee keer zelf voorgezeten.".into(),
                carry: true,
            }],
            reflection: "Een goed jaar.".into(),
        };
        let blocks = evaluation_blocks(&doc(&g, Some(&e)));
        let t = all_text(&blocks);
        assert!(t.contains("5 van 8 gehouden"));
        assert!(t.contains("Geëvalueerd op17 december 2026"));
        assert!(t.contains("1. Overleg leiden"));
        assert!(t.contains("Laatste voortgang7/10"));
        assert!(t.contains("deels behaald"));
        assert!(t.contains("gaat mee naar het volgende plan"));
        assert!(t.contains("Twee keer zelf voorgezeten."));
        assert!(t.contains("Een goed jaar."));
        // The unevaluated second goal is a form to fill in.
        assert!(t.contains("behaald  /  deels behaald  /  niet behaald"));
        assert!(matches!(
            blocks.last(),
            Some(Block::Signatures { signatories, .. }) if signatories.len() == 2
        ));
    }

    #[test]
    fn before_the_evaluation_it_is_a_form_with_lines() {
        let g = goals();
        let blocks = evaluation_blocks(&doc(&g, None));
        let lines = blocks
            .iter()
            .filter(|b| matches!(b, Block::WritingLines(_)))
            .count();
        assert_eq!(lines, 3, "two goals and the look back");
    }
}
