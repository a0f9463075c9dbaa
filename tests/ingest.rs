//! Ingest on our fixtures in `tests/data/ingest/`: every format, every publication-date
//! source, every encoding, and the bad inputs, each with the exact metadata expected.

use briefing::ingest::{self, Article, Format, IngestError, IngestOptions};
use jiff::civil::{Date, date};

use crate::util::root;

fn read(name: &str) -> Result<Vec<Article>, IngestError> {
    let path = root().join("tests/data/ingest").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()));
    ingest::load(name, &bytes, &IngestOptions::default())
}

fn one(name: &str) -> Article {
    match read(name) {
        Ok(mut v) if v.len() == 1 => v.remove(0),
        other => panic!("{name}: expected one article, got {other:?}"),
    }
}

const STRIKE_TITLE: &str = "Dockers end nine-day strike at Kestrel Bay";
const STRIKE_START: &str = "The port authority of Kestrel Bay said on Monday";
const STRIKE_END: &str = "or the walkout would resume.";

/// (file, format, title, published, source, how the text starts)
type Case = (&'static str, Format, &'static str, Option<Date>, Option<&'static str>, &'static str);

#[test]
fn each_format_and_date_source_gives_the_right_metadata() {
    let nov16 = Some(date(2026, 11, 16));
    let cases: &[Case] = &[
        // Web pages: Open Graph, JSON-LD, <time datetime>, Dublin Core, gzip, none at all.
        ("page-og.html", Format::Html, STRIKE_TITLE, nov16, Some("Kestrel Bay Courier"), STRIKE_START),
        ("page-jsonld.html", Format::Html, STRIKE_TITLE, nov16, Some("courier.example"), STRIKE_START),
        ("page-time.html", Format::Html, STRIKE_TITLE, nov16, None, STRIKE_START),
        ("page-dcdate.html", Format::Html, STRIKE_TITLE, nov16, None, STRIKE_START),
        ("page.html.gz", Format::Html, STRIKE_TITLE, nov16, None, STRIKE_START),
        // "Updated 3 hours ago" is not a publication date, and not text either.
        ("page-undated.html", Format::Html, STRIKE_TITLE, None, None, STRIKE_START),
        // Text: a dateline with a date; a dateline crediting an outlet but with no date.
        ("dateline.txt", Format::Text, STRIKE_TITLE, nov16, None, "KESTREL BAY, 16 November 2026 – The port"),
        ("dateline-credit.txt", Format::Text, STRIKE_TITLE, None, Some("Harbour Wire"), "KESTREL BAY (Harbour Wire)"),
        ("notes.md", Format::Markdown, STRIKE_TITLE, nov16, None, STRIKE_START),
        // E-mail: Date: header, sender's display name, encoded-word subjects.
        (
            "alert-multipart.eml",
            Format::Email,
            "Rail operators told to file winter plans — deadline 2 December",
            Some(date(2026, 11, 18)),
            Some("Transport Alerts"),
            "The Ministry of Transport announced on Wednesday",
        ),
        (
            "alert-html-latin1.eml",
            Format::Email,
            "Grève des contrôleurs",
            Some(date(2026, 11, 19)),
            Some("Le Courrier"),
            "Air traffic controllers in Marseille",
        ),
    ];
    for &(file, format, title, published, source, start) in cases {
        let a = one(file);
        assert_eq!(a.format, format, "{file}");
        assert_eq!(a.title.as_deref(), Some(title), "{file}");
        assert_eq!(a.published, published, "{file}");
        assert_eq!(a.source.as_deref(), source, "{file}");
        assert!(a.text.starts_with(start), "{file}: {:?}", &a.text[..a.text.len().min(120)]);
        assert!(a.raw_hash.is_some(), "{file}");
    }
}

#[test]
fn furniture_is_dropped_from_pages_texts_and_mails() {
    for file in ["page-og.html", "page-time.html", "dateline.txt", "utf8-bom.txt"] {
        let a = one(file);
        assert!(a.text.ends_with(STRIKE_END), "{file}: {:?}", a.text);
        for junk in ["Related", "Share on", "newsletter", "Other story", "Home", "Updated", "By Jonas"] {
            assert!(!a.text.contains(junk), "{file} keeps {junk:?}");
        }
    }
    let time = one("page-time.html");
    assert_eq!(time.author.as_deref(), Some("Jonas Holt"));
    let mail = one("alert-multipart.eml");
    assert_eq!(mail.url.as_deref(), Some("https://alerts.example/rail-winter-plans"));
    assert!(mail.text.ends_with("told reporters in Lyon."), "{:?}", mail.text);
    for junk in ["Dear subscriber", "Read more", "receiving this alert"] {
        assert!(!mail.text.contains(junk), "mail keeps {junk:?}");
    }
}

#[test]
fn feeds_give_one_article_per_item_with_its_own_date_and_link() {
    let rss = read("feed-rss2.xml").unwrap_or_default();
    assert_eq!(rss.len(), 2);
    assert_eq!(rss[0].file, "feed-rss2.xml#1");
    assert_eq!(rss[0].title.as_deref(), Some(STRIKE_TITLE));
    assert_eq!(rss[0].published, Some(date(2026, 11, 16)));
    assert_eq!(rss[0].url.as_deref(), Some("https://courier.example/news/dockers-end-strike"));
    assert_eq!(rss[0].author.as_deref(), Some("Jonas Holt"));
    assert_eq!(rss[0].source.as_deref(), Some("Kestrel Bay Courier"));
    assert!(rss[0].text.starts_with(STRIKE_START) && rss[0].text.ends_with(STRIKE_END), "{}", rss[0].text);
    assert_eq!(rss[1].published, Some(date(2026, 11, 17)));
    assert_eq!(rss[1].author.as_deref(), Some("Priya Nair"));
    assert_eq!(rss[1].text.split("\n\n").count(), 2, "escaped HTML description becomes paragraphs");
    let atom = read("feed-atom.atom").unwrap_or_default();
    assert_eq!(atom.len(), 1);
    assert_eq!(atom[0].published, Some(date(2026, 11, 19)), "published wins over updated");
    assert_eq!(atom[0].source.as_deref(), Some("Northbridge Regulatory Wire"));
    assert_eq!(atom[0].author.as_deref(), Some("Ruth Adebayo"));
    assert_eq!(atom[0].url.as_deref(), Some("https://wire.example/2026/11/lenders-deadline"));
    assert!(atom[0].text.ends_with("face enforcement action, the office said."), "{}", atom[0].text);
}

#[test]
fn every_encoding_decodes_to_the_same_nfc_text() {
    let reference = one("dateline.txt");
    for file in ["utf8-bom.txt", "utf16le-bom.txt", "utf16be-bom.txt"] {
        let a = one(file);
        assert_eq!(a.text, reference.text, "{file}");
        assert_eq!(a.title, reference.title, "{file}");
        assert_eq!(a.published, reference.published, "{file}");
    }
    let cp = one("windows-1252.txt");
    assert_eq!(cp.title.as_deref(), Some("Café owners welcome “fair” deal"));
    assert!(cp.text.contains("José Ibáñez"));
    assert_eq!(one("nfd.txt").text, cp.text, "decomposed accents are composed (NFC)");
    assert!(one("latin-1.txt").text.contains("José Ibáñez"));
    assert!(one("page-latin1.html").text.contains("Café owners in the port, José Ibáñez"));
}

#[test]
fn bad_inputs_are_named_errors_or_best_effort_articles() {
    assert_eq!(read("empty.txt"), Err(IngestError::Empty));
    assert_eq!(read("whitespace.txt"), Err(IngestError::Empty));
    assert!(matches!(read("binary.png"), Err(IngestError::Binary { .. })));
    assert!(matches!(read("corrupt.html.gz"), Err(IngestError::Corrupt { .. })));
    match read("broken-feed.xml") {
        Err(IngestError::Corrupt { problem }) => assert!(problem.contains("feed XML"), "{problem}"),
        other => panic!("broken feed: {other:?}"),
    }
    // A page cut off mid-way still gives the text that arrived.
    let cut = one("truncated.html");
    assert!(cut.text.starts_with(STRIKE_START), "{}", cut.text);
    let huge = vec![b'a'; ingest::MAX_INPUT_BYTES + 1];
    assert!(matches!(ingest::load("huge.txt", &huge, &IngestOptions::default()), Err(IngestError::TooLarge { .. })));
}

#[test]
fn the_same_text_in_two_formats_is_one_article() {
    let page = one("page-og.html");
    let feed = read("feed-rss2.xml").unwrap_or_default();
    assert_eq!(page.id, feed[0].id, "same text, same id, whatever the wrapping");
    assert_ne!(page.raw_hash, feed[0].raw_hash, "but different files");
}
