//! Drawing laid-out pages with printpdf: text with the embedded fonts, thin lines, and a
//! footer on every page ("Pagina X van Y").

use super::fonts::{self, Face, BOLD, REGULAR};
use super::layout::{layout, Block, Item, Page, Style, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, TextItem,
};

/// What goes around the content.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// PDF title (also the document's name in viewers).
    pub title: String,
    pub author: String,
    /// Left part of the footer, e.g. plan title and status.
    pub footer: String,
    /// "Pagina {page} van {pages}" in the document's language.
    pub page_label: fn(usize, usize) -> String,
    /// Creation date, seconds since 1970 (passed in, so output is reproducible).
    pub created_unix: i64,
    /// PDF subject: the fingerprint of a signed version, so it can be found in the file.
    pub subject: String,
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

struct Fonts {
    regular: FontId,
    bold: FontId,
}

fn text_ops(ops: &mut Vec<Op>, fonts: &Fonts, x: f32, y_from_top: f32, style: Style, text: &str) {
    if text.is_empty() {
        return;
    }
    let font = match style.face() {
        Face::Regular => fonts.regular.clone(),
        Face::Bold => fonts.bold.clone(),
    };
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font),
        size: Pt(style.size()),
    });
    ops.push(Op::SetFillColor {
        col: grey(style.grey()),
    });
    ops.push(Op::SetTextCursor {
        pos: Point {
            x: Pt(x),
            y: Pt(PAGE_HEIGHT - y_from_top),
        },
    });
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(text.to_owned())],
    });
    ops.push(Op::EndTextSection);
}

fn line_ops(ops: &mut Vec<Op>, x1: f32, y1: f32, x2: f32, y2: f32) {
    let p = |x: f32, y: f32| LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(PAGE_HEIGHT - y),
        },
        bezier: false,
    };
    ops.push(Op::SetOutlineColor { col: grey(0.55) });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
    ops.push(Op::DrawLine {
        line: Line {
            points: vec![p(x1, y1), p(x2, y2)],
            is_closed: false,
        },
    });
}

fn page_ops(
    page: &Page,
    number: usize,
    total: usize,
    opts: &RenderOptions,
    fonts: &Fonts,
) -> Vec<Op> {
    let mut ops = Vec::new();
    for item in &page.items {
        match item {
            Item::Text { x, y, style, text } => text_ops(&mut ops, fonts, *x, *y, *style, text),
            Item::Line { x1, y1, x2, y2 } => line_ops(&mut ops, *x1, *y1, *x2, *y2),
        }
    }
    // Footer: a rule, the document line on the left, the page number on the right.
    let footer_y = PAGE_HEIGHT - 36.0;
    line_ops(
        &mut ops,
        MARGIN_X,
        footer_y - 12.0,
        PAGE_WIDTH - MARGIN_X,
        footer_y - 12.0,
    );
    let label = (opts.page_label)(number, total);
    let label_w = fonts::width(&label, Face::Regular, Style::Footer.size());
    let room = PAGE_WIDTH - 2.0 * MARGIN_X - label_w - 16.0;
    let footer = super::layout::wrap(
        &fonts::printable(&opts.footer),
        Face::Regular,
        Style::Footer.size(),
        room,
    )
    .into_iter()
    .next()
    .unwrap_or_default();
    text_ops(&mut ops, fonts, MARGIN_X, footer_y, Style::Footer, &footer);
    text_ops(
        &mut ops,
        fonts,
        PAGE_WIDTH - MARGIN_X - label_w,
        footer_y,
        Style::Footer,
        &label,
    );
    ops
}

/// Lays out and draws `blocks` as an A4 PDF.
pub fn render(blocks: &[Block], opts: &RenderOptions) -> Vec<u8> {
    let pages = layout(blocks);
    let mut doc = PdfDocument::new(&opts.title);
    let mut warnings = Vec::new();
    let regular = ParsedFont::from_bytes(REGULAR, 0, &mut warnings).expect("bundled font");
    let bold = ParsedFont::from_bytes(BOLD, 0, &mut warnings).expect("bundled font");
    let fonts = Fonts {
        regular: doc.add_font(&regular),
        bold: doc.add_font(&bold),
    };
    let when = printpdf::DateTime::from_unix_timestamp(opts.created_unix)
        .unwrap_or_else(|_| printpdf::DateTime::from_unix_timestamp(0).expect("epoch"));
    let info = &mut doc.metadata.info;
    info.document_title = opts.title.clone();
    info.author = opts.author.clone();
    info.creator = "Groeikoers".into();
    info.subject = opts.subject.clone();
    info.producer = "Groeikoers".into();
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    let total = pages.len();
    let pdf_pages = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            PdfPage::new(
                Mm(210.0),
                Mm(297.0),
                page_ops(p, i + 1, total, opts, &fonts),
            )
        })
        .collect();
    let mut save_warnings = Vec::new();
    doc.with_pages(pdf_pages)
        .save(&PdfSaveOptions::default(), &mut save_warnings)
}
