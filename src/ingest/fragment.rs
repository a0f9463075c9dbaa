//! HTML fragments (a feed item's content, an e-mail's HTML body) → paragraphs of plain text,
//! and the character references (`&amp;`, `&#8217;`, `&nbsp;`) such fragments carry.
//!
//! Not a page extractor: fragments are already the article, so every block is kept except
//! scripts, styles and figure captions. Linear time, never panics on unbalanced markup.

use std::borrow::Cow;

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &["script", "style", "noscript", "figcaption", "iframe", "svg", "head", "title", "template"];

/// Elements that start or end a block (a paragraph break in the output).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "hr",
    "figure",
    "pre",
    "dd",
    "dt",
    "body",
];

/// Converts an HTML fragment to paragraphs separated by blank lines.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut para = String::new();
    let flush = |para: &mut String, out: &mut String| {
        let squashed = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if !squashed.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&decode_entities(&squashed));
        }
        para.clear();
    };
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        para.push_str(&rest[..lt]);
        let tag_src = &rest[lt..];
        if let Some(after) = tag_src.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = tag_src.find('>') else {
            // An unterminated tag at the end: drop it.
            rest = "";
            break;
        };
        let inner = &tag_src[1..gt];
        rest = &tag_src[gt + 1..];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() {
            // "a < b" in text: keep the character.
            para.push('<');
            rest = &tag_src[1..];
            continue;
        }
        if !closing && SKIPPED.contains(&name.as_str()) && !inner.ends_with('/') {
            rest = skip_element(rest, &name);
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            flush(&mut para, &mut out);
        }
    }
    para.push_str(rest);
    flush(&mut para, &mut out);
    out
}

/// Skips to just after `</name>` (case-insensitive), or to the end.
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let close = format!("</{name}");
    let bytes = rest.as_bytes();
    let n = close.len();
    let mut i = 0;
    while i + n <= bytes.len() {
        if bytes[i] == b'<' && bytes[i..i + n].eq_ignore_ascii_case(close.as_bytes()) {
            return rest[i..].find('>').map_or("", |gt| &rest[i + gt + 1..]);
        }
        i += 1;
    }
    ""
}

/// Replaces character references: numeric (`&#8217;`, `&#x2019;`) and the named ones news
/// markup uses. Unknown names are kept as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp + 1..];
        let end = tail.find(';').filter(|&e| e > 0 && e <= 10);
        match end.and_then(|e| entity(&tail[..e]).map(|c| (e, c))) {
            Some((e, c)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference name (without `&` and `;`) stands for.
pub fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "oacute" => 'ó',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "bull" => '•',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_inline_markup_disappears() {
        let html = "<p>The <b>ministry</b> said &ldquo;no&rdquo;.</p><ul><li>One</li><li>Two</li></ul>\
                    <script>var x = '<p>';</script><p>Last&nbsp;line</p>";
        assert_eq!(to_text(html), "The ministry said “no”.\n\nOne\n\nTwo\n\nLast line");
    }

    #[test]
    fn survives_broken_markup() {
        assert_eq!(to_text("<p>a < b and <i>c"), "a < b and c");
        assert_eq!(to_text("text <!-- never closed"), "text");
        assert_eq!(to_text("<style>p{}"), "");
        assert_eq!(to_text("x <a href='y'"), "x");
    }

    #[test]
    fn numeric_and_unknown_references() {
        assert_eq!(decode_entities("It&#8217;s &#x2014; &bogus; &amp; &#0;"), "It’s — &bogus; & &#0;");
    }
}
