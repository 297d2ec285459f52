//! Error messages in the user's language. Every message names the field and what to do.

use crate::error::{CoreError, Entity};
use pop_domain::{Field, Language, Problem};
use pop_store::StoreError;

fn field_name(field: Field, lang: Language) -> &'static str {
    use Language::*;
    match (field, lang) {
        (Field::FullName, Nl) => "Naam",
        (Field::FullName, En) => "Name",
        (Field::Role, Nl) => "Functie",
        (Field::Role, En) => "Role",
        (Field::Manager, Nl) => "Leidinggevende",
        (Field::Manager, En) => "Manager",
        (Field::StartDate, Nl) => "Startdatum",
        (Field::StartDate, En) => "Start date",
        (Field::LeftOn, Nl) => "Datum uit dienst",
        (Field::LeftOn, En) => "Date of leaving",
        (Field::Email, Nl) => "E-mail",
        (Field::Email, En) => "Email",
        (Field::OrganisationName, Nl) => "Naam van de organisatie",
        (Field::OrganisationName, En) => "Organisation name",
        (Field::Language, Nl) => "Taal",
        (Field::Language, En) => "Language",
        (Field::Mode, Nl) => "Gebruik",
        (Field::Mode, En) => "Use",
        (Field::Person, Nl) => "Persoon",
        (Field::Person, En) => "Person",
        (Field::PlanTitle, Nl) => "Titel van het plan",
        (Field::PlanTitle, En) => "Plan title",
        (Field::PlanRole, Nl) => "Functie",
        (Field::PlanRole, En) => "Role",
        (Field::ManagerName, Nl) => "Leidinggevende",
        (Field::ManagerName, En) => "Manager",
        (Field::Ambition, Nl) => "Ambitie",
        (Field::Ambition, En) => "Ambition",
        (Field::Focus, Nl) => "Ontwikkelfocus",
        (Field::Focus, En) => "Development focus",
        (Field::StartingSituation, Nl) => "Startsituatie",
        (Field::StartingSituation, En) => "Starting situation",
        (Field::Reflection, Nl) => "Reflectie",
        (Field::Reflection, En) => "Reflection",
        (Field::RhythmNotes, Nl) => "Toelichting bij het ritme",
        (Field::RhythmNotes, En) => "Rhythm notes",
        (Field::Rhythm, Nl) => "Ritme (weken)",
        (Field::Rhythm, En) => "Rhythm (weeks)",
        (Field::PeriodStart, Nl) => "Startdatum van het plan",
        (Field::PeriodStart, En) => "Plan start date",
        (Field::PeriodEnd, Nl) => "Einddatum van het plan",
        (Field::PeriodEnd, En) => "Plan end date",
        (Field::Goals, Nl) => "Aantal doelen",
        (Field::Goals, En) => "Number of goals",
        (Field::GoalTitle, Nl) => "Doel",
        (Field::GoalTitle, En) => "Goal",
        (Field::GoalWhy, Nl) => "Waarom",
        (Field::GoalWhy, En) => "Why",
        (Field::Actions, Nl) => "Aantal acties",
        (Field::Actions, En) => "Number of actions",
        (Field::ActionDescription, Nl) => "Actie",
        (Field::ActionDescription, En) => "Action",
        (Field::ActionOwner, Nl) => "Wie doet het",
        (Field::ActionOwner, En) => "Who does it",
        (Field::ActionHours, Nl) => "Uren van de actie",
        (Field::ActionHours, En) => "Hours of the action",
        (Field::Measures, Nl) => "Aantal meetpunten",
        (Field::Measures, En) => "Number of measure points",
        (Field::MeasureSignal, Nl) => "Meetpunt",
        (Field::MeasureSignal, En) => "Measure point",
        (Field::MeasureObserver, Nl) => "Wie neemt waar",
        (Field::MeasureObserver, En) => "Who observes",
        (Field::Support, Nl) => "Aantal ondersteuningsafspraken",
        (Field::Support, En) => "Number of support items",
        (Field::SupportFrom, Nl) => "Van wie",
        (Field::SupportFrom, En) => "From whom",
        (Field::SupportWhat, Nl) => "Ondersteuning",
        (Field::SupportWhat, En) => "Support",
        (Field::Cost, Nl) => "Kosten",
        (Field::Cost, En) => "Cost",
        (Field::Guide, Nl) => "Antwoord in het stappenplan",
        (Field::Guide, En) => "Answer in the guided route",
        (Field::Preparation, Nl) => "Voorbereiding",
        (Field::Preparation, En) => "Preparation",
        (Field::SignatureName, Nl) => "Je volledige naam",
        (Field::SignatureName, En) => "Your full name",
        (Field::Consent, Nl) => "Akkoordverklaring",
        (Field::Consent, En) => "Consent statement",
        (Field::SignedOn, Nl) => "Datum van ondertekening",
        (Field::SignedOn, En) => "Date of signing",
        (Field::Strokes, Nl) => "Getekende handtekening",
        (Field::Strokes, En) => "Drawn signature",
        (Field::Party, Nl) => "Ondertekenaar",
        (Field::Party, En) => "Signatory",
        (Field::JournalText, Nl) => "Tekst",
        (Field::JournalText, En) => "Text",
        (Field::Tags, Nl) => "Labels",
        (Field::Tags, En) => "Tags",
        (Field::Example, Nl) => "Voorbeeld",
        (Field::Example, En) => "Example",
        (Field::Status, Nl) => "Status",
        (Field::Status, En) => "Status",
        (Field::File, Nl) => "Bestand",
        (Field::File, En) => "File",
        (Field::Grow, Nl) => "Gespreksnotities",
        (Field::Grow, En) => "Conversation notes",
        (Field::Progress, Nl) => "Voortgang",
        (Field::Progress, En) => "Progress",
        (Field::FollowUp, Nl) => "Afspraak",
        (Field::FollowUp, En) => "Agreement",
        (Field::FollowUpOwner, Nl) => "Wie doet het",
        (Field::FollowUpOwner, En) => "Who does it",
        (Field::FollowUpDue, Nl) => "Datum van de afspraak",
        (Field::FollowUpDue, En) => "Agreement date",
        (Field::CheckinDate, Nl) => "Datum van het gesprek",
        (Field::CheckinDate, En) => "Date of the check-in",
        (Field::SkipReason, Nl) => "Reden om over te slaan",
        (Field::SkipReason, En) => "Reason for skipping",
        (Field::Checkin, Nl) => "Gesprek",
        (Field::Checkin, En) => "Check-in",
        (Field::Leads, Nl) => "Herinneringen",
        (Field::Leads, En) => "Reminders",
        (Field::At, Nl) => "Moment",
        (Field::At, En) => "Moment",
        (Field::Passphrase, Nl) => "Wachtwoordzin",
        (Field::Passphrase, En) => "Passphrase",
        (Field::NewPassphrase, Nl) => "Nieuwe wachtwoordzin",
        (Field::NewPassphrase, En) => "New passphrase",
        (Field::BackupKeep, Nl) => "Aantal reservekopieën",
        (Field::BackupKeep, En) => "Number of backups",
        (Field::LockMinutes, Nl) => "Vergrendelen na",
        (Field::LockMinutes, En) => "Lock after",
        (Field::VersionReason, Nl) => "Reden voor de nieuwe versie",
        (Field::VersionReason, En) => "Reason for the new version",
        (Field::DeviceName, Nl) => "Naam van dit apparaat",
        (Field::DeviceName, En) => "Name of this device",
        (Field::DeviceKey, Nl) => "Code van het andere apparaat",
        (Field::DeviceKey, En) => "Code of the other device",
        (Field::Package, Nl) => "Planpakket",
        (Field::Package, En) => "Plan package",
        (Field::JournalDate, Nl) => "Datum van de notitie",
        (Field::JournalDate, En) => "Date of the entry",
        (Field::RangeFrom, Nl) => "Begin van de periode",
        (Field::RangeFrom, En) => "Start of the range",
        (Field::RangeTo, Nl) => "Einde van de periode",
        (Field::RangeTo, En) => "End of the range",
        (Field::Outcome, Nl) => "Uitkomst van een doel",
        (Field::Outcome, En) => "Outcome of a goal",
        (Field::Findings, Nl) => "POP-check",
        (Field::Findings, En) => "POP check",
        (Field::TrainingKind, Nl) => "Soort opleiding",
        (Field::TrainingKind, En) => "Kind of training",
        (Field::ClauseMonths, Nl) => "Looptijd van het studiekostenbeding",
        (Field::ClauseMonths, En) => "Period of the study-cost clause",
        (Field::Scale, Nl) => "Afbouwschaal",
        (Field::Scale, En) => "Sliding scale",
        (Field::Fte, Nl) => "Deeltijdfactor (fte)",
        (Field::Fte, En) => "Part-time factor (FTE)",
        (Field::FteFrom, Nl) => "Ingangsdatum van de werktijd",
        (Field::FteFrom, En) => "Start of the working time",
        (Field::TrainingStart, Nl) => "Begin van de opleiding",
        (Field::TrainingStart, En) => "Start of the training",
        (Field::StoppedOn, Nl) => "Dag waarop de opleiding stopte",
        (Field::StoppedOn, En) => "Day the training stopped",
        (Field::StoppedNote, Nl) => "Toelichting",
        (Field::StoppedNote, En) => "Note",
        (Field::LeaveReason, Nl) => "Reden van uitdiensttreding",
        (Field::LeaveReason, En) => "Reason for leaving",
        (Field::Budget, Nl) => "Bedrag uit het ontwikkelbudget",
        (Field::Budget, En) => "Amount from the development budget",
        (Field::Course, Nl) => "Opleiding",
        (Field::Course, En) => "Training",
        (Field::Scheme, Nl) => "Budgetregeling",
        (Field::Scheme, En) => "Budget scheme",
        (Field::Retention, Nl) => "Bewaartermijn",
        (Field::Retention, En) => "Retention period",
        (Field::Hold, Nl) => "Reden om langer te bewaren",
        (Field::Hold, En) => "Reason to keep longer",
        (Field::Erasure, Nl) => "Gegevens wissen",
        (Field::Erasure, En) => "Erasing the data",
        (Field::Removal, Nl) => "Verwijderen",
        (Field::Removal, En) => "Removing",
        (Field::TeamGoalTitle, Nl) => "Titel van het teamdoel",
        (Field::TeamGoalTitle, En) => "Title of the team goal",
        (Field::TeamGoalWhy, Nl) => "Waarom dit teamdoel",
        (Field::TeamGoalWhy, En) => "Why this team goal",
        (Field::TeamGoalUntil, Nl) => "Teamdoel klaar op",
        (Field::TeamGoalUntil, En) => "Team goal due by",
        (Field::TeamGoalRoles, Nl) => "Voor welke functies",
        (Field::TeamGoalRoles, En) => "For which roles",
        (Field::TeamGoal, Nl) => "Teamdoel",
        (Field::TeamGoal, En) => "Team goal",
        (Field::Development, Nl) => "Ontwikkeling",
        (Field::Development, En) => "Development",
        (Field::DevelopmentOn, Nl) => "Datum van de ontwikkeling",
        (Field::DevelopmentOn, En) => "Date of the development",
        (Field::Goal, Nl) => "Doel",
        (Field::Goal, En) => "Goal",
        (Field::Measure, Nl) => "Meetpunt",
        (Field::Measure, En) => "Measure point",
        (Field::FeedbackFrom, Nl) => "Naam van wie het zag",
        (Field::FeedbackFrom, En) => "Name of the observer",
        (Field::FeedbackSeen, Nl) => "Wat er gezien is",
        (Field::FeedbackSeen, En) => "What was seen",
        (Field::FeedbackScore, Nl) => "Score",
        (Field::FeedbackScore, En) => "Score",
        (Field::FeedbackOn, Nl) => "Datum van de waarneming",
        (Field::FeedbackOn, En) => "Date of the observation",
        (Field::FeedbackNote, Nl) => "Toelichting",
        (Field::FeedbackNote, En) => "Note",
        (Field::SpendFor, Nl) => "Omschrijving van de besteding",
        (Field::SpendFor, En) => "Description of the spending",
        (Field::CorrectionReason, Nl) => "Reden van de correctie",
        (Field::CorrectionReason, En) => "Reason for the correction",
        (Field::BookedOn, Nl) => "Datum van de boeking",
        (Field::BookedOn, En) => "Date of the booking",
        (Field::BudgetHours, Nl) => "Uren uit het ontwikkelbudget",
        (Field::BudgetHours, En) => "Hours from the development budget",
        (Field::FinalPay, Nl) => "Laatste loon",
        (Field::FinalPay, En) => "Final pay",
        (Field::ProtectedPay, Nl) => "Beschermd deel van het loon",
        (Field::ProtectedPay, En) => "Protected part of the pay",
        (Field::TrainingEnd, Nl) => "Einde van de opleiding",
        (Field::TrainingEnd, En) => "End of the training",
        (Field::CostItem, Nl) => "Kostenpost",
        (Field::CostItem, En) => "Cost item",
        (Field::ClauseThreshold, Nl) => "Drempel voor een studiekostenbeding",
        (Field::ClauseThreshold, En) => "Threshold for a study-cost clause",
        (Field::SchemeFrom, Nl) => "Ingangsdatum van de budgetregeling",
        (Field::SchemeFrom, En) => "Start of the budget scheme",
        (Field::SchemeEuro, Nl) => "Euro per jaar",
        (Field::SchemeEuro, En) => "Euros per year",
        (Field::SchemeHours, Nl) => "Uren per jaar",
        (Field::SchemeHours, En) => "Hours per year",
        (Field::SchemeCredit, Nl) => "Manier van toekennen",
        (Field::SchemeCredit, En) => "How the budget is credited",
        (Field::SchemeBlockYears, Nl) => "Jaren per blok",
        (Field::SchemeBlockYears, En) => "Years per block",
        (Field::SchemeExpiry, Nl) => "Maanden tot een tegoed vervalt",
        (Field::SchemeExpiry, En) => "Months until a credit lapses",
        (Field::SchemeCap, Nl) => "Maximum van het saldo",
        (Field::SchemeCap, En) => "Cap on the balance",
    }
}

/// `items` joined the way `lang` lists alternatives: "a, b or c" / "a, b of c".
fn alternatives(items: &[&str], lang: Language) -> String {
    let or = match lang {
        Language::Nl => "of",
        Language::En => "or",
    };
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} {or} {last}", rest.join(", ")),
    }
}

/// Hours (given in minutes) the way `lang` writes a number: "1,5" / "1.5".
fn hours_text(minutes: i64, lang: Language) -> String {
    let text = if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        format!("{:.2}", minutes as f64 / 60.0)
            .trim_end_matches('0')
            .to_owned()
    };
    match lang {
        Language::Nl => text.replace('.', ","),
        Language::En => text,
    }
}

fn problem_text(problem: &Problem, lang: Language) -> String {
    use Language::*;
    match (problem, lang) {
        (Problem::SharedFolder, Nl) => "wordt al met iemand anders gedeeld. Kies voor elke persoon een eigen map, zodat niemand andermans plan ziet.".into(),
        (Problem::SharedFolder, En) => "is already shared with someone else. Choose a folder of its own for each person, so nobody sees another's plan.".into(),
        (Problem::NotEncrypted, Nl) => "is niet nodig: de database is niet versleuteld, er is geen wachtwoordzin om te verwijderen. Er is niets veranderd.".into(),
        (Problem::NotEncrypted, En) => "is not needed: the database is not encrypted, so there is no passphrase to remove. Nothing was changed.".into(),
        (Problem::Required, Nl) => "is verplicht. Vul het in.".into(),
        (Problem::Required, En) => "is required. Please fill it in.".into(),
        (Problem::TooLong { max, actual }, Nl) => {
            format!("is te lang: {actual} tekens, maximaal {max}.")
        }
        (Problem::TooLong { max, actual }, En) => {
            format!("is too long: {actual} characters, at most {max}.")
        }
        (Problem::ControlCharacters, Nl) => {
            "mag geen regeleinden of andere besturingstekens bevatten.".into()
        }
        (Problem::ControlCharacters, En) => {
            "may not contain line breaks or other control characters.".into()
        }
        (Problem::InvalidDate, Nl) => {
            "is geen geldige datum. Gebruik jjjj-mm-dd, bijvoorbeeld 2026-03-01.".into()
        }
        (Problem::InvalidDate, En) => {
            "is not a valid date. Use yyyy-mm-dd, for example 2026-03-01.".into()
        }
        (Problem::InvalidMoment, Nl) => {
            "is geen geldig moment. Gebruik jjjj-mm-ddTuu:mm, bijvoorbeeld 2026-03-01T09:00.".into()
        }
        (Problem::InvalidMoment, En) => {
            "is not a valid moment. Use yyyy-mm-ddThh:mm, for example 2026-03-01T09:00.".into()
        }
        (Problem::DateOutOfRange, Nl) => "ligt niet tussen 1900 en 2200.".into(),
        (Problem::DateOutOfRange, En) => "is not between 1900 and 2200.".into(),
        (Problem::LeftBeforeStart, Nl) => "ligt vóór de startdatum.".into(),
        (Problem::LeftBeforeStart, En) => "is before the start date.".into(),
        (Problem::InvalidEmail, Nl) => {
            "is geen geldig e-mailadres, bijvoorbeeld naam@bedrijf.nl.".into()
        }
        (Problem::InvalidEmail, En) => {
            "is not a valid email address, for example name@company.com.".into()
        }
        (Problem::UnknownManager, Nl) => "bestaat niet (meer). Kies iemand uit de lijst.".into(),
        (Problem::UnknownManager, En) => "does not exist. Choose someone from the list.".into(),
        (Problem::SelfManager, Nl) => "kan niet de persoon zelf zijn.".into(),
        (Problem::SelfManager, En) => "cannot be the person themselves.".into(),
        (Problem::ManagerCycle, Nl) => {
            "valt zelf (via via) onder deze persoon. Kies een ander.".into()
        }
        (Problem::ManagerCycle, En) => {
            "reports (indirectly) to this person. Choose someone else.".into()
        }
        (Problem::ManagerHasLeft, Nl) => "is uit dienst. Kies iemand die nog actief is.".into(),
        (Problem::ManagerHasLeft, En) => "has left. Choose someone who is still active.".into(),
        (Problem::EndBeforeStart, Nl) => "ligt vóór de startdatum.".into(),
        (Problem::EndBeforeStart, En) => "is before the start date.".into(),
        (Problem::OutOfRange { min, max }, Nl) => format!("moet tussen {min} en {max} liggen."),
        (Problem::OutOfRange { min, max }, En) => format!("must be between {min} and {max}."),
        (Problem::TooMany { max }, Nl) => format!("is te groot: maximaal {max}."),
        (Problem::TooMany { max }, En) => format!("is too large: at most {max}."),
        (Problem::TooShort { min }, Nl) => format!("is te kort: minstens {min} tekens."),
        (Problem::TooShort { min }, En) => format!("is too short: at least {min} characters."),
        (Problem::Mismatch, Nl) => "komt niet overeen met de herhaling.".into(),
        (Problem::Mismatch, En) => "does not match the repeat.".into(),
        (Problem::WrongPassphrase, Nl) => "klopt niet.".into(),
        (Problem::WrongPassphrase, En) => "is not correct.".into(),
        (Problem::UnknownPerson, Nl) => "bestaat niet (meer). Kies iemand uit de lijst.".into(),
        (Problem::UnknownPerson, En) => "does not exist. Choose someone from the list.".into(),
        (Problem::UnknownDevice, Nl) => "hoort bij geen apparaat dat hier een pakket heeft gestuurd. Controleer de code (K-…) die de andere computer toont onder Instellingen → Dit apparaat.".into(),
        (Problem::UnknownDevice, En) => "belongs to no device that sent a package here. Check the code (K-…) the other computer shows under Settings → This device.".into(),
        (Problem::OwnDevice, Nl) => "is de code van deze computer zelf; koppel de code van de andere computer.".into(),
        (Problem::FingerprintMismatch, Nl) => "hoort niet bij de computer die dit pakket maakte. Vergelijk de code opnieuw met die computer; er is niets gekoppeld of geïmporteerd.".into(),
        (Problem::FingerprintMismatch, En) => "does not belong to the computer that made this package. Compare the code with that computer again; nothing was paired or imported.".into(),
        (Problem::OwnDevice, En) => "is this computer's own code; pair the other computer's code.".into(),
        (Problem::UnknownExample, Nl) => "bestaat niet. Kies een voorbeeld uit de lijst.".into(),
        (Problem::UnknownExample, En) => "does not exist. Choose an example from the list.".into(),
        (Problem::NotEditable, Nl) => "kan niet meer worden gewijzigd.".into(),
        (Problem::NotEditable, En) => "can no longer be changed.".into(),
        (Problem::AlreadySigned, Nl) => "heeft deze versie al ondertekend.".into(),
        (Problem::AlreadySigned, En) => "has already signed this version.".into(),
        (Problem::NotAParty, Nl) => "hoeft dit plan niet te ondertekenen.".into(),
        (Problem::NotAParty, En) => "does not sign this plan.".into(),
        (Problem::BeforeCheckin, Nl) => "ligt vóór het gesprek. Kies een datum op of na de gespreksdatum.".into(),
        (Problem::BeforeCheckin, En) => "is before the check-in. Choose a date on or after it.".into(),
        (Problem::OutsidePeriod, Nl) => "valt buiten de looptijd van het plan.".into(),
        (Problem::OutsidePeriod, En) => "is outside the plan's period.".into(),
        (Problem::AlreadyDone, Nl) => "is al gehouden en kan niet meer worden verzet of overgeslagen.".into(),
        (Problem::AlreadyDone, En) => "has already been held and can no longer be moved or skipped.".into(),
        (Problem::ErrorsNotConfirmed { count }, Nl) => format!("vindt {count} fout(en) in dit plan. Los ze op, of bevestig dat je toch tekent."),
        (Problem::ErrorsNotConfirmed { count }, En) => format!("finds {count} error(s) in this plan. Fix them, or confirm that you sign anyway."),
        (Problem::FreeByLaw, Nl) => "is verplicht of nodig voor het werk. Zo’n opleiding is gratis voor de medewerker en telt als werktijd (art. 7:611a BW): er kan geen studiekostenbeding bij, en ze gaat niet van het persoonlijk budget af.".into(),
        (Problem::FreeByLaw, En) => "is required or necessary for the job. Such training is free for the employee and counts as working time (art. 7:611a BW, Dutch Civil Code): it cannot carry a study-cost clause and is not charged to the personal budget.".into(),
        (Problem::ScaleRises, Nl) => "moet van hoog naar laag lopen (nooit stijgen), tussen 0 en 100 % blijven en minstens één stap hebben, bijvoorbeeld steps:100,67,33.".into(),
        (Problem::ScaleRises, En) => "must run from high to low (never rise), stay between 0 and 100 % and have at least one step, for example steps:100,67,33.".into(),
        (Problem::OverBudget { available_cents }, Nl) => format!("is meer dan er op die dag in het budget zit ({}). Er is niets geboekt.", pop_export::pdf::plan::money(*available_cents, Nl)),
        (Problem::OverBudget { available_cents }, En) => format!("is more than the budget holds on that day ({}). Nothing was booked.", pop_export::pdf::plan::money(*available_cents, En)),
        (Problem::FteOutOfRange, Nl) => "moet tussen 0,1 en 1,0 liggen, bijvoorbeeld 0,6 voor drie dagen per week.".into(),
        (Problem::FteOutOfRange, En) => "must be between 0.1 and 1.0, for example 0.6 for three days a week.".into(),
        (Problem::BelowClauseThreshold { threshold_cents }, Nl) => format!("blijven onder de drempel van {} die de werkgever koos: voor zo’n opleiding wordt geen studiekostenbeding afgesproken. Er is niets vastgelegd.", pop_export::pdf::plan::money(*threshold_cents, Nl)),
        (Problem::BelowClauseThreshold { threshold_cents }, En) => format!("stay below the threshold of {} the employer chose: no study-cost clause is agreed for such a training. Nothing was recorded.", pop_export::pdf::plan::money(*threshold_cents, En)),
        (Problem::NotTheSumOfItems { items_cents }, Nl) => format!("tellen niet op: de posten samen zijn {}. Er is niets vastgelegd.", pop_export::pdf::plan::money(*items_cents, Nl)),
        (Problem::NotTheSumOfItems { items_cents }, En) => format!("do not add up: the items together come to {}. Nothing was recorded.", pop_export::pdf::plan::money(*items_cents, En)),
        (Problem::AfterLeaving, Nl) => "ligt na de dag waarop deze persoon uit dienst ging.".into(),
        (Problem::AfterLeaving, En) => "is after the day this person left.".into(),
        (Problem::BeforeTrainingStart, Nl) => "ligt vóór het begin van de opleiding.".into(),
        (Problem::BeforeTrainingStart, En) => "is before the start of the training.".into(),
        (Problem::AlreadyRecorded, Nl) => "is al vastgelegd; dat kan maar één keer.".into(),
        (Problem::AlreadyRecorded, En) => "has already been recorded; that can be done only once.".into(),
        (Problem::SignedAfterTrainingStart, Nl) => "ligt na het begin van de opleiding. Een studiekostenbeding telt alleen als beide partijen het vóór de start tekenen; spreek zo nodig een nieuw beding af voor een latere opleiding.".into(),
        (Problem::SignedAfterTrainingStart, En) => "is after the training started. A study-cost clause only counts when both parties sign it before the start; agree a new clause for a later training if needed.".into(),
        (Problem::UnknownDataKind, Nl) => "is onbekend. Kies plans (plannen en gesprekken), budget of clause (studiekostenbeding).".into(),
        (Problem::UnknownDataKind, En) => "is unknown. Choose plans (plans and check-ins), budget or clause (study-cost clause).".into(),
        (Problem::NotDueYet { due_on: Some(d) }, Nl) => format!("kan nog niet: deze gegevens worden bewaard tot {}. Er is niets verwijderd.", pop_export::pdf::plan::long_date(*d, Nl)),
        (Problem::NotDueYet { due_on: Some(d) }, En) => format!("is not possible yet: this data is kept until {}. Nothing was removed.", pop_export::pdf::plan::long_date(*d, En)),
        (Problem::NotDueYet { due_on: None }, Nl) => "kan nog niet: de bewaartermijn is nog niet begonnen (nog in dienst, of het beding is nog niet afgerekend). Er is niets verwijderd.".into(),
        (Problem::NotDueYet { due_on: None }, En) => "is not possible yet: the retention period has not started (still employed, or the clause is not settled). Nothing was removed.".into(),
        (Problem::NothingToRemove, Nl) => "kan niet: van deze soort is niets bewaard voor deze persoon.".into(),
        (Problem::NothingToRemove, En) => "is not possible: nothing of this kind is kept for this person.".into(),
        (Problem::UnderLegalHold, Nl) => "kan niet: voor deze persoon geldt een bewaarplicht (legal hold). Hef die eerst op met een reden; er is niets gewist.".into(),
        (Problem::InFuture, Nl) => "ligt in de toekomst. Vul een datum van vandaag of eerder in.".into(),
        (Problem::InFuture, En) => "is in the future. Enter today or an earlier date.".into(),
        (Problem::NoSuchNumber { count: 0 }, Nl) => "bestaat niet: er zijn er geen.".into(),
        (Problem::NoSuchNumber { count: 0 }, En) => "does not exist: there are none.".into(),
        (Problem::NoSuchNumber { count }, Nl) => format!("bestaat niet. Kies een nummer van 1 tot en met {count}."),
        (Problem::NoSuchNumber { count }, En) => format!("does not exist. Choose a number from 1 to {count}."),
        (Problem::UnknownTeamGoal, Nl) => "bestaat niet (meer). Kies een teamdoel uit de koers van het bedrijf.".into(),
        (Problem::UnknownTeamGoal, En) => "does not exist. Choose a team goal from the firm’s direction.".into(),
        (Problem::UnderLegalHold, En) => "is not possible: a legal hold keeps this person’s data. Lift it first, with a reason; nothing was erased.".into(),
        (Problem::UnknownReason, Nl) => "is onbekend. Kies resign, decline-extension, urgent-dismissal, employer-ends, fixed-term-not-renewed of mutual.".into(),
        (Problem::UnknownReason, En) => "is unknown. Choose resign, decline-extension, urgent-dismissal, employer-ends, fixed-term-not-renewed or mutual.".into(),
        (Problem::SignedKept, Nl) => "is ondertekend (of deels) en wordt nooit verwijderd. Sluit het plan af als het niet doorgaat.".into(),
        (Problem::SignedKept, En) => "has been signed (or partly) and is never deleted. Close the plan if it does not go ahead.".into(),
        (Problem::HasRecords, Nl) => "heeft al gesprekken, afspraken of een evaluatie. Sluit het plan af in plaats van het te verwijderen.".into(),
        (Problem::HasRecords, En) => "already has check-ins, agreements or an evaluation. Close the plan instead of deleting it.".into(),
        (Problem::AlreadyShared, Nl) => "is al met een andere computer gedeeld. Sluit het plan af in plaats van het te verwijderen.".into(),
        (Problem::AlreadyShared, En) => "has already been shared with another computer. Close the plan instead of deleting it.".into(),
        (Problem::UnknownOutcome, Nl) => "schrijf als N=behaald, N=deels of N=niet (N is het nummer van het doel).".into(),
        (Problem::UnknownOutcome, En) => "write as N=achieved, N=partly or N=not (N is the goal's number).".into(),
        (Problem::UnknownCheckin, Nl) => "bestaat niet (meer) in dit plan. Ververs het overzicht.".into(),
        (Problem::UnknownCheckin, En) => "does not exist (any more) in this plan. Refresh the schedule.".into(),
        (Problem::InvalidTransition, Nl) => "kan niet naar die stap: een plan gaat van concept naar actief, geëvalueerd en afgesloten.".into(),
        (Problem::InvalidTransition, En) => "cannot move to that stage: a plan goes from draft to active, evaluated and closed.".into(),
        (Problem::MoneyOutOfRange { min_cents, max_cents }, Nl) => format!("moet een bedrag tussen {} en {} zijn, bijvoorbeeld 1.250,50.", money(*min_cents, Nl), money(*max_cents, Nl)),
        (Problem::MoneyOutOfRange { min_cents, max_cents }, En) => format!("must be an amount between {} and {}, for example 1250.50.", money(*min_cents, En), money(*max_cents, En)),
        (Problem::OverHours { available_minutes }, Nl) => format!("is meer dan er op die dag aan uren in het budget zit ({} uur). Er is niets geboekt.", hours_text(*available_minutes, Nl)),
        (Problem::OverHours { available_minutes }, En) => format!("is more than the hours the budget holds on that day ({} h). Nothing was booked.", hours_text(*available_minutes, En)),
        (Problem::NotEmployed, Nl) => "is geen dag waarop deze persoon in dienst was. Er is niets geboekt.".into(),
        (Problem::NotEmployed, En) => "is not a day on which this person was employed. Nothing was booked.".into(),
        (Problem::RangeTooLong { max_days }, Nl) => format!("ligt meer dan {max_days} dagen (ongeveer {} jaar) na het begin van de periode: één uittreksel beslaat hoogstens {max_days} dagen. Kies een later begin of een eerder einde.", max_days / 365),
        (Problem::RangeTooLong { max_days }, En) => format!("is more than {max_days} days (about {} years) after the start of the range: one extract covers at most {max_days} days. Choose a later start or an earlier end.", max_days / 365),
        (Problem::ScaleTooLong { steps, max }, Nl) => format!("heeft {steps} stappen, meer dan de {max} maanden van de looptijd: hoogstens één stap per maand."),
        (Problem::ScaleTooLong { steps, max }, En) => format!("has {steps} steps, more than the {max} months of the period: at most one step per month."),
        (Problem::BeforeStarted { started }, Nl) => format!("ligt vóór de dag waarop deze persoon in dienst kwam ({}).", pop_export::pdf::plan::long_date(*started, Nl)),
        (Problem::BeforeStarted { started }, En) => format!("is before the day this person started ({}).", pop_export::pdf::plan::long_date(*started, En)),
        (Problem::LongBeforeTraining { years }, Nl) => format!("ligt meer dan {years} jaar vóór de opleiding. Controleer de datum."),
        (Problem::LongBeforeTraining { years }, En) => format!("is more than {years} years before the training. Check the date."),
        (Problem::WrongEnding { allowed }, Nl) => format!("moet eindigen op {}. Kies een naam met die extensie; er is niets geschreven.", alternatives(allowed, Nl)),
        (Problem::WrongEnding { allowed }, En) => format!("must end in {}. Choose a name with that ending; nothing was written.", alternatives(allowed, En)),
        (Problem::UnknownCredit, Nl) => "is onbekend. Kies yearly (jaarlijks), monthly (maandelijks) of block:JAREN (1 tot en met 10 jaar per blok).".into(),
        (Problem::UnknownCredit, En) => "is unknown. Choose yearly, monthly or block:YEARS (1 to 10 years per block).".into(),
        (Problem::NeedsEuroOrHours, Nl) => "heeft euro of uren per jaar nodig (of allebei). Vul er minstens één in.".into(),
        (Problem::NeedsEuroOrHours, En) => "needs euros or hours per year (or both). Fill in at least one.".into(),
    }
}

/// One sentence (or two) saying what went wrong and what to do, in `lang`.
pub fn describe(err: &CoreError, lang: Language) -> String {
    use Language::*;
    match err {
        CoreError::Validation(v) => {
            format!(
                "{} {}",
                field_name(v.field, lang),
                problem_text(&v.problem, lang)
            )
        }
        CoreError::NotFound {
            what: Entity::Person,
            ..
        } => match lang {
            Nl => "Deze persoon bestaat niet (meer). Ververs de lijst.".into(),
            En => "This person no longer exists. Refresh the list.".into(),
        },
        CoreError::NotFound {
            what: Entity::Clause,
            ..
        } => match lang {
            Nl => "Dit studiekostenbeding bestaat niet (meer).".into(),
            En => "This study-cost clause no longer exists.".into(),
        },
        CoreError::NotFound {
            what: Entity::JournalEntry,
            ..
        } => match lang {
            Nl => "Dit stukje staat niet (meer) in je dagboek.".into(),
            En => "This entry is no longer in your journal.".into(),
        },
        CoreError::NotFound {
            what: Entity::Plan,
            ..
        } => match lang {
            Nl => "Dit plan bestaat niet (meer).".into(),
            En => "This plan no longer exists.".into(),
        },
        CoreError::Locked { .. } => match lang {
            Nl => "Dit plan is vastgelegd en kan niet meer worden gewijzigd. Maak een nieuwe versie om verder te werken.".into(),
            En => "This plan has been finalised and can no longer be changed. Make a new version to continue.".into(),
        },
        CoreError::PlanExists { .. } => match lang {
            Nl => "Dit plan staat al in Groeikoers (zelfde plan-id). Er is niets geïmporteerd.".into(),
            En => "This plan is already in Groeikoers (same plan id). Nothing was imported.".into(),
        },
        CoreError::Import(p) => crate::exchange::describe(p, lang),
        CoreError::NextVersionExists { .. } => match lang {
            Nl => "Van deze versie is al een nieuwe versie gemaakt. Werk verder in die versie (zie Geschiedenis).".into(),
            En => "A new version of this version already exists. Continue in that version (see History).".into(),
        },
        CoreError::SealBroken { problems, .. } => {
            let list: Vec<String> = problems.iter().map(|p| p.describe(lang)).collect();
            match lang {
                Nl => format!(
                    "Deze ondertekende versie klopt niet meer met haar zegel: {}. Ze wordt niet als ondertekend afgedrukt; zet een reservekopie terug of vraag de andere partij om het plan.",
                    list.join("; ")
                ),
                En => format!(
                    "This signed version no longer matches its seal: {}. It is not printed as signed; restore a backup or ask the other party for the plan.",
                    list.join("; ")
                ),
            }
        }
        CoreError::Conflict(c) => crate::exchange::describe_conflict(c, lang),
        CoreError::OtherPerson => match lang {
            Nl => "Dit pakket is het plan van iemand anders dan met wie deze map gedeeld wordt. Het is niet overgenomen.".into(),
            En => "This package is the plan of someone other than the person this folder is shared with. It was not taken in.".into(),
        },
        CoreError::Unpaired { name, public_key } => {
            let fp = pop_domain::seal::key_fingerprint(public_key);
            match lang {
                Nl => format!("Dit pakket komt van {name} ({fp}), een computer die nog niet aan deze gekoppeld is. Vergelijk {fp} met wat die computer toont onder Instellingen → Dit apparaat (hardop, aan de telefoon of op het eerste afgedrukte plan) en koppel hem alleen als de codes gelijk zijn (CLI: plan import BESTAND --pair {fp}). Er is niets geïmporteerd."),
                En => format!("This package comes from {name} ({fp}), a computer not paired with this one yet. Compare {fp} with what that computer shows under Settings → This device (read aloud, on the phone or on the first printed plan) and pair it only if the codes match (CLI: plan import FILE --pair {fp}). Nothing was imported."),
            }
        }
        CoreError::KeyMissing => match lang {
            Nl => "De sleutel van dit apparaat staat niet in de sleutelbos van deze computer: deze gegevens komen van een andere computer. Maak een nieuwe sleutel (Instellingen → Dit apparaat; CLI: device new-key) en laat de andere computer hem opnieuw koppelen. Er is niets ondertekend.".into(),
            En => "This device's key is not in this computer's secret store: this data comes from another computer. Make a new key (Settings → This device; CLI: device new-key) and have the other computer pair it again. Nothing was signed.".into(),
        },
        CoreError::NotWaiting { file } => match lang {
            Nl => format!("{file} wacht niet (meer) op bevestiging: het bestand is veranderd sinds het werd getoond, of het is al overgenomen of geweigerd. Wissel opnieuw uit en bekijk wat er dan wacht. Er is niets geïmporteerd."),
            En => format!("{file} is not (or no longer) waiting to be confirmed: the file changed since it was shown, or it was already taken in or refused. Exchange again and look at what waits then. Nothing was imported."),
        },
        CoreError::ToConfirm { title, device } => match lang {
            Nl => format!("Nieuw plan \u{201c}{title}\u{201d} van {device}. Het wordt pas overgenomen als je het bekijkt en bevestigt (Instellingen → Uitwisselmap; CLI: exchange accept BESTAND)."),
            En => format!("New plan \u{201c}{title}\u{201d} from {device}. It is only taken in once you look at it and confirm (Settings → Exchange folder; CLI: exchange accept FILE)."),
        },
        CoreError::Untrusted {
            part,
            signer,
            device,
            why,
        } => {
            use crate::pairing::Distrust;
            let what = match (lang, signer.is_empty()) {
                (Nl, false) => format!("{part}: de handtekening van {signer}"),
                (En, false) => format!("{part}: the signature of {signer}"),
                (Nl, true) => format!("{part}: het pakket"),
                (En, true) => format!("{part}: the package"),
            };
            let why = match (why, lang) {
                (Distrust::NotPaired, Nl) => format!("komt van {device}, dat niet aan deze computer gekoppeld is"),
                (Distrust::NotPaired, En) => format!("comes from {device}, which is not paired with this computer"),
                (Distrust::Revoked { on }, Nl) => format!("komt van {device}, waarvan de koppeling op {on} is ingetrokken"),
                (Distrust::Revoked { on }, En) => format!("comes from {device}, whose pairing was revoked on {on}"),
                (Distrust::NotEmployer, Nl) => format!("namens de werkgever komt van {device}, dat hier niet als computer van de werkgever gekoppeld is"),
                (Distrust::NotEmployer, En) => format!("for the employer comes from {device}, which is not paired here as the employer's computer"),
                (Distrust::OtherPerson, Nl) => format!("komt van {device}, dat hier aan iemand anders gekoppeld is"),
                (Distrust::OtherPerson, En) => format!("comes from {device}, which is paired here for someone else"),
                (Distrust::Unsigned, Nl) => "heeft geen handtekening van het apparaat waarop ze is gezet".to_owned(),
                (Distrust::Unsigned, En) => "carries no signature of the device it was made on".to_owned(),
            };
            match lang {
                Nl => format!("{what} {why}. Er is niets geïmporteerd."),
                En => format!("{what} {why}. Nothing was imported."),
            }
        }
        CoreError::PersonNeeded { full_name } => match lang {
            Nl => format!("Dit plan is voor {full_name}, die nog niet op deze computer staat. Kies bij wie het hoort of maak een nieuwe persoon (CLI: --person ID of --new-person). Er is niets geïmporteerd."),
            En => format!("This plan is for {full_name}, who is not on this computer yet. Choose whose plan it is or make a new person (CLI: --person ID or --new-person). Nothing was imported."),
        },
        CoreError::File {
            path,
            reason,
            writing,
        } => match (lang, writing) {
            (Nl, false) => format!("Het bestand {} kan niet worden gelezen ({reason}).", path.display()),
            (Nl, true) => format!(
                "Het bestand {} kan niet worden opgeslagen ({reason}). Kies een andere map.",
                path.display()
            ),
            (En, false) => format!("The file {} cannot be read ({reason}).", path.display()),
            (En, true) => format!(
                "The file {} cannot be saved ({reason}). Choose another folder.",
                path.display()
            ),
        },
        CoreError::NotChosen { path } => match lang {
            Nl => format!("Het bestand {} is niet in een venster van Groeikoers gekozen; Groeikoers opent of schrijft het niet. Kies het bestand opnieuw.", path.display()),
            En => format!("The file {} was not chosen in a Groeikoers window; Groeikoers does not open or write it. Choose the file again.", path.display()),
        },
        CoreError::OutputIsStore { path } => match lang {
            Nl => format!("{} is het gegevensbestand van Groeikoers of hoort erbij (de database, het logboek ernaast of een reservekopie). Groeikoers schrijft er nooit een export overheen: kies een andere naam of map. Er is niets geschreven.", path.display()),
            En => format!("{} is Groeikoers' data file or belongs to it (the database, the log beside it or a backup). Groeikoers never writes an export over it: choose another name or folder. Nothing was written.", path.display()),
        },
        CoreError::Store(e) => store_message(e, lang),
    }
}

/// Messages for a store that cannot be used; also shown in the native dialog at start.
pub fn store_message(e: &StoreError, lang: Language) -> String {
    use Language::*;
    match (e, lang) {
        (StoreError::NotADatabase { path }, Nl) => format!(
            "Het bestand {} is geen Groeikoers-database of is beschadigd. \
             Het is niet aangeraakt. Zet een reservekopie terug of kies een ander bestand.",
            path.display()
        ),
        (StoreError::NotADatabase { path }, En) => format!(
            "The file {} is not a Groeikoers database or is damaged. It has not been touched. \
             Restore a backup or choose another file.",
            path.display()
        ),
        (StoreError::CannotOpen { path, reason }, Nl) => format!(
            "Het bestand {} kan niet worden geopend of beschreven ({reason}). \
             Controleer of de map bestaat en schrijfbaar is.",
            path.display()
        ),
        (StoreError::CannotOpen { path, reason }, En) => format!(
            "The file {} cannot be opened or written ({reason}). \
             Check that the folder exists and is writable.",
            path.display()
        ),
        (
            StoreError::TooNew {
                path,
                found,
                supported,
            },
            Nl,
        ) => format!(
            "Het bestand {} is gemaakt met een nieuwere versie van Groeikoers \
             (schemaversie {found}; deze versie kent tot en met {supported}). \
             Installeer de nieuwste versie. Het bestand is niet aangeraakt.",
            path.display()
        ),
        (
            StoreError::TooNew {
                path,
                found,
                supported,
            },
            En,
        ) => format!(
            "The file {} was written by a newer version of Groeikoers \
             (schema version {found}; this version supports up to {supported}). \
             Install the latest version. The file has not been touched.",
            path.display()
        ),
        (StoreError::NeedsPassphrase { path }, Nl) => format!(
            "Het bestand {} is versleuteld of beschadigd: het is geen leesbare SQLite-database. Is het versleuteld, voer dan de wachtwoordzin in om het te openen. Er is niets veranderd.",
            path.display()
        ),
        (StoreError::NeedsPassphrase { path }, En) => format!(
            "The file {} is encrypted or damaged: it is not a readable SQLite database. If it is encrypted, enter the passphrase to open it. Nothing was changed.",
            path.display()
        ),
        (StoreError::WrongPassphrase { path }, Nl) => format!(
            "Deze wachtwoordzin opent {} niet. Controleer hoofdletters en spaties en probeer \
             het opnieuw. (Klopt de wachtwoordzin zeker, dan is het bestand beschadigd: zet \
             een reservekopie terug.) Het bestand is niet aangeraakt.",
            path.display()
        ),
        (StoreError::WrongPassphrase { path }, En) => format!(
            "This passphrase does not open {}. Check capitals and spaces and try again. (If \
             the passphrase is certainly right, the file is damaged: restore a backup.) The \
             file has not been touched.",
            path.display()
        ),
        (StoreError::BadBackup { path, reason }, Nl) => format!(
            "De reservekopie {} is niet bruikbaar ({reason}). Er is niets gewijzigd.",
            path.display()
        ),
        (StoreError::BadBackup { path, reason }, En) => format!(
            "The backup {} cannot be used ({reason}). Nothing was changed.",
            path.display()
        ),
        (StoreError::Swapping { path }, Nl) => format!(
            "Een ander programma is {} aan het versleutelen of terugzetten. Er is niets opgeslagen; probeer het zo opnieuw.",
            path.display()
        ),
        (StoreError::Swapping { path }, En) => format!(
            "Another program is re-keying or restoring {}. Nothing was saved; try again in a moment.",
            path.display()
        ),
        (StoreError::Replaced { path }, Nl) => format!(
            "{} is door een ander programma opnieuw versleuteld of teruggezet sinds het hier werd geopend. Er is niets opgeslagen: open het bestand opnieuw (met de nieuwe wachtwoordzin, als die veranderd is).",
            path.display()
        ),
        (StoreError::Replaced { path }, En) => format!(
            "{} was re-keyed or restored by another program since it was opened here. Nothing was saved: open the file again (with the new passphrase, if it changed).",
            path.display()
        ),
        (StoreError::KeptBusy { path }, Nl) => format!(
            "Andere programma's bleven naar {} schrijven, dus het kon niet worden versleuteld of teruggezet. Er is niets veranderd; sluit die programma's of probeer het opnieuw.",
            path.display()
        ),
        (StoreError::KeptBusy { path }, En) => format!(
            "Other programs kept writing to {}, so it could not be re-keyed or restored. Nothing was changed; close those programs or try again.",
            path.display()
        ),
        (StoreError::CopyMismatch { path }, Nl) => format!(
            "De nieuw versleutelde kopie ({}) kwam niet overeen met de gegevens en is weggegooid. Er is niets veranderd: het bestand opent nog met de oude wachtwoordzin.",
            path.display()
        ),
        (StoreError::CopyMismatch { path }, En) => format!(
            "The re-keyed copy ({}) did not match the data and was thrown away. Nothing was changed: the file still opens with the old passphrase.",
            path.display()
        ),
        (StoreError::Migration(reason), Nl) => {
            format!("De database kon niet worden bijgewerkt: {reason}. Er is niets gewijzigd.")
        }
        (StoreError::Migration(reason), En) => {
            format!("The database could not be upgraded: {reason}. Nothing was changed.")
        }
        (StoreError::Corrupt(what), Nl) => {
            format!("Opgeslagen gegevens zijn ongeldig ({what}). Zet een reservekopie terug.")
        }
        (StoreError::Corrupt(what), En) => {
            format!("Stored data is not valid ({what}). Restore a backup.")
        }
        (StoreError::Sqlite(e), Nl) => {
            format!("Opslaan of lezen is mislukt: {e}. Er is niets gewijzigd.")
        }
        (StoreError::Sqlite(e), En) => {
            format!("Saving or reading failed: {e}. Nothing was changed.")
        }
        (StoreError::Rejected(e), Nl) => format!("Niet opgeslagen: {e}."),
        (StoreError::Rejected(e), En) => format!("Not saved: {e}."),
    }
}

/// An amount the way the language writes it: "€ 1.250,00" / "€1,250.00".
pub fn money(cents: i64, lang: Language) -> String {
    pop_export::pdf::plan::money(cents, lang)
}

/// A clause's period longer than courts usually accept.
pub fn period_warning(w: pop_domain::clause::PeriodWarning, lang: Language) -> String {
    use pop_domain::clause::PeriodWarning::*;
    match (w, lang) {
        (Long, Language::Nl) => "let op: een looptijd van meer dan 36 maanden is lang; rechters vinden dat vaak alleen redelijk bij een dure opleiding.".into(),
        (Long, Language::En) => "note: a period of more than 36 months is long; courts often find it reasonable only for expensive training.".into(),
        (VeryLong, Language::Nl) => "waarschuwing: een looptijd van meer dan 60 maanden houdt bij een rechter zelden stand. Overleg met een jurist.".into(),
        (VeryLong, Language::En) => "warning: a period of more than 60 months rarely holds up in court. Ask a lawyer.".into(),
    }
}

/// Training towards a legally regulated qualification: whether a clause holds is uncertain.
pub fn regulated_warning(lang: Language) -> String {
    match lang {
        Language::Nl => "let op: bij een wettelijk geregelde beroepskwalificatie is niet zeker dat een studiekostenbeding geldt (art. 7:611a BW). Vraag advies voordat je het laat tekenen.".into(),
        Language::En => "note: for a legally regulated professional qualification it is uncertain whether a study-cost clause holds (art. 7:611a BW). Get advice before it is signed.".into(),
    }
}

/// A clause that is not (yet) signed by both parties before the training: what it says is
/// owed can only be claimed once it binds.
pub fn clause_not_binding(lang: Language) -> String {
    match lang {
        Language::Nl => "let op: dit beding is nog niet door beide partijen vóór het begin van de opleiding getekend; zonder die handtekeningen kan het bedrag niet worden teruggevraagd.".into(),
        Language::En => "note: this clause has not been signed by both parties before the training started; without those signatures the amount cannot be claimed back.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pop_domain::ValidationError;

    #[test]
    fn a_validation_message_names_the_field_in_each_language() {
        let err = CoreError::Validation(ValidationError::new(Field::FullName, Problem::Required));
        assert_eq!(
            describe(&err, Language::Nl),
            "Naam is verplicht. Vul het in."
        );
        assert_eq!(
            describe(&err, Language::En),
            "Name is required. Please fill it in."
        );
    }
}
