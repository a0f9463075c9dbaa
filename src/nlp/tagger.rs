//! Part-of-speech tagger: greedy left to right, an averaged perceptron over word, affix, shape
//! and context features (Ratnaparkhi 1996; Honnibal 2013), predicting UPOS and Penn XPOS as one
//! joint class.

use super::Lex;
use super::model::{BestEpoch, Header, Model, Trainer, argmax, feat, hash_str};

/// A trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
    upos: Vec<String>,
    xpos: Vec<String>,
    hashes: Vec<u64>,
    upos_hashes: Vec<u64>,
}

const START: u64 = 0x0053_5441_5254;

/// The features of word `i` given the two previous predicted tags (as class hashes).
pub fn features(lex: &[Lex], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let w = &lex[i];
    let get = |j: isize| -> Option<&Lex> { usize::try_from(j).ok().and_then(|j| lex.get(j)) };
    let ii = i as isize;
    let (m1, m2, n1, n2) = (get(ii - 1), get(ii - 2), get(ii + 1), get(ii + 2));
    let word = |l: Option<&Lex>| l.map_or(START, |l| l.word);
    out.push(feat(0, &[]));
    out.push(feat(1, &[w.word]));
    out.push(feat(2, &[w.suf[0]]));
    out.push(feat(3, &[w.suf[1]]));
    out.push(feat(4, &[w.suf[2]]));
    out.push(feat(5, &[w.suf[3]]));
    out.push(feat(6, &[w.pre[0]]));
    out.push(feat(7, &[w.pre[1]]));
    out.push(feat(8, &[w.shape]));
    out.push(feat(9, &[p1]));
    out.push(feat(10, &[p1, p2]));
    out.push(feat(11, &[p1, w.word]));
    out.push(feat(12, &[word(m1)]));
    out.push(feat(13, &[m1.map_or(START, |l| l.suf[2])]));
    out.push(feat(14, &[word(m2)]));
    out.push(feat(15, &[word(n1)]));
    out.push(feat(16, &[n1.map_or(START, |l| l.suf[2])]));
    out.push(feat(17, &[word(n2)]));
    out.push(feat(18, &[n1.map_or(START, |l| l.shape)]));
    out.push(feat(19, &[word(m1), w.word]));
    out.push(feat(20, &[w.word, word(n1)]));
    out.push(feat(21, &[p1, w.suf[2]]));
    out.push(feat(22, &[w.form]));
    out.push(feat(23, &[u64::from(i == 0), w.shape]));
    out.push(feat(24, &[n1.map_or(START, |l| l.suf[1]), w.suf[2]]));
    out.push(feat(25, &[m1.map_or(START, |l| l.shape)]));
    out.push(feat(26, &[w.pre[2]]));
    out.push(feat(27, &[p1, w.word, word(n1)]));
    out.push(feat(28, &[w.word, word(n1), word(n2)]));
    out.push(feat(29, &[word(m1), w.word, word(n1)]));
    out.push(feat(30, &[p1, word(n1)]));
    out.push(feat(31, &[w.last_part]));
    out.push(feat(32, &[w.shape, n1.map_or(START, |l| l.shape)]));
}

impl Tagger {
    /// A tagger from its model (classes are "UPOS\tXPOS").
    pub fn new(model: Model) -> Self {
        let mut upos = Vec::new();
        let mut xpos = Vec::new();
        for c in &model.header.classes {
            let (u, x) = c.split_once('\t').unwrap_or((c.as_str(), "_"));
            upos.push(u.to_string());
            xpos.push(x.to_string());
        }
        let hashes = model.header.classes.iter().map(|c| hash_str(c)).collect();
        let upos_hashes = upos.iter().map(|u| hash_str(&format!("UPOS {u}"))).collect();
        Tagger { model, upos, xpos, hashes, upos_hashes }
    }

    /// The model behind it.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags one sentence; returns a class per word.
    pub fn tag(&self, lex: &[Lex]) -> Vec<u16> {
        let mut out = Vec::with_capacity(lex.len());
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0f32; self.model.classes()];
        let (mut p1, mut p2) = (START, START);
        for i in 0..lex.len() {
            features(lex, i, p1, p2, &mut feats);
            scores.iter_mut().for_each(|s| *s = 0.0);
            self.model.score(&feats, &mut scores);
            let c = argmax(&scores, &[]);
            out.push(c as u16);
            p2 = p1;
            p1 = self.hashes[c];
        }
        out
    }

    /// UPOS of a class.
    pub fn upos(&self, class: u16) -> &str {
        self.upos.get(usize::from(class)).map_or("X", String::as_str)
    }

    /// Penn XPOS of a class.
    pub fn xpos(&self, class: u16) -> &str {
        self.xpos.get(usize::from(class)).map_or("_", String::as_str)
    }

    /// The hash the parser and recogniser use for a class's UPOS+XPOS.
    pub fn tag_hash(&self, class: u16) -> u64 {
        self.hashes.get(usize::from(class)).copied().unwrap_or(START)
    }

    /// The hash the parser uses for a class's UPOS alone (the coarse tag its sparser tag
    /// combinations back off to).
    pub fn upos_hash(&self, class: u16) -> u64 {
        self.upos_hashes.get(usize::from(class)).copied().unwrap_or(START)
    }
}

/// One training sentence: its words and gold classes.
pub struct Example {
    /// Word features.
    pub lex: Vec<Lex>,
    /// Gold class per word.
    pub gold: Vec<u16>,
}

/// Trains a tagger for `epochs` passes over `train` (shuffled with `seed`), keeping the epoch
/// that scores best on `dev`; returns the model file bytes and the dev accuracy per epoch.
pub fn train(
    classes: Vec<String>,
    train: &[Example],
    dev: &[Example],
    epochs: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> (Vec<u8>, Vec<f64>) {
    let hashes: Vec<u64> = classes.iter().map(|c| hash_str(c)).collect();
    let n = classes.len();
    let mut t = Trainer::new(n);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = super::Rng(seed);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; n];
    let mut best = BestEpoch::default();
    let mut curve = Vec::new();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut right, mut all) = (0usize, 0usize);
        for &s in &order {
            let ex = &train[s];
            let (mut p1, mut p2) = (START, START);
            for i in 0..ex.lex.len() {
                features(&ex.lex, i, p1, p2, &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                t.score(&feats, &mut scores);
                let guess = argmax(&scores, &[]);
                let truth = usize::from(ex.gold[i]);
                t.tick();
                t.update(&feats, truth, guess);
                right += usize::from(guess == truth);
                all += 1;
                p2 = p1;
                p1 = hashes[guess];
            }
        }
        let header = Header { classes: classes.clone(), notes: Default::default() };
        let bytes = t.to_bytes(header, 0.0);
        let tagger = Tagger::new(Model::from_bytes(&bytes).expect("model just written"));
        let acc = accuracy(&tagger, dev);
        log(format!("tagger epoch {}: train {:.2} %, dev {:.2} %", epoch + 1, 100.0 * right as f64 / all as f64, acc));
        curve.push(acc);
        best.offer(acc, bytes);
    }
    (best.into_bytes(), curve)
}

/// Per cent of words of `dev` whose class is right.
pub fn accuracy(tagger: &Tagger, dev: &[Example]) -> f64 {
    let (mut right, mut all) = (0usize, 0usize);
    for ex in dev {
        let got = tagger.tag(&ex.lex);
        right += got.iter().zip(&ex.gold).filter(|(a, b)| a == b).count();
        all += ex.gold.len();
    }
    100.0 * right as f64 / all.max(1) as f64
}
