//! Each person's data rights from the command line (issue 13, item 7): the export ZIP is read
//! back (the JSON parses; the PDF's text holds every stored field of that person and nothing
//! of anyone else); erasure leaves no byte of the person's name in the store, its WAL or a
//! new backup, `log verify` still passes and the other person's seal still holds; refusals
//! (no --yes, a legal hold, bad retention input) change no file.

mod support;

use std::io::Read;
use std::path::{Path, PathBuf};
use support::{cli_nl as cli, files, ok_nl as ok, pdf_text, refused_nl as refused};

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

struct Team {
    zoe: String,
    karel: String,
}

/// Two people with signed plans, check-ins with notes and agreements, a budget line and a
/// study-cost clause for Zoë; Zoë leaves on 30 June 2025.
fn team(db: &Path) -> Team {
    let zoe = ok(
        db,
        &[
            "person",
            "add",
            "--name",
            "Zoë Quistenbergh",
            "--role",
            "Broodbakker",
            "--email",
            "zoe@bakkerij.example",
            "--start",
            "2024-01-01",
            "--fte",
            "0.6",
        ],
    );
    let karel = ok(
        db,
        &[
            "person",
            "add",
            "--name",
            "Karel Appelmans",
            "--role",
            "Verkoper",
        ],
    );
    let slug = ok(db, &["example", "list"])
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    for (who, name, note) in [
        (&zoe, "Zoë Quistenbergh", "Zuurdesem lukt nu zonder hulp"),
        (&karel, "Karel Appelmans", "Kassa-afsluiting gaat vlot"),
    ] {
        let plan = ok(
            db,
            &[
                "plan",
                "new",
                "--person",
                who,
                "--example",
                &slug,
                "--start",
                "2025-01-06",
                "--lang",
                "nl",
            ],
        );
        for (party, signer) in [("employee", name), ("manager", "Anouk van Dijk")] {
            ok(
                db,
                &[
                    "plan",
                    "sign",
                    &plan,
                    "--party",
                    party,
                    "--name",
                    signer,
                    "--on",
                    "2025-01-06",
                    "--consent",
                    "--despite-findings",
                ],
            );
        }
        ok(
            db,
            &[
                "plan",
                "checkin",
                &plan,
                "--slot",
                "1",
                "--on",
                "2025-02-10",
                "--reality",
                note,
                "--agree",
                &format!("{note}: volgende stap"),
                "--by",
                "2025-03-01",
            ],
        );
    }
    ok(
        db,
        &[
            "budget",
            "scheme",
            "--from",
            "2024-01-01",
            "--euro-per-year",
            "500",
        ],
    );
    ok(
        db,
        &[
            "budget",
            "spend",
            &zoe,
            "--on",
            "2025-02-01",
            "--euro",
            "120",
            "--for",
            "Workshop desembeheer",
        ],
    );
    ok(
        db,
        &[
            "clause",
            "new",
            "--person",
            &zoe,
            "--course",
            "Vakopleiding meesterbakker",
            "--cost",
            "3000",
            "--training-end",
            "2025-03-01",
            "--months",
            "24",
        ],
    );
    ok(
        db,
        &[
            "person",
            "leave",
            &zoe,
            "--on",
            "2025-06-30",
            "--reason",
            "resign",
        ],
    );
    Team { zoe, karel }
}

#[test]
fn an_export_holds_everything_about_the_person_and_nothing_about_anyone_else() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite3");
    let t = team(&db);
    let zip_path = dir.path().join("zoe.zip");
    ok(
        &db,
        &["person", "export", &t.zoe, "-o", zip_path.to_str().unwrap()],
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut json = String::new();
    zip.by_name("person.json")
        .unwrap()
        .read_to_string(&mut json)
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).expect("the JSON parses");
    assert_eq!(doc["format"], "groeikoers-person-export");
    assert_eq!(doc["data"]["person"]["full_name"], "Zoë Quistenbergh");
    assert_eq!(doc["data"]["plans"].as_array().unwrap().len(), 1);
    assert_eq!(doc["retention"].as_array().unwrap().len(), 3);
    let mut pdf = Vec::new();
    zip.by_name("person.pdf")
        .unwrap()
        .read_to_end(&mut pdf)
        .unwrap();
    let pdf_path = dir.path().join("zoe.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    if let Some(out) = std::env::var_os("GROEIKOERS_ARTIFACTS") {
        let _ = std::fs::create_dir_all(&out);
        let _ = std::fs::copy(&pdf_path, Path::new(&out).join("person-export.pdf"));
    }
    let text = pdf_text(&pdf_path);
    let squashed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needed in [
        "Gegevens van Zoë Quistenbergh",
        "Wat we bewaren, waarom en hoe lang",
        "24 maanden na uitdiensttreding",
        "Broodbakker",
        "zoe@bakkerij.example",
        "2024-01-01",
        "2025-06-30",
        "resign",
        "Zuurdesem lukt nu zonder hulp",
        "Zuurdesem lukt nu zonder hulp: volgende stap",
        "Workshop desembeheer",
        "Vakopleiding meesterbakker",
        "600",
        &t.zoe,
    ] {
        assert!(
            squashed.contains(needed),
            "the PDF lacks {needed:?}:\n{text}"
        );
    }
    // Every plain value of the JSON is in the PDF (ids, dates, texts of the plan too).
    fn leaves(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    if k != "strokes" {
                        leaves(v, out)
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| leaves(v, out)),
            serde_json::Value::String(s) if !s.is_empty() => out.push(s.clone()),
            serde_json::Value::Number(n) => out.push(n.to_string()),
            _ => {}
        }
    }
    let mut all = Vec::new();
    leaves(&doc["data"], &mut all);
    // Long words (hashes, signatures) wrap inside the value column: compared without spaces.
    let bare = |s: &str| s.split_whitespace().collect::<String>();
    // A value may go on over a page break: the footer lines between are left out.
    let body: String = text
        .lines()
        .filter(|l| l.trim() != "Gegevens van Zoë Quistenbergh" && !l.starts_with("Pagina "))
        .collect();
    let text_bare = bare(&body);
    let missing: Vec<&String> = all
        .iter()
        .filter(|s| !text_bare.contains(&bare(s)))
        .collect();
    assert!(
        missing.is_empty(),
        "stored values not in the PDF: {missing:?}"
    );
    for other in ["Karel", "Appelmans", "Kassa-afsluiting", &t.karel] {
        assert!(!json.contains(other), "the JSON names {other}");
        assert!(!text.contains(other), "the PDF names {other}");
    }
}

#[test]
fn erasure_leaves_no_byte_of_the_person_and_the_log_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite3");
    let t = team(&db);
    ok(&db, &["backup"]);
    let backups_before: Vec<PathBuf> = files(&dir.path().join("backups")).into_keys().collect();

    // Without --yes, and under a legal hold: refused, nothing changes.
    refused(&db, &["person", "erase", &t.zoe], 2, "--yes");
    ok(
        &db,
        &[
            "retention",
            "hold",
            &t.zoe,
            "--reason",
            "Geschil over de terugbetaling",
        ],
    );
    let due = ok(&db, &["retention", "due", "--at", "2027-07-01", "--json"]);
    let due: serde_json::Value = serde_json::from_str(&due).unwrap();
    assert_eq!(due[0]["hold"], "Geschil over de terugbetaling");
    assert_eq!(due[0]["due"], false);
    refused(
        &db,
        &["person", "erase", &t.zoe, "--yes"],
        1,
        "bewaarplicht",
    );
    ok(&db, &["retention", "lift", &t.zoe]);

    let said = ok(&db, &["person", "erase", &t.zoe, "--yes"]);
    assert!(said.contains("1 plannen"), "{said}");
    for name in [
        "Quistenbergh",
        "Zoë",
        "zoe@bakkerij",
        "Zuurdesem",
        "desembeheer",
        "meesterbakker",
    ] {
        for (path, bytes) in files(dir.path()) {
            if backups_before.contains(&path) {
                continue;
            }
            assert!(
                !contains(&bytes, name),
                "{} still holds {name:?}",
                path.display()
            );
        }
    }
    // A backup made after the erasure holds nothing of her either.
    ok(&db, &["backup"]);
    for (path, bytes) in files(&dir.path().join("backups")) {
        if !backups_before.contains(&path) {
            assert!(!contains(&bytes, "Quistenbergh"), "{}", path.display());
        }
    }
    let verified = ok(&db, &["log", "verify"]);
    assert!(verified.contains("1 zegels"), "{verified}");
    let left = ok(&db, &["person", "list", "--all"]);
    assert!(
        left.contains("Karel Appelmans") && !left.contains("Zoë"),
        "{left}"
    );
    // Erased is erased: a second time the person is unknown.
    let out = cli(&db, &["person", "erase", &t.zoe, "--yes"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn retention_is_two_years_by_default_settable_and_bad_input_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite3");
    let t = team(&db);
    // Two years after 30 June 2025: plans and budget are due, the clause waits for settling
    // (€ 1 500-odd is owed after resigning).
    let due = |at: &str| -> serde_json::Value {
        serde_json::from_str(&ok(&db, &["retention", "due", "--at", at, "--json"])).unwrap()
    };
    assert_eq!(due("2027-06-29").as_array().unwrap().len(), 0);
    let d = due("2027-06-30");
    assert_eq!(d[0]["personId"], t.zoe.as_str());
    let items = d[0]["items"].as_array().unwrap();
    let kind = |k: &str| items.iter().find(|i| i["kind"] == k).unwrap().clone();
    assert_eq!(kind("plans")["dueOn"], "2027-06-30");
    assert_eq!(kind("budget")["dueOn"], "2027-06-30");
    assert!(kind("clause")["dueOn"].is_null());
    let clause = kind("clause")["clauseId"].as_str().unwrap().to_owned();
    ok(&db, &["clause", "settle", &clause, "--on", "2025-09-01"]);
    let d = due("2027-09-01");
    let items = d[0]["items"].as_array().unwrap();
    assert!(items.iter().all(|i| i["due"] == true), "{items:?}");

    ok(
        &db,
        &[
            "retention",
            "set",
            "plans",
            "--months",
            "84",
            "--reason",
            "Fiscale bewaarplicht",
        ],
    );
    let rules: serde_json::Value =
        serde_json::from_str(&ok(&db, &["retention", "show", "--json"])).unwrap();
    assert_eq!(rules[0]["months"], 84);
    assert_eq!(rules[0]["reason"], "Fiscale bewaarplicht");

    refused(
        &db,
        &["retention", "set", "journal", "--months", "12"],
        1,
        "onbekend",
    );
    refused(
        &db,
        &["retention", "set", "plans", "--months", "0"],
        1,
        "Bewaartermijn",
    );
    refused(
        &db,
        &["retention", "set", "plans", "--months", "241"],
        1,
        "Bewaartermijn",
    );
    refused(
        &db,
        &["retention", "hold", &t.zoe, "--reason", "   "],
        1,
        "verplicht",
    );
    refused(
        &db,
        &["retention", "hold", "nobody", "--reason", "x"],
        1,
        "bestaat niet",
    );
    refused(
        &db,
        &["clause", "settle", &clause, "--on", "31-02-2025"],
        1,
        "",
    );
}

/// One kind at a time once its retention ran out: the plans go (no byte of their notes left
/// in any store file, `log verify` passes, Karel's seal holds) while the person, the budget
/// and the unsettled clause stay; what is not due, a hold, no `--yes` or nothing left of a
/// kind is refused with every file unchanged.
#[test]
fn a_kind_whose_retention_ran_out_is_removed_alone_and_the_rest_stays() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite3");
    let t = team(&db);
    // Plans kept 12 months after leaving (30 June 2025): due since 30 June 2026.
    ok(
        &db,
        &[
            "retention",
            "set",
            "plans",
            "--months",
            "12",
            "--reason",
            "Kort bewaren",
        ],
    );
    let due: serde_json::Value =
        serde_json::from_str(&ok(&db, &["retention", "due", "--json"])).unwrap();
    let clause = due[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "clause")
        .unwrap()["clauseId"]
        .as_str()
        .unwrap()
        .to_owned();

    refused(
        &db,
        &["person", "remove", &t.zoe, "--kind", "plans"],
        2,
        "--yes",
    );
    refused(
        &db,
        &["person", "remove", &t.zoe, "--kind", "budget", "--yes"],
        1,
        "worden bewaard tot 30 juni 2027",
    );
    refused(
        &db,
        &[
            "person", "remove", &t.zoe, "--kind", "clause", "--clause", &clause, "--yes",
        ],
        1,
        "nog niet afgerekend",
    );
    refused(
        &db,
        &["person", "remove", &t.karel, "--kind", "plans", "--yes"],
        1,
        "nog in dienst",
    );
    ok(
        &db,
        &["retention", "hold", &t.zoe, "--reason", "Lopende procedure"],
    );
    refused(
        &db,
        &["person", "remove", &t.zoe, "--kind", "plans", "--yes"],
        1,
        "bewaarplicht",
    );
    ok(&db, &["retention", "lift", &t.zoe]);

    let said = ok(
        &db,
        &["person", "remove", &t.zoe, "--kind", "plans", "--yes"],
    );
    assert!(
        said.starts_with("Verwijderd: 1 plannen, 1 gesprekken"),
        "{said}"
    );
    // No byte of Zoë's check-in note is left in the store or its WAL (backups made before
    // the removal still hold it until they rotate out, as after an erasure).
    for (name, bytes) in files(dir.path()) {
        if name.components().any(|c| c.as_os_str() == "backups") {
            continue;
        }
        assert!(
            !contains(&bytes, "Zuurdesem lukt nu zonder hulp"),
            "the note is still in {}",
            name.display()
        );
    }
    ok(&db, &["log", "verify"]);
    let export = {
        let zip_path = dir.path().join("after.zip");
        ok(
            &db,
            &["person", "export", &t.zoe, "-o", zip_path.to_str().unwrap()],
        );
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
        let mut json = String::new();
        zip.by_name("person.json")
            .unwrap()
            .read_to_string(&mut json)
            .unwrap();
        std::fs::remove_file(&zip_path).unwrap();
        serde_json::from_str::<serde_json::Value>(&json).unwrap()
    };
    assert_eq!(export["data"]["person"]["full_name"], "Zoë Quistenbergh");
    assert_eq!(export["data"]["plans"].as_array().unwrap().len(), 0);
    assert_eq!(export["data"]["studyClauses"].as_array().unwrap().len(), 1);
    assert!(!export["data"]["budgetEntries"]
        .as_array()
        .unwrap()
        .is_empty());
    // Karel's plan and seal are untouched.
    let karel_plans = ok(&db, &["plan", "list", "--json"]);
    assert!(karel_plans.contains("Karel Appelmans"), "{karel_plans}");
    refused(
        &db,
        &["person", "remove", &t.zoe, "--kind", "plans", "--yes"],
        1,
        "niets bewaard",
    );
}
