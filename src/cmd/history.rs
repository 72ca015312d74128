//! `bimtek history`: the campaign recorded by `check --history`.

use crate::history::History;
use crate::report;
use crate::settings::{HistoryFormat, HistorySettings};
use anyhow::Result;

pub fn run(s: HistorySettings) -> Result<u8> {
    let db = History::open_existing(&s.path)?;
    let campaign = db.campaign(s.from, s.inputs.as_deref())?;
    match s.format {
        HistoryFormat::Table => report::history::table(&campaign, s.lang, s.width)?,
        HistoryFormat::Json => report::history::json(&campaign)?,
        HistoryFormat::Csv => report::history::csv(&campaign)?,
        HistoryFormat::Html => {
            report::print(report::history::render_html(&campaign, s.lang).as_bytes())?
        }
    }
    Ok(crate::EXIT_OK)
}
