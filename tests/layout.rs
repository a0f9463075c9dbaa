//! Golden layout tests: every Markdown file in `tests/data/layout/` is laid out with the
//! default A4 style and its item-by-item dump compared with the `.layout.txt` beside it.
//! After an intended change, regenerate with `BLESS=1 cargo test layout_golden` and review
//! the diff. Also: a PDF of each read back with lopdf and pdf-extract.

use briefing::layout::{self, Style};
use briefing::pdf::{self, PdfOptions};

use crate::util::root;

fn style() -> Style {
    Style { classification: "OFFICIAL".into(), header: "Golden test · FILE-001".into(), ..Style::default() }
}

fn inputs() -> Vec<std::path::PathBuf> {
    let dir = root().join("tests/data/layout");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "golden inputs present");
    files
}

#[test]
fn layout_golden() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failed = Vec::new();
    for md in inputs() {
        let text = std::fs::read_to_string(&md).expect("golden input reads");
        let dump = layout::layout(&text, &style(), "Golden").dump();
        let golden = md.with_extension("layout.txt");
        if bless {
            std::fs::write(&golden, &dump).expect("golden written");
            continue;
        }
        let want = std::fs::read_to_string(&golden)
            .unwrap_or_else(|e| panic!("{}: {e} (run with BLESS=1 to create it)", golden.display()));
        if want != dump {
            let first = want.lines().zip(dump.lines()).position(|(a, b)| a != b).unwrap_or(0);
            failed.push(format!(
                "{}: first difference at line {}:\n  want {:?}\n  got  {:?}",
                md.display(),
                first + 1,
                want.lines().nth(first),
                dump.lines().nth(first)
            ));
        }
    }
    assert!(failed.is_empty(), "layout changed (BLESS=1 to accept):\n{}", failed.join("\n"));
}

#[test]
fn golden_inputs_make_pdfs_that_read_back() {
    for md in inputs() {
        let text = std::fs::read_to_string(&md).expect("golden input reads");
        let doc = layout::layout(&text, &style(), "Golden");
        let opts = PdfOptions { created: jiff::Timestamp::from_second(1_790_000_000).ok(), ..PdfOptions::default() };
        let bytes = pdf::write(&doc, &opts).expect("pdf");
        let lo = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
        assert_eq!(lo.get_pages().len(), doc.pages.len(), "{}", md.display());
        let extracted = pdf_extract::extract_text_from_mem(&bytes).expect("pdf-extract reads it");
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let got = words(&extracted);
        assert!(got.contains("OFFICIAL"), "{}", md.display());
        assert!(got.contains(&format!("Page {} of {}", doc.pages.len(), doc.pages.len())), "{}", md.display());
        if md.to_string_lossy().contains("names") {
            for name in ["Élodie Marchand", "Zoë Lefèvre", "Тарас Мельник", "Ελλάδα"] {
                assert!(got.contains(name), "{name} reads back exactly from {}", md.display());
            }
        }
    }
}

#[test]
fn render_note_lays_out_hand_written_markdown_and_is_byte_identical_with_a_fixed_clock() {
    let dir = tempfile::tempdir().expect("temp dir");
    let note = root().join("tests/data/layout/04-footnotes-and-names.md");
    let run = |out: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
            .env("BRIEFING_DATA_DIR", dir.path())
            .env("SOURCE_DATE_EPOCH", "1790000000")
            .args(["render", "--template", "uk-submission", "--note"])
            .arg(&note)
            .arg("--output")
            .arg(dir.path().join(out))
            .output()
            .expect("the briefing binary runs")
    };
    for out in ["a.pdf", "b.pdf"] {
        let o = run(out);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let a = std::fs::read(dir.path().join("a.pdf")).expect("a.pdf");
    let b = std::fs::read(dir.path().join("b.pdf")).expect("b.pdf");
    assert!(a == b, "two renders of the same note with SOURCE_DATE_EPOCH set differ");
    let text = crate::util::pdf_text(&a);
    assert!(crate::util::contains_squashed(&text, "Тарас Мельник"), "{text}");
    assert!(text.contains("OFFICIAL"), "the uk-submission marking: {text}");

    // A binary "note" is refused with the file named, and nothing is written.
    let bin = dir.path().join("photo.md");
    std::fs::write(&bin, [0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).expect("write");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .env("BRIEFING_DATA_DIR", dir.path())
        .args(["render", "--note"])
        .arg(&bin)
        .arg("--output")
        .arg(dir.path().join("c.pdf"))
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && err.contains("photo.md") && err.contains("not UTF-8"), "{err}");
    assert!(!dir.path().join("c.pdf").exists());
}

#[test]
fn render_format_md_writes_the_markdown_beside_the_pdf() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("note.pdf");
    let sample = crate::util::samples(&["txt"]).into_iter().next().expect("a txt sample");
    let o = crate::util::briefing(
        &["render", "--format", "md", "--date", "2026-11-26", "--output", &out.to_string_lossy(), &sample],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(dir.path().join("note.md")).expect("the Markdown beside the PDF");
    assert!(md.starts_with("# ") && md.contains("[^1]:"), "the note with its source footnotes: {md}");
}
