//! PDF export: a laid-out [`Document`] → PDF bytes. The only module that imports printpdf.
//! Fonts are embedded and subset; text is written as the shaped glyph ids with their Unicode
//! text attached (so copy-paste and `pdftotext` read the words back), kerning and justification
//! as TJ offsets; links become link annotations.

use std::fmt;

use printpdf::{
    Actions, Color as PdfColor, FontId, LinePoint, LinkAnnotation, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use crate::layout::{Color, Document, FACES, FontKey, Item, nominal_advance};

/// Why a PDF could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError(pub String);

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write the PDF: {}", self.0)
    }
}

impl std::error::Error for PdfError {}

/// Settings for [`write`].
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Author metadata.
    pub author: String,
    /// Subject metadata.
    pub subject: String,
}

/// The bundled faces parsed once per process (parsing is most of a small export's time).
fn parsed_font(i: usize) -> Option<&'static ParsedFont> {
    static FONTS: std::sync::OnceLock<Vec<Option<ParsedFont>>> = std::sync::OnceLock::new();
    FONTS
        .get_or_init(|| FACES.iter().map(|bytes| ParsedFont::from_bytes(bytes, 0, &mut Vec::new())).collect())
        .get(i)
        .and_then(Option::as_ref)
}

fn color(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb { r: c.0, g: c.1, b: c.2, icc_profile: None })
}

/// Writes the document as PDF bytes.
pub fn write(doc: &Document, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(&doc.title);
    pdf.metadata.info.author.clone_from(&opts.author);
    pdf.metadata.info.subject.clone_from(&opts.subject);
    pdf.metadata.info.creator = "briefing".into();
    pdf.metadata.info.producer = format!("briefing {}", env!("CARGO_PKG_VERSION"));
    // Fonts are added only when used, so the file carries no unused faces.
    let mut ids: [Option<FontId>; 8] = Default::default();
    for page in &doc.pages {
        for it in &page.items {
            if let Item::Text(run) = &it.item {
                let i = run.font.index();
                if ids[i].is_none() {
                    let font =
                        parsed_font(i).ok_or_else(|| PdfError(format!("bundled font {i} could not be parsed")))?;
                    ids[i] = Some(pdf.add_font(font));
                }
            }
        }
    }
    let h = doc.height;
    let mut pages = Vec::with_capacity(doc.pages.len());
    for page in &doc.pages {
        let mut ops = Vec::new();
        for it in &page.items {
            match &it.item {
                Item::Rect { width, height, fill } => {
                    ops.push(Op::SetFillColor { col: color(*fill) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(it.x),
                            y: Pt(h - it.y - height),
                            width: Pt(*width),
                            height: Pt(*height),
                            mode: None,
                            winding_order: None,
                        },
                    });
                }
                Item::Line { dx, dy, width, color: c } => {
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: printpdf::Line {
                            points: vec![
                                LinePoint { p: Point { x: Pt(it.x), y: Pt(h - it.y) }, bezier: false },
                                LinePoint { p: Point { x: Pt(it.x + dx), y: Pt(h - it.y - dy) }, bezier: false },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Item::Link { width, height, url } => {
                    ops.push(Op::LinkAnnotation {
                        link: LinkAnnotation::new(
                            Rect {
                                x: Pt(it.x),
                                y: Pt(h - it.y - height),
                                width: Pt(*width),
                                height: Pt(*height),
                                mode: None,
                                winding_order: None,
                            },
                            Actions::uri(url.clone()),
                            None,
                            None,
                            None,
                        ),
                    });
                }
                Item::Text(run) => {
                    let Some(id) = ids[run.font.index()].clone() else {
                        continue;
                    };
                    ops.push(Op::SetFillColor { col: color(run.color) });
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont { font: PdfFontHandle::External(id), size: Pt(run.size) });
                    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(it.x), Pt(h - it.y)) });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(glyph_codes(run.font, run.size, &run.glyphs))],
                    });
                    ops.push(Op::EndTextSection);
                }
            }
        }
        pages.push(PdfPage::new(
            Mm(doc.width / crate::layout::PT_PER_MM),
            Mm(doc.height / crate::layout::PT_PER_MM),
            ops,
        ));
    }
    let mut warnings = Vec::new();
    let bytes =
        pdf.with_pages(pages).save(&PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() }, &mut warnings);
    if bytes.is_empty() {
        return Err(PdfError("the PDF writer produced no bytes".into()));
    }
    Ok(bytes)
}

/// Glyph ids with the Unicode text each stands for and the TJ offset that turns the font's
/// nominal advance into the shaped one (kerning).
fn glyph_codes(font: FontKey, size: f32, glyphs: &[crate::layout::Glyph]) -> Vec<printpdf::Codepoint> {
    glyphs
        .iter()
        .map(|g| {
            let nominal = nominal_advance(font, g.id, size);
            let offset = if size > 0.0 { (nominal - g.advance) * 1000.0 / size } else { 0.0 };
            let offset = if offset.abs() < 0.01 { 0.0 } else { offset };
            let text = if g.text.is_empty() { None } else { Some(g.text.clone()) };
            printpdf::Codepoint { gid: g.id, offset, cid: text }
        })
        .collect()
}
