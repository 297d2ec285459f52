//! An extract of the private journal for a date range, as the writer chose to print it:
//! entries oldest first, each with its date and tags; the small Markdown subset the journal
//! knows (`**bold**`, `*italic*`, `- ` lists) printed as plain text and bullets.

use super::layout::{Block, Style};
use super::plan::long_date;
use chrono::NaiveDate;
use pop_domain::Language;

/// One entry to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalPrintEntry {
    pub date: NaiveDate,
    pub text: String,
    pub tags: Vec<String>,
}

pub fn journal_title(lang: Language) -> &'static str {
    match lang {
        Language::Nl => "Uit mijn ontwikkeldagboek",
        Language::En => "From my development journal",
    }
}

/// The text without the Markdown markers (`**`, `*`, `_`, leading `#`).
pub fn plain(line: &str) -> String {
    let line = line.trim_start_matches('#').trim_start();
    line.replace("**", "")
        .replace("__", "")
        .replace(['*', '_'], "")
}

fn text(style: Style, t: impl Into<String>) -> Block {
    Block::Text {
        style,
        text: t.into(),
    }
}

/// The blocks of the extract.
pub fn journal_blocks(
    lang: Language,
    writer: &str,
    from: NaiveDate,
    to: NaiveDate,
    entries: &[JournalPrintEntry],
) -> Vec<Block> {
    let nl = lang == Language::Nl;
    let mut b = Vec::new();
    if !writer.trim().is_empty() {
        b.push(text(Style::Subtitle, writer.to_owned()));
    }
    b.extend([
        text(Style::Title, journal_title(lang)),
        text(
            Style::Small,
            if nl {
                format!(
                    "{} tot en met {} · {} {}",
                    long_date(from, lang),
                    long_date(to, lang),
                    entries.len(),
                    if entries.len() == 1 {
                        "notitie"
                    } else {
                        "notities"
                    }
                )
            } else {
                format!(
                    "{} to {} · {} {}",
                    long_date(from, lang),
                    long_date(to, lang),
                    entries.len(),
                    if entries.len() == 1 {
                        "entry"
                    } else {
                        "entries"
                    }
                )
            },
        ),
    ]);
    if entries.is_empty() {
        b.push(text(
            Style::Body,
            if nl {
                "Geen notities in deze periode."
            } else {
                "No entries in this period."
            },
        ));
    }
    for e in entries {
        b.push(text(Style::H2, long_date(e.date, lang)));
        let mut para: Vec<String> = Vec::new();
        let flush = |para: &mut Vec<String>, b: &mut Vec<Block>| {
            if !para.is_empty() {
                b.push(text(Style::Body, para.join("\n")));
                para.clear();
            }
        };
        for line in e.text.lines() {
            let t = line.trim_start();
            if let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
                flush(&mut para, &mut b);
                b.push(Block::Bullet { text: plain(item) });
            } else if t.is_empty() {
                flush(&mut para, &mut b);
            } else {
                para.push(plain(line));
            }
        }
        flush(&mut para, &mut b);
        if !e.tags.is_empty() {
            b.push(text(Style::Small, e.tags.join(" · ")));
        }
        b.push(Block::Space(6.0));
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_markers_are_dropped_and_lists_become_bullets() {
        assert_eq!(
            plain("**Goed** gesprek met *Fatima*"),
            "Goed gesprek met Fatima"
        );
        assert_eq!(plain("## Kop"), "Kop");
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let blocks = journal_blocks(
            Language::Nl,
            "Joyce",
            d,
            d,
            &[JournalPrintEntry {
                date: d,
                text: "Vandaag **geleerd**:\n- plannen\n- delegeren\n\nMorgen verder.".into(),
                tags: vec!["overleg".into()],
            }],
        );
        let bullets: Vec<_> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Bullet { text } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(bullets, ["plannen", "delegeren"]);
        assert!(blocks.contains(&text(Style::Body, "Vandaag geleerd:")));
        assert!(blocks.contains(&text(Style::Body, "Morgen verder.")));
        assert!(blocks.contains(&text(Style::Small, "overleg")));
    }
}
