//! The analysis's word lists (`assets/lexicon/en/*.txt`), compiled in and read once: one list
//! per file, one folded entry per line, `#` comments.

use std::collections::HashSet;
use std::sync::OnceLock;

/// A named word list.
pub struct List {
    file: &'static str,
    cell: OnceLock<HashSet<&'static str>>,
    ordered: OnceLock<Vec<&'static str>>,
}

impl List {
    const fn new(file: &'static str) -> List {
        List { file, cell: OnceLock::new(), ordered: OnceLock::new() }
    }

    /// Whether the list holds `word` (folded).
    pub fn has(&self, word: &str) -> bool {
        self.set().contains(word)
    }

    /// The entries, in no particular order (for lists of phrases looked for inside a text).
    pub fn entries(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.set().iter().copied()
    }

    /// The entries in the file's order, for lists whose first match wins (the file says so).
    pub fn in_order(&self) -> &[&'static str] {
        self.ordered.get_or_init(|| self.lines().collect())
    }

    fn lines(&self) -> impl Iterator<Item = &'static str> {
        self.file.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty())
    }

    fn set(&self) -> &HashSet<&'static str> {
        self.cell.get_or_init(|| self.lines().collect())
    }
}

/// Verbs of saying: their subject speaks the quote they attribute, and their tense is the
/// telling's, not the told's.
pub static REPORTING: List = List::new(include_str!("../../assets/lexicon/en/reporting-verbs.txt"));

/// Words that make the time they govern a limit ("expire", "due", "take effect").
pub static EXPIRY: List = List::new(include_str!("../../assets/lexicon/en/expiry-words.txt"));
/// Verbs that move a limit later: what they extend it "to" is the new limit.
pub static EXTENDING: List = List::new(include_str!("../../assets/lexicon/en/extending-verbs.txt"));
/// Verbs whose duration object with a to-clause is a limit ("has 14 days to decide").
pub static GRANTING: List = List::new(include_str!("../../assets/lexicon/en/granting-verbs.txt"));
/// Verbs that take a limit away ("lifted the deadline", "rejecting an order").
pub static CANCELLING: List = List::new(include_str!("../../assets/lexicon/en/cancelling-verbs.txt"));
/// Verbs that look ahead in the past tense ("expected a reply by Wednesday").
pub static EXPECTING: List = List::new(include_str!("../../assets/lexicon/en/expecting-verbs.txt"));
/// Verbs by which a party binds itself ("pledged to repay … by", "plans to close … by").
pub static COMMITTING: List = List::new(include_str!("../../assets/lexicon/en/committing-verbs.txt"));
/// Phrases that make a time a forecast or an aim ("expected to", "aims to").
pub static FORECAST: List = List::new(include_str!("../../assets/lexicon/en/forecast-words.txt"));
/// First words of market indices' names ("Kospi", "FTSE", "S&P").
pub static MARKET_INDICES: List = List::new(include_str!("../../assets/lexicon/en/market-indices.txt"));
/// Verbs that set a limit ("set", "gave", "ordered").
pub static SETTING: List = List::new(include_str!("../../assets/lexicon/en/setting-verbs.txt"));

/// Things a party offers that lapse on a date its maker set ("the rights", "the offer").
pub static OFFERS: List = List::new(include_str!("../../assets/lexicon/en/offer-nouns.txt"));
/// What one party puts to another to answer ("the questions from the NHTSA", "the order").
pub static REQUESTS: List = List::new(include_str!("../../assets/lexicon/en/request-nouns.txt"));
/// Verbs of answering or meeting what another party put ("answer", "accept", "comply").
pub static RESPONDING: List = List::new(include_str!("../../assets/lexicon/en/responding-verbs.txt"));
/// Verbs whose subject makes the offer that is their object ("launched a tender offer").
pub static ISSUING: List = List::new(include_str!("../../assets/lexicon/en/issuing-verbs.txt"));
/// Nouns for what parties agree between them ("agreement", "accord", "settlement").
pub static AGREEMENTS: List = List::new(include_str!("../../assets/lexicon/en/agreement-nouns.txt"));

/// Debt securities: a date they are "due" is when they mature, no limit ("notes due 2009").
pub static SECURITIES: List = List::new(include_str!("../../assets/lexicon/en/security-nouns.txt"));
/// Nouns for a decision whose "by" phrase names who set its limit ("a ruling by the court").
/// Nouns for a standing rule ("under takeover rules"), which sets a limit without a setter.
pub static RULES: List = List::new(include_str!("../../assets/lexicon/en/rule-nouns.txt"));

/// Whom "told" reports to rather than binds ("told reporters").
pub static AUDIENCES: List = List::new(include_str!("../../assets/lexicon/en/audience-nouns.txt"));

/// Words a role never starts with ("of the killers of", "with his wife").
pub static ROLE_OPENERS: List = List::new(include_str!("../../assets/lexicon/en/role-openers.txt"));
/// Words that make a role a clause ("can be seen laughing").
pub static CLAUSE_WORDS: List = List::new(include_str!("../../assets/lexicon/en/clause-words.txt"));

/// Head nouns of a role only an organisation has ("airline", "drugmaker").
pub static ORG_ROLES: List = List::new(include_str!("../../assets/lexicon/en/org-role-nouns.txt"));
/// Trades that name people and firms alike ("producer", "operator", "supplier").
pub static SHARED_TRADES: List = List::new(include_str!("../../assets/lexicon/en/shared-trade-nouns.txt"));
/// Words of a public body's name ("court", "ministry", "commission").
pub static PUBLIC_BODY_WORDS: List = List::new(include_str!("../../assets/lexicon/en/public-body-words.txt"));
/// Speech acts and rulings after a name ("said", "called for", "ruled").
pub static SPEECH_ACTS: List = List::new(include_str!("../../assets/lexicon/en/speech-acts.txt"));

/// Phrases after which the actor named is who set a limit ("set by", "imposed by"), in order.
pub static SETTER_CUES: List = List::new(include_str!("../../assets/lexicon/en/setter-cues.txt"));
/// Verbs whose subject sets a limit on their object ("gave", "ordered", "told"), in order.
pub static IMPOSING: List = List::new(include_str!("../../assets/lexicon/en/imposing-verbs.txt"));
/// Phrases whose subject must meet a limit ("must", "has until"), in order.
pub static HOLDER_MARKERS: List = List::new(include_str!("../../assets/lexicon/en/holder-markers.txt"));

/// Common nouns that head a role ("star", "champion", "father"), besides the titles.
pub static ROLE_NOUNS: List = List::new(include_str!("../../assets/lexicon/en/role-nouns.txt"));

/// Words after a name that show it is not the subject of a verb.
pub static CONNECTIVES: List = List::new(include_str!("../../assets/lexicon/en/connectives.txt"));

/// Verbs that show a country or capital acting ("Washington said", "the U.S. has").
pub static ACTING_VERBS: List = List::new(include_str!("../../assets/lexicon/en/acting-verbs.txt"));

/// Sentence-initial words that are capitalised only because they start a sentence.
pub static FUNCTION_WORDS: List = List::new(include_str!("../../assets/lexicon/en/function-words.txt"));

/// Lower-case particles inside personal names ("von der Leyen", "da Silva", "bin Salman").
pub static PARTICLES: List = List::new(include_str!("../../assets/lexicon/en/name-particles.txt"));

/// Head words that end a body's name besides the gazetteer's [`ORG_WORDS`] ("Framework
pub static BODY_HEADS: List = List::new(include_str!("../../assets/lexicon/en/body-heads.txt"));

/// Lower-case words the walk back over a role before a name stops at.
pub static ROLE_STOP: List = List::new(include_str!("../../assets/lexicon/en/role-stop-words.txt"));

/// Words ending like role nouns that are not roles.
pub static NOT_ROLES: List = List::new(include_str!("../../assets/lexicon/en/not-roles.txt"));

/// Present-tense verbs of a relative clause that describe what a body or person is
pub static RELATIVE_VERBS: List = List::new(include_str!("../../assets/lexicon/en/relative-verbs.txt"));

/// Role nouns of people who comment on a story rather than act in it.
pub static COMMENTATORS: List = List::new(include_str!("../../assets/lexicon/en/commentator-nouns.txt"));

/// Nouns that name a limit, which a cancelling verb can take away.
pub static LIMIT_NOUNS: List = List::new(include_str!("../../assets/lexicon/en/limit-nouns.txt"));

/// Unnamed descriptions of a state's own organs: "the government has committed to …" is the
pub static STATE_BODIES: List = List::new(include_str!("../../assets/lexicon/en/state-bodies.txt"));

/// Nouns that stand for an organisation already named ("the airline", "the board").
pub static GENERIC: List = List::new(include_str!("../../assets/lexicon/en/org-stand-ins.txt"));

/// Last words of street names ("Buchanan Street", "Williams Ave.").
pub static STREET_WORDS: List = List::new(include_str!("../../assets/lexicon/en/street-words.txt"));

/// Role nouns only a person can have ("sister", "striker").
pub static PERSON_ROLES: List = List::new(include_str!("../../assets/lexicon/en/person-role-nouns.txt"));

pub static DECISIONS: List = List::new(include_str!("../../assets/lexicon/en/decision-nouns.txt"));

/// Lower-case nouns that, after a place or nationality, name its body ("Hong Kong police").
pub static PLACE_BODIES: List = List::new(include_str!("../../assets/lexicon/en/place-bodies.txt"));

/// Nouns that, after "the", describe an organisation already named ("the airline said", "the
/// French plane-maker").
pub static ORG_DESCRIPTIONS: List = List::new(include_str!("../../assets/lexicon/en/org-descriptions.txt"));

/// Words right before a time that make it a deadline ("by", "no later than", "within").
pub static DEADLINE_CUES: List = List::new(include_str!("../../assets/lexicon/en/deadline-cues.txt"));

/// Words that make a sentence speak of a limit ("deadline", "ultimatum", "expires").
pub static DEADLINE_WORDS: List = List::new(include_str!("../../assets/lexicon/en/deadline-words.txt"));

/// Words that put someone under an obligation ("must", "has until", "ordered", "faces").
pub static OBLIGATION: List = List::new(include_str!("../../assets/lexicon/en/obligation-words.txt"));

/// Verbs of wanting: with an object and a to-clause, a demand on the object ("wants Pakistan
/// to raise …").
pub static DEMANDING: List = List::new(include_str!("../../assets/lexicon/en/demanding-verbs.txt"));

/// Words that bind someone now ("must", "has until"): a yearless day after a cue is ahead.
pub static BINDING: List = List::new(include_str!("../../assets/lexicon/en/binding-words.txt"));

/// Nouns through which a country acts ("the US government", "U.S. tariffs"): a country's
/// abbreviation before one is the state, not a nationality adjective.
pub static STATE_NOUNS: List = List::new(include_str!("../../assets/lexicon/en/state-nouns.txt"));

/// The rows of a two-column table (tab-separated, `#` comment lines), trimmed.
pub fn pairs(file: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    file.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t')).map(|(a, b)| (a.trim(), b.trim()))
}

/// A title's abbreviation → the title ("Rep." → "Representative").
pub fn title_spelled_out(abbreviation: &str) -> Option<&'static str> {
    static MAP: OnceLock<std::collections::HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| pairs(include_str!("../../assets/lexicon/en/title-abbreviations.tsv")).collect())
        .get(abbreviation)
        .copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_load_without_comments() {
        for l in [
            &super::EXPIRY,
            &super::GRANTING,
            &super::CANCELLING,
            &super::SETTING,
            &super::EXPECTING,
            &super::STATE_NOUNS,
            &super::FORECAST,
            &super::COMMITTING,
            &super::MARKET_INDICES,
            &super::SECURITIES,
            &super::DECISIONS,
            &super::EXTENDING,
            &super::RULES,
            &super::AUDIENCES,
            &super::ROLE_OPENERS,
            &super::CLAUSE_WORDS,
            &super::ROLE_NOUNS,
            &super::CONNECTIVES,
            &super::ACTING_VERBS,
            &super::FUNCTION_WORDS,
            &super::PARTICLES,
            &super::BODY_HEADS,
            &super::ROLE_STOP,
            &super::NOT_ROLES,
            &super::RELATIVE_VERBS,
            &super::COMMENTATORS,
            &super::LIMIT_NOUNS,
            &super::GENERIC,
            &super::STREET_WORDS,
            &super::PERSON_ROLES,
        ] {
            assert!(l.set().len() > 5);
            assert!(!l.has("#"));
            assert!(!l.has(""));
        }
        assert!(super::EXPIRY.has("expire"));
        assert!(super::SETTING.has("gave"));
        assert_eq!(super::title_spelled_out("Rep."), Some("Representative"));
        assert_eq!(super::title_spelled_out("Lt. Gov."), Some("Lieutenant Governor"));
        assert_eq!(super::title_spelled_out("Minister"), None);
    }
}
