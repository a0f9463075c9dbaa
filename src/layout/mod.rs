//! Layout: the note's Markdown and a [`Style`] → a [`Document`] of pages of positioned items
//! (shaped glyph runs, rules, rectangles, link areas). Our own engine: pulldown-cmark blocks
//! → shaped, wrapped (optionally justified) lines → pages, keeping headings with what
//! follows, avoiding widows and orphans, fitting and splitting tables (header row repeated),
//! and adding the running header and footer (classification marking, title, "Page N of M").
//!
//! The same `Document` is written to PDF ([`crate::pdf`]) and painted in the GUI preview.

mod blocks;
mod charts;
mod fonts;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use blocks::{Block, Inline, InlineStyle, parse as parse_markdown};
pub use fonts::{FACES, Family, FontKey, Glyph, covers, glyph_index, measure, nominal_advance, shape};

use crate::brief::{PageSize, Template};

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Color(pub f32, pub f32, pub f32);

impl Color {
    /// Black.
    pub const BLACK: Color = Color(0.0, 0.0, 0.0);
    /// Grey for rules and secondary text.
    pub const GREY: Color = Color(0.45, 0.45, 0.45);
    /// Light grey fill for table headers.
    pub const LIGHT: Color = Color(0.92, 0.92, 0.92);
    /// Link blue.
    pub const LINK: Color = Color(0.05, 0.25, 0.6);
    /// Classification red.
    pub const MARKING: Color = Color(0.7, 0.0, 0.0);
}

/// A shaped run of glyphs (one word, usually).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextRun {
    /// Face.
    pub font: FontKey,
    /// Size in points.
    pub size: f32,
    /// Shaped glyphs.
    pub glyphs: Vec<Glyph>,
    /// The characters.
    pub text: String,
    /// Width in points.
    pub width: f32,
    /// Colour.
    pub color: Color,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Item {
    /// Text; the item's `y` is the baseline.
    Text(TextRun),
    /// A filled rectangle; `y` is its top.
    Rect {
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Fill colour.
        fill: Color,
    },
    /// A straight line from the item's position.
    Line {
        /// Horizontal extent.
        dx: f32,
        /// Vertical extent.
        dy: f32,
        /// Stroke width.
        width: f32,
        /// Colour.
        color: Color,
    },
    /// A clickable link area; `y` is its top.
    Link {
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Target.
        url: String,
    },
}

/// An item at a position (points from the page's top-left corner).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placed {
    /// Distance from the left edge.
    pub x: f32,
    /// Distance from the top edge.
    pub y: f32,
    /// What is drawn.
    pub item: Item,
}

/// One page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Page {
    /// Items in drawing order.
    pub items: Vec<Placed>,
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Document title (PDF metadata, window titles).
    pub title: String,
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Pages.
    pub pages: Vec<Page>,
    /// The headings in order, with where they landed (the PDF's outline).
    pub outline: Vec<OutlineEntry>,
}

/// A heading and where it was placed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutlineEntry {
    /// Heading level, 1–6.
    pub level: u8,
    /// The heading's text.
    pub title: String,
    /// Page index (0-based).
    pub page: usize,
    /// Distance of the heading's top from the page's top, points.
    pub y: f32,
}

impl Document {
    /// A line-per-item text dump of the layout (positions rounded to 0.1 pt), for golden
    /// tests and for reading what the engine did without a PDF viewer.
    pub fn dump(&self) -> String {
        use std::fmt::Write as _;
        let mut out = format!("document {:.1} x {:.1}, {} pages\n", self.width, self.height, self.pages.len());
        for e in &self.outline {
            let _ = writeln!(out, "outline h{} p{} y{:.1} {}", e.level, e.page + 1, e.y, e.title);
        }
        for (i, p) in self.pages.iter().enumerate() {
            let _ = writeln!(out, "page {}", i + 1);
            for it in &p.items {
                let _ = match &it.item {
                    Item::Text(t) => {
                        let f = t.font;
                        let face = format!(
                            "{}{}{}",
                            if f.family == Family::Serif { "serif" } else { "sans" },
                            if f.bold { "-bold" } else { "" },
                            if f.italic { "-italic" } else { "" }
                        );
                        writeln!(out, "  text {:.1},{:.1} {face} {:.1} {:?}", it.x, it.y, t.size, t.text)
                    }
                    Item::Rect { width, height, .. } => {
                        writeln!(out, "  rect {:.1},{:.1} {:.1}x{:.1}", it.x, it.y, width, height)
                    }
                    Item::Line { dx, dy, .. } => writeln!(out, "  line {:.1},{:.1} +{:.1},{:.1}", it.x, it.y, dx, dy),
                    Item::Link { width, height, url } => {
                        writeln!(out, "  link {:.1},{:.1} {:.1}x{:.1} {url}", it.x, it.y, width, height)
                    }
                };
            }
        }
        out
    }

    /// All text of a page, lines joined by newlines (for tests and search).
    pub fn page_text(&self, page: usize) -> String {
        let Some(p) = self.pages.get(page) else {
            return String::new();
        };
        let mut out = String::new();
        let mut last_y = f32::NAN;
        for it in &p.items {
            if let Item::Text(t) = &it.item {
                if !out.is_empty() {
                    out.push(if (it.y - last_y).abs() > 0.5 { '\n' } else { ' ' });
                }
                out.push_str(&t.text);
                last_y = it.y;
            }
        }
        out
    }
}

/// Page geometry and typography.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Style {
    /// Page width, points.
    pub width: f32,
    /// Page height, points.
    pub height: f32,
    /// Left and right margin, points.
    pub margin_x: f32,
    /// Top margin, points.
    pub margin_top: f32,
    /// Bottom margin, points.
    pub margin_bottom: f32,
    /// Body family.
    pub family: Family,
    /// Body size, points.
    pub size: f32,
    /// Justify paragraphs.
    pub justify: bool,
    /// Classification marking printed top and bottom of every page (empty: none).
    pub classification: String,
    /// Running header text (the note's title and file number).
    pub header: String,
}

impl Style {
    /// The style a template asks for.
    pub fn for_template(t: &Template, classification: &str, header: &str) -> Style {
        let (w, h) = match t.page {
            PageSize::A4 => (210.0 * PT_PER_MM, 297.0 * PT_PER_MM),
            PageSize::Letter => (612.0, 792.0),
        };
        Style {
            width: w,
            height: h,
            margin_x: 22.0 * PT_PER_MM,
            margin_top: 26.0 * PT_PER_MM,
            margin_bottom: 24.0 * PT_PER_MM,
            family: if t.font == "sans" { Family::Sans } else { Family::Serif },
            size: 10.5,
            justify: t.justify,
            classification: classification.to_string(),
            header: header.to_string(),
        }
    }
}

impl Default for Style {
    fn default() -> Self {
        Style {
            width: 210.0 * PT_PER_MM,
            height: 297.0 * PT_PER_MM,
            margin_x: 22.0 * PT_PER_MM,
            margin_top: 26.0 * PT_PER_MM,
            margin_bottom: 24.0 * PT_PER_MM,
            family: Family::Serif,
            size: 10.5,
            justify: true,
            classification: String::new(),
            header: String::new(),
        }
    }
}

/// A line of the flow before pagination; item `y`s are relative to the line's top.
#[derive(Debug, Clone, Default)]
struct FlowLine {
    height: f32,
    space_before: f32,
    items: Vec<Placed>,
    keep_with_next: bool,
    page_break: bool,
    /// Table id and whether this is its header row.
    table: Option<(usize, bool)>,
    /// The first line of a heading: its level and text (for the outline).
    heading: Option<(u8, String)>,
    /// Footnotes referenced on this line (placed at the foot of its page).
    notes: Vec<u32>,
}

/// Word-width cache for one layout run.
#[derive(Default)]
struct Shaper {
    cache: HashMap<(usize, u32, String), (Vec<Glyph>, f32)>,
}

impl Shaper {
    fn run(&mut self, font: FontKey, size: f32, text: &str, color: Color) -> TextRun {
        let key = (font.index(), size.to_bits(), text.to_string());
        let (glyphs, width) = self
            .cache
            .entry(key)
            .or_insert_with(|| {
                let g = shape(font, text, size);
                let w = g.iter().map(|g| g.advance).sum();
                (g, w)
            })
            .clone();
        TextRun { font, size, glyphs, text: text.to_string(), width, color }
    }

    fn width(&mut self, font: FontKey, size: f32, text: &str) -> f32 {
        self.run(font, size, text, Color::BLACK).width
    }
}

/// A word to place: text, face, link.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    font: FontKey,
    link: Option<String>,
    /// A space follows (the next word starts after a gap).
    space_after: bool,
    /// A forced line break follows.
    break_after: bool,
    /// A footnote mark (drawn small and raised).
    note: Option<u32>,
}

/// Footnote marks are drawn at this share of the text size, raised by `SUP_RISE` of it.
const SUP_SCALE: f32 = 0.62;
const SUP_RISE: f32 = 0.36;

/// The size a word is drawn at.
fn word_size(w: &Word, size: f32) -> f32 {
    if w.note.is_some() { size * SUP_SCALE } else { size }
}

fn font_for(style: InlineStyle, family: Family) -> FontKey {
    FontKey { family: if style.code { Family::Sans } else { family }, bold: style.bold, italic: style.italic }
}

fn words_of(inlines: &[Inline], family: Family, force_bold: bool, force_italic: bool) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for inl in inlines {
        let mut st = inl.style;
        st.bold |= force_bold;
        st.italic |= force_italic;
        let font = font_for(st, family);
        if inl.text == "\n" {
            if let Some(w) = out.last_mut() {
                w.break_after = true;
            }
            continue;
        }
        let starts_with_space = inl.text.starts_with(char::is_whitespace);
        if starts_with_space && let Some(w) = out.last_mut() {
            w.space_after = true;
        }
        let parts: Vec<&str> = inl.text.split_whitespace().collect();
        let ends_with_space = inl.text.ends_with(char::is_whitespace);
        for (i, p) in parts.iter().enumerate() {
            // A word glued to the previous inline ("**bold**," ) continues it without a gap.
            out.push(Word {
                text: (*p).to_string(),
                font,
                link: inl.link.clone(),
                space_after: i + 1 < parts.len() || ends_with_space,
                break_after: false,
                note: inl.style.footnote,
            });
        }
    }
    out
}

/// Lays out a Markdown document.
pub fn layout(markdown: &str, style: &Style, title: &str) -> Document {
    let blocks = blocks::parse(markdown);
    let mut shaper = Shaper::default();
    let mut flow: Vec<FlowLine> = Vec::new();
    let width = style.width - 2.0 * style.margin_x;
    let mut table_id = 0;
    for (i, b) in blocks.iter().enumerate() {
        let first = i == 0;
        block_lines(b, style, &mut shaper, style.margin_x, width, 0, first, &mut flow, &mut table_id);
    }
    // Footnotes: each laid out small, to be placed at the foot of the page of its first
    // reference; a note nobody references is printed where it was written.
    let referenced: std::collections::HashSet<u32> = flow.iter().flat_map(|l| l.notes.iter().copied()).collect();
    let mut notes: HashMap<u32, Vec<FlowLine>> = HashMap::new();
    for b in &blocks {
        if let Block::FootnoteDef(n, inl) = b {
            let ns = style.size * 0.8;
            let mut words = vec![Word {
                text: n.to_string(),
                font: FontKey::regular(style.family),
                link: None,
                space_after: true,
                break_after: false,
                note: Some(*n),
            }];
            words.extend(words_of(inl, style.family, false, false));
            let mut lines = wrap(&words, &mut shaper, ns, style.margin_x, width, false, Color::BLACK, ns * 1.3);
            for l in &mut lines {
                l.notes.clear();
            }
            if referenced.contains(n) {
                // A note taller than a third of the page keeps only what fits there.
                let limit = (style.height - style.margin_top - style.margin_bottom) / 3.0;
                let mut h = 0.0;
                lines.retain(|l| {
                    h += l.height;
                    h <= limit
                });
                notes.entry(*n).or_insert(lines);
            } else {
                if let Some(l) = lines.first_mut() {
                    l.space_before = style.size * 0.5;
                }
                flow.extend(lines);
            }
        }
    }
    let (mut pages, outline) = paginate(&flow, &notes, style);
    decorate(&mut pages, style, &mut shaper);
    Document { title: title.to_string(), width: style.width, height: style.height, pages, outline }
}

#[allow(clippy::too_many_arguments)]
fn block_lines(
    b: &Block,
    style: &Style,
    sh: &mut Shaper,
    x: f32,
    width: f32,
    depth: usize,
    first: bool,
    out: &mut Vec<FlowLine>,
    table_id: &mut usize,
) {
    let size = style.size;
    let lead = size * 1.38;
    match b {
        Block::Heading(level, inl) => {
            let (hs, before) = match level {
                1 => (size * 1.7, size * 0.6),
                2 => (size * 1.25, size * 1.3),
                _ => (size * 1.08, size * 1.0),
            };
            let words = words_of(inl, style.family, true, false);
            let mut lines = wrap(&words, sh, hs, x, width, false, Color::BLACK, hs * 1.25);
            if let Some(l) = lines.first_mut() {
                l.space_before = if first { 0.0 } else { before };
                let title = inl.iter().map(|i| i.text.as_str()).collect::<String>();
                l.heading = Some((*level, title.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
            for l in &mut lines {
                l.keep_with_next = true;
            }
            if *level == 1 {
                // A rule under the title.
                let y = hs * 1.25 + 3.0;
                if let Some(l) = lines.last_mut() {
                    l.items.push(Placed {
                        x,
                        y,
                        item: Item::Line { dx: width, dy: 0.0, width: 0.8, color: Color::GREY },
                    });
                    l.height += 6.0;
                }
            }
            out.extend(lines);
        }
        Block::Paragraph(inl) => {
            let words = words_of(inl, style.family, false, false);
            let mut lines = wrap(&words, sh, size, x, width, style.justify, Color::BLACK, lead);
            if let Some(l) = lines.first_mut() {
                l.space_before = if first { 0.0 } else { size * 0.55 };
            }
            let n = lines.len();
            if n >= 3 {
                lines[0].keep_with_next = true;
                lines[n - 2].keep_with_next = true;
            }
            out.extend(lines);
        }
        Block::List(start, items) => {
            let indent = 15.0;
            for (k, item) in items.iter().enumerate() {
                let marker = match start {
                    Some(s) => format!("{}.", s + k as u64),
                    None => {
                        if depth.is_multiple_of(2) {
                            "•".to_string()
                        } else {
                            "–".to_string()
                        }
                    }
                };
                let before = out.len();
                for (j, inner) in item.iter().enumerate() {
                    block_lines(
                        inner,
                        style,
                        sh,
                        x + indent,
                        width - indent,
                        depth + 1,
                        j == 0 && k == 0 && first,
                        out,
                        table_id,
                    );
                }
                if let Some(l) = out.get_mut(before) {
                    let run = sh.run(FontKey::regular(style.family), size, &marker, Color::BLACK);
                    let mx = x + indent - 4.0 - run.width;
                    let baseline =
                        l.items.iter().find_map(|p| matches!(p.item, Item::Text(_)).then_some(p.y)).unwrap_or(size);
                    l.items.push(Placed { x: mx, y: baseline, item: Item::Text(run) });
                    l.space_before = if k == 0 && !first { size * 0.45 } else { size * 0.2 };
                }
            }
        }
        Block::Quote(inner) => {
            let before = out.len();
            for (j, b) in inner.iter().enumerate() {
                if let Block::Paragraph(inl) = b {
                    let words = words_of(inl, style.family, false, true);
                    let mut lines = wrap(&words, sh, size, x + 14.0, width - 14.0, false, Color(0.2, 0.2, 0.2), lead);
                    if let Some(l) = lines.first_mut() {
                        l.space_before = if j == 0 { size * 0.6 } else { size * 0.4 };
                    }
                    out.extend(lines);
                } else {
                    block_lines(b, style, sh, x + 14.0, width - 14.0, depth + 1, false, out, table_id);
                }
            }
            for l in &mut out[before..] {
                l.items.push(Placed {
                    x: x + 3.0,
                    y: 0.0,
                    item: Item::Line { dx: 0.0, dy: l.height, width: 2.0, color: Color(0.75, 0.75, 0.75) },
                });
            }
        }
        Block::Table(head, rows, _) => {
            *table_id += 1;
            let id = *table_id;
            let cols = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
            if cols == 0 {
                return;
            }
            let ts = size * 0.9;
            let pad = 4.0;
            // Natural and minimum widths per column.
            let mut natural = vec![0.0f32; cols];
            let mut minimum = vec![12.0f32; cols];
            for (r, row) in std::iter::once(head).chain(rows.iter()).enumerate() {
                for (c, cell) in row.iter().enumerate().take(cols) {
                    let words = words_of(cell, style.family, r == 0, false);
                    let mut line_w = 0.0;
                    for w in &words {
                        let ww = sh.width(w.font, ts, &w.text);
                        minimum[c] = minimum[c].max((ww + 2.0 * pad).min(width / cols as f32));
                        line_w += ww + sh.width(w.font, ts, " ");
                    }
                    natural[c] = natural[c].max(line_w + 2.0 * pad);
                }
            }
            let widths = fit_columns(&natural, &minimum, width);
            // A row taller than this is split between its lines into several flow lines,
            // so one long cell never runs off the page.
            let max_row = (style.height - style.margin_top - style.margin_bottom) * 0.75;
            let mut emit_row = |cells: &[Vec<Inline>], header: bool, out: &mut Vec<FlowLine>| {
                // Each cell's wrapped lines, still unplaced.
                let mut cell_lines: Vec<std::collections::VecDeque<FlowLine>> = Vec::with_capacity(widths.len());
                let mut cx = x;
                for (c, wcol) in widths.iter().enumerate() {
                    let empty = Vec::new();
                    let cell = cells.get(c).unwrap_or(&empty);
                    let words = words_of(cell, style.family, header, false);
                    let lines = wrap(&words, sh, ts, cx + pad, wcol - 2.0 * pad, false, Color::BLACK, ts * 1.3);
                    cell_lines.push(lines.into());
                    cx += wcol;
                }
                let total: f32 = widths.iter().sum();
                let mut first = true;
                while first || cell_lines.iter().any(|c| !c.is_empty()) {
                    let mut items = Vec::new();
                    let mut row_notes = Vec::new();
                    let mut h: f32 = 0.0;
                    for lines in &mut cell_lines {
                        let mut y = pad;
                        // Always at least one line per piece, so a piece is never empty.
                        while let Some(l) = lines.front() {
                            if y > pad && y + l.height + pad > max_row {
                                break;
                            }
                            let Some(l) = lines.pop_front() else { break };
                            row_notes.extend(l.notes);
                            for mut p in l.items {
                                p.y += y;
                                items.push(p);
                            }
                            y += l.height;
                        }
                        h = h.max(y + pad);
                    }
                    let more = cell_lines.iter().any(|c| !c.is_empty());
                    if header {
                        items.insert(
                            0,
                            Placed { x, y: 0.0, item: Item::Rect { width: total, height: h, fill: Color::LIGHT } },
                        );
                    }
                    if !more {
                        items.push(Placed {
                            x,
                            y: h,
                            item: Item::Line { dx: total, dy: 0.0, width: 0.4, color: Color::GREY },
                        });
                    }
                    out.push(FlowLine {
                        height: h,
                        space_before: 0.0,
                        items,
                        keep_with_next: header,
                        // Continuation pieces are not headers (the header repeats once).
                        table: Some((id, header && first)),
                        notes: row_notes,
                        ..FlowLine::default()
                    });
                    first = false;
                }
            };
            let start = out.len();
            let has_header = head.iter().any(|c| c.iter().any(|i| !i.text.trim().is_empty()));
            if has_header {
                emit_row(head, true, out);
            }
            for row in rows {
                emit_row(row, false, out);
            }
            if let Some(l) = out.get_mut(start) {
                l.space_before = size * 0.7;
            }
        }
        Block::Rule => out.push(FlowLine {
            height: size,
            space_before: size * 0.4,
            items: vec![Placed {
                x,
                y: size * 0.5,
                item: Item::Line { dx: width, dy: 0.0, width: 0.6, color: Color::GREY },
            }],
            ..FlowLine::default()
        }),
        Block::PageBreak => out.push(FlowLine { page_break: true, ..FlowLine::default() }),
        // Footnote texts are laid out by `layout` and placed by `paginate`.
        Block::FootnoteDef(..) => {}
        Block::Chart(c) => out.push(charts::draw(c, sh, style, x, width)),
        Block::Code(text) => {
            let font = FontKey::regular(Family::Sans);
            let cs = size * 0.85;
            let mut words = Vec::new();
            for l in text.lines() {
                let mut line: Vec<Word> = l
                    .split_whitespace()
                    .map(|t| Word {
                        text: t.to_string(),
                        font,
                        link: None,
                        space_after: true,
                        break_after: false,
                        note: None,
                    })
                    .collect();
                if line.is_empty() {
                    line.push(Word {
                        text: "\u{a0}".into(),
                        font,
                        link: None,
                        space_after: false,
                        break_after: false,
                        note: None,
                    });
                }
                if let Some(w) = line.last_mut() {
                    w.break_after = true;
                }
                words.extend(line);
            }
            let mut lines = wrap(&words, sh, cs, x + 8.0, width - 8.0, false, Color(0.2, 0.2, 0.2), cs * 1.35);
            if let Some(l) = lines.first_mut() {
                l.space_before = size * 0.5;
            }
            out.extend(lines);
        }
    }
}

/// Column widths that fit `total`: natural widths when they fit (stretched to fill),
/// otherwise minimums plus a share of the rest in proportion to what each column wants.
fn fit_columns(natural: &[f32], minimum: &[f32], total: f32) -> Vec<f32> {
    let nat: f32 = natural.iter().sum();
    if nat <= total {
        let extra = (total - nat) / natural.len() as f32;
        return natural.iter().map(|w| w + extra).collect();
    }
    let min_sum: f32 = minimum.iter().sum();
    if min_sum >= total {
        return minimum.iter().map(|m| m * total / min_sum).collect();
    }
    let want: f32 = natural.iter().zip(minimum).map(|(n, m)| (n - m).max(0.0)).sum::<f32>().max(1e-3);
    let rest = total - min_sum;
    natural.iter().zip(minimum).map(|(n, m)| m + (n - m).max(0.0) / want * rest).collect()
}

/// Greedy line breaking of words into lines of `width`, optionally justified.
#[allow(clippy::too_many_arguments)]
fn wrap(
    words: &[Word],
    sh: &mut Shaper,
    size: f32,
    x: f32,
    width: f32,
    justify: bool,
    color: Color,
    lead: f32,
) -> Vec<FlowLine> {
    let mut lines: Vec<Vec<(Word, f32)>> = vec![Vec::new()];
    let mut line_w = 0.0;
    let mut pending_space = 0.0;
    for w in words {
        let ww = sh.width(w.font, word_size(w, size), &w.text);
        // A word longer than the line is split by characters.
        if ww > width && w.note.is_none() {
            let mut chunk = String::new();
            for c in w.text.chars() {
                chunk.push(c);
                if sh.width(w.font, size, &chunk) > width * 0.98 && chunk.chars().count() > 1 {
                    let last = chunk.pop().unwrap_or(' ');
                    let piece = Word { text: chunk.clone(), space_after: false, break_after: false, ..w.clone() };
                    let pw = sh.width(w.font, size, &piece.text);
                    if !lines.last().is_some_and(Vec::is_empty) {
                        lines.push(Vec::new());
                    }
                    if let Some(l) = lines.last_mut() {
                        l.push((piece, pw));
                    }
                    lines.push(Vec::new());
                    chunk = last.to_string();
                }
            }
            let piece = Word { text: chunk, ..w.clone() };
            let pw = sh.width(w.font, size, &piece.text);
            if let Some(l) = lines.last_mut() {
                l.push((piece, pw));
            }
            line_w = pw;
            pending_space = if w.space_after { sh.width(w.font, size, " ") } else { 0.0 };
            continue;
        }
        let cur_empty = lines.last().is_none_or(Vec::is_empty);
        let mut w = std::borrow::Cow::Borrowed(w);
        let mut ww = ww;
        if !cur_empty && line_w + pending_space + ww > width {
            // Hyphenate when the line would otherwise be left loose: always when justified
            // (wide gaps), when ragged only if the line is less than 80 % full.
            let room = width - line_w - pending_space;
            let loose = justify || line_w < width * 0.8;
            // Glued to the previous word ("[4" + "]", "word" + footnote mark): no break here.
            let glued = lines.last().and_then(|l| l.last()).is_some_and(|(p, _)| !p.space_after);
            let mut carry: Vec<(Word, f32)> = Vec::new();
            if glued {
                // Move the glued run to the next line, unless it is the whole line.
                if let Some(l) = lines.last_mut() {
                    let mut k = l.len();
                    while k > 0 && !l[k - 1].0.space_after {
                        k -= 1;
                    }
                    // `k` is the first word of the run (the word before it ends with a space).
                    let k = k.max(1);
                    if k < l.len() && l[..k].iter().any(|(p, _)| p.space_after) {
                        carry = l.split_off(k);
                    }
                }
            } else if loose && let Some((head, tail)) = hyphenate(sh, &w, size, room) {
                let hw = sh.width(head.font, size, &head.text);
                if let Some(l) = lines.last_mut() {
                    l.push((head, hw));
                }
                ww = sh.width(tail.font, size, &tail.text);
                w = std::borrow::Cow::Owned(tail);
            }
            line_w = carry.iter().map(|(_, cw)| cw).sum();
            lines.push(carry);
            pending_space = 0.0;
        }
        let w = w.as_ref();
        let l = lines.last_mut();
        if let Some(l) = l {
            line_w += pending_space + ww;
            l.push((w.clone(), ww));
        }
        pending_space = if w.space_after { sh.width(w.font, size, " ") } else { 0.0 };
        if w.break_after {
            lines.push(Vec::new());
            line_w = 0.0;
            pending_space = 0.0;
        }
    }
    if lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    let n = lines.len();
    let mut out = Vec::with_capacity(n);
    for (li, line) in lines.into_iter().enumerate() {
        let natural: f32 = line
            .iter()
            .enumerate()
            .map(|(i, (w, ww))| {
                ww + if i + 1 < line.len() && w.space_after { sh.width(w.font, size, " ") } else { 0.0 }
            })
            .sum();
        let gaps = line.iter().take(line.len().saturating_sub(1)).filter(|(w, _)| w.space_after).count();
        let last_line = li + 1 == n || line.last().is_some_and(|(w, _)| w.break_after);
        let extra =
            if justify && !last_line && gaps > 0 { ((width - natural) / gaps as f32).clamp(0.0, size) } else { 0.0 };
        let mut cx = x;
        let mut items = Vec::with_capacity(line.len());
        let mut notes = Vec::new();
        let baseline = lead * 0.78;
        for (w, ww) in &line {
            let c = if w.link.is_some() { Color::LINK } else { color };
            let run = sh.run(w.font, word_size(w, size), &w.text, c);
            if let Some(url) = &w.link {
                items.push(Placed { x: cx, y: 0.0, item: Item::Link { width: *ww, height: lead, url: url.clone() } });
            }
            let rise = if let Some(n) = w.note {
                notes.push(n);
                size * SUP_RISE
            } else {
                0.0
            };
            items.push(Placed { x: cx, y: baseline - rise, item: Item::Text(run) });
            cx += ww;
            if w.space_after {
                cx += sh.width(w.font, size, " ") + extra;
            }
        }
        out.push(FlowLine { height: lead, items, notes, ..FlowLine::default() });
    }
    out
}

/// The embedded US English Knuth–Liang patterns, loaded once.
fn hyphenator() -> Option<&'static hyphenation::Standard> {
    use hyphenation::Load as _;
    static DICT: std::sync::OnceLock<Option<hyphenation::Standard>> = std::sync::OnceLock::new();
    DICT.get_or_init(|| hyphenation::Standard::from_embedded(hyphenation::Language::EnglishUS).ok()).as_ref()
}

/// Splits `w` at the last hyphenation point whose head (with its hyphen) fits in `room`.
/// Only plain lower-case words of six letters or more are hyphenated, keeping two letters
/// before the break and three after; names, numbers, links and code are never broken,
/// so a name always reads (and searches) whole. A word with its own hyphen
/// ("e-money") breaks after it.
fn hyphenate(sh: &mut Shaper, w: &Word, size: f32, room: f32) -> Option<(Word, Word)> {
    use hyphenation::Hyphenator as _;
    if w.link.is_some() || room <= 0.0 {
        return None;
    }
    // The letters, without the punctuation around them.
    let start = w.text.find(|c: char| c.is_alphabetic())?;
    let end =
        w.text.rfind(|c: char| c.is_alphabetic()).map(|i| i + w.text[i..].chars().next().map_or(1, char::len_utf8))?;
    let core = &w.text[start..end];
    if core.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let mut breaks: Vec<(usize, bool)> = Vec::new();
    if core.contains('-') {
        breaks.extend(core.match_indices('-').map(|(i, _)| (start + i + 1, false)));
    } else if core.chars().count() >= 6 && core.chars().all(|c| c.is_alphabetic() && c.is_lowercase()) {
        let h = hyphenator()?.hyphenate(core);
        for &b in &h.breaks {
            let before = core[..b].chars().count();
            let after = core[b..].chars().count();
            if before >= 2 && after >= 3 {
                breaks.push((start + b, true));
            }
        }
    }
    for &(at, add_hyphen) in breaks.iter().rev() {
        let mut head = w.text[..at].to_string();
        if add_hyphen {
            head.push('-');
        }
        if sh.width(w.font, size, &head) <= room {
            let tail = w.text[at..].to_string();
            return Some((
                Word { text: head, space_after: false, break_after: false, ..w.clone() },
                Word { text: tail, ..w.clone() },
            ));
        }
    }
    None
}

/// Places flow lines on pages, with the footnotes each page references at its foot; also
/// returns where each heading landed.
fn paginate(flow: &[FlowLine], notes: &HashMap<u32, Vec<FlowLine>>, style: &Style) -> (Vec<Page>, Vec<OutlineEntry>) {
    let top = style.margin_top;
    let bottom = style.height - style.margin_bottom;
    let content_h = bottom - top;
    // The rule above a page's footnotes and the space around it.
    let separator = style.size;
    let mut pages = vec![Page::default()];
    let mut outline = Vec::new();
    let mut y = top;
    let mut headers: HashMap<usize, &FlowLine> = HashMap::new();
    // Footnotes already placed, those waiting at this page's foot and their height.
    let mut placed: std::collections::HashSet<u32> = std::collections::HashSet::new();
    let mut page_notes: Vec<u32> = Vec::new();
    let mut notes_h = 0.0;
    let height_of = |n: &u32| notes.get(n).map_or(0.0, |ls| ls.iter().map(|l| l.height).sum::<f32>());
    let mut i = 0;
    while i < flow.len() {
        let line = &flow[i];
        if line.page_break {
            if y > top {
                place_notes(&mut pages, &page_notes, notes, bottom - notes_h, separator, style);
                page_notes.clear();
                notes_h = 0.0;
                pages.push(Page::default());
                y = top;
            }
            i += 1;
            continue;
        }
        if let Some((id, true)) = line.table {
            headers.insert(id, line);
        }
        // The chain of lines that must stay together with this one.
        let mut j = i;
        let mut chain_h = line.height;
        while j + 1 < flow.len() && flow[j].keep_with_next && chain_h < content_h * 0.5 {
            j += 1;
            chain_h += flow[j].space_before + flow[j].height;
        }
        // The notes this line brings to the page.
        let fresh: Vec<u32> =
            line.notes.iter().copied().filter(|n| notes.contains_key(n) && !placed.contains(n)).collect();
        let extra = |page_notes: &[u32]| -> f32 {
            let h: f32 = fresh.iter().map(height_of).sum();
            if h > 0.0 && page_notes.is_empty() { h + separator } else { h }
        };
        let before = if y > top { line.space_before } else { 0.0 };
        if y > top && (y + before + chain_h > bottom - notes_h - extra(&page_notes)) {
            place_notes(&mut pages, &page_notes, notes, bottom - notes_h, separator, style);
            page_notes.clear();
            notes_h = 0.0;
            pages.push(Page::default());
            y = top;
            // Repeat the table header at the top of the new page.
            if let Some((id, false)) = line.table
                && let Some(h) = headers.get(&id)
            {
                place(&mut pages, h, y);
                y += h.height;
            }
        } else {
            y += before;
        }
        notes_h += extra(&page_notes);
        for n in fresh {
            placed.insert(n);
            page_notes.push(n);
        }
        if let Some((level, title)) = &line.heading {
            outline.push(OutlineEntry { level: *level, title: title.clone(), page: pages.len() - 1, y });
        }
        place(&mut pages, line, y);
        y += line.height;
        i += 1;
    }
    place_notes(&mut pages, &page_notes, notes, bottom - notes_h, separator, style);
    (pages, outline)
}

/// Draws the footnotes `ns` on the last page from `y` down: a short rule, then each note.
fn place_notes(
    pages: &mut [Page],
    ns: &[u32],
    notes: &HashMap<u32, Vec<FlowLine>>,
    mut y: f32,
    separator: f32,
    style: &Style,
) {
    if ns.is_empty() {
        return;
    }
    let width = (style.width - 2.0 * style.margin_x) / 3.0;
    if let Some(p) = pages.last_mut() {
        p.items.push(Placed {
            x: style.margin_x,
            y: y + separator * 0.45,
            item: Item::Line { dx: width, dy: 0.0, width: 0.5, color: Color::GREY },
        });
    }
    y += separator;
    for n in ns {
        for l in notes.get(n).into_iter().flatten() {
            place(pages, l, y);
            y += l.height;
        }
    }
}

fn place(pages: &mut [Page], line: &FlowLine, y: f32) {
    if let Some(p) = pages.last_mut() {
        for it in &line.items {
            p.items.push(Placed { x: it.x, y: it.y + y, item: it.item.clone() });
        }
    }
}

/// `text` cut (at a character, with "…") to fit `width`, found by bisection.
fn fit_with_ellipsis(sh: &mut Shaper, font: FontKey, size: f32, text: &str, width: f32) -> String {
    if sh.width(font, size, text) <= width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if sh.width(font, size, &candidate) <= width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo].iter().collect::<String>().trim_end().to_string() + "…"
}

/// Running header and footer: classification top and bottom, title, "Page N of M".
fn decorate(pages: &mut [Page], style: &Style, sh: &mut Shaper) {
    let n = pages.len();
    let small = 8.0;
    let sans = FontKey::regular(Family::Sans);
    let bold = FontKey { family: Family::Sans, bold: true, italic: false };
    let left = style.margin_x;
    let right = style.width - style.margin_x;
    for (i, page) in pages.iter_mut().enumerate() {
        let mut items = Vec::new();
        if !style.classification.is_empty() {
            for y in [10.0 * PT_PER_MM, style.height - 8.0 * PT_PER_MM] {
                let run = sh.run(bold, 9.0, &style.classification, Color::MARKING);
                items.push(Placed { x: (style.width - run.width) / 2.0, y, item: Item::Text(run) });
            }
        }
        if !style.header.is_empty() {
            let header = fit_with_ellipsis(sh, sans, small, &style.header, right - left);
            let run = sh.run(sans, small, &header, Color::GREY);
            items.push(Placed { x: left, y: 16.0 * PT_PER_MM, item: Item::Text(run) });
        }
        items.push(Placed {
            x: left,
            y: 18.0 * PT_PER_MM,
            item: Item::Line { dx: right - left, dy: 0.0, width: 0.4, color: Color::GREY },
        });
        let fy = style.height - 15.0 * PT_PER_MM;
        items.push(Placed {
            x: left,
            y: fy - 10.0,
            item: Item::Line { dx: right - left, dy: 0.0, width: 0.4, color: Color::GREY },
        });
        let label = format!("Page {} of {}", i + 1, n);
        let run = sh.run(sans, small, &label, Color::GREY);
        items.push(Placed { x: right - run.width, y: fy, item: Item::Text(run) });
        page.items.extend(items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style() -> Style {
        Style { classification: "OFFICIAL".into(), header: "Note".into(), ..Style::default() }
    }

    fn text_lines(doc: &Document) -> usize {
        doc.page_text(0).lines().count()
    }

    #[test]
    fn lines_wrap_within_the_text_width() {
        let md = "word ".repeat(400);
        let s = style();
        let doc = layout(&md, &s, "t");
        for p in &doc.pages {
            for it in &p.items {
                if let Item::Text(t) = &it.item {
                    assert!(it.x + t.width <= s.width - s.margin_x + 0.5, "run {:?} overflows", t.text);
                }
            }
        }
        assert!(text_lines(&doc) > 10);
    }

    #[test]
    fn every_page_has_marking_and_page_n_of_m() {
        let md = (0..200).map(|i| format!("Paragraph {i} with some words in it.\n\n")).collect::<String>();
        let doc = layout(&md, &style(), "t");
        assert!(doc.pages.len() >= 3);
        let m = doc.pages.len();
        for i in 0..m {
            let t = doc.page_text(i);
            assert_eq!(t.matches("OFFICIAL").count(), 2, "page {i}");
            assert!(t.contains(&format!("Page {} of {m}", i + 1)));
        }
    }

    #[test]
    fn heading_is_kept_with_the_next_line() {
        // Fill a page so the heading would land at its very bottom.
        let mut md = String::new();
        for i in 0..48 {
            md.push_str(&format!("Line {i}.\n\n"));
        }
        md.push_str("## Heading\n\nBody after heading.\n");
        let doc = layout(&md, &style(), "t");
        for p in 0..doc.pages.len() {
            let t = doc.page_text(p);
            if t.contains("Heading") {
                assert!(t.contains("Body after heading."), "heading separated from its body on page {p}");
            }
        }
    }

    #[test]
    fn long_tables_repeat_their_header_and_stay_on_the_page() {
        let mut md = String::from("| Name | Description |\n|---|---|\n");
        for i in 0..120 {
            md.push_str(&format!("| Row {i} | {} |\n", "long cell text ".repeat(3)));
        }
        let s = style();
        let doc = layout(&md, &s, "t");
        assert!(doc.pages.len() >= 2);
        for p in 0..doc.pages.len() {
            assert!(doc.page_text(p).contains("Name Description"), "page {p} lacks the header row");
            for it in &doc.pages[p].items {
                assert!(it.y <= s.height - s.margin_bottom + 1.0 || !matches!(it.item, Item::Rect { .. }));
            }
        }
    }

    #[test]
    fn a_header_longer_than_the_page_is_cut_with_an_ellipsis() {
        let s = Style { header: "A very long running header ".repeat(40), ..style() };
        let doc = layout("Body.", &s, "t");
        let header = doc.pages[0].items.iter().find_map(|p| match &p.item {
            Item::Text(t) if t.text.starts_with("A very long") => Some((p.x, t.width, t.text.clone())),
            _ => None,
        });
        let (x, w, text) = header.unwrap_or_default();
        assert!(text.ends_with('…') && x + w <= s.width - s.margin_x + 0.5, "{text}");
    }

    #[test]
    fn unbreakable_words_are_split_not_overflowing() {
        let md = "x".repeat(1000);
        let s = style();
        let doc = layout(&md, &s, "t");
        for it in &doc.pages[0].items {
            if let Item::Text(t) = &it.item {
                assert!(it.x + t.width <= s.width - s.margin_x + 0.5);
            }
        }
    }

    #[test]
    fn loose_lines_are_hyphenated_but_names_never() {
        let text = "The committee considered extraordinarily complicated international arrangements ".repeat(12)
            + "with Marchand-Villeneuve Consolidated Internationalisation";
        let narrow = Style { width: 260.0, margin_x: 30.0, ..style() };
        let doc = layout(&text, &narrow, "t");
        let all: String = (0..doc.pages.len()).map(|p| doc.page_text(p)).collect::<Vec<_>>().join("\n");
        let broken: Vec<&str> =
            all.lines().filter_map(|l| l.split_whitespace().last()).filter(|w| w.ends_with('-')).collect();
        assert!(!broken.is_empty(), "a justified narrow column hyphenates: {all}");
        for w in broken {
            assert!(w.chars().next().is_some_and(char::is_lowercase), "names are not broken: {w}");
            assert!(w.trim_end_matches('-').chars().count() >= 2, "at least two letters before the break: {w}");
        }
    }

    #[test]
    fn footnotes_sit_at_the_foot_of_the_page_that_cites_them() {
        let mut md = String::from("First page cites a source.[^a]\n\n");
        md.push_str(&"Filler paragraph of ordinary words that runs on for a while. ".repeat(40));
        md.push_str("\n\n<!-- pagebreak -->\n\nSecond page cites another.[^b] And the first again.[^a]\n\n");
        md.push_str("[^a]: Outlet A, first source.\n\n[^b]: Outlet B, second source.\n");
        let doc = layout(&md, &style(), "t");
        let p1 = doc.page_text(0);
        let p2 = doc.page_text(1);
        assert!(p1.contains("Outlet A, first source."), "{p1}");
        assert!(!p1.contains("Outlet B"), "{p1}");
        assert!(p2.contains("Outlet B, second source.") && !p2.contains("Outlet A"), "{p2}");
        // The note is numbered by first reference and placed below all body text.
        let note_y = doc.pages[0].items.iter().filter_map(|p| match &p.item {
            Item::Text(t) if t.text == "Outlet" => Some(p.y),
            _ => None,
        });
        let body_y = doc.pages[0].items.iter().filter_map(|p| match &p.item {
            Item::Text(t) if t.text == "Filler" => Some(p.y),
            _ => None,
        });
        let (note, body) = (note_y.fold(f32::MAX, f32::min), body_y.fold(0.0, f32::max));
        assert!(note > body, "note at {note} below the last body line at {body}");
        assert!(p2.contains("another.\n2\n"), "the second source is note 2 (raised): {p2}");
    }

    #[test]
    fn a_table_row_taller_than_a_page_is_split_and_stays_on_the_pages() {
        let long = "word ".repeat(3000);
        let md = format!("| A | B |\n|---|---|\n| short | {long} |\n| next | row |\n");
        let doc = layout(&md, &style(), "t");
        assert!(doc.pages.len() >= 3, "{} pages", doc.pages.len());
        let bottom = style().height - style().margin_bottom;
        for (i, p) in doc.pages.iter().enumerate() {
            for it in &p.items {
                if let Item::Text(t) = &it.item
                    && t.text == "word"
                {
                    assert!(
                        it.y <= bottom,
                        "page {}: a cell line at {} is below the text area ({bottom})",
                        i + 1,
                        it.y
                    );
                }
            }
        }
        let last = doc.page_text(doc.pages.len() - 1);
        assert!(last.contains("next"), "the following row comes after: {last}");
    }

    #[test]
    fn glued_pieces_are_never_split_across_lines() {
        // Escaped brackets arrive as separate text events ("[4", "] and"); at many column
        // widths some line would end inside "[4]" if breaks were allowed there.
        let md = "Officials said the funds \\[4\\] and the plan would follow. ".repeat(12);
        for w in (200..420).step_by(3) {
            let narrow = Style { width: w as f32, margin_x: 30.0, ..style() };
            let doc = layout(&md, &narrow, "t");
            let runs: Vec<(f32, &str)> = doc.pages[0]
                .items
                .iter()
                .filter_map(|p| match &p.item {
                    Item::Text(t) => Some((p.y, t.text.as_str())),
                    _ => None,
                })
                .collect();
            for pair in runs.windows(2) {
                if pair[1].1.starts_with(']') {
                    assert_eq!(pair[0].0, pair[1].0, "width {w}: \"{}\" and \"{}\" split", pair[0].1, pair[1].1);
                }
            }
        }
    }
}
