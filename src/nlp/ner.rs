//! Named-entity recogniser: BILOU labels over tokens (Ratinov & Roth 2009), greedy left to
//! right with the two previous labels, an averaged perceptron over word, affix, shape, tag,
//! gazetteer and document-memory features. Types PER, ORG, LOC and MISC.

use std::collections::HashMap;

use super::Lex;
use super::model::{BestEpoch, Header, Model, Trainer, argmax, feat, hash_str};

/// The entity types, in label order.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// Label names: "O", then B-, I-, L-, U- of each type.
pub fn label_names() -> Vec<String> {
    let mut out = vec!["O".to_string()];
    for t in TYPES {
        for p in ["B", "I", "L", "U"] {
            out.push(format!("{p}-{t}"));
        }
    }
    out
}

const START: u64 = 0x0053_5441_5254;

/// Position inside a label: O, or B/I/L/U of a type.
#[inline]
fn split(label: usize) -> (u8, usize) {
    if label == 0 { (b'O', 0) } else { (b"BILU"[(label - 1) % 4], (label - 1) / 4) }
}

/// Which labels may follow `prev` (BILOU grammar); `last` = this is the sentence's last token.
fn allowed(prev: usize, last: bool, out: &mut [bool]) {
    let (p, pt) = split(prev);
    for (l, slot) in out.iter_mut().enumerate() {
        let (c, t) = split(l);
        let inside = p == b'B' || p == b'I';
        let ok = if inside { (c == b'I' || c == b'L') && t == pt } else { c == b'O' || c == b'B' || c == b'U' };
        *slot = ok && !(last && (c == b'B' || c == b'I'));
    }
}

/// A token's gazetteer evidence: a hash of (kind, position in the matched name) per match.
#[derive(Debug, Clone, Default)]
pub struct Gaz {
    /// Up to two matches (longest first).
    pub tags: [u64; 2],
}

/// Per-token context the recogniser reads besides [`Lex`].
#[derive(Debug, Clone)]
pub struct Context {
    /// Tag hash from the tagger.
    pub tag: u64,
    /// Gazetteer evidence.
    pub gaz: Gaz,
    /// The token starts its sentence.
    pub first: bool,
    /// The sentence is in capitals (a headline).
    pub caps_line: bool,
}

/// The features of token `i` given the two previous labels.
fn features(lex: &[Lex], ctx: &[Context], i: usize, p1: usize, p2: usize, memory: u64, out: &mut Vec<u64>) {
    static_features(lex, ctx, i, memory, out);
    let mut dynamic = Vec::with_capacity(5);
    label_features(lex, ctx, i, p1, p2, &mut dynamic);
    out.extend_from_slice(&dynamic);
}

/// The features of token `i` that read the previous labels.
fn label_features(lex: &[Lex], ctx: &[Context], i: usize, p1: usize, p2: usize, out: &mut Vec<u64>) {
    out.clear();
    let w = &lex[i];
    let next_tag = ctx.get(i + 1).map_or(START, |c| c.tag);
    let (p1, p2) = (p1 as u64, p2 as u64);
    out.extend_from_slice(&[
        feat(21, &[p1]),
        feat(22, &[p1, p2]),
        feat(23, &[p1, w.word]),
        feat(24, &[p1, w.shape]),
        feat(35, &[p1, next_tag]),
    ]);
}

/// The features of token `i` that do not depend on the labels before it.
fn static_features(lex: &[Lex], ctx: &[Context], i: usize, memory: u64, out: &mut Vec<u64>) {
    out.clear();
    let w = &lex[i];
    let c = &ctx[i];
    let ii = i as isize;
    let get = |j: isize| usize::try_from(j).ok().filter(|&j| j < lex.len());
    let word = |j: isize| get(j).map_or(START, |j| lex[j].word);
    let shape = |j: isize| get(j).map_or(START, |j| lex[j].shape);
    let tag = |j: isize| get(j).map_or(START, |j| ctx[j].tag);
    let gaz = |j: isize| get(j).map_or(START, |j| ctx[j].gaz.tags[0]);
    let form = |j: isize| get(j).map_or(START, |j| lex[j].form);
    let suffix = |j: isize| get(j).map_or(START, |j| lex[j].suf[2]);
    let f = [
        feat(0, &[]),
        feat(1, &[w.word]),
        feat(2, &[w.form]),
        feat(3, &[w.shape]),
        feat(4, &[w.suf[1]]),
        feat(5, &[w.suf[2]]),
        feat(6, &[w.suf[3]]),
        feat(7, &[w.pre[1]]),
        feat(8, &[w.pre[2]]),
        feat(9, &[word(ii - 1)]),
        feat(10, &[word(ii + 1)]),
        feat(11, &[word(ii - 2)]),
        feat(12, &[word(ii + 2)]),
        feat(13, &[shape(ii - 1)]),
        feat(14, &[shape(ii + 1)]),
        feat(15, &[shape(ii - 1), w.shape, shape(ii + 1)]),
        feat(16, &[word(ii - 1), w.word]),
        feat(17, &[w.word, word(ii + 1)]),
        feat(18, &[c.tag]),
        feat(19, &[tag(ii - 1), c.tag]),
        feat(20, &[c.tag, tag(ii + 1)]),
        feat(25, &[u64::from(c.first), w.shape]),
        feat(26, &[u64::from(c.first), w.word]),
        feat(27, &[u64::from(c.caps_line), w.shape]),
        feat(28, &[c.gaz.tags[0]]),
        feat(29, &[c.gaz.tags[1]]),
        feat(30, &[gaz(ii - 1)]),
        feat(31, &[gaz(ii + 1)]),
        feat(32, &[c.gaz.tags[0], w.shape]),
        feat(33, &[memory]),
        feat(34, &[memory, w.shape]),
        feat(36, &[shape(ii + 1), word(ii + 1), w.shape]),
        feat(37, &[u64::from(c.caps_line), w.word]),
        feat(38, &[word(ii - 1), shape(ii - 1), w.shape]),
        feat(39, &[form(ii + 1)]),
        feat(40, &[form(ii - 1)]),
        feat(41, &[suffix(ii + 1)]),
        feat(42, &[w.word, shape(ii + 1)]),
    ];
    out.extend_from_slice(&f);
}

/// A trained recogniser.
#[derive(Debug, Clone)]
pub struct Recogniser {
    model: Model,
}

/// An entity: token range in the sentence and type index into [`TYPES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// First token (document-wide index).
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Index into [`TYPES`].
    pub kind: usize,
}

/// Document memory: what type a capitalised form was last given in this document.
#[derive(Debug, Default)]
pub struct Memory {
    seen: HashMap<u64, usize>,
}

impl Memory {
    fn feature(&self, lex: &Lex) -> u64 {
        if !lex.capitalised {
            return 0;
        }
        self.seen.get(&lex.word).map_or(0, |&t| t as u64 + 1)
    }
    fn remember(&mut self, lex: &[Lex], labels: &[usize]) {
        for (l, &lab) in lex.iter().zip(labels) {
            if lab != 0 && l.capitalised {
                self.seen.insert(l.word, split(lab).1);
            }
        }
    }
}

/// How many label sequences decoding keeps.
const BEAM: usize = 4;

/// Labels one sentence: a beam over label sequences. The features read only the two previous
/// labels, so hypotheses that agree on those two are merged (the better one kept). A greedy
/// choice would commit to "B" at "China" in `… hurt China."` and the grammar would then force
/// the quote marks into the name.
fn decode(score: &dyn Fn(&[u64], &mut [f32]), lex: &[Lex], ctx: &[Context], memory: &Memory) -> Vec<usize> {
    #[derive(Clone, Copy)]
    struct Hyp {
        score: f32,
        p1: usize,
        p2: usize,
        back: usize,
    }
    let n_labels = 1 + 4 * TYPES.len();
    let mut fixed = vec![0f32; n_labels];
    let mut scores = vec![0f32; n_labels];
    let mut ok = vec![false; n_labels];
    let mut feats = Vec::with_capacity(48);
    let mut dynamic = Vec::with_capacity(8);
    // Every label chosen, with the index of the one before it.
    let mut trail: Vec<(usize, usize)> = Vec::with_capacity(lex.len() * BEAM);
    let mut beam = vec![Hyp { score: 0.0, p1: 0, p2: 0, back: usize::MAX }];
    let mut candidates: Vec<(f32, usize, usize)> = Vec::with_capacity(BEAM * n_labels);
    for i in 0..lex.len() {
        static_features(lex, ctx, i, memory.feature(&lex[i]), &mut feats);
        fixed.iter_mut().for_each(|s| *s = 0.0);
        score(&feats, &mut fixed);
        candidates.clear();
        for (h, hyp) in beam.iter().enumerate() {
            label_features(lex, ctx, i, hyp.p1, hyp.p2, &mut dynamic);
            scores.copy_from_slice(&fixed);
            score(&dynamic, &mut scores);
            allowed(hyp.p1, i + 1 == lex.len(), &mut ok);
            // Scores after different histories are not comparable as they are (the model was
            // trained one decision at a time): each hypothesis' choices are normalised to log
            // probabilities over all labels, so a label the grammar forces but the model does
            // not believe in ("." inside a name) costs what it should.
            let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let sum: f32 = scores.iter().map(|&s| (s - max).exp()).sum();
            let norm = max + sum.ln();
            candidates.extend((0..n_labels).filter(|&l| ok[l]).map(|l| (hyp.score + scores[l] - norm, h, l)));
        }
        // (hypothesis, label) is unique, so the order is total and an unstable sort exact.
        candidates.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut next: Vec<Hyp> = Vec::with_capacity(BEAM);
        for &(s, h, l) in &candidates {
            if next.len() == BEAM {
                break;
            }
            let p2 = beam[h].p1;
            if next.iter().any(|x| x.p1 == l && x.p2 == p2) {
                continue;
            }
            trail.push((l, beam[h].back));
            next.push(Hyp { score: s, p1: l, p2, back: trail.len() - 1 });
        }
        beam = next;
    }
    let mut out = vec![0; lex.len()];
    let mut at = beam.first().map_or(usize::MAX, |h| h.back);
    for slot in out.iter_mut().rev() {
        let Some(&(l, back)) = trail.get(at) else { break };
        *slot = l;
        at = back;
    }
    out
}

impl Recogniser {
    /// A recogniser from its model.
    pub fn new(model: Model) -> Self {
        Recogniser { model }
    }

    /// The model behind it.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Finds the entities of a document given per sentence (token ranges into `lex`/`ctx`).
    pub fn recognise(&self, lex: &[Lex], ctx: &[Context], sentences: &[std::ops::Range<usize>]) -> Vec<Mention> {
        self.recognise_with(lex, ctx, sentences, &mut Memory::default())
    }

    /// As [`Recogniser::recognise`] for one piece of a longer document: `memory` holds what
    /// earlier pieces taught and learns from this one.
    pub fn recognise_with(
        &self,
        lex: &[Lex],
        ctx: &[Context],
        sentences: &[std::ops::Range<usize>],
        memory: &mut Memory,
    ) -> Vec<Mention> {
        let mut out = Vec::new();
        let score = |f: &[u64], s: &mut [f32]| self.model.score(f, s);
        for r in sentences {
            let (l, c) = (&lex[r.clone()], &ctx[r.clone()]);
            let labels = decode(&score, l, c, memory);
            memory.remember(l, &labels);
            out.extend(spans(&labels).into_iter().map(|(a, b, k)| Mention {
                first: r.start + a,
                end: r.start + b,
                kind: k,
            }));
        }
        out
    }
}

/// Entity spans (start, end, type) of a BILOU label sequence (ill-formed runs are closed).
pub fn spans(labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let (c, t) = split(l);
        match c {
            b'B' => {
                if let Some((s, k)) = open.take() {
                    out.push((s, i, k));
                }
                open = Some((i, t));
            }
            b'I' => {
                if open.is_none_or(|(_, k)| k != t) {
                    if let Some((s, k)) = open.take() {
                        out.push((s, i, k));
                    }
                    open = Some((i, t));
                }
            }
            b'L' => {
                let s = match open.take() {
                    Some((s, k)) if k == t => s,
                    Some((s, k)) => {
                        out.push((s, i, k));
                        i
                    }
                    None => i,
                };
                out.push((s, i + 1, t));
            }
            b'U' => {
                if let Some((s, k)) = open.take() {
                    out.push((s, i, k));
                }
                out.push((i, i + 1, t));
            }
            _ => {
                if let Some((s, k)) = open.take() {
                    out.push((s, i, k));
                }
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, labels.len(), k));
    }
    out
}

/// BILOU labels for gold spans (token ranges with a type index) over `n` tokens.
pub fn bilou(n: usize, spans: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut out = vec![0; n];
    for &(a, b, t) in spans {
        if b <= a || b > n {
            continue;
        }
        let base = 1 + 4 * t;
        if b - a == 1 {
            out[a] = base + 3;
        } else {
            out[a] = base;
            for o in out.iter_mut().take(b - 1).skip(a + 1) {
                *o = base + 1;
            }
            out[b - 1] = base + 2;
        }
    }
    out
}

/// A training document: its tokens, context, sentences and gold labels.
pub struct Example {
    /// Word features.
    pub lex: Vec<Lex>,
    /// Tags, gazetteer, position.
    pub ctx: Vec<Context>,
    /// Sentences as token ranges.
    pub sentences: Vec<std::ops::Range<usize>>,
    /// Gold BILOU label per token.
    pub gold: Vec<usize>,
}

/// Trains the recogniser; keeps the epoch with the best dev F1 (PER/ORG/LOC mentions).
pub fn train(
    train: &[Example],
    dev: &[Example],
    epochs: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> (Vec<u8>, Vec<f64>) {
    let names = label_names();
    let mut t = Trainer::new(names.len());
    let mut rng = super::Rng(seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut best = BestEpoch::default();
    let mut curve = Vec::new();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            let ex = &train[d];
            let mut memory = Memory::default();
            for r in &ex.sentences {
                let (l, c, g) = (&ex.lex[r.clone()], &ex.ctx[r.clone()], &ex.gold[r.clone()]);
                // Greedy with gold history would teach the model to trust its previous labels
                // more than it should; decode with the model's own history instead.
                let mut predicted = Vec::with_capacity(l.len());
                let (mut p1, mut p2) = (0usize, 0usize);
                let mut feats = Vec::new();
                let mut scores = vec![0f32; names.len()];
                for i in 0..l.len() {
                    features(l, c, i, p1, p2, memory.feature(&l[i]), &mut feats);
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    t.score(&feats, &mut scores);
                    // The best label of all, not only of those the grammar allows here: a
                    // label that does not fit its context must lose to the right one too, so
                    // that decoding can weigh the labels after different histories.
                    let guess = argmax(&scores, &[]);
                    t.tick();
                    t.update(&feats, g[i], guess);
                    predicted.push(guess);
                    p2 = p1;
                    p1 = guess;
                }
                memory.remember(l, &predicted);
            }
        }
        let header = Header { classes: names.clone(), notes: Default::default() };
        let bytes = t.to_bytes(header, 0.0);
        let rec = Recogniser::new(Model::from_bytes(&bytes).expect("model just written"));
        let f1 = f1(&rec, dev);
        log(format!("recogniser epoch {}: dev PER/ORG/LOC F1 {f1:.2}", epoch + 1));
        curve.push(f1);
        best.offer(f1, bytes);
    }
    (best.into_bytes(), curve)
}

/// Exact-span F1 (per cent) over PER, ORG and LOC mentions of `dev`.
pub fn f1(rec: &Recogniser, dev: &[Example]) -> f64 {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for ex in dev {
        let got: Vec<(usize, usize, usize)> =
            rec.recognise(&ex.lex, &ex.ctx, &ex.sentences).into_iter().map(|m| (m.first, m.end, m.kind)).collect();
        let gold: Vec<(usize, usize, usize)> = ex
            .sentences
            .iter()
            .flat_map(|r| spans(&ex.gold[r.clone()]).into_iter().map(|(a, b, k)| (r.start + a, r.start + b, k)))
            .collect();
        let keep = |v: &Vec<(usize, usize, usize)>| v.iter().filter(|m| m.2 != 3).cloned().collect::<Vec<_>>();
        let (got, gold) = (keep(&got), keep(&gold));
        np += got.len();
        ng += gold.len();
        tp += got.iter().filter(|m| gold.contains(m)).count();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    if p + r == 0.0 { 0.0 } else { 200.0 * p * r / (p + r) }
}

/// The hash of a gazetteer match for [`Gaz::tags`].
pub fn gaz_hash(kind: &str, position: u8) -> u64 {
    hash_str(kind) ^ u64::from(position).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}
