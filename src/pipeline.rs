//! The whole pipeline for a selection of articles, as the CLI and the GUI both run it:
//! analyze each article → merge → build the briefing model → template → layout → PDF.

use std::fmt;

use jiff::civil::Date;

use crate::analyze::{self, Analysis, AnalyzeOptions, ArticleAnalysis};
use crate::brief::{self, Briefing, BriefingMeta, Edit, Template, TemplateError};
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
    /// The template model.
    pub briefing: Briefing,
    /// The note as Markdown.
    pub markdown: String,
    /// The laid-out pages.
    pub document: Document,
}

/// Analyses each article against its own publication date (or `fallback` when it has none).
pub fn analyze_all(articles: &[Article], fallback: Option<Date>) -> Vec<ArticleAnalysis> {
    let opts = AnalyzeOptions::default();
    articles.iter().map(|a| analyze::analyze(a, a.published.or(fallback), &opts)).collect()
}

/// Merges, templates and lays out the note.
pub fn compose(
    articles: &[Article],
    analyses: &[ArticleAnalysis],
    meta: &BriefingMeta,
    template: &Template,
    today: Date,
    edits: &[Edit],
) -> Result<Rendered, PipelineError> {
    if articles.is_empty() {
        return Err(PipelineError::NoArticles);
    }
    let mut merged: Analysis = analyze::merge(analyses, MAX_NOTE_POINTS);
    brief::apply_edits(&mut merged, edits);
    let briefing = brief::build(&merged, articles, meta, template, today, edits);
    let markdown = brief::compose(&briefing, template).map_err(PipelineError::Template)?;
    let header = if briefing.meta.file_number.is_empty() {
        briefing.meta.title.clone()
    } else {
        format!("{} · {}", briefing.meta.title, briefing.meta.file_number)
    };
    let style = Style::for_template(template, &briefing.meta.classification, &header);
    let document = layout::layout(&markdown, &style, &briefing.meta.title);
    Ok(Rendered { briefing, markdown, document })
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
