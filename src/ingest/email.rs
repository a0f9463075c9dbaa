//! `.eml` messages (a news alert or a forwarded article): subject as title, `Date:` as the
//! publication date, sender as outlet, and the text body (or the HTML body turned into
//! paragraphs) without the mail furniture (unsubscribe lines, signatures, forward headers).

use mail_parser::MessageParser;

use super::{Article, Format, IngestError, fragment, plain};

/// True when the text starts with RFC 5322 header lines a message has.
pub fn sniff(head: &str) -> bool {
    let mut names = 0;
    for line in head.lines().take(40) {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return false;
        }
        let name = name.to_ascii_lowercase();
        if matches!(
            name.as_str(),
            "from" | "to" | "subject" | "date" | "message-id" | "mime-version" | "received" | "return-path"
        ) {
            names += 1;
        }
    }
    names >= 2
}

/// Reads a message's bytes.
pub fn read(name: &str, bytes: &[u8]) -> Result<Article, IngestError> {
    let msg = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| IngestError::Corrupt { problem: "not a readable e-mail message".into() })?;
    let part = msg.text_part(0);
    let body = match part {
        Some(p) if p.is_text_html() => p.text_contents().map(fragment::to_text),
        Some(p) => p.text_contents().map(str::to_string),
        None => None,
    }
    .unwrap_or_default();
    let subject = msg.subject().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
    let title = subject.map(|s| strip_forward_prefix(&s).to_string()).filter(|s| !s.is_empty());
    let (text, url) = clean_body(&body, title.as_deref());
    if text.is_empty() {
        return Err(IngestError::NoArticle);
    }
    let mut a = Article::new(name, text, Format::Email);
    a.title = title;
    a.published = msg.date().and_then(|d| jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok());
    a.source = msg.from().and_then(|f| f.first()).and_then(|addr| {
        addr.name()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .or_else(|| addr.address().and_then(|e| e.rsplit('@').next()).map(str::to_string))
    });
    a.url = url;
    Ok(a)
}

fn strip_forward_prefix(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let lower = s.to_ascii_lowercase();
        match ["fwd:", "fw:", "re:", "tr:", "wg:"].iter().find(|p| lower.starts_with(*p)) {
            Some(p) => s = s[p.len()..].trim_start(),
            None => return s,
        }
    }
}

/// The article paragraphs of a body, and a lone link paragraph taken as the article's URL.
fn clean_body(body: &str, title: Option<&str>) -> (String, Option<String>) {
    let mut lines: Vec<&str> = Vec::new();
    let mut in_forward_header = false;
    for line in body.lines() {
        let t = line.trim();
        // A signature delimiter ("-- ") ends the message text.
        if t == "--" {
            break;
        }
        // "Dear subscriber," / "Hello Anna,": the salutation, not the story.
        if lines.iter().all(|l| l.trim().is_empty())
            && t.ends_with(',')
            && t.split_whitespace().count() <= 4
            && ["dear ", "hello", "hi ", "good morning"].iter().any(|g| t.to_ascii_lowercase().starts_with(g))
        {
            continue;
        }
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("---------- forwarded message")
            || lower.starts_with("-----original message")
            || lower.starts_with("begin forwarded message")
        {
            in_forward_header = true;
            continue;
        }
        if in_forward_header {
            if t.is_empty() {
                in_forward_header = false;
            }
            continue;
        }
        lines.push(line.strip_prefix("> ").unwrap_or(line));
    }
    let mut url = None;
    let mut blocks = Vec::new();
    for b in plain::clean_blocks(&lines.join("\n")) {
        let lower = b.to_ascii_lowercase();
        let bare_link =
            !b.contains(char::is_whitespace) && (lower.starts_with("http://") || lower.starts_with("https://"));
        let link_line = lower.starts_with("read more:") || lower.starts_with("read the full story");
        if bare_link || link_line {
            if url.is_none() {
                url = b
                    .split_whitespace()
                    .find(|w| w.starts_with("http"))
                    .map(|w| w.trim_matches(['<', '>']).to_string());
            }
            continue;
        }
        if is_mail_furniture(&lower) || title.is_some_and(|t| t == b) {
            continue;
        }
        blocks.push(b);
    }
    (blocks.join("\n\n"), url)
}

fn is_mail_furniture(lower: &str) -> bool {
    let short = lower.split_whitespace().count() <= 25;
    short
        && (lower.contains("unsubscribe")
            || lower.starts_with("view in browser")
            || lower.starts_with("view this email in your browser")
            || lower.starts_with("you are receiving this")
            || lower.starts_with("you received this")
            || lower.starts_with("manage your preferences")
            || lower.starts_with("sent from my "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_header_blocks_only() {
        assert!(sniff("From: Desk <desk@wire.example>\nSubject: Alert\nDate: Mon, 2 Nov 2026 10:00:00 +0100\n\nBody"));
        assert!(!sniff("Subject: a line in an article\nthat goes on"));
        assert!(!sniff("VIENNA, 18 October – The agency said: nothing."));
    }

    #[test]
    fn plain_message_with_encoded_subject_and_furniture() {
        let eml = "From: \"Continental Wire Alerts\" <alerts@wire.example>\r\nTo: desk@ministry.example\r\n\
Subject: =?UTF-8?Q?Fwd:_Minist=C3=A8re_sets_deadline?=\r\nDate: Tue, 10 Nov 2026 06:45:00 +0100\r\n\
MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
The ministry gave operators until 1 December to file plans.\r\n\r\nRead more: https://wire.example/deadline\r\n\r\n\
To unsubscribe from these alerts, click here.\r\n-- \r\nWire desk\r\n";
        let a = read("alert.eml", eml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.title.as_deref(), Some("Ministère sets deadline"));
        assert_eq!(a.published, Some(jiff::civil::date(2026, 11, 10)));
        assert_eq!(a.source.as_deref(), Some("Continental Wire Alerts"));
        assert_eq!(a.url.as_deref(), Some("https://wire.example/deadline"));
        assert_eq!(a.text, "The ministry gave operators until 1 December to file plans.");
    }

    #[test]
    fn html_only_message_becomes_paragraphs() {
        let eml = "From: news@paper.example\nSubject: Budget vote\nDate: Wed, 11 Nov 2026 08:00:00 +0000\n\
MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n\
<html><body><p>The council passed the budget.</p><p>It takes effect in January.</p></body></html>\n";
        let a = read("b.eml", eml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.text, "The council passed the budget.\n\nIt takes effect in January.");
        assert_eq!(a.source.as_deref(), Some("paper.example"));
    }
}
