//! The personal development budget (POB): the organisation's schemes, and a person's ledger
//! computed from them — credits, spending, expiry and the lapse at exit — in euros (cents)
//! and hours (minutes) apart. Pure: the same schemes, employment and stored entries always
//! give the same ledger, so every figure the app shows can be reproduced.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// When a scheme credits the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Credit {
    /// Once a year on 1 January (a joiner gets the whole remaining months on their first day).
    Yearly,
    /// On the first of every month, a twelfth.
    Monthly,
    /// Once per block of `years` years from the scheme's start: `years` times the yearly amount.
    Block { years: u32 },
}

impl Credit {
    /// Parses `yearly`, `monthly` or `block:YEARS` (any number of years: the scheme's check
    /// says how many may be in a block).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "yearly" => Some(Self::Yearly),
            "monthly" => Some(Self::Monthly),
            other => other
                .strip_prefix("block:")
                .and_then(|y| y.trim().parse().ok())
                .map(|years| Self::Block { years }),
        }
    }
}

/// What happens to the balance when someone leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
pub enum AtExit {
    #[default]
    Lapse,
    Keep,
}

/// The organisation's budget scheme from `from` until the next scheme starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Scheme {
    pub from: NaiveDate,
    /// Euros per full-time year, in cents (0: no euro budget).
    #[ts(type = "number")]
    pub euro_cents_per_year: i64,
    /// Hours per full-time year, in minutes (0: no hours).
    #[ts(type = "number")]
    pub minutes_per_year: i64,
    /// By FTE, and by whole months for joining or leaving mid-year.
    pub pro_rata: bool,
    pub credit: Credit,
    /// Each credit lapses this many months after it was credited (oldest spent first).
    pub expire_after_months: Option<u32>,
    /// The balance never grows above this (cents; hours are not capped).
    #[ts(type = "number | null")]
    pub cap_cents: Option<i64>,
    pub at_exit: AtExit,
}

/// From `from` on, the person works `permille` / 1000 of a full-time job (100–1000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FteChange {
    pub from: NaiveDate,
    pub permille: u32,
}

/// The dates that decide a person's budget.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Employment {
    pub start: Option<NaiveDate>,
    /// The last working day, once known.
    pub end: Option<NaiveDate>,
    /// FTE changes, any order; none means full time.
    pub fte: Vec<FteChange>,
}

impl Employment {
    /// The FTE (per mille) on `day`.
    pub fn fte_on(&self, day: NaiveDate) -> u32 {
        let mut changes: Vec<_> = self.fte.iter().filter(|c| c.from <= day).collect();
        changes.sort_by_key(|c| c.from);
        changes.last().map_or(1000, |c| c.permille)
    }

    fn employed_on(&self, day: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| day <= e)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum EntryKind {
    Credit,
    Spend,
    Expiry,
    Lapse,
    Correction,
}

/// What is stored by people: spending and corrections (append-only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Recorded {
    pub on: NaiveDate,
    /// Spending is positive here and taken off; a correction is signed.
    #[ts(type = "number")]
    pub euro_cents: i64,
    #[ts(type = "number")]
    pub minutes: i64,
    pub correction: bool,
    pub text: String,
}

/// One line of a person's ledger; amounts signed (credit +, spend/expiry/lapse −).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub on: NaiveDate,
    pub kind: EntryKind,
    #[ts(type = "number")]
    pub euro_cents: i64,
    #[ts(type = "number")]
    pub minutes: i64,
    pub text: String,
}

/// `a * b / c`, rounded half away from zero, without overflow for money.
fn mul_div(a: i64, b: i64, c: i64) -> i64 {
    let n = i128::from(a) * i128::from(b);
    let c = i128::from(c);
    let q = (2 * n + c.signum() * c) / (2 * c);
    i64::try_from(q).unwrap_or(i64::MAX)
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("the first exists")
}

/// Whole calendar months from `from` to the end of its year, counting `from`'s month only
/// when `from` is its first day ("whole remaining months": 1 April → 9, 15 April → 8).
fn whole_months_left(from: NaiveDate, until: NaiveDate) -> i64 {
    let mut start = first_of_month(from);
    if from.day() != 1 {
        start = start + Months::new(1);
    }
    let mut n = 0;
    let mut m = start;
    // Count months whose last day is on or before `until`.
    while m + Months::new(1) <= until.succ_opt().unwrap_or(until) && m.year() == from.year() {
        n += 1;
        m = m + Months::new(1);
    }
    n
}

struct Raw {
    on: NaiveDate,
    euro: i64,
    minutes: i64,
    expires: Option<NaiveDate>,
    text: String,
}

/// The credits of every scheme for a person, up to `until`, before caps and expiry.
fn credits(schemes: &[Scheme], emp: &Employment, until: NaiveDate) -> Vec<Raw> {
    let mut schemes: Vec<&Scheme> = schemes.iter().collect();
    schemes.sort_by_key(|s| s.from);
    let mut out = Vec::new();
    for (i, s) in schemes.iter().enumerate() {
        let scheme_end = schemes
            .get(i + 1)
            .and_then(|n| n.from.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        let last = until.min(scheme_end).min(emp.end.unwrap_or(NaiveDate::MAX));
        let first = s.from.max(emp.start.unwrap_or(NaiveDate::MIN));
        if first > last {
            continue;
        }
        let expires = |on: NaiveDate| s.expire_after_months.map(|m| on + Months::new(m));
        let fte = |on: NaiveDate| {
            if s.pro_rata {
                i64::from(emp.fte_on(on))
            } else {
                1000
            }
        };
        match s.credit {
            Credit::Yearly => {
                for year in first.year()..=last.year() {
                    let jan = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January");
                    let on = jan.max(first);
                    if on > last {
                        continue;
                    }
                    let dec = NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December");
                    let to = dec.min(emp.end.unwrap_or(dec)).min(scheme_end);
                    let months = if s.pro_rata {
                        whole_months_left(on, to)
                    } else {
                        12
                    };
                    let share = |per_year: i64| mul_div(per_year * fte(on), months, 12 * 1000);
                    out.push(Raw {
                        on,
                        euro: share(s.euro_cents_per_year),
                        minutes: share(s.minutes_per_year),
                        expires: expires(on),
                        text: format!("{year}"),
                    });
                }
            }
            Credit::Monthly => {
                let mut m = first_of_month(first);
                if first.day() != 1 {
                    m = m + Months::new(1);
                }
                while m <= last {
                    let share = |per_year: i64| mul_div(per_year * fte(m), 1, 12 * 1000);
                    out.push(Raw {
                        on: m,
                        euro: share(s.euro_cents_per_year),
                        minutes: share(s.minutes_per_year),
                        expires: expires(m),
                        text: format!("{:04}-{:02}", m.year(), m.month()),
                    });
                    m = m + Months::new(1);
                }
            }
            Credit::Block { years } => {
                let years = years.max(1);
                let mut block = s.from;
                while block <= last {
                    let next = block + Months::new(12 * years);
                    if next > first {
                        let on = block.max(first);
                        let share =
                            |per_year: i64| mul_div(per_year * i64::from(years) * fte(on), 1, 1000);
                        out.push(Raw {
                            on,
                            euro: share(s.euro_cents_per_year),
                            minutes: share(s.minutes_per_year),
                            // Unused budget lapses with the block unless set otherwise.
                            expires: Some(
                                s.expire_after_months.map_or(next, |m| on + Months::new(m)),
                            ),
                            text: format!("{} – {}", block, next.pred_opt().unwrap_or(next)),
                        });
                    }
                    block = next;
                }
            }
        }
    }
    out
}

struct Lot {
    euro: i64,
    minutes: i64,
    expires: Option<NaiveDate>,
}

/// Takes `euro`/`minutes` from the lots, oldest first; what cannot be covered stays as a
/// negative lot (an overdraft the store refuses beforehand).
fn take(lots: &mut Vec<Lot>, mut euro: i64, mut minutes: i64) {
    for lot in lots.iter_mut() {
        let e = euro.min(lot.euro).max(0);
        lot.euro -= e;
        euro -= e;
        let m = minutes.min(lot.minutes).max(0);
        lot.minutes -= m;
        minutes -= m;
    }
    if euro != 0 || minutes != 0 {
        lots.push(Lot {
            euro: -euro,
            minutes: -minutes,
            expires: None,
        });
    }
    lots.retain(|l| l.euro != 0 || l.minutes != 0);
}

fn totals(lots: &[Lot]) -> (i64, i64) {
    lots.iter()
        .fold((0, 0), |(e, m), l| (e + l.euro, m + l.minutes))
}

/// The person's ledger up to and including `until`, in date order.
pub fn ledger(
    schemes: &[Scheme],
    emp: &Employment,
    recorded: &[Recorded],
    until: NaiveDate,
) -> Vec<Entry> {
    let cap = |on: NaiveDate| {
        let mut s: Vec<&Scheme> = schemes.iter().filter(|s| s.from <= on).collect();
        s.sort_by_key(|s| s.from);
        s.last().and_then(|s| s.cap_cents)
    };
    let at_exit = emp.end.map(|end| {
        let mut s: Vec<&Scheme> = schemes.iter().filter(|s| s.from <= end).collect();
        s.sort_by_key(|s| s.from);
        s.last().map_or(AtExit::Lapse, |s| s.at_exit)
    });
    // Events in date order: on one day, credits first, then what people recorded.
    enum Ev<'a> {
        Credit(Raw),
        Rec(&'a Recorded),
    }
    let mut events: Vec<(NaiveDate, u8, Ev)> = credits(schemes, emp, until)
        .into_iter()
        .map(|c| (c.on, 0, Ev::Credit(c)))
        .collect();
    events.extend(
        recorded
            .iter()
            .filter(|r| r.on <= until)
            .map(|r| (r.on, 1, Ev::Rec(r))),
    );
    events.sort_by_key(|(on, order, _)| (*on, *order));

    let mut out = Vec::new();
    let mut lots: Vec<Lot> = Vec::new();
    let expire_until = |lots: &mut Vec<Lot>, day: NaiveDate, out: &mut Vec<Entry>| {
        let mut due: Vec<NaiveDate> = lots
            .iter()
            .filter_map(|l| l.expires)
            .filter(|e| *e <= day)
            .collect();
        due.sort();
        due.dedup();
        for on in due {
            let (mut euro, mut minutes) = (0, 0);
            for l in lots.iter_mut().filter(|l| l.expires == Some(on)) {
                euro += l.euro.max(0);
                minutes += l.minutes.max(0);
                l.euro = l.euro.min(0);
                l.minutes = l.minutes.min(0);
            }
            lots.retain(|l| l.euro != 0 || l.minutes != 0);
            if euro != 0 || minutes != 0 {
                out.push(Entry {
                    on,
                    kind: EntryKind::Expiry,
                    euro_cents: -euro,
                    minutes: -minutes,
                    text: String::new(),
                });
            }
        }
    };
    for (on, _, ev) in events {
        expire_until(&mut lots, on, &mut out);
        match ev {
            Ev::Credit(c) => {
                let (balance, _) = totals(&lots);
                let euro = match cap(on) {
                    Some(cap) => c.euro.min((cap - balance).max(0)),
                    None => c.euro,
                };
                if euro == 0 && c.minutes == 0 {
                    continue;
                }
                lots.push(Lot {
                    euro,
                    minutes: c.minutes,
                    expires: c.expires,
                });
                out.push(Entry {
                    on,
                    kind: EntryKind::Credit,
                    euro_cents: euro,
                    minutes: c.minutes,
                    text: c.text,
                });
            }
            Ev::Rec(r) if r.correction && (r.euro_cents > 0 || r.minutes > 0) => {
                lots.push(Lot {
                    euro: r.euro_cents.max(0),
                    minutes: r.minutes.max(0),
                    expires: None,
                });
                take(&mut lots, (-r.euro_cents).max(0), (-r.minutes).max(0));
                out.push(Entry {
                    on,
                    kind: EntryKind::Correction,
                    euro_cents: r.euro_cents,
                    minutes: r.minutes,
                    text: r.text.clone(),
                });
            }
            Ev::Rec(r) => {
                let (euro, minutes) = if r.correction {
                    (-r.euro_cents, -r.minutes)
                } else {
                    (r.euro_cents, r.minutes)
                };
                take(&mut lots, euro, minutes);
                out.push(Entry {
                    on,
                    kind: if r.correction {
                        EntryKind::Correction
                    } else {
                        EntryKind::Spend
                    },
                    euro_cents: -euro,
                    minutes: -minutes,
                    text: r.text.clone(),
                });
            }
        }
    }
    let end = until.min(emp.end.unwrap_or(until));
    expire_until(&mut lots, end, &mut out);
    if let (Some(exit), Some(AtExit::Lapse)) = (emp.end, at_exit) {
        if exit <= until {
            let (euro, minutes) = totals(&lots);
            if euro > 0 || minutes > 0 {
                out.push(Entry {
                    on: exit,
                    kind: EntryKind::Lapse,
                    euro_cents: -euro.max(0),
                    minutes: -minutes.max(0),
                    text: String::new(),
                });
            }
        }
    } else {
        expire_until(&mut lots, until, &mut out);
    }
    out
}

/// The balance after every entry (cents, minutes).
pub fn balance(entries: &[Entry]) -> (i64, i64) {
    entries
        .iter()
        .fold((0, 0), |(e, m), x| (e + x.euro_cents, m + x.minutes))
}

/// What brings the budget in line with a signed plan: per action key, what it takes now
/// (`wanted`) less what earlier signings took (`charged`) — positive is charged, negative
/// given back; keys whose amounts agree are left out. In `wanted`'s order, then the keys only
/// `charged` knows (an action removed, dropped or no longer paid from the budget).
pub fn charge_differences(
    wanted: &[(String, i64)],
    charged: &[(String, i64)],
) -> Vec<(String, i64)> {
    use std::collections::BTreeMap;
    let mut keys: Vec<&str> = Vec::new();
    let mut diff: BTreeMap<&str, i64> = BTreeMap::new();
    for (list, sign) in [(wanted, 1), (charged, -1)] {
        for (k, c) in list {
            let d = diff.entry(k.as_str()).or_insert_with(|| {
                keys.push(k.as_str());
                0
            });
            *d = d.saturating_add(sign * c);
        }
    }
    keys.into_iter()
        .map(|k| (k.to_owned(), diff[k]))
        .filter(|(_, d)| *d != 0)
        .collect()
}

/// The employed check for a spend: a person can only spend while employed.
pub fn can_spend_on(emp: &Employment, day: NaiveDate) -> bool {
    emp.employed_on(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn kc(list: &[(&str, i64)]) -> Vec<(String, i64)> {
        list.iter().map(|(k, c)| ((*k).to_owned(), *c)).collect()
    }

    #[test]
    fn a_credit_is_yearly_monthly_or_a_block_of_years() {
        assert_eq!(Credit::parse("yearly"), Some(Credit::Yearly));
        assert_eq!(Credit::parse("monthly"), Some(Credit::Monthly));
        assert_eq!(Credit::parse("block:5"), Some(Credit::Block { years: 5 }));
        for bad in ["weird", "block:", "block:x", "block:-1", ""] {
            assert_eq!(Credit::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_first_signing_charges_each_action_the_budget_pays() {
        assert_eq!(
            charge_differences(&kc(&[("b", 300 * 100), ("a", 120 * 100)]), &[]),
            kc(&[("b", 300 * 100), ("a", 120 * 100)])
        );
    }

    #[test]
    fn a_new_version_charges_only_what_changed_and_gives_back_what_went() {
        // Course b went from €300 to €450 (+€150), a stayed €120 (nothing), c was removed
        // or is no longer paid from the budget (−€80 back), d is new (€60).
        let charged = kc(&[("a", 120 * 100), ("b", 300 * 100), ("c", 80 * 100)]);
        let wanted = kc(&[("a", 120 * 100), ("b", 450 * 100), ("d", 60 * 100)]);
        assert_eq!(
            charge_differences(&wanted, &charged),
            kc(&[("b", 150 * 100), ("d", 60 * 100), ("c", -80 * 100)])
        );
        // Signing the same content again takes nothing more.
        let after = kc(&[
            ("a", 120 * 100),
            ("b", 300 * 100),
            ("b", 150 * 100),
            ("d", 60 * 100),
        ]);
        assert!(charge_differences(&wanted, &after).is_empty());
    }

    fn scheme(from: &str, euro: i64, credit: Credit) -> Scheme {
        Scheme {
            from: d(from),
            euro_cents_per_year: euro * 100,
            minutes_per_year: 0,
            pro_rata: true,
            credit,
            expire_after_months: None,
            cap_cents: None,
            at_exit: AtExit::Lapse,
        }
    }

    fn emp(start: &str, fte: u32) -> Employment {
        Employment {
            start: Some(d(start)),
            end: None,
            fte: vec![FteChange {
                from: d(start),
                permille: fte,
            }],
        }
    }

    #[test]
    fn eur_500_per_fte_at_0_6_fte_joining_1_april_2025_gives_225_for_2025() {
        let s = [scheme("2020-01-01", 500, Credit::Yearly)];
        let l = ledger(&s, &emp("2025-04-01", 600), &[], d("2025-12-31"));
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].on, d("2025-04-01"));
        assert_eq!(l[0].euro_cents, 22_500);
        // The next year: a whole year at 0.6.
        let l = ledger(&s, &emp("2025-04-01", 600), &[], d("2026-01-01"));
        assert_eq!(balance(&l).0, 22_500 + 30_000);
    }

    #[test]
    fn joining_on_15_april_counts_the_8_whole_months_from_may() {
        let s = [scheme("2020-01-01", 1200, Credit::Yearly)];
        let l = ledger(&s, &emp("2025-04-15", 1000), &[], d("2025-12-31"));
        assert_eq!(l[0].euro_cents, 80_000);
    }

    #[test]
    fn leaving_in_june_credits_january_to_june_and_the_rest_lapses_at_exit() {
        let s = [scheme("2020-01-01", 1200, Credit::Yearly)];
        let mut e = emp("2020-01-01", 1000);
        e.end = Some(d("2025-06-30"));
        let spent = [Recorded {
            on: d("2025-03-01"),
            euro_cents: 20_000,
            minutes: 0,
            correction: false,
            text: "Cursus".into(),
        }];
        let l = ledger(&s, &e, &spent, d("2026-12-31"));
        let year_2025: Vec<_> = l.iter().filter(|x| x.on.year() == 2025).collect();
        assert_eq!(year_2025[0].euro_cents, 60_000, "six whole months");
        assert_eq!(l.last().unwrap().kind, EntryKind::Lapse);
        assert_eq!(balance(&l).0, 0, "everything lapses at exit");
        assert!(
            l.iter().all(|x| x.on <= d("2025-06-30")),
            "nothing after the exit"
        );
    }

    #[test]
    fn the_oldest_credit_is_spent_first_and_the_rest_of_it_expires() {
        // €175 a year, each credit lapsing after 24 months.
        let mut s = scheme("2023-01-01", 175, Credit::Yearly);
        s.expire_after_months = Some(24);
        let spent = [Recorded {
            on: d("2024-06-01"),
            euro_cents: 25_000,
            minutes: 0,
            correction: false,
            text: "Training".into(),
        }];
        let l = ledger(&[s], &emp("2020-01-01", 1000), &spent, d("2025-12-31"));
        // 2023: 175, 2024: 175 → spend 250 takes 175 (2023) + 75 (2024).
        // 1 Jan 2025: 2023's credit expires (nothing left), 2025 credited. 1 Jan 2026 not yet.
        let expiries: Vec<_> = l.iter().filter(|x| x.kind == EntryKind::Expiry).collect();
        assert!(expiries.is_empty(), "the 2023 credit was spent: {l:?}");
        assert_eq!(balance(&l).0, 17_500 * 3 - 25_000);
        let l = ledger(
            &[Scheme {
                expire_after_months: Some(24),
                ..scheme("2023-01-01", 175, Credit::Yearly)
            }],
            &emp("2020-01-01", 1000),
            &spent,
            d("2026-01-01"),
        );
        let expired: i64 = l
            .iter()
            .filter(|x| x.kind == EntryKind::Expiry)
            .map(|x| x.euro_cents)
            .sum();
        assert_eq!(
            expired, -10_000,
            "what was left of 2024 lapses on 1 Jan 2026"
        );
    }

    #[test]
    fn a_cap_stops_the_balance_growing() {
        let mut s = scheme("2020-01-01", 900, Credit::Yearly);
        s.cap_cents = Some(450_000);
        let l = ledger(&[s], &emp("2020-01-01", 1000), &[], d("2026-12-31"));
        assert_eq!(balance(&l).0, 450_000);
        assert!(l.iter().all(|x| x.euro_cents >= 0));
    }

    #[test]
    fn eur_5000_per_5_years_is_one_block_that_lapses_with_the_block() {
        let mut s = scheme("2020-01-01", 1000, Credit::Block { years: 5 });
        s.pro_rata = false;
        let e = emp("2021-06-01", 500);
        let l = ledger(&[s.clone()], &e, &[], d("2024-12-31"));
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].euro_cents, 500_000, "regardless of hours");
        let l = ledger(&[s], &e, &[], d("2025-01-01"));
        assert_eq!(
            balance(&l).0,
            500_000,
            "the next block replaces the lapsed one"
        );
        assert!(l
            .iter()
            .any(|x| x.kind == EntryKind::Expiry && x.euro_cents == -500_000));
    }

    #[test]
    fn monthly_credits_a_twelfth_and_hours_are_kept_apart() {
        let mut s = scheme("2025-01-01", 600, Credit::Monthly);
        s.minutes_per_year = 83 * 60;
        let l = ledger(&[s], &emp("2025-01-01", 1000), &[], d("2025-03-31"));
        assert_eq!(l.len(), 3);
        assert_eq!(balance(&l), (15_000, mul_div(83 * 60, 3, 12)));
    }

    #[test]
    fn a_new_scheme_starts_a_new_period_and_history_is_kept() {
        let old = scheme("2020-01-01", 500, Credit::Yearly);
        let new = scheme("2025-01-01", 1000, Credit::Yearly);
        let l = ledger(&[new, old], &emp("2024-01-01", 1000), &[], d("2025-12-31"));
        assert_eq!(
            l.iter().map(|x| x.euro_cents).collect::<Vec<_>>(),
            vec![50_000, 100_000]
        );
    }

    #[test]
    fn a_correction_with_a_reason_adds_or_takes() {
        let s = [scheme("2025-01-01", 500, Credit::Yearly)];
        let rec = [Recorded {
            on: d("2025-02-01"),
            euro_cents: -10_000,
            minutes: 0,
            correction: true,
            text: "Dubbel geboekt".into(),
        }];
        let l = ledger(&s, &emp("2025-01-01", 1000), &rec, d("2025-12-31"));
        assert_eq!(balance(&l).0, 40_000);
        assert_eq!(l[1].kind, EntryKind::Correction);
    }

    #[test]
    fn a_balance_never_goes_below_zero_without_recorded_spending_beyond_it() {
        // Property over many shapes: credits, expiry and lapse alone never make it negative.
        for euro in [0, 1, 175, 500, 999, 5000] {
            for credit in [Credit::Yearly, Credit::Monthly, Credit::Block { years: 3 }] {
                for expire in [None, Some(1), Some(12), Some(60)] {
                    for fte in [100, 333, 600, 1000] {
                        let mut s = scheme("2019-03-15", euro, credit);
                        s.expire_after_months = expire;
                        let mut e = emp("2020-07-20", fte);
                        e.end = Some(d("2026-02-10"));
                        let l = ledger(&[s], &e, &[], d("2027-01-01"));
                        let mut run = 0;
                        for x in &l {
                            run += x.euro_cents;
                            assert!(run >= 0, "{euro} {credit:?} {expire:?} {fte}: {l:?}");
                        }
                        assert_eq!(balance(&l).0, 0, "all lapsed at exit");
                    }
                }
            }
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn day(offset: i64) -> NaiveDate {
            d("2019-01-01") + chrono::Duration::days(offset)
        }

        fn any_credit() -> impl Strategy<Value = Credit> {
            prop_oneof![
                Just(Credit::Yearly),
                Just(Credit::Monthly),
                (1u32..=5).prop_map(|years| Credit::Block { years }),
            ]
        }

        prop_compose! {
            fn any_scheme()(
                from in 0i64..2000,
                euro in 0i64..10_000,
                hours in 0i64..200,
                pro_rata: bool,
                credit in any_credit(),
                expire in proptest::option::of(1u32..72),
                cap in proptest::option::of(0i64..2_000_000),
                keep: bool,
            ) -> Scheme {
                Scheme {
                    from: day(from),
                    euro_cents_per_year: euro * 100,
                    minutes_per_year: hours * 60,
                    pro_rata,
                    credit,
                    expire_after_months: expire,
                    cap_cents: cap,
                    at_exit: if keep { AtExit::Keep } else { AtExit::Lapse },
                }
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            /// Spending as the app allows it (never more than the balance on that day), with
            /// any schemes, part-time changes, expiry, caps and an exit: the balance read
            /// from the ledger never drops below zero, in euros or in hours.
            #[test]
            fn a_balance_never_goes_below_zero_when_spending_stays_within_it(
                schemes in proptest::collection::vec(any_scheme(), 1..3),
                start in 0i64..1500,
                end in proptest::option::of(1500i64..3000),
                ftes in proptest::collection::vec((0i64..3000, 100u32..=1000), 0..3),
                spends in proptest::collection::vec((0i64..3000, 0i64..300_000, 0i64..6000), 0..12),
            ) {
                let emp = Employment {
                    start: Some(day(start)),
                    end: end.map(day),
                    fte: ftes.iter().map(|(o, p)| FteChange { from: day(*o), permille: *p }).collect(),
                };
                let until = day(3200);
                let mut recorded: Vec<Recorded> = Vec::new();
                let mut spends = spends;
                spends.sort_by_key(|s| s.0);
                for (on, euro, minutes) in spends {
                    let on = day(on);
                    if !emp.employed_on(on) {
                        continue;
                    }
                    let (have_euro, have_minutes) = balance(&ledger(&schemes, &emp, &recorded, on));
                    let (euro, minutes) = (euro.min(have_euro.max(0)), minutes.min(have_minutes.max(0)));
                    if euro == 0 && minutes == 0 {
                        continue;
                    }
                    recorded.push(Recorded { on, euro_cents: euro, minutes, correction: false, text: "Cursus".into() });
                }
                let l = ledger(&schemes, &emp, &recorded, until);
                let mut on = l.first().map(|e| e.on);
                for e in &l {
                    prop_assert!(Some(e.on) >= on, "the ledger is in date order");
                    on = Some(e.on);
                }
                let mut days: Vec<NaiveDate> = l.iter().map(|e| e.on).collect();
                days.dedup();
                for day in days {
                    let (euro, minutes) = balance(&ledger(&schemes, &emp, &recorded, day));
                    prop_assert!(euro >= 0, "euros below zero on {day}: {l:?}");
                    prop_assert!(minutes >= 0, "hours below zero on {day}: {l:?}");
                }
            }
        }
    }
}
