//! Documents Groeikoers makes for people outside the app. The PDF is laid out into a pure,
//! testable model (blocks → lines → pages) first, and only then drawn with printpdf.

pub mod ics;
pub mod pdf;
pub mod table;
