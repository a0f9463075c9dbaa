//! Empty: this package exists for its criterion benchmark, `pipeline.rs`.
