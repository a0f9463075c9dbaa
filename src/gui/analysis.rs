//! The Analysis tab: what the picked articles say, merged and with the analyst's edits
//! applied (the same Briefing model the note is made from), and the controls that correct it:
//! rename, merge, re-kind, re-role and exclude actors; exclude, correct and add deadlines;
//! exclude, reword, reorder and add key points; grade sources. Every control records an
//! [`Edit`] in the library at once.

use egui::{RichText, Ui};

use super::app::{BriefingApp, Tab};
use crate::analyze::ActorKind;
use crate::brief::{BriefActor, BriefDeadline, Edit, deadline_key_of, point_key};

/// The editor state of the Analysis tab (what is selected, what is being typed).
#[derive(Debug, Default)]
pub struct AnalysisUi {
    /// The actor whose editor shows (by its name in the note).
    pub actor: Option<String>,
    /// Editor fields for that actor.
    pub name: String,
    /// Role being typed.
    pub role: String,
    /// Actors ticked for a merge (names).
    pub merge: Vec<String>,
    /// The key point being reworded (its key) and the text.
    pub point: Option<(String, String)>,
    /// A new key point being typed.
    pub new_point: String,
    /// The deadline form: date, what, set by, applies to; and the key it replaces, if any.
    pub dl_date: String,
    /// What is due.
    pub dl_what: String,
    /// Who set it.
    pub dl_set_by: String,
    /// Who must act.
    pub dl_applies_to: String,
    /// The deadline this form corrects (its key).
    pub dl_replaces: Option<String>,
    /// Why the form was refused.
    pub dl_error: Option<String>,
}

/// The kind's name as the note shows it.
pub fn kind_name(k: ActorKind) -> &'static str {
    match k {
        ActorKind::Person => "person",
        ActorKind::Organization => "organization",
        ActorKind::Country => "country",
        ActorKind::Place => "place",
    }
}

const KINDS: [ActorKind; 4] = [ActorKind::Person, ActorKind::Organization, ActorKind::Country, ActorKind::Place];

const GRADES: [&str; 13] = ["", "A1", "A2", "B1", "B2", "B3", "C2", "C3", "C4", "D4", "E5", "F6", "F3"];

impl BriefingApp {
    pub(super) fn analysis_panel(&mut self, ui: &mut Ui) {
        let Some(rendered) = self.rendered() else {
            let msg = if self.picked().is_empty() {
                "Tick articles in the library to see their actors, deadlines and key points."
            } else if self.preview_pending() {
                "Analysing…"
            } else {
                "The analysis is not available (see the message on the right)."
            };
            ui.centered_and_justified(|ui| ui.label(msg));
            return;
        };
        let b = rendered.briefing.clone();
        let mut edits: Vec<Edit> = Vec::new();
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            ui.label(
                RichText::new(
                    "Corrections apply to the note at once and are kept in the library. Ctrl+Z undoes the last one.",
                )
                .weak(),
            );
            ui.add_space(6.0);
            egui::CollapsingHeader::new(RichText::new(format!("Actors ({})", b.actors.len())).strong())
                .default_open(true)
                .show(ui, |ui| self.actors_table(ui, &b.actors, &mut edits));
            egui::CollapsingHeader::new(RichText::new(format!("Deadlines ({})", b.deadlines.len())).strong())
                .default_open(true)
                .show(ui, |ui| self.deadlines_table(ui, &b.deadlines, &mut edits));
            egui::CollapsingHeader::new(RichText::new(format!("Key points ({})", b.key_points.len())).strong())
                .default_open(true)
                .show(ui, |ui| self.points_list(ui, &b.key_points, &mut edits));
            egui::CollapsingHeader::new(RichText::new(format!("Quotes ({})", b.quotes.len())).strong())
                .default_open(false)
                .show(ui, |ui| {
                    for q in &b.quotes {
                        let who = if q.speaker.is_empty() { "Unattributed" } else { q.speaker.as_str() };
                        ui.label(format!("{who}: “{}” [{}]", q.text, q.source));
                    }
                });
            egui::CollapsingHeader::new(RichText::new(format!("Sources ({})", b.sources.len())).strong())
                .default_open(false)
                .show(ui, |ui| self.sources_table(ui, &b.sources, &mut edits));
        });
        for e in edits {
            self.record_edit(e);
        }
    }

    fn actors_table(&mut self, ui: &mut Ui, actors: &[BriefActor], edits: &mut Vec<Edit>) {
        let mut open_source = None;
        egui::Grid::new("actors").striped(true).num_columns(6).max_col_width(220.0).show(ui, |ui| {
            ui.label("");
            ui.strong("Name");
            ui.strong("Kind");
            ui.strong("Mentions");
            ui.strong("Sources");
            ui.strong("Role");
            ui.end_row();
            for a in actors {
                let mut ticked = self.analysis_ui.merge.contains(&a.name);
                if ui.checkbox(&mut ticked, "").on_hover_text("Tick two or more to merge them").changed() {
                    if ticked {
                        self.analysis_ui.merge.push(a.name.clone());
                    } else {
                        self.analysis_ui.merge.retain(|n| n != &a.name);
                    }
                }
                let selected = self.analysis_ui.actor.as_deref() == Some(a.name.as_str());
                let r =
                    ui.selectable_label(selected, &a.name).on_hover_text("Edit; double-click to see it in the article");
                if r.clicked() {
                    self.analysis_ui.actor = Some(a.name.clone());
                    self.analysis_ui.name = a.name.clone();
                    self.analysis_ui.role = a.role.clone();
                }
                if r.double_clicked() {
                    open_source = Some(a.name.clone());
                }
                ui.label(&a.kind);
                ui.label(a.mentions.to_string());
                ui.label(cites(&a.sources));
                ui.add(egui::Label::new(&a.role).truncate()).on_hover_text(&a.role);
                ui.end_row();
            }
        });
        if self.analysis_ui.merge.len() >= 2 {
            let keep = actors.iter().find(|a| self.analysis_ui.merge.contains(&a.name)).map(|a| a.name.clone());
            if let Some(keep) = keep
                && ui.button(format!("Merge {} ticked actors into “{keep}”", self.analysis_ui.merge.len())).clicked()
            {
                for m in self.analysis_ui.merge.drain(..) {
                    if m != keep {
                        edits.push(Edit::MergeActors { keep: keep.clone(), merge: m });
                    }
                }
            }
        }
        if let Some(name) = self.analysis_ui.actor.clone() {
            match actors.iter().find(|a| a.name == name) {
                Some(a) => self.actor_editor(ui, a, edits),
                None => self.analysis_ui.actor = None,
            }
        }
        if let Some(name) = open_source {
            self.show_actor_in_article(&name);
        }
    }

    fn actor_editor(&mut self, ui: &mut Ui, a: &BriefActor, edits: &mut Vec<Edit>) {
        ui.add_space(4.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(format!("Correct “{}”", a.name));
            egui::Grid::new("actor-editor").num_columns(2).show(ui, |ui| {
                let l = ui.label("Name in the note");
                ui.text_edit_singleline(&mut self.analysis_ui.name).labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Role in the note");
                ui.text_edit_singleline(&mut self.analysis_ui.role).labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Kind of actor");
                let mut kind = KINDS.iter().copied().find(|k| kind_name(*k) == a.kind);
                egui::ComboBox::from_id_salt("actor-kind")
                    .selected_text(a.kind.clone())
                    .show_ui(ui, |ui| {
                        for k in KINDS {
                            ui.selectable_value(&mut kind, Some(k), kind_name(k));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if let Some(k) = kind
                    && kind_name(k) != a.kind
                {
                    edits.push(Edit::SetKind { actor: a.name.clone(), to: k });
                }
                ui.end_row();
            });
            ui.horizontal(|ui| {
                if ui.button("Save name and role").clicked() {
                    let name = self.analysis_ui.name.trim().to_string();
                    let role = self.analysis_ui.role.trim().to_string();
                    if role != a.role {
                        edits.push(Edit::SetRole { actor: a.name.clone(), role });
                    }
                    if !name.is_empty() && name != a.name {
                        edits.push(Edit::RenameActor { from: a.name.clone(), to: name.clone() });
                        self.analysis_ui.actor = Some(name);
                    }
                }
                if ui.button("Exclude from the note").on_hover_text("Delete").clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Delete)) && !ui.ctx().memory(|m| m.focused().is_some())
                {
                    edits.push(Edit::ExcludeActor { actor: a.name.clone() });
                    self.analysis_ui.actor = None;
                }
                if ui.button("Show in article").clicked() {
                    self.show_actor_in_article(&a.name);
                }
            });
        });
    }

    fn deadlines_table(&mut self, ui: &mut Ui, deadlines: &[BriefDeadline], edits: &mut Vec<Edit>) {
        let mut show = None;
        // One card per deadline: the centre panel is narrow, a wide table would hide columns.
        for (i, d) in deadlines.iter().enumerate() {
            // Ids from the deadline, not from the widgets drawn before it, so a click lands on
            // the same button even when the tables above change between frames.
            let id = ui.make_persistent_id(("deadline", &d.date, &d.what));
            ui.push_id(id, |ui| {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(&d.date_long);
                        let cd = RichText::new(&d.countdown);
                        if d.date.is_empty() {
                            // Waits on a date: the article's (set it in the Library) or the analyst's.
                            ui.label(cd.color(ui.visuals().warn_fg_color)).on_hover_text(
                                "The article gives no publication date, so this deadline cannot be dated. \
                                 Set the article's date in the Library (or correct the deadline).",
                            );
                        } else {
                            ui.label(if d.overdue { cd.color(ui.visuals().warn_fg_color) } else { cd.weak() });
                        }
                        ui.label(cites(&d.sources));
                        let key = deadline_key_of(d.date.parse().ok(), &d.what);
                        if ui.small_button("Exclude").clicked() {
                            edits.push(Edit::ExcludeDeadline { key: key.clone() });
                        }
                        if ui.small_button("Correct…").clicked() {
                            let f = &mut self.analysis_ui;
                            f.dl_date = d.date.clone();
                            f.dl_what = d.what.clone();
                            f.dl_set_by = d.set_by.clone();
                            f.dl_applies_to = d.applies_to.clone();
                            f.dl_replaces = Some(key);
                            f.dl_error = None;
                        }
                        if ui.small_button("Show in article").clicked() {
                            show = Some(d.text.clone());
                        }
                    });
                    ui.add(egui::Label::new(&d.what).wrap()).on_hover_text(format!("In the article: “{}”", d.text));
                    let mut facts = Vec::new();
                    for (label, v) in
                        [("Set by", &d.set_by), ("Applies to", &d.applies_to), ("If missed", &d.consequence)]
                    {
                        if !v.is_empty() {
                            facts.push(format!("{label}: {v}"));
                        }
                    }
                    if !facts.is_empty() {
                        ui.add(egui::Label::new(RichText::new(facts.join(" · ")).weak()).wrap());
                    }
                    if !d.conflict.is_empty() {
                        ui.colored_label(ui.visuals().warn_fg_color, &d.conflict);
                    }
                })
            });
            if i + 1 < deadlines.len() {
                ui.add_space(2.0);
            }
        }
        if let Some(text) = show {
            self.show_text_in_article(&text);
        }
        ui.add_space(4.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let f = &mut self.analysis_ui;
            ui.strong(if f.dl_replaces.is_some() { "Correct the deadline" } else { "Add a deadline" });
            egui::Grid::new("deadline-form").num_columns(2).show(ui, |ui| {
                for (label, value, hint) in [
                    ("Due date", &mut f.dl_date, "YYYY-MM-DD, or empty if unknown"),
                    ("What is due", &mut f.dl_what, ""),
                    ("Set by", &mut f.dl_set_by, ""),
                    ("Applies to", &mut f.dl_applies_to, ""),
                ] {
                    let l = ui.label(label);
                    ui.add(egui::TextEdit::singleline(value).hint_text(hint)).labelled_by(l.id);
                    ui.end_row();
                }
            });
            if let Some(e) = &f.dl_error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.horizontal(|ui| {
                let label = if f.dl_replaces.is_some() { "Save correction" } else { "Add deadline" };
                if ui.add_enabled(!f.dl_what.trim().is_empty(), egui::Button::new(label)).clicked() {
                    let date = if f.dl_date.trim().is_empty() {
                        Ok(None)
                    } else {
                        super::library::parse_user_date(&f.dl_date).map(Some)
                    };
                    match date {
                        Ok(date) => {
                            if let Some(key) = f.dl_replaces.take() {
                                edits.push(Edit::ExcludeDeadline { key });
                            }
                            let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
                            edits.push(Edit::AddDeadline {
                                date,
                                what: f.dl_what.trim().to_string(),
                                set_by: opt(&f.dl_set_by),
                                applies_to: opt(&f.dl_applies_to),
                            });
                            *f = AnalysisUi {
                                actor: f.actor.take(),
                                merge: std::mem::take(&mut f.merge),
                                ..Default::default()
                            };
                        }
                        Err(e) => f.dl_error = Some(e),
                    }
                }
                if f.dl_replaces.is_some() && ui.button("Cancel").clicked() {
                    f.dl_replaces = None;
                    f.dl_date.clear();
                    f.dl_what.clear();
                    f.dl_set_by.clear();
                    f.dl_applies_to.clear();
                }
            });
        });
    }

    fn points_list(&mut self, ui: &mut Ui, points: &[crate::brief::BriefPoint], edits: &mut Vec<Edit>) {
        let n = points.len();
        for (i, p) in points.iter().enumerate() {
            let key = point_key(&p.text);
            let editing = self.analysis_ui.point.as_ref().is_some_and(|(k, _)| *k == key);
            ui.horizontal_top(|ui| {
                ui.label(format!("{}.", i + 1));
                if editing {
                    if let Some((_, text)) = &mut self.analysis_ui.point {
                        ui.add(
                            egui::TextEdit::multiline(text).desired_rows(2).desired_width(ui.available_width() - 140.0),
                        );
                    }
                    if ui.small_button("Save").clicked()
                        && let Some((k, text)) = self.analysis_ui.point.take()
                        && !text.trim().is_empty()
                    {
                        edits.push(Edit::EditPoint { key: k, text: text.trim().to_string() });
                    }
                } else {
                    ui.add(egui::Label::new(format!("{} {}", p.text, cites(&p.sources))).wrap());
                }
            });
            ui.horizontal(|ui| {
                ui.add_space(18.0);
                if ui.add_enabled(i > 0, egui::Button::new("Up").small()).clicked() {
                    edits.push(Edit::MovePoint { key: key.clone(), to: i - 1 });
                }
                if ui.add_enabled(i + 1 < n, egui::Button::new("Down").small()).clicked() {
                    edits.push(Edit::MovePoint { key: key.clone(), to: i + 1 });
                }
                if !editing && ui.small_button("Reword").clicked() {
                    self.analysis_ui.point = Some((key.clone(), p.text.clone()));
                }
                if ui.small_button("Exclude").clicked() {
                    edits.push(Edit::ExcludePoint { key: key.clone() });
                }
            });
        }
        ui.horizontal(|ui| {
            let l = ui.label("New point");
            ui.add(
                egui::TextEdit::singleline(&mut self.analysis_ui.new_point).desired_width(ui.available_width() - 90.0),
            )
            .labelled_by(l.id);
            if ui.add_enabled(!self.analysis_ui.new_point.trim().is_empty(), egui::Button::new("Add point")).clicked() {
                edits.push(Edit::AddPoint { text: self.analysis_ui.new_point.trim().to_string() });
                self.analysis_ui.new_point.clear();
            }
        });
    }

    fn sources_table(&mut self, ui: &mut Ui, sources: &[crate::brief::Source], edits: &mut Vec<Edit>) {
        let ids: Vec<String> = self.picked().iter().map(|a| a.id.clone()).collect();
        egui::Grid::new("sources").striped(true).num_columns(5).max_col_width(260.0).show(ui, |ui| {
            for h in ["", "Outlet", "Title", "Date", "Grade"] {
                ui.strong(h);
            }
            ui.end_row();
            for s in sources {
                ui.label(format!("[{}]", s.n));
                ui.label(&s.outlet);
                ui.add(egui::Label::new(&s.title).truncate());
                ui.label(&s.date);
                let mut grade = s.grade.clone();
                egui::ComboBox::from_id_salt(("grade", s.n))
                    .selected_text(if grade.is_empty() { "—".to_string() } else { grade.clone() })
                    .show_ui(ui, |ui| {
                        for g in GRADES {
                            ui.selectable_value(&mut grade, g.to_string(), if g.is_empty() { "—" } else { g });
                        }
                    })
                    .response
                    .on_hover_text("Admiralty code: source reliability A–F, information credibility 1–6");
                if grade != s.grade
                    && !grade.is_empty()
                    && let Some(id) = ids.get(s.n.wrapping_sub(1))
                {
                    edits.push(Edit::GradeSource { article: id.clone(), grade });
                }
                ui.end_row();
            }
        });
    }

    /// Opens the Article tab on the first picked article mentioning the actor, scrolled to
    /// its first mention.
    pub(super) fn show_actor_in_article(&mut self, name: &str) {
        // The note's name may be the analyst's rename of the analysis' name.
        let mut names = vec![crate::text::fold(name)];
        for e in self.edits.iter().rev() {
            if let Edit::RenameActor { from, to } = e
                && names.contains(&crate::text::fold(to))
            {
                names.push(crate::text::fold(from));
            }
        }
        let picked: Vec<crate::ingest::Article> = self.picked().into_iter().cloned().collect();
        for a in &picked {
            let an = self.analysis_for(a);
            let hit = an.actors.iter().find(|x| {
                names.contains(&crate::text::fold(&x.name))
                    || x.aliases.iter().any(|al| names.contains(&crate::text::fold(al)))
            });
            if let Some(actor) = hit
                && let Some(m) = actor.mentions.first()
            {
                self.open_article(&a.id, Some(m.start));
                return;
            }
        }
        self.notice = Some(format!("“{name}” is not named in the picked articles' text"));
    }

    /// Opens the Article tab where the picked articles contain `text` (a deadline's words).
    pub(super) fn show_text_in_article(&mut self, text: &str) {
        let picked: Vec<(String, String)> = self.picked().iter().map(|a| (a.id.clone(), a.text.clone())).collect();
        for (id, body) in picked {
            if let Some(byte) = body.find(text) {
                self.open_article(&id, Some(body[..byte].chars().count()));
                return;
            }
        }
    }

    /// Switches to the Article tab on `id`, optionally scrolled to a character offset.
    pub fn open_article(&mut self, id: &str, at: Option<usize>) {
        self.article_view = Some(id.to_string());
        self.scroll_to = at;
        self.tab = Tab::Article;
    }
}

/// "[1][3]".
fn cites(sources: &[usize]) -> String {
    sources.iter().map(|n| format!("[{n}]")).collect()
}
