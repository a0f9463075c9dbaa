//! Key points: an extractive pick of the few short, informative sentences a decision-maker
//! needs: position in the story, the salient actors and deadlines they carry, centrality
//! (word overlap with the rest of the article), with length limits and redundancy removal.

use std::collections::{HashMap, HashSet};

use crate::text::fold;

/// A sentence chosen as a key point (byte range of its source sentence).
#[derive(Debug, Clone, PartialEq)]
pub struct FoundPoint {
    /// The point's text (the sentence, cleaned and, if needed, shortened).
    pub text: String,
    /// First byte of the source sentence.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Ranking score.
    pub score: f64,
}

/// The longest point, in words.
pub const MAX_POINT_WORDS: usize = 40;

const STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "from", "that", "this", "is",
    "was", "are", "were", "be", "been", "it", "its", "as", "has", "have", "had", "he", "she", "they", "his", "her",
    "their", "said", "says", "but", "not", "will", "would", "which", "who", "also", "after", "about", "than", "more",
    "into", "over", "there", "we", "i", "you",
];

fn content_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1 && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

/// Ranks the sentences and returns up to `n` points in article order.
///
/// `weights` gives, per sentence, the extra weight of the actors and deadlines it mentions.
pub fn pick(text: &str, sentences: &[(usize, usize)], weights: &[f64], n: usize) -> Vec<FoundPoint> {
    let words: Vec<Vec<String>> = sentences.iter().map(|&(s, e)| content_words(&text[s..e])).collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for ws in &words {
        for w in ws.iter().collect::<HashSet<_>>() {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    let total = sentences.len().max(1) as f64;
    let mut scored: Vec<FoundPoint> = Vec::new();
    let mut para_index = 0usize;
    let mut last_para_start = usize::MAX;
    // Paragraph and open-quote state carried from sentence to sentence (one pass, so a huge
    // single paragraph stays linear).
    let mut scanned = 0usize;
    let dateline = super::actors::dateline_end(text);
    let mut para_start = 0usize;
    let mut open_curly = 0i64;
    let mut straight = 0usize;
    for (i, &(s, e)) in sentences.iter().enumerate() {
        let gap = text.get(scanned..s).unwrap_or("");
        if let Some(p) = gap.rfind("\n\n") {
            para_start = scanned + p + 2;
            open_curly = 0;
            straight = 0;
            let tail = &text[para_start..s];
            open_curly += tail.matches('“').count() as i64 - tail.matches('”').count() as i64;
            straight += tail.matches('"').count();
        } else {
            open_curly += gap.matches('“').count() as i64 - gap.matches('”').count() as i64;
            straight += gap.matches('"').count();
        }
        if para_start != last_para_start {
            para_index += 1;
            last_para_start = para_start;
        }
        let inside = open_curly > 0 || straight % 2 == 1;
        let body = &text[s..e];
        open_curly += body.matches('“').count() as i64 - body.matches('”').count() as i64;
        straight += body.matches('"').count();
        scanned = e;
        // The dateline ("Hong Kong (CNN Business)", "LONDON, 9 March –") is no part of a point.
        let sent = clean(if s < dateline && dateline < e { &text[dateline..e] } else { body });
        let n_words = sent.split_whitespace().count();
        // A line without a full stop is a heading or a caption, not a point.
        let whole_paragraph =
            s == para_start && text.get(e..).is_none_or(|rest| rest.is_empty() || rest.starts_with("\n\n"));
        let finished = !whole_paragraph || sent.trim_end_matches(['”', '"', '’', '\'', ')']).ends_with(['.', '!', '?']);
        if n_words < 6 || inside || unbalanced_quotes(&sent) || !finished {
            continue;
        }
        let quote_share = quoted_share(&sent);
        // Centrality: how many of this sentence's words recur across the article.
        let central: f64 =
            words[i].iter().map(|w| (df.get(w.as_str()).copied().unwrap_or(1) as f64 - 1.0).min(4.0)).sum::<f64>()
                / (words[i].len().max(1) as f64);
        let position = 1.0 / (1.0 + 0.35 * i as f64) + if para_index == 1 { 0.6 } else { 0.0 };
        let length = if n_words > 45 {
            -0.6
        } else if n_words < 10 {
            -0.3
        } else {
            0.0
        };
        let opens_with_quote = sent.starts_with(['“', '"', '‘', '\'']);
        let score = 4.0 * position + 0.5 * central + weights.get(i).copied().unwrap_or(0.0) + length
            - 1.2 * quote_share
            - if opens_with_quote { 1.2 } else { 0.0 }
            - 0.02 * (i as f64 / total);
        let text_out = shorten(&compress(&sent));
        scored.push(FoundPoint { text: text_out, start: s, end: e, score });
    }
    scored.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut chosen: Vec<FoundPoint> = Vec::new();
    for p in scored {
        if chosen.len() >= n {
            break;
        }
        let pw: HashSet<String> = content_words(&p.text).into_iter().collect();
        let redundant = chosen.iter().any(|c| {
            let cw: HashSet<String> = content_words(&c.text).into_iter().collect();
            let inter = pw.intersection(&cw).count() as f64;
            inter / (pw.len().min(cw.len()).max(1) as f64) > 0.6
        });
        if !redundant {
            chosen.push(p);
        }
    }
    chosen.sort_by_key(|p| p.start);
    chosen
}

/// Drops what a point can lose without losing facts: bracketed asides, "according to X"
/// tails, "he said" tags and a leading "And"/"But".
fn compress(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let mut out = crate::text::squash_ws(&out).replace(" ,", ",").replace(" .", ".");
    for lead in ["And ", "But ", "However, ", "Meanwhile, ", "However ", "Meanwhile "] {
        if let Some(rest) = out.strip_prefix(lead) {
            let mut cs = rest.chars();
            out = cs.next().map(|c| c.to_uppercase().collect::<String>() + cs.as_str()).unwrap_or_default();
        }
    }
    for tag in [", he said.", ", she said.", ", they said.", ", it said."] {
        if let Some(stem) = out.strip_suffix(tag) {
            out = format!("{stem}.");
        }
    }
    if let Some(p) = out.find(", according to ") {
        let tail = &out[p + 2..];
        if !tail.contains(',') && tail.ends_with('.') {
            out = format!("{}.", &out[..p]);
        }
    }
    out
}

/// Removes a dateline ("LONDON, 17 June – ") and squashes whitespace.
fn clean(s: &str) -> String {
    let s = crate::text::squash_ws(s);
    let head: String = s.chars().take(70).collect();
    let sep = [" – ", " — ", " - "].iter().find_map(|d| head.find(d).map(|p| (p, d.len())));
    if let Some((p, sep_len)) = sep {
        let before = &head[..p];
        let caps = before.chars().filter(|c| c.is_uppercase()).count();
        if caps >= 3
            && before
                .split_whitespace()
                .next()
                .is_some_and(|w| w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
        {
            let rest = s.get(p + sep_len..).unwrap_or("");
            return rest.trim().to_string();
        }
    }
    s
}

/// A sentence that opens or closes a quote it does not contain whole.
fn unbalanced_quotes(s: &str) -> bool {
    s.matches('“').count() != s.matches('”').count() || s.matches('"').count() % 2 == 1
}

fn quoted_share(s: &str) -> f64 {
    let total = s.chars().count().max(1) as f64;
    let mut inside = false;
    let mut count = 0usize;
    for c in s.chars() {
        if matches!(c, '“' | '”' | '"') {
            inside = c == '“' || (c == '"' && !inside);
            continue;
        }
        if inside {
            count += 1;
        }
    }
    count as f64 / total
}

/// Keeps a point under [`MAX_POINT_WORDS`]: cut at the last clause boundary that fits.
fn shorten(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= MAX_POINT_WORDS {
        return s.to_string();
    }
    let mut out = String::new();
    let mut best = String::new();
    for w in words.iter().take(MAX_POINT_WORDS) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        if (w.ends_with(',') || w.ends_with(';')) && out.split_whitespace().count() >= 12 && !inside_quote(&out) {
            best = out.trim_end_matches([',', ';']).to_string();
        }
    }
    if best.is_empty() {
        best = out;
    }
    format!("{}.", best.trim_end_matches(['.', ',', ';']))
}

fn inside_quote(s: &str) -> bool {
    s.matches('“').count() > s.matches('”').count() || s.matches('"').count() % 2 == 1
}
