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

/// The blocks of the preparation document.
pub fn preparation_blocks(lang: Language, person_name: &str, content: &PlanContent) -> Vec<Block> {
    let nl = lang == Language::Nl;
    let w = |a: &str, b: &str| if nl { a.to_owned() } else { b.to_owned() };
    let text = |style, t: String| Block::Text { style, text: t };
    let p = &content.preparation;
    let mut b = vec![
        text(
            Style::Subtitle,
            format!("{person_name} · {}", content.title),
        ),
        text(
            Style::Title,
            w(
                "Voorbereiding POP-gesprek",
                "Preparing the development conversation",
            ),
        ),
        text(Style::H1, w("Voor de leidinggevende", "For the manager")),
    ];
    for (question, answer) in [
        (
            if nl {
                format!("Hoe functioneert {person_name} nu? Noem concreet gedrag.")
            } else {
                format!("How does {person_name} perform now? Name concrete behaviour.")
            },
            &p.performance,
        ),
        (
            w(
                "Welke ontwikkelingen in het bedrijf en in de functie komen eraan?",
                "Which developments in the business and in the role are coming?",
            ),
            &p.developments,
        ),
        (
            w(
                "Welke vaardigheden vraagt de functie straks?",
                "Which skills will the role ask for?",
            ),
            &p.competences,
        ),
        (
            w(
                "Wat wil je in het gesprek zeker bespreken?",
                "What do you certainly want to discuss?",
            ),
            &p.notes,
        ),
    ] {
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
    b.push(text(
        Style::Title,
        if nl {
            format!("Zelfanalyse voor {person_name}")
        } else {
            format!("Self-analysis for {person_name}")
        },
    ));
    b.push(text(
        Style::Body,
        w(
            "Neem voor ons gesprek even de tijd voor deze vragen. Schrijf op wat in je opkomt; er zijn geen foute antwoorden.",
            "Before our conversation, please take some time for these questions. Write down what comes to mind; there are no wrong answers.",
        ),
    ));
    for (i, q) in self_analysis_questions(lang).iter().enumerate() {
        b.push(text(Style::H2, format!("{}. {q}", i + 1)));
        b.push(Block::WritingLines(4));
    }
    b
}
