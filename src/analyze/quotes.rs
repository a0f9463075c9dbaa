//! Direct quotes and who said them: the subject of the verb of saying in the parse (“…,” said
//! X / X said “…” / according to X), "he said" resolved to the last person named before it, and
//! a quote that goes on in the next sentence given the same speaker.

use super::actors::{ActorKind, FoundActor};
use super::lexicon::REPORTING;
use crate::nlp::clause::Sentence;

/// A direct quote (byte offsets of the quoted words, without the marks).
#[derive(Debug, Clone, PartialEq)]
pub struct FoundQuote {
    /// First byte of the quoted text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Canonical name of the speaker, when found.
    pub speaker: Option<String>,
}

/// Finds direct quotes of at least four words and attributes them; `sentences` are the
/// backbone's (byte ranges, in order).
pub fn find(
    text: &str,
    sentences: &[(usize, usize)],
    actors: &[FoundActor],
    parsed: &mut crate::nlp::clause::Parses,
) -> Vec<FoundQuote> {
    let names = Names::of(actors);
    // Twice: first to learn which sentences the attributions need parsed (parsed side by side,
    // as parsing is the dearest step), then to attribute with those parses.
    let mut parses = Planned { wanted: Vec::new(), done: parsed, ready: false };
    scan(text, sentences, actors, &names, &mut parses);
    parses.parse_wanted(text);
    scan(text, sentences, actors, &names, &mut parses)
}

/// The parses the attributions ask for: while planning, each sentence asked for is noted and
/// none given; then they are parsed at once, and any asked for later is parsed then.
struct Planned<'p> {
    wanted: Vec<(usize, usize)>,
    done: &'p mut crate::nlp::clause::Parses,
    ready: bool,
}

impl Planned<'_> {
    fn get(&mut self, text: &str, range: (usize, usize)) -> Option<&Sentence> {
        if !self.ready && self.done.parsed(range).is_none() {
            self.wanted.push(range);
            return None;
        }
        Some(self.done.get(text, range))
    }

    fn parse_wanted(&mut self, text: &str) {
        self.done.ensure(text, &std::mem::take(&mut self.wanted));
        self.ready = true;
    }
}

fn scan(
    text: &str,
    sentences: &[(usize, usize)],
    actors: &[FoundActor],
    names: &Names,
    parses: &mut Planned<'_>,
) -> Vec<FoundQuote> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(rel) = text[pos..].find(['“', '"']) {
        let open = pos + rel;
        let open_len = text[open..].chars().next().map(char::len_utf8).unwrap_or(1);
        let body_start = open + open_len;
        let Some(close_rel) = text[body_start..].find(['”', '"']) else {
            break;
        };
        let body_end = body_start + close_rel;
        let close_len = text[body_end..].chars().next().map(char::len_utf8).unwrap_or(1);
        pos = body_end + close_len;
        let body = &text[body_start..body_end];
        if body.contains("\n\n") {
            pos = body_start;
            continue;
        }
        if body.split_whitespace().count() < 4 {
            continue;
        }
        let speaker = match attribute(text, sentences, open, pos, names, parses) {
            Attribution::Speaker(i) => Some(actors[i].name.clone()),
            Attribution::Unknown => None,
            // “…,” said Mangott. “But Moscow has made it clear …”: a quote with no attribution
            // of its own goes on from the one before it in its paragraph.
            Attribution::None => out
                .last()
                .filter(|q: &&FoundQuote| continues(text, sentences, q.end, open))
                .and_then(|q| q.speaker.clone()),
        };
        out.push(FoundQuote { start: body_start, end: body_end, speaker });
    }
    out
}

/// Whether a quote opening at `open` goes on from one whose body ended at `prev_end`: in the
/// same paragraph, in a later sentence. (Not across paragraphs: there a new paragraph that is
/// one quote often is someone else's reply.)
fn continues(text: &str, sentences: &[(usize, usize)], prev_end: usize, open: usize) -> bool {
    // No paragraph break between them, and the earlier quote's sentence ends before this opens.
    let k = sentences.partition_point(|&(_, e)| e <= prev_end);
    text.get(prev_end..open).is_some_and(|between| !between.contains("\n\n"))
        && sentences.get(k).is_some_and(|&(_, e)| e <= open)
}

/// What the words around a quote say of its speaker.
enum Attribution {
    /// This actor (index) said it.
    Speaker(usize),
    /// A verb of saying, but no actor found as its subject ("a spokesman said").
    Unknown,
    /// No attribution at all.
    None,
}

/// The actors' mentions in text order, looked up by position (a scan of every mention per
/// quote was quadratic on a long text with many quotes).
struct Names {
    /// (start, end, actor) of every mention of an actor that can speak (not a place), by start.
    speakers: Vec<(usize, usize, usize)>,
    /// (end, actor) of every person's mention, by end.
    persons: Vec<(usize, usize)>,
    /// Per actor: whether it is a person.
    is_person: Vec<bool>,
}

impl Names {
    fn of(actors: &[FoundActor]) -> Names {
        let mut speakers = Vec::new();
        let mut persons = Vec::new();
        for (i, a) in actors.iter().enumerate() {
            for &(s, e) in &a.mentions {
                if a.kind != ActorKind::Place {
                    speakers.push((s, e, i));
                }
                if a.kind == ActorKind::Person {
                    persons.push((e, i));
                }
            }
        }
        speakers.sort_unstable_by_key(|&(s, _, i)| (s, i));
        persons.sort_unstable();
        let is_person = actors.iter().map(|a| a.kind == ActorKind::Person).collect();
        Names { speakers, persons, is_person }
    }

    /// The mentions starting inside `s..e`.
    fn within(&self, s: usize, e: usize) -> &[(usize, usize, usize)] {
        let a = self.speakers.partition_point(|m| m.0 < s);
        let b = self.speakers.partition_point(|m| m.0 < e);
        &self.speakers[a..b.max(a)]
    }

    /// The speaking actor (a person, with `person_only`) with a mention over or inside bytes
    /// `s..e`: of the sixteen mentions starting last before `e`, the latest that reaches past `s`
    /// (a mention is a few words; an earlier one cannot reach a token).
    fn over(&self, s: usize, e: usize, person_only: bool) -> Option<usize> {
        let b = self.speakers.partition_point(|m| m.0 < e);
        self.speakers[..b]
            .iter()
            .rev()
            .take(16)
            .find(|&&(_, me, i)| me > s && (!person_only || self.is_person[i]))
            .map(|&(_, _, i)| i)
    }

    /// The person named last before `at` (by where the mention ends).
    fn last_person_before(&self, at: usize) -> Option<usize> {
        let k = self.persons.partition_point(|&(e, _)| e <= at);
        k.checked_sub(1).map(|k| self.persons[k].1)
    }
}

/// The actor (index) named in the attribution around a quote: the rest of the sentence the
/// quote closes in, else the part of its sentence before it, within the paragraph and up to the
/// next or previous quotation mark. In that stretch, the speaker is the subject of the verb of
/// saying in the sentence's parse ("…,” said Gerhard Mangott, an Austrian analyst"; "Eswar
/// Prasad, a professor at Cornell, said": the person, never the affiliation), or the noun
/// "according to" introduces. A pronoun subject ("…,” he warned) is the last person named
/// before the quote. Where the parse gives no subject that is an actor, the words do: a name
/// right before the verb ("Esper said"), else the first name before it, else the first after.
fn attribute(
    text: &str,
    sentences: &[(usize, usize)],
    open: usize,
    close: usize,
    names: &Names,
    parses: &mut Planned<'_>,
) -> Attribution {
    // The sentence holding (or, when the quote ends one, following) the closing mark, not past
    // a paragraph break or the next quotation mark.
    let k = sentences.partition_point(|&(_, e)| e <= close);
    let after_sentence = sentences.get(k).map_or(text.len(), |&(_, e)| e).max(close);
    let after_end = text[close..after_sentence].find("\n\n").map_or(after_sentence, |p| close + p);
    let after_end = text[close..after_end].find(['“', '"']).map_or(after_end, |p| close + p);
    // The part of the quote's sentence before it, after any paragraph break or closing mark.
    let k = sentences.partition_point(|&(s, _)| s <= open);
    let before_sentence = k.checked_sub(1).map_or(0, |k| sentences[k].0).min(open);
    let before_start = text[before_sentence..open].rfind("\n\n").map_or(before_sentence, |p| before_sentence + p + 2);
    let before_start = text[before_start..open]
        .rmatch_indices(['”', '"'])
        .next()
        .map_or(before_start, |(p, m)| before_start + p + m.len());
    let mut said = false;
    for (after, s, e) in [(true, close, after_end), (false, before_start, open)] {
        let tokens = crate::nlp::tokenize::tokenize(&text[s..e]);
        let word = |i: usize| tokens.get(i).map_or("", |t| t.norm.as_str());
        let according = |i: usize| word(i) == "according" && word(i + 1) == "to";
        // The verb nearest the quote: the first after it, the last before it ("As we have
        // noted, a study by the Centre concluded that, “…”").
        let is_verb = |i: &usize| REPORTING.has(word(*i)) || according(*i);
        let verb = if after { (0..tokens.len()).find(is_verb) } else { (0..tokens.len()).rev().find(is_verb) };
        let Some(verb) = verb else {
            continue;
        };
        said = true;
        let at = s + tokens[verb].start;
        let pronoun = |i: usize| matches!(word(i), "he" | "she" | "they");
        // The common shapes need no parse, the words being unambiguous: right after the
        // quote “…,” he said / said Mangott / Esper said / Taliban spokesman Zabihullah
        // Mujahid said / Steve Clarke, deputy administrator at NASA, said; right before it
        // Whitcombe said, “…” / he said: “…”.
        let lead = tokens.iter().take_while(|t| !t.norm.chars().any(char::is_alphanumeric)).count();
        let starts_at = |i: usize| tokens.get(i).map(|t| s + t.start);
        let mention_from = |from: Option<usize>| from.and_then(|f| names.within(f, f + 1).first().map(|m| m.1));
        // (A mention may run over the verb in odd text: the gaps are read only where they exist.)
        let gap = |me: usize| text.get(me..at).filter(|_| me <= at);
        let name_before_verb =
            names.within(s, at).iter().any(|&(_, me, _)| gap(me).is_some_and(|g| g.trim().is_empty()));
        let adjacent = !according(verb)
            && if after {
                (verb == lead && (pronoun(verb + 1) || mention_from(starts_at(verb + 1)).is_some()))
                    || (verb == lead + 1 && pronoun(lead))
                    || name_before_verb
                    || mention_from(starts_at(lead)).and_then(gap).is_some_and(|between| {
                        let between = between.trim();
                        between.starts_with(',') && between.ends_with(',') && !between.contains(['“', '"'])
                    })
            } else {
                tokens[verb + 1..].iter().all(|t| !t.norm.chars().any(char::is_alphanumeric) || t.norm == "that")
                    && ((verb > 0 && pronoun(verb - 1)) || name_before_verb)
            };
        // The parse of the sentence the verb is in.
        let k = sentences.partition_point(|&(_, e)| e <= at);
        let sentence = sentences.get(k).filter(|&&(ss, _)| ss <= at).copied();
        if let Some(sent) = sentence.filter(|_| !adjacent).and_then(|r| parses.get(text, r)) {
            // The verb and the quote must hang together where they share a sentence (the verb
            // governs the quote, or, as UD has it for “…,” he said, the quote's clause governs
            // the verb): in "… the “one country, two systems” formula, while the police deny …
            // and say …" the quote is China's, not what the police say.
            let quoted = sent.tokens_in(open, close);
            let Some(v) = sent.token_at(at) else { continue };
            let related = |q: usize| sent.dominates(v, q) || sent.heads[v].is_some_and(|h| sent.dominates(q, h));
            // (Checked after the quote only: a verb before it in its sentence introduces it.)
            if after && !according(verb) && !quoted.is_empty() && !quoted.clone().any(related) {
                said = false;
                continue;
            }
            match parsed_speaker(sent, v, according(verb), names, open) {
                Some(Some(i)) => return Attribution::Speaker(i),
                Some(None) => return Attribution::Unknown,
                None => {}
            }
        }
        // The parse found no subject: the words decide.
        if pronoun(verb + 1) || (verb > 0 && pronoun(verb - 1)) {
            return names.last_person_before(open).map_or(Attribution::Unknown, Attribution::Speaker);
        }
        let inside = names.within(s, e).iter().filter(|&&(_, me, _)| me <= e);
        // "…, Esper said": a name right before the verb is its subject.
        if let Some(&(_, _, i)) = inside.clone().find(|&&(_, me, _)| me <= at && text[me..at].trim().is_empty()) {
            return Attribution::Speaker(i);
        }
        // The subject: the first name between the quote's side of the stretch and the verb
        // ("…,” Steve Clarke, deputy administrator at NASA, said), else the first one after
        // it ("said Dr. Lena Hartwell", "according to the agency").
        let before = inside.clone().find(|&&(ms, _, _)| ms <= at);
        if let Some(&(_, _, i)) = before.or_else(|| inside.clone().next()) {
            return Attribution::Speaker(i);
        }
    }
    if said { Attribution::Unknown } else { Attribution::None }
}

/// The speaker the parse gives for the verb of saying `v` (or "according to" there):
/// `Some(Some(actor))`, `Some(None)` for a subject that is no actor ("a spokesman", "officials"),
/// `None` when the parse has no subject for it.
fn parsed_speaker(sent: &Sentence, v: usize, according: bool, names: &Names, open: usize) -> Option<Option<usize>> {
    let subject = if according {
        // "according to X": "according" hangs on X as its case marker.
        sent.heads[v]?
    } else {
        sent.child(v, &["nsubj"])?
    };
    // A subject has no preposition of its own: "in remarks at the Institute, Whitcombe said"
    // parsed with "remarks" as the subject is a misparse, and the words decide.
    if !according && sent.child(subject, &["case"]).is_some() {
        return None;
    }
    // A subject after its verb comes right after it ("said Gerhard Mangott"), and never after
    // a verb whose object is the hearer ("told investors of New Media …" is no subject).
    if !according && subject > v && (sent.subtree(subject).start != v + 1 || sent.words[v].starts_with("tol")) {
        return None;
    }
    if sent.xpos[subject] == "PRP" {
        return match sent.words[subject].as_str() {
            "he" | "she" | "him" | "her" => Some(names.last_person_before(open)),
            // "we", "they", "I": no one named.
            _ => Some(None),
        };
    }
    let span = &sent.spans[subject];
    // The actor the subject's head is a mention of ("Prasad" in "Eswar Prasad, a professor at
    // Cornell"), else one named in the subject's own phrase, outside any apposition or clause
    // about it ("a spokesman for the ministry", not "a professor at Cornell").
    if let Some(i) = names.over(span.start, span.end, false) {
        return Some(Some(i));
    }
    // A title with the person beside it ("Halvorsen Motors chief Ingrid Dahl", "a spokesman,
    // John Hale,"): the person, whichever way the parse joined them.
    let person = |k: usize| {
        let r = sent.subtree(k);
        let (s, e) = (sent.spans[r.start].start, sent.spans[r.end - 1].end);
        names.over(s, e, true)
    };
    if let Some(i) = sent.children(subject).filter(|&k| sent.is_rel(k, "appos")).find_map(person) {
        return Some(Some(i));
    }
    let own: Vec<usize> = (0..sent.len())
        .filter(|&k| k != subject && sent.dominates(subject, k))
        .filter(|&k| {
            !std::iter::once(k)
                .chain(sent.ancestors(k))
                .take_while(|&x| x != subject)
                .any(|x| ["appos", "acl", "parataxis", "conj"].iter().any(|r| sent.is_rel(x, r)))
        })
        .collect();
    // A person first ("White House Press Secretary Stephanie Grisham"), else an organisation
    // the phrase names ("a spokesman for the Ministry of Finance").
    let at = |k: &usize| (sent.spans[*k].start, sent.spans[*k].end);
    let found = own
        .iter()
        .map(at)
        .find_map(|(s, e)| names.over(s, e, true))
        .or_else(|| own.iter().map(at).find_map(|(s, e)| names.over(s, e, false)));
    Some(found)
}

#[cfg(test)]
mod tests {
    use crate::analyze::{AnalyzeOptions, analyze};
    use crate::ingest::{Article, Format};

    fn quotes(text: &str) -> Vec<(Option<String>, String)> {
        let a = Article::new("t.txt", text.to_string(), Format::Text);
        analyze(&a, None, &AnalyzeOptions::default()).quotes.into_iter().map(|q| (q.speaker, q.text)).collect()
    }

    #[test]
    fn said_before_or_after_and_pronouns_find_the_speaker() {
        let q = quotes(
            "“The board is confident in its strategy,” chair Sarah Whitcombe said.\n\n\
             Analyst Gerhard Mangott spoke later. “This visit is a last-ditch effort,” he said.",
        );
        assert_eq!(q[0].0.as_deref(), Some("Sarah Whitcombe"));
        assert_eq!(q[1].0.as_deref(), Some("Gerhard Mangott"));
    }

    #[test]
    fn an_honorific_period_does_not_end_the_attribution() {
        let q = quotes("“We are taking this step out of caution,” said Dr. Lena Hartwell, the agency’s director.");
        assert_eq!(q[0].0.as_deref(), Some("Lena Hartwell"), "{q:?}");
    }

    #[test]
    fn the_subject_of_the_verb_of_saying_is_the_speaker() {
        let q = quotes(
            "“We saw a need to bring on more providers for the programme,” Dana Holt, deputy head of launch at \
             the Keswick Space Agency, said on Monday.\n\n\
             Later, in remarks at the Harbour Institute, Sarah Whitcombe said, “We strongly oppose the new rules.”\n\n\
             Tomas Brandt spoke after her. “Every day spent on these hearings is a day lost for the region,” he warned \
             the Keswick Space Agency.",
        );
        assert_eq!(q.len(), 3, "{q:?}");
        assert_eq!(q[0].0.as_deref(), Some("Dana Holt"), "{q:?}");
        assert_eq!(q[1].0.as_deref(), Some("Sarah Whitcombe"), "{q:?}");
        assert_eq!(q[2].0.as_deref(), Some("Tomas Brandt"), "{q:?}");
    }

    #[test]
    fn the_person_speaks_not_the_affiliation_and_a_quote_goes_on() {
        let q = quotes(
            "“Tariffs at this level would hurt both economies for years,” said Eswar Pradhan, a professor of \
             trade policy at Corland University. “Neither side can afford that now.”\n\n\
             Halvorsen Motors chief Ingrid Dahl, speaking in Oslo, said: “We will keep every plant open this year.”\n\n\
             “The ministry will respond in writing by the end of the week,” a spokesman for the Ministry of Finance \
             said.\n\n\
             “This is not a decision we take lightly,” officials said.\n\n\
             “Our position has not changed at all,” according to Fernando Ruiz, the union’s negotiator.",
        );
        assert_eq!(q.len(), 6, "{q:?}");
        assert_eq!(q[0].0.as_deref(), Some("Eswar Pradhan"), "{q:?}");
        assert_eq!(q[1].0.as_deref(), Some("Eswar Pradhan"), "the quote goes on: {q:?}");
        assert_eq!(q[2].0.as_deref(), Some("Ingrid Dahl"), "{q:?}");
        assert_eq!(q[3].0.as_deref(), Some("Ministry of Finance"), "{q:?}");
        assert_eq!(q[4].0, None, "no one named: {q:?}");
        assert_eq!(q[5].0.as_deref(), Some("Fernando Ruiz"), "{q:?}");
    }

    #[test]
    fn a_new_paragraph_is_a_new_attribution() {
        let q = quotes(
            "“We have done all we can,” said Maria Okafor, the mayor.\n\n\
             “This plan has failed the city twice already and will fail again.”",
        );
        assert_eq!(q[0].0.as_deref(), Some("Maria Okafor"), "{q:?}");
        assert_eq!(q[1].0, None, "{q:?}");
    }

    #[test]
    fn straight_quotes_in_tokenised_news_wire_end_cleanly() {
        // CoNLL-style text (spaces before punctuation, straight quotes opening and closing):
        // a mention could run over the verb of saying, which once cut the text mid-character.
        let q = quotes(
            "\" Last year we stood on the court after we had lost and we put out hands together and made it our \
             committment to bring back the Cup , \" U.S. captain Billie Jean King said at the draw . \"\n\
             That is our sole goal . \"\n\
             The United States edged Austria in Salzburg 3-2 in the opening round in April , and then blanked Japan \
             5-0 in Nagoya last month in the semifinals .\n\
             The victory against Japan marked the Fed Cup debut of Monica Seles , who became a naturalised U.S. \
             citizen in 1994 .\n",
        );
        assert!(!q.is_empty(), "{q:?}");
        assert!(q.iter().all(|(_, t)| !t.is_empty()), "{q:?}");
    }

    #[test]
    fn short_scare_quotes_are_not_quotes() {
        assert!(quotes("He called the claims “preposterous” on Monday.").is_empty());
    }
}
