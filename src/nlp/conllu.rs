//! CoNLL-U reading and writing: gold-tokenised sentences in (words only: multiword-token
//! ranges and empty nodes are skipped), the same words with predicted UPOS, XPOS, HEAD and
//! DEPREL out.

use std::fmt::Write as _;

use super::{Models, Token};

/// One word line of a CoNLL-U file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// FORM.
    pub form: String,
    /// UPOS ("_" when absent).
    pub upos: String,
    /// XPOS ("_" when absent).
    pub xpos: String,
    /// HEAD (0 = root), as 1-based word number; `None` when absent ("_").
    pub head: Option<usize>,
    /// DEPREL ("_" when absent).
    pub deprel: String,
    /// `SpaceAfter=No` is not in MISC.
    pub space_after: bool,
}

/// A sentence: its comment lines (kept for output) and words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Lines starting with `#`, without the newline.
    pub comments: Vec<String>,
    /// Word lines in order.
    pub words: Vec<Word>,
}

/// A problem in a CoNLL-U file: line number and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

impl std::error::Error for Error {}

/// Reads every sentence of a CoNLL-U text.
pub fn read(text: &str) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            cur.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(Error { line: n + 1, problem: format!("{} columns, CoNLL-U has 10", cols.len()) });
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        if cols[0].parse::<usize>().is_err() {
            return Err(Error { line: n + 1, problem: format!("word id {:?} is not a number", cols[0]) });
        }
        if cols[1].is_empty() {
            return Err(Error { line: n + 1, problem: "empty FORM".into() });
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(h.parse().map_err(|_| Error { line: n + 1, problem: format!("HEAD {h:?} is not a number") })?),
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            space_after: !cols[9].split('|').any(|m| m == "SpaceAfter=No"),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// The words of `sentences` as one text (words joined by a space or by nothing, following
/// SpaceAfter; sentences by a newline), with the tokens and sentence ranges over it.
pub fn as_text(sentences: &[Sentence]) -> (String, Vec<Token>, Vec<std::ops::Range<usize>>) {
    let mut text = String::new();
    let mut tokens = Vec::new();
    let mut ranges = Vec::new();
    for s in sentences {
        let first = tokens.len();
        for (k, w) in s.words.iter().enumerate() {
            let start = text.len();
            text.push_str(&w.form);
            let last = k + 1 == s.words.len();
            tokens.push(Token::from_word(&w.form, start, text.len(), w.space_after || last));
            if w.space_after && !last {
                text.push(' ');
            }
        }
        text.push('\n');
        ranges.push(first..tokens.len());
    }
    (text, tokens, ranges)
}

/// Tags and parses gold-tokenised sentences and writes them back as CoNLL-U with the
/// predicted UPOS, XPOS, HEAD and DEPREL (the FORM column and comments unchanged).
pub fn annotate(models: &Models, sentences: &[Sentence]) -> String {
    let (text, tokens, ranges) = as_text(sentences);
    let doc = models.annotate(&text, tokens, ranges);
    let mut out = String::with_capacity(text.len() * 8);
    for (s, r) in sentences.iter().zip(&doc.sentences) {
        for c in &s.comments {
            out.push_str(c);
            out.push('\n');
        }
        for (k, (w, i)) in s.words.iter().zip(r.clone()).enumerate() {
            let head = doc.heads[i].map_or(0, |h| h - r.start + 1);
            let misc = if w.space_after { "_" } else { "SpaceAfter=No" };
            let _ = writeln!(
                out,
                "{}\t{}\t_\t{}\t{}\t_\t{}\t{}\t_\t{}",
                k + 1,
                w.form,
                models.upos.upos(doc.upos[i]),
                models.tagger.xpos(doc.tags[i]),
                head,
                models.parser().label(doc.deprels[i]),
                misc
            );
        }
        out.push('\n');
    }
    out
}
