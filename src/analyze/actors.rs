//! Key actors: people, organisations and countries named in an article, each once under its
//! full name with its aliases, the role the article gives it, and a salience score.
//!
//! Candidates are the trained recogniser's names ([`crate::nlp::entities`]: PER, ORG, LOC;
//! MISC only for demonyms), joined across name particles ("von der Leyen"), with the titles
//! before a person peeled into a role. The shipped gazetteers (countries, demonyms, capitals as
//! metonyms, organisations) name countries and bodies and their canonical names; context tells
//! a name used as a place or modifier ("in London", "U.S. officials") from an actor.
//! Coreference links surnames, name prefixes, head nouns ("the Commission") and acronyms to the
//! full name.

use super::lexicon::{
    ACTING_VERBS, BODY_HEADS, COMMENTATORS, CONNECTIVES, FUNCTION_WORDS, NOT_ROLES, PARTICLES, RELATIVE_VERBS,
    ROLE_STOP,
};
use serde::{Deserialize, Serialize};

use super::sentences::Token;
use crate::nlp::clause::{Parses, Sentence};
use crate::nlp::gazetteer::{Entry, ORG_WORDS, gazetteer};
use crate::nlp::{Entity, EntityKind};
use crate::text::{LowerKeepingOffsets, fold};

/// What kind of actor a name denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A person.
    Person,
    /// A company, agency, institution, party or group.
    Organization,
    /// A country or territory (its government, by metonymy).
    Country,
    /// Another place (a city, a region).
    Place,
}

/// An actor found in one article (byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct FoundActor {
    /// Full, canonical name.
    pub name: String,
    /// Person, organisation, country or place.
    pub kind: ActorKind,
    /// Other forms used in the article ("Witkoff", "EDRA", "Moscow").
    pub aliases: Vec<String>,
    /// The role or description the article gives ("U.S. special envoy").
    pub role: Option<String>,
    /// Importance to the story, 0–1 (1 = the most important actor).
    pub salience: f64,
    /// Byte ranges of every mention.
    pub mentions: Vec<(usize, usize)>,
    /// Mentions as a modifier or demonym ("U.S. officials", "Russian"), which count less.
    pub weak: usize,
    /// The kind is a guess from capitals alone (an unknown single word used mid-sentence,
    /// with no organisation word, title or gazetteer entry): weaker evidence of an actor.
    pub guessed: bool,
    /// Uses of the country's demonym ("Russian"), which support its salience a little.
    pub demonyms: usize,
    /// What the key-actor score reads of it, in [`KEY_FEATURES`] order (filled by [`score`]).
    pub features: Vec<f64>,
}

/// The key-actor score's features, in the order of [`FoundActor::features`] and of the
/// weights file (`assets/models/key-actors.tsv`). The first eight are scaled by the kind's
/// weight and the evidence of the name (see [`score`]); the rest are plain indicators.
pub const KEY_FEATURES: [&str; 18] = [
    "mentions",
    "headline",
    "lead",
    "early",
    "quoted",
    "attributed",
    "person_role",
    "party",
    "person",
    "organization",
    "country",
    "place",
    "commentator",
    "guessed",
    "modifier_only",
    "lead_subject",
    "lead_object",
    "market_index",
];

/// The weights of [`KEY_FEATURES`], read once from `assets/models/key-actors.tsv`.
fn key_weights() -> &'static [f64] {
    static W: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        let table: std::collections::HashMap<&str, f64> =
            super::lexicon::pairs(include_str!("../../assets/models/key-actors.tsv"))
                .filter_map(|(k, v)| Some((k, v.parse().ok()?)))
                .collect();
        KEY_FEATURES.iter().map(|f| table.get(f).copied().unwrap_or(0.0)).collect()
    })
}

/// Capitalised words that head a person's title inside a run ("President Donald Trump").
fn is_title_word(w: &str) -> bool {
    gazetteer().is_title(w)
}

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && s.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '&')
}

fn strip_possessive(s: &str) -> (&str, bool) {
    for suf in ["'s", "’s", "s'", "s’"] {
        if let Some(stem) = s.strip_suffix(suf) {
            return (if suf.starts_with('s') { &s[..s.len() - suf.len() + 1] } else { stem }, true);
        }
    }
    (s, false)
}

/// One capitalised run, before classification (token indices, end exclusive).
#[derive(Debug, Clone)]
struct Run {
    start: usize,
    end: usize,
    /// Byte range of the name part (after peeling titles, without a possessive).
    bytes: (usize, usize),
    /// Title words peeled off the front ("President").
    title: Option<String>,
    /// First token of the title, when there is one.
    title_start: usize,
    /// The body named before a title ("EU" in "EU Commissioner Katrin Vaher").
    prefix: bool,
    /// What the recogniser says it is.
    kind: EntityKind,
}

/// Candidate mention with its classification.
#[derive(Debug, Clone)]
struct Mention {
    name: String,
    kind: Option<ActorKind>,
    canonical: Option<String>,
    bytes: (usize, usize),
    tok: (usize, usize),
    title: Option<String>,
    title_start: usize,
    sentence_initial: bool,
}

/// Finds the actors of one text.
pub fn find(
    text: &str,
    tokens: &[Token],
    sentence_of: &[(usize, usize)],
    pos: &[&str],
    entities: &[Entity],
    headline: Option<&str>,
    parses: &mut crate::nlp::clause::Parses,
) -> Vec<FoundActor> {
    let g = gazetteer();
    let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut demonym_hits: Vec<(String, (usize, usize))> = Vec::new();
    let mut modifiers: Vec<(usize, usize)> = Vec::new();
    // Countries named only as an adjective ("U.S. officials") are dropped; places only weigh less.
    let mut adjectives: Vec<(usize, usize)> = Vec::new();
    let dateline = dateline_end(text);
    let runs = entity_runs(text, tokens, &words, sentence_of, pos, entities);
    let tables = crate::text::table_lines(text);
    // "India's Supreme Court", "the Mexican Senate": a body another country qualifies is that
    // country's, not the one its short name stands for in the gazetteer ("U.S. Supreme Court"),
    // and so is the article's every other bare use of the name.
    let country_of = |w: &str| match g.lookup(w) {
        Some(Entry::Country(c) | Entry::Demonym(c)) => Some(c.clone()),
        _ => None,
    };
    let foreign_bodies: std::collections::HashSet<&str> = runs
        .iter()
        .filter(|r| r.start > 0)
        .filter_map(|r| {
            let name = text.get(r.bytes.0..r.bytes.1)?;
            let Some(Entry::Organization(o)) = g.lookup(name) else { return None };
            let own = o.split_whitespace().next().and_then(country_of)?;
            let qualifier = country_of(strip_possessive(words[r.start - 1]).0)?;
            (o != name && qualifier != own).then_some(name)
        })
        .collect();
    // Words of people's full names ("Barnett Slepian"): "Slepian" alone is that person, though
    // it ends like an adjective ("Armenian", "Western").
    let name_words: std::collections::HashSet<&str> = runs
        .iter()
        .filter(|r| r.kind == EntityKind::Person && r.end - r.start >= 2)
        .flat_map(|r| words[r.start..r.end].iter().copied())
        .collect();
    for (ri, run) in runs.iter().enumerate() {
        // The dateline ("SILVER SPRING, Md., Feb. 16 (Wire) –") names a place and an outlet;
        // a table's rows (a stock widget) are no reporting of anyone.
        if run.bytes.0 < dateline || tables.iter().any(|&(s, e)| s <= run.bytes.0 && run.bytes.1 <= e) {
            continue;
        }
        if run.prefix {
            modifiers.push(run.bytes);
        }
        let name = text.get(run.bytes.0..run.bytes.1).unwrap_or("").to_string();
        if name.is_empty() {
            continue;
        }
        let sentence_initial = sentence_of.get(run.start).is_some_and(|s| s.0 == run.start)
            || (run.start > 0 && matches!(words[run.start - 1], "“" | "\"" | "‘" | "(" | "—" | "–" | "-" | ":"));
        let adjective = looks_like_adjective(&name) && !name_words.contains(name.as_str());
        if adjective || not_a_name(&name, run.start, &words) || unit_in_a_role(run, &words) {
            continue;
        }
        // "Joe and Hunter Biden": a given name coordinated with a full name shares its surname.
        let coordinated = runs.get(ri + 1).is_some_and(|next| {
            run.end - run.start == 1
                && next.kind == EntityKind::Person
                && next.start == run.end + 1
                && words.get(run.end) == Some(&"and")
                && next.end - next.start == 2
                && is_cap(&name)
                && g.lookup(&name).is_none()
        });
        let run_kind = if coordinated { EntityKind::Person } else { run.kind };
        let name = match runs.get(ri + 1) {
            Some(next) if coordinated => format!("{name} {}", words[next.end - 1]),
            _ => name,
        };
        let mut m = Mention {
            name: name.clone(),
            kind: None,
            canonical: None,
            bytes: run.bytes,
            tok: (run.start, run.end),
            title: run.title.clone(),
            title_start: run.title_start,
            sentence_initial,
        };
        // A person's name is a person even when a place shares it ("Jordan", "Georgia").
        // A city's name the recogniser reads as an organisation is a club or company named
        // after it ("Barcelona beat Valencia"), not the city.
        let entry = match (run_kind, g.lookup(&name)) {
            (EntityKind::Person, _) | (EntityKind::Organisation, Some(Entry::Place(_) | Entry::Capital(_))) => None,
            (_, e) => e,
        };
        let entry = match entry {
            Some(Entry::Organization(o)) if foreign_bodies.contains(name.as_str()) && *o != name => None,
            e => e,
        };
        match entry {
            Some(entry @ (Entry::Country(c) | Entry::Capital(c))) => {
                m.kind = Some(ActorKind::Country);
                m.canonical = Some(c.clone());
                let next = words.get(run.end).copied().unwrap_or("");
                let next_is_verb = next.chars().next().is_some_and(char::is_lowercase) && !CONNECTIVES.has(next);
                // "U.S. private equity firm", "UK Takeover Code": an abbreviation used as an
                // adjective; "in London": a place. Both count less than "Moscow has made it clear".
                // "the UK's position": a possessor, not an adjective.
                let possessive = text.get(run.bytes.1..).is_some_and(|r| r.starts_with(['\'', '’']));
                let abbrev = !possessive && (name.contains('.') || (name.len() <= 3 && is_acronym(&name)));
                // "the US government", "U.S. tariffs": the state acting through its organs.
                // ("a U.S. official" is someone unnamed.)
                let state = abbrev
                    && super::lexicon::STATE_NOUNS.has(&fold(next))
                    && !(run.start > 0 && matches!(words[run.start - 1], "a" | "an" | "A" | "An"));
                // "US-China talks": one side of a pair, not a nationality.
                let paired = text
                    .get(run.bytes.1..)
                    .is_some_and(|r| r.strip_prefix('-').is_some_and(|r| r.starts_with(|c: char| c.is_uppercase())))
                    || text
                        .get(..run.bytes.0)
                        .is_some_and(|l| l.strip_suffix('-').is_some_and(|l| l.ends_with(|c: char| c.is_uppercase())));
                let adjective = abbrev
                    && !state
                    && !paired
                    && next.chars().next().is_some_and(char::is_alphabetic)
                    && !next_is_verb
                    && !CONNECTIVES.has(next);
                let abbrev_before_noun = abbrev
                    && !state
                    && !paired
                    && next.chars().next().is_some_and(char::is_lowercase)
                    && !ACTING_VERBS.has(next);
                let place = matches!(entry, Entry::Capital(_)) && !next_is_verb;
                let located = run.start > 0
                    && matches!(
                        words[run.start - 1],
                        "in" | "across" | "throughout" | "within" | "outside" | "inside" | "from"
                    );
                if adjective || abbrev_before_noun {
                    adjectives.push(run.bytes);
                }
                // "the Ukraine war", "the Gaza ceasefire": a name modifying a noun.
                let noun_modifier = run.start > 0
                    && words[run.start - 1].eq_ignore_ascii_case("the")
                    && next.chars().next().is_some_and(char::is_lowercase)
                    && !ACTING_VERBS.has(next)
                    && !CONNECTIVES.has(next)
                    && !matches!(next, "which" | "who" | "that" | "also" | "itself");
                if adjective || abbrev_before_noun || paired || place || located || noun_modifier {
                    modifiers.push(run.bytes);
                }
            }
            Some(Entry::Organization(o)) => {
                m.kind = Some(ActorKind::Organization);
                m.canonical = Some(o.clone());
                // "operating in the European Union", "near the Kremlin": the body as a place.
                let mut p = run.start;
                if p > 0 && words[p - 1].eq_ignore_ascii_case("the") {
                    p -= 1;
                }
                let located = p > 0
                    && matches!(
                        words[p - 1],
                        "in" | "across" | "throughout" | "within" | "outside" | "inside" | "near"
                    );
                if located || modifier_use(text, &name, run.bytes.1, words.get(run.end).copied()) {
                    modifiers.push(run.bytes);
                }
            }
            Some(Entry::Place(p)) => {
                m.kind = Some(ActorKind::Place);
                m.canonical = Some(p.clone());
                // "in Bonn", "from Sydney": a location, context rather than an actor.
                let next = words.get(run.end).copied().unwrap_or("");
                let acting = next.chars().next().is_some_and(char::is_lowercase) && ACTING_VERBS.has(next);
                if !acting {
                    modifiers.push(run.bytes);
                }
            }
            Some(Entry::Demonym(c)) => {
                demonym_hits.push((c.clone(), run.bytes));
                continue;
            }
            // A name the gazetteer does not know: the recogniser's type decides.
            None => match run_kind {
                EntityKind::Person => m.kind = Some(ActorKind::Person),
                EntityKind::Organisation => {
                    m.kind = Some(ActorKind::Organization);
                    if modifier_use(text, &name, run.bytes.1, words.get(run.end).copied()) {
                        modifiers.push(run.bytes);
                    }
                }
                EntityKind::Location => {
                    m.kind = Some(ActorKind::Place);
                    // "in Bonn", "from Sydney": a location, context rather than an actor.
                    let next = words.get(run.end).copied().unwrap_or("");
                    let acting = next.chars().next().is_some_and(char::is_lowercase) && ACTING_VERBS.has(next);
                    if !acting {
                        modifiers.push(run.bytes);
                    }
                }
                EntityKind::Misc => continue,
            },
        }
        mentions.push(m);
    }

    // Acronyms introduced in brackets after a name: "European Digital Retail Association (EDRA)".
    let mut acronym_of: Vec<(String, String)> = Vec::new();
    for w in mentions.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if b.tok.0 == a.tok.1 + 1 && words.get(a.tok.1) == Some(&"(") && is_acronym(&b.name) {
            acronym_of.push((b.name.clone(), a.canonical.clone().unwrap_or_else(|| a.name.clone())));
        }
    }

    // Group mentions into actors: full forms first, then short forms attach to them.
    let mut actors: Vec<FoundActor> = Vec::new();
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(
                mentions[i].canonical.is_some() as u8 + mentions[i].name.split_whitespace().count() as u8,
            ),
            mentions[i].bytes.0,
        )
    });
    // Names used somewhere other than at a sentence start (looked up per mention below; a scan
    // of all mentions per mention was quadratic on long texts).
    let mid_sentence: std::collections::HashSet<&str> =
        mentions.iter().filter(|o| !o.sentence_initial).map(|o| o.name.as_str()).collect();
    // Words the text also uses in lower case ("meth"): a capitalised use only where any word
    // is capitalised (a sentence's or a quotation's start) is that word, not a name
    // (Mikheev's document-centred reading of capitals).
    let lower_words: std::collections::HashSet<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().all(|c| c.is_lowercase() || c == '-') && w.chars().any(char::is_alphabetic))
        .collect();
    // The actors found so far, looked up by name and by first/last word (a scan of every actor
    // per mention was quadratic in a long text with many names).
    let mut index = NameIndex::default();
    // The first full name each acronym was introduced with.
    let mut acronym_for: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (acr, full) in &acronym_of {
        acronym_for.entry(acr.as_str()).or_insert(full.as_str());
    }
    for i in order {
        let m = &mentions[i];
        let key = m.canonical.clone().unwrap_or_else(|| m.name.clone());
        // Acronym alias.
        if let Some(full) = acronym_for.get(m.name.as_str())
            && let Some(&at) = index.by_name.get(&fold(full)).filter(|&&at| actors[at].name == *full)
        {
            add_mention(&mut actors[at], &m.name, m.bytes);
            continue;
        }
        if let Some(&at) = index.by_name.get(&fold(&key)) {
            add_mention(&mut actors[at], &m.name, m.bytes);
            continue;
        }
        if let Some(at) = index.antecedent(&actors, m) {
            add_mention(&mut actors[at], &m.name, m.bytes);
            continue;
        }
        // A bare head noun ("Ministry") or an abbreviation ("Md.") only ever refers back.
        let single = !m.name.contains(' ');
        if single && (ORG_WORDS.contains(&fold(&m.name).as_str()) || super::sentences::is_abbreviation_word(&m.name)) {
            continue;
        }
        if single
            && m.canonical.is_none()
            && m.title.is_none()
            && !mid_sentence.contains(m.name.as_str())
            && lower_words.contains(m.name.to_lowercase().as_str())
        {
            continue;
        }
        let mut guessed = false;
        let kind = match m.kind {
            Some(k) => k,
            None => {
                // An unknown single word: a name if used as one (not only to start sentences).
                let used_mid_sentence = mid_sentence.contains(m.name.as_str());
                if m.title.is_some() {
                    ActorKind::Person
                } else if used_mid_sentence {
                    guessed = true;
                    ActorKind::Organization
                } else {
                    continue;
                }
            }
        };
        let mut a = FoundActor {
            name: key.clone(),
            kind,
            aliases: Vec::new(),
            role: None,
            salience: 0.0,
            mentions: Vec::new(),
            weak: 0,
            guessed,
            demonyms: 0,
            features: Vec::new(),
        };
        add_mention(&mut a, &m.name, m.bytes);
        index.add(&a);
        actors.push(a);
    }
    // A name known only from its capitals that is used as a location ("near Chillicothe",
    // "Parsippany, New Jersey") is a place.
    for a in actors.iter_mut().filter(|a| a.guessed) {
        let located = a.mentions.iter().filter(|&&(s, e)| locative_use(text, s, e)).count();
        if located * 2 >= a.mentions.len() {
            a.kind = ActorKind::Place;
            a.guessed = false;
        }
    }
    // A country named only as a modifier is context, not an actor.
    actors.retain(|a| a.kind != ActorKind::Country || a.mentions.iter().any(|m| !adjectives.contains(m)));
    for a in &mut actors {
        a.weak += a.mentions.iter().filter(|m| modifiers.contains(m)).count();
    }
    brussels_for_the_eu(text, &mut actors);
    // A demonym ("Russian officials") supports its country's salience but is an adjective,
    // not a mention of the country's name.
    for (country, _) in demonym_hits {
        if let Some(a) = actors.iter_mut().find(|a| a.name == country) {
            a.demonyms += 1;
        }
    }

    // Roles: the mention rules at each mention, then the article passes, in table order.
    let by_bytes: std::collections::HashMap<(usize, usize), usize> =
        mentions.iter().enumerate().rev().map(|(i, m)| (m.bytes, i)).collect();
    let context = Context { text, tokens, words: &words, sentence_of, pos };
    for a in &mut actors {
        a.mentions.sort_unstable();
        a.mentions.dedup();
        let mut roles: Vec<String> = Vec::new();
        for &(s, e) in &a.mentions {
            let Some(m) = by_bytes.get(&(s, e)).map(|&i| &mentions[i]) else {
                continue;
            };
            for rule in MENTION_ROLE_RULES {
                if let Some(r) = (rule.read)(&context, m, a.kind)
                    && !roles.iter().any(|x| fold(x) == fold(&r))
                    && roles.len() < 3
                {
                    roles.push(r);
                }
            }
        }
        if !roles.is_empty() {
            a.role = Some(roles.join("; "));
        }
    }
    let mut pass = Pass { cx: &context, mentions: &mentions, by_bytes: &by_bytes, actors: &mut actors, parses };
    for step in ROLE_PASSES {
        (step.run)(&mut pass);
    }

    actors.retain(|a| !a.mentions.is_empty());
    score(text, &mut actors, headline, &[], &[], &[], parses);
    rank(&mut actors);
    actors
}

/// A rule that reads a role at one mention of an actor, from the words around it.
struct MentionRule {
    /// What the rule reads (the tables' test checks the names).
    #[cfg_attr(not(test), allow(dead_code))]
    name: &'static str,
    read: fn(&Context, &Mention, ActorKind) -> Option<String>,
}

/// The mention rules, in the order their roles are listed (at most three roles per actor).
const MENTION_ROLE_RULES: &[MentionRule] = &[
    // "U.S. special envoy Steve Witkoff", "Barcelona star Neymar": a title or a description
    // before the name.
    MentionRule {
        name: "title before the name",
        read: |c, m, kind| pre_role(c, m.title_start, kind, m.title.as_deref()),
    },
    // "Gerhard Mangott, an Austrian political analyst,".
    MentionRule {
        name: "apposition after the name",
        read: |c, m, kind| appositive(c.text, c.tokens, c.words, m.tok.1, kind),
    },
    // "Tim Clark is the airline's president".
    MentionRule { name: "copular clause", read: |c, m, kind| copular_role(c.text, c.tokens, c.words, m.tok.1, kind) },
];

/// What the article passes read and change: the text, its mentions and the actors so far.
struct Pass<'a, 'b> {
    cx: &'a Context<'a>,
    mentions: &'a [Mention],
    by_bytes: &'a std::collections::HashMap<(usize, usize), usize>,
    actors: &'a mut Vec<FoundActor>,
    parses: &'b mut crate::nlp::clause::Parses,
}

/// A pass over the whole article that adds, corrects or removes roles, mentions or kinds.
struct ArticlePass {
    /// What the pass does (the tables' test checks the names).
    #[cfg_attr(not(test), allow(dead_code))]
    name: &'static str,
    run: fn(&mut Pass),
}

/// The article passes, in the order they run after the mention rules. A pass that reads roles
/// of its own is followed by the clause check, which drops a role that is a clause.
const ROLE_PASSES: &[ArticlePass] = &[
    // "Hong Kong police" … "police fired tear gas": a lone place-body noun as that body.
    ArticlePass { name: "place bodies", run: |p| place_body_mentions(p.cx.text, p.cx.tokens, p.cx.words, p.actors) },
    ArticlePass { name: "clause check", run: |p| drop_clause_roles(p.cx.text, p.cx.tokens, p.cx.pos, p.actors) },
    // "the French plane-maker" for the organisation named before it.
    ArticlePass { name: "definite descriptions", run: |p| definite_roles(p.cx.text, p.actors) },
    // "Kirill Dmitriev, who also heads …", for an actor with no role yet.
    ArticlePass {
        name: "relative clauses",
        run: |p| {
            for a in p.actors.iter_mut().filter(|a| a.role.is_none()) {
                a.role = a.mentions.iter().find_map(|&(s, e)| {
                    let m = p.by_bytes.get(&(s, e)).map(|&i| &p.mentions[i])?;
                    relative_role(p.cx.text, p.cx.tokens, p.cx.words, m.tok.1)
                });
            }
        },
    },
    // "a lawsuit filed by X", "the plaintiffs".
    ArticlePass { name: "litigants", run: |p| litigation_roles(p.cx.text, p.actors) },
    ArticlePass { name: "clause check", run: |p| drop_clause_roles(p.cx.text, p.cx.tokens, p.cx.pos, p.actors) },
    // Appositions the word rules missed, read from the sentence's dependency parse ("Mr.
    // Trump's personal lawyer, Rudy Giuliani,").
    ArticlePass {
        name: "parsed roles",
        run: |p| parsed_roles(p.cx.text, p.cx.tokens, p.cx.sentence_of, p.actors, p.parses),
    },
    ArticlePass { name: "clause check", run: |p| drop_clause_roles(p.cx.text, p.cx.tokens, p.cx.pos, p.actors) },
    // A role only a person or only a firm has decides a mistyped kind; "the government of X".
    ArticlePass { name: "kinds from roles", run: |p| refine_kinds(p.cx.text, p.actors) },
    // "The envoy said": a title used alone as a mention of the one person with that title.
    ArticlePass { name: "title mentions", run: |p| title_mentions(p.cx.text, p.actors) },
];

/// Where the clause that holds a name at byte `name` starts, in a sentence starting at byte
/// `start`: right after a quotation the name follows (`"… say, Costco," Howard Gleckman, a
/// senior fellow at …, has written.`), else the sentence's start. The parser reads the quoted
/// words and their attribution as one clause and loses the apposition; the attribution read
/// alone keeps it.
fn attribution_start(text: &str, start: usize, name: usize) -> usize {
    let before = &text[start..name];
    let gap = before.len() - before.trim_end_matches([' ', ',']).len();
    let lead = &before[..before.len() - gap];
    let closing = lead.ends_with('”') || lead.ends_with('"') && lead.matches('"').count().is_multiple_of(2);
    if closing && lead.len() > 1 { name } else { start }
}

/// Drops the parts of roles that are no noun phrase: a part that is a clause ("He said his
/// predecessor", "sale was part of a program run by RJR's owner") or an adverbial ("In the
/// year-earlier third quarter"): the words before a comma ran back over the sentence. Run
/// before the passes that fill only empty roles, so a misread part does not keep them out.
/// A part is also a clause when the tagger, reading it where the text says it near one of the
/// actor's mentions, finds a present-tense verb or a modal in it (not a past form, which the
/// tagger gives participles too: "Minnesota man charged with …") ("Craig Dawson brings down …", "terror
/// group makes extensive use of …"), unless a relative clause's own verb opens it ("heads
/// Russia's sovereign wealth fund", "owns and operates hotels").
fn drop_clause_roles(text: &str, tokens: &[Token], pos: &[&str], actors: &mut [FoundActor]) {
    for a in actors.iter_mut() {
        let mentions = std::mem::take(&mut a.mentions);
        let finite_inside = |part: &str| -> bool {
            for &(s, e) in &mentions {
                let mut lo = s.saturating_sub(400);
                while !text.is_char_boundary(lo) {
                    lo -= 1;
                }
                let mut hi = (e + 400).min(text.len());
                while !text.is_char_boundary(hi) {
                    hi += 1;
                }
                let Some(off) = text[lo..hi].find(part) else { continue };
                let (ps, pe) = (lo + off, lo + off + part.len());
                let first = tokens.partition_point(|t| t.start < ps);
                // ("owns and operates hotels": a relative clause's verbs, all of them.)
                if tokens.get(first).is_some_and(|t| RELATIVE_VERBS.has(&fold(t.text(text)))) {
                    return false;
                }
                // ("private group that runs the current system": a relative clause inside.)
                let relative =
                    |i: usize| i > 0 && matches!(fold(tokens[i - 1].text(text)).as_str(), "that" | "who" | "which");
                return (first..tokens.len())
                    .take_while(|&i| tokens[i].end <= pe)
                    .any(|i| matches!(pos.get(i).copied().unwrap_or(""), "VBZ" | "VBP" | "MD") && !relative(i));
            }
            false
        };
        if let Some(r) = a.role.take() {
            let parts: Vec<&str> = r
                .split("; ")
                // Never across a line or paragraph ("BBC diplomatic correspondent\n\nWith the
                // end of …"): a caption or byline ends at its line.
                // A quotation mark the phrase began with is not part of it.
                .map(|p| p.split('\n').next().unwrap_or("").trim().trim_start_matches(['"', '“', '”', ',', ' ']))
                // … nor a bracket it did not close ("(Vice President").
                .map(|p| if p.contains(')') { p } else { p.trim_start_matches(['(', '`', '\'', ' ']) })
                .filter(|p| !p.is_empty())
                // A joining word the phrase was cut after is not part of it ("and the
                // father's lawyer", "also acting chief financial officer"; "then Tribune's
                // largest shareholder" keeps its "then").
                .map(|p| {
                    let mut p = p;
                    while let Some(rest) = ["and ", "also "].iter().find_map(|w| p.strip_prefix(w)) {
                        p = rest;
                    }
                    p
                })
                .filter(|p| {
                    let first = p.split_whitespace().next().unwrap_or("");
                    let clause = p
                        .split(|c: char| !c.is_alphanumeric() && c != '-')
                        .any(|w| super::lexicon::CLAUSE_WORDS.has(w));
                    // A role opens with a word, not a bracket or a quotation's mark ("[he was]
                    // such a passionate …", "’ The story").
                    let opens_with_word = first.starts_with(char::is_alphanumeric);
                    !matches!(first, "He" | "She" | "They" | "It" | "We" | "I")
                        && !matches!(first, "In" | "On" | "At" | "After" | "During" | "Since" | "For" | "With")
                        && !super::lexicon::ROLE_OPENERS.has(&first.to_lowercase())
                        && opens_with_word
                        && !clause
                        && !finite_inside(p)
                })
                .collect();
            // A bare abbreviated title is spelled out ("Rep." → "Representative").
            let parts: Vec<&str> =
                parts.into_iter().map(|p| super::lexicon::title_spelled_out(p.trim()).unwrap_or(p)).collect();
            a.role = (!parts.is_empty()).then(|| parts.join("; "));
        }
        a.mentions = mentions;
    }
}

/// Roles the word rules found none for, from the parse of the sentence that names the actor:
/// an apposition after the name ("Howard Gleckman, a senior fellow at the Tax Policy Center,")
/// or before it ("Mr. Trump's personal lawyer, Rudy Giuliani,"), headed by a common noun, so
/// no list of role words limits it. Only sentences where a comma touches a mention of an actor
/// without a role are parsed (parsing is the dearest step), at most three per actor.
fn parsed_roles(
    text: &str,
    tokens: &[Token],
    sentence_of: &[(usize, usize)],
    actors: &mut [FoundActor],
    parses: &mut crate::nlp::clause::Parses,
) {
    // The candidate mentions first (at most three per actor), then their sentences parsed
    // side by side and the roles read.
    // Per actor: its index and the candidate mentions (start, end, the sentence's bytes).
    type Candidate = (usize, usize, (usize, usize));
    type Candidates = Vec<Candidate>;
    let mut candidates: Vec<(usize, Candidates)> = Vec::new();
    for (ai, a) in actors.iter().enumerate().filter(|(_, a)| a.role.is_none() && a.kind != ActorKind::Country) {
        let mut mine = Vec::new();
        for &(s, e) in &a.mentions {
            // Only where an apposition can be: ", a/the/lower-case …" after the name, or a
            // lower-case noun and a comma before it (not ", said Name" or "Name, Name").
            // A generational suffix the name left out ("Louis Gerstner Jr., chairman …").
            let rest = [" Jr.", " Sr.", " Jr", " Sr", " III", " II", " IV"]
                .iter()
                .find_map(|x| text[e..].strip_prefix(x))
                .unwrap_or(&text[e..]);
            let next = rest.strip_prefix(", ").and_then(|r| r.split_whitespace().next()).unwrap_or("");
            // "Alexander Vindman, who is the White House … expert": a copular relative clause.
            let copular_relative = ["who is ", "who was ", "who has been ", "who had been "]
                .iter()
                .any(|w| rest.strip_prefix(", ").is_some_and(|r| r.starts_with(w)));
            let after_comma = next.starts_with(char::is_lowercase)
                && !matches!(next, "said" | "says" | "who" | "which" | "and" | "or" | "but" | "told" | "added")
                || copular_relative;
            let prev = text[..s].strip_suffix(", ").and_then(|r| r.split_whitespace().last()).unwrap_or("");
            let before_comma = prev.starts_with(char::is_lowercase)
                && prev.chars().all(|c| c.is_alphabetic() || c == '-')
                && !matches!(prev, "said" | "says" | "and" | "or" | "but" | "told" | "added");
            // A title phrase right before a person's first mention ("China's ambassador to
            // Britain Liu Xiaming", "Ukraine expert Alexander Vindman").
            // Only a full name's first mention, with a lower-case noun-like word among the three
            // before it (not a verb or a function word): parsing every first mention cost a
            // third more time on a long text for one role more per fifty.
            // An organisation's description works the same way ("home-improvement retailer Home
            // Depot", "U.S. plane-maker Boeing").
            let title_before = (a.kind == ActorKind::Person && text[s..e].contains(' ')
                || a.kind == ActorKind::Organization)
                && mine.is_empty()
                && text[..s].split_whitespace().rev().take(3).any(|w| {
                    w.len() >= 4
                        && w.starts_with(char::is_lowercase)
                        && w.chars().all(char::is_alphabetic)
                        && !w.ends_with("ed")
                        && !matches!(
                            w,
                            "said"
                                | "says"
                                | "told"
                                | "with"
                                | "from"
                                | "that"
                                | "when"
                                | "after"
                                | "before"
                                | "about"
                                | "which"
                                | "where"
                                | "while"
                                | "under"
                                | "into"
                                | "over"
                                | "than"
                                | "also"
                                | "have"
                                | "were"
                                | "been"
                                | "will"
                                | "would"
                                | "could"
                                | "should"
                                | "their"
                                | "there"
                                | "including"
                                | "like"
                                | "between"
                                | "against"
                                | "during"
                        )
                });
            if !(after_comma || before_comma || title_before) {
                continue;
            }
            let ti = tokens.partition_point(|t| t.end <= s);
            let Some(&(f, l)) = sentence_of.get(ti) else { continue };
            if l == 0 || l > tokens.len() || f >= l {
                continue;
            }
            mine.push((s, e, (attribution_start(text, tokens[f].start, s), tokens[l - 1].end)));
            if mine.len() == 3 {
                break;
            }
        }
        if !mine.is_empty() {
            candidates.push((ai, mine));
        }
    }
    // In rounds: every actor's first candidate, then the next one of those still without a
    // role, so that a sentence is parsed only when no earlier candidate gave the role (as
    // many parses again otherwise, for the same roles).
    for round in 0.. {
        let pending: Vec<(usize, Candidate)> = candidates
            .iter()
            .filter(|(ai, _)| actors[*ai].role.is_none())
            .filter_map(|(ai, mine)| mine.get(round).map(|&c| (*ai, c)))
            .collect();
        if pending.is_empty() {
            break;
        }
        let ranges: Vec<(usize, usize)> = pending.iter().map(|&(_, (_, _, r))| r).collect();
        parses.ensure(text, &ranges);
        for (ai, (s, e, range)) in pending {
            if let Some(role) = parses.parsed(range).and_then(|sent| apposition_role(sent, text, s, e)) {
                actors[ai].role = Some(role);
            }
        }
    }
}

/// The apposition of the name over bytes `s..e` in a parsed sentence, as a role.
fn apposition_role(sent: &crate::nlp::clause::Sentence, text: &str, s: usize, e: usize) -> Option<String> {
    let h = sent.head_of(s, e)?;
    let name = sent.tokens_in(s, e);
    // A common noun (the UPOS tagger sometimes calls "fellow" an adjective; the joint tagger
    // may still say NN).
    let common = |k: usize| matches!(sent.upos[k], "NOUN" | "ADJ") || matches!(sent.xpos[k], "NN" | "NNS");
    // A role has no clause of its own ("a man who …", "the company said").
    let clause_free = |r: &std::ops::Range<usize>| {
        !r.clone().any(|k| sent.is_verb(k) && sent.xpos[k] != "VBN" && sent.xpos[k] != "VBG") && r.len() <= 18
    };
    let trimmed = |r: std::ops::Range<usize>| {
        let mut r = r;
        while r.start < r.end
            && matches!(
                sent.words[r.start].as_str(),
                "a" | "an"
                    | "the"
                    | ","
                    | "—"
                    | "–"
                    | "-"
                    | "--"
                    | "\""
                    | "“"
                    | "”"
                    | "``"
                    | "''"
                    | "jr."
                    | "sr."
                    | "jr"
                    | "sr"
                    | "ii"
                    | "iii"
                    | "iv"
            )
        {
            r.start += 1;
        }
        while r.end > r.start && matches!(sent.upos[r.end - 1], "PUNCT") {
            r.end -= 1;
        }
        r
    };
    // "who" as the subject and a copula under `c` ("…, who is the … expert").
    let relative_who = |k: usize| sent.deprels[k].starts_with("nsubj") && sent.words[k].eq_ignore_ascii_case("who");
    let who_is =
        |c: usize| sent.children(c).any(|k| sent.deprels[k] == "cop" && k < c) && sent.children(c).any(relative_who);
    // Where a relative clause of `c`'s own begins: the role ends there ("Huawei, the embattled
    // Chinese tech company that has become a symbol of …").
    // So does a clause joined to it ("the special FBI agent in charge of the Buffalo office,
    // and other investigators will also be there"), not a joined noun ("president and chief
    // executive").
    let clausal = |k: usize| {
        sent.subtree(k).any(|x| (sent.is_verb(x) && !matches!(sent.xpos[x], "VBN" | "VBG")) || sent.deprels[x] == "cop")
    };
    let phrase_end = |c: usize| {
        sent.children(c)
            .filter(|&k| k > c && (sent.deprels[k].starts_with("acl") || (sent.deprels[k] == "conj" && clausal(k))))
            .map(|k| sent.subtree(k).start)
            .min()
            .unwrap_or(sent.subtree(c).end)
    };
    // After the name: NAME, a senior fellow at …,
    // An apposition right after the name and its comma is the name's, wherever the parse hung it.
    let adjacent = |c: usize| {
        sent.words.get(name.end).is_some_and(|w| w == ",")
            && (sent.subtree(c).start == name.end || sent.subtree(c).start == name.end + 1)
    };
    if let Some(c) =
        sent.children(h).find(|&c| sent.deprels[c] == "appos" && c >= name.end && common(c)).or_else(|| {
            // … or as a conjunct when it opens with an article ("Howard Gleckman, a senior
            // fellow at …" misread as a list).
            let described = |c: usize| {
                sent.deprels[c] == "appos"
                    || who_is(c)
                    || (sent.deprels[c] == "conj"
                        && sent.words.get(name.end + 1).is_some_and(|w| matches!(w.as_str(), "a" | "an" | "the")))
            };
            (name.end + 1..sent.len()).find(|&c| described(c) && common(c) && adjacent(c))
        })
    {
        let mut r = trimmed(name.end..phrase_end(c));
        // "NAME, who is the … expert" parsed as an apposition with "who is" inside it.
        while r.start < c && (sent.deprels[r.start] == "cop" || relative_who(r.start)) {
            r = trimmed(r.start + 1..r.end);
        }
        if !r.is_empty() && clause_free(&r) {
            return Some(sent.text(text, r).to_string());
        }
    }
    // NAME, who is the White House National Security Council Ukraine expert: the predicate of
    // a copular relative clause on the name.
    if let Some(c) =
        sent.children(h).find(|&c| c >= name.end && sent.deprels[c] == "acl:relcl" && common(c) && who_is(c))
    {
        let cop = sent.children(c).find(|&k| sent.deprels[k] == "cop").unwrap_or(c);
        let r = trimmed(cop + 1..phrase_end(c));
        if !r.is_empty() && clause_free(&r) {
            return Some(sent.text(text, r).to_string());
        }
    }
    // Before it: Mr. Trump's personal lawyer, NAME,
    if sent.deprels[h] == "appos"
        && let Some(g) = sent.heads[h]
        && g < name.start
        && common(g)
    {
        // "the judgment of another witness, NAME": the noun phrase right before the comma, when
        // the parse hung the name on a noun further back.
        let n = name.start.saturating_sub(2);
        let from = if n != g && common(n) && sent.dominates(g, n) { n } else { g };
        let mut start = sent.subtree(from).start;
        while start < from && sent.deprels[start] == "case" {
            start += 1;
        }
        let r = trimmed(start..name.start);
        if !r.is_empty() && clause_free(&r) && sent.words[name.start - 1] == "," {
            return Some(sent.text(text, r).to_string());
        }
    }
    // A title phrase right before the name, no comma between: the name's descriptive
    // modifier ("Ukraine expert Alexander Vindman"), or the noun the name hangs on ("China's
    // ambassador to Britain Liu Xiaming").
    let no_comma = |r: &std::ops::Range<usize>| !r.clone().any(|k| matches!(sent.words[k].as_str(), "," | ";" | ":"));
    if let Some(c) = sent
        .children(h)
        .filter(|&c| c < name.start && matches!(sent.deprels[c], "nmod:desc" | "compound") && sent.upos[c] == "NOUN")
        .last()
    {
        let r = trimmed(sent.subtree(c).start..name.start);
        if !r.is_empty() && clause_free(&r) && no_comma(&r) && sent.subtree(c).end == name.start {
            return Some(sent.text(text, r).to_string());
        }
    }
    if matches!(sent.deprels[h], "nmod" | "appos" | "compound" | "flat")
        && let Some(g) = sent.heads[h]
        && g < name.start
        && sent.upos[g] == "NOUN"
    {
        let r = trimmed(sent.subtree(g).start..name.start);
        // "spokesman for Senator John Smith", "aide to Prime Minister X", "lawyer for X": the
        // preposition governs the name (with at most its title), so the noun is someone else.
        let last_adp = r.clone().rev().find(|&k| sent.upos[k] == "ADP");
        let names_other = last_adp.is_some_and(|p| {
            // "ministers of the Council": only a determiner between the preposition and the name.
            let tail: Vec<usize> = (p + 1..r.end).filter(|&k| sent.upos[k] != "DET").collect();
            tail.is_empty() || tail.iter().any(|&k| gazetteer().is_title(sent.words[k].trim_end_matches('.')))
        });
        if !r.is_empty() && clause_free(&r) && no_comma(&r) && r.len() <= 10 && !names_other {
            return Some(sent.text(text, r).to_string());
        }
    }
    None
}

/// Title-only mentions: "the envoy" or "the president" after the one person whose role has
/// that head noun ("U.S. special envoy Steve Witkoff … The envoy said") is a mention of that
/// person. Skipped when two people share the title (ambiguous), before the person's first
/// mention, and for "the president of …" (someone else's title).
fn title_mentions(text: &str, actors: &mut [FoundActor]) {
    let lower = text.to_ascii_lowercase();
    let mut heads: Vec<(String, usize)> = Vec::new();
    for (i, a) in actors.iter().enumerate() {
        if a.kind != ActorKind::Person {
            continue;
        }
        let Some(head) = a.role.as_deref().and_then(|r| r.split(';').next()).and_then(role_head_noun) else {
            continue;
        };
        if head.len() >= 4 && is_role_head(&head) && head.chars().all(|c| c.is_ascii_lowercase()) {
            heads.push((head, i));
        }
    }
    let mut taken = Taken::default();
    for &(s, e) in actors.iter().flat_map(|a| a.mentions.iter()) {
        taken.insert(s, e);
    }
    let mut people_with: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (head, _) in &heads {
        *people_with.entry(head.as_str()).or_default() += 1;
    }
    for (head, i) in &heads {
        if people_with.get(head.as_str()).copied().unwrap_or(0) > 1 {
            continue;
        }
        let first = actors[*i].mentions.iter().map(|m| m.0).min().unwrap_or(usize::MAX);
        let needle = format!("the {head}");
        let mut found = Vec::new();
        for (at, _) in lower.match_indices(&needle) {
            let end = at + needle.len();
            let before_ok = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
            let after = &lower[end..];
            let after_ok = !after.starts_with(|c: char| c.is_alphanumeric() || c == '-')
                && !after.starts_with(" of ")
                && !after.starts_with("'s ")
                && !after.starts_with("’s ");
            if before_ok && after_ok && at > first {
                found.push((at + 4, end));
            }
        }
        for (s, e) in found {
            if !taken.overlaps(s, e) {
                let surface = text[s..e].to_string();
                add_mention(&mut actors[*i], &surface, (s, e));
                taken.insert(s, e);
            }
        }
    }
}

/// Byte ranges already taken by a mention, for overlap tests in a long text.
#[derive(Default)]
struct Taken {
    spans: std::collections::BTreeSet<(usize, usize)>,
    longest: usize,
}

impl Taken {
    fn insert(&mut self, s: usize, e: usize) {
        self.spans.insert((s, e));
        self.longest = self.longest.max(e.saturating_sub(s));
    }

    /// Whether any taken range overlaps `s..e`: only ranges starting before `e` and at most
    /// the longest range's length before `s` can.
    fn overlaps(&self, s: usize, e: usize) -> bool {
        self.spans.range((s.saturating_sub(self.longest), 0)..(e, 0)).any(|&(ms, me)| ms < e && s < me)
    }
}

/// A capitalised word that is an adjective, not a name: "Western", "European",
/// "Russian-Western", "Sino-American".
fn looks_like_adjective(name: &str) -> bool {
    if name.contains(' ') {
        return false;
    }
    let parts: Vec<&str> = name.split('-').collect();
    if parts.len() > 1 && parts.iter().any(|p| matches!(gazetteer().lookup(p), Some(Entry::Demonym(_)))) {
        return true;
    }
    if is_compound_adjective(name) {
        return true;
    }
    let f = fold(name);
    ["ern", "ean", "ian", "ese", "ish"].iter().any(|s| f.ends_with(s))
        && gazetteer().lookup(name).is_none()
        && !is_acronym(name)
        && f.len() > 4
}

/// Where a dateline at the start of the text ends (0 when there is none): an all-capitals
/// place, then anything up to a dash within the first 100 characters.
pub fn dateline_end(text: &str) -> usize {
    let head: String = text.chars().take(100).collect();
    let first = head.split([',', ' ', '(']).next().unwrap_or("");
    let caps = first.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && first.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    if !caps {
        return outlet_dateline_end(&head);
    }
    // "BRUSSELS, 18 March – …", and the wire style "CANBERRA, Australia (AP)_ …".
    [" – ", " — ", " - ", ")_ ", " _ "].iter().filter_map(|d| head.find(d).map(|p| p + d.len())).min().unwrap_or(0)
}

/// The web style of dateline, a place the gazetteer knows and the outlet in brackets: "Hong
/// Kong (CNN Business) A muddled view …", "Washington (CNN) —" (0 when the text does not open
/// so; "Apple (AAPL) shares rose" names no place).
fn outlet_dateline_end(head: &str) -> usize {
    let Some(open) = head.find(" (") else { return 0 };
    let Some(close) = head[open..].find(')').map(|c| open + c) else { return 0 };
    let place = &head[..open];
    let outlet = &head[open + 2..close];
    let is_place = matches!(gazetteer().lookup(place), Some(Entry::Country(_) | Entry::Capital(_) | Entry::Place(_)));
    let outlet_like = (1..=4).contains(&outlet.split_whitespace().count())
        && outlet.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !(is_place && outlet_like && place.split_whitespace().count() <= 4) {
        return 0;
    }
    let rest = &head[close + 1..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '-', '–', '—', '_']).len();
    close + 1 + skipped
}

/// An abbreviation or acronym used as a modifier of a lower-case noun ("EU consumers",
/// "the U.N. climate secretariat", "the incoming COP presidency"), not as the actor itself.
/// A possessive ("the IMF’s mission chief") or a verb after it ("EDRA has asked") is a use
/// as a name.
fn modifier_use(text: &str, name: &str, end: usize, next: Option<&str>) -> bool {
    let abbrev = name.contains('.') || (name.chars().filter(|c| c.is_alphabetic()).count() <= 5 && is_acronym(name));
    let possessive = text.get(end..).is_some_and(|r| r.starts_with(['\'', '’']));
    let Some(next) = next else { return false };
    abbrev
        && !possessive
        && next.chars().next().is_some_and(char::is_lowercase)
        && !ACTING_VERBS.has(next)
        && !CONNECTIVES.has(next)
        && !matches!(next, "and" | "or" | "which" | "who" | "that" | "also" | "itself" | "has" | "is")
}

/// "Brussels" in an article about the European Union's institutions stands for them (as
/// "Washington" stands for the U.S. government), not for Belgium: its mentions go to the
/// European Commission, or else the European Union, when the article names either.
fn brussels_for_the_eu(text: &str, actors: &mut Vec<FoundActor>) {
    let Some(bi) = actors.iter().position(|a| {
        a.name == "Belgium" && a.mentions.iter().all(|&(s, e)| text.get(s..e).is_some_and(|t| fold(t) == "brussels"))
    }) else {
        return;
    };
    let Some(ei) = ["European Commission", "European Union"]
        .iter()
        .find_map(|n| actors.iter().position(|a| a.name == *n && a.weak < a.mentions.len()))
    else {
        return;
    };
    let belgium = actors.remove(bi);
    let ei = if ei > bi { ei - 1 } else { ei };
    for &(s, e) in &belgium.mentions {
        add_mention(&mut actors[ei], text.get(s..e).unwrap_or("Brussels"), (s, e));
    }
    actors[ei].weak += belgium.weak;
}

/// Whether a mention reads as a location: after "in", "near" and the like, or followed by
/// a comma and a known region or country ("Parsippany, New Jersey").
fn locative_use(text: &str, s: usize, e: usize) -> bool {
    let before = text.get(..s).unwrap_or("").trim_end();
    let prev = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    if matches!(prev, "in" | "near" | "outside" | "across" | "throughout" | "around" | "from" | "towards" | "toward") {
        return true;
    }
    let Some(after) = text.get(e..).and_then(|r| r.strip_prefix(", ")) else {
        return false;
    };
    let words: Vec<&str> = after.split_whitespace().take(3).collect();
    (1..=words.len()).any(|n| {
        let phrase = words[..n].join(" ");
        let phrase = phrase.trim_end_matches([',', '.', ';', ':']);
        matches!(gazetteer().lookup(phrase), Some(Entry::Place(_) | Entry::Country(_)))
    })
}

/// "Lusaka-based", "Asian-owned", "state-backed".
fn is_compound_adjective(w: &str) -> bool {
    let f = fold(w);
    ["-based", "-owned", "-founded", "-listed", "-backed", "-led", "-run", "-born", "-registered", "-headquartered"]
        .iter()
        .any(|s| f.ends_with(s))
}

fn add_mention(a: &mut FoundActor, surface: &str, bytes: (usize, usize)) {
    if fold(surface) != fold(&a.name) && !a.aliases.iter().any(|x| fold(x) == fold(surface)) {
        a.aliases.push(surface.to_string());
    }
    a.mentions.push(bytes);
}

/// The actors found so far, indexed for the lookups a mention makes: its folded name, and the
/// first and last words and initials of every name (for [`NameIndex::antecedent`]).
#[derive(Default)]
struct NameIndex {
    /// Folded name → actor (names are unique once folded: a second one joins the first).
    by_name: std::collections::HashMap<String, usize>,
    /// Folded words of each actor's name, by actor index.
    words: Vec<Vec<String>>,
    by_first: std::collections::HashMap<String, Vec<usize>>,
    by_last: std::collections::HashMap<String, Vec<usize>>,
    by_initials: std::collections::HashMap<String, Vec<usize>>,
    /// People by the first five letters of their surname (spelling variants: "Zelensky").
    by_stem: std::collections::HashMap<String, Vec<usize>>,
}

/// Generational suffixes after a surname ("Patrick Carlineo Jr.").
fn is_name_suffix(w: &str) -> bool {
    matches!(w.trim_end_matches('.'), "jr" | "sr" | "ii" | "iii" | "iv")
}

/// A person's name words without a generational suffix.
fn without_suffix(words: &[String]) -> &[String] {
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() && is_name_suffix(last) => rest,
        _ => words,
    }
}

/// The first five letters of a word (the key of [`NameIndex::by_stem`]).
fn stem5(w: &str) -> String {
    w.chars().take(5).collect()
}

/// Whether two given names can be one person's: equal, one a short form that starts the other
/// ("Pat", "Patrick"), or an initial ("P.").
fn given_names_agree(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_end_matches('.'), b.trim_end_matches('.'));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && long.starts_with(short) && (short.chars().count() >= 3 || short.chars().count() == 1)
}

/// Whether two surnames are spellings of one name: one letter added, dropped or changed in a
/// word of at least six letters ("Zelensky", "Zelenskyy").
fn spelling_variant(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 6 || a.len().abs_diff(b.len()) > 1 || a == b {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let q = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    p + q >= a.len().max(b.len()) - 1
}

impl NameIndex {
    /// Records the next actor (its index is the number recorded before it).
    fn add(&mut self, a: &FoundActor) {
        let at = self.words.len();
        self.by_name.entry(fold(&a.name)).or_insert(at);
        let words: Vec<String> = a.name.split_whitespace().map(fold).collect();
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            self.by_first.entry(first.clone()).or_default().push(at);
            self.by_last.entry(last.clone()).or_default().push(at);
        }
        self.by_initials.entry(initials(&a.name)).or_default().push(at);
        if a.kind == ActorKind::Person {
            let core = without_suffix(&words);
            if core.len() < words.len()
                && let Some(last) = core.last()
            {
                self.by_last.entry(last.clone()).or_default().push(at);
            }
            if let Some(last) = core.last() {
                self.by_stem.entry(stem5(last)).or_default().push(at);
            }
        }
        self.words.push(words);
    }

    /// The first actor a short or partial mention refers to: a surname, a name prefix
    /// ("Kestrel"), a head noun ("Commission"), or the initials of an organisation.
    fn antecedent(&self, actors: &[FoundActor], m: &Mention) -> Option<usize> {
        if m.kind == Some(ActorKind::Country) || m.canonical.is_some() {
            return None;
        }
        let toks: Vec<String> = m.name.split_whitespace().map(fold).collect();
        let (first, last) = (toks.first()?, toks.last()?);
        let acronym = toks.len() == 1 && is_acronym(&m.name);
        let none = Vec::new();
        let mut candidates: Vec<usize> = [
            self.by_first.get(first).unwrap_or(&none),
            self.by_last.get(last).unwrap_or(&none),
            if acronym { self.by_initials.get(&m.name.replace('.', "")).unwrap_or(&none) } else { &none },
        ]
        .into_iter()
        .flatten()
        .copied()
        .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let person = m.kind == Some(ActorKind::Person) || m.kind.is_none();
        // "the powerful House Committee" for "House Select Committee on Intelligence": the
        // first word and a body's head noun, in order, of exactly one longer body's name.
        let in_order = |full: &[String]| {
            let mut rest = full.iter();
            toks.iter().all(|t| rest.any(|w| w == t))
        };
        let abridged: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| {
                let full = &self.words[i];
                actors[i].kind == ActorKind::Organization
                    && toks.len() >= 2
                    && is_body_head(last)
                    && full.len() > toks.len()
                    && full[0] == toks[0]
                    && in_order(full)
            })
            .collect();
        let found = candidates.iter().copied().find(|&i| {
            let full = &self.words[i];
            if full.len() <= toks.len() {
                return false;
            }
            match actors[i].kind {
                // A surname ("Witkoff") or a multi-word surname ("Von der Leyen").
                ActorKind::Person => without_suffix(full).ends_with(&toks),
                ActorKind::Organization => {
                    full.starts_with(&toks)
                        || (toks.len() == 1 && full.last() == toks.last())
                        || (acronym && initials(&actors[i].name) == m.name.replace('.', ""))
                        // "Intelligence Committee" for "House Intelligence Committee".
                        || (toks.len() >= 2 && full.ends_with(&toks) && is_body_head(last))
                        || abridged == [i]
                }
                _ => false,
            }
        });
        if found.is_some() || !person {
            return found;
        }
        let is_person = |i: &usize| actors[*i].kind == ActorKind::Person;
        if toks.len() == 1 {
            // A family name written first ("Liu" for "Liu Xiaming", "Xi" for "Xi Jinping"):
            // the first word of exactly one two-word name.
            let firsts: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(is_person)
                .filter(|&i| self.words[i].len() == 2 && self.words[i][0] == *first)
                .collect();
            if let [only] = firsts[..] {
                return Some(only);
            }
            // Another spelling of one person's surname ("Zelenskyy", "Zelensky").
            let variants: Vec<usize> = self
                .by_stem
                .get(&stem5(first))
                .into_iter()
                .flatten()
                .copied()
                .filter(is_person)
                .filter(|&i| without_suffix(&self.words[i]).last().is_some_and(|l| spelling_variant(l, first)))
                .collect();
            if let [only] = variants[..] {
                return Some(only);
            }
            return None;
        }
        // The same surname with a short given name or a middle initial ("Pat Carlineo",
        // "Patrick W. Carlineo" and "Patrick Carlineo Jr.").
        let core = without_suffix(&toks);
        let (Some(given), Some(surname)) = (core.first(), core.last()) else { return None };
        candidates.into_iter().filter(is_person).find(|&i| {
            let full = without_suffix(&self.words[i]);
            full.len() >= 2
                && full.last() == Some(surname)
                && given_names_agree(&full[0], given)
                && full[1..full.len() - 1]
                    .iter()
                    .chain(&core[1..core.len() - 1])
                    .all(|w| w.trim_end_matches('.').chars().count() == 1)
        })
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace().filter(|w| is_cap(w)).filter_map(|w| w.chars().next()).collect()
}

/// The first and last token of the analysis that a byte range overlaps.
fn token_ends(tokens: &[Token], start: usize, end: usize) -> (usize, usize) {
    (tokens.partition_point(|t| t.end <= start), tokens.partition_point(|t| t.start < end).saturating_sub(1))
}

/// Two repairs at the edges of a recognised name, both about words the recogniser read as
/// something else:
/// - a capitalised word right before a one-word name, after a lower-case role noun, is the
///   given name the recogniser left off ("Chinese leader" + "Xi" + "Jinping", when the tagger
///   read "Xi" as a function word); not a title, a month or weekday, or a word the gazetteer
///   knows by itself;
/// - a day or month after a name is the sentence's time, not part of the name ("posted on
///   Twitter Tuesday").
fn repair_name_edges(text: &str, tokens: &[Token], words: &[&str], entities: Vec<Entity>) -> Vec<Entity> {
    let g = gazetteer();
    let is_time_word = crate::text::is_day_or_month;
    let mut out: Vec<Entity> = Vec::with_capacity(entities.len());
    for mut e in entities {
        let (a, z) = token_ends(tokens, e.start, e.end);
        if a >= tokens.len() || z < a {
            out.push(e);
            continue;
        }
        // Rightwards first: "Twitter Tuesday" -> "Twitter".
        let mut last = z;
        while last > a && is_time_word(words[last]) {
            last -= 1;
        }
        if last < z {
            e.end = tokens[last].end;
        }
        let given = a >= 2
            && a == last
            && one_space_apart(text, tokens, a - 1, a)
            && one_space_apart(text, tokens, a - 2, a - 1)
            && is_cap(words[a - 1])
            && (2..=12).contains(&words[a - 1].chars().count())
            && words[a - 1].chars().all(char::is_alphabetic)
            && words[a - 1].chars().skip(1).all(char::is_lowercase)
            && !is_title_word(words[a - 1])
            && !is_time_word(words[a - 1])
            && g.lookup(words[a - 1]).is_none()
            && words[a - 2].chars().all(|c| c.is_alphabetic() && c.is_lowercase())
            && out.last().is_none_or(|o: &Entity| o.end <= tokens[a - 1].start);
        if given {
            let name = &text[tokens[a - 1].start..e.end];
            if g.lookup(name).is_none() {
                e.start = tokens[a - 1].start;
                e.kind = EntityKind::Person;
            }
        }
        out.push(e);
    }
    out
}

/// A place or nationality and the body of it a lower-case noun names ("Hong Kong police
/// have …", "Kenyan police said"): one organisation, where the noun acts or ends the phrase
/// ("the Kenyan police official" is an official). Nouns in assets/lexicon/en/place-bodies.txt.
fn join_place_bodies(text: &str, tokens: &[Token], words: &[&str], mut entities: Vec<Entity>) -> Vec<Entity> {
    for e in &mut entities {
        if !matches!(e.kind, EntityKind::Location | EntityKind::Misc) {
            continue;
        }
        let (_, z) = token_ends(tokens, e.start, e.end);
        let Some(&noun) = words.get(z + 1) else { continue };
        if !super::lexicon::PLACE_BODIES.has(noun) || !one_space_apart(text, tokens, z, z + 1) {
            continue;
        }
        let next = words.get(z + 2).copied().unwrap_or(".");
        let acts_or_ends = !next.chars().next().is_some_and(char::is_alphabetic)
            || ACTING_VERBS.has(next)
            || CONNECTIVES.has(next)
            || matches!(next, "were" | "are" | "say" | "also" | "who" | "later" | "then")
            || (next.ends_with("ed") && next.chars().all(|c| c.is_ascii_lowercase()));
        if acts_or_ends {
            e.end = tokens[z + 1].end;
            e.kind = EntityKind::Organisation;
        }
    }
    entities
}

/// The body a lone place-body noun ("police") stands for: when the article names exactly one
/// such body ("Hong Kong police"), its later bare uses ("police fired tear gas", "the police
/// said") are mentions of it.
fn place_body_mentions(text: &str, tokens: &[Token], words: &[&str], actors: &mut [FoundActor]) {
    for noun in super::lexicon::PLACE_BODIES.entries() {
        let suffix = format!(" {noun}");
        let mut bodies = actors.iter().enumerate().filter(|(_, a)| a.name.ends_with(&suffix));
        let (Some((at, _)), None) = (bodies.next(), bodies.next()) else { continue };
        let first = actors[at].mentions.iter().map(|m| m.0).min().unwrap_or(0);
        for (k, t) in tokens.iter().enumerate() {
            let own = k > 0 && is_cap(words[k - 1]) && one_space_apart(text, tokens, k - 1, k);
            // "Police fired …" starts a sentence; "Police Scotland" is a name of its own.
            let bare = words[k] == noun || (fold(words[k]) == noun && words.get(k + 1).is_some_and(|w| !is_cap(w)));
            if bare && t.start > first && !own && !actors[at].mentions.iter().any(|m| m.0 <= t.start && t.end <= m.1) {
                add_mention(&mut actors[at], noun, (t.start, t.end));
            }
        }
        actors[at].mentions.sort_unstable();
    }
}

/// Whether tokens `a` and `b` are separated by exactly one space, as the words of one name are.
fn one_space_apart(text: &str, tokens: &[Token], a: usize, b: usize) -> bool {
    tokens[b].start == tokens[a].end + 1 && text.as_bytes().get(tokens[a].end) == Some(&b' ')
}

/// Names joined by name particles are one person's name ("Ursula von der Leyen", "Mohammed
/// bin Salman", "Lula da Silva"): the recogniser, trained on text with few such names, reads
/// them as two names or misses a part. A recognised name grows over one or two particles and
/// the capitalised word on their other side, absorbing any name it meets there.
fn join_particles(text: &str, tokens: &[Token], words: &[&str], entities: &[Entity]) -> Vec<Entity> {
    let particle = |k: usize| words.get(k).is_some_and(|w| PARTICLES.has(w));
    let joined = |a: usize, b: usize| one_space_apart(text, tokens, a, b);
    let mut out: Vec<Entity> = Vec::with_capacity(entities.len());
    for e in entities {
        let mut e = e.clone();
        // Tokens of the analysis at the entity's ends.
        let (first, last) = token_ends(tokens, e.start, e.end);
        if first >= tokens.len() || last < first {
            out.push(e);
            continue;
        }
        // Rightwards: "Lula" + "da" + "Silva".
        let mut k = last + 1;
        while k < tokens.len() && particle(k) && joined(k - 1, k) && k - last <= 2 {
            k += 1;
        }
        if k > last + 1 && k < tokens.len() && joined(k - 1, k) && is_cap(words[k]) {
            e.end = tokens[k].end;
            e.kind = EntityKind::Person;
        }
        // Leftwards: "Mohammed" + "bin" + "Salman".
        let mut k = first;
        while k > 0 && particle(k - 1) && joined(k - 1, k) && first - k < 2 {
            k -= 1;
        }
        if k < first && k > 0 && joined(k - 1, k) && is_cap(words[k - 1]) {
            e.start = tokens[k - 1].start;
            e.kind = EntityKind::Person;
        }
        // A name it reached is part of it.
        while out.last().is_some_and(|p| p.end > e.start) {
            if let Some(p) = out.pop() {
                e.start = e.start.min(p.start);
                e.kind = EntityKind::Person;
            }
        }
        if out.last().is_some_and(|p: &Entity| p.start >= e.start) {
            continue;
        }
        out.push(e);
    }
    // Entities after a grown one that it now covers.
    let mut kept: Vec<Entity> = Vec::with_capacity(out.len());
    for e in out {
        if let Some(p) = kept.last_mut()
            && e.start < p.end
        {
            p.end = p.end.max(e.end);
            continue;
        }
        kept.push(e);
    }
    kept
}

/// Capitalised words the recogniser may read as names that name no actor: a party and state
/// after a politician ("D-Minn."), a state's postal code after its town ("Sioux Falls, SD"), a
/// law, treaty or report, and an abbreviation after "a"/"an" ("an IPO": a common noun).
fn not_a_name(name: &str, start: usize, words: &[&str]) -> bool {
    let prev = |k: usize| start.checked_sub(k).and_then(|i| words.get(i)).copied().unwrap_or("");
    let affiliation = name.split_once('-').is_some_and(|(p, st)| {
        matches!(p, "D" | "R" | "I") && st.len() >= 2 && st.chars().all(|c| c.is_alphabetic() || c == '.')
    });
    let postal = name.len() == 2 && is_acronym(name) && prev(1) == "," && is_cap(prev(2));
    // "Online Marketplace Safety Regulation", "Takeover Code", "Paris Agreement": laws,
    // treaties and reports are documents, not actors.
    let document = name.contains(' ')
        && name.split_whitespace().last().is_some_and(|w| {
            matches!(
                fold(w.trim_end_matches('.')).as_str(),
                "act"
                    | "regulation"
                    | "regulations"
                    | "code"
                    | "directive"
                    | "treaty"
                    | "bill"
                    | "law"
                    | "accord"
                    | "protocol"
                    | "charter"
                    | "agreement"
                    | "amendment"
                    | "report"
                    | "doctrine"
            )
        });
    let after_article = is_acronym(name) && !name.contains(' ') && matches!(prev(1), "a" | "an" | "A" | "An") && {
        // Not before a noun it modifies ("a NATO summit").
        let next = words.get(start + 1).copied().unwrap_or(".");
        !next.chars().next().is_some_and(char::is_alphanumeric)
            || matches!(
                next,
                "and"
                    | "or"
                    | "in"
                    | "of"
                    | "on"
                    | "at"
                    | "for"
                    | "with"
                    | "by"
                    | "to"
                    | "that"
                    | "which"
                    | "this"
                    | "next"
                    | "last"
                    | "would"
                    | "could"
                    | "will"
            )
    };
    affiliation || postal || document || after_article
}

/// A unit named inside someone's title ("head of Fundamental Research at Kotak", "vice
/// president of Advanced Development Programs at Blue Origin") is part of the role, not an actor.
fn unit_in_a_role(run: &Run, words: &[&str]) -> bool {
    let before = |k: usize| run.start.checked_sub(k).and_then(|i| words.get(i)).copied().unwrap_or("");
    let titled = is_title_word(before(2)) || is_title_word(&format!("{} {}", before(3), before(2)));
    run.kind != EntityKind::Person
        && before(1) == "of"
        && titled
        && matches!(words.get(run.end).copied(), Some("at" | "for"))
        && words.get(run.end + 1).is_some_and(|w| is_cap(w))
}

fn is_body_head(w: &str) -> bool {
    let f = fold(w.trim_end_matches('.'));
    ORG_WORDS.contains(&f.as_str()) || BODY_HEADS.has(f.as_str())
}

/// Long names of bodies the recogniser reads in pieces, joined again. The recogniser learned
/// from news agency text where "Ministry of Industry and Trade", "National Institute on Drug
/// Abuse" or "Patients for Safe Medicines" are rare, so it splits them at their connecting
/// words ("Ministry of Industry" + "Trade") or stops on one ("Office of the"). Joined, in one
/// line with single spaces:
/// - a name ending in a connector ("of", "the", "for", "on", "and") with the capitalised words
///   after it;
/// - a body's head word ("Institute", "Committee") + "of"/"on" (+ "the") + a name that is not a
///   person's;
/// - a body + "for" + a name ("Patients for Safe Medicines"), or a head word + "for the" + a
///   name ("Centre for the Study of Risk");
/// - "Head of X" + "and" + one or two words that are no known name ("Ministry of Industry and
///   Trade"), and "X and Y Head" when the joined name ends in a head word that the second
///   part does not start ("Food and Drug Administration").
fn join_split_bodies(text: &str, tokens: &[Token], words: &[&str], entities: Vec<Entity>) -> Vec<Entity> {
    const CONNECTORS: &[&str] = &["of", "the", "for", "on", "and", "&"];
    let g = gazetteer();
    let joined = |a: usize, b: usize| one_space_apart(text, tokens, a, b);
    let mut out: Vec<Entity> = Vec::with_capacity(entities.len());
    let mut i = 0;
    while i < entities.len() {
        let mut e = entities[i].clone();
        i += 1;
        // "National" + "Security Council": a capitalised word the recogniser left off the front
        // of a body's name is part of it (else "Security Council" reads as the U.N.'s). Not a
        // sentence's first word, a title, a demonym or a word of another name.
        if e.kind != EntityKind::Person {
            let (a, z) = token_ends(tokens, e.start, e.end);
            let body = z >= a && z < words.len() && is_body_head(words[z]);
            let mut first = a;
            while body
                && first > 0
                && joined(first - 1, first)
                && is_cap(words[first - 1])
                && words[first - 1].chars().all(char::is_alphabetic)
                && !is_title_word(words[first - 1])
                && !matches!(words[first - 1], "The" | "A" | "An")
                && !matches!(
                    g.lookup(words[first - 1]),
                    Some(Entry::Demonym(_) | Entry::Country(_) | Entry::Capital(_))
                )
                && out.last().is_none_or(|o: &Entity| o.end <= tokens[first - 1].start)
                && first >= 2
                && !matches!(words[first - 2], "." | "!" | "?" | "“" | "\"" | ":" | "(")
                && !text[..tokens[first - 1].start].ends_with('\n')
            {
                first -= 1;
            }
            if first < a {
                e.start = tokens[first].start;
                e.kind = EntityKind::Organisation;
            }
        }
        loop {
            let (a, z) = token_ends(tokens, e.start, e.end);
            if z >= tokens.len() || z < a {
                break;
            }
            // "Office of the" + "Inspector General".
            if z > a && CONNECTORS.contains(&words[z]) {
                let mut k = z + 1;
                while k < tokens.len()
                    && joined(k - 1, k)
                    && is_cap(words[k])
                    && words[k].chars().any(char::is_alphabetic)
                {
                    k += 1;
                }
                if k > z + 1 {
                    e.end = tokens[k - 1].end;
                    e.kind = EntityKind::Organisation;
                    while i < entities.len() && entities[i].start < e.end {
                        e.end = e.end.max(entities[i].end);
                        i += 1;
                    }
                    continue;
                }
                break;
            }
            let Some(next) = entities.get(i) else { break };
            let Some(between) = text.get(e.end..next.start) else { break };
            let Some(conn) = between.strip_prefix(' ').and_then(|b| b.strip_suffix(' ')) else { break };
            let name = &text[e.start..e.end];
            let next_name = &text[next.start..next.end];
            let head = is_body_head(words[z]);
            let next_words = next_name.split_whitespace().count();
            // "Kia Motor Corp of South Korea": a company's legal form ends its name.
            let legal_form = matches!(
                fold(words[z].trim_end_matches('.')).as_str(),
                "inc" | "corp" | "ltd" | "co" | "plc" | "llc" | "ag" | "sa" | "nv" | "bv" | "spa" | "gmbh"
            );
            let join = match conn {
                "of" | "of the" | "on" | "on the" => head && !legal_form && next.kind != EntityKind::Person,
                "for" => e.kind == EntityKind::Organisation || head,
                "for the" => head,
                "and" | "&" => {
                    let head_of = name
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .windows(2)
                        .any(|w| is_body_head(w[0]) && matches!(w[1], "of" | "for"));
                    let unknown = g.lookup(next_name).is_none() && next.kind != EntityKind::Person;
                    let ends_in_head = next_name.split_whitespace().last().is_some_and(is_body_head)
                        && next_words == 2
                        && !is_acronym(words[z])
                        && !head
                        && !next_name.split_whitespace().next().is_some_and(is_acronym)
                        && !next_name.split_whitespace().next().is_some_and(is_body_head)
                        && g.lookup(name).is_none_or(|x| !matches!(x, Entry::Organization(_)));
                    (head_of && next_words <= 2 && unknown) || (ends_in_head && unknown)
                }
                _ => false,
            };
            if !join {
                break;
            }
            e.end = next.end;
            e.kind = EntityKind::Organisation;
            i += 1;
        }
        out.push(e);
    }
    out
}

/// Whether a word is written in camel case as modern company names are ("WeWork", "SpaceX",
/// "BlackRock"): a capital, lower-case letters, then another capital. Surname prefixes
/// ("McConnell", "DeSantis", "MacArthur", "LeBron", "DiMaggio", "VanDyke") are persons' names.
fn is_camel_case_name(w: &str) -> bool {
    let w = strip_possessive(w).0;
    let chars: Vec<char> = w.chars().collect();
    if chars.len() < 4 || !chars[0].is_uppercase() || !chars.iter().all(|c| c.is_alphanumeric()) {
        return false;
    }
    let inner_capital = chars.windows(2).skip(1).any(|p| p[0].is_lowercase() && p[1].is_uppercase());
    let surname = ["Mc", "Mac", "De", "Le", "La", "Di", "Da", "Van", "Von", "Du", "St"]
        .iter()
        .any(|p| w.starts_with(p) && w[p.len()..].starts_with(char::is_uppercase));
    chars[1].is_lowercase() && inner_capital && !surname
}

/// Camel-case company names the recogniser missed ("WeWork", "SpaceX": rare in the news agency
/// text it learned from) are organisations when the text uses the word at least twice and the
/// recogniser named none of its occurrences otherwise.
fn add_camel_case_names(tokens: &[Token], words: &[&str], mut entities: Vec<Entity>) -> Vec<Entity> {
    let covered = |t: &Token, es: &[Entity]| {
        let i = es.partition_point(|e| e.end <= t.start);
        es.get(i).is_some_and(|e| e.start < t.end)
    };
    let mut found: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, w) in words.iter().enumerate() {
        if is_camel_case_name(w) {
            found.entry(strip_possessive(w).0).or_default().push(i);
        }
    }
    let mut added = Vec::new();
    for (name, at) in found {
        if at.len() < 2 || gazetteer().lookup(name).is_some() {
            continue;
        }
        if at.iter().any(|&i| covered(&tokens[i], &entities)) {
            continue;
        }
        for i in at {
            let start = tokens[i].start;
            added.push(Entity { tokens: 0..0, start, end: start + name.len(), kind: EntityKind::Organisation });
        }
    }
    if added.is_empty() {
        return entities;
    }
    entities.extend(added);
    entities.sort_by_key(|e| (e.start, e.end));
    entities
}

/// Two names the recogniser read as one across "and" ("the chains Gannett and GateHouse Media")
/// are two when the article names each side alone elsewhere ("Gannett said", "GateHouse
/// owns"); a name that is one ("Procter and Gamble", "Bosnia and Herzegovina") is not used in
/// halves.
fn split_coordinated_names(text: &str, entities: Vec<Entity>) -> Vec<Entity> {
    let alone: std::collections::HashSet<&str> =
        entities.iter().filter_map(|e| text.get(e.start..e.end)).filter(|n| !n.contains(" and ")).collect();
    let mut out = Vec::with_capacity(entities.len());
    for e in entities {
        let name = text.get(e.start..e.end).unwrap_or("");
        if e.kind != EntityKind::Person
            && let Some((a, b)) = name.split_once(" and ")
            && !b.contains(" and ")
            && is_cap(a)
            && is_cap(b)
            && alone.contains(a)
            && (alone.contains(b) || b.split_whitespace().next().is_some_and(|w| alone.contains(w)))
        {
            out.push(Entity { tokens: 0..0, start: e.start, end: e.start + a.len(), kind: e.kind });
            out.push(Entity { tokens: 0..0, start: e.end - b.len(), end: e.end, kind: e.kind });
            continue;
        }
        out.push(e);
    }
    out
}

/// "US-China", "Russia-Ukraine": two countries joined by a hyphen are two names (a pair used as
/// a modifier: "US-China trade talks"), not one body.
fn split_country_pairs(text: &str, entities: Vec<Entity>) -> Vec<Entity> {
    let g = gazetteer();
    let country = |s: &str| matches!(g.lookup(s), Some(Entry::Country(_) | Entry::Capital(_)));
    let mut out = Vec::with_capacity(entities.len());
    for e in entities {
        let name = text.get(e.start..e.end).unwrap_or("");
        if let Some((a, b)) = name.split_once('-')
            && !a.contains(' ')
            && !b.contains(' ')
            && country(a)
            && country(b)
        {
            let mid = e.start + a.len();
            out.push(Entity { tokens: 0..0, start: e.start, end: mid, kind: EntityKind::Location });
            out.push(Entity { tokens: 0..0, start: mid + 1, end: e.end, kind: EntityKind::Location });
            continue;
        }
        out.push(e);
    }
    out
}

/// "U.S. Ambassador to the European Union Gordon Sondland", "Ambassador to the United Nations
/// Karen Pierce": the recogniser runs a title's complement into the name after it ("European
/// Union Gordon Sondland and Energy"). After a title word and "to" or "of", an entity that opens
/// with a body the gazetteer knows and goes on with two capitalised words or more is that body
/// and a person (up to "and" or a comma).
fn split_title_complements(text: &str, entities: Vec<Entity>) -> Vec<Entity> {
    let g = gazetteer();
    let mut out = Vec::with_capacity(entities.len());
    for e in entities {
        let name = text.get(e.start..e.end).unwrap_or("");
        let before: Vec<&str> = text[..e.start].split_whitespace().rev().take(3).collect();
        let before: Vec<&str> = before.into_iter().filter(|w| *w != "the").collect();
        let after_title = matches!(before.first(), Some(&("to" | "of")))
            && before.get(1).is_some_and(|w| is_title_word(&w.to_lowercase()));
        if e.kind == EntityKind::Person || !after_title {
            out.push(e);
            continue;
        }
        // Words with their byte offsets in the text.
        let mut at = e.start;
        let ws: Vec<(usize, &str)> = name
            .split(' ')
            .map(|w| {
                let here = at;
                at += w.len() + 1;
                (here, w)
            })
            .collect();
        let split = (1..ws.len().saturating_sub(1)).rev().find_map(|k| {
            let body_end = ws[k - 1].0 + ws[k - 1].1.len();
            // A body's own name ("legal director of Nevada Voters First" opens with a place).
            matches!(g.lookup(&text[e.start..body_end])?, Entry::Organization(_)).then_some(())?;
            let mut person: Vec<(usize, &str)> = Vec::new();
            for &(o, w) in &ws[k..] {
                if !is_cap(w) || g.is_org_word(&fold(w)) {
                    break;
                }
                let bare = w.trim_end_matches(',');
                person.push((o, bare));
                if bare.len() != w.len() {
                    break;
                }
            }
            let (&(ps, _), &(lo, lw)) = (person.first()?, person.last()?);
            (person.len() >= 2).then_some((body_end, ps, lo + lw.len()))
        });
        match split {
            Some((body_end, ps, pe)) => {
                out.push(Entity { tokens: 0..0, start: e.start, end: body_end, kind: e.kind });
                out.push(Entity { tokens: 0..0, start: ps, end: pe, kind: EntityKind::Person });
            }
            None => out.push(e),
        }
    }
    out
}

/// The recogniser's entities as runs over the analysis' tokens, with the titles before a
/// person's name peeled into the run's title ("Russian President", "Minister of Planning and
/// Development") and bodies named inside such a title marked as prefixes ("EU" in "EU
/// Commissioner Katrin Vaher").
fn entity_runs(
    text: &str,
    tokens: &[Token],
    words: &[&str],
    sentence_of: &[(usize, usize)],
    pos: &[&str],
    entities: &[Entity],
) -> Vec<Run> {
    // Token index of a byte range: the tokens it overlaps (end exclusive).
    let token_range = |s: usize, e: usize| {
        let a = tokens.partition_point(|t| t.end <= s);
        let b = tokens.partition_point(|t| t.start < e).max(a + 1).min(tokens.len());
        (a, b)
    };
    // Two tokens on one line with at most a space between them.
    let joined = |a: usize, b: usize| {
        tokens[b].start <= tokens[a].end + 1 && !text[tokens[a].end..tokens[b].start].contains('\n')
    };
    let mut out: Vec<Run> = Vec::new();
    let mut titles: Vec<(usize, usize)> = Vec::new();
    let entities = split_coordinated_names(
        text,
        split_country_pairs(
            text,
            join_split_bodies(
                text,
                tokens,
                words,
                repair_name_edges(text, tokens, words, join_particles(text, tokens, words, entities)),
            ),
        ),
    );
    let entities = join_place_bodies(
        text,
        tokens,
        words,
        split_title_complements(text, add_camel_case_names(tokens, words, entities)),
    );
    // People's names, in text order, looked up by position (a scan of every entity per title
    // word was quadratic on a long text).
    let mut person_spans: Vec<(usize, usize)> =
        entities.iter().filter(|e| e.kind == EntityKind::Person).map(|e| (e.start, e.end)).collect();
    person_spans.sort_unstable();
    // Whether a byte starts its sentence's first token.
    let opens_sentence = |b: usize| {
        let k = tokens.partition_point(|t| t.start < b);
        tokens.get(k).is_some_and(|t| t.start == b) && sentence_of.get(k).is_some_and(|r| r.0 == k)
    };
    // Names the text writes somewhere other than at a sentence's start, and the words it writes
    // in lower case: what a capital at a sentence's start leaves open, the rest of the text
    // decides (Mikheev's document-centred reading of capitals).
    let mid_names: std::collections::HashSet<&str> = entities
        .iter()
        .filter(|e| !opens_sentence(e.start))
        .filter_map(|e| text.get(e.start..e.end))
        .map(|n| strip_possessive(n).0)
        .collect();
    let lower_words: std::collections::HashSet<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().all(|c| c.is_lowercase() || c == '-') && w.chars().any(char::is_alphabetic))
        .collect();
    for e in &entities {
        let (mut s, mut end_byte) = (e.start, e.end);
        let Some(name) = text.get(s..end_byte) else { continue };
        // "U.S.-led", "Lusaka-based": a name used in a compound adjective is its first part.
        if let Some((head, _)) = name.rsplit_once('-')
            && is_compound_adjective(name)
            && !head.is_empty()
        {
            end_byte = s + head.len();
        }
        // "Trump's": the name without the possessive.
        let (stem, _) = strip_possessive(&text[s..end_byte]);
        end_byte = s + stem.len();
        // "Lowe's said …", "at McDonald's.": an organisation's "'s" followed by "said", a
        // finite "be"/"have"/"will" or by the sentence's end, where a possessive would need its noun,
        // is part of the name (read from the words: the tagger, seeing "'s", tags the verb as
        // a participle); not for a name the gazetteer knows ("… and Russia's." is elliptic).
        if e.kind == EntityKind::Organisation
            && let Some(clitic) = ["'s", "’s"].iter().find(|c| text[end_byte..].starts_with(**c))
            && gazetteer().lookup(&text[s..end_byte]).is_none()
            // (A name ending in its own body word is whole: "B.A.T Industries PLC's …".)
            && !text[s..end_byte].split_whitespace().last().is_some_and(is_body_head)
        {
            let clitic_end = end_byte + clitic.len();
            // The first token after the clitic (the tokeniser may keep "Lowe's" as one token).
            let k = tokens.partition_point(|t| t.start < clitic_end);
            let verb_or_end = tokens.get(k).is_some_and(|t| {
                let w = t.text(text);
                // (Not "reported", "planned": "MGM Grand's planned offering" is a possessive.)
                matches!(w, "said" | "says" | "has" | "is" | "was" | "will" | "would" | ".")
            });
            if verb_or_end {
                end_byte = clitic_end;
            }
        }
        if let Some(rest) = text[s..end_byte].strip_prefix("the ").or_else(|| text[s..end_byte].strip_prefix("The ")) {
            s = end_byte - rest.len();
        }
        // "Sacramento-based McClatchy": the compound adjective in front is not part of the name.
        if let Some((first, rest)) = text[s..end_byte].split_once(' ')
            && is_compound_adjective(first)
            && !rest.trim().is_empty()
        {
            s = end_byte - rest.len();
        }
        // "In India, …", "Rival Lowe's reported …", "Schoolboy Frankie Franz watched …": a
        // word capitalised only because it opens the sentence is no part of the name: a
        // preposition or conjunction (role-openers.txt; not "New", "First"); or a role noun, or a word the tagger reads as common and the text
        // writes in lower case, when the rest is a name the text uses elsewhere ("Lowe's",
        // "Frankie") and the whole is not ("First Security Corp.", "New York State" keep
        // their first word).
        let rest_named_elsewhere = |rest: &str| {
            let rest = strip_possessive(rest).0;
            mid_names.contains(rest) || rest.split_whitespace().next().is_some_and(|w| mid_names.contains(w))
        };
        if opens_sentence(s)
            && let Some((first, rest)) = text[s..end_byte].split_once(' ')
            && rest.starts_with(char::is_uppercase)
            && !mid_names.contains(&text[s..end_byte])
            && gazetteer().lookup(&text[s..end_byte]).is_none()
            && (super::lexicon::ROLE_OPENERS.has(&fold(first))
                || (rest_named_elsewhere(rest)
                    && (super::lexicon::ROLE_NOUNS.has(&fold(first))
                        || (lower_words.contains(first.to_lowercase().as_str())
                            && !matches!(
                                pos.get(tokens.partition_point(|t| t.start < s)).copied(),
                                Some("NNP" | "NNPS")
                            )))))
        {
            s = end_byte - rest.len();
        }
        // "National Security Adviser": a title alone names no one.
        if is_title_word(&text[s..end_byte]) {
            continue;
        }
        // "Administrator Jim Bridenstine" read as a body: a title word and two or three
        // capitalised words that name no body are a person with a title.
        let mut kind = e.kind;
        if kind != EntityKind::Person
            && let Some((first, rest)) = text[s..end_byte].split_once(' ')
            && is_title_word(first.trim_end_matches('.'))
            && (2..=3).contains(&rest.split_whitespace().count())
            && rest.split_whitespace().all(|w| is_cap(w) && !is_body_head(w))
            && gazetteer().lookup(rest).is_none()
        {
            kind = EntityKind::Person;
        }
        // "Administrator Jim Bridenstine": title words at the front of a person's name are its
        // title (found below, as for a title before the name).
        while kind == EntityKind::Person
            && let Some((first, rest)) = text[s..end_byte].split_once(' ')
            && is_title_word(first.trim_end_matches('.'))
            && rest.contains(|c: char| c.is_uppercase())
        {
            s = end_byte - rest.len();
        }
        if s >= end_byte || tokens.is_empty() {
            continue;
        }
        let (start, end) = token_range(s, end_byte);
        if start >= tokens.len() {
            continue;
        }
        let mut run = Run { start, end, bytes: (s, end_byte), title: None, title_start: start, prefix: false, kind };
        if kind == EntityKind::Person {
            // Capitalised words (and "of"/"for"/"and" between them) right before the name, in
            // its sentence, up to eight; the title is the stretch when it has a title word.
            let first_of_sentence = sentence_of.get(start).map_or(0, |r| r.0);
            let mut j = start;
            while j > first_of_sentence && start - j < 8 && joined(j - 1, j) {
                let w = words[j - 1];
                // "Ambassador to the European Union Gordon Sondland": "to" and "the" join too.
                let connector = j - 1 > first_of_sentence
                    && ((matches!(w, "of" | "for" | "and" | "to") && is_cap(words[j - 2]))
                        || (w == "the" && matches!(words[j - 2], "of" | "for" | "to")));
                let initial_function = j - 1 == first_of_sentence && FUNCTION_WORDS.has(fold(w).as_str());
                // "Attorney General Janet Reno and Lazaro Gonzalez": another person's name
                // ends the title (theirs is theirs).
                let other_person = {
                    let t = &tokens[j - 1];
                    let k = person_spans.partition_point(|&(_, e)| e <= t.start);
                    person_spans.get(k).is_some_and(|&(s, e)| s <= t.start && t.end <= e)
                };
                if !(is_cap(w) || connector) || initial_function || strip_possessive(w).1 || other_person {
                    break;
                }
                j -= 1;
            }
            let title_word = (j..start).find(|&k| {
                is_title_word(words[k]) || (k + 1 < start && is_title_word(&format!("{} {}", words[k], words[k + 1])))
            });
            if let Some(first_title) = title_word {
                // Keep only the part that reads as a title: from the first title word, or from
                // a country, demonym or body just before it ("Russian President").
                // … or the capitalised words that name the office's field ("National Security
                // Adviser", "Energy Secretary"), not a date word or a name of its own.
                let field = (j..first_title)
                    .find(|&k| {
                        (k..first_title).all(|x| {
                            is_cap(words[x])
                                && words[x].chars().all(char::is_alphabetic)
                                && !crate::text::is_day_or_month(words[x])
                        })
                    })
                    .unwrap_or(first_title);
                let from = (j..first_title)
                    .find(|&k| {
                        (k..first_title).all(|x| is_cap(words[x]))
                            && gazetteer().lookup(&text[tokens[k].start..tokens[first_title - 1].end]).is_some()
                    })
                    .unwrap_or(field);
                run.title = Some(text[tokens[from].start..tokens[start - 1].end].to_string());
                run.title_start = from;
                titles.push((tokens[from].start, tokens[start - 1].end));
            }
        }
        out.push(run);
    }
    // A body or country inside a person's title is named in passing.
    for r in &mut out {
        if r.kind != EntityKind::Person && titles.iter().any(|&(a, b)| a <= r.bytes.0 && r.bytes.1 <= b) {
            r.prefix = true;
        }
    }
    out
}

fn is_role_head(w: &str) -> bool {
    let f = fold(w);
    let f = f.trim_end_matches('.');
    if FUNCTION_WORDS.has(f) || NOT_ROLES.has(f) {
        return false;
    }
    gazetteer().is_title(f)
        // (Written in lower case: "the Kansas City Star" is a name.)
        || (!is_cap(w) && super::lexicon::ROLE_NOUNS.has(f))
        || (!is_cap(w)
            && f.len() > 4
            && (f.ends_with("er") || f.ends_with("or") || f.ends_with("ist") || f.ends_with("ian"))
            && !f.ends_with("ever")
            && !f.ends_with("ider"))
}

/// Kinds the name alone got wrong, fixed from context: a "person" whose role is an
/// organisation noun ("Norwegian engineering group") is an organisation; a name with a
/// government or head of state ("the government of Tierra Alta", "Tierra Alta's president")
/// is a country.
fn refine_kinds(text: &str, actors: &mut [FoundActor]) {
    // "Buchanan Street", "Berckmans Road": a street the gazetteer does not know is a place
    // ("Lane" is a surname too: "Chris Lane" stays a person).
    for a in actors.iter_mut().filter(|a| matches!(a.kind, ActorKind::Person | ActorKind::Organization)) {
        let words: Vec<&str> = a.name.split_whitespace().collect();
        let last = words.last().map(|w| fold(w).trim_end_matches('.').to_string()).unwrap_or_default();
        if words.len() >= 2
            && super::lexicon::STREET_WORDS.has(&last)
            && !(a.kind == ActorKind::Person && last == "lane")
            && gazetteer().lookup(&a.name).is_none()
        {
            a.kind = ActorKind::Place;
            a.role = None;
        }
    }
    let lower = text.lower_keeping_offsets();
    // Where a state's name would stand: after "government of " and the like, before "’s
    // government" and the like. Found once, keyed by the three characters there, so each
    // person is checked against the few places that could name them (a search of the whole
    // text per person was quadratic in a long text).
    let after: Vec<usize> = ["government of ", "president of ", "prime minister of ", "people of ", "parliament of "]
        .iter()
        .flat_map(|p| lower.match_indices(p).map(|(at, p)| at + p.len()))
        .collect();
    let before: Vec<usize> = [
        "’s government",
        "'s government",
        "’s president",
        "'s president",
        "’s foreign minister",
        "’s interior minister",
        "’s prime minister",
    ]
    .iter()
    .flat_map(|p| lower.match_indices(p).map(|(at, _)| at))
    .collect();
    let first3 = |s: &str| s.chars().take(3).collect::<String>();
    let last3 = |s: &str| {
        let mut k: Vec<char> = s.chars().rev().take(3).collect();
        k.reverse();
        k.into_iter().collect::<String>()
    };
    let mut named_after: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for &at in &after {
        named_after.entry(first3(&lower[at..])).or_default().push(at);
    }
    let mut named_before: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for &at in &before {
        named_before.entry(last3(&lower[..at])).or_default().push(at);
    }
    let empty = Vec::new();
    // "sister Nicole", "Barcelona star Neymar" read as organisations: a role only a person
    // can have makes a name the gazetteer does not know a person.
    for a in actors.iter_mut().filter(|a| a.kind == ActorKind::Organization) {
        let role_head = a.role.as_deref().and_then(|r| r.split("; ").next()).and_then(role_head_noun);
        if role_head.is_some_and(|h| super::lexicon::PERSON_ROLES.has(&fold(&h)))
            && gazetteer().lookup(&a.name).is_none()
        {
            a.kind = ActorKind::Person;
        }
    }
    // A person or a place the gazetteer does not know may be a state ("the government of Nueva
    // Loria").
    for a in actors.iter_mut().filter(|a| matches!(a.kind, ActorKind::Person | ActorKind::Place)) {
        let role_head = a.role.as_deref().and_then(|r| r.split("; ").next()).and_then(role_head_noun);
        // "producer", "operator", "supplier" are people's trades too: a full name keeps them
        // ("producer Jon Peters"); a one-word name with them is a firm ("oil producer Equinor").
        let org_role = role_head.as_deref().map(|h| h.trim_matches(|c: char| !c.is_alphanumeric())).is_some_and(|h| {
            super::lexicon::ORG_ROLES.has(h) && !(super::lexicon::SHARED_TRADES.has(h) && a.name.contains(' '))
        });
        if a.kind == ActorKind::Person && org_role {
            a.kind = ActorKind::Organization;
            continue;
        }
        let n = a.name.to_lowercase();
        let short = n.chars().count() < 3;
        let places_after = if short { &after } else { named_after.get(&first3(&n)).unwrap_or(&empty) };
        let places_before = if short { &before } else { named_before.get(&last3(&n)).unwrap_or(&empty) };
        let state = places_after.iter().any(|&at| lower[at..].starts_with(&n))
            || places_before.iter().any(|&at| lower[..at].ends_with(&n));
        if state {
            a.kind = ActorKind::Country;
        }
    }
}

/// The head noun of a role phrase: the last word before a preposition or comma that
/// starts a complement ("director general of the X Association" → "general", "lawyer at
/// the Y Fund" → "lawyer", "U.S. private equity firm" → "firm").
fn role_head_noun(role: &str) -> Option<String> {
    let mut head = None;
    for w in role.split_whitespace() {
        let f = fold(w);
        let bare = f.trim_matches(|c: char| !c.is_alphanumeric());
        if matches!(bare, "of" | "to" | "at" | "for" | "in" | "with" | "from" | "on" | "who" | "which" | "that") {
            break;
        }
        head = Some(bare.to_string());
        if w.ends_with(',') {
            break;
        }
    }
    head
}

/// Roles from definite descriptions: "the airline" after "Northwind Airways" makes its role
/// "airline", "the French plane-maker" after "Airbus" "French plane-maker". The description
/// goes to the organisation named most recently before it.
fn definite_roles(text: &str, actors: &mut [FoundActor]) {
    let lower = text.lower_keeping_offsets();
    // Where each organisation's mentions end, in text order, so the organisations named in the
    // 600 bytes before a description are found without a scan of every mention.
    let mut ends: Vec<(usize, usize)> = actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == ActorKind::Organization)
        .flat_map(|(i, a)| a.mentions.iter().map(move |m| (m.1, i)))
        .collect();
    ends.sort_unstable();
    let g = gazetteer();
    // Every description in text order (the list is a set: its order is no order).
    let mut hits: Vec<(usize, &str)> = super::lexicon::ORG_DESCRIPTIONS
        .entries()
        .flat_map(|d| lower.match_indices(d).map(move |(p, _)| (p, d)))
        .collect();
    hits.sort_unstable();
    // A description used again means what it meant the first time ("the movie studio" …
    // "to run the studio").
    let mut meant: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (pos, d) in hits {
        let end = pos + d.len();
        let word_char = |c: char| c.is_alphanumeric() || c == '-';
        if lower[..pos].ends_with(word_char) || lower[end..].starts_with(word_char) {
            continue;
        }
        // A name in capitals is no description ("the European Union", "the Bank"); one
        // followed by a name is that name's title ("the French plane-maker Airbus").
        if !text[pos..end].starts_with(|c: char| c.is_lowercase())
            || text[end..].strip_prefix(' ').is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
        {
            continue;
        }
        // "the national energy regulator, NEURC,": an apposition names what it describes.
        if text[end..].strip_prefix(", ").is_some_and(|r| r.starts_with(|c: char| c.is_uppercase())) {
            continue;
        }
        // The noun must end its phrase: "the studio audience" is an audience. What
        // follows is punctuation, a function word or a verb ("the retailer earned").
        let next = lower[end..].strip_prefix(' ').map(|r| r.split(|c: char| !word_char(c)).next().unwrap_or(""));
        if let Some(n) = next
            && !n.is_empty()
            && !(FUNCTION_WORDS.has(n) || ACTING_VERBS.has(n) || n.ends_with("ed") || n.ends_with("es"))
        {
            continue;
        }
        // Back over at most three describing words to "the": "the French plane-maker",
        // "the American manufacturing giant" (lower-case words and nationalities).
        let mut from = pos;
        let mut at = None;
        for _ in 0..4 {
            let Some(before) = lower[..from].strip_suffix(' ') else { break };
            let ws = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let (w, orig) = (&before[ws..], &text[ws..before.len()]);
            if w == "the" {
                at = Some(ws);
                break;
            }
            let describing = orig.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
                && if orig.starts_with(char::is_lowercase) {
                    !FUNCTION_WORDS.has(w) && !ROLE_STOP.has(w) && !w.ends_with("ly")
                } else {
                    matches!(g.lookup(orig), Some(Entry::Demonym(_) | Entry::Country(_)))
                };
            if !describing {
                break;
            }
            from = ws;
        }
        let Some(at) = at else { continue };
        let role = text[at + 4..end].to_string();
        // Per organisation (in actor order), its last mention ending in the window.
        let window = &ends[ends.partition_point(|&(e, _)| e + 600 <= at)..ends.partition_point(|&(e, _)| e <= at)];
        let mut last: Vec<(usize, usize)> = Vec::new();
        for &(e, i) in window {
            match last.iter_mut().find(|(_, j)| *j == i) {
                Some(slot) => slot.0 = slot.0.max(e),
                None => last.push((e, i)),
            }
        }
        last.sort_unstable_by_key(|&(_, i)| i);
        let candidates = || last.iter().copied();
        // The head noun names its antecedent when it can ("the union" → "Union of
        // Commercial Pilots"); otherwise the nearest organisation before it.
        let named = |i: usize| fold(&actors[i].name).split_whitespace().any(|w| w == d);
        // A public body ("… District of California", "… Control Board") is not "the
        // utility" or "the bloc": a description of a firm or a bloc never falls back to one.
        let public_body =
            |i: usize| fold(&actors[i].name).split_whitespace().any(|w| super::lexicon::PUBLIC_BODY_WORDS.has(w));
        // … or, for the bare noun, the organisation the article has already described with it
        // ("Britain's energy regulator Ofgem" … "the regulator said"), before the nearest one
        // ("the French plane-maker" after "the U.S. plane-maker" is a new description).
        let described = |i: usize| {
            role == d
                && actors[i].role.as_deref().is_some_and(|r| fold(r).split(|c: char| !word_char(c)).any(|w| w == d))
        };
        let nearest = candidates()
            .filter(|&(_, i)| named(i))
            .max_by_key(|(e, _)| *e)
            .or_else(|| candidates().filter(|&(_, i)| described(i)).max_by_key(|(e, _)| *e))
            .or_else(|| candidates().filter(|&(_, i)| !public_body(i)).max_by_key(|(e, _)| *e));
        // The bare noun means what its first use meant; a described one ("the French
        // plane-maker" after "the U.S. plane-maker") is a new description.
        let key = if role == d { d.to_string() } else { role.to_lowercase() };
        if meant.contains_key(&key) {
            continue;
        }
        if let Some((_, i)) = nearest {
            meant.insert(key, i);
            meant.entry(d.to_string()).or_insert(i);
            if actors[i].role.is_none() {
                actors[i].role = Some(role);
            }
        }
    }
}

/// A text's tokens as the role rules read them: words, sentences and parts of speech.
struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token],
    words: &'a [&'a str],
    sentence_of: &'a [(usize, usize)],
    /// Penn part of speech per token ("" where the tagger gave none).
    pos: &'a [&'a str],
}

impl Context<'_> {
    /// Token `i`'s Penn part of speech ("" when it has none).
    fn tag(&self, i: usize) -> &str {
        self.pos.get(i).copied().unwrap_or("")
    }

    /// Whether token `i` is a finite verb or a modal ("hired", "says", "will"): no title
    /// runs across one ("the board hired producer Jon Peters").
    fn finite_verb(&self, i: usize) -> bool {
        matches!(self.tag(i), "VB" | "VBD" | "VBZ" | "VBP" | "MD")
    }
}

/// The words right before a name that describe it ("U.S. special envoy", "chair").
fn pre_role(c: &Context, at: usize, kind: ActorKind, title: Option<&str>) -> Option<String> {
    let Context { text, tokens, words, sentence_of, .. } = *c;
    if kind == ActorKind::Country {
        return None;
    }
    let sent_start = sentence_of.get(at).map(|s| s.0).unwrap_or(0);
    let mut j = at;
    while j > sent_start {
        let w = words[j - 1];
        let lw = w.to_lowercase();
        let ok = w.chars().next().is_some_and(char::is_alphabetic)
            && !c.finite_verb(j - 1)
            && !ROLE_STOP.has(lw.as_str())
            && !FUNCTION_WORDS.has(lw.as_str())
            // Nor over a preposition or conjunction no title holds ("finishing tied fourth
            // behind countryman"; "Secretary of State" keeps its "of").
            && (lw == "of" || !super::lexicon::ROLE_OPENERS.has(&lw))
            && !lw.ends_with("ly")
            && (!lw.ends_with("ed") || lw.len() <= 5 || is_cap(w));
        if !ok || at - j >= 6 {
            break;
        }
        j -= 1;
    }
    // The word next to the name must be a role noun; trim leading words until it reads well.
    let mut role = None;
    // A role noun, or a two-word title ("chief executive", "finance minister").
    // … tagged as a noun, not as a comparative or a verb ("the elder Gonzalez").
    let nominal = |i: usize| !matches!(c.tag(i), "JJR" | "JJS" | "RBR" | "RB") && !c.finite_verb(i);
    let role_head_at = |i: usize| {
        let plural = c.tag(i) == "NNS" && is_role_head(&singular(words[i]));
        nominal(i)
            && (is_role_head(words[i]) || plural || (i > 0 && is_title_word(&format!("{} {}", words[i - 1], words[i]))))
    };
    if j < at && role_head_at(at - 1) {
        let s = tokens[j].start;
        let e = tokens[at - 1].end;
        // "producers Jon Peters and Peter Guber": each is a producer.
        role = Some(if c.tag(at - 1) == "NNS" {
            let head = &text[tokens[at - 1].start..e];
            format!("{}{}", &text[s..tokens[at - 1].start], singular(head))
        } else {
            text[s..e].to_string()
        });
    }
    // The second of two names after a plural title shares it ("producers Jon Peters and
    // Peter Guber").
    if j == at && title.is_none() && at >= 3 && words[at - 1] == "and" {
        let mut k = at - 1;
        while k > sent_start && at - 1 - k < 4 && is_cap(words[k - 1]) && c.tag(k - 1) == "NNP" {
            k -= 1;
        }
        if k < at - 1 && k > sent_start && c.tag(k - 1) == "NNS" {
            return pre_role(c, k, kind, None);
        }
    }
    // "chairman, CEO and president Craig Menear": offices coordinated before the one next to
    // the name are all the person's.
    let first = if role.is_some() { j } else { at };
    if (role.is_some() || title.is_some())
        && first >= sent_start + 2
        && words[first - 1] == "and"
        && role_head_at(first - 2)
    {
        let mut k = first - 2;
        while k >= sent_start + 2 && words[k - 1] == "," && role_head_at(k - 2) {
            k -= 2;
        }
        let end = if role.is_some() { at } else { first };
        role = Some(text[tokens[k].start..tokens[end - 1].end].to_string());
    }
    // "Its Minister of Planning and Development, Tsion Alemayehu, said": a title phrase that
    // opens the sentence and is set off by a comma before the name.
    // (The comma must be inside the name's sentence: a name that opens a sentence right after
    // one ending in a comma, as in mangled text, has no such title.)
    if role.is_none() && title.is_none() && at >= 2 && at > sent_start && words[at - 1] == "," {
        let end = at - 1;
        let start = (sent_start..end)
            .rev()
            .find(|&k| matches!(words[k], "," | ";" | ":" | "“" | "\""))
            .map(|k| k + 1)
            .unwrap_or(sent_start);
        let mut s = start;
        while s < end
            && matches!(
                words[s].to_lowercase().as_str(),
                "the" | "its" | "their" | "his" | "her" | "a" | "an" | "and" | "but"
            )
        {
            s += 1;
        }
        let phrase = &words[s..end];
        // "Erie County District Attorney Frank Clark, Bernard Tolbert, …": a phrase ending in
        // a name after its title (capitalised words, no "of" or "and" joining them to the
        // title) is someone else, listed before the name.
        let named = phrase.iter().rposition(|w| is_role_head(w)).is_some_and(|h| {
            let tail = &phrase[h + 1..];
            tail.len() >= 2 && tail.iter().all(|w| is_cap(w) && !is_role_head(w))
        });
        // "Mila Hart arrived with her husband, Dario": a clause before the comma, not a title.
        // (A relative clause's verb is the description's own: "a private group that runs …".)
        let verb = (s..end).any(|k| {
            c.finite_verb(k) && !(k > s && matches!(words[k - 1].to_lowercase().as_str(), "that" | "who" | "which"))
        });
        if !phrase.is_empty()
            && phrase.len() <= 10
            && phrase.iter().any(|w| is_role_head(w))
            && !named
            && !verb
            && start == sent_start
        {
            role = Some(text[tokens[s].start..tokens[end - 1].end].to_string());
        }
    }
    // Honorifics are not roles.
    let title = title.filter(|t| {
        !matches!(fold(t).trim_end_matches('.'), "dr" | "mr" | "mrs" | "ms" | "sir" | "dame" | "prof" | "professor")
    });
    match (role, title) {
        (Some(r), Some(t)) => Some(format!("{r} {t}")),
        (None, Some(t)) => Some(t.to_string()),
        (r, None) => r,
    }
}

/// The singular of a plural role noun ("producers" → "producer", "deputies" → "deputy").
fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies") {
        format!("{stem}y")
    } else if w.ends_with("sses") || w.ends_with("ches") || w.ends_with("shes") {
        w[..w.len() - 2].to_string()
    } else {
        w.strip_suffix('s').unwrap_or(w).to_string()
    }
}

/// A copular clause after a name: "Kenji Sato is the chairman of Hoshino Motors", "Greta Lind
/// became chief executive of Nordvik Energy in March" (the role, without the time). Only a
/// phrase with a role noun in it: "X is a problem" gives nothing, nor does a passive ("was
/// arrested").
fn copular_role(text: &str, tokens: &[Token], words: &[&str], end: usize, kind: ActorKind) -> Option<String> {
    if kind == ActorKind::Country {
        return None;
    }
    let mut k = end;
    match words.get(k).copied()? {
        "is" | "was" | "became" | "becomes" | "remains" | "remained" => k += 1,
        "has" | "had" if words.get(k + 1) == Some(&"been") => k += 2,
        _ => return None,
    }
    if words.get(k) == Some(&"also") {
        k += 1;
    }
    if matches!(words.get(k).copied(), Some("a" | "an" | "the")) {
        k += 1;
    }
    let start = k;
    let is_time = |w: &str| crate::text::is_day_or_month(w) || w.starts_with(|c: char| c.is_ascii_digit());
    while k < words.len() && k - start < 12 {
        let w = words[k];
        let time_phrase = matches!(w, "in" | "on" | "last" | "this" | "since" | "until" | "from")
            && words.get(k + 1).is_some_and(|n| is_time(n) || matches!(*n, "the" | "year" | "month" | "week"));
        if matches!(w, "," | "." | ";" | ":" | ")" | "—" | "–" | "“" | "\"" | "who" | "which" | "that" | "and" | "when")
            || time_phrase
        {
            break;
        }
        k += 1;
    }
    let phrase = words.get(start..k).filter(|p| !p.is_empty())?;
    let first = phrase[0];
    let verbish = !is_cap(first) && (first.ends_with("ed") || first.ends_with("ing") || first.ends_with("en"));
    if verbish || !phrase.iter().any(|w| is_role_head(w)) || FUNCTION_WORDS.has(fold(first).as_str()) {
        return None;
    }
    Some(text[tokens[start].start..tokens[k - 1].end].to_string())
}

/// An apposition after a name: ", an Austrian political analyst," / ", who heads X".
fn appositive(text: &str, tokens: &[Token], words: &[&str], end: usize, kind: ActorKind) -> Option<String> {
    if kind == ActorKind::Country || words.get(end) != Some(&",") {
        return None;
    }
    let mut k = end + 1;
    // "Jean Dupont, 54, a farmer from Lyon": the age between name and apposition.
    if words.get(k).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())) && words.get(k + 1) == Some(&",") {
        k += 2;
    }
    let mut prefix = String::new();
    let mut article = false;
    if words.get(k) == Some(&"who") {
        k += 1;
        if words.get(k) == Some(&"also") {
            k += 1;
        }
        match words.get(k).copied() {
            Some("heads" | "leads" | "runs" | "chairs") => {
                prefix = "head of ".into();
                k += 1;
            }
            Some("is" | "was") => {
                k += 1;
                if matches!(words.get(k).copied(), Some("a" | "an" | "the")) {
                    k += 1;
                }
            }
            _ => return None,
        }
    } else if matches!(words.get(k).copied(), Some("a" | "an" | "the")) {
        article = words[k] != "the";
        k += 1;
    }
    let start = k;
    while k < tokens.len() && k - start < 14 {
        let w = words[k];
        if matches!(w, "," | "." | ";" | ":" | ")" | "—" | "–" | "“" | "\"")
            || w == "who"
            || w == "which"
            // "the struggling Ohio snack maker that has closed two plants": a relative clause.
            || (w == "that" && k > start)
            || w == "said"
        {
            break;
        }
        k += 1;
    }
    if k <= start || k - start < 1 {
        return None;
    }
    let phrase_words = &words[start..k];
    let has_head = phrase_words.iter().any(|w| is_role_head(w));
    let first = phrase_words[0];
    let verbish = matches!(first, "said" | "says" | "added" | "told" | "and" | "but" | "which" | "where" | "when")
        || (!is_cap(first) && first.ends_with("ed") && !matches!(first, "based" | "designated" | "listed" | "owned"))
        || (!is_cap(first)
            && first.ends_with('s')
            && phrase_words.get(1).is_some_and(|w| matches!(*w, "the" | "a" | "an" | "that")));
    // "31-year-old" describes; a bare number ("2, the") does not.
    let numeric = phrase_words[0].chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    // "Marco Bellini, a 31-year-old Italian national,": after a person's name, "a …" set off
    // by commas says who they are, with or without a listed role noun.
    let described = article && kind == ActorKind::Person && phrase_words.len() >= 2;
    if (!has_head && prefix.is_empty() && !described) || verbish || numeric {
        return None;
    }
    let phrase = &text[tokens[start].start..tokens[k - 1].end];
    // An acronym in brackets is not part of the role: "… Association (EDRA".
    let phrase = match phrase.rfind(" (") {
        Some(p) if !phrase[p..].contains(')') => &phrase[..p],
        _ => phrase,
    };
    Some(format!("{prefix}{phrase}"))
}

/// A non-restrictive relative clause after a name that describes it: ", which is based in
/// Cincinnati,", ", which holds the incoming COP presidency,". The clause must be closed by
/// a comma or period, so a clause that goes on to report an action is not taken.
fn relative_role(text: &str, tokens: &[Token], words: &[&str], end: usize) -> Option<String> {
    if words.get(end) != Some(&",") || !matches!(words.get(end + 1).copied(), Some("which" | "who")) {
        return None;
    }
    let mut k = end + 2;
    let verb = words.get(k).copied()?;
    if matches!(verb, "is" | "was" | "are" | "were") {
        k += 1;
        if !matches!(words.get(k).copied(), Some("based" | "headquartered" | "located")) {
            return None;
        }
    } else if !RELATIVE_VERBS.has(verb) {
        return None;
    }
    let start = k;
    while k < tokens.len() && !matches!(words[k], "," | "." | ";" | ":" | ")" | "—" | "–" | "“" | "\"") {
        if k - start >= 12 {
            return None;
        }
        k += 1;
    }
    if k >= tokens.len() || k - start < 2 || !matches!(words[k], "," | ".") {
        return None;
    }
    Some(text[tokens[start].start..tokens[k - 1].end].to_string())
}

/// Nouns for the sides of a lawsuit.
const LITIGANTS: &[&str] = &["plaintiff", "plaintiffs", "defendant", "defendants", "petitioner", "co-plaintiff"];

/// Parties to a lawsuit take their side as a role: "the lawsuit was brought by X" and "a
/// petition filed by X" (plaintiff, petitioner), "X joined the case as a plaintiff".
fn litigation_roles(text: &str, actors: &mut [FoundActor]) {
    let lower = text.lower_keeping_offsets();
    let mut found: Vec<(usize, &str)> = Vec::new();
    for (at, _) in lower.match_indices(" by ") {
        let back = &lower[lower.floor_char_boundary(at.saturating_sub(40))..at];
        if !(back.contains("filed") || back.contains("brought")) {
            continue;
        }
        let clause = &lower[lower.floor_char_boundary(at.saturating_sub(90))..at];
        let clause = clause.rsplit(['.', ';']).next().unwrap_or(clause);
        let has = |nouns: &[&str]| clause.split(|c: char| !c.is_alphanumeric()).any(|w| nouns.contains(&w));
        let role = if has(&["petition"]) {
            "petitioner"
        } else if has(&["lawsuit", "suit", "case", "complaint", "claim"]) {
            "plaintiff"
        } else {
            continue;
        };
        let mut agent = at + 4;
        for skip in ["the office of the ", "the office of ", "the "] {
            if lower[agent..].starts_with(skip) {
                agent += skip.len();
                break;
            }
        }
        found.push((agent, role));
    }
    // Every mention as (end, start), in text order.
    let mut by_end: Vec<(usize, usize)> = actors.iter().flat_map(|a| a.mentions.iter()).map(|&(s, e)| (e, s)).collect();
    by_end.sort_unstable();
    for (at, _) in lower.match_indices(" as ") {
        let rest = &lower[at + 4..];
        let rest = rest.strip_prefix("a ").unwrap_or(rest);
        let noun = rest.split(|c: char| !c.is_alphanumeric() && c != '-').next().unwrap_or("");
        if let Some(noun) = LITIGANTS.iter().find(|n| **n == noun) {
            // The subject: the nearest actor named before, in the same sentence (no ". "
            // between the mention's end and here).
            let Some(before) = text.get(..at) else {
                continue;
            };
            let sentence = before.rfind(". ").map_or(0, |p| p + 1);
            let subject = by_end
                [by_end.partition_point(|&(e, _)| e < sentence)..by_end.partition_point(|&(e, _)| e <= at)]
                .iter()
                .filter(|&&(e, _)| text.is_char_boundary(e))
                .map(|&(_, s)| s)
                .max();
            if let Some(s) = subject {
                found.push((s, noun.trim_end_matches('s')));
            }
        }
    }
    // The first actor with a mention starting at each position.
    let mut starting: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (i, a) in actors.iter().enumerate() {
        for m in &a.mentions {
            starting.entry(m.0).or_insert(i);
        }
    }
    for (pos, role) in found {
        let Some(a) = starting.get(&pos).map(|&i| &mut actors[i]) else {
            continue;
        };
        match &a.role {
            Some(r) if fold(r).contains(role) => {}
            Some(r) => a.role = Some(format!("{r}; {role}")),
            None => a.role = Some(role.to_string()),
        }
    }
}

/// Whether a role makes its bearer a party to a dispute ("plaintiff", "defendant").
fn is_litigant(role: Option<&str>) -> bool {
    role.is_some_and(|r| r.split("; ").any(|p| LITIGANTS.contains(&fold(p).trim_end_matches('s'))))
}

/// Salience: mentions, position, headline and lead presence, being quoted or attributed,
/// having a role. Re-run after quotes are attributed (`speakers`), then sort.
pub fn score(
    text: &str,
    actors: &mut [FoundActor],
    headline: Option<&str>,
    speakers: &[String],
    parties: &[String],
    lead: &[(usize, usize)],
    parses: &mut Parses,
) {
    let len = text.len().max(1) as f64;
    let lead_parts = lead_arguments(text, actors, headline, lead, parses);
    let lead_end = text.find("\n\n").unwrap_or(text.len().min(400));
    let head = headline.map(fold).unwrap_or_default();
    for (ai, a) in actors.iter_mut().enumerate() {
        let n = (a.mentions.len() + a.demonyms) as f64 - 0.7 * (a.weak + a.demonyms) as f64;
        let first = a.mentions.first().map(|m| m.0).unwrap_or(0) as f64 / len;
        let in_head =
            std::iter::once(&a.name).chain(a.aliases.iter()).any(|n| !head.is_empty() && head.contains(&fold(n)));
        let in_lead = a.mentions.iter().any(|m| m.0 < lead_end);
        let attributed = a.mentions.iter().any(|&(s, e)| {
            let mut after = text.get(e..).unwrap_or("");
            // "Marisol Ibarra, the deputy secretary of state, said": skip the apposition.
            if let Some(rest) = after.strip_prefix(", ")
                && let Some(close) = rest.get(..rest.len().min(120)).and_then(|w| w.find(", "))
                && !rest[..close].contains(['.', '“', '"'])
            {
                after = &rest[close..];
            }
            let after = after.trim_start_matches([',', ' ']);
            // "EDRA has asked for", "the union also urged": a speech act after an auxiliary.
            let after = ["has ", "have ", "had ", "also ", "has also ", "have also "]
                .iter()
                .find_map(|aux| after.strip_prefix(aux))
                .unwrap_or(after);
            let before = text.get(..s).unwrap_or("").trim_end();
            // Speech acts and rulings: who speaks or decides in the story.
            super::lexicon::SPEECH_ACTS.entries().any(|v| after.starts_with(v))
                || before.ends_with("said")
                || before.ends_with("according to")
        });
        // A commentator's quote ("said an analyst") does not make them a player.
        let commentator = a
            .role
            .as_deref()
            .and_then(|r| r.split("; ").next())
            .and_then(role_head_noun)
            .is_some_and(|h| COMMENTATORS.has(h.as_str()));
        let voice = if commentator { 0.4 } else { 1.0 };
        let quoted = speakers.contains(&a.name);
        // Who sets or must meet a deadline, or is a side in a lawsuit, is who a briefing
        // reader must know.
        let party = parties.contains(&a.name) || is_litigant(a.role.as_deref());
        let kind_w = match a.kind {
            ActorKind::Person => 1.0,
            ActorKind::Organization => 0.95,
            ActorKind::Country => 0.6,
            ActorKind::Place => 0.5,
        };
        // An actor named only as a modifier ("EU rules", "U.N. climate secretariat") is
        // context; a name whose kind is only guessed from capitals is weaker evidence.
        let evidence = if a.weak >= a.mentions.len() {
            0.6
        } else if a.guessed {
            0.75
        } else {
            1.0
        };
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        let scale = kind_w * evidence;
        a.features = vec![
            scale * n.ln_1p(),
            scale * b(in_head),
            scale * b(in_lead),
            scale * (1.0 - first),
            scale * voice * b(quoted),
            scale * voice * b(attributed && !quoted),
            scale * b(a.role.is_some() && a.kind == ActorKind::Person && !commentator),
            scale * b(party),
            b(a.kind == ActorKind::Person),
            b(a.kind == ActorKind::Organization),
            b(a.kind == ActorKind::Country),
            b(a.kind == ActorKind::Place),
            b(commentator),
            b(a.guessed),
            b(a.weak >= a.mentions.len()),
            scale * b(lead_parts[ai].0),
            scale * b(lead_parts[ai].1),
            b(is_market_index(&a.name)),
        ];
        a.salience = a.features.iter().zip(key_weights()).map(|(f, w)| f * w).sum::<f64>().max(0.0);
    }
    let max = actors.iter().map(|a| a.salience).fold(0.0_f64, f64::max).max(1e-9);
    for a in actors.iter_mut() {
        a.salience = (a.salience / max * 1000.0).round() / 1000.0;
    }
}

/// Per actor, whether the headline or a lead sentence (`lead`, byte ranges of `text`) makes it
/// the subject of its verb (what the story is about: "Judge orders …", "Qantas will almost double
/// its flights") and whether it makes it the object or the passive subject (who it is done to:
/// "has ordered Calder Chemical Co. to file"), read from the parse. A name inside the subject
/// phrase as its modifier ("Home Depot shares fell") counts as that phrase's part.
fn lead_arguments(
    text: &str,
    actors: &[FoundActor],
    headline: Option<&str>,
    lead: &[(usize, usize)],
    parses: &mut Parses,
) -> Vec<(bool, bool)> {
    let mut found = vec![(false, false); actors.len()];
    let mut mark = |s: &Sentence, i: usize, start: usize, end: usize| {
        let Some(h) = s.head_of(start, end) else { return };
        // Climb out of modifiers of the phrase the name sits in ("Home Depot shares").
        let mut k = h;
        while matches!(s.deprels[k], "compound" | "nmod:poss" | "appos" | "flat")
            && let Some(up) = s.heads[k]
        {
            k = up;
        }
        match s.deprels[k] {
            "nsubj" => found[i].0 = true,
            "obj" | "iobj" | "nsubj:pass" | "obl:agent" => found[i].1 = true,
            _ => {}
        }
    };
    parses.ensure(text, lead);
    for &range in lead {
        let Some(s) = parses.parsed(range) else { continue };
        for (i, a) in actors.iter().enumerate() {
            for &(ms, me) in a.mentions.iter().filter(|m| range.0 <= m.0 && m.1 <= range.1) {
                mark(s, i, ms, me);
            }
        }
    }
    if let Some(title) = headline.filter(|t| !t.trim().is_empty()) {
        let lower = title.lower_keeping_offsets();
        let s = parses.title(title);
        for (i, a) in actors.iter().enumerate() {
            for name in std::iter::once(&a.name).chain(a.aliases.iter()) {
                let needle = name.to_lowercase();
                if needle.len() != name.len() || needle.is_empty() {
                    continue;
                }
                if let Some(at) = lower.find(&needle) {
                    mark(s, i, at, at + needle.len());
                }
            }
        }
    }
    found
}

/// Whether a name is a market index's ("Kospi Index", "Shanghai Composite", "Euro Stoxx 50"):
/// its first word or first two words in `assets/lexicon/en/market-indices.txt`, or a last word
/// "Index", "Composite" or "Average" after another word.
fn is_market_index(name: &str) -> bool {
    let f = fold(name);
    let words: Vec<&str> = f.split_whitespace().collect();
    let listed = (1..=words.len().min(2)).any(|n| super::lexicon::MARKET_INDICES.has(&words[..n].join(" ")));
    listed || words.len() >= 2 && matches!(words[words.len() - 1], "index" | "composite" | "average")
}

/// Most salient first; ties in text order.
pub fn rank(actors: &mut [FoundActor]) {
    actors.sort_by(|a, b| b.salience.total_cmp(&a.salience).then(a.mentions.first().cmp(&b.mentions.first())));
}

#[cfg(test)]
mod tests {
    use crate::analyze::{ActorKind, AnalyzeOptions, analyze};
    use crate::ingest::{Article, Format};
    use crate::nlp::{Entity, EntityKind};

    #[test]
    fn the_role_tables_name_their_rules_and_check_every_role_pass() {
        let mentions: Vec<&str> = super::MENTION_ROLE_RULES.iter().map(|r| r.name).collect();
        let passes: Vec<&str> = super::ROLE_PASSES.iter().map(|p| p.name).collect();
        assert!(mentions.iter().chain(&passes).all(|n| !n.is_empty()));
        let mut distinct = mentions.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), mentions.len(), "{mentions:?}");
        // Every pass that reads roles of its own is followed, before the kinds are refined
        // from roles, by the clause check.
        let refine = passes.iter().position(|&n| n == "kinds from roles").expect("kinds pass");
        for reads in ["definite descriptions", "relative clauses", "litigants", "parsed roles"] {
            let at = passes.iter().position(|&n| n == reads).unwrap_or_else(|| panic!("{reads} missing"));
            assert!(passes[at..refine].contains(&"clause check"), "{reads} is not checked: {passes:?}");
        }
    }

    fn actors(text: &str) -> Vec<(String, ActorKind, Vec<String>, Option<String>)> {
        let a = Article::new("t.txt", text.to_string(), Format::Text);
        analyze(&a, Some(jiff::civil::date(2026, 3, 2)), &AnalyzeOptions::default())
            .actors
            .into_iter()
            .map(|a| (a.name, a.kind, a.aliases, a.role))
            .collect()
    }

    /// The actor pass alone over entities given as the recogniser would give them (every
    /// occurrence of each name), so the rules after recognition are tested apart from the model.
    fn actors_given(text: &str, names: &[(&str, EntityKind)]) -> Vec<(String, ActorKind, Vec<String>, Option<String>)> {
        let p = super::super::prepare(text, &crate::nlp::sentence_ranges(text));
        let mut entities: Vec<Entity> = Vec::new();
        for &(name, kind) in names {
            for (start, _) in text.match_indices(name) {
                let end = start + name.len();
                if !entities.iter().any(|e| e.start < end && start < e.end) {
                    entities.push(Entity { tokens: 0..0, start, end, kind });
                }
            }
        }
        entities.sort_by_key(|e| e.start);
        let pos = super::super::parts_of_speech(&p.tokens, &crate::nlp::recognise(text).tags);
        super::find(text, &p.tokens, &p.sentence_of, &pos, &entities, None, &mut crate::nlp::clause::Parses::default())
            .into_iter()
            .map(|a| (a.name, a.kind, a.aliases, a.role))
            .collect()
    }

    fn find<'a>(
        list: &'a [(String, ActorKind, Vec<String>, Option<String>)],
        name: &str,
    ) -> Option<&'a (String, ActorKind, Vec<String>, Option<String>)> {
        list.iter().find(|a| a.0 == name)
    }

    #[test]
    fn indexed_lookups_find_states_descriptions_litigants_and_titles() {
        // Each of these used to search the whole text per actor or per mention; the indexed
        // forms must find the same things.
        let text = "Talks with the government of Nueva Loria stalled. Nueva Loria's president, Ana Kurtz, said on Monday \
                    that her country would not sign. Northwind Airways cut routes. The airline said demand fell. \
                    Cedric Holm joined the case as a plaintiff. U.S. special envoy Steve Witkoff met Kurtz. \
                    The envoy said the talks would go on.";
        // A name the recogniser reads as a person or an unknown place is a state once "the
        // government of" names it so.
        for kind in [EntityKind::Person, EntityKind::Location] {
            let l = actors_given(text, &[("Nueva Loria", kind), ("Ana Kurtz", EntityKind::Person)]);
            assert!(find(&l, "Nueva Loria").is_some_and(|a| a.1 == ActorKind::Country), "{l:?}");
        }
        let l = actors_given(
            text,
            &[
                ("Nueva Loria", EntityKind::Location),
                ("Ana Kurtz", EntityKind::Person),
                ("Northwind Airways", EntityKind::Organisation),
                ("Cedric Holm", EntityKind::Person),
                ("U.S.", EntityKind::Location),
                ("Steve Witkoff", EntityKind::Person),
                ("Kurtz", EntityKind::Person),
            ],
        );
        assert!(find(&l, "Northwind Airways").is_some_and(|a| a.3.as_deref() == Some("airline")), "{l:?}");
        assert!(
            find(&l, "Cedric Holm").is_some_and(|a| a.3.as_deref().is_some_and(|r| r.contains("plaintiff"))),
            "{l:?}"
        );
        assert!(find(&l, "Steve Witkoff").is_some_and(|a| a.2.iter().any(|x| x == "envoy")), "{l:?}");
        assert!(find(&l, "Ana Kurtz").is_some_and(|a| a.2.contains(&"Kurtz".to_string())), "{l:?}");
    }

    #[test]
    fn taken_spans_overlap_like_a_scan_of_all_of_them() {
        let mut taken = super::Taken::default();
        let spans = [(0, 5), (10, 40), (12, 14), (50, 51), (60, 75)];
        for &(s, e) in &spans {
            taken.insert(s, e);
        }
        for s in 0..80 {
            for e in s + 1..82 {
                let scan = spans.iter().any(|&(ms, me)| ms < e && s < me);
                assert_eq!(taken.overlaps(s, e), scan, "{s}..{e}");
            }
        }
    }

    #[test]
    fn unambiguous_title_only_mentions_join_their_person() {
        let l = actors(
            "U.S. special envoy Steve Witkoff met Russian President Vladimir Putin in Moscow. The envoy said talks were useful. The president did not comment.",
        );
        assert!(find(&l, "Steve Witkoff").is_some_and(|a| a.2.iter().any(|x| x == "envoy")), "{l:?}");
        assert!(find(&l, "Vladimir Putin").is_some_and(|a| a.2.iter().any(|x| x == "president")), "{l:?}");
        // Two ministers: "the minister" is ambiguous and joins neither.
        let l = actors(
            "Foreign Minister Ana Ruiz met Trade Minister Tomas Berg in Lima. The minister said the deal was close.",
        );
        assert!(l.iter().all(|a| !a.2.iter().any(|x| x == "minister")), "{l:?}");
        // "the president of the council" is somebody else's title.
        let l = actors("President Mara Lind opened the session. The president of the council spoke next.");
        assert!(find(&l, "Mara Lind").is_none_or(|a| !a.2.iter().any(|x| x == "president")), "{l:?}");
    }

    #[test]
    fn an_abridged_body_name_joins_the_one_body_it_abridges() {
        let bodies = |text: &str, names: &[&str]| {
            let given: Vec<(&str, EntityKind)> = names.iter().map(|n| (*n, EntityKind::Organisation)).collect();
            actors_given(text, &given)
        };
        let select = "House Select Committee on Intelligence";
        let l = bodies(
            "The House Select Committee on Intelligence met on Tuesday. Two aides testified before the powerful House Committee.",
            &[select, "House Committee"],
        );
        assert!(find(&l, "House Committee").is_none(), "{l:?}");
        // Two committees of the House: the abridged name is not the select committee's.
        let l = bodies(
            "The House Select Committee on Intelligence and the House Committee on Oversight met. The House Committee said little.",
            &[select, "House Committee on Oversight", "House Committee"],
        );
        assert!(find(&l, select).is_some_and(|a| a.2.is_empty()), "{l:?}");
    }

    #[test]
    fn names_with_particles_and_accents_are_one_person() {
        let l = actors(
            "Ursula von der Leyen met Luiz Inácio Lula da Silva in Brasília. Von der Leyen said the talks went well.",
        );
        assert!(find(&l, "Ursula von der Leyen").is_some_and(|a| a.1 == ActorKind::Person), "{l:?}");
        assert!(find(&l, "Luiz Inácio Lula da Silva").is_some(), "{l:?}");
    }

    #[test]
    fn organisations_keep_of_and_for_and_take_their_acronym() {
        let l = actors(
            "The Bank of England raised rates. The European Digital Retail Association (EDRA) objected, and EDRA said it would appeal.",
        );
        assert!(find(&l, "Bank of England").is_some_and(|a| a.1 == ActorKind::Organization), "{l:?}");
        let edra = find(&l, "European Digital Retail Association");
        assert!(edra.is_some_and(|a| a.2.contains(&"EDRA".to_string())), "{l:?}");
    }

    #[test]
    fn long_body_names_read_in_pieces_are_joined_again() {
        use EntityKind::{Location, Organisation, Person};
        let text = "The Ministry of Industry and Trade met the National Institute on Drug Abuse. \
                    Patients for Safe Medicines wrote to the Office of the Inspector General. \
                    France and Germany agreed, and SBI and Keswick Bank lent.";
        let l = actors_given(
            text,
            &[
                ("Ministry of Industry", Organisation),
                ("Trade", Organisation),
                ("National Institute", Organisation),
                ("Drug Abuse", Organisation),
                ("Patients", Organisation),
                ("Safe Medicines", Person),
                ("Office of the", Organisation),
                ("France", Location),
                ("Germany", Location),
                ("SBI", Organisation),
                ("Keswick Bank", Organisation),
            ],
        );
        for joined in [
            "Ministry of Industry and Trade",
            "National Institute on Drug Abuse",
            "Patients for Safe Medicines",
            "Office of the Inspector General",
        ] {
            assert!(find(&l, joined).is_some_and(|a| a.1 == ActorKind::Organization), "{joined}: {l:?}");
        }
        for piece in ["Trade", "Drug Abuse", "Safe Medicines", "Office of the"] {
            assert!(find(&l, piece).is_none(), "{piece}: {l:?}");
        }
        // Two names joined by "and" that each stand alone stay two.
        for alone in ["France", "Germany", "SBI", "Keswick Bank"] {
            assert!(find(&l, alone).is_some(), "{alone}: {l:?}");
        }
    }

    #[test]
    fn a_title_alone_is_no_one_and_a_title_before_a_name_makes_a_person() {
        use EntityKind::Organisation;
        let text = "The National Security Adviser was absent. Administrator Jim Brennock said the launch would slip.";
        let l = actors_given(
            text,
            &[("National Security Adviser", Organisation), ("Administrator Jim Brennock", Organisation)],
        );
        assert!(find(&l, "National Security Adviser").is_none(), "{l:?}");
        let jim = find(&l, "Jim Brennock");
        assert!(jim.is_some_and(|a| a.1 == ActorKind::Person && a.3.as_deref() == Some("Administrator")), "{l:?}");
    }

    #[test]
    fn short_forms_and_spellings_of_one_name_are_one_person() {
        use EntityKind::{Organisation, Person};
        let text = "Patrick W. Carlineo appeared in court. Pat Carlineo, 55, pleaded. Patrick Carlineo Jr. left. \
                    Ambassador Liu Xiaowen spoke. Liu said talks would go on. Joe Harlan and Hunter Harlan disagreed. \
                    Volodymyr Zelensky called. Zelenskyy said the House Intelligence Committee had asked; \
                    the Intelligence Committee replied.";
        let l = actors_given(
            text,
            &[
                ("Patrick W. Carlineo", Person),
                ("Pat Carlineo", Person),
                ("Patrick Carlineo Jr.", Person),
                ("Liu Xiaowen", Person),
                ("Liu", Person),
                ("Joe Harlan", Person),
                ("Hunter Harlan", Person),
                ("Volodymyr Zelensky", Person),
                ("Zelenskyy", Person),
                ("House Intelligence Committee", Organisation),
                ("Intelligence Committee", Organisation),
            ],
        );
        let count = |part: &str| l.iter().filter(|a| a.0.contains(part)).count();
        assert_eq!(count("Carlineo"), 1, "{l:?}");
        assert_eq!(count("Liu"), 1, "{l:?}");
        assert_eq!(count("Zelensk"), 1, "{l:?}");
        assert_eq!(count("Intelligence Committee"), 1, "{l:?}");
        // Different given names with one surname are two people.
        assert_eq!(count("Harlan"), 2, "{l:?}");
    }

    #[test]
    fn a_unit_inside_a_title_is_part_of_the_role() {
        use EntityKind::{Organisation, Person};
        let text = "“We will bid,” said Dana Holt, vice president of Advanced Launch Programs at Keswick Aerospace.";
        let l = actors_given(
            text,
            &[("Dana Holt", Person), ("Advanced Launch Programs", Organisation), ("Keswick Aerospace", Organisation)],
        );
        assert!(find(&l, "Advanced Launch Programs").is_none(), "{l:?}");
        assert!(find(&l, "Keswick Aerospace").is_some() && find(&l, "Dana Holt").is_some(), "{l:?}");
    }

    #[test]
    fn a_given_name_coordinated_with_a_full_name_shares_its_surname() {
        use EntityKind::{Organisation, Person};
        let text = "Investigators asked about Joe and Hunter Harlan. Joe Harlan denied it.";
        let l = actors_given(text, &[("Joe Harlan", Person), ("Hunter Harlan", Person), ("Joe", Organisation)]);
        assert!(find(&l, "Joe").is_none(), "{l:?}");
        assert!(find(&l, "Joe Harlan").is_some_and(|a| a.1 == ActorKind::Person), "{l:?}");
        assert!(find(&l, "Hunter Harlan").is_some(), "{l:?}");
    }

    #[test]
    fn camel_case_company_names_used_twice_are_organisations() {
        let l = actors_given(
            "Investors said DeskNest had delayed its listing. DeskNest's founder, Ada McCrory, declined to comment. \
             McCrory said BrightPath would not bid.",
            &[("Ada McCrory", EntityKind::Person), ("McCrory", EntityKind::Person)],
        );
        assert!(find(&l, "DeskNest").is_some_and(|a| a.1 == ActorKind::Organization), "{l:?}");
        // Used once, it stays unnamed; a surname prefix ("McCrory") is no company.
        assert!(find(&l, "BrightPath").is_none(), "{l:?}");
        assert!(super::is_camel_case_name("SpaceX") && super::is_camel_case_name("WeWork's"));
        assert!(!super::is_camel_case_name("McCrory"));
        assert!(!super::is_camel_case_name("DeSantis") && !super::is_camel_case_name("iPhone"));
    }

    #[test]
    fn two_countries_joined_by_a_hyphen_are_two_names() {
        let l = actors_given(
            "The US-China talks resumed. China said the United States must move first.",
            &[
                ("US-China", EntityKind::Organisation),
                ("China", EntityKind::Location),
                ("United States", EntityKind::Location),
            ],
        );
        assert!(find(&l, "US-China").is_none(), "{l:?}");
        let us = find(&l, "United States");
        assert!(us.is_some_and(|a| a.2.contains(&"US".to_string())), "{l:?}");
    }

    #[test]
    fn affiliations_postal_codes_laws_and_common_abbreviations_are_not_actors() {
        use EntityKind::{Location, Organisation};
        let text = "Rep. Dana Holt (D-Minn.) flew from Sioux Falls, SD, to plan an IPO with Keswick Bank.";
        let l = actors_given(
            text,
            &[
                ("Dana Holt", EntityKind::Person),
                ("D-Minn.", Organisation),
                ("Sioux Falls", Location),
                ("SD", Location),
                ("IPO", Organisation),
                ("Keswick Bank", Organisation),
            ],
        );
        let l2 = actors_given(
            "The Keswick Bank said the Online Marketplace Safety Regulation and the Harbour Treaty apply.",
            &[
                ("Keswick Bank", Organisation),
                ("Online Marketplace Safety Regulation", Organisation),
                ("Harbour Treaty", Organisation),
            ],
        );
        assert_eq!(l2.len(), 1, "laws and treaties are not actors: {l2:?}");
        for junk in ["D-Minn.", "SD", "IPO"] {
            assert!(find(&l, junk).is_none(), "{junk}: {l:?}");
        }
        assert!(find(&l, "Dana Holt").is_some() && find(&l, "Keswick Bank").is_some(), "{l:?}");
    }

    #[test]
    fn capitals_are_metonyms_for_their_countries() {
        let l = actors("Moscow has made it clear that Russia will not move. The Kremlin declined to comment.");
        let russia = find(&l, "Russia");
        assert!(russia.is_some_and(|a| a.1 == ActorKind::Country && a.2.contains(&"Moscow".to_string())), "{l:?}");
        assert!(find(&l, "Kremlin").is_some_and(|a| a.1 == ActorKind::Organization), "{l:?}");
    }

    #[test]
    fn surnames_join_the_full_name_and_titles_become_roles() {
        let l = actors("President Donald Trump set a deadline. Trump said Russia must agree.");
        let trump = find(&l, "Donald Trump");
        assert!(
            trump.is_some_and(|a| a.2.contains(&"Trump".to_string()) && a.3.as_deref() == Some("President")),
            "{l:?}"
        );
        assert_eq!(l.iter().filter(|a| a.0.contains("Trump")).count(), 1);
    }

    #[test]
    fn a_role_ends_at_its_line() {
        let found = actors(
            "Talks in Geneva\n\nBy Caroline Hawley, BBC diplomatic correspondent\n\nWith the end of the talks, \
             Caroline Hawley said the envoys would meet again.",
        );
        let hawley = found.iter().find(|a| a.0 == "Caroline Hawley").expect("Caroline Hawley is an actor");
        assert!(hawley.3.as_deref().is_none_or(|r| !r.contains('\n') && !r.contains("With the end")), "{hawley:?}");
    }

    #[test]
    fn roles_come_from_words_before_and_appositions_after() {
        let l = actors(
            "U.S. special envoy Steve Witkoff arrived. He met Kirill Dmitriev, who also heads the country's sovereign wealth fund. \
             \"It is late,\" said Gerhard Mangott, an Austrian political analyst.",
        );
        assert_eq!(find(&l, "Steve Witkoff").and_then(|a| a.3.clone()).as_deref(), Some("U.S. special envoy"), "{l:?}");
        assert!(
            find(&l, "Kirill Dmitriev").and_then(|a| a.3.clone()).is_some_and(|r| r.starts_with("head of")),
            "{l:?}"
        );
        assert_eq!(
            find(&l, "Gerhard Mangott").and_then(|a| a.3.clone()).as_deref(),
            Some("Austrian political analyst")
        );
    }

    #[test]
    fn sentence_starters_months_and_datelines_are_not_actors() {
        let l = actors(
            "LONDON, 2 March – However, Brightwater Asset Management said on Monday that March would be decisive.",
        );
        assert!(l.iter().all(|a| !matches!(a.0.as_str(), "However" | "LONDON" | "March" | "Monday")), "{l:?}");
        assert!(find(&l, "Brightwater Asset Management").is_some(), "{l:?}");
    }

    #[test]
    fn a_country_named_only_as_an_adjective_is_not_an_actor() {
        let l = actors("The U.S. private equity firm Kestrel Capital Partners confirmed its interest.");
        assert!(find(&l, "United States").is_none(), "{l:?}");
        assert_eq!(
            find(&l, "Kestrel Capital Partners").and_then(|a| a.3.clone()).as_deref(),
            Some("U.S. private equity firm")
        );
        // A possessor is not an adjective.
        let l = actors("The Foreign Office restated the UK's position on the talks.");
        assert!(find(&l, "United Kingdom").is_some(), "{l:?}");
    }

    #[test]
    fn a_role_head_is_the_noun_before_its_complement() {
        let l = actors(
            "“Enough,” said Angela Whitfield, a lawyer at the Midwest Environmental Defense Fund. \
             Lukas Brenner, director general of the European Digital Retail Association, objected.",
        );
        assert!(find(&l, "Angela Whitfield").is_some_and(|a| a.1 == ActorKind::Person), "{l:?}");
        assert!(find(&l, "Lukas Brenner").is_some_and(|a| a.1 == ActorKind::Person), "{l:?}");
        let l = actors("The Norwegian engineering group Aker Solvik said it would bid.");
        assert!(find(&l, "Aker Solvik").is_some_and(|a| a.1 == ActorKind::Organization), "{l:?}");
    }

    #[test]
    fn a_closed_relative_clause_describes_a_name_without_a_role() {
        let l = actors_given(
            "A judge fined Calder Chemical Co. on Monday. Calder, which is based in Cincinnati, said it would appeal. \
             Ethiopia, which holds the incoming COP presidency, pressed donors. \
             Vestra Mining, which said it would appeal, lost.",
            &[
                ("Calder Chemical Co.", EntityKind::Organisation),
                ("Calder", EntityKind::Organisation),
                ("Cincinnati", EntityKind::Location),
                ("Ethiopia", EntityKind::Location),
                ("COP", EntityKind::Misc),
                ("Vestra Mining", EntityKind::Organisation),
            ],
        );
        assert_eq!(find(&l, "Calder Chemical Co.").and_then(|a| a.3.clone()).as_deref(), Some("based in Cincinnati"));
        assert_eq!(
            find(&l, "Ethiopia").and_then(|a| a.3.clone()).as_deref(),
            Some("holds the incoming COP presidency")
        );
        assert!(find(&l, "Vestra Mining").is_some_and(|a| a.3.is_none()), "{l:?}");
    }

    #[test]
    fn the_sides_of_a_lawsuit_are_plaintiffs() {
        let l = actors(
            "The lawsuit was brought in 2023 by the Scioto Valley Residents Alliance against Calder Chemical Co. \
             The U.S. Environmental Protection Agency joined the case as a plaintiff last year. \
             The report was written by the Ohio Water Institute.",
        );
        let role = |n: &str| find(&l, n).and_then(|a| a.3.clone());
        assert_eq!(role("Scioto Valley Residents Alliance").as_deref(), Some("plaintiff"), "{l:?}");
        assert_eq!(role("U.S. Environmental Protection Agency").as_deref(), Some("plaintiff"), "{l:?}");
        assert_eq!(role("Ohio Water Institute"), None, "{l:?}");
    }

    #[test]
    fn a_quoted_commentator_ranks_below_a_quoted_official() {
        let l = actors(
            "“Prices will rise sharply this year,” said Anna Berg, an economist at Nordbank. \
             “We will cut interest rates again soon,” said Peter Lund, the governor of the central bank.",
        );
        let rank = |n: &str| l.iter().position(|a| a.0 == n);
        assert!(rank("Peter Lund") < rank("Anna Berg"), "{l:?}");
    }

    #[test]
    fn an_abbreviation_before_a_noun_counts_less_than_the_acting_body() {
        let l =
            actors("EU consumers and EU retailers face new EU safety rules, the European Commission said on Monday.");
        let rank = |n: &str| l.iter().position(|a| a.0 == n);
        assert!(rank("European Commission") < rank("European Union"), "{l:?}");
        assert!(rank("European Union").is_some(), "{l:?}");
    }

    #[test]
    fn a_demonym_is_not_a_mention_of_its_country() {
        let a = Article::new(
            "t.txt",
            "Russian officials met in Geneva. Russia said it would reply.".to_string(),
            Format::Text,
        );
        let out = analyze(&a, None, &AnalyzeOptions::default());
        let russia = out.actors.iter().find(|a| a.name == "Russia");
        assert!(russia.is_some_and(|r| r.mentions.len() == 1), "{:?}", out.actors);
    }

    #[test]
    fn gazetteer_places_are_places_not_organisations() {
        let l = actors("Rebels attacked Grozny on Sunday, and Sydney said nothing about Chechnya.");
        assert!(find(&l, "Grozny").is_some_and(|a| a.1 == ActorKind::Place), "{l:?}");
        assert!(find(&l, "Chechnya").is_some_and(|a| a.1 == ActorKind::Place), "{l:?}");
    }

    #[test]
    fn an_unknown_name_used_as_a_location_is_a_place() {
        let l = actors_given(
            "Meridia, which is based in Parsippany, New Jersey, said it would comply. \
             Residents near Chillicothe sued, and Vilnex said it would appeal.",
            &[
                ("Meridia", EntityKind::Organisation),
                ("Parsippany", EntityKind::Location),
                ("New Jersey", EntityKind::Location),
                ("Chillicothe", EntityKind::Location),
                ("Vilnex", EntityKind::Organisation),
            ],
        );
        assert!(find(&l, "Parsippany").is_some_and(|a| a.1 == ActorKind::Place), "{l:?}");
        assert!(find(&l, "Chillicothe").is_some_and(|a| a.1 == ActorKind::Place), "{l:?}");
        assert!(find(&l, "Vilnex").is_some_and(|a| a.1 == ActorKind::Organization), "{l:?}");
    }

    #[test]
    fn brussels_stands_for_the_eu_institutions_when_they_are_named() {
        let l = actors("The European Commission set a deadline. Member states must notify Brussels by June.");
        assert!(find(&l, "Belgium").is_none(), "{l:?}");
        assert!(find(&l, "European Commission").is_some_and(|a| a.2.contains(&"Brussels".to_string())), "{l:?}");
        let l = actors("Belgium and the Netherlands agreed. Brussels said the deal was fair.");
        assert!(find(&l, "Belgium").is_some(), "{l:?}");
    }

    #[test]
    fn a_definite_description_prefers_the_body_its_head_noun_names() {
        let l = actors(
            "The Union of Commercial Pilots said members at Northwind Airways would strike. \
             Northwind said talks continue. The union said talks had failed.",
        );
        assert_eq!(find(&l, "Union of Commercial Pilots").and_then(|a| a.3.clone()).as_deref(), Some("union"));
        assert!(find(&l, "Northwind Airways").is_some_and(|a| a.3.is_none()), "{l:?}");
    }

    #[test]
    fn a_body_named_as_a_location_counts_less() {
        let l = actors(
            "Sellers in the European Union face new rules. Sellers across the European Union must comply. \
             Vexo Retail Group said it would comply.",
        );
        let rank = |n: &str| l.iter().position(|a| a.0 == n);
        assert!(rank("Vexo Retail Group") < rank("European Union"), "{l:?}");
    }

    #[test]
    fn market_indices_are_told_apart_from_companies_and_people() {
        use super::is_market_index;
        for name in [
            "Kospi Index",
            "Shanghai Composite",
            "S&P 500",
            "FTSE 100",
            "Dow Jones Industrial Average",
            "Hang Seng",
            "Euro Stoxx 50",
        ] {
            assert!(is_market_index(name), "{name}");
        }
        for name in ["Dow Chemical", "Russell Brand", "Index", "Home Depot", "Nasdaq-listed Arbor"] {
            assert!(!is_market_index(name), "{name}");
        }
    }

    #[test]
    fn asking_or_urging_is_speaking_for_salience() {
        let l = actors("Beta Holdings has sold a small stake. Alpha Holdings has asked for a delay.");
        let rank = |n: &str| l.iter().position(|a| a.0 == n);
        assert!(rank("Alpha Holdings") < rank("Beta Holdings"), "{l:?}");
    }

    #[test]
    fn a_speaker_with_an_apposition_before_said_is_attributed() {
        let l = actors(
            "Karl Weber, the deputy minister for trade, met donors on Monday. \
             Helga Brandt, the deputy minister for industry, said talks would go on.",
        );
        let rank = |n: &str| l.iter().position(|a| a.0 == n);
        assert!(rank("Helga Brandt") < rank("Karl Weber"), "{l:?}");
    }

    /// An organisation found at every occurrence of its name in `text`.
    fn organization(name: &str, text: &str) -> super::FoundActor {
        super::FoundActor {
            name: name.to_string(),
            kind: ActorKind::Organization,
            aliases: Vec::new(),
            role: None,
            salience: 0.0,
            mentions: text.match_indices(name).map(|(p, _)| (p, p + name.len())).collect(),
            weak: 0,
            guessed: false,
            demonyms: 0,
            features: Vec::new(),
        }
    }

    #[test]
    fn names_joined_by_and_split_only_when_each_half_is_used_alone() {
        let names = |found: Vec<(String, ActorKind, Vec<String>, Option<String>)>| {
            let mut n: Vec<String> = found.into_iter().map(|a| a.0).collect();
            n.sort();
            n
        };
        let text = "The merger of Harwick Media and Lindell Press closed on Tuesday. Harwick Media said \
                    costs would fall. Lindell owns 40 papers.";
        let found = actors_given(
            text,
            &[
                ("Harwick Media and Lindell Press", EntityKind::Organisation),
                ("Harwick Media", EntityKind::Organisation),
                ("Lindell", EntityKind::Organisation),
            ],
        );
        assert_eq!(names(found), ["Harwick Media", "Lindell Press"]);
        let text = "Procter and Gamble raised prices. Procter and Gamble said demand held.";
        let found = actors_given(text, &[("Procter and Gamble", EntityKind::Organisation)]);
        assert_eq!(names(found), ["Procter and Gamble"]);
    }

    #[test]
    fn a_place_and_its_police_are_one_body_and_bare_police_refer_back() {
        let text = "Hong Kong police have arrested 40 students. Police fired tear gas, and the police said \
                    more would follow. Police Scotland sent no one.";
        let found =
            actors_given(text, &[("Hong Kong", EntityKind::Location), ("Police Scotland", EntityKind::Organisation)]);
        let body = found.iter().find(|a| a.0 == "Hong Kong police");
        assert_eq!(body.map(|a| (a.1, a.2.clone())), Some((ActorKind::Organization, vec!["police".to_string()])));
        assert!(found.iter().all(|a| a.0 != "Hong Kong"), "{found:?}");
        // Bare "police" join the one body named; with two bodies named they join neither.
        let p = super::super::prepare(text, &crate::nlp::sentence_ranges(text));
        let words: Vec<&str> = p.tokens.iter().map(|t| t.text(text)).collect();
        let body = |name: &str| organization(name, text);
        let mut one = vec![body("Hong Kong police")];
        super::place_body_mentions(text, &p.tokens, &words, &mut one);
        assert_eq!(one[0].mentions.len(), 3, "{:?}", one[0].mentions);
        let mut two = vec![body("Hong Kong police"), body("Kenyan police")];
        super::place_body_mentions(text, &p.tokens, &words, &mut two);
        assert_eq!(two[0].mentions.len(), 1);
    }

    #[test]
    fn definite_descriptions_take_modifiers_and_skip_names_and_compounds() {
        let roles = |text: &str, names: &[&str]| {
            let mut a: Vec<super::FoundActor> = names.iter().map(|n| organization(n, text)).collect();
            super::definite_roles(text, &mut a);
            a.into_iter().map(|a| a.role).collect::<Vec<_>>()
        };
        // Describing words and a nationality come with the noun.
        let r = roles("Airbus delivered 40 jets. The French plane-maker said demand held.", &["Airbus"]);
        assert_eq!(r, [Some("French plane-maker".to_string())]);
        // A noun inside a longer phrase, a capitalised name and an apposition describe nothing.
        for text in [
            "Helix Media filmed the show. The studio audience cheered.",
            "Helix Media filmed the show. The Studio said nothing.",
            "Helix Media filmed the show. They met the regulator, Ofcom, on Monday.",
            "Helix Media filmed the show. The studio Orbit said nothing.",
        ] {
            assert_eq!(roles(text, &["Helix Media"]), [None], "{text}");
        }
        // A bare description used again means what it first meant, not the nearest name.
        let text = "Cobalt Pictures bought the lot. The studio said it would build. Delta Corp bid too. \
                    The studio said it would win.";
        assert_eq!(roles(text, &["Cobalt Pictures", "Delta Corp"]), [Some("studio".to_string()), None]);
    }
}
