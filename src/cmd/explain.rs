//! `bimtek explain [CODE]`: what a finding code means and how to fix it.

use crate::diag::{self, Lang, Say};
use crate::report;
use anyhow::Result;

pub fn run(code: Option<&str>, lang: Lang) -> Result<u8> {
    match code {
        None => {
            report::explain_list(&diag::CODES, lang)?;
            Ok(crate::EXIT_OK)
        }
        Some(c) => match diag::Code::parse(c) {
            Some(code) => {
                report::explain_one(code.info(), lang)?;
                Ok(crate::EXIT_OK)
            }
            None => Err(diag::Trouble::say(Say::UnknownCode, &[("c", &c)]).into()),
        },
    }
}
