//! The library store: the analyst's articles, picks and settings in a SQLite database in the
//! user's data folder. Schema migrations by `user_version`; every write is a transaction, WAL
//! journal, so a crash never leaves half an import; a damaged database is reported and kept
//! (copied aside), never silently replaced.

use std::fmt;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use crate::brief::Edit;
use crate::ingest::{Article, Format};

/// The data folder: `$BRIEFING_DATA_DIR`, else the platform's (e.g. `~/.local/share/briefing`).
pub fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("BRIEFING_DATA_DIR") {
        return PathBuf::from(d);
    }
    directories::ProjectDirs::from("org", "briefing", "briefing")
        .map(|p| p.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".briefing"))
}

/// The library file: `override_path` (the CLI's `--library`), else `$BRIEFING_LIBRARY`, else
/// `library.sqlite` in the data folder.
pub fn library_path(override_path: Option<&Path>) -> PathBuf {
    if let Some(p) = override_path {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("BRIEFING_LIBRARY").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    data_dir().join("library.sqlite")
}

/// A store failure, with the database file it concerns.
#[derive(Debug)]
pub struct StoreError {
    /// The database file.
    pub path: PathBuf,
    /// What went wrong.
    pub problem: String,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "library `{}`: {}", self.path.display(), self.problem)
    }
}

impl std::error::Error for StoreError {}

/// An article in the library with the analyst's state.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryEntry {
    /// The article.
    pub article: Article,
    /// Picked for the briefing.
    pub picked: bool,
}

/// The open library.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

const MIGRATIONS: &[&str] = &[
    // 1: articles and settings.
    "CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        file TEXT NOT NULL,
        title TEXT,
        published TEXT,
        source TEXT,
        url TEXT,
        author TEXT,
        text TEXT NOT NULL,
        format TEXT NOT NULL,
        picked INTEGER NOT NULL DEFAULT 0,
        added_seq INTEGER NOT NULL
    );
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 2: analyst edits on top of the automatic analysis.
    "CREATE TABLE edits (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        value TEXT NOT NULL
    );",
    // 3: the hash of each article's original file bytes (re-imports of the same file).
    "ALTER TABLE articles ADD COLUMN raw_hash TEXT;
    CREATE INDEX articles_raw_hash ON articles (raw_hash);",
];

impl Store {
    /// Opens (creating if needed) the library at `path`, migrating it to the current schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let err = |problem: String| StoreError { path: path.to_path_buf(), problem };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| err(format!("cannot create the data folder: {e}")))?;
        }
        let conn = Connection::open(path).map_err(|e| err(format!("cannot open: {}", problem(&e))))?;
        match quick_check(&conn) {
            Ok(Ok(())) => {}
            Ok(Err(detail)) => return Err(err(damaged(path, &detail))),
            Err(e) if is_damage(&e) => {
                return Err(err(format!("the file is not a readable library ({e}); {}", backup(path))));
            }
            // A library the analyst may only read (a read-only file or folder, a
            // write-protected share): SQLite cannot create the WAL index beside it, so it is
            // opened as it is, read-only; every write then fails saying why.
            Err(e) if is_read_only(&e) && path.exists() => {
                return Store::open_read_only(path).map_err(|_| err(format!("cannot read: {}", problem(&e))));
            }
            // Permissions, a lock, a full or failing disk: the file may be fine, so no copy
            // and no word of damage.
            Err(e) => return Err(err(format!("cannot read: {}", problem(&e)))),
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| err(format!("cannot set journal mode: {}", problem(&e))))?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(|e| err(problem(&e)))?;
        let mut store = Store { conn, path: path.to_path_buf() };
        store.migrate()?;
        Ok(store)
    }

    /// Opens a library that cannot be written, as an immutable file (no WAL index, no
    /// migration); reads work, writes fail with SQLite's "readonly" error.
    fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        use rusqlite::OpenFlags;
        let err = |problem: String| StoreError { path: path.to_path_buf(), problem };
        let uri = format!("file:{}?immutable=1", uri_path(path));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(uri, flags).map_err(|e| err(format!("cannot open: {}", problem(&e))))?;
        match quick_check(&conn) {
            Ok(Ok(())) => {}
            Ok(Err(detail)) => return Err(err(damaged(path, &detail))),
            Err(e) => return Err(err(format!("cannot read: {}", problem(&e)))),
        }
        let store = Store { conn, path: path.to_path_buf() };
        if store.schema_version()? < MIGRATIONS.len() as i64 {
            return Err(store.err(
                "the library is read-only and was written by an older version of briefing; make it \
                 writable once so it can be upgraded",
            ));
        }
        Ok(store)
    }

    /// Opens the library at [`library_path`] (no override).
    pub fn open_default() -> Result<Store, StoreError> {
        Store::open(&library_path(None))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// On a library's first start, adds the bundled sample articles (once: removing them later
    /// does not bring them back). Returns the problems met, if any.
    pub fn seed_samples(&mut self) -> Result<Vec<String>, StoreError> {
        if self.setting("samples_seeded")?.is_some() {
            return Ok(Vec::new());
        }
        let (samples, errors) = crate::samples::load();
        self.add(&samples)?;
        self.set_setting("samples_seeded", "1")?;
        Ok(errors)
    }

    fn err(&self, e: impl fmt::Display) -> StoreError {
        StoreError { path: self.path.clone(), problem: e.to_string() }
    }

    fn db_err(&self, e: rusqlite::Error) -> StoreError {
        StoreError { path: self.path.clone(), problem: problem(&e) }
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| self.db_err(e))?;
        if version as usize > MIGRATIONS.len() {
            return Err(self.err(format!("the library was written by a newer version of briefing (schema {version})")));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx =
                self.conn.transaction().map_err(|e| StoreError { path: self.path.clone(), problem: problem(&e) })?;
            tx.execute_batch(sql)
                .map_err(|e| StoreError { path: self.path.clone(), problem: format!("migration {}: {e}", i + 1) })?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(|e| StoreError { path: self.path.clone(), problem: problem(&e) })?;
            tx.commit().map_err(|e| StoreError { path: self.path.clone(), problem: problem(&e) })?;
        }
        Ok(())
    }

    /// The schema version.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| self.db_err(e))
    }

    /// Adds articles in one transaction; returns how many were new (duplicates by id are kept
    /// once).
    pub fn add(&mut self, articles: &[Article]) -> Result<usize, StoreError> {
        Ok(self.add_each(articles)?.into_iter().filter(|new| *new).count())
    }

    /// Adds articles in one transaction (all or nothing); for each, whether it was new (false:
    /// the same text is already in the library, or earlier in `articles`).
    pub fn add_each(&mut self, articles: &[Article]) -> Result<Vec<bool>, StoreError> {
        let path = self.path.clone();
        let e = |e: rusqlite::Error| StoreError { path: path.clone(), problem: problem(&e) };
        let tx = self.conn.transaction().map_err(e)?;
        let mut added = Vec::with_capacity(articles.len());
        {
            let next: i64 =
                tx.query_row("SELECT COALESCE(MAX(added_seq), 0) + 1 FROM articles", [], |r| r.get(0)).map_err(e)?;
            let mut stmt = tx
                .prepare("INSERT OR IGNORE INTO articles (id, file, title, published, source, url, author, text, format, picked, added_seq, raw_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?11)")
                .map_err(e)?;
            for (i, a) in articles.iter().enumerate() {
                let rows = stmt
                    .execute(params![
                        a.id,
                        a.file,
                        a.title,
                        a.published.map(|d| d.to_string()),
                        a.source,
                        a.url,
                        a.author,
                        a.text,
                        format_name(a.format),
                        next + i as i64,
                        a.raw_hash
                    ])
                    .map_err(e)?;
                added.push(rows > 0);
            }
        }
        tx.commit().map_err(e)?;
        Ok(added)
    }

    /// Every article, in the order they were added.
    pub fn list(&self) -> Result<Vec<LibraryEntry>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, file, title, published, source, url, author, text, format, picked, raw_hash FROM articles ORDER BY added_seq")
            .map_err(|e| self.db_err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let published: Option<String> = r.get(3)?;
                let format: String = r.get(8)?;
                Ok(LibraryEntry {
                    article: Article {
                        id: r.get(0)?,
                        file: r.get(1)?,
                        title: r.get(2)?,
                        published: published.and_then(|p| p.parse().ok()),
                        source: r.get(4)?,
                        url: r.get(5)?,
                        author: r.get(6)?,
                        text: r.get(7)?,
                        format: parse_format(&format),
                        raw_hash: r.get(10)?,
                    },
                    picked: r.get::<_, i64>(9)? != 0,
                })
            })
            .map_err(|e| self.db_err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.db_err(e))
    }

    /// Marks an article picked or not.
    pub fn set_picked(&self, id: &str, picked: bool) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE articles SET picked = ?1 WHERE id = ?2", params![picked as i64, id])
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Sets an article's publication date (the analyst's correction).
    pub fn set_published(&self, id: &str, date: Option<jiff::civil::Date>) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE articles SET published = ?1 WHERE id = ?2", params![date.map(|d| d.to_string()), id])
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Removes an article; returns it so the caller can offer undo.
    pub fn remove(&self, id: &str) -> Result<Option<LibraryEntry>, StoreError> {
        let entry = self.list()?.into_iter().find(|e| e.article.id == id);
        self.conn.execute("DELETE FROM articles WHERE id = ?1", params![id]).map_err(|e| self.db_err(e))?;
        Ok(entry)
    }

    /// Records an analyst's edit; returns its sequence number (for undo).
    pub fn add_edit(&self, edit: &Edit) -> Result<i64, StoreError> {
        let json = serde_json::to_string(edit).map_err(|e| self.err(e))?;
        let kind = serde_json::to_value(edit)
            .ok()
            .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
            .unwrap_or_default();
        self.conn
            .execute("INSERT INTO edits (kind, target, value) VALUES (?1, '', ?2)", params![kind, json])
            .map_err(|e| self.db_err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every edit, oldest first, with its sequence number. Rows this version cannot read (from
    /// a newer version) are skipped and counted in the second value.
    pub fn edits(&self) -> Result<(Vec<(i64, Edit)>, usize), StoreError> {
        let mut stmt = self.conn.prepare("SELECT seq, value FROM edits ORDER BY seq").map_err(|e| self.db_err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.db_err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.db_err(e))?;
        let mut out = Vec::new();
        let mut unreadable = 0;
        for (seq, json) in rows {
            match serde_json::from_str::<Edit>(&json) {
                Ok(e) => out.push((seq, e)),
                Err(_) => unreadable += 1,
            }
        }
        Ok((out, unreadable))
    }

    /// Removes an edit (undo).
    pub fn remove_edit(&self, seq: i64) -> Result<(), StoreError> {
        self.conn.execute("DELETE FROM edits WHERE seq = ?1", params![seq]).map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Reads a setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", params![key], |r| r.get(0))
            .optional()
            .map_err(|e| self.db_err(e))
    }

    /// Writes a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .execute("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", params![key, value])
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Text => "text",
        Format::Markdown => "markdown",
        Format::Html => "html",
        Format::Feed => "feed",
        Format::Email => "email",
    }
}

fn parse_format(s: &str) -> Format {
    match s {
        "markdown" => Format::Markdown,
        "html" => Format::Html,
        "feed" => Format::Feed,
        "email" => Format::Email,
        _ => Format::Text,
    }
}

/// SQLite's `PRAGMA quick_check`: `Ok(Ok(()))` for a sound file, `Ok(Err(detail))` for a
/// damaged one, `Err` when it cannot be read at all.
fn quick_check(conn: &Connection) -> rusqlite::Result<Result<(), String>> {
    let s: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    Ok(if s == "ok" { Ok(()) } else { Err(s) })
}

/// The message for a damaged library, after copying it aside.
fn damaged(path: &Path, detail: &str) -> String {
    format!("the database is damaged ({detail}); {}", backup(path))
}

/// Whether an error means the library (or its folder) may not be written.
fn is_read_only(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::PermissionDenied)
    )
}

/// A path as the path part of an SQLite `file:` URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Whether an error means the file itself is not a sound database (as opposed to a lock,
/// permissions or a full disk).
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase))
}

/// A database error in the analyst's words, with what to check when the cause is outside
/// the file.
fn problem(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    let hint = match e.sqlite_error_code() {
        Some(ErrorCode::ReadOnly) => " (the library file or its folder is read-only; check their permissions)",
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            " (check that the file and its folder exist and may be read and written)"
        }
        Some(ErrorCode::DiskFull) => " (free some space on the disk)",
        Some(ErrorCode::SystemIoFailure) => " (is the disk full, read-only or failing?)",
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            " (another program is using the library; close it and try again)"
        }
        _ => "",
    };
    format!("{e}{hint}")
}

/// Copies a damaged database aside (once: a copy with the same bytes is reused) and says where.
fn backup(path: &Path) -> String {
    let bytes = std::fs::read(path).ok();
    let mut n = 1;
    let target = loop {
        let t = path.with_extension(format!("sqlite.damaged-{n}"));
        if !t.exists() {
            break t;
        }
        if bytes.is_some() && std::fs::read(&t).ok() == bytes {
            return format!("a copy was kept at `{}`; move or repair the file, then start again", t.display());
        }
        n += 1;
    };
    match std::fs::copy(path, &target) {
        Ok(_) => format!("a copy was kept at `{}`; move or repair the file, then start again", target.display()),
        Err(e) => format!("it could not be copied aside ({e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        let mut a = Article::new("a.txt", text.to_string(), Format::Text);
        a.title = Some("T".into());
        a.published = Some(jiff::civil::date(2026, 11, 3));
        a
    }

    #[test]
    fn migrates_adds_dedups_and_persists_picks() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().map_err(|e| StoreError { path: PathBuf::new(), problem: e.to_string() })?;
        let path = dir.path().join("lib.sqlite");
        {
            let mut s = Store::open(&path)?;
            assert_eq!(s.schema_version()?, MIGRATIONS.len() as i64);
            assert_eq!(s.add(&[article("one"), article("two"), article("one")])?, 2);
            let id = s.list()?[1].article.id.clone();
            s.set_picked(&id, true)?;
        }
        let s = Store::open(&path)?;
        let list = s.list()?;
        assert_eq!(list.len(), 2);
        assert!(list[1].picked && !list[0].picked);
        assert_eq!(list[0].article.published, Some(jiff::civil::date(2026, 11, 3)));
        Ok(())
    }

    #[test]
    fn edits_persist_in_order_and_undo_removes_one() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().map_err(|e| StoreError { path: PathBuf::new(), problem: e.to_string() })?;
        let path = dir.path().join("lib.sqlite");
        {
            let s = Store::open(&path)?;
            s.add_edit(&Edit::RenameActor { from: "Trump".into(), to: "Donald Trump".into() })?;
            let seq = s.add_edit(&Edit::ExcludeActor { actor: "Kremlin".into() })?;
            s.add_edit(&Edit::AddPoint { text: "Own point.".into() })?;
            s.remove_edit(seq)?;
        }
        let s = Store::open(&path)?;
        let (edits, unreadable) = s.edits()?;
        let edits: Vec<Edit> = edits.into_iter().map(|(_, e)| e).collect();
        assert_eq!(unreadable, 0);
        assert_eq!(
            edits,
            vec![
                Edit::RenameActor { from: "Trump".into(), to: "Donald Trump".into() },
                Edit::AddPoint { text: "Own point.".into() }
            ]
        );
        Ok(())
    }

    #[test]
    fn a_library_from_schema_2_keeps_its_articles_picks_and_edits() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().map_err(|e| StoreError { path: PathBuf::new(), problem: e.to_string() })?;
        let path = dir.path().join("old.sqlite");
        let fail = |e: rusqlite::Error| StoreError { path: path.clone(), problem: e.to_string() };
        {
            // The library as version 2 wrote it.
            let conn = Connection::open(&path).map_err(fail)?;
            conn.execute_batch(MIGRATIONS[0]).map_err(fail)?;
            conn.execute_batch(MIGRATIONS[1]).map_err(fail)?;
            conn.pragma_update(None, "user_version", 2).map_err(fail)?;
            conn.execute(
                "INSERT INTO articles (id, file, title, published, text, format, picked, added_seq) VALUES (?1, 'a.txt', 'Old', '2026-01-05', 'Old text.', 'text', 1, 1)",
                params![crate::ingest::content_id("Old text.")],
            )
            .map_err(fail)?;
            conn.execute(
                "INSERT INTO edits (kind, target, value) VALUES ('exclude_actor', '', '{\"kind\":\"exclude_actor\",\"actor\":\"X\"}')",
                [],
            )
            .map_err(fail)?;
        }
        let mut s = Store::open(&path)?;
        assert_eq!(s.schema_version()?, 3);
        let list = s.list()?;
        assert_eq!(list.len(), 1);
        assert!(list[0].picked);
        assert_eq!(list[0].article.title.as_deref(), Some("Old"));
        assert_eq!(list[0].article.raw_hash, None);
        assert_eq!(s.edits()?.0.len(), 1);
        let mut new = article("new text");
        new.raw_hash = Some("00ff".into());
        assert_eq!(s.add_each(&[new, article("Old text.")])?, vec![true, false]);
        assert_eq!(s.list()?[1].article.raw_hash.as_deref(), Some("00ff"));
        Ok(())
    }

    #[test]
    fn a_library_from_a_newer_version_is_refused_untouched() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().map_err(|e| StoreError { path: PathBuf::new(), problem: e.to_string() })?;
        let path = dir.path().join("new.sqlite");
        {
            let conn =
                Connection::open(&path).map_err(|e| StoreError { path: path.clone(), problem: e.to_string() })?;
            conn.pragma_update(None, "user_version", 99)
                .map_err(|e| StoreError { path: path.clone(), problem: e.to_string() })?;
        }
        let e = Store::open(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("newer version"), "{e}");
        Ok(())
    }

    #[test]
    fn damaged_database_is_reported_and_kept() {
        let dir = tempfile::tempdir().ok();
        let Some(dir) = dir else { return };
        let path = dir.path().join("lib.sqlite");
        std::fs::write(&path, b"this is not a database, it is a text file with enough bytes to look like one....").ok();
        let e = Store::open(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("not a readable library") || e.contains("damaged"), "{e}");
        assert!(path.exists());
        assert!(dir.path().join("lib.sqlite.damaged-1").exists());
    }
}
