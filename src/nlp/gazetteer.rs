//! Gazetteers shipped in `assets/gazetteer/` (countries with demonyms and capitals,
//! international organisations, other places, titles), loaded once into lookup tables keyed by folded name.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::fold;

/// What a gazetteer says a name is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A country (or territory) by its canonical name.
    Country(String),
    /// The capital of a country: a metonym for its government ("Moscow has made it clear").
    Capital(String),
    /// An adjective of a country ("Russian").
    Demonym(String),
    /// A known organisation by its canonical name.
    Organization(String),
    /// A place that is not a country: a city, region, continent or venue.
    Place(String),
}

/// The loaded gazetteers.
#[derive(Debug, Default)]
pub struct Gazetteer {
    names: HashMap<String, Entry>,
    titles: std::collections::HashSet<String>,
    org_words: std::collections::HashSet<&'static str>,
}

const COUNTRIES: &str = include_str!("../../assets/gazetteer/countries.tsv");
const ORGANIZATIONS: &str = include_str!("../../assets/gazetteer/organizations.tsv");
const COMPANIES: &str = include_str!("../../assets/gazetteer/companies.tsv");
const TITLES: &str = include_str!("../../assets/gazetteer/titles.txt");
const PLACES: &str = include_str!("../../assets/gazetteer/places.tsv");
const REGIONS: &str = include_str!("../../assets/gazetteer/regions.txt");

/// Head words of organisation names (folded): "Bank", "Ministry", "Partners", "Airways"; the
/// recogniser reads them as gazetteer evidence and the actor pass to name a body's kind.
pub const ORG_WORDS: &[&str] = &[
    "bank",
    "agency",
    "commission",
    "council",
    "ministry",
    "department",
    "partners",
    "capital",
    "group",
    "foods",
    "inc",
    "ltd",
    "corp",
    "corporation",
    "company",
    "co",
    "association",
    "union",
    "court",
    "panel",
    "fund",
    "authority",
    "organization",
    "organisation",
    "institute",
    "university",
    "party",
    "committee",
    "network",
    "management",
    "airlines",
    "airways",
    "holdings",
    "industries",
    "services",
    "reserve",
    "office",
    "administration",
    "board",
    "federation",
    "forum",
    "foundation",
    "trust",
    "alliance",
    "coalition",
    "front",
    "movement",
    "army",
    "police",
    "forces",
    "service",
    "times",
    "post",
    "news",
    "media",
    "energy",
    "motors",
    "pharmaceuticals",
    "pharma",
    "systems",
    "technologies",
    "bancorp",
    "securities",
    "investments",
    "assembly",
    "parliament",
    "senate",
    "congress",
    "cabinet",
    "secretariat",
    "tribunal",
    "plc",
    "llc",
    "ag",
    "sa",
    "gmbh",
    "nv",
    "bv",
    "exchange",
    "insurance",
    "railways",
    "logistics",
    "telecom",
    "communications",
    "labs",
    "laboratories",
    "health",
    "hospital",
    "school",
    "college",
    "centre",
    "center",
    "club",
    "league",
    "federation",
    "guild",
    "chamber",
    "watch",
    "international",
    "utilities",
    "utility",
    "water",
    "power",
    "electric",
    "oil",
    "gas",
    "mining",
    "steel",
    "solar",
    "airport",
    "port",
    "railway",
    "brotherhood",
    "guard",
    "navy",
    "command",
    "observatory",
    "commissioner",
    "directorate",
    "inspectorate",
    "regulator",
    "bureau",
    "procurement",
    "works",
    "mills",
    "dairy",
    "farms",
    "creamery",
    "brands",
    "retail",
    "stores",
    "markets",
    "bancshares",
    "finance",
    "financial",
    "advisors",
    "advisers",
    "associates",
    "consulting",
    "solutions",
    "ventures",
    "equity",
    "asset",
    "assets",
];

/// The shared gazetteer, parsed on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::load)
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').map(str::trim).collect())
}

fn list<'a>(field: Option<&&'a str>) -> impl Iterator<Item = &'a str> {
    field.copied().unwrap_or("").split('|').map(str::trim).filter(|s| !s.is_empty())
}

impl Gazetteer {
    fn load() -> Self {
        let mut g = Gazetteer::default();
        for r in rows(ORGANIZATIONS).chain(rows(COMPANIES)) {
            let Some(name) = r.first() else { continue };
            g.names.entry(fold(name)).or_insert_with(|| Entry::Organization((*name).to_string()));
            for a in list(r.get(1)) {
                g.names.entry(fold(a)).or_insert_with(|| Entry::Organization((*name).to_string()));
            }
        }
        // Countries take precedence over organisations sharing a name.
        for r in rows(COUNTRIES) {
            let Some(name) = r.first() else { continue };
            let name = (*name).to_string();
            g.names.insert(fold(&name), Entry::Country(name.clone()));
            for a in list(r.get(3)) {
                g.names.insert(fold(a), Entry::Country(name.clone()));
            }
            for d in list(r.get(1)) {
                g.names.entry(fold(d)).or_insert_with(|| Entry::Demonym(name.clone()));
            }
            for c in list(r.get(2)) {
                g.names.entry(fold(c)).or_insert_with(|| Entry::Capital(name.clone()));
            }
        }
        // Places come last: a name that is also a country, capital or body keeps that reading.
        for r in rows(REGIONS).chain(rows(PLACES)) {
            let Some(name) = r.first() else { continue };
            g.names.entry(fold(name)).or_insert_with(|| Entry::Place((*name).to_string()));
        }
        g.org_words = ORG_WORDS.iter().copied().collect();
        g.titles = TITLES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|t| fold(t).trim_end_matches('.').to_string())
            .collect();
        g
    }

    /// Looks a name up (case- and accent-insensitive, leading "the" ignored).
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        let f = fold(name);
        let f = f.strip_prefix("the ").unwrap_or(&f);
        if let Some(e) = self.names.get(f) {
            return Some(e);
        }
        let bare = if f.contains('.') { std::borrow::Cow::Owned(f.replace('.', "")) } else { f.into() };
        self.names.get(bare.as_ref()).or_else(|| {
            // A national body named with its country in front ("U.S. Environmental Protection
            // Agency", "UK Financial Conduct Authority") is the body itself.
            let org = |n: &str| self.names.get(n).filter(|e| matches!(e, Entry::Organization(_)));
            if let Some(rest) = ["us ", "uk ", "eu "].iter().find_map(|p| bare.strip_prefix(p)) {
                return org(rest);
            }
            // A company under its legal form ("Boeing Co.", "Home Depot Inc.", "Airbus SE").
            let stem = [" inc", " co", " corp", " corporation", " ltd", " plc", " llc", " se", " ag", " sa", " nv"]
                .iter()
                .find_map(|s| bare.trim_end_matches(|c: char| !c.is_alphanumeric()).strip_suffix(s))?;
            org(stem.trim_end_matches([',', ' ']))
        })
    }

    /// Whether a folded word is an organisation head word ([`ORG_WORDS`]).
    pub fn is_org_word(&self, folded: &str) -> bool {
        self.org_words.contains(folded.trim_end_matches('.'))
    }

    /// Whether a (lower-case) word or phrase is a title or role noun ("envoy", "chief executive").
    pub fn is_title(&self, words: &str) -> bool {
        let f = fold(words);
        let f = f.trim_end_matches('.');
        self.titles.contains(f)
    }
}

#[cfg(test)]
mod tests {
    use super::{Entry, gazetteer};

    #[test]
    fn a_national_body_with_its_country_in_front_is_the_body() {
        let e = gazetteer().lookup("U.S. Environmental Protection Agency");
        assert!(matches!(e, Some(Entry::Organization(n)) if n.contains("Environmental Protection Agency")), "{e:?}");
        // A country prefix does not turn an unknown phrase or a country into a body.
        assert!(gazetteer().lookup("U.S. Steel Workers").is_none());
    }

    #[test]
    fn a_company_under_its_legal_form_is_the_company() {
        for (form, name) in [("Boeing Co.", "Boeing"), ("Home Depot Inc.", "Home Depot"), ("Airbus SE", "Airbus")] {
            let e = gazetteer().lookup(form);
            assert!(matches!(e, Some(Entry::Organization(n)) if n == name), "{form}: {e:?}");
        }
        // Only a company's legal form is stripped: "Jersey Co." names no listed body, and a
        // country keeps its own entry.
        assert!(gazetteer().lookup("Jersey Co.").is_none());
        assert!(matches!(gazetteer().lookup("Germany"), Some(Entry::Country(_))));
    }

    #[test]
    fn places_do_not_override_countries_or_bodies() {
        assert!(matches!(gazetteer().lookup("Grozny"), Some(Entry::Place(_))));
        assert!(matches!(gazetteer().lookup("Kremlin"), Some(Entry::Organization(_))));
        assert!(matches!(gazetteer().lookup("Moscow"), Some(Entry::Capital(_))));
    }
}
