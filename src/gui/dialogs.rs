//! Native file dialogs (rfd, on a worker thread so the window never blocks) and handing a
//! file to the desktop ("Open", "Show in folder"). Both fail gracefully: a desktop without a
//! file-chooser portal or without `xdg-open` gets a message saying what to do instead.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

/// What a dialog worker answers: the chosen paths (empty when cancelled or unavailable).
pub type DialogReply = Receiver<Vec<PathBuf>>;

/// Which dialog a reply belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    /// Article files to import.
    Import,
    /// Where to save the PDF.
    SavePdf,
}

/// Opens a dialog on a worker thread; `None` when the thread cannot start.
pub fn spawn(kind: DialogKind, ctx: &egui::Context, current: &Path) -> Option<DialogReply> {
    let (tx, rx) = mpsc::channel();
    let ctx = ctx.clone();
    let current = current.to_path_buf();
    std::thread::Builder::new()
        .name("file-dialog".into())
        .spawn(move || {
            let chosen = std::panic::catch_unwind(move || match kind {
                DialogKind::Import => rfd::FileDialog::new()
                    .set_title("Import articles")
                    .add_filter("Articles", crate::ingest::ARTICLE_EXTENSIONS)
                    .add_filter("All files", &["*"])
                    .pick_files()
                    .unwrap_or_default(),
                DialogKind::SavePdf => {
                    let mut d = rfd::FileDialog::new().set_title("Export the note as PDF").add_filter("PDF", &["pdf"]);
                    if let Some(dir) = current.parent().filter(|d| d.is_dir()) {
                        d = d.set_directory(dir);
                    }
                    if let Some(name) = current.file_name() {
                        d = d.set_file_name(name.to_string_lossy());
                    }
                    d.save_file().into_iter().collect()
                }
            })
            .unwrap_or_default();
            let _ = tx.send(chosen);
            ctx.request_repaint();
        })
        .ok()?;
    Some(rx)
}

/// Opens a file or folder with the desktop's default application.
pub fn open_with_desktop(path: &Path) -> Result<(), String> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| format!("cannot open `{}` ({program}: {e}); open it from your file manager", path.display()))
}
