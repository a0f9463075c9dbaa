//! Deadlines: which time expressions are ultimatums, cut-offs, due dates or expiries, as
//! opposed to event dates and past dates; and for each, what is due, who set it, who must
//! act and what happens if it is missed.

use jiff::ToSpan;
use jiff::civil::Date;

use super::actors::FoundActor;
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

    sentences: &[(usize, usize)],
    times: &[TimeExpr],
    actors: &[FoundActor],
    reference: Option<Date>,
) -> Vec<FoundDeadline> {
    let mut out: Vec<FoundDeadline> = Vec::new();
    for &(ss, se) in sentences {
        let sentence = &text[ss..se];
        let lower = sentence.to_lowercase();
        let sentence_times: Vec<&TimeExpr> = times.iter().filter(|t| t.start >= ss && t.end <= se).collect();
        let deadline_word = ["deadline", "ultimatum", "cut-off", "cutoff", "expires", "put up or shut up"]
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
            let before = before.strip_suffix("the").map(str::trim_end).unwrap_or(before);
            let cue = CUES.iter().find(|c| {
                before.ends_with(*c)
                    || before.ends_with(&format!("{c} midnight on"))
                    || before.ends_with(&format!("{c} noon on"))
            });
            let within = t.kind == TimeType::Duration && before.ends_with("within");
            // "two days ahead of a deadline set by …": the deadline is N days after the event.
            let ahead = t.kind == TimeType::Duration
                && text[t.end..se].trim_start().to_lowercase().starts_with("ahead of a deadline")
                || t.kind == TimeType::Duration
                    && text[t.end..se].trim_start().to_lowercase().starts_with("before a deadline");
            let is_deadline =
                match t.kind {
                    TimeType::Duration => within || ahead,
                    TimeType::Time => false,
                    _ => cue.is_some() && (deadline_word || obligation || cue.is_some_and(|c| *c != "before")),
                } || (t.kind == TimeType::Date && deadline_word && t.day.is_some() && !before.ends_with("on"));
            if !is_deadline {
                continue;
            }
            let date = if ahead {
                // The event date is the other date of the sentence (or the reference date).
                let event =
                    sentence_times.iter().filter(|o| o.kind == TimeType::Date).find_map(|o| o.day).or(reference);
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
            let reason = date.is_none().then(|| "the article gives no reference date to count from".to_string());
            // The deadline's words: from the cue (or the clause start) to the end of the clause.
            let clause = clause_around(text, ss, se, t.start, t.end);
            let what = what_is_due(text, ss, clause.0, t.start, t.end, se);
            let consequence = consequence(&text[t.end..se]);
            let (set_by, applies_to) = parties(text, ss, se, actors);
            let dl =
                FoundDeadline { date, start: clause.0, end: clause.1, what, set_by, applies_to, consequence, reason };
            if let Some(prev) = out.iter_mut().find(|d| d.date == dl.date && dl.date.is_some()) {
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
        .map(|p| ss + p + text[ss + p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(ss);
    let fwd = text[te..se].find([';', '—']).map(|p| te + p).unwrap_or(se);
    let s = back + (text[back..ts].len() - text[back..ts].trim_start().len());
    let e = text[s..fwd].trim_end_matches(['.', ' ', ',']).len() + s;
    (s, e.max(te))
}

/// What is due, in the order the article's wording allows: "a deadline … for X to Y" →
/// "X to Y"; "gave X until … to Y" → "X to Y"; "X must Y by …" → "X must Y"; otherwise the
/// clause without the time expression.
fn what_is_due(text: &str, ss: usize, cs: usize, ts: usize, te: usize, se: usize) -> String {
    let sentence = &text[ss..se];
    let lower = sentence.to_lowercase();
    let clip = |s: &str| -> String {
        let s = s.split([';', '—']).next().unwrap_or(s);
        let words: Vec<&str> = s.split_whitespace().take(28).collect();
        words.join(" ").trim_end_matches([',', '.', ':']).to_string()
    };
    if let Some(d) = lower.find("deadline") {
        if let Some(f) = lower[d..].find(" for ") {
            let rest = &sentence[d + f + 5..];
            if rest.contains(" to ") {
                return clip(rest);
            }
        }
    }
    let after_time = &text[te..se];
    let after_lower = after_time.to_lowercase();
    if let Some(t) = after_lower.find(" to ").filter(|&t| t < 12) {
        // "gave X until 4 December to respond": X from before the time expression.
        let before = &text[ss..ts].to_lowercase();
        for verb in ["gave ", "give ", "gives ", "giving ", "has given ", "given "] {
            if let Some(v) = before.rfind(verb) {
                let who = text[ss + v + verb.len()..ts].trim();
                let who = who.trim_end_matches("until").trim_end_matches("till").trim();
                return clip(&format!("{who} {}", after_time[t + 1..].trim()));
            }
        }
    }
    let start = cs.max(ss);
    let head = text[start..ts].trim();
    let cut = [
        "no later than",
        "not later than",
        "on or before",
        "by the",
        "until the",
        "by",
        "until",
        "before",
        "within",
        "till",
    ]
    .iter()
    .filter_map(|c| head.strip_suffix(c))
    .map(str::trim_end)
    .next()
    .unwrap_or(head);
    // Drop an introductory phrase ("Under the UK Takeover Code, Kestrel must …").
    let cut = match cut.find(", ") {
        Some(p) if cut[p + 2..].split_whitespace().count() >= 3 && cut[..p].split_whitespace().count() <= 8 => {
            &cut[p + 2..]
        }
        _ => cut,
    };
    let tail = text[te..se].trim_start_matches([',', ' ']).split([',', ';']).next().unwrap_or("").trim();
    if cut.split_whitespace().count() >= 3 { clip(cut) } else { clip(&format!("{cut} {tail}")) }
}

/// "… or face sweeping new sanctions" → "sweeping new sanctions".
fn consequence(rest: &str) -> Option<String> {
    let l = rest.to_lowercase();
    for cue in ["or face ", "or risk ", "or else ", "otherwise ", "failing which ", "or be ", "or lose "] {
        if let Some(p) = l.find(cue) {
            let s = &rest[p..];
            let end = s.find(['.', ';']).unwrap_or(s.len());
            return Some(s[..end].trim_start_matches("or ").trim().to_string());
        }
    }
    None
}

/// Who set the deadline and who it applies to, from the actors named in the sentence (or, for
/// who must act, the noun phrase before "must").
fn parties(text: &str, ss: usize, se: usize, actors: &[FoundActor]) -> (Option<String>, Option<String>) {
    let mut mentions: Vec<(usize, usize, &str)> = actors
        .iter()
        .flat_map(|a| a.mentions.iter().filter(|m| m.0 >= ss && m.1 <= se).map(move |m| (m.0, m.1, a.name.as_str())))
        .collect();
    mentions.sort_by_key(|m| m.0);
    let lower = text[ss..se].to_lowercase();
    let abs = |p: usize| ss + p;
    let starting_at = |pos: usize| mentions.iter().find(|m| m.0 >= pos && m.0 <= pos + 5).map(|m| m.2.to_string());
    let before = |pos: usize| mentions.iter().rev().find(|m| m.1 <= pos).map(|m| m.2.to_string());
    let mut set_by = None;
    let mut applies_to = None;
    for cue in ["set by ", "imposed by ", "ordered by ", "given by ", "issued by "] {
        if let Some(p) = lower.find(cue) {
            set_by = starting_at(abs(p + cue.len()));
            if set_by.is_some() {
                break;
            }
        }
    }
    for verb in [
        " gave ",
        " give ",
        " gives ",
        " giving ",
        " has given ",
        " have given ",
        " ordered ",
        " told ",
        " demanded ",
        " asked ",
        " required ",
        " directed ",
        " instructed ",
        " urged ",
    ] {
        if let Some(p) = lower.find(verb) {
            set_by = set_by.or_else(|| before(abs(p)));
            applies_to = starting_at(abs(p + verb.len())).or_else(|| {
                let rest = &lower[p + verb.len()..];
                let rest = rest.strip_prefix("the ").unwrap_or(rest);
                let np: Vec<&str> = rest
                    .split_whitespace()
                    .take_while(|w| !matches!(*w, "until" | "to" | "by" | "within" | "that"))
                    .take(5)
                    .collect();
                (!np.is_empty()).then(|| np.join(" ").trim_end_matches(',').to_string())
            });
            break;
        }
    }
    if applies_to.is_none() {
        let mut from = 0;
        while let Some(f) = lower[from..].find(" for ") {
            let p = from + f;
            from = p + 5;
            if let Some(name) = starting_at(abs(p + 5)) {
                if lower[p + 5..].contains(" to ") {
                    applies_to = Some(name);
                    break;
                }
            }
        }
    }
    if applies_to.is_none() {
        for marker in [
            " must ",
            " has until ",
            " have until ",
            " is required to ",
            " are required to ",
            " faces ",
            " face ",
            " needs to ",
            " has to ",
            " have to ",
            " will have to ",
        ] {
            if let Some(p) = lower.find(marker) {
                applies_to = before(abs(p + 1)).filter(|_| {
                    // The actor must be the subject: close to the marker.
                    mentions.iter().rev().find(|m| m.1 <= abs(p + 1)).is_some_and(|m| abs(p).saturating_sub(m.1) < 40)
                });
                if applies_to.is_none() {
                    let head = &lower[..p];
                    let start = head.rfind([',', ';', ':']).map(|c| c + 1).unwrap_or(0);
                    let start = head[start..].rfind(" that ").map(|t| start + t + 6).unwrap_or(start);
                    let np: Vec<&str> = head[start..].split_whitespace().collect();
                    if (1..=6).contains(&np.len()) {
                        let np = np.join(" ");
                        applies_to = Some(np.strip_prefix("the ").unwrap_or(&np).to_string());
                    }
                }
                break;
            }
        }
    }
    if set_by.is_none() {
        for verb in [" said ", " says ", " announced ", " warned ", " told "] {
            if let Some(p) = lower.find(verb) {
                set_by = before(abs(p + 1)).or_else(|| starting_at(abs(p + verb.len())));
                break;
            }
        }
    }
    if applies_to.is_some() && applies_to == set_by {
        set_by = None;
    }
    (set_by, applies_to)
}
