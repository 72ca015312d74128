//! `bimtek check`: load every input, normalize and check it, report.
//! Files are checked in parallel (one file per task); the per-file results
//! are combined and sorted, so the output does not depend on scheduling.
//! Here the command (outputs, `--since`, history, the report); `evaluate`
//! checks the inputs, `inputs` reads what comes beside them (SPD sheet,
//! roster, baselines, catalogue), and `watch` runs it again on changes.

mod evaluate;
mod inputs;
mod watch;

pub use evaluate::{RecordTap, check_file, evaluate, evaluate_with};
pub use watch::watch_loop;

use crate::diag::{Say, Trouble};
use crate::export::write::Target;
use crate::report;
use crate::settings::{CheckSettings, Format};
use anyhow::Result;
use std::path::PathBuf;

pub fn run(s: CheckSettings) -> Result<crate::Ran> {
    if s.format == Format::Xlsx && s.output.is_none() {
        return Err(xlsx_needs_file());
    }
    // Checked before any work; the output replaces only what was checked.
    let target = match &s.output {
        Some(path) => Some(Target::check(path, s.force, &read_paths(&s))?),
        None => None,
    };
    // The earlier report is read before any work: a file that is not one
    // stops the run here.
    let previous = match &s.since {
        Some(path) => Some(read_since(path)?),
        None => None,
    };
    // Opened (and judged) before any work; `--watch` records nothing.
    let mut history = match crate::history::path_from(s.history.clone()) {
        Some(path) if !s.watch => {
            crate::export::write::refuse_input(&path, &read_paths(&s))?;
            Some(crate::history::History::open(&path)?)
        }
        _ => None,
    };
    if s.watch {
        let mut first = true;
        let ignore: Vec<PathBuf> = s.output.iter().cloned().collect();
        // The previous check (at first the --since report): what the screen
        // and JSON say changed is counted from it.
        let mut previous = previous;
        return watch_loop(&s, &ignore, || {
            // Nothing to check yet: said, and the files are waited for
            // (a facilitator starts watching before agencies drop theirs).
            let outcome = match evaluate(&s) {
                Ok(outcome) => outcome,
                Err(e) => {
                    if s.output.is_none() && s.format == Format::Table {
                        report::frame(b"", true)?;
                    }
                    report::note(&format!("bimtek: {}", crate::diag::error_text(&e, s.lang)));
                    return Ok(());
                }
            };
            let now = chrono::Local::now();
            let current = crate::since::Snapshot::from_outcome(
                &outcome,
                s.as_of,
                Some(now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)),
            );
            let since = previous
                .as_ref()
                .map(|p| crate::since::compare(p, &current));
            previous = Some(current);
            let render = report::RenderOptions {
                lang: s.lang,
                as_of: s.as_of,
                width: s.width,
            };
            match (&s.output, s.format) {
                (None, Format::Table) if !s.full && report::screen_wanted() => {
                    let (columns, lines) = report::terminal_size();
                    let screen = report::render_screen(
                        &outcome,
                        &s.template,
                        &render,
                        since.as_ref(),
                        &now.format("%H:%M:%S").to_string(),
                        s.width.unwrap_or(columns),
                        lines,
                        report::use_color(),
                    );
                    report::frame(screen.as_bytes(), true)?;
                }
                (None, Format::Table) => {
                    report::frame(b"", true)?;
                    report::table_since(&outcome, &s.template, &render, since.as_ref())?;
                }
                (None, Format::Json) => {
                    let mut line = Vec::new();
                    report::json_since_to(
                        &mut line,
                        &outcome,
                        &s.template,
                        &render,
                        since.as_ref(),
                        false,
                    )?;
                    report::frame(&line, false)?;
                }
                _ => {
                    // CSV, HTML or a file: rewrite the whole output each run
                    // (our own earlier output may be replaced; its write
                    // events are ignored, and it is never read back). `watch`
                    // stays set: the page written reloads itself.
                    let mut again = s.clone();
                    again.force = s.force || !first;
                    first = false;
                    let target = match &again.output {
                        Some(path) => Some(Target::check(path, again.force, &read_paths(&again))?),
                        None => None,
                    };
                    render_once(&again, &outcome, target.as_ref(), since.as_ref())?;
                }
            }
            Ok(())
        })
        .map(crate::Ran::from);
    }
    // With a history, the previous run of these inputs is read while the
    // files are checked (it does not depend on them), and this run is
    // recorded while the report is written: `check --history` then costs
    // little more than `check` (BENCHMARKS.md, history recording).
    let key = crate::history::inputs_key(&s.paths);
    let (outcome, history) = std::thread::scope(|scope| {
        let reading = history.take().map(|h| {
            let key = &key;
            scope.spawn(move || {
                let before = crate::history::previous_stored(&h, key);
                (h, before)
            })
        });
        let outcome = evaluate(&s);
        let read = reading.map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        (outcome, read)
    });
    let outcome = outcome?;
    let mut since = previous.map(|p| {
        crate::since::compare(
            &p,
            &crate::since::Snapshot::from_outcome(&outcome, s.as_of, None),
        )
    });
    let mut campaign = None;
    std::thread::scope(|scope| -> Result<()> {
        let mut recording = None;
        if let Some((mut h, before)) = history {
            // The outcome per agency: recorded, and compared with the
            // previous recorded run of the same inputs where an agency
            // changed (a --since file given as well is the one compared
            // with).
            let now = crate::history::Recording::of(&s.template, &outcome);
            if let Some(before) = before?
                && since.is_none()
            {
                since = Some(before.since(&now, s.as_of)?);
            }
            if s.format == Format::Html {
                // The page draws the campaign of these inputs, this run
                // last; from the second run on, so that the first recorded
                // run changes nothing.
                h.record_as(&s.paths, &s.template, s.as_of, &now)?;
                campaign = Some(h.campaign(None, Some(&key))?).filter(|c| c.runs.len() > 1);
            } else {
                // A failure to record is still exit 2, said after the report.
                let s = &s;
                recording =
                    Some(scope.spawn(move || h.record_as(&s.paths, &s.template, s.as_of, &now)));
            }
        }
        render_once_with(
            &s,
            &outcome,
            target.as_ref(),
            since.as_ref(),
            campaign.as_ref(),
        )?;
        if let Some(r) = recording {
            r.join().unwrap_or_else(|e| std::panic::resume_unwind(e))?;
        }
        Ok(())
    })?;
    let failed = s
        .fail_on
        .is_some_and(|level| outcome.findings.iter().any(|f| f.severity >= level));
    Ok(crate::Ran {
        code: if failed {
            crate::EXIT_FINDINGS
        } else {
            crate::EXIT_OK
        },
        outcome: Some(outcome),
    })
}

/// A workbook is bytes for a file, never for a terminal; and a PowerShell
/// redirection would re-encode it.
fn xlsx_needs_file() -> anyhow::Error {
    Trouble::say(Say::XlsxNeedsFile, &[]).into()
}

/// Everything a check reads, which an output must not touch: the inputs,
/// the evidence folders, the baselines and the roster.
pub fn read_paths(s: &CheckSettings) -> Vec<PathBuf> {
    s.paths
        .iter()
        .chain(&s.evidence)
        .chain(s.baselines.iter().map(|(_, p)| p))
        .chain(&s.spd_sheet)
        .chain(&s.roster)
        .chain(&s.iid)
        .chain(&s.catalog)
        .cloned()
        .collect()
}

/// The saved JSON report given with `--since`, as a snapshot. Its time is
/// the file's modification time (the report holds none: the same input
/// gives the same bytes).
fn read_since(path: &std::path::Path) -> Result<crate::since::Snapshot> {
    let shown = report::visible(&path.to_string_lossy()).into_owned();
    // A pipe or a device would be read forever, a folder not at all.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(Trouble::say(Say::SinceNotAFile, &[("shown", &shown)]).into());
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Trouble::say(Say::SinceCannotBeRead, &[("shown", &shown), ("e", &e)]))?;
    let time = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| {
            chrono::DateTime::<chrono::Utc>::from(t)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        });
    crate::since::Snapshot::from_report_json(&bytes, time).map_err(|why| {
        let words = why.words();
        Trouble::each(|lang| format!("--since {shown}: {}", lang.pick(&words))).into()
    })
}

/// Render one outcome as the settings ask, into `target` when there is
/// one; with what changed since an earlier run in the table, JSON and HTML.
fn render_once(
    s: &CheckSettings,
    outcome: &crate::outcome::Outcome,
    target: Option<&Target>,
    since: Option<&crate::since::Since>,
) -> Result<()> {
    render_once_with(s, outcome, target, since, None)
}

/// [`render_once`], the HTML page drawing `campaign` per agency.
fn render_once_with(
    s: &CheckSettings,
    outcome: &crate::outcome::Outcome,
    target: Option<&Target>,
    since: Option<&crate::since::Since>,
    campaign: Option<&crate::history::Campaign>,
) -> Result<()> {
    let render = report::RenderOptions {
        lang: s.lang,
        as_of: s.as_of,
        width: s.width,
    };
    let page = report::HtmlPage {
        projector: s.projector || s.watch,
        reload: s.watch,
    };
    let extras = report::HtmlExtras { since, campaign };
    match (target, s.format) {
        (None, Format::Table) => report::table_since(outcome, &s.template, &render, since)?,
        (None, Format::Json) if since.is_some() => {
            let mut bytes = Vec::new();
            report::json_since_to(&mut bytes, outcome, &s.template, &render, since, true)?;
            report::print(&bytes)?
        }
        (None, Format::Json) => report::json(outcome, &s.template, &render)?,
        (None, Format::Csv) => report::csv(outcome, &render, s.csv_dialect())?,
        (None, Format::Html) => report::print(
            report::render_html_with(outcome, &s.template, &render, page, extras).as_bytes(),
        )?,
        (None, Format::Xlsx) => return Err(xlsx_needs_file()),
        (Some(target), format) => {
            let mut bytes: Vec<u8> = Vec::new();
            match format {
                Format::Table => {
                    let width = s.width.unwrap_or(100);
                    bytes = report::render_table_since(
                        outcome,
                        &s.template,
                        &render,
                        width,
                        false,
                        since,
                    )
                    .into_bytes();
                }
                Format::Json => {
                    report::json_since_to(&mut bytes, outcome, &s.template, &render, since, true)?
                }
                Format::Csv => report::csv_to(&mut bytes, outcome, &render, s.csv_dialect())?,
                Format::Html => {
                    bytes = report::render_html_with(outcome, &s.template, &render, page, extras)
                        .into_bytes()
                }
                Format::Xlsx => bytes = report::render_xlsx(outcome, &s.template, &render)?,
            }
            target.file(&bytes)?;
        }
    }
    Ok(())
}
