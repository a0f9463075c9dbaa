//! Markdown notes and Markdown produced from HTML: blocks (headings, paragraphs, list items)
//! become paragraphs of plain text; the first level-1 heading is the title.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::dates::{parse_date_loose, parse_dateline};
use super::plain::is_boilerplate_line;
use super::{Article, Format};

/// The plain-text blocks of a Markdown document and its first `#` heading.
pub(super) fn blocks(md: &str) -> (Option<String>, Vec<String>) {
    let mut title = None;
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut in_h1 = false;
    let mut depth = 0usize;
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                in_h1 = level == HeadingLevel::H1 && title.is_none();
                cur.clear();
            }
            Event::Start(Tag::Paragraph | Tag::Item) => {
                if depth > 0 && !cur.trim().is_empty() {
                    out.push(crate::text::squash_ws(&cur));
                }
                cur.clear();
                depth += 1;
            }
            Event::Start(Tag::Image { .. }) => depth += 1000,
            Event::End(TagEnd::Image) => depth = depth.saturating_sub(1000),
            Event::End(TagEnd::Heading(_)) => {
                let t = crate::text::squash_ws(&cur);
                if in_h1 {
                    title = Some(t);
                } else if !t.is_empty() {
                    out.push(t);
                }
                in_h1 = false;
                cur.clear();
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                depth = depth.saturating_sub(1);
                let t = crate::text::squash_ws(&cur);
                if !t.is_empty() && !is_boilerplate_line(&t) {
                    out.push(t);
                }
                cur.clear();
            }
            Event::Text(t) | Event::Code(t) if depth < 1000 => cur.push_str(&t),
            Event::SoftBreak | Event::HardBreak => cur.push(' '),
            _ => {}
        }
    }
    (title, out)
}

/// Reads a Markdown article.
pub fn read(name: &str, content: &str) -> Article {
    let (title, mut paras) = blocks(content);
    let mut published = None;
    // A date or "Outlet — 18 November 2026" line right under the headline.
    if let Some(first) = paras.first()
        && first.split_whitespace().count() <= 10
        && let Some(d) = parse_date_loose(first)
    {
        published = Some(d);
        paras.remove(0);
    }
    let source = content
        .lines()
        .find(|l| l.trim_start().starts_with(['*', '_']) && parse_date_loose(&l.replace(['*', '_'], "")).is_some())
        .and_then(|l| l.trim().trim_matches(['*', '_']).split(['—', '–', '|']).next().map(|s| s.trim().to_string()))
        .filter(|s| !s.is_empty() && parse_date_loose(s).is_none());
    if published.is_none() {
        published = paras.first().and_then(|p| parse_dateline(p));
    }
    let mut article = Article::new(name, paras.join("\n\n"), Format::Markdown);
    article.title = title;
    article.published = published;
    article.source = source;
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_headings_paragraphs_and_list_items_as_blocks() {
        let md = "# Tariff talks\n\n*Continental Wire — 18 November 2026*\n\nFirst *para*.\n\n## Next steps\n\n- one\n- two\n";
        let a = read("a.md", md);
        assert_eq!(a.title.as_deref(), Some("Tariff talks"));
        assert_eq!(a.published, Some(jiff::civil::date(2026, 11, 18)));
        assert_eq!(a.source.as_deref(), Some("Continental Wire"));
        assert_eq!(a.text, "First para.\n\nNext steps\n\none\n\ntwo");
    }
}
