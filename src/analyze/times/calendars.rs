//! Holidays kept on other calendars: Jewish holidays from the arithmetic Hebrew calendar,
//! Islamic ones from Hijri months that begin after the astronomical new moon, and Orthodox
//! Easter and its feasts from the Julian computus.

use jiff::ToSpan;
use jiff::civil::{Date, DateTime, Weekday};

/// Days since 0001-01-01 (day 1), the "fixed" day count of calendar arithmetic.
fn fixed(d: Date) -> i64 {
    let epoch = Date::new(1, 1, 1).expect("valid");
    i64::from(d.since(epoch).map(|s| s.get_days()).unwrap_or(0)) + 1
}

fn from_fixed(n: i64) -> Option<Date> {
    Date::new(1, 1, 1).ok()?.checked_add((n - 1).days()).ok()
}

// ---------------------------------------------------------------- Hebrew calendar

const HEBREW_EPOCH: i64 = -1_373_427;

fn hebrew_leap(y: i64) -> bool {
    (7 * y + 1).rem_euclid(19) < 7
}

/// Days from the epoch to the molad of Tishrei of year `y`, with the first postponement.
fn hebrew_elapsed(y: i64) -> i64 {
    let months = (235 * y - 234).div_euclid(19);
    let parts = 12_084 + 13_753 * months;
    let days = 29 * months + parts.div_euclid(25_920);
    if (3 * (days + 1)).rem_euclid(7) < 3 { days + 1 } else { days }
}

fn hebrew_new_year(y: i64) -> i64 {
    let (a, b, c) = (hebrew_elapsed(y - 1), hebrew_elapsed(y), hebrew_elapsed(y + 1));
    let correction = if c - b == 356 {
        2
    } else if b - a == 382 {
        1
    } else {
        0
    };
    HEBREW_EPOCH + b + correction
}

/// Month lengths; months are numbered from Nisan (1) to Adar (12) and Adar II (13).
fn hebrew_month_days(m: i64, y: i64) -> i64 {
    let year_days = hebrew_new_year(y + 1) - hebrew_new_year(y);
    let short = matches!(m, 2 | 4 | 6 | 10 | 13)
        || (m == 12 && !hebrew_leap(y))
        || (m == 8 && !matches!(year_days, 355 | 385))
        || (m == 9 && matches!(year_days, 353 | 383));
    if short { 29 } else { 30 }
}

/// The fixed day of a Hebrew date (the year starts in Tishrei, month 7).
fn hebrew_fixed(y: i64, m: i64, d: i64) -> i64 {
    let last = if hebrew_leap(y) { 13 } else { 12 };
    let before: i64 = if m < 7 {
        (7..=last).chain(1..m).map(|k| hebrew_month_days(k, y)).sum()
    } else {
        (7..m).map(|k| hebrew_month_days(k, y)).sum()
    };
    hebrew_new_year(y) + before + d - 1
}

/// The Gregorian day of a Hebrew month and day in Gregorian year `gy`.
fn hebrew_in(gy: i16, m: i64, d: i64) -> Option<Date> {
    let gy64 = i64::from(gy);
    [gy64 + 3760, gy64 + 3761].into_iter().find_map(|hy| {
        // Purim and the like fall in the year's last month: Adar, or Adar II in a leap year.
        let m = if m == 12 && hebrew_leap(hy) { 13 } else { m };
        from_fixed(hebrew_fixed(hy, m, d)).filter(|x| x.year() == gy)
    })
}

/// A Jewish holiday in Gregorian year `y` as its first and last day. Jewish days begin at
/// sundown: with `from_eve` the span starts on the evening before, and a one-day holiday is
/// that evening's day (Hanukkah then counts its eight nights of candles).
fn jewish(name: &str, y: i16, from_eve: bool) -> Option<(Date, Date)> {
    let (m, d, days) = match name {
        "rosh hashanah" => (7, 1, 2),
        "yom kippur" => (7, 10, 1),
        "sukkot" => (7, 15, 8),
        "shemini atzeret" => (7, 22, 1),
        "simchat torah" => (7, 23, 1),
        "hanukkah" => (9, 25, 8),
        "tu bishvat" => (11, 15, 1),
        "purim" => (12, 14, 1),
        "passover" => (1, 15, 8),
        "yom hashoah" => (1, 27, 1),
        "lag baomer" => (2, 18, 1),
        "shavuot" => (3, 6, 2),
        "tisha b'av" => (5, 9, 1),
        _ => return None,
    };
    let mut first = hebrew_in(y, m, d)?;
    match (name, first.weekday()) {
        // A fast that would fall on the Sabbath waits a day.
        ("tisha b'av", Weekday::Saturday) => first = first.tomorrow().ok()?,
        // Holocaust Remembrance Day keeps off the days next to the Sabbath.
        ("yom hashoah", Weekday::Friday) => first = first.yesterday().ok()?,
        ("yom hashoah", Weekday::Sunday) => first = first.tomorrow().ok()?,
        _ => {}
    }
    let mut last = first.checked_add((days - 1).days()).ok()?;
    if from_eve {
        first = first.yesterday().ok()?;
        if days == 1 || name == "hanukkah" {
            last = last.yesterday().ok()?;
        }
    }
    Some((first, last))
}

// ---------------------------------------------------------------- Hijri months

/// The moment of the `k`th new moon after January 2000 (UT to within minutes; Meeus,
/// *Astronomical Algorithms*, ch. 49, main terms).
fn new_moon(k: f64) -> Option<DateTime> {
    let t = k / 1236.85;
    let jde = 2_451_550.097_66 + 29.530_588_861 * k + 0.000_154_37 * t * t - 0.000_000_150 * t.powi(3);
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t * t;
    let m = (2.5534 + 29.105_356_70 * k - 0.000_001_4 * t * t).to_radians();
    let mp = (201.5643 + 385.816_935_28 * k + 0.010_758_2 * t * t + 0.000_012_38 * t.powi(3)).to_radians();
    let f = (160.7108 + 390.670_502_84 * k - 0.001_611_8 * t * t - 0.000_002_27 * t.powi(3)).to_radians();
    let om = (124.7746 - 1.563_755_88 * k + 0.002_067_2 * t * t).to_radians();
    let c = -0.40720 * mp.sin()
        + 0.17241 * e * m.sin()
        + 0.01608 * (2.0 * mp).sin()
        + 0.01039 * (2.0 * f).sin()
        + 0.00739 * e * (mp - m).sin()
        - 0.00514 * e * (mp + m).sin()
        + 0.00208 * e * e * (2.0 * m).sin()
        - 0.00111 * (mp - 2.0 * f).sin()
        - 0.00057 * (mp + 2.0 * f).sin()
        + 0.00056 * e * (2.0 * mp + m).sin()
        - 0.00042 * (3.0 * mp).sin()
        + 0.00042 * e * (m + 2.0 * f).sin()
        + 0.00038 * e * (m - 2.0 * f).sin()
        - 0.00024 * e * (2.0 * mp - m).sin()
        - 0.00017 * om.sin()
        - 0.00007 * (mp + 2.0 * m).sin();
    let seconds = ((jde + c - 2_451_545.0) * 86_400.0).round() as i64;
    let noon = Date::new(2000, 1, 1).ok()?.to_datetime(jiff::civil::Time::new(12, 0, 0, 0).ok()?);
    noon.checked_add(seconds.seconds()).ok()
}

/// The first day of Hijri month `m` of year `hy`: the arithmetic (tabular) calendar places
/// it near the right new moon; the month then begins on the day after that conjunction, or a
/// day later when the conjunction comes after about 16:00 UT, too late for the crescent to
/// be seen that evening in Arabia.
fn hijri_month_start(hy: i64, m: i64) -> Option<Date> {
    let tabular = 1 + (29 * (m - 1) + m / 2) + (hy - 1) * 354 + (3 + 11 * hy).div_euclid(30) + 227_014;
    let approx = from_fixed(tabular)?;
    let days_since_2000 = (tabular - fixed(Date::new(2000, 1, 6).ok()?)) as f64;
    let k0 = (days_since_2000 / 29.530_588_861).round();
    let target = approx.to_datetime(jiff::civil::Time::midnight());
    let conj = [k0 - 1.0, k0, k0 + 1.0]
        .into_iter()
        .filter_map(new_moon)
        .min_by_key(|c| c.duration_since(target).as_secs().abs())?;
    let evening = conj.checked_add(8.hours()).ok()?;
    evening.date().tomorrow().ok()
}

/// The Hijri dates of an Islamic holiday that fall in Gregorian year `y`, as spans.
fn islamic(name: &str, y: i16) -> Option<(Date, Date)> {
    let (m, d) = match name {
        "islamic new year" => (1, 1),
        "ashura" => (1, 10),
        "mawlid" => (3, 12),
        "isra and mi'raj" => (7, 27),
        "ramadan" | "jumu'atul-wida" => (9, 1),
        "laylat al-qadr" => (9, 27),
        "eid al-fitr" => (10, 1),
        "eid al-adha" => (12, 10),
        _ => return None,
    };
    // Hijri years run about eleven days shorter: try the two or three that touch `y`.
    let approx = (i64::from(y) - 622) * 33 / 32;
    for hy in approx - 1..=approx + 2 {
        let start = hijri_month_start(hy, m)?;
        let first = start.checked_add((d - 1).days()).ok()?;
        if first.year() != y {
            continue;
        }
        return match name {
            "ramadan" | "jumu'atul-wida" => {
                let eid = hijri_month_start(hy, m + 1)?;
                if name == "ramadan" {
                    Some((start, eid.yesterday().ok()?))
                } else {
                    // The last Friday of Ramadan, before the feast.
                    let back = (eid.weekday().to_monday_zero_offset() as i64 - 4 - 1).rem_euclid(7) + 1;
                    let friday = eid.checked_sub(back.days()).ok()?;
                    Some((friday, friday))
                }
            }
            _ => Some((first, first)),
        };
    }
    None
}

// ---------------------------------------------------------------- Orthodox Easter

/// Orthodox Easter: the Julian computus, moved to the Gregorian calendar.
fn orthodox_easter(y: i16) -> Option<Date> {
    let y32 = i32::from(y);
    let (a, b, c) = (y32 % 4, y32 % 7, y32 % 19);
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    // The Julian calendar runs 13 days behind from 1900 to 2099 (the century rule gives the gap).
    let gap = y32 / 100 - y32 / 400 - 2;
    Date::new(y, month as i8, day as i8).ok()?.checked_add(i64::from(gap).days()).ok()
}

fn orthodox(name: &str, y: i16) -> Option<(Date, Date)> {
    let e = orthodox_easter(y)?;
    let at = |n: i64| e.checked_add(n.days()).ok();
    let day = |n: i64| at(n).map(|d| (d, d));
    match name {
        "orthodox easter" => day(0),
        "orthodox good friday" => day(-2),
        "clean monday" => day(-48),
        // Great Lent: the forty days from Clean Monday to the Friday before Lazarus Saturday.
        "great lent" => Some((at(-48)?, at(-9)?)),
        _ => None,
    }
}

/// A holiday kept on another calendar, in Gregorian year `y`, as its first and last day.
pub(super) fn holiday_span(name: &str, y: i16, from_eve: bool) -> Option<(Date, Date)> {
    jewish(name, y, from_eve).or_else(|| islamic(name, y)).or_else(|| orthodox(name, y))
}

/// The holiday named at token `i` of the lower-cased words: (tokens, canonical name).
pub(super) fn holiday_name(w: &[String], i: usize) -> Option<(usize, &'static str)> {
    const NAMES: &[(&[&str], &str)] = &[
        (&["rosh", "hashanah"], "rosh hashanah"),
        (&["rosh", "hashana"], "rosh hashanah"),
        (&["rosh", "ha-shanah"], "rosh hashanah"),
        (&["yom", "kippur"], "yom kippur"),
        (&["sukkot"], "sukkot"),
        (&["succot"], "sukkot"),
        (&["feast", "of", "tabernacles"], "sukkot"),
        (&["feast", "of", "booths"], "sukkot"),
        (&["feast", "of", "the", "ingathering"], "sukkot"),
        (&["shemini", "atzeret"], "shemini atzeret"),
        (&["simchat", "torah"], "simchat torah"),
        (&["hanukkah"], "hanukkah"),
        (&["chanukah"], "hanukkah"),
        (&["hanukah"], "hanukkah"),
        (&["hannukkah"], "hanukkah"),
        (&["chanukkah"], "hanukkah"),
        (&["tu", "bishvat"], "tu bishvat"),
        (&["tu", "b'shvat"], "tu bishvat"),
        (&["purim"], "purim"),
        (&["passover"], "passover"),
        (&["pesach"], "passover"),
        (&["yom", "hashoah"], "yom hashoah"),
        (&["holocaust", "remembrance", "day"], "yom hashoah"),
        (&["holocaust", "day"], "yom hashoah"),
        (&["lag", "b'omer"], "lag baomer"),
        (&["lag", "baomer"], "lag baomer"),
        (&["shavuot"], "shavuot"),
        (&["shavuos"], "shavuot"),
        (&["tisha", "b'av"], "tisha b'av"),
        (&["tisha", "be'av"], "tisha b'av"),
        (&["islamic", "new", "year"], "islamic new year"),
        (&["hijri", "new", "year"], "islamic new year"),
        (&["amun", "jadid"], "islamic new year"),
        (&["ashura"], "ashura"),
        (&["mawlid"], "mawlid"),
        (&["isra", "and", "mi'raj"], "isra and mi'raj"),
        (&["the", "prophet's", "ascension"], "isra and mi'raj"),
        (&["ascension", "to", "heaven"], "isra and mi'raj"),
        (&["ramadan"], "ramadan"),
        (&["jumu'atul-wida"], "jumu'atul-wida"),
        (&["jamat", "ul-vida"], "jumu'atul-wida"),
        (&["laylat", "al-qadr"], "laylat al-qadr"),
        (&["night", "of", "power"], "laylat al-qadr"),
        (&["night", "of", "measures"], "laylat al-qadr"),
        (&["eid", "al-fitr"], "eid al-fitr"),
        (&["eid", "ul-fitr"], "eid al-fitr"),
        (&["id", "ul-fitr"], "eid al-fitr"),
        (&["eid", "al-adha"], "eid al-adha"),
        (&["eid", "ul-adha"], "eid al-adha"),
        (&["id", "ul-adha"], "eid al-adha"),
        (&["bakr", "id"], "eid al-adha"),
        (&["bakrid"], "eid al-adha"),
        (&["orthodox", "easter", "sunday"], "orthodox easter"),
        (&["orthodox", "easter"], "orthodox easter"),
        (&["orthodox", "good", "friday"], "orthodox good friday"),
        (&["orthodox", "great", "friday"], "orthodox good friday"),
        (&["clean", "monday"], "clean monday"),
        (&["orthodox", "shrove", "monday"], "clean monday"),
        (&["great", "lent"], "great lent"),
        (&["great", "fast"], "great lent"),
    ];
    // Called at every token: compare without allocating, straightening a curly apostrophe only
    // where there is one.
    let same = |k: usize, x: &str| {
        let s = w.get(k).map(String::as_str).unwrap_or("");
        s == x || (s.contains('’') && s.replace('’', "'") == x)
    };
    match w.get(i).map(String::as_str) {
        Some(
            "amun" | "ascension" | "ashura" | "bakr" | "bakrid" | "chanukah" | "chanukkah" | "clean" | "eid" | "feast"
            | "great" | "hannukkah" | "hanukah" | "hanukkah" | "hijri" | "holocaust" | "id" | "islamic" | "isra"
            | "jamat" | "jumu'atul-wida" | "lag" | "laylat" | "mawlid" | "night" | "orthodox" | "passover" | "pesach"
            | "purim" | "ramadan" | "rosh" | "shavuos" | "shavuot" | "shemini" | "simchat" | "succot" | "sukkot"
            | "the" | "tisha" | "tu" | "yom",
        ) => {}
        Some(s) if s.contains('’') => {}
        _ => return None,
    }
    NAMES
        .iter()
        .filter(|(words, _)| words.iter().enumerate().all(|(n, x)| same(i + n, x)))
        .max_by_key(|(words, _)| words.len())
        .map(|(words, name)| (words.len(), *name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn hebrew_dates() {
        // Rosh Hashanah 5784 began at sundown on 15 September 2023.
        assert_eq!(jewish("rosh hashanah", 2023, false), Some((date(2023, 9, 16), date(2023, 9, 17))));
        assert_eq!(jewish("yom kippur", 2023, false), Some((date(2023, 9, 25), date(2023, 9, 25))));
        assert_eq!(jewish("passover", 2024, true).map(|s| s.0), Some(date(2024, 4, 22)));
        // Purim falls in Adar II in a leap year (5784).
        assert_eq!(jewish("purim", 2024, false).map(|s| s.0), Some(date(2024, 3, 24)));
    }

    #[test]
    fn hijri_and_orthodox_dates() {
        assert_eq!(islamic("eid al-fitr", 2023).map(|s| s.0), Some(date(2023, 4, 21)));
        assert_eq!(islamic("ramadan", 2024), Some((date(2024, 3, 11), date(2024, 4, 9))));
        assert_eq!(orthodox_easter(2023), Some(date(2023, 4, 16)));
        assert_eq!(orthodox_easter(2024), Some(date(2024, 5, 5)));
    }
}
