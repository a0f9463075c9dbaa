//! The library under faults: `briefing import` and `briefing edit` killed at random points
//! (`BRIEFING_KILLS` of them, default 17; `BRIEFING_KILL_SEED` picks the points), a read-only
//! data folder, a full disk (a file-size limit on the writer), damaged database files. The
//! library must stay readable with exactly what was saved before (or everything, when the kill
//! came after the commit), never half an import; damage is reported with the file name and
//! kept, never replaced.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use briefing::brief::Edit;
use briefing::ingest::content_id;
use briefing::store::Store;

use crate::util::{Rng, root};

fn run(lib: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .output()
        .expect("the briefing binary runs")
}

/// The articles' ids, after checking each one's text is whole (the id is its text's hash).
fn ids(lib: &Path) -> Vec<String> {
    let store = Store::open(lib).unwrap_or_else(|e| panic!("the library opens after a fault: {e}"));
    let entries = store.list().unwrap_or_else(|e| panic!("the library lists after a fault: {e}"));
    for e in &entries {
        assert_eq!(content_id(&e.article.text), e.article.id, "article {} is half-written", e.article.id);
    }
    entries.into_iter().map(|e| e.article.id).collect()
}

fn edits(lib: &Path) -> Vec<Edit> {
    let store = Store::open(lib).unwrap_or_else(|e| panic!("the library opens after a fault: {e}"));
    let (edits, unreadable) = store.edits().unwrap_or_else(|e| panic!("the edits read after a fault: {e}"));
    assert_eq!(unreadable, 0, "no half-written edit");
    edits.into_iter().map(|(_, e)| e).collect()
}

/// A library holding the samples and one fixture.
fn library(dir: &Path) -> std::path::PathBuf {
    let lib = dir.join("library.sqlite");
    let fixture = root().join("tests/data/ingest/dateline.txt");
    let out = run(&lib, &["import", &fixture.to_string_lossy()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    lib
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

const BATCH: usize = 800;

/// Writes `BATCH` distinct article files for round `round`; returns the folder.
fn batch(dir: &Path, round: u64) -> std::path::PathBuf {
    let folder = dir.join(format!("batch-{round}"));
    std::fs::create_dir_all(&folder).expect("batch dir");
    for i in 0..BATCH {
        let text = format!(
            "Round {round} story {i} headline\n\nOfficials in Kestrel Bay said on Monday that item {i} of round {round} must be settled by 4 December.\n"
        );
        std::fs::write(folder.join(format!("a{i:04}.txt")), text).expect("write article");
    }
    folder
}

fn spawn(lib: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn briefing")
}

#[test]
fn killing_imports_and_edits_at_random_points_never_loses_or_half_writes_anything() {
    let kills = env_number("BRIEFING_KILLS", 17);
    let seed = env_number("BRIEFING_KILL_SEED", 0x6b11_5eed).max(1);
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = library(dir.path());
    let before = ids(&lib);
    assert!(before.len() >= 2, "samples plus the fixture");

    // How long a whole import of one batch takes here, so the kills spread over all of it.
    let folder = batch(dir.path(), u64::MAX);
    let start = Instant::now();
    let out = run(&lib, &["import", &folder.to_string_lossy()]);
    let whole = start.elapsed();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = Store::open(&lib).expect("open");
    for id in ids(&lib).iter().filter(|id| !before.contains(id)) {
        store.remove(id).expect("remove");
    }
    drop(store);

    let mut rng = Rng(seed);
    let (mut import_before, mut import_after, mut edit_before, mut edit_after) = (0, 0, 0, 0);
    let mut recorded: Vec<Edit> = edits(&lib);
    for round in 0..kills {
        if !rng.next().is_multiple_of(4) {
            let folder = batch(dir.path(), round);
            let delay = Duration::from_micros(rng.next() % (whole.as_micros() as u64 * 6 / 5).max(1));
            let mut child = spawn(&lib, &["import", &folder.to_string_lossy()]);
            std::thread::sleep(delay);
            let _ = child.kill();
            let _ = child.wait();
            let now = ids(&lib);
            let kept = before.iter().filter(|id| now.contains(id)).count();
            assert_eq!(kept, before.len(), "round {round} (seed {seed}): an article saved before the kill is gone");
            let new = now.len() - before.len();
            assert!(new == 0 || new == BATCH, "round {round} (seed {seed}): half an import ({new} of {BATCH})");
            if new == 0 {
                import_before += 1;
            } else {
                import_after += 1;
                // Take the batch out again so the next round starts from the same library.
                let store = Store::open(&lib).expect("open");
                for id in now.iter().filter(|id| !before.contains(id)) {
                    store.remove(id).expect("remove");
                }
            }
            std::fs::remove_dir_all(&folder).expect("remove batch");
        } else {
            let edit = Edit::ExcludeActor { actor: format!("Kestrel Bay {round}") };
            let json = serde_json::to_string(&edit).expect("edit as JSON");
            let delay = Duration::from_micros(rng.next() % 30_000);
            let mut child = spawn(&lib, &["edit", &json]);
            std::thread::sleep(delay);
            let _ = child.kill();
            let _ = child.wait();
            let now = edits(&lib);
            assert_eq!(now[..recorded.len()], recorded[..], "round {round} (seed {seed}): a recorded edit changed");
            match now.len() - recorded.len() {
                0 => edit_before += 1,
                1 => {
                    assert_eq!(now.last(), Some(&edit), "round {round} (seed {seed})");
                    edit_after += 1;
                }
                n => panic!("round {round} (seed {seed}): {n} edits from one command"),
            }
            recorded = now;
            assert_eq!(ids(&lib).len(), before.len());
        }
    }
    eprintln!(
        "{kills} kills (seed {seed}, whole import {whole:?}): imports killed before the commit {import_before}, \
         after it {import_after}; edits killed before {edit_before}, after {edit_after}; nothing lost or half-written"
    );
}

/// Whether this process may write where permissions say it may not (root).
fn is_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

/// Runs `briefing` as an ordinary user: root ignores permissions, so as root the child runs as
/// `nobody` (65534).
fn run_unprivileged(lib: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefing"));
    cmd.arg("--library").arg(lib).args(args).env("BRIEFING_DATA_DIR", lib.parent().unwrap_or(lib));
    if is_root() {
        cmd.uid(65534).gid(65534);
    }
    cmd.output().expect("the briefing binary runs")
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn a_read_only_library_is_read_and_refuses_writes_by_name_losing_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    chmod(dir.path(), 0o755);
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data folder");
    let lib = library(&data);
    let before = ids(&lib);
    let edits_before = edits(&lib);
    let article = dir.path().join("new.txt");
    std::fs::write(&article, "New story\n\nThe board said on Friday it would decide by 1 May.\n").expect("write");
    chmod(&article, 0o644);
    // Read-only file in a writable folder, then a read-only folder as well.
    for (file_mode, folder_mode) in [(0o444, 0o777), (0o444, 0o555), (0o644, 0o555)] {
        chmod(&lib, file_mode);
        chmod(&data, folder_mode);
        // Listing works in every mode (a read-only folder, where SQLite cannot create the WAL
        // index beside the file, is opened as an immutable file).
        let listed = run_unprivileged(&lib, &["list", "--json"]);
        let stderr = String::from_utf8_lossy(&listed.stderr);
        assert!(listed.status.success(), "modes {file_mode:o}/{folder_mode:o}: list failed: {stderr}");
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&listed.stdout).expect("JSON list");
        assert_eq!(rows.len(), before.len(), "modes {file_mode:o}/{folder_mode:o}: every article is listed");
        for args in [
            vec!["import", article.to_str().unwrap_or_default()],
            vec!["edit", r#"{"kind":"exclude_actor","actor":"X"}"#],
        ] {
            let out = run_unprivileged(&lib, &args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "modes {file_mode:o}/{folder_mode:o}: {args:?} must fail: {stderr}");
            assert!(stderr.contains(&lib.display().to_string()), "the error names the library: {stderr}");
            assert!(stderr.contains("read-only") || stderr.contains("readonly"), "the error says why: {stderr}");
            assert!(!stderr.contains("damaged"), "a read-only library is not damaged: {stderr}");
        }
        chmod(&data, 0o755);
        chmod(&lib, 0o644);
        assert_eq!(ids(&lib), before, "modes {file_mode:o}/{folder_mode:o}: nothing lost");
        assert_eq!(edits(&lib), edits_before);
        let backups = std::fs::read_dir(&data)
            .expect("list")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("damaged"))
            .count();
        assert_eq!(backups, 0, "no backup of a healthy library");
    }
}

#[test]
fn a_full_disk_fails_the_import_by_name_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = library(dir.path());
    let before = ids(&lib);
    let size = std::fs::metadata(&lib).map(|m| m.len()).expect("size");
    // Articles of about 2 KB: the batch needs well over a megabyte of journal.
    let folder = dir.path().join("big-batch");
    std::fs::create_dir_all(&folder).expect("folder");
    for i in 0..800 {
        let body = format!("Paragraph {i} of a long report on the Kestrel Bay port dispute. ").repeat(30);
        std::fs::write(folder.join(format!("b{i:04}.txt")), format!("Report {i}\n\n{body}\n")).expect("write");
    }
    // No file may grow past the library's size plus 256 KiB (in 512-byte blocks), as on a disk
    // that is nearly full; SIGXFSZ ignored, so writes fail with an error instead of killing.
    let blocks = size / 512 + 512;
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_briefing"))
        .arg("--library")
        .arg(&lib)
        .arg("import")
        .arg(&folder)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "the import must fail: {stderr}");
    assert!(stderr.contains(&lib.display().to_string()), "the error names the library: {stderr}");
    assert!(!stderr.contains("damaged"), "a full disk is not damage: {stderr}");
    assert_eq!(ids(&lib), before, "nothing lost, nothing half-written");
    // With room again, the same import goes through.
    let out = run(&lib, &["import", &folder.to_string_lossy()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ids(&lib).len(), before.len() + 800);
}

/// Damages a copy of a healthy library in several ways: each must be refused with the file's
/// name, the damaged file left exactly as it was and a copy kept beside it.
#[test]
fn a_damaged_library_is_reported_by_name_kept_and_never_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let healthy = library(dir.path());
    // Checkpointed and closed, so the whole library is in the one file.
    assert!(ids(&healthy).len() >= 2);
    let good = std::fs::read(&healthy).expect("read library");
    assert!(good.len() > 8 * 4096, "a library of several pages ({} bytes)", good.len());
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    cases.push((
        "garbage",
        b"this is not a database, it is a text file with enough bytes to look like one....".repeat(100),
    ));
    cases.push(("truncated", good[..good.len() / 2].to_vec()));
    let mut pages = good.clone();
    for b in &mut pages[4096 * 2..4096 * 5] {
        *b = 0xA5;
    }
    cases.push(("scribbled-pages", pages));
    let mut header = good.clone();
    header[16..24].copy_from_slice(&[0xff; 8]);
    cases.push(("bad-header", header));
    let mut zeroed = good.clone();
    zeroed[..100].fill(0);
    cases.push(("zeroed-header", zeroed));
    for (name, bytes) in cases {
        let lib = dir.path().join(format!("{name}.sqlite"));
        std::fs::write(&lib, &bytes).expect("write damaged library");
        for args in [vec!["list"], vec!["import", &root().join("tests/data/ingest/dateline.txt").to_string_lossy()]] {
            let out = run(&lib, &args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{name} {args:?}: refused, not read: {stderr}");
            assert!(stderr.contains(&lib.display().to_string()), "{name}: the error names the file: {stderr}");
            assert!(stderr.contains("damaged") || stderr.contains("not a readable library"), "{name}: {stderr}");
            assert!(stderr.contains("copy was kept"), "{name}: {stderr}");
            assert_eq!(std::fs::read(&lib).ok().as_ref(), Some(&bytes), "{name}: the damaged file is left as it was");
        }
        let copies: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&format!("{name}.sqlite.damaged")))
            .collect();
        assert_eq!(copies.len(), 1, "{name}: one copy kept, however often it is opened");
        assert_eq!(std::fs::read(copies[0].path()).ok().as_ref(), Some(&bytes), "{name}: the copy is exact");
    }
}
