//! The whole pipeline for a selection of articles, as the CLI and the GUI both run it:
//! analyze each article → merge → build the briefing model → template → layout → PDF.

use std::fmt;

use jiff::civil::Date;

use crate::analyze::{self, Analysis, AnalyzeOptions, ArticleAnalysis};
use crate::brief::{self, Briefing, BriefingMeta, Edit, LeftOut, Template, TemplateError};
use crate::ingest::Article;
use crate::layout::{self, Document, Style};
use crate::pdf::{self, PdfError, PdfOptions};

/// The most key points a note carries.
pub const MAX_NOTE_POINTS: usize = 7;

/// Why a note could not be produced.
#[derive(Debug)]
pub enum PipelineError {
    /// The template failed.
    Template(TemplateError),
    /// The PDF writer failed.
    Pdf(PdfError),
    /// Nothing was selected.
    NoArticles,
}

impl fmt::Display for PipelineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PipelineError::Template(e) => e.fmt(f),
            PipelineError::Pdf(e) => e.fmt(f),
            PipelineError::NoArticles => write!(f, "no articles are selected for the briefing"),
        }
    }
}

impl std::error::Error for PipelineError {}

/// A rendered note at each stage.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The template model (shortened when the note had to fit its page limit).
    pub briefing: Briefing,
    /// The note as Markdown.
    pub markdown: String,
    /// The laid-out pages.
    pub document: Document,
    /// What was left out to keep within the template's `max_pages`, if anything was.
    pub shortened: Option<Shortened>,
}

/// What [`compose`] left out of a note that ran over its template's page limit. Quotes go
/// first (colour, not substance), then the lowest-ranked key points and actors in turn,
/// never below [`MIN_KEPT`] of each and never a point the analyst wrote. When even that does
/// not fit, nothing is left out (`pages` > `max_pages`) and the note is kept whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shortened {
    /// The template's limit.
    pub max_pages: usize,
    /// Pages the full note took.
    pub full_pages: usize,
    /// Pages it takes now.
    pub pages: usize,
    /// Quotes, key points and actors left out that the note would have shown.
    pub left_out: LeftOut,
}

/// The fewest key points and actors a shortened note keeps.
pub const MIN_KEPT: usize = 3;

impl fmt::Display for Shortened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let LeftOut { quotes, key_points, actors } = self.left_out;
        let parts: Vec<String> =
            [(key_points, "key point", "key points"), (actors, "actor", "actors"), (quotes, "quote", "quotes")]
                .into_iter()
                .filter(|&(n, _, _)| n > 0)
                .map(|(n, one, many)| plural(n, one, many))
                .collect();
        let left_out = match parts.len() {
            0 => "nothing".to_string(),
            1 => parts[0].clone(),
            n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
        };
        let limit = plural(self.max_pages, "page", "pages");
        if self.pages <= self.max_pages {
            write!(f, "shortened from {} to {limit} (the template's limit): {left_out} left out", self.full_pages)
        } else {
            write!(
                f,
                "{} pages, over the template's limit of {limit}, and leaving out quotes, key points and \
                 actors would not bring it within: the note is kept whole; pick fewer articles",
                self.pages
            )
        }
    }
}

/// The warning for an undated article whose deadlines wait on its date: names the file and
/// says what each deadline is counted from.
pub fn undated_warning(article: &Article, analysis: &ArticleAnalysis) -> Option<String> {
    if article.published.is_some() {
        return None;
    }
    let waiting: Vec<String> = analysis
        .deadlines
        .iter()
        .filter(|d| d.date.is_none())
        .map(|d| format!("“{}” ({})", d.what, d.when.as_deref().unwrap_or("no date given")))
        .collect();
    if waiting.is_empty() {
        return None;
    }
    let n = waiting.len();
    Some(format!(
        "{}: the article gives no publication date, so {} cannot be dated: {}; give the date with \
         --published YYYY-MM-DD or set it in the window",
        article.file,
        if n == 1 { "1 deadline".to_string() } else { format!("{n} deadlines") },
        waiting.join("; ")
    ))
}

/// Analyses each article against its own publication date (or `fallback` when it has none).
pub fn analyze_all(articles: &[Article], fallback: Option<Date>) -> Vec<ArticleAnalysis> {
    let opts = AnalyzeOptions::default();
    articles.iter().map(|a| analyze::analyze(a, a.published.or(fallback), &opts)).collect()
}

/// Merges, templates and lays out the note; with `fit_pages`, a note longer than its
/// template's `max_pages` is shortened to fit (see [`Shortened`]).
pub fn compose(
    articles: &[Article],
    analyses: &[ArticleAnalysis],
    meta: &BriefingMeta,
    template: &Template,
    today: Date,
    edits: &[Edit],
    fit_pages: bool,
) -> Result<Rendered, PipelineError> {
    if articles.is_empty() {
        return Err(PipelineError::NoArticles);
    }
    let mut merged: Analysis = analyze::merge(analyses, MAX_NOTE_POINTS);
    brief::apply_edits(&mut merged, edits);
    let mut briefing = brief::build(&merged, articles, meta, template, today, edits);
    let mut markdown = brief::compose(&briefing, template).map_err(PipelineError::Template)?;
    let header = if briefing.meta.file_number.is_empty() {
        briefing.meta.title.clone()
    } else {
        format!("{} · {}", briefing.meta.title, briefing.meta.file_number)
    };
    let style = Style::for_template(template, &briefing.meta.classification, &header);
    let mut document = layout::layout(&markdown, &style, &briefing.meta.title);
    let Some(max_pages) = template.max_pages.filter(|&n| fit_pages && document.pages.len() > n) else {
        return Ok(Rendered { briefing, markdown, document, shortened: None });
    };
    // Over the house format's limit: leave out the least important items one at a time until
    // the note fits or nothing more may go. Only a change to the Markdown is laid out again
    // (an item the template does not show changes nothing).
    let mut cut = Shortened { max_pages, full_pages: document.pages.len(), ..Shortened::default() };
    let whole = (briefing.clone(), markdown.clone(), document.clone());
    let mut turn = 0usize;
    while document.pages.len() > max_pages {
        let before = briefing.left_out;
        if !drop_one(&mut briefing, &mut turn) {
            break;
        }
        let shorter = brief::compose(&briefing, template).map_err(PipelineError::Template)?;
        if shorter != markdown {
            // Only what the reader would have seen counts as left out.
            let now = briefing.left_out;
            cut.left_out.quotes += now.quotes - before.quotes;
            cut.left_out.key_points += now.key_points - before.key_points;
            cut.left_out.actors += now.actors - before.actors;
            markdown = shorter;
            document = layout::layout(&markdown, &style, &briefing.meta.title);
        }
    }
    if document.pages.len() > max_pages {
        // Even the shortest form runs over: cutting would lose content and still miss the
        // limit, so the note stays whole and the analyst is told.
        let (briefing, markdown, document) = whole;
        let cut = Shortened { max_pages, full_pages: cut.full_pages, pages: cut.full_pages, ..Shortened::default() };
        return Ok(Rendered { briefing, markdown, document, shortened: Some(cut) });
    }
    cut.pages = document.pages.len();
    Ok(Rendered { briefing, markdown, document, shortened: Some(cut) })
}

/// Leaves out the next least important item of a note that runs long: the last quote while
/// any remain, then the last key point and the last actor in turn (see [`Shortened`]).
/// Counted in `b.left_out`; `false` when nothing more may go.
fn drop_one(b: &mut Briefing, turn: &mut usize) -> bool {
    if b.quotes.pop().is_some() {
        b.left_out.quotes += 1;
        return true;
    }
    for _ in 0..2 {
        *turn += 1;
        if *turn % 2 == 1 {
            // The last point drawn from the sources (the analyst's own points stay).
            if b.key_points.len() > MIN_KEPT
                && let Some(i) = b.key_points.iter().rposition(|p| !p.sources.is_empty())
            {
                b.key_points.remove(i);
                b.left_out.key_points += 1;
                return true;
            }
        } else if b.actors.len() > MIN_KEPT {
            b.actors.pop();
            b.left_out.actors += 1;
            return true;
        }
    }
    false
}

/// The creation time fixed by `$SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
/// convention), so the same note gives byte-identical PDFs; `None` (now) when unset or invalid.
pub fn source_date_epoch() -> Option<jiff::Timestamp> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    jiff::Timestamp::from_second(secs).ok()
}

/// Writes the rendered note as PDF bytes.
pub fn to_pdf(r: &Rendered) -> Result<Vec<u8>, PipelineError> {
    let opts = PdfOptions {
        author: r.briefing.meta.drafter.clone(),
        subject: r.briefing.meta.subject.clone(),
        keywords: r.briefing.actors.iter().take(8).map(|a| a.name.clone()).collect(),
        created: source_date_epoch(),
    };
    pdf::write(&r.document, &opts).map_err(PipelineError::Pdf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(template: &str, fit: bool, edits: &[Edit]) -> Rendered {
        let (articles, _) = crate::samples::load();
        let today = jiff::civil::date(2026, 11, 26);
        let analyses = analyze_all(&articles, Some(today));
        let template = Template::built_in().into_iter().find(|t| t.name == template).expect("built-in template");
        compose(&articles, &analyses, &BriefingMeta::default(), &template, today, edits, fit).expect("note")
    }

    #[test]
    fn a_note_over_its_page_limit_is_shortened_to_fit_keeping_the_analysts_own_point() {
        let own = Edit::AddPoint { text: "Analyst's own closing point.".into() };
        let full = note("ministerial-note", false, std::slice::from_ref(&own));
        assert!(full.shortened.is_none());
        assert!(full.document.pages.len() > 2, "all seven samples run over 2 pages in full");
        let fitted = note("ministerial-note", true, std::slice::from_ref(&own));
        let cut = fitted.shortened.clone().expect("shortened");
        assert_eq!((cut.max_pages, cut.full_pages), (2, full.document.pages.len()));
        assert!(fitted.document.pages.len() <= 2 && cut.pages == fitted.document.pages.len(), "{cut:?}");
        // Counted: only what the note showed (the template lists at most 3 quotes, 6 actors).
        let LeftOut { quotes, key_points, actors } = cut.left_out;
        assert!(quotes <= 3 && actors <= 6, "{cut:?}");
        assert!(full.briefing.key_points.len() - fitted.briefing.key_points.len() >= key_points);
        assert!(quotes + key_points + actors > 0);
        assert!(fitted.briefing.key_points.len() >= MIN_KEPT && fitted.briefing.actors.len() >= MIN_KEPT);
        assert!(fitted.markdown.contains("Analyst's own closing point."), "the analyst's point stays");
        // What is kept is the top of each list, in order.
        assert!(full.briefing.actors.starts_with(&fitted.briefing.actors));
        let text = cut.to_string();
        assert!(text.starts_with(&format!("shortened from {} to 2 pages", cut.full_pages)), "{text}");
    }

    #[test]
    fn a_note_within_its_limit_or_without_one_is_left_whole() {
        let au = note("ministerial-brief-au", true, &[]);
        assert!(au.shortened.is_none(), "no max_pages in the template");
        let full = note("uk-submission", false, &[]);
        let fitted = note("uk-submission", true, &[]);
        assert!(full.document.pages.len() <= 3, "the seven samples fit the UK submission's 3 pages");
        assert!(fitted.shortened.is_none());
        assert_eq!(full.markdown, fitted.markdown);
    }

    #[test]
    fn the_shortened_message_counts_and_warns_when_still_over() {
        let left_out = LeftOut { quotes: 2, key_points: 1, actors: 3 };
        let cut = Shortened { max_pages: 1, full_pages: 3, pages: 1, left_out };
        assert_eq!(
            cut.to_string(),
            "shortened from 3 to 1 page (the template's limit): 1 key point, 3 actors and 2 quotes left out"
        );
        let over = Shortened { max_pages: 1, full_pages: 3, pages: 3, ..Shortened::default() }.to_string();
        assert!(over.starts_with("3 pages, over the template's limit of 1 page, and leaving out"), "{over}");
        assert!(over.contains("kept whole"), "{over}");
    }

    #[test]
    fn a_note_that_cannot_fit_is_kept_whole() {
        let full = note("situation-brief", false, &[]);
        let fitted = note("situation-brief", true, &[]);
        // Seven articles' sources and timeline alone take more than the one page allowed.
        let cut = fitted.shortened.clone().expect("over the limit");
        assert!(cut.pages > cut.max_pages, "{cut:?}");
        assert_eq!(cut.left_out, LeftOut::default());
        assert_eq!(fitted.markdown, full.markdown);
    }
}
