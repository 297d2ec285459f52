//! The POP-check in words: each finding of `pop_domain::check` with an explanation and a hint,
//! in Dutch or English. Written by us, in the plain *je* form.

use pop_domain::check::{check, Criterion, Rule, Severity};
use pop_domain::plan::PlanContent;
use pop_domain::Language;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckFinding {
    pub rule: Rule,
    pub criterion: Criterion,
    pub severity: Severity,
    pub goal_id: Option<String>,
    pub item_id: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Runs the POP-check and words every finding in `lang`.
pub fn review(plan: &PlanContent, lang: Language) -> Vec<CheckFinding> {
    check(plan)
        .into_iter()
        .map(|f| {
            let goal_title = f
                .goal_id
                .as_deref()
                .and_then(|id| plan.goals.iter().find(|g| g.id == id))
                .map(|g| g.title.as_str())
                .unwrap_or("");
            let (message, hint) = words(f.rule, lang, goal_title);
            CheckFinding {
                rule: f.rule,
                criterion: f.criterion,
                severity: f.severity,
                goal_id: f.goal_id,
                item_id: f.item_id,
                message,
                hint: hint.to_owned(),
            }
        })
        .collect()
}

/// The name of a success criterion.
pub fn criterion_name(c: Criterion, lang: Language) -> &'static str {
    use Criterion::*;
    use Language::*;
    match (c, lang) {
        (Clarity, Nl) => "Duidelijkheid",
        (Clarity, En) => "Clarity",
        (Feasibility, Nl) => "Haalbaarheid",
        (Feasibility, En) => "Feasibility",
        (Measurability, Nl) => "Meetbaarheid",
        (Measurability, En) => "Measurability",
        (Commitment, Nl) => "Betrokkenheid",
        (Commitment, En) => "Commitment",
        (Agreements, Nl) => "Concrete afspraken",
        (Agreements, En) => "Concrete agreements",
    }
}

fn quoted(title: &str, lang: Language) -> String {
    let t = if title.trim().is_empty() {
        match lang {
            Language::Nl => "(zonder titel)",
            Language::En => "(untitled)",
        }
    } else {
        title.trim()
    };
    format!("‘{t}’")
}

fn words(rule: Rule, lang: Language, goal: &str) -> (String, &'static str) {
    use Language::*;
    use Rule::*;
    let g = quoted(goal, lang);
    match (rule, lang) {
        (NoGoals, Nl) => ("Het plan heeft nog geen doel.".into(), "Begin met één doel, geschreven als gedrag dat je zelf laat zien."),
        (NoGoals, En) => ("The plan has no goal yet.".into(), "Start with one goal, written as behaviour you show yourself."),
        (TooManyGoals, Nl) => ("Het plan heeft meer dan twee doelen.".into(), "Met één of twee doelen blijft er aandacht over om ze echt te halen. Zet de rest op een later plan."),
        (TooManyGoals, En) => ("The plan has more than two goals.".into(), "With one or two goals there is attention left to really reach them. Move the others to a later plan."),
        (NoFocus, Nl) => ("De ontwikkelfocus is leeg.".into(), "Beschrijf in een paar zinnen wat je wilt laten groeien en waarom dat nu telt in je functie."),
        (NoFocus, En) => ("The development focus is empty.".into(), "Describe in a few sentences what you want to grow and why it matters in your role now."),
        (VagueGoal, Nl) => (format!("Doel {g} is vaag: er staat niet in hoe je het merkt."), "Maak het zichtbaar: wat doe je, hoe vaak of wanneer? Bijvoorbeeld ‘elke week’, ‘binnen 2 dagen’ of ‘3 keer per maand’."),
        (VagueGoal, En) => (format!("Goal {g} is vague: it does not say how you will notice it."), "Make it observable: what do you do, how often or by when? For example ‘every week’, ‘within 2 days’ or ‘3 times a month’."),
        (MissingWhy, Nl) => (format!("Bij doel {g} staat niet waarom het ertoe doet."), "Schrijf op wat het oplevert: voor klanten, collega’s of de resultaten. Dat houdt je gemotiveerd."),
        (MissingWhy, En) => (format!("Goal {g} does not say why it matters."), "Write down what it brings: for customers, colleagues or results. That keeps you going."),
        (GoalWithoutActions, Nl) => (format!("Doel {g} heeft nog geen acties."), "Bedenk wat je de komende 4 tot 8 weken doet, het liefst in je eigen werk."),
        (GoalWithoutActions, En) => (format!("Goal {g} has no actions yet."), "Decide what you will do in the next 4 to 8 weeks, preferably in your own work."),
        (GoalWithoutMeasure, Nl) => (format!("Doel {g} heeft geen meetpunt."), "Noem een signaal dat je kunt zien of tellen, en wie het ziet."),
        (GoalWithoutMeasure, En) => (format!("Goal {g} has no measure point."), "Name a signal you can see or count, and who observes it."),
        (MeasureWithoutObserver, Nl) => (format!("Een meetpunt bij doel {g} zegt niet wie het waarneemt."), "Vul in wie het ziet: jij, je leidinggevende, een collega of de klant."),
        (MeasureWithoutObserver, En) => (format!("A measure point of goal {g} does not say who observes it."), "Fill in who sees it: you, your manager, a colleague or the customer."),
        (GoalWithoutDate, Nl) => (format!("Doel {g} heeft geen streefdatum."), "Kies een datum waarop je wilt kijken of het gelukt is."),
        (GoalWithoutDate, En) => (format!("Goal {g} has no target date."), "Choose a date on which you will look whether it worked."),
        (ActionWithoutDate, Nl) => (format!("Een actie bij doel {g} heeft geen datum."), "Een actie zonder datum schuift op. Zet er een datum bij, of laat de actie vallen."),
        (ActionWithoutDate, En) => (format!("An action of goal {g} has no date."), "An action without a date slips. Give it a date, or drop it."),
        (TrainingOnly, Nl) => ("Alle acties zijn cursussen of trainingen.".into(), "Je leert het meest in je werk zelf. Voeg acties toe waarin je oefent in je dagelijkse taken en om feedback vraagt."),
        (TrainingOnly, En) => ("Every action is a course or training.".into(), "You learn most in the work itself. Add actions where you practise in your daily tasks and ask for feedback."),
        (LittleLearningInWork, Nl) => ("Minder dan de helft van de acties is leren in het werk.".into(), "Richt je op ongeveer 70% leren door te doen, 20% met anderen en 10% cursus."),
        (LittleLearningInWork, En) => ("Less than half of the actions is learning in the work.".into(), "Aim for about 70% learning by doing, 20% with others and 10% courses."),
        (NoRhythm, Nl) => ("Er is geen ritme voor check-ins afgesproken.".into(), "Spreek af om de hoeveel weken je samen kijkt hoe het gaat, bijvoorbeeld elke 6 weken."),
        (NoRhythm, En) => ("No rhythm of check-ins has been agreed.".into(), "Agree every how many weeks you look at progress together, for example every 6 weeks."),
        (IterationLength, Nl) => ("De iteraties zijn korter dan 4 of langer dan 8 weken.".into(), "Korte rondes van 4 tot 8 weken houden het plan levend."),
        (IterationLength, En) => ("The iterations are shorter than 4 or longer than 8 weeks.".into(), "Short rounds of 4 to 8 weeks keep the plan alive."),
        (SupportWithoutOwner, Nl) => ("Bij ondersteuning staat niet van wie die komt.".into(), "Noem wie het regelt of levert, zodat de afspraak ook echt wordt nagekomen."),
        (SupportWithoutOwner, En) => ("A support item does not say who provides it.".into(), "Name who arranges or provides it, so the agreement is kept."),
        (EndBeforeStart, Nl) => ("De einddatum ligt vóór de startdatum.".into(), "Zet de einddatum na de startdatum; meestal loopt een plan een jaar."),
        (Placeholder, Nl) => ("Er staat nog een invulplek in het plan, zoals [leidinggevende].".into(), "Vul de echte naam in, of geef de medewerker eerst een leidinggevende bij Team."),
        (Placeholder, En) => ("The plan still holds a name to fill in, such as [manager].".into(), "Fill in the real name, or first give the person a manager under People."),
        (EndBeforeStart, En) => ("The end date is before the start date.".into(), "Put the end date after the start date; a plan usually runs a year."),
        (CostWithoutPayer, Nl) => (format!("Een actie met kosten bij doel {g} zegt niet wie betaalt."), "Kies wie het betaalt: de werkgever, het persoonlijk ontwikkelbudget of een subsidie. Wat het budget betaalt, gaat eraf zodra het plan ondertekend is."),
        (CostWithoutPayer, En) => (format!("An action with a cost under goal {g} does not say who pays."), "Choose who pays: the employer, the personal development budget or a subsidy. What the budget pays is taken off once the plan is signed."),
        (FreeTrainingFromBudget, Nl) => (format!("Een opleiding bij doel {g} is verplicht of nodig voor het werk, maar staat op het persoonlijk budget."), "Zo’n opleiding is gratis voor de medewerker en de uren tellen als werktijd (art. 7:611a BW). Groeikoers haalt haar niet van het budget af: zet bij ‘Wie betaalt’ de werkgever."),
        (FreeTrainingFromBudget, En) => (format!("A training under goal {g} is required or necessary for the job, yet set to the personal budget."), "Such training is free for the employee and its hours count as working time (art. 7:611a BW, Dutch Civil Code). Groeikoers does not take it off the budget: set ‘Who pays’ to the employer."),
        (RegulatedTraining, Nl) => (format!("Een opleiding bij doel {g} leidt tot een wettelijk geregeld beroep."), "Of de werkgever die moet betalen en of een terugbetalingsregeling mag, hangt hier van de situatie af. Vraag advies voordat je afspraken over kosten vastlegt."),
        (RegulatedTraining, En) => (format!("A training under goal {g} leads to a legally regulated profession."), "Whether the employer must pay and whether a repayment clause is allowed depends on the situation here. Get advice before you record agreements about costs."),
    }
}
