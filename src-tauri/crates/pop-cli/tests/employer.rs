//! The employer's side from the command line (issue 13's examples): a budget scheme and a
//! person's balance, spending, study-cost clauses and what they say is owed. Bad input gets a
//! clear message, exit 1, and every file beside the store stays byte for byte as it was.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::{ok_nl as ok, pdf_text};

/// Runs a refused command: exit 1, a message that contains `says`, no file changed.
fn refused(db: &Path, args: &[&str], says: &str) {
    support::refused_nl(db, args, 1, says);
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// What the steps clause says on a day for resigning (read through the CLI).
fn owed_steps_on(db: &Path, id: &str, on: &str) -> f64 {
    json(&ok(
        db,
        &[
            "clause",
            "owed",
            id,
            "--leave-on",
            on,
            "--reason",
            "resign",
            "--json",
        ],
    ))["owed"]
        .as_f64()
        .unwrap()
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap()
}

#[test]
fn a_yearly_budget_at_0_6_fte_joining_in_april_and_spending_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    ok(
        &db,
        &[
            "budget",
            "scheme",
            "--from",
            "2020-01-01",
            "--euro-per-year",
            "500",
        ],
    );
    let zoe = ok(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Zoë Çelik",
            "--fte",
            "0.6",
            "--start",
            "2025-04-01",
        ],
    );
    let show = json(&ok(
        &db,
        &["budget", "show", &zoe, "--at", "2025-12-31", "--json"],
    ));
    assert_eq!(show["euro"]["balance"], 225.0);
    assert_eq!(show["ledger"][0]["kind"], "credit");

    refused(
        &db,
        &["person", "add", "--name", "Bram", "--fte", "1.5"],
        "tussen 0,1 en 1,0",
    );
    refused(
        &db,
        &["person", "add", "--name", "Bram", "--fte", "0"],
        "tussen 0,1 en 1,0",
    );
    refused(
        &db,
        &[
            "budget",
            "spend",
            &zoe,
            "--on",
            "2025-06-01",
            "--euro",
            "300",
            "--for",
            "Cursus",
        ],
        "meer dan er op die dag in het budget zit",
    );
    refused(
        &db,
        &[
            "budget",
            "spend",
            &zoe,
            "--on",
            "2025-06-01",
            "--euro",
            "50",
            "--for",
            " ",
        ],
        "verplicht",
    );
    refused(
        &db,
        &["budget", "scheme", "--from", "2026-01-01"],
        "Budgetregeling",
    );
    refused(
        &db,
        &[
            "budget",
            "scheme",
            "--from",
            "2026-01-01",
            "--euro-per-year=-5",
        ],
        "Euro per jaar",
    );
    ok(
        &db,
        &[
            "budget",
            "spend",
            &zoe,
            "--on",
            "2025-06-01",
            "--euro",
            "100",
            "--for",
            "Cursus",
        ],
    );
    let show = json(&ok(
        &db,
        &["budget", "show", &zoe, "--at", "2025-12-31", "--json"],
    ));
    assert_eq!(show["euro"]["balance"], 125.0);

    // A correction says why; it may not take more than there is.
    refused(
        &db,
        &[
            "budget",
            "correct",
            &zoe,
            "--on",
            "2025-07-01",
            "--euro=-500",
            "--reason",
            "Dubbel",
        ],
        "meer dan er op die dag",
    );
    refused(
        &db,
        &[
            "budget",
            "correct",
            &zoe,
            "--on",
            "2025-07-01",
            "--euro=-5",
            "--reason",
            "",
        ],
        "verplicht",
    );
    ok(
        &db,
        &[
            "budget",
            "correct",
            &zoe,
            "--on",
            "2025-07-01",
            "--euro=-25",
            "--reason",
            "Dubbel geboekt",
        ],
    );
    let show = json(&ok(
        &db,
        &["budget", "show", &zoe, "--at", "2025-12-31", "--json"],
    ));
    assert_eq!(show["euro"]["balance"], 100.0);
    assert_eq!(show["ledger"][2]["kind"], "correction");

    // Leaving: an unknown reason is refused; then the balance lapses at exit.
    refused(
        &db,
        &[
            "person",
            "leave",
            &zoe,
            "--on",
            "2026-01-31",
            "--reason",
            "bored",
        ],
        "Reden van uitdiensttreding",
    );
    ok(
        &db,
        &[
            "person",
            "leave",
            &zoe,
            "--on",
            "2026-01-31",
            "--reason",
            "resign",
        ],
    );
    let show = json(&ok(
        &db,
        &["budget", "show", &zoe, "--at", "2026-06-01", "--json"],
    ));
    assert_eq!(show["euro"]["balance"], 0.0);
    let kinds: Vec<_> = show["ledger"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds.last().unwrap(), "lapse");
}

#[test]
fn a_study_cost_clause_owes_by_the_scale_and_never_for_required_training() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let zoe = ok(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Zoë Çelik",
            "--start",
            "2020-01-01",
        ],
    );
    let clause = ok(
        &db,
        &[
            "clause",
            "new",
            "--person",
            &zoe,
            "--course",
            "Leidinggeven",
            "--cost",
            "3000",
            "--training-end",
            "2025-03-01",
            "--months",
            "24",
            "--scale",
            "linear",
            "--training-start",
            "2024-09-01",
        ],
    );
    // Signed before the training starts, by both parties; a late, unconsented or second
    // signature is refused and changes nothing.
    let sign = |party: &str, name: &str, on: &str| -> Vec<String> {
        [
            "clause",
            "sign",
            &clause,
            "--party",
            party,
            "--name",
            name,
            "--on",
            on,
            "--consent",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    refused(
        &db,
        &strs(&sign("employee", "Zoë Çelik", "2024-09-02")),
        "na het begin van de opleiding",
    );
    // Without --consent.
    refused(
        &db,
        &[
            "clause",
            "sign",
            &clause,
            "--party",
            "employee",
            "--name",
            "Zoë Çelik",
            "--on",
            "2024-08-20",
        ],
        "",
    );
    let first = sign("employee", "Zoë Çelik", "2024-08-20");
    assert!(ok(&db, &strs(&first)).contains("nog niet bindend"));
    refused(&db, &strs(&sign("employee", "Zoë Çelik", "2024-08-21")), "");
    let second = sign("employer", "Anouk van Dijk", "2024-09-01");
    assert!(ok(&db, &strs(&second)).starts_with("bindend"));
    let shown = json(&ok(&db, &["clause", "show", &clause, "--json"]));
    assert_eq!(shown["binding"], true);
    assert_eq!(shown["intact"], true);
    assert_eq!(shown["signatures"].as_array().unwrap().len(), 2);
    let owed = |on: &str, reason: &str| {
        json(&ok(
            &db,
            &[
                "clause",
                "owed",
                &clause,
                "--leave-on",
                on,
                "--reason",
                reason,
                "--json",
            ],
        ))["owed"]
            .clone()
    };
    assert_eq!(owed("2026-03-01", "resign"), 1500.0);
    assert_eq!(owed("2027-03-01", "resign"), 0.0);
    assert_eq!(owed("2026-03-01", "fixed-term-not-renewed"), 0.0);
    assert_eq!(owed("2026-03-01", "decline-extension"), 1500.0);

    refused(
        &db,
        &[
            "clause",
            "new",
            "--person",
            &zoe,
            "--course",
            "VCA",
            "--cost",
            "500",
            "--training-end",
            "2025-03-01",
            "--months",
            "24",
            "--kind",
            "required",
        ],
        "art. 7:611a BW",
    );
    refused(
        &db,
        &[
            "clause",
            "new",
            "--person",
            &zoe,
            "--course",
            "X",
            "--cost",
            "500",
            "--training-end",
            "2025-03-01",
            "--months",
            "24",
            "--scale",
            "steps:50,60",
        ],
        "nooit stijgen",
    );
    refused(
        &db,
        &[
            "clause",
            "new",
            "--person",
            &zoe,
            "--course",
            "X",
            "--cost",
            "500",
            "--training-end",
            "2025-02-30",
            "--months",
            "24",
        ],
        "geen geldige datum",
    );
    refused(
        &db,
        &[
            "clause",
            "owed",
            &clause,
            "--leave-on",
            "2026-03-01",
            "--reason",
            "bored",
        ],
        "onbekend",
    );
    // Steps per year.
    let steps = ok(
        &db,
        &[
            "clause",
            "new",
            "--person",
            &zoe,
            "--course",
            "HBO",
            "--cost",
            "3000",
            "--training-end",
            "2025-03-01",
            "--months",
            "36",
            "--scale",
            "steps:100,67,33",
        ],
    );
    let owed = json(&ok(
        &db,
        &[
            "clause",
            "owed",
            &steps,
            "--leave-on",
            "2026-04-01",
            "--reason",
            "resign",
            "--json",
        ],
    ));
    assert_eq!(owed["owed"], 2010.0);

    // Resigning on 1 March 2026: €1 500 (linear) + €2 010 (67 % in the second year) owed; a
    // final pay of €2 400 above a protected €2 000 allows €400 to be set off, €3 110 to invoice.
    ok(
        &db,
        &[
            "person",
            "leave",
            &zoe,
            "--on",
            "2026-03-01",
            "--reason",
            "resign",
        ],
    );
    let s = json(&ok(
        &db,
        &[
            "clause",
            "settlement",
            &zoe,
            "--final-pay",
            "2400",
            "--protected",
            "2000",
            "--json",
        ],
    ));
    // The steps clause was never signed: it says €2 010, but nothing of it is owed.
    assert_eq!(owed_steps_on(&db, &steps, "2026-03-01"), 2010.0);
    assert_eq!(s["owed"], 1500.0);
    assert_eq!(s["unsigned"][0]["wouldOwe"], 2010.0);
    assert_eq!(s["invoice"], 1100.0);
    // Signed by both before its training ended, it counts.
    for (party, name) in [("employee", "Zoë Çelik"), ("employer", "Anouk van Dijk")] {
        ok(
            &db,
            &[
                "clause",
                "sign",
                &steps,
                "--party",
                party,
                "--name",
                name,
                "--on",
                "2025-01-10",
                "--consent",
            ],
        );
    }
    let s = json(&ok(
        &db,
        &[
            "clause",
            "settlement",
            &zoe,
            "--final-pay",
            "2400",
            "--protected",
            "2000",
            "--json",
        ],
    ));
    assert_eq!(s["owed"], 3510.0);
    assert_eq!(s["setOff"], 400.0);
    assert_eq!(s["invoice"], 3110.0);

    // The annex: every term in words, and the table "owed if you leave on …".
    let pdf = dir.path().join("beding.pdf");
    ok(
        &db,
        &["clause", "pdf", &clause, "-o", pdf.to_str().unwrap()],
    );
    let text = pdf_text(&pdf);
    let squashed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needed in [
        "Studiekostenbeding",
        "Zoë Çelik",
        "Leidinggeven",
        "€ 3.000,00",
        "24 maanden",
        "1 maart 2026 € 1.500,00",
        "1 maart 2027 € 0,00",
        "naar beneden afgerond",
        "Nooit als de werkgever",
    ] {
        assert!(
            squashed.contains(needed),
            "{needed:?} missing from the annex: {squashed}"
        );
    }
    let png = dir.path().join("beding");
    let _ = Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(&png)
        .status();
    if let Some(out) = std::env::var_os("GROEIKOERS_PDF_ARTIFACTS") {
        let _ = std::fs::create_dir_all(&out);
        let _ = std::fs::copy(&pdf, PathBuf::from(out).join("clause-annex.pdf"));
    }
}

#[test]
fn a_dated_fte_change_credits_the_new_factor_from_that_month_and_bad_input_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    ok(
        &db,
        &[
            "budget",
            "scheme",
            "--from",
            "2020-01-01",
            "--euro-per-year",
            "1200",
            "--credit",
            "monthly",
        ],
    );
    let id = ok(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Ilse",
            "--start",
            "2025-01-01",
            "--fte",
            "1.0",
        ],
    );
    // Full time Jan–Jun (6 × €100), 0,5 from July (6 × €50): €900 in 2025.
    let changes = ok(
        &db,
        &["person", "fte", &id, "--from", "2025-07-01", "--fte", "0,5"],
    );
    assert_eq!(changes, "2025-01-01\t1\n2025-07-01\t0.5");
    let show = json(&ok(
        &db,
        &["budget", "show", &id, "--at", "2025-12-31", "--json"],
    ));
    assert_eq!(show["euro"]["balance"], 900.0);
    assert_eq!(show["fte"][1]["fte"], 0.5);
    assert_eq!(show["fte"][1]["from"], "2025-07-01");

    refused(
        &db,
        &["person", "fte", &id, "--from", "2025-09-01", "--fte", "1,5"],
        "tussen 0,1 en 1,0",
    );
    refused(
        &db,
        &["person", "fte", &id, "--from", "2025-09-01", "--fte", "0"],
        "tussen 0,1 en 1,0",
    );
    refused(
        &db,
        &["person", "fte", &id, "--from", "31-02-2025", "--fte", "0,8"],
        "Ingangsdatum van de werktijd",
    );
    refused(
        &db,
        &[
            "person",
            "fte",
            "nobody",
            "--from",
            "2025-09-01",
            "--fte",
            "0,8",
        ],
        "",
    );
    ok(
        &db,
        &[
            "person",
            "leave",
            &id,
            "--on",
            "2025-10-31",
            "--reason",
            "resign",
        ],
    );
    refused(
        &db,
        &["person", "fte", &id, "--from", "2025-11-01", "--fte", "0,8"],
        "na de dag waarop deze persoon uit dienst ging",
    );
}

#[test]
fn below_the_owners_threshold_no_clause_is_agreed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let zoe = ok(
        &db,
        &["person", "add", "--name", "Zoë", "--start", "2024-01-01"],
    );
    assert_eq!(ok(&db, &["clause", "threshold"]), "geen drempel");
    assert_eq!(ok(&db, &["clause", "threshold", "1000"]), "€ 1.000,00");
    let new = |cost: &'static str| -> Vec<String> {
        [
            "clause",
            "new",
            "--person",
            &zoe,
            "--course",
            "Excel voor gevorderden",
            "--cost",
            cost,
            "--training-end",
            "2025-03-01",
            "--months",
            "12",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    refused(&db, &strs(&new("750")), "onder de drempel van € 1.000,00");
    refused(&db, &["clause", "threshold", "--", "-5"], "");
    refused(&db, &["clause", "threshold", "veel"], "");
    assert!(
        !ok(&db, &strs(&new("1000"))).is_empty(),
        "at the threshold a clause may be agreed"
    );
    assert_eq!(ok(&db, &["clause", "threshold", "none"]), "geen drempel");
    assert!(!ok(&db, &strs(&new("750"))).is_empty());
}

#[test]
fn itemised_costs_add_up_to_the_clause_and_the_annex_prints_each_item_and_the_study_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let id = ok(
        &db,
        &["person", "add", "--name", "Noor", "--start", "2024-01-01"],
    );
    let new = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = [
            "clause",
            "new",
            "--person",
            &id,
            "--course",
            "Bedrijfskunde",
            "--training-end",
            "2025-03-01",
            "--months",
            "24",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    // Items that do not add up to the cost given, a negative item, no cost at all: refused.
    refused(
        &db,
        &strs(&new(&[
            "--cost",
            "3100",
            "--tuition",
            "2500",
            "--exam",
            "500",
        ])),
        "tellen niet op: de posten samen zijn € 3.000,00",
    );
    refused(&db, &strs(&new(&["--tuition", "2500", "--travel=-10"])), "");
    refused(&db, &strs(&new(&[])), "Kosten");
    support::refused_nl(
        &db,
        &strs(&new(&[
            "--tuition",
            "2500",
            "--study-time-work-time",
            "soms",
        ])),
        2,
        "yes, no",
    );

    // Without --cost the clause covers the sum of its items.
    let clause = ok(
        &db,
        &strs(&new(&[
            "--tuition",
            "2.400",
            "--materials",
            "250,50",
            "--exam",
            "300",
            "--travel",
            "49,50",
            "--study-time-work-time",
            "yes",
        ])),
    );
    let show = json(&ok(&db, &["clause", "show", &clause, "--json"]));
    assert_eq!(show["clause"]["costCents"], 300_000);
    assert_eq!(show["clause"]["costs"]["materialsCents"], 25_050);
    assert_eq!(show["clause"]["costs"]["reexamCents"], 0);
    assert_eq!(show["clause"]["studyTimeIsWorkTime"], true);
    let owed = json(&ok(
        &db,
        &[
            "clause",
            "owed",
            &clause,
            "--leave-on",
            "2026-03-01",
            "--reason",
            "resign",
            "--json",
        ],
    ));
    assert_eq!(owed["owed"], 1500.0);

    let pdf = dir.path().join("beding.pdf");
    ok(
        &db,
        &["clause", "pdf", &clause, "-o", pdf.to_str().unwrap()],
    );
    let text = pdf_text(&pdf);
    let squashed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needed in [
        "Kosten € 3.000,00",
        "Cursusgeld € 2.400,00",
        "Studiemateriaal € 250,50",
        "Examen € 300,00",
        "Reiskosten € 49,50",
        "Studietijd telt als werktijd",
    ] {
        assert!(
            squashed.contains(needed),
            "{needed:?} missing from the annex: {squashed}"
        );
    }
    assert!(!squashed.contains("Herexamen"), "a zero item is left out");
}

#[test]
fn stopping_the_training_without_good_reason_owes_by_the_clause_and_is_recorded_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let id = ok(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Sem de Wit",
            "--start",
            "2024-01-01",
        ],
    );
    let new = |course: &str| {
        ok(
            &db,
            &[
                "clause",
                "new",
                "--person",
                &id,
                "--course",
                course,
                "--cost",
                "3000",
                "--training-start",
                "2024-09-01",
                "--training-end",
                "2025-03-01",
                "--months",
                "24",
            ],
        )
    };
    let signed = new("Hbo Bedrijfskunde");
    for (party, name) in [("employee", "Sem de Wit"), ("employer", "Anouk van Dijk")] {
        ok(
            &db,
            &[
                "clause",
                "sign",
                &signed,
                "--party",
                party,
                "--name",
                name,
                "--on",
                "2024-08-20",
                "--consent",
            ],
        );
    }
    let unsigned = new("Cursus Excel");

    // Bad input: a day before the training started, an impossible day, an unknown clause,
    // a note of 100 000 characters — refused, every file unchanged.
    refused(
        &db,
        &["clause", "abandon", &signed, "--on", "2024-08-01"],
        "Dag waarop de opleiding stopte ligt vóór het begin van de opleiding",
    );
    refused(
        &db,
        &["clause", "abandon", &signed, "--on", "2025-02-30"],
        "Dag waarop de opleiding stopte",
    );
    refused(
        &db,
        &["clause", "abandon", "geen-beding", "--on", "2025-01-15"],
        "",
    );
    let long = "x".repeat(100_000);
    refused(
        &db,
        &[
            "clause",
            "abandon",
            &signed,
            "--on",
            "2025-01-15",
            "--note",
            &long,
        ],
        "Toelichting",
    );

    // Stopped halfway, before the training's end: the whole cost, while still employed.
    assert_eq!(
        ok(
            &db,
            &[
                "clause",
                "abandon",
                &signed,
                "--on",
                "2025-01-15",
                "--note",
                "Gestopt na module 3 😕",
            ],
        ),
        "€ 3.000,00"
    );
    refused(
        &db,
        &["clause", "stop", &signed, "--on", "2025-01-20"],
        "al vastgelegd",
    );
    let show = json(&ok(&db, &["clause", "show", &signed, "--json"]));
    assert_eq!(show["stopped"]["on"], "2025-01-15");
    assert_eq!(show["stopped"]["note"], "Gestopt na module 3 😕");
    assert_eq!(show["stopped"]["owedCents"], 300_000);
    assert!(
        show["clause"].get("stopped").is_none(),
        "the signed text is unchanged"
    );
    assert!(ok(&db, &["clause", "show", &signed]).contains("bindend"));

    // A clause that was never signed owes nothing, also when the training stops.
    assert_eq!(
        ok(&db, &["clause", "abandon", &unsigned, "--on", "2025-01-15"]),
        "€ 0,00"
    );
    let s = json(&ok(&db, &["clause", "settlement", &id, "--json"]));
    assert_eq!(s["owed"], 3000.0);
    assert_eq!(s["clauses"][0]["course"], "Hbo Bedrijfskunde");
    assert_eq!(s["unsigned"][0]["course"], "Cursus Excel");

    // Leaving later (the employer ends it, which the clause excludes) does not undo it.
    ok(
        &db,
        &[
            "person",
            "leave",
            &id,
            "--on",
            "2025-06-30",
            "--reason",
            "employer-ends",
        ],
    );
    let s = json(&ok(&db, &["clause", "settlement", &id, "--json"]));
    assert_eq!(s["owed"], 3000.0);
    let third = new("Training Presenteren");
    refused(
        &db,
        &["clause", "abandon", &third, "--on", "2025-07-01"],
        "na de dag waarop deze persoon uit dienst ging",
    );
    assert!(!ok(&db, &["log", "verify"]).is_empty());
}
