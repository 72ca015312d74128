//! The one screen of `check --watch` on a terminal, for a room watching a
//! projector: what changed since the previous check, the table of
//! agencies, then as many findings as fit (fixed ones first, then new ones,
//! then the rest), and a last line with the time of the check and the
//! counts. Never taller than the terminal, never wider.

use super::changes::headline;
use super::visible::visible;
use super::{RenderOptions, severity_word};
use crate::diag::{Finding, Lang, Say, Severity};
use crate::outcome::Outcome;
use crate::since::Since;
use crate::template::Template;
use std::collections::{BTreeMap, HashSet};

/// The screen at `width` columns and at most `height` lines; `time` is the
/// time of this check as shown on the last line.
#[allow(clippy::too_many_arguments)]
pub fn render_screen(
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    since: Option<&Since>,
    time: &str,
    width: u16,
    height: u16,
    color: bool,
) -> String {
    let lang = opts.lang;
    let w = width.max(20) as usize;
    // Room for the line `--watch` prints while it waits, and the cursor.
    let height = (height as usize).saturating_sub(2).max(6);
    let mut top: Vec<String> = Vec::new();
    top.push(fit(
        &format!(
            "bimtek {} · {} · {} {}",
            env!("CARGO_PKG_VERSION"),
            visible(&t.name),
            lang.say(Say::ReferenceDate),
            crate::normalize::date::portal_format(opts.as_of)
        ),
        w,
    ));
    if let Some(since) = since {
        top.extend(super::layout::wrap(&headline(since, lang), w));
        let names: Vec<String> = since
            .added
            .iter()
            .map(|(a, n)| format!("+ {n} ({a})"))
            .chain(since.removed.iter().map(|(a, n)| format!("- {n} ({a})")))
            .collect();
        let shown = names.len().min(4);
        for n in &names[..shown] {
            top.push(fit(&format!("  {}", visible(n)), w));
        }
        if names.len() > shown {
            let n = names.len() - shown;
            top.push(format!(
                "  {}",
                lang.fill(Say::MoreInnovations, &[("n", &n)])
            ));
        }
    }
    // The table, with as many agencies as leave room for a few findings:
    // those that changed first, then those with the most errors.
    let budget = height.saturating_sub(top.len() + 5).max(6);
    let table = |only: Option<&HashSet<&str>>| -> Vec<String> {
        super::table::agency_table(outcome, lang, width.max(20), color, since, width < 80, only)
            .lines()
            .map(str::to_string)
            .collect()
    };
    let mut shown = table(None);
    if shown.len() > budget {
        let ranked = ranked_agencies(outcome, since);
        let mut n = ranked.len();
        while n > 0 {
            n -= 1;
            let only: HashSet<&str> = ranked[..n].iter().copied().collect();
            shown = table(Some(&only));
            if shown.len() < budget {
                break;
            }
        }
        let left = ranked.len() - n;
        shown.push(fit(
            &lang.fill(
                Say::MoreAgencies,
                &[("left", &lang.counted(left, Say::MoreAgencyNoun))],
            ),
            w,
        ));
    }
    top.extend(shown);

    let last = last_line(outcome, lang, time);
    let mut lines: Vec<String> = top;
    // A table taller than the screen is cut; the last line always shows.
    lines.truncate(height - 1);
    let findings = finding_lines(outcome, t, lang, since, w);
    // What is left above the last line: a heading, then the findings.
    let room = (height - 1).saturating_sub(lines.len());
    if room >= 2 {
        lines.push(
            lang.say(if findings.is_empty() {
                Say::NoFindings
            } else {
                Say::FindingsChangesFirst
            })
            .to_string(),
        );
        let room = room - 1;
        if findings.len() <= room {
            lines.extend(findings);
        } else {
            let keep = room - 1;
            let left = findings.len() - keep;
            lines.extend(findings.into_iter().take(keep));
            more(&mut lines, left, lang, w);
        }
    }
    lines.push(fit(&last, w));
    let mut s = lines.join("\n");
    s.push('\n');
    super::visible::visible_report(s, color)
}

/// Every agency of the table, those that changed first, then by the
/// innovations with errors, most first, then by name.
fn ranked_agencies<'a>(outcome: &'a Outcome, since: Option<&'a Since>) -> Vec<&'a str> {
    let mut errors: BTreeMap<&str, usize> = BTreeMap::new();
    // As in the table: a file without innovations shows under its agency.
    let with_innovations: HashSet<&str> = outcome.innovations.iter().map(|i| i.file()).collect();
    for (file, hint) in &outcome.files {
        if !with_innovations.contains(file.as_str()) {
            errors.entry(hint.as_str()).or_default();
        }
    }
    for i in &outcome.innovations {
        *errors.entry(&*i.agency).or_default() += usize::from(i.status == Severity::Error);
    }
    let changed: HashSet<&str> = since
        .into_iter()
        .flat_map(|s| s.agencies.iter())
        .filter(|d| d.changed())
        .map(|d| d.agency.as_str())
        .collect();
    for a in &changed {
        errors.entry(a).or_default();
    }
    let mut list: Vec<(&str, usize)> = errors.into_iter().collect();
    list.sort_by_key(|(a, n)| (!changed.contains(a), std::cmp::Reverse(*n), *a));
    list.into_iter().map(|(a, _)| a).collect()
}

/// The line saying how many findings did not fit.
fn more(lines: &mut Vec<String>, n: usize, lang: Lang, w: usize) {
    if n == 0 {
        return;
    }
    let n = lang.counted(n, Say::FindingNoun);
    let line = format!("  {}", lang.fill(Say::MoreFindings, &[("n", &n)]));
    lines.push(fit(&line, w));
}

/// The time of the check and the counts.
fn last_line(outcome: &Outcome, lang: Lang, time: &str) -> String {
    let c = |s| outcome.count(s);
    let (files, inns) = (outcome.files.len(), outcome.innovations.len());
    lang.fill(
        Say::LastCheck,
        &[
            ("time", &time),
            ("files", &lang.counted(files, Say::FileNoun)),
            ("innovations", &lang.counted(inns, Say::InnovationNoun)),
            ("errors", &lang.counted(c(Severity::Error), Say::ErrorNoun)),
            (
                "warnings",
                &lang.counted(c(Severity::Warning), Say::WarningNoun),
            ),
            ("infos", &lang.counted(c(Severity::Info), Say::InfoNoun)),
        ],
    )
}

/// One line per finding: those fixed since the previous check, then the
/// new ones, then the others in the report's order.
fn finding_lines(
    outcome: &Outcome,
    t: &Template,
    lang: Lang,
    since: Option<&Since>,
    w: usize,
) -> Vec<String> {
    let label = |field: Option<&str>| {
        field
            .and_then(|k| t.field(k))
            .map(|f| f.label(lang).to_string())
    };
    let mut out = Vec::new();
    let mut push = |mark: &str, sev: &str, code: &str, parts: Vec<String>| {
        let text = format!("{mark:<6}{sev:<11}{code} {}", parts.join(" · "));
        out.push(fit(&visible(&text), w));
    };
    let (fixed_word, new_word) = (lang.say(Say::FixedMark), lang.say(Say::NewMark));
    if let Some(since) = since {
        for (f, name) in since.fixed.iter().zip(&since.fixed_names) {
            let mut parts = vec![f.agency.clone()];
            if !name.is_empty() {
                parts.push(name.clone());
            }
            parts.extend(label(f.field.as_deref()));
            parts.push(f.cell.clone().unwrap_or_else(|| f.file.clone()));
            push(fixed_word, "", &f.code, parts);
        }
    }
    let new: std::collections::HashSet<*const Finding> = since
        .map(|s| {
            s.new
                .iter()
                .filter_map(|&k| outcome.findings.get(k))
                .map(|f| f as *const Finding)
                .collect()
        })
        .unwrap_or_default();
    let grouped = super::findings_by_agency(outcome);
    let describe = |agency: &str, f: &Finding| {
        let mut parts = vec![agency.to_string()];
        if let Some(i) = outcome.innovation_of(f) {
            parts.push(i.name().to_string());
        }
        parts.extend(label(f.field.as_deref()));
        if let (None, Some(n)) = (&f.field, f.indicator) {
            parts.push(format!("{} {n}", lang.say(Say::Indicator)));
        }
        parts.push(
            f.location
                .cell()
                .unwrap_or_else(|| f.location.file.rsplit('/').next().unwrap_or("").to_string()),
        );
        parts
    };
    // New findings first; then the others, errors before warnings before
    // infos, each in the report's order.
    let mut ordered: Vec<(bool, &str, &Finding)> = grouped
        .iter()
        .flat_map(|(agency, list)| {
            list.iter()
                .map(|f| (new.contains(&(*f as *const Finding)), *agency, *f))
        })
        .collect();
    ordered.sort_by_key(|(is_new, _, f)| (!is_new, std::cmp::Reverse(f.severity)));
    for (is_new, agency, f) in ordered {
        push(
            if is_new { new_word } else { "" },
            severity_word(f.severity, lang),
            f.code.as_str(),
            describe(agency, f),
        );
    }
    out
}

/// Where a line is cut; `…` is not in code page 850.
const ELLIPSIS: &str = if cfg!(windows) { "..." } else { "…" };

/// `text` on one line of at most `w` characters, cut with an ellipsis.
fn fit(text: &str, w: usize) -> String {
    let text = text.replace(['\n', '\r'], " ");
    if text.chars().count() <= w {
        return text;
    }
    let keep = w.saturating_sub(ELLIPSIS.chars().count());
    let mut s: String = text.chars().take(keep).collect();
    s.push_str(ELLIPSIS);
    s
}
