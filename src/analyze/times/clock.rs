//! Times of day as written: "5 p.m.", "3:15PM", "15h30", "noon", "half past three", "a quarter
//! to noon", "ten thirty am", "3 in the morning"; and how an hour that could be a.m. or p.m. is
//! placed.

/// A time of day found at some token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Clock {
    /// Tokens used.
    pub len: usize,
    /// Hour as written (0..=24; 1..=12 when `meridiem` is given).
    pub hour: u8,
    /// Minute.
    pub minute: u8,
    /// Second, when written.
    pub second: Option<u8>,
    /// `Some(true)` for p.m., `Some(false)` for a.m.
    pub meridiem: Option<bool>,
    /// The hour cannot be read as a.m./p.m. ("17:00", "15h", "noon", "midnight").
    pub fixed: bool,
    /// The form alone says it is a time of day ("5pm", "3:15", "o'clock"); a bare number is not.
    pub strong: bool,
    /// Minutes were written ("3:00", "15h00", "ten thirty").
    pub minutes_written: bool,
    /// The time zone written after it, as minutes east of UTC ("GMT" 0, "PST" -480).
    pub zone: Option<i16>,
}

impl Clock {
    /// Whether the hour could still be a.m. or p.m.
    pub fn ambiguous(&self) -> bool {
        self.meridiem.is_none() && !self.fixed && (1..=12).contains(&self.hour)
    }

    /// The hour on a 24-hour clock (24 = midnight at the end of the day).
    pub fn hour24(&self) -> u8 {
        match self.meridiem {
            Some(true) if self.hour < 12 => self.hour + 12,
            Some(false) if self.hour == 12 => 0,
            _ => self.hour,
        }
    }

    /// Applies a part of the day ("morning", "evening", ...) to an ambiguous hour.
    pub fn with_part(mut self, part: &str) -> Self {
        if self.ambiguous() {
            match part {
                "TMO" => self.meridiem = Some(false),
                "TAF" => self.meridiem = Some(true),
                "TEV" | "TNI" => {
                    if self.hour == 12 {
                        self.hour = 24;
                        self.fixed = true;
                    } else {
                        self.meridiem = Some(true);
                    }
                }
                _ => {}
            }
        }
        self
    }
}

/// Hour words: "one" .. "twelve".
fn hour_word(w: &str) -> Option<u8> {
    const H: [&str; 12] =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    H.iter().position(|h| *h == w).map(|i| i as u8 + 1)
}

/// Minute words: "fifteen", "thirty", "forty-five", "twenty three" (one or two tokens), "oh five".
fn minute_words(w: &[&str]) -> Option<(usize, u8)> {
    // "one" … "nineteen", from the tagger's number words.
    let unit = |s: &str| -> Option<u8> {
        super::NUMBER_WORDS.iter().position(|u| *u == s).filter(|i| (1..20).contains(i)).map(|i| i as u8)
    };
    let tens = |s: &str| -> Option<u8> {
        Some(match s {
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            _ => return None,
        })
    };
    let first = *w.first()?;
    if let Some((a, b)) = first.split_once('-') {
        if let (Some(t), Some(u)) = (tens(a), unit(b).filter(|u| *u < 10)) {
            return Some((1, t + u));
        }
        if matches!(a, "oh" | "zero" | "ou" | "o") {
            return unit(b).filter(|u| *u < 10).map(|u| (1, u));
        }
        return None;
    }
    if matches!(first, "oh" | "zero" | "ou" | "o") {
        return w.get(1).and_then(|s| unit(s)).filter(|u| *u < 10).map(|u| (2, u));
    }
    if let Some(t) = tens(first) {
        if let Some(u) = w.get(1).and_then(|s| unit(s)).filter(|u| *u < 10) {
            return Some((2, t + u));
        }
        return Some((1, t));
    }
    unit(first).filter(|u| *u >= 10).map(|u| (1, u))
}

/// "pm", "p.m.", "a.m", "am", "p" → is p.m.
fn meridiem_word(w: &str) -> Option<bool> {
    match w {
        "pm" | "p.m." | "p.m" => Some(true),
        "am" | "a.m." | "a.m" => Some(false),
        _ => None,
    }
}

/// Splits a meridiem glued to a number: "3pm", "15PM" (lower-cased), "7p".
fn split_meridiem(t: &str) -> (&str, Option<bool>) {
    for (suffix, pm) in [("p.m.", true), ("a.m.", false), ("pm", true), ("am", false), ("p", true)] {
        if let Some(core) = t.strip_suffix(suffix)
            && !core.is_empty()
            && core.chars().last().is_some_and(|c| c.is_ascii_digit())
        {
            return (core, Some(pm));
        }
    }
    (t, None)
}

fn two_digits(s: &str) -> Option<u8> {
    (s.len() == 2 && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse().ok()).flatten().filter(|m| *m < 60)
}

/// The time of day written at token `i` of the lower-cased words `w`, if any.
pub(super) fn clock_at(w: &[&str], i: usize) -> Option<Clock> {
    if let Some(c) = relative(w, i) {
        return Some(c);
    }
    let c = base(w, i)?;
    suffixes(w, i, c)
}

/// "half past 3 pm", "a quarter to noon", "20 minutes past 3pm", "15 minutes from 1pm".
fn relative(w: &[&str], i: usize) -> Option<Clock> {
    let get = |k: usize| w.get(k).copied().unwrap_or("");
    let (n, mut k, word_n) = match get(i) {
        "half" => (30, i + 1, true),
        "quarter" => (15, i + 1, true),
        "a" if get(i + 1) == "quarter" => (15, i + 2, true),
        s => {
            let n = s.parse::<u8>().ok().or_else(|| minute_words(&w[i..]).map(|(_, m)| m))?;
            let len = if s.parse::<u8>().is_ok() { 1 } else { minute_words(&w[i..])?.0 };
            (n, i + len, false)
        }
    };
    if !(1..60).contains(&n) {
        return None;
    }
    let minutes_word = matches!(get(k), "minutes" | "minute" | "mins" | "min");
    if minutes_word {
        k += 1;
    }
    let sign: i32 = match get(k) {
        "past" | "after" => 1,
        "from" if minutes_word => 1,
        "to" | "till" | "before" | "of" if word_n || minutes_word => -1,
        _ => return None,
    };
    let target = {
        let c = base(w, k + 1)?;
        suffixes(w, k + 1, c)?
    };
    // A bare number after "20 past" is fine only with a word prefix or "minutes".
    if !(target.strong || word_n || minutes_word) && hour_word(get(k + 1)).is_none() {
        return None;
    }
    let len = k + 1 - i + target.len;
    if target.meridiem.is_some() || target.fixed {
        let total = i32::from(target.hour24()) * 60 + i32::from(target.minute) + sign * i32::from(n);
        let total = total.rem_euclid(24 * 60);
        return Some(Clock {
            len,
            hour: (total / 60) as u8,
            minute: (total % 60) as u8,
            second: None,
            meridiem: None,
            fixed: true,
            strong: true,
            minutes_written: true,
            zone: target.zone,
        });
    }
    let total = i32::from(target.hour % 12) * 60 + i32::from(target.minute) + sign * i32::from(n);
    let total = total.rem_euclid(12 * 60);
    let hour = (total / 60) as u8;
    Some(Clock {
        len,
        hour: if hour == 0 { 12 } else { hour },
        minute: (total % 60) as u8,
        second: None,
        meridiem: None,
        fixed: false,
        strong: true,
        minutes_written: true,
        zone: target.zone,
    })
}

/// The hour (and minutes) themselves.
fn base(w: &[&str], i: usize) -> Option<Clock> {
    let get = |k: usize| w.get(k).copied().unwrap_or("");
    let mk = |len, hour, minute, fixed, strong, minutes_written| Clock {
        len,
        hour,
        minute,
        second: None,
        meridiem: None,
        fixed,
        strong,
        minutes_written,
        zone: None,
    };
    match get(i) {
        "noon" | "midday" => return Some(mk(1, 12, 0, true, true, false)),
        "mid" if get(i + 1) == "day" => return Some(mk(2, 12, 0, true, true, false)),
        "midnight" => return Some(mk(1, 24, 0, true, true, false)),
        _ => {}
    }
    let t = get(i);
    let t = t.strip_suffix("ish").unwrap_or(t);
    let (core, mer) = split_meridiem(t);
    let with_mer = |mut c: Clock| {
        if mer.is_some() {
            c.meridiem = mer;
            c.strong = true;
        }
        c
    };
    // "15h30", "15h", "3h18".
    if let Some((h, m)) = core.split_once('h')
        && !h.is_empty()
        && h.len() <= 2
        && h.chars().all(|c| c.is_ascii_digit())
    {
        let hour: u8 = h.parse().ok().filter(|h| *h <= 24)?;
        let minute = if m.is_empty() { 0 } else { two_digits(m)? };
        // A 24-hour reading ("15h") is exact to the minute.
        return Some(mk(1, hour, minute, true, true, true));
    }
    // "11.59pm", "5:30pm" in one token (a decimal point only with a.m./p.m.).
    if mer.is_some()
        && let Some((h, m)) = core.split_once(['.', ':'])
        && !h.is_empty()
        && h.len() <= 2
        && h.chars().all(|c| c.is_ascii_digit())
    {
        let hour: u8 = h.parse().ok()?;
        let minute = two_digits(m)?;
        return Some(with_mer(mk(1, hour, minute, false, true, true)));
    }
    // Digits: "5", "17", "05" [":" "30" [":" "24"]].
    if !core.is_empty() && core.len() <= 2 && core.chars().all(|c| c.is_ascii_digit()) {
        let hour: u8 = core.parse().ok().filter(|h| *h <= 24)?;
        let fixed = hour > 12 || hour == 0 || core.starts_with('0');
        if mer.is_none() && get(i + 1) == ":" {
            let mt = get(i + 2);
            let (mcore, mmer) = split_meridiem(mt);
            let minute = two_digits(mcore)?;
            let mut c = mk(3, hour, minute, fixed, true, true);
            c.meridiem = mmer;
            if mmer.is_none() && get(i + 3) == ":" {
                let s = two_digits(get(i + 4))?;
                c.second = Some(s);
                c.len = 5;
            }
            return Some(c);
        }
        return Some(with_mer(mk(1, hour, 0, fixed, false, false)));
    }
    // "1030", "730" (after "at").
    if (3..=4).contains(&core.len()) && core.chars().all(|c| c.is_ascii_digit()) {
        let hour: u8 = core[..core.len() - 2].parse().ok().filter(|h| (1..=12).contains(h))?;
        let minute = two_digits(&core[core.len() - 2..])?;
        return Some(with_mer(mk(1, hour, minute, false, false, true)));
    }
    // Words: "ten", "ten thirty", "ten-thirty", "twelve zero three", "four twenty-three".
    let (first, rest) = t.split_once('-').unwrap_or((t, ""));
    let hour = hour_word(first)?;
    if !rest.is_empty() {
        let rest: Vec<&str> = rest.split('-').collect();
        let (_, m) = minute_words(&rest)?;
        return Some(mk(1, hour, m, false, true, true));
    }
    if let Some((n, m)) = minute_words(&w[(i + 1).min(w.len())..]) {
        return Some(mk(1 + n, hour, m, false, true, true));
    }
    Some(mk(1, hour, 0, false, false, false))
}

/// "ish", "o'clock", "pm", "p m", "in the morning", time zones.
fn suffixes(w: &[&str], i: usize, mut c: Clock) -> Option<Clock> {
    let get = |k: usize| w.get(k).copied().unwrap_or("");
    let mut k = i + c.len;
    if get(k) == "ish" {
        k += 1;
    }
    if matches!(get(k), "o'clock" | "oclock" | "o’clock") {
        c.strong = true;
        k += 1;
    }
    if c.meridiem.is_none() {
        if let Some(pm) = meridiem_word(get(k)) {
            c.meridiem = Some(pm);
            k += 1;
        } else if matches!(get(k), "a" | "p") && get(k + 1) == "m" {
            c.meridiem = Some(get(k) == "p");
            k += 2;
        } else if get(k) == "in" && get(k + 1) == "the" {
            let mer = match get(k + 2) {
                "morning" | "am" | "a.m." => Some(false),
                "afternoon" | "evening" | "pm" | "p.m." => Some(true),
                _ => None,
            };
            if let Some(pm) = mer
                && c.ambiguous()
            {
                c.meridiem = Some(pm);
                k += 3;
            }
        }
        if c.meridiem.is_some() {
            c.strong = true;
        }
    }
    let zone = match get(k) {
        "gmt" | "utc" => Some(0),
        "bst" | "cet" => Some(60),
        "ist" => Some(330),
        "est" | "cdt" => Some(-300),
        "edt" => Some(-240),
        "cst" | "mdt" => Some(-360),
        "mst" | "pdt" => Some(-420),
        "pst" => Some(-480),
        _ => None,
    };
    if zone.is_some() {
        c.zone = zone;
        k += 1;
    }
    c.len = k - i;
    if c.meridiem.is_some() && !(1..=12).contains(&c.hour) {
        return None;
    }
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock(s: &str) -> Option<(usize, u8, u8, bool)> {
        let lower = s.to_lowercase();
        let w: Vec<&str> = lower.split(' ').collect();
        clock_at(&w, 0).map(|c| (c.len, c.hour24(), c.minute, c.strong))
    }

    #[test]
    fn written_times_of_day() {
        assert_eq!(clock("3pm"), Some((1, 15, 0, true)));
        assert_eq!(clock("3 p m"), Some((3, 15, 0, true)));
        assert_eq!(clock("15h30"), Some((1, 15, 30, true)));
        assert_eq!(clock("3 : 15pm"), Some((3, 15, 15, true)));
        assert_eq!(clock("7p"), Some((1, 19, 0, true)));
        assert_eq!(clock("11.59pm"), Some((1, 23, 59, true)));
        assert_eq!(clock("noon"), Some((1, 12, 0, true)));
        assert_eq!(clock("ten thirty am"), Some((3, 10, 30, true)));
        assert_eq!(clock("four twenty-three a m"), Some((4, 4, 23, true)));
        assert_eq!(clock("3 in the afternoon"), Some((4, 15, 0, true)));
        assert_eq!(clock("8 o'clock"), Some((2, 8, 0, true)));
        // A bare number is only a weak candidate; "4a" is no time.
        assert_eq!(clock("5"), Some((1, 5, 0, false)));
        assert_eq!(clock("4a"), None);
    }

    #[test]
    fn times_counted_from_an_hour() {
        assert_eq!(clock("half past 3 pm"), Some((4, 15, 30, true)));
        assert_eq!(clock("a quarter to noon"), Some((4, 11, 45, true)));
        assert_eq!(clock("20 minutes to 2pm"), Some((4, 13, 40, true)));
        assert_eq!(clock("twenty after 3pm"), Some((3, 15, 20, true)));
        assert_eq!(clock("15 minutes from 1pm"), Some((4, 13, 15, true)));
        assert_eq!(clock("two sixty a m").map(|c| c.3), Some(false));
    }
}
