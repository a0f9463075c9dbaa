//! RSS 2.0, RSS 1.0 (RDF) and Atom feed files: one article per item or entry, with its title,
//! date, link, author and content (HTML content turned into paragraphs).
//!
//! Entities declared in a DTD are never expanded (a billion-laughs feed stays small), unknown
//! references are kept as written, and a feed cut off mid-way yields the items before the cut.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::dates::parse_date_loose;
use super::{Article, Format, IngestError, fragment, plain};

/// The most items taken from one feed file.
pub const MAX_ITEMS: usize = 10_000;

/// True when the text is a feed document rather than a web page.
pub fn sniff(head_lower: &str) -> bool {
    let head = head_lower.trim_start_matches('\u{feff}');
    let starts_xml = head.trim_start().starts_with("<?xml") || head.trim_start().starts_with('<');
    starts_xml
        && (head.contains("<rss")
            || head.contains("<rdf:rdf")
            || (head.contains("<feed") && head.contains("http://www.w3.org/2005/atom")))
}

#[derive(Debug, Default)]
struct Item {
    title: String,
    link: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    author: String,
    content: String,
    summary: String,
}

/// Reads every item of a feed. `name` is the feed file; each article's `file` is `name#N`.
pub fn read(name: &str, xml: &str) -> Result<Vec<Article>, IngestError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut path: Vec<String> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut cur: Option<Item> = None;
    let mut channel_title = String::new();
    let mut channel_link: Option<String> = None;
    let mut text = String::new();
    // Depth of an Atom `type="xhtml"` content element whose children are markup to keep.
    let mut markup_depth: Option<usize> = None;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                if items.is_empty() {
                    return Err(IngestError::Corrupt {
                        problem: format!("feed XML is malformed near byte {}: {e}", reader.buffer_position()),
                    });
                }
                break;
            }
        };
        match event {
            Event::Start(e) => {
                let el = qname(&e);
                if let Some(d) = markup_depth
                    && path.len() > d
                {
                    text.push('<');
                    text.push_str(local(&el));
                    text.push('>');
                    path.push(el);
                    continue;
                }
                if matches!(el.as_str(), "item" | "entry") {
                    cur = Some(Item::default());
                }
                if el == "link" {
                    take_link(&e, cur.as_mut(), &mut channel_link);
                }
                if matches!(el.as_str(), "content" | "summary")
                    && attr(&e, b"type").is_some_and(|t| t.eq_ignore_ascii_case("xhtml"))
                {
                    markup_depth = Some(path.len());
                }
                path.push(el);
                text.clear();
            }
            Event::Empty(e) => {
                if qname(&e) == "link" {
                    take_link(&e, cur.as_mut(), &mut channel_link);
                }
                if markup_depth.is_some() && local(&qname(&e)) == "br" {
                    text.push_str("<br>");
                }
            }
            Event::Text(t) => text.push_str(&t.decode().unwrap_or_default()),
            Event::CData(c) => text.push_str(&c.decode().unwrap_or_default()),
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => text.push(c),
                _ => {
                    let name = r.decode().unwrap_or_default();
                    match fragment::entity(&name) {
                        Some(c) => text.push(c),
                        None => {
                            text.push('&');
                            text.push_str(&name);
                            text.push(';');
                        }
                    }
                }
            },
            Event::End(_) => {
                let Some(el) = path.pop() else {
                    continue;
                };
                if let Some(d) = markup_depth {
                    if path.len() > d {
                        text.push_str("</");
                        text.push_str(local(&el));
                        text.push('>');
                        continue;
                    }
                    markup_depth = None;
                }
                let parent = path.last().map(String::as_str).unwrap_or("");
                let value = std::mem::take(&mut text);
                if matches!(el.as_str(), "item" | "entry") {
                    if let Some(item) = cur.take() {
                        items.push(item);
                    }
                    if items.len() >= MAX_ITEMS {
                        break;
                    }
                    continue;
                }
                match cur.as_mut() {
                    Some(item) => item_field(item, &el, parent, value),
                    None => {
                        if el == "title" && matches!(parent, "channel" | "feed") && channel_title.is_empty() {
                            channel_title = squash(&value);
                        } else if el == "link" && parent == "channel" && channel_link.is_none() {
                            channel_link = Some(value.trim().to_string()).filter(|l| !l.is_empty());
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(item) = cur.take()
        && (!item.content.is_empty() || !item.summary.is_empty())
    {
        // The file ended inside an item: keep what it had.
        items.push(item);
    }
    let source =
        Some(channel_title).filter(|t| !t.is_empty()).or_else(|| channel_link.as_deref().and_then(super::html::domain));
    let articles: Vec<Article> =
        items.into_iter().enumerate().filter_map(|(i, item)| to_article(name, i + 1, item, &source)).collect();
    if articles.is_empty() {
        return Err(IngestError::NoArticle);
    }
    Ok(articles)
}

fn item_field(item: &mut Item, el: &str, parent: &str, value: String) {
    let in_item = matches!(parent, "item" | "entry");
    match el {
        "title" if in_item => item.title = value,
        "link" if in_item && item.link.is_none() => {
            item.link = Some(value.trim().to_string()).filter(|l| !l.is_empty());
        }
        "guid" | "id" if in_item && item.link.is_none() && value.trim().starts_with("http") => {
            item.link = Some(value.trim().to_string());
        }
        "pubdate" | "published" | "dc:date" | "dc:created" | "issued" if in_item && item.published.is_none() => {
            item.published = Some(value);
        }
        "updated" | "modified" | "dc:modified" if in_item => item.updated = Some(value),
        "author" | "dc:creator" if in_item && item.author.is_empty() => item.author = rss_author(&value),
        "name" if parent == "author" && item.author.is_empty() => item.author = value.trim().to_string(),
        "content:encoded" | "content" if in_item && value.len() > item.content.len() => item.content = value,
        "description" | "summary" if in_item => item.summary = value,
        _ => {}
    }
}

fn to_article(name: &str, n: usize, item: Item, source: &Option<String>) -> Option<Article> {
    let body = if item.content.trim().is_empty() { &item.summary } else { &item.content };
    let title = squash(&fragment::to_text(&item.title));
    let text = if body.contains('<') && body.contains('>') { fragment::to_text(body) } else { body.clone() };
    let mut blocks = plain::clean_blocks(&text);
    if blocks.first().is_some_and(|b| *b == title) {
        blocks.remove(0);
    }
    let text = if blocks.is_empty() { title.clone() } else { blocks.join("\n\n") };
    if text.trim().is_empty() {
        return None;
    }
    let mut a = Article::new(format!("{name}#{n}"), text, Format::Feed);
    a.title = Some(title).filter(|t| !t.is_empty());
    a.published = item.published.or(item.updated).as_deref().and_then(parse_date_loose);
    a.url = item.link;
    a.author = Some(item.author).filter(|s| !s.is_empty());
    a.source = source.clone().or_else(|| a.url.as_deref().and_then(super::html::domain));
    Some(a)
}

/// RSS authors are often "jane@example.org (Jane Doe)": the name in brackets wins.
fn rss_author(s: &str) -> String {
    let s = s.trim();
    if let (Some(open), true) = (s.find('('), s.ends_with(')'))
        && s[..open].contains('@')
    {
        return s[open + 1..s.len() - 1].trim().to_string();
    }
    s.to_string()
}

fn take_link(e: &BytesStart<'_>, item: Option<&mut Item>, channel_link: &mut Option<String>) {
    let Some(href) = attr(e, b"href") else {
        return;
    };
    let rel = attr(e, b"rel").unwrap_or_else(|| "alternate".into());
    if rel != "alternate" {
        return;
    }
    match item {
        Some(item) if item.link.is_none() => item.link = Some(href),
        Some(_) => {}
        None if channel_link.is_none() => *channel_link = Some(href),
        None => {}
    }
}

fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref().eq_ignore_ascii_case(key)).map(|a| {
        let raw = String::from_utf8_lossy(&a.value).into_owned();
        fragment::decode_entities(&raw).into_owned()
    })
}

fn qname(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.name().as_ref()).to_ascii_lowercase()
}

fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Port strike ends &amp; ships sail</title><link>https://gazette.example/strike</link>
<pubDate>Tue, 03 Nov 2026 07:15:00 +0000</pubDate><dc:creator>Mira Okafor</dc:creator>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Dockers voted to end the strike on Monday.</p><p>The union said pay talks resume on 9 November.</p><p>The post Port strike ends appeared first on Harbour Gazette.</p>]]></content:encoded></item>
<item><title>Second story</title><guid>https://gazette.example/2</guid><description>&lt;p&gt;Council&amp;#8217;s budget passed.&lt;/p&gt;</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_articles_with_their_metadata() {
        assert!(sniff(&RSS[..300].to_ascii_lowercase()));
        let arts = read("feed.xml", RSS).unwrap_or_default();
        assert_eq!(arts.len(), 2);
        let a = &arts[0];
        assert_eq!(a.title.as_deref(), Some("Port strike ends & ships sail"));
        assert_eq!(a.published, Some(jiff::civil::date(2026, 11, 3)));
        assert_eq!(a.url.as_deref(), Some("https://gazette.example/strike"));
        assert_eq!(a.author.as_deref(), Some("Mira Okafor"));
        assert_eq!(a.source.as_deref(), Some("Harbour Gazette"));
        assert_eq!(
            a.text,
            "Dockers voted to end the strike on Monday.\n\nThe union said pay talks resume on 9 November."
        );
        assert_eq!(a.file, "feed.xml#1");
        assert_eq!(arts[1].text, "Council’s budget passed.");
        assert_eq!(arts[1].url.as_deref(), Some("https://gazette.example/2"));
        assert_eq!(arts[1].published, None);
    }

    #[test]
    fn atom_entries_with_xhtml_content_and_link_elements() {
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/atom"><title>Wire</title>
<entry><title type="html">Talks &lt;em&gt;resume&lt;/em&gt;</title><link rel="alternate" href="https://wire.example/a"/>
<link rel="enclosure" href="https://wire.example/a.mp3"/><updated>2026-10-02T09:00:00Z</updated><published>2026-10-01T18:00:00Z</published>
<author><name>Lena Brandt</name></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First <b>para</b>.</p><p>Second para.</p></div></content></entry></feed>"#;
        let arts = read("wire.atom", atom).unwrap_or_default();
        assert_eq!(arts.len(), 1);
        let a = &arts[0];
        assert_eq!(a.title.as_deref(), Some("Talks resume"));
        assert_eq!(a.url.as_deref(), Some("https://wire.example/a"));
        assert_eq!(a.published, Some(jiff::civil::date(2026, 10, 1)));
        assert_eq!(a.author.as_deref(), Some("Lena Brandt"));
        assert_eq!(a.text, "First para.\n\nSecond para.");
    }

    #[test]
    fn entity_bombs_are_not_expanded_and_truncation_keeps_earlier_items() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss><channel><item><title>t</title><description>&b;&b;&b; boom</description></item></channel></rss>"#;
        let arts = read("bomb.xml", bomb).unwrap_or_default();
        assert_eq!(arts.len(), 1);
        assert!(arts[0].text.len() < 100, "{}", arts[0].text);
        let cut = &RSS[..RSS.find("Second story").unwrap_or(RSS.len())];
        assert_eq!(read("cut.xml", cut).map(|a| a.len()), Ok(1));
    }
}
