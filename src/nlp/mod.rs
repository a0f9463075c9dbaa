//! The language backbone: text → [`Doc`] (tokens with byte ranges, sentences, parts of speech,
//! a labelled dependency parse and named entities), from models trained on public treebanks
//! by [`crate::train`] and embedded in the program (`assets/models/`).
//!
//! Pure: no I/O beyond the embedded model files, loaded once on first use. Offsets are byte
//! ranges into the text given; they become character offsets only at the JSON/GUI edge.

pub mod clause;
pub mod conllu;
pub mod gazetteer;
pub mod model;
pub mod ner;
pub mod parser;
pub mod tagger;
pub mod tokenize;

use std::ops::Range;
use std::sync::{Arc, OnceLock};

pub use model::{Model, ModelError};
pub use tokenize::{Token, fold, shape, tokenize};

use gazetteer::{Entry, gazetteer};

/// The hashed lexical features of one token, computed once and shared by every model.
#[derive(Debug, Clone, Copy)]
pub struct Lex {
    /// Folded form, or the shape for a token with digits.
    pub word: u64,
    /// The form as written (case kept).
    pub form: u64,
    /// Word shape.
    pub shape: u64,
    /// Prefixes of 1–3 characters of the folded form.
    pub pre: [u64; 3],
    /// Suffixes of 1–4 characters of the folded form.
    pub suf: [u64; 4],
    /// The folded last part of a hyphenated word ("cease-fire" → "fire"), else the word.
    pub last_part: u64,
    /// Starts with an upper-case letter.
    pub capitalised: bool,
}

impl Lex {
    /// Features of a token with text `text`, folded form `norm` and shape `shape`.
    pub fn new(text: &str, norm: &str, shape: &str) -> Lex {
        use model::hash_str;
        let word =
            if norm.bytes().any(|b| b.is_ascii_digit()) { hash_str(&format!("#{shape}")) } else { hash_str(norm) };
        let chars: Vec<(usize, char)> = norm.char_indices().collect();
        let n = chars.len();
        let pre_end = |k: usize| chars.get(k).map_or(norm.len(), |&(b, _)| b);
        let suf_start = |k: usize| if k >= n { 0 } else { chars[n - k].0 };
        let pre = [1, 2, 3].map(|k| hash_str(&format!("p{}", &norm[..pre_end(k)])));
        let suf = [1, 2, 3, 4].map(|k| hash_str(&format!("s{}", &norm[suf_start(k)..])));
        Lex {
            word,
            form: hash_str(&format!("f{text}")),
            shape: hash_str(&format!("h{shape}")),
            pre,
            suf,
            last_part: match norm.rsplit_once('-') {
                Some((_, last)) if !last.is_empty() => hash_str(&format!("-{last}")),
                _ => word,
            },
            capitalised: text.chars().next().is_some_and(char::is_uppercase),
        }
    }

    /// Features of a tokenised word.
    pub fn of(token: &Token, text: &str) -> Lex {
        Lex::new(token.text(text), &token.norm, &token.shape)
    }
}

/// A named-entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation: company, agency, party, team, ministry.
    Organisation,
    /// A place: country, city, region, body of water.
    Location,
    /// Other names: nationalities, events, laws, products.
    Misc,
}

impl EntityKind {
    fn from_index(i: usize) -> EntityKind {
        match i {
            0 => EntityKind::Person,
            1 => EntityKind::Organisation,
            2 => EntityKind::Location,
            _ => EntityKind::Misc,
        }
    }

    /// The CoNLL label: PER, ORG, LOC or MISC.
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organisation => "ORG",
            EntityKind::Location => "LOC",
            EntityKind::Misc => "MISC",
        }
    }
}

/// A named entity found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Its tokens (indices into [`Doc::tokens`]); empty for entities from [`entities`], which
    /// keeps no tokens.
    pub tokens: Range<usize>,
    /// First byte in the text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Its type.
    pub kind: EntityKind,
}

/// A text's tokens, sentences, tags, parse and entities.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences as token ranges, in order, covering every token.
    pub sentences: Vec<Range<usize>>,
    /// Joint tagger class per token (see [`Doc::xpos`]; the parser reads these).
    pub tags: Vec<u16>,
    /// Universal tagger class per token (see [`Doc::upos`]).
    pub upos: Vec<u16>,
    /// Head token per token (document-wide index); `None` for a sentence's root.
    pub heads: Vec<Option<usize>>,
    /// Relation to the head per token (see [`Doc::deprel`]).
    pub deprels: Vec<u16>,
    /// Named entities in text order.
    pub entities: Vec<Entity>,
}

impl Doc {
    /// Universal part of speech of token `i` ("PROPN").
    pub fn upos(&self, i: usize) -> &'static str {
        models().upos.upos(self.upos[i])
    }

    /// Penn part of speech of token `i` ("NNP").
    pub fn xpos(&self, i: usize) -> &'static str {
        models().tagger.xpos(self.tags[i])
    }

    /// UD relation of token `i` to its head ("nsubj").
    pub fn deprel(&self, i: usize) -> &'static str {
        models().parser().label(self.deprels[i])
    }
}

/// The trained models. The parser, by far the largest, is read on first use: finding
/// actors needs only the tagger and the recogniser, so the app starts without it.
#[derive(Debug)]
pub struct Models {
    /// Part-of-speech tagger: UPOS and Penn XPOS as one joint class (what the parser and the
    /// recogniser read; [`Doc::xpos`]).
    pub tagger: tagger::Tagger,
    /// Universal part-of-speech tagger: UPOS alone, which it gets right more often than the
    /// joint tagger does ([`Doc::upos`]).
    pub upos: tagger::Tagger,
    /// Named-entity recogniser.
    pub recogniser: ner::Recogniser,
    parser_file: std::borrow::Cow<'static, [u8]>,
    parser: Arc<ParserSlot>,
}

/// The parser once read (or why it could not be), shared so that the embedded one can be read
/// in the background before the other models are.
type ParserSlot = OnceLock<Result<parser::Parser, ModelError>>;

/// The embedded parser's slot: [`prefetch_parser`] fills it, [`models`] uses it.
static EMBEDDED_PARSER: std::sync::LazyLock<Arc<ParserSlot>> = std::sync::LazyLock::new(Arc::default);

/// The model files, embedded at build time (see `assets/models/README.md`).
pub const TAGGER_FILE: &[u8] = include_bytes!("../../assets/models/tagger.bin");
/// See [`TAGGER_FILE`].
pub const UPOS_FILE: &[u8] = include_bytes!("../../assets/models/upos.bin");
/// See [`TAGGER_FILE`].
pub const PARSER_FILE: &[u8] = include_bytes!("../../assets/models/parser.bin");
/// See [`TAGGER_FILE`].
pub const RECOGNISER_FILE: &[u8] = include_bytes!("../../assets/models/ner.bin");

impl Models {
    /// Reads the models from their files (the parser's when first needed).
    pub fn from_files(
        tagger: &[u8],
        upos: &[u8],
        parser: impl Into<std::borrow::Cow<'static, [u8]>>,
        recogniser: &[u8],
    ) -> Result<Models, ModelError> {
        Ok(Models {
            tagger: tagger::Tagger::new(named("tagger", Model::from_bytes(tagger))?),
            upos: tagger::Tagger::new(named("UPOS tagger", Model::from_bytes(upos))?),
            recogniser: ner::Recogniser::new(named("recogniser", Model::from_bytes(recogniser))?),
            parser_file: parser.into(),
            parser: Arc::default(),
        })
    }

    /// Reads the parser now, so a damaged file is reported here rather than at first use.
    pub fn check_parser(&self) -> Result<&parser::Parser, ModelError> {
        // Read under the lock, so a caller arriving while another thread reads it waits
        // for that reading instead of doing it again.
        self.parser.get_or_init(|| read_parser(&self.parser_file)).as_ref().map_err(Clone::clone)
    }

    /// The dependency parser, read on first use.
    ///
    /// # Panics
    /// If its file is damaged: the embedded one is checked by the test suite, others by
    /// [`Models::check_parser`] when they are given.
    pub fn parser(&self) -> &parser::Parser {
        self.check_parser().unwrap_or_else(|e| panic!("{e}"))
    }

    /// A sentence's words as the parser reads them: word hashes, the joint tagger's tags and
    /// the UPOS tagger's (two taggers' opinions: where one errs the other is often right).
    pub fn parser_words(&self, lex: &[Lex], tags: &[u16], upos: &[u16]) -> Vec<parser::Word> {
        lex.iter()
            .zip(tags.iter().zip(upos))
            .map(|(l, (&t, &u))| parser::Word {
                word: l.word,
                tag: self.tagger.tag_hash(t),
                upos: self.upos.upos_hash(u),
            })
            .collect()
    }

    /// Tags, parses and recognises entities in already tokenised text.
    pub fn annotate(&self, text: &str, tokens: Vec<Token>, sentences: Vec<Range<usize>>) -> Doc {
        let Reading { lex, tags, ctx } = read(&self.tagger, text, &tokens, &sentences);
        let n = tokens.len();
        let mut upos = Vec::with_capacity(n);
        let mut heads = Vec::with_capacity(n);
        let mut deprels = Vec::with_capacity(n);
        for r in &sentences {
            let u = self.upos.tag(&lex[r.clone()]);
            let p = self.parser().parse(&self.parser_words(&lex[r.clone()], &tags[r.clone()], &u));
            heads.extend(p.heads.iter().map(|h| h.map(|h| h + r.start)));
            deprels.extend(p.labels);
            upos.extend(u);
        }
        let entities = self
            .recogniser
            .recognise(&lex, &ctx, &sentences)
            .iter()
            .filter_map(|m| Entity::of(m, &tokens, 0).map(|e| Entity { tokens: m.first..m.end, ..e }))
            .collect();
        Doc { tokens, sentences, tags, upos, heads, deprels, entities }
    }
}

/// What the recogniser reads of a tokenised text, computed once: each token's lexical
/// features, the joint tagger's tags and the recogniser's context.
#[derive(Debug, Clone)]
pub struct Reading {
    /// Lexical features per token.
    pub lex: Vec<Lex>,
    /// Joint tagger class per token.
    pub tags: Vec<u16>,
    /// Tag, gazetteer marks, sentence position and headline per token.
    pub ctx: Vec<ner::Context>,
}

/// Tags a tokenised text sentence by sentence and marks what the recogniser reads.
pub fn read(tagger: &tagger::Tagger, text: &str, tokens: &[Token], sentences: &[Range<usize>]) -> Reading {
    let lex: Vec<Lex> = tokens.iter().map(|t| Lex::of(t, text)).collect();
    let tags: Vec<u16> = sentences.iter().flat_map(|r| tagger.tag(&lex[r.clone()])).collect();
    let ctx = contexts(text, tokens, sentences, &tags, |t| tagger.tag_hash(t));
    Reading { lex, tags, ctx }
}

impl Entity {
    /// The entity of a recognised mention over `tokens`, whose text starts at byte `offset`
    /// (no token range: the caller knows whether its tokens outlive it).
    fn of(m: &ner::Mention, tokens: &[Token], offset: usize) -> Option<Entity> {
        let (a, b) = (tokens.get(m.first)?, tokens.get(m.end.checked_sub(1)?)?);
        Some(Entity {
            tokens: 0..0,
            start: offset + a.start,
            end: offset + b.end,
            kind: EntityKind::from_index(m.kind),
        })
    }
}

fn named(what: &str, r: Result<Model, ModelError>) -> Result<Model, ModelError> {
    r.map_err(|e| ModelError(format!("{what} model: {e}")))
}

static MODELS: OnceLock<Models> = OnceLock::new();

/// Uses these models instead of the embedded ones from now on (`briefing --models DIR`, to
/// evaluate retrained models without rebuilding). Returns `false` when analysis has already
/// loaded models.
pub fn use_models(models: Models) -> bool {
    MODELS.set(models).is_ok()
}

/// The models: the embedded ones, loaded on first use (a few tens of milliseconds), unless
/// [`use_models`] gave others.
///
/// # Panics
/// If the embedded model files are damaged, which the test suite rules out for every build.
pub fn models() -> &'static Models {
    MODELS.get_or_init(|| {
        let mut m = Models::from_files(TAGGER_FILE, UPOS_FILE, PARSER_FILE, RECOGNISER_FILE)
            .unwrap_or_else(|e| panic!("the models built into this program are damaged: {e}"));
        m.parser = EMBEDDED_PARSER.clone();
        m
    })
}

fn read_parser(file: &[u8]) -> Result<parser::Parser, ModelError> {
    Ok(parser::Parser::new(named("parser", Model::from_bytes(file))?))
}

/// Starts reading the parser in the background (once per process), so that the first
/// sentence the analysis parses does not wait for it: reading it takes longer than
/// recognising the entities of a long article, and the two run side by side.
pub fn prefetch_parser() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        // Before the other models are read (on the caller's thread, side by side with this).
        // A damaged parser file is reported where it is used; here it is only read early.
        let slot = EMBEDDED_PARSER.clone();
        if slot.get().is_none() {
            let _ = std::thread::Builder::new().name("parser-load".into()).spawn(move || {
                slot.get_or_init(|| read_parser(PARSER_FILE));
            });
        }
    });
}

/// Tokenises, splits, tags, parses and recognises entities in `text`.
pub fn analyse(text: &str) -> Doc {
    let tokens = tokenize::tokenize(text);
    let sentences = tokenize::sentences(text, &tokens);
    models().annotate(text, tokens, sentences)
}

/// What the analysis reads from the backbone: the sentences and named entities of a text, as
/// byte ranges into it.
#[derive(Debug, Clone, Default)]
pub struct Recognised {
    /// Sentences in order (byte ranges, from the first token's start to the last one's end).
    pub sentences: Vec<Range<usize>>,
    /// Named entities in order.
    pub entities: Vec<Entity>,
    /// Every token's byte range and Penn part of speech ("VBD"), in order: the tagging the
    /// recogniser read, kept for the analysis (no second tagging pass).
    pub tags: Vec<(usize, usize, &'static str)>,
}

/// The sentences of `text` as byte ranges (the splitter alone, no model).
pub fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let tokens = tokenize::tokenize(text);
    tokenize::sentences(text, &tokens)
        .into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| tokens[r.start].start..tokens[r.end - 1].end)
        .collect()
}

/// The named entities of `text` (byte ranges into it); see [`recognise`].
pub fn entities(text: &str) -> Vec<Entity> {
    recognise(text).entities
}

/// The sentences and named entities of `text`, read a piece at a time: paragraphs, and at most
/// [`PIECE`] bytes, so a very long text never holds all its tokens and features at once. What
/// the recogniser remembers of earlier names carries over from piece to piece.
pub fn recognise(text: &str) -> Recognised {
    let m = models();
    let mut memory = ner::Memory::default();
    let mut out = Recognised::default();
    let mut at = 0;
    while at < text.len() {
        let end = piece_end(text, at);
        let piece = &text[at..end];
        let tokens = tokenize::tokenize(piece);
        let sentences = tokenize::sentences(piece, &tokens);
        let Reading { lex, ctx, tags } = read(&m.tagger, piece, &tokens, &sentences);
        out.tags.extend(tokens.iter().zip(&tags).map(|(t, &c)| (at + t.start, at + t.end, m.tagger.xpos(c))));
        out.entities.extend(
            m.recogniser
                .recognise_with(&lex, &ctx, &sentences, &mut memory)
                .iter()
                .filter_map(|e| Entity::of(e, &tokens, at)),
        );
        out.sentences.extend(sentences.iter().filter(|r| !r.is_empty()).map(|r| {
            let (first, last) = (&tokens[r.start], &tokens[r.end - 1]);
            at + first.start..at + last.end
        }));
        at = end;
    }
    out
}

/// The longest piece [`entities`] reads at once, in bytes.
pub const PIECE: usize = 1 << 16;

/// Where the piece starting at `at` ends: after the last paragraph break within [`PIECE`]
/// bytes, else at the last sentence end or space, else at a character boundary.
fn piece_end(text: &str, at: usize) -> usize {
    if text.len() - at <= PIECE {
        return text.len();
    }
    let mut limit = at + PIECE;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text[at..limit];
    let cut = window
        .rfind("\n\n")
        .map(|p| p + 2)
        .or_else(|| window.rfind(". ").map(|p| p + 2))
        .or_else(|| window.rfind(char::is_whitespace).map(|p| p + 1))
        .filter(|&p| p > 0)
        .unwrap_or(window.len());
    at + cut
}

/// The recogniser's per-token context: tag, gazetteer evidence, sentence position, headline.
pub fn contexts(
    text: &str,
    tokens: &[Token],
    sentences: &[Range<usize>],
    tags: &[u16],
    tag_hash: impl Fn(u16) -> u64,
) -> Vec<ner::Context> {
    let mut ctx: Vec<ner::Context> = tags
        .iter()
        .map(|&t| ner::Context { tag: tag_hash(t), gaz: ner::Gaz::default(), first: false, caps_line: false })
        .collect();
    for r in sentences {
        let letters = || tokens[r.clone()].iter().flat_map(|t| t.text(text).chars()).filter(|c| c.is_alphabetic());
        let caps = letters().count() >= 6 && letters().all(char::is_uppercase);
        for (k, i) in r.clone().enumerate() {
            ctx[i].first = k == 0;
            ctx[i].caps_line = caps;
        }
        gazetteer_marks(text, &tokens[r.clone()], &mut ctx[r.clone()]);
    }
    ctx
}

/// Marks tokens covered by gazetteer names (longest match first, up to five tokens) and
/// title words.
fn gazetteer_marks(text: &str, tokens: &[Token], ctx: &mut [ner::Context]) {
    const LONGEST: usize = 5;
    let g = gazetteer();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if g.is_title(&t.norm) {
            put(&mut ctx[i].gaz, ner::gaz_hash("title", b'U'));
        }
        if g.is_org_word(&t.norm) {
            put(&mut ctx[i].gaz, ner::gaz_hash("orgword", b'U'));
        }
        if !t.text(text).chars().next().is_some_and(char::is_uppercase) {
            i += 1;
            continue;
        }
        let mut matched = 0;
        for len in (1..=LONGEST.min(tokens.len() - i)).rev() {
            let end = tokens[i + len - 1].end;
            let Some(phrase) = text.get(t.start..end) else { continue };
            if phrase.contains('\n') {
                continue;
            }
            if let Some(e) = g.lookup(phrase) {
                let kind = match e {
                    Entry::Country(_) => "country",
                    Entry::Capital(_) => "capital",
                    Entry::Demonym(_) => "demonym",
                    Entry::Organization(_) => "org",
                    Entry::Place(_) => "place",
                };
                for k in 0..len {
                    let pos = if len == 1 {
                        b'U'
                    } else if k == 0 {
                        b'B'
                    } else if k + 1 == len {
                        b'L'
                    } else {
                        b'I'
                    };
                    put(&mut ctx[i + k].gaz, ner::gaz_hash(kind, pos));
                }
                matched = len;
                break;
            }
        }
        i += matched.max(1);
    }
}

fn put(g: &mut ner::Gaz, h: u64) {
    if g.tags[0] == 0 {
        g.tags[0] = h;
    } else if g.tags[1] == 0 {
        g.tags[1] = h;
    }
}

/// A small deterministic random generator (xorshift64*) for shuffling training data.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0.max(1);
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Shuffles in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }
}
