//! The report for people: a summary table per agency, then every finding
//! grouped by agency and file, wrapped to the width (100 columns reads well
//! on a projector). Rendered into a string by one function that takes the
//! width, so tests can fix it.

use super::layout::{ARROW, BORDERS, SEP, wrap};
use super::visible::{self, visible};
use super::{RenderOptions, severity_word, use_color};
use crate::diag::{Code, Lang, Say, Severity, count, number};
use crate::normalize::date::portal_format;
use crate::outcome::Outcome;
use crate::template::Template;
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};

struct Words {
    agency: &'static str,
    files: &'static str,
    innovations: &'static str,
    clean: &'static str,
    warnings: &'static str,
    errors: &'static str,
    total: &'static str,
    claimed: &'static str,
    verified: &'static str,
    findings: &'static str,
    hint: &'static str,
    none: &'static str,
    reference: &'static str,
    row: &'static str,
    unnamed: &'static str,
}

fn words(lang: Lang) -> Words {
    Words {
        agency: lang.say(Say::AgencyOpd),
        files: lang.say(Say::FilesHead),
        innovations: lang.say(Say::InnovationsHead),
        clean: lang.say(Say::Clean),
        warnings: lang.say(Say::WithWarnings),
        errors: lang.say(Say::WithErrors),
        total: lang.say(Say::Total),
        claimed: lang.say(Say::ClaimedScore),
        verified: lang.say(Say::ScoreVerified),
        findings: lang.say(Say::Findings),
        hint: lang.say(Say::HintWord),
        none: lang.say(Say::NoFindings),
        reference: lang.say(Say::ReferenceDate),
        row: lang.say(Say::Row),
        unnamed: lang.say(Say::NoName),
    }
}

pub fn table(outcome: &Outcome, t: &Template, opts: &RenderOptions) -> anyhow::Result<()> {
    table_since(outcome, t, opts, None)
}

/// [`table`], with what changed since an earlier run.
pub fn table_since(
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    since: Option<&crate::since::Since>,
) -> anyhow::Result<()> {
    // A terminal that reports 0 columns (a serial console, some CI
    // runners) is 100 wide: a table of width 0 puts one character a line.
    let width = opts.width.unwrap_or_else(|| {
        if io::stdout().is_terminal() {
            super::terminal_size().0
        } else {
            100
        }
    });
    // Windows: no ANSI colours. The console of Windows 10 (conhost) shows
    // escape codes as text (`←[31m`) unless the program switches on virtual
    // terminal processing, which std does not do (and `unsafe_code` is
    // forbidden here). The severity words carry the meaning without colour.
    let color = use_color();
    let text = render_table_since(outcome, t, opts, width, color, since);
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Render the whole report at `width` columns.
pub fn render_table(
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    width: u16,
    color: bool,
) -> String {
    render_table_since(outcome, t, opts, width, color, None)
}

/// [`render_table`], with what changed since an earlier run above the
/// table and each agency's changed counts as `before → now`.
pub fn render_table_since(
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    width: u16,
    color: bool,
    since: Option<&crate::since::Since>,
) -> String {
    let w = words(opts.lang);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "bimtek {} {SEP} {} ({}) {SEP} {} {}",
        env!("CARGO_PKG_VERSION"),
        visible(&t.name),
        visible(&t.id),
        w.reference,
        portal_format(opts.as_of)
    );
    let _ = writeln!(s);

    if let Some(since) = since {
        s.push_str(&super::changes::render_changes(
            since,
            opts.lang,
            width as usize,
        ));
        let _ = writeln!(s);
    }
    s.push_str(&agency_table(
        outcome, opts.lang, width, color, since, false, None,
    ));
    let _ = writeln!(s);

    let grouped = super::findings_by_agency(outcome);
    let _ = writeln!(s, "{}", bold(w.findings, color));
    if grouped.is_empty() {
        let _ = writeln!(s, "{}", w.none);
    }
    let width = width as usize;
    for (agency, findings) in &grouped {
        let _ = writeln!(s);
        let _ = writeln!(s, "{}", bold(&visible(agency), color));
        let mut last_file = "";
        let mut last_innovation = None;
        for f in findings {
            let inn = outcome.innovation_of(f);
            let file = inn.map_or(f.location.file.as_str(), |i| i.file());
            if file != last_file {
                last_file = file;
                last_innovation = None;
                let _ = writeln!(s, "  {}", visible(last_file));
            }
            // Findings of one innovation sit under its name, one step in.
            let indent = if let Some(i) = inn {
                if last_innovation != f.innovation {
                    last_innovation = f.innovation;
                    let name = if i.name().is_empty() {
                        w.unnamed
                    } else {
                        i.name()
                    };
                    let place = match &i.sheet() {
                        Some(sh) => format!("{sh} {} {}", w.row, i.row),
                        None => format!("{} {}", w.row, i.row),
                    };
                    for line in wrap(
                        &visible(&format!("{name} ({place})")),
                        width.saturating_sub(4),
                    ) {
                        let _ = writeln!(s, "    {}", bold(&line, color));
                    }
                }
                "      "
            } else {
                "    "
            };
            let sev = severity_word(f.severity, opts.lang);
            let l = &f.location;
            let mut place = l
                .cell()
                .or_else(|| {
                    l.row.map(|r| match &l.sheet {
                        Some(sh) => format!("{sh} {} {r}", w.row),
                        None => format!("{} {r}", w.row),
                    })
                })
                .or_else(|| l.sheet.clone())
                .unwrap_or_else(|| file_name(&l.file).to_string());
            // An evidence row in another file than its innovation's.
            if l.file != file {
                place = format!("{} {place}", file_name(&l.file));
            }
            let indicator = f
                .indicator
                .map(|n| format!(" {SEP} {} {n}", opts.lang.say(Say::Indicator)))
                .unwrap_or_default();
            let label = f
                .field
                .as_deref()
                .and_then(|key| t.field(key))
                .map(|x| format!(" {SEP} {}", x.label(opts.lang)))
                .unwrap_or_default();
            // Severity and code stay in their columns; a long place or
            // label goes on under the place.
            let lead = format!("{indent}{:<10} {} ", sev, f.code);
            let rest = visible(&format!("{place}{indicator}{label}")).into_owned();
            let room = width.saturating_sub(lead.chars().count()).max(30);
            for (k, line) in wrap(&rest, room).into_iter().enumerate() {
                let line = if k == 0 {
                    format!("{lead}{line}")
                } else {
                    format!("{:w$}{line}", "", w = lead.chars().count())
                };
                let line = if color {
                    colorize(line.trim_end(), f.severity)
                } else {
                    line.trim_end().to_string()
                };
                let _ = writeln!(s, "{line}");
            }
            let indent = format!("{indent}  ");
            for line in wrap(
                &visible(&f.message(opts.lang)),
                width.saturating_sub(indent.len()).max(30),
            ) {
                let _ = writeln!(s, "{indent}{line}");
            }
            let hint = format!("{}: {}", w.hint, visible(&f.hint(opts.lang)));
            for line in wrap(&hint, width.saturating_sub(indent.len() + 2).max(30)) {
                let _ = writeln!(s, "{indent}  {line}");
            }
        }
    }
    portal_sections(&mut s, outcome, opts.lang, width, color);
    at_risk_table(&mut s, outcome, t, opts.lang, width as u16, color);
    pemda_lines(&mut s, outcome, opts.lang, width);
    let _ = writeln!(s);
    let c = |n, noun| opts.lang.counted(n, noun);
    let _ = writeln!(
        s,
        "{}, {}: {}, {}, {}.",
        c(outcome.files.len(), Say::FileNoun),
        c(outcome.innovations.len(), Say::InnovationNoun),
        c(outcome.count(Severity::Error), Say::ErrorNoun),
        c(outcome.count(Severity::Warning), Say::WarningNoun),
        c(outcome.count(Severity::Info), Say::InfoNoun)
    );
    // A value not wrapped above still cannot command the terminal.
    visible::visible_report(s, color)
}

/// The table of agencies: their files, innovations by status and average
/// scores, and a total row. With `since`, a count that changed shows as
/// `before → now`, and an agency that has gone shows with its zeros.
/// `compact` keeps the agency, its innovations and those with errors, for
/// a screen too narrow for eight columns; `only`, when given, the agencies
/// that get a row (the total counts them all).
pub(super) fn agency_table(
    outcome: &Outcome,
    lang: Lang,
    width: u16,
    color: bool,
    since: Option<&crate::since::Since>,
    compact: bool,
    only: Option<&std::collections::HashSet<&str>>,
) -> String {
    let w = words(lang);
    let mut per_agency = super::agency_tallies(outcome);
    // Files that gave no innovation still appear under their agency.
    let with_innovations: std::collections::HashSet<&str> =
        outcome.innovations.iter().map(|i| i.file()).collect();
    for (file, hint) in &outcome.files {
        if !with_innovations.contains(file.as_str()) {
            per_agency.entry(hint).or_default().files.insert(file);
        }
    }
    // So do the roster's agencies that sent nothing (O001; a lab's unit
    // without an idea, L013) or are only in the portal (O003): a row of
    // zeros is who to remind.
    for f in &outcome.findings {
        if let (Code::O001 | Code::O003 | Code::L013, Some(agency)) = (f.code, &f.agency) {
            per_agency.entry(agency).or_default();
        }
    }
    // An agency that had innovations before and has none now still shows.
    let deltas: BTreeMap<&str, &crate::since::AgencyDelta> = since
        .map(|x| x.agencies.iter().map(|d| (d.agency.as_str(), d)).collect())
        .unwrap_or_default();
    for agency in deltas.keys() {
        per_agency.entry(agency).or_default();
    }
    // A count that changed, as `before → now`.
    let moved = |before: usize, now: usize| {
        if since.is_some() && before != now {
            format!(
                "{} {ARROW} {}",
                count(before as u64, lang),
                count(now as u64, lang)
            )
        } else {
            count(now as u64, lang)
        }
    };
    let (mut innovations_before, mut with_errors_before) = (0, 0);

    let mut tbl = Table::new();
    tbl.load_style(BORDERS)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    if !color {
        tbl.force_no_tty();
    }
    let keep = |k: usize| !compact || matches!(k, 0 | 2 | 5);
    let header = [
        w.agency,
        w.files,
        w.innovations,
        w.clean,
        w.warnings,
        w.errors,
        w.claimed,
        w.verified,
    ];
    tbl.set_header(
        header
            .into_iter()
            .enumerate()
            .filter(|(k, _)| keep(*k))
            .map(|(_, h)| h),
    );
    // A heading stays on one line when the width allows, else wraps between
    // its words, not inside one ("Skor terverifikasi" on a 100-column
    // projector), while the agency column keeps 20 columns; narrower still,
    // comfy-table breaks words as it must. (comfy-table gives a column with
    // a lower bound no more than the bound, so the bound is the heading.)
    if !compact {
        let whole: Vec<u16> = header
            .iter()
            .map(|h| h.chars().count() as u16 + 2)
            .collect();
        let word: Vec<u16> = header
            .iter()
            .map(|h| h.split(' ').map(|x| x.chars().count()).max().unwrap_or(0) as u16 + 2)
            .collect();
        let numbers = |b: &[u16]| b[1..].iter().sum::<u16>() + header.len() as u16 + 1;
        let bound = [whole, word].into_iter().find(|b| numbers(b) + 20 <= width);
        if let Some(mut bounds) = bound {
            let names = per_agency.keys().map(|a| visible(a).chars().count());
            let longest = names.max().unwrap_or(0).max(w.total.len()) as u16 + 2;
            bounds[0] = longest.min(width - numbers(&bounds));
            for (i, n) in bounds.into_iter().enumerate() {
                if let Some(c) = tbl.column_mut(i) {
                    c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(n)));
                }
            }
        }
    }
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    // The files of every agency are counted once in the total: a recap file
    // of 950 agencies is one file.
    let mut all_files = std::collections::BTreeSet::new();
    let mut total = [0usize; 5];
    let (mut tc, mut tv) = (0.0, 0.0);
    // Scores are averages per innovation, out of the template maximum.
    let avg = |sum: f64, n: usize| {
        if n == 0 {
            "-".to_string()
        } else {
            number(sum / n as f64, 1, lang)
        }
    };
    let right = |s: String| Cell::new(s).set_alignment(CellAlignment::Right);
    for (agency, c) in &per_agency {
        all_files.extend(c.files.iter().copied());
        let nums = [c.files.len(), c.innovations, c.clean, c.warnings, c.errors];
        for (t, n) in total.iter_mut().zip(nums) {
            *t += n;
        }
        tc += c.claimed;
        tv += c.verified;
        let (inn_before, err_before) = match deltas.get(agency) {
            Some(d) => (d.innovations_before, d.with_errors_before),
            None => (c.innovations, c.errors),
        };
        innovations_before += inn_before;
        with_errors_before += err_before;
        let mut row = vec![Cell::new(visible(agency))];
        row.extend(nums.iter().enumerate().map(|(k, n)| {
            right(match k {
                1 => moved(inn_before, *n),
                4 => moved(err_before, *n),
                _ => count(*n as u64, lang),
            })
        }));
        row.push(right(avg(c.claimed, c.innovations)));
        row.push(right(avg(c.verified, c.innovations)));
        if only.is_none_or(|o| o.contains(agency)) {
            rows.push(row);
        }
    }
    total[0] = all_files.len();
    let mut row = vec![Cell::new(w.total)];
    row.extend(total.iter().enumerate().map(|(k, n)| {
        right(match k {
            1 => moved(innovations_before, *n),
            4 => moved(with_errors_before, *n),
            _ => count(*n as u64, lang),
        })
    }));
    row.push(right(avg(tc, total[1])));
    row.push(right(avg(tv, total[1])));
    rows.push(row);
    for row in rows {
        tbl.add_row(
            row.into_iter()
                .enumerate()
                .filter(|(k, _)| keep(*k))
                .map(|(_, c)| c),
        );
    }
    format!("{tbl}\n")
}

/// Per agency, what to enter, what to update and what is only in the
/// portal: the list a facilitator reads out in a bimtek session.
fn portal_sections(s: &mut String, outcome: &Outcome, lang: Lang, width: usize, color: bool) {
    let Some(only) = &outcome.portal_only else {
        return;
    };
    let _ = writeln!(s);
    let _ = writeln!(s, "{}", bold(lang.say(Say::ComparedWithThePortal), color));
    let mut agencies: BTreeMap<&str, Vec<&crate::outcome::Innovation>> = BTreeMap::new();
    for i in &outcome.innovations {
        agencies.entry(&i.agency).or_default().push(i);
    }
    for (agency, list) in &agencies {
        let of = |st: &str| -> Vec<&&crate::outcome::Innovation> {
            list.iter()
                .filter(|i| i.portal.as_ref().is_some_and(|p| p.status == st))
                .collect()
        };
        let (new, old, same) = (of("not_entered"), of("outdated"), of("up_to_date"));
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{}: {} {}, {} {}, {} {}",
            visible(agency),
            new.len(),
            super::portal_word("not_entered", lang),
            old.len(),
            super::portal_word("outdated", lang),
            same.len(),
            super::portal_word("up_to_date", lang)
        );
        if !new.is_empty() {
            let _ = writeln!(s, "  {}", lang.say(Say::ToEnter));
            for i in &new {
                let note = i
                    .portal
                    .as_ref()
                    .filter(|p| !p.candidates.is_empty())
                    .map(|p| {
                        format!(
                            " ({}: {})",
                            lang.say(Say::CloseTo),
                            visible(&p.candidates.join("; "))
                        )
                    })
                    .unwrap_or_default();
                for l in wrap(
                    &format!("- {}{note}", visible(i.name())),
                    width.saturating_sub(4),
                ) {
                    let _ = writeln!(s, "    {l}");
                }
            }
        }
        if !old.is_empty() {
            let _ = writeln!(s, "  {}", lang.say(Say::ToUpdate));
            for i in &old {
                let _ = writeln!(s, "    - {}", visible(i.name()));
                for c in i.portal.iter().flat_map(|p| &p.changes) {
                    for l in wrap(
                        &format!(
                            "{}: \"{}\" -> \"{}\"",
                            visible(c.field),
                            visible(&c.portal),
                            visible(&c.agency)
                        ),
                        width.saturating_sub(8),
                    ) {
                        let _ = writeln!(s, "        {l}");
                    }
                }
            }
        }
    }
    if !only.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "{}", lang.say(Say::OnlyInThePortal));
        for o in only {
            let _ = writeln!(
                s,
                "    - {} ({}, {} {})",
                visible(&o.name),
                visible(&o.file),
                lang.say(Say::Row),
                o.row
            );
        }
    }
}

/// Points claimed but not backed by passing evidence, per innovation and
/// indicator: what fixing the evidence would win back.
fn at_risk_table(
    s: &mut String,
    outcome: &Outcome,
    t: &Template,
    lang: Lang,
    width: u16,
    color: bool,
) {
    let rows: Vec<_> = outcome
        .innovations
        .iter()
        .flat_map(|i| i.score.at_risk().iter().map(move |r| (i, r)))
        .collect();
    if rows.is_empty() {
        return;
    }
    let title = lang.say(Say::PointsAtRisk);
    let head = [
        Say::AgencyOpd,
        Say::Innovation,
        Say::Indicator,
        Say::Reason,
        Say::Points,
    ]
    .map(|k| lang.say(k));
    let _ = writeln!(s);
    let _ = writeln!(s, "{}", bold(title, color));
    let mut tbl = Table::new();
    tbl.load_style(BORDERS)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    if !color {
        tbl.force_no_tty();
    }
    tbl.set_header(head.to_vec());
    let mut total = 0.0;
    for (i, r) in &rows {
        let name = t
            .indicator(r.indicator)
            .map_or(String::new(), |x| x.name.clone());
        let reason = format!("{} ({})", r.code.info().summary(lang), r.code);
        total += r.points;
        tbl.add_row(vec![
            Cell::new(visible(&i.agency)),
            Cell::new(visible(i.name())),
            Cell::new(format!("{} {}", r.indicator, visible(&name))),
            Cell::new(reason),
            Cell::new(format!(
                "-{}",
                number(r.points, crate::diag::decimals(r.points), lang)
            ))
            .set_alignment(CellAlignment::Right),
        ]);
    }
    let _ = writeln!(s, "{tbl}");
    let total = number(total, crate::diag::decimals(total), lang);
    let _ = writeln!(
        s,
        "{}",
        lang.fill(Say::PointsAtRiskTotal, &[("total", &total)])
    );
}

/// The IID estimate per pemda, in plain words.
fn pemda_lines(s: &mut String, outcome: &Outcome, lang: Lang, width: usize) {
    let n2 = |x: f64| number(x, 2, lang);
    for p in &outcome.pemda {
        let _ = writeln!(s);
        let spd = p.spd.map_or("-".to_string(), n2);
        let (covered, all) = (
            p.yandas_covered.len(),
            p.yandas_covered.len() + p.yandas_missing.len(),
        );
        let mut lines = vec![
            lang.fill(
                Say::IidEstimate,
                &[
                    ("pemda", &p.name),
                    ("iid", &n2(p.iid)),
                    ("predicate", &p.predicate),
                ],
            ),
            lang.fill(
                Say::SidLine,
                &[
                    (
                        "innovations",
                        &lang.counted(p.innovations, Say::InnovationNoun),
                    ),
                    ("sid", &n2(p.sid)),
                    ("claimed", &n2(p.sid_claimed)),
                    ("count_score", &n2(p.count_score)),
                    ("spd", &spd),
                ],
            ),
            lang.fill(Say::IidIfAllCounted, &[("iid", &n2(p.iid_claimed))]),
            lang.fill(
                Say::BasicServicesOf,
                &[("covered", &covered), ("all", &all)],
            ),
        ];
        if p.left_out > 0 {
            let why = p
                .left_out_by
                .iter()
                .map(|(code, n)| format!("{code} {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            let key = if p.left_out == 1 {
                Say::LeftOutOne
            } else {
                Say::LeftOutMany
            };
            let n = count(p.left_out as u64, lang);
            lines.push(lang.fill(key, &[("n", &n), ("why", &why)]));
        }
        if !p.yandas_missing.is_empty() {
            let missing = p.yandas_missing.join("; ");
            lines.push(lang.fill(Say::NoInnovationFor, &[("missing", &missing)]));
        }
        if p.short_of_k > 0 {
            let k = lang.counted(p.short_of_k as usize, Say::InnovationNoun);
            lines.push(lang.fill(Say::ShortOfK, &[("k", &k)]));
        }
        if p.spd.is_none() {
            lines.push(lang.say(Say::NoSpd).to_string());
        }
        for l in lines {
            for w in wrap(&visible(&l), width) {
                let _ = writeln!(s, "{w}");
            }
        }
    }
}

/// The last part of a displayed path.
fn file_name(display: &str) -> &str {
    display.rsplit('/').next().unwrap_or(display)
}

fn bold(s: &str, color: bool) -> String {
    if color {
        format!("{}{s}{}", visible::BOLD, visible::RESET)
    } else {
        s.to_string()
    }
}

fn colorize(s: &str, sev: Severity) -> String {
    let code = match sev {
        Severity::Error => visible::RED,
        Severity::Warning => visible::YELLOW,
        Severity::Info => visible::CYAN,
    };
    format!("{code}{s}{}", visible::RESET)
}
