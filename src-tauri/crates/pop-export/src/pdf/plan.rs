//! The plan as a printable document: header, the seven blocks, every goal with its why,
//! actions, measure points and costs, and the signature block ("print to sign").

use super::layout::{Block, Signatory, Style};
use chrono::{Datelike, NaiveDate};
use pop_domain::plan::{
    ActionKind, ActionStatus, GoalTerm, Initiative, Payer, PlanContent, PlanStatus,
};
use pop_domain::Language;

/// Everything the plan PDF shows.
#[derive(Debug, Clone)]
pub struct PlanDocument<'a> {
    pub lang: Language,
    pub organisation: &'a str,
    pub person_name: &'a str,
    pub status: PlanStatus,
    pub content: &'a PlanContent,
    /// Personal mode: the employee signs alone.
    pub personal: bool,
    /// Signatures given in the app, printed in the signature block.
    pub signatures: &'a [pop_domain::signing::Signature],
}

struct Words {
    nl: bool,
}

impl Words {
    fn w(&self, nl: &'static str, en: &'static str) -> &'static str {
        if self.nl {
            nl
        } else {
            en
        }
    }
}

/// "24 november 2026" / "24 November 2026".
pub fn long_date(d: NaiveDate, lang: Language) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = match lang {
        Language::Nl => NL,
        Language::En => EN,
    }[d.month0() as usize];
    format!("{} {month} {}", d.day(), d.year())
}

/// Minutes as hours in words: "16 uur", "1,5 uur" / "16 hours", "1.5 hours".
pub fn hours(minutes: i64, lang: Language) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    let number = if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        let n = format!("{}.{}", tenths / 10, tenths % 10);
        if lang == Language::Nl {
            n.replace('.', ",")
        } else {
            n
        }
    };
    match lang {
        Language::Nl => format!("{number} uur"),
        Language::En if tenths == 10 => "1 hour".to_owned(),
        Language::En => format!("{number} hours"),
    }
}

/// "€ 1.250,00" / "€1,250.00".
pub fn money(cents: i64, lang: Language) -> String {
    let euros = cents / 100;
    let rest = (cents % 100).abs();
    let digits = euros.abs().to_string();
    let sep = if lang == Language::Nl { '.' } else { ',' };
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(sep);
        }
        grouped.push(ch);
    }
    let sign = if cents < 0 { "-" } else { "" };
    match lang {
        Language::Nl => format!("€ {sign}{grouped},{rest:02}"),
        Language::En => format!("{sign}€{grouped}.{rest:02}"),
    }
}

fn text(style: Style, t: impl Into<String>) -> Block {
    Block::Text {
        style,
        text: t.into(),
    }
}

/// The blocks of a plan, in the order of the printed document.
pub fn plan_blocks(doc: &PlanDocument<'_>) -> Vec<Block> {
    let w = Words {
        nl: doc.lang == Language::Nl,
    };
    let c = doc.content;
    let date = |d: NaiveDate| long_date(d, doc.lang);
    let mut b = Vec::new();

    b.push(text(
        Style::Subtitle,
        if doc.organisation.is_empty() {
            w.w("Persoonlijk ontwikkelplan", "Personal development plan")
                .to_owned()
        } else {
            format!(
                "{} · {}",
                doc.organisation,
                w.w("Persoonlijk ontwikkelplan", "Personal development plan")
            )
        },
    ));
    b.push(text(Style::Title, c.title.clone()));
    b.push(Block::Space(6.0));
    let status = match doc.status {
        PlanStatus::Draft => w.w("Concept", "Draft"),
        PlanStatus::Active => w.w("Actief", "Active"),
        PlanStatus::Evaluated => w.w("Geëvalueerd", "Evaluated"),
        PlanStatus::Closed => w.w("Afgesloten", "Closed"),
    };
    let mut fields = vec![
        (
            w.w("Medewerker", "Employee").to_owned(),
            doc.person_name.to_owned(),
        ),
        (w.w("Functie", "Role").to_owned(), c.role.clone()),
    ];
    if !doc.personal {
        fields.push((
            w.w("Leidinggevende", "Manager").to_owned(),
            c.manager_name.clone(),
        ));
    }
    fields.push((
        w.w("Periode", "Period").to_owned(),
        format!("{} – {}", date(c.period_start), date(c.period_end)),
    ));
    fields.push((
        w.w("Initiatief", "Initiative").to_owned(),
        match c.initiative {
            Initiative::Employer => w.w("Werkgever", "Employer"),
            Initiative::Own => w.w("Eigen initiatief", "Own initiative"),
        }
        .to_owned(),
    ));
    fields.push((w.w("Status", "Status").to_owned(), status.to_owned()));
    if !c.ambition.trim().is_empty() {
        fields.push((w.w("Ambitie", "Ambition").to_owned(), c.ambition.clone()));
    }
    b.push(Block::Fields(fields));
    b.push(Block::Rule);

    let section = |b: &mut Vec<Block>, title: &str, body: &str| {
        b.push(text(Style::H1, title.to_owned()));
        b.push(text(
            Style::Body,
            if body.trim().is_empty() {
                "—".to_owned()
            } else {
                body.to_owned()
            },
        ));
    };
    section(
        &mut b,
        w.w("1. Ontwikkelfocus", "1. Development focus"),
        &c.focus,
    );
    section(
        &mut b,
        w.w("2. Startsituatie", "2. Starting situation"),
        &c.starting_situation,
    );

    b.push(text(
        Style::H1,
        w.w(
            "3–5. Doelen, acties en meetpunten",
            "3–5. Goals, actions and measure points",
        ),
    ));
    if c.goals.is_empty() {
        b.push(text(Style::Body, "—"));
    }
    for (i, g) in c.goals.iter().enumerate() {
        b.push(text(
            Style::H2,
            format!("{} {}: {}", w.w("Doel", "Goal"), i + 1, g.title),
        ));
        let mut f = vec![(
            w.w("Termijn", "Term").to_owned(),
            match g.term {
                GoalTerm::Short => w.w("Kort (tot 1 jaar)", "Short (up to 1 year)"),
                GoalTerm::Medium => w.w("Middellang (1–5 jaar)", "Medium (1–5 years)"),
                GoalTerm::Long => w.w("Lang (loopbaan)", "Long (career)"),
            }
            .to_owned(),
        )];
        if let Some(d) = g.target_date {
            f.push((w.w("Streefdatum", "Target date").to_owned(), date(d)));
        }
        if !g.why.trim().is_empty() {
            f.push((w.w("Waarom", "Why").to_owned(), g.why.clone()));
        }
        b.push(Block::Fields(f));
        if !g.actions.is_empty() {
            b.push(text(Style::Label, w.w("Acties", "Actions")));
            for a in &g.actions {
                let mut parts = vec![match a.kind {
                    ActionKind::Work => w.w("leren in het werk", "learning in the work"),
                    ActionKind::Social => w.w("met anderen", "with others"),
                    ActionKind::Course => w.w("cursus of training", "course or training"),
                }
                .to_owned()];
                if !a.owner.trim().is_empty() {
                    parts.push(format!("{}: {}", w.w("wie", "who"), a.owner));
                }
                if let Some(d) = a.due {
                    parts.push(date(d));
                }
                parts.push(
                    match a.status {
                        ActionStatus::Open => w.w("open", "open"),
                        ActionStatus::Doing => w.w("bezig", "in progress"),
                        ActionStatus::Done => w.w("klaar", "done"),
                        ActionStatus::Dropped => w.w("vervallen", "dropped"),
                    }
                    .to_owned(),
                );
                if let Some(cost) = a.cost_cents {
                    parts.push(money(cost, doc.lang));
                }
                if let Some(minutes) = a.minutes.filter(|m| *m > 0) {
                    parts.push(hours(minutes, doc.lang));
                }
                // Who pays, as signed: the budget line of the ledger points back to this.
                if let Some(payer) = a.paid_by {
                    parts.push(
                        match payer {
                            Payer::Employer => w.w("betaalt: werkgever", "paid by: employer"),
                            Payer::Budget => {
                                w.w("betaalt: ontwikkelbudget", "paid by: development budget")
                            }
                            Payer::Subsidy => w.w("betaalt: subsidie", "paid by: subsidy"),
                        }
                        .to_owned(),
                    );
                }
                if a.training.is_some_and(|t| t.free_by_law()) {
                    parts.push(
                        w.w(
                            "gratis voor de medewerker, werktijd (art. 7:611a BW)",
                            "free for the employee, working time (art. 7:611a BW)",
                        )
                        .to_owned(),
                    );
                }
                b.push(Block::Bullet {
                    text: format!("{} ({})", a.description, parts.join(" · ")),
                });
            }
        }
        if !g.measures.is_empty() {
            b.push(text(Style::Label, w.w("Meetpunten", "Measure points")));
            for m in &g.measures {
                let mut parts = Vec::new();
                if !m.observer.trim().is_empty() {
                    parts.push(format!(
                        "{}: {}",
                        w.w("wie ziet het", "observed by"),
                        m.observer
                    ));
                }
                if !m.moment.trim().is_empty() {
                    parts.push(format!("{}: {}", w.w("wanneer", "when"), m.moment));
                }
                if !m.baseline.trim().is_empty() || !m.target.trim().is_empty() {
                    parts.push(format!(
                        "{}: {} · {}: {}",
                        w.w("nu", "now"),
                        m.baseline,
                        w.w("doel", "target"),
                        m.target
                    ));
                }
                let extra = if parts.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", parts.join(" · "))
                };
                b.push(Block::Bullet {
                    text: format!("{}{extra}", m.signal),
                });
            }
        }
        if !g.reflection.trim().is_empty() {
            b.push(text(Style::Label, w.w("Reflectie", "Reflection")));
            b.push(text(Style::Body, g.reflection.clone()));
        }
    }

    b.push(text(Style::H1, w.w("6. Ondersteuning", "6. Support")));
    if c.support.is_empty() {
        b.push(text(Style::Body, "—"));
    }
    for s in &c.support {
        let cost = s
            .cost_cents
            .map(|v| format!(" ({})", money(v, doc.lang)))
            .unwrap_or_default();
        b.push(Block::Bullet {
            text: format!("{}: {}{cost}", s.from_whom, s.what),
        });
    }
    let total: i64 = c
        .goals
        .iter()
        .flat_map(|g| &g.actions)
        .filter_map(|a| a.cost_cents)
        .chain(c.support.iter().filter_map(|s| s.cost_cents))
        .sum();
    if total > 0 {
        b.push(text(
            Style::Small,
            format!(
                "{} {}",
                w.w("Genoemde kosten samen:", "Costs named, together:"),
                money(total, doc.lang)
            ),
        ));
    }

    b.push(text(Style::H1, w.w("7. Ritme", "7. Rhythm")));
    let mut agreed = Vec::new();
    if let Some(n) = c.rhythm.iteration_weeks {
        agreed.push(format!(
            "{} {n} {}",
            w.w("rondes van", "rounds of"),
            w.w("weken", "weeks")
        ));
    }
    if let Some(n) = c.rhythm.checkin_every_weeks {
        agreed.push(format!(
            "{} {n} {}",
            w.w("een check-in elke", "a check-in every"),
            w.w("weken", "weeks")
        ));
    }
    let mut rhythm = String::new();
    if !agreed.is_empty() {
        let line = agreed.join(", ");
        let mut chars = line.chars();
        let first = chars
            .next()
            .map(|f| f.to_uppercase().collect::<String>())
            .unwrap_or_default();
        rhythm = format!("{first}{}.", chars.as_str());
    }
    if !c.rhythm.notes.trim().is_empty() {
        if !rhythm.is_empty() {
            rhythm.push(' ');
        }
        rhythm.push_str(&c.rhythm.notes);
    }
    b.push(text(
        Style::Body,
        if rhythm.is_empty() {
            "—".to_owned()
        } else {
            rhythm
        },
    ));

    if !c.reflection.trim().is_empty() {
        b.push(text(Style::H1, w.w("Reflectie", "Reflection")));
        b.push(text(Style::Body, c.reflection.clone()));
    }

    let sign = |party: pop_domain::signing::Party, role: &str, name: &str| {
        let given = doc.signatures.iter().find(|s| s.party == party);
        Signatory {
            role: role.to_owned(),
            name: given.map_or(name, |s| s.full_name.as_str()).to_owned(),
            date_label: match given {
                Some(s) => format!(
                    "{} {}",
                    w.w("Ondertekend op", "Signed on"),
                    date(s.signed_on)
                ),
                None => w.w("Datum", "Date").to_owned(),
            },
            signature_label: match given {
                Some(s) if !s.device_name.is_empty() => format!(
                    "{} {}",
                    w.w(
                        "Digitaal ondertekend in Groeikoers op",
                        "Signed digitally in Groeikoers on"
                    ),
                    s.device_name
                ),
                Some(_) => w
                    .w(
                        "Digitaal ondertekend in Groeikoers",
                        "Signed digitally in Groeikoers",
                    )
                    .to_owned(),
                None => w.w("Handtekening", "Signature").to_owned(),
            },
            strokes: given.and_then(|s| s.strokes.clone()),
        }
    };
    use pop_domain::signing::Party;
    let mut signatories = vec![sign(
        Party::Employee,
        w.w("Medewerker", "Employee"),
        doc.person_name,
    )];
    // In personal mode the employee signs alone, unless the plan was agreed with a manager.
    if !doc.personal || doc.signatures.iter().any(|s| s.party == Party::Manager) {
        signatories.push(sign(
            Party::Manager,
            w.w("Leidinggevende", "Manager"),
            &c.manager_name,
        ));
    }
    b.push(Block::Signatures {
        heading: w
            .w("Akkoord en ondertekening", "Agreement and signatures")
            .to_owned(),
        signatories,
    });
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ninety_minutes_are_1_5_uur_and_sixty_are_1_hour() {
        assert_eq!(hours(90, Language::Nl), "1,5 uur");
        assert_eq!(hours(90, Language::En), "1.5 hours");
        assert_eq!(hours(60, Language::En), "1 hour");
        assert_eq!(hours(16 * 60, Language::Nl), "16 uur");
    }

    #[test]
    fn money_is_written_the_local_way() {
        assert_eq!(money(125_050, Language::Nl), "€ 1.250,50");
        assert_eq!(money(125_050, Language::En), "€1,250.50");
        assert_eq!(money(89_500, Language::Nl), "€ 895,00");
        assert_eq!(money(5, Language::Nl), "€ 0,05");
        assert_eq!(money(100_000_000, Language::Nl), "€ 1.000.000,00");
    }

    #[test]
    fn dates_are_written_out() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(long_date(d, Language::Nl), "24 november 2026");
        assert_eq!(long_date(d, Language::En), "24 November 2026");
    }
}
