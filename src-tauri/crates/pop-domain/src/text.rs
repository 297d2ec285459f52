//! Small text rules shared by every input: trimming, length limits, and search folding.

use crate::validation::{Field, Problem, ValidationError};
use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// Trims a single-line value and checks it: not longer than `max` characters (not bytes,
/// so "é" and an emoji count as one each) and free of control characters such as newlines.
pub fn single_line(field: Field, value: &str, max: usize) -> Result<String, ValidationError> {
    let trimmed = value.trim();
    let count = trimmed.chars().count();
    if count > max {
        return Err(ValidationError::new(
            field,
            Problem::TooLong { max, actual: count },
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(ValidationError::new(field, Problem::ControlCharacters));
    }
    Ok(trimmed.to_owned())
}

/// Like [`single_line`], and the value may not be empty after trimming.
pub fn required_line(field: Field, value: &str, max: usize) -> Result<String, ValidationError> {
    let v = single_line(field, value, max)?;
    if v.is_empty() {
        return Err(ValidationError::new(field, Problem::Required));
    }
    Ok(v)
}

/// An optional single line: empty after trimming means "not given".
pub fn optional_line(
    field: Field,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, ValidationError> {
    match value {
        None => Ok(None),
        Some(v) => {
            let v = single_line(field, v, max)?;
            Ok((!v.is_empty()).then_some(v))
        }
    }
}

/// Oldest and newest year a date in Groeikoers may have: wide enough for any career, narrow
/// enough to catch a typo such as 20026.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;

/// Parses an ISO date (`YYYY-MM-DD`); empty means "not given".
pub fn optional_date(
    field: Field,
    value: Option<&str>,
) -> Result<Option<NaiveDate>, ValidationError> {
    let Some(raw) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .filter(|_| raw.len() == 10)
        .ok_or_else(|| ValidationError::new(field, Problem::InvalidDate))?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        return Err(ValidationError::new(field, Problem::DateOutOfRange));
    }
    Ok(Some(date))
}

/// Folds text for searching: lower case, without diacritics ("Ëlla" → "ella").
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_required_line_is_trimmed_and_may_not_be_blank() {
        assert_eq!(
            required_line(Field::FullName, "  Ann  ", 10).unwrap(),
            "Ann"
        );
        assert_eq!(
            required_line(Field::FullName, "   ", 10)
                .unwrap_err()
                .problem,
            Problem::Required
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(required_line(Field::FullName, "éééé😀", 5).is_ok());
        assert_eq!(
            required_line(Field::FullName, "éééé😀x", 5)
                .unwrap_err()
                .problem,
            Problem::TooLong { max: 5, actual: 6 }
        );
    }

    #[test]
    fn a_newline_in_a_single_line_field_is_refused() {
        assert_eq!(
            single_line(Field::Role, "a\nb", 50).unwrap_err().problem,
            Problem::ControlCharacters
        );
    }

    #[test]
    fn dates_must_be_real_iso_dates_in_a_sane_range() {
        assert_eq!(
            optional_date(Field::StartDate, Some("2024-02-29")).unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        for bad in ["2023-02-29", "2024-13-01", "24-01-01", "2024-1-1", "morgen"] {
            assert_eq!(
                optional_date(Field::StartDate, Some(bad))
                    .unwrap_err()
                    .problem,
                Problem::InvalidDate,
                "{bad} should be an invalid date"
            );
        }
        assert_eq!(
            optional_date(Field::StartDate, Some("1850-01-01"))
                .unwrap_err()
                .problem,
            Problem::DateOutOfRange
        );
        assert_eq!(optional_date(Field::StartDate, Some("  ")).unwrap(), None);
    }

    #[test]
    fn folding_ignores_case_and_diacritics() {
        assert_eq!(fold("Zoë Çelik"), "zoe celik");
        assert_eq!(fold("ÉÉN"), "een");
    }
}

/// A stored `YYYY-MM-DD` date, read without the general date parser (the board reads
/// thousands of them).
pub fn iso_day(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    chrono::NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

#[cfg(test)]
mod iso_day_tests {
    use super::iso_day;

    #[test]
    fn stored_dates_read_back_and_anything_else_is_none() {
        assert_eq!(
            iso_day("2026-02-28"),
            chrono::NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "26-02-2028",
            "2026-02-2x",
            "",
            "2026/02/28",
        ] {
            assert_eq!(iso_day(bad), None, "{bad}");
        }
    }
}
