//! Deadlines: which time expressions are ultimatums, cut-offs, due dates or expiries, as
//! opposed to event dates and past dates; and for each, what is due, who set it, who must
//! act and what happens if it is missed.

use crate::text::LowerKeepingOffsets;
use jiff::ToSpan;
use jiff::civil::Date;

use super::actors::{ActorKind, FoundActor};
use super::lexicon::{
    AGREEMENTS, AUDIENCES, CANCELLING, COMMITTING, DECISIONS, EXPECTING, EXPIRY, EXTENDING, GRANTING, IMPOSING,
    ISSUING, OFFERS, REPORTING, RULES, SECURITIES, SETTING,
};
use super::lexicon::{GENERIC, LIMIT_NOUNS, STATE_BODIES};
use super::times::{TimeExpr, TimeType};
use crate::nlp::clause::Sentence;

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
    /// Its relative meaning when the article is undated ("two days after Wednesday").
    pub when: Option<String>,
}

/// Finds the deadlines of one text.
pub fn find(
    text: &str,

    sentences: &[(usize, usize)],
    times: &[TimeExpr],
    actors: &[FoundActor],
    reference: Option<Date>,
    parses: &mut crate::nlp::clause::Parses,
) -> Vec<FoundDeadline> {
    let mut out: Vec<FoundDeadline> = Vec::new();
    let mut durations: Vec<(Option<String>, bool)> = Vec::new();
    let dateline = super::actors::dateline_end(text);
    let cast = Cast::new(actors);
    for (si, &(ss, se)) in sentences.iter().enumerate() {
        let sentence = &text[ss..se];
        let lower = sentence.lower_keeping_offsets();
        // Times are in text order: take this sentence's slice by bisection, not a scan.
        let first = times.partition_point(|t| t.start < ss);
        let sentence_times: Vec<&TimeExpr> =
            times[first..].iter().take_while(|t| t.start < se).filter(|t| t.end <= se).collect();
        let deadline_word = super::lexicon::DEADLINE_WORDS.entries().any(|w| lower.contains(w));
        let obligation = super::lexicon::OBLIGATION.entries().any(|w| lower.contains(w)) || demand_at(&lower).is_some();
        let binding = super::lexicon::BINDING.entries().any(|w| lower.contains(w));
        for t in &sentence_times {
            // A time of day on a named weekday ("expires at midnight Friday") is a date here.
            let dated_time;
            let t: &TimeExpr = if t.kind == TimeType::Time
                && t.day.is_some()
                && text[t.start..t.end].split_whitespace().any(|w| weekday_named(w).is_some())
            {
                dated_time = TimeExpr { kind: TimeType::Date, ..(*t).clone() };
                &dated_time
            } else {
                t
            };
            if !matches!(t.kind, TimeType::Date | TimeType::Duration) {
                continue;
            }
            // "within days, not weeks": a duration with no number is no dated limit.
            if t.kind == TimeType::Duration && t.value.contains('X') {
                continue;
            }
            let mut anchored = false;
            // A time of day right before the date belongs to it ("by 5 p.m. on 15 July").
            let mut bstart = t.start;
            if let Some(tt) = sentence_times.iter().rfind(|o| o.kind == TimeType::Time && o.end <= t.start) {
                let gap = text[tt.end..t.start].trim().lower_keeping_offsets();
                if matches!(gap.as_str(), "" | "on" | "," | "on the") {
                    bstart = tt.start;
                }
            }
            let before = text[ss..bstart].lower_keeping_offsets();
            let before = before.trim_end();
            let before = before.strip_suffix("the").map(str::trim_end).unwrap_or(before);
            // The longest cue that ends the words before the time ("on or before", not "before").
            let cue = super::lexicon::DEADLINE_CUES.entries().filter(|c| before.ends_with(*c)).max_by_key(|c| c.len());
            let within = t.kind == TimeType::Duration && before.ends_with("within");
            // "debentures due March 1, 2011", "notes, due Nov. 1, 2009": the day a security
            // matures is a term of the paper, not a limit anyone must meet.
            let maturity = before
                .strip_suffix("due on")
                .or_else(|| before.strip_suffix("due"))
                .map(|b| b.trim_end().trim_end_matches(',').trim_end())
                .and_then(|b| b.rsplit(' ').next())
                .is_some_and(|w| SECURITIES.has(w));
            // "until" marks how long a state lasts: a limit only while it lies ahead and the
            // clause is not negated ("it was not until Tuesday that …", "Until this week, the
            // company had refused …", "won't close until Friday": no earlier than).
            let until = cue.is_some_and(|c| matches!(c, "until" | "till"));
            // "until this month", "until now": up to the present, a time already reached.
            let expr = text[t.start..t.end].lower_keeping_offsets();
            let current = matches!(expr.as_str(), "this week" | "this month" | "this year" | "this quarter" | "now");
            let not_until = until && (before.ends_with("not until") || before.ends_with("n't until") || current);
            // "people are increasingly enthusiastic by today": "by" the present is a state
            // reached, no limit, unless the sentence binds someone ("must file by today").
            let by_now = cue == Some("by")
                && matches!(expr.as_str(), "today" | "now" | "tonight")
                && !obligation
                && !deadline_word;
            // "the company has 30 days from …", "gave it 21 days to …": a time limit by itself.
            let granted =
                t.kind == TimeType::Duration
                    && (["has", "have", "had"].iter().any(|w| before.ends_with(w))
                        || before.split_whitespace().rev().take(5).any(|w| {
                            matches!(w, "gave" | "give" | "gives" | "given" | "giving" | "granted" | "grant")
                        }))
                    && ["to ", "from ", "of ", "in which"].iter().any(|w| after_starts(text, t.end, se, w));
            let after = text[t.end..se].trim_start().lower_keeping_offsets();
            // "two days ahead of a deadline set by …": the deadline is N days after the event.
            let ahead = t.kind == TimeType::Duration
                && (after.starts_with("ahead of a deadline") || after.starts_with("before a deadline"));
            // A limit given only as a year ("by 2040") is an aim, not a dated deadline.
            let year_only = t.kind == TimeType::Date && t.day.is_none();
            let head = &lower[..bstart - ss];
            // "They expect the transaction to be completed by Dec. 15": what someone expects to
            // be done, told in the passive, is a forecast ("expects firms to submit plans by
            // Friday", active, is a demand).
            let expected_done = ["expect ", "expects ", "anticipate ", "anticipates "]
                .iter()
                .filter_map(|w| head.find(w).map(|at| &head[at + w.len()..]))
                .any(|rest| {
                    rest.split_once(" to be ").is_some_and(|(between, after)| {
                        !between.contains(['.', ';'])
                            && after.split_whitespace().next().is_some_and(|v| v.ends_with("ed") || v == "done")
                    })
                });
            let forecast = (super::lexicon::FORECAST.entries().any(|w| head.contains(w)) || expected_done)
                && !["must", "deadline", "ordered", "required"].iter().any(|w| lower.contains(w));
            let by_words =
                match t.kind {
                    TimeType::Duration => (within && (obligation || deadline_word)) || granted || ahead,
                    _ => cue.is_some() && (deadline_word || obligation || cue.is_some_and(|c| c != "before")),
                } || (t.kind == TimeType::Date && deadline_word && t.day.is_some() && !before.ends_with("on"));
            // "told Vodafone to publish by 1 July": a day and month without a year after a
            // deadline cue is the next such day (the guidelines' rule; a written day, not a
            // feast like Easter that moves from year to year), when that lies nearer
            // than the one the tense put in the past, or whatever its distance when the
            // sentence binds someone now ("Athens must repay … by June 30").
            let rolled;
            let t: &TimeExpr = match (t.day, reference, cue) {
                (Some(d), Some(r), Some(_))
                    if t.kind == TimeType::Date
                        && d < r
                        && weekday_named(&text[t.start..t.end]).is_none()
                        && written_day_or_month(&text[t.start..t.end])
                        && !year_written(&text[t.start..t.end]) =>
                {
                    match next_occurrence(d, r).filter(|n| binding || (*n - r).get_days() < (r - d).get_days()) {
                        Some(n) => {
                            rolled = TimeExpr { day: Some(n), value: n.to_string(), ..(*t).clone() };
                            &rolled
                        }
                        None => t,
                    }
                }
                _ => t,
            };
            // A named day before publication (not a weekday, which the parse may move) is no
            // limit the reader must meet, whatever the words around it.
            let past_day = t.kind == TimeType::Date
                && weekday_named(&text[t.start..t.end]).is_none()
                && t.day.zip(reference).is_some_and(|(d, r)| d < r);
            let hint = || match t.kind {
                TimeType::Duration => after_starts(text, t.end, se, "to ") || after_starts(text, t.end, se, "in which"),
                _ => true,
            } && structural_hint(&lower, t.kind);
            if year_only || forecast || past_day || maturity || not_until || by_now || !(by_words || hint()) {
                continue;
            }
            // The parse decides what the words only suggest (parsed once per sentence, and
            // only for sentences with a candidate: parsing is the dearest step).
            let parse = parses.get(text, (ss, se));
            // "The regulation requires platforms to take down listings … within two working
            // days": a duration in what a standing rule requires, told in the present, counts
            // from each case the rule covers; it is no dated limit.
            if t.kind == TimeType::Duration && rule_speaks(parse) {
                continue;
            }
            let structure = read_structure(parse, text, t, &cast);
            // "Mexico has until Friday to …, Trump said": a limit someone has now, whatever the
            // tense of the verb the parse hangs the time on; and "he said the union had until
            // Wednesday", the same limit told in reported speech (the tense backshifted).
            let holder: Vec<&str> = before.split_whitespace().rev().skip(1).take(2).collect();
            let holds_now = until
                && (holder.iter().any(|w| matches!(*w, "has" | "have"))
                    || (holder.first() == Some(&"had")
                        && before.split_whitespace().rev().skip(3).take(6).any(|w| REPORTING.has(w))));
            let past = structure.past && !holds_now;
            // "The council asked residents to return the forms by the end of January", in
            // March: a yearless day told in the past is the one nearer publication, last
            // year's, unless the sentence binds someone now.
            let told_past = parse
                .head_of(t.start, t.end)
                .is_some_and(|h| parse.ancestors(h).any(|x| parse.is_verb(x) && parse.future_tense(x) == Some(false)));
            let last_years = t.kind == TimeType::Date
                && (past || told_past)
                && !binding
                && !year_written(&text[t.start..t.end])
                && weekday_named(&text[t.start..t.end]).is_none()
                && t.day.zip(reference).is_some_and(|(d, r)| {
                    d > r && d.checked_sub(1.year()).is_ok_and(|p| (r - p).get_days() < (d - r).get_days())
                });
            if last_years {
                continue;
            }
            if !(by_words || structure.limit) || structure.cancelled || (until && (past || structure.negated)) {
                continue;
            }
            // "The rule, which took effect in May, …", "the offer expired Friday": a limit
            // known only from its structure, told in the past, has come and gone.
            if past && structure.lapsed && !by_words {
                continue;
            }
            if past && weekday_named(&text[t.start..t.end]).is_some() {
                // "had set Friday as the deadline", "tendered by the Tuesday deadline": the
                // weekday told in the past is the one before publication.
                continue;
            }
            let date = if ahead {
                // The event date is the other date of the sentence (or the reference date).
                let event =
                    sentence_times.iter().filter(|o| o.kind == TimeType::Date).find_map(|o| o.day).or(reference);
                let n = t.value.trim_start_matches("PT").trim_start_matches('P');
                let days: i64 = n.trim_end_matches(['D', 'H']).parse().unwrap_or(0);
                let days = if n.ends_with('H') { (days + 23) / 24 } else { days };
                event.and_then(|e| e.checked_add(days.days()).ok())
            } else if let (Some(wd), Some(r), true) = (
                weekday_named(&text[t.start..t.end]),
                reference,
                cue.is_some()
                    || t.day.is_none_or(|d| Some(d) >= reference)
                    || head.contains("if ")
                    || head.contains("unless "),
            ) {
                // A weekday deadline is the first such day strictly after publication.
                Some(next_weekday_after(r, wd))
            } else if t.kind == TimeType::Duration {
                // "within 21 days (from the date of the order)": counted from the event the
                // article names, else from publication.
                // "15 working days" counts Monday to Friday.
                let words = text[t.start..t.end].lower_keeping_offsets();
                let weekdays = words.contains("working day") || words.contains("business day");
                let advance = |d: Date| match t.value.strip_prefix('P').and_then(|v| v.strip_suffix('D')) {
                    Some(n) if weekdays => n.parse().ok().map(|n| super::times::add_weekdays(d, n)),
                    _ => add_duration(d, &t.value),
                };
                match anchor_for(text, t.end, se, sentences, times, &out, reference) {
                    Some(Anchor::Known(d)) => {
                        anchored = true;
                        advance(d)
                    }
                    Some(Anchor::Unknown) => None,
                    None => reference.and_then(advance),
                }
            } else {
                t.day
            };
            if let (Some(d), Some(r)) = (date, reference)
                && d < r
            {
                continue;
            }
            let when = (date.is_none() && reference.is_none())
                .then(|| relative_meaning(text, t, ahead, &sentence_times, weekday_named(&text[t.start..t.end])));
            let reason = date.is_none().then(|| {
                if t.kind == TimeType::Duration && reference.is_some() {
                    format!(
                        "counts from an event the article does not date ({})",
                        text[t.end..se].trim().split([',', '.']).next().unwrap_or("")
                    )
                } else {
                    "the article gives no publication date to count from: set the article's date".to_string()
                }
            });
            // The deadline's words: from the cue (or the clause start) to the end of the clause.
            let clause = clause_around(text, ss, se, t.start, t.end);
            let prev_time_end =
                sentence_times.iter().filter(|o| o.end <= bstart && o.kind != TimeType::Time).map(|o| o.end).max();
            let what = what_is_due(text, ss, clause.0.max(prev_time_end.unwrap_or(0)).max(dateline), bstart, t.end, se);
            let what = match structure.what.as_ref() {
                Some(w) if !by_words => w.clone(),
                _ => what,
            };
            let what = cast.name_the_description(&what, ss);
            let consequence = consequence(&text[t.end..se]);
            let (by_set, by_applies) = parties(text, ss.max(dateline), se, &cast);
            // The parse's answer first; the word rules' where it has none, unless they name
            // the party the parse gave the other role.
            let by_set = by_set.filter(|b| structure.applies_to.as_ref() != Some(b));
            let by_applies = by_applies.filter(|b| structure.set_by.as_ref() != Some(b));
            // "The World Bank's country director for Kenya … said the authorities had agreed
            // to publish … by": a country named earlier in the sentence counts too.
            let set_by = structure.set_by.or(by_set).map(|w| cast.state_for(w, t.start));
            // "He said the union had until Wednesday to …": who has the time is the word before
            // "has until", whatever clause the parse hangs the time on.
            let applies_to =
                if holds_now && by_applies.is_some() { by_applies } else { structure.applies_to.or(by_applies) };
            let applies_to = applies_to.map(|w| cast.state_for(w, t.start));
            let set_by = set_by.filter(|b| applies_to.as_ref() != Some(b));
            // An agreed limit binds one of the parties that set it; an offer's, its maker.
            let set_by = set_by
                .or_else(|| applies_to.clone().filter(|_| structure.self_set))
                .or_else(|| applies_to.clone().filter(|a| structure.agreed && cast.names.contains(a.as_str())));
            let set_by = set_by.or_else(|| {
                let noun = structure.lapsing.as_deref().filter(|n| OFFERS.has(n))?;
                offer_maker(text, sentences, t.start, noun, &cast, parses).filter(|m| applies_to.as_ref() != Some(m))
            });
            // "The Commission fined Apple on Monday. The company has 60 days to …": a limit
            // whose sentence names no setter was set by whoever acted on the party it binds
            // just before; not one set by a standing rule ("under takeover rules, …").
            let set_by = set_by.or_else(|| {
                (!under_rule(&lower)).then(|| acting_on(text, sentences, si, applies_to.as_deref(), &cast, parses))?
            });
            // "Chancellor Rachel Reeves met bank chiefs. She said lenders had until …": a pronoun
            // that reports the limit is the person the sentences before had for subject.
            let set_by = set_by.or_else(|| {
                reporter_before(text, sentences, si, &cast, parses).filter(|r| applies_to.as_ref() != Some(r))
            });
            let dl = FoundDeadline {
                date,
                start: clause.0,
                end: clause.1,
                what,
                set_by,
                applies_to,
                consequence,
                reason,
                when,
            };
            let duration = (t.kind == TimeType::Duration).then(|| t.value.clone());
            if let Some(prev) = out.iter_mut().find(|d| d.date == dl.date && dl.date.is_some()) {
                if prev.set_by.is_none() {
                    prev.set_by = dl.set_by;
                }
                if prev.consequence.is_none() {
                    prev.consequence = dl.consequence;
                }
                continue;
            }
            // A restated deadline ("within 21 days" in the lead, "21 days from the date of the
            // order" later) takes the date of the version that names its starting event.
            if anchored {
                for (i, (v, was_anchored)) in durations.iter().enumerate() {
                    if !was_anchored && v.is_some() && *v == duration {
                        out[i].date = dl.date;
                    }
                }
            }
            let restated =
                duration.as_ref().and_then(|v| durations.iter().position(|(w, a)| *a && w.as_ref() == Some(v)));
            let mut dl = dl;
            if let Some(j) = restated {
                dl.date = out[j].date;
            }
            out.push(dl);
            durations.push((duration, anchored));
        }
    }

    let mut merged: Vec<FoundDeadline> = Vec::new();
    for d in out {
        match merged.iter_mut().find(|m| m.date.is_some() && m.date == d.date) {
            Some(m) => {
                if m.set_by.is_none() {
                    m.set_by = d.set_by;
                }
                if m.applies_to.is_none() {
                    m.applies_to = d.applies_to;
                }
            }
            None => merged.push(d),
        }
    }
    // A requirement stated without its setter ("designated platforms must also submit …",
    // "the company has been given until March 15 …") was set by whoever set the article's
    // previous deadline: a story about one decision lists its requirements one after another.
    let mut setter: Option<String> = None;
    for d in &mut merged {
        match &d.set_by {
            Some(s) => setter = Some(s.clone()),
            None => {
                let words = text[d.start..d.end].lower_keeping_offsets();
                let bound = [" must ", " has until ", " have until ", " been given ", " required to ", " has to "]
                    .iter()
                    .any(|m| words.contains(m));
                if bound && setter.is_some() && d.applies_to != setter {
                    d.set_by = setter.clone();
                }
            }
        }
    }
    merged
}

/// Where a demand's verb of wanting stands in a folded sentence, when it has an object and a
/// to-clause: "the fund wants the government to pass …" (not "wants to finish", an aim). The
/// object is one to five words that are no verb's infinitive marker or clause break.
fn demand_at(lower: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    for w in lower.split(' ') {
        let start = at;
        at += w.len() + 1;
        if !super::lexicon::DEMANDING.has(w) || start == 0 {
            continue;
        }
        let rest = lower.get(at..)?;
        let object: Vec<&str> = rest.split(' ').take_while(|x| *x != "to").take(6).collect();
        if (1..=5).contains(&object.len())
            && rest.split(' ').nth(object.len()) == Some("to")
            && object.iter().all(|x| !x.ends_with([',', ';', ':']) && !matches!(*x, "that" | "and" | "or"))
        {
            return Some((start, start + w.len()));
        }
    }
    None
}

/// Whether a time's words name its day or month in figures or by the month's name ("June 30",
/// "the end of June"), which a feast like Easter does not.
fn written_day_or_month(words: &str) -> bool {
    words.contains(|c: char| c.is_ascii_digit())
        || words.split(|c: char| !c.is_alphabetic()).any(|w| crate::text::month_number(w).is_some())
}

/// Whether a sentence states its limit as a standing rule's: "under" with a rule noun within
/// the next four words ("under British takeover rules", "under the law").
fn under_rule(lower: &str) -> bool {
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().enumerate().any(|(i, w)| *w == "under" && words[i + 1..].iter().take(4).any(|n| RULES.has(n)))
}

/// Whether a sentence opens with a rule for subject and a verb in the present ("The
/// Regulation requires …", "The rules oblige …", "The law, which took effect in May,
/// requires …"), read from the tags (the parse may take such a verb for a noun).
fn rule_speaks(s: &Sentence) -> bool {
    let n = s.len();
    let mut k = 0;
    while k < n && !s.xpos[k].starts_with("NN") {
        if !matches!(s.xpos[k], "DT" | "JJ" | "PRP$" | "CD") {
            return false;
        }
        k += 1;
    }
    while k < n && s.xpos[k].starts_with("NN") {
        k += 1;
    }
    if k == 0 || !RULES.has(&crate::text::fold(&s.words[k - 1])) {
        return false;
    }
    // Over a clause between commas ("…, which entered into force last October, …").
    if s.words.get(k).is_some_and(|w| w == ",") {
        match (k + 1..n).find(|&j| s.words[j] == ",") {
            Some(j) => k = j + 1,
            None => return false,
        }
    }
    s.xpos.get(k).is_some_and(|x| matches!(*x, "VBZ" | "VBP"))
}

/// Who acted on `bound` in the two sentences before sentence `si`, nearest first: the named
/// subject of a sentence's main verb ("The European Commission fined Apple …", "The FDA sent a
/// warning letter to Abbott …") when the sentence also names the bound party and the subject
/// is not that party. A sentence with a pronoun subject or none names no one.
fn acting_on(
    text: &str,
    sentences: &[(usize, usize)],
    si: usize,
    bound: Option<&str>,
    cast: &Cast,
    parses: &mut crate::nlp::clause::Parses,
) -> Option<String> {
    let bound = bound?;
    for &(a, b) in sentences[si.saturating_sub(2)..si].iter().rev() {
        let first = cast.mentions.partition_point(|m| m.0 < a);
        let inside = || cast.mentions[first..].iter().take_while(|m| m.0 < b);
        if !inside().any(|m| m.2 == bound) {
            continue;
        }
        let s = parses.get(text, (a, b));
        let Some(root) = s.root() else { continue };
        let Some(subj) = s.child(root, &["nsubj"]) else { continue };
        let (ka, kb) = (s.spans[subj].start, s.spans[subj].end);
        let who = inside().find(|m| m.0 <= ka && m.1 >= kb).map(|m| m.2);
        match who {
            Some(w) if w != bound => return Some(w.to_string()),
            Some(_) => continue,
            None => {}
        }
        // "Turkey's competition authority opened an investigation into Google's …": an
        // unnamed body, as the article describes it (its compound and head noun).
        if s.upos[subj] == "NOUN" && s.xpos[subj] == "NN" && !REPORTING.has(&crate::text::fold(&s.words[root])) {
            let first = s.children(subj).filter(|&c| s.is_rel(c, "compound") && c < subj).min().unwrap_or(subj);
            if first < subj {
                return Some(s.words[first..=subj].join(" "));
            }
        }
    }
    None
}

/// Who "he" or "she" is when the pronoun is the subject of sentence `si`'s reporting verb (its
/// root): the person named as the subject of the root of one of the two sentences before.
fn reporter_before(
    text: &str,
    sentences: &[(usize, usize)],
    si: usize,
    cast: &Cast,
    parses: &mut crate::nlp::clause::Parses,
) -> Option<String> {
    let s = parses.get(text, sentences[si]);
    let root = s.root()?;
    let subj = s.child(root, &["nsubj"])?;
    let pronoun = matches!(s.words[subj].to_lowercase().as_str(), "he" | "she");
    if !pronoun || !REPORTING.has(&crate::text::fold(&s.words[root])) {
        return None;
    }
    for &(a, b) in sentences[si.saturating_sub(2)..si].iter().rev() {
        let s = parses.get(text, (a, b));
        let Some(root) = s.root() else { continue };
        let Some(subj) = s.child(root, &["nsubj"]) else { continue };
        // A name anywhere in the subject's phrase ("Chancellor Rachel Reeves", headed by its
        // title).
        let phrase = s.subtree(subj);
        let (ka, kb) = (s.spans[phrase.start].start, s.spans[phrase.end - 1].end);
        let first = cast.mentions.partition_point(|m| m.0 < a);
        let who = cast.mentions[first..].iter().take_while(|m| m.0 < b).find(|m| ka <= m.0 && m.1 <= kb).map(|m| m.2);
        if let Some(w) = who {
            return cast.actors.iter().any(|x| x.name == w && x.kind == ActorKind::Person).then(|| w.to_string());
        }
    }
    None
}

/// Whether an expression writes its year ("1 July 2026", "Sept. 30, 2027").
fn year_written(expr: &str) -> bool {
    expr.split(|c: char| !c.is_ascii_digit()).any(|n| n.len() == 4)
        || expr.contains('\'')
            && expr.split('\'').nth(1).is_some_and(|y| y.len() >= 2 && y[..2].bytes().all(|b| b.is_ascii_digit()))
}

/// The first day on or after `r` with `d`'s month and day (29 February becomes 28 in other
/// years).
fn next_occurrence(d: Date, r: Date) -> Option<Date> {
    (0..=1).find_map(|k| {
        let y = r.year().checked_add(k)?;
        let day = Date::new(y, d.month(), d.day()).or_else(|_| Date::new(y, d.month(), 28)).ok()?;
        (day >= r).then_some(day)
    })
}

/// Whether a sentence's words could make one of its times a limit by structure alone (an
/// expiry word, or a granting verb before a duration), so that it is worth parsing.
fn structural_hint(lower: &str, kind: TimeType) -> bool {
    if ["runs out", "run out", "running out"].iter().any(|p| lower.contains(p)) {
        return true;
    }
    let mut words = lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).peekable();
    while let Some(w) = words.next() {
        // "due to the storm" gives a cause.
        let cause = w == "due" && words.peek() == Some(&"to");
        if (EXPIRY.has(w) && !cause) || (kind == TimeType::Duration && GRANTING.has(w)) || EXTENDING.has(w) {
            return true;
        }
    }
    false
}

/// What a sentence's parse says of one of its time expressions.
#[derive(Debug, Default)]
struct Structure {
    /// The time is a limit by its place in the sentence: governed by an expiry word ("the
    /// rights expire Nov. 21", "the scheduled Dec. 15 imposition", "takes effect Jan. 1"), or a
    /// duration granted with a to-clause ("has only 14 days to decide").
    limit: bool,
    /// A verb over it takes the limit away ("lifted the deadline", "rejecting an order that he
    /// remain until March 6", "missed the deadline").
    cancelled: bool,
    /// The clause it sits in is told in the past ("had ruled … and set Friday as the
    /// deadline", "completed the offer … by the Tuesday deadline").
    past: bool,
    /// The limit's own verb is in the simple past: "took effect in May", "the offer expired
    /// Friday" (the limit has come).
    lapsed: bool,
    /// The verb the time is on is negated ("they had not called him a suspect until …").
    negated: bool,
    /// The subject of the verb that set the limit ("a deadline set by Trump", "Trump gave …").
    set_by: Option<String>,
    /// What is due, read from the parse for a limit found by structure alone: the subject and
    /// the to-clause of a granted duration ("the family to decide whether …"), the subject
    /// and verb of an expiry ("the rights expire").
    what: Option<String>,
    /// Who must act: the indirect object of a granting verb, the object of an order, the
    /// subject of "for X to …" or of the bound verb ("Russia must agree by Friday").
    applies_to: Option<String>,
    /// The one who must act set the limit themselves: the bound verb is their own
    /// commitment ("Qantas will almost double its flights … by August", "pledged to repay the
    /// loan by June 30"), the last resort for who set it.
    self_set: bool,
    /// The limit is set in or under an agreement ("the Nov. 1 deadline set in that agreement",
    /// "Under the accord, Iran must …"): the party it binds is one of those who set it.
    agreed: bool,
    /// The head noun of what expires, folded ("rights" in "The rights, which expire Nov. 21").
    lapsing: Option<String>,
}

/// Reads the parse around time expression `t`.
fn read_structure(s: &Sentence, text: &str, t: &TimeExpr, cast: &Cast) -> Structure {
    let mut out = Structure::default();
    let Some(h) = s.head_of(t.start, t.end) else {
        return out;
    };
    let up: Vec<usize> = std::iter::once(h).chain(s.ancestors(h)).take(5).collect();
    let word = |k: usize| s.words[k].as_str();
    // A limit by structure: an expiry word over the time, near it ("expire", "deadline",
    // "due", "imposition"), or "take effect" / "come into force" / "kick in" on its verb.
    let verb = s.governing_verb(h);
    // "Harlow Foods will close the plant by June 30, the company said": a time the parse hangs
    // on a reporting verb after it, between the reported clause and the reporter, is the
    // reported clause's.
    let verb = verb.map(|v| {
        let reported = s.children(v).find(|&c| (s.is_rel(c, "ccomp") || s.is_rel(c, "parataxis")) && c < h);
        match reported {
            // The time follows the reported clause's last words, so it is on the last verb
            // that reaches them ("unless the airline improves its pay offer by … Friday").
            Some(c) if REPORTING.has(word(v)) && h < v && s.subtree(c).end <= h + 1 => {
                let end = s.subtree(c).end;
                s.subtree(c).filter(|&k| s.is_verb(k) && s.subtree(k).end == end).max().unwrap_or(c)
            }
            _ => v,
        }
    });
    // Phrasal limits: "takes effect", "comes into force", "kicks in", "runs out".
    let effect = verb.is_some_and(|v| {
        s.children(v).any(|k| {
            matches!(word(k), "effect" | "force")
                || (word(v).starts_with("kick") && word(k) == "in")
                || (matches!(word(v), "run" | "runs" | "running" | "ran") && word(k) == "out")
        })
    });
    // "due to the storm" gives a cause, "due to expire" a limit.
    let due_to_cause = |k: usize| {
        word(k) == "due"
            && s.words.get(k + 1).is_some_and(|w| w == "to")
            && s.xpos.get(k + 2).is_none_or(|x| *x != "VB")
    };
    // "The rights, which expire March 25, can be traded": an expiry verb right before the
    // time is its verb even where the parse hangs the time elsewhere (on "rights").
    let adjacent_expiry = s.tokens_in(t.start, t.end).start.checked_sub(1).and_then(|p| {
        let p = if word(p) == "on" { p.checked_sub(1)? } else { p };
        (s.is_verb(p) && EXPIRY.has(word(p)) && !matches!(s.xpos[p], "VBD" | "VBN")).then_some(p)
    });
    // "The bid was extended to Nov. 16": the time a limit is moved to is the new limit; the
    // verb that moved it.
    // (The parse may hang the time on the offer: "extended its tender offer to June 19".)
    let extended_to = up
        .iter()
        .take(3)
        .copied()
        .find(|&v| EXTENDING.has(word(v)) && s.is_verb(v))
        .filter(|_| s.children(h).any(|c| s.is_rel(c, "case") && matches!(word(c), "to" | "until")));
    out.limit = up
        .iter()
        .take(3)
        .any(|&k| k != h && EXPIRY.has(word(k)) && !matches!(word(k), "effect" | "force") && !due_to_cause(k))
        || effect
        || adjacent_expiry.is_some()
        || extended_to.is_some();
    let verb = adjacent_expiry.or(verb);
    out.lapsed = verb.is_some_and(|v| {
        s.xpos[v] == "VBD" && (effect || ["expir", "laps", "terminat"].iter().any(|p| word(v).starts_with(p)))
    });
    out.negated = verb.is_some_and(|v| {
        s.children(v)
            .any(|k| s.is_rel(k, "advmod") && matches!(crate::text::fold(word(k)).as_str(), "not" | "n't" | "never"))
    });
    if t.kind == TimeType::Duration {
        let head = s.heads[h];
        let to_clause = text.get(t.end..).unwrap_or("").trim_start().lower_keeping_offsets();
        // The verb before the duration, over adverbs ("has only 14 days"): the parse may
        // hang "has" on the noun as an auxiliary.
        let first = s.tokens_in(t.start, t.end).start;
        let verb_before = (0..first).rev().find(|&k| s.xpos[k] != "RB").is_some_and(|k| GRANTING.has(word(k)));
        let granted_object = head.is_some_and(|g| GRANTING.has(word(g)))
            && (s.is_rel(h, "obj") || s.is_rel(h, "obl") || s.is_rel(h, "iobj"));
        if (granted_object || verb_before) && (to_clause.starts_with("to ") || to_clause.starts_with("in which")) {
            out.limit = true;
            // The to-clause: the first infinitive after the duration, with what it governs.
            let last = s.tokens_in(t.start, t.end).end;
            let infinitive = (last..s.len()).find(|&k| s.xpos[k] == "VB" && k <= last + 3);
            let granted_to = (0..first).rev().find(|&k| s.xpos[k] != "RB").filter(|&k| GRANTING.has(word(k)));
            let subject = granted_to
                .and_then(|g| s.child(g, &["nsubj"]).or_else(|| s.heads[g].and_then(|x| s.child(x, &["nsubj"]))))
                .filter(|&n| n < first);
            if let Some(inf) = infinitive {
                let clause = s.subtree(inf);
                let clause = inf..clause.end;
                let who = subject.map(|n| s.text(text, s.subtree(n).start..n + 1)).unwrap_or("");
                out.what = Some(format!("{who} to {}", s.text(text, clause)).trim().to_string());
            }
        }
    }
    // "The rights, which expire Nov. 21": the expiring thing and its verb.
    if out.limit
        && out.what.is_none()
        && let Some(v) = verb.filter(|&v| EXPIRY.has(word(v))).or(adjacent_expiry).or_else(|| {
            // "The exchange offer expires at midnight", "expires" tagged a noun: an expiry
            // word over the time with a subject of its own.
            up.iter().copied().find(|&k| k != h && EXPIRY.has(word(k)) && s.child(k, &["nsubj"]).is_some())
        })
    {
        let subject = s.child(v, &["nsubj"]).map(|n| {
            // A relative pronoun stands for the noun the clause hangs on.
            if matches!(s.xpos[n], "WDT" | "WP") && s.heads[v].is_some_and(|x| matches!(s.upos[x], "NOUN" | "PROPN")) {
                s.heads[v].unwrap_or(n)
            } else {
                n
            }
        });
        if let Some(n) = subject {
            let np = s.subtree(n).start..n + 1;
            out.what = Some(format!("{} {}", s.text(text, np), s.words[v]));
            out.lapsing = Some(crate::text::fold(word(n)));
        }
    }
    // Cancelled: a verb over the time takes away a limit it names ("lifted the deadline",
    // "rejecting a court order that he remain until March 6", "missed the Thursday
    // deadline"), not any verb of ending ("to suspend Tierra Alta … no later than 15 November").
    out.cancelled = up.iter().skip(1).take(4).any(|&k| {
        CANCELLING.has(word(k))
            && s.children(k).any(|c| (s.is_rel(c, "obj") || s.is_rel(c, "nsubj")) && LIMIT_NOUNS.has(word(c)))
    });
    // The tense of the clause: climb from a non-finite verb to the one it depends on.
    let mut v = verb;
    let mut steps = 0;
    while let Some(x) = v {
        steps += 1;
        // A reporting verb reached from deep inside what it reports ("said members … expected
        // guidance from the FCA by Monday") does not tell the reported clause's tense; one the
        // time hangs on directly does ("said on Monday").
        if REPORTING.has(word(x)) && s.heads[h] != Some(x) {
            break;
        }
        // "… release the hostages by Saturday, Israeli officials said": an attribution after
        // the time, past a comma, is not what the time is told in (the parse may hang it there).
        if REPORTING.has(word(x)) && x > h && (h + 1..x).any(|k| s.words[k] == ",") {
            break;
        }
        // "would go ahead unless the management improved its offer by Thursday": a condition
        // under "would" or "will" is the future, backshifted in reported speech.
        let conditional =
            s.children(x).any(|k| s.is_rel(k, "mark") && matches!(word(k).to_lowercase().as_str(), "unless" | "if"))
                && s.heads[x].is_some_and(|y| {
                    s.children(y).any(|k| s.is_rel(k, "aux") && matches!(word(k), "would" | "will" | "'ll" | "'d"))
                });
        if conditional {
            break;
        }
        // "proposed tariffs …, giving Mexico until 4 December": a limit granted in a
        // participle is set now, whatever the tense of the clause it hangs on.
        if s.xpos[x] == "VBG" && (SETTING.has(word(x)) || GRANTING.has(word(x))) {
            break;
        }
        // "had ruled … and set": a coordinated verb shares its first verb's auxiliaries.
        let perfect = |y: usize| s.children(y).any(|k| s.is_rel(k, "aux") && word(k) == "had");
        let shared = s.is_rel(x, "conj")
            && s.xpos[x] == "VBN"
            && s.heads[x].is_some_and(|y| perfect(y) && !s.children(x).any(|k| s.is_rel(k, "aux")));
        // "… must be returned …, and set Friday as the deadline": an active participle with
        // no auxiliary of its own is perfect, told in the tense of the "had" above it.
        let bare_participle = s.xpos[x] == "VBN"
            && s.child(x, &["obj"]).is_some()
            && !s.children(x).any(|k| s.is_rel(k, "aux"))
            && s.ancestors(x).any(perfect);
        // "It had been due to expire Friday": an infinitive is told in the tense of the
        // perfect it depends on.
        // ("had been asked to submit … by Friday" still lies ahead: asking sets a limit.)
        let infinitive_of_perfect =
            s.xpos[x] == "VB" && s.heads[x].is_some_and(|y| perfect(y) && !SETTING.has(word(y)));
        if perfect(x) || shared || bare_participle || infinitive_of_perfect {
            out.past = true;
            break;
        }
        match s.future_tense(x) {
            Some(true) => break,
            Some(false) => {
                // A setting or expecting verb in the simple past names a limit that may still
                // lie ahead ("set Friday as the deadline", "expected a reply by Wednesday").
                out.past = !SETTING.has(word(x)) && !EXPECTING.has(word(x));
                break;
            }
            None if matches!(s.xpos[x], "VBG" | "VBN") && steps < 4 => {
                v = s.heads[x].and_then(|y| s.governing_verb(y));
            }
            None => break,
        }
    }
    // Who set it and who must meet it.
    // `describe`: for who must act, a description will do when no actor is named ("the
    // largest online marketplaces"); who set a limit is an actor or nothing.
    let named_or_described = |k: usize, describe: bool| -> Option<String> {
        if matches!(s.xpos[k], "PRP" | "WP" | "WDT" | "DT") {
            return None;
        }
        let span = s.subtree(k);
        let (a, b) = (s.spans[span.start].start, s.spans[span.end - 1].end);
        let (ka, kb) = (s.spans[k].start, s.spans[k].end);
        let first = cast.mentions.partition_point(|m| m.1 <= a);
        let inside: Vec<&(usize, usize, &str)> =
            cast.mentions[first..].iter().take_while(|m| m.0 < b).filter(|m| m.1 <= b).collect();
        // The actor the phrase's head names; else, for a common noun, the organisation it
        // stands for ("the airline") or the phrase itself ("the largest online marketplaces
        // operating in the EU" is the marketplaces, not the EU named inside it).
        if let Some(m) = inside.iter().find(|m| m.0 <= ka && m.1 >= kb) {
            return Some(m.2.to_string());
        }
        // "The bank also said its effort would continue past the deadline": a thing of "its"
        // or "their" is the party that owns it, the subject of the clause above.
        let owned = s.children(k).any(|c| s.xpos[c] == "PRP$" && matches!(word(c), "its" | "their" | "Its" | "Their"));
        if describe
            && owned
            && let Some(owner) = s.ancestors(k).filter_map(|v| s.child(v, &["nsubj"])).find(|&n| n != k)
        {
            let (oa, ob) = (s.spans[owner].start, s.spans[owner].end);
            let named = cast.mentions.iter().find(|m| m.0 <= oa && m.1 >= ob).map(|m| m.2.to_string());
            if let Some(who) = named.or_else(|| cast.described(word(owner), oa)) {
                return Some(who);
            }
        }
        // ("Hospitals in the region have been told …": a common noun the sentence's start
        // capitalised, tagged NNS, is a description even when the parse calls it a name.)
        let common = s.upos[k] == "NOUN"
            || s.xpos[k].starts_with("NN") && (s.upos[k] != "PROPN" || !s.xpos[k].starts_with("NNP"));
        if describe && common {
            if let Some(org) = cast.described(word(k), ka) {
                return Some(org);
            }
            let np = span.start..k + 1;
            let np = (np.start..np.end)
                .find(|&i| {
                    !matches!(s.words[i].as_str(), "the" | "a" | "an" | "all" | "its" | "their") && !s.is_rel(i, "case")
                })
                .map_or(np.clone(), |st| st..np.end);
            return Some(s.text(text, np).to_string());
        }
        // "Germany's motor transport authority KBA": the name beside the head, not its
        // possessor.
        let possessor = s.children(k).find(|&c| s.deprels[c] == "nmod:poss").map(|c| s.subtree(c));
        let outside_possessor = |m: &&&(usize, usize, &str)| {
            possessor.as_ref().is_none_or(|p| !(s.spans[p.start].start <= m.0 && m.1 <= s.spans[p.end - 1].end))
        };
        inside.iter().find(outside_possessor).or(inside.first()).map(|m| m.2.to_string())
    };
    let actor_of = |k: usize| named_or_described(k, false);
    let bound_party = |k: usize| named_or_described(k, true);
    // "A bid by Ciba-Geigy was extended to Nov. 16", "Orion extended its offer to Friday": an
    // offer's new limit is its maker's, named in the offer's "by" phrase or its owner.
    if let Some(v) = extended_to
        && let Some(offer) = s.child(v, &["obj", "nsubj:pass"]).filter(|&k| OFFERS.has(&crate::text::fold(word(k))))
    {
        out.lapsing = Some(crate::text::fold(word(offer)));
        out.what = Some(format!("{} extended", s.text(text, s.subtree(offer).start..offer + 1)));
        let by = s.children(offer).find(|&c| s.children(c).any(|m| s.is_rel(m, "case") && word(m) == "by"));
        let owner = s.children(offer).find(|&c| s.deprels[c] == "nmod:poss");
        let owner = owner.and_then(|o| match s.xpos[o] {
            "PRP$" => s.child(v, &["nsubj"]),
            _ => Some(o),
        });
        out.set_by = by.or(owner).and_then(actor_of);
    }
    // The verbs that may have set it: those over the time, and those attached to a noun over
    // it ("a deadline set by …").
    let mut setters: Vec<usize> = Vec::new();
    // "told reporters": a verb told to an audience reports; it sets nothing.
    let to_audience =
        |v: usize| s.child(v, &["obj", "iobj"]).is_some_and(|o| AUDIENCES.has(&crate::text::fold(word(o))));
    // "The IMF wants Pakistan to raise …": wanting with an object and a to-clause demands.
    // (The parse may hang the to-clause on the object: "wanted the company to improve".)
    let demands = |v: usize| {
        let object = s.child(v, &["obj", "iobj"]);
        let to_clause = |c: usize| s.children(c).any(|m| s.is_rel(m, "mark") && word(m) == "to");
        super::lexicon::DEMANDING.has(word(v))
            && object.is_some()
            && (s.child(v, &["xcomp", "ccomp"]).is_some()
                || object.is_some_and(|o| s.children(o).any(|c| s.is_rel(c, "acl") && to_clause(c))))
    };
    for &k in &up {
        if (SETTING.has(word(k)) || demands(k)) && !to_audience(k) {
            setters.push(k);
        }
        for c in s.children(k) {
            if (s.is_rel(c, "acl") || s.is_rel(c, "advcl")) && SETTING.has(word(c)) && !to_audience(c) {
                setters.push(c);
            }
        }
    }
    for &v in &setters {
        let agent = s.children(v).find(|&c| {
            (s.is_rel(c, "obl") || s.deprels[c] == "obl:agent")
                && s.children(c).any(|m| s.is_rel(m, "case") && word(m) == "by")
        });
        let subject = s.children(v).find(|&c| s.deprels[c] == "nsubj");
        if out.set_by.is_none() {
            out.set_by = agent.or(subject).and_then(actor_of);
        }
        // "The company has been given until March 15": the passive subject must act.
        if out.applies_to.is_none()
            && let Some(p) = s
                .children(v)
                .find(|&c| s.deprels[c] == "nsubj:pass")
                .filter(|&c| !OFFERS.has(&crate::text::fold(word(c))))
        {
            out.applies_to = bound_party(p);
        }
        if out.applies_to.is_none() {
            // "has set suppliers a deadline of March 20": a limit noun beside the object makes
            // the object the party ("set Friday as the deadline" has none: Friday is the time).
            let limit_beside = |o: usize| s.children(v).any(|c| c != o && LIMIT_NOUNS.has(&crate::text::fold(word(c))));
            let bound = s.child(v, &["iobj"]).or_else(|| {
                s.child(v, &["obj"])
                    .filter(|&o| {
                        !matches!(
                            word(v),
                            "set" | "sets" | "setting" | "imposed" | "impose" | "imposes" | "issued" | "extended"
                        ) || limit_beside(o)
                    })
                    // "demanded answers by March 13": the object is what is asked for, a party
                    // only with a clause of what it must do ("ordered the utility to file"), a
                    // limit beside it, or a name.
                    .filter(|&o| {
                        s.child(v, &["xcomp", "ccomp"]).is_some()
                            || s.children(o).any(|c| s.is_rel(c, "acl"))
                            || s.upos[o] == "PROPN"
                            || limit_beside(o)
                    })
            });
            out.applies_to = bound.filter(|&b| b != h).and_then(bound_party);
        }
    }
    // "Wednesday's ruling by the immigration service to repatriate the child by Jan. 14": a
    // decision's "by" phrase names who set the limit in its sentence (read from the words:
    // the parse may hang the phrase on the verb over the decision).
    if out.set_by.is_none() {
        out.set_by = (0..s.len().saturating_sub(1))
            .filter(|&k| s.upos[k] == "NOUN" && DECISIONS.has(&crate::text::fold(word(k))) && word(k + 1) == "by")
            .find_map(|k| s.heads[k + 1].filter(|&n| n > k + 1).and_then(actor_of));
    }
    // "a Friday deadline from President Donald Trump", "an ultimatum from the union": the one
    // a limit comes from set it.
    if out.set_by.is_none() {
        out.set_by = up.iter().copied().filter(|&k| LIMIT_NOUNS.has(word(k))).find_map(|k| {
            s.children(k)
                .find(|&c| s.is_rel(c, "nmod") && s.children(c).any(|m| s.is_rel(m, "case") && word(m) == "from"))
                .and_then(actor_of)
        });
    }
    // "Tesla has 45 days to answer the questions from the NHTSA", "to accept the offer made
    // by Emirates Telecom", "to comply with the order from the court": a limit on answering
    // what another party put is that party's (named in the thing's "from"/"by" phrase, its
    // maker's "by" phrase, or its owner; the parse may hang the "from" phrase on the verb).
    if out.set_by.is_none() {
        let case_is = |c: usize, cases: &[&str]| s.children(c).any(|m| s.is_rel(m, "case") && cases.contains(&word(m)));
        out.set_by =
            (0..s.len()).filter(|&v| super::lexicon::RESPONDING.has(&crate::text::fold(word(v)))).find_map(|v| {
                let n = s.children(v).find(|&c| {
                    matches!(s.deprels[c], "obj" | "obl") && {
                        let f = crate::text::fold(word(c));
                        super::lexicon::REQUESTS.has(&f) || OFFERS.has(&f)
                    }
                })?;
                let from = |h: usize| {
                    s.children(h)
                        .find(|&c| c > n && (s.is_rel(c, "nmod") || s.is_rel(c, "obl")) && case_is(c, &["from", "by"]))
                };
                let maker = s.children(n).filter(|&c| s.is_rel(c, "acl")).find_map(|a| {
                    s.children(a).find(|&c| s.deprels[c] == "obl:agent" || (s.is_rel(c, "obl") && case_is(c, &["by"])))
                });
                let owner = s.children(n).find(|&c| s.deprels[c] == "nmod:poss" && s.xpos[c] != "PRP$");
                from(n).or(maker).or(owner).or_else(|| from(v)).and_then(actor_of)
            });
    }
    // "KKR's program to pay down … by February", "the company's plan to close the plant by
    // June": with no one named setting it, the limit is the named owner's of the plan whose
    // clause holds the time. (Not the owner of a thing that expires: "Orion's offer expires"
    // is Orion's, "Orion's licence expires" the licensor's; not "Russia's deadline", which may
    // be the one Russia faces; nor "Thursday's decision", which names a day.)
    if out.set_by.is_none() {
        // The noun's own clause ("program to pay"), not a clause the parse hangs on it.
        let over_clause = |i: usize| i > 0 && s.deprels[up[i - 1]] == "acl" && s.is_verb(up[i - 1]);
        out.set_by = (0..up.len()).filter(|&i| s.upos[up[i]] == "NOUN" && over_clause(i)).find_map(|i| {
            let p = s.children(up[i]).find(|&c| s.deprels[c] == "nmod:poss")?;
            (!crate::text::is_day_or_month(word(p))).then(|| actor_of(p)).flatten()
        });
    }
    // "a deadline … for Russia to agree": the subject of the clause under the limit's noun.
    if out.applies_to.is_none() {
        for &k in &up {
            for c in s.children(k) {
                if (s.is_rel(c, "acl") || s.is_rel(c, "advcl") || s.is_rel(c, "xcomp"))
                    && let Some(subj) = s
                        .child(c, &["nsubj"])
                        .filter(|&n| s.children(n).any(|m| word(m) == "for") || s.spans[n].start > s.spans[k].end)
                {
                    out.applies_to = bound_party(subj);
                }
                if out.applies_to.is_some() {
                    break;
                }
            }
            if out.applies_to.is_some() {
                break;
            }
        }
    }
    // "The deadline set by the Treasury for banks to report … is March 31": the time is what
    // the limit noun is; whom it binds is the noun's "for … to" phrase.
    if out.applies_to.is_none() && s.children(h).any(|c| s.is_rel(c, "cop")) {
        let limit = s.children(h).find(|&c| s.deprels[c] == "nsubj" && LIMIT_NOUNS.has(&crate::text::fold(word(c))));
        if let Some(l) = limit {
            out.applies_to = s
                .subtree(l)
                .filter(|&n| {
                    s.children(n).any(|m| s.is_rel(m, "case") && word(m) == "for")
                        && s.words.get(n + 1).is_some_and(|w| w == "to")
                })
                .find_map(bound_party);
        }
    }
    // "Russia must agree by Friday", "unless the airline improves its offer by Friday": the
    // subject of the verb the limit is on (not of the verb that set or reported it, nor of
    // an event told in the past: "Berg arrived …, two days ahead of a deadline").
    // A verb with no subject of its own ("committed to clearing … arrears owed … by Dec. 31")
    // is done by the subject of the nearest clause above it that has one.
    if out.applies_to.is_none()
        && let Some(v) = verb
        && (s.future_tense(v) != Some(false) || matches!(word(v), "has" | "have" | "had"))
    {
        let mut x = Some(v);
        for _ in 0..5 {
            let Some(y) = x else { break };
            // Not the verb that set or reported it, nor an event told in the past ("Witkoff
            // arrived …, two days ahead of a deadline set by …").
            // A commitment told in the past still binds its subject ("agreed to sell … by").
            // "Ofcom said the BBC had 28 days to respond": what someone has, told in reported
            // speech, is theirs now (a limit told in the past was dropped before this).
            let possession = matches!(word(y), "has" | "have" | "had");
            let past = s.future_tense(y) == Some(false) && !EXPECTING.has(word(y)) && !possession;
            if SETTING.has(word(y)) || demands(y) || REPORTING.has(word(y)) || past {
                break;
            }
            // What expires or lapses ("Orion's offer expires on Dec. 18") is a thing, no party,
            // unless it stands for its owner ("its offer would lapse": the bank's).
            let lapsing = ["expir", "laps", "terminat"].iter().any(|p| word(y).to_lowercase().starts_with(p));
            if let Some(subj) = s.child(y, &["nsubj"]) {
                // "Calder Chemicals said it would close the plant by June 30": a pronoun subject
                // under a reporting verb is the reporter ("would" its reported "will").
                let reporter = (s.xpos[subj] == "PRP" && matches!(word(subj), "it" | "they" | "he" | "she"))
                    .then(|| s.ancestors(y).find(|&v| REPORTING.has(word(v))))
                    .flatten()
                    .and_then(|v| s.child(v, &["nsubj"]))
                    .filter(|&n| s.xpos[n] != "PRP");
                let subj = reporter.unwrap_or(subj);
                out.applies_to = bound_party(subj).filter(|who| !lapsing || cast.names.contains(who.as_str()));
                let will = s.children(y).any(|k| {
                    s.is_rel(k, "aux")
                        && (matches!(word(k), "will" | "'ll") || (reporter.is_some() && word(k) == "would"))
                });
                out.self_set = (will || COMMITTING.has(word(y))) && s.xpos[subj] != "PRP";
                break;
            }
            x = s.heads[y].and_then(|z| s.governing_verb(z));
        }
    }
    if out.applies_to.is_some() && out.applies_to == out.set_by {
        out.applies_to = None;
    }
    out.agreed = up.iter().any(|&k| {
        s.children(k).any(|c| {
            // "under the terms of the settlement": the agreement may be the phrase's nmod.
            let agreement = |n: usize| {
                AGREEMENTS.has(&crate::text::fold(word(n)))
                    || s.children(n).any(|m| s.is_rel(m, "nmod") && AGREEMENTS.has(&crate::text::fold(word(m))))
            };
            (s.is_rel(c, "obl") || s.is_rel(c, "nmod"))
                && agreement(c)
                && s.children(c).any(|m| s.is_rel(m, "case") && matches!(word(m), "in" | "under" | "by" | "Under"))
        })
    });
    out
}

/// Who made the offer that lapses (`noun`, one of [`OFFERS`]), for a sentence naming no setter:
/// read where the article speaks of it before byte `before`, nearest first ("its planned rights
/// offering", "Norvik Holdings launched a tender offer", "an offer from Norvik"): the owner, the
/// one it comes from, or the subject of a verb of making it. Sentences without the word are not
/// parsed.
fn offer_maker(
    text: &str,
    sentences: &[(usize, usize)],
    before: usize,
    noun: &str,
    cast: &Cast,
    parses: &mut crate::nlp::clause::Parses,
) -> Option<String> {
    // "rights" are offered in a "rights offering", a "bid" is "the offer": any word of the list.
    let family = |w: &str| w.len() > 2 && OFFERS.has(&crate::text::fold(w));
    debug_assert!(OFFERS.has(noun));
    let upto = sentences.partition_point(|r| r.0 < before);
    for &(ss, se) in sentences[..upto].iter().rev().take(12) {
        let end = se.min(before);
        if !text[ss..end].split(|c: char| !c.is_alphanumeric()).any(family) {
            continue;
        }
        let s = parses.get(text, (ss, se));
        let named = |k: usize| -> Option<String> {
            if matches!(s.xpos[k], "PRP" | "WP" | "WDT" | "DT") {
                return None;
            }
            let (a, b) = (s.spans[k].start, s.spans[k].end);
            let i = cast.mentions.partition_point(|m| m.1 <= a);
            cast.mentions[i..].iter().take_while(|m| m.0 <= a).find(|m| m.1 >= b).map(|m| m.2.to_string())
        };
        for k in (0..s.len()).filter(|&k| s.spans[k].end <= end && family(&s.words[k])) {
            // "Kestrel Energy is offering holders …": the verb itself.
            if s.upos[k] == "VERB" {
                if let Some(who) = s.child(k, &["nsubj"]).and_then(named) {
                    return Some(who);
                }
                continue;
            }
            // "Norvik's offer", "its planned rights offering" (its: the clause's subject).
            if let Some(p) = s.child(k, &["nmod:poss"]) {
                let owner = if matches!(s.words[p].to_lowercase().as_str(), "its" | "their") {
                    s.ancestors(k).filter_map(|v| s.child(v, &["nsubj"])).find(|&n| n != k)
                } else {
                    Some(p)
                };
                if let Some(who) = owner.and_then(named) {
                    return Some(who);
                }
            }
            // "an offer from Norvik Holdings", "a bid by Pellam".
            let from = s.children(k).find(|&c| {
                s.is_rel(c, "nmod")
                    && s.children(c).any(|m| s.is_rel(m, "case") && matches!(s.words[m].as_str(), "from" | "by"))
            });
            if let Some(who) = from.and_then(named) {
                return Some(who);
            }
            // "Norvik Holdings launched a tender offer".
            if let Some(v) = s.heads[k].filter(|&v| s.is_rel(k, "obj") && ISSUING.has(&crate::text::fold(&s.words[v])))
                && let Some(who) = s.child(v, &["nsubj"]).and_then(named)
            {
                return Some(who);
            }
        }
    }
    None
}

/// What an unresolved time says, in words an analyst can check against the article: "two
/// days after Wednesday" (a limit counted from the sentence's event day), "the first Friday
/// after publication", "30 days after publication", or the expression itself.
fn relative_meaning(
    text: &str,
    t: &TimeExpr,
    ahead: bool,
    sentence_times: &[&TimeExpr],
    weekday: Option<jiff::civil::Weekday>,
) -> String {
    let expr = text[t.start..t.end].trim();
    if ahead {
        let event = sentence_times.iter().find(|o| o.kind == TimeType::Date && o.start != t.start);
        return match event {
            Some(e) => format!("{expr} after {}", text[e.start..e.end].trim()),
            None => format!("{expr} after publication"),
        };
    }
    if let Some(wd) = weekday {
        return format!("the first {wd:?} after publication");
    }
    if t.kind == TimeType::Duration {
        return format!("{expr} after publication");
    }
    format!("“{expr}”, in the year of publication")
}

/// Verbs that report what someone else set ("said", "told reporters").
fn after_starts(text: &str, te: usize, se: usize, w: &str) -> bool {
    let after = text.get(te..se).unwrap_or("").trim_start().lower_keeping_offsets();
    // Over a clause that says when the count starts ("two weeks, starting on Friday, to …").
    let after = match after.strip_prefix(", ").and_then(start_clause) {
        Some((_, Some(rest))) => &after[2 + rest..],
        _ => after.as_str(),
    };
    after.starts_with(w)
}

/// A clause after a duration that says when its count starts ("starting at noon Saturday",
/// "beginning on March 9, to …"), in folded words that begin with it: where the start's time
/// begins, and where the words after the clause begin (after its closing ", "), if any.
fn start_clause(lower: &str) -> Option<(usize, Option<usize>)> {
    const CUES: &[&str] = &[
        "starting at ",
        "starting on ",
        "starting from ",
        "starting ",
        "beginning at ",
        "beginning on ",
        "beginning ",
    ];
    let cue = CUES.iter().find(|c| lower.starts_with(**c))?;
    Some((cue.len(), lower.find(", ").map(|p| p + 2)))
}

/// Where a duration counts from.
enum Anchor {
    /// A dated event.
    Known(Date),
    /// An event the article does not date.
    Unknown,
}

/// The event a duration counts from, when the words after it name one: "21 days from the date
/// of the order" (the order's date, found in the sentence that dates it), "14 days of
/// receiving it" (the previous deadline).
fn anchor_for(
    text: &str,
    te: usize,
    se: usize,
    sentences: &[(usize, usize)],
    times: &[TimeExpr],
    earlier: &[FoundDeadline],
    reference: Option<Date>,
) -> Option<Anchor> {
    // "within a week, starting at noon Saturday": the count starts at the time named there.
    let tail = text[te..se].trim_start_matches([',', ' ']);
    let tail_at = se - tail.len();
    if let Some((cue, _)) = start_clause(&tail.lower_keeping_offsets()) {
        let from = tail_at + cue;
        let named = times.iter().find(|t| t.start >= from && t.start <= from + 4 && t.day.is_some());
        if let Some(d) = named.and_then(|t| t.day) {
            return Some(Anchor::Known(d));
        }
    }
    let after = text[te..se].trim_start().lower_keeping_offsets();
    let rest = ["from ", "of ", "after "].iter().find_map(|p| after.strip_prefix(p))?;
    let mut rest = rest;
    for skip in ["the date of ", "the entry of ", "the day of ", "the ", "its ", "this ", "their ", "his ", "her "] {
        rest = rest.strip_prefix(skip).unwrap_or(rest);
    }
    let event: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    if event.is_empty() {
        return None;
    }
    if matches!(event.as_str(), "receiving" | "receipt" | "submission" | "delivery") {
        // What is received: named ("receipt of the plan") or, for "it", the last noun before
        // the duration ("objections to the plan within 14 days of receiving it").
        let named: String = rest[event.len()..]
            .trim_start()
            .trim_start_matches("of ")
            .trim_start_matches("the ")
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let thing = if named.is_empty() || named == "it" || named == "them" {
            let before = text[..te].lower_keeping_offsets();
            let words: Vec<&str> = before.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() > 2).collect();
            words
                .iter()
                .rev()
                .skip(2)
                .find(|w| !matches!(**w, "within" | "days" | "weeks" | "the" | "any" | "and"))
                .map(|w| w.to_string())
                .unwrap_or_default()
        } else {
            named
        };
        let by_thing = earlier
            .iter()
            .filter(|d| !thing.is_empty() && d.what.lower_keeping_offsets().contains(&thing))
            .find_map(|d| d.date);
        return match by_thing.or_else(|| earlier.iter().rev().find_map(|d| d.date)) {
            Some(d) => Some(Anchor::Known(d)),
            None => Some(Anchor::Unknown),
        };
    }
    // A sentence that mentions the event together with a day ("an order issued late on Monday").
    for &(s, e) in sentences {
        let sent = text[s..e].lower_keeping_offsets();
        let Some(at) = sent.match_indices(event.as_str()).map(|(i, _)| i).find(|&i| {
            let before_ok = i == 0 || !sent[..i].ends_with(char::is_alphabetic);
            let after_ok = !sent[i + event.len()..].starts_with(char::is_alphabetic);
            before_ok && after_ok
        }) else {
            continue;
        };
        let dated = times
            .iter()
            .filter(|t| t.start >= s && t.end <= e && t.kind == TimeType::Date && t.day.is_some())
            .min_by_key(|t| (t.start as i64 - (s + at) as i64).unsigned_abs());
        if let Some(d) = dated.and_then(|t| t.day).filter(|d| reference.is_none_or(|r| *d <= r)) {
            return Some(Anchor::Known(d));
        }
    }
    None
}

/// Adds a TIMEX3 duration ("P21D", "P2W", "P3M", "PT72H" rounded up to days) to a date.
fn add_duration(d: Date, value: &str) -> Option<Date> {
    if let Some(h) = value.strip_prefix("PT").and_then(|v| v.strip_suffix('H')) {
        let hours: i64 = h.parse().ok()?;
        return d.checked_add(((hours + 23) / 24).days()).ok();
    }
    let v = value.strip_prefix('P')?;
    let (num, unit) = v.split_at(v.len().checked_sub(1)?);
    let n: i64 = num.parse().ok()?;
    let span = match unit {
        "D" => n.days(),
        "W" => (n * 7).days(),
        "M" => n.months(),
        "Y" => n.years(),
        _ => return None,
    };
    d.checked_add(span).ok()
}

/// The weekday a time expression names ("Friday", "Monday’s").
fn weekday_named(expr: &str) -> Option<jiff::civil::Weekday> {
    // The first word, or the day after a time of day ("midnight Friday", "12:01 a.m. Sunday").
    let words: Vec<String> =
        expr.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(|w| w.lower_keeping_offsets()).collect();
    let first = words.first().and_then(|w| super::times::weekday_of(w));
    let after_time = words.iter().any(|w| matches!(w.as_str(), "midnight" | "noon" | "a" | "p" | "am" | "pm" | "m"));
    first.or_else(|| if after_time { words.iter().find_map(|w| super::times::weekday_of(w)) } else { None })
}

/// The first `wd` strictly after `r`.
fn next_weekday_after(r: Date, wd: jiff::civil::Weekday) -> Date {
    let cur = i64::from(r.weekday().to_monday_zero_offset());
    let want = i64::from(wd.to_monday_zero_offset());
    let delta = (want - cur).rem_euclid(7);
    let delta = if delta == 0 { 7 } else { delta };
    r.checked_add(delta.days()).unwrap_or(r)
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
/// "X to Y"; "told/gave/ordered X (until …) to Y" → "X to Y"; "X has until … to Y" → "X to Y";
/// otherwise the clause before the time expression ("X must Y"), without introductions.
fn what_is_due(text: &str, ss: usize, cs: usize, ts: usize, te: usize, se: usize) -> String {
    let clip = |s: &str| -> String {
        // A dateline's dash or a possessive left over at the start ("– Ukraine's energy
        // ministry …", "'s announcement …") and an opening quote or cue at the end ("… from
        // the FCA “by") are not part of what is due.
        let s = s.trim_start_matches(['–', '—', '-', ',', ':', ' ']);
        // A dateline's credit: "(Eastern Courier) – Ukraine's energy ministry …".
        let s = match s.strip_prefix('(').and_then(|r| r.split_once(')')) {
            Some((credit, rest)) if credit.len() <= 60 && rest.trim_start().starts_with(['–', '—', '-']) => {
                rest.trim_start_matches(['–', '—', '-', ' '])
            }
            _ => s,
        };
        let s = ["'s ", "’s "].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
        // A subordinating word left at the start ("unless the airline improves …", "that
        // companies … must submit …") is not part of what is due.
        let s = ["unless ", "Unless ", "that ", "That "].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
        let s = s.split([';', '—']).next().unwrap_or(s);
        // "The offer, which expires": the relative clause's verb is the limit's own.
        let joined;
        let s = match s.split_once(", which ") {
            Some((noun, verb)) if !verb.contains(',') && !noun.contains(',') => {
                joined = format!("{noun} {verb}");
                joined.as_str()
            }
            _ => s,
        };
        let words: Vec<&str> = s.split_whitespace().take(28).collect();
        let out = words.join(" ");
        let mut out = out.as_str();
        loop {
            let before = out;
            out = strip_cue(out.trim_end_matches([',', '.', ':', ' ', '“', '"', '‘', '(', '–']));
            if out == before {
                break;
            }
        }
        out.to_string()
    };
    let lower_all = text[ss..se].lower_keeping_offsets();
    if let Some(d) = lower_all.find("deadline")
        && let Some(f) = lower_all[d..].find(" for ")
    {
        let rest = &text[ss + d + f + 5..se];
        if rest.contains(" to ") {
            return clip(rest);
        }
    }
    let start = cs.clamp(ss, ts);
    // "set a 28 February deadline for public comments", "face a 5 December deadline to vote
    // on the plan": the deadline noun's complement is what is due, and whoever has or faces
    // the deadline is who must do it.
    let after_time = text[te..se].trim_start();
    let after_lower = after_time.lower_keeping_offsets();
    if let Some(noun) = ["deadline ", "cutoff ", "cut-off "].iter().find(|w| after_lower.starts_with(*w)) {
        let rest = &after_time[noun.len()..];
        if let Some(np) = rest.strip_prefix("for ") {
            return clip(np);
        }
        if rest.starts_with("to ") {
            let words: Vec<&str> = text[start..ts].split_whitespace().collect();
            let holder = match words.as_slice() {
                [subject @ .., verb, "a" | "an" | "the" | "its" | "their"]
                    if !subject.is_empty()
                        && matches!(
                            verb.to_lowercase().as_str(),
                            "face" | "faces" | "facing" | "has" | "have" | "had" | "got" | "gets" | "get"
                        ) =>
                {
                    format!("{} ", subject.join(" "))
                }
                _ => String::new(),
            };
            return clip(&format!("{holder}{rest}"));
        }
    }
    let head = &text[start..ts];
    let head_lower = head.lower_keeping_offsets();
    let after = text[te..se].trim_start_matches([',', ' ']);
    // Skip the starting event ("from the entry of the order", ", starting on Friday,") to
    // what is due ("to file …").
    let l = after.lower_keeping_offsets();
    let after = match start_clause(&l) {
        Some((_, Some(rest))) => after[rest..].trim_start(),
        _ if ["from ", "of ", "after "].iter().any(|p| l.starts_with(p)) => {
            l.find(" to ").map(|p| &after[p + 1..]).unwrap_or(after)
        }
        _ => after,
    };
    let to_after = after.lower_keeping_offsets().starts_with("to ");
    // "The fund wants the government to pass a revised budget by …": the demand's object and
    // its to-clause.
    if let Some((_, e)) = demand_at(&head_lower) {
        return clip(strip_cue(head[e..].trim()));
    }
    // "told the largest marketplaces to comply … by 1 July", "gave Mexico until 4 December to respond".
    for verb in [
        " told ",
        " ordered ",
        " gave ",
        " give ",
        " gives ",
        " giving ",
        " given ",
        " asked ",
        " required ",
        " directed ",
        " instructed ",
        " urged ",
        " called on ",
        " calls on ",
    ] {
        if let Some(v) = head_lower.rfind(verb) {
            let object = strip_cue(head[v + verb.len()..].trim());
            if object.is_empty() && to_after {
                // "The company has been given 30 days to submit …": the subject is due.
                let subject = head[..v].trim();
                let subject = ["has been", "have been", "had been", "was", "were", "is", "are", "has", "have"]
                    .iter()
                    .find_map(|aux| subject.strip_suffix(aux))
                    .unwrap_or(subject);
                return clip(&format!("{} {}", intro_stripped(subject.trim()), first_clause(after)));
            }
            if to_after && !object.contains(" to ") {
                return clip(&format!("{object} {}", first_clause(after)));
            }
            // "ordered the utility to file, within 30 days, a detailed plan …": the time sits
            // inside the clause, which goes on after it.
            if head.trim_end().ends_with(',') && object.contains(" to ") && !first_clause(after).is_empty() {
                return clip(&format!("{} {}", object.trim_end_matches([',', ' ']), first_clause(after)));
            }
            return clip(object);
        }
    }
    // "National authorities have until the end of the year to notify …".
    if to_after {
        for aux in [" has", " have", " had"] {
            if let Some(subject) = strip_cue(head.trim()).strip_suffix(aux) {
                return clip(&format!("{} {}", intro_stripped(subject), first_clause(after)));
            }
        }
    }
    // "Under the UK Takeover Code, Thursday's announcement starts …": an introduction that
    // runs up to the time expression says nothing of what is due.
    let head_only_intro = head.trim_end().ends_with(',');
    let mut body = if head_only_intro { "" } else { intro_stripped(strip_cue(head.trim())) };
    for lead in ["and ", "or ", "but "] {
        body = body.strip_prefix(lead).unwrap_or(body);
    }
    // "X said the authorities had agreed to publish …": what was agreed.
    let body_lower = body.lower_keeping_offsets();
    let body = ["said that ", "said ", "says ", "announced that ", "agreed to "]
        .iter()
        .find_map(|w| body_lower.find(w).map(|p| &body[p + w.len()..]))
        .filter(|rest| rest.split_whitespace().count() >= 3)
        .unwrap_or(body);
    let after_clause = first_clause(after);
    if body.split_whitespace().count() >= 3 && after.starts_with("that ") {
        clip(&format!("{body} {after_clause}"))
    } else if body.split_whitespace().count() >= 3 {
        clip(body)
    } else {
        clip(&format!("{body} {}", first_clause(after)))
    }
}

/// The words up to the end of the first clause: a comma followed by a space, or a semicolon
/// (not the comma inside "85,000").
fn first_clause(s: &str) -> &str {
    let end = [s.find(", "), s.find(';')].into_iter().flatten().min().unwrap_or(s.len());
    s[..end].trim_end_matches(',')
}

/// Removes a trailing deadline cue ("… by", "… no later than", "… until").
fn strip_cue(s: &str) -> &str {
    let mut s = s.trim_end();
    loop {
        let before = s;
        for c in [
            "no later than",
            "not later than",
            "on or before",
            "at the latest",
            "by the",
            "until the",
            "before the",
            "by",
            "until",
            "till",
            "before",
            "within",
            "the",
            "on",
            "at",
            "from",
        ] {
            if let Some(rest) = s.strip_suffix(c)
                && (rest.is_empty() || rest.ends_with([' ', '“', '"', '‘', '(']))
            {
                s = rest.trim_end();
            }
        }
        if s == before {
            return s;
        }
    }
}

/// What follows a reporting clause that opens `s` ("He said the union" → "the union",
/// "Officials said that lenders" → "lenders"), or all of `s`. A clause of up to six words,
/// with no comma in `s`, and something after it.
fn after_reporting(s: &str) -> &str {
    // (Words with their byte offsets: the text's spacing may be anything.)
    let words: Vec<(usize, &str)> =
        s.split_whitespace().map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w)).collect();
    if let Some(i) = words.iter().take(6).position(|(_, w)| REPORTING.has(&w.lower_keeping_offsets()))
        && i > 0
        && !s.contains(", ")
    {
        let mut rest = &words[i + 1..];
        if rest.first().is_some_and(|(_, w)| w.eq_ignore_ascii_case("that")) {
            rest = &rest[1..];
        }
        if let Some(&(at, _)) = rest.first() {
            return &s[at..];
        }
    }
    s
}

/// Drops an introductory phrase ("Under the UK Takeover Code, Kestrel must …") or a reporting
/// clause ("He said the union …").
fn intro_stripped(s: &str) -> &str {
    // An introduction that opens with a preposition ("Under federal rules, the company") goes
    // even when little follows it; otherwise three words must follow (not "Smith, Jones").
    const INTROS: &[&str] =
        &["under", "in", "after", "before", "on", "by", "according", "for", "following", "since", "as", "amid", "with"];
    let reported = after_reporting(s);
    if reported.len() < s.len() {
        return reported;
    }
    match s.find(", ") {
        Some(p) if s[..p].split_whitespace().count() <= 8 => {
            let intro =
                s.split_whitespace().next().is_some_and(|w| INTROS.contains(&w.lower_keeping_offsets().as_str()));
            let rest = s[p + 2..].split_whitespace().count();
            if rest >= 3 || (intro && rest >= 1) { &s[p + 2..] } else { s }
        }
        _ => s,
    }
}

/// "… or face sweeping new sanctions" → "sweeping new sanctions".
fn consequence(rest: &str) -> Option<String> {
    let l = rest.lower_keeping_offsets();
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
fn parties(text: &str, ss: usize, se: usize, cast: &Cast) -> (Option<String>, Option<String>) {
    // The sentence's mentions (`cast.mentions` is in text order).
    let first = cast.mentions.partition_point(|m| m.0 < ss);
    let mentions: Vec<(usize, usize, &str)> =
        cast.mentions[first..].iter().take_while(|m| m.0 < se).filter(|m| m.1 <= se).copied().collect();
    let lower = text[ss..se].lower_keeping_offsets();
    let abs = |p: usize| ss + p;
    // The actor named right at `pos`, allowing a title in between ("set by President Donald Trump").
    let starting_at = |pos: usize| {
        mentions
            .iter()
            .find(|m| {
                m.0 >= pos
                    && (m.0 <= pos + 5
                        || (m.0 <= pos + 30
                            && text[pos..m.0]
                                .split_whitespace()
                                .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w == "the")))
            })
            .map(|m| m.2.to_string())
    };
    let before = |pos: usize| mentions.iter().rev().find(|m| m.1 <= pos).map(|m| m.2.to_string());
    // The last actor before a verb at `p` (sentence offset), within the verb's clause ("…, N.Y.,
    // unit is evaluating the proposal; the parent asked it to respond": not N.Y.).
    let before_in_clause = |p: usize| {
        let clause_start = abs(lower[..p].rfind(';').map_or(0, |c| c + 1));
        mentions.iter().rev().find(|m| m.1 <= abs(p)).filter(|m| m.0 >= clause_start).map(|m| m.2.to_string())
    };
    let mut set_by = None;
    let mut applies_to = None;
    for cue in super::lexicon::SETTER_CUES.in_order() {
        if let Some(p) = lower.find(&format!("{cue} ")) {
            set_by = starting_at(abs(p + cue.len() + 1));
            if set_by.is_some() {
                break;
            }
        }
    }
    // "The fund wants the government to pass …": a demand's verb first.
    let demand = demand_at(&lower).map(|(s, e)| format!(" {} ", &lower[s..e]));
    // The verbs as whole words.
    let imposing = IMPOSING.in_order().iter().map(|v| format!(" {v} "));
    for verb in demand.into_iter().chain(imposing) {
        let verb = verb.as_str();
        if let Some(p) = lower.find(verb) {
            // "…, INS commissioner Doris Meissner told reporters": told to an audience, a
            // report, binding no one.
            let object =
                lower[p + verb.len()..].trim_start_matches("the ").split(|c: char| !c.is_alphanumeric()).next();
            if verb.trim() == "told" && object.is_some_and(|o| AUDIENCES.has(o)) {
                continue;
            }
            // The subject: an actor named just before the verb, or a common noun ("a federal
            // judge") that matches an actor's role.
            let near =
                mentions.iter().rev().find(|m| m.1 <= abs(p)).filter(|m| abs(p) - m.1 < 25).map(|m| m.2.to_string());
            // "Brightwater, which owns 7% of Harrowgate, said it would give …": a pronoun
            // subject is the sentence's first actor.
            let pronoun_subject = ["it", "they", "he", "she", "would", "will"]
                .iter()
                .any(|w| lower[..p].trim_end().ends_with(&format!(" {w}")));
            // "The FDA on Tuesday expanded a recall …, and told pharmacies …": a coordinated
            // verb shares the sentence's subject.
            let coordinated = lower[..p].trim_end().ends_with(" and") || lower[..p].trim_end().ends_with(", and");
            let near = if pronoun_subject || coordinated { mentions.first().map(|m| m.2.to_string()) } else { near };
            // "The union has also given …": a description of an actor named before.
            let near = near.or_else(|| subject_description(&lower[..p]).and_then(|d| cast.described(d, ss)));
            set_by = set_by.or(near).or_else(|| cast.by_role_noun(&lower[..p])).or_else(|| before_in_clause(p));
            applies_to = starting_at(abs(p + verb.len())).or_else(|| {
                // As the article writes it ("X", not "x"); the folded copy keeps the offsets.
                let rest = &text[ss + p + verb.len()..se];
                let rest = rest.strip_prefix("the ").or_else(|| rest.strip_prefix("The ")).unwrap_or(rest);
                let words: Vec<&str> = rest.split_whitespace().collect();
                // "gave the government 14 days to …", "a week to …": the time is not the party;
                // "told payment firms on Tuesday that …": nor the day.
                // A number stops the phrase only as a time's ("14 days", "a week" is caught by
                // "another"/the unit): "told more than 300 payment firms" keeps it.
                let unit = |k: usize| {
                    words.get(k + 1).is_some_and(|u| {
                        let u = u.to_lowercase();
                        ["day", "week", "hour", "month", "year", "working", "business", "more"]
                            .iter()
                            .any(|p| u.starts_with(p))
                    })
                };
                let stop = |k: usize| {
                    let w = words[k].to_lowercase();
                    matches!(
                        w.as_str(),
                        "until" | "until," | "to" | "by" | "within" | "that" | "another" | "on" | "last" | "this"
                    ) || ((super::times::number_of(&w).is_some() || w.starts_with(|c: char| c.is_ascii_digit()))
                        && unit(k))
                };
                let n = (0..words.len()).take_while(|&k| !stop(k)).take(8).count();
                // "demanded answers by March 13": what is asked for, not of whom, when nothing
                // that binds a party follows.
                let binds = words.get(n).is_none_or(|w| {
                    let w = w.to_lowercase();
                    !matches!(w.as_str(), "by") && w.chars().next().is_some_and(char::is_alphanumeric)
                }) && n < words.len();
                (n > 0 && binds).then(|| words[..n].join(" ").trim_end_matches(',').to_string())
            });
            break;
        }
    }
    if applies_to.is_none() {
        let mut from = 0;
        while let Some(f) = lower[from..].find(" for ") {
            let p = from + f;
            from = p + 5;
            if let Some(name) = starting_at(abs(p + 5))
                && lower[p + 5..].contains(" to ")
            {
                applies_to = Some(name);
                break;
            }
        }
    }
    if applies_to.is_none() {
        for marker in super::lexicon::HOLDER_MARKERS.in_order() {
            let marker = format!(" {marker} ");
            if let Some(p) = lower.find(&marker) {
                applies_to = before(abs(p + 1)).filter(|_| {
                    // The actor must be the subject: close to the marker.
                    mentions.iter().rev().find(|m| m.1 <= abs(p + 1)).is_some_and(|m| abs(p).saturating_sub(m.1) < 40)
                });
                if applies_to.is_none() {
                    let head = &lower[..p];
                    let start = head.rfind([',', ';', ':']).map(|c| c + 1).unwrap_or(0);
                    let start = head[start..].rfind(" that ").map(|t| start + t + 6).unwrap_or(start);
                    // As the article writes it ("Congress", not "congress"): the lower-cased
                    // copy keeps the text's byte offsets.
                    // "He said the council had until Friday": not the reporting clause.
                    let np: Vec<&str> = after_reporting(&text[ss + start..ss + p]).split_whitespace().collect();
                    if (1..=6).contains(&np.len()) {
                        let np = np.join(" ");
                        let np = np.strip_prefix("the ").or_else(|| np.strip_prefix("The ")).unwrap_or(&np);
                        // "National market surveillance authorities must …": a description
                        // capitalised only by the sentence's start is written in lower case.
                        let described = np.split_whitespace().skip(1).all(|w| w.starts_with(char::is_lowercase))
                            && np.contains(' ')
                            && start == 0
                            && np.split_whitespace().next().is_some_and(|w| w.chars().skip(1).all(char::is_lowercase));
                        applies_to = Some(if described {
                            let mut c = np.chars();
                            c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
                        } else {
                            np.to_string()
                        });
                    }
                }
                break;
            }
        }
    }
    if set_by.is_none() {
        // Who tells of the limit: the speaker, or the body they speak for ("The IMF's mission
        // chief for Zambia, Anders Kjellberg, said the authorities had agreed to …"), or the
        // source it is according to ("according to an IMF statement").
        // The first reporting verb ("said", "wrote", "announced" …, also at the sentence's
        // end: "…, the regulator said."), or "according to".
        let word_at = |p: usize, len: usize| {
            !lower[..p].ends_with(|c: char| c.is_alphanumeric() || c == '-')
                && !lower[p + len..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
        };
        // (p: where the verb starts, after: where the words after it start.)
        let reporting =
            lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).find(|w| REPORTING.has(w)).and_then(
                |w| {
                    let p = lower.match_indices(w).map(|(p, _)| p).find(|&p| p > 0 && word_at(p, w.len()))?;
                    Some((p, false, (p + w.len() + 1).min(lower.len())))
                },
            );
        let according = lower.find(" according to ").map(|p| (p + 1, true, p + " according to ".len()));
        if let Some((p, according, after)) = [reporting, according].into_iter().flatten().min_by_key(|r| r.0) {
            // "…, the regulator said": a description of an organisation named before.
            let clause = lower[..p].rsplit([',', ';', ':']).next().unwrap_or("").trim();
            let described = clause
                .strip_prefix("the ")
                .filter(|d| d.split_whitespace().count() <= 3)
                .and_then(|d| d.split_whitespace().last())
                .and_then(|head| cast.described(head, abs(p)));
            set_by = if according {
                starting_at(abs(after))
            } else {
                described.or_else(|| before_in_clause(p)).or_else(|| starting_at(abs(after)))
            };
            set_by = set_by.map(|who| cast.spoken_for(&who).unwrap_or(who));
        }
    }
    if applies_to.is_none() {
        // "… unless the airline improves its offer by Friday".
        if let Some(u) = lower.find(" unless ") {
            let np: Vec<&str> = lower[u + 8..].split_whitespace().take(3).collect();
            applies_to = starting_at(abs(u + 8)).or_else(|| np.get(1).and_then(|w| cast.described(w, ss)));
        }
    }
    // A description ("the airline", "the board") stands for the organisation named before it.
    for who in [&mut set_by, &mut applies_to] {
        if let Some(w) = who.as_deref()
            && !cast.names.contains(w)
        {
            let head = w.split_whitespace().last().unwrap_or("");
            if let Some(name) = cast.described(head, ss) {
                *who = Some(name);
            }
        }
    }
    // A phrase cut off after a preposition ("largest online marketplaces operating in") ends
    // at its noun.
    for who in [&mut set_by, &mut applies_to] {
        if let Some(w) = who.as_deref()
            && !cast.names.contains(w)
        {
            let mut words: Vec<&str> = w.split_whitespace().collect();
            let mut cut = false;
            while words.last().is_some_and(|l| {
                matches!(
                    l.lower_keeping_offsets().as_str(),
                    "in" | "of"
                        | "to"
                        | "for"
                        | "on"
                        | "at"
                        | "by"
                        | "with"
                        | "from"
                        | "the"
                        | "a"
                        | "an"
                        | "and"
                        | "or"
                )
            }) {
                words.pop();
                cut = true;
            }
            // … and a participle left hanging by the cut ("operating", "based").
            if cut && words.len() > 1 && words.last().is_some_and(|l| l.ends_with("ing") || l.ends_with("ed")) {
                words.pop();
            }
            *who = (!words.is_empty()).then(|| words.join(" "));
        }
    }
    if applies_to.is_some() && applies_to == set_by {
        set_by = None;
    }
    let pronoun = |s: &Option<String>| {
        s.as_deref()
            .is_some_and(|s| matches!(s, "which" | "who" | "it" | "they" | "that" | "this" | "he" | "she" | "we"))
    };
    if pronoun(&applies_to) {
        applies_to = None;
    }
    (set_by, applies_to)
}

/// The head noun of a sentence-initial description before a verb: "The union has also" →
/// "union".
fn subject_description(before_verb: &str) -> Option<&str> {
    let t = before_verb.trim();
    let rest = t.strip_prefix("the ")?;
    let head = rest.split_whitespace().next()?;
    rest.split_whitespace()
        .skip(1)
        .all(|w| matches!(w, "has" | "have" | "had" | "also" | "has also" | "is" | "was" | "been"))
        .then_some(head)
}

/// The text's actors, indexed once for the questions [`parties`] asks of every deadline (a
/// scan of all actors or mentions per deadline was quadratic in a long text).
struct Cast<'a> {
    /// Every mention as (start, end, actor name), in text order.
    mentions: Vec<(usize, usize, &'a str)>,
    names: std::collections::HashSet<&'a str>,
    /// Where organisations' mentions end, with the actor's index, in text order: all of them,
    /// and per [`GENERIC`] noun those whose name or role has the noun.
    org_ends: Vec<(usize, usize)>,
    /// Where countries' mentions end, with the actor's index, in text order.
    country_ends: Vec<(usize, usize)>,
    noun_ends: std::collections::HashMap<&'static str, Vec<(usize, usize)>>,
    /// The first actor (by index) whose role has the word.
    role_word: std::collections::HashMap<String, usize>,
    actors: &'a [FoundActor],
}

/// The actor of the last mention ending at or before `pos` in `ends` ((end, actor), in text
/// order; ties go to the later actor).
fn latest(ends: &[(usize, usize)], pos: usize) -> Option<usize> {
    ends[..ends.partition_point(|&(e, _)| e <= pos)].last().map(|&(_, i)| i)
}

impl<'a> Cast<'a> {
    fn new(actors: &'a [FoundActor]) -> Self {
        let mut mentions: Vec<(usize, usize, &str)> =
            actors.iter().flat_map(|a| a.mentions.iter().map(move |m| (m.0, m.1, a.name.as_str()))).collect();
        mentions.sort_by_key(|m| m.0);
        let mut org_ends: Vec<(usize, usize)> = Vec::new();
        let mut country_ends: Vec<(usize, usize)> = Vec::new();
        let mut noun_ends: std::collections::HashMap<&'static str, Vec<(usize, usize)>> =
            std::collections::HashMap::new();
        let mut role_word: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            let role = a.role.as_deref().map(crate::text::fold).unwrap_or_default();
            for w in role.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                role_word.entry(w.to_string()).or_insert(i);
            }
            if a.kind == ActorKind::Country {
                country_ends.extend(a.mentions.iter().map(|m| (m.1, i)));
            }
            if a.kind != ActorKind::Organization {
                continue;
            }
            org_ends.extend(a.mentions.iter().map(|m| (m.1, i)));
            let name = crate::text::fold(&a.name);
            for noun in GENERIC.entries() {
                if name.split_whitespace().chain(role.split_whitespace()).any(|w| w == noun) {
                    noun_ends.entry(noun).or_default().extend(a.mentions.iter().map(|m| (m.1, i)));
                }
            }
        }
        org_ends.sort_unstable();
        country_ends.sort_unstable();
        for ends in noun_ends.values_mut() {
            ends.sort_unstable();
        }
        let names = actors.iter().map(|a| a.name.as_str()).collect();
        Cast { mentions, names, org_ends, country_ends, noun_ends, role_word, actors }
    }

    /// The organisation a description refers to: the one named most recently before byte
    /// `pos` whose name or role contains the noun, else (for generic nouns) the most recent one.
    fn described(&self, noun: &str, pos: usize) -> Option<String> {
        let noun = noun.trim_matches(|c: char| !c.is_alphanumeric());
        GENERIC.has(noun).then_some(())?;
        self.named_with(noun, pos).or_else(|| latest(&self.org_ends, pos)).map(|i| self.actors[i].name.clone())
    }

    /// "government", "the authorities" → the state the article is about: of the countries
    /// named before `pos`, the one named most often (a country named in passing, "creditors
    /// including China", is not whose government it means); any other party as it is.
    fn state_for(&self, who: String, pos: usize) -> String {
        let w = who.trim_start_matches("the ").trim_start_matches("The ").to_lowercase();
        if !STATE_BODIES.has(w.as_str()) {
            return who;
        }
        let named = &self.country_ends[..self.country_ends.partition_point(|&(e, _)| e <= pos)];
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for &(_, i) in named {
            match counts.iter_mut().find(|c| c.0 == i) {
                Some(c) => c.1 += 1,
                None => counts.push((i, 1)),
            }
        }
        // Most mentions first; a tie goes to the country named first.
        let country = counts.iter().rev().max_by_key(|c| c.1).map(|c| c.0);
        country.map_or(who, |i| self.actors[i].name.clone())
    }

    /// The body a person speaks for, when the article's description of them names one of its
    /// organisations ("The IMF's mission chief for Zambia, Anders Kjellberg" → the IMF); the
    /// earliest named in the role wins.
    fn spoken_for(&self, name: &str) -> Option<String> {
        let person = self.actors.iter().find(|a| a.name == name && a.kind == ActorKind::Person)?;
        let role = crate::text::fold(person.role.as_deref()?);
        let word_at = |form: &str| {
            let f = crate::text::fold(form);
            role.match_indices(f.as_str()).map(|(i, _)| i).find(|&i| {
                let before = role[..i].chars().next_back();
                let after = role[i + f.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            })
        };
        self.actors
            .iter()
            .filter(|a| a.kind == ActorKind::Organization)
            .filter_map(|a| {
                std::iter::once(&a.name)
                    .chain(a.aliases.iter())
                    .filter(|f| f.len() >= 2)
                    .filter_map(|f| word_at(f))
                    .min()
                    .map(|at| (at, a))
            })
            .min_by_key(|(at, _)| *at)
            .map(|(_, a)| a.name.clone())
    }

    /// The organisation named most recently before `pos` whose name or role has the
    /// [`GENERIC`] noun.
    fn named_with(&self, noun: &str, pos: usize) -> Option<usize> {
        self.noun_ends.get(noun).and_then(|ends| latest(ends, pos))
    }

    /// "The airline to improve its offer" → "Northwind Airways to improve its offer": a
    /// description opening what is due becomes the organisation it stands for, when one named
    /// before `pos` has the noun in its name or role (no guess from mere recency).
    fn name_the_description(&self, what: &str, pos: usize) -> String {
        let mut words = what.splitn(3, ' ');
        let (Some(the), Some(noun)) = (words.next(), words.next()) else {
            return what.to_string();
        };
        let rest = words.next().unwrap_or("");
        if !the.eq_ignore_ascii_case("the") || rest.is_empty() {
            return what.to_string();
        }
        match self.named_with(noun, pos) {
            Some(i) => format!("{} {rest}", self.actors[i].name),
            None => what.to_string(),
        }
    }

    /// The actor whose role contains the head noun of the words before a verb ("a federal
    /// judge has ordered" → the actor whose role is "U.S. District Judge").
    fn by_role_noun(&self, before_verb: &str) -> Option<String> {
        let words: Vec<&str> = before_verb.split_whitespace().rev().take(5).collect();
        let noun = words.iter().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).find(|w| {
            w.len() > 3
                && !matches!(
                    *w,
                    "also" | "have" | "has" | "had" | "been" | "last" | "week" | "month" | "year" | "today"
                )
                && !w.ends_with("day")
        })?;
        self.role_word.get(noun).map(|&i| self.actors[i].name.clone())
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze::{AnalyzeOptions, Deadline, analyze};
    use crate::ingest::{Article, Format};
    use jiff::civil::date;

    fn deadlines(text: &str, published: jiff::civil::Date) -> Vec<Deadline> {
        let a = Article::new("t.txt", text.to_string(), Format::Text);
        analyze(&a, Some(published), &AnalyzeOptions::default()).deadlines
    }

    #[test]
    fn ahead_of_a_deadline_counts_from_the_event_and_names_the_parties() {
        let d = deadlines(
            "Envoy Anna Berg arrived in Oslo on Wednesday, two days ahead of a deadline set by President Tomas Reyes for Norway to sign the accord or face new tariffs.",
            date(2025, 8, 6),
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].date, Some(date(2025, 8, 8)));
        assert_eq!(d[0].set_by.as_deref(), Some("Tomas Reyes"));
        assert_eq!(d[0].applies_to.as_deref(), Some("Norway"));
        assert_eq!(d[0].consequence.as_deref(), Some("face new tariffs"));
        assert!(d[0].what.starts_with("Norway to sign the accord"), "{}", d[0].what);
    }

    #[test]
    fn durations_count_from_the_named_event() {
        let d = deadlines(
            "In an order issued on Monday, Judge Mara Lind gave the company 21 days from the date of the order to file a plan.",
            date(2025, 6, 10),
        );
        assert_eq!(d.first().and_then(|d| d.date), Some(date(2025, 6, 30)), "{d:?}");
    }

    #[test]
    fn weekday_deadlines_fall_after_publication_and_past_ones_are_dropped() {
        let fri = deadlines("The union gave the airline until Friday to improve its offer.", date(2026, 3, 9));
        assert_eq!(fri.first().and_then(|d| d.date), Some(date(2026, 3, 13)), "{fri:?}");
        let past = deadlines("The county had missed a Thursday deadline to certify the results.", date(2026, 11, 13));
        assert!(past.is_empty(), "{past:?}");
    }

    #[test]
    fn forecasts_year_only_aims_and_event_dates_are_not_deadlines() {
        let d = deadlines(
            "Supplies are expected to reach pharmacies by March 2. The country aims to cut emissions by 2035. A hearing is scheduled for 15 December.",
            date(2026, 11, 20),
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn end_of_the_month_and_no_later_than() {
        let d = deadlines(
            "Shareholders will give the board until the end of the month to open talks. Firms must report no later than 30 September.",
            date(2026, 6, 17),
        );
        let dates: Vec<_> = d.iter().filter_map(|d| d.date).collect();
        assert_eq!(dates, vec![date(2026, 6, 30), date(2026, 9, 30)]);
    }

    #[test]
    fn what_is_due_drops_a_datelines_dash_an_open_quote_and_a_bare_introduction() {
        let dash = deadlines(
            "LIMA, 3 March 2026 (Andes Wire) – The water regulator ordered the utility to replace the leaking mains by 30 April.",
            date(2026, 3, 3),
        );
        let what = dash.first().map(|d| d.what.as_str()).unwrap_or("");
        assert!(what.starts_with("the utility to replace the leaking mains"), "{dash:?}");
        let quote = deadlines(
            "The trade body said members expected final rules from the regulator “by 12 May” at the latest.",
            date(2026, 3, 3),
        );
        assert!(quote.iter().all(|d| !d.what.ends_with(['“', '"']) && !d.what.ends_with(" by")), "{quote:?}");
        let intro = deadlines(
            "Under the listing rules, Friday's filing starts a 10-day deadline for objections from shareholders.",
            date(2026, 3, 3),
        );
        assert!(intro.iter().all(|d| d.what != "Under the listing rules"), "{intro:?}");
        let rules = deadlines(
            "The judge ruled for the residents on Monday. Under federal rules, the company has 30 days to file a notice of appeal.",
            date(2026, 3, 3),
        );
        let what = rules.first().map(|d| d.what.as_str()).unwrap_or("");
        assert!(what.starts_with("the company to file a notice of appeal"), "{rules:?}");
    }

    #[test]
    fn a_deadline_nouns_complement_and_a_relative_clause_say_what_is_due() {
        let what = |text: &str| {
            let found = deadlines(text, date(2026, 11, 25));
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            found[0].what.clone()
        };
        assert_eq!(
            what("The agency set a Feb. 28 deadline for public comments on the rule."),
            "public comments on the rule"
        );
        assert_eq!(
            what("Creditors face a Dec. 5 deadline to vote on the restructuring plan."),
            "Creditors to vote on the restructuring plan"
        );
        assert_eq!(what("The offer, which expires Friday, values the company at $3 billion."), "The offer expires");
    }

    #[test]
    fn a_dateline_is_no_part_of_a_party() {
        let found = deadlines(
            "WASHINGTON (AP)_ The company has until March 1 to respond to the regulator's demands.",
            date(2026, 11, 25),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].applies_to.as_deref(), Some("company"), "{found:?}");
    }

    #[test]
    fn parties_end_at_their_noun_and_descriptions_name_their_organisation() {
        let d = deadlines(
            "The European Commission told the largest online marketplaces operating in the bloc that they must comply with the rules by 1 July.",
            date(2026, 3, 3),
        );
        for who in d.iter().flat_map(|d| [d.set_by.as_deref(), d.applies_to.as_deref()]).flatten() {
            assert!(!who.ends_with(" in") && !who.ends_with(" operating"), "{d:?}");
        }
        let named = deadlines(
            "Kestrel Capital Partners, the investment firm, bid for Harrowgate. The firm must announce a firm offer by 15 July or walk away.",
            date(2026, 6, 17),
        );
        assert!(named.iter().any(|d| d.what.starts_with("Kestrel Capital Partners")), "{named:?}");
    }
}
