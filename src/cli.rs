//! The command line: `briefing extract`, `render`, `brief`, `templates`, the library commands
//! (`import`, `list`, `remove`, `edit`), `bench`, and (with no subcommand) the desktop window. Errors print as `error: …`; exit code 0 on success,
//! 1 when some inputs failed (warnings), 2 for bad usage or when no input could be used.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use serde_json::{Value, json};

use crate::analyze::{self, AnalyzeOptions, ArticleAnalysis};
use crate::brief::{BriefingMeta, DEFAULT_TEMPLATE, Edit, Template};
use crate::ingest::{self, Article, IngestOptions};
use crate::pipeline;

/// Briefing-note generator: news articles in, a sourced briefing note out.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about, long_about = None)]
pub struct Cli {
    /// The library database (default: $BRIEFING_LIBRARY, else library.sqlite in the data folder).
    #[arg(long, global = true, value_name = "PATH")]
    library: Option<PathBuf>,
    /// Use the model files in this folder (tagger.bin, upos.bin, parser.bin, ner.bin, as `briefing train`
    /// writes them) instead of the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    models: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print what analysis finds in each article (actors, times, deadlines, quotes, key points).
    Extract {
        /// Reference date for relative dates (YYYY-MM-DD); overrides the article's own date.
        #[arg(long, value_name = "YYYY-MM-DD")]
        published: Option<String>,
        /// Reference date and time of day (YYYY-MM-DDTHH:MM, optionally with a UTC offset such
        /// as -02:00) for relative dates and times, as when reading messages written at that
        /// moment: overrides --published, places times without a day at their next occurrence
        /// ("3am" said at 04:30 is tomorrow's) and, with an offset, converts zoned times.
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM[+HH:MM]", conflicts_with = "published")]
        now: Option<String>,
        /// Take each file's content exactly as given: no cleaning, no title detection.
        #[arg(long)]
        verbatim: bool,
        /// Add each actor's key-actor features to the JSON (what
        /// `scripts/fit_key_actors.py` fits the weights of `assets/models/key-actors.tsv` on).
        #[arg(long)]
        actor_features: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
        format: OutputFormat,
        /// Article files (.txt, .md, .html, .html.gz, RSS/Atom feeds, .eml).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Add articles to the library (folders are read recursively); one transaction, so an
    /// interrupted import changes nothing.
    Import {
        /// Article files or folders.
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
    },
    /// List the articles in the library.
    List {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Remove an article from the library (by id, or a unique start of it).
    Remove {
        /// The article's id as `briefing list` shows it.
        id: String,
    },
    /// Write the briefing note for these articles as a PDF.
    Render {
        /// Template name (see `briefing templates`) or path to a .md.j2 file.
        #[arg(long, default_value = DEFAULT_TEMPLATE)]
        template: String,
        /// Title of the note (default: the first article's headline).
        #[arg(long)]
        title: Option<String>,
        /// Classification marking (default: the template's).
        #[arg(long)]
        classification: Option<String>,
        /// Date of the note (YYYY-MM-DD; default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Publication date for articles that give none (YYYY-MM-DD); without it their
        /// deadlines keep their relative meaning and wait on the date.
        #[arg(long, value_name = "YYYY-MM-DD")]
        published: Option<String>,
        /// Drafter's name.
        #[arg(long)]
        drafter: Option<String>,
        /// Output PDF file.
        #[arg(short, long, default_value = "brief.pdf")]
        output: PathBuf,
        /// Also write the note's Markdown to this file.
        #[arg(long, value_name = "FILE")]
        markdown: Option<PathBuf>,
        /// `md` also writes the intermediate Markdown beside the PDF (OUTPUT with `.md`).
        #[arg(long, value_enum, default_value_t = RenderFormat::Pdf)]
        format: RenderFormat,
        /// Keep every point, actor and quote even when the note runs over the template's page
        /// limit (`max_pages`); by default the lowest-ranked ones are left out to fit.
        #[arg(long)]
        full_length: bool,
        /// Lay out a note's Markdown as written (for instance, edited by hand) in the
        /// template's house style, instead of composing it from articles.
        #[arg(long, value_name = "NOTE.md", conflicts_with = "markdown")]
        note: Option<PathBuf>,
        /// Article files.
        #[arg(required_unless_present = "note", value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print the merged briefing (all selected articles) as JSON, or its Markdown.
    Brief {
        /// Print the Briefing model as JSON (default: the note's Markdown).
        #[arg(long)]
        json: bool,
        /// Template name or path (for the Markdown).
        #[arg(long, default_value = DEFAULT_TEMPLATE)]
        template: String,
        /// Date of the note (YYYY-MM-DD; default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Publication date for articles that give none (YYYY-MM-DD); without it their
        /// deadlines keep their relative meaning and wait on the date.
        #[arg(long, value_name = "YYYY-MM-DD")]
        published: Option<String>,
        /// Keep the whole note even past the template's page limit (the JSON model is always
        /// whole).
        #[arg(long)]
        full_length: bool,
        /// Article files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Record, list or undo the analyst's corrections (applied to every brief and render).
    Edit {
        /// The edit as JSON, e.g. '{"kind":"rename_actor","from":"Trump","to":"Donald Trump"}'.
        #[arg(value_name = "JSON", conflicts_with_all = ["list", "undo"])]
        json: Option<String>,
        /// List the recorded edits.
        #[arg(long)]
        list: bool,
        /// Remove the most recent edit.
        #[arg(long)]
        undo: bool,
    },
    /// List the available templates.
    Templates,
    /// Measure each stage's speed on the bundled samples (or the given files).
    Bench {
        /// Seconds per measurement.
        #[arg(long, default_value_t = 1.0)]
        seconds: f64,
        /// Instead, measure peak memory (RSS) with the library (`--library`) open: listed, and
        /// in the window when built with it.
        #[arg(long, conflicts_with = "files")]
        memory: bool,
        /// Article files (default: the bundled samples).
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Show the language backbone's reading of text: each sentence's tokens, tags, dependency
    /// tree and entities; or, with --conllu, tag and parse gold-tokenised CoNLL-U.
    Nlp {
        /// Read this CoNLL-U file (words from the FORM column) and write it with predicted
        /// UPOS, XPOS, HEAD and DEPREL to standard output.
        #[arg(long, value_name = "IN.conllu", conflicts_with = "files")]
        conllu: Option<PathBuf>,
        /// Article files (.txt, .md, .html, …), read as `extract` reads them.
        #[arg(value_name = "FILE", required_unless_present = "conllu")]
        files: Vec<PathBuf>,
    },
    /// Train the tagger, parser and recogniser from the public corpora and write the model
    /// files (see assets/models/README.md); takes several minutes.
    Train {
        /// Folder with UD English EWT `train.conllu.gz` and `dev.conllu.gz`.
        #[arg(long, value_name = "DIR", default_value = "../shared/corpora/ud-english-ewt")]
        ewt: PathBuf,
        /// Folder with `conll2003-train.jsonl` and `conll2003-dev.jsonl`.
        #[arg(long, value_name = "DIR", default_value = "../shared/eval")]
        conll: PathBuf,
        /// Where the model files go.
        #[arg(long, value_name = "DIR", default_value = "assets/models")]
        out: PathBuf,
        /// Epochs of the tagger, parser and recogniser (fewer for a quick look).
        #[arg(long, value_name = "T,P,N", default_value = "15,20,12")]
        epochs: String,
        /// The parser's beam width (1 = greedy); it parses with the width it was trained with.
        #[arg(long, value_name = "N", default_value_t = crate::nlp::parser::BEAM)]
        parser_beam: usize,
        /// Train the parser on universal relations only ("nsubj" for "nsubj:pass"). Off: on EWT
        /// dev it reached the same UAS and universal LAS at the same size, and the analysis
        /// reads subtypes such as nsubj:pass.
        #[arg(long)]
        universal_relations: bool,
        /// Our gold articles (JSON Lines with text and actors, such as
        /// ../shared/eval/briefing/dev/dev.jsonl) whose actor names become extra recogniser data.
        /// Off by default: on articles left out of training it gained about 0.01 actor F1 and
        /// on the newswire set it lost 0.03 (assets/models/README.md).
        #[arg(long, value_name = "FILE")]
        gold: Vec<PathBuf>,
        /// Train on the even-numbered gold articles only, so the odd ones stay unseen (to
        /// measure what they add on articles the models never saw).
        #[arg(long)]
        hold_out_odd: bool,
        /// Train only the recogniser, over the tagger already in --out (after a change of the
        /// recogniser's features).
        #[arg(long)]
        only_recogniser: bool,
        /// Train nothing: rewrite the model files in --out in this program's file format,
        /// weights unchanged (after a change of the format).
        #[arg(long, conflicts_with = "only_recogniser")]
        rewrite: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RenderFormat {
    /// The PDF only.
    Pdf,
    /// The PDF and the note's Markdown beside it.
    Md,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// One pretty JSON array.
    Json,
    /// One JSON object per line, per file.
    Jsonl,
    /// A readable Markdown summary.
    Md,
}

/// Outcome of a command that processes several inputs.
enum Outcome {
    Ok,
    Partial,
}

/// Runs the program; `briefing` with no subcommand opens the window.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => ExitCode::SUCCESS,
                _ => ExitCode::from(2),
            };
        }
    };
    match run(cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// A reader that closed the pipe (`briefing nlp … | head`) has all it wanted: not an error.
fn quiet_on_closed_pipe(r: anyhow::Result<Outcome>) -> anyhow::Result<Outcome> {
    match r {
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) => {
            Ok(Outcome::Ok)
        }
        r => r,
    }
}

/// `briefing nlp FILE…`: each sentence's tokens with tags, heads and relations, then its
/// entities, readably.
fn nlp_show(files: &[PathBuf]) -> anyhow::Result<Outcome> {
    let mut out = std::io::stdout().lock();
    let mut failed = 0;
    for f in files {
        let articles = match load_one(f, &IngestOptions::default()) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("error: {e:#}");
                failed += 1;
                continue;
            }
        };
        for article in &articles {
            let text = &article.text;
            let doc = crate::nlp::analyse(text);
            writeln!(out, "# {}", f.display())?;
            for (k, r) in doc.sentences.iter().enumerate() {
                writeln!(out, "\n## sentence {}", k + 1)?;
                for i in r.clone() {
                    let head = doc.heads[i]
                        .map_or("root".to_string(), |h| format!("{} {}", h - r.start + 1, doc.tokens[h].text(text)));
                    writeln!(
                        out,
                        "{:>4}  {:<20} {:<6} {:<5} {:<12} <- {}",
                        i - r.start + 1,
                        doc.tokens[i].text(text),
                        doc.upos(i),
                        doc.xpos(i),
                        doc.deprel(i),
                        head
                    )?;
                }
                for e in doc.entities.iter().filter(|e| r.contains(&e.tokens.start)) {
                    writeln!(out, "      entity {:<4} {}", e.kind.label(), &text[e.start..e.end])?;
                }
            }
            writeln!(out)?;
        }
    }
    Ok(if failed == 0 {
        Outcome::Ok
    } else if failed < files.len() {
        Outcome::Partial
    } else {
        bail!("no input could be read")
    })
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let library = crate::store::library_path(cli.library.as_deref());
    if let Some(dir) = &cli.models {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).with_context(|| format!("reading the model file {}", path.display()))
        };
        let models = crate::nlp::Models::from_files(
            &read("tagger.bin")?,
            &read("upos.bin")?,
            read("parser.bin")?,
            &read("ner.bin")?,
        )
        .with_context(|| format!("models in {}", dir.display()))?;
        models.check_parser().with_context(|| format!("models in {}", dir.display()))?;
        if !crate::nlp::use_models(models) {
            bail!("--models: the built-in models were already in use");
        }
    }
    match cli.command {
        None => open_window(library),
        Some(Command::Import { paths }) => import(&library, &paths),
        Some(Command::List { json }) => list(&library, json),
        Some(Command::Remove { id }) => remove(&library, &id),
        Some(Command::Templates) => {
            let (templates, errors) = Template::all(Some(&templates_dir()));
            let width = templates.iter().map(|t| t.name.len()).max().unwrap_or(0);
            let mut out = std::io::stdout().lock();
            for t in &templates {
                let origin = if t.origin.starts_with("built-in") { String::new() } else { format!(" ({})", t.origin) };
                writeln!(out, "{:width$}  {}{origin}", t.name, t.description)?;
            }
            for e in &errors {
                eprintln!("warning: {e}");
            }
            Ok(if errors.is_empty() { Outcome::Ok } else { Outcome::Partial })
        }
        Some(Command::Edit { json, list: _, undo }) => {
            let store = crate::store::Store::open(&library).map_err(|e| anyhow::anyhow!("{e}"))?;
            if let Some(json) = json {
                let edit: Edit = serde_json::from_str(&json).with_context(|| format!("invalid edit {json:?}"))?;
                if let Edit::GradeSource { grade, .. } = &edit
                    && !crate::brief::valid_grade(grade)
                {
                    bail!("invalid source grade `{grade}` (Admiralty code: A-F then 1-6, e.g. B2)");
                }
                let seq = store.add_edit(&edit).map_err(|e| anyhow::anyhow!("{e}"))?;
                eprintln!("recorded edit {seq}");
            } else if undo {
                let (edits, _) = store.edits().map_err(|e| anyhow::anyhow!("{e}"))?;
                match edits.last() {
                    Some((seq, _)) => {
                        store.remove_edit(*seq).map_err(|e| anyhow::anyhow!("{e}"))?;
                        eprintln!("removed edit {seq}");
                    }
                    None => eprintln!("no edits to undo"),
                }
            } else {
                let (edits, unreadable) = store.edits().map_err(|e| anyhow::anyhow!("{e}"))?;
                for (seq, e) in edits {
                    println!("{seq}\t{}", serde_json::to_string(&e)?);
                }
                if unreadable > 0 {
                    eprintln!("warning: {unreadable} edit(s) were written by a newer version");
                }
            }
            Ok(Outcome::Ok)
        }
        Some(Command::Bench { memory: true, .. }) => {
            let rows = crate::bench::memory(&library).map_err(|e| anyhow::anyhow!("{e}"))?;
            print!("{}", crate::bench::table(&rows));
            Ok(Outcome::Ok)
        }
        Some(Command::Bench { seconds, files, memory: false }) => {
            let inputs: Vec<(String, Vec<u8>)> = if files.is_empty() {
                crate::samples::SAMPLES.iter().map(|(n, b)| ((*n).to_string(), b.to_vec())).collect()
            } else {
                files
                    .iter()
                    .map(|f| {
                        std::fs::read(f).map(|b| (f.display().to_string(), b)).with_context(|| f.display().to_string())
                    })
                    .collect::<anyhow::Result<_>>()?
            };
            let rows = crate::bench::run(&inputs, std::time::Duration::from_secs_f64(seconds.clamp(0.05, 60.0)));
            print!("{}", crate::bench::table(&rows));
            Ok(Outcome::Ok)
        }
        Some(Command::Nlp { conllu: Some(path), .. }) => {
            let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            let sentences = crate::nlp::conllu::read(&text).with_context(|| format!("{}", path.display()))?;
            let out = crate::nlp::conllu::annotate(crate::nlp::models(), &sentences);
            quiet_on_closed_pipe(
                std::io::stdout().lock().write_all(out.as_bytes()).map(|()| Outcome::Ok).map_err(Into::into),
            )
        }
        Some(Command::Nlp { conllu: None, files }) => quiet_on_closed_pipe(nlp_show(&files)),
        Some(Command::Train {
            ewt,
            conll,
            out,
            epochs,
            parser_beam,
            universal_relations,
            gold,
            hold_out_odd,
            only_recogniser,
            rewrite,
        }) => {
            let e: Vec<usize> = epochs
                .split(',')
                .map(|x| x.trim().parse())
                .collect::<Result<_, _>>()
                .with_context(|| format!("--epochs `{epochs}`: expected three numbers like 15,20,12"))?;
            let [tagger_epochs, parser_epochs, ner_epochs] = e[..] else {
                bail!("--epochs `{epochs}`: expected three numbers like 15,20,12");
            };
            let paths = crate::train::Paths {
                ewt_train: ewt.join("train.conllu.gz"),
                ewt_dev: ewt.join("dev.conllu.gz"),
                conll_train: conll.join("conll2003-train.jsonl"),
                conll_dev: conll.join("conll2003-dev.jsonl"),
                gold,
                out,
            };
            let settings = crate::train::Settings {
                tagger_epochs,
                parser_epochs,
                ner_epochs,
                parser_beam,
                universal_relations,
                hold_out_odd,
                ..Default::default()
            };
            if rewrite {
                crate::train::rewrite(&paths.out, &|m| eprintln!("{m}"))?;
            } else if only_recogniser {
                crate::train::run_recogniser(&paths, &settings, &|m| eprintln!("{m}"))?;
            } else {
                crate::train::run(&paths, &settings, &|m| eprintln!("{m}"))?;
            }
            Ok(Outcome::Ok)
        }
        Some(Command::Brief { json, template, date, published, full_length, files }) => {
            let Selection { template, today, articles, analyses, failed } =
                select(&template, date.as_deref(), published.as_deref(), &files)?;
            let meta = BriefingMeta { date: Some(today), ..BriefingMeta::default() };
            let fit = !(json || full_length);
            let rendered =
                pipeline::compose(&articles, &analyses, &meta, &template, today, &library_edits(&library), fit)
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&rendered.briefing)?);
            } else {
                print!("{}", rendered.markdown);
            }
            say_shortened(&rendered);
            Ok(if failed > 0 { Outcome::Partial } else { Outcome::Ok })
        }
        Some(Command::Extract { published, now, verbatim, actor_features, format, files }) => {
            let mut published = published.as_deref().map(parse_date).transpose()?;
            let mut aopts = AnalyzeOptions { actor_features, ..AnalyzeOptions::default() };
            if let Some(now) = now.as_deref() {
                // An optional UTC offset ("-02:00") places times written with a zone.
                let (local, offset) = match now.get(16..) {
                    Some(o) if o.starts_with(['+', '-']) => (&now[..16], Some(parse_offset(o)?)),
                    _ => (now, None),
                };
                aopts.utc_offset = offset;
                let at = local
                    .parse::<jiff::civil::DateTime>()
                    .with_context(|| format!("invalid date and time `{now}` (expected YYYY-MM-DDTHH:MM[+HH:MM])"))?;
                published = Some(at.date());
                aopts.clock = Some(u32::from(at.hour() as u8) * 60 + u32::from(at.minute() as u8));
            }
            extract(&files, published, verbatim, format, &aopts)
        }
        Some(Command::Render { template, title, classification, drafter, output, note: Some(note), .. }) => {
            render_note(&note, &template, title, classification, drafter, &output)
        }
        Some(Command::Render {
            template,
            title,
            classification,
            date,
            published,
            drafter,
            output,
            markdown,
            format,
            full_length,
            files,
            ..
        }) => {
            let markdown = markdown.or_else(|| (format == RenderFormat::Md).then(|| output.with_extension("md")));
            let Selection { template, today, articles, analyses, failed } =
                select(&template, date.as_deref(), published.as_deref(), &files)?;
            let meta = BriefingMeta {
                title: title.unwrap_or_default(),
                classification: classification.unwrap_or_default(),
                drafter: drafter.unwrap_or_default(),
                date: Some(today),
                ..BriefingMeta::default()
            };
            let edits = library_edits(&library);
            let rendered = pipeline::compose(&articles, &analyses, &meta, &template, today, &edits, !full_length)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let bytes = pipeline::to_pdf(&rendered).map_err(|e| anyhow::anyhow!("{e}"))?;
            write_atomic(&output, &bytes)?;
            if let Some(md) = markdown {
                write_atomic(&md, rendered.markdown.as_bytes())?;
            }
            let (pages, n) = (rendered.document.pages.len(), articles.len());
            eprintln!(
                "wrote {} ({pages} page{}, {n} article{}, template {})",
                output.display(),
                if pages == 1 { "" } else { "s" },
                if n == 1 { "" } else { "s" },
                template.name
            );
            say_shortened(&rendered);
            Ok(if failed > 0 { Outcome::Partial } else { Outcome::Ok })
        }
    }
}

/// Tells the analyst on stderr what was left out to fit the template's page limit, if anything.
fn say_shortened(rendered: &pipeline::Rendered) {
    if let Some(cut) = &rendered.shortened {
        let hint = if cut.pages <= cut.max_pages { " (--full-length keeps everything)" } else { "" };
        eprintln!("note: {cut}{hint}");
    }
}

#[cfg(feature = "gui")]
fn open_window(library: PathBuf) -> anyhow::Result<Outcome> {
    crate::gui::run(library).map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    Ok(Outcome::Ok)
}

#[cfg(not(feature = "gui"))]
fn open_window(_library: PathBuf) -> anyhow::Result<Outcome> {
    bail!("this build has no desktop window (built without the `gui` feature); see `briefing --help`")
}

/// `render --note`: a note's Markdown as written, laid out in the template's style.
fn render_note(
    note: &Path,
    template: &str,
    title: Option<String>,
    classification: Option<String>,
    drafter: Option<String>,
    output: &Path,
) -> anyhow::Result<Outcome> {
    let template = Template::find(template, Some(&templates_dir())).map_err(|e| anyhow::anyhow!("{e}"))?;
    let size = std::fs::metadata(note).with_context(|| format!("cannot read `{}`", note.display()))?.len();
    if size > 20_000_000 {
        bail!("`{}` is {} MB; a note's Markdown is at most 20 MB", note.display(), size / 1_000_000);
    }
    let bytes = std::fs::read(note).with_context(|| format!("cannot read `{}`", note.display()))?;
    let md = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!("`{}` is not UTF-8 text (invalid byte at {})", note.display(), e.utf8_error().valid_up_to())
    })?;
    let title = title.unwrap_or_else(|| {
        md.lines()
            .find_map(|l| l.strip_prefix("# "))
            .map(|t| t.trim().to_string())
            .unwrap_or_else(|| note.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default())
    });
    let marking = classification.unwrap_or_else(|| template.classification.clone());
    let style = crate::layout::Style::for_template(&template, &marking, &title);
    let doc = crate::layout::layout(&md, &style, &title);
    let opts = crate::pdf::PdfOptions {
        author: drafter.unwrap_or_default(),
        created: pipeline::source_date_epoch(),
        ..crate::pdf::PdfOptions::default()
    };
    let bytes = crate::pdf::write(&doc, &opts).map_err(|e| anyhow::anyhow!("{e}"))?;
    write_atomic(output, &bytes)?;
    eprintln!(
        "wrote {} ({} pages, from {}, template {})",
        output.display(),
        doc.pages.len(),
        note.display(),
        template.name
    );
    Ok(Outcome::Ok)
}

/// What `brief` and `render` work on: the template, the note's date and the analysed articles.
struct Selection {
    template: Template,
    today: Date,
    articles: Vec<Article>,
    analyses: Vec<ArticleAnalysis>,
    failed: usize,
}

/// Finds the template, reads the note's date (default today) and reads and analyses the
/// files (an undated one against `published`, when given); fails only when no file could be
/// read. An undated article whose deadlines wait on its date is named in a warning.
fn select(template: &str, date: Option<&str>, published: Option<&str>, files: &[PathBuf]) -> anyhow::Result<Selection> {
    let template = Template::find(template, Some(&templates_dir())).map_err(|e| anyhow::anyhow!("{e}"))?;
    let today = match date {
        Some(d) => parse_date(d)?,
        None => jiff::Zoned::now().date(),
    };
    let (articles, failed) = load_all(files, &IngestOptions::default());
    if articles.is_empty() {
        bail!("none of the {} input files could be read", files.len());
    }
    let published = published.map(parse_date).transpose()?;
    let articles: Vec<Article> =
        articles.into_iter().map(|a| Article { published: a.published.or(published), ..a }).collect();
    let analyses = pipeline::analyze_all(&articles, None);
    for (a, an) in articles.iter().zip(&analyses) {
        if let Some(w) = pipeline::undated_warning(a, an) {
            eprintln!("warning: {w}");
        }
    }
    Ok(Selection { template, today, articles, analyses, failed })
}

/// The analyst's edits from the library, when there is one (a warning, not a failure, when
/// it cannot be read).
fn library_edits(path: &Path) -> Vec<Edit> {
    if !path.exists() {
        return Vec::new();
    }
    match crate::store::Store::open(path).and_then(|s| s.edits()) {
        Ok((edits, _)) => edits.into_iter().map(|(_, e)| e).collect(),
        Err(e) => {
            eprintln!("warning: edits not applied: {e}");
            Vec::new()
        }
    }
}

/// The user's template folder.
pub fn templates_dir() -> PathBuf {
    crate::store::data_dir().join("templates")
}

/// "+05:30", "-02:00" -> minutes east of UTC.
fn parse_offset(s: &str) -> anyhow::Result<i16> {
    let bad = || anyhow::anyhow!("invalid UTC offset `{s}` (expected +HH:MM or -HH:MM)");
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let (h, m) = s.get(1..).and_then(|t| t.split_once(':')).ok_or_else(bad)?;
    let (h, m): (i16, i16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 14 || m > 59 {
        return Err(bad());
    }
    Ok(sign * (h * 60 + m))
}

fn parse_date(s: &str) -> anyhow::Result<Date> {
    s.parse::<Date>().with_context(|| format!("invalid date `{s}` (expected YYYY-MM-DD, a real calendar date)"))
}

/// Writes a file via a temporary file and rename, so a failed write never leaves half a file.
fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write `{}`", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}

/// Reads every file; failures are reported as `error: FILE: problem` and counted.
fn load_all(files: &[PathBuf], opts: &IngestOptions) -> (Vec<Article>, usize) {
    let mut out = Vec::new();
    let mut failed = 0;
    for f in files {
        match load_one(f, opts) {
            Ok(a) => out.extend(a),
            Err(e) => {
                eprintln!("error: {e:#}");
                failed += 1;
            }
        }
    }
    (out, failed)
}

/// Reads one file: one article, or one per item of a feed.
fn load_one(path: &Path, opts: &IngestOptions) -> anyhow::Result<Vec<Article>> {
    let meta = std::fs::metadata(path).with_context(|| format!("{}", path.display()))?;
    if meta.is_dir() {
        bail!("{}: is a folder, not an article file", path.display());
    }
    if meta.len() as usize > ingest::MAX_INPUT_BYTES {
        bail!("{}: {}", path.display(), ingest::IngestError::TooLarge { bytes: meta.len() as usize });
    }
    let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
    ingest::load(&path.to_string_lossy(), &bytes, opts).with_context(|| format!("{}", path.display()))
}

fn open_library(path: &Path) -> anyhow::Result<crate::store::Store> {
    let mut store = crate::store::Store::open(path).map_err(|e| anyhow::anyhow!("{e}"))?;
    match store.seed_samples() {
        Ok(problems) => problems.iter().for_each(|p| eprintln!("warning: sample {p}")),
        Err(e) => eprintln!("warning: the sample articles were not added: {e}"),
    }
    Ok(store)
}

/// `briefing import`: reads every file, then adds all articles in one transaction.
fn import(library: &Path, paths: &[PathBuf]) -> anyhow::Result<Outcome> {
    let (files, mut problems) = ingest::collect_files(paths);
    let opts = IngestOptions::default();
    let mut articles = Vec::new();
    for f in &files {
        match load_one(f, &opts) {
            Ok(a) => articles.extend(a),
            Err(e) => problems.push(format!("{e:#}")),
        }
    }
    let mut store = open_library(library)?;
    let added = store.add_each(&articles).map_err(|e| anyhow::anyhow!("{e}"))?;
    for (a, new) in articles.iter().zip(&added) {
        if !new {
            eprintln!("duplicate: {} (the same text is already in the library)", a.file);
        }
    }
    for p in &problems {
        eprintln!("error: {p}");
    }
    let imported = added.iter().filter(|n| **n).count();
    println!(
        "imported {imported}, duplicates {}, failed {} (library `{}`)",
        added.len() - imported,
        problems.len(),
        library.display()
    );
    if imported == 0 && articles.is_empty() && !problems.is_empty() {
        bail!("nothing could be imported");
    }
    Ok(if problems.is_empty() { Outcome::Ok } else { Outcome::Partial })
}

/// `briefing list`: the library as a table or JSON.
fn list(library: &Path, json: bool) -> anyhow::Result<Outcome> {
    let store = open_library(library)?;
    let entries = store.list().map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut out = std::io::stdout().lock();
    if json {
        let rows: Vec<Value> = entries
            .iter()
            .map(|e| {
                let a = &e.article;
                json!({
                    "id": a.id, "title": a.title, "published": a.published.map(|d| d.to_string()),
                    "source": a.source, "url": a.url, "author": a.author, "file": a.file,
                    "format": a.format, "picked": e.picked, "words": a.text.split_whitespace().count(),
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
    } else {
        for e in &entries {
            let a = &e.article;
            let date = a.published.map_or_else(|| "no date   ".to_string(), |d| d.to_string());
            let source: String = a.source.as_deref().unwrap_or("-").chars().take(22).collect();
            writeln!(out, "{} {} {date}  {source:22}  {}", &a.id, if e.picked { "*" } else { " " }, a.display_title())?;
        }
        eprintln!(
            "{} articles ({} picked) in `{}`",
            entries.len(),
            entries.iter().filter(|e| e.picked).count(),
            library.display()
        );
    }
    Ok(Outcome::Ok)
}

/// `briefing remove`: removes one article, found by its id or a unique start of it.
fn remove(library: &Path, id: &str) -> anyhow::Result<Outcome> {
    let store = open_library(library)?;
    let entries = store.list().map_err(|e| anyhow::anyhow!("{e}"))?;
    let id = id.trim();
    let matches: Vec<_> = entries.iter().filter(|e| !id.is_empty() && e.article.id.starts_with(id)).collect();
    let target = match matches.as_slice() {
        [one] => one.article.clone(),
        [] => bail!("no article with id `{id}` in `{}` (see `briefing list`)", library.display()),
        more => bail!("`{id}` matches {} articles; give more of the id", more.len()),
    };
    store.remove(&target.id).map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("removed {} {}", target.id, target.display_title());
    Ok(Outcome::Ok)
}

fn extract(
    files: &[PathBuf],
    published: Option<Date>,
    verbatim: bool,
    format: OutputFormat,
    aopts: &AnalyzeOptions,
) -> anyhow::Result<Outcome> {
    let opts = IngestOptions { verbatim, published };
    let mut failed = 0;
    let mut done = 0;
    let mut all = Vec::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for f in files {
        let articles = match load_one(f, &opts) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("error: {e:#}");
                failed += 1;
                continue;
            }
        };
        done += 1;
        for article in articles {
            // A bug in the analysis of one article costs that article, not the whole batch.
            let analysed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                analyze::analyze(&article, article.published, aopts)
            }));
            let Ok(analysis) = analysed else {
                eprintln!(
                    "error: {}: the analysis stopped on an internal error (reported above); the other files go on",
                    article.file
                );
                failed += 1;
                continue;
            };
            let value = extract_json(&article.file, &article, &analysis);
            match format {
                OutputFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(&value)?)?,
                OutputFormat::Json => all.push(value),
                OutputFormat::Md => write!(out, "{}", extract_markdown(&article, &analysis))?,
            }
        }
    }
    if let OutputFormat::Json = format {
        writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
    }
    out.flush()?;
    if done == 0 {
        bail!("none of the {} input files could be read", files.len());
    }
    Ok(if failed > 0 { Outcome::Partial } else { Outcome::Ok })
}

/// The `extract` JSON object of one file (the project's documented shape; every key present).
pub fn extract_json(file: &str, a: &Article, an: &ArticleAnalysis) -> Value {
    json!({
        "file": file,
        "title": a.title,
        "published": a.published.map(|d| d.to_string()),
        "source": a.source,
        "url": a.url,
        "text": a.text,
        "actors": an.actors,
        "times": an.times,
        "deadlines": an.deadlines,
        "quotes": an.quotes,
        "key_points": an.key_points.iter().map(|p| p.text.clone()).collect::<Vec<_>>(),
    })
}

fn extract_markdown(a: &Article, an: &ArticleAnalysis) -> String {
    let mut s = format!("# {}\n\n", a.display_title());
    s += &format!(
        "*{}, {}*\n\n## Key points\n\n",
        a.source.as_deref().unwrap_or("unknown outlet"),
        a.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into())
    );
    for p in &an.key_points {
        s += &format!("- {}\n", p.text);
    }
    s += "\n## Actors\n\n";
    for x in &an.actors {
        s += &format!(
            "- **{}** ({:?}){}\n",
            x.name,
            x.kind,
            x.role.as_deref().map(|r| format!(": {r}")).unwrap_or_default()
        );
    }
    s += "\n## Deadlines\n\n";
    for d in &an.deadlines {
        s += &format!("- {}: {}\n", d.date.map(|x| x.to_string()).unwrap_or_else(|| "date unknown".into()), d.what);
    }
    s + "\n"
}
