//! The types of the public JSON contract (version 1), and their mapping
//! from the data model. Every key the documents hold is spelled here and
//! only here: a field of `outcome`, `score` or `since` may be renamed
//! without changing a byte of the output. Keys are only ever added, never
//! renamed or removed, within a version (tests/json_shape.rs pins them).

use super::super::RenderOptions;
use crate::diag::{Code, Finding, Severity};
use crate::outcome::Outcome;
use crate::outcome::portal::{Change, PortalOnly, PortalStatus};
use crate::outcome::score::{AtRisk, PemdaScore};
use crate::since::{AgencyDelta, Since};
use crate::template::Template;
use serde::Serialize;
use std::collections::BTreeMap;

/// The version of the contract, the documents' `version`.
pub const VERSION: u32 = 1;

/// `check --format json`.
#[derive(Serialize)]
pub(super) struct Doc<'a> {
    pub version: u32,
    pub tool: Tool,
    pub template: TemplateRef<'a>,
    pub as_of: String,
    pub summary: Summary,
    pub innovations: Each<'a, InnovationOut<'a>>,
    pub findings: Each<'a, FindingOut<'a>>,
    pub pemda: Vec<PemdaOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub portal_only: Option<Vec<PortalOnlyOut<'a>>>,
    /// What changed since an earlier run (`check --since`, watch mode),
    /// written as [`SinceOut`].
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "since_contract"
    )]
    pub since: Option<&'a Since>,
}

/// A long array of the document, each element made as it is written: as a
/// list, the innovations of a run of a million took 392 bytes each beside
/// the run itself (BENCHMARKS.md, "Safe at the edges"). The same bytes as
/// the list's.
pub(super) struct Each<'a, T>(Box<dyn Fn() -> Box<dyn Iterator<Item = T> + 'a> + 'a>);

impl<'a, T: 'a> Each<'a, T> {
    /// The elements `make` gives, made again each time it is written.
    pub fn new(make: impl Fn() -> Box<dyn Iterator<Item = T> + 'a> + 'a) -> Self {
        Each(Box::new(make))
    }

    fn empty() -> Self {
        Each::new(|| Box::new(std::iter::empty()))
    }
}

impl<T: Serialize> Serialize for Each<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
pub(super) struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
pub(super) struct TemplateRef<'a> {
    id: &'a str,
    name: &'a str,
    year: i32,
}

#[derive(Serialize)]
pub(super) struct Summary {
    files: usize,
    innovations: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
pub(super) struct InnovationOut<'a> {
    id: String,
    agency: &'a str,
    name: &'a str,
    file: &'a str,
    sheet: Option<&'a str>,
    row: u32,
    status: &'static str,
    errors: u32,
    warnings: u32,
    score: ScoreOut,
    /// The pemda its row or its group's title names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pemda: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    portal: Option<PortalOut<'a>>,
    /// A lab idea's stage (template labinov's Tahap 5D).
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<&'a str>,
    /// A lab idea's entry in the IID lists (`--iid`, `--baseline`).
    #[serde(skip_serializing_if = "Option::is_none")]
    iid: Option<IidOut<'a>>,
    /// The `--catalog` innovations most like it, the likest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    catalog: Option<Vec<LikeOut<'a>>>,
}

/// A lab idea's entry in the IID lists.
#[derive(Serialize)]
struct IidOut<'a> {
    /// `entered`, `not_entered` or `ambiguous`.
    status: &'static str,
    #[serde(rename = "match")]
    matched: Option<&'a str>,
    similarity: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    candidates: Vec<&'a str>,
}

/// A catalogue innovation like an idea.
#[derive(Serialize)]
struct LikeOut<'a> {
    name: &'a str,
    pemda: Option<&'a str>,
    similarity: f64,
    file: &'a str,
    sheet: Option<&'a str>,
    row: u32,
}

#[derive(Serialize)]
struct ScoreOut {
    claimed: f64,
    verified: f64,
    max: f64,
    at_risk: Vec<AtRiskOut>,
}

/// Points lost on one indicator.
#[derive(Serialize)]
struct AtRiskOut {
    indicator: u32,
    points: f64,
    code: &'static str,
}

/// Where an innovation stands against the portal.
#[derive(Serialize)]
struct PortalOut<'a> {
    status: &'static str,
    #[serde(rename = "match")]
    matched: Option<&'a str>,
    similarity: Option<f64>,
    changes: Vec<ChangeOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    candidates: Vec<&'a str>,
}

/// One field that differs: portal value -> agency value.
#[derive(Serialize)]
struct ChangeOut<'a> {
    field: &'static str,
    portal: &'a str,
    agency: &'a str,
}

#[derive(Serialize)]
pub(super) struct FindingOut<'a> {
    code: &'static str,
    severity: &'static str,
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

/// The estimate of one pemda.
#[derive(Serialize)]
pub(super) struct PemdaOut<'a> {
    name: &'a str,
    innovations: usize,
    left_out: usize,
    left_out_by: &'a BTreeMap<Code, usize>,
    sid: f64,
    sid_claimed: f64,
    count_score: f64,
    spd: Option<f64>,
    iid: f64,
    iid_claimed: f64,
    predicate: &'a str,
    yandas_covered: &'a [String],
    yandas_missing: &'a [String],
    short_of_k: u32,
}

/// A portal entry that no agency file has.
#[derive(Serialize)]
pub(super) struct PortalOnlyOut<'a> {
    name: &'a str,
    pemda: Option<&'a str>,
    file: &'a str,
    row: u32,
}

/// What changed since an earlier run.
#[derive(Serialize)]
struct SinceOut<'a> {
    previous: PreviousOut<'a>,
    innovations_added: &'a [String],
    innovations_removed: &'a [String],
    findings_fixed: usize,
    findings_new: usize,
    agencies: Vec<AgencyOut<'a>>,
}

#[derive(Serialize)]
struct PreviousOut<'a> {
    time: Option<&'a str>,
    as_of: &'a str,
}

/// One agency before and now.
#[derive(Serialize)]
struct AgencyOut<'a> {
    agency: &'a str,
    errors_before: u64,
    errors_now: u64,
    innovations_before: usize,
    innovations_now: usize,
}

/// `show --format json`: one innovation as the check document shows it,
/// its fields as read (value `null` for a column its sheet lacks) and every
/// finding it carries, those of its sheet and evidence rows included.
#[derive(Serialize)]
pub(super) struct ShowDoc<'a> {
    pub version: u32,
    pub tool: Tool,
    pub template: TemplateRef<'a>,
    pub as_of: String,
    pub innovation: InnovationOut<'a>,
    pub fields: Vec<FieldOut<'a>>,
    pub findings: Vec<FindingOut<'a>>,
}

/// A field of the shown innovation, in template order.
#[derive(Serialize)]
pub(super) struct FieldOut<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub value: Option<&'a str>,
}

/// `ok`, `warning` or `error`.
pub fn status_word(s: Severity) -> &'static str {
    match s {
        Severity::Info => "ok",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// A finding's `severity`.
fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

pub(super) fn tool() -> Tool {
    Tool {
        name: "bimtek",
        version: env!("CARGO_PKG_VERSION"),
    }
}

pub(super) fn template_ref(t: &Template) -> TemplateRef<'_> {
    TemplateRef {
        id: &t.id,
        name: &t.name,
        year: t.year,
    }
}

/// The document with its innovations and findings left empty.
pub(super) fn head<'a>(outcome: &'a Outcome, t: &'a Template, opts: &RenderOptions) -> Doc<'a> {
    let count = |s| outcome.count(s);
    Doc {
        version: VERSION,
        tool: tool(),
        template: template_ref(t),
        as_of: opts.as_of.format("%Y-%m-%d").to_string(),
        summary: Summary {
            files: outcome.files.len(),
            innovations: outcome.innovations.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        },
        innovations: Each::empty(),
        findings: Each::empty(),
        pemda: outcome.pemda.iter().map(pemda_out).collect(),
        portal_only: outcome
            .portal_only
            .as_ref()
            .map(|list| list.iter().map(portal_only_out).collect()),
        since: None,
    }
}

pub(super) fn innovation_out<'a>(
    i: &'a crate::outcome::Innovation,
    t: &'a Template,
    outcome: &'a Outcome,
) -> InnovationOut<'a> {
    let idea = outcome.idea_of(i);
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
            max: crate::score::max_score(t),
            at_risk: i.score.at_risk().iter().map(at_risk_out).collect(),
        },
        pemda: i.pemda.as_deref(),
        portal: i.portal.as_deref().map(portal_out),
        stage: i.stage_name(t),
        iid: idea.and_then(|d| d.iid.as_ref()).map(|m| IidOut {
            status: m.status,
            matched: m.matched.as_deref(),
            similarity: m.similarity,
            candidates: m.candidates.iter().map(String::as_str).collect(),
        }),
        catalog: idea.and_then(|d| d.catalog.as_ref()).map(|list| {
            list.iter()
                .map(|l| LikeOut {
                    name: &l.name,
                    pemda: l.pemda.as_deref(),
                    similarity: l.similarity,
                    file: &l.file,
                    sheet: l.sheet.as_deref(),
                    row: l.row,
                })
                .collect()
        }),
    }
}

fn at_risk_out(a: &AtRisk) -> AtRiskOut {
    AtRiskOut {
        indicator: a.indicator,
        points: a.points,
        code: a.code.as_str(),
    }
}

fn portal_out(p: &PortalStatus) -> PortalOut<'_> {
    PortalOut {
        status: p.status,
        matched: p.matched.as_deref(),
        similarity: p.similarity,
        changes: p.changes.iter().map(change_out).collect(),
        candidates: p.candidates.iter().map(String::as_str).collect(),
    }
}

fn change_out(c: &Change) -> ChangeOut<'_> {
    ChangeOut {
        field: c.field,
        portal: &c.portal,
        agency: &c.agency,
    }
}

pub(super) fn finding_out<'a>(
    f: &'a Finding,
    outcome: &'a Outcome,
    opts: &RenderOptions,
) -> FindingOut<'a> {
    let inn = outcome.innovation_of(f);
    FindingOut {
        code: f.code.as_str(),
        severity: severity_word(f.severity),
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
        agency: inn.map(|i| &*i.agency).or(f.agency.as_deref()),
    }
}

fn pemda_out(p: &PemdaScore) -> PemdaOut<'_> {
    PemdaOut {
        name: &p.name,
        innovations: p.innovations,
        left_out: p.left_out,
        left_out_by: &p.left_out_by,
        sid: p.sid,
        sid_claimed: p.sid_claimed,
        count_score: p.count_score,
        spd: p.spd,
        iid: p.iid,
        iid_claimed: p.iid_claimed,
        predicate: &p.predicate,
        yandas_covered: &p.yandas_covered,
        yandas_missing: &p.yandas_missing,
        short_of_k: p.short_of_k,
    }
}

fn portal_only_out(p: &PortalOnly) -> PortalOnlyOut<'_> {
    PortalOnlyOut {
        name: &p.name,
        pemda: p.pemda.as_deref(),
        file: &p.file,
        row: p.row,
    }
}

/// The `since` object as the contract writes it.
fn since_contract<S: serde::Serializer>(since: &Option<&Since>, ser: S) -> Result<S::Ok, S::Error> {
    since.map(since_out).serialize(ser)
}

fn since_out(s: &Since) -> SinceOut<'_> {
    SinceOut {
        previous: PreviousOut {
            time: s.previous.time.as_deref(),
            as_of: &s.previous.as_of,
        },
        innovations_added: &s.innovations_added,
        innovations_removed: &s.innovations_removed,
        findings_fixed: s.findings_fixed,
        findings_new: s.findings_new,
        agencies: s.agencies.iter().map(agency_out).collect(),
    }
}

fn agency_out(a: &AgencyDelta) -> AgencyOut<'_> {
    AgencyOut {
        agency: &a.agency,
        errors_before: a.errors_before,
        errors_now: a.errors_now,
        innovations_before: a.innovations_before,
        innovations_now: a.innovations_now,
    }
}
