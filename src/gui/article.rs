//! The Article tab: one article's clean text with what analysis found highlighted by kind
//! (people, organisations, countries, places, dates, deadlines); hovering a highlight shows the
//! actor's name and role or the resolved date; other views scroll here to a source sentence.

use egui::{Color32, RichText, Ui};

use super::app::BriefingApp;
use crate::analyze::{ActorKind, ArticleAnalysis};
use crate::text::CharIndex;

/// A highlighted stretch of the text (character offsets) and what to say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// What it is.
    pub kind: HighlightKind,
    /// The hover text.
    pub tip: String,
}

/// The colour families of highlights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HighlightKind {
    /// A person.
    Person,
    /// An organisation.
    Organization,
    /// A country or place.
    Place,
    /// A time expression.
    Time,
    /// A time expression that is a deadline.
    Deadline,
}

impl HighlightKind {
    fn color(self, dark: bool) -> Color32 {
        let (light, darkc) = match self {
            HighlightKind::Person => (Color32::from_rgb(205, 225, 255), Color32::from_rgb(40, 70, 120)),
            HighlightKind::Organization => (Color32::from_rgb(215, 240, 210), Color32::from_rgb(40, 95, 50)),
            HighlightKind::Place => (Color32::from_rgb(245, 228, 205), Color32::from_rgb(110, 80, 35)),
            HighlightKind::Time => (Color32::from_rgb(235, 220, 250), Color32::from_rgb(85, 55, 115)),
            HighlightKind::Deadline => (Color32::from_rgb(255, 205, 205), Color32::from_rgb(135, 40, 40)),
        };
        if dark { darkc } else { light }
    }

    fn label(self) -> &'static str {
        match self {
            HighlightKind::Person => "person",
            HighlightKind::Organization => "organisation",
            HighlightKind::Place => "country or place",
            HighlightKind::Time => "date or time",
            HighlightKind::Deadline => "deadline",
        }
    }
}

/// The highlights of an analysis, sorted, without overlaps (the earlier, then longer, wins).
pub fn highlights(an: &ArticleAnalysis) -> Vec<Highlight> {
    let mut out = Vec::new();
    for a in &an.actors {
        let kind = match a.kind {
            ActorKind::Person => HighlightKind::Person,
            ActorKind::Organization => HighlightKind::Organization,
            ActorKind::Country | ActorKind::Place => HighlightKind::Place,
        };
        let role = a.role.as_deref().map(|r| format!(" — {r}")).unwrap_or_default();
        let tip = format!("{}{role} ({})", a.name, super::analysis::kind_name(a.kind));
        for m in &a.mentions {
            out.push(Highlight { start: m.start, end: m.end, kind, tip: tip.clone() });
        }
    }
    for t in &an.times {
        let deadline = an.deadlines.iter().find(|d| d.start < t.end && t.start < d.end);
        let (kind, tip) = match deadline {
            Some(d) => (
                HighlightKind::Deadline,
                format!(
                    "Deadline {}: {}",
                    d.date.map(|x| x.to_string()).unwrap_or_else(|| "date unknown".into()),
                    d.what
                ),
            ),
            None => (HighlightKind::Time, format!("{} ({:?})", t.value, t.kind)),
        };
        out.push(Highlight { start: t.start, end: t.end, kind, tip });
    }
    out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut kept: Vec<Highlight> = Vec::with_capacity(out.len());
    for h in out {
        if h.end > h.start && kept.last().is_none_or(|k| h.start >= k.end) {
            kept.push(h);
        }
    }
    kept
}

impl BriefingApp {
    pub(super) fn article_panel(&mut self, ui: &mut Ui) {
        let picked: Vec<(String, String)> = self.picked().iter().map(|a| (a.id.clone(), a.display_title())).collect();
        if self.article_view.as_ref().is_none_or(|id| !self.entries.iter().any(|e| &e.article.id == id)) {
            self.article_view =
                picked.first().map(|(id, _)| id.clone()).or_else(|| self.entries.first().map(|e| e.article.id.clone()));
        }
        let Some(id) = self.article_view.clone() else {
            ui.centered_and_justified(|ui| ui.label("The library is empty: import or paste an article."));
            return;
        };
        let Some(article) = self.entries.iter().find(|e| e.article.id == id).map(|e| e.article.clone()) else {
            return;
        };
        ui.horizontal(|ui| {
            let l = ui.label("Article");
            let title = article.display_title();
            let short: String =
                if title.chars().count() > 60 { title.chars().take(58).chain(['…']).collect() } else { title };
            egui::ComboBox::from_id_salt("article-pick")
                .selected_text(short)
                .show_ui(ui, |ui| {
                    for e in &self.entries {
                        let title = e.article.display_title();
                        let shown = if e.picked { format!("✔ {title}") } else { title };
                        ui.selectable_value(&mut self.article_view, Some(e.article.id.clone()), shown);
                    }
                })
                .response
                .labelled_by(l.id);
        });
        let meta = [
            article.source.clone().unwrap_or_else(|| "unknown outlet".into()),
            article.published.map(|d| d.to_string()).unwrap_or_else(|| "no date".into()),
            article.author.clone().map(|a| format!("by {a}")).unwrap_or_default(),
            article.url.clone().unwrap_or_default(),
        ];
        ui.label(RichText::new(meta.iter().filter(|m| !m.is_empty()).cloned().collect::<Vec<_>>().join(" · ")).weak());
        let dark = ui.visuals().dark_mode;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Highlights:").weak());
            for k in [
                HighlightKind::Person,
                HighlightKind::Organization,
                HighlightKind::Place,
                HighlightKind::Time,
                HighlightKind::Deadline,
            ] {
                ui.label(RichText::new(k.label()).background_color(k.color(dark)));
            }
        });
        ui.separator();
        let an = self.analysis_for(&article);
        let marks = highlights(&an);
        let target = self.scroll_to.take();
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            ui.heading(article.display_title());
            ui.add_space(6.0);
            paint_text(ui, &article.text, &marks, target, dark);
        });
    }
}

/// Paints the paragraphs with their highlights; scrolls to the highlight (or paragraph)
/// holding character `target`.
fn paint_text(ui: &mut Ui, text: &str, marks: &[Highlight], target: Option<usize>, dark: bool) {
    let index = CharIndex::new(text);
    let mut para_start_char = 0;
    let mut m = 0;
    for para in text.split("\n\n") {
        let len = para.chars().count();
        let para_end_char = para_start_char + len;
        let base = index.byte_of_char(para_start_char);
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            let mut at = para_start_char;
            while m < marks.len() && marks[m].start < para_end_char {
                let h = &marks[m];
                m += 1;
                if h.start < at || h.end > para_end_char {
                    continue;
                }
                if h.start > at {
                    let r = ui.label(&text[index.byte_of_char(at)..index.byte_of_char(h.start)]);
                    if target.is_some_and(|t| t >= at && t < h.start) {
                        r.scroll_to_me(Some(egui::Align::Center));
                    }
                }
                let words = &text[index.byte_of_char(h.start)..index.byte_of_char(h.end)];
                let is_target = target.is_some_and(|t| t >= h.start && t < h.end);
                let mut rt = RichText::new(words).background_color(h.kind.color(dark));
                if is_target {
                    rt = rt.strong().underline();
                }
                let r = ui.label(rt).on_hover_text(&h.tip);
                if is_target {
                    r.scroll_to_me(Some(egui::Align::Center));
                }
                at = h.end;
            }
            if at < para_end_char {
                ui.label(&text[index.byte_of_char(at)..base + para.len()]);
            }
        });
        ui.add_space(8.0);
        para_start_char = para_end_char + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{AnalyzeOptions, analyze};
    use crate::ingest::{Article, Format};

    #[test]
    fn highlights_cover_actors_and_deadlines_without_overlap() {
        let a = Article::new(
            "t.txt",
            "The European Commission gave Acme Corp until 4 December to reply, said Commissioner Anna Berg on Monday."
                .into(),
            Format::Text,
        );
        let an = analyze(&a, Some(jiff::civil::date(2026, 11, 20)), &AnalyzeOptions::default());
        let marks = highlights(&an);
        assert!(marks.windows(2).all(|w| w[0].end <= w[1].start), "{marks:?}");
        let chars: Vec<char> = a.text.chars().collect();
        let text_of = |h: &Highlight| chars[h.start..h.end].iter().collect::<String>();
        let deadline = marks.iter().find(|h| h.kind == HighlightKind::Deadline).map(text_of);
        assert!(deadline.is_some_and(|t| t.contains("4 December")), "{marks:?}");
        assert!(marks.iter().any(|h| h.kind == HighlightKind::Person && text_of(h) == "Anna Berg"), "{marks:?}");
        assert!(
            marks.iter().any(|h| h.kind == HighlightKind::Organization && text_of(h).contains("European Commission"))
        );
    }
}
