//! One sentence read by the whole backbone (tokens, tags, parse) with the questions the
//! analysis asks of it: which token holds a byte, a phrase's head, a word's dependents, a
//! clause's tense. Parsing costs more than anything else the analysis does, so the analysis
//! parses only the sentences a rule needs (those with a deadline candidate or a quote).

use std::ops::Range;

use super::{Lex, models, tokenize};

/// A parsed sentence. Token offsets are bytes in the text the sentence was cut from.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// Token byte ranges in the original text.
    pub spans: Vec<Range<usize>>,
    /// Folded word forms ("said", "u.s.").
    pub words: Vec<String>,
    /// Penn tags ("VBD").
    pub xpos: Vec<&'static str>,
    /// Universal tags ("VERB").
    pub upos: Vec<&'static str>,
    /// Head token per token; `None` for the root.
    pub heads: Vec<Option<usize>>,
    /// UD relation per token ("nsubj", "obl:tmod").
    pub deprels: Vec<&'static str>,
}

/// Parses `text[range]` as one sentence.
pub fn parse(text: &str, range: Range<usize>) -> Sentence {
    let piece = &text[range.clone()];
    let tokens = tokenize::tokenize(piece);
    if tokens.is_empty() {
        return Sentence::default();
    }
    let m = models();
    // Tags and parse only: the recogniser's context (gazetteer marks) is not needed here.
    let lex: Vec<Lex> = tokens.iter().map(|t| Lex::of(t, piece)).collect();
    let tags = m.tagger.tag(&lex);
    let upos = m.upos.tag(&lex);
    // The model's own beam: greedy decoding was measured faster but lost roles and a
    // deadline on the held-out halves.
    let p = m.parser().parse(&m.parser_words(&lex, &tags, &upos));
    Sentence {
        spans: tokens.iter().map(|t| range.start + t.start..range.start + t.end).collect(),
        words: tokens.iter().map(|t| t.norm.clone()).collect(),
        xpos: tags.iter().map(|&t| m.tagger.xpos(t)).collect(),
        upos: upos.iter().map(|&u| m.upos.upos(u)).collect(),
        heads: p.heads,
        deprels: p.labels.iter().map(|&l| m.parser().label(l)).collect(),
    }
}

/// Parses each of `ranges` (byte ranges of `text`) as one sentence, on two threads when there
/// are enough of them: parsing is the dearest step and the sentences are independent. Each
/// thread takes the next sentence not yet taken, so a few long ones do not leave one thread
/// idle. The result is in the order of `ranges`.
pub fn parse_many(text: &str, ranges: &[(usize, usize)]) -> Vec<Sentence> {
    let one = |r: &(usize, usize)| parse(text, r.0..r.1);
    if ranges.len() < 4 {
        return ranges.iter().map(one).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(r) = ranges.get(i) else { return done };
            done.push((i, one(r)));
        }
    };
    let mut all = std::thread::scope(|scope| {
        let other = scope.spawn(work);
        let mut mine = work();
        // A panic in the other thread is the parser's: raise it here rather than lose sentences.
        mine.extend(other.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        mine
    });
    all.sort_unstable_by_key(|&(i, _)| i);
    all.into_iter().map(|(_, s)| s).collect()
}

/// The sentences of one text parsed so far, by byte range, so that the passes that need the
/// same sentence (a quote's attribution is often where an apposition gives a role) parse it once.
#[derive(Debug, Default)]
pub struct Parses {
    done: std::collections::HashMap<(usize, usize), Sentence>,
    /// Where the text's first sentence really starts: after a dateline ("CANBERRA, Australia
    /// (AP)_ Qantas will …"), which the parser would otherwise read as the sentence's head.
    body_start: usize,
    /// The headline's parse (the headline is not part of the text), once asked for.
    title: Option<(String, Sentence)>,
}

impl Parses {
    /// Parses that leave out the text before byte `pos` (a dateline) from the sentence that
    /// holds it.
    pub fn starting_at(pos: usize) -> Parses {
        Parses { body_start: pos, ..Parses::default() }
    }

    /// The bytes actually parsed for sentence `range`.
    fn effective(&self, range: (usize, usize)) -> (usize, usize) {
        if range.0 < self.body_start && self.body_start < range.1 { (self.body_start, range.1) } else { range }
    }

    /// Parses those of `ranges` not parsed yet, side by side ([`parse_many`]).
    pub fn ensure(&mut self, text: &str, ranges: &[(usize, usize)]) {
        let mut missing: Vec<(usize, usize)> = ranges.iter().copied().filter(|r| !self.done.contains_key(r)).collect();
        missing.sort_unstable();
        missing.dedup();
        let effective: Vec<(usize, usize)> = missing.iter().map(|&r| self.effective(r)).collect();
        let parsed = parse_many(text, &effective);
        self.done.extend(missing.into_iter().zip(parsed));
    }

    /// The parse of `text[range]`, parsed now if it was not before.
    pub fn get(&mut self, text: &str, range: (usize, usize)) -> &Sentence {
        let (a, b) = self.effective(range);
        self.done.entry(range).or_insert_with(|| parse(text, a..b))
    }

    /// The parse of a headline, parsed on the first call for it.
    pub fn title(&mut self, title: &str) -> &Sentence {
        if self.title.as_ref().is_none_or(|(t, _)| t != title) {
            self.title = Some((title.to_string(), parse(title, 0..title.len())));
        }
        &self.title.as_ref().expect("set above").1
    }

    /// The parse of `text[range]` if it was parsed.
    pub fn parsed(&self, range: (usize, usize)) -> Option<&Sentence> {
        self.done.get(&range)
    }
}

impl Sentence {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the sentence has no tokens.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The token overlapping byte `pos`, or the first one after it.
    pub fn token_at(&self, pos: usize) -> Option<usize> {
        let i = self.spans.partition_point(|s| s.end <= pos);
        (i < self.len()).then_some(i)
    }

    /// The tokens inside bytes `start..end`.
    pub fn tokens_in(&self, start: usize, end: usize) -> Range<usize> {
        let a = self.spans.partition_point(|s| s.end <= start);
        let b = self.spans.partition_point(|s| s.start < end);
        a..b.max(a)
    }

    /// The head of the phrase over bytes `start..end`: its token whose head lies outside it
    /// (the last such token when the parse splits the phrase).
    pub fn head_of(&self, start: usize, end: usize) -> Option<usize> {
        let r = self.tokens_in(start, end);
        r.clone().rev().find(|&i| self.heads[i].is_none_or(|h| !r.contains(&h)))
    }

    /// The sentence's root (the first token without a head).
    pub fn root(&self) -> Option<usize> {
        (0..self.len()).find(|&k| self.heads[k].is_none())
    }

    /// The dependents of token `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(move |&k| self.heads[k] == Some(i))
    }

    /// The first dependent of `i` with one of the relations (subtypes match their base:
    /// "obl" finds "obl:tmod").
    pub fn child(&self, i: usize, rels: &[&str]) -> Option<usize> {
        self.children(i).find(|&k| rels.iter().any(|r| self.is_rel(k, r)))
    }

    /// Whether token `k`'s relation is `rel` or a subtype of it.
    pub fn is_rel(&self, k: usize, rel: &str) -> bool {
        let d = self.deprels[k];
        d == rel || (d.starts_with(rel) && d.as_bytes().get(rel.len()) == Some(&b':'))
    }

    /// The tokens `i` heads, itself included, as the range from its first to its last.
    pub fn subtree(&self, i: usize) -> Range<usize> {
        let (mut lo, mut hi) = (i, i);
        for k in 0..self.len() {
            if self.dominates(i, k) {
                lo = lo.min(k);
                hi = hi.max(k);
            }
        }
        lo..hi + 1
    }

    /// Whether `a` is `b` or one of its ancestors.
    pub fn dominates(&self, a: usize, b: usize) -> bool {
        let mut k = Some(b);
        let mut steps = 0;
        while let Some(x) = k {
            if x == a {
                return true;
            }
            steps += 1;
            if steps > self.len() {
                return false;
            }
            k = self.heads[x];
        }
        false
    }

    /// The chain of heads above `i` (nearest first).
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut k = self.heads.get(i).copied().flatten();
        let mut steps = 0;
        std::iter::from_fn(move || {
            let x = k?;
            steps += 1;
            if steps > self.len() {
                return None;
            }
            k = self.heads[x];
            Some(x)
        })
    }

    /// Whether token `i` is a verb or auxiliary.
    pub fn is_verb(&self, i: usize) -> bool {
        matches!(self.upos[i], "VERB" | "AUX") || self.xpos[i].starts_with("VB")
    }

    /// The nearest verb governing token `i` (itself when it is one).
    pub fn governing_verb(&self, i: usize) -> Option<usize> {
        std::iter::once(i).chain(self.ancestors(i)).find(|&k| self.is_verb(k))
    }

    /// The tense of the clause headed by verb `v`: `Some(true)` when it speaks of the future
    /// (a modal "will", "must", "would" …, or an infinitive or plan "to" form), `Some(false)`
    /// for a past form with no modal ("set", "had lifted"), `None` for the present.
    pub fn future_tense(&self, v: usize) -> Option<bool> {
        let auxes: Vec<usize> = self.children(v).filter(|&k| self.is_rel(k, "aux")).collect();
        if auxes.iter().any(|&k| self.xpos[k] == "MD" || self.words[k] == "to") {
            return Some(true);
        }
        if self.xpos[v] == "VB" && self.deprels[v] == "xcomp" {
            return Some(true);
        }
        let past_aux = auxes.iter().any(|&k| matches!(self.words[k].as_str(), "had" | "did" | "was" | "were"));
        match self.xpos[v] {
            "VBD" => Some(false),
            "VBN" if past_aux || self.deprels[v] != "acl" => {
                if auxes.iter().any(|&k| matches!(self.words[k].as_str(), "has" | "have" | "is" | "are" | "be"))
                    && !past_aux
                {
                    None
                } else {
                    Some(false)
                }
            }
            _ if past_aux => Some(false),
            _ => None,
        }
    }

    /// The text of tokens `r`, from the original text.
    pub fn text<'t>(&self, text: &'t str, r: Range<usize>) -> &'t str {
        if r.is_empty() || r.end > self.len() {
            return "";
        }
        &text[self.spans[r.start].start..self.spans[r.end - 1].end]
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn heads_tense_and_relations_of_one_sentence() {
        let text = "The rights, which expire Nov. 21, were offered by the company.";
        let s = parse(text, 0..text.len());
        assert!(!s.is_empty());
        let nov = text.find("Nov.").expect("in the text");
        let date = s.head_of(nov, nov + 7).expect("the date has a head");
        let verb = s.governing_verb(date).expect("a verb governs the date");
        assert_eq!(s.words[verb], "expire");
        assert_eq!(s.future_tense(verb), None, "present tense");
        let offered = s.words.iter().position(|w| w == "offered").expect("a word of the sentence");
        assert_eq!(s.future_tense(offered), Some(false));
        let text = "The board will vote on Friday.";
        let s = parse(text, 0..text.len());
        let vote = s.words.iter().position(|w| w == "vote").expect("a word of the sentence");
        assert_eq!(s.future_tense(vote), Some(true));
    }
}
