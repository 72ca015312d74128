//! `bimtek template list|show|form|check`: the shipped templates, the blank
//! form agencies fill in, and a user's own template checked with file, line
//! and column. The form's layout is `form`'s; writing it is
//! `export::write`'s (temporary file beside the target, then rename).

use crate::diag::{Lang, Trouble};
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
        output: PathBuf,
        force: bool,
    },
    Check(PathBuf),
}

pub fn run(action: Action, lang: Lang) -> Result<u8> {
    match action {
        Action::List => {
            let mut list = Vec::new();
            for (id, _) in BUILTIN {
                let t = Template::builtin(id)
                    .expect("listed")
                    .map_err(|e| match lang {
                        Lang::Id => anyhow!("templat bawaan rusak: {}", e.display(lang)),
                        Lang::En => anyhow!("broken shipped template: {}", e.display(lang)),
                    })?;
                list.push(t);
            }
            report::template::list(&list, lang)?;
            Ok(crate::EXIT_OK)
        }
        Action::Show(arg) => {
            let t = settings::load_template(&arg, lang)?;
            report::template::show(&t, lang)?;
            Ok(crate::EXIT_OK)
        }
        Action::Form {
            template,
            output,
            force,
        } => {
            // A template given as a file is an input: the form never
            // replaces it.
            let read: Vec<PathBuf> = Some(PathBuf::from(&template))
                .filter(|p| p.exists())
                .into_iter()
                .collect();
            let target = crate::export::write::Target::check(&output, force, &read)?;
            let t = settings::load_template(&template, lang)?;
            let bytes = form::build(&t).map_err(|e| {
                Trouble::new(
                    format!("formulir tidak dapat dibuat: {e}"),
                    format!("the form cannot be built: {e}"),
                )
            })?;
            target.file(&bytes)?;
            report::template::form_written(&t, &output, lang)?;
            Ok(crate::EXIT_OK)
        }
        Action::Check(path) => {
            if !path.is_file() {
                let p = crate::report::visible(&path.to_string_lossy()).into_owned();
                return Err(Trouble::new(
                    format!("{p}: berkas tidak ditemukan"),
                    format!("{p}: file not found"),
                )
                .into());
            }
            match Template::from_file(&path) {
                Ok(t) => {
                    report::template::check_ok(&t, lang)?;
                    Ok(crate::EXIT_OK)
                }
                Err(e) => {
                    report::template::check_failed(&e, lang)?;
                    Ok(crate::EXIT_FINDINGS)
                }
            }
        }
    }
}
