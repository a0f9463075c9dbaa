//! Integration tests: the built `briefing` binary on the samples and fixtures, the desktop
//! app driven through egui_kittest, and (when `../shared/eval` exists) the eval articles.

mod cli;
#[cfg(feature = "gui")]
mod gui;
mod robustness;
mod util;
