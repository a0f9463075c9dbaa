//! Table-driven analysis cases (`tests/data/analysis/*.tsv`): sentences with the actors and
//! deadlines the analysis must find, and the bundled samples with their deadlines; one test
//! runs them all and prints every failure.

use briefing::analyze::{AnalyzeOptions, ArticleAnalysis, analyze};
use briefing::ingest::{Article, Format};

use crate::util::root;

/// One line of a table: its status, published date, text and expected fields.
struct Case {
    line: usize,
    known: bool,
    published: Option<jiff::civil::Date>,
    text: String,
    fields: Vec<String>,
}

fn cases(file: &str, columns: usize) -> Vec<Case> {
    let path = root().join("tests/data/analysis").join(file);
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for (i, line) in body.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), columns, "{file}:{}: {} columns, expected {columns}", i + 1, cols.len());
        assert!(matches!(cols[0], "ok" | "known"), "{file}:{}: status {:?}", i + 1, cols[0]);
        let published = (cols[1] != "-")
            .then(|| cols[1].parse().unwrap_or_else(|e| panic!("{file}:{}: date {:?}: {e}", i + 1, cols[1])));
        out.push(Case {
            line: i + 1,
            known: cols[0] == "known",
            published,
            text: cols[2].to_string(),
            fields: cols[3..].iter().map(|s| s.to_string()).collect(),
        });
    }
    assert!(!out.is_empty(), "{file} has no cases");
    out
}

/// What is wrong with a case, if anything.
type Check = fn(&Case) -> Option<String>;

fn run(case: &Case) -> ArticleAnalysis {
    let article = Article::new("case.txt", case.text.clone(), Format::Text);
    analyze(&article, case.published, &AnalyzeOptions::default())
}

/// Whether an optional field matches: `-` is not checked, `none` is nothing.
fn field_ok(want: &str, got: Option<&str>) -> bool {
    match want {
        "-" => true,
        "none" => got.is_none(),
        w => got == Some(w),
    }
}

fn actor_problem(case: &Case) -> Option<String> {
    let (name, kind, role) = (&case.fields[0], &case.fields[1], &case.fields[2]);
    let a = run(case);
    let found = a.actors.iter().find(|x| x.name == *name);
    let names: Vec<&str> = a.actors.iter().map(|x| x.name.as_str()).collect();
    match (kind.as_str(), found) {
        ("absent", None) => None,
        ("absent", Some(_)) => Some(format!("{name:?} is an actor, should not be")),
        (_, None) => Some(format!("{name:?} not found among {names:?}")),
        (k, Some(x)) => {
            let got_kind = serde_json::to_value(x.kind).ok().and_then(|v| v.as_str().map(str::to_string));
            if k != "-" && got_kind.as_deref() != Some(k) {
                Some(format!("{name:?} is {got_kind:?}, expected {k}"))
            } else if !field_ok(role, x.role.as_deref()) {
                Some(format!("{name:?} has role {:?}, expected {role:?}", x.role))
            } else {
                None
            }
        }
    }
}

fn deadline_problem(case: &Case) -> Option<String> {
    let (date, set_by, applies_to) = (&case.fields[0], &case.fields[1], &case.fields[2]);
    let a = run(case);
    if date == "no" {
        // Not a deadline at all (a past limit, a lifted one, an event date).
        return (!a.deadlines.is_empty()).then(|| {
            let all: Vec<String> = a.deadlines.iter().map(|d| format!("{:?} {:?}", d.date, d.what)).collect();
            format!("expected no deadline; found {all:?}")
        });
    }
    let want_date = (date != "none").then(|| date.clone());
    let found = a.deadlines.iter().find(|d| d.date.map(|x| x.to_string()) == want_date);
    let all: Vec<String> = a.deadlines.iter().map(|d| format!("{:?} {:?}", d.date, d.what)).collect();
    let Some(d) = found else { return Some(format!("no deadline on {date}; found {all:?}")) };
    if !field_ok(set_by, d.set_by.as_deref()) {
        return Some(format!("set by {:?}, expected {set_by:?}", d.set_by));
    }
    if !field_ok(applies_to, d.applies_to.as_deref()) {
        return Some(format!("applies to {:?}, expected {applies_to:?}", d.applies_to));
    }
    None
}

/// A bundled sample's deadlines: the file read as the app reads it, analysed against its own
/// date; `text` holds the file name, the field the expected dates.
fn sample_problem(case: &Case) -> Option<String> {
    let path = root().join("assets/samples").join(&case.text);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let articles = briefing::ingest::load(&case.text, &bytes, &briefing::ingest::IngestOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let a = articles.first().unwrap_or_else(|| panic!("{}: no article", path.display()));
    let found = analyze(a, a.published, &AnalyzeOptions::default());
    let mut dates: Vec<String> =
        found.deadlines.iter().map(|d| d.date.map_or_else(|| "none".to_string(), |x| x.to_string())).collect();
    dates.sort();
    let got = dates.join(",");
    (got != case.fields[0]).then(|| format!("deadlines on {got}, expected {}", case.fields[0]))
}

#[test]
fn the_analysis_tables_hold() {
    let mut failures = Vec::new();
    let mut known_failing = 0;
    let tables: Vec<(&str, Vec<Case>, Check)> = vec![
        ("actors.tsv", cases("actors.tsv", 6), actor_problem),
        ("deadlines.tsv", cases("deadlines.tsv", 6), deadline_problem),
        ("samples.tsv", cases("samples.tsv", 4), sample_problem),
    ];
    for (file, cases, check) in &tables {
        for case in cases.iter() {
            match (check(case), case.known) {
                (Some(problem), false) => failures.push(format!("{file}:{}: {problem}\n    {}", case.line, case.text)),
                (Some(problem), true) => {
                    known_failing += 1;
                    println!("known failure {file}:{}: {problem}", case.line);
                }
                (None, true) => println!("{file}:{}: a known failure now holds; mark it ok", case.line),
                (None, false) => {}
            }
        }
    }
    println!("{known_failing} known failures");
    assert!(failures.is_empty(), "{} analysis cases fail:\n{}", failures.len(), failures.join("\n"));
}
