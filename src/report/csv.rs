//! `--format csv`: one row per finding, the same keys as the JSON findings.

use super::RenderOptions;
use crate::check::Outcome;
use std::io::{self, Write};

pub fn csv(outcome: &Outcome, opts: &RenderOptions) -> anyhow::Result<()> {
    let stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    csv_to(stdout, outcome, opts)
}

/// The CSV into any writer (the export package holds the same bytes).
pub fn csv_to<W: Write>(out: W, outcome: &Outcome, opts: &RenderOptions) -> anyhow::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    write(&mut w, outcome, opts)?;
    w.flush()?;
    Ok(())
}

fn write<W: Write>(
    w: &mut ::csv::Writer<W>,
    outcome: &Outcome,
    opts: &RenderOptions,
) -> anyhow::Result<()> {
    // The header is also the mark that tells this report from data.
    w.write_record(crate::load::marker::CSV_REPORT_HEADER)?;
    for f in &outcome.findings {
        let l = &f.location;
        w.write_record([
            f.code.to_string(),
            f.severity.to_string(),
            l.file.clone(),
            l.sheet.clone().unwrap_or_default(),
            l.row.map(|r| r.to_string()).unwrap_or_default(),
            l.column_letters().unwrap_or_default(),
            l.cell().unwrap_or_default(),
            f.field.clone().unwrap_or_default(),
            f.indicator.map(|i| i.to_string()).unwrap_or_default(),
            f.value.clone().unwrap_or_default(),
            f.message(opts.lang),
            f.hint(opts.lang),
        ])?;
    }
    Ok(())
}
