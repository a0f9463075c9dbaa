//! Fuzz target: `ingest::load` on arbitrary bytes under every file name and content prefix the
//! format detectors look at (text, Markdown, HTML, RSS, Atom, e-mail, gzip), cleaned and
//! verbatim, so each detector and reader, the HTML main-content extractor among them, gets
//! arbitrary input. The first byte picks the name, the prefix and the mode; `fuzz/run.sh`
//! seeds the corpus with the samples behind a first byte matching their format.

#![no_main]

use briefing::ingest::{self, IngestOptions};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &["a.txt", "a.md", "a.html", "a.xml", "a.atom", "a.eml", "a.html.gz", "pasted"];

const PREFIXES: &[&[u8]] = &[
    b"",
    b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><item><title>",
    b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>",
    b"From: desk@example.org\r\nSubject: Alert\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n",
    b"<!doctype html><html><head><title>",
    b"# ",
];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let name = NAMES[usize::from(mode & 7)];
    let prefix = PREFIXES[usize::from((mode >> 3) & 0x0f) % PREFIXES.len()];
    let opts = IngestOptions { verbatim: mode & 0x80 != 0, published: None };
    let mut bytes = prefix.to_vec();
    bytes.extend_from_slice(rest);
    if let Ok(articles) = ingest::load(name, &bytes, &opts) {
        assert!(!articles.is_empty(), "Ok with no article");
        for a in &articles {
            assert!(!a.text.trim().is_empty(), "an article with no text");
            assert_eq!(a.id, ingest::content_id(&a.text), "the id is the hash of the text");
        }
    }
    // The decoder and the linear HTML-fragment converter on their own.
    if let Ok(text) = ingest::decode(rest) {
        let _ = ingest::fragment::to_text(&text);
        let _ = ingest::fragment::decode_entities(&text);
    }
});
