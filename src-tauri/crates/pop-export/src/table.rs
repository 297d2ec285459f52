//! Tables for spreadsheets: one model, written as CSV (the way Dutch or English spreadsheet
//! programs read it) and as XLSX with real dates and amounts.

use chrono::{Datelike, NaiveDate};
use pop_domain::Language;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Date(NaiveDate),
    /// An amount in euro cents.
    Money(i64),
    Count(i64),
    Empty,
}

impl From<Option<NaiveDate>> for Cell {
    fn from(d: Option<NaiveDate>) -> Self {
        d.map_or(Cell::Empty, Cell::Date)
    }
}

/// A sheet: a title (the sheet's name), the column headings and the rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Most characters one spreadsheet cell holds.
const MAX_CELL: usize = 32_767;

fn clip(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A text a spreadsheet would run as a formula ("=…", "+…", "-…", "@…") gets a leading
/// apostrophe, so an exported name can never execute anything.
fn defuse(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

fn csv_field(s: &str, sep: char) -> String {
    if s.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read "ë"), CRLF
/// line ends, and in Dutch the semicolon and decimal comma Dutch Excel expects.
pub fn to_csv(table: &Table, lang: Language) -> Vec<u8> {
    let (sep, comma) = match lang {
        Language::Nl => (';', true),
        Language::En => (',', false),
    };
    let cell = |c: &Cell| -> String {
        match c {
            Cell::Text(t) => defuse(clip(t)),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Money(cents) => {
                let sign = if *cents < 0 { "-" } else { "" };
                let (e, r) = (cents.abs() / 100, cents.abs() % 100);
                if comma {
                    format!("{sign}{e},{r:02}")
                } else {
                    format!("{sign}{e}.{r:02}")
                }
            }
            Cell::Count(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    };
    let mut out = String::from('\u{feff}');
    let line = |fields: Vec<String>| {
        fields
            .iter()
            .map(|f| csv_field(f, sep))
            .collect::<Vec<_>>()
            .join(&sep.to_string())
    };
    out.push_str(&line(table.headers.iter().map(|h| defuse(h)).collect()));
    out.push_str("\r\n");
    for row in &table.rows {
        out.push_str(&line(row.iter().map(cell).collect()));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    let clean: String = title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    let clean = clean.trim_matches('\'').trim().to_owned();
    if clean.is_empty() {
        "Groeikoers".into()
    } else {
        clean
    }
}

/// The table as an XLSX workbook of one sheet: bold, frozen headings with a filter, dates
/// as dates and amounts as euro amounts, columns fitted to their contents.
pub fn to_xlsx(table: &Table, lang: Language) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&table.title))?;
    let head = Format::new().set_bold().set_align(FormatAlign::Top);
    let date = Format::new().set_num_format(match lang {
        Language::Nl => "dd-mm-yyyy",
        Language::En => "yyyy-mm-dd",
    });
    let money = Format::new().set_num_format("[$€-nl-NL] #,##0.00");
    let wrap = Format::new().set_align(FormatAlign::Top);
    for (c, h) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, clip(h), &head)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) => {
                    sheet.write_string_with_format(r, c, clip(t), &wrap)?;
                }
                Cell::Date(d) => {
                    let when =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_date_with_format(r, c, &when, &date)?;
                }
                Cell::Money(cents) => {
                    sheet.write_number_with_format(r, c, *cents as f64 / 100.0, &money)?;
                }
                Cell::Count(n) => {
                    sheet.write_number(r, c, *n as f64)?;
                }
                Cell::Empty => {}
            }
        }
    }
    let last_col = table.headers.len().saturating_sub(1) as u16;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, table.rows.len() as u32, last_col)?;
    sheet.autofit();
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            title: "Overzicht: mensen/plannen".into(),
            headers: vec![
                "Naam".into(),
                "Datum".into(),
                "Kosten".into(),
                "Aantal".into(),
            ],
            rows: vec![
                vec![
                    Cell::Text("Zoë \"Z\" de Vries; junior".into()),
                    Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
                    Cell::Money(125_050),
                    Cell::Count(3),
                ],
                vec![
                    Cell::Text("=HYPERLINK(\"x\")".into()),
                    Cell::Empty,
                    Cell::Money(-5),
                    Cell::Count(0),
                ],
            ],
        }
    }

    #[test]
    fn dutch_csv_uses_semicolons_decimal_commas_and_quotes() {
        let csv = String::from_utf8(to_csv(&table(), Language::Nl)).unwrap();
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "Naam;Datum;Kosten;Aantal");
        assert_eq!(
            lines[1],
            "\"Zoë \"\"Z\"\" de Vries; junior\";2026-03-01;1250,50;3"
        );
        assert_eq!(lines[2], "\"'=HYPERLINK(\"\"x\"\")\";;-0,05;0");
        assert!(csv.starts_with('\u{feff}'));
    }

    #[test]
    fn english_csv_uses_commas_and_points() {
        let csv = String::from_utf8(to_csv(&table(), Language::En)).unwrap();
        assert!(csv.contains("\"Zoë \"\"Z\"\" de Vries; junior\",2026-03-01,1250.50,3\r\n"));
    }

    #[test]
    fn xlsx_is_a_zip_with_a_sheet_and_a_clean_name() {
        let bytes = to_xlsx(&table(), Language::Nl).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        assert_eq!(
            sheet_name("Overzicht: mensen/plannen"),
            "Overzicht mensenplannen"
        );
        assert_eq!(sheet_name("???"), "Groeikoers");
    }

    #[test]
    fn a_huge_cell_is_clipped_not_refused() {
        let mut t = table();
        t.rows[0][0] = Cell::Text("é".repeat(100_000));
        assert!(to_xlsx(&t, Language::En).is_ok());
        let csv = String::from_utf8(to_csv(&t, Language::En)).unwrap();
        assert!(csv.chars().filter(|c| *c == 'é').count() == MAX_CELL);
    }
}
