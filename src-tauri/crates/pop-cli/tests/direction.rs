//! The owner's direction and the observers' eyes from the command line (issue 17): team
//! goals, a plan goal linked to one (with the latest progress from check-ins), a feedback
//! request as text and as a one-page PDF, the observer's answer in the history — and a
//! signed version that stays exactly as it was. Bad input changes no file.

mod support;

use std::path::Path;
use support::{cli_nl as cli, ok_nl as ok, pdf_text, refused_nl as refused};

struct Setup {
    person: String,
    plan: String,
    team_goal: String,
}

fn setup(db: &Path) -> Setup {
    let person = ok(db, &["person", "add", "--name", "Zoë Quistenbergh"]);
    let slug = ok(db, &["example", "list"])
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    let plan = ok(
        db,
        &[
            "plan",
            "new",
            "--person",
            &person,
            "--example",
            &slug,
            "--start",
            "2026-01-05",
            "--lang",
            "nl",
        ],
    );
    for (party, name) in [
        ("employee", "Zoë Quistenbergh"),
        ("manager", "Anouk van Dijk"),
    ] {
        ok(
            db,
            &[
                "plan",
                "sign",
                &plan,
                "--party",
                party,
                "--name",
                name,
                "--on",
                "2026-01-05",
                "--consent",
                "--despite-findings",
            ],
        );
    }
    let team_goal = ok(
        db,
        &[
            "direction",
            "add",
            "--title",
            "Klanten zelf adviseren 🌱",
            "--why",
            "Klanten vragen steeds vaker om advies in plaats van alleen cijfers.",
            "--until",
            "2027-06-30",
        ],
    );
    Setup {
        person,
        plan,
        team_goal,
    }
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

#[test]
fn a_linked_goal_shows_under_its_team_goal_with_the_latest_progress() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let s = setup(&db);
    let d = json(&db, &["direction", "list", "--json"]);
    assert_eq!(d["goals"][0]["id"], s.team_goal.as_str());
    assert_eq!(d["goals"][0]["title"], "Klanten zelf adviseren 🌱");
    assert_eq!(d["goals"][0]["until"], "2027-06-30");
    assert_eq!(d["goals"][0]["linked"].as_array().unwrap().len(), 0);

    ok(
        &db,
        &[
            "plan",
            "link",
            &s.plan,
            "--goal",
            "1",
            "--direction",
            &s.team_goal,
        ],
    );
    ok(
        &db,
        &[
            "plan",
            "checkin",
            &s.plan,
            "--slot",
            "1",
            "--on",
            "2026-02-02",
            "--progress",
            "1=4",
        ],
    );
    let d = json(&db, &["direction", "list", "--json"]);
    let linked = &d["goals"][0]["linked"];
    assert_eq!(linked.as_array().unwrap().len(), 1, "{d}");
    assert_eq!(linked[0]["personId"], s.person.as_str());
    assert_eq!(linked[0]["personName"], "Zoë Quistenbergh");
    assert_eq!(linked[0]["planId"], s.plan.as_str());
    assert_eq!(linked[0]["score"], 4);
    assert_eq!(linked[0]["progressOn"], "2026-02-02");

    // The link holds for the next version too, and unlinking removes it.
    let v2 = ok(
        &db,
        &["plan", "new-version", &s.plan, "--reason", "bijstellen"],
    );
    let d = json(&db, &["direction", "list", "--json"]);
    assert_eq!(d["goals"][0]["linked"][0]["planId"], v2.as_str());
    ok(&db, &["plan", "link", &v2, "--goal", "1", "--unlink"]);
    let d = json(&db, &["direction", "list", "--json"]);
    assert_eq!(d["goals"][0]["linked"].as_array().unwrap().len(), 0);

    // A removed team goal takes its links with it; the plan keeps its goal.
    ok(
        &db,
        &[
            "plan",
            "link",
            &v2,
            "--goal",
            "1",
            "--direction",
            &s.team_goal,
        ],
    );
    ok(&db, &["direction", "remove", &s.team_goal]);
    assert_eq!(
        json(&db, &["direction", "list", "--json"])["goals"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    ok(&db, &["plan", "link", &v2, "--goal", "1", "--unlink"]);
}

#[test]
fn bad_links_and_team_goals_are_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let s = setup(&db);
    refused(
        &db,
        &[
            "plan",
            "link",
            &s.plan,
            "--goal",
            "9",
            "--direction",
            &s.team_goal,
        ],
        1,
        "Doel bestaat niet",
    );
    refused(
        &db,
        &[
            "plan",
            "link",
            &s.plan,
            "--goal",
            "0",
            "--direction",
            &s.team_goal,
        ],
        1,
        "Doel bestaat niet",
    );
    refused(
        &db,
        &[
            "plan",
            "link",
            &s.plan,
            "--goal",
            "1",
            "--direction",
            "geen-doel",
        ],
        1,
        "Teamdoel bestaat niet",
    );
    refused(
        &db,
        &[
            "plan",
            "link",
            "geen-plan",
            "--goal",
            "1",
            "--direction",
            &s.team_goal,
        ],
        1,
        "Dit plan bestaat niet",
    );
    refused(
        &db,
        &["direction", "add", "--title", "   "],
        1,
        "Titel van het teamdoel is verplicht",
    );
    let long = "x".repeat(100_000);
    refused(
        &db,
        &["direction", "add", "--title", &long],
        1,
        "is te lang",
    );
    refused(
        &db,
        &["direction", "add", "--title", "Goed", "--why", &long],
        1,
        "Waarom dit teamdoel is te lang",
    );
    refused(
        &db,
        &[
            "direction",
            "add",
            "--title",
            "Goed",
            "--until",
            "2027-13-01",
        ],
        1,
        "geen geldige datum",
    );
    refused(
        &db,
        &["direction", "develop", "--text", ""],
        1,
        "Ontwikkeling is verplicht",
    );
    refused(
        &db,
        &["direction", "remove", "geen-doel"],
        1,
        "bestaat niet",
    );
}

#[test]
fn feedback_is_asked_recorded_and_kept_beside_the_signed_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let s = setup(&db);
    let before = json(&db, &["plan", "history", &s.plan, "--json"]);
    let fingerprint = before["versions"][0]["fingerprint"].clone();
    assert!(fingerprint.is_string());

    // The request, as text and as a one-page form.
    let text = ok(
        &db,
        &[
            "plan",
            "feedback-form",
            &s.plan,
            "--goal",
            "1",
            "--measure",
            "1",
        ],
    );
    let plan: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string({
            let p = dir.path().join("plan.json");
            ok(&db, &["plan", "export", &s.plan, "-o", p.to_str().unwrap()]);
            p
        })
        .unwrap(),
    )
    .unwrap();
    let measure = find_measure(&plan);
    let signal = measure["signal"].as_str().unwrap();
    let observer = measure["observer"].as_str().unwrap();
    assert!(text.contains(signal), "{text}");
    assert!(text.contains("Wat heb je gezien?"), "{text}");
    assert!(text.contains("Zoë Quistenbergh"), "{text}");
    let pdf = dir.path().join("feedback.pdf");
    ok(
        &db,
        &[
            "plan",
            "feedback-form",
            &s.plan,
            "--goal",
            "1",
            "--measure",
            "1",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    let read = pdf_text(&pdf);
    let flat = read.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        signal,
        observer,
        "Feedback gevraagd",
        "Hoe vaak zag je dat",
        "Eén tip",
    ] {
        let needle = needle.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&needle), "{needle:?} not in {flat}");
    }
    assert_eq!(read.matches('\u{c}').count(), 1, "one page: {read}");

    // The answer.
    let id = ok(
        &db,
        &[
            "plan",
            "feedback",
            &s.plan,
            "--goal",
            "1",
            "--measure",
            "1",
            "--from",
            "Sanne de Vries",
            "--seen",
            "Twee jaarrekeningen zonder correcties; één zelf besproken 😊",
            "--score",
            "8",
            "--on",
            "2026-02-20",
            "--note",
            "Vraag eerder om hulp bij de btw.",
        ],
    );
    let after = json(&db, &["plan", "history", &s.plan, "--json"]);
    let f = &after["feedback"][0];
    assert_eq!(f["id"], id.as_str());
    assert_eq!(f["fromName"], "Sanne de Vries");
    assert_eq!(f["score"], 8);
    assert_eq!(f["seenOn"], "2026-02-20");
    assert_eq!(f["measure"], signal);
    assert_eq!(
        after["versions"], before["versions"],
        "the signed version changed"
    );
    let log = ok(&db, &["log", "verify"]);
    assert!(!log.contains("!!"), "{log}");
    assert!(ok(&db, &["plan", "history", &s.plan]).contains("Sanne de Vries"));

    // The person's export carries it; erasing the person takes it away.
    let zip = dir.path().join("export.zip");
    ok(
        &db,
        &["person", "export", &s.person, "-o", zip.to_str().unwrap()],
    );
    let bytes = std::fs::read(&zip).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut data = String::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        if f.name().is_ok_and(|n| n.ends_with(".json")) {
            std::io::Read::read_to_string(&mut f, &mut data).unwrap();
        }
    }
    assert!(data.contains("Sanne de Vries"), "export lacks the feedback");
}

fn find_measure(plan: &serde_json::Value) -> serde_json::Value {
    // The exchange file holds the versions; the goal's first measure point.
    fn walk(v: &serde_json::Value) -> Option<serde_json::Value> {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(g) = m.get("goals").and_then(|g| g.get(0)) {
                    return g.get("measures").and_then(|m| m.get(0)).cloned();
                }
                m.values().find_map(walk)
            }
            serde_json::Value::Array(a) => a.iter().find_map(walk),
            _ => None,
        }
    }
    walk(plan).expect("a measure point")
}

#[test]
fn bad_feedback_is_refused_with_its_field_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let s = setup(&db);
    let base = |goal: &'static str, measure: &'static str| {
        vec![
            "plan",
            "feedback",
            "PLAN",
            "--goal",
            goal,
            "--measure",
            measure,
            "--from",
            "Sanne",
            "--seen",
            "Gezien",
            "--score",
            "5",
        ]
    };
    let run = |args: Vec<&str>, extra: &[&str], says: &str| {
        let mut args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        args[2] = s.plan.clone();
        args.extend(extra.iter().map(|a| (*a).to_owned()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&db, &args, 1, says);
    };
    run(base("7", "1"), &[], "Doel bestaat niet");
    run(base("1", "9"), &[], "Meetpunt bestaat niet");
    run(base("1", "0"), &[], "Meetpunt bestaat niet");
    let mut a = base("1", "1");
    a[12] = "11";
    run(a, &[], "Score moet tussen 0 en 10");
    let mut a = base("1", "1");
    a[12] = "-1";
    run(a, &[], "Score moet tussen 0 en 10");
    let mut a = base("1", "1");
    a[10] = "   ";
    run(a, &[], "Wat er gezien is is verplicht");
    let mut a = base("1", "1");
    a[8] = "";
    run(a, &[], "Naam van wie het zag is verplicht");
    run(
        base("1", "1"),
        &["--on", "2199-01-01"],
        "ligt in de toekomst",
    );
    run(base("1", "1"), &["--on", "gisteren"], "geen geldige datum");
    let long = "y".repeat(100_000);
    let mut a = base("1", "1");
    a[10] = &long;
    run(a, &[], "is te lang");
    // Nothing was stored by any of them.
    let h = json(&db, &["plan", "history", &s.plan, "--json"]);
    assert_eq!(h["feedback"].as_array().unwrap().len(), 0);
    assert_eq!(
        cli(
            &db,
            &[
                "plan",
                "feedback-form",
                &s.plan,
                "--goal",
                "2",
                "--measure",
                "1"
            ]
        )
        .status
        .code(),
        Some(1)
    );
}

#[test]
fn results_weigh_what_was_planned_and_spent_against_the_goals_achieved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let s = setup(&db);
    let planned = json(&db, &["overview", "--json"])[0]["costsPlannedCents"]
        .as_i64()
        .unwrap();
    ok(
        &db,
        &[
            "budget",
            "scheme",
            "--from",
            "2024-01-01",
            "--euro-per-year",
            "500",
            "--hours-per-year",
            "40",
        ],
    );
    ok(
        &db,
        &[
            "budget",
            "spend",
            &s.person,
            "--on",
            "2026-03-02",
            "--euro",
            "120",
            "--for",
            "Cursus btw",
        ],
    );
    ok(
        &db,
        &[
            "budget",
            "spend",
            &s.person,
            "--on",
            "2026-04-02",
            "--hours",
            "1.5",
            "--for",
            "Studiedag",
        ],
    );
    ok(&db, &["plan", "evaluate", &s.plan, "--goal", "1=achieved"]);
    let r = json(&db, &["results", "--json"]);
    let zoe = &r["people"][0];
    assert_eq!(zoe["year"], 2026);
    assert_eq!(zoe["personName"], "Zoë Quistenbergh");
    assert_eq!(zoe["plans"], 1);
    assert_eq!(zoe["plannedCents"], planned);
    assert_eq!(zoe["spentCents"], 12_000);
    assert_eq!(zoe["spentMinutes"], 90);
    assert_eq!(zoe["achieved"], 1);
    let team = &r["team"][0];
    assert_eq!(
        (team["year"].clone(), team["spentCents"].clone()),
        (2026.into(), 12_000.into())
    );
    assert_eq!(team["personId"], "");

    let csv = dir.path().join("results.csv");
    ok(&db, &["results", "-o", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("Doelen gehaald"), "{text}");
    assert!(text.contains("Zoë Quistenbergh"), "{text}");
    assert!(text.contains("120,00"), "{text}");
    let xlsx = dir.path().join("results.xlsx");
    ok(&db, &["results", "-o", xlsx.to_str().unwrap()]);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
}
