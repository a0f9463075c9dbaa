//! The library panel: every article with its outlet and date, picking, search, sort and the
//! "picked only" filter, dates to fill in, remove with undo, and the ways in (import on a
//! worker thread, dropped files and folders, the "New article from clipboard" dialog).

use std::path::PathBuf;
use std::sync::mpsc;

use egui::RichText;

use super::app::BriefingApp;
use crate::ingest::{self, Article, IngestOptions};
use crate::store::LibraryEntry;

/// How the library list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// The order articles were added.
    #[default]
    Added,
    /// Newest publication date first (undated last).
    Newest,
    /// Oldest publication date first (undated last).
    Oldest,
    /// By outlet name, then date.
    Outlet,
}

impl SortBy {
    const ALL: [SortBy; 4] = [SortBy::Added, SortBy::Newest, SortBy::Oldest, SortBy::Outlet];

    fn label(self) -> &'static str {
        match self {
            SortBy::Added => "Order added",
            SortBy::Newest => "Newest first",
            SortBy::Oldest => "Oldest first",
            SortBy::Outlet => "Outlet",
        }
    }
}

/// The "New article from clipboard" dialog.
#[derive(Debug, Default)]
pub struct PasteDraft {
    /// Whether the dialog is showing.
    pub open: bool,
    /// Headline (optional: the first line is used when empty).
    pub title: String,
    /// Outlet name.
    pub outlet: String,
    /// Publication date, YYYY-MM-DD (optional).
    pub date: String,
    /// The article text.
    pub text: String,
    /// Why the last "Add" was refused.
    pub error: Option<String>,
}

/// Files being read by the import worker.
pub struct ImportJob {
    /// How many files are being read.
    pub files: usize,
    rx: mpsc::Receiver<(Vec<Article>, Vec<String>)>,
}

/// Parses an analyst-typed date, saying what is wrong ("2026-02-31 is not a calendar date").
pub fn parse_user_date(s: &str) -> Result<jiff::civil::Date, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("type a date as YYYY-MM-DD".into());
    }
    s.parse::<jiff::civil::Date>().map_err(|_| {
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) {
            format!("`{s}` is not a calendar date")
        } else {
            format!("`{s}` is not a date; use YYYY-MM-DD")
        }
    })
}

impl BriefingApp {
    /// Reads files and folders on a worker thread; the articles are added when it reports.
    pub fn import_paths(&mut self, paths: &[PathBuf], ctx: &egui::Context) {
        let (files, problems) = ingest::collect_files(paths);
        self.messages.extend(problems);
        if files.is_empty() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let n = files.len();
        let spawned = std::thread::Builder::new().name("import".into()).spawn(move || {
            let mut articles = Vec::new();
            let mut problems = Vec::new();
            for f in files {
                let read = std::fs::metadata(&f)
                    .map_err(|e| e.to_string())
                    .and_then(|m| {
                        if m.len() as usize > ingest::MAX_INPUT_BYTES {
                            Err(ingest::IngestError::TooLarge { bytes: m.len() as usize }.to_string())
                        } else {
                            std::fs::read(&f).map_err(|e| e.to_string())
                        }
                    })
                    .and_then(|b| {
                        ingest::load(&f.to_string_lossy(), &b, &IngestOptions::default()).map_err(|e| e.to_string())
                    });
                match read {
                    Ok(a) => articles.extend(a),
                    Err(e) => problems.push(format!("{}: {e}", f.display())),
                }
            }
            let _ = tx.send((articles, problems));
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => self.import = Some(ImportJob { files: n, rx }),
            Err(e) => self.messages.push(format!("cannot start the import: {e}")),
        }
    }

    /// Adds what the import worker read, once it is done.
    pub(super) fn poll_import(&mut self) {
        let Some(job) = &self.import else { return };
        match job.rx.try_recv() {
            Ok((articles, problems)) => {
                self.import = None;
                self.messages.extend(problems);
                self.add_articles(&articles);
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => {
                self.import = None;
                self.messages.push("the import stopped unexpectedly; nothing was added".into());
            }
        }
    }

    /// Waits for a running import (tests and shutdown).
    pub fn finish_import(&mut self) {
        if let Some(job) = self.import.take() {
            match job.rx.recv() {
                Ok((articles, problems)) => {
                    self.messages.extend(problems);
                    self.add_articles(&articles);
                }
                Err(_) => self.messages.push("the import stopped unexpectedly; nothing was added".into()),
            }
        }
    }

    fn add_articles(&mut self, articles: &[Article]) {
        if articles.is_empty() {
            return;
        }
        let Some(store) = &mut self.store else {
            self.messages.push("the library is not available; nothing was added".into());
            return;
        };
        match store.add_each(articles).and_then(|added| store.list().map(|l| (added, l))) {
            Ok((added, list)) => {
                let new = added.iter().filter(|n| **n).count();
                let dup = added.len() - new;
                self.notice = Some(match dup {
                    0 => format!("Imported {new} article(s)"),
                    _ => format!("Imported {new} article(s); {dup} already in the library"),
                });
                self.entries = list;
            }
            Err(e) => self.messages.push(e.to_string()),
        }
    }

    /// Adds the pasted article from the dialog; on a problem the dialog stays open with it.
    pub fn add_pasted(&mut self) {
        let d = &self.paste;
        let published = if d.date.trim().is_empty() {
            None
        } else {
            match parse_user_date(&d.date) {
                Ok(date) => Some(date),
                Err(e) => {
                    self.paste.error = Some(e);
                    return;
                }
            }
        };
        let outlet = Some(d.outlet.trim().to_string()).filter(|o| !o.is_empty());
        match ingest::from_pasted(&d.title, &d.text, outlet, published) {
            Ok(article) => {
                self.paste = super::library::PasteDraft::default();
                self.add_articles(&[article]);
            }
            Err(e) => self.paste.error = Some(format!("The pasted text cannot be used: {e}")),
        }
    }

    /// Sets (or corrects) an article's publication date.
    pub fn set_published(&mut self, id: &str, date: jiff::civil::Date) {
        if let Some(store) = &self.store
            && let Err(e) = store.set_published(id, Some(date))
        {
            self.messages.push(e.to_string());
            return;
        }
        if let Some(e) = self.entries.iter_mut().find(|e| e.article.id == id) {
            e.article.published = Some(date);
        }
        self.analyses.remove(id);
        self.preview_dirty = true;
    }

    /// Removes an article from the library; [`Self::undo_remove`] brings it back.
    pub fn remove_article(&mut self, id: &str) {
        let Some(store) = &self.store else { return };
        match store.remove(id) {
            Ok(Some(entry)) => {
                self.entries.retain(|e| e.article.id != id);
                self.analyses.remove(id);
                self.notice = Some(format!("Removed “{}”", entry.article.display_title()));
                self.removed.push(entry);
                self.preview_dirty = true;
            }
            Ok(None) => {}
            Err(e) => self.messages.push(e.to_string()),
        }
    }

    /// Puts the most recently removed article back, picked as it was.
    pub fn undo_remove(&mut self) {
        let Some(entry) = self.removed.pop() else { return };
        let Some(store) = &mut self.store else { return };
        let restored = store
            .add(std::slice::from_ref(&entry.article))
            .and_then(|_| store.set_picked(&entry.article.id, entry.picked))
            .and_then(|_| store.list());
        match restored {
            Ok(list) => {
                self.entries = list;
                self.notice = Some(format!("Restored “{}”", entry.article.display_title()));
                self.preview_dirty = true;
            }
            Err(e) => self.messages.push(e.to_string()),
        }
    }

    /// The entries shown, in display order: search, "picked only", sort.
    fn visible(&self) -> Vec<usize> {
        let needle = crate::text::fold(self.search.trim());
        let mut idx: Vec<usize> = (0..self.entries.len())
            .filter(|&i| {
                let e = &self.entries[i];
                let a = &e.article;
                (!self.picked_only || e.picked)
                    && (needle.is_empty()
                        || crate::text::fold(&a.display_title()).contains(&needle)
                        || a.source.as_deref().is_some_and(|s| crate::text::fold(s).contains(&needle))
                        || crate::text::fold(&a.text).contains(&needle))
            })
            .collect();
        let date = |i: &usize| self.entries[*i].article.published;
        match self.sort {
            SortBy::Added => {}
            SortBy::Newest => idx.sort_by_key(|i| (date(i).is_none(), std::cmp::Reverse(date(i)))),
            SortBy::Oldest => idx.sort_by_key(|i| (date(i).is_none(), date(i))),
            SortBy::Outlet => idx.sort_by_key(|i| {
                let a = &self.entries[*i].article;
                (a.source.is_none(), a.source.as_deref().map(crate::text::fold), std::cmp::Reverse(a.published))
            }),
        }
        idx
    }

    pub(super) fn library_panel(&mut self, ui: &mut egui::Ui) {
        ui.heading("Library");
        let picked = self.entries.iter().filter(|e| e.picked).count();
        ui.label(format!("{} articles, {picked} picked. Drop files or folders here to import.", self.entries.len()));
        ui.horizontal(|ui| {
            if ui
                .add_enabled(self.dialog.is_none(), egui::Button::new("Import files…"))
                .on_hover_text("Ctrl+O")
                .clicked()
            {
                self.open_dialog(super::dialogs::DialogKind::Import, ui.ctx());
            }
            if ui.button("New article from clipboard…").clicked() {
                self.paste.open = true;
            }
            if let Some(job) = &self.import {
                ui.spinner();
                ui.label(format!("Reading {} file(s)…", job.files));
            }
        });
        ui.horizontal(|ui| {
            let l = ui.label("Search");
            let r = ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("title, outlet, text, names")
                    .desired_width(180.0),
            );
            let r = r.labelled_by(l.id);
            if self.focus_search {
                r.request_focus();
                self.focus_search = false;
            }
        });
        ui.horizontal(|ui| {
            let l = ui.label("Sort");
            egui::ComboBox::from_id_salt("sort")
                .selected_text(self.sort.label())
                .show_ui(ui, |ui| {
                    for s in SortBy::ALL {
                        ui.selectable_value(&mut self.sort, s, s.label());
                    }
                })
                .response
                .labelled_by(l.id);
            ui.checkbox(&mut self.picked_only, "Picked only");
        });
        if let Some(n) = self.notice.clone() {
            ui.horizontal(|ui| {
                ui.label(RichText::new(n).italics());
                if !self.removed.is_empty() && ui.small_button("Undo").clicked() {
                    self.undo_remove();
                }
            });
        }
        ui.separator();
        let mut toggles = Vec::new();
        let mut set_dates = Vec::new();
        let mut remove = None;
        let mut open = None;
        let visible = self.visible();
        // Virtualised: only the rows in view are built, so 5,000 articles cost what 20 do.
        let line = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
        let heights: Vec<f32> = visible
            .iter()
            .map(|&i| if self.entries[i].article.published.is_some() { 2.0 * line + 6.0 } else { 3.0 * line + 6.0 })
            .collect();
        egui::ScrollArea::vertical().auto_shrink(false).show_viewport(ui, |ui, viewport| {
            if visible.is_empty() {
                ui.label(RichText::new("No article matches.").weak());
                return;
            }
            let origin = ui.max_rect().min;
            let width = ui.available_width();
            ui.set_height(heights.iter().sum());
            let mut y = 0.0;
            for (k, &i) in visible.iter().enumerate() {
                let h = heights[k];
                if y + h < viewport.min.y || y > viewport.max.y {
                    y += h;
                    continue;
                }
                let rect = egui::Rect::from_min_size(origin + egui::vec2(0.0, y), egui::vec2(width, h));
                y += h;
                let e: &LibraryEntry = &self.entries[i];
                let a = &e.article;
                ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                    let mut picked = e.picked;
                    let title = a.display_title();
                    if ui.checkbox(&mut picked, &title).on_hover_text(&title).changed() {
                        toggles.push((i, picked));
                    }
                    ui.horizontal(|ui| {
                        if ui.small_button("Read").on_hover_text("Show the text with what was found").clicked() {
                            open = Some(a.id.clone());
                        }
                        if ui.small_button("Remove").on_hover_text("Remove from the library (can be undone)").clicked()
                        {
                            remove = Some(a.id.clone());
                        }
                        let outlet = a.source.as_deref().unwrap_or("unknown outlet");
                        match a.published {
                            Some(d) => ui.label(RichText::new(format!("{d} · {outlet}")).weak()),
                            None => {
                                ui.label(RichText::new(format!("no date · {outlet}")).color(ui.visuals().warn_fg_color))
                            }
                        };
                    });
                    if a.published.is_none() {
                        let draft = self.date_drafts.entry(a.id.clone()).or_default();
                        ui.horizontal(|ui| {
                            let l = ui.label("Published");
                            let tip =
                                self.date_errors.get(&a.id).cloned().unwrap_or_else(|| {
                                    "Relative dates (\"on Friday\") need the publication date".into()
                                });
                            ui.add(egui::TextEdit::singleline(draft).hint_text("YYYY-MM-DD").desired_width(90.0))
                                .labelled_by(l.id)
                                .on_hover_text(tip);
                            if ui.small_button("Set date").clicked() {
                                set_dates.push((a.id.clone(), draft.clone()));
                            }
                        });
                    }
                });
            }
        });
        for (i, p) in toggles {
            self.set_picked(i, p);
        }
        for (id, text) in set_dates {
            match parse_user_date(&text) {
                Ok(d) => {
                    self.date_errors.remove(&id);
                    self.date_drafts.remove(&id);
                    self.set_published(&id, d);
                }
                Err(e) => {
                    self.notice = Some(e.clone());
                    self.date_errors.insert(id, e);
                }
            }
        }
        if let Some(id) = remove {
            self.remove_article(&id);
        }
        if let Some(id) = open {
            self.open_article(&id, None);
        }
    }

    /// The "New article from clipboard" window.
    pub(super) fn paste_window(&mut self, ctx: &egui::Context) {
        if !self.paste.open {
            return;
        }
        let mut open = true;
        let mut add = false;
        let mut cancel = false;
        egui::Window::new("New article from clipboard").open(&mut open).default_width(520.0).collapsible(false).show(
            ctx,
            |ui| {
                ui.label("Paste the article text below (Ctrl+V). The first line is taken as the headline when Headline is left empty.");
                egui::Grid::new("paste-meta").num_columns(2).show(ui, |ui| {
                    let l = ui.label("Headline");
                    ui.text_edit_singleline(&mut self.paste.title).labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label("Outlet");
                    ui.text_edit_singleline(&mut self.paste.outlet).labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label("Date published");
                    ui.add(egui::TextEdit::singleline(&mut self.paste.date).hint_text("YYYY-MM-DD"))
                        .labelled_by(l.id);
                    ui.end_row();
                });
                let l = ui.label("Article text");
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    ui.add(egui::TextEdit::multiline(&mut self.paste.text).desired_rows(14).desired_width(f32::INFINITY))
                        .labelled_by(l.id);
                });
                if let Some(e) = &self.paste.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                ui.horizontal(|ui| {
                    add = ui.add_enabled(!self.paste.text.trim().is_empty(), egui::Button::new("Add to library")).clicked();
                    cancel = ui.button("Cancel").clicked();
                });
            },
        );
        if add {
            self.add_pasted();
        } else if cancel || !open {
            self.paste.open = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_dates_say_what_is_wrong() {
        assert_eq!(parse_user_date(" 2026-11-03 "), Ok(jiff::civil::date(2026, 11, 3)));
        assert_eq!(parse_user_date("2026-02-31"), Err("`2026-02-31` is not a calendar date".into()));
        assert_eq!(parse_user_date("3 Nov"), Err("`3 Nov` is not a date; use YYYY-MM-DD".into()));
        assert!(parse_user_date("").is_err());
    }
}
