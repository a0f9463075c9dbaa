//! The `briefing` library: news articles in, a sourced, templated briefing note out.
//!
//! The pipeline is a chain of pure stages with plain data between them:
//! [`ingest`] → [`nlp`] (the trained language backbone) → [`analyze`] → [`brief`] → [`layout`]
//! → [`pdf`]. The [`store`] keeps the analyst's library and edits; the CLI ([`cli`]) and the
//! desktop app (`gui`, feature `gui`) only call into the stages.

pub mod analyze;
pub mod bench;
pub mod brief;
pub mod cli;
#[cfg(feature = "gui")]
pub mod gui;
pub mod ingest;
pub mod layout;
pub mod nlp;
pub mod pdf;
pub mod pipeline;
pub mod samples;
pub mod store;
pub mod text;
pub mod train;
