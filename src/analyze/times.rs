//! The temporal tagger: finds time expressions in English news and normalises them to
//! TimeML/TIMEX3 values against the article's reference (publication) date, using the
//! sentence's tense to place bare weekdays and months in the past or the future.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use super::sentences::Token;

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

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(w: &str) -> Option<i8> {
    let w = w.trim_end_matches('.');
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return Some(i as i8 + 1);
    }
    match w {
        "jan" => Some(1),
        "feb" => Some(2),
        "aug" => Some(8),
        "sept" | "sep" => Some(9),
        "oct" => Some(10),
        "nov" => Some(11),
        "dec" => Some(12),
        _ => None,
    }
}

fn weekday_of(w: &str) -> Option<Weekday> {
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

/// Parses a number written in digits or words ("72", "two", "a", "thirty").
pub fn number_of(w: &str) -> Option<i64> {
    if let Ok(n) = w.replace(',', "").parse::<i64>() {
        return Some(n);
    }
    const SMALL: [&str; 21] = [
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
    if let Some(i) = SMALL.iter().position(|s| *s == w) {
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
        "plans",
        "plan",
        "until",
        "deadline",
        "ahead",
        "upcoming",
        "next",
        "later",
        "coming",
        "intends",
        "expires",
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
    let (s, e) = sentence;
    // Nearest cue before the expression wins; then the rest of the sentence.
    let before = words[s..at].iter().rev().take(8);
    for w in before {
        if FUTURE.contains(&w.as_str()) {
            return Some(true);
        }
        if PAST.contains(&w.as_str()) || (w.ends_with("ed") && w.len() > 4) {
            return Some(false);
        }
    }
    let after = words[at..e].iter();
    for w in after {
        if FUTURE.contains(&w.as_str()) {
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

/// Finds and normalises every time expression in `text`.
///
/// `tokens` are the text's tokens, `sentences` its sentences as token-index ranges, and
/// `reference` the date relative expressions are resolved against (`None` leaves them
/// underspecified, e.g. `XXXX-07-15`).
pub fn tag(
    text: &str,
    tokens: &[Token],
    sentence_of: &[(usize, usize)],
    reference: Option<Date>,
    day_first: bool,
) -> Vec<TimeExpr> {
    let words: Vec<String> = tokens.iter().map(|t| t.text(text).to_lowercase()).collect();
    let raw: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let sent = sentence_of.get(i).copied().unwrap_or((0, tokens.len()));
        if let Some((len, kind, value, day)) = match_at(&words, &raw, i, sent, reference, day_first) {
            let end_tok = i + len - 1;
            out.push(TimeExpr { start: tokens[i].start, end: tokens[end_tok].end, kind, value, day });
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

type Match = (usize, TimeType, String, Option<Date>);

#[allow(clippy::too_many_lines)]
fn match_at(
    w: &[String],
    raw: &[&str],
    i: usize,
    sent: (usize, usize),
    r: Option<Date>,
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
    let day_num = |k: usize| -> Option<i8> {
        let s = get(k);
        let s = s.trim_end_matches("st").trim_end_matches("nd").trim_end_matches("rd").trim_end_matches("th");
        s.parse::<i8>().ok().filter(|d| (1..=31).contains(d))
    };
    let future = || future_context(w, i, sent);
    let w0 = get(i);

    // Times of day: "5 p.m.", "5pm", "17:00", "midnight", "noon" (+ optional "on <weekday>/<date>" handled by caller's next match).
    if let Some(m) = time_of_day(w, i) {
        let (len, hh, mm) = m;
        let base = r.map(ymd).unwrap_or_else(|| "XXXX-XX-XX".into());
        return Some((len, TimeType::Time, format!("{base}T{hh:02}:{mm:02}"), None));
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
    let dated_after = |k: usize| day_num(k).is_some() || year_at(k).is_some();
    if let Some(m) = month_of(w0).filter(|_| cap(i) || dated_after(i + 1)) {
        let mut k = i + 1;
        if get(k) == "." {
            k += 1;
        }
        if let Some(d) = day_num(k).filter(|_| get(k).len() <= 4) {
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
                    let y = if fut {
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
    // Weekdays: "Friday", "on Monday", "Tuesday night"
    // Weekday names are unambiguous in any case.
    if let Some(wd) = weekday_of(w0.trim_end_matches("’s").trim_end_matches("'s")) {
        let prev = if i > 0 { get(i - 1) } else { "" };
        let fut = match prev {
            "next" | "coming" => Some(true),
            "last" | "since" | "past" => Some(false),
            _ => future(),
        }
        .unwrap_or(false);
        // "Friday morning", "Tuesday night".
        let (len, part) = match part_of_day(get(i + 1)) {
            Some(p) => (2, p),
            None => (1, ""),
        };
        return Some(match r {
            Some(r) => {
                let d = weekday_near(r, wd, fut);
                (
                    len,
                    if part.is_empty() { TimeType::Date } else { TimeType::Time },
                    format!("{}{part}", ymd(d)),
                    Some(d),
                )
            }
            None => (len, TimeType::Date, format!("XXXX-WXX-{}", wd.to_monday_one_offset()), None),
        });
    }
    // Fiscal quarters: "third-quarter", "the fourth quarter", "the quarter".
    if let Some(r) = r {
        let ordinal = |w: &str| match w {
            "first" => Some(1),
            "second" => Some(2),
            "third" => Some(3),
            "fourth" => Some(4),
            _ => None,
        };
        let current_q = (r.month() - 1) / 3 + 1;
        let quarter_year = |q: i8| if q < current_q { r.year() } else { r.year() - 1 };
        if let Some((o, rest)) = w0.split_once('-')
            && let (Some(q), "quarter") = (ordinal(o), rest)
        {
            return Some((1, TimeType::Date, format!("{:04}-Q{q}", quarter_year(q)), None));
        }
        let k = if w0 == "the" { i + 1 } else { i };
        if let (Some(q), "quarter") = (ordinal(get(k)), get(k + 1)) {
            return Some((k + 2 - i, TimeType::Date, format!("{:04}-Q{q}", quarter_year(q)), None));
        }
        if w0 == "the"
            && (get(i + 1) == "quarter"
                || (matches!(get(i + 1), "latest" | "recent" | "past") && get(i + 2) == "quarter"))
        {
            let len = if get(i + 1) == "quarter" { 2 } else { 3 };
            let (y, q) = if current_q == 1 { (r.year() - 1, 4) } else { (r.year(), current_q - 1) };
            return Some((len, TimeType::Date, format!("{y:04}-Q{q}"), None));
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
            "today" => return Some((1, TimeType::Date, ymd(r), Some(r))),
            "tonight" => return Some((1, TimeType::Time, format!("{}TNI", ymd(r)), Some(r))),
            "yesterday" => {
                let d = r.yesterday().ok()?;
                return Some((1, TimeType::Date, ymd(d), Some(d)));
            }
            "tomorrow" => {
                let d = r.tomorrow().ok()?;
                return Some((1, TimeType::Date, ymd(d), Some(d)));
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
        "recently" | "previously" | "formerly" => return Some((1, TimeType::Date, "PAST_REF".into(), None)),
        "soon" => return Some((1, TimeType::Date, "FUTURE_REF".into(), None)),
        _ => {}
    }
    // "this/next/last/the coming/the past week|month|year|quarter|weekend"
    {
        let (shift, k) = match (w0, get(i + 1)) {
            ("this", _) | ("current", _) => (Some(0), i + 1),
            ("next", _) => (Some(1), i + 1),
            ("last", _) | ("previous", _) => (Some(-1), i + 1),
            ("the", "coming") | ("the", "next") => (Some(1), i + 2),
            ("the", "past") | ("the", "last") => (None, i + 2),
            _ => (None, i),
        };
        if let (Some(sh), Some(r)) = (shift, r)
            && let Some(v) = period_value(get(k), r, sh)
        {
            let len = k + 1 - i;
            let day = period_end(get(k), r, sh);
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
        "annually" | "yearly" => return Some((1, TimeType::Set, "P1Y".into(), None)),
        _ => {}
    }
    // Seasons: "last fall", "this summer", "next spring".
    if let (Some(r), Some(sh)) = (
        r,
        match w0 {
            "this" => Some(0),
            "last" => Some(-1),
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
        return Some((2, TimeType::Date, format!("{}-WE", week_value(r)), None));
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
        if let Some((u, time)) = unit_of(get(k)) {
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
                    "Y" => format!("{:04}", d.year()),
                    "M" => format!("{:04}-{:02}", d.year(), d.month()),
                    "W" => week_value(d),
                    _ => ymd(d),
                };
                return Some((k + 2 - i, TimeType::Date, v, Some(d)));
            }
            let day = r.map(|r| shift_date(r, u, n));
            return Some((k + 1 - i, TimeType::Duration, value, day));
        }
    }
    None
}

/// TIMEX3 part-of-day suffixes.
fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
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
            Some(false) if this > r && (this - r).get_days() > 31 => r.year() - 1,
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

/// "5 p.m.", "5pm", "5:30 pm", "17:00", "midnight", "noon" → (tokens, hour, minute).
fn time_of_day(w: &[String], i: usize) -> Option<(usize, u8, u8)> {
    let get = |k: usize| w.get(k).map(String::as_str).unwrap_or("");
    match get(i) {
        "midnight" => return Some((1, 24, 0)),
        "noon" | "midday" => return Some((1, 12, 0)),
        _ => {}
    }
    let s = get(i);
    // "11.59pm", "5:30pm" in one token.
    if let Some(hm) = s.strip_suffix("pm").or_else(|| s.strip_suffix("am"))
        && let Some((hh, mm)) = hm.split_once(['.', ':'])
        && let (Ok(h), Ok(m)) = (hh.parse::<u8>(), mm.parse::<u8>())
    {
        let pm = s.ends_with("pm");
        if (1..=12).contains(&h) && m < 60 && mm.len() == 2 {
            let h = if pm && h != 12 {
                h + 12
            } else if !pm && h == 12 {
                0
            } else {
                h
            };
            return Some((1, h, m));
        }
    }
    let (h, mut len, mut min) = if let Ok(h) = s.parse::<u8>() {
        (h, 1, 0u8)
    } else if let Some(h) = s.strip_suffix("pm").or_else(|| s.strip_suffix("am")).and_then(|h| h.parse::<u8>().ok()) {
        let pm = s.ends_with("pm");
        return (1..=12).contains(&h).then_some((
            1,
            if pm && h != 12 {
                h + 12
            } else if !pm && h == 12 {
                0
            } else {
                h
            },
            0,
        ));
    } else {
        return None;
    };
    if get(i + 1) == ":" {
        min = get(i + 2).get(..2).and_then(|m| m.parse().ok()).filter(|m| *m < 60)?;
        len = 3;
    }
    let mer = get(i + len);
    let pm = matches!(mer, "p.m." | "pm" | "p.m");
    let am = matches!(mer, "a.m." | "am" | "a.m");
    if (pm || am) && (1..=12).contains(&h) {
        let hh = if pm && h != 12 {
            h + 12
        } else if am && h == 12 {
            0
        } else {
            h
        };
        return Some((len + 1, hh, min));
    }
    (len == 3 && h < 24).then_some((3, h, min))
}

#[cfg(test)]
mod tests {
    use super::super::sentences::{sentences, tokenize};
    use super::*;
    use jiff::civil::date;

    fn values(text: &str, r: Date) -> Vec<(String, String)> {
        let toks = tokenize(text);
        let sents = sentences(text);
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
        tag(text, &toks, &sent_of, Some(r), true)
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
}
