//! Every message names its own field (issue 29, item 5): bad input on the employer's side, the
//! journal extract and the results sheet is refused with exit 1, a message that names the
//! field that was actually wrong (in English and in Dutch) with limits that agree however the
//! value was wrong, and every file beside the store byte for byte as it was.

mod support;

use std::path::Path;
use support::*;

/// One refused input: the arguments, what the English message must say (the field's label
/// first) and what it must not say (the field an older version named instead), and what the
/// Dutch message must say.
struct Case {
    args: Vec<String>,
    en: &'static [&'static str],
    not: &'static [&'static str],
    nl: &'static [&'static str],
}

fn case(
    args: &[&str],
    en: &'static [&'static str],
    not: &'static [&'static str],
    nl: &'static [&'static str],
) -> Case {
    Case {
        args: args.iter().map(|a| (*a).to_owned()).collect(),
        en,
        not,
        nl,
    }
}

/// Runs `args` in `lang` ("en" or "nl"): it must be refused with exit 1 and leave every file
/// in the store's folder as it was. Its message.
fn refused_in(db: &Path, args: &[String], lang: &str) -> String {
    let dir = db.parent().unwrap();
    let before = files(dir);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = if lang == "nl" {
        cli_nl(db, &args)
    } else {
        cli(db, &args)
    };
    let err = stderr(&out);
    let shown: Vec<String> = args
        .iter()
        .map(|a| a.chars().take(60).collect::<String>())
        .collect();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{shown:?} ({lang}) should be refused with exit 1: {err}"
    );
    assert!(
        stdout(&out).is_empty(),
        "{shown:?} printed {}",
        stdout(&out)
    );
    assert_eq!(files(dir), before, "{shown:?} ({lang}) changed a file");
    err
}

fn check(db: &Path, c: &Case) {
    let shown: Vec<String> = c
        .args
        .iter()
        .map(|a| a.chars().take(60).collect::<String>())
        .collect();
    let en = refused_in(db, &c.args, "en");
    for word in c.en {
        assert!(en.contains(word), "{shown:?}: {word:?} missing from {en}");
    }
    for word in c.not {
        assert!(
            !en.contains(word),
            "{shown:?}: {word:?} should not be in {en}"
        );
    }
    let nl = refused_in(db, &c.args, "nl");
    for word in c.nl {
        assert!(nl.contains(word), "{shown:?}: {word:?} missing from {nl}");
    }
}

/// A store with a €500 budget scheme (no hours), Zoë (started 1 January 2024) with a study-cost
/// clause for a training from 1 September 2024 to 1 March 2025, and Bram (no start date) with a
/// clause for a training ending 1 March 2027: (Zoë, her clause, Bram's clause).
fn setup(db: &Path) -> (String, String, String) {
    ok(
        db,
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
        db,
        &[
            "person",
            "add",
            "--name",
            "Zoë Çelik",
            "--start",
            "2024-01-01",
        ],
    );
    let clause = ok(
        db,
        &[
            "clause",
            "new",
            "--person",
            &zoe,
            "--course",
            "Leidinggeven",
            "--cost",
            "3000",
            "--training-start",
            "2024-09-01",
            "--training-end",
            "2025-03-01",
            "--months",
            "24",
        ],
    );
    let bram = ok(db, &["person", "add", "--name", "Bram de Wit"]);
    let bram_clause = ok(
        db,
        &[
            "clause",
            "new",
            "--person",
            &bram,
            "--course",
            "Excel",
            "--cost",
            "500",
            "--training-end",
            "2027-03-01",
            "--months",
            "12",
        ],
    );
    (zoe, clause, bram_clause)
}

#[test]
fn budget_spending_and_corrections_name_the_text_the_date_and_what_is_short() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let (zoe, _, _) = setup(&db);
    let long = "a".repeat(100_000);
    let spend = |on: &str, amount: &[&str], what: &str| -> Vec<String> {
        let mut a: Vec<String> = ["budget", "spend", zoe.as_str(), "--on", on]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        a.extend(amount.iter().map(|s| (*s).to_owned()));
        a.extend(["--for".to_owned(), what.to_owned()]);
        a
    };
    const AMOUNT: &str = "Amount from the development budget";
    let cases = [
        Case {
            args: spend("2025-06-01", &["--euro", "5"], ""),
            en: &["Description of the spending is required"],
            not: &[AMOUNT],
            nl: &["Omschrijving van de besteding is verplicht"],
        },
        Case {
            args: spend("2025-06-01", &["--euro", "5"], &long),
            en: &[
                "Description of the spending is too long",
                "100000 characters",
            ],
            not: &[AMOUNT],
            nl: &["Omschrijving van de besteding is te lang"],
        },
        case(
            &[
                "budget",
                "correct",
                &zoe,
                "--on",
                "2025-06-01",
                "--euro",
                "5",
                "--reason",
                "",
            ],
            &["Reason for the correction is required"],
            &[AMOUNT],
            &["Reden van de correctie is verplicht"],
        ),
        Case {
            args: spend("0000-01-01", &["--euro", "5"], "Cursus"),
            en: &["Date of the booking", "1900 and 2200"],
            not: &[AMOUNT],
            nl: &["Datum van de boeking"],
        },
        Case {
            // Before Zoë started: not a day she was employed.
            args: spend("2023-06-01", &["--euro", "5"], "Cursus"),
            en: &["Date of the booking", "employed"],
            not: &[AMOUNT, "1900"],
            nl: &["Datum van de boeking", "in dienst"],
        },
        Case {
            // Enough euros (€1 500), no hours at all: the hours are named, not the euros.
            args: spend("2026-06-01", &["--euro", "1", "--hours", "1"], "Cursus"),
            en: &["Hours from the development budget", "(0 h)"],
            not: &[AMOUNT, "€"],
            nl: &["Uren uit het ontwikkelbudget", "(0 uur)"],
        },
        Case {
            args: spend("2026-06-01", &["--euro", "2000"], "Cursus"),
            en: &[AMOUNT, "€1,500.00"],
            not: &["Hours"],
            nl: &["Bedrag uit het ontwikkelbudget", "€ 1.500,00"],
        },
    ];
    for c in &cases {
        check(&db, c);
    }
    whole(&db);
}

#[test]
fn a_settlement_names_the_final_pay_or_its_protected_part() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let (zoe, _, _) = setup(&db);
    for (option, en, nl) in [
        (
            "--protected",
            "Protected part of the pay",
            "Beschermd deel van het loon",
        ),
        ("--final-pay", "Final pay", "Laatste loon"),
    ] {
        let mut messages = Vec::new();
        for bad in ["NaN", "", "-5", "abc", "20000000"] {
            let c = Case {
                args: vec![
                    "clause".into(),
                    "settlement".into(),
                    zoe.clone(),
                    format!("{option}={bad}"),
                ],
                en: &[],
                not: &["Amount from the development budget"],
                nl: &[],
            };
            check(&db, &c);
            let msg = refused_in(&db, &c.args, "en");
            assert!(msg.contains(en), "{option} {bad}: {msg}");
            assert!(msg.contains("€10,000,000.00"), "{option} {bad}: {msg}");
            assert!(
                refused_in(&db, &c.args, "nl").contains(nl),
                "{option} {bad}"
            );
            messages.push(msg);
        }
        messages.dedup();
        assert_eq!(messages.len(), 1, "one message for every bad {option}");
    }
}

#[test]
fn a_clause_names_the_end_of_the_training_the_scale_and_the_date_of_signing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let (zoe, clause, bram_clause) = setup(&db);
    let new = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = [
            "clause", "new", "--person", &zoe, "--course", "X", "--months", "24",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        a.extend(extra.iter().map(|s| (*s).to_owned()));
        a
    };
    let sign = |id: &str, name: &str| -> Vec<String> {
        [
            "clause",
            "sign",
            id,
            "--party",
            "employee",
            "--name",
            name,
            "--on",
            "1900-01-01",
            "--consent",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
    };
    let scale = format!("table:{}", vec!["1"; 10_000].join(","));
    let cases = [
        Case {
            args: new(&["--cost", "500", "--training-end", "2027-02-30"]),
            en: &["End of the training is not a valid date"],
            not: &["Plan end date"],
            nl: &["Einde van de opleiding is geen geldige datum"],
        },
        Case {
            args: new(&[
                "--cost",
                "500",
                "--training-start",
                "2025-06-01",
                "--training-end",
                "2025-03-01",
            ]),
            en: &["End of the training is before the start of the training"],
            not: &["Start of the training is before the start date"],
            nl: &["Einde van de opleiding ligt vóór het begin van de opleiding"],
        },
        Case {
            args: new(&[
                "--cost",
                "500",
                "--training-end",
                "2027-03-01",
                "--scale",
                &scale,
            ]),
            en: &[
                "Sliding scale has 10000 steps",
                "24 months",
                "one step per month",
            ],
            not: &[],
            nl: &["Afbouwschaal heeft 10000 stappen", "één stap per maand"],
        },
        Case {
            args: sign(&clause, "Zoë Çelik"),
            en: &[
                "Date of signing",
                "before the day this person started (1 January 2024)",
            ],
            not: &[],
            nl: &["Datum van ondertekening", "in dienst kwam (1 januari 2024)"],
        },
        Case {
            // Bram has no start date: still not a century before the training.
            args: sign(&bram_clause, "Bram de Wit"),
            en: &["Date of signing", "more than 5 years before the training"],
            not: &[],
            nl: &["Datum van ondertekening", "meer dan 5 jaar"],
        },
    ];
    for c in &cases {
        check(&db, c);
    }
    whole(&db);
}

#[test]
fn a_clauses_cost_has_the_same_limits_when_empty_zero_unreadable_or_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let (zoe, _, _) = setup(&db);
    let new = |option: &str, cost: &str| -> Vec<String> {
        let value = format!("{option}={cost}");
        [
            "clause",
            "new",
            "--person",
            &zoe,
            "--course",
            "X",
            &value,
            "--training-end",
            "2027-03-01",
            "--months",
            "24",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
    };
    let mut messages = Vec::new();
    for bad in ["", "0", "abc", "-5", "2000000", "0,00"] {
        let c = Case {
            args: new("--cost", bad),
            en: &["Cost must be an amount between €0.01 and €1,000,000.00"],
            not: &["10000000"],
            nl: &["Kosten moet een bedrag tussen € 0,01 en € 1.000.000,00 zijn"],
        };
        check(&db, &c);
        messages.push(refused_in(&db, &c.args, "en"));
    }
    messages.dedup();
    assert_eq!(
        messages.len(),
        1,
        "one message for every bad cost: {messages:?}"
    );
    // An item may be €0 (it is left out), never more than the clause may cover.
    for bad in ["abc", "-1", "2000000"] {
        check(
            &db,
            &Case {
                args: new("--tuition", bad),
                en: &["Cost item must be an amount between €0.00 and €1,000,000.00"],
                not: &["10000000"],
                nl: &["Kostenpost"],
            },
        );
    }
}

#[test]
fn a_budget_scheme_names_the_option_that_is_out_of_its_limits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    setup(&db);
    let scheme = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = ["budget", "scheme"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        a.extend(extra.iter().map(|s| (*s).to_owned()));
        a
    };
    let from = ["--from", "2026-01-01"];
    let with = |extra: &[&str]| -> Vec<String> {
        let mut a = from.to_vec();
        a.extend_from_slice(extra);
        scheme(&a)
    };
    let cases = [
        Case {
            args: with(&["--euro-per-year", "5000000"]),
            en: &["Euros per year", "€1,000,000.00"],
            not: &["Budget scheme"],
            nl: &["Euro per jaar"],
        },
        Case {
            args: with(&["--euro-per-year", "veel"]),
            en: &["Euros per year", "€1,000,000.00"],
            not: &["Budget scheme"],
            nl: &["Euro per jaar"],
        },
        Case {
            args: with(&["--hours-per-year", "5000"]),
            en: &["Hours per year must be between 0 and 2000"],
            not: &["Budget scheme"],
            nl: &["Uren per jaar"],
        },
        Case {
            args: with(&["--euro-per-year", "500", "--credit", "block:20"]),
            en: &["Years per block must be between 1 and 10"],
            not: &["Budget scheme"],
            nl: &["Jaren per blok"],
        },
        Case {
            args: with(&["--euro-per-year", "500", "--credit", "weird"]),
            en: &["How the budget is credited is unknown", "block:YEARS"],
            not: &["Budget scheme"],
            nl: &["Manier van toekennen"],
        },
        Case {
            args: with(&["--euro-per-year", "500", "--expire-after-months", "500"]),
            en: &["Months until a credit lapses must be between 1 and 240"],
            not: &["Budget scheme"],
            nl: &["Maanden tot een tegoed vervalt"],
        },
        Case {
            args: with(&["--euro-per-year", "500", "--cap", "abc"]),
            en: &["Cap on the balance", "€10,000,000.00"],
            not: &["Budget scheme"],
            nl: &["Maximum van het saldo"],
        },
        Case {
            args: scheme(&["--from", "2026-13-01", "--euro-per-year", "500"]),
            en: &["Start of the budget scheme is not a valid date"],
            not: &[],
            nl: &["Ingangsdatum van de budgetregeling"],
        },
        Case {
            args: with(&[]),
            en: &["Budget scheme needs euros or hours per year"],
            not: &[],
            nl: &["Budgetregeling heeft euro of uren per jaar nodig"],
        },
    ];
    for c in &cases {
        check(&db, c);
    }
}

#[test]
fn an_fte_change_before_the_start_a_long_extract_and_an_odd_sheet_name_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let (zoe, _, _) = setup(&db);
    let out = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let cases = [
        case(
            &[
                "person",
                "fte",
                &zoe,
                "--from",
                "2020-01-01",
                "--fte",
                "0,5",
            ],
            &["Start of the working time is before the day this person started"],
            &[],
            &["Ingangsdatum van de werktijd ligt vóór de dag waarop deze persoon in dienst kwam"],
        ),
        case(
            &[
                "journal",
                "pdf",
                "--from",
                "2020-01-01",
                "--to",
                "2030-01-01",
                "-o",
                &out("j.pdf"),
            ],
            &[
                "End of the range",
                "start of the range",
                "1098 days",
                "3 years",
            ],
            &["must be between 0 and 1098"],
            &["Einde van de periode", "begin van de periode", "3 jaar"],
        ),
        case(
            &["results", "-o", &out("r.exe")],
            &["File must end in .csv or .xlsx", "nothing was written"],
            &[],
            &["Bestand moet eindigen op .csv of .xlsx"],
        ),
        case(
            &["results", "-o", &out("r")],
            &["File must end in .csv or .xlsx"],
            &[],
            &["Bestand moet eindigen op .csv of .xlsx"],
        ),
        case(
            &["overview", "-o", &out("o.txt")],
            &["File must end in .csv or .xlsx"],
            &[],
            &["Bestand moet eindigen op .csv of .xlsx"],
        ),
    ];
    for c in &cases {
        check(&db, c);
    }
    // The endings allowed still work, in any case.
    ok(&db, &["results", "-o", &out("r.CSV")]);
    ok(&db, &["results", "-o", &out("r.xlsx")]);
    whole(&db);
}
