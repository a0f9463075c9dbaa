//! Publication dates from the strings pages and datelines carry: ISO 8601, RFC 2822,
//! "17 June 2026", "June 17, 2026", and datelines ("VIENNA, 18 October 2026 –").

use jiff::civil::Date;

use crate::text::month_number;

/// Parses a date written in any common machine or human form; `None` when there is no full
/// date (a year is required).
pub fn parse_date_loose(s: &str) -> Option<Date> {
    let s = s.trim();
    // ISO 8601: 2026-06-17, 2026-06-17T08:07:00Z, 2026/06/17
    let digits: Vec<&str> = s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    if digits.len() >= 3
        && digits[0].len() == 4
        && let (Ok(y), Ok(m), Ok(d)) = (digits[0].parse::<i16>(), digits[1].parse::<i8>(), digits[2].parse::<i8>())
        && let Ok(date) = Date::new(y, m, d)
    {
        return Some(date);
    }
    // Words: "Tue, 17 Jun 2026 08:07:00 +0000", "June 17, 2026", "17 June 2026"
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        let Some(month) = month_number(w) else {
            continue;
        };
        let num = |j: usize| -> Option<i64> {
            let t = words.get(j)?.trim_end_matches(['.', ',']);
            let t = t.trim_end_matches("st").trim_end_matches("nd").trim_end_matches("rd").trim_end_matches("th");
            t.parse().ok()
        };
        let (day, year) = match (i.checked_sub(1).and_then(num), num(i + 1), num(i + 2)) {
            (Some(d), Some(y), _) if d <= 31 && y >= 1000 => (d, y),
            (_, Some(d), Some(y)) if d <= 31 && y >= 1000 => (d, y),
            _ => continue,
        };
        if let Ok(date) = Date::new(year as i16, month, day as i8) {
            return Some(date);
        }
    }
    None
}

/// A dateline at the start of an article body ("LONDON, 17 June 2026 –"): the date when it
/// carries a full date with year. "Updated 3 hours ago" and year-less datelines give `None`.
pub fn parse_dateline(first_paragraph: &str) -> Option<Date> {
    let head: String = first_paragraph.chars().take(80).collect();
    let cut = head.find(['–', '—']).or_else(|| head.find(" - "))?;
    let head = &head[..cut];
    if head.to_ascii_lowercase().contains("ago") {
        return None;
    }
    parse_date_loose(head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parses_machine_and_human_dates() {
        assert_eq!(parse_date_loose("2026-06-17T08:07:00Z"), Some(date(2026, 6, 17)));
        assert_eq!(parse_date_loose("Tue, 17 Jun 2026 08:07:00 +0000"), Some(date(2026, 6, 17)));
        assert_eq!(parse_date_loose("June 17, 2026"), Some(date(2026, 6, 17)));
        assert_eq!(parse_date_loose("17th June 2026"), Some(date(2026, 6, 17)));
        assert_eq!(parse_date_loose("31 February 2026"), None);
        assert_eq!(parse_date_loose("Monday"), None);
    }

    #[test]
    fn datelines_need_a_year() {
        assert_eq!(parse_dateline("VIENNA, 18 October 2026 – The talks"), Some(date(2026, 10, 18)));
        assert_eq!(parse_dateline("LONDON, 17 June – Kestrel"), None);
        assert_eq!(parse_dateline("Updated 3 hours ago – x"), None);
    }
}
