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
    findings: Vec<FindingOut<'a>>,
    pemda: &'a [crate::score::PemdaScore],
    #[serde(skip_serializing_if = "Option::is_none")]
    portal_only: Option<&'a [crate::check::portal::PortalOnly]>,
    /// What changed since an earlier run (`check --since`, watch mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<&'a crate::since::Since>,
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
    id: String,
    agency: &'a str,
    name: &'a str,
    file: &'a str,
    sheet: Option<&'a str>,
    row: u32,
    status: &'static str,
    errors: u32,
    warnings: u32,
    score: ScoreOut<'a>,
    /// The pemda its row or its group's title names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pemda: Option<&'a str>,
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
struct FindingOut<'a> {
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
    /// The name and agency of the innovation the finding concerns (its row
    /// or an evidence row attached to it); null for a finding about a file
    /// or a sheet. A roster finding (O) names its agency without an
    /// innovation.
    innovation: Option<&'a str>,
    agency: Option<&'a str>,
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
    // Built whole and written by serde in one pass: rendering the long
    // arrays on every core and splicing them in saved too little CPU to
    // keep (BENCHMARKS.md).
    let mut doc = head(outcome, t, opts);
    doc.since = since;
    doc.innovations = outcome.innovations.iter().map(innovation_out).collect();
    doc.findings = outcome
        .findings
        .iter()
        .map(|f| finding_out(f, outcome, opts))
        .collect();
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &doc)?;
    } else {
        serde_json::to_writer(&mut *out, &doc)?;
    }
    writeln!(out)?;
    Ok(())
}

/// The document with its innovations and findings still empty.
fn head<'a>(outcome: &'a Outcome, t: &'a Template, opts: &RenderOptions) -> Doc<'a> {
    let count = |s| outcome.count(s);
    Doc {
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
        innovations: Vec::new(),
        findings: Vec::new(),
        pemda: &outcome.pemda,
        portal_only: outcome.portal_only.as_deref(),
        since: None,
    }
}

fn innovation_out(i: &crate::check::Innovation) -> InnovationOut<'_> {
    InnovationOut {
        id: i.id(),
        agency: &i.agency,
        name: i.name(),
        file: i.file(),
        sheet: i.sheet(),
        row: i.row,
        status: status_word(i.status),
        errors: i.errors,
        warnings: i.warnings,
        score: ScoreOut {
            claimed: i.score.claimed,
            verified: i.score.verified,
            max: i.score.max,
            at_risk: i.score.at_risk(),
        },
        pemda: i.pemda.as_deref(),
        portal: i.portal.as_deref(),
    }
}

fn finding_out<'a>(
    f: &'a crate::diag::Finding,
    outcome: &'a Outcome,
    opts: &RenderOptions,
) -> FindingOut<'a> {
    let inn = outcome.innovation_of(f);
    FindingOut {
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
        innovation: inn.map(|i| i.name()),
        agency: inn.map(|i| i.agency.as_str()).or(f.agency.as_deref()),
    }
}

/// `show --format json`: one innovation as the check document shows it,
/// its fields as read (value `null` for a column its sheet lacks) and every
/// finding it carries, those of its sheet and evidence rows included.
#[derive(Serialize)]
struct ShowDoc<'a> {
    version: u32,
    tool: Tool,
    template: TemplateRef<'a>,
    as_of: String,
    innovation: InnovationOut<'a>,
    fields: Vec<FieldOut<'a>>,
    findings: Vec<FindingOut<'a>>,
}

/// A field of the shown innovation, in template order.
#[derive(Serialize)]
struct FieldOut<'a> {
    key: &'a str,
    label: &'a str,
    value: Option<&'a str>,
}

pub fn show_json(
    inn: &crate::check::Innovation,
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
        innovation: innovation_out(inn),
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
