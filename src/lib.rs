//! bimtek: get Indonesian regional-innovation (IID) data ready for submission.
//!
//! ```text
//!  files ─load─▶ rows ─normalize─▶ records ─check─▶ outcome ─score─▶ outcome ─report─▶ stdout
//!                      (template)           (template)                        └─export─▶ package
//! ```
//!
//! Data flows one way. `load` knows files, not templates; `normalize` maps
//! headers and reads values as the template's types; `check` judges records
//! and never does I/O; `score` turns the indicators check judged into
//! maturity scores and pemda estimates; `report` is the only place that
//! prints (the JSON contract's types are in `report/json/contract.rs`), and
//! `export` writes the package. `outcome` is the data model between them:
//! check fills it, score scores it, report and export read it. Only `cmd/*`
//! wires the stages together.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod diag;
pub mod evidence;
pub mod export;
pub mod form;
pub mod history;
pub mod load;
pub mod normalize;
pub mod outcome;
pub mod report;
pub mod score;
pub mod settings;
pub mod since;
pub mod template;

/// Exit code: nothing at or above `--fail-on`.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: the tool could not do its job.
pub const EXIT_TROUBLE: u8 = 2;

/// Run a parsed command line; returns the exit code.
pub fn run(cli: cli::Cli) -> anyhow::Result<u8> {
    diag::say_troubles_in(settings::lang(cli.lang));
    match cli.command {
        cli::Command::Check(args) => {
            settings::refuse_unused(&args, settings::Command::Check)?;
            cmd::check::run(settings::resolve_check(args, cli.lang)?)
        }
        cli::Command::Show(args) => {
            settings::refuse_unused(&args.check, settings::Command::Show)?;
            cmd::show::run(&args.query, settings::resolve_check(args.check, cli.lang)?)
        }
        cli::Command::Export(mut args) => {
            settings::refuse_unused(&args.check, settings::Command::Export)?;
            // The package is written whatever the findings: exit code 1
            // only when --fail-on asks for it.
            args.check.fail_on.get_or_insert(cli::FailOn::Never);
            let opts = cmd::export::ExportOptions {
                out: args.out,
                feedback: args.feedback,
                force: args.check.force,
                include_invalid: args.include_invalid,
            };
            cmd::export::run(opts, settings::resolve_check(args.check, cli.lang)?)
        }
        cli::Command::Explain(args) => {
            cmd::explain::run(args.code.as_deref(), settings::lang(cli.lang))
        }
        cli::Command::History(args) => {
            cmd::history::run(settings::resolve_history(args, cli.lang)?)
        }
        cli::Command::Template(args) => {
            let action = match args.command {
                cli::TemplateCommand::List => cmd::template::Action::List,
                cli::TemplateCommand::Show { template } => cmd::template::Action::Show(template),
                cli::TemplateCommand::Form {
                    template,
                    output,
                    roster,
                    force,
                } => cmd::template::Action::Form {
                    template,
                    output,
                    roster,
                    force,
                },
                cli::TemplateCommand::Check { file } => cmd::template::Action::Check(file),
            };
            cmd::template::run(action, settings::lang(cli.lang))
        }
    }
}
