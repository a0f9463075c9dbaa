//! The live preview: paints the laid-out [`Document`] pages (the same ones the PDF export
//! writes) with egui's painter.

use egui::{Color32, FontFamily, FontId, Pos2, Rect, Stroke, Vec2};

use crate::layout::{Color, Document, Family, FontKey, Item};

fn c32(c: Color) -> Color32 {
    Color32::from_rgb((c.0 * 255.0) as u8, (c.1 * 255.0) as u8, (c.2 * 255.0) as u8)
}

/// The egui font family name registered for a face.
pub fn family_name(key: FontKey) -> String {
    format!(
        "{}{}{}",
        match key.family {
            Family::Serif => "serif",
            Family::Sans => "sans",
        },
        if key.bold { "-bold" } else { "" },
        if key.italic { "-italic" } else { "" }
    )
}

/// Paints one page scaled to `width` pixels.
pub fn page(ui: &mut egui::Ui, doc: &Document, index: usize, width: f32) {
    let Some(page) = doc.pages.get(index) else {
        return;
    };
    let zoom = width / doc.width.max(1.0);
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, doc.height * zoom), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, Color32::WHITE);
    painter.rect_stroke(rect, 2.0, Stroke::new(1.0, Color32::from_gray(160)), egui::StrokeKind::Outside);
    let at = |x: f32, y: f32| Pos2::new(rect.left() + x * zoom, rect.top() + y * zoom);
    for it in &page.items {
        match &it.item {
            Item::Rect { width, height, fill } => {
                painter.rect_filled(
                    Rect::from_min_size(at(it.x, it.y), Vec2::new(width * zoom, height * zoom)),
                    0.0,
                    c32(*fill),
                );
            }
            Item::Line { dx, dy, width, color } => {
                painter.line_segment(
                    [at(it.x, it.y), at(it.x + dx, it.y + dy)],
                    Stroke::new((width * zoom).max(0.5), c32(*color)),
                );
            }
            Item::Link { .. } => {}
            Item::Text(run) => {
                let size = run.size * zoom;
                if size < 2.0 {
                    continue;
                }
                let font = FontId::new(size, FontFamily::Name(family_name(run.font).into()));
                // egui anchors text at the top of the line box; the layout gives baselines.
                let pos = at(it.x, it.y - run.size * 1.07);
                painter.text(pos, egui::Align2::LEFT_TOP, &run.text, font, c32(run.color));
            }
        }
    }
}
