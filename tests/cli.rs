//! The CLI contract: `extract` JSON shape and offsets, `render` PDFs, `templates`, exit codes
//! and error messages for bad input.

use serde_json::Value;

use crate::util::{briefing, contains_squashed, pdf_pages, pdf_text, root, samples};

const KEYS: &[&str] =
    &["file", "title", "published", "source", "url", "text", "actors", "times", "deadlines", "quotes", "key_points"];

#[test]
fn extract_prints_one_complete_json_line_per_sample() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = samples(&["txt", "md", "html"]);
    assert!(files.len() >= 6, "at least six samples");
    let mut args = vec!["extract", "--format", "jsonl"];
    args.extend(files.iter().map(String::as_str));
    let out = briefing(&args, dir.path());
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), files.len());
    for line in lines {
        let v: Value = serde_json::from_str(line).expect("valid JSON");
        for k in KEYS {
            assert!(v.get(k).is_some(), "key {k} missing in {line:.200}");
        }
        let text: Vec<char> = v["text"].as_str().unwrap_or("").chars().collect();
        assert!(v["title"].is_string(), "every sample has a title");
        assert!(v["published"].is_string(), "every sample has a date: {}", v["file"]);
        // Offsets are character offsets into text.
        for a in v["actors"].as_array().into_iter().flatten() {
            for m in a["mentions"].as_array().into_iter().flatten() {
                let (s, e) = (m["start"].as_u64().unwrap_or(0) as usize, m["end"].as_u64().unwrap_or(0) as usize);
                assert!(s < e && e <= text.len());
            }
        }
        for t in v["times"].as_array().into_iter().flatten() {
            let (s, e) = (t["start"].as_u64().unwrap_or(0) as usize, t["end"].as_u64().unwrap_or(0) as usize);
            let span: String = text[s..e].iter().collect();
            assert_eq!(span, t["text"].as_str().unwrap_or(""));
        }
    }
}

#[test]
fn verbatim_keeps_the_file_text_and_published_sets_the_reference() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "Title line\n\nThe minister said on Friday that talks would end.\n\nShare on facebook")
        .expect("write");
    let out =
        briefing(&["extract", "--verbatim", "--published", "2025-08-06", file.to_str().unwrap_or("")], dir.path());
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["text"], "Title line\n\nThe minister said on Friday that talks would end.\n\nShare on facebook");
    assert_eq!(v["published"], "2025-08-06");
    assert_eq!(v["times"][0]["text"], "Friday");
    assert_eq!(v["times"][0]["value"], "2025-08-01");
}

#[test]
fn bad_inputs_give_named_errors_and_exit_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = dir.path().join("image.png");
    std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").expect("write");
    let good = samples(&["txt"]).remove(0);
    // One bad among good: partial failure, exit 1, the good one still printed.
    let out = briefing(&["extract", bin.to_str().unwrap_or(""), &good], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error:") && err.contains("image.png") && err.contains("PNG"), "{err}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    // Only bad input: exit 2.
    let out = briefing(&["extract", "/no/such/file.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    // A date that does not exist.
    let out = briefing(&["extract", "--published", "2026-02-31", &good], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2026-02-31"));
    // Bad usage.
    let out = briefing(&["extract", "--format", "xml", &good], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn render_writes_a_pdf_with_every_title_and_the_marking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("brief.pdf");
    let files = samples(&["txt", "md", "html"]);
    let mut args = vec![
        "render",
        "--classification",
        "OFFICIAL-SENSITIVE",
        "--date",
        "2026-11-26",
        "-o",
        pdf.to_str().unwrap_or(""),
    ];
    args.extend(files.iter().map(String::as_str));
    let out = briefing(&args, dir.path());
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(pdf_pages(&bytes) >= 1);
    let text = pdf_text(&bytes);
    let extracted = briefing(
        &["extract", "--format", "jsonl"].into_iter().chain(files.iter().map(String::as_str)).collect::<Vec<_>>(),
        dir.path(),
    );
    for line in String::from_utf8_lossy(&extracted.stdout).lines() {
        let v: Value = serde_json::from_str(line).expect("json");
        let title = v["title"].as_str().unwrap_or("");
        assert!(contains_squashed(&text, title), "title {title:?} missing from the PDF text");
    }
    assert!(text.contains("OFFICIAL-SENSITIVE"));
    assert!(text.contains("Page 1 of"));
}

#[test]
fn templates_lists_every_built_in_template() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = briefing(&["templates"], dir.path());
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    for name in ["ministerial-note", "situation-brief", "uk-submission", "ministerial-brief-au", "daily-flash"] {
        assert!(s.contains(name), "{name} missing: {s}");
    }
}

#[test]
fn broken_template_reports_name_and_line_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let t = dir.path().join("broken.md.j2");
    std::fs::write(&t, "---\nname: broken\ndescription: x\n---\n# {{ meta.title }}\n\n{{ meta.no_such_field }}\n")
        .expect("write");
    let pdf = dir.path().join("out.pdf");
    let good = samples(&["txt"]).remove(0);
    let out = briefing(
        &["render", "--template", t.to_str().unwrap_or(""), "-o", pdf.to_str().unwrap_or(""), &good],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken") && err.contains("line 3"), "{err}");
    assert!(!pdf.exists());
}

#[test]
fn edits_survive_reanalysis_and_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = samples(&["txt"]).into_iter().find(|f| f.contains("bloc-ultimatum")).expect("the ultimatum sample");
    let brief = |dir: &std::path::Path| -> Value {
        let out = briefing(&["brief", "--json", "--date", "2026-11-03", &file], dir);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let before = brief(dir.path());
    let first_actor = before["actors"][0]["name"].as_str().unwrap_or("").to_string();
    let deadline_what = before["deadlines"][0]["what"].as_str().unwrap_or("").to_string();
    let deadline_date = before["deadlines"][0]["date"].as_str().unwrap_or("").to_string();
    assert!(!first_actor.is_empty() && !deadline_what.is_empty());
    // The store needs the library to exist: opening it through `edit --list` creates it.
    assert!(briefing(&["edit", "--list"], dir.path()).status.success());
    let key_words: Vec<String> = deadline_what
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_string)
        .collect();
    let key = format!("{deadline_date}|{}", key_words.join(" "));
    for edit in [
        serde_json::json!({"kind": "rename_actor", "from": first_actor, "to": "Renamed Actor"}),
        serde_json::json!({"kind": "exclude_deadline", "key": key}),
        serde_json::json!({"kind": "add_point", "text": "The analyst's own point."}),
    ] {
        let out = briefing(&["edit", &edit.to_string()], dir.path());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    // Each `brief` is a new process that re-analyses the article and reads the library.
    for _ in 0..2 {
        let after = brief(dir.path());
        assert_eq!(after["actors"][0]["name"], "Renamed Actor");
        assert!(after["deadlines"].as_array().into_iter().flatten().all(|d| d["what"] != deadline_what.as_str()));
        assert!(after["key_points"].as_array().into_iter().flatten().any(|p| p["text"] == "The analyst's own point."));
    }
    let bad = briefing(&["edit", r#"{"kind":"grade_source","article":"x","grade":"Z9"}"#], dir.path());
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn import_list_and_remove_manage_the_library() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = dir.path().join("lib.sqlite");
    let lib_s = lib.to_string_lossy().to_string();
    let fixtures = root().join("tests/data/ingest");
    let fx = fixtures.to_string_lossy().to_string();
    // The whole fixture folder: good files, two formats of the same story, and bad files.
    let out = briefing(&["--library", &lib_s, "import", &fx], dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "some files fail: exit 1\n{stderr}");
    assert!(stdout.starts_with("imported "), "{stdout}");
    for bad in ["empty.txt: file is empty", "corrupt.html.gz: file is damaged", "broken-feed.xml: file is damaged"] {
        assert!(stderr.contains(bad), "{bad} not reported:\n{stderr}");
    }
    assert!(!stderr.contains("binary.png"), "folders give only article files:\n{stderr}");
    assert!(stderr.contains("duplicate: "), "same story in two formats is reported\n{stderr}");
    let listed = briefing(&["--library", &lib_s, "list", "--json"], dir.path());
    let rows: Vec<Value> = serde_json::from_slice(&listed.stdout).expect("list --json is JSON");
    let feed_item = rows.iter().find(|r| r["file"].as_str().is_some_and(|f| f.ends_with("feed-atom.atom#1")));
    let feed_item = feed_item.expect("the Atom entry is in the library");
    assert_eq!(feed_item["published"], "2026-11-19");
    assert_eq!(feed_item["format"], "feed");
    assert!(rows.iter().any(|r| r["format"] == "email"));
    assert!(rows.len() >= 7 + 5, "samples seeded on first start plus the fixtures: {}", rows.len());
    // Importing the same folder again adds nothing.
    let again = briefing(&["--library", &lib_s, "import", &fx], dir.path());
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("imported 0,"));
    // Remove by a unique start of the id.
    let id = feed_item["id"].as_str().unwrap_or_default();
    let rm = briefing(&["--library", &lib_s, "remove", &id[..8]], dir.path());
    assert!(rm.status.success(), "{}", String::from_utf8_lossy(&rm.stderr));
    let after: Vec<Value> =
        serde_json::from_slice(&briefing(&["--library", &lib_s, "list", "--json"], dir.path()).stdout).expect("json");
    assert_eq!(after.len(), rows.len() - 1);
    let missing = briefing(&["--library", &lib_s, "remove", "zzzz"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no article with id `zzzz`"));
}

#[test]
fn an_undated_articles_deadline_is_kept_with_its_relative_meaning_and_named_in_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("undated-envoy.txt");
    std::fs::write(
        &file,
        "Envoy Heads to Oslo Before Accord Deadline\n\nEnvoy Anna Berg arrived in Oslo on Wednesday, two days ahead \
         of a deadline set by President Tomas Reyes for Norway to sign the accord or face new tariffs.\n",
    )
    .expect("write");
    let path = file.to_str().unwrap_or("");
    let out = briefing(&["brief", "--date", "2025-08-06", path], dir.path());
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("undated-envoy.txt") && stderr.contains("no publication date"), "{stderr}");
    assert!(stderr.contains("two days after Wednesday"), "{stderr}");
    let note = String::from_utf8_lossy(&out.stdout);
    assert!(!note.contains("No deadlines were identified"), "{note}");
    assert!(note.contains("two days after Wednesday (date unknown"), "{note}");
    assert!(note.contains("Norway to sign the accord"), "{note}");
    // Given the date, the same deadline is dated and the warning goes.
    let out = briefing(&["brief", "--date", "2025-08-06", "--published", "2025-08-06", path], dir.path());
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("no publication date"));
    let note = String::from_utf8_lossy(&out.stdout);
    assert!(note.contains("Fri 8 Aug 2025 (in 2 days)"), "{note}");
}
