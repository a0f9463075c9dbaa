//! Character-offset spans and small text helpers shared by every stage.
//!
//! Offsets in the public data (`extract` JSON, eval files) are Unicode scalar values, end
//! exclusive; Rust strings index by byte. [`CharIndex`] converts between the two once per text.

use serde::{Deserialize, Serialize};

/// A range of characters (Unicode scalar values, end exclusive) in an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (character offsets).
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

/// Maps byte offsets of one string to character offsets and back.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `byte_of_char[i]` is the byte offset of character `i`; one extra entry for the end.
    byte_of_char: Vec<usize>,
}

impl CharIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> Self {
        let mut byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of_char.push(text.len());
        Self { byte_of_char }
    }

    /// The character offset of a byte offset (which must be a char boundary; otherwise the
    /// next character boundary is used).
    pub fn char_of_byte(&self, byte: usize) -> usize {
        match self.byte_of_char.binary_search(&byte) {
            Ok(i) | Err(i) => i,
        }
    }

    /// The byte offset of a character offset, clamped to the end of the text.
    pub fn byte_of_char(&self, ch: usize) -> usize {
        let last = self.byte_of_char.len().saturating_sub(1);
        self.byte_of_char.get(ch.min(last)).copied().unwrap_or(0)
    }

    /// Converts a byte range to a character [`Span`].
    pub fn span(&self, start_byte: usize, end_byte: usize) -> Span {
        Span::new(self.char_of_byte(start_byte), self.char_of_byte(end_byte))
    }

    /// Number of characters in the text.
    pub fn len_chars(&self) -> usize {
        self.byte_of_char.len().saturating_sub(1)
    }
}

/// Lower-casing that keeps every byte offset: a character whose lower case is longer or
/// shorter in UTF-8 ("İ" → "i̇", "ẞ" → "ß") or is several characters stays as it is, so an
/// offset found in the lowered copy is the same offset in the original.
pub trait LowerKeepingOffsets {
    /// The lowered copy, byte for byte as long as the original.
    fn lower_keeping_offsets(&self) -> String;
}

impl LowerKeepingOffsets for str {
    fn lower_keeping_offsets(&self) -> String {
        if self.is_ascii() {
            return self.to_ascii_lowercase();
        }
        let mut out = String::with_capacity(self.len());
        for c in self.chars() {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
                _ => out.push(c),
            }
        }
        out
    }
}

/// Collapses runs of whitespace into one space and trims the ends.
pub fn squash_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-cases and strips accents from the Latin letters most names use, for matching.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ı' => 'i',
            'ł' => 'l',
            'ø' => 'o',
            'đ' => 'd',
            '’' | '‘' => '\'',
            _ => c,
        })
        .collect()
}

/// English month names, January first: the one list every date reader shares (the analysis's
/// times and deadlines, the importer's publication dates).
pub const MONTHS: [&str; 12] = [
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

/// The month number (1–12) of an English month name or abbreviation.
pub fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    for (i, m) in MONTHS.iter().enumerate() {
        if *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept")) {
            return Some(i as i8 + 1);
        }
    }
    None
}

/// English weekday names, Monday first (see [`MONTHS`]).
pub const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Whether a word names a weekday or a month ("Tuesday", "Sept."), in any case.
pub fn is_day_or_month(word: &str) -> bool {
    WEEKDAYS.contains(&fold(word).as_str()) || month_number(word).is_some()
}

/// The byte ranges of the lines that are rows of a table, not prose: lines of two words or
/// more with no word in lower case and no closing punctuation, in a block of such lines one
/// of which holds two numbers or more (a stock widget's "Ticker Security Last Change" and
/// "HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%"). A lone heading stays prose.
pub fn table_lines(text: &str) -> Vec<(usize, usize)> {
    let mut lines: Vec<(usize, usize, bool, bool)> = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let body = line.trim_end();
        let words: Vec<&str> = body.split_whitespace().collect();
        let lower =
            words.iter().any(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()).starts_with(char::is_lowercase));
        let closed = body.ends_with(['.', '!', '?', '"', '”', '’', ':', ';', ',']);
        // "— Rep. Ilhan Omar (@Ilhan) November 19, 2019" signs an embedded post: no row.
        let signed = body.starts_with(['—', '–', '-']);
        let tabular = words.len() >= 2 && !lower && !closed && !signed;
        let numbers = words.iter().filter(|w| w.contains(|c: char| c.is_ascii_digit())).count() >= 2;
        lines.push((start, start + body.len(), tabular, numbers));
        start = end;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].2 {
            i += 1;
            continue;
        }
        let first = i;
        while i < lines.len() && lines[i].2 {
            i += 1;
        }
        if lines[first..i].iter().any(|l| l.3) {
            out.extend(lines[first..i].iter().map(|l| (l.0, l.1)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stock_table_is_no_prose_and_a_heading_is() {
        let text = "Home Depot missed estimates.\n\nTicker Security Last Change Change %\nHD THE HOME DEPOT INC. 225.86 -12.99 -5.44%\n\nBoeing 787 Orders\n\nThe 2019 figures: 12 and 14.\n— Rep. Ann Lee (@AnnLee) November 19, 2019\n";
        let rows: Vec<&str> = table_lines(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(rows, ["Ticker Security Last Change Change %", "HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%"]);
    }

    #[test]
    fn char_index_round_trips_multibyte_text() {
        let text = "Erdoğan – Путин";
        let idx = CharIndex::new(text);
        let b = text.find("Путин").unwrap_or(0);
        assert_eq!(idx.char_of_byte(b), 10);
        assert_eq!(idx.byte_of_char(10), b);
        assert_eq!(idx.len_chars(), 15);
    }

    #[test]
    fn lowering_keeps_offsets_around_letters_that_change_length() {
        let text = "Turkish Minister İbrahim Şahin said ẞ and KELVIN \u{212a}";
        let lower = text.lower_keeping_offsets();
        assert_eq!(lower.len(), text.len());
        assert!(lower.starts_with("turkish minister İbrahim şahin said ẞ and kelvin"), "{lower}");
        assert_eq!(lower.find("şahin"), text.find("Şahin"));
    }

    #[test]
    fn fold_strips_accents_and_case() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Inês Moura"), "ines moura");
    }
}
