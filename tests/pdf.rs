//! The plan PDF read back as a person's tools see it: `pdftotext` finds every text field of
//! every worked example, a stress plan loses no text, `qpdf --check` is clean, and PNG pages
//! are saved as artifacts (`tests/artifacts/pdf/`) to look at.

use groeikoers_tests::clock;
use pop_core::domain::plan::{Action, ActionKind, PlanContent};
use pop_core::domain::{Language, PersonInput};
use pop_core::{documents, examples, people, plans, Store};
use std::path::PathBuf;
use std::process::Command;

fn artifacts() -> PathBuf {
    let dir = std::env::var_os("GROEIKOERS_PDF_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts/pdf"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed (poppler-utils, qpdf; .scripts/setup.sh installs them): {e}")
    });
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every text a person wrote in the plan.
fn fields(c: &PlanContent) -> Vec<String> {
    let mut f = vec![
        c.title.clone(),
        c.role.clone(),
        c.manager_name.clone(),
        c.ambition.clone(),
        c.focus.clone(),
        c.starting_situation.clone(),
        c.rhythm.notes.clone(),
        c.reflection.clone(),
    ];
    for g in &c.goals {
        f.extend([g.title.clone(), g.why.clone(), g.reflection.clone()]);
        for a in &g.actions {
            f.extend([a.description.clone(), a.owner.clone()]);
        }
        for m in &g.measures {
            f.extend([
                m.signal.clone(),
                m.observer.clone(),
                m.moment.clone(),
                m.baseline.clone(),
                m.target.clone(),
            ]);
        }
    }
    for s in &c.support {
        f.extend([s.from_whom.clone(), s.what.clone()]);
    }
    f.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

fn store_with_person(name: &str) -> (Store, String) {
    let mut store = Store::open_in_memory().unwrap();
    let p = people::create_person(
        &mut store,
        &clock(),
        PersonInput {
            full_name: name.into(),
            role: "Projectcoördinator".into(),
            ..Default::default()
        },
    )
    .unwrap();
    (store, p.id)
}

/// The worked example "vakman met leerling" as a new plan of `person`.
fn apprentice_plan(store: &mut Store, person: &str) -> pop_core::domain::plan::Plan {
    plans::create_plan_from_example(store, &clock(), Language::Nl, person, "vakman-met-leerling")
        .unwrap()
}

/// The body text: without the footer lines that every page repeats (a paragraph that runs
/// over a page break has the footer between its two halves in the extracted text).
fn body_text(text: &str) -> String {
    text.lines()
        .filter(|l| {
            let l = l.trim_start_matches('\u{c}').trim();
            !(l.starts_with("Pagina ")
                || l.starts_with("Page ")
                || l.contains(" · versie ")
                || l.contains(" · version "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes the PDF, checks it with qpdf, renders PNGs and returns the extracted text.
fn check_pdf(bytes: &[u8], name: &str) -> String {
    let dir = artifacts();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    let p = path.to_str().unwrap();
    run("qpdf", &["--check", p]);
    run(
        "pdftoppm",
        &["-png", "-r", "50", p, dir.join(name).to_str().unwrap()],
    );
    body_text(&run("pdftotext", &[p, "-"]))
}

#[test]
fn every_text_field_of_every_worked_example_is_in_its_pdf() {
    let (mut store, person) = store_with_person("Sanne de Boer");
    for e in examples::all() {
        for lang in [Language::Nl, Language::En] {
            let plan =
                plans::create_plan_from_example(&mut store, &clock(), lang, &person, &e.slug)
                    .unwrap();
            let pdf = documents::plan_pdf(&store, &clock(), lang, &plan.id).unwrap();
            assert!(pdf.len() < 100 * 1024, "{}: {} bytes", e.slug, pdf.len());
            let text = squash(&check_pdf(&pdf, &format!("{}-{lang:?}", e.slug)));
            for field in fields(&plan.content) {
                assert!(
                    text.contains(&squash(&field)),
                    "{} ({lang:?}): {field:?} is missing from the PDF",
                    e.slug
                );
            }
            assert!(text.contains(if lang == Language::Nl {
                "Handtekening"
            } else {
                "Signature"
            }));
        }
    }
}

#[test]
fn a_stress_plan_loses_no_text_and_does_not_crash() {
    let (mut store, person) = store_with_person("Zoë Ĳsselstein-Çelik");
    let mut plan = apprentice_plan(&mut store, &person);
    let long = |seed: &str| {
        let mut s = String::new();
        let mut i = 0;
        while s.chars().count() < 5_000 {
            s.push_str(&format!(
                "{seed} {i} één coördinatie ‘quote’ “dubbel” – € 1.250,00 ĳverig "
            ));
            i += 1;
        }
        s
    };
    plan.content.focus = long("focus");
    plan.content.starting_situation = format!("Groei 🌱 start {}", long("start"));
    plan.content.goals[0].why = long("waarom");
    plan.content.goals[0].actions = (0..50)
        .map(|i| Action {
            id: format!("a{i}"),
            description: format!(
                "Actie {i}: oefenen met uitleggen aan de leerling, één keer per week"
            ),
            kind: ActionKind::Work,
            owner: "Ahmed".into(),
            due: plan.content.goals[0].target_date,
            cost_cents: Some(i * 1_000),
            ..Default::default()
        })
        .collect();
    plans::save_plan_content(
        &mut store,
        &clock(),
        Language::Nl,
        &plan.id,
        plan.content.clone(),
    )
    .unwrap();
    let pdf = documents::plan_pdf(&store, &clock(), Language::Nl, &plan.id).unwrap();
    let text = squash(&check_pdf(&pdf, "stress-plan"));
    for field in fields(&plan.content) {
        // The emoji is not in the fonts: it is printed as U+FFFD, the rest stays.
        let expected = squash(&field.replace('🌱', "\u{FFFD}"));
        assert!(
            text.contains(&expected),
            "lost text: {}…",
            expected.chars().take(80).collect::<String>()
        );
    }
    let all = run(
        "pdftotext",
        &[artifacts().join("stress-plan.pdf").to_str().unwrap(), "-"],
    );
    assert!(all.contains("Pagina 1 van"), "page numbers");
}

#[test]
fn the_preparation_sheet_prints_every_answer_and_question() {
    let (mut store, person) = store_with_person("Ahmed El Amrani");
    let mut plan = apprentice_plan(&mut store, &person);
    plan.content.preparation.performance = "Levert strak werk af; legt nog weinig uit.".into();
    plan.content.preparation.notes = "Tijd voor de leerling inplannen".into();
    plans::save_plan_content(
        &mut store,
        &clock(),
        Language::Nl,
        &plan.id,
        plan.content.clone(),
    )
    .unwrap();
    let pdf = documents::preparation_pdf(&store, &clock(), Language::Nl, &plan.id).unwrap();
    let text = squash(&check_pdf(&pdf, "preparation-sheet"));
    for expected in [
        "Levert strak werk af; legt nog weinig uit.",
        "Tijd voor de leerling inplannen",
        "Zelfanalyse voor Ahmed El Amrani",
    ]
    .into_iter()
    .chain(pop_export_questions())
    {
        assert!(text.contains(expected), "{expected:?} is missing");
    }
}

fn pop_export_questions() -> [&'static str; 5] {
    [
        "Wat zijn je sterke kanten, en gebruik je ze genoeg in je werk?",
        "Wat heb je nodig om je werk met plezier en goed te doen?",
        "Waar wil je over een jaar staan? En over vijf jaar?",
        "Welke punten wil je ontwikkelen?",
        "Wat verwacht je daarbij van mij?",
    ]
}

#[test]
fn the_evaluation_page_prints_results_reflections_and_the_look_back() {
    use pop_core::domain::checkin::{Evaluation, GoalEvaluation, Outcome};
    let (mut store, person) = store_with_person("Ahmed El Amrani");
    let plan = apprentice_plan(&mut store, &person);
    // Before the evaluation: a form to fill in by hand.
    let form = documents::evaluation_pdf(&store, &clock(), Language::Nl, &plan.id).unwrap();
    let text = squash(&check_pdf(&form, "evaluation-form"));
    assert!(text.contains("Evaluatie van het ontwikkelplan"), "{text}");
    assert!(
        text.contains("behaald / deels behaald / niet behaald"),
        "{text}"
    );

    let goals = &plan.content.goals;
    let evaluation = Evaluation {
        goals: goals
            .iter()
            .enumerate()
            .map(|(i, g)| GoalEvaluation {
                goal_id: g.id.clone(),
                goal_title: String::new(),
                outcome: if i == 0 {
                    Outcome::Partly
                } else {
                    Outcome::NotAchieved
                },
                reflection: format!("Reflectie op doel {} — ëë 🌱", i + 1),
                carry: i > 0,
            })
            .collect(),
        reflection: "Een jaar waarin de leerling zelfstandig werd.".into(),
    };
    pop_core::rhythm::evaluate_plan(&mut store, &clock(), &plan.id, evaluation).unwrap();
    let pdf = documents::evaluation_pdf(&store, &clock(), Language::Nl, &plan.id).unwrap();
    let text = squash(&check_pdf(&pdf, "evaluation"));
    for (i, g) in goals.iter().enumerate() {
        assert!(
            text.contains(&squash(&g.title)),
            "goal {:?} is missing",
            g.title
        );
        assert!(
            text.contains(&format!("Reflectie op doel {} — ëë", i + 1)),
            "reflection {i} is missing: {text}"
        );
    }
    assert!(text.contains("deels behaald"));
    assert!(text.contains("Een jaar waarin de leerling zelfstandig werd."));
    assert!(text.contains("Geëvalueerd op"));
    assert!(text.contains("Voor gezien"));
    // The evaluation is in the plan's language, whatever the app speaks: a Dutch plan's sheet
    // stays Dutch under an English app; an English plan's sheet is English.
    let under_en = documents::evaluation_pdf(&store, &clock(), Language::En, &plan.id).unwrap();
    let text = squash(&check_pdf(&under_en, "evaluation-nl-under-en"));
    assert!(text.contains("Evaluatie van het ontwikkelplan"), "{text}");
    let english = plans::create_plan_from_example(
        &mut store,
        &clock(),
        Language::En,
        &person,
        "vakman-met-leerling",
    )
    .unwrap();
    let en = documents::evaluation_pdf(&store, &clock(), Language::Nl, &english.id).unwrap();
    let text = squash(&check_pdf(&en, "evaluation-en"));
    assert!(
        text.contains("Evaluation of the development plan"),
        "{text}"
    );
    assert!(
        text.contains("achieved / partly achieved / not achieved"),
        "{text}"
    );
}

#[test]
fn the_journal_extract_prints_only_the_chosen_range_and_plans_never_show_the_journal() {
    use pop_core::journal::{add_journal_entry, journal_pdf, JournalInput};
    let (mut store, person) = store_with_person("Joyce Bakker");
    for (date, text) in [
        ("2026-02-27", "Buiten het bereik: februari-notitie"),
        (
            "2026-03-02",
            "**Eerste** overleg zelf geleid.\n- agenda vooraf\n- notulen binnen een dag",
        ),
        ("2026-03-31", "Terugblik op maart met één 🌱 emoji"),
        ("2026-04-01", "Buiten het bereik: april-notitie"),
    ] {
        add_journal_entry(
            &mut store,
            &clock(),
            JournalInput {
                date: Some(date.into()),
                text: text.into(),
                tags: vec!["overleg".into()],
                goal_id: None,
            },
        )
        .unwrap();
    }
    let pdf = journal_pdf(&store, &clock(), Language::Nl, "2026-03-01", "2026-03-31").unwrap();
    let text = squash(&check_pdf(&pdf, "journal-extract"));
    assert!(text.contains("Uit mijn ontwikkeldagboek"), "{text}");
    assert!(
        text.contains("Eerste overleg zelf geleid."),
        "markers dropped: {text}"
    );
    assert!(text.contains("agenda vooraf") && text.contains("notulen binnen een dag"));
    assert!(text.contains("Terugblik op maart met één"));
    assert!(
        !text.contains("Buiten het bereik"),
        "only the chosen range: {text}"
    );

    let bad = journal_pdf(&store, &clock(), Language::Nl, "2026-03-31", "2026-03-01").unwrap_err();
    assert!(
        bad.to_command_error(Language::Nl)
            .message
            .contains("vóór de startdatum"),
        "{bad:?}"
    );

    // The journal is private: a plan's PDF and its preparation sheet never print it.
    let plan = apprentice_plan(&mut store, &person);
    for bytes in [
        documents::plan_pdf(&store, &clock(), Language::Nl, &plan.id).unwrap(),
        documents::preparation_pdf(&store, &clock(), Language::Nl, &plan.id).unwrap(),
        documents::evaluation_pdf(&store, &clock(), Language::Nl, &plan.id).unwrap(),
    ] {
        let text = squash(&check_pdf(&bytes, "privacy-check"));
        assert!(
            !text.contains("overleg zelf geleid"),
            "journal text leaked into a plan PDF"
        );
    }
}

#[test]
fn a_plan_keeps_its_own_language_in_its_pdf_and_calendar_whatever_the_app_speaks() {
    let (mut store, person) = store_with_person("Sanne de Boer");
    // Made in Dutch; printed while the app is English: Dutch headings over Dutch content.
    let dutch = apprentice_plan(&mut store, &person);
    assert_eq!(dutch.content.language, Some(Language::Nl));
    let pdf = documents::plan_pdf(&store, &clock(), Language::En, &dutch.id).unwrap();
    let text = check_pdf(&pdf, "language-nl-under-en");
    assert!(text.contains("Handtekening"), "Dutch headings: {text}");
    assert!(!text.contains("Signature"));
    let ics =
        pop_core::calendar::plan_ics(&store, Language::En, &dutch.id, chrono::Utc::now()).unwrap();
    assert!(ics.contains("POP-gesprek"), "Dutch calendar: {ics}");

    // An English plan in the Dutch app: English throughout.
    let english = plans::create_plan(
        &mut store,
        &clock(),
        Language::Nl,
        plans::NewPlanInput {
            person_id: person.clone(),
            period_start: None,
            language: Some(Language::En),
        },
    )
    .unwrap();
    assert!(english.content.title.starts_with("Development plan"));
    let pdf = documents::plan_pdf(&store, &clock(), Language::Nl, &english.id).unwrap();
    let text = check_pdf(&pdf, "language-en-under-nl");
    assert!(text.contains("Signature"), "English headings: {text}");

    // A plan from before plans had a language follows the app, and its stored form (so its
    // seal) is unchanged: no language field is written for it.
    let mut old = dutch.content.clone();
    old.language = None;
    let json = serde_json::to_string(&old).unwrap();
    assert!(!json.contains("language"));
    assert_eq!(old.language_or(Language::En), Language::En);
}
