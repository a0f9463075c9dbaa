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

fn harness_on(dir: &std::path::Path) -> Harness<'static, BriefingApp> {
    let app = BriefingApp::open(&dir.join("library.sqlite"));
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(briefing::gui::install_fonts)
        .build_ui_state(|ui, app: &mut BriefingApp| app.show(ui), app)
}

#[test]
fn pasted_article_without_a_date_asks_for_one_and_refuses_31_february() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_on(dir.path());
    harness.run();
    let before = harness.state().entries.len();
    harness.get_by_label("New article from clipboard…").click();
    harness.run();
    harness.get_by_label("Article text").click();
    harness.run();
    harness.get_by_label("Article text").type_text(
        "Harbour board sets pilots a deadline\n\nThe harbour board told pilots on Tuesday to accept the new rota by Friday.",
    );
    harness.run();
    harness.get_by_label("Add to library").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.entries.len(), before + 1, "text {:?}, error {:?}", app.paste.text, app.paste.error);
    let added = app.entries.last().map(|e| e.article.clone()).expect("added");
    assert_eq!(added.title.as_deref(), Some("Harbour board sets pilots a deadline"));
    assert_eq!(added.published, None);
    assert!(!app.paste.open, "the dialog closes after adding");
    // The undated article asks for its date; an impossible date is refused by name.
    harness.state_mut().date_drafts.insert(added.id.clone(), "2026-02-31".into());
    harness.run();
    harness.get_by_label("Set date").click();
    harness.run();
    assert!(harness.query_by_label_contains("`2026-02-31` is not a calendar date").is_some());
    assert_eq!(harness.state().entries.last().and_then(|e| e.article.published), None);
    harness.state_mut().date_drafts.insert(added.id.clone(), "2026-11-24".into());
    harness.run();
    harness.get_by_label("Set date").click();
    harness.run();
    assert_eq!(harness.state().entries.last().and_then(|e| e.article.published), Some(jiff::civil::date(2026, 11, 24)));
    // And it is in the library for the next start.
    let again = BriefingApp::open(&dir.path().join("library.sqlite"));
    assert!(again.entries.iter().any(|e| e.article.id == added.id && e.article.published.is_some()));
}

#[test]
fn remove_then_undo_restores_the_article_and_its_pick() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_on(dir.path());
    harness.run();
    let first = harness.state().entries[0].article.display_title();
    harness.get_by_label(&first).click();
    harness.run();
    let n = harness.state().entries.len();
    harness.get_all_by_label("Remove").next().expect("a Remove button").click();
    harness.run();
    assert_eq!(harness.state().entries.len(), n - 1);
    assert!(harness.query_by_label(&first).is_none());
    harness.get_by_label("Undo").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.entries.len(), n);
    assert!(app.entries.iter().any(|e| e.picked && e.article.display_title() == first), "pick restored");
}

#[test]
fn importing_a_folder_adds_feeds_and_mails_and_names_the_bad_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_on(dir.path());
    harness.run();
    let before = harness.state().entries.len();
    let ctx = harness.ctx.clone();
    let fixtures = crate::util::root().join("tests/data/ingest");
    harness.state_mut().import_paths(&[fixtures], &ctx);
    harness.state_mut().finish_import();
    harness.run();
    let app = harness.state();
    assert!(app.entries.len() >= before + 5, "{} → {}", before, app.entries.len());
    assert!(app.entries.iter().any(|e| e.article.file.ends_with("feed-rss2.xml#2")));
    assert!(app.messages.iter().any(|m| m.contains("empty.txt") && m.contains("file is empty")), "{:?}", app.messages);
    assert!(app.notice.as_deref().is_some_and(|n| n.starts_with("Imported ")));
    // Search and the picked-only filter narrow the list.
    harness.state_mut().search = "dockers".into();
    harness.run();
    assert!(harness.query_by_label("Council passes 2027 budget").is_none());
    assert!(harness.query_all_by_label_contains("Dockers end nine-day strike").next().is_some());
}
