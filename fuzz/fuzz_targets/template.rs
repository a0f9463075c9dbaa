//! Fuzz target: every built-in template rendered with arbitrary article-derived strings
//! (titles, outlets, URLs, authors, texts through the analysis) and arbitrary note fields. A
//! built-in template must render any articles: an error here is a bug.

#![no_main]

use arbitrary::Arbitrary;
use briefing::analyze::{self, AnalyzeOptions};
use briefing::brief::{self, BriefingMeta, Template};
use briefing::ingest::{Article, Format};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct FuzzArticle {
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
    author: Option<String>,
    day: Option<u16>,
    text: String,
}

#[derive(Debug, Arbitrary)]
struct Input {
    template: u8,
    title: String,
    subject: String,
    classification: String,
    drafter: String,
    file_number: String,
    articles: Vec<FuzzArticle>,
}

fuzz_target!(|input: Input| {
    let templates = Template::built_in();
    let template = &templates[usize::from(input.template) % templates.len()];
    let today = jiff::civil::date(2026, 11, 26);
    let articles: Vec<Article> = input
        .articles
        .into_iter()
        .take(4)
        .map(|f| {
            let mut a = Article::new("fuzz.txt", f.text, Format::Text);
            a.title = f.title;
            a.source = f.source;
            a.url = f.url;
            a.author = f.author;
            a.published = f.day.and_then(|d| today.checked_sub(jiff::Span::new().days(i64::from(d))).ok());
            a
        })
        .collect();
    let analyses: Vec<_> =
        articles.iter().map(|a| analyze::analyze(a, a.published, &AnalyzeOptions::default())).collect();
    let merged = analyze::merge(&analyses, 7);
    let meta = BriefingMeta {
        title: input.title,
        subject: input.subject,
        classification: input.classification,
        drafter: input.drafter,
        file_number: input.file_number,
        date: Some(today),
        ..BriefingMeta::default()
    };
    let briefing = brief::build(&merged, &articles, &meta, template, today, &[]);
    if let Err(e) = brief::compose(&briefing, template) {
        panic!("built-in template {} failed: {e}", template.name);
    }
});
