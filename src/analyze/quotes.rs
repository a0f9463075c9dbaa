//! Direct quotes and who said them: “…,” said X / X said “…” / according to X, with
//! "he said" resolved to the last person named before it.

use super::actors::{ActorKind, FoundActor};

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

/// Finds direct quotes of at least four words and attributes them; `sentences` are the
/// backbone's (byte ranges, in order).
pub fn find(text: &str, sentences: &[(usize, usize)], actors: &[FoundActor]) -> Vec<FoundQuote> {
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
        let speaker = attribute(text, sentences, open, pos, actors);
        out.push(FoundQuote { start: body_start, end: body_end, speaker });
    }
    out
}

/// Verbs of saying that attribute a quote to the name beside them.
const SAYING: &[&str] = &[
    "said",
    "says",
    "added",
    "told",
    "wrote",
    "warned",
    "argued",
    "insisted",
    "stated",
    "noted",
    "explained",
    "declared",
    "continued",
];

/// The person (or organisation) named in the attribution around a quote: the rest of the
/// sentence the quote closes in, else the part of its sentence before it, within the paragraph
/// and up to the next or previous quotation mark. In that stretch, the speaker is the pronoun
/// right beside the verb of saying ("…,” he warned), else a name right before the verb ("Esper
/// said"), else the first name before it (the subject, before an apposition), else the first
/// name after it.
fn attribute(
    text: &str,
    sentences: &[(usize, usize)],
    open: usize,
    close: usize,
    actors: &[FoundActor],
) -> Option<String> {
    let para_start = text[..open].rfind("\n\n").map(|p| p + 2).unwrap_or(0);
    let para_end = text[close..].find("\n\n").map(|p| close + p).unwrap_or(text.len());
    // The sentence holding (or, when the quote ends one, following) the closing mark.
    let after_sentence = sentences.iter().find(|&&(_, e)| e > close).map_or(para_end, |&(_, e)| e);
    let after_limit = after_sentence.min(para_end).max(close);
    let after_end = text[close..after_limit].find(['“', '"']).map_or(after_limit, |p| close + p);
    let before_sentence =
        sentences.iter().rev().find(|&&(s, _)| s <= open).map_or(para_start, |&(s, _)| s).max(para_start);
    let before_start = text[before_sentence..open]
        .rmatch_indices(['”', '"'])
        .next()
        .map_or(before_sentence, |(p, m)| before_sentence + p + m.len());
    for (s, e) in [(close, after_end), (before_start, open)] {
        let tokens = crate::nlp::tokenize::tokenize(&text[s..e]);
        let word = |i: usize| tokens.get(i).map_or("", |t| t.norm.as_str());
        let Some(verb) =
            (0..tokens.len()).find(|&i| SAYING.contains(&word(i)) || (word(i) == "according" && word(i + 1) == "to"))
        else {
            continue;
        };
        // "…,” he said": the last person named before the quote.
        let pronoun = |i: usize| matches!(word(i), "he" | "she" | "they");
        if pronoun(verb + 1) || (verb > 0 && pronoun(verb - 1)) {
            return actors
                .iter()
                .filter(|a| a.kind == ActorKind::Person)
                .filter_map(|a| a.mentions.iter().filter(|m| m.1 <= open).map(|m| m.1).max().map(|m| (m, a)))
                .max_by_key(|(m, _)| *m)
                .map(|(_, a)| a.name.clone());
        }
        // The subject: the first name between the quote's side of the stretch and the verb
        // ("…,” Steve Clarke, deputy administrator at NASA, said), else the first one after
        // it ("said Dr. Lena Hartwell", "according to the agency").
        let at = s + tokens[verb].start;
        // "…, Esper said": a name right before the verb is its subject.
        let adjacent = actors
            .iter()
            .filter(|a| a.kind != ActorKind::Place)
            .find(|a| a.mentions.iter().any(|&(ms, me)| ms >= s && me <= at && text[me..at].trim().is_empty()));
        if let Some(a) = adjacent {
            return Some(a.name.clone());
        }
        let mut best: Option<(bool, usize, &FoundActor)> = None;
        for a in actors.iter().filter(|a| a.kind != ActorKind::Place) {
            for &(ms, me) in &a.mentions {
                if ms >= s && me <= e {
                    let key = (ms > at, ms);
                    if best.is_none_or(|(after, start, _)| key < (after, start)) {
                        best = Some((key.0, key.1, a));
                    }
                }
            }
        }
        if let Some((_, _, a)) = best {
            return Some(a.name.clone());
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
    fn the_subject_of_the_verb_of_saying_is_the_speaker() {
        let q = quotes(
            "“We saw a need to bring on more providers for the programme,” Dana Holt, deputy head of launch at \
             the Keswick Space Agency, said on Monday.\n\n\
             Later, in remarks at the Harbour Institute, Sarah Whitcombe said, “We strongly oppose the new rules.”\n\n\
             Tomas Brandt spoke after her. “Every day spent on these hearings is a day lost for the region,” he warned \
             the Keswick Space Agency.",
        );
        assert_eq!(q.len(), 3, "{q:?}");
        assert_eq!(q[0].0.as_deref(), Some("Dana Holt"), "{q:?}");
        assert_eq!(q[1].0.as_deref(), Some("Sarah Whitcombe"), "{q:?}");
        assert_eq!(q[2].0.as_deref(), Some("Tomas Brandt"), "{q:?}");
    }

    #[test]
    fn short_scare_quotes_are_not_quotes() {
        assert!(quotes("He called the claims “preposterous” on Monday.").is_empty());
    }
}
