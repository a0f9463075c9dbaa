//! The desktop app (feature `gui`): eframe/egui window over the same pipeline the CLI uses.
//! One file per panel; long work (analysis, PDF export) on named worker threads.

mod analysis;
mod app;
mod article;
mod dialogs;
mod library;
mod preview;

pub use app::{BriefingApp, ExportState, Tab, describe_edit, install_fonts};
pub use library::{PasteDraft, SortBy, parse_user_date};

/// Opens the window on the library at `store_path`.
///
/// With `BRIEFING_FIRST_FRAME=exit` in the environment it prints the time from start to the
/// end of the first frame and closes (the cold-start measurement in BENCHMARKS.md).
pub fn run(store_path: std::path::PathBuf) -> Result<(), String> {
    let started = std::time::Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1360.0, 860.0]).with_title("briefing"),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "briefing",
        options,
        Box::new(move |cc| {
            app::install_fonts(&cc.egui_ctx);
            let mut app = BriefingApp::open(&store_path);
            app.started = Some(started);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}
