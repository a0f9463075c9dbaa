//! Hostile and mangled input through the whole pipeline: no panics, bounded work. Inputs are
//! the bundled samples cut, spliced and sprinkled with the characters the analysis slices
//! around (quotes, dashes, multi-byte letters), from a fixed seed so failures reproduce.

use briefing::analyze::{AnalyzeOptions, analyze};
use briefing::brief::{BriefingMeta, Template};
use briefing::ingest::{self, IngestOptions};

use crate::util::Rng;

const SPICE: &[&str] = &[
    "“",
    "”",
    "\"",
    "'",
    "’",
    "—",
    "–",
    " - ",
    "(",
    ")",
    ",",
    ".",
    "\n\n",
    "é",
    "Ж",
    "🙂",
    "U.S.",
    "Mr.",
    " by ",
    " until ",
    " within 3 days",
    " deadline ",
    "Friday",
    "31 February",
    " the end of the ",
    "said",
    "11.59pm",
    "5 p.m.",
    "A",
    "",
];

fn mangle(rng: &mut Rng, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match rng.below(40) {
            0 => out.push_str(SPICE[rng.below(SPICE.len())]),
            1 => i += rng.below(30),
            _ => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

#[test]
fn mangled_articles_never_panic_anywhere_in_the_pipeline() {
    let (samples, _) = briefing::samples::load();
    let template = Template::built_in().into_iter().next().expect("a built-in template");
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let today = jiff::civil::date(2026, 11, 26);
    for round in 0..120 {
        let a = &samples[round % samples.len()];
        let text = mangle(&mut rng, &a.text);
        let Some(article) =
            ingest::load("mangled.txt", text.as_bytes(), &IngestOptions::default()).ok().and_then(|mut v| v.pop())
        else {
            continue;
        };
        let an = analyze(&article, Some(today), &AnalyzeOptions::default());
        for t in &an.times {
            assert!(t.start <= t.end && t.end <= article.text.chars().count());
        }
        if round % 10 == 0 {
            let r =
                briefing::pipeline::compose(&[article], &[an], &BriefingMeta::default(), &template, today, &[], true);
            assert!(r.is_ok(), "round {round}: {:?}", r.err());
        }
    }
}

#[test]
fn pathological_shapes_end_cleanly() {
    let opts = IngestOptions::default();
    let today = Some(jiff::civil::date(2026, 11, 26));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.txt", Vec::new()),
        ("spaces.txt", b"   \n\n\t ".to_vec()),
        ("nul.txt", vec![0u8; 4096]),
        ("one-long-word.txt", "x".repeat(200_000).into_bytes()),
        ("one-long-line.txt", "The minister said on Friday that talks would end. ".repeat(4_000).into_bytes()),
        ("quotes.txt", "“".repeat(5000).into_bytes()),
        ("caps.txt", "UNITED NATIONS SECURITY COUNCIL ".repeat(3000).into_bytes()),
        ("broken.html", b"<html><head><title>x</title></head><body><div><p>Unclosed <b>tags <i>every".to_vec()),
        (
            "nested.html",
            format!("<html><body>{}<p>Deep text here for the body.</p></body></html>", "<div>".repeat(5_000))
                .into_bytes(),
        ),
        (
            "nested-100k.html",
            format!("<html><body>{}<p>Deep text here for the body.</p></body></html>", "<div>".repeat(100_000))
                .into_bytes(),
        ),
        ("unclosed-200k.html", "<span><b>word ".repeat(100_000).into_bytes()),
        ("latin1.txt", b"Caf\xe9 owner Jos\xe9 said on Monday the deadline was Friday.".to_vec()),
    ];
    for (name, bytes) in cases {
        for a in ingest::load(name, &bytes, &opts).unwrap_or_default() {
            let _ = analyze(&a, today, &AnalyzeOptions::default());
        }
    }
}
