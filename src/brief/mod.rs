//! Brief: the merged [`Analysis`] of the selected articles, the note's metadata and a
//! [`Template`] → the note as Markdown.
//!
//! Templates are minijinja with strict undefined behaviour (a typo is an error, not an empty
//! string) and a fuel limit (a runaway loop stops), and every article-derived string is
//! Markdown-escaped on output, so "*surges*" in a headline prints literally.

mod edits;
mod template;

use jiff::civil::Date;
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::{Deserialize, Serialize};

pub use edits::{Edit, apply as apply_edits, deadline_key, deadline_key_of, point_key, valid_grade};
pub use template::{DEFAULT_TEMPLATE, PageSize, Template, TemplateError};

use crate::analyze::Analysis;
use crate::ingest::Article;

/// The note's own fields, all editable by the analyst.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BriefingMeta {
    /// Title of the note.
    pub title: String,
    /// Subject line.
    pub subject: String,
    /// Date of the note (countdowns are relative to it).
    pub date: Option<Date>,
    /// Classification marking ("PROTECTED B", "OFFICIAL-SENSITIVE"); empty = template default.
    pub classification: String,
    /// Who drafted it.
    pub drafter: String,
    /// Who approved it.
    pub approver: String,
    /// Who it is for.
    pub recipient: String,
    /// File or reference number.
    pub file_number: String,
    /// "For information" or "For decision".
    pub purpose: String,
}

impl Default for BriefingMeta {
    fn default() -> Self {
        Self {
            title: String::new(),
            subject: String::new(),
            date: None,
            classification: String::new(),
            drafter: String::new(),
            approver: String::new(),
            recipient: String::new(),
            file_number: String::new(),
            purpose: "For information".into(),
        }
    }
}

/// One source of the note, numbered from 1 in citations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// Citation number.
    pub n: usize,
    /// Outlet.
    pub outlet: String,
    /// Headline.
    pub title: String,
    /// Publication date, ISO.
    pub date: String,
    /// Link, may be empty.
    pub url: String,
    /// Admiralty grade ("B2"), may be empty.
    pub grade: String,
}

/// The model a template receives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Briefing {
    /// Note fields, with defaults filled in.
    pub meta: BriefingMeta,
    /// The note's date as text ("26 November 2026").
    pub date_long: String,
    /// The note's date, ISO ("2026-11-26"): what the timeline chart counts down from.
    pub date: String,
    /// Actors, ranked.
    pub actors: Vec<BriefActor>,
    /// Deadlines, soonest first.
    pub deadlines: Vec<BriefDeadline>,
    /// The first deadline on or after the note's date (the "critical date"), if any.
    pub next_deadline: Option<BriefDeadline>,
    /// Key points.
    pub key_points: Vec<BriefPoint>,
    /// Quotes with speakers.
    pub quotes: Vec<BriefQuote>,
    /// Dated events, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// Sources.
    pub sources: Vec<Source>,
    /// What was left out to fit the template's page limit (all zero for a whole note), so a
    /// template can say so instead of "none recorded".
    pub left_out: LeftOut,
}

/// An actor as the note shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefActor {
    /// Name.
    pub name: String,
    /// "person", "organization", "country" or "place".
    pub kind: String,
    /// Role, may be empty.
    pub role: String,
    /// Mentions across the sources.
    pub mentions: usize,
    /// Citation numbers.
    pub sources: Vec<usize>,
}

/// A deadline as the note shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefDeadline {
    /// ISO date or empty when unknown.
    pub date: String,
    /// "Fri 8 Aug 2025" or "date unknown".
    pub date_long: String,
    /// "in 2 days", "today", "overdue by 3 days".
    pub countdown: String,
    /// What is due.
    pub what: String,
    /// Who set it, may be empty.
    pub set_by: String,
    /// Who must act, may be empty.
    pub applies_to: String,
    /// Consequence if missed, may be empty.
    pub consequence: String,
    /// The words in the article.
    pub text: String,
    /// Citation numbers.
    pub sources: Vec<usize>,
    /// Conflict note, may be empty.
    pub conflict: String,
    /// Whether the date is before the note's date.
    pub overdue: bool,
}

/// A key point as the note shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefPoint {
    /// Text.
    pub text: String,
    /// Citation numbers.
    pub sources: Vec<usize>,
}

/// A quote as the note shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefQuote {
    /// Speaker, may be empty.
    pub speaker: String,
    /// Quoted words.
    pub text: String,
    /// Citation number.
    pub source: usize,
}

/// One dated line of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// ISO date.
    pub date: String,
    /// "Fri 8 Aug 2025".
    pub date_long: String,
    /// What happens or happened.
    pub label: String,
    /// Whether it is a deadline.
    pub deadline: bool,
    /// Countdown from the note's date.
    pub countdown: String,
}

/// "Fri 8 Aug 2025".
pub fn date_long(d: Date) -> String {
    d.strftime("%a %-d %b %Y").to_string()
}

/// "in 2 days", "tomorrow", "today", "overdue by 3 days" relative to the note's date.
pub fn countdown(d: Date, today: Date) -> String {
    let days = (d - today).get_days();
    match days {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "overdue by 1 day".into(),
        n if n > 1 => format!("in {n} days"),
        n => format!("overdue by {} days", -n),
    }
}

/// Builds the template model from the merged analysis.
pub fn build(
    analysis: &Analysis,
    articles: &[Article],
    meta: &BriefingMeta,
    template: &Template,
    today: Date,
    edits: &[Edit],
) -> Briefing {
    let grade_of = |id: &str| {
        edits
            .iter()
            .rev()
            .find_map(|e| match e {
                Edit::GradeSource { article, grade } if article == id && valid_grade(grade) => Some(grade.clone()),
                _ => None,
            })
            .unwrap_or_default()
    };
    let mut meta = meta.clone();
    if meta.classification.trim().is_empty() {
        meta.classification = template.classification.clone();
    }
    let note_date = meta.date.unwrap_or(today);
    meta.date = Some(note_date);
    if meta.title.trim().is_empty() {
        meta.title = articles.first().map(|a| a.display_title()).unwrap_or_else(|| "Briefing note".into());
    }
    if meta.subject.trim().is_empty() {
        meta.subject = meta.title.clone();
    }
    let cite = |v: &[usize]| v.iter().map(|i| i + 1).collect::<Vec<_>>();
    let actors = analysis
        .actors
        .iter()
        .map(|a| BriefActor {
            name: a.name.clone(),
            kind: serde_json::to_value(a.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
            role: a.role.clone().unwrap_or_default(),
            mentions: a.mention_count,
            sources: cite(&a.sources),
        })
        .collect();
    let deadlines: Vec<BriefDeadline> = analysis
        .deadlines
        .iter()
        .map(|m| {
            let d = &m.deadline;
            BriefDeadline {
                date: d.date.map(|x| x.to_string()).unwrap_or_default(),
                // An undated article's deadline says what the article says ("two days after
                // Wednesday") and that its date waits on the article's.
                date_long: d.date.map(date_long).or_else(|| d.when.clone()).unwrap_or_else(|| "date unknown".into()),
                countdown: match (d.date, &d.when) {
                    (Some(x), _) => countdown(x, note_date),
                    (None, Some(_)) => "date unknown: the article is undated".into(),
                    (None, None) => "date not given".into(),
                },
                what: d.what.clone(),
                set_by: d.set_by.clone().unwrap_or_default(),
                applies_to: d.applies_to.clone().unwrap_or_default(),
                // Said once: a consequence already in what is due ("… or face sanctions") is
                // not repeated as "otherwise: face sanctions".
                consequence: d.consequence.clone().filter(|c| !d.what.contains(c.as_str())).unwrap_or_default(),
                text: d.text.clone(),
                sources: cite(&m.sources),
                conflict: m.conflict.clone().unwrap_or_default(),
                overdue: d.date.is_some_and(|x| x < note_date),
            }
        })
        .collect();
    let mut timeline: Vec<TimelineEntry> = Vec::new();
    for a in articles {
        if let Some(p) = a.published {
            timeline.push(TimelineEntry {
                date: p.to_string(),
                date_long: date_long(p),
                label: format!("{}: {}", a.source.clone().unwrap_or_else(|| "Report".into()), a.display_title()),
                deadline: false,
                countdown: countdown(p, note_date),
            });
        }
    }
    for d in &analysis.deadlines {
        if let Some(date) = d.deadline.date {
            timeline.push(TimelineEntry {
                date: date.to_string(),
                date_long: date_long(date),
                label: format!("Deadline: {}", d.deadline.what),
                deadline: true,
                countdown: countdown(date, note_date),
            });
        }
    }
    timeline.sort_by(|a, b| a.date.cmp(&b.date));
    let sources = articles
        .iter()
        .enumerate()
        .map(|(i, a)| Source {
            n: i + 1,
            outlet: a.source.clone().unwrap_or_else(|| "Unknown outlet".into()),
            title: a.display_title(),
            date: a.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
            url: a.url.clone().unwrap_or_default(),
            grade: grade_of(&a.id),
        })
        .collect();
    Briefing {
        date_long: note_date.strftime("%-d %B %Y").to_string(),
        date: note_date.to_string(),
        next_deadline: deadlines.iter().find(|d| !d.overdue && !d.date.is_empty()).cloned(),
        meta,
        actors,
        deadlines,
        key_points: analysis
            .key_points
            .iter()
            .map(|p| BriefPoint { text: p.text.clone(), sources: cite(&p.sources) })
            .collect(),
        quotes: analysis
            .quotes
            .iter()
            .filter(|q| q.quote.speaker.is_some())
            .map(|q| BriefQuote {
                speaker: q.quote.speaker.clone().unwrap_or_default(),
                text: q.quote.text.clone(),
                source: q.source + 1,
            })
            .collect(),
        timeline,
        sources,
        left_out: LeftOut::default(),
    }
}

/// Counts of items left out of a note to fit its page limit (see `pipeline::compose`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    /// Quotes, key points and actors.
    pub quotes: usize,
    pub key_points: usize,
    pub actors: usize,
}

/// Escapes the characters Markdown would read as formatting.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '{' | '}' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Renders the note's Markdown. Errors name the template, the line and the problem.
pub fn compose(briefing: &Briefing, template: &Template) -> Result<String, TemplateError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(2_000_000));
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_formatter(|out, state, value| {
        if value.is_safe() {
            return minijinja::escape_formatter(out, state, value);
        }
        match value.as_str() {
            Some(s) => out.write_str(&escape_markdown(s)).map_err(minijinja::Error::from),
            None => minijinja::escape_formatter(out, state, value),
        }
    });
    env.add_filter("cites", |v: Vec<usize>| -> String {
        if v.is_empty() {
            String::new()
        } else {
            format!(" [{}]", v.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", "))
        }
    });
    // Footnote marks for the sources ("[^1][^3]"); the template writes the definitions
    // (`[^1]: Outlet, “Title”, date`), which the layout sets at the foot of the page.
    env.add_filter("notes", |v: Vec<usize>| -> Value {
        Value::from_safe_string(v.iter().map(|n| format!("[^{n}]")).collect())
    });
    let to_err =
        |e: minijinja::Error| TemplateError { template: template.name.clone(), line: e.line(), problem: describe(&e) };
    env.add_template_owned(template.name.clone(), template.body.clone()).map_err(to_err)?;
    let tmpl = env.get_template(&template.name).map_err(to_err)?;
    let ctx = Value::from_serialize(briefing);
    tmpl.render(ctx).map_err(to_err)
}

fn describe(e: &minijinja::Error) -> String {
    let mut s = e.detail().map(str::to_string).unwrap_or_else(|| e.kind().to_string());
    if !s.contains(&e.kind().to_string()) {
        s = format!("{}: {s}", e.kind());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(body: &str) -> Template {
        Template::parse("t", &format!("---\nname: t\n---\n{body}")).expect("valid template")
    }

    fn briefing(title: &str) -> Briefing {
        let meta = BriefingMeta { title: title.into(), ..BriefingMeta::default() };
        build(&Analysis::default(), &[], &meta, &template(""), jiff::civil::date(2026, 11, 26), &[])
    }

    #[test]
    fn article_strings_are_markdown_escaped() {
        let out = compose(&briefing("Shares *surge* [update]"), &template("# {{ meta.title }}"));
        assert_eq!(out.ok().as_deref(), Some("# Shares \\*surge\\* \\[update\\]"));
    }

    #[test]
    fn undefined_fields_are_errors_with_line_numbers() {
        let e = compose(&briefing("x"), &template("ok\n{{ meta.titel }}")).err();
        let e = e.map(|e| (e.line, e.template));
        assert_eq!(e, Some((Some(2), "t".into())));
    }

    #[test]
    fn endless_loops_run_out_of_fuel() {
        let e = compose(
            &briefing("x"),
            &template("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"),
        );
        assert!(e.is_err());
    }

    #[test]
    fn countdown_reads_naturally() {
        let today = jiff::civil::date(2025, 8, 6);
        assert_eq!(countdown(jiff::civil::date(2025, 8, 8), today), "in 2 days");
        assert_eq!(countdown(jiff::civil::date(2025, 8, 3), today), "overdue by 3 days");
        assert_eq!(date_long(jiff::civil::date(2025, 8, 8)), "Fri 8 Aug 2025");
    }
}
