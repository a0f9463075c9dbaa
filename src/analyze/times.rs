//! The temporal tagger: finds time expressions in English news and normalises them to
//! TimeML/TIMEX3 values against the article's reference (publication) date, using the
//! sentence's tense to place bare weekdays and months in the past or the future.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use super::sentences::Token;

mod calendars;
mod clock;
use clock::{Clock, clock_at};

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    /// A calendar date or period ("15 July", "next week", "2022").
    Date,
    /// A time of day ("5 p.m.", "midnight on Friday").
    Time,
    /// A length of time ("72 hours").
    Duration,
    /// A recurring time ("every Monday").
    Set,
}

/// One time expression found in a text (byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpr {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: TimeType,
    /// TIMEX3 value ("2025-08-06", "P3D", "PRESENT_REF", "XXXX-WXX-1").
    pub value: String,
    /// The calendar day this expression points to, when it names one (for "end of the month",
    /// the last day; for a duration after "within", the day it runs out).
    pub day: Option<Date>,
}

use crate::text::{MONTHS, WEEKDAYS};

/// The month a folded word names ("march", "sept.", "oct").
fn month_of(w: &str) -> Option<i8> {
    crate::text::month_number(w)
}

/// The weekday a folded word names ("friday").
pub(super) fn weekday_of(w: &str) -> Option<Weekday> {
    let i = WEEKDAYS.iter().position(|d| *d == w)?;
    Some(
        [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
        ][i],
    )
}

/// Number words from zero to twenty, at their value's index.
const NUMBER_WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Parses a number written in digits or words ("72", "two", "a", "thirty").
pub fn number_of(w: &str) -> Option<i64> {
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        if let Ok(n) = w.parse::<i64>() {
            return Some(n);
        }
        return w.contains(',').then(|| w.replace(',', "").parse::<i64>().ok()).flatten();
    }

    if let Some(i) = NUMBER_WORDS.iter().position(|s| *s == w) {
        return Some(i as i64);
    }
    match w {
        "a" | "an" | "single" => Some(1),
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        "sixty" => Some(60),
        "ninety" => Some(90),
        "hundred" => Some(100),
        "several" | "few" | "couple" => None,
        _ => None,
    }
}

/// Unit words → (TIMEX3 designator, is time-of-day unit).
fn unit_of(w: &str) -> Option<(&'static str, bool)> {
    let w = w.trim_end_matches("'").trim_end_matches('’');
    Some(match w.trim_end_matches('s') {
        "second" => ("S", true),
        "minute" => ("M", true),
        "hour" => ("H", true),
        "day" => ("D", false),
        "week" => ("W", false),
        "fortnight" => ("W", false),
        "month" => ("M", false),
        "year" => ("Y", false),
        "decade" => ("DE", false),
        "quarter" => ("Q", false),
        _ => return None,
    })
}

/// Whether the text around a position speaks of the future (decides bare weekdays/months).
fn future_context(words: &[String], at: usize, sentence: (usize, usize)) -> Option<bool> {
    const FUTURE: &[&str] = &[
        "will",
        "shall",
        "must",
        "'ll",
        "due",
        "expected",
        "scheduled",
        "until",
        "deadline",
        "ahead",
        "upcoming",
        "next",
        "later",
        "coming",
        "intends",
        "expires",
        "soon",
        "planned",
        "planning",
        "payable",
    ];
    const PAST: &[&str] = &[
        "said",
        "was",
        "were",
        "had",
        "did",
        "told",
        "announced",
        "last",
        "ago",
        "earlier",
        "previous",
        "arrived",
        "met",
        "rejected",
        "confirmed",
        "disclosed",
        "received",
        "reported",
        "signed",
        "agreed",
        "voted",
        "filed",
        "ruled",
        "issued",
        "held",
        "took",
    ];
    let e = sentence.1.min(words.len());
    let s = sentence.0.min(e);
    let at = at.clamp(s, e);
    // Nearest cue before the expression wins; then the rest of the sentence.
    // A past participle gives the tense away, unless it is passive after "be" ("will be
    // completed": the auxiliary decides); "succeed", "proceed" only look like one.
    // "a revised budget", "the proposed merger": after a determiner it is an adjective.
    let participle = |k: usize| {
        let w = words[k].as_str();
        w.ends_with("ed")
            && !w.ends_with("eed")
            && w.len() > 4
            && !(k > s
                && matches!(
                    words[k - 1].as_str(),
                    "be" | "been" | "a" | "an" | "the" | "its" | "their" | "his" | "her" | "our" | "this" | "these"
                ))
    };
    // "set to resume Monday", "as early as Tuesday": an infinitive or "as soon as" just before.
    let w1 = if at > s { words[at - 1].as_str() } else { "" };
    let w2 = if at > s + 1 { words[at - 2].as_str() } else { "" };
    const PLANNED_ACTS: &[&str] = &[
        "resume", "meet", "begin", "start", "vote", "open", "close", "return", "arrive", "leave", "visit", "sign",
        "decide", "announce", "hold", "testify", "appear", "travel", "be", "rule", "release", "report", "attend",
        "hear", "speak", "address", "debate", "consider", "discuss", "present", "launch", "end", "expire",
    ];
    if (w2 == "to" && PLANNED_ACTS.contains(&w1)) || (w1 == "as" && matches!(w2, "early" | "soon")) {
        return Some(true);
    }
    // "plans to" speaks of the future; "the plan" may not.
    let planned =
        |k: usize| matches!(words[k].as_str(), "plan" | "plans") && words.get(k + 1).is_some_and(|x| x == "to");
    // "no later than" looks ahead; "three days later" tells a story.
    let later_in_story = |k: usize| words[k] == "later" && k > 0 && unit_of(&words[k - 1]).is_some();
    // "as previously planned", "originally scheduled": a plan told as past.
    let told_as_past = |k: usize| k > s && matches!(words[k - 1].as_str(), "previously" | "originally" | "initially");
    for k in (s..at).rev().take(8) {
        let w = words[k].as_str();
        if (FUTURE.contains(&w) || planned(k)) && told_as_past(k) {
            return Some(false);
        }
        if (FUTURE.contains(&w) && !later_in_story(k)) || planned(k) {
            return Some(true);
        }
        if PAST.contains(&w) || participle(k) {
            return Some(false);
        }
    }
    for (k, w) in words.iter().enumerate().take(e).skip(at) {
        if (FUTURE.contains(&w.as_str()) && !later_in_story(k)) || planned(k) {
            return Some(true);
        }
        if PAST.contains(&w.as_str()) {
            return Some(false);
        }
    }
    None
}

fn ymd(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn week_value(d: Date) -> String {
    let iso = d.iso_week_date();
    format!("{:04}-W{:02}", iso.year(), iso.week())
}

fn last_day_of_month(y: i16, m: i8) -> Option<Date> {
    Date::new(y, m, 1).ok().map(|d| d.last_of_month())
}

/// The date of `wd` nearest to `r` in the given direction (same day counts).
fn weekday_near(r: Date, wd: Weekday, future: bool) -> Date {
    let cur = r.weekday().to_monday_zero_offset() as i64;
    let want = wd.to_monday_zero_offset() as i64;
    let delta = if future { (want - cur).rem_euclid(7) } else { -((cur - want).rem_euclid(7)) };
    r.checked_add(delta.days()).unwrap_or(r)
}

/// Splits number ranges glued by a hyphen ("3-4pm", "13-15", "9h30-11h") into three tokens, so
/// each end can be read; dates ("2015-3-3") and hyphenated words ("30-day") stay whole.
fn split_ranges(text: &str, tokens: &[Token]) -> (Vec<Token>, Vec<usize>) {
    let mut out = Vec::with_capacity(tokens.len());
    let mut origin = Vec::with_capacity(tokens.len());
    for (k, t) in tokens.iter().enumerate() {
        let s = t.text(text);
        if let Some(dash) = s.find('-')
            && s.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && s.as_bytes().get(dash + 1).is_some_and(u8::is_ascii_digit)
            && !(dash >= 3 && s[..dash].bytes().all(|c| c.is_ascii_digit()))
            && !s[dash + 1..].contains('-')
        {
            out.push(Token { start: t.start, end: t.start + dash });
            out.push(Token { start: t.start + dash, end: t.start + dash + 1 });
            out.push(Token { start: t.start + dash + 1, end: t.end });
            origin.extend([k, k, k]);
        } else if let Some(stem) = s.strip_suffix("'s").or_else(|| s.strip_suffix("’s"))
            && possessive_time(stem)
            && !(k > 0 && tokens[k - 1].text(text).eq_ignore_ascii_case("new"))
        {
            // "last month's", "today's", "Friday's": the time is the word without the 's.
            out.push(Token { start: t.start, end: t.start + stem.len() });
            out.push(Token { start: t.start + stem.len(), end: t.end });
            origin.extend([k, k]);
        } else {
            out.push(*t);
            origin.push(k);
        }
    }
    (out, origin)
}

/// Whether a word before a possessive 's is a time ("today", "week", "Friday", "October").
fn possessive_time(stem: &str) -> bool {
    let w = stem.to_lowercase();
    matches!(
        w.as_str(),
        "today"
            | "tomorrow"
            | "yesterday"
            | "tonight"
            | "week"
            | "weekend"
            | "month"
            | "year"
            | "quarter"
            | "decade"
            | "century"
            | "season"
            | "summer"
            | "winter"
            | "spring"
            | "autumn"
    ) || weekday_of(&w).is_some()
        || (MONTHS.contains(&w.as_str()) && w != "may")
}

/// Finds and normalises every time expression in `text`.
///
/// `tokens` are the text's tokens, `sentences` its sentences as token-index ranges, and
/// `reference` the date relative expressions are resolved against (`None` leaves them
/// underspecified, e.g. `XXXX-07-15`).
///
/// `clock` is the reference's time of day in minutes after midnight, that times without a day
/// are placed against: with a clock, "3am" said at 04:30 is tomorrow's and "at 5" is 17:00.
/// `None` (as for news dated by day only), or a value of 24 hours or more, leaves times on the
/// reference day as written. `offset` is the reference's UTC offset in minutes east: times
/// written with a zone ("8:00 GMT") are then given in the reference's local time.
pub fn tag(
    text: &str,
    tokens: &[Token],
    sentence_of: &[(usize, usize)],
    reference: Option<Date>,
    clock: Option<u32>,
    offset: Option<i16>,
    day_first: bool,
) -> Vec<TimeExpr> {
    let now = clock.filter(|m| *m < 24 * 60);
    let (tokens, origin) = split_ranges(text, tokens);
    // Old token index -> first new index (and one past the end).
    let mut first_new = vec![tokens.len(); origin.last().map_or(0, |o| o + 2)];
    for (k, o) in origin.iter().enumerate().rev() {
        first_new[*o] = k;
    }
    let sentence_of: Vec<(usize, usize)> = origin
        .iter()
        .map(|o| {
            let (s, e) = sentence_of.get(*o).copied().unwrap_or((0, first_new.len().saturating_sub(1)));
            (
                first_new.get(s).copied().unwrap_or(0),
                first_new.get(e).copied().unwrap_or(tokens.len()).min(tokens.len()),
            )
        })
        .collect();
    let words: Vec<String> = tokens.iter().map(|t| t.text(text).to_lowercase()).collect();
    let ws: Vec<&str> = words.iter().map(String::as_str).collect();
    let raw: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    let cx = Cx { w: &words, ws: &ws, raw: &raw, r: reference, now, offset, day_first };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let sent = sentence_of.get(i).copied().unwrap_or((0, tokens.len()));
        if let Some((len, kind, value, day)) = compose_at(&cx, i, sent) {
            let end_tok = (i + len).min(tokens.len()) - 1;
            out.push(TimeExpr { start: tokens[i].start, end: tokens[end_tok].end, kind, value, day });
            i += len.max(1);
        } else {
            i += 1;
        }
    }
    out
}

/// What the matchers look at.
struct Cx<'a> {
    w: &'a [String],
    ws: &'a [&'a str],
    raw: &'a [&'a str],
    r: Option<Date>,
    /// The reference's time of day, minutes after midnight.
    now: Option<u32>,
    /// The reference's UTC offset, minutes east.
    offset: Option<i16>,
    day_first: bool,
}

impl Cx<'_> {
    fn get(&self, k: usize) -> &str {
        self.ws.get(k).copied().unwrap_or("")
    }

    fn at(&self, i: usize, sent: (usize, usize)) -> Option<Match> {
        match_at(self.w, self.raw, i, sent, self.r, self.now.is_some(), self.day_first)
    }
}

/// A day expression's date and part of day ("2013-02-12TEV" -> (date, "TEV")).
fn day_and_part(m: &Match) -> Option<(Date, &str)> {
    let d = m.3?;
    let v = m.2.as_str();
    if v.len() < 10 || v[..10] != ymd(d) {
        return None;
    }
    let part = &v[10..];
    matches!(part, "" | "TMO" | "TAF" | "TEV" | "TNI").then_some((d, part))
}

fn clock_value(cx: &Cx, d: Date, c: &Clock) -> String {
    // A time given in another zone, moved to the reference's ("8:00 GMT" read at UTC-2: 06:00).
    if let (Some(z), Some(here)) = (c.zone, cx.offset)
        && let Ok(t) = d
            .to_datetime(jiff::civil::Time::midnight())
            .checked_add((i64::from(c.hour24()) * 60 + i64::from(c.minute) + i64::from(here) - i64::from(z)).minutes())
    {
        return format!("{}T{:02}:{:02}", ymd(t.date()), t.hour(), t.minute());
    }
    match c.second {
        Some(s) => format!("{}T{:02}:{:02}:{s:02}", ymd(d), c.hour24(), c.minute),
        // With a reference clock the value keeps the precision written ("3pm": hour).
        None if !c.minutes_written && c.minute == 0 && cx.now.is_some() => {
            format!("{}T{:02}", ymd(d), c.hour24())
        }
        None => format!("{}T{:02}:{:02}", ymd(d), c.hour24(), c.minute),
    }
}

/// Places a time with no day of its own: on the reference day, or, when the reference has a
/// time of day, at its next occurrence (an hour without a.m./p.m. takes the nearer reading).
fn place_clock(mut c: Clock, r: Date, now: Option<u32>) -> (Date, Clock) {
    let Some(now) = now else { return (r, c) };
    let at = |c: &Clock| u32::from(c.hour24()) * 60 + u32::from(c.minute);
    if c.ambiguous() {
        let mut am = c;
        am.meridiem = Some(false);
        if am.hour == 12 {
            am.meridiem = Some(true);
        }
        let mut pm = c;
        pm.meridiem = Some(am.meridiem != Some(true));
        if pm.hour == 12 {
            pm.hour = 24;
            pm.meridiem = None;
            pm.fixed = true;
        }
        for cand in [am, pm] {
            if at(&cand) >= now {
                return (r, cand);
            }
        }
        c = am;
    } else if at(&c) >= now {
        return (r, c);
    }
    (r.tomorrow().unwrap_or(r), c)
}

/// Ranges, and times of day joined to their day ("tomorrow at 5pm", "10 p.m. Wednesday"); else
/// the single-expression matchers.
fn compose_at(cx: &Cx, i: usize, sent: (usize, usize)) -> Option<Match> {
    if let Some(m) = range_at(cx, i, sent) {
        return Some(m);
    }
    if let Some(m) = counted_weekdays(cx, i) {
        return Some(m);
    }
    if let Some(m) = units_from_a_day(cx, i, sent) {
        return Some(m);
    }
    if let Some(now) = cx.now
        && let Some(r) = cx.r
    {
        if let Some(m) = from_now(cx, i, r, now) {
            return Some(m);
        }
        if let Some(m) = edge_of_period(cx, i, sent, r, now) {
            return Some(m);
        }
        // "this season", "previous seasons": the season of the reference date, or the one before.
        let shift = match cx.get(i) {
            "this" | "current" => Some(0),
            "last" | "previous" | "past" => Some(-1),
            "next" | "coming" => Some(1),
            _ => None,
        };
        if let Some(sh) = shift
            && matches!(cx.get(i + 1), "season" | "seasons")
        {
            // Seasons counted from the winter that starts in December.
            let idx = (i64::from(r.year()) * 12 + i64::from(r.month())) / 3 + sh;
            let (y, q) = ((idx * 3 - 1) / 12, idx.rem_euclid(4));
            let code = ["WI", "SP", "SU", "FA"][q as usize];
            return Some((2, TimeType::Date, format!("{y:04}-{code}"), None));
        }
        // "18th Dec for 10 days", "for 10 days from 18th Dec", "from 4pm for thirty minutes".
        if let Some(m) = for_a_while(cx, i, sent) {
            return Some(m);
        }
        // A part of the day said alone ("afternoon", "night"): today's.
        if sent.1.saturating_sub(sent.0) <= 2
            && let Some(p) = part_of_day(cx.get(i))
        {
            return Some((1, TimeType::Time, format!("{}{p}", ymd(r)), Some(r)));
        }
        // "late tonight", "late last night": the last hours of that evening.
        if cx.get(i) == "late"
            && let Some(m) = cx.at(i + 1, sent)
            && let Some((d, "TEV" | "TNI")) = day_and_part(&m)
        {
            let d = ymd(d);
            return Some((m.0 + 1, TimeType::Time, format!("{d}T21/{d}T23"), None));
        }
        // "ASAP", "as soon as possible": from now on.
        let asap = cx.get(i) == "asap" && cx.raw.get(i).is_some_and(|s| s.chars().all(|c| c.is_ascii_uppercase()));
        let spelled = [cx.get(i), cx.get(i + 1), cx.get(i + 2), cx.get(i + 3)] == ["as", "soon", "as", "possible"];
        if asap || spelled {
            let v = format!("{}T{:02}:{:02}:00/..", ymd(r), now / 60, now % 60);
            return Some((if asap { 1 } else { 4 }, TimeType::Time, v, Some(r)));
        }
        // "lunch", "at lunchtime": noon to two, today's unless a day is named.
        if matches!(cx.get(i), "lunch" | "lunchtime") && sent.1.saturating_sub(sent.0) <= 3 {
            let d = ymd(r);
            return Some((1, TimeType::Time, format!("{d}T12/{d}T13"), Some(r)));
        }
        // "rest of the week": today to the week's Sunday.
        if cx.get(i) == "rest" && cx.get(i + 1) == "of" && cx.get(i + 2) == "the" && cx.get(i + 3) == "week" {
            // Through Saturday: the weekend is a part of its own.
            let saturday = weekday_near(r, Weekday::Saturday, true);
            return Some((4, TimeType::Date, format!("{}/{}", ymd(r), ymd(saturday)), None));
        }
        // "mid March": the 11th to the 20th.
        if cx.get(i) == "mid"
            && let Some(m) = month_of(cx.get(i + 1))
        {
            let y = if m < r.month() { r.year() + 1 } else { r.year() };
            let (a, b) = (Date::new(y, m, 11).ok()?, Date::new(y, m, 20).ok()?);
            return Some((2, TimeType::Date, format!("{}/{}", ymd(a), ymd(b)), None));
        }
        // Open intervals: "after 2 pm", "since 2014", "until 2:00pm", "through 2014".
        let open = match cx.get(i) {
            "after" | "since" => Some(true),
            "until" | "till" | "before" | "through" => Some(false),
            _ => None,
        };
        if let Some(from) = open
            && let Some(m) = compose_at(cx, i + 1, sent)
            && !m.2.contains('/')
            && m.2.starts_with(|c: char| c.is_ascii_digit())
        {
            let v = if from { format!("{}/..", m.2) } else { format!("../{}", m.2) };
            return Some((m.0 + 1, m.1, v, m.3));
        }
    }
    let prev = if i > 0 { cx.get(i - 1) } else { "" };
    let end_of_sentence = |k: usize| k >= sent.1 || matches!(cx.get(k), "." | "," | ";" | "!" | "?" | ")");
    // "morning of the 15th of february", "morning of christmas 2013".
    if let Some(p) = part_of_day(cx.get(i)).filter(|_| cx.get(i + 1) == "of")
        && let Some(m) = cx.at(i + 2 + usize::from(cx.get(i + 2) == "the"), sent)
        && let Some((d, "")) = day_and_part(&m)
    {
        let len = m.0 + 2 + usize::from(cx.get(i + 2) == "the");
        return Some((len, TimeType::Time, format!("{}{p}", ymd(d)), Some(d)));
    }
    if let Some(c) = clock_at(cx.ws, i) {
        let j = i + c.len;
        // With a reference clock "1:30 PM on Sat, Sep 21" is one moment; news keeps "5 p.m. on
        // Friday" as two TIMEX3s.
        let j = if cx.get(j) == "on" && c.strong && cx.now.is_some() { j + 1 } else { j };
        let k = if cx.get(j) == "," { j + 1 } else { j };
        let day = cx.at(k, sent).filter(|m| day_and_part(m).is_some());
        let weak_ok = matches!(prev, "at" | "@")
            && (day.is_some() || end_of_sentence(j) || matches!(cx.get(j), "on" | "tomorrow" | "today"));
        let deictic_day = day.is_some() && matches!(cx.get(k), "tomorrow" | "today" | "tonight" | "this" | "yesterday");
        if c.strong || weak_ok || deictic_day {
            if let Some(m) = day
                && let Some((d, part)) = day_and_part(&m)
            {
                let c = c.with_part(part);
                return Some((k + m.0 - i, TimeType::Time, clock_value(cx, d, &c), Some(d)));
            }
            return Some(match cx.r {
                Some(r) => {
                    let (d, c) = place_clock(c, r, cx.now);
                    (c.len, TimeType::Time, clock_value(cx, d, &c), Some(d))
                }
                None => (c.len, TimeType::Time, format!("XXXX-XX-XXT{:02}:{:02}", c.hour24(), c.minute), None),
            });
        }
    }
    let m = cx.at(i, sent)?;
    if let Some((d, part)) = day_and_part(&m) {
        let mut j = i + m.0;
        // With a clock, "tomorrow lunch": noon to two that day.
        if cx.now.is_some() && part.is_empty() && matches!(cx.get(j), "lunch" | "lunchtime") {
            return Some((j + 1 - i, TimeType::Time, format!("{0}T12/{0}T13", ymd(d)), Some(d)));
        }
        // "february the 15th in the morning".
        if part.is_empty()
            && (cx.get(j), cx.get(j + 1)) == ("in", "the")
            && let Some(p) = part_of_day(cx.get(j + 2))
        {
            return Some((j + 3 - i, TimeType::Time, format!("{}{p}", ymd(d)), Some(d)));
        }
        if cx.get(j) == "," {
            j += 1;
        }
        let linked = matches!(cx.get(j), "at" | "@" | "around" | "about");
        if linked {
            j += 1;
        }
        if let Some(c) = clock_at(cx.ws, j)
            && (c.strong || linked || !part.is_empty())
        {
            let c = c.with_part(part);
            // "this morning at 3" said after 3: Duckling's next such time; a named day stays.
            let (d, c) = if matches!(cx.get(i), "this" | "tonight") && c.meridiem.is_some() || !c.ambiguous() {
                if matches!(cx.get(i), "this" | "tonight") && cx.r == Some(d) {
                    place_clock(c, d, cx.now)
                } else {
                    (d, c)
                }
            } else {
                (d, c)
            };
            return Some((j + c.len - i, TimeType::Time, clock_value(cx, d, &c), Some(d)));
        }
    }
    Some(m)
}

/// "3-4pm", "from 9:30 to 11:00", "between 3:30pm and 6 pm", "July 13-15", "from 13 to 15 July",
/// "Aug 8 - Aug 12": one expression whose value is the ISO 8601 interval of the two ends
/// ("2013-07-13/2013-07-15", ends included).
fn range_at(cx: &Cx, i: usize, sent: (usize, usize)) -> Option<Match> {
    let r = cx.r?;
    let opener = matches!(cx.get(i), "from" | "between");
    let s = if opener { i + 1 } else { i };
    let connector = |k: usize| -> bool {
        matches!(cx.get(k), "-" | "–" | "to" | "thru" | "through" | "till" | "until" | "untill")
            || (cx.get(k) == "and" && cx.get(i) == "between")
    };
    // Times of day.
    if let Some(a) = clock_at(cx.ws, s)
        && connector(s + a.len)
        && let Some(b) = clock_at(cx.ws, s + a.len + 1)
        && (b.strong || a.strong)
        && (a.strong || b.meridiem.is_some() || b.fixed || opener)
    {
        let mut a = a;
        let mut b = b;
        // "3-4pm": the first end takes the second's a.m./p.m. when that keeps it earlier.
        if a.ambiguous() && b.meridiem.is_some() {
            let mut t = a;
            t.meridiem = b.meridiem;
            a = if t.hour24() <= b.hour24() { t } else { a };
        }
        if a.zone.is_none() {
            a.zone = b.zone;
        }
        // "8am until 6": the second end comes after the first.
        if b.ambiguous() && b.hour24() < a.hour24() {
            b.meridiem = Some(true);
        }
        let mut end = s + a.len + 1 + b.len;
        let mut d = r;
        let mut k = end;
        if cx.get(k) == "on" {
            k += 1;
        }
        if let Some(m) = cx.at(k, sent)
            && let Some((day, _)) = day_and_part(&m)
        {
            d = day;
            end = k + m.0;
        } else if cx.now.is_some() {
            d = place_clock(a, r, cx.now).0;
        }
        let grain_min = a.minutes_written || b.minutes_written;
        let fmt = |c: &Clock| {
            if grain_min { clock_value(cx, d, c) } else { format!("{}T{:02}", ymd(d), c.hour24()) }
        };
        return Some((end - i, TimeType::Time, format!("{}/{}", fmt(&a), fmt(&b)), Some(d)));
    }
    // Days of a month: "13-15 July", "from the 13th to the 15th of July", "July 13-15", "Aug 8 - Aug 12".
    let day_word = |k: usize| -> Option<(usize, i8)> {
        let k0 = if cx.get(k) == "the" { k + 1 } else { k };
        ordinal_day(cx.get(k0)).map(|d| (k0 + 1 - k, d))
    };
    let month_at = |k: usize| -> Option<(usize, i8)> {
        let k0 = if cx.get(k) == "of" { k + 1 } else { k };
        month_of(cx.get(k0)).map(|m| (k0 + 1 - k + usize::from(cx.get(k0 + 1) == "."), m))
    };
    let range_of = |m: i8, d1: i8, d2: i8, len: usize| -> Option<Match> {
        if d2 <= d1 {
            return None;
        }
        let fut = future_context(cx.w, i, sent).unwrap_or_else(|| bare_phrase(cx.w, sent));
        let (.., v, day) = resolve_md(len, None, m, d1, Some(r), Some(fut));
        let y = day?.year();
        let b = Date::new(y, m, d2).ok()?;
        Some((len, TimeType::Date, format!("{v}/{}", ymd(b)), day))
    };
    if let Some((l1, d1)) = day_word(s)
        && connector(s + l1)
        && let Some((l2, d2)) = day_word(s + l1 + 1)
        && let Some((l3, m)) = month_at(s + l1 + 1 + l2)
    {
        return range_of(m, d1, d2, s + l1 + 1 + l2 + l3 - i);
    }
    if let Some((l0, m)) = month_at(s).filter(|_| cx.get(s) != "of")
        && let Some((l1, d1)) = day_word(s + l0)
        && connector(s + l0 + l1)
    {
        let mut k = s + l0 + l1 + 1;
        if let Some((lm, m2)) = month_at(k)
            && m2 == m
        {
            k += lm;
        }
        if let Some((l2, d2)) = day_word(k) {
            return range_of(m, d1, d2, k + l2 - i);
        }
    }
    None
}

/// An amount of some unit: "3", "a", "a couple of", "few", "1/4", "2 and an half" -> (tokens,
/// amount in quarters).
fn amount_at(cx: &Cx, i: usize) -> Option<(usize, i64)> {
    let g = |k: usize| cx.get(k);
    match (g(i), g(i + 1), g(i + 2)) {
        ("a" | "", "couple", "of") => return Some((3, 8)),
        ("couple", "of", _) => return Some((2, 8)),
        ("a", "few", _) => return Some((2, 12)),
        ("few", ..) => return Some((1, 12)),
        _ => {}
    }
    if g(i + 1) == "/" {
        let (a, b) = (g(i).parse::<i64>().ok()?, g(i + 2).trim_end_matches('h').parse::<i64>().ok()?);
        return (b > 0 && (4 * a) % b == 0).then_some((3, 4 * a / b));
    }
    let n = number_of(g(i))?;
    if g(i + 1) == "and" && matches!((g(i + 2), g(i + 3)), ("a" | "an", "half")) {
        return Some((4, 4 * n + 2));
    }
    Some((1, 4 * n))
}

/// Time units as Duckling counts them: seconds per unit (calendar units: None) and the TIMEX3
/// designator.
fn unit_at(w: &str) -> Option<(&'static str, Option<i64>)> {
    Some(match w {
        "second" | "seconds" | "sec" | "secs" => ("S", Some(1)),
        "minute" | "minutes" | "min" | "mins" | "'" | "’" => ("M", Some(60)),
        "hour" | "hours" | "h" | "hr" | "hrs" => ("H", Some(3600)),
        "day" | "days" => ("D", None),
        "week" | "weeks" => ("W", None),
        "fortnight" | "fortnights" => ("F", None),
        "month" | "months" => ("MO", None),
        "year" | "years" => ("Y", None),
        _ => return None,
    })
}

/// With a reference time of day: "in 2 hours", "in a week", "3 days hence", "a day from now",
/// "7 days ago" as instants (at one grain finer than the unit, as Duckling), and "the next 3
/// days", "last two weeks" as ranges.
fn from_now(cx: &Cx, i: usize, r: Date, now: u32) -> Option<Match> {
    let now_dt = r.to_datetime(jiff::civil::Time::new((now / 60) as i8, (now % 60) as i8, 0, 0).ok()?);
    let (before, s) = match cx.get(i) {
        "in" | "within" => (None, i + 1),
        "next" | "last" | "past" => (Some(cx.get(i) != "next"), i + 1),
        _ => (None, i),
    };
    // "in 1h": the unit glued to the number.
    let glued_h = cx.get(s).strip_suffix('h').and_then(|n| n.parse::<i64>().ok());
    let (alen, quarters) = match glued_h {
        Some(n) => (1, 4 * n),
        None => amount_at(cx, s)?,
    };
    let mut k = s + alen;
    if cx.get(k) == "more" {
        k += 1;
    }
    // "1/4h": the unit glued to the fraction.
    let glued = cx.get(k - 1).ends_with('h') && (cx.get(s + 1) == "/" || glued_h.is_some());
    let (unit, secs) = if glued { ("H", Some(3600)) } else { unit_at(cx.get(k))? };
    let end = if glued { k } else { k + 1 };
    let span = |n: i64| -> Option<jiff::Span> {
        Some(match unit {
            "D" => n.days(),
            "W" => n.weeks(),
            "F" => (14 * n).days(),
            "MO" => n.months(),
            "Y" => n.years(),
            _ => return None,
        })
    };
    if let Some(past) = before {
        // "next 3 days", "last two weeks": whole units, not counting the current one.
        if quarters % 4 != 0 || cx.get(i) == "in" {
            return None;
        }
        let n = quarters / 4;
        let (a, b) = if past { (-n, -1) } else { (1, n) };
        let v = |x: i64| -> Option<String> {
            Some(match unit {
                "S" => {
                    let t = now_dt.checked_add(x.seconds()).ok()?;
                    format!("{}T{:02}:{:02}:{:02}", ymd(t.date()), t.hour(), t.minute(), t.second())
                }
                "M" => {
                    let t = now_dt.checked_add(x.minutes()).ok()?;
                    format!("{}T{:02}:{:02}", ymd(t.date()), t.hour(), t.minute())
                }
                "H" => {
                    let t = now_dt.checked_add(x.hours()).ok()?;
                    format!("{}T{:02}", ymd(t.date()), t.hour())
                }
                "D" => ymd(r.checked_add(x.days()).ok()?),
                "W" => week_value(r.checked_add(x.weeks()).ok()?),
                "MO" => period_value("month", r, x)?,
                "Y" => period_value("year", r, x)?,
                _ => return None,
            })
        };
        let kind = if secs.is_some() { TimeType::Time } else { TimeType::Date };
        return Some((end - i, kind, format!("{}/{}", v(a)?, v(b)?), None));
    }
    let ago = matches!(cx.get(end), "ago" | "back" | "earlier");
    let ahead = cx.get(i) == "in" || cx.get(end) == "hence" || (cx.get(end) == "from" && cx.get(end + 1) == "now");
    if !ago && !ahead {
        return None;
    }
    let sign = if ago { -1 } else { 1 };
    let len = match cx.get(end) {
        "ago" | "back" | "earlier" | "hence" => end + 1 - i,
        "from" => end + 2 - i,
        _ => end - i,
    };
    if let Some(per) = secs {
        let total = sign * quarters * per / 4;
        let t = now_dt.checked_add(total.seconds()).ok()?;
        let value = if unit == "H" && total % 60 == 0 && quarters % 4 == 0 {
            format!("{}T{:02}:{:02}", ymd(t.date()), t.hour(), t.minute())
        } else {
            format!("{}T{:02}:{:02}:{:02}", ymd(t.date()), t.hour(), t.minute(), t.second())
        };
        return Some((len, TimeType::Time, value, Some(t.date())));
    }
    if quarters % 4 != 0 {
        return None;
    }
    let t = now_dt.checked_add(span(sign * quarters / 4)?).ok()?;
    let (kind, value) = match unit {
        "D" | "F" => (TimeType::Time, format!("{}T{:02}", ymd(t.date()), t.hour())),
        "Y" => (TimeType::Date, format!("{:04}-{:02}", t.year(), t.month())),
        _ => (TimeType::Date, ymd(t.date())),
    };
    Some((len, kind, value, Some(t.date())))
}

/// With a reference time of day: the beginning or end of a week, month or year as the span
/// of days (months) it usually means ("end of the month": the 21st to the last day; "beginning
/// of the year": January to March; "end of next week": Friday to Sunday), and "by" such an end
/// or time as the range from now to it.
fn edge_of_period(cx: &Cx, i: usize, sent: (usize, usize), r: Date, now: u32) -> Option<Match> {
    let mut k = i;
    let by = cx.get(k) == "by";
    if by {
        k += 1;
    }
    let now_value = || format!("{}T{:02}:{:02}:00", ymd(r), now / 60, now % 60);
    if by && let Some(c) = clock_at(cx.ws, k).filter(|c| c.strong) {
        let (d, c) = place_clock(c, r, Some(now));
        let end = d.to_datetime(jiff::civil::Time::new(c.hour24().min(23) as i8, c.minute as i8, 0, 0).ok()?);
        let end = if c.hour24() == 24 { end.checked_add(1.hours()).ok()? } else { end };
        let last = end.checked_sub(1.seconds()).ok()?;
        let v = format!("{}T{:02}:{:02}:{:02}", ymd(last.date()), last.hour(), last.minute(), last.second());
        return Some((k + c.len - i, TimeType::Time, format!("{}/{v}", now_value()), Some(d)));
    }
    if cx.get(k) == "at" {
        k += 1;
    }
    if cx.get(k) == "the" {
        k += 1;
    }
    let raw_upper = |k: usize| cx.raw.get(k).is_some_and(|s| s.chars().all(|c| c.is_ascii_uppercase()));
    let (begin, unit, shift, month, year, end) = match cx.get(k) {
        "eom" | "bom" | "eoy" | "boy" if raw_upper(k) => {
            (cx.get(k).starts_with('b'), &cx.get(k)[2..], 0, None, None, k + 1)
        }
        "beginning" | "start" | "end" if cx.get(k + 1) == "of" => {
            let begin = cx.get(k) != "end";
            let mut j = k + 2;
            if matches!(cx.get(j), "the" | "around") {
                j += 1;
            }
            let shift = match cx.get(j) {
                "this" | "current" => Some(0),
                "next" | "coming" | "following" => Some(1),
                "last" | "past" | "previous" => Some(-1),
                _ => None,
            };
            if shift.is_some() {
                j += 1;
            }
            match cx.get(j) {
                u @ ("week" | "month" | "year") => (begin, &u[..1], shift.unwrap_or(0), None, None, j + 1),
                w => {
                    if let Some(m) = month_of(w).filter(|_| shift.is_none()) {
                        (begin, "m", 0, Some(m), None, j + 1)
                    } else {
                        let y = cx
                            .get(j)
                            .parse::<i16>()
                            .ok()
                            .filter(|y| (1000..=2100).contains(y) && cx.get(j).len() == 4)?;
                        (begin, "y", 0, None, Some(y), j + 1)
                    }
                }
            }
        }
        _ => return None,
    };
    let _ = sent;
    let (a, b, kind) = match (unit, month, year) {
        ("w", ..) => {
            let monday = weekday_near(r, Weekday::Monday, false).checked_add(shift.weeks()).ok()?;
            let (x, y) = if begin { (0, 2) } else { (4, 6) };
            (ymd(monday.checked_add(x.days()).ok()?), ymd(monday.checked_add(y.days()).ok()?), 'd')
        }
        ("m", Some(m), _) => {
            let y = if m < r.month() { r.year() + 1 } else { r.year() };
            month_edge(y, m, begin)?
        }
        ("m", None, _) => {
            let d = r.checked_add(shift.months()).ok()?;
            month_edge(d.year(), d.month(), begin)?
        }
        ("y", _, y) => {
            let y = y.unwrap_or(r.year() + shift as i16);
            let (x, z) = if begin { (1, 3) } else { (9, 12) };
            (format!("{y:04}-{x:02}"), format!("{y:04}-{z:02}"), 'm')
        }
        _ => return None,
    };
    if by {
        // From now to the last second of that period.
        let last = match kind {
            'd' => b.parse::<Date>().ok()?,
            _ => format!("{b}-01").parse::<Date>().ok()?.last_of_month(),
        };
        return Some((end - i, TimeType::Time, format!("{}/{}T23:59:59", now_value(), ymd(last)), Some(last)));
    }
    Some((end - i, TimeType::Date, format!("{a}/{b}"), None))
}

/// The first or last days of a month: 1st-10th, 21st-last.
fn month_edge(y: i16, m: i8, begin: bool) -> Option<(String, String, char)> {
    let first = Date::new(y, m, if begin { 1 } else { 21 }).ok()?;
    let last = if begin { Date::new(y, m, 10).ok()? } else { first.last_of_month() };
    Some((ymd(first), ymd(last), 'd'))
}

/// With a reference clock: a start and how long from it, as a range whose last unit is the
/// start plus that many units ("18th Dec for 10 days": 18th to 28th).
fn for_a_while(cx: &Cx, i: usize, sent: (usize, usize)) -> Option<Match> {
    let s = if cx.get(i) == "from" { i + 1 } else { i };
    let (start, amount_at_k, end_tok) = if cx.get(s) == "for" {
        // "for 10 days from 18th Dec"
        let (alen, q) = amount_at(cx, s + 1)?;
        let k = s + 1 + alen + 1;
        if cx.get(k) != "from" {
            return None;
        }
        let m = compose_at_plain(cx, k + 1, sent)?;
        let e = k + 1 + m.0;
        (m, (s + 1, alen, q), e)
    } else {
        let m = compose_at_plain(cx, s, sent)?;
        let k = s + m.0;
        if cx.get(k) != "for" {
            return None;
        }
        let (alen, q) = amount_at(cx, k + 1)?;
        (m, (k + 1, alen, q), k + 2 + alen)
    };
    let (k, alen, q) = amount_at_k;
    if q % 4 != 0 {
        return None;
    }
    let n = q / 4;
    let (unit, _) = unit_at(cx.get(k + alen))?;
    let v = start.2.as_str();
    let value = if v.len() == 10 {
        let d: Date = v.parse().ok()?;
        let e = match unit {
            "D" => d.checked_add(n.days()).ok()?,
            "W" => d.checked_add(n.weeks()).ok()?,
            _ => return None,
        };
        format!("{v}/{}", ymd(e))
    } else if v.len() >= 13 && v.as_bytes().get(10) == Some(&b'T') {
        let d: Date = v[..10].parse().ok()?;
        let h: i64 = v[11..13].parse().ok()?;
        let mi: i64 = v.get(14..16).and_then(|x| x.parse().ok()).unwrap_or(0);
        let t0 = d.to_datetime(jiff::civil::Time::midnight()).checked_add((h * 60 + mi).minutes()).ok()?;
        let t1 = match unit {
            "M" => t0.checked_add(n.minutes()).ok()?,
            "H" => t0.checked_add(n.hours()).ok()?,
            _ => return None,
        };
        let f = |t: jiff::civil::DateTime| format!("{}T{:02}:{:02}", ymd(t.date()), t.hour(), t.minute());
        format!("{}/{}", f(t0), f(t1))
    } else {
        return None;
    };
    Some((end_tok - i, start.1, value, start.3))
}

/// A single day or time expression at `i` (no range), for building larger ones.
fn compose_at_plain(cx: &Cx, i: usize, sent: (usize, usize)) -> Option<Match> {
    if let Some(c) = clock_at(cx.ws, i).filter(|c| c.strong)
        && let Some(r) = cx.r
    {
        let (d, c) = place_clock(c, r, cx.now);
        return Some((c.len, TimeType::Time, clock_value(cx, d, &c), Some(d)));
    }
    cx.at(i, sent).filter(|m| day_and_part(m).is_some())
}

/// "3 fridays from now", "2 thursdays back": the nth such weekday after (before) today.
fn counted_weekdays(cx: &Cx, i: usize) -> Option<Match> {
    let r = cx.r?;
    let n = number_of(cx.get(i)).filter(|n| (1..=52).contains(n))?;
    let (wd, _) = weekday_any(cx.get(i + 1).trim_end_matches('s'))?;
    let (after, len) = match (cx.get(i + 2), cx.get(i + 3)) {
        ("from", "now") => (true, 4),
        ("hence", _) => (true, 3),
        ("back" | "ago", _) => (false, 3),
        _ => return None,
    };
    let d = if after {
        weekday_near(r.tomorrow().ok()?, wd, true).checked_add((n - 1).weeks()).ok()?
    } else {
        weekday_near(r.yesterday().ok()?, wd, false).checked_sub((n - 1).weeks()).ok()?
    };
    Some((len, TimeType::Date, ymd(d), Some(d)))
}

/// "three days after Easter", "a week before 15 March": that many days, weeks, months or
/// years from a named day.
fn units_from_a_day(cx: &Cx, i: usize, sent: (usize, usize)) -> Option<Match> {
    // Called at every token: look for the "after"/"before" first.
    if !(i + 2..i + 6).any(|k| matches!(cx.get(k), "after" | "before")) {
        return None;
    }
    let (alen, q) = amount_at(cx, i)?;
    if q % 4 != 0 {
        return None;
    }
    let k = i + alen;
    let (unit, secs) = unit_at(cx.get(k))?;
    let sign = match cx.get(k + 1) {
        "after" => 1,
        "before" => -1,
        _ => return None,
    };
    if secs.is_some() {
        return None;
    }
    let m = cx.at(k + 2, sent)?;
    let d = m.3.filter(|d| m.1 == TimeType::Date && m.2 == ymd(*d))?;
    let n = sign * q / 4;
    let span = match unit {
        "D" => n.days(),
        "W" => n.weeks(),
        "F" => (2 * n).weeks(),
        "MO" => n.months(),
        "Y" => n.years(),
        _ => return None,
    };
    let t = d.checked_add(span).ok()?;
    Some((k + 2 + m.0 - i, TimeType::Date, ymd(t), Some(t)))
}

/// "15", "15th", "fifteenth", "twenty-first" -> 15, 21.
fn ordinal_day(w: &str) -> Option<i8> {
    match w.as_bytes().first()? {
        b'0'..=b'9' => day_digits(w),
        b'f' | b's' | b't' | b'e' | b'n' => ordinal_word(w).filter(|d| (1..=31).contains(d)),
        _ => None,
    }
}

/// "15", "15th", "1st" -> a day of the month.
fn day_digits(w: &str) -> Option<i8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let ok_suffix = matches!(&w[digits.len()..], "" | "st" | "nd" | "rd" | "th");
    if !ok_suffix || digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i8>().ok().filter(|d| (1..=31).contains(d))
}

/// "first" .. "thirty-first" -> 1 .. 31.
fn ordinal_word(w: &str) -> Option<i8> {
    const ORD: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    if let Some(p) = ORD.iter().position(|o| *o == w) {
        return Some(p as i8 + 1);
    }
    match w {
        "twentieth" => return Some(20),
        "thirtieth" => return Some(30),
        _ => {}
    }
    let (tens, unit) = w.split_once('-')?;
    let t = match tens {
        "twenty" => 20,
        "thirty" => 30,
        _ => return None,
    };
    ORD[..9].iter().position(|o| *o == unit).map(|p| t + p as i8 + 1)
}

/// A sentence too short to carry tense ("monday", "next week at 5pm"): read it as a speaker
/// would in conversation, looking ahead.
fn bare_phrase(w: &[String], sent: (usize, usize)) -> bool {
    let e = sent.1.min(w.len());
    let s = sent.0.min(e);
    let n = e - s;
    // A full sentence ends with a full stop; a past participle gives tense away.
    n <= 10 && (n <= 3 || w[e - 1] != ".") && !w[s..e].iter().any(|x| x.len() > 4 && x.ends_with("ed"))
}

type Match = (usize, TimeType, String, Option<Date>);

#[allow(clippy::too_many_lines)]
fn match_at(
    w: &[String],
    raw: &[&str],
    i: usize,
    sent: (usize, usize),
    r: Option<Date>,
    clocked: bool,
    day_first: bool,
) -> Option<Match> {
    let get = |k: usize| w.get(k).map(String::as_str).unwrap_or("");
    let cap = |k: usize| raw.get(k).and_then(|s| s.chars().next()).is_some_and(char::is_uppercase);
    let year_at = |k: usize| -> Option<i16> {
        let s = get(k);
        (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y))
    };
    let day_num = |k: usize| -> Option<i8> { day_digits(get(k)) };
    // Tense first; a phrase too short to have any looks ahead, an article sentence back.
    let future = || future_context(w, i, sent).or_else(|| bare_phrase(w, sent).then_some(true));
    let w0 = get(i);
    let prev = if i > 0 { get(i - 1) } else { "" };

    if let Some(m) = numeric_date(w, i, r, day_first) {
        return Some(m);
    }
    if let Some(r) = r {
        let fut = || future().unwrap_or(false);
        if let Some(m) = holiday_at(w, i, r, clocked, fut) {
            return Some(m);
        }
        // "last friday of october": the "last" is the expression's own, not the tense.
        if let Some(m) = nth_in_month(w, i, r, || bare_phrase(w, sent) || fut()) {
            return Some(m);
        }
        // "on the 15th", "the 24": that day of this month, or of the next if it has passed.
        if w0 == "the"
            && matches!(prev, "on" | "")
            && let Some(d) =
                ordinal_day(get(i + 1)).filter(|_| get(i + 1).starts_with(|c: char| c.is_ascii_digit()) || prev == "on")
            && (i + 2 >= sent.1 || matches!(get(i + 2), "." | "," | "at" | "@"))
        {
            let mut first = Date::new(r.year(), r.month(), 1).ok()?;
            for _ in 0..3 {
                if let Ok(date) = Date::new(first.year(), first.month(), d)
                    && date >= r
                {
                    return Some((2, TimeType::Date, ymd(date), Some(date)));
                }
                first = first.checked_add(1.month()).ok()?;
            }
        }
    }
    // "first of march", "the 20th of next month", "15 of february".
    if let Some(d) = ordinal_day(w0).filter(|_| get(i + 1) == "of") {
        if let Some(m) = month_of(get(i + 2)).filter(|m| *m != 5 || cap(i + 2)) {
            let (y, len) = match year_at(i + 3) {
                Some(y) => (Some(y), 4),
                None => (None, 3),
            };
            return Some(resolve_md(len, y, m, d, r, future()));
        }
        let k = if get(i + 2) == "the" { i + 3 } else { i + 2 };
        let shift = match get(k) {
            "next" | "following" | "coming" => Some(1),
            "current" | "this" => Some(0),
            "previous" | "last" | "past" => Some(-1),
            _ => None,
        };
        if let (Some(sh), "month", Some(r)) = (shift, get(k + 1), r)
            && let Ok(base) = r.checked_add(jiff::Span::new().months(sh))
            && let Ok(date) = Date::new(base.year(), base.month(), d)
        {
            return Some((k + 2 - i, TimeType::Date, ymd(date), Some(date)));
        }
    }

    // DAY MONTH [YEAR]: "15 July", "15 July 2026", "15th of July"
    if let Some(d) = day_num(i) {
        let mut k = i + 1;
        if get(k) == "of" {
            k += 1;
        }
        if let Some(m) = month_of(get(k)).filter(|_| cap(k)) {
            let (y, len) = match year_at(k + 1) {
                Some(y) => (Some(y), k + 2 - i),
                None if get(k + 1) == "," && year_at(k + 2).is_some() => (year_at(k + 2), k + 3 - i),
                None => (None, k + 1 - i),
            };
            return Some(resolve_md(len, y, m, d, r, future()));
        }
        // Numeric dates: 15/03/2026, 03/15/2026
        if get(i + 1) == "/"
            && get(i + 3) == "/"
            && let (Some(a), Some(b), Some(y)) = (number_of(get(i)), number_of(get(i + 2)), year_at(i + 4))
        {
            let (d, m) = if a > 12 || (day_first && b <= 12) { (a, b) } else { (b, a) };
            if let Ok(date) = Date::new(y, m as i8, d as i8) {
                return Some((5, TimeType::Date, ymd(date), Some(date)));
            }
        }
    }
    // MONTH DAY[,] [YEAR] | MONTH YEAR | bare MONTH
    // Lower-case month names count only before a day or year ("march 3"): "may" and "march"
    // are also a verb and a noun.
    let dated_after = |k: usize| day_num(k).is_some() || year_at(k).is_some() || ordinal_word(get(k)).is_some();
    if let Some(m) =
        month_of(w0).filter(|_| cap(i) || dated_after(i + 1) || (get(i + 1) == "the" && dated_after(i + 2)))
    {
        let mut k = i + 1;
        if get(k) == "." || (get(k) == "the" && day_num(k + 1).is_some()) {
            k += 1;
        }
        if let Some(d) =
            day_num(k).filter(|_| get(k).len() <= 4).or_else(|| ordinal_word(get(k)).filter(|d| (1..=31).contains(d)))
        {
            let (y, len) = if get(k + 1) == "," && year_at(k + 2).is_some() {
                (year_at(k + 2), k + 3 - i)
            } else if let Some(y) = year_at(k + 1) {
                (Some(y), k + 2 - i)
            } else {
                (None, k + 1 - i)
            };
            return Some(resolve_md(len, y, m, d, r, future()));
        }
        if let Some(y) = year_at(k).or_else(|| if get(k) == "of" { year_at(k + 1) } else { None }) {
            let len = if get(k) == "of" { k + 2 - i } else { k + 1 - i };
            return Some((len, TimeType::Date, format!("{y:04}-{m:02}"), None));
        }
        // "March after next": the second March from now.
        if get(k) == "after"
            && get(k + 1) == "next"
            && let Some(r) = r
        {
            let y = if m > r.month() { r.year() + 1 } else { r.year() + 2 };
            return Some((k + 2 - i, TimeType::Date, format!("{y:04}-{m:02}"), last_day_of_month(y, m)));
        }
        // A bare month needs a preposition in front ("in April"): "May" is also a name and a verb.
        let prev = if i > 0 { get(i - 1) } else { "" };
        let full_month = MONTHS.contains(&w0);
        if full_month
            && matches!(
                prev,
                "in" | "since"
                    | "until"
                    | "by"
                    | "from"
                    | "early"
                    | "late"
                    | "mid"
                    | "last"
                    | "next"
                    | "this"
                    | "through"
                    | "before"
                    | "after"
                    | "of"
                    | "during"
                    | "end"
            )
            && (w0 != "may" || prev != "may")
        {
            let (value, day) = match r {
                Some(r) => {
                    let fut = match prev {
                        "last" | "since" => false,
                        "next" | "until" | "by" => true,
                        _ => future().unwrap_or(false),
                    };
                    let y = if prev == "this" {
                        r.year()
                    } else if fut || (!matches!(prev, "last" | "since") && soon_after(r, m)) {
                        // A past-tense report often names a month just ahead ("said it
                        // would decide in April", written in March).
                        if m >= r.month() { r.year() } else { r.year() + 1 }
                    } else if m <= r.month() {
                        r.year()
                    } else {
                        r.year() - 1
                    };
                    (format!("{y:04}-{m:02}"), last_day_of_month(y, m))
                }
                None => (format!("XXXX-{m:02}"), None),
            };
            return Some((1, TimeType::Date, value, day));
        }
    }
    // Weekdays: "Friday", "on Monday", "Tuesday night", "next tuesday", "wednesday of next week",
    // "friday after next", "Mon, February 18", "Thu 15th". Full names count in any case;
    // abbreviations ("thu", "fri.") only before a date or time, or as a phrase of their own.
    let (shift_word, wk) = match w0 {
        "next" | "last" | "this" | "coming" | "past" if weekday_any(get(i + 1)).is_some() => (w0, i + 1),
        _ => ("", i),
    };
    if let Some((wd, full)) = weekday_any(get(wk).trim_end_matches("’s").trim_end_matches("'s")) {
        let mut k = wk + 1;
        if !full && get(k) == "." {
            k += 1;
        }
        let dated_at = |k: usize| {
            get(k).starts_with(|c: char| c.is_ascii_digit()) || month_of(get(k)).is_some() || get(k) == "the"
        };
        // An abbreviation before a comma needs a date after it ("Sun, Hewlett-Packard and ..." is a name).
        let dated_after = dated_at(k) || (get(k) == "," && (full || dated_at(k + 1)));
        if !full && (prev == "the" || !(dated_after || bare_phrase(w, sent))) {
            return None;
        }
        let k2 = if matches!(get(k), "," | "the") { k + 1 } else { k };
        // "Mon, February 18": the date says it all.
        if shift_word.is_empty()
            && dated_after
            && let Some(m) = match_at(w, raw, k2, sent, r, clocked, day_first)
            && m.1 == TimeType::Date
            && m.3.is_some()
            && m.2.len() == 10
            && let Some(d) = m.3
        {
            // "Fri, Jul 18" with no year: the nearest year in which that date is a Friday.
            let year_written = (k2..k2 + m.0).any(|x| get(x).len() == 4 && get(x).bytes().all(|c| c.is_ascii_digit()));
            if !year_written && d.weekday() != wd {
                for n in 1..=7 {
                    if let Ok(next) = d.checked_add(n.years())
                        && next.weekday() == wd
                    {
                        return Some((k2 + m.0 - i, m.1, ymd(next), Some(next)));
                    }
                }
            }
            return Some((k2 + m.0 - i, m.1, m.2, m.3));
        }
        let Some(r) = r else {
            return Some((k - i, TimeType::Date, format!("XXXX-WXX-{}", wd.to_monday_one_offset()), None));
        };
        // "Thu 15th", "Tuesday the 19th": the next such day that falls on that weekday.
        if shift_word.is_empty()
            && let Some(dn) = ordinal_day(get(k2)).filter(|_| {
                get(k2).len() <= 4
                    && get(k2 + 1) != ":"
                    && !matches!(get(k2 + 1), "am" | "pm" | "a.m." | "p.m." | "o'clock" | "oclock")
            })
        {
            let mut first = Date::new(r.year(), r.month(), 1).ok()?;
            for _ in 0..28 {
                if let Ok(d) = Date::new(first.year(), first.month(), dn)
                    && d >= r
                    && d.weekday() == wd
                {
                    return Some((k2 + 1 - i, TimeType::Date, ymd(d), Some(d)));
                }
                first = first.checked_add(1.month()).ok()?;
            }
        }
        let monday = |d: Date| weekday_near(d, Weekday::Monday, false);
        let in_week = |weeks: i64| -> Option<Date> {
            let m = monday(r).checked_add(weeks.weeks()).ok()?;
            m.checked_add(i64::from(wd.to_monday_zero_offset()).days()).ok()
        };
        let mut len = k - i;
        let d = match (shift_word, get(k), get(k + 1), get(k + 2)) {
            (_, "after", "next", _) => {
                len += 2;
                let first = weekday_near(r.tomorrow().ok()?, wd, true);
                first.checked_add(1.week()).ok()?
            }
            ("", "of" | "from", "next" | "this" | "last" | "previous", "week") => {
                len += 3;
                in_week(match get(k + 1) {
                    "next" => 1,
                    "this" => 0,
                    _ => -1,
                })?
            }
            ("next", ..) => in_week(1)?,
            ("last" | "past", ..) => in_week(-1)?,
            ("this" | "coming", ..) => weekday_near(r, wd, true),
            _ => {
                let fut = match prev {
                    "since" => Some(false),
                    _ => future(),
                }
                .unwrap_or(false);
                weekday_near(r, wd, fut)
            }
        };
        // "Friday morning", "Tuesday night".
        let (plen, part) = match part_of_day(get(i + len)) {
            Some(p) => (1, p),
            None => (0, ""),
        };
        return Some((
            len + plen,
            if part.is_empty() { TimeType::Date } else { TimeType::Time },
            format!("{}{part}", ymd(d)),
            Some(d),
        ));
    }
    // Fiscal quarters: "third-quarter", "the fourth quarter", "the quarter".
    if let Some(r) = r {
        let ordinal = |w: &str| match w {
            "first" | "1st" => Some(1),
            "second" | "2nd" => Some(2),
            "third" | "3rd" => Some(3),
            "fourth" | "4th" => Some(4),
            _ => None,
        };
        let current_q = (r.month() - 1) / 3 + 1;
        // A quarter named alone is the latest or the current one in news ("the fourth quarter" in
        // November is this year's); in a bare phrase, this year's.
        let quarter_year = |q: i8| {
            if q <= current_q || (bare_phrase(w, sent) && future_context(w, i, sent).is_none()) {
                r.year()
            } else {
                r.year() - 1
            }
        };
        if let Some((o, rest)) = w0.split_once('-')
            && let (Some(q), "quarter") = (ordinal(o), rest)
        {
            return Some((1, TimeType::Date, format!("{:04}-Q{q}", quarter_year(q)), None));
        }
        let k = if w0 == "the" { i + 1 } else { i };
        // "the 1988 third quarter", "the year-ago third quarter", "next year's first quarter".
        let (year, k2) = match (get(k), get(k + 1), get(k + 2)) {
            _ if year_at(k).is_some() => (year_at(k).map(Ok), k + 1),
            ("year-ago" | "year-earlier", ..) => (Some(Err(-1)), k + 1),
            ("next" | "last" | "this", "year", "'s" | "’s") if w0 != "the" => (
                Some(Ok(r.year()
                    + if get(k) == "next" {
                        1
                    } else if get(k) == "last" {
                        -1
                    } else {
                        0
                    })),
                k + 3,
            ),
            _ => (None, k),
        };
        if let Some(year) = year {
            if let (Some(q), "quarter" | "qtr") = (ordinal(get(k2)), get(k2 + 1)) {
                let y = year.unwrap_or_else(|back| quarter_year(q) + back);
                return Some((k2 + 2 - i, TimeType::Date, format!("{y:04}-Q{q}"), None));
            }
            // "the 1988 period" beside quarterly results: that year's same quarter.
            if let Ok(y) = year
                && w0 == "the"
                && matches!(get(k2), "quarter" | "period")
                && quarter_talk(w, sent)
            {
                let q = &year_ago_quarter(r)[6..];
                return Some((k2 + 1 - i, TimeType::Date, format!("{y:04}-Q{q}"), None));
            }
        }
        if let (Some(q), "quarter" | "qtr") = (ordinal(get(k)), get(k + 1)) {
            // "4th quarter 2018", "the 4th qtr of 2018".
            let of = usize::from(get(k + 2) == "of");
            if let Some(y) = year_at(k + 2 + of) {
                return Some((k + 3 + of - i, TimeType::Date, format!("{y:04}-Q{q}"), None));
            }
            return Some((k + 2 - i, TimeType::Date, format!("{:04}-Q{q}", quarter_year(q)), None));
        }
        // "2018Q4".
        if w0.len() == 6
            && let Some((y, q)) = w0.split_once('q')
            && let (Ok(y), Ok(q)) = (y.parse::<i16>(), q.parse::<i8>())
            && (1..=4).contains(&q)
            && (1900..=2100).contains(&y)
        {
            return Some((1, TimeType::Date, format!("{y:04}-Q{q}"), None));
        }
        if w0 == "the"
            && (get(i + 1) == "quarter"
                || (matches!(get(i + 1), "latest" | "recent" | "past")
                    && (get(i + 2) == "quarter" || (get(i + 2) == "period" && quarter_talk(w, sent)))))
        {
            let len = if get(i + 1) == "quarter" { 2 } else { 3 };
            let (y, q) = if current_q == 1 { (r.year() - 1, 4) } else { (r.year(), current_q - 1) };
            return Some((len, TimeType::Date, format!("{y:04}-Q{q}"), None));
        }
    }
    // "the year-ago quarter", "year-earlier": the same period a year before.
    if let Some(r) = r {
        let k = if w0 == "the" { i + 1 } else { i };
        if matches!(get(k), "year-ago" | "year-earlier" | "year-before") {
            let tail = usize::from(matches!(get(k + 1), "quarter" | "period"));
            let v = if quarter_talk(w, sent) { year_ago_quarter(r) } else { format!("{:04}", r.year() - 1) };
            if tail == 1 || w0 != "the" {
                return Some((k + 1 + tail - i, TimeType::Date, v, None));
            }
        }
    }
    // Spelled-out years: "nineteen ninety-six", "the year two thousand", "in two thousand eight".
    {
        let k = if w0 == "the" && get(i + 1) == "year" { i + 2 } else { i };
        if let Some((len, y)) = spelled_year(w, k)
            && (k > i
                || !get(k).starts_with("two")
                || !get(k + len).starts_with(|c: char| c.is_alphabetic())
                || matches!(prev, "in" | "since" | "until" | "by" | "of"))
        {
            return Some((k + len - i, TimeType::Date, format!("{y:04}"), None));
        }
    }
    // "mid-November", "late-1996".
    if let Some((pre, rest)) = w0.split_once('-')
        && matches!(pre, "mid" | "early" | "late")
    {
        if let (Some(m), true) = (month_of(rest), MONTHS.contains(&rest)) {
            let value = match r {
                Some(r) => {
                    let y = match future() {
                        _ if soon_after(r, m) && m < r.month() => r.year() + 1,
                        _ if soon_after(r, m) => r.year(),
                        Some(true) if m < r.month() => r.year() + 1,
                        Some(false) if m > r.month() => r.year() - 1,
                        _ => r.year(),
                    };
                    format!("{y:04}-{m:02}")
                }
                None => format!("XXXX-{m:02}"),
            };
            return Some((1, TimeType::Date, value, None));
        }
        if rest.len() == 4
            && let Ok(y) = rest.parse::<i16>()
            && (1000..=2100).contains(&y)
        {
            return Some((1, TimeType::Date, format!("{y:04}"), None));
        }
    }
    // Years: "in 2022", "2027"
    if let Some(y) = year_at(i) {
        let next = get(i + 1);
        if !matches!(
            next,
            "%" | "per" | "pence" | "people" | "tonnes" | "votes" | "jobs" | "sites" | "troops" | "cases" | "km"
        ) && !get(i.wrapping_sub(1)).starts_with('$')
            && get(i.wrapping_sub(1)) != "£"
        {
            return Some((1, TimeType::Date, format!("{y:04}"), None));
        }
    }
    // Deictic words.
    if let Some(r) = r {
        match w0 {
            "tonight" => return Some((1, TimeType::Time, format!("{}TNI", ymd(r)), Some(r))),
            "today" | "yesterday" | "tomorrow" => {
                let d = match w0 {
                    "today" => r,
                    "yesterday" => r.yesterday().ok()?,
                    _ => r.tomorrow().ok()?,
                };
                // "tomorrow morning", "yesterday evening".
                if let Some(p) = part_of_day(get(i + 1)) {
                    return Some((2, TimeType::Time, format!("{}{p}", ymd(d)), Some(d)));
                }
                return Some((1, TimeType::Date, ymd(d), Some(d)));
            }
            // "this morning", "last night", "(in) the evening".
            "this" | "last" | "the" if part_of_day(get(i + 1)).is_some() => {
                let p = part_of_day(get(i + 1))?;
                let d = match w0 {
                    "last" if p == "TNI" => r.yesterday().ok()?,
                    "this" => r,
                    "the" if matches!(prev, "in" | "during") => r,
                    _ => return None,
                };
                return Some((2, TimeType::Time, format!("{}{p}", ymd(d)), Some(d)));
            }
            // "the day after tomorrow", "day before yesterday".
            "day" if matches!((get(i + 1), get(i + 2)), ("after", "tomorrow") | ("before", "yesterday")) => {
                let d = r.checked_add(if get(i + 1) == "after" { 2.days() } else { (-2).days() }).ok()?;
                return Some((3, TimeType::Date, ymd(d), Some(d)));
            }
            // "upcoming two weeks", "2 upcoming days": that many periods ahead.
            "upcoming" | "next" if number_of(get(i + 1)).is_some() && get(i + 1) != "a" => {
                if w0 == "upcoming"
                    && let Some(m) = upcoming(get(i + 2), r, number_of(get(i + 1))?)
                {
                    return Some((3, m.0, m.1, m.2));
                }
            }
            _ if number_of(w0).is_some() && get(i + 1) == "upcoming" => {
                if let Some(m) = upcoming(get(i + 2), r, number_of(w0)?) {
                    return Some((3, m.0, m.1, m.2));
                }
            }
            _ => {}
        }
    }
    match w0 {
        "now" | "currently" if get(i + 1) != "that" => {
            return Some((1, TimeType::Date, "PRESENT_REF".into(), None));
        }
        "the" if get(i + 1) == "past" && unit_of(get(i + 2)).is_none() && number_of(get(i + 2)).is_none() => {
            return Some((2, TimeType::Date, "PAST_REF".into(), None));
        }
        "the" if get(i + 1) == "future" => return Some((2, TimeType::Date, "FUTURE_REF".into(), None)),
        // "previously" and "soon" are mostly not annotated as times in TimeBank.
        "recently" | "formerly" => return Some((1, TimeType::Date, "PAST_REF".into(), None)),
        _ => {}
    }
    // "this/next/last/the coming/the past week|month|year|quarter|weekend"
    {
        let (shift, k) = match (w0, get(i + 1)) {
            ("this", _) | ("current", _) => (Some(0), i + 1),
            ("next", _) | ("coming", _) | ("following", _) => (Some(1), i + 1),
            ("last", _) | ("previous", _) | ("past", _) => (Some(-1), i + 1),
            ("the", "coming") | ("the", "next") => (Some(1), i + 2),
            ("the", "past") | ("the", "last") => (None, i + 2),
            _ => (None, i),
        };
        let unit = match get(k) {
            "qtr" => "quarter",
            "yr" => "year",
            u => u,
        };
        if let (Some(sh), Some(r)) = (shift, r)
            && let Some(v) = period_value(unit, r, sh)
        {
            let len = k + 1 - i;
            let day = period_end(unit, r, sh);
            return Some((len, TimeType::Date, v, day));
        }
    }
    // "end of the month/year/week", "the end of March"
    if w0 == "end" && get(i + 1) == "of" {
        let k = if get(i + 2) == "the" || get(i + 2) == "this" { i + 3 } else { i + 2 };
        if let Some(r) = r {
            if let (Some(v), Some(day)) = (period_value(get(k), r, 0), period_end(get(k), r, 0)) {
                return Some((k + 1 - i, TimeType::Date, v, Some(day)));
            }
            // "the end of October": the last day of the next such month (this one included).
            if let Some(m) = month_of(get(k)).filter(|_| cap(k)) {
                let y = if future() == Some(false) {
                    if m <= r.month() { r.year() } else { r.year() - 1 }
                } else if m >= r.month() {
                    r.year()
                } else {
                    r.year() + 1
                };
                let day = last_day_of_month(y, m);
                return Some((k + 1 - i, TimeType::Date, format!("{y:04}-{m:02}"), day));
            }
        }
    }
    // "year-end", "by month-end", "the year end": the last day of this year (month).
    let ends = |unit: &str| {
        (w0 == format!("{unit}-end") || w0 == format!("{unit}end"))
            .then_some(1)
            .or_else(|| (w0 == unit && get(i + 1) == "end").then_some(2))
    };
    for unit in ["year", "month"] {
        if let (Some(len), Some(r)) = (ends(unit), r)
            && let (Some(v), Some(day)) = (period_value(unit, r, 0), period_end(unit, r, 0))
        {
            return Some((len, TimeType::Date, v, Some(day)));
        }
    }
    // Sets: "every Monday", "each year", "daily"
    if matches!(w0, "every" | "each") {
        if let Some(wd) = weekday_of(get(i + 1)) {
            return Some((2, TimeType::Set, format!("XXXX-WXX-{}", wd.to_monday_one_offset()), None));
        }
        if let Some((u, time)) = unit_of(get(i + 1)) {
            return Some((2, TimeType::Set, format!("P{}1{u}", if time { "T" } else { "" }), None));
        }
    }
    match w0 {
        "daily" => return Some((1, TimeType::Set, "P1D".into(), None)),
        "weekly" => return Some((1, TimeType::Set, "P1W".into(), None)),
        "monthly" => return Some((1, TimeType::Set, "P1M".into(), None)),
        "yearly" => return Some((1, TimeType::Set, "P1Y".into(), None)),
        _ => {}
    }
    // Seasons: "last fall", "this summer", "next spring".
    if let (Some(r), Some(sh)) = (
        r,
        match w0 {
            "this" | "current" => Some(0),
            "last" | "previous" => Some(-1),
            "next" => Some(1),
            _ => None,
        },
    ) {
        let season = match get(i + 1) {
            "spring" => Some("SP"),
            "summer" => Some("SU"),
            "fall" | "autumn" => Some("FA"),
            "winter" => Some("WI"),
            _ => None,
        };
        if let Some(code) = season {
            return Some((2, TimeType::Date, format!("{:04}-{code}", i64::from(r.year()) + sh), None));
        }
    }
    // "the weekend", "this weekend".
    if let Some(r) = r
        && matches!(w0, "the" | "this")
        && get(i + 1) == "weekend"
    {
        // Said on a weekday in the past tense ("over the weekend"), the one just gone.
        let gone = w0 == "the" && r.weekday().to_monday_one_offset() <= 5 && future() == Some(false);
        let d = if gone { r.checked_sub(1.week()).ok()? } else { r };
        return Some((2, TimeType::Date, format!("{}-WE", week_value(d)), None));
    }
    // "the week of March 6": the week that day falls in.
    if w0 == "the"
        && get(i + 1) == "week"
        && get(i + 2) == "of"
        && let Some(m) = match_at(w, raw, i + 3, sent, r, clocked, day_first)
        && m.1 == TimeType::Date
        && m.2.len() == 10
        && let Some(d) = m.3
    {
        return Some((m.0 + 3, TimeType::Date, week_value(d), None));
    }
    // Decades: "the 1990s".
    if w0.len() == 5 && w0.ends_with('s') && w0[..4].chars().all(|c| c.is_ascii_digit()) && w0.starts_with(['1', '2']) {
        return Some((1, TimeType::Date, w0[..3].to_string(), None));
    }
    // Vague spans: "for weeks", "in recent years", "several days", "the coming years".
    let plural_unit = |w: &str| w.ends_with('s').then(|| unit_of(w)).flatten().filter(|(u, _)| *u != "Q");
    if matches!(w0, "several" | "few" | "many")
        && let Some((u, time)) = plural_unit(get(i + 1))
    {
        return Some((2, TimeType::Duration, format!("P{}X{u}", if time { "T" } else { "" }), None));
    }
    // "recent years", "coming weeks": the adjective belongs to the expression.
    if matches!(w0, "recent" | "coming" | "past")
        && let Some((u, time)) = plural_unit(get(i + 1))
    {
        return Some((2, TimeType::Duration, format!("P{}X{u}", if time { "T" } else { "" }), None));
    }
    if let Some((u, time)) = plural_unit(w0) {
        let prev = if i > 0 { get(i - 1) } else { "" };
        if matches!(prev, "for" | "recent" | "coming" | "past" | "within") {
            return Some((1, TimeType::Duration, format!("P{}X{u}", if time { "T" } else { "" }), None));
        }
    }
    // Hyphenated durations: "a 30-day window", "16-hour", "two-day".
    if let Some((num, unit)) = w0.split_once('-')
        && let (Some(n), Some((u, time))) = (number_of(num), unit_of(unit))
        && u != "Q"
        && u != "DE"
    {
        let day = r.map(|r| shift_date(r, u, n));
        return Some((1, TimeType::Duration, format!("P{}{n}{u}", if time { "T" } else { "" }), day));
    }
    // Durations: "72 hours", "two days", "a 30-day window", "30-day", "N years ago"
    let (n, k) = if let Some(n) = number_of(w0) { (Some(n), i + 1) } else { (None, i) };
    if let Some(n) = n {
        let mut k = k;
        if get(k) == "-" {
            k += 1;
        }
        // "15 working days", "10 business days": days counted Monday to Friday.
        let weekdays = matches!(get(k), "working" | "business") && matches!(get(k + 1), "day" | "days");
        if weekdays {
            k += 1;
        }
        if let Some((u, time)) = unit_of(get(k)) {
            // An age ("52 years old") is no time.
            if get(k + 1) == "old" {
                return None;
            }
            // "two days" but not "a day" alone after "per"/"one of those days"
            if w0 == "a" && matches!(get(i.wrapping_sub(1)), "per" | "once" | "twice" | "times") {
                return None;
            }
            let value = if u == "DE" {
                format!("P{}0Y", n)
            } else if u == "Q" {
                format!("P{}Q", n)
            } else {
                format!("P{}{n}{u}", if time { "T" } else { "" })
            };
            if matches!(get(k + 1), "ago" | "earlier" | "before")
                && let Some(r) = r
            {
                let d = shift_date(r, u, -n);
                let v = match u {
                    // "a year ago" beside quarterly results: that quarter a year before.
                    "Y" if n == 1 && quarter_talk(w, sent) => year_ago_quarter(r),
                    "Y" => format!("{:04}", d.year()),
                    "M" => format!("{:04}-{:02}", d.year(), d.month()),
                    "W" => week_value(d),
                    _ => ymd(d),
                };
                return Some((k + 2 - i, TimeType::Date, v, Some(d)));
            }
            let day = r.map(|r| if weekdays { add_weekdays(r, n) } else { shift_date(r, u, n) });
            return Some((k + 1 - i, TimeType::Duration, value, day));
        }
    }
    None
}

/// Whether month `m` is one of the two months after the reference's.
fn soon_after(r: Date, m: i8) -> bool {
    (1..=2).contains(&(m - r.month()).rem_euclid(12))
}

/// A year in words at `i`: "nineteen ninety-six", "two thousand eighteen", "two thousand and
/// five", "twenty twelve" -> (tokens, year).
fn spelled_year(w: &[String], i: usize) -> Option<(usize, i16)> {
    let get = |k: usize| w.get(k).map(String::as_str).unwrap_or("");
    let unit = |s: &str| NUMBER_WORDS.iter().position(|u| *u == s).filter(|n| (1..20).contains(n)).map(|n| n as i16);
    let tens = |s: &str| -> Option<i16> {
        Some(match s {
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            _ => return None,
        })
    };
    // 1 to 99 in one or two words.
    let small = |k: usize| -> Option<(usize, i16)> {
        let s = get(k);
        if let Some((t, u)) = s.split_once('-') {
            return Some((1, tens(t)? + unit(u).filter(|u| *u < 10)?));
        }
        if let Some(t) = tens(s) {
            return Some(match unit(get(k + 1)).filter(|u| *u < 10) {
                Some(u) => (2, t + u),
                None => (1, t),
            });
        }
        unit(s).map(|u| (1, u))
    };
    if get(i) == "two" && get(i + 1) == "thousand" {
        let k = if get(i + 2) == "and" && small(i + 3).is_some() { i + 3 } else { i + 2 };
        return Some(match small(k) {
            Some((len, n)) => (k + len - i, 2000 + n),
            None => (2, 2000),
        });
    }
    let century = match get(i) {
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        _ => return None,
    };
    let (len, n) = small(i + 1).filter(|(_, n)| *n >= 10)?;
    Some((1 + len, century * 100 + n))
}

/// Weekday names and their abbreviations -> (weekday, written in full).
fn weekday_any(w: &str) -> Option<(Weekday, bool)> {
    if let Some(wd) = weekday_of(w) {
        return Some((wd, true));
    }
    let wd = match w {
        "mon" => Weekday::Monday,
        "tue" | "tues" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" | "thur" | "thurs" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    };
    Some((wd, false))
}

/// Numeric dates: "2/15", "10/31/74", "3/3/2015", "10.31.1974", "2015-3-3", "31-Oct-74",
/// "2014/10" (a month), "Feb13".
fn numeric_date(w: &[String], i: usize, r: Option<Date>, day_first: bool) -> Option<Match> {
    let get = |k: usize| w.get(k).map(String::as_str).unwrap_or("");
    let num = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    let year_of = |s: &str| -> Option<i16> {
        let y = num(s)?;
        match s.len() {
            2 => Some(if y >= 50 { 1900 + y as i16 } else { 2000 + y as i16 }),
            4 => Some(y as i16),
            _ => None,
        }
    };
    let day_month = |a: i64, b: i64| -> Option<(i8, i8)> {
        let (d, m) = if a > 12 || (day_first && b <= 12) { (a, b) } else { (b, a) };
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((d as i8, m as i8))
    };
    let dated = |len: usize, y: Option<i16>, d: i8, m: i8| -> Option<Match> {
        match y {
            Some(y) => Date::new(y, m, d).ok().map(|date| (len, TimeType::Date, ymd(date), Some(date))),
            None => Some(resolve_md(len, None, m, d, r, None)),
        }
    };
    let w0 = get(i);
    // One token: "10.31.1974", "2015-3-3", "31-oct-74", "feb13".
    let mut it = w0.split(['.', '-']);
    let parts = [it.next().unwrap_or(""), it.next().unwrap_or(""), it.next().unwrap_or("")];
    if w0.starts_with(|c: char| c.is_ascii_digit()) && it.next().is_none() && parts.iter().all(|p| !p.is_empty()) {
        if let (Some(y), Some(m), Some(d)) =
            (num(parts[0]).filter(|_| parts[0].len() == 4), num(parts[1]), num(parts[2]))
        {
            return dated(1, Some(y as i16), i8::try_from(d).ok()?, i8::try_from(m).ok()?);
        }
        if let (Some(a), Some(b), Some(y)) = (num(parts[0]), num(parts[1]), year_of(parts[2]))
            && parts[0].len() <= 2
            && parts[1].len() <= 2
        {
            let (d, m) = day_month(a, b)?;
            return dated(1, Some(y), d, m);
        }
        if let (Some(d), Some(m), Some(y)) = (num(parts[0]), month_of(parts[1]), year_of(parts[2])) {
            return dated(1, Some(y), i8::try_from(d).ok()?, m);
        }
    }
    if let Some(split) = w0.find(|c: char| c.is_ascii_digit())
        && split >= 3
        && let (Some(m), Some(d)) = (month_of(&w0[..split]), num(&w0[split..]).filter(|d| (1..=31).contains(d)))
    {
        return dated(1, None, d as i8, m);
    }
    // Slashes: "2/15", "10/31/74", "3/3/2015", "2014/10".
    if get(i + 1) != "/" {
        return None;
    }
    let (a, b) = (num(w0)?, num(get(i + 2))?);
    if w0.len() == 4 && (1..=12).contains(&b) && get(i + 3) != "/" {
        return Some((3, TimeType::Date, format!("{a:04}-{b:02}"), None));
    }
    if w0.len() > 2 || get(i + 2).len() > 2 {
        return None;
    }
    if get(i + 3) == "/" {
        let y = year_of(get(i + 4))?;
        let (d, m) = day_month(a, b)?;
        return dated(5, Some(y), d, m);
    }
    // Without a year it could be a fraction: not before "of", "%", a unit, or after a number.
    let next = get(i + 3);
    if matches!(next, "of" | "%" | "-" | "/") || unit_of(next).is_some() || (i > 0 && num(get(i - 1)).is_some()) {
        return None;
    }
    // A proper fraction in halves, quarters, eighths ... is a price move ("fell 7/8"), no date.
    if a < b && matches!(b, 2 | 4 | 8 | 16 | 32 | 64) {
        return None;
    }
    let (d, m) = day_month(a, b)?;
    dated(3, None, d, m)
}

/// "upcoming two weeks" -> the week two weeks ahead, at that unit's grain.
fn upcoming(unit: &str, r: Date, n: i64) -> Option<(TimeType, String, Option<Date>)> {
    let unit = unit.trim_end_matches('s');
    if unit == "day" {
        let d = r.checked_add(n.days()).ok()?;
        return Some((TimeType::Date, ymd(d), Some(d)));
    }
    Some((TimeType::Date, period_value(unit, r, n)?, None))
}

/// Easter Sunday (Gregorian computus).
fn easter(y: i16) -> Option<Date> {
    let y = i32::from(y);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(y as i16, month as i8, day as i8).ok()
}

/// The `n`th (1-based; 0 = last) `wd` of a month.
fn nth_weekday(y: i16, m: i8, wd: Weekday, n: i8) -> Option<Date> {
    if n == 0 {
        let last = last_day_of_month(y, m)?;
        return Some(weekday_near(last, wd, false));
    }
    let first = weekday_near(Date::new(y, m, 1).ok()?, wd, true);
    let d = first.checked_add((i64::from(n) - 1).weeks()).ok()?;
    (d.month() == m).then_some(d)
}

/// Holidays by name, and the rule giving their date in a year.
fn holiday_date(name: &str, y: i16) -> Option<Date> {
    let fixed = |m: i8, d: i8| Date::new(y, m, d).ok();
    let from_easter = |n: i64| easter(y).and_then(|e| e.checked_add(n.days()).ok());
    match name {
        "christmas" => fixed(12, 25),
        "christmas eve" => fixed(12, 24),
        "new year's eve" => fixed(12, 31),
        "new year's day" => fixed(1, 1),
        "valentine's day" => fixed(2, 14),
        "halloween" => fixed(10, 31),
        "st patrick's day" => fixed(3, 17),
        "independence day" => fixed(7, 4),
        "veterans day" => fixed(11, 11),
        "earth day" => fixed(4, 22),
        "king's day" => {
            let d = fixed(4, 27)?;
            if d.weekday() == Weekday::Sunday { d.yesterday().ok() } else { Some(d) }
        }
        "thanksgiving" => nth_weekday(y, 11, Weekday::Thursday, 4),
        "black friday" => nth_weekday(y, 11, Weekday::Thursday, 4)?.tomorrow().ok(),
        "mlk day" => nth_weekday(y, 1, Weekday::Monday, 3),
        "presidents day" => nth_weekday(y, 2, Weekday::Monday, 3),
        "memorial day" => nth_weekday(y, 5, Weekday::Monday, 0),
        "labor day" => nth_weekday(y, 9, Weekday::Monday, 1),
        "columbus day" => nth_weekday(y, 10, Weekday::Monday, 2),
        "mother's day" => nth_weekday(y, 5, Weekday::Sunday, 2),
        "father's day" => nth_weekday(y, 6, Weekday::Sunday, 3),
        "boss's day" => {
            let d = fixed(10, 16)?;
            match d.weekday() {
                Weekday::Saturday => d.yesterday().ok(),
                Weekday::Sunday => d.tomorrow().ok(),
                _ => Some(d),
            }
        }
        "easter" => easter(y),
        "easter monday" => from_easter(1),
        "good friday" => from_easter(-2),
        "maundy thursday" => from_easter(-3),
        "palm sunday" => from_easter(-7),
        "ash wednesday" => from_easter(-46),
        "mardi gras" => from_easter(-47),
        "ascension day" => from_easter(39),
        "pentecost" => from_easter(49),
        "whit monday" => from_easter(50),
        "trinity sunday" => from_easter(56),
        _ => None,
    }
}

/// A holiday's name at token `i`: (tokens, canonical name).
fn holiday_name(w: &[String], i: usize) -> Option<(usize, &'static str)> {
    let get = |k: usize| w.get(k).map(String::as_str).unwrap_or("").trim_end_matches('.');
    let day = |k: usize, len: usize| if get(k) == "day" { len + 1 } else { len };
    let name = match (get(i), get(i + 1), get(i + 2)) {
        ("christmas" | "xmas", "eve", _) => (2, "christmas eve"),
        ("christmas" | "xmas", ..) => (day(i + 1, 1), "christmas"),
        ("new", "year's" | "years" | "year’s", "eve") => (3, "new year's eve"),
        ("new", "year's" | "years" | "year’s", "day") => (3, "new year's day"),
        ("valentine's" | "valentines" | "valentine’s", "day", _) => (2, "valentine's day"),
        ("halloween", ..) => (1, "halloween"),
        ("thanksgiving", ..) => (day(i + 1, 1), "thanksgiving"),
        ("black", "friday", _) => (2, "black friday"),
        ("st" | "saint", "patrick's" | "patricks" | "paddy's" | "paddys" | "patrick’s", "day") => {
            (3, "st patrick's day")
        }
        ("independence", "day", _) => (2, "independence day"),
        ("veterans" | "veterans'", "day", _) => (2, "veterans day"),
        ("earth", "day", _) => (2, "earth day"),
        ("king's" | "kings" | "king’s", "day", _) => (2, "king's day"),
        ("koningsdag", ..) => (1, "king's day"),
        ("martin", "luther", "king" | "king's" | "kings") if get(i + 3) == "day" => (4, "mlk day"),
        ("mlk", "day", _) => (2, "mlk day"),
        ("mlk", "jr", "day") => (3, "mlk day"),
        ("civil", "rights", "day") => (3, "mlk day"),
        ("presidents" | "presidents'" | "president's", "day", _) => (2, "presidents day"),
        ("memorial", "day", _) => (2, "memorial day"),
        ("labor" | "labour", "day", _) => (2, "labor day"),
        ("columbus", "day", _) => (2, "columbus day"),
        ("mother's" | "mothers", "day", _) => (2, "mother's day"),
        ("father's" | "fathers", "day", _) => (2, "father's day"),
        ("boss's" | "bosses" | "boss", "day", _) => (2, "boss's day"),
        ("easter", "monday", _) => (2, "easter monday"),
        ("easter", "sunday", _) => (2, "easter"),
        ("easter", ..) => (1, "easter"),
        ("good", "friday", _) => (2, "good friday"),
        ("maundy" | "holy" | "covenant", "thursday" | "thu", _) => (2, "maundy thursday"),
        ("palm", "sunday", _) => (2, "palm sunday"),
        ("ash", "wednesday", _) => (2, "ash wednesday"),
        ("mardi", "gras", _) => (2, "mardi gras"),
        ("shrove", "tuesday", _) => (2, "mardi gras"),
        ("ascension", "day", _) => (2, "ascension day"),
        ("pentecost", ..) => (1, "pentecost"),
        ("whit", "sunday", _) => (2, "pentecost"),
        ("whit", "monday", _) => (2, "whit monday"),
        ("trinity", "sunday", _) => (2, "trinity sunday"),
        _ => return None,
    };
    Some(name)
}

/// "christmas", "next Martin Luther King day", "easter 2010", "thanksgiving of next year".
fn holiday_at(w: &[String], i: usize, r: Date, clocked: bool, future: impl Fn() -> bool) -> Option<Match> {
    let get = |k: usize| w.get(k).map(String::as_str).unwrap_or("");
    let (shift, k) = match get(i) {
        "next" | "this" | "coming" => (1, i + 1),
        "last" | "past" | "previous" => (-1, i + 1),
        _ => (0, i),
    };
    // Holidays of the Gregorian calendar are one day; those of other calendars may be spans.
    let (len, name, other) = match holiday_name(w, k) {
        Some((len, name)) => (len, name, false),
        None => {
            let (len, name) = calendars::holiday_name(w, k)?;
            (len, name, true)
        }
    };
    let holiday_date = |name: &str, y: i16| -> Option<(Date, Date)> {
        if other {
            // With a clock (conversation), Jewish holidays start on the evening before.
            calendars::holiday_span(name, y, clocked)
        } else {
            holiday_date(name, y).map(|d| (d, d))
        }
    };
    let mut end = k + len;
    let year = |k: usize| -> Option<i16> {
        let s = get(k);
        (s.len() == 4).then(|| s.parse().ok()).flatten().filter(|y| (1900..=2100).contains(y))
    };
    let (d, last) = if let Some(y) = year(end) {
        end += 1;
        holiday_date(name, y)?
    } else if let Some((len, y)) = spelled_year(w, end) {
        end += len;
        holiday_date(name, y)?
    } else if get(end) == "in" && year(end + 1).is_some() {
        // "Passover in 2019".
        end += 2;
        holiday_date(name, year(end - 1)?)?
    } else if get(end) == "of" && matches!(get(end + 1), "next" | "last" | "this") && get(end + 2) == "year" {
        let y = r.year()
            + if get(end + 1) == "next" {
                1
            } else if get(end + 1) == "last" {
                -1
            } else {
                0
            };
        end += 3;
        holiday_date(name, y)?
    } else {
        let this = holiday_date(name, r.year())?;
        let fut = match shift {
            1 => true,
            -1 => false,
            _ => future(),
        };
        if fut && this.0 < r {
            holiday_date(name, r.year() + 1)?
        } else if !fut && (this.0 > r || (shift == -1 && this.0 == r)) {
            holiday_date(name, r.year() - 1)?
        } else {
            this
        }
    };
    let value = if last == d { ymd(d) } else { format!("{}/{}", ymd(d), ymd(last)) };
    Some((end - i, TimeType::Date, value, Some(d)))
}

/// "the first Monday of this month", "last Sunday of March 2014", "first tuesday in october",
/// "last day of october 2015", "first week of october 2014", "last week of september 2014".
fn nth_in_month(w: &[String], i: usize, r: Date, future: impl Fn() -> bool) -> Option<Match> {
    let get = |k: usize| w.get(k).map(String::as_str).unwrap_or("");
    let k = if get(i) == "the" { i + 1 } else { i };
    let n: i8 = match get(k) {
        "last" => 0,
        s => match ordinal_day(s)? {
            n @ 1..=5 => n,
            _ => return None,
        },
    };
    // "second last", "fifth last": counted back from the last one.
    let (n, back, k) = if n > 0 && get(k + 1) == "last" { (0, i64::from(n) - 1, k + 1) } else { (n, 0, k) };
    enum What {
        Day(Weekday),
        AnyDay,
        Week,
        Weekend,
    }
    // "week end" written apart counts as "weekend".
    let split_weekend = get(k + 1) == "week" && get(k + 2) == "end";
    let what = match get(k + 1) {
        "day" => What::AnyDay,
        "weekend" => What::Weekend,
        "week" if split_weekend => What::Weekend,
        "week" => What::Week,
        s => What::Day(weekday_any(s)?.0),
    };
    let k = if split_weekend { k + 1 } else { k };
    if !matches!(get(k + 2), "of" | "in") {
        return None;
    }
    let j = k + 3;
    let year = |k: usize| -> Option<i16> {
        let s = get(k);
        (s.len() == 4).then(|| s.parse().ok()).flatten().filter(|y| (1900..=2100).contains(y))
    };
    let (y, m, end) = if let Some(m) = month_of(get(j)) {
        if let Some(y) = year(j + 1) {
            (y, m, j + 2)
        } else {
            let fut = future();
            let y = if fut && m < r.month() {
                r.year() + 1
            } else if !fut && m > r.month() {
                r.year() - 1
            } else {
                r.year()
            };
            (y, m, j + 1)
        }
    } else {
        let sh = match (get(j), get(j + 1)) {
            ("this" | "current", "month") => 0,
            ("next" | "following", "month") => 1,
            ("last" | "previous", "month") => -1,
            _ => return None,
        };
        let d = r.checked_add(sh.months()).ok()?;
        (d.year(), d.month(), j + 2)
    };
    let (kind, value, day) = match what {
        What::Day(wd) => {
            let d = nth_weekday(y, m, wd, n)?.checked_sub(back.weeks()).ok()?;
            (TimeType::Date, ymd(d), Some(d))
        }
        What::AnyDay => {
            let d = if n == 0 {
                last_day_of_month(y, m)?.checked_sub(back.days()).ok()?
            } else {
                Date::new(y, m, n).ok()?
            };
            (TimeType::Date, ymd(d), Some(d))
        }
        What::Week => {
            // Weeks that start in the month: the first begins on its first Monday; the last is
            // the last one that ends in it.
            let monday = if n == 0 {
                let last = last_day_of_month(y, m)?;
                weekday_near(last.checked_sub(6.days()).ok()?, Weekday::Monday, false)
            } else {
                nth_weekday(y, m, Weekday::Monday, n)?
            };
            (TimeType::Date, week_value(monday.checked_sub(back.weeks()).ok()?), None)
        }
        What::Weekend => {
            // Weekends whose Sunday is in the month.
            let sunday = nth_weekday(y, m, Weekday::Sunday, n)?.checked_sub(back.weeks()).ok()?;
            (TimeType::Date, format!("{}-WE", week_value(sunday)), None)
        }
    };
    Some((end - i, kind, value, day))
}

/// Whether a sentence, or the two or so before it, speaks of quarterly results: "up from $3
/// million a year earlier" in an earnings report compares quarters.
fn quarter_talk(w: &[String], sent: (usize, usize)) -> bool {
    let e = sent.1.min(w.len());
    let s = sent.0.min(e).saturating_sub(60);
    w[s..e].iter().any(|x| x == "quarter" || x == "quarterly" || x.ends_with("-quarter"))
}

/// The last completed quarter before `r`, a year earlier ("1988-Q3" for October 1989).
fn year_ago_quarter(r: Date) -> String {
    let q = (r.month() - 1) / 3 + 1;
    let (y, q) = if q == 1 { (r.year() - 2, 4) } else { (r.year() - 1, q - 1) };
    format!("{y:04}-Q{q}")
}

/// TIMEX3 part-of-day suffixes.
fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w.strip_suffix("ish").unwrap_or(w) {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        "night" => "TNI",
        _ => return None,
    })
}

fn shift_date(r: Date, unit: &str, n: i64) -> Date {
    let s = match unit {
        "D" => n.days(),
        "W" => n.weeks(),
        "M" => n.months(),
        "Y" => n.years(),
        "H" => return r.checked_add((n / 24).days()).unwrap_or(r),
        _ => return r,
    };
    r.checked_add(s).unwrap_or(r)
}

/// The day `n` working days (Monday to Friday; public holidays are not known here) after `d`.
pub fn add_weekdays(d: Date, n: i64) -> Date {
    let mut day = d;
    let mut left = n.max(0);
    while left > 0 {
        let Ok(next) = day.tomorrow() else { return day };
        day = next;
        if day.weekday().to_monday_one_offset() <= 5 {
            left -= 1;
        }
    }
    day
}

/// The TIMEX3 value of the week/month/year/quarter/weekend `shift` periods from `r`.
fn period_value(unit: &str, r: Date, shift: i64) -> Option<String> {
    Some(match unit {
        "week" => week_value(r.checked_add(shift.weeks()).ok()?),
        "weekend" => format!("{}-WE", week_value(r.checked_add(shift.weeks()).ok()?)),
        "month" => {
            let d = r.checked_add(shift.months()).ok()?;
            format!("{:04}-{:02}", d.year(), d.month())
        }
        "year" => format!("{:04}", r.year() as i64 + shift),
        "quarter" => {
            let d = r.checked_add((shift * 3).months()).ok()?;
            format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1)
        }
        _ => return None,
    })
}

/// The last day of that period, which is the day a deadline "by the end of …" falls on.
fn period_end(unit: &str, r: Date, shift: i64) -> Option<Date> {
    match unit {
        "week" | "weekend" => {
            let d = r.checked_add(shift.weeks()).ok()?;
            Some(weekday_near(d, Weekday::Sunday, true))
        }
        "month" => Some(r.checked_add(shift.months()).ok()?.last_of_month()),
        "year" => Date::new(r.year() + shift as i16, 12, 31).ok(),
        "quarter" => {
            let d = r.checked_add((shift * 3).months()).ok()?;
            let qm = ((d.month() - 1) / 3 + 1) * 3;
            last_day_of_month(d.year(), qm)
        }
        _ => None,
    }
}

fn resolve_md(len: usize, y: Option<i16>, m: i8, d: i8, r: Option<Date>, future: Option<bool>) -> Match {
    let year = y.or_else(|| {
        let r = r?;
        let this = Date::new(r.year(), m, d).ok()?;
        // Without a year: the nearest such date in the direction the tense gives; with no
        // tense cue, the nearest one.
        Some(match future {
            Some(true) if this < r && (r - this).get_days() > 31 => r.year() + 1,
            // A past-tense report often names a date a month or two ahead ("said it will pay
            // Dec. 7"): only one further off is last year's.
            Some(false) if this > r && (this - r).get_days() > 61 => r.year() - 1,
            None if this < r && r.since(this).map(|s| s.get_days()).unwrap_or(0) > 183 => r.year() + 1,
            None if this > r && this.since(r).map(|s| s.get_days()).unwrap_or(0) > 183 => r.year() - 1,
            _ => r.year(),
        })
    });
    match year.and_then(|y| Date::new(y, m, d).ok()) {
        Some(date) => (len, TimeType::Date, ymd(date), Some(date)),
        None => (len, TimeType::Date, format!("XXXX-{m:02}-{d:02}"), None),
    }
}

#[cfg(test)]
mod tests {
    use super::super::sentences::tokenize;
    use super::*;
    use jiff::civil::date;

    fn values(text: &str, r: Date) -> Vec<(String, String)> {
        values_with(text, r, None, None)
    }

    /// The time expressions of `text` read at `r`, with a reference clock and UTC offset.
    fn values_with(text: &str, r: Date, clock: Option<u32>, offset: Option<i16>) -> Vec<(String, String)> {
        let toks = tokenize(text);
        let sents: Vec<(usize, usize)> =
            crate::nlp::sentence_ranges(text).into_iter().map(|r| (r.start, r.end)).collect();
        let sent_of: Vec<(usize, usize)> = toks
            .iter()
            .map(|t| {
                let (s, e) =
                    sents.iter().find(|(s, e)| t.start >= *s && t.end <= *e).copied().unwrap_or((0, text.len()));
                let a = toks.iter().position(|x| x.start >= s).unwrap_or(0);
                let b = toks.iter().rposition(|x| x.end <= e).map(|p| p + 1).unwrap_or(toks.len());
                (a, b)
            })
            .collect();
        tag(text, &toks, &sent_of, Some(r), clock, offset, true)
            .into_iter()
            .map(|t| (text[t.start..t.end].to_string(), t.value))
            .collect()
    }

    #[test]
    fn weekdays_follow_tense() {
        let wed = date(2025, 8, 6);
        assert_eq!(values("He arrived on Monday.", wed), vec![("Monday".into(), "2025-08-04".into())]);
        assert_eq!(values("He will arrive on Monday.", wed), vec![("Monday".into(), "2025-08-11".into())]);
    }

    #[test]
    fn absolute_and_relative_dates() {
        let r = date(2026, 6, 17);
        assert_eq!(
            values("by 5 p.m. on 15 July", r),
            vec![("5 p.m.".into(), "2026-06-17T17:00".into()), ("15 July".into(), "2026-07-15".into())]
        );
        assert_eq!(values("until the end of the month", r), vec![("end of the month".into(), "2026-06".into())]);
        assert_eq!(values("within 72 hours", r), vec![("72 hours".into(), "PT72H".into())]);
        assert_eq!(values("next week", r), vec![("next week".into(), "2026-W26".into())]);
        assert_eq!(values("on June 2, 2025", r), vec![("June 2, 2025".into(), "2025-06-02".into())]);
    }

    #[test]
    fn lower_case_weekdays_count_but_lower_case_may_needs_a_day() {
        let r = date(2013, 2, 12);
        assert_eq!(values("see you on tuesday.", r).len(), 1);
        assert!(values("They may march again.", r).is_empty());
        assert_eq!(values("due march 3", r), vec![("march 3".into(), "2013-03-03".into())]);
    }

    #[test]
    fn no_times_inside_words_or_names() {
        let r = date(2026, 6, 17);
        assert!(values("Hamas said Theresa May would march on.", r).is_empty());
        assert!(values("The amendment passed at 10 am.", r).iter().all(|(t, _)| t == "10 am"));
    }

    fn one(text: &str) -> String {
        one_with(text, None, None)
    }

    /// The longest time expression of `text` read on 2013-02-12, with a clock and UTC offset.
    fn one_with(text: &str, clock: Option<u32>, offset: Option<i16>) -> String {
        let r = date(2013, 2, 12);
        let found = values_with(text, r, clock, offset);
        found.into_iter().max_by_key(|(t, _)| t.len()).map(|(_, v)| v).unwrap_or_default()
    }

    fn one_at(text: &str, minutes: u32) -> String {
        one_with(text, Some(minutes), None)
    }

    #[test]
    fn bare_phrases_look_ahead_but_past_tense_looks_back() {
        assert_eq!(one("monday"), "2013-02-18");
        assert_eq!(one("in March"), "2013-03");
        assert_eq!(one("They met on Monday in the capital, officials said."), "2013-02-11");
    }

    #[test]
    fn weekdays_relative_to_weeks() {
        assert_eq!(one("next tuesday"), "2013-02-19");
        assert_eq!(one("next saturday"), "2013-02-23");
        assert_eq!(one("last tuesday"), "2013-02-05");
        assert_eq!(one("wednesday of next week"), "2013-02-20");
        assert_eq!(one("friday after next"), "2013-02-22");
        assert_eq!(one("Thu 15th"), "2013-08-15");
        assert_eq!(one("Mon, February 18"), "2013-02-18");
        // Abbreviations need a date after them, or a phrase of their own.
        assert!(values("The Sun reported it.", date(2013, 2, 12)).is_empty());
    }

    #[test]
    fn dates_in_numbers_and_words() {
        assert_eq!(one("10/31/74"), "1974-10-31");
        assert_eq!(one("2015-3-3"), "2015-03-03");
        assert_eq!(one("31-Oct-74"), "1974-10-31");
        assert_eq!(one("2014/10"), "2014-10");
        assert_eq!(one("first of march"), "2013-03-01");
        assert_eq!(one("march first"), "2013-03-01");
        assert_eq!(one("20th of the next month"), "2013-03-20");
        assert_eq!(one("the 4th qtr of 2018"), "2018-Q4");
        // A fraction is no date.
        assert!(values("Cut by 2/3 of the total.", date(2013, 2, 12)).is_empty());
    }

    #[test]
    fn times_join_their_day() {
        assert_eq!(one("tomorrow at 5pm"), "2013-02-13T17:00");
        assert_eq!(one("3pm tomorrow"), "2013-02-13T15:00");
        assert_eq!(one("Saturday morning at 9"), "2013-02-16T09:00");
        assert_eq!(one("tonight at 11"), "2013-02-12T23:00");
        assert_eq!(
            values("He was shot at 10 p.m. Wednesday, police said.", date(1998, 2, 12)),
            vec![("10 p.m. Wednesday".into(), "1998-02-11T22:00".into())]
        );
        // A bare number is a time only after "at" with nothing else following.
        assert!(values("He scored 3 goals at 5 minutes.", date(2013, 2, 12)).iter().all(|(t, _)| t != "5"));
    }

    #[test]
    fn a_reference_clock_places_times_ahead() {
        assert_eq!(one_at("3:18am", 270), "2013-02-13T03:18");
        assert_eq!(one_at("at 3", 270), "2013-02-12T15");
        assert_eq!(one("3:18am"), "2013-02-12T03:18");
        assert_eq!(one_at("in 2 hours", 270), "2013-02-12T06:30");
        assert_eq!(one_at("in 1/4h", 270), "2013-02-12T04:45:00");
        assert_eq!(one_at("three weeks ago", 270), "2013-01-22");
        assert_eq!(one_at("next 3 days", 270), "2013-02-13/2013-02-15");
        // Without a clock a duration stays a duration.
        assert_eq!(one("in 2 hours"), "PT2H");
    }

    #[test]
    fn ranges_are_one_interval() {
        assert_eq!(one("3-4pm"), "2013-02-12T15/2013-02-12T16");
        assert_eq!(one("from 9:30 to 11:00 on Thursday"), "2013-02-14T09:30/2013-02-14T11:00");
        assert_eq!(one("July 13-15"), "2013-07-13/2013-07-15");
        assert_eq!(one("from the 13th to the 15th of July"), "2013-07-13/2013-07-15");
    }

    #[test]
    fn holidays_and_nth_days() {
        assert_eq!(one("easter 2010"), "2010-04-04");
        assert_eq!(one("thanksgiving"), "2013-11-28");
        assert_eq!(one("last easter"), "2012-04-08");
        assert_eq!(one("boss's day 2021"), "2021-10-15");
        assert_eq!(one("last Sunday of March 2014"), "2014-03-30");
        assert_eq!(one("first week of october 2014"), "2014-W41");
        assert_eq!(one("3 fridays from now"), "2013-03-01");
    }

    #[test]
    fn parts_of_days() {
        assert_eq!(one("this morning"), "2013-02-12TMO");
        assert_eq!(one("last night"), "2013-02-11TNI");
        assert_eq!(one("tomorrow evening"), "2013-02-13TEV");
    }

    #[test]
    fn edges_of_periods_and_open_intervals_with_a_clock() {
        assert_eq!(one_at("end of the month", 270), "2013-02-21/2013-02-28");
        assert_eq!(one_at("at the beginning of next week", 270), "2013-02-18/2013-02-20");
        assert_eq!(one_at("the end of the year", 270), "2013-09/2013-12");
        assert_eq!(one_at("by the end of next month", 270), "2013-02-12T04:30:00/2013-03-31T23:59:59");
        assert_eq!(one_at("after 2 pm", 270), "2013-02-12T14/..");
        assert_eq!(one_at("through 2014", 270), "../2014");
        // News reading keeps TIMEX3's month value.
        assert_eq!(one("until the end of the month"), "2013-02");
    }

    #[test]
    fn a_weekday_picks_the_year_of_an_undated_day() {
        assert_eq!(one("Fri, Jul 18"), "2014-07-18");
        assert_eq!(one("Thursday 9 am"), "2013-02-14T09:00");
    }

    #[test]
    fn year_ago_beside_quarterly_results_is_a_quarter() {
        let r = date(1989, 10, 26);
        assert_eq!(
            values("Net income rose 5% in the third quarter from a year ago.", r),
            vec![("the third quarter".into(), "1989-Q3".into()), ("a year ago".into(), "1988-Q3".into())]
        );
        assert_eq!(
            values("Sales fell from the year-ago quarter.", r),
            vec![("the year-ago quarter".into(), "1988-Q3".into())]
        );
        assert_eq!(values("He left a year ago.", r), vec![("a year ago".into(), "1988".into())]);
    }

    #[test]
    fn short_news_sentences_with_a_participle_are_not_bare_phrases() {
        let r = date(1989, 10, 30);
        // "totaled" gives the tense: last Friday, not next.
        assert_eq!(values("Friday's volume totaled 132 million shares.", r)[0].1, "1989-10-27");
        assert_eq!(values("friday", r)[0].1, "1989-11-03");
    }

    #[test]
    fn vague_adverbs_that_timebank_leaves_out() {
        let r = date(1998, 2, 12);
        assert!(values("The previously announced deal will close soon.", r).is_empty());
        assert_eq!(values("Prices rose recently.", r), vec![("recently".into(), "PAST_REF".into())]);
    }

    #[test]
    fn zoned_times_move_to_the_reference_offset() {
        let v = one_with("Thursday 8:00 GMT", None, Some(-120));
        let w = one_with("Thu at 8 am PST", None, Some(-120));
        assert_eq!(v, "2013-02-14T06:00");
        assert_eq!(w, "2013-02-14T14:00");
        // Without a reference offset the zone is only part of the span.
        assert_eq!(one("Thursday 8:00 GMT"), "2013-02-14T08:00");
    }

    #[test]
    fn parts_of_a_named_day() {
        assert_eq!(one("february the 15th in the morning"), "2013-02-15TMO");
        assert_eq!(one("morning of christmas 2013"), "2013-12-25TMO");
        assert_eq!(one("tomorrow afternoonish"), "2013-02-13TAF");
        assert!(values("Martin Luther King' day", date(2013, 2, 12)).is_empty());
    }

    #[test]
    fn seasons_and_the_rest_of_the_week_with_a_clock() {
        assert_eq!(one_at("this season", 270), "2012-WI");
        assert_eq!(one_at("last season", 270), "2012-FA");
        assert_eq!(one("current summer"), "2013-SU");
        assert_eq!(one_at("rest of the week", 270), "2013-02-12/2013-02-16");
        assert_eq!(one_at("mid March", 270), "2013-03-11/2013-03-20");
        // In news, "this season" is a sports season, not a time.
        assert!(values("He scored twice this season.", date(2013, 2, 12)).is_empty());
    }

    #[test]
    fn a_start_and_how_long_with_a_clock() {
        assert_eq!(one_at("18th Dec for 10 days", 270), "2013-12-18/2013-12-28");
        assert_eq!(one_at("for 10 days from 18th Dec", 270), "2013-12-18/2013-12-28");
        assert_eq!(one_at("from 4pm for thirty minutes", 270), "2013-02-12T16:00/2013-02-12T16:30");
        assert_eq!(one("18th Dec for 10 days"), "2013-12-18");
    }

    #[test]
    fn weekends_of_a_month_and_lone_parts_of_day() {
        assert_eq!(one("last weekend of October"), "2013-W43-WE");
        assert_eq!(one("last week end of October"), "2013-W43-WE");
        assert_eq!(one_at("afternoon", 270), "2013-02-12TAF");
        assert!(values("afternoon", date(2013, 2, 12)).is_empty());
    }

    #[test]
    fn quarters_and_year_ago_in_earnings_reports() {
        let r = date(2021, 11, 3);
        // The quarter the report is written in is this year's.
        assert_eq!(values("Profit in the fourth quarter will be lower.", r)[0].1, "2021-Q4");
        // A comparison a sentence after the quarter was named still compares quarters.
        let v =
            values("Sales rose in the third quarter. Net income was $3 million, up from $2 million a year earlier.", r);
        assert_eq!(v.last().map(|x| x.1.as_str()), Some("2020-Q3"));
    }

    #[test]
    fn tense_cues_that_only_look_past() {
        let r = date(2021, 10, 20);
        // "succeed" is no participle; "be completed" takes the tense of its auxiliary.
        assert_eq!(values("She will succeed him Feb. 3.", r)[0].1, "2022-02-03");
        assert_eq!(values("The sale should be completed by Dec. 10.", r)[0].1, "2021-12-10");
        assert_eq!(values("The dividend is payable Jan. 5.", r)[0].1, "2022-01-05");
        // "as previously planned": a plan told as past.
        assert_eq!(values("The offensive began as previously planned Saturday night.", r)[0].1, "2021-10-16TNI");
        // "a revised budget": a participle after a determiner is an adjective, no tense.
        assert_eq!(values("The fund wants a revised budget by Dec. 10.", r)[0].1, "2021-12-10");
        // "no later than" looks ahead; "two days later" tells a story.
        assert_eq!(values("Reports are due no later than 30 September.", date(2025, 3, 18))[0].1, "2025-09-30");
    }

    #[test]
    fn past_weekends_ages_and_price_fractions() {
        // Written on a Monday: "over the weekend" in the past tense is the one just gone.
        let monday = date(2021, 11, 8);
        assert_eq!(values("Talks stalled over the weekend, officials said.", monday)[0].1, "2021-W44-WE");
        assert!(values("The chairman, 61 years old, resigned.", monday).is_empty());
        assert!(values("The shares fell 3/8 to 21.", monday).is_empty());
        assert!(values("Sun, Oracle and others objected.", monday).is_empty());
    }

    #[test]
    fn quarters_named_with_their_year_and_weeks_of_a_day() {
        let r = date(2021, 11, 3);
        assert_eq!(values("In the 2019 second quarter, it lost money.", r)[0].1, "2019-Q2");
        assert_eq!(values("In the year-earlier third quarter, it earned $2 million.", r)[0].1, "2020-Q3");
        assert_eq!(values("It may come in next year's first quarter.", r)[0].1, "2022-Q1");
        assert_eq!(values("Hearings start the week of March 7.", r)[0].1, "2022-W10");
    }

    #[test]
    fn possessives_spelled_years_and_hyphenated_months() {
        let r = date(2021, 11, 3);
        assert_eq!(values("Last month's vote was close.", r), vec![("Last month".into(), "2021-10".into())]);
        assert_eq!(values("It was built in nineteen eighty-four.", r)[0].1, "1984");
        assert_eq!(values("Talks resume in mid-December.", r)[0].1, "2021-12");
        // Said in the past tense, a month just ahead is still the coming one.
        assert_eq!(values("The board said it would decide in January.", r)[0].1, "2022-01");
        assert_eq!(values("The plant closed in May.", r)[0].1, "2021-05");
        assert!(values("Two thousand people marched.", r).is_empty());
    }

    #[test]
    fn infinitives_and_as_early_as_look_ahead() {
        // Written on a Wednesday: the talks, set to resume, are next Monday's.
        let r = date(2021, 11, 3);
        assert_eq!(values("The talks, which stalled, are set to resume Monday.", r)[0].1, "2021-11-08");
        assert_eq!(values("He said it could happen as early as Tuesday.", r)[0].1, "2021-11-09");
    }

    #[test]
    fn holidays_of_other_calendars() {
        assert_eq!(one("Yom Kippur 2023"), "2023-09-25");
        assert_eq!(one("Hanukkah 2018"), "2018-12-03/2018-12-10");
        assert_eq!(one("Eid al-Fitr 2023"), "2023-04-21");
        assert_eq!(one("during Ramadan in 2024"), "2024-03-11/2024-04-09");
        assert_eq!(one("orthodox easter 2023"), "2023-04-16");
        assert_eq!(one("maundy thursday 2024"), "2024-03-28");
        // With a clock, Jewish holidays begin the evening before.
        assert_eq!(one_at("rosh hashanah 2023", 270), "2023-09-15/2023-09-17");
    }

    #[test]
    fn vague_parts_of_the_day_with_a_clock() {
        assert_eq!(one_at("late tonight", 270), "2013-02-12T21/2013-02-12T23");
        assert_eq!(one_at("friday lunch", 270), "2013-02-15T12/2013-02-15T13");
        assert_eq!(one_at("ASAP", 270), "2013-02-12T04:30:00/..");
        assert_eq!(one_at("BOY", 270), "2013-01/2013-03");
        // Without a clock "late tonight" stays a part of the day; "asap" in lower case is no time.
        assert_eq!(one("late tonight"), "2013-02-12TNI");
        assert!(values("send it asap", date(2013, 2, 12)).is_empty());
    }

    #[test]
    fn vague_spans_keep_their_adjective() {
        let r = date(2021, 11, 3);
        assert_eq!(values("Prices rose in recent years.", r), vec![("recent years".into(), "PXY".into())]);
        assert_eq!(values("Talks go on in the coming weeks.", r)[0], ("coming weeks".into(), "PXW".into()));
    }

    #[test]
    fn counted_back_from_the_last() {
        assert_eq!(one("second last friday of june"), "2013-06-21");
        assert_eq!(one("third last day of April"), "2013-04-28");
        assert_eq!(one("2nd last week of November 2019"), "2019-W46");
    }

    #[test]
    fn units_counted_from_a_named_day() {
        assert_eq!(one("two weeks after Christmas"), "2014-01-08");
        assert_eq!(one("three days before 20 March"), "2013-03-17");
        // An event is no day to count from.
        assert!(values("ten days before the vote", date(2013, 2, 12)).iter().all(|(t, _)| !t.contains("vote")));
    }

    #[test]
    fn more_named_days() {
        assert_eq!(one("King's Day 2014"), "2014-04-26");
        assert_eq!(one("March after next"), "2014-03");
        assert_eq!(one("morning of the 15th of february"), "2013-02-15TMO");
    }
}
