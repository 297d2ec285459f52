//! Printable documents: the plan as PDF ("print to sign" while it is not signed).

use crate::error::Result;
use crate::plans::get_plan;
use crate::settings;
use pop_domain::plan::PlanStatus;
use pop_domain::{Clock, Language, Mode};
use pop_export::pdf::{plan_blocks, render, PlanDocument, RenderOptions};
use pop_store::{people as people_repo, settings as settings_repo, Store};

fn page_label_nl(page: usize, pages: usize) -> String {
    format!("Pagina {page} van {pages}")
}

fn page_label_en(page: usize, pages: usize) -> String {
    format!("Page {page} of {pages}")
}

/// The PDF of a plan, in `lang`.
pub fn plan_pdf(store: &Store, clock: &dyn Clock, lang: Language, id: &str) -> Result<Vec<u8>> {
    let plan = get_plan(store, id)?;
    let person = people_repo::get(store.conn(), &plan.person_id)?
        .map(|p| p.full_name)
        .unwrap_or_default();
    let organisation = settings_repo::organisation_name(store.conn())?;
    let personal = settings::get_settings(store)?.mode == Mode::Personal;
    let doc = PlanDocument {
        lang,
        organisation: &organisation,
        person_name: &person,
        status: plan.status,
        content: &plan.content,
        personal,
    };
    let state = match (plan.status, lang) {
        (PlanStatus::Draft, Language::Nl) => "Concept – nog niet ondertekend",
        (PlanStatus::Draft, Language::En) => "Draft – not yet signed",
        (_, Language::Nl) => "Afdruk om te ondertekenen",
        (_, Language::En) => "Print to sign",
    };
    let opts = RenderOptions {
        title: plan.content.title.clone(),
        author: if organisation.is_empty() {
            person.clone()
        } else {
            organisation.clone()
        },
        footer: format!("{} · {} · {state}", plan.content.title, person),
        page_label: match lang {
            Language::Nl => page_label_nl,
            Language::En => page_label_en,
        },
        created_unix: clock.now().timestamp(),
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
    crate::files::write_atomic(path, &plan_pdf(store, clock, lang, id)?)
}
