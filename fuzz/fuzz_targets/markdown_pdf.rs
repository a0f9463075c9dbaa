//! Fuzz target: arbitrary Markdown → layout → PDF bytes, in each built-in template's style.
//! Any Markdown must give a PDF.

#![no_main]

use briefing::brief::Template;
use briefing::layout::{self, Style};
use briefing::pdf::{self, PdfOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let markdown = String::from_utf8_lossy(data);
    let templates = Template::built_in();
    // The style from the length, so the raw samples seed the corpus as they are.
    let template = &templates[data.len() % templates.len()];
    let style = Style::for_template(template, "OFFICIAL", "Fuzz note · 2026/11");
    let doc = layout::layout(&markdown, &style, "Fuzz note");
    if let Err(e) = pdf::write(&doc, &PdfOptions::default()) {
        panic!("PDF export failed: {e}");
    }
});
