//! `briefing bench`: throughput of each stage on real articles (the bundled samples or the
//! files given), printed as one table. A benchmark, not a test: numbers, no assertions.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::analyze::{self, AnalyzeOptions};
use crate::brief::{self, BriefingMeta, Template};
use crate::ingest::{self, Article, IngestOptions};
use crate::layout::{self, Style};
use crate::pdf::{self, PdfOptions};

/// One measured row.
#[derive(Debug, Clone)]
pub struct Row {
    /// What was measured.
    pub what: String,
    /// The figure.
    pub value: f64,
    /// Its unit.
    pub unit: &'static str,
    /// How it was measured.
    pub detail: String,
}

/// Runs `f` repeatedly for at least `budget`; returns (iterations, elapsed).
fn repeat(budget: Duration, mut f: impl FnMut()) -> (u64, Duration) {
    let start = Instant::now();
    let mut n = 0;
    while n == 0 || start.elapsed() < budget {
        f();
        n += 1;
    }
    (n, start.elapsed())
}

fn words(articles: &[Article]) -> usize {
    articles.iter().map(|a| a.text.split_whitespace().count()).sum()
}

/// The language backbone, stage by stage: model loading, then tokeniser, tagger, parser and
/// recogniser throughput, each on the output of the one before.
fn nlp_rows(articles: &[Article], total_words: f64, budget: Duration) -> Vec<Row> {
    use crate::nlp::{self, Lex};
    let mut rows = Vec::new();
    let start = Instant::now();
    let models = nlp::Models::from_files(nlp::TAGGER_FILE, nlp::UPOS_FILE, nlp::PARSER_FILE, nlp::RECOGNISER_FILE);
    let load = start.elapsed();
    let Ok(models) = models else { return rows };
    rows.push(Row {
        what: "nlp: load the taggers and the recogniser (what finding actors needs)".into(),
        value: load.as_secs_f64() * 1e3,
        unit: "ms",
        detail: format!(
            "{:.1} MB compressed",
            (nlp::TAGGER_FILE.len() + nlp::UPOS_FILE.len() + nlp::RECOGNISER_FILE.len()) as f64 / 1e6
        ),
    });
    let start = Instant::now();
    if models.check_parser().is_err() {
        return rows;
    }
    rows.push(Row {
        what: "nlp: load the parser (on its first use)".into(),
        value: start.elapsed().as_secs_f64() * 1e3,
        unit: "ms",
        detail: format!("{:.1} MB compressed", nlp::PARSER_FILE.len() as f64 / 1e6),
    });
    let per_second = |n: u64, t: Duration| total_words * n as f64 / t.as_secs_f64();
    let detail = format!("{} articles, one core", articles.len());
    let (n, t) = repeat(budget, || {
        for a in articles {
            let tokens = nlp::tokenize(&a.text);
            std::hint::black_box(nlp::tokenize::sentences(&a.text, &tokens));
        }
    });
    rows.push(Row {
        what: "nlp: tokeniser and sentences".into(),
        value: per_second(n, t),
        unit: "words/s",
        detail: detail.clone(),
    });
    // Inputs of the later stages, prepared once.
    type Prepared = (Vec<Lex>, Vec<std::ops::Range<usize>>, Vec<nlp::Token>);
    let prepared: Vec<Prepared> = articles
        .iter()
        .map(|a| {
            let tokens = nlp::tokenize(&a.text);
            let sentences = nlp::tokenize::sentences(&a.text, &tokens);
            (tokens.iter().map(|t| Lex::of(t, &a.text)).collect(), sentences, tokens)
        })
        .collect();
    let (n, t) = repeat(budget, || {
        for (lex, sentences, _) in &prepared {
            for r in sentences {
                std::hint::black_box(models.tagger.tag(&lex[r.clone()]));
            }
        }
    });
    rows.push(Row { what: "nlp: tagger".into(), value: per_second(n, t), unit: "words/s", detail: detail.clone() });
    // Both taggers' tags, as the parser reads them.
    type Tags = (Vec<u16>, Vec<u16>);
    let tagged: Vec<Vec<Tags>> = prepared
        .iter()
        .map(|(lex, sentences, _)| {
            sentences.iter().map(|r| (models.tagger.tag(&lex[r.clone()]), models.upos.tag(&lex[r.clone()]))).collect()
        })
        .collect();
    let (n, t) = repeat(budget, || {
        for ((lex, sentences, _), tags) in prepared.iter().zip(&tagged) {
            for (r, (tags, upos)) in sentences.iter().zip(tags) {
                std::hint::black_box(models.parser().parse(&models.parser_words(&lex[r.clone()], tags, upos)));
            }
        }
    });
    rows.push(Row { what: "nlp: parser".into(), value: per_second(n, t), unit: "words/s", detail: detail.clone() });
    let (n, t) = repeat(budget, || {
        for (((lex, sentences, tokens), tags), a) in prepared.iter().zip(&tagged).zip(articles) {
            let flat: Vec<u16> = tags.iter().flat_map(|(t, _)| t.iter().copied()).collect();
            let ctx = nlp::contexts(&a.text, tokens, sentences, &flat, |c| models.tagger.tag_hash(c));
            std::hint::black_box(models.recogniser.recognise(lex, &ctx, sentences));
        }
    });
    rows.push(Row {
        what: "nlp: recogniser (gazetteer marks included)".into(),
        value: per_second(n, t),
        unit: "words/s",
        detail: detail.clone(),
    });
    let (n, t) = repeat(budget, || {
        for a in articles {
            std::hint::black_box(nlp::analyse(&a.text));
        }
    });
    rows.push(Row { what: "nlp: all of it (analyse)".into(), value: per_second(n, t), unit: "words/s", detail });
    rows
}

/// Measures every stage on `inputs` (file name, bytes); `budget` per row.
pub fn run(inputs: &[(String, Vec<u8>)], budget: Duration) -> Vec<Row> {
    let mut rows = Vec::new();
    let opts = IngestOptions::default();
    let articles: Vec<Article> = inputs.iter().filter_map(|(n, b)| ingest::load(n, b, &opts).ok()).flatten().collect();
    if articles.is_empty() {
        return rows;
    }
    let html: Vec<&(String, Vec<u8>)> =
        inputs.iter().filter(|(n, _)| n.ends_with(".html") || n.ends_with(".htm")).collect();
    if !html.is_empty() {
        let bytes: usize = html.iter().map(|(_, b)| b.len()).sum();
        let (n, t) = repeat(budget, || {
            for (name, b) in &html {
                let _ = ingest::load(name, b, &opts);
            }
        });
        rows.push(Row {
            what: "ingest: HTML extraction".into(),
            value: (bytes as f64 * n as f64) / t.as_secs_f64() / 1e6,
            unit: "MB/s",
            detail: format!("{} pages, {:.1} KB each", html.len(), bytes as f64 / html.len() as f64 / 1e3),
        });
    }
    let total_words = words(&articles) as f64;
    rows.extend(nlp_rows(&articles, total_words, budget));
    let (n, t) = repeat(budget, || {
        for a in &articles {
            std::hint::black_box(analyze::actor_pass(&a.text));
        }
    });
    rows.push(Row {
        what: "analyze: actor pass".into(),
        value: total_words * n as f64 / t.as_secs_f64(),
        unit: "words/s",
        detail: format!("{} articles, one core", articles.len()),
    });
    let (n, t) = repeat(budget, || {
        for a in &articles {
            std::hint::black_box(analyze::time_pass(&a.text, a.published));
        }
    });
    rows.push(Row {
        what: "analyze: time pass".into(),
        value: total_words * n as f64 / t.as_secs_f64(),
        unit: "words/s",
        detail: format!("{} articles, one core", articles.len()),
    });
    let aopts = AnalyzeOptions::default();
    let (n, t) = repeat(budget, || {
        for a in &articles {
            std::hint::black_box(analyze::analyze(a, a.published, &aopts));
        }
    });
    rows.push(Row {
        what: "analyze: whole article (actors, times, deadlines, quotes, key points)".into(),
        value: total_words * n as f64 / t.as_secs_f64(),
        unit: "words/s",
        detail: format!("{} articles, one core", articles.len()),
    });
    // Import of a folder of 1,000 article files (walk, read, ingest, store) into a fresh
    // library, as `briefing import DIR` does it.
    let dir = std::env::temp_dir().join(format!("briefing-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let folder = dir.join("articles");
    if let Ok(folder_bytes) = article_folder(&folder, &articles, 1000) {
        let start = Instant::now();
        let imported = import_folder(&folder, &dir.join("library.sqlite")).unwrap_or(0);
        let t = start.elapsed();
        rows.push(Row {
            what: "import a folder of 1,000 articles into a fresh library".into(),
            value: t.as_secs_f64() * 1e3,
            unit: "ms",
            detail: format!(
                "{imported} stored, one transaction; {:.1} MB/s of files",
                folder_bytes as f64 / t.as_secs_f64() / 1e6
            ),
        });
    }
    let _ = std::fs::remove_dir_all(&dir);
    // Merge and summarise 50 articles (cycling the inputs).
    let fifty: Vec<Article> = articles.iter().cycle().take(50).cloned().collect();
    let analyses: Vec<_> = fifty.iter().map(|a| analyze::analyze(a, a.published, &aopts)).collect();
    let template = Template::built_in().into_iter().next();
    if let Some(template) = template {
        let today = jiff::civil::date(2026, 11, 26);
        let (n, t) = repeat(budget, || {
            let merged = analyze::merge(&analyses, 7);
            std::hint::black_box(brief::build(&merged, &fifty, &BriefingMeta::default(), &template, today, &[]));
        });
        rows.push(Row {
            what: "brief: merge 50 analysed articles + briefing model".into(),
            value: t.as_secs_f64() * 1e3 / n as f64,
            unit: "ms",
            detail: "one core".into(),
        });
        // The whole "summarise and merge": analysis with key points of 50 articles, then merge.
        let (n, t) = repeat(budget, || {
            let analyses: Vec<_> = fifty.iter().map(|a| analyze::analyze(a, a.published, &aopts)).collect();
            let merged = analyze::merge(&analyses, 7);
            std::hint::black_box(brief::build(&merged, &fifty, &BriefingMeta::default(), &template, today, &[]));
        });
        rows.push(Row {
            what: "brief: analyse (with key points) and merge 50 articles".into(),
            value: t.as_secs_f64() * 1e3 / n as f64,
            unit: "ms",
            detail: format!("{} words, one core", words(&fifty)),
        });
        // A 10-page note: Markdown → layout → PDF bytes, fonts warm.
        let md = ten_page_markdown(&articles);
        let style = Style::for_template(&template, "OFFICIAL", "Benchmark note");
        let doc = layout::layout(&md, &style, "Benchmark");
        let pages = doc.pages.len();
        let (n, t) = repeat(budget, || {
            std::hint::black_box(layout::layout(&md, &style, "Benchmark"));
        });
        rows.push(Row {
            what: "layout: Markdown → pages".into(),
            value: t.as_secs_f64() * 1e3 / n as f64,
            unit: "ms",
            detail: format!("{pages} pages"),
        });
        let mut size = 0;
        let (n, t) = repeat(budget, || {
            let doc = layout::layout(&md, &style, "Benchmark");
            size = pdf::write(&doc, &PdfOptions::default()).map(|b| b.len()).unwrap_or(0);
        });
        rows.push(Row {
            what: "layout + PDF: Markdown → PDF bytes".into(),
            value: t.as_secs_f64() * 1e3 / n as f64,
            unit: "ms",
            detail: format!("{pages} pages, {:.0} KB", size as f64 / 1e3),
        });
    }
    #[cfg(feature = "gui")]
    rows.extend(gui_rows(&articles, budget));
    rows
}

/// The window on `library` with a headless egui context and the app's fonts, for the
/// frame-time and memory rows.
#[cfg(feature = "gui")]
fn headless_app(library: &Path) -> (crate::gui::BriefingApp, egui::Context) {
    let app = crate::gui::BriefingApp::open(library);
    let ctx = egui::Context::default();
    crate::gui::install_fonts(&ctx);
    (app, ctx)
}

/// One frame's input: a 1360 × 860 window.
#[cfg(feature = "gui")]
fn frame_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1360.0, 860.0))),
        ..Default::default()
    }
}

/// The window's responsiveness, headless (egui without a display): the frame time with a
/// library of 5,000 articles, and the time from an analyst's edit to the updated preview.
#[cfg(feature = "gui")]
fn gui_rows(articles: &[Article], budget: Duration) -> Vec<Row> {
    let mut rows = Vec::new();
    let dir = std::env::temp_dir().join(format!("briefing-bench-gui-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("library.sqlite");
    let library: Vec<Article> = (0..5000)
        .map(|i| {
            let a = &articles[i % articles.len()];
            let mut copy = Article::new(format!("copy-{i}.txt"), format!("{}\n\nCopy {i}.", a.text), a.format);
            copy.title = Some(format!("{} ({i})", a.display_title()));
            copy.source = a.source.clone();
            copy.published = a.published;
            copy
        })
        .collect();
    let stored = crate::store::Store::open(&path).and_then(|mut s| s.add(&library)).unwrap_or(0);
    let (mut app, ctx) = headless_app(&path);
    let input = frame_input;
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.show(ui));
    }
    let (n, t) = repeat(budget, || {
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        std::hint::black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
    });
    rows.push(Row {
        what: "window frame, library of 5,000 articles (UI + tessellation)".into(),
        value: t.as_secs_f64() * 1e3 / n as f64,
        unit: "ms",
        detail: format!(
            "{} articles listed (virtualised), whole window, headless, one core",
            app.entries.len().max(stored)
        ),
    });
    // Edit → updated preview of a note of about three pages.
    let picks: Vec<usize> = (0..app.entries.len().min(articles.len())).collect();
    for i in picks {
        app.entries[i].picked = true;
        app.preview_dirty_for_bench();
        app.finish_preview(&ctx);
        if app.rendered().is_some_and(|r| r.document.pages.len() >= 3) {
            break;
        }
    }
    let pages = app.rendered().map_or(0, |r| r.document.pages.len());
    let mut k = 0;
    let (n, t) = repeat(budget, || {
        k += 1;
        app.record_edit(crate::brief::Edit::AddPoint { text: format!("Analyst's point number {k}.") });
        app.finish_preview(&ctx);
    });
    rows.push(Row {
        what: "edit → updated preview".into(),
        value: t.as_secs_f64() * 1e3 / n as f64,
        unit: "ms",
        detail: format!("{pages}-page note, analyses cached, layout on the worker thread"),
    });
    drop(app);
    let _ = std::fs::remove_dir_all(&dir);
    rows
}

/// Writes `n` article files to `folder` (created), distinct texts cycling `articles`; returns
/// their total size in bytes.
pub fn article_folder(folder: &Path, articles: &[Article], n: usize) -> std::io::Result<usize> {
    std::fs::create_dir_all(folder)?;
    let mut bytes = 0;
    for i in 0..n {
        // Distinct texts: the library keeps one copy of identical texts.
        let Some(a) = articles.get(i % articles.len().max(1)) else { break };
        let file = format!("{}\n\nCopy {i}. {}\n", a.display_title(), a.text);
        bytes += file.len();
        std::fs::write(folder.join(format!("article-{i:05}.txt")), file)?;
    }
    Ok(bytes)
}

/// Imports every article file under `folder` into the library at `library` in one
/// transaction, as `briefing import` does; returns how many were new.
pub fn import_folder(folder: &Path, library: &Path) -> Result<usize, crate::store::StoreError> {
    let mut store = crate::store::Store::open(library)?;
    let opts = IngestOptions::default();
    let (files, _) = ingest::collect_files(&[folder.to_path_buf()]);
    let batch: Vec<Article> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok().and_then(|b| ingest::load(&f.to_string_lossy(), &b, &opts).ok()))
        .flatten()
        .collect();
    store.add(&batch)
}

/// This process's peak resident memory so far (`VmHWM`), in MB; `None` without `/proc`.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Peak memory with the library at `library` open: the store's list and edits as the CLI
/// reads them, then (with the `gui` feature) the window's state and a few headless frames.
/// Each row is the process's peak so far, so the later includes the earlier.
pub fn memory(library: &Path) -> Result<Vec<Row>, crate::store::StoreError> {
    let mut rows = Vec::new();
    let start = Instant::now();
    let store = crate::store::Store::open(library)?;
    let entries = store.list()?;
    let _ = store.edits()?;
    let n = entries.len();
    let text_mb = entries.iter().map(|e| e.article.text.len()).sum::<usize>() as f64 / 1e6;
    let t = start.elapsed();
    drop(store);
    if let Some(mb) = peak_rss_mb() {
        rows.push(Row {
            what: format!("peak RSS: open and list a library of {n} articles"),
            value: mb,
            unit: "MB",
            detail: format!("{text_mb:.1} MB of article text, {:.0} ms", t.as_secs_f64() * 1e3),
        });
    }
    drop(entries);
    #[cfg(feature = "gui")]
    {
        let start = Instant::now();
        let (mut app, ctx) = headless_app(library);
        let input = frame_input;
        for _ in 0..3 {
            let out = ctx.run_ui(input(), |ui| app.show(ui));
            std::hint::black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        }
        let t = start.elapsed();
        if let Some(mb) = peak_rss_mb() {
            rows.push(Row {
                what: format!("peak RSS: the window with a library of {n} articles"),
                value: mb,
                unit: "MB",
                detail: format!(
                    "{} listed, 3 headless frames, {:.0} ms to open",
                    app.entries.len(),
                    t.as_secs_f64() * 1e3
                ),
            });
        }
    }
    Ok(rows)
}

/// About ten pages of a realistic note: every article's text under headings, with a table.
pub fn ten_page_markdown(articles: &[Article]) -> String {
    let mut md = String::from(
        "# Benchmark briefing note\n\n| Field | Value |\n|---|---|\n| Classification | OFFICIAL |\n| Date | 26 November 2026 |\n\n",
    );
    let mut i = 0;
    while md.split_whitespace().count() < 4_600 {
        let a = &articles[i % articles.len()];
        md.push_str(&format!("## {}\n\n", brief::escape_markdown(&a.display_title())));
        for p in a.text.split("\n\n") {
            md.push_str(&brief::escape_markdown(p));
            md.push_str("\n\n");
        }
        i += 1;
    }
    md
}

/// The rows as a Markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut s = String::from("| measurement | value | unit | detail |\n|---|---:|---|---|\n");
    for r in rows {
        let v = if r.value >= 1000.0 { format!("{:.0}", r.value) } else { format!("{:.2}", r.value) };
        s.push_str(&format!("| {} | {} | {} | {} |\n", r.what, v, r.unit, r.detail));
    }
    s
}
