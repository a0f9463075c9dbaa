//! Direct quotes and who said them: “…,” said X / X said “…” / according to X, with
//! "he said" resolved to the last person named before it.

use super::actors::{ActorKind, FoundActor};
use crate::text::LowerKeepingOffsets;

/// A direct quote (byte offsets of the quoted words, without the marks).
#[derive(Debug, Clone, PartialEq)]
pub struct FoundQuote {
    /// First byte of the quoted text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Canonical name of the speaker, when found.
    pub speaker: Option<String>,
}

/// Finds direct quotes of at least four words and attributes them.
pub fn find(text: &str, actors: &[FoundActor]) -> Vec<FoundQuote> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(rel) = text[pos..].find(['“', '"']) {
        let open = pos + rel;
        let open_len = text[open..].chars().next().map(char::len_utf8).unwrap_or(1);
        let body_start = open + open_len;
        let Some(close_rel) = text[body_start..].find(['”', '"']) else {
            break;
        };
        let body_end = body_start + close_rel;
        let close_len = text[body_end..].chars().next().map(char::len_utf8).unwrap_or(1);
        pos = body_end + close_len;
        let body = &text[body_start..body_end];
        if body.contains("\n\n") {
            pos = body_start;
            continue;
        }
        if body.split_whitespace().count() < 4 {
            continue;
        }
        let speaker = attribute(text, open, pos, actors);
        out.push(FoundQuote { start: body_start, end: body_end, speaker });
    }
    out
}

/// Whether the character at `at` is the period of an abbreviation or an initial ("Dr.",
/// "Gov.", "J."), which does not end the attribution ("said Dr. Lena Hartwell").
fn abbreviation_point(text: &str, at: usize) -> bool {
    if text.as_bytes().get(at) != Some(&b'.') {
        return false;
    }
    let word_start = text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic() && c != '.')
        .map(|(p, c)| p + c.len_utf8())
        .unwrap_or(0);
    let word = &text[word_start..at];
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase)) || super::sentences::is_abbreviation_word(word)
}

/// The person (or organisation) named in the attribution around a quote.
fn attribute(text: &str, open: usize, close: usize, actors: &[FoundActor]) -> Option<String> {
    let para_start = text[..open].rfind("\n\n").map(|p| p + 2).unwrap_or(0);
    let para_end = text[close..].find("\n\n").map(|p| close + p).unwrap_or(text.len());
    let after_end = text[close..para_end]
        .match_indices(['.', '“', '"'])
        .map(|(p, _)| close + p)
        .find(|&p| !abbreviation_point(text, p))
        .unwrap_or(para_end);
    let before_start = text[para_start..open]
        .rmatch_indices(['.', '”', '"'])
        .map(|(p, _)| para_start + p)
        .find(|&p| !abbreviation_point(text, p))
        .unwrap_or(para_start);
    let window = [(close, after_end), (before_start, open)];
    let has_verb = |s: &str| {
        let l = s.lower_keeping_offsets();
        [
            "said",
            "says",
            "added",
            "told",
            "according to",
            "wrote",
            "warned",
            "argued",
            "insisted",
            "stated",
            "noted",
            "explained",
            "declared",
            "continued",
        ]
        .iter()
        .any(|v| l.contains(v))
    };
    for (s, e) in window {
        if !has_verb(&text[s..e]) {
            continue;
        }
        // The actor with a mention inside the attribution window, nearest the quote.
        let mut best: Option<(usize, &FoundActor)> = None;
        for a in actors {
            for &(ms, me) in &a.mentions {
                if ms >= s && me <= e {
                    let dist = if ms >= close { ms - close } else { open.saturating_sub(me) };
                    if best.is_none_or(|(d, _)| dist < d) {
                        best = Some((dist, a));
                    }
                }
            }
        }
        if let Some((_, a)) = best {
            return Some(a.name.clone());
        }
        // "he said" / "she said": the last person named before the quote.
        let l = text[s..e].lower_keeping_offsets();
        if l.contains("he said")
            || l.contains("she said")
            || l.contains("he added")
            || l.contains("she added")
            || l.contains("they said")
        {
            return actors
                .iter()
                .filter(|a| a.kind == ActorKind::Person)
                .filter_map(|a| a.mentions.iter().filter(|m| m.1 <= open).map(|m| m.1).max().map(|m| (m, a)))
                .max_by_key(|(m, _)| *m)
                .map(|(_, a)| a.name.clone());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::analyze::{AnalyzeOptions, analyze};
    use crate::ingest::{Article, Format};

    fn quotes(text: &str) -> Vec<(Option<String>, String)> {
        let a = Article::new("t.txt", text.to_string(), Format::Text);
        analyze(&a, None, &AnalyzeOptions::default()).quotes.into_iter().map(|q| (q.speaker, q.text)).collect()
    }

    #[test]
    fn said_before_or_after_and_pronouns_find_the_speaker() {
        let q = quotes(
            "“The board is confident in its strategy,” chair Sarah Whitcombe said.\n\n\
             Analyst Gerhard Mangott spoke later. “This visit is a last-ditch effort,” he said.",
        );
        assert_eq!(q[0].0.as_deref(), Some("Sarah Whitcombe"));
        assert_eq!(q[1].0.as_deref(), Some("Gerhard Mangott"));
    }

    #[test]
    fn an_honorific_period_does_not_end_the_attribution() {
        let q = quotes("“We are taking this step out of caution,” said Dr. Lena Hartwell, the agency’s director.");
        assert_eq!(q[0].0.as_deref(), Some("Lena Hartwell"), "{q:?}");
    }

    #[test]
    fn short_scare_quotes_are_not_quotes() {
        assert!(quotes("He called the claims “preposterous” on Monday.").is_empty());
    }
}
