//! Plain-text articles: headline line, optional label/byline/date lines, body paragraphs,
//! and the share-button and "Related articles" furniture that copy-paste drags along.

use super::dates::{parse_date_loose, parse_dateline};
use super::{Article, Format};

/// Reads a plain-text article.
pub fn read(name: &str, content: &str) -> Article {
    let mut blocks = clean_blocks(content);
    let mut title = None;
    let mut author = None;
    let mut published = None;
    // A section label ("News", "World") before the headline.
    if blocks.len() > 2 && is_label(&blocks[0]) && is_headline(&blocks[1]) {
        blocks.remove(0);
    }
    if blocks.len() > 1 && is_headline(&blocks[0]) {
        title = Some(blocks.remove(0));
    }
    // Byline and date lines between headline and body.
    while let Some(first) = blocks.first() {
        let words = first.split_whitespace().count();
        if words <= 12 && (first.starts_with("By ") || first.starts_with("by ")) {
            author = Some(first[3..].trim().to_string());
        } else if words <= 8 && parse_date_loose(strip_label(first)).is_some() {
            published = parse_date_loose(strip_label(first));
        } else {
            break;
        }
        blocks.remove(0);
    }
    if published.is_none() {
        published = blocks.first().and_then(|p| parse_dateline(p));
    }
    let source = blocks.first().and_then(|p| dateline_outlet(p));
    let mut article = Article::new(name, blocks.join("\n\n"), Format::Text);
    article.title = title;
    article.author = author;
    article.published = published;
    article.source = source;
    article
}

/// The body paragraphs of a text without its furniture: share buttons, newsletter lines, and
/// everything after a trailing "Related Articles" / "Top News" heading (other stories).
pub(super) fn clean_blocks(content: &str) -> Vec<String> {
    let lines: Vec<&str> = content.lines().collect();
    let content = match lines.iter().position(|l| is_end_of_story(l)) {
        Some(cut) if cut * 2 >= lines.len() => lines[..cut].join("\n"),
        _ => content.to_string(),
    };
    paragraphs(&content).into_iter().filter(|b| !is_boilerplate_block(b)).collect()
}

/// The outlet a dateline credits: "WASHINGTON (Continental Wire) –" → "Continental Wire".
fn dateline_outlet(first_paragraph: &str) -> Option<String> {
    let head: String = first_paragraph.chars().take(120).collect();
    let dash = head.find(['–', '—']).or_else(|| head.find(" - "))?;
    let head = &head[..dash];
    let open = head.rfind('(')?;
    let close = head[open..].find(')')? + open;
    let outlet = head[open + 1..close].trim();
    (outlet.split_whitespace().count() <= 5 && outlet.chars().next().is_some_and(char::is_uppercase))
        .then(|| outlet.to_string())
}

fn strip_label(s: &str) -> &str {
    for label in ["Published:", "Published", "Date:", "Posted:", "Posted on"] {
        if let Some(rest) = s.strip_prefix(label) {
            return rest.trim();
        }
    }
    s
}

/// Splits text into paragraphs at blank lines; lines inside a paragraph are joined with a
/// space unless they form a list.
pub(super) fn paragraphs(content: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let flush = |cur: &mut Vec<&str>, out: &mut Vec<String>| {
        if cur.is_empty() {
            return;
        }
        let is_list = cur.iter().all(|l| is_bullet(l));
        let mut lines: Vec<String> = Vec::new();
        for l in cur.drain(..) {
            if is_boilerplate_line(l) {
                continue;
            }
            lines.push(l.trim().to_string());
        }
        if lines.is_empty() {
            return;
        }
        // A stack of one-to-three-word lines is a menu or tag list, not prose.
        let menu = lines.len() >= 3
            && lines.iter().all(|l| l.split_whitespace().count() <= 3 && !l.ends_with(['.', '?', '!', '"', '”']));
        if menu && !is_list {
            return;
        }
        if is_list {
            out.extend(lines);
        } else {
            out.push(lines.join(" "));
        }
    };
    for line in content.lines() {
        if line.trim().is_empty() {
            flush(&mut cur, &mut out);
        } else {
            cur.push(line);
        }
    }
    flush(&mut cur, &mut out);
    out
}

fn is_bullet(l: &str) -> bool {
    let t = l.trim_start();
    t.starts_with("- ") || t.starts_with("* ") || t.starts_with("• ")
}

/// A line that is page furniture rather than article text.
pub(super) fn is_boilerplate_line(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').to_lowercase();
    if l.is_empty() {
        return false;
    }
    const EXACT: &[&str] = &[
        "kindly share this story",
        "share this story",
        "share this article",
        "share",
        "related articles",
        "related",
        "related stories",
        "read more",
        "top news",
        "advertisement",
        "sponsored",
        "more from this section",
        "you may also like",
        "most read",
        "trending",
        "sign up for our newsletter",
        "subscribe to our newsletter",
        "accept all cookies",
        "accept cookies",
        "comments",
    ];
    if EXACT.contains(&l.as_str()) {
        return true;
    }
    const PREFIXES: &[&str] = &["share on ", "share via ", "follow us on ", "click to share", "tweet this"];
    if PREFIXES.iter().any(|p| l.starts_with(p)) && l.split_whitespace().count() <= 5 {
        return true;
    }
    // Feed and CMS footers: "The post … appeared first on …", "Continue reading …".
    let words = l.split_whitespace().count();
    (l.starts_with("the post ") && l.contains(" appeared first on ") && words <= 40)
        || (l.starts_with("continue reading") && words <= 8)
}

/// A heading after which a scraped page lists other stories.
fn is_end_of_story(b: &str) -> bool {
    let l = b.trim().trim_end_matches(':').to_lowercase();
    matches!(
        l.as_str(),
        "related articles"
            | "related stories"
            | "related"
            | "top news"
            | "you may also like"
            | "more from this section"
            | "most read"
            | "read more"
            | "more stories"
            | "recommended"
            | "share this article"
            | "share this story"
            | "kindly share this story"
            | "share this"
            | "topics"
    )
}

fn is_boilerplate_block(b: &str) -> bool {
    is_boilerplate_line(b)
}

/// One or two words without sentence punctuation: a section label like "News".
fn is_label(s: &str) -> bool {
    let words = s.split_whitespace().count();
    words <= 2 && !s.contains(['.', ',', ':', '!', '?']) && s.chars().count() <= 24
}

/// A line that reads like a headline: short, not ending in a full stop.
fn is_headline(s: &str) -> bool {
    let words = s.split_whitespace().count();
    (2..=30).contains(&words) && !s.ends_with('.') && s.chars().count() <= 250 && !looks_like_dateline(s)
}

fn looks_like_dateline(s: &str) -> bool {
    let head: String = s.chars().take(40).collect();
    head.split(['–', '—'])
        .next()
        .is_some_and(|h| h.len() < head.len() && h.chars().filter(|c| c.is_uppercase()).count() >= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_label_title_and_share_furniture() {
        let txt = "News\n\nEnvoy heads to Moscow\n\nFirst paragraph.\n\nSecond paragraph.\n\nKindly share this story:\nShare on facebook\nShare on twitter\nTop News\n\nRelated Articles\n\nAnother story headline";
        let a = read("a.txt", txt);
        assert_eq!(a.title.as_deref(), Some("Envoy heads to Moscow"));
        assert_eq!(a.text, "First paragraph.\n\nSecond paragraph.");
    }

    #[test]
    fn joins_hard_wrapped_lines_and_reads_byline_and_date() {
        let txt = "Court orders plan\n\nBy Ana Ruiz\n\nPublished: 10 June 2025\n\nThe court\nordered a plan.";
        let a = read("a.txt", txt);
        assert_eq!(a.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(a.published, Some(jiff::civil::date(2025, 6, 10)));
        assert_eq!(a.text, "The court ordered a plan.");
    }

    #[test]
    fn dateline_with_year_gives_the_date() {
        let a = read("a.txt", "Title here\n\nGENEVA, 12 November 2026 – Talks began.");
        assert_eq!(a.published, Some(jiff::civil::date(2026, 11, 12)));
    }

    #[test]
    fn dateline_credit_gives_the_outlet() {
        let a = read("a.txt", "Title here\n\nWASHINGTON, 3 May 2026 (Continental Wire) – Talks began.");
        assert_eq!(a.source.as_deref(), Some("Continental Wire"));
    }
}
