//! The bundled fonts (Noto Serif and Noto Sans, OFL-1.1, in `assets/fonts`) and text shaping
//! with rustybuzz (kerning, ligatures, exact advances).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// Serif or sans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Family {
    /// Noto Serif.
    Serif,
    /// Noto Sans.
    Sans,
}

/// One of the eight bundled faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FontKey {
    /// Family.
    pub family: Family,
    /// Bold weight.
    pub bold: bool,
    /// Italic style.
    pub italic: bool,
}

impl FontKey {
    /// The regular face of a family.
    pub fn regular(family: Family) -> Self {
        Self { family, bold: false, italic: false }
    }

    /// Index 0–7 into [`FACES`].
    pub fn index(self) -> usize {
        (match self.family {
            Family::Serif => 0,
            Family::Sans => 4,
        }) + usize::from(self.bold) * 2
            + usize::from(self.italic)
    }

    /// All eight faces.
    pub fn all() -> [FontKey; 8] {
        let mut out = [FontKey::regular(Family::Serif); 8];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = FontKey {
                family: if i < 4 { Family::Serif } else { Family::Sans },
                bold: i % 4 >= 2,
                italic: i % 2 == 1,
            };
        }
        out
    }
}

/// Font files, in [`FontKey::index`] order.
pub const FACES: [&[u8]; 8] = [
    include_bytes!("../../assets/fonts/NotoSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/NotoSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoSerif-BoldItalic.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Italic.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-BoldItalic.ttf"),
];

/// A shaped glyph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Advance in points.
    pub advance: f32,
    /// The characters this glyph stands for (several for a ligature, empty for a mark).
    pub text: String,
}

fn faces() -> &'static [Option<rustybuzz::Face<'static>>; 8] {
    static F: OnceLock<[Option<rustybuzz::Face<'static>>; 8]> = OnceLock::new();
    F.get_or_init(|| FACES.map(|bytes| rustybuzz::Face::from_slice(bytes, 0)))
}

/// Shapes `text` in a face at `size` points.
pub fn shape(key: FontKey, text: &str, size: f32) -> Vec<Glyph> {
    let Some(face) = faces()[key.index()].as_ref() else {
        return Vec::new();
    };
    let scale = size / face.units_per_em() as f32;
    let mut buf = rustybuzz::UnicodeBuffer::new();
    buf.push_str(text);
    buf.guess_segment_properties();
    let out = with_plan(key.index(), face, buf, |plan, buf| rustybuzz::shape_with_plan(face, plan, buf));
    let infos = out.glyph_infos();
    let pos = out.glyph_positions();
    let mut glyphs = Vec::with_capacity(infos.len());
    for (i, (info, p)) in infos.iter().zip(pos).enumerate() {
        let start = info.cluster as usize;
        // The cluster's text runs to the next glyph's different cluster.
        let end = infos[i + 1..].iter().map(|g| g.cluster as usize).find(|&c| c != start).unwrap_or(text.len());
        let same_cluster_before = i > 0 && infos[i - 1].cluster as usize == start;
        let t =
            if same_cluster_before { String::new() } else { text.get(start..end.max(start)).unwrap_or("").to_string() };
        glyphs.push(Glyph { id: info.glyph_id as u16, advance: p.x_advance as f32 * scale, text: t });
    }
    glyphs
}

/// Runs `f` with the shaping plan for the buffer's face, direction, script and language,
/// compiled once per thread (compiling it was a third of the time of shaping a word).
fn with_plan<R>(
    face_index: usize,
    face: &rustybuzz::Face<'static>,
    buf: rustybuzz::UnicodeBuffer,
    f: impl FnOnce(&rustybuzz::ShapePlan, rustybuzz::UnicodeBuffer) -> R,
) -> R {
    type Key = (usize, u8, u32, Option<String>);
    thread_local! {
        static PLANS: std::cell::RefCell<std::collections::HashMap<Key, rustybuzz::ShapePlan>> =
            std::cell::RefCell::default();
    }
    let direction = buf.direction();
    let script = buf.script();
    let script = (script != rustybuzz::script::UNKNOWN).then_some(script);
    let language = buf.language();
    let dir = match direction {
        rustybuzz::Direction::LeftToRight => 0,
        rustybuzz::Direction::RightToLeft => 1,
        rustybuzz::Direction::TopToBottom => 2,
        rustybuzz::Direction::BottomToTop => 3,
        rustybuzz::Direction::Invalid => 4,
    };
    let key: Key =
        (face_index, dir, script.map_or(0, |s| s.tag().0), language.as_ref().map(|l| l.as_str().to_string()));
    PLANS.with(|plans| {
        let mut plans = plans.borrow_mut();
        let plan = plans.entry(key).or_insert_with(|| {
            let direction =
                if direction == rustybuzz::Direction::Invalid { rustybuzz::Direction::LeftToRight } else { direction };
            rustybuzz::ShapePlan::new(face, direction, script, language.as_ref(), &[])
        });
        f(plan, buf)
    })
}

/// The width of `text` in points.
pub fn measure(key: FontKey, text: &str, size: f32) -> f32 {
    shape(key, text, size).iter().map(|g| g.advance).sum()
}

/// The face's nominal advance of a glyph in points (what a PDF viewer uses without offsets).
pub fn nominal_advance(key: FontKey, glyph: u16, size: f32) -> f32 {
    let Some(face) = faces()[key.index()].as_ref() else {
        return 0.0;
    };
    let adv = face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph)).unwrap_or(0);
    f32::from(adv) * size / face.units_per_em() as f32
}

/// The face's glyph for `c`, if it has one.
pub fn glyph_index(key: FontKey, c: char) -> Option<u16> {
    faces()[key.index()].as_ref()?.glyph_index(c).map(|g| g.0)
}

/// Whether every character of `text` has a glyph in the face.
pub fn covers(key: FontKey, text: &str) -> bool {
    let Some(face) = faces()[key.index()].as_ref() else {
        return false;
    };
    text.chars().filter(|c| !c.is_whitespace()).all(|c| face.glyph_index(c).is_some())
}
