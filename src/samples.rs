//! The sample articles bundled in `assets/samples/`, which a new user sees on first start.

/// File name and bytes of each bundled sample.
pub const SAMPLES: &[(&str, &[u8])] = &[
    ("bloc-ultimatum-detainees.txt", include_bytes!("../assets/samples/bloc-ultimatum-detainees.txt")),
    (
        "us-mexico-appliance-tariff-deadline.md",
        include_bytes!("../assets/samples/us-mexico-appliance-tariff-deadline.md"),
    ),
    (
        "fca-payment-firms-safeguarding-deadline.html",
        include_bytes!("../assets/samples/fca-payment-firms-safeguarding-deadline.html"),
    ),
    (
        "court-orders-utility-cleanup-plan.txt",
        include_bytes!("../assets/samples/court-orders-utility-cleanup-plan.txt"),
    ),
    (
        "halvorsen-brightwater-takeover-deadline.md",
        include_bytes!("../assets/samples/halvorsen-brightwater-takeover-deadline.md"),
    ),
    (
        "alder-hollow-cheese-listeria-recall.html",
        include_bytes!("../assets/samples/alder-hollow-cheese-listeria-recall.html"),
    ),
    ("ukraine-grid-repair-deadline.txt", include_bytes!("../assets/samples/ukraine-grid-repair-deadline.txt")),
];

/// The samples read as articles (those that fail to read are skipped with their error).
pub fn load() -> (Vec<crate::ingest::Article>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (name, bytes) in SAMPLES {
        match crate::ingest::load(name, bytes, &crate::ingest::IngestOptions::default()) {
            Ok(a) => out.extend(a),
            Err(e) => errors.push(format!("{name}: {e}")),
        }
    }
    (out, errors)
}
