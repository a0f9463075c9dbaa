//! Integration tests: the built `briefing` binary on the samples and fixtures, ingest of every
//! format, the library under kills, the desktop
//! app driven through egui_kittest, and (when `../shared/eval` exists) the eval articles.

mod cli;
#[cfg(feature = "gui")]
mod gui;
mod ingest;
mod layout;
mod robustness;
mod store;
mod util;
