//! Linear models over hashed features: the compact read-only [`Model`] the pipeline scores
//! with, the averaged perceptron [`Trainer`] that learns one, and the model file format.
//!
//! A feature is a 64-bit hash of a template number and the values it reads (see [`feat`]).
//! A model maps each kept feature to a short sparse row of (class, weight) pairs; scoring a
//! decision is the sum of the rows of its features.
//!
//! File format (version 3): the magic `BRFM`, a format version (u32 little-endian), a JSON
//! header (u32 length + UTF-8: class names, training notes), the weight scale (f32), the
//! feature count (u32), then four sections of LEB128 varints: the features' keys, rotated right
//! by log2 of the loaded table's size (so the bits that choose a key's slot come first and a
//! reader fills its table in order) and sorted, each as its difference from the one before;
//! each feature's entry count; each entry's class as its difference from the previous class in
//! its row (rows in ascending class order); each entry's quantised weight (i16, zigzag). Each
//! section is a codec byte (0 stored, 1 deflate), its length once decoded and its length in the
//! file (u32 each), then its bytes; a section is deflated only where that saves a fifth of it.
//! The keys are hashes and barely compress, so they are stored: loading the parser inflates
//! 3.5 of its 16 MB instead of all of it (about 0.1 s less at every start).
//!
//! Versions 1 and 2 (read, no longer written) deflated the whole file; version 2 held the same
//! streams, version 1 stored keys as u64, counts as u16 and entries as (u16 class, i16 weight).

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

const MAGIC: &[u8; 4] = b"BRFM";
const VERSION: u32 = 3;
/// Section codecs of version 3.
const STORED: u8 = 0;
const DEFLATED: u8 = 1;

/// Hashes a string (FNV-1a, then a finaliser so similar strings spread).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    finalise(h)
}

#[inline]
fn finalise(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// The key of feature template `template` over the values `parts` (hashes or small numbers).
/// Never 0 (0 marks an empty slot in the model's table).
#[inline]
pub fn feat(template: u32, parts: &[u64]) -> u64 {
    let mut h = finalise(u64::from(template).wrapping_add(0x9e37_79b9_7f4a_7c15));
    for &p in parts {
        h = finalise(h ^ p.wrapping_add(0x9e37_79b9_7f4a_7c15).wrapping_add(h << 6));
    }
    h | 1
}

/// What a model file says about itself besides its weights.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Header {
    /// Class names in class-number order.
    pub classes: Vec<String>,
    /// Free-form facts: training data, epochs, dev scores.
    #[serde(default)]
    pub notes: serde_json::Map<String, serde_json::Value>,
}

/// A feature's slot: its key and its row. Most rows have one or two entries (on the parser,
/// 87 %), and those are kept in the slot itself, so a lookup that finds one touches a single
/// cache line; longer rows are in [`Model::entries`]. `row`, low bits first: two entries of 32
/// bits each (class u16, then weight i16), the second's class [`NO_CLASS`] when there is one;
/// or, when the first class is [`SPILLED`], the row's length (u16) and its first entry (u32).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u64,
    row: u64,
}

/// In a slot: no second entry.
const NO_CLASS: u16 = u16::MAX;
/// In a slot: the row is in the entries array.
const SPILLED: u16 = u16::MAX - 1;

impl Slot {
    fn new(key: u64, row: &[(u16, i16)], spill: &mut Vec<(u16, i16)>) -> Slot {
        let packed = |(c, w): (u16, i16)| u64::from(c) | u64::from(w as u16) << 16;
        let none = packed((NO_CLASS, 0));
        let row = match *row {
            [] => none | none << 32,
            [a] => packed(a) | none << 32,
            [a, b] => packed(a) | packed(b) << 32,
            _ => {
                let start = spill.len() as u64;
                spill.extend_from_slice(row);
                u64::from(SPILLED) | (row.len() as u64) << 16 | start << 32
            }
        };
        Slot { key, row }
    }

    /// Calls `add` with each (class, weight) of the row.
    #[inline]
    fn each(self, spill: &[(u16, i16)], mut add: impl FnMut(u16, i16)) {
        let first = self.row as u16;
        if first == SPILLED {
            let len = (self.row >> 16) as u16 as usize;
            let start = (self.row >> 32) as usize;
            for &(c, w) in spill.get(start..start + len).unwrap_or_default() {
                add(c, w);
            }
            return;
        }
        if first != NO_CLASS {
            add(first, (self.row >> 16) as u16 as i16);
        }
        let second = (self.row >> 32) as u16;
        if second != NO_CLASS {
            add(second, (self.row >> 48) as u16 as i16);
        }
    }
}

/// A read-only linear model with sparse rows, as loaded from a model file.
#[derive(Debug, Clone)]
pub struct Model {
    /// What the file says about itself.
    pub header: Header,
    /// Open-addressing table of (feature key, row); key 0 = empty. Its length is a power of
    /// two.
    slots: Vec<Slot>,
    /// The entries of rows too long for their slot, row after row: (class, quantised weight).
    entries: Vec<(u16, i16)>,
    /// Weight of one quantisation step.
    scale: f32,
    mask: usize,
}

/// Why a model file could not be read.
#[derive(Debug, Clone)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ModelError {}

impl Model {
    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.header.classes.len()
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.slots.iter().filter(|s| s.key != 0).count()
    }

    /// Adds the rows of `feats` into `scores` (length [`Model::classes`]).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        if self.slots.is_empty() {
            return;
        }
        // Find every row first, then add them: the table probes are independent of each
        // other, so their cache misses overlap.
        const CHUNK: usize = 32;
        let mut found = [Slot::default(); CHUNK];
        for part in feats.chunks(CHUNK) {
            let mut m = 0;
            for &f in part {
                if let Some(slot) = self.lookup(f) {
                    found[m] = slot;
                    m += 1;
                }
            }
            for slot in &found[..m] {
                slot.each(&self.entries, |c, w| {
                    if let Some(s) = scores.get_mut(usize::from(c)) {
                        *s += f32::from(w) * self.scale;
                    }
                });
            }
        }
    }

    #[inline]
    fn lookup(&self, key: u64) -> Option<Slot> {
        let mut i = (key as usize) & self.mask;
        loop {
            let s = self.slots[i];
            if s.key == key {
                return Some(s);
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The model file of this model with entries below `min_weight` dropped (pruning after
    /// training: the smallest averaged weights change few decisions and most of the size).
    pub fn to_bytes(&self, min_weight: f32) -> Vec<u8> {
        // The weights as stored (quantised, with the file's scale): writing them back changes
        // nothing but what was dropped.
        let rows: Vec<(u64, Vec<(u16, i16)>)> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|slot| {
                let mut e = Vec::new();
                slot.each(&self.entries, |c, w| {
                    if min_weight <= 0.0 || (f32::from(w) * self.scale).abs() >= min_weight {
                        e.push((c, w));
                    }
                });
                (slot.key, e)
            })
            .filter(|(_, e): &(u64, Vec<(u16, i16)>)| !e.is_empty())
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .collect();
        write_file(&self.header, self.scale, &rows)
    }

    /// Reads a model file (see the module docs for the format).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.starts_with(MAGIC) {
            return Self::read(bytes, true);
        }
        // Versions 1 and 2: the whole file deflated.
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|e| ModelError(format!("not a model file, nor a compressed one: {e}")))?;
        Self::read(&raw, false)
    }

    fn read(buf: &[u8], sectioned: bool) -> Result<Model, ModelError> {
        let mut r = Reader { buf, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err(ModelError("not a briefing model file (wrong magic)".into()));
        }
        let version = r.u32()?;
        if sectioned != (version >= 3) || version > VERSION {
            return Err(ModelError(format!("model format version {version}, this program reads 1 to {VERSION}")));
        }
        let hlen = r.u32()? as usize;
        let header: Header =
            serde_json::from_slice(r.take(hlen)?).map_err(|e| ModelError(format!("model header: {e}")))?;
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        // Every feature takes at least two bytes, so a count beyond that is a damaged file
        // (and no reason to allocate).
        if n > buf.len() / 2 {
            return Err(ModelError(format!("model file claims {n} features in {} bytes", buf.len())));
        }
        let nclasses = header.classes.len();
        let (rows, entries) = if version == 1 {
            read_v1(&mut r, n)?
        } else if version == 2 {
            let streams = [None, None, None, None];
            read_streams(&streams, Reader { buf: &r.buf[r.pos..], pos: 0 }, n)?
        } else {
            let sections = [Some(r.section()?), Some(r.section()?), Some(r.section()?), Some(r.section()?)];
            read_streams(&sections, Reader { buf: &[], pos: 0 }, n)?
        };
        if nclasses >= usize::from(SPILLED) {
            return Err(ModelError(format!("model with {nclasses} classes, this program reads up to {SPILLED}")));
        }
        if let Some(&(c, _)) = entries.iter().find(|&&(c, _)| usize::from(c) >= nclasses) {
            return Err(ModelError(format!("model weight for class {c} of {nclasses}")));
        }
        let size = table_size(n);
        let mut slots = vec![Slot::default(); size];
        let mask = size - 1;
        let mut spill = Vec::new();
        let mut at = 0usize;
        for (key, len) in rows {
            let mut i = (key as usize) & mask;
            while slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            let len = len as usize;
            slots[i] = Slot::new(key, entries.get(at..at + len).unwrap_or_default(), &mut spill);
            at += len;
        }
        Ok(Model { header, slots, entries: spill, scale, mask })
    }
}

/// Rows (key, entry count) and entries of a version 1 file.
fn read_v1(r: &mut Reader, n: usize) -> Result<Rows, ModelError> {
    let mut rows = Vec::with_capacity(n);
    for _ in 0..n {
        let key = r.u64()?;
        let len = r.u16()?;
        rows.push((key, u32::from(len)));
    }
    let total: usize = rows.iter().map(|&(_, l)| l as usize).sum();
    let mut entries = Vec::with_capacity(total.min(r.buf.len() / 4));
    for _ in 0..total {
        let c = r.u16()?;
        entries.push((c, r.i16()?));
    }
    Ok((rows, entries))
}

/// (key, entry count) per feature, and every entry.
type Rows = (Vec<(u64, u32)>, Vec<(u16, i16)>);

/// The four varint streams of versions 2 and 3: from `sections` where the file has them (one
/// decoded buffer each), else one after the other from `whole`.
fn read_streams<'b>(sections: &'b [Option<Cow<[u8]>>; 4], mut whole: Reader<'b>, n: usize) -> Result<Rows, ModelError> {
    let [keys, lens, classes, weights] = sections;
    let bits = table_size(n).trailing_zeros();
    let mut rows = Vec::with_capacity(n);
    {
        let mut own = None;
        let r = stream(keys, &mut whole, &mut own);
        let mut rotated = 0u64;
        for _ in 0..n {
            rotated =
                rotated.checked_add(r.varint()?).ok_or_else(|| ModelError("model feature keys overflow".into()))?;
            rows.push((rotated.rotate_left(bits), 0));
        }
    }
    {
        let mut own = None;
        let r = stream(lens, &mut whole, &mut own);
        for row in &mut rows {
            row.1 = u32::try_from(r.varint()?).map_err(|_| ModelError("model row too long".into()))?;
        }
    }
    let total: usize = rows.iter().map(|&(_, l)| l as usize).sum();
    let mut entries = Vec::new();
    {
        let mut own = None;
        let r = stream(classes, &mut whole, &mut own);
        // Every entry takes at least one byte.
        if total > r.buf.len() {
            return Err(ModelError(format!("model file claims {total} weights in {} bytes", r.buf.len())));
        }
        entries.reserve(total);
        for &(_, len) in &rows {
            let mut c = 0u64;
            for _ in 0..len {
                c += r.varint()?;
                entries.push((u16::try_from(c).unwrap_or(u16::MAX), 0));
            }
        }
    }
    {
        let mut own = None;
        let r = stream(weights, &mut whole, &mut own);
        for e in &mut entries {
            let z = r.varint()?;
            let w = ((z >> 1) as i64) ^ -((z & 1) as i64);
            e.1 = i16::try_from(w).map_err(|_| ModelError("model weight out of range".into()))?;
        }
    }
    Ok((rows, entries))
}

/// A reader over a section's own buffer when there is one, else the whole file's reader.
fn stream<'s, 'b>(
    section: &'b Option<Cow<[u8]>>,
    whole: &'s mut Reader<'b>,
    own: &'s mut Option<Reader<'b>>,
) -> &'s mut Reader<'b> {
    match section {
        Some(buf) => own.insert(Reader { buf, pos: 0 }),
        None => whole,
    }
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        let Some(end) = end else {
            return Err(ModelError("model file is truncated".into()));
        };
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn i16(&mut self) -> Result<i16, ModelError> {
        Ok(i16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    /// A version 3 section, decoded: codec byte, decoded length, length in the file, bytes.
    fn section(&mut self) -> Result<Cow<'a, [u8]>, ModelError> {
        let codec = self.array::<1>()?[0];
        let len = self.u32()? as usize;
        let stored = self.u32()? as usize;
        let bytes = self.take(stored)?;
        match codec {
            STORED if len == stored => Ok(Cow::Borrowed(bytes)),
            DEFLATED => {
                // A claimed length far beyond what deflate can reach is a damaged file.
                if len > stored.saturating_mul(1032) {
                    return Err(ModelError(format!("model section claims {len} bytes from {stored}")));
                }
                let mut out = Vec::with_capacity(len);
                flate2::read::DeflateDecoder::new(bytes)
                    .read_to_end(&mut out)
                    .map_err(|e| ModelError(format!("model section does not inflate: {e}")))?;
                if out.len() != len {
                    return Err(ModelError(format!("model section inflates to {} bytes, not {len}", out.len())));
                }
                Ok(Cow::Owned(out))
            }
            _ => Err(ModelError(format!("model section with codec {codec} and lengths {len}/{stored}"))),
        }
    }

    /// An unsigned LEB128 varint.
    #[inline(always)]
    fn varint(&mut self) -> Result<u64, ModelError> {
        // Fast path, without a bounds check per byte: a varint is at most ten bytes.
        if let Some(b) = self.buf.get(self.pos..self.pos + 10) {
            let mut x = 0u64;
            for (i, &b) in b.iter().enumerate() {
                x |= u64::from(b & 0x7f) << (7 * i);
                if b & 0x80 == 0 {
                    self.pos += i + 1;
                    return Ok(x);
                }
            }
            return Err(malformed());
        }
        self.varint_tail()
    }

    /// [`Reader::varint`] within ten bytes of the end.
    #[cold]
    fn varint_tail(&mut self) -> Result<u64, ModelError> {
        let mut x = 0u64;
        let mut shift = 0;
        while let Some(&b) = self.buf.get(self.pos) {
            self.pos += 1;
            x |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(x);
            }
            shift += 7;
            if shift >= 64 {
                return Err(malformed());
            }
        }
        Err(ModelError("model file is truncated".into()))
    }
}

#[cold]
fn malformed() -> ModelError {
    ModelError("model file has a malformed number".into())
}

/// Slots of the open-addressing table for `n` features: a power of two, at most half full.
fn table_size(n: usize) -> usize {
    (n * 2).next_power_of_two().max(16)
}

fn put_varint(out: &mut Vec<u8>, mut x: u64) {
    loop {
        let b = (x & 0x7f) as u8;
        x >>= 7;
        if x == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Feature keys are already well-mixed hashes: the trainer's table uses them as they are.
#[derive(Debug, Default, Clone, Copy)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// An averaged perceptron (Collins 2002) with lazy averaging: dense rows per feature while
/// training, turned into a pruned, quantised [`Model`] file at the end.
#[derive(Debug)]
pub struct Trainer {
    classes: usize,
    index: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    time: u32,
}

impl Trainer {
    /// A trainer for `classes` classes, all weights zero.
    pub fn new(classes: usize) -> Self {
        Trainer { classes, index: HashMap::default(), w: Vec::new(), total: Vec::new(), stamp: Vec::new(), time: 0 }
    }

    /// Scores of every class for `feats` with the current (not averaged) weights.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for &f in feats {
            if let Some(&row) = self.index.get(&f) {
                let base = row as usize * self.classes;
                for (s, w) in scores.iter_mut().zip(&self.w[base..base + self.classes]) {
                    *s += *w;
                }
            }
        }
    }

    /// Counts one training example (call once per decision, before any update for it).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Moves weights towards `truth` and away from `guess` for these features.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let base = self.row(f);
            self.bump(base + truth, 1.0);
            self.bump(base + guess, -1.0);
        }
    }

    /// Adds `delta` to class `class` of every feature in `feats` (for structured updates:
    /// +1 along the gold sequence, -1 along the predicted one).
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        if class >= self.classes {
            return;
        }
        for &f in feats {
            let base = self.row(f);
            self.bump(base + class, delta);
        }
    }

    /// The first weight of feature `f`'s row, adding the row when it is new.
    fn row(&mut self, f: u64) -> usize {
        let next = self.index.len() as u32;
        let row = *self.index.entry(f).or_insert(next);
        if row == next {
            let n = self.w.len() + self.classes;
            self.w.resize(n, 0.0);
            self.total.resize(n, 0.0);
            self.stamp.resize(n, 0);
        }
        row as usize * self.classes
    }

    /// Changes one weight, bringing its running total (for the average) up to now first.
    fn bump(&mut self, i: usize, delta: f32) {
        self.total[i] += f64::from(self.time - self.stamp[i]) * f64::from(self.w[i]);
        self.stamp[i] = self.time;
        self.w[i] += delta;
    }

    fn averaged(&self, i: usize) -> f32 {
        let t = f64::from(self.time.max(1));
        ((self.total[i] + f64::from(self.time - self.stamp[i]) * f64::from(self.w[i])) / t) as f32
    }

    /// The model file: averaged, pruned (|w| < `min_weight` dropped), quantised, compressed.
    /// Deterministic: rows are written in key order.
    pub fn to_bytes(&self, header: Header, min_weight: f32) -> Vec<u8> {
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = Vec::new();
        for (k, r) in keys {
            let base = r as usize * self.classes;
            let entries: Vec<(u16, f32)> = (0..self.classes)
                .map(|c| (c as u16, self.averaged(base + c)))
                .filter(|&(_, w)| w.abs() >= min_weight && w != 0.0)
                .collect();
            if !entries.is_empty() {
                rows.push((k, entries));
            }
        }
        encode(&header, &rows)
    }
}

/// The model file of the best epoch so far, by its dev score (the first of equal ones).
#[derive(Debug, Default)]
pub struct BestEpoch {
    best: Option<(f64, Vec<u8>)>,
}

impl BestEpoch {
    /// Keeps `bytes` if `score` beats every earlier epoch's.
    pub fn offer(&mut self, score: f64, bytes: Vec<u8>) {
        if self.best.as_ref().is_none_or(|(b, _)| score > *b) {
            self.best = Some((score, bytes));
        }
    }

    /// The best epoch's model file (empty when no epoch ran).
    pub fn into_bytes(self) -> Vec<u8> {
        self.best.map(|(_, b)| b).unwrap_or_default()
    }
}

/// Writes rows (sorted by key) as a compressed model file, weights quantised to i16.
fn encode(header: &Header, rows: &[(u64, Vec<(u16, f32)>)]) -> Vec<u8> {
    let max = rows.iter().flat_map(|(_, e)| e.iter()).fold(0f32, |m, &(_, w)| m.max(w.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let quantised: Vec<(u64, Vec<(u16, i16)>)> = rows
        .iter()
        .map(|(k, e)| (*k, e.iter().map(|&(c, w)| (c, (w / scale).round().clamp(-32767.0, 32767.0) as i16)).collect()))
        .collect();
    write_file(header, scale, &quantised)
}

/// The file format of the module docs, for quantised rows sorted by key.
fn write_file(header: &Header, scale: f32, rows: &[(u64, Vec<(u16, i16)>)]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    let h = serde_json::to_vec(header).expect("a header serialises");
    out.extend_from_slice(&(h.len() as u32).to_le_bytes());
    out.extend_from_slice(&h);
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    // Keys rotated so that the bits that pick a key's slot in the loaded table come first:
    // in this order a reader fills its table front to back.
    let bits = table_size(rows.len()).trailing_zeros();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_unstable_by_key(|&i| rows[i].0.rotate_right(bits));
    let mut keys = Vec::new();
    let mut prev = 0u64;
    for &i in &order {
        let rotated = rows[i].0.rotate_right(bits);
        put_varint(&mut keys, rotated - prev);
        prev = rotated;
    }
    let mut lens = Vec::new();
    for &i in &order {
        put_varint(&mut lens, rows[i].1.len() as u64);
    }
    let sorted: Vec<Vec<(u16, i16)>> = order
        .iter()
        .map(|&i| {
            let mut e = rows[i].1.clone();
            e.sort_unstable();
            e
        })
        .collect();
    let mut classes = Vec::new();
    for e in &sorted {
        let mut c = 0u16;
        for &(class, _) in e {
            put_varint(&mut classes, u64::from(class - c));
            c = class;
        }
    }
    let mut weights = Vec::new();
    for e in &sorted {
        for &(_, q) in e {
            let q = i64::from(q);
            put_varint(&mut weights, ((q << 1) ^ (q >> 63)) as u64);
        }
    }
    for section in [keys, lens, classes, weights] {
        put_section(&mut out, &section);
    }
    out
}

/// One version 3 section: deflated when that saves at least a fifth, else stored (inflating
/// costs more load time than a few bytes of file are worth).
fn put_section(out: &mut Vec<u8>, raw: &[u8]) {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(raw).expect("writing to memory");
    let deflated = enc.finish().expect("writing to memory");
    let (codec, bytes) = if deflated.len() * 5 <= raw.len() * 4 { (DEFLATED, &deflated[..]) } else { (STORED, raw) };
    out.push(codec);
    out.extend_from_slice(&(raw.len() as u32).to_le_bytes());
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// Index of the highest score among the allowed classes (`allowed[c]`), or among all when
/// `allowed` is empty; ties go to the lower class number.
#[inline]
pub fn argmax(scores: &[f32], allowed: &[bool]) -> usize {
    let mut best = usize::MAX;
    let mut best_score = f32::NEG_INFINITY;
    for (c, &s) in scores.iter().enumerate() {
        if (allowed.is_empty() || allowed[c]) && (best == usize::MAX || s > best_score) {
            best = c;
            best_score = s;
        }
    }
    if best == usize::MAX { 0 } else { best }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trained_model_reads_back_and_scores_as_trained() {
        let mut t = Trainer::new(3);
        let a = [feat(1, &[hash_str("a")]), feat(2, &[])];
        let b = [feat(1, &[hash_str("b")]), feat(2, &[])];
        for _ in 0..10 {
            for (fs, truth) in [(&a, 0usize), (&b, 2usize)] {
                t.tick();
                let mut s = [0f32; 3];
                t.score(fs, &mut s);
                let guess = argmax(&s, &[]);
                t.update(fs, truth, guess);
            }
        }
        let header = Header { classes: vec!["x".into(), "y".into(), "z".into()], ..Header::default() };
        let m = Model::from_bytes(&t.to_bytes(header.clone(), 0.0)).expect("a model just written reads back");
        assert_eq!(m.header, header);
        for (fs, truth) in [(&a, 0usize), (&b, 2usize)] {
            let mut s = [0f32; 3];
            m.score(fs, &mut s);
            assert_eq!(argmax(&s, &[]), truth);
        }
        assert_eq!(t.to_bytes(header.clone(), 0.0), t.to_bytes(header, 0.0), "deterministic");
    }

    /// What formats 1 and 2 wrote before their rows (the whole file was then deflated): magic,
    /// version, header length and JSON, scale, feature count.
    fn legacy_prefix(version: u32, header: &Header, scale: f32, features: usize) -> Vec<u8> {
        let h = serde_json::to_vec(header).expect("header");
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&version.to_le_bytes());
        raw.extend_from_slice(&(h.len() as u32).to_le_bytes());
        raw.extend_from_slice(&h);
        raw.extend_from_slice(&scale.to_le_bytes());
        raw.extend_from_slice(&(features as u32).to_le_bytes());
        raw
    }

    #[test]
    fn format_1_files_still_read() {
        // One feature with two entries, as format 1 wrote it.
        let header = Header { classes: vec!["a".into(), "b".into()], ..Header::default() };
        let mut raw = legacy_prefix(1, &header, 0.5, 1);
        let key = feat(7, &[hash_str("x")]);
        raw.extend_from_slice(&key.to_le_bytes());
        raw.extend_from_slice(&2u16.to_le_bytes());
        for (c, w) in [(0u16, 4i16), (1, -2)] {
            raw.extend_from_slice(&c.to_le_bytes());
            raw.extend_from_slice(&w.to_le_bytes());
        }
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&raw).expect("memory");
        let v1 = enc.finish().expect("memory");
        let m = Model::from_bytes(&v1).expect("format 1 reads");
        let mut s = [0f32; 2];
        m.score(&[key], &mut s);
        assert_eq!(s, [2.0, -1.0]);
        // Written back in the current format, it scores the same.
        let m2 = Model::from_bytes(&m.to_bytes(0.0)).expect("format 3 reads");
        let mut s2 = [0f32; 2];
        m2.score(&[key], &mut s2);
        assert_eq!(s, s2);
    }

    #[test]
    fn rows_in_their_slot_and_spilled_rows_score_alike() {
        // Rows of one, two, three and five entries: the first two live in the table's slot,
        // the others in the entries array; all score exactly their weights.
        let classes: Vec<String> = (0..6).map(|c| format!("c{c}")).collect();
        let header = Header { classes, ..Header::default() };
        let rows: Vec<(u64, Vec<(u16, i16)>)> = (1..=5u16)
            .filter(|&n| n != 4)
            .map(|n| (feat(9, &[u64::from(n)]), (0..n).map(|c| (c, 3 * c as i16 - 4)).collect()))
            .collect();
        let m = Model::from_bytes(&write_file(&header, 0.5, &rows)).expect("format 3 reads");
        assert_eq!(m.features(), rows.len());
        for (key, entries) in &rows {
            let mut s = [0f32; 6];
            m.score(&[*key], &mut s);
            let mut want = [0f32; 6];
            for &(c, w) in entries {
                want[usize::from(c)] = f32::from(w) * 0.5;
            }
            assert_eq!(s, want, "row of {} entries", entries.len());
        }
        // The same rows as format 2 wrote them (the whole file deflated, streams in a row).
        let mut raw = legacy_prefix(2, &header, 0.5, rows.len());
        let bits = table_size(rows.len()).trailing_zeros();
        let mut sorted = rows.clone();
        sorted.sort_by_key(|(k, _)| k.rotate_right(bits));
        let mut prev = 0;
        for (k, _) in &sorted {
            put_varint(&mut raw, k.rotate_right(bits) - prev);
            prev = k.rotate_right(bits);
        }
        for (_, e) in &sorted {
            put_varint(&mut raw, e.len() as u64);
        }
        for (_, e) in &sorted {
            let mut c = 0;
            for &(class, _) in e {
                put_varint(&mut raw, u64::from(class - c));
                c = class;
            }
        }
        for (_, e) in &sorted {
            for &(_, q) in e {
                let q = i64::from(q);
                put_varint(&mut raw, ((q << 1) ^ (q >> 63)) as u64);
            }
        }
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&raw).expect("memory");
        let v2 = Model::from_bytes(&enc.finish().expect("memory")).expect("format 2 reads");
        for (key, _) in &rows {
            let (mut a, mut b) = ([0f32; 6], [0f32; 6]);
            m.score(&[*key], &mut a);
            v2.score(&[*key], &mut b);
            assert_eq!(a, b);
        }
        assert_eq!(v2.to_bytes(0.0), m.to_bytes(0.0), "written back alike");
    }

    #[test]
    fn a_section_that_lies_about_its_length_is_refused() {
        let header = Header { classes: vec!["a".into(), "b".into()], ..Header::default() };
        let rows = vec![(feat(1, &[]), vec![(0u16, 5i16), (1, -5)])];
        let good = write_file(&header, 1.0, &rows);
        assert!(Model::from_bytes(&good).is_ok());
        // The first section's decoded length, one more than it is.
        let at = 4 + 4 + 4 + serde_json::to_vec(&header).expect("header").len() + 4 + 4 + 1;
        let mut bad = good.clone();
        bad[at] = bad[at].wrapping_add(1);
        let e = Model::from_bytes(&bad).expect_err("a damaged section");
        assert!(e.0.contains("section"), "{}", e.0);
    }

    #[test]
    fn damaged_model_files_are_refused_by_name() {
        assert!(Model::from_bytes(b"not a model").is_err());
        let t = Trainer::new(2);
        let bytes = t.to_bytes(Header { classes: vec!["a".into(), "b".into()], ..Header::default() }, 0.0);
        assert!(Model::from_bytes(&bytes).is_ok());
        assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }
}
