//! Ingest: bytes of a file an analyst has (text, Markdown, a saved web page, a feed export,
//! an e-mail) → [`Article`]s.
//!
//! Detects the format from the content (not only the extension), decodes the text, extracts
//! the article body and its metadata (title, publication date, outlet, URL) and strips
//! share-button and newsletter boilerplate. Never panics on any bytes.

mod dates;
mod decode;
mod email;
mod feed;
pub mod fragment;
mod html;
mod markdown;
mod plain;

use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use dates::{parse_date_loose, parse_dateline};
pub use decode::decode;

/// The largest input file accepted (bigger files are refused with a clear error).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// One news article, cleaned, with the metadata found for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identity: a hash of the clean text, so the same article imported twice is one.
    pub id: String,
    /// The file (or other origin) it came from, as given.
    pub file: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date; `None` when no trustworthy date was found.
    pub published: Option<Date>,
    /// Outlet name ("Continental Herald") or domain.
    pub source: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Byline author, when present.
    pub author: Option<String>,
    /// The clean article body: paragraphs separated by blank lines.
    pub text: String,
    /// The format it was read from.
    pub format: Format,
    /// Hash of the original file's bytes (feed items: of the feed file), so a re-import of the
    /// same file is recognised; `None` for pasted text and articles stored before it existed.
    #[serde(default)]
    pub raw_hash: Option<String>,
}

impl Article {
    /// Builds an article and derives its id from the text.
    pub fn new(file: impl Into<String>, text: String, format: Format) -> Self {
        Self {
            id: content_id(&text),
            file: file.into(),
            title: None,
            published: None,
            source: None,
            url: None,
            author: None,
            text,
            format,
            raw_hash: None,
        }
    }

    /// The title, or the file name when the article has none.
    pub fn display_title(&self) -> String {
        match &self.title {
            Some(t) => t.clone(),
            None => Path::new(&self.file)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_else(|| self.file.clone()),
        }
    }
}

/// A 64-bit FNV-1a hash of raw bytes, as 16 hex digits.
pub fn bytes_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A stable 64-bit FNV-1a hash of the text, as 16 hex digits.
pub fn content_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.split_whitespace().flat_map(|w| w.bytes().chain([b' '])) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The formats ingest understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: headline line, blank line, body.
    Text,
    /// Markdown notes.
    Markdown,
    /// A saved web page.
    Html,
    /// One item of an RSS or Atom feed file.
    Feed,
    /// An e-mail message (.eml).
    Email,
}

/// How to read a file.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Take the content exactly as given: no cleaning, no title detection.
    pub verbatim: bool,
    /// Overrides (or supplies) the publication date.
    pub published: Option<Date>,
}

/// Why a file could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestError {
    /// The file is larger than [`MAX_INPUT_BYTES`].
    TooLarge { bytes: usize },
    /// The file is empty or holds only whitespace.
    Empty,
    /// The bytes are not text (an image, an executable, an archive).
    Binary { what: String },
    /// The file could not be decompressed.
    Corrupt { problem: String },
    /// The page has no article text that could be found.
    NoArticle,
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::TooLarge { bytes } => write!(
                f,
                "file is too large ({:.1} MB; the limit is {} MB)",
                *bytes as f64 / 1e6,
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            IngestError::Empty => write!(f, "file is empty"),
            IngestError::Binary { what } => write!(f, "not a text article ({what})"),
            IngestError::Corrupt { problem } => write!(f, "file is damaged: {problem}"),
            IngestError::NoArticle => write!(f, "no article text found in the page"),
        }
    }
}

impl std::error::Error for IngestError {}

/// Reads one file's bytes as articles: one for a page, a text or an e-mail, one per item for a
/// feed. `name` is the file name (used for the extension hint and kept in [`Article::file`]).
pub fn load(name: &str, bytes: &[u8], opts: &IngestOptions) -> Result<Vec<Article>, IngestError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge { bytes: bytes.len() });
    }
    let inflated;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        inflated = gunzip(bytes)?;
        inflated.as_slice()
    } else {
        bytes
    };
    let content = decode(bytes)?;
    if content.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let format = detect(name, &content);
    let mut articles = if opts.verbatim {
        vec![Article::new(name, content, format)]
    } else {
        match format {
            Format::Html => vec![html::read(name, &content)?],
            Format::Markdown => vec![markdown::read(name, &content)],
            Format::Text => vec![plain::read(name, &content)],
            Format::Feed => feed::read(name, &content)?,
            Format::Email => vec![email::read(name, bytes)?],
        }
    };
    articles.retain(|a| !a.text.trim().is_empty());
    if articles.is_empty() {
        return Err(IngestError::NoArticle);
    }
    let raw = bytes_hash(bytes);
    for a in &mut articles {
        a.raw_hash = Some(raw.clone());
        if opts.published.is_some() {
            a.published = opts.published;
        }
    }
    Ok(articles)
}

/// File extensions taken from folders (files named on the command line are read whatever
/// their name).
pub const ARTICLE_EXTENSIONS: &[&str] =
    &["txt", "md", "markdown", "html", "htm", "xhtml", "gz", "xml", "rss", "atom", "eml", "text"];

/// The files under `paths`: files as given, folders recursively (hidden entries skipped,
/// sorted so imports are reproducible). Unreadable folders are reported and skipped.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut stack: Vec<PathBuf> = paths.iter().rev().cloned().collect();
    while let Some(p) = stack.pop() {
        if !p.is_dir() {
            files.push(p);
            continue;
        }
        let entries = match std::fs::read_dir(&p) {
            Ok(e) => e,
            Err(e) => {
                problems.push(format!("{}: cannot read the folder: {e}", p.display()));
                continue;
            }
        };
        let mut children: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|c| !c.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .filter(|c| {
                c.is_dir()
                    || c.extension()
                        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str()))
            })
            .collect();
        children.sort();
        stack.extend(children.into_iter().rev());
    }
    (files, problems)
}

/// Reads pasted text (from the GUI's "New article from clipboard") as an article.
pub fn from_pasted(
    title: &str,
    text: &str,
    source: Option<String>,
    published: Option<Date>,
) -> Result<Article, IngestError> {
    let opts = IngestOptions { verbatim: false, published };
    let mut article = load("pasted text", text.as_bytes(), &opts)?.swap_remove(0);
    article.raw_hash = None;
    if !title.trim().is_empty() {
        article.title = Some(title.trim().to_string());
    }
    article.source = source.filter(|s| !s.trim().is_empty());
    Ok(article)
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    let mut out = Vec::new();
    let limit = (MAX_INPUT_BYTES + 1) as u64;
    flate2::read::GzDecoder::new(bytes)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| IngestError::Corrupt { problem: format!("gzip: {e}") })?;
    if out.len() > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge { bytes: out.len() });
    }
    Ok(out)
}

/// Guesses the format from the content first, then from the extension.
fn detect(name: &str, content: &str) -> Format {
    let head: String = content.chars().take(2048).collect::<String>().to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if feed::sniff(head) {
        return Format::Feed;
    }
    if email::sniff(&content.chars().take(4096).collect::<String>()) {
        return Format::Email;
    }
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<head")
        || (head.starts_with('<') && head.contains("<p"))
    {
        return Format::Html;
    }
    let lower = name.to_ascii_lowercase();
    let ext = lower.trim_end_matches(".gz").rsplit('.').next().unwrap_or("");
    match ext {
        "html" | "htm" | "xhtml" if head.contains('<') => Format::Html,
        "md" | "markdown" => Format::Markdown,
        "rss" | "atom" | "xml" if head.contains("<item") || head.contains("<entry") => Format::Feed,
        _ if head.starts_with("# ") => Format::Markdown,
        _ => Format::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_html_by_content_whatever_the_extension() {
        assert_eq!(detect("page.txt", "<!DOCTYPE html><html><body><p>x</p>"), Format::Html);
        assert_eq!(detect("notes.md", "# Title\n\nBody"), Format::Markdown);
        assert_eq!(detect("a.txt", "Title\n\nBody"), Format::Text);
        assert_eq!(detect("feed", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"), Format::Feed);
        assert_eq!(detect("x.html", "From: a@b.example\nSubject: Hi\n\n<html><body>"), Format::Email);
    }

    #[test]
    fn refuses_empty_and_binary_files() {
        let opts = IngestOptions::default();
        assert_eq!(load("e.txt", b"", &opts), Err(IngestError::Empty));
        assert!(matches!(load("x.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &opts), Err(IngestError::Binary { .. })));
    }

    #[test]
    fn published_option_overrides_the_found_date() {
        let opts = IngestOptions { verbatim: true, published: Some(jiff::civil::date(2025, 8, 6)) };
        let a = load("a.txt", b"Some text here.", &opts).ok().and_then(|mut v| v.pop());
        assert_eq!(a.and_then(|a| a.published), Some(jiff::civil::date(2025, 8, 6)));
    }
}
