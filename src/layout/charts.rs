//! Charts drawn as vector items, asked for by a fenced block in the note's Markdown: a
//! deadline timeline (```` ```timeline ````: dates on an axis, today marked, each entry with
//! its countdown) and an actor bar chart (```` ```actors ````: mentions per actor).
//!
//! Block syntax, one entry per line, fields separated by `|` (Markdown escapes are undone):
//! - `timeline`: `today: YYYY-MM-DD`, then `YYYY-MM-DD | deadline|event | label`
//! - `actors`: `name | mentions | kind`

use jiff::civil::Date;

use super::{Color, FlowLine, Item, Placed, Shaper, Style, fit_with_ellipsis};
use crate::layout::{Family, FontKey};

/// Most rows a chart draws; the rest are summarised in one line.
const MAX_ROWS: usize = 14;

/// A chart parsed from a fenced block.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Dated entries against the note's date.
    Timeline {
        /// The note's date (the countdown origin), if given.
        today: Option<Date>,
        /// Date, whether it is a deadline, label.
        entries: Vec<(Date, bool, String)>,
        /// Lines that could not be read (shown under the chart, not dropped silently).
        bad: usize,
    },
    /// Named bars.
    Bars {
        /// Name, value, kind.
        rows: Vec<(String, f32, String)>,
    },
}

/// Undoes Markdown backslash escapes (templates escape article text for Markdown).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Splits a line at `|` that are not escaped.
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in line.chars() {
        if c == '|' && !escaped {
            out.push(String::new());
        } else if let Some(f) = out.last_mut() {
            f.push(c);
        }
        escaped = c == '\\' && !escaped;
    }
    out.into_iter().map(|f| unescape(f.trim())).collect()
}

/// Reads a chart block; `None` when `kind` is not a chart.
pub fn parse(kind: &str, body: &str) -> Option<Chart> {
    match kind.trim() {
        "timeline" => {
            let mut today = None;
            let mut entries = Vec::new();
            let mut bad = 0;
            for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if let Some(d) = line.strip_prefix("today:") {
                    today = d.trim().parse::<Date>().ok();
                    continue;
                }
                let f = fields(line);
                match (f.first().and_then(|d| d.parse::<Date>().ok()), f.get(2)) {
                    (Some(d), Some(label)) => entries.push((d, f[1].eq_ignore_ascii_case("deadline"), label.clone())),
                    _ => bad += 1,
                }
            }
            entries.sort_by_key(|e| e.0);
            Some(Chart::Timeline { today, entries, bad })
        }
        "actors" => {
            let rows = body
                .lines()
                .filter(|l| !l.trim().is_empty())
                .filter_map(|l| {
                    let f = fields(l);
                    let v = f.get(1)?.parse::<f32>().ok().filter(|v| v.is_finite() && *v >= 0.0)?;
                    Some((f[0].clone(), v, f.get(2).cloned().unwrap_or_default()))
                })
                .collect();
            Some(Chart::Bars { rows })
        }
        _ => None,
    }
}

fn line(x: f32, y: f32, dx: f32, dy: f32, width: f32, color: Color) -> Placed {
    Placed { x, y, item: Item::Line { dx, dy, width, color } }
}

fn rect(x: f32, y: f32, width: f32, height: f32, fill: Color) -> Placed {
    Placed { x, y, item: Item::Rect { width, height, fill } }
}

fn days(a: Date, b: Date) -> i64 {
    a.until(b).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// "in 3 days", "today", "2 days ago".
fn countdown(d: Date, today: Date) -> String {
    match days(today, d) {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 0 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// Draws a chart as one unbreakable flow line `width` wide at `x`.
pub(super) fn draw(chart: &Chart, sh: &mut Shaper, style: &Style, x: f32, width: f32) -> FlowLine {
    match chart {
        Chart::Timeline { today, entries, bad } => timeline(*today, entries, *bad, sh, style, x, width),
        Chart::Bars { rows } => bars(rows, sh, style, x, width),
    }
}

#[allow(clippy::too_many_arguments)]
fn timeline(
    today: Option<Date>,
    entries: &[(Date, bool, String)],
    bad: usize,
    sh: &mut Shaper,
    style: &Style,
    x: f32,
    width: f32,
) -> FlowLine {
    let sans = FontKey::regular(Family::Sans);
    let bold = FontKey { family: Family::Sans, bold: true, italic: false };
    let small = (style.size * 0.72).max(6.0);
    let row_h = small * 1.75;
    let mut items = Vec::new();
    // With more entries than rows, the ones nearest the note's date: what is coming first,
    // then what has just passed.
    let mut shown: Vec<&(Date, bool, String)> = entries.iter().collect();
    if let Some(t) = today
        && shown.len() > MAX_ROWS
    {
        shown.sort_by_key(|e| (e.0 < t, days(t, e.0).abs()));
        shown.truncate(MAX_ROWS);
        shown.sort_by_key(|e| e.0);
    }
    shown.truncate(MAX_ROWS);
    let lo = shown.iter().map(|e| e.0).chain(today).min();
    let hi = shown.iter().map(|e| e.0).chain(today).max();
    let (Some(first), Some(last)) = (lo, hi) else {
        let run = sh.run(sans, small, "No dated entries.", Color::GREY);
        items.push(Placed { x, y: small, item: Item::Text(run) });
        return FlowLine { height: small * 1.6, space_before: style.size * 0.6, items, ..FlowLine::default() };
    };
    // A little room either side so markers are not on the frame.
    let span = days(first, last).max(1) as f32;
    let pad = (span * 0.04).max(0.5);
    let x_of = |d: Date| x + (days(first, d) as f32 + pad) / (span + 2.0 * pad) * width;
    // Axis with ticks: days, weeks or months depending on the span.
    // Room above the axis for the tick labels and, above them, today's label.
    let axis_y = small * 3.2;
    items.push(line(x, axis_y, width, 0.0, 0.8, Color::GREY));
    let step = if span <= 14.0 {
        1
    } else if span <= 100.0 {
        7
    } else {
        0
    };
    let rows_top = axis_y + small;
    let rows_h = row_h * (shown.len() as f32);
    let mut d = first;
    let mut last_label_end = f32::MIN;
    for _ in 0..400 {
        if d > last {
            break;
        }
        let is_tick = match step {
            0 => d.day() == 1,
            1 => true,
            _ => d.weekday() == jiff::civil::Weekday::Monday,
        };
        if is_tick {
            let tx = x_of(d);
            items.push(line(tx, axis_y - 2.5, 0.0, 5.0, 0.5, Color::GREY));
            items.push(line(tx, rows_top, 0.0, rows_h, 0.3, Color(0.85, 0.85, 0.85)));
            let label = if step == 0 { d.strftime("%b %Y").to_string() } else { d.strftime("%-d %b").to_string() };
            let run = sh.run(sans, small * 0.9, &label, Color::GREY);
            let lx = tx - run.width / 2.0;
            if lx > last_label_end + 3.0 && lx + run.width <= x + width + 1.0 && lx >= x - 1.0 {
                last_label_end = lx + run.width;
                items.push(Placed { x: lx, y: axis_y - 5.0, item: Item::Text(run) });
            }
        }
        d = match d.tomorrow() {
            Ok(n) => n,
            Err(_) => break,
        };
    }
    let height = rows_top + rows_h + if entries.len() > shown.len() || bad > 0 { row_h } else { 0.0 };
    // Today: a vertical line through the rows.
    if let Some(t) = today {
        let tx = x_of(t);
        items.push(line(tx, small * 1.4, 0.0, height - small * 1.4, 1.0, Color::MARKING));
        let run = sh.run(bold, small * 0.9, &format!("Today {}", t.strftime("%-d %b")), Color::MARKING);
        let lx = (tx - run.width / 2.0).clamp(x, x + width - run.width);
        items.push(Placed { x: lx, y: small * 1.0, item: Item::Text(run) });
    }
    for (i, (d, deadline, label)) in shown.iter().enumerate() {
        let ry = rows_top + row_h * i as f32;
        let mx = x_of(*d);
        let (fill, size) = if *deadline { (Color::MARKING, 5.5) } else { (Color(0.35, 0.35, 0.35), 4.0) };
        items.push(rect(mx - size / 2.0, ry + row_h * 0.5 - size / 2.0, size, size, fill));
        let when = match today {
            Some(t) => format!("{} ({})", d.strftime("%-d %b"), countdown(*d, t)),
            None => d.strftime("%-d %b %Y").to_string(),
        };
        let text = format!("{when}: {label}");
        let font = if *deadline { bold } else { sans };
        // The label goes on the side with more room.
        let right_room = x + width - (mx + size);
        let left_room = mx - size - x;
        let (room, on_right) =
            if right_room >= left_room { (right_room - 4.0, true) } else { (left_room - 4.0, false) };
        let fitted = fit_with_ellipsis(sh, font, small, &text, room.max(20.0));
        let run = sh.run(font, small, &fitted, Color::BLACK);
        let lx = if on_right { mx + size + 4.0 } else { mx - size - 4.0 - run.width };
        // A white ground under the label, so the gridlines and today's line pass behind it.
        items.push(rect(lx - 1.0, ry + row_h * 0.5 - small * 0.6, run.width + 2.0, small * 1.2, Color(1.0, 1.0, 1.0)));
        items.push(Placed { x: lx, y: ry + row_h * 0.5 + small * 0.35, item: Item::Text(run) });
    }
    let mut notes = Vec::new();
    if entries.len() > shown.len() {
        notes.push(format!("{} more entries not shown", entries.len() - shown.len()));
    }
    if bad > 0 {
        notes.push(format!("{bad} unreadable lines skipped"));
    }
    if !notes.is_empty() {
        let run = sh.run(sans, small, &format!("({})", notes.join("; ")), Color::GREY);
        items.push(rect(
            x - 1.0,
            height - row_h * 0.3 - small * 0.95,
            run.width + 2.0,
            small * 1.2,
            Color(1.0, 1.0, 1.0),
        ));
        items.push(Placed { x, y: height - row_h * 0.3, item: Item::Text(run) });
    }
    FlowLine { height: height + small * 0.5, space_before: style.size * 0.6, items, ..FlowLine::default() }
}

fn bars(rows: &[(String, f32, String)], sh: &mut Shaper, style: &Style, x: f32, width: f32) -> FlowLine {
    let sans = FontKey::regular(Family::Sans);
    let small = (style.size * 0.8).max(6.0);
    let row_h = small * 1.7;
    let shown = &rows[..rows.len().min(MAX_ROWS)];
    let name_w = (width * 0.32).min(shown.iter().map(|r| sh.width(sans, small, &r.0)).fold(0.0, f32::max) + 6.0);
    let max = shown.iter().map(|r| r.1).fold(0.0, f32::max).max(1e-3);
    let bar_room = width - name_w - 30.0;
    let mut items = Vec::new();
    for (i, (name, v, kind)) in shown.iter().enumerate() {
        let y = row_h * i as f32;
        let fitted = fit_with_ellipsis(sh, sans, small, name, name_w - 6.0);
        let run = sh.run(sans, small, &fitted, Color::BLACK);
        items.push(Placed { x, y: y + row_h * 0.5 + small * 0.35, item: Item::Text(run) });
        let fill = match kind.as_str() {
            "person" => Color(0.2, 0.4, 0.7),
            "organization" | "organisation" => Color(0.35, 0.6, 0.35),
            "country" | "place" => Color(0.75, 0.5, 0.2),
            _ => Color::GREY,
        };
        let w = (v / max * bar_room).max(1.0);
        items.push(rect(x + name_w, y + row_h * 0.2, w, row_h * 0.6, fill));
        let label = if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.1}") };
        let run = sh.run(sans, small, &label, Color::GREY);
        items.push(Placed { x: x + name_w + w + 4.0, y: y + row_h * 0.5 + small * 0.35, item: Item::Text(run) });
    }
    items.push(line(x + name_w, 0.0, 0.0, row_h * shown.len() as f32, 0.6, Color::GREY));
    FlowLine {
        height: row_h * shown.len() as f32 + small * 0.5,
        space_before: style.size * 0.6,
        items,
        ..FlowLine::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_blocks_read_dates_kinds_and_escaped_labels() {
        let c = parse(
            "timeline",
            "today: 2026-11-26\n2026-12-04 | deadline | FCA \\*safeguarding\\* fix\n2026-11-20 | event | Grid\nnot a line\n",
        );
        let Some(Chart::Timeline { today, entries, bad }) = c else { panic!("a timeline") };
        assert_eq!(today, Some(jiff::civil::date(2026, 11, 26)));
        assert_eq!(entries[0], (jiff::civil::date(2026, 11, 20), false, "Grid".to_string()));
        assert_eq!(entries[1].2, "FCA *safeguarding* fix");
        assert!(entries[1].1);
        assert_eq!(bad, 1);
        assert_eq!(parse("rust", "fn main() {}"), None);
    }

    #[test]
    fn countdowns_read_naturally() {
        let t = jiff::civil::date(2026, 11, 26);
        assert_eq!(countdown(jiff::civil::date(2026, 12, 4), t), "in 8 days");
        assert_eq!(countdown(jiff::civil::date(2026, 11, 25), t), "yesterday");
        assert_eq!(countdown(jiff::civil::date(2026, 11, 20), t), "6 days ago");
    }
}
