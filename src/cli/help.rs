//! `--help` in the language passed: every command's about and every
//! argument's help is a text of the catalogue ([`Say`]), both languages in
//! one place, put on the clap tree before it parses. In Bahasa Indonesia
//! clap's own words ("Usage", "[default: ...]") are replaced too: headings by
//! a help template, defaults and choices by the help texts, which say them
//! themselves; in English clap's headings stand. The help of `--format`'s
//! choices and of `--help` and `--version` are the catalogue's in both.

use crate::diag::{Lang, Say};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, Command, ValueEnum};

/// The tree with its help in `lang`.
pub fn apply(cmd: Command, lang: Lang) -> Command {
    let cmd = words(cmd, "", lang);
    match lang {
        Lang::En => {
            let mut built = cmd.clone();
            built.build();
            flags(cmd, &built, true)
        }
        Lang::Id => usages(headings(cmd, true)),
    }
}

/// `--help` with the catalogue's words in `lang`; `long` when the command
/// has a longer help than its summary (as clap words its own flag then).
fn help_flag(lang: Lang, long: bool) -> Arg {
    let arg = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help);
    if long {
        arg.help(lang.say(Say::HelpHelpMore))
            .long_help(lang.say(Say::HelpHelpSummary))
    } else {
        arg.help(lang.say(Say::HelpHelp))
    }
}

/// `--version` with the catalogue's words in `lang`.
fn version_flag(lang: Lang) -> Arg {
    Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help(lang.say(Say::HelpVersion))
}

/// English: clap's own `--help` and `--version` switched off on `cmd` and
/// every command below it, and put back with the catalogue's words where
/// clap puts its own (last; `built`, a built copy of the tree, tells which
/// commands have a longer help).
fn flags(cmd: Command, built: &Command, top: bool) -> Command {
    // clap's own flags come after every other option.
    const LAST: usize = 999;
    let long = built
        .get_arguments()
        .any(|a| a.get_id() == "help" && a.get_long_help().is_some());
    let mut cmd = cmd
        .disable_help_flag(true)
        .arg(help_flag(Lang::En, long).display_order(LAST));
    if top {
        cmd = cmd
            .disable_version_flag(true)
            .arg(version_flag(Lang::En).display_order(LAST));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if let Some(b) = built.find_subcommand(&name) {
            cmd = cmd.mut_subcommand(&name, |s| flags(s, b, false));
        }
    }
    cmd
}

/// The help of choice `value` of argument `arg` of the command at `path`;
/// `None` for a choice that needs none (`json`).
pub(super) fn choice_of(path: &str, arg: &str, value: &str) -> Option<Say> {
    Some(match (path, arg, value) {
        ("check" | "show" | "export", "format", "html") => Say::ChoiceHtml,
        ("check" | "show" | "export", "format", "xlsx") => Say::ChoiceXlsx,
        ("history", "format", "html") => Say::ChoiceHistoryHtml,
        _ => return None,
    })
}

/// The choices of `E` as argument `arg` of the command at `path` takes
/// them, each with its help in `lang`, parsed into `E` as clap's derive
/// would.
fn choices<E>(path: &str, arg: &str, lang: Lang) -> impl TypedValueParser<Value = E>
where
    E: ValueEnum + Clone + Send + Sync + 'static,
{
    let values: Vec<PossibleValue> = E::value_variants()
        .iter()
        .filter_map(ValueEnum::to_possible_value)
        .map(|v| match choice_of(path, arg, v.get_name()) {
            Some(key) => v.help(lang.say(key)),
            None => v,
        })
        .collect();
    PossibleValuesParser::new(values)
        .map(|name| E::from_str(&name, false).expect("one of the choices"))
}

/// The about of the command at `path` (`""` for bimtek itself, `"template
/// form"`).
pub(super) fn about_of(path: &str) -> Option<Say> {
    Some(match path {
        "" => Say::AboutBimtek,
        "check" => Say::AboutCheck,
        "show" => Say::AboutShow,
        "export" => Say::AboutExport,
        "explain" => Say::AboutExplain,
        "template" => Say::AboutTemplate,
        "template list" => Say::AboutTemplateList,
        "template show" => Say::AboutTemplateShow,
        "template form" => Say::AboutTemplateForm,
        "template check" => Say::AboutTemplateCheck,
        "history" => Say::AboutHistory,
        _ => return None,
    })
}

/// The help of argument `arg` of the command at `path`.
pub(super) fn help_of(path: &str, arg: &str) -> Option<Say> {
    Some(match (path, arg) {
        ("", "lang") => Say::HelpLang,
        ("show", "query") => Say::HelpQuery,
        ("export", "out") => Say::HelpOut,
        ("export", "feedback") => Say::HelpFeedback,
        ("export", "include_invalid") => Say::HelpIncludeInvalid,
        ("check" | "show" | "export", _) => return shared_help(arg),
        ("explain", "code") => Say::HelpCode,
        ("template show" | "template form", "template") => Say::HelpTemplateId,
        ("template form", "output") => Say::HelpFormOutput,
        ("template form", "roster") => Say::HelpFormRoster,
        ("template form", "force") => Say::HelpFormForce,
        ("template check", "file") => Say::HelpFile,
        ("history", "history") => Say::HelpHistoryFile,
        ("history", "format") => Say::HelpHistoryFormat,
        ("history", "from") => Say::HelpFrom,
        ("history", "inputs") => Say::HelpInputs,
        ("history", "width") => Say::HelpWidth,
        _ => return None,
    })
}

/// The help of the options `check`, `show` and `export` share.
fn shared_help(arg: &str) -> Option<Say> {
    Some(match arg {
        "paths" => Say::HelpPaths,
        "format" => Say::HelpFormat,
        "template" => Say::HelpTemplate,
        "as_of" => Say::HelpAsOf,
        "fail_on" => Say::HelpFailOn,
        "quiet" => Say::HelpQuiet,
        "width" => Say::HelpWidth,
        "output" => Say::HelpOutput,
        "force" => Say::HelpForce,
        "excel_csv" => Say::HelpExcelCsv,
        "watch" => Say::HelpWatch,
        "projector" => Say::HelpProjector,
        "full" => Say::HelpFull,
        "since" => Say::HelpSince,
        "evidence" => Say::HelpEvidence,
        "spd" => Say::HelpSpd,
        "spd_sheet" => Say::HelpSpdSheet,
        "pemda" => Say::HelpPemda,
        "baseline" => Say::HelpBaseline,
        "roster" => Say::HelpRoster,
        "iid" => Say::HelpIid,
        "catalog" => Say::HelpCatalog,
        "year" => Say::HelpYear,
        "stale_after" => Say::HelpStaleAfter,
        "match_threshold" => Say::HelpMatchThreshold,
        "history" => Say::HelpHistory,
        _ => return None,
    })
}

/// The about of `cmd` (at `path`) and the help of each of its arguments,
/// then the same below it. Every argument is set, in the order the
/// arguments are declared: clap moves a changed argument to the end, so
/// any other order would change the order of the help and of positional
/// arguments.
fn words(cmd: Command, path: &str, lang: Lang) -> Command {
    let mut cmd = match about_of(path) {
        Some(key) => cmd.about(lang.say(key)),
        None => cmd,
    };
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        if let Some(key) = help_of(path, &id) {
            cmd = cmd.mut_arg(&id, |a| a.help(lang.say(key)));
        }
        // The choices that have help: the formats.
        cmd = match (path, id.as_str()) {
            ("check" | "show" | "export", "format") => cmd.mut_arg(&id, |a| {
                a.value_parser(choices::<super::FormatArg>(path, &id, lang))
            }),
            ("history", "format") => cmd.mut_arg(&id, |a| {
                a.value_parser(choices::<super::HistoryFormatArg>(path, &id, lang))
            }),
            _ => cmd,
        };
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let below = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| words(s, &below, lang));
    }
    cmd
}

/// Indonesian headings and help/version flags on `cmd` and every
/// subcommand below it.
fn headings(cmd: Command, top: bool) -> Command {
    let id = Lang::Id;
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        id.say(Say::HelpUsage)
    );
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(id.say(Say::HelpCommands))
        .subcommand_value_name(id.say(Say::HelpCommandValue))
        .disable_help_flag(true)
        // Every text is a short help and no choice is shown: there is no
        // longer help to point to (a test holds it).
        .arg(help_flag(id, false));
    if top {
        cmd = cmd.disable_version_flag(true).arg(version_flag(id));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| headings(s, false));
    }
    // Positional arguments under their own heading, options under "Opsi".
    // Flags that take no value have no default or choices to hide; those
    // that take one show an Indonesian placeholder (`<BERKAS>`).
    let ids: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .map(|a| {
            let takes_value = a.get_action().takes_values();
            (a.get_id().to_string(), a.is_positional(), takes_value)
        })
        .collect();
    for (arg, positional, takes_value) in ids {
        cmd = cmd.mut_arg(arg, |a| {
            let heading = if positional {
                Say::HelpArguments
            } else {
                Say::HelpOptions
            };
            let a = a.help_heading(id.say(heading));
            if takes_value {
                let name = a
                    .get_value_names()
                    .and_then(|v| v.first())
                    .map_or_else(|| a.get_id().as_str().to_uppercase(), |v| v.to_string());
                let a = match placeholder(&name) {
                    Some(key) => a.value_name(id.say(key)),
                    None => a,
                };
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        });
    }
    cmd
}

/// The placeholders clap writes in English (`FILE`), each with its
/// Indonesian (`BERKAS`); `None` keeps the English.
const PLACEHOLDERS: &[Say] = &[
    Say::ValuePaths,
    Say::ValueQuery,
    Say::ValueCode,
    Say::ValueTemplate,
    Say::ValueFile,
    Say::ValueFileJson,
    Say::ValueDir,
    Say::ValueDirFileZip,
    Say::ValueFormat,
    Say::ValueAsOf,
    Say::ValueDate,
    Say::ValueFailOn,
    Say::ValueLang,
    Say::ValueWidth,
    Say::ValuePoints,
    Say::NameHead,
    Say::ValueYearFile,
    Say::ValueYear,
    Say::ValueDays,
    Say::ValueX,
];

/// The placeholder whose English is `english`.
fn placeholder(english: &str) -> Option<Say> {
    PLACEHOLDERS
        .iter()
        .copied()
        .find(|k| Lang::En.say(*k) == english)
}

/// clap writes `[OPTIONS]` into every usage line whatever the headings say;
/// each command's usage is rendered once from a built copy of the tree and
/// set, in Indonesian, as that command's own.
fn usages(cmd: Command) -> Command {
    let mut built = cmd.clone();
    built.build();
    usage_of(cmd, &mut built)
}

fn usage_of(cmd: Command, built: &mut Command) -> Command {
    let usage = built.render_usage().to_string();
    let usage = usage.trim().trim_start_matches("Usage:").trim().replace(
        Lang::En.say(Say::HelpOptionsValue),
        Lang::Id.say(Say::HelpOptionsValue),
    );
    let mut cmd = cmd.override_usage(usage);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if let Some(b) = built.find_subcommand_mut(&name) {
            cmd = cmd.mut_subcommand(&name, |s| usage_of(s, b));
        }
    }
    cmd
}

/// A syntax error said in `lang` from what clap knows of it, with the
/// usage line; `None` in English (clap's own words, which the catalogue's
/// English follows) and for kinds without a wording here.
pub fn error(e: &clap::Error, lang: Lang) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    let get = |k: ContextKind| e.get(k).map(|v| v.to_string());
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => lang.fill(
            Say::SyntaxUnknownCommand,
            &[("name", &get(ContextKind::InvalidSubcommand)?)],
        ),
        ErrorKind::UnknownArgument => lang.fill(
            Say::SyntaxUnknownOption,
            &[("name", &get(ContextKind::InvalidArg)?)],
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut s = lang.fill(
                Say::SyntaxInvalidValue,
                &[
                    ("value", &get(ContextKind::InvalidValue)?),
                    ("arg", &get(ContextKind::InvalidArg)?),
                ],
            );
            if let Some(valid) = get(ContextKind::ValidValue) {
                s.push_str("; ");
                s.push_str(&lang.fill(Say::SyntaxValidValues, &[("valid", &valid)]));
            }
            s
        }
        ErrorKind::MissingRequiredArgument => lang.fill(
            Say::SyntaxMissing,
            &[("arg", &get(ContextKind::InvalidArg)?)],
        ),
        ErrorKind::ArgumentConflict => lang.fill(
            Say::SyntaxConflict,
            &[
                ("arg", &get(ContextKind::InvalidArg)?),
                ("prior", &get(ContextKind::PriorArg)?),
            ],
        ),
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => lang.fill(
            Say::SyntaxMisused,
            &[("arg", &get(ContextKind::InvalidArg)?)],
        ),
        _ => return None,
    };
    let suggested = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(get);
    let mut out = format!("bimtek: {what}");
    if let Some(s) = suggested {
        let said = lang.fill(Say::SyntaxSuggested, &[("suggested", &s)]);
        out.push_str(&format!(" ({said})"));
    }
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n\n{}: {usage}", lang.say(Say::HelpUsage)));
    }
    out.push_str("\n\n");
    out.push_str(lang.say(Say::SyntaxMoreHelp));
    Some(out)
}
