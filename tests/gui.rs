//! The desktop app driven headless through egui_kittest: tick a sample, export the PDF.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use briefing::gui::{BriefingApp, ExportState};

#[test]
fn tick_a_sample_and_export_the_pdf() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = BriefingApp::open(&dir.path().join("library.sqlite"));
    assert!(app.entries.len() >= 6, "the samples seed a new library");
    let out = dir.path().join("export.pdf");
    app.output_path = out.display().to_string();
    let title = app.entries[0].article.display_title();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(briefing::gui::install_fonts)
        .build_ui_state(|ui, app: &mut BriefingApp| app.show(ui), app);
    harness.run();
    harness.get_by_label(&title).click();
    harness.run();
    harness.get_by_label("Export PDF").click();
    // The export runs on a worker thread: step until it reports back.
    for _ in 0..600 {
        harness.step();
        if !matches!(harness.state().export, ExportState::Running(_)) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    match &harness.state().export {
        ExportState::Done(p) => assert_eq!(p, &out),
        other => panic!("export did not finish: {other:?}"),
    }
    let bytes = std::fs::read(&out).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(crate::util::pdf_pages(&bytes) >= 1);
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("pdf reads back");
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squash(&text).contains(&squash(&title)), "{title:?} not in the PDF");
    // The pick was stored: a second app on the same library sees it.
    let again = BriefingApp::open(&dir.path().join("library.sqlite"));
    assert!(again.entries.iter().any(|e| e.picked && e.article.display_title() == title));
}
