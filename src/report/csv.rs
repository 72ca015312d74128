//! `--format csv`: one row per finding, the same keys as the JSON findings
//! (a finding about no one innovation has its last two columns empty).

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
    w.write_record([
        "code",
        "severity",
        "file",
        "sheet",
        "row",
        "column",
        "cell",
        "field",
        "indicator",
        "value",
        "message",
        "hint",
        "innovation",
        "agency",
    ])?;
    for f in &outcome.findings {
        let l = &f.location;
        let inn = outcome.innovation_of(f);
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
            inn.map(|i| i.name.clone()).unwrap_or_default(),
            inn.map(|i| i.agency.clone()).unwrap_or_default(),
        ])?;
    }
    Ok(())
}
