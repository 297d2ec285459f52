//! The PDF renderer: fonts and measuring, layout into pages, drawing, and the documents
//! (the plan, the preparation sheet, the evaluation) as blocks.

pub mod clause;
mod draw;
pub mod evaluation;
pub mod fonts;
pub mod journal;
pub mod layout;
pub mod plan;
pub mod preparation;

pub use draw::{render, RenderOptions};
pub use evaluation::{evaluation_blocks, evaluation_title, EvaluatedGoal, EvaluationDocument};
pub use journal::{journal_blocks, journal_title, JournalPrintEntry};
pub use layout::{Block, Style};
pub use plan::{long_date, plan_blocks, PlanDocument};
pub use preparation::{
    preparation_blocks, preparation_texts, self_analysis_questions, PreparationTexts,
};
