//! Fuzz target: the analysis of arbitrary text (sentences, actors, times, deadlines, quotes,
//! key points) and the merge of two analyses. Every span must lie inside the text.

#![no_main]

use briefing::analyze::{self, AnalyzeOptions};
use briefing::ingest::{Article, Format};
use jiff::civil::{Date, date};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    // The reference date from the length, so the raw samples seed the corpus as they are.
    let references: [Option<Date>; 4] =
        [None, Some(date(2026, 11, 26)), Some(date(2013, 2, 12)), Some(date(1999, 12, 31))];
    let reference = references[data.len() % references.len()];
    let mut article = Article::new("fuzz.txt", text, Format::Text);
    article.title = article.text.lines().next().map(str::to_string);
    let an = analyze::analyze(&article, reference, &AnalyzeOptions::default());
    let chars = article.text.chars().count();
    for t in &an.times {
        assert!(t.start <= t.end && t.end <= chars, "time {t:?} outside {chars} chars");
    }
    for s in &an.sentences {
        assert!(s.start <= s.end && s.end <= chars, "sentence {s:?} outside {chars} chars");
    }
    for a in &an.actors {
        for m in &a.mentions {
            assert!(m.start <= m.end && m.end <= chars, "mention {m:?} of {:?} outside {chars} chars", a.name);
        }
    }
    for k in &an.key_points {
        assert!(k.source.end <= chars, "key point {:?} outside {chars} chars", k.source);
    }
    let other = analyze::analyze(&article, Some(date(2026, 1, 1)), &AnalyzeOptions::default());
    let _ = analyze::merge(&[an, other], 7);
});
