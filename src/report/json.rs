//! `--format json`: the documented, stable contract (version 1). Keys are
//! only ever added, never renamed or removed, within a version.

use super::RenderOptions;
use crate::check::Outcome;
use crate::diag::Severity;
use crate::template::Template;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: Tool,
    template: TemplateRef<'a>,
    as_of: String,
    summary: Summary,
    innovations: Vec<InnovationOut<'a>>,
    findings: Vec<FindingOut>,
    pemda: &'a [crate::score::PemdaScore],
    #[serde(skip_serializing_if = "Option::is_none")]
    portal_only: Option<&'a [crate::check::portal::PortalOnly]>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct TemplateRef<'a> {
    id: &'a str,
    name: &'a str,
    year: i32,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    innovations: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct InnovationOut<'a> {
    id: &'a str,
    agency: &'a str,
    name: &'a str,
    file: &'a str,
    sheet: Option<&'a str>,
    row: u32,
    status: &'static str,
    errors: u32,
    warnings: u32,
    score: ScoreOut<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    portal: Option<&'a crate::check::portal::PortalStatus>,
}

#[derive(Serialize)]
struct ScoreOut<'a> {
    claimed: f64,
    verified: f64,
    max: f64,
    at_risk: &'a [crate::score::AtRisk],
}

#[derive(Serialize)]
struct FindingOut {
    code: &'static str,
    severity: Severity,
    file: String,
    sheet: Option<String>,
    row: Option<u32>,
    column: Option<String>,
    cell: Option<String>,
    field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    indicator: Option<u32>,
    value: Option<String>,
    message: String,
    hint: String,
}

/// `ok`, `warning` or `error`.
pub fn status_word(s: Severity) -> &'static str {
    match s {
        Severity::Info => "ok",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

pub fn json(outcome: &Outcome, t: &Template, opts: &RenderOptions) -> anyhow::Result<()> {
    // stdout is line-buffered: pretty JSON would cost one write per line.
    // The writer's type is known here, so serde's many small writes inline
    // into the buffer instead of going through `dyn Write` one by one.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    write_doc(&mut out, outcome, t, opts, true)?;
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

fn write_doc<W: Write + ?Sized>(
    out: &mut W,
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    pretty: bool,
) -> anyhow::Result<()> {
    let count = |s| outcome.count(s);
    let doc = Doc {
        version: 1,
        tool: Tool {
            name: "bimtek",
            version: env!("CARGO_PKG_VERSION"),
        },
        template: TemplateRef {
            id: &t.id,
            name: &t.name,
            year: t.year,
        },
        as_of: opts.as_of.format("%Y-%m-%d").to_string(),
        summary: Summary {
            files: outcome.files.len(),
            innovations: outcome.innovations.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        },
        innovations: outcome
            .innovations
            .iter()
            .map(|i| InnovationOut {
                id: &i.id,
                agency: &i.agency,
                name: &i.name,
                file: &i.file,
                sheet: i.sheet.as_deref(),
                row: i.row,
                status: status_word(i.status),
                errors: i.errors,
                warnings: i.warnings,
                score: ScoreOut {
                    claimed: i.score.claimed,
                    verified: i.score.verified,
                    max: i.score.max,
                    at_risk: &i.score.at_risk,
                },
                portal: i.portal.as_deref(),
            })
            .collect(),
        findings: outcome
            .findings
            .iter()
            .map(|f| FindingOut {
                code: f.code,
                severity: f.severity,
                file: f.location.file.clone(),
                sheet: f.location.sheet.clone(),
                row: f.location.row,
                column: f.location.column_letters(),
                cell: f.location.cell(),
                field: f.field.clone(),
                indicator: f.indicator,
                value: f.value.clone(),
                message: f.message(opts.lang),
                hint: f.hint(opts.lang),
            })
            .collect(),
        pemda: &outcome.pemda,
        portal_only: outcome.portal_only.as_deref(),
    };
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &doc)?;
    } else {
        serde_json::to_writer(&mut *out, &doc)?;
    }
    writeln!(out)?;
    Ok(())
}
