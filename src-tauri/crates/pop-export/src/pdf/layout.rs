//! Layout: blocks of text become wrapped lines placed on A4 pages. Pure and testable; no
//! PDF here. Coordinates are points, measured from the top-left corner of the page.

use super::fonts::{self, Face};

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN_X: f32 = 56.7;
pub const MARGIN_TOP: f32 = 56.7;
/// Room kept free at the bottom for the footer.
pub const MARGIN_BOTTOM: f32 = 70.0;
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
const LABEL_WIDTH: f32 = 120.0;
const BULLET_INDENT: f32 = 12.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Title,
    Subtitle,
    H1,
    H2,
    Label,
    Body,
    Small,
    Footer,
}

impl Style {
    pub fn face(self) -> Face {
        match self {
            Style::Title | Style::H1 | Style::H2 | Style::Label => Face::Bold,
            _ => Face::Regular,
        }
    }

    pub fn size(self) -> f32 {
        match self {
            Style::Title => 20.0,
            Style::Subtitle => 11.5,
            Style::H1 => 13.5,
            Style::H2 => 11.5,
            Style::Label | Style::Body => 10.0,
            Style::Small => 9.0,
            Style::Footer => 8.0,
        }
    }

    pub fn leading(self) -> f32 {
        self.size() * 1.4
    }

    /// Grey level 0.0 (black) to 1.0 (white).
    pub fn grey(self) -> f32 {
        match self {
            Style::Subtitle | Style::Small | Style::Footer => 0.38,
            _ => 0.1,
        }
    }

    /// Space before the block.
    fn space_before(self) -> f32 {
        match self {
            Style::H1 => 14.0,
            Style::H2 => 9.0,
            _ => 0.0,
        }
    }

    fn is_heading(self) -> bool {
        matches!(self, Style::Title | Style::H1 | Style::H2)
    }
}

/// A person who signs: their role, their name, and the words for the date and signature.
#[derive(Debug, Clone, PartialEq)]
pub struct Signatory {
    pub role: String,
    pub name: String,
    pub date_label: String,
    pub signature_label: String,
    /// A drawn signature, points in a 0..1 box, drawn above the signature line.
    pub strokes: Option<Vec<Vec<[f32; 2]>>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph (or heading); newlines in the text start new lines.
    Text {
        style: Style,
        text: String,
    },
    /// A bulleted paragraph with a hanging indent.
    Bullet {
        text: String,
    },
    /// Label/value rows, the values wrapped in a second column.
    Fields(Vec<(String, String)>),
    Space(f32),
    /// A thin horizontal line.
    Rule,
    /// The rest of the page stays empty; what follows starts on a new page.
    PageBreak,
    /// Ruled lines to write on by hand.
    WritingLines(usize),
    /// The signature block: kept together on one page.
    Signatures {
        heading: String,
        signatories: Vec<Signatory>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        style: Style,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

/// Breaks `text` into lines no wider than `width`. Words longer than a line are cut. Every
/// character of the input is kept (only the spaces where lines break are dropped).
pub fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if fonts::width(&candidate, face, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone may still be too wide: cut it.
            let mut piece = String::new();
            for ch in word.chars() {
                piece.push(ch);
                if fonts::width(&piece, face, size) > width && piece.chars().count() > 1 {
                    let last = piece.pop().expect("piece has two characters");
                    lines.push(std::mem::take(&mut piece));
                    piece.push(last);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    lines
}

struct Cursor {
    pages: Vec<Page>,
    y: f32,
}

impl Cursor {
    fn new() -> Self {
        Self {
            pages: vec![Page::default()],
            y: MARGIN_TOP,
        }
    }

    fn room(&self) -> f32 {
        PAGE_HEIGHT - MARGIN_BOTTOM - self.y
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = MARGIN_TOP;
    }

    /// Makes sure `height` fits on the current page, starting a new one if needed (but never
    /// for a page that is still empty).
    fn ensure(&mut self, height: f32) {
        if height > self.room() && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    fn push(&mut self, item: Item) {
        self.pages.last_mut().expect("a page").items.push(item);
    }

    /// Places one line of text: its baseline sits `leading * 0.78` below the cursor.
    fn line(&mut self, x: f32, style: Style, text: String) {
        self.ensure(style.leading());
        let baseline = self.y + style.leading() * 0.78;
        self.push(Item::Text {
            x,
            y: baseline,
            style,
            text,
        });
        self.y += style.leading();
    }

    fn space(&mut self, h: f32) {
        if self.y > MARGIN_TOP {
            self.y += h;
        }
    }
}

/// Lays the blocks out on as many A4 pages as they need.
pub fn layout(blocks: &[Block]) -> Vec<Page> {
    let mut c = Cursor::new();
    for block in blocks {
        match block {
            Block::Text { style, text } => {
                let lines = wrap(
                    &fonts::printable(text),
                    style.face(),
                    style.size(),
                    CONTENT_WIDTH,
                );
                c.space(style.space_before());
                if style.is_heading() {
                    // Keep a heading with at least one line of what follows.
                    c.ensure(style.leading() * lines.len() as f32 + Style::Body.leading() * 2.0);
                }
                for l in lines {
                    c.line(MARGIN_X, *style, l);
                }
                if !style.is_heading() {
                    c.y += 4.0;
                }
            }
            Block::Bullet { text } => {
                let style = Style::Body;
                let lines = wrap(
                    &fonts::printable(text),
                    style.face(),
                    style.size(),
                    CONTENT_WIDTH - BULLET_INDENT,
                );
                for (i, l) in lines.into_iter().enumerate() {
                    c.ensure(style.leading());
                    if i == 0 {
                        let y = c.y + style.leading() * 0.78;
                        c.push(Item::Text {
                            x: MARGIN_X + 2.0,
                            y,
                            style,
                            text: "•".into(),
                        });
                    }
                    c.line(MARGIN_X + BULLET_INDENT, style, l);
                }
                c.y += 3.0;
            }
            Block::Fields(rows) => {
                for (label, value) in rows {
                    let labels = wrap(
                        &fonts::printable(label),
                        Face::Bold,
                        10.0,
                        LABEL_WIDTH - 8.0,
                    );
                    let values = wrap(
                        &fonts::printable(value),
                        Face::Regular,
                        10.0,
                        CONTENT_WIDTH - LABEL_WIDTH,
                    );
                    let n = labels.len().max(values.len());
                    for i in 0..n {
                        c.ensure(Style::Body.leading());
                        let y = c.y + Style::Body.leading() * 0.78;
                        if let Some(l) = labels.get(i) {
                            c.push(Item::Text {
                                x: MARGIN_X,
                                y,
                                style: Style::Label,
                                text: l.clone(),
                            });
                        }
                        if let Some(v) = values.get(i) {
                            c.push(Item::Text {
                                x: MARGIN_X + LABEL_WIDTH,
                                y,
                                style: Style::Body,
                                text: v.clone(),
                            });
                        }
                        c.y += Style::Body.leading();
                    }
                    c.y += 2.0;
                }
            }
            Block::Space(h) => c.space(*h),
            Block::PageBreak => {
                if c.y > MARGIN_TOP {
                    c.new_page();
                }
            }
            Block::WritingLines(n) => {
                let gap = 24.0;
                c.ensure(gap * *n as f32);
                for _ in 0..*n {
                    c.y += gap;
                    let y = c.y;
                    c.push(Item::Line {
                        x1: MARGIN_X,
                        y1: y,
                        x2: PAGE_WIDTH - MARGIN_X,
                        y2: y,
                    });
                }
                c.y += 6.0;
            }
            Block::Rule => {
                c.ensure(8.0);
                c.y += 4.0;
                let y = c.y;
                c.push(Item::Line {
                    x1: MARGIN_X,
                    y1: y,
                    x2: PAGE_WIDTH - MARGIN_X,
                    y2: y,
                });
                c.y += 4.0;
            }
            Block::Signatures {
                heading,
                signatories,
            } => {
                let per_row = 2usize;
                let rows = signatories.len().div_ceil(per_row).max(1);
                let height = Style::H1.leading() + 20.0 + rows as f32 * 110.0;
                c.space(Style::H1.space_before());
                c.ensure(height);
                c.line(MARGIN_X, Style::H1, fonts::printable(heading));
                c.y += 8.0;
                let col = CONTENT_WIDTH / per_row as f32;
                for row in signatories.chunks(per_row) {
                    let top = c.y;
                    for (i, s) in row.iter().enumerate() {
                        let x = MARGIN_X + col * i as f32;
                        let w = col - 24.0;
                        let mut y = top + 12.0;
                        for (style, text) in [(Style::Label, &s.role), (Style::Body, &s.name)] {
                            let first =
                                wrap(&fonts::printable(text), style.face(), style.size(), w)
                                    .into_iter()
                                    .next()
                                    .unwrap_or_default();
                            c.push(Item::Text {
                                x,
                                y,
                                style,
                                text: first,
                            });
                            y += style.leading();
                        }
                        y += 22.0;
                        if let Some(strokes) = &s.strokes {
                            // The drawing sits in a 4:1 box just above the line.
                            let (bw, bh) = (w.min(160.0), w.min(160.0) / 4.0);
                            for stroke in strokes {
                                for pair in stroke.windows(2) {
                                    c.push(Item::Line {
                                        x1: x + pair[0][0] * bw,
                                        y1: y - bh + pair[0][1] * bh,
                                        x2: x + pair[1][0] * bw,
                                        y2: y - bh + pair[1][1] * bh,
                                    });
                                }
                            }
                        }
                        c.push(Item::Line {
                            x1: x,
                            y1: y,
                            x2: x + w,
                            y2: y,
                        });
                        c.push(Item::Text {
                            x,
                            y: y + 10.0,
                            style: Style::Small,
                            text: fonts::printable(&s.signature_label),
                        });
                        y += 34.0;
                        c.push(Item::Line {
                            x1: x,
                            y1: y,
                            x2: x + w * 0.55,
                            y2: y,
                        });
                        c.push(Item::Text {
                            x,
                            y: y + 10.0,
                            style: Style::Small,
                            text: fonts::printable(&s.date_label),
                        });
                    }
                    c.y = top + 110.0;
                }
            }
        }
    }
    c.pages
}

/// All text placed on the pages, in order (for tests: nothing may be lost).
pub fn all_text(pages: &[Page]) -> String {
    let mut out = String::new();
    for p in pages {
        for item in &p.items {
            if let Item::Text { text, .. } = item {
                out.push_str(text);
                out.push(' ');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn squash(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let text = "Ik zit elke twee weken zelf de bouwvergadering voor en stuur binnen 24 uur het verslag met afspraken naar iedereen die erbij was.";
        let lines = wrap(text, Face::Regular, 10.0, 150.0);
        assert!(lines.len() > 3, "{lines:?}");
        for l in &lines {
            assert!(
                fonts::width(l, Face::Regular, 10.0) <= 150.0,
                "{l} too wide"
            );
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_not_lost() {
        let word = "x".repeat(400);
        let lines = wrap(&word, Face::Regular, 10.0, 100.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn newlines_start_new_lines() {
        assert_eq!(wrap("a\n\nb", Face::Regular, 10.0, 100.0), ["a", "", "b"]);
    }

    #[test]
    fn a_paragraph_longer_than_a_page_continues_on_the_next() {
        let long = "woord ".repeat(5000);
        let pages = layout(&[Block::Text {
            style: Style::Body,
            text: long.clone(),
        }]);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        assert_eq!(squash(&all_text(&pages)), squash(&long));
        for p in &pages {
            for item in &p.items {
                if let Item::Text { y, .. } = item {
                    assert!(
                        *y <= PAGE_HEIGHT - MARGIN_BOTTOM + 1.0,
                        "text in the footer area at {y}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_signature_block_is_never_split_over_two_pages() {
        let mut blocks = vec![Block::Text {
            style: Style::Body,
            text: "regel ".repeat(1150),
        }];
        blocks.push(Block::Signatures {
            heading: "Handtekeningen".into(),
            signatories: vec![
                Signatory {
                    role: "Medewerker".into(),
                    name: "Sanne".into(),
                    date_label: "Datum".into(),
                    signature_label: "Handtekening".into(),
                    strokes: None,
                },
                Signatory {
                    role: "Leidinggevende".into(),
                    name: "Mia".into(),
                    date_label: "Datum".into(),
                    signature_label: "Handtekening".into(),
                    strokes: None,
                },
            ],
        });
        let pages = layout(&blocks);
        let page_of = |needle: &str| {
            pages
                .iter()
                .position(|p| {
                    p.items
                        .iter()
                        .any(|i| matches!(i, Item::Text { text, .. } if text == needle))
                })
                .unwrap()
        };
        assert_eq!(page_of("Handtekeningen"), page_of("Mia"));
        assert_eq!(page_of("Sanne"), page_of("Mia"));
    }

    #[test]
    fn a_drawn_signature_is_drawn_above_its_line() {
        let pages = layout(&[Block::Signatures {
            heading: "Handtekeningen".into(),
            signatories: vec![Signatory {
                role: "Medewerker".into(),
                name: "Sanne".into(),
                date_label: "Datum".into(),
                signature_label: "Handtekening".into(),
                strokes: Some(vec![vec![[0.0, 0.5], [0.5, 0.0], [1.0, 1.0]]]),
            }],
        }]);
        let lines = pages[0]
            .items
            .iter()
            .filter(|i| matches!(i, Item::Line { .. }))
            .count();
        assert_eq!(
            lines,
            2 + 2,
            "two stroke segments plus the signature and date lines"
        );
    }

    #[test]
    fn a_heading_is_kept_with_the_text_after_it() {
        // Fill a page to just above the bottom, then a heading: it must move to the next page.
        let mut blocks = Vec::new();
        let line_h = Style::Body.leading();
        let lines_that_fit = ((PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) / line_h) as usize;
        blocks.push(Block::Text {
            style: Style::Body,
            text: vec!["x"; lines_that_fit - 2].join("\n"),
        });
        blocks.push(Block::Text {
            style: Style::H1,
            text: "Kop".into(),
        });
        blocks.push(Block::Text {
            style: Style::Body,
            text: "Tekst".into(),
        });
        let pages = layout(&blocks);
        let on_first = pages[0]
            .items
            .iter()
            .any(|i| matches!(i, Item::Text { text, .. } if text == "Kop"));
        assert!(
            !on_first,
            "the heading was left alone at the bottom of page 1"
        );
    }
}
