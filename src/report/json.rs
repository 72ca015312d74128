//! `--format json`: the writer of the documented, stable contract
//! (version 1), whose types and mapping from the model are in `contract`.

mod contract;

pub use contract::status_word;

use super::RenderOptions;
use crate::outcome::Outcome;
use crate::template::Template;
use contract::{Each, FieldOut, ShowDoc, finding_out, head, innovation_out};
use std::io::{self, Write};

pub fn json(outcome: &Outcome, t: &Template, opts: &RenderOptions) -> anyhow::Result<()> {
    // stdout is line-buffered: pretty JSON would cost one write per line.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    json_to(&mut out, outcome, t, opts)?;
    out.flush()?;
    Ok(())
}

/// The JSON document into any writer (the export package holds the same bytes).
pub fn json_to(
    out: &mut dyn Write,
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
) -> anyhow::Result<()> {
    write_doc(out, outcome, t, opts, true)
}

/// The same document on one line (JSON Lines: `check --watch` prints one
/// per run).
pub fn json_line_to(
    out: &mut dyn Write,
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
) -> anyhow::Result<()> {
    write_doc(out, outcome, t, opts, false)
}

/// The document with what changed since an earlier run (the `since`
/// object), pretty or on one line.
pub fn json_since_to(
    out: &mut dyn Write,
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    since: Option<&crate::since::Since>,
    pretty: bool,
) -> anyhow::Result<()> {
    write_doc_since(out, outcome, t, opts, pretty, since)
}

fn write_doc(
    out: &mut dyn Write,
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    pretty: bool,
) -> anyhow::Result<()> {
    write_doc_since(out, outcome, t, opts, pretty, None)
}

fn write_doc_since(
    out: &mut dyn Write,
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    pretty: bool,
    since: Option<&crate::since::Since>,
) -> anyhow::Result<()> {
    // Written by serde in one pass, the long arrays made element by element
    // as they are written: rendering them on every core and splicing them
    // in saved too little CPU to keep, and as lists they held 392 bytes an
    // innovation (BENCHMARKS.md).
    let mut doc = head(outcome, t, opts);
    doc.since = since;
    doc.innovations =
        Each::new(|| Box::new((outcome.innovations.iter()).map(|i| innovation_out(i, t, outcome))));
    doc.findings =
        Each::new(|| Box::new((outcome.findings.iter()).map(|f| finding_out(f, outcome, opts))));
    // serde writes a document in many small pieces (a key, a quote, each
    // level of indentation): into a buffer of a known type they are copies
    // the compiler inlines, where each write to `dyn Write` is a call.
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    if pretty {
        serde_json::to_writer_pretty(&mut buffered, &doc)?;
    } else {
        serde_json::to_writer(&mut buffered, &doc)?;
    }
    writeln!(buffered)?;
    buffered.flush()?;
    Ok(())
}

pub fn show_json(
    inn: &crate::outcome::Innovation,
    record: Option<&crate::normalize::Record>,
    findings: &[&crate::diag::Finding],
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
) -> anyhow::Result<()> {
    let fields = t
        .fields
        .iter()
        .enumerate()
        .map(|(fi, f)| FieldOut {
            key: &f.key,
            label: f.label(opts.lang),
            value: record.and_then(|r| r.cell(fi)).map(|c| c.text.as_str()),
        })
        .collect();
    let doc = ShowDoc {
        version: contract::VERSION,
        tool: contract::tool(),
        template: contract::template_ref(t),
        as_of: opts.as_of.format("%Y-%m-%d").to_string(),
        innovation: innovation_out(inn, t, outcome),
        fields,
        findings: findings
            .iter()
            .map(|f| finding_out(f, outcome, opts))
            .collect(),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &doc)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}
