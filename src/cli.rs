//! Command-line syntax: clap derive types. Their `///` docs are the English
//! `--help`; `help_id` puts the Indonesian one (the default) on the same
//! tree. Nothing here resolves or validates beyond what clap does;
//! `settings.rs` turns these into resolved settings.

mod help_id;

use crate::diag::Lang;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

/// Parse `args` (the first is the program name), with `--help` in the
/// language `--lang` asks for (Bahasa Indonesia unless `--lang en`). `--help`,
/// `--version` and syntax errors come back as clap's error: print them with
/// [`error_text`] or let clap do it.
pub fn try_parse_from(args: &[OsString]) -> Result<Cli, clap::Error> {
    let matches = command(asked_lang(args)).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// A syntax error in Bahasa Indonesia, unless `args` ask for English or the
/// error is `--help`/`--version` output (`None`: clap prints it as it is).
pub fn error_text(e: &clap::Error, args: &[OsString]) -> Option<String> {
    if asked_lang(args) == Lang::En || !e.use_stderr() {
        return None;
    }
    help_id::error(e)
}

/// The command tree with its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    // `bimtek help CMD` is left out: `bimtek CMD --help` says the same, in
    // the user's language.
    let cmd = Cli::command().disable_help_subcommand(true);
    match lang {
        Lang::En => cmd.about(
            "bimtek: check agencies' regional-innovation (IID) spreadsheets before they are \
             entered into the portal",
        ),
        Lang::Id => help_id::apply(cmd),
    }
}

/// The language the arguments ask for: English for `--lang en` or
/// `--lang=en`, else Bahasa Indonesia. The help is chosen before clap
/// parses, so this looks at the words alone.
fn asked_lang(args: &[OsString]) -> Lang {
    let english = args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
        || args.iter().any(|a| a == "--lang=en");
    if english { Lang::En } else { Lang::Id }
}

/// bimtek: periksa data inovasi daerah (IID) dari lembar kerja OPD sebelum
/// diinput ke portal. Check regional-innovation spreadsheets before they are
/// entered into the IID portal.
#[derive(Debug, Parser)]
#[command(name = "bimtek", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Language of messages: id (Bahasa Indonesia) or en (English).
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Id)]
    pub lang: LangArg,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load agency spreadsheets and check every innovation against the template.
    Check(CheckArgs),
    /// Show one innovation as a card: its fields, the 20 indicators with
    /// their evidence and points, and what is missing.
    Show(ShowArgs),
    /// Write the cleaned submission package (--out DIR or FILE.zip), or one
    /// feedback workbook per agency (--feedback DIR).
    Export(ExportArgs),
    /// Explain a finding code (or list all codes).
    Explain(ExplainArgs),
    /// Submission templates: list and show the shipped ones, write the blank
    /// form agencies fill in, check a template file of your own.
    Template(TemplateArgs),
    /// The campaign recorded by `check --history`: per agency, innovations,
    /// errors and verified score at the first run, the previous run and now.
    History(HistoryArgs),
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The history database (default: the BIMTEK_HISTORY environment variable).
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,

    /// Output format (default: table).
    #[arg(long, value_enum)]
    pub format: Option<HistoryFormatArg>,

    /// Start the campaign at this date (yyyy-mm-dd): earlier runs are left out.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// Only the runs that checked exactly these inputs (as given to check).
    #[arg(long, value_name = "PATHS", num_args = 1..)]
    pub inputs: Vec<PathBuf>,

    /// Table width in columns (default: the terminal's, or 100).
    #[arg(long)]
    pub width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormatArg {
    Table,
    Json,
    Csv,
    /// A self-contained page with a small chart per agency (no network).
    Html,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    #[command(subcommand)]
    pub command: TemplateCommand,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// List the shipped templates with their year and source.
    List,
    /// Show a template: its fields and rules, indicators, window and award.
    Show {
        /// A shipped id (iid-2026) or a path to a .toml file.
        template: String,
    },
    /// Write the blank form (xlsx) agencies fill in: instructions, the
    /// header row with notes and dropdowns, evidence and reference sheets.
    Form {
        /// A shipped id (iid-2026) or a path to a .toml file.
        template: String,
        /// The workbook to write (.xlsx).
        #[arg(long, short, value_name = "FILE", required_unless_present = "roster")]
        output: Option<PathBuf>,
        /// Also (or only) write the roster of agencies, for `check
        /// --roster`: columns Nama, Alias, Kelompok, with the template's
        /// own roster when it has one (.xlsx).
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Check a template file of your own; mistakes are shown as
    /// file:line:column. Exit code 1 when it has a mistake.
    Check {
        /// The template file (.toml).
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The package: a folder, or a .zip file.
    #[arg(
        long,
        value_name = "DIR|FILE.zip",
        required_unless_present = "feedback"
    )]
    pub out: Option<PathBuf>,

    /// Write one feedback workbook per agency into this folder instead.
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    pub feedback: Option<PathBuf>,

    /// Keep innovations with errors in the package, marked in a status column.
    #[arg(long)]
    pub include_invalid: bool,

    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The innovation: (part of) its name, its row number, or its id
    /// (`file:sheet:row` as in the JSON).
    pub query: String,

    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders (walked recursively): xlsx, xlsm, xlsb, xls, ods, csv, tsv.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Output format (default: table). Not for `export`, whose package
    /// holds every form.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,

    /// Template: a shipped id (iid-2026) or a path to a .toml file.
    #[arg(long, default_value = "iid-2026")]
    pub template: String,

    /// Reference date (yyyy-mm-dd) for "date in the future"; default today.
    #[arg(long)]
    pub as_of: Option<String>,

    /// Lowest severity that makes the exit code 1 (default: error; for
    /// `export`, never: the package is written either way).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// No progress bar (and, for `export`, no summary).
    #[arg(long, short)]
    pub quiet: bool,

    /// Table width in columns (default: the terminal's, or 100).
    #[arg(long)]
    pub width: Option<u16>,

    /// Write the report to this file (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace an existing output file or package.
    #[arg(long)]
    pub force: bool,

    /// CSV for Excel on an Indonesian Windows: a UTF-8 byte-order mark and
    /// `;` between cells (with `check --format csv` and `export`).
    #[arg(long)]
    pub excel_csv: bool,

    /// Keep running: check again whenever an input or evidence file
    /// changes, redrawing the report (JSON: one line per run).
    #[arg(long)]
    pub watch: bool,

    /// With --format html: a page for a projector (large, high-contrast
    /// text, the screen's full width). Pages written during --watch are.
    #[arg(long)]
    pub projector: bool,

    /// With --watch on a terminal: the whole report each time, not one
    /// screen.
    #[arg(long, requires = "watch")]
    pub full: bool,

    /// Compare with a saved JSON report (check --format json) and say what
    /// changed: innovations added and removed, findings fixed and new.
    #[arg(long, value_name = "FILE.json")]
    pub since: Option<PathBuf>,

    /// Folder of evidence files (bukti dukung); may be given more than once.
    /// Default: each workbook's own folder, with its bukti/ and evidence/.
    #[arg(long, value_name = "DIR")]
    pub evidence: Vec<PathBuf>,

    /// The pemda's SPD points (0-63), to complete the IID estimate.
    #[arg(long, value_name = "POINTS")]
    pub spd: Option<f64>,

    /// The pemda's SPD sheet (xlsx, csv, ...): one row per SPD indicator with
    /// its value and evidence, scored by the template; instead of --spd.
    #[arg(long, value_name = "FILE", conflicts_with = "spd")]
    pub spd_sheet: Option<PathBuf>,

    /// Name of the pemda when the rows do not name one.
    #[arg(long, value_name = "NAME", default_value = "Pemda")]
    pub pemda: String,

    /// What is already in the portal: its list download (xlsx, xls, csv, or
    /// an HTML table saved as .xls) or an earlier submission. Tag earlier
    /// years' files with their year: `--baseline 2025=inovasi-2025.xlsx`.
    #[arg(long, value_name = "[YEAR=]FILE")]
    pub baseline: Vec<String>,

    /// The agencies expected (xlsx, csv, ...): a column Nama, optionally
    /// Alias (several separated by `;`) and Kelompok. Says who sent
    /// nothing; default: the template's [roster].
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,

    /// With --template labinov: the pemda's IID innovation lists (a file or
    /// a folder, read with the iid-2026 template) each launched idea must
    /// be in; --baseline lists count too. May be given more than once.
    #[arg(long, value_name = "PATHS")]
    pub iid: Vec<PathBuf>,

    /// Existing innovations (any innovation list, e.g. LAN's Direktori
    /// Inovasi): each idea's likest innovations of other pemda are listed.
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,

    /// Assessment year (default: the template's).
    #[arg(long)]
    pub year: Option<i32>,

    /// Flag portal entries not updated for this many days before --as-of
    /// (default: the template's).
    #[arg(long, value_name = "DAYS")]
    pub stale_after: Option<u32>,

    /// Name similarity (0-1) above which a portal entry is the same
    /// innovation (default: the template's).
    #[arg(long, value_name = "X")]
    pub match_threshold: Option<f64>,

    /// Record this run in a history database (SQLite; created if absent);
    /// default: the BIMTEK_HISTORY environment variable. `bimtek history`
    /// shows the campaign.
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A finding code such as R001; without one, all codes are listed.
    pub code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Id,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Csv,
    /// A self-contained page (no network), for a projector or a browser.
    Html,
    /// A workbook for Excel (findings, innovations, summary); needs -o FILE.xlsx.
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_command_trees_are_valid() {
        command(Lang::En).debug_assert();
        command(Lang::Id).debug_assert();
    }

    /// Every command and every argument has Indonesian help of its own: a
    /// flag added with only its English `///` doc fails here.
    #[test]
    fn every_command_and_argument_has_indonesian_help() {
        fn walk(en: &clap::Command, id: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let path = format!("{path} {}", en.get_name());
            if en.get_about().map(|a| a.to_string()) == id.get_about().map(|a| a.to_string()) {
                missing.push(format!("{path}: about"));
            }
            for arg in en.get_arguments() {
                let id_arg = id
                    .get_arguments()
                    .find(|a| a.get_id() == arg.get_id())
                    .expect("same arguments in both trees");
                let (e, i) = (
                    arg.get_help().map(|h| h.to_string()),
                    id_arg.get_help().map(|h| h.to_string()),
                );
                if i.is_none() || e == i {
                    missing.push(format!("{path}: {}", arg.get_id()));
                }
            }
            // Positional arguments keep their order: the words parse the same.
            let positionals = |c: &clap::Command| -> Vec<String> {
                c.get_positionals()
                    .map(|a| a.get_id().to_string())
                    .collect()
            };
            if positionals(en) != positionals(id) {
                missing.push(format!("{path}: positional order"));
            }
            for sub in en.get_subcommands() {
                let id_sub = id
                    .find_subcommand(sub.get_name())
                    .expect("same subcommands in both trees");
                walk(sub, id_sub, &path, missing);
            }
        }
        let (mut en, mut id) = (command(Lang::En), command(Lang::Id));
        en.build();
        id.build();
        let mut missing = Vec::new();
        walk(&en, &id, "", &mut missing);
        assert!(missing.is_empty(), "not like the English tree: {missing:?}");
    }

    #[test]
    fn english_is_asked_with_either_spelling() {
        let args = |s: &[&str]| s.iter().map(OsString::from).collect::<Vec<_>>();
        let lang = |a: &[&str]| asked_lang(&args(a));
        assert_eq!(lang(&["bimtek", "--lang", "en", "check"]), Lang::En);
        assert_eq!(lang(&["bimtek", "check", "--lang=en"]), Lang::En);
        assert_eq!(lang(&["bimtek", "check", "--lang", "id"]), Lang::Id);
        assert_eq!(lang(&["bimtek", "check", "en"]), Lang::Id);
    }
}
