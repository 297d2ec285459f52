//! The embedded fonts (Noto Sans, subset to Latin; SIL OFL 1.1, see `fonts/`) and text
//! measurement with their real glyph widths.

use std::sync::LazyLock;

pub const REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.subset.ttf");
pub const BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.subset.ttf");

/// Which of the two faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

struct Metrics {
    units_per_em: f32,
    /// Advance width per character, in font units; `None` when the font has no glyph.
    widths: std::collections::HashMap<char, u16>,
    replacement: u16,
}

fn metrics(bytes: &'static [u8]) -> Metrics {
    let face = ttf_parser::Face::parse(bytes, 0).expect("bundled font parses");
    let mut widths = std::collections::HashMap::new();
    if let Some(cmap) = face.tables().cmap {
        for sub in cmap.subtables {
            if !sub.is_unicode() {
                continue;
            }
            sub.codepoints(|cp| {
                if let (Some(ch), Some(gid)) = (char::from_u32(cp), sub.glyph_index(cp)) {
                    if let Some(adv) = face.glyph_hor_advance(gid) {
                        widths.insert(ch, adv);
                    }
                }
            });
        }
    }
    let replacement = widths.get(&'\u{FFFD}').copied().unwrap_or(600);
    Metrics {
        units_per_em: f32::from(face.units_per_em()),
        widths,
        replacement,
    }
}

static REGULAR_METRICS: LazyLock<Metrics> = LazyLock::new(|| metrics(REGULAR));
static BOLD_METRICS: LazyLock<Metrics> = LazyLock::new(|| metrics(BOLD));

fn of(face: Face) -> &'static Metrics {
    match face {
        Face::Regular => &REGULAR_METRICS,
        Face::Bold => &BOLD_METRICS,
    }
}

/// Whether the fonts can show `ch`.
pub fn has_glyph(ch: char) -> bool {
    REGULAR_METRICS.widths.contains_key(&ch)
}

/// The text as it will be printed: characters the fonts cannot show (an emoji, Chinese)
/// become U+FFFD, and tabs become spaces. Other control characters are dropped.
pub fn printable(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            // Variation selectors and joiners belong to an emoji that is already replaced.
            '\u{FE00}'..='\u{FE0F}' | '\u{200D}' => None,
            c if has_glyph(c) => Some(c),
            _ => Some('\u{FFFD}'),
        })
        .collect()
}

/// Width of `text` at `size` points, in points.
pub fn width(text: &str, face: Face, size: f32) -> f32 {
    let m = of(face);
    let units: u32 = text
        .chars()
        .map(|c| u32::from(m.widths.get(&c).copied().unwrap_or(m.replacement)))
        .sum();
    units as f32 / m.units_per_em * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_cover_dutch_euro_and_typographic_quotes() {
        for c in "éëïöüÉËÏÖÜàèç€‘’“”–—…ĳĲ".chars() {
            assert!(has_glyph(c), "{c} is missing from the font subset");
        }
    }

    #[test]
    fn an_emoji_becomes_the_replacement_character() {
        assert_eq!(printable("Zoë 🌱!"), "Zoë \u{FFFD}!");
        assert_eq!(printable("a\tb\u{7}c"), "a bc");
    }

    #[test]
    fn wider_text_measures_wider() {
        let narrow = width("iiii", Face::Regular, 10.0);
        let wide = width("MMMM", Face::Regular, 10.0);
        assert!(wide > narrow * 2.0, "{wide} vs {narrow}");
        assert!(width("abc", Face::Bold, 10.0) > width("abc", Face::Regular, 10.0));
        assert!(
            (width("abc", Face::Regular, 20.0) - 2.0 * width("abc", Face::Regular, 10.0)).abs()
                < 0.01
        );
    }
}
