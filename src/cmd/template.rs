//! `bimtek template list|show|form|check`: the shipped templates, the blank
//! form agencies fill in, and a user's own template checked with file, line
//! and column. The form's layout is `form`'s; writing it is
//! `export::write`'s (temporary file beside the target, then rename).

use crate::diag::{Lang, Say, Trouble};
use crate::template::{BUILTIN, Template};
use crate::{form, report, settings};
use anyhow::{Result, anyhow};
use std::path::PathBuf;

/// What `bimtek template` was asked to do.
#[derive(Debug, Clone)]
pub enum Action {
    List,
    Show(String),
    Form {
        template: String,
        output: Option<PathBuf>,
        /// The roster workbook, written beside (or instead of) the form.
        roster: Option<PathBuf>,
        force: bool,
    },
    Check(PathBuf),
}

pub fn run(action: Action, lang: Lang) -> Result<u8> {
    match action {
        Action::List => {
            let mut list = Vec::new();
            for (id, _) in BUILTIN {
                let t = Template::builtin(id).expect("listed").map_err(|e| {
                    anyhow!(lang.fill(Say::BrokenShippedTemplate, &[("mistake", &e.display(lang))]))
                })?;
                list.push(t);
            }
            report::template_view::list(&list, lang)?;
            Ok(crate::EXIT_OK)
        }
        Action::Show(arg) => {
            let t = settings::load_template(&arg, lang)?;
            report::template_view::show(&t, lang)?;
            Ok(crate::EXIT_OK)
        }
        Action::Form {
            template,
            output,
            roster,
            force,
        } => {
            // A template given as a file is an input: the form never
            // replaces it, and the two outputs never replace each other.
            let mut read: Vec<PathBuf> = Some(PathBuf::from(&template))
                .filter(|p| p.exists())
                .into_iter()
                .collect();
            let form_target = match &output {
                Some(path) => {
                    let target = crate::export::write::Target::check(path, force, &read)?;
                    read.push(path.clone());
                    Some((target, path))
                }
                None => None,
            };
            let roster_target = match &roster {
                Some(path) => Some((
                    crate::export::write::Target::check(path, force, &read)?,
                    path,
                )),
                None => None,
            };
            let t = settings::load_template(&template, lang)?;
            let cannot =
                |e: rust_xlsxwriter::XlsxError| Trouble::say(Say::FormCannotBeBuilt, &[("e", &e)]);
            if let Some((target, path)) = form_target {
                target.file(&form::build(&t).map_err(cannot)?)?;
                report::template_view::form_written(&t, path, lang)?;
            }
            if let Some((target, path)) = roster_target {
                target.file(&form::roster(&t).map_err(cannot)?)?;
                report::template_view::roster_written(&t, path, lang)?;
            }
            Ok(crate::EXIT_OK)
        }
        Action::Check(path) => {
            if !path.is_file() {
                let p = crate::report::visible(&path.to_string_lossy()).into_owned();
                return Err(Trouble::say(Say::FileNotFound, &[("p", &p)]).into());
            }
            match Template::from_file(&path) {
                Ok(t) => {
                    report::template_view::check_ok(&t, lang)?;
                    Ok(crate::EXIT_OK)
                }
                Err(e) => {
                    report::template_view::check_failed(&e, lang)?;
                    Ok(crate::EXIT_FINDINGS)
                }
            }
        }
    }
}
