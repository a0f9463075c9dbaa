//! Criterion benchmarks of each stage on the bundled samples, through the same functions as
//! `briefing bench`: ingest (MB/s), the language backbone stage by stage (tokeniser, tagger,
//! parser, recogniser; words/s), analysis (words/s: actors, times, the whole article with
//! key points), the merge of 50 articles, layout and PDF of a 10-page note, and the import of
//! 1,000 article files into a fresh library. Run with
//! `cargo bench --manifest-path benches/Cargo.toml` (a package of its own, so criterion stays
//! out of the main build).

use std::hint::black_box;

use briefing::analyze::{self, AnalyzeOptions};
use briefing::bench;
use briefing::brief::{self, BriefingMeta, Template};
use briefing::ingest::{self, Article, IngestOptions};
use briefing::layout::{self, Style};
use briefing::pdf::{self, PdfOptions};
use briefing::samples::SAMPLES;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

fn articles() -> Vec<Article> {
    let (articles, errors) = briefing::samples::load();
    assert!(errors.is_empty(), "the samples read: {errors:?}");
    articles
}

fn words(articles: &[Article]) -> u64 {
    articles.iter().map(|a| a.text.split_whitespace().count() as u64).sum()
}

fn ingest_bench(c: &mut Criterion) {
    let opts = IngestOptions::default();
    let mut g = c.benchmark_group("ingest");
    for (kind, exts) in [("html", &["html"][..]), ("text and markdown", &["txt", "md"][..])] {
        let inputs: Vec<&(&str, &[u8])> =
            SAMPLES.iter().filter(|(n, _)| exts.iter().any(|e| n.ends_with(&format!(".{e}")))).collect();
        g.throughput(Throughput::Bytes(inputs.iter().map(|(_, b)| b.len() as u64).sum()));
        g.bench_function(kind, |b| {
            b.iter(|| {
                for (name, bytes) in &inputs {
                    black_box(ingest::load(name, bytes, &opts).ok());
                }
            })
        });
    }
    g.finish();
}

fn analyze_bench(c: &mut Criterion) {
    let articles = articles();
    let opts = AnalyzeOptions::default();
    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::Elements(words(&articles)));
    g.bench_function("actors", |b| {
        b.iter(|| articles.iter().map(|a| analyze::actor_pass(black_box(&a.text))).sum::<usize>())
    });
    g.bench_function("times", |b| {
        b.iter(|| articles.iter().map(|a| analyze::time_pass(black_box(&a.text), a.published)).sum::<usize>())
    });
    g.bench_function("whole article with key points", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(analyze::analyze(black_box(a), a.published, &opts));
            }
        })
    });
    g.finish();
}

/// The language backbone stage by stage, each on the output of the one before: tokeniser
/// and sentences, joint tagger, parser (beam), recogniser (gazetteer marks included).
fn nlp_bench(c: &mut Criterion) {
    use briefing::nlp::{self, Lex, tokenize};
    let articles = articles();
    let models = nlp::models();
    let mut g = c.benchmark_group("nlp");
    g.throughput(Throughput::Elements(words(&articles)));
    g.bench_function("tokeniser and sentences", |b| {
        b.iter(|| {
            for a in &articles {
                let tokens = tokenize::tokenize(black_box(&a.text));
                black_box(tokenize::sentences(&a.text, &tokens));
            }
        })
    });
    let prepared: Vec<_> = articles
        .iter()
        .map(|a| {
            let tokens = tokenize::tokenize(&a.text);
            let sentences = tokenize::sentences(&a.text, &tokens);
            let lex: Vec<Lex> = tokens.iter().map(|t| Lex::of(t, &a.text)).collect();
            let tags: Vec<Vec<u16>> = sentences.iter().map(|r| models.tagger.tag(&lex[r.clone()])).collect();
            let upos: Vec<Vec<u16>> = sentences.iter().map(|r| models.upos.tag(&lex[r.clone()])).collect();
            (a, tokens, sentences, lex, tags, upos)
        })
        .collect();
    g.bench_function("tagger", |b| {
        b.iter(|| {
            for (_, _, sentences, lex, _, _) in &prepared {
                for r in sentences {
                    black_box(models.tagger.tag(&lex[r.clone()]));
                }
            }
        })
    });
    g.bench_function("parser", |b| {
        b.iter(|| {
            for (_, _, sentences, lex, tags, upos) in &prepared {
                for ((r, tags), upos) in sentences.iter().zip(tags).zip(upos) {
                    black_box(models.parser().parse(&models.parser_words(&lex[r.clone()], tags, upos)));
                }
            }
        })
    });
    g.bench_function("recogniser", |b| {
        b.iter(|| {
            for (a, tokens, sentences, lex, tags, _) in &prepared {
                let flat: Vec<u16> = tags.concat();
                let ctx = nlp::contexts(&a.text, tokens, sentences, &flat, |c| models.tagger.tag_hash(c));
                black_box(models.recogniser.recognise(lex, &ctx, sentences));
            }
        })
    });
    g.finish();
}

fn merge_bench(c: &mut Criterion) {
    let fifty: Vec<Article> = articles().into_iter().cycle().take(50).collect();
    let opts = AnalyzeOptions::default();
    let analyses: Vec<_> = fifty.iter().map(|a| analyze::analyze(a, a.published, &opts)).collect();
    let template = Template::built_in().into_iter().next().expect("a built-in template");
    let today = jiff::civil::date(2026, 11, 26);
    c.bench_function("brief/merge 50 articles + model", |b| {
        b.iter(|| {
            let merged = analyze::merge(black_box(&analyses), 7);
            brief::build(&merged, &fifty, &BriefingMeta::default(), &template, today, &[])
        })
    });
}

fn layout_pdf_bench(c: &mut Criterion) {
    let md = bench::ten_page_markdown(&articles());
    let template = Template::built_in().into_iter().next().expect("a built-in template");
    let style = Style::for_template(&template, "OFFICIAL", "Benchmark note");
    let mut g = c.benchmark_group("layout");
    g.sample_size(20);
    g.bench_function("10-page note: Markdown → pages", |b| b.iter(|| layout::layout(black_box(&md), &style, "B")));
    g.bench_function("10-page note: Markdown → PDF bytes", |b| {
        b.iter(|| pdf::write(&layout::layout(black_box(&md), &style, "B"), &PdfOptions::default()).map(|p| p.len()))
    });
    g.finish();
}

fn import_bench(c: &mut Criterion) {
    let articles = articles();
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("articles");
    let bytes = bench::article_folder(&folder, &articles, 1000).expect("write the article files");
    let mut g = c.benchmark_group("store");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    let mut round = 0;
    g.bench_function("import 1,000 article files into a fresh library", |b| {
        b.iter_batched(
            || {
                round += 1;
                dir.path().join(format!("library-{round}.sqlite"))
            },
            |library| {
                let n = bench::import_folder(&folder, &library).expect("import");
                assert_eq!(n, 1000);
                library
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, ingest_bench, nlp_bench, analyze_bench, merge_bench, layout_pdf_bench, import_bench);
criterion_main!(benches);
