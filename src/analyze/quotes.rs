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
    let names = Names::of(actors);
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
        let speaker = attribute(text, sentences, open, pos, &names).map(|i| actors[i].name.clone());
        out.push(FoundQuote { start: body_start, end: body_end, speaker });
    }
    out
}

/// The actors' mentions in text order, looked up by position (a scan of every mention per
/// quote was quadratic on a long text with many quotes).
struct Names {
    /// (start, end, actor) of every mention of an actor that can speak (not a place), by start.
    speakers: Vec<(usize, usize, usize)>,
    /// (end, actor) of every person's mention, by end.
    persons: Vec<(usize, usize)>,
}

impl Names {
    fn of(actors: &[FoundActor]) -> Names {
        let mut speakers = Vec::new();
        let mut persons = Vec::new();
        for (i, a) in actors.iter().enumerate() {
            for &(s, e) in &a.mentions {
                if a.kind != ActorKind::Place {
                    speakers.push((s, e, i));
                }
                if a.kind == ActorKind::Person {
                    persons.push((e, i));
                }
            }
        }
        speakers.sort_unstable_by_key(|&(s, _, i)| (s, i));
        persons.sort_unstable();
        Names { speakers, persons }
    }

    /// The mentions starting inside `s..e`.
    fn within(&self, s: usize, e: usize) -> &[(usize, usize, usize)] {
        let a = self.speakers.partition_point(|m| m.0 < s);
        let b = self.speakers.partition_point(|m| m.0 < e);
        &self.speakers[a..b.max(a)]
    }

    /// The person named last before `at` (by where the mention ends).
    fn last_person_before(&self, at: usize) -> Option<usize> {
        let k = self.persons.partition_point(|&(e, _)| e <= at);
        k.checked_sub(1).map(|k| self.persons[k].1)
    }
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

/// The actor (index) named in the attribution around a quote: the rest of the sentence the
/// quote closes in, else the part of its sentence before it, within the paragraph and up to the
/// next or previous quotation mark. In that stretch, the speaker is the pronoun right beside the
/// verb of saying ("…,” he warned), else a name right before the verb ("Esper said"), else the
/// first name before it (the subject, before an apposition), else the first name after it.
fn attribute(text: &str, sentences: &[(usize, usize)], open: usize, close: usize, names: &Names) -> Option<usize> {
    // The sentence holding (or, when the quote ends one, following) the closing mark, not past
    // a paragraph break or the next quotation mark.
    let k = sentences.partition_point(|&(_, e)| e <= close);
    let after_sentence = sentences.get(k).map_or(text.len(), |&(_, e)| e).max(close);
    let after_end = text[close..after_sentence].find("\n\n").map_or(after_sentence, |p| close + p);
    let after_end = text[close..after_end].find(['“', '"']).map_or(after_end, |p| close + p);
    // The part of the quote's sentence before it, after any paragraph break or closing mark.
    let k = sentences.partition_point(|&(s, _)| s <= open);
    let before_sentence = k.checked_sub(1).map_or(0, |k| sentences[k].0).min(open);
    let before_start = text[before_sentence..open].rfind("\n\n").map_or(before_sentence, |p| before_sentence + p + 2);
    let before_start = text[before_start..open]
        .rmatch_indices(['”', '"'])
        .next()
        .map_or(before_start, |(p, m)| before_start + p + m.len());
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
            return names.last_person_before(open);
        }
        let at = s + tokens[verb].start;
        let inside = names.within(s, e).iter().filter(|&&(_, me, _)| me <= e);
        // "…, Esper said": a name right before the verb is its subject.
        if let Some(&(_, _, i)) = inside.clone().find(|&&(_, me, _)| me <= at && text[me..at].trim().is_empty()) {
            return Some(i);
        }
        // The subject: the first name between the quote's side of the stretch and the verb
        // ("…,” Steve Clarke, deputy administrator at NASA, said), else the first one after
        // it ("said Dr. Lena Hartwell", "according to the agency").
        let before = inside.clone().find(|&&(ms, _, _)| ms <= at);
        if let Some(&(_, _, i)) = before.or_else(|| inside.clone().next()) {
            return Some(i);
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
