//! The analyst's corrections, applied on top of the automatic analysis: rename, merge,
//! re-role, re-kind or exclude an actor; exclude a deadline or point; edit, add or reorder
//! points; add a deadline; grade a source. Edits name what they change by stable keys (names,
//! dates and words), so they survive re-analysis of the same articles.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::analyze::{ActorKind, Analysis, Deadline, KeyPoint, MergedActor, MergedDeadline, MergedPoint};
use crate::text::{Span, fold};

/// One correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Edit {
    /// Show an actor under another name.
    RenameActor {
        /// Current name.
        from: String,
        /// New name.
        to: String,
    },
    /// Fold one actor into another (mentions, sources and aliases are combined).
    MergeActors {
        /// The actor that stays.
        keep: String,
        /// The actor folded into it.
        merge: String,
    },
    /// Set an actor's role.
    SetRole {
        /// Actor name.
        actor: String,
        /// New role.
        role: String,
    },
    /// Set an actor's kind.
    SetKind {
        /// Actor name.
        actor: String,
        /// New kind.
        to: ActorKind,
    },
    /// Leave an actor out of the note.
    ExcludeActor {
        /// Actor name.
        actor: String,
    },
    /// Leave a deadline out ([`deadline_key`]).
    ExcludeDeadline {
        /// The deadline's key.
        key: String,
    },
    /// Add a deadline the analysis missed.
    AddDeadline {
        /// Due date, if known.
        date: Option<Date>,
        /// What is due.
        what: String,
        /// Who set it.
        set_by: Option<String>,
        /// Who must act.
        applies_to: Option<String>,
    },
    /// Leave a key point out ([`point_key`]).
    ExcludePoint {
        /// The point's key.
        key: String,
    },
    /// Reword a key point.
    EditPoint {
        /// The point's key.
        key: String,
        /// New wording.
        text: String,
    },
    /// Add a key point of the analyst's own.
    AddPoint {
        /// The point.
        text: String,
    },
    /// Move a key point to a position (0 = first).
    MovePoint {
        /// The point's key.
        key: String,
        /// New position.
        to: usize,
    },
    /// Grade a source in the Admiralty code ("B2").
    GradeSource {
        /// Article id.
        article: String,
        /// Grade, reliability A–F then credibility 1–6.
        grade: String,
    },
}

/// A deadline's stable key: its date and the first words of what is due.
pub fn deadline_key(d: &Deadline) -> String {
    deadline_key_of(d.date, &d.what)
}

/// [`deadline_key`] from a deadline's date and what is due (as the briefing model shows them).
pub fn deadline_key_of(date: Option<Date>, what: &str) -> String {
    let words: Vec<String> = fold(what)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_string)
        .collect();
    format!("{}|{}", date.map(|x| x.to_string()).unwrap_or_else(|| "undated".into()), words.join(" "))
}

/// A key point's stable key: its first words, folded.
pub fn point_key(text: &str) -> String {
    let words: Vec<String> = fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(10)
        .map(str::to_string)
        .collect();
    words.join(" ")
}

/// Whether a grade is a valid Admiralty code ("A1" … "F6").
pub fn valid_grade(g: &str) -> bool {
    let mut c = g.chars();
    matches!((c.next(), c.next(), c.next()), (Some('A'..='F'), Some('1'..='6'), None))
}

fn same(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

/// Applies the edits, in order, to a merged analysis. Edits whose target is gone (the
/// analysis no longer finds that actor) are skipped, not errors.
pub fn apply(analysis: &mut Analysis, edits: &[Edit]) {
    for e in edits {
        match e {
            Edit::RenameActor { from, to } => {
                if let Some(a) = analysis.actors.iter_mut().find(|a| same(&a.name, from)) {
                    let old = std::mem::replace(&mut a.name, to.clone());
                    if !a.aliases.iter().any(|x| same(x, &old)) {
                        a.aliases.push(old);
                    }
                    rename_in_deadlines(&mut analysis.deadlines, from, to);
                }
            }
            Edit::MergeActors { keep, merge } => merge_actors(analysis, keep, merge),
            Edit::SetRole { actor, role } => {
                if let Some(a) = analysis.actors.iter_mut().find(|a| same(&a.name, actor)) {
                    a.role = Some(role.clone()).filter(|r| !r.trim().is_empty());
                }
            }
            Edit::SetKind { actor, to } => {
                if let Some(a) = analysis.actors.iter_mut().find(|a| same(&a.name, actor)) {
                    a.kind = *to;
                }
            }
            Edit::ExcludeActor { actor } => analysis.actors.retain(|a| !same(&a.name, actor)),
            Edit::ExcludeDeadline { key } => analysis.deadlines.retain(|d| deadline_key(&d.deadline) != *key),
            Edit::AddDeadline { date, what, set_by, applies_to } => {
                analysis.deadlines.push(MergedDeadline {
                    deadline: Deadline {
                        date: *date,
                        text: what.clone(),
                        what: what.clone(),
                        set_by: set_by.clone(),
                        applies_to: applies_to.clone(),
                        consequence: None,
                        start: 0,
                        end: 0,
                        reason: date.is_none().then(|| "added by the analyst without a date".to_string()),
                        when: None,
                    },
                    sources: Vec::new(),
                    conflict: None,
                });
                analysis.deadlines.sort_by_key(|d| (d.deadline.date.is_none(), d.deadline.date));
            }
            Edit::ExcludePoint { key } => analysis.key_points.retain(|p| point_key(&p.text) != *key),
            Edit::EditPoint { key, text } => {
                if let Some(p) = analysis.key_points.iter_mut().find(|p| point_key(&p.text) == *key) {
                    p.text.clone_from(text);
                }
            }
            Edit::AddPoint { text } => analysis.key_points.push(MergedPoint {
                text: text.clone(),
                sources: Vec::new(),
                point: KeyPoint { text: text.clone(), source: Span::new(0, 0) },
            }),
            Edit::MovePoint { key, to } => {
                if let Some(i) = analysis.key_points.iter().position(|p| point_key(&p.text) == *key) {
                    let p = analysis.key_points.remove(i);
                    let to = (*to).min(analysis.key_points.len());
                    analysis.key_points.insert(to, p);
                }
            }
            // Grades belong to sources; the briefing model reads them (see `brief::build`).
            Edit::GradeSource { .. } => {}
        }
    }
}

fn rename_in_deadlines(deadlines: &mut [MergedDeadline], from: &str, to: &str) {
    for d in deadlines {
        for who in [&mut d.deadline.set_by, &mut d.deadline.applies_to] {
            if who.as_deref().is_some_and(|w| same(w, from)) {
                *who = Some(to.to_string());
            }
        }
    }
}

fn merge_actors(analysis: &mut Analysis, keep: &str, merge: &str) {
    let Some(i) = analysis.actors.iter().position(|a| same(&a.name, merge)) else { return };
    if !analysis.actors.iter().any(|a| same(&a.name, keep)) || same(keep, merge) {
        return;
    }
    let gone: MergedActor = analysis.actors.remove(i);
    if let Some(k) = analysis.actors.iter_mut().find(|a| same(&a.name, keep)) {
        k.mention_count += gone.mention_count;
        k.salience = k.salience.max(gone.salience);
        for s in gone.sources {
            if !k.sources.contains(&s) {
                k.sources.push(s);
            }
        }
        k.sources.sort_unstable();
        for alias in std::iter::once(gone.name.clone()).chain(gone.aliases) {
            if !same(&alias, &k.name) && !k.aliases.iter().any(|x| same(x, &alias)) {
                k.aliases.push(alias);
            }
        }
        if k.role.is_none() {
            k.role = gone.role;
        }
        let keep_name = k.name.clone();
        rename_in_deadlines(&mut analysis.deadlines, &gone.name, &keep_name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysis() -> Analysis {
        let actor = |name: &str, n: usize| MergedActor {
            name: name.into(),
            kind: ActorKind::Person,
            aliases: vec![],
            role: None,
            salience: 1.0,
            mention_count: n,
            sources: vec![0],
        };
        let deadline = Deadline {
            date: Some(jiff::civil::date(2025, 8, 8)),
            text: "x".into(),
            what: "Russia to agree to a ceasefire".into(),
            set_by: Some("Trump".into()),
            applies_to: Some("Russia".into()),
            consequence: None,
            start: 0,
            end: 1,
            reason: None,
            when: None,
        };
        let point = |t: &str| MergedPoint {
            text: t.into(),
            sources: vec![0],
            point: KeyPoint { text: t.into(), source: Span::new(0, 1) },
        };
        Analysis {
            actors: vec![actor("Trump", 3), actor("Donald Trump", 2), actor("Steve Witkoff", 4)],
            deadlines: vec![MergedDeadline { deadline, sources: vec![0], conflict: None }],
            key_points: vec![point("First point here."), point("Second point here.")],
            quotes: vec![],
        }
    }

    #[test]
    fn merge_rename_role_and_exclude_apply_in_order() {
        let mut a = analysis();
        apply(
            &mut a,
            &[
                Edit::MergeActors { keep: "Donald Trump".into(), merge: "Trump".into() },
                Edit::RenameActor { from: "Steve Witkoff".into(), to: "Steven Witkoff".into() },
                Edit::SetRole { actor: "Donald Trump".into(), role: "U.S. President".into() },
            ],
        );
        let trump = a.actors.iter().find(|x| x.name == "Donald Trump");
        assert_eq!(trump.map(|t| (t.mention_count, t.role.clone())), Some((5, Some("U.S. President".into()))));
        assert_eq!(a.deadlines[0].deadline.set_by.as_deref(), Some("Donald Trump"));
        assert!(a.actors.iter().any(|x| x.name == "Steven Witkoff" && x.aliases == vec!["Steve Witkoff".to_string()]));
        apply(&mut a, &[Edit::ExcludeActor { actor: "Steven Witkoff".into() }]);
        assert_eq!(a.actors.len(), 1);
    }

    #[test]
    fn points_and_deadlines_are_edited_by_stable_keys() {
        let mut a = analysis();
        let key = deadline_key(&a.deadlines[0].deadline);
        assert_eq!(key, "2025-08-08|russia to agree to a ceasefire");
        apply(
            &mut a,
            &[
                Edit::ExcludeDeadline { key },
                Edit::AddDeadline { date: None, what: "Reply to the note".into(), set_by: None, applies_to: None },
                Edit::EditPoint { key: point_key("Second point here."), text: "Second, reworded.".into() },
                Edit::AddPoint { text: "Analyst's own point.".into() },
                Edit::MovePoint { key: point_key("Analyst's own point."), to: 0 },
                Edit::ExcludePoint { key: point_key("First point here.") },
            ],
        );
        assert_eq!(a.deadlines.len(), 1);
        assert!(a.deadlines[0].deadline.date.is_none());
        let texts: Vec<&str> = a.key_points.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, vec!["Analyst's own point.", "Second, reworded."]);
    }

    #[test]
    fn admiralty_grades() {
        assert!(valid_grade("B2") && valid_grade("F6"));
        assert!(!valid_grade("G1") && !valid_grade("A7") && !valid_grade("b2") && !valid_grade("A12"));
    }
}
