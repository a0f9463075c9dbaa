//! Templates: a small front-matter block (name, description, page size, classification,
//! fonts, alignment) and a minijinja body producing Markdown. Built-in templates are
//! embedded from `templates/`; users add their own in a templates folder.

use std::fmt;
use std::path::Path;

use serde::Serialize;

/// Page sizes a template can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PageSize {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

/// A briefing-note template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Template {
    /// Short identifier ("ministerial-note").
    pub name: String,
    /// One line for pickers and `briefing templates`.
    pub description: String,
    /// Page size.
    pub page: PageSize,
    /// Classification marking used when the note sets none.
    pub classification: String,
    /// Body font family: "serif" or "sans".
    pub font: String,
    /// Justify paragraphs (otherwise ragged right).
    pub justify: bool,
    /// The house format's page limit (`max_pages: 2`): a longer note is shortened to fit,
    /// dropping the lowest-ranked quotes, key points and actors (see `pipeline::compose`).
    pub max_pages: Option<usize>,
    /// Where it came from: "built-in" or the file path.
    pub origin: String,
    /// The minijinja source producing Markdown.
    pub body: String,
}

/// A template that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Template name or file.
    pub template: String,
    /// Line (1-based) when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "template `{}`, line {}: {}", self.template, l, self.problem),
            None => write!(f, "template `{}`: {}", self.template, self.problem),
        }
    }
}

impl std::error::Error for TemplateError {}

const BUILT_IN: &[(&str, &str)] = &[
    ("ministerial-note", include_str!("../../templates/ministerial-note.md.j2")),
    ("situation-brief", include_str!("../../templates/situation-brief.md.j2")),
    ("uk-submission", include_str!("../../templates/uk-submission.md.j2")),
    ("ministerial-brief-au", include_str!("../../templates/ministerial-brief-au.md.j2")),
    ("daily-flash", include_str!("../../templates/daily-flash.md.j2")),
];

/// The default template's name.
pub const DEFAULT_TEMPLATE: &str = "ministerial-note";

impl Template {
    /// Parses a template file's text: `---` front matter, then the body.
    pub fn parse(origin: &str, source: &str) -> Result<Template, TemplateError> {
        let err = |line: Option<usize>, problem: String| TemplateError { template: origin.to_string(), line, problem };
        let src = source.trim_start_matches('\u{feff}');
        let rest = src
            .strip_prefix("---\n")
            .ok_or_else(|| err(Some(1), "missing front matter: the file must start with a `---` line".into()))?;
        let end = rest.find("\n---").ok_or_else(|| err(None, "front matter is not closed with a `---` line".into()))?;
        let front = &rest[..end];
        let body_start = end + "\n---".len();
        let body = rest[body_start..].strip_prefix('\n').unwrap_or(&rest[body_start..]);
        let mut t = Template {
            name: String::new(),
            description: String::new(),
            page: PageSize::A4,
            classification: "UNCLASSIFIED".into(),
            font: "serif".into(),
            justify: true,
            max_pages: None,
            origin: origin.to_string(),
            body: body.to_string(),
        };
        for (i, line) in front.lines().enumerate() {
            let line_no = i + 2;
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let (k, v) = line
                .split_once(':')
                .ok_or_else(|| err(Some(line_no), format!("expected `key: value`, found {line:?}")))?;
            let v = v.trim().trim_matches('"').to_string();
            match k.trim() {
                "name" => t.name = v,
                "description" => t.description = v,
                "page" => {
                    t.page = match v.to_ascii_lowercase().as_str() {
                        "a4" => PageSize::A4,
                        "letter" => PageSize::Letter,
                        _ => {
                            return Err(err(Some(line_no), format!("unknown page size `{v}` (use A4 or Letter)")));
                        }
                    }
                }
                "classification" => t.classification = v,
                "font" => {
                    if !matches!(v.as_str(), "serif" | "sans") {
                        return Err(err(Some(line_no), format!("unknown font `{v}` (use serif or sans)")));
                    }
                    t.font = v;
                }
                "justify" => t.justify = matches!(v.as_str(), "true" | "yes"),
                "max_pages" => {
                    t.max_pages = match v.parse::<usize>() {
                        Ok(n) if n >= 1 => Some(n),
                        _ => {
                            return Err(err(
                                Some(line_no),
                                format!("`max_pages` must be a whole number of pages, at least 1, not `{v}`"),
                            ));
                        }
                    }
                }
                other => {
                    return Err(err(Some(line_no), format!("unknown front-matter key `{other}`")));
                }
            }
        }
        if t.name.is_empty() {
            return Err(err(None, "front matter has no `name`".into()));
        }
        Ok(t)
    }

    /// The built-in templates.
    pub fn built_in() -> Vec<Template> {
        BUILT_IN.iter().filter_map(|(name, src)| Template::parse(&format!("built-in:{name}"), src).ok()).collect()
    }

    /// Reads a template file.
    pub fn from_file(path: &Path) -> Result<Template, TemplateError> {
        let src = std::fs::read_to_string(path).map_err(|e| TemplateError {
            template: path.display().to_string(),
            line: None,
            problem: format!("cannot read: {e}"),
        })?;
        Template::parse(&path.display().to_string(), &src)
    }

    /// Built-in templates plus every `*.md.j2` in `user_dir` (user templates with the same
    /// name replace built-in ones). Broken user templates come back as errors, not dropped.
    pub fn all(user_dir: Option<&Path>) -> (Vec<Template>, Vec<TemplateError>) {
        let mut out = Template::built_in();
        let mut errors = Vec::new();
        if let Some(dir) = user_dir
            && let Ok(entries) = std::fs::read_dir(dir)
        {
            let mut paths: Vec<_> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(".md.j2"))
                .collect();
            paths.sort();
            for p in paths {
                match Template::from_file(&p) {
                    Ok(t) => {
                        out.retain(|o| o.name != t.name);
                        out.push(t);
                    }
                    Err(e) => errors.push(e),
                }
            }
        }
        (out, errors)
    }

    /// Finds a template by name, or reads it from a path when `name_or_path` is a file.
    pub fn find(name_or_path: &str, user_dir: Option<&Path>) -> Result<Template, TemplateError> {
        let p = Path::new(name_or_path);
        if name_or_path.ends_with(".j2") || name_or_path.contains('/') {
            return Template::from_file(p);
        }
        let (all, _) = Template::all(user_dir);
        let names: Vec<String> = all.iter().map(|t| t.name.clone()).collect();
        all.into_iter().find(|t| t.name == name_or_path).ok_or_else(|| TemplateError {
            template: name_or_path.to_string(),
            line: None,
            problem: format!("no such template (available: {})", names.join(", ")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_template_parses() {
        for (name, src) in BUILT_IN {
            let t = Template::parse(name, src);
            assert!(t.is_ok(), "{name}: {t:?}");
        }
    }

    #[test]
    fn front_matter_errors_name_the_line() {
        let e = Template::parse("x", "---\nname: x\npage: A3\n---\nbody").err();
        assert_eq!(
            e.map(|e| e.to_string()),
            Some("template `x`, line 3: unknown page size `A3` (use A4 or Letter)".into())
        );
    }

    #[test]
    fn a_page_limit_is_a_whole_number_of_pages() {
        let t = Template::parse("x", "---\nname: x\nmax_pages: 2\n---\nbody").ok();
        assert_eq!(t.and_then(|t| t.max_pages), Some(2));
        assert_eq!(Template::parse("x", "---\nname: x\n---\nbody").ok().and_then(|t| t.max_pages), None);
        for bad in ["0", "two", "-1", "1.5"] {
            let e = Template::parse("x", &format!("---\nname: x\nmax_pages: {bad}\n---\nbody")).err();
            assert_eq!(
                e.map(|e| e.to_string()),
                Some(format!(
                    "template `x`, line 3: `max_pages` must be a whole number of pages, at least 1, not `{bad}`"
                ))
            );
        }
    }
}
