//! Analyze: an [`Article`] and a reference date → [`ArticleAnalysis`] (actors, time
//! expressions, deadlines, quotes, key points, all pointing back into the text by character
//! offsets); several analyses → one merged [`Analysis`] for a briefing.
//!
//! Pure and deterministic: no clock, no files; the reference date is an argument, and its time of
//! day and UTC offset, when known, come in [`AnalyzeOptions`].

mod actors;
mod deadlines;
mod keypoints;
mod lexicon;
mod merge;
mod quotes;
pub mod sentences;
mod times;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use actors::ActorKind;
pub use keypoints::MAX_POINT_WORDS;
pub use merge::{Analysis, MergedActor, MergedDeadline, MergedPoint, MergedQuote, merge};
pub use times::TimeType;

use crate::ingest::Article;
use crate::text::{CharIndex, Span};

/// A key actor of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Full name ("Steve Witkoff").
    pub name: String,
    /// Person, organisation, country or place.
    pub kind: ActorKind,
    /// Other names used for it in the article.
    pub aliases: Vec<String>,
    /// The role the article gives it.
    pub role: Option<String>,
    /// Importance, 0–1.
    pub salience: f64,
    /// Every mention, as character spans of the text.
    pub mentions: Vec<Span>,
    /// The key-actor score's features (`actors::KEY_FEATURES` order), kept only when
    /// [`AnalyzeOptions::actor_features`] asks (to fit the score's weights).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<f64>,
}

/// A time expression, normalised (TIMEX3 value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeMention {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TIMEX3 value.
    pub value: String,
}

/// A deadline: a date something is due by, with who and what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// The day; `None` when it depends on a date the article does not give.
    pub date: Option<Date>,
    /// The words in the article.
    pub text: String,
    /// What is due.
    pub what: String,
    /// Who set it.
    pub set_by: Option<String>,
    /// Who must act.
    pub applies_to: Option<String>,
    /// What happens if it is missed.
    pub consequence: Option<String>,
    /// First character of `text` in the article.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// Why `date` is unknown, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What the article says of the date when it cannot be resolved, because the article is
    /// undated ("two days after Wednesday", "the first Friday after publication").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

/// A direct quote and its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Canonical name of the speaker, when found.
    pub speaker: Option<String>,
    /// The quoted words.
    pub text: String,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// A key point and the sentence it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyPoint {
    /// The point as it reads in the note.
    pub text: String,
    /// The source sentence, as a character span.
    pub source: Span,
}

/// Everything analysis finds in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleAnalysis {
    /// The analysed article's id.
    pub article_id: String,
    /// The reference date used for relative expressions.
    pub reference: Option<Date>,
    /// Actors, most salient first.
    pub actors: Vec<Actor>,
    /// Time expressions in text order.
    pub times: Vec<TimeMention>,
    /// Deadlines in text order.
    pub deadlines: Vec<Deadline>,
    /// Direct quotes.
    pub quotes: Vec<Quote>,
    /// Key points in article order.
    pub key_points: Vec<KeyPoint>,
    /// Sentences, as character spans.
    pub sentences: Vec<Span>,
}

/// Settings for [`analyze`].
#[derive(Debug, Clone)]
pub struct AnalyzeOptions {
    /// How many key points to pick per article.
    pub key_points: usize,
    /// Time of day of the reference, minutes after midnight: with a clock, "3am" said at 04:30 is
    /// tomorrow's and "at 5" is 17:00; `None` (news dated by day) leaves times on the reference day
    /// as written. Values of 24 hours or more count as `None`.
    pub clock: Option<u32>,
    /// UTC offset of the reference in minutes east: times written with a zone ("8:00 GMT") are
    /// given in the reference's local time.
    pub utc_offset: Option<i16>,
    /// Keep each actor's key-actor features in [`Actor::features`].
    pub actor_features: bool,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        Self { key_points: 3, clock: None, utc_offset: None, actor_features: false }
    }
}

/// Analyses one article against `reference` (normally its publication date).
pub fn analyze(article: &Article, reference: Option<Date>, opts: &AnalyzeOptions) -> ArticleAnalysis {
    let text = article.text.as_str();
    crate::nlp::prefetch_parser();
    let recognised = crate::nlp::recognise(text);
    let Prepared { tokens, sents, sentence_of } = prepare(text, &recognised.sentences);
    let day_first = !looks_american(text);
    let found_times = times::tag(text, &tokens, &sentence_of, reference, opts.clock, opts.utc_offset, day_first);
    let entities = recognised.entities;
    // Sentences parsed by one pass are there for the next; a dateline is not parsed.
    let dateline = actors::dateline_end(text);
    let mut parses = crate::nlp::clause::Parses::starting_at(dateline);
    let pos = parts_of_speech(&tokens, &recognised.tags);
    let mut found_actors =
        actors::find(text, &tokens, &sentence_of, &pos, &entities, article.title.as_deref(), &mut parses);
    let found_quotes = quotes::find(text, &sents, &found_actors, &mut parses);
    let found_deadlines = deadlines::find(text, &sents, &found_times, &found_actors, reference, &mut parses);
    let speakers: Vec<String> = found_quotes.iter().filter_map(|q| q.speaker.clone()).collect();
    let parties: Vec<String> =
        found_deadlines.iter().flat_map(|d| [d.set_by.clone(), d.applies_to.clone()]).flatten().collect();
    // The lead: the body's first two sentences after any dateline.
    let lead: Vec<(usize, usize)> = sents.iter().copied().filter(|r| r.1 > dateline).take(2).collect();
    actors::score(text, &mut found_actors, article.title.as_deref(), &speakers, &parties, &lead, &mut parses);
    actors::rank(&mut found_actors);

    // Sentence weights for key points: salient actors and deadlines in the sentence. Each
    // mention and deadline is placed in its sentence by binary search (a scan of all mentions
    // per sentence was quadratic on a long text).
    let sentence_at = |s: usize, e: usize| -> Option<usize> {
        let i = sents.partition_point(|&(_, end)| end < e);
        sents.get(i).filter(|&&(ss, se)| ss <= s && e <= se).map(|_| i)
    };
    let mut weights = vec![0.0_f64; sents.len()];
    for a in found_actors.iter().take(6) {
        let mut hit: Vec<usize> = a.mentions.iter().filter_map(|m| sentence_at(m.0, m.1)).collect();
        hit.sort_unstable();
        hit.dedup();
        for i in hit {
            weights[i] += a.salience * 0.4;
        }
    }
    let mut with_deadline: Vec<usize> = found_deadlines.iter().filter_map(|d| sentence_at(d.start, d.end)).collect();
    with_deadline.sort_unstable();
    with_deadline.dedup();
    for i in with_deadline {
        weights[i] += 0.8;
    }
    let mut points = keypoints::pick(text, &sents, &weights, opts.key_points);
    for p in &mut points {
        p.text = name_the_pronoun(&p.text, p.start, &found_actors);
    }

    let idx = CharIndex::new(text);
    let span = |s: usize, e: usize| idx.span(s, e);
    ArticleAnalysis {
        article_id: article.id.clone(),
        reference,
        actors: found_actors
            .into_iter()
            .map(|a| Actor {
                name: a.name,
                kind: a.kind,
                aliases: a.aliases,
                role: a.role,
                salience: a.salience,
                mentions: a.mentions.iter().map(|&(s, e)| span(s, e)).collect(),
                features: if opts.actor_features { a.features } else { Vec::new() },
            })
            .collect(),
        times: found_times
            .into_iter()
            .map(|t| {
                let sp = span(t.start, t.end);
                TimeMention {
                    start: sp.start,
                    end: sp.end,
                    text: text[t.start..t.end].to_string(),
                    kind: t.kind,
                    value: t.value,
                }
            })
            .collect(),
        deadlines: found_deadlines
            .into_iter()
            .map(|d| {
                let sp = span(d.start, d.end);
                Deadline {
                    date: d.date,
                    text: text[d.start..d.end].to_string(),
                    what: d.what,
                    set_by: d.set_by,
                    applies_to: d.applies_to,
                    consequence: d.consequence,
                    start: sp.start,
                    end: sp.end,
                    reason: d.reason,
                    when: d.when,
                }
            })
            .collect(),
        quotes: found_quotes
            .into_iter()
            .map(|q| {
                let sp = span(q.start, q.end);
                Quote { speaker: q.speaker, text: text[q.start..q.end].to_string(), start: sp.start, end: sp.end }
            })
            .collect(),
        key_points: points.into_iter().map(|p| KeyPoint { text: p.text, source: span(p.start, p.end) }).collect(),
        sentences: sents.iter().map(|&(s, e)| span(s, e)).collect(),
    }
}

/// A point that opens with "He", "She", "It" or "His"/"Her"/"Its" gets the name of the last
/// actor of that kind mentioned before it, so the point stands on its own.
fn name_the_pronoun(point: &str, start: usize, found: &[actors::FoundActor]) -> String {
    let (first, rest) = point.split_once(' ').unwrap_or((point, ""));
    let (kinds, possessive): (&[ActorKind], bool) = match first {
        "He" | "She" => (&[ActorKind::Person], false),
        "His" | "Her" => (&[ActorKind::Person], true),
        "It" => (&[ActorKind::Organization, ActorKind::Country], false),
        "Its" => (&[ActorKind::Organization, ActorKind::Country], true),
        _ => return point.to_string(),
    };
    let last = found
        .iter()
        .filter(|a| kinds.contains(&a.kind))
        .filter_map(|a| a.mentions.iter().filter(|m| m.1 <= start).map(|m| m.1).max().map(|end| (end, a)))
        .max_by_key(|(end, _)| *end);
    match last {
        Some((_, a)) if possessive => format!("{}’s {rest}", a.name),
        Some((_, a)) => format!("{} {rest}", a.name),
        None => point.to_string(),
    }
}

/// The rule passes' tokens, the backbone's sentences (byte ranges) and, per token, its
/// sentence as a token-index range.
struct Prepared {
    tokens: Vec<sentences::Token>,
    sents: Vec<(usize, usize)>,
    sentence_of: Vec<(usize, usize)>,
}

/// Each analysis token's Penn part of speech, from the recogniser's tagging (`tags`, byte
/// ranges in order): the tag of the tagged token it starts in, "" where none covers it.
fn parts_of_speech(tokens: &[sentences::Token], tags: &[(usize, usize, &'static str)]) -> Vec<&'static str> {
    tokens
        .iter()
        .map(|t| {
            let i = tags.partition_point(|&(_, e, _)| e <= t.start);
            tags.get(i).filter(|&&(s, _, _)| s <= t.start).map_or("", |&(_, _, p)| p)
        })
        .collect()
}

fn prepare(text: &str, sentences: &[std::ops::Range<usize>]) -> Prepared {
    let tokens = sentences::tokenize(text);
    let sents: Vec<(usize, usize)> = sentences.iter().map(|r| (r.start, r.end)).collect();
    let mut sentence_of = Vec::with_capacity(tokens.len());
    let mut ti = 0;
    for &(s, e) in &sents {
        while ti < tokens.len() && tokens[ti].start < s {
            sentence_of.push((ti, ti + 1));
            ti += 1;
        }
        let first = ti;
        while ti < tokens.len() && tokens[ti].end <= e {
            ti += 1;
        }
        for _ in first..ti {
            sentence_of.push((first, ti));
        }
    }
    while sentence_of.len() < tokens.len() {
        sentence_of.push((sentence_of.len(), sentence_of.len() + 1));
    }
    Prepared { tokens, sents, sentence_of }
}

/// The actor pass alone (segmentation included), for benchmarks: how many actors it finds.
pub fn actor_pass(text: &str) -> usize {
    let recognised = crate::nlp::recognise(text);
    let p = prepare(text, &recognised.sentences);
    let mut parses = crate::nlp::clause::Parses::starting_at(actors::dateline_end(text));
    let pos = parts_of_speech(&p.tokens, &recognised.tags);
    actors::find(text, &p.tokens, &p.sentence_of, &pos, &recognised.entities, None, &mut parses).len()
}

/// The time pass alone (segmentation included), for benchmarks: how many expressions it finds.
pub fn time_pass(text: &str, reference: Option<Date>) -> usize {
    let p = prepare(text, &crate::nlp::sentence_ranges(text));
    times::tag(text, &p.tokens, &p.sentence_of, reference, None, None, !looks_american(text)).len()
}

/// American spelling and "Month day" dates suggest month-first numeric dates.
fn looks_american(text: &str) -> bool {
    let us = ["percent", "color", "organization", "center ", "program ", "labor ", "defense"]
        .iter()
        .filter(|w| text.contains(*w))
        .count();
    let uk = ["per cent", "colour", "organisation", "centre ", "programme", "labour ", "defence"]
        .iter()
        .filter(|w| text.contains(*w))
        .count();
    us > uk
}
