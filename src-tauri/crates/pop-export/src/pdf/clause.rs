//! The study-cost clause as an A4 annex to the plan: what the training costs, the period and
//! sliding scale, when repayment is owed and when never, how months are counted, a table
//! "owed if you leave on …" per month, and room for both signatures — before the training.

use super::layout::{Block, Signatory, Style};
use super::plan::{long_date, money};
use chrono::NaiveDate;
use pop_domain::clause::{schedule, Clause, Scale, TrainingKind};
use pop_domain::Language;

pub struct ClauseDocument<'a> {
    pub lang: Language,
    pub organisation: &'a str,
    pub person_name: &'a str,
    pub manager_name: &'a str,
    pub clause: &'a Clause,
    /// The signatures given in Groeikoers so far (each party at most once).
    pub signatures: &'a [pop_domain::clause::ClauseSignature],
}

pub fn clause_title(lang: Language) -> &'static str {
    match lang {
        Language::Nl => "Studiekostenbeding",
        Language::En => "Study-cost agreement",
    }
}

fn text(style: Style, t: impl Into<String>) -> Block {
    Block::Text {
        style,
        text: t.into(),
    }
}

fn scale_words(c: &Clause, lang: Language) -> String {
    let nl = lang == Language::Nl;
    match &c.scale {
        Scale::Linear => {
            if nl {
                format!(
                    "lineair: elke hele maand na het einde van de opleiding 1/{} minder",
                    c.months
                )
            } else {
                format!(
                    "linear: each whole month after the training ends 1/{} less",
                    c.months
                )
            }
        }
        Scale::Steps { percents } => {
            let list = percents
                .iter()
                .map(|p| format!("{p} %"))
                .collect::<Vec<_>>()
                .join(" / ");
            if nl {
                format!("per jaar: {list}, daarna niets")
            } else {
                format!("per year: {list}, nothing after")
            }
        }
        Scale::Table { percents } => {
            let list = percents
                .iter()
                .map(|p| format!("{p} %"))
                .collect::<Vec<_>>()
                .join(", ");
            if nl {
                format!("per maand: {list}, daarna niets")
            } else {
                format!("per month: {list}, nothing after")
            }
        }
    }
}

/// The cost items (those above zero) and whether study time is working time, as agreed.
fn cost_rows(c: &Clause, lang: Language) -> Vec<(String, String)> {
    let nl = lang == Language::Nl;
    let mut rows: Vec<(String, String)> = c
        .costs
        .iter()
        .flat_map(|items| items.items())
        .filter(|(_, _, cents)| *cents > 0)
        .map(|(n, e, cents)| (format!("– {}", if nl { n } else { e }), money(cents, lang)))
        .collect();
    if let Some(work) = c.study_time_is_work_time {
        rows.push((
            if nl { "Studietijd" } else { "Study time" }.to_owned(),
            match (work, nl) {
                (true, true) => "telt als werktijd (doorbetaald)",
                (true, false) => "counts as working time (paid)",
                (false, true) => "eigen tijd, niet als werktijd",
                (false, false) => "own time, not working time",
            }
            .to_owned(),
        ));
    }
    rows
}

pub fn clause_blocks(doc: &ClauseDocument<'_>) -> Vec<Block> {
    let lang = doc.lang;
    let nl = lang == Language::Nl;
    let w = |a: &'static str, b: &'static str| if nl { a } else { b };
    let c = doc.clause;
    let date = |d: NaiveDate| long_date(d, lang);
    let mut b = vec![
        text(
            Style::Subtitle,
            format!("{} · {}", doc.person_name, c.course),
        ),
        text(Style::Title, clause_title(lang)),
        text(
            Style::Body,
            w(
                "Bijlage bij het ontwikkelplan. Af te spreken en te tekenen vóór de opleiding begint.",
                "Annex to the development plan. To be agreed and signed before the training starts.",
            ),
        ),
        Block::Space(6.0),
        Block::Fields([
            (w("Werkgever", "Employer").to_owned(), doc.organisation.to_owned()),
            (w("Medewerker", "Employee").to_owned(), doc.person_name.to_owned()),
            (w("Opleiding", "Training").to_owned(), c.course.clone()),
            (
                w("Soort", "Kind").to_owned(),
                match (c.kind, nl) {
                    (TrainingKind::Regulated, true) => "wettelijk geregelde beroepskwalificatie (advies gevraagd)".into(),
                    (TrainingKind::Regulated, false) => "legally regulated professional qualification (advice sought)".into(),
                    (_, true) => "vrijwillig: niet verplicht en niet nodig voor het werk".into(),
                    (_, false) => "voluntary: not required and not necessary for the job".into(),
                },
            ),
            (w("Kosten", "Costs").to_owned(), money(c.cost_cents, lang)),
        ]
        .into_iter()
        .chain(cost_rows(c, lang))
        .chain([
            (
                w("Begin opleiding", "Training starts").to_owned(),
                c.training_start.map_or_else(|| w("niet opgegeven", "not given").to_owned(), date),
            ),
            (w("Einde opleiding", "Training ends").to_owned(), date(c.training_end)),
            (
                w("Looptijd", "Period").to_owned(),
                if nl {
                    format!("{} maanden vanaf het einde van de opleiding", c.months)
                } else {
                    format!("{} months from the end of the training", c.months)
                },
            ),
            (w("Afbouw", "Sliding scale").to_owned(), scale_words(c, lang)),
        ])
        .collect()),
        Block::Space(6.0),
        text(Style::H2, w("Wanneer terugbetalen", "When repayment is owed")),
        Block::Bullet {
            text: w(
                "Alleen als de medewerker zelf ontslag neemt, een verlenging weigert of op staande voet wordt ontslagen, of de opleiding zonder goede reden niet afmaakt.",
                "Only when the employee resigns, declines an extension or is dismissed for an urgent reason, or does not finish the training without good reason.",
            )
            .into(),
        },
        Block::Bullet {
            text: w(
                "Nooit als de werkgever het dienstverband beëindigt (ook niet als een tijdelijk contract niet wordt verlengd) of bij beëindiging met wederzijds goedvinden.",
                "Never when the employer ends the employment (also not when a fixed-term contract is not renewed) or when it ends by mutual agreement.",
            )
            .into(),
        },
        Block::Bullet {
            text: w(
                "Maanden tellen als hele maanden na het einde van de opleiding, naar beneden afgerond; bedragen op hele centen.",
                "Months count as whole months after the training ends, rounded down; amounts to whole cents.",
            )
            .into(),
        },
        Block::Bullet {
            text: w(
                "Verrekenen met het laatste loon gebeurt alleen boven het wettelijk minimumloon (art. 7:632 BW); de rest wordt gefactureerd.",
                "Setting off against final pay happens only above the statutory minimum wage (art. 7:632 BW); the rest is invoiced.",
            )
            .into(),
        },
        Block::Space(6.0),
        text(Style::H2, w("Terug te betalen bij vertrek op …", "Owed when leaving on …")),
    ];
    let rows: Vec<(String, String)> = schedule(c)
        .into_iter()
        .map(|(day, owed)| (date(day), money(owed, lang)))
        .collect();
    b.push(Block::Fields(rows));
    b.push(text(
        Style::Small,
        w(
            "Groeikoers rekent dit uit; het is geen juridisch advies.",
            "Groeikoers computes this; it is not legal advice.",
        ),
    ));
    let sign = |role: &str, name: &str| Signatory {
        role: role.to_owned(),
        name: name.to_owned(),
        date_label: w("Datum", "Date").to_owned(),
        signature_label: w("Handtekening", "Signature").to_owned(),
        strokes: None,
    };
    b.push(Block::Signatures {
        heading: w(
            "Voor akkoord, vóór de start van de opleiding",
            "Agreed, before the training starts",
        )
        .to_owned(),
        signatories: vec![
            sign(w("Medewerker", "Employee"), doc.person_name),
            sign(w("Werkgever", "Employer"), doc.manager_name),
        ],
    });
    if !doc.signatures.is_empty() {
        let who: Vec<String> = doc
            .signatures
            .iter()
            .map(|s| {
                let role = match s.party {
                    pop_domain::signing::Party::Employee => w("medewerker", "employee"),
                    pop_domain::signing::Party::Manager => w("werkgever", "employer"),
                };
                if nl {
                    format!(
                        "{} ({role}) op {}, op {}",
                        s.full_name,
                        date(s.signed_on),
                        s.device_name
                    )
                } else {
                    format!(
                        "{} ({role}) on {}, on {}",
                        s.full_name,
                        date(s.signed_on),
                        s.device_name
                    )
                }
            })
            .collect();
        b.push(text(
            Style::Small,
            if nl {
                format!("Getekend in Groeikoers: {}.", who.join("; "))
            } else {
                format!("Signed in Groeikoers: {}.", who.join("; "))
            },
        ));
    }
    b
}
