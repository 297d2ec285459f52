//! `journal`: the private development journal.

use crate::util::to_json;
use clap::Subcommand;
use pop_core::domain::{Language, SystemClock};
use pop_core::{CoreError, Store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum JournalCommand {
    /// Write an entry; prints its id.
    Add {
        #[arg(long)]
        text: String,
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Date of the entry, YYYY-MM-DD (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Search entries, best matches first, a page of 50 at a time; case and diacritics do
    /// not matter.
    Search {
        query: String,
        /// Skip this many of the best matches (the next page: --offset 50).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        #[arg(long)]
        json: bool,
    },
    /// Print the entries of a date range (inclusive) as PDF: an extract you chose to share.
    Pdf {
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
}

pub fn run(
    command: JournalCommand,
    store: &mut Store,
    lang: Language,
) -> Result<ExitCode, CoreError> {
    let clock = SystemClock;
    match command {
        JournalCommand::Add { text, tags, date } => {
            let e = pop_core::journal::add_journal_entry(
                store,
                &clock,
                pop_core::journal::JournalInput {
                    date,
                    text,
                    tags,
                    goal_id: None,
                },
            )?;
            println!("{}", e.id);
        }
        JournalCommand::Pdf { from, to, output } => {
            pop_core::journal::journal_pdf_to_file(store, &clock, lang, &from, &to, &output)?;
        }
        JournalCommand::Search {
            query,
            offset,
            json,
        } => {
            let page = pop_core::journal::search_journal_page(store, &query, offset)?;
            if page.more {
                let next = offset + page.hits.len();
                eprintln!(
                    "{}",
                    match lang {
                        Language::Nl => format!("Er zijn meer treffers: --offset {next}"),
                        Language::En => format!("There are more matches: --offset {next}"),
                    }
                );
            }
            let hits = page.hits;
            if json {
                println!("{}", to_json(&hits));
            } else {
                for h in hits {
                    let marked: String = h
                        .parts
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            if i % 2 == 1 {
                                format!("[{p}]")
                            } else {
                                p.clone()
                            }
                        })
                        .collect();
                    println!("{}\t{}\t{}", h.entry.date, h.entry.id, marked);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
