//! The app: library panel (left), briefing panel (right), and in the centre the live page
//! preview, the article view and the analysis view as tabs. Edits go to the library store at
//! once (with undo/redo); analysis, preview layout, import and export run on worker threads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

use egui::{FontData, FontDefinitions, FontFamily, RichText};

use super::dialogs::{DialogKind, open_with_desktop};
use super::library::{ImportJob, PasteDraft, SortBy};
use crate::analyze::ArticleAnalysis;
use crate::brief::{BriefingMeta, Edit, Template};
use crate::ingest::Article;
use crate::layout::{FACES, FontKey};
use crate::pipeline::{self, Rendered};
use crate::store::{LibraryEntry, Store};

/// Where the PDF export stands.
#[derive(Debug)]
pub enum ExportState {
    /// Nothing running.
    Idle,
    /// A worker is writing the PDF.
    Running(Receiver<Result<PathBuf, String>>),
    /// The last export wrote this file.
    Done(PathBuf),
    /// The last export failed.
    Failed(String),
}

/// The centre panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// The note's laid-out pages.
    #[default]
    Preview,
    /// One article's text with what was found highlighted.
    Article,
    /// Actors, deadlines, key points and quotes of the picked articles, editable.
    Analysis,
}

/// What a preview worker sends back.
pub(super) struct PreviewResult {
    rendered: Result<Rendered, String>,
    analyses: Vec<ArticleAnalysis>,
}

/// The desktop app's state.
pub struct BriefingApp {
    pub(super) store: Option<Store>,
    /// Library entries in the order they were added.
    pub entries: Vec<LibraryEntry>,
    pub(super) analyses: HashMap<String, ArticleAnalysis>,
    templates: Vec<Template>,
    template_idx: usize,
    /// The note's fields.
    pub meta: BriefingMeta,
    note_date: String,
    /// The analyst's edits from the library, applied to every preview and export.
    pub edits: Vec<Edit>,
    /// Where "Export PDF" writes.
    pub output_path: String,
    preview: Option<Rendered>,
    preview_error: Option<String>,
    pub(super) preview_dirty: bool,
    preview_page: usize,
    /// The export's progress.
    pub export: ExportState,
    /// Messages for the analyst (errors and notices), newest last.
    pub messages: Vec<String>,
    /// The library search box.
    pub search: String,
    pub(super) focus_search: bool,
    pub(super) sort: SortBy,
    pub(super) picked_only: bool,
    /// The import worker, while it reads files.
    pub import: Option<ImportJob>,
    /// The last notice ("Imported 3 articles", "Removed …").
    pub notice: Option<String>,
    /// Removed articles, newest last, for undo.
    pub removed: Vec<LibraryEntry>,
    /// The "New article from clipboard" dialog.
    pub paste: PasteDraft,
    /// Dates being typed for undated articles (article id → text).
    pub date_drafts: HashMap<String, String>,
    pub(super) date_errors: HashMap<String, String>,
    /// The centre tab showing.
    pub tab: Tab,
    /// The article the Article tab shows (id), and a character offset to scroll to.
    pub article_view: Option<String>,
    pub(super) scroll_to: Option<usize>,
    pub(super) preview_job: Option<Receiver<PreviewResult>>,
    /// Sequence numbers of `edits` in the store, in the same order (for undo).
    pub(super) edit_seqs: Vec<i64>,
    /// Undone edits, most recent last (for redo).
    pub(super) redo: Vec<Edit>,
    pub(super) analysis_ui: super::analysis::AnalysisUi,
    pub(super) dialog: Option<(DialogKind, super::dialogs::DialogReply)>,
    pending_import: Vec<PathBuf>,
    /// Preview zoom: 1.0 fits the page to the panel's width.
    pub preview_zoom: f32,
    /// Keep the whole note even past the template's page limit (otherwise the lowest-ranked
    /// items are left out to fit; the preview says which).
    pub full_length: bool,
    /// When the process started the window (cleared after the first frame).
    pub started: Option<std::time::Instant>,
}

/// Registers the bundled Noto faces with egui (names match [`super::preview::family_name`])
/// and as fallbacks for the UI font, so names in any of their scripts render.
pub fn install_fonts(ctx: &egui::Context) {
    let mut defs = FontDefinitions::default();
    for key in FontKey::all() {
        let name = super::preview::family_name(key);
        defs.font_data.insert(name.clone(), std::sync::Arc::new(FontData::from_static(FACES[key.index()])));
        defs.families.insert(FontFamily::Name(name.clone().into()), vec![name]);
    }
    for fam in [FontFamily::Proportional, FontFamily::Monospace] {
        if let Some(list) = defs.families.get_mut(&fam) {
            list.push("sans".into());
        }
    }
    ctx.set_fonts(defs);
}

impl BriefingApp {
    /// Opens the library at `store_path`; a new library is seeded with the bundled samples.
    pub fn open(store_path: &Path) -> Self {
        let mut app = BriefingApp {
            store: None,
            entries: Vec::new(),
            analyses: HashMap::new(),
            templates: Template::all(Some(&crate::cli::templates_dir())).0,
            template_idx: 0,
            meta: BriefingMeta::default(),
            note_date: jiff::Zoned::now().date().to_string(),
            edits: Vec::new(),
            output_path: default_output(store_path),
            preview: None,
            preview_error: None,
            preview_dirty: true,
            preview_page: 0,
            export: ExportState::Idle,
            messages: Vec::new(),
            search: String::new(),
            focus_search: false,
            sort: SortBy::default(),
            picked_only: false,
            import: None,
            notice: None,
            removed: Vec::new(),
            paste: PasteDraft::default(),
            date_drafts: HashMap::new(),
            date_errors: HashMap::new(),
            tab: Tab::default(),
            article_view: None,
            scroll_to: None,
            preview_job: None,
            edit_seqs: Vec::new(),
            redo: Vec::new(),
            analysis_ui: Default::default(),
            dialog: None,
            pending_import: Vec::new(),
            started: None,
            preview_zoom: 1.0,
            full_length: false,
        };
        match Store::open(store_path) {
            Ok(mut store) => {
                match store.seed_samples() {
                    Ok(problems) => app.messages.extend(problems),
                    Err(e) => app.messages.push(e.to_string()),
                }
                match store.list() {
                    Ok(entries) => app.entries = entries,
                    Err(e) => app.messages.push(e.to_string()),
                }
                match store.edits() {
                    Ok((edits, unreadable)) => {
                        app.edit_seqs = edits.iter().map(|(s, _)| *s).collect();
                        app.edits = edits.into_iter().map(|(_, e)| e).collect();
                        if unreadable > 0 {
                            app.messages.push(format!(
                                "{unreadable} edit(s) were written by a newer version and are not applied"
                            ));
                        }
                    }
                    Err(e) => app.messages.push(e.to_string()),
                }
                app.store = Some(store);
            }
            Err(e) => app.messages.push(format!("{e}. The library is not available; nothing was changed.")),
        }
        if let Some(i) = app.templates.iter().position(|t| t.name == crate::brief::DEFAULT_TEMPLATE) {
            app.template_idx = i;
        }
        app
    }

    pub(super) fn picked(&self) -> Vec<&Article> {
        self.entries.iter().filter(|e| e.picked).map(|e| &e.article).collect()
    }

    pub(super) fn set_picked(&mut self, idx: usize, picked: bool) {
        let Some(e) = self.entries.get_mut(idx) else {
            return;
        };
        e.picked = picked;
        if let Some(store) = &self.store
            && let Err(err) = store.set_picked(&e.article.id, picked)
        {
            self.messages.push(err.to_string());
        }
        self.preview_dirty = true;
    }

    pub(super) fn template(&self) -> Option<&Template> {
        self.templates.get(self.template_idx)
    }

    /// The chosen template's name.
    pub fn template_name(&self) -> Option<String> {
        self.template().map(|t| t.name.clone())
    }

    /// The note's date (today when the field does not hold a date).
    pub(super) fn today(&self) -> jiff::civil::Date {
        self.note_date.parse().unwrap_or_else(|_| jiff::Zoned::now().date())
    }

    /// The analysis of an article, computed now if it is not cached (the Article tab uses it).
    pub(super) fn analysis_for(&mut self, a: &Article) -> ArticleAnalysis {
        if let Some(an) = self.analyses.get(&a.id) {
            return an.clone();
        }
        // An undated article is read without a date (its deadlines wait on the analyst's).
        let an = pipeline::analyze_all(std::slice::from_ref(a), None).remove(0);
        self.analyses.insert(a.id.clone(), an.clone());
        an
    }

    /// Starts laying out the preview on a worker thread (analysing the articles not analysed
    /// yet). While one runs, a newer request waits for it and then starts.
    pub(super) fn refresh_preview(&mut self, ctx: &egui::Context) {
        if self.preview_job.is_some() {
            return;
        }
        self.preview_dirty = false;
        let picked: Vec<Article> = self.picked().into_iter().cloned().collect();
        if picked.is_empty() {
            self.preview = None;
            self.preview_error = None;
            return;
        }
        let Some(template) = self.template().cloned() else {
            return;
        };
        let cached: Vec<Option<ArticleAnalysis>> = picked.iter().map(|a| self.analyses.get(&a.id).cloned()).collect();
        let today = self.today();
        let mut meta = self.meta.clone();
        meta.date = Some(today);
        let edits = self.edits.clone();
        let fit = !self.full_length;
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let work = move || {
            let result = std::panic::catch_unwind(move || {
                let analyses: Vec<ArticleAnalysis> = picked
                    .iter()
                    .zip(cached)
                    .map(|(a, c)| c.unwrap_or_else(|| pipeline::analyze_all(std::slice::from_ref(a), None).remove(0)))
                    .collect();
                let rendered = pipeline::compose(&picked, &analyses, &meta, &template, today, &edits, fit)
                    .map_err(|e| e.to_string());
                PreviewResult { rendered, analyses }
            });
            let result = result.unwrap_or_else(|_| PreviewResult {
                rendered: Err(
                    "the preview failed unexpectedly (an internal error); your articles and edits are safe".into()
                ),
                analyses: Vec::new(),
            });
            let _ = tx.send(result);
            ctx.request_repaint();
        };
        match std::thread::Builder::new().name("preview".into()).spawn(work) {
            Ok(_) => self.preview_job = Some(rx),
            Err(e) => self.preview_error = Some(format!("cannot start the preview: {e}")),
        }
    }

    fn take_preview(&mut self, r: PreviewResult) {
        for an in r.analyses {
            self.analyses.insert(an.article_id.clone(), an);
        }
        match r.rendered {
            Ok(r) => {
                self.preview_page = self.preview_page.min(r.document.pages.len().saturating_sub(1));
                self.preview = Some(r);
                self.preview_error = None;
            }
            Err(e) => {
                self.preview = None;
                self.preview_error = Some(e);
            }
        }
    }

    fn poll_preview(&mut self) {
        let Some(rx) = &self.preview_job else { return };
        match rx.try_recv() {
            Ok(r) => {
                self.preview_job = None;
                self.take_preview(r);
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => {
                self.preview_job = None;
                self.preview_error = Some("the preview stopped unexpectedly".into());
            }
        }
    }

    /// Brings the preview up to date now, waiting for the worker (export and tests use it).
    pub fn finish_preview(&mut self, ctx: &egui::Context) {
        for _ in 0..2 {
            if let Some(rx) = self.preview_job.take()
                && let Ok(r) = rx.recv()
            {
                self.take_preview(r);
            }
            if self.preview_dirty {
                self.refresh_preview(ctx);
            }
        }
    }

    /// Marks the preview out of date (the benchmark changes picks directly).
    pub fn preview_dirty_for_bench(&mut self) {
        self.preview_dirty = true;
    }

    /// Whether a preview is being laid out.
    pub fn preview_pending(&self) -> bool {
        self.preview_job.is_some() || self.preview_dirty
    }

    /// The laid-out note, when there is one.
    pub fn rendered(&self) -> Option<&Rendered> {
        self.preview.as_ref()
    }

    /// Records an analyst's edit in the library and applies it (clears the redo list).
    pub fn record_edit(&mut self, edit: Edit) {
        self.redo.clear();
        self.push_edit(edit);
    }

    fn push_edit(&mut self, edit: Edit) {
        let seq = match &self.store {
            Some(store) => match store.add_edit(&edit) {
                Ok(seq) => seq,
                Err(e) => {
                    self.messages.push(format!("The edit was not saved: {e}"));
                    return;
                }
            },
            None => -1,
        };
        self.edits.push(edit);
        self.edit_seqs.push(seq);
        self.preview_dirty = true;
    }

    /// Takes back the most recent edit (Ctrl+Z).
    pub fn undo_edit(&mut self) {
        let (Some(edit), Some(seq)) = (self.edits.pop(), self.edit_seqs.pop()) else {
            self.notice = Some("Nothing to undo".into());
            return;
        };
        if let Some(store) = &self.store
            && seq >= 0
            && let Err(e) = store.remove_edit(seq)
        {
            self.messages.push(format!("The undo was not saved: {e}"));
        }
        self.notice = Some(format!("Undid: {}", describe_edit(&edit)));
        self.redo.push(edit);
        self.preview_dirty = true;
    }

    /// Puts back the most recently undone edit (Ctrl+Shift+Z).
    pub fn redo_edit(&mut self) {
        let Some(edit) = self.redo.pop() else {
            self.notice = Some("Nothing to redo".into());
            return;
        };
        self.notice = Some(format!("Redid: {}", describe_edit(&edit)));
        self.push_edit(edit);
    }

    /// Starts the PDF export on a worker thread (refused while one runs).
    pub fn start_export(&mut self, ctx: &egui::Context) {
        if matches!(self.export, ExportState::Running(_)) {
            return;
        }
        if self.preview_pending() || self.preview.is_none() {
            self.finish_preview(ctx);
        }
        let Some(rendered) = self.preview.clone() else {
            self.export = ExportState::Failed(self.preview_error.clone().unwrap_or_else(|| "nothing to export".into()));
            return;
        };
        let out = PathBuf::from(self.output_path.trim());
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("pdf-export".into()).spawn(move || {
            let result = std::panic::catch_unwind(move || {
                pipeline::to_pdf(&rendered).map_err(|e| e.to_string()).and_then(|bytes| write_atomic(&out, &bytes))
            })
            .unwrap_or_else(|_| {
                Err("the PDF export failed unexpectedly (an internal error); nothing was written".into())
            });
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        self.export = match spawned {
            Ok(_) => ExportState::Running(rx),
            Err(e) => ExportState::Failed(format!("cannot start the export: {e}")),
        };
    }

    fn poll_export(&mut self) {
        if let ExportState::Running(rx) = &self.export {
            match rx.try_recv() {
                Ok(Ok(path)) => self.export = ExportState::Done(path),
                Ok(Err(e)) => self.export = ExportState::Failed(e),
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.export = ExportState::Failed("the export stopped unexpectedly".into())
                }
            }
        }
    }

    /// Opens a native file dialog on a worker thread (one at a time).
    pub(super) fn open_dialog(&mut self, kind: DialogKind, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        match super::dialogs::spawn(kind, ctx, Path::new(self.output_path.trim())) {
            Some(rx) => self.dialog = Some((kind, rx)),
            None => self.messages.push("cannot open a file dialog; drop files on the window instead".into()),
        }
    }

    fn poll_dialog(&mut self) {
        let Some((kind, rx)) = &self.dialog else { return };
        let kind = *kind;
        let chosen = match rx.try_recv() {
            Ok(paths) => paths,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => Vec::new(),
        };
        self.dialog = None;
        match (kind, chosen.is_empty()) {
            (DialogKind::Import, true) => {
                self.notice = Some(
                    "No files chosen. If no dialog appeared, this desktop has no file chooser: drop files or folders on the window instead."
                        .into(),
                )
            }
            (DialogKind::Import, false) => self.pending_import = chosen,
            (DialogKind::SavePdf, true) => {}
            (DialogKind::SavePdf, false) => {
                let mut p = chosen[0].clone();
                if p.extension().is_none() {
                    p.set_extension("pdf");
                }
                self.output_path = p.display().to_string();
            }
        }
    }

    /// Writes the note's Markdown next to the PDF path (same name, `.md`).
    pub fn export_markdown(&mut self, ctx: &egui::Context) {
        if self.preview_pending() || self.preview.is_none() {
            self.finish_preview(ctx);
        }
        let Some(r) = &self.preview else {
            self.export = ExportState::Failed(self.preview_error.clone().unwrap_or_else(|| "nothing to export".into()));
            return;
        };
        let out = PathBuf::from(self.output_path.trim()).with_extension("md");
        self.export = match write_atomic(&out, r.markdown.as_bytes()) {
            Ok(p) => ExportState::Done(p),
            Err(e) => ExportState::Failed(e),
        };
    }

    /// Draws the whole app into `ui` (used by eframe and by the kittest tests).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.poll_export();
        self.poll_import();
        let ctx = ui.ctx().clone();
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if !dropped.is_empty() {
            self.import_paths(&dropped, &ctx);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
            self.focus_search = true;
        }
        self.shortcuts(&ctx);
        self.poll_dialog();
        if !self.pending_import.is_empty() {
            let paths = std::mem::take(&mut self.pending_import);
            self.import_paths(&paths, &ctx);
        }
        self.paste_window(&ctx);
        self.poll_preview();
        if self.preview_dirty {
            self.refresh_preview(&ctx);
        }
        egui::Panel::left("library").resizable(true).default_size(360.0).show(ui, |ui| self.library_panel(ui));
        egui::Panel::right("briefing").resizable(true).default_size(310.0).show(ui, |ui| self.briefing_panel(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut self.tab, Tab::Preview, "Preview");
                ui.selectable_value(&mut self.tab, Tab::Article, "Article");
                ui.selectable_value(&mut self.tab, Tab::Analysis, "Analysis");
                if self.preview_job.is_some() {
                    ui.spinner();
                }
            });
            ui.separator();
            match self.tab {
                Tab::Preview => self.preview_panel(ui),
                Tab::Article => self.article_panel(ui),
                Tab::Analysis => self.analysis_panel(ui),
            }
        });
    }

    /// Ctrl+E export, Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo of edits. Text fields
    /// keep their own undo while they have the focus.
    fn shortcuts(&mut self, ctx: &egui::Context) {
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::E)) && !self.picked().is_empty() {
            self.start_export(ctx);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::O)) {
            self.open_dialog(DialogKind::Import, ctx);
        }
        if ctx.memory(|m| m.focused().is_some()) {
            return;
        }
        let redo = ctx.input_mut(|i| {
            i.consume_key(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z)
                || i.consume_key(egui::Modifiers::COMMAND, egui::Key::Y)
        });
        if redo {
            self.redo_edit();
        } else if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z)) {
            self.undo_edit();
        }
    }

    fn briefing_panel(&mut self, ui: &mut egui::Ui) {
        ui.heading("Briefing");
        let names: Vec<String> = self.templates.iter().map(|t| t.name.clone()).collect();
        let before = self.template_idx;
        let label = ui.label("Template");
        egui::ComboBox::from_id_salt("template")
            .selected_text(names.get(self.template_idx).cloned().unwrap_or_default())
            .show_ui(ui, |ui| {
                for (i, n) in names.iter().enumerate() {
                    ui.selectable_value(&mut self.template_idx, i, n);
                }
            })
            .response
            .labelled_by(label.id);
        if let Some(t) = self.template() {
            ui.label(RichText::new(t.description.clone()).weak());
        }
        if before != self.template_idx {
            self.preview_dirty = true;
        }
        ui.separator();
        let mut changed = false;
        egui::Grid::new("meta").num_columns(2).show(ui, |ui| {
            for (name, value) in [
                ("Title", &mut self.meta.title),
                ("Classification", &mut self.meta.classification),
                ("Recipient", &mut self.meta.recipient),
                ("Drafter", &mut self.meta.drafter),
                ("Approver", &mut self.meta.approver),
                ("File number", &mut self.meta.file_number),
                ("Note date", &mut self.note_date),
            ] {
                let l = ui.label(name);
                changed |= ui.text_edit_singleline(value).labelled_by(l.id).changed();
                ui.end_row();
            }
        });
        if changed {
            self.preview_dirty = true;
        }
        if self.note_date.parse::<jiff::civil::Date>().is_err() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("Note date `{}` is not a date (YYYY-MM-DD); today is used", self.note_date),
            );
        }
        ui.separator();
        let ctx = ui.ctx().clone();
        // Full-width path on its own row: a width computed from the panel's would grow the
        // resizable panel a little every frame.
        let l = ui.label("Save to");
        ui.add(egui::TextEdit::singleline(&mut self.output_path).desired_width(f32::INFINITY)).labelled_by(l.id);
        let running = matches!(self.export, ExportState::Running(_));
        ui.horizontal_wrapped(|ui| {
            if ui.add_enabled(self.dialog.is_none(), egui::Button::new("Choose…")).clicked() {
                self.open_dialog(DialogKind::SavePdf, &ctx);
            }
            let can = !running && !self.picked().is_empty();
            if ui.add_enabled(can, egui::Button::new("Export PDF")).on_hover_text("Ctrl+E").clicked() {
                self.start_export(&ctx);
            }
            if ui.add_enabled(can, egui::Button::new("Export Markdown")).clicked() {
                self.export_markdown(&ctx);
            }
        });
        match &self.export {
            ExportState::Idle => {}
            ExportState::Running(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Writing the PDF…");
                });
            }
            ExportState::Done(p) => {
                let p = p.clone();
                ui.label(format!("Saved {}", p.display()));
                ui.horizontal(|ui| {
                    if ui.button("Open").clicked()
                        && let Err(e) = open_with_desktop(&p)
                    {
                        self.messages.push(e);
                    }
                    if ui.button("Show in folder").clicked()
                        && let Some(dir) = p.parent()
                        && let Err(e) = open_with_desktop(dir)
                    {
                        self.messages.push(e);
                    }
                });
            }
            ExportState::Failed(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e.clone());
            }
        }
        if !self.messages.is_empty() {
            ui.separator();
            for m in self.messages.iter().rev().take(5) {
                ui.colored_label(ui.visuals().warn_fg_color, m);
            }
        }
    }

    fn preview_panel(&mut self, ui: &mut egui::Ui) {
        let Some(r) = &self.preview else {
            if self.picked().is_empty() {
                ui.vertical_centered(|ui| {
                    ui.add_space(80.0);
                    ui.heading("Your briefing note appears here");
                    ui.add_space(8.0);
                    ui.label("1. Tick the articles that matter in the library on the left (sample articles are there to try).");
                    ui.label("2. Check what was found in the Article and Analysis tabs; correct anything there.");
                    ui.label("3. Pick a template and fill in the note's fields on the right.");
                    ui.label("4. Export PDF (Ctrl+E). Import your own articles with Import files… (Ctrl+O) or by dropping them here.");
                });
            } else if self.preview_pending() {
                ui.centered_and_justified(|ui| ui.spinner());
            } else {
                let msg = self.preview_error.clone().unwrap_or_default();
                ui.centered_and_justified(|ui| ui.colored_label(ui.visuals().error_fg_color, msg));
            }
            return;
        };
        let n = r.document.pages.len();
        ui.horizontal(|ui| {
            if ui.add_enabled(self.preview_page > 0, egui::Button::new("Previous page")).clicked() {
                self.preview_page -= 1;
            }
            ui.label(format!("Page {} of {}", self.preview_page + 1, n));
            if ui.add_enabled(self.preview_page + 1 < n, egui::Button::new("Next page")).clicked() {
                self.preview_page += 1;
            }
            ui.separator();
            if ui.add_enabled(self.preview_zoom > 0.5, egui::Button::new("−")).on_hover_text("Zoom out").clicked() {
                self.preview_zoom = (self.preview_zoom / 1.25).max(0.5);
            }
            ui.label(format!("{:.0}%", self.preview_zoom * 100.0));
            if ui.add_enabled(self.preview_zoom < 4.0, egui::Button::new("+")).on_hover_text("Zoom in").clicked() {
                self.preview_zoom = (self.preview_zoom * 1.25).min(4.0);
            }
            if ui.button("Fit width").clicked() {
                self.preview_zoom = 1.0;
            }
        });
        // A note over the house format's page limit: say what was left out to fit, and let the
        // analyst keep everything instead.
        let limit = self.template().and_then(|t| t.max_pages);
        let shortened = r.shortened.as_ref().map(|c| (c.to_string(), c.pages > c.max_pages));
        if let Some(max) = limit {
            ui.horizontal_wrapped(|ui| {
                let label = format!("Fit to {max} page{} (the template's limit)", if max == 1 { "" } else { "s" });
                let mut fit = !self.full_length;
                if ui
                    .checkbox(&mut fit, label)
                    .on_hover_text("Leave out the lowest-ranked quotes, key points and actors until the note fits")
                    .changed()
                {
                    self.full_length = !fit;
                    self.preview_dirty = true;
                }
                if let Some((text, over)) = &shortened {
                    let mut chars = text.chars();
                    let text: String = chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect();
                    if *over {
                        ui.colored_label(ui.visuals().warn_fg_color, text);
                    } else {
                        ui.weak(text);
                    }
                } else if self.full_length && n > max {
                    ui.colored_label(ui.visuals().warn_fg_color, format!("{n} pages: over the limit of {max}"));
                }
            });
        }
        // 100% fits the page to the panel's width; zoom scales from there.
        let fit = (ui.available_width() - 16.0).clamp(200.0, 900.0);
        let w = fit * self.preview_zoom;
        let Some(r) = &self.preview else { return };
        egui::ScrollArea::both().auto_shrink(false).show(ui, |ui| {
            super::preview::page(ui, &r.document, self.preview_page, w);
        });
    }
}

impl eframe::App for BriefingApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        if let Some(t) = self.started.take()
            && std::env::var("BRIEFING_FIRST_FRAME").is_ok_and(|v| v == "exit")
        {
            println!("first frame after {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

fn default_output(store_path: &Path) -> String {
    let dir = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| store_path.parent().map(Path::to_path_buf).unwrap_or_default());
    dir.join("briefing.pdf").display().to_string()
}

/// A short description of an edit for notices ("Undid: rename Trump → Donald Trump").
pub fn describe_edit(e: &Edit) -> String {
    match e {
        Edit::RenameActor { from, to } => format!("rename {from} → {to}"),
        Edit::MergeActors { keep, merge } => format!("merge {merge} into {keep}"),
        Edit::SetRole { actor, role } => format!("role of {actor}: {role}"),
        Edit::SetKind { actor, to } => format!("kind of {actor}: {}", super::analysis::kind_name(*to)),
        Edit::ExcludeActor { actor } => format!("exclude {actor}"),
        Edit::ExcludeDeadline { key } => format!("exclude deadline {key}"),
        Edit::AddDeadline { what, .. } => format!("add deadline “{what}”"),
        Edit::ExcludePoint { key } => format!("exclude point “{key}…”"),
        Edit::EditPoint { key, .. } => format!("reword point “{key}…”"),
        Edit::AddPoint { text } => format!("add point “{text}”"),
        Edit::MovePoint { key, to } => format!("move point “{key}…” to {}", to + 1),
        Edit::GradeSource { grade, .. } => format!("grade a source {grade}"),
    }
}

/// Writes a file via a temporary file and a rename: a failed export never leaves half a file
/// or damages the previous one.
fn write_atomic(out: &Path, bytes: &[u8]) -> Result<PathBuf, String> {
    if out.as_os_str().is_empty() {
        return Err("choose where to save the file first".into());
    }
    let tmp = out.with_extension("partial");
    std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, out)).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write `{}`: {e}", out.display())
    })?;
    Ok(out.to_path_buf())
}
