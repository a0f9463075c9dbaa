//! Markdown → blocks: pulldown-cmark events folded into headings, paragraphs, lists, quotes,
//! tables, rules and page breaks, each holding styled inline spans.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::charts::{self, Chart};

/// Inline style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InlineStyle {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Monospace-ish code (drawn in sans).
    pub code: bool,
    /// A footnote mark: the note's number, drawn as a superscript.
    pub footnote: Option<u32>,
}

/// A run of text in one style, possibly a link.
#[derive(Debug, Clone, PartialEq)]
pub struct Inline {
    /// Text.
    pub text: String,
    /// Style.
    pub style: InlineStyle,
    /// Link target.
    pub link: Option<String>,
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Heading of level 1–6.
    Heading(u8, Vec<Inline>),
    /// Paragraph.
    Paragraph(Vec<Inline>),
    /// List: ordered start number (or `None`), items of blocks.
    List(Option<u64>, Vec<Vec<Block>>),
    /// Block quote.
    Quote(Vec<Block>),
    /// Table: header cells, rows of cells, column alignments.
    Table(Vec<Vec<Inline>>, Vec<Vec<Vec<Inline>>>, Vec<Alignment>),
    /// Horizontal rule.
    Rule,
    /// Forced page break (`<!-- pagebreak -->`).
    PageBreak,
    /// A footnote's text (its paragraphs run together), numbered in order of first reference.
    FootnoteDef(u32, Vec<Inline>),
    /// A chart asked for by a fenced block (```` ```timeline ````, ```` ```actors ````).
    Chart(Chart),
    /// Any other code block: its lines as written.
    Code(String),
}

/// Deepest nesting kept; deeper lists and quotes are flattened into their parent.
const MAX_DEPTH: usize = 12;

/// Parses Markdown into blocks.
pub fn parse(md: &str) -> Vec<Block> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut stack: Vec<Frame> = vec![Frame::Root(Vec::new())];
    let mut style_stack: Vec<InlineStyle> = vec![InlineStyle::default()];
    let mut link: Option<String> = None;
    let mut depth = 0usize;
    // Footnotes are numbered in the order they are first referenced, wherever defined.
    let mut notes: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for ev in Parser::new_ext(md, opts) {
        if let Event::FootnoteReference(label) = ev {
            let n = notes.len() as u32 + 1;
            notes.entry(label.to_string()).or_insert(n);
        }
    }
    let number = |label: &str, notes: &mut std::collections::HashMap<String, u32>| -> u32 {
        let n = notes.len() as u32 + 1;
        *notes.entry(label.to_string()).or_insert(n)
    };
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => stack.push(Frame::Heading(heading_level(level), Vec::new())),
                Tag::Paragraph => stack.push(Frame::Paragraph(Vec::new())),
                Tag::List(start) => {
                    depth += 1;
                    if depth <= MAX_DEPTH {
                        stack.push(Frame::List(start, Vec::new()));
                    }
                }
                Tag::Item if depth <= MAX_DEPTH => {
                    stack.push(Frame::Item(Vec::new()));
                }
                Tag::BlockQuote(_) => {
                    depth += 1;
                    if depth <= MAX_DEPTH {
                        stack.push(Frame::Quote(Vec::new()));
                    }
                }
                Tag::Table(al) => stack.push(Frame::Table(al, Vec::new(), Vec::new())),
                Tag::TableHead | Tag::TableRow => stack.push(Frame::Row(Vec::new())),
                Tag::TableCell => stack.push(Frame::Paragraph(Vec::new())),
                Tag::Emphasis => push_style(&mut style_stack, |s| s.italic = true),
                Tag::Strong => push_style(&mut style_stack, |s| s.bold = true),
                Tag::Link { dest_url, .. } => link = Some(dest_url.to_string()),
                Tag::CodeBlock(kind) => {
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    stack.push(Frame::Code(info, String::new()));
                }
                Tag::FootnoteDefinition(label) => {
                    let n = number(&label, &mut notes);
                    stack.push(Frame::Note(n, Vec::new()));
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) | TagEnd::Paragraph => {
                    if let Some(f) = stack.pop() {
                        let b = match f {
                            Frame::Heading(l, inl) => Block::Heading(l, inl),
                            Frame::Paragraph(inl) => Block::Paragraph(inl),
                            other => {
                                stack.push(other);
                                continue;
                            }
                        };
                        push_block(&mut stack, b);
                    }
                }
                TagEnd::Item => {
                    if depth <= MAX_DEPTH
                        && let Some(Frame::Item(blocks)) = stack.pop()
                        && let Some(Frame::List(_, items)) = stack.last_mut()
                    {
                        items.push(blocks);
                    }
                }
                TagEnd::List(_) => {
                    if depth <= MAX_DEPTH
                        && let Some(Frame::List(start, items)) = stack.pop()
                    {
                        push_block(&mut stack, Block::List(start, items));
                    }
                    depth = depth.saturating_sub(1);
                }
                TagEnd::BlockQuote(_) => {
                    if depth <= MAX_DEPTH
                        && let Some(Frame::Quote(blocks)) = stack.pop()
                    {
                        push_block(&mut stack, Block::Quote(blocks));
                    }
                    depth = depth.saturating_sub(1);
                }
                TagEnd::TableCell => {
                    if let Some(Frame::Paragraph(inl)) = stack.pop()
                        && let Some(Frame::Row(cells)) = stack.last_mut()
                    {
                        cells.push(inl);
                    }
                }
                TagEnd::TableHead | TagEnd::TableRow => {
                    let is_head = matches!(end, TagEnd::TableHead);
                    if let Some(Frame::Row(cells)) = stack.pop()
                        && let Some(Frame::Table(_, head, rows)) = stack.last_mut()
                    {
                        if is_head {
                            *head = cells;
                        } else {
                            rows.push(cells);
                        }
                    }
                }
                TagEnd::Table => {
                    if let Some(Frame::Table(al, head, rows)) = stack.pop() {
                        push_block(&mut stack, Block::Table(head, rows, al));
                    }
                }
                TagEnd::Emphasis | TagEnd::Strong if style_stack.len() > 1 => {
                    style_stack.pop();
                }
                TagEnd::Link => link = None,
                TagEnd::CodeBlock => {
                    if matches!(stack.last(), Some(Frame::Code(..)))
                        && let Some(Frame::Code(info, body)) = stack.pop()
                    {
                        let b = charts::parse(&info, &body).map_or(Block::Code(body), Block::Chart);
                        push_block(&mut stack, b);
                    }
                }
                TagEnd::FootnoteDefinition => {
                    if matches!(stack.last(), Some(Frame::Note(..)))
                        && let Some(Frame::Note(n, blocks)) = stack.pop()
                    {
                        push_block(&mut stack, Block::FootnoteDef(n, note_text(blocks)));
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                push_inline(&mut stack, &t, *style_stack.last().unwrap_or(&InlineStyle::default()), link.clone())
            }
            Event::Code(t) => {
                let mut s = *style_stack.last().unwrap_or(&InlineStyle::default());
                s.code = true;
                push_inline(&mut stack, &t, s, link.clone());
            }
            Event::SoftBreak => {
                push_inline(&mut stack, " ", *style_stack.last().unwrap_or(&InlineStyle::default()), link.clone())
            }
            Event::HardBreak => {
                push_inline(&mut stack, "\n", *style_stack.last().unwrap_or(&InlineStyle::default()), None)
            }
            Event::Rule => push_block(&mut stack, Block::Rule),
            Event::Html(h) | Event::InlineHtml(h) if h.contains("pagebreak") => {
                push_block(&mut stack, Block::PageBreak);
            }
            Event::FootnoteReference(r) => {
                let n = number(&r, &mut notes);
                let style = InlineStyle { footnote: Some(n), ..InlineStyle::default() };
                push_inline(&mut stack, &n.to_string(), style, None);
            }
            _ => {}
        }
    }
    // Close whatever malformed input left open.
    while stack.len() > 1 {
        if let Some(f) = stack.pop() {
            let b = match f {
                Frame::Heading(l, inl) => Some(Block::Heading(l, inl)),
                Frame::Paragraph(inl) => Some(Block::Paragraph(inl)),
                Frame::List(s, items) => Some(Block::List(s, items)),
                Frame::Item(blocks) | Frame::Quote(blocks) => Some(Block::Quote(blocks)),
                Frame::Note(n, blocks) => Some(Block::FootnoteDef(n, note_text(blocks))),
                Frame::Code(_, body) => Some(Block::Code(body)),
                Frame::Table(al, h, r) => Some(Block::Table(h, r, al)),
                Frame::Row(_) | Frame::Root(_) => None,
            };
            if let Some(b) = b {
                push_block(&mut stack, b);
            }
        }
    }
    match stack.pop() {
        Some(Frame::Root(blocks)) => blocks,
        _ => Vec::new(),
    }
}

enum Frame {
    Root(Vec<Block>),
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    List(Option<u64>, Vec<Vec<Block>>),
    Item(Vec<Block>),
    Quote(Vec<Block>),
    Table(Vec<Alignment>, Vec<Vec<Inline>>, Vec<Vec<Vec<Inline>>>),
    Row(Vec<Vec<Inline>>),
    Note(u32, Vec<Block>),
    Code(String, String),
}

/// A footnote definition's blocks run together as one line of inlines.
fn note_text(blocks: Vec<Block>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for b in blocks {
        let inl = match b {
            Block::Paragraph(i) | Block::Heading(_, i) | Block::FootnoteDef(_, i) => i,
            Block::List(_, items) => items.into_iter().flat_map(note_text).collect(),
            Block::Quote(inner) => note_text(inner),
            Block::Code(t) => vec![Inline { text: t, style: InlineStyle::default(), link: None }],
            Block::Table(..) | Block::Rule | Block::PageBreak | Block::Chart(_) => continue,
        };
        if !out.is_empty() {
            out.push(Inline { text: " ".into(), style: InlineStyle::default(), link: None });
        }
        out.extend(inl);
    }
    out
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn push_style(stack: &mut Vec<InlineStyle>, f: impl FnOnce(&mut InlineStyle)) {
    let mut s = *stack.last().unwrap_or(&InlineStyle::default());
    f(&mut s);
    stack.push(s);
}

fn push_block(stack: &mut [Frame], b: Block) {
    match stack.last_mut() {
        Some(Frame::Root(v) | Frame::Item(v) | Frame::Quote(v) | Frame::Note(_, v)) => v.push(b),
        Some(Frame::List(_, items)) => items.push(vec![b]),
        Some(Frame::Paragraph(inl) | Frame::Heading(_, inl)) => {
            if let Block::Paragraph(more) = b {
                inl.extend(more);
            }
        }
        _ => {}
    }
}

fn push_inline(stack: &mut [Frame], text: &str, style: InlineStyle, link: Option<String>) {
    match stack.last_mut() {
        Some(Frame::Code(_, body)) => body.push_str(text),
        Some(Frame::Paragraph(inl) | Frame::Heading(_, inl)) => {
            inl.push(Inline { text: text.to_string(), style, link })
        }
        // Tight list items hold text directly.
        Some(Frame::Item(blocks)) => match blocks.last_mut() {
            Some(Block::Paragraph(inl)) => inl.push(Inline { text: text.to_string(), style, link }),
            _ => blocks.push(Block::Paragraph(vec![Inline { text: text.to_string(), style, link }])),
        },
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_blocks_templates_use() {
        let b = parse(
            "# T\n\nPara *it* **b**\n\n- a\n  - b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n---\n\n<!-- pagebreak -->\n",
        );
        assert!(matches!(b[0], Block::Heading(1, _)));
        assert!(matches!(b[1], Block::Paragraph(ref i) if i.len() == 4));
        assert!(matches!(b[2], Block::List(None, ref items) if items.len() == 1));
        assert!(matches!(b[3], Block::Table(ref h, ref r, _) if h.len() == 2 && r.len() == 1));
        assert_eq!(b[4], Block::Rule);
        assert_eq!(b[5], Block::PageBreak);
    }

    #[test]
    fn deep_nesting_is_flattened_not_overflowed() {
        let md: String = (0..10_000).map(|i| format!("{}- x\n", "  ".repeat(i % 400))).collect();
        let _ = parse(&md);
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference_and_odd_nesting_is_safe() {
        let b = parse(
            "Later[^z] then first[^a].\n\n[^a]: Alpha.\n\n[^z]: Zulu.\n\n- item[^a]\n\n  [^q]: > quoted\n    > - listed\n\n```timeline\n2026-01-01 | deadline | x\n```\n",
        );
        let defs: Vec<(u32, String)> = b
            .iter()
            .filter_map(|b| match b {
                Block::FootnoteDef(n, inl) => Some((*n, inl.iter().map(|i| i.text.as_str()).collect())),
                _ => None,
            })
            .collect();
        assert!(defs.contains(&(1, "Zulu.".to_string())), "{defs:?}");
        assert!(defs.contains(&(2, "Alpha.".to_string())), "{defs:?}");
        assert!(b.iter().any(|b| matches!(b, Block::Chart(_))), "{b:?}");
        // Unbalanced and odd inputs never panic.
        for md in [
            "[^a]: [^a]: [^a]:",
            "```timeline\n",
            "[^",
            "```actors\nx | NaN | y\nz | 1e39 | w\n```",
            "> [^x]:\n>> ```\n",
        ] {
            let _ = parse(md);
        }
    }
}
