//! Saved web pages: main-content extraction (dom_smoothie's Readability port, as Markdown so
//! paragraphs, headings and list items stay separate blocks) plus our own metadata reading
//! and boilerplate clean-up on top.

use dom_smoothie::{Config, Readability, TextMode};

use super::dates::{parse_date_loose, parse_dateline};
use super::markdown;
use super::{Article, Format, IngestError};

/// Reads a saved web page.
pub fn read(name: &str, html: &str) -> Result<Article, IngestError> {
    let meta = PageMeta::scan(html);
    // Readability's scoring walks each node's ancestors: on pathologically deep markup (tens of
    // thousands of unclosed or nested elements) that is quadratic, so such pages are read with
    // the linear fragment converter instead.
    let (parsed, linear) = if nesting_depth(html) > MAX_READABILITY_DEPTH {
        (Err(dom_smoothie::ReadabilityError::GrabFailed), true)
    } else {
        let cfg = Config { text_mode: TextMode::Markdown, max_elements_to_parse: 200_000, ..Config::default() };
        let r = Readability::with_document(without_overlays(html), None, Some(cfg)).and_then(|mut r| r.parse());
        let too_big = matches!(r, Err(dom_smoothie::ReadabilityError::TooManyElements(..)));
        (r, too_big)
    };
    let (md_title, paras) = match &parsed {
        Ok(article) => markdown::blocks(&article.text_content),
        Err(_) if linear => (None, super::plain::clean_blocks(&super::fragment::to_text(html))),
        Err(_) => (None, Vec::new()),
    };
    let title = meta
        .og_title
        .clone()
        .or_else(|| parsed.as_ref().ok().map(|a| a.title.trim().to_string()).filter(|t| !t.is_empty()))
        .or(md_title);
    let mut paras: Vec<String> = paras.into_iter().filter(|p| !is_page_furniture(p, title.as_deref())).collect();
    drop_story_list(&mut paras);
    // A byline block before the text ("By Jonas Holt, 16 November"): the author, not text.
    let mut byline = None;
    if paras.len() > 1 && is_byline(&paras[0]) {
        let b = paras.remove(0);
        let name = b[3..].split([',', '|', '·']).next().unwrap_or("").trim().to_string();
        byline = Some(name).filter(|n| !n.is_empty());
    }
    if paras.is_empty() {
        return Err(IngestError::NoArticle);
    }
    let mut article = Article::new(name, paras.join("\n\n"), Format::Html);
    let parsed = parsed.ok();
    article.published = meta
        .published
        .or_else(|| parsed.as_ref().and_then(|a| a.published_time.as_deref()).and_then(parse_date_loose))
        .or_else(|| paras.first().and_then(|p| parse_dateline(p)));
    article.title = title;
    article.source = meta
        .site_name
        .clone()
        .or_else(|| parsed.as_ref().and_then(|a| a.site_name.clone()))
        .or_else(|| meta.url.as_deref().and_then(domain));
    article.url = meta.url.clone().or_else(|| parsed.as_ref().and_then(|a| a.url.clone()));
    article.author = meta
        .author
        .clone()
        .or_else(|| parsed.and_then(|a| a.byline))
        .or(byline)
        .map(|b| b.trim_start_matches("By ").to_string());
    Ok(article)
}

/// Class names that, by the common conventions of page styling, mark content shown only on
/// hover or to screen readers: a person's hover card in the middle of a sentence ("Rep. Ilhan
/// Omar" followed by a card with her full name and three headlines) would otherwise be run
/// into the text as "Ilhan OmarIlhan OmarHillicon Valley: …".
const OVERLAY_CLASSES: &[&str] =
    &["rollover", "tooltip", "popover", "hovercard", "hover-card", "sr-only", "visually-hidden"];

/// The page with its overlays (see [`OVERLAY_CLASSES`]) removed.
fn without_overlays(html: &str) -> dom_query::Document {
    let doc = dom_query::Document::from(html);
    let selector = OVERLAY_CLASSES.iter().map(|c| format!("[class*=\"{c}\"]")).collect::<Vec<_>>().join(", ");
    doc.select(&selector).remove();
    doc
}

/// Deeper markup than this skips Readability (see [`read`]).
const MAX_READABILITY_DEPTH: usize = 1_000;

/// The deepest element nesting in the markup, approximately (void elements and self-closing
/// tags do not nest; unclosed ones count as open). Linear, stops counting past the limit.
fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = bytes[start..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |e| start + e);
        if end == start {
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        let self_closing =
            bytes[end..].iter().position(|&b| b == b'>').is_some_and(|gt| gt > 0 && bytes[end + gt - 1] == b'/');
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
            if max > MAX_READABILITY_DEPTH {
                return max;
            }
        }
    }
    max
}

/// "By Jonas Holt" / "By Jonas Holt, 16 November 2026": a short line naming the author.
fn is_byline(p: &str) -> bool {
    p.split_whitespace().count() <= 12
        && (p.starts_with("By ") || p.starts_with("BY "))
        && !p.ends_with(['.', '!', '?'])
}

/// Lines that extraction keeps but that are not article text: captions repeating the
/// headline, "Share on …", "Read more", photo credits.
fn is_page_furniture(p: &str, title: Option<&str>) -> bool {
    if super::plain::is_boilerplate_line(p) {
        return true;
    }
    let lower = p.to_lowercase();
    (p.split_whitespace().count() <= 8
        && (lower.contains("min read")
            || lower.starts_with("photo:")
            || lower.starts_with("(photo")
            || ((lower.starts_with("updated ") || lower.starts_with("last updated")) && !p.ends_with('.'))))
        || title.is_some_and(|t| t == p)
        || is_credit_or_caption(p)
        || is_link_row(p)
        || (p.split_whitespace().count() <= 6 && lower.ends_with(" ago"))
        || is_shouted_promo(p)
}

/// A photo's credit line ("Natalie Naccache | Bloomberg | Getty Images", "© Aaron Schwartz")
/// or a caption signed with one ("… outside a Home Depot in Hialeah, Fla. (AP Photo/Alan
/// Diaz, File)", "… (Image: GETTY)"): page furniture, not the story's text.
fn is_credit_or_caption(p: &str) -> bool {
    let words = p.split_whitespace().count();
    let unpunctuated = !p.trim_end().ends_with(['.', '!', '?', '"', '”', '’']);
    if p.trim_start().starts_with('©') || (p.contains('©') && words <= 40) {
        return true;
    }
    if words <= 12
        && unpunctuated
        && p.contains(['|', '/'])
        && p.split(['|', '/']).all(|part| part.split_whitespace().count() <= 4)
    {
        return true;
    }
    let Some(open) = p.trim_end().strip_suffix(')').and_then(|q| q.rfind('(').map(|i| &q[i + 1..])) else {
        return false;
    };
    let credit = open.to_lowercase();
    credit
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "photo" | "photos" | "image" | "images" | "picture" | "credit" | "photograph"))
}

/// A row of links to other stories: short items between bars ("Senators call for 5G security
/// coordinator | Facebook gets questions over location tracking | …") or tagged in capitals
/// ("China furious at Macron [INSIGHT]", "… [VIDEO]").
fn is_link_row(p: &str) -> bool {
    let bars = p.matches('|').count();
    if bars >= 2 && p.split('|').all(|part| part.split_whitespace().count() <= 12) {
        return true;
    }
    p.match_indices('[').any(|(i, _)| {
        p[i + 1..].split_once(']').is_some_and(|(tag, _)| {
            let tag = tag.trim_matches(|c: char| c == '*' || c.is_whitespace());
            tag.len() >= 3 && tag.chars().all(|c| c.is_ascii_uppercase() || c == ' ')
        })
    })
}

/// A promotion in capitals ("GET FOX BUSINESS ON THE GO BY CLICKING HERE"): four words or
/// more, no lower-case letter, no closing stop.
fn is_shouted_promo(p: &str) -> bool {
    p.split_whitespace().count() >= 4
        && p.chars().any(char::is_alphabetic)
        && !p.chars().any(char::is_lowercase)
        && !p.trim_end().ends_with(['.', '!', '?'])
}

/// Three or more short lines without a closing stop at the very end of the page are the
/// headlines of other stories ("Iowa man finds 5 inches of animal blood flooding basement").
fn drop_story_list(paras: &mut Vec<String>) {
    let headline =
        |p: &String| p.split_whitespace().count() <= 15 && !p.trim_end().ends_with(['.', '!', '?', '"', '”', ':']);
    let tail = paras.iter().rev().take_while(|p| headline(p)).count();
    if tail >= 3 && tail < paras.len() {
        paras.truncate(paras.len() - tail);
    }
}

/// The metadata a page states about itself in `<meta>`, `<link>`, JSON-LD and `<time>`.
#[derive(Debug, Default)]
struct PageMeta {
    og_title: Option<String>,
    site_name: Option<String>,
    url: Option<String>,
    author: Option<String>,
    published: Option<jiff::civil::Date>,
}

impl PageMeta {
    fn scan(html: &str) -> Self {
        let head_end = html.find("</head>").unwrap_or(html.len().min(200_000));
        let head = &html[..head_end];
        let mut m = PageMeta::default();
        for tag in tags(head, "meta") {
            let key = attr(tag, "property").or_else(|| attr(tag, "name")).unwrap_or_default().to_ascii_lowercase();
            let Some(content) = attr(tag, "content") else {
                continue;
            };
            match key.as_str() {
                "og:title" => m.og_title = Some(content),
                "og:site_name" => m.site_name = Some(content),
                "og:url" => m.url = Some(content),
                "author" | "article:author" if !content.starts_with("http") => m.author = Some(content),
                "article:published_time"
                | "datepublished"
                | "dc.date"
                | "dc.date.issued"
                | "dcterms.created"
                | "pubdate"
                | "publish-date"
                | "date"
                    if m.published.is_none() =>
                {
                    m.published = parse_date_loose(&content);
                }
                _ => {}
            }
        }
        if m.url.is_none() {
            m.url = tags(head, "link")
                .into_iter()
                .find(|t| attr(t, "rel").as_deref() == Some("canonical"))
                .and_then(|t| attr(t, "href"));
        }
        if m.published.is_none() {
            m.published = json_ld_date(html);
        }
        if m.published.is_none() {
            m.published =
                tags(html, "time").into_iter().filter_map(|t| attr(t, "datetime")).find_map(|d| parse_date_loose(&d));
        }
        m
    }
}

/// `"datePublished": "…"` anywhere in a JSON-LD block.
fn json_ld_date(html: &str) -> Option<jiff::civil::Date> {
    let at = html.find("\"datePublished\"")?;
    let rest = &html[at + "\"datePublished\"".len()..];
    let start = rest.find('"')? + 1;
    let end = rest[start..].find('"')? + start;
    parse_date_loose(&rest[start..end])
}

/// The opening tags `<name …>` in `html` (attribute text only), scanning at most 5,000 tags.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        let after = &rest[at + open.len()..];
        if !after.starts_with([' ', '\n', '\t', '/', '>']) {
            rest = after;
            continue;
        }
        let end = after.find('>').unwrap_or(after.len());
        out.push(&after[..end]);
        rest = &after[end..];
        if out.len() >= 5_000 {
            break;
        }
    }
    out
}

/// The unescaped value of attribute `name` in a tag's attribute text.
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let at = from + pos;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let after = lower[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let val_start = tag.len() - after.len() + 1;
        let val = tag[val_start..].trim_start();
        let (quote, body) = match val.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &val[1..]),
            _ => (None, val),
        };
        let end = match quote {
            Some(q) => body.find(q).unwrap_or(body.len()),
            None => body.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(body.len()),
        };
        return Some(super::fragment::decode_entities(&body[..end]).into_owned());
    }
    None
}

pub(super) fn domain(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split('/').next()?;
    Some(host.trim_start_matches("www.").to_string()).filter(|h| !h.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Deal agreed | Herald</title>
<meta property="og:title" content="Deal agreed &amp; signed">
<meta property="og:site_name" content="Herald">
<meta property="article:published_time" content="2026-06-17T08:07:00Z">
<link rel="canonical" href="https://www.herald.example/deal">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="cookie">We use cookies. <button>Accept all</button></div>
<article><h1>Deal agreed &amp; signed</h1><div class="article-body">
<p>LONDON, 17 June – The first paragraph of the story is long enough to be article text, with several clauses.</p>
<p>The second paragraph continues the story with more detail about the deal and who agreed to it.</p>
<p>A third paragraph quotes a spokesperson who said the agreement would be signed on Friday.</p>
</div><div class="share"><a>Share on Facebook</a></div></article>
<footer>© Herald</footer></body></html>"#;

    #[test]
    fn extracts_body_and_metadata() {
        let a = read("p.html", PAGE).expect("page reads");
        assert_eq!(a.title.as_deref(), Some("Deal agreed & signed"));
        assert_eq!(a.published, Some(jiff::civil::date(2026, 6, 17)));
        assert_eq!(a.source.as_deref(), Some("Herald"));
        assert_eq!(a.url.as_deref(), Some("https://www.herald.example/deal"));
        assert!(a.text.starts_with("LONDON, 17 June – The first paragraph"), "{}", a.text);
        assert!(!a.text.contains("cookies") && !a.text.contains("Share on"), "{}", a.text);
        assert_eq!(a.text.matches("\n\n").count(), 2, "{}", a.text);
    }

    const NEWS_PAGE: &str = r#"<html><head><title>Court hears case</title></head><body><article>
<p>Natalie Berg | Bloomberg | Getty Images</p>
<p>A man pleaded guilty on Monday to threatening Rep. <a href="/p/1">Ann Lee</a><span class="rollover-people-block"><a>Ann Marie Lee</a><a>Senators call for inquiry</a></span> in a series of calls to her office in Washington.</p>
<p>Prosecutors said the calls began in March and continued for several weeks before his arrest by federal agents.</p>
<p>Workers load timber outside a depot in Tampa, Fla. (AP Photo/Jo Diaz, File)</p>
<p>The judge set sentencing for February and said the defendant would remain in custody until then.</p>
<p>GET THE NEWS ON THE GO BY CLICKING HERE</p>
<p>Lawmakers react to ruling [VIDEO] | Markets close higher after a long week of trading</p>
<p>Published 2 days ago</p>
<p>Iowa man finds animal blood flooding his basement</p>
<p>Airline reviewed records after crash, engineer says</p>
<p>Actor's wife killed and son shot by deputies at home</p>
</article></body></html>"#;

    #[test]
    fn hover_cards_credits_captions_and_story_lists_are_no_text() {
        let a = read("news.html", NEWS_PAGE).expect("page reads");
        let paras: Vec<&str> = a.text.split("\n\n").collect();
        assert_eq!(paras.len(), 3, "{}", a.text);
        assert!(
            paras[0].starts_with("A man pleaded guilty on Monday to threatening Rep. Ann Lee in a series"),
            "{}",
            a.text
        );
        assert!(paras[2].starts_with("The judge set sentencing"), "{}", a.text);
    }

    #[test]
    fn deep_markup_is_read_linearly() {
        let deep = format!("<html><body>{}<p>Deep text here for the body.</p></body></html>", "<div>".repeat(100_000));
        assert!(nesting_depth(&deep) > MAX_READABILITY_DEPTH);
        assert!(nesting_depth(PAGE) < 20);
        let a = read("deep.html", &deep).map(|a| a.text);
        assert_eq!(a.as_deref(), Ok("Deep text here for the body."));
    }

    #[test]
    fn attribute_reader_handles_quotes_and_entities() {
        assert_eq!(attr(r#" name="a" content='x &amp; y'"#, "content").as_deref(), Some("x & y"));
        assert_eq!(attr(r#" data-content="no" content=bare"#, "content").as_deref(), Some("bare"));
    }
}
