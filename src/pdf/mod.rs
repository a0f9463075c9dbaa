//! PDF export: a laid-out [`Document`] → PDF bytes. The only module that imports printpdf.
//! Fonts are embedded and subset; text is written as the shaped glyph ids with their Unicode
//! text attached (so copy-paste and `pdftotext` read the words back), kerning and justification
//! as TJ offsets; links become link annotations; headings become the document outline
//! (bookmarks). With a fixed creation time the bytes are deterministic: font resource names,
//! subset tags and the document ID are derived from the content, not drawn at random.

use std::fmt;

use std::io::Write as _;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, Color as PdfColor, FontId, LinePoint, LinkAnnotation, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use crate::layout::{Color, Document, FACES, FontKey, Item, OutlineEntry, glyph_index, nominal_advance};

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
    /// Keywords metadata.
    pub keywords: Vec<String>,
    /// Creation time written into the metadata; `None` is now. Fix it for byte-identical
    /// output (tests, reproducible builds).
    pub created: Option<jiff::Timestamp>,
}

/// Deflate level for page and font streams. Level 9 (lopdf's own `compress`) was a third of
/// the time of a 10-page export; level 3 writes the same note within 5 % of its size
/// (116 KB against 110 KB at level 6) in a fraction of the time.
const DEFLATE_LEVEL: u32 = 3;

/// 64-bit FNV-1a, for names and IDs derived from content.
fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Six capital letters from a hash: a subset tag as ISO 32000-1 9.6.4 wants it.
fn tag(mut h: u64) -> String {
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            c
        })
        .collect()
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
    pdf.metadata.info.keywords.clone_from(&opts.keywords);
    let created = opts.created.unwrap_or_else(jiff::Timestamp::now).as_second();
    let created = printpdf::OffsetDateTime::from_unix_timestamp(created)
        .map_err(|e| PdfError(format!("creation time out of range: {e}")))?;
    pdf.metadata.info.creation_date = created;
    pdf.metadata.info.modification_date = created;
    pdf.metadata.info.metadata_date = created;
    // Fonts are added only when used, so the file carries no unused faces. Each font's
    // resource name (whose first six letters printpdf uses as the subset tag) is derived
    // from the glyphs it carries, so the same text gives the same bytes.
    let mut used: [Vec<u16>; 8] = Default::default();
    for page in &doc.pages {
        for it in &page.items {
            if let Item::Text(run) = &it.item {
                used[run.font.index()].extend(run.glyphs.iter().map(|g| g.id).chain(glyph_index(run.font, ' ')));
            }
        }
    }
    let mut ids: [Option<FontId>; 8] = Default::default();
    for (i, glyphs) in used.iter_mut().enumerate() {
        if glyphs.is_empty() {
            continue;
        }
        glyphs.sort_unstable();
        glyphs.dedup();
        let bytes: Vec<u8> = glyphs.iter().flat_map(|g| g.to_be_bytes()).collect();
        let font = parsed_font(i).ok_or_else(|| PdfError(format!("bundled font {i} could not be parsed")))?;
        let id = FontId(format!("{}F{i}", tag(fnv(&bytes, i as u64))));
        pdf.resources.fonts.map.insert(id.clone(), printpdf::PdfFont::new(font.clone()));
        ids[i] = Some(id);
    }
    let h = doc.height;
    let mut pages = Vec::with_capacity(doc.pages.len());
    for page in &doc.pages {
        let mut ops = Vec::new();
        let mut line: Option<TextLine> = None;
        for it in &page.items {
            // Words on one baseline in one face, size and colour become one text object.
            if let Item::Text(run) = &it.item {
                if let Some(l) = line.as_mut().filter(|l| l.continues(run, it.x, it.y)) {
                    l.push(run, it.x);
                } else {
                    flush(&mut line, &mut ops, &ids, h);
                    line = Some(TextLine::new(run, it.x, it.y));
                }
                continue;
            }
            flush(&mut line, &mut ops, &ids, h);
            match &it.item {
                Item::Rect { width, height, fill } => {
                    ops.push(Op::SetFillColor { col: color(*fill) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(it.x),
                            y: Pt(h - it.y - height),
                            width: Pt(*width),
                            height: Pt(*height),
                            // `None` writes the path with `n` (no paint): the fill was lost.
                            mode: Some(printpdf::PaintMode::Fill),
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
                Item::Text(_) => {}
            }
        }
        flush(&mut line, &mut ops, &ids, h);
        pages.push(PdfPage::new(
            Mm(doc.width / crate::layout::PT_PER_MM),
            Mm(doc.height / crate::layout::PT_PER_MM),
            ops,
        ));
    }
    let mut warnings = Vec::new();
    pdf.with_pages(pages);
    let save = PdfSaveOptions { subset_fonts: true, optimize: false, ..PdfSaveOptions::default() };
    let mut lo = printpdf::to_lopdf_doc(&pdf, &save, &mut warnings);
    add_outline(&mut lo, &doc.outline, doc.height)?;
    compress(&mut lo)?;
    set_document_id(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| PdfError(e.to_string()))?;
    if bytes.is_empty() {
        return Err(PdfError("the PDF writer produced no bytes".into()));
    }
    Ok(bytes)
}

/// Deflates every stream printpdf allows to be compressed (page content, font programs).
fn compress(lo: &mut lopdf::Document) -> Result<(), PdfError> {
    for object in lo.objects.values_mut() {
        if let Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let mut enc = flate2::write::ZlibEncoder::new(
                Vec::with_capacity(stream.content.len() / 3),
                flate2::Compression::new(DEFLATE_LEVEL),
            );
            enc.write_all(&stream.content).map_err(|e| PdfError(e.to_string()))?;
            let packed = enc.finish().map_err(|e| PdfError(e.to_string()))?;
            if packed.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(packed);
            }
        }
    }
    Ok(())
}

/// The trailer's `/ID`: a hash of every stream (page content, fonts) and of the document
/// information, so identical documents get identical IDs and different ones differ.
fn set_document_id(lo: &mut lopdf::Document) {
    let mut h1 = 0u64;
    let mut h2 = 0u64;
    let info = lo.trailer.get(b"Info").and_then(Object::as_reference).ok();
    for (id, object) in &lo.objects {
        let repr = match object {
            Object::Stream(s) => fnv(&s.content, u64::from(id.0)),
            other if Some(*id) == info => fnv(format!("{other:?}").as_bytes(), u64::from(id.0)),
            _ => continue,
        };
        h1 = fnv(&repr.to_le_bytes(), h1);
        h2 = fnv(&repr.to_be_bytes(), h2 ^ 0x9e37_79b9_7f4a_7c15);
    }
    let id = format!("{h1:016x}{h2:016x}").into_bytes();
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
}

/// A PDF text string: PDFDocEncoding-safe ASCII as is, anything else as UTF-16BE with a BOM.
fn text_string(s: &str) -> Object {
    if s.chars().all(|c| (' '..='~').contains(&c)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut b = vec![0xfe, 0xff];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(b, StringFormat::Hexadecimal)
    }
}

/// Writes the headings as the document outline (nested by level) and opens the PDF with
/// the outline panel shown.
fn add_outline(lo: &mut lopdf::Document, outline: &[OutlineEntry], page_height: f32) -> Result<(), PdfError> {
    if outline.is_empty() {
        return Ok(());
    }
    let pages = lo.get_pages();
    let root = lo.new_object_id();
    let ids: Vec<ObjectId> = outline.iter().map(|_| lo.new_object_id()).collect();
    // Parent of each entry: the nearest earlier entry with a lower level, else the root.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(outline.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in outline.iter().enumerate() {
        while stack.last().is_some_and(|&j| outline[j].level >= e.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> { (0..outline.len()).filter(|&i| parent[i] == p).collect() };
    for (i, e) in outline.iter().enumerate() {
        let page = pages
            .get(&(e.page as u32 + 1))
            .copied()
            .ok_or_else(|| PdfError(format!("outline entry `{}` points at a missing page", e.title)))?;
        let siblings = children(parent[i]);
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut d = Dictionary::new();
        d.set("Title", text_string(&e.title));
        d.set("Parent", Object::Reference(parent[i].map_or(root, |p| ids[p])));
        d.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(page_height - e.y + 4.0),
                Object::Null,
            ]),
        );
        if pos > 0 {
            d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if let Some(&n) = siblings.get(pos + 1) {
            d.set("Next", Object::Reference(ids[n]));
        }
        let kids = children(Some(i));
        if let (Some(&f), Some(&l)) = (kids.first(), kids.last()) {
            d.set("First", Object::Reference(ids[f]));
            d.set("Last", Object::Reference(ids[l]));
            d.set("Count", Object::Integer(kids.len() as i64));
        }
        lo.objects.insert(ids[i], Object::Dictionary(d));
    }
    let top = children(None);
    let mut r = Dictionary::new();
    r.set("Type", "Outlines");
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        r.set("First", Object::Reference(ids[f]));
        r.set("Last", Object::Reference(ids[l]));
    }
    r.set("Count", Object::Integer(top.len() as i64));
    lo.objects.insert(root, Object::Dictionary(r));
    let catalog = lo.catalog_mut().map_err(|e| PdfError(format!("no catalog: {e}")))?;
    catalog.set("Outlines", Object::Reference(root));
    catalog.set("PageMode", "UseOutlines");
    Ok(())
}

/// Text runs on one baseline collected into one `TJ`: the gap between two words is a real
/// space glyph (so extraction reads a space) whose advance is corrected to the laid-out gap.
struct TextLine {
    font: FontKey,
    size: f32,
    color: Color,
    x: f32,
    y: f32,
    /// Where the last run ends.
    end: f32,
    codes: Vec<printpdf::Codepoint>,
}

impl TextLine {
    fn new(run: &crate::layout::TextRun, x: f32, y: f32) -> TextLine {
        TextLine {
            font: run.font,
            size: run.size,
            color: run.color,
            x,
            y,
            end: x + run.width,
            codes: glyph_codes(run.font, run.size, &run.glyphs),
        }
    }

    fn continues(&self, run: &crate::layout::TextRun, x: f32, y: f32) -> bool {
        self.font == run.font
            && self.size == run.size
            && self.color == run.color
            && (self.y - y).abs() < 0.01
            && x >= self.end - 0.01
    }

    fn push(&mut self, run: &crate::layout::TextRun, x: f32) {
        let gap = x - self.end;
        if gap > 0.05 && self.size > 0.0 {
            match glyph_index(self.font, ' ') {
                Some(space) => {
                    let nominal = nominal_advance(self.font, space, self.size);
                    let offset = (nominal - gap) * 1000.0 / self.size;
                    self.codes.push(printpdf::Codepoint { gid: space, offset, cid: Some(" ".into()) });
                }
                None => {
                    if let Some(last) = self.codes.last_mut() {
                        last.offset -= gap * 1000.0 / self.size;
                    }
                }
            }
        }
        self.codes.extend(glyph_codes(run.font, run.size, &run.glyphs));
        self.end = x + run.width;
    }
}

/// Writes the pending line of text, if any, as one text object.
fn flush(line: &mut Option<TextLine>, ops: &mut Vec<Op>, ids: &[Option<FontId>; 8], h: f32) {
    let Some(l) = line.take() else { return };
    let Some(id) = ids[l.font.index()].clone() else { return };
    ops.push(Op::SetFillColor { col: color(l.color) });
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont { font: PdfFontHandle::External(id), size: Pt(l.size) });
    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(l.x), Pt(h - l.y)) });
    ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(l.codes)] });
    ops.push(Op::EndTextSection);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Style, layout};

    fn opts() -> PdfOptions {
        PdfOptions {
            author: "Drafter".into(),
            subject: "Subject".into(),
            keywords: vec!["Élodie Marchand".into()],
            created: jiff::Timestamp::from_second(1_790_000_000).ok(),
        }
    }

    const NOTE: &str =
        "# Note\n\nIntro text.\n\n## Background\n\nMore.\n\n### Detail\n\nText.\n\n## Élodie and Жанна\n\nEnd.";

    #[test]
    fn a_fixed_clock_gives_identical_bytes() {
        let doc = layout(NOTE, &Style::default(), "Note");
        let a = write(&doc, &opts()).expect("pdf");
        let b = write(&doc, &opts()).expect("pdf");
        assert!(a == b, "two exports of the same note differ");
        let other = layout(&NOTE.replace("More.", "Less."), &Style::default(), "Note");
        assert!(write(&other, &opts()).expect("pdf") != a, "different notes give different bytes");
    }

    #[test]
    fn headings_become_a_nested_outline() {
        let doc = layout(NOTE, &Style::default(), "Note");
        let bytes = write(&doc, &opts()).expect("pdf");
        let lo = lopdf::Document::load_mem(&bytes).expect("reads back");
        let catalog = lo.catalog().expect("catalog");
        let root = catalog.get(b"Outlines").and_then(Object::as_reference).expect("outline");
        let root = lo.get_dictionary(root).expect("outline root");
        let first = root.get(b"First").and_then(Object::as_reference).expect("first entry");
        let top = lo.get_dictionary(first).expect("entry");
        assert_eq!(top.get(b"Title").and_then(Object::as_str).ok(), Some(&b"Note"[..]));
        // "Note" holds "Background" (which holds "Detail") and the Cyrillic heading.
        assert_eq!(top.get(b"Count").and_then(Object::as_i64).ok(), Some(2));
        let last = top.get(b"Last").and_then(Object::as_reference).expect("last child");
        let title = lo.get_dictionary(last).and_then(|d| d.get(b"Title")).and_then(Object::as_str).expect("title");
        let utf16: Vec<u16> = title[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        assert_eq!(String::from_utf16_lossy(&utf16), "Élodie and Жанна");
        let info = lo.trailer.get(b"Info").and_then(Object::as_reference).expect("info");
        let info = lo.get_dictionary(info).expect("info dict");
        assert!(info.get(b"Author").is_ok() && info.get(b"Keywords").is_ok() && info.get(b"CreationDate").is_ok());
    }
}
