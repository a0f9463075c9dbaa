//! Sentence and token segmentation that survives news text: abbreviations ("Mr.", "U.S.",
//! "Jan.", "St. Petersburg"), initials, numbers, quotes, datelines and paragraph breaks.
//!
//! Offsets here are bytes into the article text; conversion to characters happens once at
//! the edge of the analysis.

/// A token: a word, number or punctuation mark, by byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Token {
    /// The token's text in `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Splits text into tokens. Words keep inner apostrophes, hyphens, periods of abbreviations
/// ("U.S.") and digits' separators ("1,200.5"); everything else is one-character punctuation.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                let next_is_word = text[j + d.len_utf8()..].chars().next().is_some_and(|n| n.is_alphanumeric());
                let keep = d.is_alphanumeric()
                    || d == '\u{301}'
                    || ((d == '\'' || d == '’' || d == '-' || d == '&') && next_is_word)
                    || (d == '.' && (is_abbrev_continuation(&text[i..j])))
                    || ((d == ',' || d == '.')
                        && text[i..j].chars().all(|x| x.is_ascii_digit() || x == ',' || x == '.')
                        && text[j + 1..].chars().next().is_some_and(|n| n.is_ascii_digit()));
                if !keep {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            out.push(Token { start: i, end });
        } else {
            out.push(Token { start: i, end: i + c.len_utf8() });
        }
    }
    out
}

/// Whether a `.` after `word` belongs to the word (an abbreviation or initial) given what
/// follows it.
fn is_abbrev_continuation(word: &str) -> bool {
    // "U.S." / "p.m." / "a.m.": single letters separated by periods.
    let letters_dots = word.split('.').all(|p| p.chars().count() == 1);
    if letters_dots && word.chars().next().is_some_and(char::is_alphabetic) {
        return true;
    }
    // "Mr.", "Dr.", "Gen.", "Jan.", "Inc.", "Md.": capitalised abbreviations keep their period.
    word.chars().next().is_some_and(char::is_uppercase) && is_abbreviation(word)
}

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "st", "mt",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc",
    "ltd", "co", "corp", "jr", "sr", "approx", "fig", "est", "dept", "univ", "ave", "rev", "hon", "pres",
    // U.S. state abbreviations in datelines ("SILVER SPRING, Md., Feb. 16").
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md",
    "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "vt", "va", "wash",
    "wis", "wyo",
];

/// Whether a word (with or without its period) is an abbreviation such as "Dr." or "Md.".
pub fn is_abbreviation_word(word: &str) -> bool {
    is_abbreviation(word.trim_end_matches('.'))
}

fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
}

fn starts_sentence_word(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "But"
            | "In"
            | "On"
            | "This"
            | "That"
            | "His"
            | "Her"
            | "Its"
            | "Their"
            | "There"
    )
}

/// Splits text into sentences (byte ranges, trimmed). Paragraph breaks always end a sentence.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut para_start = 0;
    for para in text.split("\n\n") {
        let base = para_start;
        para_start += para.len() + 2;
        let toks = tokenize(para);
        let mut start: Option<usize> = None;
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            if start.is_none() {
                start = Some(t.start);
            }
            let s = t.text(para);
            let mut boundary = false;
            let mut end = t.end;
            let is_stop = matches!(s, "." | "!" | "?" | "…");
            let dotted = !is_stop && s.len() > 1 && s.ends_with('.');
            if is_stop || dotted {
                // Closing quotes and brackets belong to the sentence that ends here.
                let mut j = i + 1;
                while j < toks.len() && matches!(toks[j].text(para), "\"" | "”" | "’" | "'" | ")" | "]") {
                    end = toks[j].end;
                    j += 1;
                }
                let next = toks.get(j).map(|n| n.text(para)).unwrap_or("");
                let next_starts = next.is_empty()
                    || next.chars().next().is_some_and(|c| {
                        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '(' | '—' | '–')
                    });
                let prev = if i > 0 && toks[i - 1].end == t.start { toks[i - 1].text(para) } else { "" };
                let ends = if next.is_empty() {
                    true
                } else if s == "." {
                    let company = matches!(prev.to_ascii_lowercase().as_str(), "inc" | "ltd" | "co" | "corp" | "etc");
                    next_starts && (!is_abbreviation(prev) || (company && starts_sentence_word(next)))
                } else if dotted {
                    // "U.S." or "p.m." end a sentence only before a clear sentence opener;
                    // a single initial ("J.") never does.
                    s.chars().count() > 2 && starts_sentence_word(next)
                } else {
                    next_starts
                };
                if ends {
                    boundary = true;
                    i = j - 1;
                }
            }
            if boundary && let Some(st) = start.take() {
                out.push((base + st, base + end));
            }
            i += 1;
        }
        if let (Some(st), Some(last)) = (start, toks.last()) {
            out.push((base + st, base + last.end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn keeps_abbreviations_inside_sentences() {
        let s = split("U.S. special envoy Mr. Witkoff met Gen. Ivanov in St. Petersburg on Jan. 5. Talks went on.");
        assert_eq!(
            s,
            vec!["U.S. special envoy Mr. Witkoff met Gen. Ivanov in St. Petersburg on Jan. 5.", "Talks went on."]
        );
    }

    #[test]
    fn ends_at_us_before_a_sentence_opener_and_keeps_closing_quotes() {
        let s = split("He flew to the U.S. The trip was short. “It went well.” She left.");
        assert_eq!(s, vec!["He flew to the U.S.", "The trip was short.", "“It went well.”", "She left."]);
    }

    #[test]
    fn paragraph_breaks_end_sentences_and_numbers_stay_whole() {
        let s = split("Shares rose 2.5 per cent to 1,200.5 pence\n\nNext paragraph here.");
        assert_eq!(s, vec!["Shares rose 2.5 per cent to 1,200.5 pence", "Next paragraph here."]);
        let t: Vec<&str> =
            tokenize("J. R. Smith's £1.9 billion").iter().map(|t| t.text("J. R. Smith's £1.9 billion")).collect();
        assert_eq!(t, vec!["J.", "R.", "Smith's", "£", "1.9", "billion"]);
    }
}
