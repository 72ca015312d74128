//! `bimtek explain [CODE]`: what a finding code means and how to fix it.

use crate::diag::{self, Lang};
use crate::report;
use anyhow::{Result, anyhow};

pub fn run(code: Option<&str>, lang: Lang) -> Result<u8> {
    match code {
        None => {
            report::explain_list(diag::CODES, lang)?;
            Ok(crate::EXIT_OK)
        }
        Some(c) => match diag::lookup(c) {
            Some(info) => {
                report::explain_one(info, lang)?;
                Ok(crate::EXIT_OK)
            }
            None => Err(anyhow!(
                "kode \"{c}\" tidak dikenal; `bimtek explain` menampilkan semua kode / unknown code"
            )),
        },
    }
}
