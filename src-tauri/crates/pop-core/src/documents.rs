//! Printable documents: the plan as PDF ("print to sign" while it is not signed), the
//! preparation sheet and the evaluation page.

use crate::error::{CoreError, Result};
use crate::plans::get_plan;
use crate::settings;
use pop_domain::plan::PlanStatus;
use pop_domain::{Clock, Language, Mode};
pub use pop_export::pdf::PreparationTexts;
use pop_export::pdf::{
    evaluation_blocks, evaluation_title, plan_blocks, preparation_blocks,
    preparation_texts as texts, render, EvaluatedGoal, EvaluationDocument, PlanDocument,
    RenderOptions,
};
use pop_store::{people as people_repo, settings as settings_repo, Store};

fn page_label_nl(page: usize, pages: usize) -> String {
    format!("Pagina {page} van {pages}")
}

fn page_label_en(page: usize, pages: usize) -> String {
    format!("Page {page} of {pages}")
}

/// "Pagina 1 van 3" / "Page 1 of 3", for every document's footer.
pub(crate) fn page_label(lang: Language) -> fn(usize, usize) -> String {
    match lang {
        Language::Nl => page_label_nl,
        Language::En => page_label_en,
    }
}

/// The PDF of a plan, in `lang`. A sealed version is drawn from its seal only (content,
/// person and signatures as they were sealed); a seal that no longer verifies is refused
/// with what no longer matches, so a forged row is never printed as signed. Every PDF
/// records the log head when it was made (footer and Subject).
pub fn plan_pdf(store: &Store, clock: &dyn Clock, lang: Language, id: &str) -> Result<Vec<u8>> {
    use pop_domain::seal::SealDocument;
    let plan = get_plan(store, id)?;
    let live_person = people_repo::get(store.conn(), &plan.person_id)?
        .map(|p| p.full_name)
        .unwrap_or_default();
    let organisation = settings_repo::organisation_name(store.conn())?;
    let personal = settings::get_settings(store)?.mode == Mode::Personal;
    let signing = crate::signing::signing_state(store, id)?;
    let sealed = match crate::signing::seal_state(store, id)? {
        Some((_, problems)) if !problems.is_empty() => {
            return Err(CoreError::SealBroken {
                plan_id: id.to_owned(),
                problems,
            })
        }
        Some((snap, _)) => SealDocument::parse(&snap.canonical),
        None => None,
    };
    let (content, person, signatures) = match &sealed {
        Some(SealDocument::V2(v)) => (&v.content, v.person_name.clone(), v.signatures.clone()),
        Some(SealDocument::Legacy(old)) => (
            &old.content,
            old.person_name.clone(),
            signing.signatures.clone(),
        ),
        None => (&plan.content, live_person, signing.signatures.clone()),
    };
    // The plan's own language, as sealed: headings never change the signed document's words.
    let lang = content.language_or(lang);
    let doc = PlanDocument {
        lang,
        organisation: &organisation,
        person_name: &person,
        status: plan.status,
        content,
        personal,
        signatures: &signatures,
    };
    let version = match lang {
        Language::Nl => format!("versie {}", plan.version),
        Language::En => format!("version {}", plan.version),
    };
    let state = match (&signing.fingerprint, plan.status, lang) {
        (Some(fp), _, _) => format!("{version} · {fp}"),
        (None, PlanStatus::Draft, Language::Nl) => {
            format!("{version} · concept – nog niet ondertekend")
        }
        (None, PlanStatus::Draft, Language::En) => format!("{version} · draft – not yet signed"),
        (None, _, Language::Nl) => format!("{version} · afdruk om te ondertekenen"),
        (None, _, Language::En) => format!("{version} · print to sign"),
    };
    let (head_seq, head_hash) = pop_store::signing::log_head(store.conn())?;
    let opts = RenderOptions {
        title: content.title.clone(),
        author: if organisation.is_empty() {
            person.clone()
        } else {
            organisation.clone()
        },
        footer: format!(
            "{} · {} · {state} · log {head_seq}·{}",
            content.title,
            person,
            &head_hash[..6]
        ),
        page_label: page_label(lang),
        created_unix: clock.now().timestamp(),
        subject: [
            signing.fingerprint.clone().unwrap_or_default(),
            crate::signing::head_text(head_seq, &head_hash),
        ]
        .join(" ")
        .trim()
        .to_owned(),
    };
    Ok(render(&plan_blocks(&doc), &opts))
}

/// Writes the plan's PDF to `path`.
pub fn plan_pdf_to_file(
    store: &Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
    path: &std::path::Path,
) -> Result<()> {
    crate::files::write_output(store, path, &plan_pdf(store, clock, lang, id)?)?;
    crate::signing::log(store, clock, Some(id), "exported", "pdf")
}

/// The manager's preparation and the employee's self-analysis sheet as PDF.
pub fn preparation_pdf(
    store: &Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
) -> Result<Vec<u8>> {
    let plan = get_plan(store, id)?;
    let lang = plan.content.language_or(lang);
    let person = people_repo::get(store.conn(), &plan.person_id)?
        .map(|p| p.full_name)
        .unwrap_or_default();
    let organisation = settings_repo::organisation_name(store.conn())?;
    let title = match lang {
        Language::Nl => "Voorbereiding POP-gesprek",
        Language::En => "Preparing the development conversation",
    };
    let opts = RenderOptions {
        title: format!("{title} – {person}"),
        author: organisation,
        footer: format!("{title} · {person}"),
        page_label: page_label(lang),
        created_unix: clock.now().timestamp(),
        subject: String::new(),
    };
    let mut blocks = preparation_blocks(lang, &person, &plan.content);
    // The firm's direction, read-only, at the end of the manager's part.
    let at = blocks
        .iter()
        .position(|b| matches!(b, pop_export::pdf::Block::PageBreak))
        .unwrap_or(blocks.len());
    let section = crate::direction::preparation_section(store, lang)?;
    blocks.splice(at..at, section);
    Ok(render(&blocks, &opts))
}

/// Writes the preparation PDF to `path`.
pub fn preparation_pdf_to_file(
    store: &Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
    path: &std::path::Path,
) -> Result<()> {
    crate::files::write_output(store, path, &preparation_pdf(store, clock, lang, id)?)
}

/// The words of a plan's preparation sheet (the same the PDF prints), for the app's screen.
pub fn preparation_texts(store: &Store, lang: Language, id: &str) -> Result<PreparationTexts> {
    let plan = get_plan(store, id)?;
    let person = people_repo::get(store.conn(), &plan.person_id)?
        .map(|p| p.full_name)
        .unwrap_or_default();
    Ok(texts(plan.content.language_or(lang), &person))
}

/// The evaluation of the plan `id`'s period as PDF: filled in once the evaluation is saved,
/// a form to fill in by hand before.
pub fn evaluation_pdf(
    store: &Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
) -> Result<Vec<u8>> {
    use pop_domain::rhythm::CheckinStatus;
    let r = crate::rhythm::plan_rhythm(store, id)?;
    let plan = get_plan(store, &r.plan_id)?;
    let lang = plan.content.language_or(lang);
    let organisation = settings_repo::organisation_name(store.conn())?;
    let personal = settings::get_settings(store)?.mode == Mode::Personal;
    // History is newest first: the first score found per goal is the last one recorded.
    let goals: Vec<EvaluatedGoal> = r
        .goals
        .iter()
        .map(|g| EvaluatedGoal {
            id: g.id.clone(),
            title: g.title.clone(),
            last_score: r
                .history
                .iter()
                .find_map(|c| c.progress.iter().find(|p| p.goal_id == g.id))
                .map(|p| p.score),
        })
        .collect();
    let doc = EvaluationDocument {
        lang,
        person_name: &r.person_name,
        manager_name: &plan.content.manager_name,
        personal,
        plan_title: &r.plan_title,
        period_start: r.period_start,
        period_end: r.period_end,
        goals: &goals,
        checkins_held: r
            .schedule
            .iter()
            .filter(|e| e.status == CheckinStatus::Done)
            .count(),
        checkins_planned: r
            .schedule
            .iter()
            .filter(|e| e.status != CheckinStatus::Skipped)
            .count(),
        evaluation: r.evaluation.as_ref(),
        evaluated_on: r.evaluated_on,
    };
    let title = evaluation_title(lang);
    let opts = RenderOptions {
        title: format!("{title} – {}", r.person_name),
        author: if organisation.is_empty() {
            r.person_name.clone()
        } else {
            organisation
        },
        footer: format!("{title} · {} · {}", r.plan_title, r.person_name),
        page_label: page_label(lang),
        created_unix: clock.now().timestamp(),
        subject: String::new(),
    };
    Ok(render(&evaluation_blocks(&doc), &opts))
}

/// Writes the evaluation PDF to `path`.
pub fn evaluation_pdf_to_file(
    store: &Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
    path: &std::path::Path,
) -> Result<()> {
    crate::files::write_output(store, path, &evaluation_pdf(store, clock, lang, id)?)
}
