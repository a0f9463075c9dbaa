//! The library under faults: `briefing import` and `briefing edit` killed at many points leave
//! the library readable with exactly what was saved before (or everything, if the kill came
//! after the commit), never half an import.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use briefing::store::Store;

use crate::util::root;

fn run(lib: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .output()
        .expect("the briefing binary runs")
}

fn ids(lib: &Path) -> Vec<String> {
    let store = Store::open(lib).unwrap_or_else(|e| panic!("the library opens after a kill: {e}"));
    store
        .list()
        .unwrap_or_else(|e| panic!("the library lists after a kill: {e}"))
        .into_iter()
        .map(|e| e.article.id)
        .collect()
}

#[test]
fn killing_an_import_or_an_edit_never_loses_or_half_writes_anything() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = dir.path().join("library.sqlite");
    let fixtures = root().join("tests/data/ingest");
    let out = run(&lib, &["import", &fixtures.join("dateline.txt").to_string_lossy()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let before = ids(&lib);
    assert!(before.len() >= 2, "samples plus the fixture");

    let (mut mid_way, mut after_commit) = (0, 0);
    for (round, delay_ms) in [0u64, 3, 10, 25, 50, 80, 120, 200, 320, 500, 800, 1300].into_iter().enumerate() {
        let batch = dir.path().join(format!("batch-{round}"));
        std::fs::create_dir_all(&batch).expect("batch dir");
        for i in 0..800 {
            let text = format!(
                "Round {round} story {i} headline\n\nOfficials in Kestrel Bay said on Monday that item {i} of round {round} must be settled by 4 December.\n"
            );
            std::fs::write(batch.join(format!("a{i:04}.txt")), text).expect("write article");
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .arg("--library")
            .arg(&lib)
            .arg("import")
            .arg(&batch)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn import");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = ids(&lib);
        let saved_before = ids_before(&before, &now);
        assert_eq!(saved_before, before.len(), "round {round}: an article saved before the kill is gone");
        let new = now.len() - before.len();
        assert!(new == 0 || new == 800, "round {round}: half an import ({new} of 800 articles)");
        if new == 0 {
            mid_way += 1;
        } else {
            after_commit += 1;
            // Take the batch out again so the next round starts from the same library.
            let store = Store::open(&lib).expect("open");
            for id in now.iter().filter(|id| !before.contains(id)) {
                store.remove(id).expect("remove");
            }
        }
    }
    eprintln!("import kills: {mid_way} before the commit, {after_commit} after it");

    for delay_ms in [0u64, 2, 5, 10, 20] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .arg("--library")
            .arg(&lib)
            .args(["edit", r#"{"kind":"exclude_actor","actor":"Kestrel Bay"}"#])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn edit");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let store = Store::open(&lib).expect("the library opens after a killed edit");
        let (edits, unreadable) = store.edits().expect("edits read");
        assert_eq!(unreadable, 0, "no half-written edit");
        assert!(edits.len() <= 5);
        assert_eq!(ids_before(&before, &ids(&lib)), before.len());
    }
}

fn ids_before(before: &[String], now: &[String]) -> usize {
    before.iter().filter(|id| now.contains(id)).count()
}
