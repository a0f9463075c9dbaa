//! The rule passes' word tokens (times, deadlines and the actor pass match words with their
//! possessives and hyphens attached: "Smith's", "U.S.-led"), and the abbreviation list they
//! share. Sentences come from the backbone's splitter (`crate::nlp::tokenize::sentences`).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_initials_and_possessives_stay_whole() {
        let t: Vec<&str> =
            tokenize("J. R. Smith's £1.9 billion").iter().map(|t| t.text("J. R. Smith's £1.9 billion")).collect();
        assert_eq!(t, vec!["J.", "R.", "Smith's", "£", "1.9", "billion"]);
    }
}
