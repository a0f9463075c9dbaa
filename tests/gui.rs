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
    settle(&mut harness);
    harness.get_by_label(&title).click();
    settle(&mut harness);
    harness.get_by_label("Export PDF").click();
    wait_for_export(&mut harness);
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

/// Steps the UI until the export worker reports back (at most about 12 s).
fn wait_for_export(harness: &mut Harness<'static, BriefingApp>) {
    for _ in 0..600 {
        harness.step();
        if !matches!(harness.state().export, ExportState::Running(_)) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Steps the UI, letting the preview worker finish so no spinner keeps it repainting.
fn settle(harness: &mut Harness<'static, BriefingApp>) {
    let ctx = harness.ctx.clone();
    for _ in 0..20 {
        harness.step();
        harness.state_mut().finish_preview(&ctx);
        if !harness.state().preview_pending() {
            break;
        }
    }
    harness.run();
}

fn harness_on(dir: &std::path::Path) -> Harness<'static, BriefingApp> {
    let app = BriefingApp::open(&dir.join("library.sqlite"));
    // Tall enough that the analysis tables fit without scrolling (clipped widgets take no clicks).
    Harness::builder()
        .with_size(egui::vec2(1400.0, 1600.0))
        .with_context_setup(briefing::gui::install_fonts)
        .build_ui_state(|ui, app: &mut BriefingApp| app.show(ui), app)
}

#[test]
fn pasted_article_without_a_date_asks_for_one_and_refuses_31_february() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_on(dir.path());
    settle(&mut harness);
    let before = harness.state().entries.len();
    harness.get_by_label("New article from clipboard…").click();
    settle(&mut harness);
    harness.get_by_label("Article text").click();
    settle(&mut harness);
    harness.get_by_label("Article text").type_text(
        "Harbour board sets pilots a deadline\n\nThe harbour board told pilots on Tuesday to accept the new rota by Friday.",
    );
    settle(&mut harness);
    harness.get_by_label("Add to library").click();
    settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.entries.len(), before + 1, "text {:?}, error {:?}", app.paste.text, app.paste.error);
    let added = app.entries.last().map(|e| e.article.clone()).expect("added");
    assert_eq!(added.title.as_deref(), Some("Harbour board sets pilots a deadline"));
    assert_eq!(added.published, None);
    assert!(!app.paste.open, "the dialog closes after adding");
    // The undated article asks for its date; an impossible date is refused by name.
    harness.state_mut().date_drafts.insert(added.id.clone(), "2026-02-31".into());
    settle(&mut harness);
    harness.get_by_label("Set date").click();
    settle(&mut harness);
    assert!(harness.query_by_label_contains("`2026-02-31` is not a calendar date").is_some());
    assert_eq!(harness.state().entries.last().and_then(|e| e.article.published), None);
    harness.state_mut().date_drafts.insert(added.id.clone(), "2026-11-24".into());
    settle(&mut harness);
    harness.get_by_label("Set date").click();
    settle(&mut harness);
    assert_eq!(harness.state().entries.last().and_then(|e| e.article.published), Some(jiff::civil::date(2026, 11, 24)));
    // And it is in the library for the next start.
    let again = BriefingApp::open(&dir.path().join("library.sqlite"));
    assert!(again.entries.iter().any(|e| e.article.id == added.id && e.article.published.is_some()));
}

#[test]
fn remove_then_undo_restores_the_article_and_its_pick() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_on(dir.path());
    settle(&mut harness);
    let first = harness.state().entries[0].article.display_title();
    harness.get_by_label(&first).click();
    settle(&mut harness);
    let n = harness.state().entries.len();
    harness.get_all_by_label("Remove").next().expect("a Remove button").click();
    settle(&mut harness);
    assert_eq!(harness.state().entries.len(), n - 1);
    assert!(harness.query_by_label(&first).is_none());
    harness.get_by_label("Undo").click();
    settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.entries.len(), n);
    assert!(app.entries.iter().any(|e| e.picked && e.article.display_title() == first), "pick restored");
}

#[test]
fn importing_a_folder_adds_feeds_and_mails_and_names_the_bad_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_on(dir.path());
    settle(&mut harness);
    let before = harness.state().entries.len();
    let ctx = harness.ctx.clone();
    let fixtures = crate::util::root().join("tests/data/ingest");
    harness.state_mut().import_paths(&[fixtures], &ctx);
    harness.state_mut().finish_import();
    settle(&mut harness);
    let app = harness.state();
    assert!(app.entries.len() >= before + 5, "{} → {}", before, app.entries.len());
    assert!(app.entries.iter().any(|e| e.article.file.ends_with("feed-rss2.xml#2")));
    assert!(app.messages.iter().any(|m| m.contains("empty.txt") && m.contains("file is empty")), "{:?}", app.messages);
    assert!(app.notice.as_deref().is_some_and(|n| n.starts_with("Imported ")));
    // Search and the picked-only filter narrow the list.
    harness.state_mut().search = "dockers".into();
    settle(&mut harness);
    assert!(harness.query_by_label("Council passes 2027 budget").is_none());
    assert!(harness.query_all_by_label_contains("Dockers end nine-day strike").next().is_some());
}

/// The analyst's path of issue #8: import, tick two articles, correct the analysis, choose
/// a template and marking, export; the PDF and a second app instance show the corrections.
#[test]
fn analyst_corrects_the_analysis_and_the_pdf_and_the_next_start_show_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_on(dir.path());
    settle(&mut harness);
    let ctx = harness.ctx.clone();
    let fixtures = crate::util::root().join("tests/data/ingest");
    harness.state_mut().import_paths(&[fixtures.join("alert-multipart.eml"), fixtures.join("feed-atom.atom")], &ctx);
    harness.state_mut().finish_import();
    settle(&mut harness);
    for title in [
        "Rail operators told to file winter plans — deadline 2 December",
        "Regulator gives lenders until 4 January to fix complaint handling",
    ] {
        harness.get_by_label(title).click();
        settle(&mut harness);
    }
    harness.get_by_label("Analysis").click();
    settle(&mut harness);
    harness.state_mut().finish_preview(&ctx);
    settle(&mut harness);
    let briefing = harness.state().rendered().expect("the analysis is ready").briefing.clone();
    assert!(briefing.actors.iter().any(|a| a.name == "Élodie Marchand"), "{:?}", briefing.actors);
    assert!(briefing.deadlines.len() >= 2, "{:?}", briefing.deadlines);

    // Rename an actor through its editor.
    harness.get_by_label("Élodie Marchand").click();
    settle(&mut harness);
    harness.get_by_label("Name in the note").click();
    settle(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Name in the note").type_text("Minister Élodie Marchand-Vasseur");
    settle(&mut harness);
    harness.get_by_label("Save name and role").click();
    settle(&mut harness);
    // Exclude the first deadline (the deadlines table comes before the key points).
    let excluded = briefing.deadlines[0].clone();
    harness.get_all_by_label("Exclude").next().expect("an Exclude button").click();
    settle(&mut harness);
    // Template and marking.
    harness.get_by_label("Template").click();
    settle(&mut harness);
    harness.get_by_label("situation-brief").click();
    settle(&mut harness);
    harness.get_by_label("Classification").click();
    settle(&mut harness);
    harness.get_by_label("Classification").type_text("PROTECTED B");
    settle(&mut harness);
    let out = dir.path().join("analyst.pdf");
    harness.state_mut().output_path = out.display().to_string();
    harness.state_mut().finish_preview(&ctx);
    settle(&mut harness);
    let b = harness.state().rendered().expect("briefing").briefing.clone();
    assert!(b.actors.iter().any(|a| a.name == "Minister Élodie Marchand-Vasseur"), "{:?}", b.actors);
    assert!(
        !b.deadlines.iter().any(|d| d.date == excluded.date && d.what == excluded.what),
        "{:?}\n{:?}",
        b.deadlines,
        harness.state().edits
    );
    harness.get_by_label("Export PDF").click();
    wait_for_export(&mut harness);
    assert!(matches!(&harness.state().export, ExportState::Done(p) if p == &out), "{:?}", harness.state().export);
    let text = crate::util::pdf_text(&std::fs::read(&out).expect("pdf written"));
    assert!(crate::util::contains_squashed(&text, "Minister Élodie Marchand-Vasseur"), "renamed actor missing");
    assert!(text.contains("PROTECTED B"), "classification missing");
    assert!(
        !crate::util::contains_squashed(&text, &excluded.date_long),
        "excluded deadline {} still in the PDF",
        excluded.date_long
    );
    // Undo and redo of the last edit.
    let n = harness.state().edits.len();
    harness.state_mut().undo_edit();
    assert_eq!(harness.state().edits.len(), n - 1);
    harness.state_mut().redo_edit();
    assert_eq!(harness.state().edits.len(), n);
    // A second instance on the same library applies the same edits.
    let again = BriefingApp::open(&dir.path().join("library.sqlite"));
    assert_eq!(again.edits, harness.state().edits);
}

#[test]
fn the_layout_is_stable_from_frame_to_frame() {
    // A widget sized from its side panel's width once made the panel grow every frame.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_on(dir.path());
    settle(&mut harness);
    let before = harness.get_by_label("Export PDF").rect();
    for _ in 0..30 {
        harness.step();
    }
    assert_eq!(harness.get_by_label("Export PDF").rect(), before);
}

#[test]
fn preview_zooms_and_fits_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_on(dir.path());
    settle(&mut harness);
    let first = harness.state().entries[0].article.display_title();
    harness.get_by_label(&first).click();
    settle(&mut harness);
    assert!(harness.state().rendered().is_some());
    harness.get_by_label("+").click();
    settle(&mut harness);
    assert!((harness.state().preview_zoom - 1.25).abs() < 1e-3);
    harness.get_by_label("Fit width").click();
    settle(&mut harness);
    assert_eq!(harness.state().preview_zoom, 1.0);
}

#[test]
fn a_long_note_is_fitted_to_its_page_limit_and_the_analyst_can_keep_it_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_on(dir.path());
    settle(&mut harness);
    // All seven samples in the ministerial note (2 pages at most) run to 3 pages in full.
    let titles: Vec<String> = harness.state().entries.iter().map(|e| e.article.display_title()).collect();
    for t in &titles {
        harness.get_by_label(t).click();
        settle(&mut harness);
    }
    assert_eq!(harness.state().template_name().as_deref(), Some("ministerial-note"));
    let fitted = harness.state().rendered().map(|r| (r.document.pages.len(), r.shortened.clone()));
    let Some((2, Some(cut))) = fitted else { panic!("not fitted to 2 pages: {fitted:?}") };
    assert!(cut.full_pages > 2);
    // The preview says what was left out.
    let said = cut.to_string();
    let shown = format!("{}{}", said[..1].to_uppercase(), &said[1..]);
    harness.get_by_label(&shown);
    // Unticking "Fit to 2 pages" keeps everything.
    harness.get_by_label("Fit to 2 pages (the template's limit)").click();
    settle(&mut harness);
    assert!(harness.state().full_length);
    let whole = harness.state().rendered().map(|r| (r.document.pages.len(), r.shortened.is_none()));
    assert_eq!(whole, Some((cut.full_pages, true)));
}
