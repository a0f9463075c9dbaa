//! Integration tests: the built `briefing` binary on the samples and fixtures, ingest of every
//! format, hostile inputs under a kill timeout and a memory ceiling, the library under kills,
//! permissions, a full disk and damage, the desktop app driven through egui_kittest, and (when
//! `../shared/eval` exists) the eval articles.

mod analysis;
mod cli;
#[cfg(feature = "gui")]
mod gui;
#[cfg(unix)]
mod hostile;
mod ingest;
mod layout;
mod nlp;
mod robustness;
#[cfg(unix)]
mod store;
mod util;
