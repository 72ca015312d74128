//! Command-line syntax: clap derive types. Their `--help`, in both
//! languages, is in the catalogue of texts (`diag::Say`, the `About*` and
//! `Help*` keys); `help` puts it on the tree in the language asked for.
//! Nothing here resolves or validates beyond what clap does; `settings.rs`
//! turns these into resolved settings.

mod help;

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
    if !e.use_stderr() {
        return None;
    }
    help::error(e, asked_lang(args))
}

/// The command tree with its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    // `bimtek help CMD` is left out: `bimtek CMD --help` says the same, in
    // the user's language.
    help::apply(Cli::command().disable_help_subcommand(true), lang)
}

/// The language the arguments ask for: English for `--lang en` or
/// `--lang=en`, else Bahasa Indonesia. The help is chosen before clap
/// parses, so this looks at the words alone.
fn asked_lang(args: &[OsString]) -> Lang {
    let english = args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
        || args.iter().any(|a| a == "--lang=en");
    if english { Lang::En } else { Lang::Id }
}

#[derive(Debug, Parser)]
#[command(name = "bimtek", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[arg(long, global = true, value_enum, default_value_t = LangArg::Id)]
    pub lang: LangArg,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Check(CheckArgs),
    Show(ShowArgs),
    Export(ExportArgs),
    Explain(ExplainArgs),
    Template(TemplateArgs),
    History(HistoryArgs),
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,

    #[arg(long, value_enum)]
    pub format: Option<HistoryFormatArg>,

    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    #[arg(long, value_name = "PATHS", num_args = 1..)]
    pub inputs: Vec<PathBuf>,

    #[arg(long)]
    pub width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormatArg {
    Table,
    Json,
    Csv,
    Html,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    #[command(subcommand)]
    pub command: TemplateCommand,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    List,
    Show {
        template: String,
    },
    Form {
        template: String,
        #[arg(long, short, value_name = "FILE", required_unless_present = "roster")]
        output: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    Check {
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(
        long,
        value_name = "DIR|FILE.zip",
        required_unless_present = "feedback"
    )]
    pub out: Option<PathBuf>,

    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    pub feedback: Option<PathBuf>,

    #[arg(long)]
    pub include_invalid: bool,

    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    pub query: String,

    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,

    #[arg(long, default_value = "iid-2026")]
    pub template: String,

    #[arg(long)]
    pub as_of: Option<String>,

    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    #[arg(long, short)]
    pub quiet: bool,

    #[arg(long)]
    pub width: Option<u16>,

    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[arg(long)]
    pub force: bool,

    #[arg(long)]
    pub excel_csv: bool,

    #[arg(long)]
    pub watch: bool,

    #[arg(long)]
    pub projector: bool,

    #[arg(long, requires = "watch")]
    pub full: bool,

    #[arg(long, value_name = "FILE.json")]
    pub since: Option<PathBuf>,

    #[arg(long, value_name = "DIR")]
    pub evidence: Vec<PathBuf>,

    #[arg(long, value_name = "POINTS")]
    pub spd: Option<f64>,

    #[arg(long, value_name = "FILE", conflicts_with = "spd")]
    pub spd_sheet: Option<PathBuf>,

    #[arg(long, value_name = "NAME", default_value = "Pemda")]
    pub pemda: String,

    #[arg(long, value_name = "[YEAR=]FILE")]
    pub baseline: Vec<String>,

    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,

    #[arg(long, value_name = "PATHS")]
    pub iid: Vec<PathBuf>,

    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,

    #[arg(long)]
    pub year: Option<i32>,

    #[arg(long, value_name = "DAYS")]
    pub stale_after: Option<u32>,

    #[arg(long, value_name = "X")]
    pub match_threshold: Option<f64>,

    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
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
    Html,
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

    /// Every command and every argument takes its help from the catalogue:
    /// a flag added without its texts fails here, and clap's derive has no
    /// words of its own to fall back on.
    #[test]
    fn every_command_and_argument_has_its_help_in_the_catalogue() {
        fn walk(c: &clap::Command, path: &str, missing: &mut Vec<String>) {
            if help::about_of(path).is_none() {
                missing.push(format!("{path:?}: about"));
            }
            for arg in c.get_arguments() {
                let id = arg.get_id().as_str();
                // `--lang` is given once, at the top, for every command.
                let global = id == "lang" && !path.is_empty();
                if !global && help::help_of(path, id).is_none() {
                    missing.push(format!("{path:?}: {id}"));
                }
            }
            for sub in c.get_subcommands() {
                let below = format!("{path} {}", sub.get_name());
                walk(sub, below.trim_start(), missing);
            }
        }
        // The bare tree, before clap adds --help and --version.
        let mut missing = Vec::new();
        walk(&Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no help in the catalogue: {missing:?}");
        let en = command(Lang::En);
        let help = en
            .find_subcommand("check")
            .and_then(|c| c.get_arguments().find(|a| a.get_id() == "paths"))
            .and_then(|a| a.get_help())
            .map(|h| h.to_string());
        assert_eq!(
            help.as_deref(),
            Some(Lang::En.say(crate::diag::Say::HelpPaths))
        );
    }

    /// The derive has no words of its own (no `///` on an argument or a
    /// choice): every text of the tree, `--format`'s choices and clap's own
    /// `--help` and `--version` included, is the catalogue's in the language
    /// passed.
    #[test]
    fn every_help_text_of_the_tree_is_the_catalogues() {
        use crate::diag::Say;
        fn bare(c: &clap::Command, path: &str, own: &mut Vec<String>) {
            if c.get_about().is_some() || c.get_long_about().is_some() {
                own.push(format!("{path:?}: about"));
            }
            for a in c.get_arguments() {
                if a.get_help().is_some() || a.get_long_help().is_some() {
                    own.push(format!("{path:?}: {}", a.get_id()));
                }
                for v in a.get_possible_values() {
                    if v.get_help().is_some() {
                        own.push(format!("{path:?}: {} {}", a.get_id(), v.get_name()));
                    }
                }
            }
            for sub in c.get_subcommands() {
                let below = format!("{path} {}", sub.get_name());
                bare(sub, below.trim_start(), own);
            }
        }
        let mut own = Vec::new();
        bare(&Cli::command(), "", &mut own);
        assert!(own.is_empty(), "words outside the catalogue: {own:?}");

        fn said(c: &clap::Command, path: &str, lang: Lang, wrong: &mut Vec<String>) {
            let flags = [
                Say::HelpHelp,
                Say::HelpHelpMore,
                Say::HelpHelpSummary,
                Say::HelpVersion,
            ];
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                let help = a.get_help().map(|h| h.to_string());
                let ok = match id {
                    "help" | "version" => help
                        .as_deref()
                        .is_some_and(|h| flags.iter().any(|&k| lang.say(k) == h)),
                    _ => true,
                };
                if !ok {
                    wrong.push(format!("{path:?}: {id}: {help:?}"));
                }
                // The Indonesian help is short throughout: its --help
                // points to no longer one.
                if lang == Lang::Id && a.get_long_help().is_some() {
                    wrong.push(format!("{path:?}: {id}: long help"));
                }
                for v in a.get_possible_values() {
                    let want = help::choice_of(path, id, v.get_name()).map(|k| lang.say(k));
                    if v.get_help().map(|h| h.to_string()).as_deref() != want {
                        wrong.push(format!("{path:?}: {id} {}", v.get_name()));
                    }
                }
            }
            for sub in c.get_subcommands() {
                let below = format!("{path} {}", sub.get_name());
                said(sub, below.trim_start(), lang, wrong);
            }
        }
        for lang in [Lang::Id, Lang::En] {
            let mut tree = command(lang);
            tree.build();
            let mut wrong = Vec::new();
            said(&tree, "", lang, &mut wrong);
            assert!(wrong.is_empty(), "{lang:?}: {wrong:?}");
        }
        // The choices parse as the derive's did.
        let cli = try_parse_from(&["bimtek", "check", "x", "--format", "xlsx"].map(OsString::from))
            .unwrap();
        let Command::Check(args) = cli.command else {
            panic!("check")
        };
        assert_eq!(args.format, Some(FormatArg::Xlsx));
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
