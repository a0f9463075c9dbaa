//! Dependency parser: arc-hybrid transitions (Kuhlmann et al. 2011) with the root at the end
//! of the buffer, beam search over an averaged structured perceptron with Zhang & Nivre (2011)
//! style features, trained with the max-violation update (Huang et al. 2012) against a latent
//! gold sequence drawn from the dynamic oracle of Goldberg & Nivre (2013). Labels are
//! predicted jointly with the transition: class 0 is SHIFT, `1 + 2l` LEFT-l, `2 + 2l` RIGHT-l.
//! With [`BEAM`] = 1 it is the greedy parser trained with the dynamic oracle and exploration.

use super::model::{BestEpoch, Header, Model, Trainer, argmax, feat, hash_str};

const NONE: usize = usize::MAX;
const NULL: u64 = 0x4e55_4c4c;
const SHIFT: usize = 0;

/// A trained parser.
#[derive(Debug, Clone)]
pub struct Parser {
    model: Model,
    labels: Vec<String>,
    root_label: usize,
    beam: usize,
}

/// A word as the parser sees it: its word and tag hashes.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    /// Word form hash (folded; numbers by shape).
    pub word: u64,
    /// Tag hash (from the tagger).
    pub tag: u64,
    /// Hash of the tag's UPOS alone.
    pub upos: u64,
}

/// A parse: head per word (`None` for the root) and relation label index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parse {
    /// Head word index, or `None` for the sentence's root.
    pub heads: Vec<Option<usize>>,
    /// Relation label per word (index into [`Parser::label`]).
    pub labels: Vec<u16>,
}

/// The parser's configuration.
struct State {
    n: usize,
    stack: Vec<usize>,
    b: usize,
    heads: Vec<usize>,
    labels: Vec<usize>,
    // Two leftmost and two rightmost children, and their counts, per word (and root).
    l1: Vec<usize>,
    l2: Vec<usize>,
    r1: Vec<usize>,
    r2: Vec<usize>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl Clone for State {
    fn clone(&self) -> Self {
        let mut s = State::new(0);
        s.clone_from(self);
        s
    }

    /// Copies into the existing buffers (the beam reuses its states' allocations).
    fn clone_from(&mut self, o: &Self) {
        self.n = o.n;
        self.b = o.b;
        self.stack.clone_from(&o.stack);
        self.heads.clone_from(&o.heads);
        self.labels.clone_from(&o.labels);
        self.l1.clone_from(&o.l1);
        self.l2.clone_from(&o.l2);
        self.r1.clone_from(&o.r1);
        self.r2.clone_from(&o.r2);
        self.nl.clone_from(&o.nl);
        self.nr.clone_from(&o.nr);
        self.lset.clone_from(&o.lset);
        self.rset.clone_from(&o.rset);
    }
}

impl State {
    fn new(n: usize) -> Self {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            heads: vec![NONE; n + 1],
            labels: vec![0; n + 1],
            l1: vec![NONE; n + 1],
            l2: vec![NONE; n + 1],
            r1: vec![NONE; n + 1],
            r2: vec![NONE; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
        }
    }

    fn done(&self) -> bool {
        self.stack.is_empty() && self.b >= self.n
    }

    fn s(&self, k: usize) -> usize {
        if self.stack.len() > k { self.stack[self.stack.len() - 1 - k] } else { NONE }
    }

    /// Which classes are allowed now.
    fn valid(&self, classes: usize, root_label: usize, out: &mut [bool]) {
        let can_shift = self.b < self.n;
        let can_left = !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1);
        let can_right = self.stack.len() >= 2;
        out[SHIFT] = can_shift;
        for l in 0..(classes - 1) / 2 {
            let root_ok = if self.b >= self.n { l == root_label } else { l != root_label };
            out[1 + 2 * l] = can_left && root_ok;
            out[2 + 2 * l] = can_right && l != root_label;
        }
    }

    fn apply(&mut self, class: usize) {
        if class == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let label = (class - 1) / 2;
        let Some(d) = self.stack.pop() else { return };
        let h = if class % 2 == 1 { self.b } else { self.s(0) };
        if h == NONE {
            return;
        }
        self.heads[d] = h;
        self.labels[d] = label;
        let lh = hash_str_label(label);
        if d < h {
            self.l2[h] = self.l1[h];
            self.l1[h] = d;
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] ^= lh;
        } else {
            self.r2[h] = self.r1[h];
            self.r1[h] = d;
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] ^= lh;
        }
    }
}

#[inline]
fn hash_str_label(label: usize) -> u64 {
    (label as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The features of a configuration.
fn features(st: &State, words: &[Word], out: &mut Vec<u64>) {
    out.clear();
    // A word's value: NULL for no word, a fixed value for the root beyond the buffer's end.
    let get = |i: usize, root: u64, value: fn(&Word) -> u64| {
        if i == NONE {
            NULL
        } else if i >= st.n {
            root
        } else {
            value(&words[i])
        }
    };
    let w = |i: usize| get(i, 1, |x| x.word);
    let t = |i: usize| get(i, 2, |x| x.tag);
    let u = |i: usize| get(i, 3, |x| x.upos);
    let lab = |i: usize| if i == NONE { NULL } else { hash_str_label(st.labels[i]) };
    let child = |v: &Vec<usize>, i: usize| if i == NONE { NONE } else { v[i] };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let b0 = st.b;
    let b1 = if b0 < st.n { b0 + 1 } else { NONE };
    let b2 = if b0 + 2 <= st.n { b0 + 2 } else { NONE };
    let b0 = if b0 <= st.n { b0 } else { NONE };
    let (s0l1, s0l2, s0r1, s0r2) = (child(&st.l1, s0), child(&st.l2, s0), child(&st.r1, s0), child(&st.r2, s0));
    let (b0l1, b0l2) = (child(&st.l1, b0), child(&st.l2, b0));
    let (s1l1, s1r1) = (child(&st.l1, s1), child(&st.r1, s1));
    let (s0w, s0t, s1w, s1t, b0w, b0t) = (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0));
    let (b1w, b1t, b2t) = (w(b1), t(b1), t(b2));
    let dist = if s0 == NONE || b0 == NONE { 0 } else { (b0 - s0).min(6) as u64 };
    let val = |v: &Vec<u8>, i: usize| if i == NONE { 99 } else { u64::from(v[i].min(4)) };
    let f = [
        feat(0, &[]),
        feat(1, &[s0w]),
        feat(2, &[s0t]),
        feat(3, &[s0w, s0t]),
        feat(4, &[s1w]),
        feat(5, &[s1t]),
        feat(6, &[s1w, s1t]),
        feat(7, &[b0w]),
        feat(8, &[b0t]),
        feat(9, &[b0w, b0t]),
        feat(10, &[b1w]),
        feat(11, &[b1t]),
        feat(12, &[b1w, b1t]),
        feat(13, &[b2t]),
        feat(14, &[w(s2), t(s2)]),
        feat(15, &[s0w, s0t, b0w, b0t]),
        feat(16, &[s0w, s0t, b0w]),
        feat(17, &[s0w, b0w, b0t]),
        feat(18, &[s0w, s0t, b0t]),
        feat(19, &[s0t, b0w, b0t]),
        feat(20, &[s0w, b0w]),
        feat(21, &[s0t, b0t]),
        feat(22, &[b0t, b1t]),
        feat(23, &[b0t, b1t, b2t]),
        feat(24, &[s0t, b0t, b1t]),
        feat(25, &[s1t, s0t, b0t]),
        feat(26, &[s0t, t(s0l1), b0t]),
        feat(27, &[s0t, t(s0r1), b0t]),
        feat(28, &[s0t, b0t, t(b0l1)]),
        feat(29, &[s1t, s0t, t(s0r1)]),
        feat(30, &[s0w, dist]),
        feat(31, &[s0t, dist]),
        feat(32, &[b0w, dist]),
        feat(33, &[b0t, dist]),
        feat(34, &[s0w, b0w, dist]),
        feat(35, &[s0t, b0t, dist]),
        feat(36, &[s0w, val(&st.nr, s0)]),
        feat(37, &[s0t, val(&st.nr, s0)]),
        feat(38, &[s0w, val(&st.nl, s0)]),
        feat(39, &[s0t, val(&st.nl, s0)]),
        feat(40, &[b0w, val(&st.nl, b0)]),
        feat(41, &[b0t, val(&st.nl, b0)]),
        feat(42, &[w(s0l1), t(s0l1), lab(s0l1)]),
        feat(43, &[w(s0r1), t(s0r1), lab(s0r1)]),
        feat(44, &[w(b0l1), t(b0l1), lab(b0l1)]),
        feat(45, &[s0t, lab(s0l1), lab(s0l2)]),
        feat(46, &[s0t, lab(s0r1), lab(s0r2)]),
        feat(47, &[b0t, lab(b0l1), lab(b0l2)]),
        feat(48, &[s0t, t(s0l1), t(s0l2)]),
        feat(49, &[s0t, t(s0r1), t(s0r2)]),
        feat(50, &[b0t, t(b0l1), t(b0l2)]),
        feat(51, &[s0w, if s0 == NONE { NULL } else { st.rset[s0] }]),
        feat(52, &[s0t, if s0 == NONE { NULL } else { st.lset[s0] }]),
        feat(53, &[b0t, if b0 == NONE { NULL } else { st.lset[b0] }]),
        feat(54, &[s1t, t(s1l1), s0t]),
        feat(55, &[s1t, t(s1r1), s0t]),
        feat(56, &[s1w, s0w]),
        feat(57, &[s1t, s0t]),
        feat(58, &[s1t, s0t, b1t]),
        feat(59, &[s0w, b0t, b1t]),
        feat(60, &[s0t, b0w, b1t]),
        feat(61, &[b0w, b1w]),
        feat(62, &[b0w, b1t]),
        feat(63, &[b0t, b1w]),
        feat(64, &[s0t, s1t, t(s2)]),
        feat(65, &[w(s0l1)]),
        feat(66, &[w(s0r1)]),
        feat(67, &[w(b0l1)]),
        feat(68, &[s0t, lab(s1r1), s1t]),
        feat(69, &[s0w, s0t, s1t]),
        feat(70, &[s0t, s1w, s1t]),
        feat(71, &[b0w, b0t, b1t]),
        feat(72, &[s0w, b0t, dist]),
        feat(73, &[s0t, b0w, dist]),
        // The same configurations over UPOS, which a wrong fine tag often still gets right.
        feat(74, &[u(s0), u(b0)]),
        feat(75, &[u(s0), u(b0), u(b1)]),
        feat(76, &[u(s1), u(s0), u(b0)]),
        feat(77, &[u(s0), u(s0l1), u(b0)]),
        feat(78, &[u(s0), u(s0r1), u(b0)]),
        feat(79, &[u(b0), u(b1), u(b2)]),
        feat(80, &[s0w, u(b0)]),
        feat(81, &[u(s0), b0w]),
        feat(82, &[u(s0), u(b0), dist]),
        feat(83, &[u(s1), u(s0), u(s2)]),
        feat(84, &[u(s0), u(b0), u(b0l1)]),
        feat(85, &[u(s1), u(s0), lab(s0l1), lab(s0r1)]),
    ];
    out.extend_from_slice(&f);
}

impl Parser {
    /// A parser from its model (classes SHIFT, then LEFT-l / RIGHT-l for each label).
    pub fn new(model: Model) -> Self {
        let labels: Vec<String> = model
            .header
            .classes
            .iter()
            .skip(1)
            .step_by(2)
            .map(|c| c.strip_prefix("L-").unwrap_or(c).to_string())
            .collect();
        let root_label = labels.iter().position(|l| l == "root").unwrap_or(0);
        // Decode with the beam the model was trained with (its header says; older files: BEAM).
        let beam = model
            .header
            .notes
            .get("beam")
            .and_then(serde_json::Value::as_u64)
            .map_or(BEAM, |b| b.clamp(1, 64) as usize);
        Parser { model, labels, root_label, beam }
    }

    /// The model behind it.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Relation name of a label index.
    pub fn label(&self, l: u16) -> &str {
        self.labels.get(usize::from(l)).map_or("dep", String::as_str)
    }

    /// The beam width it decodes with (the one it was trained with).
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// Parses one sentence (beam search of width [`Parser::beam`]).
    pub fn parse(&self, words: &[Word]) -> Parse {
        let classes = self.model.classes();
        let mut search = Search::new(words.len(), classes, self.beam);
        let mut score = |f: &[u64], s: &mut [f32]| self.model.score(f, s);
        while !search.done() {
            search.step(words, self.root_label, &mut score, None);
        }
        finish(search.best_state(), self.root_label)
    }
}

/// Default beam width in training (1 = greedy with the dynamic oracle), and the width a model
/// file without a `beam` note is decoded with. 4 is about 1 UAS point over greedy on EWT dev at
/// roughly half the greedy speed.
pub const BEAM: usize = 4;

/// The smallest averaged weight the beam trainer keeps. It averages per sentence, so its
/// weights run about twenty times the greedy trainer's, and those below 1 are mostly features
/// updated once: on EWT dropping them costs under 0.1 UAS/LAS and leaves a third of the size
/// (31 MB to 11 MB) and a faster parser.
pub const BEAM_MIN_WEIGHT: f32 = 1.0;

/// A step of a transition sequence: the class taken, the previous node, and where the
/// features of the configuration it was taken in sit in the feature arena.
#[derive(Clone, Copy)]
struct Node {
    parent: u32,
    class: u16,
    feats: u32,
}

const ROOT_NODE: u32 = u32::MAX;

/// One hypothesis in the beam.
#[derive(Clone)]
struct Item {
    state: State,
    score: f32,
    node: u32,
    /// Whether every transition so far had zero cost (training only).
    correct: bool,
}

/// Beam search over transition sequences, with the history kept in an arena so that training
/// can replay any hypothesis' features.
struct Search {
    beam: Vec<Item>,
    next: Vec<Item>,
    width: usize,
    classes: usize,
    nodes: Vec<Node>,
    arena: Vec<u64>,
    nfeats: usize,
    /// Arena offset of the features of the hypotheses expanded by the last step.
    base: usize,
    scores: Vec<f32>,
    valid: Vec<bool>,
    costs: Vec<u32>,
    cands: Vec<(f32, u32, u16)>,
    feats: Vec<u64>,
}

impl Search {
    fn new(n: usize, classes: usize, width: usize) -> Self {
        Search {
            beam: vec![Item { state: State::new(n), score: 0.0, node: ROOT_NODE, correct: true }],
            next: Vec::with_capacity(width),
            width: width.max(1),
            classes,
            nodes: Vec::new(),
            arena: Vec::new(),
            nfeats: 0,
            base: 0,
            scores: Vec::new(),
            valid: Vec::new(),
            costs: Vec::new(),
            cands: Vec::new(),
            feats: Vec::with_capacity(96),
        }
    }

    fn done(&self) -> bool {
        self.beam.iter().all(|it| it.state.done())
    }

    fn best_state(&self) -> &State {
        &self.beam[0].state
    }

    /// Expands every hypothesis and keeps the best `width`. With `gold` (heads, labels) it
    /// also records each kept hypothesis' correctness and the per-item scores and costs.
    fn step(
        &mut self,
        words: &[Word],
        root_label: usize,
        score: &mut dyn FnMut(&[u64], &mut [f32]),
        gold: Option<(&[usize], &[usize])>,
    ) {
        let nc = self.classes;
        let k = self.beam.len();
        self.scores.clear();
        self.scores.resize(k * nc, 0.0);
        self.valid.clear();
        self.valid.resize(k * nc, false);
        self.costs.clear();
        self.cands.clear();
        self.base = self.arena.len();
        for (i, it) in self.beam.iter().enumerate() {
            features(&it.state, words, &mut self.feats);
            self.nfeats = self.feats.len();
            let sc = &mut self.scores[i * nc..(i + 1) * nc];
            score(&self.feats, sc);
            let va = &mut self.valid[i * nc..(i + 1) * nc];
            it.state.valid(nc, root_label, va);
            if let Some((h, l)) = gold {
                self.arena.extend_from_slice(&self.feats);
                let at = self.costs.len();
                self.costs.resize(at + nc, 0);
                costs(&it.state, h, l, nc, va, &mut self.costs[at..]);
            }
            // Keep the best `width` candidates, highest score first; on ties the earlier
            // hypothesis and class win, so the search is deterministic.
            for c in 0..nc {
                if !va[c] {
                    continue;
                }
                let total = it.score + sc[c];
                let full = self.cands.len() >= self.width;
                if full && self.cands.last().is_some_and(|l| total.total_cmp(&l.0).is_le()) {
                    continue;
                }
                let pos = self.cands.iter().position(|x| total.total_cmp(&x.0).is_gt()).unwrap_or(self.cands.len());
                if full {
                    self.cands.pop();
                }
                self.cands.insert(pos, (total, i as u32, c as u16));
            }
        }
        let base = self.base;
        for (j, &(sc, i, c)) in self.cands.iter().enumerate() {
            let (i, c) = (i as usize, usize::from(c));
            let it = &self.beam[i];
            if j < self.next.len() {
                self.next[j].state.clone_from(&it.state);
            } else {
                self.next.push(Item { state: it.state.clone(), score: 0.0, node: ROOT_NODE, correct: false });
            }
            let (node, correct) = if gold.is_some() {
                let node = self.nodes.len() as u32;
                self.nodes.push(Node { parent: it.node, class: c as u16, feats: (base + i * self.nfeats) as u32 });
                (node, it.correct && self.costs[i * nc + c] == 0)
            } else {
                (ROOT_NODE, false)
            };
            let next = &mut self.next[j];
            next.state.apply(c);
            next.score = sc;
            next.node = node;
            next.correct = correct;
        }
        self.next.truncate(self.cands.len());
        std::mem::swap(&mut self.beam, &mut self.next);
    }

    /// The (features offset, class) steps leading to `node`, first step first.
    fn path(&self, mut node: u32) -> Vec<(u32, u16)> {
        let mut out = Vec::new();
        while node != ROOT_NODE {
            let nd = self.nodes[node as usize];
            out.push((nd.feats, nd.class));
            node = nd.parent;
        }
        out.reverse();
        out
    }
}

fn finish(st: &State, root_label: usize) -> Parse {
    let n = st.n;
    let mut heads = Vec::with_capacity(n);
    let mut labels = Vec::with_capacity(n);
    // A word left unattached (only possible on a malformed model) hangs from the root.
    let root = (0..n).find(|&i| st.heads[i] == n);
    for i in 0..n {
        let h = st.heads[i];
        if h == n || h == NONE {
            if h == NONE && root.is_some_and(|r| r != i) {
                heads.push(root);
                labels.push(0);
            } else {
                heads.push(None);
                labels.push(root_label as u16);
            }
        } else {
            heads.push(Some(h));
            labels.push(st.labels[i] as u16);
        }
    }
    Parse { heads, labels }
}

/// One training sentence: words and the gold tree (`heads[i] == n` for the root).
pub struct Example {
    /// Words.
    pub words: Vec<Word>,
    /// Gold head per word (`n` = root).
    pub heads: Vec<usize>,
    /// Gold label index per word.
    pub labels: Vec<usize>,
}

/// Whether a tree (heads, `n` = root) is projective.
pub fn projective(heads: &[usize]) -> bool {
    let n = heads.len();
    for d in 0..n {
        let h = heads[d];
        let (a, b) = if d < h { (d, h) } else { (h, d) };
        for k in a + 1..b {
            // Every word between d and h must descend from h.
            let mut x = k;
            let mut steps = 0;
            while x != h && x < n && steps <= n {
                x = heads[x];
                steps += 1;
            }
            if x != h {
                return false;
            }
        }
    }
    true
}

/// The cost of each class in a configuration: how many gold arcs become unreachable.
fn costs(st: &State, gold_heads: &[usize], gold_labels: &[usize], classes: usize, valid: &[bool], out: &mut [u32]) {
    let n = st.n;
    let (s0, s1) = (st.s(0), st.s(1));
    let b = st.b;
    // Dependents of x still in the buffer (b..n).
    let deps_in_buffer = |x: usize| (b..n).filter(|&d| gold_heads[d] == x).count() as u32;
    let shift_cost = if b < n {
        let deps = st.stack.iter().filter(|&&d| gold_heads[d] == b).count() as u32;
        let head = st.stack.iter().rev().skip(1).any(|&h| gold_heads[b] == h) as u32;
        deps + head
    } else {
        u32::MAX
    };
    let (left_cost, right_cost) = if s0 != NONE {
        let deps = deps_in_buffer(s0);
        let g = gold_heads[s0];
        let left = deps + u32::from(g != b && (g == s1 && s1 != NONE || (g > b && g <= n)));
        let right = deps + u32::from(g != s1 && g >= b && g <= n);
        (left, right)
    } else {
        (u32::MAX, u32::MAX)
    };
    out[SHIFT] = shift_cost;
    for l in 0..(classes - 1) / 2 {
        let gl = if s0 != NONE { gold_labels[s0] } else { NONE };
        let lc = if s0 != NONE && gold_heads[s0] == b && l != gl { 1 } else { 0 };
        let rc = if s0 != NONE && s1 != NONE && gold_heads[s0] == s1 && l != gl { 1 } else { 0 };
        out[1 + 2 * l] = left_cost.saturating_add(lc);
        out[2 + 2 * l] = right_cost.saturating_add(rc);
    }
    for (c, v) in valid.iter().enumerate() {
        if !v {
            out[c] = u32::MAX;
        }
    }
}

/// Trains the parser (beam search of `width` and max-violation updates, or with `width` 1
/// greedy with the dynamic oracle); keeps the epoch with the best dev LAS. The beam trainer keeps no
/// averaged weight below [`BEAM_MIN_WEIGHT`]. Returns the model bytes and (UAS, LAS) on dev
/// per epoch.
pub fn train(
    labels: &[String],
    train: &[Example],
    dev: &[Example],
    epochs: usize,
    width: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> (Vec<u8>, Vec<(f64, f64)>) {
    let width = width.max(1);
    let mut classes = vec!["SHIFT".to_string()];
    for l in labels {
        classes.push(format!("L-{l}"));
        classes.push(format!("R-{l}"));
    }
    let nc = classes.len();
    let root_label = labels.iter().position(|l| l == "root").unwrap_or(0);
    let mut t = Trainer::new(nc);
    let mut rng = super::Rng(seed);
    let usable: Vec<usize> = (0..train.len()).filter(|&i| projective(&train[i].heads)).collect();
    log(format!("parser: {} of {} training sentences are projective", usable.len(), train.len()));
    let mut order = usable.clone();
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0f32; nc];
    let mut valid = vec![false; nc];
    let mut cost = vec![0u32; nc];
    let mut best = BestEpoch::default();
    let mut curve = Vec::new();
    let min_weight = if width > 1 { BEAM_MIN_WEIGHT } else { 0.0 };
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let ex = &train[s];
            if width > 1 {
                beam_update(&mut t, ex, nc, root_label, width);
                continue;
            }
            let n = ex.words.len();
            let mut st = State::new(n);
            for _ in 0..2 * n + 2 {
                if st.done() {
                    break;
                }
                features(&st, &ex.words, &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                t.score(&feats, &mut scores);
                st.valid(nc, root_label, &mut valid);
                let guess = argmax(&scores, &valid);
                costs(&st, &ex.heads, &ex.labels, nc, &valid, &mut cost);
                let zero: Vec<bool> = cost.iter().map(|&c| c == 0).collect();
                let next = if zero.iter().any(|&z| z) {
                    let truth = argmax(&scores, &zero);
                    t.tick();
                    if cost[guess] > 0 {
                        t.update(&feats, truth, guess);
                    }
                    // Exploration (Goldberg & Nivre 2012): after the first epoch, follow a
                    // wrong prediction one time in two to learn from the parser's own errors.
                    if cost[guess] > 0 && epoch > 0 && rng.below(2) == 0 { guess } else { truth }
                } else {
                    guess
                };
                st.apply(next);
            }
        }
        let mut notes = serde_json::Map::new();
        notes.insert("beam".into(), width.into());
        let header = Header { classes: classes.clone(), notes };
        let bytes = t.to_bytes(header, min_weight);
        let parser = Parser::new(Model::from_bytes(&bytes).expect("model just written"));
        let (uas, las) = attachment(&parser, dev);
        log(format!("parser epoch {}: dev UAS {uas:.2}, LAS {las:.2}", epoch + 1));
        curve.push((uas, las));
        best.offer(las, bytes);
    }
    (best.into_bytes(), curve)
}

/// One structured perceptron update on `ex` with beam search and the max-violation update
/// (Huang et al. 2012). The gold sequence is latent: the best-scoring zero-cost hypothesis in
/// the beam while there is one, then extended by the best-scoring zero-cost transition.
fn beam_update(t: &mut Trainer, ex: &Example, nc: usize, root_label: usize, width: usize) {
    let n = ex.words.len();
    let mut search = Search::new(n, nc, width);
    let mut gold = Item { state: State::new(n), score: 0.0, node: ROOT_NODE, correct: true };
    // Index of the gold hypothesis in the current beam, if it is there.
    let mut gold_at = Some(0usize);
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0f32; nc];
    let mut valid = vec![false; nc];
    let mut cost = vec![0u32; nc];
    let mut worst: Option<(f32, u32, u32)> = None;
    let heads = &ex.heads[..];
    let labels = &ex.labels[..];
    while !search.done() {
        {
            let mut score = |f: &[u64], s: &mut [f32]| t.score(f, s);
            search.step(&ex.words, root_label, &mut score, Some((heads, labels)));
        }
        // Extend the gold hypothesis by its best zero-cost transition.
        // (No zero-cost transition only happens on a tree the oracle cannot reach: stop there.)
        let (class, fat, add) = if let Some(g) = gold_at {
            let row = &search.scores[g * nc..(g + 1) * nc];
            let c = &search.costs[g * nc..(g + 1) * nc];
            let zero: Vec<bool> = c.iter().map(|&x| x == 0).collect();
            if !zero.contains(&true) {
                break;
            }
            let class = argmax(row, &zero);
            (class, (search.base + g * search.nfeats) as u32, row[class])
        } else {
            features(&gold.state, &ex.words, &mut feats);
            scores.iter_mut().for_each(|s| *s = 0.0);
            t.score(&feats, &mut scores);
            gold.state.valid(nc, root_label, &mut valid);
            costs(&gold.state, heads, labels, nc, &valid, &mut cost);
            let zero: Vec<bool> = cost.iter().map(|&x| x == 0).collect();
            if !zero.contains(&true) {
                break;
            }
            let class = argmax(&scores, &zero);
            let fat = search.arena.len() as u32;
            search.arena.extend_from_slice(&feats);
            (class, fat, scores[class])
        };
        let node = search.nodes.len() as u32;
        search.nodes.push(Node { parent: gold.node, class: class as u16, feats: fat });
        gold.state.apply(class);
        gold.score += add;
        gold.node = node;
        // Prefer a correct hypothesis that survived in the beam (the best one).
        gold_at = search.beam.iter().position(|it| it.correct);
        if let Some(g) = gold_at {
            let it = &search.beam[g];
            gold = it.clone();
        }
        let best = &search.beam[0];
        if !best.correct {
            let v = best.score - gold.score;
            if v >= 0.0 && worst.is_none_or(|(w, _, _)| v > w) {
                worst = Some((v, best.node, gold.node));
            }
        }
    }
    t.tick();
    let Some((_, pred, good)) = worst else { return };
    let (p, g) = (search.path(pred), search.path(good));
    let same = p.iter().zip(&g).take_while(|(a, b)| a.1 == b.1).count();
    let nf = search.nfeats;
    for &(f, c) in &g[same..] {
        let f = f as usize;
        t.add(&search.arena[f..f + nf], usize::from(c), 1.0);
    }
    for &(f, c) in &p[same..] {
        let f = f as usize;
        t.add(&search.arena[f..f + nf], usize::from(c), -1.0);
    }
}

/// UAS and LAS (per cent, punctuation included, as CoNLL 2018 counts them) on `dev`.
pub fn attachment(parser: &Parser, dev: &[Example]) -> (f64, f64) {
    let (mut u, mut l, mut all) = (0usize, 0usize, 0usize);
    for ex in dev {
        let p = parser.parse(&ex.words);
        let n = ex.words.len();
        for i in 0..n {
            let gold = if ex.heads[i] == n { None } else { Some(ex.heads[i]) };
            if p.heads[i] == gold {
                u += 1;
                if usize::from(p.labels[i]) == ex.labels[i] {
                    l += 1;
                }
            }
            all += 1;
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / all.max(1) as f64;
    (pct(u), pct(l))
}

/// The hash of a tag name for [`Word::tag`] when tags come from elsewhere.
pub fn tag_hash(tag: &str) -> u64 {
    hash_str(tag)
}
