//! Merging per-article analyses into one picture: the same actor in three articles is one
//! actor with all its mentions; the same deadline reported twice is one deadline with both
//! sources, and conflicting dates for one deadline are flagged.

use serde::{Deserialize, Serialize};

use super::{Actor, ActorKind, ArticleAnalysis, Deadline, KeyPoint, Quote};
use crate::text::fold;

/// An actor across the selected articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedActor {
    /// Canonical name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// All other names used.
    pub aliases: Vec<String>,
    /// Role, from the article that states one first.
    pub role: Option<String>,
    /// Importance across the articles, 0–1.
    pub salience: f64,
    /// Mentions in all articles.
    pub mention_count: usize,
    /// Indices (0-based) of the articles that name it.
    pub sources: Vec<usize>,
}

/// A deadline across the selected articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedDeadline {
    /// The deadline as first reported.
    pub deadline: Deadline,
    /// Indices of the articles reporting it.
    pub sources: Vec<usize>,
    /// Set when the articles disagree on the date.
    pub conflict: Option<String>,
}

/// A key point across the selected articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedPoint {
    /// The point's text.
    pub text: String,
    /// Indices of the articles it comes from.
    pub sources: Vec<usize>,
    /// The source sentence in the first source.
    pub point: KeyPoint,
}

/// A quote with its article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedQuote {
    /// The quote.
    pub quote: Quote,
    /// Index of its article.
    pub source: usize,
}

/// The merged analysis of a selection of articles.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Analysis {
    /// Actors, most salient first.
    pub actors: Vec<MergedActor>,
    /// Deadlines, soonest first (unknown dates last).
    pub deadlines: Vec<MergedDeadline>,
    /// Key points, most important articles' first.
    pub key_points: Vec<MergedPoint>,
    /// Quotes with speakers.
    pub quotes: Vec<MergedQuote>,
}

fn names(a: &Actor) -> Vec<String> {
    std::iter::once(&a.name).chain(a.aliases.iter()).map(|n| fold(n)).collect()
}

fn same_actor(m: &MergedActor, a: &Actor) -> bool {
    if m.kind != a.kind
        && !(matches!(m.kind, ActorKind::Country | ActorKind::Place)
            && matches!(a.kind, ActorKind::Country | ActorKind::Place))
    {
        return false;
    }
    let theirs = names(a);
    fold(&m.name) == fold(&a.name)
        || theirs.contains(&fold(&m.name))
        || m.aliases.iter().any(|x| fold(x) == fold(&a.name))
}

/// Merges analyses (in the order of the selection) into one [`Analysis`].
pub fn merge(analyses: &[ArticleAnalysis], max_points: usize) -> Analysis {
    let mut out = Analysis::default();
    for (i, an) in analyses.iter().enumerate() {
        for a in &an.actors {
            if let Some(m) = out.actors.iter_mut().find(|m| same_actor(m, a)) {
                m.salience += a.salience;
                m.mention_count += a.mentions.len();
                if !m.sources.contains(&i) {
                    m.sources.push(i);
                }
                for alias in std::iter::once(&a.name).chain(a.aliases.iter()) {
                    if fold(alias) != fold(&m.name) && !m.aliases.iter().any(|x| fold(x) == fold(alias)) {
                        m.aliases.push(alias.clone());
                    }
                }
                if m.role.is_none() {
                    m.role.clone_from(&a.role);
                }
            } else {
                out.actors.push(MergedActor {
                    name: a.name.clone(),
                    kind: a.kind,
                    aliases: a.aliases.clone(),
                    role: a.role.clone(),
                    salience: a.salience,
                    mention_count: a.mentions.len(),
                    sources: vec![i],
                });
            }
        }
        for d in &an.deadlines {
            let same = out.deadlines.iter_mut().find(|m| same_deadline(&m.deadline, d));
            match same {
                Some(m) => {
                    if !m.sources.contains(&i) {
                        m.sources.push(i);
                    }
                    if m.deadline.date != d.date {
                        m.conflict = Some(format!(
                            "sources disagree on the date: {} vs {}",
                            m.deadline.date.map(|x| x.to_string()).unwrap_or_else(|| "unknown".into()),
                            d.date.map(|x| x.to_string()).unwrap_or_else(|| "unknown".into())
                        ));
                    }
                }
                None => out.deadlines.push(MergedDeadline { deadline: d.clone(), sources: vec![i], conflict: None }),
            }
        }
        for q in &an.quotes {
            out.quotes.push(MergedQuote { quote: q.clone(), source: i });
        }
    }
    let n = analyses.len().max(1) as f64;
    for m in &mut out.actors {
        m.salience = (m.salience / n * 1000.0).round() / 1000.0;
    }
    out.actors.sort_by(|a, b| b.salience.total_cmp(&a.salience).then_with(|| a.name.cmp(&b.name)));
    out.deadlines.sort_by_key(|d| (d.deadline.date.is_none(), d.deadline.date));

    // Key points: round-robin over the articles so each contributes its best first, merging
    // near-duplicates (the same fact from two outlets is one point with two sources).
    let depth = analyses.iter().map(|a| a.key_points.len()).max().unwrap_or(0);
    for k in 0..depth {
        for (i, an) in analyses.iter().enumerate() {
            let Some(p) = an.key_points.get(k) else {
                continue;
            };
            if let Some(m) = out.key_points.iter_mut().find(|m| overlap(&m.text, &p.text) > 0.6) {
                if !m.sources.contains(&i) {
                    m.sources.push(i);
                }
            } else if out.key_points.len() < max_points {
                out.key_points.push(MergedPoint { text: p.text.clone(), sources: vec![i], point: p.clone() });
            }
        }
    }
    out
}

/// The same deadline: same date (or both unknown) and overlapping words in what is due, or
/// different dates for the same party and nearly the same words (a conflict).
fn same_deadline(a: &Deadline, b: &Deadline) -> bool {
    let o = overlap(&a.what, &b.what);
    (a.date == b.date && (o > 0.3 || a.applies_to.is_some() && a.applies_to == b.applies_to))
        || (a.date != b.date && o > 0.7)
}

/// Share of the smaller word set found in the other.
fn overlap(a: &str, b: &str) -> f64 {
    use std::collections::HashSet;
    let wa: HashSet<String> =
        fold(a).split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2).map(str::to_string).collect();
    let wb: HashSet<String> =
        fold(b).split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2).map(str::to_string).collect();
    wa.intersection(&wb).count() as f64 / (wa.len().min(wb.len()).max(1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;

    fn actor(name: &str, aliases: &[&str]) -> Actor {
        Actor {
            name: name.into(),
            kind: ActorKind::Person,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            role: None,
            salience: 1.0,
            mentions: vec![Span::new(0, 1)],
            features: Vec::new(),
        }
    }

    fn deadline(date: (i16, i8, i8), what: &str) -> Deadline {
        Deadline {
            date: Some(jiff::civil::date(date.0, date.1, date.2)),
            text: what.into(),
            what: what.into(),
            set_by: None,
            applies_to: Some("Russia".into()),
            consequence: None,
            start: 0,
            end: 1,
            reason: None,
            when: None,
        }
    }

    fn analysis(actors: Vec<Actor>, deadlines: Vec<Deadline>) -> ArticleAnalysis {
        ArticleAnalysis {
            article_id: "x".into(),
            reference: None,
            actors,
            times: vec![],
            deadlines,
            quotes: vec![],
            key_points: vec![],
            sentences: vec![],
        }
    }

    #[test]
    fn same_actor_and_deadline_in_two_articles_merge_with_both_sources() {
        let a = analysis(
            vec![actor("Steve Witkoff", &["Witkoff"])],
            vec![deadline((2025, 8, 8), "Russia to agree to a ceasefire")],
        );
        let b = analysis(vec![actor("Witkoff", &[])], vec![deadline((2025, 8, 8), "Russia must agree to a ceasefire")]);
        let m = merge(&[a, b], 5);
        assert_eq!(m.actors.len(), 1);
        assert_eq!(m.actors[0].sources, vec![0, 1]);
        assert_eq!(m.deadlines.len(), 1);
        assert_eq!(m.deadlines[0].sources, vec![0, 1]);
        assert!(m.deadlines[0].conflict.is_none());
    }

    #[test]
    fn conflicting_dates_for_one_deadline_are_flagged() {
        let a = analysis(vec![], vec![deadline((2025, 8, 8), "Russia to agree to a ceasefire or face sanctions")]);
        let b = analysis(vec![], vec![deadline((2025, 8, 9), "Russia to agree to a ceasefire or face sanctions")]);
        let m = merge(&[a, b], 5);
        assert_eq!(m.deadlines.len(), 1);
        assert!(m.deadlines[0].conflict.is_some());
    }
}
