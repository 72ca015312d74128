//! CLI arguments -> resolved settings: the template loaded, the language,
//! the reference date, the output format. clap stops here: nothing past this
//! module sees clap types.

use crate::cli::{CheckArgs, FailOn, FormatArg, LangArg};
use crate::diag::{Lang, OrTrouble, Say, Severity, Trouble};
use crate::report::visible;
use crate::template::{Template, TemplateError};
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Html,
    Xlsx,
}

/// Everything `check` needs, resolved.
#[derive(Debug, Clone)]
pub struct CheckSettings {
    pub paths: Vec<PathBuf>,
    pub template: Template,
    pub lang: Lang,
    pub as_of: NaiveDate,
    pub format: Format,
    /// Lowest severity that fails the run; `None` never fails.
    pub fail_on: Option<Severity>,
    pub quiet: bool,
    pub width: Option<u16>,
    pub output: Option<PathBuf>,
    pub force: bool,
    pub watch: bool,
    /// An HTML page for a projector (`--projector`; always during `--watch`).
    pub projector: bool,
    /// With --watch: the whole report each time, not one screen.
    pub full: bool,
    /// A saved JSON report to compare with (--since).
    pub since: Option<PathBuf>,
    /// CSV with a byte-order mark and `;` between cells, for Excel.
    pub excel_csv: bool,
    /// Evidence roots given with --evidence (empty: each workbook's folder).
    pub evidence: Vec<PathBuf>,
    pub spd: Option<f64>,
    /// The SPD sheet given with --spd-sheet.
    pub spd_sheet: Option<PathBuf>,
    pub pemda: String,
    /// Baseline files, each with the year it was tagged with.
    pub baselines: Vec<(Option<i32>, PathBuf)>,
    /// The roster of agencies expected, given with --roster.
    pub roster: Option<PathBuf>,
    /// The pemda's IID lists a lab's ideas are followed into (--iid).
    pub iid: Vec<PathBuf>,
    /// Existing innovations the ideas are compared with (--catalog).
    pub catalog: Option<PathBuf>,
    pub year: i32,
    pub stale_after_days: u32,
    pub match_threshold: f64,
    /// The history database given with --history (`check` also reads
    /// BIMTEK_HISTORY).
    pub history: Option<PathBuf>,
}

impl CheckSettings {
    /// How CSV is written.
    pub fn csv_dialect(&self) -> crate::report::csv::Dialect {
        if self.excel_csv {
            crate::report::csv::Dialect::Excel
        } else {
            crate::report::csv::Dialect::Plain
        }
    }
}

pub fn lang(l: LangArg) -> Lang {
    match l {
        LangArg::Id => Lang::Id,
        LangArg::En => Lang::En,
    }
}

/// A template by shipped id, or from a file when the argument names one.
pub fn load_template(arg: &str, lang: Lang) -> Result<Template> {
    let as_path = Path::new(arg);
    // Links are followed: an officer's shortcut to the template is fine.
    let meta = std::fs::metadata(as_path).ok();
    let special = meta.as_ref().is_some_and(|m| !m.is_file() && !m.is_dir());
    if arg.ends_with(".toml") || special || meta.is_some_and(|m| m.is_file()) {
        let bytes = read_template(as_path)?;
        return Template::parse_bytes(&bytes, &as_path.display().to_string())
            .map_err(|e| template_error(&e, lang));
    }
    match Template::builtin(arg) {
        Some(t) => t.map_err(|e| template_error(&e, lang)),
        None => {
            let known = crate::template::BUILTIN
                .iter()
                .map(|(id, _)| *id)
                .collect::<Vec<_>>()
                .join(", ");
            Err(anyhow!(lang.fill(
                Say::UnknownTemplate,
                &[("name", &arg), ("known", &known)]
            )))
        }
    }
}

/// The most a template file may hold: the shipped ones are tens of KB.
const MAX_TEMPLATE_BYTES: u64 = 16 << 20;

/// A template file's bytes. A pipe or a device (`/dev/zero`) would block the
/// read or never end it, so only a regular file is read, and no more than
/// [`MAX_TEMPLATE_BYTES`] of it.
fn read_template(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let name = path.display();
    let cannot = |e: &dyn std::fmt::Display| -> anyhow::Error {
        Trouble::say(Say::TemplateCannotBeRead, &[("name", &name), ("e", &e)]).into()
    };
    let meta = std::fs::metadata(path).map_err(|e| cannot(&e))?;
    if !meta.is_file() {
        return Err(Trouble::say(Say::TemplateNotAFile, &[("name", &name)]).into());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_TEMPLATE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| cannot(&e))?;
    if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
        let mib = MAX_TEMPLATE_BYTES >> 20;
        return Err(Trouble::say(Say::TemplateTooBig, &[("name", &name), ("mib", &mib)]).into());
    }
    Ok(bytes)
}

fn template_error(e: &TemplateError, lang: Lang) -> anyhow::Error {
    anyhow!(lang.fill(Say::InvalidTemplate, &[("mistake", &e.display(lang))]))
}

pub fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").or_trouble(|| {
        let s = visible(s);
        Trouble::say(Say::AsOfNotADate, &[("s", &s)])
    })
}

pub fn resolve_check(args: CheckArgs, lang_arg: LangArg) -> Result<CheckSettings> {
    let template = load_template(&args.template, lang(lang_arg))?;
    let max_spd = template.scoring.as_ref().map_or(f64::MAX, |s| s.spd_max);
    for dir in &args.evidence {
        if !dir.is_dir() {
            let d = visible(&dir.to_string_lossy()).into_owned();
            return Err(Trouble::say(Say::EvidenceNotFound, &[("d", &d)]).into());
        }
    }
    let as_of = match &args.as_of {
        Some(s) => parse_date(s)?,
        None => chrono::Local::now().date_naive(),
    };
    Ok(CheckSettings {
        paths: args.paths,
        lang: lang(lang_arg),
        as_of,
        format: match args.format.unwrap_or(FormatArg::Table) {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
            FormatArg::Html => Format::Html,
            FormatArg::Xlsx => Format::Xlsx,
        },
        fail_on: match args.fail_on.unwrap_or(FailOn::Error) {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Never => None,
        },
        quiet: args.quiet,
        width: args.width,
        output: args.output,
        force: args.force,
        watch: args.watch,
        projector: args.projector,
        full: args.full,
        since: args.since,
        excel_csv: args.excel_csv,
        evidence: args.evidence,
        spd: match args.spd {
            Some(x) if !(0.0..=max_spd).contains(&x) => {
                return Err(
                    Trouble::say(Say::SpdOutOfRange, &[("x", &x), ("max_spd", &max_spd)]).into(),
                );
            }
            other => other,
        },
        spd_sheet: args.spd_sheet,
        pemda: args.pemda,
        baselines: args
            .baseline
            .iter()
            .map(|b| parse_baseline(b))
            .collect::<Result<Vec<_>>>()?,
        roster: args.roster,
        iid: args.iid,
        catalog: args.catalog,
        year: args.year.unwrap_or(template.year),
        stale_after_days: args.stale_after.unwrap_or(template.stale_after_days),
        match_threshold: match args.match_threshold {
            Some(x) if !(0.0..=1.0).contains(&x) => {
                return Err(Trouble::say(Say::MatchThresholdOutOfRange, &[("x", &x)]).into());
            }
            Some(x) => x,
            None => template.match_threshold,
        },
        history: args.history,
        template,
    })
}

/// Output format of `bimtek history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryFormat {
    Table,
    Json,
    Csv,
    Html,
}

/// Everything `bimtek history` needs, resolved.
#[derive(Debug, Clone)]
pub struct HistorySettings {
    pub path: PathBuf,
    pub format: HistoryFormat,
    pub from: Option<NaiveDate>,
    /// With --inputs: the [`crate::history::inputs_key`] of the runs shown.
    pub inputs: Option<String>,
    pub lang: Lang,
    pub width: Option<u16>,
}

pub fn resolve_history(
    args: crate::cli::HistoryArgs,
    lang_arg: LangArg,
) -> Result<HistorySettings> {
    use crate::cli::HistoryFormatArg as F;
    let Some(path) = crate::history::path_from(args.history) else {
        return Err(Trouble::say(Say::NoHistoryGiven, &[]).into());
    };
    let from = match &args.from {
        Some(s) => Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            let s = visible(s);
            Trouble::say(Say::FromNotADate, &[("s", &s)])
        })?),
        None => None,
    };
    Ok(HistorySettings {
        path,
        format: match args.format.unwrap_or(F::Table) {
            F::Table => HistoryFormat::Table,
            F::Json => HistoryFormat::Json,
            F::Csv => HistoryFormat::Csv,
            F::Html => HistoryFormat::Html,
        },
        from,
        inputs: (!args.inputs.is_empty()).then(|| crate::history::inputs_key(&args.inputs)),
        lang: lang(lang_arg),
        width: args.width,
    })
}

/// The command a set of shared options is given to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Check,
    Show,
    Export,
}

/// Refuse the shared options that do nothing for `command`, rather than
/// ignore them: `export` writes every form into its package, once, and
/// `--excel-csv` shapes only CSV.
pub fn refuse_unused(args: &CheckArgs, command: Command) -> Result<()> {
    let refuse = |flag: &str, why: Say| -> Result<()> {
        Err(Trouble::each(|lang| format!("{flag}: {}", lang.say(why))).into())
    };
    if command == Command::Export {
        if args.output.is_some() {
            return refuse("-o/--output", Say::OutputNotForExport);
        }
        if args.format.is_some() {
            return refuse("--format", Say::FormatNotForExport);
        }
        if args.watch {
            return refuse("--watch", Say::WatchNotForExport);
        }
    }
    let html = command == Command::Check && args.format == Some(FormatArg::Html);
    if args.projector && !html {
        return refuse("--projector", Say::ProjectorOnlyForHtml);
    }
    if args.since.is_some()
        && (command != Command::Check
            || matches!(args.format, Some(FormatArg::Csv | FormatArg::Xlsx)))
    {
        return refuse("--since", Say::SinceOnlyForCheck);
    }
    if args.history.is_some() {
        if command != Command::Check {
            return refuse("--history", Say::HistoryOnlyForCheck);
        }
        if args.watch {
            return refuse("--history", Say::HistoryNotWithWatch);
        }
    }
    if command == Command::Show
        && !matches!(args.format, None | Some(FormatArg::Table | FormatArg::Json))
    {
        return refuse("--format", Say::ShowFormats);
    }
    if command == Command::Show && args.output.is_some() {
        return refuse("-o/--output", Say::OutputNotForShow);
    }
    let csv = match command {
        Command::Check => args.format == Some(FormatArg::Csv),
        Command::Show => false,
        Command::Export => true,
    };
    if args.excel_csv && !csv {
        return refuse("--excel-csv", Say::ExcelCsvOnlyForCsv);
    }
    Ok(())
}

/// `2025=file.xlsx` or `file.xlsx`.
fn parse_baseline(arg: &str) -> Result<(Option<i32>, PathBuf)> {
    // Said in a message of one line.
    let shown = visible(arg);
    let (year, file) = match arg.split_once('=') {
        Some((y, f)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => {
            (Some(y.parse().expect("four digits")), f)
        }
        // Digits before `=` are meant as a year (unless the whole argument
        // is a file's name): a wrong one is said, not a missing file.
        Some((y, _))
            if !y.is_empty()
                && y.chars().all(|c| c.is_ascii_digit())
                && !Path::new(arg).exists() =>
        {
            return Err(
                Trouble::say(Say::BaselineNotAYear, &[("shown", &shown), ("y", &y)]).into(),
            );
        }
        _ => (None, arg),
    };
    let path = PathBuf::from(file);
    let Ok(meta) = std::fs::metadata(&path) else {
        return Err(Trouble::say(Say::BaselineNotFound, &[("shown", &shown)]).into());
    };
    // A pipe or a device (`/dev/zero`) would block the read or never end it.
    if !meta.is_file() && !meta.is_dir() {
        return Err(Trouble::say(Say::BaselineNotAFile, &[("arg", &arg)]).into());
    }
    Ok((year, path))
}
