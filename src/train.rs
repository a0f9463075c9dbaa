//! `briefing train`: the language backbone's models ([`crate::nlp`]) trained from the public
//! corpora (the taggers and the parser from UD English EWT, the recogniser from CoNLL-2003
//! English) with fixed seeds, so the same corpora give byte-identical model files. A tool of
//! the command line beside the pure stages: it reads the corpora and writes the files. Never
//! run by CI or by the app.

use std::collections::BTreeSet;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};

use crate::nlp::conllu::{self, Sentence};
use crate::nlp::model::Model;
use crate::nlp::{Lex, Reading, Token, ner, parser, read, tagger};

/// Where the corpora are and where the models go.
#[derive(Debug, Clone)]
pub struct Paths {
    /// UD English EWT train split (`.conllu` or `.conllu.gz`).
    pub ewt_train: PathBuf,
    /// UD English EWT dev split.
    pub ewt_dev: PathBuf,
    /// CoNLL-2003 training split as JSON Lines (`../shared/eval/conll2003-train.jsonl`).
    pub conll_train: PathBuf,
    /// CoNLL-2003 dev split as JSON Lines.
    pub conll_dev: PathBuf,
    /// Our own gold articles (JSON Lines with `text` and `actors`, as in
    /// `../shared/eval/briefing/dev/dev.jsonl`): their actors' names become extra recogniser data.
    pub gold: Vec<PathBuf>,
    /// Output folder (`assets/models`).
    pub out: PathBuf,
}

/// How long to train.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Tagger epochs.
    pub tagger_epochs: usize,
    /// Parser epochs.
    pub parser_epochs: usize,
    /// Recogniser epochs.
    pub ner_epochs: usize,
    /// Train the parser on universal relations only ("nsubj" for "nsubj:pass").
    pub universal_relations: bool,
    /// The parser's beam width (1 = greedy); the model decodes with the width it learned with.
    pub parser_beam: usize,
    /// Folds for the parser's training tags (jackknifing; 1 = gold tags).
    pub jackknife: usize,
    /// Seed of every shuffle.
    pub seed: u64,
    /// How many times each gold article is repeated among the recogniser's training documents.
    pub gold_repeat: usize,
    /// Train on the even-numbered gold articles only (the odd ones are then unseen, to measure
    /// what the gold data adds on articles the models never saw).
    pub hold_out_odd: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            tagger_epochs: 15,
            parser_epochs: 20,
            ner_epochs: 12,
            universal_relations: false,
            parser_beam: parser::BEAM,
            jackknife: 4,
            seed: 20261201,
            gold_repeat: 3,
            hold_out_odd: false,
        }
    }
}

fn read_maybe_gz(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .with_context(|| format!("decompressing {}", path.display()))?;
        Ok(s)
    } else {
        String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8", path.display()))
    }
}

fn read_conllu(path: &Path) -> anyhow::Result<Vec<Sentence>> {
    let text = read_maybe_gz(path)?;
    conllu::read(&text).with_context(|| format!("reading {}", path.display()))
}

fn lex_of(s: &Sentence) -> Vec<Lex> {
    s.words.iter().map(|w| Lex::of(&Token::from_word(&w.form, 0, w.form.len(), true), &w.form)).collect()
}

fn tag_class(w: &conllu::Word) -> String {
    format!("{}\t{}", w.upos, w.xpos)
}

fn upos_class(w: &conllu::Word) -> String {
    format!("{}\t_", w.upos)
}

/// Trains all three models and writes them to `paths.out`; `log` gets progress lines.
pub fn run(paths: &Paths, settings: &Settings, log: &(dyn Fn(String) + Sync)) -> anyhow::Result<()> {
    let started = Instant::now();
    let train = read_conllu(&paths.ewt_train)?;
    let dev = read_conllu(&paths.ewt_dev)?;
    if train.is_empty() || dev.is_empty() {
        bail!("the EWT splits are empty");
    }
    log(format!("EWT: {} training, {} dev sentences", train.len(), dev.len()));

    // Tagger.
    let classes: Vec<String> =
        train.iter().flat_map(|s| s.words.iter().map(tag_class)).collect::<BTreeSet<_>>().into_iter().collect();
    let class_of = |w: &conllu::Word| classes.binary_search(&tag_class(w)).map_or(0, |c| c as u16);
    let examples = |ss: &[Sentence]| -> Vec<tagger::Example> {
        ss.iter().map(|s| tagger::Example { lex: lex_of(s), gold: s.words.iter().map(class_of).collect() }).collect()
    };
    let (tr, dv) = (examples(&train), examples(&dev));
    let mut say = |m: String| log(m);
    let (tagger_bytes, tagger_curve) =
        tagger::train(classes.clone(), &tr, &dv, settings.tagger_epochs, settings.seed, &mut say);
    let tagger_bytes =
        prune(&tagger_bytes, "tagger", &|m| tagger::accuracy(&tagger::Tagger::new(m.clone()), &dv), log)?;
    let tagger = tagger::Tagger::new(Model::from_bytes(&tagger_bytes)?);
    let joint_dev = tagger::accuracy(&tagger, &dv);
    log(format!("tagger: dev joint-tag accuracy {joint_dev:.2} % ({:.0?})", started.elapsed()));

    // The UPOS tagger: the same features, UPOS alone as the class.
    let upos_classes: Vec<String> =
        train.iter().flat_map(|s| s.words.iter().map(upos_class)).collect::<BTreeSet<_>>().into_iter().collect();
    let upos_of = |w: &conllu::Word| upos_classes.binary_search(&upos_class(w)).map_or(0, |c| c as u16);
    let upos_examples = |ss: &[Sentence], lex: &[tagger::Example]| -> Vec<tagger::Example> {
        ss.iter()
            .zip(lex)
            .map(|(s, e)| tagger::Example { lex: e.lex.clone(), gold: s.words.iter().map(upos_of).collect() })
            .collect()
    };
    let (utr, udv) = (upos_examples(&train, &tr), upos_examples(&dev, &dv));
    let (upos_bytes, upos_curve) =
        tagger::train(upos_classes.clone(), &utr, &udv, settings.tagger_epochs, settings.seed, &mut say);
    let upos_bytes =
        prune(&upos_bytes, "UPOS tagger", &|m| tagger::accuracy(&tagger::Tagger::new(m.clone()), &udv), log)?;
    log(format!(
        "UPOS tagger: dev UPOS {:.2} % ({:.0?})",
        tagger::accuracy(&tagger::Tagger::new(Model::from_bytes(&upos_bytes)?), &udv),
        started.elapsed()
    ));

    let upos_tagger = tagger::Tagger::new(Model::from_bytes(&upos_bytes)?);
    let joint = Tagging { tagger: &tagger, classes: &classes, train: &tr, dev: &dv };
    let upos = Tagging { tagger: &upos_tagger, classes: &upos_classes, train: &utr, dev: &udv };
    let ParseData { labels, train: ptrain, dev: pdev } =
        parse_data(&train, &dev, &joint, &upos, settings, &|m| log(m), started)?;

    // The recogniser trains at the same time on the other core.
    let (ner_result, parser_result) = std::thread::scope(|scope| {
        let ner = scope.spawn(|| train_recogniser(paths, settings, &tagger, log));
        let mut say = |m: String| log(m);
        let parser = parser::train(
            &labels,
            &ptrain,
            &pdev,
            settings.parser_epochs,
            settings.parser_beam,
            settings.seed,
            &mut say,
        );
        (ner.join(), parser)
    });
    let (parser_bytes, parser_curve) = parser_result;
    let parser_bytes =
        prune(&parser_bytes, "parser", &|m| parser::attachment(&parser::Parser::new(m.clone()), &pdev).1, log)?;
    let (ner_bytes, ner_curve) = match ner_result {
        Ok(r) => r?,
        Err(_) => bail!("the recogniser's training thread panicked"),
    };

    // The header notes say what each model was trained on and reached.
    let note = write_notes;
    let tagger_bytes = note(
        &tagger_bytes,
        serde_json::json!({"data": "UD English EWT v2.15 train", "dev_accuracy_by_epoch": tagger_curve, "seed": settings.seed}),
    )?;
    let upos_bytes = note(
        &upos_bytes,
        serde_json::json!({"data": "UD English EWT v2.15 train", "dev_accuracy_by_epoch": upos_curve, "seed": settings.seed}),
    )?;
    let parser_bytes = note(
        &parser_bytes,
        serde_json::json!({"data": "UD English EWT v2.15 train (projective sentences), jackknifed tags",
            "dev_uas_las_by_epoch": parser_curve, "seed": settings.seed, "beam": settings.parser_beam}),
    )?;
    let ner_bytes = note(&ner_bytes, recogniser_notes(paths, settings, &ner_curve))?;
    std::fs::create_dir_all(&paths.out).with_context(|| format!("creating {}", paths.out.display()))?;
    for (name, bytes) in [
        ("tagger.bin", &tagger_bytes),
        ("upos.bin", &upos_bytes),
        ("parser.bin", &parser_bytes),
        ("ner.bin", &ner_bytes),
    ] {
        let path = paths.out.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        log(format!("wrote {} ({} KB)", path.display(), bytes.len() / 1024));
    }
    log(format!("done in {:.0?}", started.elapsed()));
    Ok(())
}

/// The parser's data: EWT trees over jackknifed tags (train) and the tagger's
/// tags (dev), with the relation labels of the training split.
struct ParseData {
    labels: Vec<String>,
    train: Vec<parser::Example>,
    dev: Vec<parser::Example>,
}

/// A tagger with its classes and its training and dev examples.
struct Tagging<'a> {
    tagger: &'a tagger::Tagger,
    classes: &'a [String],
    train: &'a [tagger::Example],
    dev: &'a [tagger::Example],
}

/// Tags of the training examples from taggers that did not see them (`settings.jackknife`
/// folds; 1 = the gold tags), so the parser learns from tags as good as the ones it will see.
fn jackknife(
    t: &Tagging,
    what: &str,
    settings: &Settings,
    log: &dyn Fn(String),
    started: Instant,
) -> anyhow::Result<Vec<Vec<u16>>> {
    let k = settings.jackknife;
    if k <= 1 {
        return Ok(t.train.iter().map(|e| e.gold.clone()).collect());
    }
    let mut tags: Vec<Vec<u16>> = vec![Vec::new(); t.train.len()];
    for fold in 0..k {
        let rest: Vec<tagger::Example> = t
            .train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .map(|(_, e)| tagger::Example { lex: e.lex.clone(), gold: e.gold.clone() })
            .collect();
        let (bytes, _) = tagger::train(
            t.classes.to_vec(),
            &rest,
            &t.dev[..200.min(t.dev.len())],
            (settings.tagger_epochs / 2).max(3),
            settings.seed + fold as u64,
            &mut |_| {},
        );
        let tagger = tagger::Tagger::new(Model::from_bytes(&bytes)?);
        for (i, e) in t.train.iter().enumerate().filter(|(i, _)| i % k == fold) {
            tags[i] = tagger.tag(&e.lex);
        }
        log(format!("{what} jackknife fold {}/{k} tagged ({:.0?})", fold + 1, started.elapsed()));
    }
    Ok(tags)
}

/// The parser's data: EWT trees over the joint tagger's and the UPOS tagger's tags (jackknifed
/// for train), with the relation labels of the training split.
fn parse_data(
    train: &[Sentence],
    dev: &[Sentence],
    joint: &Tagging,
    upos: &Tagging,
    settings: &Settings,
    log: &dyn Fn(String),
    started: Instant,
) -> anyhow::Result<ParseData> {
    let train_tags = jackknife(joint, "tagger", settings, log, started)?;
    let train_upos = jackknife(upos, "UPOS tagger", settings, log, started)?;
    let (tr, dv) = (joint.train, joint.dev);
    let tagger = joint.tagger;
    let upos_tagger = upos.tagger;

    // Parser.
    let relation = |w: &conllu::Word| -> String {
        if settings.universal_relations {
            w.deprel.split(':').next().unwrap_or("dep").to_string()
        } else {
            w.deprel.clone()
        }
    };
    let labels: Vec<String> =
        train.iter().flat_map(|s| s.words.iter().map(relation)).collect::<BTreeSet<_>>().into_iter().collect();
    if !labels.iter().any(|l| l == "root") {
        bail!("the EWT training split has no root relation");
    }
    let parse_examples = |ss: &[Sentence], lex: &[tagger::Example], tags: &dyn Fn(usize) -> (Vec<u16>, Vec<u16>)| {
        ss.iter()
            .enumerate()
            .map(|(i, s)| {
                let n = s.words.len();
                let (t, u) = tags(i);
                parser::Example {
                    words: lex[i]
                        .lex
                        .iter()
                        .zip(t.iter().zip(&u))
                        .map(|(l, (&c, &uc))| parser::Word {
                            word: l.word,
                            tag: tagger.tag_hash(c),
                            upos: upos_tagger.upos_hash(uc),
                        })
                        .collect(),
                    heads: s.words.iter().map(|w| w.head.map_or(n, |h| if h == 0 { n } else { h - 1 })).collect(),
                    labels: s.words.iter().map(|w| labels.binary_search(&relation(w)).unwrap_or(0)).collect(),
                }
            })
            .collect::<Vec<_>>()
    };
    let ptrain = parse_examples(train, tr, &|i| (train_tags[i].clone(), train_upos[i].clone()));
    let pdev = parse_examples(dev, dv, &|i| (tagger.tag(&dv[i].lex), upos_tagger.tag(&dv[i].lex)));

    Ok(ParseData { labels, train: ptrain, dev: pdev })
}

/// Rewrites every model file in `dir` in the current file format, weights unchanged (after a
/// change of the format, so that the committed models need no retraining).
pub fn rewrite(dir: &Path, log: &(dyn Fn(String) + Sync)) -> anyhow::Result<()> {
    for name in ["tagger.bin", "upos.bin", "parser.bin", "ner.bin"] {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let model = Model::from_bytes(&bytes).with_context(|| format!("reading {}", path.display()))?;
        let out = model.to_bytes(0.0);
        std::fs::write(&path, &out).with_context(|| format!("writing {}", path.display()))?;
        log(format!("{}: {} KB -> {} KB", path.display(), bytes.len() / 1024, out.len() / 1024));
    }
    Ok(())
}

/// Trains only the recogniser, over the tagger already in `paths.out` (for a change of the
/// recogniser's features: the tagger and parser stay as they are).
pub fn run_recogniser(paths: &Paths, settings: &Settings, log: &(dyn Fn(String) + Sync)) -> anyhow::Result<()> {
    let started = Instant::now();
    let tagger_path = paths.out.join("tagger.bin");
    let tagger_bytes = std::fs::read(&tagger_path).with_context(|| format!("reading {}", tagger_path.display()))?;
    let tagger = tagger::Tagger::new(Model::from_bytes(&tagger_bytes)?);
    let (bytes, curve) = train_recogniser(paths, settings, &tagger, log)?;
    let bytes = write_notes(&bytes, recogniser_notes(paths, settings, &curve))?;
    let path = paths.out.join("ner.bin");
    std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    log(format!("wrote {} ({} KB) in {:.0?}", path.display(), bytes.len() / 1024, started.elapsed()));
    Ok(())
}

fn recogniser_notes(paths: &Paths, settings: &Settings, curve: &[f64]) -> serde_json::Value {
    let gold: Vec<String> = paths.gold.iter().map(|p| p.display().to_string()).collect();
    serde_json::json!({"data": if gold.is_empty() { "CoNLL-2003 English train".to_string() } else {
        format!("CoNLL-2003 English train + {} ({} times{})", gold.join(", "), settings.gold_repeat,
            if settings.hold_out_odd { ", even-numbered articles only" } else { "" }) },
        "dev_f1_by_epoch": curve, "seed": settings.seed})
}

/// A model file with its header's notes replaced (the weights as they were).
fn write_notes(bytes: &[u8], notes: serde_json::Value) -> anyhow::Result<Vec<u8>> {
    let mut model = Model::from_bytes(bytes)?;
    if let serde_json::Value::Object(m) = notes {
        model.header.notes = m;
    }
    Ok(model.to_bytes(0.0))
}

/// One CoNLL-2003 document as the recogniser sees it.
pub fn conll_example(text: &str, entities: &[(usize, usize, String)], tagger: &tagger::Tagger) -> ner::Example {
    // The text is tokens joined by one space, sentences by a newline.
    let mut tokens = Vec::new();
    let mut sentences: Vec<Range<usize>> = Vec::new();
    let mut char_of_byte = vec![0usize; text.len() + 1];
    let mut chars = 0;
    for (i, c) in text.char_indices() {
        char_of_byte[i..i + c.len_utf8()].iter_mut().for_each(|x| *x = chars);
        chars += 1;
    }
    char_of_byte[text.len()] = chars;
    // Tokenised as the program tokenises (CoNLL's tokens are separated by spaces, so every
    // entity boundary is a token boundary here too); each line is a sentence.
    let mut pos = 0;
    for line in text.split('\n') {
        let first = tokens.len();
        tokens.extend(crate::nlp::tokenize(line).into_iter().map(|mut t| {
            t.start += pos;
            t.end += pos;
            t
        }));
        if tokens.len() > first {
            sentences.push(first..tokens.len());
        }
        pos += line.len() + 1;
    }
    let Reading { lex, ctx, .. } = read(tagger, text, &tokens, &sentences);
    let mut spans = Vec::new();
    for (s, e, kind) in entities {
        let Some(k) = ner::TYPES.iter().position(|t| t == kind) else { continue };
        let first = tokens.iter().position(|t| char_of_byte[t.start] == *s);
        let last = tokens.iter().position(|t| char_of_byte[t.end] == *e);
        if let (Some(a), Some(b)) = (first, last) {
            spans.push((a, b + 1, k));
        }
    }
    let n = tokens.len();
    ner::Example { lex, ctx, sentences, gold: ner::bilou(n, &spans) }
}

fn read_conll_jsonl(path: &Path, tagger: &tagger::Tagger) -> anyhow::Result<Vec<ner::Example>> {
    let text = read_maybe_gz(path)?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{} line {}", path.display(), n + 1))?;
        let body = v["text"].as_str().unwrap_or_default();
        let ents: Vec<(usize, usize, String)> = v["entities"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| {
                        Some((
                            e["start"].as_u64()? as usize,
                            e["end"].as_u64()? as usize,
                            e["type"].as_str()?.to_string(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.push(conll_example(body, &ents, tagger));
    }
    Ok(out)
}

fn train_recogniser(
    paths: &Paths,
    settings: &Settings,
    tagger: &tagger::Tagger,
    log: &(dyn Fn(String) + Sync),
) -> anyhow::Result<(Vec<u8>, Vec<f64>)> {
    let mut train = read_conll_jsonl(&paths.conll_train, tagger)?;
    let dev = read_conll_jsonl(&paths.conll_dev, tagger)?;
    log(format!("CoNLL-2003: {} training, {} dev documents", train.len(), dev.len()));
    for path in &paths.gold {
        let docs = read_gold_jsonl(path, tagger, settings.hold_out_odd)?;
        log(format!("{}: {} articles ({} times each)", path.display(), docs.len(), settings.gold_repeat));
        for _ in 0..settings.gold_repeat {
            for d in &docs {
                train.push(ner::Example {
                    lex: d.lex.clone(),
                    ctx: d.ctx.clone(),
                    sentences: d.sentences.clone(),
                    gold: d.gold.clone(),
                });
            }
        }
    }
    let mut say = |m: String| log(m);
    let (bytes, curve) = ner::train(&train, &dev, settings.ner_epochs, settings.seed, &mut say);
    let bytes = prune(&bytes, "recogniser", &|m| ner::f1(&ner::Recogniser::new(m.clone()), &dev), log)?;
    Ok((bytes, curve))
}

/// How many dev points pruning may cost a model.
const PRUNE_TOLERANCE: f64 = 0.02;

/// The model pruned as far as it goes without losing more than [`PRUNE_TOLERANCE`] points on
/// dev: weights below a threshold are dropped; of the thresholds tried, the largest within it.
fn prune(
    bytes: &[u8],
    what: &str,
    dev: &dyn Fn(&Model) -> f64,
    log: &(dyn Fn(String) + Sync),
) -> anyhow::Result<Vec<u8>> {
    let model = Model::from_bytes(bytes)?;
    let base = dev(&model);
    let mut best = bytes.to_vec();
    for t in [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.1, 1.25, 1.5, 2.0] {
        let pruned = model.to_bytes(t);
        let score = dev(&Model::from_bytes(&pruned)?);
        log(format!("{what}: pruned below {t}: dev {score:.2} (unpruned {base:.2}), {} KB", pruned.len() / 1024));
        if score >= base - PRUNE_TOLERANCE {
            best = pruned;
        }
    }
    Ok(best)
}

/// Our gold articles as recogniser data: every occurrence of an actor's name or capitalised
/// alias is a mention of its kind (person → PER, organisation → ORG, country or place → LOC);
/// the rest of the text is outside any name, as the annotation guidelines define actors.
fn read_gold_jsonl(path: &Path, tagger: &tagger::Tagger, hold_out_odd: bool) -> anyhow::Result<Vec<ner::Example>> {
    let text = read_maybe_gz(path)?;
    let mut out = Vec::new();
    for (n, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        if hold_out_odd && n % 2 == 1 {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{} line {}", path.display(), n + 1))?;
        let body = v["text"].as_str().unwrap_or_default();
        let mut names: Vec<(String, &str)> = Vec::new();
        for a in v["actors"].as_array().into_iter().flatten() {
            let kind = match a["kind"].as_str() {
                Some("person") => "PER",
                Some("organization") => "ORG",
                _ => "LOC",
            };
            let forms = std::iter::once(&a["name"]).chain(a["aliases"].as_array().into_iter().flatten());
            for f in forms.filter_map(|f| f.as_str()) {
                let f = f.strip_prefix("the ").or_else(|| f.strip_prefix("The ")).unwrap_or(f);
                if f.chars().next().is_some_and(char::is_uppercase) {
                    names.push((f.to_string(), kind));
                }
            }
        }
        out.push(gold_example(body, &names, tagger));
    }
    Ok(out)
}

/// One of our articles tokenised as the program tokenises it, with `names` marked wherever
/// they occur as whole words (longest first, never overlapping).
fn gold_example(text: &str, names: &[(String, &str)], tagger: &tagger::Tagger) -> ner::Example {
    let tokens = crate::nlp::tokenize(text);
    let sentences = crate::nlp::tokenize::sentences(text, &tokens);
    let mut names: Vec<&(String, &str)> = names.iter().collect();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut taken = vec![false; text.len()];
    let mut spans = Vec::new();
    let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    for (name, kind) in names {
        let Some(k) = ner::TYPES.iter().position(|t| t == kind) else { continue };
        for (s, _) in text.match_indices(name.as_str()) {
            let e = s + name.len();
            if word_char(text[..s].chars().next_back())
                || word_char(text[e..].chars().next())
                || taken[s..e].iter().any(|&t| t)
            {
                continue;
            }
            let (Some(a), Some(b)) = (tokens.iter().position(|t| t.start == s), tokens.iter().position(|t| t.end == e))
            else {
                continue;
            };
            taken[s..e].iter_mut().for_each(|t| *t = true);
            spans.push((a, b + 1, k));
        }
    }
    let Reading { lex, ctx, .. } = read(tagger, text, &tokens, &sentences);
    ner::Example { gold: ner::bilou(tokens.len(), &spans), lex, ctx, sentences }
}
