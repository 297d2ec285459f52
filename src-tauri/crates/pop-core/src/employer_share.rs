//! What the owner's computer shares with the employee's: the person's development budget
//! (balance and ledger) and their study-cost clauses travel inside the plan package, signed
//! by the owner's device, and the employee's computer (personal mode) keeps the newest copy
//! read-only. Nothing here changes a plan, so a plan's seal is never touched.

use crate::budget::{self as budget_uc, ClauseView};
use crate::error::{CoreError, Result};
use crate::exchange::ImportProblem;
use chrono::NaiveDate;
use pop_domain::budget::{Entry, FteChange};
use pop_domain::clause::{self, Clause, ClauseSignature, Stopped};
use pop_domain::{Clock, Mode};
use pop_store::{budget as repo, Store};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most ledger lines and clauses a share may hold (a person has a few dozen).
const MAX_LINES: usize = 20_000;
const MAX_CLAUSES: usize = 200;

/// The employer's part of a plan package (format 3): read on the owner's computer on
/// `asOf`, signed by the device that made the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmployerShare {
    /// The day the figures were read.
    pub as_of: NaiveDate,
    /// The organisation's name on the owner's computer.
    pub organisation: String,
    /// The person's budget on `asOf`; absent when the owner set no budget scheme.
    #[serde(default)]
    pub budget: Option<SharedBudget>,
    /// The person's study-cost clauses, oldest first.
    #[serde(default)]
    pub clauses: Vec<SharedClause>,
    /// Ed25519 signature (hex) of the making device over [`statement`].
    pub signature: String,
}

/// A person's budget as the owner's computer computed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SharedBudget {
    #[ts(type = "number")]
    pub euro_cents: i64,
    #[ts(type = "number")]
    pub minutes: i64,
    pub ledger: Vec<Entry>,
    pub fte: Vec<FteChange>,
}

/// A clause with its exact stored text (so its signatures can be checked here too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SharedClause {
    pub id: String,
    /// The clause's JSON exactly as stored and signed.
    pub text: String,
    #[serde(default)]
    pub signatures: Vec<ClauseSignature>,
    #[serde(default)]
    pub stopped: Option<Stopped>,
}

/// What the employee's computer shows: the newest share received for this person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedShare {
    pub as_of: NaiveDate,
    pub organisation: String,
    /// The name of the owner's computer that signed it.
    pub from_device: String,
    pub budget: Option<SharedBudget>,
    pub clauses: Vec<ClauseView>,
}

/// The text the making device signs: the person's id in the package and the share without
/// its signature.
pub fn statement(person_id: &str, share: &EmployerShare) -> String {
    let unsigned = EmployerShare {
        signature: String::new(),
        ..share.clone()
    };
    format!(
        "groeikoers-employer-share\n{person_id}\n{}",
        serde_json::to_string(&unsigned).expect("a share serialises")
    )
}

/// The share for `person_id`, signed by this device; `None` outside owner mode or when there
/// is nothing to share (no scheme and no clause).
pub(crate) fn build(
    store: &mut Store,
    clock: &dyn Clock,
    person_id: &str,
) -> Result<Option<EmployerShare>> {
    if crate::settings::get_settings(store)?.mode != Mode::Owner {
        return Ok(None);
    }
    let has_scheme = !budget_uc::schemes(store)?.is_empty();
    let clauses = repo::clauses_of(store.conn(), person_id)?;
    if !has_scheme && clauses.is_empty() {
        return Ok(None);
    }
    let device = crate::device::identity(store, clock)?;
    let as_of = clock.today();
    let budget = if has_scheme {
        let b = budget_uc::person_budget(store, person_id, as_of)?;
        Some(SharedBudget {
            euro_cents: b.euro_cents,
            minutes: b.minutes,
            ledger: b.ledger,
            fte: b.fte,
        })
    } else {
        None
    };
    let mut shared = Vec::new();
    for (id, text) in clauses {
        let view = budget_uc::get_clause(store, &id)?;
        shared.push(SharedClause {
            id,
            text,
            signatures: view.signatures,
            stopped: view.stopped,
        });
    }
    let mut share = EmployerShare {
        as_of,
        organisation: pop_store::settings::organisation_name(store.conn())?,
        budget,
        clauses: shared,
        signature: String::new(),
    };
    share.signature = pop_domain::seal::device_sign(
        &crate::device::secret(&device)?,
        &statement(person_id, &share),
    )
    .ok_or_else(|| pop_store::StoreError::Corrupt("the device key cannot sign".into()))?;
    Ok(Some(share))
}

fn invalid(detail: impl Into<String>) -> CoreError {
    CoreError::Import(ImportProblem::Invalid {
        detail: detail.into(),
    })
}

/// Checks a share read from a package: signed by the package's maker over this person,
/// within limits, every clause readable.
pub(crate) fn check(share: &EmployerShare, made_by_key: &str, person_id: &str) -> Result<()> {
    if !pop_domain::seal::device_verify(made_by_key, &statement(person_id, share), &share.signature)
    {
        return Err(invalid(
            "employer: the budget and clauses are not signed by the computer that made the package (changed on the way)",
        ));
    }
    if share.organisation.chars().count() > 200 {
        return Err(invalid("employer.organisation: too long"));
    }
    if share
        .budget
        .as_ref()
        .is_some_and(|b| b.ledger.len() > MAX_LINES)
    {
        return Err(invalid("employer.budget.ledger: too many lines"));
    }
    if share.clauses.len() > MAX_CLAUSES {
        return Err(invalid("employer.clauses: too many clauses"));
    }
    for (i, c) in share.clauses.iter().enumerate() {
        if serde_json::from_str::<Clause>(&c.text).is_err() {
            return Err(invalid(format!(
                "employer.clauses[{i}].text: not a study-cost clause"
            )));
        }
    }
    Ok(())
}

/// Whether `share` is newer than (or differs from a same-day copy of) what is kept for
/// `person_id` here; always false outside personal mode.
pub(crate) fn is_news(store: &Store, person_id: &str, share: &EmployerShare) -> Result<bool> {
    if crate::settings::get_settings(store)?.mode != Mode::Personal {
        return Ok(false);
    }
    Ok(match repo::received_share(store.conn(), person_id)? {
        None => true,
        Some((as_of, json)) => {
            let kept: Option<EmployerShare> = serde_json::from_str(&json).ok();
            as_of.as_str() < share.as_of.to_string().as_str()
                || (as_of == share.as_of.to_string() && kept.as_ref() != Some(share))
        }
    })
}

/// Keeps `share` for `person_id` (inside the import's transaction).
pub(crate) fn keep(
    tx: &pop_store::rusqlite::Connection,
    person_id: &str,
    share: &EmployerShare,
    made_by: &str,
    at: &str,
) -> std::result::Result<(), pop_store::StoreError> {
    repo::set_received_share(
        tx,
        person_id,
        &share.as_of.to_string(),
        &serde_json::to_string(share).expect("a share serialises"),
        made_by,
        at,
    )
}

/// What was last shared for the user of this computer (personal mode), if anything.
pub fn received_for_me(store: &Store) -> Result<Option<ReceivedShare>> {
    match crate::settings::get_app_state(store)?.me {
        Some(me) => received(store, &me.id),
        None => Ok(None),
    }
}

/// The budget and clauses the owner's computer last shared for `person_id`, if any.
pub fn received(store: &Store, person_id: &str) -> Result<Option<ReceivedShare>> {
    let Some((_, json)) = repo::received_share(store.conn(), person_id)? else {
        return Ok(None);
    };
    let share: EmployerShare = repo::parse("received budget and clauses", &json)?;
    let from_device = repo::received_share_device(store.conn(), person_id)?.unwrap_or_default();
    let clauses = share
        .clauses
        .iter()
        .map(|c| {
            let clause: Clause = repo::parse("received study-cost clause", &c.text)?;
            let intact = clause::signatures_intact(&c.id, &c.text, &c.signatures);
            Ok(ClauseView {
                id: c.id.clone(),
                person_id: person_id.to_owned(),
                period_warning: clause::period_warning(clause.months),
                binding: intact && clause::binding(&clause, &c.signatures),
                intact,
                signatures: c.signatures.clone(),
                stopped: c.stopped.clone(),
                clause,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(ReceivedShare {
        as_of: share.as_of,
        organisation: share.organisation,
        from_device,
        budget: share.budget,
        clauses,
    }))
}
