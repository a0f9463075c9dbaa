//! Deadlines: which time expressions are ultimatums, cut-offs, due dates or expiries, as
//! opposed to event dates and past dates; and for each, what is due, who set it, who must
//! act and what happens if it is missed.

use jiff::ToSpan;
use jiff::civil::Date;

use super::actors::FoundActor;
use super::sentences::Token;
use super::times::{TimeExpr, TimeType};

/// A deadline found in one article (byte offsets of the words that state it).
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDeadline {
    /// The day it falls on; `None` when it depends on a date the article does not give.
    pub date: Option<Date>,
    /// First byte of the deadline's words.
    pub start: usize,
    /// One past their last byte.
    pub end: usize,
    /// What is due.
    pub what: String,
    /// Who set it.
    pub set_by: Option<String>,
    /// Who must act.
    pub applies_to: Option<String>,
    /// What happens if it is missed.
    pub consequence: Option<String>,
    /// Why the date is unknown, when it is.
    pub reason: Option<String>,
}

/// Words right before a time expression that make it a deadline.
const CUES: &[&str] = &[
    "by",
    "until",
    "no later than",
    "not later than",
    "before",
    "within",
    "deadline of",
    "on or before",
    "expires on",
    "expires at",
    "expire on",
    "ends on",
    "due by",
    "due on or before",
    "up to",
    "till",
    "deadline",
    "cut-off of",
    "cutoff of",
];

/// Finds the deadlines of one text.
pub fn find(
    text: &str,
    tokens: &[Token],
    sentences: &[(usize, usize)],
    times: &[TimeExpr],
    actors: &[FoundActor],
    reference: Option<Date>,
) -> Vec<FoundDeadline> {
    let mut out: Vec<FoundDeadline> = Vec::new();
    for &(ss, se) in sentences {
        let sentence = &text[ss..se];
        let lower = sentence.to_lowercase();
        let sentence_times: Vec<&TimeExpr> = times
            .iter()
            .filter(|t| t.start >= ss && t.end <= se)
            .collect();
        let deadline_word = [
            "deadline",
            "ultimatum",
            "cut-off",
            "cutoff",
            "expires",
            "put up or shut up",
        ]
        .iter()
        .any(|w| lower.contains(w));
        let obligation = [
            "must",
            "has until",
            "have until",
            "had until",
            "given until",
            "gave",
            "give",
            "required to",
            "ordered",
            "obliged",
            "needs to",
            "need to",
            "has to",
            "have to",
            "is to",
            "are to",
            "faces",
            "face",
        ]
        .iter()
        .any(|w| lower.contains(w));
        for t in &sentence_times {
            if !matches!(t.kind, TimeType::Date | TimeType::Duration | TimeType::Time) {
                continue;
            }
            let before = text[ss..t.start].to_lowercase();
            let before = before.trim_end();
            let before = before
                .strip_suffix("the")
                .map(str::trim_end)
                .unwrap_or(before);
            let cue = CUES.iter().find(|c| {
                before.ends_with(*c)
                    || before.ends_with(&format!("{c} midnight on"))
                    || before.ends_with(&format!("{c} noon on"))
            });
            let within = t.kind == TimeType::Duration && before.ends_with("within");
            // "two days ahead of a deadline set by …": the deadline is N days after the event.
            let ahead = t.kind == TimeType::Duration
                && text[t.end..se]
                    .trim_start()
                    .to_lowercase()
                    .starts_with("ahead of a deadline")
                || t.kind == TimeType::Duration
                    && text[t.end..se]
                        .trim_start()
                        .to_lowercase()
                        .starts_with("before a deadline");
            let is_deadline = match t.kind {
                TimeType::Duration => within || ahead,
                TimeType::Time => false,
                _ => {
                    cue.is_some()
                        && (deadline_word || obligation || cue.is_some_and(|c| *c != "before"))
                }
            } || (t.kind == TimeType::Date
                && deadline_word
                && t.day.is_some()
                && !before.ends_with("on"));
            if !is_deadline {
                continue;
            }
            let date = if ahead {
                // The event date is the other date of the sentence (or the reference date).
                let event = sentence_times
                    .iter()
                    .filter(|o| o.kind == TimeType::Date)
                    .find_map(|o| o.day)
                    .or(reference);
                let n = t.value.trim_start_matches("PT").trim_start_matches('P');
                let days: i64 = n.trim_end_matches(['D', 'H']).parse().unwrap_or(0);
                let days = if n.ends_with('H') { days / 24 } else { days };
                event.and_then(|e| e.checked_add(days.days()).ok())
            } else {
                t.day
            };
            if let (Some(d), Some(r)) = (date, reference) {
                if d < r {
                    continue;
                }
            }
            let reason = date
                .is_none()
                .then(|| "the article gives no reference date to count from".to_string());
            // The deadline's words: from the cue (or the clause start) to the end of the clause.
            let clause = clause_around(text, ss, se, t.start, t.end);
            let what = what_is_due(text, ss, clause.0, t.start, se);
            let consequence = consequence(&text[t.end..se]);
            let (set_by, applies_to) = parties(text, tokens, ss, se, actors);
            let dl = FoundDeadline {
                date,
                start: clause.0,
                end: clause.1,
                what,
                set_by,
                applies_to,
                consequence,
                reason,
            };
            if let Some(prev) = out
                .iter_mut()
                .find(|d| d.date == dl.date && dl.date.is_some())
            {
                if prev.set_by.is_none() {
                    prev.set_by = dl.set_by;
                }
                if prev.consequence.is_none() {
                    prev.consequence = dl.consequence;
                }
                continue;
            }
            out.push(dl);
        }
    }
    out
}

/// The clause holding the time expression: back to a comma/semicolon or the sentence start,
/// forward to the sentence end.
fn clause_around(text: &str, ss: usize, se: usize, ts: usize, te: usize) -> (usize, usize) {
    let back = text[ss..ts]
        .rfind([';', '—'])
        .map(|p| ss + p + 1)
        .unwrap_or(ss);
    let fwd = text[te..se].find([';', '—']).map(|p| te + p).unwrap_or(se);
    let s = back + (text[back..ts].len() - text[back..ts].trim_start().len());
    let e = text[s..fwd].trim_end_matches(['.', ' ', ',']).len() + s;
    (s, e.max(te))
}

/// What is due: the clause without the time expression, lightly trimmed.
fn what_is_due(text: &str, ss: usize, cs: usize, ts: usize, se: usize) -> String {
    let start = cs.max(ss);
    let head = text[start..ts].trim();
    let cut: &str = [
        "by",
        "until",
        "no later than",
        "before",
        "within",
        "on or before",
        "by the",
        "until the",
    ]
    .iter()
    .filter_map(|c| head.strip_suffix(c))
    .map(str::trim_end)
    .next()
    .unwrap_or(head);
    let tail = text[ts..se]
        .split([',', ';'])
        .nth(1)
        .map(str::trim)
        .unwrap_or("");
    let what = if cut.split_whitespace().count() >= 3 {
        cut.to_string()
    } else {
        format!("{cut} {tail}").trim().to_string()
    };
    let what: Vec<&str> = what.split_whitespace().take(30).collect();
    what.join(" ").trim_end_matches([',', '.']).to_string()
}

/// "… or face sweeping new sanctions" → "sweeping new sanctions".
fn consequence(rest: &str) -> Option<String> {
    let l = rest.to_lowercase();
    for cue in [
        "or face ",
        "or risk ",
        "or else ",
        "otherwise ",
        "failing which ",
        "or be ",
        "or lose ",
    ] {
        if let Some(p) = l.find(cue) {
            let s = &rest[p..];
            let end = s.find(['.', ';']).unwrap_or(s.len());
            return Some(s[..end].trim_start_matches("or ").trim().to_string());
        }
    }
    None
}

/// Who set the deadline and who it applies to, from the actors named in the sentence.
fn parties(
    text: &str,
    tokens: &[Token],
    ss: usize,
    se: usize,
    actors: &[FoundActor],
) -> (Option<String>, Option<String>) {
    let _ = tokens;
    let mut in_sentence: Vec<(usize, usize, &FoundActor)> = actors
        .iter()
        .flat_map(|a| {
            a.mentions
                .iter()
                .filter(|m| m.0 >= ss && m.1 <= se)
                .map(move |m| (m.0, m.1, a))
        })
        .collect();
    in_sentence.sort_by_key(|m| m.0);
    let lower = text[ss..se].to_lowercase();
    let rel = |p: usize| ss + p;
    let after = |pos: usize| {
        in_sentence
            .iter()
            .find(|m| m.0 >= pos)
            .map(|m| m.2.name.clone())
    };
    let before = |pos: usize| {
        in_sentence
            .iter()
            .rev()
            .find(|m| m.1 <= pos)
            .map(|m| m.2.name.clone())
    };
    let mut set_by = lower.find("set by ").and_then(|p| after(rel(p)));
    let mut applies_to = None;
    for verb in [
        " gave ",
        " give ",
        " gives ",
        " has given ",
        " ordered ",
        " told ",
        " demanded ",
        " asked ",
        " required ",
        " directed ",
        " instructed ",
    ] {
        if let Some(p) = lower.find(verb) {
            set_by = set_by.or_else(|| before(rel(p)));
            applies_to = after(rel(p + verb.len()));
            break;
        }
    }
    for marker in [
        " for ",
        " must ",
        " has until ",
        " have until ",
        " faces ",
        " face ",
    ] {
        if applies_to.is_some() {
            break;
        }
        if let Some(p) = lower.find(marker) {
            applies_to = if marker == " for " {
                let rest = &lower[p + 5..];
                let next_word_end = rest.find(' ').unwrap_or(rest.len());
                if rest[next_word_end..].trim_start().starts_with("to ")
                    || rest[..next_word_end].chars().next().is_some()
                {
                    in_sentence
                        .iter()
                        .find(|m| m.0 == rel(p + 5))
                        .map(|m| m.2.name.clone())
                } else {
                    None
                }
            } else {
                before(rel(p + 1))
            };
        }
    }
    if applies_to == set_by {
        applies_to = None;
    }
    (set_by, applies_to)
}
