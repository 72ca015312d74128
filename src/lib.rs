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

/// How a run ended: its exit code, and the check's outcome when it made
/// one, left to `main` (which lets the OS take it back whole).
pub struct Ran {
    pub code: u8,
    pub outcome: Option<outcome::Outcome>,
}

impl From<u8> for Ran {
    fn from(code: u8) -> Ran {
        Ran {
            code,
            outcome: None,
        }
    }
}

/// Run a parsed command line; returns the exit code.
pub fn run(cli: cli::Cli) -> anyhow::Result<Ran> {
    let code = match cli.command {
        cli::Command::Check(args) => {
            settings::refuse_unused(&args, settings::Command::Check)?;
            return cmd::check::run(settings::resolve_check(args, cli.lang)?);
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
    }?;
    Ok(Ran::from(code))
}

#[cfg(test)]
mod tests {
    /// The stages import one way: each may use the stages before it, never
    /// one after it, and none the commands that wire them (tests aside).
    /// The template is read before any row, and knows nothing of them.
    #[test]
    fn the_stages_import_one_way() {
        let stages = [
            "load",
            "template",
            "normalize",
            "check",
            "history",
            "report",
            "export",
        ];
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut checked = 0;
        for (i, stage) in stages.iter().enumerate() {
            let mut later: Vec<&str> = stages[i + 1..].to_vec();
            later.push("cmd");
            if i < 3 {
                // Reading files and rows comes before any judging or scoring.
                later.push("score");
            }
            // The stage's own file or folder, and its folders within.
            let mut files = vec![src.join(format!("{stage}.rs"))];
            let mut folders = vec![src.join(stage)];
            while let Some(folder) = folders.pop() {
                for path in std::fs::read_dir(folder)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                {
                    if path.is_dir() {
                        folders.push(path);
                    } else {
                        files.push(path);
                    }
                }
            }
            for file in files.iter().filter(|f| f.is_file()) {
                let text = std::fs::read_to_string(file).unwrap();
                // Unit tests may use anything.
                let code = ["#[cfg(test)]\nmod ", "#[cfg(test)]\npub(crate) mod "]
                    .iter()
                    .filter_map(|m| text.find(m))
                    .min()
                    .map_or(text.as_str(), |end| &text[..end]);
                for (n, line) in code.lines().enumerate() {
                    if line.trim_start().starts_with("//") {
                        continue;
                    }
                    for l in &later {
                        let path = format!("crate::{l}");
                        let uses = line.match_indices(&path).any(|(at, _)| {
                            !line[at + path.len()..]
                                .starts_with(|c: char| c.is_alphanumeric() || c == '_')
                        });
                        assert!(
                            !uses,
                            "{}:{}: {stage} uses {l}: {line}",
                            file.display(),
                            n + 1
                        );
                    }
                }
                checked += 1;
            }
        }
        assert!(checked > 40, "only {checked} files read");
    }
}
