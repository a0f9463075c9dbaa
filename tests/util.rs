//! Helpers shared by the integration tests: running the binary, listing samples, reading
//! PDFs back.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the built `briefing` binary with an isolated data folder.
pub fn briefing(args: &[&str], data_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .env("BRIEFING_DATA_DIR", data_dir)
        .output()
        .expect("the briefing binary runs")
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Paths of the bundled samples with the given extensions.
pub fn samples(exts: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("assets/samples"))
        .expect("samples folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)))
        .map(|p| p.display().to_string())
        .collect();
    out.sort();
    out
}

/// The text of a PDF, pages joined.
pub fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).expect("the PDF reads back")
}

/// Whitespace-insensitive containment (PDF text extraction breaks lines freely).
pub fn contains_squashed(haystack: &str, needle: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    squash(haystack).contains(&squash(needle))
}

/// The number of pages of a PDF.
pub fn pdf_pages(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes).map(|d| d.get_pages().len()).unwrap_or(0)
}

/// A small deterministic generator (xorshift), so generated inputs repeat and a failing seed
/// can be rerun, without a crate.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
