//! The manager's preparation of the POP conversation and the self-analysis sheet for the
//! employee, as a printable document (two parts, the sheet on its own page).

use super::layout::{Block, Style};
use pop_domain::plan::PlanContent;
use pop_domain::Language;

/// The questions the manager hands to the employee before the conversation.
pub fn self_analysis_questions(lang: Language) -> [&'static str; 5] {
    match lang {
        Language::Nl => [
            "Wat zijn je sterke kanten, en gebruik je ze genoeg in je werk?",
            "Wat heb je nodig om je werk met plezier en goed te doen?",
            "Waar wil je over een jaar staan? En over vijf jaar?",
            "Welke punten wil je ontwikkelen?",
            "Wat verwacht je daarbij van mij?",
        ],
        Language::En => [
            "What are your strengths, and do you use them enough in your work?",
            "What do you need to do your work well and with pleasure?",
            "Where do you want to be in a year? And in five years?",
            "Which points do you want to develop?",
            "What do you expect from me in this?",
        ],
    }
}

/// The words of the preparation sheet: one source for the PDF and the app's screen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PreparationTexts {
    pub title: String,
    pub manager_heading: String,
    /// The manager's four points, in the order of `Preparation`'s fields: performance,
    /// developments, competences, notes.
    pub points: Vec<String>,
    pub self_title: String,
    pub self_intro: String,
    pub self_questions: Vec<String>,
}

pub fn preparation_texts(lang: Language, person_name: &str) -> PreparationTexts {
    let nl = lang == Language::Nl;
    let w = |a: &str, b: &str| if nl { a.to_owned() } else { b.to_owned() };
    PreparationTexts {
        title: w("Voorbereiding POP-gesprek", "Preparing the development conversation"),
        manager_heading: w("Voor de leidinggevende", "For the manager"),
        points: vec![
            if nl {
                format!("Hoe functioneert {person_name} nu? Noem concreet gedrag.")
            } else {
                format!("How does {person_name} perform now? Name concrete behaviour.")
            },
            w(
                "Welke ontwikkelingen in het bedrijf en in de functie komen eraan?",
                "Which developments in the business and in the role are coming?",
            ),
            w("Welke vaardigheden vraagt de functie straks?", "Which skills will the role ask for?"),
            w("Wat wil je in het gesprek zeker bespreken?", "What do you certainly want to discuss?"),
        ],
        self_title: if nl {
            format!("Zelfanalyse voor {person_name}")
        } else {
            format!("Self-analysis for {person_name}")
        },
        self_intro: w(
            "Neem voor ons gesprek even de tijd voor deze vragen. Schrijf op wat in je opkomt; er zijn geen foute antwoorden.",
            "Before our conversation, please take some time for these questions. Write down what comes to mind; there are no wrong answers.",
        ),
        self_questions: self_analysis_questions(lang).iter().map(|q| (*q).to_owned()).collect(),
    }
}

/// The blocks of the preparation document.
pub fn preparation_blocks(lang: Language, person_name: &str, content: &PlanContent) -> Vec<Block> {
    let words = preparation_texts(lang, person_name);
    let text = |style, t: String| Block::Text { style, text: t };
    let p = &content.preparation;
    let mut b = vec![
        text(
            Style::Subtitle,
            format!("{person_name} · {}", content.title),
        ),
        text(Style::Title, words.title),
        text(Style::H1, words.manager_heading),
    ];
    let answers = [&p.performance, &p.developments, &p.competences, &p.notes];
    for (question, answer) in words.points.into_iter().zip(answers) {
        b.push(text(Style::H2, question));
        b.push(text(
            Style::Body,
            if answer.trim().is_empty() {
                "—".into()
            } else {
                answer.clone()
            },
        ));
    }
    b.push(Block::PageBreak);
    b.push(text(Style::Title, words.self_title));
    b.push(text(Style::Body, words.self_intro));
    for (i, q) in words.self_questions.iter().enumerate() {
        b.push(text(Style::H2, format!("{}. {q}", i + 1)));
        b.push(Block::WritingLines(4));
    }
    b
}
